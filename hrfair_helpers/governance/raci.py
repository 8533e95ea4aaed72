"""RACI matrices: who is Responsible, Accountable, Consulted and Informed for each activity.

A RACI is valid when every activity has exactly one Accountable role (one person answers for
the outcome), at least one Responsible role (someone does the work) and only the letters R, A,
C and I. One role may hold several letters, written ``"A/R"`` (also accepted: ``"R/A"``,
``"AR"``, ``"A, R"``, lower case).

- :class:`RACI`: build from a DataFrame (activities × roles) or a dict
  ``{activity: {role: letters}}``; :meth:`RACI.validate` lists every problem at once.
- :func:`default_hr_ai_raci`: a starting RACI for an HR AI governance programme.
"""

from __future__ import annotations

import re

import pandas as pd

from .._utils import render
from .._utils.render import markdown_table

LETTERS = {"A": "Accountable", "R": "Responsible", "C": "Consulted", "I": "Informed"}
_ORDER = "ARCI"
_SPLIT = re.compile(r"[\s/,;+&]+")


def _parse(cell):
    """Letters held in one cell -> (set of valid letters, list of unknown tokens)."""
    if cell is None or (not isinstance(cell, str) and pd.api.types.is_scalar(cell) and pd.isna(cell)):
        return set(), []
    if not isinstance(cell, str):
        return set(), [repr(cell)]
    letters, unknown = set(), []
    for token in _SPLIT.split(cell.strip().upper()):
        if token in ("", "-", "–"):
            continue
        if set(token) <= set(_ORDER):
            letters.update(token)
        else:
            unknown.append(token)
    return letters, unknown


def _code(letters):
    return "/".join(letter for letter in _ORDER if letter in letters)


class RACI:
    """A responsibility assignment matrix, activities × roles.

    Parameters
    ----------
    assignments : DataFrame or dict
        A DataFrame with one row per activity (the index) and one column per role, each cell
        holding letters such as ``"R"``, ``"A/R"`` or blank / NaN; or a dict
        ``{activity: {role: letters}}``. Roles missing from an activity's dict are blank.

    Raises
    ------
    ValueError
        If ``assignments`` is neither a DataFrame nor a dict of dicts, has no activities, or
        repeats an activity. Problems *inside* the matrix are reported by :meth:`validate`.

    Examples
    --------
    >>> raci = RACI({"Bias audit": {"Data science": "R", "Responsible-AI lead": "A", "Legal": "C"}})
    >>> raci.validate().for_role("Data science")
                 code      meaning
    activity
    Bias audit      R  Responsible
    >>> RACI({"Bias audit": {"Legal": "C"}}).validate()
    Traceback (most recent call last):
    ...
    ValueError: the RACI has 2 problem(s):
      - 'Bias audit': no Accountable (A); give exactly one role an A
      - 'Bias audit': no Responsible (R); give at least one role an R
    """

    def __init__(self, assignments: pd.DataFrame | dict[str, dict[str, str | None]]) -> None:
        if isinstance(assignments, pd.DataFrame):
            frame = assignments.copy()
        elif isinstance(assignments, dict):
            bad = [a for a, roles in assignments.items() if not isinstance(roles, dict)]
            if bad:
                raise ValueError(f"each activity must map to a dict {{role: letters}}; not a dict for {bad}")
            roles = list(dict.fromkeys(r for per in assignments.values() for r in per))
            frame = pd.DataFrame(
                [[per.get(r) for r in roles] for per in assignments.values()],
                index=list(assignments),
                columns=roles,
                dtype=object,
            )
        else:
            raise ValueError(
                "RACI takes a DataFrame (activities × roles) or a dict {activity: {role: letters}}, "
                f"got {type(assignments).__name__}"
            )
        if frame.shape[0] == 0:
            raise ValueError("the RACI has no activities: add at least one activity row")
        frame.index = frame.index.map(str)
        frame.columns = frame.columns.map(str)
        duplicated = sorted(set(frame.index[frame.index.duplicated()]))
        if duplicated:
            raise ValueError(f"activities appear more than once: {duplicated}; merge their rows")
        duplicated = sorted(set(frame.columns[frame.columns.duplicated()]))
        if duplicated:
            raise ValueError(f"roles appear more than once: {duplicated}; merge their columns")
        self._letters: dict[tuple[str, str], set[str]] = {}
        self._unknown: dict[tuple[str, str], tuple[object, list[str]]] = {}
        for activity in frame.index:
            for role in frame.columns:
                letters, unknown = _parse(frame.at[activity, role])
                self._letters[activity, role] = letters
                if unknown:
                    self._unknown[activity, role] = (frame.at[activity, role], unknown)
        self.activities: list[str] = list(frame.index)
        self.roles: list[str] = list(frame.columns)

    # ---------------------------------------------------------------------------- checks

    def problems(self) -> list[str]:
        """Every problem in the matrix as a list of messages (empty when the RACI is valid)."""
        found = []
        for activity in self.activities:
            cells = {r: self._letters[activity, r] for r in self.roles}
            bad = [(r, self._unknown[activity, r]) for r in self.roles if (activity, r) in self._unknown]
            for role, (raw, tokens) in bad:
                found.append(
                    f"{activity!r}, role {role!r}: unknown letter(s) {', '.join(tokens)} in {raw!r}; "
                    "use R, A, C, I or combinations like 'A/R'"
                )
            if not any(cells.values()):
                if not bad:
                    found.append(f"{activity!r}: no role is assigned; add at least an A and an R, or drop the activity")
                continue
            accountable = [r for r, letters in cells.items() if "A" in letters]
            if not accountable:
                found.append(f"{activity!r}: no Accountable (A); give exactly one role an A")
            elif len(accountable) > 1:
                found.append(
                    f"{activity!r}: {len(accountable)} Accountable roles ({', '.join(accountable)}); "
                    "keep exactly one A and make the others R or C"
                )
            if not any("R" in letters for letters in cells.values()):
                found.append(f"{activity!r}: no Responsible (R); give at least one role an R")
        return found

    def validate(self) -> RACI:
        """Check the matrix; return it unchanged when valid.

        Raises
        ------
        ValueError
            Listing every problem, each naming its activity: no or several Accountable roles, no
            Responsible role, unknown letters, activities with nobody assigned.
        """
        found = self.problems()
        if found:
            raise ValueError(f"the RACI has {len(found)} problem(s):\n" + "\n".join(f"  - {p}" for p in found))
        return self

    @property
    def is_valid(self) -> bool:
        """True when :meth:`problems` finds nothing."""
        return not self.problems()

    # ---------------------------------------------------------------------------- views

    def to_frame(self) -> pd.DataFrame:
        """Activities × roles, each cell the canonical code (``"A/R"``, ``"C"``) or ``""``."""
        data = [[self._cell_text(a, r) for r in self.roles] for a in self.activities]
        frame = pd.DataFrame(data, index=pd.Index(self.activities, name="activity"), columns=self.roles)
        frame.columns.name = "role"
        return frame

    def _cell_text(self, activity, role):
        if (activity, role) in self._unknown:
            return str(self._unknown[activity, role][0])
        return _code(self._letters[activity, role])

    def for_role(self, role: str) -> pd.DataFrame:
        """The activities a role takes part in: its code and what the letters mean.

        Raises
        ------
        ValueError
            If ``role`` is not a column of the matrix (the message lists the roles).
        """
        if role not in self.roles:
            raise ValueError(f"unknown role {role!r}; roles are {self.roles}")
        rows = [
            (a, _code(self._letters[a, role]), ", ".join(LETTERS[x] for x in _ORDER if x in self._letters[a, role]))
            for a in self.activities
            if self._letters[a, role]
        ]
        return pd.DataFrame(rows, columns=["activity", "code", "meaning"]).set_index("activity")

    def accountable(self) -> pd.Series:
        """Activity -> the role(s) holding the A (several or none only in an invalid RACI)."""
        return pd.Series(
            {a: ", ".join(r for r in self.roles if "A" in self._letters[a, r]) for a in self.activities},
            name="accountable",
        ).rename_axis("activity")

    def to_markdown(self) -> str:
        """The matrix as a Markdown table with a legend (and the problems, if any)."""
        legend = (
            "R = Responsible (does the work), A = Accountable (answers for the outcome; exactly one per "
            "activity), C = Consulted (two-way), I = Informed (one-way)."
        )
        lines = [markdown_table(self.to_frame()), "", legend]
        found = self.problems()
        if found:
            lines += ["", "**Problems:**", ""] + [f"- {p}" for p in found]
        return "\n".join(lines) + "\n"

    def _facts(self):
        found = self.problems()
        return {
            "activities": len(self.activities),
            "roles": len(self.roles),
            "status": "valid" if not found else f"{len(found)} problem(s)",
        }

    def _repr_html_(self):
        return render.render_html("RACI matrix", self._facts(), self.to_frame(), self.problems())

    def __repr__(self):
        return render.render_text("RACI matrix", self._facts(), self.to_frame(), self.problems())


DEFAULT_ROLES = (
    "Responsible-AI lead",
    "Data science",
    "HR business partners",
    "Legal",
    "DEI",
    "Procurement",
    "Vendor",
    "CHRO",
    "Independent auditor",
)

# Order of letters follows DEFAULT_ROLES; "" = not involved.
_DEFAULT = {
    "AI inventory & risk classification": ("A/R", "C", "C", "C", "I", "C", "I", "I", ""),
    # NYC Local Law 144: the bias audit is done by an independent auditor, who may not be an
    # employee of the employer or of the vendor (6 RCNY §5-300); data science supplies the data.
    "Bias audit (before deployment and yearly)": ("A", "C", "I", "C", "C", "I", "C", "I", "R"),
    "Model documentation (model cards, datasheets)": ("A", "R", "I", "C", "I", "", "C", "", ""),
    "Vendor due diligence": ("C", "C", "I", "C", "C", "A/R", "C", "I", ""),
    "Human oversight design": ("A", "R", "R", "C", "C", "", "C", "I", ""),
    "Incident response": ("A", "R", "R", "C", "C", "I", "C", "I", ""),
    "Regulatory notices (candidates, employees, regulators)": ("C", "C", "R", "A", "I", "", "C", "I", ""),
    "Monitoring in production": ("A", "R", "C", "I", "C", "", "C", "I", ""),
    "AI policy approval": ("R", "C", "C", "C", "C", "I", "", "A", ""),
}


def default_hr_ai_raci() -> RACI:
    """A starting RACI for governing AI tools in HR; adapt it to your organisation.

    Roles: Responsible-AI lead, Data science, HR business partners, Legal, DEI, Procurement,
    Vendor, CHRO, Independent auditor. The Responsible-AI lead is accountable for the technical
    controls (inventory, audits, documentation, oversight, incidents, monitoring); Procurement for
    vendor due diligence; Legal for notices to candidates, employees and regulators; the CHRO
    approves policy. The bias audit is done (R) by an *independent auditor*, as NYC Local Law 144
    requires: 6 RCNY §5-300 excludes anyone involved in using, developing or distributing the tool,
    employed by the employer or the vendor, or with a direct or material indirect financial
    interest in either; Data science is consulted and supplies the data. The
    vendor is consulted, never accountable: the employer using the tool answers for its use.

    Returns
    -------
    RACI
        Valid (:meth:`RACI.validate` passes).

    Examples
    --------
    >>> raci = default_hr_ai_raci()
    >>> raci.validate().accountable()["Vendor due diligence"]
    'Procurement'
    >>> raci.for_role("Independent auditor")["code"].to_dict()
    {'Bias audit (before deployment and yearly)': 'R'}
    """
    return RACI(
        pd.DataFrame(
            list(_DEFAULT.values()), index=pd.Index(list(_DEFAULT), name="activity"), columns=list(DEFAULT_ROLES)
        )
    )
