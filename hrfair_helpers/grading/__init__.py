"""Graders for the casebook notebooks.

In a notebook::

    from hrfair_helpers.grading import Grader
    grader = Grader("orientation")
    grader.check("q1_label_rate_by_sex", rates)   # shows feedback
    grader.summary()                              # progress table

See :mod:`hrfair_helpers.grading.grader` for the modes, :mod:`.bank` for how questions and
misconceptions are defined, and :mod:`.compare` for the comparisons.

Grading a class (``hrfair grade``): :func:`grade_submissions` runs every submitted notebook in its
own kernel and grades the answers it recorded (:mod:`.batch`); :func:`write_reports` writes the
gradebook, the feedback and the class summary (:mod:`.gradebook`).
"""

from .bank import Bank, Misconception, Question
from .batch import STATUSES, Result, grade_submissions
from .feedback import Feedback, Summary
from .gradebook import write_reports
from .grader import MODES, Grader, GradingError

__all__ = [
    "Bank",
    "Feedback",
    "Grader",
    "GradingError",
    "MODES",
    "Misconception",
    "Question",
    "Result",
    "STATUSES",
    "Summary",
    "grade_submissions",
    "write_reports",
]
