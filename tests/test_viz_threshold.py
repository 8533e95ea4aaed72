"""Tests for :mod:`hrfair_helpers.viz.threshold` on a small hand-computed example.

The example (9 people, selected when score >= threshold):

    group F: y_true 1 1 0 0 0, score .9 .6 .7 .2 .1
    group M: y_true 1 1 0 0,   score .8 .3 .4 .1

At 0.5: F selects .9 .6 .7 -> rate 3/5, TPR 2/2, FPR 1/3; M selects .8 -> rate 1/4, TPR 1/2,
FPR 0/2. Impact ratio of M = (1/4) / (3/5) = 5/12. Correct: F 4 of 5, M 3 of 4 -> accuracy 7/9;
overall TPR 3/4, FPR 1/5 -> balanced accuracy (3/4 + 4/5) / 2 = 0.775.
"""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from hrfair_helpers.audit import ThresholdResult, count_groups, threshold_sweep, threshold_table  # noqa: E402
from hrfair_helpers.viz import plot_threshold_sweep, threshold_explorer  # noqa: E402

Y = np.array([1, 1, 0, 0, 0, 1, 1, 0, 0])
S = np.array([0.9, 0.6, 0.7, 0.2, 0.1, 0.8, 0.3, 0.4, 0.1])
G = np.array(["F"] * 5 + ["M"] * 4, dtype=object)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_threshold_table_matches_hand_computation():
    res = threshold_table(Y, S, G, 0.5, min_group_size=1)
    assert isinstance(res, ThresholdResult)
    t = res.table
    assert list(t.columns) == ["threshold", "n", "selection_rate", "tpr", "fpr", "impact_ratio", "adverse_impact"]
    np.testing.assert_allclose(t["selection_rate"], [3 / 5, 1 / 4])
    np.testing.assert_allclose(t["tpr"], [1.0, 0.5])
    np.testing.assert_allclose(t["fpr"], [1 / 3, 0.0])
    np.testing.assert_allclose(t["impact_ratio"], [1.0, 5 / 12])
    assert t["adverse_impact"].tolist() == [False, True]
    assert t["n"].tolist() == [5, 4]
    assert res.accuracy == pytest.approx(7 / 9)
    assert res.balanced_accuracy == pytest.approx(0.775)
    assert res.reference == "F"
    assert res.group_specific is False
    assert res.to_frame().equals(t) and res.to_frame() is not t


def test_group_specific_thresholds_change_only_that_group():
    # M at 0.35 selects .8 and .4 -> rate 2/4, TPR 1/2, FPR 1/2.
    res = threshold_table(Y, S, G, {"F": 0.5, "M": 0.35}, min_group_size=1)
    assert res.group_specific is True
    np.testing.assert_allclose(res.table["selection_rate"], [3 / 5, 1 / 2])
    np.testing.assert_allclose(res.table["fpr"], [1 / 3, 1 / 2])
    assert res.table["threshold"].tolist() == [0.5, 0.35]
    assert "2000e-2(l)" in res._repr_html_()


def test_legal_warning_cites_the_statute_its_bases_and_a_date():
    from hrfair_helpers.audit.threshold import LEGAL_WARNING

    assert "42 U.S.C. §2000e-2(l)" in LEGAL_WARNING
    assert "race, color, religion, sex or national origin" in LEGAL_WARNING
    assert "(as of November 2026)" in LEGAL_WARNING
    html_page = threshold_table(Y, S, G, {"F": 0.5, "M": 0.35}, min_group_size=1)._repr_html_()
    assert "(as of November 2026)" in html_page


def test_dict_of_equal_thresholds_is_the_single_threshold():
    single = threshold_table(Y, S, G, 0.5)
    same = threshold_table(Y, S, G, {"F": 0.5, "M": 0.5})
    pd.testing.assert_frame_equal(single.table, same.table)
    assert (single.accuracy, single.balanced_accuracy, single.group_specific, single.notes) == (
        same.accuracy,
        same.balanced_accuracy,
        same.group_specific,
        same.notes,
    )
    assert single._repr_html_() == same._repr_html_() and repr(single) == repr(same)


def test_threshold_is_inclusive_and_pandas_inputs_with_data():
    df = pd.DataFrame({"y": Y, "s": S, "g": G}, index=np.arange(10, 19))
    res = threshold_table("y", "s", "g", 0.6, data=df, min_group_size=1)
    # score >= 0.6: F selects .9 .6 .7 (0.6 included).
    assert res.table.loc["F", "selection_rate"] == pytest.approx(3 / 5)


@pytest.mark.parametrize(
    "thresholds, match",
    [
        ({"F": 0.5, "M": 0.5, "X": 0.5}, "not in the data"),
        ({"F": 0.5}, "no threshold for group"),
        (1.5, "between 0 and 1"),
        ({"F": 0.5, "M": "high"}, "must be a number"),
        (True, "must be a number"),
    ],
)
def test_bad_thresholds_raise(thresholds, match):
    with pytest.raises(ValueError, match=match):
        threshold_table(Y, S, G, thresholds)


@pytest.mark.parametrize(
    "scores, match",
    [
        (np.where(np.arange(9) == 2, 1.2, S), r"must lie in \[0, 1\]"),
        (np.where(np.arange(9) == 2, -0.1, S), r"must lie in \[0, 1\]"),
        (np.where(np.arange(9) == 2, np.nan, S), "missing"),
        (["a"] * 9, "numeric scores"),
        (S[:5], "different lengths"),
    ],
)
def test_bad_scores_raise(scores, match):
    with pytest.raises(ValueError, match=match):
        threshold_table(Y, scores, G, 0.5)
    with pytest.raises(ValueError, match=match):
        threshold_explorer(Y, scores, G)


def test_explorer_slider_updates_table():
    box = threshold_explorer(Y, S, G, initial=0.5, min_group_size=1)
    assert box.single.value == 0.5 and (box.single.min, box.single.max, box.single.step) == (0.0, 1.0, 0.01)
    before = box.table.value
    assert "0.417" in before  # impact ratio 5/12 at 0.5
    box.single.value = 0.85
    # At 0.85 only F's 0.9 is selected: rates 1/5 and 0, so M's impact ratio is 0.
    assert box.table.value != before
    np.testing.assert_allclose(box.explorer.result.table["selection_rate"], [0.2, 0.0])
    assert box.explorer.result.table["threshold"].tolist() == [0.85, 0.85]
    for text in ("selection_rate", "tpr", "impact_ratio", "accuracy"):
        assert text in box.table.value


def test_explorer_group_specific_mode_shows_sliders_and_warning():
    box = threshold_explorer(Y, S, G, initial=0.5)
    assert set(box.per_group) == {"F", "M"}
    assert box.per_group_box.layout.display == "none"
    assert box.warning.layout.display == "none"
    assert "2000e-2(l)" in box.warning.value

    box.single.value = 0.45
    box.group_specific.value = True
    assert box.per_group_box.layout.display != "none"
    assert box.warning.layout.display != "none"
    # Switching modes alone changes nothing: every group starts at the common cut-off.
    assert [s.value for s in box.per_group.values()] == [0.45, 0.45]
    assert box.explorer.result.group_specific is False

    box.per_group["M"].value = 0.35
    assert box.explorer.result.group_specific is True
    assert box.explorer.result.table.loc["M", "selection_rate"] == pytest.approx(0.5)
    assert "2000e-2(l)" in box.table.value

    box.single.value = 0.9  # ignored in group-specific mode
    assert box.explorer.result.table.loc["M", "threshold"] == 0.35

    box.group_specific.value = False
    assert box.per_group_box.layout.display == "none" and box.warning.layout.display == "none"
    assert box.explorer.result.table["threshold"].tolist() == [0.9, 0.9]


def test_explorer_rejects_bad_initial():
    with pytest.raises(ValueError, match="initial"):
        threshold_explorer(Y, S, G, initial=2)


def test_sweep_plot_axes_and_four_fifths_line():
    axes = plot_threshold_sweep(Y, S, G)
    assert len(axes) == 2
    for ax in axes:
        assert tuple(ax.get_ylim()) == (0.0, 1.0) and tuple(ax.get_xlim()) == (0.0, 1.0)
    horizontal = [line for line in axes[1].get_lines() if np.allclose(line.get_ydata(), 0.8)]
    assert horizontal, "the impact-ratio panel needs the 0.8 line"
    labels = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert labels == ["F", "M"]
    # Vectorised sweep agrees with the table at every threshold.
    grid = np.linspace(0.05, 0.95, 19)
    f_line = axes[0].get_lines()[0].get_ydata()
    m_ratio = axes[1].get_lines()[1].get_ydata()
    for t, rate, ratio in zip(grid, f_line, m_ratio):
        table = threshold_table(Y, S, G, float(t)).table
        assert rate == pytest.approx(table.loc["F", "selection_rate"])
        expected = table.loc["M", "impact_ratio"]
        assert (np.isnan(ratio) and np.isnan(expected)) or ratio == pytest.approx(expected)


def test_sweep_plot_uses_given_axes_and_checks_them():
    _, given = plt.subplots(1, 2)
    axes = plot_threshold_sweep(Y, S, G, thresholds=[0.2, 0.5], ax=given)
    assert axes[0] is given[0] and axes[1] is given[1]
    with pytest.raises(ValueError, match="two Axes"):
        plot_threshold_sweep(Y, S, G, ax=given[0])
    with pytest.raises(ValueError, match="between 0 and 1"):
        plot_threshold_sweep(Y, S, G, thresholds=[0.5, 1.5])


def test_result_plot_and_repr():
    res = threshold_table(Y, S, G, 0.5, min_group_size=1)
    ax = res.plot(kind="impact_ratio")
    assert any(np.allclose(line.get_xdata(), 0.8) for line in ax.get_lines())
    assert "0.50 for everyone" in repr(res)
    with pytest.raises(ValueError, match="kind"):
        res.plot(kind="nope")


def test_importing_viz_does_not_import_widgets_or_matplotlib():
    code = (
        "import sys, hrfair_helpers.viz;"
        "print(','.join(m for m in ('ipywidgets', 'matplotlib', 'sklearn', 'aequitas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_threshold_table_reads_the_audits_one_set_of_counts():
    """The table's columns are the counts' rates: no second count can disagree with the first."""
    res = threshold_table(Y, S, G, 0.5, min_group_size=1)
    counts = count_groups((S >= 0.5).astype(int), G, y_true=Y).to_frame()
    assert res.table["n"].tolist() == counts["n"].tolist()
    assert res.table["selection_rate"].tolist() == (counts["selected"] / counts["n"]).tolist()
    assert res.table["tpr"].tolist() == (counts["tp"] / (counts["tp"] + counts["fn"])).tolist()
    tn, fp, fn, tp = counts[["tn", "fp", "fn", "tp"]].sum()
    assert res.accuracy == (tp + tn) / len(Y)


def test_threshold_sweep_matches_threshold_table_at_every_cut_off():
    grid = np.round(np.linspace(0, 1, 21), 2)
    sweep = threshold_sweep(Y, S, G, grid)
    frame = sweep.to_frame()
    assert list(frame.index.names) == ["threshold", "group"] and len(frame) == 2 * len(grid)
    for t in grid:
        table = threshold_table(Y, S, G, float(t), min_group_size=1).table
        np.testing.assert_array_equal(frame.xs(t, level="threshold")["selection_rate"], table["selection_rate"])
        np.testing.assert_array_equal(frame.xs(t, level="threshold")["impact_ratio"], table["impact_ratio"])


def test_threshold_sweep_keeps_intersectional_labels_as_tuples():
    groups = pd.DataFrame({"sex": list(G), "band": ["a", "b"] * 4 + ["a"]})
    frame = threshold_sweep(Y, S, groups, [0.5]).to_frame()
    assert set(frame.index.get_level_values("group")) == {("F", "a"), ("F", "b"), ("M", "a"), ("M", "b")}


def test_old_viz_names_of_the_table_warn_and_still_work():
    import hrfair_helpers.viz as viz

    with pytest.warns(FutureWarning, match="moved to hrfair_helpers.audit.threshold_table"):
        moved = viz.threshold_table
    assert moved is threshold_table
    with pytest.raises(AttributeError):
        _ = viz.no_such_function


def test_the_result_class_still_imports_from_the_viz_module_with_a_warning():
    import hrfair_helpers.viz.threshold as old_home

    with pytest.warns(FutureWarning, match="moved to hrfair_helpers.audit.threshold.ThresholdResult"):
        assert old_home.ThresholdResult is ThresholdResult
