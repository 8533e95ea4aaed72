"""Deterministic feedback objects (plain text and HTML) and the progress summary."""

import html
from dataclasses import dataclass

import pandas as pd

CORRECT, INCORRECT, NOT_ANSWERED = "correct", "incorrect", "not answered"
NOT_CHECKED = "not checked"
#: Which attempt counts as best: a correct one, then any answer, then a placeholder.
RANK = {NOT_ANSWERED: 0, INCORRECT: 1, CORRECT: 2}

_MARK = {CORRECT: "✔", INCORRECT: "✘", NOT_ANSWERED: "…"}
_COLOUR = {CORRECT: "#1b7f3b", INCORRECT: "#b3261e", NOT_ANSWERED: "#5f6368"}
_HEADLINE = {CORRECT: "correct", INCORRECT: "not yet correct", NOT_ANSWERED: "not answered yet"}


@dataclass(frozen=True)
class Feedback:
    """What a grader says about one answer.

    Attributes
    ----------
    question_id : str
    status : {"correct", "incorrect", "not answered"}
    message : str
        Why: the misconception's explanation, the form expected, or what the answer means.
    detail : str
        The specific difference found (which groups are off, what value was given).
    hint : str
    misconception : str
        Id of the misconception recognised, or "".
    """

    question_id: str
    status: str
    message: str = ""
    detail: str = ""
    hint: str = ""
    misconception: str = ""

    @property
    def correct(self):
        return self.status == CORRECT

    def text(self):
        lines = [f"{_MARK[self.status]} {self.question_id}: {_HEADLINE[self.status]}."]
        lines.extend(s for s in (self.message, self.detail and f"Detail: {self.detail}.") if s)
        if self.hint:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    __str__ = text

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        colour = _COLOUR[self.status]
        body = "".join(
            f"<div>{html.escape(s)}</div>"
            for s in (self.message, self.detail and f"Detail: {self.detail}.", self.hint and f"Hint: {self.hint}")
            if s
        )
        return (
            f"<div class='hrfair-feedback' style='border-left:4px solid {colour};padding:4px 10px;margin:4px 0'>"
            f"<strong style='color:{colour}'>{_MARK[self.status]} {html.escape(self.question_id)}: "
            f"{_HEADLINE[self.status]}</strong>{body}</div>"
        )


@dataclass(frozen=True)
class Summary:
    """Progress through a notebook's questions; ``to_frame()`` gives the table.

    The table has one row per question: ``asks``, ``best`` and ``last`` (statuses), ``attempts``
    and ``points``; the score counts the points of questions whose best attempt is correct.
    """

    title: str
    table: pd.DataFrame

    def to_frame(self):
        return self.table.copy()

    @property
    def score(self):
        return int(self.table.loc[self.table["best"] == CORRECT, "points"].sum())

    @property
    def total(self):
        return int(self.table["points"].sum())

    def text(self):
        head = f"{self.title}: {self.score}/{self.total} points"
        # to_string ignores display.max_colwidth: shorten the prompts so a row fits a line.
        table = self.table.assign(asks=[a if len(a) <= 60 else a[:59] + "…" for a in self.table["asks"]])
        return head + "\n" + table.to_string()

    __repr__ = text

    def _repr_html_(self):
        return (
            f"<div class='hrfair-summary'><strong>{html.escape(self.title)}: {self.score}/{self.total} points"
            f"</strong>{self.table.to_html(border=0)}</div>"
        )
