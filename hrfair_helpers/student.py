"""Generate learner notebooks from the solution notebooks.

``solutions/NN_slug.ipynb`` are the source of truth; ``notebooks/NN_slug.ipynb``
are learner copies generated from them and committed. The markup follows
nbgrader so the same sources also work with an nbgrader course:

* in code cells, lines between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
  are replaced by ``# YOUR CODE HERE`` plus one ``name = ...`` line for each
  *answer* the region assigns: a name that code outside the solution regions
  reads, in the rest of the cell (the grader call) or in a later cell (a bare
  ``...`` when there is none), so that code still runs. Helper names the
  solution uses on the way (``h = table``) are not stubbed, so a learner's own
  variables of those names are never overwritten. A region inside a block (a
  function body) stubs every name it assigns;
* markdown cells tagged ``solution`` (model answers) become an answer prompt
  tagged ``answer``;
* outputs, execution counts and volatile metadata are dropped, and solution
  cells lose the ``hide-input`` tag that collapses them in the book.

Examples
--------
Regenerate the learner copies from the repository root, or check them in CI::

    hrfair student
    hrfair student --check
"""

from __future__ import annotations

import ast
import copy
import os
import re
from pathlib import Path

import nbformat

__all__ = [
    "ANSWER_PROMPT",
    "BEGIN_SOLUTION",
    "CODE_PROMPT",
    "END_SOLUTION",
    "check_student_notebooks",
    "make_student_notebook",
    "orphan_notebooks",
    "render_student_notebook",
    "write_student_notebooks",
]

BEGIN_SOLUTION = "### BEGIN SOLUTION"
END_SOLUTION = "### END SOLUTION"
#: nbgrader's own prompt, so learners see the same words in either workflow.
CODE_PROMPT = "# YOUR CODE HERE"
ANSWER_PROMPT = "**Your answer:** _write your answer here, then compare it with the model answer in the book._"
SOLUTION_TAG = "solution"
ANSWER_TAG = "answer"
HIDE_INPUT_TAG = "hide-input"
#: Learner copies are named like their solution; only these are ever deleted as orphans.
LEARNER_GLOB = "[0-9][0-9]_*.ipynb"

# Metadata that records one machine's session rather than the notebook's content;
# keeping it would make the generated files change on every re-execution.
_VOLATILE_NOTEBOOK_METADATA = ("widgets", "execution", "papermill")
# "collapsed"/"scrolled" describe how outputs were displayed, and outputs are removed.
_VOLATILE_CELL_METADATA = ("execution", "ExecuteTime", "papermill", "collapsed", "scrolled")


# ---------------------------------------------------------------------------
# Code cells
# ---------------------------------------------------------------------------


def _marker(line: str, where: str, lineno: int) -> str | None:
    """Return the marker on ``line`` (or None); reject markers sharing a line with code."""
    stripped = line.strip()
    for marker in (BEGIN_SOLUTION, END_SOLUTION):
        if stripped.startswith(marker):
            return marker
        # A marker after code (``x = 1  ### BEGIN SOLUTION``) would be silently
        # copied to learners together with the solution, so refuse it.
        if marker in line:
            raise ValueError(f"{where}, line {lineno}: {marker!r} must be on a line of its own")
    return None


def _leading_ws(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def _target_names(target: ast.expr) -> list[str]:
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [name for elt in target.elts for name in _target_names(elt)]
    if isinstance(target, ast.Starred):
        return _target_names(target.value)
    return []  # attributes and subscripts mutate existing objects; nothing to stub


def _assigned_names(code: str) -> list[str] | None:
    """Names the top-level statements of ``code`` assign, first-seen order; None if unparseable."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):  # ValueError: null bytes in the source
        return None
    names: list[str] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            targets = [stmt.target]
        else:
            continue
        for target in targets:
            for name in _target_names(target):
                if name not in names:
                    names.append(name)
    return names


#: An identifier in source text. Reading names with a regex rather than ast keeps cells with
#: IPython magics working; a false match only stubs one more name, which is safe.
_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")


def _placeholder(region: list[str], marker_indent: str, read_outside: set[str]) -> list[str]:
    """Learner lines that replace one solution region.

    Only names that code outside the solution regions reads (`read_outside`) are stubbed, unless
    the region sits inside a block, where the region's own code may read what it assigns.
    """
    # Comment lines may sit at any indentation, so only code lines set the indent;
    # this also tolerates a marker that is less indented than the region body.
    code_lines = [ln for ln in region if ln.strip() and not ln.lstrip().startswith("#")]
    if code_lines:
        indent = os.path.commonprefix([_leading_ws(ln) for ln in code_lines])
    else:
        indent = marker_indent
    dedented = [ln[len(indent) :] if ln.startswith(indent) else ln.lstrip() for ln in region]
    names = _assigned_names("\n".join(dedented)) or []
    if not marker_indent and not indent:
        names = [name for name in names if name in read_outside]
    stubs = [f"{name} = ..." for name in names] if names else ["..."]
    return [indent + CODE_PROMPT] + [indent + stub for stub in stubs]


def _outside_regions(source: str) -> str:
    """``source`` without its solution regions (markers unchecked: used only to read names)."""
    return re.sub(rf"{re.escape(BEGIN_SOLUTION)}.*?(?:{re.escape(END_SOLUTION)}|$)", "", source, flags=re.S)


def _strip_regions(source: str, where: str, read_outside: set[str] = frozenset()) -> tuple[str, bool]:
    """Replace every solution region in ``source``; return (new source, had regions).

    ``read_outside``: names read by code outside the solution regions, from this cell on.
    """
    out: list[str] = []
    region: list[str] | None = None
    begin_lineno = 0
    marker_indent = ""
    found = False
    for lineno, line in enumerate(source.split("\n"), start=1):
        marker = _marker(line, where, lineno)
        if marker == BEGIN_SOLUTION:
            if region is not None:
                raise ValueError(
                    f"{where}, line {lineno}: nested {BEGIN_SOLUTION!r} "
                    f"(the region opened on line {begin_lineno} is not closed)"
                )
            region, begin_lineno, marker_indent, found = [], lineno, _leading_ws(line), True
        elif marker == END_SOLUTION:
            if region is None:
                raise ValueError(f"{where}, line {lineno}: {END_SOLUTION!r} without a matching {BEGIN_SOLUTION!r}")
            out.extend(_placeholder(region, marker_indent, read_outside))
            region = None
        elif region is not None:
            region.append(line)
        else:
            out.append(line)
    if region is not None:
        raise ValueError(f"{where}, line {begin_lineno}: {BEGIN_SOLUTION!r} without a matching {END_SOLUTION!r}")
    return "\n".join(out), found


# ---------------------------------------------------------------------------
# Notebooks
# ---------------------------------------------------------------------------


def _source(cell) -> str:
    # Sources read with plain json are lists of lines; nbformat readers join them.
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _tags(cell) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def _set_tags(cell, tags: list[str]) -> None:
    if tags:
        cell.metadata["tags"] = tags
    else:
        cell.metadata.pop("tags", None)


def _fix_ids(nb) -> None:
    """Give cells without a (unique) id a deterministic one.

    nbformat would otherwise invent random ids on write, making output differ
    between runs; source notebooks with proper ids keep them unchanged.
    """
    if (nb.get("nbformat", 4), nb.get("nbformat_minor", 0)) < (4, 5):
        return
    seen: set[str] = set()
    for index, cell in enumerate(nb.cells):
        cell_id = cell.get("id")
        if not cell_id or cell_id in seen:
            cell_id, n = f"cell-{index}", 0
            while cell_id in seen:
                n += 1
                cell_id = f"cell-{index}-{n}"
            cell["id"] = cell_id
        seen.add(cell_id)


def make_student_notebook(nb, *, name: str | None = None) -> nbformat.NotebookNode:
    """Return the learner copy of a solution notebook.

    Parameters
    ----------
    nb : nbformat.NotebookNode or dict
        Solution notebook (nbformat 4). It is not modified.
    name : str, optional
        Notebook name used in error messages, e.g. ``"01_hiring.ipynb"``.

    Returns
    -------
    nbformat.NotebookNode
        A new notebook: solution regions replaced by ``# YOUR CODE HERE`` and a
        ``name = ...`` placeholder for each answer (a name that code outside the
        regions reads; helpers are left out), ``solution`` markdown cells replaced by an
        answer prompt tagged ``answer``, ``hide-input`` dropped from solution
        cells, outputs and execution counts cleared, volatile metadata removed.
        Cell ids and all other metadata are copied.

    Raises
    ------
    ValueError
        If solution markers are unbalanced or nested, naming the notebook, the
        0-based cell index and the 1-based line within the cell.

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = new_notebook(cells=[new_code_cell(
    ...     "### BEGIN SOLUTION\\nt = 0.8\\nrate = t / 2\\n### END SOLUTION\\nprint(rate)")])
    >>> print(make_student_notebook(nb).cells[0].source)
    # YOUR CODE HERE
    rate = ...
    print(rate)
    """
    label = name or "notebook"
    student = nbformat.from_dict(copy.deepcopy(dict(nb)))
    for key in _VOLATILE_NOTEBOOK_METADATA:
        student.metadata.pop(key, None)

    # Names read outside solution regions from each code cell on: what later code needs from a region.
    read_from: list[set[str]] = []
    seen: set[str] = set()
    for cell in reversed(student.cells):
        if cell.get("cell_type") == "code":
            seen = seen | set(_IDENTIFIER.findall(_outside_regions(_source(cell))))
        read_from.append(seen)
    read_from.reverse()

    for index, cell in enumerate(student.cells):
        cell.setdefault("metadata", nbformat.NotebookNode())
        for key in _VOLATILE_CELL_METADATA:
            cell.metadata.pop(key, None)
        cell.source = _source(cell)
        tags = _tags(cell)

        if cell.cell_type == "code":
            cell.source, is_solution = _strip_regions(cell.source, f"{label}: cell {index}", read_from[index])
            cell.outputs = []
            cell.execution_count = None
            if is_solution:
                # Learners must see the code they are asked to write; the book's
                # "Show solution" prompt (mystnb metadata) has no meaning for them.
                _set_tags(cell, [t for t in tags if t != HIDE_INPUT_TAG])
                cell.metadata.pop("mystnb", None)
        elif cell.cell_type == "markdown" and SOLUTION_TAG in tags:
            # Replace the whole cell: metadata and attachments may belong to the answer.
            student.cells[index] = nbformat.v4.new_markdown_cell(ANSWER_PROMPT, metadata={"tags": [ANSWER_TAG]})
            if "id" in cell:
                student.cells[index]["id"] = cell["id"]
            else:
                del student.cells[index]["id"]

    _fix_ids(student)
    return student


def _read(path: Path) -> nbformat.NotebookNode:
    # nbformat.read() validates, and validation fills missing cell ids with
    # random values; the plain reader keeps the file as it is.
    nb = nbformat.reader.reads(path.read_text(encoding="utf-8"))
    if nb.get("nbformat") != 4:
        nb = nbformat.convert(nb, 4)
    return nb


def _dumps(nb) -> str:
    # nbformat's writer sorts keys and indents by 1: stable bytes, small diffs.
    return nbformat.writes(nb) + "\n"


def render_student_notebook(path: str | os.PathLike) -> str:
    """Return the learner copy of the solution notebook at ``path`` as file text.

    Parameters
    ----------
    path : str or path-like
        A solution notebook.

    Returns
    -------
    str
        Exactly the text :func:`write_student_notebooks` writes (JSON, indent 1,
        trailing newline); encode as UTF-8.

    Examples
    --------
    >>> text = render_student_notebook("solutions/00_orientation.ipynb")
    >>> "### BEGIN SOLUTION" in text
    False
    """
    path = Path(path)
    return _dumps(make_student_notebook(_read(path), name=path.as_posix()))


def _require_src(src: Path) -> None:
    if not src.is_dir():
        raise FileNotFoundError(
            f"solutions directory {src.as_posix()!r} not found: run from the repository root or pass --src"
        )


def orphan_notebooks(src: str | os.PathLike = "solutions", dst: str | os.PathLike = "notebooks") -> list[Path]:
    """Learner notebooks in ``dst`` whose solution notebook no longer exists.

    Only files named like ``NN_*.ipynb`` count, so other files in ``dst`` are
    never touched.

    Parameters
    ----------
    src, dst : str or path-like
        Solution and learner folders.

    Returns
    -------
    list of pathlib.Path
        Sorted paths inside ``dst``.

    Examples
    --------
    >>> orphan_notebooks("solutions", "notebooks")
    []
    """
    src, dst = Path(src), Path(dst)
    if not dst.is_dir():
        return []
    return sorted(p for p in dst.glob(LEARNER_GLOB) if not (src / p.name).exists())


def write_student_notebooks(src: str | os.PathLike = "solutions", dst: str | os.PathLike = "notebooks") -> list[Path]:
    """Regenerate every learner notebook and delete orphaned ones.

    Parameters
    ----------
    src : str or path-like, default "solutions"
        Folder of solution notebooks (``*.ipynb``), relative to the working directory.
    dst : str or path-like, default "notebooks"
        Folder for learner copies; created if missing.

    Returns
    -------
    list of pathlib.Path
        The learner notebooks written, in sorted order.

    Raises
    ------
    FileNotFoundError
        If ``src`` is not a directory.
    ValueError
        If a solution notebook has unbalanced markers; nothing is written then.

    Examples
    --------
    From the repository root (this rewrites ``notebooks/``)::

        write_student_notebooks("solutions", "notebooks")
        # [PosixPath('notebooks/00_orientation.ipynb'), ...]
    """
    src, dst = Path(src), Path(dst)
    _require_src(src)
    # Render everything before writing so an authoring error leaves dst untouched.
    rendered = [(dst / p.name, render_student_notebook(p)) for p in sorted(src.glob("*.ipynb"))]
    dst.mkdir(parents=True, exist_ok=True)
    for path, text in rendered:
        path.write_bytes(text.encode("utf-8"))  # bytes: no newline translation on Windows
    for orphan in orphan_notebooks(src, dst):
        orphan.unlink()
    return [path for path, _ in rendered]


def check_student_notebooks(src: str | os.PathLike = "solutions", dst: str | os.PathLike = "notebooks") -> list[str]:
    """List the ways ``dst`` differs from what :func:`write_student_notebooks` would write.

    Parameters
    ----------
    src, dst : str or path-like
        Solution and learner folders, as for :func:`write_student_notebooks`.

    Returns
    -------
    list of str
        One human-readable problem per line (missing, stale or extra learner
        notebook, or a solution notebook with unbalanced markers); empty when
        the folders are in sync.

    Raises
    ------
    FileNotFoundError
        If ``src`` is not a directory.

    Examples
    --------
    >>> check_student_notebooks("solutions", "notebooks")
    []
    """
    src, dst = Path(src), Path(dst)
    _require_src(src)
    hint = "run `hrfair student`"
    problems: list[str] = []
    for solution in sorted(src.glob("*.ipynb")):
        learner, name = dst / solution.name, solution.as_posix()
        try:
            expected = render_student_notebook(solution)
        except ValueError as exc:
            problems.append(f"invalid: {exc}")
            continue
        if not learner.exists():
            problems.append(f"missing: {learner.as_posix()} (learner copy of {name}); {hint}")
            continue
        # Compare text with normalised newlines so a CRLF checkout is not "stale".
        actual = learner.read_bytes().decode("utf-8", errors="replace").replace("\r\n", "\n")
        if actual != expected:
            problems.append(f"stale: {learner.as_posix()} differs from {name}; {hint}")
    for orphan in orphan_notebooks(src, dst):
        problems.append(
            f"extra: {orphan.as_posix()} has no solution {(src / orphan.name).as_posix()}; {hint} to remove it"
        )
    return problems
