"""Scenario 1, the Adult Census audit: a vendor's income model used as a screening proxy.

:class:`AdultCase` rebuilds the case of ``solutions/01_adult_census_audit.ipynb`` from ``seed``: the
UCI Adult train and test files, the logistic-regression baseline, its decisions at threshold 0.5 on
the test file, the proxies of sex and the mitigation experiment with its success criterion. Each
stage is computed on first use (``functools.cached_property``). Label and prediction rates are
recomputed with plain pandas, independently of the audit engine.

Used by the notebook's question bank (:mod:`hrfair_helpers.grading.banks.adult_audit`, whose
context it is) and by the interview model answers' numbers (:mod:`hrfair_helpers.interview.facts`);
get the shared instance with ``get_case("adult_audit", seed=...)``
(:func:`hrfair_helpers.cases.get_case`). No variant is built from it.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd
    from sklearn.pipeline import Pipeline

    from ..mitigation import TradeoffReport


class AdultCase:
    """Everything the questions are computed from, built lazily from ``seed``."""

    def __init__(self, seed: int = 0) -> None:
        self.seed = seed

    @cached_property
    def train(self) -> pd.DataFrame:
        from ..datasets import load_adult

        return load_adult("train")

    @cached_property
    def test(self) -> pd.DataFrame:
        from ..datasets import load_adult

        return load_adult("test")

    @cached_property
    def model(self) -> Pipeline:
        from ..models import adult_features, make_adult_model

        return make_adult_model("logistic", random_state=self.seed).fit(
            adult_features(self.train), self.train["income_over_50k"]
        )

    @cached_property
    def proba(self) -> np.ndarray:
        from ..models import adult_features

        return self.model.predict_proba(adult_features(self.test))[:, 1]

    @cached_property
    def scored(self) -> pd.DataFrame:
        frame = self.test[["sex", "race", "age", "income_over_50k"]].copy()
        frame["pred"] = (self.proba >= 0.5).astype(int)
        return frame

    @cached_property
    def proxies(self) -> pd.DataFrame:
        from ..audit.proxies import proxy_strength
        from ..models import ADULT_CATEGORICAL, ADULT_NUMERIC

        features = [c for c in ADULT_NUMERIC + ADULT_CATEGORICAL if c != "sex"]
        return proxy_strength(self.train, "sex", features=features).to_frame()

    @cached_property
    def sex_auc(self) -> float:
        from ..audit.predictability import attribute_predictability
        from ..models import adult_features

        X = adult_features(self.train, drop=["sex"])
        return attribute_predictability(X, self.train["sex"], random_state=self.seed).auc

    @cached_property
    def mitigation(self) -> TradeoffReport:
        from ..mitigation import SuccessCriterion, compare_mitigations
        from ..models import adult_features, make_adult_model

        return compare_mitigations(
            adult_features(self.train),
            self.train["income_over_50k"],
            self.train["sex"],
            adult_features(self.test),
            self.test["income_over_50k"],
            self.test["sex"],
            make_estimator=lambda drop=(): make_adult_model("logistic", drop=drop, random_state=self.seed),
            criterion=SuccessCriterion("equal_opportunity", max_difference=0.05, max_performance_drop=0.02),
            random_state=self.seed,
        )

    # Rates computed with pandas only.
    def label_rate(self, frame: pd.DataFrame, by: str | list[str]) -> pd.Series:
        return frame.groupby(by, observed=True)["income_over_50k"].mean()

    def pred_rate(self, by: str | list[str]) -> pd.Series:
        return self.scored.groupby(by, observed=True)["pred"].mean()

    def rate_among(self, by: str | list[str], label: int) -> pd.Series:
        subset = self.scored[self.scored["income_over_50k"] == label]
        return subset.groupby(by, observed=True)["pred"].mean()
