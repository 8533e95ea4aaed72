"""How a learner's answer is compared with the expected one.

Each comparison has two steps so that feedback can say *what* is off:

1. ``normalize(answer)`` turns any acceptable form into one canonical value, or raises
   :class:`Unfit` with a message about the answer's form ("expected one number per group, got a
   list of 3 values").
2. ``match(got, expected)`` returns ``(ok, detail)``; ``detail`` names the first differences.

Numbers are judged as a teacher would: ``Number(decimals=3)`` accepts any answer correct to 3
decimals, recognises an answer that is right but given with fewer decimals (:meth:`Number.rounded`)
and one a few units of the last decimal off (:meth:`Number.near`). Labels, options and words are
compared after :func:`fold` (case, spaces, hyphens and underscores; ``3.0`` as ``3``).

Checked libraries: otter-grader and nbgrader run hidden ``assert`` tests and report the failing
assertion; they have no notion of a canonical form or of misconceptions, which these
comparisons serve, so this small module is written by hand.
"""

import math
import numbers
import re

import numpy as np
import pandas as pd

from .._utils.dates import parse_day

#: How many units of the last decimal away an answer is still "close": a rounding slip, not a method.
NEAR_UNITS = 3
# Room for binary floating point: 0.3585 may be stored a hair above or below itself.
_EPS = 1e-9


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


def fold(label):
    """A label's lenient form: case, spaces, hyphens and underscores folded; ``3.0`` read as ``3``.

    Examples
    --------
    >>> fold("High Visibility Projects") == fold("high_visibility-projects")
    True
    >>> fold(3.0) == fold(3), fold("25-39")
    (True, '25_39')
    """
    text = str(label).casefold().strip()
    try:
        number = float(text)
    except ValueError:
        return re.sub(r"[\s_-]+", "_", text).strip("_")
    return str(int(number)) if number.is_integer() else str(number)


def _align(labels, *references):
    """Rename each label to the spelling it folds to in ``references``, when exactly one does.

    Exact spellings win; a label whose fold is shared by two reference labels, or whose target is
    already taken, is kept as given rather than guessed.
    """
    known = list(dict.fromkeys(k for ref in references for k in ref))
    by_fold = {}
    for k in known:
        by_fold.setdefault(fold(k), []).append(k)
    taken = {label for label in labels if label in by_fold.get(fold(label), ())}
    out = {}
    for label in sorted(labels, key=str):  # a set's order varies between runs; feedback must not
        candidates = by_fold.get(fold(label), [])
        if label in taken or len(candidates) != 1 or candidates[0] in taken:
            out[label] = label
        else:
            out[label] = candidates[0]
            taken.add(candidates[0])
    return out


def written_decimals(value):
    """How many decimals a number shows when written in its shortest exact form (0.36 → 2).

    Examples
    --------
    >>> written_decimals(0.36), written_decimals(35.8), written_decimals(705.0), written_decimals(0.358022)
    (2, 1, 0, 6)
    """
    if not math.isfinite(value):
        return None
    text = np.format_float_positional(value, unique=True, trim="-")
    return len(text.partition(".")[2])


def decimals_text(decimals):
    """``"3 decimals"``, ``"1 decimal"`` or ``"a whole number"``."""
    if decimals == 0:
        return "a whole number"
    return f"{decimals} decimal{'s' if decimals != 1 else ''}"


def _fmt(value):
    if isinstance(value, float):
        text = np.format_float_positional(value, unique=True, trim="-") if math.isfinite(value) else str(value)
        return text if len(text) <= 12 else f"{value:.6g}"
    return str(value)


def _to_float(value, what):
    if isinstance(value, (bool, np.bool_)):
        raise Unfit(f"{what} should be a number, got {value} (a yes/no value)")
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, (pd.Series, pd.DataFrame, np.ndarray)) and getattr(value, "size", 0) == 1:
        raise Unfit(f"{what} should be a single number, got {describe(value)}; take the value out, e.g. with .item()")
    if not isinstance(value, numbers.Real):
        raise Unfit(f"{what} should be a number, got {describe(value)}")
    if isinstance(value, np.floating) and value.dtype.itemsize < 8:
        # float32(0.36) is 0.36000001430511475 as a double: keep the digits the learner saw.
        value = float(np.format_float_positional(value, unique=True))
    value = float(value)
    if math.isnan(value):
        raise Unfit(f"{what} is NaN: look for a division by zero or an empty selection")
    return value


class Comparison:
    """What every comparison offers; the defaults suit answers that are simply right or wrong."""

    def instructions(self):
        """What the prompt adds about the answer's form (shown by ``Question.full_prompt``)."""
        return ""

    def normalize(self, answer):
        """The canonical form of ``answer``; raises :class:`Unfit` with what form is expected."""
        raise NotImplementedError

    def match(self, got, expected):
        """``(ok, detail)`` for two normalized answers; ``detail`` says what differs."""
        raise NotImplementedError

    def align(self, got, *references):
        """``got`` with its labels spelled as in ``references`` where they fold alike."""
        return got

    def rounded(self, got, expected):
        """Whether ``got`` is right at its own, coarser precision (only numbers can be)."""
        return False

    def near(self, got, expected):
        """Whether ``got`` is a few units of the last decimal off (only numbers can be)."""
        return False

    def agrees(self, got, target):
        """Whether ``got`` is ``target`` as far as the comparison and the answer's own precision tell."""
        return bool(self.match(got, target)[0]) or self.rounded(got, target)

    def transform(self, value, fn):
        """``fn`` applied to every number of ``value``, or ``None`` when it does not apply."""
        return None


class Number(Comparison):
    """One number, correct to a number of decimals (or, for older callers, within atol/rtol).

    Parameters
    ----------
    decimals : int, optional
        The precision asked for: an answer passes when it is within half a unit of the last
        decimal of the expected value. The prompt states it. ``0`` asks for a whole number (a count).
    atol, rtol : float, optional
        Absolute and relative tolerances instead of ``decimals`` (default ``1e-6`` and ``1e-4``).

    Examples
    --------
    >>> ratio = Number(decimals=2)
    >>> ratio.instructions()
    '(give 2 decimals, e.g. 0.12)'
    >>> ratio.match(0.70, 0.7048)[0], ratio.match(0.71, 0.7048)[0]
    (True, False)
    >>> Number(decimals=3).rounded(0.36, 0.3580)  # right, but to 2 decimals only
    True
    """

    def __init__(self, decimals=None, *, atol=None, rtol=None):
        if decimals is not None and (atol is not None or rtol is not None):
            raise ValueError("give either decimals or atol/rtol, not both")
        if decimals is not None and (isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0):
            raise ValueError(f"decimals must be a non-negative integer, got {decimals!r}")
        self.decimals = decimals
        if decimals is None:
            self.atol = 1e-6 if atol is None else atol
            self.rtol = 1e-4 if rtol is None else rtol
        else:
            self.atol, self.rtol = 0.5 * 10.0**-decimals, 0.0

    @property
    def whole(self):
        """Whether the answer is a count: percentages, ratios and complements make no sense of it."""
        return self.decimals == 0

    def instructions(self):
        if self.decimals is None:
            return ""
        if self.decimals == 0:
            return "(give a whole number)"
        return f"(give {decimals_text(self.decimals)}, e.g. 0.{'123456789'[: self.decimals]})"

    def _close(self, got, expected):
        return abs(got - expected) <= max(self.atol, self.rtol * abs(expected)) + _EPS * max(1.0, abs(expected))

    def _rounded(self, got, expected):
        own = written_decimals(got)
        if self.decimals is None or own is None or own >= self.decimals:
            return False
        half = 0.5 * 10.0**-own
        # 0 for 0.358 "agrees to 0 decimals", but says nothing: the reference must show a digit.
        eps = _EPS * max(1.0, abs(expected))
        return abs(expected) >= half - eps and abs(got - expected) <= half + eps

    def _near(self, got, expected):
        if self.decimals is None:
            return False
        return abs(got - expected) <= NEAR_UNITS * 10.0**-self.decimals + _EPS * max(1.0, abs(expected))

    def normalize(self, answer):
        return _to_float(answer, "the answer")

    def match(self, got, expected):
        if self._close(got, expected):
            return True, ""
        return False, f"your value is {_fmt(got)}"

    def rounded(self, got, expected):
        return not self._close(got, expected) and self._rounded(got, expected)

    def near(self, got, expected):
        return self._near(got, expected)

    def transform(self, value, fn):
        try:
            out = float(fn(value))
        except (ArithmeticError, ValueError):
            return None
        return out if math.isfinite(out) else None


class _Keyed(Comparison):
    """Answers keyed by label (groups, items): labels aligned to the reference's spelling."""

    noun = "groups"

    def align(self, got, *references):
        names = _align(got, *references)
        return {names[k]: v for k, v in got.items()}

    def _coverage(self, aligned, expected, answered=lambda value: True):
        """``None`` when ``aligned`` has exactly the expected labels, else what is missing or extra."""
        missing = [k for k in expected if k not in aligned]
        extra = [k for k in aligned if k not in expected and answered(aligned[k])]
        if not (missing or extra):
            return None
        parts = [f"missing {self.noun} {missing}"] if missing else []
        parts += [f"unexpected {self.noun} {extra}"] if extra else []
        return "; ".join(parts) + f" (expected {self.noun}: {list(expected)})"


class PerGroup(_Keyed, Number):
    """One number per group: a dict, a Series, or a one-column DataFrame, keyed by group label.

    Labels are compared as text and folded (:func:`fold`), so ``"female"`` finds ``"Female"``, a
    categorical ``Female`` matches, and ``3.0`` finds band ``3``; a tuple label (an intersection)
    may also be written ``"Female × Black"`` or ``"Female, Black"``. Each value is judged as by
    :class:`Number`, with the same ``decimals`` (or ``atol``/``rtol``).

    Examples
    --------
    >>> rates = PerGroup(decimals=3)
    >>> expected = rates.normalize({"Female": 0.1094, "Male": 0.3057})
    >>> rates.match(rates.normalize({"female": 0.11, "MALE": 0.306}), expected)
    (False, 'these groups differ from the expected values: Female: your value 0.11')
    >>> rates.rounded(rates.normalize({"female": 0.11, "MALE": 0.31}), expected)
    True
    """

    @staticmethod
    def key(label):
        if isinstance(label, tuple):
            return " × ".join(str(v) for v in label)
        return str(label).replace(", ", " × ")

    def instructions(self):
        if self.decimals is None:
            return ""
        if self.decimals == 0:
            return "(a whole number for each group)"
        return f"(give {decimals_text(self.decimals)} for each group, e.g. 0.{'123456789'[: self.decimals]})"

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

    def _paired(self, got, expected):
        """Values of ``got`` and ``expected`` by group when they cover the same groups, else ``None``."""
        got = self.align(got, expected)
        # An empty group with no value (a categorical's unused level after filtering) is not an answer.
        got = {k: v for k, v in got.items() if k in expected or not math.isnan(v)}
        if set(got) != set(expected):
            return None
        return [(got[k], expected[k]) for k in expected]

    def match(self, got, expected):
        aligned = self.align(got, expected)
        # An empty group with no value (a categorical's unused level after filtering) is not an answer.
        problem = self._coverage(aligned, expected, answered=lambda value: not math.isnan(value))
        if problem:
            return False, problem
        off = [f"{k}: your value {_fmt(aligned[k])}" for k in expected if not self._close(aligned[k], expected[k])]
        if off:
            return False, "these groups differ from the expected values: " + "; ".join(off[:4])
        return True, ""

    def rounded(self, got, expected):
        pairs = self._paired(got, expected)
        if pairs is None or all(self._close(g, e) for g, e in pairs):
            return False
        return all(self._close(g, e) or self._rounded(g, e) for g, e in pairs)

    def near(self, got, expected):
        pairs = self._paired(got, expected)
        return pairs is not None and all(self._near(g, e) for g, e in pairs)

    def transform(self, value, fn):
        out = {k: Number.transform(self, v, fn) for k, v in value.items()}
        return None if any(v is None for v in out.values()) else out


class Choice(Comparison):
    """One option out of a fixed list; case, spaces, hyphens and underscores do not matter.

    Parameters
    ----------
    options : sequence of str
    aliases : dict, optional
        Other phrasings accepted for an option, e.g. ``{"equal_opportunity": ("TPR parity",)}``;
        keys are options (compared folded).

    Examples
    --------
    >>> metric = Choice(["demographic_parity", "equal_opportunity"], aliases={"equal_opportunity": ["TPR parity"]})
    >>> metric.normalize("Equal Opportunity"), metric.normalize("tpr-parity")
    ('equal_opportunity', 'equal_opportunity')
    >>> metric.instructions()
    "Answer with one of 'demographic_parity', 'equal_opportunity'."
    """

    def __init__(self, options, aliases=None):
        self.options = list(options)
        self._lookup = {}
        by_fold = {fold(o): o for o in self.options}
        if len(by_fold) != len(self.options):
            raise ValueError(f"two options fold to the same text: {self.options}")
        for key, phrases in (aliases or {}).items():
            if fold(key) not in by_fold:
                raise ValueError(f"alias key {key!r} is not one of the options {self.options}")
            for phrase in phrases:
                self._add(phrase, by_fold[fold(key)])
        for option in self.options:
            self._add(option, option)

    def _add(self, phrase, option):
        if self._lookup.get(fold(phrase), option) != option:
            raise ValueError(f"{phrase!r} would stand for two options: {self._lookup[fold(phrase)]!r} and {option!r}")
        self._lookup[fold(phrase)] = option

    def instructions(self):
        return "Answer with one of " + ", ".join(repr(o) for o in self.options) + "."

    def normalize(self, answer):
        if not isinstance(answer, str):
            raise Unfit(f"answer with one of these strings: {self.options}; got {describe(answer)}")
        option = self._lookup.get(fold(answer))
        if option is None:
            raise Unfit(f"{answer!r} is not one of the options: {self.options}")
        return option

    def match(self, got, expected):
        return got == expected, f"you chose {got!r}"


class ChoicePerItem(_Keyed):
    """One option per item (a dict or Series keyed by item), e.g. a tier for each tool of an inventory.

    Items are folded like :class:`PerGroup` keys and each value like a :class:`Choice`, so
    ``{"Hiring Chatbot": "High Risk"}`` finds ``{"hiring-chatbot": "high-risk"}``.

    Examples
    --------
    >>> tiers = ChoicePerItem(["prohibited", "high-risk"])
    >>> expected = tiers.normalize({"cv-ranker": "high-risk", "mood-cam": "prohibited"})
    >>> tiers.match(tiers.normalize({"CV Ranker": "High Risk", "mood cam": "high risk"}), expected)
    (False, "these items differ: mood-cam: you said 'high-risk'")
    """

    noun = "items"

    def __init__(self, options, aliases=None):
        self.choice = Choice(options, aliases)

    def instructions(self):
        return "Answer with a dict: for each item, one of " + ", ".join(repr(o) for o in self.choice.options) + "."

    def normalize(self, answer):
        if isinstance(answer, pd.Series):
            answer = answer.to_dict()
        if not isinstance(answer, dict):
            raise Unfit(
                f"expected a dict with one option per item, e.g. {{'tool-a': {self.choice.options[0]!r}}}; "
                f"got {describe(answer)}"
            )
        out = {}
        for item, value in answer.items():
            try:
                out[PerGroup.key(item)] = self.choice.normalize(value)
            except Unfit as unfit:
                raise Unfit(f"for {item!r}: {unfit}") from None
        if len(out) != len(answer):
            raise Unfit("two items share a name; give each item once")
        return out

    def match(self, got, expected):
        aligned = self.align(got, expected)
        problem = self._coverage(aligned, expected)
        if problem:
            return False, problem
        off = [f"{k}: you said {aligned[k]!r}" for k in expected if aligned[k] != expected[k]]
        if off:
            return False, "these items differ: " + "; ".join(off)
        return True, ""


class Word(Comparison):
    """A free word or short phrase, compared folded (for answers read off a table).

    Examples
    --------
    >>> Word().normalize("High Visibility Projects") == Word().normalize("high_visibility_projects")
    True
    """

    def normalize(self, answer):
        if not isinstance(answer, str) or not answer.strip():
            raise Unfit(f"answer with a word or phrase as a string, got {describe(answer)}")
        return fold(answer)

    def match(self, got, expected):
        return got == expected, f"you answered {got!r}"


class Day(Comparison):
    """A calendar day: a ``datetime.date``, a datetime or pandas Timestamp (its date), or ``"YYYY-MM-DD"``."""

    def normalize(self, answer):
        day = parse_day(answer)
        if day is not None:
            return day
        raise Unfit(
            f"answer with a date, e.g. '2027-01-31' (a YYYY-MM-DD string) or datetime.date(2027, 1, 31); "
            f"got {describe(answer)}"
        )

    def match(self, got, expected):
        return got == expected, f"you gave {got.isoformat()}"


class YesNo(Comparison):
    """``True`` or ``False`` (numpy booleans accepted)."""

    def normalize(self, answer):
        if isinstance(answer, (bool, np.bool_)):
            return bool(answer)
        raise Unfit(f"answer True or False, got {describe(answer)}")

    def match(self, got, expected):
        return got == expected, f"you answered {got}"


class Labels(Comparison):
    """A set of group labels (order does not matter), e.g. the groups a test flags.

    Labels are folded like :class:`PerGroup` keys: ``["hiring chatbot"]`` finds ``"hiring-chatbot"``.
    """

    def normalize(self, answer):
        if (
            isinstance(answer, (str, bytes))
            or getattr(answer, "ndim", 1) == 0
            or not isinstance(answer, (list, tuple, set, frozenset, pd.Index, pd.Series, np.ndarray))
        ):
            raise Unfit(f"answer with a list of names, e.g. ['a', 'b'] (or [] for none), got {describe(answer)}")
        values = list(answer.tolist() if hasattr(answer, "tolist") else answer)
        return frozenset(PerGroup.key(v) for v in values)

    def align(self, got, *references):
        names = _align(got, *references)
        return frozenset(names[label] for label in got)

    def match(self, got, expected):
        if self.align(got, expected) == expected:
            return True, ""
        return False, f"you listed {sorted(got)}"
