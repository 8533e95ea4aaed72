"""Audit a file: read a CSV or Parquet export where it lies, and write the bias-audit report.

This is what ``hrfair audit`` runs. Files are read with DuckDB when it is installed (the ``scale``
extra): DuckDB streams the file, so an export larger than memory is audited without loading it;
only the counts per sex × race/ethnicity cell come back. Without DuckDB, pandas reads the file.

The report has two parts, both computed from the same counts:

* the NYC Local Law 144 summary of results (:func:`~hrfair_helpers.audit.ll144_bias_audit`):
  selection or scoring rates and impact ratios for sex, race/ethnicity and their intersections;
* the four-fifths review (29 CFR 1607.4(D)) of the same tables, with the shortfall and Fisher's
  exact test for each category (:func:`~hrfair_helpers.audit.adverse_impact_from_counts`).
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .impact import adverse_impact_from_counts
from ._report import format_label, markdown_table
from .ll144 import TABLE_TITLES, LL144AuditReport, ll144_bias_audit

FORMATS = ("md", "html", "csv", "json")
READERS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def read_table(path, *, engine=None, progress=None):
    """Open a CSV or Parquet file as a DuckDB relation (default when installed) or a pandas frame.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ValueError
        If the extension is not .csv, .parquet or .pq, or the file has no rows.
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path.name}: unsupported file type {path.suffix!r}; give a .csv or .parquet file")
    if path.stat().st_size == 0:
        raise ValueError(f"data is empty: {path.name} has 0 bytes")
    if engine is None:
        try:
            import duckdb  # noqa: F401

            engine = "duckdb"
        except ImportError:
            engine = "pandas"
    say = progress or (lambda message: None)
    say(f"reading {path} with {engine}")
    if engine == "duckdb":
        import duckdb

        # DuckDB draws its own progress bar on a terminal for queries that take more than a few seconds.
        duckdb.execute(f"SET enable_progress_bar = {'true' if sys.stderr.isatty() else 'false'}")
        if kind == "parquet":
            return duckdb.sql(f"select * from read_parquet('{_sql_string(path)}')")
        # The same reading as pandas below: only empty cells are missing ("N/A" stays a label), and
        # yes/no or T/F are text, not booleans; true/false columns are handled in audit_file.
        return duckdb.sql(f"select * from read_csv('{_sql_string(path)}', nullstr='', "
                          "auto_type_candidates=['BIGINT', 'DOUBLE', 'VARCHAR'])")
    if engine != "pandas":
        raise ValueError(f"engine must be 'duckdb' or 'pandas', got {engine!r}")
    return pd.read_csv(path, keep_default_na=False, na_values=[""]) if kind == "csv" else pd.read_parquet(path)


def read_errors():
    """The exceptions that mean "this file could not be read" (not a bug): OS, parser and engine errors."""
    errors = [OSError, pd.errors.ParserError]
    for module, name in (("duckdb", "Error"), ("pyarrow", "ArrowException")):
        try:
            errors.append(getattr(__import__(module), name))
        except (ImportError, AttributeError):
            pass
    return tuple(errors)


def _sql_string(path):
    return str(path).replace("'", "''")


@dataclass(frozen=True)
class FileAudit:
    """The LL144 report and the four-fifths review of one file."""

    ll144: LL144AuditReport
    four_fifths: dict
    source: str
    engine: str

    def to_frame(self):
        """One row per table and category: counts, rate, impact ratio, LL144 flags and four-fifths review."""
        frames = []
        rate = self.ll144.rate_column
        count = self.ll144.count_column
        for name in TABLE_TITLES:
            table = getattr(self.ll144, name)
            review = self.four_fifths[name]
            frame = pd.DataFrame({
                "table": name,
                "category": [format_label(c) for c in table.index],
                "n": table["n"].to_numpy(),
                count: table[count].to_numpy(),
                rate: table[rate].to_numpy(),
                "impact_ratio": table["impact_ratio"].to_numpy(),
                "below_2_percent": table["below_2_percent"].to_numpy(),
                "excluded_from_ratio": table["excluded_from_ratio"].to_numpy(),
                "below_four_fifths": review["adverse_impact"].reindex(table.index).to_numpy(dtype=object),
                "shortfall": review["shortfall"].reindex(table.index).to_numpy(dtype=object),
                "p_value_fisher": review["p_value_fisher"].reindex(table.index).to_numpy(dtype=float),
            })
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def render(self, fmt="md"):
        """The report as Markdown, HTML, CSV or JSON text."""
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {list(FORMATS)}, got {fmt!r}")
        if fmt == "csv":
            return self.to_frame().to_csv(index=False, lineterminator="\n")
        if fmt == "json":
            payload = {
                "source": self.source,
                "engine": self.engine,
                "outcome": self.ll144.outcome_kind,
                "n_assessed": self.ll144.n_assessed,
                "median_score": self.ll144.median_score,
                "unknown_count": self.ll144.unknown_count,
                "exclusions": [{**e, "category": format_label(e["category"])} for e in self.ll144.exclusions],
                "rows": json.loads(self.to_frame().to_json(orient="records")),
            }
            return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        review = self._review_frame()
        if fmt == "md":
            lines = [self.ll144.to_markdown(), "", "## Four-fifths review (29 CFR 1607.4(D))", "",
                     "The same tables against the Uniform Guidelines' rule of thumb: a rate under four fifths of "
                     "the highest rate is generally regarded as evidence of adverse impact. NYC Local Law 144 "
                     "itself sets no threshold.", ""]
            lines.append(markdown_table(review, index=False))
            return "\n".join(lines) + "\n"
        return (self.ll144.to_html() + "<h3>Four-fifths review (29 CFR 1607.4(D))</h3>"
                + "<p>A rate under four fifths of the highest rate is generally regarded as evidence of adverse "
                "impact; NYC Local Law 144 itself sets no threshold.</p>"
                + review.to_html(index=False, na_rep="", float_format=lambda v: f"{v:.3g}", escape=True))

    def _review_frame(self):
        frame = self.to_frame()
        frame = frame[~frame["excluded_from_ratio"]]
        return pd.DataFrame({
            "table": frame["table"].str.replace("_", "/"),
            "category": frame["category"],
            "impact ratio": frame["impact_ratio"].round(3),
            "below 4/5": frame["below_four_fifths"].map({True: "yes", False: "no"}).fillna(""),
            "shortfall": frame["shortfall"],
            "Fisher p": frame["p_value_fisher"].map(lambda p: "" if pd.isna(p) else f"{p:.3g}"),
        })

    def lowest_ratio(self):
        """The lowest impact ratio over the three tables (categories excluded from ratios skipped)."""
        frame = self.to_frame()
        return float(frame.loc[~frame["excluded_from_ratio"], "impact_ratio"].min())


def _text_booleans(relation, column):
    """A CSV column of true/false text as booleans, as pandas reads it (any case, no missing values)."""
    types = dict(zip(relation.columns, map(str, relation.types)))
    if types.get(column) != "VARCHAR":
        return relation
    quoted = '"' + column.replace('"', '""') + '"'
    values = {row[0] for row in relation.project(f"lower({quoted}) as v").distinct().limit(4).fetchall()} - {None}
    if not values or not values <= {"true", "false"}:
        return relation
    columns = [f'lower({quoted}) = \'true\' as {quoted}' if c == column else '"' + c.replace('"', '""') + '"'
               for c in relation.columns]
    return relation.project(", ".join(columns))


def audit_file(path, *, sex, race, selected=None, score=None, engine=None, progress=None, **options):
    """Read ``path`` and run the LL144 audit and the four-fifths review on it.

    ``options`` go to :func:`~hrfair_helpers.audit.ll144_bias_audit` (``unknown``,
    ``exclude_small``, ``justification``, ``strict``, ``data_source``, dates). Errors are the
    ValueErrors of the audit (missing column, non-binary outcome, empty file, labels).
    """
    say = progress or (lambda message: None)
    start = time.perf_counter()
    data = read_table(path, engine=engine, progress=say)
    used = "duckdb" if not isinstance(data, pd.DataFrame) else "pandas"
    if used == "duckdb" and selected is not None and Path(path).suffix.lower() == ".csv":
        data = _text_booleans(data, selected)
    say("counting people and outcomes per sex x race/ethnicity")
    options.setdefault("data_source", f"{Path(path).name}")
    report = ll144_bias_audit(data, sex=sex, race_ethnicity=race, selected=selected, score=score, **options)
    count = report.count_column
    review = {}
    for name in TABLE_TITLES:
        table = getattr(report, name)
        kept = table[~table["excluded_from_ratio"]]
        review[name] = adverse_impact_from_counts(kept["n"], kept[count], "highest", min_group_size=1).table
    say(f"audited {report.n_assessed:,} rows in {time.perf_counter() - start:.1f} s")
    return FileAudit(report, review, str(path), used)
