"""The example inventory of scenario 5: what the notebook's classification questions rest on."""

import pytest

from hrfair_helpers.governance import ToolProfile, classify, obligations_matrix
from hrfair_helpers.governance.inventory import TOOL_NOTES, describe_inventory, example_inventory


def test_inventory_covers_the_eight_tools_and_three_regions():
    tools = example_inventory()
    assert [t.name for t in tools] == list(TOOL_NOTES)
    places = set().union(*(t.locations for t in tools))
    assert {"EU", "US-NYC", "CA-ON"} <= places and places & {"KR", "CN", "SG", "JP"}


def test_inventory_exercises_every_branch_the_notebook_asks_about():
    matrix = obligations_matrix(example_inventory())
    eu = matrix["eu_ai_act"]
    assert list(eu.index[eu == "prohibited"]) == ["video-interview-analyzer"]
    # Text-only sentiment is not emotion recognition (Art. 3(39)): not prohibited, flagged for checking.
    assert eu["hiring-chatbot"] == "limited/minimal (check)"
    assert sorted(matrix.index[matrix["nyc_ll144"] == "AEDT"]) == [
        "promotion-recommender",
        "resume-screener",
        "video-interview-analyzer",
    ]
    assert matrix.loc["shift-scheduler", "gdpr_art22"] == "solely automated decision"
    for column in (
        "il_aivia",
        "il_hb3773",
        "ca_feha_ads",
        "on_esa_ai_postings",
        "kr_ai_basic_act",
        "cn_pipl_art24",
        "sg_model_ai_gov",
        "jp_ai_promotion_act",
        "co_admt",
    ):
        assert (matrix[column] != "").any(), column


def test_no_tool_of_a_private_employer_needs_an_article_27_fria():
    for tool in example_inventory():
        frame = classify(tool).set_index("id")
        if "eu_ai_act" in frame.index and frame.loc["eu_ai_act", "tier"] == "high-risk":
            assert "No Art. 27 fundamental rights impact assessment is required" in frame.loc["eu_ai_act", "reason"]


def test_describe_inventory_is_one_row_per_tool_with_plain_notes():
    table = describe_inventory(example_inventory())
    assert list(table.index) == list(TOOL_NOTES)
    assert table["what_it_does"].str.len().min() > 40
    assert set(table["supplier"]) == {"in-house", "vendor"}
    other = ToolProfile(name="x", purpose="pay", decision_role="assistive", locations={"EU"})
    assert describe_inventory([other]).loc["x", "what_it_does"] == ""


def test_describe_inventory_rejects_other_objects():
    with pytest.raises(ValueError, match="item 1 is a str"):
        describe_inventory([example_inventory()[0], "resume-screener"])


def test_example_inventory_returns_fresh_profiles():
    assert example_inventory() == example_inventory() and example_inventory() is not example_inventory()
