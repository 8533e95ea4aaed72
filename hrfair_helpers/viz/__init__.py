"""Figures and interactive widgets for the casebook.

- :func:`threshold_explorer`: :func:`hrfair_helpers.audit.threshold_table` behind ipywidgets
  sliders (scenario 1).
- :func:`plot_threshold_sweep`: selection rate and impact ratio against the threshold, for print.
- :func:`what_if`, :func:`what_if_explorer`, :func:`counterfactual_table`, :func:`plot_what_if`:
  change a person's features and see the decision and its counterfactual (scenario 3).

matplotlib and ipywidgets are imported inside the functions that draw, so importing this
package stays cheap.
"""

from .._utils.deprecation import moved
from .threshold import plot_threshold_sweep, threshold_explorer
from .whatif import WhatIfResult, counterfactual_table, plot_what_if, what_if, what_if_explorer

__all__ = [
    "WhatIfResult",
    "counterfactual_table",
    "plot_threshold_sweep",
    "plot_what_if",
    "threshold_explorer",
    "what_if",
    "what_if_explorer",
]

# Moved to the audit package with the counting they share (issue 16); served here for one release.
__getattr__ = moved(__name__, {"threshold_table": "hrfair_helpers.audit", "ThresholdResult": "hrfair_helpers.audit"})
