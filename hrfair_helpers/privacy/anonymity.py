"""k-anonymity and l-diversity of a released extract, and coarsening it until it is k-anonymous.

An HR extract with names removed can still single people out: the only 58-year-old in the
Lisbon office with 31 years of tenure is known to everyone there. The columns an outsider could
know and match on are the *quasi-identifiers*; rows that share all their values form an
*equivalence class*. The extract is **k-anonymous** when every class has at least k rows
(Sweeney 2002), and **l-diverse** (distinct l-diversity, Machanavajjhala et al. 2007) when every
class holds at least l different values of a sensitive column, so that knowing someone's class
does not tell their rating or salary band.

- :func:`equivalence_classes`, :func:`class_sizes`, :func:`k_anonymity`, :func:`l_diversity`:
  measure an extract.
- :func:`anonymity_report`: the measures, the classes below a target k (and l) and the rows in
  them, as an :class:`AnonymityReport`.
- :func:`generalise`: coarsen columns (ages into bands, offices into regions, a column removed).
- :func:`make_k_anonymous`: coarsen, then drop the rows still in classes below k, reporting how
  many rows were lost and from which groups (dropping small classes removes minorities first,
  which can bias any audit run on the extract).

A missing value is a value like any other here (an outsider can see that a field is blank).

Checked libraries: pycanon (1.3.x) computes k, l and more, but pins numpy==2.0.2,
pandas==2.3.3 and docutils==0.22.x exactly, which conflict with this project's stack (jupyter-book
1.x and its Sphinx), so it cannot be a dependency; ARX and sdcMicro are Java and R. k and l are a
pandas ``groupby`` each, written here and tested against a brute-force count.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._utils import render, validation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "AnonymityReport",
    "anonymity_report",
    "class_sizes",
    "equivalence_classes",
    "generalise",
    "k_anonymity",
    "l_diversity",
    "make_k_anonymous",
]

#: What :func:`generalise` puts in a column whose rule is None (the attribute withheld).
WITHHELD = "*"


@dataclass
class AnonymityReport:
    """How identifiable the rows of an extract are: the result of :func:`anonymity_report`.

    Attributes
    ----------
    table : DataFrame
        One row per equivalence class, smallest first: the quasi-identifier values, ``size``
        (rows in the class), ``below_k``, and with a sensitive column ``distinct_sensitive`` and
        ``below_l``.
    quasi_identifiers : tuple of str
    k : int
        The extract's k: the size of its smallest class.
    target_k : int
        The k asked for.
    rows : int
        Rows in the extract.
    rows_below_k : int
        Rows in classes smaller than ``target_k`` (the people at risk of being singled out).
    sensitive : str or None
    l : int or None
        The extract's l: the fewest distinct sensitive values in a class (None without ``sensitive``).
    target_l : int or None
    rows_removed : int
        Rows :func:`make_k_anonymous` dropped to reach ``target_k`` (0 for a plain report).
    lost : DataFrame or None
        Rows kept and removed per value of :func:`make_k_anonymous`'s ``lost_by`` column.
    notes : list of str
    """

    table: pd.DataFrame
    quasi_identifiers: tuple[str, ...]
    k: int
    target_k: int
    rows: int
    rows_below_k: int
    sensitive: str | None = None
    l: int | None = None  # noqa: E741 (the name of the measure)
    target_l: int | None = None
    rows_removed: int = 0
    lost: pd.DataFrame | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def is_k_anonymous(self) -> bool:
        """Whether every class has at least ``target_k`` rows."""
        return self.k >= self.target_k

    @property
    def classes_below_k(self) -> pd.DataFrame:
        """The classes smaller than ``target_k``."""
        return self.table[self.table["below_k"]].copy()

    def to_frame(self) -> pd.DataFrame:
        """The table of equivalence classes as a new DataFrame."""
        return self.table.copy()

    def _facts(self):
        facts = {
            "quasi-identifiers": ", ".join(self.quasi_identifiers),
            "rows": self.rows,
            "equivalence classes": len(self.table),
            "k (smallest class)": f"{self.k} (target {self.target_k})",
            f"rows in classes below {self.target_k}": self.rows_below_k,
        }
        if self.sensitive is not None:
            facts[f"l (fewest distinct {self.sensitive})"] = f"{self.l} (target {self.target_l})"
        if self.rows_removed:
            facts["rows removed"] = self.rows_removed
        return facts

    def _repr_html_(self):
        return render.render_html("k-anonymity", self._facts(), self.table.head(20), self.notes)

    def __repr__(self):
        return render.render_text("k-anonymity", self._facts(), self.table.head(20), self.notes)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Histogram of class sizes (sizes above ``max(2k, 20)`` in the last bar), with the target k marked.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        """
        import matplotlib.pyplot as plt

        from .._utils import style

        if ax is None:
            _, ax = plt.subplots(figsize=(6, 3.5))
        cap = max(2 * self.target_k, 20)
        sizes = np.minimum(self.table["size"].to_numpy(), cap)
        ax.hist(sizes, bins=np.arange(1, cap + 2) - 0.5, color=style.BAR_COLOR)
        ax.axvline(self.target_k - 0.5, color=style.THRESHOLD_COLOR, linestyle="--", label=f"k = {self.target_k}")
        ax.set_xlim(0.5, cap + 0.5)
        ax.set_xlabel(f"rows in the equivalence class (last bar: {cap} or more)")
        ax.set_ylabel("equivalence classes")
        ax.set_title(f"Class sizes: {self.rows_below_k} of {self.rows} rows in classes below k = {self.target_k}")
        ax.legend(loc="upper right")
        return ax


def equivalence_classes(
    data: pd.DataFrame, quasi_identifiers: str | Sequence[str], *, sensitive: str | None = None
) -> pd.DataFrame:
    """The equivalence classes of an extract: each combination of quasi-identifier values and its size.

    Parameters
    ----------
    data : DataFrame
        The extract, one row per person.
    quasi_identifiers : str or list of str
        Columns an outsider could know and match on (age, office, job title, start year...).
    sensitive : str, optional
        A column whose value must not be inferred (rating, salary band): adds
        ``distinct_sensitive``, the number of its different values in the class.

    Returns
    -------
    DataFrame
        One row per class, smallest first: the quasi-identifiers, ``size`` and
        ``distinct_sensitive`` (with ``sensitive``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"age": [30, 30, 41, 41, 41], "office": ["A", "A", "B", "B", "A"]})
    >>> equivalence_classes(df, ["age", "office"])
       age office  size
    0   41      A     1
    1   30      A     2
    2   41      B     2
    """
    qi = _check(data, quasi_identifiers, sensitive)
    grouped = data.groupby(qi, dropna=False, observed=True, sort=True)
    table = grouped.size().rename("size").reset_index()
    if sensitive is not None:
        table["distinct_sensitive"] = grouped[sensitive].nunique(dropna=False).to_numpy()
    return table.sort_values("size", kind="stable").reset_index(drop=True)


def class_sizes(data: pd.DataFrame, quasi_identifiers: str | Sequence[str]) -> pd.Series:
    """The size of each row's equivalence class, aligned with ``data`` (for ``data[class_sizes(...) < 5]``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"age": [30, 30, 41], "office": ["A", "A", "B"]})
    >>> class_sizes(df, ["age", "office"]).tolist()
    [2, 2, 1]
    """
    qi = _check(data, quasi_identifiers, None)
    return data.groupby(qi, dropna=False, observed=True)[qi[0]].transform("size").rename("class_size")


def k_anonymity(data: pd.DataFrame, quasi_identifiers: str | Sequence[str]) -> int:
    """The k of an extract: the number of rows in its smallest equivalence class.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"age": [30, 30, 41, 41], "office": ["A", "A", "B", "B"]})
    >>> k_anonymity(df, ["age", "office"]), k_anonymity(df, "age")
    (2, 2)
    """
    return int(equivalence_classes(data, quasi_identifiers)["size"].min())


def l_diversity(data: pd.DataFrame, quasi_identifiers: str | Sequence[str], sensitive: str) -> int:
    """The (distinct) l of an extract: the fewest different values of ``sensitive`` in any class.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"office": ["A", "A", "B", "B"], "rating": [1, 2, 3, 3]})
    >>> l_diversity(df, "office", "rating")
    1
    """
    if not isinstance(sensitive, str):
        raise ValueError(f"sensitive must be a column name, got {sensitive!r}")
    return int(equivalence_classes(data, quasi_identifiers, sensitive=sensitive)["distinct_sensitive"].min())


def anonymity_report(
    data: pd.DataFrame,
    quasi_identifiers: str | Sequence[str],
    *,
    k: int = 5,
    sensitive: str | None = None,
    l: int = 2,  # noqa: E741 (the name of the measure)
) -> AnonymityReport:
    """k (and l) of an extract, the classes below the targets and the rows in them.

    Parameters
    ----------
    data : DataFrame
    quasi_identifiers : str or list of str
    k : int, default 5
        The target: every class should have at least ``k`` rows.
    sensitive : str, optional
        A column whose value must not be inferred; l is then measured against ``l``.
    l : int, default 2
        The target number of distinct sensitive values per class.

    Returns
    -------
    AnonymityReport

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"age": [30, 30, 30, 41, 41, 58], "rating": [1, 2, 2, 3, 3, 1]})
    >>> rep = anonymity_report(df, "age", k=2, sensitive="rating")
    >>> rep.k, rep.rows_below_k, rep.l, rep.is_k_anonymous
    (1, 1, 1, False)
    """
    target_k = validation.check_whole_number(k, "k", 1, hint=" (e.g. 5: every class of at least 5 rows)")
    target_l = None
    if sensitive is not None:
        target_l = validation.check_whole_number(l, "l", 1, hint=" (e.g. 2 distinct sensitive values per class)")
    return _report(data, quasi_identifiers, target_k, sensitive, target_l)


def generalise(
    data: pd.DataFrame, rules: Mapping[str, Sequence[float] | Mapping[Any, Any] | Callable[[pd.Series], Any] | None]
) -> pd.DataFrame:
    """Coarsen columns of an extract so that more rows share their values (a new DataFrame).

    Parameters
    ----------
    data : DataFrame
    rules : dict of column name to rule
        - a list of bin edges (numbers, ``-inf``/``inf`` allowed) for a numeric column: each
          value becomes its band, ``"[30, 40)"`` (lower edge included), ``"< 30"``, ``">= 60"``;
          a value outside the edges is an error, a missing value stays missing;
        - a dict mapping values to coarser ones (``{"Lisbon": "Portugal", "Porto": "Portugal"}``);
          values not in it are kept;
        - a function of the column returning the coarser column (``lambda s: s.str[:2]``);
        - None: the column is withheld (every value becomes ``"*"``).

    Returns
    -------
    DataFrame
        A copy with the coarsened columns (bands as an ordered categorical).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"age": [23, 37, 41, 64], "office": ["Lisbon", "Porto", "Paris", "Lyon"]})
    >>> out = generalise(df, {"age": [0, 30, 50, float("inf")],
    ...                       "office": {"Lisbon": "PT", "Porto": "PT", "Paris": "FR", "Lyon": "FR"}})
    >>> out
            age office
    0   [0, 30)     PT
    1  [30, 50)     PT
    2  [30, 50)     FR
    3     >= 50     FR
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    if not isinstance(rules, Mapping) or not rules:
        raise ValueError("rules must be a non-empty dict of column -> bin edges, mapping, function or None")
    missing = [c for c in rules if c not in data.columns]
    if missing:
        raise ValueError(f"columns {missing} not in data; available columns: {list(data.columns)}")
    out = data.copy()
    for column, rule in rules.items():
        if rule is None:
            out[column] = WITHHELD
        elif isinstance(rule, Mapping):
            out[column] = data[column].map(lambda v, r=rule: r.get(v, v) if _hashable(v) else v)
        elif callable(rule):
            coarse = rule(data[column])
            if validation.row_count(coarse) != len(data):
                raise ValueError(f"the rule for {column!r} must return one value per row (got {coarse!r:.60})")
            aligned = isinstance(coarse, pd.Series) and coarse.index.equals(data.index)
            out[column] = coarse if aligned else pd.Series(np.asarray(coarse), index=data.index)
        else:
            out[column] = _bands(data[column], rule, column)
    return out


def make_k_anonymous(
    data: pd.DataFrame,
    quasi_identifiers: str | Sequence[str],
    *,
    k: int = 5,
    rules: Mapping[str, Any] | None = None,
    sensitive: str | None = None,
    l: int = 2,  # noqa: E741 (the name of the measure)
    lost_by: str | None = None,
) -> tuple[pd.DataFrame, AnonymityReport]:
    """Coarsen an extract with :func:`generalise`, then drop the rows still in classes below k.

    Parameters
    ----------
    data : DataFrame
    quasi_identifiers : str or list of str
    k : int, default 5
    rules : dict, optional
        Rules for :func:`generalise`, applied first. Coarsen before dropping: every row dropped is
        a person missing from the extract.
    sensitive : str, optional
        Measure l on the result (dropping rows does not make an extract l-diverse).
    l : int, default 2
    lost_by : str, optional
        A column (e.g. ``"race"``) to count the dropped rows by: small classes are often the
        minority groups an audit most needs.

    Returns
    -------
    (DataFrame, AnonymityReport)
        The k-anonymous extract (the kept rows, original index) and its report, whose
        ``rows_removed`` and ``lost`` say what was dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"age": [23, 25, 27, 41, 44, 67], "sex": ["F", "F", "F", "M", "M", "F"]})
    >>> extract, rep = make_k_anonymous(df, ["age", "sex"], k=2, rules={"age": [0, 30, 60, 100]})
    >>> len(extract), rep.rows_removed, rep.k
    (5, 1, 2)
    """
    target_k = validation.check_whole_number(k, "k", 1, hint=" (e.g. 5: every class of at least 5 rows)")
    target_l = None
    if sensitive is not None:
        target_l = validation.check_whole_number(l, "l", 1, hint=" (e.g. 2 distinct sensitive values per class)")
    qi = _check(data, quasi_identifiers, sensitive)
    if lost_by is not None and lost_by not in data.columns:
        raise ValueError(f"lost_by={lost_by!r} is not a column of data; available columns: {list(data.columns)}")
    coarse = generalise(data, rules) if rules else data.copy()
    keep = (class_sizes(coarse, qi) >= target_k).to_numpy()
    if not keep.any():
        raise ValueError(
            f"no equivalence class has {target_k} rows, so every row would be dropped; coarsen the "
            f"quasi-identifiers more (wider bands in rules=) or drop one of them"
        )
    extract = coarse[keep]
    report = _report(extract, qi, target_k, sensitive, target_l)
    report.rows_removed = int((~keep).sum())
    report.notes.insert(
        0,
        f"{report.rows_removed} of {len(data)} rows ({report.rows_removed / len(data):.1%}) "
        f"dropped: they were in equivalence classes below k = {target_k}"
        + (" after generalising " + ", ".join(rules) if rules else ""),
    )
    if lost_by is not None:
        # As text, so a numeric column's values and the "(missing)" label sort together.
        groups = data[lost_by].astype(object).where(data[lost_by].notna(), "(missing)").astype(str)
        lost = (
            pd.DataFrame({"rows": groups.value_counts(sort=False), "removed": groups[~keep].value_counts(sort=False)})
            .fillna(0)
            .astype(np.int64)
        )
        lost["share_removed"] = lost["removed"] / lost["rows"]
        lost.index.name = lost_by
        report.lost = lost.sort_values("share_removed", ascending=False, kind="stable")
        worst = report.lost.iloc[0]
        if worst["removed"]:
            report.notes.insert(
                1,
                f"by {lost_by}: {render.format_label(report.lost.index[0])} lost the largest share "
                f"of its rows ({worst['share_removed']:.1%}); an audit of this extract under-counts "
                f"it, so audit the full data and publish only suppressed tables",
            )
    return extract, report


# --------------------------------------------------------------------------------------------- #


def _check(data, quasi_identifiers, sensitive):
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    if len(data) == 0:
        raise ValueError("data has no rows: k-anonymity of an empty extract is undefined")
    qi = [quasi_identifiers] if isinstance(quasi_identifiers, str) else list(quasi_identifiers)
    if not qi or not all(isinstance(c, str) for c in qi):
        raise ValueError(f"quasi_identifiers must be one or more column names, got {quasi_identifiers!r}")
    if len(set(qi)) != len(qi):
        raise ValueError(f"quasi_identifiers repeat a column: {qi}")
    missing = [c for c in qi + ([sensitive] if sensitive is not None else []) if c not in data.columns]
    if missing:
        raise ValueError(f"columns {missing} not in data; available columns: {list(data.columns)}")
    if sensitive is not None and sensitive in qi:
        raise ValueError(f"sensitive={sensitive!r} is also a quasi-identifier; a column is one or the other")
    return qi


def _report(data, quasi_identifiers, target_k, sensitive, target_l):
    qi = _check(data, quasi_identifiers, sensitive)
    table = equivalence_classes(data, qi, sensitive=sensitive)
    table["below_k"] = table["size"] < target_k
    achieved_l = None
    notes = []
    rows_below = int(table.loc[table["below_k"], "size"].sum())
    singles = int((table["size"] == 1).sum())
    if rows_below:
        notes.append(
            f"{rows_below} of {len(data)} rows are in {int(table['below_k'].sum())} classes smaller than "
            f"k = {target_k}"
            + (
                f"; {singles} {'person is' if singles == 1 else 'people are'} unique on {', '.join(qi)}"
                if singles
                else ""
            )
            + ": coarsen the quasi-identifiers (generalise) or drop those rows (make_k_anonymous)"
        )
    else:
        notes.append(
            f"every class has at least {target_k} rows: the extract is {target_k}-anonymous on {', '.join(qi)}"
        )
    if sensitive is not None:
        table["below_l"] = table["distinct_sensitive"] < target_l
        achieved_l = int(table["distinct_sensitive"].min())
        if table["below_l"].any():
            notes.append(
                f"{int(table['below_l'].sum())} classes have fewer than {target_l} distinct {sensitive} "
                f"values: knowing someone's class narrows their {sensitive} (k-anonymity alone does not "
                f"prevent this)"
            )
    notes.append(
        "k-anonymity holds only for the quasi-identifiers listed: a column an outsider knows but that is "
        "not listed can still single people out"
    )
    return AnonymityReport(
        table=table,
        quasi_identifiers=tuple(qi),
        k=int(table["size"].min()),
        target_k=target_k,
        rows=len(data),
        rows_below_k=rows_below,
        sensitive=sensitive,
        l=achieved_l,
        target_l=target_l,
        notes=notes,
    )


def _hashable(value):
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _bands(column, edges, name):
    """Numeric values as bands ``[lo, hi)`` between sorted edges, as an ordered categorical."""
    try:
        edges = np.asarray(list(edges), dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"the rule for {name!r} must be bin edges (numbers), a dict, a function or None") from None
    if edges.ndim != 1 or edges.size < 2 or np.isnan(edges).any() or (np.diff(edges) <= 0).any():
        raise ValueError(f"bin edges for {name!r} must be at least two increasing numbers, got {edges.tolist()}")
    values = pd.to_numeric(column, errors="coerce")
    if (values.isna() & column.notna()).any():
        raise ValueError(f"{name!r} has non-numeric values; bin edges need numbers (use a dict for categories)")
    outside = values.notna() & ((values < edges[0]) | (values >= edges[-1]))
    if outside.any():
        found = sorted(values[outside].unique().tolist())[:5]
        raise ValueError(
            f"{name!r} has values outside the bin edges [{edges[0]:g}, {edges[-1]:g}): {found}; "
            f"widen the edges (float('inf') is allowed)"
        )
    labels = []
    for lo, hi in zip(edges[:-1], edges[1:]):
        if np.isinf(lo):
            labels.append(f"< {hi:g}")
        elif np.isinf(hi):
            labels.append(f">= {lo:g}")
        else:
            labels.append(f"[{lo:g}, {hi:g})")
    return pd.cut(values, edges, right=False, labels=labels, ordered=True)
