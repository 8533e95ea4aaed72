"""What a decision threshold does to each group: rates, error rates and impact ratios by cut-off.

Checked libraries: fairlearn 0.15's ``ThresholdOptimizer`` *chooses* group-specific thresholds to
meet a constraint, and scikit-learn 1.7's ``TunedThresholdClassifierCV`` tunes one cut-off for a
score; neither tabulates what a given cut-off (or one per group) does to each group's selection
rate, TPR and impact ratio. :func:`threshold_table` does, from the audit's one set of counts
(:class:`~hrfair_helpers.audit.counts.GroupCounts`), and :func:`threshold_sweep` counts the
selections at many cut-offs at once. The explorer and the sweep figure are in
:mod:`hrfair_helpers.viz`.

A person is selected when ``score >= threshold``.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .._utils import grouping, render, style, validation
from . import _stats
from .counts import GroupCounts
from .impact import impact_report
from .metrics import metrics_report

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from numpy.typing import ArrayLike

    from .._utils.typing import Column, Groups

__all__ = ["LEGAL_WARNING", "ThresholdResult", "ThresholdSweep", "threshold_sweep", "threshold_table"]

#: The default grid of :func:`threshold_sweep`: 0.05, 0.10, ..., 0.95 (a tuple, so it cannot be changed in place).
DEFAULT_THRESHOLDS = tuple(np.linspace(0.05, 0.95, 19).tolist())

TABLE_COLUMNS = ["threshold", "n", "selection_rate", "tpr", "fpr", "impact_ratio", "adverse_impact"]

LEGAL_WARNING = (
    "Group-specific cut-offs use the protected attribute at the moment of decision. In the US, "
    "using different cut-off scores for, or adjusting the scores of, employment-related tests on "
    "the basis of race, color, religion, sex or national origin is prohibited by Title VII, "
    "42 U.S.C. §2000e-2(l) (as of November 2026). Use this mode to understand the trade-off, "
    "not to set policy."
)


def _cutoff(value, what):
    """One threshold as a float in [0, 1]."""
    return validation.check_fraction(value, what, why=" (scores are probabilities)")


def _prepare(y_true, y_score, groups, data):
    """Resolve column names, check lengths and values, and encode the groups once."""
    columns, _, frame = grouping.resolve_all(data, groups, y_true=y_true, y_score=y_score)
    truth = validation.binary(columns["y_true"], "y_true")
    scores = validation.check_probabilities(columns["y_score"], "y_score")
    return truth, scores, grouping.encode_groups(frame)


def _per_row_cutoffs(thresholds, encoded):
    """Map a float or a {group: threshold} dict to (one cut-off per row, {group: cut-off})."""
    labels = list(encoded.labels)
    if isinstance(thresholds, dict):
        position = {label: i for i, label in enumerate(labels)}
        unknown = [k for k in thresholds if k not in position]
        if unknown:
            raise ValueError(
                f"thresholds names group(s) {unknown} that are not in the data; the groups are "
                f"{[render.format_label(g) for g in labels]}"
            )
        missing = [g for g in labels if g not in thresholds]
        if missing:
            raise ValueError(
                f"no threshold for group(s) {[render.format_label(g) for g in missing]}; "
                f"give one per group, or a single number for everyone"
            )
        by_group = {g: _cutoff(thresholds[g], f"thresholds[{g!r}]") for g in labels}
    else:
        value = _cutoff(thresholds, "threshold")
        by_group = dict.fromkeys(labels, value)
    per_group = np.array([by_group[g] for g in labels])
    return per_group[encoded.codes], by_group


@dataclass
class ThresholdResult:
    """Result of :func:`threshold_table`: rates by group at the given cut-off(s).

    Attributes
    ----------
    table : DataFrame
        Columns ``threshold, n, selection_rate, tpr, fpr, impact_ratio, adverse_impact`` indexed
        by group. The impact ratio is against the group with the highest selection rate.
    accuracy : float
        Share of everyone classified correctly.
    balanced_accuracy : float
        Mean of the overall TPR and TNR (robust to a rare positive class).
    group_specific : bool
        True when the cut-offs differ between groups (the decision then depends on the group).
    reference : object
        The group with the highest selection rate.
    thresholds : dict
        Cut-off per group.
    notes : list of str
    """

    table: pd.DataFrame
    accuracy: float
    balanced_accuracy: float
    group_specific: bool
    reference: object
    thresholds: dict[Hashable, float]
    notes: list[str] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """The per-group table as a new DataFrame."""
        return self.table.copy()

    def _facts(self):
        values = sorted(set(self.thresholds.values()))
        if self.group_specific:
            cut = ", ".join(f"{render.format_label(g)} {t:.2f}" for g, t in self.thresholds.items())
            cut = f"group-specific ({cut})"
        else:
            cut = f"{values[0]:.2f} for everyone"
        return {
            "threshold": cut,
            "accuracy": f"{self.accuracy:.3f}",
            "balanced accuracy": f"{self.balanced_accuracy:.3f}",
            "impact ratio reference (highest selection rate)": render.format_label(self.reference),
        }

    def _repr_html_(self):
        body = render.render_html("Rates by group at the threshold", self._facts(), self.table, self.notes)
        if self.group_specific:
            body += f"<p style='color:#8a1c1c'><strong>Warning:</strong> {html.escape(LEGAL_WARNING)}</p>"
        return body

    def __repr__(self):
        return render.render_text("Rates by group at the threshold", self._facts(), self.table, self.notes)

    def plot(
        self, ax: Axes | None = None, kind: Literal["selection_rate", "tpr", "fpr", "impact_ratio"] = "selection_rate"
    ) -> Axes:
        """Bar chart of one column of the table on a fixed 0–1 axis.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        kind : {"selection_rate", "tpr", "fpr", "impact_ratio"}
        """
        allowed = ("selection_rate", "tpr", "fpr", "impact_ratio")
        if kind not in allowed:
            raise ValueError(f"kind must be one of {allowed}, got {kind!r}")
        ax = style.bar_axes(
            ax, self.table.index, self.table[kind].to_numpy(), xlabel=kind.replace("_", " "), title=kind
        )
        if kind == "impact_ratio":
            ax.axvline(0.8, color=style.THRESHOLD_COLOR, linestyle="--", label="0.8 (four-fifths)")
            ax.legend(loc="lower right")
        return ax


def threshold_table(
    y_true: Column,
    y_score: Column,
    groups: Groups,
    thresholds: float | dict[Any, float],
    *,
    data: pd.DataFrame | None = None,
    min_group_size: int = 30,
) -> ThresholdResult:
    """Selection rate, TPR, FPR and impact ratio by group at one cut-off or one per group.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool, or column name
        The outcome treated as ground truth.
    y_score : array-like of float in [0, 1], or column name
        The model's score (a probability); a person is selected when ``score >= threshold``.
    groups : Series, 1-D array, DataFrame or column name(s)
        Group of each person (several columns give intersectional groups; dict keys are then tuples).
    thresholds : float or dict
        One cut-off for everyone, or ``{group: cut-off}`` with exactly one entry per group.
    data : DataFrame, optional
        When given, the first three arguments may be column names of it.
    min_group_size : int, default 30
        Smaller groups are named in the notes.

    Returns
    -------
    ThresholdResult
        ``group_specific`` is True when the cut-offs differ between groups, so a dict giving every
        group the same cut-off is the same result as that single number.

    Raises
    ------
    ValueError
        On scores outside [0, 1] or NaN, a threshold outside [0, 1], a dict that names an unknown
        group or leaves a group out, or the input errors of the audit engine.

    See Also
    --------
    threshold_explorer : the same table behind sliders.
    hrfair_helpers.audit.group_metrics, hrfair_helpers.audit.adverse_impact : the engine used.

    Examples
    --------
    >>> y_true = [1, 1, 0, 0, 0, 1, 1, 0, 0]
    >>> score = [0.9, 0.6, 0.7, 0.2, 0.1, 0.8, 0.3, 0.4, 0.1]
    >>> sex = ["F"] * 5 + ["M"] * 4
    >>> res = threshold_table(y_true, score, sex, 0.5, min_group_size=1)
    >>> res.table[["selection_rate", "tpr", "fpr", "impact_ratio"]].round(3)
           selection_rate  tpr    fpr  impact_ratio
    group
    F                0.60  1.0  0.333         1.000
    M                0.25  0.5  0.000         0.417
    >>> round(res.accuracy, 3), round(res.balanced_accuracy, 3), res.group_specific
    (0.778, 0.775, False)
    >>> threshold_table(y_true, score, sex, {"F": 0.5, "M": 0.35}, min_group_size=1).group_specific
    True
    """
    min_group_size = validation.check_min_group_size(min_group_size)
    truth, scores, encoded = _prepare(y_true, y_score, groups, data)
    cutoffs, by_group = _per_row_cutoffs(thresholds, encoded)
    counts = GroupCounts.from_encoded(encoded, scores >= cutoffs, truth)
    metrics = metrics_report(counts, min_group_size=min_group_size)
    impact = impact_report(counts, min_group_size=min_group_size)
    # Everyone as one group: overall accuracy, TPR and FPR from the same cells.
    tn, fp, fn, tp = counts.cells.sum(axis=0)
    tpr = tp / (tp + fn) if tp + fn else np.nan
    fpr = fp / (fp + tn) if fp + tn else np.nan

    table = pd.DataFrame(
        {
            "threshold": [by_group[g] for g in metrics.by_group.index],
            "n": metrics.by_group["n"],
            "selection_rate": metrics.by_group["selection_rate"],
            "tpr": metrics.by_group["tpr"],
            "fpr": metrics.by_group["fpr"],
            "impact_ratio": impact.table["impact_ratio"],
            "adverse_impact": impact.table["adverse_impact"],
        },
        index=metrics.by_group.index,
    )[TABLE_COLUMNS]
    notes = list(dict.fromkeys(metrics.notes + impact.notes))  # both reports note small groups
    return ThresholdResult(
        table=table,
        accuracy=float((tp + tn) / counts.n.sum()),
        balanced_accuracy=float((tpr + 1 - fpr) / 2),
        group_specific=len(set(by_group.values())) > 1,
        reference=impact.reference,
        thresholds=by_group,
        notes=notes,
    )


def _sweep(scores, encoded, thresholds):
    """Selected counts, shape (groups, thresholds), by binary search on each group's sorted scores."""
    size = len(encoded.labels)
    n = np.bincount(encoded.codes, minlength=size)
    order = np.lexsort((scores, encoded.codes))  # by group, then score
    sorted_scores = scores[order]
    starts = np.concatenate([[0], np.cumsum(n)])
    selected = np.empty((size, len(thresholds)), dtype=np.int64)
    for g in range(size):
        block = sorted_scores[starts[g] : starts[g + 1]]
        # People at or above each cut-off: block length minus those strictly below it.
        selected[g] = len(block) - np.searchsorted(block, thresholds, side="left")
    return n, selected


@dataclass
class ThresholdSweep:
    """Result of :func:`threshold_sweep`: each group's selections at every cut-off of a grid.

    Attributes
    ----------
    thresholds : ndarray of float
        The cut-offs, in the order given.
    labels : pandas.Index
        The groups.
    n : ndarray of int64
        People per group.
    selected : ndarray of int64, shape (groups, thresholds)
        People at or above each cut-off, per group.
    """

    thresholds: np.ndarray
    labels: pd.Index
    n: np.ndarray
    selected: np.ndarray
    notes: list[str] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        """One row per (cut-off, group) (the report protocol's ``table``; see :meth:`to_frame`)."""
        return self.to_frame()

    @property
    def selection_rates(self) -> np.ndarray:
        """Selection rate per group (rows) and cut-off (columns)."""
        return self.selected / self.n[:, None]

    @property
    def impact_ratios(self) -> np.ndarray:
        """Each group's rate over the highest group's rate at that cut-off; NaN where no one is selected."""
        ratios = np.full(self.selected.shape, np.nan)
        for j, ref in enumerate(self.selection_rates.argmax(axis=0)):
            if self.selected[ref, j]:  # exact, as in threshold_table, so the two agree at every cut-off
                ratios[:, j] = _stats.impact_ratios(self.selected[:, j], self.n, self.selected[ref, j], self.n[ref])
        return ratios

    def to_frame(self) -> pd.DataFrame:
        """One row per (cut-off, group): ``n``, ``selected``, ``selection_rate``, ``impact_ratio``."""
        size = len(self.labels)
        # Group labels may be tuples (intersections): keep them as one level, not several.
        groups = pd.Index(list(self.labels) * len(self.thresholds), tupleize_cols=False, name="group")
        index = pd.MultiIndex.from_arrays([np.repeat(self.thresholds, size), groups], names=["threshold", "group"])
        return pd.DataFrame(
            {
                "n": np.tile(self.n, len(self.thresholds)),
                "selected": self.selected.T.ravel(),
                "selection_rate": self.selection_rates.T.ravel(),
                "impact_ratio": self.impact_ratios.T.ravel(),
            },
            index=index,
        )

    def _repr_html_(self):
        facts = {
            "groups": len(self.labels),
            "cut-offs": f"{len(self.thresholds)} from {self.thresholds.min():g} to {self.thresholds.max():g}",
        }
        return render.render_html("Selection rates by cut-off", facts, self.to_frame(), self.notes)

    def __repr__(self):
        facts = {"groups": len(self.labels), "cut-offs": len(self.thresholds)}
        return render.render_text("Selection rates by cut-off", facts, self.to_frame(), self.notes)

    def plot(self, ax: Sequence[Axes] | np.ndarray | None = None) -> np.ndarray:
        """Selection rate by group (left) and impact ratio against the highest group (right), by cut-off.

        Both axes run from 0 to 1, so differences are never visually exaggerated; the right panel
        has the four-fifths (0.8) line.

        Parameters
        ----------
        ax : pair of matplotlib Axes, optional
            Where to draw; by default a new figure with two panels.

        Returns
        -------
        ndarray of two matplotlib Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(1, 2, figsize=(10, 3.8), sharex=True)
        axes = np.ravel(np.asarray(ax, dtype=object))
        if axes.size != 2:
            raise ValueError("ax must be two Axes (selection rate, impact ratio), e.g. plt.subplots(1, 2)[1]")
        rates, ratios, grid = self.selection_rates, self.impact_ratios, self.thresholds
        for i, label in enumerate(self.labels):
            name = render.format_label(label)
            color = style.group_color(i)
            # clip_on=False: the reference group's ratio of 1 sits on the top edge and must stay visible.
            axes[0].plot(grid, rates[i], marker="o", markersize=3, color=color, label=name, clip_on=False)
            axes[1].plot(grid, ratios[i], marker="o", markersize=3, color=color, label=name, clip_on=False)
        axes[1].axhline(0.8, color=style.THRESHOLD_COLOR, linestyle="--", label="0.8 (four-fifths)")
        for a, title in zip(axes, ("Selection rate by group", "Impact ratio vs highest group")):
            a.set_xlim(0, 1)
            a.set_ylim(0, 1)
            a.set_xlabel("threshold (selected when score ≥ threshold)")
            a.set_title(title)
            a.grid(alpha=0.3)
        axes[0].set_ylabel("selection rate")
        axes[1].set_ylabel("impact ratio")
        axes[0].legend(loc="upper right", fontsize="small")
        axes[1].legend(loc="lower left", fontsize="small")
        return axes


def threshold_sweep(
    y_true: Column,
    y_score: Column,
    groups: Groups,
    thresholds: ArrayLike = DEFAULT_THRESHOLDS,
    *,
    data: pd.DataFrame | None = None,
) -> ThresholdSweep:
    """Each group's selection rate and impact ratio at every cut-off of a grid, counted at once.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool, or column name
        Checked like :func:`threshold_table` (the sweep itself needs only the scores).
    y_score : array-like of float in [0, 1], or column name
    groups : Series, 1-D array, DataFrame or column name(s)
    thresholds : array-like of float in [0, 1], default 0.05, 0.10, ..., 0.95
    data : DataFrame, optional

    Returns
    -------
    ThresholdSweep

    Examples
    --------
    >>> sweep = threshold_sweep([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"], [0.3, 0.5])
    >>> sweep.selection_rates.tolist(), sweep.impact_ratios.tolist()
    ([[1.0, 0.5], [0.5, 0.5]], [[1.0, 1.0], [0.5, 1.0]])
    """
    _, scores, encoded = _prepare(y_true, y_score, groups, data)
    grid = np.asarray(thresholds, dtype=float)
    if grid.ndim != 1 or grid.size == 0:
        raise ValueError("thresholds must be a non-empty 1-D list of cut-offs, e.g. np.linspace(0.05, 0.95, 19)")
    if np.isnan(grid).any() or (grid < 0).any() or (grid > 1).any():
        raise ValueError("every threshold must be between 0 and 1")
    n, selected = _sweep(scores, encoded, grid)
    return ThresholdSweep(grid, encoded.labels, n, selected)
