"""Exact four-fifths arithmetic on tables of counts (the significance tests are in ``_utils.stats``)."""

import numbers
from fractions import Fraction

import numpy as np


def as_fraction(threshold):
    """The cut-off (``min_impact_ratio``) as an exact fraction, so 0.8 means 4/5 and a ratio of exactly 0.8 passes."""
    if isinstance(threshold, (bool, np.bool_)) or not isinstance(threshold, numbers.Real):
        raise ValueError(f"min_impact_ratio must be a number between 0 and 1, got {threshold!r}")
    if not 0 < threshold <= 1:
        raise ValueError(f"min_impact_ratio must be in (0, 1], got {threshold!r}; the four-fifths rule is 0.8")
    if isinstance(threshold, numbers.Rational):
        return Fraction(threshold)
    # Via the shortest decimal text, so 0.8 becomes 4/5 and not its binary approximation
    # (numpy's formatter also gives "0.9" for float32(0.9), where str(float(...)) would not).
    return Fraction(np.format_float_positional(threshold, unique=True))


def impact_ratios(selected, n, ref_selected, ref_n):
    """``(selected/n) / (ref_selected/ref_n)`` as the float nearest the exact ratio.

    One correctly rounded division of whole numbers (Python ints, so no overflow), where dividing
    the two rates rounds twice: (36/100) / (45/100) gives 0.7999999999999999, not 0.8. Stored
    this way, ``impact_ratio < 0.8`` agrees with :func:`below_threshold` on an exact boundary.
    """
    return np.array([int(s) * int(ref_n) / (int(k) * int(ref_selected)) for s, k in zip(selected, n)], dtype=float)


def below_threshold(selected, n, ref_selected, ref_n, threshold):
    """Exact test of ``(selected/n) / (ref_selected/ref_n) < threshold`` in integer arithmetic."""
    t = as_fraction(threshold)
    return [int(s) * int(ref_n) * t.denominator < t.numerator * int(ref_selected) * int(k) for s, k in zip(selected, n)]


def shortfall(selected, n, ref_selected, ref_n, threshold):
    """Additional selections each group needs for its rate to reach ``threshold`` × the reference rate.

    Solves ``(s + k) / n >= t * s_ref / n_ref`` for the smallest whole ``k >= 0``, exactly.
    """
    t = as_fraction(threshold)
    out = []
    for s, k in zip(selected, n):
        numerator = t.numerator * int(ref_selected) * int(k) - t.denominator * int(s) * int(ref_n)
        denominator = t.denominator * int(ref_n)
        out.append(max(0, -(-numerator // denominator)))
    return np.asarray(out, dtype=np.int64)
