"""How much a protected attribute leaks through the other features (proxy analysis).

Dropping ``sex`` from a model does not remove its signal when ``relationship`` ("Husband",
"Wife"), ``marital_status`` or ``occupation`` carry it. Two views are given here:

- :func:`cramers_v` and :func:`proxy_strength`: the pairwise association of each feature with
  the protected attribute (Cramér's V and normalised mutual information).
- :func:`~hrfair_helpers.audit.predictability.attribute_predictability` (in its own module): how
  well the protected attribute can be predicted from all features together (cross-validated ROC
  AUC), and which features carry that signal.

Checked libraries: scipy's ``scipy.stats.contingency.association(method="cramer")`` gives the
plain Cramér's V and is used for it; scipy and scikit-learn have no bias-corrected V, so the
Bergsma (2013) correction is written out below (and tested against the plain value and by
simulation). Mutual information is scikit-learn's ``normalized_mutual_info_score``. What is written here is the
discretisation, the bookkeeping around missing values, and the report.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._utils import deprecation, grouping, render, style, validation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from numpy.typing import ArrayLike

    from .._utils.typing import Groups

PROXY_COLUMNS = ["cramers_v", "normalized_mutual_info", "kind", "n_levels"]


def _fixed(frame, digits=3):
    """Float columns as fixed-decimal text: pandas would print 0.0002 as 2.000e-04."""
    frame = frame.copy()
    for column in frame.columns[frame.dtypes == np.float64]:
        frame[column] = frame[column].map(lambda v: "–" if np.isnan(v) else f"{v:.{digits}f}")
    return frame


# --------------------------------------------------------------------------- #
# Cramér's V


def _codes(values):
    """Integer codes of a 1-D array-like, -1 where the value is missing."""
    if isinstance(values, pd.DataFrame):
        raise ValueError("pass one column (a Series or 1-D array), not a DataFrame")
    if isinstance(values, (pd.Series, pd.Index)) and isinstance(values.dtype, pd.CategoricalDtype):
        return np.asarray(values.cat.codes if isinstance(values, pd.Series) else values.codes, np.int64)
    array = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    if array.ndim != 1:
        raise ValueError(f"pass a 1-D array-like (one value per row), got shape {array.shape}")
    codes, _ = pd.factorize(array, use_na_sentinel=True)
    return codes.astype(np.int64)


def _table(cx, cy):
    """Contingency table of two code arrays (no missing codes), with unused levels removed."""
    _, cx = np.unique(cx, return_inverse=True)
    _, cy = np.unique(cy, return_inverse=True)
    r, k = int(cx.max()) + 1, int(cy.max()) + 1
    return np.bincount(cx * k + cy, minlength=r * k).reshape(r, k)


def _v_from_table(table, bias_correction):
    """Cramér's V of a contingency table; 0.0 when either variable has a single level."""
    from scipy.stats import chi2_contingency
    from scipy.stats.contingency import association

    r, k = table.shape
    if min(r, k) < 2:
        return 0.0  # a constant carries no information about the other variable (formula: 0/0)
    if not bias_correction:
        return float(association(table, method="cramer"))
    n = table.sum()
    if n <= max(r, k):
        raise ValueError(
            f"the bias correction needs more rows than levels (rows={n}, levels={r}x{k}); "
            f"collect more data, merge rare levels, or pass bias_correction=False"
        )
    # Bergsma (2013): subtract the expected phi^2 under independence and shrink the table size.
    phi2 = chi2_contingency(table, correction=False)[0] / n
    phi2 = max(0.0, phi2 - (k - 1) * (r - 1) / (n - 1))
    r_tilde = r - (r - 1) ** 2 / (n - 1)
    k_tilde = k - (k - 1) ** 2 / (n - 1)
    return float(min(1.0, np.sqrt(phi2 / min(k_tilde - 1, r_tilde - 1))))


def cramers_v(x: ArrayLike, y: ArrayLike, *, bias_correction: bool = True) -> float:
    """Cramér's V between two categorical variables: 0 = independent, 1 = one determines the other.

    Parameters
    ----------
    x, y : 1-D array-like
        One value per row (labels of any type; numbers are treated as labels, so bin continuous
        values first, e.g. with ``pandas.qcut``). Rows where either value is missing (None/NaN)
        are dropped.
    bias_correction : bool, default True
        Apply the Bergsma (2013) correction. Plain V is biased upwards, most for many levels
        and few rows (it is positive even for independent variables); the corrected V is close
        to 0 for them.

    Returns
    -------
    float
        V in [0, 1]. A variable with a single level gives 0.0 (the formula is 0/0, and a
        constant carries no information about the other variable).

    Notes
    -----
    Plain V is ``sqrt(chi2 / (n * (min(r, k) - 1)))`` for an r x k table, computed with
    ``scipy.stats.contingency.association(table, method="cramer")``. The corrected V is
    ``sqrt(max(0, phi2 - (k-1)(r-1)/(n-1)) / min(k~ - 1, r~ - 1))`` with ``phi2 = chi2 / n``,
    ``r~ = r - (r-1)^2/(n-1)`` and ``k~ = k - (k-1)^2/(n-1)``.

    References
    ----------
    W. Bergsma (2013), "A bias-correction for Cramér's V and Tschuprow's T", Journal of the
    Korean Statistical Society 42(3), 323-328, doi:10.1016/j.jkss.2012.10.002.

    Examples
    --------
    >>> sex = ["F", "F", "F", "M", "M", "M"] * 20
    >>> role = ["Wife", "Wife", "Wife", "Husband", "Husband", "Husband"] * 20
    >>> cramers_v(sex, role, bias_correction=False)
    1.0
    >>> cramers_v(sex, ["a", "a", "b", "a", "a", "b"] * 20)  # same mix in both groups
    0.0
    """
    validation.check_lengths({"x": x, "y": y})
    cx, cy = _codes(x), _codes(y)
    keep = (cx >= 0) & (cy >= 0)
    if not keep.any():
        raise ValueError("no row has a value in both x and y; drop or fill the missing values first")
    return _v_from_table(_table(cx[keep], cy[keep]), bias_correction)


# --------------------------------------------------------------------------- #
# proxy_strength


@dataclass
class ProxyReport:
    """Result of :func:`proxy_strength`: one row per feature, strongest proxy first.

    Attributes
    ----------
    table : DataFrame
        Indexed by feature; columns ``cramers_v`` (bias-corrected unless asked otherwise),
        ``normalized_mutual_info``, ``kind`` ("categorical" / "numeric") and ``n_levels`` (levels
        or bins used).
    attribute : str
        Name of the protected attribute.
    bins : int
        Quantile bins requested for numeric features.
    n_rows : int
        Rows with a known protected attribute.
    notes : list of str
    """

    table: pd.DataFrame
    attribute: str
    bins: int = 5
    n_rows: int = 0
    notes: list[str] = field(default_factory=list)

    protected = deprecation.renamed_attribute("protected", "attribute")

    def to_frame(self) -> pd.DataFrame:
        """The per-feature table as a new DataFrame."""
        return self.table.copy()

    def top(self, k: int = 5) -> list[Hashable]:
        """Names of the ``k`` features most associated with the protected attribute (by V)."""
        return list(self.table.index[:k])

    def _facts(self):
        return {
            "protected attribute": self.attribute,
            "rows": self.n_rows,
            "numeric features": f"cut into up to {self.bins} quantile bins",
            "reading": "Cramér's V 0 = no association, 1 = the feature reveals the attribute",
        }

    def _repr_html_(self):
        return render.render_html(f"Proxies for {self.attribute}", self._facts(), self.table, self.notes)

    def __repr__(self):
        return render.render_text(f"Proxies for {self.attribute}", self._facts(), _fixed(self.table), self.notes)

    def plot(self, ax: Axes | None = None, k: int | None = None) -> Axes:
        """Horizontal bars of Cramér's V per feature (strongest first) on a 0–1 axis.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        k : int, optional
            Show only the ``k`` strongest proxies.
        """
        table = self.table if k is None else self.table.iloc[:k]
        return style.bar_axes(
            ax,
            table.index,
            table["cramers_v"].to_numpy(dtype=float),
            xlabel="Cramér's V",
            title=f"Association with {self.attribute}",
        )


def _discretise(series, bins):
    """Codes (-1 = missing), kind and number of levels of one feature, as proxy_strength uses it."""
    numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    if not numeric:
        codes = _codes(series)
        return codes, "categorical", int(np.unique(codes[codes >= 0]).size)
    values = series.to_numpy(dtype=float, na_value=np.nan)
    distinct = np.unique(values[~np.isnan(values)])
    if distinct.size <= bins:
        # Few distinct values (a flag, a rating): they are the levels, no binning needed.
        codes = np.searchsorted(distinct, values)
    else:
        codes = pd.qcut(values, bins, labels=False, duplicates="drop")
        codes = np.where(np.isnan(codes), -1, codes)
        if np.unique(codes[codes >= 0]).size < 2:
            # Ties made every quantile edge but the maximum coincide (capital_gain is 92 % zeros):
            # split at the median instead, "at or below" vs "above", so the variation still counts.
            codes = (values > np.nanmedian(values)).astype(np.int64)
    codes = np.where(np.isnan(values), -1, codes).astype(np.int64)
    return codes, "numeric", int(np.unique(codes[codes >= 0]).size)


def _group_codes(groups, data, what="groups"):
    """Resolve the protected attribute to (codes with -1 for missing, labels, name, own columns)."""
    if isinstance(groups, (list, tuple)) and not groups:
        raise ValueError(f"{what} is empty; pass a column name or one value per row")
    values = grouping.resolve(groups, data, what)
    frame = grouping.group_frame(values)
    validation.check_lengths({"data": data, what: grouping.rows_of(values, frame)})
    own = []
    if isinstance(groups, str):
        own = [groups]
    elif isinstance(groups, (list, tuple)) and all(isinstance(p, str) for p in groups):
        own = list(groups)
    elif frame.shape[1] == 1 and getattr(values, "name", None) is None:
        frame = frame.set_axis(["protected"], axis=1)  # unnamed values, e.g. age_band(df["age"])
    encoded = grouping.encode_groups(frame.reset_index(drop=True), unknown=())  # missing allowed, no label
    codes = np.full(len(frame), -1, dtype=np.int64)
    codes[encoded.known] = encoded.codes
    if len(encoded.labels) < 2:
        raise ValueError(
            f"{what} has a single value ({render.format_label(encoded.labels[0])!r}); "
            f"there is nothing to leak: pass an attribute with at least two groups"
        )
    name = " × ".join(str(c) for c in frame.columns)
    return codes, encoded, name, own


@deprecation.renamed_arguments(protected="groups")
@deprecation.keyword_only_after("groups")
def proxy_strength(
    data: pd.DataFrame,
    groups: Groups,
    *,
    features: Sequence[str] | None = None,
    bins: int = 5,
    bias_correction: bool = True,
) -> ProxyReport:
    """Association of every feature with a protected attribute: which features are proxies.

    Parameters
    ----------
    data : DataFrame
        The features (e.g. a ``load_adult`` frame or ``adult_features(df)``).
    groups : str, list of str, Series or array
        The protected attribute: a column of ``data``, several columns (their intersection), or one value per row of
        ``data`` computed on the fly (e.g. ``age_band(df["age"])``). Rows where it is missing
        are left out (and counted in the notes).
    features : list of str, optional
        Columns to check; default every column except the protected one(s) (a Series whose
        name is a column of ``data`` excludes that column too).
    bins : int, default 5
        Numeric features with more distinct values than this are cut into ``bins`` quantile
        bins (``pandas.qcut(..., duplicates="drop")``, so ties can give fewer); when ties leave a
        single bin, the feature is split at its median instead. Both measures use the same bins.
    bias_correction : bool, default True
        Bias-corrected Cramér's V (Bergsma 2013); see :func:`cramers_v`.

    Returns
    -------
    ProxyReport
        One row per feature, sorted by Cramér's V (strongest proxy first).

    Notes
    -----
    Each pair is computed on the rows where both the feature and the protected attribute are
    known (features with missing values are named in the notes). Normalised mutual information
    is scikit-learn's ``normalized_mutual_info_score`` (arithmetic normalisation): 0 when
    independent, 1 when each determines the other. V reacts to any departure from independence;
    NMI is lower when one variable has many more levels than the other. A feature that is
    strongly associated with the attribute lets a model reconstruct the attribute even when the
    attribute itself is not an input.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "sex": ["F", "F", "F", "F", "M", "M", "M", "M"] * 10,
    ...     "relationship": ["Wife", "Wife", "Wife", "Own-child", "Husband", "Husband", "Husband",
    ...                      "Own-child"] * 10,
    ...     "team": ["a", "b", "a", "b", "a", "b", "a", "b"] * 10,
    ... })
    >>> rep = proxy_strength(df, "sex")
    >>> rep.top(1)
    ['relationship']
    >>> rep.table.round(3)
                  cramers_v  normalized_mutual_info         kind  n_levels
    feature
    relationship      0.857                   0.586  categorical         3
    team              0.000                   0.000  categorical         2
    """
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame, got {type(data).__name__}")
    validation.check_whole_number(bins, "bins", 2, hint=" (e.g. 5 quantile bins)")
    codes_p, encoded, name, own = _group_codes(groups, data)
    if isinstance(groups, pd.Series) and groups.name in data.columns:
        own.append(groups.name)
    if features is None:
        features = [c for c in data.columns if c not in own]
    else:
        if isinstance(features, str):
            features = [features]
        features = list(features)
        missing = [f for f in features if f not in data.columns]
        if missing:
            raise ValueError(f"features {missing} are not columns of data; available: {list(data.columns)}")
        clash = [f for f in features if f in own]
        if clash:
            raise ValueError(f"features include the protected attribute {clash}; leave it out of features")
    if not features:
        raise ValueError("no features to check: data has no column besides the protected attribute")

    from sklearn.metrics import normalized_mutual_info_score

    known_p = codes_p >= 0
    rows, notes = {}, []
    if encoded.unknown_count:
        notes.append(f"{encoded.unknown_count} rows with a missing {name} are left out")
    for feature in features:
        codes, kind, levels = _discretise(data[feature].reset_index(drop=True), bins)
        keep = known_p & (codes >= 0)
        dropped = int((known_p & (codes < 0)).sum())
        if dropped:
            notes.append(f"{feature}: {dropped} rows with a missing value are left out of its row")
        if not keep.any():
            notes.append(f"{feature}: no known values, so no association can be computed")
            rows[feature] = (np.nan, np.nan, kind, 0)
            continue
        v = _v_from_table(_table(codes[keep], codes_p[keep]), bias_correction)
        nmi = float(normalized_mutual_info_score(codes_p[keep], codes[keep]))
        rows[feature] = (v, nmi, kind, levels)
        if levels < 2:
            notes.append(f"{feature} has a single value, so it carries no information (V = 0)")
    table = pd.DataFrame.from_dict(rows, orient="index", columns=PROXY_COLUMNS)
    table.index.name = "feature"
    table["n_levels"] = table["n_levels"].astype(np.int64)
    # Stable sort keeps the caller's column order among ties (e.g. several zeros).
    table = table.sort_values("cramers_v", ascending=False, kind="mergesort", na_position="last")
    return ProxyReport(table=table, attribute=name, bins=int(bins), n_rows=int(known_p.sum()), notes=notes)


# --------------------------------------------------------------------------- #
# attribute_predictability


# attribute_predictability has its own module now (issue 16); served here for one release.
__getattr__ = deprecation.moved(
    __name__,
    {
        "attribute_predictability": "hrfair_helpers.audit.predictability",
        "PredictabilityReport": "hrfair_helpers.audit.predictability",
    },
)
