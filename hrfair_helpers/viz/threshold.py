"""What a decision threshold does to each group: a table, an interactive explorer and a sweep plot.

Checked libraries: fairlearn 0.15's ``ThresholdOptimizer`` (with ``plot_threshold_optimizer``)
*chooses* group-specific thresholds to meet a constraint, and scikit-learn 1.7's
``TunedThresholdClassifierCV`` tunes one cut-off for a score; neither lets a student move a
cut-off and watch selection rates, TPR and the impact ratio change by group. So this module is a
thin layer over our audit engine (:func:`~hrfair_helpers.audit.group_metrics` and
:func:`~hrfair_helpers.audit.adverse_impact`), with ipywidgets 8 for the explorer and matplotlib
for the static figure, both imported only when used.

A person is selected when ``score >= threshold``.
"""

import html
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._utils import grouping, render, style, validation
from ..audit import adverse_impact, group_metrics

TABLE_COLUMNS = ["threshold", "n", "selection_rate", "tpr", "fpr", "impact_ratio", "adverse_impact"]

LEGAL_WARNING = (
    "Group-specific cut-offs use the protected attribute at the moment of decision. In the US, "
    "using different cut-off scores for, or adjusting the scores of, employment-related tests on "
    "the basis of race, color, religion, sex or national origin is prohibited by Title VII, "
    "42 U.S.C. §2000e-2(l) (as of November 2026). Use this mode to understand the trade-off, "
    "not to set policy."
)


# --------------------------------------------------------------------------- #
# validation


def _cutoff(value, what):
    """One threshold as a float in [0, 1]."""
    return validation.check_fraction(value, what, why=" (scores are probabilities)")


def _prepare(y_true, y_score, groups, data):
    """Resolve column names, check lengths and encode groups once for every function here."""
    columns, groups, frame = grouping.resolve_all(data, groups, y_true=y_true, y_score=y_score)
    validation.binary(columns["y_true"], "y_true")
    scores = validation.check_probabilities(columns["y_score"], "y_score")
    encoded = grouping.encode_groups(frame)
    return columns["y_true"], scores, groups, encoded


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


# --------------------------------------------------------------------------- #
# the table


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
    thresholds: dict
    notes: list = field(default_factory=list)

    def to_frame(self):
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

    def plot(self, ax=None, kind="selection_rate"):
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


def threshold_table(y_true, y_score, groups, thresholds, *, data=None, min_group_size=30):
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
    y_true, scores, groups, encoded = _prepare(y_true, y_score, groups, data)
    cutoffs, by_group = _per_row_cutoffs(thresholds, encoded)
    selected = (scores >= cutoffs).astype(np.int8)

    metrics = group_metrics(y_true, selected, groups, min_group_size=min_group_size)
    impact = adverse_impact(selected, groups, min_group_size=min_group_size)
    # The engine again, on one group holding everyone: overall accuracy, TPR and FPR.
    overall = group_metrics(y_true, selected, np.zeros(len(selected), dtype=np.int8), min_group_size=1)
    overall = overall.by_group.iloc[0]

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
    notes = list(dict.fromkeys(metrics.notes + impact.notes))  # both engines note small groups
    return ThresholdResult(
        table=table,
        accuracy=float(overall["accuracy"]),
        balanced_accuracy=float((overall["tpr"] + 1 - overall["fpr"]) / 2),
        group_specific=len(set(by_group.values())) > 1,
        reference=impact.reference,
        thresholds=by_group,
        notes=notes,
    )


# --------------------------------------------------------------------------- #
# the explorer


class _Explorer:
    """The explorer's state and update logic, kept apart from the widgets so tests can drive it."""

    def __init__(self, y_true, y_score, groups, initial, data, min_group_size):
        import ipywidgets as widgets

        self.y_true, self.scores, self.groups, encoded = _prepare(y_true, y_score, groups, data)
        self.labels = list(encoded.labels)
        self.min_group_size = min_group_size
        initial = _cutoff(initial, "initial")
        self._busy = False  # set while several sliders move at once, so the table is drawn once

        slider = dict(min=0.0, max=1.0, step=0.01, readout_format=".2f", continuous_update=False)
        wide = {"description_width": "initial"}
        self.single = widgets.FloatSlider(value=initial, description="threshold", style=wide, **slider)
        self.group_specific = widgets.Checkbox(
            value=False, description="group-specific thresholds", indent=False
        )
        self.per_group = {
            g: widgets.FloatSlider(
                value=initial, description=render.format_label(g), style=wide, **slider
            )
            for g in self.labels
        }
        self.per_group_box = widgets.VBox(
            list(self.per_group.values()), layout=widgets.Layout(display="none")
        )
        self.warning = widgets.HTML(
            value=f"<p style='color:#8a1c1c'><strong>Warning:</strong> {html.escape(LEGAL_WARNING)}</p>",
            layout=widgets.Layout(display="none"),
        )
        self.table = widgets.HTML()
        self.result = None

        self.single.observe(self.update, names="value")
        for s in self.per_group.values():
            s.observe(self.update, names="value")
        self.group_specific.observe(self.toggle, names="value")
        self.update()

    def thresholds(self):
        """The cut-off(s) the sliders currently describe."""
        if self.group_specific.value:
            return {g: s.value for g, s in self.per_group.items()}
        return self.single.value

    def update(self, change=None):
        """Recompute the table from the sliders and write it into the HTML widget."""
        if self._busy:
            return
        self.result = threshold_table(
            self.y_true, self.scores, self.groups, self.thresholds(), min_group_size=self.min_group_size
        )
        self.table.value = self.result._repr_html_()

    def toggle(self, change=None):
        """Show the per-group sliders and the legal warning in group-specific mode only."""
        on = bool(self.group_specific.value)
        if on:
            # Start every group at the common cut-off, so switching modes alone changes nothing.
            self._busy = True
            try:
                for s in self.per_group.values():
                    s.value = self.single.value
            finally:
                self._busy = False
        self.per_group_box.layout.display = None if on else "none"
        self.warning.layout.display = None if on else "none"
        self.single.disabled = on
        self.update()


def threshold_explorer(y_true, y_score, groups, *, initial=0.5, data=None, min_group_size=30):
    """An ipywidgets panel: move the cut-off and watch the rates by group change.

    A slider sets one threshold for everyone. Ticking "group-specific thresholds" reveals one
    slider per group and a warning that such cut-offs use the protected attribute at decision
    time, which US law prohibits for employment tests (42 U.S.C. §2000e-2(l), as of November
    2026). The table below (selection rate, TPR, FPR, impact ratio by group, accuracy and
    balanced accuracy) is recomputed with :func:`threshold_table` on every change.

    Parameters
    ----------
    y_true, y_score, groups, data, min_group_size
        As in :func:`threshold_table` (checked once, when the panel is built).
    initial : float, default 0.5
        Starting threshold.

    Returns
    -------
    ipywidgets.VBox
        Display it in a notebook. For scripts and tests it also carries ``single`` (the common
        slider), ``group_specific`` (the checkbox), ``per_group`` (dict group → slider, shown
        in ``per_group_box``), ``warning`` (the legal warning), ``table`` (the HTML widget with the table) and
        ``explorer`` (whose ``result`` is the latest :class:`ThresholdResult`).

    Examples
    --------
    >>> box = threshold_explorer([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"])
    >>> box.single.value = 0.7
    >>> box.explorer.result.table["selection_rate"].tolist()
    [0.5, 0.0]
    >>> box.group_specific.value = True
    >>> box.per_group["b"].value = 0.5
    >>> box.explorer.result.group_specific, "2000e-2(l)" in box.table.value
    (True, True)
    """
    import ipywidgets as widgets

    explorer = _Explorer(y_true, y_score, groups, initial, data, min_group_size)
    box = widgets.VBox(
        [explorer.single, explorer.group_specific, explorer.warning, explorer.per_group_box, explorer.table]
    )
    box.explorer = explorer
    box.single = explorer.single
    box.group_specific = explorer.group_specific
    box.per_group = explorer.per_group
    box.per_group_box = explorer.per_group_box
    box.warning = explorer.warning
    box.table = explorer.table
    return box


# --------------------------------------------------------------------------- #
# the static sweep


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


def plot_threshold_sweep(
    y_true, y_score, groups, thresholds=np.linspace(0.05, 0.95, 19), ax=None, *, data=None
):
    """Selection rate by group and impact ratio against the threshold, for the printed book.

    Left panel: each group's selection rate. Right panel: each group's impact ratio against the
    group with the highest selection rate at that cut-off, with the four-fifths (0.8) line. Both
    axes run from 0 to 1, so differences are never visually exaggerated.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool, or column name
        Checked like the other functions here (the sweep itself needs only the scores).
    y_score : array-like of float in [0, 1], or column name
    groups : Series, 1-D array, DataFrame or column name(s)
    thresholds : array-like of float in [0, 1], default 0.05, 0.10, ..., 0.95
    ax : pair of matplotlib Axes, optional
        Where to draw; by default a new figure with two panels.
    data : DataFrame, optional

    Returns
    -------
    ndarray of two matplotlib Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> axes = plot_threshold_sweep([1, 0, 1, 0], [0.9, 0.4, 0.6, 0.2], ["a", "a", "b", "b"])
    >>> [float(v) for v in axes[1].get_ylim()]
    [0.0, 1.0]
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    import matplotlib.pyplot as plt

    _, scores, _, encoded = _prepare(y_true, y_score, groups, data)
    grid = np.asarray(thresholds, dtype=float)
    if grid.ndim != 1 or grid.size == 0:
        raise ValueError(
            "thresholds must be a non-empty 1-D list of cut-offs, e.g. np.linspace(0.05, 0.95, 19)"
        )
    if np.isnan(grid).any() or (grid < 0).any() or (grid > 1).any():
        raise ValueError("every threshold must be between 0 and 1")
    if ax is None:
        _, ax = plt.subplots(1, 2, figsize=(10, 3.8), sharex=True)
    axes = np.ravel(np.asarray(ax, dtype=object))
    if axes.size != 2:
        raise ValueError("ax must be two Axes (selection rate, impact ratio), e.g. plt.subplots(1, 2)[1]")

    n, selected = _sweep(scores, encoded, grid)
    rates = selected / n[:, None]
    highest = rates.max(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        # No one selected in any group: the ratio is undefined, not 0 or 1.
        ratios = np.where(highest > 0, rates / highest, np.nan)

    for i, label in enumerate(encoded.labels):
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
