"""Check that the student edition shows no solution, and that the check itself can see one.

Every line of code between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` in ``solutions/``, and
every line of a markdown cell tagged ``solution``, that does not also appear in the learner copy is a
*solution line*. The student edition's pages must contain none of them (nor the markers). As a
positive control, the full edition's pages must contain most of them: otherwise the comparison
would pass for the wrong reason (e.g. if rendering changed the text).

Usage::

    python buildtools/check_student_edition.py --student _build/student-src/_build/html --full _build/html
"""

import argparse
import html
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
MIN_LENGTH = 25  # shorter lines ("answer = []") are too generic to identify a solution
TAG = re.compile(r"<[^>]+>")


def _lines(text):
    return [line.strip() for line in text.splitlines() if len(line.strip()) >= MIN_LENGTH]


def solution_lines(root=ROOT):
    """``{notebook stem: [solution lines]}`` for every solution notebook."""
    found = {}
    for path in sorted((root / "solutions").glob("*.ipynb")):
        learner = nbformat.read(root / "notebooks" / path.name, as_version=4)
        public = {line for cell in learner.cells for line in _lines(cell.source)}
        lines = []
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and BEGIN in cell.source:
                inside = re.findall(rf"{re.escape(BEGIN)}\n(.*?){re.escape(END)}", cell.source, flags=re.S)
                lines += [line for block in inside for line in _lines(block)]
            elif cell.cell_type == "markdown" and "solution" in cell.metadata.get("tags", []):
                lines += _lines(cell.source)
        found[path.stem] = [line for line in dict.fromkeys(lines) if line not in public]
    return found


SOLUTION_BLOCK = re.compile(r"```\{solution\}[^\n]*\n(.*?)\n```", re.S)


def book_solution_lines(root=ROOT):
    """``{page path without .md: [solution lines]}`` for the chapters' {solution} blocks.

    The interview question bank's model answers are not solutions: notebook 06 shows them to
    learners by design, so they appear in both editions.
    """
    found = {}
    for page in sorted((root / "book").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        blocks = SOLUTION_BLOCK.findall(text)
        lines = [line for block in blocks for line in _lines(block) if not line.startswith(":")]
        if lines:
            found[page.relative_to(root).with_suffix("").as_posix()] = list(dict.fromkeys(lines))
    return found


def _markdown_text(line):
    """A Markdown line as the built page shows it: list markers, emphasis and code markers removed."""
    return re.sub(r"[*_`]", "", re.sub(r"^(\d+\.|[-*])\s+", "", line))


def page_text(path):
    """The visible text of a built page: tags removed, entities decoded, Sphinx's smart quotes undone."""
    return _plain(html.unescape(TAG.sub("", path.read_text(encoding="utf-8"))))


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "--", "\u2014": "---"})


def _plain(text):
    """Typographic quotes and dashes as ASCII, on both sides of every comparison."""
    return text.translate(_QUOTES)


def check(student_html, full_html, root=ROOT):
    problems = []
    student_pages = {p: page_text(p) for p in Path(student_html).rglob("*.html")}
    if not student_pages:
        return [f"no pages in {student_html}: build the student edition first"]
    every_page = "\n".join(student_pages.values())
    # The instructor's guide names the markers; a notebook page must not show them.
    notebook_pages = "\n".join(text for path, text in student_pages.items() if "notebooks" in path.parts)
    for marker in (BEGIN, END):
        if marker in notebook_pages:
            problems.append(f"a notebook page of the student edition shows the marker {marker!r}")
    pages = [
        (stem, [_plain(line) for line in lines], Path(full_html) / "solutions" / f"{stem}.html", 0.8)
        for stem, lines in solution_lines(root).items()
    ]
    # Chapter text loses its Markdown on the page, and some of it its line breaks: a lower bar.
    pages += [
        (path, [_plain(_markdown_text(line)) for line in lines], Path(full_html) / f"{path}.html", 0.5)
        for path, lines in book_solution_lines(root).items()
    ]
    for name, lines, page, bar in pages:
        if not page.is_file():
            problems.append(f"positive control: {page} is missing: build the full edition first (make book)")
            continue
        full = page_text(page)
        seen = [line for line in lines if line in full]
        if len(seen) < bar * len(lines):
            problems.append(
                f"positive control: only {len(seen)} of {len(lines)} solution lines of {name} are found "
                "in the full edition, so this check cannot be trusted"
            )
        leaked = [line for line in lines if line in every_page]
        problems += [f"{name}: solution line in the student edition: {line!r}" for line in leaked[:5]]
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--student", required=True, help="built student edition (html folder)")
    parser.add_argument("--full", required=True, help="built full edition (html folder)")
    args = parser.parse_args(argv)
    problems = check(args.student, args.full)
    for problem in problems:
        print(f"FAIL {problem}")
    total = sum(map(len, solution_lines().values())) + sum(map(len, book_solution_lines().values()))
    print(f"check_student_edition: {total} solution lines checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
