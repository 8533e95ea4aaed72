"""Privacy of what an audit publishes: small-cell suppression, k-anonymity and differential privacy.

A fairness audit is published by group, and the smallest groups, the ones it most needs to
show, are the easiest to re-identify. Three tools, from the bluntest to the most principled:

- :func:`suppress_small_cells`, :func:`suppress_report_table`, :func:`suppress_linked_tables`:
  blank (and mark) the rows of a published table with fewer than ``min_cell`` people, and the
  rows that would give them away by subtraction, as a :class:`SuppressedTable`.
- :func:`k_anonymity`, :func:`l_diversity`, :func:`equivalence_classes`, :func:`class_sizes`,
  :func:`anonymity_report` (an :class:`AnonymityReport`): how identifiable the rows of a released
  extract are; :func:`generalise` and :func:`make_k_anonymous` coarsen it until it is k-anonymous,
  counting the rows lost.
- :func:`dp_group_rates` (a :class:`DPRelease`) and :func:`privacy_accuracy_tradeoff` (a
  :class:`PrivacyTradeoffReport`): counts and rates by group with differentially private noise
  from diffprivlib, seeded, and the accuracy that privacy costs each group.

diffprivlib is imported when a release is made, so importing this package stays light.
"""

from .anonymity import (
    AnonymityReport,
    anonymity_report,
    class_sizes,
    equivalence_classes,
    generalise,
    k_anonymity,
    l_diversity,
    make_k_anonymous,
)
from .dp import DPRelease, PrivacyTradeoffReport, dp_group_rates, privacy_accuracy_tradeoff
from .suppression import SuppressedTable, suppress_linked_tables, suppress_report_table, suppress_small_cells

__all__ = [
    "AnonymityReport",
    "DPRelease",
    "PrivacyTradeoffReport",
    "SuppressedTable",
    "anonymity_report",
    "class_sizes",
    "dp_group_rates",
    "equivalence_classes",
    "generalise",
    "k_anonymity",
    "l_diversity",
    "make_k_anonymous",
    "privacy_accuracy_tradeoff",
    "suppress_linked_tables",
    "suppress_report_table",
    "suppress_small_cells",
]
