"""Running one submission in its own kernel, under limits, and recording its answers.

This module is the worker process of batch grading: :mod:`hrfair_helpers.grading.batch` starts
``python <this file> PLAN RESULT`` once per submission. The worker

1. lowers its own limits before it starts the kernel, which inherits them: address space
   (``RLIMIT_AS``, the ``--memory`` limit), file size (``RLIMIT_FSIZE``) and no core dumps;
2. starts a fresh IPython kernel with nbclient, in an empty working folder, with
   ``HRFAIR_GRADER=feedback`` (a learner's own ``grader.check`` never raises), one BLAS thread,
   the Agg backend for matplotlib and a fixed ``PYTHONHASHSEED`` (a set's order, hence any answer
   built from one, is the same on every run);
3. runs the learner's code cells one by one, errors allowed, against one deadline for the whole
   notebook (``--timeout``): a cell still running then is interrupted and the run is "timed out";
   a cell that runs past the cell time limit (``--cell-timeout``) is interrupted and the run goes
   on with the next cell (the status is "timed out" too, and the later answers count);
4. after each cell that calls ``grader.check("<question>", <expression>)``, runs a recording cell
   (:func:`~hrfair_helpers.grading.answers.recorder_source`) that evaluates those expressions
   and publishes their values as JSON, so each answer is the value the learner's check saw; at
   the end (or after the interrupt) one more recording cell reads the questions not seen yet;
5. writes the recordings, the cells' errors and the status to RESULT (JSON), and shuts the
   kernel down.

The learner's outputs are dropped as they arrive (only the recording cells' outputs are kept), so a
cell that prints in a loop cannot fill the worker's memory. Nothing is written to the submission:
the notebook the kernel runs exists only in this process.
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import os
import sys
import time
from pathlib import Path

# This file runs as a script (``python .../execution.py PLAN RESULT``), not as part of the package:
# importing hrfair_helpers.grading would load pandas in every worker for nothing. So it imports
# only the standard library and nbclient, and the plan carries the recording code.

__all__ = ["KERNEL_ENV", "run_plan"]

#: Environment of the kernel (and the worker): see the module docstring.
KERNEL_ENV = {
    "HRFAIR_GRADER": "feedback",
    "MPLBACKEND": "Agg",
    "OMP_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONHASHSEED": "0",
    "MALLOC_ARENA_MAX": "2",  # glibc reserves address space per thread arena; RLIMIT_AS counts it
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    # The user's site-packages (e.g. a usercustomize.py a previous submission wrote) never loads.
    "PYTHONNOUSERSITE": "1",
}
#: Where the plan's recording code takes its ``[[question id, expression], ...]`` list.
SITES_PLACEHOLDER = "__HRFAIR_SITES__"
#: A recording larger than this is dropped (the recorder caps an answer at 200,000 values anyway).
MAX_RECORDING_CHARS = 64 * 2**20
#: Largest file the kernel may write (bytes); beyond it the kernel gets SIGXFSZ.
MAX_FILE_BYTES = 512 * 2**20
#: Seconds to start the kernel (not counted in the notebook's time limit).
STARTUP_SECONDS = 60
#: Seconds the final recording may take after the learner's cells (or after an interrupt).
RECORD_SECONDS = 20


def set_limits(memory_mb: int | None) -> None:
    """Limit this process and its future children (the kernel): memory, file size, core dumps."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: no rlimits; the time limit still applies
        return
    limits = [(resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, MAX_FILE_BYTES)]
    if memory_mb:
        limits.append((resource.RLIMIT_AS, int(memory_mb) * 2**20))
    for which, value in limits:
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        try:
            resource.setrlimit(which, (value, hard))
        except (ValueError, OSError):  # pragma: no cover - e.g. a container that forbids it
            pass


def _client_class(mime):
    # jsonschema (imported by nbformat, imported by nbclient) compiles an RFC 3987 grammar at import
    # when rfc3987-syntax is installed: 2-4 s per worker, for a format check nbclient never makes.
    sys.modules.setdefault("rfc3987_syntax", None)
    from nbclient import NotebookClient

    class RecordingClient(NotebookClient):
        """A NotebookClient that keeps the recording cells' answers and drops every other output."""

        def __init__(self, nb, **kw):
            super().__init__(nb, **kw)
            self.recording_cells: set[int] = set()
            self.recordings: list[str] = []
            self.cell_timed_out = False

        def output(self, outs, msg, display_id, cell_index):
            if cell_index in self.recording_cells and msg["msg_type"] == "display_data":
                text = msg["content"].get("data", {}).get(mime)
                if isinstance(text, str) and len(text) <= MAX_RECORDING_CHARS:
                    self.recordings.append(text)
            return None

        async def _async_handle_timeout(self, timeout, cell=None):
            self.cell_timed_out = True
            return await super()._async_handle_timeout(timeout, cell)

    return RecordingClient


def _note_kernel(client, plan) -> None:
    """Write the kernel's pid next to the plan: if this worker is killed, the parent ends the kernel."""
    pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
    if pid:
        (Path(plan["workdir"]).parent / "kernel.pid").write_text(str(pid), encoding="utf-8")


def _error_text(content) -> str:
    text = f"{content.get('ename', 'Error')}: {content.get('evalue', '')}"
    return text[:300]


async def _run(plan: dict) -> dict:
    client_class = _client_class(plan["mime"])
    import nbformat
    from nbclient.exceptions import DeadKernelError

    timeout = float(plan["timeout"])
    cell_timeout = float(plan.get("cell_timeout") or 0) or None
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    errors: list[dict] = []

    def on_error(cell, cell_index, execute_reply):
        if cell_index not in client.recording_cells and len(errors) < 20:
            errors.append(
                {"cell": cell.metadata.get("hrfair_cell", cell_index), "error": _error_text(execute_reply["content"])}
            )

    client = client_class(
        nb,
        kernel_name="python3",  # always this interpreter's kernel, whatever the notebook names
        allow_errors=True,
        interrupt_on_timeout=True,
        error_on_timeout={"ename": "TimeoutError", "evalue": "interrupted at the time limit"},
        shutdown_kernel="immediate",
        startup_timeout=STARTUP_SECONDS,
        store_widget_state=False,
        record_timing=False,
        iopub_timeout=4,
        on_cell_error=on_error,
    )
    recorded: set[str] = set()
    status, message, cells_run = "graded", "", 0

    async def execute(source, *, record=False, seconds, learner_index=None):
        index = len(nb.cells)
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["hrfair_cell"] = learner_index
        nb.cells.append(cell)
        if record:
            client.recording_cells.add(index)
        client.timeout = max(1, math.ceil(seconds))
        client.cell_timed_out = False
        await client.async_execute_cell(cell, index, store_history=not record)
        return not client.cell_timed_out

    async def record(sites, seconds):
        before = len(client.recordings)
        ok = await execute(plan["recorder"].replace(SITES_PLACEHOLDER, repr(sites)), record=True, seconds=seconds)
        for text in client.recordings[before:]:
            try:
                recorded.update(qid for qid, _ in json.loads(text))
            except (ValueError, TypeError):
                pass
        return ok

    try:
        async with client.async_setup_kernel(cwd=plan["workdir"]):
            _note_kernel(client, plan)
            deadline = time.monotonic() + timeout
            limit_reached = f"the notebook's time limit of {timeout:g} s was reached"
            interrupted = []  # code cells stopped at the cell time limit; the run goes on after them
            for number, cell in enumerate(plan["cells"]):
                remaining = deadline - time.monotonic()
                per_cell = cell_timeout is not None and cell_timeout < remaining
                seconds = cell_timeout if per_cell else remaining
                if remaining <= 0 or not await execute(cell["source"], seconds=seconds, learner_index=number):
                    status = "timed out"
                    if remaining > 0 and per_cell:
                        interrupted.append(number + 1)
                    else:
                        message = f"stopped at code cell {number + 1}: {limit_reached}"
                        break
                cells_run = number + 1
                if cell["sites"]:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0 or not await record(cell["sites"], remaining):
                        status = "timed out"
                        message = f"stopped after code cell {number + 1}: {limit_reached}"
                        break
            if interrupted:
                cells = ", ".join(str(n) for n in interrupted)
                stopped = (
                    f"code cell{'s' if len(interrupted) > 1 else ''} {cells} interrupted at the cell time limit "
                    f"of {cell_timeout:g} s"
                )
                message = f"{stopped}; {message}" if message else stopped
            rest = [site for site in plan["fallback"] if site[0] not in recorded]
            if rest and not await record(rest, RECORD_SECONDS):
                message = (message + "; " if message else "") + "the kernel did not respond after the interrupt"
    except DeadKernelError:
        status = "failed to run"
        message = f"the kernel died while running code cell {cells_run + 1} (out of memory, or a crash)"
    except Exception as error:  # noqa: BLE001 - anything else: the kernel could not be run
        status = "failed to run"
        message = f"{type(error).__name__}: {str(error)[:300]}"
    return {
        "status": status,
        "message": message,
        "recordings": client.recordings,
        "errors": errors,
        "cells_run": cells_run,
    }


def run_plan(plan: dict) -> dict:
    """Run one prepared submission (see :mod:`hrfair_helpers.grading.batch`) and return the result.

    Parameters
    ----------
    plan : dict
        ``cells`` (``[{"source": str, "sites": [[qid, expression], ...]}, ...]``, the learner's
        code cells), ``fallback`` (``[[qid, expression], ...]`` for the questions not recorded
        after a cell), ``recorder`` (the recording code, with :data:`SITES_PLACEHOLDER` where
        the sites go) and ``mime`` (the type of its output), ``timeout`` (seconds for the whole
        notebook), ``cell_timeout`` (seconds for one cell, or None), ``memory_mb`` and ``workdir``
        (the kernel's empty working folder).

    Returns
    -------
    dict
        ``status`` ("graded", "timed out" or "failed to run"), ``message``, ``recordings`` (JSON
        texts from the recording cells, in order), ``errors`` (the learner cells' errors) and
        ``cells_run``.

    Examples
    --------
    In a worker process (it lowers the process's limits first)::

        result = run_plan({"cells": [{"source": "x = 1", "sites": []}], "fallback": [["q", "x"]],
                           "recorder": recorder_source(SITES_PLACEHOLDER), "mime": ANSWER_MIME,
                           "timeout": 30, "memory_mb": 2048, "workdir": "/tmp/empty"})
    """
    os.environ.update(KERNEL_ENV)
    runtime = Path(plan["workdir"]).parent / "runtime"
    runtime.mkdir(exist_ok=True)
    # Connection files and the IPython profile go to the run's temporary folder, not the user's;
    # a fresh profile also means the instructor's IPython startup files do not run in submissions.
    os.environ["JUPYTER_RUNTIME_DIR"] = str(runtime)
    os.environ["IPYTHONDIR"] = str(runtime / "ipython")
    # A home of its own per submission: files a notebook writes to ~ (matplotlib or IPython settings,
    # caches) cannot change how a later submission runs. Not a sandbox: the rest of the disk is still reachable.
    home = runtime / "home"
    home.mkdir(exist_ok=True)
    for name, path in (
        ("HOME", home),
        ("MPLCONFIGDIR", home / ".matplotlib"),
        ("XDG_CONFIG_HOME", home / ".config"),
        ("XDG_CACHE_HOME", home / ".cache"),
        ("XDG_DATA_HOME", home / ".local" / "share"),
    ):
        os.environ[name] = str(path)
    set_limits(plan.get("memory_mb"))
    logging.getLogger("traitlets").setLevel(logging.CRITICAL)
    return asyncio.run(_run(plan))


def main(argv=None) -> int:
    """``python execution.py PLAN RESULT``: run PLAN (JSON), write RESULT (JSON)."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print("usage: python execution.py PLAN RESULT", file=sys.stderr)
        return 2
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result = run_plan(plan)
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
