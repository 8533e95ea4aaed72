"""The bias audit of NYC Local Law 144, computed and laid out as the DCWP rules define it.

New York City Local Law 144 of 2021 (NYC Admin. Code §20-870 et seq.) lets an employer use an
automated employment decision tool (AEDT) only after a bias audit, and the rules of the Department
of Consumer and Worker Protection (6 RCNY §§5-300 to 5-304) say what that audit computes and what
its published summary contains. :func:`ll144_bias_audit` does the computation and writes the
summary; it is not legal advice and does not make anyone an independent auditor.

What the rules say, as of November 2026 (paraphrased, not quoted; read the rule text before relying
on it):

- 6 RCNY §5-300 (definitions). The *selection rate* is the rate at which individuals in a category
  are selected to move forward in the hiring process or assigned a classification by the tool. The
  *scoring rate* is the rate at which individuals in a category receive a score above the sample's
  median score. The *impact ratio* is a category's selection rate divided by the selection rate of
  the most selected category, or its scoring rate divided by the scoring rate of the highest
  scoring category. A *category* is an EEO-1 Component 1 sex or race/ethnicity category. The
  *distribution date* is the date the employer or employment agency began using the tool.
- 6 RCNY §5-301, bias-audit examples: the tables name two race/ethnicity categories differently
  from the EEO-1 form ("Native Hawaiian or Pacific Islander", "Native American or Alaska Native")
  and add "(Not Hispanic or Latino)" to the non-Hispanic ones. Both spellings are accepted and
  counted as one category under its EEO-1 label (:data:`DCWP_LABELS`); the notes of the summary
  say which labels were renamed and for how many individuals.
- 6 RCNY §5-301(b) (tools that select or classify): selection rate and impact ratio for each
  category, separately for sex, for race/ethnicity and for the intersectional sex × race/ethnicity
  categories, and the number of individuals assessed who are in an unknown category and so are
  not included in the calculations.
- 6 RCNY §5-301(c) (tools that score): the median score of the *full sample* of applicants, then
  the scoring rate and impact ratio for each category, with the same three breakdowns and the
  same count of unknowns.
- 6 RCNY §5-301(d): the independent auditor *may* exclude a category that is less than 2 % of the
  data used for the audit from the impact-ratio calculations; the summary must then give the
  justification and the number of applicants and the rate of the excluded category. Here a
  category's share is its number of applicants divided by *all individuals assessed*, people in
  an unknown category included (the data used for the audit), not by the known ones only.
- 6 RCNY §5-302: the audit uses historical data of the tool (or test data when there is not
  enough, and the summary must then say why and how the test data was made).
- 6 RCNY §5-303 (published results): before the tool is used, a summary of the most recent audit
  (its date, the source and explanation of the data, the number of individuals in an unknown
  category, and the number of applicants, the selection or scoring rates and the impact ratios
  for all categories) and the tool's distribution date are published on the employment section
  of the website.
- 6 RCNY §5-304: notices to candidates and employees (not produced here).

Not supported: a tool that classifies individuals into several groups (§5-301(b), e.g. "leadership
styles"), whose audit needs a rate and impact ratio per classification. This module audits one
outcome per call: selected or not selected (``selected=``), or one score (``score=``).

The rules set no pass/fail threshold, so the report shows no four-fifths flag; use
:func:`~hrfair_helpers.audit.adverse_impact` for the Uniform Guidelines' four-fifths rule and
significance tests.

Checked libraries: fairlearn's ``MetricFrame`` disaggregates any metric by one or several
sensitive features, but has no unknown-category count, no scoring rate against the full-sample
median and no 2 % exclusion; aif360's ``disparate_impact_ratio`` compares one unprivileged group
with one privileged group rather than every category with the highest one; aequitas reports
disparities against a chosen reference group. None of them produces the LL144 summary of results
(checked against fairlearn 0.15.0, aif360 0.6.1 and aequitas 1.1.0). The function is therefore
written by hand on top of :func:`~hrfair_helpers.audit.adverse_impact_from_counts`, the engine of
:func:`~hrfair_helpers.audit.adverse_impact`, so that its rates and impact ratios agree with
``adverse_impact`` exactly.
"""

from __future__ import annotations

import datetime
import numbers
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .._utils import grouping, render, style
from .._utils.dates import parse_day
from . import _ll144_render

# Defined with the layout; still importable from here (audit.files and governance use TABLE_TITLES).
from ._ll144_render import NOT_GIVEN, TABLE_TITLES  # noqa: F401
from .impact import adverse_impact_from_counts

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import AnyFrame, UnknownLabels
    from ..privacy.suppression import SuppressedTable

SEX_CATEGORIES = ("Male", "Female")
"""EEO-1 Component 1 sex categories (accepted labels when ``strict=True``)."""

RACE_ETHNICITY_CATEGORIES = (
    "Hispanic or Latino",
    "White",
    "Black or African American",
    "Native Hawaiian or Other Pacific Islander",
    "Asian",
    "American Indian or Alaska Native",
    "Two or More Races",
)
"""EEO-1 Component 1 race/ethnicity categories; all but the first mean "Not Hispanic or Latino"."""

# Same categories, other words: the bias-audit examples of 6 RCNY §5-301 (the DCWP rule) label two
# race/ethnicity categories differently from EEO-1 Component 1 and add "(Not Hispanic or Latino)"
# to the non-Hispanic ones. Data labelled from the rule should neither fail the strict check nor be
# split into two categories when both spellings occur in one column.
DCWP_LABELS = {
    "sex": {},  # the rule writes "Male" and "Female", as EEO-1 does
    "race_ethnicity": {
        "Native Hawaiian or Pacific Islander": "Native Hawaiian or Other Pacific Islander",
        "Native American or Alaska Native": "American Indian or Alaska Native",
        "White (Not Hispanic or Latino)": "White",
        "Black or African American (Not Hispanic or Latino)": "Black or African American",
        "Native Hawaiian or Pacific Islander (Not Hispanic or Latino)": "Native Hawaiian or Other Pacific Islander",
        "Asian (Not Hispanic or Latino)": "Asian",
        "Native American or Alaska Native (Not Hispanic or Latino)": "American Indian or Alaska Native",
        "Two or More Races (Not Hispanic or Latino)": "Two or More Races",
    },
}
"""Labels as the DCWP rules write them (6 RCNY §5-301 examples), per table, mapped to the EEO-1 label.

Accepted with or without ``strict`` and replaced by the EEO-1 label (the canonical one) before
anything is counted, in the sex, race/ethnicity and intersectional tables alike; the report's
notes list each label replaced and the number of individuals concerned.
"""

DEFAULT_UNKNOWN = ("Unknown", "Not provided", "Decline to state")
"""Labels counted as an unknown category by default (missing values always are)."""

MAX_EXCLUDE_BELOW = 0.02  # 6 RCNY §5-301(d): only categories under 2 % of the data may be excluded
TABLES = ("sex", "race_ethnicity", "intersectional")


@dataclass
class LL144AuditReport:
    """Result of :func:`ll144_bias_audit`: the three tables and what the summary of results needs.

    Attributes
    ----------
    sex, race_ethnicity, intersectional : DataFrame
        One row per observed category (the intersectional table has a two-level index). Columns
        ``n`` (applicants), ``selected`` or ``scored_above_median``, ``selection_rate`` or
        ``scoring_rate``, ``impact_ratio`` (NaN when excluded or undefined),
        ``excluded_from_ratio`` and ``below_2_percent`` (the category is under ``exclude_below``
        of all individuals assessed, those in an unknown category included).
    unknown_count : dict
        Individuals in an unknown category, per table: counted, not used in the calculations. In
        the intersectional table a person unknown on either attribute is unknown.
    exclusions : list of dict
        One dict per category excluded from the impact-ratio calculation: ``table``,
        ``category``, ``n``, ``share``, ``rate`` and ``justification``.
    outcome_kind : {"selection", "scoring"}
    n_assessed : int
        Number of individuals assessed (all rows, unknowns included).
    median_score : float or None
        Median score of the full sample (scoring tools only).
    reference : dict
        Per table, the category with the highest rate among those in the ratio calculation.
    exclude_below : float
        The share under which a category may be excluded (0.02 in the rules).
    data_source : str or None
    audit_date, distribution_date : datetime.date or None
    notes : list of str
    """

    sex: pd.DataFrame
    race_ethnicity: pd.DataFrame
    intersectional: pd.DataFrame
    unknown_count: dict[str, int]
    exclusions: list[dict[str, Any]]
    outcome_kind: Literal["selection", "scoring"]
    n_assessed: int
    median_score: float | None = None
    reference: dict[str, Hashable] = field(default_factory=dict)
    exclude_below: float = MAX_EXCLUDE_BELOW
    data_source: str | None = None
    audit_date: datetime.date | None = None
    distribution_date: datetime.date | None = None
    notes: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ #
    # column names that depend on the kind of tool

    @property
    def count_column(self) -> str:
        """``"selected"`` for a tool that selects, ``"scored_above_median"`` for one that scores."""
        return "selected" if self.outcome_kind == "selection" else "scored_above_median"

    @property
    def rate_column(self) -> str:
        """``"selection_rate"`` or ``"scoring_rate"``."""
        return "selection_rate" if self.outcome_kind == "selection" else "scoring_rate"

    def tables(self) -> dict[str, pd.DataFrame]:
        """The three tables as a dict keyed ``"sex"``, ``"race_ethnicity"``, ``"intersectional"``."""
        return {name: getattr(self, name) for name in TABLES}

    @property
    def table(self) -> pd.DataFrame:
        """The three tables stacked (the report protocol's ``table``; see :meth:`to_frame`)."""
        return self.to_frame()

    def plot(self, axes: Sequence[Axes] | np.ndarray | None = None) -> np.ndarray:
        """Impact ratio of every category, one panel per table, on a 0–1 axis.

        No pass/fail line: the LL144 rules set no threshold (compare with the four-fifths rule in
        :func:`~hrfair_helpers.audit.adverse_impact`). Excluded categories have no ratio (no bar).

        Parameters
        ----------
        axes : three matplotlib Axes, optional

        Returns
        -------
        ndarray of three matplotlib Axes
        """
        import matplotlib.pyplot as plt

        tables = self.tables()
        if axes is None:
            height = 0.3 * max(len(t) for t in tables.values()) + 1.5
            _, axes = plt.subplots(1, len(tables), figsize=(5 * len(tables), height), layout="constrained")
        axes = np.ravel(np.asarray(axes, dtype=object))
        if axes.size != len(tables):
            raise ValueError(f"axes must be {len(tables)} Axes, one per table ({', '.join(tables)})")
        for ax, (name, table) in zip(axes, tables.items()):
            style.bar_axes(
                ax,
                table.index,
                table["impact_ratio"].to_numpy(dtype=float),
                xlabel="impact ratio",
                title=TABLE_TITLES[name],
            )
        return axes

    def suppressed(self, min_cell: int, *, check: str | Sequence[str] = ("n",)) -> dict[str, SuppressedTable]:
        """The three tables with small cells suppressed for publication, protected against each other.

        A category with fewer than ``min_cell`` people is blanked and marked; further categories are
        blanked where the published totals (the number assessed, the sex and race/ethnicity tables as
        margins of the intersectional one) would give it away
        (:func:`~hrfair_helpers.privacy.suppress_linked_tables`). The LL144 rules require every
        category's count and rate to be published; suppression is for what an employer publishes
        beyond them or shares internally, and the summary says what was suppressed.

        Parameters
        ----------
        min_cell : int
            Publish a category when at least this many people are behind it.
        check : str or sequence of {"n", "selected", "not_selected"}, default ("n",)
            The counts that must reach ``min_cell``.

        Returns
        -------
        dict of str to SuppressedTable
            Keyed like :meth:`tables`.
        """
        from ..privacy.suppression import suppress_linked_tables

        return suppress_linked_tables(
            self.tables(), min_cell=min_cell, check=check, selected_column=self.count_column, references=self.reference
        )

    def to_frame(self, *, min_cell: int | None = None) -> pd.DataFrame:
        """The three tables stacked, with a ``table`` column and the category label as text.

        With ``min_cell`` the tables are as they may be published (:meth:`suppressed`): small
        categories blanked and marked in a ``suppressed`` column.
        """
        tables = self.tables() if min_cell is None else {k: v.table for k, v in self.suppressed(min_cell).items()}
        frames = []
        for name, table in tables.items():
            frame = table.reset_index(drop=True)
            frame.insert(0, "category", [render.format_label(lbl) for lbl in table.index])
            frame.insert(0, "table", name)
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    # ------------------------------------------------------------------ #
    # the summary of results, laid out by _ll144_render

    def _facts(self):
        # A method because governance.documentation puts these facts in a model card.
        return _ll144_render.facts(self)

    def to_markdown(self, digits: int = 3, *, min_cell: int | None = None) -> str:
        """The summary of results as Markdown: heading, dates, data source, counts, tables, exclusions.

        Rates and impact ratios are printed from the exact fractions of the counts, rounded half
        up, so a ratio of exactly 0.145 reads 0.15 with two decimals (the nearest float,
        0.1449999..., would print 0.14).

        Parameters
        ----------
        digits : int, default 3
            Decimals shown for rates and impact ratios.
        min_cell : int, optional
            Suppress categories with fewer people (and the ones that would give them away), marked
            in the tables and explained in the notes (:meth:`suppressed`).
        """
        return _ll144_render.to_markdown(self, _check_digits(digits), self._suppression(min_cell))

    def to_html(self, digits: int = 3, headings: bool = True, *, min_cell: int | None = None) -> str:
        """The same summary of results as an HTML fragment (see :meth:`to_markdown`).

        With ``headings=False`` the titles are bold paragraphs instead of ``<h3>``/``<h4>``, so
        the fragment does not break the heading outline of a page it is shown in (the notebook
        display uses this).
        """
        return _ll144_render.to_html(self, _check_digits(digits), headings, self._suppression(min_cell))

    def _suppression(self, min_cell):
        return None if min_cell is None else self.suppressed(min_cell)

    def _repr_html_(self):
        return self.to_html(headings=False)

    def __repr__(self):
        return _ll144_render.to_text(self)


def ll144_bias_audit(
    data: AnyFrame,
    *,
    sex: str,
    race_ethnicity: str,
    selected: str | None = None,
    score: str | None = None,
    unknown: UnknownLabels = DEFAULT_UNKNOWN,
    exclude_below: float = MAX_EXCLUDE_BELOW,
    exclude_small: bool = False,
    justification: str | None = None,
    strict: bool = True,
    data_source: str | None = None,
    audit_date: datetime.date | str | None = None,
    distribution_date: datetime.date | str | None = None,
) -> LL144AuditReport:
    """Bias audit of an automated employment decision tool as NYC Local Law 144 requires.

    Selection rates (a tool that selects or classifies) or scoring rates (a tool that scores) and
    impact ratios against the category with the highest rate, separately for sex, for
    race/ethnicity and for the intersectional sex × race/ethnicity categories (6 RCNY §5-301(b),
    (c)), with the count of individuals in an unknown category, the optional exclusion of
    categories under 2 % of the data (§5-301(d)) and a summary of results shaped as §5-303
    requires. Definitions follow 6 RCNY §5-300, as of November 2026.

    One outcome per audit: a selected / not-selected outcome or one score. A tool that classifies
    individuals into several groups (§5-301(b), e.g. "leadership styles") is not supported.

    Parameters
    ----------
    data : DataFrame
        One row per individual assessed by the tool.
    sex, race_ethnicity : str
        Column names of the sex and race/ethnicity categories.
    selected : str, optional
        Column of 0/1 (or True/False): whether the tool selected the person to move forward or
        assigned the classification audited. Give exactly one of ``selected`` and ``score``.
    score : str, optional
        Column of numeric scores. The scoring rate of a category is the share of its members
        scoring strictly above the median score of the full sample (every row, including people
        in an unknown category); a score equal to the median is not above it.
    unknown : str or iterable of str, default ("Unknown", "Not provided", "Decline to state")
        Labels (exact, case-sensitive) meaning the category is unknown; missing values always are.
        Such individuals are counted in ``unknown_count`` and left out of the calculations. In the
        intersectional table a person unknown on either attribute is left out.
    exclude_below : float, default 0.02
        A category whose applicants are fewer than this share of all individuals assessed is
        flagged ``below_2_percent``. The denominator is every row of ``data``, individuals in an
        unknown category included (``n_assessed``), not only those with a known category. At
        most 0.02: the rules allow no larger exclusion.
    exclude_small : bool, default False
        Leave the flagged categories out of the impact-ratio calculation (the auditor's choice
        under §5-301(d)). They stay in the tables with their count and rate; their impact ratio
        is NaN and the highest-rate category is chosen among the others.
    justification : str, optional
        The auditor's reason for the exclusion; required (non-empty) when ``exclude_small=True``
        and printed in the summary.
    strict : bool, default True
        Require the EEO-1 labels: sex in ``SEX_CATEGORIES`` and race/ethnicity in
        ``RACE_ETHNICITY_CATEGORIES``, or their spelling in the DCWP rules (``DCWP_LABELS``);
        unknown labels are always allowed. With ``False`` other labels are used as given. Either
        way a DCWP spelling is counted under its EEO-1 label, and ``.notes`` says so.
    data_source : str, optional
        Source and explanation of the data (e.g. "historical data of employer X, 2025-2026").
    audit_date, distribution_date : datetime.date or ISO string "YYYY-MM-DD", optional
        Date of the bias audit and date the employer began using the tool. Nothing defaults to
        today; a missing date is shown as "not given".

    Returns
    -------
    LL144AuditReport
        ``.sex``, ``.race_ethnicity`` and ``.intersectional`` tables, ``.unknown_count``,
        ``.exclusions``, ``.median_score`` (scoring), ``.notes`` and ``.to_markdown()`` /
        ``.to_html()`` for the published summary of results.

    Raises
    ------
    ValueError
        If ``data`` is not a non-empty DataFrame, a column is missing, neither or both of
        ``selected`` and ``score`` are given, ``selected`` is not binary, a score is missing or
        not numeric, a label is neither an EEO-1 category nor its DCWP spelling under
        ``strict=True``, ``exclude_small`` has no justification, every category of a table is
        unknown or excluded, or a date is not a valid date.

    See Also
    --------
    adverse_impact : the same rates and ratios with the four-fifths rule and significance tests.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "sex": ["Female"] * 4 + ["Male"] * 4 + ["Unknown"],
    ...     "race": ["Asian", "White"] * 4 + ["White"],
    ...     "advanced": [1, 0, 0, 0, 1, 1, 0, 1, 1],
    ... })
    >>> rep = ll144_bias_audit(df, sex="sex", race_ethnicity="race", selected="advanced",
    ...                        audit_date="2026-11-02")
    >>> rep.sex[["n", "selected", "selection_rate", "impact_ratio"]].round(3)
            n  selected  selection_rate  impact_ratio
    sex
    Male    4         3            0.75         1.000
    Female  4         1            0.25         0.333
    >>> rep.unknown_count
    {'sex': 1, 'race_ethnicity': 0, 'intersectional': 1}

    Labels written as in the DCWP rules count as the EEO-1 category, and the notes say so:

    >>> df["race"] = ["Asian", "Native American or Alaska Native"] * 4 + ["White"]
    >>> rep = ll144_bias_audit(df, sex="sex", race_ethnicity="race", selected="advanced")
    >>> list(rep.race_ethnicity.index)
    ['White', 'Asian', 'American Indian or Alaska Native']
    >>> print(rep.notes[0])  # doctest: +NORMALIZE_WHITESPACE
    race/ethnicity column 'race': labels written as in the DCWP rules (6 RCNY §5-301) are counted
    as the EEO-1 Component 1 category: 'Native American or Alaska Native' as
    'American Indian or Alaska Native' (4 rows)
    """
    from .engines import engine_of, group_counts

    engine_of(data)  # a clear error for anything that is not a supported data frame
    if isinstance(data, pd.DataFrame) and len(data) == 0:
        raise ValueError("data is empty: there are no individuals to audit")
    if selected is None and score is None:
        raise ValueError(
            "no outcome: pass selected='column' (0/1) for a tool that selects or classifies, "
            "or score='column' for a tool that scores"
        )
    if selected is not None and score is not None:
        raise ValueError(
            "pass only one outcome: selected= for a tool that selects or classifies, or score= for "
            "a tool that scores (the rules compute selection rates or scoring rates, not both)"
        )
    kind: Literal["selection", "scoring"] = "selection" if selected is not None else "scoring"
    outcome_column = selected if kind == "selection" else score
    outcome_name = "selected" if kind == "selection" else "score"
    _check_columns(data, {"sex": sex, "race_ethnicity": race_ethnicity, outcome_name: outcome_column})
    unknown = grouping.unknown_labels(unknown)
    exclude_below = _check_share(exclude_below)
    for name, flag in (("exclude_small", exclude_small), ("strict", strict)):
        if not isinstance(flag, (bool, np.bool_)):
            raise ValueError(f"{name} must be True or False, got {flag!r}")
    justification = _check_text(justification, "justification")
    if exclude_small and justification is None:
        raise ValueError(
            "exclude_small=True needs a justification: 6 RCNY §5-301(d) requires the summary of "
            "results to give the independent auditor's reason for excluding a category"
        )
    data_source = _check_text(data_source, "data_source")
    audit_day = _as_date(audit_date, "audit_date")
    distribution_day = _as_date(distribution_date, "distribution_date")

    # One GROUP BY sex x race/ethnicity in the engine holding the data; every table, count and
    # rate below comes from these cells (a few dozen rows), whatever the size of the data.
    counted = group_counts(data, [sex, race_ethnicity], selected=selected, score=score)
    cells = counted.counts
    median_score = counted.median
    people, hits = cells["n"].to_numpy(), cells["chosen"].to_numpy()
    sex_values, sex_unknown = _labels(cells[sex], unknown)
    race_values, race_unknown = _labels(cells[race_ethnicity], unknown)
    # Before the strict check and the tables, so both see one label per category.
    sex_values, sex_renamed = _canonical(sex_values, sex_unknown, people, DCWP_LABELS["sex"])
    race_values, race_renamed = _canonical(race_values, race_unknown, people, DCWP_LABELS["race_ethnicity"])
    if strict:
        _check_strict(sex_values[~sex_unknown], SEX_CATEGORIES, "sex", sex, unknown, DCWP_LABELS["sex"])
        _check_strict(
            race_values[~race_unknown],
            RACE_ETHNICITY_CATEGORIES,
            "race_ethnicity",
            race_ethnicity,
            unknown,
            DCWP_LABELS["race_ethnicity"],
        )

    n_assessed = counted.n_total
    specs = {
        "sex": ([sex], [sex_values], sex_unknown, [SEX_CATEGORIES]),
        "race_ethnicity": ([race_ethnicity], [race_values], race_unknown, [RACE_ETHNICITY_CATEGORIES]),
        "intersectional": (
            [sex, race_ethnicity],
            [sex_values, race_values],
            sex_unknown | race_unknown,
            [SEX_CATEGORIES, RACE_ETHNICITY_CATEGORIES],
        ),
    }
    tables, unknown_count, exclusions, reference, notes = {}, {}, [], {}, []
    for what, column, renamed in (("sex", sex, sex_renamed), ("race/ethnicity", race_ethnicity, race_renamed)):
        if renamed:
            notes.append(_renamed_note(what, column, renamed))
    if justification is not None and not exclude_small:
        notes.append("a justification was given but exclude_small=False, so no category was excluded")
    for name, (columns, values, is_unknown, orders) in specs.items():
        if is_unknown.all():
            raise ValueError(
                f"every individual is in an unknown category for the {name} table; there is nothing "
                f"to compare (unknown labels: {list(unknown)} and missing values)"
            )
        known = ~is_unknown
        n, chosen = _counts(columns, [v[known] for v in values], people[known], hits[known], orders)
        table, ref, table_notes = _table(name, n, chosen, n_assessed, exclude_below, exclude_small, kind)
        tables[name] = table
        unknown_count[name] = int(people[is_unknown].sum())
        reference[name] = ref
        notes.extend(table_notes)
        rate_column = "selection_rate" if kind == "selection" else "scoring_rate"
        for label in table.index[table["excluded_from_ratio"].to_numpy()]:
            exclusions.append(
                {
                    "table": name,
                    "category": label,
                    "n": int(table.loc[label, "n"]),
                    "share": float(table.loc[label, "n"] / n_assessed),
                    "rate": float(table.loc[label, rate_column]),
                    "justification": justification,
                }
            )
    return LL144AuditReport(
        sex=tables["sex"],
        race_ethnicity=tables["race_ethnicity"],
        intersectional=tables["intersectional"],
        unknown_count=unknown_count,
        exclusions=exclusions,
        outcome_kind=kind,
        n_assessed=n_assessed,
        median_score=median_score,
        reference=reference,
        exclude_below=exclude_below,
        data_source=data_source,
        audit_date=audit_day,
        distribution_date=distribution_day,
        notes=notes,
    )


# --------------------------------------------------------------------------- #
# validation


def _check_columns(data, named):
    from .engines import columns_of

    for what, column in named.items():
        if not isinstance(column, str):
            raise ValueError(f"{what} must be a column name of data (a string), got {column!r}")
    available = columns_of(data)
    missing = {what: column for what, column in named.items() if column not in available}
    if missing:
        detail = ", ".join(f"{what}={column!r}" for what, column in missing.items())
        raise ValueError(f"column(s) not in data: {detail}; available columns: {available}")
    used = list(named.values())
    if len(set(used)) < len(used):
        raise ValueError(f"sex, race_ethnicity and the outcome must be different columns, got {used}")


def _check_share(exclude_below):
    if isinstance(exclude_below, (bool, np.bool_)) or not isinstance(exclude_below, numbers.Real):
        raise ValueError(f"exclude_below must be a number between 0 and 0.02, got {exclude_below!r}")
    if not 0 <= exclude_below <= MAX_EXCLUDE_BELOW:
        raise ValueError(
            f"exclude_below must be between 0 and 0.02, got {exclude_below!r}: 6 RCNY §5-301(d) lets "
            f"the auditor exclude only categories that are less than 2% of the data"
        )
    return float(exclude_below)


def _check_text(value, name):
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, got {type(value).__name__}")
    value = value.strip()
    return value or None


def _check_digits(digits):
    if isinstance(digits, (bool, np.bool_)) or not isinstance(digits, (int, np.integer)) or not 0 <= digits <= 10:
        raise ValueError(f"digits must be a whole number from 0 to 10, got {digits!r}")
    return int(digits)


def _as_date(value: object, name: str) -> datetime.date | None:
    """A ``datetime.date`` from a date, a datetime or an ISO ``YYYY-MM-DD`` string (None stays None)."""
    if value is None:
        return None
    if value is pd.NaT:
        raise ValueError(f"{name} is NaT; pass a date or leave it out (it is then shown as 'not given')")
    day = parse_day(value)
    if day is not None:
        return day
    if isinstance(value, str):
        raise ValueError(f"{name} must be an ISO date 'YYYY-MM-DD', got {value!r}")
    raise ValueError(f"{name} must be a datetime.date or an ISO date string 'YYYY-MM-DD', got {value!r}")


def _labels(column, unknown):
    """Object array of labels and a mask of the unknown ones (missing values or an unknown label)."""
    values = column.astype(object)
    is_unknown = values.isna().to_numpy()
    if unknown:
        is_unknown |= values.isin(list(unknown)).to_numpy()
    return values.to_numpy(), is_unknown


def _canonical(values, is_unknown, people, aliases):
    """Replace each DCWP spelling by its EEO-1 label; also the people per label replaced.

    Returns the new object array and ``{input label: (EEO-1 label, people)}`` in the order of
    ``aliases``, for the labels present. Unknown labels are left alone.
    """
    if not aliases:
        return values, {}
    values, counts = values.copy(), {}
    for i, (value, unknown) in enumerate(zip(values, is_unknown)):
        if not unknown and isinstance(value, str) and value in aliases:
            counts[value] = counts.get(value, 0) + int(people[i])
            values[i] = aliases[value]
    return values, {label: (aliases[label], counts[label]) for label in aliases if label in counts}


def _renamed_note(what, column, renamed):
    detail = "; ".join(
        f"{label!r} as {canonical!r} ({n:,} row{'' if n == 1 else 's'})" for label, (canonical, n) in renamed.items()
    )
    return (
        f"{what} column {column!r}: labels written as in the DCWP rules (6 RCNY §5-301) are counted as "
        f"the EEO-1 Component 1 category: {detail}"
    )


def _check_strict(values, allowed, what, column, unknown, aliases):
    bad = sorted({v for v in values if v not in allowed}, key=lambda v: (type(v).__name__, str(v)))
    if bad:
        dcwp = (
            f", their spellings in the DCWP rules (6 RCNY §5-301) {list(aliases)}, counted as the EEO-1 category"
            if aliases
            else ""
        )
        raise ValueError(
            f"{what} column {column!r} has labels that are not EEO-1 categories: {bad[:10]}; "
            f"allowed (case-sensitive): {list(allowed)}{dcwp}, plus unknown labels {list(unknown)} and "
            f"missing values. Map the labels first, or pass strict=False to use them as they are"
        )


# --------------------------------------------------------------------------- #
# counting and the engine


def _order_key(value, canonical):
    if value in canonical:
        return (canonical.index(value), "", "")
    return (len(canonical), type(value).__name__, str(value))


def _counts(columns, values, people, hits, orders):
    """People and outcomes per category from the cells, in EEO-1 order (other labels after, sorted)."""
    frame = pd.DataFrame({c: v for c, v in zip(columns, values)})
    frame["_n"], frame["_hits"] = people.astype(np.int64), hits.astype(np.int64)
    grouped = frame.groupby(columns, sort=False)
    n, chosen = grouped["_n"].sum(), grouped["_hits"].sum()
    if len(columns) == 1:
        order = sorted(n.index, key=lambda v: _order_key(v, orders[0]))
        index = pd.Index(order, name=columns[0], dtype=object)
    else:
        order = sorted(n.index, key=lambda t: tuple(_order_key(v, o) for v, o in zip(t, orders)))
        index = pd.MultiIndex.from_tuples(order, names=columns)
    n = pd.Series(n.reindex(index).to_numpy(dtype=np.int64), index=index)
    chosen = pd.Series(chosen.reindex(index).to_numpy(dtype=np.int64), index=index)
    return n, chosen


def _table(name, n, chosen, n_assessed, exclude_below, exclude_small, kind):
    """One LL144 table from counts, with the rates and ratios of ``adverse_impact_from_counts``."""
    full = adverse_impact_from_counts(n, chosen, min_group_size=1)
    below = (n.to_numpy() / n_assessed) < exclude_below
    excluded = below & bool(exclude_small)
    if excluded.all():
        raise ValueError(
            f"every category of the {name} table is under {exclude_below * 100:g}% of the data, so "
            f"excluding them leaves nothing to compare; use exclude_small=False"
        )
    if excluded.any():
        kept = adverse_impact_from_counts(n[~excluded], chosen[~excluded], min_group_size=1)
        ratio = kept.table["impact_ratio"].reindex(n.index).to_numpy()
        reference, engine_notes = kept.reference, kept.notes
    else:
        ratio = full.table["impact_ratio"].to_numpy()
        reference, engine_notes = full.reference, full.notes
    count_column = "selected" if kind == "selection" else "scored_above_median"
    rate_column = "selection_rate" if kind == "selection" else "scoring_rate"
    table = pd.DataFrame(
        {
            "n": n.to_numpy(),
            count_column: chosen.to_numpy(),
            rate_column: full.table["selection_rate"].to_numpy(),
            "impact_ratio": ratio,
            "excluded_from_ratio": excluded,
            "below_2_percent": below,
        },
        index=n.index,
    )
    notes = [f"{name} table: {note}" for note in engine_notes]
    if excluded.any():
        notes.append(f"{name} table: {_exclusion_reading(full, excluded, reference, ratio)}")
    return table, reference, notes


def _exclusion_reading(full, excluded, reference, ratio):
    """How 6 RCNY 5-301(d) was read for an exclusion, and what the other reading gives.

    The rule lets the auditor exclude small categories "from the required calculations for impact
    ratio"; it does not say whether an excluded category may still be the most selected one that
    every ratio divides by. This audit reads it as no (an interpretation, stated in the summary);
    the alternative keeps every category as a possible reference.
    """
    kept = ~excluded
    lowest = np.nanmin(ratio[kept])
    if full.reference == reference:
        return (
            f"the excluded categories do not have the highest rate, so either reading of 6 RCNY 5-301(d) gives "
            f"the same reference ({render.format_label(reference)}) and the same ratios"
        )
    other = full.table["impact_ratio"].to_numpy()[kept]
    return (
        f"reading of 6 RCNY 5-301(d) used: an excluded category neither gets an impact ratio nor serves as the "
        f"reference, so ratios divide by {render.format_label(reference)} (lowest ratio {lowest:.3f}); if the excluded "
        f"categories could still set the reference (another reading), ratios would divide by "
        f"{render.format_label(full.reference)} and the lowest would be {np.nanmin(other):.3f}"
    )
