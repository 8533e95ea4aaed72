"""One set of counts per audit: people, selections and confusion cells per group.

Every group statistic in :mod:`hrfair_helpers.audit` is a function of a few whole numbers per
group: how many people, how many were selected and, when the true outcome is known, the four
confusion cells. :func:`count_groups` counts them once (one ``numpy.bincount`` pass in memory, or
one ``GROUP BY`` where polars, DuckDB or PySpark data lives) into a :class:`GroupCounts`, and
:func:`~hrfair_helpers.audit.adverse_impact`, :func:`~hrfair_helpers.audit.group_metrics`,
:func:`~hrfair_helpers.audit.disparity_report` and :func:`~hrfair_helpers.audit.threshold_table`
all read it: the lesson of aequitas, whose ``Group.get_crosstabs`` counts once and derives every
metric from that crosstab. Checked libraries: aequitas' crosstab is pandas-only and string-keyed,
fairlearn's ``MetricFrame`` recomputes each metric from the rows, so the counting is written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import grouping, render, validation

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from .._utils.typing import AnyFrame, Column, ColumnNames, Groups, UnknownLabels

__all__ = ["CELLS", "GroupCounts", "count_groups"]

#: The confusion cells, in the column order of :attr:`GroupCounts.cells` (truth * 2 + prediction).
CELLS = ("tn", "fp", "fn", "tp")


@dataclass(frozen=True)
class GroupCounts:
    """People, selections and (when the truth is known) confusion cells per group.

    Attributes
    ----------
    labels : pandas.Index or pandas.MultiIndex
        The observed groups, in the audit's order (declared categories, else sorted labels).
    n : ndarray of int64
        People per group.
    selected : ndarray of int64
        People selected (predicted positive) per group.
    cells : ndarray of int64, shape (groups, 4), or None
        ``TN, FP, FN, TP`` per group when the true outcome was counted, else None.
    unknown_count : int
        People whose group is unknown: counted apart and in no group.
    encoded : EncodedGroups
        How rows map to groups (codes, unknown rows, declared categories with no rows).
    """

    labels: pd.Index
    n: np.ndarray
    selected: np.ndarray
    cells: np.ndarray | None
    unknown_count: int
    encoded: grouping.EncodedGroups

    @classmethod
    def from_encoded(
        cls, encoded: grouping.EncodedGroups, selected: ArrayLike, y_true: ArrayLike | None = None
    ) -> GroupCounts:
        """Count already encoded rows: ``selected`` and ``y_true`` are 0/1 arrays over every input row."""
        size = len(encoded.labels)
        chosen = np.asarray(selected, dtype=np.int64)[encoded.known]
        n = np.bincount(encoded.codes, minlength=size).astype(np.int64)
        picked = np.bincount(encoded.codes, weights=chosen, minlength=size).astype(np.int64)
        cells = None
        if y_true is not None:
            truth = np.asarray(y_true, dtype=np.int64)[encoded.known]
            # Cell index: 0 = TN, 1 = FP, 2 = FN, 3 = TP (truth * 2 + prediction).
            position = encoded.codes * 4 + truth * 2 + chosen
            cells = np.bincount(position, minlength=4 * size).astype(np.int64).reshape(size, 4)
        return cls(encoded.labels, n, picked, cells, encoded.unknown_count, encoded)

    @classmethod
    def from_engine(
        cls,
        data: AnyFrame,
        groups: ColumnNames,
        *,
        selected: str,
        y_true: str | None = None,
        unknown: UnknownLabels = None,
    ) -> GroupCounts:
        """Count polars, DuckDB or PySpark data where it lives (column names only)."""
        from .engines import encoded_counts

        counted, encoded = encoded_counts(data, groups, selected=selected, y_true=y_true, unknown=unknown)
        size = len(encoded.labels)
        people, chosen = counted["n"].to_numpy(), counted["chosen"].to_numpy()
        n = np.bincount(encoded.codes, weights=people, minlength=size).astype(np.int64)
        picked = np.bincount(encoded.codes, weights=chosen, minlength=size).astype(np.int64)
        cells = None
        if y_true is not None:
            # Each (group, truth) cell splits into predicted 0 (n - chosen) and predicted 1 (chosen).
            position = encoded.codes * 4 + counted[y_true].to_numpy(dtype=np.int64) * 2
            cells = (
                np.bincount(np.r_[position, position + 1], weights=np.r_[people - chosen, chosen], minlength=4 * size)
                .astype(np.int64)
                .reshape(size, 4)
            )
        return cls(encoded.labels, n, picked, cells, encoded.unknown_count, encoded)

    def cell(self, name: Literal["tn", "fp", "fn", "tp"]) -> np.ndarray:
        """One confusion cell per group (``"tn"``, ``"fp"``, ``"fn"`` or ``"tp"``)."""
        if self.cells is None:
            raise ValueError("these counts have no confusion cells: count them with y_true= to get TN, FP, FN, TP")
        return self.cells[:, CELLS.index(name)]

    def notes(self, min_group_size: int) -> list[str]:
        """Plain-language notes about small, empty and unknown groups."""
        return grouping.group_notes(self.encoded, self.n, min_group_size)

    def to_frame(self) -> pd.DataFrame:
        """The counts as a DataFrame indexed by group: ``n``, ``selected`` and the cells when counted."""
        frame = pd.DataFrame({"n": self.n, "selected": self.selected}, index=self.labels)
        if self.cells is not None:
            for i, name in enumerate(CELLS):
                frame[name] = self.cells[:, i]
        return frame

    def _repr_html_(self):
        return render.render_html("Counts by group", {"unknown group": self.unknown_count}, self.to_frame(), [])

    def __repr__(self):
        return render.render_text("Counts by group", {"unknown group": self.unknown_count}, self.to_frame(), [])


def count_groups(
    y_pred: Column,
    groups: Groups,
    *,
    y_true: Column | None = None,
    data: AnyFrame | None = None,
    unknown: UnknownLabels = None,
) -> GroupCounts:
    """Count people, selections and (with ``y_true``) confusion cells per group, once.

    Parameters
    ----------
    y_pred : array-like of 0/1 or bool, or column name
        The decision: selected (1) or not (0).
    groups : Series, 1-D array, DataFrame, dict or list of Series or arrays, or column name(s)
        Group of each person; several columns give intersectional groups.
    y_true : array-like of 0/1 or bool, or column name, optional
        The true outcome; when given, the four confusion cells are counted too.
    data : pandas, polars, DuckDB or PySpark data frame, optional
        When given, the other arguments may be column names of it (and must be, for the engines
        other than pandas, which count where the data lives).
    unknown : str or list of str, optional
        Labels meaning "unknown group"; such rows (and missing groups) are counted apart. By
        default a missing group is an error.

    Returns
    -------
    GroupCounts

    Examples
    --------
    >>> counts = count_groups([1, 0, 1, 1], ["F", "F", "M", "M"], y_true=[1, 1, 0, 1])
    >>> counts.to_frame()
           n  selected  tn  fp  fn  tp
    group
    F      2         1   0   0   1   1
    M      2         2   0   1   0   1
    """
    # With a truth column the decision is named y_pred in messages, else selected (as the audits do).
    name = "selected" if y_true is None else "y_pred"
    if data is not None and not isinstance(data, pd.DataFrame):
        return GroupCounts.from_engine(data, groups, selected=y_pred, y_true=y_true, unknown=unknown)
    outcomes = {name: y_pred} if y_true is None else {"y_true": y_true, "y_pred": y_pred}
    columns, _, frame = grouping.resolve_all(data, groups, **outcomes)
    truth = None if y_true is None else validation.binary(columns["y_true"], "y_true")
    pred = validation.binary(columns[name], name)
    return GroupCounts.from_encoded(grouping.encode_groups(frame, unknown=unknown), pred, truth)
