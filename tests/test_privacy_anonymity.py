"""Tests for :mod:`hrfair_helpers.privacy.anonymity`: k-anonymity, l-diversity and coarsening an extract.

k, l, the class sizes and the rows below k are checked against a brute-force count (every row
compared with every other row, in plain Python) on many small random frames drawn from a seeded
generator, missing values included; generalisation and dropping against hand-worked examples.
"""

import matplotlib

matplotlib.use("Agg")

import dataclasses
import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.privacy import (
    AnonymityReport,
    anonymity_report,
    class_sizes,
    equivalence_classes,
    generalise,
    k_anonymity,
    l_diversity,
    make_k_anonymous,
)


def same(a, b):
    """Equal as a matcher would see it: two blanks match each other."""
    missing = lambda v: v is None or (isinstance(v, float) and math.isnan(v))  # noqa: E731
    return (missing(a) and missing(b)) or (not missing(a) and not missing(b) and a == b)


def brute_sizes(rows):
    return [sum(all(same(x, y) for x, y in zip(r, other)) for other in rows) for r in rows]


def brute_l(rows, sensitive):
    out = []
    for r in rows:
        values = [s for other, s in zip(rows, sensitive) if all(same(x, y) for x, y in zip(r, other))]
        distinct = []
        for v in values:
            if not any(same(v, d) for d in distinct):
                distinct.append(v)
        out.append(len(distinct))
    return min(out)


def random_frame(rng):
    size = int(rng.integers(1, 25))
    columns = {}
    for name in ("age", "office", "grade")[: int(rng.integers(1, 4))]:
        values = rng.choice([1.0, 2.0, 3.0, np.nan], size=size) if name == "age" else rng.choice(list("abc"), size=size)
        columns[name] = values
    columns["rating"] = rng.choice([1, 2, 3, 4], size=size)
    return pd.DataFrame(columns)


def test_k_l_and_class_sizes_match_a_brute_force_count_on_random_frames():
    rng = np.random.default_rng(0)
    for _ in range(80):
        df = random_frame(rng)
        qi = [c for c in df.columns if c != "rating"]
        rows = [tuple(r) for r in df[qi].itertuples(index=False)]
        sizes = brute_sizes(rows)
        assert k_anonymity(df, qi) == min(sizes)
        assert class_sizes(df, qi).tolist() == sizes
        assert l_diversity(df, qi, "rating") == brute_l(rows, df["rating"].tolist())
        target = int(rng.integers(1, 6))
        rep = anonymity_report(df, qi, k=target, sensitive="rating", l=2)
        assert rep.rows_below_k == sum(s < target for s in sizes)
        assert rep.k == min(sizes) and rep.is_k_anonymous == (min(sizes) >= target)
        assert rep.table["size"].sum() == len(df) and rep.table["size"].is_monotonic_increasing


def test_equivalence_classes_lists_each_combination_once_smallest_first():
    df = pd.DataFrame(
        {"age": [30, 30, 41, 41, 41, None], "office": ["A", "A", "B", "B", "A", "A"], "rating": [1, 2, 3, 3, 1, 2]}
    )
    classes = equivalence_classes(df, ["age", "office"], sensitive="rating")
    assert classes["size"].tolist() == [1, 1, 2, 2]
    assert classes["distinct_sensitive"].tolist() == [1, 1, 2, 1]
    assert classes["age"].isna().sum() == 1  # a blank is a value a matcher can use


def test_the_report_names_the_risk_and_the_l_problem():
    df = pd.DataFrame({"age": [30, 30, 30, 41, 41, 58], "rating": [1, 2, 2, 3, 3, 1]})
    rep = anonymity_report(df, "age", k=2, sensitive="rating")
    assert (rep.k, rep.l, rep.rows_below_k, rep.target_l) == (1, 1, 1, 2)
    assert rep.classes_below_k["age"].tolist() == [58]
    assert "1 person is unique on age" in rep.notes[0]
    assert any("fewer than 2 distinct rating" in note for note in rep.notes)
    text, html = repr(rep), rep._repr_html_()
    assert "k (smallest class): 1 (target 2)" in text and "l (fewest distinct rating): 1 (target 2)" in text
    assert "<table" in html
    ok = anonymity_report(df[df["age"] < 50], "age", k=2)
    assert ok.is_k_anonymous and "2-anonymous" in ok.notes[0] and ok.l is None


def test_generalise_bands_maps_functions_and_withholds():
    df = pd.DataFrame(
        {
            "age": [19, 30, 49.5, 50, 80],
            "office": ["Lisbon", "Porto", "Paris", "Lyon", "Rome"],
            "postcode": ["1000", "1100", "7500", "6900", "0010"],
            "name": list("abcde"),
        }
    )
    out = generalise(
        df,
        {
            "age": [float("-inf"), 30, 50, float("inf")],
            "office": {"Lisbon": "PT", "Porto": "PT"},
            "postcode": lambda s: s.str[:1],
            "name": None,
        },
    )
    assert out["age"].astype(str).tolist() == ["< 30", "[30, 50)", "[30, 50)", ">= 50", ">= 50"]
    assert out["age"].cat.ordered
    assert out["office"].tolist() == ["PT", "PT", "Paris", "Lyon", "Rome"]  # unmapped values kept
    assert out["postcode"].tolist() == ["1", "1", "7", "6", "0"]
    assert (out["name"] == "*").all()
    assert df["age"].tolist()[0] == 19  # the input is not changed
    missing = generalise(pd.DataFrame({"age": [20, None]}), {"age": [0, 100]})
    assert missing["age"].isna().tolist() == [False, True]


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"age": [30, 50]}, r"outside the bin edges \[30, 50\): \[19, 80\]"),
        ({"age": [50, 30]}, "increasing numbers"),
        ({"age": [30]}, "at least two"),
        ({"office": [0, 10]}, "non-numeric values"),
        ({"age": ["a", "b"]}, "must be bin edges"),
        ({"salary": None}, r"columns \['salary'\] not in data"),
        ({}, "non-empty dict"),
        ({"age": lambda s: [1, 2]}, "one value per row"),
    ],
)
def test_generalise_refuses_bad_rules(rules, message):
    df = pd.DataFrame({"age": [19, 30, 80], "office": ["A", "B", "C"]})
    with pytest.raises(ValueError, match=message):
        generalise(df, rules)


def test_make_k_anonymous_coarsens_then_drops_and_counts_the_loss_by_group():
    rng = np.random.default_rng(4)
    df = pd.DataFrame(
        {
            "age": rng.integers(20, 65, 300),
            "sex": rng.choice(["F", "M"], 300),
            "race": rng.choice(["White", "Black", "Asian"], 300, p=[0.8, 0.15, 0.05]),
        }
    )
    df["office"] = np.where(df["race"] == "Asian", "Remote", rng.choice(["A", "B", "C"], 300))
    extract, rep = make_k_anonymous(df, ["age", "sex", "office"], k=5, rules={"age": [20, 35, 50, 65]}, lost_by="race")
    assert k_anonymity(extract, ["age", "sex", "office"]) >= 5 and rep.k >= 5 and rep.is_k_anonymous
    coarse = generalise(df, {"age": [20, 35, 50, 65]})
    sizes = np.array(brute_sizes([tuple(r) for r in coarse[["age", "sex", "office"]].itertuples(index=False)]))
    assert rep.rows_removed == int((sizes < 5).sum()) == len(df) - len(extract) > 0
    assert extract.index.isin(df.index).all() and rep.rows == len(extract)
    assert rep.lost.loc["Asian", "removed"] == rep.lost["removed"].sum()  # only the remote office was small
    assert rep.lost.index[0] == "Asian" and "Asian lost the largest share" in rep.notes[1]
    assert "rows removed" in repr(rep)


def test_make_k_anonymous_without_rules_and_when_nothing_can_be_kept():
    df = pd.DataFrame({"age": [23, 23, 41], "sex": ["F", "F", "M"]})
    extract, rep = make_k_anonymous(df, ["age", "sex"], k=2)
    assert extract.index.tolist() == [0, 1] and rep.rows_removed == 1 and rep.lost is None
    with pytest.raises(ValueError, match="no equivalence class has 3 rows"):
        make_k_anonymous(df, ["age", "sex"], k=3)
    with pytest.raises(ValueError, match="lost_by='race' is not a column"):
        make_k_anonymous(df, ["age", "sex"], k=2, lost_by="race")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda df: k_anonymity(df.iloc[:0], "age"), "no rows"),
        (lambda df: k_anonymity(df, "salary"), r"columns \['salary'\] not in data"),
        (lambda df: k_anonymity(df, []), "one or more column names"),
        (lambda df: k_anonymity(df, ["age", "age"]), "repeat a column"),
        (lambda df: k_anonymity(df.to_numpy(), "age"), "must be a pandas DataFrame"),
        (lambda df: l_diversity(df, "age", "age"), "also a quasi-identifier"),
        (lambda df: l_diversity(df, "age", ["sex"]), "sensitive must be a column name"),
        (lambda df: anonymity_report(df, "age", k=0), "k must be a whole number >= 1"),
        (lambda df: anonymity_report(df, "age", sensitive="sex", l=0), "l must be a whole number >= 1"),
    ],
)
def test_bad_inputs_say_what_to_fix(call, message):
    df = pd.DataFrame({"age": [23, 23, 41], "sex": ["F", "F", "M"]})
    with pytest.raises(ValueError, match=message):
        call(df)


def test_plot_is_a_histogram_of_class_sizes_with_the_target():
    df = pd.DataFrame({"age": [1] * 30 + [2] * 3 + [3]})
    rep = anonymity_report(df, "age", k=5)
    ax = rep.plot()
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == 3 and heights[0] == 1 and heights[2] == 1 and heights[-1] == 1  # 30 lands in the last bar
    assert ax.get_xlim() == (0.5, 20.5) and "2 of 34" not in ax.get_title() and "4 of 34" in ax.get_title()
    plt.close("all")


def test_the_report_follows_the_report_protocol():
    fields = {f.name for f in dataclasses.fields(AnonymityReport)}
    for attr in ("table", "notes", "to_frame", "_repr_html_", "plot"):
        assert attr in fields or hasattr(AnonymityReport, attr)


def test_rows_lost_by_a_numeric_column_with_missing_values():
    data = pd.DataFrame({"site": ["a", "b", "c"] * 10 + ["d"], "age": [30.0, np.nan, 41.0] * 10 + [55.0]})
    _, report = make_k_anonymous(data, ["site"], k=5, lost_by="age")
    assert report.lost.loc["55.0", "removed"] == 1 and report.lost.loc["(missing)", "removed"] == 0
