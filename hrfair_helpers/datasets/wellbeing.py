"""Seeded synthetic records of an employer's wellbeing programme, for the burnout-risk case.

Everything here is invented: no real employer, vendor or employee is described. The generator uses
only numpy's ``default_rng(seed)``, no global random state and no clock, so the same ``(n, seed)``
always gives the same frame, byte for byte.

The employer is a fictional logistics company with warehouse, transport, customer-service,
office/IT and management staff. It runs an engagement survey, keeps workload and leave records,
and has bought a vendor's burnout-risk score (:func:`burnout_risk_score`), which flags the top
`FLAG_SHARE` of employees for outreach. The harm the case audits is the *missed* employee: someone
who burns out although the score did not flag them (a false negative).

The causal graph (one row of `CAUSAL_GRAPH` per arrow; the sizes are the named constants)::

    department ──► role_level, sex, first_language, contract
    first_language ──► ethnicity;  first_language ──► night shift (agency recruitment)
    sex, age ──► caregiver ──► contract (part time)
    department, role_level ──► job_demand ──► actual overtime
    caregiver, contract ──► caregiving load (recorded nowhere)
    office account, salaried, caregiver, job_demand ──► after-hours work
    shift, contract, department ──► support;   role_level ──► autonomy

    job_demand, actual overtime, after-hours work, caregiving load, support, autonomy
        ──► strain ──► burnout_next_quarter (the ground truth)
                  ├──► sick_days_90d (disability too), leave_days_90d (fewer)
                  └──► responded (strained staff answer less)

    what is measured:
      actual overtime ──► recorded_overtime_hours   frontline only; a quarter for part-time caregivers
      after-hours work ──► after_hours_messages      office accounts only, NaN otherwise
      night shift, frontline, part time, first language ──► responded (survey in English, by e-mail)
      responded, job load, support, autonomy ──► survey_* answers   NaN when not responded;
                                                                   caregiving load is not asked about
      sex, first language, caregiver, contract, disability, strain, load ──► manager_note

    the vendor:
      recorded signals + survey answers (a missing answer read as neutral) ──► risk_score
      risk_score ──► flagged (top FLAG_SHARE) ──► support_offered

Sex, age, ethnicity, first language and disability have no arrow into ``strain`` or the outcome.
They reach who is missed only through the job people hold, their contract and caregiving, their
shift, whether they answered the survey and what the records measure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._utils.validation import check_fraction, check_seed, check_whole_number

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

__all__ = [
    "AGE_BANDS",
    "BURNOUT_EFFECTS",
    "CAUSAL_GRAPH",
    "DEPARTMENTS",
    "ETHNICITIES",
    "FLAG_SHARE",
    "MANAGER_NOTES",
    "MIN_EMPLOYEES",
    "NEUTRAL_ANSWER",
    "PREFER_NOT_TO_SAY",
    "REPORTING",
    "RESPONSE_EFFECTS",
    "SCORE_WEIGHTS",
    "SIGNAL_COLUMNS",
    "SURVEY_ITEMS",
    "WELLBEING_COLUMNS",
    "burnout_risk_score",
    "flag_for_outreach",
    "make_wellbeing_data",
]

# ---------------------------------------------------------------------------
# Public constants
# ---------------------------------------------------------------------------

#: Smallest workforce the generator makes: below it the group rates the case compares are noise.
MIN_EMPLOYEES = 500

#: Share of employees the vendor flags for outreach: the top 15% by ``risk_score``.
FLAG_SHARE = 0.15

#: Departments and their shares of the workforce.
DEPARTMENTS: dict[str, float] = {
    "warehouse": 0.36,
    "transport": 0.20,
    "customer_service": 0.22,
    "office_it": 0.14,
    "management": 0.08,
}

AGE_BANDS: tuple[str, ...] = ("18-24", "25-34", "35-44", "45-54", "55+")

#: Ethnicity as employees describe it, in the order of the category; "arab" and "other" are
#: under 2% of the workforce by design, "mixed" about 3%.
ETHNICITIES: tuple[str, ...] = ("white", "asian", "black", "mixed", "arab", "other")

#: The answer that self-reported columns offer besides the categories themselves.
PREFER_NOT_TO_SAY = "prefer not to say"

#: How the self-reported columns are reported (probabilities). Missing means the HR record is
#: empty (NaN); "prefer not to say" is an answer. Sex and ethnicity were asked on the onboarding
#: form only from the fifth year before the extract, so staff with longer tenure more often have
#: no answer; the disability question lives in the self-service portal, which only employees with
#: an office account (everyone except warehouse and transport frontline staff) can reach.
REPORTING: dict[str, float] = {
    "sex_non_binary": 0.012,  # true share non-binary (reported as such unless withheld or missing)
    "sex_prefer_not_to_say": 0.04,
    "sex_missing_recent": 0.012,  # tenure under 5 years
    "sex_missing_long_tenure": 0.06,  # tenure of 5 years or more
    "ethnicity_prefer_not_to_say": 0.05,
    "ethnicity_missing_recent": 0.02,
    "ethnicity_missing_long_tenure": 0.10,
    "disability_true": 0.12,  # share with a disability (of any kind)
    "disability_missing_office_account": 0.25,
    "disability_missing_no_account": 0.52,
    "disability_withheld_if_disabled": 0.30,  # answer "prefer not to say"
    "disability_withheld_if_not": 0.05,
}

#: The engagement survey's 1-5 items, in column order (``survey_<item>``); 5 is "strongly agree".
#: workload: "my workload is too heavy"; support: "my manager supports me"; autonomy: "I decide how
#: I do my work"; recognition: "good work is recognised here"; intent_to_stay: "I expect to be
#: working here in a year".
SURVEY_ITEMS: tuple[str, ...] = ("workload", "support", "autonomy", "recognition", "intent_to_stay")

#: The answer the vendor imputes for a missing survey item: the middle of the scale.
NEUTRAL_ANSWER = 3.0

#: The columns the vendor's score reads.
SIGNAL_COLUMNS: tuple[str, ...] = (
    "recorded_overtime_hours",
    "after_hours_messages",
    "sick_days_90d",
    "leave_days_90d",
    *(f"survey_{item}" for item in SURVEY_ITEMS),
)

#: The vendor's scoring rule: ``risk_score = 100 * sigmoid(intercept + sum of weight * signal)``,
#: rounded to whole points (so many employees share a score). Survey items enter as
#: ``answer - 3`` (a missing answer counts as 3), the other signals per unit (a missing
#: after_hours_messages counts as 0). Published by the vendor; it reads no demographic column.
SCORE_WEIGHTS: dict[str, float] = {
    "intercept": -2.2,
    "recorded_overtime_hours": 0.035,  # per hour in the last 3 months
    "after_hours_messages": 0.02,  # per message in the last 3 months
    "sick_days_90d": 0.15,  # per day
    "leave_days_90d": -0.04,  # per day of annual leave taken: leave protects
    "survey_workload": 0.55,
    "survey_support": -0.40,
    "survey_autonomy": -0.25,
    "survey_recognition": -0.15,
    "survey_intent_to_stay": -0.40,
}

#: The true burnout process (the ground truth, not the vendor's model).
#: ``strain = load * true_load - support * support - autonomy * autonomy + noise`` with
#: ``true_load = job_demand + overtime * (actual overtime - 12 h) + after_hours * after-hours work
#: + caregiving load``, and ``logit P(burnout_next_quarter) = intercept + per_strain * strain``.
BURNOUT_EFFECTS: dict[str, float] = {
    "load": 0.85,
    "overtime_per_hour": 0.03,
    "after_hours": 0.6,
    "support": 0.65,
    "autonomy": 0.35,
    "noise_sd": 0.5,
    "per_strain": 1.5,
    "intercept": -4.2,
}

#: Who answers the survey: ``logit P(responded) = intercept + sum of effects``. The survey is
#: sent by e-mail in English and filled in on a screen; strained employees answer less.
RESPONSE_EFFECTS: dict[str, float] = {
    "intercept": 1.9,
    "night_shift": -1.3,
    "frontline": -0.5,
    "part_time": -1.0,
    "first_language_other": -1.9,
    "per_strain": -0.3,
}

#: Manager-note templates: the note text and its kind. "job" notes describe the work, "neutral"
#: ones say nothing about it, "biased" ones judge the person in gendered, ableist or othering
#: terms. See make_wellbeing_data, Notes, for who gets which.
MANAGER_NOTES: dict[str, str] = {
    "Meets targets; no concerns.": "neutral",
    "Reliable team member.": "neutral",
    "Good with customers and colleagues.": "neutral",
    "Heavy workload this quarter; covering gaps in the rota.": "job",
    "Often works late to hit deadlines.": "job",
    "Asked for a change of shift pattern.": "job",
    "Not resilient under pressure.": "biased",
    "Can get emotional when things are busy.": "biased",
    "Language barrier; hard to follow in briefings.": "biased",
    "Family commitments seem to come first.": "biased",
}

#: The causal graph, one row per arrow: (cause, outcome, what the arrow means). The sizes are in
#: BURNOUT_EFFECTS, RESPONSE_EFFECTS, REPORTING, SCORE_WEIGHTS and the population constants.
CAUSAL_GRAPH: tuple[tuple[str, str, str], ...] = (
    ("department", "role_level, sex, first_language, contract", "who works where"),
    ("first_language", "ethnicity", "minority ethnic staff more often have another first language"),
    ("first_language", "shift", "night shifts are staffed more through agencies that recruit abroad"),
    ("sex, age", "caregiver", "caring responsibilities: more common for women and between 30 and 50"),
    ("caregiver, sex, department", "contract", "part-time work: mostly women caregivers"),
    ("department, role_level", "job_demand", "transport, management and managers carry more"),
    ("job_demand, contract", "actual overtime", "extra hours worked in the last 3 months"),
    (
        "actual overtime, role_level, contract, caregiver",
        "recorded_overtime_hours",
        "the measurement gap: recorded for frontline (hourly) staff only, 0 for salaried staff, and "
        "part-time caregivers claim only a quarter of their extra hours",
    ),
    ("caregiver, contract", "caregiving load", "unpaid care, heavier for part-time caregivers; recorded nowhere"),
    (
        "office account, role_level, caregiver, job_demand",
        "after-hours work",
        "salaried staff, salaried caregivers most, catch up in the evening",
    ),
    ("after-hours work", "after_hours_messages", "office tools only: NaN without an office account"),
    ("shift, contract, department", "support", "night shifts see their manager least"),
    ("role_level", "autonomy", "frontline work is paced by the system"),
    (
        "job_demand, actual overtime, after-hours work, caregiving load, support, autonomy",
        "strain",
        "BURNOUT_EFFECTS; no demographic column has an arrow into strain",
    ),
    ("strain", "burnout_next_quarter", "logit P = intercept + per_strain * strain: the ground truth"),
    ("strain, disability", "sick_days_90d", "health absence: strain and disability both raise it"),
    ("strain, contract", "leave_days_90d", "strained staff take less leave; part-timers have less, pro rata"),
    (
        "shift, role_level, contract, first_language, strain",
        "responded",
        "RESPONSE_EFFECTS: an e-mailed survey in English, answered less on the shop floor, at night, "
        "part time, in a second language and under strain",
    ),
    (
        "responded, job load, support, autonomy",
        "survey answers",
        "NaN when not responded; the survey asks about the job, not about care at home",
    ),
    (
        "sex, first_language, caregiver, contract, disability, strain, true load",
        "manager_note",
        "biased templates follow group membership, job templates follow the work",
    ),
    ("SIGNAL_COLUMNS", "risk_score", "SCORE_WEIGHTS; a missing survey answer counts as neutral"),
    ("risk_score", "flagged", "the top FLAG_SHARE, ties broken by a seeded draw"),
    (
        "flagged, department, role_level",
        "support_offered",
        "workload reviews mostly for office/IT, management and managers; a few self-referrals to the EAP",
    ),
)

#: The frame's columns, in order.
WELLBEING_COLUMNS: tuple[str, ...] = (
    "employee_id",
    "department",
    "role_level",
    "contract",
    "shift",
    "tenure_years",
    "sex",
    "age_band",
    "ethnicity",
    "disability",
    "caregiver",
    "first_language",
    "responded",
    *(f"survey_{item}" for item in SURVEY_ITEMS),
    "recorded_overtime_hours",
    "actual_overtime_hours",
    "after_hours_messages",
    "sick_days_90d",
    "leave_days_90d",
    "manager_note",
    "burnout_next_quarter",
    "risk_score",
    "flagged",
    "support_offered",
)

# ---------------------------------------------------------------------------
# Population constants (not effects; fixed so that scales do not depend on n or seed)
# ---------------------------------------------------------------------------

_ROLE_LEVELS = ("frontline", "specialist", "manager")
# P(role level) per department, in DEPARTMENTS order.
_ROLE_SHARES = np.array(
    [
        [0.86, 0.08, 0.06],
        [0.88, 0.06, 0.06],
        [0.80, 0.12, 0.08],
        [0.10, 0.78, 0.12],
        [0.00, 0.25, 0.75],
    ]
)
# P(woman) per department among employees who are not non-binary.
_P_WOMAN = np.array([0.32, 0.14, 0.68, 0.45, 0.40])
# P(first language other than English) per department.
_P_OTHER_LANGUAGE = np.array([0.34, 0.26, 0.18, 0.12, 0.05])
# P(ethnicity) by first language (English, other), in ETHNICITIES order.
_ETHNICITY_SHARES = np.array(
    [
        [0.860, 0.050, 0.050, 0.035, 0.002, 0.003],
        [0.350, 0.300, 0.200, 0.010, 0.070, 0.070],
    ]
)
# Age: 18 + Gamma(shape, scale) years, capped at 66; managers are older.
_AGE_GAMMA = (3.0, 6.5)
_AGE_MANAGER = 6
_AGE_CUTS = np.array([25, 35, 45, 55])  # lower bounds of AGE_BANDS[1:]
# P(caregiver) = base + peak * [30 <= age < 50], per (woman, man or non-binary).
_CAREGIVER_BASE = np.array([0.12, 0.07])
_CAREGIVER_PEAK = np.array([0.33, 0.15])
# P(part time) per department, plus an extra share for caregivers (woman, others).
_P_PART_TIME = np.array([0.10, 0.05, 0.22, 0.07, 0.02])
_PART_TIME_CAREGIVER = np.array([0.40, 0.10])
# P(night shift) for warehouse and transport frontline staff, by first language (English, other):
# night shifts are staffed more through agencies that recruit abroad. Everyone else works days.
_P_NIGHT = np.array([0.30, 0.55])
# P(disabled) = REPORTING["disability_true"] * (0.5 + (age - 18) / 40): rises with age, 12% on average.
_DISABILITY_AGE = (0.5, 40.0)
# Tenure in years: Gamma(shape, scale), capped at age - 17, 1 decimal.
_TENURE_GAMMA = (1.6, 3.0)
_LONG_TENURE = 5.0
# job_demand = department offset + manager offset + N(0, 1).
_DEMAND_DEPARTMENT = np.array([0.1, 0.2, 0.1, -0.1, 0.2])
_DEMAND_MANAGER = 0.4
# Actual overtime in the last 3 months: max(0, base + per_demand * job_demand + N(0, sd)), hours,
# for full-timers (first row) and part-timers (second row).
_OVERTIME = np.array([[14.0, 10.0, 8.0], [8.0, 6.0, 5.0]])
_CLAIMED_BY_PART_TIME_CAREGIVERS = 0.25
# Caregiving load: Gamma(shape, scale) for caregivers, plus an extra for part-time caregivers.
_CAREGIVING_GAMMA = (4.0, 0.25)
_CAREGIVING_PART_TIME = 0.8
# After-hours work (office account holders only):
# max(0, 0.3 job_demand + 0.6 salaried + 0.3 salaried caregiver + N(0, 0.5)).
_AFTER_HOURS = (0.3, 0.6, 0.3, 0.5)
_MESSAGES = (6.0, 25.0)  # Poisson(base + per_unit * after-hours work)
# Support: N(0, 1) + night + part time + department offset.
_SUPPORT_NIGHT = -0.7
_SUPPORT_PART_TIME = -0.1
_SUPPORT_DEPARTMENT = np.array([0.0, 0.0, -0.2, 0.2, 0.2])
# Autonomy: N(0, 1) + offset per role level.
_AUTONOMY_ROLE = np.array([-0.5, 0.0, 0.5])
# Sick days: Poisson(base + disabled + per_strain * max(strain, 0)).
_SICK = (1.0, 2.0, 0.8)
# Annual leave taken: Poisson(max(floor, full-time or part-time base - per_strain * max(strain, 0))).
_LEAVE = (5.0, 3.0, 0.8, 0.5)
_INTENT_TO_STAY = (0.5, 0.3, -0.4)
# Survey: each latent answer plus N(0, noise) is standardised with these population means and sds
# (computed once from 2 million draws) and cut at _ANSWER_CUTS into 1-5.
_ANSWER_NOISE = 0.6
_ANSWER_CUTS = np.array([-1.3, -0.45, 0.45, 1.3])
_ANSWER_SCALE = {
    "workload": (0.423, 1.518),
    "support": (-0.145, 1.205),
    "autonomy": (-0.273, 1.220),
    "recognition": (-0.101, 0.946),
    "intent_to_stay": (-0.324, 1.010),
}
# The workforce's answers lean towards strain (a shift on the standardised scale): workload is
# rated heavy, support and the rest below the middle. So the neutral 3 that the vendor imputes
# for a non-responder reads as better off than the typical responder.
_ANSWER_LEAN = {"workload": 0.4, "support": -0.3, "autonomy": -0.3, "recognition": -0.3, "intent_to_stay": -0.3}
# Latent recognition = this * support; latent intent to stay = support, autonomy and perceived
# job load (not caregiving: care at home does not make the job itself worse).
_RECOGNITION_PER_SUPPORT = 0.7
# Manager notes: each template's weight is base + sum of coef * feature (features below, see
# _note_features); one note per employee is drawn in proportion to the weights.
_NOTE_WEIGHTS: dict[str, tuple[float, dict[str, float]]] = {
    "Meets targets; no concerns.": (1.0, {}),
    "Reliable team member.": (1.0, {}),
    "Good with customers and colleagues.": (0.8, {}),
    "Heavy workload this quarter; covering gaps in the rota.": (0.2, {"high_load": 0.6}),
    "Often works late to hit deadlines.": (0.0, {"salaried_high_load": 0.6}),
    "Asked for a change of shift pattern.": (0.1, {"caregiver": 0.4}),
    "Not resilient under pressure.": (0.04, {"woman": 0.12, "disabled": 0.2, "high_strain": 0.2}),
    "Can get emotional when things are busy.": (0.02, {"woman": 0.3}),
    "Language barrier; hard to follow in briefings.": (0.0, {"other_language": 0.5}),
    "Family commitments seem to come first.": (0.0, {"part_time_caregiver": 0.7, "woman_caregiver": 0.1}),
}
# Support offered when flagged: P(workload review) for office/IT, management or managers; others.
_P_WORKLOAD_REVIEW = (0.65, 0.25)
_P_SELF_REFERRAL = 0.03  # not flagged, referred themselves to the employee assistance programme
_SUPPORT_OFFERS = ("none", "eap_referral", "workload_review")


# ---------------------------------------------------------------------------
# The vendor's score and flags
# ---------------------------------------------------------------------------


def burnout_risk_score(frame: pd.DataFrame, *, weights: dict[str, float] | None = None) -> np.ndarray:
    """The vendor's burnout-risk score, 0-100, for every row of ``frame``.

    ``100 * sigmoid(intercept + sum of weight * signal)`` over `SIGNAL_COLUMNS`, in whole points,
    with the weights of `SCORE_WEIGHTS`. Survey items enter as ``answer - 3``; a missing answer
    (a non-responder) is imputed as `NEUTRAL_ANSWER`, so it adds nothing. A missing
    ``after_hours_messages`` (no office account) counts as 0. The rule reads only these columns:
    it never sees demographics, manager notes or the outcome.

    Parameters
    ----------
    frame : pandas.DataFrame
        With the columns of `SIGNAL_COLUMNS`, e.g. from :func:`make_wellbeing_data`.
    weights : dict, optional
        Replacement weights, e.g. for a redesign: any keys of `SCORE_WEIGHTS`; the others keep
        their published values. A weight of 0 removes a signal.

    Returns
    -------
    numpy.ndarray of float64

    Raises
    ------
    ValueError
        If a column is missing or not numeric, a survey answer is outside 1-5, a count is
        negative, or a weight is not a finite number or names no signal.

    Examples
    --------
    >>> import numpy as np
    >>> row = {"recorded_overtime_hours": [20.0], "after_hours_messages": [np.nan], "sick_days_90d": [2],
    ...        "leave_days_90d": [5], "survey_workload": [5.0], "survey_support": [1.0],
    ...        "survey_autonomy": [np.nan], "survey_recognition": [np.nan], "survey_intent_to_stay": [np.nan]}
    >>> burnout_risk_score(pd.DataFrame(row)).tolist()
    [62.0]

    Had the same person not answered the survey, the score would read them as neutral:

    >>> no_answer = dict(row, survey_workload=[np.nan], survey_support=[np.nan])
    >>> burnout_risk_score(pd.DataFrame(no_answer)).tolist()
    [20.0]
    >>> burnout_risk_score(pd.DataFrame(row), weights={"survey_workload": 0.0}).tolist()
    [35.0]
    """
    if not isinstance(frame, pd.DataFrame):
        raise ValueError(f"frame must be a pandas DataFrame with the columns {list(SIGNAL_COLUMNS)}")
    w = dict(SCORE_WEIGHTS)
    if weights is not None:
        if not isinstance(weights, dict):
            raise ValueError(f"weights must be a dict such as {{'survey_workload': 0.0}}, got {type(weights).__name__}")
        unknown = sorted(set(weights) - set(SCORE_WEIGHTS))
        if unknown:
            raise ValueError(f"unknown weight(s) {unknown}; choose from {list(SCORE_WEIGHTS)}")
        for key, value in weights.items():
            if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
                raise ValueError(f"weight {key!r} must be a number, got {value!r}")
            if not np.isfinite(value):
                raise ValueError(f"weight {key!r} must be finite, got {value!r}")
            w[key] = float(value)
    missing = [c for c in SIGNAL_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"frame lacks the column(s) {missing} that the score reads")
    linear = np.full(len(frame), w["intercept"])
    for column in SIGNAL_COLUMNS:
        values = _numeric(frame[column], column)
        if column.startswith("survey_"):
            known = values[~np.isnan(values)]
            if ((known < 1) | (known > 5)).any():
                raise ValueError(f"{column} must hold answers 1-5 (or NaN for no answer)")
            values = np.where(np.isnan(values), NEUTRAL_ANSWER, values) - NEUTRAL_ANSWER
        else:
            if (values[~np.isnan(values)] < 0).any():
                raise ValueError(f"{column} must not be negative")
            values = np.nan_to_num(values, nan=0.0)
        linear += w[column] * values
    return np.round(100.0 / (1.0 + np.exp(-linear)))


def _numeric(column: pd.Series, name: str) -> np.ndarray:
    if pd.api.types.is_bool_dtype(column.dtype) or not pd.api.types.is_numeric_dtype(column.dtype):
        raise ValueError(f"{name} must be numeric, got dtype {column.dtype}")
    return column.to_numpy(dtype=float, na_value=np.nan)


def flag_for_outreach(score: ArrayLike, share: float = FLAG_SHARE, seed: int = 0) -> np.ndarray:
    """Flag the top ``share`` of scores (``round(share * n)`` people), ties broken by a seeded draw.

    Parameters
    ----------
    score : array-like of float
        One finite score per employee; higher is more at risk.
    share : float, default FLAG_SHARE
        Share to flag, between 0 and 1.
    seed : int, default 0
        Seed of the tie-breaking draw (``numpy.random.default_rng``).

    Returns
    -------
    numpy.ndarray of int64, 0/1

    Examples
    --------
    >>> flag_for_outreach([5.0, 9.0, 1.0, 9.0], share=0.25).tolist()
    [0, 0, 0, 1]
    >>> flag_for_outreach([5.0, 9.0, 1.0, 9.0], share=0.25, seed=3).tolist()
    [0, 1, 0, 0]
    """
    share = check_fraction(share, "share")
    seed = check_seed(seed, why=" (the tie-break must be reproducible)")
    values = np.asarray(score, dtype=float)
    if values.ndim != 1 or not np.isfinite(values).all():
        raise ValueError("score must be 1-D with a finite score for every employee")
    return _flag(values, share, np.random.default_rng(seed).random(len(values)))


def _flag(score: np.ndarray, share: float, tie_break: np.ndarray) -> np.ndarray:
    order = np.lexsort((tie_break, -score))  # highest score first, then the lowest draw
    flagged = np.zeros(len(score), dtype=np.int64)
    flagged[order[: int(round(share * len(score)))]] = 1
    return flagged


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _categorical(codes: np.ndarray, categories: tuple[str, ...] | list[str]) -> pd.Categorical:
    return pd.Categorical.from_codes(codes, categories=list(categories))


def _answers(latent: np.ndarray, item: str, responded: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    mean, sd = _ANSWER_SCALE[item]
    z = (latent + rng.normal(0.0, _ANSWER_NOISE, size=len(latent)) - mean) / sd + _ANSWER_LEAN[item]
    answer = (np.searchsorted(_ANSWER_CUTS, z) + 1).astype(float)
    return np.where(responded, answer, np.nan)


def _generate(n: int, seed: int) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """The frame and the latent variables behind it (the generator behind make_wellbeing_data)."""
    rng = np.random.default_rng(seed)

    # -- Step 1: jobs -------------------------------------------------------------------
    department = rng.choice(len(DEPARTMENTS), size=n, p=list(DEPARTMENTS.values()))
    u = rng.random(n)
    role = (u[:, None] >= np.cumsum(_ROLE_SHARES[department], axis=1)[:, :2]).sum(axis=1)
    frontline, manager = role == 0, role == 2
    shop_floor = frontline & (department <= 1)  # warehouse and transport frontline: no office account
    office_account = ~shop_floor

    # -- Step 2: people -----------------------------------------------------------------
    age = np.minimum(66, 18 + np.floor(rng.gamma(*_AGE_GAMMA, size=n)) + _AGE_MANAGER * manager).astype(np.int64)
    non_binary = rng.random(n) < REPORTING["sex_non_binary"]
    woman = ~non_binary & (rng.random(n) < _P_WOMAN[department])
    sex_code = np.where(non_binary, 2, np.where(woman, 0, 1))  # woman, man, non-binary
    other_language = rng.random(n) < _P_OTHER_LANGUAGE[department]
    night = shop_floor & (rng.random(n) < _P_NIGHT[other_language.astype(int)])
    u = rng.random(n)
    ethnicity = (u[:, None] >= np.cumsum(_ETHNICITY_SHARES[other_language.astype(int)], axis=1)[:, :-1]).sum(axis=1)
    prime = (age >= 30) & (age < 50)
    group = np.where(woman, 0, 1)
    caregiver = rng.random(n) < _CAREGIVER_BASE[group] + _CAREGIVER_PEAK[group] * prime
    part_time = rng.random(n) < _P_PART_TIME[department] + caregiver * _PART_TIME_CAREGIVER[group]
    disabled = rng.random(n) < REPORTING["disability_true"] * (_DISABILITY_AGE[0] + (age - 18) / _DISABILITY_AGE[1])
    tenure = np.minimum(rng.gamma(*_TENURE_GAMMA, size=n), age - 17).round(1)

    # -- Step 3: the work and its load ------------------------------------------------------
    demand = _DEMAND_DEPARTMENT[department] + _DEMAND_MANAGER * manager + rng.normal(size=n)
    ot = _OVERTIME[part_time.astype(int)]
    actual_overtime = np.maximum(0.0, ot[:, 0] + ot[:, 1] * demand + ot[:, 2] * rng.normal(size=n))
    actual_overtime = np.round(actual_overtime * 2) / 2
    claimed = np.where(part_time & caregiver, _CLAIMED_BY_PART_TIME_CAREGIVERS, 1.0)
    recorded_overtime = np.where(frontline, np.round(actual_overtime * claimed * 2) / 2, 0.0)
    care_load = caregiver * (rng.gamma(*_CAREGIVING_GAMMA, size=n) + _CAREGIVING_PART_TIME * part_time)
    a_demand, a_salaried, a_care, a_sd = _AFTER_HOURS
    salaried = ~frontline
    after_hours = office_account * np.maximum(
        0.0, a_demand * demand + salaried * (a_salaried + a_care * caregiver) + rng.normal(0.0, a_sd, size=n)
    )
    messages = rng.poisson(_MESSAGES[0] + _MESSAGES[1] * after_hours).astype(float)
    messages = np.where(office_account, messages, np.nan)
    support = (
        rng.normal(size=n) + _SUPPORT_NIGHT * night + _SUPPORT_PART_TIME * part_time + _SUPPORT_DEPARTMENT[department]
    )
    autonomy = rng.normal(size=n) + _AUTONOMY_ROLE[role]

    # -- Step 4: strain and the outcome ---------------------------------------------------
    b = BURNOUT_EFFECTS
    perceived = demand + b["overtime_per_hour"] * (actual_overtime - 12) + b["after_hours"] * after_hours
    true_load = perceived + care_load
    strain = (
        b["load"] * true_load
        - b["support"] * support
        - b["autonomy"] * autonomy
        + rng.normal(0.0, b["noise_sd"], size=n)
    )
    burnout = (rng.random(n) < _sigmoid(b["intercept"] + b["per_strain"] * strain)).astype(np.int64)
    excess = np.maximum(strain, 0.0)
    sick_days = rng.poisson(_SICK[0] + _SICK[1] * disabled + _SICK[2] * excess).astype(np.int64)
    leave_base = np.where(part_time, _LEAVE[1], _LEAVE[0])
    leave_days = rng.poisson(np.maximum(_LEAVE[3], leave_base - _LEAVE[2] * excess)).astype(np.int64)

    # -- Step 5: the survey ----------------------------------------------------------------
    r = RESPONSE_EFFECTS
    responded = rng.random(n) < _sigmoid(
        r["intercept"]
        + r["night_shift"] * night
        + r["frontline"] * frontline
        + r["part_time"] * part_time
        + r["first_language_other"] * other_language
        + r["per_strain"] * strain
    )
    s_support, s_autonomy, s_load = _INTENT_TO_STAY
    job_satisfaction = s_support * support + s_autonomy * autonomy + s_load * perceived
    survey = {
        "workload": _answers(perceived, "workload", responded, rng),
        "support": _answers(support, "support", responded, rng),
        "autonomy": _answers(autonomy, "autonomy", responded, rng),
        "recognition": _answers(_RECOGNITION_PER_SUPPORT * support, "recognition", responded, rng),
        "intent_to_stay": _answers(job_satisfaction, "intent_to_stay", responded, rng),
    }

    # -- Step 6: what the HR record shows about the person ------------------------------------
    long_tenure = tenure >= _LONG_TENURE
    rep = REPORTING
    sex_withheld = rng.random(n) < rep["sex_prefer_not_to_say"]
    sex_missing = rng.random(n) < np.where(long_tenure, rep["sex_missing_long_tenure"], rep["sex_missing_recent"])
    eth_withheld = rng.random(n) < rep["ethnicity_prefer_not_to_say"]
    eth_missing = rng.random(n) < np.where(
        long_tenure, rep["ethnicity_missing_long_tenure"], rep["ethnicity_missing_recent"]
    )
    dis_withheld = rng.random(n) < np.where(
        disabled, rep["disability_withheld_if_disabled"], rep["disability_withheld_if_not"]
    )
    dis_missing = rng.random(n) < np.where(
        office_account, rep["disability_missing_office_account"], rep["disability_missing_no_account"]
    )

    # -- Step 7: the manager's note ------------------------------------------------------------
    high_load = np.maximum(true_load, 0.0)
    note_features = {
        "high_load": high_load,
        "salaried_high_load": ~frontline * high_load,
        "caregiver": caregiver.astype(float),
        "woman": woman.astype(float),
        "disabled": disabled.astype(float),
        "high_strain": excess,
        "other_language": other_language.astype(float),
        "part_time_caregiver": (part_time & caregiver).astype(float),
        "woman_caregiver": (woman & caregiver).astype(float),
    }
    notes = _manager_notes(note_features, rng.random(n))

    # -- Step 8: the vendor's score, the flags and the offers ---------------------------------
    frame = pd.DataFrame(
        {
            "employee_id": [f"W{i:0{max(5, len(str(n)))}d}" for i in range(1, n + 1)],
            "department": _categorical(department, tuple(DEPARTMENTS)),
            "role_level": _categorical(role, _ROLE_LEVELS),
            "contract": _categorical(part_time.astype(np.int64), ("full_time", "part_time")),
            "shift": _categorical(night.astype(np.int64), ("day", "night")),
            "tenure_years": tenure,
            "sex": _report(sex_code, sex_withheld, sex_missing, ("woman", "man", "non-binary")),
            "age_band": _categorical(np.searchsorted(_AGE_CUTS, age, side="right"), AGE_BANDS),
            "ethnicity": _report(ethnicity, eth_withheld, eth_missing, ETHNICITIES),
            "disability": _report(disabled.astype(np.int64), dis_withheld, dis_missing, ("no", "yes")),
            "caregiver": _categorical(caregiver.astype(np.int64), ("no", "yes")),
            "first_language": _categorical(other_language.astype(np.int64), ("english", "other")),
            "responded": responded,
            **{f"survey_{item}": survey[item] for item in SURVEY_ITEMS},
            "recorded_overtime_hours": recorded_overtime,
            "actual_overtime_hours": actual_overtime,
            "after_hours_messages": messages,
            "sick_days_90d": sick_days,
            "leave_days_90d": leave_days,
            "manager_note": notes,
            "burnout_next_quarter": burnout,
        }
    )
    score = burnout_risk_score(frame)
    flagged = _flag(score, FLAG_SHARE, rng.random(n))
    review_share = np.where((department >= 3) | manager, _P_WORKLOAD_REVIEW[0], _P_WORKLOAD_REVIEW[1])
    u = rng.random(n)
    offer = np.where(flagged == 1, np.where(u < review_share, 2, 1), np.where(u < _P_SELF_REFERRAL, 1, 0))
    frame["risk_score"] = score
    frame["flagged"] = flagged
    frame["support_offered"] = _categorical(offer, _SUPPORT_OFFERS)
    latent = {
        "strain": strain,
        "true_load": true_load,
        "perceived_load": perceived,
        "care_load": care_load,
        "support": support,
        "autonomy": autonomy,
        "job_satisfaction": job_satisfaction,
        "disabled": disabled,
    }
    return frame, latent


def _manager_notes(features: dict[str, np.ndarray], u: np.ndarray) -> np.ndarray:
    """One note per employee, drawn with probability proportional to its `_NOTE_WEIGHTS` weight."""
    n = len(u)
    weights = np.empty((n, len(_NOTE_WEIGHTS)))
    for j, (base, coefs) in enumerate(_NOTE_WEIGHTS.values()):
        weights[:, j] = base + sum(c * features[name] for name, c in coefs.items())
    cumulative = np.cumsum(weights, axis=1)
    choice = (u[:, None] * cumulative[:, -1:] >= cumulative[:, :-1]).sum(axis=1)
    return np.array(list(_NOTE_WEIGHTS), dtype=object)[choice]


def _report(
    codes: np.ndarray, withheld: np.ndarray, missing: np.ndarray, categories: tuple[str, ...]
) -> pd.Categorical:
    """Self-reported categories: the true code, "prefer not to say" (withheld) or NaN (missing)."""
    reported = np.where(withheld, len(categories), codes)
    reported = np.where(missing, -1, reported)
    return _categorical(reported, (*categories, PREFER_NOT_TO_SAY))


def make_wellbeing_data(n: int = 4000, seed: int = 0) -> pd.DataFrame:
    """Generate an employer's wellbeing-programme records, with a vendor's burnout flags that miss some groups.

    Each row is one invented employee of a fictional logistics company: their job, what the HR
    record says about them (self-reported, with real gaps), their engagement-survey answers (if
    they answered), the workload and leave signals the employer records, their manager's note, the
    ground truth (did they burn out in the next quarter?), and the vendor's score, flag and the
    support they were offered. The causal story is in the module docstring and in
    `CAUSAL_GRAPH`; every size is a named constant.

    Parameters
    ----------
    n : int, default 4000
        Number of employees, a whole number >= `MIN_EMPLOYEES` (500).
    seed : int, default 0
        Seed for ``numpy.random.default_rng``, a non-negative integer. The same ``(n, seed)``
        always gives the same frame; rows are not a prefix of a larger sample with the same seed.

    Returns
    -------
    pandas.DataFrame
        One row per employee, columns in the order of `WELLBEING_COLUMNS`:

        - ``employee_id`` (str): ``"W00001"``, ``"W00002"``, ...;
        - ``department`` (category, `DEPARTMENTS`): warehouse 36%, transport 20%,
          customer_service 22%, office_it 14%, management 8%;
        - ``role_level`` (category): frontline (hourly), specialist or manager (salaried);
        - ``contract`` (category): full_time or part_time (about 17%);
        - ``shift`` (category): day or night; only warehouse and transport frontline staff work
          nights (about 19% of everyone);
        - ``tenure_years`` (float64, 1 decimal);
        - ``sex`` (category): woman, man, non-binary (about 1%), "prefer not to say" (about 4%),
          or missing (NaN, about 3%; more often for tenure of 5 years or more);
        - ``age_band`` (category, `AGE_BANDS`);
        - ``ethnicity`` (category, `ETHNICITIES` plus "prefer not to say", 5%): arab and other
          are each under 2%; missing (NaN) for about 5%, more often for long tenure;
        - ``disability`` (category): no, yes or "prefer not to say"; missing (NaN) for about 40%,
          mostly staff without an office account, who cannot reach the self-service portal;
        - ``caregiver`` (category): no or yes, a registered caring responsibility;
        - ``first_language`` (category): english or other (about 24%);
        - ``responded`` (bool): answered the engagement survey (about 60%);
        - ``survey_workload``, ``survey_support``, ``survey_autonomy``, ``survey_recognition``,
          ``survey_intent_to_stay`` (float64, 1-5, `SURVEY_ITEMS`): NaN when not responded;
        - ``recorded_overtime_hours`` (float64): overtime in the last 3 months as recorded, in
          half hours. 0 for every salaried employee (not measured, not "no overtime"), and only
          a quarter of part-time caregivers' extra hours;
        - ``actual_overtime_hours`` (float64): the hours actually worked over contract; a real
          employer would not have it: the ground truth for the measurement gap;
        - ``after_hours_messages`` (float64): messages sent outside working hours in the last 3
          months, from the office tools; NaN without an office account (warehouse and transport
          frontline staff);
        - ``sick_days_90d``, ``leave_days_90d`` (int64): sickness absence and annual leave taken
          in the last 90 days;
        - ``manager_note`` (str): one of `MANAGER_NOTES`;
        - ``burnout_next_quarter`` (int64, 0/1): the ground truth, a stress-related sickness
          absence of 5 working days or more in the next quarter (about 15%);
        - ``risk_score`` (float64, 0-100): ``burnout_risk_score(frame)``;
        - ``flagged`` (int64, 0/1): the top `FLAG_SHARE` (15%) by score, ties broken by a
          seeded draw;
        - ``support_offered`` (category): none, eap_referral or workload_review.

    Raises
    ------
    ValueError
        If `n` is not a whole number >= 500, or `seed` is not a non-negative integer (bools,
        floats and None are refused).

    See Also
    --------
    burnout_risk_score : The vendor's rule, to re-score a redesigned set of signals.
    flag_for_outreach : The top-share rule with a seeded tie-break.

    Notes
    -----
    *Causal story.* The generator follows these steps (every number is a module constant).

    1. Jobs: department, then role level; warehouse and transport frontline staff have no
       office account, and 30% of them (55% of those whose first language is not English,
       through agency recruitment) work nights.
    2. People: sex depends on department; first language on department, ethnicity on first
       language; caregiving on sex and age (30-49); part-time work on department and, above all,
       on caregiving by women; disability (12%) rises with age.
    3. Load: ``job_demand`` (department, managers); actual overtime from demand; a caregiving
       load for caregivers, heavier for part-timers, that no record holds; after-hours work for
       salaried staff with an office account. Support is lower at night; autonomy lower for
       frontline staff.
    4. ``strain = 0.85 (job_demand + 0.03 (overtime - 12) + 0.6 after_hours + caregiving load)
       - 0.65 support - 0.35 autonomy + noise`` and ``logit P(burnout) = -4.2 + 1.5 strain``
       (`BURNOUT_EFFECTS`). No demographic column has an arrow into strain.
    5. Measurement: overtime is recorded for frontline staff only (0 for salaried staff) and
       part-time caregivers claim a quarter of theirs; after-hours messages exist only with an
       office account; sick days rise with strain *and* disability; strained staff take less
       leave.
    6. The survey (`RESPONSE_EFFECTS`): sent by e-mail, in English; night shifts, frontline and
       part-time staff, staff with another first language and strained staff answer less. The
       items ask about the job, so caregiving load shows in none of them.
    7. Reporting: sex, ethnicity and disability are self-reported with "prefer not to say" and
       missing values (`REPORTING`).
    8. Manager notes: job templates follow the load; biased templates follow group membership
       ("emotional" for women, "language barrier" for other first languages, "family
       commitments" for part-time caregivers, "not resilient" for women, disabled staff and the
       strained, so it is predictive *and* biased).
    9. The vendor: `burnout_risk_score` on the recorded signals and the survey, a missing answer
       counted as neutral; `flagged` is the top 15%; flagged office/IT, management and manager
       staff are offered a workload review in 65% of cases, everyone else flagged in 25%; the
       rest get an EAP referral; 3% of the others refer themselves.

    *What it produces.* At the default seed (the examples below compute these numbers), women
    are flagged at 16.5% and men at 14.6%: the flag rates look fair, even favourable to women.
    But 18.8% of women and 13.6% of men burn out, and the score misses (false-negative rate)
    66% of the women and 62% of the men who do. The misses concentrate where the records and
    the survey do not look: 75% of part-time caregivers against 61% of full-time staff without
    caring duties, 81% of night-shift against 61% of day staff, and 84% of staff whose first
    language is not English against 58%. 93% of the non-responders who burn out are missed,
    32% of the responders. Among the sex x ethnicity cells with at least 20 people who burned
    out, the miss rate is 81% for Asian women, 74% for Asian men and 69% for Black men against
    59% for white men and 64% for white women; several cells (non-binary employees by
    ethnicity) have fewer than 10 people, and every group with "prefer not to say" or a missing
    value has to be reported apart. The tests check the same pattern on seeds 0-4: women's flag
    rate at least 0.85 times men's; a false-negative rate at least 0.10 higher for part-time
    caregivers than for everyone else, for night than day shifts and for other first languages
    than English, and in at least one sex x ethnicity cell than for white men and white women;
    sex x ethnicity cells under 10 people; and non-responders a larger share of those who burn
    out than of the workforce, and under a tenth of those flagged.

    Nothing in the data describes real people, a real employer or a real vendor; the sizes are
    chosen for teaching, not estimated from any real workforce.

    Examples
    --------
    >>> df = make_wellbeing_data(n=600, seed=1)
    >>> df.shape
    (600, 28)
    >>> make_wellbeing_data(n=600, seed=1).equals(df)
    True

    Flag rates (``selection_rate``), burnout rates (``base_rate``) and miss rates (``fnr``) by
    group at the default seed, with the package's audit:

    >>> from hrfair_helpers.audit import group_metrics
    >>> df = make_wellbeing_data()
    >>> def by(groups):
    ...     report = group_metrics("burnout_next_quarter", "flagged", groups, data=df, unknown=[PREFER_NOT_TO_SAY])
    ...     return report.by_group[["n", "base_rate", "selection_rate", "fnr"]].round(3)
    >>> by("sex")
                   n  base_rate  selection_rate    fnr
    sex
    woman       1436      0.188           0.165  0.656
    man         2236      0.136           0.146  0.622
    non-binary    48      0.146           0.104  0.571
    >>> by(["contract", "caregiver"])
                            n  base_rate  selection_rate    fnr
    contract  caregiver
    full_time no         2823      0.118           0.157  0.607
              yes         559      0.234           0.165  0.626
    part_time no          311      0.119           0.093  0.676
              yes         307      0.381           0.117  0.752
    >>> by("shift")
              n  base_rate  selection_rate    fnr
    shift
    day    3251      0.158           0.166  0.608
    night   749      0.140           0.079  0.810
    >>> by("first_language")
                       n  base_rate  selection_rate    fnr
    first_language
    english         3041      0.157           0.177  0.585
    other            959      0.147           0.065  0.837
    >>> by("responded")
                  n  base_rate  selection_rate   fnr
    responded
    False      1614      0.203           0.020  0.93
    True       2386      0.122           0.238  0.32

    Intersections: the cells with at least 20 people who burned out, by miss rate, and the
    cells with fewer than 10 people:

    >>> cells = by(["sex", "ethnicity"])
    >>> cells[cells["n"] * cells["base_rate"] >= 20].sort_values("fnr")
                        n  base_rate  selection_rate    fnr
    sex   ethnicity
    man   white      1466      0.132           0.161  0.593
    woman white       919      0.195           0.173  0.637
    man   black       196      0.163           0.112  0.688
          asian       215      0.163           0.088  0.743
    woman asian       149      0.208           0.074  0.806
    >>> cells[cells["n"] < 10]
                          n  base_rate  selection_rate  fnr
    sex        ethnicity
    non-binary asian      5        0.2             0.0  1.0
               black      4        0.0             0.0  NaN
               mixed      1        0.0             0.0  NaN
    """
    n = check_whole_number(n, "n", MIN_EMPLOYEES, hint=" (a workforce large enough to compare groups)")
    seed = check_seed(seed, why=" (None is not allowed: the data set must be reproducible)")
    return _generate(n, seed)[0]
