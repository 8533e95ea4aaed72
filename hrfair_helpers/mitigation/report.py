"""The result of :func:`compare_mitigations`: one row per method, plus the trade-off plot."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._utils import render
from .criterion import SuccessCriterion

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FLAG = "uses_protected_attribute_at_decision"


@dataclass
class TradeoffReport:
    """Accuracy and fairness of each mitigation method on the test set.

    Attributes
    ----------
    table : DataFrame
        One row per method (index ``method``): ``accuracy``, ``balanced_accuracy``,
        ``precision``, ``auc`` (NaN for a method without a score), ``<performance>_drop``
        (baseline minus this method, for the criterion's performance measure),
        ``selection_rate`` overall and ``selection_rate[<group>]`` per
        group, ``demographic_parity_difference``, ``equal_opportunity_difference``,
        ``equalized_odds_difference``, ``predictive_parity_difference`` (from
        :func:`~hrfair_helpers.audit.group_metrics`), ``lowest_impact_ratio`` (from
        :func:`~hrfair_helpers.audit.adverse_impact`), ``uses_protected_attribute_at_decision``,
        ``meets_criterion`` and ``status`` ("ok", or "failed: ..." with the error of a method
        that could not run; its numbers are NaN).
    criterion : SuccessCriterion
    predictions : dict
        Method name -> 0/1 test decisions (ndarray), for further audits.
    scores : dict
        Method name -> test scores (ndarray), for the methods that have one.
    models : dict
        Method name -> the fitted, deployable model. Call ``predict`` on the full test
        features; the ExponentiatedGradient models also take ``random_state=``, the threshold
        optimizer needs ``sensitive_features=``.
    attribute : str
        Name of the sensitive column.
    methods : dict
        Method name -> (description, legal note).
    notes : list of str
    """

    table: pd.DataFrame
    criterion: SuccessCriterion
    predictions: dict[str, np.ndarray]
    scores: dict[str, np.ndarray] = field(default_factory=dict)
    models: dict[str, Any] = field(default_factory=dict)
    attribute: str = "sensitive attribute"
    methods: dict[str, tuple[str, str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def failed(self) -> dict[str, str]:
        """Method name -> error message, for the methods that could not run."""
        status = self.table["status"] if "status" in self.table else pd.Series(dtype=object)
        return {name: message for name, message in status.items() if message != "ok"}

    def _fairness(self):
        """(fairness values per row, oriented so that higher is fairer; the axis label)."""
        crit = self.criterion
        if crit.max_difference is None:
            return self.table["lowest_impact_ratio"].to_numpy(
                dtype=float
            ), "lowest impact ratio (closer to 1 is fairer)"
        label = f"{crit.metric.replace('_', ' ')} difference (lower is fairer)"
        return -self.table[crit.column].to_numpy(dtype=float), label

    @property
    def pareto_front(self) -> list[str]:
        """Methods that do not use the attribute to decide and that no other such method beats on
        both fairness (the plot's x-axis) and the criterion's performance, fairest last.

        Examples
        --------
        >>> import numpy as np
        >>> from hrfair_helpers.mitigation import compare_predictions, SuccessCriterion
        >>> y = np.array([1, 1, 0, 0, 1, 1, 0, 0]); g = np.array(["F"] * 4 + ["M"] * 4)
        >>> report = compare_predictions(
        ...     {"baseline": np.array([0, 1, 0, 0, 1, 1, 0, 0]), "worse": np.array([0, 0, 1, 0, 1, 1, 0, 0]),
        ...      "fixed": y.copy()}, y, g)
        >>> report.pareto_front
        ['fixed']
        """
        fairness, _ = self._fairness()
        performance = self.table[self.criterion.performance].to_numpy(dtype=float)
        eligible = ~self.table[FLAG].to_numpy(dtype=bool) & ~np.isnan(fairness) & ~np.isnan(performance)
        front = []
        for i in np.flatnonzero(eligible):
            others = eligible.copy()
            others[i] = False
            dominated = (
                others
                & (fairness >= fairness[i])
                & (performance >= performance[i])
                & ((fairness > fairness[i]) | (performance > performance[i]))
            )
            if not dominated.any():
                front.append(i)
        front.sort(key=lambda i: (fairness[i], -performance[i]))
        return [self.table.index[i] for i in front]

    @property
    def winners(self) -> list[str]:
        """Methods that meet the criterion without using the attribute to decide, best first
        (highest value of the criterion's performance measure)."""
        ok = self.table[self.table["meets_criterion"] & ~self.table[FLAG]]
        return list(ok.sort_values(self.criterion.performance, ascending=False, kind="stable").index)

    def to_frame(self) -> pd.DataFrame:
        """The comparison table as a new DataFrame."""
        return self.table.copy()

    def copy(self) -> TradeoffReport:
        """A copy whose table, predictions and notes can be changed freely (fitted models are shared)."""
        return replace(
            self,
            table=self.table.copy(),
            predictions={k: np.array(v, copy=True) for k, v in self.predictions.items()},
            scores={k: np.array(v, copy=True) for k, v in self.scores.items()},
            models=dict(self.models),
            methods=dict(self.methods),
            notes=list(self.notes),
        )

    def _facts(self):
        return {
            "criterion (set before the experiment)": self.criterion.describe(),
            "sensitive attribute": self.attribute,
            "methods meeting it without using the attribute to decide": ", ".join(self.winners) or "none",
        }

    def _notes(self):
        lines = [
            f"{name}: {desc}" + (f" Legal: {legal}" if legal else "") for name, (desc, legal) in self.methods.items()
        ]
        return lines + list(self.notes)

    def _repr_html_(self):
        return render.render_html("Mitigation trade-off (test set)", self._facts(), self.table, self._notes())

    def __repr__(self):
        return render.render_text("Mitigation trade-off (test set)", self._facts(), self.table, self._notes())

    def plot(self, ax: Axes | None = None) -> Axes:
        """The criterion's performance measure against its disparity, one labelled point per method.

        The x-axis is the criterion's difference, or the lowest impact ratio when the criterion
        sets only ``min_impact_ratio``. The shaded box is the acceptable region; methods that use
        the sensitive attribute at decision time are drawn as red crosses, and methods that
        failed are left out (see ``failed``).

        Returns
        -------
        matplotlib Axes
        """
        import matplotlib.pyplot as plt
        from matplotlib.patches import Rectangle

        if ax is None:
            _, ax = plt.subplots(figsize=(7, 5), layout="constrained")
        crit = self.criterion
        by_ratio = crit.max_difference is None
        fairness, x_label = self._fairness()
        x = fairness if by_ratio else -fairness
        y = self.table[crit.performance].to_numpy(dtype=float)
        flagged = self.table[FLAG].to_numpy(dtype=bool)
        floor = float(self.table[crit.performance].iloc[0] + self.table[crit.drop_column].iloc[0])
        floor -= crit.max_performance_drop

        finite = ~np.isnan(x) & ~np.isnan(y)
        y_lo = min(float(np.min(y[finite], initial=floor)), floor) - 0.02
        y_hi = min(1.0, float(np.max(y[finite], initial=floor)) + 0.02)
        if by_ratio:
            x_lo = min(float(np.min(x[finite], initial=1.0)), crit.min_impact_ratio) - 0.05
            x_hi = max(float(np.max(x[finite], initial=1.0)), 1.0) + 0.05
            box_x, box_width = crit.min_impact_ratio, x_hi - crit.min_impact_ratio
        else:
            x_hi = max(float(np.max(x[finite], initial=0.0)), crit.max_difference) * 1.2 + 0.01
            x_lo = -0.02 * x_hi
            box_x, box_width = 0, crit.max_difference
        ax.add_patch(
            Rectangle(
                (box_x, floor),
                box_width,
                1.0 - floor,
                facecolor="#55A868",
                alpha=0.15,
                edgecolor="#55A868",
                linestyle="--",
                label="meets the criterion",
            )
        )
        for mask, marker, color, label in [
            (finite & ~flagged, "o", "#4C72B0", f"does not use {self.attribute} to decide"),
            (finite & flagged, "X", "#C44E52", f"uses {self.attribute} at decision time (legally flagged)"),
        ]:
            if mask.any():
                ax.scatter(x[mask], y[mask], marker=marker, s=70, color=color, label=label, zorder=3)
        front = [self.table.index.get_loc(name) for name in self.pareto_front]
        if len(front) > 1:
            ax.plot(x[front], y[front], linestyle=":", color="#4C72B0", zorder=2, label="Pareto front")
        placed = []
        for name, xi, yi in zip(self.table.index[finite], x[finite], y[finite]):
            # Labels of nearby points are stacked downwards instead of printed on top of each other.
            near = sum(abs(xi - px) < 0.15 * (x_hi - x_lo) and abs(yi - py) < 0.04 * (y_hi - y_lo) for px, py in placed)
            ax.annotate(name, (xi, yi), textcoords="offset points", xytext=(6, 4 - 10 * near), fontsize=8)
            placed.append((xi, yi))
        ax.set_xlim(x_lo, x_hi)
        ax.set_ylim(y_lo, y_hi)
        ax.set_xlabel(x_label)
        ax.set_ylabel("AUC" if crit.performance == "auc" else crit.performance.replace("_", " "))
        ax.set_title("Fairness–accuracy trade-off (test set)")
        # Below the axes: inside, the legend would cover whichever corner a method lands in.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8, frameon=False)
        return ax
