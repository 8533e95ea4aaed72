"""Scenario 3, the promotion gap: the audit of a model recommending the top 20% for promotion.

:class:`PromotionCase` rebuilds the case of ``solutions/03_promotion_gap.ipynb`` from its seed:
``promotion_data(seed)`` (5,000 employees to train on, a held-out workforce of 20,000 to audit),
the documented model recommending the top 20%, its audits (overall, by rating band, stratified),
the input ablation and the memoised comparison of
:func:`~hrfair_helpers.mitigation.promotion_options.promotion_options`. Each stage is computed on
first use. Rates are recomputed with pandas; tests check the audit engine against fairlearn and
aif360.

Used by the notebook's question bank (:mod:`hrfair_helpers.grading.banks.promotion_gap`, whose
context it is, so ``Grader("promotion_gap", seed=N)`` grades case seed ``N``), by the
candidate-specific variants of notebook 03 (:mod:`hrfair_helpers.interview.variant`: the brief's
claims and the answer key of ``hrfair variant --notebook 03 --seed N``) and by the interview model
answers' numbers (:mod:`hrfair_helpers.interview.facts`, seed 0). Get the shared instance with
``get_case("promotion_gap", seed=...)`` (:func:`hrfair_helpers.cases.get_case`).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from .._utils.typing import ColumnNames
    from ..audit import AdverseImpactReport, StratifiedImpactReport
    from ..mitigation import TradeoffReport

BANDS = (3, 4, 5)  # rating bands where both groups have recommendations


class PromotionCase:
    """The audit of the promotion model on the held-out workforce, built lazily.

    Parameters
    ----------
    seed : int, default 0
        The case seed (:func:`~hrfair_helpers.mitigation.promotion_options.data_seeds`); 0 is the
        published notebook.
    """

    def __init__(self, seed: int = 0) -> None:
        from .._utils.validation import check_seed

        self.seed = check_seed(seed)

    @cached_property
    def data(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        from ..mitigation.promotion_options import promotion_data

        return promotion_data(self.seed)

    @cached_property
    def test(self) -> pd.DataFrame:
        from ..mitigation import top_share
        from ..mitigation.promotion_options import SHARE

        test = self.data[1].copy()
        test["score"] = self.score()
        test["recommended"] = top_share(test["score"], SHARE)
        return test

    def score(self, drop: ColumnNames = ()) -> np.ndarray:
        from ..mitigation.promotion_options import INPUTS
        from ..models import make_promotion_model

        train, test = self.data
        model = make_promotion_model(drop=drop).fit(train[list(INPUTS)], train["historical_promoted"])
        return model.predict_proba(test[list(INPUTS)])[:, 1]

    def rate(self, column: str, frame: pd.DataFrame | None = None) -> pd.Series:
        frame = self.test if frame is None else frame
        return frame.groupby("gender", observed=True)[column].mean()

    def ratio(self, column: str = "recommended", frame: pd.DataFrame | None = None) -> float:
        rates = self.rate(column, frame)
        return float(rates["woman"] / rates["man"])

    @cached_property
    def audit(self) -> AdverseImpactReport:
        from ..audit import adverse_impact

        return adverse_impact(self.test["recommended"], self.test["gender"])

    @cached_property
    def historical_audit(self) -> AdverseImpactReport:
        from ..audit import adverse_impact

        return adverse_impact(self.test["historical_promoted"], self.test["gender"])

    @cached_property
    def stratified(self) -> StratifiedImpactReport:
        from ..audit import stratified_impact

        return stratified_impact(self.test["recommended"], self.test["gender"], self.test["performance_rating"])

    def ratings_explain_gap(self) -> bool:
        """Whether conditioning on the rating lifts the impact ratio to four-fifths or above."""
        adjusted = float(self.stratified.cmh.loc["woman", "adjusted_impact_ratio"])
        return bool(adjusted >= self.stratified.min_impact_ratio)

    def band_ratios(self, crude: bool = False) -> dict[int, float]:
        ratios = {}
        for band in BANDS:
            frame = self.test[self.test["performance_rating"] == band]
            ratios[band] = self.ratio() if crude else self.ratio(frame=frame)
        return ratios

    @cached_property
    def ablation(self) -> dict[str, float]:
        """Impact ratio change when each model input is removed alone."""
        from ..audit import adverse_impact
        from ..datasets.promotions import MODEL_FEATURES
        from ..mitigation import top_share
        from ..mitigation.promotion_options import SHARE

        base = self.audit.lowest_impact_ratio
        change = {}
        for feature in MODEL_FEATURES:
            decisions = top_share(self.score(drop=(feature,)), SHARE)
            change[feature] = adverse_impact(decisions, self.test["gender"]).lowest_impact_ratio - base
        return change

    @cached_property
    def coefficients(self) -> dict[str, float]:
        """Standardised coefficient of each numeric input (the model's 'importance')."""
        from ..mitigation.promotion_options import INPUTS
        from ..models import make_promotion_model

        train = self.data[0]
        model = make_promotion_model().fit(train[list(INPUTS)], train["historical_promoted"])
        names = [n.split("__", 1)[1] for n in model[:-1].get_feature_names_out()]
        return dict(zip(names, model[-1].coef_[0]))

    @cached_property
    def association(self) -> pd.Series:
        from ..audit import proxy_strength
        from ..datasets.promotions import MODEL_FEATURES

        return proxy_strength(self.test[[*MODEL_FEATURES, "gender"]], "gender").table["cramers_v"]

    @cached_property
    def ready(self) -> pd.Series:
        readiness = self.test["true_readiness"]
        return (readiness >= readiness.quantile(0.8)).astype(int)

    def missed_years(self, frame: pd.DataFrame) -> float:
        return float((frame["leave_adjusted_tenure"] - frame["tenure_in_role"]).mean())

    @cached_property
    def options(self) -> TradeoffReport:
        from ..mitigation.promotion_options import promotion_options

        return promotion_options(*self.data)

    def flagged(self) -> list[str]:
        table = self.options.table
        return sorted(table.index[table["uses_protected_attribute_at_decision"]])

    @cached_property
    def against_readiness(self) -> TradeoffReport:
        from ..mitigation import compare_predictions

        report = self.options
        return compare_predictions(
            report.predictions,
            self.ready,
            self.test["gender"],
            scores=report.scores,
            criterion=report.criterion,
            uses_protected_attribute=self.flagged(),
        )

    def intersectional_ratio(self, option: str) -> float:
        from ..audit import adverse_impact

        groups = self.test["gender"].astype(str) + " / " + np.where(self.test["caregiver"] == 1, "caregiver", "not")
        return adverse_impact(self.options.predictions[option], groups).lowest_impact_ratio
