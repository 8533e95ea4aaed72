"""Tests for :mod:`hrfair_helpers.audit.proxies` (Cramér's V, proxy tables, predictability).

Plain Cramér's V is cross-checked against scipy and a hand formula; the Bergsma correction
against its definition and by simulation; mutual information against scikit-learn on the same
bins; the cross-validated AUC against a hand-written loop with ``roc_auc_score``. The bounds on
UCI Adult were set from the real values (printed in the comments).
"""

import functools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy.stats import chi2_contingency  # noqa: E402
from scipy.stats.contingency import association  # noqa: E402

from hrfair_helpers.audit.predictability import PredictabilityReport, attribute_predictability  # noqa: E402
from hrfair_helpers.audit.proxies import ProxyReport, cramers_v, proxy_strength  # noqa: E402
from hrfair_helpers.datasets import load_adult  # noqa: E402
from hrfair_helpers.models import adult_features, age_band  # noqa: E402


@functools.lru_cache(maxsize=1)
def adult():
    return load_adult("train")


@functools.lru_cache(maxsize=1)
def adult_sex_proxies():
    df = adult().drop(columns=["fnlwgt", "education", "income_over_50k"])
    return proxy_strength(df, "sex")


def random_labels(rng, n, levels):
    return rng.choice([f"l{i}" for i in range(levels)], size=n)


# --------------------------------------------------------------------------- #
# cramers_v


def test_plain_v_matches_scipy_and_hand_formula():
    rng = np.random.default_rng(1)
    x = random_labels(rng, 500, 4)
    y = np.where(rng.random(500) < 0.3, x, random_labels(rng, 500, 3))  # partly dependent
    table = pd.crosstab(x, y).to_numpy()
    chi2 = chi2_contingency(table, correction=False)[0]
    by_hand = np.sqrt(chi2 / (table.sum() * (min(table.shape) - 1)))
    v = cramers_v(x, y, bias_correction=False)
    assert v == pytest.approx(association(table, method="cramer"), rel=1e-12)
    assert v == pytest.approx(by_hand, rel=1e-12)
    assert 0 < v < 1


def test_bias_corrected_v_matches_bergsma_formula():
    rng = np.random.default_rng(2)
    x = random_labels(rng, 300, 5)
    y = np.where(rng.random(300) < 0.4, np.char.replace(x, "l", "m"), random_labels(rng, 300, 3))
    table = pd.crosstab(x, y).to_numpy()
    n, (r, k) = table.sum(), table.shape
    phi2 = chi2_contingency(table, correction=False)[0] / n
    phi2c = max(0, phi2 - (k - 1) * (r - 1) / (n - 1))
    rc, kc = r - (r - 1) ** 2 / (n - 1), k - (k - 1) ** 2 / (n - 1)
    expected = np.sqrt(phi2c / min(rc - 1, kc - 1))
    assert cramers_v(x, y) == pytest.approx(expected, rel=1e-12)
    assert cramers_v(x, y) < cramers_v(x, y, bias_correction=False)


def test_bias_correction_removes_most_of_the_bias_for_independent_variables():
    # Independent variables with many levels and few rows: plain V is clearly positive.
    rng = np.random.default_rng(3)
    plain, corrected = [], []
    for _ in range(30):
        x, y = random_labels(rng, 100, 8), random_labels(rng, 100, 6)
        plain.append(cramers_v(x, y, bias_correction=False))
        corrected.append(cramers_v(x, y))
    assert np.mean(plain) > 0.2
    assert np.mean(corrected) < 0.07
    assert np.mean(corrected) < np.mean(plain) / 3


def test_perfect_association_and_independence():
    x = ["a", "b", "c"] * 50
    y = ["A", "B", "C"] * 50
    assert cramers_v(x, y, bias_correction=False) == pytest.approx(1.0)
    assert cramers_v(x, y) == pytest.approx(1.0)
    assert cramers_v(["F", "M"] * 50, ["x", "x", "y", "y"] * 25) == 0.0


def test_missing_values_are_dropped_pairwise():
    x = pd.Series(["a", "b", None, "a", "b", "a", np.nan, "b"] * 10)
    y = pd.Series([1.0, 2.0, 1.0, np.nan, 2.0, 1.0, 2.0, 2.0] * 10)
    keep = x.notna() & y.notna()
    assert cramers_v(x, y) == pytest.approx(cramers_v(x[keep], y[keep]))
    # Categorical dtype with missing values gives the same answer as object dtype.
    assert cramers_v(x.astype("category"), y) == pytest.approx(cramers_v(x, y))


def test_single_level_gives_zero():
    assert cramers_v(["a"] * 10, ["x", "y"] * 5) == 0.0


def test_cramers_v_errors():
    with pytest.raises(ValueError, match="different lengths"):
        cramers_v(["a", "b"], ["x", "y", "z"])
    with pytest.raises(ValueError, match="no row has a value in both"):
        cramers_v([None, "a"], [1.0, np.nan])
    with pytest.raises(ValueError, match="bias_correction=False"):
        cramers_v(["a", "b", "c"], ["x", "y", "z"])
    with pytest.raises(ValueError, match="different pandas indexes"):
        cramers_v(pd.Series(["a", "b"]), pd.Series(["x", "y"], index=[5, 6]))
    with pytest.raises(ValueError, match="not a DataFrame"):
        cramers_v(pd.DataFrame({"a": [1, 2]}), [1, 2])


# --------------------------------------------------------------------------- #
# proxy_strength on UCI Adult


def test_adult_proxies_for_sex():
    rep = adult_sex_proxies()
    table = rep.table
    # Real values (bias-corrected V): relationship 0.649, marital_status 0.462, occupation 0.434,
    # hours_per_week 0.256, workclass 0.143, race 0.118, age 0.117, ... capital_loss 0.041.
    assert set(rep.top(2)) == {"relationship", "marital_status"}
    assert 0.6 < table.loc["relationship", "cramers_v"] < 0.7
    assert 0.4 < table.loc["marital_status", "cramers_v"] < 0.5
    assert 0.35 < table.loc["occupation", "cramers_v"] < 0.5
    assert 0.2 < table.loc["hours_per_week", "cramers_v"] < 0.32
    assert table.loc[["hours_per_week", "occupation"], "cramers_v"].gt(0.1).all()
    assert table["cramers_v"].is_monotonic_decreasing
    assert table["cramers_v"].between(0, 1).all() and table["normalized_mutual_info"].between(0, 1).all()
    assert list(table.columns) == ["cramers_v", "normalized_mutual_info", "kind", "n_levels"]
    assert "sex" not in table.index
    assert table.loc["hours_per_week", "kind"] == "numeric"
    assert table.loc["occupation", "kind"] == "categorical"
    assert table.loc["occupation", "n_levels"] == 14  # missing occupations are left out
    # capital_gain is 92 % zeros: quantile edges collapse, so it is split at the median.
    assert table.loc["capital_gain", "n_levels"] == 2
    assert any("occupation: 1843 rows" in note for note in rep.notes)


def test_adult_numbers_match_scipy_and_sklearn_on_the_same_bins():
    from sklearn.metrics import normalized_mutual_info_score

    df, table = adult(), adult_sex_proxies().table
    binned = pd.qcut(df["age"], 5, duplicates="drop")
    assert table.loc["age", "n_levels"] == binned.nunique()
    plain = association(pd.crosstab(binned, df["sex"]).to_numpy(), method="cramer")
    assert cramers_v(binned, df["sex"], bias_correction=False) == pytest.approx(plain)
    assert table.loc["age", "cramers_v"] == pytest.approx(cramers_v(binned, df["sex"]))
    assert table.loc["age", "normalized_mutual_info"] == pytest.approx(
        normalized_mutual_info_score(df["sex"].astype(str), binned.astype(str))
    )
    keep = df["occupation"].notna()
    assert table.loc["occupation", "normalized_mutual_info"] == pytest.approx(
        normalized_mutual_info_score(df.loc[keep, "sex"].astype(str), df.loc[keep, "occupation"].astype(str))
    )


def test_protected_as_series_and_features_subset():
    df = adult()
    rep = proxy_strength(
        df, age_band(df["age"]).rename("age band"), features=["marital_status", "relationship", "race"]
    )
    assert rep.attribute == "age band"
    assert rep.top(1) == ["marital_status"]  # V 0.43: never-married people are mostly young
    # A Series that is a column of data excludes that column from the default features.
    rep = proxy_strength(df[["sex", "relationship", "race"]], df["sex"])
    assert list(rep.table.index) == ["relationship", "race"]
    # Unnamed values are called "protected"; intersections combine columns.
    assert proxy_strength(df[["race"]], df["sex"].to_numpy()).attribute == "protected"
    rep = proxy_strength(df[["sex", "race", "relationship"]], ["sex", "race"])
    assert rep.attribute == "sex × race" and list(rep.table.index) == ["relationship"]


def test_numeric_feature_with_few_values_and_missing_protected():
    df = pd.DataFrame(
        {
            "group": ["a", "b"] * 50 + [None] * 4,
            "flag": [0, 1] * 50 + [1, 1, 0, 0],
            "score": np.arange(104, dtype=float),
        }
    )
    rep = proxy_strength(df, "group", bins=4)
    assert rep.table.loc["flag", "n_levels"] == 2
    assert rep.table.loc["flag", "cramers_v"] == pytest.approx(1.0)
    assert rep.table.loc["score", "n_levels"] == 4
    assert rep.n_rows == 100
    assert any("4 rows with a missing group" in note for note in rep.notes)


def test_proxy_strength_errors():
    df = pd.DataFrame({"sex": ["F", "M"] * 5, "x": range(10)})
    with pytest.raises(ValueError, match="bins must be"):
        proxy_strength(df, "sex", bins=1)
    with pytest.raises(ValueError, match=r"not columns of data"):
        proxy_strength(df, "sex", features=["nope"])
    with pytest.raises(ValueError, match="include the protected attribute"):
        proxy_strength(df, "sex", features=["sex", "x"])
    with pytest.raises(ValueError, match=r"column\(s\) \['gender'\] not in data"):
        proxy_strength(df, "gender")
    with pytest.raises(ValueError, match="single value"):
        proxy_strength(df.assign(sex="F"), "sex")
    with pytest.raises(ValueError, match="different lengths"):
        proxy_strength(df, np.array(["F", "M"] * 3 + ["F"]))
    with pytest.raises(ValueError, match="must be a pandas DataFrame"):
        proxy_strength(df.to_numpy(), "sex")
    with pytest.raises(ValueError, match="no features"):
        proxy_strength(df[["sex"]], "sex")


def test_proxy_report_rendering_and_plot():
    rep = adult_sex_proxies()
    assert isinstance(rep, ProxyReport)
    frame = rep.to_frame()
    frame.iloc[0, 0] = -1
    assert rep.table.iloc[0, 0] > 0  # to_frame is a copy
    assert "Proxies for sex" in repr(rep) and "relationship" in repr(rep)
    assert "<table" in rep._repr_html_() and "relationship" in rep._repr_html_()
    ax = rep.plot(k=5)
    assert ax.get_xlim() == (0.0, 1.0)
    assert len(ax.patches) == 5
    plt.close("all")


# --------------------------------------------------------------------------- #
# attribute_predictability


def test_sex_is_predictable_from_the_other_adult_features():
    df = adult()
    rep = attribute_predictability(adult_features(df, drop=["sex"]), df["sex"])
    # Real value: AUC 0.930 ± 0.003 (10,000-row subsample, 5 folds); 0.931 on all rows.
    assert isinstance(rep, PredictabilityReport)
    assert 0.9 < rep.auc < 0.96
    assert rep.auc > 0.8
    assert 0 < rep.auc_std < 0.02
    assert len(rep.folds) == 5 and rep.auc == pytest.approx(np.mean(rep.folds))
    assert rep.chance == 0.5 and rep.n_rows == 10_000 and rep.classes == ["Female", "Male"]
    assert rep.by_dropped_feature is None
    assert any("subsample of 10,000" in note for note in rep.notes)


def test_drop_one_names_relationship_and_occupation():
    df = adult()
    # Five of the ten features and a small subsample keep the test fast; the full default run
    # (all ten features) gives the same order: relationship 0.072, occupation 0.031, then < 0.005.
    X = adult_features(df, drop=["sex"])[["age", "hours_per_week", "marital_status", "occupation", "relationship"]]
    rep = attribute_predictability(X, df["sex"], drop_one=True, cv=3, max_rows=5000)
    table = rep.by_dropped_feature
    assert list(table.index[:2]) == ["relationship", "occupation"]
    assert table.loc["relationship", "auc_drop"] > 0.04
    assert table["auc_drop"].is_monotonic_decreasing
    assert table["auc_drop"].to_numpy() == pytest.approx(rep.auc - table["auc"].to_numpy())
    frame = rep.to_frame()
    assert frame.index[0] == "all features" and frame.index[1] == "without relationship"
    assert "How predictable is sex?" in repr(rep) and "e-0" not in repr(rep)
    assert "without relationship" in rep._repr_html_()
    ax = rep.plot()
    assert ax.get_xlim() == (0.0, 1.0) and len(ax.patches) == len(frame)
    plt.close("all")


def test_auc_matches_a_hand_written_cross_validation_multiclass():
    from sklearn.base import clone
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    from hrfair_helpers.audit.predictability import _default_estimator

    rng = np.random.default_rng(4)
    n = 600
    band = rng.choice(["under 25", "25-39", "40+"], size=n)
    X = pd.DataFrame(
        {
            "status": np.where(band == "under 25", "Never-married", rng.choice(["Married", "Divorced"], size=n)),
            "hours": rng.normal(40, 5, size=n) + (band == "40+") * 3,
        }
    )
    rep = attribute_predictability(X, pd.Series(band, name="age band"), cv=4, random_state=7)
    codes = pd.Series(band).map({"25-39": 0, "40+": 1, "under 25": 2}).to_numpy()  # sorted labels
    expected = []
    for train, test in StratifiedKFold(4, shuffle=True, random_state=7).split(X, codes):
        model = clone(_default_estimator()).fit(X.iloc[train], codes[train])
        proba = model.predict_proba(X.iloc[test])
        expected.append(roc_auc_score(codes[test], proba, multi_class="ovr", average="macro"))
    assert rep.folds == pytest.approx(expected)
    assert rep.classes == ["25-39", "40+", "under 25"]
    assert 0.6 < rep.auc < 1


def test_protected_as_column_of_x_custom_estimator_and_missing_groups():
    from sklearn.dummy import DummyClassifier

    rng = np.random.default_rng(5)
    X = pd.DataFrame({"sex": rng.choice(["F", "M"], 200), "x": rng.normal(size=200)})
    X.loc[:3, "sex"] = None
    rep = attribute_predictability(X, "sex", estimator=DummyClassifier(), cv=3)
    assert rep.auc == 0.5  # a model that ignores the features is at chance
    assert rep.n_rows == 196 and any("4 rows with a missing sex" in n for n in rep.notes)
    # An unnamed array also works; full data when max_rows=None.
    rep = attribute_predictability(X[["x"]].iloc[4:], X["sex"].iloc[4:].to_numpy(), max_rows=None, cv=3)
    assert rep.n_rows == 196 and rep.attribute == "protected" and rep.auc < 0.7


def test_attribute_predictability_errors():
    rng = np.random.default_rng(6)
    X = pd.DataFrame({"a": rng.choice(["p", "q"], 50), "b": rng.normal(size=50)})
    sex = pd.Series(rng.choice(["F", "M"], 50), name="sex")
    with pytest.raises(ValueError, match="cv must be"):
        attribute_predictability(X, sex, cv=1)
    with pytest.raises(ValueError, match="max_rows must be"):
        attribute_predictability(X, sex, max_rows=3)
    with pytest.raises(ValueError, match="fewer than cv=5 folds"):
        attribute_predictability(X, pd.Series(["F"] * 47 + ["M"] * 3))
    with pytest.raises(ValueError, match="single value"):
        attribute_predictability(X, np.array(["F"] * 50))
    with pytest.raises(ValueError, match=r"missing values.*fillna"):
        attribute_predictability(X.assign(b=np.where(X["b"] > 1, np.nan, X["b"])), sex)
    with pytest.raises(ValueError, match="X still contains the protected column 'sex'"):
        attribute_predictability(X.assign(sex=sex), sex)
    with pytest.raises(ValueError, match="different lengths"):
        attribute_predictability(X, sex.iloc[:40])
    with pytest.raises(ValueError, match="neither numeric nor categorical"):
        attribute_predictability(X.assign(when=pd.Timestamp("2024-01-01")), sex)
    with pytest.raises(ValueError, match="at least two features"):
        attribute_predictability(X[["b"]], sex, drop_one=True)
    with pytest.raises(ValueError, match="must be a pandas DataFrame"):
        attribute_predictability([1, 2, 3], sex)


def test_old_names_of_the_group_argument_warn_and_still_work():
    df = load_adult("train").head(400)
    new = proxy_strength(df, "sex", features=["relationship", "race"])
    with pytest.warns(FutureWarning, match=r"proxy_strength\(protected=...\) is renamed"):
        old = proxy_strength(df, protected="sex", features=["relationship", "race"])
    with pytest.warns(FutureWarning, match="pass features= by name"):
        positional = proxy_strength(df, "sex", ["relationship", "race"])
    for report in (old, positional):
        pd.testing.assert_frame_equal(report.table, new.table)
    with pytest.warns(FutureWarning, match="protected is renamed attribute"):
        assert new.protected == new.attribute == "sex"
    import hrfair_helpers.audit.proxies as proxies

    with pytest.warns(FutureWarning, match="moved to hrfair_helpers.audit.predictability"):
        assert proxies.attribute_predictability is attribute_predictability
