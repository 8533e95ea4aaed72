"""compare_mitigations with rankings, AUC, feature repairs, the added fairlearn/aif360 methods and
failing methods; and the promotion case's options (scenario 3)."""

import math

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.mitigation import (
    METHODS,
    GroupAwareModel,
    Method,
    SuccessCriterion,
    compare_mitigations,
    compare_predictions,
    feature_repair,
    top_share,
)
from hrfair_helpers.mitigation import compare as compare_module
from hrfair_helpers.mitigation.report import FLAG


def synthetic(n, seed):
    """A skill, a proxy of sex, a measurement the proxy distorts, and a label biased against F."""
    rng = np.random.default_rng(seed)
    sex = np.where(rng.random(n) < 0.5, "F", "M")
    male = (sex == "M").astype(float)
    skill = rng.normal(0, 1, n)
    proxy = male + rng.normal(0, 0.7, n)
    true_tenure = rng.gamma(2, 1.5, n)
    leave = np.where((sex == "F") & (rng.random(n) < 0.4), rng.uniform(0.5, 1.5, n), 0.0)
    X = pd.DataFrame(
        {
            "skill": skill,
            "proxy": proxy,
            "tenure": np.maximum(true_tenure - leave, 0.1),
            "tenure_fixed": true_tenure,
        }
    )
    y = (skill + 0.3 * true_tenure + 0.8 * male + rng.normal(0, 0.8, n) > 1.4).astype(int)
    return X, pd.Series(y, name="promoted"), pd.Series(sex, name="sex")


@pytest.fixture(scope="module")
def split():
    X, y, A = synthetic(3000, 0)
    Xt, yt, At = synthetic(2000, 1)
    return dict(X_train=X, y_train=y, groups_train=A, X_test=Xt, y_test=yt, groups_test=At)


def logistic(drop=()):
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import FunctionTransformer, StandardScaler

    keep = FunctionTransformer(lambda X: X.drop(columns=[c for c in ("tenure_fixed", *drop) if c in X]))
    return make_pipeline(keep, StandardScaler(), LogisticRegression())


RANKING = SuccessCriterion(max_difference=None, min_impact_ratio=0.9, performance="auc", max_performance_drop=0.01)


# --------------------------------------------------------------------------- top_share


def test_top_share_refuses_a_share_that_selects_nobody_or_everybody():
    with pytest.raises(ValueError, match="selects 0"):
        top_share(np.arange(10.0), 0.04)
    with pytest.raises(ValueError, match="selects 10"):
        top_share(np.arange(10.0), 0.99)
    assert top_share(np.arange(10.0), 0.25).sum() == 3  # 2.5 rounds up


def test_top_share_selects_exactly_the_share_and_breaks_ties_by_seed():
    score = np.repeat([0.9, 0.5, 0.1], 10)  # ties straddle the cut-off
    picked = top_share(score, 0.5)
    assert picked.sum() == 15 and picked[:10].all() and not picked[20:].any()
    assert np.array_equal(picked, top_share(score, 0.5))  # same seed, same draw
    draws = {tuple(top_share(score, 0.5, random_state=seed)[10:20]) for seed in range(5)}
    assert len(draws) > 1  # ties are broken at random, not by row order
    with pytest.raises(ValueError, match="missing values"):
        top_share([0.2, np.nan], 0.5)


# --------------------------------------------------------------------------- criterion without a difference


def test_criterion_on_impact_ratio_and_auc_only():
    assert RANKING.check({"lowest_impact_ratio": 0.9, "auc_drop": 0.01})
    assert not RANKING.check({"lowest_impact_ratio": 0.89, "auc_drop": 0.0})
    assert not RANKING.check({"lowest_impact_ratio": 0.95, "auc_drop": 0.011})
    assert not RANKING.check({"lowest_impact_ratio": 0.95, "auc_drop": float("nan")})
    assert RANKING.describe() == (
        "Success means AUC is at most 0.01 below the baseline model's and every group's impact ratio is at least 0.9."
    )
    with pytest.raises(ValueError, match="needs a fairness condition"):
        SuccessCriterion(max_difference=None)


# --------------------------------------------------------------------------- ranking comparison


@pytest.fixture(scope="module")
def ranked(split):
    methods = [
        "baseline",
        "unawareness",
        "reweighing",
        "correlation_remover",
        "calibrated_equalized_odds",
        "exponentiated_gradient_dp",
        "threshold_optimizer",
        feature_repair("fixed_tenure", "Tenure counts leave.", transform=lambda X: X.assign(tenure=X["tenure_fixed"])),
        feature_repair("no_proxy", "Drop the proxy.", drop=["proxy"]),
    ]
    return compare_mitigations(
        **split, make_estimator=logistic, methods=methods, criterion=RANKING, select_share=0.2, fit_sample=None
    )


def test_every_method_ranks_the_same_number_of_people(ranked, split):
    k = round(0.2 * len(split["y_test"]))
    for name, pred in ranked.predictions.items():
        assert pred.sum() == k, name
    assert (ranked.table["status"] == "ok").all()
    assert any("top 20%" in note for note in ranked.notes)


def test_auc_and_ranking_use_the_deployed_models_scores(ranked, split):
    from sklearn.metrics import roc_auc_score

    X_test, groups = split["X_test"], split["groups_test"]
    # The stored scores are the deployed models' own: recompute them from the models.
    expected = {
        "baseline": ranked.models["baseline"].predict_proba(X_test)[:, 1],
        "correlation_remover": ranked.models["correlation_remover"].predict_proba(X_test, sensitive_features=groups)[
            :, 1
        ],
        "no_proxy": ranked.models["no_proxy"].predict_proba(X_test)[:, 1],
    }
    for name, score in expected.items():
        np.testing.assert_allclose(ranked.scores[name], score)
        assert math.isclose(ranked.table.loc[name, "auc"], roc_auc_score(split["y_test"], score)), name
        top = np.argsort(-score, kind="stable")[: round(0.2 * len(score))]
        assert ranked.predictions[name][top].all()  # no ties here: the top scores are the ones selected


def test_exponentiated_gradient_ranks_by_a_continuous_mixture_score(ranked, split):
    score = ranked.scores["exponentiated_gradient_dp"]
    assert len(np.unique(score)) > 100  # not fairlearn's few-valued probability of a positive decision
    eg = ranked.models["exponentiated_gradient_dp"][-1]
    pmf = eg._pmf_predict(ranked.models["exponentiated_gradient_dp"][:-1].transform(split["X_test"]))[:, 1]
    # Who the mixture surely selects or rejects, its score ranks at the top or the bottom.
    assert score[pmf == 1].min() > score[pmf == 0].max() - 0.5
    assert score[pmf == 1].mean() > score[pmf == 0].mean()
    assert not any("distinct values" in note and "exponentiated" in note for note in ranked.notes)
    assert any("threshold_optimizer scores take only" in note for note in ranked.notes)


def test_methods_that_read_the_attribute_to_decide_are_flagged(ranked):
    flagged = set(ranked.table.index[ranked.table[FLAG]])
    assert flagged == {"correlation_remover", "calibrated_equalized_odds", "threshold_optimizer"}
    assert not set(ranked.winners) & flagged
    model = ranked.models["correlation_remover"]
    assert isinstance(model, GroupAwareModel)
    with pytest.raises(TypeError):
        model.predict_proba(pd.DataFrame())  # the group is a required argument


def test_repairs_fix_what_they_target(ranked, split):
    table = ranked.table
    # The stopped clock and the proxy both carry the gap, so each repair raises the impact ratio.
    assert table.loc["fixed_tenure", "lowest_impact_ratio"] > table.loc["baseline", "lowest_impact_ratio"]
    assert table.loc["no_proxy", "lowest_impact_ratio"] > table.loc["baseline", "lowest_impact_ratio"]
    # CorrelationRemover leaves the scores (almost) uncorrelated with sex.
    male = (split["groups_test"] == "M").to_numpy(dtype=float)
    corr = {m: abs(np.corrcoef(ranked.scores[m], male)[0, 1]) for m in ("baseline", "correlation_remover")}
    assert corr["correlation_remover"] < corr["baseline"] / 3


def test_calibrated_equalized_odds_matches_aif360_applied_by_hand(ranked, split):
    from aif360.sklearn.postprocessing import CalibratedEqualizedOdds
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    # Shared preprocessing, the final model on all training rows, the mixing rates on out-of-fold scores.
    pipeline = logistic(drop=("sex",))
    prep = pipeline[:-1].fit(split["X_train"], split["y_train"])
    Z = prep.transform(split["X_train"])
    final = pipeline[-1].fit(Z, split["y_train"])
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    p = cross_val_predict(logistic()[-1], Z, split["y_train"], cv=folds, method="predict_proba")[:, 1]
    index = pd.Index(split["groups_train"].to_numpy(dtype=object), name="group")
    post = CalibratedEqualizedOdds(prot_attr="group", cost_constraint="fnr", random_state=0)
    post.fit(
        pd.DataFrame(np.column_stack([1 - p, p]), index=index), pd.Series(split["y_train"].to_numpy(), index=index)
    )
    q = final.predict_proba(prep.transform(split["X_test"]))[:, 1]
    test_index = pd.Index(split["groups_test"].to_numpy(dtype=object), name="group")
    expected = post.predict_proba(pd.DataFrame(np.column_stack([1 - q, q]), index=test_index))[:, 1]
    np.testing.assert_allclose(ranked.scores["calibrated_equalized_odds"], expected)


def test_plot_uses_the_impact_ratio_axis_and_draws_the_pareto_front(ranked):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = ranked.plot()
    assert ax.get_xlabel().startswith("lowest impact ratio")
    assert ax.get_ylabel() == "AUC"
    front = ranked.pareto_front
    assert front and not set(front) & {"correlation_remover", "calibrated_equalized_odds", "threshold_optimizer"}
    fair = ranked.table.loc[front, "lowest_impact_ratio"].to_numpy()
    auc = ranked.table.loc[front, "auc"].to_numpy()
    assert (np.diff(fair) >= 0).all() and (np.diff(auc) <= 0).all()  # a trade-off curve
    assert fair[-1] > fair[0] and auc[-1] < auc[0]
    plt.close("all")


# --------------------------------------------------------------------------- failures are reported


def _boom(data):
    raise RuntimeError("solver exploded")


def test_a_failing_method_is_reported_in_the_table_not_raised(split):
    broken = Method("broken", "Always fails.", "None.", _boom, key="broken-test")
    report = compare_mitigations(
        **split,
        make_estimator=logistic,
        methods=["baseline", broken, "unawareness"],
        criterion=RANKING,
        select_share=0.2,
    )
    row = report.table.loc["broken"]
    assert row["status"] == "failed: RuntimeError: solver exploded"
    assert math.isnan(row["auc"]) and not row["meets_criterion"]
    assert report.failed == {"broken": "failed: RuntimeError: solver exploded"}
    assert "broken" not in report.predictions and "broken" not in report.winners
    assert report.table.loc["unawareness", "status"] == "ok"
    assert any("broken failed" in note for note in report.notes)
    assert "solver exploded" in repr(report)


def test_a_failing_baseline_stops_the_comparison_with_a_clear_message(split):
    def bad_factory(drop=()):
        from sklearn.linear_model import LogisticRegression

        return LogisticRegression(solver="not-a-solver")

    with pytest.raises(ValueError, match="the baseline failed, so nothing can be compared"):
        compare_mitigations(**split, make_estimator=bad_factory, methods=["baseline"])


def test_bad_repairs_fail_in_their_row(split):
    from sklearn.linear_model import LogisticRegression

    shrinks = feature_repair("shrinks", "Returns fewer rows.", transform=lambda X: X.head(3))
    report = compare_mitigations(**split, make_estimator=logistic, methods=["baseline", shrinks])
    assert "must return a DataFrame with the same rows" in report.failed["shrinks"]
    no_drop = feature_repair("no_drop", "Needs drop.", drop=["proxy"])
    report = compare_mitigations(**split, make_estimator=lambda: LogisticRegression(), methods=["baseline", no_drop])
    assert "make_estimator takes no drop argument" in report.failed["no_drop"]
    with pytest.raises(ValueError, match="transform must be a function"):
        feature_repair("x", "y", transform="tenure_fixed")


def test_select_share_and_scores_are_validated(split):
    for bad in (0, 1, 1.5, True, "0.2"):
        with pytest.raises(ValueError, match="select_share"):
            compare_mitigations(**split, make_estimator=logistic, select_share=bad)
    y, g = np.array([1, 0, 1, 0]), np.array(["a", "a", "b", "b"])
    with pytest.raises(ValueError, match="not in decisions"):
        compare_predictions({"baseline": y}, y, g, scores={"other": y})
    with pytest.raises(ValueError, match="rows"):
        compare_predictions({"baseline": y}, y, g, scores={"baseline": [0.1]})


# --------------------------------------------------------------------------- memo


def test_an_estimator_without_predict_proba_ranks_by_its_decision_function(split):
    from sklearn.svm import LinearSVC

    report = compare_mitigations(
        **split, make_estimator=lambda: LinearSVC(), methods=["baseline", "unawareness"], select_share=0.2
    )
    assert (report.table["status"] == "ok").all()
    np.testing.assert_allclose(report.scores["baseline"], report.models["baseline"].decision_function(split["X_test"]))


def test_the_memo_never_returns_a_stale_result(split):
    import dataclasses

    compare_module._MEMO.clear()
    scale = {"factor": 1.0}

    def rescaled(X):
        return X.assign(tenure=X["tenure"] * scale["factor"] + X["tenure_fixed"] * (1 - scale["factor"]))

    def run(method):
        return compare_mitigations(
            **split, make_estimator=logistic, methods=["baseline", method], criterion=RANKING, select_share=0.2
        )

    first = run(feature_repair("r", "first text", transform=rescaled))
    scale["factor"] = 0.0  # the transform now reads other values: a new result, not the memo's
    second = run(feature_repair("r", "second text", transform=rescaled))
    assert second.table.loc["r", "auc"] != first.table.loc["r", "auc"]
    assert second.methods["r"][0] == "second text"
    # A built-in method with its fit replaced is refitted, not served from the memo.
    changed = dataclasses.replace(METHODS["unawareness"], fit=METHODS["reweighing"].fit)
    plain = run("unawareness")
    swapped = run(changed)
    assert swapped.table.loc["unawareness", "auc"] != plain.table.loc["unawareness", "auc"]


def test_repairs_are_memoised_by_code_and_hand_made_methods_are_not(split):
    compare_module._MEMO.clear()
    same = [feature_repair("r", "d", transform=lambda X: X.assign(tenure=X["tenure_fixed"])) for _ in range(2)]
    assert same[0].key == same[1].key  # two closures with the same code
    other = feature_repair("r", "d", transform=lambda X: X.assign(tenure=X["tenure"] * 2))
    assert other.key != same[0].key
    for method in same:
        compare_mitigations(**split, make_estimator=logistic, methods=["baseline", method])
    assert len(compare_module._MEMO) == 1
    hand_made = Method("hand", "d", "n", METHODS["unawareness"].fit)
    compare_mitigations(**split, make_estimator=logistic, methods=["baseline", hand_made])
    assert len(compare_module._MEMO) == 1


# --------------------------------------------------------------------------- the promotion case


@pytest.fixture(scope="module")
def promotion():
    from hrfair_helpers.mitigation.promotion_options import promotion_data, promotion_options

    train, test = promotion_data()
    return promotion_options(train, test), test


def test_promotion_baseline_is_the_documented_model(promotion):
    report, _ = promotion
    table = report.table
    # make_promotions documents women 16.3%, men 23.2%, impact ratio 0.705 for this model and split.
    assert table.loc["baseline", "selection_rate[woman]"] == pytest.approx(0.163, abs=5e-4)
    assert table.loc["baseline", "selection_rate[man]"] == pytest.approx(0.232, abs=5e-4)
    assert table.loc["baseline", "lowest_impact_ratio"] == pytest.approx(0.705, abs=5e-4)


def test_promotion_options_tell_the_documented_story(promotion):
    report, test = promotion
    table = report.table
    assert (table["status"] == "ok").all()
    ratio = table["lowest_impact_ratio"]
    # The repaired clock alone barely moves the model (GAP_DECOMPOSITION: about 0.02 of the gap) ...
    assert abs(ratio["leave_adjusted_tenure"] - ratio["baseline"]) < 0.02
    # ... removing the non-job-related inputs helps, and the manager records carry most of the rest.
    assert ratio["baseline"] + 0.05 < ratio["job_related_inputs"] < 0.9 <= ratio["no_manager_records"]
    # Against the biased history no option meets the bar without reading gender ...
    assert report.winners == []
    # ... but against true readiness (known only in synthetic data) the fix without manager records does.
    ready = (test["true_readiness"] >= test["true_readiness"].quantile(0.8)).astype(int)
    flagged = [m for m in table.index if table.loc[m, FLAG]]
    truth = compare_predictions(
        report.predictions,
        ready,
        test["gender"],
        scores=report.scores,
        criterion=report.criterion,
        uses_protected_attribute=flagged,
    )
    assert "no_manager_records" in truth.winners
    assert truth.table.loc["no_manager_records", "auc"] > truth.table.loc["baseline", "auc"]


def test_tie_breaks_do_not_reuse_a_generator_seeded_with_the_same_integer():
    # The first uniform draws of default_rng(0) decided something about each row (here: a group);
    # tie-breaking with the same stream would select by that group.
    group = np.random.default_rng(0).random(10_000) < 0.5
    picked = top_share(np.zeros(10_000), 0.5, random_state=0).astype(bool)
    assert abs(picked[group].mean() - picked[~group].mean()) < 0.05
