"""Registry of question banks, one module per notebook.

A bank module defines ``BANK``, a :class:`~hrfair_helpers.grading.bank.Bank`. Modules are
imported on first use, so loading the grader for one notebook never loads another's data.
"""

import importlib

# notebook id -> module holding its BANK
REGISTRY = {
    "orientation": "hrfair_helpers.grading.banks.orientation",
    "adult_audit": "hrfair_helpers.grading.banks.adult_audit",
    "resume_screener": "hrfair_helpers.grading.banks.resume_screener",
    "promotion_gap": "hrfair_helpers.grading.banks.promotion_gap",
    "chatbot_incident": "hrfair_helpers.grading.banks.chatbot_incident",
    "global_governance": "hrfair_helpers.grading.banks.global_governance",
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
