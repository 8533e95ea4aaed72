"""Tests for :mod:`hrfair_helpers.audit.disparity` (the Aequitas-style audit summary).

The hand-computed example has two groups of 10 people:

    group A: TP 4, FP 1, FN 1, TN 4  -> predicted positive 5, predicted negative 5
    group B: TP 2, FP 2, FN 2, TN 4  -> predicted positive 4, predicted negative 6

so 9 predicted positives in all, and

    metric     A            B              B / A
    pprev      5/10 = .5    4/10 = .4      .8     (exactly the tolerance: passes)
    ppr        5/9          4/9            .8     (passes)
    precision  4/5 = .8     2/4 = .5       .625   (fails)
    fdr        1/5 = .2     2/4 = .5       2.5    (fails)
    for        1/5 = .2     2/6 = 1/3      5/3    (fails)
    fpr        1/5 = .2     2/6 = 1/3      5/3    (fails)
    fnr        1/5 = .2     2/4 = .5       2.5    (fails)
    tpr        4/5 = .8     2/4 = .5       .625   (fails)
    tnr        4/5 = .8     4/6 = 2/3      5/6    (passes)
    npv        4/5 = .8     4/6 = 2/3      5/6    (passes)

With B as the reference, A / B for pprev and ppr is 1.25 = 1 / 0.8: also passes.
The aequitas cross-check (one test, because importing aequitas takes several seconds) is last.
"""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from builders import confusion_rows  # noqa: E402

from hrfair_helpers.audit import group_metrics  # noqa: E402
from hrfair_helpers.audit.disparity import METRICS, DisparityReport, disparity_report  # noqa: E402

Y, P, G = confusion_rows({"A": (4, 1, 1, 4), "B": (2, 2, 2, 4)})

EXPECTED_B = {
    "pprev": (0.4, 0.8, True),
    "ppr": (4 / 9, 0.8, True),
    "precision": (0.5, 0.625, False),
    "fdr": (0.5, 2.5, False),
    "for": (1 / 3, 5 / 3, False),
    "fpr": (1 / 3, 5 / 3, False),
    "fnr": (0.5, 2.5, False),
    "tpr": (0.5, 0.625, False),
    "tnr": (2 / 3, 5 / 6, True),
    "npv": (2 / 3, 5 / 6, True),
}


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def adult():
    from hrfair_helpers.datasets import load_adult

    df = load_adult("train")
    # A deterministic rule as the "prediction": a bachelor's degree or more.
    return df, (df["education_num"] >= 13).astype(int)


def test_hand_computed_metrics_disparities_and_verdicts():
    rep = disparity_report(Y, P, G, min_group_size=1)
    assert isinstance(rep, DisparityReport)
    assert rep.references == {"group": "A"}
    t = rep.table
    assert t.index.names == ["attribute", "group"]
    b = t.loc[("group", "B")]
    assert [int(b[c]) for c in ("n", "pp", "tp", "fp", "fn", "tn")] == [10, 4, 2, 2, 2, 4]
    for metric, (value, disparity, passed) in EXPECTED_B.items():
        assert b[metric] == pytest.approx(value), metric
        assert b[f"{metric}_disparity"] == pytest.approx(disparity), metric
        assert bool(b[f"{metric}_pass"]) is passed, metric
    a = t.loc[("group", "A")]
    assert bool(a["reference"]) and not bool(b["reference"])
    assert all(a[f"{m}_disparity"] == 1.0 and bool(a[f"{m}_pass"]) for m in METRICS)
    summary = rep.summary
    assert summary.loc["group"].tolist() == [EXPECTED_B[m][2] for m in METRICS]
    assert rep.failed == [("group", m) for m in METRICS if not EXPECTED_B[m][2]]
    assert rep.to_frame().equals(t) and rep.to_frame() is not t


def test_tolerance_edges_pass_inclusive():
    # 0.8 and 1.25 are both inside the band; a hair stricter tolerance fails them.
    low = disparity_report(Y, P, G, reference="A").table.loc[("group", "B")]
    high = disparity_report(Y, P, G, reference="B").table.loc[("group", "A")]
    assert low["pprev_disparity"] == pytest.approx(0.8) and bool(low["pprev_pass"])
    assert high["pprev_disparity"] == pytest.approx(1.25) and bool(high["pprev_pass"])
    assert high["tnr_disparity"] == pytest.approx(1.2) and bool(high["tnr_pass"])
    strict = disparity_report(Y, P, G, reference="B", min_impact_ratio=0.81).table.loc[("group", "A")]
    assert not strict["pprev_pass"]  # 1.25 > 1 / 0.81
    strict = disparity_report(Y, P, G, min_impact_ratio=0.81).table.loc[("group", "B")]
    assert not strict["pprev_pass"]  # 0.8 < 0.81
    # tolerance 1 means exact parity only.
    assert disparity_report(Y, P, G, min_impact_ratio=1).summary.loc["group"].tolist() == [False] * 10


def test_exact_tolerance_where_floats_round_below():
    # pprev 10/30 vs 10/24: exactly 4/5, but (10/30) / (10/24) == 0.7999999999999999 in floats.
    y = np.zeros(54, dtype=int)
    pred = np.array([1] * 10 + [0] * 20 + [1] * 10 + [0] * 14)
    grp = np.array(["X"] * 30 + ["Y"] * 24)
    row = disparity_report(y, pred, grp).table.loc[("group", "X")]
    assert row["pprev_disparity"] < 0.8
    assert bool(row["pprev_pass"])


def test_reference_named_highest_largest_and_dict():
    y, p, g = confusion_rows({"A": (4, 1, 1, 4), "B": (2, 2, 2, 4), "C": (5, 5, 5, 15)})
    # Selection rates: A .5, B .4, C 10/30; C is the largest group.
    assert disparity_report(y, p, g).references == {"group": "A"}
    assert disparity_report(y, p, g, reference="highest").references == {"group": "A"}
    assert disparity_report(y, p, g, reference="largest").references == {"group": "C"}
    named = disparity_report(y, p, g, reference="B")
    assert named.references == {"group": "B"}
    assert named.table.loc[("group", "A"), "pprev_disparity"] == pytest.approx(1.25)
    assert named.table.loc[("group", "C"), "pprev_disparity"] == pytest.approx((1 / 3) / 0.4)
    assert disparity_report(y, p, g, reference={"group": "C"}).references == {"group": "C"}


def test_several_attributes_are_audited_side_by_side():
    sex = np.where(np.arange(20) % 2 == 0, "F", "M")
    frame = pd.DataFrame({"team": G, "sex": sex})
    rep = disparity_report(Y, P, frame, reference={"sex": "M"}, min_group_size=1)
    assert list(rep.references) == ["team", "sex"]
    assert rep.references == {"team": "A", "sex": "M"}
    assert rep.table.index.tolist() == [("team", "A"), ("team", "B"), ("sex", "F"), ("sex", "M")]
    # ppr shares sum to 1 within each attribute (no intersections, no double counting).
    assert rep.table["ppr"].groupby(level=0).sum().tolist() == pytest.approx([1.0, 1.0])
    assert list(rep.summary.index) == ["team", "sex"]
    # Column names with data=, and a single attribute from a list of names.
    df = frame.assign(y=Y, p=P)
    by_name = disparity_report("y", "p", ["team", "sex"], data=df, reference={"sex": "M"})
    pd.testing.assert_frame_equal(by_name.table, rep.table)


def test_undefined_and_infinite_disparities():
    # Reference A (highest selection rate) has no false positives and no actual negatives in B.
    y, p, g = confusion_rows({"A": (3, 0, 0, 1), "B": (1, 1, 0, 0)})
    rep = disparity_report(y, p, g, min_group_size=1)
    b = rep.table.loc[("group", "B")]
    assert np.isnan(b["fpr"]) and pd.isna(b["fpr_pass"])  # B has no actual negatives
    assert b["fnr_disparity"] == np.inf and not b["fnr_pass"]  # 0.5 / 0
    assert np.isnan(b["fdr_disparity"]) and pd.isna(b["fdr_pass"])  # 0 / 0
    assert pd.isna(rep.summary.loc["group", "fdr"])  # nothing defined -> NA, not pass
    assert any("reference group A has" in n for n in rep.notes)


def test_unknown_groups_are_left_out_but_count_in_ppr():
    g = G.copy()
    g[0] = None  # an A true positive with an unknown group
    with pytest.raises(ValueError, match="missing values"):
        disparity_report(Y, P, g)
    rep = disparity_report(Y, P, g, unknown="Unknown", min_group_size=1)
    assert rep.unknown_counts == {"group": 1}
    assert rep.table.loc[("group", "A"), "n"] == 9
    assert rep.table.loc[("group", "A"), "ppr"] == pytest.approx(4 / 9)  # 9 positives in all


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"min_impact_ratio": 0}, r"min_impact_ratio must be in \(0, 1\]"),
        ({"min_impact_ratio": 1.25}, r"min_impact_ratio must be in \(0, 1\]"),
        ({"min_impact_ratio": "0.8"}, "min_impact_ratio must be a number"),
        ({"min_impact_ratio": True}, "min_impact_ratio must be a number"),
        ({"backend": "fairlearn"}, "backend must be one of"),
        ({"reference": "Z"}, "'Z' is not a group of 'group'"),
        ({"reference": {"race": "A"}}, r"reference names attribute\(s\) \['race'\]"),
    ],
)
def test_bad_arguments_raise(kwargs, match):
    with pytest.raises(ValueError, match=match):
        disparity_report(Y, P, G, **kwargs)


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="must be binary"):
        disparity_report(Y, np.linspace(0, 1, 20), G)
    with pytest.raises(ValueError, match="different lengths"):
        disparity_report(Y, P[:5], G)
    with pytest.raises(ValueError, match="several attributes"):
        disparity_report(Y, P, pd.DataFrame({"a": G, "b": G}), reference="A")
    with pytest.raises(ValueError, match="distinct names"):
        disparity_report(Y, P, pd.DataFrame([G, G]).T.set_axis(["x", "x"], axis=1))


def test_repr_html_summary_and_plot():
    rep = disparity_report(Y, P, G, min_group_size=1)
    first = rep._repr_html_()
    assert first == rep._repr_html_()  # deterministic (no random ids)
    assert "background-color:#d9f0d3'>pass" in first and "background-color:#f4cccc'>fail" in first
    assert "[0.8, 1.25]" in first
    text = repr(rep)
    assert "pass" in text and "fail" in text and "0.625" in text
    axes = rep.plot()
    assert len(axes) == 1 and axes[0].get_xscale() == "log"
    low, high = axes[0].get_xlim()
    assert low <= 0.8 and high >= 1.25
    with pytest.raises(ValueError, match="subset"):
        rep.plot(metrics=["accuracy"])


def test_repr_html_explains_each_metric_in_a_header_tooltip():
    from hrfair_helpers.audit.disparity import METRIC_DESCRIPTIONS

    assert set(METRIC_DESCRIPTIONS) == set(METRICS)
    page = disparity_report(Y, P, G, min_group_size=1)._repr_html_()
    assert "<th title='false omission rate: FN / predicted negatives'>for</th>" in page
    for metric in METRICS:
        # once in the pass/fail table, once in the disparity table
        assert page.count(f">{metric}</th>") == 2, metric
        assert page.count(f"<th title='{METRIC_DESCRIPTIONS[metric]}'>{metric}</th>") == 2, metric


def test_shared_metrics_agree_with_group_metrics(adult):
    df, pred = adult
    rep = disparity_report(df["income_over_50k"], pred, df["sex"])
    gm = group_metrics(df["income_over_50k"], pred, df["sex"]).by_group
    t = rep.table.loc["sex"]
    pairs = [("pprev", "selection_rate"), ("tpr", "tpr"), ("fpr", "fpr"), ("fnr", "fnr"), ("precision", "ppv")]
    for ours, theirs in pairs:
        np.testing.assert_allclose(t[ours].to_numpy(), gm[theirs].to_numpy(), rtol=1e-12)


def test_importing_disparity_is_light():
    code = (
        "import sys, hrfair_helpers.audit.disparity;"
        "print(','.join(m for m in ('aequitas', 'matplotlib', 'sklearn', 'ipywidgets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_aequitas_backend_gives_the_same_table_on_adult(adult):
    df, pred = adult
    groups = df[["sex", "race"]]
    for reference in ("highest", "largest", {"sex": "Male", "race": "White"}):
        ours = disparity_report(df["income_over_50k"], pred, groups, reference=reference)
        theirs = disparity_report(df["income_over_50k"], pred, groups, reference=reference, backend="aequitas")
        assert theirs.backend == "aequitas"
        assert ours.references == theirs.references
        a, b = ours.to_frame(), theirs.to_frame()
        assert a.index.equals(b.index) and list(a.columns) == list(b.columns)
        numbers = [c for c in a.columns if c != "reference" and not c.endswith("_pass")]
        np.testing.assert_allclose(a[numbers].to_numpy(float), b[numbers].to_numpy(float), rtol=1e-9, atol=1e-12)
        for column in ["reference"] + [f"{m}_pass" for m in METRICS]:
            pd.testing.assert_series_equal(a[column], b[column])
        pd.testing.assert_frame_equal(ours.summary, theirs.summary)
    # With White as reference: women's selection rate is 0.823 of men's (passes); race fails.
    assert bool(ours.summary.loc["sex", "pprev"]) and not ours.summary.loc["race", "pprev"]
