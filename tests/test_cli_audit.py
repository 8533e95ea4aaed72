"""`hrfair audit`: a file in, the LL144 summary and the four-fifths review out, with clear exit codes."""

import json

import pandas as pd
import pytest

from hrfair_helpers.audit import ll144_bias_audit
from hrfair_helpers.cli import main
from hrfair_helpers.datasets import make_applicant_pool

pytest.importorskip("duckdb")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("audit")
    pool = make_applicant_pool(n=3000, seed=5)
    pool.to_csv(folder / "pool.csv", index=False)
    pool.to_parquet(folder / "pool.parquet")
    pool.head(0).to_csv(folder / "empty.csv", index=False)
    (folder / "notes.txt").write_text("not a table")
    return folder, pool


ARGS = ["--sex", "sex", "--race", "race_ethnicity", "--quiet"]


@pytest.mark.parametrize("name", ["pool.csv", "pool.parquet"])
@pytest.mark.parametrize("engine", ["duckdb", "pandas"])
def test_every_reader_gives_the_same_report(files, name, engine, tmp_path):
    folder, pool = files
    out = tmp_path / "report.csv"
    assert (
        main(
            [
                "audit",
                str(folder / name),
                "--score",
                "score",
                *ARGS,
                "--engine",
                engine,
                "--format",
                "csv",
                "--out",
                str(out),
            ]
        )
        == 0
    )
    report = pd.read_csv(out)
    expected = ll144_bias_audit(pool, sex="sex", race_ethnicity="race_ethnicity", score="score")
    sex = report[report["table"] == "sex"].set_index("category")
    assert sex["scoring_rate"].to_dict() == pytest.approx(expected.sex["scoring_rate"].to_dict(), abs=1e-12)
    assert set(report["table"]) == {"sex", "race_ethnicity", "intersectional"}


def test_markdown_html_and_json(files, tmp_path, capsys):
    folder, _ = files
    path = str(folder / "pool.parquet")
    assert main(["audit", path, "--outcome", "advanced", *ARGS]) == 0
    md = capsys.readouterr().out
    assert "Summary of results" in md and "Four-fifths review" in md and "no threshold" in md
    assert (
        main(["audit", path, "--outcome", "advanced", *ARGS, "--format", "html", "--out", str(tmp_path / "r.html")])
        == 0
    )
    assert "<table" in (tmp_path / "r.html").read_text()
    assert (
        main(
            [
                "audit",
                path,
                "--outcome",
                "advanced",
                *ARGS,
                "--format",
                "json",
                "--exclude-small",
                "under 2% of the data",
            ]
        )
        == 0
    )
    payload = json.loads(capsys.readouterr().out)
    assert payload["outcome"] == "selection" and payload["n_assessed"] == 3000 and payload["exclusions"]


def test_progress_goes_to_standard_error(files, capsys):
    folder, _ = files
    assert (
        main(["audit", str(folder / "pool.csv"), "--outcome", "advanced", "--sex", "sex", "--race", "race_ethnicity"])
        == 0
    )
    captured = capsys.readouterr()
    assert "reading" in captured.err and "audited 3,000 rows" in captured.err
    assert "hrfair audit:" not in captured.out


@pytest.mark.parametrize(
    "argv,code,message",
    [
        (["missing.csv", "--outcome", "advanced"], 2, "no such file"),
        (["notes.txt", "--outcome", "advanced"], 2, "unsupported file type"),
        (["pool.csv", "--outcome", "hired"], 3, "not in data"),
        (["pool.csv", "--outcome", "score"], 3, "binary"),
        (["empty.csv", "--outcome", "advanced"], 3, "empty"),
    ],
)
def test_bad_input_has_a_documented_exit_code_and_a_clear_message(files, capsys, argv, code, message):
    folder, _ = files
    argv = [str(folder / argv[0]), *argv[1:]]
    assert main(["audit", *argv, *ARGS]) == code
    assert message in capsys.readouterr().err


def test_fail_below_turns_a_low_ratio_into_exit_code_one(files):
    folder, _ = files
    path = str(folder / "pool.parquet")
    assert main(["audit", path, "--score", "score", *ARGS, "--fail-below", "0.8"]) == 1
    assert main(["audit", path, "--score", "score", *ARGS, "--fail-below", "0.1"]) == 0


def test_outcome_and_score_are_exclusive(files, capsys):
    folder, _ = files
    assert main(["audit", str(folder / "pool.csv"), "--outcome", "advanced", "--score", "score", *ARGS]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_both_readers_read_a_csv_the_same_way(tmp_path, capsys):
    # "N/A" is a label, not a missing value; yes/no is text; true/false is a boolean outcome.
    rows = ["sex,race,hired,decision,label"]
    rows += [
        f"{s},White,{h},{d},{lab}"
        for s, h, d, lab in [
            ("Female", "true", "yes", "1"),
            ("Male", "false", "no", "0"),
            ("Female", "TRUE", "yes", "1"),
            ("Male", "true", "no", "1"),
            ("N/A", "false", "yes", "0"),
        ]
    ]
    path = tmp_path / "odd.csv"
    path.write_text("\n".join(rows) + "\n")
    base = ["audit", str(path), "--sex", "sex", "--race", "race", "--quiet"]
    outputs = {}
    for engine in ("duckdb", "pandas"):
        assert main([*base, "--outcome", "decision", "--engine", engine]) == 3
        assert "binary" in capsys.readouterr().err
        assert main([*base, "--outcome", "hired", "--engine", engine]) == 3
        assert "'N/A'" in capsys.readouterr().err  # a label outside the EEO-1 categories, on both readers
        assert main([*base, "--outcome", "hired", "--engine", engine, "--no-strict", "--format", "csv"]) == 0
        outputs[engine] = capsys.readouterr().out
    assert outputs["duckdb"] == outputs["pandas"]


def test_a_zero_byte_file_is_reported_as_empty(tmp_path, capsys):
    path = tmp_path / "nothing.csv"
    path.write_bytes(b"")
    assert main(["audit", str(path), "--outcome", "x", "--sex", "s", "--race", "r", "--quiet"]) == 3
    assert "0 bytes" in capsys.readouterr().err


def test_labels_with_pipes_do_not_break_the_markdown_tables(tmp_path, capsys):
    pd.DataFrame({"sex": ["A|B", "C"] * 20, "race": ["White"] * 40, "hired": [1, 0] * 20}).to_csv(
        tmp_path / "pipes.csv", index=False
    )
    assert (
        main(
            [
                "audit",
                str(tmp_path / "pipes.csv"),
                "--outcome",
                "hired",
                "--sex",
                "sex",
                "--race",
                "race",
                "--no-strict",
                "--quiet",
            ]
        )
        == 0
    )
    review = capsys.readouterr().out.split("Four-fifths review")[1]
    assert "A\\|B" in review and "| A|B |" not in review


def _latin1_export(tmp_path):
    rows = ["sex,race,hired", "Male,White,1", "Female,José,0", "Female,José,1", "Male,White,0"]
    path = tmp_path / "latin1.csv"
    path.write_bytes(("\n".join(rows) + "\n").encode("latin-1"))
    return path


@pytest.mark.parametrize("engine", ["duckdb", "pandas"])
def test_encoding_reads_a_latin1_export(tmp_path, capsys, engine):
    path = _latin1_export(tmp_path)
    base = [
        "audit",
        str(path),
        "--outcome",
        "hired",
        "--sex",
        "sex",
        "--race",
        "race",
        "--no-strict",
        "--quiet",
        "--engine",
        engine,
        "--format",
        "csv",
    ]
    assert main(base) == 3
    err = capsys.readouterr().err
    assert "latin1.csv is not utf-8 text" in err and "--encoding latin-1" in err
    assert main([*base, "--encoding", "latin-1"]) == 0
    assert "race_ethnicity,José,2,1,0.5" in capsys.readouterr().out


def test_encodings_duckdb_cannot_read_go_to_pandas_or_are_refused(tmp_path, capsys, files):
    path = _latin1_export(tmp_path)
    base = ["audit", str(path), "--outcome", "hired", "--sex", "sex", "--race", "race", "--no-strict", "--quiet"]
    assert main([*base, "--encoding", "cp1252", "--format", "csv"]) == 0  # read with pandas
    assert "José" in capsys.readouterr().out
    for extra, message in (
        (["--encoding", "cp1252", "--engine", "duckdb"], "--engine pandas"),
        (["--encoding", "klingon"], "unknown encoding 'klingon'"),
    ):
        assert main([*base, *extra]) == 2
        assert message in capsys.readouterr().err
    folder, _ = files
    assert main(["audit", str(folder / "pool.parquet"), "--outcome", "advanced", *ARGS, "--encoding", "latin-1"]) == 2
    assert "CSV files only" in capsys.readouterr().err


@pytest.mark.parametrize("engine", ["duckdb", "pandas"])
@pytest.mark.parametrize(
    "filler, bad_row, line, found",
    [
        (0, "Female,White,0,5", 4, 4),  # an extra field, inside DuckDB's sniffing sample
        (0, "Female,White", 4, 2),  # a missing field: pandas would pad it with a missing value
        (30_000, "Female,White,0,5", 30_004, 4),  # past DuckDB's sample: the error comes while counting
    ],
)
def test_a_malformed_csv_is_named_with_its_line(tmp_path, capsys, engine, filler, bad_row, line, found):
    rows = ["sex,race,hired", "Male,White,1", "Female,White,0"] + ["Male,White,1"] * filler + [bad_row, "Male,White,1"]
    path = tmp_path / "ragged.csv"
    path.write_text("\n".join(rows) + "\n")
    assert (
        main(
            ["audit", str(path), "--outcome", "hired", "--sex", "sex", "--race", "race", "--quiet", "--engine", engine]
        )
        == 3
    )
    err = capsys.readouterr().err
    assert f"ragged.csv is a malformed CSV file: line {line} has {found} fields where the header has 3" in err


@pytest.mark.parametrize("justification", ["", "   "])
def test_an_empty_exclude_small_justification_is_a_usage_error(files, capsys, justification):
    folder, _ = files
    assert (
        main(["audit", str(folder / "pool.parquet"), "--outcome", "advanced", *ARGS, "--exclude-small", justification])
        == 2
    )
    assert "--exclude-small needs a justification" in capsys.readouterr().err


def test_help_documents_the_encoding(capsys):
    assert main(["audit", "--help"]) == 0
    assert "--encoding NAME" in capsys.readouterr().out
