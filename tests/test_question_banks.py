"""Every question of every bank, judged as a teacher would, on the published case (seed 0).

One test per bank walks all its questions, so a bank's context (a fitted model, a mitigation
comparison) is built once per test worker; each test lists every problem it finds at once.
"""

import re

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.grading import Grader
from hrfair_helpers.grading.banks import available, get_bank
from hrfair_helpers.grading.compare import Choice, Number


class _BrokenRepr:
    def __repr__(self):
        raise RuntimeError("repr is broken")

    def __len__(self):
        raise RuntimeError("len is broken")


class _Weird(float):
    def __eq__(self, other):
        raise TypeError("no comparisons")

    __hash__ = float.__hash__


ODD_OBJECTS = [
    None,
    0,
    1,
    -1,
    0.5,
    float("nan"),
    float("inf"),
    -float("inf"),
    True,
    False,
    10**30,
    1j,
    "",
    "0.5",
    "Female",
    "demographic parity ",
    "yes",
    b"bytes",
    [],
    [1, 2, 3],
    [[1, 2], [3, 4]],
    (),
    (0.1, 0.2),
    {},
    {"Female": 0.1},
    {"Female": "x", "Male": None},
    {("a", "b"): 1.0},
    {1, 2},
    frozenset(),
    np.array([]),
    np.array(0.5),
    np.array([np.nan, np.nan]),
    np.zeros((3, 3)),
    np.array(["a", "b"]),
    np.float64("nan"),
    np.bool_(True),
    np.int64(3),
    np.float32(0.25),
    pd.Series(dtype=float),
    pd.Series([np.nan, 1.0]),
    pd.Series({"Female": 0.1, "Male": 0.3, "Other": 0.2}),
    pd.Series({"female": 0.1, "FEMALE": 0.3}),
    {3.0: 0.5, "3": 0.4},
    pd.DataFrame(),
    pd.DataFrame({"a": [1], "b": [2]}),
    pd.Index(["Female"]),
    ValueError("an exception instance"),
    ValueError,
    object(),
    _BrokenRepr(),
    _Weird(0.3),
    lambda x: x,
    range(3),
    slice(1, 2),
    Ellipsis.__class__,
    pd.NA,
    pd.NaT,
]


def _rounded(value, decimals):
    """The reference as a learner would copy it: every number rounded to ``decimals``."""
    if isinstance(value, pd.Series):
        return value.round(decimals)
    if isinstance(value, dict):
        return {k: round(float(v), decimals) for k, v in value.items()}
    return round(float(value), decimals)


def _coarser(value, decimals):
    """The reference rounded to fewer decimals than asked, where that still shows a digit."""
    numbers = list(value.values()) if isinstance(value, dict) else [value]
    return [
        {k: round(float(v), d) for k, v in value.items()} if isinstance(value, dict) else round(float(value), d)
        for d in range(decimals)
        if all(abs(float(v)) >= 0.5 * 10.0**-d for v in numbers)
    ]


def _check_question(bank_id, grader, question, ctx):
    """The problems found with one question (an empty list when it judges as it should)."""
    problems = []

    def expect(cond, what):
        if not cond:
            problems.append(f"{bank_id}.{question.id}: {what}")

    compare = question.compare
    reference = question.expected(ctx)
    expected = compare.normalize(reference)
    feedback = grader.evaluate(question.id, reference)
    expect(feedback.correct, f"the reference does not pass: {feedback.text()}")
    expect(grader.evaluate(question.id, ...).status == "not answered", "the placeholder is not 'not answered'")
    expect(question.misconceptions and question.hints, "no misconception or no hint")

    for mistake in question.misconceptions:
        sample = mistake.answer(ctx)
        wrong = compare.normalize(sample)
        expect(
            not compare.match(wrong, expected)[0] and not compare.rounded(wrong, expected),
            f"misconception {mistake.id}'s answer is within the reference's precision: it cannot be told apart",
        )
        feedback = grader.evaluate(question.id, sample)
        expect(
            feedback.status == "incorrect"
            and feedback.misconception == mistake.id
            and mistake.feedback in feedback.text(),
            f"misconception {mistake.id} is not recognised: {feedback.text()}",
        )

    if isinstance(compare, Number):  # PerGroup too
        expect(compare.decimals is not None, "a number question should state its precision (decimals=)")
        feedback = grader.evaluate(question.id, _rounded(reference, compare.decimals))
        expect(feedback.correct, f"the reference rounded to {compare.decimals} decimals fails: {feedback.text()}")
        for coarse in _coarser(expected, compare.decimals):
            if compare.match(compare.normalize(coarse), expected)[0]:
                continue  # 0.7303 to 2 decimals is 0.73, also right to 3
            feedback = grader.evaluate(question.id, coarse)
            expect(
                not feedback.correct
                and feedback.misconception == ""
                and feedback.message.startswith("Close — check your rounding: give"),
                f"{coarse} (the reference to fewer decimals) is not a rounding issue: {feedback.text()}",
            )
        slips = {"negated": lambda x: -x}
        if not compare.whole:  # a count has no percentage, inverse or complement
            slips |= {"percentage": lambda x: 100 * x, "inverted": lambda x: 1 / x, "complement": lambda x: 1 - x}
        for name, fn in slips.items():
            wrong = compare.transform(expected, fn)
            if wrong is None or compare.match(wrong, expected)[0]:
                continue  # on this data the slip gives the right answer (e.g. 1 - 0.5)
            feedback = grader.evaluate(question.id, wrong)
            expect(
                feedback.status == "incorrect" and feedback.misconception,
                f"the {name} answer {wrong} gets no specific feedback: {feedback.text()}",
            )
    if isinstance(compare, Choice):
        expect(
            all(repr(o) in question.full_prompt for o in compare.options),
            f"the prompt does not list the options: {question.full_prompt}",
        )

    for obj in ODD_OBJECTS:
        feedback = grader.evaluate(question.id, obj)
        expect(
            feedback.status in ("incorrect", "correct") and feedback.text() and feedback._repr_html_(),
            f"odd object {type(obj).__name__} gives {feedback.status}",
        )
        expect("could not be checked" not in feedback.message, f"{type(obj).__name__} raised: {feedback.detail}")
    return problems


@pytest.mark.parametrize("bank_id", available())
def test_every_question_judges_like_a_teacher(bank_id):
    bank = get_bank(bank_id)
    ctx = bank.context()
    grader = Grader(bank_id, mode="feedback")
    problems = [p for question in bank.questions.values() for p in _check_question(bank_id, grader, question, ctx)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("bank_id", available())
def test_check_never_raises_on_odd_objects_in_feedback_mode(bank_id, capsys):
    grader = Grader(bank_id, mode="feedback")
    qid = next(iter(grader.bank.questions))  # check() adds display and bookkeeping to evaluate()
    for obj in ODD_OBJECTS:
        grader.check(qid, obj)
    assert capsys.readouterr().out.count(f" {qid}: ") == len(ODD_OBJECTS)
    assert grader.summary().to_frame().loc[qid, "attempts"] == len(ODD_OBJECTS)


# Code in a hint: a backtick, an assignment or comparison, an index or list bracket, or a call
# (an opening parenthesis right after a name, a bracket or a quote). Parentheses in prose pass.
_CODE_IN_HINT = re.compile(r"`|=|\[|[\w)\]'\"]\(")


def test_code_in_hint_detector():
    for code in ("df.groupby('sex')", "rates[0]", "x = 1", "a == b", "`selected`", "mean()", "f(x)[1]"):
        assert _CODE_IN_HINT.search(code), code
    for prose in (
        "Which rows count as 'selected', and what do you divide by?",
        "Women's rate over men's (the reference group): above or below 0.8?",
    ):
        assert not _CODE_IN_HINT.search(prose), prose


@pytest.mark.parametrize("bank_id", available())
def test_hints_step_from_nudge_to_method_to_near_solution(bank_id):
    """Issue 19: every question has three distinct hints, a nudge in words first (it is shown with
    incorrect feedback), then the method, then a near-solution. No context is built."""
    problems = []
    for question in get_bank(bank_id).questions.values():
        where, hints = f"{bank_id}.{question.id}", question.hints
        if len(hints) != 3 or not all(isinstance(h, str) and h.strip() for h in hints):
            problems.append(f"{where}: {len(hints)} hints; want 3 non-empty strings (nudge, method, near-solution)")
        if hints and isinstance(hints[0], str) and _CODE_IN_HINT.search(hints[0]):
            problems.append(f"{where}: the first hint should be a nudge in words, without code: {hints[0]!r}")
        if len({str(h).strip().casefold() for h in hints}) != len(hints):
            problems.append(f"{where}: two hints are the same")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "bank_id,qid,answer,status,misconception,says",
    [
        # The learner test of issue 19: 0.36 is right to 2 decimals, not the fnlwgt-weighted 0.3597.
        ("adult_audit", "q01_label_gap_ratio", 0.36, "incorrect", "", "give 3 decimals"),
        ("adult_audit", "q01_label_gap_ratio", 0.358, "correct", "", ""),
        ("adult_audit", "q01_label_gap_ratio", 0.3597, "incorrect", "weighted", "fnlwgt"),
        ("adult_audit", "q01_label_gap_ratio", 35.8, "incorrect", "percentage", "percentage"),
        ("adult_audit", "q01_label_gap_ratio", -0.358, "incorrect", "reversed_sign", "sign"),
        ("adult_audit", "q01_label_gap_ratio", 0.642, "incorrect", "complement", "1 minus"),
        ("adult_audit", "q01_label_gap_ratio", 0.356, "incorrect", "", "check your rounding"),
        ("adult_audit", "q10_metric_for_screening", "TPR parity", "correct", "", ""),
        ("adult_audit", "q10_metric_for_screening", "Equal Opportunity", "correct", "", ""),
        ("orientation", "q6_largest_disparity", "PPV parity", "correct", "", ""),
        ("orientation", "q1_label_rate_by_sex", {"female": 0.1095, "male": 0.3057}, "correct", "", ""),
        ("orientation", "q2_impact_ratio_female", 0.64, "correct", "", ""),
        ("promotion_gap", "q02_impact_ratio", 0.70, "correct", "", ""),  # as the notebook prints it
        ("promotion_gap", "q02_impact_ratio", 30, "incorrect", "brief_figure", "30% lower"),
        ("promotion_gap", "q04_band_impact_ratios", {3.0: 0.55, 4.0: 0.69, 5.0: 0.87}, "correct", "", ""),
        ("promotion_gap", "q06_strongest_proxy", "High Visibility Projects", "correct", "", ""),
        ("global_governance", "q05_ll144_auditor", "Independent auditor", "correct", "", ""),
        (
            "global_governance",
            "q03_nyc_aedts",
            ["Resume Screener", "promotion recommender", "video_interview_analyzer"],
            "correct",
            "",
            "",
        ),
    ],
)
def test_answers_from_the_learner_test(bank_id, qid, answer, status, misconception, says):
    feedback = Grader(bank_id, mode="feedback").evaluate(qid, answer)
    assert (feedback.status, feedback.misconception) == (status, misconception), feedback.text()
    assert says in feedback.text()
