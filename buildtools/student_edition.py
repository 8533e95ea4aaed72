"""Stage the student edition of the book: the same chapters, built from the learner notebooks.

The default site shows every worked solution folded under its exercise. The student edition has
no solutions at all: it is built from ``notebooks/`` (the learner copies that ``hrfair student``
generates) and the chapters' ``{solution}`` blocks are hidden (sphinx-exercise's
``hide_solutions``), so there is nothing to unfold. The interview question bank keeps its model
answers: they are reference material that notebook 06 shows learners by design, after they answer. This script copies the book sources into a staging
folder, rewrites every reference to ``solutions/`` to ``notebooks/`` (the table of contents and the
``{doc}`` links of the chapters), and marks the title. ``make book-student`` then builds it.

Usage::

    python buildtools/student_edition.py [--out _build/student-src]
"""

import argparse
import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("book", "notebooks")
# Only links are rewritten: a {doc} target ("../solutions/01_...") and a toc entry ("file: solutions/01_...");
# prose that names the folder (the instructor's guide) keeps saying what it means.
DOC_LINK = re.compile(r"((?:\.\./)+)solutions/")
TOC_ENTRY = re.compile(r"(file:\s*)solutions/")


def stage(out):
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in COPIED:
        shutil.copytree(ROOT / name, out / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    for page in (out / "book").rglob("*.md"):
        page.write_text(DOC_LINK.sub(r"\1notebooks/", page.read_text(encoding="utf-8")), encoding="utf-8")
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    (out / "_toc.yml").write_text(TOC_ENTRY.sub(r"\1notebooks/", toc), encoding="utf-8")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{config['title']} (student edition)"
    config["exclude_patterns"] = [p for p in config["exclude_patterns"] if p != "notebooks"] + ["solutions"]
    # sphinx-exercise drops every {solution} block of the chapters (e.g. "Check your understanding").
    config.setdefault("sphinx", {}).setdefault("config", {})["hide_solutions"] = True
    (out / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "_build" / "student-src"))
    print(f"staged the student edition in {stage(parser.parse_args().out)}")


if __name__ == "__main__":
    main()
