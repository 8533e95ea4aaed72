"""Count where the data lives: group counts from pandas, polars, DuckDB or PySpark data.

A bias audit needs, per group, how many people there are and how many were selected (or scored
above the median). Everything else (rates, impact ratios, tests, the LL144 tables) is computed on
that small table of counts. So the audit can go where the data is: this module sends one
``GROUP BY`` to the engine that holds the rows and brings back only the counts.

Engines:

``pandas``
    A ``pandas.DataFrame``; counted in memory with numpy (the default, and the fastest up to tens
    of millions of rows).
``polars``
    A ``polars.DataFrame`` or ``LazyFrame``.
``duckdb``
    A ``duckdb.DuckDBPyRelation``, e.g. ``duckdb.sql("select * from 'applicants.parquet'")``:
    DuckDB streams Parquet and CSV files larger than memory.
``pyspark``
    A ``pyspark.sql.DataFrame``: the counting runs on the cluster (or in local mode).

The non-pandas engines go through `narwhals <https://narwhals-dev.github.io/narwhals/>`_ (a
fairlearn dependency), so the same expressions run on each; results are identical to pandas
because only integer counts and the median come back. Checked libraries: fairlearn's
``MetricFrame`` and aequitas compute group metrics on pandas only; narwhals gives the portable
expressions but no audit, so the counting step is written here on top of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

ENGINES = ("pandas", "polars", "duckdb", "pyspark")
_N, _CHOSEN = "__hrfair_n", "__hrfair_chosen"
_SHOW = 5  # offending values listed in an error message, as the pandas path does
_BINARY_HINT = (
    "if these are scores or probabilities, apply the decision threshold first, e.g. selected = score >= cutoff"
)
_LABEL_HINT = "map the labels to 0/1 first, e.g. selected = (decision == 'advanced')"


@dataclass(frozen=True)
class EngineCounts:
    """People and outcomes per combination of the key columns, counted in ``engine``.

    The raw cells of a query, before the labels are read as groups: the audits turn them into a
    :class:`~hrfair_helpers.audit.counts.GroupCounts` (:func:`encoded_counts`).

    ``counts`` has the key columns (labels as Python objects, missing values as ``None``),
    ``n`` and ``chosen`` (selected, or scored above ``median``); ``n_total`` is every row.
    ``categories`` gives, per key, the declared categories of a categorical (pandas) or enum
    (polars, DuckDB) column, in their declared order, or ``None``; rows follow that order, and
    sorted label order otherwise, missing keys last.
    """

    counts: pd.DataFrame
    n_total: int
    median: float | None
    engine: str
    categories: dict


def engine_of(data):
    """The name of the engine holding ``data`` (one of :data:`ENGINES`), or a ValueError."""
    if isinstance(data, pd.DataFrame):
        return "pandas"
    module = type(data).__module__.split(".")[0]
    name = {"polars": "polars", "duckdb": "duckdb", "_duckdb": "duckdb", "pyspark": "pyspark"}.get(module)
    if name is None:
        raise ValueError(
            f"data must be a pandas, polars, DuckDB or PySpark data frame with one row per individual, "
            f"got {type(data).__name__}"
        )
    return name


def columns_of(data):
    """Column names of ``data`` in any supported engine."""
    if engine_of(data) == "pandas":
        return list(data.columns)
    import narwhals as nw

    return list(nw.from_native(data).collect_schema().names())


def _lazy(data):
    import narwhals as nw

    frame = nw.from_native(data)
    return frame.lazy() if isinstance(frame, nw.DataFrame) else frame


def _count(condition):
    # Spark does not sum booleans: count true values as integers on every engine.
    import narwhals as nw

    return condition.cast(nw.Int64).sum()


def _first_values(lazy, condition, column):
    """Up to :data:`_SHOW` distinct values of ``column`` where ``condition`` holds, sorted."""
    found = lazy.filter(condition).select(column).unique().collect()[column].to_list()
    return sorted(found, key=lambda v: (type(v).__name__, v))[:_SHOW]


def _check_not_empty(lazy):
    import narwhals as nw

    if int(lazy.select(nw.len().alias("n")).collect()["n"][0]) == 0:
        raise ValueError("data is empty: there are no individuals to audit")


def _check_outcome(lazy, schema, column, kind, name):
    """Validate the outcome column in the engine and return the median score (scoring) or None.

    The messages are those of the pandas path, naming the argument ``name``, so an error reads the
    same on every engine.
    """
    import narwhals as nw

    dtype = schema[column]
    missing = nw.col(column).is_null()
    if dtype.is_float():
        missing = missing | nw.col(column).is_nan()
    if kind == "selection":
        if dtype != nw.Boolean and not dtype.is_numeric():
            found = _first_values(lazy, ~nw.col(column).is_null(), column)
            if not found:  # no values at all: an empty file read as text, or an all-missing column
                _check_not_empty(lazy)
            raise ValueError(f"{name} must be binary (0/1 or True/False); found other values {found}; {_LABEL_HINT}")
        n_missing = int(lazy.select(_count(missing).alias("m")).collect()["m"][0] or 0)
        if n_missing:
            raise ValueError(
                f"{name} has {n_missing} missing values; an outcome must be 0/1 for every row: drop those rows "
                "or decide what the missing outcome means"
            )
        if dtype != nw.Boolean:
            other = ~nw.col(column).cast(nw.Float64).is_in([0.0, 1.0])
            found = _first_values(lazy, other, column)
            if found:
                raise ValueError(
                    f"{name} must be binary (0/1 or True/False); found other values {found}; {_BINARY_HINT}"
                )
        return None
    if dtype == nw.Boolean:
        raise ValueError("score must be numeric, got True/False values; for a yes/no outcome use selected=")
    if not dtype.is_numeric():
        found = _first_values(lazy, ~nw.col(column).is_null(), column)
        if not found:
            _check_not_empty(lazy)
        raise ValueError(f"score must be numeric; found values such as {found}: convert the column to numbers first")
    value = nw.col(column).cast(nw.Float64)
    stats = lazy.select(
        _count(missing | value.abs().is_in([float("inf")])).alias("bad"),
        value.median().alias("median"),
    ).collect()
    bad = int(stats["bad"][0] or 0)
    if bad:
        raise ValueError(
            f"score has {bad} missing or infinite values; the median of the full sample needs a score for "
            "every individual: drop those rows or score them"
        )
    median = stats["median"][0]
    if median is None:
        raise ValueError("data is empty: there are no individuals to audit")
    return float(median)


def group_counts(data, keys, *, selected=None, score=None, y_true=None):
    """Count people and outcomes per combination of ``keys`` in the engine holding ``data``.

    Parameters
    ----------
    data : pandas, polars, DuckDB or PySpark data frame
        One row per individual.
    keys : list of str
        Group columns (e.g. ``["sex", "race"]``); missing values are kept as their own key (``None``).
    selected, score : str
        Exactly one: a 0/1 (or boolean) outcome column, or a numeric score column whose outcome is
        "above the median of the full sample" (the NYC LL144 scoring rate).
    y_true : str, optional
        With ``selected`` (then the prediction): a 0/1 column of true outcomes, checked as
        ``selected`` is and counted as one more key (0 or 1), so each group's counts split into
        the four confusion cells (:func:`~hrfair_helpers.audit.group_metrics`). Messages then
        name the columns ``y_true`` and ``y_pred``.

    Returns
    -------
    EngineCounts

    Raises
    ------
    ValueError
        For an unsupported data type, a missing or repeated column, no rows, a non-binary or
        missing outcome, or a non-numeric, missing or infinite score.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["F", "F", "M", None], "hired": [1, 0, 1, 1]})
    >>> group_counts(df, ["sex"], selected="hired").counts
        sex  n  chosen
    0     F  2       1
    1     M  1       1
    2  None  1       1
    """
    engine = engine_of(data)
    if (selected is None) == (score is None):
        raise ValueError("pass exactly one outcome: selected='column' or score='column'")
    if y_true is not None and selected is None:
        raise ValueError("y_true goes with selected= (the prediction), not with score=")
    outcome = selected if selected is not None else score
    kind = "selection" if selected is not None else "scoring"
    name = "y_pred" if y_true is not None else "selected" if kind == "selection" else "score"
    keys = list(keys)
    used = [*keys, *([y_true] if y_true is not None else [])]
    available = columns_of(data)
    missing = [c for c in [*used, outcome] if c not in available]
    if missing:
        raise ValueError(f"column(s) not in data: {missing}; available columns: {available}")
    repeated = sorted({c for c in used if used.count(c) > 1})
    if repeated:
        raise ValueError(f"column(s) {repeated} given more than once as group or y_true columns; list each once")
    twins = sorted({c for c in [*used, outcome] if available.count(c) > 1})
    if twins:
        raise ValueError(f"data has several columns named {twins}; rename or drop the copies first")
    if engine == "pandas":
        return _pandas_counts(data, keys, outcome, kind, name, y_true)

    import narwhals as nw

    lazy = _lazy(data)
    schema = lazy.collect_schema()
    if y_true is not None:
        _check_outcome(lazy, schema, y_true, "selection", "y_true")
        # 0/1 on every engine, whether the column holds booleans, integers or floats.
        lazy = lazy.with_columns(nw.col(y_true).cast(nw.Int64))
        keys = [*keys, y_true]
    median = _check_outcome(lazy, schema, outcome, kind, name)
    value = nw.col(outcome).cast(nw.Float64)
    # Compare in float64 as pandas does (a float32 column compared with a float64 median would round it).
    hit = nw.col(outcome).cast(nw.Int64) if kind == "selection" else (value > median).cast(nw.Int64)
    counted = (
        lazy.with_columns(hit.alias(_CHOSEN))
        .group_by(keys, drop_null_keys=False)
        .agg(nw.len().alias(_N), nw.col(_CHOSEN).sum().alias(_CHOSEN))
        .collect()
        .to_pandas()
    )
    categories = {key: tuple(schema[key].categories) if isinstance(schema[key], nw.Enum) else None for key in keys}
    if counted.empty:
        raise ValueError("data is empty: there are no individuals to audit")
    # n_total comes from the same query as the counts, so the two always agree.
    return _finish(
        {key: counted[key].tolist() for key in keys}, counted[_N], counted[_CHOSEN], keys, median, engine, categories
    )


def _pandas_counts(data, keys, outcome, kind, name, y_true):
    from .._utils import grouping, validation

    if len(data) == 0:
        raise ValueError("data is empty: there are no individuals to audit")
    columns = {key: data[key] for key in keys}
    if y_true is not None:
        columns[y_true] = pd.Series(validation.binary(data[y_true], "y_true").astype(np.int64))
        keys = [*keys, y_true]
    median = None
    if kind == "selection":
        hits = validation.binary(data[outcome], name)
    else:
        scores = validation.numeric_scores(data[outcome])
        median = float(np.median(scores))
        hits = (scores > median).astype(np.int8)
    # Code each key once (missing values get the last code) and count the combinations in one pass.
    codes, uniques, categories = [], [], {}
    for key in keys:
        column = columns[key]
        if isinstance(column.dtype, pd.CategoricalDtype):
            code, unique = column.cat.codes.to_numpy().astype(np.int64), list(column.cat.categories)
            categories[key] = tuple(unique)
        else:
            code, unique = grouping.factorize(column, key, sort=False)
            unique = pd.Series(unique, dtype=object).tolist()
            categories[key] = None
        codes.append(np.where(code < 0, len(unique), code).astype(np.int64))
        uniques.append(unique + [None])
    positions, inverse = grouping.combine_codes(codes, [len(u) for u in uniques])
    n = np.bincount(inverse)
    chosen = np.bincount(inverse, weights=hits, minlength=len(n)).astype(np.int64)
    labels = {key: [uniques[i][p] for p in pos] for i, (key, pos) in enumerate(zip(keys, positions))}
    return _finish(labels, n, chosen, keys, median, "pandas", categories)


def _plain(value):
    """A label as a plain Python object: numpy scalars unwrapped, missing values as None."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA or value is pd.NaT:
        return None
    return value.item() if isinstance(value, np.generic) else value


def _finish(labels, n, chosen, keys, median, engine, categories):
    frame = pd.DataFrame({key: pd.Series([_plain(v) for v in labels[key]], dtype=object) for key in keys})
    frame["n"] = np.asarray(n, dtype=np.int64)
    frame["chosen"] = pd.Series(chosen).fillna(0).to_numpy(dtype=np.int64)

    def order(key):
        declared = categories.get(key)
        rank = {c: i for i, c in enumerate(declared)} if declared else None
        if rank is not None:
            return lambda column: column.map(lambda v: (v is None, rank.get(v, len(rank)), "" if v is None else str(v)))
        # Sorted like pandas.factorize(sort=True) sorts labels, missing keys last.
        return lambda column: column.map(lambda v: (v is None, "" if v is None else v))

    for key in reversed(keys):  # stable sorts from the last key to the first: lexicographic order
        frame = frame.sort_values(key, key=order(key), kind="stable")
    return EngineCounts(frame.reset_index(drop=True), int(frame["n"].sum()), median, engine, categories)


def encoded_counts(data, groups, *, selected, y_true=None, unknown=None):
    """:func:`group_counts` with the group keys encoded as the pandas path encodes rows.

    The one way the audit functions take polars, DuckDB or PySpark data: count in the engine, then
    give the cells to :func:`~hrfair_helpers._utils.grouping.encode_groups` (weighted by people), so
    group order, unknown groups, empty declared categories and messages match the pandas path.

    Parameters
    ----------
    data : polars, DuckDB or PySpark data frame
    groups : str or list of str
        Group column name(s).
    selected : str
        The 0/1 outcome column (the prediction when ``y_true`` is given).
    y_true : str, optional
        The 0/1 true-outcome column (see :func:`group_counts`).
    unknown : None, str or iterable of str
        As in :func:`~hrfair_helpers.audit.adverse_impact`.

    Returns
    -------
    (DataFrame, EncodedGroups)
        The cells of known groups (key columns, ``n``, ``chosen``; ``y_true`` when given), in the
        order of ``encoded.codes``, and the encoded groups.
    """
    from .._utils import grouping

    keys = [groups] if isinstance(groups, str) else list(groups) if isinstance(groups, (list, tuple)) else None
    outcomes = [selected] if y_true is None else [y_true, selected]
    if not keys or not all(isinstance(c, str) for c in [*keys, *outcomes]):
        names = "selected and groups" if y_true is None else "y_true, y_pred and groups"
        raise ValueError(f"with polars, DuckDB or PySpark data, give {names} as column names")
    counted = group_counts(data, keys, selected=selected, y_true=y_true)
    cells = counted.counts
    # Declared categories (enums) become pandas categoricals, so order and empty levels match pandas.
    declared = counted.categories
    frame = pd.DataFrame(
        {
            key: pd.Categorical(cells[key], categories=list(declared[key])) if declared[key] else cells[key]
            for key in keys
        }
    )
    encoded = grouping.encode_groups(frame, unknown=unknown, weights=cells["n"].to_numpy())
    return cells[encoded.known].reset_index(drop=True), encoded
