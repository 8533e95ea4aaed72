"""Scope rules for Canada: Ontario's job-posting disclosure and Quebec's automated decisions."""

from __future__ import annotations

import datetime as _dt

from ..profile import ToolProfile
from .rows import _HIRING, _row, _when


def _canada_rows(tool: ToolProfile, on: _dt.date, active: set[str]) -> list[dict]:
    rows = []
    if "CA-ON" in tool.locations and tool.uses_for_public_job_posting and tool.purpose in _HIRING:
        base = (
            "AI screens, assesses or selects applicants to a publicly advertised job posting in Ontario: the "
            f"posting must say so ({_when('on_ai_postings', on)})"
        )
        if tool.employees is None:
            rows.append(
                _row(
                    "on_esa_ai_postings",
                    "check",
                    "job-posting AI disclosure",
                    base + ", if the employer has 25 or more employees (the profile does not say).",
                    active,
                )
            )
        elif tool.employees >= 25:
            rows.append(
                _row(
                    "on_esa_ai_postings",
                    True,
                    "job-posting AI disclosure",
                    base + f"; the employer has {tool.employees} employees (25 or more).",
                    active,
                )
            )
    if "CA-QC" in tool.locations and tool.decision_role in ("sole", "substantial"):
        sole = tool.decision_role == "sole"
        reason = (
            "A decision about a person in Quebec based exclusively on automated processing of personal information: "
            "tell the person, explain on request the information, reasons and principal factors used, and let them "
            f"submit observations to a staff member who can review it (s. 12.1, {_when('qc_adm_notice', on)})."
        )
        if not sole:
            reason += " The output carries the most weight but people take the decision: s. 12.1 applies only if their review is a formality."
        rows.append(
            _row("qc_private_sector_adm", True if sole else "check", "exclusively automated decision", reason, active)
        )
    return rows
