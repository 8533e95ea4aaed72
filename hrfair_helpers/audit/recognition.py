"""Speech-recognition errors by group: word error rate with jiwer, per session and per group.

jiwer (maintained, Apache-2.0) aligns each reference with its hypothesis and counts hits,
substitutions, deletions and insertions; this module only groups those counts. The group WER is
the *corpus* WER (all errors over all reference words in the group), the figure speech papers
report, so long sessions weigh more than short ones; the per-session WERs are returned too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._utils import render, validation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from numpy.typing import ArrayLike


@dataclass
class RecognitionReport:
    """Word error rates per session and per group.

    Attributes
    ----------
    sessions : DataFrame
        Per row: ``group``, ``reference_words``, ``hits``, ``substitutions``, ``deletions``,
        ``insertions``, ``wer``.
    by_group : DataFrame
        Per group: ``sessions``, ``reference_words``, error counts, ``wer`` (corpus WER),
        ``mean_session_wer`` and ``wer_ratio`` (the group's WER over the lowest group's).
    notes : list of str
    """

    sessions: pd.DataFrame
    by_group: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    @property
    def table(self) -> pd.DataFrame:
        """The per-group table (the report protocol's ``table``; the same object as ``by_group``)."""
        return self.by_group

    @property
    def max_wer_ratio(self) -> float:
        """The highest group WER divided by the lowest: a release gate can cap it."""
        return float(self.by_group["wer_ratio"].max())

    def to_frame(self) -> pd.DataFrame:
        return self.by_group.copy()

    def _facts(self):
        return {
            "groups": len(self.by_group),
            "sessions": int(self.by_group["sessions"].sum()),
            "highest WER / lowest WER": f"{self.max_wer_ratio:.2f}",
        }

    def _repr_html_(self):
        return render.render_html("Speech recognition errors by group", self._facts(), self.by_group, self.notes)

    def __repr__(self):
        return render.render_text("Speech recognition errors by group", self._facts(), self.by_group, self.notes)

    def plot(self, ax: Axes | None = None) -> Axes:
        """WER by group, as horizontal bars."""
        import matplotlib.pyplot as plt

        if ax is None:
            _, ax = plt.subplots(figsize=(6, 0.45 * len(self.by_group) + 1.2), layout="constrained")
        wer = self.by_group["wer"].sort_values()
        ax.barh([str(g) for g in wer.index], wer.to_numpy(), color="#4C72B0")
        ax.set_xlabel("word error rate (corpus)")
        ax.set_title("Speech recognition errors by group")
        return ax


def recognition_errors(reference: Sequence[str], hypothesis: Sequence[str], groups: ArrayLike) -> RecognitionReport:
    """Word error rate of a speech recogniser for each session and each group, with jiwer.

    Parameters
    ----------
    reference : sequence of str
        What was said (a human transcript). Empty references are refused: WER is undefined.
    hypothesis : sequence of str
        What the recogniser transcribed, in the same order.
    groups : sequence
        The group of each session, e.g. first language.

    Returns
    -------
    RecognitionReport

    Examples
    --------
    >>> report = recognition_errors(["a b c d", "a b c d"], ["a b c d", "a x c"], ["L1", "L2"])
    >>> report.by_group[["wer", "substitutions", "deletions"]]
           wer  substitutions  deletions
    group
    L1     0.0              0          0
    L2     0.5              1          1
    """
    import jiwer

    validation.check_lengths({"reference": reference, "hypothesis": hypothesis, "groups": groups})
    reference, hypothesis = list(reference), list(hypothesis)
    for name, texts in (("reference", reference), ("hypothesis", hypothesis)):
        bad = [i for i, t in enumerate(texts) if not isinstance(t, str)]
        if bad:
            raise ValueError(f"{name} must hold strings; row {bad[0]} is {type(texts[bad[0]]).__name__}")
    empty = [i for i, t in enumerate(reference) if not t.strip()]
    if empty:
        raise ValueError(f"reference row {empty[0]} is empty: WER needs at least one reference word per session")
    group_values = pd.Series(np.asarray(groups, dtype=object))
    if group_values.isna().any():
        raise ValueError(f"groups has {int(group_values.isna().sum())} missing values; give every session a group")
    rows = []
    for ref, hyp in zip(reference, hypothesis):
        out = jiwer.process_words(ref, hyp)
        rows.append((out.hits, out.substitutions, out.deletions, out.insertions))
    counts = np.array(rows, dtype=np.int64).reshape(-1, 4)
    sessions = pd.DataFrame(counts, columns=["hits", "substitutions", "deletions", "insertions"])
    sessions.insert(0, "group", group_values.to_numpy())
    sessions.insert(1, "reference_words", sessions["hits"] + sessions["substitutions"] + sessions["deletions"])
    errors = sessions[["substitutions", "deletions", "insertions"]].sum(axis=1)
    sessions["wer"] = errors / sessions["reference_words"]
    grouped = sessions.groupby("group", sort=True)
    by_group = grouped[["reference_words", "hits", "substitutions", "deletions", "insertions"]].sum()
    by_group.insert(0, "sessions", grouped.size())
    by_group["wer"] = by_group[["substitutions", "deletions", "insertions"]].sum(axis=1) / by_group["reference_words"]
    by_group["mean_session_wer"] = grouped["wer"].mean()
    by_group["wer_ratio"] = by_group["wer"] / by_group["wer"].min()
    return RecognitionReport(sessions=sessions, by_group=by_group)
