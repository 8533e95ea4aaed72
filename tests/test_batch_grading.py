"""Batch grading (``hrfair grade``): submissions, recorded answers, limits, the gradebook and reports.

The pure parts (learner ids, reading the source, the answers' JSON form, the gradebook's shape)
are tested without a kernel. Two runs execute notebooks: the class run (a full solution, a blank
learner copy, an endless loop, a corrupt file and a learner who redefines the grader; graded
twice, the second time through the command line, to compare the bytes) and a quick run of small
notebooks read from a zip download and nbgrader's ``submitted/`` layout.
"""

from __future__ import annotations

import hashlib
import json
import time
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.cli import GRADE_CELL_TIMEOUT, GRADE_MEMORY_MB, GRADE_TIMEOUT, GRADE_WORKERS, main
from hrfair_helpers.grading import Grader, batch, grade_submissions, submissions, write_reports
from hrfair_helpers.grading.answers import (
    AnswerError,
    Unreadable,
    check_sites,
    decode_answer,
    encode_answer,
    grader_call,
    read_recording,
)
from hrfair_helpers.grading.banks import get_bank
from hrfair_helpers.grading.batch import Result, reference_answers
from hrfair_helpers.grading.feedback import CORRECT, INCORRECT, Feedback
from hrfair_helpers.grading.gradebook import gradebook_rows
from hrfair_helpers.grading.submissions import collect_submissions, learner_id, sanitize_id

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
BANK = "orientation"
QIDS = list(get_bank(BANK).questions)
#: The class run's cell time limit: the orientation solution's slowest cell takes under 1 s on an
#: idle machine (all its cells about 3 s), so the endless loop is the one cell it stops.
CELL_TIMEOUT = 6
#: The quick run's time limit for a whole notebook; its notebooks' cells take about 1 s.
TIMEOUT = 6
HEAD = f'from hrfair_helpers.grading import Grader\ngrader = Grader("{BANK}")'


def _notebook(*sources, **metadata) -> bytes:
    """An nbformat 4.5 notebook of code cells (plain JSON: importing nbformat takes seconds)."""
    cells = [
        {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": source}
        for i, source in enumerate(sources)
    ]
    metadata = {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}, **metadata}
    nb = {"cells": cells, "metadata": metadata, "nbformat": 4, "nbformat_minor": 5}
    return (json.dumps(nb, indent=1) + "\n").encode("utf-8")


HOSTILE = _notebook(
    HEAD,
    "import hrfair_helpers.grading as g\n"
    "import hrfair_helpers.grading.grader as gg\n"
    "from hrfair_helpers.grading.banks import get_bank\n"
    "class Grader:\n"
    "    def __init__(self, *args, **kwargs):\n"
    "        pass\n"
    "    def check(self, *args, **kwargs):\n"
    "        print('correct')\n"
    "g.Grader = gg.Grader = Grader\n"
    "grader = Grader()\n"
    f"for question in get_bank('{BANK}').questions.values():\n"
    "    object.__setattr__(question, 'expected', lambda ctx: 0.5)  # every reference answer is now 0.5",
    'label_rate_by_sex = 0.5\ngrader.check("q1_label_rate_by_sex", label_rate_by_sex)',
    'impact_ratio_female = 0.5\ngrader.check("q2_impact_ratio_female", impact_ratio_female)',
)


def _digests(folder: Path) -> dict:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _rows(out: Path) -> dict:
    lines = (out / "gradebook.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    return {row[0]: dict(zip(header, row)) for row in (line.split(",") for line in lines[1:])}


# --- learner ids and inputs (no kernel) ----------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "kw", "expected"),
    [
        ("doejane_12345_678901_00_orientation.ipynb", {}, "doejane_12345_678901"),  # Canvas download
        ("doejane_12345_678901_00_orientation-1.ipynb", {}, "doejane_12345_678901"),  # a resubmission
        ("sub/Jane Doe_4711_assignsubmission_file_/00_orientation.ipynb", {}, "Jane_Doe_4711"),  # Moodle
        ("submitted/ana/ps1/00_orientation.ipynb", {"student": "ana"}, "ana"),  # nbgrader
        ("x/00_orientation.ipynb", {"metadata": {"hrfair": {"learner_id": "l-042"}}}, "l-042"),
        ("submitted/ana/ps1/nb.ipynb", {"student": "ana", "metadata": {"hrfair": {"learner_id": "bob"}}}, "ana"),
        ("00_orientation.ipynb", {}, "00_orientation"),  # nothing else to go by
        ("../../etc/passwd.ipynb", {}, "passwd"),
    ],
)
def test_learner_id(source, kw, expected):
    assert learner_id(source, **kw) == expected


def test_sanitized_ids_are_safe_file_names():
    for raw in ("a/b", "..", "x" * 200, "a\nb,c", "<script>"):
        clean = sanitize_id(raw)
        assert clean and "/" not in clean and "," not in clean and len(clean) <= 80 and not clean.startswith(".")


def test_folders_skip_checkpoints_and_list_other_files(tmp_path):
    course = tmp_path / "class"
    (course / ".ipynb_checkpoints").mkdir(parents=True)
    (course / ".ipynb_checkpoints" / "a-checkpoint.ipynb").write_bytes(b"{}")
    (course / "a.ipynb").write_bytes(b"{}")
    (course / "notes.pdf").write_bytes(b"%PDF")
    skipped = []
    found = collect_submissions([course], skipped)
    assert [s.source for s in found] == ["class/a.ipynb"] and skipped == ["class/notes.pdf"]


def test_nbgrader_course_root_reads_submitted(tmp_path):
    folder = tmp_path / "course" / "submitted" / "ana" / "ps1"
    folder.mkdir(parents=True)
    (folder / "00_orientation.ipynb").write_bytes(b"{}")
    (folder / "timestamp.txt").write_text("2026-12-01 10:00:00")
    skipped = []
    found = collect_submissions([tmp_path / "course"], skipped)
    assert [(s.source, s.student, s.assignment) for s in found] == [
        ("submitted/ana/ps1/00_orientation.ipynb", "ana", "ps1")
    ]
    assert skipped == []  # nbgrader's timestamp.txt is expected, not a stray file


def test_zip_members_are_read_in_memory_never_extracted(tmp_path, monkeypatch):
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("../../evil.ipynb", b"{}")
        zf.writestr("__MACOSX/._a.ipynb", b"junk")
        zf.writestr("big.ipynb", b"x" * 2000)
        zf.writestr("readme.txt", b"hi")
    monkeypatch.setattr(submissions, "MAX_NOTEBOOK_BYTES", 1000)
    skipped = []
    found = {s.source: s for s in collect_submissions([archive], skipped)}
    assert sorted(found) == ["download.zip/big.ipynb", "download.zip/evil.ipynb"]
    assert found["download.zip/big.ipynb"].data is None and "larger than" in found["download.zip/big.ipynb"].problem
    assert skipped == ["download.zip/readme.txt"]
    assert not (tmp_path.parent / "evil.ipynb").exists() and sorted(p.name for p in tmp_path.iterdir()) == [
        "download.zip"
    ]


def test_a_corrupt_zip_and_a_stray_file_are_rows_not_errors(tmp_path):
    (tmp_path / "broken.zip").write_bytes(b"PK not really")
    (tmp_path / "essay.docx").write_bytes(b"words")
    found = collect_submissions([tmp_path / "broken.zip", tmp_path / "essay.docx"])
    assert [(s.source, s.data) for s in found] == [("broken.zip", None), ("essay.docx", None)]
    with pytest.raises(FileNotFoundError):
        collect_submissions([tmp_path / "missing"])


# --- reading the source (no kernel) --------------------------------------------------------------


def test_grader_call_reads_literals_and_the_seed_variable_without_running_anything():
    assert grader_call(["SEED = 7", 'grader = Grader("promotion_gap", seed=SEED)']) == ("promotion_gap", {"seed": 7})
    assert grader_call(['grader = hrfair_helpers.grading.Grader(notebook_id="orientation", mode="strict")']) == (
        "orientation",
        {},
    )
    assert grader_call(['%matplotlib inline\ngrader = Grader("orientation")']) == ("orientation", {})
    assert grader_call(['grader = Grader(__import__("os").system("echo pwned"))', "x = (("]) is None
    assert grader_call(['grader = Grader("promotion_gap", seed=compute())']) == ("promotion_gap", {})


def test_check_sites_find_each_answer_expression():
    source = (
        '!pip list\nx = 1\ngrader.check("q1", x)\nmy.check("q2", rates.round(3))\n'
        'grader.check(answer=y, question_id="q3")\nfor q in qs:\n    grader.check(q, 1)\n'
        'def f():\n    grader.check("q4", local)'
    )
    assert check_sites(source) == [("q1", "x"), ("q2", "rates.round(3)"), ("q3", "y")]
    assert check_sites("def broken(:") == []


def test_reference_answers_come_from_the_solutions():
    refs = reference_answers(SOLUTIONS)
    assert refs.stems["00_orientation"] == BANK and refs.stems["03_promotion_gap"] == "promotion_gap"
    assert set(refs.sites[BANK]) == set(QIDS)
    assert reference_answers(ROOT / "no-such-folder") == batch.References()


def test_a_submission_is_identified_by_its_grader_line_or_its_file_name():
    refs = reference_answers(SOLUTIONS)
    nb = {"cells": [{"cell_type": "code", "source": "x = 1"}], "metadata": {}}
    assert batch._identify(nb, "doejane_1_03_promotion_gap.ipynb", refs) == ("promotion_gap", {})
    assert batch._identify(nb, "class/03_promotion_gap (2).ipynb", refs) == ("promotion_gap", {})
    assert batch._identify(nb, "doejane_1_03_promotion_gap-1.ipynb", refs) == ("promotion_gap", {})
    assert batch._identify(nb, "essay.ipynb", refs) is None
    nb["metadata"] = {"hrfair": {"bank": BANK}}
    assert batch._identify(nb, "essay.ipynb", refs) == (BANK, {})


def test_the_plan_records_each_site_and_falls_back_to_the_solution_expression():
    sub = submissions.Submission(
        "ana.ipynb",
        _notebook(HEAD, 'r = 1\ngrader.check("q2_impact_ratio_female", r)', 'grader.check("no_such_question", 1)'),
    )
    job = batch._prepare(0, sub, reference_answers(SOLUTIONS), 30, 1024)
    assert job.result is None and job.bank_id == BANK
    assert [c["sites"] for c in job.plan["cells"]] == [[], [["q2_impact_ratio_female", "r"]], []]
    fallback = dict(job.plan["fallback"])
    assert fallback["q2_impact_ratio_female"] == "r" and fallback["q4_shortfall"] == "shortfall_women"


def test_unreadable_submissions_are_not_notebooks():
    refs = reference_answers(SOLUTIONS)
    for data, why in [
        (b"not json", "not a notebook"),
        (b"\xff\xfe\x00", "not UTF-8"),
        (b"[1, 2]", "not a notebook"),
        (_notebook("print('no grader here')"), "unknown assignment"),
    ]:
        job = batch._prepare(0, submissions.Submission("x.ipynb", data), refs, 30, 1024)
        assert job.result.status == "not a notebook" and why in job.result.message, job.result.message


# --- answers across the kernel boundary (no kernel) ----------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        0.1 + 0.2,
        "Equal opportunity",
        ...,
        float("nan"),
        float("-inf"),
        np.float32(0.36),
        np.float64(0.358),
        np.int64(705),
        np.bool_(False),
        [1, "a"],
        (1, 2.5),
        {"b", "a"},
        frozenset({1}),
        {"Female": 0.11, ("Male", "White"): 0.31},
        pd.Series([0.11, 0.31], index=pd.CategoricalIndex(["Female", "Male"]), name="rate"),
        pd.Series([1.0, 2.0], index=pd.MultiIndex.from_tuples([("F", "a"), ("M", "b")])),
        pd.DataFrame({"rate": [0.1, 0.2], "n": [3, 4]}, index=["F", "M"]),
        pd.Index(["a", "b"]),
        np.array([[1, 2], [3, 4]]),
        np.array(0.5),
        pd.Timestamp("2027-08-02"),
    ],
)
def test_answers_survive_the_trip_as_json(value):
    text = json.dumps([["q", encode_answer(value)]], allow_nan=False)  # strict JSON: no NaN tokens
    back = read_recording(text)[0][1]
    assert type(back) is type(value) or isinstance(value, pd.Series) or isinstance(value, pd.Index)
    if isinstance(value, (pd.Series, pd.DataFrame)):
        assert back.values.tolist() == value.values.tolist() and list(back.index) == list(value.index)
    elif isinstance(value, pd.Index):
        assert list(back) == list(value)
    elif isinstance(value, np.ndarray):
        assert np.array_equal(back, value) and back.dtype == value.dtype
    elif isinstance(value, float) and value != value:
        assert back != back
    else:
        assert back == value


def test_what_cannot_be_sent_as_data_is_marked_not_pickled():
    class Custom:
        def __repr__(self):
            raise RuntimeError("broken repr")

    encoded = encode_answer([Custom()])
    assert encoded["v"][0]["t"] == "unreadable" and encoded["v"][0]["type"].endswith("Custom")
    assert isinstance(decode_answer(encoded)[0], Unreadable)
    assert encode_answer(list(range(10)), max_items=5)["t"] == "unreadable"
    nested = []
    for _ in range(50):
        nested = [nested]
    assert "nested" in json.dumps(encode_answer(nested))
    assert decode_answer({"t": "error", "v": "NameError: x"}) == AnswerError("NameError: x")
    for bad in (
        {"t": "pickle", "v": "gASV"},
        {"t": "np.float", "v": "1", "dtype": "object"},
        [1, 2],
        {"t": "array", "v": [1], "dtype": "V8"},
    ):
        with pytest.raises(ValueError):
            decode_answer(bad)


def test_a_recorded_answer_gets_the_feedback_the_learner_saw():
    """Every reference answer and misconception of the bank, graded after the JSON trip, says the same."""
    grader, bank = Grader(BANK, mode="feedback"), get_bank(BANK)
    ctx = bank.context()
    for qid, question in bank.questions.items():
        for answer in [question.expected(ctx)] + [m.answer(ctx) for m in question.misconceptions]:
            sent = read_recording(json.dumps([[qid, encode_answer(answer)]]))[0][1]
            assert grader.evaluate(qid, sent) == grader.evaluate(qid, answer), qid


# --- the gradebook and reports (no kernel) -------------------------------------------------------


def _result(lid, status, correct=(), misconception=None):
    bank = get_bank(BANK)
    r = Result(
        lid,
        f"{lid}.ipynb",
        status,
        assignment=BANK,
        title=bank.title,
        max_points=sum(q.points for q in bank.questions.values()),
    )
    for qid, question in bank.questions.items():
        if qid in correct:
            r.feedback[qid] = Feedback(qid, CORRECT, "well done")
        elif misconception and qid == misconception[0]:
            r.feedback[qid] = Feedback(qid, INCORRECT, "You used percentages.", misconception=misconception[1])
        else:
            r.feedback[qid] = Feedback(qid, INCORRECT, "differs")
        r.points[qid] = question.points if qid in correct else 0
    return r


def test_gradebook_shape_is_fixed_sorted_and_lms_friendly():
    results = [
        _result("zoe", "graded", correct=QIDS[:2]),
        _result("ana", "timed out"),
        Result("bob", "bob.ipynb", "not a notebook", "not valid JSON"),
    ]
    rows = gradebook_rows(results)
    assert rows[0] == ["learner_id", "status", *QIDS, "total", "max", "percent", "assignment"]
    assert [r[0] for r in rows[1:]] == ["ana", "bob", "zoe"]
    assert rows[2] == ["bob", "not a notebook", *[""] * len(QIDS), "0", "6", "0.00", ""]
    assert rows[3][-4:] == ["2", "6", "33.33", BANK]


def test_a_run_mixing_assignments_names_columns_by_bank():
    other = Result(
        "cy",
        "cy.ipynb",
        "graded",
        assignment="promotion_gap",
        max_points=1,
        points={"q01_recommendation_rate_by_gender": 1},
    )
    header = gradebook_rows([_result("ana", "graded"), other])[0]
    assert header[2] == f"{BANK}:{QIDS[0]}" and "promotion_gap:q01_recommendation_rate_by_gender" in header


def test_reports_list_misconceptions_and_are_byte_identical(tmp_path):
    results = [
        _result("ana", "graded", correct=QIDS[:3], misconception=(QIDS[4], "percentage")),
        _result("bob", "graded", misconception=(QIDS[4], "percentage")),
        Result("cy", "cy.ipynb", "not a notebook", "not valid JSON"),
    ]
    first = write_reports(results, tmp_path / "a", skipped=["x.pdf"])
    write_reports(results, tmp_path / "b", skipped=["x.pdf"])
    assert _digests(tmp_path / "a") == _digests(tmp_path / "b")
    assert {p.name for p in first} >= {
        "gradebook.csv",
        "summary.md",
        "summary.html",
        "summary.png",
        "ana.md",
        "cy.html",
    }
    summary = (tmp_path / "a" / "summary.md").read_text(encoding="utf-8")
    assert f"| {QIDS[4]} | percentage | 2 | You used percentages. |" in summary
    assert f"| {QIDS[0]} | 1 | 1 | 0 | 0.50 |" in summary and "x.pdf" in summary
    assert (tmp_path / "a" / "summary.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"Software" not in (tmp_path / "a" / "summary.png").read_bytes()  # no version stamp
    (tmp_path / "a" / "feedback" / "gone.md").write_text("stale")
    write_reports(results, tmp_path / "a")
    assert not (tmp_path / "a" / "feedback" / "gone.md").exists()


def test_cli_usage_errors_exit_2(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main(["grade", str(tmp_path / "missing"), "--out", str(tmp_path / "out")]) == 2
    assert main(["grade", str(tmp_path / "in"), "--out", str(tmp_path / "in" / "grades")]) == 2
    assert main(["grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--workers", "0"]) == 2
    assert main(["grade", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--timeout", "-1"]) == 2
    assert main(["grade", str(tmp_path / "in")]) == 2  # --out is required
    assert "inside the input" in capsys.readouterr().err
    assert (GRADE_WORKERS, GRADE_TIMEOUT, GRADE_CELL_TIMEOUT, GRADE_MEMORY_MB) == (
        batch.DEFAULT_WORKERS,
        batch.DEFAULT_TIMEOUT,
        batch.DEFAULT_CELL_TIMEOUT,
        batch.DEFAULT_MEMORY_MB,
    )


# --- the class run: notebooks executed in kernels ------------------------------------------------


@pytest.fixture(scope="module")
def class_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("class")
    folder = root / "submissions"
    folder.mkdir()
    (folder / "solution.ipynb").write_bytes((SOLUTIONS / "00_orientation.ipynb").read_bytes())
    (folder / "blank.ipynb").write_bytes((ROOT / "notebooks" / "00_orientation.ipynb").read_bytes())
    (folder / "endless.ipynb").write_bytes(_notebook(HEAD, "while True:\n    pass"))
    (folder / "corrupt.ipynb").write_bytes(b"not json")
    (folder / "hostile.ipynb").write_bytes(HOSTILE)
    before = _digests(folder)
    start = time.perf_counter()
    results = grade_submissions([folder], workers=4, timeout=60, cell_timeout=CELL_TIMEOUT, solutions=SOLUTIONS)
    elapsed = time.perf_counter() - start
    write_reports(results, root / "out")
    return {
        "root": root,
        "folder": folder,
        "before": before,
        "results": {r.learner_id: r for r in results},
        "elapsed": elapsed,
        "out": root / "out",
    }


def test_four_kinds_of_submission_give_one_row_each_with_the_right_status(class_run):
    rows = _rows(class_run["out"])
    assert {k: (v["status"], v["total"]) for k, v in rows.items()} == {
        "blank": ("graded", "0"),
        "corrupt": ("not a notebook", "0"),
        "endless": ("timed out", "0"),
        "hostile": ("graded", "0"),
        "solution": ("graded", "6"),
    }, class_run["results"]["solution"].message
    assert rows["solution"]["percent"] == "100.00" and all(rows["solution"][q] == "1" for q in QIDS)
    assert all(rows["blank"][q] == "0" for q in QIDS)
    assert "not answered" in (class_run["out"] / "feedback" / "blank.md").read_text(encoding="utf-8")


def test_redefining_the_grader_in_the_notebook_earns_nothing(class_run):
    hostile = class_run["results"]["hostile"]
    assert hostile.total == 0 and hostile.feedback["q2_impact_ratio_female"].status == INCORRECT
    assert "0.5" in hostile.feedback["q2_impact_ratio_female"].detail  # graded on what it answered


def test_the_cell_time_limit_is_honoured(class_run):
    endless = class_run["results"]["endless"]
    assert endless.status == "timed out"
    assert endless.message == f"code cell 2 interrupted at the cell time limit of {CELL_TIMEOUT} s"
    assert endless.errors == ("code cell 2: TimeoutError: interrupted at the time limit",)
    # Kernel start, the interrupt, the final recording and shutdown fit in the slack.
    assert class_run["elapsed"] < CELL_TIMEOUT + 20, class_run["elapsed"]


def test_submissions_are_never_modified(class_run):
    assert _digests(class_run["folder"]) == class_run["before"]


def test_grading_again_writes_the_same_bytes(class_run, capsys):
    out = class_run["root"] / "again"
    code = main(
        [
            "grade",
            str(class_run["folder"]),
            "--out",
            str(out),
            "--workers",
            "4",
            "--timeout",
            "60",
            "--cell-timeout",
            str(CELL_TIMEOUT),
            "--solutions",
            str(SOLUTIONS),
        ]
    )
    printed = capsys.readouterr().out
    assert code == 0 and "[5/5]" in printed and f"wrote {(out / 'gradebook.csv').as_posix()}" in printed
    assert (out / "gradebook.csv").read_bytes() == (class_run["out"] / "gradebook.csv").read_bytes()
    assert _digests(out) == _digests(class_run["out"])


# --- a quick run: zip download, nbgrader layout, crashes and limits ------------------------------


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    bank = get_bank(BANK)
    ctx = bank.context()
    expected = {
        q: bank.questions[q].expected(ctx) for q in ("q2_impact_ratio_female", "q3_adverse_impact", "q4_shortfall")
    }
    tricky = _notebook(
        HEAD,
        "try:\n    hog = bytearray(3 * 2**30)  # beyond the 1 GB limit\n    shortfall_women = -1\n"
        f"except MemoryError:\n    shortfall_women = {int(expected['q4_shortfall'])}\n"
        'grader.check("q4_shortfall", shortfall_women)',
        f"impact_ratio_female = {float(expected['q2_impact_ratio_female'])!r}\n"
        'grader.check("q2_impact_ratio_female", impact_ratio_female)',
        "impact_ratio_female = 0.0  # reused later: the check above saw the right value\n"
        "list, str, type, isinstance = [0], 'oops', None, None  # shadowed builtins do not break the recording",
        "raise ValueError('a cell that fails')",
        f"adverse_impact_against_women = {bool(expected['q3_adverse_impact'])}",  # its check line is gone
    )
    crash = _notebook(HEAD, "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)  # kills the worker")
    endless = _notebook(
        HEAD,
        'impact_ratio_female = 0.5\ngrader.check("q2_impact_ratio_female", impact_ratio_female)',
        "while True:\n    pass",
        "never = 1",
    )
    root = tmp_path_factory.mktemp("quick")
    course = root / "course" / "submitted" / "ana" / "ps1"
    course.mkdir(parents=True)
    (course / "00_orientation.ipynb").write_bytes(tricky)
    (course / "timestamp.txt").write_text("2026-12-01 10:00:00")
    archive = root / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("doejane_12345_678901_00_orientation.ipynb", crash)
        zf.writestr("../../evil_00_orientation.ipynb", b"{")
        zf.writestr("loops_00_orientation.ipynb", endless)
    skipped = []
    start = time.perf_counter()
    results = grade_submissions(
        [root / "course" / "submitted", archive],
        workers=3,
        timeout=TIMEOUT,
        cell_timeout=None,
        memory_mb=1024,
        solutions=SOLUTIONS,
        skipped=skipped,
    )
    return {r.learner_id: r for r in results}, skipped, time.perf_counter() - start


def test_nbgrader_layout_with_memory_limit_errors_and_reused_names(quick_run):
    results, skipped, _ = quick_run
    ana = results["ana"]
    assert ana.status == "graded" and ana.source == "submitted/ana/ps1/00_orientation.ipynb"
    correct = {q for q, f in ana.feedback.items() if f.correct}
    # q4 proves the 1 GB limit (a 3 GB allocation failed), q2 that the value is the one checked,
    # q3 that a deleted check line falls back to the solution's expression, even after the learner
    # shadowed list, str, type and isinstance.
    assert correct == {"q2_impact_ratio_female", "q3_adverse_impact", "q4_shortfall"}, ana.feedback
    assert ana.errors == ("code cell 5: ValueError: a cell that fails",)
    assert skipped == []


def test_zip_download_with_a_worker_crash_and_a_broken_member(quick_run):
    results, _, _ = quick_run
    assert results["doejane_12345_678901"].status == "failed to run"
    assert "signal 9" in results["doejane_12345_678901"].message
    assert (
        results["evil"].status == "not a notebook"
        and results["evil"].source == "download.zip/evil_00_orientation.ipynb"
    )
    assert set(results) == {"ana", "doejane_12345_678901", "evil", "loops"}


def test_the_notebook_time_limit_is_honoured(quick_run):
    results, _, elapsed = quick_run
    loops = results["loops"]
    assert loops.status == "timed out"
    assert loops.message == f"stopped at code cell 3: the notebook's time limit of {TIMEOUT} s was reached"
    assert loops.feedback["q2_impact_ratio_female"].status == INCORRECT  # answered before the loop: still graded
    assert elapsed < TIMEOUT + 20, elapsed
