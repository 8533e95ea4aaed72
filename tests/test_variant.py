"""Tests for candidate-specific notebook variants (``hrfair variant``, hrfair_helpers.interview.variant).

A variant of scenario 03 (or 04) for seed N is the learner copy with ``SEED = N``: its data come
from case seed N and its grader is ``Grader("promotion_gap", seed=SEED)`` (``"chatbot_incident"``).
The answer keys list what that grader expects. One test executes the 03 *solution* notebook with
seed 3 under ``HRFAIR_GRADER=strict``, so every check must pass on seed 3's data: the graders follow
the seed. For 04 (slower to execute) the seed-3 answer key is checked against the strict grader.
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
from hrfair_helpers.interview.variant import (
    REGISTRY,
    answer_key,
    claims,
    find_root,
    make_variant,
    set_seed,
    supported,
)
from hrfair_helpers.student import BEGIN_SOLUTION, END_SOLUTION, render_student_notebook

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "03_promotion_gap.ipynb"
NAMES = (
    "03_promotion_gap_seed3.ipynb",
    "03_promotion_gap_seed3_answer_key.md",
    "03_promotion_gap_seed3_answer_key.json",
)
#: Per notebook with variants: its bank and the seeded calls its learner copy must make.
CASES = {
    "03": ("promotion_gap", ("promotion_data(seed=SEED)",)),
    "04": ("chatbot_incident", ("make_chatbot_logs(seed=SEED)", "chatbot_options(seed=SEED)")),
    "07": ("wellbeing_analytics", ("make_wellbeing_data(seed=SEED)", "rescore_options(staff, seed=SEED)")),
}
NOTEBOOKS = pytest.mark.parametrize("notebook", sorted(CASES))


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    """``variants(notebook)``: the seed-3 variant of ``notebook``, written once in this process."""
    written = {}

    def get(notebook):
        if notebook not in written:
            written[notebook] = make_variant(notebook, 3, tmp_path_factory.mktemp(f"seed3_{notebook}"), root=ROOT)
        return written[notebook]

    return get


@pytest.fixture(scope="module")
def seed3(variants):
    """The seed-3 variant of 03."""
    return variants("03")


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


@NOTEBOOKS
def test_writes_the_three_files(variants, notebook):
    written = variants(notebook)
    assert [p.name for p in written] == list(REGISTRY[notebook].file_names(3))
    assert all(p.is_file() and p.stat().st_size > 0 for p in written)
    if notebook == "03":
        assert [p.name for p in written] == list(NAMES)


@NOTEBOOKS
def test_same_seed_gives_identical_bytes_in_a_fresh_process(variants, notebook, tmp_path):
    # A new process recomputes everything (no cached context or comparison), through the CLI.
    seed3 = variants(notebook)
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "hrfair_helpers",
            "variant",
            "--notebook",
            notebook,
            "--seed",
            "3",
            "--out",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert [line.removeprefix("wrote ") for line in run.stdout.splitlines()] == [
        (tmp_path / name).as_posix() for name in REGISTRY[notebook].file_names(3)
    ]
    for first in seed3:
        assert (tmp_path / first.name).read_bytes() == first.read_bytes(), first.name


@NOTEBOOKS
def test_variant_notebook_is_the_learner_copy_with_the_seed(variants, notebook):
    bank, seeded_calls = CASES[notebook]
    solution = ROOT / REGISTRY[notebook].solution
    text = variants(notebook)[0].read_text(encoding="utf-8")
    learner = render_student_notebook(solution)
    assert learner.count('"SEED = 0\\n"') == 1
    expected = learner.replace('"SEED = 0\\n"', '"SEED = 3\\n"')
    for published, own in zip(claims(REGISTRY[notebook], 0), claims(REGISTRY[notebook], 3)):
        expected = expected.replace(published, own)
    assert text == expected  # nothing else differs: the seed, and the claims the Markdown states
    nb = nbformat.reads(text, as_version=4)
    nbformat.validate(nb)
    code = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "code")
    assert "SEED = 3" in code and "SEED = 0" not in code
    assert f'Grader("{bank}", seed=SEED)' in code and all(call in code for call in seeded_calls)
    assert BEGIN_SOLUTION not in text and END_SOLUTION not in text
    solution_lines = _solution_regions(solution)
    assert len(solution_lines) > 20
    assert [line for line in solution_lines if line in code] == []
    assert all(not cell.get("outputs") for cell in nb.cells if cell.cell_type == "code")


@pytest.mark.parametrize("seed", [3, 17, 42])
def test_no_stale_claim_remains_in_a_variant(tmp_path, seed):
    """The brief's figures follow the seed: seed 17's women are recommended 22% less often, not 30%."""
    published, own = claims(REGISTRY["03"], 0), claims(REGISTRY["03"], seed)
    assert published == ("30% lower", "30% less often")
    nb = nbformat.reads(make_variant("03", seed, tmp_path, root=ROOT)[0].read_text(encoding="utf-8"), as_version=4)
    markdown = "\n".join(cell.source for cell in nb.cells if cell.cell_type == "markdown")
    for old, new in zip(published, own):
        assert new in markdown
        if old != new:
            assert old not in markdown, (seed, old)
    if seed == 17:
        assert "22% lower" in markdown.splitlines()[0]  # the title


def test_claims_must_stay_in_the_solution(tmp_path, monkeypatch):
    """A claim the notebook no longer states is an error, not a silent no-op."""
    from dataclasses import replace

    monkeypatch.setitem(REGISTRY, "03", replace(REGISTRY["03"], claims=lambda ctx: ("an unstated 99% figure",)))
    with pytest.raises(ValueError, match="no longer states 'an unstated 99% figure'"):
        make_variant("03", 5, tmp_path, root=ROOT)


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
    for qid in (
        "q01_recommendation_rate_by_gender",
        "q02_impact_ratio",
        "q03_shortfall",
        "q04_band_impact_ratios",
        "q07_label_bias_among_ready",
    ):
        assert not published.evaluate(qid, expected[qid]).correct, qid


def test_two_seeds_give_different_expected_answers(key3):
    key5 = answer_key("03", 5)
    assert [q["id"] for q in key5["questions"]] == [q["id"] for q in key3["questions"]]
    three = {q["id"]: q["expected"] for q in key3["questions"]}
    five = {q["id"]: q["expected"] for q in key5["questions"]}
    differ = {qid for qid in three if three[qid] != five[qid]}
    numeric = {
        "q01_recommendation_rate_by_gender",
        "q02_impact_ratio",
        "q03_shortfall",
        "q04_band_impact_ratios",
        "q07_label_bias_among_ready",
        "q08_tenure_missed_years",
        "q11_auc_change_against_readiness",
        "q12_intersectional_ratio",
    }
    assert numeric <= differ
    assert three["q06_strongest_proxy"] != five["q06_strongest_proxy"]  # even the root cause can move


# --- notebook 04 -----------------------------------------------------------------------------


def test_chatbot_seed_zero_is_the_published_case():
    from hrfair_helpers.cases import ChatbotCase
    from hrfair_helpers.datasets.chatbot import make_chatbot_logs

    published, seeded = ChatbotCase(), ChatbotCase(seed=3)
    assert published.seed == ChatbotCase(seed=0).seed == 0 and seeded.seed == 3
    pd.testing.assert_frame_equal(published.logs.drop(columns="language_group"), make_chatbot_logs())
    pd.testing.assert_frame_equal(seeded.logs.drop(columns="language_group"), make_chatbot_logs(seed=3))
    for bad in (-1, 1.5, "3", True):
        with pytest.raises(ValueError, match="non-negative integer"):
            ChatbotCase(seed=bad)


def test_chatbot_answer_key_is_what_the_strict_seeded_grader_accepts(variants):
    # Every expected answer of the seed-3 key passes the seed-3 grader in strict mode (a wrong one
    # would raise); the misconceptions that differ from it fail; the published grader rejects the numbers.
    import numpy as np

    from hrfair_helpers.cases import ChatbotCase
    from hrfair_helpers.mitigation.chatbot_options import chatbot_options

    key = json.loads(variants("04")[2].read_text(encoding="utf-8"))
    assert key["grader"] == 'Grader("chatbot_incident", seed=3)' and key["notebook_file"] == (
        "04_chatbot_incident_seed3.ipynb"
    )
    strict = Grader("chatbot_incident", seed=3, mode="strict")
    for q in key["questions"]:
        strict.check(q["id"], q["expected"])
        for m in q["misconceptions"]:
            if m["answer"] is not None and not m["same_as_expected"]:
                assert not strict.evaluate(q["id"], m["answer"]).correct, (q["id"], m["id"])
    # The context's options are those of seed 3 (memoised per seed).
    options = ChatbotCase(seed=3).options["decisions"]
    for name, decisions in chatbot_options(seed=3)["decisions"].items():
        np.testing.assert_array_equal(options[name], decisions)
    published = Grader("chatbot_incident", mode="feedback")
    expected = {q["id"]: q["expected"] for q in key["questions"]}
    for qid in ("q02_pass_rates_by_first_language", "q03_impact_ratio_non_native"):  # logs only: fast
        assert not published.evaluate(qid, expected[qid]).correct, qid


def test_chatbot_two_seeds_give_different_expected_answers(variants):
    three = {q["id"]: q["expected"] for q in json.loads(variants("04")[2].read_text(encoding="utf-8"))["questions"]}
    five = {q["id"]: q["expected"] for q in answer_key("04", 5)["questions"]}
    assert list(five) == list(three)
    numeric = {
        "q02_pass_rates_by_first_language",
        "q03_impact_ratio_non_native",
        "q05_demeaning_reply_rate",
        "q06_wer_ratio",
        "q07_ratio_after_rescoring",
        "q08_gap_closed_share",
    }
    assert numeric <= {qid for qid in three if three[qid] != five[qid]}
    assert three["q10_options_meeting_criterion"] != five["q10_options_meeting_criterion"]  # even the fix can move


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notebook", "seed", "message"),
    [
        ("05", 3, r"notebook '05' has no variants; supported: 03 \(03_promotion_gap\), 04 \(04_chatbot_incident\)"),
        ("99_unknown", 3, "supported: 03"),
        ("04", 0, "seed 0 is the published solution"),
        ("04", -2, "non-negative integer"),
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
    assert supported() == ["03", "04", "07"] and REGISTRY["03"].bank == "promotion_gap"
    assert REGISTRY["04"].bank == "chatbot_incident" and REGISTRY["04"].stem == "04_chatbot_incident"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1\nSEED = 0  # case seed\nSEED_B = 0")])
    assert set_seed(nb, 12).cells[0].source == "x = 1\nSEED = 12  # case seed\nSEED_B = 0"
    with pytest.raises(ValueError, match="exactly once, found 0"):
        set_seed(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("SEED = 1")]), 3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--notebook", "05", "--seed", "3"], "notebook '05' has no variants; supported: 03"),
        (["--notebook", "04", "--seed", "0"], "seed 0 is the published solution"),
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
        for cell in nb.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "display_data"
        and "text/plain" in output.get("data", {})
        and output["data"]["text/plain"].startswith("✔ q")
    ]
    checked = {text.split(":", 1)[0].removeprefix("✔ ") for text in passed}
    from hrfair_helpers.grading.banks import get_bank

    assert checked == set(get_bank("promotion_gap").questions)
