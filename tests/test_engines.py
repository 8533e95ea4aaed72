"""The same audits on pandas, polars and DuckDB (and PySpark, marked `spark`), with identical tables."""

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.audit import adverse_impact, group_metrics, ll144_bias_audit
from hrfair_helpers.audit.engines import engine_of, group_counts
from hrfair_helpers.datasets import make_applicant_pool

pl = pytest.importorskip("polars")
duckdb = pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def pool():
    pool = make_applicant_pool(n=20_000, seed=11).astype({"sex": object, "race_ethnicity": object})
    pool.loc[::499, "race_ethnicity"] = None  # missing values next to the "Unknown" label
    pool["advanced_bool"] = pool["advanced"].astype(bool)
    return pool


def as_polars(frame):
    return pl.from_pandas(frame)


def as_polars_lazy(frame):
    return pl.from_pandas(frame).lazy()


def as_duckdb(frame):
    return duckdb.from_df(frame)


ENGINES = {"polars": as_polars, "polars-lazy": as_polars_lazy, "duckdb": as_duckdb}
AUDITS = {
    "scoring": dict(score="score"),
    "selection": dict(selected="advanced"),
    "selection-bool": dict(selected="advanced_bool"),
    "excluded": dict(score="score", exclude_small=True, justification="under 2% of the data"),
}


def assert_same_report(a, b):
    for name in ("sex", "race_ethnicity", "intersectional"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), check_exact=False, rtol=0, atol=1e-12)
    assert a.unknown_count == b.unknown_count and a.n_assessed == b.n_assessed
    assert a.exclusions == b.exclusions and a.reference == b.reference
    assert (a.median_score is None) == (b.median_score is None)
    if a.median_score is not None:
        assert abs(a.median_score - b.median_score) < 1e-12
    assert a.to_markdown() == b.to_markdown()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("audit", AUDITS)
def test_ll144_audit_is_identical_on_every_engine(pool, engine, audit):
    kwargs = dict(sex="sex", race_ethnicity="race_ethnicity", **AUDITS[audit])
    assert_same_report(ll144_bias_audit(pool, **kwargs), ll144_bias_audit(ENGINES[engine](pool), **kwargs))


@pytest.mark.parametrize("engine", ENGINES)
def test_four_fifths_report_is_identical_on_every_engine(pool, engine):
    expected = adverse_impact("advanced", ["sex", "race_ethnicity"], data=pool, unknown="Unknown")
    got = adverse_impact("advanced", ["sex", "race_ethnicity"], data=ENGINES[engine](pool), unknown="Unknown")
    pd.testing.assert_frame_equal(expected.table, got.table, check_exact=False, rtol=0, atol=1e-12)
    assert (expected.reference, expected.unknown_count, expected.notes) == (got.reference, got.unknown_count, got.notes)


@pytest.mark.parametrize("engine", ENGINES)
def test_group_metrics_is_identical_on_every_engine(pool, engine):
    # The same counting path as adverse_impact: one GROUP BY groups x y_true in the engine.
    pool = pool.assign(truth=(np.arange(len(pool)) * 7919 % 10 < 4).astype(bool))
    kwargs = dict(unknown="Unknown", n_boot=30, random_state=3)
    expected = group_metrics("truth", "advanced", ["sex", "race_ethnicity"], data=pool, **kwargs)
    got = group_metrics("truth", "advanced", ["sex", "race_ethnicity"], data=ENGINES[engine](pool), **kwargs)
    pd.testing.assert_frame_equal(expected.to_frame(), got.to_frame(), check_exact=False, rtol=0, atol=1e-12)
    pd.testing.assert_frame_equal(expected.disparities, got.disparities, check_exact=False, rtol=0, atol=1e-12)
    assert (expected.unknown_count, expected.notes) == (got.unknown_count, got.notes)
    assert "Unknown" not in got.by_group.index.get_level_values("sex")


@pytest.mark.parametrize("engine", ENGINES)
def test_group_metrics_errors_read_the_same_on_every_engine(engine):
    frame = pd.DataFrame(
        {
            "sex": ["Male", "Female"] * 3,
            "truth": [1, 0, 2, 1, 0, 1],
            "pred": [1, 0, 1, 1, 0, 0],
            "label": ["yes", "no"] * 3,
        }
    )
    data = ENGINES[engine](frame)
    for y_true, y_pred in (("truth", "pred"), ("pred", "label")):
        with pytest.raises(ValueError) as on_pandas:
            group_metrics(y_true, y_pred, "sex", data=frame)
        with pytest.raises(ValueError) as on_engine:
            group_metrics(y_true, y_pred, "sex", data=data)
        assert str(on_engine.value) == str(on_pandas.value)
    with pytest.raises(ValueError, match="give y_true, y_pred and groups as column names"):
        group_metrics(frame["pred"], "pred", "sex", data=data)


def test_group_counts_are_identical_and_sorted(pool):
    expected = group_counts(pool, ["sex", "race_ethnicity"], score="score")
    for convert in ENGINES.values():
        got = group_counts(convert(pool), ["sex", "race_ethnicity"], score="score")
        pd.testing.assert_frame_equal(expected.counts, got.counts)
        assert (got.n_total, got.median) == (expected.n_total, expected.median)
    assert expected.counts["n"].sum() == len(pool)


def test_declared_categories_keep_their_order_and_empty_levels_on_every_engine():
    # A categorical pool: DuckDB reads pandas categoricals as ENUM, polars keeps them with an Enum cast.
    pool = make_applicant_pool(n=5000, seed=2)
    pool["sex"] = pool["sex"].cat.add_categories(["Another"])  # declared, no rows
    expected = adverse_impact("advanced", ["sex", "race_ethnicity"], data=pool)
    enums = pl.from_pandas(pool).with_columns(
        pl.col(c).cast(pl.Enum(list(pool[c].cat.categories))) for c in ("sex", "race_ethnicity")
    )
    metrics = group_metrics("qualified", "advanced", ["sex", "race_ethnicity"], data=pool)
    for data in (duckdb.from_df(pool), enums, enums.lazy()):
        got = adverse_impact("advanced", ["sex", "race_ethnicity"], data=data)
        pd.testing.assert_frame_equal(expected.table, got.table, check_exact=False, rtol=0, atol=1e-12)
        assert got.notes == expected.notes and any("sex=Another" in n for n in got.notes)
        got = group_metrics("qualified", "advanced", ["sex", "race_ethnicity"], data=data)
        pd.testing.assert_frame_equal(metrics.by_group, got.by_group, check_exact=False, rtol=0, atol=1e-12)
        assert got.notes == metrics.notes


def test_float32_scores_compare_with_the_median_in_float64():
    frame = pd.DataFrame(
        {"sex": ["Male", "Female"] * 50, "race": ["White"] * 100, "score": np.linspace(0, 1, 100).astype(np.float32)}
    )
    expected = ll144_bias_audit(frame, sex="sex", race_ethnicity="race", score="score", strict=False)
    for convert in ENGINES.values():
        got = ll144_bias_audit(convert(frame), sex="sex", race_ethnicity="race", score="score", strict=False)
        pd.testing.assert_frame_equal(expected.sex, got.sex)


def test_many_distinct_labels_do_not_build_a_dense_table():
    rows = 200_000
    frame = pd.DataFrame(
        {"id1": np.arange(rows).astype(str), "id2": (np.arange(rows) * 7).astype(str), "hired": np.arange(rows) % 2}
    )
    counts = group_counts(frame, ["id1", "id2"], selected="hired")
    assert len(counts.counts) == rows and counts.n_total == rows


@pytest.mark.parametrize("engine", ENGINES)
def test_bad_input_gives_the_same_clear_errors(engine):
    frame = pd.DataFrame(
        {
            "sex": ["Male", "Female"] * 3,
            "race": ["White"] * 6,
            "label": ["yes", "no"] * 3,
            "score": [1.0, np.nan, 3, 4, 5, 6],
            "ok": [1, 0, 2, 1, 0, 1],
        }
    )
    data = ENGINES[engine](frame)
    base = dict(sex="sex", race_ethnicity="race")
    for column in ("label", "ok"):
        with pytest.raises(ValueError) as on_pandas:
            ll144_bias_audit(frame, selected=column, **base)
        with pytest.raises(ValueError) as on_engine:
            ll144_bias_audit(data, selected=column, **base)
        assert str(on_engine.value) == str(on_pandas.value)  # the same values listed, the same hint
    with pytest.raises(ValueError, match="missing or infinite"):
        ll144_bias_audit(data, score="score", **base)
    with pytest.raises(ValueError, match="not in data"):
        ll144_bias_audit(data, selected="hired", **base)
    with pytest.raises(ValueError, match="empty"):
        ll144_bias_audit(ENGINES[engine](frame.iloc[:0]), score="score", **base)


def test_unsupported_data_is_named():
    with pytest.raises(ValueError, match="got list"):
        engine_of([1, 2])
    assert engine_of(pd.DataFrame()) == "pandas"


def test_a_parquet_file_larger_than_a_frame_is_audited_by_duckdb(tmp_path, pool):
    path = tmp_path / "pool.parquet"
    pool.to_parquet(path)
    relation = duckdb.sql(f"select * from read_parquet('{path.as_posix()}')")
    kwargs = dict(sex="sex", race_ethnicity="race_ethnicity", score="score")
    assert_same_report(ll144_bias_audit(pool, **kwargs), ll144_bias_audit(relation, **kwargs))


@pytest.mark.spark
def test_pyspark_local_mode_gives_identical_tables(pool):
    pyspark = pytest.importorskip("pyspark")
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("hrfair-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    try:
        data = spark.createDataFrame(pool)
        for audit in AUDITS.values():
            kwargs = dict(sex="sex", race_ethnicity="race_ethnicity", **audit)
            assert_same_report(ll144_bias_audit(pool, **kwargs), ll144_bias_audit(data, **kwargs))
        expected = adverse_impact("advanced", ["sex", "race_ethnicity"], data=pool, unknown="Unknown")
        got = adverse_impact("advanced", ["sex", "race_ethnicity"], data=data, unknown="Unknown")
        pd.testing.assert_frame_equal(expected.table, got.table, check_exact=False, rtol=0, atol=1e-12)
    finally:
        spark.stop()
    assert pyspark.__version__
