"""Error rates by group and the standard between-group fairness disparities.

Checked libraries: fairlearn's ``MetricFrame`` disaggregates any metric and its
``demographic_parity_*`` / ``equalized_odds_*`` / ``equal_opportunity_*`` functions give the
disparities; they are the reference this module is tested against. We keep our own engine because
every metric here comes from one 4-cell confusion count per group, which is one ``bincount`` pass
(MetricFrame re-slices the data per metric and per group), and because bootstrap intervals then
reduce to multinomial draws on those counts.
"""

from __future__ import annotations

import numbers
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._utils import render, style, validation
from .counts import count_groups

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import AnyFrame, Column, Groups, RandomState, UnknownLabels
    from .counts import GroupCounts

METRICS = ["n", "base_rate", "selection_rate", "tpr", "fpr", "fnr", "ppv", "accuracy"]
RATE_METRICS = METRICS[1:]
DISPARITIES = {
    "demographic_parity": ("selection_rate",),
    "equal_opportunity": ("tpr",),
    "equalized_odds": ("tpr", "fpr"),
    "predictive_parity": ("ppv",),
}


def _rates(tp, fp, fn, tn):
    """Every rate from confusion counts; works on arrays of any shape (groups, or draws × groups)."""
    n = tp + fp + fn + tn
    with np.errstate(divide="ignore", invalid="ignore"):
        return {
            "base_rate": (tp + fn) / n,
            "selection_rate": (tp + fp) / n,
            "tpr": tp / (tp + fn),
            "fpr": fp / (fp + tn),
            "fnr": fn / (tp + fn),
            "ppv": tp / (tp + fp),
            "accuracy": (tp + tn) / n,
        }


def _disparities(rates, axis=-1):
    """Between-group difference (max - min) and ratio (min / max) of each disparity, NaN-aware.

    Groups where a rate is undefined are left out; a rate defined in fewer than two groups gives
    NaN (there is nothing to compare), never a 0 difference and a ratio of 1. A ratio whose
    largest rate is 0 is NaN (0 / 0), as in fairlearn. Equalized odds takes the worse of TPR and
    FPR (the larger difference, the smaller ratio), as fairlearn's ``equalized_odds_difference`` /
    ``equalized_odds_ratio`` do; a rate that is 0 in every group is at parity and leaves the ratio
    to the other one (fairlearn gives the TPR ratio when FPR is 0 everywhere, but NaN when TPR is).
    """
    out = {}
    # A metric undefined in every group (e.g. no positives anywhere) gives NaN, not a warning.
    with np.errstate(divide="ignore", invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        for name, metrics in DISPARITIES.items():
            diffs, ratios = [], []
            for m in metrics:
                compared = (~np.isnan(rates[m])).sum(axis=axis) >= 2
                hi, lo = np.nanmax(rates[m], axis=axis), np.nanmin(rates[m], axis=axis)
                ratio = np.where(hi > 0, lo / hi, np.inf if len(metrics) > 1 else np.nan)
                diffs.append(np.where(compared, hi - lo, np.nan))
                ratios.append(np.where(compared, ratio, np.nan))
            worst = np.min(ratios, axis=0)
            out[name] = (np.max(diffs, axis=0), np.where(np.isinf(worst), np.nan, worst))
    return out


def _disparity_notes(by_group):
    """Why a disparity is NaN, or rests on one rate only: what the tables alone do not say."""
    if len(by_group) < 2:
        return ["only one group: there is nothing to compare, so every disparity is NaN"]
    notes = []
    defined = {m: by_group[m].dropna() for m in ("tpr", "fpr", "ppv")}
    for metric, what in (("tpr", "actual positives"), ("fpr", "actual negatives"), ("ppv", "predicted positives")):
        if len(defined[metric]) < 2:
            uses = [name for name, metrics in DISPARITIES.items() if metric in metrics]
            notes.append(
                f"{' and '.join(uses)} undefined (NaN): {metric} is defined for fewer than two groups "
                f"(the others have no {what}), so there is nothing to compare"
            )
    if len(defined["tpr"]) >= 2 and len(defined["fpr"]) >= 2:
        for metric, other in (("tpr", "fpr"), ("fpr", "tpr")):
            if (defined[metric] == 0).all() and not (defined[other] == 0).all():
                notes.append(f"{metric} is 0 in every group (parity), so the equalized_odds ratio is the {other} ratio")
    return notes


@dataclass
class GroupMetricsReport:
    """Result of :func:`group_metrics`.

    Attributes
    ----------
    by_group : DataFrame
        ``n, base_rate, selection_rate, tpr, fpr, fnr, ppv, accuracy`` per group.
    disparities : DataFrame
        Rows ``demographic_parity, equal_opportunity, equalized_odds, predictive_parity``;
        columns ``difference`` (max - min over groups) and ``ratio`` (min / max), plus
        ``difference_low/high`` and ``ratio_low/high`` with bootstrap intervals.
    intervals : DataFrame or None
        Bootstrap percentile intervals per group: columns ``<metric>_low`` / ``<metric>_high``.
    unknown_count : int
    notes : list of str
    """

    by_group: pd.DataFrame
    disparities: pd.DataFrame
    intervals: pd.DataFrame | None = None
    unknown_count: int = 0
    notes: list[str] = field(default_factory=list)
    ci: float = 0.95

    @property
    def table(self) -> pd.DataFrame:
        """The per-group table (the report protocol's ``table``; the same object as ``by_group``)."""
        return self.by_group

    def to_frame(self) -> pd.DataFrame:
        """The per-group table (with interval columns when bootstrapped) as a new DataFrame."""
        if self.intervals is None:
            return self.by_group.copy()
        return pd.concat([self.by_group, self.intervals], axis=1)

    def _facts(self):
        facts = {"groups": len(self.by_group), "unknown group": self.unknown_count}
        if self.intervals is not None:
            facts["intervals"] = f"{self.ci:.0%} bootstrap percentile intervals"
        return facts

    def _repr_html_(self):
        body = render.render_html("Metrics by group", self._facts(), self.to_frame(), [])
        body += render.render_html("Disparities between groups", {}, self.disparities, self.notes)
        return body

    def __repr__(self):
        return "\n\n".join(
            [
                render.render_text("Metrics by group", self._facts(), self.by_group, []),
                render.render_text("Disparities between groups", {}, self.disparities, self.notes),
            ]
        )

    def plot(
        self,
        metrics: Sequence[str] = ("selection_rate", "tpr", "fpr", "ppv"),
        axes: Axes | Sequence[Axes] | np.ndarray | None = None,
    ) -> np.ndarray:
        """One bar panel per metric on a 0–1 axis, with bootstrap intervals when available."""
        import matplotlib.pyplot as plt

        unknown = [m for m in metrics if m not in RATE_METRICS]
        if unknown:
            raise ValueError(f"unknown metric(s) {unknown}; choose from {RATE_METRICS}")
        if axes is None:
            height = 0.45 * len(self.by_group) + 1.4
            _, axes = plt.subplots(1, len(metrics), figsize=(3.2 * len(metrics), height), sharey=True)
        axes = np.atleast_1d(axes)
        for ax, metric in zip(axes, metrics):
            values = self.by_group[metric].to_numpy()
            errors = None
            if self.intervals is not None:
                low = self.intervals[f"{metric}_low"].to_numpy()
                high = self.intervals[f"{metric}_high"].to_numpy()
                errors = np.vstack([values - low, high - values])
            style.bar_axes(ax, self.by_group.index, values, errors=errors, xlabel=metric, title=metric)
        return axes


def group_metrics(
    y_true: Column,
    y_pred: Column,
    groups: Groups,
    *,
    data: AnyFrame | None = None,
    unknown: UnknownLabels = None,
    min_group_size: int = 30,
    n_boot: int = 0,
    ci: float = 0.95,
    random_state: RandomState = None,
) -> GroupMetricsReport:
    """Selection and error rates by group, with the between-group fairness disparities.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool, or column name
        The outcome that actually happened (or the label treated as ground truth).
    y_pred : array-like of 0/1 or bool, or column name
        The decision or prediction being audited.
    groups : Series, 1-D array, DataFrame, dict or list of Series or arrays, or column name(s)
        Group of each person; several columns give intersectional groups (as in
        :func:`adverse_impact`).
    data : DataFrame, optional
        When given, the first three arguments may be column names of it. A polars, DuckDB or
        PySpark data frame is counted where it lives (the three arguments are then column names),
        as in :func:`adverse_impact`.
    unknown : str or list of str, optional
        Labels meaning "unknown group", as in :func:`adverse_impact`: rows whose group is missing
        or one of them are counted separately and left out. By default a missing group is an error.
    min_group_size : int, default 30
        Groups smaller than this are named in the notes (never dropped).
    n_boot : int, default 0
        Number of bootstrap draws for percentile intervals; 0 for none. Each group is resampled
        with its own size fixed (a stratified bootstrap), drawn as a multinomial on its
        confusion counts, which is exactly equivalent to resampling its rows.
    ci : float, default 0.95
        Interval coverage.
    random_state : None, int or numpy Generator, optional
        Seed for the bootstrap (an int >= 0 or a ``numpy.random.Generator``); anything else
        raises ``ValueError``.

    Returns
    -------
    GroupMetricsReport

    Notes
    -----
    TPR = TP / (TP + FN) (recall; equal opportunity compares it), FNR = 1 - TPR,
    FPR = FP / (FP + TN), PPV = TP / (TP + FP) (predictive parity compares it). A rate whose
    denominator is zero in a group is NaN and is named in the notes; the disparities compare the
    groups where it is defined, and are NaN (with a note) when fewer than two groups are left,
    e.g. equal opportunity when only one group has actual positives. fairlearn, through
    scikit-learn, reports 0 for such a rate instead.

    ``equalized_odds`` is the worse of the TPR and FPR disparities; when FPR is 0 in every group
    its ratio is the TPR ratio, as fairlearn's ``equalized_odds_ratio`` gives (and symmetrically
    the FPR ratio when TPR is 0 everywhere, where fairlearn gives NaN).

    Examples
    --------
    >>> y_true = [1, 1, 0, 0, 1, 1, 0, 0]
    >>> y_pred = [1, 0, 0, 0, 1, 1, 1, 0]
    >>> sex = ["F", "F", "F", "F", "M", "M", "M", "M"]
    >>> rep = group_metrics(y_true, y_pred, sex, min_group_size=1)
    >>> rep.by_group[["selection_rate", "tpr", "fpr"]]
           selection_rate  tpr  fpr
    group
    F                0.25  0.5  0.0
    M                0.75  1.0  0.5
    >>> float(rep.disparities.loc["equal_opportunity", "difference"])
    0.5
    """
    min_group_size = validation.check_min_group_size(min_group_size)
    if isinstance(ci, (bool, np.bool_)) or not isinstance(ci, numbers.Real) or not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1 (a number such as 0.95); got {ci!r}")
    validation.check_whole_number(n_boot, "n_boot", 0)
    validation.check_random_state(random_state)
    counts = count_groups(y_pred, groups, y_true=y_true, data=data, unknown=unknown)
    return metrics_report(counts, min_group_size=min_group_size, n_boot=n_boot, ci=ci, random_state=random_state)


def metrics_report(
    counts: GroupCounts,
    *,
    min_group_size: int = 30,
    n_boot: int = 0,
    ci: float = 0.95,
    random_state: RandomState = None,
) -> GroupMetricsReport:
    """The :func:`group_metrics` report from a :class:`~hrfair_helpers.audit.counts.GroupCounts` with cells."""
    cells = counts.cells
    tn, fp, fn, tp = (cells[:, i].astype(float) for i in range(4))
    rates = _rates(tp, fp, fn, tn)
    by_group = pd.DataFrame({"n": counts.n, **rates}, index=counts.labels)[METRICS]

    notes = counts.notes(min_group_size)
    for metric in ("tpr", "fpr", "ppv"):
        undefined = by_group.index[by_group[metric].isna()]
        if len(undefined):
            notes.append(
                f"{metric} is undefined (no one in its denominator) for: "
                f"{', '.join(map(render.format_label, undefined))}"
            )
    notes.extend(_disparity_notes(by_group))

    point = _disparities({k: v for k, v in rates.items()})
    disparities = pd.DataFrame(
        {"difference": [float(point[k][0]) for k in DISPARITIES], "ratio": [float(point[k][1]) for k in DISPARITIES]},
        index=list(DISPARITIES),
    )
    intervals = None
    if n_boot:
        intervals, disparity_ci = _bootstrap(cells, n_boot, ci, random_state, counts.labels)
        disparities = pd.concat([disparities, disparity_ci], axis=1)
    return GroupMetricsReport(
        by_group=by_group,
        disparities=disparities,
        intervals=intervals,
        unknown_count=counts.unknown_count,
        notes=notes,
        ci=ci,
    )


def _bootstrap(cells, n_boot, ci, random_state, labels):
    """Stratified bootstrap as multinomial draws on each group's confusion counts."""
    rng = np.random.default_rng(random_state)
    n = cells.sum(axis=1)
    draws = np.stack([rng.multinomial(k, row / k, size=n_boot) for k, row in zip(n, cells)], axis=1).astype(
        float
    )  # shape (n_boot, groups, 4)
    rates = _rates(draws[..., 3], draws[..., 1], draws[..., 2], draws[..., 0])
    tail = (1 - ci) / 2 * 100
    bounds = [tail, 100 - tail]
    columns = {}
    for metric in RATE_METRICS:
        low, high = _nanpercentile(rates[metric], bounds, axis=0)
        columns[f"{metric}_low"], columns[f"{metric}_high"] = low, high
    intervals = pd.DataFrame(columns, index=labels)

    boot = _disparities(rates, axis=1)
    rows = {}
    for name, (diff, ratio) in boot.items():
        d_low, d_high = _nanpercentile(diff, bounds)
        r_low, r_high = _nanpercentile(ratio, bounds)
        rows[name] = {"difference_low": d_low, "difference_high": d_high, "ratio_low": r_low, "ratio_high": r_high}
    return intervals, pd.DataFrame.from_dict(rows, orient="index")


def _nanpercentile(values, q, axis=None):
    """Percentiles ignoring NaN draws; all-NaN columns give NaN without a RuntimeWarning."""
    values = np.asarray(values, dtype=float)
    if axis is None:
        finite = values[~np.isnan(values)]
        return np.percentile(finite, q) if finite.size else np.array([np.nan, np.nan])
    out = np.full((len(q),) + values.shape[1:], np.nan)
    has = ~np.isnan(values).all(axis=0)
    if has.any():
        out[:, has] = np.nanpercentile(values[:, has], q, axis=0)
    return out
