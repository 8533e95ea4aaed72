"""The mitigation methods :func:`compare_mitigations` can run, one small fit function each.

Every method except ``baseline`` starts from the same sensitive-attribute-blind model
(``make_estimator(drop=(attribute,))``, or ``make_estimator()`` when the factory takes no
``drop``, fitted without the attribute column), so differences between rows of the comparison
come from the mitigation itself, and the deployed model reads the attribute only when the
method needs it to decide (the threshold optimizer).

``description`` and ``legal_note`` are templates: ``{attribute}`` becomes the name of the
sensitive column (``groups_train.name``). The legal notes are teaching summaries, not legal advice.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..quiet import import_aif360
from ._data import accepts_drop, build_estimator, describe_value, predict_with_threshold

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .._utils.typing import ColumnNames
    from ._data import TrainingData


@dataclass(frozen=True)
class Fitted:
    """A fitted method: the deployable ``model``, its 0/1 decisions and, when it has one, its score.

    ``score`` is what a ranking reads (``select_share``) and what the AUC is computed from: the
    predicted probability, or for the randomized fairlearn methods the probability that their
    randomized decision is positive. None when the method only makes decisions.
    """

    model: object
    predict: Callable[..., np.ndarray]  # (X_test, groups_test, random_state) -> ndarray of 0/1
    score: Callable[..., np.ndarray] | None = None  # (X_test, groups_test, random_state) -> ndarray of floats


@dataclass(frozen=True)
class GroupAwareModel:
    """A deployable model that needs each person's group to score them.

    Wraps the fitted parts of a method that reads the sensitive attribute at decision time
    (correlation removal, aif360's calibrated equalized odds), so that the report's ``models``
    hold something callable: ``predict_proba(X, sensitive_features=...)`` and ``predict``.

    Calibrated equalized odds is randomized: aif360 replaces a random share of scores, drawing
    group by group with a fixed seed, so a person's score can differ between batches of
    different composition. Score the whole population in one call.
    """

    score_fn: Callable[[Any, np.ndarray], ArrayLike]  # (X, groups) -> ndarray of P(y = 1)
    threshold: float = 0.5

    def predict_proba(self, X: pd.DataFrame, *, sensitive_features: ArrayLike) -> np.ndarray:
        p = np.asarray(self.score_fn(X, np.asarray(sensitive_features, dtype=object)), dtype=float)
        return np.column_stack([1 - p, p])

    def predict(self, X: pd.DataFrame, *, sensitive_features: ArrayLike) -> np.ndarray:
        return (self.predict_proba(X, sensitive_features=sensitive_features)[:, 1] >= self.threshold).astype(np.int8)


@dataclass(frozen=True)
class Method:
    """One mitigation method.

    Attributes
    ----------
    name : str
    description : str
        One line; ``{attribute}`` is replaced by the sensitive column's name.
    legal_note : str
        One or two sentences on the method's legal exposure in US employment.
    fit : callable
        ``fit(data: TrainingData) -> Fitted``.
    blind : bool
        True when the deployed model is fitted without the sensitive column.
    attribute_at_decision : bool
        True when the method needs the sensitive attribute to make each decision.
    key : str or None
        Identifies what the method does, for the comparison's memo: the name for the built-in
        methods, a digest of the code for :func:`feature_repair`. None (a hand-made method)
        means the comparison is always refitted. A copy of a built-in method with another
        ``fit`` (``dataclasses.replace``) is never memoised; set ``key=None`` when changing
        the ``fit`` of any other method.
    """

    name: str
    description: str
    legal_note: str
    fit: Callable[[TrainingData], Fitted]
    blind: bool = True
    attribute_at_decision: bool = False
    key: str | None = None

    def text(self, attribute: str) -> tuple[str, str]:
        """(description, legal note) with the sensitive column's name filled in."""
        return self.description.format(attribute=attribute), self.legal_note.format(attribute=attribute)


def reweighing_weights(y: ArrayLike, groups: ArrayLike) -> np.ndarray:
    """Kamiran–Calders reweighing weights w(a, y) = P(A=a) P(Y=y) / P(A=a, Y=y), from aif360.

    ``aif360.sklearn.preprocessing.Reweighing`` reads the protected attribute from an index
    level of ``X``; it only needs the groups and labels, so a one-column placeholder frame indexed
    by the groups is enough (works with scikit-learn 1.7).

    Examples
    --------
    >>> reweighing_weights([1, 0, 0, 0], ["a", "a", "b", "b"]).tolist()
    [0.5, 1.5, 0.75, 0.75]
    """
    preprocessing = import_aif360("aif360.sklearn.preprocessing")
    y = np.asarray(y)
    index = pd.Index(np.asarray(groups, dtype=object), name="group")
    placeholder = pd.DataFrame({"placeholder": np.zeros(len(y))}, index=index)
    _, weights = preprocessing.Reweighing(prot_attr="group").fit_transform(placeholder, y)
    return np.asarray(weights, dtype=float)


def fit_with_weights(estimator, X, y, sample_weight):
    """Fit with sample weights, for a plain estimator or a Pipeline.

    A Pipeline does not accept ``sample_weight``: it must be routed to the final step as
    ``<step name>__sample_weight`` (``classify__sample_weight`` for ``make_adult_model``).
    """
    from sklearn.pipeline import Pipeline

    if isinstance(estimator, Pipeline):
        return estimator.fit(X, y, **{f"{estimator.steps[-1][0]}__sample_weight": sample_weight})
    return estimator.fit(X, y, sample_weight=sample_weight)


# --------------------------------------------------------------------------- fit functions


def _probability(model, X):
    """The score a ranking reads: P(y = 1), else the decision function; None for neither."""
    if hasattr(model, "predict_proba"):
        return np.asarray(model.predict_proba(X))[:, 1]
    if hasattr(model, "decision_function"):
        return np.asarray(model.decision_function(X), dtype=float).ravel()
    return None


def _fit_baseline(data):
    model = data.new_estimator(blind=False).fit(data.X, data.y)
    return Fitted(
        model,
        lambda X, groups, rs: predict_with_threshold(model, X, data.threshold),
        lambda X, groups, rs: _probability(model, X),
    )


def _fit_blind(data, sample_weight=None):
    from sklearn.base import clone

    _, final, _, Z = data.blind_parts
    final = clone(final)
    if sample_weight is None:
        final.fit(Z, data.y)
    else:
        fit_with_weights(final, Z, data.y, sample_weight)
    model = data.deployed(final)
    return Fitted(
        model,
        lambda X, groups, rs: predict_with_threshold(model, data.blind(X), data.threshold),
        lambda X, groups, rs: _probability(model, data.blind(X)),
    )


def _fit_unawareness(data):
    return _fit_blind(data)


def _fit_reweighing(data):
    return _fit_blind(data, sample_weight=reweighing_weights(data.y, data.groups))


def _exponentiated_gradient(constraint_name):
    def fit(data):
        from sklearn.base import clone

        reductions = importlib.import_module("fairlearn.reductions")
        _, final, _, Z = data.blind_parts
        rows = data.in_processing_rows
        Z_fit = Z.iloc[rows] if isinstance(Z, pd.DataFrame) else Z[rows]
        mitigator = reductions.ExponentiatedGradient(
            clone(final),
            constraints=getattr(reductions, constraint_name)(),
            eps=data.eg_eps,
            max_iter=data.eg_max_iter,
        )
        # The sensitive feature is passed at fit only; predict does not take it.
        mitigator.fit(Z_fit, data.y[rows], sensitive_features=data.groups[rows])
        model = data.deployed(mitigator, "mitigate")
        # ExponentiatedGradient returns a randomized classifier: seed its draws.
        return Fitted(
            model,
            lambda X, groups, rs: np.asarray(model.predict(data.blind(X), random_state=rs)),
            lambda X, groups, rs: _mixture_score(model, data.blind(X)),
        )

    return fit


def _fit_threshold_optimizer(data):
    from fairlearn.postprocessing import ThresholdOptimizer
    from sklearn.base import clone

    _, final, _, Z = data.blind_parts
    mitigator = ThresholdOptimizer(
        estimator=clone(final),
        constraints="true_positive_rate_parity",
        # Accuracy, not balanced accuracy: baseline, unawareness and reweighing decide at
        # score >= 0.5, which is (roughly) the accuracy-optimal cut-off. Tuning this method's
        # thresholds for balanced accuracy, the metric the comparison table ranks by, would make it
        # look about 5 points better than the others for a reason unrelated to fairness. Same
        # objective, like-for-like comparison.
        objective="accuracy_score",
        prefit=False,
        predict_method="predict_proba",
    )
    mitigator.fit(Z, data.y, sensitive_features=data.groups)
    model = data.deployed(mitigator, "mitigate")

    def predict(X, groups, rs):
        # Group-specific thresholds: the attribute is needed for every decision.
        return np.asarray(model.predict(data.blind(X), sensitive_features=groups, random_state=rs))

    def score(X, groups, rs):
        return np.asarray(_pmf(model, data.blind(X), sensitive_features=groups))[:, 1]

    return Fitted(model, predict, score)


def _mixture_score(model, X):
    """A continuous score for an ExponentiatedGradient mixture: the weighted mean of its models' scores.

    fairlearn's own ``_pmf_predict`` (the probability that the randomized decision is positive)
    averages 0/1 decisions, so it takes only a handful of values: a ranking by it is mostly a
    random tie-break and its AUC measures decisions, not ranking. Averaging the models'
    probabilities with the same weights ranks people within those ties; where every model scores
    by probability it agrees with ``_pmf_predict`` on who is clearly in or out.
    """
    from sklearn.pipeline import Pipeline

    if isinstance(model, Pipeline):
        X, model = model[:-1].transform(X), model[-1]
    weights = np.asarray(model.weights_, dtype=float)
    scores = [_probability(predictor, X) for predictor in model.predictors_]
    if any(score is None for score in scores):
        return np.asarray(model._pmf_predict(X))[:, 1]
    return np.sum([w * score for w, score in zip(weights, scores)], axis=0) / weights.sum()


def _pmf(model, X, **kwargs):
    """P(decision) of a fairlearn randomized classifier, through the shared preprocessing."""
    from sklearn.pipeline import Pipeline

    if isinstance(model, Pipeline):
        X, model = model[:-1].transform(X), model[-1]
    return model._pmf_predict(X, **kwargs)


def _indicators(groups, levels):
    """One 0/1 column per group but the first, in a fixed order (for CorrelationRemover)."""
    groups = np.asarray(groups, dtype=object)
    return pd.DataFrame({f"__group_{i}": (groups == level).astype(float) for i, level in enumerate(levels[1:], 1)})


def _fit_correlation_remover(data):
    from fairlearn.preprocessing import CorrelationRemover
    from sklearn.base import clone

    prep, final, _, Z = data.blind_parts
    levels = sorted(pd.unique(data.groups), key=str)
    sensitive = [f"__group_{i}" for i in range(1, len(levels))]

    def features(Z, groups):
        Z = Z.toarray() if hasattr(Z, "toarray") else np.asarray(Z, dtype=float)
        frame = pd.DataFrame(Z, columns=[f"x{j}" for j in range(Z.shape[1])])
        return pd.concat([frame, _indicators(groups, levels)], axis=1)

    remover = CorrelationRemover(sensitive_feature_ids=sensitive).fit(features(Z, data.groups))
    final = clone(final).fit(remover.transform(features(Z, data.groups)), data.y)

    def score_fn(X, groups):
        encoded = prep.transform(data.blind(X)) if prep is not None else data.blind(X)
        return _probability(final, remover.transform(features(encoded, groups)))

    model = GroupAwareModel(score_fn, data.threshold)
    return Fitted(
        model,
        lambda X, groups, rs: model.predict(X, sensitive_features=groups),
        lambda X, groups, rs: score_fn(X, groups),
    )


def _fit_calibrated_equalized_odds(data):
    postprocessing = import_aif360("aif360.sklearn.postprocessing")

    from sklearn.base import clone
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    blind = _fit_blind(data)
    _, final, _, Z = data.blind_parts
    if not hasattr(final, "predict_proba"):
        raise ValueError("calibrated_equalized_odds needs an estimator with predict_proba")
    # The mixing rates are fitted on out-of-fold scores: in-sample scores of a flexible model
    # (a forest) are overconfident and would make the rates too small. aif360 reads the groups
    # from the index.
    folds = StratifiedKFold(5, shuffle=True, random_state=data.random_state)
    scores = cross_val_predict(clone(final), Z, data.y, cv=folds, method="predict_proba")[:, 1]
    index = pd.Index(np.asarray(data.groups, dtype=object), name="group")
    post = postprocessing.CalibratedEqualizedOdds(
        prot_attr="group", cost_constraint="fnr", random_state=data.random_state
    ).fit(pd.DataFrame(np.column_stack([1 - scores, scores]), index=index), pd.Series(data.y, index=index))

    def score_fn(X, groups):
        p = blind.score(X, groups, data.random_state)
        index = pd.Index(np.asarray(groups, dtype=object), name="group")
        return post.predict_proba(pd.DataFrame(np.column_stack([1 - p, p]), index=index))[:, 1]

    model = GroupAwareModel(score_fn, data.threshold)
    return Fitted(
        model,
        lambda X, groups, rs: model.predict(X, sensitive_features=groups),
        lambda X, groups, rs: score_fn(X, groups),
    )


def feature_repair(
    name: str,
    description: str,
    *,
    transform: Callable[[pd.DataFrame], pd.DataFrame] | None = None,
    drop: ColumnNames = (),
    legal_note: str | None = None,
) -> Method:
    """A mitigation that repairs or removes model inputs, for :func:`compare_mitigations`.

    The repaired model is built by the comparison's ``make_estimator(drop=(attribute, *drop))``,
    fitted on ``transform(X)`` without the sensitive column, and scores ``transform(X)`` at
    decision time: the fix is in the data, not in the fairness machinery.

    Parameters
    ----------
    name : str
        The row name in the comparison table.
    description : str
        One line for the report.
    transform : callable, optional
        ``transform(X) -> X`` returning a repaired copy, e.g. a measurement replaced by a
        corrected one. Must not change the rows.
    drop : sequence of str
        Inputs the repaired model leaves out (the factory must take ``drop``).
    legal_note : str, optional
        Defaults to a note that the repair does not use the attribute but still needs an audit.

    Returns
    -------
    Method

    Examples
    --------
    >>> repair = feature_repair("no_relocation", "Drop relocation willingness.", drop=["relocation_willingness"])
    >>> repair.name, repair.blind, repair.attribute_at_decision
    ('no_relocation', True, False)
    """
    if transform is not None and not callable(transform):
        raise ValueError(f"transform must be a function X -> X, got {type(transform).__name__}")
    if isinstance(drop, str):
        drop = (drop,)
    drop = tuple(drop)

    def fit(data):
        if drop and not accepts_drop(data.make_estimator):
            raise ValueError(f"feature_repair {name!r} drops {list(drop)}, but make_estimator takes no drop argument")

        def repaired(X):
            X = data.blind(X)
            out = transform(X.copy()) if transform is not None else X
            if not isinstance(out, pd.DataFrame) or len(out) != len(X):
                raise ValueError(f"the transform of {name!r} must return a DataFrame with the same rows")
            return out

        model = build_estimator(data.make_estimator, (data.attribute, *drop)).fit(repaired(data.X), data.y)
        return Fitted(
            model,
            lambda X, groups, rs: predict_with_threshold(model, repaired(X), data.threshold),
            lambda X, groups, rs: _probability(model, repaired(X)),
        )

    # The memo key: a plain function is identified by its code; anything else is not memoised.
    described = "none" if transform is None else describe_value(transform)
    key = None if described is None else "repair:" + hashlib.sha256(repr((name, drop, described)).encode()).hexdigest()
    return Method(
        name,
        description,
        legal_note or _REPAIR_NOTE,
        fit,
        key=key,
    )


# --------------------------------------------------------------------------- registry

_REPAIR_NOTE = (
    "Does not use {attribute}: it corrects or removes inputs. The outcome still needs an "
    "adverse-impact audit, and every input kept must be job-related (42 U.S.C. §2000e-2(k)) "
    "(as of November 2026)."
)
_AT_DECISION = (
    "Uses {attribute} for every decision ({how}): for US employment tests, 42 U.S.C. "
    "§2000e-2(l) bars adjusting scores or using different cutoffs on the basis of race, color, "
    "religion, sex or national origin (as of November 2026). Shown for comparison only."
)

_TRAINING_ONLY = (
    "Uses {attribute} during training only ({how}); the deployed model does not take {attribute} "
    "as input. Using a protected attribute in training is legally less settled than it looks: "
    "42 U.S.C. §2000e-2(l) bars adjusting scores or using different cut-offs on the basis of "
    "race, color, religion, sex or national origin, and whether training-time use falls under it "
    "is not settled (as of November 2026). Document why it was used."
)

METHODS = {
    m.name: replace(m, key=m.name)
    for m in [
        Method(
            "baseline",
            "The vendor's model as delivered, with {attribute} among its inputs.",
            "Reads {attribute} as an input, so two people who differ only in {attribute} can be "
            "scored differently: disparate treatment when {attribute} is protected (Title VII, "
            "42 U.S.C. §2000e-2(a)) (as of November 2026). The reference point, not an option.",
            _fit_baseline,
            blind=False,
        ),
        Method(
            "unawareness",
            "The same model with the {attribute} column removed ('fairness through unawareness').",
            "Does not read {attribute}, but correlated features (proxies) can carry it, so the "
            "outcomes still need an adverse-impact audit (four-fifths rule, 29 CFR 1607.4(D)): "
            "disparate impact is unlawful unless the practice is job-related and consistent with "
            "business necessity (42 U.S.C. §2000e-2(k)) (as of November 2026).",
            _fit_unawareness,
        ),
        Method(
            "reweighing",
            "Pre-processing: aif360 Reweighing weights each ({attribute}, label) cell so that label "
            "and {attribute} are independent in the weighted training data.",
            _TRAINING_ONLY.replace("{how}", "to weight the training rows"),
            _fit_reweighing,
        ),
        Method(
            "exponentiated_gradient_tpr",
            "In-processing: fairlearn ExponentiatedGradient under a true-positive-rate parity "
            "(equal opportunity) constraint.",
            _TRAINING_ONLY.replace("{how}", "in the fairness constraint")
            + " Its decisions are randomized across a mix of models.",
            _exponentiated_gradient("TruePositiveRateParity"),
        ),
        Method(
            "exponentiated_gradient_eo",
            "In-processing: fairlearn ExponentiatedGradient under an equalized-odds constraint "
            "(equal true and false positive rates).",
            _TRAINING_ONLY.replace("{how}", "in the fairness constraint")
            + " Its decisions are randomized across a mix of models.",
            _exponentiated_gradient("EqualizedOdds"),
        ),
        Method(
            "threshold_optimizer",
            "Post-processing: fairlearn ThresholdOptimizer picks a threshold per {attribute} group "
            "for equal true positive rates, maximizing accuracy (the objective the 0.5 cut-off of the "
            "other methods approximates).",
            _AT_DECISION.replace("{how}", "a threshold per group"),
            _fit_threshold_optimizer,
            attribute_at_decision=True,
        ),
        Method(
            "exponentiated_gradient_dp",
            "In-processing: fairlearn ExponentiatedGradient under a demographic-parity constraint "
            "(equal selection rates).",
            _TRAINING_ONLY.replace("{how}", "in the fairness constraint")
            + " Its decisions are randomized across a mix of models.",
            _exponentiated_gradient("DemographicParity"),
        ),
        Method(
            "correlation_remover",
            "Pre-processing: fairlearn CorrelationRemover removes the linear correlation of every "
            "input with {attribute}, then the model is refitted on the filtered inputs.",
            _AT_DECISION.replace(
                "{how}", "the filter subtracts each person's {attribute}-predicted part of every input"
            ),
            _fit_correlation_remover,
            attribute_at_decision=True,
        ),
        Method(
            "calibrated_equalized_odds",
            "Post-processing: aif360 CalibratedEqualizedOdds (equal false negative rates) replaces a "
            "share of one group's scores with that group's base rate.",
            _AT_DECISION.replace("{how}", "a mixing rate per group"),
            _fit_calibrated_equalized_odds,
            attribute_at_decision=True,
        ),
    ]
}
# The six methods of the Adult case, in its order; the three after them are opt-in.
DEFAULT_METHODS = (
    "baseline",
    "unawareness",
    "reweighing",
    "exponentiated_gradient_tpr",
    "exponentiated_gradient_eo",
    "threshold_optimizer",
)
