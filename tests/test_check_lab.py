"""The JupyterLab browser check's pure parts, without a browser or a server (``make check-lab`` runs the rest)."""

import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "buildtools"))

import check_lab  # noqa: E402

SOURCES = [
    ("markdown", "# Title"),
    ("code", "import x\ngrader = Grader('g')"),
    ("code", "# YOUR CODE HERE\nanswer = ..."),
]


def cells(*prompts, stderr=None):
    """Cells as the page reports them: the markdown cell, then one code cell per prompt."""
    stderr = stderr or {}
    return [{"kind": "other", "prompt": "", "stderr": []}] + [
        {"kind": "code", "prompt": p, "stderr": stderr.get(i + 1, [])} for i, p in enumerate(prompts)
    ]


def test_a_clean_run_has_no_problems():
    assert check_lab.run_problems("nb", SOURCES, cells("[1]:", "[2]:")) == []
    assert check_lab.first_bad_cell(cells("[1]:", "[2]:")) is None


@pytest.mark.parametrize(
    "page,expected,bad",
    [
        (cells("[1]:", "[ ]:"), "1 code cell(s) did not run, from cell 3 ('answer = ...')", 2),
        (cells("[1]:", "[*]:"), "cell 3 ('answer = ...'): still running", 2),
        (
            cells("[1]:", "[2]:", stderr={2: ["Traceback\n  File x\nKeyError: 'min_impact_ratio'\n"]}),
            "cell 3 ('answer = ...'): shows an error/stderr output: KeyError: 'min_impact_ratio'",
            2,
        ),
        (cells("[1]:", "[2]:", stderr={1: ["FutureWarning: moved"]}), "cell 2 ('import x'): shows an error/stderr", 1),
        (cells("[1]:"), "the page shows 2 cells, the file has 3", None),
    ],
)
def test_each_kind_of_failed_run_is_reported(page, expected, bad):
    problems = check_lab.run_problems("nb", SOURCES, page)
    assert any(expected in p for p in problems), problems
    if bad is not None:
        assert check_lab.first_bad_cell(page) == bad


def test_an_error_is_reported_before_cells_that_did_not_run():
    page = cells("[ ]:", "[2]:", stderr={2: ["ValueError: x"]})
    assert check_lab.first_bad_cell(page) == 2


def test_find_cell_wants_exactly_one_code_cell():
    sources = [
        ("markdown", "what_if_explorer(...) in prose"),
        ("code", "what_if_explorer(model)"),
        ("code", "from x import what_if_explorer"),
    ]
    assert check_lab.find_cell(sources, "what_if_explorer(") == 1
    with pytest.raises(ValueError, match="0 code cells"):
        check_lab.find_cell(sources, "threshold_explorer(")
    with pytest.raises(ValueError, match="2 code cells"):
        check_lab.find_cell(sources, "what_if_explorer")


def test_key_presses():
    assert check_lab.key_presses("ArrowLeft*3") == ["ArrowLeft"] * 3
    assert check_lab.key_presses("End", "2.5", "17.25") == ["End"]
    assert check_lab.key_presses("End", "17.25", "17.25") == ["Home"]  # already at the end: go the other way
    assert check_lab.key_presses("End") == ["End"]


def test_lines_are_shortened_for_messages():
    assert check_lab.first_line("# a comment\n\n  x = 1\ny = 2") == "x = 1"
    assert check_lab.last_line("Traceback\n  File\nKeyError: 'a'\n\n") == "KeyError: 'a'"
    assert len(check_lab.first_line("x" * 500)) == 60


def test_the_checked_cells_are_in_the_learner_notebooks():
    for explorer in check_lab.EXPLORERS:
        sources = check_lab.read_sources(ROOT / "notebooks" / explorer.notebook)
        check_lab.find_cell(sources, explorer.call)
    what_if = check_lab.read_sources(ROOT / "notebooks" / check_lab.WHAT_IF.notebook)
    assert f'"{check_lab.WHAT_IF.slider}"' in what_if[check_lab.find_cell(what_if, check_lab.WHAT_IF.call)][1]
    sources = check_lab.read_sources(ROOT / "notebooks" / check_lab.WRONG.notebook)
    cell = sources[check_lab.find_cell(sources, f'grader.check("{check_lab.WRONG.question}"')][1]
    assert "..." in cell, "the learner copy's answer is a placeholder the check replaces"


def test_the_wrong_answer_is_a_known_misconception_with_feedback():
    from hrfair_helpers.grading import Grader

    feedback = check_lab.misconception_feedback(check_lab.WRONG)
    answer = check_lab.WRONG.source.split("=", 1)[1].split("#")[0].strip()
    assert answer == "True"
    shown = Grader(check_lab.WRONG.bank, mode="feedback").evaluate(check_lab.WRONG.question, True)
    assert not shown.correct
    assert check_lab.normalise(feedback) in check_lab.normalise(shown._repr_html_())


def test_the_self_test_breaks_a_copy_and_not_the_originals(tmp_path):
    for name in check_lab.NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / name, tmp_path / name)
    before = {name: (ROOT / "notebooks" / name).read_bytes() for name in check_lab.NOTEBOOKS}
    check_lab.break_notebooks(tmp_path)
    assert before == {name: (ROOT / "notebooks" / name).read_bytes() for name in check_lab.NOTEBOOKS}
    what_if = check_lab.read_sources(tmp_path / check_lab.WHAT_IF.notebook)
    assert "broken on purpose" in what_if[check_lab.find_cell(what_if, check_lab.WHAT_IF.call)][1]
    assert check_lab.SILENT_GRADER.strip() in what_if[check_lab.find_cell(what_if, "grader = Grader(")][1]
    threshold = check_lab.read_sources(tmp_path / check_lab.THRESHOLD.notebook)
    assert "raise RuntimeError" in threshold[check_lab.find_cell(threshold, check_lab.THRESHOLD.call)][1]
    json.loads((tmp_path / check_lab.WHAT_IF.notebook).read_text(encoding="utf-8"))  # still a valid notebook


def test_screenshot_names():
    assert check_lab.shot_name("03_promotion_gap.ipynb", "run_all") == "03_promotion_gap__run_all.png"
