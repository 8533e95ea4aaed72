"""What :func:`~hrfair_helpers.interview.coverage` looks for: the rubric elements of interview answers.

Each element is a :class:`~hrfair_helpers.grading.rubric.RubricElement`: a short description and the
regular expressions that suggest an answer contains it. Questions in the bank name the elements a
strong answer to them covers. Keyword evidence is weak evidence: an answer can match every
pattern and still be poor, and a strong answer can use other words. That is why coverage is a
study aid and never a score.
"""

from ..grading.rubric import METRICS, NUMBER, RubricElement

ELEMENTS = {
    element.id: element
    for element in (
        RubricElement("situation", "the situation: the system, the decision, who was affected",
                      (r"\b(situation|screener|model|tool|algorithm|chatbot|system)\b",)),
        RubricElement("first_person_action", "what you did, in the first person",
                      (r"\bI (audited|compared|ran|built|measured|found|set|trained|proposed|used|led|asked|wrote|"
                       r"checked|mapped|paused|recommended|would|started|brought|designed|chose|computed)\b",)),
        RubricElement("named_metric", "named fairness metrics", (METRICS, r"word error rate|\bWER\b|scoring rate")),
        RubricElement("quantified_result", "numbers, not adjectives", (NUMBER,)),
        RubricElement("root_cause", "how the cause was isolated",
                      (r"counterfactual|attribution|proxy|proxies|root cause|ablation|because|caused by|confound",)),
        RubricElement("intersectional", "intersections, not only one attribute at a time",
                      (r"intersection\w*|\bsubgroups?\b|Black women|caregiv\w*",)),
        RubricElement("trade_off", "the trade-off, acknowledged and sized",
                      (r"\b(trade-?offs?|cost|precision|accuracy|AUC|workload|price)\b",)),
        RubricElement("alternative", "alternatives compared, or one proposed",
                      (r"\b(alternatives?|options?|instead|compared|versus|pilot)\b",)),
        RubricElement("stakeholders", "the people involved: who decides, who is affected",
                      (r"\b(Legal|CHRO|HR business partners?|HRBP|Head of Talent|recruiters?|works councils?|DPO|"
                       r"candidates|employees|managers?|vendor|committee)\b",)),
        RubricElement("legal_context", "the legal context, named",
                      (r"\b(Title VII|LL ?144|Local Law 144|AI Act|GDPR|four-fifths|2000e|1607|Art\.? ?\d+|"
                       r"disparate impact|Human Rights)\b",)),
        RubricElement("human_oversight", "human oversight with real authority",
                      (r"\b(human review|reviewer|override|oversight|appeal|a person (reviews|decides))\b",)),
        RubricElement("monitoring", "monitoring with a cadence or a trigger",
                      (r"\b(monitor\w*|dashboard|alert|trigger|re-?audit|quarterly|monthly|weekly|yearly)\b",)),
        RubricElement("tools", "the tools used",
                      (r"fairlearn|aif360|aequitas|scikit-learn|sklearn|jiwer|statsmodels|MetricFrame|hrfair",)),
        # Not "recommendation rates" (the promotion model's output) nor "the decision" being audited.
        RubricElement("recommendation", "a clear recommendation or decision",
                      (r"\b(I|we) (would )?(recommend|recommended|decided|proposed|chose)\b|\bmy recommendation\b|"
                       r"\bwe should\b|\bI would not\b|\bdo not deploy\b|\bthe decision (was|is) to\b",)),
    )
}
