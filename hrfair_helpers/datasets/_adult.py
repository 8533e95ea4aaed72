"""Loader for the vendored UCI Adult (Census Income) data set."""

from __future__ import annotations

import functools
import io
from importlib.resources.abc import Traversable
from os import PathLike

import numpy as np
import pandas as pd

from .._utils import resources

__all__ = ["load_adult"]

# SHA-256 of the *uncompressed* UCI files (see data/ADULT_PROVENANCE.md).
# Hashing the uncompressed bytes ties us to the UCI originals, not to a
# particular gzip run.
_FILES = {
    "train": ("adult.data.gz", "5b00264637dbfec36bdeaab5676b0b309ff9eb788d63554ca0a249491c86603d"),
    "test": ("adult.test.gz", "a2a9044bc167a35b2361efbabec64e89d69ce82d9790d2980119aac5fd7e9c05"),
}
# adult.test opens with the line "|1x3 Cross validator", which is not a record.
_HEADER_LINES = {"train": 0, "test": 1}

# Test seam: when set to a directory, the loader reads from it instead of the installed package
# data, so tests can corrupt or delete a *copy* of the files without ever writing into the
# installed package.
_DATA_DIR: str | PathLike[str] | None = None

_VALID_SPLITS = ("train", "test", "all")

_COLUMNS = (
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
)
_INT_COLUMNS = (
    "age",
    "fnlwgt",
    "education_num",
    "capital_gain",
    "capital_loss",
    "hours_per_week",
)

# Category lists come from adult.names, sorted. Fixing them in code (rather
# than inferring them per split) gives train, test and "all" identical dtypes,
# so e.g. one-hot columns line up across splits.
_CATEGORIES: dict[str, tuple[str, ...]] = {
    "workclass": (
        "Federal-gov",
        "Local-gov",
        "Never-worked",
        "Private",
        "Self-emp-inc",
        "Self-emp-not-inc",
        "State-gov",
        "Without-pay",
    ),
    "education": (
        "10th",
        "11th",
        "12th",
        "1st-4th",
        "5th-6th",
        "7th-8th",
        "9th",
        "Assoc-acdm",
        "Assoc-voc",
        "Bachelors",
        "Doctorate",
        "HS-grad",
        "Masters",
        "Preschool",
        "Prof-school",
        "Some-college",
    ),
    "marital_status": (
        "Divorced",
        "Married-AF-spouse",
        "Married-civ-spouse",
        "Married-spouse-absent",
        "Never-married",
        "Separated",
        "Widowed",
    ),
    "occupation": (
        "Adm-clerical",
        "Armed-Forces",
        "Craft-repair",
        "Exec-managerial",
        "Farming-fishing",
        "Handlers-cleaners",
        "Machine-op-inspct",
        "Other-service",
        "Priv-house-serv",
        "Prof-specialty",
        "Protective-serv",
        "Sales",
        "Tech-support",
        "Transport-moving",
    ),
    "relationship": (
        "Husband",
        "Not-in-family",
        "Other-relative",
        "Own-child",
        "Unmarried",
        "Wife",
    ),
    "race": ("Amer-Indian-Eskimo", "Asian-Pac-Islander", "Black", "Other", "White"),
    "sex": ("Female", "Male"),
    "native_country": (
        "Cambodia",
        "Canada",
        "China",
        "Columbia",
        "Cuba",
        "Dominican-Republic",
        "Ecuador",
        "El-Salvador",
        "England",
        "France",
        "Germany",
        "Greece",
        "Guatemala",
        "Haiti",
        "Holand-Netherlands",
        "Honduras",
        "Hong",
        "Hungary",
        "India",
        "Iran",
        "Ireland",
        "Italy",
        "Jamaica",
        "Japan",
        "Laos",
        "Mexico",
        "Nicaragua",
        "Outlying-US(Guam-USVI-etc)",
        "Peru",
        "Philippines",
        "Poland",
        "Portugal",
        "Puerto-Rico",
        "Scotland",
        "South",
        "Taiwan",
        "Thailand",
        "Trinadad&Tobago",
        "United-States",
        "Vietnam",
        "Yugoslavia",
    ),
}

# The test file writes labels with a trailing "." (">50K."); map both spellings.
_LABELS = {"<=50K": 0, "<=50K.": 0, ">50K": 1, ">50K.": 1}

_SPLIT_DTYPE = pd.CategoricalDtype(sorted(("train", "test")))


def _parse(raw: bytes, split: str) -> pd.DataFrame:
    """Turn the verified bytes of one UCI file into the tidy frame."""
    dtypes = {c: np.int64 for c in _INT_COLUMNS}
    dtypes.update({c: str for c in _CATEGORIES})
    dtypes["income_over_50k"] = str
    df = pd.read_csv(
        io.BytesIO(raw),
        sep=",",
        header=None,
        names=list(_COLUMNS),
        dtype=dtypes,
        skiprows=_HEADER_LINES[split],
        skipinitialspace=True,  # fields are separated by ", "
        na_values=["?"],
        keep_default_na=False,  # only "?" means missing; never guess "NA", "None", ...
        skip_blank_lines=True,  # both files end with an empty line
        engine="c",
    )
    for col, cats in _CATEGORIES.items():
        n_missing = df[col].isna().sum()
        df[col] = df[col].astype(pd.CategoricalDtype(list(cats)))
        # astype silently maps unknown strings to NaN; fail loudly instead.
        if df[col].isna().sum() != n_missing:
            raise ValueError(f"adult {split}: unexpected values in column {col!r}")
    labels = df["income_over_50k"].map(_LABELS)
    if labels.isna().any():
        raise ValueError(f"adult {split}: unexpected income labels")
    df["income_over_50k"] = labels.astype(np.int64)
    return df


def data_dir() -> Traversable:
    """The directory holding the vendored files: ``hrfair_helpers/datasets/data``, or ``_DATA_DIR`` when set."""
    return resources.data_dir("datasets", _DATA_DIR)


# Keyed on the data directory too, so that pointing the private _DATA_DIR seam
# elsewhere never serves frames parsed from other files.
@functools.cache
def _load_cached(split: str, directory: Traversable) -> pd.DataFrame:
    if split == "all":
        parts = [_load_cached(s, directory).assign(split=s) for s in ("train", "test")]
        df = pd.concat(parts, ignore_index=True)
        df["split"] = df["split"].astype(_SPLIT_DTYPE)
        return df
    name, sha = _FILES[split]
    return _parse(resources.read_verified(directory, name, sha, package="datasets", gzipped=True), split)


def load_adult(split: str = "train", drop_missing: bool = False) -> pd.DataFrame:
    """Load the UCI Adult (1994 US Census income) data set, shipped with the package.

    No network access is needed: the original UCI files are vendored inside
    ``hrfair_helpers/datasets/data`` and their SHA-256 is checked on first load.

    Parameters
    ----------
    split : {"train", "test", "all"}, default "train"
        ``"train"`` is ``adult.data`` (32,561 rows), ``"test"`` is
        ``adult.test`` (16,281 rows), ``"all"`` is train followed by test
        (48,842 rows) with a fresh ``RangeIndex`` and an extra column
        ``split``.
    drop_missing : bool, default False
        If True, drop every row with a missing value (originally ``"?"``, only
        found in ``workclass``, ``occupation`` and ``native_country``) and
        reset the index to ``0..n-1``.

    Returns
    -------
    pandas.DataFrame
        One row per person, columns in this order:

        - ``age``, ``fnlwgt``, ``education_num``, ``capital_gain``,
          ``capital_loss``, ``hours_per_week``: ``int64``;
        - ``workclass``, ``education``, ``marital_status``, ``occupation``,
          ``relationship``, ``race``, ``sex``, ``native_country``:
          ``category`` with the sorted category list from ``adult.names``
          (identical for every split; a category may have no rows in a
          split), missing values as NaN;
        - ``income_over_50k``: ``int64``, 1 if income > $50K else 0 (the
          trailing ``"."`` of the test-file labels is handled);
        - ``split`` (only when ``split="all"``): ``category`` with categories
          ``["test", "train"]`` telling which file the row came from.

        A new copy is returned on every call, so it is safe to modify.

    Raises
    ------
    ValueError
        If `split` is not one of ``"train"``, ``"test"``, ``"all"``.
    TypeError
        If `drop_missing` is not a bool.
    hrfair_helpers.datasets.DataIntegrityError
        (a subclass of :class:`OSError`) if a vendored file is missing,
        unreadable or fails its checksum; reinstall the package to fix it.

    See Also
    --------
    hrfair_helpers.datasets.DataIntegrityError : Raised on missing or corrupted files.
    fairlearn.datasets.fetch_adult : The same data from OpenML (needs network).

    Notes
    -----
    *Provenance and license.* Becker, B. & Kohavi, R. (1996). Adult. UCI
    Machine Learning Repository. https://doi.org/10.24432/C5XW20. Licensed
    under CC BY 4.0; the attribution must stay with any copy (see
    ``data/ADULT_PROVENANCE.md`` and ``data/adult.names`` in this package).

    *Construct validity.* The label records whether a person's 1994 income
    was above $50,000. It is not a measure of job performance, merit or
    "candidate success", and it already encodes historical pay gaps (on the
    training split 30.57% of men but 10.95% of women are labelled 1). Use it
    to practise fairness measurement, not as a stand-in for hiring outcomes.
    ``fnlwgt`` is a census sampling weight, not a personal attribute.

    The parsed frames are cached per split for the life of the process; the
    checksum is verified when a split is first read.

    Examples
    --------
    >>> from hrfair_helpers.datasets import load_adult
    >>> df = load_adult()
    >>> df.shape
    (32561, 15)
    >>> round(df.groupby("sex", observed=True)["income_over_50k"].mean(), 4).to_dict()
    {'Female': 0.1095, 'Male': 0.3057}
    >>> load_adult("all", drop_missing=True)["split"].value_counts().sort_index().to_dict()
    {'test': 15060, 'train': 30162}
    """
    if not isinstance(split, str) or split not in _VALID_SPLITS:
        raise ValueError(f"split must be one of {', '.join(map(repr, _VALID_SPLITS))}; got {split!r}")
    if not isinstance(drop_missing, (bool, np.bool_)):
        raise TypeError(
            f"drop_missing must be a bool (True or False); got {type(drop_missing).__name__} {drop_missing!r}"
        )
    # Deep-copy first: the cached frame must never reach the caller.
    df = _load_cached(split, data_dir()).copy(deep=True)
    if drop_missing:
        df = df.dropna(ignore_index=True)
    return df
