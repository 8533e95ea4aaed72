"""The NIST AI Risk Management Framework (AI RMF 1.0) core, and which controls cover which category.

Source: NIST AI 100-1, *Artificial Intelligence Risk Management Framework (AI RMF 1.0)*,
January 2023, https://doi.org/10.6028/NIST.AI.100-1. Four functions (GOVERN, MAP, MEASURE,
MANAGE) and 19 categories: GOVERN 1–6, MAP 1–5, MEASURE 1–4, MANAGE 1–4. The one-line summaries
in ``data/nist_ai_rmf_core.json`` are this casebook's paraphrases, not NIST's text; the
framework's subcategories are not reproduced.

- :func:`categories`: the 19 categories as a DataFrame.
- :func:`map_controls`: a control × category coverage map; :meth:`ControlMap.gaps` lists the
  categories no control covers.
- :data:`DEFAULT_CONTROLS`: controls of an HR AI programme mapped to categories.

Category ids are written ``"GOVERN 1"``; ``"govern-1"``, ``"GOVERN1"`` and the Playbook's
abbreviations (``"GV-1"``, ``"MP 2"``, ``"MS-3"``, ``"MG 4"``) are accepted too.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import pandas as pd

from .._utils import render, resources

FUNCTIONS = ("GOVERN", "MAP", "MEASURE", "MANAGE")
_ABBREVIATIONS = {"GV": "GOVERN", "MP": "MAP", "MS": "MEASURE", "MG": "MANAGE"}
_ID = re.compile(r"^\s*([A-Za-z]+)\s*[-_ .]?\s*(\d+)\s*$")


@functools.cache
def _core():
    text = resources.read_text(resources.data_dir("governance"), "nist_ai_rmf_core.json", package="governance")
    return json.loads(text)


def citation() -> str:
    """The reference for NIST AI RMF 1.0, with the date the summaries describe.

    >>> citation()
    'National Institute of Standards and Technology (2023). ... NIST AI 100-1. ... (as of 2023-01-26)'
    """
    core = _core()
    return f"{core['citation']} (as of {core['as_of']})"


def categories() -> pd.DataFrame:
    """The 19 AI RMF categories: id (index), function, number and a one-line paraphrase.

    Examples
    --------
    >>> cats = categories()
    >>> len(cats), cats.groupby("function", sort=False).size().to_dict()
    (19, {'GOVERN': 6, 'MAP': 5, 'MEASURE': 4, 'MANAGE': 4})
    """
    rows = [
        {"id": c["id"], "function": c["function"], "number": int(c["id"].split()[1]), "summary": c["summary"]}
        for c in _core()["categories"]
    ]
    return pd.DataFrame(rows).set_index("id")


def functions() -> pd.Series:
    """The four functions with a one-line paraphrase each (a Series indexed by function)."""
    return pd.Series(_core()["functions"], name="summary").rename_axis("function")


def category_ids() -> list[str]:
    """The 19 category ids in framework order."""
    return [c["id"] for c in _core()["categories"]]


def normalize_category(category_id: object) -> str | None:
    """The canonical id (``"GOVERN 1"``) of a category, or None when it is not one of the 19.

    >>> normalize_category("gv-1"), normalize_category("MEASURE4"), normalize_category("MAP 6")
    ('GOVERN 1', 'MEASURE 4', None)
    """
    if not isinstance(category_id, str):
        return None
    match = _ID.match(category_id)
    if not match:
        return None
    function = match.group(1).upper()
    function = _ABBREVIATIONS.get(function, function)
    candidate = f"{function} {int(match.group(2))}"
    return candidate if candidate in category_ids() else None


@dataclass
class ControlMap:
    """Result of :func:`map_controls`.

    Attributes
    ----------
    matrix : DataFrame
        Boolean, one row per category (all 19, framework order) and one column per control.
    controls : dict
        Control name -> the canonical category ids it was mapped to.
    """

    matrix: pd.DataFrame
    controls: dict[str, list[str]]

    def to_frame(self) -> pd.DataFrame:
        """The category × control matrix (booleans) as a new DataFrame."""
        return self.matrix.copy()

    def coverage(self) -> pd.Series:
        """Number of controls per category (index: category id)."""
        return self.matrix.sum(axis=1).astype(int).rename("controls")

    def gaps(self) -> list[str]:
        """Ids of the categories no control covers, in framework order."""
        counts = self.coverage()
        return list(counts.index[counts == 0])

    def _display(self):
        shown = self.matrix.replace({True: "✓", False: ""}).astype(str)
        shown.insert(0, "n", self.coverage())
        return shown

    def _facts(self):
        return {
            "framework": "NIST AI RMF 1.0 (NIST AI 100-1, January 2023)",
            "controls": len(self.controls),
            "categories covered": f"{19 - len(self.gaps())} of 19",
            "gaps": ", ".join(self.gaps()) or "none",
        }

    def _repr_html_(self):
        return render.render_html("Controls mapped to the NIST AI RMF", self._facts(), self._display(), [])

    def __repr__(self):
        return render.render_text("Controls mapped to the NIST AI RMF", self._facts(), self._display(), [])


def map_controls(controls: Mapping[str, str | Collection[str]] | None = None) -> ControlMap:
    """Which NIST AI RMF categories each control addresses, and which none does.

    Parameters
    ----------
    controls : dict, optional
        ``{control name: [category ids]}``, e.g. ``{"Bias audit": ["MEASURE 1", "MEASURE 2"]}``;
        a single id may be given as a string. Defaults to :data:`DEFAULT_CONTROLS`.

    Returns
    -------
    ControlMap
        ``to_frame()`` is the 19 categories × controls boolean matrix; ``gaps()`` the
        categories with no control.

    Raises
    ------
    ValueError
        If ``controls`` is not a dict of lists, a control has no categories, or an id is not one
        of the 19 categories (the message lists every unknown id and the valid ones).

    Examples
    --------
    >>> cmap = map_controls({"Bias audit": ["MEASURE 2", "ms-1"], "Vendor review": "GOVERN 6"})
    >>> cmap.to_frame().loc[["MEASURE 1", "GOVERN 6"]]
              Bias audit  Vendor review
    category
    MEASURE 1       True          False
    GOVERN 6       False           True
    >>> len(cmap.gaps())
    16
    """
    if controls is None:
        controls = DEFAULT_CONTROLS
    if not isinstance(controls, dict) or not controls:
        raise ValueError("controls must be a non-empty dict {control name: [category ids]}")
    mapped, problems = {}, []
    for name, ids in controls.items():
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list | tuple | set) or not ids:
            problems.append(f"{name!r}: give a non-empty list of category ids, got {ids!r}")
            continue
        canonical = []
        for raw in ids:
            found = normalize_category(raw)
            if found is None:
                problems.append(f"{name!r}: unknown category {raw!r}")
            elif found not in canonical:
                canonical.append(found)
        mapped[str(name)] = canonical
    if problems:
        raise ValueError(
            "cannot map the controls:\n"
            + "\n".join(f"  - {p}" for p in problems)
            + f"\nvalid categories (subcategories such as 'GOVERN 1.6' are not accepted): {category_ids()}"
        )
    ids = category_ids()
    matrix = pd.DataFrame(
        {name: [cid in cats for cid in ids] for name, cats in mapped.items()},
        index=pd.Index(ids, name="category"),
    )
    return ControlMap(matrix, mapped)


def gaps(controls: Mapping[str, str | Collection[str]] | None = None) -> list[str]:
    """Shortcut for ``map_controls(controls).gaps()``."""
    return map_controls(controls).gaps()


#: Controls of an HR AI governance programme mapped to AI RMF categories (a teaching choice; the
#: reasons are in the comments). It leaves GOVERN 5 and MEASURE 4 uncovered on purpose: nothing
#: here gathers feedback from candidates, workers or their representatives, nor checks whether the
#: bias metrics themselves measure what matters to them.
DEFAULT_CONTROLS = {
    # GOVERN 1: an inventory is part of the policy set; MAP 1: each entry records purpose and context.
    "AI system inventory": ["GOVERN 1", "MAP 1"],
    # Impact assessment: risk tolerance (GOVERN 1), context and category (MAP 1, MAP 2), impacts
    # (MAP 5), and the go / no-go decision (MANAGE 1).
    "Risk classification (impact assessment)": ["GOVERN 1", "MAP 1", "MAP 2", "MAP 5", "MANAGE 1"],
    # Chosen metrics applied (MEASURE 1), fairness and validity tested (MEASURE 2).
    "Bias audit": ["MEASURE 1", "MEASURE 2"],
    # Limits and intended use recorded (MAP 2), test results documented (MEASURE 2), risks
    # written down and shared (GOVERN 4).
    "Model cards and datasheets": ["MAP 2", "MEASURE 2", "GOVERN 4"],
    # Human-AI roles (GOVERN 3), oversight processes (MAP 3), override and switch-off (MANAGE 2).
    "Human oversight design": ["GOVERN 3", "MAP 3", "MANAGE 2"],
    # Incident identification culture (GOVERN 4), response to new risks (MANAGE 2), incident
    # communication and recovery (MANAGE 4).
    "Incident response": ["GOVERN 4", "MANAGE 2", "MANAGE 4"],
    # Third-party policies (GOVERN 6), component risks (MAP 4), third-party monitoring (MANAGE 3).
    "Vendor due diligence": ["GOVERN 6", "MAP 4", "MANAGE 3"],
    # Risks tracked over time, with appeals (MEASURE 3); post-deployment monitoring (MANAGE 4).
    "Monitoring in production": ["MEASURE 3", "MANAGE 4"],
    # Roles and training (GOVERN 2), risk-aware culture (GOVERN 4).
    "Training and AI literacy": ["GOVERN 2", "GOVERN 4"],
}
