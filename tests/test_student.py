"""Tests for generating learner notebooks (hrfair_helpers.student) and `hrfair student`."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from hrfair_helpers import student
from hrfair_helpers.cli import main
from hrfair_helpers.student import (
    ANSWER_PROMPT,
    CODE_PROMPT,
    check_student_notebooks,
    make_student_notebook,
    write_student_notebooks,
)

ROOT = Path(__file__).resolve().parents[1]
SECRET = "distinctive_solution_text_42"


def _nb(*cells, **metadata):
    nb = new_notebook(cells=list(cells))
    nb.metadata.update(
        {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            **metadata,
        }
    )
    # Fixed ids: new_*_cell() draws random ones, and tests compare bytes.
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"c{i}"
    return nb


def _code(source, tags=None, **kw):
    cell = new_code_cell(source, **kw)
    if tags is not None:
        cell.metadata["tags"] = list(tags)
    return cell


def _solution_nb():
    return _nb(
        new_markdown_cell("# Hiring audit"),
        _code("import math\nx = 2", tags=["hide-input"]),  # not a solution cell: tag stays
        _code(
            f"### BEGIN SOLUTION\nrates = {{'a': 0.5}}  # {SECRET}\n### END SOLUTION\ngrader.check(\"q1\", rates)",
            tags=["hide-input", "graded"],
        ),
        new_markdown_cell(f":::{{dropdown}} Model answer\n{SECRET}\n:::"),
    )


def _tag_solution(nb, index):
    nb.cells[index].metadata["tags"] = ["solution"]
    return nb


def _write(path: Path, nb) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
    return path


def _learner_source(source: str) -> str:
    out = make_student_notebook(_nb(_code(source)))
    return out.cells[0].source


def _assert_compiles(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            compile(cell.source, f"<cell {i}>", "exec")


# --- code regions ------------------------------------------------------------


def test_single_region_becomes_named_placeholder():
    src = "### BEGIN SOLUTION\nrates = report.to_frame()['selection_rate']\n### END SOLUTION\ngrader.check('q1', rates)"
    assert _learner_source(src) == f"{CODE_PROMPT}\nrates = ...\ngrader.check('q1', rates)"


def test_multiple_regions_and_code_outside_kept_verbatim():
    src = (
        "import pandas as pd  # setup\n"
        "### BEGIN SOLUTION\n"
        "a = 1\n"
        "### END SOLUTION\n"
        "check(a)   # between   regions\n"
        "### BEGIN SOLUTION\n"
        "b: int = a + 1\n"
        "### END SOLUTION\n"
        "check(b)\n"
    )
    assert _learner_source(src) == (
        "import pandas as pd  # setup\n"
        f"{CODE_PROMPT}\n"
        "a = ...\n"
        "check(a)   # between   regions\n"
        f"{CODE_PROMPT}\n"
        "b = ...\n"
        "check(b)\n"
    )


def test_indented_region_inside_function_compiles():
    src = (
        "def four_fifths(rates):\n"
        '    """Ratio of lowest to highest rate."""\n'
        "    ### BEGIN SOLUTION\n"
        "    ratio = min(rates) / max(rates)\n"
        "    return ratio\n"
        "    ### END SOLUTION\n"
        "\n"
        "four_fifths([0.4, 0.5])"
    )
    out = _learner_source(src)
    assert f"    {CODE_PROMPT}\n    ratio = ...\n" in out
    compile(out, "<cell>", "exec")


def test_indented_region_without_assignment_compiles():
    src = "for i in range(3):\n    ### BEGIN SOLUTION\n    print(i)\n    ### END SOLUTION\nprint('done')"
    out = _learner_source(src)
    assert out == f"for i in range(3):\n    {CODE_PROMPT}\n    ...\nprint('done')"
    compile(out, "<cell>", "exec")


def test_indent_follows_code_when_comment_or_marker_is_less_indented():
    src = "if True:\n### BEGIN SOLUTION\n# a comment at column 0\n    y = 1\n### END SOLUTION\n"
    out = _learner_source(src)
    assert out == f"if True:\n    {CODE_PROMPT}\n    y = ...\n"
    compile(out, "<cell>", "exec")


def test_tuple_star_augmented_and_repeated_assignments_in_first_seen_order():
    src = (
        "### BEGIN SOLUTION\n"
        "X_train, (X_test, y), *rest = split(data)\n"
        "total = 0\n"
        "total += 1\n"
        "model.coef_ = 3          # attribute: nothing to stub\n"
        "table['col'] = 1         # subscript: nothing to stub\n"
        "for k in range(3):\n"
        "    inner = k            # not top level\n"
        "a = b = 5\n"
        "### END SOLUTION\n"
        "grader.check('q', (b, a, total, rest, y, X_test, X_train))"
    )
    expected = ["X_train", "X_test", "y", "rest", "total", "a", "b"]
    assert _learner_source(src) == "\n".join(
        [CODE_PROMPT]
        + [f"{n} = ..." for n in expected]
        + ["grader.check('q', (b, a, total, rest, y, X_test, X_train))"]
    )


def test_helper_variables_are_not_blanked_only_answers_are():
    """A learner's own `h` must survive: only names that code outside the regions reads are stubbed."""
    src = "### BEGIN SOLUTION\nh = table.copy()\neg = h['rate']\nrate = eg.max()\n### END SOLUTION\ngrader.check('q', rate)"
    assert _learner_source(src) == f"{CODE_PROMPT}\nrate = ...\ngrader.check('q', rate)"


def test_a_name_read_by_a_later_cell_is_an_answer_and_stays_stubbed():
    nb = _nb(_code("### BEGIN SOLUTION\nwinner = 'a'\nh = 1\n### END SOLUTION"), _code("print(winner)"))
    assert make_student_notebook(nb).cells[0].source == f"{CODE_PROMPT}\nwinner = ..."


def test_every_learner_copy_blanks_only_answers():
    """In the shipped learner notebooks, each stubbed name is read outside the solution regions."""
    import re as _re

    from hrfair_helpers.student import _outside_regions

    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        solution = json.loads(path.read_text(encoding="utf-8"))["cells"]
        learner = json.loads((ROOT / "notebooks" / path.name).read_text(encoding="utf-8"))["cells"]
        outside = " ".join(_outside_regions("".join(c["source"])) for c in solution if c["cell_type"] == "code")
        for cell in learner:
            for name in _re.findall(r"^(\w+) = \.\.\.$", "".join(cell["source"]), flags=_re.M):
                assert _re.search(rf"\b{name}\b", outside), (path.name, name)


def test_region_without_assignment_becomes_bare_ellipsis():
    src = "### BEGIN SOLUTION\nplt.plot(x, y)\nplt.show()\n### END SOLUTION"
    assert _learner_source(src) == f"{CODE_PROMPT}\n..."


def test_empty_region_becomes_bare_ellipsis():
    assert _learner_source("### BEGIN SOLUTION\n### END SOLUTION\nz = 1") == f"{CODE_PROMPT}\n...\nz = 1"


@pytest.mark.parametrize(
    "region",
    ["%timeit rates = f()", "rates = (", "!pip install fairlearn\nrates = 1", "else:\n    rates = 2"],
)
def test_unparseable_region_falls_back_to_bare_ellipsis(region):
    out = _learner_source(f"### BEGIN SOLUTION\n{region}\n### END SOLUTION\nprint(1)")
    assert out == f"{CODE_PROMPT}\n...\nprint(1)"
    compile(out, "<cell>", "exec")


@pytest.mark.parametrize(
    ("source", "line", "what"),
    [
        ("x = 1\n### BEGIN SOLUTION\ny = 2", 2, "without a matching '### END SOLUTION'"),
        ("y = 2\n### END SOLUTION", 2, "without a matching '### BEGIN SOLUTION'"),
        ("### BEGIN SOLUTION\na = 1\n### BEGIN SOLUTION\nb = 2\n### END SOLUTION", 3, "nested"),
        ("x = 1  ### BEGIN SOLUTION\ny = 2\n### END SOLUTION", 1, "own"),
    ],
)
def test_malformed_markers_raise_with_notebook_cell_and_line(source, line, what):
    nb = _nb(new_markdown_cell("intro"), _code("ok = 1"), _code(source))
    with pytest.raises(ValueError, match=what) as info:
        make_student_notebook(nb, name="07_broken.ipynb")
    message = str(info.value)
    assert "07_broken.ipynb" in message
    assert "cell 2" in message
    assert f"line {line}" in message


# --- cells, tags, metadata ---------------------------------------------------


def test_notebook_transformation():
    nb = _tag_solution(_solution_nb(), 3)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="2\n")]
    nb.cells[1].execution_count = 7
    nb.cells[2].metadata["execution"] = {"iopub.execute_input": "2026-01-01T00:00:00Z"}

    out = make_student_notebook(nb)

    assert [c.cell_type for c in out.cells] == ["markdown", "code", "code", "markdown"]
    assert [c.id for c in out.cells] == ["c0", "c1", "c2", "c3"]
    assert out.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in out.metadata
    assert "execution" not in out.cells[2].metadata
    for cell in out.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None
    # hide-input is dropped only from solution cells; other tags stay.
    assert out.cells[1].metadata["tags"] == ["hide-input"]
    assert out.cells[2].metadata["tags"] == ["graded"]
    assert out.cells[3].source == ANSWER_PROMPT
    assert out.cells[3].metadata["tags"] == ["answer"]
    assert out.cells[0].source == "# Hiring audit"
    _assert_compiles(out)
    nbformat.validate(out)


def test_hide_input_only_tag_is_removed_entirely():
    nb = _nb(_code("### BEGIN SOLUTION\nq = 1\n### END SOLUTION", tags=["hide-input"]))
    assert "tags" not in make_student_notebook(nb).cells[0].metadata


def test_book_solution_prompt_metadata_is_dropped_from_solution_cells_only():
    prompt = {"code_prompt_show": "Show solution"}
    solution = _code("### BEGIN SOLUTION\nq = 1\n### END SOLUTION", tags=["hide-input"])
    solution.metadata["mystnb"] = dict(prompt)
    plot = _code("plot()", tags=["hide-input"])
    plot.metadata["mystnb"] = dict(prompt)
    out = make_student_notebook(_nb(solution, plot))
    assert "mystnb" not in out.cells[0].metadata
    assert out.cells[1].metadata["mystnb"] == prompt


def test_no_solution_text_in_learner_copy():
    nb = _tag_solution(_solution_nb(), 3)
    assert SECRET in json.dumps(nb)
    text = nbformat.writes(make_student_notebook(nb))
    assert SECRET not in text
    assert "BEGIN SOLUTION" not in text
    assert "END SOLUTION" not in text


def test_untagged_markdown_is_kept():
    nb = _solution_nb()  # the dropdown cell is not tagged `solution` here
    assert make_student_notebook(nb).cells[3].source == nb.cells[3].source


def test_input_notebook_not_mutated():
    nb = _tag_solution(_solution_nb(), 3)
    nb.cells[2].outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": "1"})]
    nb.cells[2].execution_count = 3
    nb.metadata["widgets"] = {"state": {}}
    before = json.dumps(nb, sort_keys=True)
    make_student_notebook(nb)
    assert json.dumps(nb, sort_keys=True) == before


def test_cells_without_ids_get_deterministic_ids():
    nb = _solution_nb()
    for cell in nb.cells:
        del cell["id"]
    first, second = make_student_notebook(nb), make_student_notebook(nb)
    assert [c.id for c in first.cells] == [c.id for c in second.cells]
    nbformat.validate(first)


def test_nbformat_4_4_notebook_stays_without_ids():
    nb = _tag_solution(_solution_nb(), 3)
    nb.nbformat_minor = 4
    for cell in nb.cells:
        del cell["id"]
    out = make_student_notebook(nb)
    assert out.nbformat_minor == 4
    assert all("id" not in cell for cell in out.cells)
    nbformat.validate(out)


def test_module_docstring_examples_run():
    result = doctest.testmod(student, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
    assert result.attempted > 0


# --- files -------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A tmp repository with two solution notebooks; cwd is its root."""
    _write(tmp_path / "solutions" / "01_rates.ipynb", _tag_solution(_solution_nb(), 3))
    _write(
        tmp_path / "solutions" / "02_ratio.ipynb",
        _nb(_code("### BEGIN SOLUTION\nratio = 0.8\n### END SOLUTION\nprint(ratio)", tags=["hide-input"])),
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_write_is_deterministic_and_well_formed(repo):
    written = write_student_notebooks()
    assert written == [Path("notebooks/01_rates.ipynb"), Path("notebooks/02_ratio.ipynb")]
    first = {p: p.read_bytes() for p in written}
    write_student_notebooks()
    assert {p: p.read_bytes() for p in written} == first
    for data in first.values():
        assert data.endswith(b"}\n") and not data.endswith(b"\n\n")
        assert b"\r\n" not in data
        nb = nbformat.reads(data.decode("utf-8"), as_version=4)
        assert data.decode("utf-8") == nbformat.writes(nb) + "\n"  # indent 1, sorted keys
        nbformat.validate(nb)
        _assert_compiles(nb)
        assert SECRET.encode() not in data
    assert check_student_notebooks() == []


def test_write_removes_orphans_but_not_other_files(repo):
    write_student_notebooks()
    orphan = _write(repo / "notebooks" / "03_gone.ipynb", _nb())
    keep = [repo / "notebooks" / "scratch.ipynb", repo / "notebooks" / "README.md"]
    for path in keep:
        path.write_text("{}", encoding="utf-8")
    write_student_notebooks()
    assert not orphan.exists()
    assert all(p.exists() for p in keep)


def test_write_creates_dst_and_missing_src_is_clear(repo):
    write_student_notebooks("solutions", "out/learners")
    assert sorted(p.name for p in (repo / "out" / "learners").iterdir()) == ["01_rates.ipynb", "02_ratio.ipynb"]
    with pytest.raises(FileNotFoundError, match="run from the repository root or pass --src"):
        write_student_notebooks("nope", "notebooks")
    with pytest.raises(FileNotFoundError, match="--src"):
        check_student_notebooks("nope", "notebooks")


def test_authoring_error_writes_nothing(repo):
    _write(repo / "solutions" / "00_bad.ipynb", _nb(_code("### BEGIN SOLUTION\nx = 1")))
    with pytest.raises(ValueError, match="00_bad.ipynb: cell 0, line 1"):
        write_student_notebooks()
    assert not (repo / "notebooks").exists()


def test_check_reports_missing_stale_and_extra(repo):
    problems = check_student_notebooks()
    assert len(problems) == 2 and all(p.startswith("missing: notebooks/0") for p in problems)

    write_student_notebooks()
    assert check_student_notebooks() == []

    stale = repo / "notebooks" / "01_rates.ipynb"
    stale.write_text(stale.read_text(encoding="utf-8").replace("YOUR CODE HERE", "edited"), encoding="utf-8")
    _write(repo / "notebooks" / "09_extra.ipynb", _nb())
    problems = check_student_notebooks()
    assert len(problems) == 2
    assert problems[0].startswith("stale: notebooks/01_rates.ipynb")
    assert problems[1].startswith("extra: notebooks/09_extra.ipynb")


def test_check_tolerates_crlf_checkout(repo):
    write_student_notebooks()
    path = repo / "notebooks" / "02_ratio.ipynb"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert check_student_notebooks() == []


def test_check_reports_authoring_errors(repo):
    _write(repo / "solutions" / "00_bad.ipynb", _nb(_code("### END SOLUTION")))
    problems = check_student_notebooks()
    assert any(p.startswith("invalid: solutions/00_bad.ipynb: cell 0, line 1") for p in problems)


# --- CLI ---------------------------------------------------------------------


def test_cli_student_writes_and_checks(repo, capsys):
    assert main(["student", "--check"]) == 1
    assert "missing: notebooks/01_rates.ipynb" in capsys.readouterr().err

    assert main(["student"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "wrote notebooks/01_rates.ipynb",
        "wrote notebooks/02_ratio.ipynb",
    ]
    assert main(["student", "--check"]) == 0
    assert capsys.readouterr().out.strip() == "notebooks/ is in sync with solutions/ (2 notebooks)"

    _write(repo / "notebooks" / "05_extra.ipynb", _nb())
    assert main(["student", "--check"]) == 1
    assert "extra: notebooks/05_extra.ipynb" in capsys.readouterr().err
    assert main(["student"]) == 0
    assert "removed notebooks/05_extra.ipynb" in capsys.readouterr().out

    learner = repo / "notebooks" / "02_ratio.ipynb"
    learner.write_text(learner.read_text(encoding="utf-8").replace("ratio = ...", "ratio = 1"), encoding="utf-8")
    assert main(["student", "--check"]) == 1
    assert "stale: notebooks/02_ratio.ipynb" in capsys.readouterr().err


def test_cli_custom_dirs(repo, capsys):
    assert main(["student", "--src", "solutions", "--dst", "learners"]) == 0
    assert (repo / "learners" / "02_ratio.ipynb").exists()
    capsys.readouterr()
    assert main(["student", "--dst", "learners", "--check"]) == 0
    assert "learners/ is in sync with solutions/ (2 notebooks)" in capsys.readouterr().out


def test_cli_usage_errors_exit_2(repo, capsys):
    assert main([]) == 2
    assert main(["student", "--bogus"]) == 2
    assert main(["no-such-command"]) == 2
    assert main(["student", "--src", "missing"]) == 2
    assert "run from the repository root or pass --src" in capsys.readouterr().err
    assert main(["--help"]) == 0


def test_cli_authoring_error_exits_1(repo, capsys):
    _write(repo / "solutions" / "00_bad.ipynb", _nb(_code("### BEGIN SOLUTION")))
    assert main(["student"]) == 1
    assert "00_bad.ipynb: cell 0, line 1" in capsys.readouterr().err


def test_cli_module_and_light_imports(repo):
    proc = subprocess.run(
        [sys.executable, "-m", "hrfair_helpers", "student", "--check"],
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    # Only what the CLI module itself adds counts; the package __init__ is not the CLI's business.
    code = (
        "import sys, hrfair_helpers; before = set(sys.modules); import hrfair_helpers.cli; "
        "new = set(sys.modules) - before; "
        "print(sorted(m for m in ('nbformat', 'pandas', 'sklearn', 'matplotlib') if m in new))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


# --- the repository itself -----------------------------------------------------


def test_repository_notebooks_are_in_sync():
    """THE sync test: notebooks/ must be regenerated (`hrfair student`) after editing solutions/."""
    solutions = sorted((ROOT / "solutions").glob("*.ipynb"))
    assert solutions, "solutions/ has no notebooks; this test must not pass vacuously"
    assert check_student_notebooks(ROOT / "solutions", ROOT / "notebooks") == []
