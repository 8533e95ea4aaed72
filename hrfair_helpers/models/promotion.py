"""The documented promotion model of scenario 3, as a scikit-learn pipeline factory."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..datasets.promotions import MODEL_FEATURES

if TYPE_CHECKING:
    from sklearn.pipeline import Pipeline

    from .._utils.typing import ColumnNames


def make_promotion_model(drop: ColumnNames = (), features: Sequence[str] = MODEL_FEATURES) -> Pipeline:
    """The promotion model that `make_promotions` documents: a standardised logistic regression.

    ``department`` is one-hot encoded with its first level (Engineering) dropped, every column
    is standardised and a logistic regression (scikit-learn defaults, ``max_iter=1000``) is
    fitted. The pipeline selects its input columns by name, so ``X`` may carry other columns
    (a repaired tenure, the protected attribute for auditing) that the model does not read.

    Parameters
    ----------
    drop : sequence of str
        Inputs to leave out, e.g. ``("relocation_willingness",)``; names not among the
        features are ignored (``compare_mitigations`` passes the sensitive column).
    features : sequence of str, default ``MODEL_FEATURES``

    Returns
    -------
    sklearn.pipeline.Pipeline
        Steps ``encode``, ``scale``, ``classify``; unfitted.

    Examples
    --------
    >>> from hrfair_helpers.datasets import make_promotions
    >>> df = make_promotions(n=2000, seed=3)
    >>> model = make_promotion_model(drop=["relocation_willingness"]).fit(df, df["historical_promoted"])
    >>> len(model[:-1].transform(df.head(1))[0])  # 6 numeric inputs + 4 department indicators
    10
    """
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if isinstance(drop, str):
        drop = (drop,)
    kept = [f for f in features if f not in set(drop)]
    numeric = [f for f in kept if f != "department"]
    parts = [("numeric", "passthrough", numeric)]
    if "department" in kept:
        parts.append(("department", OneHotEncoder(drop="first"), ["department"]))
    return Pipeline(
        [
            ("encode", ColumnTransformer(parts)),
            ("scale", StandardScaler()),
            ("classify", LogisticRegression(max_iter=1000)),
        ]
    )
