"""Questions, misconceptions and question banks.

A question never stores its answer as a literal: ``expected`` is a function of the bank's
context (the notebook's seeded data), so the same question grades a different seed correctly.
A misconception is a *computed wrong answer* (what the answer is when a learner makes that
mistake) plus the feedback that explains the mistake; by default it is detected by comparing
the learner's answer with that wrong answer, using the question's own comparison.

Every number question also recognises the slips common to all numbers (:data:`COMMON_MISTAKES`:
a percentage, a reversed sign, a ratio upside down, one minus the answer) and, when the question
names one, the figure the brief states, after its own misconceptions.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..cases import CASES, get_case


@dataclass(frozen=True)
class Misconception:
    """A known wrong answer and what to tell the learner who gives it.

    Parameters
    ----------
    id : str
        Short name, e.g. ``"used_y_true"``.
    feedback : str
        What the learner most likely did, and how to fix it.
    answer : callable
        ``answer(ctx)`` computes the wrong answer this mistake produces (also the test sample).
    detect : callable, optional
        ``detect(normalized_answer, ctx) -> bool`` when comparing with ``answer`` is not enough.
    """

    id: str
    feedback: str
    answer: Callable[[Any], Any]
    detect: Callable[[Any, Any], bool] = None


@dataclass(frozen=True)
class CommonMistake:
    """A slip any number answer can show: the wrong value is a function of the expected one.

    Parameters
    ----------
    id : str
    feedback : str
    wrong : callable
        ``wrong(expected_number)`` gives the value the slip produces.
    counts : bool
        Whether the slip applies to whole-number answers (counts) too.
    """

    id: str
    feedback: str
    wrong: Callable[[float], float]
    counts: bool = False


COMMON_MISTAKES = (
    CommonMistake(
        "percentage",
        "This looks like a percentage: about 100 times the expected value. Give the plain number "
        "(0.25, not 25): divide by 100.",
        lambda x: 100 * x,
    ),
    CommonMistake(
        "reversed_sign",
        "The sign is reversed: you subtracted in the other order. Check which quantity the question puts first.",
        lambda x: -x,
        counts=True,
    ),
    CommonMistake(
        "inverted",
        "This is about 1 divided by the expected value: the ratio is upside down. Put the quantity "
        "the question names first on top.",
        lambda x: 1 / x,
    ),
    CommonMistake(
        "complement",
        "This is about 1 minus the expected value: you computed the complement (a shortfall such as "
        "'30% lower' instead of the ratio 0.70, or the share not selected instead of the share selected).",
        lambda x: 1 - x,
    ),
)

#: Said when an answer is the figure the brief states, unless the question has its own text.
BRIEF_FEEDBACK = (
    "That is the figure the brief states, not what the data says: compute it from the data "
    "(a brief's claim is what the audit checks)."
)


@dataclass(frozen=True)
class Question:
    """One graded question.

    Parameters
    ----------
    id : str
        Identifier used in the notebook, ``grader.check(id, answer)``.
    prompt : str
        What the question asks (shown in summaries and in the instructor's answer key).
    expected : callable
        ``expected(ctx)`` computes the reference answer from the bank's context.
    compare : object
        A comparison from :mod:`hrfair_helpers.grading.compare`.
    misconceptions : tuple of Misconception
    hints : tuple of str
        Shown one at a time: the first with incorrect feedback, the rest with ``grader.hint``.
    success : str
        Said when the answer is correct: what the number means, so feedback also teaches.
    points : int
    brief_figures : tuple
        Figures the case brief states, in the answer's form (e.g. ``(0.7, 0.3)`` for "30% lower"):
        an answer equal to one is told so, unless the data agrees with the brief.
    brief_feedback : str
        What to say then (default :data:`BRIEF_FEEDBACK`).

    Examples
    --------
    >>> from hrfair_helpers.grading.compare import Number
    >>> Question("q", "Women's rate divided by men's.", lambda ctx: 0.7, Number(decimals=2)).full_prompt
    "Women's rate divided by men's. (give 2 decimals, e.g. 0.12)"
    """

    id: str
    prompt: str
    expected: Callable[[Any], Any]
    compare: Any
    misconceptions: tuple = ()
    hints: tuple = ()
    success: str = ""
    points: int = 1
    brief_figures: tuple = ()
    brief_feedback: str = ""

    @property
    def full_prompt(self):
        """The prompt with what the comparison asks of the answer's form (precision, options)."""
        return " ".join(s for s in (self.prompt.strip(), self.compare.instructions()) if s)


@dataclass
class Bank:
    """The questions of one notebook and the (cached) context their answers are computed from.

    Parameters
    ----------
    notebook_id : str
    title : str
    setup : callable
        ``setup(**params)`` returns the context (any object, typically a dict of data and
        fitted models). It runs once per parameter set, on the first check. A scenario's bank
        passes its case class (:data:`hrfair_helpers.cases.CASES`, registered under the bank's
        id): its context is then the registry's case object (see :meth:`context`).
    """

    notebook_id: str
    title: str
    setup: Callable[..., Any]
    questions: dict = field(default_factory=dict)
    _contexts: dict = field(default_factory=dict, repr=False)

    def add(self, question):
        """Register a question (ids are unique within a bank)."""
        if question.id in self.questions:
            raise ValueError(f"question {question.id!r} is already in bank {self.notebook_id!r}")
        self.questions[question.id] = question
        return question

    def context(self, **params):
        """The context for these parameters, computed once and cached.

        When ``setup`` is the case class registered under this bank's id in
        :data:`hrfair_helpers.cases.CASES`, the context is
        :func:`hrfair_helpers.cases.get_case` ``(notebook_id, **params)``, cached there: the bank,
        the interview facts and the variants share one case object per parameter set. Any other
        setup is called here and its result cached in the bank.
        """
        if self.notebook_id in CASES and CASES[self.notebook_id] is self.setup:
            return get_case(self.notebook_id, **params)
        key = tuple(sorted(params.items()))
        if key not in self._contexts:
            self._contexts[key] = self.setup(**params)
        return self._contexts[key]
