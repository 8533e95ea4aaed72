"""Audit a file: read a CSV or Parquet export where it lies, and write the bias-audit report.

This is what ``hrfair audit`` runs. Files are read with DuckDB when it is installed (the ``scale``
extra): DuckDB streams the file, so an export larger than memory is audited without loading it;
only the counts per sex × race/ethnicity cell come back. Without DuckDB, pandas reads the file.

A CSV file is read as UTF-8 unless ``encoding`` names another (e.g. ``"latin-1"`` or ``"cp1252"``
for exports from older HR systems); DuckDB reads UTF-8, UTF-16 and Latin-1, and pandas reads the
others. A malformed CSV file (a row with more or fewer fields than the header) is an error that
names the line, never a silently shifted or padded row.

The report has two parts, both computed from the same counts:

* the NYC Local Law 144 summary of results (:func:`~hrfair_helpers.audit.ll144_bias_audit`):
  selection or scoring rates and impact ratios for sex, race/ethnicity and their intersections;
* the four-fifths review (29 CFR 1607.4(D)) of the same tables, with the shortfall and Fisher's
  exact test for each category (:func:`~hrfair_helpers.audit.adverse_impact_from_counts`).
"""

from __future__ import annotations

import codecs
import csv
import json
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._utils.render import format_label, markdown_table
from .impact import adverse_impact_from_counts
from .ll144 import TABLE_TITLES, LL144AuditReport, ll144_bias_audit

FORMATS = ("md", "html", "csv", "json")
READERS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
# The encodings DuckDB's CSV reader knows without an extension, by Python codec name.
DUCKDB_ENCODINGS = {"utf-8": "utf-8", "utf-16": "utf-16", "iso8859-1": "latin-1"}


class ReadOptionError(ValueError):
    """A reading option that does not fit the file (its type, encoding or reader): a usage error."""


def read_table(path, *, engine=None, progress=None, encoding=None):
    """Open a CSV or Parquet file as a DuckDB relation (default when installed) or a pandas frame.

    Parameters
    ----------
    path : str or Path
        A .csv, .parquet or .pq file.
    engine : {"duckdb", "pandas"}, optional
        The reader; by default DuckDB when it is installed and reads the encoding, else pandas.
    progress : callable, optional
        Called with a short message before reading.
    encoding : str, optional
        Text encoding of a CSV file (a Python codec name such as ``"latin-1"`` or ``"cp1252"``);
        UTF-8 by default. Parquet files are always UTF-8 and take none.

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    ReadOptionError
        If the extension is not .csv, .parquet or .pq, the encoding is unknown or given for a
        Parquet file, or ``engine="duckdb"`` cannot read the encoding.
    ValueError
        If the file has no bytes, or is a malformed CSV file (the message names the line).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "export.csv"
    >>> _ = path.write_bytes("sex,race,hired\\nMale,José,1\\n".encode("latin-1"))
    >>> read_table(path, engine="pandas", encoding="latin-1")["race"].tolist()
    ['José']
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    kind = READERS.get(path.suffix.lower())
    if kind is None:
        raise ReadOptionError(f"{path.name}: unsupported file type {path.suffix!r}; give a .csv or .parquet file")
    if kind == "parquet" and encoding is not None:
        raise ReadOptionError(f"{path.name}: an encoding applies to CSV files only; Parquet text is always UTF-8")
    codec = _codec(encoding)
    if path.stat().st_size == 0:
        raise ValueError(f"data is empty: {path.name} has 0 bytes")
    duckdb_encoding = DUCKDB_ENCODINGS.get(codec) if kind == "csv" else "utf-8"
    if engine is None:
        try:
            import duckdb  # noqa: F401

            engine = "duckdb" if duckdb_encoding else "pandas"
        except ImportError:
            engine = "pandas"
    elif engine == "duckdb" and duckdb_encoding is None:
        raise ReadOptionError(
            f"DuckDB reads CSV files in utf-8, utf-16 or latin-1, not {encoding}; read this file with pandas "
            f"(engine='pandas', --engine pandas)"
        )
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
        relation = duckdb.sql(
            f"select * from read_csv('{_sql_string(path)}', nullstr='', "
            f"encoding='{duckdb_encoding}', auto_type_candidates=['BIGINT', 'DOUBLE', 'VARCHAR'])"
        )
        # DuckDB's sniffer falls back to one column when sampled rows have different numbers of fields.
        if len(relation.columns) == 1 and "," in relation.columns[0]:
            _check_fields(path, codec)
        return relation
    if engine != "pandas":
        raise ValueError(f"engine must be 'duckdb' or 'pandas', got {engine!r}")
    if kind == "parquet":
        return pd.read_parquet(path)
    frame = pd.read_csv(path, keep_default_na=False, na_values=[""], encoding=codec)
    # pandas pads a row with too few fields with missing values; only then can the last column have any.
    if frame.shape[1] > 1 and frame.iloc[:, -1].isna().any():
        _check_fields(path, codec)
    return frame


def _codec(encoding):
    """The Python codec name of ``encoding`` (UTF-8 by default), or a ReadOptionError."""
    if encoding is None:
        return "utf-8"
    try:
        return codecs.lookup(encoding).name
    except (LookupError, TypeError):
        raise ReadOptionError(
            f"unknown encoding {encoding!r}; give a codec name such as utf-8, latin-1 or cp1252"
        ) from None


def _check_fields(path, codec):
    """Raise a ValueError naming the first CSV row whose number of fields differs from the header's."""
    with open(path, encoding=codec, newline="") as file:
        reader = csv.reader(file)
        header = next(reader, [])
        for row in reader:
            if row and len(row) != len(header):
                raise ValueError(_malformed(path, reader.line_num, len(row), len(header)))


def _malformed(path, line, found, expected):
    return (
        f"{Path(path).name} is a malformed CSV file: line {line} has {found} fields where the header has "
        f"{expected}; fix that row (a missing or extra comma, or a comma inside an unquoted label) or export "
        f"the file again"
    )


def read_error_message(path, exc, encoding=None):
    """One line that says why a file could not be read: malformed CSV or wrong encoding, and where.

    ``exc`` is one of :func:`read_errors`; the line number is taken from the reader's message
    when it gives one.
    """
    name, text = Path(path).name, str(exc)
    pandas_fields = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if pandas_fields:
        expected, line, found = pandas_fields.groups()
        return _malformed(path, line, found, expected)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    duckdb_fields = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    if duckdb_fields:
        return _malformed(path, line.group(1) if line else "?", duckdb_fields.group(2), duckdb_fields.group(1))
    if isinstance(exc, UnicodeDecodeError) or re.search(r"Invalid unicode|is not [\w-]+ encoded", text):
        where = f" (line {line.group(1)})" if line else ""
        return (
            f"{name} is not {encoding or 'utf-8'} text{where}: give the file's encoding, e.g. --encoding "
            f"latin-1 (or cp1252 for a Windows export)"
        )
    return f"could not read {name}: {type(exc).__name__}: {text.splitlines()[0] if text else ''}"


def read_errors():
    """The exceptions that mean "this file could not be read" (not a bug): OS, parser, decoding and engine errors."""
    errors = [OSError, pd.errors.ParserError, UnicodeDecodeError]
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

    def to_frame(self, min_cell=None):
        """One row per table and category: counts, rate, impact ratio, LL144 flags and four-fifths review.

        With ``min_cell`` the categories that small-cell suppression hides
        (:meth:`~hrfair_helpers.audit.LL144AuditReport.suppressed`) keep their row with every
        number blanked and the reason in a ``suppressed`` column.
        """
        frames = []
        rate = self.ll144.rate_column
        count = self.ll144.count_column
        hidden = None if min_cell is None else self.ll144.suppressed(min_cell)
        for name in TABLE_TITLES:
            table = getattr(self.ll144, name)
            review = self.four_fifths[name]
            frame = pd.DataFrame(
                {
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
                }
            )
            if hidden is not None:
                reasons = hidden[name].table["suppressed"].to_numpy(dtype=object)
                numbers = [c for c in frame.columns if c not in ("table", "category")]
                frame[numbers] = frame[numbers].astype(object)
                frame.loc[reasons != "", numbers] = None
                # Ratios relative to a suppressed reference would give its rate away: blank them in every row
                # (the LL144 reference, and the four-fifths review's own, the highest rate it compares with).
                if hidden[name].table["impact_ratio"].isna().all():
                    frame["impact_ratio"] = None
                four_fifths_ref = review["selection_rate"].idxmax() if len(review) else None
                if four_fifths_ref is not None and reasons[table.index.get_loc(four_fifths_ref)]:
                    frame[["below_four_fifths", "shortfall", "p_value_fisher"]] = None
                frame["suppressed"] = reasons
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)

    def render(self, fmt="md", min_cell=None):
        """The report as Markdown, HTML, CSV or JSON text; with ``min_cell``, small cells suppressed (see :meth:`to_frame`)."""
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {list(FORMATS)}, got {fmt!r}")
        if fmt == "csv":
            return self.to_frame(min_cell).to_csv(index=False, lineterminator="\n")
        if fmt == "json":
            payload = {
                "source": self.source,
                "engine": self.engine,
                "outcome": self.ll144.outcome_kind,
                "n_assessed": self.ll144.n_assessed,
                "median_score": self.ll144.median_score,
                "unknown_count": self.ll144.unknown_count,
                "exclusions": self._exclusions(min_cell),
                "min_cell": min_cell,
                "rows": json.loads(self.to_frame(min_cell).to_json(orient="records")),
            }
            return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"
        review = self._review_frame(min_cell)
        if fmt == "md":
            lines = [
                self.ll144.to_markdown(min_cell=min_cell),
                "",
                "## Four-fifths review (29 CFR 1607.4(D))",
                "",
                "The same tables against the Uniform Guidelines' rule of thumb: a rate under four fifths of "
                "the highest rate is generally regarded as evidence of adverse impact. NYC Local Law 144 "
                "itself sets no threshold.",
                "",
            ]
            lines.append(markdown_table(review, index=False))
            return "\n".join(lines) + "\n"
        return (
            self.ll144.to_html(min_cell=min_cell)
            + "<h3>Four-fifths review (29 CFR 1607.4(D))</h3>"
            + "<p>A rate under four fifths of the highest rate is generally regarded as evidence of adverse "
            "impact; NYC Local Law 144 itself sets no threshold.</p>"
            + review.to_html(index=False, na_rep="", float_format=lambda v: f"{v:.3g}", escape=True)
        )

    def _exclusions(self, min_cell):
        """The exclusions for the JSON report; a suppressed category keeps its entry without its numbers."""
        hidden = None if min_cell is None else self.ll144.suppressed(min_cell)
        entries = []
        for e in self.ll144.exclusions:
            entry = {**e, "category": format_label(e["category"])}
            if hidden is not None and hidden[e["table"]].table.loc[e["category"], "suppressed"]:
                entry = {k: v for k, v in entry.items() if k not in ("n", "share", "rate", "selected")}
                entry["suppressed"] = True
            entries.append(entry)
        return entries

    def _review_frame(self, min_cell=None):
        frame = self.to_frame(min_cell)
        shown = frame[frame["excluded_from_ratio"] != True]  # noqa: E712 - None (suppressed) rows stay, marked
        hidden = shown["suppressed"] != "" if "suppressed" in shown else pd.Series(False, index=shown.index)
        frame = shown.assign(impact_ratio=pd.to_numeric(shown["impact_ratio"]))
        review = pd.DataFrame(
            {
                "table": frame["table"].str.replace("_", "/"),
                "category": frame["category"],
                "impact ratio": frame["impact_ratio"].round(3),
                "below 4/5": frame["below_four_fifths"].map({True: "yes", False: "no"}).fillna(""),
                "shortfall": frame["shortfall"],
                "Fisher p": frame["p_value_fisher"].map(lambda p: "" if pd.isna(p) else f"{p:.3g}"),
            }
        )
        if hidden.any():
            review = review.astype(object)
            review.loc[hidden.to_numpy(), ["impact ratio", "below 4/5", "shortfall", "Fisher p"]] = "suppressed"
        return review

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
    columns = [
        f"lower({quoted}) = 'true' as {quoted}" if c == column else '"' + c.replace('"', '""') + '"'
        for c in relation.columns
    ]
    return relation.project(", ".join(columns))


def audit_file(path, *, sex, race, selected=None, score=None, engine=None, encoding=None, progress=None, **options):
    """Read ``path`` and run the LL144 audit and the four-fifths review on it.

    ``engine`` and ``encoding`` go to :func:`read_table`; ``options`` to
    :func:`~hrfair_helpers.audit.ll144_bias_audit` (``unknown``, ``exclude_small``,
    ``justification``, ``strict``, ``data_source``, dates). Errors are those of
    :func:`read_table`, the ValueErrors of the audit (missing column, non-binary outcome, empty
    file, labels), and :func:`read_errors` from DuckDB, which reads lazily (explain them with
    :func:`read_error_message`).
    """
    say = progress or (lambda message: None)
    start = time.perf_counter()
    data = read_table(path, engine=engine, progress=say, encoding=encoding)
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
        review[name] = adverse_impact_from_counts(kept["n"], kept[count], min_group_size=1).table
    say(f"audited {report.n_assessed:,} rows in {time.perf_counter() - start:.1f} s")
    return FileAudit(report, review, str(path), used)
