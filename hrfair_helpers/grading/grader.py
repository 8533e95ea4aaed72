"""The notebook-facing grader.

Modes (environment variable ``HRFAIR_GRADER``, or ``Grader(..., mode=...)``):

``feedback`` (default)
    Show feedback; never raise, whatever the answer is.
``strict``
    Raise :class:`GradingError` unless the answer is correct. Used to test ``solutions/``.
``expect-blank``
    Raise :class:`GradingError` unless the answer is the unanswered placeholder. Used to test
    ``notebooks/``: a learner copy whose answers already pass has leaked a solution (the idea of
    ``nbgrader validate --invert``).

How an answer is judged, in order: its form (:meth:`~.compare.Comparison.normalize`); correct
(within the question's precision); right but to fewer decimals than asked ("check your
rounding", never a misconception); the question's own misconceptions; the brief's figure and the
slips common to all numbers (:data:`~.bank.COMMON_MISTAKES`); a near miss ("check your
rounding"); otherwise "differs". A misconception whose wrong answer cannot be told from the right
one on this data is skipped.
"""

import os

import pandas as pd

from .bank import BRIEF_FEEDBACK, COMMON_MISTAKES, Bank
from .banks import get_bank
from .compare import Unfit, decimals_text, describe
from .feedback import CORRECT, INCORRECT, NOT_ANSWERED, NOT_CHECKED, RANK, Feedback, Summary

MODES = ("feedback", "strict", "expect-blank")
ENV_VAR = "HRFAIR_GRADER"


class GradingError(AssertionError):
    """Raised in ``strict`` and ``expect-blank`` modes when an answer is not what the mode expects."""


def _mode(explicit):
    mode = explicit or os.environ.get(ENV_VAR, "").strip() or "feedback"
    if mode not in MODES:
        raise ValueError(f"{ENV_VAR}={mode!r} is not a grader mode; use one of {list(MODES)}")
    return mode


def _show(feedback):
    """Display rich feedback in Jupyter, plain text elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency of ipywidgets
        print(feedback.text())
        return
    if get_ipython() is None:
        print(feedback.text())
    else:
        display(feedback)


class Grader:
    """Check a notebook's answers and give specific feedback.

    Parameters
    ----------
    notebook_id : str or Bank
        The question bank, e.g. ``"orientation"`` (see :func:`hrfair_helpers.grading.banks.available`),
        or a :class:`~hrfair_helpers.grading.bank.Bank`.
    mode : {"feedback", "strict", "expect-blank"}, optional
        Overrides ``HRFAIR_GRADER``.
    **params
        Passed to the bank's setup, e.g. ``seed=7`` for a candidate-specific variant.

    Examples
    --------
    >>> grader = Grader("orientation", mode="feedback")
    >>> grader.check("q6_largest_disparity", "TPR parity")  # doctest: +ELLIPSIS
    ✘ q6_largest_disparity: not yet correct.
    ...
    >>> print(grader.evaluate("q2_impact_ratio_female", 0.6).text())  # doctest: +ELLIPSIS
    ✘ q2_impact_ratio_female: not yet correct.
    Close — check your rounding: give 2 decimals.
    ...
    """

    def __init__(self, notebook_id, *, mode=None, **params):
        self.bank = notebook_id if isinstance(notebook_id, Bank) else get_bank(notebook_id)
        self.mode = mode
        _mode(mode)  # fail early on a bad mode
        self.params = params
        self._last = {}
        self._best = {}
        self._attempts = {}
        self._computed = {}  # (question id, misconception id or None) -> normalized answer, or None

    @property
    def question_ids(self):
        return list(self.bank.questions)

    def evaluate(self, question_id, answer):
        """Grade ``answer`` and return the :class:`Feedback`, without displaying or raising."""
        question = self.bank.questions.get(question_id) if isinstance(question_id, str) else None
        if question is None:
            return Feedback(
                question_id=str(question_id),
                status=INCORRECT,
                message=f"There is no question {question_id!r} in this notebook.",
                detail=f"questions are {self.question_ids}",
            )
        if answer is ...:
            return Feedback(
                question.id,
                NOT_ANSWERED,
                message="Replace the ... placeholder with your answer and run the cell again.",
            )
        try:
            return self._grade(question, answer)
        except Exception as error:  # noqa: BLE001 - graders never crash on a learner's answer
            return Feedback(
                question.id,
                INCORRECT,
                message=f"This answer could not be checked: {describe(answer)}.",
                detail=f"{type(error).__name__} while comparing",
                hint=question.hints[0] if question.hints else "",
            )

    def _grade(self, question, answer):
        ctx = self.bank.context(**self.params)
        hint = question.hints[0] if question.hints else ""
        if answer is None:
            return Feedback(
                question.id,
                INCORRECT,
                message="The answer is None: did the cell assign the result, or end with a print()?",
                hint=hint,
            )
        compare = question.compare
        try:
            got = compare.normalize(answer)
        except Unfit as unfit:
            return Feedback(question.id, INCORRECT, message=f"Wrong form: {unfit}.", hint=hint)
        expected = self._computed_answer(question, None, ctx)
        got = compare.align(got, expected)
        ok, detail = compare.match(got, expected)
        if ok:
            return Feedback(question.id, CORRECT, message=question.success)
        if compare.rounded(got, expected):
            # Right to the answer's own precision: no misconception can be told from it.
            return Feedback(
                question.id,
                INCORRECT,
                message=f"Close — check your rounding: give {decimals_text(compare.decimals)}.",
                detail=detail,
            )
        for mistake in question.misconceptions:
            if self._shows(question, mistake, got, expected, ctx):
                return Feedback(
                    question.id, INCORRECT, message=mistake.feedback, detail=detail, misconception=mistake.id
                )
        for mistake_id, feedback, wrong in self._slips(question, expected):
            if compare.agrees(got, wrong):
                return Feedback(question.id, INCORRECT, message=feedback, detail=detail, misconception=mistake_id)
        if compare.near(got, expected):
            return Feedback(
                question.id,
                INCORRECT,
                message=f"Close — check your rounding: round to "
                f"{decimals_text(compare.decimals)} only at the end, from unrounded values, and check "
                f"that you used exactly the data the question names.",
                detail=detail,
            )
        return Feedback(
            question.id, INCORRECT, message="The answer differs from the expected one.", detail=detail, hint=hint
        )

    def _computed_answer(self, question, mistake, ctx):
        """The reference answer (``mistake`` None) or a misconception's wrong one, normalized and cached."""
        key = (question.id, mistake and mistake.id)
        if key not in self._computed:
            if mistake is None:
                self._computed[key] = question.compare.normalize(question.expected(ctx))
            else:
                try:
                    self._computed[key] = question.compare.normalize(mistake.answer(ctx))
                except Exception:  # noqa: BLE001 - a misconception that does not apply to this seed
                    self._computed[key] = None
        return self._computed[key]

    def _shows(self, question, mistake, got, expected, ctx):
        compare = question.compare
        wrong = self._computed_answer(question, mistake, ctx)
        if wrong is not None and compare.match(wrong, expected)[0]:
            return False  # on this data the mistake gives the right answer: it cannot be told apart
        if mistake.detect is not None:
            references = (expected,) if wrong is None else (expected, wrong)
            return bool(mistake.detect(compare.align(got, *references), ctx))
        return wrong is not None and compare.agrees(got, wrong)

    @staticmethod
    def _slips(question, expected):
        """(id, feedback, wrong answer) for the brief's figures and the common slips that can be told apart."""
        compare = question.compare
        slips = []
        for figure in question.brief_figures:
            try:
                slips.append(("brief_figure", question.brief_feedback or BRIEF_FEEDBACK, compare.normalize(figure)))
            except Unfit:
                continue
        for mistake in COMMON_MISTAKES:
            if not (getattr(compare, "whole", False) and not mistake.counts):
                slips.append((mistake.id, mistake.feedback, compare.transform(expected, mistake.wrong)))
        # A slip whose value is right on this data (1 - 0.5, a brief the data confirms) says nothing.
        return [s for s in slips if s[2] is not None and not compare.match(s[2], expected)[0]]

    def check(self, question_id, answer):
        """Grade ``answer``, show the feedback, and apply the mode (see the module docstring)."""
        feedback = self.evaluate(question_id, answer)
        qid = feedback.question_id
        self._last[qid] = feedback
        if qid not in self._best or RANK[feedback.status] >= RANK[self._best[qid].status]:
            self._best[qid] = feedback
        self._attempts[qid] = self._attempts.get(qid, 0) + 1
        _show(feedback)
        mode = _mode(self.mode)
        if mode == "strict" and not feedback.correct:
            raise GradingError(f"[{ENV_VAR}=strict] expected a correct answer:\n{feedback.text()}")
        if mode == "expect-blank" and feedback.status != NOT_ANSWERED:
            raise GradingError(
                f"[{ENV_VAR}=expect-blank] the learner copy should leave {feedback.question_id} unanswered, "
                f"but the grader says {feedback.status!r}: regenerate notebooks/ with `hrfair student`"
            )

    def hint(self, question_id):
        """Show every hint of a question, numbered."""
        # A non-string id (a list, a dict) would raise TypeError in the dict lookup: treat it as unknown.
        question = self.bank.questions.get(question_id) if isinstance(question_id, str) else None
        if question is None:
            print(f"There is no question {question_id!r}; questions are {self.question_ids}")
            return
        print("\n".join(f"Hint {i}: {h}" for i, h in enumerate(question.hints, 1)) or "No hints for this one.")

    def summary(self):
        """Progress table: each question's best and last status, attempts and points (from the best).

        An experiment after a correct answer does not lose the point: ``best`` keeps it, ``last``
        shows the experiment.
        """
        rows = []
        for qid, question in self.bank.questions.items():
            best, last = self._best.get(qid), self._last.get(qid)
            rows.append(
                {
                    "question": qid,
                    "asks": question.full_prompt,
                    "best": best.status if best else NOT_CHECKED,
                    "last": last.status if last else NOT_CHECKED,
                    "attempts": self._attempts.get(qid, 0),
                    "points": question.points,
                }
            )
        return Summary(self.bank.title, pd.DataFrame(rows).set_index("question"))
