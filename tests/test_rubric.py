import pandas as pd
import pytest

from hrfair_helpers.grading.rubric import MITIGATION_MEMO, Rubric, RubricElement, check_coverage

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
    assert report.missing == []
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
    from hrfair_helpers.grading.rubric import STAR_ANSWER

    strong = (
        "Situation: our screener advanced women at 0.40 times the rate of men. My task was to find out why. "
        "I audited the model against true qualification with the impact ratio and equal opportunity, and a "
        "counterfactual swap isolated gendered terms. I compared seven options with fairlearn. "
        "Result: the gap fell from 0.33 to 0.04, at a cost of reviewer workload."
    )
    assert check_coverage(strong, STAR_ANSWER).missing == []
    weak = check_coverage("We fixed the bias and it was better.", STAR_ANSWER)
    assert {"metrics", "tools", "result", "action"} <= set(weak.missing)


def test_lines_of_one_paragraph_are_one_sentence():
    rubric = Rubric("r", (RubricElement("m", "monthly audit", (r"audit\w*\b.*\bmonthly",)),))
    report = check_coverage("We will audit selection rates\nmonthly and act on a drop.", rubric)
    assert report.missing == []


def test_plan_rubric_finds_each_element_in_a_strong_plan_and_misses_them_in_a_weak_one():
    from hrfair_helpers.grading.rubric import MITIGATION_PLAN

    strong = (
        "Project allocation and nominations get a calibration panel. "
        "We retrain the model without the manager records. "
        "A committee reviews every recommendation and can override it. "
        "People analytics owns a monthly audit of the impact ratio. "
        "A review starts if the ratio falls below 0.90 for any intersection of gender and caregiving."
    )
    report = check_coverage(strong, MITIGATION_PLAN)
    assert report.missing == []
    weak = check_coverage("We will make the model fairer and keep an eye on it.", MITIGATION_PLAN)
    assert set(weak.missing) == {e.id for e in MITIGATION_PLAN.elements}


def test_risk_communication_rubric_on_a_strong_and_a_weak_answer():
    from hrfair_helpers.grading.rubric import RISK_COMMUNICATION

    strong = (
        "I understand the goal: a faster time-to-hire. "
        "Reading emotions from faces is prohibited at work under Art. 5(1)(f) of the AI Act. "
        "The fine can reach EUR 35 million or 7% of turnover. "
        "Instead I propose a pilot of structured interviews. "
        "Legal and the works council review it, and the CHRO signs off only on the pilot. "
        "We monitor it monthly."
    )
    assert check_coverage(strong, RISK_COMMUNICATION).missing == []
    weak = check_coverage("Sounds fine to me, let us go ahead.", RISK_COMMUNICATION)
    assert set(weak.missing) == {e.id for e in RISK_COMMUNICATION.elements}
