"""An algorithmic impact assessment (AIA) for HR AI tools: questions, explicit rules, risk tier, controls.

The questionnaire, the rules and the score thresholds live in ``data/aia_questionnaire.json``; the
controls each tier requires in ``data/aia_controls.csv``. A teaching instrument, not legal advice.

How the tier is decided
-----------------------
1. **Score.** Each answer carries points (listed by :func:`questionnaire`). The total gives a
   tier: below 4 *low*, 4–7 *medium*, 8 or more *high*.
2. **Rules.** Each rule fires when every answer it names is one of the listed values, and sets a
   *minimum* tier. The final tier is the highest of the score tier and every fired rule.

The rules, in the order they are checked (``rules()`` gives the conditions and sources):

- ``eu_emotion_recognition_at_work`` → unacceptable: inferring the emotions of workers or
  candidates in the EU from biometric data (face, voice, physiological signals), other than for
  medical or safety reasons (AI Act Art. 5(1)(f) with the definition in Art. 3(39)).
- ``eu_emotion_recognition_medical_or_safety`` → high: the same inference for medical or safety
  reasons is not prohibited but is a high-risk system (AI Act Annex III point 1(c)).
- ``eu_biometric_categorisation`` → unacceptable: inferring race, beliefs, trade-union membership,
  sex life or orientation from biometrics in the EU (AI Act Art. 5(1)(g)).
- ``sole_decision_maker`` → high: the tool alone decides hiring, promotion or termination
  (GDPR Art. 22).
- ``eu_annex_iii_employment`` → high: in the EU, output feeding recruitment, promotion,
  termination, pay, evaluation or task allocation (AI Act Annex III point 4).
- ``eu_worker_monitoring`` → high: AI monitoring of workers in the EU (Annex III point 4(b)).
- ``emotion_inference_outside_eu`` and ``biometric_categorisation_outside_eu`` → high: the same
  biometric practices where they are not prohibited (hrfair policy).
- ``emotion_inference_from_text`` → medium: emotions inferred from text (e.g. sentiment of written
  answers). Not covered by Art. 5(1)(f), which concerns biometric data only; hrfair policy.
- ``nyc_aedt`` → medium: NYC jobs, hiring or promotion, output decides or drives the decision
  (NYC Local Law 144).
- ``employment_decision_support`` → medium: output feeds a consequential employment decision
  even with a person deciding (hrfair policy; Uniform Guidelines, 29 CFR 1607).

Controls are cumulative (high includes medium and low); some apply only when an answer holds,
e.g. works-council consultation only for EU workers with a works council, or only when a rule
fired (``rule=<id>``), e.g. the NYC Local Law 144 independent bias audit only when ``nyc_aedt``
fired. An *unacceptable* tier requires one thing: do not deploy.

Unanswered questions are listed in the result, and a rule that depends on one cannot fire, so
the tier is then a lower bound. Unknown question ids and invalid answers raise ``ValueError``.
"""

from __future__ import annotations

import functools
import io
import json
from dataclasses import dataclass, field

import pandas as pd

from .._utils import render, resources

TIERS = ("low", "medium", "high", "unacceptable")
_YES = {"yes": "yes", "y": "yes", "true": "yes", "no": "no", "n": "no", "false": "no"}


@functools.cache
def _spec():
    text = resources.read_text(resources.data_dir("governance"), "aia_questionnaire.json", package="governance")
    return json.loads(text)


@functools.cache
def _controls():
    text = resources.read_text(resources.data_dir("governance"), "aia_controls.csv", package="governance")
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def questionnaire() -> pd.DataFrame:
    """The questions: id (index), text, type (``yes_no`` or ``choice``), allowed answers, points.

    Examples
    --------
    >>> q = questionnaire()
    >>> q.loc["autonomy", "answers"]
    ['sole_decision', 'primary_factor', 'one_input', 'informational']
    """
    rows = [
        {"id": q["id"], "text": q["text"], "type": q["type"], "answers": list(q["points"]), "points": q["points"]}
        for q in _spec()["questions"]
    ]
    return pd.DataFrame(rows).set_index("id")


def rules() -> pd.DataFrame:
    """The rules in the order they are checked: id (index), tier, conditions, reason, source."""
    rows = [
        {
            "id": r["id"],
            "tier": r["tier"],
            "when": " and ".join(f"{q} in {vals}" for q, vals in r["when"].items()),
            "reason": r["reason"],
            "source": r["source"],
        }
        for r in _spec()["rules"]
    ]
    return pd.DataFrame(rows).set_index("id")


def controls() -> pd.DataFrame:
    """Every control: tier, control, ``applies_when`` (``question=answer`` or ``rule=<rule id>``
    joined by ``&``; blank = always), source."""
    return _controls().copy()


def _question_ids():
    return [q["id"] for q in _spec()["questions"]]


def _clean(answers):
    if not isinstance(answers, dict):
        raise ValueError(f"answers must be a dict {{question id: answer}}, got {type(answers).__name__}")
    questions = {q["id"]: q for q in _spec()["questions"]}
    unknown = [k for k in answers if k not in questions]
    if unknown:
        raise ValueError(f"unknown question id(s) {unknown}; valid ids are {list(questions)}")
    clean, problems = {}, []
    for qid, raw in answers.items():
        if raw is None:
            continue  # explicitly unanswered
        allowed = list(questions[qid]["points"])
        if questions[qid]["type"] == "yes_no":
            if isinstance(raw, bool):
                value = "yes" if raw else "no"
            else:
                value = _YES.get(str(raw).strip().lower())
        else:
            value = str(raw).strip().lower() if isinstance(raw, str) else None
        if value not in allowed:
            problems.append(f"{qid}: {raw!r} is not an allowed answer; use one of {allowed}")
        else:
            clean[qid] = value
    if problems:
        raise ValueError("invalid answer(s):\n" + "\n".join(f"  - {p}" for p in problems))
    return clean


def _applies(condition, answers, fired=()):
    """'q=a&r=b' -> True / False, or None when a question it needs is unanswered.

    ``rule=<id>`` holds when the rule ``<id>`` is in ``fired``.
    """
    if not condition:
        return True
    results = []
    for part in condition.split("&"):
        qid, value = part.split("=")
        if qid == "rule":
            results.append(value in fired)
            continue
        if qid not in answers:
            return None
        results.append(answers[qid] == value)
    return all(results)


@dataclass
class AssessmentResult:
    """Result of :func:`assess`.

    Attributes
    ----------
    tier : str
        ``"low"``, ``"medium"``, ``"high"`` or ``"unacceptable"``.
    score : int
        Sum of the answers' points.
    score_tier : str
        The tier the score alone gives.
    fired_rules : list of str
        Ids of the rules that fired.
    reasons : list of str
        Why the tier is what it is: each fired rule with its source, then the answers that scored.
    controls : DataFrame
        The controls required at this tier: ``tier, control, source``.
    unanswered : list of str
        Question ids with no answer; when non-empty the tier is a lower bound.
    undetermined_rules : list of str
        Rules that could fire but depend on an unanswered question.
    answers : dict
        The cleaned answers.
    """

    tier: str
    score: int
    score_tier: str
    fired_rules: list[str]
    reasons: list[str]
    controls: pd.DataFrame
    unanswered: list[str] = field(default_factory=list)
    undetermined_rules: list[str] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)

    @property
    def required_controls(self) -> list[str]:
        """The required controls as a list of strings."""
        return list(self.controls["control"])

    @property
    def complete(self) -> bool:
        """True when every question was answered."""
        return not self.unanswered

    @property
    def lower_bound(self) -> bool:
        """True when unanswered questions could still raise the tier."""
        return bool(self.unanswered) and self.tier != "unacceptable"

    def to_frame(self) -> pd.DataFrame:
        """One row per question: the answer (or None) and the points it scored."""
        q = questionnaire()
        answers = [self.answers.get(qid) for qid in q.index]
        points = [q.loc[qid, "points"].get(a, 0) if a is not None else 0 for qid, a in zip(q.index, answers)]
        return pd.DataFrame({"question": q["text"], "answer": answers, "points": points}, index=q.index)

    def _facts(self):
        facts = {
            "risk tier": self.tier + (" (lower bound: questions unanswered)" if self.lower_bound else ""),
            "score": f"{self.score} (score alone gives {self.score_tier})",
            "rules fired": ", ".join(self.fired_rules) or "none",
        }
        if self.unanswered:
            facts["unanswered"] = ", ".join(self.unanswered)
        if self.undetermined_rules:
            facts["rules not decidable"] = ", ".join(self.undetermined_rules)
        return facts

    def _repr_html_(self):
        body = render.render_html("Algorithmic impact assessment", self._facts(), self.to_frame(), self.reasons)
        body += render.render_html(f"Required controls ({self.tier} tier)", {}, self.controls, [])
        return body

    def __repr__(self):
        return render.render_text("Algorithmic impact assessment", self._facts(), self.controls, self.reasons)


def assess(answers: dict[str, str | bool | None]) -> AssessmentResult:
    """Risk tier, its reasons and the required controls from the questionnaire's answers.

    Parameters
    ----------
    answers : dict
        ``{question id: answer}``. Yes/no questions take ``"yes"``/``"no"`` or ``True``/``False``;
        choice questions one of their listed answers (see :func:`questionnaire`). Leave a question
        out, or give ``None``, when it is not yet known.

    Returns
    -------
    AssessmentResult

    Raises
    ------
    ValueError
        On an unknown question id (the message lists the valid ids) or an answer a question does
        not allow (the message lists the allowed answers).

    Examples
    --------
    >>> res = assess({"eu_workers": "yes", "emotion_inference_biometric": "yes", "decision": "hiring"})
    >>> res.tier, res.fired_rules
    ('unacceptable', ['eu_emotion_recognition_at_work'])
    >>> assess({"eu_workers": "yes", "emotion_inference_text": "yes"}).fired_rules
    ['emotion_inference_from_text']
    >>> res.required_controls
    ['Do not deploy; stop any current use and refer to Legal']
    >>> res = assess({"eu_workers": False, "decision": "promotion", "autonomy": "sole_decision"})
    >>> res.tier, res.fired_rules
    ('high', ['sole_decision_maker'])
    >>> res.unanswered[:2], "nyc_aedt" in res.undetermined_rules
    (['nyc_jobs', 'emotion_inference_biometric'], True)
    """
    answers = _clean(answers)
    spec = _spec()
    questions = {q["id"]: q for q in spec["questions"]}

    score, scored = 0, []
    for qid, value in answers.items():
        points = questions[qid]["points"][value]
        score += points
        if points:
            scored.append(f"{qid} = {value} (+{points} points)")
    score_tier = "low"
    for level in spec["score_tiers"]:
        if score >= level["min_score"]:
            score_tier = level["tier"]

    fired, undetermined, reasons = [], [], []
    for rule in spec["rules"]:
        known = {q: vals for q, vals in rule["when"].items() if q in answers}
        if all(answers[q] in vals for q, vals in known.items()):
            if len(known) == len(rule["when"]):
                fired.append(rule)
            else:
                undetermined.append(rule["id"])
    tier = max([score_tier] + [r["tier"] for r in fired], key=TIERS.index)
    for rule in fired:
        reasons.append(f"{rule['id']} ({rule['tier']}): {rule['reason']} [{rule['source']}]")
    if scored:
        reasons.append(f"score {score} → {score_tier}: " + "; ".join(scored))
    else:
        reasons.append(f"score {score} → {score_tier}: no answer scored points")

    table = _controls()
    upto = TIERS.index(tier)
    if tier == "unacceptable":
        wanted = table[table["tier"] == "unacceptable"]
    else:
        wanted = table[table["tier"].map(TIERS.index) <= upto]
    fired_ids = {r["id"] for r in fired}
    keep = [bool(_applies(cond, answers, fired_ids)) for cond in wanted["applies_when"]]
    chosen = wanted[keep][["tier", "control", "source"]].reset_index(drop=True)

    unanswered = [qid for qid in questions if qid not in answers]
    return AssessmentResult(
        tier=tier,
        score=score,
        score_tier=score_tier,
        fired_rules=[r["id"] for r in fired],
        reasons=reasons,
        controls=chosen,
        unanswered=unanswered,
        undetermined_rules=undetermined,
        answers=answers,
    )
