"""Candidate-specific variants of a scenario notebook, with the interviewer's answer key.

``hrfair variant --notebook 03 --seed 7 --out DIR`` (or :func:`make_variant`) writes three files:

``03_promotion_gap_seed7.ipynb``
    The learner copy (what ``hrfair student`` writes to ``notebooks/``) with the notebook's one
    ``SEED = 0`` line set to ``SEED = 7``: the data come from case seed 7, so every number differs
    from the published solution, and the notebook's ``Grader(..., seed=SEED)`` checks the answers
    of seed 7. The solution text is not in it.
``03_promotion_gap_seed7_answer_key.md``
    For the interviewer: every question with its prompt, the expected answer for this seed (tables
    for per-group answers, numbers to 4 decimals) and how the grader compares it, then the known
    misconceptions with the wrong answer each produces, so a wrong number can be recognised.
``03_promotion_gap_seed7_answer_key.json``
    The same, machine-readable: sorted keys, numbers rounded to 10 decimals.

The same seed always gives byte-identical files; two seeds give different data and answers.
Seed 0 is refused: it is the published solution, which a candidate can look up.

Text that states a number of the case without computing it (the brief's "women recommended at a
30% lower rate") is a *claim*: the spec's ``claims`` function gives the claims of a case context,
and the variant replaces each seed-0 claim in the Markdown cells by the same claim for its seed.
Everything else that depends on the data is computed by the notebook's own cells.

Variants are built from ``solutions/`` of a repository checkout (the working directory or one of
its parents, else the checkout this package was installed from; or pass ``root``), and the
answers from the installed question bank, computed on the case of the variant's seed
(:func:`hrfair_helpers.cases.get_case`). The claims need only the case; the answer key also needs
the bank's questions and their comparisons, so :func:`answer_key` and its helpers ``_label`` and
``_compute`` are the only places this module imports :mod:`hrfair_helpers.grading`.

Adding a notebook
-----------------
The solution notebook assigns ``SEED = 0`` on one line of its own in a code cell, passes ``SEED``
to every seeded call and to its grader (``Grader("<bank>", seed=SEED)``), and its bank's setup
accepts ``seed`` (its case, registered in :data:`hrfair_helpers.cases.CASES` under the bank's id,
takes it); then add a :class:`VariantSpec` to :data:`REGISTRY`.

Examples
--------
::

    hrfair variant --notebook 03 --seed 7 --out interviews/candidate-a
"""

from __future__ import annotations

import json
import math
import numbers
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .._utils.typing import StrPath

__all__ = ["REGISTRY", "VariantSpec", "answer_key", "claims", "find_root", "make_variant", "set_seed", "supported"]

#: Rounding of numbers in the JSON answer key: well above floating-point noise between platforms.
JSON_DECIMALS = 10


@dataclass(frozen=True)
class VariantSpec:
    """How to build variants of one scenario notebook.

    Attributes
    ----------
    key : str
        The notebook's number, e.g. ``"03"`` (``hrfair variant --notebook 03``).
    solution : str
        The solution notebook, relative to the repository root.
    bank : str
        Its question bank (:func:`hrfair_helpers.grading.banks.available`), also the id of its case
        (:data:`hrfair_helpers.cases.CASES`).
    seed_variable : str
        The variable the notebook assigns ``0`` on one line (``SEED = 0``); the variant sets it.
    seed_param : str
        The keyword the case (the bank's setup) and ``Grader(bank, ...)`` take the seed as.
    claims : callable, optional
        ``claims(case) -> tuple of str``: the phrases the notebook's Markdown states about the case
        (e.g. ``"30% lower"``), computed from the case (the bank's context); the variant swaps the
        seed-0 phrases for its seed's.
    """

    key: str
    solution: str
    bank: str
    seed_variable: str = "SEED"
    seed_param: str = "seed"
    claims: Callable[[Any], tuple[str, ...]] | None = None

    @property
    def stem(self) -> str:
        """The notebook's file name without ``.ipynb``, e.g. ``"03_promotion_gap"``."""
        return Path(self.solution).stem

    def bank_params(self, seed: int) -> dict:
        """Keyword arguments of the case (the bank's context, and ``Grader``) for ``seed``."""
        return {self.seed_param: seed}

    def grader_call(self) -> str:
        """The grader construction the notebook must contain, e.g. ``Grader("promotion_gap", seed=SEED)``."""
        return f'Grader("{self.bank}", {self.seed_param}={self.seed_variable})'

    def file_names(self, seed: int) -> tuple[str, str, str]:
        """Names of the variant notebook and of its Markdown and JSON answer keys."""
        base = f"{self.stem}_seed{seed}"
        return f"{base}.ipynb", f"{base}_answer_key.md", f"{base}_answer_key.json"


def _promotion_claims(case) -> tuple[str, ...]:
    """The promotion brief's premise: how much less often women are recommended (the title, the brief)."""
    lower = round(100 * (1 - case.ratio()))
    return (f"{lower}% lower", f"{lower}% less often")


#: Notebooks that have variants, by key.
REGISTRY: dict[str, VariantSpec] = {
    spec.key: spec
    for spec in (
        VariantSpec("03", "solutions/03_promotion_gap.ipynb", "promotion_gap", claims=_promotion_claims),
        VariantSpec("04", "solutions/04_chatbot_incident.ipynb", "chatbot_incident"),
        VariantSpec("07", "solutions/07_wellbeing_analytics.ipynb", "wellbeing_analytics"),
    )
}


def supported() -> list[str]:
    """Keys of the notebooks that have variants, e.g. ``["03", "04", "07"]``."""
    return sorted(REGISTRY)


def _supported_text() -> str:
    return ", ".join(f"{key} ({REGISTRY[key].stem})" for key in supported())


def _spec(notebook) -> VariantSpec:
    """The spec for ``"03"``, ``"3"``, ``3`` or ``"03_promotion_gap"``; ValueError listing the supported ones."""
    key = str(notebook).strip() if isinstance(notebook, (str, int)) and not isinstance(notebook, bool) else None
    if key is not None:
        if key.isdigit():
            key = key.zfill(2)
        for spec in REGISTRY.values():
            if key in (spec.key, spec.stem, f"{spec.stem}.ipynb"):
                return spec
    raise ValueError(f"notebook {notebook!r} has no variants; supported: {_supported_text()}")


def _check_seed(seed) -> int:
    from .._utils.validation import check_seed

    seed = check_seed(seed)
    if seed == 0:
        raise ValueError("seed 0 is the published solution; pick another so the candidate cannot look the answers up")
    return int(seed)


def find_root(root: str | os.PathLike | None = None, notebook="03") -> Path:
    """The repository checkout holding the solution notebook of ``notebook``.

    Parameters
    ----------
    root : str or path-like, optional
        The repository root. Default: the working directory or the nearest parent holding the
        notebook, else the checkout this package was installed from.
    notebook : str, default "03"

    Raises
    ------
    FileNotFoundError
        If the solution notebook is not there, saying where it was looked for.
    """
    spec = _spec(notebook)
    if root is not None:
        candidates = [Path(root)]
    else:
        cwd = Path.cwd()
        candidates = [cwd, *cwd.parents, Path(__file__).resolve().parents[2]]
    for candidate in candidates:
        if (candidate / spec.solution).is_file():
            return candidate
    where = (
        f"under {Path(root).as_posix()!r}"
        if root is not None
        else f"in {Path.cwd().as_posix()!r}, its parents or the package's checkout"
    )
    raise FileNotFoundError(
        f"solution notebook {spec.solution!r} not found {where}: variants are built from the solutions/ "
        f"folder of a repository checkout; run from the repository root or pass root="
    )


def set_seed(nb, seed: int, variable: str = "SEED"):
    """Set the notebook's one ``<variable> = 0`` line (in a code cell) to ``seed``, in place.

    Parameters
    ----------
    nb : nbformat.NotebookNode
    seed : int
    variable : str, default "SEED"

    Returns
    -------
    nbformat.NotebookNode
        ``nb``.

    Raises
    ------
    ValueError
        Unless exactly one line of a code cell is ``<variable> = 0`` (a comment may follow).

    Examples
    --------
    >>> from nbformat.v4 import new_code_cell, new_notebook
    >>> nb = set_seed(new_notebook(cells=[new_code_cell("SEED = 0  # the case seed\\nprint(SEED)")]), 7)
    >>> print(nb.cells[0].source)
    SEED = 7  # the case seed
    print(SEED)
    """
    pattern = re.compile(rf"^{re.escape(variable)} = 0(?=\s*(#.*)?$)", re.MULTILINE)
    found = [(cell, len(pattern.findall(cell.source))) for cell in nb.cells if cell.cell_type == "code"]
    count = sum(n for _, n in found)
    if count != 1:
        raise ValueError(
            f"the notebook must assign `{variable} = 0` on one line of its own exactly once, found {count}"
        )
    for cell, n in found:
        if n:
            cell.source = pattern.sub(f"{variable} = {int(seed)}", cell.source)
    return nb


def _variant_notebook(spec: VariantSpec, seed: int, root: Path):
    import nbformat

    from ..student import render_student_notebook

    nb = nbformat.reader.reads(render_student_notebook(root / spec.solution))
    if not any(spec.grader_call() in cell.source for cell in nb.cells if cell.cell_type == "code"):
        raise ValueError(f"{spec.solution} does not key its grader to the seed: it must call {spec.grader_call()}")
    set_seed(nb, seed, spec.seed_variable)
    for published, own in zip(*(claims(spec, s) for s in (0, seed))):
        cells = [cell for cell in nb.cells if cell.cell_type == "markdown" and published in cell.source]
        if not cells:
            raise ValueError(
                f"{spec.solution} no longer states {published!r}: update the claims of notebook {spec.key}"
            )
        for cell in cells:
            cell.source = cell.source.replace(published, own)
    return nbformat.writes(nb) + "\n"  # as `hrfair student` writes: sorted keys, indent 1


def claims(spec: VariantSpec, seed: int) -> tuple[str, ...]:
    """The seed-dependent phrases of a notebook's Markdown for ``seed`` (empty without ``claims``)."""
    if spec.claims is None:
        return ()
    from ..cases import get_case

    return tuple(spec.claims(get_case(spec.bank, **spec.bank_params(seed))))


# ---------------------------------------------------------------------------
# The answer key
# ---------------------------------------------------------------------------


def _label(key) -> str:
    from ..grading.compare import PerGroup

    return PerGroup.key(key)


def _plain(value):
    """A JSON value for an answer: numbers rounded, groups keyed by text, sets sorted."""
    import numpy as np
    import pandas as pd

    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            return repr(value)
        return round(value, JSON_DECIMALS) + 0.0  # + 0.0 turns -0.0 into 0.0
    if isinstance(value, (pd.Series, dict)):
        return {_label(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (list, tuple, pd.Index, np.ndarray)):
        return [_plain(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]
    return repr(value)


def _text(value) -> str:
    """An answer as inline Markdown: numbers to 4 decimals, groups as ``group = value``."""
    if isinstance(value, bool):
        return f"`{value}`"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:.4f}"
    if isinstance(value, str):
        return f"`{value}`"
    if isinstance(value, dict):
        return ", ".join(f"{k} = {_text(v)}" for k, v in value.items())
    if isinstance(value, list):
        return ", ".join(f"`{v}`" if isinstance(v, str) else _text(v) for v in value) or "none (`[]`)"
    return f"`{value}`"


def _table(value: dict) -> list[str]:
    return ["| group | expected |", "|---|---|", *(f"| {k} | {_text(v)} |" for k, v in value.items())]


def _compare_info(compare) -> dict:
    info = {"type": type(compare).__name__}
    for name in ("atol", "rtol"):
        if hasattr(compare, name):
            info[name] = _plain(getattr(compare, name))
    if hasattr(compare, "options"):
        info["options"] = list(compare.options)
    return info


def _compare_text(info: dict) -> str:
    kind = info["type"]
    within = f"within ±{info['atol']:g}" if "atol" in info else ""
    return {
        "Number": f"a number, {within}",
        "PerGroup": f"one number per group, each {within}",
        "Labels": "a list of names, in any order",
        "Word": "a name, case-insensitive",
        "YesNo": "True or False",
        "Choice": f"one of {info.get('options')}",
    }.get(kind, kind)


def _compute(question, fn, ctx):
    """(plain value, normalized value) of ``fn(ctx)``; (None, None) when it cannot be computed."""
    from ..grading.compare import Labels, Unfit

    try:
        raw = fn(ctx)
    except Exception:  # noqa: BLE001 - a misconception that does not apply to this seed
        return None, None
    try:
        normalized = question.compare.normalize(raw)
    except Unfit:
        normalized = None
    plain = _plain(raw)
    if isinstance(plain, list) and isinstance(question.compare, Labels):  # a set: any order
        plain = sorted(plain, key=str)
    return plain, normalized


def answer_key(notebook, seed: int) -> dict:
    """The answer key of a variant as plain data (what the JSON file holds).

    Parameters
    ----------
    notebook : str
        A key of :data:`REGISTRY`, e.g. ``"03"``.
    seed : int
        A positive case seed.

    Returns
    -------
    dict
        ``notebook``, ``bank``, ``title``, ``seed``, ``notebook_file``, ``grader`` and
        ``questions``: a list, in the notebook's order, of ``id``, ``prompt``, ``expected``,
        ``compare`` (type and tolerances), ``success`` and ``misconceptions`` (``id``, ``answer``,
        ``feedback``, and ``same_as_expected`` when this seed's wrong answer cannot be told apart
        from the right one).
    """
    from ..cases import get_case
    from ..grading.banks import get_bank  # the questions: the answer key is grading's own material

    spec, seed = _spec(notebook), _check_seed(seed)
    bank = get_bank(spec.bank)
    ctx = get_case(spec.bank, **spec.bank_params(seed))  # the bank's context: the same object
    questions = []
    for question in bank.questions.values():
        expected, expected_norm = _compute(question, question.expected, ctx)
        misconceptions = []
        for mistake in question.misconceptions:
            wrong, wrong_norm = _compute(question, mistake.answer, ctx)
            same = (
                wrong_norm is not None
                and expected_norm is not None
                and bool(question.compare.match(wrong_norm, expected_norm)[0])
            )
            misconceptions.append(
                {"id": mistake.id, "answer": wrong, "feedback": mistake.feedback, "same_as_expected": same}
            )
        questions.append(
            {
                "id": question.id,
                "prompt": question.full_prompt,
                "expected": expected,
                "compare": _compare_info(question.compare),
                "success": question.success,
                "misconceptions": misconceptions,
            }
        )
    return {
        "notebook": spec.key,
        "bank": spec.bank,
        "title": bank.title,
        "seed": seed,
        "notebook_file": spec.file_names(seed)[0],
        "grader": f'Grader("{spec.bank}", {spec.seed_param}={seed})',
        "questions": questions,
    }


def _markdown(key: dict) -> str:
    seed = key["seed"]
    lines = [
        f"# Answer key · {key['title']} · seed {seed}",
        "",
        (
            f"**For the interviewer only; do not share.** The candidate's notebook is `{key['notebook_file']}` "
            f"(`SEED = {seed}`); its grader, `{key['grader']}`, checks the answers below. Written by "
            f"`hrfair variant --notebook {key['notebook']} --seed {seed}`; the same command writes the same files."
        ),
        "",
        (
            "Numbers are rounded to 4 decimals here; the grader accepts answers within the tolerance given. "
            "A wrong answer that matches a misconception below tells you what the candidate most likely did."
        ),
    ]
    for number, q in enumerate(key["questions"], 1):
        lines += ["", f"## {number}. `{q['id']}`", "", f"**Asks:** {q['prompt']}", ""]
        expected, how = q["expected"], _compare_text(q["compare"])
        if isinstance(expected, dict):
            lines += [f"**Expected** ({how}):", "", *_table(expected)]
        else:
            lines += [f"**Expected:** {_text(expected)} ({how})"]
        if q["success"]:
            lines += ["", f"*What it means:* {q['success']}"]
        if q["misconceptions"]:
            lines += ["", "**Known misconceptions** (the wrong answer each gives for this seed):", ""]
            for m in q["misconceptions"]:
                answer = "cannot be computed for this seed" if m["answer"] is None else _text(m["answer"])
                same = (
                    " *(same as the expected answer for this seed: cannot be told apart)*"
                    if m["same_as_expected"]
                    else ""
                )
                lines.append(f"- `{m['id']}`: {answer}{same}. {m['feedback']}")
    return "\n".join(lines) + "\n"


def make_variant(notebook: str, seed: int, out_dir: StrPath, *, root: StrPath | None = None) -> list[Path]:
    """Write a candidate-specific notebook and its answer keys (see the module docstring).

    Parameters
    ----------
    notebook : str
        A supported notebook, e.g. ``"03"`` (see :func:`supported`).
    seed : int
        A positive case seed; 0, the published solution, is refused.
    out_dir : str or path-like
        Folder to write to; created if missing. Files of the same seed are overwritten.
    root : str or path-like, optional
        Repository root holding ``solutions/``; see :func:`find_root`.

    Returns
    -------
    list of pathlib.Path
        The variant notebook, the Markdown answer key and the JSON answer key.

    Raises
    ------
    ValueError
        For an unsupported notebook (listing the supported ones), a seed that is not a positive
        integer, seed 0, or an ``out_dir`` that is a file.
    FileNotFoundError
        If the solution notebook is not found (see :func:`find_root`).
    """
    spec, seed = _spec(notebook), _check_seed(seed)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ValueError(f"output folder {out.as_posix()!r} is a file; give a folder to write the variant into")
    root = find_root(root, spec.key)
    notebook_text = _variant_notebook(spec, seed, root)  # everything is computed before anything is written
    key = answer_key(spec.key, seed)
    texts = (
        notebook_text,
        _markdown(key),
        json.dumps(key, indent=2, ensure_ascii=False, sort_keys=True) + "\n",
    )
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in zip(spec.file_names(seed), texts):
        path = out / name
        path.write_bytes(text.encode("utf-8"))  # bytes: the same on every platform
        written.append(path)
    return written
