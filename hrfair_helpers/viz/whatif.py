"""What-if analysis: change one employee's features and watch the model's recommendation.

Three views of the same question, "what would the model say if this were different?":

- :func:`what_if` — one person, any set of changes: original and counterfactual score and
  decision, and whether the decision flipped.
- :func:`counterfactual_table` — the population version: everyone's score with one column set
  to each of several values (e.g. ``gender`` set to each group, or ``tenure_in_role`` replaced
  by ``leave_adjusted_tenure``), and the share of decisions that change.
- :func:`what_if_explorer` — :func:`what_if` behind ipywidgets controls; :func:`plot_what_if`
  draws a static rendering for the printed book.

Checked libraries: the Google What-If Tool (``witwidget``) is unmaintained and does not run in
JupyterLab 4; dice-ml and alibi *search* for counterfactuals rather than let a student set them;
shap explains a score but does not re-score a changed person. So this module is a thin layer
over any fitted estimator with ``predict_proba``; ipywidgets and matplotlib are imported only
when used.

Conventions: the score is ``predict_proba(X)[:, 1]`` (the positive class of a binary model) and
a person is recommended when ``score >= threshold``. When the model records the columns it was
trained on (``feature_names_in_``, as scikit-learn estimators and pipelines fitted on a
DataFrame do), only those columns are passed to it, so a row may carry other columns such as
the protected attribute. Changing a column the model does not use cannot change the score —
that is "fairness through unawareness", and the result says so in a note.
"""

from __future__ import annotations

import html
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._utils import render, style, validation

if TYPE_CHECKING:
    from ipywidgets import VBox
    from matplotlib.axes import Axes

    from .._utils.typing import ProbabilisticClassifier

# --------------------------------------------------------------------------- #
# validation and scoring


def _check_threshold(threshold):
    return validation.check_fraction(threshold, "threshold", strict=True, why=" (scores are probabilities)")


def _check_model(model):
    if not callable(getattr(model, "predict_proba", None)):
        raise TypeError(
            f"model must be a fitted estimator with predict_proba(DataFrame), got {type(model).__name__}; "
            "for a model that only has decision_function (e.g. SVC), wrap it in "
            "sklearn.calibration.CalibratedClassifierCV, or write a small adapter class whose "
            "predict_proba(X) returns np.column_stack([1 - score, score])"
        )


def _model_columns(model):
    names = getattr(model, "feature_names_in_", None)
    return None if names is None else [str(n) for n in names]


def _model_input(model, frame):
    """The columns of ``frame`` the model was trained on (all of them if it does not say)."""
    names = _model_columns(model)
    if names is None:
        return frame
    missing = [n for n in names if n not in frame.columns]
    if missing:
        raise ValueError(f"the data lack column(s) {missing} that the model was trained on")
    return frame[names]


def _score(model, frame):
    """Positive-class probability for every row of ``frame``."""
    proba = np.asarray(model.predict_proba(_model_input(model, frame)), dtype=float)
    if proba.ndim != 2 or proba.shape[1] != 2:
        raise ValueError(
            f"predict_proba must return one column per class of a binary model (n, 2), got shape {proba.shape}"
        )
    return proba[:, 1]


def _one_row(row):
    """``row`` as a one-row DataFrame (a Series becomes a row with its dtypes restored)."""
    if isinstance(row, pd.Series):
        frame = row.to_frame().T.infer_objects()
    elif isinstance(row, pd.DataFrame):
        frame = row
    else:
        raise TypeError(
            f"row must be a one-row DataFrame (e.g. data.iloc[[3]]) or a Series (data.iloc[3]), "
            f"got {type(row).__name__}"
        )
    if len(frame) != 1:
        raise ValueError(f"row must hold exactly one person, got {len(frame)} rows; use data.iloc[[i]]")
    return frame.copy()


def _set_column(frame, column, value):
    """Set ``frame[column]`` to ``value`` (scalar or one value per row), keeping a categorical dtype."""
    dtype = frame[column].dtype
    if isinstance(dtype, pd.CategoricalDtype):
        values = (
            pd.Series(value, index=frame.index)
            if np.ndim(value) == 0
            else pd.Series(np.asarray(value, dtype=object), index=frame.index)
        )
        unknown = sorted({str(v) for v in values.dropna().unique() if v not in dtype.categories})
        if unknown:
            raise ValueError(f"{column!r} is categorical; {unknown} not among its categories {list(dtype.categories)}")
        frame[column] = pd.Categorical(values, dtype=dtype)
    elif np.ndim(value) == 0:
        frame[column] = value
    else:
        frame[column] = np.asarray(value)


def _same(a, b):
    try:
        if isinstance(a, numbers.Real) and isinstance(b, numbers.Real):
            return bool(np.isclose(float(a), float(b), rtol=0, atol=1e-12))
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _plain(value):
    """numpy scalars as Python scalars, for tables and widgets."""
    return value.item() if isinstance(value, np.generic) else value


# --------------------------------------------------------------------------- #
# one person


@dataclass
class WhatIfResult:
    """Result of :func:`what_if`.

    Attributes
    ----------
    original_score, counterfactual_score : float
        The model's score before and after the changes.
    original_decision, counterfactual_decision : bool
        Recommended (``score >= threshold``) before and after.
    flipped : bool
        True when the decision changed.
    changes : DataFrame
        Columns ``column, original, new``: only the features whose value actually changed.
    threshold : float
    row_label : object
        Index label of the person in the data.
    notes : list of str
    """

    original_score: float
    counterfactual_score: float
    original_decision: bool
    counterfactual_decision: bool
    flipped: bool
    changes: pd.DataFrame
    threshold: float
    row_label: object = None
    notes: list[str] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        """The changed features, before and after (the report protocol's ``table``; the same object as ``changes``)."""
        return self.changes

    def to_frame(self) -> pd.DataFrame:
        """Score and decision, one row for the original and one for the counterfactual."""
        return pd.DataFrame(
            {
                "score": [self.original_score, self.counterfactual_score],
                "recommended": [self.original_decision, self.counterfactual_decision],
            },
            index=pd.Index(["original", "counterfactual"], name="scenario"),
        )

    def _facts(self):
        return {
            "employee": render.format_label(self.row_label),
            "threshold": f"{self.threshold:.2f} (recommended when score ≥ threshold)",
            "score change": f"{self.counterfactual_score - self.original_score:+.3f}",
            "decision flipped": "yes" if self.flipped else "no",
        }

    def _repr_html_(self):
        body = render.render_html("What if…", self._facts(), self.to_frame(), self.notes)
        if len(self.changes):
            body += "<p><em>Changed features</em></p>" + self.changes.to_html(index=False, border=0)
        else:
            body += "<p><em>No feature changed.</em></p>"
        return body

    def __repr__(self):
        text = render.render_text("What if…", self._facts(), self.to_frame(), self.notes)
        if len(self.changes):
            return text + "\nChanged features:\n" + self.changes.to_string(index=False)
        return text + "\nNo feature changed."

    def plot(self, ax: Axes | None = None) -> Axes:
        """Same as :func:`plot_what_if`."""
        return plot_what_if(self, ax=ax)


def what_if(
    model: ProbabilisticClassifier, row: pd.DataFrame | pd.Series, changes: dict[str, Any], *, threshold: float = 0.5
) -> WhatIfResult:
    """Score one person as they are and with some features changed.

    Parameters
    ----------
    model : fitted estimator
        Anything with ``predict_proba(DataFrame)``; the score is column 1 (positive class).
    row : one-row DataFrame or Series
        The person, e.g. ``data.iloc[[3]]`` or ``data.iloc[3]``. May hold columns the model does
        not use (they are dropped before scoring when the model has ``feature_names_in_``).
    changes : dict
        ``{column: new value}``; every key must be a column of ``row``. Categorical columns
        accept only their categories.
    threshold : float in (0, 1), default 0.5

    Returns
    -------
    WhatIfResult

    Raises
    ------
    ValueError
        Unknown column in ``changes`` (the message lists the valid ones), ``row`` with more than
        one row, a threshold outside (0, 1), an unknown category.
    TypeError
        ``model`` without ``predict_proba`` (the message suggests an adapter).

    Examples
    --------
    >>> class Linear:  # score = 0.1 * projects
    ...     def predict_proba(self, X):
    ...         s = 0.1 * X["projects"].to_numpy(dtype=float)
    ...         return np.column_stack([1 - s, s])
    >>> person = pd.DataFrame({"projects": [4], "gender": ["woman"]})
    >>> res = what_if(Linear(), person, {"projects": 6})
    >>> round(res.original_score, 3), round(res.counterfactual_score, 3), res.flipped
    (0.4, 0.6, True)
    """
    _check_model(model)
    threshold = _check_threshold(threshold)
    original = _one_row(row)
    if not isinstance(changes, dict):
        raise TypeError(f"changes must be a dict {{column: new value}}, got {type(changes).__name__}")
    unknown = [c for c in changes if c not in original.columns]
    if unknown:
        raise ValueError(f"changes names unknown column(s) {unknown}; valid columns: {list(original.columns)}")

    counterfactual = original.copy()
    records = []
    for column, value in changes.items():
        before = _plain(original[column].iloc[0])
        if _same(before, value):
            continue
        _set_column(counterfactual, column, value)
        records.append({"column": column, "original": before, "new": _plain(value)})
    table = pd.DataFrame(records, columns=["column", "original", "new"])

    scores = _score(model, pd.concat([original, counterfactual]))
    notes = []
    used = _model_columns(model)
    if used is not None:
        unused = [r["column"] for r in records if r["column"] not in used]
        if unused:
            notes.append(
                f"{', '.join(map(str, unused))}: not a model input, so changing it alone cannot change the "
                "score; the model may still use features associated with it (proxies)"
            )
    original_score, counterfactual_score = float(scores[0]), float(scores[1])
    before, after = original_score >= threshold, counterfactual_score >= threshold
    return WhatIfResult(
        original_score=original_score,
        counterfactual_score=counterfactual_score,
        original_decision=bool(before),
        counterfactual_decision=bool(after),
        flipped=bool(before != after),
        changes=table,
        threshold=threshold,
        row_label=_plain(original.index[0]),
        notes=notes,
    )


# --------------------------------------------------------------------------- #
# the population


def _labelled_values(values):
    if isinstance(values, dict):
        items = list(values.items())
    elif callable(values) or isinstance(values, (str, bytes)) or np.ndim(values) == 0:
        raise ValueError(
            "values must be a list of values (e.g. ['woman', 'man']) or a dict {label: value or "
            "callable}, e.g. {'HR clock': lambda d: d['tenure_in_role'], "
            "'leave-adjusted': lambda d: d['leave_adjusted_tenure']}"
        )
    else:
        items = [(getattr(v, "__name__", v) if callable(v) else _plain(v), v) for v in values]
    if not items:
        raise ValueError("values must hold at least one value")
    labels = [str(label) for label, _ in items]
    if len(set(labels)) != len(labels):
        raise ValueError(f"values need distinct labels, got {labels}; pass a dict {{label: value}}")
    return labels, [v for _, v in items]


def counterfactual_table(
    model: ProbabilisticClassifier,
    data: pd.DataFrame,
    column: str,
    values: Iterable[Any] | dict[Any, Any],
    *,
    threshold: float = 0.5,
) -> pd.DataFrame:
    """Everyone's score with ``column`` set to each of ``values``, and how many decisions change.

    Parameters
    ----------
    model : fitted estimator with ``predict_proba(DataFrame)``
    data : DataFrame
        The people to score (may hold columns the model does not use).
    column : str
        The column to set, e.g. ``"gender"`` or ``"tenure_in_role"``.
    values : list or dict
        A list of values, each set for everyone (e.g. ``["woman", "man"]``), or a dict
        ``{label: value}`` whose values may also be callables ``f(data) -> one value per row``,
        e.g. ``{"HR clock": lambda d: d["tenure_in_role"],
        "leave-adjusted": lambda d: d["leave_adjusted_tenure"]}``. A callable in a list is
        labelled by its ``__name__``.
    threshold : float in (0, 1), default 0.5

    Returns
    -------
    DataFrame
        Indexed like ``data``: one score column per value, named ``"column=label"``, and a bool
        column ``decision_changes`` (the decision ``score >= threshold`` is not the same for
        every value). ``attrs`` holds ``column``, ``labels``, ``threshold`` and ``flip_share``
        (the mean of ``decision_changes``). One ``predict_proba`` call per value.

    Examples
    --------
    >>> class Linear:
    ...     def predict_proba(self, X):
    ...         s = 0.1 * X["projects"].to_numpy(dtype=float)
    ...         return np.column_stack([1 - s, s])
    >>> people = pd.DataFrame({"projects": [2, 4, 7], "fair": [2, 6, 7]})
    >>> t = counterfactual_table(Linear(), people, "projects", {"as is": lambda d: d["projects"],
    ...                                                         "fair": lambda d: d["fair"]})
    >>> t["decision_changes"].tolist(), t.attrs["flip_share"]
    ([False, True, False], 0.3333333333333333)
    """
    _check_model(model)
    threshold = _check_threshold(threshold)
    if not isinstance(data, pd.DataFrame) or len(data) == 0:
        raise ValueError("data must be a non-empty DataFrame")
    if column not in data.columns:
        raise ValueError(f"column {column!r} is not in data; valid columns: {list(data.columns)}")
    labels, raw = _labelled_values(values)

    scores = {}
    for label, value in zip(labels, raw):
        frame = data.copy()
        if callable(value):
            value = np.asarray(value(data))
            if value.shape != (len(data),):
                raise ValueError(f"values[{label!r}] must return one value per row of data, got shape {value.shape}")
        _set_column(frame, column, value)
        scores[f"{column}={label}"] = _score(model, frame)
    table = pd.DataFrame(scores, index=data.index)
    decisions = table.to_numpy() >= threshold
    table["decision_changes"] = decisions.any(axis=1) & ~decisions.all(axis=1)
    table.attrs.update(
        column=column,
        labels=labels,
        threshold=threshold,
        flip_share=float(table["decision_changes"].mean()),
    )
    return table


# --------------------------------------------------------------------------- #
# the static rendering


def plot_what_if(result_or_table: WhatIfResult | pd.DataFrame, ax: Axes | None = None) -> Axes:
    """Static rendering for the book, on a fixed 0–1 axis.

    For a :class:`WhatIfResult`: the original and counterfactual score as bars, with the
    threshold as a dashed line. For a :func:`counterfactual_table`: the share recommended
    (``score >= threshold``) under each value, with the share of changed decisions in the title.

    Returns
    -------
    matplotlib Axes
    """
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 2.6))
    if isinstance(result_or_table, WhatIfResult):
        res = result_or_table
        labels = ["original", "counterfactual"]
        values = [res.original_score, res.counterfactual_score]
        colors = [style.group_color(0), style.group_color(1)]
        ax.barh([0, 1], values, color=colors)
        ax.axvline(res.threshold, color=style.THRESHOLD_COLOR, linestyle="--", label=f"threshold {res.threshold:.2f}")
        for y, (v, decided) in enumerate(zip(values, [res.original_decision, res.counterfactual_decision])):
            ax.text(
                min(v + 0.01, 0.8),
                y,
                f"{v:.2f} ({'recommended' if decided else 'not recommended'})",
                va="center",
                fontsize="small",
            )
        changed = ", ".join(f"{r.column}: {r.original} → {r.new}" for r in res.changes.itertuples()) or "no change"
        ax.set_title(f"What if {changed}" + (" — decision flips" if res.flipped else ""), fontsize="medium")
        ax.set_xlabel("score")
        ax.legend(loc="lower right", fontsize="small")
    elif isinstance(result_or_table, pd.DataFrame) and "flip_share" in result_or_table.attrs:
        table = result_or_table
        threshold = table.attrs["threshold"]
        score_columns = [c for c in table.columns if c != "decision_changes"]
        labels = [c.split("=", 1)[1] if "=" in c else c for c in score_columns]
        values = [(table[c] >= threshold).mean() for c in score_columns]
        ax.barh(range(len(values)), values, color=[style.group_color(i) for i in range(len(values))])
        for y, v in enumerate(values):
            ax.text(min(v + 0.01, 0.85), y, f"{v:.1%}", va="center", fontsize="small")
        ax.set_title(
            f"Share recommended with {table.attrs['column']} set to each value "
            f"({table.attrs['flip_share']:.1%} of decisions change)",
            fontsize="medium",
        )
        ax.set_xlabel(f"share recommended (score ≥ {threshold:.2f})")
    else:
        raise TypeError("plot_what_if takes a WhatIfResult (from what_if) or a table from counterfactual_table")
    ax.set_yticks(range(len(labels)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.grid(axis="x", alpha=0.3)
    return ax


# --------------------------------------------------------------------------- #
# the explorer


class _WhatIfExplorer:
    """State and update logic of :func:`what_if_explorer`, apart from the layout so tests can drive it."""

    def __init__(self, model, data, features, threshold, index):
        import ipywidgets as widgets

        _check_model(model)
        self.threshold = _check_threshold(threshold)
        if not isinstance(data, pd.DataFrame) or len(data) == 0:
            raise ValueError("data must be a non-empty DataFrame")
        features = [features] if isinstance(features, str) else list(features)
        unknown = [f for f in features if f not in data.columns]
        if unknown:
            raise ValueError(f"features names unknown column(s) {unknown}; valid columns: {list(data.columns)}")
        if not features:
            raise ValueError("features must name at least one column to change")
        if isinstance(index, (bool, np.bool_)) or not isinstance(index, numbers.Integral) or not 0 <= index < len(data):
            raise ValueError(f"index must be a row position between 0 and {len(data) - 1}, got {index!r}")
        self.model, self.data, self.features = model, data, features
        self._busy = False
        self.result = None

        wide = {"description_width": "initial"}
        self.picker = widgets.BoundedIntText(
            value=int(index), min=0, max=len(data) - 1, description="employee (row)", style=wide
        )
        self.label = widgets.HTML()
        self.controls = {f: self._control(widgets, f, wide) for f in features}
        self.reset = widgets.Button(description="reset", icon="undo", tooltip="back to this employee's values")
        self.result_html = widgets.HTML()

        self.picker.observe(self.load, names="value")
        for control in self.controls.values():
            control.observe(self.update, names="value")
        self.reset.on_click(self.restore)
        self.load()

    def _control(self, widgets, name, style_):
        column = self.data[name]
        common = {"description": str(name), "style": style_, "continuous_update": False}
        if pd.api.types.is_bool_dtype(column) or not pd.api.types.is_numeric_dtype(column):
            if isinstance(column.dtype, pd.CategoricalDtype):
                options = [_plain(v) for v in column.cat.categories]
            else:
                options = sorted({_plain(v) for v in column.dropna()}, key=str)
            return widgets.Dropdown(options=options, description=str(name), style=style_)
        low, high = _plain(column.min()), _plain(column.max())
        if pd.api.types.is_integer_dtype(column):
            return widgets.IntSlider(min=int(low), max=int(high), step=1, **common)
        step = (float(high) - float(low)) / 100 or 0.01
        return widgets.FloatSlider(min=float(low), max=float(high), step=step, readout_format=".2f", **common)

    def row(self):
        """The selected person as a one-row DataFrame."""
        return self.data.iloc[[self.picker.value]]

    def changes(self):
        """``{feature: control value}`` for the controls that differ from the person's own values."""
        original = self.row().iloc[0]
        return {f: c.value for f, c in self.controls.items() if not _same(_plain(original[f]), c.value)}

    def update(self, change=None):
        """Re-score with the controls' values and write the result into the HTML widget."""
        if self._busy:
            return
        self.result = what_if(self.model, self.row(), self.changes(), threshold=self.threshold)
        self.result_html.value = self.result._repr_html_()

    def load(self, change=None):
        """Set every control to the selected person's values and show their (unchanged) result."""
        original = self.row().iloc[0]
        self._busy = True
        try:
            for f, control in self.controls.items():
                control.value = _plain(original[f])
        finally:
            self._busy = False
        label = render.format_label(_plain(self.row().index[0]))
        self.label.value = f"<em>row label {html.escape(label)}</em>"
        self.update()

    def restore(self, button=None):
        """The reset button: back to the person's own values."""
        self.load()


def what_if_explorer(
    model: ProbabilisticClassifier,
    data: pd.DataFrame,
    *,
    features: Sequence[str],
    threshold: float = 0.5,
    index: int = 0,
) -> VBox:
    """An ipywidgets panel: pick an employee, change features, see the recommendation flip (or not).

    Parameters
    ----------
    model : fitted estimator with ``predict_proba(DataFrame)``
    data : DataFrame
        The employees (may hold columns the model does not use, e.g. ``gender``).
    features : list of str
        Columns to offer controls for: a slider over the column's range for numeric columns
        (IntSlider for integers), a dropdown for categorical, text or bool columns.
    threshold : float in (0, 1), default 0.5
    index : int, default 0
        Row position of the first employee shown.

    Returns
    -------
    ipywidgets.VBox
        For scripts and tests it also carries ``picker`` (row position), ``controls`` (dict
        feature → widget), ``reset`` (the button), ``result_html`` (the HTML widget with the
        :class:`WhatIfResult`) and ``explorer`` (whose ``result`` is the latest result).

    Examples
    --------
    >>> class Linear:
    ...     def predict_proba(self, X):
    ...         s = 0.1 * X["projects"].to_numpy(dtype=float)
    ...         return np.column_stack([1 - s, s])
    >>> box = what_if_explorer(Linear(), pd.DataFrame({"projects": [4, 8]}), features=["projects"])
    >>> box.controls["projects"].value = 6
    >>> box.explorer.result.flipped
    True
    >>> box.reset.click(); box.explorer.result.flipped
    False
    """
    import ipywidgets as widgets

    explorer = _WhatIfExplorer(model, data, features, threshold, index)
    box = widgets.VBox(
        [
            widgets.HBox([explorer.picker, explorer.label]),
            widgets.VBox(list(explorer.controls.values())),
            explorer.reset,
            explorer.result_html,
        ]
    )
    box.explorer = explorer
    box.picker = explorer.picker
    box.controls = explorer.controls
    box.reset = explorer.reset
    box.result_html = explorer.result_html
    return box
