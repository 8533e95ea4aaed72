"""Tests for candidate-specific notebook variants (``hrfair variant``, hrfair_helpers.interview.variant).

A variant of scenario 03 for seed N is the learner copy with ``SEED = N``: its data come from case
seed N and its grader is ``Grader("promotion_gap", seed=SEED)``. The answer keys list what that
grader expects. One test executes the *solution* notebook with seed 3 under
``HRFAIR_GRADER=strict``, so every check must pass on seed 3's data: the graders follow the seed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from hrfair_helpers.cli import EXIT_USAGE, main
from hrfair_helpers.grading import Grader
from hrfair_helpers.interview.variant import REGISTRY, answer_key, find_root, make_variant, set_seed, supported
from hrfair_helpers.student import BEGIN_SOLUTION, END_SOLUTION, render_student_notebook

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "03_promotion_gap.ipynb"
NAMES = ("03_promotion_gap_seed3.ipynb", "03_promotion_gap_seed3_answer_key.md",
         "03_promotion_gap_seed3_answer_key.json")


@pytest.fixture(scope="module")
def seed3(tmp_path_factory):
    """The seed-3 variant, written in this process."""
    return make_variant("03", 3, tmp_path_factory.mktemp("seed3"), root=ROOT)


@pytest.fixture(scope="module")
def key3(seed3):
    return json.loads(seed3[2].read_text(encoding="utf-8"))


def _solution_regions(path):
    """Code lines inside the solution regions of a notebook."""
    lines, inside = [], False
    for cell in nbformat.reader.reads(path.read_text(encoding="utf-8")).cells:
        for line in "".join(cell.source).splitlines():
            if line.strip() == BEGIN_SOLUTION:
                inside = True
            elif line.strip() == END_SOLUTION:
                inside = False
            elif inside and line.strip() and not line.lstrip().startswith("#"):
                lines.append(line.strip())
    return lines


# --- the seed in the data -------------------------------------------------------------------


def test_seed_zero_is_the_published_case():
    from hrfair_helpers.datasets.promotions import make_promotions
    from hrfair_helpers.mitigation.promotion_options import TEST, TRAIN, data_seeds, promotion_data

    assert data_seeds() == data_seeds(0) == (0, 1) and data_seeds(3) == (6, 7)
    train, test = promotion_data()
    pd.testing.assert_frame_equal(train, make_promotions(**TRAIN))
    pd.testing.assert_frame_equal(test, make_promotions(**TEST))
    train3, _ = promotion_data(seed=3)
    pd.testing.assert_frame_equal(train3, make_promotions(n=TRAIN["n"], seed=6))
    for bad in (-1, 1.5, "3", True):
        with pytest.raises(ValueError, match="non-negative integer"):
            data_seeds(bad)


# --- the files ------------------------------------------------------------------------------


def test_writes_the_three_files(seed3):
    assert [p.name for p in seed3] == list(NAMES)
    assert all(p.is_file() and p.stat().st_size > 0 for p in seed3)


def test_same_seed_gives_identical_bytes_in_a_fresh_process(seed3, tmp_path):
    # A new process recomputes everything (no cached context or comparison), through the CLI.
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    run = subprocess.run(
        [sys.executable, "-m", "hrfair_helpers", "variant", "--notebook", "03", "--seed", "3", "--out", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=600, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert [line.removeprefix("wrote ") for line in run.stdout.splitlines()] == [
        (tmp_path / name).as_posix() for name in NAMES
    ]
    for first in seed3:
        assert (tmp_path / first.name).read_bytes() == first.read_bytes(), first.name


def test_variant_notebook_is_the_learner_copy_with_the_seed(seed3):
    text = seed3[0].read_text(encoding="utf-8")
    learner = render_student_notebook(SOLUTION)
    assert learner.count('"SEED = 0\\n"') == 1
    assert text == learner.replace('"SEED = 0\\n"', '"SEED = 3\\n"')  # nothing else differs
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert "SEED = 3" in code and "SEED = 0" not in code
    assert 'Grader("promotion_gap", seed=SEED)' in code and "promotion_data(seed=SEED)" in code
    assert BEGIN_SOLUTION not in text and END_SOLUTION not in text
    solution_lines = _solution_regions(SOLUTION)
    assert len(solution_lines) > 20
    assert [line for line in solution_lines if line in code] == []
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")


def test_answer_key_lists_every_question_for_the_interviewer(seed3, key3):
    from hrfair_helpers.grading.banks import get_bank

    bank = get_bank("promotion_gap")
    md = seed3[1].read_text(encoding="utf-8")
    assert key3["seed"] == 3 and key3["notebook_file"] == NAMES[0]
    assert key3["grader"] == 'Grader("promotion_gap", seed=3)'
    assert [q["id"] for q in key3["questions"]] == list(bank.questions)
    for q, question in zip(key3["questions"], bank.questions.values()):
        assert f"`{q['id']}`" in md and question.prompt in md
        assert [m["id"] for m in q["misconceptions"]] == [m.id for m in question.misconceptions]
        for m in q["misconceptions"]:
            assert f"- `{m['id']}`: " in md
    by_id = {q["id"]: q for q in key3["questions"]}
    assert f"**Expected:** {by_id['q02_impact_ratio']['expected']:.4f} " in md
    assert "| woman | " in md and "| man | " in md  # a per-group answer as a table
    # Stable JSON: sorted keys, numbers rounded to 10 decimals.
    text = seed3[2].read_text(encoding="utf-8")
    assert text == json.dumps(key3, indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    def floats(value):
        if isinstance(value, float):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from floats(v)
        elif isinstance(value, list):
            for v in value:
                yield from floats(v)

    assert all(round(x, 10) == x for x in floats(key3))


def test_answer_key_is_what_the_seeded_grader_accepts(key3):
    # Every expected answer in the key passes the seed-3 grader; the published (seed 0) grader
    # rejects the numbers, so a candidate copying the published solution's values is caught.
    seeded, published = Grader("promotion_gap", seed=3, mode="feedback"), Grader("promotion_gap", mode="feedback")
    for q in key3["questions"]:
        assert seeded.evaluate(q["id"], q["expected"]).correct, q["id"]
        for m in q["misconceptions"]:
            if m["answer"] is not None and not m["same_as_expected"]:
                assert not seeded.evaluate(q["id"], m["answer"]).correct, (q["id"], m["id"])
    # (Only questions that need no mitigation comparison: seed 0's context is built lazily, so this stays fast.)
    expected = {q["id"]: q["expected"] for q in key3["questions"]}
    for qid in ("q01_recommendation_rate_by_gender", "q02_impact_ratio", "q03_shortfall", "q04_band_impact_ratios",
                "q07_label_bias_among_ready"):
        assert not published.evaluate(qid, expected[qid]).correct, qid


def test_two_seeds_give_different_expected_answers(key3):
    key5 = answer_key("03", 5)
    assert [q["id"] for q in key5["questions"]] == [q["id"] for q in key3["questions"]]
    three = {q["id"]: q["expected"] for q in key3["questions"]}
    five = {q["id"]: q["expected"] for q in key5["questions"]}
    differ = {qid for qid in three if three[qid] != five[qid]}
    numeric = {"q01_recommendation_rate_by_gender", "q02_impact_ratio", "q03_shortfall", "q04_band_impact_ratios",
               "q07_label_bias_among_ready", "q08_tenure_missed_years", "q11_auc_change_against_readiness",
               "q12_intersectional_ratio"}
    assert numeric <= differ
    assert three["q06_strongest_proxy"] != five["q06_strongest_proxy"]  # even the root cause can move


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notebook", "seed", "message"),
    [
        ("04", 3, r"notebook '04' has no variants; supported: 03 \(03_promotion_gap\)"),
        ("99_unknown", 3, "supported: 03"),
        ("03", -1, "seed must be a non-negative integer, got -1"),
        ("03", 2.5, "non-negative integer"),
        ("03", "3", "non-negative integer"),
        ("03", True, "non-negative integer"),
        ("03", 0, "seed 0 is the published solution; pick another so the candidate cannot look the answers up"),
    ],
)
def test_bad_input_is_refused_before_anything_is_written(tmp_path, notebook, seed, message):
    out = tmp_path / "out"
    with pytest.raises(ValueError, match=message):
        make_variant(notebook, seed, out, root=ROOT)
    assert not out.exists()


def test_output_folder_that_is_a_file_is_refused(tmp_path):
    file = tmp_path / "taken.txt"
    file.write_text("x")
    with pytest.raises(ValueError, match="is a file"):
        make_variant("03", 3, file, root=ROOT)


def test_missing_solutions_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"solutions/03_promotion_gap.ipynb.*not found.*repository"):
        make_variant("03", 3, tmp_path / "out", root=tmp_path)
    assert not (tmp_path / "out").exists()
    assert find_root(ROOT) == ROOT


def test_registry_and_seed_line():
    assert supported() == ["03"] and REGISTRY["03"].bank == "promotion_gap"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\nSEED = 0  # case seed\nSEED_B = 0")])
    assert set_seed(nb, 12).cells[0].source == "x = 1\nSEED = 12  # case seed\nSEED_B = 0"
    with pytest.raises(ValueError, match="exactly once, found 0"):
        set_seed(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("SEED = 1")]), 3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--notebook", "04", "--seed", "3"], "notebook '04' has no variants; supported: 03"),
        (["--notebook", "03", "--seed", "0"], "seed 0 is the published solution"),
        (["--notebook", "03", "--seed", "-4"], "non-negative integer"),
        (["--notebook", "03", "--seed", "x"], "invalid int value: 'x'"),
        (["--notebook", "03"], "required: --seed"),
    ],
)
def test_cli_exits_2_with_a_message(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    assert main(["variant", *args, "--out", str(out)]) == EXIT_USAGE
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_refuses_an_output_file(tmp_path, capsys):
    file = tmp_path / "taken.txt"
    file.write_text("x")
    assert main(["variant", "--notebook", "03", "--seed", "3", "--out", str(file)]) == EXIT_USAGE
    assert "hrfair variant: error: output folder" in capsys.readouterr().err


# --- end to end -----------------------------------------------------------------------------


def test_solution_variant_passes_every_strict_check(tmp_path, monkeypatch):
    """The worked solution with SEED = 3 runs with every grader check strict: graders follow the seed."""
    from nbclient import NotebookClient

    nb = set_seed(nbformat.reader.reads(SOLUTION.read_text(encoding="utf-8")), 3)
    path = tmp_path / "03_promotion_gap_seed3_solution.ipynb"
    path.write_text(nbformat.writes(nb), encoding="utf-8")
    monkeypatch.setenv("HRFAIR_GRADER", "strict")  # the kernel inherits it: a wrong answer raises
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    passed = [
        output["data"]["text/plain"]
        for cell in nb.cells if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "display_data" and "text/plain" in output.get("data", {})
        and output["data"]["text/plain"].startswith("✔ q")
    ]
    checked = {text.split(":", 1)[0].removeprefix("✔ ") for text in passed}
    from hrfair_helpers.grading.banks import get_bank

    assert checked == set(get_bank("promotion_gap").questions)
