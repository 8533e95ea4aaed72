"""Argument checks shared by the seeded generators."""

import numbers

import numpy as np

from .._utils.validation import check_seed


def check_size_and_seed(n, seed):
    """Raise ValueError unless ``n`` is a positive integer and ``seed`` a non-negative integer."""
    if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral) or n < 1:
        raise ValueError(f"n must be a positive integer; got {type(n).__name__} {n!r}")
    check_seed(seed, why=" (None is not allowed: the data set must be reproducible)")
