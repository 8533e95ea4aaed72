"""Data sets for the hrfair casebook.

Real data is vendored inside the package (no network needed) and checked
against SHA-256 hashes on load; synthetic generators live next to it, one
small module per data set (``_adult.py``, ``resumes.py``, ...), re-exported here.

Only numpy, pandas and the standard library are imported, so this package
stays cheap to import.
"""

from .._utils.resources import DataIntegrityError
from ._adult import load_adult
from .applicants import ADVANCE_SHARE, APPLICANT_EFFECTS, QUALIFIED_RATE, RACE_SHARES, SEX_SHARES, make_applicant_pool
from .chatbot import make_chatbot_logs
from .promotions import (
    CAUSAL_GRAPH,
    GAP_DECOMPOSITION,
    MODEL_FEATURES,
    PROMOTION_EFFECTS,
    RECOMMEND_SHARE,
    make_promotions,
)
from .resumes import GENDERED_PHRASES, INJECTED_EFFECTS, RESUME_ROLES, count_gendered_terms, make_resumes
from .wellbeing import FLAG_SHARE, burnout_risk_score, flag_for_outreach, make_wellbeing_data

__all__ = [
    "ADVANCE_SHARE",
    "APPLICANT_EFFECTS",
    "QUALIFIED_RATE",
    "RACE_SHARES",
    "SEX_SHARES",
    "make_applicant_pool",
    "CAUSAL_GRAPH",
    "DataIntegrityError",
    "GAP_DECOMPOSITION",
    "MODEL_FEATURES",
    "PROMOTION_EFFECTS",
    "RECOMMEND_SHARE",
    "GENDERED_PHRASES",
    "INJECTED_EFFECTS",
    "RESUME_ROLES",
    "count_gendered_terms",
    "load_adult",
    "make_chatbot_logs",
    "make_promotions",
    "make_resumes",
    "FLAG_SHARE",
    "burnout_risk_score",
    "flag_for_outreach",
    "make_wellbeing_data",
]
