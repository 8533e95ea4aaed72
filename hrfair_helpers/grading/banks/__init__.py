"""Registry of question banks, one module per notebook, and the vocabulary they share.

A bank module defines ``BANK``, a :class:`~hrfair_helpers.grading.bank.Bank`. Modules are
imported on first use, so loading the grader for one notebook never loads another's data.
"""

import importlib

#: Other names learners use for the fairness metrics (``Choice(..., aliases=...)``); case,
#: spaces, hyphens and underscores are folded anyway.
METRIC_ALIASES = {
    "demographic_parity": ("statistical parity", "selection rate parity", "independence"),
    "equal_opportunity": (
        "TPR parity",
        "true positive rate parity",
        "FNR parity",
        "false negative rate parity",
        "equal opportunity difference",
        "recall parity",
    ),
    "equalized_odds": ("equalised odds", "separation", "TPR and FPR parity"),
    "predictive_parity": ("PPV parity", "positive predictive value parity", "precision parity"),
    "accuracy": ("accuracy parity", "overall accuracy"),
}

# notebook id -> module holding its BANK
REGISTRY = {
    "orientation": "hrfair_helpers.grading.banks.orientation",
    "adult_audit": "hrfair_helpers.grading.banks.adult_audit",
    "resume_screener": "hrfair_helpers.grading.banks.resume_screener",
    "promotion_gap": "hrfair_helpers.grading.banks.promotion_gap",
    "chatbot_incident": "hrfair_helpers.grading.banks.chatbot_incident",
    "global_governance": "hrfair_helpers.grading.banks.global_governance",
    "wellbeing_analytics": "hrfair_helpers.grading.banks.wellbeing_analytics",
}


def available():
    """Ids of every registered question bank."""
    return sorted(REGISTRY)


def get_bank(notebook_id):
    """The bank for ``notebook_id``; a clear error lists the valid ids."""
    module = REGISTRY.get(notebook_id) if isinstance(notebook_id, str) else None
    if module is None:
        raise ValueError(f"no question bank {notebook_id!r}; available banks: {available()}")
    return importlib.import_module(module).BANK
