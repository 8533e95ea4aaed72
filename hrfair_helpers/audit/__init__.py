"""The group-rate audit engine every scenario uses.

- :func:`adverse_impact`: selection rates, impact ratios, the four-fifths flag, significance.
- :func:`adverse_impact_from_counts`: the same from per-group counts.
- :func:`group_metrics`: TPR, FPR, FNR, PPV, accuracy by group and the fairness disparities.
- :func:`calibration_by_group`: reliability by group (ECE, Brier, calibration-in-the-large).
- :func:`proxy_strength`, :func:`attribute_predictability`, :func:`cramers_v`: how much a
  protected attribute leaks through other features.
- :func:`disparity_report`: Aequitas-style metrics, disparities against a reference group, pass/fail.
- :func:`recognition_errors`: speech-recognition word error rate by session and group (jiwer).
- :func:`ll144_bias_audit`: the NYC Local Law 144 bias audit (selection or scoring rates and impact
  ratios by sex, race/ethnicity and their intersection) and its published summary of results.
- :func:`threshold_table`, :func:`threshold_sweep`: rates, error rates and impact ratios by group
  at one cut-off (or one per group), or across a grid of cut-offs.
- :func:`count_groups`: the one set of counts (people, selections, confusion cells per group)
  every statistic above reads.
- :func:`stratified_impact`: impact ratios within strata (e.g. rating bands), Cochran–Mantel–Haenszel
  test, Mantel–Haenszel pooled ratios and Breslow–Day, against the crude comparison.
"""

from .calibration import CalibrationReport, calibration_by_group
from .counts import GroupCounts, count_groups
from .disparity import DisparityReport, disparity_report
from .impact import AdverseImpactReport, adverse_impact, adverse_impact_from_counts
from .ll144 import LL144AuditReport, ll144_bias_audit
from .metrics import GroupMetricsReport, group_metrics
from .predictability import PredictabilityReport, attribute_predictability
from .proxies import ProxyReport, cramers_v, proxy_strength
from .recognition import RecognitionReport, recognition_errors
from .stratified import StratifiedImpactReport, stratified_impact
from .threshold import ThresholdResult, ThresholdSweep, threshold_sweep, threshold_table

__all__ = [
    "RecognitionReport",
    "recognition_errors",
    "AdverseImpactReport",
    "CalibrationReport",
    "DisparityReport",
    "GroupCounts",
    "GroupMetricsReport",
    "LL144AuditReport",
    "PredictabilityReport",
    "ProxyReport",
    "StratifiedImpactReport",
    "ThresholdResult",
    "ThresholdSweep",
    "adverse_impact",
    "adverse_impact_from_counts",
    "attribute_predictability",
    "calibration_by_group",
    "count_groups",
    "cramers_v",
    "disparity_report",
    "group_metrics",
    "ll144_bias_audit",
    "proxy_strength",
    "stratified_impact",
    "threshold_sweep",
    "threshold_table",
]
