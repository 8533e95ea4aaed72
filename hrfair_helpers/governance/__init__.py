"""Governance of HR AI tools: the regulation registry and classification, RACI, documentation
builders (model cards, datasheets), an algorithmic impact assessment and the NIST AI RMF map.

- :func:`load_registry`, :class:`ToolProfile`, :func:`classify`, :func:`obligations_matrix`:
  which instruments apply to a tool on a given day, with the obligations in force, those coming
  and when, and the reason for each.
- :func:`obligations_on`, :func:`law_changes`, :func:`legal_date`, :func:`registry_as_of`: the law
  on a date, the change log, and the named dates that prose takes from the registry.
- :class:`RACI`, :func:`default_hr_ai_raci`: accountability, validated (one A, at least one R).
- :func:`model_card`, :func:`datasheet`: Mitchell et al. and Gebru et al. documents fed from audits.
- :func:`assess`: an algorithmic impact assessment questionnaire that yields a risk tier with reasons.
- :func:`map_controls`, :func:`categories`: the NIST AI RMF 1.0 categories and a control map.

Legal content is a teaching summary, not legal advice: every entry names its primary source, its
status (confirmed, secondary, check) and the date it describes ("as of").
"""

from .documentation import Document, datasheet, model_card
from .impact_assessment import AssessmentResult, assess, questionnaire
from .nist import DEFAULT_CONTROLS, ControlMap, categories, map_controls
from .raci import RACI, default_hr_ai_raci
from .registry import ToolProfile, classify, legal_date, load_registry, obligations_matrix, registry_as_of
from .timeline import law_changes, obligations_on

__all__ = [
    "AssessmentResult",
    "ControlMap",
    "DEFAULT_CONTROLS",
    "Document",
    "RACI",
    "ToolProfile",
    "assess",
    "categories",
    "classify",
    "datasheet",
    "default_hr_ai_raci",
    "law_changes",
    "legal_date",
    "load_registry",
    "map_controls",
    "model_card",
    "obligations_matrix",
    "obligations_on",
    "questionnaire",
    "registry_as_of",
]
