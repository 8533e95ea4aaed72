"""The ``hrfair`` command line.

Each subcommand is two functions, one adding its arguments and one running it
and returning the exit code, plus one row in :data:`COMMANDS`. Imports of
heavy or optional libraries belong inside the run function so ``hrfair --help``
stays fast.

Examples
--------
::

    hrfair student            # regenerate notebooks/ from solutions/
    hrfair student --check    # exit 1 if notebooks/ is out of date
    python -m hrfair_helpers student --check

    # A candidate-specific copy of scenario 03 (data and graders of seed 7) and the
    # interviewer's answer key (Markdown and JSON), written to interviews/ana/:
    hrfair variant --notebook 03 --seed 7 --out interviews/ana

    # The NYC LL144 summary and the four-fifths review of an applicant-tracking export
    # (CSV or Parquet; DuckDB reads files larger than memory):
    hrfair audit applicants.parquet --score score --sex sex --race race --format html --out audit.html
    # A CSV export that is not UTF-8 (e.g. Latin-1 from an older applicant-tracking system):
    hrfair audit applicants.csv --outcome advanced --sex sex --race race --encoding latin-1

    # Grade a class: each notebook runs in its own kernel (5 minutes, 2 GB each at most);
    # writes grades/gradebook.csv, grades/feedback/<learner>.md|.html and grades/summary.*:
    hrfair grade submissions.zip --out grades --workers 2 --timeout 300
    hrfair grade course/submitted --out grades   # nbgrader's submitted/<student>/<assignment>/

    hrfair questions          # render the interview question bank into the book
    hrfair questions --check  # exit 1 if the book page is out of date

    # The obligations in force on a day, and those coming, from the regulation registry:
    hrfair regulations --on 2027-12-02 --jurisdiction EU
    hrfair regulations --changes          # render the book's "What changed in the law" page
    hrfair regulations --changes --check  # exit 1 if that page is out of date

``hrfair variant`` prints the paths it wrote; the same seed always writes the same bytes. It
exits 2 with a message for an unsupported notebook, a seed that is not a positive integer
(seed 0 is the published solution), an ``--out`` that is a file, or no ``solutions/`` folder
(run it from the repository checkout). See :mod:`hrfair_helpers.interview.variant`.

``hrfair grade`` exits 0 when the run completed, even if some submissions timed out, failed to
run or are not notebooks (their rows say so); 130 when interrupted (Ctrl-C stops every kernel and
writes nothing); 2 on a usage error (no such path, ``--out`` a file or inside an input, a bad
``--workers``, ``--timeout``, ``--cell-timeout`` or ``--memory``, nbclient or ipykernel missing).
See :mod:`hrfair_helpers.grading.batch`.

``hrfair audit`` reads a CSV file as UTF-8; ``--encoding`` names another (``latin-1``,
``cp1252``, ...): DuckDB reads UTF-8, UTF-16 and Latin-1, and pandas the others. Its exit codes:
0 the report was written; 1 ``--fail-below`` was given and an impact ratio is below it; 2 a usage
error (bad arguments, no such file, not a .csv or .parquet file, an unknown encoding or one given
for a Parquet file, an empty ``--exclude-small`` justification); 3 the file cannot be audited (a
malformed CSV file, with the line where the reader says, text that is not in the encoding, a
missing column, a non-binary outcome, no rows, labels outside the EEO-1 categories without
``--no-strict``), with a message that says what to fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["COMMANDS", "Command", "build_parser", "main"]

#: Exit code for usage errors, as argparse uses.
EXIT_USAGE = 2


@dataclass(frozen=True)
class Command:
    """One ``hrfair`` subcommand.

    Attributes
    ----------
    name : str
        Subcommand name, e.g. ``"student"``.
    help : str
        One-line description shown by ``hrfair --help``.
    add_arguments : callable
        ``add_arguments(parser)`` adds the subcommand's options.
    run : callable
        ``run(args) -> int`` does the work and returns the exit code.
    """

    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


def _error(args: argparse.Namespace, message: str) -> None:
    print(f"hrfair {args.command}: error: {message}", file=sys.stderr)


# --- hrfair student --------------------------------------------------------


def _student_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--src",
        type=Path,
        default=Path("solutions"),
        metavar="DIR",
        help="folder of solution notebooks (default: %(default)s)",
    )
    parser.add_argument(
        "--dst",
        type=Path,
        default=Path("notebooks"),
        metavar="DIR",
        help="folder of learner notebooks (default: %(default)s)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the learner notebooks are not up to date",
    )


def _run_student(args: argparse.Namespace) -> int:
    from hrfair_helpers import student  # imports nbformat; keep it out of --help

    src, dst = args.src, args.dst
    if not src.is_dir():
        _error(args, f"solutions directory {src.as_posix()!r} not found: run from the repository root or pass --src")
        return EXIT_USAGE
    try:
        if args.check:
            problems = student.check_student_notebooks(src, dst)
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                return 1
            n = len(list(src.glob("*.ipynb")))
            print(f"{dst.as_posix()}/ is in sync with {src.as_posix()}/ ({n} notebook{'' if n == 1 else 's'})")
            return 0
        orphans = student.orphan_notebooks(src, dst)
        written = student.write_student_notebooks(src, dst)
    except ValueError as exc:  # unbalanced solution markers: an authoring error
        _error(args, str(exc))
        return 1
    for path in written:
        print(f"wrote {path.as_posix()}")
    for path in orphans:
        print(f"removed {path.as_posix()}")
    if not written:
        print(f"no notebooks in {src.as_posix()}/")
    return 0


# --- hrfair variant --------------------------------------------------------


def _variant_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--notebook",
        required=True,
        metavar="NN",
        help="the scenario notebook, by number (e.g. 03)",
    )
    parser.add_argument(
        "--seed",
        required=True,
        type=int,
        metavar="N",
        help="the case seed, a positive integer (0 is the published solution)",
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="folder for the notebook and the answer keys (created if missing)",
    )


def _run_variant(args: argparse.Namespace) -> int:
    # Reads notebooks and builds the case's data and models; keep it out of --help.
    from hrfair_helpers.interview.variant import make_variant

    try:
        written = make_variant(args.notebook, args.seed, args.out)
    except (ValueError, FileNotFoundError) as exc:
        _error(args, str(exc))
        return EXIT_USAGE
    for path in written:
        print(f"wrote {path.as_posix()}")
    return 0


# --- hrfair questions -------------------------------------------------------

QUESTION_BANK_PAGE = Path("book") / "interviewing" / "question_bank.md"


def _questions_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=QUESTION_BANK_PAGE,
        metavar="FILE",
        help=f"the page to write (default: {QUESTION_BANK_PAGE.as_posix()})",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if the page is out of date",
    )


def _run_questions(args: argparse.Namespace) -> int:
    from hrfair_helpers.interview.render import render_question_bank

    text = render_question_bank()
    if args.check:
        current = args.out.read_text(encoding="utf-8") if args.out.is_file() else None
        if current != text:
            _error(args, f"{args.out.as_posix()} is out of date with the question bank: run `hrfair questions`")
            return 1
        print(f"{args.out.as_posix()} is in sync with the question bank")
        return 0
    if args.out.is_dir():
        _error(args, f"--out {args.out.as_posix()} is a folder; give the page's file name")
        return EXIT_USAGE
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out.as_posix()}")
    return 0


# --- hrfair regulations ------------------------------------------------------

LAW_CHANGES_PAGE = Path("book") / "toolkit" / "law_changes.md"


def _regulations_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--on", metavar="DATE", help="the day, YYYY-MM-DD (default: the registry's as-of date)")
    parser.add_argument(
        "--jurisdiction",
        metavar="CODE",
        help="keep one jurisdiction, e.g. EU, UK, US-NYC; US also keeps US-NYC, US-IL, ...",
    )
    parser.add_argument("--format", choices=("md", "json", "csv"), default="md", help="output format")
    parser.add_argument(
        "--changes",
        action="store_true",
        help=f"write the change-log page instead (default --out {LAW_CHANGES_PAGE.as_posix()})",
    )
    parser.add_argument("--out", type=Path, metavar="FILE", help="write here instead of standard output")
    parser.add_argument(
        "--check", action="store_true", help="with --changes: write nothing; exit 1 if the page is out of date"
    )


def _run_regulations(args: argparse.Namespace) -> int:
    from hrfair_helpers.governance.timeline import render_law_changes, render_obligations_on

    if args.changes:
        if args.on or args.jurisdiction or args.format != "md":
            _error(args, "--changes takes no --on, --jurisdiction or --format: the page lists every change")
            return EXIT_USAGE
        out = args.out or LAW_CHANGES_PAGE
        text = render_law_changes()
        if args.check:
            current = out.read_text(encoding="utf-8") if out.is_file() else None
            if current != text:
                _error(args, f"{out.as_posix()} is out of date with the registry: run `hrfair regulations --changes`")
                return 1
            print(f"{out.as_posix()} is in sync with the registry")
            return 0
    else:
        if args.check:
            _error(args, "--check goes with --changes")
            return EXIT_USAGE
        out = args.out
        try:
            text = render_obligations_on(args.on, jurisdiction=args.jurisdiction, fmt=args.format)
        except ValueError as exc:
            _error(args, str(exc))
            return EXIT_USAGE
    if out is None:
        sys.stdout.write(text)
        return 0
    if out.is_dir():
        _error(args, f"--out {out.as_posix()} is a folder; give a file name")
        return EXIT_USAGE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out.as_posix()}")
    return 0


# --- hrfair audit ------------------------------------------------------------

#: ``hrfair audit`` exit codes.
EXIT_BELOW = 1  # --fail-below was given and an impact ratio is under it
EXIT_DATA = 3  # the file was read but cannot be audited (missing column, non-binary outcome, empty, labels)


def _audit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="a .csv or .parquet file, one row per individual assessed")
    outcome = parser.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--outcome", metavar="COL", help="0/1 (or true/false) column: selected or not")
    outcome.add_argument("--score", metavar="COL", help="numeric score column (scoring rates above the median)")
    parser.add_argument("--sex", required=True, metavar="COL", help="sex category column (EEO-1 labels)")
    parser.add_argument("--race", required=True, metavar="COL", help="race/ethnicity column (EEO-1 labels)")
    parser.add_argument("--format", choices=("md", "html", "csv", "json"), default="md", help="report format")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the report here (default: standard output)")
    parser.add_argument(
        "--unknown",
        nargs="+",
        metavar="LABEL",
        default=None,
        help="labels meaning 'unknown' (default: Unknown, 'Not provided', 'Decline to state')",
    )
    parser.add_argument(
        "--exclude-small",
        metavar="JUSTIFICATION",
        help="exclude categories under 2%% of the data from impact ratios, with this justification",
    )
    parser.add_argument("--no-strict", action="store_true", help="accept labels outside the EEO-1 categories")
    parser.add_argument("--engine", choices=("duckdb", "pandas"), help="reader (default: duckdb when installed)")
    parser.add_argument(
        "--encoding",
        metavar="NAME",
        help="text encoding of a CSV file (default: utf-8), e.g. latin-1 or cp1252 for exports "
        "from older systems; DuckDB reads utf-8, utf-16 and latin-1, pandas the others",
    )
    parser.add_argument(
        "--min-cell",
        type=int,
        metavar="N",
        help="publish a category only when N or more people are behind it: smaller ones (and the ones that "
        "would give them away by subtraction) keep their row, marked 'suppressed', with every number blanked",
    )
    parser.add_argument(
        "--fail-below",
        type=float,
        metavar="RATIO",
        help="exit 1 if any impact ratio is below RATIO (e.g. 0.8), for use in pipelines",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress messages on standard error")


def _run_audit(args: argparse.Namespace) -> int:
    from hrfair_helpers.audit.files import ReadOptionError, audit_file, read_error_message, read_errors

    def progress(message):
        if not args.quiet:
            print(f"hrfair audit: {message}", file=sys.stderr, flush=True)

    options = {"strict": not args.no_strict}
    if args.unknown:
        options["unknown"] = args.unknown
    if args.exclude_small is not None:
        if not args.exclude_small.strip():
            _error(
                args,
                "--exclude-small needs a justification, the auditor's reason for excluding categories "
                'under 2% of the data (6 RCNY §5-301(d)), e.g. --exclude-small "under 2% of applicants"',
            )
            return EXIT_USAGE
        options.update(exclude_small=True, justification=args.exclude_small)
    if args.out is not None and args.out.is_dir():
        _error(args, f"--out {args.out.as_posix()} is a folder; give a file name")
        return EXIT_USAGE
    if args.min_cell is not None and args.min_cell < 1:
        _error(args, f"--min-cell must be a whole number of people, 1 or more (e.g. 10); got {args.min_cell}")
        return EXIT_USAGE
    try:
        result = audit_file(
            args.path,
            sex=args.sex,
            race=args.race,
            selected=args.outcome,
            score=args.score,
            engine=args.engine,
            encoding=args.encoding,
            progress=progress,
            **options,
        )
    except (FileNotFoundError, ReadOptionError) as exc:
        _error(args, str(exc))
        return EXIT_USAGE
    except read_errors() as exc:  # before ValueError: pandas' parser and decoding errors are ValueErrors
        _error(args, read_error_message(args.path, exc, args.encoding))
        return EXIT_DATA
    except ValueError as exc:
        _error(args, str(exc))
        return EXIT_DATA
    text = result.render(args.format, min_cell=args.min_cell)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
        progress(f"wrote {args.out.as_posix()}")
    if args.fail_below is not None and result.lowest_ratio() < args.fail_below:
        # With --min-cell the lowest ratio may be a suppressed category's: say only that one is below.
        lowest = "an impact ratio" if args.min_cell is not None else f"lowest impact ratio {result.lowest_ratio():.3f}"
        progress(f"{lowest} is below {args.fail_below}")
        return EXIT_BELOW
    return 0


# --- hrfair grade --------------------------------------------------------------

# The defaults of hrfair_helpers.grading.batch (DEFAULT_WORKERS, DEFAULT_TIMEOUT, DEFAULT_CELL_TIMEOUT,
# DEFAULT_MEMORY_MB),
# repeated here so that `hrfair --help` does not import the grader.
GRADE_WORKERS, GRADE_TIMEOUT, GRADE_CELL_TIMEOUT, GRADE_MEMORY_MB = 2, 300, 120, 2048


def _grade_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="submitted notebooks, folders of them, a .zip downloaded from the LMS, or nbgrader's submitted/ folder",
    )
    parser.add_argument(
        "--out",
        required=True,
        type=Path,
        metavar="DIR",
        help="folder for gradebook.csv, feedback/ and the summary (created if missing)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=GRADE_WORKERS,
        metavar="N",
        help="notebooks run at the same time, one kernel each (default: %(default)s)",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=GRADE_TIMEOUT,
        metavar="S",
        help="seconds for each notebook's cells, all together (default: %(default)s)",
    )
    parser.add_argument(
        "--cell-timeout",
        type=float,
        default=GRADE_CELL_TIMEOUT,
        metavar="S",
        help="seconds for one cell: it is interrupted and the notebook goes on with the next "
        "cell, 0 for no cell limit (default: %(default)s)",
    )
    parser.add_argument(
        "--memory",
        type=int,
        default=GRADE_MEMORY_MB,
        metavar="MB",
        help="memory (address space) of each kernel in MB, 0 for no limit (default: %(default)s)",
    )
    parser.add_argument(
        "--solutions",
        type=Path,
        default=Path("solutions"),
        metavar="DIR",
        help="solution notebooks, to grade a question whose grader.check line a learner deleted "
        "and to recognise a notebook by its file name (default: %(default)s, if present)",
    )


def _run_grade(args: argparse.Namespace) -> int:
    import importlib.util

    missing = [name for name in ("nbclient", "ipykernel") if importlib.util.find_spec(name) is None]
    if missing:
        _error(args, f"grading runs notebooks and needs {' and '.join(missing)}: pip install {' '.join(missing)}")
        return EXIT_USAGE
    from hrfair_helpers.grading.batch import check_output_folder, grade_submissions
    from hrfair_helpers.grading.gradebook import write_reports

    for path in args.paths:
        if not path.exists():
            _error(args, f"no such file or folder: {path.as_posix()}")
            return EXIT_USAGE
    if args.out.exists() and not args.out.is_dir():
        _error(args, f"--out {args.out.as_posix()} is a file; give a folder")
        return EXIT_USAGE
    try:
        check_output_folder(args.paths, args.out)
    except ValueError as exc:
        _error(args, str(exc))
        return EXIT_USAGE

    def progress(result, done, total):
        score = f"{result.total:g}/{result.max_points:g} points" if result.assignment else "no score"
        note = f" ({result.message})" if result.message else ""
        print(f"[{done}/{total}] {result.learner_id}: {result.status}, {score}, {result.source}{note}", flush=True)

    skipped: list[str] = []
    try:
        results = grade_submissions(
            args.paths,
            workers=args.workers,
            timeout=args.timeout,
            cell_timeout=args.cell_timeout or None,
            memory_mb=args.memory or None,
            solutions=args.solutions,
            progress=progress,
            skipped=skipped,
        )
    except (ValueError, FileNotFoundError) as exc:
        _error(args, str(exc))
        return EXIT_USAGE
    except KeyboardInterrupt:  # the workers and their kernels are already stopped
        _error(args, "interrupted: nothing was written")
        return 130
    for source in skipped:
        print(f"skipped {source} (not an .ipynb file)")
    written = write_reports(results, args.out, skipped=skipped)
    feedback = [p for p in written if p.parent.name == "feedback"]
    for path in written:
        if path not in feedback:
            print(f"wrote {path.as_posix()}")
    print(f"wrote {len(feedback)} feedback files in {(args.out / 'feedback').as_posix()}/")
    counts = {s: sum(r.status == s for r in results) for s in dict.fromkeys(r.status for r in results)}
    print(
        f"graded {len(results)} submission{'' if len(results) == 1 else 's'}: "
        + (", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "none found")
    )
    return 0


#: Registered subcommands, in the order ``hrfair --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    Command(
        "student",
        "generate learner notebooks (notebooks/) from solution notebooks (solutions/)",
        _student_arguments,
        _run_student,
    ),
    Command(
        "variant",
        "write a candidate-specific notebook (its own seed and graders) and the interviewer's answer key",
        _variant_arguments,
        _run_variant,
    ),
    Command(
        "grade",
        "run and grade a class's notebooks: gradebook.csv, feedback for each learner and a class summary",
        _grade_arguments,
        _run_grade,
    ),
    Command(
        "audit",
        "bias audit of a CSV or Parquet file: NYC LL144 summary of results and the four-fifths review",
        _audit_arguments,
        _run_audit,
    ),
    Command(
        "regulations",
        "the obligations in force on a day and those coming (--on, --jurisdiction), or the change-log page",
        _regulations_arguments,
        _run_regulations,
    ),
    Command(
        "questions",
        "render the interview question bank as the book page book/interviewing/question_bank.md",
        _questions_arguments,
        _run_questions,
    ),
)


def build_parser() -> argparse.ArgumentParser:
    """Return the ``hrfair`` argument parser with every registered subcommand."""
    parser = argparse.ArgumentParser(prog="hrfair", description="Tools for the hrfair casebook.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = subparsers.add_parser(command.name, help=command.help, description=command.help)
        command.add_arguments(sub)
        sub.set_defaults(_run=command.run)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hrfair-helpers")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``hrfair`` command line and return its exit code.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; defaults to ``sys.argv[1:]``.

    Returns
    -------
    int
        0 on success, 1 when a check fails or a notebook is malformed,
        2 for usage errors.

    Examples
    --------
    >>> main(["student", "--check"])  # from the repository root
    notebooks/ is in sync with solutions/ (... notebook...)
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors; return rather than exit
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return args._run(args)


if __name__ == "__main__":
    raise SystemExit(main())
