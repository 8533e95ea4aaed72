"""Tests for :mod:`hrfair_helpers.governance.registry` (regulation registry and classifier).

The registry is read only from the package data; nothing here touches /work/shared or the
network. Tampering happens on a temporary copy through the ``_DATA_DIR`` seam of ``_registry_data``.
"""

import json
import shutil

import pandas as pd
import pytest

from hrfair_helpers._utils.resources import sha256_hex
from hrfair_helpers.datasets import DataIntegrityError
from hrfair_helpers.governance import _registry_data, registry
from hrfair_helpers.governance._dates import format_date
from hrfair_helpers.governance.registry import (
    DATA_FLAGS,
    LOCATIONS,
    PURPOSES,
    ToolProfile,
    classify,
    load_registry,
    obligations_matrix,
    registry_as_of,
)


def tool(**kwargs):
    """A private-employer deployer's selection tool for EU candidates unless told otherwise."""
    base = dict(name="t", purpose="selection", decision_role="substantial", locations={"EU"})
    base.update(kwargs)
    return ToolProfile(**base)


def row(t, reg_id):
    """The classification row for `reg_id`, or None when the instrument is absent."""
    frame = classify(t).set_index("id")
    return frame.loc[reg_id] if reg_id in frame.index else None


def duties(r):
    """Every obligation of a row, in force or still to come (dates stripped)."""
    return list(r["obligations"]) + [u.split(": ", 1)[1] for u in r["upcoming"]]


# --------------------------------------------------------------------------- #
# the registry


REQUIRED_IDS = {
    "eu_ai_act",
    "eu_ai_omnibus",
    "gdpr_art22",
    "cjeu_schufa_scoring",
    "cjeu_dun_bradstreet",
    "eu_platform_work",
    "eu_pay_transparency",
    "uk_duaa_adm",
    "uk_equality_act",
    "nyc_ll144",
    "us_title7",
    "us_title7_ugesp",
    "us_eeoc_ai_guidance",
    "us_eo14281",
    "us_ada",
    "us_adea",
    "mobley_v_workday",
    "tx_traiga",
    "ca_ccpa_admt",
    "qc_private_sector_adm",
    "ca_aida",
    "cn_algorithm_recommendation",
    "sg_wfa",
    "nist_ai_600_1",
    "il_aivia",
    "il_hb3773",
    "co_admt",
    "ca_feha_ads",
    "on_esa_ai_postings",
    "kr_ai_basic_act",
    "cn_pipl_art24",
    "sg_model_ai_gov",
    "jp_ai_promotion_act",
    "nist_ai_rmf",
}


def test_registry_covers_the_required_instruments():
    reg = load_registry()
    assert REQUIRED_IDS <= set(reg["id"])
    assert reg["id"].is_unique


def test_every_entry_describes_the_registry_date():
    reg = load_registry()
    assert (reg["as_of"] == registry_as_of()).all()


def test_key_dates_are_in_order():
    reg = load_registry().set_index("id")
    for reg_id, dates in reg["key_dates"].items():
        days = [kd["date"] for kd in dates]
        assert days == sorted(days), reg_id


def test_art4_literacy_as_adopted_then_as_amended():
    obligations = {
        ob["text"]: ob for ob in _registry_data._entry("eu_ai_act")["obligations"] if ob["text"].startswith("Art. 4 (")
    }
    adopted = [ob for text, ob in obligations.items() if "as adopted" in text]
    amended = [ob for text, ob in obligations.items() if "as amended" in text]
    assert len(adopted) == len(amended) == 1
    assert adopted[0]["status"] == "confirmed" and adopted[0]["until"] == registry.legal_date("eu_aia_omnibus_in_force")
    assert amended[0].get("status") == "secondary" and "support" in amended[0]["text"]


def test_statuses_keep_the_research_notes_uncertainty():
    reg = load_registry().set_index("id")
    # the amending act was read only in secondary sources: neither it nor the amended Act is confirmed
    assert reg.loc["eu_ai_omnibus", "status"] == "secondary"
    assert reg.loc["eu_ai_act", "status"] == "secondary"
    assert reg.loc["uk_duaa_adm", "status"] == "confirmed"  # SI 2026/82 read in the primary text
    for reg_id in ("co_admt", "ca_feha_ads", "on_esa_ai_postings", "il_aivia"):
        assert reg.loc[reg_id, "status"] == "secondary"
    assert reg.loc["us_title7_ugesp", "status"] == "check"  # rescission pending
    prohibitions = [
        ob for ob in _registry_data._entry("eu_ai_act")["obligations"] if ob["text"].startswith("Art. 5(1)(f)")
    ]
    assert prohibitions[0]["status"] == "confirmed"


def test_kinds_of_the_voluntary_frameworks():
    reg = load_registry().set_index("id")
    assert reg.loc["nist_ai_rmf", "kind"] == "voluntary framework"
    assert reg.loc["sg_model_ai_gov", "kind"] == "voluntary framework"
    assert reg.loc["ca_feha_ads", "kind"] == "regulation"


def test_ll144_obligations_say_publish_impact_ratios_not_meet_a_threshold():
    ll144 = " ".join(load_registry().set_index("id").loc["nyc_ll144", "obligations"])
    assert "impact ratio" in ll144
    assert "no pass/fail threshold" in ll144
    assert "10 business days" in ll144
    assert "one year" in ll144


def test_ll144_obligations_cite_the_right_rule_sections():
    obligations = load_registry().set_index("id").loc["nyc_ll144", "obligations"]
    publish = [o for o in obligations if "5-303" in o]
    data = [o for o in obligations if "historical data" in o]
    notice = [o for o in obligations if "10 business days" in o]
    assert len(publish) == len(notice) == 1 and len(data) == 2
    assert "5-303" in publish[0] and "5-302" not in publish[0]
    assert all("5-302" in o and "5-301" not in o for o in data)
    assert any("only if it gave the auditor its own historical data" in o for o in data)  # 5-302(a) vendor audits
    assert "5-304" in notice[0]


def test_illinois_hb3773_applicant_notice_is_check():
    notice = [ob for ob in _registry_data._entry("il_hb3773")["obligations"] if "notice" in ob["text"]]
    assert len(notice) == 1 and "IDHR" in notice[0]["text"] and notice[0]["status"] == "check"


def test_four_fifths_is_cited_to_the_uniform_guidelines():
    e = load_registry().set_index("id").loc["us_title7_ugesp"]
    assert "1607.4(D)" in e["citation"]
    assert any("four-fifths" in o and "rule of thumb" in o for o in e["obligations"])


def test_load_registry_returns_a_copy():
    first = load_registry()
    first.loc[0, "status"] = "mutated"
    first.loc[0, "obligations"].append("mutated")
    second = load_registry()
    assert "mutated" not in set(second["status"])
    assert "mutated" not in second.loc[0, "obligations"]


# --------------------------------------------------------------------------- #
# integrity


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the package data directory that the registry reads instead of the original."""
    src = _registry_data._data_dir() / _registry_data.REGISTRY_FILE
    dst = tmp_path / _registry_data.REGISTRY_FILE
    shutil.copyfile(str(src), dst)
    monkeypatch.setattr(_registry_data, "_DATA_DIR", tmp_path)
    return dst


def test_untouched_copy_loads(data_copy):
    assert len(load_registry()) >= len(REQUIRED_IDS)


def test_tampered_copy_raises_a_clear_integrity_error(data_copy):
    text = data_copy.read_text(encoding="utf-8")
    data_copy.write_text(text.replace('"status": "check"', '"status": "confirmed"', 1), encoding="utf-8")
    with pytest.raises(DataIntegrityError, match="failed its integrity check") as info:
        load_registry()
    assert "regulations.json" in str(info.value)
    assert "git checkout" in str(info.value)
    assert isinstance(info.value, OSError)


def test_missing_file_raises_integrity_error(data_copy):
    data_copy.unlink()
    with pytest.raises(DataIntegrityError, match="could not be read"):
        load_registry()


def test_entry_missing_a_citation_is_refused(data_copy, monkeypatch):
    doc = json.loads(data_copy.read_text(encoding="utf-8"))
    del doc["entries"][0]["citation"]
    data_copy.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setattr(_registry_data, "REGISTRY_SHA256", sha256_hex(data_copy.read_bytes()))
    with pytest.raises(DataIntegrityError, match="'eu_ai_act'.*'citation' is missing or empty"):
        load_registry()


def test_registry_still_exports_the_names_that_moved_out_of_it():
    moved = ["AS_ADOPTED", "KINDS", "REGISTRY_FILE", "REGISTRY_SHA256", "REQUIRED_FIELDS", "CLASSIFY_COLUMNS"]
    assert all(hasattr(registry, name) for name in [*registry.__all__, *moved])
    assert registry.REGISTRY_SHA256 == _registry_data.REGISTRY_SHA256


# --------------------------------------------------------------------------- #
# tool profiles


@pytest.mark.parametrize(
    "field, value, shown",
    [
        ("purpose", "hiring", "recruitment"),
        ("decision_role", "advisory", "assistive"),
        ("deployer_type", "charity", "public_service_provider"),
        ("role", "user", "provider"),
        ("locations", {"EU", "Mars"}, "US-NYC"),
        ("locations", "EU", "CA-ON"),
        ("data", {"horoscope"}, "emotion_inference"),
        ("employees", -3, "non-negative"),
        ("uses_for_public_job_posting", "yes", "True or False"),
        ("profiles_people", "no", "True or False"),
        ("name", "", "non-empty"),
    ],
)
def test_bad_profiles_raise_value_error_naming_valid_values(field, value, shown):
    with pytest.raises(ValueError, match=shown):
        tool(**{field: value})


def test_profile_normalises_sets():
    t = tool(locations=["EU", "EU"], data=("video",))
    assert t.locations == frozenset({"EU"}) and t.data == frozenset({"video"})
    assert set(PURPOSES) >= {"recruitment", "candidate_communication"}
    assert {"US-NYC", "US-IL", "CA-ON", "KR"} <= set(LOCATIONS)
    assert "zip_code" in DATA_FLAGS


def test_classify_rejects_non_profiles():
    with pytest.raises(ValueError, match="ToolProfile"):
        classify({"name": "x"})


# --------------------------------------------------------------------------- #
# EU AI Act


@pytest.mark.parametrize("source", ["video", "voice", "biometric"])
def test_emotion_recognition_from_biometric_data_is_prohibited(source):
    r = row(tool(purpose="performance_monitoring", data={source, "emotion_inference"}), "eu_ai_act")
    assert r["tier"] == "prohibited"
    assert r["applies"] is True
    assert "Art. 5(1)(f)" in r["reason"] and "2 Feb 2025" in r["reason"] and source in r["reason"]
    assert any("Art. 5(1)(f)" in o for o in r["obligations"])
    assert not any("Art. 26" in o for o in r["obligations"])


def test_emotion_inference_from_text_is_check_not_prohibited():
    r = row(
        tool(purpose="performance_monitoring", data={"cv_text", "communications", "emotion_inference"}), "eu_ai_act"
    )
    assert r["applies"] == "check"
    assert r["tier"] != "prohibited"
    assert "Art. 3(39)" in r["reason"] and "biometric" in r["reason"]
    assert not any("Art. 5(1)(f)" in o for o in r["obligations"])


def test_emotion_recognition_for_medical_or_safety_reasons_is_high_risk_annex_iii_1c():
    r = row(
        tool(purpose="performance_monitoring", data={"voice", "emotion_inference"}, medical_or_safety_purpose=True),
        "eu_ai_act",
    )
    assert r["tier"] == "high-risk" and r["applies"] is True
    assert "medical or safety" in r["reason"] and "Annex III 1(c)" in r["reason"]
    assert any("Art. 50(3)" in o for o in r["obligations"])
    assert any("Art. 26(1)" in o for o in duties(r))
    # not limited/minimal even where the purpose alone would be
    chat = row(
        tool(purpose="candidate_communication", data={"voice", "emotion_inference"}, medical_or_safety_purpose=True),
        "eu_ai_act",
    )
    assert chat["tier"] == "high-risk" and "Annex III 1(c)" in chat["reason"]


def test_emotion_inference_outside_the_eu_is_not_an_eu_matter():
    assert row(tool(locations={"US-CA"}, data={"emotion_inference"}), "eu_ai_act") is None


@pytest.mark.parametrize(
    "purpose, point",
    [
        ("recruitment", "4(a)"),
        ("selection", "4(a)"),
        ("promotion", "4(b)"),
        ("termination", "4(b)"),
        ("task_allocation", "4(b)"),
        ("performance_monitoring", "4(b)"),
        ("pay", "4(b)"),
    ],
)
def test_eu_employment_uses_are_high_risk(purpose, point):
    r = row(tool(purpose=purpose), "eu_ai_act")
    assert r["tier"] == "high-risk" and r["applies"] is True
    assert f"Annex III {point}" in r["reason"]
    annex = format_date(registry.legal_date("eu_aia_annex_iii"), "short")
    assert f"apply from {annex}" in r["reason"] and "Digital Omnibus" in r["reason"]


def test_assistive_eu_tool_that_profiles_people_stays_high_risk():
    r = row(tool(decision_role="assistive"), "eu_ai_act")
    assert r["tier"] == "high-risk" and r["applies"] is True
    assert "Art. 6(3), last subparagraph" in r["reason"] and "cannot apply" in r["reason"]
    assert "never applies" not in r["reason"]


def test_profiling_assistive_scheduler_is_high_risk():
    r = row(tool(purpose="task_allocation", decision_role="assistive"), "eu_ai_act")
    assert r["tier"] == "high-risk" and r["applies"] is True
    assert "Annex III 4(b)" in r["reason"]


def test_non_profiling_assistive_scheduler_is_check_under_art_6_3():
    r = row(tool(purpose="task_allocation", decision_role="assistive", profiles_people=False), "eu_ai_act")
    assert r["applies"] == "check" and r["tier"] == "high-risk"
    assert "Art. 6(3)" in r["reason"] and "Art. 6(4)" in r["reason"]
    assert "behaviour or personal traits" in r["reason"]


def test_attrition_prediction_depends_on_use_and_chatbot_is_limited():
    assert row(tool(purpose="attrition_prediction"), "eu_ai_act")["applies"] == "check"
    r = row(tool(purpose="candidate_communication"), "eu_ai_act")
    assert r["tier"] == "limited/minimal"


def test_deployer_gets_art26_provider_gets_arts_9_to_17():
    deployer = " ".join(duties(row(tool(), "eu_ai_act")))
    assert "Art. 26(7)" in deployer and "workers' representatives" in deployer
    assert "Art. 86" in deployer and "Art. 26(6)" in deployer
    assert "Art. 9:" not in deployer
    provider = " ".join(duties(row(tool(role="provider"), "eu_ai_act")))
    for art in ("Art. 9:", "Art. 10(2)", "Art. 11", "Art. 12:", "Art. 13:", "Art. 14:", "Art. 15:", "Arts 16-17"):
        assert art in provider
    assert "Art. 26(7)" not in provider


def test_private_employer_hiring_tool_needs_no_fria():
    r = row(tool(purpose="recruitment", deployer_type="private_employer"), "eu_ai_act")
    assert not any("Art. 27" in o for o in r["obligations"])
    assert "No Art. 27 fundamental rights impact assessment is required" in r["reason"]
    assert "public" in r["reason"]


@pytest.mark.parametrize("deployer_type", ["public_body", "public_service_provider"])
def test_public_deployers_need_a_fria(deployer_type):
    r = row(tool(deployer_type=deployer_type), "eu_ai_act")
    assert any("Art. 27" in o for o in duties(r))
    assert "Art. 27" in r["reason"] and "must" in r["reason"]


# --------------------------------------------------------------------------- #
# GDPR / UK


def test_gdpr_art22_applies_to_sole_decisions_in_the_eu():
    r = row(tool(decision_role="sole"), "gdpr_art22")
    assert r["applies"] is True
    assert any("Art. 22(3)" in o for o in r["obligations"])
    assert row(tool(decision_role="substantial"), "gdpr_art22")["applies"] == "check"
    assert row(tool(decision_role="assistive"), "gdpr_art22") is None
    assert row(tool(decision_role="sole", locations={"US-CA"}), "gdpr_art22") is None


def test_uk_sole_decisions_fall_under_arts_22a_to_22d():
    r = row(tool(decision_role="sole", locations={"UK"}), "uk_duaa_adm")
    assert r["applies"] is True and r["status"] == "confirmed"
    assert any(o.startswith("Art. 22C") for o in r["obligations"])
    before = classify(tool(decision_role="sole", locations={"UK"}), on="2025-12-01").set_index("id").loc["uk_duaa_adm"]
    assert any(o.startswith("Former UK GDPR Art. 22") for o in before["obligations"])
    assert before["next_date"] == registry.legal_date("uk_duaa_adm")
    assert row(tool(decision_role="sole", locations={"UK"}), "gdpr_art22") is None


# --------------------------------------------------------------------------- #
# NYC Local Law 144


@pytest.mark.parametrize("role", ["sole", "substantial"])
def test_ll144_hiring_tool_in_nyc_is_an_aedt(role):
    r = row(tool(decision_role=role, locations={"US-NYC"}), "nyc_ll144")
    assert r["applies"] is True and r["tier"] == "AEDT"
    text = " ".join(r["obligations"])
    assert "impact ratio" in text and "no pass/fail threshold" in text


def test_ll144_assistive_tool_is_not_an_aedt():
    r = row(tool(decision_role="assistive", locations={"US-NYC"}), "nyc_ll144")
    assert r["applies"] is False and r["tier"] == "not an AEDT"
    assert "assistive" in r["reason"] and "5-300" in r["reason"]
    assert r["obligations"] == []


def test_ll144_covers_only_hiring_and_promotion():
    assert row(tool(purpose="promotion", locations={"US-NYC"}), "nyc_ll144")["tier"] == "AEDT"
    r = row(tool(purpose="termination", decision_role="sole", locations={"US-NYC"}), "nyc_ll144")
    assert r["applies"] is False and r["tier"] == "not an AEDT"
    assert "hiring" in r["reason"] and "promotion" in r["reason"]


@pytest.mark.parametrize("role", ["sole", "substantial"])
def test_ll144_recruitment_is_check_candidates_must_have_applied(role):
    r = row(tool(purpose="recruitment", decision_role=role, locations={"US-NYC"}), "nyc_ll144")
    assert r["applies"] == "check"
    assert "5-300" in r["reason"] and "applied for a specific position" in r["reason"]


def test_ll144_needs_new_york_city():
    assert row(tool(locations={"US-IL"}), "nyc_ll144") is None
    assert row(tool(locations={"US-NY"}), "nyc_ll144")["applies"] == "check"


def test_ll144_vendor_is_not_directly_bound():
    r = row(tool(locations={"US-NYC"}, role="provider"), "nyc_ll144")
    assert r["applies"] == "check" and "employer" in r["reason"]


# --------------------------------------------------------------------------- #
# US states, Canada, Asia, voluntary frameworks


def test_title_vii_for_any_us_location():
    r = row(tool(locations={"US-CO"}), "us_title7")
    assert r["applies"] is True and "four-fifths" in r["reason"]
    assert row(tool(), "us_title7") is None


def test_title_vii_needs_15_employees():
    small = row(tool(locations={"US-CO"}, employees=3), "us_title7")
    assert small["applies"] is False and small["obligations"] == []
    assert "15" in small["reason"] and "2000e(b)" in small["reason"]
    unknown = row(tool(locations={"US-CO"}), "us_title7")
    assert unknown["applies"] is True and "15 or more employees" in unknown["reason"]
    assert row(tool(locations={"US-CO"}, employees=15), "us_title7")["applies"] is True


def test_feha_needs_5_employees():
    small = row(tool(locations={"US-CA"}, employees=4), "ca_feha_ads")
    assert small["applies"] is False and small["obligations"] == []
    assert "5 or more" in small["reason"] and "12926(d)" in small["reason"]
    assert row(tool(locations={"US-CA"}, employees=5), "ca_feha_ads")["applies"] is True
    assert "5 or more employees" in row(tool(locations={"US-CA"}), "ca_feha_ads")["reason"]
    # a small employer: Title VII does not apply, FEHA does
    r = classify(tool(locations={"US-CA"}, employees=10)).set_index("id")
    assert r.loc["us_title7", "applies"] is False and r.loc["ca_feha_ads", "applies"] is True


def test_illinois_video_interview_act():
    r = row(tool(locations={"US-IL"}, data={"video"}, decision_role="sole"), "il_aivia")
    assert r["applies"] is True
    assert any("42/20" in o for o in r["obligations"])
    r = row(tool(locations={"US-IL"}, data={"video"}, decision_role="assistive"), "il_aivia")
    assert not any("42/20" in o for o in r["obligations"])
    assert row(tool(locations={"US-IL"}, data={"cv_text"}), "il_aivia") is None
    assert row(tool(locations={"US-CA"}, data={"video"}), "il_aivia") is None


def test_illinois_hb3773_flags_zip_codes():
    plain = row(tool(locations={"US-IL"}, purpose="termination"), "il_hb3773")
    assert plain["applies"] is True and "zip" not in plain["tier"]
    assert not any("zip codes" in o for o in plain["obligations"])
    zipped = row(tool(locations={"US-IL"}, data={"zip_code"}), "il_hb3773")
    assert "zip-code proxy" in zipped["tier"] and "proxy" in zipped["reason"]
    assert any("zip codes" in o for o in zipped["obligations"])


def test_colorado_and_california_are_secondary():
    co = row(tool(locations={"US-CO"}), "co_admt")
    assert co["status"] == "secondary" and "2027" in co["reason"]
    assert row(tool(locations={"US-CO"}, decision_role="assistive"), "co_admt")["applies"] == "check"
    ca = row(tool(locations={"US-CA"}), "ca_feha_ads")
    assert ca["status"] == "secondary" and "four years" in ca["reason"]


def test_ontario_only_for_public_job_postings():
    assert row(tool(locations={"CA-ON"}), "on_esa_ai_postings") is None
    assert row(tool(locations={"CA-ON"}, uses_for_public_job_posting=True), "on_esa_ai_postings")["applies"] == "check"
    r = row(tool(locations={"CA-ON"}, uses_for_public_job_posting=True, employees=40), "on_esa_ai_postings")
    assert r["applies"] is True and "1 Jan 2026" in r["reason"]
    assert row(tool(locations={"CA-ON"}, uses_for_public_job_posting=True, employees=10), "on_esa_ai_postings") is None


def test_asia():
    kr = row(tool(locations={"KR"}, role="provider"), "kr_ai_basic_act")
    assert kr["applies"] is True and kr["tier"] == "high-impact AI" and "22 Jan 2026" in kr["reason"]
    assert row(tool(locations={"KR"}), "kr_ai_basic_act")["applies"] == "check"
    cn = row(tool(locations={"CN"}, decision_role="sole"), "cn_pipl_art24")
    assert cn["applies"] is True and any("refuse" in o for o in cn["obligations"])
    assert row(tool(locations={"SG"}), "sg_model_ai_gov")["tier"] == "voluntary, recommended"
    assert "no penalties" in row(tool(locations={"JP"}), "jp_ai_promotion_act")["tier"]


def test_nist_rmf_always_voluntary_recommended():
    for t in (tool(), tool(locations={"JP"}), tool(locations={"US-NYC"}, purpose="pay")):
        r = row(t, "nist_ai_rmf")
        assert r["applies"] is True and r["tier"] == "voluntary, recommended"


def test_classify_columns_and_omnibus_not_a_row():
    frame = classify(tool(locations=set(LOCATIONS)))
    assert list(frame.columns) == [
        "id",
        "instrument",
        "applies",
        "tier",
        "obligations",
        "upcoming",
        "next_date",
        "reason",
        "citation",
        "status",
    ]
    assert "eu_ai_omnibus" not in set(frame["id"])
    assert frame["reason"].str.len().gt(20).all()


# --------------------------------------------------------------------------- #
# obligations matrix


def inventory():
    return [
        ToolProfile(name="cv-ranker", purpose="selection", decision_role="substantial", locations={"EU", "US-NYC"}),
        ToolProfile(
            name="mood-cam",
            purpose="performance_monitoring",
            decision_role="assistive",
            locations={"EU"},
            data={"video", "emotion_inference"},
        ),
        ToolProfile(name="nyc-helper", purpose="recruitment", decision_role="assistive", locations={"US-NYC"}),
    ]


def test_obligations_matrix_shape_and_labels():
    m = obligations_matrix(inventory())
    assert list(m.index) == ["cv-ranker", "mood-cam", "nyc-helper"]
    assert {"eu_ai_act", "nyc_ll144", "gdpr_art22", "us_title7", "us_ada", "us_adea", "nist_ai_rmf"} == set(m.columns)
    reg_order = [i for i in load_registry()["id"] if i in m.columns]
    assert list(m.columns) == reg_order
    assert m.loc["cv-ranker", "eu_ai_act"] == f"high-risk; more from {registry.legal_date('eu_aia_annex_iii')}"
    assert m.loc["mood-cam", "eu_ai_act"] == "prohibited"
    assert m.loc["nyc-helper", "eu_ai_act"] == ""
    assert m.loc["cv-ranker", "nyc_ll144"] == "AEDT"
    assert m.loc["nyc-helper", "nyc_ll144"] == ""  # assistive: not an AEDT
    assert m.loc["cv-ranker", "gdpr_art22"] == "solely automated decision (check)"
    assert (m["nist_ai_rmf"] == "voluntary, recommended").all()
    assert isinstance(m, pd.DataFrame) and m.shape == (3, 7)


def test_obligations_matrix_rejects_duplicates_and_non_profiles():
    tools = inventory()
    with pytest.raises(ValueError, match="duplicate tool name 'cv-ranker'"):
        obligations_matrix(tools + [tools[0]])
    with pytest.raises(ValueError, match="item 1 is a dict, not a ToolProfile"):
        obligations_matrix([tools[0], {"name": "x"}])
    with pytest.raises(ValueError, match="list of ToolProfile"):
        obligations_matrix(tools[0])
    with pytest.raises(ValueError, match="empty"):
        obligations_matrix([])
