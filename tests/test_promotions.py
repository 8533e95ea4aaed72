"""Tests for hrfair_helpers.datasets.promotions (seeded synthetic workforce with injected bias).

The documented promotion model is rebuilt here from its description (features,
encoding, top-20% rule), trained on one seed and evaluated on another, so the
impact-ratio promise is checked on data the model never saw.
"""

from __future__ import annotations

import functools
import hashlib
import math
import time

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from hrfair_helpers.datasets import promotions
from hrfair_helpers.datasets.promotions import (
    BIASED_EFFECTS,
    CAUSAL_GRAPH,
    DEFAULT_GAP,
    DEPARTMENTS,
    GAP_DECOMPOSITION,
    GAP_PATHWAYS,
    GENDER_SHARES,
    MODEL_FEATURES,
    PROMOTION_EFFECTS,
    PROMOTION_RATE,
    RECOMMEND_SHARE,
    make_promotions,
)

COLUMNS = [
    "employee_id",
    "gender",
    "age",
    "caregiver",
    "department",
    "level",
    "tenure_in_role",
    "months_on_leave",
    "leave_adjusted_tenure",
    "part_time_history",
    "high_visibility_projects",
    "manager_nomination",
    "relocation_willingness",
    "performance_rating",
    "true_readiness",
    "historical_promoted",
]
INT_COLUMNS = [
    "age",
    "caregiver",
    "level",
    "months_on_leave",
    "part_time_history",
    "high_visibility_projects",
    "manager_nomination",
    "relocation_willingness",
    "performance_rating",
    "historical_promoted",
]
FLOAT_COLUMNS = ["tenure_in_role", "leave_adjusted_tenure", "true_readiness"]
BINARY_COLUMNS = [
    "caregiver",
    "part_time_history",
    "manager_nomination",
    "relocation_willingness",
    "historical_promoted",
]
# Written out by hand: the model must not see these.
NOT_MODEL_INPUTS = {
    "gender",
    "caregiver",
    "age",
    "months_on_leave",
    "leave_adjusted_tenure",
    "true_readiness",
    "historical_promoted",
    "employee_id",
}
HELD_OUT = {"n": 20_000, "seed": 1}


def _sha(df: pd.DataFrame) -> str:
    return hashlib.sha256(df.to_csv(index=False).encode("utf-8")).hexdigest()


def _design(frame: pd.DataFrame) -> pd.DataFrame:
    X = frame[list(MODEL_FEATURES)]
    return pd.get_dummies(X, columns=["department"], drop_first=True, dtype=float)


def _fit(train: pd.DataFrame):
    model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    return model.fit(_design(train), train["historical_promoted"])


def _recommend(model, frame: pd.DataFrame) -> np.ndarray:
    score = model.predict_proba(_design(frame))[:, 1]
    return score >= np.quantile(score, 1 - RECOMMEND_SHARE)


def _impact_ratio(flags, gender) -> float:
    rates = pd.Series(np.asarray(flags, dtype=float)).groupby(np.asarray(gender)).mean()
    return rates["woman"] / rates["man"]


@functools.cache
def _model_ir(gap: float) -> float:
    """The documented model's impact ratio: trained on seed 0 (n=5000), evaluated on HELD_OUT."""
    model = _fit(make_promotions(gap=gap))
    test = make_promotions(gap=gap, **HELD_OUT)
    return _impact_ratio(_recommend(model, test), test["gender"])


@pytest.fixture(scope="module")
def df():
    return make_promotions()


@pytest.fixture(scope="module")
def big():
    return make_promotions(n=20_000, seed=0)


@pytest.fixture(scope="module")
def model(df):
    return _fit(df)


@pytest.fixture(scope="module")
def held_out():
    return make_promotions(**HELD_OUT)


# -- determinism -------------------------------------------------------------


def test_same_arguments_same_bytes(df):
    assert _sha(make_promotions()) == _sha(df)
    assert _sha(make_promotions(n=5000, seed=0, gap=0.30)) == _sha(df)


def test_different_seeds_and_gaps_differ():
    assert _sha(make_promotions(n=500, seed=0)) != _sha(make_promotions(n=500, seed=1))
    assert _sha(make_promotions(n=500, seed=0, gap=0.3)) != _sha(make_promotions(n=500, seed=0, gap=0.6))


def test_gap_changes_decisions_not_people():
    fair, biased = make_promotions(n=2000, seed=4, gap=0.0), make_promotions(n=2000, seed=4, gap=0.9)
    same = [
        "employee_id",
        "gender",
        "age",
        "caregiver",
        "department",
        "level",
        "tenure_in_role",
        "months_on_leave",
        "leave_adjusted_tenure",
        "part_time_history",
        "relocation_willingness",
        "performance_rating",
        "true_readiness",
    ]
    pd.testing.assert_frame_equal(fair[same], biased[same])
    assert not fair["historical_promoted"].equals(biased["historical_promoted"])


def test_numpy_arguments_accepted():
    expected = _sha(make_promotions(300, 5, 0.45))
    assert _sha(make_promotions(n=np.int64(300), seed=np.int32(5), gap=np.float64(0.45))) == expected
    assert _sha(make_promotions(n=300, seed=5, gap=0)) == _sha(make_promotions(n=300, seed=5, gap=0.0))


def test_fast_enough():
    make_promotions()  # warm up
    best = min(_timed(make_promotions) for _ in range(3))
    assert best < 0.3, f"make_promotions() took {best:.3f} s"


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


# -- shape and types -----------------------------------------------------------


def test_columns_and_dtypes(df):
    assert list(df.columns) == COLUMNS
    assert len(df) == 5000
    assert isinstance(df.index, pd.RangeIndex)
    for col in INT_COLUMNS:
        assert df[col].dtype == np.int64, col
    for col in FLOAT_COLUMNS:
        assert df[col].dtype == np.float64, col
    assert df["employee_id"].map(type).eq(str).all()
    assert list(df["gender"].cat.categories) == ["woman", "man"] == list(GENDER_SHARES)
    assert list(df["department"].cat.categories) == list(DEPARTMENTS)
    assert not df.isna().any().any()


def test_ids_and_ranges(df):
    assert df["employee_id"].iloc[0] == "E00001"
    assert df["employee_id"].iloc[-1] == "E05000"
    assert df["employee_id"].is_unique
    assert df["age"].between(22, 62).all()
    assert set(df["level"].unique()) == {1, 2, 3, 4}
    assert set(df["performance_rating"].unique()) == {1, 2, 3, 4, 5}
    assert df["high_visibility_projects"].between(0, 6).all()
    assert (df["months_on_leave"] >= 0).all()
    assert (df["tenure_in_role"] > 0).all()
    for col in BINARY_COLUMNS:
        assert set(df[col].unique()) == {0, 1}, col
    assert make_promotions(n=1, seed=0).shape == (1, len(COLUMNS))


def test_composition(big):
    assert (big["gender"] == "woman").mean() == pytest.approx(GENDER_SHARES["woman"], abs=0.015)
    care = big.groupby("gender", observed=True)["caregiver"].mean()
    assert care["woman"] == pytest.approx(0.30, abs=0.02)
    assert care["man"] == pytest.approx(0.16, abs=0.02)
    assert big["level"].corr(big["age"]) > 0.5
    # Department and level do not depend on gender.
    for col in ("department", "level"):
        assert stats.chi2_contingency(pd.crosstab(big[col], big["gender"])).pvalue > 0.01, col


# -- what is alike across groups ---------------------------------------------------


def test_rating_distribution_alike_across_genders(big):
    table = pd.crosstab(big["performance_rating"], big["gender"])
    assert stats.chi2_contingency(table).pvalue > 0.01
    shares = big["performance_rating"].value_counts(normalize=True).sort_index()
    assert np.allclose(shares.to_numpy(), [0.05, 0.20, 0.45, 0.22, 0.08], atol=0.015)
    means = big.groupby("gender", observed=True)["performance_rating"].mean()
    assert abs(means["woman"] - means["man"]) < 0.05


def test_true_readiness_independent_of_gender_and_caregiving(big):
    r = big["true_readiness"]
    women, men = r[big["gender"] == "woman"], r[big["gender"] == "man"]
    assert stats.ks_2samp(women, men).pvalue > 0.01
    assert abs(women.mean() - men.mean()) < 0.05
    care = big["caregiver"] == 1
    assert stats.ks_2samp(r[care], r[~care]).pvalue > 0.01
    assert r.mean() == pytest.approx(0.0, abs=0.03)
    assert r.std() == pytest.approx(1.0, abs=0.03)


def test_true_readiness_is_job_related(big):
    r = big["true_readiness"]
    assert stats.spearmanr(r, big["performance_rating"]).statistic > 0.6
    assert stats.spearmanr(r, big["leave_adjusted_tenure"]).statistic > 0.25
    # Leave does not lower readiness: leave-takers are as ready as everyone else.
    leave = big["months_on_leave"] > 0
    assert abs(r[leave].mean() - r[~leave].mean()) < 0.1


# -- the stopped clock and the other circumstances ---------------------------------


def test_leave_adjusted_tenure_and_the_stopped_clock(big):
    adjusted, recorded, leave = big["leave_adjusted_tenure"], big["tenure_in_role"], big["months_on_leave"]
    assert (adjusted >= recorded).all()
    no_leave = leave == 0
    assert (adjusted[no_leave] == recorded[no_leave]).all()
    assert (adjusted[~no_leave] > recorded[~no_leave]).all()
    assert np.allclose(adjusted - recorded, leave / 12, atol=0.011)
    assert (recorded >= 0.25).all()  # at least 3 months in the role were worked


def test_leave_is_taken_mostly_by_women(big):
    took = big[big["months_on_leave"] > 0]
    assert (took["gender"] == "woman").mean() > 0.7
    by_gender = big.groupby("gender", observed=True)
    shortfall = by_gender["leave_adjusted_tenure"].mean() - by_gender["tenure_in_role"].mean()
    assert shortfall["woman"] > 0.2 > 0.05 > shortfall["man"]
    # Real time in role is the same for both groups; the recorded one is not.
    women, men = big["gender"] == "woman", big["gender"] == "man"
    assert stats.ks_2samp(big.loc[women, "leave_adjusted_tenure"], big.loc[men, "leave_adjusted_tenure"]).pvalue > 0.01
    assert stats.ks_2samp(big.loc[women, "tenure_in_role"], big.loc[men, "tenure_in_role"]).pvalue < 1e-6


def test_part_time_and_relocation_follow_caregiving(big):
    by_care = big.groupby("caregiver")[["part_time_history", "relocation_willingness"]].mean()
    assert by_care.loc[1, "part_time_history"] > 3 * by_care.loc[0, "part_time_history"]
    assert by_care.loc[1, "relocation_willingness"] < by_care.loc[0, "relocation_willingness"] - 0.2
    by_gender = big.groupby("gender", observed=True)[["part_time_history", "relocation_willingness"]].mean()
    assert by_gender.loc["woman", "part_time_history"] > 2 * by_gender.loc["man", "part_time_history"]
    assert by_gender.loc["woman", "relocation_willingness"] < by_gender.loc["man", "relocation_willingness"]


def test_managers_favour_men_at_equal_readiness(big):
    # Regress each managerial decision on readiness and gender: the gender term is the bias.
    X = np.column_stack([big["true_readiness"], (big["gender"] == "woman").astype(float)])
    projects = big["high_visibility_projects"]
    assert stats.spearmanr(big["true_readiness"], projects).statistic > 0.2
    nominated = LogisticRegression(penalty=None).fit(np.column_stack([X, projects]), big["manager_nomination"])
    assert nominated.coef_[0][1] == pytest.approx(PROMOTION_EFFECTS["nomination_woman"], abs=0.15)
    per_band = big.assign(band=pd.qcut(big["true_readiness"], 5)).groupby(["band", "gender"], observed=True)
    means = per_band["high_visibility_projects"].mean().unstack()
    assert (means["woman"] < means["man"]).all()


def test_no_manager_bias_without_gap():
    fair = make_promotions(n=20_000, seed=0, gap=0.0)
    means = fair.groupby("gender", observed=True)[["high_visibility_projects", "manager_nomination"]].mean()
    assert abs(means.loc["woman", "high_visibility_projects"] - means.loc["man", "high_visibility_projects"]) < 0.05
    assert abs(means.loc["woman", "manager_nomination"] - means.loc["man", "manager_nomination"]) < 0.02


# -- the historical label -----------------------------------------------------------


def test_historical_label_is_biased(df, big):
    for frame in (df, big):
        assert frame["historical_promoted"].mean() == pytest.approx(PROMOTION_RATE, abs=0.015)
        rates = frame.groupby("gender", observed=True)["historical_promoted"].mean()
        assert 0.55 <= rates["woman"] / rates["man"] <= 0.72
    # At equal ratings women were promoted less often (label bias, not a ratings gap).
    per_band = big.groupby(["performance_rating", "gender"], observed=True)["historical_promoted"].mean().unstack()
    for rating in (3, 4, 5):
        assert per_band.loc[rating, "woman"] < 0.85 * per_band.loc[rating, "man"], rating


def test_historical_label_fair_without_gap():
    fair = make_promotions(n=20_000, seed=0, gap=0.0)
    assert fair["historical_promoted"].mean() == pytest.approx(PROMOTION_RATE, abs=0.015)
    rates = fair.groupby("gender", observed=True)["historical_promoted"].mean()
    assert rates["woman"] / rates["man"] == pytest.approx(1.0, abs=0.07)


def test_direct_label_bias_recovered(big):
    # Given everything the committee saw, the gender coefficient is the direct penalty.
    cols = [
        "true_readiness",
        "high_visibility_projects",
        "manager_nomination",
        "part_time_history",
        "relocation_willingness",
    ]
    X = pd.concat(
        [
            big[cols],
            (big["months_on_leave"] / 12).rename("years_of_leave"),
            (big["level"] - 1).rename("level"),
            (big["gender"] == "woman").astype(float).rename("woman"),
            pd.get_dummies(big["department"], drop_first=True, dtype=float),
        ],
        axis=1,
    )
    fit = LogisticRegression(penalty=None, max_iter=2000).fit(X, big["historical_promoted"])
    coef = dict(zip(X.columns, fit.coef_[0]))
    assert coef["woman"] == pytest.approx(PROMOTION_EFFECTS["promotion_woman"], abs=0.15)
    assert coef["true_readiness"] == pytest.approx(PROMOTION_EFFECTS["promotion_per_readiness"], abs=0.15)
    assert coef["years_of_leave"] == pytest.approx(PROMOTION_EFFECTS["promotion_per_year_of_leave"], abs=0.25)


# -- the documented model -------------------------------------------------------------


def test_model_features_exclude_protected_and_ground_truth(df):
    assert set(MODEL_FEATURES) <= set(df.columns)
    assert not set(MODEL_FEATURES) & NOT_MODEL_INPUTS
    assert RECOMMEND_SHARE == 0.20


def test_model_impact_ratio_band_at_default_seed(model, held_out):
    recommended = _recommend(model, held_out)
    assert recommended.mean() == pytest.approx(RECOMMEND_SHARE, abs=0.005)
    ratio = _impact_ratio(recommended, held_out["gender"])
    assert 0.66 <= ratio <= 0.74, ratio


def test_model_gap_not_explained_by_ratings(model, held_out):
    recommended = pd.Series(_recommend(model, held_out))
    frame = pd.DataFrame({"rec": recommended, "gender": held_out["gender"], "rating": held_out["performance_rating"]})
    per_band = frame.groupby(["rating", "gender"], observed=True)["rec"].mean().unstack()
    for rating in (3, 4, 5):
        assert per_band.loc[rating, "woman"] < 0.9 * per_band.loc[rating, "man"], rating
    # Mantel-Haenszel common odds ratio over the rating bands (women vs men), well below 1.
    num = den = 0.0
    for _, band in frame.groupby("rating"):
        w, m = band[band["gender"] == "woman"]["rec"], band[band["gender"] == "man"]["rec"]
        total = len(band)
        num += w.sum() * (len(m) - m.sum()) / total
        den += m.sum() * (len(w) - w.sum()) / total
    assert num / den < 0.7


def test_gap_zero_gives_parity():
    assert _model_ir(0.0) > 0.93


def test_larger_gap_lower_impact_ratio():
    ratios = [_model_ir(gap) for gap in (0.0, 0.15, 0.3, 0.6, 0.9)]
    assert all(a > b for a, b in zip(ratios, ratios[1:])), ratios
    assert 0.66 <= _model_ir(0.3) <= 0.74


# -- the documented effects and pathways ----------------------------------------------


def test_constants_are_consistent():
    assert DEFAULT_GAP == 0.30
    assert set(BIASED_EFFECTS) <= set(PROMOTION_EFFECTS)
    assert set(GAP_PATHWAYS.values()) == set(BIASED_EFFECTS)
    assert list(GAP_DECOMPOSITION) == ["none", *GAP_PATHWAYS, "all"]
    graph_effects = [effect for _, _, effect, _ in CAUSAL_GRAPH if effect is not None]
    assert len(graph_effects) == len(set(graph_effects))
    non_intercepts = {k for k in PROMOTION_EFFECTS if not k.endswith("_intercept")}
    assert set(graph_effects) == non_intercepts
    columns = set(COLUMNS) | {"unobserved skill"}
    for cause, outcome, _, meaning in CAUSAL_GRAPH:
        assert outcome in columns, outcome
        assert {c.strip() for c in cause.split(",")} <= columns, cause
        assert meaning
    for name in BIASED_EFFECTS:
        # Every biased effect disadvantages women or the people who are mostly women.
        assert PROMOTION_EFFECTS[name] != 0
    model_ratios = [v["model"] for v in GAP_DECOMPOSITION.values()]
    assert all(0 < r <= 1.01 for r in model_ratios)


def test_removing_the_stopped_clock_repairs_tenure():
    repaired = promotions._generate(2000, 3, 0.3, frozenset({"stopped tenure clock"}))
    assert (repaired["tenure_in_role"] == repaired["leave_adjusted_tenure"]).all()
    assert (repaired["months_on_leave"] > 0).any()
    with pytest.raises(ValueError, match="unknown pathways"):
        promotions._generate(10, 0, 0.3, frozenset({"gender"}))


# At 40,000 rows the impact ratios have a standard error of about 0.02; 0.07 is 3.5 of them
# and still far smaller than the differences between the rows checked.
@pytest.mark.parametrize("removed", ["manager project allocation", "all"])
def test_gap_decomposition_reproducible(removed):
    off = frozenset(GAP_PATHWAYS) if removed == "all" else frozenset() if removed == "none" else frozenset({removed})
    train = promotions._generate(40_000, 201, DEFAULT_GAP, off)
    test = promotions._generate(40_000, 202, DEFAULT_GAP, off)
    expected = GAP_DECOMPOSITION[removed]
    historical = _impact_ratio(test["historical_promoted"], test["gender"])
    model = _impact_ratio(_recommend(_fit(train), test), test["gender"])
    assert historical == pytest.approx(expected["historical"], abs=0.07)
    assert model == pytest.approx(expected["model"], abs=0.07)


# -- arguments ---------------------------------------------------------------------


@pytest.mark.parametrize("gap", [-0.01, 0.91, 1, math.nan, math.inf, "0.3", None, True, [0.3]])
def test_bad_gap(gap):
    with pytest.raises(ValueError, match="gap must be"):
        make_promotions(n=10, gap=gap)


def test_gap_bounds_accepted():
    assert len(make_promotions(n=10, gap=0)) == len(make_promotions(n=10, gap=0.9)) == 10
