"""Reading a calendar day from what callers pass: one parser, each caller its own message.

Standard library only, so the governance registry stays cheap to import.
"""

import datetime as _dt

__all__ = ["parse_day"]


def parse_day(value):
    """A :class:`datetime.date` from a date, a datetime (its date) or an ISO ``YYYY-MM-DD`` string; else None.

    Strings must be exactly ``YYYY-MM-DD`` once stripped of spaces, so ``"2026-12-1"`` or
    ``"20261201"`` are refused rather than guessed.

    Examples
    --------
    >>> parse_day(" 2027-12-02 "), parse_day("2 Dec 2027")
    (datetime.date(2027, 12, 2), None)
    """
    if isinstance(value, _dt.datetime):  # pandas.Timestamp is a datetime
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            day = _dt.date.fromisoformat(text)
        except ValueError:
            return None
        return day if day.isoformat() == text else None
    return None
