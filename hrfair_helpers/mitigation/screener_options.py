"""Mitigation options for a text screener (scenario 2), each producing decisions on an audit set.

Every option is a small function of the training resumes, the audit resumes and the shipped
screener, so a notebook can show what each one does and :func:`compare_predictions` can put
them on one trade-off table. The options:

``masking``
    Retrain on resumes with the lexicon's gendered terms removed (``text.mask_terms``).
``augmentation``
    Counterfactual data augmentation: retrain on the resumes plus their gender-swapped copies
    (``text.counterfactual_swap``) with the same labels, so a term and its counterpart carry the
    same evidence.
``relabeling``
    Replace the biased historical labels with a structured, job-related rubric applied by trained
    reviewers. Simulated here as the latent qualification seen through reviewer noise: real
    reviewers cost time and make errors too.
``fairness_constrained``
    fairlearn's ExponentiatedGradient under a demographic-parity constraint, trained on the
    historical labels (gender is used in training only). TF-IDF is reduced to dense components
    first, because fairlearn's reductions need dense input.
``human_review``
    A process change: every resume scored within ``review_band / 2`` of the threshold goes to a
    human reviewer with a structured rubric (simulated with ``reviewer_accuracy``), who fills the
    same number of interview slots from that band.
``relabeling_and_review``
    The two root-cause fixes together.
``group_thresholds``
    A different cut-off per gender so that selection rates match. Shown only for comparison: it
    uses gender at decision time, which US law forbids for employment tests (42 U.S.C.
    §2000e-2(l)).

Every option fills the same number of interview slots as today's screener on the audit set:
each is thresholded at the score quantile that selects the baseline's share. Comparing options
at different volumes would reward whichever interviews more people. Structured interviews, the
downstream control a plan should add, act after this screening step and are not simulated.
Results are memoised by the seeds and settings, so a grader checking the notebook's numbers does
not retrain everything.
"""

from functools import lru_cache

import numpy as np

OPTIONS = (
    "baseline",
    "masking",
    "augmentation",
    "relabeling",
    "fairness_constrained",
    "human_review",
    "relabeling_and_review",
    "group_thresholds",
)
DESCRIPTIONS = {
    "baseline": "the shipped screener at its operating threshold",
    "masking": "retrained on resumes with gendered terms removed",
    "augmentation": "retrained on resumes plus gender-swapped copies (counterfactual data augmentation)",
    "relabeling": "retrained on labels from a structured, job-related rubric instead of past decisions",
    "fairness_constrained": "fairlearn ExponentiatedGradient with a demographic-parity constraint",
    "human_review": "the shipped screener, with human rubric review of rejections near the threshold",
    "relabeling_and_review": "rubric relabeling plus human review near the threshold",
    "group_thresholds": (
        "a separate cut-off per gender equalising selection rates",
        "uses gender at decision time: different cut-off scores by sex are prohibited for US employment "
        "tests (42 U.S.C. 2000e-2(l), as of November 2026)",
    ),
}
FLAGGED = ("group_thresholds",)


def _pick(scores, rate):
    """Decisions that advance the top ``rate`` share of ``scores`` (a fixed number of interview slots)."""
    return (scores >= np.quantile(scores, 1 - rate)).astype(int)


def _retrained_scores(texts, labels, score_texts):
    """Fit the screener's pipeline on ``texts`` and score ``score_texts``."""
    from ..models.screener import make_screener_pipeline

    return make_screener_pipeline().fit(texts, labels).predict_proba(score_texts)[:, 1]


def _rubric_labels(resumes, seed, reviewer_noise):
    """Structured-rubric labels: the job-related qualification seen through reviewer noise."""
    from ..datasets.resumes import QUALIFICATION_CUT

    rng = np.random.default_rng(seed)
    noisy = resumes["true_qualification"].to_numpy() + rng.normal(0, reviewer_noise, len(resumes))
    return (noisy > QUALIFICATION_CUT).astype(int)


def _human_review(scores, rate, qualified, band, accuracy, seed):
    """Resumes scored within ``band / 2`` of the cut go to a reviewer, who fills the band's slots.

    The reviewer's judgement is right with probability ``accuracy``; among equal judgements the
    model's score breaks ties. The number of interviews stays what the model alone would give.
    """
    rng = np.random.default_rng(seed)
    judged = np.where(rng.random(len(scores)) < accuracy, qualified, 1 - qualified)
    cut = np.quantile(scores, 1 - rate)
    decisions = (scores >= cut).astype(int)
    near = (scores >= cut - band / 2) & (scores < cut + band / 2)
    slots = int(decisions[near].sum())
    members = np.flatnonzero(near)
    ranked = members[np.lexsort((-scores[members], -judged[members]))]
    decisions[members] = 0
    decisions[ranked[:slots]] = 1
    return decisions, near


def screener_options(
    audit_seed=1, audit_n=4000, *, seed=0, review_band=0.4, reviewer_accuracy=0.9, reviewer_noise=0.35
):
    """Decisions of every option on a seeded audit set of synthetic resumes.

    Parameters
    ----------
    audit_seed, audit_n : int
        The audit resumes are ``make_resumes(audit_n, audit_seed)``; the screener was trained on
        other seeds' resumes (see :data:`hrfair_helpers.models.screener.TRAINING`).
    seed : int
        Seeds the simulated reviewers and the randomized fairlearn predictions.
    review_band : float
        Width of the score band around the cut that is sent to human review.
    reviewer_accuracy : float
        Share of reviewed resumes the reviewer judges correctly (against true qualification).
    reviewer_noise : float
        Standard deviation of rubric-scoring noise, in units of the qualification score.

    Returns
    -------
    dict
        ``decisions`` (option -> 0/1 array), ``scores`` (the shipped screener's scores),
        ``threshold``, ``selection_rate`` (the interview share every option fills), ``reviewed``
        (option -> mask of resumes sent to a reviewer) and ``audit`` (the DataFrame).
        Fresh copies: changing them does not change a later call's result.
    """
    result = _options(audit_seed, audit_n, seed, review_band, reviewer_accuracy, reviewer_noise)
    return {
        "decisions": {k: v.copy() for k, v in result["decisions"].items()},
        "scores": result["scores"].copy(),
        "threshold": result["threshold"],
        "selection_rate": result["selection_rate"],
        "reviewed": {k: v.copy() for k, v in result["reviewed"].items()},
        "audit": result["audit"].copy(),
    }


@lru_cache(maxsize=4)
def _options(audit_seed, audit_n, seed, review_band, reviewer_accuracy, reviewer_noise):
    from ..datasets import make_resumes
    from ..models.screener import TRAINING, load_screener, screener_metadata
    from ..text import counterfactual_swap, mask_terms

    train = make_resumes(**TRAINING)
    audit = make_resumes(audit_n, audit_seed)
    screener = load_screener()
    threshold = screener_metadata()["threshold"]
    train_texts, audit_texts = train["text"].tolist(), audit["text"].tolist()
    labels = train["suggested_interview"].to_numpy()
    scores = screener.predict_proba(audit_texts)[:, 1]
    qualified = audit["qualified"].to_numpy()
    baseline = (scores >= threshold).astype(int)
    rate = float(baseline.mean())

    rubric = _rubric_labels(train, seed, reviewer_noise)
    option_scores = {
        "masking": _retrained_scores(mask_terms(train_texts, token=""), labels, mask_terms(audit_texts, token="")),
        "augmentation": _retrained_scores(
            train_texts + counterfactual_swap(train_texts), np.concatenate([labels, labels]), audit_texts
        ),
        "relabeling": _retrained_scores(train_texts, rubric, audit_texts),
        "fairness_constrained": _fairness_constrained_scores(screener, train, audit_texts, labels, seed),
    }
    decisions = {"baseline": baseline}
    decisions.update({name: _pick(values, rate) for name, values in option_scores.items()})
    reviewed = {}
    for name, values in (("human_review", scores), ("relabeling_and_review", option_scores["relabeling"])):
        decisions[name], reviewed[name] = _human_review(values, rate, qualified, review_band, reviewer_accuracy, seed)
    decisions["group_thresholds"] = _group_thresholds(scores, audit["gender"].astype(str).to_numpy(), rate)
    decisions = {name: decisions[name] for name in OPTIONS}
    return {
        "decisions": decisions,
        "scores": scores,
        "threshold": threshold,
        "selection_rate": rate,
        "reviewed": reviewed,
        "audit": audit,
    }


def _fairness_constrained_scores(screener, train, audit_texts, labels, seed):
    """Scores of the randomized classifier ExponentiatedGradient returns: its predictors' weighted mean.

    fairlearn's ``predict`` cuts that mean at 0.5; scoring lets the option fill the same
    interview slots as the others.
    """
    from fairlearn.reductions import DemographicParity, ExponentiatedGradient
    from sklearn.decomposition import TruncatedSVD
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vectorizer = screener.named_steps["tfidf"]
    svd = TruncatedSVD(n_components=150, random_state=seed)
    with threadpool_limits(limits=1):
        X_train = svd.fit_transform(vectorizer.transform(train["text"].tolist()))
        X_audit = svd.transform(vectorizer.transform(audit_texts))
        mitigator = ExponentiatedGradient(
            LogisticRegression(C=4.0, max_iter=2000), constraints=DemographicParity(), eps=0.02, max_iter=15
        )
        mitigator.fit(X_train, labels, sensitive_features=train["gender"].astype(str).to_numpy())
        return sum(
            weight * predictor.predict_proba(X_audit)[:, 1]
            for weight, predictor in zip(mitigator.weights_, mitigator.predictors_)
            if weight > 0
        )


def _group_thresholds(scores, groups, selection_rate):
    decisions = np.zeros(len(scores), dtype=int)
    for group in np.unique(groups):
        members = groups == group
        cut = np.quantile(scores[members], 1 - selection_rate)
        decisions[members] = scores[members] >= cut
    return decisions
