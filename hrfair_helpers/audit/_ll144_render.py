"""The NYC Local Law 144 summary of results as Markdown, HTML and plain text.

:class:`~hrfair_helpers.audit.LL144AuditReport` (computed in :mod:`hrfair_helpers.audit.ll144`)
delegates its ``to_markdown``, ``to_html`` and ``repr`` here: the key facts that 6 RCNY §5-303 asks
the published summary to give, the sex, race/ethnicity and intersectional tables, the categories
excluded from the impact ratio with the justification, and the notes.

Rates and impact ratios are printed from the exact fractions of the counts, rounded half up in
integer arithmetic, not from the floats in the tables.
"""

import html
import re

import numpy as np
import pandas as pd

from .._utils import render

TABLE_TITLES = {
    "sex": "Sex categories",
    "race_ethnicity": "Race/ethnicity categories",
    "intersectional": "Intersectional categories (sex × race/ethnicity)",
}
"""Heading of each table, keyed and ordered as ``ll144.TABLES``."""

NOT_GIVEN = "not given"

_md = render.md_cell


def _threshold_text(report):
    return f"{report.exclude_below * 100:g}%"


def facts(report):
    """The key facts of the summary of results (6 RCNY §5-303), as ``{label: text}``."""
    if report.outcome_kind == "selection":
        outcome = "selection rate (share of each category selected to move forward or classified by the tool)"
    else:
        median = np.format_float_positional(report.median_score, trim="-")
        outcome = f"scoring rate (share of each category scoring above {median}, the median score of the full sample)"
    unknown = "; ".join(
        f"{title.split(' (')[0].lower()}: {report.unknown_count[name]}" for name, title in TABLE_TITLES.items()
    )
    return {
        "Date of the bias audit": _date_text(report.audit_date),
        "Distribution date of the tool": _date_text(report.distribution_date),
        "Source and explanation of the data": report.data_source or NOT_GIVEN,
        "Outcome": outcome,
        "Number of individuals assessed": f"{report.n_assessed:,}",
        "Individuals in an unknown category (not included in the calculations)": unknown,
        f"Share for the {_threshold_text(report)} rule (6 RCNY §5-301(d))": (
            f"a category's applicants divided by all {report.n_assessed:,} individuals assessed, "
            f"unknown categories included"
        ),
        "Scope": (
            "one outcome (selected or not selected, or one score); classifying individuals into "
            "several groups (6 RCNY §5-301(b), e.g. leadership styles) is not supported"
        ),
    }


def _rows(report, name, digits, suppression=None):
    """Display rows of one table: category, applicants, count, rate, impact ratio, note.

    Rates and ratios are printed from the exact fractions of the counts (rounded half up), so a
    ratio of exactly 0.145 shows as 0.15 rather than as its binary approximation (0.1449999...).
    With ``suppression`` (``LL144AuditReport.suppressed``) a suppressed category keeps its row and
    label, its numbers read "suppressed" and the note says why.
    """
    table, rows = getattr(report, name), []
    reasons = suppression[name].table["suppressed"] if suppression else None
    ref = report.reference.get(name)
    # A suppressed reference's rate would follow from any published ratio (see privacy.suppression).
    ratios_hidden = reasons is not None and ref is not None and bool(reasons[ref])
    ref_n, ref_s = (int(table.loc[ref, "n"]), int(table.loc[ref, report.count_column])) if ref is not None else (0, 0)
    for label, row in table.iterrows():
        if reasons is not None and reasons[label]:
            blank = "suppressed"
            rows.append([render.format_label(label), blank, blank, blank, blank, f"suppressed ({reasons[label]})"])
            continue
        n, s = int(row["n"]), int(row[report.count_column])
        if ratios_hidden:
            ratio = "suppressed"
            note = "ratio not published: the reference category is suppressed"
        elif row["excluded_from_ratio"]:
            ratio = "excluded"
            note = f"excluded from the impact ratio (under {_threshold_text(report)} of the data)"
        else:
            defined = not np.isnan(row["impact_ratio"]) and ref_s > 0
            ratio = _fmt_fraction(s * ref_n, n * ref_s, digits) if defined else "–"
            note = f"under {_threshold_text(report)} of the data" if row["below_2_percent"] else ""
            if ref is not None and label == ref:
                note = "highest rate" + (f"; {note}" if note else "")
        rows.append([render.format_label(label), f"{n:,}", f"{s:,}", _fmt_fraction(s, n, digits), ratio, note])
    return rows


def _header(report):
    count = "Selected" if report.outcome_kind == "selection" else "Scored above median"
    rate = "Selection rate" if report.outcome_kind == "selection" else "Scoring rate"
    return ["Category", "Applicants", count, rate, "Impact ratio", "Note"]


def _exclusion_lines(report, digits, suppression=None):
    if not report.exclusions:
        return ["No category was excluded from the impact-ratio calculations."]
    rate = "selection rate" if report.outcome_kind == "selection" else "scoring rate"
    lines = []
    for e in report.exclusions:
        if suppression and suppression[e["table"]].table.loc[e["category"], "suppressed"]:
            # Its count and rate are suppressed in the table; the exclusion must not print them.
            lines.append(
                f"{TABLE_TITLES[e['table']].split(' (')[0]}: {render.format_label(e['category'])}: under "
                f"{_threshold_text(report)} of the data (count suppressed). Justification: {e['justification']}"
            )
            continue
        chosen = int(getattr(report, e["table"]).loc[e["category"], report.count_column])
        lines.append(
            f"{TABLE_TITLES[e['table']].split(' (')[0]}: {render.format_label(e['category'])}: "
            f"{e['n']:,} applicant{'' if e['n'] == 1 else 's'} ({e['share']:.2%} of the data), {rate} "
            f"{_fmt_fraction(chosen, e['n'], digits)}. Justification: {e['justification']}"
        )
    return lines


def _closing():
    return (
        "The impact ratio is a category's rate divided by the rate of the category with the "
        "highest rate in the same table (6 RCNY §5-300); the rules set no pass/fail threshold. "
        "This summary of results must be made publicly available, together with the "
        "distribution date of the tool, on the employment section of the employer's or "
        "employment agency's website before the tool is used (6 RCNY §5-303)."
    )


def _suppression_facts(suppression):
    if not suppression:
        return {}
    first = next(iter(suppression.values()))
    hidden = sum(t.n_suppressed for t in suppression.values())
    return {
        "Small-cell suppression": f"categories with fewer than {first.min_cell} people are not shown, nor the "
        f"categories that would give them away by subtraction ({hidden} rows suppressed)"
    }


def _published_notes(report, suppression):
    """The report's notes as they may be published: with suppressed rows, notes that carry counts or ratios
    (the DCWP label counts, the reading of the 2% exclusion) lose their numbers."""
    if not suppression or not any(t.n_suppressed for t in suppression.values()):
        return list(report.notes)
    notes = []
    for note in report.notes:
        if "labels written as in the DCWP rules" in note:
            note = re.sub(r" \([\d,]+ rows?\)", "", note)
        elif "reading of 6 RCNY 5-301(d)" in note:
            table = note.split(" table:")[0]
            note = (
                f"{table} table: categories were excluded from the impact ratio; the numbers of the reading of "
                "6 RCNY 5-301(d) are left out because small categories are suppressed"
            )
        notes.append(note)
    return notes


def _suppression_notes(suppression):
    # Each table's notes name their table already.
    return [n for table in (suppression or {}).values() if table.n_suppressed for n in table.notes]


def to_markdown(report, digits, suppression=None):
    """:meth:`LL144AuditReport.to_markdown <hrfair_helpers.audit.LL144AuditReport.to_markdown>` (digits already checked)."""
    lines = ["## Summary of results: bias audit (NYC Local Law 144)", ""]
    lines += [f"- **{k}:** {_md(v)}" for k, v in {**facts(report), **_suppression_facts(suppression)}.items()]
    header = _header(report)
    for name in report.tables():
        lines += ["", f"### {TABLE_TITLES[name]}", ""]
        lines.append("| " + " | ".join(header) + " |")
        lines.append("|" + "|".join(["---", "---:", "---:", "---:", "---:", "---"]) + "|")
        lines += ["| " + " | ".join(_md(c) for c in row) + " |" for row in _rows(report, name, digits, suppression)]
    lines += ["", "### Categories excluded from the impact ratio", ""]
    lines += [f"- {_md(line)}" for line in _exclusion_lines(report, digits, suppression)]
    notes = [*_published_notes(report, suppression), *_suppression_notes(suppression)]
    if notes:
        lines += ["", "### Notes", ""]
        lines += [f"- {_md(n)}" for n in notes]
    lines += ["", _md(_closing()), ""]
    return "\n".join(lines)


def to_html(report, digits, headings, suppression=None):
    """:meth:`LL144AuditReport.to_html <hrfair_helpers.audit.LL144AuditReport.to_html>` (digits already checked)."""
    esc = html.escape

    def title(text, level):
        return f"<h{level}>{esc(text)}</h{level}>" if headings else f"<p><strong>{esc(text)}</strong></p>"

    parts = ["<div class='hrfair-report hrfair-ll144'>"]
    parts.append(title("Summary of results: bias audit (NYC Local Law 144)", 3))
    parts.append(
        "<ul>"
        + "".join(
            f"<li><strong>{esc(k)}:</strong> {esc(str(v))}</li>"
            for k, v in {**facts(report), **_suppression_facts(suppression)}.items()
        )
        + "</ul>"
    )
    align = ["left", "right", "right", "right", "right", "left"]
    for name in report.tables():
        parts.append(title(TABLE_TITLES[name], 4))
        parts.append("<table border='0'><thead><tr>")
        parts.extend(f"<th style='text-align:{a}'>{esc(h)}</th>" for h, a in zip(_header(report), align))
        parts.append("</tr></thead><tbody>")
        for row in _rows(report, name, digits, suppression):
            cells = "".join(f"<td style='text-align:{a}'>{esc(c)}</td>" for c, a in zip(row, align))
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
    parts.append(title("Categories excluded from the impact ratio", 4) + "<ul>")
    parts.extend(f"<li>{esc(line)}</li>" for line in _exclusion_lines(report, digits, suppression))
    parts.append("</ul>")
    notes = [*_published_notes(report, suppression), *_suppression_notes(suppression)]
    if notes:
        parts.append(title("Notes", 4) + "<ul>")
        parts.extend(f"<li>{esc(n)}</li>" for n in notes)
        parts.append("</ul>")
    parts.append(f"<p><em>{esc(_closing())}</em></p></div>")
    return "".join(parts)


def to_text(report):
    """The report's ``repr``: the facts, the three tables as pandas prints them, exclusions and notes."""
    lines = ["NYC Local Law 144 bias audit (summary of results)"]
    lines += [f"  {k}: {v}" for k, v in facts(report).items()]
    with pd.option_context("display.width", 120, "display.max_columns", 20, "display.precision", 3):
        for name, table in report.tables().items():
            lines += [f"{TABLE_TITLES[name]}:", table.to_string()]
    lines += [f"Excluded: {line}" for line in _exclusion_lines(report, 3)]
    lines += [f"Note: {n}" for n in report.notes]
    return "\n".join(lines)


def _fmt_fraction(numerator, denominator, digits):
    """``numerator / denominator`` with ``digits`` decimals, rounded half up in exact integer arithmetic."""
    scale = 10**digits
    scaled = (2 * numerator * scale + denominator) // (2 * denominator)
    whole, frac = divmod(scaled, scale)
    return f"{whole}.{frac:0{digits}d}" if digits else f"{whole}"


def _date_text(value):
    return NOT_GIVEN if value is None else value.isoformat()
