"""What :func:`~hrfair_helpers.interview.coverage` looks for: the rubric elements of interview answers,
and the red flags of each question that a pattern can spot.

Each element is a :class:`~hrfair_helpers.grading.rubric.RubricElement`: a short description and the
regular expressions that suggest an answer contains it. Questions in the bank name the elements a
strong answer to them covers. Keyword evidence is weak evidence: an answer can match every
pattern and still be poor, and a strong answer can use other words. That is why coverage is a
study aid and never a score.
"""

from ..grading.rubric import METRICS, NUMBER, TRADE_OFF, RubricElement

ELEMENTS = {
    element.id: element
    for element in (
        RubricElement(
            "situation",
            "the situation: the system, the decision, who was affected",
            (r"\b(situation|screener|model|tool|algorithm|chatbot|system)\b",),
        ),
        RubricElement(
            "first_person_action",
            "what you did, in the first person",
            (
                r"\bI (audited|compared|ran|built|measured|found|set|trained|proposed|used|led|asked|wrote|"
                r"checked|mapped|paused|recommended|would|started|brought|designed|chose|computed)\b",
            ),
        ),
        RubricElement("named_metric", "named fairness metrics", (METRICS, r"word error rate|\bWER\b|scoring rate")),
        RubricElement("quantified_result", "numbers, not adjectives", (NUMBER,)),
        RubricElement(
            "root_cause",
            "how the cause was isolated",
            (r"counterfactual|attribution|proxy|proxies|root cause|ablation|because|caused by|confound",),
        ),
        RubricElement(
            "intersectional",
            "intersections, not only one attribute at a time",
            (r"intersection\w*|\bsubgroups?\b|Black women|caregiv\w*",),
        ),
        RubricElement(
            "trade_off", "the trade-off, acknowledged and sized, with fairness beside any accuracy figure", TRADE_OFF
        ),
        RubricElement(
            "alternative",
            "alternatives compared, or one proposed",
            (r"\b(alternatives?|options?|instead|compared|versus|pilot)\b",),
        ),
        RubricElement(
            "stakeholders",
            "the people involved: who decides, who is affected",
            (
                r"\b(Legal|CHRO|HR business partners?|HRBP|Head of Talent|recruiters?|works councils?|DPO|"
                r"candidates|employees|managers?|vendor|committee)\b",
            ),
        ),
        RubricElement(
            "legal_context",
            "the legal context, named",
            (
                r"\b(Title VII|LL ?144|Local Law 144|AI Act|GDPR|four-fifths|2000e|1607|Art\.? ?\d+|"
                r"disparate impact|Human Rights)\b",
            ),
        ),
        RubricElement(
            "human_oversight",
            "human oversight with real authority",
            (r"\b(human review|reviewer|override|oversight|appeal|a person (reviews|decides))\b",),
        ),
        RubricElement(
            "monitoring",
            "monitoring with a cadence or a trigger",
            (r"\b(monitor\w*|dashboard|alert|trigger|re-?audit|quarterly|monthly|weekly|yearly)\b",),
        ),
        RubricElement(
            "tools",
            "the tools used",
            (r"fairlearn|aif360|aequitas|scikit-learn|sklearn|jiwer|statsmodels|MetricFrame|hrfair",),
        ),
        # Not "recommendation rates" (the promotion model's output) nor "the decision" being audited.
        RubricElement(
            "recommendation",
            "a clear recommendation or decision",
            (
                r"\b(I|we) (would )?(recommend|recommended|decided|proposed|chose)\b|\bmy recommendation\b|"
                r"\bwe should\b|\bI would not\b|\bdo not deploy\b|\bthe decision (was|is) to\b",
            ),
        ),
    )
}

#: The red flags of a question that a detector of :data:`~hrfair_helpers.grading.rubric.RED_FLAGS` looks
#: for: question id -> {detector id: the red flag as the bank words it}. The red flags left out need an
#: interviewer's judgment of the whole answer (an untested story, a review too thin to be oversight,
#: a story that ends with "I refused"); no pattern can see them.
RED_FLAG_CHECKS = {
    "fairness-performance-trade-off": {
        "unawareness": "Claims that dropping the sex column removes the disparity.",
        "group_cutoffs": "Proposes different cut-offs for men and women in US hiring without noting that Title VII "
        "forbids it.",
        "accuracy_alone": "Reports an accuracy change with no fairness number, or a fairness number with no "
        "performance number.",
    },
    "fairness-definitions-impossibility": {"all_at_once": "Promises to satisfy all the definitions at once."},
    "vendor-model-executive-briefing": {
        "accuracy_alone": "Accepts '85% accurate' as evidence that the tool is fit for hiring.",
    },
    "resume-proxies": {
        "unawareness": "Concludes there is no bias because gender is not an input.",
        "past_decisions_as_truth": "Treats past hiring decisions as the ground truth for who was qualified.",
        "masking_as_fix": "Plans to delete every gendered word and call the model fixed without re-measuring.",
    },
    "screener-plan-for-head-of-ta": {
        "group_cutoffs": "Proposes a lower cut-off for women to fix the numbers.",
        "blame": "Blames recruiters personally for the historical decisions.",
    },
    "promotion-gap-walkthrough": {
        "unawareness": "Concludes the model is fair because gender is not an input.",
        "past_decisions_as_truth": "Treats past promotion decisions as the ground truth for readiness.",
    },
    "promotion-intersectional-check": {
        "overall_hides_subgroups": "Treats a 0.95 overall ratio as proof that every subgroup is treated fairly.",
    },
    "promotion-mitigation-plan": {
        "group_cutoffs": "Uses a different score cut-off for women and men.",
        "past_decisions_as_truth": "Treats the AUC against past decisions as the unquestioned measure of quality.",
    },
    "promotion-procedural-fairness": {"no_notice": "Says employees do not need to know a model is used."},
    "chatbot-incident-response": {
        "blame": "Blames candidates' English or the journalist.",
        "delete_logs": "Deletes or overwrites logs while 'cleaning up'.",
        "fixed_too_soon": "Declares the issue fixed once the offensive replies are removed, leaving the scoring gap.",
    },
    "chatbot-wer-by-group": {
        "confidence_as_fluency": "Uses the recognizer's confidence score as a measure of the candidate's fluency.",
    },
    "chatbot-holding-statement": {
        "no_evidence_of_bias": "Says 'there is no evidence of bias' two days into an investigation whose early numbers "
        "suggest otherwise.",
        "blame": "Blames the vendor or candidates' speech in a public statement.",
    },
    "ll144-bias-audit": {
        "ll144_pass_mark": "States that LL144 requires every impact ratio to be at least 0.8.",
        "unknowns_dropped": "Drops candidates with unknown race or sex without reporting how many there were.",
    },
    "emotion-recognition-ban": {
        "consent_makes_lawful": "Thinks consent from employees makes workplace emotion inference lawful in the EU.",
        "ban_postponed": "Gives wrong dates, for example saying the ban has not started yet.",
    },
    "governance-first-90-days": {
        "vendor_owns_compliance": "Assumes the vendors are responsible for compliance and the employer has no duties.",
        "permission_to_wait": "Treats the postponement of the EU high-risk duties as permission to wait, or quotes a "
        "date without checking the current text.",
    },
    "lower-cutoff-request": {
        "group_cutoffs": "Agrees because the request would 'fix' the impact ratio.",
        "hide_from_legal": "Suggests hiding the adjustment from Legal or from the audit.",
    },
}
