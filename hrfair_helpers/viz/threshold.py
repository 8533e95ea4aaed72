"""What a decision threshold does to each group, interactively and in print.

:func:`threshold_explorer` puts :func:`~hrfair_helpers.audit.threshold_table` behind ipywidgets
sliders; :func:`plot_threshold_sweep` draws :func:`~hrfair_helpers.audit.threshold_sweep`. The
tables themselves, and their counting, live in :mod:`hrfair_helpers.audit.threshold`. Checked
libraries: fairlearn's ``plot_threshold_optimizer`` draws the thresholds its optimizer *chose*; no
maintained library lets a student move a cut-off and watch each group's rates. ipywidgets 8 and
matplotlib are imported only when used.

A person is selected when ``score >= threshold``.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._utils import deprecation, render, validation
from ..audit.threshold import DEFAULT_THRESHOLDS, LEGAL_WARNING, threshold_sweep, threshold_table

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from ipywidgets import VBox
    from matplotlib.axes import Axes
    from numpy.typing import ArrayLike

    from .._utils.typing import Column, Groups

__all__ = ["plot_threshold_sweep", "threshold_explorer"]


# --------------------------------------------------------------------------- #
# the explorer


class _Explorer:
    """The explorer's state and update logic, kept apart from the widgets so tests can drive it."""

    def __init__(self, y_true, y_score, groups, initial, data, min_group_size):
        import ipywidgets as widgets

        initial = validation.check_fraction(initial, "initial", why=" (scores are probabilities)")
        # The inputs are checked (and the groups found) once, by the first table.
        self.arguments = dict(y_true=y_true, y_score=y_score, groups=groups, data=data, min_group_size=min_group_size)
        self.result = threshold_table(thresholds=initial, **self.arguments)
        self.labels = list(self.result.table.index)
        self._busy = False  # set while several sliders move at once, so the table is drawn once

        slider = dict(min=0.0, max=1.0, step=0.01, readout_format=".2f", continuous_update=False)
        wide = {"description_width": "initial"}
        self.single = widgets.FloatSlider(value=initial, description="threshold", style=wide, **slider)
        self.group_specific = widgets.Checkbox(value=False, description="group-specific thresholds", indent=False)
        self.per_group = {
            g: widgets.FloatSlider(value=initial, description=render.format_label(g), style=wide, **slider)
            for g in self.labels
        }
        self.per_group_box = widgets.VBox(list(self.per_group.values()), layout=widgets.Layout(display="none"))
        self.warning = widgets.HTML(
            value=f"<p style='color:#8a1c1c'><strong>Warning:</strong> {html.escape(LEGAL_WARNING)}</p>",
            layout=widgets.Layout(display="none"),
        )
        self.table = widgets.HTML()

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
        self.result = threshold_table(thresholds=self.thresholds(), **self.arguments)
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


def threshold_explorer(
    y_true: Column,
    y_score: Column,
    groups: Groups,
    *,
    initial: float = 0.5,
    data: pd.DataFrame | None = None,
    min_group_size: int = 30,
) -> VBox:
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


@deprecation.keyword_only_after("thresholds")
def plot_threshold_sweep(
    y_true: Column,
    y_score: Column,
    groups: Groups,
    thresholds: ArrayLike = DEFAULT_THRESHOLDS,
    *,
    ax: Sequence[Axes] | np.ndarray | None = None,
    data: pd.DataFrame | None = None,
) -> np.ndarray:
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
    return threshold_sweep(y_true, y_score, groups, thresholds, data=data).plot(ax)


# The table and its result moved to hrfair_helpers.audit.threshold (issue 16); served here for one release.
__getattr__ = deprecation.moved(
    __name__, {"ThresholdResult": "hrfair_helpers.audit.threshold", "TABLE_COLUMNS": "hrfair_helpers.audit.threshold"}
)
