"""Scenario 2, the resume screener: the bias audit of the shipped text classifier.

:class:`ResumeCase` rebuilds the case of ``solutions/02_resume_screener.ipynb`` from the audit
seeds (:data:`AUDIT`): the audit resumes with the screener's decisions, the shipped screener, the
counterfactual and masking audits of the women's resumes, its term attributions and the memoised
mitigation options compared against :data:`CRITERION`. Each stage is computed on first use. Rates
are recomputed with pandas; counterfactual and attribution numbers come from
:mod:`hrfair_helpers.text`, which its own tests check against hand computations.

Used by the notebook's question bank (:mod:`hrfair_helpers.grading.banks.resume_screener`, whose
context it is) and by the interview model answers' numbers (:mod:`hrfair_helpers.interview.facts`);
get the shared instance with ``get_case("resume_screener", ...)``
(:func:`hrfair_helpers.cases.get_case`). No variant is built from it.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

    from ..mitigation import TradeoffReport
    from ..text import CounterfactualResult, TermAttributionReport

#: The audit resumes the case is built on: ``make_resumes`` seed and size.
AUDIT = {"audit_seed": 1, "audit_n": 4000}
#: The success criterion agreed before the options are compared.
CRITERION = {
    "metric": "equal_opportunity",
    "max_difference": 0.05,
    "max_performance_drop": 0.02,
    "performance": "precision",
    "min_impact_ratio": 0.9,
}


class ResumeCase:
    """The audit of the shipped screener, built lazily."""

    def __init__(self, audit_seed: int = AUDIT["audit_seed"], audit_n: int = AUDIT["audit_n"]) -> None:
        self.audit_seed, self.audit_n = audit_seed, audit_n

    @cached_property
    def options(self) -> dict[str, Any]:
        from ..mitigation.screener_options import screener_options

        return screener_options(self.audit_seed, self.audit_n)

    @cached_property
    def audit(self) -> pd.DataFrame:
        frame = self.options["audit"]
        frame["selected"] = self.options["decisions"]["baseline"]
        return frame

    @cached_property
    def screener(self) -> Pipeline:
        from ..models.screener import load_screener

        return load_screener()

    @cached_property
    def women_texts(self) -> list[str]:
        return self.audit.loc[self.audit["gender"] == "woman", "text"].tolist()

    @cached_property
    def counterfactual(self) -> CounterfactualResult:
        from ..text import counterfactual_gap

        return counterfactual_gap(
            self.screener, self.women_texts, threshold=self.options["threshold"], direction="to_male"
        )

    @cached_property
    def masking(self) -> CounterfactualResult:
        from ..text import masking_audit

        return masking_audit(self.screener, self.women_texts, threshold=self.options["threshold"])

    @cached_property
    def attributions(self) -> TermAttributionReport:
        from ..text import term_attributions

        return term_attributions(self.screener, top=20)

    @cached_property
    def tradeoff(self) -> TradeoffReport:
        from ..mitigation import SuccessCriterion, compare_predictions
        from ..mitigation.screener_options import DESCRIPTIONS, FLAGGED

        return compare_predictions(
            self.options["decisions"],
            self.audit["qualified"],
            self.audit["gender"],
            criterion=SuccessCriterion(**CRITERION),
            uses_protected_attribute=FLAGGED,
            descriptions=DESCRIPTIONS,
        )

    def rate(self, column: str, frame: pd.DataFrame | None = None) -> pd.Series:
        frame = self.audit if frame is None else frame
        return frame.groupby("gender", observed=True)[column].mean()

    def qualified_rate(self, column: str) -> pd.Series:
        return self.rate(column, self.audit[self.audit["qualified"] == 1])

    def gendered_term(self, association: Literal["female", "male", "mixed"], lowest: bool = True) -> str:
        table = self.attributions.gendered
        table = table[table["gender_association"] == association].sort_values("weight", ascending=lowest)
        return table["term"].iloc[0]
