"""Tests for the synthetic LL144 applicant pool (hrfair_helpers.datasets.applicants).

Performance is not tested here (it belongs in benchmarks); the generator is vectorised.
Seeded-generator contract (same bytes in a fresh interpreter, no global random state, bad n/seed)
is covered by tests/test_generators.py.
"""

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from hrfair_helpers.audit import ll144_bias_audit
from hrfair_helpers.audit.ll144 import RACE_ETHNICITY_CATEGORIES
from hrfair_helpers.datasets import (
    ADVANCE_SHARE,
    APPLICANT_EFFECTS,
    QUALIFIED_RATE,
    RACE_SHARES,
    SEX_SHARES,
    make_applicant_pool,
)
from hrfair_helpers.datasets.applicants import _ids

COLUMNS = ["applicant_id", "sex", "race_ethnicity", "qualified", "score", "advanced"]
BLACK = "Black or African American"
SMALL = ("Native Hawaiian or Other Pacific Islander", "American Indian or Alaska Native")


@pytest.fixture(scope="module")
def pool():
    return make_applicant_pool(n=5000, seed=0)


@pytest.fixture(scope="module")
def big():
    return make_applicant_pool(n=200_000, seed=11)


def _audit(df, **kwargs):
    return ll144_bias_audit(df, sex="sex", race_ethnicity="race_ethnicity", selected="advanced", **kwargs)


# --------------------------------------------------------------------------- #
# shape, columns, dtypes


def test_columns_and_dtypes(pool):
    assert list(pool.columns) == COLUMNS
    assert len(pool) == 5000
    assert isinstance(pool.index, pd.RangeIndex)
    assert pool["applicant_id"].dtype == object
    assert all(isinstance(v, str) for v in pool["applicant_id"].head(20))
    assert isinstance(pool["sex"].dtype, pd.CategoricalDtype)
    assert isinstance(pool["race_ethnicity"].dtype, pd.CategoricalDtype)
    assert list(pool["sex"].cat.categories) == ["Female", "Male", "Unknown"]
    assert list(pool["race_ethnicity"].cat.categories) == [*RACE_ETHNICITY_CATEGORIES, "Unknown"]
    for col in ("qualified", "advanced"):
        assert pool[col].dtype == np.int64, col
        assert set(pool[col].unique()) <= {0, 1}, col
    assert pool["score"].dtype == np.float64
    assert not pool.isna().any().any()


def test_applicant_ids(pool):
    ids = pool["applicant_id"]
    assert ids.iloc[0] == "A000001" and ids.iloc[-1] == "A005000"
    assert ids.is_unique
    assert ids.str.fullmatch(r"A\d{6}").all()


def test_applicant_ids_widen_past_a_million():
    ids = _ids(1_000_001)
    assert ids[0] == "A0000001" and ids[999_999] == "A1000000" and ids[-1] == "A1000001"


def test_scores_in_range_with_one_decimal(pool):
    score = pool["score"].to_numpy()
    assert score.min() >= 0 and score.max() <= 100
    np.testing.assert_array_equal(score, np.round(score, 1))


def test_deterministic_and_seed_dependent(pool):
    pd.testing.assert_frame_equal(pool, make_applicant_pool(n=5000, seed=0))
    other = make_applicant_pool(n=5000, seed=1)
    assert not pool[["score", "advanced"]].equals(other[["score", "advanced"]])


@pytest.mark.parametrize("n, advanced", [(1, 0), (2, 1), (3, 1), (5, 2), (10, 3), (5000, 1500)])
def test_small_and_exact_advance_counts(n, advanced):
    df = make_applicant_pool(n=n, seed=4)
    assert len(df) == n
    assert int(df["advanced"].sum()) == advanced


# --------------------------------------------------------------------------- #
# documented constants


def test_documented_constants():
    assert sum(SEX_SHARES.values()) == pytest.approx(1.0)
    assert sum(RACE_SHARES.values()) == pytest.approx(1.0)
    assert list(SEX_SHARES) == ["Female", "Male", "Unknown"]
    assert list(RACE_SHARES) == [*RACE_ETHNICITY_CATEGORIES, "Unknown"]
    assert SEX_SHARES["Unknown"] == pytest.approx(0.06)
    assert RACE_SHARES["Unknown"] == pytest.approx(0.08)
    assert all(RACE_SHARES[c] < 0.02 for c in SMALL)
    e = APPLICANT_EFFECTS
    assert e["score_female"] < 0 and e["score_black"] < 0
    # the intersectional penalty alone is larger than the two main effects together
    assert abs(e["score_black_female"]) > abs(e["score_female"]) + abs(e["score_black"])
    assert 0 < QUALIFIED_RATE < 1 and ADVANCE_SHARE == 0.30


# --------------------------------------------------------------------------- #
# shares, independence of the ground truth


def test_shares_within_tolerance(big):
    n = len(big)
    for column, shares in (("sex", SEX_SHARES), ("race_ethnicity", RACE_SHARES)):
        observed = big[column].value_counts(normalize=True)
        for label, p in shares.items():
            tolerance = 5 * np.sqrt(p * (1 - p) / n)
            assert abs(observed[label] - p) < tolerance, (column, label, observed[label], p)
    assert big["qualified"].mean() == pytest.approx(QUALIFIED_RATE, abs=5 * np.sqrt(0.35 * 0.65 / n))


def test_sex_and_race_drawn_independently(big):
    _, p, _, _ = stats.chi2_contingency(pd.crosstab(big["sex"], big["race_ethnicity"]))
    assert p > 0.01


@pytest.mark.parametrize("column", ["sex", "race_ethnicity"])
def test_qualification_independent_of_groups(column):
    df = make_applicant_pool(n=50_000, seed=5)
    table = pd.crosstab(df[column], df["qualified"])
    _, p, _, _ = stats.chi2_contingency(table)
    assert p > 0.01, (column, p)
    intersection = pd.crosstab([df["sex"], df["race_ethnicity"]], df["qualified"])
    assert stats.chi2_contingency(intersection)[1] > 0.01


# --------------------------------------------------------------------------- #
# the tool's score and selection


def test_advanced_is_the_top_share_by_score(pool):
    adv = pool["advanced"].to_numpy() == 1
    score = pool["score"].to_numpy()
    assert adv.sum() == round(ADVANCE_SHARE * len(pool))
    assert score[adv].min() >= score[~adv].max()
    # the cut-off score is shared by advanced and not advanced applicants: a tie broken by the rng
    cut = score[adv].min()
    assert (score[~adv] == cut).any()


def test_tie_break_is_seeded():
    a = make_applicant_pool(n=3000, seed=8)
    b = make_applicant_pool(n=3000, seed=8)
    np.testing.assert_array_equal(a["advanced"].to_numpy(), b["advanced"].to_numpy())


def test_score_depends_on_qualification(big):
    means = big.groupby("qualified")["score"].mean()
    assert means[1] - means[0] == pytest.approx(APPLICANT_EFFECTS["score_qualified"], abs=0.5)


def test_injected_score_effects_match_the_documentation(big):
    known = big[(big["sex"] != "Unknown") & big["race_ethnicity"].isin(["White", BLACK])]
    means = known.groupby(["sex", "race_ethnicity"], observed=True)["score"].mean()
    wm, wf = means[("Male", "White")], means[("Female", "White")]
    bm, bf = means[("Male", BLACK)], means[("Female", BLACK)]
    e = APPLICANT_EFFECTS
    assert wf - wm == pytest.approx(e["score_female"], abs=0.6)
    assert bm - wm == pytest.approx(e["score_black"], abs=0.6)
    assert (bf - bm) - (wf - wm) == pytest.approx(e["score_black_female"], abs=1.0)


def test_ties_at_the_median(pool):
    median = pool["score"].median()
    assert (pool["score"] == median).sum() >= 2
    rep = ll144_bias_audit(pool, sex="sex", race_ethnicity="race_ethnicity", score="score")
    assert rep.median_score == median
    above = int((pool["score"] > median).sum())
    assert above < len(pool) / 2  # the tied scores at the median are not "above the median"


def test_gap_in_advanced_is_larger_for_the_intersection(big):
    rep = _audit(big)
    female = rep.sex.loc["Female", "impact_ratio"]
    black = rep.race_ethnicity.loc[BLACK, "impact_ratio"]
    black_women = rep.intersectional.loc[("Female", BLACK), "impact_ratio"]
    assert female < 0.9 and black < 0.85
    assert black_women < min(female, black) - 0.15
    # superadditive: the shortfall of Black women exceeds the two main shortfalls together
    assert 1 - black_women > (1 - female) + (1 - black)
    # groups with no injected effect stay close to the top (small cells, whose rates are noisy and
    # may set the reference, are excluded here as 6 RCNY §5-301(d) allows)
    rep = _audit(big, exclude_small=True, justification="under 2% of the data")
    for label in ("Hispanic or Latino", "White", "Asian", "Two or More Races"):
        assert rep.race_ethnicity.loc[label, "impact_ratio"] > 0.95, label
    for label in ("Hispanic or Latino", "White", "Asian"):
        assert rep.intersectional.loc[("Male", label), "impact_ratio"] > 0.95, label


def test_gap_is_not_explained_by_qualification(big):
    qualified = big[big["qualified"] == 1]
    rep = _audit(qualified)
    assert rep.intersectional.loc[("Female", BLACK), "impact_ratio"] < 0.75


def test_category_under_two_percent(pool, big):
    for df in (pool, big):
        rep = _audit(df)
        small = rep.race_ethnicity.index[rep.race_ethnicity["below_2_percent"].to_numpy()]
        assert set(SMALL) <= set(small)
        assert not rep.race_ethnicity.loc[[BLACK, "White"], "below_2_percent"].any()
    rep = _audit(pool, exclude_small=True, justification="under 2% of the data")
    excluded = {e["category"] for e in rep.exclusions if e["table"] == "race_ethnicity"}
    assert excluded == set(SMALL)


def test_unknown_categories_are_counted(pool):
    rep = _audit(pool)
    sex_unknown = int((pool["sex"] == "Unknown").sum())
    race_unknown = int((pool["race_ethnicity"] == "Unknown").sum())
    either = int(((pool["sex"] == "Unknown") | (pool["race_ethnicity"] == "Unknown")).sum())
    assert rep.unknown_count == {"sex": sex_unknown, "race_ethnicity": race_unknown, "intersectional": either}
    assert 0.04 < sex_unknown / len(pool) < 0.08
    assert 0.06 < race_unknown / len(pool) < 0.10
