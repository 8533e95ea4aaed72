"""Scenario 7, wellbeing analytics: the case (hrfair_helpers.cases.wellbeing), its bank and its notebook.

The question bank's generic checks (reference passes, each misconception recognised, placeholders)
run in tests/test_question_banks.py; here: the case's numbers at the published seed, the shared
computations the notebook calls, that the notebook's own code gives the case's numbers, that the
seed reaches every stage, and that the criterion decides.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.audit import group_metrics
from hrfair_helpers.cases import CASES, WellbeingCase, get_case
from hrfair_helpers.cases.wellbeing import (
    ART9_CANDIDATES,
    CARE_CONTRACT,
    COMPARISONS,
    CRITERION,
    DECISIONS,
    DESIGNS,
    MONITORED,
    N_BOOT,
    NOISE_VERDICTS,
    OPTION_DESCRIPTIONS,
    ROOT_CAUSES,
    SPECIAL_CATEGORY,
    UNKNOWN,
    Criterion,
    care_contract,
    check_designs,
    compare_options,
    decide,
    fnr_gaps,
    gap_within,
    impute_from_colleagues,
    proposal_tools,
    rescore_options,
)
from hrfair_helpers.datasets.wellbeing import FLAG_SHARE, SURVEY_ITEMS, make_wellbeing_data
from hrfair_helpers.grading import Grader
from hrfair_helpers.grading.banks import available, get_bank
from hrfair_helpers.grading.rubric import WELLBEING_MEMO, check_coverage

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "07_wellbeing_analytics.ipynb"


@pytest.fixture(scope="module")
def case():
    return get_case("wellbeing_analytics")


# --- registration ---------------------------------------------------------------------------


def test_the_case_is_registered_under_its_bank_id():
    assert CASES["wellbeing_analytics"] is WellbeingCase
    assert "wellbeing_analytics" in available()
    bank = get_bank("wellbeing_analytics")
    assert bank.setup is WellbeingCase and bank.context() is get_case("wellbeing_analytics", seed=0)
    assert len(bank.questions) >= 10
    assert all(q.misconceptions and len(q.hints) == 3 for q in bank.questions.values())


def test_the_notebook_grades_with_this_bank_and_its_seed():
    source = "".join("".join(cell["source"]) for cell in json.loads(SOLUTION.read_text(encoding="utf-8"))["cells"])
    assert 'Grader("wellbeing_analytics", seed=SEED)' in source and "\nSEED = 0\n" in source
    asked = {qid for qid in get_bank("wellbeing_analytics").questions if f'grader.check("{qid}"' in source}
    assert asked == set(get_bank("wellbeing_analytics").questions)


def test_seed_is_checked():
    for bad in (-1, 1.5, "3", True, None):
        with pytest.raises(ValueError, match="non-negative integer"):
            WellbeingCase(seed=bad)


# --- the published case (seed 0) ------------------------------------------------------------


def test_published_numbers(case):
    assert round(case.flag_rate_ratio(), 2) == 1.13
    fnr = case.by_group("first_language")
    assert fnr["other"] - fnr["english"] > 0.2
    assert case.most_missed() == "part-time caregiver"
    assert round(case.response_gap(), 2) == 0.61
    assert case.noise_verdicts() == {
        "non-responders vs responders": "beyond noise",
        "night vs day": "beyond noise",
        "women vs men": "within noise",
    }
    assert case.worst_cell == ("woman", "asian")
    assert case.intersection_gap() > case.one_axis_gap("ethnicity") > case.one_axis_gap("sex")
    assert round(case.missed_share(), 2) == 0.77
    assert case.root_cause == "survey_nonresponse"
    assert case.options_meeting_bar == []
    assert case.suppressed.n_suppressed == 6 and len(case.suppressed.primary_rows) == 3
    assert case.extract_report.k == 1 and case.generalised.rows_removed == 430
    assert case.smallest_group == "other"
    assert case.decision == "redesign"


def test_tiers_come_from_the_registry(case):
    from hrfair_helpers.governance import classify

    tools = {tool.name: tool for tool in proposal_tools()}
    for name, tier in case.eu_tiers.items():
        assert tier == classify(tools[name]).set_index("id").loc["eu_ai_act", "tier"]
    assert case.eu_tiers == {
        "burnout-risk-score": "high-risk",
        "voice-stress-detection": "prohibited",
        "aggregate-dashboard": "limited/minimal",
    }


def test_special_category_columns_are_candidates_and_keep_their_order(case):
    assert set(SPECIAL_CATEGORY) <= set(ART9_CANDIDATES)
    assert case.special_category() == ["ethnicity", "disability", "sick_days_90d"]
    assert case.special_category(add=["sex"], drop=["ethnicity"]) == ["sex", "disability", "sick_days_90d"]


# --- the shared computations ----------------------------------------------------------------


def test_care_contract_labels():
    frame = pd.DataFrame(
        {
            "contract": pd.Categorical(["full_time", "full_time", "part_time", "part_time"]),
            "caregiver": ["no", "yes"] * 2,
        }
    )
    assert care_contract(frame).tolist() == ["full-time", "full-time caregiver", "part-time", "part-time caregiver"]
    assert care_contract(frame).name == CARE_CONTRACT


def test_imputation_fills_every_answer_on_the_scale_and_keeps_the_given_ones(case):
    staff = case.staff
    imputed = impute_from_colleagues(staff)
    for item in SURVEY_ITEMS:
        column = f"survey_{item}"
        assert imputed[column].notna().all() and imputed[column].between(1, 5).all()
        answered = staff[column].notna()
        pd.testing.assert_series_equal(imputed.loc[answered, column], staff.loc[answered, column])
    assert staff["survey_workload"].isna().any(), "the input is not modified"


def test_every_option_flags_the_same_number_of_people(case):
    options = rescore_options(case.staff, seed=0)
    assert list(options) == list(OPTION_DESCRIPTIONS)
    np.testing.assert_array_equal(options["as_proposed"], case.staff["flagged"])
    assert {int(flags.sum()) for flags in options.values()} == {round(FLAG_SHARE * len(case.staff))}
    table = compare_options(case.staff, options)
    assert (table["caught"] + table["missed"] == int(case.burned_out.sum())).all()
    assert table["reads_health_data"].tolist() == [True, True, True, True, False]


def test_fnr_gaps_agree_with_group_metrics(case):
    gaps = fnr_gaps(case.staff, case.staff["flagged"])
    assert list(gaps.index) == list(MONITORED)
    by_language = case.by_group("first_language")
    assert gaps.loc["first_language", "gap"] == pytest.approx(by_language.max() - by_language.min())
    assert gaps.loc["first_language", "most_missed"] == by_language.idxmax()
    sex = gaps.loc["sex"]
    assert sex["groups_compared"] == 2  # the non-binary group has too few people who burned out to compare


def test_gap_within_is_direct_standardisation():
    # Two strata; within each, group a is missed as often as group b; a is mostly in the stratum missed more.
    rows = []
    for stratum, fnr_each, n_a, n_b in ((True, 0.25, 4, 12), (False, 0.75, 12, 4)):
        for group, n in (("a", n_a), ("b", n_b)):
            for i in range(n):
                rows.append(
                    {"responded": stratum, "g": group, "burnout_next_quarter": 1, "flagged": int(i >= n * fnr_each)}
                )
    frame = pd.DataFrame(rows)
    crude = fnr_gaps(frame, frame["flagged"], groupings=["g"], min_burned_out=1).loc["g", "gap"]
    assert crude == pytest.approx(0.25)
    assert gap_within(frame, frame["flagged"], "g", "a", "b") == pytest.approx(0.0)


def test_root_cause_table_removes_nothing_that_the_score_does_not_read(case):
    table = case.root_cause_table
    assert list(table.columns[3:]) == list(ROOT_CAUSES)
    pd.testing.assert_series_equal(table["manager_notes"], table["as_flagged"], check_names=False)
    pd.testing.assert_series_equal(table["demographics"], table["as_flagged"], check_names=False)
    assert case.remaining_gaps.idxmin() == case.root_cause


# --- the notebook computes what the case computes --------------------------------------------


def test_the_notebooks_bootstrap_is_the_cases(case):
    staff = make_wellbeing_data(seed=0)
    staff[CARE_CONTRACT] = care_contract(staff)
    for label, (grouping, group, _) in COMPARISONS.items():
        table = group_metrics(
            "burnout_next_quarter", "flagged", grouping, data=staff, unknown=UNKNOWN, n_boot=N_BOOT, random_state=0
        ).to_frame()
        assert case.comparisons.loc[label, "interval"] == (table.loc[group, "fnr_low"], table.loc[group, "fnr_high"])


def test_the_notebooks_tables_are_the_cases(case):
    staff = make_wellbeing_data(seed=0)
    staff[CARE_CONTRACT] = care_contract(staff)
    cells = group_metrics("burnout_next_quarter", "flagged", ["sex", "ethnicity"], data=staff, unknown=UNKNOWN)
    pd.testing.assert_series_equal(cells.by_group["fnr"], case.intersections["fnr"])
    pd.testing.assert_frame_equal(compare_options(staff, rescore_options(staff, seed=0)), case.options_table)


# --- the seed reaches every stage ------------------------------------------------------------


def test_another_seed_gives_other_data_and_other_answers(case):
    other = get_case("wellbeing_analytics", seed=3)
    pd.testing.assert_frame_equal(other.staff.drop(columns=CARE_CONTRACT), make_wellbeing_data(seed=3))
    assert other.flag_rate_ratio() != case.flag_rate_ratio()
    assert other.dp_error() != case.dp_error()
    assert other.comparisons.loc["night vs day", "interval"] != case.comparisons.loc["night vs day", "interval"]
    assert other.dp_release.random_state == 3 and other.dp_tradeoff.random_state == 3


def test_a_seeded_grader_accepts_the_answers_of_its_seed_only():
    bank, other = get_bank("wellbeing_analytics"), get_case("wellbeing_analytics", seed=3)
    strict = Grader("wellbeing_analytics", seed=3, mode="strict")
    for question in bank.questions.values():
        strict.check(question.id, question.expected(other))
    published = Grader("wellbeing_analytics", mode="feedback")
    for qid in ("q03_flag_rate_ratio", "q06_response_gap", "q15_dp_error_smallest_group"):
        assert not published.evaluate(qid, bank.questions[qid].expected(other)).correct, qid


# --- the criterion decides -------------------------------------------------------------------


def test_design_checks(case):
    checks = case.design_checks
    assert list(checks.index) == list(DESIGNS)
    assert checks.loc["as_proposed", ["fnr_gap", "health_data", "dpia"]].tolist() == ["fail"] * 3
    assert checks.loc["aggregate_dashboard", ["fnr_gap", "dpia"]].tolist() == ["not applicable"] * 2
    assert checks["meets_criterion"].tolist() == [False, False, True]


def test_the_decision_follows_the_criterion(case):
    assert decide(case.design_checks) == case.decision in DECISIONS
    lenient = Criterion(max_fnr_gap=1.0, art9_basis_documented=True, dpia_done=True)
    assert decide(check_designs(case.tools, case.options_table, criterion=lenient)) == "deploy_as_is"
    score, voice, _ = proposal_tools()
    # A "dashboard" that reads voices for emotions is prohibited: then nothing meets the criterion.
    checks = check_designs([score, voice, replace(voice, name="aggregate-dashboard")], case.options_table)
    assert checks.loc["aggregate_dashboard", "not_prohibited"] == "fail" and decide(checks) == "stop"
    assert "0.10" in CRITERION.describe() and "30" in CRITERION.describe()


# --- the memo's self-check -------------------------------------------------------------------


def test_the_memo_rubric_sees_a_strong_memo_and_flags_a_bad_one():
    strong = (
        "We recommend a redesign: the score missed 64% of the employees who burned out (the false negative rate), "
        "because non-responders were read as neutral. An individual score is health data under GDPR Art. 9. "
        "Tables are published only after small-cell suppression. Instead of individual flags, an aggregate "
        "dashboard and opt-in support. The works council is consulted. We will monitor quarterly."
    )
    assert check_coverage(strong, WELLBEING_MEMO).missing == []
    weak = check_coverage("The tool seems fine to me.", WELLBEING_MEMO)
    assert len(weak.missing) >= len(WELLBEING_MEMO.elements) - 1
    flagged = check_coverage("With their consent, the tool is lawful and we can deploy it.", WELLBEING_MEMO)
    assert "consent_makes_lawful" in flagged.red_flags.index


def test_noise_verdicts_are_the_two_options():
    assert set(NOISE_VERDICTS) == {"beyond noise", "within noise"}
