"""Interview scorecards: per-dimension levels with the anchors in view, notes and a recommendation.

A :class:`Scorecard` belongs to one candidate, one interviewer and one question of the bank. It is
filled by people, from what the candidate said: nothing here scores an answer. The same object
has a plain-Python API (:meth:`Scorecard.score`, :meth:`Scorecard.recommend`) and an ipywidgets
form (:meth:`Scorecard.widget`), and round-trips through CSV, JSON and Markdown so that a panel's
scorecards can be collected and compared in a debrief.

Checked libraries: nbgrader and otter-grader grade notebooks, not interviews; no maintained
library offers a structured-interview scorecard, so this small module is written here.
"""

from __future__ import annotations

import datetime as _dt
import html
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import pandas as pd

from .._utils.render import md_cell as _cell
from .questions import LEVELS, get_question

if TYPE_CHECKING:
    from ipywidgets import VBox

    from .._utils.typing import StrPath

#: The overall recommendations, weakest first.
RECOMMENDATIONS = ("strong no hire", "no hire", "hire", "strong hire")
#: One of :data:`RECOMMENDATIONS`.
Recommendation: TypeAlias = Literal["strong no hire", "no hire", "hire", "strong hire"]
_CSV_COLUMNS = (
    "question_id",
    "candidate",
    "interviewer",
    "date",
    "dimension",
    "level",
    "note",
    "recommendation",
    "overall_notes",
)


def _text(value, name, required=False):
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{name} must be a string; got {type(value).__name__}")
    if required and not value.strip():
        raise ValueError(f"{name} must not be empty")
    return value.strip() if required else value


def _date(value):
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    try:
        return _dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise ValueError(f"date must be a date or an ISO string 'YYYY-MM-DD'; got {value!r}") from None


def _read(source, looks_like_text, what):
    """The text of ``source``: the text itself, or the contents of the file it names."""
    if isinstance(source, Path) or (isinstance(source, str) and source.strip() and not looks_like_text(source)):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"not a scorecard {what}: no such file {str(path)[:80]!r}")
        return path.read_text(encoding="utf-8")
    if not isinstance(source, str) or not source.strip():
        raise ValueError(f"not a scorecard {what}: give the text or a file path, got {source!r:.40}")
    return source


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "unnamed"


class Scorecard:
    """One interviewer's scores for one candidate on one question.

    Parameters
    ----------
    question_id : str
        A question of the bank (:func:`~hrfair_helpers.interview.question_ids`).
    candidate, interviewer : str
        Names or codes (non-empty). Use a candidate code rather than a name where the
        scorecards leave the interview panel.
    date : datetime.date or str, optional
        The interview date (ISO). Never defaults to today, so files are reproducible.

    Raises
    ------
    ValueError
        For an unknown question, an empty candidate or interviewer, a bad date; later, for an
        unknown dimension, a level outside 1-4 or an unknown recommendation.

    Examples
    --------
    >>> card = Scorecard("promotion-gap-walkthrough", candidate="C-017", interviewer="A. Rivera")
    >>> dimension = card.dimensions[0]
    >>> card.score(dimension, 3, note="named the impact ratio unprompted").missing == card.dimensions[1:]
    True
    >>> Scorecard.from_json(card.to_json()) == card
    True
    """

    def __init__(
        self, question_id: str, *, candidate: str, interviewer: str, date: _dt.date | str | None = None
    ) -> None:
        self.question = get_question(question_id)
        self.candidate = _text(candidate, "candidate", required=True)
        self.interviewer = _text(interviewer, "interviewer", required=True)
        self.date = _date(date)
        self.levels: dict[str, int] = {}
        self.notes: dict[str, str] = {}
        self.recommendation: Recommendation | None = None
        self.overall_notes = ""

    # ------------------------------------------------------------------ filling in

    @property
    def dimensions(self) -> list[str]:
        """The rubric's dimensions, in order."""
        return self.question.dimensions

    def _dimension(self, dimension):
        if dimension not in self.dimensions:
            raise ValueError(f"{dimension!r} is not a dimension of {self.question.id!r}; dimensions: {self.dimensions}")
        return dimension

    def score(self, dimension: str, level: int | None, note: str | None = None) -> Scorecard:
        """Set the level (1-4) of one dimension, with an optional note; returns the scorecard.

        ``level=None`` clears the score. ``note=None`` keeps the existing note.
        """
        self._dimension(dimension)
        if level is None:
            self.levels.pop(dimension, None)
        elif isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= LEVELS:
            raise ValueError(f"level must be an int from 1 to {LEVELS} (or None to clear); got {level!r}")
        else:
            self.levels[dimension] = level
        if note is not None:
            self.notes[dimension] = _text(note, "note")
        return self

    def recommend(self, recommendation: Recommendation | None, notes: str | None = None) -> Scorecard:
        """Set the overall recommendation (one of :data:`RECOMMENDATIONS`, or None) and notes."""
        if recommendation is not None and recommendation not in RECOMMENDATIONS:
            raise ValueError(f"recommendation must be one of {list(RECOMMENDATIONS)} or None; got {recommendation!r}")
        self.recommendation = recommendation
        if notes is not None:
            self.overall_notes = _text(notes, "notes")
        return self

    @property
    def missing(self) -> list[str]:
        """Dimensions without a level."""
        return [d for d in self.dimensions if d not in self.levels]

    @property
    def complete(self) -> bool:
        """Every dimension scored and a recommendation given."""
        return not self.missing and self.recommendation is not None

    def anchor(self, dimension: str, level: int) -> str:
        """The rubric's anchor text for ``level`` (1-4) on ``dimension``."""
        self._dimension(dimension)
        if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= LEVELS:
            raise ValueError(f"level must be an int from 1 to {LEVELS}; got {level!r}")
        return dict(self.question.rubric)[dimension][level - 1]

    # ------------------------------------------------------------------ views

    def to_frame(self) -> pd.DataFrame:
        """One row per dimension: the level (NaN when unscored), its anchor and the note."""
        rows = []
        for d in self.dimensions:
            level = self.levels.get(d)
            rows.append(
                {
                    "dimension": d,
                    "level": level,
                    "anchor": self.anchor(d, level) if level else "",
                    "note": self.notes.get(d, ""),
                }
            )
        frame = pd.DataFrame(rows).set_index("dimension")
        frame["level"] = frame["level"].astype("Int64")
        return frame

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (the inverse of :meth:`from_dict`)."""
        return {
            "question_id": self.question.id,
            "candidate": self.candidate,
            "interviewer": self.interviewer,
            "date": self.date,
            "scores": [
                {"dimension": d, "level": self.levels.get(d), "note": self.notes.get(d, "")} for d in self.dimensions
            ],
            "recommendation": self.recommendation,
            "overall_notes": self.overall_notes,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scorecard:
        """Rebuild a scorecard from :meth:`to_dict`; every value is validated again."""
        if not isinstance(data, dict):
            raise ValueError(f"expected a dict from Scorecard.to_dict(); got {type(data).__name__}")
        try:
            card = cls(
                data["question_id"], candidate=data["candidate"], interviewer=data["interviewer"], date=data.get("date")
            )
            for row in data.get("scores", []):
                card.score(row["dimension"], row.get("level"), note=row.get("note", ""))
        except KeyError as missing:
            raise ValueError(f"scorecard data is missing the field {missing}") from None
        return card.recommend(data.get("recommendation"), data.get("overall_notes", ""))

    def to_json(self, path: StrPath | None = None) -> str:
        """The scorecard as JSON text; also written to ``path`` when given."""
        text = json.dumps(self.to_dict(), indent=2, ensure_ascii=False) + "\n"
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    @classmethod
    def from_json(cls, source: str | Path) -> Scorecard:
        """From JSON text (an object, as :meth:`to_json` writes it) or a path to a ``.json`` file."""
        text = _read(source, looks_like_text=lambda t: t.lstrip().startswith(("{", "[")), what="JSON")
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValueError(f"not a scorecard JSON: {error}") from None
        if not isinstance(data, dict):
            raise ValueError(f"not a scorecard JSON: expected an object, got {type(data).__name__}")
        return cls.from_dict(data)

    def to_csv(self, path: StrPath | None = None) -> str:
        """One row per dimension, the scorecard's fields repeated on each; returns the CSV text."""
        rows = [
            {
                "question_id": self.question.id,
                "candidate": self.candidate,
                "interviewer": self.interviewer,
                "date": self.date,
                "dimension": d,
                "level": self.levels.get(d, ""),
                "note": self.notes.get(d, ""),
                "recommendation": self.recommendation or "",
                "overall_notes": self.overall_notes,
            }
            for d in self.dimensions
        ]
        text = pd.DataFrame(rows, columns=list(_CSV_COLUMNS)).to_csv(index=False, lineterminator="\n")
        if path is not None:
            Path(path).write_text(text, encoding="utf-8")
        return text

    @classmethod
    def from_csv(cls, source: str | Path) -> Scorecard:
        """From CSV text (as :meth:`to_csv` writes it) or a path to a ``.csv`` file."""
        text = _read(source, looks_like_text=lambda t: "\n" in t, what="CSV")
        try:
            frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as error:
            raise ValueError(f"not a scorecard CSV: {error}") from None
        absent = [c for c in _CSV_COLUMNS if c not in frame.columns]
        if absent or frame.empty:
            raise ValueError(f"not a scorecard CSV: {'missing columns ' + str(absent) if absent else 'no rows'}")
        # One file, one scorecard: a file that joins several would mix candidates' scores.
        for column in ("question_id", "candidate", "interviewer", "date", "recommendation", "overall_notes"):
            if frame[column].nunique() > 1:
                raise ValueError(
                    f"not one scorecard: the CSV has several values of {column!r}; split it into "
                    "one file per scorecard (read a panel's files with pandas instead)"
                )
        repeated = sorted(set(frame["dimension"][frame["dimension"].duplicated()]))
        if repeated:
            raise ValueError(f"not one scorecard: dimensions appear more than once: {repeated}")
        bad = [v for v in frame["level"] if v and not v.isdigit()]
        if bad:
            raise ValueError(f"level must be an int from 1 to {LEVELS} (or empty); got {bad[:3]}")
        first = frame.iloc[0]
        scores = [
            {"dimension": r["dimension"], "level": int(r["level"]) if r["level"] else None, "note": r["note"]}
            for _, r in frame.iterrows()
        ]
        return cls.from_dict(
            {
                "question_id": first["question_id"],
                "candidate": first["candidate"],
                "interviewer": first["interviewer"],
                "date": first["date"],
                "scores": scores,
                "recommendation": first["recommendation"] or None,
                "overall_notes": first["overall_notes"],
            }
        )

    def to_markdown(self) -> str:
        """A readable record for the debrief."""
        q = self.question
        lines = [
            f"# Scorecard: {q.title}",
            "",
            f"- **Question:** {q.id} ({q.competency.replace('_', ' ')})",
            f"- **Candidate:** {self.candidate}",
            f"- **Interviewer:** {self.interviewer}",
            f"- **Date:** {self.date or 'not given'}",
            f"- **Recommendation:** {self.recommendation or 'not given'}",
            "",
            "| Dimension | Level | Anchor | Note |",
            "|---|---:|---|---|",
        ]
        for d, row in self.to_frame().iterrows():
            level = "" if pd.isna(row["level"]) else str(row["level"])
            lines.append(f"| {_cell(d)} | {level} | {_cell(row['anchor'])} | {_cell(row['note'])} |")
        if self.missing:
            lines += ["", f"Not scored: {', '.join(self.missing)}."]
        if self.overall_notes:
            lines += ["", "## Notes", "", self.overall_notes]
        return "\n".join(lines) + "\n"

    def save(self, directory: StrPath) -> list[Path]:
        """Write the CSV, JSON and Markdown files into ``directory``; returns their paths."""
        folder = Path(directory)
        if folder.exists() and not folder.is_dir():
            raise ValueError(f"{folder} is a file, not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"scorecard_{_slug(self.candidate)}_{self.question.id}_{_slug(self.interviewer)}"
        paths = [folder / f"{stem}.{ext}" for ext in ("csv", "json", "md")]
        self.to_csv(paths[0])
        self.to_json(paths[1])
        paths[2].write_text(self.to_markdown(), encoding="utf-8")
        return paths

    def __eq__(self, other):
        return isinstance(other, Scorecard) and self.to_dict() == other.to_dict()

    def __repr__(self):
        done = len(self.dimensions) - len(self.missing)
        return (
            f"Scorecard({self.question.id!r}, candidate={self.candidate!r}, interviewer={self.interviewer!r}: "
            f"{done}/{len(self.dimensions)} dimensions scored, recommendation={self.recommendation!r})"
        )

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td>{html.escape(d)}</td><td>{'' if pd.isna(r['level']) else r['level']}</td>"
            f"<td>{html.escape(r['anchor'])}</td><td>{html.escape(r['note'])}</td></tr>"
            for d, r in self.to_frame().iterrows()
        )
        return (
            f"<div class='hrfair-scorecard'><strong>Scorecard: {html.escape(self.question.title)}</strong> "
            f"— candidate {html.escape(self.candidate)}, interviewer {html.escape(self.interviewer)}, "
            f"recommendation: {html.escape(self.recommendation or 'not given')}"
            f"<table><tr><th>dimension</th><th>level</th><th>anchor</th><th>note</th></tr>{rows}</table></div>"
        )

    # ------------------------------------------------------------------ the form

    def widget(self, save_to: StrPath = "scorecards") -> VBox:
        """An ipywidgets form bound to this scorecard: every change updates it.

        One block per dimension shows the four anchors and a 1-4 toggle with a note; then the
        recommendation, overall notes and a button that saves CSV, JSON and Markdown into
        ``save_to``. Returns the form (a ``VBox``); its ``children`` are plain widgets.
        """
        import ipywidgets as w

        blocks = []
        for d in self.dimensions:
            anchors = "".join(
                f"<li><b>{i}</b>: {html.escape(a)}</li>" for i, a in enumerate(dict(self.question.rubric)[d], start=1)
            )
            toggle = w.ToggleButtons(
                options=[str(i) for i in range(1, LEVELS + 1)],
                value=str(self.levels[d]) if d in self.levels else None,
                description="Level",
                style={"button_width": "3em"},
            )
            note = w.Textarea(
                value=self.notes.get(d, ""),
                placeholder="What did the candidate say or do?",
                layout=w.Layout(width="95%", height="3.5em"),
            )
            toggle.observe(lambda change, d=d: self.score(d, int(change["new"]) if change["new"] else None), "value")
            note.observe(lambda change, d=d: self.score(d, self.levels.get(d), note=change["new"]), "value")
            blocks.append(
                w.VBox(
                    [
                        w.HTML(f"<h4>{html.escape(d)}</h4><ol style='list-style:none;padding-left:0'>{anchors}</ol>"),
                        toggle,
                        note,
                    ]
                )
            )
        recommendation = w.Dropdown(
            options=[("not given", None)] + [(r, r) for r in RECOMMENDATIONS],
            value=self.recommendation,
            description="Overall",
        )
        overall = w.Textarea(
            value=self.overall_notes, placeholder="Evidence for the recommendation", layout=w.Layout(width="95%")
        )
        recommendation.observe(lambda change: self.recommend(change["new"]), "value")
        overall.observe(lambda change: self.recommend(self.recommendation, change["new"]), "value")
        save = w.Button(description="Save CSV, JSON, Markdown", icon="save")
        output = w.Output()

        def on_save(_):
            output.clear_output()
            with output:
                for path in self.save(save_to):
                    print(f"saved {path}")

        save.on_click(on_save)
        header = w.HTML(
            f"<h3>{html.escape(self.question.title)}</h3><p>{html.escape(self.question.prompt)}</p>"
            f"<p>Candidate {html.escape(self.candidate)} · interviewer {html.escape(self.interviewer)}</p>"
        )
        return w.VBox([header, *blocks, recommendation, overall, save, output])
