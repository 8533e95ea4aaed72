"""Input checks and the training data every mitigation method reads.

Every problem raises ``ValueError`` with a message that says how to fix it, as in
:mod:`hrfair_helpers.audit`.
"""

import hashlib
import inspect
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from .._utils import validation


def group_labels(groups, name):
    """Group labels as an object array, refusing missing values."""
    if not isinstance(groups, pd.Series):
        raise ValueError(
            f"{name} must be a pandas Series named after the sensitive column of X, "
            f"e.g. df['sex'] (got {type(groups).__name__})"
        )
    if groups.isna().any():
        raise ValueError(
            f"{name} has {int(groups.isna().sum())} missing values; every training and test row needs a "
            f"group: drop those rows or fill them explicitly"
        )
    return groups.astype(object).to_numpy()


def check_split(X, y, groups, split):
    """Validate one split; return (y as int array, group labels)."""
    if not isinstance(X, pd.DataFrame):
        raise ValueError(
            f"X_{split} must be a pandas DataFrame (columns are selected and dropped by name), got {type(X).__name__}"
        )
    validation.check_lengths({f"X_{split}": X, f"y_{split}": y, f"groups_{split}": groups})
    labels = group_labels(groups, f"groups_{split}")
    truth = validation.binary(y, f"y_{split}").astype(np.int64)
    if len(np.unique(truth)) < 2:
        raise ValueError(f"y_{split} has only one class ({int(truth[0])}); a classifier needs both 0 and 1")
    observed = pd.unique(labels)
    if len(observed) < 2:
        raise ValueError(
            f"groups_{split} has a single group ({observed[0]!r}); fairness mitigation compares at least two groups"
        )
    return truth, labels


def stratified_sample(y, groups, size, random_state):
    """Sorted row positions of a seeded subsample keeping each (group, label) cell's share."""
    n = len(y)
    if size is None or size >= n:
        return np.arange(n)
    rng = np.random.default_rng(random_state)
    cells = pd.factorize(pd.Series(groups).astype(str) + "|" + pd.Series(y).astype(str), sort=True)[0]
    chosen = []
    for cell in range(cells.max() + 1):
        rows = np.flatnonzero(cells == cell)
        keep = max(1, int(round(len(rows) * size / n)))
        chosen.append(rng.permutation(rows)[:keep])
    return np.sort(np.concatenate(chosen))


def describe_value(value, _seen=None):
    """A description of a setting that is the same in every session, for the comparison's memo.

    The memo must never return a result computed for something else, so this errs on the side
    of None ("cannot describe: do not memoise"). Described: plain values (numbers, strings,
    None), lists, tuples and dicts element by element, numpy arrays and pandas objects by a hash
    of their contents, classes and modules by name, estimators by type and parameters, and plain
    functions by their code, the values they close over, their defaults and the globals they
    read (recursively). Anything else (an arbitrary object, a bound method of one) gives None.

    Examples
    --------
    >>> make = lambda column: (lambda X: X[column])
    >>> describe_value(make("a")) == describe_value(make("a")) != describe_value(make("b"))
    True
    >>> describe_value(object()) is None
    True
    """
    import types

    seen = set() if _seen is None else _seen
    if value is None or isinstance(value, (bool, int, float, complex, str, bytes, np.generic)):
        return repr(value)
    if isinstance(value, (types.ModuleType, type)):
        return f"{type(value).__name__}:{getattr(value, '__module__', '')}.{value.__qualname__ if isinstance(value, type) else value.__name__}"
    if isinstance(value, (np.ndarray, pd.Series, pd.DataFrame, pd.Index)):
        frame = value if isinstance(value, (pd.Series, pd.DataFrame)) else pd.Series(np.asarray(value).ravel())
        digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
        if isinstance(frame, pd.DataFrame):
            layout = (list(frame.columns), [str(t) for t in frame.dtypes])
        else:
            layout = (getattr(value, "name", None), str(value.dtype))
        digest.update(repr((getattr(value, "shape", None), layout)).encode())
        return "data:" + digest.hexdigest()
    if id(value) in seen:
        return "recursive"
    seen = seen | {id(value)}
    if hasattr(value, "get_params") and not isinstance(value, type):
        return f"{type(value).__name__}{describe_value(value.get_params(deep=False), seen)}"
    if isinstance(value, (list, tuple)):
        parts = [describe_value(v, seen) for v in value]
        return None if None in parts else repr(tuple(parts))
    if isinstance(value, dict):
        parts = [(repr(k), describe_value(v, seen)) for k, v in value.items()]
        return None if any(p is None for _, p in parts) else repr(sorted(parts))
    if isinstance(value, types.BuiltinFunctionType):
        return f"builtin:{getattr(value, '__module__', '')}.{value.__qualname__}"
    if isinstance(value, types.FunctionType):
        code = value.__code__
        captured = [c.cell_contents for c in (value.__closure__ or ())]
        captured += list(value.__defaults__ or ()) + sorted((value.__kwdefaults__ or {}).items())
        read = [(name, value.__globals__[name]) for name in _global_names(code) if name in value.__globals__]
        inner = [describe_value(c, seen) for c in captured] + [describe_value(v, seen) for _, v in read]
        if None in inner:
            return None
        names = [n for n, _ in read]
        return "function:" + hashlib.sha256(_code_digest(code) + repr((inner, names)).encode()).hexdigest()
    return None


def _code_digest(code):
    """Bytes identifying a code object: bytecode, names and constants, nested code included."""
    consts = [_code_digest(c).hex() if hasattr(c, "co_code") else repr(c) for c in code.co_consts]
    return hashlib.sha256(code.co_code + repr((code.co_names, code.co_varnames, consts)).encode()).digest()


def _global_names(code):
    """Names a code object (and the code nested in it) may read as globals."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_code"):
            names.update(_global_names(const))
    return sorted(names)


def accepts_drop(factory):
    """Whether ``factory`` takes a ``drop`` keyword (e.g. ``make_adult_model``-style factories)."""
    try:
        params = inspect.signature(factory).parameters
    except (TypeError, ValueError):
        return False
    return "drop" in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def build_estimator(factory, drop=()):
    """An unfitted estimator from ``factory``, asked to leave out the columns in ``drop``.

    ``factory(drop=drop)`` when the factory takes a ``drop`` keyword, else ``factory()``:
    a factory such as ``lambda: LogisticRegression()`` cannot drop columns itself, and the caller
    fits it on X without them (:attr:`TrainingData.X_blind`, :meth:`TrainingData.blind`).
    """
    if drop and accepts_drop(factory):
        return factory(drop=tuple(drop))
    return factory()


@dataclass
class TrainingData:
    """The training split plus what the methods share.

    ``X_blind`` is ``X`` without the sensitive column. Every method except the baseline starts
    from the model built by ``make_estimator(drop=(attribute,))`` (or ``make_estimator()`` when
    the factory has no ``drop`` parameter) fitted on ``X_blind``, so the deployed model never
    reads the attribute unless the method needs it at decision time.
    """

    X: pd.DataFrame
    y: np.ndarray
    groups: np.ndarray
    attribute: str
    make_estimator: object
    threshold: float = 0.5
    random_state: int | None = 0
    fit_sample: int | None = None
    eg_max_iter: int = 20
    eg_eps: float = 0.01

    def blind(self, X):
        """``X`` without the sensitive column (unchanged when it has none)."""
        return X.drop(columns=[self.attribute]) if self.attribute in X.columns else X

    @cached_property
    def X_blind(self):
        return self.blind(self.X)

    def new_estimator(self, blind):
        """An unfitted estimator from the factory: without the attribute when ``blind``."""
        from sklearn.base import is_classifier

        estimator = build_estimator(self.make_estimator, (self.attribute,) if blind else ())
        if not (hasattr(estimator, "fit") and hasattr(estimator, "predict")):
            raise ValueError(
                f"make_estimator must return an unfitted scikit-learn estimator or pipeline, "
                f"got {type(estimator).__name__}"
            )
        if not is_classifier(estimator):
            raise ValueError(f"make_estimator must return a classifier, got {type(estimator).__name__}")
        return estimator

    @cached_property
    def blind_parts(self):
        """(fitted preprocessing or None, unfitted final step, its step name, encoded X_blind).

        A Pipeline's preprocessing steps are fitted once on ``X_blind`` and shared; the methods
        refit only the final step. That is exactly what refitting the whole pipeline would do
        when the preprocessing ignores labels and sample weights (scaling, one-hot encoding: true
        of ``make_adult_model``), and it saves one encoding pass per fit — ExponentiatedGradient
        fits its estimator dozens of times.
        """
        from sklearn.base import clone
        from sklearn.pipeline import Pipeline

        estimator = self.new_estimator(blind=True)
        if isinstance(estimator, Pipeline) and len(estimator.steps) > 1:
            prep = Pipeline(estimator.steps[:-1]).fit(self.X_blind, self.y)
            name, final = estimator.steps[-1]
            return prep, clone(final), name, prep.transform(self.X_blind)
        return None, estimator, None, self.X_blind

    def deployed(self, fitted_final, step_name=None):
        """The deployable model: shared preprocessing + a fitted final step, as one object."""
        from sklearn.pipeline import Pipeline

        prep, _, name, _ = self.blind_parts
        if prep is None:
            return fitted_final
        return Pipeline(prep.steps + [(step_name or name, fitted_final)])

    @cached_property
    def in_processing_rows(self):
        """Rows the in-processing methods fit on: all, or a seeded stratified subsample."""
        return stratified_sample(self.y, self.groups, self.fit_sample, self.random_state)


def predict_with_threshold(model, X, threshold):
    """0/1 decisions: score >= threshold when the model has ``predict_proba``, else ``predict``."""
    if hasattr(model, "predict_proba"):
        return (model.predict_proba(X)[:, 1] >= threshold).astype(np.int8)
    return np.asarray(model.predict(X)).astype(np.int8)
