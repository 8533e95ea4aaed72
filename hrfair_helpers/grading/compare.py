"""How a learner's answer is compared with the expected one.

Each comparison has two steps so that feedback can say *what* is off:

1. ``normalize(answer)`` turns any acceptable form into one canonical value, or raises
   :class:`Unfit` with a message about the answer's form ("expected one number per group, got a
   list of 3 values").
2. ``match(got, expected)`` returns ``(ok, detail)``; ``detail`` names the first differences.

Checked libraries: otter-grader and nbgrader run hidden ``assert`` tests and report the failing
assertion; they have no notion of a canonical form or of misconceptions, which these
comparisons serve, so this small module is written by hand.
"""

import datetime as dt
import math
import numbers
import re

import numpy as np
import pandas as pd


class Unfit(Exception):
    """The answer has the wrong form; the message tells the learner what form is expected."""


def describe(obj):
    """A short, safe description of any object (never raises, even for a broken ``__repr__``)."""
    try:
        if isinstance(obj, (pd.Series, pd.DataFrame, np.ndarray)):
            return f"a {type(obj).__name__} of shape {obj.shape}"
        if isinstance(obj, (list, tuple, dict, set)):
            return f"a {type(obj).__name__} of {len(obj)} items"
        text = repr(obj)
    except Exception:  # noqa: BLE001 - a learner object may break anything
        return f"an object of type {type(obj).__name__}"
    return f"{text[:60]}{'…' if len(text) > 60 else ''} ({type(obj).__name__})"


def _fmt(value):
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def _to_float(value, what):
    if isinstance(value, (bool, np.bool_)):
        raise Unfit(f"{what} should be a number, got {value} (a yes/no value)")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray)) and getattr(value, "size", 0) == 1:
        raise Unfit(
            f"{what} should be a single number, got {describe(value)}; take the value out, e.g. with .item()"
        )
    if not isinstance(value, numbers.Real):
        raise Unfit(f"{what} should be a number, got {describe(value)}")
    value = float(value)
    if math.isnan(value):
        raise Unfit(f"{what} is NaN: look for a division by zero or an empty selection")
    return value


class Number:
    """One number, compared with an absolute and a relative tolerance."""

    def __init__(self, atol=1e-6, rtol=1e-4):
        self.atol, self.rtol = atol, rtol

    def normalize(self, answer):
        return _to_float(answer, "the answer")

    def match(self, got, expected):
        if math.isclose(got, expected, rel_tol=self.rtol, abs_tol=self.atol):
            return True, ""
        return False, f"your value is {_fmt(got)}"


class PerGroup:
    """One number per group: a dict, a Series, or a one-column DataFrame, keyed by group label.

    Labels are compared as text, so ``"Female"`` and a categorical ``Female`` match; a tuple label
    (an intersection) may also be written ``"Female × Black"`` or ``"Female, Black"``.
    """

    def __init__(self, atol=1e-6, rtol=1e-4):
        self.atol, self.rtol = atol, rtol

    @staticmethod
    def key(label):
        if isinstance(label, tuple):
            return " × ".join(str(v) for v in label)
        return str(label).replace(", ", " × ")

    def normalize(self, answer):
        if isinstance(answer, pd.DataFrame):
            if answer.shape[1] != 1:
                raise Unfit(
                    f"expected one number per group, got a DataFrame with columns {list(answer.columns)[:6]}; "
                    f"select the one column asked for, e.g. table['selection_rate']"
                )
            answer = answer.iloc[:, 0]
        if isinstance(answer, pd.Series):
            items = list(answer.items())
        elif isinstance(answer, dict):
            items = list(answer.items())
        else:
            raise Unfit(
                f"expected one number per group (a pandas Series or a dict keyed by group), got {describe(answer)}"
            )
        out = {}
        for label, value in items:
            out[self.key(label)] = _to_float(value, f"the value for {self.key(label)!r}")
        if len(out) != len(items):
            raise Unfit("two groups share a label; give each group once")
        return out

    def match(self, got, expected):
        missing = [k for k in expected if k not in got]
        # An empty group with no value (a categorical's unused level after filtering) is not an answer.
        extra = [k for k in got if k not in expected and not math.isnan(got[k])]
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"missing groups {missing}")
            if extra:
                parts.append(f"unexpected groups {extra}")
            return False, "; ".join(parts) + f" (expected groups: {list(expected)})"
        off = [
            f"{k}: your value {_fmt(got[k])}"
            for k in expected
            if not math.isclose(got[k], expected[k], rel_tol=self.rtol, abs_tol=self.atol)
        ]
        if off:
            return False, "these groups differ from the expected values: " + "; ".join(off[:4])
        return True, ""


class Choice:
    """One option out of a fixed list, compared case-insensitively."""

    def __init__(self, options):
        self.options = list(options)
        self._lookup = {self._norm(o): o for o in self.options}

    @staticmethod
    def _norm(text):
        # "Independent auditor", "independent-auditor" and "independent_auditor" are one option.
        return re.sub(r"[\s_-]+", "_", text.casefold().strip())

    def normalize(self, answer):
        if not isinstance(answer, str):
            raise Unfit(f"answer with one of these strings: {self.options}; got {describe(answer)}")
        option = self._lookup.get(self._norm(answer))
        if option is None:
            raise Unfit(f"{answer!r} is not one of the options: {self.options}")
        return option

    def match(self, got, expected):
        return got == expected, f"you chose {got!r}"


class Word:
    """A free word or short phrase, compared case-insensitively (for answers read off a table)."""

    def normalize(self, answer):
        if not isinstance(answer, str) or not answer.strip():
            raise Unfit(f"answer with a word or phrase as a string, got {describe(answer)}")
        return " ".join(answer.casefold().split())

    def match(self, got, expected):
        return got == expected, f"you answered {got!r}"


class Day:
    """A calendar day: a ``datetime.date``, a datetime or pandas Timestamp (its date), or ``"YYYY-MM-DD"``."""

    def normalize(self, answer):
        if isinstance(answer, dt.datetime):  # pandas.Timestamp is a datetime
            return answer.date()
        if isinstance(answer, dt.date):
            return answer
        if isinstance(answer, str):
            try:
                return dt.date.fromisoformat(answer.strip())
            except ValueError:
                pass
        raise Unfit(f"answer with a date, e.g. '2027-01-31' (a YYYY-MM-DD string) or datetime.date(2027, 1, 31); "
                    f"got {describe(answer)}")

    def match(self, got, expected):
        return got == expected, f"you gave {got.isoformat()}"


class YesNo:
    """``True`` or ``False`` (numpy booleans accepted)."""

    def normalize(self, answer):
        if isinstance(answer, (bool, np.bool_)):
            return bool(answer)
        raise Unfit(f"answer True or False, got {describe(answer)}")

    def match(self, got, expected):
        return got == expected, f"you answered {got}"


class Labels:
    """A set of group labels (order does not matter), e.g. the groups a test flags."""

    def normalize(self, answer):
        if isinstance(answer, (str, bytes)) or not isinstance(answer, (list, tuple, set, frozenset, pd.Index, pd.Series, np.ndarray)):
            raise Unfit(f"answer with a list of names, e.g. ['a', 'b'] (or [] for none), got {describe(answer)}")
        values = list(answer.tolist() if hasattr(answer, "tolist") else answer)
        return frozenset(PerGroup.key(v) for v in values)

    def match(self, got, expected):
        if got == expected:
            return True, ""
        return False, f"you listed {sorted(got)}"
