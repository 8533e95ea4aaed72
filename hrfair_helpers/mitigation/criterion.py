"""The success criterion of a mitigation experiment, written down before the experiment runs."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .._utils.validation import check_fraction
from ..audit.metrics import DISPARITIES

if TYPE_CHECKING:
    import pandas as pd

# Differences are computed from counts, so 0.8 - 0.78 may come out as 0.020000000000000018:
# a value this close to the limit counts as meeting it.
_TOLERANCE = 1e-12

_PLAIN = {
    "demographic_parity": "largest gap in selection rate between groups",
    "equal_opportunity": "largest gap in true positive rate between groups",
    "equalized_odds": "largest gap in true or false positive rate between groups",
    "predictive_parity": "largest gap in precision (PPV) between groups",
}
PERFORMANCE = ("balanced_accuracy", "accuracy", "precision", "auc")


@dataclass(frozen=True)
class SuccessCriterion:
    """What counts as a successful mitigation, fixed before looking at the results.

    A method succeeds when its between-group ``metric`` difference (max - min over groups, as
    :func:`hrfair_helpers.audit.group_metrics` computes it) is at most ``max_difference``, its
    ``performance`` is at most ``max_performance_drop`` below the baseline's, and, when
    ``min_impact_ratio`` is set, its lowest impact ratio (the table's ``lowest_impact_ratio``) is at
    least that.

    Parameters
    ----------
    metric : {"demographic_parity", "equal_opportunity", "equalized_odds", "predictive_parity"}
    max_difference : float or None, default 0.05
        None for no limit on the difference; ``min_impact_ratio`` must then be set.
    max_performance_drop : float, default 0.02
        In the units of ``performance`` (0.02 = 2 points).
    performance : {"balanced_accuracy", "accuracy", "precision", "auc"}, default "balanced_accuracy"
        The performance measure that may not drop by more than ``max_performance_drop``. AUC
        needs methods with a score.
    min_impact_ratio : float, optional
        A floor on the lowest selection-rate impact ratio, e.g. 0.9.

    Examples
    --------
    >>> c = SuccessCriterion()
    >>> c.check({"equal_opportunity_difference": 0.03, "balanced_accuracy_drop": 0.01})
    True
    >>> c.check({"equal_opportunity_difference": 0.03, "balanced_accuracy": 0.70},
    ...         baseline_performance=0.75)
    False
    >>> strict = SuccessCriterion(performance="precision", min_impact_ratio=0.9)
    >>> strict.check({"equal_opportunity_difference": 0.01, "precision_drop": 0.0, "lowest_impact_ratio": 0.85})
    False
    >>> ranking = SuccessCriterion(max_difference=None, min_impact_ratio=0.9, performance="auc",
    ...                            max_performance_drop=0.01)
    >>> ranking.check({"lowest_impact_ratio": 0.93, "auc_drop": 0.004})
    True
    """

    metric: Literal["demographic_parity", "equal_opportunity", "equalized_odds", "predictive_parity"] = (
        "equal_opportunity"
    )
    max_difference: float | None = 0.05
    max_performance_drop: float = 0.02
    performance: Literal["balanced_accuracy", "accuracy", "precision", "auc"] = "balanced_accuracy"
    min_impact_ratio: float | None = None

    def __post_init__(self) -> None:
        if self.metric not in DISPARITIES:
            raise ValueError(f"unknown criterion metric {self.metric!r}; choose one of {list(DISPARITIES)}")
        if self.performance not in PERFORMANCE:
            raise ValueError(f"unknown performance measure {self.performance!r}; choose one of {list(PERFORMANCE)}")
        check_fraction(self.max_difference, "max_difference", allow_none=True)
        check_fraction(self.max_performance_drop, "max_performance_drop")
        check_fraction(self.min_impact_ratio, "min_impact_ratio", allow_none=True)
        if self.max_difference is None and self.min_impact_ratio is None:
            raise ValueError("a criterion needs a fairness condition: set max_difference, min_impact_ratio or both")

    @property
    def column(self) -> str:
        """The comparison-table column the criterion reads, e.g. ``equal_opportunity_difference``."""
        return f"{self.metric}_difference"

    @property
    def drop_column(self) -> str:
        """The comparison-table column holding the performance drop, e.g. ``balanced_accuracy_drop``."""
        return f"{self.performance}_drop"

    def describe(self) -> str:
        """The criterion as one plain sentence."""
        parts = []
        if self.max_difference is not None:
            parts.append(
                f"the {self.metric.replace('_', ' ')} difference ({_PLAIN[self.metric]}) is at most "
                f"{self.max_difference:g}"
            )
        name = "AUC" if self.performance == "auc" else self.performance.replace("_", " ")
        parts.append(f"{name} is at most {self.max_performance_drop:g} below the baseline model's")
        if self.min_impact_ratio is not None:
            parts.append(f"every group's impact ratio is at least {self.min_impact_ratio:g}")
        return "Success means " + ", ".join(parts[:-1]) + " and " + parts[-1] + "."

    def check(self, row: Mapping[str, float] | pd.Series, baseline_performance: float | None = None) -> bool:
        """Whether one method's results meet the criterion.

        Parameters
        ----------
        row : mapping or Series
            Needs ``<metric>_difference`` (unless ``max_difference`` is None), ``<performance>_drop`` (or ``<performance>`` when
            ``baseline_performance`` is given) and, with ``min_impact_ratio``, ``lowest_impact_ratio``.
        baseline_performance : float, optional
            The reference for the drop; by default the row's ``<performance>_drop`` is used.

        Returns
        -------
        bool
            False when a needed value is missing (NaN), e.g. a rate undefined in some group.
        """
        try:
            values = [float(row[self.column]) if self.max_difference is not None else 0.0]
            if baseline_performance is None:
                drop = float(row[self.drop_column])
            else:
                drop = float(baseline_performance) - float(row[self.performance])
            values.append(drop)
            if self.min_impact_ratio is not None:
                values.append(float(row["lowest_impact_ratio"]))
        except KeyError as error:
            raise ValueError(
                f"row lacks {error}; it needs "
                + (f"{self.column!r} and " if self.max_difference is not None else "")
                + f"{self.drop_column!r} "
                f"(or {self.performance!r} with baseline_performance=...)"
                + (" and 'lowest_impact_ratio'" if self.min_impact_ratio is not None else "")
            ) from None
        if any(math.isnan(v) for v in values):
            return False
        ok = drop <= self.max_performance_drop + _TOLERANCE
        if self.max_difference is not None:
            ok = ok and values[0] <= self.max_difference + _TOLERANCE
        if self.min_impact_ratio is not None:
            ok = ok and values[2] >= self.min_impact_ratio - _TOLERANCE
        return bool(ok)
