"""Scenario 7, wellbeing analytics: a vendor's burnout-risk score, the people it misses, and what may be published.

:class:`WellbeingCase` rebuilds the case of ``solutions/07_wellbeing_analytics.ipynb`` from its seed:
``make_wellbeing_data(seed=seed)`` (4,000 employees of a fictional logistics company, with the
vendor's score and its outreach flags for the top 15%), the classification of the vendor's proposal
against the regulation registry, the audit of who is flagged and who is missed (false-negative
rates by group, with seeded bootstrap intervals), the root-cause experiment, the redesigned scores
compared against :data:`CRITERION`, the published tables and their small-cell suppression, the
k-anonymity of the proposed extract, a seeded differentially private release of flag rates and its
privacy-accuracy trade-off, and the decision the criterion gives. Each stage is computed on first
use.

The functions next to the class (:func:`care_contract`, :func:`impute_from_colleagues`,
:func:`rescore_options`, :func:`fnr_gaps`, :func:`gap_within`, :func:`root_cause_gaps`,
:func:`compare_options`, :func:`check_designs`, :func:`decide`, :func:`proposal_tools`) are the one
home of what the notebook and the case both compute, and the constants are the choices the scenario
fixes before looking at any number (the criterion, the groups monitored, the publication rules).

Used by the notebook's question bank (:mod:`hrfair_helpers.grading.banks.wellbeing_analytics`, whose
context it is, so ``Grader("wellbeing_analytics", seed=N)`` grades case seed ``N``) and by the
candidate-specific variants of notebook 07 (:mod:`hrfair_helpers.interview.variant`). Get the
shared instance with ``get_case("wellbeing_analytics", seed=...)``
(:func:`hrfair_helpers.cases.get_case`).

Examples
--------
>>> case = WellbeingCase(seed=0)
>>> round(case.flag_rate_ratio(), 2), round(case.response_gap(), 2)
(1.13, 0.61)
>>> case.root_cause, case.decision
('survey_nonresponse', 'redesign')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..datasets.wellbeing import FLAG_SHARE, PREFER_NOT_TO_SAY, SURVEY_ITEMS
from .governance import TIERS

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from ..audit import AdverseImpactReport, GroupMetricsReport
    from ..governance import ToolProfile
    from ..privacy import AnonymityReport, DPRelease, PrivacyTradeoffReport, SuppressedTable

__all__ = [
    "ART9_CANDIDATES",
    "CARE_CONTRACT",
    "COMPARISONS",
    "CRITERION",
    "Criterion",
    "DECISIONS",
    "DEMOGRAPHICS",
    "DESIGNS",
    "EPSILON",
    "EXTRACT_QI",
    "GENERALISE",
    "K",
    "MIN_CELL",
    "MONITORED",
    "N_BOOT",
    "N_EMPLOYEES",
    "NOISE_VERDICTS",
    "OPTION_DESCRIPTIONS",
    "ROOT_CAUSES",
    "ROOT_CAUSE_GROUPINGS",
    "SPECIAL_CATEGORY",
    "TIERS",
    "TOOL_DESCRIPTIONS",
    "UNKNOWN",
    "WellbeingCase",
    "care_contract",
    "check_designs",
    "compare_options",
    "decide",
    "fnr_gaps",
    "gap_within",
    "impute_from_colleagues",
    "proposal_tools",
    "rescore_options",
    "root_cause_gaps",
]

#: Employees in the case's workforce.
N_EMPLOYEES = 4000
#: Labels that mean "group unknown" in the self-reported columns (missing values are unknown too).
UNKNOWN: tuple[str, ...] = (PREFER_NOT_TO_SAY,)
#: The column :func:`care_contract` adds: contract and caring responsibility in one label.
CARE_CONTRACT = "care_contract"
#: The groupings whose false-negative rates the criterion compares.
MONITORED: tuple[str, ...] = (
    "sex",
    "ethnicity",
    "age_band",
    "disability",
    "first_language",
    "shift",
    CARE_CONTRACT,
)
#: Bootstrap draws for the intervals of the false-negative rates (seeded with the case seed).
N_BOOT = 1000
#: The comparisons whose gap is set against its uncertainty: label -> (grouping, group, other group).
COMPARISONS: dict[str, tuple[str, Any, Any]] = {
    "non-responders vs responders": ("responded", False, True),
    "night vs day": ("shift", "night", "day"),
    "women vs men": ("sex", "woman", "man"),
}
#: What each comparison of :data:`COMPARISONS` can be: the two 95% intervals apart, or overlapping.
NOISE_VERDICTS = ("beyond noise", "within noise")

#: Columns of the data that are special-category data under GDPR Art. 9(1), and why.
SPECIAL_CATEGORY: dict[str, str] = {
    "ethnicity": "racial or ethnic origin",
    "disability": "data concerning health",
    "sick_days_90d": "data concerning health (sickness absence)",
}
#: The columns the Art. 9 question lists, with why the others are not special-category data.
ART9_CANDIDATES: dict[str, str] = {
    "sex": "protected by equality law, but not an Art. 9(1) category",
    "age_band": "protected by equality law, but not an Art. 9(1) category",
    "ethnicity": SPECIAL_CATEGORY["ethnicity"],
    "disability": SPECIAL_CATEGORY["disability"],
    "caregiver": "a family circumstance, not an Art. 9(1) category",
    "first_language": "can stand in for ethnic origin (a proxy), but is not itself Art. 9(1) data",
    "survey_workload": "an opinion about the job, not about health",
    "recorded_overtime_hours": "working time, not health",
    "sick_days_90d": SPECIAL_CATEGORY["sick_days_90d"],
    "leave_days_90d": "annual leave taken, not health",
}

#: The root causes the experiment tells apart: key -> what it means.
ROOT_CAUSES: dict[str, str] = {
    "survey_nonresponse": "survey non-response: a missing answer is read as a neutral one",
    "unrecorded_overtime": "unrecorded overtime: salaried staff's hours are not recorded and part-time caregivers "
    "claim a quarter of theirs",
    "manager_notes": "biased manager notes",
    "demographics": "demographic columns used by the score",
}
#: The demographic columns of the data (the score reads none of them).
DEMOGRAPHICS: tuple[str, ...] = ("sex", "age_band", "ethnicity", "disability", "caregiver", "first_language")
#: The groupings of the root-cause experiment: where the misses concentrate.
ROOT_CAUSE_GROUPINGS: tuple[str, ...] = ("first_language", "shift", CARE_CONTRACT)

#: The individual-score options compared in the redesign: name -> what changes.
OPTION_DESCRIPTIONS: dict[str, str] = {
    "as_proposed": "the vendor's score as proposed",
    "survey_from_colleagues": "a missing survey answer read as the mean answer of colleagues in the same department, "
    "shift and contract, not as neutral",
    "all_hours_recorded": "every hour of overtime recorded (salaried staff and part-time caregivers too)",
    "both_fixes": "both fixes",
    "both_fixes_no_sick_days": "both fixes, without sickness absence (no health data among the inputs)",
}
#: The designs the decision weighs: name -> what it is.
DESIGNS: dict[str, str] = {
    "as_proposed": "the vendor's individual burnout-risk score, flagging the top 15% for outreach",
    "best_individual_score": "the redesigned individual score with the smallest false-negative-rate gap",
    "aggregate_dashboard": "no individual scores: workload and survey results by team, published under the "
    "suppression rule, support open to everyone who opts in",
}
#: The decisions a learner chooses from.
DECISIONS = ("deploy_as_is", "redesign", "stop")

#: Publication rule: a cell of a published table needs at least this many people.
MIN_CELL = 10
#: The anonymity an extract must reach before it leaves the analytics team.
K = 5
#: The quasi-identifiers of the extract the vendor asks for.
EXTRACT_QI: tuple[str, ...] = ("department", "role_level", "age_band", "sex", "ethnicity")
#: The generalisation the vendor proposes before dropping the rows still below k.
GENERALISE: dict[str, dict[str, str]] = {
    "ethnicity": {group: "minority ethnic" for group in ("asian", "black", "mixed", "arab", "other")},
    "age_band": {"18-24": "under 35", "25-34": "under 35", "35-44": "35-54", "45-54": "35-54"},
}
#: The privacy budget of the differentially private release of flag rates by ethnicity.
EPSILON = 1.0

#: What each tool of the proposal does, in plain words.
TOOL_DESCRIPTIONS: dict[str, str] = {
    "burnout-risk-score": "Scores every employee's burnout risk each quarter from survey answers, recorded overtime, "
    "after-hours messages, sickness absence and leave, and flags the top 15% for outreach (an EAP referral or a "
    "workload review). The vendor says it infers stress from the answers; it reads no audio, video or body signal.",
    "voice-stress-detection": "The vendor's upsell: detects stress from the voice of customer-service staff in their "
    "calls and adds it to the score.",
    "aggregate-dashboard": "Reports workload, leave and survey results by team only, with no score or flag for any "
    "person; small cells are suppressed before anything is published.",
}


@dataclass(frozen=True)
class Criterion:
    """The bar the CHRO and the works council agree before any number is looked at.

    Attributes
    ----------
    max_fnr_gap : float
        The largest gap allowed between the false-negative rates of two groups of a monitored
        grouping (:data:`MONITORED`).
    min_burned_out : int
        A group is compared when at least this many of its people burned out (the rate's
        denominator); smaller groups are reported, not compared.
    art9_basis_documented : bool
        Whether the employer has documented a GDPR Art. 9(2) condition for processing the health
        data an individual score uses and produces (a fact of the scenario: it has not).
    dpia_done : bool
        Whether a data protection impact assessment (GDPR Art. 35) covers individual scoring
        (a fact of the scenario: none has been done).
    """

    max_fnr_gap: float = 0.10
    min_burned_out: int = 30
    art9_basis_documented: bool = False
    dpia_done: bool = False

    def describe(self) -> str:
        """The criterion as a Markdown list."""
        return "\n".join(
            [
                "- **Nothing prohibited**: no part of the design falls under EU AI Act Art. 5.",
                f"- **Who is missed**: between any two groups of a monitored grouping (each with at least "
                f"{self.min_burned_out} people who burned out), the false-negative rates differ by at most "
                f"{self.max_fnr_gap:.2f}.",
                "- **Health data**: no special-category data (GDPR Art. 9(1)) is processed without a documented "
                f"Art. 9(2) condition (documented today: {'yes' if self.art9_basis_documented else 'no'}).",
                "- **Individual scores**: none without a data protection impact assessment (GDPR Art. 35) "
                f"(done today: {'yes' if self.dpia_done else 'no'}).",
            ]
        )


#: The criterion of the case.
CRITERION = Criterion()


# --------------------------------------------------------------------------------------------- #
# The shared computations: the notebook calls these, and so does the case.


def care_contract(frame: pd.DataFrame) -> pd.Series:
    """Contract and caring responsibility in one label: ``"full-time"``, ``"full-time caregiver"``,
    ``"part-time"`` or ``"part-time caregiver"``.

    Examples
    --------
    >>> frame = pd.DataFrame({"contract": ["part_time", "full_time"], "caregiver": ["yes", "no"]})
    >>> care_contract(frame).tolist()
    ['part-time caregiver', 'full-time']
    """
    contract = frame["contract"].astype(str).str.replace("_", "-", regex=False)
    caring = np.where(frame["caregiver"].astype(str) == "yes", " caregiver", "")
    return (contract + caring).rename(CARE_CONTRACT)


def impute_from_colleagues(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every missing survey answer replaced by colleagues' mean answer, not by a neutral 3.

    Colleagues are the responders in the same department, shift and contract; where none
    answered, the mean answer of everyone who did. Answers stay on the 1-5 scale.
    """
    out = frame.copy()
    cells = ["department", "shift", "contract"]
    for item in SURVEY_ITEMS:
        column = f"survey_{item}"
        colleagues = out.groupby(cells, observed=True)[column].transform("mean")
        out[column] = out[column].fillna(colleagues).fillna(out[column].mean())
    return out


def rescore_options(staff: pd.DataFrame, seed: int = 0) -> dict[str, np.ndarray]:
    """The individual-score options of :data:`OPTION_DESCRIPTIONS`: name -> 0/1 flags.

    Every option flags the same number of people, the top ``FLAG_SHARE`` of its score
    (:func:`~hrfair_helpers.datasets.wellbeing.flag_for_outreach`, ties broken with ``seed``), so
    they use the same outreach capacity; ``as_proposed`` is the data's own ``flagged`` column.
    """
    from ..datasets.wellbeing import burnout_risk_score, flag_for_outreach

    colleagues = impute_from_colleagues(staff)
    hours = {"recorded_overtime_hours": staff["actual_overtime_hours"]}

    def flag(frame, **weights):
        return flag_for_outreach(burnout_risk_score(frame, weights=weights or None), FLAG_SHARE, seed=seed)

    return {
        "as_proposed": staff["flagged"].to_numpy(),
        "survey_from_colleagues": flag(colleagues),
        "all_hours_recorded": flag(staff.assign(**hours)),
        "both_fixes": flag(colleagues.assign(**hours)),
        "both_fixes_no_sick_days": flag(colleagues.assign(**hours), sick_days_90d=0.0),
    }


def _fnr_table(staff: pd.DataFrame, flags: ArrayLike, grouping: str) -> pd.DataFrame:
    """FNR and people who burned out, per group of ``grouping`` (unknowns left out)."""
    from ..audit import group_metrics

    report = group_metrics(staff["burnout_next_quarter"], np.asarray(flags), staff[grouping], unknown=list(UNKNOWN))
    table = report.by_group[["n", "base_rate", "fnr"]].copy()
    table["burned_out"] = (table["n"] * table["base_rate"]).round().astype(np.int64)
    return table


def fnr_gaps(
    staff: pd.DataFrame,
    flags: ArrayLike,
    *,
    groupings: Sequence[str] = MONITORED,
    min_burned_out: int = CRITERION.min_burned_out,
) -> pd.DataFrame:
    """The false-negative-rate gap of each grouping: its most-missed and least-missed groups.

    Parameters
    ----------
    staff : DataFrame
        The case's data, with the :data:`CARE_CONTRACT` column.
    flags : array-like of 0/1
        Who is flagged.
    groupings : sequence of str, default MONITORED
    min_burned_out : int, default CRITERION.min_burned_out
        Groups with fewer people who burned out are left out of the comparison.

    Returns
    -------
    DataFrame
        One row per grouping: ``most_missed``, ``fnr_most_missed``, ``least_missed``,
        ``fnr_least_missed``, ``gap`` and ``groups_compared``.
    """
    rows = {}
    for grouping in groupings:
        table = _fnr_table(staff, flags, grouping)
        table = table[table["burned_out"] >= min_burned_out]
        high, low = table["fnr"].idxmax(), table["fnr"].idxmin()
        rows[grouping] = {
            "most_missed": high,
            "fnr_most_missed": float(table.loc[high, "fnr"]),
            "least_missed": low,
            "fnr_least_missed": float(table.loc[low, "fnr"]),
            "gap": float(table.loc[high, "fnr"] - table.loc[low, "fnr"]),
            "groups_compared": len(table),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("grouping")


def gap_within(
    staff: pd.DataFrame, flags: ArrayLike, grouping: str, group: Any, other: Any, *, strata: str = "responded"
) -> float:
    """The FNR gap of ``group`` over ``other`` with ``strata`` held fixed (direct standardisation).

    Within each stratum (responders, non-responders) the two groups' false-negative rates are
    compared; the stratum gaps are averaged, weighted by the stratum's share of everyone who burned
    out. What remains is the gap that does not come from the groups' different mix of strata.
    """
    burned_out = staff["burnout_next_quarter"] == 1
    weights = staff.loc[burned_out, strata].value_counts(normalize=True)
    gap = 0.0
    for stratum, weight in weights.items():
        inside = (staff[strata] == stratum).to_numpy()
        table = _fnr_table(staff[inside], np.asarray(flags)[inside], grouping)
        gap += weight * float(table.loc[group, "fnr"] - table.loc[other, "fnr"])
    return gap


def root_cause_gaps(staff: pd.DataFrame, *, seed: int = 0) -> pd.DataFrame:
    """The root-cause experiment: per grouping of :data:`ROOT_CAUSE_GROUPINGS`, the FNR gap of its
    most-missed over its least-missed group as flagged, and with each cause of :data:`ROOT_CAUSES` removed.

    ``survey_nonresponse``: the gap with survey response held fixed (:func:`gap_within`; nobody's
    answers can be made up). ``unrecorded_overtime``: re-scored with the hours actually worked and
    flagged again (ties broken with ``seed``). ``manager_notes`` and ``demographics``: re-scored
    without those columns; the score reads neither, so when the score is unchanged the flags are too.

    Returns
    -------
    DataFrame
        One row per grouping: ``most_missed``, ``least_missed``, ``as_flagged`` and one column per cause.
    """
    from ..datasets.wellbeing import burnout_risk_score, flag_for_outreach

    flagged = staff["flagged"].to_numpy()

    def flags_of(frame):
        score = burnout_risk_score(frame)
        if np.array_equal(score, staff["risk_score"].to_numpy()):
            return flagged  # the score did not change: neither do the flags
        return flag_for_outreach(score, FLAG_SHARE, seed=seed)

    removed = {
        "unrecorded_overtime": flags_of(staff.assign(recorded_overtime_hours=staff["actual_overtime_hours"])),
        "manager_notes": flags_of(staff.drop(columns="manager_note")),
        "demographics": flags_of(staff.drop(columns=list(DEMOGRAPHICS))),
    }
    rows = {}
    for grouping, row in fnr_gaps(staff, flagged, groupings=ROOT_CAUSE_GROUPINGS).iterrows():
        high, low = row["most_missed"], row["least_missed"]
        rows[grouping] = {"most_missed": high, "least_missed": low, "as_flagged": float(row["gap"])}
        rows[grouping]["survey_nonresponse"] = gap_within(staff, flagged, grouping, high, low)
        for cause, flags in removed.items():
            table = _fnr_table(staff, flags, grouping)
            rows[grouping][cause] = float(table.loc[high, "fnr"] - table.loc[low, "fnr"])
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("grouping")


def compare_options(
    staff: pd.DataFrame, options: dict[str, ArrayLike], *, criterion: Criterion | None = None
) -> pd.DataFrame:
    """The options side by side: people flagged, caught and missed, the FNR, and the largest monitored FNR gap.

    Returns
    -------
    DataFrame
        One row per option: ``flagged``, ``caught``, ``missed``, ``fnr``, ``largest_gap`` (over
        :data:`MONITORED`), ``largest_gap_in`` (its grouping), ``reads_health_data`` (sickness
        absence among the inputs; the score itself is an inferred health risk either way) and
        ``meets_gap_bar``.
    """
    criterion = CRITERION if criterion is None else criterion
    burned_out = (staff["burnout_next_quarter"] == 1).to_numpy()
    rows = {}
    for name, flags in options.items():
        flags = np.asarray(flags)
        gaps = fnr_gaps(staff, flags, min_burned_out=criterion.min_burned_out)
        caught = int((flags[burned_out] == 1).sum())
        rows[name] = {
            "flagged": int(flags.sum()),
            "caught": caught,
            "missed": int(burned_out.sum()) - caught,
            "fnr": 1 - caught / int(burned_out.sum()),
            "largest_gap": float(gaps["gap"].max()),
            "largest_gap_in": str(gaps["gap"].idxmax()),
            "reads_health_data": not name.endswith("no_sick_days"),
            "meets_gap_bar": bool(gaps["gap"].max() <= criterion.max_fnr_gap),
        }
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("option")


def check_designs(
    tools: Sequence[ToolProfile], options_table: pd.DataFrame, *, criterion: Criterion | None = None
) -> pd.DataFrame:
    """Each design of :data:`DESIGNS` against each part of the criterion: "pass", "fail" or "not applicable".

    The individual designs are the ``burnout-risk-score`` tool with the FNR gap of ``as_proposed``
    and of the option with the smallest largest gap; the aggregate design is the
    ``aggregate-dashboard`` tool, which flags no one (the FNR and DPIA parts do not apply to a tool that
    profiles no one; one that does, with no gap measured, fails the FNR part).
    Prohibition and special-category data are read from the registry (:func:`~hrfair_helpers.governance.classify`).

    Returns
    -------
    DataFrame
        One row per design: ``tool``, ``largest_fnr_gap``, ``not_prohibited``, ``fnr_gap``,
        ``health_data``, ``dpia`` and ``meets_criterion`` (no part failed).
    """
    from ..governance import classify

    criterion = CRITERION if criterion is None else criterion
    profiles = {tool.name: tool for tool in tools}
    best = str(options_table["largest_gap"].idxmin())
    designs = {
        "as_proposed": ("burnout-risk-score", float(options_table.loc["as_proposed", "largest_gap"])),
        "best_individual_score": ("burnout-risk-score", float(options_table.loc[best, "largest_gap"])),
        "aggregate_dashboard": ("aggregate-dashboard", None),
    }

    def verdict(ok):
        return "not applicable" if ok is None else "pass" if ok else "fail"

    rows = {}
    for design, (tool, gap) in designs.items():
        law = classify(profiles[tool]).set_index("id")
        individual = profiles[tool].profiles_people
        art9 = law.loc["gdpr_art9", "applies"] if "gdpr_art9" in law.index else False
        rows[design] = {
            "tool": tool,
            "largest_fnr_gap": gap,
            "not_prohibited": verdict(law.loc["eu_ai_act", "tier"] != "prohibited"),
            # A design that scores people without a measured gap cannot pass this part.
            "fnr_gap": verdict(gap is not None and gap <= criterion.max_fnr_gap if individual else None),
            "health_data": verdict(art9 is not True or criterion.art9_basis_documented),
            "dpia": verdict(criterion.dpia_done if individual else None),
        }
    checks = pd.DataFrame.from_dict(rows, orient="index").rename_axis("design")
    checks["meets_criterion"] = (checks[["not_prohibited", "fnr_gap", "health_data", "dpia"]] != "fail").all(axis=1)
    return checks


def decide(checks: pd.DataFrame) -> str:
    """The decision the criterion gives: one of :data:`DECISIONS`.

    ``"deploy_as_is"`` if the proposal (``as_proposed``) meets every part of the criterion,
    else ``"redesign"`` if the aggregate design does, else ``"stop"``.

    Examples
    --------
    >>> checks = pd.DataFrame({"meets_criterion": [False, False, True]},
    ...                       index=["as_proposed", "best_individual_score", "aggregate_dashboard"])
    >>> decide(checks), decide(checks.assign(meets_criterion=False))
    ('redesign', 'stop')
    """
    meets = checks["meets_criterion"]
    if meets["as_proposed"]:
        return "deploy_as_is"
    if meets["aggregate_dashboard"]:
        return "redesign"
    return "stop"


def proposal_tools() -> list[ToolProfile]:
    """The proposal's three tools as registry profiles (their descriptions: :data:`TOOL_DESCRIPTIONS`).

    The individual score infers stress from survey answers and reads sickness absence (health
    data) and after-hours messages; the vendor's upsell reads voices; the dashboard profiles no one.
    """
    from ..governance import ToolProfile

    return [
        ToolProfile(
            name="burnout-risk-score",
            purpose="wellbeing_monitoring",
            decision_role="substantial",
            locations={"EU"},
            data={"emotion_inference", "communications", "special_category"},
        ),
        ToolProfile(
            name="voice-stress-detection",
            purpose="wellbeing_monitoring",
            decision_role="assistive",
            locations={"EU"},
            data={"voice", "emotion_inference"},
        ),
        ToolProfile(
            name="aggregate-dashboard",
            purpose="wellbeing_monitoring",
            decision_role="assistive",
            locations={"EU"},
            data={"communications"},
            profiles_people=False,
        ),
    ]


# --------------------------------------------------------------------------------------------- #


class WellbeingCase:
    """The audit of the vendor's burnout-risk flags and of what may be published, built lazily.

    Parameters
    ----------
    seed : int, default 0
        The case seed: the data (``make_wellbeing_data(seed=seed)``), the bootstrap, the
        tie-break of re-scored flags and the differentially private releases all use it; 0 is the
        published notebook.
    """

    def __init__(self, seed: int = 0) -> None:
        from .._utils.validation import check_seed

        self.seed = check_seed(seed)

    # -- the data ------------------------------------------------------------------------------

    @cached_property
    def staff(self) -> pd.DataFrame:
        """The workforce with the vendor's score and flags, and the :data:`CARE_CONTRACT` column."""
        from ..datasets.wellbeing import make_wellbeing_data

        staff = make_wellbeing_data(n=N_EMPLOYEES, seed=self.seed)
        staff[CARE_CONTRACT] = care_contract(staff)
        return staff

    @property
    def burned_out(self) -> pd.Series:
        """Who burned out in the next quarter (True/False)."""
        return self.staff["burnout_next_quarter"] == 1

    # -- the proposal and the law -------------------------------------------------------------

    @cached_property
    def tools(self) -> list[ToolProfile]:
        return proposal_tools()

    @cached_property
    def classifications(self) -> dict[str, pd.DataFrame]:
        """Tool name -> its :func:`~hrfair_helpers.governance.classify` rows, indexed by instrument id."""
        from ..governance import classify

        return {tool.name: classify(tool).set_index("id") for tool in self.tools}

    @cached_property
    def eu_tiers(self) -> dict[str, str]:
        """Tool name -> the EU AI Act tier to govern it as (the registry's tier; "check" governs as the tier named)."""
        return {name: str(rows.loc["eu_ai_act", "tier"]) for name, rows in self.classifications.items()}

    def tiers_with(self, **changes: str) -> dict[str, str]:
        """The tiers with some tools' tiers changed: the answer a given mistake produces."""
        return {**self.eu_tiers, **changes}

    def special_category(self, *, add: Sequence[str] = (), drop: Sequence[str] = ()) -> list[str]:
        """The special-category columns among :data:`ART9_CANDIDATES`, in its order (with a mistake's changes)."""
        chosen = (set(SPECIAL_CATEGORY) | set(add)) - set(drop)
        return [column for column in ART9_CANDIDATES if column in chosen]

    # -- who is flagged, who is missed ---------------------------------------------------------

    def metrics(
        self, grouping: str | list[str], flags: ArrayLike | None = None, *, n_boot: int = 0
    ) -> GroupMetricsReport:
        """``group_metrics`` of the flags (default: the vendor's) against burnout, unknowns apart."""
        from ..audit import group_metrics

        staff = self.staff
        groups = staff[grouping] if isinstance(grouping, str) else [staff[g] for g in grouping]
        return group_metrics(
            staff["burnout_next_quarter"],
            staff["flagged"] if flags is None else np.asarray(flags),
            groups,
            unknown=list(UNKNOWN),
            n_boot=n_boot,
            random_state=self.seed if n_boot else None,
        )

    def rate(self, column: str, by: str) -> pd.Series:
        """The mean of ``column`` per group of ``by`` (unknowns left out)."""
        staff = self.staff
        known = staff[by].notna() & ~staff[by].isin(UNKNOWN)
        return staff[known].groupby(by, observed=True)[column].mean()

    def flag_rate_ratio(self, column: str = "flagged") -> float:
        """Women's rate of ``column`` divided by men's (default: the flag rate)."""
        rates = self.rate(column, "sex")
        return float(rates["woman"] / rates["man"])

    def review_share(self, by: str = "first_language", *, among: str = "flagged") -> pd.Series:
        """Share offered a workload review per group of ``by``: among the flagged (the support's fairness:
        the review changes the work, the EAP referral only the person's coping), or among everyone."""
        staff = self.staff
        review = staff["support_offered"].eq("workload_review")
        rows = staff["flagged"].astype(bool) if among == "flagged" else pd.Series(True, index=staff.index)
        known = rows & staff[by].notna() & ~staff[by].isin(UNKNOWN)
        return review[known].groupby(staff.loc[known, by], observed=True).mean().rename("workload_review")

    def offered_share(self, by: str = "first_language") -> pd.Series:
        """Share of the flagged offered any support (EAP referral or workload review), per group."""
        staff = self.staff
        flagged = staff["flagged"].astype(bool) & staff[by].notna() & ~staff[by].isin(UNKNOWN)
        offered = staff["support_offered"].ne("none")
        return offered[flagged].groupby(staff.loc[flagged, by], observed=True).mean().rename("offered")

    def by_group(self, grouping: str, column: str = "fnr") -> pd.Series:
        """One metric of :meth:`metrics` per group, e.g. the false-negative rate by first language."""
        return self.metrics(grouping).by_group[column]

    def missed_share_of_everyone(self, grouping: str) -> pd.Series:
        """Per group, the people missed over everyone in the group (a mistake: the FNR divides by the burned out)."""
        staff = self.staff
        missed = (self.burned_out & (staff["flagged"] == 0)).astype(float)
        return missed.groupby(staff[grouping], observed=True).mean()

    def most_missed(self, grouping: str = CARE_CONTRACT, column: str = "fnr", lowest: bool = False) -> str:
        """The group with the highest ``column`` (or the lowest), e.g. the most-missed contract × caregiving group."""
        values = self.by_group(grouping, column)
        return str(values.idxmin() if lowest else values.idxmax())

    def most_missed_by_count(self, grouping: str = CARE_CONTRACT) -> str:
        """The group with the most people missed (a mistake: a count, not a rate)."""
        staff = self.staff
        missed = (self.burned_out & (staff["flagged"] == 0)).astype(int)
        return str(missed.groupby(staff[grouping], observed=True).sum().idxmax())

    def response_gap(self, column: str = "fnr") -> float:
        """Non-responders' ``column`` minus responders' (default: the false-negative rate)."""
        values = self.by_group("responded", column)
        return float(values[False] - values[True])

    @cached_property
    def comparison_reports(self) -> dict[str, GroupMetricsReport]:
        """Grouping -> ``group_metrics`` with ``N_BOOT`` seeded bootstrap draws, for :data:`COMPARISONS`."""
        groupings = dict.fromkeys(grouping for grouping, _, _ in COMPARISONS.values())
        return {grouping: self.metrics(grouping, n_boot=N_BOOT) for grouping in groupings}

    @cached_property
    def comparisons(self) -> pd.DataFrame:
        """Per comparison: the two FNRs, the gap, the two 95% intervals and whether they are apart."""
        rows = {}
        for label, (grouping, group, other) in COMPARISONS.items():
            report = self.comparison_reports[grouping]
            fnr, low, high = report.by_group["fnr"], report.intervals["fnr_low"], report.intervals["fnr_high"]
            apart = bool(low[group] > high[other] or low[other] > high[group])
            rows[label] = {
                "fnr": float(fnr[group]),
                "fnr_other": float(fnr[other]),
                "gap": float(fnr[group] - fnr[other]),
                "interval": (float(low[group]), float(high[group])),
                "interval_other": (float(low[other]), float(high[other])),
                "verdict": NOISE_VERDICTS[0] if apart else NOISE_VERDICTS[1],
            }
        return pd.DataFrame.from_dict(rows, orient="index")

    def noise_verdicts(self, **changes: str) -> dict[str, str]:
        """Comparison -> "beyond noise" or "within noise" (with a mistake's changes)."""
        return {**self.comparisons["verdict"].to_dict(), **changes}

    @cached_property
    def intersections(self) -> pd.DataFrame:
        """Sex × ethnicity: people, people who burned out, flag rate and FNR per cell (unknowns apart)."""
        table = self.metrics(["sex", "ethnicity"]).by_group[["n", "base_rate", "selection_rate", "fnr"]].copy()
        table["burned_out"] = (table["n"] * table["base_rate"]).round().astype(np.int64)
        return table

    def _compared_cells(self, min_burned_out: int | None) -> pd.Series:
        floor = CRITERION.min_burned_out if min_burned_out is None else min_burned_out
        table = self.intersections
        return table.loc[table["burned_out"] >= floor, "fnr"]

    def intersection_gap(self, min_burned_out: int | None = None) -> float:
        """The FNR of the most-missed sex × ethnicity cell minus the least-missed one's, among the cells with at
        least ``min_burned_out`` people who burned out (default: the criterion's)."""
        fnr = self._compared_cells(min_burned_out)
        return float(fnr.max() - fnr.min())

    def one_axis_gap(self, grouping: str) -> float:
        """The FNR gap of one grouping alone (e.g. ethnicity), as :func:`fnr_gaps` computes it."""
        return float(fnr_gaps(self.staff, self.staff["flagged"], groupings=[grouping]).loc[grouping, "gap"])

    @cached_property
    def worst_cell(self) -> tuple[str, str]:
        """The most-missed (sex, ethnicity) cell among those compared."""
        return tuple(self._compared_cells(None).idxmax())

    # -- root cause ----------------------------------------------------------------------------

    def missed_share(self, among: str = "missed") -> float:
        """The share of non-responders among the missed (or among ``"burned_out"`` or ``"everyone"``)."""
        staff = self.staff
        who = {
            "missed": self.burned_out & (staff["flagged"] == 0),
            "burned_out": self.burned_out,
            "everyone": pd.Series(True, index=staff.index),
        }[among]
        return float((~staff.loc[who, "responded"]).mean())

    @cached_property
    def root_cause_table(self) -> pd.DataFrame:
        """:func:`root_cause_gaps` of the case's data and seed."""
        return root_cause_gaps(self.staff, seed=self.seed)

    @cached_property
    def remaining_gaps(self) -> pd.Series:
        """Cause -> the largest absolute FNR gap left across the groupings when the cause is removed."""
        return self.root_cause_table[list(ROOT_CAUSES)].abs().max()

    @cached_property
    def root_cause(self) -> str:
        """The cause whose removal leaves the smallest gap: the main driver of the misses."""
        return str(self.remaining_gaps.idxmin())

    # -- redesign options ----------------------------------------------------------------------

    @cached_property
    def options(self) -> dict[str, np.ndarray]:
        """Option -> flags (:func:`rescore_options` with the case seed)."""
        return rescore_options(self.staff, self.seed)

    @cached_property
    def options_table(self) -> pd.DataFrame:
        """:func:`compare_options` of :attr:`options`."""
        return compare_options(self.staff, self.options)

    @cached_property
    def options_meeting_bar(self) -> list[str]:
        """The options whose largest FNR gap is within the criterion's bar."""
        table = self.options_table
        return sorted(table.index[table["meets_gap_bar"]])

    def lowest_fnr_option(self) -> str:
        """The option that misses the fewest people overall (a mistake when taken for the bar)."""
        return str(self.options_table["fnr"].idxmin())

    # -- what may be published -----------------------------------------------------------------

    @cached_property
    def published(self) -> AdverseImpactReport:
        """Flag rates by sex × ethnicity, the table the vendor wants to publish (unknowns apart)."""
        from ..audit import adverse_impact

        return adverse_impact("flagged", ["sex", "ethnicity"], data=self.staff, unknown=list(UNKNOWN))

    @cached_property
    def suppressed(self) -> SuppressedTable:
        """The published table (people, flagged, flag rate) with cells under ``MIN_CELL`` suppressed."""
        from ..privacy import suppress_small_cells

        table = self.published.table[["n", "selected", "selection_rate"]]
        return suppress_small_cells(table, min_cell=MIN_CELL)

    @cached_property
    def extract_report(self) -> AnonymityReport:
        """The k-anonymity of the extract the vendor asks for, on :data:`EXTRACT_QI`."""
        from ..privacy import anonymity_report

        return anonymity_report(self.staff, list(EXTRACT_QI), k=K)

    def k_anonymous(self, rules: dict | None = None) -> AnonymityReport:
        """The report of ``make_k_anonymous`` on the extract (k = ``K``, losses counted by ethnicity).

        ``rules`` are the generalisation rules: None for :data:`GENERALISE`, ``{}`` for none at all
        (the rows below k dropped straight away).
        """
        from ..privacy import make_k_anonymous

        chosen = GENERALISE if rules is None else rules
        return make_k_anonymous(self.staff, list(EXTRACT_QI), k=K, rules=chosen or None, lost_by="ethnicity")[1]

    @cached_property
    def generalised(self) -> AnonymityReport:
        """The extract generalised with :data:`GENERALISE`, then cut to k = ``K``."""
        return self.k_anonymous()

    @cached_property
    def dp_release(self) -> DPRelease:
        """One release of flag rates by ethnicity at ``EPSILON``, seeded with the case seed."""
        from ..datasets.wellbeing import ETHNICITIES
        from ..privacy import dp_group_rates

        return dp_group_rates(
            "flagged",
            "ethnicity",
            data=self.staff,
            epsilon=EPSILON,
            random_state=self.seed,
            unknown=list(UNKNOWN),
            categories=list(ETHNICITIES),
        )

    @cached_property
    def dp_tradeoff(self) -> PrivacyTradeoffReport:
        """Many releases per epsilon of the same rates (the default epsilons and draws), seeded with the case seed."""
        from ..datasets.wellbeing import ETHNICITIES
        from ..privacy import privacy_accuracy_tradeoff

        return privacy_accuracy_tradeoff(
            "flagged",
            "ethnicity",
            data=self.staff,
            random_state=self.seed,
            unknown=list(UNKNOWN),
            categories=list(ETHNICITIES),
        )

    @cached_property
    def smallest_group(self) -> str:
        """The ethnicity group with the fewest people (known values only)."""
        return str(self.dp_release.table["n"].idxmin())

    def dp_error(self, group: str | None = None, epsilon: float = EPSILON) -> float:
        """The mean absolute error of ``group``'s noisy flag rate at ``epsilon`` (default: the smallest group)."""
        table = self.dp_tradeoff.table
        group = self.smallest_group if group is None else group
        row = table[(table["group"] == group) & (table["epsilon"] == epsilon)]
        return float(row["mean_abs_error"].iloc[0])

    # -- the decision --------------------------------------------------------------------------

    @cached_property
    def design_checks(self) -> pd.DataFrame:
        """:func:`check_designs` of the proposal's tools and :attr:`options_table`."""
        return check_designs(self.tools, self.options_table)

    @cached_property
    def decision(self) -> str:
        """:func:`decide` on :attr:`design_checks`."""
        return decide(self.design_checks)
