"""What ``hrfair grade`` writes: the gradebook, each learner's feedback and the class summary.

:func:`write_reports` writes, in the output folder:

``gradebook.csv``
    One row per submission, sorted by learner id: ``learner_id``, ``status``, the points of each
    question in bank order, ``total``, ``max``, ``percent`` (2 decimals) and ``assignment`` (the
    bank). UTF-8, comma-separated, one header row, numbers with a dot: Moodle's "Import grades
    from CSV" and Canvas's gradebook import map the ``learner_id`` column to the user and a points
    column to the assignment. When a run mixes assignments, question columns are named
    ``<bank>:<question>``.
``feedback/<learner_id>.md`` and ``.html``
    Each question's prompt, result and the feedback the learner's grader showed (the
    misconception it recognised, the hint), and the cells that raised an error.
``summary.md``, ``summary.html`` and ``summary.png``
    Submissions by status, each question's pass rate (of the submissions that ran), the most
    frequent misconceptions, and a bar chart of the pass rates on a 0–1 axis.

Nothing in them depends on the time, the machine or the order the workers finished in, so
grading the same submissions again writes the same bytes.

Examples
--------
>>> from hrfair_helpers.grading.batch import Result
>>> rows = gradebook_rows([Result("ana", "ana.ipynb", "not a notebook", "not valid JSON")])
>>> rows[0], rows[1]
(['learner_id', 'status', 'total', 'max', 'percent', 'assignment'], ['ana', 'not a notebook', '0', '', '0.00', ''])
"""

from __future__ import annotations

import csv
import html
import io
from collections import Counter
from pathlib import Path

from .feedback import CORRECT, INCORRECT, NOT_ANSWERED

__all__ = ["gradebook_rows", "write_reports"]

_STATUS_ORDER = ("graded", "timed out", "failed to run", "not a notebook")
_CSS = (
    "body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.45}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
    ".prompt{color:#444;font-style:italic}"
)


def _num(value) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() else f"{value:.2f}"


def _banks(results):
    """``[(bank id, title, [question ids])]`` of the assignments in the run, in bank-registry order."""
    from .banks import available, get_bank

    used = {r.assignment for r in results if r.assignment}
    return [(b, get_bank(b).title, list(get_bank(b).questions)) for b in available() if b in used]


def gradebook_rows(results) -> list[list[str]]:
    """The gradebook as rows of text, header first (what ``gradebook.csv`` holds).

    Parameters
    ----------
    results : list of :class:`~hrfair_helpers.grading.batch.Result`

    Returns
    -------
    list of list of str
        Rows sorted by learner id. A question the submission was not graded on is an empty cell;
        ``max`` is empty when the assignment is unknown and the run has no single assignment.
    """
    banks = _banks(results)
    mixed = len(banks) > 1
    columns = [(b, q) for b, _, qids in banks for q in qids]
    header = ["learner_id", "status"] + [f"{b}:{q}" if mixed else q for b, q in columns]
    header += ["total", "max", "percent", "assignment"]
    only_max = None
    if len(banks) == 1:
        from .banks import get_bank

        only_max = sum(q.points for q in get_bank(banks[0][0]).questions.values())
    rows = [header]
    for r in sorted(results, key=lambda r: (r.learner_id, r.source)):
        cells = [_num(r.points[q]) if r.assignment == b and q in r.points else "" for b, q in columns]
        maximum = r.max_points if r.assignment else only_max
        rows.append(
            [
                r.learner_id,
                r.status,
                *cells,
                _num(r.total),
                "" if maximum is None else _num(maximum),
                f"{r.percent:.2f}",
                r.assignment,
            ]
        )
    return rows


def _csv_text(rows) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _about(r) -> list[tuple[str, str]]:
    """The facts at the top of a feedback report."""
    facts = []
    if r.assignment:
        params = ", ".join(f"{k} {v}" for k, v in sorted(r.params.items()))
        facts.append(("Assignment", f"{r.title} ({r.assignment}{', ' + params if params else ''})"))
    facts.append(("Submission", r.source))
    facts.append(("Status", r.status))
    if r.assignment:
        facts.append(("Score", f"{_num(r.total)} / {_num(r.max_points)} points ({r.percent:.2f}%)"))
    if r.message:
        facts.append(("Note", r.message))
    return facts


def _feedback_markdown(r) -> str:
    from .banks import get_bank

    lines = [f"# Feedback for {r.learner_id}", ""]
    lines += [f"- **{k}:** {v}" for k, v in _about(r)]
    if r.feedback:
        bank = get_bank(r.assignment)
        for qid, feedback in r.feedback.items():
            question = bank.questions[qid]
            lines += [
                "",
                f"## {qid}: {_num(r.points.get(qid, 0))} / {_num(question.points)}",
                "",
                f"_{question.full_prompt}_",
                "",
                "```text",
                feedback.text(),
                "```",
            ]
    if r.errors:
        lines += ["", "## Cells that raised an error", ""] + [f"- {e}" for e in r.errors]
    return "\n".join(lines) + "\n"


def _page(title, body) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _feedback_html(r) -> str:
    from .banks import get_bank

    parts = [f"<h1>Feedback for {html.escape(r.learner_id)}</h1>", "<ul>"]
    parts += [f"<li><strong>{html.escape(k)}:</strong> {html.escape(v)}</li>" for k, v in _about(r)]
    parts.append("</ul>")
    if r.feedback:
        bank = get_bank(r.assignment)
        for qid, feedback in r.feedback.items():
            question = bank.questions[qid]
            parts += [
                f"<h2>{html.escape(qid)}: {_num(r.points.get(qid, 0))} / {_num(question.points)}</h2>",
                f'<p class="prompt">{html.escape(question.full_prompt)}</p>',
                feedback._repr_html_(),
            ]
    if r.errors:
        parts += ["<h2>Cells that raised an error</h2>", "<ul>"]
        parts += [f"<li><code>{html.escape(e)}</code></li>" for e in r.errors]
        parts.append("</ul>")
    return _page(f"Feedback for {r.learner_id}", "\n".join(parts))


def _class_tables(results):
    """Per assignment: (bank id, title, ran, question rows, misconception rows, mean score, max)."""
    from .banks import get_bank

    out = []
    for bank_id, title, qids in _banks(results):
        bank = get_bank(bank_id)
        ran = [r for r in results if r.assignment == bank_id and r.feedback]
        rows = []
        for qid in qids:
            statuses = Counter(r.feedback[qid].status for r in ran)
            rate = statuses[CORRECT] / len(ran) if ran else 0.0
            rows.append((qid, statuses[CORRECT], statuses[INCORRECT], statuses[NOT_ANSWERED], rate))
        seen = Counter(
            (qid, r.feedback[qid].misconception) for r in ran for qid in qids if r.feedback[qid].misconception
        )
        order = {q: i for i, q in enumerate(qids)}
        misconceptions = []
        for (qid, mid), count in sorted(seen.items(), key=lambda kv: (-kv[1], order[kv[0][0]], kv[0][1]))[:10]:
            text = next(
                r.feedback[qid].message
                for r in sorted(ran, key=lambda r: r.learner_id)
                if r.feedback[qid].misconception == mid
            )
            misconceptions.append((qid, mid, count, text))
        maximum = sum(q.points for q in bank.questions.values())
        mean = sum(r.total for r in ran) / len(ran) if ran else 0.0
        out.append((bank_id, title, ran, rows, misconceptions, mean, maximum))
    return out


def _status_line(results) -> str:
    counts = Counter(r.status for r in results)
    parts = [f"{counts[s]} {s}" for s in _STATUS_ORDER if counts[s]]
    n = len(results)
    return f"{n} submission{'' if n == 1 else 's'}" + (": " + ", ".join(parts) if parts else "") + "."


def _summary_markdown(results, tables, skipped) -> str:
    lines = ["# Class summary", "", _status_line(results)]
    for bank_id, title, ran, rows, misconceptions, mean, maximum in tables:
        lines += [
            "",
            f"## {title} ({bank_id})",
            "",
            f"{len(ran)} submission{'' if len(ran) == 1 else 's'} ran; mean score {mean:.2f} / {_num(maximum)}.",
            "Pass rates are the share of the submissions that ran whose answer is correct.",
            "",
            "| question | correct | incorrect | not answered | pass rate |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [f"| {q} | {c} | {i} | {n} | {rate:.2f} |" for q, c, i, n, rate in rows]
        lines += ["", "### Most frequent misconceptions", ""]
        if misconceptions:
            lines += ["| question | misconception | learners | what they were told |", "|---|---|---:|---|"]
            lines += [f"| {q} | {m} | {c} | {t.replace('|', '/')} |" for q, m, c, t in misconceptions]
        else:
            lines.append("None recognised.")
    lines += ["", "![Pass rate of each question](summary.png)"]
    look = [r for r in sorted(results, key=lambda r: (r.learner_id, r.source)) if r.status != "graded" or r.message]
    if look:
        lines += ["", "## Submissions to look at", "", "| learner | status | source | note |", "|---|---|---|---|"]
        lines += [f"| {r.learner_id} | {r.status} | {r.source} | {r.message.replace('|', '/')} |" for r in look]
    if skipped:
        lines += ["", "## Files skipped (not .ipynb)", ""] + [f"- {s}" for s in sorted(skipped)]
    return "\n".join(lines) + "\n"


def _table_html(header, rows) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _summary_html(results, tables, skipped) -> str:
    parts = ["<h1>Class summary</h1>", f"<p>{html.escape(_status_line(results))}</p>"]
    for bank_id, title, ran, rows, misconceptions, mean, maximum in tables:
        parts += [
            f"<h2>{html.escape(title)} ({html.escape(bank_id)})</h2>",
            f"<p>{len(ran)} submission{'' if len(ran) == 1 else 's'} ran; mean score {mean:.2f} / {_num(maximum)}. "
            "Pass rates are the share of the submissions that ran whose answer is correct.</p>",
            _table_html(
                ["question", "correct", "incorrect", "not answered", "pass rate"],
                [(q, c, i, n, f"{rate:.2f}") for q, c, i, n, rate in rows],
            ),
            "<h3>Most frequent misconceptions</h3>",
            _table_html(["question", "misconception", "learners", "what they were told"], misconceptions)
            if misconceptions
            else "<p>None recognised.</p>",
        ]
    parts.append('<p><img src="summary.png" alt="Bar chart of the pass rate of each question, from 0 to 1."></p>')
    look = [r for r in sorted(results, key=lambda r: (r.learner_id, r.source)) if r.status != "graded" or r.message]
    if look:
        parts += [
            "<h2>Submissions to look at</h2>",
            _table_html(
                ["learner", "status", "source", "note"], [(r.learner_id, r.status, r.source, r.message) for r in look]
            ),
        ]
    if skipped:
        parts += ["<h2>Files skipped (not .ipynb)</h2>", "<ul>"]
        parts += [f"<li>{html.escape(s)}</li>" for s in sorted(skipped)]
        parts.append("</ul>")
    learners = sorted({r.learner_id for r in results})
    if learners:
        parts += ["<h2>Feedback</h2>", "<ul>"]
        parts += [f'<li><a href="feedback/{html.escape(lid)}.html">{html.escape(lid)}</a></li>' for lid in learners]
        parts.append("</ul>")
    return _page("Class summary", "\n".join(parts))


def _plot(tables, path: Path) -> None:
    """Pass rate of each question (0–1), one panel per assignment; PNG bytes without a date or version."""
    from matplotlib.figure import Figure

    from .._utils.style import BAR_COLOR

    panels = tables or [None]
    heights = [max(1, len(t[3])) * 0.32 + 1.0 for t in tables] or [1.5]
    fig = Figure(figsize=(7, sum(heights) + 0.2), layout="constrained")
    axes = fig.subplots(len(panels), 1, squeeze=False, height_ratios=heights)[:, 0]
    for ax, table in zip(axes, panels):
        ax.set_xlim(0, 1)
        ax.set_xlabel("pass rate (share of submissions that ran)")
        if table is None:
            ax.set_yticks([])
            ax.set_title("No submission ran")
            continue
        bank_id, title, ran, rows = table[:4]
        positions = list(range(len(rows)))
        ax.barh(positions, [r[4] for r in rows], color=BAR_COLOR)
        ax.set_yticks(positions, [r[0] for r in rows], fontsize=8)
        ax.invert_yaxis()
        ax.set_title(f"{title}: {len(ran)} submission{'' if len(ran) == 1 else 's'} ran", fontsize=10)
    fig.savefig(path, dpi=100, metadata={"Software": None})


def _write(path: Path, text: str, written: list) -> None:
    path.write_bytes(text.encode("utf-8"))  # bytes: the same on every platform
    written.append(path)


def write_reports(results, out, *, skipped=()) -> list[Path]:
    """Write the gradebook, the feedback reports and the class summary (see the module docstring).

    Parameters
    ----------
    results : list of :class:`~hrfair_helpers.grading.batch.Result`
    out : str or path-like
        The output folder, created if missing. Feedback files of learners not in ``results``
        (left by an earlier run) are removed from ``out/feedback/``; nothing else is deleted.
    skipped : iterable of str
        Files that were not graded because they are not ``.ipynb`` files, listed in the summary.

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> from hrfair_helpers.grading.batch import Result
    >>> with tempfile.TemporaryDirectory() as out:
    ...     paths = write_reports([Result("ana", "ana.ipynb", "not a notebook", "not valid JSON")], out)
    ...     sorted(p.name for p in paths)
    ['ana.html', 'ana.md', 'gradebook.csv', 'summary.html', 'summary.md', 'summary.png']
    """
    out = Path(out)
    feedback_dir = out / "feedback"
    feedback_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    _write(out / "gradebook.csv", _csv_text(gradebook_rows(results)), written)
    for r in sorted(results, key=lambda r: r.learner_id):
        _write(feedback_dir / f"{r.learner_id}.md", _feedback_markdown(r), written)
        _write(feedback_dir / f"{r.learner_id}.html", _feedback_html(r), written)
    keep = {p.name for p in written}
    for stale in sorted(feedback_dir.glob("*")):
        if stale.is_file() and stale.suffix in (".md", ".html") and stale.name not in keep:
            stale.unlink()
    tables = _class_tables(results)
    _write(out / "summary.md", _summary_markdown(results, tables, list(skipped)), written)
    _write(out / "summary.html", _summary_html(results, tables, list(skipped)), written)
    _plot(tables, out / "summary.png")
    written.append(out / "summary.png")
    return written
