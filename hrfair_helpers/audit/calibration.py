"""Calibration by group: does a predicted 30 % mean the same 30 % for every group?

A score used to rank or shortlist people should mean the same thing whatever their group: if
women with a predicted probability of 0.3 succeed 40 % of the time while men with 0.3 succeed
30 % of the time, the score understates women. :func:`calibration_by_group` reports, per
group, the average prediction against the observed rate (calibration-in-the-large), the Brier
score, the expected calibration error (ECE) and the reliability-diagram bins.

Checked libraries: scikit-learn's ``sklearn.calibration.calibration_curve`` gives the
reliability-diagram points for one group, but not the number of people in each bin, which the
ECE needs, so its binning rule is reproduced here (``uniform`` edges or ``quantile`` edges from
``numpy.percentile``, ``searchsorted`` on the inner edges, empty bins dropped) and the tests
check that the points are identical. ``sklearn.metrics.brier_score_loss`` is the reference for
the Brier score, computed here for all groups in one ``bincount`` pass (and cross-checked).
scikit-learn 1.7 has no ECE; fairlearn's ``MetricFrame`` could disaggregate the Brier score but
has no calibration curve. Everything here needs only numpy and pandas.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import grouping, render, validation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import Column, Groups, UnknownLabels

COLUMNS = ["n", "mean_predicted", "observed_rate", "difference", "brier", "ece"]
STRATEGIES = ("quantile", "uniform")
MIN_PER_BIN = 20  # below this average bin size the ECE is mostly noise


@dataclass
class CalibrationReport:
    """Result of :func:`calibration_by_group`.

    Attributes
    ----------
    by_group : DataFrame
        Indexed by group; columns ``n``, ``mean_predicted``, ``observed_rate``, ``difference``
        (mean_predicted - observed_rate: positive = the model over-predicts for the group),
        ``brier`` and ``ece``.
    bins : DataFrame
        Long table, one row per non-empty bin of each group: the group column(s), ``bin``
        (0 = lowest probabilities), ``n``, ``mean_predicted`` and ``observed_rate``.
    n_bins : int
    strategy : str
    unknown_count : int
    notes : list of str
    """

    by_group: pd.DataFrame
    bins: pd.DataFrame
    n_bins: int = 10
    strategy: str = "quantile"
    unknown_count: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        """The per-group table (the report protocol's ``table``; the same object as ``by_group``)."""
        return self.by_group

    def to_frame(self) -> pd.DataFrame:
        """The per-group table as a new DataFrame."""
        return self.by_group.copy()

    def _facts(self):
        worst = self.by_group["difference"].abs().idxmax()
        return {
            "bins": f"{self.n_bins} {self.strategy} bins per group",
            "difference": "mean predicted - observed rate (positive = over-predicts)",
            "largest difference": (f"{render.format_label(worst)} ({self.by_group.loc[worst, 'difference']:+.3f})"),
            "unknown group": self.unknown_count,
        }

    def _repr_html_(self):
        return render.render_html("Calibration by group", self._facts(), self.by_group, self.notes)

    def __repr__(self):
        # Fixed decimals: pandas would print a difference of 0.0002 as 2.000e-04.
        shown = self.by_group.copy()
        for column in COLUMNS[1:]:
            shown[column] = shown[column].map("{:.3f}".format)
        return render.render_text("Calibration by group", self._facts(), shown, self.notes)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Reliability diagram: observed rate against mean prediction per bin, one line per group.

        Points on the dashed diagonal are perfectly calibrated; points below it mean the model
        over-predicts for that group. Both axes run from 0 to 1.
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(5.5, 5))
        ax.plot([0, 1], [0, 1], linestyle="--", color="grey", label="perfectly calibrated")
        group_columns = [c for c in self.bins.columns if c not in ("bin", "n", "mean_predicted", "observed_rate")]
        for label, part in self.bins.groupby(group_columns, sort=False, observed=True):
            label = label[0] if isinstance(label, tuple) and len(label) == 1 else label
            ax.plot(part["mean_predicted"], part["observed_rate"], marker="o", label=render.format_label(label))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.set_aspect("equal")
        ax.set_xlabel("mean predicted probability (per bin)")
        ax.set_ylabel("observed rate (per bin)")
        ax.set_title("Reliability diagram by group")
        ax.legend(loc="upper left", fontsize="small")
        return ax


def calibration_by_group(
    y_true: Column,
    y_prob: Column,
    groups: Groups,
    *,
    n_bins: int = 10,
    strategy: Literal["quantile", "uniform"] = "quantile",
    data: pd.DataFrame | None = None,
    unknown: UnknownLabels = None,
    min_group_size: int = 30,
) -> CalibrationReport:
    """Calibration of predicted probabilities within each group.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool, or column name
        The outcome that happened.
    y_prob : array-like of floats in [0, 1], or column name
        Predicted probability of the outcome, e.g. ``model.predict_proba(X)[:, 1]``.
    groups : Series, 1-D array, DataFrame, list of Series, or column name(s)
        Group of each person; several columns give intersectional groups.
    n_bins : int, default 10
        Bins of the reliability diagram (and of the ECE).
    strategy : {"quantile", "uniform"}, default "quantile"
        ``"quantile"``: edges at each group's own quantiles of ``y_prob``, so every bin holds
        about the same number of that group's people (ties can leave bins empty, and empty bins
        are dropped); ``"uniform"``: equal-width bins on [0, 1], the same for every group.
        The rule is that of ``sklearn.calibration.calibration_curve`` applied to each group.
    data : DataFrame, optional
        When given, the first three arguments may be column names of it.
    unknown : str or list of str, optional
        Labels meaning "unknown group", as in :func:`adverse_impact`: rows whose group is missing
        or one of them are counted separately and left out. By default a missing group is an error.
    min_group_size : int, default 30
        Groups smaller than this are named in the notes (never dropped).

    Returns
    -------
    CalibrationReport

    Notes
    -----
    Per group, with ``p`` the predictions and ``y`` the outcomes of its ``n`` people:

    - ``difference = mean(p) - mean(y)``: calibration-in-the-large; +0.1 means the model
      predicts 10 percentage points more successes than happen.
    - ``brier = mean((p - y)^2)``: overall accuracy of the probabilities (lower is better).
    - ``ece = sum over bins of n_b / n * |mean(y in b) - mean(p in b)|``: the count-weighted gap
      between the reliability curve and the diagonal. Noise in small bins makes it positive
      even for a perfectly calibrated model, so compare groups of similar size or use fewer
      bins for small groups.

    Examples
    --------
    >>> y_true = [0, 0, 1, 1, 0, 1, 1, 1]
    >>> y_prob = [0.2, 0.2, 0.8, 0.8, 0.5, 0.5, 0.9, 0.9]
    >>> group = ["A", "A", "A", "A", "B", "B", "B", "B"]
    >>> rep = calibration_by_group(y_true, y_prob, group, n_bins=2, strategy="uniform",
    ...                            min_group_size=1)
    >>> rep.to_frame().round(3)
           n  mean_predicted  observed_rate  difference  brier   ece
    group
    A      4             0.5           0.50       0.00   0.04  0.20
    B      4             0.7           0.75      -0.05   0.13  0.05
    >>> rep.bins
      group  bin  n  mean_predicted  observed_rate
    0     A    0  2             0.2            0.0
    1     A    1  2             0.8            1.0
    2     B    0  2             0.5            0.5
    3     B    1  2             0.9            1.0
    """
    min_group_size = validation.check_min_group_size(min_group_size)
    columns, groups, frame = grouping.resolve_all(data, groups, y_true=y_true, y_prob=y_prob)
    truth = validation.binary(columns["y_true"], "y_true")
    prob = validation.check_probabilities(columns["y_prob"], "y_prob")
    validation.check_whole_number(n_bins, "n_bins", 2, hint=" (10 is usual; fewer for small groups)")
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be 'quantile' or 'uniform', got {strategy!r}")
    encoded = grouping.encode_groups(frame, unknown=unknown)
    truth, prob = truth[encoded.known].astype(float), prob[encoded.known]
    codes, size = encoded.codes, len(encoded.labels)

    # Bin of each row, by calibration_curve's rule: searchsorted on the inner edges (side="left").
    if strategy == "uniform":
        binids = np.searchsorted(np.linspace(0.0, 1.0, n_bins + 1)[1:-1], prob)
    else:
        binids = np.empty(prob.size, dtype=np.int64)
        quantiles = np.linspace(0, 100, n_bins + 1)
        for g in range(size):
            rows = codes == g
            edges = np.percentile(prob[rows], quantiles)
            binids[rows] = np.searchsorted(edges[1:-1], prob[rows])

    n = np.bincount(codes, minlength=size)
    residual = truth - prob
    cell = codes * n_bins + binids
    cell_n = np.bincount(cell, minlength=size * n_bins).reshape(size, n_bins)
    cell_p = np.bincount(cell, weights=prob, minlength=size * n_bins).reshape(size, n_bins)
    cell_y = np.bincount(cell, weights=truth, minlength=size * n_bins).reshape(size, n_bins)
    # |observed - predicted| weighted by n_b / n equals |sum of (y - p) in the bin| / n.
    cell_r = np.bincount(cell, weights=residual, minlength=size * n_bins).reshape(size, n_bins)

    mean_predicted = cell_p.sum(axis=1) / n
    observed = cell_y.sum(axis=1) / n
    by_group = pd.DataFrame(
        {
            "n": n,
            "mean_predicted": mean_predicted,
            "observed_rate": observed,
            "difference": mean_predicted - observed,
            "brier": np.bincount(codes, weights=residual**2, minlength=size) / n,
            "ece": np.abs(cell_r).sum(axis=1) / n,
        },
        index=encoded.labels,
    )[COLUMNS]

    group_of, bin_of = np.nonzero(cell_n)  # row-major: groups in order, bins ascending
    counts = cell_n[group_of, bin_of]
    bins = encoded.labels.take(group_of).to_frame(index=False)
    bins["bin"] = bin_of.astype(np.int64)
    bins["n"] = counts
    bins["mean_predicted"] = cell_p[group_of, bin_of] / counts
    bins["observed_rate"] = cell_y[group_of, bin_of] / counts

    notes = grouping.group_notes(encoded, n, min_group_size)
    sparse = [render.format_label(lbl) for lbl, k in zip(encoded.labels, n) if k / n_bins < MIN_PER_BIN]
    if sparse:
        notes.append(
            f"{len(sparse)} group(s) have fewer than {MIN_PER_BIN} people per bin on average "
            f"({', '.join(sparse)}): their ECE is inflated by noise even for a well-calibrated "
            f"model; use fewer bins (n_bins) for them"
        )
    merged = [render.format_label(lbl) for lbl, row in zip(encoded.labels, cell_n) if (row > 0).sum() < n_bins]
    if merged and strategy == "quantile":
        notes.append(f"tied probabilities left fewer than {n_bins} non-empty bins for: {', '.join(merged)}")
    return CalibrationReport(
        by_group=by_group,
        bins=bins,
        n_bins=int(n_bins),
        strategy=strategy,
        unknown_count=encoded.unknown_count,
        notes=notes,
    )
