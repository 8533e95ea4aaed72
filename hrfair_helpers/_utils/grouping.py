"""Group columns: resolving column names against data, framing the groups, encoding them once.

Every audit (and the threshold explorer) maps each row to its observed, possibly
intersectional, group here, in one vectorised pass, with the same checks and messages: columns
that are not in the data, group columns of different lengths or indexes, missing or unknown
labels, lists where labels should be.
"""

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .render import format_label
from .validation import check_lengths, first_unhashable, row_count


@dataclass(frozen=True)
class EncodedGroups:
    """Rows mapped to observed groups.

    Attributes
    ----------
    codes : ndarray of int64
        Group code per row kept for the calculation (rows with an unknown group removed).
    labels : pandas.Index or pandas.MultiIndex
        Label of each code, in sorted (categorical) order; named after the group columns.
    known : ndarray of bool
        Mask over the input rows: True where every group column has a value.
    unknown_count : int
        People whose group is unknown (missing or an unknown label); reported, never used in the rates.
    empty_levels : tuple of str
        Categorical levels that were declared but have no rows (reported in notes).
    """

    codes: np.ndarray
    labels: pd.Index
    known: np.ndarray
    unknown_count: int
    empty_levels: tuple


def resolve(value, data, what):
    """Return ``data[value]`` when ``value`` names columns of ``data``, else ``value``."""
    if data is None:
        if isinstance(value, str):
            raise ValueError(
                f"{what}={value!r} looks like a column name but no data was given; "
                f"pass data=your_dataframe or pass the values themselves"
            )
        return value
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    names = [value] if isinstance(value, str) else value
    if isinstance(names, (list, tuple)) and names and all(isinstance(n, str) for n in names):
        missing = [n for n in names if n not in data.columns]
        if missing:
            raise ValueError(f"{what}: column(s) {missing} not in data; available columns: {list(data.columns)}")
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"{what} names column(s) {repeated} more than once; list each column once")
        # data["x"] is a DataFrame when data has two columns called "x": say so rather than fail later.
        twins = sorted({n for n in names if (data.columns == n).sum() > 1})
        if twins:
            raise ValueError(
                f"data has several columns named {twins}; rename or drop the copies first "
                f"(e.g. data.loc[:, ~data.columns.duplicated()])"
            )
        return data[value] if isinstance(value, str) else data[list(names)]
    return value


def group_frame(groups):
    """Turn a Series, array, DataFrame, dict or list of columns into a DataFrame of group columns.

    A list of plain lists is refused: ``[sex, race]`` could be two columns or two rows, and
    numpy would read it as rows. Columns come as a DataFrame, a dict ``{name: values}`` or a
    list of Series or arrays; rows as tuples (one label per row, as intersections are labelled)
    or a 2-D array.
    """
    if isinstance(groups, pd.DataFrame):
        frame = groups
    elif isinstance(groups, pd.Series):
        frame = groups.to_frame(name=groups.name if groups.name is not None else "group")
    elif isinstance(groups, pd.Index):
        frame = pd.Series(groups).to_frame(name=groups.name if groups.name is not None else "group")
    elif isinstance(groups, dict):
        frame = _columns_frame(list(groups.items()))
    elif isinstance(groups, (list, tuple)) and groups and all(isinstance(g, (pd.Series, np.ndarray)) for g in groups):
        # A list of Series/arrays is a list of group columns (intersectional groups).
        named = [
            (g.name if isinstance(g, pd.Series) and g.name is not None else f"group_{i}", g)
            for i, g in enumerate(groups)
        ]
        frame = _columns_frame(named)
    elif isinstance(groups, (list, tuple)) and any(isinstance(g, list) for g in groups):
        raise ValueError(
            "groups is a list of lists, which could be group columns or rows; pass group columns as a "
            "DataFrame, a dict such as {'sex': sex, 'race': race}, or a list of Series or numpy arrays; "
            "pass one label per row as a flat list (or tuples, one per row, for intersections)"
        )
    else:
        array = np.asarray(groups, dtype=object) if not isinstance(groups, np.ndarray) else groups
        if array.ndim == 0:
            raise ValueError(
                f"groups must hold one group label per row (a Series, array or DataFrame), "
                f"got a single {type(groups).__name__}"
            )
        if array.ndim == 1:
            frame = pd.DataFrame({"group": array})
        elif array.ndim == 2:
            frame = pd.DataFrame(array, columns=[f"group_{i}" for i in range(array.shape[1])])
        else:
            raise ValueError(f"groups must be 1-D or 2-D, got an array with {array.ndim} dimensions")
    if frame.shape[1] == 0:
        raise ValueError("groups has no columns; pass at least one group column")
    if frame.columns.duplicated().any():
        twins = sorted(map(str, set(frame.columns[frame.columns.duplicated()])))
        raise ValueError(
            f"groups has several columns named {twins}; group columns need distinct names: rename "
            f"one, or drop the copies (e.g. groups.loc[:, ~groups.columns.duplicated()])"
        )
    return frame


def _columns_frame(named):
    """A DataFrame from (name, column) pairs of equal length; a repeated name gets its position appended."""
    lengths = {row_count(g) for _, g in named}
    if None in lengths:
        raise ValueError("each group column must hold one value per row, got a scalar")
    lengths = sorted(lengths)
    if len(lengths) > 1:
        raise ValueError(f"group columns have different lengths {lengths}; pass one value per row in each")
    columns = {}
    for i, (name, g) in enumerate(named):
        name = name if name not in columns else f"{name}_{i}"
        columns[name] = g.reset_index(drop=True) if isinstance(g, pd.Series) else pd.Series(g)
    return pd.DataFrame(columns)


def rows_of(groups, frame):
    """What to length- and index-check for ``groups``: the pandas object(s), else its row count."""
    if isinstance(groups, (pd.Series, pd.DataFrame)):
        return groups
    if isinstance(groups, (list, tuple, dict)):
        series = [g for g in (groups.values() if isinstance(groups, dict) else groups) if isinstance(g, pd.Series)]
        for other in series[1:]:
            if not other.index.equals(series[0].index):
                raise ValueError(
                    "the group columns have different pandas indexes, so rows may not belong to the "
                    "same people; align them first (e.g. .reset_index(drop=True) on each)"
                )
        if series:
            return series[0]
    return range(len(frame))


def resolve_all(data, groups, **columns):
    """Resolve every argument against ``data``, check they have one value per row, and frame the groups.

    Returns
    -------
    (dict, object, DataFrame)
        The resolved columns by name, the resolved ``groups`` and its DataFrame of group columns.
    """
    resolved = {name: resolve(value, data, name) for name, value in columns.items()}
    groups = resolve(groups, data, "groups")
    frame = group_frame(groups)
    check_lengths({**resolved, "groups": rows_of(groups, frame)})
    return resolved, groups, frame


def unknown_labels(unknown):
    """The labels that mean "unknown group", as a tuple: none for ``None``, one for a string.

    Raises
    ------
    ValueError
        If ``unknown`` is neither None, a string nor an iterable of labels.
    """
    if unknown is None:
        return ()
    if isinstance(unknown, str):
        return (unknown,)
    try:
        return tuple(unknown)
    except TypeError:
        raise ValueError(f"unknown must be a label or a list of labels, got {unknown!r}") from None


def factorize(series, column, sort=True):
    """``pandas.factorize``, with a ValueError naming the column when it holds lists or other containers."""
    try:
        return pd.factorize(series, sort=sort)
    except TypeError:
        container = first_unhashable(series)
        if container is None:
            raise
        raise ValueError(
            f"group column {column!r} holds {type(container).__name__} values such as {container!r}, not "
            f"one label per row; put each attribute in its own column (e.g. "
            f"pd.DataFrame(column.tolist(), columns=['sex', 'race'])) or join them into one label"
        ) from None


def encode_groups(frame, unknown=None, weights=None):
    """Map each row to its (intersectional) group with one vectorised pass.

    Parameters
    ----------
    frame : DataFrame
        One column per group attribute.
    unknown : None, str or iterable of str
        ``None`` makes a missing group an error. Otherwise the labels meaning "unknown" (e.g.
        ``"Unknown"``; none for ``()``): rows whose group is missing or one of these labels, in
        any column, are counted separately and left out of the rates (as in ``ll144_bias_audit``).
    weights : array of int, optional
        People per row, when the rows are the cells of a table of counts (the engines' counts);
        the unknown count and the messages then count people, not rows.
    """
    labels = unknown_labels(unknown)
    weights = np.ones(len(frame), dtype=np.int64) if weights is None else np.asarray(weights, dtype=np.int64)
    codes_per_column, uniques_per_column, empty = [], [], []
    known = np.ones(len(frame), dtype=bool)
    for column in frame.columns:
        series = frame[column]
        categorical = isinstance(series.dtype, pd.CategoricalDtype)
        if categorical:
            # Declared categories keep their order; unused ones are reported, not given rows.
            codes = series.cat.codes.to_numpy().astype(np.int64)
            uniques = series.cat.categories
        else:
            codes, uniques = factorize(series, column)
            codes = codes.astype(np.int64)
        # An unknown label is never a group (nor a candidate reference): code it as missing.
        is_label = np.asarray(uniques.isin(labels), dtype=bool) if labels else np.zeros(len(uniques), dtype=bool)
        if is_label.any():
            codes = np.where(is_label[np.maximum(codes, 0)] & (codes >= 0), -1, codes)
        if categorical:
            used = np.bincount(codes[codes >= 0], minlength=len(uniques)) > 0
            empty.extend(f"{column}={uniques[i]}" for i in np.flatnonzero(~used & ~is_label))
        missing = codes < 0
        if missing.any():
            if unknown is None:
                raise ValueError(
                    f"group column {column!r} has {int(weights[missing].sum())} missing values; fill "
                    f"them, drop those rows, or pass unknown='Unknown' to count them separately "
                    f"(they are then reported but left out of the rates)"
                )
            known &= ~missing
        codes_per_column.append(codes)
        uniques_per_column.append(uniques)
    if not known.any():
        raise ValueError("every row has an unknown group; there is nothing to compare")

    level_codes, inverse = combine_codes([c[known] for c in codes_per_column], [len(u) for u in uniques_per_column])
    names = [str(c) for c in frame.columns]
    if len(names) == 1:
        labels = pd.Index(np.asarray(uniques_per_column[0])[level_codes[0]], name=names[0])
    else:
        labels = pd.MultiIndex.from_arrays(
            [np.asarray(u)[c] for u, c in zip(uniques_per_column, level_codes)], names=names
        )
    return EncodedGroups(
        codes=inverse.astype(np.int64).ravel(),
        labels=labels,
        known=known,
        unknown_count=int(weights[~known].sum()),
        empty_levels=tuple(empty),
    )


def combine_codes(codes, sizes):
    """The observed combinations of per-column codes, in sorted (mixed-radix) order.

    Parameters
    ----------
    codes : list of int64 arrays
        One array per column, each code in ``range(size)``; all the same length.
    sizes : list of int
        The number of possible codes of each column.

    Returns
    -------
    level_codes : list of arrays
        For each column, its code in each observed combination.
    inverse : int64 array
        For each row, the position of its combination among the observed ones.
    """
    rows = len(codes[0])
    cells = int(np.prod(sizes, dtype=object))
    if cells >= 2**62:  # the mixed-radix code would overflow: let pandas find the observed combinations
        frame = pd.DataFrame(dict(enumerate(codes)))
        grouped = frame.groupby(list(frame.columns), sort=True)
        firsts = frame.drop_duplicates().sort_values(list(frame.columns))
        return [firsts[i].to_numpy() for i in frame.columns], grouped.ngroup().to_numpy().astype(np.int64)
    combined = np.zeros(rows, dtype=np.int64)
    for code, size in zip(codes, sizes):
        combined = combined * size + code
    if cells <= max(1_000_000, rows):
        # Few possible combinations: a dense count table avoids sorting every row.
        present = np.bincount(combined, minlength=cells) > 0
        observed = np.flatnonzero(present)
        inverse = (np.cumsum(present) - 1)[combined]
    else:
        observed, inverse = np.unique(combined, return_inverse=True)
    return list(np.unravel_index(observed, sizes)), inverse.astype(np.int64).ravel()


def find_reference(reference, labels, rates):
    """Position of the reference group: the highest rate, or the label the caller named."""
    if isinstance(reference, str) and reference == "highest":
        return int(np.nanargmax(rates))
    key = tuple(reference) if isinstance(reference, list) else reference
    try:
        position = labels.get_loc(key)
    except (KeyError, TypeError, pd.errors.InvalidIndexError):
        position = None
    if not isinstance(position, (int, np.integer)):
        shown = [str(v) for v in labels[:20]]
        raise ValueError(f"reference {reference!r} is not one of the groups; use 'highest' or one of {shown}")
    return int(position)


def group_notes(encoded, n, min_group_size):
    """Plain-language notes about small, empty and unknown groups."""
    notes = []
    small = [format_label(lbl) for lbl, k in zip(encoded.labels, n) if k < min_group_size]
    if small:
        notes.append(
            f"{len(small)} group(s) have fewer than {min_group_size} people ({', '.join(small)}): "
            f"their rates are noisy; read the p-values and intervals, not the point estimates"
        )
    if encoded.empty_levels:
        notes.append(f"declared categories with no rows: {', '.join(encoded.empty_levels)}")
    if encoded.unknown_count:
        notes.append(
            f"{encoded.unknown_count} rows have an unknown group; they are counted here and left out of every rate"
        )
    return notes
