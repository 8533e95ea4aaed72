"""Type aliases of the public API's annotations: one home per concept.

The annotated modules import these names under ``if TYPE_CHECKING:`` only (their annotations are
strings, ``from __future__ import annotations``), so importing the package never loads this module;
type checkers, :func:`typing.get_type_hints` and ``tests/test_type_hints.py`` do.

Examples
--------
>>> from hrfair_helpers._utils.typing import Column, RandomState
>>> import typing
>>> type(None) in typing.get_args(RandomState)
True
"""

from __future__ import annotations

import os
from collections.abc import Hashable, Sequence
from typing import Any, Literal, Protocol, TypeAlias

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

__all__ = [
    "AnyFrame",
    "ArrayLike",
    "Column",
    "ColumnNames",
    "Groups",
    "ListLike",
    "ProbabilisticClassifier",
    "RandomState",
    "Reference",
    "StrPath",
    "Texts",
    "UnknownLabels",
]

#: One value per person: the values themselves (a Series, array or list), or the name of a column of ``data``.
Column: TypeAlias = ArrayLike | str

#: The group of each person. One column (a Series, 1-D array or list), several columns (a DataFrame,
#: a dict ``{name: values}``, a list of Series or arrays, or a 2-D array: intersectional groups),
#: or the name(s) of columns of ``data``.
Groups: TypeAlias = ArrayLike | pd.DataFrame | dict[str, Any] | Sequence[ArrayLike] | str | Sequence[str]

#: Column names: one name, or several.
ColumnNames: TypeAlias = str | Sequence[str]

#: The labels meaning "unknown group": one label, several, or None (nothing is unknown).
UnknownLabels: TypeAlias = str | Sequence[str] | None

#: The comparison group: ``"highest"`` (the group with the highest rate) or a group label (a tuple
#: for an intersectional group).
Reference: TypeAlias = Literal["highest"] | Hashable

#: A seed (a whole number >= 0), a numpy ``Generator``, or None for fresh entropy.
RandomState: TypeAlias = int | np.random.Generator | None

#: One entry per row, of any type: a list, tuple, numpy array or pandas Series.
ListLike: TypeAlias = list[Any] | tuple[Any, ...] | np.ndarray | pd.Series

#: Texts, one per item: a list, tuple, pandas Series or Index, or 1-D array of str (not a single
#: str, which is refused where texts are expected).
Texts: TypeAlias = list[str] | tuple[str, ...] | pd.Series | pd.Index | np.ndarray

#: A file path.
StrPath: TypeAlias = str | os.PathLike[str]

#: A data frame where the data lives: a pandas, polars or PySpark DataFrame or a DuckDB relation.
#: Any, because polars, DuckDB and PySpark are optional and are dispatched on at run time (through
#: narwhals); the functions taking one say which they accept.
AnyFrame: TypeAlias = Any


class ProbabilisticClassifier(Protocol):
    """A model with ``predict_proba(X)`` returning an ``(n, 2)`` array whose column 1 is P(favourable).

    A scikit-learn classifier or Pipeline has it; a scoring function needs a small adapter.
    """

    def predict_proba(self, X: Any, /) -> ArrayLike: ...
