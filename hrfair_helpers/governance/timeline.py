"""The law on a date: obligations in force and upcoming, the change log, and dates in prose.

- :func:`obligations_on` -- every obligation in the registry, in force or still to come on a day
  (the table behind ``hrfair regulations --on DATE``);
- :func:`law_changes` -- the dated legal changes the registry records, newest first (the book's
  "What changed" page is rendered from it by :func:`render_law_changes`);
- :func:`fill_dates` -- replaces ``{date:NAME}`` placeholders in a text with the registry's dates,
  so model answers, feedback and chapters never type a legal date themselves.

A teaching summary, not legal advice; see :mod:`hrfair_helpers.governance.registry`.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from .._utils.render import markdown_table
from ._dates import format_date
from ._registry_data import _document, _entries, _in_law, _known_on, _on, _start, legal_date, registry_as_of
from .registry import _stamp

__all__ = ["fill_dates", "law_changes", "obligations_on", "render_law_changes", "render_obligations_on"]

#: ``{date:NAME}`` or ``{date:NAME:short}`` / ``{date:NAME:iso}`` in a text.
_PLACEHOLDER = re.compile(r"\{date:([a-z0-9_]+)(?::(long|short|iso))?\}")
#: The columns of :func:`obligations_on`.
OBLIGATION_COLUMNS = (
    "id",
    "instrument",
    "jurisdiction",
    "who",
    "obligation",
    "state",
    "from",
    "until",
    "set_by",
    "status",
)
_STATES = ("in force", "upcoming")


def _jurisdiction_filter(jurisdiction: str | None) -> str | None:
    if jurisdiction is None:
        return None
    codes = {e["jurisdiction"] for e in _entries()}
    prefixes = codes | {code.split("-")[0] for code in codes}
    if not isinstance(jurisdiction, str) or jurisdiction not in prefixes:
        raise ValueError(
            f"jurisdiction must be one of {', '.join(sorted(prefixes))} (a country code also selects its "
            f"states and provinces, e.g. 'US' includes 'US-NYC'); got {jurisdiction!r}"
        )
    return jurisdiction


def _matches(code: str, jurisdiction: str | None) -> bool:
    return jurisdiction is None or code == jurisdiction or code.startswith(jurisdiction + "-")


def obligations_on(on: Any = None, *, jurisdiction: str | None = None) -> pd.DataFrame:
    """Every obligation in the registry that is in force on `on` or still to come.

    Parameters
    ----------
    on : date or ISO str, optional
        The day; default the registry's as-of date. Instruments not adopted by then, and
        obligations that ended before it, are left out; moved dates are taken as they stood then.
    jurisdiction : str, optional
        Keep one jurisdiction: ``"EU"``, ``"US-NYC"``, ... A country code includes its states and
        provinces (``"US"`` keeps ``"US-NYC"`` and ``"US-IL"`` too).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``instrument``, ``jurisdiction``, ``who``, ``obligation``, ``state``
        (``"in force"`` or ``"upcoming"``), ``from`` (None when not yet scheduled), ``until`` (or None), ``set_by`` (the
        provision that set a moved date, else ``""``) and ``status`` (the obligation's own, else
        its entry's), in registry order, in-force rows first within an instrument. The day is the
        column index name and ``attrs["on"]``.

    Raises
    ------
    ValueError
        If `on` is not a date or `jurisdiction` is unknown.

    Examples
    --------
    >>> eu = obligations_on("2026-12-05", jurisdiction="EU").set_index("id")
    >>> sorted(set(eu.loc["eu_ai_act", "state"]))
    ['in force', 'upcoming']
    >>> later = obligations_on("2028-01-01", jurisdiction="EU").set_index("id")
    >>> bool((later.loc["eu_ai_act", "state"] == "upcoming").any())
    False
    """
    day = _on(on)
    jurisdiction = _jurisdiction_filter(jurisdiction)
    rows = []
    for entry in _entries():
        if not _matches(entry["jurisdiction"], jurisdiction) or not _known_on(entry, day):
            continue
        found = []
        for ob in entry["obligations"]:
            if not _in_law(ob, day):
                continue
            start = _start(ob, day)
            found.append(
                {
                    "id": entry["id"],
                    "instrument": entry["instrument"],
                    "jurisdiction": entry["jurisdiction"],
                    "who": ob["who"],
                    "obligation": ob["text"],
                    "state": "in force" if start is not None and start <= day.isoformat() else "upcoming",
                    "from": start and str(start),
                    "until": ob.get("until"),
                    "set_by": start.by if start else "",
                    "status": ob.get("status", entry["status"]),
                }
            )
        rows += sorted(found, key=lambda r: (_STATES.index(r["state"]), r["from"] is None, r["from"] or ""))
    frame = pd.DataFrame(rows, columns=list(OBLIGATION_COLUMNS))
    return _stamp(frame, day, "law on {day}")


def render_obligations_on(on: Any = None, *, jurisdiction: str | None = None, fmt: str = "md") -> str:
    """:func:`obligations_on` as Markdown (one section per instrument), JSON or CSV text."""
    frame = obligations_on(on, jurisdiction=jurisdiction)
    if fmt == "csv":
        return frame.to_csv(index=False)
    if fmt == "json":
        doc = {
            "on": frame.attrs["on"],
            "registry_as_of": frame.attrs["registry_as_of"],
            "jurisdiction": jurisdiction,
            "obligations": frame.to_dict(orient="records"),
        }
        return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
    if fmt != "md":
        raise ValueError(f"fmt must be 'md', 'json' or 'csv'; got {fmt!r}")
    where = f" in {jurisdiction}" if jurisdiction else ""
    lines = [
        f"# The law on {frame.attrs['on']}{where}",
        "",
        f"Registry as of {frame.attrs['registry_as_of']}. A teaching summary, not legal advice: "
        "check each entry's status and source before relying on it.",
        "",
    ]
    if frame.attrs["on"] > frame.attrs["registry_as_of"]:
        lines += ["Dates after the registry's as-of date are the schedules known on it; later amendments are not.", ""]
    entries = {e["id"]: e for e in _entries()}
    for reg_id, rows in frame.groupby("id", sort=False):
        entry = entries[reg_id]
        lines += [f"## {entry['instrument']} ({entry['jurisdiction']}; {entry['kind']}; status {entry['status']})", ""]
        for state, title in (("in force", "In force"), ("upcoming", "Coming")):
            part = rows[rows["state"] == state]
            if part.empty:
                continue
            lines += [f"{title}:", ""]
            for r in part.itertuples(index=False):
                start = r[OBLIGATION_COLUMNS.index("from")]
                when = ("since " if state == "in force" else "from ") + start if start else "not yet scheduled"
                moved = f", {r.set_by}" if r.set_by else ""
                until = f", until {r.until}" if r.until else ""
                lines.append(f"- [{r.who}; {when}{moved}{until}] {r.obligation}")
            lines.append("")
        lines += [f"Source: {entry['citation']} <{entry['source_url']}>", ""]
    if frame.empty:
        lines += ["No obligation in the registry is in force or upcoming for this selection.", ""]
    return "\n".join(lines)


def law_changes(since: Any = None) -> pd.DataFrame:
    """The dated legal changes the registry records, newest first.

    Parameters
    ----------
    since : date or ISO str, optional
        Keep changes on or after this day.

    Returns
    -------
    pandas.DataFrame
        Columns ``date``, ``instruments`` (entry ids), ``what``, ``status`` and ``source_url``.

    Examples
    --------
    >>> changes = law_changes()
    >>> list(changes.columns)
    ['date', 'instruments', 'what', 'status', 'source_url']
    >>> changes["date"].is_monotonic_decreasing
    True
    """
    start = None if since is None else _on(since).isoformat()
    rows = [
        {
            "date": c["date"],
            "instruments": list(c["entries"]),
            "what": c["what"],
            "status": c["status"],
            "source_url": c["source_url"],
        }
        for c in _document().get("changes", [])
        if start is None or c["date"] >= start
    ]
    frame = pd.DataFrame(rows, columns=["date", "instruments", "what", "status", "source_url"])
    return frame.sort_values("date", ascending=False, kind="stable").reset_index(drop=True)


def render_law_changes() -> str:
    """The book page "What changed in the law", generated from the registry's change log."""
    changes = law_changes()
    # The instrument's short name: its title up to the first comma ("EU AI Act", "Mobley v. Workday").
    names = {e["id"]: e["instrument"].split(",")[0] for e in _entries()}
    as_of = registry_as_of()
    lines = [
        "# What changed in the law",
        "",
        "<!-- Generated by `hrfair regulations --changes`; edit hrfair_helpers/governance/data/regulations.json, "
        "not this page. -->",
        "",
        f"Every change to the law that the casebook's regulation registry records, newest first, as of "
        f"{format_date(as_of)}. Each row names its source and how far it was verified: *confirmed* "
        "(read in the primary text), *secondary* (consistent secondary sources) or *check* (unsettled or "
        "single-source: verify before relying on it). The classifier, the notebooks and the chapters take "
        "their dates from the same data, so they follow these changes.",
        "",
        "To see what applies on a given day, run `hrfair regulations --on 2027-12-02` (add "
        "`--jurisdiction EU` to narrow it), or call `classify(tool, on=...)` in Python.",
        "",
    ]
    table = pd.DataFrame(
        {
            "date": changes["date"],
            "instrument": ["; ".join(names[i] for i in ids) for ids in changes["instruments"]],
            "what changed": changes["what"],
            "status": changes["status"],
            # The site's name as link text keeps the column narrow; the full address is the target.
            "source": [f"[{urlsplit(url).netloc.removeprefix('www.')}]({url})" for url in changes["source_url"]],
        }
    )
    lines += markdown_table(table, index=False).splitlines()
    lines += ["", "A teaching summary, not legal advice.", ""]
    return "\n".join(lines)


def fill_dates(text: str, *, on: Any = None, book: bool = False) -> str:
    """Replace ``{date:NAME}`` placeholders with the registry's dates (as the law stood on `on`).

    ``{date:NAME}`` gives ``"2 December 2027"``; ``{date:NAME:short}`` ``"2 Dec 2027"``;
    ``{date:NAME:iso}`` ``"2027-12-02"``. NAME is a schedule (:func:`registry.schedule_names`).
    With ``book=True`` (for a generated book page) a long-style date becomes the book's MyST
    substitution ``{{ date_NAME }}`` (:mod:`hrfair_helpers.governance.sphinxext`), so the page
    takes the date from the registry at build time instead of holding a typed one.

    Raises
    ------
    ValueError
        If a placeholder names no schedule.

    Examples
    --------
    >>> fill_dates("Banned since {date:eu_aia_prohibitions}.")
    'Banned since 2 February 2025.'
    >>> fill_dates("Banned since {date:eu_aia_prohibitions}.", book=True)
    'Banned since {{ date_eu_aia_prohibitions }}.'
    """

    def date(match: re.Match) -> str:
        name, style = match.group(1), match.group(2) or "long"
        if book and on is None and style == "long":
            legal_date(name)  # an unknown schedule fails here as it does when filled
            return "{{ date_" + name + " }}"
        return legal_date(name, on=on, style=style)

    return _PLACEHOLDER.sub(date, text)
