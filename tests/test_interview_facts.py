"""Numbers follow the case: the interview bank's answers take a case's results from the case.

The model answers and strong answers of the questions on scenarios 1 to 4 state results of the
published cases through ``{fact:CASE.NAME[:SPEC]}`` placeholders (:mod:`hrfair_helpers.interview.facts`).
These tests check that every placeholder resolves, that no number is typed into those answers except
the documented choices and literature below, that the filled texts agree with an independent
computation on the case data, and that the claims the answers make in words hold for the case.
"""

import json
import re
import subprocess
import sys
import textwrap

import pytest

from hrfair_helpers.interview import get_question, question_ids
from hrfair_helpers.interview.facts import CASES, _context, case_facts, fill_facts, references
from hrfair_helpers.interview.questions import FIELDS, LEVELS, _validate

CASE_SCENARIOS = ("01_", "02_", "03_", "04_", "07_")
CASE_QUESTIONS = [i for i in question_ids() if get_question(i).scenario.startswith(CASE_SCENARIOS)]

#: What counts as a typed number: a decimal, a percentage, points, a hedged amount ("about 200"),
#: or a count of people or documents ("276 people").
TYPED_NUMBER = re.compile(
    r"\b\d+(?:\.\d+)?\s*(?:%|percent\b|per cent\b|percentage points?\b|points?\b|pp\b)"
    r"|\b\d+-point\b"
    r"|(?<![\w.])\d*\.\d+\b"
    r"|\b(?:about|roughly|around|nearly|approximately|almost|some|only|over|under)\s+\d[\d,]*(?:\.\d+)?\b"
    r"|\b\d[\d,]*\s+(?:more\s+|fewer\s+)?(?:people|women|men|employees|candidates|applicants|resumes|sessions|"
    r"replies|applications|reviews)\b",
    re.IGNORECASE,
)

#: Numbers the answers to case questions may type, each with the phrase it stands in and why it is
#: not a result of the case. Everything else must come from a placeholder.
ALLOWED = {
    "screener-plan-for-head-of-ta": [
        ("falls below 0.85", "the speaker's monitoring trigger"),
    ],
    "screener-human-in-the-loop": [
        ("within 10 points of the cut-off", "the speaker's review band (its workload is a fact)"),
        ("a random 5 percent of the other rejections", "the speaker's sample of other rejections"),
        ("agrees with the model 99 percent of the time", "an illustration of a rubber stamp"),
        ("overrides fall below 2 percent", "the speaker's monitoring trigger"),
        ("drops below 0.85", "the speaker's monitoring trigger"),
    ],
    "lower-cutoff-request": [
        ("within 10 points of the cut-off", "the speaker's review band (its workload is a fact)"),
    ],
    "promotion-gap-walkthrough": [
        ("the 30 percent at face value", "the claim in the question, which the answer verifies"),
        ("(about 0.70 for a 30% lower rate)", "arithmetic on the claim in the question, not its result"),
    ],
    "promotion-intersectional-check": [
        ("with 40 people an interval from 0.5 to 1.0", "an illustration of a small cell"),
        ("falls below 0.80", "the speaker's trigger: the four-fifths benchmark"),
    ],
    "promotion-mitigation-plan": [
        ("falls below 0.85", "the speaker's monitoring trigger"),
    ],
    "chatbot-incident-response": [
        ("alerts below 0.90", "the speaker's monitoring alert"),
    ],
    "chatbot-wer-by-group": [
        (
            "averaged about 0.35 for Black speakers against 0.19 for white speakers",
            "published research: Koenecke et al. (2020)",
        ),
    ],
}


def typed_numbers(text, allowed=()):
    """The numbers typed into ``text`` (placeholders aside) that no allowed phrase covers."""
    text = re.sub(r"\{(?:fact|date):[^{}]*\}", "FILLED", text)
    covered = [(m.start(), m.end()) for phrase in allowed for m in re.finditer(re.escape(phrase), text)]
    return [
        m.group(0)
        for m in TYPED_NUMBER.finditer(text)
        if not any(start <= m.start() and m.end() <= end for start, end in covered)
    ]


def texts(question):
    """The answers of a question as written: the model answer, then the strong-answer items."""
    return [question.model_answer_template, *question.strong_answer_template]


# ------------------------------------------------------------------------------ placeholders


@pytest.mark.parametrize("question_id", question_ids())
def test_every_fact_placeholder_resolves(question_id):
    q = get_question(question_id)
    for case, name, _ in (ref for text in texts(q) for ref in references(text)):
        assert name in case_facts(case), f"{question_id}: {{fact:{case}.{name}}}"
    for text in (q.model_answer, *q.strong_answer):
        assert "{fact:" not in text and "{date:" not in text


def test_every_case_question_takes_its_numbers_from_its_own_case():
    own = {
        "01_adult_census_audit": "adult_audit",
        "02_resume_screener": "resume_screener",
        "03_promotion_gap": "promotion_gap",
        "04_chatbot_incident": "chatbot_incident",
        "07_wellbeing_analytics": "wellbeing_analytics",
    }
    for question_id in CASE_QUESTIONS:
        q = get_question(question_id)
        assert set(q.cases) <= {own[q.scenario]}, (question_id, q.cases)
    assert {case for i in CASE_QUESTIONS for case in get_question(i).cases} == set(CASES)


# ------------------------------------------------------------------------- no typed numbers


@pytest.mark.parametrize("question_id", CASE_QUESTIONS)
def test_answers_to_case_questions_type_no_numbers_of_the_case(question_id):
    q = get_question(question_id)
    allowed = [phrase for phrase, _ in ALLOWED.get(question_id, [])]
    typed = [number for text in texts(q) for number in typed_numbers(text, allowed)]
    assert typed == [], (
        f"{question_id} types {typed}: compute them with a {{fact:CASE.NAME}} placeholder "
        "(hrfair_helpers/interview/facts.py), or, for the speaker's own choice or a published "
        "figure, add the phrase and the reason to ALLOWED"
    )


def test_the_allowed_numbers_are_still_in_the_answers():
    assert set(ALLOWED) <= set(CASE_QUESTIONS)
    for question_id, entries in ALLOWED.items():
        written = " ".join(texts(get_question(question_id)))
        for phrase, reason in entries:
            assert phrase in written and reason, (question_id, phrase)
            assert typed_numbers(phrase), f"{phrase!r} types no number: drop it from ALLOWED"


@pytest.mark.parametrize(
    "text, found",
    [
        ("In my audit the impact ratio was 0.74.", ["0.74"]),
        ("It advances 62 percent of men but only 48 percent of women.", ["62 percent", "only 48"]),
        ("Women are 14 points behind, at 16%.", ["14 points", "16%"]),
        ("about 200 more women, and a 1-point drop in precision", ["about 200", "1-point"]),
        ("everyone who received one of those replies, 276 people", ["276 people"]),
        ("The ratio is .5 lower.", [".5"]),
        ("The ratio was {fact:promotion_gap.impact_ratio:.2f}, {fact:promotion_gap.rate_women:.0%} of women.", []),
        ("Title VII section 703(l), Art. 22(3), $50,000 in 1994, from {date:eu_aia_annex_iii}, a 60-day pilot.", []),
    ],
)
def test_the_check_finds_a_newly_typed_number(text, found):
    assert typed_numbers(text) == found


def test_an_allowed_phrase_covers_only_its_own_numbers():
    text = "A trigger if it falls below 0.85; the ratio was 0.74."
    assert typed_numbers(text, ["falls below 0.85"]) == ["0.74"]


# ------------------------------------------------------------------- the numbers are the case's


def test_filled_answers_match_an_independent_computation_on_the_case_data():
    from hrfair_helpers.datasets import load_adult
    from hrfair_helpers.datasets.chatbot import make_chatbot_logs

    # Scenario 1: the label's base rates, straight from the training file.
    label = load_adult("train").groupby("sex", observed=True)["income_over_50k"].mean()
    assert (
        f"positive for {label['Male']:.0%} of men and {label['Female']:.0%} of women"
        in get_question("fairness-definitions-impossibility").model_answer
    )

    # Scenario 3: rates, ratio and the four-fifths shortfall of the shortlist, by hand.
    test = _context("promotion_gap").test
    women, men = test[test["gender"] == "woman"], test[test["gender"] == "man"]
    w, m = women["recommended"].mean(), men["recommended"].mean()
    need = 4 * int(men["recommended"].sum()) * len(women) - 5 * int(women["recommended"].sum()) * len(men)
    shortfall = -(-need // (5 * len(men)))
    walkthrough = get_question("promotion-gap-walkthrough").model_answer
    assert f"women at {w:.0%} and men at {m:.0%}, an impact ratio of {w / m:.2f}." in walkthrough
    assert f"the shortfall: {shortfall:,} more women" in walkthrough

    # Scenario 4: pass rates of the regenerated logs.
    logs = make_chatbot_logs(seed=0)
    passed = logs.groupby("native_english")["advanced"].mean()
    assert (
        f"passed at {passed[0]:.0%} against {passed[1]:.0%} for native English speakers, an impact ratio of "
        f"{passed[0] / passed[1]:.2f}" in get_question("chatbot-incident-response").model_answer
    )
    assert (
        f"passing at {passed[0] / passed[1]:.2f} times the rate"
        in get_question("chatbot-holding-statement").model_answer
    )


def test_the_answers_words_match_the_case():
    """What the answers say in words, not numbers, about the cases."""
    adult = _context("adult_audit").mitigation
    assert adult.winners == ["exponentiated_gradient_tpr"], "trade-off: 'the only lawful option that meets it'"
    assert adult.table.loc["threshold_optimizer", "meets_criterion"], "trade-off: 'also met the numbers'"
    assert adult.criterion.min_impact_ratio is None, "trade-off: 'leave out an impact-ratio floor'"

    resume = _context("resume_screener").tradeoff
    assert resume.winners == ["relabeling_and_review"], "head of TA: the option recommended"
    facts = case_facts("resume_screener")
    assert facts["relabeling_and_review_precision_gain_points"] > 0, "head of TA: precision 'rose'"
    assert facts["masking_precision_gain_points"] > 0, "lower cut-off: precision 'up'"
    assert facts["most_penalised_female_term"] == "women"
    assert facts["qualified_women_with_break_rate"] < facts["qualified_women_without_break_rate"]

    promotion = case_facts("promotion_gap")
    lifts = {k.removeprefix("ablation_lift_"): v for k, v in promotion.items() if k.startswith("ablation_lift_")}
    assert sorted(lifts, key=lifts.get, reverse=True)[:3] == [
        "high_visibility_projects",
        "relocation_willingness",
        "manager_nomination",
    ], "walkthrough: the proxies' order"
    assert _context("promotion_gap").options.winners == [], "mitigation plan: 'None met the bar'"
    options = _context("promotion_gap").options.table
    assert options.loc["correlation_remover", "meets_criterion"], "mitigation plan: 'met both numbers'"
    assert options.loc["exponentiated_gradient_tpr", "auc_drop"] <= promotion["criterion_max_auc_drop"]
    assert promotion["age_40_ratio_no_manager_records"] < promotion["age_40_ratio_baseline"], "'fell'"
    ratios = _context("promotion_gap").band_ratios()
    assert all(r < 1 for r in ratios.values()), "walkthrough: 'the gap held inside every band'"

    chatbot = case_facts("chatbot_incident")
    assert chatbot["flagged_replies_version"] == "2.4", "incident: 'all came from version ...'"
    assert _context("chatbot_incident").tradeoff.winners == ["layered_fix"]


# ------------------------------------------------------------------------------ errors, laziness


@pytest.mark.parametrize(
    "text, message",
    [
        (
            "{fact:promotion_gap.no_such_fact:.2f}",
            r"no fact 'no_such_fact' of case 'promotion_gap'; known facts of "
            r"promotion_gap: .*impact_ratio",
        ),
        (
            "{fact:promotion.impact_ratio}",
            r"no case 'promotion'; cases with facts: adult_audit, chatbot_incident, "
            r"promotion_gap, resume_screener",
        ),
        ("{fact:Promotion Gap.ratio}", "malformed placeholder"),
        ("{fact:promotion_gap.strongest_proxy:.2f}", "format spec '.2f' does not fit 'high_visibility_projects'"),
    ],
)
def test_a_bad_placeholder_is_a_clear_error(text, message):
    with pytest.raises(ValueError, match=message):
        fill_facts(text)


def _raw_question(**changes):
    raw = {f: ["x"] for f in FIELDS}
    raw.update(
        id="q",
        title="t",
        competency="c",
        scenario="general",
        prompt="p",
        time_box_minutes=5,
        model_answer="m",
        coverage=["situation"],
        rubric=[{"dimension": "d", "levels": ["a"] * LEVELS}],
    )
    raw.update(changes)
    return {"competencies": {"c": "x"}, "questions": [raw]}


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"prompt": "After the fix the ratio is {fact:promotion_gap.impact_ratio:.2f}."}, "belong in the model answer"),
        ({"model_answer": "A ratio of {fact:promo.impact_ratio}."}, "no case 'promo'"),
        ({"strong_answer": ["A ratio of {fact:promotion_gap.impact ratio}."]}, "malformed placeholder"),
    ],
)
def test_the_bank_refuses_misplaced_or_malformed_placeholders_on_load(changes, message):
    with pytest.raises(ValueError, match=message):
        _validate(_raw_question(**changes))


def test_reading_the_bank_computes_only_the_cases_an_answer_shows():
    script = textwrap.dedent("""
        import json, sys
        from hrfair_helpers.interview import coverage, get_question, question_bank
        from hrfair_helpers.interview.facts import timings

        def loaded():
            cases = [m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("hrfair_helpers.cases.")]
            banks = [m for m in sys.modules if m.startswith("hrfair_helpers.grading.banks.")]
            return [timings(), sorted(cases), banks, "sklearn" in sys.modules]

        question_bank()
        walkthrough = get_question("promotion-gap-walkthrough")
        coverage("I measured the impact ratio: 0.62 for women.", walkthrough.id)
        before = loaded() + [walkthrough.cases]
        walkthrough.model_answer, walkthrough.strong_answer, get_question("push-back-risky-deployment").model_answer
        print(json.dumps([before, loaded()]))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    before, after = json.loads(done.stdout.strip().splitlines()[-1])
    assert before == [{}, [], [], False, ["promotion_gap"]]
    # Only the case the answers show is loaded, from the case registry: no question bank.
    assert sorted(after[0]) == ["promotion_gap"] and after[1] == ["promotion"] and after[2] == []
