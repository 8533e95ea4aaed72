"""Questions for solutions/05_global_governance.ipynb (scenario 5).

The context is the case, :class:`~hrfair_helpers.cases.governance.GovernanceCase`: it classifies
:func:`~hrfair_helpers.governance.inventory.example_inventory` against the regulation registry and
runs the NYC Local Law 144 bias audit (:func:`~hrfair_helpers.audit.ll144_bias_audit`) on the
seeded :func:`~hrfair_helpers.datasets.make_applicant_pool`, with and without the 2 % exclusion.
The EU AI Act tiers a learner chooses from are the case's
:data:`~hrfair_helpers.cases.governance.TIERS`.
"""

import pandas as pd

from ...cases import GovernanceCase
from ...cases.governance import TIERS
from ...governance.registry import legal_date, registry_as_of
from ...governance.timeline import fill_dates
from ..bank import Bank, Misconception, Question
from ..compare import Choice, ChoicePerItem, Day, Labels, Number, PerGroup

AUDITORS = {
    "independent_auditor": "an independent auditor outside the company and the vendor",
    "data_science": "our own data science team, which built the screener",
    "vendor": "the vendor of the tool",
    "legal": "our employment lawyers",
}
VERDICTS = {
    "withdraw": "the tool fails the audit: LL144 forbids using it while an impact ratio is below 0.8",
    "publish_and_act": "LL144 sets no threshold: publish the summary, and treat the low ratios as evidence of "
    "adverse impact to investigate and fix under anti-discrimination law before relying on the tool",
    "passes": "the tool passes: the sex and race/ethnicity ratios are mostly above 0.8",
}
AUDITOR_ALIASES = {
    "independent_auditor": (
        "independent",
        "auditor",
        "an independent auditor",
        "external auditor",
        "third-party auditor",
    ),
    "data_science": ("data scientists", "data science team", "our data scientists"),
    "vendor": ("the vendor", "tool vendor"),
    "legal": ("lawyers", "legal team", "employment lawyers", "counsel"),
}
VERDICT_ALIASES = {
    "withdraw": ("fails", "fail", "withdraw the tool"),
    "publish_and_act": ("publish", "publish and investigate"),
    "passes": ("pass", "passes the audit"),
}
TIER_ALIASES = {"high-risk": ("high risk",), "limited/minimal": ("limited", "minimal", "limited risk", "minimal risk")}


BANK = Bank("global_governance", "05 Global governance", GovernanceCase)

BANK.add(
    Question(
        id="q01_eu_tiers",
        prompt="Your judgement, before looking at the registry: the EU AI Act tier of each tool in the inventory, for "
        "people in the EU. Where the profile leaves the answer open, govern the tool as the stricter tier.",
        expected=lambda c: c.eu_tier_judgement,
        compare=ChoicePerItem(TIERS, aliases=TIER_ALIASES),
        success=fill_dates(
            "Emotion recognition from faces and voices at work has been prohibited since "
            "{date:eu_aia_prohibitions} (Art. 5(1)(f)); Annex III point 4 makes the hiring, promotion, "
            "task-allocation, monitoring and pay tools high-risk, whatever their role, when they profile "
            "people (Art. 6(3), last subparagraph); the chatbot only talks to candidates (Art. 50). Where "
            "the registry says '(check)', confirm the facts with Legal; until then govern it as high-risk."
        ),
        misconceptions=(
            Misconception(
                "text_sentiment",
                "The chatbot reads the sentiment of typed messages. Art. 5(1)(f) bans emotion "
                "recognition systems, which infer emotions from biometric data (Art. 3(39)): text alone is not "
                "biometric. Keep it under review, but it is not prohibited on these facts.",
                lambda c: c.judged(**{"hiring-chatbot": "prohibited"}),
                detect=lambda got, c: got.get("hiring-chatbot") == "prohibited",
            ),
            Misconception(
                "emotion_high_risk",
                "The video-interview analyzer infers emotions from faces and voices: that "
                "is an emotion recognition system used at work, which Art. 5(1)(f) prohibits outright. A "
                "high-risk system may be used under conditions; a prohibited one may not be used at all, and "
                "no documentation changes that.",
                lambda c: c.judged(**{"video-interview-analyzer": "high-risk"}),
                detect=lambda got, c: got.get("video-interview-analyzer") == "high-risk",
            ),
            Misconception(
                "chatbot_high_risk",
                "The chatbot answers questions and books interviews: candidate "
                "communication is not an Annex III point 4 use. Its provider must make clear that people are "
                "talking to an AI (Art. 50(1)); it becomes high-risk only if it starts filtering or evaluating "
                "applicants.",
                lambda c: c.judged(**{"hiring-chatbot": "high-risk"}),
                detect=lambda got, c: got.get("hiring-chatbot") == "high-risk",
            ),
            Misconception(
                "assistive_exempt",
                "An assistive role does not take a tool out of the high-risk tier when it "
                "profiles people: an Annex III system that profiles natural persons is always high-risk "
                "(Art. 6(3), last subparagraph). Look again at the assistive tools that profile people.",
                lambda c: c.judged(**{t: "limited/minimal" for t in c.assistive_profilers}),
                detect=lambda got, c: any(got.get(t) == "limited/minimal" for t in c.assistive_profilers),
            ),
            Misconception(
                "open_question_exempt",
                "The profile leaves this tool's tier open: it depends on how the output "
                "is used (attrition scores used for decisions on terms or termination are Annex III 4(b)), or "
                "on an Art. 6(3) assessment that only a tool that does not profile people can have, documented "
                "by its provider (Art. 6(4)). Until Legal confirms it, govern it as high-risk.",
                lambda c: c.judged(**{t: "limited/minimal" for t in c.open_high_risk}),
                detect=lambda got, c: any(got.get(t) == "limited/minimal" for t in c.open_high_risk),
            ),
        ),
        hints=(
            "Take the tools one at a time: does it infer emotions from faces or voices, is its use listed in Annex "
            "III point 4, and does it profile people?",
            "Prohibited: emotion recognition from biometric data at work (Art. 5(1)(f)). High-risk: recruitment, "
            "selection, promotion, termination, task allocation, monitoring or pay (Annex III 4), even when assistive "
            "if it profiles people. Otherwise limited/minimal.",
            "Build a dict such as {'resume-screener': 'high-risk', 'video-interview-analyzer': 'prohibited', ...} "
            "with one entry per tool of describe_inventory(inventory).",
        ),
    )
)

BANK.add(
    Question(
        id="q03_nyc_aedts",
        prompt="Your judgement, before looking at the registry: the tools that are automated employment decision tools "
        "(AEDTs) under NYC Local Law 144.",
        expected=lambda c: c.where("nyc_ll144", "AEDT"),
        compare=Labels(),
        success="Each needs an independent bias audit no more than a year before use, a published summary of results, "
        "and notice to candidates and employees who reside in New York City 10 business days before use "
        "(Admin. Code 20-871; 6 RCNY 5-303, 5-304).",
        misconceptions=(
            Misconception(
                "hiring_only",
                "LL144 covers screening employees for promotion as well as candidates for "
                "hiring (Admin. Code 20-870, 'employment decision').",
                lambda c: sorted(set(c.where("nyc_ll144", "AEDT")) - {"promotion-recommender"}),
            ),
            Misconception(
                "all_nyc",
                "The chatbot is used in New York City but screens no one: it does not substantially "
                "assist or replace a hiring or promotion decision, so it is not an AEDT.",
                lambda c: sorted(c.where("nyc_ll144", "AEDT") + ["hiring-chatbot"]),
            ),
            Misconception(
                "no_emotion_tool",
                "The video-interview analyzer is banned in the EU, not in New York: there it "
                "is an AEDT like any other, and needs its own audit (and a second look at whether reading "
                "emotions is job-related at all).",
                lambda c: sorted(set(c.where("nyc_ll144", "AEDT")) - {"video-interview-analyzer"}),
            ),
        ),
        hints=(
            "Which tools are used for people in New York City, for hiring or promotion, and how much does their "
            "output decide?",
            "Keep a tool when its locations include 'US-NYC', its purpose is hiring or promotion, and its decision "
            "role is 'sole' or 'substantial' (6 RCNY 5-300).",
            "[t.name for t in inventory if 'US-NYC' in t.locations and t.decision_role != 'assistive' and ...]",
        ),
    )
)

BANK.add(
    Question(
        id="q04_fria_required",
        prompt="The tools for which Norvane, a private employer, must carry out a fundamental rights impact assessment "
        "under Art. 27 of the EU AI Act (give [] for none).",
        expected=lambda c: [],
        compare=Labels(),
        success="Art. 27 binds deployers that are public bodies or private entities providing public services (and "
        "Annex III 5(b), (c) uses). A private employer's HR tools need a DPIA under GDPR Art. 35 instead, and "
        "Norvane's policy can still ask for an impact assessment.",
        misconceptions=(
            Misconception(
                "all_high_risk",
                "Art. 27 does not apply to every high-risk system: only to deployers that are "
                "public bodies or private entities providing public services (and to Annex III 5(b), (c)). "
                "A private employer's hiring and promotion tools are outside it.",
                lambda c: c.eu("high-risk"),
            ),
            Misconception(
                "hiring_and_promotion_tools",
                "Art. 27 depends on who deploys, not on the use: a private "
                "employer's hiring and promotion tools are outside it.",
                lambda c: ["promotion-recommender", "resume-screener"],
            ),
        ),
        hints=(
            "Who does Art. 27 bind: every deployer of a high-risk system, or only some kinds of deployer?",
            "Art. 27 binds bodies governed by public law and private entities providing public services (and two "
            "Annex III point 5 uses); check what kind of deployer Norvane is.",
            "The reason column of classify(tool) for the eu_ai_act row says whether an Art. 27 assessment is needed.",
        ),
    )
)

BANK.add(
    Question(
        id="q05_ll144_auditor",
        prompt="Who may carry out the LL144 bias audit of the resume screener?",
        expected=lambda c: "independent_auditor",
        compare=Choice(list(AUDITORS), aliases=AUDITOR_ALIASES),
        success="6 RCNY 5-300: the auditor must not have been involved in using, developing or distributing the tool, "
        "nor be employed by, or have a financial interest in, the employer or the vendor.",
        misconceptions=(
            Misconception(
                "data_science",
                "Our data scientists built the screener and are employees: neither is allowed "
                "for an independent auditor (6 RCNY 5-300). They supply the data and are consulted.",
                lambda c: "data_science",
            ),
            Misconception(
                "vendor",
                "The vendor developed and distributes the tool, which disqualifies it as the "
                "independent auditor (6 RCNY 5-300); it may commission an audit by one.",
                lambda c: "vendor",
            ),
            Misconception(
                "legal", "Our lawyers are employees of the employer: not independent (6 RCNY 5-300).", lambda c: "legal"
            ),
        ),
        hints=(
            "Who would have an interest in the audit coming out well?",
            "6 RCNY 5-300 excludes anyone involved in using, developing or distributing the tool, and anyone employed "
            "by or with a financial interest in the employer or the vendor.",
            "default_hr_ai_raci().for_role('Independent auditor') shows the role the RACI gives the audit.",
        ),
    )
)

BANK.add(
    Question(
        id="q06_unknown_race_count",
        prompt="The number of applicants whose race/ethnicity category is unknown.",
        expected=lambda c: c.report.unknown_count["race_ethnicity"],
        compare=Number(decimals=0),
        success="They are reported in the summary, and left out of every rate and impact ratio.",
        misconceptions=(
            Misconception(
                "intersectional",
                "That is the intersectional count: people unknown on sex *or* race/ethnicity. "
                "Count only the unknown race/ethnicity.",
                lambda c: c.report.unknown_count["intersectional"],
            ),
            Misconception(
                "zero", "Unknowns are not dropped silently: the summary must report how many there were.", lambda c: 0
            ),
        ),
        hints=(
            "Unknowns are left out of the rates but not out of the summary: where does the report keep them?",
            "The audit report counts unknowns separately for the sex, race/ethnicity and intersectional tables.",
            "report.unknown_count is a dict keyed by table: take the race/ethnicity entry.",
        ),
    )
)

BANK.add(
    Question(
        id="q07_scoring_rates_by_sex",
        prompt="The scoring rate of each sex category: the share of its applicants scoring above the median score of "
        "the full sample.",
        expected=lambda c: c.sex_rates(),
        compare=PerGroup(decimals=3),
        success="The scoring rate is a share above one common median, so it can differ between groups.",
        misconceptions=(
            Misconception(
                "own_median",
                "You compared each category with its own median, which puts about half of every "
                "category above it by construction. Use one median: the full sample's (6 RCNY 5-300).",
                lambda c: c.sex_rates(median_of="own"),
            ),
            Misconception(
                "with_unknown",
                "Leave the unknown category out of the rates: the rules count it and report it, "
                "but exclude it from the calculations.",
                lambda c: c.sex_rates(frame=c.pool),
            ),
            Misconception(
                "at_or_above",
                "A score equal to the median is not above it: use >, not >=.",
                lambda c: c.sex_rates(above=pd.Series.ge),
            ),
            Misconception(
                "percentages", "Give proportions between 0 and 1, not percentages.", lambda c: c.sex_rates() * 100
            ),
        ),
        hints=(
            "A scoring rate compares each category with one common line: which median, and which people are left out?",
            "Take the median score of the whole pool, drop the unknown sex category, and compute the share above the "
            "median (strictly above) for each sex.",
            "median = pool['score'].median(); known = pool[pool['sex'] != 'Unknown']; then group "
            "(known['score'] > median) by known['sex'] and take the mean.",
        ),
    )
)

BANK.add(
    Question(
        id="q08_small_race_categories",
        prompt="The race/ethnicity categories with fewer than 2% of the applicants audited.",
        expected=lambda c: sorted(c.report.race_ethnicity.index[c.report.race_ethnicity["below_2_percent"]]),
        compare=Labels(),
        success="The rules let the auditor leave these out of the impact ratios, with a justification, while still "
        "reporting their counts and rates (6 RCNY 5-301(d)).",
        misconceptions=(
            Misconception(
                "five_percent",
                "The threshold is 2% of the data, not 5%.",
                lambda c: sorted(
                    c.report.race_ethnicity.index[c.report.race_ethnicity["n"] < 0.05 * c.report.n_assessed]
                ),
            ),
            Misconception(
                "none", "Count the applicants of each category and divide by all 5,000 audited.", lambda c: []
            ),
        ),
        hints=(
            "Which categories are too small to set a reliable reference rate, and by what rule?",
            "6 RCNY 5-301(d) lets the auditor exclude a category with under 2% of the audited applicants; the report "
            "flags each one.",
            "report.race_ethnicity[['n', 'below_2_percent']] shows the counts and the flag.",
        ),
    )
)

BANK.add(
    Question(
        id="q09_lowest_intersectional_ratio",
        prompt="The lowest intersectional impact ratio once the categories under 2% are excluded from the impact ratios.",
        expected=lambda c: c.lowest_intersectional(c.report_excluded),
        compare=Number(decimals=2),
        success="Black women score above the median far less often than the highest category: the intersectional "
        "table shows a gap that neither the sex nor the race/ethnicity table shows in full.",
        misconceptions=(
            Misconception(
                "not_excluded",
                "That is the ratio with the small categories included: a category of 15 people "
                "sets the reference rate. Use exclude_small=True with a justification.",
                lambda c: c.lowest_intersectional(c.report),
            ),
            Misconception(
                "selection",
                "That is the selection-rate variant (who advanced). The screener scores, and this "
                "question asks for scoring rates.",
                lambda c: c.lowest_intersectional(c.audit(exclude_small=True, outcome="advanced")),
            ),
            Misconception(
                "own_median",
                "You compared each category with its own median. Use the full sample's median.",
                lambda c: c.own_median_lowest_intersectional(),
            ),
        ),
        hints=(
            "Once the small categories are out of the impact ratios, which category has the lowest ratio?",
            "Run the audit again with the small categories excluded (a justification is required), on scoring rates, "
            "and look at the intersectional table.",
            "ll144_bias_audit(pool, ..., score='score', exclude_small=True, justification=...).intersectional"
            "['impact_ratio'].min()",
        ),
    )
)

BANK.add(
    Question(
        id="q10_ll144_verdict",
        prompt="What follows from the audit for the resume screener?",
        expected=lambda c: "publish_and_act",
        compare=Choice(list(VERDICTS), aliases=VERDICT_ALIASES),
        success="LL144 is a transparency law: it requires the audit, its publication and notices, not a ratio. Low "
        "ratios matter under Title VII (42 U.S.C. 2000e-2(k)), where the four-fifths rule (29 CFR 1607.4(D)) is "
        "the rule of thumb for adverse impact; the EEOC has listed its copy of the Guidelines for rescission, "
        "but the statute, private suits and state laws do not depend on it.",
        misconceptions=(
            Misconception(
                "withdraw",
                "LL144 sets no pass/fail threshold: the 0.8 benchmark comes from the Uniform "
                "Guidelines (29 CFR 1607.4(D)). Withdrawing may still be the right call, but not because "
                "LL144 says so.",
                lambda c: "withdraw",
            ),
            Misconception(
                "passes",
                "There is nothing to pass under LL144, and intersectional ratios this far below 0.8 "
                "are strong evidence of adverse impact under the four-fifths rule of thumb: investigate before "
                "relying on the tool.",
                lambda c: "passes",
            ),
        ),
        hints=(
            "What does LL144 require of an employer: a result, or a process?",
            "LL144 and its rules require the audit, its publication and notices; the 0.8 benchmark comes from another "
            "text. Which one, and what does it make of a low ratio?",
            "Which text sets a threshold: LL144 and its rules, or the Uniform Guidelines (29 CFR 1607.4(D))?",
        ),
    )
)

BANK.add(
    Question(
        id="q11_nist_gaps",
        prompt="The NIST AI RMF categories that none of the programme's default controls addresses.",
        expected=lambda c: c.nist_gaps,
        compare=Labels(),
        success="GOVERN 5 (engagement with the people affected) and MEASURE 4 (feedback on whether the measurements "
        "work) are the programme's blind spots: nobody asks candidates and workers.",
        misconceptions=(
            Misconception(
                "functions",
                "Give categories such as 'GOVERN 5', not whole functions.",
                lambda c: sorted({g.split()[0] for g in c.nist_gaps}),
            ),
            Misconception(
                "none",
                "map_controls(DEFAULT_CONTROLS).gaps() is not empty: two categories have no control.",
                lambda c: [],
            ),
        ),
        hints=(
            "A control map shows which categories each control addresses: which are left empty?",
            "Map the programme's default controls to the NIST AI RMF categories and list the categories with no "
            "control.",
            "map_controls(DEFAULT_CONTROLS).gaps()",
        ),
    )
)

BANK.add(
    Question(
        id="q12_eu_duties_from",
        prompt="From which day do Norvane's duties as deployer of the high-risk resume screener (Art. 26: oversight, "
        "logs, informing workers and candidates) apply in the EU, as the law stands on the registry's date? "
        "Answer with a date such as '2030-01-31'.",
        expected=lambda c: c.screener_eu["next_date"],
        compare=Day(),
        success=fill_dates(
            "The Annex III duties apply from {date:eu_aia_annex_iii}, the date the Digital Omnibus set in "
            "place of {date:eu_aia_annex_iii_as_adopted}. Use the time to build the oversight, logging and "
            "notices, and keep the duties that already apply (AI literacy, the prohibitions) in force now."
        ),
        misconceptions=(
            Misconception(
                "as_adopted",
                fill_dates(
                    "That was the date in the AI Act as adopted. The Digital Omnibus moved the "
                    "Annex III duties to a later day: read the upcoming column of "
                    "classify(screener), which follows the registry's date."
                ),
                lambda c: legal_date("eu_aia_annex_iii_as_adopted"),
            ),
            Misconception(
                "prohibitions",
                "That is when the prohibitions and the AI literacy duty started to apply. The "
                "high-risk duties of Art. 26 come later.",
                lambda c: legal_date("eu_aia_prohibitions"),
            ),
            Misconception(
                "already",
                "On the registry's date the Art. 26 duties are not yet in force: they are in the "
                "upcoming column, with their date.",
                lambda c: registry_as_of(),
            ),
        ),
        hints=(
            "The registry dates every obligation: which of the screener's EU duties are not yet in force?",
            "classify(screener) has an 'upcoming' column and a 'next_date' for each instrument; read the EU AI Act "
            "row.",
            "classify(inventory[0]).set_index('id').loc['eu_ai_act', 'next_date']",
        ),
    )
)
