"""Scenario 4, the chatbot incident: a screening chatbot's pass rates by candidates' language.

:class:`ChatbotCase` rebuilds the case of ``solutions/04_chatbot_incident.ipynb`` from its seed:
``make_chatbot_logs(seed=seed)`` (4,000 sessions), the audit by first language, the recognition
errors (jiwer, :func:`~hrfair_helpers.audit.recognition_errors`), the reply scan
(:func:`~hrfair_helpers.text.scan_replies`), the re-scoring of every session from its reference
transcript and the memoised options of :mod:`hrfair_helpers.mitigation.chatbot_options` for the
same seed, compared against :data:`CRITERION`. Each stage is computed on first use.

Used by the notebook's question bank (:mod:`hrfair_helpers.grading.banks.chatbot_incident`, whose
context it is, so ``Grader("chatbot_incident", seed=N)`` grades case seed ``N``), by the
candidate-specific variants of notebook 04 (:mod:`hrfair_helpers.interview.variant`: the answer key
of ``hrfair variant --notebook 04 --seed N``) and by the interview model answers' numbers
(:mod:`hrfair_helpers.interview.facts`, seed 0). Get the shared instance with
``get_case("chatbot_incident", seed=...)`` (:func:`hrfair_helpers.cases.get_case`).
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from numpy.typing import ArrayLike

    from ..audit import AdverseImpactReport, RecognitionReport
    from ..mitigation import TradeoffReport
    from ..text import LanguageScanReport

#: The success criterion agreed before the options are compared.
CRITERION = {
    "metric": "equal_opportunity",
    "max_difference": 0.05,
    "max_performance_drop": 0.02,
    "performance": "precision",
    "min_impact_ratio": 0.9,
}


class ChatbotCase:
    """The incident's audit, built lazily.

    Parameters
    ----------
    seed : int, default 0
        The case seed, passed to ``make_chatbot_logs`` and ``chatbot_options``; 0 is the
        published notebook.
    """

    def __init__(self, seed: int = 0) -> None:
        if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
            raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
        self.seed = int(seed)

    @cached_property
    def logs(self) -> pd.DataFrame:
        from ..datasets.chatbot import make_chatbot_logs
        from ..mitigation.chatbot_options import language_group

        logs = make_chatbot_logs(seed=self.seed)
        logs["language_group"] = language_group(logs)
        return logs

    def rate(self, decisions: ArrayLike, by: str = "language_group") -> pd.Series:
        return pd.Series(decisions).groupby(self.logs[by].to_numpy()).mean()

    def ratio(self, decisions: ArrayLike) -> float:
        rates = self.rate(decisions)
        return float(rates["non-native English"] / rates["native English"])

    @cached_property
    def audit_v23(self) -> AdverseImpactReport:
        """By first language, on the version 2.3 sessions (before the fallback lines existed)."""
        from ..audit import adverse_impact

        v23 = self.logs[self.logs["model_version"] == "2.3"]
        return adverse_impact(v23["advanced"], v23["first_language"])

    @cached_property
    def scan(self) -> LanguageScanReport:
        from ..text import scan_replies

        return scan_replies(self.logs["bot_reply"], self.logs["language_group"])

    @cached_property
    def recognition(self) -> RecognitionReport:
        from ..audit import recognition_errors

        logs = self.logs
        return recognition_errors(logs["reference_transcript"], logs["asr_transcript"], logs["language_group"])

    def rescored(self, fluency_weight: float | None = None) -> np.ndarray:
        from ..datasets.chatbot import FLUENCY_WEIGHT, PASS_THRESHOLD, score_answer

        weight = FLUENCY_WEIGHT if fluency_weight is None else fluency_weight
        score = score_answer(self.logs["reference_transcript"], self.logs["asr_confidence"], fluency_weight=weight)
        return (score >= PASS_THRESHOLD).astype(int)

    def gap_closed(self, shares: bool = True) -> float:
        before, after = self.ratio(self.logs["advanced"]), self.ratio(self.rescored())
        return (after - before) / (1 - before) if shares else after - before

    @cached_property
    def options(self) -> dict[str, Any]:
        from ..mitigation.chatbot_options import chatbot_options

        return chatbot_options(seed=self.seed)

    @cached_property
    def tradeoff(self) -> TradeoffReport:
        from ..mitigation import SuccessCriterion, compare_predictions
        from ..mitigation.chatbot_options import DESCRIPTIONS

        groups = pd.Series(self.logs["language_group"].to_numpy(), name="language")
        return compare_predictions(
            self.options["decisions"],
            self.logs["qualified"],
            groups,
            criterion=SuccessCriterion(**CRITERION),
            descriptions=DESCRIPTIONS,
        )
