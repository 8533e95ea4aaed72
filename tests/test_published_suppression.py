"""Published audit outputs with small-cell suppression (issue 18): ``min_cell`` on the reports and the CLI.

Suppressed categories keep their row and label, every number is blanked and the reason is shown;
nothing is silently dropped, and the small counts appear nowhere in what is published.
"""

import json

import pandas as pd
import pytest

from hrfair_helpers.audit import adverse_impact, adverse_impact_from_counts, ll144_bias_audit
from hrfair_helpers.cli import main
from hrfair_helpers.datasets import make_applicant_pool


@pytest.fixture(scope="module")
def pool():
    return make_applicant_pool(n=3000, seed=1)


@pytest.fixture(scope="module")
def ll144(pool):
    return ll144_bias_audit(pool, sex="sex", race_ethnicity="race_ethnicity", selected="advanced")


def test_a_group_of_exactly_min_cell_is_published_and_one_fewer_is_not():
    # Two small groups: their sum is all the total gives away, so no complementary row is needed.
    n = pd.Series({"A": 50, "B": 40, "C": 10, "D": 9, "E": 8})
    report = adverse_impact_from_counts(n, pd.Series({"A": 25, "B": 12, "C": 4, "D": 3, "E": 2}))
    frame = report.to_frame(min_cell=10)
    assert frame["suppressed"].tolist() == ["", "", "", "n < 10", "n < 10"]
    assert frame.loc["C", "n"] == 10
    assert frame.loc[["D", "E"], ["n", "selected", "selection_rate", "impact_ratio"]].isna().all(axis=None)
    assert list(frame.index) == ["A", "B", "C", "D", "E"]  # never dropped


def test_one_small_group_takes_the_next_smallest_with_it():
    n = pd.Series({"A": 50, "B": 40, "C": 10, "D": 9})
    frame = adverse_impact_from_counts(n, pd.Series({"A": 25, "B": 12, "C": 4, "D": 3})).to_frame(min_cell=10)
    # With the total published, D alone would be the total minus the rest.
    assert frame["suppressed"].tolist() == ["", "", "complementary", "n < 10"]


def test_no_small_cell_changes_nothing_and_the_unsuppressed_frame_is_the_table():
    sel = [1, 0] * 30 + [1, 1, 0] * 20
    groups = ["a"] * 60 + ["b"] * 60
    report = adverse_impact(sel, groups)
    pd.testing.assert_frame_equal(report.to_frame(), report.table)
    suppressed = report.to_frame(min_cell=10)
    assert (suppressed["suppressed"] == "").all()
    pd.testing.assert_frame_equal(suppressed.drop(columns="suppressed"), report.table, check_dtype=False)


def test_min_cell_must_be_a_whole_number_of_people():
    report = adverse_impact_from_counts(pd.Series({"A": 50, "B": 40}), pd.Series({"A": 25, "B": 12}))
    with pytest.raises(ValueError, match="min_cell"):
        report.to_frame(min_cell=0)


def test_ll144_summary_marks_suppressed_categories_and_prints_none_of_their_counts(ll144):
    small = ll144.intersectional[ll144.intersectional["n"] < 30]
    assert len(small)  # the pool has small intersections
    markdown = ll144.to_markdown(min_cell=30)
    assert "Small-cell suppression" in markdown
    for label, row in small.iterrows():
        line = next(line for line in markdown.splitlines() if line.startswith(f"| {label[0]} × {label[1]} |"))
        assert "suppressed" in line and f"| {int(row['n'])} |" not in line
    html = ll144.to_html(min_cell=30)
    assert html.count(">suppressed<") >= 4 * len(small)
    frame = ll144.to_frame(min_cell=30)
    hidden = frame[frame["suppressed"] != ""]
    assert hidden["n"].isna().all() and len(hidden) >= len(small)
    assert len(frame) == len(ll144.to_frame())  # every category keeps its row


def test_cli_min_cell_in_every_format(pool, tmp_path):
    path = tmp_path / "pool.csv"
    pool.to_csv(path, index=False)
    args = ["audit", str(path), "--outcome", "advanced", "--sex", "sex", "--race", "race_ethnicity", "--quiet"]
    out = tmp_path / "report"
    assert main([*args, "--min-cell", "30", "--format", "csv", "--out", str(out.with_suffix(".csv"))]) == 0
    csv = pd.read_csv(out.with_suffix(".csv"), keep_default_na=False)
    assert (csv["suppressed"] != "").sum() >= 4
    assert (csv.loc[csv["suppressed"] != "", "n"] == "").all()
    assert main([*args, "--min-cell", "30", "--format", "json", "--out", str(out.with_suffix(".json"))]) == 0
    payload = json.loads(out.with_suffix(".json").read_text())
    assert payload["min_cell"] == 30 and any(row["suppressed"] for row in payload["rows"])
    assert main([*args, "--min-cell", "30", "--out", str(out.with_suffix(".md"))]) == 0
    markdown = out.with_suffix(".md").read_text()
    review = markdown.split("## Four-fifths review")[1]
    assert "suppressed" in review


def test_cli_refuses_a_min_cell_below_one(pool, tmp_path, capsys):
    path = tmp_path / "pool.csv"
    pool.head(200).to_csv(path, index=False)
    args = ["audit", str(path), "--outcome", "advanced", "--sex", "sex", "--race", "race_ethnicity", "--quiet"]
    assert main([*args, "--min-cell", "0"]) == 2
    assert "--min-cell must be a whole number" in capsys.readouterr().err


def test_ratios_against_a_suppressed_reference_are_not_published():
    # The small group has the highest rate, so it is the reference: every published ratio would give its rate.
    report = adverse_impact_from_counts(pd.Series({"A": 5, "B": 40, "C": 60}), pd.Series({"A": 5, "B": 12, "C": 30}))
    frame = report.to_frame(min_cell=10)
    assert frame.loc["C", "suppressed"] == "" and frame.loc["C", "selection_rate"] == 0.5
    assert frame[["impact_ratio", "p_value_fisher", "z_stat"]].isna().all(axis=None)
    assert any("are not published either" in note for note in report.suppressed(10).notes)


@pytest.fixture(scope="module")
def small_top(tmp_path_factory):
    """A pool where a tiny category (all selected) sets the reference and is under 2% of the data."""
    rows = [
        (sex, race, int(i % 10 < rate))
        for sex in ("Male", "Female")
        for race, n, rate in (("White", 250, 4), ("Black or African American", 100, 3), ("Hispanic or Latino", 80, 2))
        for i in range(n)
    ]
    rows += [("Male", "Asian", 1)] * 3 + [("Female", "Asian", 1)] * 2
    path = tmp_path_factory.mktemp("small") / "pool.csv"
    pd.DataFrame(rows, columns=["sex", "race", "sel"]).to_csv(path, index=False)
    return path


def test_ll144_with_min_cell_publishes_no_number_that_gives_a_small_category_away(small_top, capsys):
    args = [
        "audit",
        str(small_top),
        "--outcome",
        "sel",
        "--sex",
        "sex",
        "--race",
        "race",
        "--min-cell",
        "10",
        "--quiet",
    ]
    assert main(args) == 0
    markdown = capsys.readouterr().out
    race = markdown.split("### Race/ethnicity categories")[1].split("###")[0]
    assert "| White | 500 | 200 | 0.400 | suppressed |" in race  # the reference (Asian) is suppressed
    assert main([*args, "--exclude-small", "under 2% of applicants", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    asian = [e for e in payload["exclusions"] if e["category"] == "Asian"]
    assert asian and asian[0]["suppressed"] and not {"n", "share", "rate"} & set(asian[0])
    assert main([*args, "--exclude-small", "under 2% of applicants"]) == 0
    notes = capsys.readouterr().out.split("### Notes")[1]
    assert "lowest ratio" not in notes and "would divide by" not in notes
