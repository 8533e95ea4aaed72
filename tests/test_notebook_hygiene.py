"""Hygiene of the committed notebooks in solutions/ and notebooks/.

Notebooks are committed without outputs, for the python3 kernel, valid against
the nbformat schema (including unique cell ids), and without trailing-semicolon
plot lines (the casebook calls ``plt.show()``). Solution notebooks have balanced
``### BEGIN/END SOLUTION`` markers in ``hide-input`` cells; learner notebooks
have no markers at all.
"""

from __future__ import annotations

import copy
import re
import warnings
from pathlib import Path

import nbformat
import pytest
from nbformat.warnings import DuplicateCellId, MissingIDFieldWarning

from hrfair_helpers.student import BEGIN_SOLUTION, END_SOLUTION, HIDE_INPUT_TAG, make_student_notebook

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("solutions", "notebooks")
# `plt.plot(x);` at the end of a line hides the return value instead of calling plt.show().
SEMICOLON_PLOT = re.compile(r"\bplt\.\S.*;\s*$")


def _notebooks(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _params(*folders: str):
    return [
        pytest.param(path, id=path.relative_to(ROOT).as_posix()) for folder in folders for path in _notebooks(folder)
    ]


def _read(path: Path) -> nbformat.NotebookNode:
    # The plain reader does not validate, so it cannot quietly repair the file.
    return nbformat.reader.reads(path.read_text(encoding="utf-8"))


def _code_cells(nb):
    return [(i, cell) for i, cell in enumerate(nb.cells) if cell.cell_type == "code"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_folder_has_notebooks(folder):
    assert _notebooks(folder), f"{folder}/ has no notebooks; the hygiene tests must not pass vacuously"


@pytest.mark.parametrize("path", _params(*FOLDERS))
def test_valid_nbformat(path):
    nb = _read(path)
    assert nb.nbformat == 4, f"{path.name}: nbformat {nb.nbformat}, expected 4"
    with warnings.catch_warnings():
        # Missing or duplicate cell ids are only warned about (and silently replaced by
        # random ones); treat them as the errors they will become.
        warnings.simplefilter("error", MissingIDFieldWarning)
        warnings.simplefilter("error", DuplicateCellId)
        nbformat.validate(copy.deepcopy(nb))


@pytest.mark.parametrize("path", _params(*FOLDERS))
def test_no_outputs_and_python3_kernel(path):
    nb = _read(path)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", f"{path.name}: kernelspec"
    for i, cell in _code_cells(nb):
        assert cell.get("outputs") == [], f"{path.name}: cell {i} has outputs; clear them before committing"
        assert cell.get("execution_count") is None, f"{path.name}: cell {i} has an execution_count"


@pytest.mark.parametrize("path", _params(*FOLDERS))
def test_no_trailing_semicolon_plot_lines(path):
    nb = _read(path)
    bad = [
        f"cell {i}, line {n}: {line.strip()}"
        for i, cell in _code_cells(nb)
        for n, line in enumerate(cell.source.splitlines(), start=1)
        if SEMICOLON_PLOT.search(line)
    ]
    assert not bad, f"{path.name}: use plt.show() instead of a trailing semicolon:\n" + "\n".join(bad)


@pytest.mark.parametrize("path", _params("solutions"))
def test_solution_markers_balanced(path):
    make_student_notebook(_read(path), name=path.name)  # raises ValueError naming cell and line


@pytest.mark.parametrize("path", _params("solutions"))
def test_every_exercise_has_instructions_right_above_it(path):
    """A learner who reaches an empty answer cell reads what to do in the Markdown cell just above."""
    cells = _read(path).cells
    bare = [
        i
        for i, cell in enumerate(cells)
        if cell.cell_type == "code"
        and BEGIN_SOLUTION in cell.source
        and not (cells[i - 1].cell_type == "markdown" and len(cells[i - 1].source.split()) >= 8)
    ]
    assert not bare, f"{path.name}: exercise cells {bare} have no instructions right above them"


@pytest.mark.parametrize("path", _params("solutions"))
def test_solution_cells_hide_input(path):
    nb = _read(path)
    untagged = [
        i
        for i, cell in _code_cells(nb)
        if BEGIN_SOLUTION in cell.source and HIDE_INPUT_TAG not in cell.metadata.get("tags", [])
    ]
    assert not untagged, f"{path.name}: solution cells {untagged} are not tagged {HIDE_INPUT_TAG!r}"


@pytest.mark.parametrize("path", _params("solutions"))
def test_solution_cells_say_show_solution_in_the_book(path):
    # Plotting cells are hidden too; the prompt tells readers which toggles hide answers.
    nb = _read(path)
    unlabelled = [
        i
        for i, cell in _code_cells(nb)
        if BEGIN_SOLUTION in cell.source and cell.metadata.get("mystnb", {}).get("code_prompt_show") != "Show solution"
    ]
    assert not unlabelled, f"{path.name}: solution cells {unlabelled} lack mystnb code_prompt_show"


@pytest.mark.parametrize("path", _params("notebooks"))
def test_learner_notebooks_have_no_solution_markers(path):
    nb = _read(path)
    leaks = [i for i, cell in enumerate(nb.cells) if BEGIN_SOLUTION in cell.source or END_SOLUTION in cell.source]
    assert not leaks, f"{path.name}: cells {leaks} contain solution markers; regenerate with `hrfair student`"


@pytest.mark.parametrize("path", _params("solutions"))
def test_every_figure_has_alt_text(path):
    # The book renders each figure as an <img>; without mystnb.image.alt its alt text is the file name.
    nb = nbformat.read(path, as_version=4)
    missing = [
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        and "plt.show()" in cell.source
        and len(cell.metadata.get("mystnb", {}).get("image", {}).get("alt", "")) < 30
    ]
    assert not missing, f"cells {missing} show a figure without alt text (metadata mystnb.image.alt)"
