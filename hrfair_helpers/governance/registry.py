"""Regulation registry for HR AI tools, and a first-pass classifier of a tool against it.

This is a **teaching summary, not legal advice**. The registry describes the law as it stood on
its *as-of* date (:func:`registry_as_of`, kept in the data file): every entry names its primary
source with pinpoint sections, a source URL and a ``status``:

``confirmed``
    read in the primary text (or a verbatim quote of it);
``secondary``
    consistent secondary sources, primary text not read;
``check``
    a single or unverified source: verify before teaching it as settled.

Every obligation carries the date it applies from (and until, where it was repealed or
withdrawn). A date that a later act moved is kept as versions, so the registry answers for any
day as the law stood then: ``classify(tool, on="2026-07-01")`` and ``on="2028-01-01"`` differ.
Dates that prose needs are named *schedules* in the data (:func:`legal_date`), so one data edit
updates the classifier, the notebooks and the book.

The registry ships as ``data/regulations.json`` inside the package and is checked against a
SHA-256 hash on load (:class:`hrfair_helpers.datasets.DataIntegrityError` on mismatch).

Three entry points:

* :func:`load_registry` -- the registry as a DataFrame, one row per instrument;
* :func:`classify` -- which instruments a :class:`ToolProfile` falls under on a given day, with the
  tier, the obligations for the tool's role in force that day, those still to come and when, and a
  plain reason naming the profile facts that triggered it;
* :func:`obligations_matrix` -- tools x instruments for an inventory of tools on a given day.

``classify`` applies the scope tests written in the registry to the facts in the profile; where
the answer depends on facts the profile does not hold, ``applies`` is the string ``"check"``.

>>> tool = ToolProfile(name="cv-ranker", purpose="selection", decision_role="substantial",
...                    locations={"EU", "US-NYC"})
>>> result = classify(tool, on="2026-12-07")
>>> list(result["id"])
['eu_ai_act', 'gdpr_art22', 'nyc_ll144', 'us_title7', 'us_ada', 'us_adea', 'nist_ai_rmf']
>>> result.set_index("id").loc[["eu_ai_act", "gdpr_art22", "nyc_ll144"], ["applies", "tier", "next_date"]]
law on 2026-12-07 applies                       tier   next_date
id
eu_ai_act            True                  high-risk  2027-12-02
gdpr_art22          check  solely automated decision        None
nyc_ll144            True                       AEDT        None
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import warnings
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from os import PathLike
from typing import Any, Iterable

import pandas as pd

from .._utils import resources
from .._utils.resources import DataIntegrityError
from ._dates import ScheduledDate, format_date, is_iso_date, resolve, to_date

__all__ = [
    "DECISION_ROLES",
    "DEPLOYER_TYPES",
    "KINDS",
    "LOCATIONS",
    "PURPOSES",
    "ROLES",
    "DATA_FLAGS",
    "STATUSES",
    "ToolProfile",
    "classify",
    "legal_date",
    "load_registry",
    "obligations_matrix",
    "registry_as_of",
    "schedule_names",
]

REGISTRY_FILE = "regulations.json"
#: SHA-256 of ``data/regulations.json``; update it together with the file.
REGISTRY_SHA256 = "66019f0a39d21aeeb6661ca4e02ea13aec9a77869dcaf7c2ed4b764321f5f608"

# Test seam, as in hrfair_helpers.datasets._adult: when set to a directory, the registry is
# read from it instead of the installed package data, so tests can tamper with a *copy*.
_DATA_DIR: str | PathLike[str] | None = None

STATUSES = ("confirmed", "secondary", "check")
KINDS = ("binding law", "regulation", "case law", "executive action", "guidance", "voluntary framework", "bill")
REQUIRED_FIELDS = (
    "id",
    "instrument",
    "jurisdiction",
    "kind",
    "scope_test",
    "obligations",
    "penalties",
    "key_dates",
    "status",
    "status_note",
    "citation",
    "source_url",
    "as_of",
)
_WHO = ("all", "provider", "deployer")

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
)

_HIRING = {"recruitment", "selection"}
#: Data flags that are biometric input in the sense of EU AI Act Art. 3(34) and 3(39): emotion
#: recognition from them is an "emotion recognition system"; from text alone it is not.
_BIOMETRIC_INPUTS = frozenset({"video", "voice", "biometric"})
#: Employer-size thresholds: (minimum head count, citation).
_TITLE_VII_MIN = (15, "42 U.S.C. s. 2000e(b)")
_ADA_MIN = (15, "42 U.S.C. s. 12111(5)")
_ADEA_MIN = (20, "29 U.S.C. s. 630(b)")
_SG_WFA_MIN = (25, "Workplace Fairness Act 2025, as reported")
_FEHA_MIN = (5, "Cal. Gov. Code s. 12926(d)")
_EU_ANNEX_III_4 = {
    "recruitment": "Annex III 4(a): recruitment or selection (targeted job ads, analysing and filtering applications, evaluating candidates)",
    "selection": "Annex III 4(a): recruitment or selection (analysing and filtering applications, evaluating candidates)",
    "internal_mobility": "Annex III 4(a)-(b): targeted vacancies and promotion decisions",
    "promotion": "Annex III 4(b): decisions on promotion",
    "termination": "Annex III 4(b): decisions on termination of work relationships",
    "task_allocation": "Annex III 4(b): allocating tasks based on behaviour or personal traits",
    "performance_monitoring": "Annex III 4(b): monitoring and evaluating performance and behaviour",
    "pay": "Annex III 4(b): decisions affecting terms of work-related relationships",
}


# --------------------------------------------------------------------------- #
# loading and validation


def _data_dir() -> Traversable:
    return resources.data_dir("governance", _DATA_DIR)


def _repair_hint() -> str:
    return resources.repair_hint("governance", REGISTRY_FILE)


def _read_verified(directory: Traversable) -> bytes:
    """The registry's bytes, or DataIntegrityError if missing or not matching its hash."""
    return resources.read_verified(
        directory, REGISTRY_FILE, REGISTRY_SHA256, package="governance", what="Registry file",
        cause="The file is corrupted or was modified without updating REGISTRY_SHA256 in "
        "hrfair_helpers/governance/registry.py.",
    )


def _bad(where: str, what: str) -> DataIntegrityError:
    return DataIntegrityError(f"Registry {where}: {what}. {_repair_hint()}")


def _check_schedule(where: str, value: Any) -> None:
    """A schedule is an ISO date or versions ``[{date, since, by}]`` in order of ``since``."""
    if is_iso_date(value):
        return
    if not isinstance(value, list) or not value:
        raise _bad(where, f"{value!r} is neither an ISO date (YYYY-MM-DD) nor a list of versions")
    previous = ""
    for version in value:
        if not (isinstance(version, dict) and is_iso_date(version.get("date")) and is_iso_date(version.get("since"))
                and str(version.get("by", "")).strip()):
            raise _bad(where, f"version {version!r} needs ISO 'date' and 'since' and a non-empty 'by'")
        if version["since"] <= previous:
            raise _bad(where, "versions must be in increasing order of 'since'")
        previous = version["since"]


def _validate(doc: Any) -> dict:
    """Check the document; raise DataIntegrityError naming the entry and the field."""
    if not isinstance(doc, dict) or not is_iso_date(doc.get("as_of")):
        raise _bad("file", "needs a top-level 'as_of' ISO date")
    schedules = doc.get("schedules")
    if not isinstance(schedules, dict) or not schedules:
        raise _bad("file", "needs a non-empty 'schedules' object (named dates)")
    for name, value in schedules.items():
        _check_schedule(f"schedule {name!r}", value)
    entries = doc.get("entries")
    if not isinstance(entries, list) or not entries:
        raise _bad("list", "'entries' must be a non-empty list")
    seen: set[str] = set()
    for i, entry in enumerate(entries):
        where = "entry " + (repr(entry.get("id", f"#{i}")) if isinstance(entry, dict) else f"#{i}")
        if not isinstance(entry, dict):
            raise _bad(where, "is not an object")
        for name in REQUIRED_FIELDS:
            value = entry.get(name)
            if name == "obligations" and entry.get("kind") == "bill" and value == []:
                continue  # a bill that never became law binds no one
            if value is None or (isinstance(value, (str, list)) and not (value.strip() if isinstance(value, str) else value)):
                raise _bad(where, f"field {name!r} is missing or empty")
        if entry["id"] in seen:
            raise _bad(where, "duplicate id")
        seen.add(entry["id"])
        if entry["status"] not in STATUSES:
            raise _bad(where, f"status {entry['status']!r} is not one of {STATUSES}")
        if entry["kind"] not in KINDS:
            raise _bad(where, f"kind {entry['kind']!r} is not one of {KINDS}")
        for name in ("as_of", "until", "law_from"):
            if name in entry and not is_iso_date(entry[name]):
                raise _bad(where, f"{name} {entry[name]!r} is not an ISO date (YYYY-MM-DD)")
        if entry["as_of"] > doc["as_of"]:
            raise _bad(where, f"as_of {entry['as_of']} is later than the registry's as_of {doc['as_of']}")
        if not str(entry["source_url"]).startswith(("https://", "http://")):
            raise _bad(where, "source_url is not an http(s) address")
        if "interprets" in entry and entry["interprets"] not in {e.get("id") for e in entries if isinstance(e, dict)}:
            raise _bad(where, f"interprets {entry['interprets']!r}, which is not an entry id")
        for ob in entry["obligations"]:
            if not isinstance(ob, dict) or not str(ob.get("text", "")).strip() or ob.get("who") not in _WHO:
                raise _bad(where, f"obligation {ob!r} needs a non-empty 'text' and 'who' in {_WHO}")
            if "from" not in ob:
                raise _bad(where, f"obligation {ob['text'][:40]!r}... has no 'from' (null when not yet scheduled)")
            start = ob["from"]
            if isinstance(start, str) and not is_iso_date(start) and start not in schedules:
                raise _bad(where, f"obligation {ob['text'][:40]!r}... 'from' {start!r} is not a schedule name")
            if start is not None:
                _check_schedule(f"{where} obligation {ob['text'][:40]!r}...",
                                schedules[start] if isinstance(start, str) and start in schedules else start)
            if "until" in ob and not is_iso_date(ob["until"]):
                raise _bad(where, f"obligation {ob['text'][:40]!r}... 'until' is not an ISO date")
            if ob.get("status", entry["status"]) not in STATUSES:
                raise _bad(where, f"obligation status {ob['status']!r} is not one of {STATUSES}")
        for kd in entry["key_dates"]:
            if not isinstance(kd, dict) or not is_iso_date(kd.get("date")) or not str(kd.get("what", "")).strip():
                raise _bad(where, f"key date {kd!r} needs an ISO 'date' and a non-empty 'what'")
            if "status" in kd and kd["status"] not in STATUSES:
                raise _bad(where, f"key date status {kd['status']!r} is not one of {STATUSES}")
    for change in doc.get("changes", []):
        if not (isinstance(change, dict) and is_iso_date(change.get("date")) and str(change.get("what", "")).strip()
                and change.get("status") in STATUSES and str(change.get("source_url", "")).startswith("http")
                and change.get("entries") and set(change["entries"]) <= seen):
            raise _bad("change", f"{change!r} needs an ISO 'date', 'what', 'status', 'source_url' and known 'entries'")
    return doc


_CACHE: dict[str, dict] = {}


def _document() -> dict:
    """The validated registry document (cached per data directory; callers must not mutate it)."""
    directory = _data_dir()
    key = str(directory)
    if key not in _CACHE or _DATA_DIR is not None:
        raw = _read_verified(directory)
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataIntegrityError(f"Registry file {REGISTRY_FILE!r} is not valid JSON: {exc}. {_repair_hint()}") from exc
        doc = _validate(doc)
        if _DATA_DIR is not None:
            return doc
        _CACHE[key] = doc
    return _CACHE[key]


def _entries() -> list[dict]:
    return _document()["entries"]


def _entry(reg_id: str) -> dict:
    for e in _entries():
        if e["id"] == reg_id:
            return e
    raise KeyError(reg_id)  # pragma: no cover - ids below are fixed and tested


def registry_as_of() -> str:
    """The day the registry describes (ISO ``YYYY-MM-DD``), kept in the data file.

    It is the default day of :func:`classify` and :func:`obligations_matrix`. Days after it are
    answered from the schedules known on it (a later amendment would not be known).

    >>> registry_as_of() >= "2026-12-07"
    True
    """
    return _document()["as_of"]


def __getattr__(name: str) -> Any:
    # AS_OF was a constant typed into this module; the date now lives in the data file.
    if name == "AS_OF":
        warnings.warn("registry.AS_OF is deprecated and will be removed: use registry_as_of()",
                      FutureWarning, stacklevel=2)
        return registry_as_of()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _on(on: Any) -> _dt.date:
    return to_date(registry_as_of() if on is None else on)


def _start(ob: dict, on: _dt.date) -> ScheduledDate | None:
    """The date obligation `ob` applies from, as the law stood on `on`; None if not yet scheduled."""
    start = ob["from"]
    if start is None:
        return None
    if isinstance(start, str) and not is_iso_date(start):
        start = _document()["schedules"][start]
    return resolve(start, on)


#: Suffix of the derived name that gives a moved date as first adopted (``eu_aia_annex_iii_as_adopted``).
AS_ADOPTED = "_as_adopted"


def legal_date(name: str, *, on: Any = None, style: str = "iso") -> str:
    """A named date from the registry's schedules, as the law stood on `on`.

    Prose (notebooks, the book, feedback, model answers) takes its legal dates from here, so one
    edit of the data file updates every text that states them.

    Parameters
    ----------
    name : str
        A schedule name, e.g. ``"eu_aia_annex_iii"`` (:func:`schedule_names` lists them). For a
        date that a later act moved, ``name + "_as_adopted"`` gives the date first adopted.
    on : date or ISO str, optional
        The day whose law you want; default the registry's as-of date.
    style : {"iso", "long", "short"}
        ``"2027-12-02"``, ``"2 December 2027"`` or ``"2 Dec 2027"``.

    Raises
    ------
    ValueError
        If `name` is not a schedule, or `on` is not a date.

    Examples
    --------
    >>> legal_date("eu_aia_prohibitions", style="long")
    '2 February 2025'
    >>> legal_date("eu_aia_annex_iii_as_adopted") < legal_date("eu_aia_annex_iii")
    True
    >>> legal_date("no_such_date")
    Traceback (most recent call last):
    ...
    ValueError: 'no_such_date' is not a schedule in the registry; known: ...
    """
    schedules = _document()["schedules"]
    if name not in schedule_names():
        raise ValueError(f"{name!r} is not a schedule in the registry; known: {', '.join(schedule_names())}")
    if name.endswith(AS_ADOPTED) and name not in schedules:
        return format_date(schedules[name.removesuffix(AS_ADOPTED)][0]["date"], style)
    return format_date(resolve(schedules[name], _on(on)), style)


def schedule_names() -> list[str]:
    """The names :func:`legal_date` accepts, sorted: every schedule, and ``*_as_adopted`` for moved ones."""
    schedules = _document()["schedules"]
    moved = [name + AS_ADOPTED for name, value in schedules.items() if isinstance(value, list) and len(value) > 1]
    return sorted([*schedules, *moved])


def _known_on(entry: dict, on: _dt.date) -> bool:
    """The instrument existed on `on` and had not ended.

    It exists from its ``law_from`` date (when it became law: signed, enacted or published; an
    amending act before then was only a proposal), else from its first key date.
    """
    first = entry.get("law_from") or min(kd["date"] for kd in entry["key_dates"])
    return first <= on.isoformat() and ("until" not in entry or on.isoformat() < entry["until"])


def _in_law(ob: dict, on: _dt.date) -> bool:
    """The obligation was part of the law on `on`: not ended, and not added by a later act.

    An obligation whose ``from`` is a list of versions became law with the first version's
    ``since`` (e.g. a duty that an amending act inserted); before that day it does not exist.
    """
    if "until" in ob and ob["until"] <= on.isoformat():
        return False
    start = ob["from"]
    if isinstance(start, str) and not is_iso_date(start):
        start = _document()["schedules"][start]
    return not isinstance(start, list) or start[0]["since"] <= on.isoformat()


def _obligation_label(ob: dict, on: _dt.date) -> str:
    start = _start(ob, on)
    until = f" until {ob['until']}" if "until" in ob else ""
    return f"[{ob['who']}, {'from ' + start if start else 'not yet scheduled'}{until}] {ob['text']}"


def load_registry() -> pd.DataFrame:
    """Load the regulation registry, one row per instrument.

    The data file is checked against its SHA-256 hash and every entry is validated (every field
    present and non-empty, ``status`` one of :data:`STATUSES`, ``kind`` one of :data:`KINDS`,
    ``as_of`` and every date ISO, every obligation dated). A teaching summary, not legal advice.

    Returns
    -------
    pandas.DataFrame
        A fresh copy with columns ``id``, ``instrument``, ``jurisdiction``, ``kind``,
        ``scope_test``, ``obligations`` (list of ``"[who, from YYYY-MM-DD] text"`` strings, *who*
        being ``provider``, ``deployer`` or ``all``, the date as the law stands on the registry's
        as-of date), ``penalties``, ``key_dates`` (list of dicts with ``date``, ``what`` and the
        date's own ``status``), ``status``, ``status_note``, ``citation``, ``source_url`` and
        ``as_of``.

    Raises
    ------
    hrfair_helpers.datasets.DataIntegrityError
        If the file is missing, does not match its hash, or an entry is invalid.

    Examples
    --------
    >>> reg = load_registry()
    >>> reg.set_index("id").loc["nyc_ll144", "jurisdiction"]
    'US-NYC'
    >>> sorted(reg["status"].unique())
    ['check', 'confirmed', 'secondary']
    """
    on = _on(None)
    rows = []
    for e in copy.deepcopy(_entries()):
        row = {name: e[name] for name in REQUIRED_FIELDS}
        row["obligations"] = [_obligation_label(ob, on) for ob in e["obligations"]]
        rows.append(row)
    return pd.DataFrame(rows, columns=list(REQUIRED_FIELDS))


# --------------------------------------------------------------------------- #
# tool profiles


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
        ``"internal_mobility"``, ``"attrition_prediction"``, ``"candidate_communication"``.
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
        Flags from :data:`DATA_FLAGS`, e.g. ``{"video", "emotion_inference", "zip_code"}``.
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


# --------------------------------------------------------------------------- #
# classification


def _select(entry: dict, tool: ToolProfile, active: set[str], on: _dt.date) -> tuple[list[str], list[tuple[str, str]]]:
    """Obligations of `entry` for the tool's role whose conditions hold: (in force on `on`, upcoming).

    Upcoming obligations come as ``(date, text)``, the date ``None`` when not yet scheduled (listed
    last); obligations that ended before `on` are left out.
    """
    in_force: list[str] = []
    upcoming: list[tuple[str, str]] = []
    day = on.isoformat()
    for ob in entry["obligations"]:
        if ob["who"] not in ("all", tool.role) or not all(cond in active for cond in ob.get("when", [])):
            continue
        if not _in_law(ob, on):
            continue
        start = _start(ob, on)
        if start is not None and start <= day:
            in_force.append(ob["text"])
        else:
            upcoming.append((start and str(start), ob["text"]))
    return in_force, sorted(upcoming, key=_soonest)


def _soonest(item: tuple[str | None, str]) -> tuple[bool, str]:
    return item[0] is None, item[0] or ""


def _row(reg_id: str, applies: bool | str, tier: str, reason: str, active: set[str]) -> dict:
    """A classification row; its obligations are dated by :func:`_dated` once the day is known."""
    return {"id": reg_id, "applies": applies, "tier": tier, "reason": reason, "_active": active}


def _dated(row: dict, tool: ToolProfile, on: _dt.date) -> dict | None:
    """`row` with the obligations in force on `on` and those to come; None if the law did not exist then."""
    entry = _entry(row["id"])
    if not _known_on(entry, on):
        return None
    applies, reason = row["applies"], row["reason"]
    in_force: list[str] = []
    upcoming: list[tuple[str, str]] = []
    if applies is not False:
        sources = [entry] + [e for e in _entries() if e.get("interprets") == row["id"] and _known_on(e, on)]
        for source in sources:
            now, later = _select(source, tool, row["_active"], on)
            in_force += now
            upcoming += later
        upcoming.sort(key=_soonest)
    if applies is True and not in_force and not upcoming and tool.role == "provider":
        # The instrument binds the user of the tool, not its vendor.
        applies = "check"
        reason += (
            " Its duties fall on the employer using the tool; as provider you are not directly bound"
            " (unless you act as the employer's agent), but your customers will need your help to comply."
        )
    return {
        "id": row["id"],
        "instrument": entry["instrument"],
        "applies": applies,
        "tier": row["tier"],
        "obligations": in_force,
        "upcoming": [f"{day or 'not yet scheduled'}: {text}" for day, text in upcoming],
        "next_date": upcoming[0][0] if upcoming else None,
        "reason": reason,
        "citation": entry["citation"],
        "status": entry["status"],
    }


def _when(name: str, on: _dt.date) -> str:
    """``"since 2 Feb 2025"`` or ``"from 2 Dec 2027"``: a named date seen from `on`."""
    day = resolve(_document()["schedules"][name], on)
    return f"{'since' if day <= on.isoformat() else 'from'} {format_date(day, 'short')}"


def _conditions(tool: ToolProfile) -> set[str]:
    active = {tool.decision_role}
    if tool.is_public:
        active.add("public")
    active |= set(tool.data)
    return active


def _eu_ai_act(tool: ToolProfile, on: _dt.date) -> dict:
    active = _conditions(tool)
    applies: bool | str = True
    notes: list[str] = []
    emotion = "emotion_inference" in tool.data
    biometric = sorted(tool.data & _BIOMETRIC_INPUTS)
    emotion_recognition = emotion and bool(biometric)  # Art. 3(39): from biometric data
    if emotion_recognition and not tool.medical_or_safety_purpose:
        active.add("prohibited")
        reason = (
            f"Emotion inference from biometric data ({', '.join(biometric)}) on workers or candidates in the "
            "EU: an emotion recognition system (Art. 3(39)), prohibited at the workplace by Art. 5(1)(f) "
            f"{_when('eu_aia_prohibitions', on)} (the only exception is medical or safety reasons, which the "
            "profile does not claim)."
        )
        return _row("eu_ai_act", True, "prohibited", reason, active)
    if emotion_recognition:
        active.add("emotion_permitted")
        notes.append(
            f"Emotion recognition from biometric data ({', '.join(biometric)}) for medical or safety reasons "
            "is outside the Art. 5(1)(f) ban, but it is still high-risk under Annex III point 1(c) "
            "(emotion recognition systems), and people exposed to it must be told (Art. 50(3))."
        )
    elif emotion:
        applies = "check"
        notes.append(
            "The profile infers emotions but lists no video, voice or biometric data: the Art. 5(1)(f) ban "
            "covers emotion recognition from biometric data (Art. 3(39), Recital 44), not inference from text "
            "alone, so it is not prohibited on these facts; check what the inference really uses (if it reads "
            "faces, voices or physiological signals it is prohibited"
            + (", or high-risk under Annex III 1(c) for medical or safety reasons)." if tool.medical_or_safety_purpose else ").")
        )
    if tool.purpose == "candidate_communication" and not emotion_recognition:
        active.add("interaction")
        reason = (
            "A candidate-communication tool used with people in the EU is not itself an Annex III 4 use: "
            "limited/minimal risk with the Art. 50 transparency duty (it becomes high-risk if it also "
            "filters or evaluates applicants)."
        )
        return _row("eu_ai_act", applies, "limited/minimal", " ".join([reason, *notes]), active)
    active.add("high_risk")
    annex_iii = resolve(_document()["schedules"]["eu_aia_annex_iii"], on)
    date_note = f"Annex III high-risk duties apply {_when('eu_aia_annex_iii', on)} ({annex_iii.by})."
    if tool.role == "deployer":
        if tool.is_public:
            fria = f"As a {tool.deployer_type.replace('_', ' ')}, the deployer must do an Art. 27 fundamental rights impact assessment before first use."
        else:
            fria = (
                "No Art. 27 fundamental rights impact assessment is required: Art. 27 binds only public "
                "bodies and private entities providing public services, not a private employer's HR tool "
                "(a DPIA under GDPR Art. 35 may still be needed)."
            )
        notes.append(fria)
    if tool.purpose == "task_allocation" and not tool.profiles_people and not emotion_recognition:
        applies = "check"
        notes.append(
            "Annex III 4(b) covers task allocation based on individual behaviour or personal traits or "
            "characteristics; a tool that does not profile people may fall outside it altogether."
        )
    if tool.decision_role == "assistive":
        if tool.profiles_people:
            notes.append(
                "An assistive role does not take it out of the high-risk tier: the tool profiles people, and "
                "an Annex III system that performs profiling of natural persons is always high-risk "
                "(Art. 6(3), last subparagraph), so the Art. 6(3) derogation cannot apply."
            )
        else:
            applies = "check"
            notes.append(
                "The tool only assists and does not profile people, so the Art. 6(3) derogation may take it "
                "out of the high-risk tier if it poses no significant risk of harm (e.g. a narrow procedural or "
                "preparatory task, Art. 6(3)(a)-(d)); the provider must document that assessment before placing "
                "it on the market or putting it into service (Art. 6(4)) and still register it."
            )
    if emotion_recognition:
        reason = (
            "Emotion recognition on workers or candidates in the EU for medical or safety reasons: "
            "high-risk under Annex III 1(c)"
            + (f" (and {_EU_ANNEX_III_4[tool.purpose]})." if tool.purpose in _EU_ANNEX_III_4 else ".")
        )
        return _row("eu_ai_act", applies, "high-risk", " ".join([reason, date_note, *notes]), active)
    if tool.purpose == "attrition_prediction":
        reason = (
            "Attrition prediction for people in the EU is high-risk under Annex III 4(b) if its output "
            "is used for decisions on terms, promotion or termination or to monitor behaviour; the "
            "profile does not say how it is used."
        )
        return _row("eu_ai_act", "check", "high-risk", " ".join([reason, date_note, *notes]), active)
    reason = f"{tool.purpose.replace('_', ' ').capitalize()} of people in the EU: high-risk under {_EU_ANNEX_III_4[tool.purpose]}."
    return _row("eu_ai_act", applies, "high-risk", " ".join([reason, date_note, *notes]), active)


def _gdpr(tool: ToolProfile, reg_id: str, place: str) -> dict | None:
    active = _conditions(tool)
    if tool.decision_role == "sole":
        reason = (
            f"The tool's output alone decides about people in the {place}: a solely automated decision "
            "with legal or similarly significant effects."
        )
        return _row(reg_id, True, "solely automated decision", reason, active)
    if tool.decision_role == "substantial":
        reason = (
            f"The output carries the most weight in decisions about people in the {place}: it is a solely "
            "automated decision unless the human review is meaningful (authority and competence to change "
            "the outcome), which the profile does not say."
        )
        return _row(reg_id, "check", "solely automated decision", reason, active)
    return None


def _ll144(tool: ToolProfile) -> dict | None:
    active = _conditions(tool)
    if "US-NYC" in tool.locations:
        where, applies = "for jobs located in New York City (coverage follows the job, not where the candidate lives)", True
    elif "US-NY" in tool.locations:
        where, applies = "in New York State (LL144 covers only New York City: check where the job and the people are)", "check"
    else:
        return None
    if tool.purpose not in _HIRING | {"promotion", "internal_mobility"}:
        reason = (
            f"People {where}, but the tool is used for {tool.purpose.replace('_', ' ')}: LL144 covers only "
            "screening candidates for hiring or employees for promotion, so it is not an AEDT here."
        )
        return _row("nyc_ll144", False, "not an AEDT", reason, active)
    if tool.decision_role == "assistive":
        reason = (
            f"Used for {tool.purpose.replace('_', ' ')} of people {where}, but only as an assistive input: "
            "under 6 RCNY s. 5-300 a tool is an AEDT only if its output is relied on alone, weighted more "
            "than any other criterion, or used to overrule other conclusions. Not an AEDT, so no bias audit "
            "or notice duty (keep evidence that it really is one input among others)."
        )
        return _row("nyc_ll144", False, "not an AEDT", reason, active)
    if tool.purpose == "recruitment":
        reason = (
            f"Used for recruitment of people {where}: LL144 covers screening of a 'candidate for employment', "
            "a person who has applied for a specific position (6 RCNY s. 5-300). Sourcing people or targeting "
            "job ads at people who have not applied is outside it; check whether the tool also screens actual "
            "applicants (then it is an AEDT for that step: bias audit, published results, notice)."
        )
        return _row("nyc_ll144", "check", "AEDT", reason, active)
    how = "relied on alone" if tool.decision_role == "sole" else "weighted more than other criteria"
    if tool.purpose == "internal_mobility":
        applies = "check"
        how += "; internal mobility counts only where it screens employees for promotion"
    reason = (
        f"Used for {tool.purpose.replace('_', ' ')} of people {where} with its output {how}: it substantially "
        "assists or replaces discretionary decisions, so it is an AEDT (bias audit within one year, published "
        "impact ratios, notice 10 business days before use)."
    )
    return _row("nyc_ll144", applies, "AEDT", reason, active)


def _size_test(tool: ToolProfile, minimum: int, citation: str, law: str) -> tuple[bool | None, str]:
    """(False, reason) below the head-count threshold; (None, note) when unknown or met."""
    if tool.employees is None:
        return None, (
            f"{law} covers employers with {minimum} or more employees ({citation}); the profile does not "
            "give the head count."
        )
    if tool.employees < minimum:
        return False, (
            f"The employer has {tool.employees} employees: {law} covers only employers with {minimum} or more "
            f"employees ({citation}), so it does not apply (other laws may)."
        )
    return None, f"The employer has {tool.employees} employees ({minimum} or more, {citation})."


def _eu_rows(tool: ToolProfile, on: _dt.date, active: set[str], purpose: str) -> list[dict]:
    rows = [_eu_ai_act(tool, on)]
    gdpr = _gdpr(tool, "gdpr_art22", "EU")
    if gdpr:
        rows.append(gdpr)
    if tool.platform_work:
        rows.append(_row(
            "eu_platform_work", True, "algorithmic management (platform work)",
            f"People doing platform work in the EU are managed by the tool ({purpose}): the Platform Work Directive's "
            f"algorithmic-management rules apply through national law {_when('eu_platform_work', on)} (the "
            "transposition deadline): no processing of emotional or psychological states, information, human "
            "oversight and review.", active))
    if tool.purpose == "pay":
        rows.append(_row(
            "eu_pay_transparency", True, "pay-setting criteria",
            f"A pay tool for workers in the EU: the Pay Transparency Directive applies through national law "
            f"{_when('eu_pay_transparency', on)}: pay structures on objective, gender-neutral criteria, pay "
            "information, gap reporting and joint pay assessments. The tool's criteria are the employer's criteria.", active))
    return rows


def _uk_rows(tool: ToolProfile, active: set[str], purpose: str, employment_decision: bool) -> list[dict]:
    rows = []
    uk = _gdpr(tool, "uk_duaa_adm", "UK")
    if uk:
        rows.append(uk)
    reason = (
        f"A tool used for {purpose} of applicants or employees in Great Britain: the Equality Act's indirect "
        "discrimination (s. 19) covers a neutral scoring rule that disadvantages a protected group unless it is a "
        "proportionate means of a legitimate aim, and reasonable adjustments (ss. 20-21) are owed to disabled people "
        "the tool disadvantages."
    )
    if not employment_decision:
        reason = ("A candidate-communication tool in Great Britain: the Equality Act applies to the arrangements for "
                  "deciding whom to employ, so it is covered if it screens or disadvantages people (and reasonable "
                  "adjustments apply to how candidates use it).")
    rows.append(_row("uk_equality_act", True if employment_decision else "check",
                     "indirect discrimination, reasonable adjustments", reason, active))
    return rows


def _us_federal_rows(tool: ToolProfile, on: _dt.date, active: set[str], purpose: str,
                     employment_decision: bool) -> list[dict]:
    reason = (
        f"A tool used in employment decisions ({purpose}) on people in the US: Title VII disparate impact "
        "(42 U.S.C. 2000e-2(k)) applies to automated tools as to any test, and group-specific cut-offs are barred "
        "(2000e-2(l)). Federal agencies deprioritise disparate-impact enforcement under EO 14281, but the statute, "
        "private suits (such as Mobley v. Workday, against a vendor) and state law remain; the four-fifths rule of "
        "the Uniform Guidelines (29 CFR 1607.4(D)) stays a rule of thumb while the EEOC's rescission is pending."
    )
    if not employment_decision:
        reason = ("A candidate-communication tool used in the US: Title VII applies if it screens people out "
                  "(e.g. by not routing some applicants forward); the profile does not say.")
    rows = []
    for reg_id, law, minimum, citation, tier, extra in (
        ("us_title7", "Title VII", *_TITLE_VII_MIN, "disparate-impact exposure", reason),
        ("us_ada", "The ADA", *_ADA_MIN, "screen-out and accommodation",
         "The ADA bars selection criteria that screen out people with disabilities unless job-related, requires "
         "tests that measure the skill and not the impairment, and reasonable accommodation (an alternative format "
         "or assessment)."),
        ("us_adea", "The ADEA", *_ADEA_MIN, "age discrimination (40+)",
         "The ADEA bars age discrimination against people aged 40 or over; proxies such as graduation year or "
         "experience caps are the usual route, and Mobley v. Workday certified an ADEA collective against a vendor."),
    ):
        applies, size_note = _size_test(tool, minimum, citation, law)
        if applies is False:
            rows.append(_row(reg_id, False, "employer below size threshold", size_note, active))
            continue
        rows.append(_row(reg_id, True if employment_decision else "check", tier, f"{extra} {size_note}", active))
    return rows


def _us_state_rows(tool: ToolProfile, on: _dt.date, active: set[str], purpose: str,
                   employment_decision: bool) -> list[dict]:
    rows = []
    locs = tool.locations
    material = tool.decision_role in ("sole", "substantial")
    if "US-IL" in locs:
        if "video" in tool.data and tool.purpose in _HIRING:
            reason = (
                "Video interviews of applicants for Illinois-based positions are analysed by AI: notice, "
                "explanation and consent before the interview (820 ILCS 42/5)."
            )
            if tool.decision_role == "sole":
                reason += " The AI alone decides who is interviewed in person, so yearly demographic reporting applies (42/20)."
            rows.append(_row("il_aivia", True, "AI video interview", reason, active))
        reason = (f"AI used for {purpose} of people in Illinois: the Human Rights Act bars AI with a discriminatory "
                  f"effect and requires notice ({_when('il_hb3773', on)}; IDHR's notice rules are not final).")
        tier = "AI in employment decisions"
        if "zip_code" in tool.data:
            reason += " The tool uses zip codes: using them as a proxy for protected classes is itself a civil-rights violation."
            tier = "AI in employment decisions; zip-code proxy flagged"
        if not employment_decision:
            reason = "A candidate-communication tool in Illinois: covered if it is used in recruitment or hiring decisions; the profile does not say."
        rows.append(_row("il_hb3773", True if employment_decision else "check", tier, reason, active))
    if "US-CO" in locs and employment_decision:
        reason = (
            f"Automated decision-making for {purpose} of Colorado residents, a consequential (employment) decision: "
            f"SB 26-189 notice and explanation duties {_when('co_admt', on)} (it replaced SB 24-205, which never took "
            "effect)."
        )
        if not material:
            reason += " Covered only if the tool materially influences the decision; an assistive role may or may not."
        rows.append(_row("co_admt", True if material else "check", "consequential decision", reason, active))
    if "US-CA" in locs and employment_decision:
        reason = (
            f"An automated-decision system for {purpose} of people in California: FEHA bars discriminatory "
            f"systems and proxies, and its records must be kept four years (rules in effect {_when('ca_feha_ads', on)})."
        )
        if tool.deployer_type == "public_body":
            applies_ca, size_note = True, (
                "FEHA covers the state, its political or civil subdivisions and cities whatever their size "
                f"({_FEHA_MIN[1]})."
            )
        else:
            applies_ca, size_note = _size_test(tool, *_FEHA_MIN, "FEHA")
        if applies_ca is False:
            rows.append(_row("ca_feha_ads", False, "employer below size threshold", size_note, active))
        else:
            rows.append(_row("ca_feha_ads", True, "automated-decision system", f"{reason} {size_note}", active))
        if tool.deployer_type == "private_employer":
            reason = (
                f"Automated decisionmaking technology used to make a significant (employment) decision about "
                f"Californians: the CCPA regulations require a pre-use notice, an opt-out or a human appeal, and "
                f"access to the logic {_when('ca_ccpa_admt', on)}, and a risk assessment before use. Only a "
                "'business' under the CCPA is bound (revenue or data-volume thresholds: check)."
            )
            if not material:
                reason += " An assistive tool is covered only if it substantially replaces human decision-making."
            rows.append(_row("ca_ccpa_admt", True if material else "check", "ADMT for a significant decision",
                             reason, active))
    if "US-TX" in locs:
        rows.append(_row(
            "tx_traiga", True, "intent-based AI discrimination ban",
            f"AI used in Texas: TRAIGA bars developing or deploying AI with the intent to discriminate unlawfully "
            f"({_when('tx_traiga', on)}); disparate impact alone does not show intent, so Title VII and the Texas "
            "Labor Code remain the route for impact claims. Enforcement is by the Attorney General only, with a cure "
            "period.", active))
    return rows


def _canada_rows(tool: ToolProfile, on: _dt.date, active: set[str]) -> list[dict]:
    rows = []
    if "CA-ON" in tool.locations and tool.uses_for_public_job_posting and tool.purpose in _HIRING:
        base = ("AI screens, assesses or selects applicants to a publicly advertised job posting in Ontario: the "
                f"posting must say so ({_when('on_ai_postings', on)})")
        if tool.employees is None:
            rows.append(_row("on_esa_ai_postings", "check", "job-posting AI disclosure",
                             base + ", if the employer has 25 or more employees (the profile does not say).", active))
        elif tool.employees >= 25:
            rows.append(_row("on_esa_ai_postings", True, "job-posting AI disclosure",
                             base + f"; the employer has {tool.employees} employees (25 or more).", active))
    if "CA-QC" in tool.locations and tool.decision_role in ("sole", "substantial"):
        sole = tool.decision_role == "sole"
        reason = (
            "A decision about a person in Quebec based exclusively on automated processing of personal information: "
            "tell the person, explain on request the information, reasons and principal factors used, and let them "
            f"submit observations to a staff member who can review it (s. 12.1, {_when('qc_adm_notice', on)})."
        )
        if not sole:
            reason += " The output carries the most weight but people take the decision: s. 12.1 applies only if their review is a formality."
        rows.append(_row("qc_private_sector_adm", True if sole else "check", "exclusively automated decision",
                         reason, active))
    return rows


def _asia_rows(tool: ToolProfile, on: _dt.date, active: set[str], purpose: str,
               employment_decision: bool) -> list[dict]:
    rows = []
    locs = tool.locations
    if "KR" in locs:
        hiring = tool.purpose in _HIRING
        reason = (
            f"AI for {purpose} affecting people in Korea: "
            + ("hiring judgments are high-impact AI" if hiring else "high-impact AI if it makes significant judgments or evaluations about workers (enforcement decree)")
            + f"; the AI Basic Act applies {_when('kr_ai_basic_act', on)}, with an effort duty to assess the impact on "
            "fundamental rights and a domestic representative for large foreign operators."
        )
        applies: bool | str = hiring
        if tool.role == "deployer":
            reason += (
                " Its duties fall on AI business operators: an employer only using a bought tool for its own "
                "hiring may be a 'user' rather than an operator."
            )
            applies = "check"
        if not hiring:
            applies = "check"
        rows.append(_row("kr_ai_basic_act", applies, "high-impact AI", reason, active))
    if "CN" in locs and employment_decision:
        automated = tool.decision_role in ("sole", "substantial")
        reason = f"Personal information used for automated decision-making on {purpose} of people in China: PIPL Art. 24 transparency and fairness."
        if tool.decision_role == "sole":
            reason += " The decision is made solely by the tool, so people may ask for an explanation and refuse it."
        if not automated:
            reason += " An assistive tool may still count as automated decision-making if it evaluates people; the profile does not settle it."
        rows.append(_row("cn_pipl_art24", True if automated else "check", "automated decision-making", reason, active))
    if "CN" in locs and tool.platform_work:
        reason = (
            "An algorithm that schedules or dispatches workers in China: Art. 20 of the algorithmic-recommendation "
            "provisions asks its provider to protect workers' pay, rest and other rights in the dispatch, pay and "
            "reward-and-penalty rules."
        )
        if tool.role == "deployer":
            reason += " The duties fall on the provider of the scheduling service; an employer running its own platform is one."
        rows.append(_row("cn_algorithm_recommendation", True if tool.role == "provider" else "check",
                         "work-scheduling algorithm", reason, active))
    if "SG" in locs:
        rows.append(_row("sg_model_ai_gov", True, "voluntary, recommended",
                         "People in Singapore: the Model AI Governance Framework is voluntary but the reference for AI governance there.", active))
        if employment_decision:
            applies_sg, size_note = _size_test(tool, *_SG_WFA_MIN, "The Workplace Fairness Act")
            reason = ("Employment decisions about people in Singapore: the Workplace Fairness Act bars decisions on "
                      "protected characteristics and requires a grievance process; it has passed but is not yet in "
                      "force (no commencement date set), and the Tripartite Guidelines apply meanwhile.")
            rows.append(_row("sg_wfa", False if applies_sg is False else True, "fair employment (not yet in force)"
                             if applies_sg is not False else "employer below size threshold",
                             size_note if applies_sg is False else f"{reason} {size_note}", active))
    if "JP" in locs:
        rows.append(_row("jp_ai_promotion_act", True, "framework law (no penalties)",
                         "People in Japan: the AI Promotion Act asks businesses to endeavour to cooperate with national measures; it has no HR-specific duties or penalties.", active))
    return rows


def classify(tool: ToolProfile, *, on: Any = None) -> pd.DataFrame:
    """Which instruments in the registry apply to `tool` on a given day, and what they ask of it.

    A first-pass screen for teaching, not legal advice: it applies the registry's scope tests to
    the facts in the profile, with the law as it stood on `on`.

    Parameters
    ----------
    tool : ToolProfile
        The tool to classify.
    on : date or ISO str, optional
        The day; default the registry's as-of date (:func:`registry_as_of`). Instruments not yet
        adopted, or repealed or withdrawn by then, are left out; a date that a later act moved is
        taken as it stood that day. Days after the as-of date are answered from the schedules
        known on it. The day is shown as the column index name (``"law on 2026-12-07"``) and kept
        in ``frame.attrs["on"]``.

    Returns
    -------
    pandas.DataFrame
        One row per instrument that applies, with columns ``id``, ``instrument``, ``applies``
        (``True``; ``"check"`` when the answer depends on facts not in the profile; ``False`` only
        for a near miss worth showing, e.g. an assistive tool under NYC LL144 or an employer below
        the size threshold of Title VII or FEHA), ``tier``
        (EU AI Act: ``"prohibited"``, ``"high-risk"``, ``"limited/minimal"``; NYC LL144:
        ``"AEDT"``, ``"not an AEDT"``; otherwise a short label), ``obligations`` (list of the
        obligations for the tool's ``role`` in force on `on`), ``upcoming`` (those still to come,
        each ``"YYYY-MM-DD: text"``, soonest first), ``next_date`` (the soonest, or None),
        ``reason`` (which profile facts triggered it), ``citation`` and ``status`` (the registry
        entry's status).

    Raises
    ------
    ValueError
        If `tool` is not a :class:`ToolProfile`, or `on` is not a date.

    Examples
    --------
    >>> tool = ToolProfile(name="mood-cam", purpose="performance_monitoring",
    ...                    decision_role="assistive", locations={"EU"},
    ...                    data={"video", "emotion_inference"})
    >>> row = classify(tool).set_index("id").loc["eu_ai_act"]
    >>> row["tier"]
    'prohibited'
    >>> row["reason"]
    'Emotion inference from biometric data (video) on workers or candidates in the EU: an emotion recognition system (Art. 3(39)), prohibited at the workplace by Art. 5(1)(f) since 2 Feb 2025 ...'

    The same high-risk screener before and after its Annex III duties apply:

    >>> cv = ToolProfile(name="cv-ranker", purpose="selection", decision_role="substantial",
    ...                  locations={"EU"})
    >>> classify(cv, on="2026-12-05").set_index("id").loc["eu_ai_act", "next_date"]
    '2027-12-02'
    >>> classify(cv, on="2028-01-01").set_index("id").loc["eu_ai_act", "next_date"] is None
    True
    """
    if not isinstance(tool, ToolProfile):
        raise ValueError(f"classify needs a ToolProfile; got {type(tool).__name__}")
    on = _on(on)
    active = _conditions(tool)
    rows: list[dict] = []
    locs = tool.locations
    purpose = tool.purpose.replace("_", " ")
    employment_decision = tool.purpose != "candidate_communication"

    if "EU" in locs:
        rows += _eu_rows(tool, on, active, purpose)
    if "UK" in locs:
        rows += _uk_rows(tool, active, purpose, employment_decision)
    ll144 = _ll144(tool)
    if ll144:
        rows.append(ll144)
    if any(loc == "US" or loc.startswith("US-") for loc in locs):
        rows += _us_federal_rows(tool, on, active, purpose, employment_decision)
    rows += _us_state_rows(tool, on, active, purpose, employment_decision)
    rows += _canada_rows(tool, on, active)
    rows += _asia_rows(tool, on, active, purpose, employment_decision)
    rows.append(_row("nist_ai_rmf", True, "voluntary, recommended",
                     "Always recommended: NIST AI RMF 1.0 is voluntary everywhere and organises the governance work "
                     "(MEASURE 2.11: fairness and bias evaluated and documented).", active))
    if tool.purpose == "candidate_communication":
        rows.append(_row("nist_ai_600_1", True, "voluntary, recommended (generative AI)",
                         "A chatbot or other generative AI talking to candidates or staff: the NIST generative-AI profile "
                         "adds the risks of harmful bias and homogenisation, confabulation and information integrity to "
                         "test and manage.", active))

    dated = [row for row in (_dated(r, tool, on) for r in rows) if row is not None]
    frame = pd.DataFrame(dated, columns=list(CLASSIFY_COLUMNS))
    # Keep Python True/False/"check" (a bool-only column would become numpy.bool_).
    frame["applies"] = pd.Series([r["applies"] for r in dated], dtype=object)
    return _stamp(frame, on, "law on {day}")


#: The columns of :func:`classify`.
CLASSIFY_COLUMNS = ("id", "instrument", "applies", "tier", "obligations", "upcoming", "next_date", "reason",
                    "citation", "status")


def _stamp(frame: pd.DataFrame, on: _dt.date, template: str) -> pd.DataFrame:
    """Show the day in every rendering (the column index name) and keep it in ``attrs``."""
    as_of = registry_as_of()
    day = on.isoformat()
    frame.attrs.update(on=day, registry_as_of=as_of)
    if day > as_of:
        day += f", as scheduled on {as_of}"
    frame.columns.name = template.format(day=day)
    return frame


def obligations_matrix(inventory: Iterable[ToolProfile], *, on: Any = None) -> pd.DataFrame:
    """Tools x instruments for an inventory of HR AI tools, on a given day.

    Parameters
    ----------
    inventory : list of ToolProfile
        The tools, each with a unique ``name``.
    on : date or ISO str, optional
        The day, as in :func:`classify`; default the registry's as-of date. It is shown in the
        column index name (``"instrument (law on 2026-12-07)"``) and kept in ``attrs["on"]``.

    Returns
    -------
    pandas.DataFrame
        Index: tool names in inventory order; columns: the ``id`` of every instrument that applies
        to at least one tool, in registry order. A cell holds the tier label (e.g. ``"high-risk"``,
        ``"AEDT"``), followed by ``" (check)"`` when the answer depends on facts not in the profile,
        and by ``"; from YYYY-MM-DD"`` when none of the tool's obligations under it apply yet, or
        ``"; more from YYYY-MM-DD"`` when some apply and more are coming (the soonest date). It is
        empty (``""``) where the instrument does not apply.

    Raises
    ------
    ValueError
        If `inventory` is empty, holds something other than a ToolProfile, or repeats a name.

    Examples
    --------
    >>> tools = [
    ...     ToolProfile(name="cv-ranker", purpose="selection", decision_role="substantial",
    ...                 locations={"EU", "US-NYC"}),
    ...     ToolProfile(name="scheduler", purpose="task_allocation", decision_role="assistive",
    ...                 locations={"EU"}),
    ... ]
    >>> m = obligations_matrix(tools, on="2026-12-07")
    >>> m.loc["cv-ranker", "nyc_ll144"], m.loc["scheduler", "nyc_ll144"]
    ('AEDT', '')
    >>> m.loc["scheduler", "eu_ai_act"]
    'high-risk; more from 2027-12-02'
    >>> obligations_matrix(tools, on="2028-01-01").loc["scheduler", "eu_ai_act"]
    'high-risk'
    """
    if isinstance(inventory, (ToolProfile, str)) or not isinstance(inventory, Iterable):
        raise ValueError("inventory must be a list of ToolProfile objects")
    tools = list(inventory)
    if not tools:
        raise ValueError("inventory is empty: give at least one ToolProfile")
    names: set[str] = set()
    for i, tool in enumerate(tools):
        if not isinstance(tool, ToolProfile):
            raise ValueError(f"inventory item {i} is a {type(tool).__name__}, not a ToolProfile")
        if tool.name in names:
            raise ValueError(f"duplicate tool name {tool.name!r} in inventory: names must be unique")
        names.add(tool.name)
    on = _on(on)
    cells: dict[str, dict[str, str]] = {}
    for tool in tools:
        frame = classify(tool, on=on)
        for row in frame.itertuples(index=False):
            if row.applies is False:
                continue
            label = row.tier + (" (check)" if row.applies == "check" else "")
            if row.next_date is not None:
                label += f"; {'more from' if row.obligations else 'from'} {row.next_date}"
            cells.setdefault(row.id, {})[tool.name] = label
    order = [e["id"] for e in _entries() if e["id"] in cells]
    matrix = pd.DataFrame(
        {reg_id: [cells[reg_id].get(t.name, "") for t in tools] for reg_id in order},
        index=pd.Index([t.name for t in tools], name="tool"),
    )
    return _stamp(matrix, on, "instrument (law on {day})")
