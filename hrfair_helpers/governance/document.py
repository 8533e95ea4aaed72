"""The document a model card or datasheet is: template sections of blocks, rendered as Markdown or HTML.

A block is ``(kind, label, value)``: ``"text"`` (a string), ``"list"`` (strings, shown as bullets)
or ``"table"`` (a DataFrame). :func:`_build` fills a template's sections from the values given and
lists every required field left out.
"""

from __future__ import annotations

import datetime
import html
import numbers
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

import pandas as pd

from .._utils import render
from .._utils.render import markdown_table

__all__ = ["Document"]

#: What a field of a model card or datasheet takes: text (a string, a number or a date), a list or
#: tuple of them (bullets), a dict ``{label: text}`` (bullets "label: text") or a DataFrame (a
#: table); None when the field is not given.
FieldValue: TypeAlias = (
    str
    | float
    | datetime.date
    | Sequence[str | float | datetime.date]
    | Mapping[str, str | float | datetime.date]
    | pd.DataFrame
    | None
)


@dataclass
class Document:
    """A model card or datasheet: ordered sections, what is missing, and the tables behind it.

    Attributes
    ----------
    kind : str
        ``"Model card"`` or ``"Datasheet"``.
    title : str
        Name of the model or data set.
    blocks : dict
        Section name -> list of content blocks (internal; read :attr:`sections` instead).
    missing_fields : list of str
        Required fields not given, as ``"Section: field (what to give)"``.
    tables : dict
        Name -> DataFrame for every table in the document (audit tables, data summaries).
    facts : dict
        Headline numbers (e.g. rows and columns of a summarised data set).
    source : str
        The paper whose template the document follows.
    """

    kind: str
    title: str
    blocks: dict[str, list[tuple[str, str, Any]]]
    missing_fields: list[str] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    source: str = ""

    @property
    def sections(self) -> dict[str, str]:
        """Section name -> its Markdown text, in template order ('' for an empty section)."""
        return {name: "\n\n".join(_block_markdown(b) for b in blocks) for name, blocks in self.blocks.items()}

    def missing(self) -> list[str]:
        """Names of the sections left empty, in template order."""
        return [name for name, blocks in self.blocks.items() if not blocks]

    def _missing_in(self, section, short=False):
        found = [m.split(": ", 1)[1] for m in self.missing_fields if m.startswith(section + ": ")]
        return [m.split(" (", 1)[0] for m in found] if short else found

    def to_frame(self) -> pd.DataFrame:
        """One row per section: whether it has content and which required fields it lacks."""
        rows = [
            {"section": name, "provided": bool(blocks), "missing_fields": "; ".join(self._missing_in(name, short=True))}
            for name, blocks in self.blocks.items()
        ]
        return pd.DataFrame(rows).set_index("section")

    def to_markdown(self) -> str:
        """The whole document as Markdown (headings, fields, tables, "Not provided" markers)."""
        parts = [f"# {self.kind}: {self.title}", f"_Template: {self.source}_"]
        for number, (name, blocks) in enumerate(self.blocks.items(), start=1):
            parts.append(f"## {number}. {name}")
            parts.extend(_block_markdown(b) for b in blocks)
            lacking = self._missing_in(name)
            if lacking:
                parts.append("**Not provided:** " + "; ".join(lacking))
        return "\n\n".join(parts) + "\n"

    def _notes(self):
        notes = []
        if self.missing():
            notes.append("empty sections: " + ", ".join(self.missing()))
        if self.missing_fields:
            notes.append(f"{len(self.missing_fields)} required field(s) not provided (see missing_fields)")
        return notes

    def _repr_html_(self):
        facts = {"template": self.source, **self.facts}
        body = [render.render_html(f"{self.kind}: {self.title}", facts, self.to_frame(), self._notes())]
        for number, (name, blocks) in enumerate(self.blocks.items(), start=1):
            # Bold, not <h4>: shown inside a book page, a heading would break the page's outline.
            body.append(f"<p><strong>{number}. {html.escape(name)}</strong></p>")
            body.extend(_block_html(b) for b in blocks)
            lacking = self._missing_in(name)
            if lacking:
                body.append(f"<p><em>Not provided: {html.escape('; '.join(lacking))}</em></p>")
        return "".join(body)

    def __repr__(self):
        return render.render_text(f"{self.kind}: {self.title}", dict(self.facts), self.to_frame(), self._notes())


def _block_markdown(block):
    kind, label, value = block
    if kind == "text":
        return f"**{label}:** {value}"
    if kind == "list":
        return f"**{label}:**\n\n" + "\n".join(f"- {item}" for item in value)
    if kind == "table":
        return f"**{label}**\n\n{markdown_table(value)}"
    raise AssertionError(kind)


def _block_html(block):
    kind, label, value = block
    if kind == "text":
        return f"<p><strong>{html.escape(label)}:</strong> {html.escape(value)}</p>"
    if kind == "list":
        items = "".join(f"<li>{html.escape(item)}</li>" for item in value)
        return f"<p><strong>{html.escape(label)}:</strong></p><ul>{items}</ul>"
    if kind == "table":
        table = value.to_html(float_format="{:.3f}".format, na_rep="–", border=0)
        return f"<p><strong>{html.escape(label)}</strong></p>{table}"
    raise AssertionError(kind)


def _scalar_text(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, numbers.Number | datetime.date):
        return str(value)
    return None


def _field_blocks(param, label, value):
    """Blocks for one field; None or blank text means 'not given'. Bad types raise ValueError."""
    if value is None:
        return []
    expected = "text, a list of strings, a dict of {label: text} or a DataFrame"
    if isinstance(value, pd.DataFrame):
        return [("table", label, value)]
    text = _scalar_text(value)
    if text is not None:
        return [("text", label, text)] if text else []
    if isinstance(value, list | tuple):
        items = [_scalar_text(v) for v in value]
        if any(i is None for i in items):
            raise ValueError(f"{param} must be {expected}; its list holds {[type(v).__name__ for v in value]}")
        items = [i for i in items if i]
        return [("list", label, items)] if items else []
    if isinstance(value, dict):
        items = []
        for key, item in value.items():
            text = _scalar_text(item)
            if text is None:
                raise ValueError(f"{param}[{key!r}] must be text or a number, got {type(item).__name__}")
            if text:
                items.append(f"{key}: {text}")
        return [("list", label, items)] if items else []
    raise ValueError(f"{param} must be {expected}, got {type(value).__name__}")


def _build(kind, title, sections, fields, values, extra_blocks, source):
    if not isinstance(title, str) or not title.strip():
        raise ValueError(f"the {kind.lower()} needs a name: pass a non-empty string, got {title!r}")
    blocks = {name: [] for name in sections}
    missing = []
    for param, section, label, required, hint in fields:
        if param in extra_blocks:
            new = extra_blocks[param]
        else:
            new = _field_blocks(param, label, values.get(param))
        blocks[section].extend(new)
        if required and not new:
            missing.append(f"{section}: {label} ({hint}; pass {param}=)")
    return blocks, missing
