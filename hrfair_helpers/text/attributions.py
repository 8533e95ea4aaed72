"""Which terms push a text model's score up or down, and are they gendered?

For a scikit-learn Pipeline ending in a vectorizer and a linear classifier the answer is in the
model: the classifier's ``coef_`` per feature name (``Pipeline[:-1].get_feature_names_out()``).
For any other model with ``predict_proba`` it is measured by occlusion: remove a term from the
texts that contain it and average the score change.

Checked libraries: scikit-learn gives the coefficients and feature names used here, and
``sklearn.inspection.permutation_importance`` permutes columns of a feature matrix, not words
inside raw texts, so it cannot score a model that takes text. ``lime``'s ``LimeTextExplainer``
and ``shap``'s ``Text`` masker remove words to explain one prediction at a time (and neither is
a dependency); an audit needs the average effect of a given term over many texts, which is the
few lines of occlusion below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import render
from .._utils.validation import check_whole_number
from .gap import check_model, score
from .lexicon import _SPACES, _compile, _key, load_lexicon
from .swap import as_text_list

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from sklearn.pipeline import Pipeline

    from .._utils.typing import ProbabilisticClassifier, RandomState, Texts
    from .lexicon import LexiconData

COLOURS = {"female": "#DD8452", "male": "#4C72B0", "neutral": "#B0B0B0", "mixed": "#8172B3"}
_WORD = re.compile(r"[^\W\d_]{3,}")
_TOKENS = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"['\u2019]s\b")


@dataclass
class TermAttributionReport:
    """Result of :func:`term_attributions`.

    Attributes
    ----------
    table : DataFrame
        The ``top`` terms with the most negative and the ``top`` with the most positive values,
        sorted from most negative: ``term``, ``weight`` (coefficients) or ``mean_effect``
        (occlusion: mean score change the term causes), ``direction`` ("raises score" /
        "lowers score"), ``gender_association`` ("female", "male", "neutral" or "mixed"), and
        ``document_frequency`` (texts containing the term) when texts were given.
    gendered : DataFrame
        Every gendered term among all features or candidates, with the same columns, whatever
        its rank: a gendered term with a small weight is still worth seeing.
    method : {"coefficients", "occlusion"}
    top : int
    n_terms : int
        Features (coefficients) or candidate terms (occlusion) ranked.
    notes : list of str
    """

    table: pd.DataFrame
    gendered: pd.DataFrame
    method: str = "coefficients"
    top: int = 20
    n_terms: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def value_column(self) -> str:
        return "weight" if self.method == "coefficients" else "mean_effect"

    @property
    def most_negative(self) -> list[str]:
        """Terms that lower the score most, most negative first."""
        values = self.table[self.value_column]
        return self.table.loc[values < 0, "term"].tolist()

    @property
    def most_positive(self) -> list[str]:
        """Terms that raise the score most, most positive first."""
        values = self.table[self.value_column]
        return self.table.loc[values > 0, "term"].tolist()[::-1]

    def to_frame(self) -> pd.DataFrame:
        """The ranked table as a new DataFrame."""
        return self.table.copy()

    def _title(self):
        return "Term attributions (" + (
            "linear model coefficients)" if self.method == "coefficients" else "occlusion: mean score change)"
        )

    def _facts(self):
        top_gendered = self.table.loc[self.table["gender_association"] != "neutral", "term"].tolist()
        return {
            "method": self.method,
            "terms ranked": self.n_terms,
            "shown": f"{self.top} most negative and {self.top} most positive",
            "gendered terms shown": ", ".join(top_gendered) or "none",
        }

    def _repr_html_(self):
        return render.render_html(self._title(), self._facts(), self.table, self.notes, "{:.4f}")

    def __repr__(self):
        frame = self.table.copy()
        frame[self.value_column] = frame[self.value_column].map(lambda v: f"{v:+.4f}")
        return render.render_text(self._title(), self._facts(), frame, self.notes)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Horizontal bars of the shown terms, coloured by gender association."""
        import matplotlib.pyplot as plt
        from matplotlib.patches import Patch

        table = self.table
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 0.3 * len(table) + 1.4))
        positions = np.arange(len(table))
        colours = [COLOURS.get(a, COLOURS["neutral"]) for a in table["gender_association"]]
        ax.barh(positions, table[self.value_column], color=colours)
        ax.set_yticks(positions, table["term"])
        ax.invert_yaxis()
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(
            "coefficient (log-odds per unit of the feature)"
            if self.method == "coefficients"
            else "mean score change caused by the term"
        )
        ax.set_title(self._title())
        present = [a for a in COLOURS if a in set(table["gender_association"])]
        ax.legend(handles=[Patch(color=COLOURS[a], label=a) for a in present], loc="lower right")
        return ax


# --------------------------------------------------------------------- helpers


def _token_sequences(terms):
    """Each lexicon term as a tuple of lower-case word tokens (possessive 's dropped)."""
    return {tuple(_TOKENS.findall(_POSSESSIVE.sub("", t.lower()))) for t in terms} - {()}


def _contains(tokens, sequence):
    k = len(sequence)
    return any(tuple(tokens[i : i + k]) == sequence for i in range(len(tokens) - k + 1))


def _associations(names, lexicon):
    """Gender association of feature names (unigrams or n-grams) from the lexicon's tokens."""
    female = _token_sequences(lexicon.female_terms)
    male = _token_sequences(lexicon.male_terms)
    out = []
    for name in names:
        tokens = _TOKENS.findall(_POSSESSIVE.sub("", str(name).lower()))
        f = any(_contains(tokens, s) for s in female)
        m = any(_contains(tokens, s) for s in male)
        out.append("mixed" if f and m else "female" if f else "male" if m else "neutral")
    return np.array(out, dtype=object)


def _linear_parts(model):
    """``(feature_names, coefficients)`` of a Pipeline ending in a linear classifier, else None."""
    steps = getattr(model, "steps", None)
    if not steps or len(steps) < 2:
        return None
    final = steps[-1][1]
    coef = getattr(final, "coef_", None)
    if coef is None:
        return None
    try:
        names = np.asarray(model[:-1].get_feature_names_out(), dtype=object)
    except Exception:  # a transformer without feature names: fall back to occlusion
        return None
    coef = np.asarray(coef, dtype=float)
    if coef.ndim == 2:
        if coef.shape[0] != 1:
            raise ValueError(
                f"the classifier has {coef.shape[0]} rows of coefficients (a multi-class model); "
                f"term_attributions reads a binary model (accept / reject)"
            )
        coef = coef[0]
    if coef.shape != names.shape:
        return None
    return names, coef


def _rank(frame, value, top):
    negative = frame[frame[value] < 0].nsmallest(top, value)
    positive = frame[frame[value] > 0].nlargest(top, value)
    return pd.concat([negative, positive]).sort_values(value, kind="stable").reset_index(drop=True)


def _finish(frame, value, lexicon_assoc):
    frame["direction"] = np.where(frame[value] > 0, "raises score", np.where(frame[value] < 0, "lowers score", "none"))
    frame["gender_association"] = lexicon_assoc
    return frame


def _removal_pattern(term):
    return _compile([_key(term)])


def _occlusion(model, items, lexicon, top, candidates, max_texts, random_state):
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    lowered = [t.lower() for t in items]
    gendered_pattern = lexicon.pattern("both")
    if candidates is None:
        found = Counter()
        for text in items:
            found.update({_key(m.group("term")) for m in gendered_pattern.finditer(text)})
        words = Counter()
        for text in lowered:
            words.update(set(_WORD.findall(text)))
        gendered_words = set(lexicon.female_terms) | set(lexicon.male_terms)
        common = [w for w, _ in words.most_common() if w not in ENGLISH_STOP_WORDS and w not in gendered_words][:top]
        terms = sorted(found) + common
    else:
        terms = [_SPACES.sub(" ", str(c).strip()) for c in as_text_list(candidates, "candidates")]
        terms = list(dict.fromkeys(t for t in terms if t))
    if not terms:
        raise ValueError("no candidate terms: the texts contain no word of 3+ letters; pass candidates=[...]")

    rng = np.random.default_rng(random_state)
    base = score(model, items)
    batch, owners, rows, frequency = [], [], [], []
    for j, term in enumerate(terms):
        pattern = _removal_pattern(term)
        # A plain substring test on the first word skips most texts before the regex runs.
        first = _TOKENS.match(_key(term))
        first = first.group(0) if first else ""
        containing = [i for i, text in enumerate(items) if first in lowered[i] and pattern.search(text)]
        frequency.append(len(containing))
        if len(containing) > max_texts:
            containing = sorted(rng.choice(containing, size=max_texts, replace=False).tolist())
        for i in containing:
            removed = _SPACES.sub(" ", pattern.sub(" ", items[i])).strip()
            batch.append(removed)
            owners.append(j)
            rows.append(i)
    effects = np.full(len(terms), np.nan)
    scored = np.zeros(len(terms), dtype=int)
    if batch:
        without = score(model, batch)
        owners = np.asarray(owners)
        delta = base[np.asarray(rows)] - without  # score with the term - score without it
        sums = np.bincount(owners, weights=delta, minlength=len(terms))
        scored = np.bincount(owners, minlength=len(terms))
        with np.errstate(invalid="ignore", divide="ignore"):
            effects = np.where(scored > 0, sums / np.maximum(scored, 1), np.nan)
    frame = pd.DataFrame({"term": terms, "mean_effect": effects, "document_frequency": frequency, "n_scored": scored})
    frame = frame[frame["document_frequency"] > 0].reset_index(drop=True)
    return frame


# -------------------------------------------------------------------------- API


def term_attributions(
    model: Pipeline | ProbabilisticClassifier,
    texts: Texts | None = None,
    *,
    top: int = 20,
    lexicon: LexiconData | None = None,
    method: Literal["auto", "coefficients", "occlusion"] = "auto",
    candidates: Sequence[str] | None = None,
    max_texts: int = 200,
    random_state: RandomState = 0,
) -> TermAttributionReport:
    """The terms that lower and raise a text model's score most, marked by gender association.

    Parameters
    ----------
    model : scikit-learn Pipeline, or any object with ``predict_proba(list_of_texts)``
        With ``method="coefficients"`` (the default for a Pipeline whose last step has
        ``coef_`` and whose earlier steps give ``get_feature_names_out()``, e.g.
        ``TfidfVectorizer`` -> ``LogisticRegression``), the weights are read from the model. Any
        other model needs ``texts`` and is measured by occlusion.
    texts : list, tuple, pandas Series or 1-D array of str, optional
        Adds ``document_frequency`` (texts containing each term) to the coefficients table;
        needed for occlusion.
    top : int, default 20
        How many of the most negative and of the most positive terms to show.
    lexicon : optional
        Gendered-term lexicon (``None`` for the bundled list) used to mark each term "female",
        "male", "neutral" or "mixed" (an n-gram with terms of both sides). A feature is
        gendered when it contains a lexicon term as whole words, after dropping a possessive
        ``'s`` (``TfidfVectorizer`` turns "women's" into the feature ``women``).
    method : {"auto", "coefficients", "occlusion"}, default "auto"
    candidates : list of str, optional
        Terms to occlude. Default: every lexicon term found in the texts plus the ``top`` most
        frequent other words (3+ letters, not English stop words).
    max_texts : int, default 200
        Occlusion scores at most this many texts per term (a random sample, ``random_state``),
        to bound the cost with a slow model or API.
    random_state : int, default 0

    Returns
    -------
    TermAttributionReport
        ``.table`` (term, weight or mean_effect, direction, gender_association,
        document_frequency), ``.gendered``, ``most_negative``, ``most_positive``, ``plot()``.

    Raises
    ------
    TypeError
        A model that is neither a linear Pipeline nor has ``predict_proba``; occlusion without
        ``texts``; texts that are not str.
    ValueError
        Bad ``top``, ``method`` or ``max_texts``; a multi-class classifier; empty ``texts``.

    Notes
    -----
    A coefficient is the change in log-odds per unit of the feature (a TF-IDF value, usually
    well below 1); compare signs and ranks, not sizes across models. An occlusion effect is the
    mean of (score with the term - score with the term removed) over the texts containing it.

    Examples
    --------
    >>> from sklearn.feature_extraction.text import TfidfVectorizer
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> texts = ["captain women's chess club", "python developer", "women's rugby team",
    ...          "python data engineer", "chess club python", "rugby team developer"] * 5
    >>> labels = [0, 1, 0, 1, 1, 1] * 5
    >>> model = make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(texts, labels)
    >>> rep = term_attributions(model, texts, top=2)
    >>> rep.table[["term", "direction", "gender_association", "document_frequency"]]
         term     direction gender_association  document_frequency
    0   women  lowers score             female                  10
    1     ...  lowers score            neutral                 ...
    2     ...  raises score            neutral                 ...
    3  python  raises score            neutral                  15
    """
    check_whole_number(top, "top", 1)
    check_whole_number(max_texts, "max_texts", 1)
    if method not in ("auto", "coefficients", "occlusion"):
        raise ValueError(f"method must be 'auto', 'coefficients' or 'occlusion', got {method!r}")
    lex = load_lexicon(lexicon)
    items = None if texts is None else as_text_list(texts, allow_empty=False)

    linear = _linear_parts(model) if method in ("auto", "coefficients") else None
    if method == "coefficients" and linear is None:
        raise TypeError(
            "method='coefficients' needs a scikit-learn Pipeline whose last step has coef_ (a "
            "linear classifier) and whose earlier steps give get_feature_names_out() (a "
            "vectorizer); use method='occlusion' with texts for any other model"
        )
    notes = []
    if linear is not None:
        names, coef = linear
        frame = pd.DataFrame({"term": names, "weight": coef})
        if items is not None:
            matrix = model[:-1].transform(items)
            frame["document_frequency"] = np.asarray((matrix != 0).sum(axis=0)).ravel().astype(int)
        value, used = "weight", "coefficients"
        notes.append(
            "a weight is the change in log-odds per unit of the feature; compare signs and ranks, "
            "not sizes across models"
        )
    else:
        if items is None:
            raise TypeError(
                f"{type(model).__name__} is not a Pipeline ending in a linear classifier, so its "
                f"weights cannot be read; pass texts=... to measure each term by occlusion"
            )
        check_model(model)
        frame = _occlusion(model, items, lex, top, candidates, max_texts, random_state)
        value, used = "mean_effect", "occlusion"
        notes.append(
            f"mean_effect = mean of (score with the term - score with it removed) over up to "
            f"{max_texts} texts containing it (n_scored)"
        )

    frame = _finish(frame, value, _associations(frame["term"], lex))
    columns = ["term", value, "direction", "gender_association"] + [
        c for c in ("document_frequency", "n_scored") if c in frame.columns
    ]
    frame = frame[columns]
    gendered = frame[frame["gender_association"] != "neutral"].sort_values(value, kind="stable")
    table = _rank(frame, value, top)
    if gendered.empty:
        notes.append("no feature or candidate term is in the lexicon")
    return TermAttributionReport(
        table=table,
        gendered=gendered.reset_index(drop=True),
        method=used,
        top=int(top),
        n_terms=int(len(frame)),
        notes=notes,
    )
