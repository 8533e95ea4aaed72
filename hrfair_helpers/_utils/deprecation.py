"""Old names that keep working for one release, with a ``FutureWarning`` that says what to use.

Checked libraries: scikit-learn's ``sklearn.utils.deprecated`` wraps whole functions and classes
and its ``_deprecate_positional_args`` is private; the ``deprecated`` package and
``warnings.deprecated`` (Python 3.13) do neither renamed arguments nor moved names. So three small
helpers: :func:`renamed_arguments` (old keyword → new keyword), :func:`keyword_only_after`
(options that became keyword-only still taken by position, with a warning), :func:`moved` (a module
``__getattr__`` for names that moved to another module) and :func:`renamed_attribute` (a property
for a renamed report attribute). ``FutureWarning`` rather than ``DeprecationWarning`` because the
people who must act are notebook users, and Python hides ``DeprecationWarning`` outside ``__main__``.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import sys
import warnings
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

__all__ = ["keyword_only_after", "moved", "renamed_arguments", "renamed_attribute", "warn"]


def warn(message: str) -> None:
    """Emit the package's deprecation warning (a ``FutureWarning``) at the first caller outside this module.

    So the warning names the user's line however many of these wrappers are stacked, and
    ``filterwarnings = error::FutureWarning:hrfair_helpers.*`` in the tests catches the package's
    own uses of an old name.
    """
    frame, level = sys._getframe(1), 2
    while frame is not None and frame.f_globals.get("__name__") == __name__:
        frame, level = frame.f_back, level + 1
    warnings.warn(message, FutureWarning, stacklevel=level)


def renamed_arguments(**renames: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Accept each old keyword (``old="new"``) for one release, warning and passing it on as the new one.

    Giving both the old and the new keyword is an error, so a call never silently picks one.

    >>> @renamed_arguments(threshold="min_impact_ratio")
    ... def audit(*, min_impact_ratio=0.8):
    ...     return min_impact_ratio
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     audit(threshold=0.9), str(caught[0].message)
    (0.9, 'audit(threshold=...) is renamed audit(min_impact_ratio=...); the old name stops working in the next release')
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        name = function.__name__
        parameters = inspect.signature(function).parameters
        missing = [new for new in renames.values() if new not in parameters]
        if missing:  # a typo here would silently drop the user's value
            raise TypeError(f"{name} has no parameter(s) {missing}")

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            used = [old for old in renames if old in kwargs]
            for old in used:
                if renames[old] in kwargs:
                    raise TypeError(
                        f"{name}() got both {old}= (the old name) and {renames[old]}=; pass only {renames[old]}="
                    )
                kwargs[renames[old]] = kwargs.pop(old)
            if used:  # one warning per call, naming every old keyword it used
                olds = ", ".join(f"{old}=..." for old in used)
                news = ", ".join(f"{renames[old]}=..." for old in used)
                verb = "is" if len(used) == 1 else "are"
                warn(f"{name}({olds}) {verb} renamed {name}({news}); the old name stops working in the next release")
            return function(*args, **kwargs)

        return wrapper

    return decorate


def keyword_only_after(last_positional: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Options after ``last_positional`` became keyword-only: still take them by position for one release.

    Extra positional arguments fill the keyword-only parameters in their declared order, which is
    the order they had when they were positional.

    >>> @keyword_only_after("groups")
    ... def audit(selected, groups, *, reference="highest", data=None):
    ...     return reference
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     audit([1], ["a"], "a"), str(caught[0].message)
    ('a', 'audit(): pass reference= by name; passing it by position stops working in the next release')
    """

    def decorate(function: Callable[P, R]) -> Callable[P, R]:
        parameters = list(inspect.signature(function).parameters.values())
        names = [p.name for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD]
        if not names or names[-1] != last_positional:
            raise TypeError(f"{function.__name__}: {last_positional!r} is not its last positional parameter")
        options = [p.name for p in parameters if p.kind is p.KEYWORD_ONLY]

        @functools.wraps(function)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            extra = args[len(names) :]
            if extra:
                if len(extra) > len(options):
                    raise TypeError(
                        f"{function.__name__}() takes {len(names)} positional arguments but {len(args)} were given"
                    )
                moved_names = options[: len(extra)]
                twice = [name for name in moved_names if name in kwargs]
                if twice:
                    raise TypeError(f"{function.__name__}() got multiple values for {twice}")
                warn(
                    f"{function.__name__}(): pass {', '.join(f'{n}=' for n in moved_names)} by name; passing "
                    f"{'it' if len(extra) == 1 else 'them'} by position stops working in the next release"
                )
                kwargs.update(zip(moved_names, extra))
                args = args[: len(names)]
            return function(*args, **kwargs)

        return wrapper

    return decorate


def moved(module: str, names: dict[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` serving ``names`` (old name → ``"package.module"`` it moved to), with a warning.

    Use as ``__getattr__ = moved(__name__, {"threshold_table": "hrfair_helpers.audit"})``.
    """

    def __getattr__(attribute: str) -> Any:
        if attribute in names:
            target = names[attribute]
            warn(
                f"{module}.{attribute} moved to {target}.{attribute}; import it from there (the old "
                f"place stops working in the next release)"
            )
            return getattr(importlib.import_module(target), attribute)
        raise AttributeError(f"module {module!r} has no attribute {attribute!r}")

    return __getattr__


def renamed_attribute(old: str, new: str) -> property:
    """A read-only property ``old`` that warns and returns ``self.<new>``."""

    def getter(self: Any) -> Any:
        warn(f"{type(self).__name__}.{old} is renamed {new}; the old name stops working in the next release")
        return getattr(self, new)

    return property(getter, doc=f"Deprecated: use ``{new}``.")
