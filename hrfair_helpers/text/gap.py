"""Counterfactual tests of a text model: does the score change when only the gender terms change?

:func:`counterfactual_gap` scores each text and its gender-swapped copy; :func:`masking_audit`
scores each text and a copy with the gendered terms masked. Both share one implementation and
return a :class:`CounterfactualResult`.

Any model works if it has ``predict_proba(list_of_texts)`` returning an ``(n, 2)`` array whose
column 1 is the probability of the favourable outcome (a scikit-learn text Pipeline does). A
vendor API or a plain scoring function needs a three-line adapter, shown in
:func:`counterfactual_gap`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import deprecation, render
from .._utils.validation import check_whole_number
from .lexicon import load_lexicon
from .swap import _check_direction, as_text_list, mask_list, swap_list

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import ProbabilisticClassifier, RandomState, Texts
    from .lexicon import Direction, LexiconData

ADAPTER_HINT = """wrap it in a class with a predict_proba method, e.g.

    class ScoreAdapter:
        def __init__(self, score):          # score(text) -> probability in [0, 1]
            self.score = score
        def predict_proba(self, texts):
            p = np.array([self.score(t) for t in texts], dtype=float)
            return np.column_stack([1 - p, p])

    counterfactual_gap(ScoreAdapter(my_scoring_function), texts)"""

SUMMARY_ROWS = [
    "mean score change (all texts)",
    "mean score change (changed texts)",
    "flip rate (all texts)",
    "flip rate (changed texts)",
]


@dataclass
class CounterfactualResult:
    """Result of :func:`counterfactual_gap` or :func:`masking_audit`.

    Attributes
    ----------
    table : DataFrame
        One row per text (indexed like the input): ``original_score``, ``swapped_score`` (or
        ``masked_score``), ``change`` (perturbed - original), ``text_changed`` (the lexicon found
        a term), ``original_decision``, ``swapped_decision`` (or ``masked_decision``; score >=
        threshold), ``flipped``, ``flip`` ("up", "down" or ""), and the texts ``text`` and
        ``swapped_text`` (or ``masked_text``).
    summary : DataFrame
        Indexed by statistic: mean score change and flip rate over all texts and over the texts
        the perturbation changed; columns ``estimate``, ``ci_low``, ``ci_high``, ``n``.
    threshold : float
    direction : str
        The swap direction, or ``"mask"`` for a masking audit.
    perturbation : {"swap", "mask"}
    n_boot : int
    ci : float
    notes : list of str
    """

    table: pd.DataFrame
    summary: pd.DataFrame
    threshold: float = 0.5
    direction: str = "both"
    perturbation: str = "swap"
    n_boot: int = 1000
    ci: float = 0.95
    notes: list[str] = field(default_factory=list)

    # ---------------------------------------------------------------- numbers
    @property
    def label(self) -> Literal["swapped", "masked"]:
        """``"swapped"`` or ``"masked"``: the prefix of the perturbed columns."""
        return "swapped" if self.perturbation == "swap" else "masked"

    def _value(self, row, column="estimate"):
        return float(self.summary.loc[row, column])

    @property
    def n_texts(self) -> int:
        return int(len(self.table))

    @property
    def n_changed(self) -> int:
        """Texts the perturbation changed (the others cannot flip)."""
        return int(self.table["text_changed"].sum())

    @property
    def mean_change(self) -> float:
        """Mean score change (perturbed - original) over all texts."""
        return self._value(SUMMARY_ROWS[0])

    @property
    def mean_change_ci(self) -> tuple[float, float]:
        return (self._value(SUMMARY_ROWS[0], "ci_low"), self._value(SUMMARY_ROWS[0], "ci_high"))

    @property
    def mean_change_changed(self) -> float:
        """Mean score change over the texts the perturbation changed (NaN if none)."""
        return self._value(SUMMARY_ROWS[1])

    @property
    def flip_rate(self) -> float:
        """Share of all texts whose decision at ``threshold`` changes."""
        return self._value(SUMMARY_ROWS[2])

    @property
    def flip_rate_ci(self) -> tuple[float, float]:
        return (self._value(SUMMARY_ROWS[2], "ci_low"), self._value(SUMMARY_ROWS[2], "ci_high"))

    @property
    def flip_rate_changed(self) -> float:
        """Share of the changed texts whose decision changes (NaN if none changed)."""
        return self._value(SUMMARY_ROWS[3])

    @property
    def n_flipped(self) -> int:
        return int(self.table["flipped"].sum())

    @property
    def flips_up(self) -> int:
        """Texts rejected as written and accepted after the perturbation."""
        return int((self.table["flip"] == "up").sum())

    @property
    def flips_down(self) -> int:
        """Texts accepted as written and rejected after the perturbation."""
        return int((self.table["flip"] == "down").sum())

    def to_frame(self) -> pd.DataFrame:
        """The per-text table as a new DataFrame."""
        return self.table.copy()

    # ---------------------------------------------------------------- display
    def _title(self):
        if self.perturbation == "swap":
            return f"Counterfactual gender-swap test (direction={self.direction})"
        return "Masking audit (gendered terms masked)"

    def _facts(self):
        share = self.n_changed / self.n_texts if self.n_texts else float("nan")
        return {
            "texts": self.n_texts,
            f"texts changed by the {self.perturbation}": f"{self.n_changed} ({share:.0%})",
            "decision threshold": f"score >= {self.threshold:g}",
            "flips": f"{self.n_flipped} ({self.flips_up} up, {self.flips_down} down)",
            "intervals": f"{self.ci:.0%}: bootstrap ({self.n_boot} draws) for means, Wilson for rates"
            if self.n_boot
            else f"{self.ci:.0%} Wilson for rates; no bootstrap for means (n_boot=0)",
        }

    def _repr_html_(self):
        return render.render_html(self._title(), self._facts(), self.summary, self.notes, "{:.4f}")

    def __repr__(self):
        frame = self.summary.copy()
        for column in ("estimate", "ci_low", "ci_high"):
            frame[column] = frame[column].map(lambda v: "–" if np.isnan(v) else f"{v:+.4f}")
        return render.render_text(self._title(), self._facts(), frame, self.notes)

    def plot(self, ax: Axes | None = None, kind: Literal["hist", "scatter"] = "hist") -> Axes:
        """Histogram of score changes, or original-vs-perturbed scatter on 0–1 axes.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        kind : {"hist", "scatter"}
            ``"hist"``: the score changes of the texts the perturbation changed (unchanged texts
            are all at 0). ``"scatter"``: each text's original score against its perturbed
            score, with the diagonal and the threshold; flipped texts are highlighted.
        """
        import matplotlib.pyplot as plt

        if kind not in ("hist", "scatter"):
            raise ValueError(f"kind must be 'hist' or 'scatter', got {kind!r}")
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 4) if kind == "hist" else (5, 5))
        perturbed = self.table[f"{self.label}_score"].to_numpy()
        original = self.table["original_score"].to_numpy()
        if kind == "hist":
            changes = self.table.loc[self.table["text_changed"], "change"].to_numpy()
            limit = max(0.05, float(np.abs(changes).max()) * 1.05) if changes.size else 0.05
            ax.hist(changes, bins=30, range=(-limit, limit), color="#4C72B0")
            ax.axvline(0, color="black", linewidth=0.8)
            if changes.size:
                ax.axvline(changes.mean(), color="#C44E52", linestyle="--", label=f"mean {changes.mean():+.3f}")
                ax.legend(loc="upper right")
            ax.set_xlim(-limit, limit)
            ax.set_xlabel(f"score change ({self.label} - original)")
            ax.set_ylabel("texts")
            ax.set_title(f"{self._title()}\n{self.n_changed} of {self.n_texts} texts changed")
        else:
            flipped = self.table["flipped"].to_numpy()
            ax.scatter(original[~flipped], perturbed[~flipped], s=10, alpha=0.5, color="#4C72B0", label="same decision")
            ax.scatter(original[flipped], perturbed[flipped], s=18, color="#C44E52", label="decision flipped")
            ax.plot([0, 1], [0, 1], color="black", linewidth=0.8)
            ax.axvline(self.threshold, color="grey", linestyle=":")
            ax.axhline(self.threshold, color="grey", linestyle=":")
            ax.set_xlim(0, 1)
            ax.set_ylim(0, 1)
            ax.set_aspect("equal")
            ax.set_xlabel("original score")
            ax.set_ylabel(f"{self.label} score")
            ax.set_title(self._title())
            ax.legend(loc="upper left")
        return ax


# ------------------------------------------------------------------ validation


def check_model(model):
    """TypeError with the adapter pattern unless ``model.predict_proba`` is callable."""
    if not callable(getattr(model, "predict_proba", None)):
        what = "a function" if callable(model) else f"a {type(model).__name__}"
        raise TypeError(
            f"model must have predict_proba(list_of_texts) returning an (n, 2) array of "
            f"probabilities; got {what} without it. To audit a scoring function or a vendor API, " + ADAPTER_HINT
        )


def score(model, texts):
    """Column 1 of ``model.predict_proba(texts)``, with its shape and range checked."""
    out = model.predict_proba(list(texts))
    try:
        array = np.asarray(out, dtype=float)
    except (TypeError, ValueError) as error:
        raise ValueError(f"model.predict_proba returned something that is not numeric: {error}") from None
    if array.ndim != 2 or array.shape != (len(texts), 2):
        raise ValueError(
            f"model.predict_proba returned shape {array.shape} for {len(texts)} texts; it must "
            f"return an (n_texts, 2) array whose column 1 is the probability of the favourable "
            f"outcome (from one score s per text: np.column_stack([1 - s, s]))"
        )
    scores = array[:, 1]
    if not np.isfinite(scores).all() or (scores < -1e-9).any() or (scores > 1 + 1e-9).any():
        raise ValueError("model.predict_proba returned values outside [0, 1] or NaN; it must return probabilities")
    return np.clip(scores, 0.0, 1.0)


def _check_settings(threshold, n_boot, ci):
    if isinstance(threshold, (bool, np.bool_)) or not isinstance(threshold, (int, float, np.number)):
        raise ValueError(f"threshold must be a number in [0, 1], got {threshold!r}")
    if not 0 <= threshold <= 1:
        raise ValueError(f"threshold must be in [0, 1] (a score cut-off), got {threshold!r}")
    check_whole_number(n_boot, "n_boot", 0, hint=" (0 for no bootstrap)")
    if isinstance(ci, (bool, np.bool_)) or not isinstance(ci, (int, float, np.number)) or not 0 < ci < 1:
        raise ValueError(f"ci must be between 0 and 1 (e.g. 0.95), got {ci!r}")


# ------------------------------------------------------------------ statistics


def _bootstrap_mean_ci(values, n_boot, ci, rng):
    """Percentile interval of the mean from ``n_boot`` resamples, drawn in memory-bounded blocks."""
    n = values.size
    if n == 0 or n_boot == 0:
        return np.nan, np.nan
    if np.all(values == values[0]):
        return float(values[0]), float(values[0])
    means = np.empty(n_boot)
    block = max(1, 4_000_000 // n)
    for start in range(0, n_boot, block):
        stop = min(n_boot, start + block)
        means[start:stop] = values[rng.integers(0, n, size=(stop - start, n), dtype=np.int32)].mean(axis=1)
    tail = (1 - ci) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return float(low), float(high)


def _wilson(k, n, ci):
    """Wilson score interval for k successes out of n (scipy's binomtest)."""
    if n == 0:
        return np.nan, np.nan
    from scipy.stats import binomtest

    interval = binomtest(int(k), int(n)).proportion_ci(confidence_level=ci, method="wilson")
    return float(interval.low), float(interval.high)


def perturbation_audit(model, texts, perturb, *, label, threshold, n_boot, ci, random_state, direction):
    """Score texts and their perturbed copies; the shared engine of the two audits."""
    _check_settings(threshold, n_boot, ci)
    items = as_text_list(texts, allow_empty=False)
    check_model(model)
    perturbed = perturb(items)
    changed = np.fromiter((a != b for a, b in zip(items, perturbed)), dtype=bool, count=len(items))

    original = score(model, items)
    new = original.copy()
    where = np.flatnonzero(changed)
    if where.size:
        # Texts the perturbation left alone keep their score (and cost no second model call).
        new[where] = score(model, [perturbed[i] for i in where])
    change = new - original
    before = original >= threshold
    after = new >= threshold
    flipped = before != after
    flip = np.where(flipped & after, "up", np.where(flipped, "down", ""))

    index = texts.index if isinstance(texts, pd.Series) else pd.RangeIndex(len(items))
    table = pd.DataFrame(
        {
            "original_score": original,
            f"{label}_score": new,
            "change": change,
            "text_changed": changed,
            "original_decision": before,
            f"{label}_decision": after,
            "flipped": flipped,
            "flip": flip,
            "text": items,
            f"{label}_text": perturbed,
        },
        index=index,
    )

    rng = np.random.default_rng(random_state)
    n, m = len(items), int(changed.sum())
    k_all = int(flipped.sum())
    rows = {
        SUMMARY_ROWS[0]: (change.mean(), *_bootstrap_mean_ci(change, n_boot, ci, rng), n),
        SUMMARY_ROWS[1]: (
            change[changed].mean() if m else np.nan,
            *_bootstrap_mean_ci(change[changed], n_boot, ci, rng),
            m,
        ),
        SUMMARY_ROWS[2]: (k_all / n, *_wilson(k_all, n, ci), n),
        SUMMARY_ROWS[3]: (k_all / m if m else np.nan, *_wilson(k_all, m, ci), m),
    }
    summary = pd.DataFrame.from_dict(rows, orient="index", columns=["estimate", "ci_low", "ci_high", "n"])
    summary.index.name = "statistic"

    notes = []
    verb = "swap" if label == "swapped" else "masking"
    if m == 0:
        notes.append(
            f"no text contains a term of the lexicon, so the {verb} changed nothing and nothing "
            f"can flip; check the texts, or extend the lexicon (load_lexicon().extend(...))"
        )
    elif m < n:
        notes.append(
            f"{n - m} of {n} texts contain no gendered term and cannot change: the 'all texts' "
            f"rows are diluted by them; the 'changed texts' rows show the effect where the {verb} applies"
        )
    if 0 < m < 30:
        notes.append(f"only {m} texts were changed: the intervals are wide; read them, not the point estimates")
    notes.append(
        "texts the lexicon left unchanged are not scored twice; a model that is not deterministic "
        "would also differ between two calls on the same text"
    )
    return CounterfactualResult(
        table=table,
        summary=summary,
        threshold=float(threshold),
        direction=direction,
        perturbation="swap" if label == "swapped" else "mask",
        n_boot=int(n_boot),
        ci=float(ci),
        notes=notes,
    )


# ------------------------------------------------------------------ public API


def counterfactual_gap(
    model: ProbabilisticClassifier,
    texts: Texts,
    lexicon: LexiconData | None = None,
    *,
    threshold: float = 0.5,
    direction: Direction = "both",
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: RandomState = 0,
) -> CounterfactualResult:
    """Score change and decision flips when only the gendered terms of each text are swapped.

    Each text is scored as written and after :func:`counterfactual_swap`; a fair screener gives
    both the same score. The result reports the mean change (swapped - original) with a
    bootstrap interval, the share of decisions at ``threshold`` that flip (Wilson interval), the
    flips up and down, and how many texts the swap changed at all: texts without a gendered term
    cannot flip, so every statistic is given over all texts and over the changed texts.

    Parameters
    ----------
    model : object with ``predict_proba(list_of_texts)``
        Any model returning an ``(n, 2)`` array whose column 1 is the probability of the
        favourable outcome: a scikit-learn Pipeline (``TfidfVectorizer`` ->
        ``LogisticRegression``), or an adapter around a scoring function or a vendor API (see
        the example).
    texts : list, tuple, pandas Series or 1-D array of str
    lexicon : optional
        ``None`` for the bundled list, or anything :func:`load_lexicon` accepts.
    threshold : float, default 0.5
        A text is accepted when its score is >= threshold.
    direction : {"both", "to_male", "to_female"}, default "both"
        ``"to_male"`` asks "would these texts score differently if they read as male?"
    n_boot : int, default 1000
        Bootstrap resamples for the interval of the mean change (0 for none).
    ci : float, default 0.95
        Confidence level of the intervals.
    random_state : int, default 0
        Seed of the bootstrap; the same seed gives the same intervals.

    Returns
    -------
    CounterfactualResult
        ``.table`` per text; ``.summary``; ``mean_change``, ``mean_change_ci``, ``flip_rate``,
        ``flip_rate_ci``, ``flips_up``, ``flips_down``, ``n_changed``; ``plot()``.

    Raises
    ------
    ValueError
        Empty ``texts``; ``predict_proba`` output that is not ``(n, 2)`` probabilities; bad
        ``threshold``, ``n_boot``, ``ci`` or ``direction``.
    TypeError
        An item of ``texts`` is not a str (the message names it), or ``model`` has no
        ``predict_proba`` (the message shows the adapter below).

    See Also
    --------
    masking_audit : the same test with the gendered terms masked instead of swapped.
    term_attributions : which terms move the score.

    Examples
    --------
    Any object with ``predict_proba`` works. Here a plain scoring function, standing in for a
    vendor API that returns one score per resume, is wrapped in a three-line adapter:

    >>> import numpy as np
    >>> def vendor_score(text):                       # e.g. a call to a vendor's API
    ...     return 0.35 if "women" in text.lower() else 0.65
    >>> class ScoreAdapter:
    ...     def __init__(self, score):
    ...         self.score = score
    ...     def predict_proba(self, texts):
    ...         p = np.array([self.score(t) for t in texts], dtype=float)
    ...         return np.column_stack([1 - p, p])
    >>> resumes = ["Captain, women's chess club", "Led the data team", "Women in Engineering mentor"]
    >>> res = counterfactual_gap(ScoreAdapter(vendor_score), resumes, direction="to_male")
    >>> res.n_changed, res.flips_up, res.flips_down, round(res.mean_change_changed, 2)
    (2, 2, 0, 0.3)
    >>> res.table[["original_score", "swapped_score", "flipped"]]
       original_score  swapped_score  flipped
    0            0.35           0.65     True
    1            0.65           0.65    False
    2            0.35           0.65     True
    """
    _check_direction(direction)
    lex = load_lexicon(lexicon)
    return perturbation_audit(
        model,
        texts,
        lambda items: swap_list(items, lex, direction),
        label="swapped",
        threshold=threshold,
        n_boot=n_boot,
        ci=ci,
        random_state=random_state,
        direction=direction,
    )


@deprecation.keyword_only_after("lexicon")
def masking_audit(
    model: ProbabilisticClassifier,
    texts: Texts,
    lexicon: LexiconData | None = None,
    *,
    threshold: float = 0.5,
    token: str = "[MASK]",
    n_boot: int = 1000,
    ci: float = 0.95,
    random_state: RandomState = 0,
) -> CounterfactualResult:
    """Score change and decision flips when the gendered terms of each text are masked.

    The same test as :func:`counterfactual_gap` with :func:`mask_terms` in place of the swap: it
    asks how much the scores rest on the gendered terms at all, whichever way they point. A
    model trained on masked texts (``mask_terms(train_texts)``) should show no change here.

    Parameters
    ----------
    model, texts, lexicon, threshold, n_boot, ci, random_state
        As in :func:`counterfactual_gap`.
    token : str, default "[MASK]"
        Replacement for each term; ``""`` deletes it.

    Returns
    -------
    CounterfactualResult
        With ``masked_score``, ``masked_decision`` and ``masked_text`` columns.

    Examples
    --------
    >>> import numpy as np
    >>> class ScoreAdapter:
    ...     def predict_proba(self, texts):
    ...         p = np.array([0.3 if "women" in t.lower() else 0.6 for t in texts])
    ...         return np.column_stack([1 - p, p])
    >>> res = masking_audit(ScoreAdapter(), ["Women's rugby captain", "Rugby captain"])
    >>> res.n_changed, res.flips_up, res.table["masked_text"].tolist()
    (1, 1, ['[MASK] rugby captain', 'Rugby captain'])
    """
    if not isinstance(token, str):
        raise TypeError(f"token must be a str (e.g. '[MASK]' or ''), got {type(token).__name__}")
    lex = load_lexicon(lexicon)
    return perturbation_audit(
        model,
        texts,
        lambda items: mask_list(items, lex, token),
        label="masked",
        threshold=threshold,
        n_boot=n_boot,
        ci=ci,
        random_state=random_state,
        direction="mask",
    )
