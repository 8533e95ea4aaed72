"""What every scope rule uses: the row it returns, the facts that switch obligations on, dates and head counts."""

from __future__ import annotations

import datetime as _dt

from .._dates import format_date, resolve
from .._registry_data import _document
from ..profile import ToolProfile

_HIRING = {"recruitment", "selection"}


def _row(reg_id: str, applies: bool | str, tier: str, reason: str, active: set[str]) -> dict:
    """A classification row; ``registry._dated`` dates its obligations once the day is known."""
    return {"id": reg_id, "applies": applies, "tier": tier, "reason": reason, "_active": active}


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
