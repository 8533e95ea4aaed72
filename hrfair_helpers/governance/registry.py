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

Three entry points:

* :func:`load_registry` -- the registry as a DataFrame, one row per instrument;
* :func:`classify` -- which instruments a :class:`ToolProfile` falls under on a given day, with the
  tier, the obligations for the tool's role in force that day, those still to come and when, and a
  plain reason naming the profile facts that triggered it;
* :func:`obligations_matrix` -- tools x instruments for an inventory of tools on a given day.

``classify`` applies the scope tests written in the registry to the facts in the profile; where
the answer depends on facts the profile does not hold, ``applies`` is the string ``"check"``.

The data file and its dates are read in :mod:`._registry_data`, :class:`ToolProfile` lives in
:mod:`.profile` and the scope tests, one module per region, in :mod:`._scope_rules`; this module
re-exports their public names.

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
import warnings
from collections.abc import Iterable
from typing import Any

import pandas as pd

# The data's constants and date functions are re-exported, so `from .registry import X` keeps working;
# tests patch the seams (_DATA_DIR, REGISTRY_SHA256) in _registry_data.
from ._registry_data import (  # noqa: F401 - re-exported
    AS_ADOPTED,
    KINDS,
    REGISTRY_FILE,
    REGISTRY_SHA256,
    REQUIRED_FIELDS,
    STATUSES,
    _entries,
    _entry,
    _in_law,
    _known_on,
    _on,
    _start,
    legal_date,
    registry_as_of,
    schedule_names,
)
from ._scope_rules.asia import _asia_rows
from ._scope_rules.canada import _canada_rows
from ._scope_rules.europe import _eu_rows, _uk_rows
from ._scope_rules.rows import _conditions, _row
from ._scope_rules.us import _ll144, _us_federal_rows, _us_state_rows
from .profile import DATA_FLAGS, DECISION_ROLES, DEPLOYER_TYPES, LOCATIONS, PURPOSES, ROLES, ToolProfile

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


def __getattr__(name: str) -> Any:
    # AS_OF was a constant typed into this module; the date now lives in the data file.
    if name == "AS_OF":
        warnings.warn(
            "registry.AS_OF is deprecated and will be removed: use registry_as_of()", FutureWarning, stacklevel=2
        )
        return registry_as_of()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
# classification


def _select(
    entry: dict, tool: ToolProfile, active: set[str], on: _dt.date
) -> tuple[list[str], list[tuple[str | None, str]]]:
    """Obligations of `entry` for the tool's role whose conditions hold: (in force on `on`, upcoming).

    Upcoming obligations come as ``(date, text)``, the date ``None`` when not yet scheduled (listed
    last); obligations that ended before `on` are left out.
    """
    in_force: list[str] = []
    upcoming: list[tuple[str | None, str]] = []
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


def _dated(row: dict, tool: ToolProfile, on: _dt.date) -> dict | None:
    """`row` with the obligations in force on `on` and those to come; None if the law did not exist then."""
    entry = _entry(row["id"])
    if not _known_on(entry, on):
        return None
    applies, reason = row["applies"], row["reason"]
    in_force: list[str] = []
    upcoming: list[tuple[str | None, str]] = []
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
    rows.append(
        _row(
            "nist_ai_rmf",
            True,
            "voluntary, recommended",
            "Always recommended: NIST AI RMF 1.0 is voluntary everywhere and organises the governance work "
            "(MEASURE 2.11: fairness and bias evaluated and documented).",
            active,
        )
    )
    if tool.purpose == "candidate_communication":
        rows.append(
            _row(
                "nist_ai_600_1",
                True,
                "voluntary, recommended (generative AI)",
                "A chatbot or other generative AI talking to candidates or staff: the NIST generative-AI profile "
                "adds the risks of harmful bias and homogenisation, confabulation and information integrity to "
                "test and manage.",
                active,
            )
        )

    dated = [row for row in (_dated(r, tool, on) for r in rows) if row is not None]
    frame = pd.DataFrame(dated, columns=list(CLASSIFY_COLUMNS))
    # Keep Python True/False/"check" (a bool-only column would become numpy.bool_).
    frame["applies"] = pd.Series([r["applies"] for r in dated], dtype=object)
    return _stamp(frame, on, "law on {day}")


#: The columns of :func:`classify`.
CLASSIFY_COLUMNS = (
    "id",
    "instrument",
    "applies",
    "tier",
    "obligations",
    "upcoming",
    "next_date",
    "reason",
    "citation",
    "status",
)


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
