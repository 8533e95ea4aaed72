"""Small-cell suppression of published group tables: blank, mark and protect, never silently drop.

An audit table that says "2 of 3 Native Hawaiian applicants were hired" tells everyone in that
office who the two were. Statistical offices publish a count only when enough people are behind
it, and blank (suppress) the rest:

- **Primary suppression.** A row whose count of people (``n``) is below ``min_cell`` keeps its
  label but has its counts and everything derived from them (rates, ratios, p-values, flags)
  replaced by NaN (``<NA>`` in integer and boolean columns), and its ``suppressed`` column says
  why (``"n < 10"``). The convention is *publish when n >= min_cell*: a count exactly equal to
  ``min_cell`` is published. Optionally the number selected and the number not selected must
  reach ``min_cell`` too (``check=("n", "selected", "not_selected")``): "0 of 40 were hired"
  discloses the outcome of all forty.
- **Complementary suppression.** When the table's total is published (an audit says how many
  people it assessed) or can be added up from another table, one blanked row is recovered by
  subtraction. So further rows are blanked, smallest first, until no blanked value can be worked
  out exactly from the published totals (in a one-way table: at least two blanked rows, or none),
  and marked ``"complementary"``. Tables indexed by several columns (intersections) are protected
  against their one-way margins too, and :func:`suppress_linked_tables` protects several tables
  published together (the LL144 sex, race/ethnicity and intersectional tables).

Intended use: the audit reports call :func:`suppress_report_table` on their per-group table when
given ``min_cell`` (``to_frame(min_cell=10)``, ``to_markdown(min_cell=10)``, ``hrfair audit
--min-cell 10``), and :func:`suppress_linked_tables` on ``LL144AuditReport.tables()`` (its three
tables are margins of each other); ``SuppressedTable.to_frame(marked=True)`` gives the table with the text
"suppressed (<10)" in the blanked cells, ready for :func:`hrfair_helpers._utils.render.markdown_table`.

Checked libraries: the maintained cell-suppression tools are R packages (sdcTable, Statistics
Norway's GaussSuppression, countmaskr) and the tau-Argus application; Python's pycanon measures
the anonymity of records but does not suppress tables. So the rule is written here, on the same
idea as GaussSuppression's (linear algebra on the published totals): a blanked cell is
recoverable exactly when its indicator vector lies in the row space of the totals' equations
over the blanked cells. It protects against exact recovery, not against narrowing a blanked value
to an interval (the protection intervals of sdcTable and tau-Argus); the notes say so.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._utils import render, style, validation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CHECKS",
    "SuppressedTable",
    "suppress_linked_tables",
    "suppress_report_table",
    "suppress_small_cells",
]

#: The counts ``check=`` may name: people, people selected, people not selected (n - selected).
CHECKS = ("n", "selected", "not_selected")
COMPLEMENTARY = "complementary"
REASON_COLUMN = "suppressed"
# Count columns of the audit tables: adverse_impact / ll144 (selection) and ll144 (scoring tools).
_SELECTED_COLUMNS = ("selected", "scored_above_median")


@dataclass
class SuppressedTable:
    """A group table with its small cells blanked and marked: the result of :func:`suppress_small_cells`.

    Attributes
    ----------
    table : DataFrame
        The input table, every row kept with its label. In suppressed rows the ``columns`` are
        NaN (``<NA>`` in integer and boolean columns); the added ``suppressed`` column holds the
        reason (``"n < 10"``, ``"selected < 10"``, ``"complementary"``) or ``""`` when published.
    min_cell : int
        The threshold: a count is published when it is at least ``min_cell``.
    count_column : str
        The column of people per row (``"n"``).
    columns : tuple of str
        The columns blanked in suppressed rows.
    people_suppressed : int
        People behind the suppressed rows (for the analyst; see the notes before publishing it).
    notes : list of str
        What was suppressed and why, and how to read the blanks.
    """

    table: pd.DataFrame
    min_cell: int
    count_column: str = "n"
    columns: tuple[str, ...] = ()
    people_suppressed: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def suppressed_rows(self) -> list[Hashable]:
        """Labels of the suppressed rows (primary and complementary), in table order."""
        return list(self.table.index[self.table[REASON_COLUMN] != ""])

    @property
    def primary_rows(self) -> list[Hashable]:
        """Labels of the rows suppressed because a checked count is below ``min_cell``."""
        reasons = self.table[REASON_COLUMN]
        return list(self.table.index[(reasons != "") & (reasons != COMPLEMENTARY)])

    @property
    def complementary_rows(self) -> list[Hashable]:
        """Labels of the rows suppressed so that a primary one cannot be recovered by subtraction."""
        return list(self.table.index[self.table[REASON_COLUMN] == COMPLEMENTARY])

    @property
    def n_suppressed(self) -> int:
        """Number of suppressed rows."""
        return int((self.table[REASON_COLUMN] != "").sum())

    def to_frame(self, marked: bool = False) -> pd.DataFrame:
        """The table as a new DataFrame.

        Parameters
        ----------
        marked : bool, default False
            False: blanked cells are NaN/<NA> (for computing). True: every value as text, blanked
            cells reading ``"suppressed (<10)"`` or ``"suppressed (complementary)"`` and rates
            with three decimals (for Markdown and HTML, where a dash would look like missing data).
        """
        if not marked:
            return self.table.copy()
        return _marked(self.table, self.columns, self.min_cell)

    def _facts(self):
        return {
            "publish when": f"{self.count_column} >= {self.min_cell}",
            "rows suppressed": f"{self.n_suppressed} of {len(self.table)}",
        }

    def _repr_html_(self):
        return render.render_html("Small-cell suppression", self._facts(), self.to_frame(marked=True), self.notes)

    def __repr__(self):
        return render.render_text("Small-cell suppression", self._facts(), self.to_frame(marked=True), self.notes)

    def plot(self, ax: Axes | None = None, column: str | None = None) -> Axes:
        """Bars of a rate on a 0–1 axis; suppressed rows have no bar and say why.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        column : str, optional
            The column to draw; by default the first blanked column whose name contains "rate",
            else the first blanked float column.
        """
        column = self._plot_column(column)
        values = pd.to_numeric(self.table[column], errors="coerce").to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        upper = max(1.0, float(finite.max()) * 1.05) if finite.size else 1.0
        ax = style.bar_axes(
            ax,
            self.table.index,
            np.nan_to_num(values),
            xlabel=column.replace("_", " "),
            title=f"{column.replace('_', ' ').capitalize()} by group (published when "
            f"{self.count_column} >= {self.min_cell})",
            xlim=(0, upper),
        )
        for position, reason in enumerate(self.table[REASON_COLUMN]):
            if reason:
                ax.text(0.01 * upper, position, f"suppressed ({reason})", va="center", fontsize=9, color="0.3")
        return ax

    def _plot_column(self, column):
        if column is not None:
            if column not in self.table.columns or column == REASON_COLUMN:
                raise ValueError(f"column {column!r} is not a column of the table; choose one of {self.columns}")
            return column
        floats = [c for c in self.columns if pd.api.types.is_float_dtype(self.table[c].dtype)]
        rates = [c for c in floats if "rate" in str(c)]
        if not (rates or floats):
            raise ValueError("the table has no rate to draw; pass column= naming a numeric column")
        return (rates or floats)[0]


def suppress_small_cells(
    table: pd.DataFrame,
    *,
    min_cell: int,
    check: str | Sequence[str] = ("n",),
    count_column: str = "n",
    selected_column: str = "selected",
    columns: Sequence[str] | None = None,
    complementary: bool = True,
) -> SuppressedTable:
    """Blank the rows of a group table that too few people are behind, and the rows that would give them away.

    Parameters
    ----------
    table : DataFrame
        One row per group (indexed by the group label; a MultiIndex for intersections), with a
        column of people per group (``count_column``), e.g. ``AdverseImpactReport.table``.
    min_cell : int
        The smallest count published: a row is suppressed when a checked count is *below* it, so
        a group of exactly ``min_cell`` people is published. Rules of thumb of 5 or 10 are common;
        the right number is set by the publisher's disclosure policy.
    check : str or sequence of {"n", "selected", "not_selected"}, default ("n",)
        The counts that must reach ``min_cell``: the people in the group, and optionally the
        people selected and not selected (``n - selected``), whose smallness discloses outcomes.
    count_column : str, default "n"
        The column of people per group.
    selected_column : str, default "selected"
        The column of people selected (used when ``check`` names "selected" or "not_selected").
    columns : sequence of str, optional
        The columns blanked in a suppressed row: the counts and everything derived from them. By
        default every numeric and boolean column (counts, rates, ratios, p-values, flags).
    complementary : bool, default True
        Assume the table's total (and, for a MultiIndex, its totals by each index level) is
        published or can be added up elsewhere, and blank further rows, smallest first, until no
        blanked value can be worked out by subtraction. False only when no total is published.

    Returns
    -------
    SuppressedTable
        ``.table`` keeps every row, with a ``suppressed`` column giving the reason.

    Raises
    ------
    ValueError
        On a bad ``min_cell``, an unknown ``check``, a missing column, counts that are not whole
        numbers >= 0, or a table that already has a ``suppressed`` column.

    See Also
    --------
    suppress_report_table : the same with the column names of the audit reports found for you.
    suppress_linked_tables : several tables published together (margins of each other).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"n": [120, 80, 4, 10], "selected": [60, 30, 1, 5]},
    ...                  index=pd.Index(["White", "Black", "Asian", "Other"], name="race"))
    >>> t["selection_rate"] = t["selected"] / t["n"]
    >>> s = suppress_small_cells(t, min_cell=10)
    >>> s.primary_rows, s.complementary_rows
    (['Asian'], ['Other'])
    >>> s.table
              n  selected  selection_rate     suppressed
    race
    White   120        60           0.500
    Black    80        30           0.375
    Asian  <NA>      <NA>             NaN         n < 10
    Other  <NA>      <NA>             NaN  complementary

    Other (exactly 10 people) is published by the rule, but the total would give Asian away.
    """
    return _suppress(
        {None: table},
        min_cell=min_cell,
        check=check,
        count_column=count_column,
        selected_column=selected_column,
        columns=columns,
        complementary=complementary,
    )[None]


def suppress_report_table(
    table: pd.DataFrame,
    min_cell: int,
    *,
    check: str | Sequence[str] = ("n",),
    reference: Hashable | None = None,
    complementary: bool = True,
) -> SuppressedTable:
    """:func:`suppress_small_cells` on an audit report's per-group table, its count columns found by name.

    For :class:`~hrfair_helpers.audit.AdverseImpactReport` (``n``, ``selected``) and the three
    tables of :class:`~hrfair_helpers.audit.LL144AuditReport` (``n`` and ``selected`` or
    ``scored_above_median``). Every numeric and boolean column is blanked in a suppressed row.

    Parameters
    ----------
    table : DataFrame
        The report's ``table`` (one row per group, an ``n`` column).
    min_cell : int
        Publish a row when its checked counts are at least ``min_cell``.
    check : str or sequence of {"n", "selected", "not_selected"}, default ("n",)
    reference : group label, optional
        The report's reference group. When it is suppressed, every other group's impact ratio
        still discloses its rate (rate = rate of the group / impact ratio); a note says so.
    complementary : bool, default True
        See :func:`suppress_small_cells`.

    Returns
    -------
    SuppressedTable

    Examples
    --------
    >>> import pandas as pd
    >>> from hrfair_helpers.audit import adverse_impact_from_counts
    >>> rep = adverse_impact_from_counts(pd.Series({"F": 40, "M": 60, "X": 3}), pd.Series({"F": 12, "M": 30, "X": 2}))
    >>> s = suppress_report_table(rep.table, 10, reference=rep.reference)
    >>> s.suppressed_rows, s.table.loc["X", "suppressed"], s.table["impact_ratio"].isna().tolist()
    (['F', 'X'], 'n < 10', [True, True, True])

    X has the highest rate, so it is the reference: M's impact ratio would give X's rate away, and it
    is blanked too (a note says why).
    """
    if not isinstance(table, pd.DataFrame) or "n" not in table.columns:
        raise ValueError("table must be a report's per-group table with an 'n' column, e.g. report.table")
    selected = next((c for c in _SELECTED_COLUMNS if c in table.columns), "selected")
    result = suppress_small_cells(
        table, min_cell=min_cell, check=check, selected_column=selected, complementary=complementary
    )
    if reference is not None:
        _note_reference(result, reference)
    return result


def suppress_linked_tables(
    tables: Mapping[str, pd.DataFrame],
    *,
    min_cell: int,
    check: str | Sequence[str] = ("n",),
    count_column: str = "n",
    selected_column: str | None = None,
    columns: Sequence[str] | None = None,
    references: Mapping[str, Hashable] | None = None,
) -> dict[str, SuppressedTable]:
    """Suppress several tables published together, so that none gives away another's blanks.

    A table whose index names are a subset of another's is a margin of it: the LL144 ``sex``
    table (index ``sex``) adds up the ``intersectional`` table (index ``sex, race``) over race.
    A blank in one table is protected against every total published in all of them; each table's
    own total is assumed published.

    Parameters
    ----------
    tables : mapping of name to DataFrame
        The tables, indexed by group with named index levels (``LL144AuditReport.tables()``).
    min_cell, check, count_column, columns
        As in :func:`suppress_small_cells`.
    selected_column : str, optional
        The column of people selected; by default ``"selected"`` or ``"scored_above_median"``,
        whichever the tables have.
    references : mapping of name to group label, optional
        Each table's reference group (``LL144AuditReport.reference``): a note warns when one is
        suppressed, as in :func:`suppress_report_table`.

    Returns
    -------
    dict of name to SuppressedTable

    Examples
    --------
    >>> import pandas as pd
    >>> inter = pd.DataFrame({"n": [50, 40, 30, 4]}, index=pd.MultiIndex.from_tuples(
    ...     [("F", "a"), ("F", "b"), ("M", "a"), ("M", "b")], names=["sex", "race"]))
    >>> sex = inter.groupby(level="sex").sum()
    >>> out = suppress_linked_tables({"sex": sex, "intersectional": inter}, min_cell=10)
    >>> out["intersectional"].table["suppressed"].tolist(), out["sex"].n_suppressed
    (['complementary', 'complementary', 'complementary', 'n < 10'], 0)
    """
    if not isinstance(tables, Mapping) or not tables:
        raise ValueError("tables must be a non-empty dict of name -> DataFrame, e.g. {'sex': t1, 'race': t2}")
    for name in tables:
        if name is None:
            raise ValueError("table names must not be None; use strings such as 'sex'")
    if selected_column is None:
        found = [c for c in _SELECTED_COLUMNS if any(c in t.columns for t in tables.values() if hasattr(t, "columns"))]
        selected_column = found[0] if found else "selected"
    results = _suppress(
        dict(tables),
        min_cell=min_cell,
        check=check,
        count_column=count_column,
        selected_column=selected_column,
        columns=columns,
        complementary=True,
    )
    for name, reference in (references or {}).items():
        if name in results:
            _note_reference(results[name], reference)
    return results


#: Columns computed against the reference group: a published one would give away a suppressed reference's rate.
RELATIVE_COLUMNS = ("impact_ratio", "adverse_impact", "shortfall", "z_stat", "p_value_z", "p_value_fisher")


def _note_reference(result, reference):
    """Blank the columns relative to a suppressed reference group in every row, and say so."""
    if reference not in result.suppressed_rows:
        return
    relative = [c for c in RELATIVE_COLUMNS if c in result.table.columns]
    published = result.table["suppressed"] == ""
    if relative and published.any():
        for column in relative:
            blank = pd.NA if not pd.api.types.is_float_dtype(result.table[column]) else np.nan
            if blank is pd.NA and not isinstance(result.table[column].dtype, pd.api.extensions.ExtensionDtype):
                result.table[column] = result.table[column].astype(object)
            result.table.loc[published, column] = blank
        result.notes.append(
            f"the reference group {render.format_label(reference)} is suppressed, and the "
            f"{', '.join(relative)} of the other groups are relative to it (its rate = a group's rate / that "
            f"group's impact ratio), so they are not published either; compare with a reference group of at least "
            f"{result.min_cell} people (reference=...) to publish ratios"
        )


# --------------------------------------------------------------------------------------------- #
# The engine: cells of one or more tables, primary rule, then complementary cells by linear algebra


def _suppress(tables, *, min_cell, check, count_column, selected_column, columns, complementary):
    min_cell = validation.check_whole_number(min_cell, "min_cell", 1, hint=" (e.g. 10: publish groups of 10 or more)")
    checks = _check_names(check)
    if not isinstance(complementary, (bool, np.bool_)):
        raise ValueError(f"complementary must be True or False, got {complementary!r}")
    sizes, primary, reasons, blanked = [], [], [], {}
    for name, table in tables.items():
        where = "table" if name is None else f"table {name!r}"
        n, reason, blank = _primary(table, where, min_cell, checks, count_column, selected_column, columns)
        sizes.append(n)
        reasons.append(reason)
        primary.append(reason != "")
        blanked[name] = blank
    sizes, primary = np.concatenate(sizes), np.concatenate(primary)
    constraints = _constraints(list(tables.values())) if complementary else np.zeros((0, sizes.size))
    extra, exposed = _complementary(sizes, primary, constraints)

    results, start = {}, 0
    for (name, table), reason in zip(tables.items(), reasons):
        stop = start + len(table)
        reason = np.where(extra[start:stop], COMPLEMENTARY, reason)
        results[name] = _result(
            table,
            name,
            reason,
            sizes[start:stop],
            exposed[start:stop],
            blanked[name],
            min_cell,
            count_column,
            complementary,
            len(tables) > 1,
        )
        start = stop
    return results


def _check_names(check):
    names = (check,) if isinstance(check, str) else check
    if not isinstance(names, Iterable) or not names:
        raise ValueError(f"check must name at least one of {CHECKS}, e.g. check=('n', 'selected', 'not_selected')")
    names = tuple(names)
    unknown = [c for c in names if c not in CHECKS]
    if unknown:
        raise ValueError(f"check must name counts among {CHECKS}, got {unknown}")
    return names


def _primary(table, where, min_cell, checks, count_column, selected_column, columns):
    """Counts of people per row, the primary reason per row ("" when published) and the columns to blank."""
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"{where} must be a pandas DataFrame with one row per group, got {type(table).__name__}")
    if len(table) == 0:
        raise ValueError(f"{where} has no rows: pass the per-group table")
    if REASON_COLUMN in table.columns:
        raise ValueError(f"{where} already has a {REASON_COLUMN!r} column: pass the table before suppression")
    if not table.index.is_unique:
        raise ValueError(f"{where} has repeated group labels; pass one row per group")
    n = _whole_numbers(table, count_column, where)
    counts = {"n": n}
    if {"selected", "not_selected"} & set(checks):
        chosen = _whole_numbers(table, selected_column, where)
        if (chosen > n).any():
            raise ValueError(f"{where}: {selected_column} exceeds {count_column} in some rows; check the columns")
        counts.update(selected=chosen, not_selected=n - chosen)
    labels = {"n": count_column, "selected": selected_column, "not_selected": f"not {selected_column}"}
    parts = [np.where(counts[c] < min_cell, f"{labels[c]} < {min_cell}", "") for c in checks]
    reason = np.array(["; ".join(p for p in row if p) for row in zip(*parts)], dtype=object)
    if columns is None:
        blank = tuple(
            c
            for c in table.columns
            if pd.api.types.is_numeric_dtype(table[c].dtype) or pd.api.types.is_bool_dtype(table[c].dtype)
        )
    else:
        blank = (columns,) if isinstance(columns, str) else tuple(columns)
        missing = [c for c in blank if c not in table.columns]
        if missing:
            raise ValueError(f"{where}: columns {missing} not in the table; available: {list(table.columns)}")
        if count_column not in blank:
            raise ValueError(f"columns must include {count_column!r}: a suppressed row's count is blanked too")
    return n, reason, blank


def _whole_numbers(table, column, where):
    if column not in table.columns:
        raise ValueError(f"{where} has no column {column!r}; available: {list(table.columns)} (pass the column name)")
    values = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float)
    if np.isnan(values).any() or (values < 0).any() or (values != np.round(values)).any():
        raise ValueError(f"{where}: {column} must hold whole numbers of people >= 0, got {table[column].tolist()[:5]}")
    return values.astype(np.int64)


def _constraints(tables):
    """Published totals as equations over the cells of all tables: one row of coefficients each.

    Each table's total; when one table's index names are a subset of another's, each of its rows
    as the sum of the matching rows of the other (it may be suppressed too); and the totals by
    each level of a MultiIndex that no table gives, assumed published (the cautious reading).
    """
    given = {tuple(t.index.names) for t in tables}
    offsets = np.cumsum([0] + [len(t) for t in tables])
    size = int(offsets[-1])
    rows = []
    for t, table in enumerate(tables):
        span = slice(offsets[t], offsets[t + 1])
        row = np.zeros(size)
        row[span] = 1.0
        rows.append(row)
        if isinstance(table.index, pd.MultiIndex):
            for level in range(table.index.nlevels):
                if (table.index.names[level],) in given and table.index.names[level] is not None:
                    continue  # that margin is a table here, its cells equations below
                codes = pd.factorize(table.index.get_level_values(level), use_na_sentinel=False)[0]
                for code in np.unique(codes):
                    row = np.zeros(size)
                    row[span] = codes == code
                    rows.append(row)
    for a, big in enumerate(tables):
        for b, small in enumerate(tables):
            names_big, names_small = list(big.index.names), list(small.index.names)
            if a == b or None in names_small or not set(names_small) < set(names_big):
                continue
            keys = list(big.index.to_frame(index=False)[names_small].itertuples(index=False, name=None))
            for i, label in enumerate(small.index):
                label = label if isinstance(label, tuple) else (label,)
                row = np.zeros(size)
                # A comprehension, not `Series == tuple`, which pandas may compare element by element.
                row[offsets[a] : offsets[a + 1]] = [key == label for key in keys]
                row[offsets[b] + i] = -1.0
                rows.append(row)
    return np.array(rows).reshape(len(rows), size)


def _recoverable(constraints, suppressed):
    """Which suppressed cells the published equations determine exactly.

    Cell i is determined when its unit vector lies in the row space of the equations restricted
    to the suppressed cells (the published cells move to the right-hand side): the diagonal of
    the projector onto that row space is 1 there.
    """
    out = np.zeros(suppressed.size, dtype=bool)
    matrix = constraints[:, suppressed]
    matrix = matrix[np.abs(matrix).sum(axis=1) > 0]
    if matrix.size == 0:
        return out
    _, singular, vt = np.linalg.svd(matrix, full_matrices=False)
    rank = int((singular > 1e-9 * max(matrix.shape) * singular.max()).sum())
    out[np.flatnonzero(suppressed)] = (vt[:rank] ** 2).sum(axis=0) > 1 - 1e-9
    return out


def _complementary(sizes, primary, constraints):
    """Cells to blank besides the primary ones, and the cells no blanking can protect.

    First the line rule: an equation with exactly one blanked cell gives it away, so blank the
    smallest publishable cell of that equation (the most specific equations first: a margin
    before the grand total). In a one-way table that is the smallest other row. Then the exact
    check: a blanked cell can still be determined by several equations together (a "bridge" in a
    two-way table); blank the cell next to it that protects the most, the smallest on a tie, and
    start again. Each step blanks a cell, so it ends. A heuristic: it protects, it does not
    promise the fewest blanks (an integer programme, which sdcTable and tau-Argus can solve).
    """
    suppressed = primary.copy()
    exposed = np.zeros(sizes.size, dtype=bool)  # determined, with nothing left to blank beside it
    members = np.abs(constraints) > 0
    order = np.argsort(members.sum(axis=1), kind="stable")
    while True:
        single = next(
            (e for e in order if (members[e] & suppressed).sum() == 1 and not (members[e] & exposed).any()), None
        )
        if single is not None:
            free = np.flatnonzero(members[single] & ~suppressed)
            if free.size == 0:  # the equation is one cell: its published total is the cell itself
                exposed |= members[single] & suppressed
            else:
                suppressed[free[np.lexsort((free, sizes[free]))[0]]] = True
            continue
        recoverable = _recoverable(constraints, suppressed) & ~exposed
        if not recoverable.any():
            break
        candidates = np.flatnonzero(~suppressed & members[members[:, recoverable].any(axis=1)].any(axis=0))
        if candidates.size == 0:
            exposed |= recoverable
            continue
        scores = []
        for c in candidates:
            trial = suppressed.copy()
            trial[c] = True
            scores.append((int((_recoverable(constraints, trial) & recoverable).sum()), int(sizes[c]), int(c)))
        suppressed[min(scores)[2]] = True
    return suppressed & ~primary, exposed


def _result(table, name, reason, n, exposed, blank, min_cell, count_column, complementary, linked):
    out = table.copy()
    mask = reason != ""
    for column in blank:
        out[column] = _blanked(out[column], mask)
    out[REASON_COLUMN] = reason.astype(object)
    labels = [render.format_label(lbl) for lbl in table.index]
    primary = [lbl for lbl, r in zip(labels, reason) if r and r != COMPLEMENTARY]
    extra = [lbl for lbl, r in zip(labels, reason) if r == COMPLEMENTARY]
    people = int(n[mask].sum())
    prefix = "" if name is None else f"{name} table: "
    notes = []
    if not mask.any():
        notes.append(f"every row has at least {min_cell} behind each checked count; nothing is suppressed")
    else:
        notes.append(
            f"{len(primary)} of {len(table)} rows suppressed because a count is below {min_cell} "
            f"(published when it is {min_cell} or more): {', '.join(primary)}"
        )
        if extra:
            rows = "rows" if len(extra) > 1 else "row"
            notes.append(
                f"{len(extra)} more {rows} suppressed so that the small ones cannot be worked out by "
                f"subtracting the published rows from the total (complementary suppression): "
                f"{', '.join(extra)}"
            )
        notes.append(
            "a blank (NaN or <NA>) in a suppressed row means suppressed, not missing: the value exists "
            "but is not published"
        )
        if complementary:
            notes.append(
                f"{people} people are behind the suppressed rows; a reader can work this sum out from the "
                f"published total, but not how it splits between the suppressed rows"
            )
        else:
            notes.append(
                f"{people} people are behind the suppressed rows; with complementary=False no total may be "
                f"published, or the suppressed rows can be worked out from it; keep this number private"
            )
        if mask.all():
            notes.append(
                "every row is suppressed: the table shows only its labels; merge small groups into larger "
                "ones to publish something"
            )
    if exposed.any():
        which = ", ".join(lbl for lbl, e in zip(labels, exposed) if e)
        it = "it" if exposed.sum() == 1 else "them"
        notes.append(
            f"{which} can still be worked out: a published total equals {it} "
            f"(a group alone in its margin{' or table' if not linked else ''}); suppress that total too"
        )
    if mask.any():
        notes.append(
            "the protection is against exact recovery; a reader may still narrow a suppressed count to a "
            "range (between 0 and the total of the suppressed rows)"
        )
    return SuppressedTable(
        table=out,
        min_cell=min_cell,
        count_column=count_column,
        columns=blank,
        people_suppressed=people,
        notes=[prefix + note for note in notes],
    )


def _blanked(column, mask):
    """``column`` with the masked rows missing, in a dtype that can hold a blank (ints stay ints)."""
    if not mask.any():
        return column
    if pd.api.types.is_bool_dtype(column.dtype):
        column = column.astype("boolean")
    elif pd.api.types.is_integer_dtype(column.dtype):
        column = column.astype("Int64")
    return column.mask(mask)


def _marked(table, columns, min_cell):
    out = pd.DataFrame(index=table.index)
    reasons = table[REASON_COLUMN]
    for column in table.columns:
        # astype(object) first: mapping an Int64 column with <NA> would give floats (120.0).
        text = pd.Series([_format_value(v) for v in table[column].astype(object)], index=table.index, dtype=object)
        if column in columns:
            text[reasons == COMPLEMENTARY] = "suppressed (complementary)"
            text[(reasons != "") & (reasons != COMPLEMENTARY)] = f"suppressed (<{min_cell})"
        out[column] = text
    return out


def _format_value(value):
    if isinstance(value, str):
        return value
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        return f"{value:.3f}"
    return str(value)
