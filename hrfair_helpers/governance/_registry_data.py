"""The registry's data: reading, checking and caching ``data/regulations.json``, and its dates.

The registry ships as ``data/regulations.json`` inside the package and is checked against a
SHA-256 hash on load (:class:`hrfair_helpers.datasets.DataIntegrityError` on mismatch), then
validated entry by entry. Obligations are dated by *schedules* (an ISO date, or versions when a
later act moved the date, see :mod:`._dates`), read as the law stood on the day asked about.

:mod:`hrfair_helpers.governance.registry` re-exports the public names; tests patch the seams
(``_DATA_DIR``, ``REGISTRY_SHA256``) in this module.
"""

from __future__ import annotations

import datetime as _dt
import json
from importlib.resources.abc import Traversable
from os import PathLike
from typing import Any

from .._utils import resources
from .._utils.resources import DataIntegrityError
from ._dates import ScheduledDate, format_date, is_iso_date, resolve, to_date

__all__ = [
    "AS_ADOPTED",
    "KINDS",
    "REGISTRY_FILE",
    "REGISTRY_SHA256",
    "REQUIRED_FIELDS",
    "STATUSES",
    "legal_date",
    "registry_as_of",
    "schedule_names",
]

REGISTRY_FILE = "regulations.json"
#: SHA-256 of ``data/regulations.json``; update it together with the file.
REGISTRY_SHA256 = "f0d7588c6c081fde2d48ebb55e7a5388891f6b76cf2988027dcdcacc275410e7"

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


# --------------------------------------------------------------------------- #
# loading and validation


def _data_dir() -> Traversable:
    return resources.data_dir("governance", _DATA_DIR)


def _repair_hint() -> str:
    return resources.repair_hint("governance", REGISTRY_FILE)


def _read_verified(directory: Traversable) -> bytes:
    """The registry's bytes, or DataIntegrityError if missing or not matching its hash."""
    return resources.read_verified(
        directory,
        REGISTRY_FILE,
        REGISTRY_SHA256,
        package="governance",
        what="Registry file",
        cause="The file is corrupted or was modified without updating REGISTRY_SHA256 in "
        "hrfair_helpers/governance/_registry_data.py.",
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
        if not (
            isinstance(version, dict)
            and is_iso_date(version.get("date"))
            and is_iso_date(version.get("since"))
            and str(version.get("by", "")).strip()
        ):
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
            if value is None or (
                isinstance(value, (str, list)) and not (value.strip() if isinstance(value, str) else value)
            ):
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
                _check_schedule(
                    f"{where} obligation {ob['text'][:40]!r}...",
                    schedules[start] if isinstance(start, str) and start in schedules else start,
                )
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
        if not (
            isinstance(change, dict)
            and is_iso_date(change.get("date"))
            and str(change.get("what", "")).strip()
            and change.get("status") in STATUSES
            and str(change.get("source_url", "")).startswith("http")
            and change.get("entries")
            and set(change["entries"]) <= seen
        ):
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
            raise DataIntegrityError(
                f"Registry file {REGISTRY_FILE!r} is not valid JSON: {exc}. {_repair_hint()}"
            ) from exc
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


# --------------------------------------------------------------------------- #
# dates


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
