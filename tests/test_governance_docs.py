"""hrfair_helpers.governance: RACI, model cards and datasheets, impact assessment, NIST AI RMF map."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.audit import adverse_impact, group_metrics
from hrfair_helpers.governance import impact_assessment as aia
from hrfair_helpers.governance import nist
from hrfair_helpers.governance.documentation import (
    DATASHEET_SECTIONS,
    MODEL_CARD_SECTIONS,
    Document,
    datasheet,
    model_card,
)
from hrfair_helpers.governance.raci import RACI, default_hr_ai_raci

# --------------------------------------------------------------------------------------------- RACI


def _raci(**cells):
    base = {"Bias audit": {"Data science": "R", "RAI lead": "A", "Legal": "C"}}
    base["Bias audit"].update(cells)
    return RACI(base)


def test_raci_two_accountable_roles_is_named_in_the_error():
    with pytest.raises(ValueError, match=r"'Bias audit': 2 Accountable roles \(RAI lead, Legal\)"):
        _raci(Legal="A").validate()


def test_raci_without_responsible_is_refused():
    with pytest.raises(ValueError, match=r"'Bias audit': no Responsible \(R\)"):
        _raci(**{"Data science": "C"}).validate()


def test_raci_without_accountable_is_refused():
    with pytest.raises(ValueError, match=r"'Bias audit': no Accountable \(A\)"):
        _raci(**{"RAI lead": "I"}).validate()


def test_raci_unknown_letter_names_activity_role_and_letter():
    with pytest.raises(ValueError, match=r"'Bias audit', role 'Legal': unknown letter\(s\) X in 'X'"):
        _raci(Legal="X").validate()


def test_raci_empty_activity_and_every_problem_listed_at_once():
    raci = RACI(
        {
            "Incident response": {"Legal": "A", "DEI": "A"},  # two A's and no R
            "Monitoring": {"Legal": None, "DEI": ""},  # nobody assigned
            "Notices": {"Legal": "A/Q", "DEI": "R"},  # bad letter
        }
    )
    problems = raci.problems()
    assert len(problems) == 4
    assert any("'Incident response': 2 Accountable" in p for p in problems)
    assert any("'Incident response': no Responsible" in p for p in problems)
    assert any("'Monitoring': no role is assigned" in p for p in problems)
    assert any("'Notices', role 'Legal': unknown letter(s) Q" in p for p in problems)
    with pytest.raises(ValueError, match="4 problem"):
        raci.validate()
    assert not raci.is_valid


def test_raci_combined_letters_are_normalised():
    raci = RACI({"Audit": {"Lead": "r/a", "DS": "R", "Legal": "C, I"}}).validate()
    assert raci.to_frame().loc["Audit"].tolist() == ["A/R", "R", "C/I"]
    assert raci.for_role("Lead").loc["Audit", "meaning"] == "Accountable, Responsible"
    same = RACI(pd.DataFrame({"Lead": ["AR"], "DS": ["R"]}, index=["Audit"])).validate()
    assert same.to_frame().loc["Audit", "Lead"] == "A/R"


def test_raci_bad_inputs_raise_clear_errors():
    with pytest.raises(ValueError, match="DataFrame .* or a dict"):
        RACI([("Audit", "R")])
    with pytest.raises(ValueError, match="no activities"):
        RACI({})
    with pytest.raises(ValueError, match="not a dict for"):
        RACI({"Audit": "R"})
    with pytest.raises(ValueError, match="unknown role 'CEO'"):
        _raci().for_role("CEO")


def test_default_raci_validates_and_covers_the_programme():
    raci = default_hr_ai_raci()
    assert raci.validate() is raci
    for role in ("Data science", "HR business partners", "Legal", "DEI", "Procurement", "Vendor",
                 "Responsible-AI lead", "CHRO"):
        assert role in raci.roles
    text = " ".join(raci.activities).lower()
    for activity in ("inventory", "risk classification", "bias audit", "model documentation", "vendor due diligence",
                     "human oversight", "incident response", "regulatory notices", "monitoring", "policy approval"):
        assert activity in text, activity
    assert raci.accountable()["AI policy approval"] == "CHRO"
    assert "A" not in "".join(raci.to_frame()["Vendor"])  # the employer, not the vendor, answers for use
    md = raci.to_markdown()
    assert md.startswith("| activity | Responsible-AI lead |") and "Accountable" in md
    assert "status: valid" in repr(raci) and "<table" in raci._repr_html_()


# ------------------------------------------------------------------------------- model card, datasheet


@pytest.fixture
def hiring():
    return pd.DataFrame(
        {
            "sex": ["F"] * 100 + ["M"] * 100,
            "hired": [1] * 39 + [0] * 61 + [1] * 50 + [0] * 50,
            "qualified": [1] * 45 + [0] * 55 + [1] * 55 + [0] * 45,
        }
    )


def test_model_card_sections_in_mitchell_order_with_audit_numbers(hiring):
    impact = adverse_impact("hired", "sex", data=hiring)
    metrics = group_metrics("qualified", "hired", "sex", data=hiring)
    card = model_card("Screener", version="1.0", audits=[impact, metrics])
    assert isinstance(card, Document)
    assert tuple(card.sections) == MODEL_CARD_SECTIONS
    assert list(card.sections)[6] == "Quantitative Analyses"
    quant = card.sections["Quantitative Analyses"]
    # Impact ratios 0.39 / 0.50 = 0.78 and 1.00, as the audit computed them.
    assert "| F | 100 | 39 | 0.390 | 0.780 | True |" in quant
    assert "| M | 100 | 50 | 0.500 | 1.000 | False |" in quant
    assert "groups below threshold: F" in quant
    np.testing.assert_allclose(card.tables["adverse impact (1)"]["impact_ratio"], impact.table["impact_ratio"])
    assert "Disparities between groups" in quant and "equal_opportunity" in quant
    assert "**Groups in the audit results:** F, M" in card.sections["Factors"]


def test_model_card_reports_missing_sections_and_fields():
    card = model_card("Screener", version="1.0", intended_uses=["shortlisting"], caveats="Not for promotion.")
    assert card.missing() == [
        "Factors", "Metrics", "Evaluation Data", "Training Data", "Quantitative Analyses", "Ethical Considerations",
    ]
    lacking = " | ".join(card.missing_fields)
    for field in ("Model Details: Date", "Model Details: Developers", "Intended Use: Out-of-scope uses",
                  "Quantitative Analyses: Audit results"):
        assert field in lacking
    assert "Model Details: Version" not in lacking
    md = card.to_markdown()
    assert md.index("## 1. Model Details") < md.index("## 7. Quantitative Analyses") < md.index("## 9. Caveats")
    assert "**Not provided:** Audit results" in md
    frame = card.to_frame()
    assert list(frame.index) == list(MODEL_CARD_SECTIONS) and not frame.loc["Metrics", "provided"]
    assert "empty sections: Factors" in repr(card) and "<h4>7. Quantitative Analyses</h4>" in card._repr_html_()


def test_model_card_full_card_has_nothing_missing(hiring):
    impact = adverse_impact("hired", "sex", data=hiring)
    text = "given"
    card = model_card(
        "Screener", version=2, date="2025-01-01", developers="People Analytics", model_type="logistic regression",
        intended_uses=text, intended_users=text, out_of_scope_uses=text, factors={"sex": "self-reported"},
        metrics=text, evaluation_data=text, training_data=text, audits=impact, ethical_considerations=text,
        caveats=text,
    )
    assert card.missing() == [] and card.missing_fields == []
    assert "**Version:** 2" in card.sections["Model Details"]
    assert "- sex: self-reported" in card.sections["Factors"]


def test_documents_refuse_bad_types(hiring):
    with pytest.raises(ValueError, match="needs a name"):
        model_card("")
    with pytest.raises(ValueError, match="metrics must be text, a list of strings"):
        model_card("M", metrics={1, 2})
    with pytest.raises(ValueError, match="audits must be an AdverseImpactReport"):
        model_card("M", audits="impact ratio 0.78")
    with pytest.raises(ValueError, match=r"audits\[0\] is a DataFrame"):
        model_card("M", audits=[hiring])
    with pytest.raises(ValueError, match="must be text or a number"):
        model_card("M", factors={"sex": ["F", "M"]})
    with pytest.raises(ValueError, match="data must be a pandas DataFrame"):
        datasheet("D", data=[[1, 2]])
    with pytest.raises(ValueError, match=r"protected column\(s\) \['race'\] not in the data"):
        datasheet("D", hiring, protected=["sex", "race"])
    with pytest.raises(ValueError, match="no data was given"):
        datasheet("D", protected="sex")


def test_datasheet_summary_numbers_by_hand():
    df = pd.DataFrame(
        {
            "sex": ["F", "F", "M", None, "M", "M"],
            "race": ["A", "B", "A", "A", None, "B"],
            "score": [1.0, np.nan, 3.0, np.nan, 5.0, 6.0],
        }
    )
    sheet = datasheet("Applicants", df, protected=["sex", "race"], motivation="Audit the screener.")
    assert tuple(sheet.sections) == DATASHEET_SECTIONS
    # 6 rows, 3 columns; missing: sex 1, race 1, score 2 -> 4 cells in 3 columns.
    assert sheet.facts == {"rows": 6, "columns": 3, "missing cells": 4, "columns with missing values": 3}
    assert sheet.tables["columns"]["missing"].to_dict() == {"sex": 1, "race": 1, "score": 2}
    assert sheet.tables["columns"].loc["score", "missing_share"] == pytest.approx(2 / 6)
    sex = sheet.tables["group counts: sex"]
    assert sex["count"].to_dict() == {"M": 3, "F": 2, "(missing)": 1}
    assert sex.loc["F", "share"] == pytest.approx(2 / 6)
    race = sheet.tables["group counts: race"]["count"].to_dict()
    assert race == {"A": 3, "B": 2, "(missing)": 1}
    composition = sheet.sections["Composition"]
    assert "rows: 6" in composition and "missing cells: 4 in 3 column(s)" in composition
    assert "| M | 3 | 0.500 |" in composition
    assert sheet.missing() == ["Collection Process", "Preprocessing/cleaning/labeling", "Uses", "Distribution",
                               "Maintenance"]


def test_datasheet_without_data_reports_the_missing_summary():
    sheet = datasheet("Applicants", composition="One row per application.")
    assert "Composition" not in sheet.missing()  # the description is there ...
    assert any(m.startswith("Composition: Data summary") for m in sheet.missing_fields)  # ... the summary is not
    assert sheet.missing()[0] == "Motivation"


# ---------------------------------------------------------------------------- impact assessment

ALL_NO = {
    "eu_workers": "no", "nyc_jobs": "no", "emotion_inference": "no", "biometric_categorisation": "no",
    "worker_monitoring": "no", "protected_inputs": "no", "special_category_data": "no", "contestable": "yes",
    "candidate_facing": "no", "vendor_supplied": "no", "works_council": "no",
}


def _profile(**answers):
    return {**ALL_NO, "decision": "no_decision", "autonomy": "informational", "people_per_year": "under_100",
            **answers}


def test_aia_emotion_inference_at_work_in_the_eu_is_unacceptable():
    res = aia.assess(_profile(eu_workers="yes", emotion_inference="yes", decision="hiring", autonomy="one_input"))
    assert res.tier == "unacceptable"
    assert "eu_emotion_recognition_at_work" in res.fired_rules
    assert "Article 5(1)(f)" in res.reasons[0]
    assert res.required_controls == ["Do not deploy; stop any current use and refer to Legal"]
    # Outside the EU the same practice is high risk, not prohibited.
    res = aia.assess(_profile(emotion_inference="yes"))
    assert res.tier == "high" and res.fired_rules == ["emotion_inference_outside_eu"]


@pytest.mark.parametrize("decision", ["hiring", "promotion", "termination"])
def test_aia_sole_decision_maker_is_high(decision):
    res = aia.assess(_profile(decision=decision, autonomy="sole_decision"))
    # Score alone: 3 + 3 = 6 -> medium; the rule lifts it to high.
    assert (res.score, res.score_tier, res.tier) == (6, "medium", "high")
    assert res.fired_rules == ["sole_decision_maker"]
    assert any(r.startswith("sole_decision_maker (high)") and "Article 22" in r for r in res.reasons)
    assert "Human review of every adverse decision before it takes effect" in res.required_controls
    assert res.complete and not res.lower_bound


def test_aia_scheduling_assistant_is_low():
    res = aia.assess(_profile(candidate_facing="yes", people_per_year="over_10000"))
    assert (res.score, res.tier, res.fired_rules) == (3, "low", [])
    assert set(res.controls["tier"]) == {"low"}
    assert res.reasons == ["score 3 → low: candidate_facing = yes (+1 points); people_per_year = over_10000 (+2 points)"]


def test_aia_nyc_screener_with_human_sign_off_is_medium_with_ll144_controls():
    res = aia.assess(_profile(nyc_jobs="yes", decision="hiring", autonomy="primary_factor",
                              people_per_year="100_to_10000", vendor_supplied="yes"))
    assert res.score == 6 and res.tier == "medium"
    assert res.fired_rules == ["nyc_aedt", "employment_decision_support"]
    controls = " | ".join(res.required_controls)
    assert "Independent bias audit within the year before use" in controls
    assert "Vendor due diligence" in controls
    assert "Bias audit (adverse impact by sex and race/ethnicity" in controls
    assert "Human review of every adverse decision" not in controls


def test_aia_eu_recruitment_is_high_and_works_council_consultation_depends_on_the_answer():
    res = aia.assess(_profile(eu_workers="yes", decision="hiring", autonomy="one_input", works_council="yes"))
    assert res.tier == "high" and "eu_annex_iii_employment" in res.fired_rules
    assert any(c.startswith("Works-council consultation") for c in res.required_controls)
    assert "Data protection impact assessment" in res.required_controls
    res = aia.assess(_profile(eu_workers="yes", decision="hiring", autonomy="one_input", works_council="no"))
    assert not any(c.startswith("Works-council consultation") for c in res.required_controls)


def test_aia_score_alone_can_reach_high():
    res = aia.assess(_profile(decision="pay", autonomy="one_input", protected_inputs=True,
                              special_category_data=True, contestable=False))
    # 2 + 1 + 2 + 2 + 2 = 9 >= 8
    assert (res.score, res.score_tier, res.tier) == (9, "high", "high")
    assert res.fired_rules == ["employment_decision_support"]
    assert "contestable = no (+2 points)" in res.reasons[-1]


def test_aia_unanswered_questions_are_reported_and_tier_is_a_lower_bound():
    res = aia.assess({"decision": "hiring", "autonomy": "one_input", "eu_workers": None})
    assert "eu_workers" in res.unanswered and "works_council" in res.unanswered
    assert len(res.unanswered) == len(aia.questionnaire()) - 2
    assert res.lower_bound and "eu_annex_iii_employment" in res.undetermined_rules
    assert "lower bound" in repr(res)
    assert res.to_frame().loc["eu_workers", "answer"] is None


def test_aia_unknown_ids_and_bad_answers_are_refused():
    with pytest.raises(ValueError, match=r"unknown question id\(s\) \['uses_ai'\]; valid ids are \['eu_workers'"):
        aia.assess({"uses_ai": "yes"})
    with pytest.raises(ValueError, match=r"autonomy: 'some' is not an allowed answer; use one of \['sole_decision'"):
        aia.assess({"autonomy": "some"})
    with pytest.raises(ValueError, match="eu_workers: 'maybe'"):
        aia.assess({"eu_workers": "maybe"})
    with pytest.raises(ValueError, match="answers must be a dict"):
        aia.assess([("eu_workers", "yes")])


def test_aia_rules_and_controls_refer_to_real_questions_and_are_documented():
    questions = aia.questionnaire()
    for rule in aia._spec()["rules"]:
        assert rule["tier"] in aia.TIERS and rule["source"] and rule["reason"]
        assert rule["id"] in aia.__doc__, f"rule {rule['id']} is not documented in the module docstring"
        for qid, values in rule["when"].items():
            assert set(values) <= set(questions.loc[qid, "answers"]), (rule["id"], qid)
    for cond in aia.controls()["applies_when"]:
        for part in filter(None, cond.split("&")):
            qid, value = part.split("=")
            assert value in questions.loc[qid, "answers"], cond
    assert set(aia.controls()["tier"]) == set(aia.TIERS)
    assert list(aia.rules().columns) == ["tier", "when", "reason", "source"]


# ---------------------------------------------------------------------------------------- NIST


def test_nist_has_19_categories_in_4_functions():
    cats = nist.categories()
    assert len(cats) == 19 and list(cats.index) == nist.category_ids()
    assert cats.groupby("function", sort=False).size().to_dict() == {"GOVERN": 6, "MAP": 5, "MEASURE": 4, "MANAGE": 4}
    assert tuple(nist.functions().index) == nist.FUNCTIONS
    assert cats["summary"].str.len().gt(20).all() and not cats["summary"].str.contains("\n").any()
    assert "NIST AI 100-1" in nist.citation() and "2023" in nist.citation()


def test_nist_map_controls_and_gaps():
    cmap = nist.map_controls({"Bias audit": ["MEASURE 2", "measure-1"], "Vendor review": "GV-6"})
    frame = cmap.to_frame()
    assert frame.shape == (19, 2) and frame.dtypes.eq(bool).all()
    assert frame.loc["MEASURE 1", "Bias audit"] and frame.loc["GOVERN 6", "Vendor review"]
    assert not frame.loc["GOVERN 6", "Bias audit"]
    assert cmap.controls == {"Bias audit": ["MEASURE 2", "MEASURE 1"], "Vendor review": ["GOVERN 6"]}
    assert len(cmap.gaps()) == 16 and "MEASURE 2" not in cmap.gaps()
    assert cmap.coverage()["MEASURE 2"] == 1


def test_nist_default_controls_leave_engagement_gaps():
    cmap = nist.map_controls()
    assert list(cmap.to_frame().columns) == list(nist.DEFAULT_CONTROLS)
    for name in ("inventory", "risk classification", "bias audit", "model cards", "human oversight",
                 "incident response", "vendor due diligence", "monitoring", "training"):
        assert any(name in c.lower() for c in nist.DEFAULT_CONTROLS), name
    assert cmap.gaps() == ["GOVERN 5", "MEASURE 4"] == nist.gaps()
    assert "gaps: GOVERN 5, MEASURE 4" in repr(cmap) and "<table" in cmap._repr_html_()


def test_nist_unknown_category_ids_are_refused():
    with pytest.raises(ValueError, match=r"'Audit': unknown category 'MAP 6'[\s\S]*'Audit': unknown category 'GOVERN 1.6'"):
        nist.map_controls({"Audit": ["MAP 6", "GOVERN 1.6"]})
    with pytest.raises(ValueError, match=r"valid categories .*'GOVERN 1'"):
        nist.map_controls({"Audit": ["Fairness"]})
    with pytest.raises(ValueError, match="non-empty list"):
        nist.map_controls({"Audit": []})
    with pytest.raises(ValueError, match="non-empty dict"):
        nist.map_controls(["GOVERN 1"])


# ------------------------------------------------------------------------------------------ imports


def test_governance_modules_do_not_import_sklearn_or_matplotlib():
    code = (
        "import sys\n"
        "import hrfair_helpers.governance.raci, hrfair_helpers.governance.documentation\n"
        "import hrfair_helpers.governance.impact_assessment, hrfair_helpers.governance.nist\n"
        "print(','.join(m for m in ('sklearn', 'matplotlib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"imported eagerly: {out}"
