"""The interview kit: the question bank's data, the coverage self-check, scorecards."""

import datetime as dt
import json

import pytest

from hrfair_helpers.grading.rubric import RED_FLAGS
from hrfair_helpers.interview import (
    RECOMMENDATIONS,
    Scorecard,
    competencies,
    coverage,
    get_question,
    question_bank,
    question_ids,
)
from hrfair_helpers.interview.elements import ELEMENTS, RED_FLAG_CHECKS
from hrfair_helpers.interview.questions import FIELDS, LEVELS, _validate

SCENARIOS = {
    "01_adult_census_audit",
    "02_resume_screener",
    "03_promotion_gap",
    "04_chatbot_incident",
    "05_global_governance",
}
WEAK = "I think fairness is important and I would be careful with it."
QUESTION = "promotion-gap-walkthrough"


def test_bank_has_at_least_twelve_questions_covering_every_scenario_and_competency():
    bank = question_bank()
    assert len(bank) >= 12
    assert SCENARIOS <= set(bank["scenario"])
    assert set(bank["competency"]) == set(competencies())
    assert (bank["competency"].value_counts() >= 2).all()


@pytest.mark.parametrize("question_id", question_ids())
def test_every_question_has_every_field(question_id):
    q = get_question(question_id)
    for name in FIELDS:
        assert getattr(q, name) not in (None, "", ()), name
    assert 1 <= q.time_box_minutes <= 30
    assert len(q.rubric) >= 3 and all(len(levels) == LEVELS and all(levels) for _, levels in q.rubric)
    assert q.rubric_frame().shape == (len(q.rubric), LEVELS)
    assert len(q.model_answer.split()) >= 80


@pytest.mark.parametrize("question_id", question_ids())
def test_coverage_finds_every_element_in_the_model_answer_and_misses_them_in_a_weak_one(question_id):
    q = get_question(question_id)
    strong = coverage(q.model_answer, question_id)
    assert strong.missing == [] and strong.red_flags.empty, strong.text()
    assert strong.to_frame()["evidence"].str.len().gt(0).all()
    weak = coverage(WEAK, question_id)
    assert len(weak.missing) >= len(q.coverage) - 1


@pytest.mark.parametrize("question_id", question_ids())
def test_no_model_answer_raises_any_red_flag_the_self_checks_know(question_id):
    answer = get_question(question_id).model_answer
    found = {flag: detector.find(answer) for flag, detector in RED_FLAGS.items()}
    assert {flag: sentence for flag, sentence in found.items() if sentence} == {}


def test_red_flag_checks_name_detectors_and_the_banks_own_red_flags():
    assert set(RED_FLAG_CHECKS) <= set(question_ids())
    for question_id, checks in RED_FLAG_CHECKS.items():
        assert set(checks) <= set(RED_FLAGS), question_id
        assert set(checks.values()) <= set(get_question(question_id).red_flags), question_id


def test_coverage_reports_the_questions_red_flags_in_the_banks_words():
    flagged = "I removed the sensitive feature and accuracy was fine."
    report = coverage(f"{flagged} I recommend we ship it.", "fairness-performance-trade-off")
    q = get_question("fairness-performance-trade-off")
    assert report.red_flags["text"].tolist() == [q.red_flags[0], q.red_flags[2]]
    assert report.red_flags["sentence"].tolist() == [flagged, flagged]
    assert "trade_off" in report.missing and "recommendation" not in report.missing
    assert "Red flag: Claims that dropping the sex column removes the disparity — the cases teach" in report.text()


@pytest.mark.parametrize(
    "question_id, answer",
    [
        ("lower-cutoff-request", "I recommend we lower the cut-off for women until the retrained model is live."),
        ("ll144-bias-audit", "Local Law 144 requires every impact ratio to be at least 0.8, so I recommend we fix it."),
        ("emotion-recognition-ban", "The Art. 5 ban was postponed, so I would recommend the pilot."),
        ("chatbot-holding-statement", "There is no evidence of bias, and I recommend we say so today."),
    ],
)
def test_an_anti_pattern_sentence_is_no_evidence_for_any_element(question_id, answer):
    report = coverage(answer, question_id)
    assert len(report.red_flags) == 1
    assert "recommendation" in report.missing
    assert report.table.loc["recommendation", "red_flag"] == report.red_flags.index[0]


@pytest.mark.parametrize(
    "question_id, answer",
    [
        (
            "lower-cutoff-request",
            "She asked: 'Just lower the cut-off for female applicants.' I recommend we do not, "
            "because Title VII forbids it.",
        ),
        ("resume-proxies", "I did not conclude there was no bias just because gender is not an input: proxies remain."),
        ("emotion-recognition-ban", "The 2026 amendment postponed the high-risk duties, not the Art. 5 ban."),
    ],
)
def test_the_anti_pattern_named_to_reject_it_raises_no_red_flag(question_id, answer):
    assert coverage(answer, question_id).red_flags.empty


@pytest.mark.parametrize("question_id", [None, 3, ["x"], "no-such-question"])
def test_unknown_or_non_string_question_id_is_a_clear_error(question_id):
    with pytest.raises(ValueError, match="valid ids"):
        coverage("some answer", question_id)


@pytest.mark.parametrize("answer", [..., None, "", "   ", 42, ["an answer in a list"]])
def test_any_answer_gets_a_report_that_says_what_to_write(answer):
    report = coverage(answer, QUESTION)
    assert report.missing == list(get_question(QUESTION).coverage)
    assert "string" in report.note and report.note in report.text()


def test_coverage_is_documented_as_a_study_aid_not_a_hiring_tool():
    assert "never a hiring tool" in coverage.__doc__
    assert "automated employment" in coverage.__doc__


def test_bank_validation_names_what_is_wrong():
    spec = json.loads(json.dumps({"competencies": {"c": "x"}, "questions": [{"id": "q"}]}))
    with pytest.raises(ValueError, match="missing"):
        _validate(spec)
    good = {f: ["x"] for f in FIELDS}
    good.update(
        id="q",
        title="t",
        competency="c",
        scenario="general",
        prompt="p",
        time_box_minutes=5,
        model_answer="m",
        coverage=["nonsense"],
        rubric=[{"dimension": "d", "levels": ["a"] * LEVELS}],
    )
    with pytest.raises(ValueError, match="unknown coverage elements"):
        _validate({"competencies": {"c": "x"}, "questions": [good]})
    good.update(coverage=list(ELEMENTS)[:2], rubric=[{"dimension": "d", "levels": ["a", "b"]}])
    with pytest.raises(ValueError, match="4 non-empty levels"):
        _validate({"competencies": {"c": "x"}, "questions": [good]})


# ---------------------------------------------------------------------------------- scorecards


def filled(notes=True):
    card = Scorecard(QUESTION, candidate="C-017", interviewer="A. Rivera", date="2026-12-01")
    for i, d in enumerate(card.dimensions):
        card.score(d, i % LEVELS + 1, note='said "0.62", then, on reflection,\nrevised it — ok' if notes else "")
    return card.recommend("hire", "Strong on metrics; vague on monitoring.")


def test_scorecard_round_trips_through_json_and_csv_with_awkward_text(tmp_path):
    card = filled()
    assert Scorecard.from_json(card.to_json()) == card
    assert Scorecard.from_csv(card.to_csv()) == card
    card.to_csv(tmp_path / "c.csv")
    card.to_json(tmp_path / "c.json")
    assert Scorecard.from_csv(tmp_path / "c.csv") == card == Scorecard.from_json(tmp_path / "c.json")


def test_partial_scorecard_round_trips_and_reports_what_is_missing():
    card = Scorecard(QUESTION, candidate="C-1", interviewer="B")
    first = card.dimensions[0]
    card.score(first, 2)
    assert card.missing == card.dimensions[1:] and not card.complete
    for copy in (Scorecard.from_csv(card.to_csv()), Scorecard.from_json(card.to_json())):
        assert copy == card and copy.recommendation is None and copy.date == ""
    assert "Not scored:" in card.to_markdown() and "not given" in card.to_markdown()
    assert filled().complete


def test_markdown_and_html_show_levels_anchors_and_notes():
    card = filled()
    text = card.to_markdown()
    first = card.dimensions[0]
    assert f"| {first} | 1 | {card.anchor(first, 1)} |" in text
    assert "**Recommendation:** hire" in text and "Strong on metrics" in text
    assert card.anchor(first, 1) in card._repr_html_()
    assert list(card.to_frame().columns) == ["level", "anchor", "note"]


@pytest.mark.parametrize("level", [0, 5, 2.0, "3", True])
def test_levels_outside_one_to_four_are_refused(level):
    card = Scorecard(QUESTION, candidate="C", interviewer="I")
    with pytest.raises(ValueError, match="level must be an int from 1 to 4"):
        card.score(card.dimensions[0], level)


def test_other_bad_input_gives_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="valid ids"):
        Scorecard("nope", candidate="C", interviewer="I")
    with pytest.raises(ValueError, match="candidate must not be empty"):
        Scorecard(QUESTION, candidate=" ", interviewer="I")
    with pytest.raises(ValueError, match="date must be"):
        Scorecard(QUESTION, candidate="C", interviewer="I", date="1 Dec")
    card = Scorecard(QUESTION, candidate="C", interviewer="I", date=dt.date(2026, 12, 1))
    assert card.date == "2026-12-01"
    with pytest.raises(ValueError, match="is not a dimension"):
        card.score("charisma", 3)
    with pytest.raises(ValueError, match="recommendation must be one of"):
        card.recommend("maybe")
    with pytest.raises(ValueError, match="not a scorecard CSV"):
        Scorecard.from_csv("a,b\n1,2\n")
    with pytest.raises(ValueError, match="not a scorecard JSON"):
        Scorecard.from_json("{not json")
    with pytest.raises(ValueError, match="missing the field"):
        Scorecard.from_dict({"question_id": QUESTION})
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match="is a file"):
        card.save(tmp_path / "file")


def test_save_writes_three_reproducible_files(tmp_path):
    paths = filled().save(tmp_path / "a")
    again = filled().save(tmp_path / "b")
    assert [p.suffix for p in paths] == [".csv", ".json", ".md"]
    assert paths[0].name == f"scorecard_c-017_{QUESTION}_a-rivera.csv"
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]


def test_widget_edits_the_scorecard_and_saves(tmp_path):
    import ipywidgets as w

    card = Scorecard(QUESTION, candidate="C-9", interviewer="I")
    form = card.widget(save_to=tmp_path)
    toggles = [
        c
        for block in form.children
        if isinstance(block, w.VBox)
        for c in block.children
        if isinstance(c, w.ToggleButtons)
    ]
    notes = [
        c for block in form.children if isinstance(block, w.VBox) for c in block.children if isinstance(c, w.Textarea)
    ]
    assert len(toggles) == len(card.dimensions)
    toggles[0].value = "4"
    notes[0].value = "clear, quantified"
    dropdown = next(c for c in form.children if isinstance(c, w.Dropdown))
    dropdown.value = RECOMMENDATIONS[-1]
    assert card.levels[card.dimensions[0]] == 4 and card.notes[card.dimensions[0]] == "clear, quantified"
    assert card.recommendation == "strong hire"
    toggles[0].value = None
    assert card.dimensions[0] in card.missing
    next(c for c in form.children if isinstance(c, w.Button)).click()
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv", ".json", ".md"]


def test_the_book_page_is_rendered_from_the_bank():
    from pathlib import Path

    from hrfair_helpers.interview.render import render_question_bank

    page = Path(__file__).resolve().parents[1] / "book" / "interviewing" / "question_bank.md"
    assert page.read_text(encoding="utf-8") == render_question_bank(), (
        "book/interviewing/question_bank.md is out of date: run `hrfair questions`"
    )
    text = render_question_bank()
    for q in map(get_question, question_ids()):
        assert f"`{q.id}`" in text and q.prompt in text
    assert text.count("## ") >= len(competencies())


def test_questions_command_writes_and_checks_the_page(tmp_path, capsys):
    from hrfair_helpers.cli import main

    page = tmp_path / "bank.md"
    assert main(["questions", "--check", "--out", str(page)]) == 1
    assert "out of date" in capsys.readouterr().err
    assert main(["questions", "--out", str(page)]) == 0
    assert main(["questions", "--check", "--out", str(page)]) == 0
    assert main(["questions", "--out", str(tmp_path)]) == 2


def test_awkward_files_and_text_are_refused_with_a_clear_message(tmp_path):
    # Plain notes, so that the CSV can be cut into lines.
    one, two = filled(notes=False), Scorecard(QUESTION, candidate="C-018", interviewer="A. Rivera").recommend("no hire")
    for d in two.dimensions:
        two.score(d, 2)
    joined = one.to_csv() + "".join(two.to_csv().splitlines(keepends=True)[1:])
    with pytest.raises(ValueError, match="several values of 'candidate'"):
        Scorecard.from_csv(joined)
    lines = one.to_csv().splitlines(keepends=True)
    with pytest.raises(ValueError, match="more than once"):
        Scorecard.from_csv("".join(lines + lines[1:2]))
    with pytest.raises(ValueError, match="level must be"):
        Scorecard.from_csv(one.to_csv().replace(",1,", ",x,", 1))
    for text in ("[1, 2]", "", "null", "   "):
        with pytest.raises(ValueError, match="not a scorecard JSON"):
            Scorecard.from_json(text)
    with pytest.raises(ValueError, match="no such file"):
        Scorecard.from_csv(str(tmp_path / "missing.csv"))
    with pytest.raises(ValueError, match="level must be"):
        one.anchor(one.dimensions[0], 0)
    with pytest.raises(ValueError, match="level must be"):
        one.anchor(one.dimensions[0], 5)


def test_markdown_table_survives_pipes_and_line_breaks():
    card = Scorecard(QUESTION, candidate="C", interviewer="I")
    card.score(card.dimensions[0], 3, note="said a|b\r\nthen c")
    row = next(line for line in card.to_markdown().splitlines() if line.startswith(f"| {card.dimensions[0]}"))
    assert row.count(" | ") == 3 and "a\\|b then c" in row


@pytest.mark.parametrize(
    "sentence",
    [
        "Women's recommendation rates were 16% against 23% for men.",
        "The decision was made by the committee last year.",
        "Even if the recommendation was accurate, nobody read it.",
    ],
)
def test_recommendation_evidence_is_a_recommendation_not_the_word(sentence):
    assert ELEMENTS["recommendation"].find(sentence) == ""


@pytest.mark.parametrize(
    "sentence",
    [
        "I recommend we pause the tool until the audit is done.",
        "We should keep the committee's final say.",
        "I would not deploy it as it is.",
    ],
)
def test_recommendation_evidence_found_in_real_recommendations(sentence):
    assert ELEMENTS["recommendation"].find(sentence) == sentence
