"""Questions for solutions/07_wellbeing_analytics.ipynb (scenario 7).

The context is the case, :class:`~hrfair_helpers.cases.wellbeing.WellbeingCase`: it rebuilds the
case from its seed (``make_wellbeing_data(seed=seed)``: 4,000 employees, the vendor's burnout-risk
score and its flags for the top 15%), the registry's classification of the proposal, the audit of
who is missed (false-negative rates by group, seeded bootstrap intervals), the root-cause
experiment, the redesigned scores, the published tables and their suppression, the extract's
k-anonymity and the seeded differentially private release, and the decision the criterion gives.

``Grader("wellbeing_analytics", seed=N)`` grades the candidate-specific variant of case seed ``N``
(``hrfair variant``); without ``seed`` (or with ``seed=0``) it grades the published notebook.

:data:`hrfair_helpers.grading.rubric.WELLBEING_MEMO` is the self-check of the memo to the CHRO and
the works council (a study aid, not a grade).
"""

from ...cases import WellbeingCase
from ...cases.wellbeing import (
    ART9_CANDIDATES,
    CRITERION,
    DECISIONS,
    MIN_CELL,
    NOISE_VERDICTS,
    ROOT_CAUSES,
    TIERS,
    K,
)
from ...governance.timeline import fill_dates
from ..bank import Bank, Misconception, Question
from ..compare import Choice, ChoicePerItem, Labels, Number, PerGroup

TIER_ALIASES = {"high-risk": ("high risk",), "limited/minimal": ("limited", "minimal", "limited risk", "minimal risk")}
CARE_CONTRACT_GROUPS = ("full-time", "full-time caregiver", "part-time", "part-time caregiver")
CARE_CONTRACT_ALIASES = {
    "full-time": ("full_time / no", "full-time, no caring duties", "full time no caregiver"),
    "full-time caregiver": ("full_time / yes", "full-time caregivers", "full-time, caregiver"),
    "part-time": ("part_time / no", "part-time, no caring duties", "part time no caregiver"),
    "part-time caregiver": ("part_time / yes", "part-time caregivers", "part-time, caregiver"),
}
NOISE_ALIASES = {
    "beyond noise": ("beyond", "larger than the noise", "real", "significant", "apart"),
    "within noise": ("within", "noise", "not significant", "overlapping", "overlap"),
}
ROOT_CAUSE_ALIASES = {
    "survey_nonresponse": (
        "survey non-response",
        "non-response",
        "nonresponse",
        "survey",
        "missing survey answers",
        "neutral imputation",
    ),
    "unrecorded_overtime": ("overtime", "unrecorded hours", "hours not recorded", "recorded overtime"),
    "manager_notes": ("manager notes", "notes", "biased notes"),
    "demographics": ("demographic columns", "demographic data", "protected attributes"),
}
DECISION_ALIASES = {
    "deploy_as_is": ("deploy", "deploy as is", "deploy it", "go ahead"),
    "redesign": ("re-design", "redesign it"),
    "stop": ("stop it", "reject", "do not deploy", "abandon"),
}


def _has(column, present):
    """Detects an Art. 9 answer that includes (``present``) or leaves out a column."""
    return lambda got, c: (column in got) == present


BANK = Bank("wellbeing_analytics", "07 Wellbeing analytics", WellbeingCase)

BANK.add(
    Question(
        id="q01_eu_tiers",
        prompt="Your judgement, before running the classifier: the EU AI Act tier of each tool of the proposal "
        "('burnout-risk-score', 'voice-stress-detection', 'aggregate-dashboard'), for employees in the EU. Where "
        "the facts leave the answer open, govern the tool as the tier the registry names.",
        expected=lambda c: c.eu_tiers,
        compare=ChoicePerItem(TIERS, aliases=TIER_ALIASES),
        success=fill_dates(
            "Stress read from a voice is emotion recognition, banned at work since {date:eu_aia_prohibitions} "
            "(Art. 5(1)(f)). A score that flags individual workers monitors and evaluates their behaviour: high-risk "
            "under Annex III point 4(b), with the deployer's duties from {date:eu_aia_annex_iii}. A dashboard that "
            "reports by team evaluates no one, as long as no individual output is kept (the registry's 'check')."
        ),
        misconceptions=(
            Misconception(
                "text_is_biometric",
                "The score infers stress from survey answers and records. Art. 5(1)(f) prohibits emotion recognition "
                "systems at work, and those infer emotions from biometric data: faces, voices, physiological signals "
                "(Art. 3(39)). Survey answers are not biometric, so the score is not prohibited on these facts; it is "
                "high-risk because it monitors and evaluates individual workers (Annex III point 4(b)).",
                lambda c: c.tiers_with(**{"burnout-risk-score": "prohibited"}),
                detect=lambda got, c: got.get("burnout-risk-score") == "prohibited",
            ),
            Misconception(
                "voice_high_risk",
                fill_dates(
                    "Stress detected from a voice is emotion recognition from biometric data: prohibited at the "
                    "workplace since {date:eu_aia_prohibitions} (Art. 5(1)(f)). Only medical or safety reasons are "
                    "exempt, and a wellbeing programme is neither; the employees' consent does not lift a prohibition. "
                    "A high-risk system may be used under conditions, a prohibited one not at all."
                ),
                lambda c: c.tiers_with(**{"voice-stress-detection": "high-risk"}),
                detect=lambda got, c: got.get("voice-stress-detection") in ("high-risk", "limited/minimal"),
            ),
            Misconception(
                "dashboard_high_risk",
                "The dashboard reports by team and keeps no score or flag about any person: it evaluates no one, so "
                "Annex III point 4(b) is unlikely to cover it. The registry marks it 'check': confirm that no "
                "individual output is kept. Its tables still need the publication rules of Part E.",
                lambda c: c.tiers_with(**{"aggregate-dashboard": "high-risk"}),
                detect=lambda got, c: got.get("aggregate-dashboard") == "high-risk",
            ),
            Misconception(
                "score_limited",
                "A score that flags individual employees for outreach monitors and evaluates their behaviour (Annex "
                "III point 4(b)). That a person then makes the offer does not lower the tier: the tool profiles "
                "people, and a profiling Annex III system stays high-risk (Art. 6(3), last subparagraph).",
                lambda c: c.tiers_with(**{"burnout-risk-score": "limited/minimal"}),
                detect=lambda got, c: got.get("burnout-risk-score") == "limited/minimal",
            ),
        ),
        hints=(
            "Take the tools one at a time: does it read emotions from a body signal such as a voice, does it "
            "evaluate individual workers, or does it only report on teams?",
            "Prohibited: emotion recognition from biometric data at work (Art. 5(1)(f)). High-risk: a tool that "
            "monitors and evaluates individual workers' behaviour (Annex III 4(b)), even when a person acts on its "
            "output. Limited/minimal: a tool that evaluates no one.",
            "{'burnout-risk-score': ..., 'voice-stress-detection': 'prohibited', 'aggregate-dashboard': ...} with the "
            "tiers of the other two tools from the tests above.",
        ),
    )
)

BANK.add(
    Question(
        id="q02_special_category_columns",
        prompt="The columns, among " + ", ".join(ART9_CANDIDATES) + ", that hold special-category data under GDPR "
        "Art. 9(1).",
        expected=lambda c: c.special_category(),
        compare=Labels(),
        success="Ethnicity is racial or ethnic origin; disability and sickness absence are data concerning health. "
        "So are the outcome (a stress-related absence) and the vendor's score, an inferred health risk: an "
        "individual burnout score processes health data whatever its inputs.",
        misconceptions=(
            Misconception(
                "sex",
                "Sex is protected by equality law, which is why the audit compares groups by it, but it is not one "
                "of the Art. 9(1) categories (racial or ethnic origin, political opinions, religion, trade union "
                "membership, genetic and biometric data, health, sex life or sexual orientation).",
                lambda c: c.special_category(add=["sex"]),
                detect=_has("sex", True),
            ),
            Misconception(
                "age",
                "Age is protected by equality law, but it is not an Art. 9(1) category.",
                lambda c: c.special_category(add=["age_band"]),
                detect=_has("age_band", True),
            ),
            Misconception(
                "first_language",
                "First language can stand in for ethnic origin, so treat it with care in any model (a proxy), but "
                "it is not itself one of the Art. 9(1) categories.",
                lambda c: c.special_category(add=["first_language"]),
                detect=_has("first_language", True),
            ),
            Misconception(
                "leave",
                "Annual leave taken is working time, not health. Sickness absence is the health column.",
                lambda c: c.special_category(add=["leave_days_90d"]),
                detect=_has("leave_days_90d", True),
            ),
            Misconception(
                "no_ethnicity",
                "Ethnicity reveals racial or ethnic origin, the first category Art. 9(1) names, even when the "
                "employee chose the label themselves.",
                lambda c: c.special_category(drop=["ethnicity"]),
                detect=_has("ethnicity", False),
            ),
            Misconception(
                "no_sick_days",
                "Sickness absence is data concerning health (Art. 4(15)): days off sick say something about a "
                "person's health, and the score turns them into an inferred health risk.",
                lambda c: c.special_category(drop=["sick_days_90d"]),
                detect=_has("sick_days_90d", False),
            ),
        ),
        hints=(
            "Article 9 of the GDPR names a closed list of categories: racial or ethnic origin, political opinions, "
            "religion or belief, trade union membership, genetic and biometric data, health, sex life and sexual "
            "orientation. Which columns reveal one of them?",
            "Go through the list: a column is special-category data when it reveals one of those categories, "
            "directly or as data concerning health. Being protected by equality law (sex, age) is not enough, and "
            "neither is being a proxy.",
            "['ethnicity', 'disability', ...] with the one column that counts days off for illness.",
        ),
    )
)

BANK.add(
    Question(
        id="q03_flag_rate_ratio",
        prompt="Women's flag rate divided by men's (the share of each group the vendor flags for outreach).",
        expected=lambda c: c.flag_rate_ratio(),
        compare=Number(decimals=2),
        success="This is the number the vendor's fairness claim rests on: by the impact-ratio reading, flags at 0.8 "
        "or more of men's rate look fair. A flag rate says who is offered help, not whether those who needed it got it.",
        misconceptions=(
            Misconception(
                "burnout_ratio",
                "That is the ratio of burnout rates: women burn out more often in this workforce. The question is "
                "about the flags, the share of each group the score flags.",
                lambda c: c.flag_rate_ratio("burnout_next_quarter"),
            ),
            Misconception(
                "fnr_ratio",
                "That divides the false-negative rates. The flag rate is the share of everyone in the group who is "
                "flagged.",
                lambda c: float(c.by_group("sex")["woman"] / c.by_group("sex")["man"]),
            ),
        ),
        hints=(
            "Which rate describes the flags, whose rate goes on top, and whose underneath?",
            "Average the flagged column among women and among men (leave out 'prefer not to say' and missing "
            "values), then divide women's rate by men's.",
            "rates = staff.groupby('sex', observed=True)['flagged'].mean(); then rates['woman'] / ... with men's rate.",
        ),
    )
)

BANK.add(
    Question(
        id="q04_fnr_by_first_language",
        prompt="The false-negative rate of the flags for each first language: among the employees who burned out, "
        "the share the score did not flag.",
        expected=lambda c: c.by_group("first_language"),
        compare=PerGroup(decimals=3),
        success="Most people who burn out are missed, and staff whose first language is not English are missed "
        "much more often.",
        misconceptions=(
            Misconception(
                "flag_rate",
                "These are flag rates, the share of everyone flagged. The false-negative rate looks only at the "
                "people who burned out: the share of them the score did not flag.",
                lambda c: c.by_group("first_language", "selection_rate"),
            ),
            Misconception(
                "fpr",
                "That is the false-positive rate: flagged among those who did not burn out. The harm here is the "
                "person who burns out unflagged: the false-negative rate.",
                lambda c: c.by_group("first_language", "fpr"),
            ),
            Misconception(
                "tpr",
                "That is the true-positive rate, the share of the burned out who were caught. The false-negative "
                "rate is the share missed: one minus it.",
                lambda c: c.by_group("first_language", "tpr"),
            ),
            Misconception(
                "everyone",
                "You divided the people missed by everyone in the group. The false-negative rate divides by the "
                "people who burned out.",
                lambda c: c.missed_share_of_everyone("first_language"),
            ),
        ),
        hints=(
            "Look only at the people who burned out. In each first-language group, what share of them did the score "
            "fail to flag?",
            "Call group_metrics with the outcome column, the flagged column and first_language, and read the fnr "
            "column of its by_group table.",
            "group_metrics('burnout_next_quarter', 'flagged', 'first_language', data=staff).by_group[...] with the "
            "false-negative rate's column.",
        ),
    )
)

BANK.add(
    Question(
        id="q05_most_missed_care_contract",
        prompt="The contract × caregiving group (the care_contract column) whose false-negative rate is highest.",
        expected=lambda c: c.most_missed(),
        compare=Choice(CARE_CONTRACT_GROUPS, aliases=CARE_CONTRACT_ALIASES),
        success="Part-time staff answer the survey less and claim less of their overtime, and caregivers carry a load "
        "that no record holds: the score is blindest where these meet.",
        misconceptions=(
            Misconception(
                "lowest_flag_rate",
                "That group has the lowest flag rate. Who is missed is a different question: the false-negative "
                "rate, among the people who burned out.",
                lambda c: c.most_missed(column="selection_rate", lowest=True),
            ),
            Misconception(
                "most_people_missed",
                "The largest group has the most people missed because it is the largest. Compare rates: the share "
                "of each group's burned-out employees that the score missed.",
                lambda c: c.most_missed_by_count(),
            ),
        ),
        hints=(
            "A group can be flagged rarely and still be missed rarely. Which rate counts the people who burned out "
            "but were not flagged?",
            "Compute the false-negative rate by the care_contract column, as in Exercise 4, and pick the group "
            "where it is highest.",
            "group_metrics('burnout_next_quarter', 'flagged', 'care_contract', data=staff).by_group['fnr'] and the "
            "label of its largest value.",
        ),
    )
)


BANK.add(
    Question(
        id="q05b_workload_review_share",
        prompt="Among the flagged employees, the share offered a workload review (not an EAP referral) for each first "
        "language.",
        expected=lambda c: c.review_share("first_language"),
        compare=PerGroup(decimals=2),
        success="A flag is not the end of the story: the support that changes the work goes mostly to staff in "
        "offices, and staff whose first language is not English, who work more on the floor and on nights, get "
        "the referral that leaves the work as it is.",
        misconceptions=(
            Misconception(
                "everyone",
                "You divided by everyone in the group. The question is about the support the flagged are offered: "
                "divide by the flagged employees of each group.",
                lambda c: c.review_share("first_language", among="everyone"),
            ),
            Misconception(
                "any_support",
                "That is the share offered any support, the EAP referral included. The question is about the "
                "workload review only, the support that changes the work itself.",
                lambda c: c.offered_share("first_language"),
            ),
        ),
        hints=(
            "Keep only the flagged employees. In each first-language group, how many of them were offered a review of "
            "their workload rather than a referral?",
            "Filter staff to the flagged rows, mark support_offered == 'workload_review', and take its mean per "
            "first_language with groupby (observed=True for the categories).",
            "flagged = staff[staff['flagged'] == 1]; "
            "flagged['support_offered'].eq('workload_review').groupby(flagged['first_language'], observed=True).mean()",
        ),
    )
)
BANK.add(
    Question(
        id="q06_response_gap",
        prompt="Non-responders' false-negative rate minus responders' (the responded column: False for employees "
        "who did not answer the survey).",
        expected=lambda c: c.response_gap(),
        compare=Number(decimals=2),
        success="Almost everyone who burns out without answering the survey is missed: the score reads their "
        "silence as neutral answers.",
        misconceptions=(
            Misconception(
                "flag_gap",
                "That is the gap in flag rates. The question asks about the people who burned out: the gap in "
                "false-negative rates.",
                lambda c: c.response_gap("selection_rate"),
            ),
            Misconception(
                "burnout_gap",
                "That is the gap in burnout rates: non-responders burn out more often. The question asks how much "
                "more often those who burn out are missed.",
                lambda c: c.response_gap("base_rate"),
            ),
        ),
        hints=(
            "Split the workforce by whether people answered the survey. Among those who burned out, how much more "
            "often is a non-responder missed than a responder?",
            "Compute the false-negative rate by the responded column and subtract responders' rate (True) from "
            "non-responders' (False).",
            "fnr = group_metrics('burnout_next_quarter', 'flagged', 'responded', data=staff).by_group['fnr']; then "
            "fnr[False] - ... with responders' rate.",
        ),
    )
)

BANK.add(
    Question(
        id="q07_gaps_beyond_noise",
        prompt="For each comparison ('non-responders vs responders', 'night vs day', 'women vs men'), is the gap in "
        "false-negative rates beyond noise (the two groups' 95% bootstrap intervals do not overlap) or within "
        "noise (they overlap)?",
        expected=lambda c: c.noise_verdicts(),
        compare=ChoicePerItem(NOISE_VERDICTS, aliases=NOISE_ALIASES),
        success="The response and shift gaps are far larger than their uncertainty. The small gap between women and "
        "men is not: report it with its interval, and do not build on it.",
        misconceptions=(
            Misconception(
                "every_gap_real",
                "The intervals of women and men overlap: a gap of a few points, on a few hundred people who burned "
                "out in each group, is within what chance produces. A gap is not a finding until it is larger than "
                "its uncertainty.",
                lambda c: c.noise_verdicts(**{"women vs men": NOISE_VERDICTS[0]}),
                detect=lambda got, c: got.get("women vs men") == NOISE_VERDICTS[0],
            ),
            Misconception(
                "small_group_noise",
                "Fewer night-shift staff burned out, so their interval is wider, but it still does not overlap the "
                "day shift's: the gap is larger than its uncertainty. A small group is not a reason to dismiss it.",
                lambda c: c.noise_verdicts(**{"night vs day": NOISE_VERDICTS[1]}),
                detect=lambda got, c: got.get("night vs day") == NOISE_VERDICTS[1],
            ),
        ),
        hints=(
            "A gap measured on a few hundred people can be chance. For each comparison, do the ranges of plausible "
            "values of the two rates overlap?",
            "Read the comparison table: a gap is beyond noise when one group's fnr_low is above the other group's "
            "fnr_high, and within noise when the two intervals overlap.",
            "{'non-responders vs responders': 'beyond noise', 'night vs day': ..., 'women vs men': ...} with the "
            "verdicts the intervals give.",
        ),
    )
)

BANK.add(
    Question(
        id="q08_intersection_gap",
        prompt=f"The false-negative-rate gap between the most-missed and the least-missed sex × ethnicity cells, "
        f"among the cells with at least {CRITERION.min_burned_out} people who burned out.",
        expected=lambda c: c.intersection_gap(),
        compare=Number(decimals=2),
        success="Set it beside the gap between ethnic groups alone: an average over one attribute can hide the cell "
        "missed most. The cells too small to compare are reported, not ranked.",
        misconceptions=(
            Misconception(
                "no_minimum",
                f"Some of the cells you compared rest on a handful of people who burned out, so one miss moves their "
                f"rate by a lot. Compare the cells with at least {CRITERION.min_burned_out} people who burned out, "
                f"and report the smaller ones apart.",
                lambda c: c.intersection_gap(1),
            ),
            Misconception(
                "one_axis",
                "That is the gap between ethnic groups, women and men together. The question asks for the gap "
                "between sex × ethnicity cells.",
                lambda c: c.one_axis_gap("ethnicity"),
            ),
            Misconception(
                "sex_axis",
                "That is the gap between women, men and non-binary employees, all ethnic groups together. The "
                "question asks for the gap between sex × ethnicity cells.",
                lambda c: c.one_axis_gap("sex"),
            ),
        ),
        hints=(
            f"An average over one attribute can hide a cell missed more. Among the sex × ethnicity cells with at "
            f"least {CRITERION.min_burned_out} people who burned out, how far apart are the highest and the lowest "
            f"miss rates?",
            f"Run group_metrics by sex and ethnicity together, count the people who burned out per cell (n times "
            f"base_rate, rounded), keep the cells with at least {CRITERION.min_burned_out}, and subtract the lowest "
            f"fnr from the highest.",
            f"compared = cells.loc[cells['burned_out'] >= {CRITERION.min_burned_out}, 'fnr']; then compared.max() - "
            f"... with the lowest rate.",
        ),
    )
)

BANK.add(
    Question(
        id="q09_missed_non_responders_share",
        prompt="Among the employees the score missed (burned out, not flagged), the share who did not answer the "
        "survey.",
        expected=lambda c: c.missed_share(),
        compare=Number(decimals=2),
        success="Most of the people the score misses never answered the survey: the first suspect for the root cause.",
        misconceptions=(
            Misconception(
                "workforce",
                "That is the non-response rate of the whole workforce. The question asks about the people missed.",
                lambda c: c.missed_share("everyone"),
            ),
            Misconception(
                "burned_out",
                "That is the share among everyone who burned out, caught or missed. Keep only the people the score "
                "did not flag.",
                lambda c: c.missed_share("burned_out"),
            ),
            Misconception(
                "fnr",
                "That is non-responders' false-negative rate: of the non-responders who burned out, the share "
                "missed. The question turns it round: of the people missed, the share who did not respond.",
                lambda c: float(c.by_group("responded")[False]),
            ),
        ),
        hints=(
            "Take the people the score missed: they burned out and were not flagged. What share of them never "
            "answered the survey?",
            "Select the rows where burnout_next_quarter is 1 and flagged is 0, then average 'did not respond' "
            "(not responded) over them.",
            "missed = staff[(staff['burnout_next_quarter'] == 1) & (staff['flagged'] == 0)]; then "
            "(~missed['responded']).mean()",
        ),
    )
)

BANK.add(
    Question(
        id="q10_root_cause",
        prompt="The main driver of the gaps in who is missed: "
        + "; ".join(f"{k} ({v})" for k, v in ROOT_CAUSES.items())
        + ".",
        expected=lambda c: c.root_cause,
        compare=Choice(list(ROOT_CAUSES), aliases=ROOT_CAUSE_ALIASES),
        success="Held to the same survey response, the groups are missed at about the same rate: the score cannot "
        "see people who do not answer, and it reads their silence as 'fine'.",
        misconceptions=(
            Misconception(
                "unrecorded_overtime",
                "Unrecorded overtime is real and should be fixed, but recording every hour does not close the gaps: "
                "re-scored with the hours actually worked, the largest gap does not shrink. Holding survey response "
                "fixed is what makes the gaps shrink.",
                lambda c: "unrecorded_overtime",
            ),
            Misconception(
                "manager_notes",
                "The notes are biased and must feed no decision, but the score never reads them: removing them "
                "changes no flag.",
                lambda c: "manager_notes",
            ),
            Misconception(
                "demographics",
                "The score reads no demographic column: removing them changes nothing. Groups are missed through "
                "what the score reads and what it cannot see.",
                lambda c: "demographics",
            ),
        ),
        hints=(
            "Which explanation, once removed, shrinks the gaps between groups the most? A column the score never "
            "reads cannot move its flags.",
            "Read the root-cause table: for each cause, the largest absolute gap left across the three groupings; "
            "the main driver is the cause that leaves the smallest.",
            "root_causes[list(ROOT_CAUSES)].abs().max() and the label of its smallest value.",
        ),
    )
)

BANK.add(
    Question(
        id="q11_options_meeting_bar",
        prompt="The individual-score options whose largest false-negative-rate gap between monitored groups is "
        "within the criterion's bar (a list; [] if none).",
        expected=lambda c: c.options_meeting_bar,
        compare=Labels(),
        success="Reading silence differently and recording every hour catch more people at the same capacity, but a "
        "score still cannot see the people the survey does not reach.",
        misconceptions=(
            Misconception(
                "lowest_fnr",
                "That option misses the fewest people overall, but the bar is about the gap between groups, and its "
                "largest gap is above it.",
                lambda c: [c.lowest_fnr_option()],
            ),
            Misconception(
                "no_health_data",
                "Leaving sickness absence out removes health data from the inputs, which the criterion also asks "
                "about, but its largest gap is above the bar, and the score it produces is still an inferred health "
                "risk.",
                lambda c: ["both_fixes_no_sick_days"],
            ),
        ),
        hints=(
            "The bar is about the gap between groups, not about how many people are missed overall. Which options "
            "keep every monitored gap within it?",
            "Keep the rows of the options table whose largest_gap is at most the criterion's max_fnr_gap, and list "
            "their names (an empty list if none).",
            "sorted(options_table.index[options_table['largest_gap'] <= CRITERION.max_fnr_gap])",
        ),
    )
)

BANK.add(
    Question(
        id="q12_rows_suppressed",
        prompt=f"The number of rows of the published sex × ethnicity table of flag rates that are suppressed with a "
        f"minimum cell of {MIN_CELL}, primary and complementary together.",
        expected=lambda c: c.suppressed.n_suppressed,
        compare=Number(decimals=0),
        success="Blanking the small rows is not enough when the totals are published: the rows that would give "
        "them away by subtraction are blanked too.",
        misconceptions=(
            Misconception(
                "primary_only",
                "Those are the primary suppressions only. With the totals published, a single blank row can be "
                "worked out by subtraction, so further rows are blanked too (complementary suppression): count both.",
                lambda c: len(c.suppressed.primary_rows),
            ),
            Misconception(
                "people",
                "That is the number of people behind the suppressed rows; the question asks for rows.",
                lambda c: c.suppressed.people_suppressed,
            ),
        ),
        hints=(
            "A blank cell is no secret if the totals let anyone subtract it back. How many rows end up blank, "
            "counting those blanked to protect the others?",
            f"Run suppress_small_cells on the published table with min_cell={MIN_CELL} and read how many rows it "
            f"suppressed, primary and complementary.",
            "suppress_small_cells(published, min_cell=MIN_CELL) and its n_suppressed.",
        ),
    )
)

BANK.add(
    Question(
        id="q13_extract_k",
        prompt="The k of the extract the vendor asks for (department, role_level, age_band, sex, ethnicity): the "
        "size of its smallest equivalence class.",
        expected=lambda c: c.extract_report.k,
        compare=Number(decimals=0),
        success="Somebody is unique on these five columns: anyone who knows their department, level, age band, sex "
        "and ethnicity can find their row.",
        misconceptions=(
            Misconception(
                "target",
                f"{K} is the k the extract must reach before it leaves the team. The question asks for the k it "
                f"has: the size of its smallest class.",
                lambda c: K,
            ),
            Misconception(
                "rows_below",
                f"That is the number of rows in classes smaller than {K}: the people at risk. The extract's k is the "
                f"size of its smallest class.",
                lambda c: c.extract_report.rows_below_k,
            ),
        ),
        hints=(
            "An extract is only as anonymous as its smallest group of rows that share every quasi-identifier "
            "value. How small is the smallest here?",
            "Run anonymity_report on the staff table with the extract's quasi-identifiers and read its k.",
            "anonymity_report(staff, list(EXTRACT_QI), k=K) and its k attribute.",
        ),
    )
)

BANK.add(
    Question(
        id="q14_rows_lost",
        prompt=f"After generalising the extract with the vendor's rules (GENERALISE), the number of rows "
        f"make_k_anonymous drops to reach k = {K}.",
        expected=lambda c: c.generalised.rows_removed,
        compare=Number(decimals=0),
        success="Every dropped row is a person missing from the extract, and the unknowns and minority groups lose "
        "the largest shares: an audit of the extract under-counts exactly the people the audit is about.",
        misconceptions=(
            Misconception(
                "no_generalising",
                "That is how many rows are lost without generalising first. Coarsen the columns with the rules, then "
                "drop what is still below k.",
                lambda c: c.k_anonymous({}).rows_removed,
            ),
            Misconception(
                "kept",
                "That is the number of rows kept. The question asks how many are dropped.",
                lambda c: len(c.staff) - c.generalised.rows_removed,
            ),
        ),
        hints=(
            "Generalising merges small classes; the rows still in classes below k are then dropped. How many people "
            "does the extract lose?",
            f"Call make_k_anonymous on the staff table with the extract's quasi-identifiers, k={K} and "
            f"rules=GENERALISE, and read rows_removed from the report it returns.",
            "extract, report = make_k_anonymous(staff, list(EXTRACT_QI), k=K, rules=GENERALISE, lost_by='ethnicity'); "
            "then report.rows_removed",
        ),
    )
)

BANK.add(
    Question(
        id="q15_dp_error_smallest_group",
        prompt="At epsilon = 1, the mean absolute error of the smallest ethnicity group's noisy flag rate over the "
        "simulated releases of privacy_accuracy_tradeoff (random_state=SEED).",
        expected=lambda c: c.dp_error(),
        compare=Number(decimals=3),
        success="The noise is the same for every group, so it is a rounding error for the largest group and a real "
        "distortion for the smallest: privacy costs small groups the most accuracy.",
        misconceptions=(
            Misconception(
                "largest_group",
                "That is the error of the largest group. The question asks about the smallest, whose rate the noise "
                "moves the most.",
                lambda c: c.dp_error(str(c.dp_release.table["n"].idxmax())),
            ),
            Misconception(
                "one_release",
                "That is the error of one release (dp_group_rates). The question asks for the mean over the "
                "simulated releases of privacy_accuracy_tradeoff: one draw can be lucky or unlucky.",
                lambda c: float(c.dp_release.table.loc[c.smallest_group, "rate_error"]),
            ),
            Misconception(
                "epsilon_01",
                "That is the error at epsilon = 0.1. The question asks about epsilon = 1.",
                lambda c: c.dp_error(epsilon=0.1),
            ),
        ),
        hints=(
            "The noise has the same size for every group, so the smallest group's rate suffers most. Over many "
            "releases at epsilon 1, how far off is its rate on average?",
            "Run privacy_accuracy_tradeoff on the flags by ethnicity (unknowns apart, the public list of "
            "categories, random_state=SEED) and read mean_abs_error for the smallest group at epsilon 1.",
            "tradeoff.pivot('mean_abs_error').loc[smallest, 1.0] with smallest the ethnicity group with the fewest "
            "people.",
        ),
    )
)

BANK.add(
    Question(
        id="q16_decision",
        prompt="Your decision, judged against the criterion agreed before looking.",
        expected=lambda c: c.decision,
        compare=Choice(DECISIONS, aliases=DECISION_ALIASES),
        success="Redesign: no individual burnout scores; team-level reporting under the publication rules, support "
        "open to everyone who opts in, hours recorded for everyone and a survey that reaches the night shift, "
        "part-timers and second-language staff, with a re-audit before anything individual comes back.",
        misconceptions=(
            Misconception(
                "deploy_as_is",
                "The proposal fails the bar agreed in advance: its largest gap between monitored groups is far above "
                "the criterion, it processes health data without a documented Art. 9(2) condition, and no DPIA "
                "covers it. Women's flag rate looking fair does not make up for who is missed.",
                lambda c: "deploy_as_is",
            ),
            Misconception(
                "stop",
                "Stopping throws away what the programme is for and what the data show: the gaps sit with night-"
                "shift, part-time and second-language staff. A redesign keeps team-level reporting under the "
                "publication rules, fixes hours recording and the survey's reach, and opens support to everyone who "
                "opts in, with no individual scores; it meets the criterion.",
                lambda c: "stop",
            ),
        ),
        hints=(
            "Check each design against every part of the criterion you agreed before looking. Does any design meet "
            "all of it, and how much of the programme does it keep?",
            "Read the design checks: deploy as is if the proposal meets every part, redesign if the aggregate design "
            "does, stop if neither does.",
            "checks['meets_criterion'] tells you which; answer with one of 'deploy_as_is', 'redesign', 'stop'.",
        ),
    )
)
