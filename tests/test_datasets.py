"""Tests for hrfair_helpers.datasets (UCI Adult loader).

Expected values are computed independently from the raw vendored text with
plain Python, never through the loader, so a parsing bug makes them fail.
"""

from __future__ import annotations

import gzip
import hashlib
import subprocess
import sys
from importlib import resources

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.datasets import DataIntegrityError, _adult, load_adult

COLUMNS = [
    "age",
    "workclass",
    "fnlwgt",
    "education",
    "education_num",
    "marital_status",
    "occupation",
    "relationship",
    "race",
    "sex",
    "capital_gain",
    "capital_loss",
    "hours_per_week",
    "native_country",
    "income_over_50k",
]
INT_COLUMNS = ["age", "fnlwgt", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
CAT_COLUMNS = [c for c in COLUMNS if c not in INT_COLUMNS and c != "income_over_50k"]
FILES = {"train": "adult.data.gz", "test": "adult.test.gz"}
SHA256 = {
    "adult.data.gz": "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d",
    "adult.test.gz": "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05",
}
DATA = resources.files("hrfair_helpers.datasets").joinpath("data")


def _raw_text(split: str) -> str:
    return gzip.decompress(DATA.joinpath(FILES[split]).read_bytes()).decode("ascii")


def _raw_records(split: str) -> list[list[str]]:
    """Records as lists of field strings, header and blank lines removed."""
    lines = _raw_text(split).split("\n")
    if split == "test":
        assert lines[0] == "|1x3 Cross validator"
        lines = lines[1:]
    return [line.split(", ") for line in lines if line.strip()]


def _assert_frames_equal(left, right):
    # Exact comparison: every column is int or categorical, and the default
    # tolerant path is ~20x slower on categoricals.
    pd.testing.assert_frame_equal(left, right, check_exact=True)


@pytest.fixture(scope="module")
def raw():
    return {s: _raw_records(s) for s in ("train", "test")}


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of the data dir that the loader is pointed at."""
    for name in [*FILES.values(), "adult.names"]:
        (tmp_path / name).write_bytes(DATA.joinpath(name).read_bytes())
    monkeypatch.setattr(_adult, "_DATA_DIR", tmp_path)
    return tmp_path


# --- shape, columns, dtypes -------------------------------------------------


@pytest.mark.parametrize(
    ("split", "n_rows", "n_complete"),
    # Row counts (and the complete-case counts) as stated in adult.names.
    [("train", 32561, 30162), ("test", 16281, 15060), ("all", 48842, 45222)],
)
def test_shapes(split, n_rows, n_complete):
    df = load_adult(split)
    n_cols = len(COLUMNS) + (split == "all")
    assert df.shape == (n_rows, n_cols)
    assert load_adult(split, drop_missing=True).shape == (n_complete, n_cols)


@pytest.mark.parametrize("split", ["train", "test"])
def test_columns_and_dtypes(split):
    df = load_adult(split)
    assert list(df.columns) == COLUMNS
    assert isinstance(df.index, pd.RangeIndex) and df.index[0] == 0
    for col in INT_COLUMNS + ["income_over_50k"]:
        assert df[col].dtype == np.int64, col
    for col in CAT_COLUMNS:
        assert isinstance(df[col].dtype, pd.CategoricalDtype), col
        cats = list(df[col].cat.categories)
        assert cats == sorted(cats), col
        assert all(c == c.strip() and c and c != "?" for c in cats), col


def test_categories_identical_across_splits_and_match_data(raw):
    train, test = load_adult("train"), load_adult("test")
    for i, col in enumerate(COLUMNS):
        if col not in CAT_COLUMNS:
            continue
        assert train[col].dtype == test[col].dtype, col
        observed = {r[i] for s in raw for r in raw[s]} - {"?"}
        assert set(train[col].cat.categories) == observed, col


@pytest.mark.parametrize("split", ["train", "test"])
def test_every_value_matches_raw_text(raw, split):
    df = load_adult(split)
    records = raw[split]
    assert len(df) == len(records)
    for i, col in enumerate(COLUMNS):
        got = df[col].astype(object).where(df[col].notna(), None).tolist()
        if col in INT_COLUMNS:
            want = [int(r[i]) for r in records]
        elif col == "income_over_50k":
            want = [int(r[i].rstrip(".") == ">50K") for r in records]
        else:
            want = [None if r[i] == "?" else r[i] for r in records]
        assert got == want, col


# --- labels ------------------------------------------------------------------


def test_label_values_and_published_rates_by_sex():
    df = load_adult("train")
    assert set(df["income_over_50k"].unique()) == {0, 1}
    rates = df.groupby("sex", observed=True)["income_over_50k"].mean()
    assert round(rates["Male"], 4) == 0.3057
    assert round(rates["Female"], 4) == 0.1095


def test_test_split_labels_with_trailing_period():
    lines = [line for line in _raw_text("test").split("\n")[1:] if line]
    assert all(line.endswith((">50K.", "<=50K.")) for line in lines)
    n_pos = sum(line.endswith(">50K.") for line in lines)
    df = load_adult("test")
    assert set(df["income_over_50k"].unique()) == {0, 1}
    assert int(df["income_over_50k"].sum()) == n_pos
    assert df["income_over_50k"].mean() == pytest.approx(n_pos / len(lines))
    assert round(n_pos / len(lines), 4) == 0.2362  # sanity: not the train rate


# --- missing values ------------------------------------------------------------


@pytest.mark.parametrize("split", ["train", "test"])
def test_question_marks_become_missing(raw, split):
    want = {col: sum(r[i] == "?" for r in raw[split]) for i, col in enumerate(COLUMNS)}
    got = load_adult(split).isna().sum().to_dict()
    assert got == want
    # Pin the observed counts so a change in the vendored files is noticed.
    expected = {
        "train": {"workclass": 1836, "occupation": 1843, "native_country": 583},
        "test": {"workclass": 963, "occupation": 966, "native_country": 274},
    }[split]
    assert {c: n for c, n in want.items() if n} == expected


@pytest.mark.parametrize("split", ["train", "test", "all"])
def test_drop_missing(split):
    full = load_adult(split)
    df = load_adult(split, drop_missing=True)
    assert not df.isna().any().any()
    assert isinstance(df.index, pd.RangeIndex)
    assert df.index.equals(pd.RangeIndex(len(df)))
    _assert_frames_equal(df, full.dropna().reset_index(drop=True))
    assert len(df) < len(full)


def test_drop_missing_accepts_numpy_bool():
    assert len(load_adult(drop_missing=np.True_)) == 30162


# --- split="all" ------------------------------------------------------------------


def test_all_is_train_then_test():
    train, test, both = load_adult("train"), load_adult("test"), load_adult("all")
    assert "split" not in train.columns and "split" not in test.columns
    assert list(both.columns) == COLUMNS + ["split"]
    assert isinstance(both.index, pd.RangeIndex) and both.index.equals(pd.RangeIndex(48842))
    _assert_frames_equal(both.drop(columns="split"), pd.concat([train, test], ignore_index=True))
    assert isinstance(both["split"].dtype, pd.CategoricalDtype)
    assert list(both["split"].cat.categories) == ["test", "train"]
    assert (both["split"].iloc[: len(train)] == "train").all()
    assert (both["split"].iloc[len(train) :] == "test").all()


# --- copies ---------------------------------------------------------------------


@pytest.mark.parametrize("split", ["train", "test", "all"])
@pytest.mark.parametrize("drop_missing", [False, True])
def test_returned_frames_are_independent_copies(split, drop_missing):
    first = load_adult(split, drop_missing=drop_missing)
    pristine = first.copy(deep=True)
    first.loc[0, "age"] = -1
    first.loc[0, "sex"] = np.nan
    first["income_over_50k"] = 7
    first["extra"] = 1
    first["race"] = first["race"].cat.rename_categories(lambda c: "X" + c)
    first.drop(index=first.index[:10], inplace=True)
    again = load_adult(split, drop_missing=drop_missing)
    assert again is not first
    _assert_frames_equal(again, pristine)


# --- argument validation ---------------------------------------------------------


@pytest.mark.parametrize("bad", ["Train", "validation", "", None, 0, ("train",)])
def test_invalid_split_lists_valid_values(bad):
    with pytest.raises(ValueError, match="split") as info:
        load_adult(bad)
    for valid in ("'train'", "'test'", "'all'"):
        assert valid in str(info.value)


@pytest.mark.parametrize("bad", ["yes", "False", 1, 0, None])
def test_invalid_drop_missing_type(bad):
    with pytest.raises(TypeError, match="drop_missing must be a bool"):
        load_adult(drop_missing=bad)


# --- integrity ---------------------------------------------------------------------


def test_seam_loads_intact_copy(data_copy, monkeypatch):
    assert _adult.data_dir() == data_copy
    from_copy = load_adult("all")
    monkeypatch.setattr(_adult, "_DATA_DIR", None)
    _assert_frames_equal(from_copy, load_adult("all"))


def _tamper_test_file(directory):
    """Flip one label in adult.test: still valid gzip, but the hash changes."""
    path = directory / "adult.test.gz"
    tampered = gzip.decompress(path.read_bytes()).replace(b">50K.", b"<=50K.", 1)
    path.write_bytes(gzip.compress(tampered))
    return hashlib.sha256(tampered).hexdigest()


@pytest.mark.parametrize("split", ["test", "all"])
def test_corrupted_file_raises(data_copy, split):
    actual = _tamper_test_file(data_copy)
    with pytest.raises(DataIntegrityError) as info:
        load_adult(split)
    msg = str(info.value)
    assert isinstance(info.value, OSError)
    name = "adult.test.gz"
    assert name in msg and SHA256[name] in msg and actual in msg
    # The package is not on PyPI: the hint points at the repository checkout, never at PyPI.
    assert "force-reinstall" not in msg and "pip install hrfair" not in msg
    assert "git checkout -- hrfair_helpers/datasets/data/adult.test.gz" in msg
    assert "pip install -e ." in msg and "make setup" in msg


def test_corruption_only_affects_its_own_split(data_copy):
    _tamper_test_file(data_copy)
    assert load_adult("train").shape == (32561, 15)


def test_not_gzip_raises(data_copy):
    (data_copy / "adult.data.gz").write_bytes(b"this is not gzip data")
    with pytest.raises(DataIntegrityError, match=r"adult\.data\.gz.*not a valid gzip"):
        load_adult()


def test_truncated_gzip_raises(data_copy):
    path = data_copy / "adult.data.gz"
    path.write_bytes(path.read_bytes()[:-100])
    with pytest.raises(DataIntegrityError, match=r"adult\.data\.gz"):
        load_adult()


def test_missing_file_raises(data_copy):
    (data_copy / "adult.data.gz").unlink()
    with pytest.raises(DataIntegrityError) as info:
        load_adult("all")
    msg = str(info.value)
    assert "adult.data.gz" in msg and "force-reinstall" not in msg
    assert "git checkout -- hrfair_helpers/datasets/data/adult.data.gz" in msg and "make setup" in msg
    assert isinstance(info.value.__cause__, FileNotFoundError)


def test_failed_load_does_not_poison_cache(data_copy, monkeypatch):
    (data_copy / "adult.data.gz").unlink()
    with pytest.raises(DataIntegrityError):
        load_adult()
    monkeypatch.setattr(_adult, "_DATA_DIR", None)
    assert load_adult().shape == (32561, 15)


def test_vendored_files_match_hashes_in_code():
    for split, (name, sha) in _adult._FILES.items():
        assert FILES[split] == name
        assert SHA256[name] == sha
        raw_bytes = gzip.decompress(DATA.joinpath(name).read_bytes())
        assert hashlib.sha256(raw_bytes).hexdigest() == sha


# --- provenance and import hygiene ---------------------------------------------------


def test_provenance_file_keeps_attribution():
    text = DATA.joinpath("ADULT_PROVENANCE.md").read_text(encoding="utf-8")
    for needle in [
        "10.24432/C5XW20",
        "CC BY 4.0",
        "Creative Commons Attribution 4.0",
        "UCI Machine Learning Repository",
        "Becker",
        "Kohavi",
        "1996",
        "gzip -9 -n",
        "32,561",
        "16,281",
        *SHA256.values(),
    ]:
        assert needle in text, needle
    assert (
        DATA.joinpath("adult.names")
        .read_text(encoding="ascii")
        .startswith("| This data was extracted from the census bureau database")
    )


def test_import_is_light():
    code = (
        "import sys, hrfair_helpers.datasets; "
        "print(','.join(m for m in ('sklearn', 'fairlearn', 'aif360', 'aequitas') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
