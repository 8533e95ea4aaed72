"""The result of :func:`~hrfair_helpers.text.scan_replies`: :class:`LanguageScanReport`.

The report holds every reply's flags and the table of flag rates per candidate group, each group
tested against the group with the lowest rate (Fisher exact test; scipy is imported only for it),
and the notes that come with the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import render, stats
from .demeaning_lexicon import _SHOW, _category_rank

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["LanguageScanReport"]

SMALL_GROUP = 30  # groups with fewer scannable replies get a note: their rates are unstable


@dataclass
class LanguageScanReport:
    """Result of :func:`~hrfair_helpers.text.scan_replies`: every reply's flags and the flag rate per group.

    Attributes
    ----------
    flags : DataFrame
        One row per reply, in input order (the index of a Series of replies is kept). Columns:
        ``reply`` (the reply as given), ``group`` (only when groups were given), ``scannable``
        (the reply is a non-empty string), ``flagged``, ``category`` (the main category of a
        flagged reply, else None), ``categories`` (every category that matched, main first) and
        ``matches`` (the matched lexicon terms and rule ids, in the order they occur in the reply).
    by_group : DataFrame
        One row per group (a single row ``"all"`` without groups). Columns: ``n`` (replies),
        ``scannable``, ``not_scannable``, ``flagged``, ``rate`` (flagged / scannable),
        ``rate_difference`` (rate minus the reference group's rate) and ``p_value`` (two-sided
        Fisher exact test of the group's flagged and unflagged counts against the reference
        group's; NaN for the reference group and for groups with nothing to scan).
    reference : object
        The group with the lowest rate, which every group is compared with. None without groups.
    group_name : str or None
        Name of the group column (from a named Series), ``"group"`` otherwise; None without groups.
    n_terms, n_rules : int
        Size of the lexicon and of the rule set used.
    notes : list of str
        Plain-language cautions (replies that could not be scanned, small groups, the test used,
        what a lexicon cannot see).
    """

    flags: pd.DataFrame
    by_group: pd.DataFrame
    reference: object = None
    group_name: str | None = None
    n_terms: int = 0
    n_rules: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def n_replies(self) -> int:
        """Number of replies given."""
        return len(self.flags)

    @property
    def n_not_scannable(self) -> int:
        """Replies that were not a non-empty string (None, NaN, '', numbers, bytes, lists, ...)."""
        return int((~self.flags["scannable"]).sum())

    @property
    def n_flagged(self) -> int:
        """Replies with at least one match."""
        return int(self.flags["flagged"].sum())

    @property
    def flagged_rate(self) -> float:
        """Flagged replies over scannable replies, all groups together (NaN if none is scannable)."""
        scannable = int(self.flags["scannable"].sum())
        return self.n_flagged / scannable if scannable else float("nan")

    @property
    def table(self) -> pd.DataFrame:
        """The per-group table (the report protocol's ``table``; the same object as ``by_group``)."""
        return self.by_group

    def plot(self, ax: Axes | None = None) -> Axes:
        """Share of scannable replies flagged, by group, on a 0–1 axis."""
        from .._utils import style

        return style.bar_axes(
            ax,
            self.by_group.index,
            self.by_group["rate"].to_numpy(dtype=float),
            xlabel="share of replies flagged",
            title="Demeaning language by group",
        )

    def to_frame(self, level: Literal["group", "reply"] = "group") -> pd.DataFrame:
        """The per-group table (``level="group"``) or the per-reply flags (``level="reply"``) as a new DataFrame."""
        if level == "group":
            return self.by_group.copy()
        if level == "reply":
            return self.flags.copy()
        raise ValueError(f"level must be 'group' or 'reply', got {level!r}")

    def category_table(self) -> pd.DataFrame:
        """Flagged replies per group (rows) and main category (columns), as counts."""
        flagged = self.flags[self.flags["flagged"]]
        rows = flagged["group"] if "group" in flagged else pd.Series("all", index=flagged.index)
        table = pd.crosstab(rows, flagged["category"]).reindex(self.by_group.index, fill_value=0)
        table.index.name = self.by_group.index.name
        table.columns.name = "category"
        ranked = sorted(table.columns, key=_category_rank)
        return table[ranked] if ranked else table

    def _facts(self):
        scannable = int(self.flags["scannable"].sum())
        rate = self.flagged_rate
        facts = {
            "replies": self.n_replies,
            "scannable": f"{scannable} ({self.n_not_scannable} not scannable, left out of the rates)",
            "flagged": f"{self.n_flagged}" + ("" if np.isnan(rate) else f" ({rate:.1%} of scannable)"),
        }
        if self.group_name is not None:
            ref = (
                "none (no group has scannable replies)"
                if self.reference is None
                else render.format_label(self.reference)
            )
            facts["reference group"] = f"{ref}, the lowest rate"
        facts["lexicon"] = f"{self.n_terms} terms and {self.n_rules} rules"
        return facts

    def _examples(self):
        flagged = self.flags[self.flags["flagged"]]
        columns = [c for c in ("reply", "group", "category", "matches") if c in flagged]
        shown = flagged[columns].head(_SHOW).copy()
        shown["reply"] = shown["reply"].map(lambda r: r if len(r) <= 70 else r[:67] + "...")
        return shown, len(flagged)

    def _repr_html_(self):
        body = render.render_html("Demeaning-language scan", self._facts(), self.by_group, self.notes)
        shown, total = self._examples()
        if total:
            body += render.render_html(f"Flagged replies (first {len(shown)} of {total})", {}, shown, [])
        return body

    def __repr__(self):
        text = render.render_text("Demeaning-language scan", self._facts(), self.by_group, self.notes)
        shown, total = self._examples()
        if total:
            text += "\n\n" + render.render_text(f"Flagged replies (first {len(shown)} of {total})", {}, shown, [])
        return text


def _group_table(labels, scannable, flagged, group_name):
    """The per-group counts, rates and Fisher tests against the lowest-rate group."""
    labels = ["all"] * len(scannable) if labels is None else labels
    order = list(dict.fromkeys(labels))
    try:
        order = sorted(order)
    except TypeError:  # mixed label types: keep the order of first appearance
        pass
    position = {label: i for i, label in enumerate(order)}
    codes = np.fromiter((position[label] for label in labels), dtype=np.int64, count=len(labels))
    n = np.bincount(codes, minlength=len(order))
    ok = np.bincount(codes, weights=np.asarray(scannable, dtype=float), minlength=len(order)).astype(np.int64)
    hit = np.bincount(codes, weights=np.asarray(flagged, dtype=float), minlength=len(order)).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(ok > 0, hit / np.maximum(ok, 1), np.nan)

    reference, ref = None, None
    difference = np.full(len(order), np.nan)
    p_value = np.full(len(order), np.nan)
    if group_name is not None and (ok > 0).any():
        candidates = np.flatnonzero(ok > 0)
        # lowest rate; ties go to the larger group (its rate is the more precise), then label order
        ref = min(candidates, key=lambda i: (rate[i], -ok[i], i))
        reference = order[ref]
        difference = np.where(ok > 0, rate - rate[ref], np.nan)
        others = [i for i in candidates if i != ref]
        if others:
            p_value[others] = stats.fisher_p(hit[others], ok[others], hit[ref], ok[ref])

    table = pd.DataFrame(
        {
            "n": n.astype(np.int64),
            "scannable": ok,
            "not_scannable": (n - ok).astype(np.int64),
            "flagged": hit,
            "rate": rate,
            "rate_difference": difference,
            "p_value": p_value,
        },
        index=pd.Index(order, name=group_name or "group", dtype=object),
    )
    return table, reference


def _notes(table, grouped, not_scannable):
    notes = []
    if not_scannable:
        notes.append(
            f"{not_scannable} of {int(table['n'].sum())} replies were not text (None, NaN, empty, numbers, "
            "bytes, ...): they are counted in not_scannable, never flagged, and left out of the rates"
        )
    if grouped:
        empty = table.index[table["scannable"] == 0].tolist()
        if empty:
            notes.append(f"no scannable reply in group(s) {[render.format_label(g) for g in empty]}: no rate")
        small = table.index[(table["scannable"] > 0) & (table["scannable"] < SMALL_GROUP)].tolist()
        if small:
            notes.append(
                f"fewer than {SMALL_GROUP} scannable replies in {[render.format_label(g) for g in small]}: "
                "their rates are unstable; read those replies rather than trust the rate"
            )
        tested = int(table["p_value"].notna().sum())
        if tested:
            notes.append(
                "p_value: two-sided Fisher exact test of each group's flagged / unflagged counts against "
                "the reference group (lowest rate)" + ("; not adjusted for multiple comparisons" if tested > 1 else "")
            )
    notes.append(
        "a lexicon and rules find only the wordings they list: read a sample of unflagged replies from "
        "every group, and check flagged ones for false positives (a surname can also be a slur)"
    )
    return notes
