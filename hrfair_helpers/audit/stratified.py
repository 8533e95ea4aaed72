"""Adverse impact within strata: is a selection gap explained by a factor such as performance ratings?

A crude (unstratified) impact ratio compares groups that may differ in a legitimate factor: if
women are concentrated in lower rating bands, a lower promotion rate can be "explained" by the
ratings, and if they are concentrated in higher bands, a crude ratio near 1 can hide a gap
inside every band (Simpson's paradox). :func:`stratified_impact` therefore reports

- the impact ratio and Fisher's exact test within each stratum (e.g. each rating band),
- the crude table on the same rows, for comparison,
- for each group against the reference, the Cochran–Mantel–Haenszel (CMH) test of conditional
  independence across strata, the Mantel–Haenszel pooled odds ratio with a 95 % interval, the
  Mantel–Haenszel pooled ratio of selection rates (a stratum-adjusted impact ratio) and the
  Breslow–Day test of whether the odds ratio is the same in every stratum.

Checked libraries: statsmodels' ``StratifiedTable`` provides the CMH test, the pooled odds and
risk ratios and the Robins–Breslow–Greenland interval, and is used here (imported inside the
function, so ``import hrfair_helpers.audit`` stays light). Its Breslow–Day test divides by
``1 - OR`` and returns NaN when the pooled odds ratio is exactly 1, so that statistic is computed
here with the numerically stable root of the same equation (checked against statsmodels). scipy has no CMH
test; fairlearn, aif360 and aequitas do not stratify. Counting is one ``numpy.bincount`` pass over
the rows; everything else is computed on the small stratum × group table of counts, reusing
:func:`~hrfair_helpers.audit.adverse_impact_from_counts` within each stratum. The tests check
the CMH statistic, the pooled ratios and the Breslow–Day statistic against the textbook formulas.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._utils import deprecation, grouping, render, validation
from . import _stats
from .impact import AdverseImpactReport, adverse_impact_from_counts

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import Column, Groups, Reference, UnknownLabels

STRATUM_COLUMNS = [
    "n",
    "selected",
    "selection_rate",
    "impact_ratio",
    "adverse_impact",
    "p_value_fisher",
    "shortfall",
    "small_group",
]
CMH_COLUMNS = [
    "strata_used",
    "strata_excluded",
    "cmh_statistic",
    "cmh_p_value",
    "mh_odds_ratio",
    "mh_odds_ratio_low",
    "mh_odds_ratio_high",
    "adjusted_impact_ratio",
    "breslow_day_statistic",
    "breslow_day_p_value",
]
ALPHA = 0.05  # the pooled odds ratio gets a 1 - ALPHA = 95 % interval
MANY_STRATA = 20  # above this, a note suggests binning the stratifier


@dataclass
class StratifiedImpactReport:
    """Result of :func:`stratified_impact`.

    Attributes
    ----------
    by_stratum : DataFrame
        Long table indexed by (stratum column(s), group column(s)), one row per group present in
        a stratum, with ``n, selected, selection_rate, impact_ratio, adverse_impact,
        p_value_fisher, shortfall, small_group``. Ratios and tests compare each group with the
        reference group *within the same stratum*.
    overall : AdverseImpactReport
        The crude (unstratified) analysis of the same rows.
    cmh : DataFrame
        One row per non-reference group: ``strata_used`` and ``strata_excluded`` (strata left out
        of the pooled analysis, see the notes), ``cmh_statistic`` and ``cmh_p_value`` (CMH test,
        1 degree of freedom, no continuity correction), ``mh_odds_ratio`` with
        ``mh_odds_ratio_low`` and ``mh_odds_ratio_high`` (95 % interval), ``adjusted_impact_ratio``
        (Mantel–Haenszel pooled ratio of selection rates, group / reference),
        ``breslow_day_statistic`` and ``breslow_day_p_value`` (Tarone-adjusted, K - 1 degrees of
        freedom for K strata used).
    strata : pandas.Index or pandas.MultiIndex
        The observed strata, in order.
    reference : object
        The group every other group is compared with, in every stratum.
    min_impact_ratio : float
        The cut-off: adverse impact when an impact ratio is below it.
    unknown_count : int
        Rows with an unknown group or stratum, counted and left out of every table.
    notes : list of str
    """

    by_stratum: pd.DataFrame
    overall: AdverseImpactReport
    cmh: pd.DataFrame
    strata: pd.Index
    reference: object
    min_impact_ratio: float = 0.8
    unknown_count: int = 0
    notes: list[str] = field(default_factory=list)

    threshold = deprecation.renamed_attribute("threshold", "min_impact_ratio")

    @property
    def table(self) -> pd.DataFrame:
        """The within-stratum table (the report protocol's ``table``; the same object as ``by_stratum``)."""
        return self.by_stratum

    def to_frame(self) -> pd.DataFrame:
        """The long per-stratum table as a new DataFrame."""
        return self.by_stratum.copy()

    @property
    def flagged(self) -> list[Hashable]:
        """(stratum, group) index entries whose within-stratum impact ratio is below the threshold."""
        return list(self.by_stratum.index[self.by_stratum["adverse_impact"]])

    def _ratio(self, stratum, group):
        key = _as_tuple(stratum) + _as_tuple(group)
        value = self.by_stratum["impact_ratio"].get(key, np.nan)
        return float(value)

    def _facts(self):
        facts = {
            "reference group": render.format_label(self.reference),
            "strata": f"{len(self.strata)} ({', '.join(map(str, self.strata.names))})",
            "threshold": f"{self.min_impact_ratio:g} (adverse impact when the impact ratio is below it)",
        }
        for group, row in self.cmh.iterrows():
            crude = self.overall.table.loc[group, "impact_ratio"]
            rows = _rows_for(self.by_stratum, group, self.strata.nlevels)
            defined = int(np.isfinite(rows["impact_ratio"]).sum())
            below = int(rows["adverse_impact"].sum())
            parts = [f"crude impact ratio {_fmt(crude)}"]
            parts.append(f"below {self.min_impact_ratio:g} in {below} of {defined} strata")
            parts.append(f"adjusted impact ratio {_fmt(row['adjusted_impact_ratio'])}")
            parts.append(
                f"MH odds ratio {_fmt(row['mh_odds_ratio'])} "
                f"(95% CI {_fmt(row['mh_odds_ratio_low'])}–{_fmt(row['mh_odds_ratio_high'])})"
            )
            parts.append(f"CMH p {_fmt_p(row['cmh_p_value'])}")
            facts[render.format_label(group)] = "; ".join(parts)
        facts["unknown group or stratum"] = self.unknown_count
        return facts

    def _repr_html_(self):
        return "".join(
            [
                render.render_html("Adverse impact within strata", self._facts(), self.by_stratum, []),
                render.render_html(
                    "Cochran–Mantel–Haenszel test (each group against the reference, across strata)",
                    {},
                    self.cmh,
                    self.notes,
                ),
            ]
        )

    def __repr__(self):
        return "\n\n".join(
            [
                render.render_text("Adverse impact within strata", self._facts(), self.by_stratum, []),
                render.render_text(
                    "Cochran–Mantel–Haenszel test (each group against the reference, across strata)",
                    {},
                    self.cmh,
                    self.notes,
                ),
            ]
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """Impact ratio in each stratum for every non-reference group, on an axis starting at 0.

        Solid lines with markers are the within-stratum ratios (a gap in a line is a stratum where
        the ratio is undefined); the dashed line in the same colour is the group's crude ratio and
        the red dotted line is the threshold.

        Parameters
        ----------
        ax : matplotlib Axes, optional

        Returns
        -------
        matplotlib Axes
        """
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(max(5.0, 0.9 * len(self.strata) + 2.5), 4))
        x = np.arange(len(self.strata))
        values = []
        for i, group in enumerate(self.cmh.index):
            color = f"C{i}"
            name = render.format_label(group)
            ratios = np.array([self._ratio(s, group) for s in self.strata])
            values.extend(ratios[np.isfinite(ratios)])
            ax.plot(x, ratios, marker="o", color=color, label=f"{name}: within stratum")
            crude = float(self.overall.table.loc[group, "impact_ratio"])
            if np.isfinite(crude):
                values.append(crude)
                ax.axhline(crude, color=color, linestyle="--", label=f"{name}: overall ({crude:.2f})")
        cut = self.min_impact_ratio
        ax.axhline(cut, color="#C44E52", linestyle=":", label=f"{cut:g} threshold")
        ax.set_xticks(x, [render.format_label(s) for s in self.strata])
        ax.set_xlim(-0.5, len(self.strata) - 0.5)
        ax.set_ylim(0, max(1.05, 1.05 * max(values, default=1.0)))
        ax.set_xlabel(" × ".join(map(str, self.strata.names)))
        ax.set_ylabel(f"impact ratio vs {render.format_label(self.reference)}")
        ax.set_title("Impact ratio within each stratum")
        ax.legend(loc="lower right", fontsize="small")
        return ax


@deprecation.renamed_arguments(threshold="min_impact_ratio")
def stratified_impact(
    selected: Column,
    groups: Groups,
    strata: Groups,
    *,
    reference: Reference = "highest",
    data: pd.DataFrame | None = None,
    unknown: UnknownLabels = None,
    min_group_size: int = 30,
    min_impact_ratio: float = 0.8,
) -> StratifiedImpactReport:
    """Selection rates and impact ratios within strata, and a CMH test that pools the strata.

    Use it to check whether a gap between groups is explained by a legitimate factor, e.g.
    whether "women are recommended for promotion at a lower rate despite similar ratings" holds
    *within* each performance-rating band.

    Parameters
    ----------
    selected : array-like of 0/1 or bool, or column name
        Whether each person was selected (recommended, promoted, shortlisted, ...).
    groups : Series, 1-D array, DataFrame, list of Series, or column name(s)
        The protected attribute. Several columns give intersectional groups.
    strata : Series, 1-D array, DataFrame, list of Series, or column name(s)
        The stratifying variable(s), e.g. the rating band. Bin a continuous score first
        (``pd.cut``); several columns give one stratum per combination.
    reference : "highest" or group label, default "highest"
        The group every other group is compared with in every stratum: the group with the highest
        *crude* selection rate, or a named group (a tuple for intersections).
    data : DataFrame, optional
        When given, ``selected``, ``groups`` and ``strata`` may be column names of it.
    unknown : str or list of str, optional
        By default a missing group or stratum is an error. Pass the labels meaning "unknown" (e.g.
        ``"Unknown"``, as in :func:`adverse_impact`) to count rows whose group or stratum is missing
        or one of them (``unknown_count``) and leave them out of every table, crude included.
    min_group_size : int, default 30
        Groups (overall) and stratum × group cells smaller than this are flagged, never dropped.
    min_impact_ratio : float, default 0.8
        Adverse impact when an impact ratio is *less than* this (the four-fifths rule).

    Returns
    -------
    StratifiedImpactReport
        ``.by_stratum`` (within-stratum table), ``.overall`` (crude :class:`AdverseImpactReport`
        on the same rows), ``.cmh`` (pooled tests per non-reference group) and ``.notes``.

    Raises
    ------
    ValueError
        On inputs of different lengths, no rows, a non-binary outcome, a missing group or stratum
        without ``unknown``, a reference that is not a group, or a stratum column that is also a
        group column. The message says how to fix it.

    See Also
    --------
    adverse_impact : the crude analysis alone.
    statsmodels.stats.contingency_tables.StratifiedTable : the CMH and Breslow–Day engine used.

    Notes
    -----
    For each non-reference group, stratum *k* gives the 2×2 table ``[[a, b], [c, d]]`` with rows
    (group, reference) and columns (selected, not selected). With ``n = a + b + c + d``, the CMH
    statistic is ``(|Σ a - Σ (a+b)(a+c)/n|)² / Σ (a+b)(c+d)(a+c)(b+d) / (n²(n-1))``, chi-squared
    with 1 degree of freedom, *without* a continuity correction (the statsmodels default,
    ``test_null_odds(correction=False)``; R's ``mantelhaen.test`` subtracts 0.5 by default). The
    pooled odds ratio is ``Σ ad/n / Σ bc/n`` (below 1: the group's odds of selection are lower
    than the reference's at the same stratum), its interval uses the Robins–Breslow–Greenland
    variance, and ``adjusted_impact_ratio`` is ``Σ a(c+d)/n / Σ c(a+b)/n``. The Breslow–Day test
    uses Tarone's adjustment (as ``test_equal_odds(adjust=True)``), which keeps it chi-squared when
    the Mantel–Haenszel odds ratio is plugged in; a small p-value means the gap differs between
    strata, so read the per-stratum rows rather than the pooled ratio. P-values are computed with
    ``scipy.stats.chi2.sf`` so very small ones are not rounded to 0.

    A stratum where the group or the reference has nobody, or where everybody or nobody of the
    two was selected, carries no information about the difference between them: it is left out
    of that group's CMH test, pooled ratios and Breslow–Day test, and the notes list it.

    Stratifying removes the part of the gap that runs *through* the stratifier. If the
    stratifier is itself shaped by bias (ratings given by biased managers), a gap that vanishes
    within strata has been moved, not explained.

    Examples
    --------
    The crude ratio flags women, but within each band women are selected at the same rate: the
    gap comes from how the groups are spread over the bands (Simpson's paradox).

    >>> import pandas as pd
    >>> rows = [("high", "M", 80, 40), ("high", "F", 20, 10), ("low", "M", 20, 2), ("low", "F", 80, 8)]
    >>> df = pd.DataFrame(
    ...     [(band, sex, int(i < k)) for band, sex, n, k in rows for i in range(n)],
    ...     columns=["band", "sex", "promoted"])
    >>> rep = stratified_impact("promoted", "sex", "band", data=df)
    >>> float(round(rep.overall.table.loc["F", "impact_ratio"], 3))
    0.429
    >>> rep.by_stratum[["n", "selection_rate", "impact_ratio", "adverse_impact"]]
              n  selection_rate  impact_ratio  adverse_impact
    band sex
    high F   20             0.5           1.0           False
         M   80             0.5           1.0           False
    low  F   80             0.1           1.0           False
         M   20             0.1           1.0           False
    >>> rep.cmh[["cmh_statistic", "cmh_p_value", "mh_odds_ratio", "adjusted_impact_ratio"]]
         cmh_statistic  cmh_p_value  mh_odds_ratio  adjusted_impact_ratio
    sex
    F              0.0          1.0            1.0                    1.0
    """
    min_group_size = validation.check_min_group_size(min_group_size)
    _stats.as_fraction(min_impact_ratio)
    columns, groups, gframe = grouping.resolve_all(data, groups, selected=selected)
    strata = grouping.resolve(strata, data, "strata")
    sframe = _strata_frame(strata)
    validation.check_lengths(
        {
            "selected": columns["selected"],
            "groups": grouping.rows_of(groups, gframe),
            "strata": grouping.rows_of(strata, sframe),
        }
    )
    shared = sorted(set(map(str, gframe.columns)) & set(map(str, sframe.columns)))
    if shared:
        raise ValueError(
            f"groups and strata share column name(s) {shared}; stratify by a different variable "
            f"than the protected attribute, or rename one of them"
        )
    outcome = validation.binary(columns["selected"], "selected")

    labels = list(grouping.unknown_labels(unknown))
    group_missing = (gframe.isna() | gframe.isin(labels)).any(axis=1).to_numpy()
    strata_missing = (sframe.isna() | sframe.isin(labels)).any(axis=1).to_numpy()
    if unknown is None:
        for frame, missing, what, fix in (
            (gframe, group_missing, "group", "fill them, drop those rows"),
            (sframe, strata_missing, "strata", "fill them (e.g. a 'not rated' band), drop those rows"),
        ):
            if missing.any():
                column = next(c for c in frame.columns if frame[c].isna().any())
                raise ValueError(
                    f"{what} column {column!r} has {int(frame[column].isna().sum())} missing values; "
                    f"{fix}, or pass unknown='Unknown' to count them separately (they are then "
                    f"reported but left out of every table)"
                )
    keep = ~(group_missing | strata_missing)
    if not keep.any():
        raise ValueError("every row has an unknown group or stratum; there is nothing to compare")
    genc = grouping.encode_groups(gframe[keep].reset_index(drop=True))
    senc = grouping.encode_groups(sframe[keep].reset_index(drop=True))
    outcome = outcome[keep]
    unknown_count = int((~keep).sum())

    # One pass over the rows: people and selections per stratum × group cell.
    n_groups, n_strata = len(genc.labels), len(senc.labels)
    cell = senc.codes * n_groups + genc.codes
    n = np.bincount(cell, minlength=n_strata * n_groups).reshape(n_strata, n_groups)
    chosen = np.bincount(cell[outcome == 1], minlength=n_strata * n_groups).reshape(n_strata, n_groups)

    notes = grouping.group_notes(genc, n.sum(axis=0), min_group_size)
    if unknown_count:
        notes = [m for m in notes if "unknown group" not in m]
        notes.append(
            f"{unknown_count} rows have an unknown group ({int(group_missing.sum())}) or stratum "
            f"({int(strata_missing.sum())}); they are counted here and left out of every table, "
            f"the crude one included"
        )
    overall = adverse_impact_from_counts(
        pd.Series(n.sum(axis=0), index=genc.labels),
        pd.Series(chosen.sum(axis=0), index=genc.labels),
        reference=reference,
        min_impact_ratio=min_impact_ratio,
        min_group_size=min_group_size,
        unknown_count=unknown_count,
        notes=notes,
    )
    ref = genc.labels.get_loc(overall.reference)
    notes = []
    if senc.empty_levels:
        notes.append(f"declared strata with no rows: {', '.join(senc.empty_levels)}")
    if n_strata > MANY_STRATA:
        notes.append(
            f"{n_strata} strata: if the stratifier is a continuous score, bin it first "
            f"(e.g. pd.cut(rating, bins)); tables of a few people per stratum are mostly noise"
        )

    by_stratum = _per_stratum(n, chosen, genc.labels, senc.labels, ref, min_impact_ratio, min_group_size, notes)

    small = by_stratum["small_group"]
    if small.any():
        notes.append(
            f"{int(small.sum())} of {len(small)} stratum × group cells have fewer than "
            f"{min_group_size} people: their ratios and p-values are noisy; the CMH test pools "
            f"the strata and is the better guide"
        )

    cmh = _cmh_table(n, chosen, genc.labels, senc.labels, ref, notes)
    _interpretation_notes(overall, by_stratum, cmh, genc.labels, ref, reference, min_impact_ratio, notes)
    notes = list(overall.notes) + notes
    return StratifiedImpactReport(
        by_stratum=by_stratum,
        overall=overall,
        cmh=cmh,
        strata=senc.labels,
        reference=overall.reference,
        min_impact_ratio=float(min_impact_ratio),
        unknown_count=unknown_count,
        notes=notes,
    )


def _per_stratum(n, chosen, glabels, slabels, ref, min_impact_ratio, min_group_size, notes):
    """Within each stratum: adverse_impact_from_counts against the fixed reference group."""
    ref_label = glabels[ref]
    ref_name = render.format_label(ref_label)
    rows, keys = [], []
    absent, no_reference, single = {}, [], []
    for k, stratum in enumerate(slabels):
        name = render.format_label(stratum)
        present = np.flatnonzero(n[k] > 0)
        for g in np.flatnonzero(n[k] == 0):
            absent.setdefault(g, []).append(name)
        if len(present) == 1:
            single.append(f"{name} ({render.format_label(glabels[present[0]])})")
        counts = pd.Series(n[k, present], index=glabels[present])
        picks = pd.Series(chosen[k, present], index=glabels[present])
        if n[k, ref] > 0:
            report = adverse_impact_from_counts(
                counts, picks, reference=ref_label, min_impact_ratio=min_impact_ratio, min_group_size=min_group_size
            )
            table = report.table[STRATUM_COLUMNS]
            notes.extend(f"stratum {name}: {m}" for m in report.notes)
        else:
            no_reference.append(name)
            table = pd.DataFrame(
                {
                    "n": counts.to_numpy(),
                    "selected": picks.to_numpy(),
                    "selection_rate": picks.to_numpy() / counts.to_numpy(),
                    "impact_ratio": np.nan,
                    "adverse_impact": False,
                    "p_value_fisher": np.nan,
                    "shortfall": 0,
                    "small_group": counts.to_numpy() < min_group_size,
                },
                index=counts.index,
            )
        rows.append(table)
        keys.extend(_as_tuple(stratum) + _as_tuple(g) for g in table.index)
    names = list(slabels.names) + list(glabels.names)
    by_stratum = pd.concat(rows, ignore_index=True)
    by_stratum.index = pd.MultiIndex.from_tuples(keys, names=names)
    by_stratum = by_stratum.astype({"n": np.int64, "selected": np.int64, "shortfall": np.int64})
    by_stratum = by_stratum.astype({"adverse_impact": bool, "small_group": bool})

    if single:
        notes.append(
            f"{len(single)} stratum/strata have only one group, so there is nothing to compare there: "
            f"{', '.join(single)}"
        )
    if no_reference:
        notes.append(
            f"the reference group {ref_name} has nobody in stratum/strata {', '.join(no_reference)}: "
            f"no within-stratum ratio or test there"
        )
    for g, where in absent.items():
        if g != ref:
            notes.append(
                f"{render.format_label(glabels[g])} has nobody in stratum/strata {', '.join(where)}: "
                f"no row for it there"
            )
    return by_stratum


def _cmh_table(n, chosen, glabels, slabels, ref, notes):
    """CMH, Mantel–Haenszel pooled ratios and Breslow–Day for each group against the reference."""
    records, index = [], []
    ref_name = render.format_label(glabels[ref])
    for g in range(len(glabels)):
        if g == ref:
            continue
        name = render.format_label(glabels[g])
        a, b = chosen[:, g], n[:, g] - chosen[:, g]
        c, d = chosen[:, ref], n[:, ref] - chosen[:, ref]
        reasons = np.select(
            [n[:, g] == 0, n[:, ref] == 0, a + c == 0, b + d == 0],
            [f"{name} absent", f"{ref_name} absent", "nobody selected", "everybody selected"],
            default="",
        )
        used = reasons == ""
        excluded = [f"{render.format_label(s)} ({r})" for s, r in zip(slabels, reasons) if r]
        if excluded:
            notes.append(
                f"CMH for {name} vs {ref_name} leaves out {len(excluded)} of {len(slabels)} strata: "
                f"{', '.join(excluded)}; a stratum where either group is missing or where all or "
                f"none were selected says nothing about the difference between them"
            )
        tables = np.stack([np.stack([a, b]), np.stack([c, d])])[:, :, used].astype(float)
        record = _pooled(tables, name, ref_name, notes)
        record.update(strata_used=int(used.sum()), strata_excluded=int((~used).sum()))
        records.append(record)
        index.append(glabels[g])
    if not records:
        notes.append("there is only one group, so there is no comparison to pool across strata")
    if isinstance(glabels, pd.MultiIndex):
        cmh_index = pd.MultiIndex.from_tuples(index, names=glabels.names)
    else:
        cmh_index = pd.Index(index, name=glabels.name, dtype=glabels.dtype)
    table = pd.DataFrame(records, index=cmh_index, columns=CMH_COLUMNS)
    return table.astype({"strata_used": np.int64, "strata_excluded": np.int64})


def _pooled(tables, name, ref_name, notes):
    """Statistics of one 2 x 2 x K stack of non-degenerate tables (rows group/reference)."""
    empty = {c: np.nan for c in CMH_COLUMNS}
    k = tables.shape[2]
    if k == 0:
        notes.append(f"no stratum can compare {name} with {ref_name}: the CMH test is undefined")
        return empty
    from scipy.stats import chi2
    from statsmodels.stats.contingency_tables import StratifiedTable

    st = StratifiedTable(tables)
    out = dict(empty)
    statistic = float(st.test_null_odds(correction=False).statistic)
    out.update(cmh_statistic=statistic, cmh_p_value=float(chi2.sf(statistic, 1)))

    (a, b), (c, d) = tables
    total = a + b + c + d
    ad, bc = float(np.sum(a * d / total)), float(np.sum(b * c / total))
    # Σ c(a+b)/n is 0 only when the reference has no selections in any usable stratum.
    reference_rate = float(np.sum(c * (a + b) / total))
    out["adjusted_impact_ratio"] = float(st.riskratio_pooled) if reference_rate > 0 else np.inf
    if ad > 0 and bc > 0:
        low, high = st.oddsratio_pooled_confint(alpha=ALPHA)
        out.update(
            mh_odds_ratio=float(st.oddsratio_pooled), mh_odds_ratio_low=float(low), mh_odds_ratio_high=float(high)
        )
        if k >= 2:
            homogeneity = _breslow_day(tables, float(st.oddsratio_pooled))
            out.update(breslow_day_statistic=homogeneity, breslow_day_p_value=float(chi2.sf(homogeneity, k - 1)))
        else:
            notes.append(
                f"{name} vs {ref_name}: only one stratum is usable, so the Breslow–Day test of equal "
                f"odds ratios across strata is undefined"
            )
    else:
        out["mh_odds_ratio"] = 0.0 if ad == 0 else np.inf
        who = name if ad == 0 else ref_name
        notes.append(
            f"{name} vs {ref_name}: {who} has no selections (or the other group no rejections) in "
            f"any usable stratum, so the pooled odds ratio is {out['mh_odds_ratio']:g} and its "
            f"interval and the Breslow–Day test are undefined; rely on the CMH test"
        )
    return out


def _breslow_day(tables, odds_ratio):
    """Breslow–Day statistic with Tarone's adjustment, as ``StratifiedTable.test_equal_odds(adjust=True)``.

    Under the common odds ratio ``r`` the expected first cell ``e`` of each stratum solves
    ``(1 - r) e² + (r (a+b + a+c) + d - a) e - r (a+b)(a+c) = 0``. statsmodels divides by
    ``1 - r`` and returns NaN (with a warning) when the pooled odds ratio is exactly 1, which is
    the "gap fully explained" case; the same root written as ``2 r (a+b)(a+c) / (B + sqrt(B² + 4
    (1 - r) r (a+b)(a+c)))`` has no such division. The tests check both agree elsewhere.
    """
    (a, b), (c, d) = tables
    row, col = a + b, a + c
    linear = odds_ratio * (row + col) + d - a
    product = odds_ratio * row * col
    expected = 2 * product / (linear + np.sqrt(linear**2 + 4 * (1 - odds_ratio) * product))
    variance = 1 / (1 / expected + 1 / (col - expected) + 1 / (row - expected) + 1 / (d - a + expected))
    statistic = np.sum((a - expected) ** 2 / variance)
    tarone = (a.sum() - expected.sum()) ** 2 / variance.sum()
    return float(statistic - tarone)


def _interpretation_notes(overall, by_stratum, cmh, glabels, ref, reference, min_impact_ratio, notes):
    """Plain-language readings of the crude-versus-stratified contrast."""
    ref_name = render.format_label(glabels[ref])
    strata_levels = by_stratum.index.nlevels - glabels.nlevels
    for group, row in cmh.iterrows():
        if not row["strata_used"]:
            continue
        name = render.format_label(group)
        crude_flag = bool(overall.table.loc[group, "adverse_impact"])
        within = _rows_for(by_stratum, group, strata_levels)
        ratios = within["impact_ratio"]
        defined = ratios[np.isfinite(ratios)]
        flagged = int(within["adverse_impact"].sum())
        p = row["cmh_p_value"]
        if crude_flag and len(defined) and flagged == 0 and p >= ALPHA:
            notes.append(
                f"{name}: the crude impact ratio ({_fmt(overall.table.loc[group, 'impact_ratio'])}) is "
                f"below {min_impact_ratio:g} but no stratum's is and the CMH test finds no within-stratum "
                f"difference (p {_fmt_p(p)}): the crude gap comes from how the groups are spread over "
                f"the strata; check that the stratifier itself is free of bias before calling it explained"
            )
        elif not crude_flag and flagged and p < ALPHA and row["mh_odds_ratio"] < 1:
            notes.append(
                f"{name}: the crude impact ratio ({_fmt(overall.table.loc[group, 'impact_ratio'])}) "
                f"passes, but {flagged} of {len(defined)} strata are below {min_impact_ratio:g} and the CMH "
                f"test finds a within-stratum difference (p {_fmt_p(p)}): the crude comparison hides "
                f"the gap"
            )
        if isinstance(reference, str) and reference == "highest" and p < ALPHA and row["mh_odds_ratio"] > 1:
            notes.append(
                f"within strata, {name} is selected more often than the reference {ref_name} "
                f"(MH odds ratio {_fmt(row['mh_odds_ratio'])}, CMH p {_fmt_p(p)}), although "
                f"{ref_name} has the highest crude rate; rerun with reference={group!r} to read the "
                f"within-stratum ratios against it"
            )


def _strata_frame(strata):
    """The stratifier(s) as a DataFrame; default column names read 'stratum', not 'group'."""
    frame = grouping.group_frame(strata)
    if isinstance(strata, pd.DataFrame):
        return frame
    named = isinstance(strata, pd.Series) and strata.name is not None
    if named:
        return frame
    renamed = []
    for i, column in enumerate(frame.columns):
        if column == "group":
            renamed.append("stratum")
        elif column == f"group_{i}":
            renamed.append(f"stratum_{i}")
        else:
            renamed.append(column)
    return frame.set_axis(renamed, axis=1)


def _rows_for(by_stratum, group, strata_levels):
    """The per-stratum rows of one group."""
    key = _as_tuple(group)
    mask = np.array([entry[strata_levels:] == key for entry in by_stratum.index], dtype=bool)
    return by_stratum[mask]


def _as_tuple(label):
    return label if isinstance(label, tuple) else (label,)


def _fmt(value):
    value = float(value)
    return "–" if np.isnan(value) else "inf" if np.isinf(value) else f"{value:.2f}"


def _fmt_p(p):
    p = float(p)
    if np.isnan(p):
        return "–"
    return "< 0.001" if p < 0.001 else f"= {p:.3f}"
