"""Adverse-impact analysis of selection decisions (the four-fifths rule and significance tests).

Checked libraries: fairlearn's ``MetricFrame`` and aif360's ``disparate_impact_ratio`` give
selection rates and ratios but not the four-fifths flag, the shortfall or per-group significance
tests, and MetricFrame is slow on large exports; aequitas reports disparities without the exact
four-fifths arithmetic. This module counts once (``numpy.bincount``) and computes everything from
the small table of counts; the tests cross-check the rates and ratios against fairlearn and aif360.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import deprecation, grouping, render, stats, style, validation
from . import _stats
from .counts import count_groups

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import AnyFrame, Column, Groups, Reference, UnknownLabels
    from ..privacy.suppression import SuppressedTable
    from .counts import GroupCounts


@dataclass
class AdverseImpactReport:
    """Result of :func:`adverse_impact`: one row per group plus what the table cannot show.

    Attributes
    ----------
    table : DataFrame
        Columns ``n, selected, selection_rate, impact_ratio, adverse_impact, z_stat, p_value_z,
        p_value_fisher, shortfall, small_group``, indexed by group. ``impact_ratio`` is the exact
        ratio of the counts rounded once to a float, so ``table["impact_ratio"] < min_impact_ratio``
        selects the same groups as ``adverse_impact``, even on an exact four-fifths boundary.
    reference : object
        Label of the group every other group is compared with.
    min_impact_ratio : float
        The cut-off: adverse impact when a group's impact ratio is below it (0.8, the four-fifths rule).
    unknown_count : int
        Rows with an unknown group, counted and left out of the rates.
    notes : list of str
        Plain-language cautions (small groups, empty categories, unknowns, undefined ratios).
    """

    table: pd.DataFrame
    reference: object
    min_impact_ratio: float = 0.8
    unknown_count: int = 0
    notes: list[str] = field(default_factory=list)

    threshold = deprecation.renamed_attribute("threshold", "min_impact_ratio")

    def to_frame(self, *, min_cell: int | None = None) -> pd.DataFrame:
        """The per-group table as a new DataFrame; with ``min_cell``, as it may be published.

        With ``min_cell`` the groups with fewer people are blanked (and, so that they cannot be
        worked out by subtraction, the next smallest), each marked in a ``suppressed`` column;
        see :meth:`suppressed`.
        """
        if min_cell is None:
            return self.table.copy()
        return self.suppressed(min_cell).to_frame()

    def suppressed(self, min_cell: int, *, check: str | Sequence[str] = ("n",)) -> SuppressedTable:
        """The table with small cells suppressed for publication (:func:`~hrfair_helpers.privacy.suppress_report_table`).

        Parameters
        ----------
        min_cell : int
            Publish a group when at least this many people are behind it (exactly ``min_cell`` is published).
        check : str or sequence of {"n", "selected", "not_selected"}, default ("n",)
            The counts that must reach ``min_cell``: "0 of 40 were hired" discloses all forty.

        Examples
        --------
        >>> import pandas as pd
        >>> rep = adverse_impact_from_counts(pd.Series({"F": 40, "M": 60, "X": 3}), pd.Series({"F": 12, "M": 30, "X": 2}))
        >>> rep.suppressed(10).table["suppressed"].tolist()
        ['complementary', '', 'n < 10']
        """
        from ..privacy.suppression import suppress_report_table

        return suppress_report_table(self.table, min_cell, check=check, reference=self.reference)

    @property
    def flagged(self) -> list[Hashable]:
        """Labels of the groups whose impact ratio is below the threshold."""
        return list(self.table.index[self.table["adverse_impact"]])

    @property
    def lowest_impact_ratio(self) -> float:
        """The lowest impact ratio of any group (NaN when no ratio is defined)."""
        return float(self.table["impact_ratio"].min())

    def _facts(self):
        return {
            "reference group": render.format_label(self.reference),
            "threshold": f"{self.min_impact_ratio:g} (adverse impact when the impact ratio is below it)",
            "groups below threshold": ", ".join(map(render.format_label, self.flagged)) or "none",
            "unknown group": self.unknown_count,
        }

    def _repr_html_(self):
        return render.render_html("Adverse impact analysis", self._facts(), self.table, self.notes)

    def __repr__(self):
        return render.render_text("Adverse impact analysis", self._facts(), self.table, self.notes)

    def plot(self, ax: Axes | None = None, kind: Literal["impact_ratio", "selection_rate"] = "impact_ratio") -> Axes:
        """Bar chart of impact ratios (with the threshold line) or of selection rates, on a 0–1 axis.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        kind : {"impact_ratio", "selection_rate"}
        """
        if kind not in ("impact_ratio", "selection_rate"):
            raise ValueError(f"kind must be 'impact_ratio' or 'selection_rate', got {kind!r}")
        values = self.table[kind].to_numpy()
        finite = values[np.isfinite(values)]
        upper = max(1.0, float(finite.max()) * 1.05) if kind == "impact_ratio" and finite.size else 1.0
        ax = style.bar_axes(
            ax,
            self.table.index,
            values,
            xlabel=kind.replace("_", " "),
            title=f"{kind.replace('_', ' ').capitalize()} by group",
            xlim=(0, upper),
        )
        if kind == "impact_ratio":
            cut = self.min_impact_ratio
            ax.axvline(cut, color="#C44E52", linestyle="--", label=f"{cut:g} threshold")
            ax.legend(loc="lower right")
        return ax


@deprecation.renamed_arguments(threshold="min_impact_ratio")
@deprecation.keyword_only_after("selected")
def adverse_impact_from_counts(
    n: pd.Series,
    selected: pd.Series,
    *,
    reference: Reference = "highest",
    min_impact_ratio: float = 0.8,
    min_group_size: int = 30,
    unknown_count: int = 0,
    notes: Iterable[str] = (),
) -> AdverseImpactReport:
    """Adverse-impact table from per-group counts (for aggregated EEO data or an external engine).

    Parameters
    ----------
    n, selected : pandas.Series
        People and selections per group, indexed by group label (same index).
    reference : "highest" or group label
        The comparison group: the group with the highest selection rate, or a named group.
    min_impact_ratio : float, default 0.8
        The cut-off; a ratio equal to it is *not* adverse impact (29 CFR 1607.4(D)).
    min_group_size : int, default 30
        Groups with fewer people are flagged ``small_group``, never dropped.

    Returns
    -------
    AdverseImpactReport

    Examples
    --------
    >>> import pandas as pd
    >>> n = pd.Series({"men": 100, "women": 100})
    >>> rep = adverse_impact_from_counts(n, pd.Series({"men": 50, "women": 39}))
    >>> rep.flagged, int(rep.table.loc["women", "shortfall"])
    (['women'], 1)
    """
    min_group_size = validation.check_min_group_size(min_group_size)
    if not isinstance(n, pd.Series) or not isinstance(selected, pd.Series):
        raise ValueError("n and selected must be pandas Series indexed by group label")
    if not n.index.equals(selected.index):
        raise ValueError("n and selected must have the same index (the same groups in the same order)")
    if len(n) == 0:
        raise ValueError("no groups: pass at least one group's counts")
    for name, counts in (("n", n), ("selected", selected)):
        values = pd.to_numeric(counts, errors="coerce").to_numpy(dtype=float)
        if np.isnan(values).any() or (values != np.round(values)).any():
            raise ValueError(f"{name} must hold whole numbers of people per group, got {counts.tolist()[:5]}")
    n_values = n.to_numpy(dtype=np.int64)
    s_values = selected.to_numpy(dtype=np.int64)
    if (n_values <= 0).any():
        raise ValueError(f"every group needs at least one person; empty: {list(n.index[n_values <= 0])}")
    if ((s_values < 0) | (s_values > n_values)).any():
        raise ValueError("selected must be between 0 and n for every group")
    _stats.as_fraction(min_impact_ratio)

    rates = s_values / n_values
    ref = grouping.find_reference(reference, n.index, rates)
    ref_s, ref_n = int(s_values[ref]), int(n_values[ref])
    notes = list(notes)
    others = np.arange(len(n)) != ref

    if ref_s == 0:
        # Nobody in the reference group was selected: every ratio is 0/0 or x/0.
        ratio = np.full(len(n), np.nan)
        flags = np.zeros(len(n), dtype=bool)
        short = np.zeros(len(n), dtype=np.int64)
        notes.append(
            "the reference group has no selections, so impact ratios are undefined; "
            "compare selection counts and the significance tests instead"
        )
    else:
        ratio = _stats.impact_ratios(s_values, n_values, ref_s, ref_n)
        flags = np.array(_stats.below_threshold(s_values, n_values, ref_s, ref_n, min_impact_ratio))
        short = _stats.shortfall(s_values, n_values, ref_s, ref_n, min_impact_ratio)
    z, p_z = stats.two_proportion_z(s_values, n_values, ref_s, ref_n)
    p_fisher = stats.fisher_p(s_values, n_values, ref_s, ref_n)
    z, p_z, p_fisher = (np.where(others, v, np.nan) for v in (z, p_z, p_fisher))

    table = pd.DataFrame(
        {
            "n": n_values,
            "selected": s_values,
            "selection_rate": rates,
            "impact_ratio": ratio,
            "adverse_impact": flags,
            "z_stat": z,
            "p_value_z": p_z,
            "p_value_fisher": p_fisher,
            "shortfall": short,
            "small_group": n_values < min_group_size,
        },
        index=n.index,
    )
    return AdverseImpactReport(
        table=table,
        reference=n.index[ref],
        min_impact_ratio=float(min_impact_ratio),
        unknown_count=int(unknown_count),
        notes=notes,
    )


@deprecation.renamed_arguments(threshold="min_impact_ratio")
@deprecation.keyword_only_after("groups")
def adverse_impact(
    selected: Column,
    groups: Groups,
    *,
    reference: Reference = "highest",
    data: AnyFrame | None = None,
    unknown: UnknownLabels = None,
    min_group_size: int = 30,
    min_impact_ratio: float = 0.8,
) -> AdverseImpactReport:
    """Selection rates, impact ratios and significance tests by group.

    One vectorised pass counts people and selections per group; every statistic is then computed
    on that small table of counts. Several group columns give intersectional groups.

    Parameters
    ----------
    selected : array-like of 0/1 or bool, or column name
        Whether each person was selected (advanced, shortlisted, promoted, ...).
    groups : Series, 1-D array, DataFrame, dict or list of Series or arrays, or column name(s)
        Group of each person. Several columns (a DataFrame, ``{"sex": sex, "race": race}``, a list
        of Series) give intersectional groups. A list of plain lists is refused: it could be
        columns or rows.
    reference : "highest" or group label, default "highest"
        The group every other group is compared with. The Uniform Guidelines compare with the
        group with the highest rate; name a group (a tuple for intersections) to fix it instead.
    data : DataFrame, optional
        When given, ``selected`` and ``groups`` may be column names of it.
    unknown : str or list of str, optional
        Labels meaning "unknown group" (exact, case-sensitive), e.g. ``"Unknown"`` or
        ``["Unknown", "Decline to state"]``, as in :func:`ll144_bias_audit`. Rows whose group is
        missing or one of these labels (in any group column) are counted in ``unknown_count`` and
        left out of the rates and of the choice of reference. By default nothing is unknown: a
        missing group is an error and every label is a group.
    min_group_size : int, default 30
        Groups smaller than this are flagged in ``small_group`` and in the notes, never dropped.
    min_impact_ratio : float, default 0.8
        The cut-off of the four-fifths rule: adverse impact when the impact ratio is *less than* this.

    Returns
    -------
    AdverseImpactReport
        ``.table`` has one row per group with ``n``, ``selected``, ``selection_rate``,
        ``impact_ratio``, ``adverse_impact``, ``z_stat``, ``p_value_z`` (pooled two-proportion
        z-test against the reference), ``p_value_fisher`` (Fisher's exact test), ``shortfall``
        (selections the group lacks to reach the cut-off) and ``small_group``.

    Raises
    ------
    ValueError
        On inputs of different lengths, no rows, a non-binary outcome, missing groups without
        ``unknown``, or a reference that is not a group. The message says how to fix it.

    See Also
    --------
    group_metrics : error rates by group when the true outcome is known.
    fairlearn.metrics.MetricFrame : the general-purpose disaggregation this is checked against.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["F"] * 100 + ["M"] * 100,
    ...                    "hired": [1] * 39 + [0] * 61 + [1] * 50 + [0] * 50})
    >>> rep = adverse_impact("hired", "sex", data=df)
    >>> rep.table[["selection_rate", "impact_ratio", "adverse_impact", "shortfall"]]
         selection_rate  impact_ratio  adverse_impact  shortfall
    sex
    F              0.39          0.78            True          1
    M              0.50          1.00           False          0

    Rows labelled "Unknown" are counted apart and never become the reference group:

    >>> df.loc[:9, "sex"] = "Unknown"
    >>> rep = adverse_impact("hired", "sex", data=df, unknown="Unknown")
    >>> rep.unknown_count, list(rep.table.index), rep.reference
    (10, ['F', 'M'], 'M')
    """
    min_group_size = validation.check_min_group_size(min_group_size)
    counts = count_groups(selected, groups, data=data, unknown=unknown)
    return impact_report(counts, reference=reference, min_impact_ratio=min_impact_ratio, min_group_size=min_group_size)


def impact_report(
    counts: GroupCounts, *, reference: Reference = "highest", min_impact_ratio: float = 0.8, min_group_size: int = 30
) -> AdverseImpactReport:
    """:func:`adverse_impact_from_counts` on a :class:`~hrfair_helpers.audit.counts.GroupCounts`."""
    return adverse_impact_from_counts(
        pd.Series(counts.n, index=counts.labels),
        pd.Series(counts.selected, index=counts.labels),
        reference=reference,
        min_impact_ratio=min_impact_ratio,
        min_group_size=min_group_size,
        unknown_count=counts.unknown_count,
        notes=counts.notes(min_group_size),
    )
