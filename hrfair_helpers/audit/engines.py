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


@dataclass(frozen=True)
class GroupCounts:
    """People and outcomes per combination of the key columns, counted in ``engine``.

    ``counts`` has the key columns (labels as Python objects, missing values as ``None``),
    ``n`` and ``chosen`` (selected, or scored above ``median``); ``n_total`` is every row.
    """

    counts: pd.DataFrame
    n_total: int
    median: float | None
    engine: str


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


def _check_outcome(lazy, schema, column, kind):
    """Validate the outcome column in the engine (a few aggregates, no rows brought back)."""
    import narwhals as nw

    dtype = schema[column]
    if kind == "selection":
        if dtype == nw.Boolean:
            stats = lazy.select(_count(nw.col(column).is_null()).alias("missing")).collect()
            bad = 0
        elif dtype.is_numeric():
            value = nw.col(column).cast(nw.Float64)
            stats = lazy.select(
                _count(nw.col(column).is_null()).alias("missing"),
                _count(~value.is_in([0.0, 1.0]) & ~nw.col(column).is_null()).alias("bad"),
            ).collect()
            bad = int(stats["bad"][0] or 0)
        else:
            raise ValueError(
                f"selected must be binary (0/1 or True/False); column {column!r} has type {dtype}: "
                "map the labels to 0/1 first, e.g. selected = (decision == 'advanced')"
            )
        missing = int(stats["missing"][0] or 0)
        if missing:
            raise ValueError(
                f"selected has {missing} missing values; an outcome must be 0/1 for every row: drop those "
                "rows or decide what the missing outcome means"
            )
        if bad:
            raise ValueError(
                f"selected must be binary (0/1 or True/False); found {bad} other values; if these are scores "
                "or probabilities, apply the decision threshold first, e.g. selected = score >= cutoff"
            )
        return None
    if dtype == nw.Boolean or not dtype.is_numeric():
        raise ValueError(f"score must be numeric; column {column!r} has type {dtype}: convert it first")
    value = nw.col(column).cast(nw.Float64)
    stats = lazy.select(
        _count(nw.col(column).is_null() | value.is_nan() | value.abs().is_in([float("inf")])).alias("bad"),
        value.median().alias("median"),
    ).collect()
    bad = int(stats["bad"][0] or 0)
    if bad:
        raise ValueError(
            f"score has {bad} missing or infinite values; the median of the full sample needs a score for "
            "every individual: drop those rows or score them"
        )
    return float(stats["median"][0])


def group_counts(data, keys, *, selected=None, score=None):
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

    Returns
    -------
    GroupCounts

    Raises
    ------
    ValueError
        For an unsupported data type, a missing column, no rows, a non-binary or missing outcome,
        or a non-numeric, missing or infinite score.

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
    outcome = selected if selected is not None else score
    kind = "selection" if selected is not None else "scoring"
    keys = list(keys)
    available = columns_of(data)
    missing = [c for c in [*keys, outcome] if c not in available]
    if missing:
        raise ValueError(f"column(s) not in data: {missing}; available columns: {available}")
    if engine == "pandas":
        return _pandas_counts(data, keys, outcome, kind)

    import narwhals as nw

    lazy = _lazy(data)
    schema = lazy.collect_schema()
    n_total = int(lazy.select(nw.len().alias("n")).collect()["n"][0])
    if n_total == 0:
        raise ValueError("data is empty: there are no individuals to audit")
    median = _check_outcome(lazy, schema, outcome, kind)
    hit = nw.col(outcome).cast(nw.Int64) if kind == "selection" else (nw.col(outcome) > median).cast(nw.Int64)
    counted = (
        lazy.with_columns(hit.alias(_CHOSEN))
        .group_by(keys, drop_null_keys=False)
        .agg(nw.len().alias(_N), nw.col(_CHOSEN).sum().alias(_CHOSEN))
        .collect()
        .to_pandas()
    )
    return _finish(counted, keys, n_total, median, engine)


def _pandas_counts(data, keys, outcome, kind):
    from . import _inputs
    from .ll144 import _numeric_scores

    if len(data) == 0:
        raise ValueError("data is empty: there are no individuals to audit")
    median = None
    if kind == "selection":
        hits = _inputs.binary(data[outcome], "selected")
    else:
        scores = _numeric_scores(data[outcome])
        median = float(np.median(scores))
        hits = (scores > median).astype(np.int8)
    # Factorise each key once (missing values get code -1) and count with bincount: one pass.
    codes, uniques = [], []
    for key in keys:
        column = data[key]
        if isinstance(column.dtype, pd.CategoricalDtype):
            column = column.astype(object)
        code, unique = pd.factorize(column, use_na_sentinel=True)
        codes.append(np.where(code < 0, len(unique), code))
        uniques.append(list(unique) + [None])
    shape = [len(u) for u in uniques]
    flat = np.ravel_multi_index(codes, shape) if len(keys) > 1 else codes[0]
    size = int(np.prod(shape))
    n = np.bincount(flat, minlength=size)
    chosen = np.bincount(flat, weights=hits, minlength=size).astype(np.int64)
    present = np.flatnonzero(n)
    positions = np.unravel_index(present, shape)
    counted = pd.DataFrame({key: [uniques[i][p] for p in pos] for i, (key, pos) in enumerate(zip(keys, positions))})
    counted[_N], counted[_CHOSEN] = n[present], chosen[present]
    return _finish(counted, keys, len(data), median, "pandas")


def _finish(counted, keys, n_total, median, engine):
    frame = pd.DataFrame({key: counted[key].astype(object) for key in keys})
    for key in keys:
        frame[key] = frame[key].where(frame[key].notna(), None)
    frame["n"] = counted[_N].to_numpy(dtype=np.int64)
    frame["chosen"] = counted[_CHOSEN].fillna(0).to_numpy(dtype=np.int64)
    # Sorted like pandas.factorize(sort=True) sorts labels, missing keys last.
    frame = frame.sort_values(keys, key=lambda c: c.map(lambda v: (v is None, "" if v is None else v)), kind="stable")
    return GroupCounts(frame.reset_index(drop=True), int(n_total), median, engine)
