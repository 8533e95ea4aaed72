"""An Aequitas-style audit summary: group metrics, disparities against a reference, pass/fail.

Checked library: aequitas 1.1.0 (github.com/dssg/aequitas). Its classic API
(``aequitas.group.Group().get_crosstabs``, ``aequitas.bias.Bias().get_disparity_*`` and
``aequitas.fairness.Fairness().get_group_value_fairness``) works here with pandas 2.3 and
numpy 2 and is available as ``backend="aequitas"``. It is not the default because importing it
pulls in altair, jsonschema and seaborn (4 to 18 seconds measured here) and it wants string-typed
attribute columns. The default backend counts the four confusion cells per group in one ``bincount`` pass,
as :func:`~hrfair_helpers.audit.group_metrics` does, and reports Aequitas' metric and column
names; the tests check that both backends give the same numbers on UCI Adult.
"""

from __future__ import annotations

import html
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._utils import deprecation, grouping, render, style, validation
from . import _stats
from .counts import CELLS, GroupCounts

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .._utils.typing import Column, Groups, Reference, UnknownLabels

# Aequitas' names, in the order of its Bias.all_group_metrics.
METRICS = ("pprev", "ppr", "precision", "fdr", "for", "fpr", "fnr", "tpr", "tnr", "npv")
METRIC_DESCRIPTIONS = {
    "pprev": "selection rate: predicted positives / group size",
    "ppr": "share of all predicted positives that fall in the group",
    "precision": "TP / predicted positives",
    "fdr": "false discovery rate: FP / predicted positives",
    "for": "false omission rate: FN / predicted negatives",
    "fpr": "false positive rate: FP / actual negatives",
    "fnr": "false negative rate: FN / actual positives",
    "tpr": "true positive rate (recall): TP / actual positives",
    "tnr": "true negative rate: TN / actual negatives",
    "npv": "negative predictive value: TN / predicted negatives",
}
# Each metric as numerator / denominator of counts, so pass/fail can be decided exactly.
_FRACTIONS = {
    "pprev": ("pp", "n"),
    "ppr": ("pp", "k"),
    "precision": ("tp", "pp"),
    "fdr": ("fp", "pp"),
    "for": ("fn", "pn"),
    "fpr": ("fp", "neg"),
    "fnr": ("fn", "pos"),
    "tpr": ("tp", "pos"),
    "tnr": ("tn", "neg"),
    "npv": ("tn", "pn"),
}
# Aequitas' Fairness column for each metric's parity.
AEQUITAS_PARITY = {
    "pprev": "Impact Parity",
    "ppr": "Statistical Parity",
    "precision": "Precision Parity",
    "fdr": "FDR Parity",
    "for": "FOR Parity",
    "fpr": "FPR Parity",
    "fnr": "FNR Parity",
    "tpr": "TPR Parity",
    "tnr": "TNR Parity",
    "npv": "NPV Parity",
}
COUNTS = ["n", "pp", "tp", "fp", "fn", "tn"]
BACKENDS = ("hrfair", "aequitas")
_RULES = ("highest", "largest")


@dataclass
class DisparityReport:
    """Result of :func:`disparity_report`.

    Attributes
    ----------
    table : DataFrame
        One row per (attribute, group). Columns: the counts ``n, pp, tp, fp, fn, tn``,
        ``reference`` (True for the attribute's reference group), the metrics ``pprev, ppr,
        precision, fdr, for, fpr, fnr, tpr, tnr, npv``, ``<metric>_disparity`` (group /
        reference) and ``<metric>_pass`` (nullable boolean; NA when the disparity is undefined).
    references : dict
        Reference group of each attribute.
    min_impact_ratio : float
        A disparity passes when it lies in ``[min_impact_ratio, 1 / min_impact_ratio]``.
    backend : str
        ``"hrfair"`` or ``"aequitas"``.
    unknown_counts : dict
        Rows with an unknown group, per attribute.
    notes : list of str
    """

    table: pd.DataFrame
    references: dict[str, Hashable]
    min_impact_ratio: float = 0.8
    backend: str = "hrfair"
    unknown_counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    tolerance = deprecation.renamed_attribute("tolerance", "min_impact_ratio")

    def to_frame(self) -> pd.DataFrame:
        """The per-group table as a new DataFrame."""
        return self.table.copy()

    @property
    def summary(self) -> pd.DataFrame:
        """Pass/fail per attribute × metric (nullable boolean).

        An attribute fails a metric when any of its groups fails; it passes when every group with
        a defined disparity passes; NA when no group's disparity is defined (Aequitas'
        ``get_group_attribute_fairness`` rule).
        """
        rows = {}
        for attribute, part in self.table.groupby(level=0, sort=False):
            row = {}
            for metric in METRICS:
                passed = part[f"{metric}_pass"]
                if passed.isna().all():
                    row[metric] = pd.NA
                else:
                    row[metric] = bool(passed.dropna().all())
            rows[attribute] = row
        summary = pd.DataFrame.from_dict(rows, orient="index")[list(METRICS)].astype("boolean")
        summary.index.name = "attribute"
        return summary

    @property
    def failed(self) -> list[tuple[str, str]]:
        """(attribute, metric) pairs that fail."""
        s = self.summary.fillna(True)  # undefined is not a failure
        return [(a, m) for a in s.index for m in s.columns if not s.loc[a, m]]

    def _facts(self):
        return {
            "tolerance": f"a disparity passes within [{self.min_impact_ratio:g}, {1 / self.min_impact_ratio:.4g}]",
            "reference groups": ", ".join(f"{a}: {render.format_label(g)}" for a, g in self.references.items()),
            "backend": self.backend,
            "attributes audited": "side by side, not intersected",
        }

    def _disparity_frame(self):
        columns = [f"{m}_disparity" for m in METRICS]
        frame = self.table[columns].copy()
        frame.columns = list(METRICS)
        return frame

    def _repr_html_(self):
        parts = ["<div class='hrfair-report'><strong>Disparity audit (Aequitas-style)</strong><ul>"]
        parts.extend(f"<li>{html.escape(k)}: {html.escape(str(v))}</li>" for k, v in self._facts().items())
        parts.append("</ul><p><em>Pass/fail by attribute</em></p>")
        summary = self.summary
        cells = {(a, m): summary.loc[a, m] for a in summary.index for m in summary.columns}
        text = {k: ("–" if v is pd.NA else "pass" if v else "fail") for k, v in cells.items()}
        parts.append(_colored_table(summary.index, summary.columns, text, cells, "attribute"))
        parts.append("<p><em>Disparity (group / reference) by group</em></p>")
        disparity = self._disparity_frame()
        keys = [(a, render.format_label(g)) for a, g in disparity.index]
        text = {}
        status = {}
        for (a, g), key in zip(disparity.index, keys):
            for m in METRICS:
                value = disparity.loc[(a, g), m]
                text[(key, m)] = "–" if pd.isna(value) else f"{value:.3f}"
                status[(key, m)] = self.table.loc[(a, g), f"{m}_pass"]
        parts.append(_colored_table(keys, METRICS, text, status, "attribute, group"))
        if self.notes:
            parts.append("<p><em>Notes</em></p><ul>")
            parts.extend(f"<li>{html.escape(n)}</li>" for n in self.notes)
            parts.append("</ul>")
        parts.append("</div>")
        return "".join(parts)

    def __repr__(self):
        summary = self.summary.astype(object).where(self.summary.notna(), "–")
        summary = summary.replace({True: "pass", False: "fail"})
        return "\n\n".join(
            [
                render.render_text("Disparity audit (Aequitas-style)", self._facts(), summary, []),
                render.render_text("Disparity (group / reference)", {}, self._disparity_frame(), self.notes),
            ]
        )

    def plot(
        self, metrics: Sequence[str] = METRICS, axes: Axes | Sequence[Axes] | np.ndarray | None = None
    ) -> np.ndarray:
        """Disparity of each group per metric, on a log axis, with the tolerance band shaded.

        One panel per attribute, one marker per group other than the reference (which is 1 by
        definition). Disparities outside the axis (including 0 and infinity) are drawn at its edge
        as open markers; undefined ones are left out.

        Parameters
        ----------
        metrics : sequence of str
            Which of ``METRICS`` to show, top to bottom.
        axes : sequence of matplotlib Axes, optional
            One per attribute.

        Returns
        -------
        ndarray of matplotlib Axes
        """
        import matplotlib.pyplot as plt

        metrics = list(metrics)
        unknown = [m for m in metrics if m not in METRICS]
        if unknown or not metrics:
            raise ValueError(f"metrics must be a non-empty subset of {list(METRICS)}; unknown: {unknown}")
        attributes = list(self.references)
        if axes is None:
            _, axes = plt.subplots(
                1, len(attributes), figsize=(4.5 * len(attributes), 0.4 * len(metrics) + 1.6), squeeze=False
            )
        axes = np.ravel(np.asarray(axes, dtype=object))
        if axes.size != len(attributes):
            raise ValueError(f"pass one Axes per attribute ({len(attributes)}), got {axes.size}")
        low = min(0.1, self.min_impact_ratio / 2)
        high = 1 / low
        positions = np.arange(len(metrics))
        for ax, attribute in zip(axes, attributes):
            part = self.table.loc[attribute]
            others = part.index[~part["reference"].to_numpy()]  # the reference is 1 by definition
            ax.axvspan(
                self.min_impact_ratio,
                1 / self.min_impact_ratio,
                color=style.BAND_COLOR,
                alpha=0.12,
                label=f"tolerance [{self.min_impact_ratio:g}, {1 / self.min_impact_ratio:.3g}]",
            )
            ax.axvline(1.0, color="0.4", linewidth=0.8)
            # Groups are offset vertically so equal disparities do not hide each other.
            offsets = np.linspace(-0.25, 0.25, len(others)) if len(others) > 1 else [0.0]
            for i, (group, offset) in enumerate(zip(others, offsets)):
                values = part.loc[group, [f"{m}_disparity" for m in metrics]].to_numpy(dtype=float)
                defined = ~np.isnan(values)
                clipped = np.clip(values, low, high)
                inside = defined & (values == clipped)
                y = positions + offset
                color = style.group_color(i)
                ax.scatter(clipped[inside], y[inside], color=color, zorder=3, label=render.format_label(group))
                ax.scatter(
                    clipped[defined & ~inside], y[defined & ~inside], facecolors="none", edgecolors=color, zorder=3
                )
            ax.set_xscale("log")
            ax.set_xlim(low, high)
            ax.set_yticks(positions, metrics)
            ax.invert_yaxis()
            ax.set_xlabel(f"disparity vs {render.format_label(self.references[attribute])} (log scale)")
            ax.set_title(str(attribute))
            ax.legend(
                loc="upper center",
                bbox_to_anchor=(0.5, -0.12 - 0.6 / len(metrics)),
                ncol=2,
                fontsize="small",
                frameon=False,
            )
        return axes


def _colored_table(rows, columns, text, status, corner):
    """A plain HTML table whose cells are green (pass), red (fail) or uncoloured (undefined)."""
    # Aequitas' metric names are terse ("for", "pprev"): each header carries its definition as a tooltip.
    head = "".join(
        f"<th title='{html.escape(METRIC_DESCRIPTIONS[c])}'>{html.escape(str(c))}</th>"
        if c in METRIC_DESCRIPTIONS
        else f"<th>{html.escape(str(c))}</th>"
        for c in columns
    )
    out = [f"<table border='0'><thead><tr><th>{html.escape(corner)}</th>{head}</tr></thead><tbody>"]
    for r in rows:
        label = " · ".join(map(str, r)) if isinstance(r, tuple) else str(r)
        cells = []
        for c in columns:
            s = status[(r, c)]
            color = "" if s is pd.NA or s is None else style.PASS_COLOR if s else style.FAIL_COLOR
            attr = f" style='background-color:{color}'" if color else ""
            cells.append(f"<td{attr}>{html.escape(text[(r, c)])}</td>")
        out.append(f"<tr><th>{html.escape(label)}</th>{''.join(cells)}</tr>")
    out.append("</tbody></table>")
    return "".join(out)


# --------------------------------------------------------------------------- #
# the computation


def _counts(truth, pred, encoded):
    """Aequitas' count columns per group, from the audit's one set of counts."""
    counts = GroupCounts.from_encoded(encoded, pred, truth)
    tn, fp, fn, tp = (counts.cell(name) for name in CELLS)
    return {
        "tn": tn,
        "fp": fp,
        "fn": fn,
        "tp": tp,
        "n": counts.n,
        "pp": counts.selected,
        "pn": counts.n - counts.selected,
        "pos": tp + fn,
        "neg": tn + fp,
    }


def _reference_position(rule, attribute, labels, counts):
    """Position of the reference group of one attribute."""
    if isinstance(rule, str) and rule == "largest":
        return int(np.argmax(counts["n"]))
    rates = counts["pp"] / counts["n"]
    try:
        return grouping.find_reference(rule, labels, rates)
    except ValueError:
        shown = [str(v) for v in labels[:20]]
        raise ValueError(
            f"reference {rule!r} is not a group of {attribute!r}; use 'highest', 'largest' or one of {shown}"
        ) from None


def _rules(reference, attributes):
    """One reference rule (``"highest"``, ``"largest"`` or a label) per attribute."""
    if isinstance(reference, dict):
        unknown = [k for k in reference if k not in attributes]
        if unknown:
            raise ValueError(f"reference names attribute(s) {unknown}; the attributes are {attributes}")
        return {a: reference.get(a, "highest") for a in attributes}
    if isinstance(reference, str) and reference in _RULES:
        return dict.fromkeys(attributes, reference)
    if len(attributes) > 1:
        raise ValueError(
            f"with several attributes {attributes}, name each reference group in a dict, e.g. "
            f"reference={{'{attributes[0]}': ..., '{attributes[1]}': ...}}, or use 'highest' / 'largest'"
        )
    return {attributes[0]: reference}


def _exact_pass(num_g, den_g, num_r, den_r, tol):
    """tol <= (num_g/den_g) / (num_r/den_r) <= 1/tol in integer arithmetic; None when undefined."""
    if den_g == 0 or den_r == 0 or (num_r == 0 and num_g == 0):
        return None  # a rate with no denominator, or 0 / 0
    left, right = num_g * den_r, den_g * num_r  # disparity = left / right
    p, q = tol.numerator, tol.denominator
    return left * q >= p * right and left * p <= q * right


def _hrfair(truth, pred, frame, rules, tol, unknown):
    tables, references, unknowns, notes = [], {}, {}, []
    k = int(pred.sum())  # Aequitas' ppr denominator: every predicted positive, known group or not
    for attribute in frame.columns:
        encoded = grouping.encode_groups(frame[[attribute]], unknown=unknown)
        c = _counts(truth, pred, encoded)
        c["k"] = np.full(len(encoded.labels), k, dtype=np.int64)
        ref = _reference_position(rules[attribute], attribute, encoded.labels, c)
        references[attribute] = encoded.labels[ref]
        unknowns[attribute] = encoded.unknown_count
        table = pd.DataFrame({name: c[name] for name in COUNTS}, index=encoded.labels)
        table["reference"] = np.arange(len(table)) == ref
        with np.errstate(divide="ignore", invalid="ignore"):
            for metric, (num, den) in _FRACTIONS.items():
                table[metric] = c[num] / np.where(c[den] > 0, c[den], np.nan)
            for metric in METRICS:
                # x / 0 is infinite (a clear fail); 0 / 0 and undefined rates stay NaN.
                table[f"{metric}_disparity"] = table[metric] / table[metric].iloc[ref]
        for metric, (num, den) in _FRACTIONS.items():
            n_r, d_r = int(c[num][ref]), int(c[den][ref])
            passed = [_exact_pass(int(a), int(b), n_r, d_r, tol) for a, b in zip(c[num], c[den])]
            table[f"{metric}_pass"] = pd.array(passed, dtype="boolean")
        tables.append(table)
        notes.extend(_notes(attribute, table))
    return tables, references, unknowns, notes


def _aequitas(truth, pred, frame, rules, tol, unknown):
    """The same table from aequitas' classic Group / Bias / Fairness API."""
    from aequitas.bias import Bias
    from aequitas.fairness import Fairness
    from aequitas.group import Group

    columns = {"score": pred.astype(int), "label_value": truth.astype(int)}
    names, lookups, orders, unknowns = {}, {}, {}, {}
    for i, attribute in enumerate(frame.columns):
        # Aequitas needs string attribute columns; internal names avoid clashes with "score" etc.
        encoded = grouping.encode_groups(frame[[attribute]], unknown=unknown)
        text = [str(v) for v in encoded.labels]
        if len(set(text)) != len(text):
            raise ValueError(
                f"groups of {attribute!r} are not distinct as text ({text}); relabel them for backend='aequitas'"
            )
        values = np.full(len(frame), None, dtype=object)
        values[encoded.known] = np.asarray(text, dtype=object)[encoded.codes]
        name = f"attr_{i}"
        columns[name], names[name] = values, attribute
        lookups[attribute] = dict(zip(text, encoded.labels))
        orders[attribute] = text  # our group order, so ties pick the same reference as hrfair
        unknowns[attribute] = encoded.unknown_count
    df = pd.DataFrame(columns)
    crosstab, _ = Group().get_crosstabs(df, attr_cols=list(names))

    ref_groups = {}
    for name, attribute in names.items():
        part = crosstab[crosstab["attribute_name"] == name].set_index("attribute_value")
        part = part.loc[orders[attribute]]
        labels = pd.Index([lookups[attribute][v] for v in part.index])
        counts = {"n": part["group_size"].to_numpy(), "pp": part["pp"].to_numpy()}
        ref = _reference_position(rules[attribute], attribute, labels, counts)
        ref_groups[name] = part.index[ref]
    # fill_divbyzero=inf keeps x / 0 infinite instead of Aequitas' default cap of 10.
    bias = Bias().get_disparity_predefined_groups(
        crosstab, original_df=df, ref_groups_dict=ref_groups, fill_divbyzero=np.inf
    )
    fair = Fairness().get_group_value_fairness(bias, tau=float(tol))

    tables, references, notes = [], {}, []
    for name, attribute in names.items():
        part = fair[fair["attribute_name"] == name].set_index("attribute_value").loc[orders[attribute]]
        labels = pd.Index([lookups[attribute][v] for v in part.index], name=attribute)
        table = pd.DataFrame(index=labels)
        table["n"] = part["group_size"].to_numpy(dtype=np.int64)
        for count in COUNTS[1:]:
            table[count] = part[count].to_numpy(dtype=np.int64)
        table["reference"] = part.index.to_numpy() == ref_groups[name]
        for metric in METRICS:
            table[metric] = part[metric].to_numpy(dtype=float)
        for metric in METRICS:
            table[f"{metric}_disparity"] = part[f"{metric}_disparity"].to_numpy(dtype=float)
        for metric in METRICS:
            verdicts = [None if pd.isna(v) else bool(v) for v in part[AEQUITAS_PARITY[metric]]]
            table[f"{metric}_pass"] = pd.array(verdicts, dtype="boolean")
        references[attribute] = lookups[attribute][ref_groups[name]]
        tables.append(table)
        notes.extend(_notes(attribute, table))
    return tables, references, unknowns, notes


def _notes(attribute, table):
    notes = []
    ref = table.index[table["reference"].to_numpy()][0]
    zero = [m for m in METRICS if table.loc[ref, m] == 0]
    if zero:
        notes.append(
            f"{attribute}: the reference group {render.format_label(ref)} has {', '.join(zero)} = 0, "
            f"so those disparities are infinite (or undefined where the group is 0 too)"
        )
    undefined = [m for m in METRICS if table[m].isna().any()]
    if undefined:
        notes.append(f"{attribute}: {', '.join(undefined)} undefined for some group (empty denominator)")
    return notes


@deprecation.renamed_arguments(tolerance="min_impact_ratio")
def disparity_report(
    y_true: Column,
    y_pred: Column,
    groups: Groups,
    *,
    reference: Reference | Literal["largest"] | dict[str, Hashable] = "highest",
    min_impact_ratio: float = 0.8,
    data: pd.DataFrame | None = None,
    backend: Literal["hrfair", "aequitas"] = "hrfair",
    unknown: UnknownLabels = None,
    min_group_size: int = 30,
) -> DisparityReport:
    """Group metrics, disparities against a reference group and pass/fail, as Aequitas reports them.

    For every attribute and group: Aequitas' ten metrics, each group's disparity (its metric
    divided by the reference group's) and whether that disparity lies within
    ``[min_impact_ratio, 1 / min_impact_ratio]`` (Aequitas' fairness rule with ``tau``; 0.8 gives
    [0.8, 1.25], the four-fifths cut-off applied to every metric's ratio).

    Several group columns are several attributes audited side by side, like Aequitas: *not*
    intersections. To audit an intersection, pass a combined column, e.g.
    ``df["sex"].astype(str) + " × " + df["race"].astype(str)``.

    Parameters
    ----------
    y_true : array-like of 0/1 or bool, or column name
        The outcome treated as ground truth (Aequitas' ``label_value``).
    y_pred : array-like of 0/1 or bool, or column name
        The decision being audited (Aequitas' binary ``score``).
    groups : Series, 1-D array, DataFrame, list of Series, or column name(s)
        One column per protected attribute.
    reference : "highest", "largest", group label, or dict, default "highest"
        The reference group of each attribute: ``"highest"`` is the group with the highest
        selection rate (``pprev``), as in the four-fifths rule; ``"largest"`` the largest group
        (Aequitas' ``get_disparity_major_group``); a label names the group (one attribute only);
        a dict ``{attribute: rule or label}`` sets each attribute (missing ones use "highest").
    min_impact_ratio : float in (0, 1], default 0.8
        A disparity passes when ``min_impact_ratio <= disparity <= 1 / min_impact_ratio``, both
        ends included (Aequitas' ``tau``).
    data : DataFrame, optional
        When given, the first three arguments may be column names of it.
    backend : {"hrfair", "aequitas"}, default "hrfair"
        ``"hrfair"`` counts with this package and decides pass/fail in exact rational arithmetic
        (a disparity of exactly 0.8 passes). ``"aequitas"`` runs aequitas 1.1.0 itself
        (``Group``, ``Bias.get_disparity_predefined_groups``, ``Fairness``; its import takes seconds),
        comparing floats as aequitas does.
    unknown : str or list of str, optional
        By default a missing group is an error. Pass the labels meaning "unknown" (e.g.
        ``"Unknown"``, as in :func:`adverse_impact`) to leave rows whose group is missing or one of
        them out of that attribute's groups (they still count in the ``ppr`` denominator, as in
        Aequitas).
    min_group_size : int, default 30
        Smaller groups are named in the notes (never dropped).

    Returns
    -------
    DisparityReport
        ``.table`` per (attribute, group), ``.summary`` pass/fail per attribute × metric.

    Raises
    ------
    ValueError
        On a min_impact_ratio outside (0, 1], an unknown backend, a reference that is not a group, a
        single label with several attributes, or the input errors of the audit engine.

    Notes
    -----
    A metric with an empty denominator in a group is NaN; a disparity x / 0 is infinite (fails)
    and 0 / 0 is NaN (pass/fail NA). Aequitas caps x / 0 at 10 by default; the aequitas backend
    here asks it for infinity so the two backends agree.

    See Also
    --------
    adverse_impact : the four-fifths rule with significance tests.
    group_metrics : error rates by group with bootstrap intervals.

    Examples
    --------
    >>> y_true = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0]
    >>> y_pred = [1, 1, 1, 0, 1, 0, 0, 0, 0, 0]
    >>> sex = ["M"] * 4 + ["F"] * 6
    >>> rep = disparity_report(y_true, y_pred, sex, min_group_size=1)
    >>> rep.references
    {'group': 'M'}
    >>> rep.table.loc["group", ["pprev", "pprev_disparity", "pprev_pass"]].round(3)
           pprev  pprev_disparity  pprev_pass
    group
    F      0.167            0.222       False
    M      0.750            1.000        True
    >>> rep.summary[["pprev", "tpr", "fpr"]]
               pprev    tpr    fpr
    attribute
    group      False  False  False
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")
    min_group_size = validation.check_min_group_size(min_group_size)
    tol = _stats.as_fraction(min_impact_ratio)
    columns, groups, frame = grouping.resolve_all(data, groups, y_true=y_true, y_pred=y_pred)
    truth = validation.binary(columns["y_true"], "y_true").astype(np.int64)
    pred = validation.binary(columns["y_pred"], "y_pred").astype(np.int64)
    frame = frame.reset_index(drop=True)
    frame.columns = [str(c) for c in frame.columns]
    if frame.columns.duplicated().any():
        raise ValueError(f"group columns must have distinct names, got {list(frame.columns)}")
    attributes = list(frame.columns)
    rules = _rules(reference, attributes)

    run = _hrfair if backend == "hrfair" else _aequitas
    tables, references, unknowns, notes = run(truth, pred, frame, rules, tol, unknown)
    for attribute, table in zip(attributes, tables):
        small = [render.format_label(g) for g, k in table["n"].items() if k < min_group_size]
        if small:
            notes.insert(
                0,
                f"{attribute}: {len(small)} group(s) have fewer than {min_group_size} people "
                f"({', '.join(small)}); their disparities are noisy",
            )
        if unknowns[attribute]:
            notes.append(f"{attribute}: {unknowns[attribute]} rows with an unknown group are left out")

    table = pd.concat(tables, keys=attributes, names=["attribute", "group"])
    columns = COUNTS + ["reference"] + list(METRICS)
    columns += [f"{m}_disparity" for m in METRICS] + [f"{m}_pass" for m in METRICS]
    return DisparityReport(
        table=table[columns],
        references=references,
        min_impact_ratio=float(min_impact_ratio),
        backend=backend,
        unknown_counts=unknowns,
        notes=notes,
    )
