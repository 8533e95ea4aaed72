"""Scope rules for Asia: Korea, China, Singapore and Japan."""

from __future__ import annotations

import datetime as _dt

from ..profile import ToolProfile
from .rows import _HIRING, _row, _size_test, _when

#: Employer-size threshold: (minimum head count, citation).
_SG_WFA_MIN = (25, "Workplace Fairness Act 2025, as reported")


def _asia_rows(
    tool: ToolProfile, on: _dt.date, active: set[str], purpose: str, employment_decision: bool
) -> list[dict]:
    rows = []
    locs = tool.locations
    if "KR" in locs:
        hiring = tool.purpose in _HIRING
        reason = (
            f"AI for {purpose} affecting people in Korea: "
            + (
                "hiring judgments are high-impact AI"
                if hiring
                else "high-impact AI if it makes significant judgments or evaluations about workers (enforcement decree)"
            )
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
        rows.append(
            _row(
                "cn_algorithm_recommendation",
                True if tool.role == "provider" else "check",
                "work-scheduling algorithm",
                reason,
                active,
            )
        )
    if "SG" in locs:
        rows.append(
            _row(
                "sg_model_ai_gov",
                True,
                "voluntary, recommended",
                "People in Singapore: the Model AI Governance Framework is voluntary but the reference for AI governance there.",
                active,
            )
        )
        if employment_decision:
            applies_sg, size_note = _size_test(tool, *_SG_WFA_MIN, "The Workplace Fairness Act")
            reason = (
                "Employment decisions about people in Singapore: the Workplace Fairness Act bars decisions on "
                "protected characteristics and requires a grievance process; it has passed but is not yet in "
                "force (no commencement date set), and the Tripartite Guidelines apply meanwhile."
            )
            rows.append(
                _row(
                    "sg_wfa",
                    False if applies_sg is False else True,
                    "fair employment (not yet in force)"
                    if applies_sg is not False
                    else "employer below size threshold",
                    size_note if applies_sg is False else f"{reason} {size_note}",
                    active,
                )
            )
    if "JP" in locs:
        rows.append(
            _row(
                "jp_ai_promotion_act",
                True,
                "framework law (no penalties)",
                "People in Japan: the AI Promotion Act asks businesses to endeavour to cooperate with national measures; it has no HR-specific duties or penalties.",
                active,
            )
        )
    return rows
