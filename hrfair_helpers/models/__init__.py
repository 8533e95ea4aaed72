"""Model pipelines the scenarios audit (built from scikit-learn, seeded, never downloaded)."""

from .adult import ADULT_CATEGORICAL, ADULT_NUMERIC, adult_features, age_band, make_adult_model
from .promotion import make_promotion_model
from .screener import ScreenerIntegrityError, load_screener, screener_metadata

__all__ = [
    "ADULT_CATEGORICAL",
    "ADULT_NUMERIC",
    "ScreenerIntegrityError",
    "adult_features",
    "age_band",
    "load_screener",
    "make_adult_model",
    "make_promotion_model",
    "screener_metadata",
]
