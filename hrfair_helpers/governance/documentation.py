"""Model cards and datasheets, filled from what the audit already computed.

- :func:`model_card`: the nine sections of Mitchell et al. (2019), "Model Cards for Model
  Reporting" (FAT* '19, https://doi.org/10.1145/3287560.3287596). The *Quantitative Analyses*
  section is built from :class:`~hrfair_helpers.audit.AdverseImpactReport`,
  :class:`~hrfair_helpers.audit.GroupMetricsReport` and
  :class:`~hrfair_helpers.audit.LL144AuditReport` results, so the card shows the audited numbers.
- :func:`datasheet`: the seven sections of Gebru et al. (2021), "Datasheets for Datasets"
  (Communications of the ACM 64(12), https://doi.org/10.1145/3458723). *Composition* is
  summarised from a DataFrame: rows, columns, missing values and group counts.

Both return a :class:`Document`. Nothing is left silently blank: a section with no content is
listed by :meth:`Document.missing`, each required field not given is listed in
:attr:`Document.missing_fields`, and both are printed as "Not provided" in the rendered document.
:class:`Document` and its rendering live in :mod:`.document`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._utils import deprecation, render
from .document import Document, _build

if TYPE_CHECKING:
    from .._utils.typing import ColumnNames
    from ..audit import AdverseImpactReport, GroupMetricsReport, LL144AuditReport
    from .document import FieldValue

MODEL_CARD_SECTIONS = (
    "Model Details",
    "Intended Use",
    "Factors",
    "Metrics",
    "Evaluation Data",
    "Training Data",
    "Quantitative Analyses",
    "Ethical Considerations",
    "Caveats and Recommendations",
)
DATASHEET_SECTIONS = (
    "Motivation",
    "Composition",
    "Collection Process",
    "Preprocessing/cleaning/labeling",
    "Uses",
    "Distribution",
    "Maintenance",
)
MODEL_CARD_SOURCE = (
    "Mitchell et al. (2019), Model Cards for Model Reporting, FAT* '19, https://doi.org/10.1145/3287560.3287596"
)
DATASHEET_SOURCE = (
    "Gebru et al. (2021), Datasheets for Datasets, Communications of the ACM 64(12), https://doi.org/10.1145/3458723"
)

# (parameter, section, label, required, what to give)
_MODEL_CARD_FIELDS = (
    ("version", "Model Details", "Version", True, "the model version or release tag"),
    ("date", "Model Details", "Date", True, "the date of this version"),
    ("developers", "Model Details", "Developers", True, "the team or vendor that built the model"),
    ("model_type", "Model Details", "Model type", True, "the algorithm and its inputs and output"),
    ("license", "Model Details", "License", False, ""),
    ("contact", "Model Details", "Contact", False, ""),
    ("intended_uses", "Intended Use", "Primary intended uses", True, "the decisions the model supports"),
    ("intended_users", "Intended Use", "Primary intended users", True, "who uses the output (e.g. recruiters)"),
    ("out_of_scope_uses", "Intended Use", "Out-of-scope uses", True, "uses the model must not be put to"),
    ("factors", "Factors", "Relevant factors", True, "the groups and conditions the results are broken down by"),
    ("metrics", "Metrics", "Performance measures", True, "the metrics reported and why, and decision thresholds"),
    ("evaluation_data", "Evaluation Data", "Evaluation data", True, "the data set evaluated on and why"),
    ("training_data", "Training Data", "Training data", True, "the data the model learned from"),
    (
        "audits",
        "Quantitative Analyses",
        "Audit results",
        True,
        "an AdverseImpactReport, GroupMetricsReport or LL144AuditReport",
    ),
    (
        "ethical_considerations",
        "Ethical Considerations",
        "Ethical considerations",
        True,
        "risks, harms and mitigations",
    ),
    ("caveats", "Caveats and Recommendations", "Caveats and recommendations", True, "known limits and advice"),
)

_DATASHEET_FIELDS = (
    ("motivation", "Motivation", "Motivation", True, "why the data set was created, by whom, who funded it"),
    ("composition", "Composition", "Description", False, ""),
    ("data", "Composition", "Data summary", True, "the DataFrame itself (data=) so it can be summarised"),
    ("collection", "Collection Process", "Collection process", True, "how, when and from whom the data were collected"),
    ("preprocessing", "Preprocessing/cleaning/labeling", "Preprocessing", True, "cleaning, labelling and who labelled"),
    ("uses", "Uses", "Uses", True, "what the data set has been and should (not) be used for"),
    ("distribution", "Distribution", "Distribution", True, "who may get the data and under which licence"),
    ("maintenance", "Maintenance", "Maintenance", True, "who maintains it, how errors are reported, updates"),
)


# ----------------------------------------------------------------------------------- model card


def _audit_blocks(audits, tables):
    """Quantitative-analysis blocks from audit reports; fills ``tables``."""
    from ..audit.impact import AdverseImpactReport
    from ..audit.ll144 import LL144AuditReport
    from ..audit.metrics import GroupMetricsReport

    if audits is None:
        return [], []
    if isinstance(audits, AdverseImpactReport | GroupMetricsReport | LL144AuditReport):
        audits = [audits]
    if not isinstance(audits, list | tuple):
        raise ValueError(
            f"audits must be an AdverseImpactReport, a GroupMetricsReport, an LL144AuditReport or a list "
            f"of them, got {type(audits).__name__}"
        )
    blocks, groups = [], []
    for i, report in enumerate(audits, start=1):
        suffix = f" ({i})" if len(audits) > 1 else ""
        if isinstance(report, AdverseImpactReport):
            cols = [
                "n",
                "selected",
                "selection_rate",
                "impact_ratio",
                "adverse_impact",
                "p_value_fisher",
                "small_group",
            ]
            table = report.table[cols]
            tables[f"adverse impact{suffix}"] = table
            flagged = ", ".join(map(render.format_label, report.flagged)) or "none"
            blocks.append(("table", f"Adverse impact (selection rates and impact ratios){suffix}", table))
            blocks.append(
                (
                    "list",
                    f"Adverse impact summary{suffix}",
                    [
                        f"reference group: {render.format_label(report.reference)}",
                        f"threshold: an impact ratio below {report.min_impact_ratio:g} is generally regarded as "
                        f"evidence of adverse impact (a rule of thumb, 29 CFR 1607.4(D))",
                        f"groups below threshold: {flagged}",
                        f"lowest impact ratio: {report.lowest_impact_ratio:.3f}",
                        f"rows with unknown group: {report.unknown_count}",
                        *[f"note: {n}" for n in report.notes],
                    ],
                )
            )
            groups.extend(report.table.index)
        elif isinstance(report, GroupMetricsReport):
            tables[f"metrics by group{suffix}"] = report.by_group
            tables[f"disparities{suffix}"] = report.disparities
            blocks.append(("table", f"Metrics by group{suffix}", report.by_group))
            blocks.append(("table", f"Disparities between groups{suffix}", report.disparities))
            if report.notes:
                blocks.append(("list", f"Audit notes{suffix}", list(report.notes)))
            groups.extend(report.by_group.index)
        elif isinstance(report, LL144AuditReport):
            blocks.extend(_ll144_blocks(report, suffix, tables))
            groups.extend(report.sex.index)
            groups.extend(report.race_ethnicity.index)
        else:
            raise ValueError(
                f"audits[{i - 1}] is a {type(report).__name__}; pass AdverseImpactReport, GroupMetricsReport or "
                "LL144AuditReport results (from hrfair_helpers.audit.adverse_impact / group_metrics / "
                "ll144_bias_audit)"
            )
    labels = list(dict.fromkeys(render.format_label(g) for g in groups))
    return blocks, labels


def _ll144_blocks(report, suffix, tables):
    """Blocks for an NYC Local Law 144 bias audit: the facts, the three tables, unknowns, exclusions."""
    from ..audit.ll144 import TABLE_TITLES, TABLES

    blocks = [
        (
            "list",
            f"NYC Local Law 144 bias audit{suffix}",
            [f"{key}: {value}" for key, value in report._facts().items()],
        )
    ]
    for name in TABLES:
        table = getattr(report, name)
        tables[f"LL144 {name}{suffix}"] = table
        label = f"LL144 {TABLE_TITLES[name]}, individuals in an unknown category: {report.unknown_count[name]}{suffix}"
        blocks.append(("table", label, table))
    exclusions = [
        f"{TABLE_TITLES[e['table']].split(' (')[0]}: {render.format_label(e['category'])}: {e['n']} applicant(s), "
        f"{e['share']:.2%} of all individuals assessed, rate {e['rate']:.3f}; justification: {e['justification']}"
        for e in report.exclusions
    ] or ["no category was excluded from the impact-ratio calculations"]
    unknowns = [
        f"individuals in an unknown category ({TABLE_TITLES[name].split(' (')[0].lower()}), not included in the "
        f"calculations: {report.unknown_count[name]}"
        for name in TABLES
    ]
    blocks.append(("list", f"LL144 unknown categories and exclusions{suffix}", unknowns + exclusions))
    if report.notes:
        blocks.append(("list", f"LL144 audit notes{suffix}", list(report.notes)))
    return blocks


def model_card(
    name: str,
    *,
    version: FieldValue = None,
    date: FieldValue = None,
    developers: FieldValue = None,
    model_type: FieldValue = None,
    license: FieldValue = None,
    contact: FieldValue = None,
    intended_uses: FieldValue = None,
    intended_users: FieldValue = None,
    out_of_scope_uses: FieldValue = None,
    factors: FieldValue = None,
    metrics: FieldValue = None,
    evaluation_data: FieldValue = None,
    training_data: FieldValue = None,
    audits: (
        AdverseImpactReport
        | GroupMetricsReport
        | LL144AuditReport
        | Sequence[AdverseImpactReport | GroupMetricsReport | LL144AuditReport]
        | None
    ) = None,
    ethical_considerations: FieldValue = None,
    caveats: FieldValue = None,
) -> Document:
    """A model card (Mitchell et al., 2019) with the audit results in *Quantitative Analyses*.

    Every text field takes a string, a list of strings (bullets), a dict ``{label: text}`` or a
    DataFrame (a table). Fields left ``None`` are reported, never silently blank.

    Parameters
    ----------
    name : str
        The model's name (required).
    version, date, developers, model_type, license, contact
        *Model Details*. ``license`` and ``contact`` are optional, the others required.
    intended_uses, intended_users, out_of_scope_uses
        *Intended Use*.
    factors
        *Factors*: the groups and conditions results are broken down by. Groups found in the
        audit results are listed there too.
    metrics
        *Metrics*: what is reported, why, and the decision threshold.
    evaluation_data, training_data
        *Evaluation Data* and *Training Data* (a :func:`datasheet`'s title is a good reference).
    audits : AdverseImpactReport, GroupMetricsReport, LL144AuditReport or list of them
        Rendered as tables in *Quantitative Analyses* (selection rates, impact ratios, flags,
        error rates by group and disparities). An NYC Local Law 144 audit
        (:func:`~hrfair_helpers.audit.ll144_bias_audit`) adds its summary facts, its sex,
        race/ethnicity and intersectional tables with the count of individuals in an unknown
        category, and the categories excluded from the impact ratio with the justification.
    ethical_considerations, caveats
        *Ethical Considerations* and *Caveats and Recommendations*.

    Returns
    -------
    Document

    Raises
    ------
    ValueError
        If ``name`` is not a non-empty string, a field has an unsupported type, or ``audits``
        holds something other than the three audit reports.

    Examples
    --------
    >>> import pandas as pd
    >>> from hrfair_helpers.audit import adverse_impact_from_counts
    >>> audit = adverse_impact_from_counts(pd.Series({"men": 100, "women": 100}),
    ...                                    pd.Series({"men": 50, "women": 39}))
    >>> card = model_card("Resume screener", version="1.2", audits=audit)
    >>> list(card.sections)[6]
    'Quantitative Analyses'
    >>> "| women | 100 | 39 | 0.390 | 0.780 | True |" in card.sections["Quantitative Analyses"]
    True
    >>> card.missing()[:3]
    ['Intended Use', 'Metrics', 'Evaluation Data']
    """
    values = {
        "version": version,
        "date": date,
        "developers": developers,
        "model_type": model_type,
        "license": license,
        "contact": contact,
        "intended_uses": intended_uses,
        "intended_users": intended_users,
        "out_of_scope_uses": out_of_scope_uses,
        "factors": factors,
        "metrics": metrics,
        "evaluation_data": evaluation_data,
        "training_data": training_data,
        "ethical_considerations": ethical_considerations,
        "caveats": caveats,
    }
    tables: dict[str, pd.DataFrame] = {}
    audit_blocks, groups = _audit_blocks(audits, tables)
    extra = {"audits": audit_blocks}
    blocks, missing = _build(
        "Model card", name, MODEL_CARD_SECTIONS, _MODEL_CARD_FIELDS, values, extra, MODEL_CARD_SOURCE
    )
    blocks["Model Details"].insert(0, ("text", "Name", name.strip()))
    if groups:
        # Shown, but it does not replace `factors`: the audit says which groups, not why.
        blocks["Factors"].append(("text", "Groups in the audit results", ", ".join(groups)))
    return Document("Model card", name.strip(), blocks, missing, tables, {}, MODEL_CARD_SOURCE)


# ----------------------------------------------------------------------------------- datasheet


def _summarise(data, groups, tables, facts):
    if not isinstance(data, pd.DataFrame):
        raise ValueError(f"data must be a pandas DataFrame to summarise, got {type(data).__name__}")
    if isinstance(groups, str):
        groups = [groups]
    groups = list(groups or [])
    unknown = [c for c in groups if c not in data.columns]
    if unknown:
        raise ValueError(f"groups column(s) {unknown} not in the data; columns are {list(data.columns)}")
    missing = data.isna().sum()
    columns = pd.DataFrame(
        {
            "dtype": data.dtypes.astype(str),
            "missing": missing.astype(int),
            "missing_share": missing / len(data) if len(data) else float("nan"),
        }
    )
    columns.index.name = "column"
    tables["columns"] = columns
    facts.update(
        {
            "rows": len(data),
            "columns": data.shape[1],
            "missing cells": int(missing.sum()),
            "columns with missing values": int((missing > 0).sum()),
        }
    )
    blocks = [
        (
            "list",
            "Data summary",
            [
                f"rows: {len(data)}",
                f"columns: {data.shape[1]}",
                f"missing cells: {int(missing.sum())} in {int((missing > 0).sum())} column(s)",
            ],
        ),
        ("table", "Columns (type and missing values)", columns),
    ]
    for col in groups:
        counts = data[col].value_counts(dropna=False)
        counts.index = ["(missing)" if pd.isna(v) else v for v in counts.index]
        table = pd.DataFrame({"count": counts.astype(int), "share": counts / len(data)})
        table.index.name = col
        tables[f"group counts: {col}"] = table
        blocks.append(("table", f"Group counts: {col}", table))
    return blocks


@deprecation.renamed_arguments(protected="groups")
def datasheet(
    name: str,
    data: pd.DataFrame | None = None,
    *,
    groups: ColumnNames | None = None,
    motivation: FieldValue = None,
    composition: FieldValue = None,
    collection: FieldValue = None,
    preprocessing: FieldValue = None,
    uses: FieldValue = None,
    distribution: FieldValue = None,
    maintenance: FieldValue = None,
) -> Document:
    """A datasheet (Gebru et al., 2021), with *Composition* summarised from the data.

    Parameters
    ----------
    name : str
        The data set's name (required).
    data : DataFrame, optional
        Summarised in *Composition*: rows, columns, type and missing values per column, and
        counts per group for each ``groups`` column (missing values counted as "(missing)").
    groups : str or list of str, optional
        Protected-attribute columns of ``data`` to count groups in (the package's name for the
        sensitive-feature argument; ``protected=`` works for one release with a FutureWarning).
    motivation, composition, collection, preprocessing, uses, distribution, maintenance
        Text for each section: a string, a list of strings, a dict ``{question: answer}`` or a
        DataFrame. ``composition`` is optional text added to the data summary.

    Returns
    -------
    Document
        ``tables["columns"]`` and ``tables["group counts: <column>"]`` hold the summary;
        ``facts`` holds rows, columns and missing cells.

    Raises
    ------
    ValueError
        If ``data`` is not a DataFrame, ``groups`` names columns not in it (or is given
        without data), or a field has an unsupported type.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sex": ["F", "M", "M", None], "age": [31, 45, None, 28]})
    >>> sheet = datasheet("Applicants 2024", df, groups="sex", motivation="Audit of screening.")
    >>> sheet.facts["rows"], sheet.facts["missing cells"]
    (4, 2)
    >>> sheet.tables["group counts: sex"]["count"].to_dict()
    {'M': 2, 'F': 1, '(missing)': 1}
    >>> sheet.missing()
    ['Collection Process', 'Preprocessing/cleaning/labeling', 'Uses', 'Distribution', 'Maintenance']
    """
    if data is None and groups:
        raise ValueError("groups columns were named but no data was given: pass data=<DataFrame>")
    values = {
        "motivation": motivation,
        "composition": composition,
        "collection": collection,
        "preprocessing": preprocessing,
        "uses": uses,
        "distribution": distribution,
        "maintenance": maintenance,
    }
    tables: dict[str, pd.DataFrame] = {}
    facts: dict[str, Any] = {}
    extra = {"data": _summarise(data, groups, tables, facts) if data is not None else []}
    blocks, missing = _build("Datasheet", name, DATASHEET_SECTIONS, _DATASHEET_FIELDS, values, extra, DATASHEET_SOURCE)
    return Document("Datasheet", name.strip(), blocks, missing, tables, facts, DATASHEET_SOURCE)
