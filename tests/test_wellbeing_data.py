"""Tests for hrfair_helpers.datasets.wellbeing (seeded wellbeing-programme records, burnout flags).

The causal claims the docstring and the datasheet make, (a) flag rates that look fair by sex,
(b) more misses (false negatives) for part-time caregivers, night shifts, other first languages
and some sex x ethnicity cells, (c) intersection cells under 10 people, (d) non-responders missing
from the flags, are checked on seeds 0-4 with the package's own audit and cross-checked with
pandas.
"""

from __future__ import annotations

import functools
import hashlib
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers import datasets
from hrfair_helpers.audit import adverse_impact, group_metrics
from hrfair_helpers.datasets.wellbeing import (
    AGE_BANDS,
    CAUSAL_GRAPH,
    DEPARTMENTS,
    ETHNICITIES,
    FLAG_SHARE,
    MANAGER_NOTES,
    MIN_EMPLOYEES,
    NEUTRAL_ANSWER,
    PREFER_NOT_TO_SAY,
    SCORE_WEIGHTS,
    SIGNAL_COLUMNS,
    SURVEY_ITEMS,
    WELLBEING_COLUMNS,
    burnout_risk_score,
    flag_for_outreach,
    make_wellbeing_data,
)

# Written out by hand: the documented columns, in order.
COLUMNS = [
    "employee_id",
    "department",
    "role_level",
    "contract",
    "shift",
    "tenure_years",
    "sex",
    "age_band",
    "ethnicity",
    "disability",
    "caregiver",
    "first_language",
    "responded",
    "survey_workload",
    "survey_support",
    "survey_autonomy",
    "survey_recognition",
    "survey_intent_to_stay",
    "recorded_overtime_hours",
    "actual_overtime_hours",
    "after_hours_messages",
    "sick_days_90d",
    "leave_days_90d",
    "manager_note",
    "burnout_next_quarter",
    "risk_score",
    "flagged",
    "support_offered",
]
CATEGORIES = {
    "department": list(DEPARTMENTS),
    "role_level": ["frontline", "specialist", "manager"],
    "contract": ["full_time", "part_time"],
    "shift": ["day", "night"],
    "sex": ["woman", "man", "non-binary", PREFER_NOT_TO_SAY],
    "age_band": list(AGE_BANDS),
    "ethnicity": [*ETHNICITIES, PREFER_NOT_TO_SAY],
    "disability": ["no", "yes", PREFER_NOT_TO_SAY],
    "caregiver": ["no", "yes"],
    "first_language": ["english", "other"],
    "support_offered": ["none", "eap_referral", "workload_review"],
}
FLOAT_COLUMNS = [
    "tenure_years",
    *(f"survey_{item}" for item in SURVEY_ITEMS),
    "recorded_overtime_hours",
    "actual_overtime_hours",
    "after_hours_messages",
    "risk_score",
]
INT_COLUMNS = ["sick_days_90d", "leave_days_90d", "burnout_next_quarter", "flagged"]
# Columns that may hold NaN; every other column is complete.
MAY_BE_MISSING = {"sex", "ethnicity", "disability", "after_hours_messages", *(f"survey_{i}" for i in SURVEY_ITEMS)}
SEEDS = (0, 1, 2, 3, 4)
UNKNOWN = [PREFER_NOT_TO_SAY]


def _sha(df: pd.DataFrame) -> str:
    return hashlib.sha256(df.to_csv(index=False).encode("utf-8")).hexdigest()


@functools.cache
def _data(seed: int = 0, n: int = 4000) -> pd.DataFrame:
    return make_wellbeing_data(n=n, seed=seed)


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    return _data(0).copy()


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    return make_wellbeing_data(n=40_000, seed=9)


def _by(df: pd.DataFrame, groups) -> pd.DataFrame:
    """FNR and flag rate by group with the package's audit; positives = people who burned out."""
    table = group_metrics("burnout_next_quarter", "flagged", groups, data=df, unknown=UNKNOWN).by_group
    return table.assign(positives=(table["n"] * table["base_rate"]).round().astype(int))


def _miss_rate(df: pd.DataFrame, mask: pd.Series) -> float:
    """The false-negative rate by hand: the share of those who burned out who were not flagged."""
    burned_out = mask & (df["burnout_next_quarter"] == 1)
    return 1.0 - df.loc[burned_out, "flagged"].mean()


def _part_time_caregiver(df: pd.DataFrame) -> pd.Series:
    both = (df["contract"] == "part_time") & (df["caregiver"] == "yes")
    return pd.Series(np.where(both, "part-time caregiver", "everyone else"), index=df.index, name="group")


# -- determinism -------------------------------------------------------------------------


def test_same_arguments_same_bytes(df):
    assert _sha(make_wellbeing_data()) == _sha(df)
    assert _sha(make_wellbeing_data(n=4000, seed=0)) == _sha(df)
    assert _sha(make_wellbeing_data(n=np.int64(600), seed=np.int32(5))) == _sha(make_wellbeing_data(600, 5))


def test_different_seeds_and_sizes_differ():
    assert _sha(make_wellbeing_data(n=600, seed=0)) != _sha(make_wellbeing_data(n=600, seed=1))
    assert _sha(make_wellbeing_data(n=600, seed=0)) != _sha(make_wellbeing_data(n=601, seed=0).head(600))


def test_same_bytes_in_a_fresh_interpreter():
    code = (
        "import hashlib; from hrfair_helpers.datasets import make_wellbeing_data; "
        "print(hashlib.sha256(make_wellbeing_data(n=700, seed=3).to_csv(index=False).encode('utf-8')).hexdigest())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == _sha(make_wellbeing_data(n=700, seed=3))


def test_no_global_random_state():
    # The legacy global state is what this test watches, so it has to set and read it.
    np.random.seed(1)  # noqa: NPY002
    first = make_wellbeing_data(n=500, seed=7)
    state = np.random.get_state()  # noqa: NPY002
    np.random.seed(2)  # noqa: NPY002
    pd.testing.assert_frame_equal(first, make_wellbeing_data(n=500, seed=7))
    np.random.seed(1)  # noqa: NPY002
    make_wellbeing_data(n=500, seed=7)
    assert all(np.array_equal(a, b) for a, b in zip(state, np.random.get_state()))  # noqa: NPY002


def test_fast_enough():
    make_wellbeing_data()  # warm up
    best = min(_timed(make_wellbeing_data) for _ in range(3))
    assert best < 0.5, f"make_wellbeing_data() took {best:.3f} s"


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def test_exported_from_the_package():
    assert datasets.make_wellbeing_data is make_wellbeing_data
    assert datasets.burnout_risk_score is burnout_risk_score
    assert datasets.flag_for_outreach is flag_for_outreach
    assert datasets.FLAG_SHARE == FLAG_SHARE == 0.15


# -- shape, types and ranges ------------------------------------------------------------------


def test_columns_and_dtypes(df):
    assert list(df.columns) == COLUMNS == list(WELLBEING_COLUMNS)
    assert len(df) == 4000 and isinstance(df.index, pd.RangeIndex)
    for column, categories in CATEGORIES.items():
        assert isinstance(df[column].dtype, pd.CategoricalDtype), column
        assert list(df[column].cat.categories) == categories, column
    for column in FLOAT_COLUMNS:
        assert df[column].dtype == np.float64, column
    for column in INT_COLUMNS:
        assert df[column].dtype == np.int64, column
    assert df["responded"].dtype == bool
    assert df["employee_id"].map(type).eq(str).all() and df["manager_note"].map(type).eq(str).all()
    complete = [c for c in COLUMNS if c not in MAY_BE_MISSING]
    assert not df[complete].isna().any().any()


def test_ids_and_ranges(df):
    assert df["employee_id"].iloc[0] == "W00001" and df["employee_id"].iloc[-1] == "W04000"
    assert df["employee_id"].is_unique
    answers = df[[f"survey_{item}" for item in SURVEY_ITEMS]].stack()
    assert set(answers.unique()) == {1.0, 2.0, 3.0, 4.0, 5.0}
    assert df["risk_score"].between(0, 100).all() and (df["risk_score"] == df["risk_score"].round()).all()
    assert (df["tenure_years"] >= 0).all()
    for column in ("recorded_overtime_hours", "actual_overtime_hours", "sick_days_90d", "leave_days_90d"):
        assert (df[column] >= 0).all(), column
    assert (df["after_hours_messages"].dropna() >= 0).all()
    for column in ("burnout_next_quarter", "flagged"):
        assert set(df[column].unique()) == {0, 1}, column
    assert set(df["manager_note"].unique()) == set(MANAGER_NOTES)
    assert make_wellbeing_data(n=MIN_EMPLOYEES, seed=0).shape == (MIN_EMPLOYEES, len(COLUMNS))


def test_composition(big):
    shares = big["department"].value_counts(normalize=True)
    for department, share in DEPARTMENTS.items():
        assert shares[department] == pytest.approx(share, abs=0.01), department
    assert big["shift"].eq("night").mean() == pytest.approx(0.19, abs=0.02)
    # Only warehouse and transport frontline staff work nights.
    night = big[big["shift"] == "night"]
    assert night["department"].isin(["warehouse", "transport"]).all() and night["role_level"].eq("frontline").all()
    assert big["contract"].eq("part_time").mean() == pytest.approx(0.17, abs=0.02)
    assert big["first_language"].eq("other").mean() == pytest.approx(0.24, abs=0.02)
    assert big["burnout_next_quarter"].mean() == pytest.approx(0.15, abs=0.015)
    # Part-time work follows caregiving, which is more common for women.
    part_time = big.groupby("caregiver", observed=True)["contract"].apply(lambda c: (c == "part_time").mean())
    assert part_time["yes"] > 2.5 * part_time["no"]
    care = big.groupby("sex", observed=True)["caregiver"].apply(lambda c: (c == "yes").mean())
    assert care["woman"] > care["man"] + 0.1


# -- self-reported demographics with gaps ---------------------------------------------------


def test_sex_is_self_reported_with_gaps(big):
    shares = big["sex"].value_counts(normalize=True, dropna=False)
    assert shares["non-binary"] == pytest.approx(0.011, abs=0.004)
    assert shares[PREFER_NOT_TO_SAY] == pytest.approx(0.04, abs=0.006)
    assert big["sex"].isna().mean() == pytest.approx(0.03, abs=0.006)
    long_tenure = big["tenure_years"] >= 5
    assert big.loc[long_tenure, "sex"].isna().mean() > 3 * big.loc[~long_tenure, "sex"].isna().mean()


def test_ethnicity_has_small_categories(big, df):
    shares = big["ethnicity"].value_counts(normalize=True, dropna=False)
    for small in ("arab", "other"):
        assert 0.008 < shares[small] < 0.02, small
    assert shares["mixed"] == pytest.approx(0.03, abs=0.006)
    assert shares[PREFER_NOT_TO_SAY] == pytest.approx(0.05, abs=0.006)
    assert big["ethnicity"].isna().mean() == pytest.approx(0.05, abs=0.01)
    # At the default size the small categories are a few dozen people each.
    counts = df["ethnicity"].value_counts()
    assert counts["arab"] < 80 and counts["other"] < 80


def test_disability_is_missing_for_about_two_fifths_mostly_without_an_office_account(big):
    assert big["disability"].isna().mean() == pytest.approx(0.40, abs=0.03)
    shop_floor = (big["role_level"] == "frontline") & big["department"].isin(["warehouse", "transport"])
    assert big.loc[shop_floor, "disability"].isna().mean() > 1.8 * big.loc[~shop_floor, "disability"].isna().mean()
    answered = big["disability"].value_counts(normalize=True)
    assert answered["yes"] < answered[PREFER_NOT_TO_SAY] * 2 and answered["no"] > 0.8


# -- the survey: who is missing and why --------------------------------------------------------


def test_survey_answers_are_missing_exactly_for_non_responders(df):
    survey = df[[f"survey_{item}" for item in SURVEY_ITEMS]]
    assert survey.notna().all(axis=1).eq(df["responded"]).all()
    assert survey.isna().all(axis=1).eq(~df["responded"]).all()
    assert df["responded"].mean() == pytest.approx(0.6, abs=0.03)


def test_non_response_is_not_random(big):
    rate = big["responded"].groupby
    assert rate(big["shift"], observed=True).mean()["night"] < rate(big["shift"], observed=True).mean()["day"] - 0.2
    by_role = rate(big["role_level"], observed=True).mean()
    assert by_role["frontline"] < by_role["specialist"] - 0.1
    by_contract = rate(big["contract"], observed=True).mean()
    assert by_contract["part_time"] < by_contract["full_time"] - 0.1
    by_language = rate(big["first_language"], observed=True).mean()
    assert by_language["other"] < by_language["english"] - 0.3
    # Those who will burn out answer less: the survey under-represents them.
    by_outcome = rate(big["burnout_next_quarter"]).mean()
    assert by_outcome[1] < by_outcome[0] - 0.1


def test_answers_lean_towards_strain_so_the_neutral_imputation_flatters_non_responders(big):
    means = big[[f"survey_{item}" for item in SURVEY_ITEMS]].mean()
    assert means["survey_workload"] > NEUTRAL_ANSWER + 0.2
    for item in ("support", "autonomy", "recognition", "intent_to_stay"):
        assert means[f"survey_{item}"] < NEUTRAL_ANSWER - 0.1, item
    at_risk = big["burnout_next_quarter"] == 1
    score = big.groupby(big["responded"])["risk_score"]
    assert (
        big.loc[at_risk & ~big["responded"], "risk_score"].median()
        < big.loc[at_risk & big["responded"], "risk_score"].median() - 15
    )
    assert score.median()[False] < score.median()[True]


# -- the measurement gap -------------------------------------------------------------------------


def test_overtime_is_recorded_for_frontline_staff_only(df):
    salaried = df["role_level"] != "frontline"
    assert (df.loc[salaried, "recorded_overtime_hours"] == 0).all()
    assert df.loc[salaried, "actual_overtime_hours"].mean() > 10
    assert (df["recorded_overtime_hours"] <= df["actual_overtime_hours"]).all()
    frontline = ~salaried
    caring_part_timers = frontline & (df["contract"] == "part_time") & (df["caregiver"] == "yes")
    others = frontline & ~caring_part_timers
    assert (df.loc[others, "recorded_overtime_hours"] == df.loc[others, "actual_overtime_hours"]).all()
    recorded = df.loc[caring_part_timers, "recorded_overtime_hours"].sum()
    actual = df.loc[caring_part_timers, "actual_overtime_hours"].sum()
    assert recorded / actual == pytest.approx(0.25, abs=0.02)


def test_after_hours_messages_exist_only_with_an_office_account(df):
    shop_floor = (df["role_level"] == "frontline") & df["department"].isin(["warehouse", "transport"])
    assert df["after_hours_messages"].isna().eq(shop_floor).all()


def test_sick_days_rise_with_strain_and_disability(big):
    by_outcome = big.groupby("burnout_next_quarter")["sick_days_90d"].mean()
    assert by_outcome[1] > by_outcome[0] + 0.5
    by_disability = big.groupby("disability", observed=True)["sick_days_90d"].mean()
    assert by_disability["yes"] > by_disability["no"] + 1


def test_the_outcome_does_not_follow_first_language_or_ethnicity_directly(big):
    # First language changes who is missed, not who burns out.
    rates = big.groupby("first_language", observed=True)["burnout_next_quarter"].mean()
    assert abs(rates["other"] - rates["english"]) < 0.02


# -- manager notes ------------------------------------------------------------------------------


def test_biased_manager_notes_follow_group_membership(big):
    def share(note, column):
        return big["manager_note"].eq(note).groupby(big[column], observed=True).mean()

    assert set(MANAGER_NOTES.values()) == {"neutral", "job", "biased"}
    emotional = share("Can get emotional when things are busy.", "sex")
    assert emotional["woman"] > 10 * emotional["man"]
    barrier = share("Language barrier; hard to follow in briefings.", "first_language")
    assert barrier["english"] == 0 and barrier["other"] > 0.05
    big_with_ptc = big.assign(group=_part_time_caregiver(big))
    family = big_with_ptc["manager_note"].eq("Family commitments seem to come first.").groupby(big_with_ptc["group"])
    assert family.mean()["part-time caregiver"] > 10 * family.mean()["everyone else"]
    # "Not resilient" is predictive and biased: why notes must not feed the model.
    resilient = big["manager_note"].eq("Not resilient under pressure.")
    assert (
        resilient.groupby(big["burnout_next_quarter"]).mean()[1]
        > 1.5 * resilient.groupby(big["burnout_next_quarter"]).mean()[0]
    )
    assert (
        resilient.groupby(big["sex"], observed=True).mean()["woman"]
        > 1.4 * resilient.groupby(big["sex"], observed=True).mean()["man"]
    )


# -- the vendor's score, flags and offers ----------------------------------------------------------


def test_risk_score_is_the_documented_rule(df):
    np.testing.assert_array_equal(df["risk_score"].to_numpy(), burnout_risk_score(df))
    linear = np.full(len(df), SCORE_WEIGHTS["intercept"])
    for column in SIGNAL_COLUMNS:
        values = df[column].to_numpy(dtype=float)
        if column.startswith("survey_"):
            values = np.nan_to_num(values, nan=NEUTRAL_ANSWER) - NEUTRAL_ANSWER
        linear += SCORE_WEIGHTS[column] * np.nan_to_num(values)
    np.testing.assert_allclose(df["risk_score"], np.round(100 / (1 + np.exp(-linear))))
    # The rule reads no demographic column, note or outcome: shuffling them changes nothing.
    shuffled = df.copy()
    for column in ("sex", "ethnicity", "disability", "manager_note", "burnout_next_quarter", "first_language"):
        shuffled[column] = df[column].sample(frac=1, random_state=0).to_numpy()
    np.testing.assert_array_equal(burnout_risk_score(shuffled), df["risk_score"].to_numpy())


def test_flags_are_the_top_share_by_score(df):
    assert df["flagged"].sum() == round(FLAG_SHARE * len(df))
    flagged, not_flagged = df.loc[df["flagged"] == 1, "risk_score"], df.loc[df["flagged"] == 0, "risk_score"]
    assert flagged.min() >= not_flagged.max()
    # Whole-point scores tie at the cut-off: some there are flagged and some are not.
    cut = flagged.min()
    assert 0 < ((df["risk_score"] == cut) & (df["flagged"] == 1)).sum() < (df["risk_score"] == cut).sum()


def test_support_offered(df):
    offers = pd.crosstab(df["flagged"], df["support_offered"])
    assert offers.loc[1, "none"] == 0 and offers.loc[0, "workload_review"] == 0
    assert offers.loc[0, "eap_referral"] / offers.loc[0].sum() == pytest.approx(0.03, abs=0.01)
    flagged = df[df["flagged"] == 1]
    office = flagged["department"].isin(["office_it", "management"]) | (flagged["role_level"] == "manager")
    review = flagged["support_offered"].eq("workload_review")
    assert review[office].mean() > review[~office].mean() + 0.25


def test_flag_for_outreach():
    scores = [5.0, 9.0, 1.0, 9.0]
    assert flag_for_outreach(scores, share=0.25).tolist() == [0, 0, 0, 1]
    assert flag_for_outreach(scores, share=0.25, seed=3).tolist() == [0, 1, 0, 0]
    assert flag_for_outreach(scores, share=0.5).tolist() == [0, 1, 0, 1]
    assert flag_for_outreach(pd.Series(scores), share=0).sum() == 0
    assert flag_for_outreach(scores, share=1).sum() == 4


# -- the causal claims, on several seeds -------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_a_flag_rates_look_fair_by_sex(seed):
    df = _data(seed)
    table = adverse_impact("flagged", "sex", data=df, unknown=UNKNOWN, reference="man").table
    ratio = table.loc["woman", "impact_ratio"]
    assert ratio == pytest.approx(table.loc["woman", "selection_rate"] / table.loc["man", "selection_rate"])
    assert 0.85 <= ratio <= 1.4 and not table.loc["woman", "adverse_impact"]
    # Women burn out more often, so flag-rate parity is not miss-rate parity.
    base = df.groupby("sex", observed=True)["burnout_next_quarter"].mean()
    assert base["woman"] > base["man"] + 0.02


@pytest.mark.parametrize("seed", SEEDS)
def test_b_more_misses_where_the_records_do_not_look(seed):
    df = _data(seed)
    ptc = _by(df.assign(group=_part_time_caregiver(df)), "group")["fnr"]
    assert ptc["part-time caregiver"] >= ptc["everyone else"] + 0.10
    shift = _by(df, "shift")["fnr"]
    assert shift["night"] >= shift["day"] + 0.10
    language = _by(df, "first_language")["fnr"]
    assert language["other"] >= language["english"] + 0.15
    # Cross-check the audit with pandas.
    assert language["other"] == pytest.approx(_miss_rate(df, df["first_language"] == "other"))
    assert shift["night"] == pytest.approx(_miss_rate(df, df["shift"] == "night"))
    assert ptc["part-time caregiver"] == pytest.approx(_miss_rate(df, _part_time_caregiver(df) != "everyone else"))


@pytest.mark.parametrize("seed", SEEDS)
def test_b_more_misses_in_some_sex_by_ethnicity_cells(seed):
    df = _data(seed)
    cells = _by(df, ["sex", "ethnicity"])
    white = max(cells.loc[("man", "white"), "fnr"], cells.loc[("woman", "white"), "fnr"])
    enough = cells[cells["positives"] >= 20]
    worst = enough["fnr"].idxmax()
    assert worst[1] != "white"
    assert enough.loc[worst, "fnr"] >= white + 0.10
    mask = (df["sex"] == worst[0]) & (df["ethnicity"] == worst[1])
    assert enough.loc[worst, "fnr"] == pytest.approx(_miss_rate(df, mask))


@pytest.mark.parametrize("seed", SEEDS)
def test_c_some_intersection_cells_are_tiny(seed):
    df = _data(seed)
    cells = _by(df, ["sex", "ethnicity"])
    assert (cells["n"] < 10).sum() >= 1
    assert (cells["positives"] < 5).sum() >= 3
    # k-anonymity of a plain extract fails: many employees are unique on five quasi-identifiers.
    quasi = ["department", "role_level", "age_band", "sex", "ethnicity"]
    sizes = df.groupby(quasi, observed=True, dropna=False)["employee_id"].transform("size")
    assert (sizes == 1).mean() > 0.03


@pytest.mark.parametrize("seed", SEEDS)
def test_d_non_responders_are_missing_from_the_flags(seed):
    df = _data(seed)
    silent = ~df["responded"]
    burned_out, flagged = df["burnout_next_quarter"] == 1, df["flagged"] == 1
    assert silent[burned_out].mean() > silent.mean() + 0.05
    assert silent[flagged].mean() < 0.10
    fnr = _by(df, "responded")["fnr"]
    assert fnr[False] > 0.85 and fnr[True] < 0.45


def test_documented_numbers_at_the_default_seed(df):
    # The numbers the docstring's Notes and the datasheet quote.
    sex = _by(df, "sex")
    assert round(sex.loc["woman", "selection_rate"], 3) == 0.165 and round(sex.loc["man", "selection_rate"], 3) == 0.146
    assert round(sex.loc["woman", "base_rate"], 3) == 0.188 and round(sex.loc["man", "base_rate"], 3) == 0.136
    silent = ~df["responded"]
    assert round(silent.mean(), 2) == 0.40
    assert round(silent[df["burnout_next_quarter"] == 1].mean(), 2) == 0.53
    assert round(silent[df["flagged"] == 1].mean(), 2) == 0.05


def test_the_causal_graph_names_the_columns():
    named = " ".join(f"{cause} {outcome}" for cause, outcome, _ in CAUSAL_GRAPH)
    for column in (
        "department",
        "role_level",
        "sex",
        "first_language",
        "contract",
        "caregiver",
        "shift",
        "recorded_overtime_hours",
        "after_hours_messages",
        "sick_days_90d",
        "leave_days_90d",
        "responded",
        "manager_note",
        "burnout_next_quarter",
        "risk_score",
        "flagged",
        "support_offered",
    ):
        assert column in named, column
    strain_causes = next(cause for cause, outcome, _ in CAUSAL_GRAPH if outcome == "strain")
    for demographic in ("sex", "ethnicity", "first_language", "disability", "age"):
        assert demographic not in strain_causes


# -- bad inputs --------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [0, -1, 499, 1.5, 4000.0, "4000", True, None])
def test_bad_n(n):
    with pytest.raises(ValueError, match=r"n must be a whole number >= 500"):
        make_wellbeing_data(n=n)


@pytest.mark.parametrize("seed", [None, -1, 1.5, "0", True, np.random.default_rng(0)])
def test_bad_seed(seed):
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        make_wellbeing_data(n=500, seed=seed)


def test_bad_score_inputs(df):
    with pytest.raises(ValueError, match="DataFrame"):
        burnout_risk_score(df.to_numpy())
    with pytest.raises(ValueError, match=r"lacks the column\(s\) \['sick_days_90d'\]"):
        burnout_risk_score(df.drop(columns="sick_days_90d"))
    with pytest.raises(ValueError, match="survey_support must be numeric"):
        burnout_risk_score(df.assign(survey_support=df["survey_support"].astype(str)))
    with pytest.raises(ValueError, match="survey_workload must hold answers 1-5"):
        burnout_risk_score(df.assign(survey_workload=df["survey_workload"] * 2))
    with pytest.raises(ValueError, match="sick_days_90d must not be negative"):
        burnout_risk_score(df.assign(sick_days_90d=-df["sick_days_90d"] - 1))
    with pytest.raises(ValueError, match="weights must be a dict"):
        burnout_risk_score(df, weights=[0.1])
    with pytest.raises(ValueError, match="unknown weight"):
        burnout_risk_score(df, weights={"sex": 1.0})
    for bad in ("1", True, float("nan"), None):
        with pytest.raises(ValueError, match="weight 'survey_workload' must be"):
            burnout_risk_score(df, weights={"survey_workload": bad})


def test_bad_flag_inputs():
    with pytest.raises(ValueError, match="share must be a number between 0 and 1"):
        flag_for_outreach([1.0, 2.0], share=1.5)
    with pytest.raises(ValueError, match="finite score"):
        flag_for_outreach([1.0, np.nan])
    with pytest.raises(ValueError, match="finite score"):
        flag_for_outreach([[1.0, 2.0]])
    with pytest.raises(ValueError, match="seed must be a non-negative integer"):
        flag_for_outreach([1.0, 2.0], seed=None)
