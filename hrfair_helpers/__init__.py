"""Helpers for the hrfair casebook: data sets, fairness audits, graders.

Submodules are imported on first use so that ``import hrfair_helpers`` stays fast
(fairlearn, aif360 and aequitas take seconds to import):

>>> import hrfair_helpers
>>> hrfair_helpers.audit.adverse_impact.__name__
'adverse_impact'
"""

import importlib

__version__ = "0.1.0"

_SUBMODULES = (
    "audit",
    "cases",
    "cli",
    "datasets",
    "governance",
    "grading",
    "incident",
    "interview",
    "mitigation",
    "models",
    "privacy",
    "quiet",
    "student",
    "text",
    "viz",
)


def __getattr__(name):
    # PEP 562 lazy submodules: `hrfair_helpers.audit` works without an explicit import.
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(_SUBMODULES))
