"""Gender audits of text models: counterfactual swaps, masking, and which terms drive the score.

A resume screener that scores "Captain, women's chess club" lower than "Captain, men's chess
club" treats gender as a qualification. This package measures that:

- :func:`load_lexicon` / :class:`Lexicon`: the gendered-term pairs, kept as data
  (``data/gendered_terms.csv``, columns ``female,male,kind``) and validated; pass your own CSV,
  DataFrame or dict, or ``load_lexicon().extend({...})``.
- :func:`counterfactual_swap`: she <-> he, women's <-> men's, sorority <-> fraternity, ... in one
  pass, whole words and phrases, longest first, keeping case and possessives.
- :func:`counterfactual_gap`: score change and decision flips between each text and its
  swapped copy, with intervals, over all texts and over the texts the swap changed.
- :func:`mask_terms` and :func:`masking_audit`: the same with the gendered terms masked.
- :func:`term_attributions`: the terms that lower and raise the score most (linear
  coefficients, or occlusion for any model), each marked female / male / neutral.

Any model works if it has ``predict_proba(list_of_texts)`` returning an ``(n, 2)`` array whose
column 1 is the probability of the favourable outcome. A scikit-learn Pipeline
(``TfidfVectorizer`` -> ``LogisticRegression``) has it; a scoring function or a vendor API
needs a small adapter:

>>> import numpy as np
>>> from hrfair_helpers.text import counterfactual_gap
>>> def vendor_score(text):                 # stands in for a call to a vendor's scoring API
...     return 0.4 if "she" in text.lower().split() else 0.6
>>> class ScoreAdapter:
...     def __init__(self, score):
...         self.score = score
...     def predict_proba(self, texts):
...         p = np.array([self.score(t) for t in texts], dtype=float)
...         return np.column_stack([1 - p, p])
>>> res = counterfactual_gap(ScoreAdapter(vendor_score), ["she led the team", "he led the team"])
>>> res.table[["original_score", "swapped_score", "flip"]]
   original_score  swapped_score  flip
0             0.4            0.6    up
1             0.6            0.4  down

Checked libraries (what exists, and why what is here is written by hand):

- ``checklist`` (Ribeiro et al. 2020): its ``Perturb`` functions change names, locations,
  numbers, contractions and negation, not gendered terms, and it needs spaCy. Its name lists
  are what NL-Augmenter's ``GenderSwap`` transformation (a benchmark repository, not a package)
  builds on.
- HELM's ``GenderPerturbation`` (``crfm-helm``): a gender-term mapping inside an LLM benchmark
  framework, applied at random with a probability; a heavy dependency, and not a test of a
  classifier's scores.
- ``textattack``: word-swap transformations for adversarial attacks; needs PyTorch and has no
  gendered-term swap. ``document-polluter``: rewrites documents to one gender with a small list,
  no one-pass bidirectional swap or case/possessive handling.
- Word lists (Lu et al. 2018 CDA pairs, Zhao et al. 2018 WinoBias swaps, Garg et al. 2018):
  general-purpose, with pairs that are wrong on resumes; the bundled list is written for HR text
  (see :mod:`hrfair_helpers.text.lexicon`).
- fairlearn, aif360 and aequitas audit predictions of tabular data; none perturbs text.
- Used as they are: scikit-learn (``get_feature_names_out``, ``coef_``, ``ENGLISH_STOP_WORDS``),
  scipy (``binomtest(...).proportion_ci(method="wilson")``), numpy's vectorised bootstrap.

Nothing here imports scikit-learn or matplotlib until a function needs it.
"""

from .attributions import TermAttributionReport, term_attributions
from .gap import CounterfactualResult, counterfactual_gap, masking_audit
from .language_scan import LanguageScanReport, load_demeaning_lexicon, load_demeaning_rules, scan_replies
from .lexicon import Lexicon, load_lexicon
from .swap import counterfactual_swap, mask_terms

__all__ = [
    "CounterfactualResult",
    "LanguageScanReport",
    "Lexicon",
    "TermAttributionReport",
    "counterfactual_gap",
    "counterfactual_swap",
    "load_demeaning_lexicon",
    "load_demeaning_rules",
    "load_lexicon",
    "mask_terms",
    "masking_audit",
    "scan_replies",
    "term_attributions",
]
