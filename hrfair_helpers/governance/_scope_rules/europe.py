"""Scope rules for Europe: the EU AI Act, GDPR Art. 22 and the EU directives; the UK."""

from __future__ import annotations

import datetime as _dt

from .._dates import resolve
from .._registry_data import _document
from ..profile import ToolProfile
from .rows import _conditions, _row, _when

#: Data flags that are biometric input in the sense of EU AI Act Art. 3(34) and 3(39): emotion
#: recognition from them is an "emotion recognition system"; from text alone it is not.
_BIOMETRIC_INPUTS = frozenset({"video", "voice", "biometric"})
_EU_ANNEX_III_4 = {
    "recruitment": "Annex III 4(a): recruitment or selection (targeted job ads, analysing and filtering applications, evaluating candidates)",
    "selection": "Annex III 4(a): recruitment or selection (analysing and filtering applications, evaluating candidates)",
    "internal_mobility": "Annex III 4(a)-(b): targeted vacancies and promotion decisions",
    "promotion": "Annex III 4(b): decisions on promotion",
    "termination": "Annex III 4(b): decisions on termination of work relationships",
    "task_allocation": "Annex III 4(b): allocating tasks based on behaviour or personal traits",
    "performance_monitoring": "Annex III 4(b): monitoring and evaluating performance and behaviour",
    "pay": "Annex III 4(b): decisions affecting terms of work-related relationships",
    "wellbeing_monitoring": "Annex III 4(b): monitoring and evaluating the behaviour of workers",
}


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
            + (
                ", or high-risk under Annex III 1(c) for medical or safety reasons)."
                if tool.medical_or_safety_purpose
                else ")."
            )
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
    if tool.purpose == "wellbeing_monitoring" and not tool.profiles_people:
        reason = (
            "Wellbeing monitoring in the EU that produces no score or flag about any individual (aggregate "
            "reporting only) does not evaluate persons, so Annex III 4(b) is unlikely to cover it; check that no "
            "individual output is kept or used (an individual burnout-risk score would be high-risk)."
        )
        return _row("eu_ai_act", "check", "limited/minimal", " ".join([reason, *notes]), active)
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


def _special_category(tool: ToolProfile, active: set[str]) -> dict | None:
    if "special_category" in tool.data:
        reason = (
            "The tool uses special-category data about workers in the EU (GDPR Art. 9(1): e.g. health such as "
            "sick leave or disability, ethnic origin): prohibited unless an Art. 9(2) condition applies, employees' "
            "consent is rarely valid, and a DPIA is needed before large-scale processing or systematic monitoring."
        )
        return _row("gdpr_art9", True, "special-category data", reason, active)
    if tool.purpose == "wellbeing_monitoring":
        reason = (
            "Wellbeing data are often health data (GDPR Art. 9(1)): stress, burnout risk, sick leave. The profile "
            "does not flag special-category data; check each input before ruling Art. 9 out."
        )
        return _row("gdpr_art9", "check", "special-category data", reason, active)
    return None


def _eu_rows(tool: ToolProfile, on: _dt.date, active: set[str], purpose: str) -> list[dict]:
    rows = [_eu_ai_act(tool, on)]
    gdpr = _gdpr(tool, "gdpr_art22", "EU")
    if gdpr:
        rows.append(gdpr)
    special = _special_category(tool, active)
    if special:
        rows.append(special)
    if tool.platform_work:
        rows.append(
            _row(
                "eu_platform_work",
                True,
                "algorithmic management (platform work)",
                f"People doing platform work in the EU are managed by the tool ({purpose}): the Platform Work Directive's "
                f"algorithmic-management rules apply through national law {_when('eu_platform_work', on)} (the "
                "transposition deadline): no processing of emotional or psychological states, information, human "
                "oversight and review.",
                active,
            )
        )
    if tool.purpose == "pay":
        rows.append(
            _row(
                "eu_pay_transparency",
                True,
                "pay-setting criteria",
                f"A pay tool for workers in the EU: the Pay Transparency Directive applies through national law "
                f"{_when('eu_pay_transparency', on)}: pay structures on objective, gender-neutral criteria, pay "
                "information, gap reporting and joint pay assessments. The tool's criteria are the employer's criteria.",
                active,
            )
        )
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
        reason = (
            "A candidate-communication tool in Great Britain: the Equality Act applies to the arrangements for "
            "deciding whom to employ, so it is covered if it screens or disadvantages people (and reasonable "
            "adjustments apply to how candidates use it)."
        )
    rows.append(
        _row(
            "uk_equality_act",
            True if employment_decision else "check",
            "indirect discrimination, reasonable adjustments",
            reason,
            active,
        )
    )
    return rows
