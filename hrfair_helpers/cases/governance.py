"""Scenario 5, global governance: an HR tool inventory under the regulation registry, and an LL144 audit.

:class:`GovernanceCase` rebuilds the case of ``solutions/05_global_governance.ipynb``: it classifies
:func:`~hrfair_helpers.governance.inventory.example_inventory` against the regulation registry
(EU AI Act tiers, NYC Local Law 144 and the other regulations, the NIST AI RMF control gaps) and
runs the NYC Local Law 144 bias audit (:func:`~hrfair_helpers.audit.ll144_bias_audit`) on the
seeded :func:`~hrfair_helpers.datasets.make_applicant_pool`, with and without the 2 % exclusion.
Each stage is computed on first use.

Used by the notebook's question bank (:mod:`hrfair_helpers.grading.banks.global_governance`, whose
context it is); get the shared instance with ``get_case("global_governance", seed=...)``
(:func:`hrfair_helpers.cases.get_case`). No variant and no interview fact is built from it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Literal

import pandas as pd

if TYPE_CHECKING:
    from ..audit import LL144AuditReport
    from ..governance import ToolProfile

#: The EU AI Act tiers a learner chooses from; "(check)" in the registry is governed as the tier it names.
TIERS = ("prohibited", "high-risk", "limited/minimal")
#: The justification recorded when categories under 2% of the data are excluded from the impact ratios.
JUSTIFICATION = (
    "Fewer than 2% of the audited applicants: rates on so few people are too unstable to set the "
    "reference rate (6 RCNY 5-301(d))."
)


class GovernanceCase:
    """The inventory's classification and the LL144 audits of the screener's scores."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    @cached_property
    def inventory(self) -> list[ToolProfile]:
        from ..governance.inventory import example_inventory

        return example_inventory()

    @cached_property
    def eu_tiers(self) -> pd.Series:
        """Tool -> EU AI Act tier label from the obligations matrix (e.g. 'high-risk (check)')."""
        from ..governance import obligations_matrix

        return obligations_matrix(self.inventory)["eu_ai_act"]

    @cached_property
    def eu_tier_judgement(self) -> dict[str, str]:
        """Tool -> the tier to govern it as: the registry's tier, '(check)' and dates dropped."""
        return {tool: next(t for t in TIERS if label.startswith(t)) for tool, label in self.eu_tiers.items()}

    def judged(self, **changes: str) -> dict[str, str]:
        """The judgement with some tools' tiers changed: the answer a given mistake produces."""
        return {**self.eu_tier_judgement, **changes}

    @cached_property
    def assistive_profilers(self) -> list[str]:
        """Assistive tools that profile people and are high-risk for sure."""
        return sorted(
            t.name
            for t in self.inventory
            if t.decision_role == "assistive"
            and t.profiles_people
            and self.eu_tiers[t.name].startswith("high-risk")
            and "(check)" not in self.eu_tiers[t.name]
        )

    @cached_property
    def open_high_risk(self) -> list[str]:
        """Tools whose high-risk tier the profile leaves open (the registry's '(check)')."""
        return sorted(tool for tool, label in self.eu_tiers.items() if label.startswith("high-risk (check)"))

    def eu(self, prefix: str) -> list[str]:
        return sorted(t for t, tier in self.eu_tiers.items() if tier.startswith(prefix))

    @cached_property
    def classifications(self) -> dict[str, pd.DataFrame]:
        from ..governance import classify

        return {tool.name: classify(tool).set_index("id") for tool in self.inventory}

    def where(self, reg_id: str, tier: str) -> list[str]:
        return sorted(
            name
            for name, frame in self.classifications.items()
            if reg_id in frame.index and frame.loc[reg_id, "tier"] == tier and frame.loc[reg_id, "applies"] is not False
        )

    @cached_property
    def pool(self) -> pd.DataFrame:
        from ..datasets import make_applicant_pool

        return make_applicant_pool(seed=self.seed)

    def audit(self, exclude_small: bool = False, outcome: str = "score") -> LL144AuditReport:
        from ..audit import ll144_bias_audit

        kind = {"score": "score"} if outcome == "score" else {"selected": outcome}
        return ll144_bias_audit(
            self.pool,
            sex="sex",
            race_ethnicity="race_ethnicity",
            exclude_small=exclude_small,
            justification=JUSTIFICATION if exclude_small else None,
            **kind,
        )

    @cached_property
    def report(self) -> LL144AuditReport:
        return self.audit()

    @cached_property
    def report_excluded(self) -> LL144AuditReport:
        return self.audit(exclude_small=True)

    def known_sex(self) -> pd.DataFrame:
        return self.pool[self.pool["sex"] != "Unknown"]

    def sex_rates(
        self,
        above: Callable[[pd.Series, float], pd.Series] = pd.Series.gt,
        median_of: Literal["sample", "own"] = "sample",
        frame: pd.DataFrame | None = None,
    ) -> pd.Series:
        """Scoring rates by sex: the share above a median (the full sample's, or each group's own)."""
        frame = self.known_sex() if frame is None else frame
        if median_of == "sample":
            median = self.pool["score"].median()
            hits = above(frame["score"], median)
        else:
            hits = frame.groupby("sex", observed=True)["score"].transform(lambda s: s > s.median())
        return hits.groupby(frame["sex"].astype(str)).mean()

    def lowest_intersectional(self, report: LL144AuditReport) -> float:
        return float(report.intersectional["impact_ratio"].min())

    def own_median_lowest_intersectional(self) -> float:
        """The lowest intersectional ratio if each category's rate used its own median (a mistake)."""
        known = self.pool[(self.pool["sex"] != "Unknown") & (self.pool["race_ethnicity"] != "Unknown")]
        cells = known.groupby(["sex", "race_ethnicity"], observed=True)["score"]
        rates = cells.apply(lambda s: (s > s.median()).mean())
        big = cells.size() / len(self.pool) >= 0.02
        return float((rates[big] / rates[big].max()).min())

    @cached_property
    def screener_eu(self) -> pd.Series:
        """The resume screener's EU AI Act row on the registry's date."""
        from ..governance import classify

        return classify(self.inventory[0]).set_index("id").loc["eu_ai_act"]

    @cached_property
    def nist_gaps(self) -> list[str]:
        from ..governance import DEFAULT_CONTROLS, map_controls

        return list(map_controls(DEFAULT_CONTROLS).gaps())
