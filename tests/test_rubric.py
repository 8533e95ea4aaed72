import pandas as pd
import pytest

from hrfair_helpers.grading.rubric import (
    HOLDING_STATEMENT,
    MITIGATION_MEMO,
    MITIGATION_PLAN,
    POST_MORTEM,
    RECOMMENDATION,
    RED_FLAGS,
    RISK_COMMUNICATION,
    STAR_ANSWER,
    Rubric,
    RubricElement,
    check_coverage,
)

STRONG = """Problem: the screener advances women at a lower rate than men for technical roles.
Evidence: the impact ratio for women is 0.62 and the equal opportunity gap is 12 points.
We compared five options, including masking versus counterfactual augmentation.
We recommend relabeling from a structured rubric, with human review near the threshold.
Risks: a cost of 1.5 points of precision, and reviewer time.
We will monitor the impact ratio monthly and trigger a review below 0.9.
Timeline: pilot in 6 weeks, full rollout next quarter.
Legal: the four-fifths rule and NYC Local Law 144 apply."""


def test_strong_memo_covers_every_element_with_evidence():
    report = check_coverage(STRONG, MITIGATION_MEMO)
    assert report.missing == [] and report.red_flags.empty
    assert "0.62" in report.table.loc["evidence", "evidence"]
    assert "study aid" in report.text() and "<table>" in report._repr_html_()


def test_weak_memo_shows_what_is_missing():
    report = check_coverage("The model seems unfair. We should fix it.", MITIGATION_MEMO)
    assert {"numbers", "evidence", "monitoring", "timeline", "legal"} <= set(report.missing)
    assert "recommendation" not in report.missing
    assert "Consider adding" in report.text()


@pytest.mark.parametrize("answer", [..., None, 42, ["text"], {"a": 1}, b"bytes", ""])
def test_anything_that_is_not_text_covers_nothing_and_never_raises(answer):
    report = check_coverage(answer, MITIGATION_MEMO)
    assert report.missing == [e.id for e in MITIGATION_MEMO.elements]
    assert isinstance(report.to_frame(), pd.DataFrame)


def test_evidence_is_the_matching_sentence():
    rubric = Rubric("r", (RubricElement("n", "a number", (r"\d+%",)),))
    report = check_coverage("First sentence. Second has 40% in it. Third.", rubric)
    assert report.table.loc["n", "evidence"] == "Second has 40% in it."


def test_star_rubric_on_a_strong_and_a_weak_answer():
    strong = (
        "Situation: our screener advanced women at 0.40 times the rate of men. My task was to find out why. "
        "I audited the model against true qualification with the impact ratio and equal opportunity, and a "
        "counterfactual swap isolated gendered terms. I compared seven options with fairlearn. "
        "Result: the gap fell from 0.33 to 0.04, at a cost of reviewer workload."
    )
    report = check_coverage(strong, STAR_ANSWER)
    assert report.missing == [] and report.red_flags.empty
    weak = check_coverage("We fixed the bias and it was better.", STAR_ANSWER)
    assert {"metrics", "tools", "result", "action"} <= set(weak.missing)


def test_lines_of_one_paragraph_are_one_sentence():
    rubric = Rubric("r", (RubricElement("m", "monthly audit", (r"audit\w*\b.*\bmonthly",)),))
    report = check_coverage("We will audit selection rates\nmonthly and act on a drop.", rubric)
    assert report.missing == []


def test_plan_rubric_finds_each_element_in_a_strong_plan_and_misses_them_in_a_weak_one():
    strong = (
        "Project allocation and nominations get a calibration panel. "
        "We retrain the model without the manager records. "
        "A committee reviews every recommendation and can override it. "
        "People analytics owns a monthly audit of the impact ratio. "
        "A review starts if the ratio falls below 0.90 for any intersection of gender and caregiving."
    )
    report = check_coverage(strong, MITIGATION_PLAN)
    assert report.missing == [] and report.red_flags.empty
    weak = check_coverage("We will make the model fairer and keep an eye on it.", MITIGATION_PLAN)
    assert set(weak.missing) == {e.id for e in MITIGATION_PLAN.elements}


def test_risk_communication_rubric_on_a_strong_and_a_weak_answer():
    strong = (
        "I understand the goal: a faster time-to-hire. "
        "Reading emotions from faces is prohibited at work under Art. 5(1)(f) of the AI Act. "
        "The fine can reach EUR 35 million or 7% of turnover. "
        "Instead I propose a pilot of structured interviews. "
        "Legal and the works council review it, and the CHRO signs off only on the pilot. "
        "We monitor it monthly."
    )
    report = check_coverage(strong, RISK_COMMUNICATION)
    assert report.missing == [] and report.red_flags.empty
    weak = check_coverage("Sounds fine to me, let us go ahead.", RISK_COMMUNICATION)
    assert set(weak.missing) == {e.id for e in RISK_COMMUNICATION.elements}


# ---------------------------------------------------------------------------------- red flags

RUBRICS = [
    MITIGATION_MEMO,
    STAR_ANSWER,
    RECOMMENDATION,
    MITIGATION_PLAN,
    HOLDING_STATEMENT,
    POST_MORTEM,
    RISK_COMMUNICATION,
]
WHY = "the cases teach why this does not work"

# One claim the cases teach against per sentence, and the red flag it must raise.
ANTI_PATTERNS = [
    ("unawareness", "remove the sex column and then it will be fair"),
    ("unawareness", "I removed the sensitive feature and the model was fine."),
    ("unawareness", "We don't use gender so it's fair."),
    ("unawareness", "The screener is blind to race."),
    ("unawareness", "It is fair because the model never sees gender."),
    ("unawareness", "We rely on fairness through unawareness."),
    ("masking_as_fix", "Delete every gendered word and the model is fixed."),
    ("accuracy_alone", "accuracy was fine"),
    ("accuracy_alone", "Accuracy barely changed."),
    ("accuracy_alone", "The model is 85% accurate, so it is fit for hiring."),
    ("compliance_as_proof", "the tool is certified so it is fair"),
    ("compliance_as_proof", "It passed the bias audit last year, so it is unbiased."),
    ("compliance_as_proof", "The vendor guarantees it is unbiased."),
    ("group_cutoffs", "Lower the screener's cut-off for female applicants until the numbers match."),
    ("group_cutoffs", "I recommend group-specific thresholds."),
    ("all_at_once", "We can satisfy all the fairness definitions at once."),
    ("past_decisions_as_truth", "Past hiring decisions are the ground truth for who was qualified."),
    ("overall_hides_subgroups", "An overall impact ratio of 0.95 means the problem is solved."),
    ("blame", "The candidates' poor English was the real problem."),
    ("blame", "The root cause was human error."),
    ("delete_logs", "We deleted the logs to clean up."),
    ("fixed_too_soon", "We removed the offensive replies, so the issue is fixed."),
    ("no_evidence_of_bias", "There is no evidence of bias."),
    ("ll144_pass_mark", "0.8 is the LL144 pass mark."),
    ("ll144_pass_mark", "Under Local Law 144, a ratio below 0.8 fails the audit."),
    ("unknowns_dropped", "We drop candidates with unknown race."),
    ("ban_postponed", "The Art. 5 ban was postponed."),
    ("ban_postponed", "The emotion recognition ban has not started yet."),
    ("consent_makes_lawful", "Employee consent makes it lawful."),
    ("vendor_owns_compliance", "The vendor is responsible for compliance."),
    ("permission_to_wait", "The high-risk duties were postponed, so we can wait."),
    ("hide_from_legal", "We don't need to tell Legal."),
    ("no_notice", "Employees don't need to know a model is used."),
    ("confidence_as_fluency", "We use the recognizer's confidence as a measure of fluency."),
]

# The same claims denied, rebutted, quoted or reported: none raises its red flag.
NOT_CLAIMED = [
    ("unawareness", "We did not simply remove the sex column, because proxies remain."),
    ("unawareness", "Removing the sex column will not make it fair."),
    ("unawareness", "Rather than remove gender, we retrained on job-related labels."),
    ("unawareness", "I removed the sex column. The impact ratio barely moved, because proxies carry sex."),
    ("unawareness", "We will remove gender bias from the screener."),
    ("unawareness", "The VP says the model is fair because it doesn't use gender."),
    ("unawareness", "I compared dropping sex, reweighing and a constrained model."),
    ("masking_as_fix", "Hiding gendered words helps a little, but the model finds other clues."),
    ("accuracy_alone", "The impact ratio rose from 0.62 to 0.91 and accuracy barely changed."),
    ("accuracy_alone", "The impact ratio rose to 0.91. Accuracy barely changed."),
    ("compliance_as_proof", "Being certified does not make it fair."),
    ("compliance_as_proof", "The vendor says it is unbiased, but I would ask for their validation study."),
    ("group_cutoffs", "A lower cut-off for women would fix the number on paper, but it is unlawful in US hiring."),
    ("group_cutoffs", "She asked: 'Just lower the cut-off for female applicants.'"),
    ("all_at_once", "We cannot satisfy all the definitions at once."),
    ("past_decisions_as_truth", "Past hiring decisions are not the ground truth, because recruiters were biased."),
    ("blame", "No blame on the vendor or on anyone's speech."),
    ("delete_logs", "We froze the logs so the evidence was preserved."),
    ("fixed_too_soon", "We removed the offensive replies, but the scoring gap remains."),
    ("no_evidence_of_bias", 'What stays out: any claim that there is "no evidence of bias".'),
    ("ll144_pass_mark", "LL144 sets no pass mark."),
    (
        "ll144_pass_mark",
        "LL144 would only require us to publish a ratio of 0.71, but it is below the four-fifths benchmark.",
    ),
    ("unknowns_dropped", "We drop candidates with unknown race from the rates and report how many."),
    ("ban_postponed", "Only the high-risk duties were postponed, not the Art. 5 ban."),
    ("consent_makes_lawful", "Even with consent, it stays prohibited in the EU."),
    ("vendor_owns_compliance", "The vendor is responsible for its duties, and we remain responsible as deployer."),
    ("permission_to_wait", "The high-risk duties were postponed, but we should not wait."),
    ("hide_from_legal", "We should not hide it from Legal."),
    ("no_notice", "Employees should not be told the raw score."),
    ("confidence_as_fluency", "The recognizer's confidence is not a measure of fluency."),
]


@pytest.mark.parametrize("flag, sentence", ANTI_PATTERNS)
def test_each_anti_pattern_raises_its_red_flag(flag, sentence):
    assert RED_FLAGS[flag].find(sentence) == sentence


@pytest.mark.parametrize("flag, sentence", NOT_CLAIMED)
def test_a_denied_rebutted_quoted_or_reported_claim_raises_no_red_flag(flag, sentence):
    assert RED_FLAGS[flag].find(sentence) == ""


def test_the_learner_tests_anti_patterns_cover_nothing_and_say_why():
    removal = check_coverage("We should remove the sex column and then it will be fair.", RECOMMENDATION)
    assert "recommendation" in removal.missing
    assert list(removal.red_flags.index) == ["unawareness"]
    assert removal.table.loc["recommendation", "red_flag"] == "unawareness"
    assert "Red flag: removing or ignoring the protected attribute" in removal.text() and WHY in removal.text()
    assert '"We should remove the sex column and then it will be fair."' in removal.text()

    accuracy = check_coverage("I removed the sensitive feature and accuracy was fine.", STAR_ANSWER)
    assert "trade_off" in accuracy.missing
    assert set(accuracy.red_flags.index) == {"unawareness", "accuracy_alone"}

    certified = check_coverage("We recommend keeping the tool: it is certified so it is fair.", MITIGATION_MEMO)
    assert "recommendation" in certified.missing and list(certified.red_flags.index) == ["compliance_as_proof"]

    alone = check_coverage("Accuracy was fine.", STAR_ANSWER)
    assert "trade_off" in alone.missing and list(alone.red_flags.index) == ["accuracy_alone"]


def test_a_negated_removal_is_evidence_not_a_red_flag():
    report = check_coverage("We did not simply remove the sex column, because proxies remain.", MITIGATION_PLAN)
    assert report.red_flags.empty
    assert "model_change" not in report.missing


def test_accuracy_needs_fairness_beside_it_to_count_as_a_trade_off():
    assert "trade_off" in check_coverage("Accuracy fell by 2 points.", STAR_ANSWER).missing
    sized = check_coverage("Accuracy fell by 2 points while the impact ratio rose to 0.9.", STAR_ANSWER)
    assert "trade_off" not in sized.missing and sized.red_flags.empty


def test_red_flags_show_in_the_text_the_frame_and_the_html():
    text = "We recommend the tool. The vendor guarantees it is unbiased. Our monitoring is monthly."
    report = check_coverage(text, RISK_COMMUNICATION)
    frame = report.to_frame()
    row = frame.loc["red flag: compliance_as_proof"]
    assert not row["covered"] and row["evidence"] == "The vendor guarantees it is unbiased."
    assert row["looks_for"].startswith("Red flag: a certificate")
    assert list(frame.index[: len(RISK_COMMUNICATION.elements)]) == [e.id for e in RISK_COMMUNICATION.elements]
    page = report._repr_html_()
    assert "Red flag:" in page and WHY in page and "The vendor guarantees it is unbiased." in page
    assert "⚠ Red flag: a certificate, a passed audit or the vendor's word as proof the tool is fair" in report.text()


def test_a_report_without_red_flags_keeps_its_table_and_is_never_a_grade():
    report = check_coverage(STRONG, MITIGATION_MEMO)
    assert report.red_flags.empty and report.to_frame().equals(report.table)
    assert "Red flag" not in report.text() and "hrfair-red-flag" not in report._repr_html_()
    assert "not a grade" in report.text() and not hasattr(report, "score")


@pytest.mark.parametrize("rubric", RUBRICS, ids=lambda r: r.name)
def test_every_rubric_carries_red_flags_of_its_question(rubric):
    assert rubric.red_flags and all(RED_FLAGS[f.id] is f for f in rubric.red_flags)
