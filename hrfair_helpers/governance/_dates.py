"""Dates in the regulation registry: parsing a query date and resolving an obligation's schedule.

An obligation's ``from`` is either one ISO date or a list of *versions*, oldest first, each
``{"date", "since", "by"}``: the day the duty applies from, the day that schedule became the law,
and the provision that set it. A duty whose date a later act moved (the EU AI Act's Annex III
duties, moved by the Digital Omnibus) is then read as the law stood on the query day: asked about a
day before the amendment entered into force, the registry answers with the date that was the law
then. Standard library only, so the governance package stays cheap to import.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .._utils.dates import parse_day

__all__ = ["ScheduledDate", "format_date", "is_iso_date", "resolve", "to_date"]


def is_iso_date(value: Any) -> bool:
    """True for a ``YYYY-MM-DD`` string that names a real day."""
    if not isinstance(value, str):
        return False
    try:
        return _dt.date.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def to_date(value: Any, name: str = "on") -> _dt.date:
    """A :class:`datetime.date` from a date, a datetime or an ISO ``YYYY-MM-DD`` string.

    Raises
    ------
    ValueError
        For anything else, with an example of what is accepted.

    Examples
    --------
    >>> to_date("2027-12-02")
    datetime.date(2027, 12, 2)
    >>> to_date("2 Dec 2027")
    Traceback (most recent call last):
    ...
    ValueError: on must be a date or an ISO date string such as '2026-12-05'; got '2 Dec 2027'
    """
    day = parse_day(value)
    if day is None:
        raise ValueError(f"{name} must be a date or an ISO date string such as '2026-12-05'; got {value!r}")
    return day


def format_date(value: str | _dt.date, style: str = "long") -> str:
    """``"2 December 2027"`` (``long``), ``"2 Dec 2027"`` (``short``) or ``"2027-12-02"`` (``iso``).

    Examples
    --------
    >>> format_date("2027-12-02"), format_date("2027-12-02", "short")
    ('2 December 2027', '2 Dec 2027')
    """
    day = to_date(value, "date")
    if style == "iso":
        return day.isoformat()
    month = day.strftime("%B" if style == "long" else "%b")
    if style not in ("long", "short"):
        raise ValueError(f"style must be 'long', 'short' or 'iso'; got {style!r}")
    return f"{day.day} {month} {day.year}"


class ScheduledDate(str):
    """An ISO date string that also says which provision set it (``by``) and since when (``since``)."""

    by: str
    since: str | None

    def __new__(cls, date: str, by: str = "", since: str | None = None) -> ScheduledDate:
        self = super().__new__(cls, date)
        self.by, self.since = by, since
        return self


def resolve(start: Any, on: _dt.date) -> ScheduledDate:
    """The date a duty applies from, as the law stood on `on`.

    `start` is an obligation's ``from``: an ISO date, or versions ``[{"date", "since", "by"}, ...]``
    oldest first. The version in force on `on` is the last whose ``since`` is not after `on`; a
    day before every version gives the first (callers check first whether the duty was law yet).

    Examples
    --------
    >>> versions = [{"date": "2026-08-02", "since": "2024-08-01", "by": "as adopted"},
    ...             {"date": "2027-12-02", "since": "2026-07-27", "by": "as amended"}]
    >>> resolve(versions, to_date("2026-07-01")), resolve(versions, to_date("2026-12-05"))
    ('2026-08-02', '2027-12-02')
    >>> resolve(versions, to_date("2026-12-05")).by
    'as amended'
    """
    if isinstance(start, str):
        return ScheduledDate(start)
    chosen = start[0]
    for version in start:
        if to_date(version["since"], "since") <= on:
            chosen = version
    return ScheduledDate(chosen["date"], chosen.get("by", ""), chosen["since"])
