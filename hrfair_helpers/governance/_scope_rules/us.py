"""Scope rules for the US: NYC Local Law 144, federal anti-discrimination law, and state laws."""

from __future__ import annotations

import datetime as _dt

from ..profile import ToolProfile
from .rows import _HIRING, _conditions, _row, _size_test, _when

#: Employer-size thresholds: (minimum head count, citation).
_TITLE_VII_MIN = (15, "42 U.S.C. s. 2000e(b)")
_ADA_MIN = (15, "42 U.S.C. s. 12111(5)")
_ADEA_MIN = (20, "29 U.S.C. s. 630(b)")
_FEHA_MIN = (5, "Cal. Gov. Code s. 12926(d)")


def _ll144(tool: ToolProfile) -> dict | None:
    active = _conditions(tool)
    if "US-NYC" in tool.locations:
        where, applies = (
            "for jobs located in New York City (coverage follows the job, not where the candidate lives)",
            True,
        )
    elif "US-NY" in tool.locations:
        where, applies = (
            "in New York State (LL144 covers only New York City: check where the job and the people are)",
            "check",
        )
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


def _us_federal_rows(
    tool: ToolProfile, on: _dt.date, active: set[str], purpose: str, employment_decision: bool
) -> list[dict]:
    reason = (
        f"A tool used in employment decisions ({purpose}) on people in the US: Title VII disparate impact "
        "(42 U.S.C. 2000e-2(k)) applies to automated tools as to any test, and group-specific cut-offs are barred "
        "(2000e-2(l)). Federal agencies deprioritise disparate-impact enforcement under EO 14281, but the statute, "
        "private suits (such as Mobley v. Workday, against a vendor) and state law remain; the four-fifths rule of "
        "the Uniform Guidelines (29 CFR 1607.4(D)) stays a rule of thumb while the EEOC's rescission is pending."
    )
    if not employment_decision:
        reason = (
            "A candidate-communication tool used in the US: Title VII applies if it screens people out "
            "(e.g. by not routing some applicants forward); the profile does not say."
        )
    rows = []
    for reg_id, law, minimum, citation, tier, extra in (
        ("us_title7", "Title VII", *_TITLE_VII_MIN, "disparate-impact exposure", reason),
        (
            "us_ada",
            "The ADA",
            *_ADA_MIN,
            "screen-out and accommodation",
            "The ADA bars selection criteria that screen out people with disabilities unless job-related, requires "
            "tests that measure the skill and not the impairment, and reasonable accommodation (an alternative format "
            "or assessment).",
        ),
        (
            "us_adea",
            "The ADEA",
            *_ADEA_MIN,
            "age discrimination (40+)",
            "The ADEA bars age discrimination against people aged 40 or over; proxies such as graduation year or "
            "experience caps are the usual route, and Mobley v. Workday certified an ADEA collective against a vendor.",
        ),
    ):
        applies, size_note = _size_test(tool, minimum, citation, law)
        if applies is False:
            rows.append(_row(reg_id, False, "employer below size threshold", size_note, active))
            continue
        rows.append(_row(reg_id, True if employment_decision else "check", tier, f"{extra} {size_note}", active))
    return rows


def _us_state_rows(
    tool: ToolProfile, on: _dt.date, active: set[str], purpose: str, employment_decision: bool
) -> list[dict]:
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
        reason = (
            f"AI used for {purpose} of people in Illinois: the Human Rights Act bars AI with a discriminatory "
            f"effect and requires notice ({_when('il_hb3773', on)}; IDHR's notice rules are not final)."
        )
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
            applies_ca, size_note = (
                True,
                (
                    "FEHA covers the state, its political or civil subdivisions and cities whatever their size "
                    f"({_FEHA_MIN[1]})."
                ),
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
            rows.append(
                _row("ca_ccpa_admt", True if material else "check", "ADMT for a significant decision", reason, active)
            )
    if "US-TX" in locs:
        rows.append(
            _row(
                "tx_traiga",
                True,
                "intent-based AI discrimination ban",
                f"AI used in Texas: TRAIGA bars developing or deploying AI with the intent to discriminate unlawfully "
                f"({_when('tx_traiga', on)}); disparate impact alone does not show intent, so Title VII and the Texas "
                "Labor Code remain the route for impact claims. Enforcement is by the Attorney General only, with a cure "
                "period.",
                active,
            )
        )
    return rows
