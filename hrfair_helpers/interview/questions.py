"""The interview question bank: loading, lookup and the coverage self-check.

The bank ships as ``data/questions.json``: competencies, then questions, each with its prompt,
time box, what a strong answer contains, a STAR rubric (dimensions × four anchored levels), red
flags, follow-up probes, the coverage elements (:mod:`.elements`) and a model answer. The red flags
that a pattern can spot are mapped to detectors in :data:`.elements.RED_FLAG_CHECKS`. Legal dates
in the data are ``{date:NAME}`` placeholders, filled from the regulation registry on load
(:func:`hrfair_helpers.governance.timeline.fill_dates`), so the answers follow the law's changes.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, replace
from importlib import resources

import pandas as pd

from ..grading.rubric import RED_FLAGS, CoverageReport, Rubric, check_coverage
from .elements import ELEMENTS, RED_FLAG_CHECKS
from .facts import fill_facts, references

#: Fields every question must have (validated on load).
FIELDS = (
    "id",
    "title",
    "competency",
    "scenario",
    "prompt",
    "time_box_minutes",
    "strong_answer",
    "rubric",
    "red_flags",
    "follow_ups",
    "coverage",
    "model_answer",
)
LEVELS = 4


@dataclass(frozen=True)
class InterviewQuestion:
    """One question of the bank; ``rubric`` is a tuple of ``(dimension, (level 1, ..., level 4))``.

    ``strong_answer_template`` and ``model_answer_template`` are the texts as written, with their
    ``{fact:...}`` placeholders; :attr:`strong_answer` and :attr:`model_answer` fill them.
    """

    id: str
    title: str
    competency: str
    scenario: str
    prompt: str
    time_box_minutes: int
    strong_answer_template: tuple[str, ...]
    rubric: tuple[tuple[str, tuple[str, ...]], ...]
    red_flags: tuple[str, ...]
    follow_ups: tuple[str, ...]
    coverage: tuple[str, ...]
    model_answer_template: str

    @property
    def strong_answer(self) -> tuple[str, ...]:
        """What a strong answer contains, one item a string, with the case's numbers filled in."""
        return tuple(fill_facts(item) for item in self.strong_answer_template)

    @property
    def model_answer(self) -> str:
        """The model answer, with the case's numbers filled in (computed on first use, see :mod:`.facts`)."""
        return fill_facts(self.model_answer_template)

    @property
    def cases(self) -> tuple[str, ...]:
        """The cases whose facts the answers reference (nothing is computed), e.g. ``("promotion_gap",)``."""
        texts = (*self.strong_answer_template, self.model_answer_template)
        return tuple(sorted({case for text in texts for case, _, _ in references(text)}))

    @property
    def dimensions(self) -> list[str]:
        """The rubric's dimension names, in order."""
        return [dimension for dimension, _ in self.rubric]

    def rubric_frame(self) -> pd.DataFrame:
        """The STAR rubric as a table: dimensions × levels 1-4, each cell an anchor."""
        return pd.DataFrame(
            [levels for _, levels in self.rubric],
            index=pd.Index(self.dimensions, name="dimension"),
            columns=[f"{i}" for i in range(1, LEVELS + 1)],
        )


def _bad(where, what):
    return ValueError(f"interview question bank: {where}: {what}")


def _check_facts(where, raw, rubric):
    """Fact placeholders only in the answers, well formed and naming a case; nothing is computed."""
    for text in (*raw["strong_answer"], raw["model_answer"]):
        try:
            references(text)
        except ValueError as error:
            raise _bad(where, str(error)) from None
    elsewhere = [
        raw["title"],
        raw["prompt"],
        *raw["red_flags"],
        *raw["follow_ups"],
        *(text for dimension, levels in rubric for text in (dimension, *levels)),
    ]
    if any("{fact:" in text for text in elsewhere):
        raise _bad(where, "{fact:...} placeholders belong in the model answer and the strong answer only")


def _validate(spec):
    competencies = spec.get("competencies")
    if not isinstance(competencies, dict) or not competencies:
        raise _bad("competencies", "missing or empty")
    questions = {}
    for i, raw in enumerate(spec.get("questions", [])):
        where = f"question {raw.get('id', i)!r}"
        missing = [f for f in FIELDS if raw.get(f) in (None, "", [], {})]
        if missing:
            raise _bad(where, f"missing {missing}")
        if raw["competency"] not in competencies:
            raise _bad(where, f"competency {raw['competency']!r} is not one of {list(competencies)}")
        unknown = [e for e in raw["coverage"] if e not in ELEMENTS]
        if unknown:
            raise _bad(where, f"unknown coverage elements {unknown}; known: {sorted(ELEMENTS)}")
        rubric = []
        for row in raw["rubric"]:
            levels = row.get("levels", [])
            if not row.get("dimension") or len(levels) != LEVELS or not all(isinstance(x, str) and x for x in levels):
                raise _bad(where, f"rubric rows need a dimension and {LEVELS} non-empty levels; got {row!r}")
            rubric.append((row["dimension"], tuple(levels)))
        if raw["id"] in questions:
            raise _bad(where, "duplicate id")
        _check_facts(where, raw, rubric)
        questions[raw["id"]] = InterviewQuestion(
            id=raw["id"],
            title=raw["title"],
            competency=raw["competency"],
            scenario=raw["scenario"],
            prompt=raw["prompt"],
            time_box_minutes=int(raw["time_box_minutes"]),
            strong_answer_template=tuple(raw["strong_answer"]),
            rubric=tuple(rubric),
            red_flags=tuple(raw["red_flags"]),
            follow_ups=tuple(raw["follow_ups"]),
            coverage=tuple(raw["coverage"]),
            model_answer_template=raw["model_answer"],
        )
    if not questions:
        raise _bad("questions", "none")
    return competencies, questions


@functools.cache
def _bank(book: bool = False):
    """The validated bank; with ``book=True``, legal dates as the book's substitutions (the generated page)."""
    from ..governance.timeline import fill_dates

    text = resources.files(__package__).joinpath("data", "questions.json").read_text(encoding="utf-8")
    # Legal dates are {date:NAME} placeholders in the data, filled from the regulation registry.
    return _validate(json.loads(fill_dates(text, book=book)))


def competencies() -> dict[str, str]:
    """``{competency id: description}`` in the bank's order."""
    return dict(_bank()[0])


def question_ids() -> list[str]:
    """Every question id, in the bank's order."""
    return list(_bank()[1])


def get_question(question_id: str) -> InterviewQuestion:
    """The :class:`InterviewQuestion` with this id; a clear error lists the valid ids.

    Raises
    ------
    ValueError
        If ``question_id`` is not a string or not in the bank.
    """
    bank = _bank()[1]
    if not isinstance(question_id, str) or question_id not in bank:
        raise ValueError(f"no interview question {question_id!r}; valid ids: {list(bank)}")
    return bank[question_id]


def question_bank() -> pd.DataFrame:
    """The bank as a table: one row per question (id as the index), competency, scenario, title,
    prompt, time box and the number of rubric dimensions."""
    rows = [
        {
            "id": q.id,
            "competency": q.competency,
            "scenario": q.scenario,
            "title": q.title,
            "prompt": q.prompt,
            "time_box_minutes": q.time_box_minutes,
            "dimensions": len(q.rubric),
        }
        for q in _bank()[1].values()
    ]
    return pd.DataFrame(rows).set_index("id")


def coverage(answer_text: object, question_id: str) -> CoverageReport:
    """Which elements of a strong answer to ``question_id`` an answer appears to cover, and which of
    the question's red flags it raises.

    A **study aid for learners**, never a hiring tool: keyword evidence cannot judge an answer.
    Used to screen or rank candidates it would be an unvalidated selection procedure (Title VII
    and the Uniform Guidelines apply to it) and could be an automated employment decision tool
    under NYC Local Law 144. Interviewers score with the rubric and
    :class:`~hrfair_helpers.interview.Scorecard`.

    Parameters
    ----------
    answer_text : str
        The answer. Anything else (the ``...`` placeholder, ``None``, a number) gets a report
        that covers nothing and says what to write, never an error.
    question_id : str
        A question of the bank (:func:`question_ids`).

    Returns
    -------
    CoverageReport
        ``missing`` lists the elements not found; ``red_flags`` the question's red flags the answer
        raises, worded as the bank words them, with the sentence that raised each; ``to_frame()``
        the evidence found per element, then the red flags. A sentence that raises a red flag is
        no evidence for any element.

    Raises
    ------
    ValueError
        If ``question_id`` is not in the bank (the message lists the valid ids).

    Examples
    --------
    >>> report = coverage("I measured the impact ratio: 0.62 for women.", "promotion-gap-walkthrough")
    >>> "named_metric" in report.missing, "quantified_result" in report.missing
    (False, False)
    >>> flagged = coverage("The model is fair because it never sees gender.", "promotion-gap-walkthrough")
    >>> flagged.red_flags["text"].tolist()
    ['Concludes the model is fair because gender is not an input.']
    """
    question = get_question(question_id)
    red_flags = tuple(replace(RED_FLAGS[d], text=text) for d, text in RED_FLAG_CHECKS.get(question.id, {}).items())
    rubric = Rubric(f"{question.title} ({question.id})", tuple(ELEMENTS[e] for e in question.coverage), red_flags)
    return check_coverage(answer_text, rubric)


__all__ = [
    "CoverageReport",
    "InterviewQuestion",
    "competencies",
    "coverage",
    "get_question",
    "question_bank",
    "question_ids",
]
