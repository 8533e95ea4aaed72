"""The grader, its comparisons and its feedback, on small hand-made banks and the orientation bank.

Every question of every bank is walked in ``test_question_banks.py``.
"""

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.grading import Grader, GradingError
from hrfair_helpers.grading.bank import COMMON_MISTAKES, Bank, Misconception, Question
from hrfair_helpers.grading.banks import REGISTRY, available, get_bank
from hrfair_helpers.grading.compare import (
    Choice,
    Labels,
    Number,
    PerGroup,
    Unfit,
    Word,
    YesNo,
    fold,
    written_decimals,
)


def _grader(*questions, ctx=None):
    bank = Bank("tmp", "tmp", lambda: ctx or {})
    for question in questions:
        bank.add(question)
    return Grader(bank, mode="feedback")


def test_registry_lists_every_bank_and_each_bank_has_questions():
    assert available() == sorted(REGISTRY)
    for bank_id in available():
        bank = get_bank(bank_id)
        assert bank.notebook_id == bank_id
        assert len(bank.questions) >= 3


def test_feedback_is_deterministic():
    bank = get_bank("orientation")
    qid = next(iter(bank.questions))
    wrong = bank.questions[qid].misconceptions[0].answer(bank.context())
    texts = {Grader("orientation").evaluate(qid, wrong).text() for _ in range(3)}
    htmls = {Grader("orientation").evaluate(qid, wrong)._repr_html_() for _ in range(3)}
    assert len(texts) == 1 and len(htmls) == 1


def test_strict_mode_raises_unless_correct(monkeypatch):
    monkeypatch.setenv("HRFAIR_GRADER", "strict")
    bank = get_bank("orientation")
    qid, question = next(iter(bank.questions.items()))
    grader = Grader("orientation")
    grader.check(qid, question.expected(bank.context()))
    with pytest.raises(GradingError, match="strict"):
        grader.check(qid, ...)
    with pytest.raises(GradingError):
        grader.check(qid, question.misconceptions[0].answer(bank.context()))


def test_expect_blank_mode_raises_when_a_placeholder_passes(monkeypatch):
    monkeypatch.setenv("HRFAIR_GRADER", "expect-blank")
    bank = get_bank("orientation")
    qid, question = next(iter(bank.questions.items()))
    grader = Grader("orientation")
    grader.check(qid, ...)
    with pytest.raises(GradingError, match="regenerate notebooks"):
        grader.check(qid, question.expected(bank.context()))


def test_bad_mode_and_unknown_bank_give_clear_errors(monkeypatch):
    with pytest.raises(ValueError, match="available banks"):
        Grader("no_such_notebook")
    with pytest.raises(ValueError, match="grader mode"):
        Grader("orientation", mode="lenient")
    monkeypatch.setenv("HRFAIR_GRADER", "typo")
    with pytest.raises(ValueError, match="HRFAIR_GRADER"):
        Grader("orientation").check("q1_label_rate_by_sex", ...)


def test_unknown_question_is_feedback_not_a_crash():
    feedback = Grader("orientation").evaluate("q99", 1)
    assert feedback.status == "incorrect"
    assert "q1_label_rate_by_sex" in feedback.detail


def test_summary_keeps_the_best_attempt_and_shows_the_last():
    bank = get_bank("orientation")
    grader = Grader("orientation")
    qids = list(bank.questions)
    grader.check(qids[0], 12345)
    grader.check(qids[0], bank.questions[qids[0]].expected(bank.context()))
    grader.check(qids[0], {"Female": 0.5, "Male": 0.5})  # an experiment after the right answer
    grader.check(qids[1], ...)
    grader.check(qids[1], 0.1)
    table = grader.summary().to_frame()
    assert list(table.columns) == ["asks", "best", "last", "attempts", "points"]
    assert tuple(table.loc[qids[0], ["best", "last", "attempts"]]) == ("correct", "incorrect", 3)
    assert tuple(table.loc[qids[1], ["best", "last"]]) == ("incorrect", "incorrect")
    assert tuple(table.loc[qids[2], ["best", "last", "attempts"]]) == ("not checked", "not checked", 0)
    assert table.loc[qids[0], "asks"] == bank.questions[qids[0]].full_prompt
    summary = grader.summary()
    assert summary.score == 1 and summary.total == len(qids)
    assert "1/" in summary.text() and "<table" in summary._repr_html_() and repr(summary) == summary.text()
    assert max(len(line) for line in summary.text().splitlines()[1:]) < 160  # long prompts are shortened


def test_hint_prints_every_hint(capsys):
    Grader("orientation").hint("q1_label_rate_by_sex")
    assert "Hint 1:" in capsys.readouterr().out


def test_custom_bank_context_is_computed_once_per_parameter_set():
    calls = []

    def setup(seed=0):
        calls.append(seed)
        return {"value": seed * 2}

    bank = Bank("tmp", "tmp", setup)
    bank.add(Question("q", "double the seed", lambda ctx: ctx["value"], Number()))
    assert bank.context(seed=3)["value"] == 6
    bank.context(seed=3)
    bank.context(seed=4)
    assert calls == [3, 4]
    with pytest.raises(ValueError, match="already"):
        bank.add(Question("q", "dup", lambda ctx: 0, Number()))


def test_custom_detector_is_used():
    bank = Bank("tmp2", "tmp", lambda: {})
    question = Question(
        "q",
        "a positive number",
        lambda ctx: 2.0,
        Number(),
        misconceptions=(
            Misconception("negative", "must be positive", lambda ctx: -2.0, detect=lambda got, ctx: got < 0),
        ),
    )
    bank.add(question)
    grader = Grader(bank, mode="feedback")
    assert grader.evaluate("q", -7).misconception == "negative"
    assert grader.evaluate("q", 7).misconception == ""


# --- comparisons -----------------------------------------------------------------------------


def test_number_tolerances_and_forms():
    number = Number(atol=1e-3, rtol=0)  # older callers: tolerances instead of decimals
    assert number.instructions() == "" and not number.rounded(0.5, 0.5004) and not number.near(0.51, 0.5)
    assert number.match(number.normalize(np.float32(0.5004)), 0.5)[0]
    assert number.normalize(np.array(0.25)) == 0.25
    assert not number.match(0.51, 0.5)[0]
    for bad, message in [(True, "yes/no"), ("0.5", "number"), (float("nan"), "NaN"), (pd.Series([0.5]), "single")]:
        with pytest.raises(Unfit, match=message):
            number.normalize(bad)


def test_per_group_labels_and_differences():
    per_group = PerGroup(atol=1e-6)
    expected = per_group.normalize(pd.Series({("F", "B"): 0.1, ("M", "W"): 0.3}))
    assert set(expected) == {"F × B", "M × W"}
    assert per_group.match(per_group.normalize({"F, B": 0.1, "M × W": 0.3}), expected)[0]
    ok, detail = per_group.match(per_group.normalize({"F × B": 0.2, "M × W": 0.3}), expected)
    assert not ok and "F × B" in detail
    ok, detail = per_group.match(per_group.normalize({"F × B": 0.1}), expected)
    assert not ok and "missing groups" in detail
    frame = pd.DataFrame({"rate": [0.1, 0.3]}, index=["a", "b"])
    assert per_group.normalize(frame) == {"a": 0.1, "b": 0.3}
    with pytest.raises(Unfit, match="select the one column"):
        per_group.normalize(pd.DataFrame({"x": [1], "y": [2]}))


def test_choice_yesno_labels():
    choice = Choice(["Equal opportunity", "Demographic parity"])
    assert choice.normalize("  equal OPPORTUNITY ") == "Equal opportunity"
    with pytest.raises(Unfit, match="not one of"):
        choice.normalize("calibration")
    yes_no = YesNo()
    assert yes_no.normalize(np.bool_(False)) is False
    with pytest.raises(Unfit):
        yes_no.normalize("True")
    labels = Labels()
    assert labels.normalize(["b", "a"]) == labels.normalize(pd.Index(["a", "b"]))
    with pytest.raises(Unfit):
        labels.normalize("a")
    assert not labels.match(labels.normalize(["a"]), labels.normalize(["a", "b"]))[0]


def test_feedback_for_none_mentions_assignment():
    feedback = Grader("orientation").evaluate("q2_impact_ratio_female", None)
    assert feedback.status == "incorrect"
    assert "None" in feedback.message


@pytest.mark.parametrize("question_id", [["q1_label_rate_by_sex"], {"q": 1}, None, 3, "q99"])
def test_hint_for_an_unknown_or_non_string_question_prints_a_message(capsys, question_id):
    Grader("orientation").hint(question_id)
    out = capsys.readouterr().out
    assert out.startswith(f"There is no question {question_id!r}; questions are ")
    assert "q1_label_rate_by_sex" in out


# --- precision as a teacher judges it --------------------------------------------------------


def test_number_decimals_half_a_unit_rounding_and_near_misses():
    three = Number(decimals=3)
    assert (three.atol, three.rtol, three.instructions()) == (0.0005, 0.0, "(give 3 decimals, e.g. 0.123)")
    assert three.match(0.358, 0.35802)[0] and three.match(0.3585, 0.358)[0]  # half a unit, float-safe
    assert not three.match(0.3586, 0.358)[0]
    assert three.rounded(0.36, 0.35802) and three.rounded(0.4, 0.35802)  # right to 2 and to 1 decimal
    assert not three.rounded(0.0, 0.35802)  # "0" shows no digit of the answer
    assert not three.rounded(0.37, 0.35802) and not three.rounded(0.359, 0.35802)  # wrong, or enough decimals
    assert three.near(0.356, 0.35802) and not three.near(0.362, 0.35802)
    assert Number(decimals=0).instructions() == "(give a whole number)" and Number(decimals=0).whole
    assert Number(decimals=1).instructions() == "(give 1 decimal, e.g. 0.1)"
    for bad in ({"decimals": 2, "atol": 0.1}, {"decimals": -1}, {"decimals": 1.5}, {"decimals": True}):
        with pytest.raises(ValueError):
            Number(**bad)


def test_written_decimals_and_float32():
    assert [written_decimals(x) for x in (0.36, 0.7, 12.0, 1e-5, 0.1 + 0.2)] == [2, 1, 0, 5, 17]
    assert written_decimals(float("inf")) is None
    assert Number(decimals=2).normalize(np.float32(0.36)) == 0.36  # the digits the learner saw


def test_per_group_decimals_rounding_and_near():
    rates = PerGroup(decimals=3)
    expected = rates.normalize({"a": 0.1094, "b": 0.3057})
    assert rates.instructions() == "(give 3 decimals for each group, e.g. 0.123)"
    assert rates.match(rates.normalize({"a": 0.109, "b": 0.306}), expected)[0]
    assert rates.rounded(rates.normalize({"a": 0.11, "b": 0.306}), expected)
    assert not rates.rounded(rates.normalize({"a": 0.12, "b": 0.306}), expected)
    assert not rates.rounded(rates.normalize({"a": 0.11}), expected)  # a group missing is not rounding
    assert rates.near(rates.normalize({"a": 0.111, "b": 0.3057}), expected)
    assert rates.transform(expected, lambda x: 100 * x) == pytest.approx({"a": 10.94, "b": 30.57})
    assert rates.transform({"a": 0.0, "b": 0.3}, lambda x: 1 / x) is None


def test_labels_fold_case_separators_and_float_keys():
    assert fold("High Visibility Projects") == fold("high_visibility_projects") == fold(" high-visibility  projects ")
    assert fold(3.0) == fold(3) == fold("3") and fold(2.5) == "2.5"
    per_group = PerGroup(decimals=2)
    expected = per_group.normalize({3: 0.55, 4: 0.69, "non-binary": 0.3})
    got = per_group.normalize({3.0: 0.55, "4": 0.69, "Non Binary": 0.3})
    assert per_group.match(got, expected)[0]
    assert list(per_group.align(got, expected)) == ["3", "4", "non-binary"]
    # Two expected labels folding alike are kept apart rather than guessed.
    twins = per_group.normalize({"a b": 0.1, "a_b": 0.2})
    assert per_group.match(per_group.normalize({"a b": 0.1, "a_b": 0.2}), twins)[0]
    ok, detail = per_group.match(per_group.normalize({"A B": 0.1, "a_b": 0.2}), twins)
    assert not ok and "missing groups ['a b']" in detail
    # Two answers folding to one expected label: the exact spelling wins, the other is extra.
    both = per_group.normalize({"female": 0.1, "Female": 0.1})
    ok, detail = per_group.match(both, per_group.normalize({"Female": 0.1}))
    assert not ok and "unexpected groups ['female']" in detail
    labels = Labels()
    assert labels.match(
        labels.normalize(["Hiring Chatbot", "resume_screener"]), labels.normalize(["hiring-chatbot", "resume-screener"])
    )[0]
    assert Word().normalize("High Visibility Projects") == Word().normalize("high_visibility_projects")
    with pytest.raises(Unfit):
        labels.normalize(np.array(0.5))


def test_choice_aliases_and_prompt():
    choice = Choice(
        ["equal_opportunity", "demographic_parity"],
        aliases={"equal opportunity": ("TPR parity", "true positive rate parity", "FNR parity")},
    )
    for answer in ("TPR parity", "tpr-parity", "True Positive Rate Parity", "fnr_parity", "Equal Opportunity"):
        assert choice.normalize(answer) == "equal_opportunity"
    assert choice.instructions() == "Answer with one of 'equal_opportunity', 'demographic_parity'."
    question = Question("q", "Which metric?", lambda ctx: "equal_opportunity", choice)
    assert question.full_prompt == "Which metric? Answer with one of 'equal_opportunity', 'demographic_parity'."
    with pytest.raises(ValueError, match="two options"):
        Choice(["a", "b"], aliases={"a": ["x"], "b": ["X"]})
    with pytest.raises(ValueError, match="not one of the options"):
        Choice(["a"], aliases={"c": ["x"]})
    with pytest.raises(ValueError, match="fold"):
        Choice(["a b", "a_b"])


# --- the order of judgement --------------------------------------------------------------------


def test_rounding_comes_before_misconceptions_and_misconceptions_before_slips():
    # The fnlwgt case: reference 0.3580, a weighting mistake gives 0.3597; both are 0.36.
    weighted = Misconception("weighted", "You weighted rows.", lambda ctx: 0.3597)
    grader = _grader(Question("q", "a ratio", lambda ctx: 0.358022, Number(decimals=3), misconceptions=(weighted,)))
    assert grader.evaluate("q", 0.358).correct
    rounding = grader.evaluate("q", 0.36)
    assert (rounding.status, rounding.misconception) == ("incorrect", "")
    assert rounding.message == "Close — check your rounding: give 3 decimals."
    assert grader.evaluate("q", 0.3597).misconception == "weighted"
    assert grader.evaluate("q", 0.360).misconception == ""  # 0.360 is the float 0.36: right to 2 decimals
    assert grader.evaluate("q", 35.8).misconception == "percentage"
    assert grader.evaluate("q", 36).misconception == "percentage"  # a percentage to its own precision
    assert grader.evaluate("q", -0.358).misconception == "reversed_sign"
    assert grader.evaluate("q", 2.793).misconception == "inverted"
    assert grader.evaluate("q", 0.642).misconception == "complement"
    near = grader.evaluate("q", 0.356)
    assert near.misconception == "" and near.message.startswith("Close — check your rounding: round to 3 decimals")
    assert grader.evaluate("q", 0.5).message == "The answer differs from the expected one."


def test_a_mistake_that_gives_the_right_answer_on_this_data_never_fires():
    same = Misconception("same", "never said", lambda ctx: 0.5004)
    grader = _grader(Question("q", "a share", lambda ctx: 0.5, Number(decimals=2), misconceptions=(same,)))
    # 1 - 0.5 and the misconception's 0.5004 are within tolerance of 0.5: neither can be told apart.
    assert grader.evaluate("q", 0.5).correct
    assert grader.evaluate("q", 0.501).correct
    assert grader.evaluate("q", -0.5).misconception == "reversed_sign"
    assert grader.evaluate("q", 2).misconception == "inverted"
    assert {m.id for m in COMMON_MISTAKES} == {"percentage", "reversed_sign", "inverted", "complement"}


def test_brief_figures_and_counts():
    ratio = Question(
        "q",
        "a ratio",
        lambda ctx: 0.62,
        Number(decimals=2),
        brief_figures=(0.7, 0.3),
        brief_feedback="That is the brief's 30% lower.",
    )
    agrees = Question("r", "a ratio", lambda ctx: 0.7012, Number(decimals=2), brief_figures=(0.7,))
    count = Question("n", "a count", lambda ctx: 705, Number(decimals=0))
    grader = _grader(ratio, agrees, count)
    for figure in (0.7, 0.70, 0.3):
        feedback = grader.evaluate("q", figure)
        assert feedback.misconception == "brief_figure" and "30% lower" in feedback.message
    assert grader.evaluate("r", 0.7).correct  # the data agrees with the brief
    assert grader.evaluate("r", 0.6955).misconception == ""  # so 0.70 is no brief figure to point at
    assert grader.evaluate("n", 705.0).correct and grader.evaluate("n", -705).misconception == "reversed_sign"
    assert grader.evaluate("n", 70500).misconception == ""  # a count has no percentage
    assert grader.evaluate("n", 707).message.startswith("Close — check your rounding")


def test_per_group_slips_and_folded_labels():
    grader = _grader(
        Question("q", "rates", lambda ctx: pd.Series({"Female": 0.1095, "Male": 0.3057}), PerGroup(decimals=3))
    )
    assert grader.evaluate("q", {"female": 0.1095, "MALE": 0.3057}).correct
    assert grader.evaluate("q", {"Female": 10.9, "Male": 30.6}).misconception == "percentage"
    assert grader.evaluate("q", {"Female": 0.89, "Male": 0.694}).misconception == "complement"
    rounding = grader.evaluate("q", {"female": 0.11, "male": 0.31})
    assert rounding.message == "Close — check your rounding: give 3 decimals."


def test_a_misconception_that_cannot_be_computed_is_skipped():
    broken = Misconception("broken", "never said", lambda ctx: 1 / 0)
    grader = _grader(Question("q", "a share", lambda ctx: 0.25, Number(decimals=2), misconceptions=(broken,)))
    feedback = grader.evaluate("q", 0.9)
    assert feedback.status == "incorrect" and feedback.misconception == "" and "could not" not in feedback.message


def test_question_full_prompt_states_the_precision():
    question = get_bank("orientation").questions["q2_impact_ratio_female"]
    assert question.full_prompt == question.prompt + " (give 2 decimals, e.g. 0.12)"
    assert Question("q", "True or False?", lambda ctx: True, YesNo()).full_prompt == "True or False?"
