"""Type hints on the public API (issue 16 item 6): every public callable is annotated, and the annotations resolve.

For every name in ``__all__`` of the packages below: a function, and every public method,
property (its getter) and ``__init__`` of a class defined in the package, must annotate each
parameter (``*args``/``**kwargs`` included; ``self``/``cls`` excepted) and its return.

Then every annotation (and every dataclass field's) must evaluate, as ``typing.get_type_hints``
does, in its module's namespace plus the names the module imports under ``if TYPE_CHECKING:``:

- from the standard library, numpy, pandas and this package: imported for real, so a misspelt
  name (``pd.DataFrme``, ``Colum``) fails;
- from an optional or heavy library (matplotlib, scikit-learn, ipywidgets, ...): importing them
  would take seconds, so each ``from library.module import Name`` is checked on the library's
  source instead (the module file exists and names ``Name``) and ``Name`` stands for a placeholder
  class while the annotations are evaluated.

Deprecated attribute aliases (``_utils.deprecation.renamed_attribute``) are skipped: they return
whatever the new attribute returns and go away in the next release.
"""

import __future__

import ast
import dataclasses
import functools
import importlib
import importlib.util
import inspect
import re
import sys
import typing
from pathlib import Path

import pytest

PACKAGES = ("audit", "text", "mitigation", "viz", "datasets", "models", "governance", "interview", "cases", "privacy")
# Libraries whose names are resolved by importing them (cheap, or already imported by the package).
LIGHT = frozenset(sys.stdlib_module_names) | {"hrfair_helpers", "numpy", "pandas"}
DEPRECATED_ALIASES = "hrfair_helpers._utils.deprecation"


def _package(name):
    module = importlib.import_module(f"hrfair_helpers.{name}")
    if not hasattr(module, "__all__"):
        pytest.skip(f"hrfair_helpers.{name} has no __all__")
    return module


def _own(cls):
    """``cls`` and its bases defined in this package, most derived first."""
    return [klass for klass in cls.__mro__ if klass.__module__.startswith("hrfair_helpers.")]


def _members(qualified, cls):
    """``(qualified name, function, takes self or cls)`` for each public method, property getter and ``__init__``."""
    seen = set()
    for klass in _own(cls):
        for name, raw in vars(klass).items():
            if name in seen or (name.startswith("_") and name not in ("__init__", "__call__")):
                continue
            seen.add(name)
            if isinstance(raw, (staticmethod, classmethod)):
                raw = raw.__func__
            if isinstance(raw, property):
                if raw.fget is not None and raw.fget.__module__ != DEPRECATED_ALIASES:
                    yield f"{qualified}.{name}", raw.fget, True
            elif isinstance(raw, functools.cached_property):
                yield f"{qualified}.{name}", raw.func, True
            elif inspect.isfunction(raw):
                yield f"{qualified}.{name}", raw, not isinstance(vars(klass)[name], staticmethod)


@functools.cache
def _public_callables():
    found = []
    for package in PACKAGES:
        module = importlib.import_module(f"hrfair_helpers.{package}")
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            qualified = f"{package}.{name}"
            if inspect.isclass(obj):
                if obj.__module__.startswith("hrfair_helpers."):
                    found.extend(_members(qualified, obj))
            elif inspect.isfunction(inspect.unwrap(obj)):
                found.append((qualified, obj, False))
    return found


def _classes():
    found = []
    for package in PACKAGES:
        module = importlib.import_module(f"hrfair_helpers.{package}")
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name)
            if inspect.isclass(obj) and obj.__module__.startswith("hrfair_helpers."):
                found.append((f"{package}.{name}", obj))
    return found


# --------------------------------------------------------------------------- #
# the names imported under `if TYPE_CHECKING:`


def _is_type_checking(test):
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_source(dotted):
    """The source of module ``dotted`` of an installed library and the package its relative imports start from.

    Found without importing anything: ``find_spec`` of a top-level name imports nothing.
    """
    top, *rest = dotted.split(".")
    spec = importlib.util.find_spec(top)
    assert spec is not None and spec.origin, f"{top} is not installed"
    if not rest:
        return Path(spec.origin).read_text(encoding="utf-8"), dotted
    base = Path(spec.origin).parent.joinpath(*rest)
    for candidate, package in ((base / "__init__.py", dotted), (base.with_suffix(".py"), dotted.rpartition(".")[0])):
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8"), package
    raise AssertionError(f"module {dotted} not found under {Path(spec.origin).parent}")


def _defines(dotted, name, depth=0):
    """Whether module ``dotted`` names ``name``, itself or through its ``from .x import *`` (as ipywidgets does)."""
    source, package = _module_source(dotted)
    if re.search(rf"\b{re.escape(name)}\b", source):
        return True
    stars = re.findall(r"^from (\.+)([\w.]*) import \*", source, flags=re.MULTILINE)
    return depth < 3 and any(
        _defines(importlib.util.resolve_name(dots + module, package), name, depth + 1) for dots, module in stars
    )


def _placeholder(module, name):
    """``name`` from a heavy library: checked on its source, then stood in for by a class."""
    assert _defines(module, name), f"{module} does not define {name}"
    return type(name, (), {"__module__": module})


def _type_checking_names(module):
    """``{bound name: object}`` of the imports under ``if TYPE_CHECKING:`` in ``module``."""
    names = {}
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if not (isinstance(node, ast.If) and _is_type_checking(node.test)):
            continue
        for statement in node.body:
            where = f"{module.__name__}, line {statement.lineno}"
            if isinstance(statement, ast.ImportFrom):
                source = importlib.util.resolve_name(
                    "." * statement.level + (statement.module or ""), module.__package__
                )
                for alias in statement.names:
                    bound = alias.asname or alias.name
                    if source.split(".")[0] in LIGHT:
                        imported = importlib.import_module(source)
                        if hasattr(imported, alias.name):
                            names[bound] = getattr(imported, alias.name)
                        else:  # a submodule
                            names[bound] = importlib.import_module(f"{source}.{alias.name}")
                    else:
                        names[bound] = _placeholder(source, alias.name)
            elif isinstance(statement, ast.Import):
                for alias in statement.names:
                    assert alias.name.split(".")[0] in LIGHT, (
                        f"{where}: import names, not modules, of optional libraries under TYPE_CHECKING "
                        f"(from {alias.name} import Name), so this test can check them without importing"
                    )
                    imported = importlib.import_module(alias.name)
                    names[alias.asname or alias.name.split(".")[0]] = (
                        imported if alias.asname else importlib.import_module(alias.name.split(".")[0])
                    )
            else:
                raise AssertionError(f"{where}: only imports belong under TYPE_CHECKING")
    return names


@functools.cache
def _namespace(module_name):
    module = sys.modules[module_name]
    return {**vars(module), **_type_checking_names(module)}


def _module_of(function):
    return inspect.unwrap(function).__module__


# --------------------------------------------------------------------------- #
# the tests


@pytest.mark.parametrize("package", PACKAGES)
def test_package_has_all(package):
    module = _package(package)
    assert module.__all__, f"hrfair_helpers.{package}.__all__ is empty"


def test_the_public_api_is_found():
    # A guard against the collection silently finding nothing (e.g. a broken __all__ walk).
    assert len(_public_callables()) > 250


def test_every_public_callable_annotates_its_parameters_and_return():
    missing = []
    for qualified, function, bound in _public_callables():
        signature = inspect.signature(function, eval_str=False)
        parameters = list(signature.parameters.values())[1:] if bound else list(signature.parameters.values())
        bare = [p.name for p in parameters if p.annotation is inspect.Parameter.empty]
        if signature.return_annotation is inspect.Signature.empty:
            bare.append("return")
        if bare:
            missing.append(f"{_module_of(function)}: {qualified} ({', '.join(bare)})")
    assert not missing, "not annotated:\n" + "\n".join(missing)


def test_every_annotation_resolves():
    broken = []
    for qualified, function, _ in _public_callables():
        try:
            typing.get_type_hints(function, globalns=_namespace(_module_of(function)), include_extras=True)
        except Exception as error:  # NameError, AttributeError, TypeError from a bad annotation
            broken.append(f"{_module_of(function)}: {qualified}: {type(error).__name__}: {error}")
    assert not broken, "annotations that do not resolve:\n" + "\n".join(broken)


def test_every_field_annotation_resolves():
    broken = []
    for qualified, cls in _classes():
        for klass in _own(cls):
            namespace = _namespace(klass.__module__)
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                # One field at a time, on a bare class: get_type_hints(klass) would evaluate the
                # annotations of bases from other modules in this module's namespace.
                holder = type("Fields", (), {"__annotations__": {name: annotation}, "__module__": klass.__module__})
                try:
                    typing.get_type_hints(holder, globalns=namespace, include_extras=True)
                except Exception as error:
                    broken.append(f"{klass.__module__}: {qualified}.{name}: {type(error).__name__}: {error}")
    assert not broken, "field annotations that do not resolve:\n" + "\n".join(broken)


def test_annotated_modules_postpone_evaluation():
    # `from __future__ import annotations`: annotations cost nothing at import and may name
    # what is imported under TYPE_CHECKING only.
    modules = {_module_of(function) for _, function, _ in _public_callables()}
    modules |= {klass.__module__ for _, cls in _classes() for klass in _own(cls) if dataclasses.is_dataclass(klass)}
    eager = sorted(m for m in modules if sys.modules[m].__dict__.get("annotations") is not __future__.annotations)
    assert not eager, f"without `from __future__ import annotations`: {eager}"


def test_a_misspelt_annotation_is_caught():
    def audit(selected: "pd.DataFrme") -> "Colum":  # noqa: F821
        return selected

    with pytest.raises(AttributeError):
        typing.get_type_hints(audit, globalns=_namespace("hrfair_helpers.audit.impact"))
    audit.__annotations__ = {"selected": "Colum"}
    with pytest.raises(NameError):
        typing.get_type_hints(audit, globalns=_namespace("hrfair_helpers.audit.impact"))


def test_optional_library_names_are_checked_on_their_source():
    assert _defines("matplotlib.axes", "Axes")
    assert _defines("ipywidgets", "VBox")  # through ipywidgets' `from .widgets import *`
    assert not _defines("matplotlib.axes", "Axess")
    with pytest.raises(AssertionError, match="not found"):
        _module_source("matplotlib.axess")
