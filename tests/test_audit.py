"""Unit tests for :mod:`hrfair_helpers.audit` with small, hand-computed tables.

Every expected number below is worked out by hand in the comments next to it (or with an
independent formula from scipy). Cross-checks against fairlearn / aif360 live in
``test_audit_crosscheck.py`` and are not repeated here.

Tests marked ``# BUG:`` expose engine bugs; they are expected to fail until the engine is fixed.
"""

import html
import math
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from builders import confusion_rows  # noqa: E402
from scipy import stats  # noqa: E402

from hrfair_helpers.audit import (  # noqa: E402
    AdverseImpactReport,
    GroupMetricsReport,
    adverse_impact,
    adverse_impact_from_counts,
    group_metrics,
)

# --------------------------------------------------------------------------- #
# helpers


def rows(counts):
    """Expand {group: (n, selected)} into (selected, groups) row arrays, selections first."""
    sel, grp = [], []
    for g, (n, s) in counts.items():
        sel += [1] * s + [0] * (n - s)
        grp += [g] * n
    return np.array(sel), np.array(grp, dtype=object)


def pooled_z(s1, n1, s2, n2):
    """Pooled two-proportion z statistic, written out independently of the engine."""
    p1, p2 = s1 / n1, s2 / n2
    p = (s1 + s2) / (n1 + n2)
    return (p1 - p2) / math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


# Three groups, worked by hand:
#   A: 30 of 50 selected -> rate 0.6  (highest -> reference)
#   B: 16 of 40 selected -> rate 0.4  -> ratio 0.4/0.6 = 2/3  -> adverse
#   C:  3 of 10 selected -> rate 0.3  -> ratio 0.3/0.6 = 1/2  -> adverse, small (< 30)
# Shortfall: need rate >= 0.8 * 0.6 = 0.48
#   B: 0.48 * 40 = 19.2 -> needs 20 selections -> 20 - 16 = 4
#   C: 0.48 * 10 =  4.8 -> needs  5 selections ->  5 -  3 = 2
THREE = {"A": (50, 30), "B": (40, 16), "C": (10, 3)}


@pytest.fixture
def three():
    sel, grp = rows(THREE)
    return adverse_impact(sel, grp)


# --------------------------------------------------------------------------- #
# 1. adverse_impact: every column by hand


def test_three_group_counts_rates_ratios(three):
    t = three.table
    assert list(t.columns) == [
        "n",
        "selected",
        "selection_rate",
        "impact_ratio",
        "adverse_impact",
        "z_stat",
        "p_value_z",
        "p_value_fisher",
        "shortfall",
        "small_group",
    ]
    assert list(t.index) == ["A", "B", "C"]
    assert t.index.name == "group"
    assert t["n"].tolist() == [50, 40, 10]
    assert t["selected"].tolist() == [30, 16, 3]
    np.testing.assert_allclose(t["selection_rate"], [0.6, 0.4, 0.3], rtol=1e-12)
    np.testing.assert_allclose(t["impact_ratio"], [1.0, 2 / 3, 0.5], rtol=1e-12)
    assert t["adverse_impact"].tolist() == [False, True, True]
    assert t["shortfall"].tolist() == [0, 4, 2]
    assert t["small_group"].tolist() == [False, False, True]
    assert three.reference == "A"
    assert three.flagged == ["B", "C"]
    assert three.lowest_impact_ratio == pytest.approx(0.5)
    assert three.min_impact_ratio == 0.8
    assert three.unknown_count == 0


def test_three_group_significance(three):
    t = three.table
    # The reference group is not tested against itself.
    assert t.loc["A", ["z_stat", "p_value_z", "p_value_fisher"]].isna().all()
    # B vs A by hand: pooled p = 46/90, se = sqrt(p(1-p)(1/40 + 1/50)), diff = -0.2 -> z ~ -1.8861
    assert t.loc["B", "z_stat"] == pytest.approx(-1.8861, abs=1e-4)
    for g in ("B", "C"):
        n, s = THREE[g]
        z = pooled_z(s, n, 30, 50)
        assert t.loc[g, "z_stat"] == pytest.approx(z, rel=1e-12)
        assert t.loc[g, "p_value_z"] == pytest.approx(2 * stats.norm.sf(abs(z)), rel=1e-12)
        # The pooled z-test is the uncorrected chi-square test on the 2x2 table: z^2 = chi2.
        table = [[s, n - s], [30, 20]]
        chi2, p_chi2, _, _ = stats.chi2_contingency(table, correction=False)
        assert t.loc[g, "z_stat"] ** 2 == pytest.approx(chi2, rel=1e-9)
        assert t.loc[g, "p_value_z"] == pytest.approx(p_chi2, rel=1e-9)
        assert t.loc[g, "p_value_fisher"] == pytest.approx(stats.fisher_exact(table)[1], rel=1e-12)


def test_reference_highest_picks_max_and_first_on_ties():
    # b and c tie at 0.5 (the max); sorted order puts b first.
    sel, grp = rows({"c": (10, 5), "a": (10, 2), "b": (20, 10)})
    rep = adverse_impact(sel, grp, min_group_size=1)
    assert list(rep.table.index) == ["a", "b", "c"]
    assert rep.reference == "b"
    assert rep.table.loc["c", "impact_ratio"] == 1.0
    assert rep.table.loc["a", "impact_ratio"] == pytest.approx(0.4)  # 0.2 / 0.5


def test_named_reference_string():
    sel, grp = rows(THREE)
    rep = adverse_impact(sel, grp, reference="B")
    assert rep.reference == "B"
    # A: 0.6/0.4 = 1.5, C: 0.3/0.4 = 0.75 < 0.8
    np.testing.assert_allclose(rep.table["impact_ratio"], [1.5, 1.0, 0.75], rtol=1e-12)
    assert rep.flagged == ["C"]
    # C needs rate >= 0.8 * 0.4 = 0.32 -> 3.2 -> 4 selections -> shortfall 1
    assert rep.table["shortfall"].tolist() == [0, 0, 1]
    assert np.isnan(rep.table.loc["B", "z_stat"])
    assert not np.isnan(rep.table.loc["A", "z_stat"])


def _intersection_frame():
    # (F, a): 2/4, (F, b): 1/4, (M, a): 4/4, (M, b): 3/4
    sel, sex, race = [], [], []
    for (s, r), k in {("F", "a"): 2, ("F", "b"): 1, ("M", "a"): 4, ("M", "b"): 3}.items():
        sel += [1] * k + [0] * (4 - k)
        sex += [s] * 4
        race += [r] * 4
    return pd.DataFrame({"sex": sex, "race": race, "hired": sel})


@pytest.mark.parametrize("ref", [("F", "a"), ["F", "a"]])
def test_named_reference_intersection_tuple_or_list(ref):
    df = _intersection_frame()
    rep = adverse_impact("hired", ["sex", "race"], data=df, reference=ref, min_group_size=1)
    assert rep.reference == ("F", "a")
    assert isinstance(rep.table.index, pd.MultiIndex)
    assert list(rep.table.index.names) == ["sex", "race"]
    # ratios vs 0.5: 1.0, 0.5, 2.0, 1.5
    np.testing.assert_allclose(rep.table["impact_ratio"], [1.0, 0.5, 2.0, 1.5])
    assert rep.flagged == [("F", "b")]


def test_highest_reference_intersection():
    rep = adverse_impact("hired", ["sex", "race"], data=_intersection_frame(), min_group_size=1)
    assert rep.reference == ("M", "a")
    np.testing.assert_allclose(rep.table["impact_ratio"], [0.5, 0.25, 1.0, 0.75])
    assert rep.flagged == [("F", "a"), ("F", "b"), ("M", "b")]


@pytest.mark.parametrize("sel_b, adverse, short", [(40, False, 0), (39, True, 1)])
def test_four_fifths_boundary(sel_b, adverse, short):
    # 40/100 vs 50/100 -> ratio exactly 0.8 -> not adverse; 39/100 -> 0.78 -> adverse, 1 short.
    sel, grp = rows({"a": (100, 50), "b": (100, sel_b)})
    rep = adverse_impact(sel, grp)
    assert bool(rep.table.loc["b", "adverse_impact"]) is adverse
    assert rep.table.loc["b", "shortfall"] == short


def test_four_fifths_exact_where_floats_are_wrong():
    # 36/100 vs 45/100 is exactly 4/5, but in floats (0.36 / 0.45) = 0.7999999999999999 < 0.8.
    assert (36 / 100) / (45 / 100) < 0.8  # the float trap this test is about
    sel, grp = rows({"a": (100, 45), "b": (100, 36)})
    rep = adverse_impact(sel, grp)
    assert not rep.table.loc["b", "adverse_impact"]
    assert rep.table.loc["b", "shortfall"] == 0
    assert rep.flagged == []
    # Same with unequal group sizes: 2/25 = 0.08 vs 1/10 = 0.1 -> exactly 0.8, floats say 0.79999...
    assert (2 / 25) / (1 / 10) < 0.8
    rep = adverse_impact_from_counts(pd.Series({"x": 10, "y": 25}), pd.Series({"x": 1, "y": 2}))
    assert rep.flagged == []
    assert rep.table.loc["y", "shortfall"] == 0


def test_other_threshold():
    # a: 50/100 = 0.5 (reference). b: 45/100 -> ratio 0.9 exactly (not adverse at 0.9).
    # c: 44/100 -> 0.88 < 0.9 -> adverse; needs 0.45 * 100 = 45 -> shortfall 1. Both pass at 0.8.
    sel, grp = rows({"a": (100, 50), "b": (100, 45), "c": (100, 44)})
    rep = adverse_impact(sel, grp, min_impact_ratio=0.9)
    assert rep.min_impact_ratio == 0.9
    assert rep.flagged == ["c"]
    assert rep.table["shortfall"].tolist() == [0, 0, 1]
    assert adverse_impact(sel, grp).flagged == []
    # threshold 1 is allowed: anything below the reference rate is adverse
    assert adverse_impact(sel, grp, min_impact_ratio=1).flagged == ["b", "c"]


def test_threshold_fraction():
    from fractions import Fraction

    sel, grp = rows({"a": (100, 45), "b": (100, 36), "c": (100, 35)})
    rep = adverse_impact(sel, grp, min_impact_ratio=Fraction(4, 5))
    assert rep.flagged == ["c"]  # 36/45 = 4/5 exactly is not adverse; 35/45 is
    assert rep.min_impact_ratio == 0.8


@pytest.mark.parametrize("bad", [0, 1.5, "0.8", True, -0.2, float("nan")])
def test_invalid_threshold(bad):
    sel, grp = rows(THREE)
    with pytest.raises(ValueError, match="min_impact_ratio"):
        adverse_impact(sel, grp, min_impact_ratio=bad)
    with pytest.raises(ValueError, match="min_impact_ratio"):
        adverse_impact_from_counts(pd.Series({"a": 5}), pd.Series({"a": 1}), min_impact_ratio=bad)


def test_threshold_numpy_float():
    # BUG: a numpy float32 threshold (e.g. read from a config array) is rejected with
    # "threshold must be a number between 0 and 1, got np.float32(0.9)".
    sel, grp = rows({"a": (100, 50), "b": (100, 44)})
    rep = adverse_impact(sel, grp, min_impact_ratio=np.float32(0.9))
    assert rep.flagged == ["b"]


def test_reference_with_zero_selections():
    sel, grp = rows({"a": (10, 0), "b": (10, 5)})
    rep = adverse_impact(sel, grp, reference="a", min_group_size=1)
    t = rep.table
    assert t["impact_ratio"].isna().all()
    assert not t["adverse_impact"].any()
    assert rep.flagged == []
    assert t["shortfall"].tolist() == [0, 0]
    assert math.isnan(rep.lowest_impact_ratio)
    assert any("reference group has no selections" in n for n in rep.notes)
    # significance is still reported against the reference
    assert t.loc["b", "z_stat"] == pytest.approx(pooled_z(5, 10, 0, 10))
    # nobody selected anywhere: "highest" is a zero-rate group too
    sel, grp = rows({"a": (10, 0), "b": (10, 0)})
    rep = adverse_impact(sel, grp, min_group_size=1)
    assert rep.table["impact_ratio"].isna().all() and rep.flagged == []
    assert rep.table.loc["b", "z_stat"] == 0 and rep.table.loc["b", "p_value_z"] == 1


def test_data_with_column_names():
    sel, grp = rows(THREE)
    df = pd.DataFrame({"hired": sel, "sex": grp})
    rep = adverse_impact("hired", "sex", data=df)
    assert rep.table.index.name == "sex"
    assert rep.table["selected"].tolist() == [30, 16, 3]


def test_data_missing_column_lists_available():
    df = pd.DataFrame({"hired": [1, 0], "sex": ["F", "M"]})
    with pytest.raises(ValueError, match=r"\['gender'\].*available columns.*'hired'.*'sex'"):
        adverse_impact("hired", "gender", data=df)
    with pytest.raises(ValueError, match="available columns"):
        adverse_impact("selected", "sex", data=df)
    with pytest.raises(ValueError, match="race"):
        adverse_impact("hired", ["sex", "race"], data=df)


def test_string_without_data():
    with pytest.raises(ValueError, match="column name.*data="):
        adverse_impact("hired", ["F", "M"])
    with pytest.raises(ValueError, match="column name.*data="):
        adverse_impact([1, 0], "sex")


def test_data_must_be_a_dataframe():
    with pytest.raises(ValueError, match="data frame"):
        adverse_impact("hired", "sex", data={"hired": [1], "sex": ["F"]})


# --------------------------------------------------------------------------- #
# 2. adverse_impact_from_counts


def test_from_counts_matches_rows():
    sel, grp = rows(THREE)
    from_rows = adverse_impact(sel, grp)
    idx = pd.Index(["A", "B", "C"], name="group")
    from_counts = adverse_impact_from_counts(pd.Series([50, 40, 10], index=idx), pd.Series([30, 16, 3], index=idx))
    pd.testing.assert_frame_equal(from_rows.table, from_counts.table)
    assert from_counts.reference == "A"
    assert from_counts.flagged == ["B", "C"]


def test_from_counts_docstring_example():
    rep = adverse_impact_from_counts(pd.Series({"men": 100, "women": 100}), pd.Series({"men": 50, "women": 39}))
    assert rep.flagged == ["women"]
    assert rep.table.loc["women", "shortfall"] == 1


@pytest.mark.parametrize(
    "n, selected, match",
    [
        ({"a": 10, "b": 10}, {"a": 11, "b": 5}, "between 0 and n"),
        ({"a": 10, "b": 10}, {"a": -1, "b": 5}, "between 0 and n"),
        ({"a": 0, "b": 10}, {"a": 0, "b": 5}, r"at least one person.*'a'"),
        ({"a": -3, "b": 10}, {"a": 0, "b": 5}, "at least one person"),
        ({"a": 10, "b": 10}, {"b": 5, "a": 5}, "same index"),
        ({"a": 10, "b": 10}, {"a": 5, "c": 5}, "same index"),
        ({}, {}, "no groups"),
    ],
)
def test_from_counts_bad_counts(n, selected, match):
    with pytest.raises(ValueError, match=match):
        adverse_impact_from_counts(pd.Series(n, dtype="int64"), pd.Series(selected, dtype="int64"))


def test_from_counts_needs_series():
    with pytest.raises(ValueError, match="pandas Series"):
        adverse_impact_from_counts([10, 10], [5, 5])


def test_from_counts_fractional_counts():
    # BUG: non-whole counts are silently truncated (10.7 people -> 10) instead of rejected.
    with pytest.raises(ValueError):
        adverse_impact_from_counts(pd.Series({"a": 10.7, "b": 10.0}), pd.Series({"a": 5.0, "b": 5.0}))


def test_from_counts_notes_and_unknown_count_passed_through():
    rep = adverse_impact_from_counts(
        pd.Series({"a": 100, "b": 5}), pd.Series({"a": 50, "b": 1}), unknown_count=7, notes=["hello"]
    )
    assert rep.unknown_count == 7
    assert rep.notes == ["hello"]
    assert rep.table["small_group"].tolist() == [False, True]


# --------------------------------------------------------------------------- #
# 3. group inputs

SEL6 = np.array([1, 0, 1, 1, 0, 0])
GRP6 = ["F", "F", "F", "M", "M", "M"]  # F: 2/3, M: 1/3


@pytest.mark.parametrize(
    "groups, name",
    [
        (pd.Series(GRP6, name="sex"), "sex"),
        (pd.Series(GRP6), "group"),
        (np.array(GRP6), "group"),
        (GRP6, "group"),
        (pd.Index(GRP6, name="sex"), "sex"),
    ],
)
def test_single_group_inputs(groups, name):
    rep = adverse_impact(SEL6, groups, min_group_size=1)
    assert not isinstance(rep.table.index, pd.MultiIndex)
    assert rep.table.index.name == name
    assert list(rep.table.index) == ["F", "M"]
    assert rep.table["n"].tolist() == [3, 3]
    assert rep.table["selected"].tolist() == [2, 1]


SEX = ["F", "F", "M", "M", "F", "M"]
RACE = ["a", "b", "a", "b", "a", "a"]
# (F,a): rows 0,4 -> sel 1,0 ; (F,b): row 1 -> 0 ; (M,a): rows 2,5 -> 1,0 ; (M,b): row 3 -> 1


@pytest.mark.parametrize(
    "groups, names",
    [
        (np.array([SEX, RACE], dtype=object).T, ["group_0", "group_1"]),
        (pd.DataFrame({"sex": SEX, "race": RACE}), ["sex", "race"]),
        ([pd.Series(SEX, name="sex"), pd.Series(RACE, name="race")], ["sex", "race"]),
        ([np.array(SEX), np.array(RACE)], ["group_0", "group_1"]),
    ],
)
def test_intersectional_group_inputs(groups, names):
    rep = adverse_impact(SEL6, groups, min_group_size=1)
    t = rep.table
    assert isinstance(t.index, pd.MultiIndex)
    assert list(t.index.names) == names
    assert list(t.index) == [("F", "a"), ("F", "b"), ("M", "a"), ("M", "b")]
    assert t["n"].tolist() == [2, 1, 2, 1]
    assert t["selected"].tolist() == [1, 0, 1, 1]
    assert rep.reference == ("M", "b")


def test_categorical_keeps_category_order_and_notes_empty():
    groups = pd.Series(pd.Categorical(GRP6, categories=["M", "X", "F"]), name="sex")
    rep = adverse_impact(SEL6, groups, min_group_size=1)
    assert list(rep.table.index) == ["M", "F"]  # category order, not alphabetical; X has no row
    assert "X" not in rep.table.index
    assert any("declared categories with no rows" in n and "sex=X" in n for n in rep.notes)


def test_intersection_unobserved_combination_is_not_a_row():
    df = pd.DataFrame({"sex": ["F", "F", "M", "M"], "race": ["a", "b", "a", "a"], "hired": [1, 0, 1, 0]})
    rep = adverse_impact("hired", ["sex", "race"], data=df, min_group_size=1)
    assert list(rep.table.index) == [("F", "a"), ("F", "b"), ("M", "a")]
    assert ("M", "b") not in rep.table.index
    assert rep.table["n"].sum() == 4


def test_intersection_with_categoricals_keeps_order_and_finds_reference():
    df = pd.DataFrame(
        {
            "sex": pd.Categorical(["M", "M", "F", "F", "M", "F"], categories=["M", "F", "X"]),
            "race": pd.Categorical(["b", "a", "b", "a", "b", "b"], categories=["b", "a"]),
            "sel": [1, 0, 1, 1, 0, 0],
        }
    )
    rep = adverse_impact("sel", ["sex", "race"], data=df, reference=("F", "a"), min_group_size=1)
    assert list(rep.table.index) == [("M", "b"), ("M", "a"), ("F", "b"), ("F", "a")]
    assert rep.reference == ("F", "a")
    assert any("sex=X" in n for n in rep.notes)


# --------------------------------------------------------------------------- #
# 4. bad input -> ValueError saying what to fix


def test_length_mismatch_names_both_lengths():
    with pytest.raises(ValueError, match=r"selected has 5.*groups has 4"):
        adverse_impact([1, 0, 1, 0, 1], ["a", "b", "a", "b"])
    with pytest.raises(ValueError, match=r"y_true has 3.*y_pred has 2.*groups has 3"):
        group_metrics([1, 0, 1], [1, 0], ["a", "b", "a"])


def test_list_of_group_columns_of_different_lengths():
    with pytest.raises(ValueError, match="different lengths"):
        adverse_impact([1, 0, 1], [pd.Series(["a", "b", "a"]), pd.Series(["x", "y"])])


def test_empty_input():
    with pytest.raises(ValueError, match="empty"):
        adverse_impact([], [])
    with pytest.raises(ValueError, match="empty"):
        group_metrics([], [], [])
    with pytest.raises(ValueError, match="no columns"):
        adverse_impact([1, 0], pd.DataFrame(index=[0, 1]))


@pytest.mark.parametrize(
    "outcome, match",
    [
        ([0, 1, 2, 1], r"binary.*\[2\]"),
        ([0.0, 0.3, 1.0, 1.0], r"binary.*0\.3.*threshold"),
        (["yes", "no", "yes", "no"], r"binary.*'yes'.*map the labels"),
        (np.array(["yes", "no", "yes", "no"]), "map the labels"),
        ([1.0, np.nan, 0.0, 1.0], r"1 NaN.*missing"),
        (pd.Series([1.0, np.nan, 0.0, 1.0]), r"1 missing"),
        (pd.Series([True, pd.NA, False, True], dtype="boolean"), r"1 missing"),
        (pd.Series([1, pd.NA, 0, 1], dtype="Int64"), r"1 missing"),
    ],
)
def test_non_binary_outcome(outcome, match):
    with pytest.raises(ValueError, match=match):
        adverse_impact(outcome, ["a", "a", "b", "b"], min_group_size=1)


def test_non_binary_outcome_group_metrics_names_argument():
    with pytest.raises(ValueError, match="y_pred must be binary"):
        group_metrics([0, 1, 0, 1], [0, 1, 2, 1], ["a", "a", "b", "b"])
    with pytest.raises(ValueError, match="y_true must be binary"):
        group_metrics(["y", "n", "y", "n"], [0, 1, 0, 1], ["a", "a", "b", "b"])


def test_outcome_must_be_1d():
    with pytest.raises(ValueError, match="1-D"):
        adverse_impact(np.ones((2, 2), dtype=int), ["a", "b"])


def test_missing_groups_without_unknown():
    with pytest.raises(ValueError, match=r"'group'.*1 missing.*unknown="):
        adverse_impact([1, 0, 1, 0], pd.Series(["a", None, "b", "b"]))
    with pytest.raises(ValueError, match=r"'race'.*unknown="):
        adverse_impact([1, 0, 1, 0], pd.DataFrame({"sex": list("abab"), "race": ["x", "y", np.nan, "x"]}))


def test_unknown_groups_counted_and_left_out():
    # a: rows 0,1 (1 of 2 selected); b: rows 3,4 (2 of 2); rows 2 and 5 unknown and both selected.
    groups = pd.Series(["a", "a", None, "b", "b", np.nan])
    rep = adverse_impact([1, 0, 1, 1, 1, 1], groups, unknown="Unknown", min_group_size=1)
    t = rep.table
    assert list(t.index) == ["a", "b"]
    assert "Unknown" not in t.index
    assert rep.unknown_count == 2
    assert t["n"].tolist() == [2, 2]
    assert t["selected"].tolist() == [1, 2]
    np.testing.assert_allclose(t["selection_rate"], [0.5, 1.0])
    assert any("2 rows have an unknown group" in n for n in rep.notes)
    gm = group_metrics([1, 0, 1, 1, 1, 1], [1, 0, 1, 1, 1, 1], groups, unknown="Unknown", min_group_size=1)
    assert gm.unknown_count == 2
    assert gm.by_group["n"].tolist() == [2, 2]


def test_unknown_in_one_column_of_intersection_drops_the_row():
    df = pd.DataFrame({"sex": ["F", "F", "M", None], "race": ["a", None, "a", "a"], "hired": [1, 1, 0, 1]})
    rep = adverse_impact("hired", ["sex", "race"], data=df, unknown="Unknown", min_group_size=1)
    assert rep.unknown_count == 2
    assert list(rep.table.index) == [("F", "a"), ("M", "a")]
    assert rep.table["selected"].tolist() == [1, 0]


def test_all_rows_unknown():
    with pytest.raises(ValueError, match="every row has an unknown group"):
        adverse_impact([1, 0], pd.Series([None, None], dtype=object), unknown="Unknown")


def test_different_pandas_indexes():
    sel = pd.Series([1, 0, 1, 0], index=[0, 1, 2, 3])
    grp = pd.Series(["a", "a", "b", "b"], index=[3, 2, 1, 0])
    with pytest.raises(ValueError, match=r"different pandas indexes.*align"):
        adverse_impact(sel, grp)
    with pytest.raises(ValueError, match=r"different pandas indexes.*align"):
        adverse_impact(sel, grp.to_frame("sex"))
    with pytest.raises(ValueError, match=r"y_true and y_pred have different pandas indexes"):
        group_metrics(sel, grp.map({"a": 1, "b": 0}), ["a", "a", "b", "b"])


def test_list_of_series_with_different_indexes():
    # A shuffled column in a list of group columns must not be paired with the others by position.
    sel = pd.Series([1, 0, 1, 0], index=[0, 1, 2, 3])
    sex = pd.Series(["F", "F", "M", "M"], index=[0, 1, 2, 3], name="sex")
    race = pd.Series(["x", "y", "x", "y"], index=[3, 2, 1, 0], name="race")
    with pytest.raises(ValueError, match=r"different pandas indexes.*align"):
        adverse_impact(sel, [sex, race], min_group_size=1)
    # group columns aligned with each other but not with the outcome
    race_aligned = pd.Series(["x", "y", "x", "y"], index=[0, 1, 2, 3], name="race")
    shuffled = pd.Series([1, 0, 1, 0], index=[3, 2, 1, 0])
    with pytest.raises(ValueError, match=r"different pandas indexes.*align"):
        adverse_impact(shuffled, [sex, race_aligned], min_group_size=1)
    # same indexes everywhere (even non-default ones) is fine
    idx = [10, 11, 12, 13]
    rep = adverse_impact(sel.set_axis(idx), [sex.set_axis(idx), race_aligned.set_axis(idx)], min_group_size=1)
    assert rep.table["selected"].tolist() == [1, 0, 1, 0]


def test_scalar_inputs():
    with pytest.raises(ValueError, match="scalar"):
        adverse_impact(1, ["a"])
    with pytest.raises(ValueError, match="one group label per row"):
        adverse_impact([1], 5)


def test_three_dimensional_groups():
    with pytest.raises(ValueError, match="1-D or 2-D"):
        adverse_impact([1, 0], np.array(["a", "b"]).reshape(2, 1, 1))


def test_unknown_reference_lists_groups():
    sel, grp = rows(THREE)
    with pytest.raises(ValueError, match=r"'Z' is not one of the groups.*'highest'.*'A', 'B', 'C'"):
        adverse_impact(sel, grp, reference="Z")
    # a partial key on an intersection is not a group either
    with pytest.raises(ValueError, match="not one of the groups"):
        adverse_impact("hired", ["sex", "race"], data=_intersection_frame(), reference="F")
    with pytest.raises(ValueError, match="not one of the groups"):
        adverse_impact_from_counts(pd.Series({"a": 5}), pd.Series({"a": 1}), reference="b")


# --------------------------------------------------------------------------- #
# 5. outcome dtypes accepted


@pytest.mark.parametrize(
    "outcome",
    [
        np.array([True, False, True, True, False, False]),
        SEL6.astype(np.int8),
        SEL6.astype(np.uint8),
        SEL6.astype(float),
        list(SEL6.astype(bool)),
        np.array([True, False, True, True, False, False], dtype=object),
        pd.Series(SEL6.astype(bool), dtype="boolean"),
        pd.Series(SEL6, dtype="Int64"),
    ],
)
def test_outcome_dtypes_accepted(outcome):
    rep = adverse_impact(outcome, GRP6, min_group_size=1)
    assert rep.table["selected"].tolist() == [2, 1]
    gm = group_metrics(outcome, outcome, GRP6, min_group_size=1)
    assert gm.by_group["accuracy"].tolist() == [1.0, 1.0]


@pytest.mark.parametrize(
    "outcome",
    [pd.Series(SEL6).astype("category"), pd.Series(SEL6, dtype=object)],
    ids=["categorical", "object"],
)
def test_outcome_categorical_or_object_01(outcome):
    # BUG: a categorical or object-dtype Series of 0/1 (common after reading a CSV or
    # .astype("category")) is rejected with the self-contradictory message
    # "selected must be binary (0/1 or True/False); found other values [1, 0]".
    rep = adverse_impact(outcome, GRP6, min_group_size=1)
    assert rep.table["selected"].tolist() == [2, 1]


# --------------------------------------------------------------------------- #
# 6. small groups


def test_small_groups_flagged_not_dropped():
    sel, grp = rows({"big": (100, 50), "tiny": (3, 1)})
    rep = adverse_impact(sel, grp)
    assert list(rep.table.index) == ["big", "tiny"]
    assert rep.table["small_group"].tolist() == [False, True]
    assert rep.table.loc["tiny", "n"] == 3
    note = [n for n in rep.notes if "fewer than 30" in n]
    assert len(note) == 1 and "1 group(s)" in note[0] and "tiny" in note[0] and "noisy" in note[0]


def test_small_group_note_formats_intersections():
    # BUG: the small-group note prints intersections as Python tuples "('F', 'a')" while every
    # other place (repr facts, undefined-metric notes) uses _report.format_label: "F × a".
    df = pd.DataFrame({"sex": ["F", "F", "M"], "race": ["a", "b", "a"], "hired": [1, 0, 1]})
    rep = adverse_impact("hired", ["sex", "race"], data=df)
    note = next(n for n in rep.notes if "fewer than 30" in n)
    assert "F × a" in note and "('F', 'a')" not in note


def test_min_group_size_respected():
    sel, grp = rows({"a": (10, 5), "b": (9, 3), "c": (11, 5)})
    rep = adverse_impact(sel, grp, min_group_size=10)
    assert rep.table["small_group"].tolist() == [False, True, False]  # strictly fewer than 10
    assert any("fewer than 10" in n and "(b)" in n for n in rep.notes)
    rep = adverse_impact(sel, grp, min_group_size=1)
    assert not rep.table["small_group"].any()
    assert not any("fewer than" in n for n in rep.notes)
    gm = group_metrics(sel, sel, grp, min_group_size=10)
    assert any("fewer than 10" in n and "(b)" in n for n in gm.notes)
    assert gm.by_group["n"].tolist() == [10, 9, 11]


def _every_audit_call(min_group_size):
    """Each public audit function that takes min_group_size, called on valid data."""
    from hrfair_helpers.audit import calibration_by_group, disparity_report

    yt, yp, grp = confusion_rows(CONF)
    prob = np.where(yp == 1, 0.8, 0.2)
    counts = pd.Series({"a": 10, "b": 10})
    return {
        "adverse_impact": lambda: adverse_impact(yp, grp, min_group_size=min_group_size),
        "adverse_impact_from_counts": lambda: adverse_impact_from_counts(
            counts, pd.Series({"a": 5, "b": 4}), min_group_size=min_group_size
        ),
        "group_metrics": lambda: group_metrics(yt, yp, grp, min_group_size=min_group_size),
        "calibration_by_group": lambda: calibration_by_group(yt, prob, grp, n_bins=2, min_group_size=min_group_size),
        "disparity_report": lambda: disparity_report(yt, yp, grp, min_group_size=min_group_size),
    }


@pytest.mark.parametrize("bad", [0, -3, True, False, np.bool_(True), "30", None, 30.0, 2.5, np.float64(30)])
def test_min_group_size_must_be_a_whole_number_at_least_one(bad):
    for name, call in _every_audit_call(bad).items():
        with pytest.raises(ValueError, match=r"min_group_size must be a whole number >= 1, got ") as info:
            call()
        assert repr(bad) in str(info.value), name


@pytest.mark.parametrize("good", [1, 30, np.int64(5), np.int32(1)])
def test_min_group_size_accepts_python_and_numpy_integers(good):
    for call in _every_audit_call(good).values():
        call()


@pytest.mark.parametrize("bad", ["1", 1.0, True, -1, np.random.RandomState(0), [1, 2]])
def test_group_metrics_random_state_must_be_none_int_or_generator(bad):
    yt, yp, grp = confusion_rows(CONF)
    for n_boot in (0, 20):  # refused whether or not the bootstrap runs
        with pytest.raises(ValueError, match=r"random_state must be None, a whole number >= 0 or a numpy Generator"):
            group_metrics(yt, yp, grp, min_group_size=1, n_boot=n_boot, random_state=bad)


# --------------------------------------------------------------------------- #
# 7. group_metrics

# Hand-computed confusion table (tp, fn, fp, tn):
#   A: tp 4, fn 1, fp 2, tn 3 (n 10): base 5/10, sel 6/10, tpr 4/5, fpr 2/5, fnr 1/5, ppv 4/6, acc 7/10
#   B: tp 1, fn 3, fp 1, tn 3 (n 8):  base 4/8,  sel 2/8,  tpr 1/4, fpr 1/4, fnr 3/4, ppv 1/2, acc 4/8
CONF = {"A": (4, 1, 2, 3), "B": (1, 3, 1, 3)}
EXPECTED = pd.DataFrame(
    {
        "n": [10, 8],
        "base_rate": [0.5, 0.5],
        "selection_rate": [0.6, 0.25],
        "tpr": [0.8, 0.25],
        "fpr": [0.4, 0.25],
        "fnr": [0.2, 0.75],
        "ppv": [2 / 3, 0.5],
        "accuracy": [0.7, 0.5],
    },
    index=pd.Index(["A", "B"], name="group"),
)


def test_group_metrics_by_group():
    yt, yp, grp = confusion_rows(CONF)
    rep = group_metrics(yt, yp, grp, min_group_size=1)
    assert isinstance(rep, GroupMetricsReport)
    pd.testing.assert_frame_equal(rep.by_group, EXPECTED, check_dtype=False, rtol=1e-12)
    assert rep.intervals is None
    assert rep.notes == []


def test_group_metrics_disparities():
    yt, yp, grp = confusion_rows(CONF)
    d = group_metrics(yt, yp, grp, min_group_size=1).disparities
    assert list(d.index) == ["demographic_parity", "equal_opportunity", "equalized_odds", "predictive_parity"]
    assert list(d.columns) == ["difference", "ratio"]
    # selection rate 0.6 vs 0.25: diff 0.35, ratio 0.25/0.6 = 5/12
    assert d.loc["demographic_parity", "difference"] == pytest.approx(0.35)
    assert d.loc["demographic_parity", "ratio"] == pytest.approx(5 / 12)
    # tpr 0.8 vs 0.25: diff 0.55, ratio 0.3125
    assert d.loc["equal_opportunity", "difference"] == pytest.approx(0.55)
    assert d.loc["equal_opportunity", "ratio"] == pytest.approx(0.3125)
    # fpr 0.4 vs 0.25: diff 0.15, ratio 0.625 -> equalized odds = worse of (0.55, 0.15) and (0.3125, 0.625)
    assert d.loc["equalized_odds", "difference"] == pytest.approx(0.55)
    assert d.loc["equalized_odds", "ratio"] == pytest.approx(0.3125)
    # ppv 2/3 vs 1/2: diff 1/6, ratio 0.75
    assert d.loc["predictive_parity", "difference"] == pytest.approx(1 / 6)
    assert d.loc["predictive_parity", "ratio"] == pytest.approx(0.75)


def test_equalized_odds_takes_fpr_when_it_is_worse():
    # tpr equal (1/2 each); fpr 1/4 vs 3/4 -> diff 0.5, ratio 1/3
    yt, yp, grp = confusion_rows({"A": (1, 1, 1, 3), "B": (1, 1, 3, 1)})
    d = group_metrics(yt, yp, grp, min_group_size=1).disparities
    assert d.loc["equal_opportunity", "difference"] == 0
    assert d.loc["equalized_odds", "difference"] == pytest.approx(0.5)
    assert d.loc["equalized_odds", "ratio"] == pytest.approx(1 / 3)


def test_group_metrics_group_without_positives():
    # C: tp 0, fn 0, fp 1, tn 3 -> tpr and fnr undefined; fpr 1/4; ppv 0/1 = 0
    yt, yp, grp = confusion_rows({**CONF, "C": (0, 0, 1, 3)})
    rep = group_metrics(yt, yp, grp, min_group_size=1)
    assert np.isnan(rep.by_group.loc["C", "tpr"])
    assert np.isnan(rep.by_group.loc["C", "fnr"])
    assert rep.by_group.loc["C", "fpr"] == pytest.approx(0.25)
    assert rep.by_group.loc["C", "base_rate"] == 0
    assert any(n.startswith("tpr is undefined") and n.endswith("C") for n in rep.notes)
    d = rep.disparities
    # equal opportunity over A and B only
    assert d.loc["equal_opportunity", "difference"] == pytest.approx(0.55)
    assert d.loc["equal_opportunity", "ratio"] == pytest.approx(0.3125)
    assert not d.isna().any().any()
    # fpr over A, B, C: 0.4, 0.25, 0.25 -> 0.15; eq. odds still driven by tpr
    assert d.loc["equalized_odds", "difference"] == pytest.approx(0.55)
    # ppv 2/3, 1/2, 0 -> diff 2/3, ratio 0
    assert d.loc["predictive_parity", "difference"] == pytest.approx(2 / 3)
    assert d.loc["predictive_parity", "ratio"] == 0


def test_group_metrics_no_predicted_positives_ppv_note():
    yt, yp, grp = confusion_rows({**CONF, "C": (0, 2, 0, 2)})
    rep = group_metrics(yt, yp, grp, min_group_size=1)
    assert np.isnan(rep.by_group.loc["C", "ppv"])
    assert rep.by_group.loc["C", "tpr"] == 0
    assert any(n.startswith("ppv is undefined") and "C" in n for n in rep.notes)


def test_group_metrics_with_data_and_docstring_example():
    df = pd.DataFrame({"y": [1, 1, 0, 0, 1, 1, 0, 0], "p": [1, 0, 0, 0, 1, 1, 1, 0], "sex": list("FFFFMMMM")})
    rep = group_metrics("y", "p", "sex", data=df, min_group_size=1)
    assert rep.by_group.index.name == "sex"
    assert rep.by_group["selection_rate"].tolist() == [0.25, 0.75]
    assert rep.by_group["tpr"].tolist() == [0.5, 1.0]
    assert rep.by_group["fpr"].tolist() == [0.0, 0.5]


def _boot_data(scale=1):
    # A: 200 people, B: 150 people; every rate strictly between 0 and 1 and different by group
    # (A: sel .45, tpr .75, fpr .25, ppv 2/3; B: sel 1/3, tpr .5, fpr 2/9, ppv .6).
    table = {"A": (60, 20, 30, 90), "B": (30, 30, 20, 70)}
    return confusion_rows({g: tuple(k * scale for k in c) for g, c in table.items()})


def test_bootstrap_off_by_default_and_n_boot_zero():
    yt, yp, grp = _boot_data()
    rep = group_metrics(yt, yp, grp, n_boot=0)
    assert rep.intervals is None
    assert list(rep.disparities.columns) == ["difference", "ratio"]
    assert list(rep.to_frame().columns) == list(EXPECTED.columns)


def test_bootstrap_deterministic_with_seed():
    yt, yp, grp = _boot_data()
    a = group_metrics(yt, yp, grp, n_boot=200, random_state=1)
    b = group_metrics(yt, yp, grp, n_boot=200, random_state=1)
    c = group_metrics(yt, yp, grp, n_boot=200, random_state=2)
    pd.testing.assert_frame_equal(a.intervals, b.intervals)
    pd.testing.assert_frame_equal(a.disparities, b.disparities)
    assert not np.allclose(a.intervals.to_numpy(), c.intervals.to_numpy())
    # a Generator is accepted as random_state
    d = group_metrics(yt, yp, grp, n_boot=200, random_state=np.random.default_rng(1))
    pd.testing.assert_frame_equal(a.intervals, d.intervals)


def test_bootstrap_intervals_contain_point_estimates():
    yt, yp, grp = _boot_data()
    rep = group_metrics(yt, yp, grp, n_boot=200, random_state=0)
    iv = rep.intervals
    metrics = ["base_rate", "selection_rate", "tpr", "fpr", "fnr", "ppv", "accuracy"]
    assert list(iv.columns) == [f"{m}_{e}" for m in metrics for e in ("low", "high")]
    assert list(iv.index) == ["A", "B"]
    for m in metrics:
        point = rep.by_group[m]
        assert (iv[f"{m}_low"] <= point).all() and (point <= iv[f"{m}_high"]).all(), m
        assert (iv[f"{m}_low"] < iv[f"{m}_high"]).all(), m
    d = rep.disparities
    assert list(d.columns) == ["difference", "ratio", "difference_low", "difference_high", "ratio_low", "ratio_high"]
    # (only where the gap is large: a max - min statistic is biased upwards near zero)
    big = d.loc[["demographic_parity", "equal_opportunity", "equalized_odds"]]
    assert ((big["difference_low"] <= big["difference"]) & (big["difference"] <= big["difference_high"])).all()
    assert ((big["ratio_low"] <= big["ratio"]) & (big["ratio"] <= big["ratio_high"])).all()


def test_bootstrap_interval_shrinks_with_larger_sample():
    small = group_metrics(*_boot_data(1), n_boot=200, random_state=0)
    large = group_metrics(*_boot_data(10), n_boot=200, random_state=0)
    pd.testing.assert_frame_equal(small.by_group.drop(columns="n"), large.by_group.drop(columns="n"))
    for m in ["selection_rate", "tpr", "fpr", "ppv", "accuracy"]:
        w_small = small.intervals[f"{m}_high"] - small.intervals[f"{m}_low"]
        w_large = large.intervals[f"{m}_high"] - large.intervals[f"{m}_low"]
        # about 1/sqrt(10) ~ 0.32 as wide; allow generous Monte Carlo noise
        assert (w_large < 0.6 * w_small).all(), m


def test_bootstrap_undefined_metric_gives_nan_interval():
    yt, yp, grp = confusion_rows({"A": (60, 20, 30, 90), "C": (0, 0, 10, 40)})
    rep = group_metrics(yt, yp, grp, n_boot=50, random_state=0)
    assert rep.intervals.loc["C", ["tpr_low", "tpr_high"]].isna().all()
    assert rep.intervals.loc["A", ["tpr_low", "tpr_high"]].notna().all()


@pytest.mark.parametrize("ci", [0, 1, 1.5, -0.5])
def test_invalid_ci(ci):
    yt, yp, grp = confusion_rows(CONF)
    with pytest.raises(ValueError, match="ci must be between 0 and 1"):
        group_metrics(yt, yp, grp, n_boot=10, ci=ci)


def test_ci_as_string():
    # BUG: a non-numeric ci raises TypeError ("'<' not supported between 'int' and 'str'")
    # instead of the ValueError every other bad argument gives.
    yt, yp, grp = confusion_rows(CONF)
    with pytest.raises(ValueError, match="ci"):
        group_metrics(yt, yp, grp, n_boot=10, ci="0.95")


@pytest.mark.parametrize("n_boot", [-1, 2.5, "100"])
def test_invalid_n_boot(n_boot):
    yt, yp, grp = confusion_rows(CONF)
    with pytest.raises(ValueError, match="n_boot must be a whole number"):
        group_metrics(yt, yp, grp, n_boot=n_boot)


def test_n_boot_bool():
    # BUG: n_boot=True is accepted (bool is an int subclass) and silently runs 1 bootstrap draw,
    # giving zero-width "intervals".
    yt, yp, grp = confusion_rows(CONF)
    with pytest.raises(ValueError, match="n_boot"):
        group_metrics(yt, yp, grp, n_boot=True)


def test_ci_changes_interval_width():
    yt, yp, grp = _boot_data()
    wide = group_metrics(yt, yp, grp, n_boot=200, ci=0.95, random_state=0).intervals
    narrow = group_metrics(yt, yp, grp, n_boot=200, ci=0.5, random_state=0).intervals
    assert ((narrow["tpr_high"] - narrow["tpr_low"]) < (wide["tpr_high"] - wide["tpr_low"])).all()


def test_group_metrics_to_frame_with_intervals():
    yt, yp, grp = _boot_data()
    rep = group_metrics(yt, yp, grp, n_boot=50, random_state=0)
    frame = rep.to_frame()
    assert list(frame.columns[:8]) == list(EXPECTED.columns)
    assert {"tpr_low", "tpr_high", "ppv_low", "ppv_high"} <= set(frame.columns)
    frame.loc["A", "tpr"] = -1.0
    frame.loc["A", "tpr_low"] = -1.0
    assert rep.by_group.loc["A", "tpr"] != -1.0
    assert rep.intervals.loc["A", "tpr_low"] != -1.0
    assert "bootstrap" in repr(rep)
    assert "tpr_low" in rep._repr_html_()


# --------------------------------------------------------------------------- #
# 8. report objects


def test_to_frame_is_a_copy(three):
    frame = three.to_frame()
    assert isinstance(three, AdverseImpactReport)
    pd.testing.assert_frame_equal(frame, three.table)
    frame.loc["B", "impact_ratio"] = 99.0
    frame.loc["B", "adverse_impact"] = False
    frame["extra"] = 1
    assert three.table.loc["B", "impact_ratio"] == pytest.approx(2 / 3)
    assert three.flagged == ["B", "C"]
    assert "extra" not in three.table.columns

    yt, yp, grp = confusion_rows(CONF)
    gm = group_metrics(yt, yp, grp, min_group_size=1)
    f = gm.to_frame()
    f.loc["A", "tpr"] = 0.0
    assert gm.by_group.loc["A", "tpr"] == 0.8


def test_repr_html_and_repr(three):
    out = three._repr_html_()
    assert "<table" in out
    assert three.notes  # C is a small group
    for note in three.notes:
        assert html.escape(note) in out
    text = repr(three)
    assert "reference group: A" in text
    assert "B, C" in text  # groups below threshold
    for note in three.notes:
        assert note in text


def test_repr_intersection_reference():
    rep = adverse_impact("hired", ["sex", "race"], data=_intersection_frame(), min_group_size=1)
    assert "reference group: M × a" in repr(rep)
    assert "M × a" in rep._repr_html_()


def test_group_metrics_repr_html_contains_tables_and_notes():
    yt, yp, grp = confusion_rows({**CONF, "C": (0, 0, 1, 3)})
    rep = group_metrics(yt, yp, grp)
    out = rep._repr_html_()
    assert out.count("<table") == 2
    for note in rep.notes:
        assert html.escape(note) in out
    text = repr(rep)
    assert "equalized_odds" in text and "tpr" in text


def test_plot_impact_ratio(three):
    ax = three.plot()
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_xlim()[0] == 0
    assert ax.get_xlim()[1] >= 1
    assert any(np.allclose(line.get_xdata(), [0.8, 0.8]) for line in ax.get_lines())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B", "C"]
    # a custom threshold draws its own line
    sel, grp = rows(THREE)
    ax = adverse_impact(sel, grp, min_impact_ratio=0.9).plot()
    assert any(np.allclose(line.get_xdata(), [0.9, 0.9]) for line in ax.get_lines())


def test_plot_impact_ratio_above_one_extends_axis():
    sel, grp = rows(THREE)
    ax = adverse_impact(sel, grp, reference="C").plot()  # A: 0.6/0.3 = 2.0
    assert ax.get_xlim()[0] == 0
    assert ax.get_xlim()[1] >= 2.0


def test_plot_selection_rate_on_given_axes(three):
    _, given = plt.subplots()
    ax = three.plot(ax=given, kind="selection_rate")
    assert ax is given
    assert ax.get_xlim() == (0, 1)
    assert not any(np.allclose(line.get_xdata(), [0.8, 0.8]) for line in ax.get_lines())


def test_plot_bad_kind(three):
    with pytest.raises(ValueError, match="kind"):
        three.plot(kind="bogus")


def test_plot_with_undefined_ratios_is_quiet():
    # BUG: when the reference has no selections every impact ratio is NaN and plot() emits
    # "RuntimeWarning: All-NaN slice encountered" from np.nanmax (the engine otherwise
    # suppresses such warnings, e.g. in _disparities / _nanpercentile).
    sel, grp = rows({"a": (10, 0), "b": (10, 5)})
    rep = adverse_impact(sel, grp, reference="a", min_group_size=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ax = rep.plot()
    assert ax.get_xlim()[0] == 0


def test_group_metrics_plot():
    yt, yp, grp = _boot_data()
    rep = group_metrics(yt, yp, grp, n_boot=50, random_state=0)
    axes = rep.plot()
    assert len(axes) == 4
    for ax in axes:
        assert isinstance(ax, matplotlib.axes.Axes)
        assert ax.get_xlim()[0] == 0
    assert [ax.get_title() for ax in axes] == ["selection_rate", "tpr", "fpr", "ppv"]
    axes = group_metrics(yt, yp, grp).plot(metrics=["accuracy"])
    assert len(axes) == 1 and axes[0].get_xlim() == (0, 1)


@pytest.mark.parametrize("metric", ["bogus", "n"])
def test_group_metrics_plot_unknown_metric(metric):
    rep = group_metrics(*confusion_rows(CONF))
    with pytest.raises(ValueError, match=rf"unknown metric.*{metric}"):
        rep.plot(metrics=[metric])


# --------------------------------------------------------------------------- #
# 9. a million rows (vectorised; correctness asserted, time is measured in benchmarks/)


def test_million_rows():
    n = 1_000_000
    i = np.arange(n)
    code = i % 4  # 250,000 people per group
    # group g is selected in (g + 1) of every 10 consecutive people: 25,000 * (g + 1) selections
    selected = ((i // 4) % 10) < code + 1
    groups = np.array(["a", "b", "c", "d"])[code]
    rep = adverse_impact(selected, groups)
    t = rep.table
    assert t["n"].tolist() == [250_000] * 4
    assert t["selected"].tolist() == [25_000, 50_000, 75_000, 100_000]
    assert rep.reference == "d"
    np.testing.assert_allclose(t["impact_ratio"], [0.25, 0.5, 0.75, 1.0])
    assert rep.flagged == ["a", "b", "c"]
    # c needs 0.8 * 0.4 * 250,000 = 80,000 selections -> shortfall 5,000
    assert t["shortfall"].tolist() == [55_000, 30_000, 5_000, 0]

    gm = group_metrics(selected, selected, groups)
    assert gm.by_group["n"].tolist() == [250_000] * 4
    assert (gm.by_group["accuracy"] == 1).all()
    np.testing.assert_allclose(gm.by_group["selection_rate"], [0.1, 0.2, 0.3, 0.4])


def test_every_module_constant_of_the_audit_package_is_used_in_its_module():
    """No dead tables: a module-level constant is read somewhere in its own module."""
    import ast
    import re
    from pathlib import Path

    from hrfair_helpers import audit

    unused = []
    for path in sorted(Path(audit.__file__).parent.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.parse(source).body:
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            for target in targets:
                name = getattr(target, "id", "")
                if name.lstrip("_").isupper() and len(re.findall(rf"\b{name}\b", source)) < 2:
                    unused.append(f"{path.name}: {name}")
    assert unused == []


# --------------------------------------------------------------------------- #
# 12. edge cases found when the engine was checked against fairlearn and aif360


def test_unknown_label_is_counted_and_never_the_reference():
    # "Unknown": 10 of 10 selected (rate 1.0) would be the reference; it must not even be a group.
    # F 39/100, M 50/100 -> reference M, F ratio 0.78; unknown = 10 labelled + 2 missing.
    sel, grp = rows({"F": (100, 39), "M": (100, 50), "Unknown": (10, 10)})
    grp = np.append(grp, [None, np.nan])
    sel = np.append(sel, [1, 0])
    rep = adverse_impact(sel, grp, unknown="Unknown")
    assert list(rep.table.index) == ["F", "M"] and rep.reference == "M"
    assert rep.unknown_count == 12
    assert rep.table.loc["F", "impact_ratio"] == 0.78 and rep.flagged == ["F"]
    assert any("12 rows have an unknown group" in n for n in rep.notes)
    # Without unknown= a label is an ordinary group (and here the reference).
    assert adverse_impact(sel[:-2], grp[:-2]).reference == "Unknown"
    # Several labels, as ll144_bias_audit takes them.
    grp[:5] = "Decline to state"  # five of F's selections
    rep = adverse_impact(sel, grp, unknown=["Unknown", "Decline to state"])
    assert rep.unknown_count == 17 and rep.table.loc["F", "n"] == 95


def test_unknown_label_in_one_column_of_an_intersection_or_a_categorical():
    df = pd.DataFrame(
        {
            "sex": pd.Categorical(["F", "M", "Unknown", "F", "M", "F"], categories=["M", "F", "Unknown", "X"]),
            "race": ["a", "a", "a", "Unknown", "b", "b"],
            "hired": [1, 0, 1, 1, 1, 0],
        }
    )
    rep = adverse_impact("hired", ["sex", "race"], data=df, unknown="Unknown", min_group_size=1)
    assert rep.unknown_count == 2
    assert list(rep.table.index) == [("M", "a"), ("M", "b"), ("F", "a"), ("F", "b")]
    # The unknown category is not reported as a declared category without rows; X is.
    assert any("sex=X" in n and "Unknown" not in n for n in rep.notes if n.startswith("declared"))


def test_unknown_must_be_a_label_or_labels():
    with pytest.raises(ValueError, match="unknown must be a label or a list of labels"):
        adverse_impact([1, 0], ["a", "b"], unknown=5)


@pytest.mark.parametrize("audit", ["group_metrics", "disparity_report", "calibration_by_group", "stratified_impact"])
def test_every_audit_function_reads_unknown_as_labels(audit):
    from hrfair_helpers import audit as module

    groups = np.array(["a", "b", "Unknown"] * 20, dtype=object)
    y = np.array([1, 0, 1, 1] * 15)
    call = {
        "group_metrics": lambda: module.group_metrics(y, y, groups, unknown="Unknown"),
        "disparity_report": lambda: module.disparity_report(y, y, groups, unknown="Unknown"),
        "calibration_by_group": lambda: module.calibration_by_group(y, np.full(60, 0.5), groups, unknown="Unknown"),
        "stratified_impact": lambda: module.stratified_impact(y, groups, ["s"] * 60, unknown="Unknown"),
    }[audit]
    rep = call()
    counts = {"disparity_report": lambda r: r.unknown_counts["group"]}.get(audit, lambda r: r.unknown_count)
    assert counts(rep) == 20
    assert "Unknown" not in str(rep.to_frame().index.tolist())


def test_two_plain_lists_are_refused_and_a_dict_names_the_columns():
    # [SEX, RACE] used to be read as two rows (and silently so when there are two people).
    for sel, sex, race in ((SEL6, SEX, RACE), (SEL6[:2], SEX[:2], RACE[:2])):
        with pytest.raises(ValueError, match=r"list of lists.*columns or rows.*DataFrame.*dict.*Series"):
            adverse_impact(sel, [sex, race], min_group_size=1)
        with pytest.raises(ValueError, match="list of lists"):
            group_metrics(sel, sel, [sex, pd.Series(race)], min_group_size=1)
    rep = adverse_impact(SEL6, {"sex": SEX, "race": np.array(RACE)}, min_group_size=1)
    expected = adverse_impact(SEL6, pd.DataFrame({"sex": SEX, "race": RACE}), min_group_size=1)
    pd.testing.assert_frame_equal(rep.table, expected.table)
    # Tuples are rows: one (sex, race) label per person, as intersections are labelled.
    rep = adverse_impact(SEL6, list(zip(SEX, RACE)), min_group_size=1)
    assert list(rep.table.index) == list(expected.table.index)


def test_a_dict_of_columns_is_checked_like_a_list():
    sel = pd.Series([1, 0, 1, 0])
    with pytest.raises(ValueError, match="different lengths"):
        adverse_impact(sel, {"sex": ["F", "M", "F", "M"], "race": ["a", "b"]})
    with pytest.raises(ValueError, match="different pandas indexes"):
        adverse_impact(sel, {"sex": pd.Series(list("FMFM")), "race": pd.Series(list("abab"), index=[3, 2, 1, 0])})
    with pytest.raises(ValueError, match="one value per row, got a scalar"):
        adverse_impact(sel, {"sex": 5})


def test_duplicate_column_names_say_what_to_fix():
    df = pd.DataFrame([[1, "F", "F", "a"], [0, "M", "M", "b"]] * 3, columns=["hired", "sex", "sex", "race"])
    with pytest.raises(ValueError, match=r"data has several columns named \['sex'\].*rename or drop"):
        adverse_impact("hired", "sex", data=df)
    with pytest.raises(ValueError, match=r"data has several columns named \['sex'\]"):
        group_metrics("hired", "hired", ["sex", "race"], data=df)
    with pytest.raises(ValueError, match=r"groups has several columns named \['sex'\].*distinct names"):
        adverse_impact(df["hired"], pd.concat([df["race"], df["race"]], axis=1).set_axis(["sex", "sex"], axis=1))
    with pytest.raises(ValueError, match=r"names column\(s\) \['race'\] more than once"):
        adverse_impact("hired", ["race", "race"], data=df)


def test_a_series_of_lists_says_what_to_fix():
    pairs = pd.Series([["F", "a"], ["M", "b"]] * 2, name="sex_race")
    with pytest.raises(ValueError, match=r"'sex_race' holds list values such as \['F', 'a'\].*own column"):
        adverse_impact([1, 0, 1, 0], pairs)
    with pytest.raises(ValueError, match="holds set values"):
        group_metrics([1, 0], [1, 0], pd.Series([{"a"}, {"b"}]))
    with pytest.raises(ValueError, match=r"selected holds list values such as \[1\]"):
        adverse_impact(pd.Series([[1], [0], [1], [0]]), ["a", "b", "a", "b"])


def test_equal_opportunity_is_nan_when_only_one_group_has_positives():
    # B has no actual positives: its TPR is undefined, and one TPR has nothing to be compared with.
    # fairlearn (through scikit-learn) reads B's TPR as 0 and reports a 0.8 difference.
    yt, yp, grp = confusion_rows({"A": (4, 1, 2, 3), "B": (0, 0, 1, 3)})
    rep = group_metrics(yt, yp, grp, min_group_size=1)
    d = rep.disparities
    assert d.loc[["equal_opportunity", "equalized_odds"]].isna().all().all()
    assert d.loc["demographic_parity"].notna().all() and d.loc["predictive_parity"].notna().all()
    assert any(n.startswith("equal_opportunity and equalized_odds undefined (NaN): tpr") for n in rep.notes)
    # The bootstrap draws follow the same rule: no interval around a 0 difference.
    boot = group_metrics(yt, yp, grp, min_group_size=1, n_boot=50, random_state=0).disparities
    assert boot.loc["equal_opportunity", ["difference_low", "difference_high"]].isna().all()


def test_a_single_group_has_no_disparity():
    yt, yp, grp = confusion_rows({"A": CONF["A"]})
    rep = group_metrics(yt, yp, grp, min_group_size=1)
    assert rep.disparities.isna().all().all()
    assert "only one group: there is nothing to compare, so every disparity is NaN" in rep.notes


def test_equalized_odds_ratio_when_a_rate_is_zero_everywhere():
    # FPR 0 in both groups (parity): the ratio is the TPR ratio 0.5 / 1 (fairlearn agrees, see the crosscheck).
    yt, yp, grp = confusion_rows({"A": (1, 1, 0, 2), "B": (2, 0, 0, 2)})
    rep = group_metrics(yt, yp, grp, min_group_size=1)
    assert rep.disparities.loc["equalized_odds", "ratio"] == 0.5
    assert "fpr is 0 in every group (parity), so the equalized_odds ratio is the tpr ratio" in rep.notes
    # TPR 0 in both groups: the FPR ratio 1/3 / 2/3.
    yt, yp, grp = confusion_rows({"A": (0, 2, 1, 2), "B": (0, 2, 2, 1)})
    d = group_metrics(yt, yp, grp, min_group_size=1).disparities
    assert d.loc["equalized_odds", "ratio"] == pytest.approx(0.5)
    assert np.isnan(d.loc["equal_opportunity", "ratio"])  # 0 / 0, as fairlearn's equal_opportunity_ratio


@pytest.mark.parametrize(
    "x_b, n_b, x_a, n_a",
    [
        (36, 100, 45, 100),  # (0.36 / 0.45) == 0.7999999999999999
        (16, 100, 20, 100),  # likewise
        (2, 25, 1, 10),  # unequal sizes
        (4, 100, 5, 100),
        (24, 75, 40, 100),
        (40, 100, 50, 100),  # 0.4 / 0.5
    ],
)
def test_stored_impact_ratio_agrees_with_the_flag_on_an_exact_boundary(x_b, n_b, x_a, n_a):
    rep = adverse_impact_from_counts(pd.Series({"a": n_a, "b": n_b}), pd.Series({"a": x_a, "b": x_b}))
    table = rep.table
    assert table.loc["b", "impact_ratio"] == 0.8  # the float nearest 4/5, not one below it
    assert (table["impact_ratio"] < rep.min_impact_ratio).tolist() == table["adverse_impact"].tolist()
    # One selection fewer is below the boundary, in the table and in the flag.
    below = adverse_impact_from_counts(pd.Series({"a": n_a, "b": n_b}), pd.Series({"a": x_a, "b": x_b - 1})).table
    assert (below["impact_ratio"] < 0.8).tolist() == below["adverse_impact"].tolist() == [False, True]


def test_stored_impact_ratio_agrees_with_the_flag_at_other_thresholds():
    # 0.45 / 0.5 is exactly 0.9 and 0.63 / 0.9 exactly 0.7; both land on the threshold's float.
    for (x_b, x_a), threshold in (((45, 50), 0.9), ((63, 90), 0.7)):
        rep = adverse_impact_from_counts(
            pd.Series({"a": 100, "b": 100}), pd.Series({"a": x_a, "b": x_b}), min_impact_ratio=threshold
        )
        assert rep.table.loc["b", "impact_ratio"] == threshold and rep.flagged == []
        assert not (rep.table["impact_ratio"] < threshold).any()


def test_old_names_of_the_cut_off_and_positional_options_warn_and_still_work():
    """One vocabulary (issue 16): min_impact_ratio everywhere; the old names work for one release."""
    from hrfair_helpers.audit import disparity_report

    sel, grp = [1, 1, 0, 0, 1, 0, 0, 0], ["a"] * 4 + ["b"] * 4
    new = adverse_impact(sel, grp, reference="a", min_impact_ratio=0.9, min_group_size=1)
    with pytest.warns(FutureWarning, match=r"adverse_impact\(threshold=...\) is renamed"):
        old = adverse_impact(sel, grp, threshold=0.9, reference="a", min_group_size=1)
    with pytest.warns(FutureWarning, match="pass reference= by name"):
        positional = adverse_impact(sel, grp, "a", min_impact_ratio=0.9, min_group_size=1)
    for report in (old, positional):
        pd.testing.assert_frame_equal(report.table, new.table)
    with pytest.warns(FutureWarning, match="threshold is renamed min_impact_ratio"):
        assert new.threshold == new.min_impact_ratio == 0.9
    assert new.lowest_impact_ratio == pytest.approx(0.5)
    with pytest.raises(TypeError, match="both threshold="):
        adverse_impact(sel, grp, threshold=0.9, min_impact_ratio=0.8)
    with pytest.raises(TypeError, match="multiple values"):
        adverse_impact(sel, grp, "a", reference="b")
    with pytest.warns(FutureWarning, match=r"disparity_report\(tolerance=...\)"):
        report = disparity_report([1, 0, 1, 0], [1, 0, 0, 0], ["a", "a", "b", "b"], tolerance=0.9, min_group_size=1)
    with pytest.warns(FutureWarning, match="tolerance is renamed min_impact_ratio"):
        assert report.tolerance == 0.9
