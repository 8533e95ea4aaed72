"""Bias mitigation, compared against a success criterion fixed in advance.

- :class:`SuccessCriterion`: what counts as success (a disparity limit and an accuracy budget).
- :func:`compare_mitigations`: fit baseline, unawareness, reweighing, ExponentiatedGradient
  (equal opportunity / equalized odds / demographic parity), CorrelationRemover, aif360
  CalibratedEqualizedOdds, ThresholdOptimizer and feature repairs; compare them on the test set
  in one table and one trade-off plot. A method that fails is reported, not raised.
- :func:`feature_repair`: a mitigation that corrects or removes model inputs.
- :func:`compare_predictions`: the same table for decisions made any other way (a retrained text
  model, a simulated review process).
- :class:`TradeoffReport`: the comparison table, the winners and the trade-off plot.

scikit-learn, fairlearn and aif360 are imported only when a comparison runs.
"""

from .compare import compare_mitigations, compare_predictions, top_share
from .criterion import SuccessCriterion
from .methods import DEFAULT_METHODS, METHODS, GroupAwareModel, Method, feature_repair, reweighing_weights
from .report import TradeoffReport

__all__ = [
    "DEFAULT_METHODS",
    "METHODS",
    "Method",
    "SuccessCriterion",
    "TradeoffReport",
    "compare_mitigations",
    "compare_predictions",
    "feature_repair",
    "GroupAwareModel",
    "reweighing_weights",
    "top_share",
]
