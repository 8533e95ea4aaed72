"""The interview kit: a question bank with STAR rubrics, a coverage self-check for learners,
scorecards for interviewers, and seeded exercise variants.

- :func:`question_bank`, :func:`get_question`, :func:`competencies`: the questions as data
  (``data/questions.json``), each with its competency, prompt, time box, what a strong answer
  contains, a rubric (dimensions × four anchored levels), red flags, follow-ups and a model answer.
- :func:`coverage`: which elements of a strong answer a text appears to cover. A **study aid**,
  never a hiring tool: screening candidates with it would make it an unvalidated selection
  procedure, and possibly an automated employment decision tool under NYC Local Law 144.
- :class:`Scorecard`: what interviewers fill in, as a form or in code; CSV, JSON and Markdown.
- :func:`make_variant` (``hrfair variant``): a candidate-specific notebook from a seed, with the
  interviewer's answer key.
"""

from .questions import InterviewQuestion, competencies, coverage, get_question, question_bank, question_ids
from .scorecard import RECOMMENDATIONS, Scorecard

__all__ = [
    "InterviewQuestion",
    "RECOMMENDATIONS",
    "Scorecard",
    "competencies",
    "coverage",
    "get_question",
    "make_variant",
    "question_bank",
    "question_ids",
]


def __getattr__(name):
    # The variant builder reads notebooks and question banks: loaded only when asked for.
    if name == "make_variant":
        from .variant import make_variant

        return make_variant
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
