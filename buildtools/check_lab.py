"""Open the learner notebooks in JupyterLab in headless Chromium and check what a learner would see.

JupyterLab is started on a temporary copy of ``notebooks/`` (the repository's files are never
touched) with ``HRFAIR_GRADER=feedback``. Debian's Chromium, driven by Playwright's Python package
(no browser download), opens notebook 03 (the What-If explorer and the graders) and notebook 01
(the threshold explorer: notebook 03 has none) in two tabs and runs all cells from the Run menu.
Then, in the browser:

- every code cell ran (a number in its prompt) and no cell shows an error or stderr output;
- each explorer rendered as live widgets, and moving its slider with the keyboard changes what
  the explorer shows (the kernel answered), not just the slider's readout;
- typing a known wrong answer into a grader cell of notebook 03 and running it shows that
  misconception's feedback (the text comes from the question bank).

A screenshot is saved after the run, after each slider change and of the feedback.

Usage::

    python buildtools/check_lab.py --out _build/lab-screenshots
    python buildtools/check_lab.py --self-test   # break a copy of the notebooks on purpose

Exit code 0 when every check passes, 1 otherwise (the failures are listed). ``--self-test`` runs
the same checks on a copy in which the What-If explorer's slider changes nothing, the grader says
nothing and the threshold explorer's cell raises, and exits 0 only if each break is reported and
notebook 03 otherwise runs clean. Debian's ``chromium`` is used (``make check-lab`` installs it
when missing); set ``CHROMIUM`` to use another binary.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import browser  # buildtools/browser.py, next to this script

ROOT = Path(__file__).resolve().parents[1]
JUPYTER = Path(sys.executable).with_name("jupyter")

# Timeouts, in seconds. The notebooks run in well under a minute on two cores.
SERVER_START = 60
PAGE_LOAD = 60
RUN_ALL = 150
WIDGET = 30  # an explorer's widgets appear, once its cell has run
RESPONSE = 10  # the kernel answers a slider change (it takes well under a second)
FEEDBACK = 60  # the edited grader cell runs (the first grading builds the case)
SHOWN = 5  # the output is there once the cell's prompt has its number


@dataclass(frozen=True)
class Explorer:
    """An explorer cell to find in a notebook, and the slider to move."""

    name: str
    notebook: str
    call: str  # the cell whose source contains this is the explorer
    slider: str  # the slider's description
    key: str  # "End" (to the far end, or "Home" if already there) or "ArrowLeft*N"


@dataclass(frozen=True)
class WrongAnswer:
    """A grader cell, the wrong answer typed into it, and the misconception it must trigger."""

    notebook: str
    bank: str
    question: str
    misconception: str
    source: str


WHAT_IF = Explorer("what-if explorer", "03_promotion_gap.ipynb", "what_if_explorer(", "tenure_in_role", "End")
THRESHOLD = Explorer(
    "threshold explorer", "01_adult_census_audit.ipynb", "threshold_explorer(", "threshold", "ArrowLeft*10"
)
EXPLORERS = (WHAT_IF, THRESHOLD)
WRONG = WrongAnswer(
    "03_promotion_gap.ipynb",
    "promotion_gap",
    "q05_ratings_explain_gap",
    "yes",
    "ratings_explain_gap = True  # a wrong answer, typed by buildtools/check_lab.py\n"
    'grader.check("q05_ratings_explain_gap", ratings_explain_gap)',
)
NOTEBOOKS = ("03_promotion_gap.ipynb", "01_adult_census_audit.ipynb")
PROMPT_NUMBER = re.compile(r"^\[\d+\]:?$")

# --------------------------------------------------------------------------- #
# pure helpers (unit-tested without a browser)


def read_sources(path):
    """``[(cell_type, source), ...]`` of a notebook file, in order."""
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in cells]


def find_cell(sources, marker):
    """Index of the only code cell whose source contains ``marker``; ValueError if none or several."""
    found = [i for i, (kind, source) in enumerate(sources) if kind == "code" and marker in source]
    if len(found) != 1:
        raise ValueError(f"{len(found)} code cells contain {marker!r}, expected exactly one")
    return found[0]


def first_line(source, width=60):
    line = next((s.strip() for s in source.splitlines() if s.strip() and not s.strip().startswith("#")), "")
    return line if len(line) <= width else line[: width - 1] + "…"


def last_line(text, width=160):
    lines = [s.strip() for s in text.splitlines() if s.strip()]
    line = lines[-1] if lines else ""
    return line if len(line) <= width else line[: width - 1] + "…"


def run_problems(name, sources, cells):
    """Problems after "Run All Cells": ``cells`` as read from the page (kind, prompt, stderr texts)."""
    problems = []
    if len(cells) != len(sources):
        return [f"{name}: the page shows {len(cells)} cells, the file has {len(sources)}"]
    not_run = []
    for i, ((kind, source), cell) in enumerate(zip(sources, cells)):
        where = f"{name}: cell {i + 1} ({first_line(source)!r})"
        if kind != "code":
            continue
        prompt = cell["prompt"].strip()
        if "*" in prompt:
            problems.append(f"{where}: still running when the run was over")
        elif not PROMPT_NUMBER.match(prompt):
            not_run.append(i)
        for text in cell["stderr"]:
            problems.append(f"{where}: shows an error/stderr output: {last_line(text)}")
    if not_run:
        problems.append(
            f"{name}: {len(not_run)} code cell(s) did not run, from cell {not_run[0] + 1} "
            f"({first_line(sources[not_run[0]][1])!r})"
        )
    return problems


def first_bad_cell(cells):
    """Index of the first cell with an error output, else of the first code cell that did not run, else None."""
    for i, cell in enumerate(cells):
        if cell["stderr"]:
            return i
    for i, cell in enumerate(cells):
        if cell["kind"] == "code" and not PROMPT_NUMBER.match(cell["prompt"].strip()):
            return i
    return None


def normalise(text):
    return " ".join(text.split())


def key_presses(key, now=None, high=None):
    """The keys to press on a slider handle: ``"ArrowLeft*3"`` → three ArrowLeft; End, or Home at the end."""
    if "*" in key:
        name, count = key.split("*")
        return [name] * int(count)
    if key == "End" and now is not None and high is not None and float(now) >= float(high):
        return ["Home"]
    return [key]


def shot_name(notebook, what):
    return f"{Path(notebook).stem}__{what}.png"


# --------------------------------------------------------------------------- #
# breaking a copy on purpose (the self-test)

# Each stand-in keeps the explorer's call in a comment, so the check still finds the cell.
BROKEN_WHAT_IF = (
    "# stands in for what_if_explorer(...), broken on purpose by check_lab --self-test: the slider changes nothing\n"
    "import ipywidgets as widgets\n"
    'widgets.VBox([widgets.FloatSlider(value=1.0, min=0.0, max=10.0, description="tenure_in_role", '
    "continuous_update=False),\n"
    '              widgets.HTML("<p>a static explorer: nothing here answers the slider</p>")])'
)
SILENT_GRADER = "\ngrader.check = lambda question_id, answer: None  # broken on purpose by check_lab --self-test"
BROKEN_THRESHOLD = (
    "# stands in for threshold_explorer(...)\n"
    'raise RuntimeError("threshold explorer broken on purpose by check_lab --self-test")'
)


def _edit(path, edit):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    edit(notebook["cells"])
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _sources_of(cells):
    return [(c["cell_type"], "".join(c["source"]) if isinstance(c["source"], list) else c["source"]) for c in cells]


def break_notebooks(folder):
    """Break the copy in ``folder``: a dead What-If slider, a silent grader, a threshold explorer that raises."""
    folder = Path(folder)

    def break_03(cells):
        cells[find_cell(_sources_of(cells), WHAT_IF.call)]["source"] = BROKEN_WHAT_IF
        setup = find_cell(_sources_of(cells), "grader = Grader(")
        cells[setup]["source"] = _sources_of(cells)[setup][1] + SILENT_GRADER

    def break_01(cells):
        cells[find_cell(_sources_of(cells), THRESHOLD.call)]["source"] = BROKEN_THRESHOLD

    _edit(folder / WHAT_IF.notebook, break_03)
    _edit(folder / THRESHOLD.notebook, break_01)


# --------------------------------------------------------------------------- #
# JupyterLab


def chromium():
    return browser.chromium("check_lab", "check-lab")


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LabError(RuntimeError):
    """JupyterLab did not start."""


class Lab:
    """JupyterLab on ``folder`` in its own process group, with private settings, workspaces and runtime files."""

    def __init__(self, folder, home):
        self.folder, self.home = Path(folder), Path(home)
        self.port, self.token = _free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = self.home / "jupyterlab.log"
        self.proc = None

    def __enter__(self):
        settings = self.home / "settings"
        # All cells stay in the page (JupyterLab 4 otherwise drops cells scrolled out of view), and no news.
        for plugin, values in {
            "notebook-extension/tracker": {"windowingMode": "none"},
            "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
        }.items():
            path = settings / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        env = dict(
            os.environ,
            HRFAIR_GRADER="feedback",
            OMP_NUM_THREADS="1",
            OPENBLAS_NUM_THREADS="1",
            MKL_NUM_THREADS="1",
            JUPYTERLAB_SETTINGS_DIR=str(settings),
            JUPYTERLAB_WORKSPACES_DIR=str(self.home / "workspaces"),
            JUPYTER_CONFIG_DIR=str(self.home / "config"),
            JUPYTER_RUNTIME_DIR=str(self.home / "runtime"),
            JUPYTER_DATA_DIR=str(self.home / "data"),
            IPYTHONDIR=str(self.home / "ipython"),
        )
        command = [
            str(JUPYTER),
            "lab",
            "--no-browser",
            "--ServerApp.open_browser=False",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.folder}",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--ServerApp.allow_root=True")
        self._log = open(self.log_path, "w", encoding="utf-8")
        try:
            self.proc = subprocess.Popen(
                command, env=env, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True, cwd=self.folder
            )
        except OSError as error:
            self._log.close()
            raise LabError(f"cannot start {command[0]}: {error} (make setup installs JupyterLab)") from None
        deadline = time.monotonic() + SERVER_START
        while True:
            if self.proc.poll() is not None:
                raise LabError(f"JupyterLab exited ({self.proc.returncode}):\n{self.log_tail()}")
            try:
                urllib.request.urlopen(f"{self.base}/api/status?token={self.token}", timeout=2).close()
                return self
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    self.__exit__()
                    raise LabError(
                        f"JupyterLab did not answer /api/status within {SERVER_START} s:\n{self.log_tail()}"
                    ) from None
                time.sleep(0.25)

    def url(self, notebook):
        # A workspace per tab, so the two tabs do not restore each other's layout.
        return f"{self.base}/lab/workspaces/check-{Path(notebook).stem}/tree/{notebook}?reset&token={self.token}"

    def log_tail(self, lines=25):
        try:
            return "\n".join(self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def _kernel_pids(self):
        """Kernels of this server: their command line names a connection file in our private runtime folder."""
        runtime, pids = str(self.home / "runtime"), []
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                if runtime in (entry / "cmdline").read_bytes().decode(errors="replace"):
                    pids.append(int(entry.name))
            except OSError:
                continue
        return pids

    def __exit__(self, *exc):
        if self.proc is None or self.proc.poll() is not None:
            return
        kernels = self._kernel_pids() if Path("/proc").is_dir() else []
        os.killpg(self.proc.pid, signal.SIGTERM)  # the server shuts its kernels down on SIGTERM
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        for pid in kernels:  # kernels run in their own process group: end any the server left behind
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._log.close()


# --------------------------------------------------------------------------- #
# the page

CELLS = ".jp-NotebookPanel .jp-Notebook-cell"
READ_CELLS = """selector => [...document.querySelectorAll(selector)].map(cell => ({
  kind: cell.classList.contains('jp-CodeCell') ? 'code' : 'other',
  prompt: (cell.querySelector('.jp-InputPrompt') || {innerText: ''}).innerText,
  stderr: [...cell.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
    .map(o => o.innerText),
}))"""


def _until(condition, timeout, interval=0.2):
    """Poll ``condition`` until it is true or ``timeout`` seconds pass; returns its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(interval)


def _dialog(page):
    dialog = page.locator(".jp-Dialog")
    return normalise(dialog.first.inner_text()) if dialog.count() else ""


def _shot(page, out, notebook, what, target=None):
    if out is None:
        return None
    if target is not None:
        target.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)  # let the scroll and the layout settle before the picture
    path = Path(out) / shot_name(notebook, what)
    path.unlink(missing_ok=True)  # a screenshot from an earlier run must not pass for this one
    page.screenshot(path=str(path))
    return path


def open_and_run(page, lab, notebook):
    """Open ``notebook`` and start "Run All Cells" from the Run menu once its kernel is idle (does not wait
    for the run). Returns the problems met on the way."""
    page.goto(lab.url(notebook), timeout=PAGE_LOAD * 1000)
    page.locator(CELLS).first.wait_for(timeout=PAGE_LOAD * 1000)
    # Run All before the kernel is up asks for a kernel in a dialog: wait for the status bar's "| Idle".
    status = page.locator('.jp-StatusBar-TextItem[title^="Change kernel"]')
    if not _until(
        lambda: status.count() and status.first.inner_text().strip().endswith("| Idle") or _dialog(page), PAGE_LOAD
    ) or _dialog(page):
        shown = _dialog(page) or (status.first.inner_text() if status.count() else "no kernel status")
        return [f"{notebook}: the kernel was not idle within {PAGE_LOAD} s ({shown})"]
    # The file browser takes a third of the window: hide the left sidebar for the screenshots.
    current = page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current")
    if current.count():  # clicking the open panel's tab collapses it
        current.first.click()
    page.locator("#jp-MainMenu .lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    return []


def wait_for_run(page, name, sources, out=None):
    """Wait until no cell is queued or running; the problems the finished run shows."""

    def started():
        return any("*" in c["prompt"] or re.search(r"\d", c["prompt"]) for c in page.evaluate(READ_CELLS, CELLS))

    if not _until(started, PAGE_LOAD):
        return [
            f"{name}: Run All Cells started nothing within {PAGE_LOAD} s"
            + (f" (dialog: {_dialog(page)})" if _dialog(page) else "")
        ]

    def finished():
        if _dialog(page):
            return "dialog"
        cells = page.evaluate(READ_CELLS, CELLS)
        if any("*" in c["prompt"] for c in cells):
            return None
        time.sleep(0.5)  # and still finished half a second later (no cell queued in between)
        again = page.evaluate(READ_CELLS, CELLS)
        return again if not any("*" in c["prompt"] for c in again) else None

    cells = _until(finished, RUN_ALL, interval=0.5)
    if cells == "dialog":
        _shot(page, out, name, "run_all")
        return [f"{name}: JupyterLab shows a dialog: {_dialog(page)}"]
    if not cells:
        _shot(page, out, name, "run_all")
        return [f"{name}: the run did not finish within {RUN_ALL} s"]
    bad = first_bad_cell(cells)
    # The end of the notebook (the grader's summary), or the first cell that failed.
    _shot(page, out, name, "run_all", None if bad is None else page.locator(CELLS).nth(bad))
    return run_problems(name, sources, cells)


def check_explorer(page, explorer, sources, out, report=print):
    """The explorer rendered as widgets, and moving its slider changes what it shows."""
    name = f"{explorer.notebook}: {explorer.name}"
    try:
        index = find_cell(sources, explorer.call)
    except ValueError as error:
        return [f"{name}: {error}"]
    slug = explorer.name.replace(" ", "_").replace("-", "_")
    cell = page.locator(CELLS).nth(index)
    output = cell.locator(".jp-OutputArea")
    slider = output.locator(".widget-slider").filter(
        has=page.locator(".widget-label", has_text=re.compile(rf"^\s*{re.escape(explorer.slider)}\s*$"))
    )
    prompt = cell.locator(".jp-InputPrompt").inner_text().strip()
    error = cell.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    if not PROMPT_NUMBER.match(prompt) or error.count():
        _shot(page, out, explorer.notebook, f"{slug}_missing", cell)
        why = f"shows an error ({last_line(error.first.inner_text())})" if error.count() else "did not run"
        return [f"{name}: not rendered: its cell ({index + 1}) {why}"]
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        slider.first.wait_for(timeout=WIDGET * 1000)
    except PlaywrightTimeout:
        text = normalise(output.inner_text()) if output.count() else ""
        _shot(page, out, explorer.notebook, f"{slug}_missing", cell)
        return [
            f"{name}: not rendered: no {explorer.slider!r} slider in cell {index + 1}'s output within "
            f"{WIDGET} s (output: {text[:200]!r})"
        ]
    problems = []
    if "Error displaying widget" in output.inner_text():
        problems.append(f"{name}: 'Error displaying widget' in the output")
    shown = output.locator(".widget-html")

    def view():
        return normalise(" ".join(shown.all_inner_texts()))

    before = _until(view, WIDGET)
    if not before:
        problems.append(f"{name}: the explorer shows no result (empty HTML widgets)")
    _shot(page, out, explorer.notebook, f"{slug}_rendered", cell)
    handle = slider.first.locator(".noUi-handle")
    readout = slider.first.locator(".widget-readout")
    old_value = readout.inner_text().strip()
    keys = key_presses(explorer.key, handle.get_attribute("aria-valuenow"), handle.get_attribute("aria-valuemax"))
    handle.focus()
    for key in keys:
        handle.press(key)
    new_value = _until(lambda: (v := readout.inner_text().strip()) != old_value and v, RESPONSE) or old_value
    moved = f"{explorer.slider} {old_value} → {new_value}"
    if new_value == old_value:
        problems.append(
            f"{name}: pressing {keys[0]} on the {explorer.slider!r} slider did not move it (readout stays {old_value})"
        )
    after = _until(lambda: (v := view()) != before and v, RESPONSE) or before
    _shot(page, out, explorer.notebook, f"{slug}_after_slider", cell)
    if new_value != old_value and after == before:
        problems.append(
            f"{name}: moving the slider ({moved}) did not change what the explorer shows within {RESPONSE} s"
        )
    if not problems:
        report(f"    rendered; moving the slider ({moved}) changed what it shows")
    return problems


def misconception_feedback(wrong):
    """The feedback text the bank gives for ``wrong``'s misconception."""
    from hrfair_helpers.grading.banks import get_bank

    question = get_bank(wrong.bank).questions[wrong.question]
    return next(m.feedback for m in question.misconceptions if m.id == wrong.misconception)


def check_feedback(page, wrong, sources, out):
    """Type the wrong answer into the grader cell, run it, and look for the misconception's feedback."""
    name = f"{wrong.notebook}: wrong answer to {wrong.question}"
    expected = normalise(misconception_feedback(wrong))
    try:
        index = find_cell(sources, f'grader.check("{wrong.question}"')
    except ValueError as error:
        return [f"{name}: {error}"]
    cell = page.locator(CELLS).nth(index)
    prompt = cell.locator(".jp-InputPrompt")
    before = prompt.inner_text().strip()
    cell.evaluate("e => e.scrollIntoView({block: 'center'})")
    editor = cell.locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(wrong.source)
    typed = normalise(editor.inner_text())
    if typed != normalise(wrong.source):
        return [f"{name}: could not type the answer into cell {index + 1} (the editor shows {typed[:120]!r})"]
    page.keyboard.press("Control+Enter")
    ran = _until(lambda: PROMPT_NUMBER.match(p := prompt.inner_text().strip()) and p != before, FEEDBACK)
    feedback = cell.locator(".jp-OutputArea .hrfair-feedback")
    shown = _until(
        lambda: (
            feedback.count()
            and expected in normalise(feedback.first.inner_text())
            and normalise(feedback.first.inner_text())
        ),
        SHOWN,
    )
    _shot(page, out, wrong.notebook, "wrong_answer_feedback", cell)
    problems = []
    if not ran:
        problems.append(f"{name}: the edited cell did not run within {FEEDBACK} s")
    output = normalise(cell.locator(".jp-OutputArea").inner_text())
    if not shown:
        problems.append(f"{name}: the feedback {expected[:80]!r}… is not shown (output: {output[:200]!r})")
    elif "not yet correct" not in shown:
        problems.append(f"{name}: the feedback does not say 'not yet correct' ({shown[:120]!r})")
    stderr = cell.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
    if stderr.count():
        problems.append(f"{name}: error output: {last_line(stderr.first.inner_text())}")
    return problems


def check(notebooks="notebooks", out=None, mutate=None, report=print):
    """Copy ``notebooks``, run JupyterLab on the copy and check it in Chromium; returns the problems."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise SystemExit(
            "check_lab: the playwright package is missing: pip install playwright (the dev extra "
            "has it); no browser download is needed, Debian's chromium is used"
        ) from None
    notebooks = Path(notebooks)
    missing = [n for n in NOTEBOOKS if not (notebooks / n).is_file()]
    if missing:
        return [f"{notebooks}/{n} not found" for n in missing]
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
        for old in Path(out).glob("*.png"):  # screenshots of an earlier run must not pass for this one's
            old.unlink()
    binary = chromium()
    problems = []
    with tempfile.TemporaryDirectory(prefix="check_lab-") as tmp:
        copy = Path(tmp) / "notebooks"
        shutil.copytree(notebooks, copy, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        if mutate:
            mutate(copy)
        sources = {n: read_sources(copy / n) for n in NOTEBOOKS}
        (Path(tmp) / "home").mkdir()
        try:
            with Lab(copy, Path(tmp) / "home") as lab, sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=binary,
                    headless=True,
                    args=[
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                    ],
                )
                try:
                    _drive(browser, lab, sources, out, problems, report, PlaywrightError)
                finally:
                    browser.close()
        except LabError as error:
            problems.append(f"JupyterLab: {error}")
        except PlaywrightError as error:
            problems.append(f"Chromium ({binary}) could not be started or driven: {first_line(str(error), 300)}")
    return problems


def _drive(browser, lab, sources, out, problems, report, PlaywrightError):
    """The checks in one browser: both notebooks run at once (a kernel per core), then the explorers and the
    feedback. A notebook that did not open is not checked further (its checks would only time out)."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    context.set_default_timeout(30_000)
    pages, unopened = {}, set()

    def step(what, notebook, check_, *args):
        """Run ``check_(*args)``; a browser error (a timeout, a missing element) becomes a problem."""
        if notebook in unopened:
            report(f"  {notebook}: {what}: skipped (the notebook did not open)")
            return ["skipped"]
        begun = time.monotonic()
        try:
            found = check_(*args)
        except PlaywrightError as error:
            found = [f"{notebook}: {what}: {first_line(str(error), 300)}"]
            try:
                _shot(pages[notebook], out, notebook, "error_" + re.sub(r"\W+", "_", what))
            except PlaywrightError:
                pass  # the page is gone: the problem above says why
        problems.extend(found)
        report(
            f"  {notebook}: {what}: "
            + ("ok" if not found else f"{len(found)} problem(s)")
            + f" ({time.monotonic() - begun:.0f} s)"
        )
        return found

    for notebook in NOTEBOOKS:
        pages[notebook] = page = context.new_page()
        if step("open, Run All Cells", notebook, open_and_run, page, lab, notebook):
            unopened.add(notebook)
    for notebook, page in pages.items():
        page.bring_to_front()
        code = sum(kind == "code" for kind, _ in sources[notebook])
        step(f"run all {code} code cells", notebook, wait_for_run, page, notebook, sources[notebook], out)
    for explorer in EXPLORERS:
        page = pages[explorer.notebook]
        page.bring_to_front()
        step(explorer.name, explorer.notebook, check_explorer, page, explorer, sources[explorer.notebook], out, report)
    page = pages[WRONG.notebook]
    page.bring_to_front()
    step(
        f"a wrong answer to {WRONG.question} shows its feedback",
        WRONG.notebook,
        check_feedback,
        page,
        WRONG,
        sources[WRONG.notebook],
        out,
    )


def self_test(notebooks):
    """Run the checks on a broken copy; True when every break is reported and nothing else in notebook 03."""
    problems = check(notebooks, mutate=break_notebooks, report=lambda line: None)
    caught = {
        "the dead What-If slider": any(
            WHAT_IF.notebook in p and "did not change what the explorer shows" in p for p in problems
        ),
        "the silent grader": any(WRONG.question in p and "is not shown" in p for p in problems),
        "the error in the threshold explorer's cell": any(
            THRESHOLD.notebook in p and "broken on purpose" in p and "error/stderr output" in p for p in problems
        ),
        "the missing threshold explorer": any(THRESHOLD.name in p and "not rendered" in p for p in problems),
    }
    expected = ("did not change what the explorer shows", "is not shown")
    others = [p for p in problems if p.startswith(WHAT_IF.notebook) and not any(e in p for e in expected)]
    print(
        "self-test:",
        " | ".join(("caught " if ok else "MISSED ") + what for what, ok in caught.items()),
        "|",
        "notebook 03 otherwise clean" if not others else "notebook 03 flagged otherwise",
    )
    for problem in problems:
        print(f"  {'unexpected' if problem in others else 'reported'}: {problem}")
    return all(caught.values()) and not others


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notebooks", default=str(ROOT / "notebooks"), help="the learner notebooks (copied first)")
    parser.add_argument("--out", default=str(ROOT / "_build" / "lab-screenshots"), help="where screenshots go")
    parser.add_argument("--self-test", action="store_true", help="check that broken notebooks are caught")
    args = parser.parse_args(argv)
    started = time.monotonic()
    if args.self_test:
        ok = self_test(args.notebooks)
        print(f"check_lab --self-test: {'passed' if ok else 'FAILED'} in {time.monotonic() - started:.0f} s")
        return 0 if ok else 1
    print(f"check_lab: JupyterLab on a copy of {args.notebooks}, in {chromium()}")
    problems = check(args.notebooks, args.out)
    for problem in problems:
        print(f"FAIL {problem}")
    print(
        f"check_lab: {len(NOTEBOOKS)} notebooks, {len(problems)} problem(s) in {time.monotonic() - started:.0f} s; "
        f"screenshots in {args.out}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
