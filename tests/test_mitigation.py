"""Tests for :mod:`hrfair_helpers.mitigation`.

The Adult tests fit once per module on a seeded subsample of 6,000 training rows (the
ExponentiatedGradient methods on 4,000 of them) and evaluate on the whole test split: predicting
is cheap, and on 3,000 test rows (about 110 women with income over 50K) the equal-opportunity
difference moves by several points between samples. Validation and the plain-estimator path use
small synthetic data.
"""

import math
import subprocess
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.markers import MarkerStyle  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402

from hrfair_helpers.datasets import load_adult  # noqa: E402
from hrfair_helpers.mitigation import (  # noqa: E402
    DEFAULT_METHODS,
    METHODS,
    SuccessCriterion,
    TradeoffReport,
    compare_mitigations,
    reweighing_weights,
)
from hrfair_helpers.mitigation import compare as compare_module  # noqa: E402
from hrfair_helpers.mitigation.methods import fit_with_weights  # noqa: E402
from hrfair_helpers.models import adult_features, make_adult_model  # noqa: E402

FLAG = "uses_protected_attribute_at_decision"
DIFFERENCES = [
    "demographic_parity_difference",
    "equal_opportunity_difference",
    "equalized_odds_difference",
    "predictive_parity_difference",
]


def make_logistic(drop=()):
    return make_adult_model("logistic", drop=drop)


@pytest.fixture(scope="module")
def adult():
    train = load_adult("train").sample(6000, random_state=1).reset_index(drop=True)
    test = load_adult("test")
    return {
        "X_train": adult_features(train),
        "y_train": train["income_over_50k"],
        "groups_train": train["sex"],
        "X_test": adult_features(test),
        "y_test": test["income_over_50k"],
        "groups_test": test["sex"],
    }


@pytest.fixture(scope="module")
def report(adult):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no UserWarning, FutureWarning, DeprecationWarning, ...
        return compare_mitigations(**adult, make_estimator=make_logistic, fit_sample=4000)


def synthetic(n=800, seed=0):
    """Two numeric features, a proxy of sex, and a label that depends on sex."""
    rng = np.random.default_rng(seed)
    sex = np.where(rng.random(n) < 0.5, "F", "M")
    male = (sex == "M").astype(float)
    proxy = male + rng.normal(0, 0.7, n)
    skill = rng.normal(0, 1, n)
    y = (skill + 0.8 * male + rng.normal(0, 0.8, n) > 0.6).astype(int)
    X = pd.DataFrame({"skill": skill, "proxy": proxy, "sex": male})
    return X, pd.Series(y, name="hired"), pd.Series(sex, name="sex")


def plain_logistic(drop=()):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression()


@pytest.fixture(scope="module")
def synthetic_split():
    X, y, A = synthetic(1600)
    tr, te = slice(0, 1000), slice(1000, None)
    reset = lambda obj: obj.iloc[te].reset_index(drop=True)  # noqa: E731
    return (X.iloc[tr], y.iloc[tr], A.iloc[tr], reset(X), reset(y), reset(A))


# --------------------------------------------------------------------------- criterion


def test_criterion_is_frozen_and_described_in_one_sentence():
    c = SuccessCriterion()
    assert (c.metric, c.max_difference, c.max_performance_drop, c.performance) == (
        "equal_opportunity",
        0.05,
        0.02,
        "balanced_accuracy",
    )
    assert c.min_impact_ratio is None
    with pytest.raises(AttributeError):
        c.max_difference = 0.5
    text = c.describe()
    assert "equal opportunity" in text and "0.05" in text and "0.02" in text and text.endswith(".")
    assert c.column == "equal_opportunity_difference"


def test_criterion_check_on_a_hand_made_table():
    c = SuccessCriterion("equalized_odds", max_difference=0.05, max_performance_drop=0.02)
    table = pd.DataFrame(
        {
            "equalized_odds_difference": [0.10, 0.05, 0.049, 0.01, 0.01, float("nan"), 0.0],
            "balanced_accuracy_drop": [0.0, 0.02, 0.021, -0.03, 0.8 - 0.78, 0.0, float("nan")],
        },
        index=[
            "too unfair",
            "both at limit",
            "too costly",
            "better than baseline",
            "float noise",
            "nan diff",
            "nan drop",
        ],
    )
    got = {name: c.check(row) for name, row in table.iterrows()}
    assert got == {
        "too unfair": False,
        "both at limit": True,  # "at most" includes the limit
        "too costly": False,
        "better than baseline": True,
        "float noise": True,  # 0.8 - 0.78 = 0.020000000000000018 still counts as 0.02
        "nan diff": False,
        "nan drop": False,
    }
    assert all(isinstance(v, bool) for v in got.values())
    # The drop can also be computed from a reference balanced accuracy.
    row = {"equalized_odds_difference": 0.03, "balanced_accuracy": 0.74}
    assert c.check(row, baseline_performance=0.75) is True
    assert c.check(row, baseline_performance=0.77) is False
    with pytest.raises(ValueError, match="balanced_accuracy_drop"):
        c.check({"equalized_odds_difference": 0.0})


@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"metric": "accuracy_parity"}, "demographic_parity.*equal_opportunity"),
        ({"max_difference": -0.1}, "max_difference"),
        ({"max_performance_drop": 2}, "max_performance_drop"),
        ({"max_difference": "0.05"}, "max_difference"),
    ],
)
def test_criterion_rejects_bad_values(kwargs, match):
    with pytest.raises(ValueError, match=match):
        SuccessCriterion(**kwargs)


# --------------------------------------------------------------------------- reweighing


def test_reweighing_weights_equal_the_closed_form():
    X, y, A = synthetic(2000, seed=3)
    weights = reweighing_weights(y, A)
    frame = pd.DataFrame({"a": A, "y": y})
    p_a = frame["a"].map(frame["a"].value_counts(normalize=True))
    p_y = frame["y"].map(frame["y"].value_counts(normalize=True))
    p_ay = frame.groupby(["a", "y"])["a"].transform("size") / len(frame)
    np.testing.assert_allclose(weights, p_a * p_y / p_ay, rtol=1e-12)
    # Weighted, label and group are independent: P_w(Y=1 | A=a) is the same for every group.
    weighted = frame.assign(w=weights, wy=weights * frame["y"]).groupby("a")[["w", "wy"]].sum()
    rates = weighted["wy"] / weighted["w"]
    assert rates.max() - rates.min() < 1e-12


def test_reweighing_weights_on_adult_sample_equal_the_closed_form(adult):
    y, A = adult["y_train"], adult["groups_train"].astype(str)
    weights = reweighing_weights(y, A)
    n = len(y)
    expected = np.empty(n)
    for a in A.unique():
        for label in (0, 1):
            cell = (A == a).to_numpy() & (y == label).to_numpy()
            expected[cell] = (A == a).mean() * (y == label).mean() / (cell.sum() / n)
    np.testing.assert_allclose(weights, expected, rtol=1e-12)
    assert len(np.unique(weights.round(12))) == 4


def test_weights_reach_the_final_step_of_a_pipeline_and_a_plain_estimator(adult):
    from sklearn.linear_model import LogisticRegression

    X, y = adult["X_train"].iloc[:1500], adult["y_train"].iloc[:1500]
    w = reweighing_weights(y, adult["groups_train"].iloc[:1500])
    piped = fit_with_weights(make_logistic(), X, y, w)
    by_hand = make_logistic().fit(X, y, classify__sample_weight=w)
    unweighted = make_logistic().fit(X, y)
    np.testing.assert_allclose(piped[-1].coef_, by_hand[-1].coef_)
    assert not np.allclose(piped[-1].coef_, unweighted[-1].coef_)
    Z = X[["age", "education_num", "hours_per_week"]]
    plain = fit_with_weights(LogisticRegression(), Z, y, w)
    np.testing.assert_allclose(plain.coef_, LogisticRegression().fit(Z, y, sample_weight=w).coef_)


# --------------------------------------------------------------------------- comparison on Adult


def test_every_method_runs_and_returns_sensible_values(report, adult):
    table = report.table
    assert list(table.index) == list(DEFAULT_METHODS)
    assert table.index.name == "method"
    expected_columns = (
        [
            "accuracy",
            "balanced_accuracy",
            "precision",
            "auc",
            "balanced_accuracy_drop",
            "selection_rate",
            "selection_rate[Female]",
            "selection_rate[Male]",
        ]
        + DIFFERENCES
        + ["lowest_impact_ratio", FLAG, "meets_criterion", "status"]
    )
    assert list(table.columns) == expected_columns
    assert (table["status"] == "ok").all() and report.failed == {}
    assert not any("time" in c for c in table.columns)  # no wall-clock output
    numeric = table[expected_columns[:4] + expected_columns[5:-3]]  # every rate; the drop may be negative
    assert numeric.notna().all().all()
    assert ((numeric >= 0) & (numeric <= 1)).all().all()
    assert (table["accuracy"] > 0.75).all() and (table["balanced_accuracy"] > 0.65).all()
    assert table.loc["baseline", "balanced_accuracy_drop"] == 0
    for name, pred in report.predictions.items():
        assert pred.shape == (len(adult["y_test"]),) and set(np.unique(pred)) <= {0, 1}
        rate = pred[(adult["groups_test"] == "Female").to_numpy()].mean()
        assert math.isclose(rate, table.loc[name, "selection_rate[Female]"])
    # The table's disparities come from the audit engine on the stored predictions.
    from hrfair_helpers.audit import adverse_impact, group_metrics

    pred = report.predictions["reweighing"]
    engine = group_metrics(adult["y_test"], pred, adult["groups_test"].astype(str)).disparities["difference"]
    for name in ("equal_opportunity", "demographic_parity"):
        assert math.isclose(table.loc["reweighing", f"{name}_difference"], engine[name])
    ratio = adverse_impact(pred, adult["groups_test"].astype(str)).lowest_impact_ratio
    assert math.isclose(table.loc["reweighing", "lowest_impact_ratio"], ratio)


def test_meets_criterion_column_follows_the_criterion(report):
    table = report.table
    assert table["meets_criterion"].dtype == bool and table[FLAG].dtype == bool
    baseline = table.loc["baseline", "balanced_accuracy"]
    for _, row in table.iterrows():
        assert row["meets_criterion"] == report.criterion.check(row)
        assert row["meets_criterion"] == report.criterion.check(row, baseline_performance=baseline)


def test_unawareness_model_never_saw_the_sensitive_column(report, adult):
    model = report.models["unawareness"]
    assert "sex" not in model.feature_names_in_
    assert "sex" in report.models["baseline"].feature_names_in_
    blind_X = adult["X_test"].drop(columns=["sex"])
    np.testing.assert_array_equal(
        (model.predict_proba(blind_X)[:, 1] >= 0.5).astype(int), report.predictions["unawareness"]
    )
    for name in ("reweighing", "exponentiated_gradient_tpr", "exponentiated_gradient_eo", "threshold_optimizer"):
        assert "sex" not in report.models[name].feature_names_in_, name


def test_protected_attribute_flags_and_winners(report):
    flags = report.table[FLAG]
    # Group-specific thresholds need sex at decision time; the vendor's baseline reads sex as a feature.
    assert flags["threshold_optimizer"] and flags["baseline"]
    assert not flags[["unawareness", "reweighing", "exponentiated_gradient_tpr", "exponentiated_gradient_eo"]].any()
    assert "threshold_optimizer" not in report.winners and "baseline" not in report.winners
    table = report.table
    expected = set(table.index[table["meets_criterion"] & ~table[FLAG]])
    assert set(report.winners) == expected
    accuracies = table.loc[report.winners, "balanced_accuracy"].tolist()
    assert accuracies == sorted(accuracies, reverse=True)
    assert "2000e-2(l)" in report.methods["threshold_optimizer"][1]
    assert "during training only" in report.methods["exponentiated_gradient_tpr"][1]


def test_threshold_optimizer_optimizes_accuracy_like_the_other_methods(report, adult):
    # Baseline, unawareness and reweighing cut at 0.5 (about accuracy-optimal); tuning the
    # threshold optimizer for balanced accuracy instead would not be a like-for-like comparison.
    mitigator = report.models["threshold_optimizer"].named_steps["mitigate"]
    assert mitigator.objective == "accuracy_score"
    assert mitigator.constraints == "true_positive_rate_parity"
    description, _ = report.methods["threshold_optimizer"]
    assert "maximizing accuracy" in description and "balanced" not in description


def test_legal_notes_cite_the_statute_and_the_date():
    bases = "race, color, religion, sex or national origin"
    for name, method in METHODS.items():
        _, legal = method.text("sex")
        assert "(as of November 2026)" in legal, name
        assert "U.S.C. §2000e-2(" in legal, name
    for name in ("reweighing", "exponentiated_gradient_tpr", "exponentiated_gradient_eo", "threshold_optimizer"):
        _, legal = METHODS[name].text("sex")
        assert "42 U.S.C. §2000e-2(l)" in legal and bases in legal, name


def test_winners_exclude_flagged_methods_even_when_they_meet_the_criterion():
    table = pd.DataFrame(
        {
            "balanced_accuracy": [0.80, 0.79, 0.81, 0.70],
            "meets_criterion": [False, True, True, True],
            FLAG: [True, False, True, False],
        },
        index=pd.Index(["baseline", "a", "threshold_optimizer", "b"], name="method"),
    )
    rep = TradeoffReport(table=table, criterion=SuccessCriterion(), predictions={})
    assert rep.winners == ["a", "b"]


def test_exponentiated_gradient_tpr_reduces_the_equal_opportunity_difference(report):
    eo = report.table["equal_opportunity_difference"]
    assert eo["exponentiated_gradient_tpr"] < eo["baseline"] - 0.02
    assert (
        report.table.loc["exponentiated_gradient_eo", "equalized_odds_difference"]
        < report.table.loc["baseline", "equalized_odds_difference"]
    )


def test_report_renders_text_html_and_frame(report):
    text, page = repr(report), report._repr_html_()
    sentence = report.criterion.describe()
    for out in (text, page.replace("&#x27;", "'")):
        assert sentence in out
        assert "2000e-2(l)" in out and "proxies" in out
        assert "subsample" in out  # fit_sample note
    assert "<table" in page
    frame = report.to_frame()
    pd.testing.assert_frame_equal(frame, report.table)
    frame.iloc[0, 0] = -1
    assert report.table.iloc[0, 0] != -1


def test_tradeoff_plot_axes_region_and_markers(report):
    fig, ax = plt.subplots()
    assert report.plot(ax=ax) is ax
    crit, table = report.criterion, report.table
    assert "equal opportunity difference" in ax.get_xlabel()
    assert ax.get_ylabel() == "balanced accuracy"
    boxes = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_label() == "meets the criterion"]
    assert len(boxes) == 1
    floor = table.loc["baseline", "balanced_accuracy"] - crit.max_performance_drop
    assert boxes[0].get_x() == 0 and math.isclose(boxes[0].get_width(), crit.max_difference)
    assert math.isclose(boxes[0].get_y(), floor)
    points = {c.get_label(): c for c in ax.collections}
    flagged = points["uses sex at decision time (legally flagged)"]
    usable = points["does not use sex to decide"]
    expected = table.loc[table[FLAG], [crit.column, "balanced_accuracy"]].to_numpy()
    np.testing.assert_allclose(flagged.get_offsets(), expected)
    assert len(usable.get_offsets()) == (~table[FLAG]).sum()

    def marker_vertices(marker):
        style = MarkerStyle(marker)
        return style.get_path().transformed(style.get_transform()).vertices

    assert np.allclose(flagged.get_paths()[0].vertices, marker_vertices("X"))
    assert np.allclose(usable.get_paths()[0].vertices, marker_vertices("o"))
    assert {t.get_text() for t in ax.texts} == set(table.index)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "meets the criterion" in legend
    plt.close(fig)


def test_same_inputs_and_seed_give_an_identical_table(adult):
    small = {k: v.iloc[:2500] if "train" in k else v.iloc[:3000] for k, v in adult.items()}
    methods = ["exponentiated_gradient_tpr", "threshold_optimizer"]
    run = lambda seed: compare_mitigations(  # noqa: E731
        **small, make_estimator=make_logistic, methods=methods, random_state=seed, fit_sample=2000
    )
    first = run(0)
    compare_module._MEMO.clear()  # refit: a memo hit would make this check trivially true
    second = run(0)
    pd.testing.assert_frame_equal(first.table, second.table, check_exact=True)
    for name in first.predictions:
        np.testing.assert_array_equal(first.predictions[name], second.predictions[name])
    assert list(first.table.index) == ["baseline"] + methods  # the baseline is always run, first


# --------------------------------------------------------------------------- other inputs


def test_plain_estimator_and_synthetic_data(synthetic_split, capfd):
    rep = compare_mitigations(*synthetic_split, make_estimator=plain_logistic, methods=["unawareness", "reweighing"])
    assert list(rep.table.index) == ["baseline", "unawareness", "reweighing"]
    assert "sex" not in rep.models["unawareness"].feature_names_in_
    assert list(rep.models["reweighing"].feature_names_in_) == ["skill", "proxy"]
    assert rep.table.loc["baseline", FLAG] and not rep.table.loc["unawareness", FLAG]
    assert list(rep.table.filter(like="selection_rate[").columns) == ["selection_rate[F]", "selection_rate[M]"]
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_factory_without_drop_parameter_fits_blind_methods_without_the_column(synthetic_split, capfd):
    from sklearn.linear_model import LogisticRegression

    rep = compare_mitigations(
        *synthetic_split, make_estimator=lambda: LogisticRegression(), methods=list(DEFAULT_METHODS)
    )
    assert list(rep.table.index) == list(DEFAULT_METHODS)
    assert list(rep.models["baseline"].feature_names_in_) == ["skill", "proxy", "sex"]
    for name in ("unawareness", "reweighing"):
        assert list(rep.models[name].feature_names_in_) == ["skill", "proxy"], name
    assert "sex" not in rep.models["threshold_optimizer"].estimator_.feature_names_in_
    # Same results as a factory that takes drop but ignores it: the column is removed from X either way.
    with_drop = compare_mitigations(*synthetic_split, make_estimator=plain_logistic, methods=list(DEFAULT_METHODS))
    pd.testing.assert_frame_equal(rep.table, with_drop.table)
    out, err = capfd.readouterr()
    assert out == "" and err == ""


def test_factory_returning_a_non_estimator_is_refused_with_a_clear_message(synthetic_split):
    with pytest.raises(ValueError, match="make_estimator must return an unfitted scikit-learn estimator"):
        compare_mitigations(*synthetic_split, make_estimator=lambda: "LogisticRegression")


def test_mitigation_import_is_light():
    code = (
        "import sys, hrfair_helpers.mitigation;"
        "print(','.join(m for m in ('sklearn', 'fairlearn', 'aif360', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def _bad(split, **changes):
    X_tr, y_tr, A_tr, X_te, y_te, A_te = split
    args = dict(X_train=X_tr, y_train=y_tr, groups_train=A_tr, X_test=X_te, y_test=y_te, groups_test=A_te)
    kwargs = {"make_estimator": plain_logistic}
    for key, value in changes.items():
        (args if key in args else kwargs)[key] = value
    return compare_mitigations(**args, **kwargs)


@pytest.mark.parametrize(
    "changes, match",
    [
        ({"methods": ["baseline", "adversarial"]}, r"unknown method 'adversarial'.*reweighing.*threshold_optimizer"),
        ({"methods": ["reweighing", "reweighing"]}, "more than once"),
        ({"y_train": "length"}, "different lengths"),
        ({"groups_test": "length"}, "different lengths"),
        ({"y_train": "scores"}, "binary"),
        ({"y_train": "one class"}, "only one class"),
        ({"groups_train": "one group"}, "single group"),
        ({"groups_train": "unnamed"}, "named after the sensitive column"),
        ({"groups_train": "array"}, "pandas Series"),
        ({"groups_test": "unseen"}, "never seen in training"),
        ({"X_train": "array"}, "DataFrame"),
        ({"criterion": "equal_opportunity"}, "SuccessCriterion"),
        ({"threshold": 1.5}, "threshold"),
        ({"fit_sample": 10}, "fit_sample"),
        ({"make_estimator": "LogisticRegression"}, "make_estimator"),
    ],
)
def test_bad_inputs_raise_helpful_errors(synthetic_split, changes, match):
    X_tr, y_tr, A_tr, X_te, y_te, A_te = synthetic_split
    special = {
        ("y_train", "length"): y_tr.iloc[:-1],
        ("groups_test", "length"): A_te.iloc[:-1],
        ("y_train", "scores"): y_tr * 0.7,
        ("y_train", "one class"): y_tr * 0,
        ("groups_train", "one group"): pd.Series("F", index=A_tr.index, name="sex"),
        ("groups_train", "unnamed"): A_tr.rename(None),
        ("groups_train", "array"): A_tr.to_numpy(),
        ("groups_test", "unseen"): A_te.where(A_te == "F", "X"),
        ("X_train", "array"): X_tr.to_numpy(),
    }
    changes = {k: special.get((k, v), v) if isinstance(v, str) else v for k, v in changes.items()}
    with pytest.raises(ValueError, match=match):
        _bad(synthetic_split, **changes)


def test_unknown_criterion_metric_is_refused_before_fitting():
    with pytest.raises(ValueError, match="unknown criterion metric 'accuracy'"):
        SuccessCriterion(metric="accuracy")


def test_registry_entries_have_name_description_and_legal_note():
    assert list(DEFAULT_METHODS) == [
        "baseline",
        "unawareness",
        "reweighing",
        "exponentiated_gradient_tpr",
        "exponentiated_gradient_eo",
        "threshold_optimizer",
    ]
    assert list(METHODS) == list(DEFAULT_METHODS) + [
        "exponentiated_gradient_dp",
        "correlation_remover",
        "calibrated_equalized_odds",
    ]
    for name, method in METHODS.items():
        assert method.name == name == method.key
        description, legal = method.text("sex")
        assert description and legal and "{" not in description + legal
        # Every method that reads the attribute to decide cites the ban on adjusted scores.
        assert method.attribute_at_decision == ("Uses sex for every decision" in legal)


def test_repeat_with_same_inputs_returns_an_equal_independent_copy(synthetic_split):
    args = dict(zip(["X_train", "y_train", "groups_train", "X_test", "y_test", "groups_test"], synthetic_split))
    run = lambda: compare_mitigations(**args, make_estimator=plain_logistic, methods=["baseline", "unawareness"])  # noqa: E731
    first, second = run(), run()
    pd.testing.assert_frame_equal(first.table, second.table)
    second.table.loc["baseline", "accuracy"] = -1.0
    second.predictions["baseline"][:] = 0
    third = run()
    pd.testing.assert_frame_equal(first.table, third.table)
    np.testing.assert_array_equal(first.predictions["baseline"], third.predictions["baseline"])
    # A different setting is a different experiment, not a cache hit.
    other = compare_mitigations(
        **args, make_estimator=plain_logistic, methods=["baseline", "unawareness"], threshold=0.3
    )
    assert not other.table.equals(first.table)


# --------------------------------------------------------------------------- compare_predictions


def test_criterion_with_impact_ratio_floor_and_precision():
    c = SuccessCriterion(performance="precision", max_performance_drop=0.02, min_impact_ratio=0.9)
    assert c.drop_column == "precision_drop"
    row = {"equal_opportunity_difference": 0.01, "precision_drop": 0.01, "lowest_impact_ratio": 0.9}
    assert c.check(row)
    assert not c.check({**row, "lowest_impact_ratio": 0.89})
    assert not c.check({**row, "precision_drop": 0.03})
    assert "impact ratio is at least 0.9" in c.describe()
    with pytest.raises(ValueError, match="lowest_impact_ratio"):
        c.check({"equal_opportunity_difference": 0.01, "precision_drop": 0.0})
    with pytest.raises(ValueError, match="performance"):
        SuccessCriterion(performance="f1")
    with pytest.raises(ValueError, match="min_impact_ratio"):
        SuccessCriterion(min_impact_ratio=1.5)


def test_compare_predictions_hand_computed():
    from hrfair_helpers.mitigation import compare_predictions

    y = np.array([1, 1, 0, 0, 1, 1, 0, 0])
    g = pd.Series(["F"] * 4 + ["M"] * 4, name="gender")
    decisions = {
        "baseline": np.array([0, 1, 0, 0, 1, 1, 0, 0]),  # TPR F 0.5, M 1.0; precision 1.0
        "perfect": y.copy(),
        "group_thresholds": y.copy(),
        "everyone": np.ones(8, dtype=int),  # precision 0.5: drops 0.5
    }
    report = compare_predictions(
        decisions,
        y,
        g,
        criterion=SuccessCriterion(performance="precision", min_impact_ratio=0.9),
        uses_protected_attribute=["group_thresholds"],
        descriptions={"perfect": "an oracle"},
    )
    table = report.table
    assert list(table.index) == ["baseline", "perfect", "group_thresholds", "everyone"]
    assert table.loc["baseline", "equal_opportunity_difference"] == pytest.approx(0.5)
    assert table.loc["baseline", "lowest_impact_ratio"] == pytest.approx(0.5)
    assert table.loc["everyone", "precision_drop"] == pytest.approx(0.5)
    assert list(table["meets_criterion"]) == [False, True, True, False]
    assert report.winners == ["perfect"]  # group_thresholds meets it but is legally flagged
    assert report.attribute == "gender"
    assert "an oracle" in repr(report)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = report.plot()
    assert ax.get_ylabel() == "precision"
    plt.close("all")


def test_compare_predictions_bad_input():
    from hrfair_helpers.mitigation import compare_predictions

    y, g = np.array([1, 0, 1, 0]), np.array(["F", "F", "M", "M"])
    with pytest.raises(ValueError, match="baseline"):
        compare_predictions({"other": y}, y, g)
    with pytest.raises(ValueError, match="rows"):
        compare_predictions({"baseline": y[:3]}, y, g)
    with pytest.raises(ValueError, match="binary"):
        compare_predictions({"baseline": np.array([0, 2, 1, 0])}, y, g)
    with pytest.raises(ValueError, match="single group"):
        compare_predictions({"baseline": y}, y, np.array(["F"] * 4))
    with pytest.raises(ValueError, match="not in decisions"):
        compare_predictions({"baseline": y}, y, g, uses_protected_attribute=["ghost"])


def test_fairlearn_names_of_the_group_arguments_warn_and_still_work(synthetic_split):
    X_tr, y_tr, g_tr, X_te, y_te, g_te = synthetic_split
    args = dict(
        X_train=X_tr, y_train=y_tr, X_test=X_te, y_test=y_te, make_estimator=plain_logistic, methods=["baseline"]
    )
    new = compare_mitigations(groups_train=g_tr, groups_test=g_te, **args)
    with pytest.warns(FutureWarning, match=r"compare_mitigations\(A_train=..., A_test=...\) are renamed"):
        old = compare_mitigations(A_train=g_tr, A_test=g_te, **args)
    pd.testing.assert_frame_equal(old.table, new.table)
