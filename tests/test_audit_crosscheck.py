"""Cross-check :mod:`hrfair_helpers.audit` against independent implementations.

Every number the audit engine reports is recomputed here another way and
compared to 1e-9:

* group rates, disparities     -> fairlearn 0.15 (``MetricFrame`` and the
                                  ``*_difference`` / ``*_ratio`` functions),
                                  scikit-learn ``precision_score`` / ``accuracy_score``;
* two-group differences/ratios -> aif360 0.6.1 ``aif360.sklearn.metrics``;
* significance tests           -> ``scipy.stats.fisher_exact`` and a pooled
                                  two-proportion z-test written out below;
* four-fifths flag, shortfall  -> exact rational arithmetic (``fractions``).

The data are the UCI Adult training split (``hrfair_helpers.datasets``) and
seeded random data with 3-5 groups of unequal sizes, one of them below
``min_group_size``.  Results are matched by group label, never by row order.
"""

from __future__ import annotations

import logging
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import (
    MetricFrame,
    count,
    demographic_parity_difference,
    demographic_parity_ratio,
    equal_opportunity_difference,
    equal_opportunity_ratio,
    equalized_odds_difference,
    equalized_odds_ratio,
    false_negative_rate,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)
from scipy import stats
from sklearn.metrics import accuracy_score, precision_score

from hrfair_helpers.audit import adverse_impact, group_metrics

# aif360 logs "No module named 'tensorflow' ..." through the root logger on
# import; with no handler installed that would also call logging.basicConfig()
# and leave a stderr handler behind.  A temporary NullHandler prevents both.
_null_handler = logging.NullHandler()
logging.getLogger().addHandler(_null_handler)
try:
    import aif360.sklearn.metrics as aif_metrics
finally:
    logging.getLogger().removeHandler(_null_handler)


RTOL = 1e-9
ATOL = 1e-12

AI_COLUMNS = [
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
GM_COLUMNS = ["n", "base_rate", "selection_rate", "tpr", "fpr", "fnr", "ppv", "accuracy"]
DISPARITY_ROWS = ["demographic_parity", "equal_opportunity", "equalized_odds", "predictive_parity"]

SEEDS = [0, 1, 2, 42]  # 3, 4, 5 and 3 groups (make_random)


# --------------------------------------------------------------------------- #
# helpers
# --------------------------------------------------------------------------- #
def _base_rate(y_true, y_pred):
    return float(np.mean(y_true))


def _ppv(y_true, y_pred, sample_weight=None):
    return precision_score(y_true, y_pred, zero_division=0, sample_weight=sample_weight)


FAIRLEARN_METRICS = {
    "n": count,
    "base_rate": _base_rate,
    "selection_rate": selection_rate,
    "tpr": true_positive_rate,
    "fpr": false_positive_rate,
    "fnr": false_negative_rate,
    "ppv": _ppv,
    "accuracy": accuracy_score,
}


def _values_by_label(frame_index: pd.Index, expected: pd.Series) -> np.ndarray:
    """`expected` re-ordered to `frame_index`, matching on labels only."""
    lookup = dict(zip(expected.index.tolist(), expected.to_numpy()))
    missing = [label for label in frame_index.tolist() if label not in lookup]
    assert not missing, f"engine groups {missing} not in the reference groups {list(lookup)}"
    return np.array([lookup[label] for label in frame_index.tolist()], dtype=float)


def assert_same_groups(frame: pd.DataFrame, expected_index: pd.Index) -> None:
    got, want = frame.index.tolist(), expected_index.tolist()
    assert len(got) == len(set(got)), f"duplicate group labels: {got}"
    assert set(got) == set(want), f"groups differ: engine {sorted(got)} vs reference {sorted(want)}"


def assert_column_matches(frame: pd.DataFrame, column: str, expected: pd.Series) -> None:
    assert_same_groups(frame, expected.index)
    np.testing.assert_allclose(
        frame[column].to_numpy(dtype=float),
        _values_by_label(frame.index, expected),
        rtol=RTOL,
        atol=ATOL,
        equal_nan=True,
        err_msg=f"column {column!r}",
    )


def group_labels(groups) -> pd.Series | pd.DataFrame:
    """Groups as pandas objects with plain (object) labels for groupby."""
    if isinstance(groups, pd.DataFrame):
        return groups.astype(object)
    return pd.Series(np.asarray(groups, dtype=object), name=getattr(groups, "name", None))


def counts_by_group(selected, groups) -> pd.DataFrame:
    """n and number selected per group, via plain pandas."""
    sel = np.asarray(selected).astype(int)
    g = group_labels(groups)
    keys = [g[c].to_numpy() for c in g.columns] if isinstance(g, pd.DataFrame) else [g.to_numpy()]
    out = pd.Series(sel).groupby(keys, observed=True).agg(["size", "sum"])
    return out.rename(columns={"size": "n", "sum": "selected"})


def pooled_z(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """Two-sided pooled two-proportion z-test of group 1 vs group 2."""
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2))
    z = (p1 - p2) / se
    return z, 2.0 * stats.norm.sf(abs(z))


def exact_shortfall(x: int, n: int, x_ref: int, n_ref: int, threshold=Fraction(4, 5)) -> int:
    """Fewest extra selections (same n) that bring x/n up to threshold * reference rate."""
    needed = threshold * Fraction(x_ref, n_ref) * n
    return max(0, math.ceil(needed - x))


def _fairlearn_inputs(y_true, y_pred, groups, compress: bool):
    """Arrays for fairlearn: the rows themselves, or (compress=True) the distinct
    (y_true, y_pred, group...) rows with their multiplicities as sample weights.

    Compression is exact (every rate is a ratio of integer counts either way) and
    makes fairlearn, whose per-row overhead is ~5 us per metric, fast on Adult.
    """
    yt, yp, sf = np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int), group_labels(groups)
    if not compress:
        return yt, yp, sf, None
    g = sf if isinstance(sf, pd.DataFrame) else sf.to_frame(name=sf.name if sf.name is not None else "group")
    rows = g.reset_index(drop=True).assign(_yt=yt, _yp=yp)
    distinct = rows.groupby(list(rows.columns), observed=True).size().reset_index(name="_w")
    sf_c = distinct[list(g.columns)]
    if not isinstance(sf, pd.DataFrame):
        sf_c = sf_c.iloc[:, 0].rename(sf.name)
    return (distinct["_yt"].to_numpy(), distinct["_yp"].to_numpy(), sf_c, distinct["_w"].to_numpy(dtype=float))


def _weighted(metric):
    def f(y_true, y_pred, sample_weight):
        return metric(y_true, y_pred, sample_weight=sample_weight)

    f.__name__ = getattr(metric, "__name__", "metric")
    return f


WEIGHTED_METRICS = {
    "n": lambda y_true, y_pred, sample_weight: float(np.sum(sample_weight)),
    "base_rate": lambda y_true, y_pred, sample_weight: float(np.average(y_true, weights=sample_weight)),
    "selection_rate": _weighted(selection_rate),
    "tpr": _weighted(true_positive_rate),
    "fpr": _weighted(false_positive_rate),
    "fnr": _weighted(false_negative_rate),
    "ppv": _weighted(_ppv),
    "accuracy": _weighted(accuracy_score),
}


def expected_adverse_impact(selected, groups, reference="highest", min_group_size=30):
    """Independent version of ``adverse_impact(...).to_frame()``; returns (frame, reference label)."""
    c = counts_by_group(selected, groups)
    yt, yp, sf, sw = _fairlearn_inputs(selected, selected, groups, compress=True)
    mf = MetricFrame(
        metrics=WEIGHTED_METRICS["selection_rate"],
        y_true=yt,
        y_pred=yp,
        sensitive_features=sf,
        sample_params={"sample_weight": sw},
    )
    rates = mf.by_group
    if reference == "highest":
        assert rates.nunique() == len(rates), "test data must not tie on selection rate"
        ref = rates.idxmax()
    else:
        ref = reference
    x_ref, n_ref = int(c.loc[ref, "selected"]), int(c.loc[ref, "n"])
    rows = {}
    for label, (n, x) in c.iterrows():
        n, x = int(n), int(x)
        exact_ratio = Fraction(x, n) / Fraction(x_ref, n_ref)
        if label == ref:
            z, pz, pf = np.nan, np.nan, np.nan
        else:
            z, pz = pooled_z(x, n, x_ref, n_ref)
            pf = stats.fisher_exact([[x, n - x], [x_ref, n_ref - x_ref]], alternative="two-sided").pvalue
        rows[label] = {
            "n": n,
            "selected": x,
            "selection_rate": rates[label],
            "impact_ratio": rates[label] / rates[ref],
            "adverse_impact": exact_ratio < Fraction(4, 5),
            "z_stat": z,
            "p_value_z": pz,
            "p_value_fisher": pf,
            "shortfall": exact_shortfall(x, n, x_ref, n_ref),
            "small_group": n < min_group_size,
        }
    expected = pd.DataFrame.from_dict(rows, orient="index")
    expected.index = rates.index[[rates.index.get_loc(k) for k in rows]]
    return expected, ref


def check_adverse_impact_frame(frame: pd.DataFrame, expected: pd.DataFrame, ref) -> None:
    assert list(frame.columns) == AI_COLUMNS
    assert_same_groups(frame, expected.index)
    for col in ["n", "selected", "selection_rate", "impact_ratio", "p_value_z", "p_value_fisher"]:
        assert_column_matches(frame, col, expected[col])
    # The spec does not fix the sign convention of z (group - reference or the
    # reverse): compare magnitudes, and require one convention for all rows.
    got_z = frame["z_stat"].drop(index=[ref]).to_numpy(dtype=float)
    want_z = _values_by_label(frame.index.drop([ref]), expected["z_stat"])
    np.testing.assert_allclose(np.abs(got_z), np.abs(want_z), rtol=RTOL, atol=ATOL)
    signs = np.sign(got_z[want_z != 0] * want_z[want_z != 0])
    assert len(set(signs.tolist())) <= 1, "z_stat sign convention differs between rows"
    for col in ["n", "selected", "shortfall"]:
        assert_column_matches(frame, col, expected[col])
        assert (frame[col].to_numpy() == frame[col].to_numpy().round()).all(), col
    for col in ["adverse_impact", "small_group"]:
        got = frame[col].astype(bool).to_dict()
        want = dict(zip(expected.index.tolist(), expected[col].astype(bool)))
        assert got == want, f"column {col!r}: engine {got} vs expected {want}"
    # reference row
    assert frame.loc[ref, "impact_ratio"] == pytest.approx(1.0, abs=1e-12)
    assert not bool(frame.loc[ref, "adverse_impact"])
    assert frame.loc[ref, "shortfall"] == 0
    assert np.isnan(frame.loc[ref, "p_value_fisher"])
    assert np.isnan(frame.loc[ref, "p_value_z"])


def expected_by_group(yt, yp, sf, sw) -> MetricFrame:
    if sw is None:
        return MetricFrame(metrics=FAIRLEARN_METRICS, y_true=yt, y_pred=yp, sensitive_features=sf)
    return MetricFrame(
        metrics=WEIGHTED_METRICS,
        y_true=yt,
        y_pred=yp,
        sensitive_features=sf,
        sample_params={name: {"sample_weight": sw} for name in WEIGHTED_METRICS},
    )


def check_group_metrics(gm, y_true, y_pred, groups, *, compress=False, fairlearn_functions=True) -> None:
    """by_group vs fairlearn MetricFrame; disparities vs fairlearn's functions and by_group itself."""
    yt, yp, sf, sw = _fairlearn_inputs(y_true, y_pred, groups, compress)
    mf = expected_by_group(yt, yp, sf, sw)
    by_group = gm.by_group
    assert list(by_group.columns) == GM_COLUMNS
    assert list(by_group.index.names) == list(mf.by_group.index.names)
    for col in GM_COLUMNS:
        assert_column_matches(by_group, col, mf.by_group[col])
    pd.testing.assert_frame_equal(gm.to_frame(), gm.by_group)

    expected = {
        ("predictive_parity", "difference"): mf.difference()["ppv"],
        ("predictive_parity", "ratio"): mf.ratio()["ppv"],
    }
    if fairlearn_functions:
        kw = dict(sensitive_features=sf, sample_weight=sw)
        expected.update(
            {
                ("demographic_parity", "difference"): demographic_parity_difference(yt, yp, **kw),
                ("demographic_parity", "ratio"): demographic_parity_ratio(yt, yp, **kw),
                ("equal_opportunity", "difference"): equal_opportunity_difference(yt, yp, **kw),
                ("equal_opportunity", "ratio"): equal_opportunity_ratio(yt, yp, **kw),
                ("equalized_odds", "difference"): equalized_odds_difference(yt, yp, **kw),
                ("equalized_odds", "ratio"): equalized_odds_ratio(yt, yp, **kw),
            }
        )
    else:  # the same between-groups aggregation, from the MetricFrame already built
        diff, ratio = mf.difference(), mf.ratio()
        expected.update(
            {
                ("demographic_parity", "difference"): diff["selection_rate"],
                ("demographic_parity", "ratio"): ratio["selection_rate"],
                ("equal_opportunity", "difference"): diff["tpr"],
                ("equal_opportunity", "ratio"): ratio["tpr"],
                ("equalized_odds", "difference"): max(diff["tpr"], diff["fpr"]),
                ("equalized_odds", "ratio"): min(ratio["tpr"], ratio["fpr"]),
            }
        )
    d = gm.disparities
    assert list(d.index) == DISPARITY_ROWS
    assert list(d.columns) == ["difference", "ratio"]
    for (row, col), want in expected.items():
        assert d.loc[row, col] == pytest.approx(want, rel=RTOL, abs=ATOL), (row, col)

    # and the same quantities derived directly from the engine's own by_group
    for row, metric in [
        ("demographic_parity", "selection_rate"),
        ("equal_opportunity", "tpr"),
        ("predictive_parity", "ppv"),
    ]:
        s = by_group[metric]
        assert d.loc[row, "difference"] == pytest.approx(s.max() - s.min(), rel=RTOL, abs=ATOL)
        assert d.loc[row, "ratio"] == pytest.approx(s.min() / s.max(), rel=RTOL, abs=ATOL)
    tpr, fpr = by_group["tpr"], by_group["fpr"]
    assert d.loc["equalized_odds", "difference"] == pytest.approx(
        max(tpr.max() - tpr.min(), fpr.max() - fpr.min()), rel=RTOL, abs=ATOL
    )
    assert d.loc["equalized_odds", "ratio"] == pytest.approx(
        min(tpr.min() / tpr.max(), fpr.min() / fpr.max()), rel=RTOL, abs=ATOL
    )


def check_aif360_two_groups(y_true, y_pred, groups, by_group: pd.DataFrame, priv) -> None:
    """aif360's unprivileged-minus-privileged metrics vs the engine's by_group."""
    yt, yp = np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int)
    g = np.asarray(groups, dtype=object)
    (unpriv,) = [label for label in by_group.index if label != priv]
    kw = dict(prot_attr=g, priv_group=priv, pos_label=1)
    u, p = by_group.loc[unpriv], by_group.loc[priv]
    assert aif_metrics.statistical_parity_difference(yt, yp, **kw) == pytest.approx(
        u["selection_rate"] - p["selection_rate"], rel=RTOL, abs=ATOL
    )
    assert aif_metrics.disparate_impact_ratio(yt, yp, **kw) == pytest.approx(
        u["selection_rate"] / p["selection_rate"], rel=RTOL, abs=ATOL
    )
    assert aif_metrics.equal_opportunity_difference(yt, yp, **kw) == pytest.approx(
        u["tpr"] - p["tpr"], rel=RTOL, abs=ATOL
    )
    assert aif_metrics.average_odds_difference(yt, yp, **kw) == pytest.approx(
        ((u["fpr"] - p["fpr"]) + (u["tpr"] - p["tpr"])) / 2, rel=RTOL, abs=ATOL
    )


# --------------------------------------------------------------------------- #
# data
# --------------------------------------------------------------------------- #
def make_random(seed: int, n_groups: int | None = None) -> pd.DataFrame:
    """3-5 departments of unequal sizes (the last one ~20 rows) and two sites.

    The first department has a clearly higher selection probability than the
    rest, so the reference group is well defined (no ties).
    """
    rng = np.random.default_rng(seed)
    if n_groups is None:
        n_groups = 3 + seed % 3
    labels = ["Sales", "Engineering", "Support", "Legal", "Facilities"][: n_groups - 1] + ["Research"]
    sizes = [
        int(rng.integers(300, 500)),
        int(rng.integers(150, 250)),
        int(rng.integers(80, 130)),
        int(rng.integers(40, 70)),
    ][: n_groups - 1]
    sizes.append(int(rng.integers(18, 23)))
    p_select = [0.6] + list(rng.uniform(0.2, 0.5, n_groups - 2)) + [0.25]
    base = rng.uniform(0.3, 0.6, n_groups)
    tpr = rng.uniform(0.5, 0.9, n_groups)
    fpr = rng.uniform(0.05, 0.35, n_groups)

    dept = np.repeat(labels, sizes)
    idx = np.repeat(np.arange(n_groups), sizes)
    n = len(dept)
    selected = (rng.random(n) < np.asarray(p_select)[idx]).astype(int)
    site = rng.choice(["north", "south"], size=n, p=[0.6, 0.4])
    y_true = (rng.random(n) < base[idx]).astype(int)
    # every dept x site cell gets at least one positive and one negative, so
    # TPR and FPR are defined everywhere (fairlearn reports 0 for an undefined
    # rate, which is a convention, not something to cross-check)
    cells = pd.Series(np.arange(n)).groupby([dept, site])
    assert cells.size().min() >= 2
    y_true[cells.first().to_numpy()] = 1
    y_true[cells.last().to_numpy()] = 0
    y_pred = np.where(y_true == 1, rng.random(n) < tpr[idx], rng.random(n) < fpr[idx]).astype(int)
    df = pd.DataFrame({"dept": dept, "site": site, "selected": selected, "y_true": y_true, "y_pred": y_pred})
    return df.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # interleave groups


@pytest.fixture(scope="module")
def adult() -> pd.DataFrame:
    from hrfair_helpers.datasets import load_adult

    df = load_adult(split="train")
    df = df.assign(rule=((df["education_num"] >= 13) | (df["hours_per_week"] >= 50)).astype(int))
    return df


# --------------------------------------------------------------------------- #
# adverse_impact: random data
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("seed", SEEDS)
def test_adverse_impact_random_single(seed):
    df = make_random(seed)
    rep = adverse_impact(df["selected"].to_numpy(), df["dept"])
    frame = rep.to_frame()
    expected, ref = expected_adverse_impact(df["selected"], df["dept"])
    assert rep.reference == ref == "Sales"
    assert frame.index.name == "dept"
    check_adverse_impact_frame(frame, expected, ref)
    assert bool(frame.loc["Research", "small_group"])
    assert frame["small_group"].sum() == 1


@pytest.mark.parametrize("seed", SEEDS)
def test_adverse_impact_random_intersection(seed):
    df = make_random(seed)
    groups = df[["dept", "site"]]
    rep = adverse_impact(df["selected"], groups)
    frame = rep.to_frame()
    expected, ref = expected_adverse_impact(df["selected"], groups)
    assert isinstance(frame.index, pd.MultiIndex)
    assert list(frame.index.names) == ["dept", "site"]
    assert isinstance(rep.reference, tuple)
    assert rep.reference == ref
    check_adverse_impact_frame(frame, expected, ref)


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_adverse_impact_input_forms_agree(seed):
    """bool vs 0/1, Series vs array vs data= column names give the same frame."""
    df = make_random(seed)
    base = adverse_impact(df["selected"], df["dept"]).to_frame()
    as_bool = adverse_impact(df["selected"].astype(bool).to_numpy(), df["dept"]).to_frame()
    by_name = adverse_impact(df["selected"], "dept", data=df).to_frame()
    pd.testing.assert_frame_equal(as_bool.sort_index(), base.sort_index(), check_dtype=False)
    pd.testing.assert_frame_equal(by_name.sort_index(), base.sort_index(), check_dtype=False)

    from_array = adverse_impact(df["selected"], df["dept"].to_numpy()).to_frame()
    assert from_array.index.name == "group"
    pd.testing.assert_frame_equal(
        from_array.sort_index(), base.rename_axis("group").sort_index(), check_dtype=False, check_index_type=False
    )

    multi = adverse_impact(df["selected"], df[["dept", "site"]]).to_frame()
    multi_by_name = adverse_impact(df["selected"], ["dept", "site"], data=df).to_frame()
    pd.testing.assert_frame_equal(multi_by_name.sort_index(), multi.sort_index(), check_dtype=False)


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_adverse_impact_min_group_size_and_threshold(seed):
    df = make_random(seed)
    c = counts_by_group(df["selected"], df["dept"])
    frame = adverse_impact(df["selected"], df["dept"], min_group_size=100).to_frame()
    assert frame["small_group"].astype(bool).to_dict() == (c["n"] < 100).to_dict()

    rates = c["selected"] / c["n"]
    ref = rates.idxmax()
    frame = adverse_impact(df["selected"], df["dept"], min_impact_ratio=0.9).to_frame()
    want = {
        g: Fraction(int(c.loc[g, "selected"]), int(c.loc[g, "n"]))
        / Fraction(int(c.loc[ref, "selected"]), int(c.loc[ref, "n"]))
        < Fraction(9, 10)
        for g in c.index
    }
    assert frame["adverse_impact"].astype(bool).to_dict() == want


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_adverse_impact_named_reference(seed):
    """reference=<label>: ratios, tests and shortfalls against that group, even when
    other groups select at a higher rate (their ratio is then above 1)."""
    df = make_random(seed)
    rep = adverse_impact(df["selected"], df["dept"], reference="Research")
    frame = rep.to_frame()
    expected, ref = expected_adverse_impact(df["selected"], df["dept"], reference="Research")
    assert rep.reference == "Research"
    check_adverse_impact_frame(frame, expected, ref)
    assert frame.loc["Sales", "impact_ratio"] > 1

    groups = df[["dept", "site"]]
    rep = adverse_impact(df["selected"], groups, reference=("Engineering", "south"))
    expected, ref = expected_adverse_impact(df["selected"], groups, reference=("Engineering", "south"))
    assert rep.reference == ("Engineering", "south")
    check_adverse_impact_frame(rep.to_frame(), expected, ref)


# --------------------------------------------------------------------------- #
# adverse_impact: four-fifths boundary, shortfall, small-group boundary
# --------------------------------------------------------------------------- #
def _two_groups(x_a: int, n_a: int, x_b: int, n_b: int):
    selected = np.r_[np.ones(x_a), np.zeros(n_a - x_a), np.ones(x_b), np.zeros(n_b - x_b)].astype(int)
    groups = pd.Series(["a"] * n_a + ["b"] * n_b, name="g")
    return selected, groups


@pytest.mark.parametrize(
    "x_b, n_b, x_a, n_a",
    [
        (40, 100, 50, 100),  # the brief's example: 0.4 / 0.5
        (16, 100, 20, 100),  # 0.16 / 0.2 == 0.7999999999999999 in naive floats
        (4, 100, 5, 100),  # 0.04 / 0.05: likewise; 0.8 * 0.05 * 100 == 4.000000000000001
        (24, 75, 40, 100),  # unequal sizes
        (32, 50, 80, 100),
    ],
)
def test_four_fifths_exact_boundary_not_flagged(x_b, n_b, x_a, n_a):
    selected, groups = _two_groups(x_a, n_a, x_b, n_b)
    rep = adverse_impact(selected, groups)
    frame = rep.to_frame()
    assert rep.reference == "a"
    assert Fraction(x_b, n_b) / Fraction(x_a, n_a) == Fraction(4, 5)
    assert frame.loc["b", "impact_ratio"] == pytest.approx(0.8, rel=1e-12)
    assert not bool(frame.loc["b", "adverse_impact"]), "exactly four-fifths is not adverse impact"
    assert frame.loc["b", "shortfall"] == 0


@pytest.mark.parametrize(
    "x_b, n_b, x_a, n_a",
    [(39, 100, 50, 100), (15, 100, 20, 100), (3, 100, 5, 100), (23, 75, 40, 100), (31, 50, 80, 100)],
)
def test_four_fifths_one_below_boundary_flagged(x_b, n_b, x_a, n_a):
    selected, groups = _two_groups(x_a, n_a, x_b, n_b)
    frame = adverse_impact(selected, groups).to_frame()
    assert bool(frame.loc["b", "adverse_impact"])
    assert frame.loc["b", "shortfall"] == 1
    assert frame.loc["b", "impact_ratio"] == pytest.approx((x_b / n_b) / (x_a / n_a), rel=RTOL)


def test_shortfall_larger_gap():
    # 10/100 vs 50/100: four-fifths needs 40 selected -> 30 short
    selected, groups = _two_groups(50, 100, 10, 100)
    frame = adverse_impact(selected, groups).to_frame()
    assert frame.loc["b", "shortfall"] == 30
    # unequal sizes: 5/37 vs 30/60: ceil(0.8 * 0.5 * 37) = 15 -> 10 short
    selected, groups = _two_groups(30, 60, 5, 37)
    frame = adverse_impact(selected, groups).to_frame()
    assert frame.loc["b", "shortfall"] == 10


@pytest.mark.parametrize("n_small, is_small", [(29, True), (30, False)])
def test_small_group_boundary(n_small, is_small):
    selected, groups = _two_groups(50, 100, n_small // 3, n_small)
    frame = adverse_impact(selected, groups, min_group_size=30).to_frame()
    assert bool(frame.loc["b", "small_group"]) is is_small
    assert not bool(frame.loc["a", "small_group"])


def test_aif360_disparate_impact_random_two_groups():
    df = make_random(3, n_groups=3)
    df = df[df["dept"].isin(["Sales", "Engineering"])]
    frame = adverse_impact(df["selected"], df["dept"]).to_frame()
    ratio = aif_metrics.disparate_impact_ratio(
        df["selected"].to_numpy(), prot_attr=df["dept"].to_numpy(dtype=object), priv_group="Sales", pos_label=1
    )
    assert frame.loc["Engineering", "impact_ratio"] == pytest.approx(ratio, rel=RTOL)


# --------------------------------------------------------------------------- #
# group_metrics: random data
# --------------------------------------------------------------------------- #
@pytest.mark.parametrize("seed", SEEDS[:3])  # 3, 4 and 5 groups
def test_group_metrics_random_single(seed):
    df = make_random(seed)
    gm = group_metrics(df["y_true"], df["y_pred"], df["dept"])
    assert gm.by_group.index.name == "dept"
    check_group_metrics(gm, df["y_true"], df["y_pred"], df["dept"])


@pytest.mark.parametrize("seed", SEEDS[:3])  # 3, 4 and 5 groups
def test_group_metrics_random_intersection(seed):
    df = make_random(seed)
    groups = df[["dept", "site"]]
    gm = group_metrics(df["y_true"].to_numpy(), df["y_pred"].to_numpy(), groups)
    assert isinstance(gm.by_group.index, pd.MultiIndex)
    assert list(gm.by_group.index.names) == ["dept", "site"]
    # fairlearn's disparity functions on intersections are exercised on Adult sex x race;
    # here the same between-groups aggregation comes from MetricFrame.difference()/ratio()
    check_group_metrics(gm, df["y_true"], df["y_pred"], groups, compress=True, fairlearn_functions=False)


@pytest.mark.parametrize("seed", SEEDS[:2])
def test_group_metrics_aif360_random_two_groups(seed):
    df = make_random(seed)
    df = df[df["dept"].isin(["Sales", "Engineering"])]
    gm = group_metrics(df["y_true"], df["y_pred"], "dept", data=df)
    check_group_metrics(gm, df["y_true"], df["y_pred"], df["dept"], fairlearn_functions=False)
    check_aif360_two_groups(df["y_true"], df["y_pred"], df["dept"], gm.by_group, priv="Sales")
    check_aif360_two_groups(df["y_true"], df["y_pred"], df["dept"], gm.by_group, priv="Engineering")


# --------------------------------------------------------------------------- #
# Adult
# --------------------------------------------------------------------------- #
def test_adult_known_income_rates_by_sex(adult):
    rep = adverse_impact(adult["income_over_50k"], adult["sex"])
    frame = rep.to_frame()
    assert rep.reference == "Male"
    # UCI Adult train split: Male 6662/21790, Female 1179/10771 earn >50K
    assert int(frame.loc["Male", "n"]) == 21790 and int(frame.loc["Male", "selected"]) == 6662
    assert int(frame.loc["Female", "n"]) == 10771 and int(frame.loc["Female", "selected"]) == 1179
    assert frame.loc["Male", "selection_rate"] == pytest.approx(0.30573, abs=1e-5)
    assert frame.loc["Female", "selection_rate"] == pytest.approx(0.10946, abs=1e-5)
    assert frame.loc["Female", "impact_ratio"] == pytest.approx(0.3580, abs=5e-5)
    independent = (1179 / 10771) / (6662 / 21790)
    assert frame.loc["Female", "impact_ratio"] == pytest.approx(independent, rel=RTOL)
    assert bool(frame.loc["Female", "adverse_impact"])
    assert frame.loc["Female", "shortfall"] == exact_shortfall(1179, 10771, 6662, 21790)


def test_adult_adverse_impact_by_sex(adult):
    y = adult["income_over_50k"]
    frame = adverse_impact(y, "sex", data=adult).to_frame()
    assert frame.index.name == "sex"
    expected, ref = expected_adverse_impact(y, adult["sex"])
    check_adverse_impact_frame(frame, expected, ref)
    dir_aif = aif_metrics.disparate_impact_ratio(
        y.to_numpy(), prot_attr=adult["sex"].to_numpy(dtype=object), priv_group="Male", pos_label=1
    )
    assert frame.loc["Female", "impact_ratio"] == pytest.approx(dir_aif, rel=RTOL)
    spd_aif = aif_metrics.statistical_parity_difference(
        y.to_numpy(), prot_attr=adult["sex"].to_numpy(dtype=object), priv_group="Male", pos_label=1
    )
    assert frame.loc["Female", "selection_rate"] - frame.loc["Male", "selection_rate"] == pytest.approx(
        spd_aif, rel=RTOL, abs=ATOL
    )


def test_adult_adverse_impact_by_sex_and_race(adult):
    y = adult["income_over_50k"]
    groups = adult[["sex", "race"]]
    rep = adverse_impact(y, groups)
    frame = rep.to_frame()
    expected, ref = expected_adverse_impact(y, groups)
    assert rep.reference == ref == ("Male", "Asian-Pac-Islander")
    assert list(frame.index.names) == ["sex", "race"]
    assert len(frame) == 10
    check_adverse_impact_frame(frame, expected, ref)


@pytest.mark.parametrize("cols", [["sex"], ["race"], ["sex", "race"]], ids=["sex", "race", "sex_x_race"])
def test_adult_group_metrics(adult, cols):
    groups = adult[cols[0]] if len(cols) == 1 else adult[cols]
    gm = group_metrics(adult["income_over_50k"], adult["rule"], groups)
    if len(cols) == 1:
        assert gm.by_group.index.name == cols[0]
    else:
        assert list(gm.by_group.index.names) == cols
    check_group_metrics(gm, adult["income_over_50k"], adult["rule"], groups, compress=True)


def test_adult_group_metrics_sex_x_race_uncompressed(adult):
    """The row-level route (no sample weights) for a few metrics, so the compressed
    fairlearn inputs used above are not the only reference on Adult."""
    groups = adult[["sex", "race"]]
    gm = group_metrics(adult["income_over_50k"], adult["rule"], groups)
    mf = MetricFrame(
        metrics={"n": count, "tpr": true_positive_rate, "ppv": _ppv},
        y_true=adult["income_over_50k"].to_numpy(),
        y_pred=adult["rule"].to_numpy(),
        sensitive_features=group_labels(groups),
    )
    for col in ["n", "tpr", "ppv"]:
        assert_column_matches(gm.by_group, col, mf.by_group[col])


def test_adult_group_metrics_aif360_by_sex(adult):
    gm = group_metrics(adult["income_over_50k"], adult["rule"], "sex", data=adult)
    check_aif360_two_groups(adult["income_over_50k"], adult["rule"], adult["sex"], gm.by_group, priv="Male")


def test_group_metrics_undefined_rates_are_nan_and_left_out_of_disparities():
    """A rate with an empty denominator is NaN in the engine (documented in group_metrics),
    where fairlearn/sklearn report 0 (confusion_matrix(normalize="true") and
    precision_score(zero_division=0)). Defined rates still match sklearn, and the
    disparities are taken over the groups where the rate is defined."""
    rng = np.random.default_rng(5)
    sizes = {"a": 200, "b": 150, "no_pred_pos": 60, "no_pos": 50, "no_neg": 40}
    labels = np.repeat(list(sizes), list(sizes.values()))
    y_true = rng.integers(0, 2, len(labels))
    y_pred = rng.integers(0, 2, len(labels))
    y_pred[labels == "no_pred_pos"] = 0
    y_true[labels == "no_pos"] = 0
    y_true[labels == "no_neg"] = 1
    groups = pd.Series(labels, name="team")
    gm = group_metrics(y_true, y_pred, groups)
    bg = gm.by_group
    assert np.isnan(bg.loc["no_pred_pos", "ppv"])
    assert np.isnan(bg.loc["no_pos", "tpr"]) and np.isnan(bg.loc["no_pos", "fnr"])
    assert np.isnan(bg.loc["no_neg", "fpr"])
    undefined = {("no_pred_pos", "ppv"), ("no_pos", "tpr"), ("no_pos", "fnr"), ("no_neg", "fpr")}
    assert {(g, m) for g in bg.index for m in GM_COLUMNS if np.isnan(bg.loc[g, m])} == undefined

    # every defined cell matches sklearn / fairlearn on that group's rows
    mf = expected_by_group(y_true, y_pred, groups, None)
    for g in bg.index:
        for m in GM_COLUMNS:
            if (g, m) not in undefined:
                assert bg.loc[g, m] == pytest.approx(mf.by_group.loc[g, m], rel=RTOL, abs=ATOL), (g, m)

    # disparities == fairlearn's on the groups where the metric is defined
    def on_defined(fn, metric_groups_excluded):
        keep = ~np.isin(labels, metric_groups_excluded)
        return fn(y_true[keep], y_pred[keep], sensitive_features=labels[keep])

    d = gm.disparities
    assert d.loc["demographic_parity", "difference"] == pytest.approx(
        demographic_parity_difference(y_true, y_pred, sensitive_features=labels), rel=RTOL
    )
    assert d.loc["equal_opportunity", "difference"] == pytest.approx(
        on_defined(equal_opportunity_difference, ["no_pos"]), rel=RTOL
    )
    assert d.loc["equal_opportunity", "ratio"] == pytest.approx(
        on_defined(equal_opportunity_ratio, ["no_pos"]), rel=RTOL
    )
    keep_ppv = labels != "no_pred_pos"
    ppv = MetricFrame(
        metrics=_ppv, y_true=y_true[keep_ppv], y_pred=y_pred[keep_ppv], sensitive_features=labels[keep_ppv]
    )
    assert d.loc["predictive_parity", "difference"] == pytest.approx(ppv.difference(), rel=RTOL)
    assert d.loc["predictive_parity", "ratio"] == pytest.approx(ppv.ratio(), rel=RTOL)
    tpr = bg["tpr"].drop("no_pos")
    fpr = bg["fpr"].drop("no_neg")
    assert d.loc["equalized_odds", "difference"] == pytest.approx(
        max(tpr.max() - tpr.min(), fpr.max() - fpr.min()), rel=RTOL
    )
    assert d.loc["equalized_odds", "ratio"] == pytest.approx(
        min(tpr.min() / tpr.max(), fpr.min() / fpr.max()), rel=RTOL
    )


def test_unknown_groups_are_left_out_of_every_rate():
    """unknown="Unknown" (per the engine's docstring): rows with a missing group are
    counted apart and the tables equal the references computed on the other rows."""
    df = make_random(1)
    dept = df["dept"].astype(object).copy()
    dept[np.random.default_rng(11).random(len(df)) < 0.08] = None
    known = dept.notna().to_numpy()
    assert 0 < (~known).sum() < len(df)

    rep = adverse_impact(df["selected"], dept, unknown="Unknown")
    expected, ref = expected_adverse_impact(df["selected"][known], dept[known])
    assert rep.reference == ref
    check_adverse_impact_frame(rep.to_frame(), expected, ref)

    gm = group_metrics(df["y_true"], df["y_pred"], dept, unknown="Unknown")
    check_group_metrics(gm, df["y_true"][known], df["y_pred"][known], dept[known], fairlearn_functions=False)


# --------------------------------------------------------------------------- #
# edge cases: a rate that is 0 everywhere, or defined in one group only
# --------------------------------------------------------------------------- #
def _no_false_positives(seed: int) -> pd.DataFrame:
    """make_random with every actual negative predicted negative: FPR is 0 in every group."""
    df = make_random(seed)
    df.loc[df["y_true"] == 0, "y_pred"] = 0
    return df


@pytest.mark.parametrize("seed", SEEDS)
def test_equalized_odds_with_fpr_zero_everywhere_matches_fairlearn(seed):
    df = _no_false_positives(seed)
    gm = group_metrics(df["y_true"], df["y_pred"], df["dept"])
    assert (gm.by_group["fpr"] == 0).all()
    kw = dict(sensitive_features=df["dept"])
    d = gm.disparities
    assert d.loc["equalized_odds", "ratio"] == pytest.approx(
        equalized_odds_ratio(df["y_true"], df["y_pred"], **kw), rel=RTOL
    )
    assert d.loc["equalized_odds", "ratio"] == pytest.approx(
        equal_opportunity_ratio(df["y_true"], df["y_pred"], **kw), rel=RTOL
    )  # the TPR ratio
    assert d.loc["equalized_odds", "difference"] == pytest.approx(
        equalized_odds_difference(df["y_true"], df["y_pred"], **kw), rel=RTOL
    )


def test_equalized_odds_with_tpr_zero_everywhere_is_the_fpr_ratio_where_fairlearn_gives_nan():
    """Documented difference: fairlearn's worst case is min([tpr_ratio, fpr_ratio]) with Python's min,
    which returns NaN when the TPR ratio (0 / 0) comes first; a rate at 0 everywhere is at parity."""
    df = make_random(1)
    df.loc[df["y_true"] == 1, "y_pred"] = 0
    gm = group_metrics(df["y_true"], df["y_pred"], df["dept"])
    kw = dict(sensitive_features=df["dept"])
    assert np.isnan(equalized_odds_ratio(df["y_true"], df["y_pred"], **kw))
    fpr_ratio = MetricFrame(metrics=false_positive_rate, y_true=df["y_true"], y_pred=df["y_pred"], **kw).ratio()
    assert gm.disparities.loc["equalized_odds", "ratio"] == pytest.approx(fpr_ratio, rel=RTOL)


def test_equal_opportunity_with_positives_in_one_group_only_is_nan_not_fairlearns_zero_tpr():
    """fairlearn reads the TPR of a group without actual positives as 0 and reports a difference;
    the engine reports NaN with a note: one defined TPR has nothing to be compared with."""
    df = make_random(0, n_groups=3)
    df = df[df["dept"].isin(["Sales", "Research"])].reset_index(drop=True)
    df.loc[df["dept"] == "Research", "y_true"] = 0
    gm = group_metrics(df["y_true"], df["y_pred"], df["dept"])
    assert np.isnan(gm.by_group.loc["Research", "tpr"])
    assert gm.disparities.loc[["equal_opportunity", "equalized_odds"]].isna().all().all()
    assert any("tpr is defined for fewer than two groups" in n for n in gm.notes)
    fairlearn_difference = equal_opportunity_difference(df["y_true"], df["y_pred"], sensitive_features=df["dept"])
    assert fairlearn_difference == pytest.approx(gm.by_group.loc["Sales", "tpr"], rel=RTOL)  # Sales TPR - 0


@pytest.mark.parametrize("x_b, n_b, x_a, n_a", [(36, 100, 45, 100), (16, 100, 20, 100), (2, 25, 1, 10)])
def test_exact_boundary_ratio_matches_aif360_and_filters_like_the_flag(x_b, n_b, x_a, n_a):
    selected, groups = _two_groups(x_a, n_a, x_b, n_b)
    frame = adverse_impact(selected, groups).to_frame()
    dir_ = aif_metrics.disparate_impact_ratio(selected, selected, prot_attr=groups.to_numpy(), priv_group="a")
    assert frame.loc["b", "impact_ratio"] == pytest.approx(dir_, rel=RTOL)
    assert frame.loc["b", "impact_ratio"] == 0.8
    assert frame.index[frame["impact_ratio"] < 0.8].tolist() == frame.index[frame["adverse_impact"]].tolist() == []
