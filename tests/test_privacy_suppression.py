"""Tests for :mod:`hrfair_helpers.privacy.suppression`: small-cell suppression of published group tables.

The rule at the boundary (n == min_cell is published), the marking (rows kept, blanks NaN, a
reason per row), complementary suppression (checked on random one- and two-way tables against an
independent null-space computation: no suppressed cell may be determined by the published
totals), the edge cases (nothing small, everything small, one other row, one row), linked tables
and the audit reports' tables.
"""

import matplotlib

matplotlib.use("Agg")

import dataclasses

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy.linalg import null_space

from hrfair_helpers.audit import adverse_impact, adverse_impact_from_counts, ll144_bias_audit
from hrfair_helpers.privacy import (
    SuppressedTable,
    suppress_linked_tables,
    suppress_report_table,
    suppress_small_cells,
)


def table(n, selected=None, labels=None, name="group"):
    labels = labels or [f"g{i}" for i in range(len(n))]
    frame = pd.DataFrame({"n": n}, index=pd.Index(labels, name=name))
    if selected is not None:
        frame["selected"] = selected
        frame["selection_rate"] = frame["selected"] / frame["n"]
        frame["small_group"] = frame["n"] < 30
        frame["label"] = "x"  # text: never blanked by default
    return frame


def determined(constraints, suppressed):
    """Cells the equations fix exactly, by the null space: free cells vary along some null vector."""
    matrix = constraints[:, suppressed]
    matrix = matrix[np.abs(matrix).sum(axis=1) > 0]
    out = np.zeros(suppressed.size, dtype=bool)
    if matrix.size == 0:
        return out
    basis = null_space(matrix)
    free = np.abs(basis).max(axis=1) > 1e-8 if basis.size else np.zeros(matrix.shape[1], dtype=bool)
    out[np.flatnonzero(suppressed)] = ~free
    return out


def two_way_constraints(index):
    """Total, row margins and column margins of a two-level table, as 0/1 rows."""
    rows = [np.ones(len(index))]
    for level in range(2):
        values = index.get_level_values(level)
        rows.extend(np.asarray(values == v, dtype=float) for v in values.unique())
    return np.array(rows)


# ------------------------------------------------------------------ primary rule


def test_a_count_equal_to_min_cell_is_published_and_one_below_is_suppressed():
    out = suppress_small_cells(table([10, 9, 8, 50]), min_cell=10)
    assert out.table["suppressed"].tolist() == ["", "n < 10", "n < 10", ""]
    assert out.primary_rows == ["g1", "g2"] and out.complementary_rows == []
    assert out.table.loc["g0", "n"] == 10


def test_suppressed_rows_stay_with_their_label_and_every_derived_column_is_blank():
    out = suppress_small_cells(table([120, 80, 4, 40], [60, 30, 1, 12]), min_cell=10)
    assert list(out.table.index) == ["g0", "g1", "g2", "g3"]
    row = out.table.loc["g2"]
    assert pd.isna(row["n"]) and pd.isna(row["selected"]) and pd.isna(row["selection_rate"])
    assert pd.isna(row["small_group"]) and row["label"] == "x" and row["suppressed"] == "n < 10"
    assert out.columns == ("n", "selected", "selection_rate", "small_group")
    # Integer and boolean columns keep their kind (nullable), published values untouched.
    assert str(out.table["n"].dtype) == "Int64" and str(out.table["small_group"].dtype) == "boolean"
    assert out.table.loc["g0", "selected"] == 60 and out.table.loc["g0", "selection_rate"] == 0.5


def test_nothing_small_leaves_the_table_as_it_was():
    source = table([20, 30, 40], [5, 6, 7])
    out = suppress_small_cells(source, min_cell=10)
    assert out.n_suppressed == 0 and out.suppressed_rows == []
    pd.testing.assert_frame_equal(out.table.drop(columns="suppressed"), source)
    assert out.notes == ["every row has at least 10 behind each checked count; nothing is suppressed"]


def test_checking_selected_and_not_selected_suppresses_small_numerators_and_complements():
    source = table([40, 40, 40, 40, 40], [3, 38, 20, 20, 20])
    out = suppress_small_cells(source, min_cell=10, check=("n", "selected", "not_selected"), complementary=False)
    assert out.table["suppressed"].tolist() == ["selected < 10", "not selected < 10", "", "", ""]
    only_n = suppress_small_cells(source, min_cell=10)
    assert only_n.n_suppressed == 0


def test_reasons_combine_when_several_counts_are_small():
    out = suppress_small_cells(table([5, 50, 50], [0, 25, 25]), min_cell=10, check=["n", "selected"])
    assert out.table.loc["g0", "suppressed"] == "n < 10; selected < 10"


def test_explicit_columns_blank_only_those():
    out = suppress_small_cells(table([5, 50, 60], [1, 25, 30]), min_cell=10, columns=["n", "selected"])
    assert out.columns == ("n", "selected")
    assert out.table.loc["g0", "selection_rate"] == 0.2  # the caller said it is not derived


# ------------------------------------------------------------------ complementary suppression


def test_one_small_row_takes_the_smallest_other_row_with_it():
    out = suppress_small_cells(table([120, 80, 4, 15, 30]), min_cell=10)
    assert out.primary_rows == ["g2"] and out.complementary_rows == ["g3"]
    assert "complementary" in out.notes[1] and "g3" in out.notes[1]


def test_two_small_rows_protect_each_other():
    out = suppress_small_cells(table([120, 3, 4, 30]), min_cell=10)
    assert out.primary_rows == ["g1", "g2"] and out.complementary_rows == []


def test_only_one_other_row_suppresses_both():
    out = suppress_small_cells(table([3, 500]), min_cell=10)
    assert out.table["suppressed"].tolist() == ["n < 10", "complementary"]
    assert any("every row is suppressed" in note for note in out.notes)


def test_all_rows_small_are_all_suppressed_and_nothing_is_exposed():
    out = suppress_small_cells(table([1, 2, 3]), min_cell=10)
    assert out.primary_rows == ["g0", "g1", "g2"] and out.complementary_rows == []
    assert not any("can still be worked out" in note for note in out.notes)


def test_a_single_small_row_is_exposed_by_its_total_and_the_note_says_so():
    out = suppress_small_cells(table([3]), min_cell=10)
    assert out.n_suppressed == 1
    assert any("can still be worked out" in note for note in out.notes)


def test_without_a_published_total_no_complementary_row_and_the_sum_is_private():
    out = suppress_small_cells(table([120, 80, 4]), min_cell=10, complementary=False)
    assert out.suppressed_rows == ["g2"] and out.people_suppressed == 4
    assert any("keep this number private" in note for note in out.notes)


def test_random_one_way_tables_never_leave_a_lone_suppressed_row():
    rng = np.random.default_rng(1)
    for _ in range(150):
        size = int(rng.integers(1, 9))
        n = rng.integers(0, 30, size=size)
        min_cell = int(rng.integers(1, 15))
        out = suppress_small_cells(table(n.tolist()), min_cell=min_cell)
        marked = (out.table["suppressed"] != "").to_numpy()
        primary = n < min_cell
        assert (marked >= primary).all()  # every small row is suppressed
        assert marked.sum() != 1 or size == 1  # zero, or at least two (unless the table is one row)
        if primary.sum() == 1 and size > 1:  # exactly one complementary row: the smallest other
            others = np.where(primary, np.iinfo(np.int64).max, n)
            assert out.complementary_rows == [f"g{int(np.argmin(others))}"]
        if not primary.any():
            assert not marked.any()
        assert out.people_suppressed == int(n[marked].sum())


def test_random_two_way_tables_leave_no_suppressed_cell_determined_by_the_margins():
    rng = np.random.default_rng(2)
    for _ in range(60):
        rows, cols = int(rng.integers(2, 5)), int(rng.integers(2, 5))
        index = pd.MultiIndex.from_product(
            [[f"r{i}" for i in range(rows)], [f"c{j}" for j in range(cols)]], names=["sex", "race"]
        )
        n = rng.integers(0, 40, size=rows * cols)
        out = suppress_small_cells(pd.DataFrame({"n": n}, index=index), min_cell=10)
        marked = (out.table["suppressed"] != "").to_numpy()
        assert (marked >= (n < 10)).all()
        assert not determined(two_way_constraints(index), marked).any()


def test_linked_tables_protect_through_the_margin_table():
    inter = pd.DataFrame(
        {"n": [50, 40, 30, 4]},
        index=pd.MultiIndex.from_tuples([("F", "a"), ("F", "b"), ("M", "a"), ("M", "b")], names=["sex", "race"]),
    )
    sex = inter.groupby(level="sex").sum()
    race = inter.groupby(level="race").sum()
    out = suppress_linked_tables({"sex": sex, "race": race, "intersectional": inter}, min_cell=10)
    assert out["intersectional"].primary_rows == [("M", "b")]
    assert out["intersectional"].n_suppressed == 4 and out["sex"].n_suppressed == 0
    assert all(note.startswith("intersectional table: ") for note in out["intersectional"].notes)
    # A small margin row is suppressed in its own table, and its cells below it with it.
    sex_small = pd.DataFrame({"n": [60, 5]}, index=pd.Index(["F", "X"], name="sex"))
    inter_small = pd.DataFrame(
        {"n": [30, 30, 2, 3]},
        index=pd.MultiIndex.from_tuples([("F", "a"), ("F", "b"), ("X", "a"), ("X", "b")], names=["sex", "race"]),
    )
    out = suppress_linked_tables({"sex": sex_small, "intersectional": inter_small}, min_cell=10)
    assert out["sex"].suppressed_rows == ["F", "X"]  # a one-way table of two rows: both go
    assert out["intersectional"].primary_rows == [("X", "a"), ("X", "b")]


# ------------------------------------------------------------------ the audit reports' tables


def test_an_adverse_impact_table_is_suppressed_with_its_ratios_and_p_values():
    rep = adverse_impact_from_counts(
        pd.Series({"A": 200, "B": 150, "C": 6, "D": 40}), pd.Series({"A": 100, "B": 60, "C": 1, "D": 10})
    )
    out = suppress_report_table(rep.table, 10, reference=rep.reference)
    assert out.primary_rows == ["C"] and out.complementary_rows == ["D"]
    for column in ("n", "selected", "selection_rate", "impact_ratio", "adverse_impact", "p_value_fisher", "shortfall"):
        assert out.table.loc[["C", "D"], column].isna().all(), column
    assert not any("reference group" in note for note in out.notes)


def test_a_suppressed_reference_group_blanks_every_ratio_and_says_why():
    rep = adverse_impact_from_counts(pd.Series({"A": 200, "B": 5, "C": 150}), pd.Series({"A": 20, "B": 4, "C": 30}))
    assert rep.reference == "B"
    out = suppress_report_table(rep.table, 10, reference=rep.reference)
    assert out.table.loc["A", "suppressed"] == "" and out.table.loc["A", "selection_rate"] == 0.1
    assert out.table["impact_ratio"].isna().all() and out.table["p_value_fisher"].isna().all()
    assert any("reference group B is suppressed" in note for note in out.notes)
    # With every other row suppressed too, nothing is left to protect and no note is needed.
    alone = adverse_impact_from_counts(pd.Series({"A": 200, "B": 5}), pd.Series({"A": 20, "B": 4}))
    assert not any("reference group" in note for note in suppress_report_table(alone.table, 10, reference="B").notes)


def test_ll144_tables_scoring_columns_are_found_and_linked_tables_work():
    rng = np.random.default_rng(3)
    people = pd.DataFrame(
        {
            "sex": rng.choice(["Male", "Female"], 300),
            "race": rng.choice(["White", "Asian", "Black or African American"], 300, p=[0.6, 0.37, 0.03]),
            "score": rng.random(300),
        }
    )
    rep = ll144_bias_audit(people, sex="sex", race_ethnicity="race", score="score")
    out = suppress_report_table(rep.race_ethnicity, 10, check=("n", "selected", "not_selected"))
    assert out.primary_rows == ["Black or African American"] and "scored_above_median" in out.columns
    linked = suppress_linked_tables(rep.tables(), min_cell=10, check=("n", "selected"), references=rep.reference)
    assert set(linked) == {"sex", "race_ethnicity", "intersectional"}
    assert "scored_above_median" in linked["sex"].columns  # found without selected_column='scored_above_median'
    # A suppressed reference group gets the same note as in suppress_report_table.
    small_ref = {"race_ethnicity": "Black or African American"}
    noted = suppress_linked_tables(rep.tables(), min_cell=10, references=small_ref)["race_ethnicity"].notes
    assert any("reference group Black or African American is suppressed" in note for note in noted)
    inter = linked["intersectional"]
    assert {("Female", "Black or African American"), ("Male", "Black or African American")} <= set(
        inter.suppressed_rows
    )


def test_display_says_suppressed_not_nan():
    out = suppress_small_cells(table([120, 80, 4, 15], [60, 30, 1, 5]), min_cell=10)
    marked = out.to_frame(marked=True)
    assert marked.loc["g2", "selection_rate"] == "suppressed (<10)"
    assert marked.loc["g3", "n"] == "suppressed (complementary)"
    assert marked.loc["g0", "n"] == "120" and marked.loc["g0", "selection_rate"] == "0.500"
    html, text = out._repr_html_(), repr(out)
    assert "suppressed (&lt;10)" in html and "<td>NaN" not in html and "<td>–" not in html
    shown = text.split("\nNote:")[0]  # the table, before the notes (which explain NaN)
    assert "suppressed (<10)" in shown and "NaN" not in shown and "<NA>" not in shown
    assert "publish when: n >= 10" in text
    assert out.to_frame() is not out.table and out.to_frame().equals(out.table)


def test_plot_draws_rates_on_a_fixed_axis_and_labels_suppressed_rows():
    out = suppress_small_cells(table([120, 80, 4, 15], [60, 30, 1, 5]), min_cell=10)
    ax = out.plot()
    assert ax.get_xlim() == (0, 1) and len(ax.patches) == 4
    assert sorted(t.get_text() for t in ax.texts) == ["suppressed (complementary)", "suppressed (n < 10)"]
    with pytest.raises(ValueError, match="not a column"):
        out.plot(column="nope")
    plt.close("all")


def test_the_result_follows_the_report_protocol():
    fields = {f.name for f in dataclasses.fields(SuppressedTable)}
    for attr in ("table", "notes", "to_frame", "_repr_html_", "plot"):
        assert attr in fields or hasattr(SuppressedTable, attr)


# ------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"min_cell": 0}, "min_cell must be a whole number >= 1"),
        ({"min_cell": 2.5}, "min_cell must be a whole number"),
        ({"min_cell": True}, "min_cell must be a whole number"),
        ({"min_cell": 10, "check": ("n", "hired")}, "check must name counts"),
        ({"min_cell": 10, "check": ()}, "check must name at least one"),
        ({"min_cell": 10, "count_column": "people"}, "has no column 'people'"),
        ({"min_cell": 10, "check": "selected", "selected_column": "hired"}, "has no column 'hired'"),
        ({"min_cell": 10, "columns": ["selected"]}, "columns must include 'n'"),
        ({"min_cell": 10, "columns": ["n", "zzz"]}, "not in the table"),
        ({"min_cell": 10, "complementary": "yes"}, "complementary must be True or False"),
    ],
)
def test_bad_arguments_say_what_to_fix(kwargs, message):
    with pytest.raises(ValueError, match=message):
        suppress_small_cells(table([20, 5], [3, 1]), **kwargs)


@pytest.mark.parametrize(
    ("frame", "message"),
    [
        (pd.DataFrame({"n": [1.5, 20]}), "whole numbers of people"),
        (pd.DataFrame({"n": [np.nan, 20]}), "whole numbers of people"),
        (pd.DataFrame({"n": [-1, 20]}), "whole numbers of people"),
        (pd.DataFrame({"n": [20, 20], "suppressed": ["", ""]}), "already has a 'suppressed' column"),
        (pd.DataFrame({"n": [20, 20]}, index=["a", "a"]), "repeated group labels"),
        (pd.DataFrame({"n": []}), "no rows"),
        ([20, 5], "must be a pandas DataFrame"),
    ],
)
def test_bad_tables_say_what_to_fix(frame, message):
    with pytest.raises(ValueError, match=message):
        suppress_small_cells(frame, min_cell=10)


def test_selected_above_n_and_bad_report_tables_are_refused():
    with pytest.raises(ValueError, match="selected exceeds n"):
        suppress_small_cells(pd.DataFrame({"n": [5, 20], "selected": [6, 1]}), min_cell=3, check="selected")
    with pytest.raises(ValueError, match="an 'n' column"):
        suppress_report_table(pd.DataFrame({"people": [5]}), 10)
    with pytest.raises(ValueError, match="non-empty dict"):
        suppress_linked_tables({}, min_cell=10)


def test_adverse_impact_from_rows_then_suppression_end_to_end():
    df = pd.DataFrame({"race": ["A"] * 100 + ["B"] * 60 + ["C"] * 7, "hired": [1, 0] * 50 + [1, 0, 0] * 20 + [1] * 7})
    rep = adverse_impact("hired", "race", data=df)
    out = suppress_report_table(rep.table, 10, reference=rep.reference)
    assert out.suppressed_rows == ["B", "C"] and out.people_suppressed == 67
    assert any("reference group C is suppressed" in note for note in out.notes)
