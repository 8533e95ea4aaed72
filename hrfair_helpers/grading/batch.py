"""Grading a class's notebooks: what ``hrfair grade`` runs.

:func:`grade_submissions` takes notebook files, folders, LMS zip downloads or nbgrader's
``submitted/`` folder (:mod:`.submissions`), runs each notebook in its own kernel under a time and
memory limit (:mod:`.execution`), and grades the answers it recorded against the package's
reference answers, recomputed from the bank and seed the notebook names. It returns one
:class:`Result` per submission; :func:`hrfair_helpers.grading.gradebook.write_reports` writes the
gradebook, the learners' feedback and the class summary.

How a submission is graded
    The bank comes from the notebook's ``hrfair.bank`` metadata, else its
    ``Grader("<bank>", seed=...)`` line (read with :mod:`ast`, never run), else its file name
    (``..._03_promotion_gap.ipynb`` is the bank ``solutions/03_promotion_gap.ipynb`` uses). Each
    question's answer is the value of the expression the learner's ``grader.check("<id>", <expr>)``
    passed, recorded right after that cell ran; for a question whose check line is gone, the
    expression the solution notebook checks (:func:`reference_answers`), read at the end. Values
    leave the kernel as JSON (:mod:`.answers`) and are graded here, by this process's own
    :class:`~hrfair_helpers.grading.Grader` in ``feedback`` mode: whatever the notebook defines
    (its own ``grader``, ``Grader`` or reference functions) is not used.

Statuses (:data:`STATUSES`)
    ``graded``: the notebook ran to the end (cells that raise are allowed, like a learner's
    Restart & Run All). ``timed out``: it was stopped at the notebook's time limit (the answers
    checked before that still count), or a cell was interrupted at the cell time limit (the run
    went on with the next cell). ``failed to run``: the kernel died (out of memory, a crash) or
    could not start; answers recorded before still count. ``not a notebook``: the file is not a
    readable notebook, or names no casebook assignment. One submission's failure never stops the
    run.

Limits, and what they are not
    Each kernel gets an address-space limit (``RLIMIT_AS``), a file-size limit and a time limit,
    an empty working folder, and never sees the submission's path; the submission files are only
    read. This is not a sandbox: a notebook can still read files the instructor's account can,
    use the network, or start a process in a session of its own that outlives its kernel. Grade
    work you do not trust in a container or under a throwaway account.

Libraries checked
    nbgrader grades with its own assignment format and database: cells tagged
    ``nbgrader.grade`` with ``assert`` tests, ``nbgrader generate_assignment`` and
    ``nbgrader autograde`` against a course database, and it trusts what runs in the learner's
    kernel. otter-grader needs an otter-format master notebook and per-question test files,
    and grades in the learner's kernel too (or in Docker). Both would mean writing every question
    twice, outside the banks that already compute each reference answer and misconception from the
    seed; this module reuses the banks and reads nbgrader's ``submitted/`` layout instead, so a
    course that collects with nbgrader can grade with ``hrfair grade``.

Examples
--------
>>> results = grade_submissions([])   # a class of no one
>>> results
[]

A whole class, from the repository root (each notebook runs in a kernel, a few seconds each)::

    results = grade_submissions(["downloads/submissions.zip"], workers=2, timeout=300)
    write_reports(results, "grades")
"""

from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import execution
from .answers import ANSWER_MIME, AnswerError, Unreadable, check_sites, grader_call, read_recording, recorder_source
from .execution import KERNEL_ENV, RECORD_SECONDS, SITES_PLACEHOLDER, STARTUP_SECONDS
from .feedback import CORRECT, INCORRECT, NOT_ANSWERED, Feedback
from .submissions import Submission, collect_submissions, learner_id

__all__ = [
    "DEFAULT_CELL_TIMEOUT",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_TIMEOUT",
    "DEFAULT_WORKERS",
    "STATUSES",
    "References",
    "Result",
    "check_output_folder",
    "grade_submissions",
    "reference_answers",
]

#: A submission's status, in the gradebook's ``status`` column.
STATUSES = ("graded", "timed out", "failed to run", "not a notebook")
GRADED, TIMED_OUT, FAILED, NOT_A_NOTEBOOK = STATUSES
#: Seconds for one notebook's cells (the slowest solution takes about 20 s).
DEFAULT_TIMEOUT = 300
#: Seconds for one cell: past it the cell is interrupted and the notebook goes on with the next one.
DEFAULT_CELL_TIMEOUT = 120
#: Address space of one kernel, in MB (a solution notebook peaks under 1 GB of address space).
DEFAULT_MEMORY_MB = 2048
DEFAULT_WORKERS = 2
#: Seconds a worker may take beyond the notebook's time limit (kernel start, recording, shutdown).
_SLACK = STARTUP_SECONDS + RECORD_SECONDS + 30
_HEX = re.compile(r"0x[0-9a-fA-F]{6,}")


@dataclass
class Result:
    """The grading of one submission.

    Attributes
    ----------
    learner_id : str
    source : str
        Where the submission came from (relative: ``folder/file.ipynb``, ``download.zip/member``).
    status : str
        One of :data:`STATUSES`.
    message : str
        Why the status is not "graded", or notes on the run.
    assignment : str
        The question bank's id ("" when unknown).
    title : str
        The bank's title.
    params : dict
        The bank's parameters read from the notebook (e.g. ``{"seed": 7}``).
    feedback : dict
        Question id -> :class:`~hrfair_helpers.grading.Feedback`, in bank order (empty for "not a
        notebook").
    points : dict
        Question id -> points earned.
    max_points : int or float
        The bank's total (0 when the assignment is unknown).
    errors : tuple of str
        The learner's cells that raised: ``"code cell 4: NameError: name 'x' is not defined"``.
    """

    learner_id: str
    source: str
    status: str
    message: str = ""
    assignment: str = ""
    title: str = ""
    params: dict = field(default_factory=dict)
    feedback: dict = field(default_factory=dict)
    points: dict = field(default_factory=dict)
    max_points: float = 0
    errors: tuple = ()

    @property
    def total(self):
        """Points earned."""
        return sum(self.points.values())

    @property
    def percent(self):
        """Points earned as a percentage of the bank's total (0 when there is no total)."""
        return 100 * self.total / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class References:
    """What the solution notebooks say: each question's answer expression, and each notebook's bank.

    Attributes
    ----------
    sites : dict
        Bank id -> {question id: the expression the solution passes to ``grader.check``}.
    stems : dict
        Notebook file stem (``"03_promotion_gap"``) -> bank id.
    """

    sites: dict = field(default_factory=dict)
    stems: dict = field(default_factory=dict)


def _read_notebook(data: bytes) -> dict:
    """The notebook in ``data`` as ``{"cells": [...], "metadata": {...}}``, or ValueError saying why not.

    Plain JSON, not nbformat: only the cells' type and source are needed, and importing nbformat
    costs seconds (its JSON-schema validator). nbformat 3's worksheets are read too.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not a notebook: the file is not UTF-8 text") from None
    try:
        nb = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"not a notebook: not valid JSON ({str(error)[:120]})") from None
    if not isinstance(nb, dict):
        raise ValueError("not a notebook: the JSON is not a notebook")
    cells = nb.get("cells")
    if cells is None and isinstance(nb.get("worksheets"), list):  # nbformat 3
        cells = [
            dict(c, source=c.get("input", "")) if isinstance(c, dict) and c.get("cell_type") == "code" else c
            for sheet in nb["worksheets"]
            if isinstance(sheet, dict)
            for c in sheet.get("cells", [])
        ]
    if not isinstance(cells, list) or not isinstance(nb.get("metadata", {}), dict):
        raise ValueError("not a notebook: no list of cells")
    return {"cells": [c for c in cells if isinstance(c, dict)], "metadata": nb.get("metadata", {})}


def _source(cell) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _code_sources(nb) -> list[str]:
    return [_source(c) for c in nb.get("cells", []) if isinstance(c, dict) and c.get("cell_type") == "code"]


def reference_answers(solutions="solutions") -> References:
    """Read the solution notebooks' ``Grader(...)`` lines and ``grader.check`` expressions.

    Parameters
    ----------
    solutions : str or path-like, default "solutions"
        The folder of solution notebooks (the repository's ``solutions/``). A folder that does not
        exist gives empty references: submissions are then identified by their own ``Grader`` line
        and graded from their own ``grader.check`` lines.

    Examples
    --------
    >>> refs = reference_answers("solutions")  # from the repository root
    >>> refs.stems["00_orientation"], refs.sites["orientation"]["q4_shortfall"]
    ('orientation', 'shortfall_women')
    """
    folder = Path(solutions) if solutions else None
    sites, stems = {}, {}
    if folder is None or not folder.is_dir():
        return References()
    for path in sorted(folder.glob("*.ipynb")):
        try:
            nb = _read_notebook(path.read_bytes())
        except (OSError, ValueError):
            continue
        sources = _code_sources(nb)
        call = grader_call(sources)
        if call is None:
            continue
        stems[path.stem] = call[0]
        bank_sites = sites.setdefault(call[0], {})
        for source in sources:
            for qid, expression in check_sites(source):
                bank_sites.setdefault(qid, expression)
    return References(sites, stems)


def _identify(nb, source: str, references: References):
    """``(bank id, params)`` of a notebook, or None: metadata, then its ``Grader`` line, then its file name."""
    from .banks import available

    known = set(available())
    call = grader_call(_code_sources(nb))
    meta = nb.get("metadata", {}).get("hrfair") if isinstance(nb.get("metadata"), dict) else None
    bank = meta.get("bank") if isinstance(meta, dict) else None
    if bank not in known:
        bank = call[0] if call and call[0] in known else None
    if bank is None:
        stem = Path(source).stem
        for name in sorted(references.stems, key=len, reverse=True):
            # The notebook's name at the end, after the LMS's prefix, before a resubmission's "-1" or " (2)".
            if re.search(rf"(?:^|[_\-\s.]){re.escape(name)}(?:[-_ ]?\(?\d{{1,3}}\)?)?$", stem):
                bank = references.stems[name]
                break
    if bank is None:
        return None
    params = dict(call[1]) if call and call[0] == bank else {}
    return bank, params


@dataclass
class _Job:
    """A submission on its way through the run."""

    index: int
    submission: Submission
    learner_id: str
    result: Result | None = None  # set when the submission cannot be run
    bank_id: str = ""
    params: dict = field(default_factory=dict)
    plan: dict | None = None


def _prepare(index: int, submission: Submission, references: References, timeout, memory_mb, cell_timeout=None) -> _Job:
    from .banks import get_bank

    def unreadable(message, metadata=None):
        lid = learner_id(submission.source, student=submission.student, metadata=metadata)
        job = _Job(index, submission, lid)
        job.result = Result(lid, submission.source, NOT_A_NOTEBOOK, message)
        return job

    if submission.data is None:
        return unreadable(f"not a notebook: {submission.problem}")
    try:
        nb = _read_notebook(submission.data)
    except ValueError as error:
        return unreadable(str(error))
    metadata = nb.get("metadata") if isinstance(nb.get("metadata"), dict) else {}
    found = _identify(nb, submission.source, references)
    if found is None:
        return unreadable(
            'unknown assignment: the notebook has no Grader("<bank>") line and its file name names '
            "no casebook notebook",
            metadata,
        )
    bank_id, params = found
    bank = get_bank(bank_id)
    lid = learner_id(submission.source, student=submission.student, metadata=metadata)
    cells, last = [], {}
    for source in _code_sources(nb):
        if not source.strip():
            continue
        sites = [[qid, expression] for qid, expression in check_sites(source) if qid in bank.questions]
        cells.append({"source": source, "sites": sites})
        last.update(dict(sites))
    reference = references.sites.get(bank_id, {})
    fallback = [[qid, last.get(qid) or reference[qid]] for qid in bank.questions if qid in last or qid in reference]
    plan = {
        "cells": cells,
        "fallback": fallback,
        "recorder": recorder_source(SITES_PLACEHOLDER),
        "mime": ANSWER_MIME,
        "timeout": timeout,
        "cell_timeout": cell_timeout,
        "memory_mb": memory_mb,
    }
    return _Job(index, submission, lid, bank_id=bank_id, params=params, plan=plan)


def _unique_ids(jobs) -> None:
    """Suffix ``-2``, ``-3``... to repeated learner ids, in source order, so no row overwrites another.

    Ids differing only in case count as repeated: they would share a feedback file on macOS and Windows.
    """
    seen = set()
    for job in sorted(jobs, key=lambda j: (j.learner_id, j.submission.source, j.index)):
        lid, n = job.learner_id, 1
        while lid.casefold() in seen:
            n += 1
            lid = f"{job.learner_id}-{n}"
        seen.add(lid.casefold())
        job.learner_id = lid
        if job.result is not None:
            job.result.learner_id = lid


# --- running the workers ---------------------------------------------------------------------


def _kill(pid: int, marker: str | None = None) -> None:
    """End a process and everything it started; with ``marker``, only if its command line has it."""
    try:
        import psutil  # installed with ipykernel
    except ImportError:  # pragma: no cover
        try:
            os.killpg(pid, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
        return
    try:
        process = psutil.Process(pid)
        if marker is not None and marker not in " ".join(process.cmdline()):
            return  # the pid was reused by an unrelated process
        family = process.children(recursive=True) + [process]
    except (psutil.Error, OSError):
        return
    for proc in family:
        try:
            proc.kill()
        except (psutil.Error, OSError):
            pass
    psutil.wait_procs(family, timeout=5)


def _worker_env() -> dict:
    env = dict(os.environ, **KERNEL_ENV)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH", "")) if p)
    return env


def _execute(job: _Job, root: Path, live: dict) -> dict:
    """Run one job's plan in a worker process; never raises. ``live`` holds the running workers."""
    folder = root / f"s{job.index:05d}"
    workdir = folder / "work"
    workdir.mkdir(parents=True)
    plan = dict(job.plan, workdir=str(workdir))
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    result_path = folder / "result.json"
    # A cell interrupted at its limit leaves the kernel busy only if it ignores the interrupt; the
    # notebook's deadline bounds the cells either way, and the slack covers start, recording and shutdown.
    hard_limit = float(plan["timeout"]) + _SLACK
    process = None
    try:
        with open(folder / "worker.log", "wb") as log:
            process = subprocess.Popen(
                [sys.executable, execution.__file__, str(folder / "plan.json"), str(result_path)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=workdir,
                env=_worker_env(),
                start_new_session=True,
            )
            live[job.index] = process
            try:
                code = process.wait(timeout=hard_limit)
            except subprocess.TimeoutExpired:
                _kill(process.pid)
                return {
                    "status": TIMED_OUT,
                    "message": f"the worker did not finish within {hard_limit:g} s and was killed",
                }
        if code == 0 and result_path.is_file() and result_path.stat().st_size < 512 * 2**20:
            return json.loads(result_path.read_text(encoding="utf-8"))
        tail = (folder / "worker.log").read_bytes()[-2000:].decode("utf-8", "replace").strip().splitlines()
        why = f"exit code {code}" if code >= 0 else f"signal {-code}"
        return {"status": FAILED, "message": f"the worker stopped ({why})" + (f": {tail[-1][:200]}" if tail else "")}
    except Exception as error:  # noqa: BLE001 - one submission's trouble never stops the run
        return {"status": FAILED, "message": f"the worker could not be run: {type(error).__name__}: {error}"}
    finally:
        live.pop(job.index, None)
        if process is not None and process.poll() is None:
            _kill(process.pid)
        pid_file = folder / "kernel.pid"
        if pid_file.is_file():  # the kernel outlives a killed worker: end it too
            try:
                _kill(int(pid_file.read_text(encoding="utf-8")), marker=str(folder))
            except (OSError, ValueError):
                pass


# --- grading -----------------------------------------------------------------------------------


class _Graders:
    """One Grader per bank and parameters, shared by the submissions that use them."""

    def __init__(self):
        self._graders = {}

    def get(self, bank_id, params):
        from .grader import Grader

        key = (bank_id, tuple(sorted(params.items())))
        if key not in self._graders:
            try:
                grader = Grader(bank_id, mode="feedback", **params)
                ctx = grader.bank.context(**params)  # computed now: a bad seed is reported once
                for question in grader.bank.questions.values():  # and every reference answer, while kernels run
                    grader._computed_answer(question, None, ctx)
                self._graders[key] = grader
            except Exception as error:  # noqa: BLE001 - e.g. a seed the case cannot be built with
                self._graders[key] = f"{type(error).__name__}: {str(error)[:200]}"
        return self._graders[key]


def _answer_feedback(grader, question, answer, stopped) -> Feedback:
    if isinstance(answer, AnswerError):
        message = (
            "No answer was recorded: the notebook stopped before this question."
            if stopped
            else "The answer could not be read after the cell that checks it ran."
        )
        return Feedback(question.id, NOT_ANSWERED, message=message, detail=_HEX.sub("0x…", answer.error))
    if isinstance(answer, Unreadable):
        why = f" ({answer.reason})" if answer.reason else ""
        return Feedback(
            question.id,
            INCORRECT,
            message=f"The answer is a {answer.type} object{why}, which cannot be "
            f"graded: give a plain value (a number, text, a list, a dict or a pandas Series).",
            hint=question.compare.instructions(),
        )
    return grader.evaluate(question.id, answer)


def _grade(job: _Job, outcome: dict, graders: _Graders) -> Result:
    from .banks import get_bank

    bank = get_bank(job.bank_id)
    status = outcome.get("status") if outcome.get("status") in STATUSES else FAILED
    notes = [str(outcome.get("message", ""))] if outcome.get("message") else []
    result = Result(
        job.learner_id,
        job.submission.source,
        status,
        assignment=bank.notebook_id,
        title=bank.title,
        params=dict(job.params),
        max_points=sum(q.points for q in bank.questions.values()),
    )
    result.errors = tuple(
        _HEX.sub("0x…", f"code cell {e.get('cell', 0) + 1}: {e.get('error', '')}")
        for e in outcome.get("errors", [])
        if isinstance(e, dict)
    )
    answers = {}
    for text in outcome.get("recordings", []):
        try:
            pairs = read_recording(text)
        except Exception:  # noqa: BLE001 - a recording the learner's code garbled
            notes.append("a recording of answers could not be read")
            continue
        answers.update((qid, value) for qid, value in pairs if qid in bank.questions)
    grader = graders.get(bank.notebook_id, job.params)
    if isinstance(grader, str):
        result.status = FAILED
        notes.append(f"the reference answers could not be computed for {job.params}: {grader}")
        grader = None
    for qid, question in bank.questions.items():
        if grader is None:
            feedback = Feedback(qid, NOT_ANSWERED, message="Not graded: the reference answers could not be computed.")
        elif qid not in answers:
            feedback = Feedback(
                qid,
                NOT_ANSWERED,
                message=(
                    "No answer was recorded: the notebook stopped before this question."
                    if status != GRADED
                    else f'No answer was recorded: the notebook has no grader.check("{qid}", ...) line.'
                ),
            )
        else:
            feedback = _answer_feedback(grader, question, answers[qid], stopped=status != GRADED)
        result.feedback[qid] = feedback
        result.points[qid] = question.points if feedback.status == CORRECT else 0
    result.message = "; ".join(n for n in notes if n)
    return result


def check_output_folder(paths, out) -> None:
    """Raise ValueError if ``out`` is inside (or is) one of the inputs: grading never writes there.

    Examples
    --------
    >>> check_output_folder(["submissions"], "grades")
    >>> check_output_folder(["submissions"], "submissions/grades")
    Traceback (most recent call last):
    ...
    ValueError: --out submissions/grades is inside the input submissions: write the reports elsewhere
    """
    target = Path(out).resolve()
    for raw in paths:
        path = Path(raw).resolve()
        if target == path or (path.is_dir() or not path.exists()) and path in target.parents:
            raise ValueError(
                f"--out {Path(out).as_posix()} is inside the input {Path(raw).as_posix()}: write the reports elsewhere"
            )


def grade_submissions(
    paths,
    *,
    workers=DEFAULT_WORKERS,
    timeout=DEFAULT_TIMEOUT,
    cell_timeout=DEFAULT_CELL_TIMEOUT,
    memory_mb=DEFAULT_MEMORY_MB,
    solutions="solutions",
    progress=None,
    skipped=None,
) -> list[Result]:
    """Run and grade every submission under ``paths``; one :class:`Result` each, sorted by learner id.

    Parameters
    ----------
    paths : iterable of str or path-like
        Notebook files, folders, ``.zip`` archives (an LMS download) or nbgrader's ``submitted/``
        folder; see :func:`~hrfair_helpers.grading.submissions.collect_submissions`. They are
        only read.
    workers : int, default 2
        Submissions run at the same time (one kernel each).
    timeout : float, default 300
        Seconds for one notebook's cells, all together; kernel start-up is not counted. A cell
        still running then is interrupted and the notebook stops: "timed out".
    cell_timeout : float or None, default 120
        Seconds for one cell: a cell still running then is interrupted and the notebook goes on
        with the next cell (the status is "timed out"; the answers after it still count).
    memory_mb : int or None, default 2048
        Address-space limit of each kernel, in MB (``RLIMIT_AS``; None: no limit).
    solutions : str or path-like, default "solutions"
        Solution notebooks, for a question whose ``grader.check`` line the learner deleted and
        for identifying a notebook by its file name (:func:`reference_answers`); optional.
    progress : callable, optional
        ``progress(result, done, total)``, called as each submission finishes.
    skipped : list, optional
        Receives files in folders and archives that are not ``.ipynb`` files.

    Returns
    -------
    list of Result

    Raises
    ------
    FileNotFoundError
        If a path does not exist.
    ValueError
        If ``workers``, ``timeout`` or ``memory_mb`` is out of range.

    Examples
    --------
    >>> grade_submissions(["solutions/00_orientation.ipynb"], workers=0)
    Traceback (most recent call last):
    ...
    ValueError: workers must be a positive whole number, got 0
    """
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
        raise ValueError(f"workers must be a positive whole number, got {workers!r}")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout > 0 or math.isinf(timeout):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}")
    if cell_timeout is not None and (
        isinstance(cell_timeout, bool)
        or not isinstance(cell_timeout, (int, float))
        or not cell_timeout > 0
        or math.isinf(cell_timeout)
    ):
        raise ValueError(f"cell_timeout must be a positive number of seconds or None, got {cell_timeout!r}")
    if memory_mb is not None and (isinstance(memory_mb, bool) or not isinstance(memory_mb, int) or memory_mb < 256):
        raise ValueError(f"memory_mb must be a whole number of MB, at least 256, got {memory_mb!r}")
    submissions = collect_submissions(paths, skipped)
    references = reference_answers(solutions)
    jobs = [_prepare(i, s, references, timeout, memory_mb, cell_timeout) for i, s in enumerate(submissions)]
    _unique_ids(jobs)
    results, done, total = [], 0, len(jobs)

    def finish(result):
        nonlocal done
        done += 1
        results.append(result)
        if progress is not None:
            progress(result, done, total)

    for job in jobs:
        if job.result is not None:
            finish(job.result)
    runnable = [job for job in jobs if job.result is None]
    graders = _Graders()
    if runnable:
        root = Path(tempfile.mkdtemp(prefix="hrfair-grade-"))
        live: dict = {}  # job index -> running worker, to stop them all on Ctrl-C
        # Threads that each wait on a worker process: a worker that crashes or hangs is killed alone
        # (a ProcessPoolExecutor would break every pending future when one worker dies).
        pool = ThreadPoolExecutor(max_workers=workers)
        try:
            futures = {pool.submit(_execute, job, root, live): job for job in runnable}
            for job in runnable:  # the reference answers are computed while the kernels run
                graders.get(job.bank_id, job.params)
            for future in as_completed(futures):
                job = futures[future]
                try:
                    finish(_grade(job, future.result(), graders))
                except Exception as error:  # noqa: BLE001 - never lose the other learners' results
                    message = f"could not be graded: {type(error).__name__}: {error}"
                    finish(Result(job.learner_id, job.submission.source, FAILED, message, assignment=job.bank_id))
        except BaseException:
            # Ctrl-C: workers run in their own sessions, so the terminal's SIGINT does not reach them.
            pool.shutdown(wait=False, cancel_futures=True)
            for process in list(live.values()):
                _kill(process.pid)
            raise
        finally:
            pool.shutdown(wait=True)
            shutil.rmtree(root, ignore_errors=True)
    return sorted(results, key=lambda r: (r.learner_id, r.source))
