"""hrfair_helpers.governance: RACI, model cards and datasheets, impact assessment, NIST AI RMF map."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.audit import LL144AuditReport, adverse_impact, group_metrics, ll144_bias_audit
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
    for role in (
        "Data science",
        "HR business partners",
        "Legal",
        "DEI",
        "Procurement",
        "Vendor",
        "Responsible-AI lead",
        "CHRO",
    ):
        assert role in raci.roles
    text = " ".join(raci.activities).lower()
    for activity in (
        "inventory",
        "risk classification",
        "bias audit",
        "model documentation",
        "vendor due diligence",
        "human oversight",
        "incident response",
        "regulatory notices",
        "monitoring",
        "policy approval",
    ):
        assert activity in text, activity
    assert raci.accountable()["AI policy approval"] == "CHRO"
    assert "A" not in "".join(raci.to_frame()["Vendor"])  # the employer, not the vendor, answers for use
    md = raci.to_markdown()
    assert md.startswith("| activity | Responsible-AI lead |") and "Accountable" in md
    assert "status: valid" in repr(raci) and "<table" in raci._repr_html_()


def test_default_raci_bias_audit_is_done_by_an_independent_auditor():
    # NYC LL144: the bias audit is done by an independent auditor (6 RCNY §5-300), not by the
    # employer's data scientists, who are consulted and supply the data.
    raci = default_hr_ai_raci().validate()
    frame = raci.to_frame()
    audit_row = frame.loc["Bias audit (before deployment and yearly)"]
    assert audit_row["Independent auditor"] == "R"
    assert audit_row["Data science"] == "C"
    assert audit_row["Responsible-AI lead"] == "A"
    assert [role for role, code in audit_row.items() if "R" in code] == ["Independent auditor"]
    assert raci.for_role("Independent auditor").index.tolist() == ["Bias audit (before deployment and yearly)"]


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
    assert (
        "threshold: an impact ratio below 0.8 is generally regarded as evidence of adverse impact "
        "(a rule of thumb, 29 CFR 1607.4(D))"
    ) in quant
    assert "0.8 is adverse impact" not in quant
    np.testing.assert_allclose(card.tables["adverse impact (1)"]["impact_ratio"], impact.table["impact_ratio"])
    assert "Disparities between groups" in quant and "equal_opportunity" in quant
    assert "**Groups in the audit results:** F, M" in card.sections["Factors"]


def test_model_card_renders_an_ll144_audit_with_unknowns_and_exclusions():
    # 30 men (15 selected), 30 women (9 selected), 1 Asian woman (1 selected), 4 of unknown sex.
    rows = (
        [("Male", "White", i < 15) for i in range(30)]
        + [("Female", "White", i < 9) for i in range(30)]
        + [("Female", "Asian", True)]
        + [("Unknown", "White", i < 2) for i in range(4)]
    )
    df = pd.DataFrame(rows, columns=["sex", "race", "selected"])
    why = "One applicant cannot anchor a comparison."
    ll144 = ll144_bias_audit(
        df,
        sex="sex",
        race_ethnicity="race",
        selected="selected",
        exclude_small=True,
        justification=why,
        audit_date="2026-11-02",
    )
    assert isinstance(ll144, LL144AuditReport)
    card = model_card("Screener", audits=ll144)
    quant = card.sections["Quantitative Analyses"]
    assert "Quantitative Analyses: Audit results" not in " ".join(card.missing_fields)
    # The three tables with their unknown counts: sex 4, race 0, intersectional 4.
    assert "LL144 Sex categories, individuals in an unknown category: 4" in quant
    assert "LL144 Race/ethnicity categories, individuals in an unknown category: 0" in quant
    assert "LL144 Intersectional categories (sex × race/ethnicity), individuals in an unknown category: 4" in quant
    # Intersectional rows: Male × White 15/30 = 0.5 (highest), Female × White 9/30 = 0.3 -> 0.6;
    # Female × Asian is 1 of 65 = 1.5 % of all individuals assessed: excluded, ratio NaN.
    assert "| Male × White | 30 | 15 | 0.500 | 1.000 | False | False |" in quant
    assert "| Female × White | 30 | 9 | 0.300 | 0.600 | False | False |" in quant
    assert "| Female × Asian | 1 | 1 | 1.000 | – | True | True |" in quant
    assert (
        "individuals in an unknown category (intersectional categories), not included in the calculations: 4" in quant
    )
    assert "Intersectional categories: Female × Asian: 1 applicant(s), 1.54% of all individuals assessed" in quant
    assert why in quant and "Number of individuals assessed: 65" in quant
    pd.testing.assert_frame_equal(card.tables["LL144 intersectional"], ll144.intersectional)
    assert "**Groups in the audit results:** Male, Female, White, Asian" in card.sections["Factors"]
    # Mixed with another report, tables get a suffix.
    both = model_card("Screener", audits=[ll144, adverse_impact("selected", "sex", data=df)])
    assert "LL144 sex (1)" in both.tables and "adverse impact (2)" in both.tables


def test_model_card_reports_missing_sections_and_fields():
    card = model_card("Screener", version="1.0", intended_uses=["shortlisting"], caveats="Not for promotion.")
    assert card.missing() == [
        "Factors",
        "Metrics",
        "Evaluation Data",
        "Training Data",
        "Quantitative Analyses",
        "Ethical Considerations",
    ]
    lacking = " | ".join(card.missing_fields)
    for field in (
        "Model Details: Date",
        "Model Details: Developers",
        "Intended Use: Out-of-scope uses",
        "Quantitative Analyses: Audit results",
    ):
        assert field in lacking
    assert "Model Details: Version" not in lacking
    md = card.to_markdown()
    assert md.index("## 1. Model Details") < md.index("## 7. Quantitative Analyses") < md.index("## 9. Caveats")
    assert "**Not provided:** Audit results" in md
    frame = card.to_frame()
    assert list(frame.index) == list(MODEL_CARD_SECTIONS) and not frame.loc["Metrics", "provided"]
    assert (
        "empty sections: Factors" in repr(card)
        and "<p><strong>7. Quantitative Analyses</strong></p>" in card._repr_html_()
    )


def test_model_card_full_card_has_nothing_missing(hiring):
    impact = adverse_impact("hired", "sex", data=hiring)
    text = "given"
    card = model_card(
        "Screener",
        version=2,
        date="2025-01-01",
        developers="People Analytics",
        model_type="logistic regression",
        intended_uses=text,
        intended_users=text,
        out_of_scope_uses=text,
        factors={"sex": "self-reported"},
        metrics=text,
        evaluation_data=text,
        training_data=text,
        audits=impact,
        ethical_considerations=text,
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
    with pytest.raises(ValueError, match=r"groups column\(s\) \[.race.\] not in the data"):
        datasheet("D", hiring, groups=["sex", "race"])
    with pytest.raises(ValueError, match="no data was given"):
        datasheet("D", groups="sex")


def test_datasheet_summary_numbers_by_hand():
    df = pd.DataFrame(
        {
            "sex": ["F", "F", "M", None, "M", "M"],
            "race": ["A", "B", "A", "A", None, "B"],
            "score": [1.0, np.nan, 3.0, np.nan, 5.0, 6.0],
        }
    )
    sheet = datasheet("Applicants", df, groups=["sex", "race"], motivation="Audit the screener.")
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
    assert sheet.missing() == [
        "Collection Process",
        "Preprocessing/cleaning/labeling",
        "Uses",
        "Distribution",
        "Maintenance",
    ]


def test_datasheet_without_data_reports_the_missing_summary():
    sheet = datasheet("Applicants", composition="One row per application.")
    assert "Composition" not in sheet.missing()  # the description is there ...
    assert any(m.startswith("Composition: Data summary") for m in sheet.missing_fields)  # ... the summary is not
    assert sheet.missing()[0] == "Motivation"


# ---------------------------------------------------------------------------- impact assessment

ALL_NO = {
    "eu_workers": "no",
    "nyc_jobs": "no",
    "emotion_inference_biometric": "no",
    "emotion_inference_text": "no",
    "biometric_categorisation": "no",
    "worker_monitoring": "no",
    "protected_inputs": "no",
    "special_category_data": "no",
    "contestable": "yes",
    "candidate_facing": "no",
    "vendor_supplied": "no",
    "works_council": "no",
}


def _profile(**answers):
    return {**ALL_NO, "decision": "no_decision", "autonomy": "informational", "people_per_year": "under_100", **answers}


def test_aia_emotion_inference_at_work_in_the_eu_is_unacceptable():
    res = aia.assess(
        _profile(eu_workers="yes", emotion_inference_biometric="yes", decision="hiring", autonomy="one_input")
    )
    assert res.tier == "unacceptable"
    assert "eu_emotion_recognition_at_work" in res.fired_rules
    assert "Article 5(1)(f)" in res.reasons[0] and "biometric" in res.reasons[0]
    assert res.required_controls == ["Do not deploy; stop any current use and refer to Legal"]
    # Outside the EU the same practice is high risk, not prohibited.
    res = aia.assess(_profile(emotion_inference_biometric="yes"))
    assert res.tier == "high" and res.fired_rules == ["emotion_inference_outside_eu"]


def test_aia_emotion_question_separates_biometric_from_text_and_drops_intentions():
    q = aia.questionnaire()
    assert "emotion_inference" not in q.index
    assert "intention" not in " ".join(q["text"]).lower()
    assert "face, voice" in q.loc["emotion_inference_biometric", "text"]
    assert "physiological" in q.loc["emotion_inference_biometric", "text"]
    assert "text" in q.loc["emotion_inference_text", "text"]


def test_aia_emotion_inference_from_text_is_medium_not_prohibited():
    # Art. 5(1)(f) with Art. 3(39) covers emotion recognition from biometric data only.
    res = aia.assess(_profile(eu_workers="yes", emotion_inference_text="yes"))
    # Score 2 -> low; the hrfair rule lifts it to medium, not to unacceptable.
    assert (res.score, res.score_tier, res.tier) == (2, "low", "medium")
    assert res.fired_rules == ["emotion_inference_from_text"]
    assert "not covered by Art. 5(1)(f)" in res.reasons[0] and "hrfair policy" in res.reasons[0]
    res = aia.assess(_profile(emotion_inference_text="yes"))  # outside the EU too
    assert res.tier == "medium" and res.fired_rules == ["emotion_inference_from_text"]


def test_aia_emotion_recognition_for_medical_or_safety_reasons_is_high_risk_in_the_eu():
    res = aia.assess(_profile(eu_workers="yes", emotion_inference_biometric="medical_or_safety"))
    assert res.tier == "high"
    assert res.fired_rules == ["eu_emotion_recognition_medical_or_safety"]
    assert "Annex III point 1(c)" in res.reasons[0]
    assert "Do not deploy; stop any current use and refer to Legal" not in res.required_controls
    # Biometric and text together in the EU: the prohibition wins.
    res = aia.assess(_profile(eu_workers="yes", emotion_inference_biometric="yes", emotion_inference_text="yes"))
    assert res.tier == "unacceptable"
    assert res.fired_rules == ["eu_emotion_recognition_at_work", "emotion_inference_from_text"]


def test_aia_biometric_emotion_answer_must_name_the_purpose():
    # A choice, not yes/no: "yes" (prohibited in the EU) or "medical_or_safety" (high risk).
    with pytest.raises(ValueError, match=r"emotion_inference_biometric: True is not an allowed answer"):
        aia.assess({"emotion_inference_biometric": True})


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
    assert res.reasons == [
        "score 3 → low: candidate_facing = yes (+1 points); people_per_year = over_10000 (+2 points)"
    ]


def test_aia_nyc_screener_with_human_sign_off_is_medium_with_ll144_controls():
    res = aia.assess(
        _profile(
            nyc_jobs="yes",
            decision="hiring",
            autonomy="primary_factor",
            people_per_year="100_to_10000",
            vendor_supplied="yes",
        )
    )
    assert res.score == 6 and res.tier == "medium"
    assert res.fired_rules == ["nyc_aedt", "employment_decision_support"]
    controls = " | ".join(res.required_controls)
    assert "Independent bias audit within the year before use" in controls
    assert "Vendor due diligence" in controls
    assert "Bias audit (adverse impact by sex and race/ethnicity" in controls
    assert "Human review of every adverse decision" not in controls
    ll144 = res.controls[res.controls["control"].str.startswith("Independent bias audit")]
    assert ll144["source"].tolist() == ["NYC Local Law 144 (Admin. Code §20-871); 6 RCNY §§5-301, 5-303 and 5-304"]


@pytest.mark.parametrize(
    "answers",
    [
        {"decision": "termination", "autonomy": "primary_factor"},  # LL144 covers hiring and promotion only
        {"decision": "termination", "autonomy": "sole_decision"},
        {"decision": "hiring", "autonomy": "one_input"},  # does not substantially assist or replace
    ],
)
def test_aia_ll144_control_only_when_the_nyc_aedt_rule_fires(answers):
    res = aia.assess(_profile(nyc_jobs="yes", **answers))
    assert "nyc_aedt" not in res.fired_rules
    assert res.tier in ("medium", "high")
    assert not any(c.startswith("Independent bias audit") for c in res.required_controls)
    assert "6 RCNY" not in " ".join(res.controls["source"])


def test_aia_human_review_on_request_is_hrfair_policy_and_art_22_3_only_for_sole_decisions():
    res = aia.assess(_profile(eu_workers="yes", decision="pay", autonomy="one_input"))
    sources = dict(zip(res.controls["control"], res.controls["source"]))
    assert sources["Human review of an outcome on request"] == "hrfair policy"
    assert not any("22(3)" in src for src in sources.values())
    res = aia.assess(_profile(eu_workers="yes", decision="pay", autonomy="sole_decision"))
    sources = dict(zip(res.controls["control"], res.controls["source"]))
    assert [c for c, src in sources.items() if "22(3)" in src] == [
        "Human intervention, a chance to express one's view and to contest the decision (solely automated decision)"
    ]


def test_aia_eu_recruitment_is_high_and_works_council_consultation_depends_on_the_answer():
    res = aia.assess(_profile(eu_workers="yes", decision="hiring", autonomy="one_input", works_council="yes"))
    assert res.tier == "high" and "eu_annex_iii_employment" in res.fired_rules
    assert any(c.startswith("Works-council consultation") for c in res.required_controls)
    assert "Data protection impact assessment" in res.required_controls
    res = aia.assess(_profile(eu_workers="yes", decision="hiring", autonomy="one_input", works_council="no"))
    assert not any(c.startswith("Works-council consultation") for c in res.required_controls)


def test_aia_score_alone_can_reach_high():
    res = aia.assess(
        _profile(
            decision="pay", autonomy="one_input", protected_inputs=True, special_category_data=True, contestable=False
        )
    )
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
    rule_ids = list(aia.rules().index)
    for cond in aia.controls()["applies_when"]:
        for part in filter(None, cond.split("&")):
            qid, value = part.split("=")
            if qid == "rule":
                assert value in rule_ids, cond
            else:
                assert value in questions.loc[qid, "answers"], cond
    assert set(aia.controls()["tier"]) == set(aia.TIERS)
    assert list(aia.rules().columns) == ["tier", "when", "reason", "source"]


# ---------------------------------------------------------------------------------------- NIST


def test_nist_has_19_categories_in_4_functions():
    cats = nist.categories()
    # The 19 categories of NIST AI 100-1, written out here rather than read from the package data.
    expected = [
        "GOVERN 1",
        "GOVERN 2",
        "GOVERN 3",
        "GOVERN 4",
        "GOVERN 5",
        "GOVERN 6",
        "MAP 1",
        "MAP 2",
        "MAP 3",
        "MAP 4",
        "MAP 5",
        "MEASURE 1",
        "MEASURE 2",
        "MEASURE 3",
        "MEASURE 4",
        "MANAGE 1",
        "MANAGE 2",
        "MANAGE 3",
        "MANAGE 4",
    ]
    assert len(cats) == 19 and list(cats.index) == expected and nist.category_ids() == expected
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
    for name in (
        "inventory",
        "risk classification",
        "bias audit",
        "model cards",
        "human oversight",
        "incident response",
        "vendor due diligence",
        "monitoring",
        "training",
    ):
        assert any(name in c.lower() for c in nist.DEFAULT_CONTROLS), name
    assert cmap.gaps() == ["GOVERN 5", "MEASURE 4"] == nist.gaps()
    assert "gaps: GOVERN 5, MEASURE 4" in repr(cmap) and "<table" in cmap._repr_html_()


def test_nist_unknown_category_ids_are_refused():
    with pytest.raises(
        ValueError, match=r"'Audit': unknown category 'MAP 6'[\s\S]*'Audit': unknown category 'GOVERN 1.6'"
    ):
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
