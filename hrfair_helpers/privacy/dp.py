"""Differentially private release of selection counts and rates by group, seeded so a class sees the same numbers.

Small-cell suppression (:mod:`.suppression`) blanks small groups; differential privacy instead
adds random noise to every count, calibrated so that the release is almost the same whether or
not any one person is in the data. The price is accuracy, and it is paid mostly by small groups:
noise of a few people is nothing in a group of 5,000 and everything in a group of 8.

- :func:`dp_group_rates`: one release of people and selections per group, with the noisy rate,
  a 95% interval for it and, because this is a teaching tool, the true values beside them.
- :func:`privacy_accuracy_tradeoff`: many releases per epsilon, summarised per group as the mean
  error of the rate and the share of releases where the group vanishes (noisy count 0).

**Accounting.** Neighbouring data sets differ by adding or removing one person. Each person is in
exactly one group (or among the unknowns), so the groups are disjoint and their counts use the
budget in parallel: the release costs epsilon, not epsilon times the number of groups. Within a
group a person changes two counts (people, and selections when selected) by at most 1 each
(sensitivity 1), so each count gets epsilon/2 and their sum is epsilon (sequential composition).
The noisy unknown count, when ``unknown`` is given, also gets epsilon/2 (its people are in no
group). Rates, clamping at 0 and intervals are computed from the noisy counts only
(post-processing, which costs nothing). Changing one person's group or outcome is a removal and an
addition: 2 epsilon. Every further release of the same people adds its epsilon.

Checked libraries: **diffprivlib** (IBM, 0.6.x) provides the mechanisms used here: ``Geometric``
(integer noise, the default) and ``Laplace``. They accept ``random_state``, so the same seed gives
the same release, which the casebook needs (a notebook, its solution and its grader must agree).
OpenDP, the other maintained library, deliberately offers no seed (reproducible noise is a
privacy risk in production), so it cannot be used here. That risk is real: a seeded release can
be recomputed by anyone who knows the seed, and numpy's generator is not cryptographically
secure. A real release uses ``random_state=None`` (diffprivlib then draws from the operating
system's secure generator) and publishes neither the seed nor the true counts. diffprivlib (and
its scikit-learn import) is loaded when a release is made, not when this module is imported.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import render, style, validation

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import Column, Groups, RandomState, UnknownLabels

__all__ = ["DPRelease", "PrivacyTradeoffReport", "dp_group_rates", "privacy_accuracy_tradeoff"]

MECHANISMS = ("geometric", "laplace")


@dataclass
class DPRelease:
    """A differentially private release of counts and rates by group: the result of :func:`dp_group_rates`.

    Attributes
    ----------
    table : DataFrame
        One row per group. With ``include_true``: ``n``, ``selected``, ``selection_rate`` (the
        truth, for teaching). Always: ``noisy_n``, ``noisy_selected`` (clamped at 0),
        ``noisy_rate`` (NaN when the noisy n is 0, clamped to [0, 1]), ``margin`` (each noisy
        count is within this of the true count with probability ``confidence``), ``rate_low``,
        ``rate_high`` (an interval for the rate from the noisy counts alone, covering it with
        probability at least ``confidence``), ``vanished`` (noisy n is 0) and ``outside_0_1``
        (the noisy rate was outside [0, 1] before clamping). With ``include_true`` also
        ``rate_error``, the absolute error of the noisy rate.
    epsilon : float
        The privacy budget of the whole release (epsilon/2 per count).
    random_state : int, numpy Generator or None
        The seed: the same seed gives the same release.
    mechanism : {"geometric", "laplace"}
        The diffprivlib mechanism that drew the noise.
    confidence : float
    include_true : bool
    noisy_unknown : float or None
        The noisy number of people with an unknown group (when ``unknown`` was given).
    notes : list of str
    """

    table: pd.DataFrame
    epsilon: float
    random_state: RandomState
    mechanism: Literal["geometric", "laplace"] = "geometric"
    confidence: float = 0.95
    include_true: bool = True
    noisy_unknown: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def vanished(self) -> list:
        """Labels of the groups whose noisy count of people is 0 (no rate published)."""
        return list(self.table.index[self.table["vanished"]])

    def to_frame(self) -> pd.DataFrame:
        """The per-group table as a new DataFrame."""
        return self.table.copy()

    def _facts(self):
        facts = {
            "epsilon": f"{self.epsilon:g} in total ({self.epsilon / 2:g} for each count)",
            "mechanism": f"diffprivlib {self.mechanism.capitalize()}, sensitivity 1",
            "random_state": _describe(self.random_state),
            "groups vanished": ", ".join(map(render.format_label, self.vanished)) or "none",
        }
        if self.noisy_unknown is not None:
            facts["unknown group (noisy)"] = _number(self.noisy_unknown)
        return facts

    def _repr_html_(self):
        return render.render_html("Differentially private release", self._facts(), self.table, self.notes)

    def __repr__(self):
        return render.render_text("Differentially private release", self._facts(), self.table, self.notes)

    def plot(self, ax: Axes | None = None) -> Axes:
        """Noisy rate per group with its interval, and the true rate when included, on a 0–1 axis.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        """
        import matplotlib.pyplot as plt

        table = self.table
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 0.45 * len(table) + 1.4))
        positions = np.arange(len(table))
        noisy = table["noisy_rate"].to_numpy(dtype=float)
        low, high = table["rate_low"].to_numpy(dtype=float), table["rate_high"].to_numpy(dtype=float)
        shown = ~np.isnan(noisy)
        ax.errorbar(
            noisy[shown],
            positions[shown],
            xerr=[noisy[shown] - low[shown], high[shown] - noisy[shown]],
            fmt="o",
            color=style.PALETTE[0],
            capsize=3,
            label=f"noisy rate, {self.confidence:.0%} interval (epsilon = {self.epsilon:g})",
        )
        if self.include_true:
            ax.plot(
                table["selection_rate"].to_numpy(dtype=float),
                positions,
                "|",
                color="black",
                markersize=14,
                markeredgewidth=2,
                label="true rate",
            )
        for position in positions[~shown]:
            ax.text(0.01, position, "vanished (noisy n = 0)", va="center", fontsize=9, color="0.3")
        ax.set_yticks(positions, [render.format_label(lbl) for lbl in table.index])
        ax.invert_yaxis()
        ax.set_xlim(0, 1)
        ax.set_xlabel("selection rate")
        ax.set_title("Selection rate by group, released with differential privacy")
        ax.legend(loc="lower right", fontsize=8)
        return ax


@dataclass
class PrivacyTradeoffReport:
    """Accuracy of many noisy releases per epsilon: the result of :func:`privacy_accuracy_tradeoff`.

    Attributes
    ----------
    table : DataFrame
        One row per group and epsilon: ``group``, ``epsilon``, ``n``, ``selection_rate``,
        ``mean_abs_error`` (mean absolute error of the noisy rate over the draws where the group
        did not vanish; NaN if it always vanished), ``vanished_share`` (share of draws where the
        noisy n was 0) and ``outside_share`` (share where the noisy rate fell outside [0, 1]
        before clamping).
    epsilons : tuple of float
    n_draws : int
    random_state : int, numpy Generator or None
    mechanism : {"geometric", "laplace"}
    notes : list of str
    """

    table: pd.DataFrame
    epsilons: tuple[float, ...]
    n_draws: int
    random_state: RandomState
    mechanism: Literal["geometric", "laplace"] = "geometric"
    notes: list[str] = field(default_factory=list)

    def to_frame(self) -> pd.DataFrame:
        """The table as a new DataFrame."""
        return self.table.copy()

    def pivot(self, value: str = "mean_abs_error") -> pd.DataFrame:
        """One column of the table as a group × epsilon grid (e.g. ``"vanished_share"``)."""
        if value not in self.table.columns or value in ("group", "epsilon"):
            raise ValueError(f"value must be a column of the table such as 'mean_abs_error', got {value!r}")
        return self.table.pivot(index="group", columns="epsilon", values=value).loc[self.table["group"].unique()]

    def _facts(self):
        return {
            "epsilons": ", ".join(f"{e:g}" for e in self.epsilons),
            "draws per epsilon": self.n_draws,
            "mechanism": f"diffprivlib {self.mechanism.capitalize()}",
            "random_state": _describe(self.random_state),
        }

    def _repr_html_(self):
        return render.render_html("Privacy–accuracy trade-off", self._facts(), self.table, self.notes)

    def __repr__(self):
        return render.render_text("Privacy–accuracy trade-off", self._facts(), self.table, self.notes)

    def plot(
        self, ax: Axes | None = None, kind: Literal["mean_abs_error", "vanished_share"] = "mean_abs_error"
    ) -> Axes:
        """One line per group across epsilon (log axis), the error or vanished share on a 0–1 axis.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        kind : {"mean_abs_error", "vanished_share"}
        """
        import matplotlib.pyplot as plt

        if kind not in ("mean_abs_error", "vanished_share"):
            raise ValueError(f"kind must be 'mean_abs_error' or 'vanished_share', got {kind!r}")
        if ax is None:
            _, ax = plt.subplots(figsize=(6, 4))
        grid = self.pivot(kind)
        sizes = self.table.drop_duplicates("group").set_index("group")["n"]
        for i, (group, row) in enumerate(grid.iterrows()):
            ax.plot(
                row.index,
                row.to_numpy(dtype=float),
                "o-",
                color=style.group_color(i),
                label=f"{group} (n = {sizes[group]})",
            )
        ax.set_xscale("log")
        ax.set_ylim(0, 1)
        ax.set_xlabel("epsilon (privacy budget; smaller = more private)")
        ax.set_ylabel(kind.replace("_", " "))
        what = (
            "Error of the noisy selection rate"
            if kind == "mean_abs_error"
            else "Share of releases where the group vanishes"
        )
        ax.set_title(f"{what}, {self.n_draws} draws per epsilon")
        ax.legend(fontsize=8)
        return ax


def dp_group_rates(
    selected: Column,
    groups: Groups,
    *,
    epsilon: float,
    random_state: RandomState,
    data: pd.DataFrame | None = None,
    unknown: UnknownLabels = None,
    categories: Sequence | None = None,
    mechanism: Literal["geometric", "laplace"] = "geometric",
    include_true: bool = True,
    confidence: float = 0.95,
) -> DPRelease:
    """Release people, selections and selection rates by group with epsilon-differential privacy.

    Parameters
    ----------
    selected : array-like of 0/1 or bool, or column name
    groups : Series, array, DataFrame, dict or list of columns, or column name(s)
        As in :func:`hrfair_helpers.audit.adverse_impact`; several columns give intersections.
    epsilon : float
        The privacy budget of the whole release, > 0 (smaller is more private and noisier).
        Each group's two counts get epsilon/2 each; see the module docstring for the accounting.
    random_state : int, numpy Generator or None
        Required, so that a release is reproducible on purpose: the same seed gives the same
        table. None draws from the operating system's secure generator (not reproducible: for a
        real release).
    data : DataFrame, optional
        When given, ``selected`` and ``groups`` may be column names of it.
    unknown : str or list of str, optional
        Labels meaning "unknown group"; those people are left out of the groups and their noisy
        number is released as ``noisy_unknown``.
    categories : sequence, optional
        The public list of groups (tuples for intersections). Groups in it with nobody in the
        data are released too (with noise, so an empty group is not revealed as empty); a group
        in the data but not in it is an error. By default the groups are the labels found in the
        data, and a label seen only because one person has it gives that person away.
    mechanism : {"geometric", "laplace"}, default "geometric"
        diffprivlib's ``Geometric`` (whole-number noise, natural for counts) or ``Laplace``.
    include_true : bool, default True
        Show the true counts, rate and error beside the noisy ones (teaching only: a real
        release publishes only the noisy columns).
    confidence : float, default 0.95
        Coverage of ``margin`` and of the interval ``rate_low``–``rate_high``.

    Returns
    -------
    DPRelease

    Raises
    ------
    ValueError
        On an epsilon that is not a finite number > 0, an unknown mechanism, a bad
        ``random_state`` or ``confidence``, and the input errors of ``count_groups``.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["F"] * 60 + ["M"] * 40 + ["X"] * 5,
    ...                    "hired": [1] * 18 + [0] * 42 + [1] * 20 + [0] * 20 + [1, 0, 0, 0, 0]})
    >>> rel = dp_group_rates("hired", "sex", data=df, epsilon=1.0, random_state=7)
    >>> rel.table[["n", "noisy_n", "selection_rate", "noisy_rate"]].round(3)
          n  noisy_n  selection_rate  noisy_rate
    sex
    F    60       60             0.3       0.333
    M    40       41             0.5       0.488
    X     5        1             0.2       1.000

    The group of five is drowned by the noise; the same seed gives the same table:

    >>> dp_group_rates("hired", "sex", data=df, epsilon=1.0, random_state=7).table.equals(rel.table)
    True
    """
    epsilon = _check_epsilon(epsilon)
    _check_mechanism(mechanism)
    confidence = validation.check_fraction(confidence, "confidence", strict=True)
    if not isinstance(include_true, (bool, np.bool_)):
        raise ValueError(f"include_true must be True or False, got {include_true!r}")
    validation.check_random_state(random_state)
    labels, n, chosen, unknown_count = _counts(selected, groups, data, unknown, categories)

    make = _factory(mechanism, epsilon / 2, _rng(random_state))
    noise = make()
    raw_n = np.array([noise.randomise(_as_value(v, mechanism)) for v in n], dtype=float)
    raw_s = np.array([noise.randomise(_as_value(v, mechanism)) for v in chosen], dtype=float)
    noisy_unknown = None if unknown is None else max(0.0, float(noise.randomise(_as_value(unknown_count, mechanism))))

    noisy_n, noisy_s = np.maximum(raw_n, 0), np.maximum(raw_s, 0)
    vanished = noisy_n == 0
    with np.errstate(divide="ignore", invalid="ignore"):
        raw_rate = np.where(vanished, np.nan, raw_s / np.where(vanished, 1, raw_n))
    outside = ~vanished & ((raw_rate < 0) | (raw_rate > 1))
    rate = np.clip(raw_rate, 0, 1)
    margin = _margin(epsilon / 2, confidence, mechanism)
    # Both counts within their margin at 1 - (1 - confidence) / 2 each: the interval covers with >= confidence.
    half = _margin(epsilon / 2, 1 - (1 - confidence) / 2, mechanism)
    low = np.maximum(raw_s - half, 0) / np.maximum(raw_n + half, 1)
    high = np.minimum(1.0, (raw_s + half) / np.maximum(raw_n - half, 1))
    low, high = np.minimum(low, 1.0), np.maximum(high, 0.0)

    columns = {}
    integer = mechanism == "geometric"
    if include_true:
        with np.errstate(divide="ignore", invalid="ignore"):
            columns.update(n=n, selected=chosen, selection_rate=np.where(n > 0, chosen / np.maximum(n, 1), np.nan))
    columns.update(
        noisy_n=noisy_n.astype(np.int64) if integer else noisy_n,
        noisy_selected=noisy_s.astype(np.int64) if integer else noisy_s,
        noisy_rate=rate,
    )
    if include_true:
        columns["rate_error"] = np.abs(rate - columns["selection_rate"])
    columns.update(margin=margin, rate_low=low, rate_high=high, vanished=vanished, outside_0_1=outside)
    table = pd.DataFrame(columns, index=labels)
    notes = _release_notes(table, epsilon, mechanism, margin, confidence, include_true, random_state, categories)
    return DPRelease(
        table=table,
        epsilon=epsilon,
        random_state=random_state,
        mechanism=mechanism,
        confidence=confidence,
        include_true=bool(include_true),
        noisy_unknown=noisy_unknown,
        notes=notes,
    )


def privacy_accuracy_tradeoff(
    selected: Column,
    groups: Groups,
    *,
    epsilons: Sequence[float] = (0.1, 0.5, 1, 2, 5),
    n_draws: int = 200,
    random_state: RandomState = 0,
    data: pd.DataFrame | None = None,
    unknown: UnknownLabels = None,
    categories: Sequence | None = None,
    mechanism: Literal["geometric", "laplace"] = "geometric",
) -> PrivacyTradeoffReport:
    """The privacy–accuracy trade-off in numbers: per group and epsilon, the error of many noisy releases.

    Each draw is a release as :func:`dp_group_rates` makes it (epsilon/2 per count). The draws
    are a simulation for teaching: publishing them all would spend ``n_draws`` times the budget.

    Parameters
    ----------
    selected, groups, data, unknown, categories, mechanism
        As in :func:`dp_group_rates`.
    epsilons : sequence of float, default (0.1, 0.5, 1, 2, 5)
    n_draws : int, default 200
        Releases simulated per epsilon.
    random_state : int, numpy Generator or None, default 0
        The same seed gives the same table.

    Returns
    -------
    PrivacyTradeoffReport

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["F"] * 500 + ["X"] * 4, "hired": [1, 0] * 250 + [1, 0, 0, 0]})
    >>> rep = privacy_accuracy_tradeoff("hired", "sex", data=df, epsilons=(0.5, 5), n_draws=100)
    >>> rep.pivot("mean_abs_error").round(2)
    epsilon   0.5   5.0
    group
    F        0.01  0.00
    X        0.39  0.07
    """
    values = np.atleast_1d(np.asarray(epsilons, dtype=object))
    if values.ndim != 1 or values.size == 0:
        raise ValueError(f"epsilons must be a non-empty list of numbers > 0, got {epsilons!r}")
    eps = tuple(_check_epsilon(e) for e in values)
    n_draws = validation.check_whole_number(n_draws, "n_draws", 1, hint=" (e.g. 200 simulated releases)")
    _check_mechanism(mechanism)
    validation.check_random_state(random_state)
    labels, n, chosen, _ = _counts(selected, groups, data, unknown, categories)
    base = _rng(random_state)
    rate = np.where(n > 0, chosen / np.maximum(n, 1), np.nan)
    rows = []
    for epsilon in eps:
        noise = _factory(mechanism, epsilon / 2, _epsilon_rng(base, epsilon))()
        raw_n = np.array([[noise.randomise(_as_value(v, mechanism)) for v in n] for _ in range(n_draws)], dtype=float)
        raw_s = np.array(
            [[noise.randomise(_as_value(v, mechanism)) for v in chosen] for _ in range(n_draws)], dtype=float
        )
        vanished = raw_n <= 0  # as in a release: the noisy n clamped at 0 is 0
        with np.errstate(divide="ignore", invalid="ignore"):
            raw_rate = np.where(vanished, np.nan, raw_s / np.where(vanished, 1, raw_n))
        error = np.abs(np.clip(raw_rate, 0, 1) - rate)
        kept = (~vanished).sum(axis=0)
        with np.errstate(invalid="ignore"):
            mean_error = np.where(kept > 0, np.nansum(error, axis=0) / np.maximum(kept, 1), np.nan)
        for i, label in enumerate(labels):
            rows.append(
                {
                    "group": render.format_label(label),
                    "epsilon": epsilon,
                    "n": int(n[i]),
                    "selection_rate": rate[i],
                    "mean_abs_error": mean_error[i],
                    "vanished_share": vanished[:, i].mean(),
                    "outside_share": ((raw_rate[:, i] < 0) | (raw_rate[:, i] > 1)).mean(),
                }
            )
    table = pd.DataFrame(rows)
    notes = _tradeoff_notes(table, eps, n_draws)
    return PrivacyTradeoffReport(
        table=table, epsilons=eps, n_draws=n_draws, random_state=random_state, mechanism=mechanism, notes=notes
    )


# --------------------------------------------------------------------------------------------- #


def _check_epsilon(epsilon):
    if isinstance(epsilon, (bool, np.bool_)) or not isinstance(epsilon, numbers.Real):
        raise ValueError(f"epsilon must be a number > 0 (e.g. 1.0), got {epsilon!r}")
    value = float(epsilon)
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"epsilon must be a finite number > 0 (e.g. 1.0; smaller is more private), got {epsilon!r}")
    return value


def _check_mechanism(mechanism):
    if mechanism not in MECHANISMS:
        raise ValueError(f"mechanism must be 'geometric' (whole-number noise) or 'laplace', got {mechanism!r}")


def _rng(random_state):
    """One numpy RandomState for all the draws of a release (diffprivlib takes RandomState, not Generator).

    Shared, not one seed per mechanism: mechanisms seeded alike would add the same noise to every count.
    """
    if random_state is None:
        return None  # diffprivlib then uses secrets.SystemRandom, the secure generator
    if isinstance(random_state, np.random.Generator):
        return np.random.RandomState(int(random_state.integers(2**32)))
    return np.random.RandomState(int(random_state))


def _epsilon_rng(base, epsilon):
    """A stream of its own for each epsilon, from the release's generator and the epsilon's bits.

    So the simulated releases at one epsilon do not depend on which other epsilons are in the list:
    ``epsilons=(1,)`` and ``epsilons=(0.5, 1, 2)`` give the same numbers at epsilon 1.
    """
    if base is None:
        return None
    seed = base.get_state()[1][:4].tolist()  # the base generator's state, not advanced
    bits = np.frombuffer(np.float64(epsilon).tobytes(), dtype=np.uint32).tolist()
    return np.random.RandomState(np.random.SeedSequence([*seed, *bits]).generate_state(4))


def _factory(mechanism, epsilon, rng):
    """A function making the diffprivlib mechanism for one count (sensitivity 1)."""
    from diffprivlib.mechanisms import Geometric, Laplace

    if mechanism == "geometric":
        return lambda: Geometric(epsilon=epsilon, sensitivity=1, random_state=rng)
    return lambda: Laplace(epsilon=epsilon, sensitivity=1, random_state=rng)


def _as_value(value, mechanism):
    # Geometric insists on a Python int; Laplace takes a float.
    return int(value) if mechanism == "geometric" else float(value)


def _variance(epsilon, mechanism):
    """Variance of the noise on one count at ``epsilon`` (sensitivity 1)."""
    if mechanism == "geometric":
        alpha = math.exp(-epsilon)  # two-sided geometric: P(k) proportional to alpha ** |k|
        return 2 * alpha / (1 - alpha) ** 2
    return 2 / epsilon**2  # Laplace with scale 1 / epsilon


def _margin(epsilon, confidence, mechanism):
    """The smallest m with P(|noise| <= m) >= confidence for one count at ``epsilon``."""
    if mechanism == "laplace":
        return math.log(1 / (1 - confidence)) / epsilon  # P(|Z| > t) = exp(-t * epsilon)
    alpha = math.exp(-epsilon)
    tail = lambda k: 2 * alpha ** (k + 1) / (1 + alpha)  # noqa: E731  P(|Z| > k) for the two-sided geometric
    k = max(0, math.ceil(math.log((1 - confidence) * (1 + alpha) / 2) / math.log(alpha)) - 1)
    while k > 0 and tail(k - 1) <= 1 - confidence:  # guard the float rounding of the closed form
        k -= 1
    while tail(k) > 1 - confidence:
        k += 1
    return k


def _counts(selected, groups, data, unknown, categories):
    from ..audit import count_groups

    counts = count_groups(selected, groups, data=data, unknown=unknown)
    labels, n, chosen = counts.labels, counts.n, counts.selected
    if categories is not None:
        public = list(categories)
        if not public:
            raise ValueError("categories must list the public groups, e.g. categories=['Female', 'Male']")
        index = (
            pd.MultiIndex.from_tuples(public, names=labels.names)
            if isinstance(labels, pd.MultiIndex)
            else pd.Index(public, name=labels.name)
        )
        if not index.is_unique:
            raise ValueError("categories repeat a group; list each public group once")
        extra = [lbl for lbl in labels if lbl not in index]
        if extra:
            raise ValueError(
                f"groups {extra[:5]} are in the data but not in categories; add them to the public "
                f"list (or map them to a listed group) before the release"
            )
        position = index.get_indexer(labels)
        n_all, chosen_all = np.zeros(len(index), np.int64), np.zeros(len(index), np.int64)
        n_all[position], chosen_all[position] = n, chosen
        labels, n, chosen = index, n_all, chosen_all
    return labels, n, chosen, counts.unknown_count


def _release_notes(table, epsilon, mechanism, margin, confidence, include_true, random_state, categories):
    notes = [
        f"epsilon = {epsilon:g} for the whole release: the groups are disjoint (parallel composition) and each "
        f"group's two counts get {epsilon / 2:g} each (sensitivity 1: adding or removing one person changes each by "
        f"at most 1)",
        f"each noisy count is within {_number(margin)} of the true count with probability {confidence:.0%}; the "
        f"rate interval uses only the noisy counts, so it can be published",
    ]
    vanished = [render.format_label(g) for g in table.index[table["vanished"]]]
    if vanished:
        notes.append(
            f"{', '.join(vanished)}: the noisy count of people is 0, so no rate is published (the group "
            f"vanishes); small groups drown in noise: pool them or spend more epsilon"
        )
    outside = [render.format_label(g) for g in table.index[table["outside_0_1"]]]
    if outside:
        notes.append(
            f"{', '.join(outside)}: noisy selections exceed the noisy count of people, a rate above 1 "
            f"before clamping; the published rate is clamped to [0, 1]"
        )
    if include_true:
        notes.append(
            "the true counts, rate and error are shown because this is a teaching tool: a real release "
            "publishes only the noisy columns (include_true=False)"
        )
    if random_state is not None:
        notes.append(
            f"seeded ({_describe(random_state)}): the same seed gives the same numbers, and anyone who knows "
            f"the seed can subtract the noise; a real release uses random_state=None and keeps no seed"
        )
    if categories is None:
        notes.append(
            "the groups are the labels found in the data: a label present only because one person has it "
            "reveals that person; pass categories= with the public list of groups"
        )
    return notes


def _tradeoff_notes(table, epsilons, n_draws):
    smallest = table.loc[table["n"].idxmin(), "group"]
    largest = table.loc[table["n"].idxmax(), "group"]
    low = min(epsilons)
    at_low = table[table["epsilon"] == low].set_index("group")
    notes = [
        f"at epsilon = {low:g}, the smallest group ({smallest}, n = {at_low.loc[smallest, 'n']}) has a mean error of "
        f"{at_low.loc[smallest, 'mean_abs_error']:.3f} in its rate and vanishes in "
        f"{at_low.loc[smallest, 'vanished_share']:.0%} of releases; the largest ({largest}, n = "
        f"{at_low.loc[largest, 'n']}) errs by {at_low.loc[largest, 'mean_abs_error']:.3f}",
        "the noise does not depend on the group's size, so its share of a small group's count is large: privacy "
        "costs small groups the most accuracy",
        f"{n_draws} simulated releases per epsilon, for teaching: a published release is one draw, and each further "
        f"release of the same people spends its epsilon again",
        "mean_abs_error is over the releases where the group did not vanish",
    ]
    return notes


def _describe(random_state):
    if random_state is None:
        return "None (secure, not reproducible)"
    if isinstance(random_state, np.random.Generator):
        return "a numpy Generator"
    return str(random_state)


def _number(value):
    return f"{value:.3g}" if isinstance(value, float) else str(value)
