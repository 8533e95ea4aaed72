"""Result objects as text: Markdown tables and cells, HTML blocks, plain text, group labels.

Every report (audit, text, governance, mitigation, viz, interview) renders through these, so a
table looks the same wherever it appears.
"""

import html
import numbers

import pandas as pd


def md_cell(text):
    """Text safe inside a Markdown table cell or list item: backslashes and pipes escaped, line
    breaks (``\\n``, ``\\r\\n``, ``\\r``) as spaces."""
    text = str(text).replace("\\", "\\\\").replace("|", "\\|")
    return text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ")


def markdown_table(frame, float_format="{:.3f}", index=True):
    """A DataFrame as a GitHub-flavoured Markdown table (NaN shown as '–').

    Examples
    --------
    >>> import pandas as pd
    >>> print(markdown_table(pd.DataFrame({"rate": [0.5, 0.25]}, index=pd.Index(["F", "M"], name="sex"))))
    | sex | rate |
    |---|---|
    | F | 0.500 |
    | M | 0.250 |
    """

    def cell(value, label=False):
        if label or isinstance(value, tuple):
            text = format_label(value)
        elif isinstance(value, float | numbers.Real) and not isinstance(value, bool | numbers.Integral):
            text = "–" if pd.isna(value) else float_format.format(value)
        elif value is None or (not isinstance(value, str) and pd.api.types.is_scalar(value) and pd.isna(value)):
            text = "–"
        else:
            text = str(value)
        return md_cell(text)

    index_name = " / ".join(str(n) for n in frame.index.names if n is not None) or ""
    header = ([index_name] if index else []) + [cell(c, label=True) for c in frame.columns]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for label, row in zip(frame.index, frame.itertuples(index=False)):
        lines.append("| " + " | ".join(([cell(label, label=True)] if index else []) + [cell(v) for v in row]) + " |")
    return "\n".join(lines)


def format_label(label):
    """A group label as text: intersections read 'Female × Black'."""
    if isinstance(label, tuple):
        return " × ".join(str(v) for v in label)
    return str(label)


def render_html(title, facts, frame, notes, float_format="{:.3f}"):
    """A small HTML block: title, key facts, the table and the notes."""
    parts = [f"<div class='hrfair-report'><strong>{html.escape(title)}</strong>"]
    if facts:
        items = "".join(f"<li>{html.escape(k)}: {html.escape(str(v))}</li>" for k, v in facts.items())
        parts.append(f"<ul>{items}</ul>")
    parts.append(frame.to_html(float_format=float_format.format, na_rep="–", border=0))
    if notes:
        parts.append("<p><em>Notes</em></p><ul>")
        parts.extend(f"<li>{html.escape(n)}</li>" for n in notes)
        parts.append("</ul>")
    parts.append("</div>")
    return "".join(parts)


def render_text(title, facts, frame, notes):
    """The same content as plain text, for terminals and doctests."""
    lines = [title]
    lines.extend(f"  {k}: {v}" for k, v in facts.items())
    with pd.option_context("display.width", 120, "display.max_columns", 20, "display.precision", 3):
        lines.append(frame.to_string())
    lines.extend(f"Note: {n}" for n in notes)
    return "\n".join(lines)
