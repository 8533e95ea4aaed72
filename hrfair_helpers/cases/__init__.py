"""The casebook's cases: one module per scenario, one object per case and parameters in a process.

A case rebuilds a scenario from its seed(s) in cached stages (data, model, decisions, audit,
options), each computed on first use. The scenario's question bank grades against it, the
interview model answers (:mod:`hrfair_helpers.interview.facts`) and the candidate-specific variants
(:mod:`hrfair_helpers.interview.variant`) take their numbers from it. They all get it from
:func:`get_case`, so each stage is computed once per process, whoever asks first.

=======================  ========================================================  ==========================
case (= bank id)         class                                                     notebook (solutions/)
=======================  ========================================================  ==========================
``adult_audit``          :class:`~hrfair_helpers.cases.adult.AdultCase`            ``01_adult_census_audit``
``resume_screener``      :class:`~hrfair_helpers.cases.screener.ResumeCase`        ``02_resume_screener``
``promotion_gap``        :class:`~hrfair_helpers.cases.promotion.PromotionCase`    ``03_promotion_gap``
``chatbot_incident``     :class:`~hrfair_helpers.cases.chatbot.ChatbotCase`        ``04_chatbot_incident``
``global_governance``    :class:`~hrfair_helpers.cases.governance.GovernanceCase`  ``05_global_governance``
``wellbeing_analytics``  :class:`~hrfair_helpers.cases.wellbeing.WellbeingCase`    ``07_wellbeing_analytics``
=======================  ========================================================  ==========================

The orientation notebook (00) is a tour of the tools, not a scenario: its question bank computes
its own context (:mod:`hrfair_helpers.grading.banks.orientation`).

Importing this package loads no case module, and a case module loads no data library until a
stage is computed: a case module is imported the first time its class is looked up.

Examples
--------
>>> sorted(CASES)
['adult_audit', 'chatbot_incident', 'global_governance', 'promotion_gap', 'resume_screener', 'wellbeing_analytics']
>>> case = get_case("adult_audit")
>>> case is get_case("adult_audit", seed=0)  # omitted parameters take the case's defaults
True
>>> case is get_case("adult_audit", seed=1)
False
>>> get_case("adult")
Traceback (most recent call last):
...
ValueError: no case 'adult'; known cases: adult_audit, chatbot_incident, global_governance, ...
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

if TYPE_CHECKING:
    from .adult import AdultCase
    from .chatbot import ChatbotCase
    from .governance import GovernanceCase
    from .promotion import PromotionCase
    from .screener import ResumeCase
    from .wellbeing import WellbeingCase

__all__ = [
    "CASES",
    "AdultCase",
    "ChatbotCase",
    "GovernanceCase",
    "PromotionCase",
    "ResumeCase",
    "WellbeingCase",
    "get_case",
]

# case id (its question bank's id) -> (module in this package, class name)
_CLASSES = {
    "adult_audit": ("adult", "AdultCase"),
    "resume_screener": ("screener", "ResumeCase"),
    "promotion_gap": ("promotion", "PromotionCase"),
    "chatbot_incident": ("chatbot", "ChatbotCase"),
    "global_governance": ("governance", "GovernanceCase"),
    "wellbeing_analytics": ("wellbeing", "WellbeingCase"),
}

# (case id, parameters) -> the case object: the one cache of cases in the process.
_INSTANCES: dict[tuple[str, tuple], Any] = {}


class _Registry(Mapping):
    """Read-only ``{case id: case class}``; a class's module is imported when it is looked up."""

    def __getitem__(self, name: str) -> type:
        module, cls = _CLASSES[name]
        return getattr(importlib.import_module(f"{__name__}.{module}"), cls)

    def __iter__(self) -> Iterator[str]:
        return iter(_CLASSES)

    def __len__(self) -> int:
        return len(_CLASSES)

    def __repr__(self) -> str:
        return "{" + ", ".join(f"{name!r}: {module}.{cls}" for name, (module, cls) in _CLASSES.items()) + "}"


#: The cases by id (the id of the question bank graded against the case): ``{id: case class}``.
CASES = _Registry()


def _key(arguments):
    # The type is part of the key so that seed=True is not served the case of seed=1 (True == 1).
    return tuple(sorted((name, type(value).__qualname__, value) for name, value in arguments.items()))


@overload
def get_case(name: Literal["adult_audit"], **params: Any) -> AdultCase: ...
@overload
def get_case(name: Literal["resume_screener"], **params: Any) -> ResumeCase: ...
@overload
def get_case(name: Literal["promotion_gap"], **params: Any) -> PromotionCase: ...
@overload
def get_case(name: Literal["chatbot_incident"], **params: Any) -> ChatbotCase: ...
@overload
def get_case(name: Literal["global_governance"], **params: Any) -> GovernanceCase: ...
@overload
def get_case(name: Literal["wellbeing_analytics"], **params: Any) -> WellbeingCase: ...
@overload
def get_case(
    name: str, **params: Any
) -> AdultCase | ResumeCase | PromotionCase | ChatbotCase | GovernanceCase | WellbeingCase: ...
def get_case(
    name: str, **params: Any
) -> AdultCase | ResumeCase | PromotionCase | ChatbotCase | GovernanceCase | WellbeingCase:
    """The case ``name`` for ``params``: built on the first request, the same object afterwards.

    Parameters
    ----------
    name : str
        A key of :data:`CASES`, e.g. ``"promotion_gap"``.
    **params
        The case class's parameters, e.g. ``seed=3``; omitted ones take the class's defaults, so
        ``get_case("promotion_gap")`` and ``get_case("promotion_gap", seed=0)`` are one object.

    Returns
    -------
    object
        The case. A question bank's context for the same parameters is this object
        (:meth:`hrfair_helpers.grading.bank.Bank.context`).

    Raises
    ------
    ValueError
        For an unknown ``name`` (the message lists the known cases), or a parameter value the case
        refuses (e.g. a negative seed).
    TypeError
        For a parameter the case does not take.
    """
    if not isinstance(name, str) or name not in _CLASSES:
        raise ValueError(f"no case {name!r}; known cases: {', '.join(sorted(_CLASSES))}")
    cls = CASES[name]
    try:
        bound = inspect.signature(cls).bind(**params)
    except TypeError as error:
        raise TypeError(
            f"case {name!r} ({cls.__name__}) takes {list(inspect.signature(cls).parameters)}: {error}"
        ) from None
    bound.apply_defaults()
    key = (name, _key(bound.arguments))
    case = _INSTANCES.get(key)
    if case is None:
        case = _INSTANCES.setdefault(key, cls(*bound.args, **bound.kwargs))
    return case


def __getattr__(name):
    # PEP 562: `from hrfair_helpers.cases import PromotionCase` imports that case's module only.
    for case, (_, cls) in _CLASSES.items():
        if cls == name:
            return CASES[case]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + [cls for _, cls in _CLASSES.values()])
