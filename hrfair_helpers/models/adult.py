"""The "candidate success" model of scenario 1: a scikit-learn pipeline on UCI Adult.

The vendor's model is rebuilt here so that every notebook, grader and test fits exactly the same
pipeline from the same seed. ``fnlwgt`` is a census sampling weight, not a property of a person,
and ``education`` duplicates ``education_num``: neither is a feature.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from numpy.typing import ArrayLike
    from sklearn.pipeline import Pipeline

ADULT_NUMERIC = ["age", "education_num", "capital_gain", "capital_loss", "hours_per_week"]
ADULT_CATEGORICAL = [
    "workclass",
    "marital_status",
    "occupation",
    "relationship",
    "race",
    "sex",
    "native_country",
]
AGE_BANDS = ("under 25", "25-39", "40+")


def age_band(age: ArrayLike) -> pd.Series:
    """Age bands for the audit: under 25, 25–39, and 40+ (the US ADEA protects workers 40 and over).

    Examples
    --------
    >>> age_band([19, 25, 39, 40]).tolist()
    ['under 25', '25-39', '25-39', '40+']
    """
    age = pd.Series(np.asarray(age))
    bands = pd.cut(age, bins=[-np.inf, 24, 39, np.inf], labels=list(AGE_BANDS))
    return bands.astype(pd.CategoricalDtype(list(AGE_BANDS), ordered=True))


def adult_features(df: pd.DataFrame, drop: Iterable[str] = ()) -> pd.DataFrame:
    """Model inputs from a :func:`~hrfair_helpers.datasets.load_adult` frame.

    Missing categories become the explicit level ``"missing"`` (an unknown occupation is
    information, and one-hot encoders need a value).

    Parameters
    ----------
    df : DataFrame
        Output of ``load_adult``.
    drop : iterable of str
        Features to leave out, e.g. ``["sex"]`` for a "fairness through unawareness" model.
    """
    drop = set(drop)
    unknown = drop - set(ADULT_NUMERIC) - set(ADULT_CATEGORICAL)
    if unknown:
        raise ValueError(f"cannot drop {sorted(unknown)}: features are {ADULT_NUMERIC + ADULT_CATEGORICAL}")
    numeric = [c for c in ADULT_NUMERIC if c not in drop]
    categorical = [c for c in ADULT_CATEGORICAL if c not in drop]
    X = df[numeric].astype(float)
    for column in categorical:
        X[column] = df[column].astype(object).where(df[column].notna(), "missing").astype(str)
    return X


def make_adult_model(
    kind: Literal["logistic", "boosting"] = "logistic", drop: Iterable[str] = (), random_state: int = 0
) -> Pipeline:
    """An unfitted pipeline: one-hot + scaling, then logistic regression or gradient boosting.

    Parameters
    ----------
    kind : {"logistic", "boosting"}
        ``"logistic"``: ``LogisticRegression``; ``"boosting"``: ``HistGradientBoostingClassifier``.
    drop : iterable of str
        Features the pipeline ignores (it selects columns by name, so the same ``X`` works).
    random_state : int

    Examples
    --------
    >>> from hrfair_helpers.datasets import load_adult
    >>> df = load_adult("train").sample(2000, random_state=0)
    >>> model = make_adult_model().fit(adult_features(df), df["income_over_50k"])
    >>> model.predict_proba(adult_features(df)).shape
    (2000, 2)
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if kind not in ("logistic", "boosting"):
        raise ValueError(f"kind must be 'logistic' or 'boosting', got {kind!r}")
    drop = set(drop)
    numeric = [c for c in ADULT_NUMERIC if c not in drop]
    categorical = [c for c in ADULT_CATEGORICAL if c not in drop]
    encode = ColumnTransformer(
        [
            ("numeric", StandardScaler(), numeric),
            # Rare countries are pooled so one-hot columns stay few and stable across splits.
            ("categorical", OneHotEncoder(handle_unknown="infrequent_if_exist", min_frequency=50), categorical),
        ],
        sparse_threshold=0,
    )
    if kind == "logistic":
        classifier = LogisticRegression(max_iter=1000, random_state=random_state)
    else:
        classifier = HistGradientBoostingClassifier(max_iter=100, learning_rate=0.1, random_state=random_state)
    return Pipeline([("encode", encode), ("classify", classifier)])
