"""Which fairness metric answers the question HR is asking? A small decision tree, as data.

Adapted to HR decisions from the Aequitas "fairness tree" (Saleiro et al., 2018, and the
Aequitas documentation): first name the harm the decision can do, then compare the error or rate
that measures that harm. Choosing is a business-legal decision: the tree records the reasoning so
the people accountable for it (HR, Legal, DEI) can agree on it before anyone sees the numbers.

Checked libraries: aequitas ships the tree only as a figure and prose; fairlearn documents the
metrics but leaves the choice to the user. Nothing maintained offers it as data, so it is here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Recommendation:
    """A metric recommended for a harm, and why."""

    harm: str
    question: str
    metric: str
    compares: str
    why: str
    caution: str


FAIRNESS_TREE = (
    Recommendation(
        harm="qualified_screened_out",
        question="Could qualified people be screened out (a missed job, interview or promotion)?",
        metric="equal_opportunity",
        compares="true positive rate (equivalently false negative rate) between groups",
        why="Selection is assistive: the harm falls on qualified people the tool misses, so compare "
        "how often each group's qualified people are advanced.",
        caution="Needs a trustworthy 'qualified' label; historical hiring labels may carry the bias being audited.",
    ),
    Recommendation(
        harm="representation",
        question="Is the goal that the selected pool reflects the applicant pool?",
        metric="demographic_parity",
        compares="selection rate between groups (the impact ratio)",
        why="Representation goals and adverse-impact law look at who is selected, regardless of labels.",
        caution="Ignores qualification; equal rates can hide unequal errors.",
    ),
    Recommendation(
        harm="unqualified_advanced_and_missed",
        question="Do both kinds of error carry a cost (wrongly advanced and wrongly rejected)?",
        metric="equalized_odds",
        compares="true positive and false positive rates between groups",
        why="When both errors matter, compare both.",
        caution="With different base rates it conflicts with calibration (Kleinberg et al., 2017).",
    ),
    Recommendation(
        harm="scores_mean_different_things",
        question="Will people act on the score, so it must mean the same for every group?",
        metric="predictive_parity",
        compares="positive predictive value (and calibration) between groups",
        why="A recommendation should be equally reliable whoever it is about.",
        caution="With different base rates it conflicts with equal error rates (Chouldechova, 2017).",
    ),
)

HARMS = tuple(r.harm for r in FAIRNESS_TREE)


def recommend_metric(harm):
    """The metric the tree recommends for ``harm``.

    Parameters
    ----------
    harm : str
        One of :data:`HARMS`.

    Returns
    -------
    Recommendation

    Examples
    --------
    >>> recommend_metric("qualified_screened_out").metric
    'equal_opportunity'
    """
    for recommendation in FAIRNESS_TREE:
        if recommendation.harm == harm:
            return recommendation
    raise ValueError(f"unknown harm {harm!r}; choose one of {list(HARMS)}")


def fairness_tree_table():
    """The tree as a DataFrame (question, metric, what it compares, why, caution)."""
    import pandas as pd

    return pd.DataFrame([r.__dict__ for r in FAIRNESS_TREE]).set_index("harm")
