"""How well the protected attribute can be predicted from all the features together.

The multivariate view of proxy analysis (:mod:`hrfair_helpers.audit.proxies` has the pairwise
one): if a classifier recovers ``sex`` from the other inputs with a high cross-validated ROC AUC,
dropping ``sex`` from a model does not remove its signal. With ``drop_one=True`` the report says
which features carry it.

Checked libraries: the cross-validation is scikit-learn's ``cross_val_score`` with
``StratifiedKFold`` and its ``roc_auc`` / ``roc_auc_ovr`` scorers; what is written here is the
bookkeeping around missing groups, the subsampling and the report.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._utils import deprecation, render, style
from .proxies import _fixed, _group_codes

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from sklearn.base import BaseEstimator

    from .._utils.typing import Groups

DEFAULT_MAX_ROWS = 10_000


@dataclass
class PredictabilityReport:
    """Result of :func:`attribute_predictability`.

    Attributes
    ----------
    auc : float
        Mean cross-validated ROC AUC of predicting the protected attribute from the features
        (one-vs-rest macro average for more than two groups). 0.5 = chance, 1 = perfectly.
    auc_std : float
        Standard deviation of the per-fold AUCs.
    folds : ndarray
        AUC of each fold.
    by_dropped_feature : DataFrame or None
        With ``drop_one=True``: per feature, ``auc`` and ``auc_std`` without it and ``auc_drop``
        (AUC with all features minus AUC without it), largest drop first.
    attribute : str
        Name of the protected attribute.
    classes : list
        The groups of the protected attribute.
    n_rows : int
        Rows used (after leaving out missing groups and subsampling).
    cv : int
    chance : float
        The AUC of guessing: 0.5.
    notes : list of str
    """

    auc: float
    auc_std: float
    folds: np.ndarray
    by_dropped_feature: pd.DataFrame | None = None
    attribute: str = "protected"
    classes: list[Hashable] = field(default_factory=list)
    n_rows: int = 0
    cv: int = 5
    chance: float = 0.5
    notes: list[str] = field(default_factory=list)

    protected = deprecation.renamed_attribute("protected", "attribute")

    @property
    def table(self) -> pd.DataFrame:
        """AUC with all features and without each one (the report protocol's ``table``; see :meth:`to_frame`)."""
        return self.to_frame()

    def to_frame(self) -> pd.DataFrame:
        """AUC with all features, then (with ``drop_one``) without each feature, as a DataFrame."""
        frame = pd.DataFrame({"auc": [self.auc], "auc_std": [self.auc_std], "auc_drop": [0.0]}, index=["all features"])
        if self.by_dropped_feature is not None:
            dropped = self.by_dropped_feature.copy()
            dropped.index = [f"without {f}" for f in dropped.index]
            frame = pd.concat([frame, dropped])
        frame.index.name = "features used"
        return frame

    def _facts(self):
        return {
            "protected attribute": f"{self.attribute} ({', '.join(map(render.format_label, self.classes))})",
            "ROC AUC": f"{self.auc:.3f} ± {self.auc_std:.3f} over {self.cv} folds (chance = {self.chance:g})",
            "rows": self.n_rows,
        }

    def _repr_html_(self):
        return render.render_html(
            f"How predictable is {self.attribute}?",
            self._facts(),
            self.to_frame(),
            self.notes,
            float_format="{:.4f}",
        )

    def __repr__(self):
        return render.render_text(
            f"How predictable is {self.attribute}?", self._facts(), _fixed(self.to_frame()), self.notes
        )

    def plot(self, ax: Axes | None = None) -> Axes:
        """AUC with all features (and without each one, with ``drop_one``) on a 0–1 axis.

        Dashed lines mark chance (0.5) and the AUC with all features.
        """
        frame = self.to_frame()
        ax = style.bar_axes(
            ax,
            frame.index,
            frame["auc"].to_numpy(dtype=float),
            errors=frame["auc_std"].to_numpy(dtype=float),
            xlabel="cross-validated ROC AUC",
            title=f"Predicting {self.attribute} from the features",
        )
        ax.axvline(self.chance, color="grey", linestyle=":", label=f"chance ({self.chance:g})")
        ax.axvline(self.auc, color="#C44E52", linestyle="--", label="all features")
        ax.legend(loc="lower right")
        return ax


def _default_estimator():
    """One-hot for categorical columns + scaling for numeric ones, then logistic regression.

    Columns are picked by dtype, not by name, so the same estimator works when ``drop_one``
    removes a column.
    """
    from sklearn.compose import ColumnTransformer, make_column_selector
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import Pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    encode = ColumnTransformer(
        [
            (
                "categorical",
                OneHotEncoder(handle_unknown="ignore"),
                make_column_selector(dtype_include=["object", "category", "bool", "string"]),
            ),
            ("numeric", StandardScaler(), make_column_selector(dtype_include="number", dtype_exclude="bool")),
        ]
    )  # the one-hot output stays sparse, which keeps the fits fast
    return Pipeline([("encode", encode), ("classify", LogisticRegression(max_iter=1000))])


def _check_default_inputs(X):
    """The default estimator needs categorical or numeric columns and no missing numbers."""
    categorical = X.select_dtypes(include=["object", "category", "bool", "string"]).columns
    numeric = X.select_dtypes(include="number", exclude="bool").columns
    other = [c for c in X.columns if c not in categorical and c not in numeric]
    if other:
        raise ValueError(
            f"columns {other} are neither numeric nor categorical; convert them (e.g. dates to numbers) or drop them"
        )
    gaps = [c for c in numeric if X[c].isna().any()]
    if gaps:
        raise ValueError(
            f"numeric columns {gaps} have missing values, which logistic regression cannot use; "
            f"fill them (e.g. X[col].fillna(X[col].median())) or pass an estimator that handles "
            f"NaN, e.g. estimator=HistGradientBoostingClassifier()"
        )


@deprecation.renamed_arguments(protected="groups")
def attribute_predictability(
    X: pd.DataFrame | np.ndarray,
    groups: Groups,
    *,
    cv: int = 5,
    random_state: int = 0,
    estimator: BaseEstimator | None = None,
    drop_one: bool = False,
    max_rows: int | None = DEFAULT_MAX_ROWS,
) -> PredictabilityReport:
    """How well the protected attribute can be predicted from the features (cross-validated AUC).

    If a model can tell people's sex from the features a hiring model uses, then leaving ``sex``
    out of those features does not stop the model from treating the sexes differently.

    Parameters
    ----------
    X : DataFrame
        The features (without the protected attribute, e.g. ``adult_features(df, drop=["sex"])``).
    groups : str, list of str, Series or array
        One value per row of ``X``, or column name(s) of ``X`` (which are then removed from the
        features). Rows with a missing value are left out (and counted in the notes).
    cv : int, default 5
        Folds of ``StratifiedKFold(shuffle=True)``; every group needs at least ``cv`` rows.
    random_state : int, default 0
        Seeds the folds and the subsample.
    estimator : scikit-learn classifier, optional
        Default: one-hot encoding (``handle_unknown="ignore"``) of object/category/bool columns
        and ``StandardScaler`` for numeric ones, then ``LogisticRegression(max_iter=1000)``.
        A custom estimator is cloned for every fit; with ``drop_one`` it must accept ``X`` with
        a column removed (select columns by dtype, e.g. with ``make_column_selector``).
    drop_one : bool, default False
        Also refit without each feature in turn (same folds, same rows) and report how much the
        AUC drops: large drops mark the features that carry the signal. Features that carry the
        same signal stand in for each other, so a small drop does not mean "no proxy".
    max_rows : int or None, default 10_000
        Cross-validate on a stratified random subsample of this many rows (seeded by
        ``random_state``) when there are more; ``None`` uses every row. The default keeps
        ``drop_one`` on UCI Adult (32,561 rows, 10 features: 11 cross-validations) at about
        3-5 s on two cores instead of 9-17 s on all rows, and the AUC barely moves (sex: 0.930
        on the subsample, 0.931 on all rows). Fewer folds (``cv=3``) are the other lever.

    Returns
    -------
    PredictabilityReport

    Notes
    -----
    Scored with scikit-learn's ``roc_auc`` scorer for two groups and ``roc_auc_ovr`` (one-vs-rest,
    macro average, ``roc_auc_score(multi_class="ovr")``) for more. AUC is the probability that a
    randomly chosen member of a group gets a higher predicted probability of that group than a
    randomly chosen non-member: 0.5 is guessing, 1 is perfect separation.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> sex = rng.choice(["F", "M"], size=400)
    >>> X = pd.DataFrame({
    ...     "relationship": np.where(sex == "F", "Wife", "Husband"),
    ...     "tenure": rng.normal(size=400),
    ... })
    >>> rep = attribute_predictability(X, sex, drop_one=True)
    >>> round(rep.auc, 2)
    1.0
    >>> rep.by_dropped_feature.index[0]
    'relationship'
    """
    from sklearn.base import clone
    from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split
    from threadpoolctl import threadpool_limits

    if isinstance(X, np.ndarray) and X.ndim == 2:
        X = pd.DataFrame(X, columns=[f"x{i}" for i in range(X.shape[1])])
    if not isinstance(X, pd.DataFrame):
        raise ValueError(f"X must be a pandas DataFrame of features, got {type(X).__name__}")
    if not isinstance(cv, (int, np.integer)) or isinstance(cv, bool) or cv < 2:
        raise ValueError(f"cv must be a whole number of folds >= 2 (e.g. 5), got {cv!r}")
    if max_rows is not None and (
        not isinstance(max_rows, (int, np.integer)) or isinstance(max_rows, bool) or max_rows < 2 * cv
    ):
        raise ValueError(f"max_rows must be None or a whole number >= 2 * cv, got {max_rows!r}")

    codes, encoded, name, own = _group_codes(groups, X)
    X = X.drop(columns=own).reset_index(drop=True)
    if isinstance(groups, pd.Series) and groups.name in X.columns:
        same = X[groups.name].astype(object).to_numpy() == groups.astype(object).to_numpy()
        if same.all():
            raise ValueError(
                f"X still contains the protected column {groups.name!r}; drop it from X "
                f"(e.g. adult_features(df, drop=[{groups.name!r}])) or pass groups={groups.name!r}"
            )
    if X.shape[1] == 0:
        raise ValueError("X has no features left to predict the protected attribute from")
    default = estimator is None
    if default:
        _check_default_inputs(X)
        estimator = _default_estimator()

    notes = []
    rows = np.flatnonzero(codes >= 0)
    if encoded.unknown_count:
        notes.append(f"{encoded.unknown_count} rows with a missing {name} are left out")
    if max_rows is not None and rows.size > max_rows:
        rows, _ = train_test_split(rows, train_size=int(max_rows), stratify=codes[rows], random_state=random_state)
        rows = np.sort(rows)
        notes.append(
            f"AUC estimated on a stratified random subsample of {max_rows:,} of {int((codes >= 0).sum()):,} "
            f"rows (random_state={random_state}); pass max_rows=None to use every row"
        )
    y = codes[rows]
    counts = np.bincount(y, minlength=len(encoded.labels))
    if counts.min() < cv:
        small = render.format_label(encoded.labels[int(np.argmin(counts))])
        raise ValueError(
            f"group {small!r} has {int(counts.min())} rows, fewer than cv={cv} folds; "
            f"lower cv, merge small groups, or raise max_rows"
        )
    X = X.iloc[rows].reset_index(drop=True)
    scoring = "roc_auc" if len(encoded.labels) == 2 else "roc_auc_ovr"
    folds = StratifiedKFold(n_splits=int(cv), shuffle=True, random_state=random_state)

    def score(columns):
        return cross_val_score(clone(estimator), X[columns], y, cv=folds, scoring=scoring, error_score="raise")

    features = list(X.columns)
    if drop_one and len(features) < 2:
        raise ValueError("drop_one needs at least two features (one is left when one is dropped)")
    # The default fits are small (about a hundred columns): multi-threaded BLAS only adds
    # synchronisation, and on a busy machine made L-BFGS about 7x slower. A custom estimator
    # keeps the caller's thread settings.
    with threadpool_limits(1, user_api="blas") if default else contextlib.nullcontext():
        all_folds = score(features)
        results = {}
        if drop_one:
            for feature in features:
                fold_scores = score([c for c in features if c != feature])
                results[feature] = (float(fold_scores.mean()), float(fold_scores.std()))
    auc = float(all_folds.mean())
    by_dropped = None
    if drop_one:
        by_dropped = pd.DataFrame.from_dict(results, orient="index", columns=["auc", "auc_std"])
        by_dropped["auc_drop"] = auc - by_dropped["auc"]
        by_dropped = by_dropped.sort_values("auc_drop", ascending=False, kind="mergesort")
        by_dropped.index.name = "feature dropped"
    return PredictabilityReport(
        auc=auc,
        auc_std=float(all_folds.std()),
        folds=np.asarray(all_folds, dtype=float),
        by_dropped_feature=by_dropped,
        attribute=name,
        classes=list(encoded.labels),
        n_rows=int(rows.size),
        cv=int(cv),
        notes=notes,
    )
