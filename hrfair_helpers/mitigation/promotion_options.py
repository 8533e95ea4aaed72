"""The mitigation options of the promotion case (scenario 3), compared in one call.

The documented promotion model (:func:`~hrfair_helpers.models.make_promotion_model`) is trained on
``make_promotions()`` (5,000 employees, seed 0) and compared on a held-out workforce of 20,000
(seed 1), recommending the top 20% by score, as the model is used. The options:

``leave_adjusted_tenure``
    Repair a measurement: tenure counts time on leave (the HR clock stopped during leave).
``job_related_inputs``
    The repaired tenure, and the two inputs no promotion needs removed: willingness to relocate
    (no role at the next level requires a move) and part-time history.
``no_manager_records``
    The job-related inputs without the two records managers' bias shaped: high-visibility
    projects and nominations. What remains is rating, tenure, level and department.
fairlearn and aif360 methods
    aif360 Reweighing and CalibratedEqualizedOdds; fairlearn CorrelationRemover,
    ExponentiatedGradient (demographic parity and true positive rate parity) and
    ThresholdOptimizer; from :data:`~hrfair_helpers.mitigation.METHODS`.

The criterion, agreed before the experiment: every group's impact ratio at least 0.90, and AUC
on the historical label at most 0.01 below the current model's.

Seeds
-----
The case has one seed, ``seed`` (default 0, the published notebook). Case seed ``s`` draws the
training workforce with ``make_promotions`` seed ``2 * s`` and the held-out workforce with seed
``2 * s + 1`` (:func:`data_seeds`), so seed 0 is exactly the published case (seeds 0 and 1) and no
two case seeds share a workforce. Candidate-specific variants (``hrfair variant``) use other seeds.
"""

from .._utils.validation import check_seed
from ..datasets.promotions import MODEL_FEATURES
from .criterion import SuccessCriterion
from .methods import feature_repair

# The published case (case seed 0); other case seeds replace the generator seeds, see data_seeds().
TRAIN = {"n": 5000, "seed": 0}
TEST = {"n": 20_000, "seed": 1}
SHARE = 0.20
# What the model reads, plus the corrected tenure the repairs swap in.
INPUTS = (*MODEL_FEATURES, "leave_adjusted_tenure")
CRITERION = SuccessCriterion(max_difference=None, min_impact_ratio=0.90, performance="auc", max_performance_drop=0.01)
NOT_JOB_RELATED = ("relocation_willingness", "part_time_history")
MANAGER_RECORDS = ("high_visibility_projects", "manager_nomination")


def leave_adjusted(X):
    """``X`` with ``tenure_in_role`` replaced by ``leave_adjusted_tenure`` (the clock counts leave).

    Examples
    --------
    >>> import pandas as pd
    >>> leave_adjusted(pd.DataFrame({"tenure_in_role": [1.0], "leave_adjusted_tenure": [1.5]})).iloc[0].tolist()
    [1.5, 1.5]
    """
    return X.assign(tenure_in_role=X["leave_adjusted_tenure"])


REPAIRS = (
    feature_repair(
        "leave_adjusted_tenure",
        "Tenure in role counts time on leave (the HR clock no longer stops).",
        transform=leave_adjusted,
    ),
    feature_repair(
        "job_related_inputs",
        "Leave-adjusted tenure; relocation willingness and part-time history removed.",
        transform=leave_adjusted,
        drop=NOT_JOB_RELATED,
    ),
    feature_repair(
        "no_manager_records",
        "Job-related inputs without high-visibility projects and manager nominations.",
        transform=leave_adjusted,
        drop=NOT_JOB_RELATED + MANAGER_RECORDS,
    ),
)
OPTIONS = (
    "baseline",
    *REPAIRS,
    "reweighing",
    "correlation_remover",
    "exponentiated_gradient_dp",
    "exponentiated_gradient_tpr",
    "calibrated_equalized_odds",
    "threshold_optimizer",
)


def data_seeds(seed=0):
    """The ``make_promotions`` seeds (train, test) of case seed ``seed``: ``(2 * seed, 2 * seed + 1)``.

    Examples
    --------
    >>> data_seeds(0), data_seeds(3)
    ((0, 1), (6, 7))
    """
    seed = check_seed(seed)
    return TRAIN["seed"] + 2 * seed, TEST["seed"] + 2 * seed


def promotion_data(seed=0):
    """(train, test) frames: ``make_promotions`` with the case's sizes and the seeds of case ``seed``.

    Parameters
    ----------
    seed : int, default 0
        The case seed; 0 is the published case (generator seeds 0 and 1), see :func:`data_seeds`.
    """
    from ..datasets.promotions import make_promotions

    train_seed, test_seed = data_seeds(seed)
    return (make_promotions(n=TRAIN["n"], seed=train_seed), make_promotions(n=TEST["n"], seed=test_seed))


def promotion_options(train=None, test=None, criterion=CRITERION, *, seed=0):
    """Compare every option on the held-out workforce (memoised by :func:`compare_mitigations`).

    Parameters
    ----------
    train, test : DataFrame, optional
        Default ``promotion_data(seed)``.
    criterion : SuccessCriterion, default ``CRITERION``
    seed : int, default 0
        The case seed used when ``train`` or ``test`` is not given. The comparison's memo keys on
        a fingerprint of the data itself, so results of different seeds never mix.

    Returns
    -------
    TradeoffReport
    """
    from ..models.promotion import make_promotion_model
    from .compare import compare_mitigations

    if train is None or test is None:
        train, test = promotion_data(seed)
    return compare_mitigations(
        train[list(INPUTS)],
        train["historical_promoted"],
        train["gender"],
        test[list(INPUTS)],
        test["historical_promoted"],
        test["gender"],
        make_estimator=make_promotion_model,
        methods=OPTIONS,
        criterion=criterion,
        select_share=SHARE,
    )
