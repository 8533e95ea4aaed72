"""Argument checks shared by every package, each with a message that says what is wrong and how to fix it.

Auditors often pass data straight from an HR export, and a silent misalignment would produce a
wrong audit rather than an error; every check raises ``ValueError``:

- seeds and random states: :func:`check_seed`, :func:`check_random_state`;
- numbers: :func:`check_fraction` (a share or cut-off in [0, 1]), :func:`check_whole_number`,
  :func:`check_min_group_size`;
- columns: :func:`check_lengths` (one value per person, aligned pandas indexes), :func:`binary`
  (0/1 outcomes), :func:`check_probabilities` (scores in [0, 1]), :func:`numeric_scores`.

Group columns are checked and encoded in :mod:`.grouping`.
"""

import numbers

import numpy as np
import pandas as pd

_SHOW = 5  # how many offending values an error message lists
PROBABILITY_HINT = "pass the probability of the positive class, e.g. model.predict_proba(X)[:, 1]"


def check_seed(seed, *, why=""):
    """Return ``seed`` as an int, or raise unless it is a whole number >= 0 (bools refused).

    ``why`` is added after "a non-negative integer" in the message, e.g. why None is refused.

    Examples
    --------
    >>> check_seed(3)
    3
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a non-negative integer, got -1
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer{why}, got {seed!r}")
    return int(seed)


def check_random_state(random_state):
    """Refuse anything but None, a non-negative int or a numpy Generator (numpy's own error is a TypeError)."""
    if random_state is None or isinstance(random_state, np.random.Generator):
        return
    is_int = isinstance(random_state, (int, np.integer)) and not isinstance(random_state, (bool, np.bool_))
    if is_int and random_state >= 0:
        return
    raise ValueError(
        f"random_state must be None, a whole number >= 0 or a numpy Generator "
        f"(np.random.default_rng(seed)), got {random_state!r}"
    )


def check_fraction(value, name, *, strict=False, allow_none=False, why=""):
    """Return ``value`` as a float in [0, 1] ((0, 1) when ``strict``), or raise naming ``name``.

    Bools, strings and NaN are refused. ``why`` (e.g. ``" (scores are probabilities)"``) is added
    to the message about a number outside the range; without it both messages are the same.

    Examples
    --------
    >>> check_fraction(0.8, "threshold")
    0.8
    >>> check_fraction(None, "max_difference", allow_none=True) is None
    True
    >>> check_fraction(1, "threshold", strict=True, why=" (scores are probabilities)")
    Traceback (most recent call last):
    ...
    ValueError: threshold must be strictly between 0 and 1 (scores are probabilities), got 1.0
    """
    if value is None and allow_none:
        return None
    span = "strictly between 0 and 1" if strict else "between 0 and 1"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a number {span}, got {value!r}")
    number = float(value)
    if not (0 < number < 1 if strict else 0 <= number <= 1):
        if why:
            raise ValueError(f"{name} must be {span}{why}, got {number!r}")
        raise ValueError(f"{name} must be a number {span}, got {value!r}")
    return number


def check_probabilities(values, name):
    """``values`` as a 1-D float array in [0, 1], or a ValueError naming ``name`` that says how to get one."""
    hint = PROBABILITY_HINT
    if isinstance(values, (pd.Series, pd.Index)) and isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    if isinstance(values, pd.DataFrame) or (isinstance(values, np.ndarray) and values.ndim == 2):
        raise ValueError(f"{name} must be 1-D (one probability per row), got shape {np.shape(values)}; {hint}")
    try:
        if isinstance(values, (pd.Series, pd.Index)):
            array = values.to_numpy(dtype=float, na_value=np.nan)
        else:
            array = np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric scores, numbers between 0 and 1; {hint}") from None
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one probability per row), got shape {array.shape}; {hint}")
    missing = np.isnan(array)
    if missing.any():
        raise ValueError(
            f"{name} has {int(missing.sum())} missing (NaN) values; every person needs a predicted "
            f"probability: drop those rows or fix the model output ({hint})"
        )
    outside = (array < 0) | (array > 1)
    if outside.any():
        raise ValueError(
            f"{name} must lie in [0, 1]; {int(outside.sum())} values are outside "
            f"(min {array.min():.3g}, max {array.max():.3g}); {hint}, not decision_function(X) "
            f"or a raw score"
        )
    return array


def check_whole_number(value, name, minimum, *, hint=""):
    """Return ``value`` as an int, or raise unless it is a whole number >= ``minimum``.

    Bools, strings, None and floats such as 30.0 are refused rather than silently compared.
    ``hint`` follows the bound in the message, e.g. ``" (0 for no bootstrap)"``.

    Examples
    --------
    >>> check_whole_number(5, "bins", 2)
    5
    >>> check_whole_number(1, "bins", 2, hint=" (e.g. 5 quantile bins)")
    Traceback (most recent call last):
    ...
    ValueError: bins must be a whole number >= 2 (e.g. 5 quantile bins), got 1
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name} must be a whole number >= {minimum}{hint}, got {value!r}")
    return int(value)


def check_min_group_size(min_group_size):
    """Return ``min_group_size`` as an int, or raise unless it is a whole number >= 1.

    Every public audit function calls this first, so a bad value fails the same way everywhere.
    """
    return check_whole_number(min_group_size, "min_group_size", 1)


def row_count(obj):
    """``len(obj)``, or None for a scalar (something without a length)."""
    try:
        return len(obj)
    except TypeError:
        return None


def check_lengths(named):
    """Raise unless every named input has the same number of rows (and at least one)."""
    lengths = {name: row_count(v) for name, v in named.items()}
    for name, n in lengths.items():
        if n is None:
            raise ValueError(f"{name} must be array-like with one value per row, got a scalar")
    distinct = set(lengths.values())
    if len(distinct) > 1:
        detail = ", ".join(f"{k} has {v}" for k, v in lengths.items())
        raise ValueError(f"inputs have different lengths ({detail}); pass one value per person in each")
    n = distinct.pop()
    if n == 0:
        raise ValueError("no rows to audit: the inputs are empty")
    # Two pandas objects with different indexes usually mean a shuffled or filtered copy.
    indexes = [(k, v.index) for k, v in named.items() if isinstance(v, (pd.Series, pd.DataFrame))]
    for (k1, i1), (k2, i2) in zip(indexes, indexes[1:]):
        if not i1.equals(i2):
            raise ValueError(
                f"{k1} and {k2} have different pandas indexes, so rows may not belong to the same "
                f"people; align them first (e.g. .reset_index(drop=True) on both, or .loc[...])"
            )
    return n


def binary(values, name):
    """Return ``values`` as an int8 array of 0/1, or raise a ValueError that says how to fix it."""
    if isinstance(values, (pd.Series, pd.Index)) and isinstance(values.dtype, pd.CategoricalDtype):
        values = values.astype(object)
    if isinstance(values, (pd.Series, pd.Index)) and values.isna().any():
        raise ValueError(
            f"{name} has {int(values.isna().sum())} missing values; an outcome must be 0/1 for every "
            f"row: drop those rows or decide what the missing outcome means"
        )
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D (one outcome per row), got shape {array.shape}")
    if array.dtype == bool:
        return array.astype(np.int8)
    if array.dtype.kind in "iuf":
        if array.dtype.kind == "f" and np.isnan(array).any():
            raise ValueError(
                f"{name} has {int(np.isnan(array).sum())} NaN values; an outcome must be 0/1 for "
                f"every row: drop those rows or decide what the missing outcome means"
            )
        bad = ~((array == 0) | (array == 1))
        if not bad.any():
            return array.astype(np.int8)
        found = np.unique(array[bad])[:_SHOW].tolist()
        hint = (
            "if these are scores or probabilities, apply the decision threshold first, e.g. selected = score >= cutoff"
        )
    else:
        values = pd.Series(array, dtype=object)
        # 0/1 stored as object or category (True == 1 and False == 0 in Python); strings never pass.
        numeric = values.map(lambda v: isinstance(v, (bool, np.bool_, int, np.integer, float, np.floating)))
        if numeric.all() and values.isin([0, 1]).all():
            return values.astype(int).to_numpy().astype(np.int8)
        container = first_unhashable(values[~numeric])
        if container is not None:
            raise ValueError(
                f"{name} holds {type(container).__name__} values such as {container!r}; "
                f"an outcome is one 0/1 value per row"
            )
        found = sorted(pd.unique(values[~(numeric & values.isin([0, 1]))]), key=lambda v: (type(v).__name__, v))[:_SHOW]
        hint = "map the labels to 0/1 first, e.g. selected = (decision == 'advanced')"
    raise ValueError(f"{name} must be binary (0/1 or True/False); found other values {found}; {hint}")


def numeric_scores(column):
    """Scores as a float array, or a ValueError naming the missing or non-numeric values."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype(object)
    if pd.api.types.is_bool_dtype(column.dtype):
        raise ValueError("score must be numeric, got True/False values; for a yes/no outcome use selected=")
    if pd.api.types.is_numeric_dtype(column.dtype):
        values = column.to_numpy(dtype=float)
    else:
        is_number = column.map(lambda v: isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_))).to_numpy(
            dtype=bool
        )
        if not is_number.all():
            bad = list(pd.unique(column[~is_number]))[:5]
            raise ValueError(
                f"score must be numeric; found {int((~is_number).sum())} other values such as {bad}: "
                f"convert the column with pd.to_numeric first"
            )
        values = column.to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        raise ValueError(
            f"score has {int(bad.sum())} missing or infinite values; the median of the full sample "
            f"needs a score for every individual: drop those rows or score them"
        )
    return values


def first_unhashable(values):
    """The first value that cannot be a label (a list, dict, set, ...), or None."""
    for value in values:
        try:
            hash(value)
        except TypeError:
            return value
    return None
