"""Tests for :func:`hrfair_helpers.audit.ll144_bias_audit` (NYC Local Law 144 bias audit).

Every expected number is worked out by hand in the comments next to it. The agreement tests
check that the rates and ratios are exactly those of :func:`adverse_impact` on the same rows.
"""

import datetime
import html

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.audit import LL144AuditReport, adverse_impact, ll144_bias_audit
from hrfair_helpers.audit.ll144 import DCWP_LABELS, DEFAULT_UNKNOWN, RACE_ETHNICITY_CATEGORIES, SEX_CATEGORIES

W, B = "White", "Black or African American"
AIAN = "American Indian or Alaska Native"
NHOPI = "Native Hawaiian or Other Pacific Islander"
# The same two categories as the bias-audit examples of 6 RCNY §5-301 write them.
DCWP_NHPI, DCWP_NAAN = "Native Hawaiian or Pacific Islander", "Native American or Alaska Native"

# --------------------------------------------------------------------------- #
# helpers


def cells(spec):
    """Expand [(sex, race, n, selected), ...] into a DataFrame, selections first in each cell."""
    rows = []
    for sex, race, n, s in spec:
        rows += [{"sex": sex, "race": race, "selected": int(i < s)} for i in range(n)]
    return pd.DataFrame(rows)


def scored(spec):
    """Expand [(sex, race, [scores]), ...] into a DataFrame with a ``score`` column."""
    rows = [{"sex": sex, "race": race, "score": x} for sex, race, xs in spec for x in xs]
    return pd.DataFrame(rows)


def audit(df, **kwargs):
    """ll144_bias_audit on the ``sex`` and ``race`` columns; ``selected`` unless a score is given."""
    if "score" not in kwargs:
        kwargs.setdefault("selected", "selected")
    return ll144_bias_audit(df, sex="sex", race_ethnicity="race", **kwargs)


# A selection example, worked by hand (52 people):
#   Male   × White   10 people, 6 selected
#   Male   × Black   10 people, 4 selected
#   Female × White   10 people, 5 selected
#   Female × Black   10 people, 2 selected
#   Unknown sex × White           5 people, 5 selected  (unknown sex, known race)
#   Male × Decline to state       5 people, 0 selected  (known sex, unknown race)
#   NaN sex × NaN race            2 people, 1 selected  (unknown on both)
# Sex table (7 unknown: 5 + 2):    Male 25 / 10 = 0.40 (highest), Female 20 / 7 = 0.35 -> 0.875
# Race table (7 unknown: 5 + 2):   White 25 / 16 = 0.64 (highest), Black 20 / 6 = 0.30 -> 0.46875
# Intersectional (12 unknown: 5 + 5 + 2):
#   Male×White 0.6 (highest) -> 1; Male×Black 0.4 -> 2/3; Female×White 0.5 -> 5/6; Female×Black 0.2 -> 1/3
SELECTION = [
    ("Male", W, 10, 6),
    ("Male", B, 10, 4),
    ("Female", W, 10, 5),
    ("Female", B, 10, 2),
    ("Unknown", W, 5, 5),
    ("Male", "Decline to state", 5, 0),
    (np.nan, np.nan, 2, 1),
]


@pytest.fixture
def selection_df():
    return cells(SELECTION)


@pytest.fixture
def rep(selection_df):
    return audit(
        selection_df,
        data_source="Historical data of Example Corp., 2025-11-01 to 2026-10-31",
        audit_date="2026-11-02",
        distribution_date=datetime.date(2024, 3, 15),
    )


# --------------------------------------------------------------------------- #
# 1. selection rates, by hand


def test_selection_sex_table(rep):
    t = rep.sex
    assert list(t.columns) == [
        "n",
        "selected",
        "selection_rate",
        "impact_ratio",
        "excluded_from_ratio",
        "below_2_percent",
    ]
    assert list(t.index) == ["Male", "Female"]  # EEO-1 order
    assert t["n"].tolist() == [25, 20]
    assert t["selected"].tolist() == [10, 7]
    assert t["selection_rate"].tolist() == pytest.approx([0.40, 0.35])
    assert t["impact_ratio"].tolist() == pytest.approx([1.0, 0.875])
    assert not t["excluded_from_ratio"].any() and not t["below_2_percent"].any()
    assert rep.reference["sex"] == "Male"


def test_selection_race_table(rep):
    t = rep.race_ethnicity
    assert list(t.index) == [W, B]
    assert t["n"].tolist() == [25, 20]
    assert t["selected"].tolist() == [16, 6]
    assert t["selection_rate"].tolist() == pytest.approx([0.64, 0.30])
    assert t["impact_ratio"].tolist() == pytest.approx([1.0, 0.46875])


def test_selection_intersectional_table(rep):
    t = rep.intersectional
    assert list(t.index) == [("Male", W), ("Male", B), ("Female", W), ("Female", B)]
    assert list(t.index.names) == ["sex", "race"]
    assert t["n"].tolist() == [10, 10, 10, 10]
    assert t["selected"].tolist() == [6, 4, 5, 2]
    assert t["selection_rate"].tolist() == pytest.approx([0.6, 0.4, 0.5, 0.2])
    assert t["impact_ratio"].tolist() == pytest.approx([1.0, 2 / 3, 5 / 6, 1 / 3])
    assert rep.reference["intersectional"] == ("Male", W)


def test_unknowns_counted_and_excluded(rep):
    # Unknown sex: the 5 "Unknown" and the 2 NaN; unknown race: 5 "Decline to state" and 2 NaN;
    # intersectional: unknown on either attribute, 5 + 5 + 2.
    assert rep.unknown_count == {"sex": 7, "race_ethnicity": 7, "intersectional": 12}
    assert rep.n_assessed == 52
    for name, table in rep.tables().items():
        assert int(table["n"].sum()) + rep.unknown_count[name] == 52
    assert "Unknown" not in rep.sex.index
    assert "Decline to state" not in rep.race_ethnicity.index


def test_unknown_labels_are_configurable():
    df = cells([("Male", W, 4, 2), ("Female", W, 4, 1), ("N/A", W, 2, 2)])
    rep = audit(df, unknown="N/A")
    assert rep.unknown_count["sex"] == 2 and list(rep.sex.index) == ["Male", "Female"]
    # Without unknown labels, "N/A" is a category of its own (and not an EEO-1 one).
    with pytest.raises(ValueError, match="not EEO-1 categories"):
        audit(df, unknown=None)
    loose = audit(df, unknown=None, strict=False)
    assert loose.unknown_count["sex"] == 0
    assert loose.sex.loc["N/A", "selection_rate"] == 1.0  # highest rate
    assert loose.sex.loc["Female", "impact_ratio"] == pytest.approx(0.25)


def test_bool_and_categorical_columns():
    df = cells(SELECTION)
    df["selected"] = df["selected"].astype(bool)
    df["sex"] = df["sex"].astype("category")
    df["race"] = df["race"].astype("category")
    rep = audit(df)
    assert rep.sex["selected"].tolist() == [10, 7]
    assert rep.unknown_count == {"sex": 7, "race_ethnicity": 7, "intersectional": 12}


def test_reference_with_no_selections_gives_undefined_ratios():
    df = cells([("Male", W, 5, 0), ("Female", W, 5, 0)])
    rep = audit(df)
    assert rep.sex["impact_ratio"].isna().all()
    assert any("no selections" in n for n in rep.notes)
    assert "–" in rep.to_markdown()


# --------------------------------------------------------------------------- #
# 2. scoring rates: the median of the FULL sample, "above" means strictly greater


def test_scoring_uses_median_of_full_sample_including_unknowns():
    # Male [5, 6, 9, 9], Female [5, 2, 7, 1], Unknown sex [10, 10, 10] (all White).
    # Full sample sorted: 1 2 5 5 6 7 9 9 10 10 10 -> median 7 (6th of 11).
    # Above 7: Male 9, 9 -> 2/4 = 0.5 (highest); Female none -> 0 -> ratio 0.
    # (The median of the known-sex rows alone would be 5.5, giving 0.75 and 0.25.)
    df = scored([("Male", W, [5, 6, 9, 9]), ("Female", W, [5, 2, 7, 1]), ("Unknown", W, [10, 10, 10])])
    rep = audit(df, score="score")
    assert rep.outcome_kind == "scoring"
    assert rep.median_score == 7.0
    t = rep.sex
    assert list(t.columns) == [
        "n",
        "scored_above_median",
        "scoring_rate",
        "impact_ratio",
        "excluded_from_ratio",
        "below_2_percent",
    ]
    assert t["n"].tolist() == [4, 4]
    assert t["scored_above_median"].tolist() == [2, 0]
    assert t["scoring_rate"].tolist() == pytest.approx([0.5, 0.0])
    assert t["impact_ratio"].tolist() == pytest.approx([1.0, 0.0])
    # Race table: everyone is White, unknown-sex rows included: above 7 are 9, 9, 10, 10, 10 -> 5/11.
    assert rep.race_ethnicity.loc[W, "n"] == 11
    assert rep.race_ethnicity.loc[W, "scoring_rate"] == pytest.approx(5 / 11)
    assert rep.unknown_count == {"sex": 3, "race_ethnicity": 0, "intersectional": 3}


def test_scoring_ties_at_the_median_are_not_above():
    # Male [7, 9, 9, 1], Female [7, 8, 2, 7], Unknown sex [10, 0].
    # Full sample sorted: 0 1 2 7 7 7 8 9 9 10 -> median (7 + 7) / 2 = 7.
    # Strictly above 7: Male 9, 9 -> 0.5 (highest); Female 8 -> 0.25 -> ratio 0.5.
    # (Counting ties, ">=", would give Male 0.75, Female 0.75 and a ratio of 1.)
    df = scored([("Male", W, [7, 9, 9, 1]), ("Female", W, [7, 8, 2, 7]), ("Unknown", W, [10, 0])])
    rep = audit(df, score="score")
    assert rep.median_score == 7.0
    assert rep.sex["scored_above_median"].tolist() == [2, 1]
    assert rep.sex["scoring_rate"].tolist() == pytest.approx([0.5, 0.25])
    assert rep.sex["impact_ratio"].tolist() == pytest.approx([1.0, 0.5])


def test_scoring_intersectional_table():
    # Full sample: 1 2 3 4 | 5 6 7 8 -> median 4.5; above: 5, 6, 7, 8.
    # Male×White [1, 8] -> 1/2; Male×Black [2, 7] -> 1/2; Female×White [5, 6] -> 2/2 (highest);
    # Female×Black [3, 4] -> 0/2.
    df = scored([("Male", W, [1, 8]), ("Male", B, [2, 7]), ("Female", W, [5, 6]), ("Female", B, [3, 4])])
    rep = audit(df, score="score")
    assert rep.median_score == 4.5
    t = rep.intersectional
    assert t["scoring_rate"].tolist() == pytest.approx([0.5, 0.5, 1.0, 0.0])
    assert t["impact_ratio"].tolist() == pytest.approx([0.5, 0.5, 1.0, 0.0])
    assert rep.reference["intersectional"] == ("Female", W)


# --------------------------------------------------------------------------- #
# 3. the 2 % exclusion option (6 RCNY §5-301(d))

# 100 people: Male×White 50 (25 selected), Female×White 49 (20 selected), Female×AIAN 1 (1 selected).
# AIAN is 1 % of the data (< 2 %). Race: White 99 / 45, AIAN 1 / 1 (rate 1.0, the highest).
SMALL = [("Male", W, 50, 25), ("Female", W, 49, 20), ("Female", AIAN, 1, 1)]


def test_small_category_reported_but_kept_by_default():
    rep = audit(cells(SMALL))
    t = rep.race_ethnicity
    assert t["below_2_percent"].tolist() == [False, True]
    assert not t["excluded_from_ratio"].any()
    # AIAN has the highest rate, so White is compared with it: (45/99) / 1.
    assert t.loc[AIAN, "impact_ratio"] == 1.0
    assert t.loc[W, "impact_ratio"] == pytest.approx(45 / 99)
    assert rep.exclusions == []
    assert rep.intersectional.loc[("Female", AIAN), "below_2_percent"]


def test_small_category_excluded_with_justification():
    why = "One applicant: a rate from one person cannot anchor the comparison."
    rep = audit(cells(SMALL), exclude_small=True, justification=why)
    t = rep.race_ethnicity
    assert t["excluded_from_ratio"].tolist() == [False, True]
    assert np.isnan(t.loc[AIAN, "impact_ratio"])
    assert t.loc[AIAN, "n"] == 1 and t.loc[AIAN, "selection_rate"] == 1.0  # still reported
    assert t.loc[W, "impact_ratio"] == 1.0  # White is now the highest-rate category
    assert rep.reference["race_ethnicity"] == W
    # Intersectional: Female×AIAN excluded; Male×White 0.5 is the highest, Female×White 20/49.
    it = rep.intersectional
    assert np.isnan(it.loc[("Female", AIAN), "impact_ratio"])
    assert it.loc[("Female", W), "impact_ratio"] == pytest.approx((20 / 49) / 0.5)
    assert rep.exclusions == [
        {"table": "race_ethnicity", "category": AIAN, "n": 1, "share": 0.01, "rate": 1.0, "justification": why},
        {
            "table": "intersectional",
            "category": ("Female", AIAN),
            "n": 1,
            "share": 0.01,
            "rate": 1.0,
            "justification": why,
        },
    ]
    md = rep.to_markdown()
    assert why in md and "excluded from the impact ratio" in md
    assert "1 applicant (1.00% of the data), selection rate 1.000" in md
    assert why in rep.to_html()


@pytest.mark.parametrize("justification", [None, "", "   "])
def test_exclusion_needs_a_justification(justification):
    with pytest.raises(ValueError, match="justification"):
        audit(cells(SMALL), exclude_small=True, justification=justification)


def test_exactly_two_percent_is_not_below():
    # 2 of 100 is exactly 2 %: "less than 2 %" does not include it.
    df = cells([("Male", W, 50, 25), ("Female", W, 48, 20), ("Female", AIAN, 2, 1)])
    rep = audit(df, exclude_small=True, justification="small")
    assert not rep.race_ethnicity["below_2_percent"].any()
    assert rep.exclusions == []


# 10 % unknown in the intersectional table, worked by hand (500 people):
#   Male   × White   200 people, 100 selected  -> 0.5 (highest)       ratio 1
#   Male   × Black     9 people,   3 selected  -> 1/3                 ratio 2/3
#   Female × White   150 people,  60 selected  -> 0.4                 ratio 0.8
#   Female × Black    91 people,  26 selected  -> 2/7                 ratio 4/7
#   Unknown sex × White          20 people, 10 selected  (unknown in the sex and intersectional tables)
#   Male × Decline to state      20 people,  4 selected  (unknown in the race and intersectional tables)
#   NaN × NaN                    10 people,  5 selected  (unknown everywhere)
# Intersectional unknowns: 20 + 20 + 10 = 50 = 10 % of 500; known: 450.
# Male × Black is 9 / 500 = 1.8 % of all individuals assessed -> under 2 %. Measured against the
# 450 known people it would be 9 / 450 = exactly 2 % and not under, so the flag tells the two
# denominators apart.
# Sex table: unknown 20 + 10 = 30; Male 200 + 9 + 20 = 229 (107 selected), Female 241 (86 selected).
# Race table: unknown 20 + 10 = 30; White 200 + 150 + 20 = 370 (170 selected), Black 100 (29 selected).
TEN_PERCENT_UNKNOWN = [
    ("Male", W, 200, 100),
    ("Male", B, 9, 3),
    ("Female", W, 150, 60),
    ("Female", B, 91, 26),
    ("Unknown", W, 20, 10),
    ("Male", "Decline to state", 20, 4),
    (np.nan, np.nan, 10, 5),
]


def test_two_percent_share_is_of_all_individuals_assessed_with_ten_percent_unknown():
    rep = audit(cells(TEN_PERCENT_UNKNOWN))
    assert rep.n_assessed == 500
    assert rep.unknown_count == {"sex": 30, "race_ethnicity": 30, "intersectional": 50}
    t = rep.intersectional
    assert list(t.index) == [("Male", W), ("Male", B), ("Female", W), ("Female", B)]
    assert t["n"].tolist() == [200, 9, 150, 91]
    assert t["selected"].tolist() == [100, 3, 60, 26]
    assert t["selection_rate"].tolist() == pytest.approx([0.5, 1 / 3, 0.4, 2 / 7])
    assert t["impact_ratio"].tolist() == pytest.approx([1.0, 2 / 3, 0.8, 4 / 7])
    assert rep.reference["intersectional"] == ("Male", W)
    # 9 / 500 = 1.8 % < 2 % (with the 450 known people it would be exactly 2 %, not below).
    assert t["below_2_percent"].tolist() == [False, True, False, False]
    assert int(t["n"].sum()) + rep.unknown_count["intersectional"] == 500
    # The one-attribute tables, by hand.
    assert rep.sex["n"].tolist() == [229, 241] and rep.sex["selected"].tolist() == [107, 86]
    assert rep.race_ethnicity["n"].tolist() == [370, 100] and rep.race_ethnicity["selected"].tolist() == [170, 29]
    assert not rep.sex["below_2_percent"].any() and not rep.race_ethnicity["below_2_percent"].any()
    md = rep.to_markdown()
    assert f"| Male × {B} | 9 | 3 | 0.333 | 0.667 | under 2% of the data |" in md
    assert "a category's applicants divided by all 500 individuals assessed, unknown categories included" in md
    assert "intersectional categories: 50" in md
    # Excluding it: the share reported is of all 500, and the other ratios do not change.
    rep = audit(cells(TEN_PERCENT_UNKNOWN), exclude_small=True, justification="under 2% of the data")
    assert rep.exclusions == [
        {
            "table": "intersectional",
            "category": ("Male", B),
            "n": 9,
            "share": 0.018,
            "rate": pytest.approx(1 / 3),
            "justification": "under 2% of the data",
        }
    ]
    assert "9 applicants (1.80% of the data)" in rep.to_markdown()
    assert rep.intersectional["impact_ratio"].tolist()[::2] == pytest.approx([1.0, 0.8])


def test_summary_states_the_two_percent_denominator_and_the_unsupported_multi_group_case(rep):
    md, out, text = rep.to_markdown(), rep.to_html(), repr(rep)
    for rendered in (md, out, text):
        assert "divided by all 52 individuals assessed, unknown categories included" in rendered
        assert "several groups" in rendered and "is not supported" in rendered
    doc = ll144_bias_audit.__doc__
    assert "unknown category included" in doc and "leadership styles" in doc and "not supported" in doc


def test_exclude_below_is_capped_at_two_percent():
    with pytest.raises(ValueError, match="2%"):
        audit(cells(SMALL), exclude_below=0.05)
    with pytest.raises(ValueError, match="exclude_below"):
        audit(cells(SMALL), exclude_below="2%")
    rep = audit(cells(SMALL), exclude_below=0.005)  # stricter: 1 % is no longer below it
    assert not rep.race_ethnicity["below_2_percent"].any()


def test_excluding_every_category_is_an_error():
    # 99 people of unknown sex and one man: Male is 1 % of the data.
    df = cells([("Male", W, 1, 1), ("Unknown", W, 99, 50)])
    with pytest.raises(ValueError, match="nothing to compare"):
        audit(df, exclude_small=True, justification="small")


# --------------------------------------------------------------------------- #
# 4. strict EEO-1 labels


def test_strict_rejects_non_eeo_labels_and_names_them():
    df = cells([("male", W, 3, 1), ("Female", "Black", 3, 2)])
    with pytest.raises(ValueError) as err:
        audit(df)
    message = str(err.value)
    assert "'male'" in message and "Male" in message and "Female" in message
    df = cells([("Male", "Black", 3, 1), ("Female", W, 3, 2)])
    with pytest.raises(ValueError) as err:
        audit(df)
    message = str(err.value)
    assert "'Black'" in message
    assert all(cat in message for cat in RACE_ETHNICITY_CATEGORIES)


def test_strict_allows_unknown_labels_and_every_eeo_category():
    spec = [(s, r, 2, 1) for s in SEX_CATEGORIES for r in RACE_ETHNICITY_CATEGORIES]
    spec += [("Not provided", W, 2, 1), ("Male", "Decline to state", 2, 1)]
    rep = audit(cells(spec))
    assert list(rep.race_ethnicity.index) == list(RACE_ETHNICITY_CATEGORIES)
    assert len(rep.intersectional) == 14
    assert rep.unknown_count == {"sex": 2, "race_ethnicity": 2, "intersectional": 4}


def test_strict_false_uses_labels_as_given():
    df = cells([("M", "Black", 4, 2), ("F", "Black", 4, 1)])
    rep = audit(df, strict=False)
    assert set(rep.sex.index) == {"M", "F"}
    assert rep.sex.loc["F", "impact_ratio"] == pytest.approx(0.5)


# --------------------------------------------------------------------------- #
# 4b. DCWP spellings of the categories, counted under the EEO-1 label

# 37 people; the race/ethnicity labels are swapped for their DCWP spelling in the tests below.
#   NHOPI 10 (4 selected), AIAN 7 (3 selected), White 20 (11 selected)
EEO_SPEC = [
    ("Male", NHOPI, 6, 3),
    ("Female", NHOPI, 4, 1),
    ("Male", AIAN, 3, 2),
    ("Female", AIAN, 4, 1),
    ("Male", W, 10, 5),
    ("Female", W, 10, 6),
]
TO_DCWP = {NHOPI: DCWP_NHPI, AIAN: DCWP_NAAN}
DCWP_NOTE = (
    "race/ethnicity column 'race': labels written as in the DCWP rules (6 RCNY §5-301) are counted as "
    f"the EEO-1 Component 1 category: '{DCWP_NHPI}' as '{NHOPI}' (10 rows); '{DCWP_NAAN}' as '{AIAN}' (7 rows)"
)


def dcwp_spec(spec, mapping=TO_DCWP):
    return [(s, mapping.get(r, r), n, k) for s, r, n, k in spec]


def assert_same_tables(a, b):
    for name in ("sex", "race_ethnicity", "intersectional"):
        pd.testing.assert_frame_equal(a.tables()[name], b.tables()[name])
    assert a.reference == b.reference and a.unknown_count == b.unknown_count


@pytest.mark.parametrize("kind", ["selection", "scoring"])
def test_dcwp_labels_are_accepted_and_counted_as_the_eeo_category(kind):
    eeo, dcwp = cells(EEO_SPEC), cells(dcwp_spec(EEO_SPEC))
    if kind == "scoring":  # a score per row, the same in both frames
        for df in (eeo, dcwp):
            df["score"] = np.arange(len(df)) % 7
    kwargs = {"score": "score"} if kind == "scoring" else {}
    expected, rep = audit(eeo, **kwargs), audit(dcwp, **kwargs)
    assert_same_tables(expected, rep)
    assert list(rep.race_ethnicity.index) == [W, NHOPI, AIAN]  # EEO-1 labels, EEO-1 order
    assert rep.race_ethnicity.loc[NHOPI, "n"] == 10 and rep.race_ethnicity.loc[AIAN, "n"] == 7
    assert rep.notes == [DCWP_NOTE]
    assert expected.notes == []  # EEO-1 labels: nothing renamed, nothing said
    assert DCWP_NOTE in rep.to_markdown() and "### Notes" in rep.to_markdown()
    assert html.escape(DCWP_NOTE) in rep.to_html()
    assert f"Note: {DCWP_NOTE}" in repr(rep)


def test_both_spellings_in_one_column_are_one_category():
    # NHOPI: 6 rows as EEO-1 writes it, 4 + 3 as the rule writes it (with and without the suffix).
    suffixed = f"{DCWP_NHPI} (Not Hispanic or Latino)"
    spec = [("Male", NHOPI, 6, 3), ("Female", DCWP_NHPI, 4, 1), ("Female", suffixed, 3, 2), ("Male", W, 10, 5)]
    rep = audit(cells(spec))
    assert list(rep.race_ethnicity.index) == [W, NHOPI]
    assert rep.race_ethnicity.loc[NHOPI, "n"] == 13 and rep.race_ethnicity.loc[NHOPI, "selected"] == 6
    assert rep.intersectional.loc[("Female", NHOPI), "n"] == 7  # 4 + 3, one intersectional cell
    same = audit(cells([("Male", NHOPI, 6, 3), ("Female", NHOPI, 7, 3), ("Male", W, 10, 5)]))
    assert_same_tables(same, rep)
    # Only the rows actually relabelled are counted in the note, each spelling on its own.
    assert rep.notes == [
        "race/ethnicity column 'race': labels written as in the DCWP rules (6 RCNY §5-301) are counted as "
        f"the EEO-1 Component 1 category: '{DCWP_NHPI}' as '{NHOPI}' (4 rows); '{suffixed}' as '{NHOPI}' (3 rows)"
    ]


def test_every_dcwp_spelling_maps_to_an_eeo_category():
    assert set(DCWP_LABELS) == {"sex", "race_ethnicity"}
    assert set(DCWP_LABELS["race_ethnicity"].values()) <= set(RACE_ETHNICITY_CATEGORIES)
    assert set(DCWP_LABELS["sex"].values()) <= set(SEX_CATEGORIES)
    spec = [("Female", label, 2, 1) for label in DCWP_LABELS["race_ethnicity"]]
    rep = audit(cells(spec))
    assert set(rep.race_ethnicity.index) == set(DCWP_LABELS["race_ethnicity"].values())
    assert rep.race_ethnicity["n"].sum() == 2 * len(DCWP_LABELS["race_ethnicity"])


def test_other_unknown_labels_still_raise_and_the_message_lists_the_dcwp_spellings():
    df = cells(dcwp_spec(EEO_SPEC) + [("Male", "Pacific Islander", 3, 1)])
    with pytest.raises(ValueError) as err:
        audit(df)
    message = str(err.value)
    assert "'Pacific Islander'" in message and "not EEO-1 categories" in message
    assert f"'{DCWP_NHPI}'" not in message.split("allowed")[0]  # the DCWP spelling is not reported as bad
    assert all(cat in message for cat in RACE_ETHNICITY_CATEGORIES)
    assert "DCWP rules (6 RCNY §5-301)" in message
    assert all(f"'{label}'" in message for label in DCWP_LABELS["race_ethnicity"])
    with pytest.raises(ValueError) as err:  # sex: the rule uses the EEO-1 words, no DCWP list to give
        audit(cells([("M", W, 3, 1), ("Female", W, 3, 2)]))
    assert "'M'" in str(err.value) and "DCWP" not in str(err.value)


def test_dcwp_labels_are_mapped_with_strict_false_too():
    spec = dcwp_spec(EEO_SPEC) + [("Male", "Other", 5, 1), ("X", DCWP_NAAN, 2, 2)]
    rep = audit(cells(spec), strict=False)
    assert list(rep.race_ethnicity.index) == [W, NHOPI, AIAN, "Other"]  # "Other" kept as given, after
    assert rep.race_ethnicity.loc[AIAN, "n"] == 9  # 7 + the 2 of sex "X"
    assert ("X", AIAN) in rep.intersectional.index
    assert rep.notes == [DCWP_NOTE.replace("(7 rows)", "(9 rows)")]


def test_intersectional_table_uses_the_eeo_labels():
    rep = audit(cells(dcwp_spec(EEO_SPEC)))
    index = rep.intersectional.index
    assert list(index) == [(s, r) for s in SEX_CATEGORIES for r in (W, NHOPI, AIAN)]
    assert not set(index.get_level_values("race")) & set(DCWP_LABELS["race_ethnicity"])
    assert rep.intersectional.loc[("Female", AIAN), "n"] == 4
    # Female × AIAN 1 / 4 = 0.25 against the highest cell, Male × AIAN 2 / 3: 0.375
    assert rep.reference["intersectional"] == ("Male", AIAN)
    assert rep.intersectional.loc[("Female", AIAN), "impact_ratio"] == pytest.approx(0.375)
    categories = rep.to_frame().query("table == 'intersectional'")["category"].tolist()
    assert f"Female × {NHOPI}" in categories and not any(DCWP_NHPI in c for c in categories)
    assert f"| Female × {AIAN} | 4 | 1 |" in rep.to_markdown()


def test_a_dcwp_spelling_listed_as_unknown_stays_unknown():
    rep = audit(cells(dcwp_spec(EEO_SPEC)), unknown=[DCWP_NAAN])
    assert rep.unknown_count["race_ethnicity"] == 7 and AIAN not in rep.race_ethnicity.index
    assert rep.notes == [DCWP_NOTE.replace(f"; '{DCWP_NAAN}' as '{AIAN}' (7 rows)", "")]


# --------------------------------------------------------------------------- #
# 5. bad input raises a clear ValueError


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"selected": None}, "no outcome"),
        ({"score": "score", "selected": "selected"}, "only one outcome"),
        ({"selected": "hired"}, "not in data"),
        ({"selected": 1}, "column name"),
        ({"exclude_small": "yes"}, "exclude_small"),
        ({"strict": 1}, "strict"),
        ({"audit_date": "2026-13-01"}, "audit_date"),
        ({"distribution_date": 20240315}, "distribution_date"),
        ({"audit_date": pd.NaT}, "audit_date"),
        ({"data_source": 42}, "data_source"),
    ],
)
def test_bad_arguments(selection_df, kwargs, match):
    df = selection_df.assign(score=1.0)
    with pytest.raises(ValueError, match=match):
        audit(df, **kwargs)


def test_missing_group_column(selection_df):
    with pytest.raises(ValueError, match="not in data"):
        ll144_bias_audit(selection_df, sex="gender", race_ethnicity="race", selected="selected")
    with pytest.raises(ValueError, match="different columns"):
        ll144_bias_audit(selection_df, sex="sex", race_ethnicity="sex", selected="selected")


def test_non_binary_selected(selection_df):
    with pytest.raises(ValueError, match="binary"):
        audit(selection_df.assign(selected=2))
    with pytest.raises(ValueError, match="missing"):
        audit(selection_df.assign(selected=np.where(np.arange(len(selection_df)) == 0, np.nan, 1.0)))


def test_bad_scores():
    df = scored([("Male", W, [1.0, 2.0]), ("Female", W, [3.0, np.nan])])
    with pytest.raises(ValueError, match="missing"):
        audit(df, score="score")
    df = scored([("Male", W, [1, 2]), ("Female", W, [3, "high"])])
    with pytest.raises(ValueError, match="numeric"):
        audit(df, score="score")
    df = scored([("Male", W, [True, False]), ("Female", W, [True, True])])
    with pytest.raises(ValueError, match="numeric"):
        audit(df, score="score")
    df = scored([("Male", W, [1, 2]), ("Female", W, [3, 4])]).astype({"score": object})
    assert audit(df, score="score").median_score == 2.5  # numbers stored as objects are fine


def test_empty_data_and_not_a_dataframe(selection_df):
    with pytest.raises(ValueError, match="empty"):
        audit(selection_df.iloc[:0])
    with pytest.raises(ValueError, match="data frame"):
        ll144_bias_audit(selection_df.to_dict("list"), sex="sex", race_ethnicity="race", selected="selected")


def test_everyone_unknown_is_an_error():
    df = cells([("Unknown", W, 3, 1), (np.nan, W, 3, 1)])
    with pytest.raises(ValueError, match="unknown category"):
        audit(df)


# --------------------------------------------------------------------------- #
# 6. the same numbers as adverse_impact


def random_frame(seed=0, n=600):
    rng = np.random.default_rng(seed)
    sexes = list(SEX_CATEGORIES) + ["Unknown", None]
    races = list(RACE_ETHNICITY_CATEGORIES) + ["Decline to state", None]
    df = pd.DataFrame(
        {
            "sex": rng.choice(np.array(sexes, dtype=object), size=n, p=[0.45, 0.45, 0.05, 0.05]),
            "race": rng.choice(np.array(races, dtype=object), size=n),
            "score": rng.normal(50, 10, size=n).round(0),  # rounded: many ties at the median
        }
    )
    df["selected"] = (rng.random(n) < np.where(df["sex"] == "Female", 0.3, 0.4)).astype(int)
    return df


def as_missing(df):
    """The same rows with every unknown label replaced by NaN, for adverse_impact(unknown=...)."""
    out = df.copy()
    for col in ("sex", "race"):
        out[col] = out[col].where(~out[col].isin(["Unknown", "Not provided", "Decline to state"]))
    return out


@pytest.mark.parametrize("kind", ["selection", "scoring"])
def test_agrees_with_adverse_impact_exactly(kind):
    df = random_frame()
    rep = audit(df, score="score") if kind == "scoring" else audit(df)
    base = as_missing(df)
    if kind == "scoring":
        assert rep.median_score == float(np.median(df["score"]))
        base["selected"] = (df["score"] > rep.median_score).astype(int)
    rate = rep.rate_column
    for name, groups in (("sex", "sex"), ("race_ethnicity", "race"), ("intersectional", ["sex", "race"])):
        ours = rep.tables()[name]
        theirs = adverse_impact("selected", groups, data=base, unknown="Unknown").table.reindex(ours.index)
        np.testing.assert_array_equal(ours["n"].to_numpy(), theirs["n"].to_numpy())
        np.testing.assert_array_equal(ours[rate].to_numpy(), theirs["selection_rate"].to_numpy())
        np.testing.assert_array_equal(ours["impact_ratio"].to_numpy(), theirs["impact_ratio"].to_numpy())
        assert rep.unknown_count[name] == adverse_impact("selected", groups, data=base, unknown="Unknown").unknown_count


def test_adverse_impact_reads_the_same_unknown_labels_as_ll144():
    # No masking first: adverse_impact(unknown=labels) leaves out the rows ll144_bias_audit leaves out.
    df = random_frame(seed=3)
    rep = audit(df)
    for name, groups in (("sex", "sex"), ("race_ethnicity", "race"), ("intersectional", ["sex", "race"])):
        theirs = adverse_impact("selected", groups, data=df, unknown=DEFAULT_UNKNOWN)
        ours = rep.tables()[name]
        assert theirs.unknown_count == rep.unknown_count[name]
        assert set(theirs.table.index) == set(ours.index)
        theirs = theirs.table.reindex(ours.index)
        np.testing.assert_array_equal(ours["impact_ratio"].to_numpy(), theirs["impact_ratio"].to_numpy())
        assert theirs["impact_ratio"].idxmax() == rep.reference[name]


# --------------------------------------------------------------------------- #
# 7. the summary of results


def test_markdown_summary(rep):
    md = rep.to_markdown()
    assert md.startswith("## Summary of results")
    for text in (
        "2026-11-02",  # date of the audit
        "2024-03-15",  # distribution date
        "Historical data of Example Corp.",
        "Number of individuals assessed:** 52",
        "sex categories: 7; race/ethnicity categories: 7; intersectional categories: 12",
        "### Sex categories",
        "### Race/ethnicity categories",
        "### Intersectional categories",
        "| Category | Applicants | Selected | Selection rate | Impact ratio | Note |",
        "| Female | 20 | 7 | 0.350 | 0.875 |",
        f"| {B} | 20 | 6 | 0.300 | 0.469 |",
        f"| Female × {B} | 10 | 2 | 0.200 | 0.333 |",
        "No category was excluded",
        "distribution date",
        "6 RCNY §5-303",
    ):
        assert text in md, text
    assert "| Female | 20 | 7 | 0.35 | 0.88 |" in rep.to_markdown(digits=2)


def test_markdown_for_scoring_and_missing_dates():
    df = scored([("Male", W, [5, 6, 9, 9]), ("Female", W, [5, 2, 7, 1]), ("Unknown", W, [10, 10, 10])])
    md = audit(df, score="score").to_markdown()
    assert "Scored above median | Scoring rate" in md
    assert "scoring above 7, the median score of the full sample" in md
    assert md.count("not given") == 3  # audit date, distribution date, data source


def test_html_summary(rep):
    out = rep.to_html()
    assert "<h3>Summary of results" in out and out.count("<h4>") == 4
    # In a notebook (and so in the book) titles are bold text: no headings inside a page's outline.
    shown = rep._repr_html_()
    assert "<h3>" not in shown and "<h4>" not in shown
    assert shown == out.replace("<h3>", "<p><strong>").replace("</h3>", "</strong></p>").replace(
        "<h4>", "<p><strong>"
    ).replace("</h4>", "</strong></p>")
    for text in (
        "Summary of results",
        "2026-11-02",
        "2024-03-15",
        "Example Corp.",
        "<table",
        "0.875",
        "Race/ethnicity categories",
        "Intersectional categories",
        html.escape(f"Female × {B}"),
        "6 RCNY §5-303",
    ):
        assert text in out, text
    assert out.count("<table") == 3


def test_labels_are_escaped():
    df = cells([("<b>M</b>", "A|B", 4, 2), ("F", "A|B", 4, 1)])
    rep = audit(df, strict=False)
    assert "&lt;b&gt;M&lt;/b&gt;" in rep.to_html() and "<b>M</b>" not in rep.to_html()
    assert "A\\|B" in rep.to_markdown()


def test_repr_and_to_frame(rep):
    text = repr(rep)
    assert "NYC Local Law 144" in text and "2026-11-02" in text and "Female" in text
    frame = rep.to_frame()
    assert list(frame.columns) == [
        "table",
        "category",
        "n",
        "selected",
        "selection_rate",
        "impact_ratio",
        "excluded_from_ratio",
        "below_2_percent",
    ]
    assert frame["table"].tolist() == ["sex"] * 2 + ["race_ethnicity"] * 2 + ["intersectional"] * 4
    row = frame[(frame["table"] == "intersectional") & (frame["category"] == f"Female × {W}")].iloc[0]
    assert row["n"] == 10 and row["impact_ratio"] == pytest.approx(5 / 6)
    assert isinstance(rep, LL144AuditReport)


def test_dates_accept_date_datetime_and_iso_strings(selection_df):
    rep = audit(selection_df, audit_date=datetime.datetime(2026, 11, 2, 9, 30), distribution_date="2024-03-15")
    assert rep.audit_date == datetime.date(2026, 11, 2)
    assert rep.distribution_date == datetime.date(2024, 3, 15)
    rep = audit(selection_df)
    assert rep.audit_date is None and rep.distribution_date is None  # no wall-clock default


def test_digits_validated(rep):
    with pytest.raises(ValueError, match="digits"):
        rep.to_markdown(digits=-1)
    with pytest.raises(ValueError, match="digits"):
        rep.to_html(digits=11)


def test_every_table_has_a_title_in_table_order():
    # The titles live with the layout (audit/_ll144_render.py), the table names with the computation.
    from hrfair_helpers.audit.ll144 import TABLE_TITLES, TABLES

    assert tuple(TABLE_TITLES) == TABLES


# --------------------------------------------------------------------------- #
# 8. determinism


def test_deterministic_and_independent_of_row_order():
    df = random_frame(seed=3)
    kwargs = {"audit_date": "2026-11-02", "data_source": "synthetic"}
    first, second = audit(df, **kwargs), audit(df, **kwargs)
    assert first.to_markdown() == second.to_markdown()
    assert first.to_html() == second.to_html()
    pd.testing.assert_frame_equal(first.to_frame(), second.to_frame())
    shuffled = audit(df.sample(frac=1, random_state=7).reset_index(drop=True), **kwargs)
    pd.testing.assert_frame_equal(first.to_frame(), shuffled.to_frame())
    assert first.to_markdown() == shuffled.to_markdown()
    a = audit(df, score="score", **kwargs)
    b = audit(df.iloc[::-1].reset_index(drop=True), score="score", **kwargs)
    assert a.to_markdown() == b.to_markdown()


def test_exclusion_states_its_reading_of_the_rule_and_the_alternative():
    """6 RCNY 5-301(d) is silent on whether an excluded category may still be the reference: say which reading."""
    import pandas as pd

    from hrfair_helpers.audit import ll144_bias_audit

    # 100 people: a 1% category with the highest rate, and two large categories.
    rows = (
        [("Female", "Asian", 1)] * 1
        + [("Male", "White", 1)] * 30
        + [("Male", "White", 0)] * 20
        + [("Female", "White", 1)] * 20
        + [("Female", "White", 0)] * 29
    )
    data = pd.DataFrame(rows, columns=["sex", "race", "selected"])
    report = ll144_bias_audit(
        data,
        sex="sex",
        race_ethnicity="race",
        selected="selected",
        exclude_small=True,
        justification="too few people to set the reference",
    )
    note = next(n for n in report.notes if n.startswith("race_ethnicity table: reading of 6 RCNY 5-301(d)"))
    assert "ratios divide by White (lowest ratio 1.000)" in note
    assert "would divide by Asian and the lowest would be 0.505" in note
    # When the excluded category is not the most selected, both readings agree and the note says so.
    rows[0] = ("Female", "Asian", 0)
    report = ll144_bias_audit(
        pd.DataFrame(rows, columns=["sex", "race", "selected"]),
        sex="sex",
        race_ethnicity="race",
        selected="selected",
        exclude_small=True,
        justification="too few people",
    )
    assert any("either reading of 6 RCNY 5-301(d) gives the same reference (White)" in n for n in report.notes)
