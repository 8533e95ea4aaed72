"""Rubric coverage self-checks for free text (memos, STAR answers): a study aid, never a grade.

A rubric element names what a strong answer contains and the textual evidence that suggests it
is there (regular expressions). :func:`check_coverage` reports, per element, whether the text
appears to cover it and the sentence that matched, so the learner can judge for themselves.
Keyword evidence is weak evidence: a memo can match every pattern and still be poor, and a good
memo can use other words. That is why this never produces a score, and why it must not be used
to assess people (it would be an unvalidated selection procedure, and could be an automated
employment decision tool under NYC Local Law 144).

Checked libraries: nbgrader and otter-grader leave free-text answers to manual grading;
no maintained library offers rubric coverage hints, so this small module is written here.
"""

import html
import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class RubricElement:
    """One thing a strong answer contains, and the patterns that suggest it is there."""

    id: str
    description: str
    patterns: tuple

    def find(self, text):
        """The first sentence of ``text`` that matches one of the patterns, or ``""``."""
        for sentence in _sentences(text):
            if any(re.search(p, sentence, flags=re.IGNORECASE) for p in self.patterns):
                return sentence
        return ""


@dataclass(frozen=True)
class Rubric:
    """A named list of elements."""

    name: str
    elements: tuple


@dataclass(frozen=True)
class CoverageReport:
    """Which elements a text appears to cover, with evidence; ``to_frame()`` gives the table."""

    rubric: str
    table: pd.DataFrame
    note: str = ""

    @property
    def missing(self):
        return list(self.table.index[~self.table["covered"]])

    def to_frame(self):
        return self.table.copy()

    def text(self):
        lines = [f"Rubric self-check: {self.rubric} (a study aid, not a grade)"]
        if self.note:
            lines.append(self.note)
        for element, row in self.table.iterrows():
            mark = "✔" if row["covered"] else "·"
            evidence = f' — "{row["evidence"]}"' if row["covered"] else ""
            lines.append(f"{mark} {element}: {row['looks_for']}{evidence}")
        if self.missing:
            lines.append("Consider adding: " + ", ".join(self.missing))
        return "\n".join(lines)

    __repr__ = text

    def _repr_html_(self):
        rows = "".join(
            f"<tr><td>{'✔' if r['covered'] else '·'}</td><td>{html.escape(e)}</td>"
            f"<td>{html.escape(r['looks_for'])}</td><td><em>{html.escape(r['evidence'])}</em></td></tr>"
            for e, r in self.table.iterrows()
        )
        return (
            f"<div class='hrfair-rubric'><strong>Rubric self-check: {html.escape(self.rubric)}</strong> "
            f"(a study aid, not a grade){'<p>' + html.escape(self.note) + '</p>' if self.note else ''}<table><tr><th></th><th>element</th><th>looks for</th>"
            f"<th>evidence found</th></tr>{rows}</table></div>"
        )


# End punctuation then space splits sentences, except after abbreviations common in HR and legal
# writing ("Art. 5", "e.g. the", "No. 6"), so evidence quotes are whole sentences.
_SENTENCE_END = re.compile(r"(?<=[.!?])(?<!\bArt\.)(?<!\bArts\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bNo\.)(?<!\bvs\.)"
                           r"(?<!\bcf\.)(?<!\bs\.)\s+")


def _sentences(text):
    # Lines inside a paragraph belong to one sentence; blank lines and end punctuation split.
    paragraphs = re.split(r"\n\s*\n", text)
    pieces = [_SENTENCE_END.split(" ".join(p.split())) for p in paragraphs]
    return [s for piece in pieces for s in piece if s]


def check_coverage(text, rubric):
    """Show which rubric elements a free-text answer appears to cover.

    Parameters
    ----------
    text : str
        The learner's answer. Anything else (including the ``...`` placeholder) is reported as
        covering nothing, never an error.
    rubric : Rubric

    Returns
    -------
    CoverageReport

    Examples
    --------
    >>> r = Rubric("demo", (RubricElement("numbers", "a quantified result", (r"\\d+(\\.\\d+)?\\s*%",)),))
    >>> check_coverage("We cut the gap by 40%.", r).missing
    []
    >>> check_coverage(..., r).missing
    ['numbers']
    """
    body = text if isinstance(text, str) else ""
    note = "" if body.strip() else (
        "No answer yet: write your answer as a string, e.g. answer = \"\"\"...\"\"\"." if text is ... or text is None
        or isinstance(text, str) else f"Write your answer as a string; got {type(text).__name__}."
    )
    rows = {}
    for element in rubric.elements:
        evidence = element.find(body)
        rows[element.id] = {"covered": bool(evidence), "looks_for": element.description, "evidence": evidence[:160]}
    table = pd.DataFrame.from_dict(rows, orient="index")
    table.index.name = "element"
    return CoverageReport(rubric.name, table, note)


# Shared patterns: a number that reads as a result, named fairness metrics, stakeholders.
NUMBER = r"\b\d+(\.\d+)?\s*(%|(percent|points?|pp)\b)|\b0\.\d+\b|\b\d+(\.\d+)?x\b"
METRICS = r"impact ratio|selection rate|equal opportunity|true positive rate|\bTPR\b|false negative|\bFNR\b|equalized odds|demographic parity|precision|calibrat"

MITIGATION_MEMO = Rubric(
    "mitigation memo",
    (
        RubricElement("problem", "states the problem and who is harmed", (r"\b(problem|issue|harm|women|female|candidates?)\b",)),
        RubricElement("evidence", "quantified evidence with a named metric", (METRICS,)),
        RubricElement("numbers", "numbers, not adjectives", (NUMBER,)),
        RubricElement("options", "compares options", (r"\b(option|alternative|compared|versus|vs\.?)\b",)),
        RubricElement("recommendation", "a clear recommendation", (r"\b(recommend|propose|we should|decision)\b",)),
        RubricElement("risks", "risks and trade-offs", (r"\b(risk|trade-?off|cost|downside|limitation)\b",)),
        RubricElement(
            "monitoring",
            "a monitoring plan with a trigger",
            (r"\b(monitor|dashboard|alert|trigger)\w*", r"\baudit\w*\b.*\b(monthly|quarterly|weekly|annual|every)\b"),
        ),
        RubricElement("timeline", "a timeline", (r"\b(week|month|quarter|day|Q[1-4]|by \w+ \d{4}|timeline)s?\b",)),
        RubricElement("legal", "the legal context", (r"\b(law|legal|Title VII|LL ?144|Local Law|EU AI Act|four-fifths|2000e|compliance)\b",)),
    ),
)

STAR_ANSWER = Rubric(
    "STAR answer",
    (
        RubricElement("situation", "the situation: model, decision, who was affected", (r"\b(situation|screener|model|tool|algorithm)\b",)),
        RubricElement("task", "your task or responsibility", (r"\b(task|asked to|responsib|my role|I had to|goal)\b",)),
        RubricElement("action", "what you did, in the first person", (r"\bI (audited|compared|ran|built|measured|found|set|trained|proposed|used|led)\b",)),
        RubricElement("metrics", "named fairness metrics", (METRICS,)),
        RubricElement("isolation", "how the problem was isolated", (r"counterfactual|attribution|slice|proxy|root cause|ablation|intersection",)),
        RubricElement("tools", "the tools used", (r"fairlearn|aif360|aequitas|scikit-learn|sklearn|what-if|hrfair|jiwer|statsmodels",)),
        RubricElement("result", "the result in numbers", (r"\b(result|cut|reduced|raised|improved|fell|rose)\b.*\d",)),
        RubricElement("trade_off", "the trade-off or cost", (r"\b(trade-?off|cost|precision|accuracy|workload)\b",)),
    ),
)

RECOMMENDATION = Rubric(
    "recommendation to a decision owner",
    (
        RubricElement("recommendation", "a clear recommendation", (r"\b(recommend|should not|should|propose|do not)\b",)),
        RubricElement("evidence", "the evidence, with a named metric", (METRICS,)),
        RubricElement("numbers", "numbers, not adjectives", (NUMBER,)),
        RubricElement("cause", "why it happens", (r"\b(because|label|proxy|proxies|trained|historical)\b",)),
        RubricElement("next_step", "what happens next, or the condition to revisit", (r"\b(if|re-?audit|pilot|retrain|review|next)\b",)),
    ),
)

MITIGATION_PLAN = Rubric(
    "mitigation plan for a decision process",
    (
        RubricElement("process_fix", "fixes the process the bias came from (who gets projects, nominations, rating "
                      "calibration)", (r"\b(allocat\w*|nominat\w*|calibrat\w*)\b",)),
        RubricElement("model_change", "the model change, and why", (r"\b(retrain\w*|remov\w*|drop\w*|replac\w*|inputs?|features?)\b",)),
        RubricElement("oversight", "human oversight of each recommendation", (r"\b(human|reviews?|committee|override|appeal)\b",)),
        RubricElement("metric", "a named metric to monitor", (METRICS,)),
        RubricElement("trigger", "the threshold that triggers a review", (r"\b(below|above|under|exceeds?|falls?|drops?)\b[^.]*\d",)),
        RubricElement("cadence", "how often it is checked", (r"\b(weekly|monthly|quarterly|annual(ly)?|every (promotion )?cycle|each cycle|per cycle)\b",)),
        RubricElement("intersectional", "an intersectional check", (r"intersection\w*|caregiv\w*|\bage\b|subgroups?",)),
        RubricElement("owners", "who owns each action", (r"\b(owners?|owns|accountable|HR business partners?|people analytics|HRBP)\b",)),
    ),
)

HOLDING_STATEMENT = Rubric(
    "holding statement for the press",
    (
        RubricElement("acknowledge", "acknowledges what was reported", (r"\b(aware|reported|report|article|concerns?)\b",)),
        RubricElement("facts", "states what is known so far, as facts", (r"\b(we (have )?(found|confirmed|know)|(review|logs?)\b[^.]*\b(shows?|found|confirmed))\b",)),
        RubricElement("action", "what has been done already", (r"\b(paused|suspended|switched off|stopped|removed|disabled|routed)\b",)),
        RubricElement("people", "the candidates affected and what they can do", (r"\b(candidates?|applicants?)\b",)),
        RubricElement("next", "what comes next, and when", (r"\b(will|next|review|independent|update)\b",)),
        RubricElement("contact", "how to reach the company", (r"\b(contact|email|write to|reach)\b|@",)),
    ),
)

POST_MORTEM = Rubric(
    "blameless post-mortem",
    (
        RubricElement("timeline", "a timeline with dates or days", (r"\b(day \d+|\d{1,2} \w+ \d{4}|timeline|\d{1,2}:\d{2})\b",)),
        RubricElement("detection", "how it was detected", (r"\b(detected|found|reported by|noticed|alerted)\b",)),
        RubricElement("impact", "impact in numbers, on people", (NUMBER,)),
        RubricElement("root_cause", "the root cause", (r"\b(root cause|because|caused by)\b",)),
        RubricElement("contributing", "contributing factors", (r"\b(contribut\w*|also|in addition)\b",)),
        RubricElement("actions", "corrective actions", (r"\b(action|fix|gate|monitor\w*|retrain\w*|remove\w*)\b",)),
        RubricElement("owners", "an owner for each action", (r"\b(owners?|owned by|responsible)\b",)),
        RubricElement("blameless", "blameless: systems and decisions, not people", (r"\b(blameless|no individual|system|process)\b",)),
    ),
)

RISK_COMMUNICATION = Rubric(
    "pushing back on a risky deployment",
    (
        RubricElement("goal", "acknowledges the business goal behind the request", (r"\b(goal|wants?|need|time-to-hire|faster|understand)\b",)),
        RubricElement("risk", "names the specific risk, legal and human", (r"\b(prohibit\w*|Art\.? ?5|unlawful|illegal|adverse impact|discriminat\w*|harm)\b",)),
        RubricElement("source", "cites the rule or the evidence", (r"\b(AI Act|LL ?144|Local Law|GDPR|Title VII|four-fifths|2024/1689|audit|validity)\b",)),
        RubricElement("numbers", "quantifies the exposure or the evidence", (NUMBER, r"(€|EUR|\$)\s?\d")),
        RubricElement("alternative", "proposes an alternative that meets the goal", (r"\b(instead|alternative|propose|pilot|structured interview|without)\b",)),
        # The CHRO and the vendor are in the question itself, so they are no evidence.
        RubricElement("stakeholders", "brings in the right people", (r"\b(Legal|works councils?|DPO|data protection|procurement|employee representatives|Talent Acquisition)\b",)),
        RubricElement("decision", "asks for a decision or sets a condition", (r"\b(decision|sign(s|ed)?[- ]?off|approv\w*|condition|until|unless|gate)\b",)),
        RubricElement("follow_up", "follows up: monitoring or a date to revisit", (r"\b(monitor\w*|revisit|report back|quarterly|monthly|within \d+|re-?audit)\b",)),
    ),
)
