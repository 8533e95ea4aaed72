"""What the regulations need to know about an HR AI tool: :class:`ToolProfile` and its vocabularies.

:mod:`hrfair_helpers.governance.registry` re-exports these names and classifies a profile.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["DATA_FLAGS", "DECISION_ROLES", "DEPLOYER_TYPES", "LOCATIONS", "PURPOSES", "ROLES", "ToolProfile"]

PURPOSES = (
    "recruitment",
    "selection",
    "promotion",
    "termination",
    "task_allocation",
    "performance_monitoring",
    "pay",
    "internal_mobility",
    "attrition_prediction",
    "candidate_communication",
    "wellbeing_monitoring",
)
DECISION_ROLES = ("sole", "substantial", "assistive")
DEPLOYER_TYPES = ("private_employer", "public_body", "public_service_provider")
ROLES = ("deployer", "provider")
#: Where the candidates or workers are, or where the jobs are. ``US-NYC`` is New York City (Local
#: Law 144 follows the job's location: a job located in the city, at least part of the time, or a
#: remote job tied to a city office); ``US-NY`` is New York State elsewhere; ``US`` any other US
#: state; ``CA-QC`` Quebec.
LOCATIONS = (
    "EU",
    "UK",
    "US",
    "US-NYC",
    "US-NY",
    "US-IL",
    "US-CO",
    "US-CA",
    "US-TX",
    "CA-ON",
    "CA-QC",
    "KR",
    "CN",
    "SG",
    "JP",
)
DATA_FLAGS = (
    "cv_text",
    "video",
    "voice",
    "emotion_inference",
    "biometric",
    "zip_code",
    "test_scores",
    "performance_data",
    "communications",
    "special_category",
)


def _choice(name: str, value: Any, valid: tuple[str, ...]) -> str:
    if value not in valid:
        raise ValueError(f"{name} must be one of {', '.join(repr(v) for v in valid)}; got {value!r}")
    return value


def _flags(name: str, values: Any, valid: tuple[str, ...]) -> frozenset[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise ValueError(
            f"{name} must be a set of codes, e.g. {{{valid[0]!r}}}, not {values!r}; "
            f"valid values: {', '.join(repr(v) for v in valid)}"
        )
    values = frozenset(values)
    unknown = sorted(str(v) for v in values - set(valid))
    if unknown:
        raise ValueError(
            f"{name} has unknown value(s) {', '.join(repr(v) for v in unknown)}; "
            f"valid values: {', '.join(repr(v) for v in valid)}"
        )
    return values


@dataclass(frozen=True)
class ToolProfile:
    """What the regulations need to know about one HR AI tool.

    Parameters
    ----------
    name : str
        A short unique name, e.g. ``"cv-ranker"``.
    purpose : str
        One of :data:`PURPOSES`: ``"recruitment"``, ``"selection"``, ``"promotion"``,
        ``"termination"``, ``"task_allocation"``, ``"performance_monitoring"``, ``"pay"``,
        ``"internal_mobility"``, ``"attrition_prediction"``, ``"candidate_communication"``,
        ``"wellbeing_monitoring"`` (scoring or flagging workers' wellbeing, e.g. burnout risk).
    decision_role : str
        ``"sole"`` (the output decides), ``"substantial"`` (weighted more than any other
        criterion, or used to overrule people) or ``"assistive"`` (one input among others).
    locations : set of str
        Where the candidates or workers are; codes in :data:`LOCATIONS` (``"US-NYC"`` is New York
        City, ``"US-NY"`` New York State elsewhere).
    deployer_type : str, default "private_employer"
        ``"private_employer"``, ``"public_body"`` or ``"public_service_provider"``.
    role : str, default "deployer"
        ``"deployer"`` (you use the tool) or ``"provider"`` (you build or sell it).
    data : set of str, default empty
        Flags from :data:`DATA_FLAGS`, e.g. ``{"video", "emotion_inference", "zip_code"}``;
        ``"special_category"`` when it uses GDPR Art. 9 data (health such as sick leave or
        disability, racial or ethnic origin, religion, trade union membership, ...).
    uses_for_public_job_posting : bool, default False
        The tool screens applicants to an externally advertised posting for a specific job.
    medical_or_safety_purpose : bool, default False
        Emotion inference is used only for medical or safety reasons (EU AI Act Art. 5(1)(f)).
    employees : int or None, default None
        Head count of the employer, when known (Title VII needs 15 or more, California FEHA 5 or
        more, Ontario's posting rule 25 or more).
    profiles_people : bool, default True
        The tool profiles people (evaluates personal aspects such as behaviour, performance or
        traits). The conservative default keeps the EU AI Act Art. 6(3) derogation closed; set it
        to False only for a tool that does not, e.g. a scheduler that allocates shifts without
        looking at individual behaviour or traits.
    platform_work : bool, default False
        The people it manages do platform work: their work is organised through a digital labour
        platform that allocates, monitors or rates it (EU Platform Work Directive; China's rules on
        work-scheduling algorithms).

    Raises
    ------
    ValueError
        If a field has a value outside its valid set; the message lists the valid values.

    Examples
    --------
    >>> ToolProfile(name="x", purpose="hiring", decision_role="sole", locations={"EU"})
    Traceback (most recent call last):
    ...
    ValueError: purpose must be one of 'recruitment', 'selection', ...; got 'hiring'
    """

    name: str
    purpose: str
    decision_role: str
    locations: frozenset[str]
    deployer_type: str = "private_employer"
    role: str = "deployer"
    data: frozenset[str] = field(default_factory=frozenset)
    uses_for_public_job_posting: bool = False
    medical_or_safety_purpose: bool = False
    employees: int | None = None
    profiles_people: bool = True
    platform_work: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise ValueError(f"name must be a non-empty string; got {self.name!r}")
        _choice("purpose", self.purpose, PURPOSES)
        _choice("decision_role", self.decision_role, DECISION_ROLES)
        _choice("deployer_type", self.deployer_type, DEPLOYER_TYPES)
        _choice("role", self.role, ROLES)
        locations = _flags("locations", self.locations, LOCATIONS)
        if not locations:
            raise ValueError(f"locations must name at least one of: {', '.join(repr(v) for v in LOCATIONS)}")
        object.__setattr__(self, "locations", locations)
        object.__setattr__(self, "data", _flags("data", self.data, DATA_FLAGS))
        for name in ("uses_for_public_job_posting", "medical_or_safety_purpose", "profiles_people", "platform_work"):
            if not isinstance(getattr(self, name), bool):
                raise ValueError(f"{name} must be True or False; got {getattr(self, name)!r}")
        if self.employees is not None and (
            isinstance(self.employees, bool) or not isinstance(self.employees, int) or self.employees < 0
        ):
            raise ValueError(f"employees must be a non-negative int or None; got {self.employees!r}")

    @property
    def is_public(self) -> bool:
        """True for public bodies and private entities providing public services."""
        return self.deployer_type in ("public_body", "public_service_provider")
