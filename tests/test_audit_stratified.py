"""Tests for :func:`hrfair_helpers.audit.stratified.stratified_impact`.

The per-stratum tables are checked against counts worked out by hand and scipy's Fisher test;
the Cochran–Mantel–Haenszel statistic, the Mantel–Haenszel pooled ratios and the Breslow–Day
statistic against the textbook formulas written out as plain loops (and against R's published
``mantelhaen.test`` output for the Rabbits data); Simpson's-paradox data in both directions
check the meaning.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.stats import chi2, fisher_exact  # noqa: E402

from hrfair_helpers.audit import adverse_impact  # noqa: E402
from hrfair_helpers.audit.impact import AdverseImpactReport  # noqa: E402
from hrfair_helpers.audit.stratified import (  # noqa: E402
    CMH_COLUMNS,
    STRATUM_COLUMNS,
    StratifiedImpactReport,
    _breslow_day,
    stratified_impact,
)


def frame(cells, stratum="band", group="sex", outcome="promoted"):
    """People from (stratum, group, n, selected) cells: the first ``selected`` of each cell are 1."""
    rows = [(s, g, int(i < k)) for s, g, n, k in cells for i in range(n)]
    return pd.DataFrame(rows, columns=[stratum, group, outcome])


def cmh_by_hand(tables, correction):
    """The classic CMH statistic: (|Σ a - Σ E(a)| - c)² / Σ Var(a), tables [[a, b], [c, d]]."""
    deviation, variance = 0.0, 0.0
    for (a, b), (c, d) in tables:
        n = a + b + c + d
        deviation += a - (a + b) * (a + c) / n
        variance += (a + b) * (c + d) * (a + c) * (b + d) / (n**2 * (n - 1))
    return (abs(deviation) - (0.5 if correction else 0.0)) ** 2 / variance


def breslow_day_by_hand(tables):
    """Breslow–Day with Tarone's adjustment; the expected cell found by bisection, not a formula."""
    num = sum(a * d / (a + b + c + d) for (a, b), (c, d) in tables)
    den = sum(b * c / (a + b + c + d) for (a, b), (c, d) in tables)
    r = num / den
    statistic, total_dev, total_var = 0.0, 0.0, 0.0
    for (a, b), (c, d) in tables:
        row, col, n = a + b, a + c, a + b + c + d
        lo, hi = max(0.0, col - (n - row)), min(row, col)
        for _ in range(200):  # odds ratio of the fitted table increases with the first cell
            e = (lo + hi) / 2
            fitted = e * (n - row - col + e) / ((row - e) * (col - e))
            lo, hi = (e, hi) if fitted < r else (lo, e)
        var = 1 / (1 / e + 1 / (row - e) + 1 / (col - e) + 1 / (n - row - col + e))
        statistic += (a - e) ** 2 / var
        total_dev += a - e
        total_var += var
    return statistic - total_dev**2 / total_var


# --------------------------------------------------------------------------- #
# per-stratum tables by hand

THREE_BANDS = [
    ("1 low", "F", 50, 5), ("1 low", "M", 40, 6),
    ("2 mid", "F", 60, 12), ("2 mid", "M", 60, 24),
    ("3 high", "F", 30, 15), ("3 high", "M", 50, 30),
]  # fmt: skip


def test_per_stratum_table_matches_hand_counts():
    rep = stratified_impact("promoted", "sex", "band", data=frame(THREE_BANDS))
    assert isinstance(rep, StratifiedImpactReport)
    table = rep.by_stratum
    assert list(table.columns) == STRATUM_COLUMNS
    assert table.index.names == ["band", "sex"]
    assert rep.reference == "M"  # crude rates: M 60/150 = 0.40, F 32/140 = 0.229
    expected = {  # (band, sex): (n, selected, rate, ratio, adverse, shortfall)
        ("1 low", "F"): (50, 5, 0.10, 0.10 / 0.15, True, 1),  # 0.8 * 0.15 * 50 = 6 → 1 short
        ("1 low", "M"): (40, 6, 0.15, 1.0, False, 0),
        ("2 mid", "F"): (60, 12, 0.20, 0.5, True, 8),  # 0.8 * 0.4 * 60 = 19.2 → 8 short
        ("2 mid", "M"): (60, 24, 0.40, 1.0, False, 0),
        ("3 high", "F"): (30, 15, 0.50, 0.5 / 0.6, False, 0),
        ("3 high", "M"): (50, 30, 0.60, 1.0, False, 0),
    }
    for key, (n, k, rate, ratio, adverse, short) in expected.items():
        row = table.loc[key]
        assert (row["n"], row["selected"], row["shortfall"]) == (n, k, short), key
        assert row["selection_rate"] == pytest.approx(rate)
        assert row["impact_ratio"] == pytest.approx(ratio)
        assert bool(row["adverse_impact"]) is adverse, key
    # Fisher's exact test of each F cell against the M cell of the same band.
    for band, (f_n, f_k), (m_n, m_k) in [("1 low", (50, 5), (40, 6)), ("2 mid", (60, 12), (60, 24))]:
        p = fisher_exact([[f_k, f_n - f_k], [m_k, m_n - m_k]])[1]
        assert table.loc[(band, "F"), "p_value_fisher"] == pytest.approx(p)
        assert np.isnan(table.loc[(band, "M"), "p_value_fisher"])
    assert rep.flagged == [("1 low", "F"), ("2 mid", "F")]
    assert rep.to_frame().equals(table) and rep.to_frame() is not table


def test_overall_is_the_crude_analysis_of_the_same_rows():
    df = frame(THREE_BANDS)
    rep = stratified_impact("promoted", "sex", "band", data=df)
    assert isinstance(rep.overall, AdverseImpactReport)
    crude = adverse_impact("promoted", "sex", data=df).table
    pd.testing.assert_frame_equal(rep.overall.table, crude)
    assert rep.overall.table.loc["F", "impact_ratio"] == pytest.approx((32 / 140) / (60 / 150))


def test_named_reference_is_used_in_every_stratum():
    rep = stratified_impact("promoted", "sex", "band", data=frame(THREE_BANDS), reference="F")
    assert rep.reference == "F"
    assert rep.by_stratum.xs("F", level="sex")["impact_ratio"].tolist() == [1.0, 1.0, 1.0]
    assert list(rep.cmh.index) == ["M"]
    with pytest.raises(ValueError, match="not one of the groups"):
        stratified_impact("promoted", "sex", "band", data=frame(THREE_BANDS), reference="X")


# --------------------------------------------------------------------------- #
# CMH, Mantel–Haenszel ratios and Breslow–Day against the formulas

# R's datasets example for mantelhaen.test: penicillin given at once ("None" delay) or after 1.5 h,
# cured or not, at five penicillin levels. R prints X-squared = 3.9286 (continuity-corrected) and a
# common odds ratio of 7 (95% CI 1.026713 to 47.725133) for None against 1.5h.
RABBITS = [  # (level, delay, n, cured)
    ("1/8", "None", 6, 0), ("1/8", "1.5h", 5, 0),
    ("1/4", "None", 6, 3), ("1/4", "1.5h", 6, 0),
    ("1/2", "None", 6, 6), ("1/2", "1.5h", 6, 2),
    ("1", "None", 6, 5), ("1", "1.5h", 6, 6),
    ("4", "None", 2, 2), ("4", "1.5h", 5, 5),
]  # fmt: skip
RABBIT_TABLES = [  # [[None cured, None died], [1.5h cured, 1.5h died]]
    [[0, 6], [0, 5]],
    [[3, 3], [0, 6]],
    [[6, 0], [2, 4]],
    [[5, 1], [6, 0]],
    [[2, 0], [5, 0]],
]


def rabbits(**kwargs):
    df = frame(RABBITS, stratum="penicillin", group="delay", outcome="cured")
    levels = ["1/8", "1/4", "1/2", "1", "4"]
    df["penicillin"] = pd.Categorical(df["penicillin"], categories=levels, ordered=True)
    return stratified_impact("cured", "delay", "penicillin", data=df, min_group_size=5, **kwargs)


def test_cmh_matches_the_uncorrected_textbook_formula_and_r():
    from statsmodels.stats.contingency_tables import StratifiedTable

    uncorrected = cmh_by_hand(RABBIT_TABLES, correction=False)
    corrected = cmh_by_hand(RABBIT_TABLES, correction=True)
    assert corrected == pytest.approx(3.9286, abs=5e-5)  # R's mantelhaen.test default (correct=TRUE)
    st = StratifiedTable(np.dstack(RABBIT_TABLES).astype(float))
    assert st.test_null_odds().statistic == pytest.approx(uncorrected, rel=1e-12)  # statsmodels' default
    assert st.test_null_odds(correction=True).statistic == pytest.approx(corrected, rel=1e-12)

    rep = rabbits(reference="None")
    row = rep.cmh.loc["1.5h"]
    assert list(rep.cmh.columns) == CMH_COLUMNS
    assert row["cmh_statistic"] == pytest.approx(uncorrected, rel=1e-12)  # CMH is symmetric in the rows
    assert row["cmh_p_value"] == pytest.approx(chi2.sf(uncorrected, 1), rel=1e-12)
    # Rows are (group, reference), so the odds ratio is R's inverted: 1/7, interval inverted too.
    assert row["mh_odds_ratio"] == pytest.approx(1 / 7)
    assert row["mh_odds_ratio_low"] == pytest.approx(1 / 47.725133, rel=1e-6)
    assert row["mh_odds_ratio_high"] == pytest.approx(1 / 1.026713, rel=1e-6)


def test_degenerate_strata_are_left_out_of_the_cmh_and_named_in_the_notes():
    rep = rabbits(reference="None")
    row = rep.cmh.loc["1.5h"]
    assert (row["strata_used"], row["strata_excluded"]) == (3, 2)
    note = next(n for n in rep.notes if n.startswith("CMH for 1.5h vs None"))
    assert "1/8 (nobody selected)" in note and "4 (everybody selected)" in note
    # Leaving them out changes nothing: they add 0 to every CMH sum.
    assert row["cmh_statistic"] == pytest.approx(cmh_by_hand(RABBIT_TABLES[1:4], correction=False))
    # ...but they stay in the per-stratum table.
    assert len(rep.by_stratum) == 10


def test_mantel_haenszel_ratios_match_their_formulas():
    cells = [
        ("a", "F", 40, 8), ("a", "M", 60, 18),
        ("b", "F", 70, 21), ("b", "M", 30, 12),
        ("c", "F", 25, 15), ("c", "M", 75, 50),
    ]  # fmt: skip
    rep = stratified_impact("promoted", "sex", "band", data=frame(cells), reference="M")
    tables = [[[8, 32], [18, 42]], [[21, 49], [12, 18]], [[15, 10], [50, 25]]]
    odds = sum(a * d / (a + b + c + d) for (a, b), (c, d) in tables) / sum(
        b * c / (a + b + c + d) for (a, b), (c, d) in tables
    )
    rates = sum(a * (c + d) / (a + b + c + d) for (a, b), (c, d) in tables) / sum(
        c * (a + b) / (a + b + c + d) for (a, b), (c, d) in tables
    )
    row = rep.cmh.loc["F"]
    assert row["mh_odds_ratio"] == pytest.approx(odds, rel=1e-12)
    assert row["adjusted_impact_ratio"] == pytest.approx(rates, rel=1e-12)
    assert row["mh_odds_ratio_low"] < odds < row["mh_odds_ratio_high"]
    assert row["cmh_statistic"] == pytest.approx(cmh_by_hand(tables, correction=False), rel=1e-12)
    assert row["breslow_day_statistic"] == pytest.approx(breslow_day_by_hand(tables), rel=1e-8)
    assert row["breslow_day_p_value"] == pytest.approx(chi2.sf(breslow_day_by_hand(tables), 2), rel=1e-6)


def test_breslow_day_separates_homogeneous_from_heterogeneous_strata():
    homogeneous = [  # odds ratio F vs M = 0.5 in both bands
        ("a", "F", 200, 40), ("a", "M", 200, 67),
        ("b", "F", 200, 100), ("b", "M", 200, 133),
    ]  # fmt: skip
    heterogeneous = [  # F disadvantaged in band a, advantaged in band b
        ("a", "F", 200, 20), ("a", "M", 200, 80),
        ("b", "F", 200, 140), ("b", "M", 200, 60),
    ]  # fmt: skip
    same, mixed = (
        stratified_impact("promoted", "sex", "band", data=frame(cells), reference="M").cmh.loc["F"]
        for cells in (homogeneous, heterogeneous)
    )
    assert same["breslow_day_p_value"] > 0.5
    assert same["mh_odds_ratio"] == pytest.approx(0.5, abs=0.02) and same["cmh_p_value"] < 1e-4
    assert mixed["breslow_day_p_value"] < 1e-10
    assert mixed["breslow_day_statistic"] == pytest.approx(
        breslow_day_by_hand([[[20, 180], [80, 120]], [[140, 60], [60, 140]]]), rel=1e-8
    )


def test_breslow_day_agrees_with_statsmodels_and_survives_an_odds_ratio_of_one():
    from statsmodels.stats.contingency_tables import StratifiedTable

    tables = np.dstack([[[8, 32], [18, 42]], [[21, 49], [12, 18]], [[15, 10], [50, 25]]]).astype(float)
    st = StratifiedTable(tables)
    assert _breslow_day(tables, st.oddsratio_pooled) == pytest.approx(
        st.test_equal_odds(adjust=True).statistic, rel=1e-10
    )
    # Pooled odds ratio exactly 1: statsmodels divides by 1 - OR; the stable root does not.
    balanced = np.dstack([[[10, 10], [40, 40]], [[5, 45], [2, 18]]]).astype(float)
    assert StratifiedTable(balanced).oddsratio_pooled == 1.0
    assert _breslow_day(balanced, 1.0) == pytest.approx(0.0, abs=1e-12)


# --------------------------------------------------------------------------- #
# meaning: Simpson's paradox both ways


@pytest.mark.filterwarnings("error")
def test_crude_gap_explained_by_the_stratifier():
    # Women are concentrated in the low band; within each band the rates are identical.
    cells = [("high", "M", 800, 400), ("high", "F", 200, 100), ("low", "M", 200, 20), ("low", "F", 800, 80)]
    rep = stratified_impact("promoted", "sex", "band", data=frame(cells))
    assert rep.overall.table.loc["F", "impact_ratio"] == pytest.approx(0.18 / 0.42)
    assert rep.overall.flagged == ["F"]
    assert rep.by_stratum.xs("F", level="sex")["impact_ratio"].tolist() == pytest.approx([1.0, 1.0])
    assert rep.flagged == []
    row = rep.cmh.loc["F"]
    assert row["cmh_p_value"] == pytest.approx(1.0)
    assert row["mh_odds_ratio"] == pytest.approx(1.0) and row["adjusted_impact_ratio"] == pytest.approx(1.0)
    assert row["breslow_day_statistic"] == pytest.approx(0.0, abs=1e-12)
    assert any("crude gap comes from how the groups are spread" in n for n in rep.notes)


def test_crude_ratio_hides_a_within_stratum_gap():
    # Women are concentrated in the high band, so their crude rate is *higher* than men's,
    # yet within each band they are selected at 0.7 and 0.5 times the men's rate.
    cells = [("high", "M", 200, 100), ("high", "F", 800, 280), ("low", "M", 800, 80), ("low", "F", 200, 10)]
    rep = stratified_impact("promoted", "sex", "band", data=frame(cells), reference="M")
    assert rep.overall.table.loc["F", "impact_ratio"] == pytest.approx(0.29 / 0.18)
    assert rep.overall.flagged == []
    assert rep.by_stratum.xs("F", level="sex")["impact_ratio"].tolist() == pytest.approx([0.7, 0.5])
    assert rep.flagged == [("high", "F"), ("low", "F")]
    row = rep.cmh.loc["F"]
    assert row["cmh_p_value"] < 1e-4 and row["mh_odds_ratio_high"] < 1
    assert row["adjusted_impact_ratio"] < 0.8
    assert any("crude comparison hides the gap" in n for n in rep.notes)
    # With the default reference (highest crude rate = F), the report says to switch reference.
    default = stratified_impact("promoted", "sex", "band", data=frame(cells))
    assert default.reference == "F"
    assert any("rerun with reference='M'" in n for n in default.notes)


# --------------------------------------------------------------------------- #
# k groups, several strata columns, empty cells


def test_three_groups_and_a_group_absent_from_a_stratum():
    cells = [
        ("a", "X", 100, 50), ("a", "Y", 100, 30), ("a", "Z", 40, 10),
        ("b", "X", 100, 40), ("b", "Y", 100, 20),
        ("c", "X", 50, 20), ("c", "Y", 50, 10), ("c", "Z", 40, 8),
    ]  # fmt: skip
    rep = stratified_impact("promoted", "grp", "band", data=frame(cells, group="grp"), reference="X")
    assert list(rep.cmh.index) == ["Y", "Z"]
    assert rep.cmh.loc["Y", "strata_used"] == 3
    assert (rep.cmh.loc["Z", "strata_used"], rep.cmh.loc["Z", "strata_excluded"]) == (2, 1)
    assert ("b", "Z") not in rep.by_stratum.index
    assert any(n.startswith("Z has nobody in stratum/strata b") for n in rep.notes)
    assert any("CMH for Z vs X" in n and "b (Z absent)" in n for n in rep.notes)
    z = [[[10, 30], [50, 50]], [[8, 32], [20, 30]]]
    assert rep.cmh.loc["Z", "cmh_statistic"] == pytest.approx(cmh_by_hand(z, correction=False))


def test_a_stratum_with_one_group_only_is_a_note_not_an_error():
    cells = [
        ("a", "F", 40, 10), ("a", "M", 40, 20),
        ("b", "M", 30, 15),
        ("c", "F", 40, 12), ("c", "M", 40, 20),
    ]  # fmt: skip
    rep = stratified_impact("promoted", "sex", "band", data=frame(cells), reference="M")
    assert any("have only one group" in n and "b (M)" in n for n in rep.notes)
    assert any("b (F absent)" in n for n in rep.notes)
    assert rep.cmh.loc["F", "strata_used"] == 2
    # Only the reference in a stratum, or only the other group: both reported, neither crashes.
    cells[2] = ("b", "F", 30, 15)
    rep = stratified_impact("promoted", "sex", "band", data=frame(cells), reference="M")
    assert any("reference group M has nobody in stratum/strata b" in n for n in rep.notes)
    assert np.isnan(rep.by_stratum.loc[("b", "F"), "impact_ratio"])
    assert not rep.by_stratum.loc[("b", "F"), "adverse_impact"]


@pytest.mark.filterwarnings("error")
def test_group_never_selected_gives_a_zero_odds_ratio_and_a_note():
    cells = [("a", "F", 40, 0), ("a", "M", 40, 20), ("b", "F", 40, 0), ("b", "M", 40, 10)]
    row = stratified_impact("promoted", "sex", "band", data=frame(cells)).cmh.loc["F"]
    assert row["mh_odds_ratio"] == 0.0 and row["adjusted_impact_ratio"] == 0.0
    assert np.isnan(row["mh_odds_ratio_low"]) and np.isnan(row["breslow_day_p_value"])
    assert row["cmh_p_value"] < 1e-6


def test_several_strata_columns_and_intersectional_groups():
    rng = np.random.default_rng(1)
    n = 4000
    df = pd.DataFrame(
        {
            "band": rng.choice(["low", "high"], n),
            "unit": rng.choice(["ops", "sales"], n),
            "sex": rng.choice(["F", "M"], n),
            "age": rng.choice(["<40", "40+"], n),
        }
    )
    p = np.where(df["band"] == "high", 0.5, 0.2) * np.where(df["sex"] == "F", 0.7, 1.0)
    df["promoted"] = (rng.random(n) < p).astype(int)
    rep = stratified_impact("promoted", ["sex", "age"], ["band", "unit"], data=df, reference=("M", "40+"))
    assert rep.by_stratum.index.names == ["band", "unit", "sex", "age"]
    assert len(rep.strata) == 4 and len(rep.by_stratum) == 16
    assert set(rep.cmh.index) == {("F", "40+"), ("F", "<40"), ("M", "<40")}
    assert rep.cmh.loc[("F", "<40"), "adjusted_impact_ratio"] == pytest.approx(0.7, abs=0.1)
    assert rep.cmh.loc[("M", "<40"), "cmh_p_value"] > 0.001
    ax = rep.plot()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks == ["high × ops", "high × sales", "low × ops", "low × sales"]
    plt.close("all")


def test_unnamed_arrays_get_stratum_and_group_names():
    cells = frame(THREE_BANDS)
    rep = stratified_impact(cells["promoted"].to_numpy(), cells["sex"].to_numpy(), cells["band"].to_numpy())
    assert rep.by_stratum.index.names == ["stratum", "group"]


# --------------------------------------------------------------------------- #
# bad inputs


def test_length_mismatch_is_an_error():
    df = frame(THREE_BANDS)
    with pytest.raises(ValueError, match="different lengths"):
        stratified_impact(df["promoted"].to_numpy(), df["sex"].to_numpy(), df["band"].to_numpy()[:-1])
    with pytest.raises(ValueError, match="different pandas indexes"):
        stratified_impact(df["promoted"], df["sex"], df["band"].iloc[::-1])


def test_missing_strata_need_unknown_and_are_then_counted():
    df = frame(THREE_BANDS)
    df.loc[[0, 1, 2], "band"] = None
    with pytest.raises(ValueError, match=r"strata column 'band' has 3 missing values.*unknown='Unknown'"):
        stratified_impact("promoted", "sex", "band", data=df)
    df.loc[3, "sex"] = None
    with pytest.raises(ValueError, match="group column 'sex' has 1 missing"):
        stratified_impact("promoted", "sex", "band", data=df)
    rep = stratified_impact("promoted", "sex", "band", data=df, unknown="Unknown")
    assert rep.unknown_count == 4 and rep.overall.unknown_count == 4
    assert rep.overall.table["n"].sum() == len(df) - 4 == rep.by_stratum["n"].sum()
    assert any("unknown group (1) or stratum (3)" in n for n in rep.notes)


def test_non_binary_outcome_and_other_bad_arguments():
    df = frame(THREE_BANDS)
    df["score"] = np.linspace(0, 1, len(df))
    with pytest.raises(ValueError, match="must be binary"):
        stratified_impact("score", "sex", "band", data=df)
    with pytest.raises(ValueError, match="share column name"):
        stratified_impact("promoted", "sex", "sex", data=df)
    with pytest.raises(ValueError, match="not in data"):
        stratified_impact("promoted", "sex", "rating", data=df)
    with pytest.raises(ValueError, match="min_group_size"):
        stratified_impact("promoted", "sex", "band", data=df, min_group_size=0)
    with pytest.raises(ValueError, match="min_impact_ratio"):
        stratified_impact("promoted", "sex", "band", data=df, min_impact_ratio=1.5)


def test_small_cells_and_many_strata_are_noted():
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"sex": rng.choice(["F", "M"], 600), "rating": rng.integers(0, 30, 600)})
    df["promoted"] = (rng.random(600) < 0.3).astype(int)
    rep = stratified_impact("promoted", "sex", "rating", data=df)
    assert any(n.startswith("30 strata: if the stratifier is a continuous score") for n in rep.notes)
    assert any("stratum × group cells have fewer than 30 people" in n for n in rep.notes)


# --------------------------------------------------------------------------- #
# display


def test_repr_html_and_plot():
    rep = stratified_impact("promoted", "sex", "band", data=frame(THREE_BANDS))
    text = repr(rep)
    assert "Adverse impact within strata" in text and "Cochran–Mantel–Haenszel" in text
    assert "F: crude impact ratio 0.57; below 0.8 in 2 of 3 strata" in text
    assert "<table" in rep._repr_html_() and "Cochran" in rep._repr_html_()
    ax = rep.plot()
    assert isinstance(ax, matplotlib.axes.Axes)
    assert ax.get_ylim()[0] == 0
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1 low", "2 mid", "3 high"]
    within, *horizontal = ax.get_lines()
    assert within.get_ydata() == pytest.approx([0.10 / 0.15, 0.5, 0.5 / 0.6])
    styles = {line.get_linestyle(): line.get_ydata()[0] for line in horizontal}
    assert styles["--"] == pytest.approx(rep.overall.table.loc["F", "impact_ratio"])
    assert styles[":"] == pytest.approx(0.8)
    _, given = plt.subplots()
    assert rep.plot(ax=given) is given
    plt.close("all")
