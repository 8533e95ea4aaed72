"""hrfair_helpers.text.language_scan: demeaning-language scan of chatbot replies, per candidate group.

The bundled lexicon and rules are in hrfair_helpers.text.demeaning_lexicon, the report in
hrfair_helpers.text.language_scan_report.
"""

import math
import re
import shutil
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy.stats import fisher_exact

from hrfair_helpers._utils.resources import sha256_hex
from hrfair_helpers.datasets import DataIntegrityError
from hrfair_helpers.text import (
    LanguageScanReport,
    demeaning_lexicon,
    load_demeaning_lexicon,
    load_demeaning_rules,
    scan_replies,
)

# --------------------------------------------------------------------------- what must be flagged

# The scenario's templated lines, as the journalist quoted them.
ACCENT = "Your accent is hard to follow. Please try to speak proper English."
UNDERSTAND = "I can't understand you. Maybe this job needs better English."
STRONG_ACCENT = "Please speak clearly. Candidates with a strong accent rarely succeed here."

# (reply, main category, one match that must be reported)
DEMEANING = [
    (ACCENT, "accent_or_language", "accent_judgement"),
    (ACCENT, "accent_or_language", "speak_proper_english"),
    (UNDERSTAND, "accent_or_language", "cannot_understand_you"),
    (UNDERSTAND, "accent_or_language", "needs_better_english"),
    (STRONG_ACCENT, "accent_or_language", "accent_holds_you_back"),
    ("I can\u2019t understand you.", "accent_or_language", "cannot_understand_you"),  # curly apostrophe
    ("Nobody can understand you.", "accent_or_language", "cannot_understand_you"),
    ("You should improve your English before applying.", "accent_or_language", "learn_english"),
    ("Do you even speak English?", "accent_or_language", "do_you_even_speak_english"),
    ("You're hard to understand.", "accent_or_language", "you_are_hard_to_understand"),
    ("Your English isn't good enough for this role.", "accent_or_language", "english_not_good_enough"),
    ("Your English's really poor.", "accent_or_language", "accent_judgement"),
    ("Your   ACCENT   is   too   thick", "accent_or_language", "accent_judgement"),
    ("Can you say that in English?", "accent_or_language", "say_it_in_english"),
    ("You should lose your accent.", "accent_or_language", "lose_your_accent"),
    ("With your accent, you will never get this job.", "accent_or_language", "accent_holds_you_back"),
    ("Speak like a normal person, please.", "accent_or_language", "speak_properly"),
    ("You have broken English.", "accent_or_language", "broken english"),
    ("That is a thick accent.", "accent_or_language", "thick accent"),
    ("Where are you really from?", "exclusion", "where_really_from"),
    ("We only hire native speakers.", "exclusion", "native_speakers_only"),
    ("Go back to your country.", "exclusion", "go_back"),
    ("This job is not for people like you.", "exclusion", "not_for_people_like_you"),
    ("You foreigners never listen.", "exclusion", "you foreigners"),
    ("What a stupid answer.", "ability", "calls_candidate_stupid"),
    ("That answer was idiotic.", "ability", "idiotic"),
    ("You moron.", "ability", "moron"),
    ("Stop being a retard.", "ability", "retard"),  # from the vendored Surge AI subset
    ("You are wasting my time.", "insult", "wasting_my_time"),
    ("Shut up and listen.", "insult", "shut up"),
    ("You worthless bastard.", "insult", "bastard"),  # vendored
    ("Go back to Mexico, you wetback.", "ethnic_slur", "wetback"),  # vendored
    ("What the fuck is this answer?", "insult", "what the fuck"),  # vendored
    ("This fucking interview.", "profanity", "fucking"),
]


@pytest.mark.parametrize(("reply", "category", "match"), DEMEANING)
def test_demeaning_replies_are_flagged_with_their_category(reply, category, match):
    row = scan_replies([reply]).flags.iloc[0]
    assert row["scannable"] and row["flagged"]
    assert row["category"] == category
    assert match in row["matches"]
    assert row["categories"][0] == category


def test_every_bundled_rule_has_a_flagged_example_here():
    """A rule nobody tests can silently stop matching; each one needs a case in DEMEANING."""
    tested = {match for _, _, match in DEMEANING}
    assert set(load_demeaning_rules()["id"]) <= tested


def test_the_scenario_4_generator_templates_are_exactly_what_is_flagged():
    """The case's own logs: every demeaning template is flagged, and no other reply is."""
    chatbot = pytest.importorskip("hrfair_helpers.datasets.chatbot")
    templates = scan_replies(list(chatbot.DEMEANING_TEMPLATES))
    assert templates.flags["flagged"].all(), templates.flags.loc[~templates.flags["flagged"], "reply"].tolist()
    assert (templates.flags["category"] == "accent_or_language").all()
    logs = chatbot.make_chatbot_logs()
    report = scan_replies(logs["bot_reply"], logs["first_language"])
    expected = logs["bot_reply"].isin(chatbot.DEMEANING_TEMPLATES)
    assert report.flags["flagged"].equals(expected.rename("flagged"))
    assert report.n_not_scannable == int(logs["bot_reply"].isna().sum())


def test_a_reply_with_several_categories_reports_all_main_first():
    row = scan_replies(["You moron, go back to your country. Maybe learn some English."]).flags.iloc[0]
    assert row["categories"] == ["accent_or_language", "exclusion", "ability"]
    assert row["category"] == "accent_or_language"
    assert row["matches"] == ["moron", "go_back", "learn_english"]  # in the order they occur


# --------------------------------------------------------------------------- what must not be flagged

POLITE = [
    "Thanks, that answers the question.",
    "Could you repeat that, please?",
    "Great, let's move on to the next question.",
    "He is an Englishman who moved to Madrid.",
    "She is hardworking and her English is excellent.",
    "I'd like to understand your experience with Python.",
    "I want to understand your background better.",
    "Please explain that in plain English, without jargon.",
    "Sorry, I couldn't understand that. Could you repeat it?",
    "There are no stupid questions here.",
    "We'd love to hear from people like you!",
    "Thanks for your kind words.",
    "This role requires fluent English and Spanish.",
    "We offer free classes to improve your English.",
    "We put a strong accent on teamwork.",
    "Candidates with strong accents are welcome here.",
    "Could you answer that in English or Spanish?",
    "What is a cryptographic nonce?",
    "Your English is very strong.",
    "Sorry if my question was hard to understand.",
    "Don't worry, we won't waste your time.",
    "Tell me about a hard problem you solved.",
    "Is that a hard question?",
    "Thank you, Mr. Dumbarton.",
    "Let's talk about your Scunthorpe office.",
    "Our offsite is in Japan next month.",
    "Please speak a little louder.",
    "You sound confident.",
]


@pytest.mark.parametrize("reply", POLITE)
def test_polite_replies_and_near_misses_are_not_flagged(reply):
    row = scan_replies([reply]).flags.iloc[0]
    assert row["scannable"]
    assert not row["flagged"], row["matches"]
    assert row["category"] is None and row["matches"] == [] and row["categories"] == []


def test_terms_and_rules_match_whole_words_only():
    lexicon = {"hard": "insult"}
    rules = pd.DataFrame([{"id": "english_word", "pattern": "english", "category": "accent_or_language"}])
    flags = scan_replies(
        ["She is hardworking.", "He is an Englishman.", "That was hard.", "Speak English."],
        lexicon=lexicon,
        rules=rules,
    ).flags
    assert flags["flagged"].tolist() == [False, False, True, True]
    assert flags["matches"].tolist() == [[], [], ["hard"], ["english_word"]]


# --------------------------------------------------------------------------- replies that are not text

NOT_TEXT = [None, np.nan, float("nan"), pd.NA, "", "   \n\t", 123, 4.5, b"You moron.", ["You moron."], {"a": 1}, True]


def test_non_text_replies_never_raise_and_are_counted_as_not_scannable():
    replies = ["You moron.", *NOT_TEXT, "Thanks!"]
    report = scan_replies(replies)
    flags = report.flags
    assert flags["scannable"].tolist() == [True] + [False] * len(NOT_TEXT) + [True]
    assert flags["flagged"].tolist() == [True] + [False] * (len(NOT_TEXT) + 1)
    assert all(m == [] for m in flags["matches"].iloc[1:-1])
    assert flags["category"].iloc[1:].isna().all()
    row = report.by_group.loc["all"]
    assert (row["n"], row["scannable"], row["not_scannable"], row["flagged"]) == (len(replies), 2, len(NOT_TEXT), 1)
    assert row["rate"] == 0.5
    assert report.n_not_scannable == len(NOT_TEXT)
    assert any("not text" in note for note in report.notes)
    repr(report), report._repr_html_()  # the reports render the odd values too


def test_only_unscannable_replies_give_no_rate_and_no_error():
    report = scan_replies([None, np.nan, ""], ["a", "b", "b"])
    assert report.by_group["scannable"].tolist() == [0, 0]
    assert report.by_group["rate"].isna().all() and report.by_group["p_value"].isna().all()
    assert report.reference is None
    assert math.isnan(report.flagged_rate)
    assert "none (no group has scannable replies)" in repr(report)


# --------------------------------------------------------------------------- per-group rates and tests

BAD = "Your accent is hard to follow."
GOOD = "Thanks, that answers the question."


def test_group_rates_are_hand_computed():
    replies = [BAD, GOOD, GOOD, None] + [BAD, BAD, BAD, GOOD, GOOD] + [None, ""]
    groups = ["English"] * 4 + ["Spanish"] * 5 + ["Hindi"] * 2
    report = scan_replies(replies, groups)
    table = report.by_group
    assert table.index.tolist() == ["English", "Hindi", "Spanish"]  # sorted labels
    assert table.index.name == "group"
    assert table["n"].tolist() == [4, 2, 5]
    assert table["scannable"].tolist() == [3, 0, 5]
    assert table["not_scannable"].tolist() == [1, 2, 0]
    assert table["flagged"].tolist() == [1, 0, 3]
    assert table.loc["English", "rate"] == pytest.approx(1 / 3)
    assert table.loc["Spanish", "rate"] == pytest.approx(3 / 5)
    assert np.isnan(table.loc["Hindi", "rate"])
    assert report.reference == "English"
    assert table.loc["Spanish", "rate_difference"] == pytest.approx(3 / 5 - 1 / 3)
    assert table.loc["English", "rate_difference"] == 0
    assert np.isnan(table.loc["English", "p_value"]) and np.isnan(table.loc["Hindi", "p_value"])
    assert table.loc["Spanish", "p_value"] == pytest.approx(fisher_exact([[3, 2], [1, 2]])[1])
    assert report.flags["group"].tolist() == groups
    assert any("Hindi" in note and "no rate" in note for note in report.notes)


def test_p_values_match_scipy_fisher_exact():
    rng = np.random.default_rng(0)
    counts = {"English": (60, 2), "Spanish": (45, 9), "Hindi": (38, 6), "Mandarin": (50, 1)}  # (scannable, flagged)
    replies, groups = [], []
    for group, (n, k) in counts.items():
        block = [BAD] * k + [GOOD] * (n - k) + [None] * 3
        replies += block
        groups += [group] * len(block)
    order = rng.permutation(len(replies))
    report = scan_replies([replies[i] for i in order], [groups[i] for i in order])
    table = report.by_group
    ref = min(counts, key=lambda g: counts[g][1] / counts[g][0])
    assert report.reference == ref == "Mandarin"
    n_ref, k_ref = counts[ref]
    for group, (n, k) in counts.items():
        assert table.loc[group, "rate"] == pytest.approx(k / n)
        if group == ref:
            assert np.isnan(table.loc[group, "p_value"])
        else:
            expected = fisher_exact([[k, n - k], [k_ref, n_ref - k_ref]], alternative="two-sided")[1]
            assert table.loc[group, "p_value"] == pytest.approx(expected, rel=1e-12)
    assert any("not adjusted for multiple comparisons" in note for note in report.notes)


def test_reference_ties_go_to_the_larger_group():
    replies = [GOOD] * 3 + [GOOD] * 5 + [BAD, GOOD]
    groups = ["a"] * 3 + ["b"] * 5 + ["c"] * 2
    assert scan_replies(replies, groups).reference == "b"


def test_without_groups_there_is_one_row_and_no_test():
    report = scan_replies([BAD, GOOD, None])
    assert report.by_group.index.tolist() == ["all"]
    assert report.reference is None and report.group_name is None
    assert np.isnan(report.by_group.loc["all", "p_value"])
    assert "group" not in report.flags.columns
    assert "reference group" not in repr(report)


def test_series_inputs_keep_the_index_and_the_group_name():
    replies = pd.Series([BAD, GOOD, None], index=[10, 20, 30])
    groups = pd.Series(["es", "en", "es"], index=[10, 20, 30], name="first_language")
    report = scan_replies(replies, groups)
    assert report.flags.index.tolist() == [10, 20, 30]
    assert report.by_group.index.name == "first_language"
    assert report.group_name == "first_language"


def test_arrays_tuples_generators_and_integer_labels_are_accepted():
    report = scan_replies(np.array([BAD, GOOD, BAD], dtype=object), (1, 2, 2))
    assert report.by_group.index.tolist() == [1, 2]
    assert report.by_group["flagged"].tolist() == [1, 1]
    assert scan_replies(r for r in [BAD, GOOD]).n_flagged == 1


def test_small_groups_get_a_note():
    report = scan_replies([BAD] * 5 + [GOOD] * 40, ["x"] * 5 + ["y"] * 40)
    assert any("fewer than 30" in note and "'x'" in note and "'y'" not in note for note in report.notes)


# --------------------------------------------------------------------------- bad inputs


@pytest.mark.parametrize(
    ("replies", "groups", "message"),
    [
        ([BAD, GOOD], ["a"], r"replies has 2 entries but groups has 1"),
        ([BAD, GOOD, GOOD], ["a", None, np.nan], r"groups has 2 missing label\(s\).*position \[1, 2\].*fillna"),
        (BAD, None, r"not a single str.*list"),
        (None, None, r"replies is None"),
        ([], None, r"replies is empty"),
        (pd.DataFrame({"reply": [BAD]}), None, r"DataFrame; pass one of its columns, e.g. df\['reply'\]"),
        ({"a": BAD}, None, r"pass a list or a pandas Series"),
        (np.array([[BAD, GOOD]]), None, r"one-dimensional.*\(1, 2\)"),
        (42, None, r"list, tuple, numpy array or pandas Series; got int"),
        ([BAD, GOOD], "Spanish", r"groups must be a list-like .* not a single str"),
        ([BAD, GOOD], [["es"], "en"], r"group labels must be single values.*position 0"),
    ],
)
def test_bad_inputs_raise_a_value_error_that_says_what_to_fix(replies, groups, message):
    with pytest.raises(ValueError, match=message):
        scan_replies(replies, groups)


def test_missing_labels_in_a_series_are_reported_by_index():
    groups = pd.Series(["a", np.nan, "b"], index=["r1", "r2", "r3"])
    with pytest.raises(ValueError, match=r"1 missing label\(s\).*index \['r2'\]"):
        scan_replies(pd.Series([BAD, GOOD, GOOD], index=groups.index), groups)


def test_misaligned_series_are_refused():
    replies = pd.Series([BAD, GOOD], index=[0, 1])
    groups = pd.Series(["a", "b"], index=[1, 0])
    with pytest.raises(ValueError, match=r"different indexes.*reindex"):
        scan_replies(replies, groups)
    assert scan_replies(replies, groups.to_numpy()).flags["group"].tolist() == ["a", "b"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lexicon": pd.DataFrame({"word": ["x"]})}, r"lexicon needs columns 'term' and 'category'.*missing"),
        (
            {"lexicon": pd.DataFrame({"term": ["x", "X "], "category": ["insult", "ability"]})},
            r"one category only.*'x'",
        ),
        ({"lexicon": pd.DataFrame({"term": ["ok", " "], "category": ["insult", "insult"]})}, r"non-empty text.*row 1"),
        ({"lexicon": ["moron"]}, r"lexicon must be None .*got list"),
        ({"lexicon": "/no/such/file.csv"}, r"could not read the CSV file"),
        (
            {"rules": pd.DataFrame({"id": ["a"], "pattern": ["(unclosed"], "category": ["insult"]})},
            r"rule 'a' has an invalid regular expression",
        ),
        (
            {"rules": pd.DataFrame({"id": ["a"], "pattern": ["x*"], "category": ["insult"]})},
            r"rule 'a' matches empty text",
        ),
        (
            {"rules": pd.DataFrame({"id": ["a", "a"], "pattern": ["x", "y"], "category": ["insult"] * 2})},
            r"unique.*\['a'\]",
        ),
        ({"rules": pd.DataFrame({"id": ["Bad Id"], "pattern": ["x"], "category": ["insult"]})}, r"snake_case"),
        (
            {"rules": pd.DataFrame({"id": ["a"], "pattern": ["x"]})},
            r"rules needs columns 'id', 'pattern' and 'category'",
        ),
        ({"rules": {"a": "x"}}, r"not a dict"),
        (
            {
                "lexicon": pd.DataFrame(columns=["term", "category"]),
                "rules": pd.DataFrame(columns=["id", "pattern", "category"]),
            },
            r"nothing to scan for",
        ),
    ],
)
def test_bad_lexicons_and_rules_raise_a_value_error(kwargs, message):
    with pytest.raises(ValueError, match=message):
        scan_replies([BAD], **kwargs)


# --------------------------------------------------------------------------- custom and bundled data


def test_a_custom_lexicon_extends_the_bundled_one():
    extra = pd.DataFrame({"term": ["cabeza hueca"], "category": ["insult"], "source": ["client review"]})
    lexicon = pd.concat([load_demeaning_lexicon(), extra], ignore_index=True)
    report = scan_replies(["Eres una cabeza hueca.", BAD], lexicon=lexicon)
    assert report.flags["matches"].tolist() == [["cabeza hueca"], ["accent_judgement"]]
    assert report.n_terms == len(lexicon)


def test_a_csv_lexicon_and_an_empty_rule_set(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("term,category\nnull,insult\nfeeble,ability\n", encoding="utf-8")
    report = scan_replies(
        ["null and void", "feeble", BAD], lexicon=path, rules=pd.DataFrame(columns=["id", "pattern", "category"])
    )
    assert report.flags["flagged"].tolist() == [True, True, False]  # "null" stays a string, not NaN
    assert report.n_rules == 0


def test_bundled_data_is_consistent():
    lexicon, rules = load_demeaning_lexicon(), load_demeaning_rules()
    assert set(lexicon["category"]) <= set(demeaning_lexicon.CATEGORY_ORDER)
    assert set(rules["category"]) <= set(demeaning_lexicon.CATEGORY_ORDER)
    assert not lexicon["term"].duplicated().any()
    assert (lexicon["term"] == lexicon["term"].str.lower().str.strip()).all()
    counts = lexicon["source"].value_counts()
    assert counts["surge-ai/profanity"] == 392 and counts["hrfair"] == 47
    assert len(rules) == 18
    assert load_demeaning_lexicon() is not load_demeaning_lexicon()  # callers get copies


def test_the_provenance_file_records_the_checked_hash_and_the_licence():
    data = demeaning_lexicon._data_dir()
    provenance = data.joinpath(demeaning_lexicon.PROVENANCE_FILE).read_text(encoding="utf-8")
    assert demeaning_lexicon.VENDORED_SHA256 in provenance
    assert "Copyright (c) 2021 Surge AI" in provenance and "MIT License" in provenance
    assert "2bc6664216b2a7e22f37c2abc2ec3d64c1a3d8ca" in provenance
    raw = data.joinpath(demeaning_lexicon.VENDORED_FILE).read_bytes()
    assert sha256_hex(raw, lf_line_endings=True) == demeaning_lexicon.VENDORED_SHA256
    assert sorted(p.name for p in data.iterdir() if p.name.startswith("demeaning_")) == [
        "demeaning_LEXICON_PROVENANCE.md",
        "demeaning_hrfair_terms.csv",
        "demeaning_rules.csv",
        "demeaning_surge_profanity_subset.csv",
    ]


# --------------------------------------------------------------------------- integrity of the vendored file


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A copy of the bundled data folder that the scanner reads instead of the installed one."""
    for name in (demeaning_lexicon.VENDORED_FILE, demeaning_lexicon.HRFAIR_TERMS_FILE, demeaning_lexicon.RULES_FILE):
        shutil.copyfile(demeaning_lexicon._data_dir().joinpath(name), tmp_path / name)
    monkeypatch.setattr(demeaning_lexicon, "_DATA_DIR", tmp_path)
    demeaning_lexicon._clear_caches()
    yield tmp_path
    demeaning_lexicon._clear_caches()


def test_a_tampered_vendored_file_raises_a_clear_error(data_copy):
    path = data_copy / demeaning_lexicon.VENDORED_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("\nretard,", "\nregard,"), encoding="utf-8")
    with pytest.raises(DataIntegrityError) as info:
        scan_replies([BAD])
    message = str(info.value)
    assert demeaning_lexicon.VENDORED_FILE in message
    assert f"expected sha256 {demeaning_lexicon.VENDORED_SHA256}" in message
    assert "git checkout -- hrfair_helpers/text/data/" in message
    with pytest.raises(DataIntegrityError):
        load_demeaning_lexicon()
    with pytest.raises(DataIntegrityError, match="failed its integrity check"):
        demeaning_lexicon._read_vendored(data_copy)


def test_a_missing_vendored_file_raises_a_clear_error(data_copy):
    (data_copy / demeaning_lexicon.VENDORED_FILE).unlink()
    with pytest.raises(DataIntegrityError, match=r"could not be read.*git checkout"):
        scan_replies([BAD])


def test_crlf_line_endings_pass_the_check(data_copy):
    path = data_copy / demeaning_lexicon.VENDORED_FILE
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert scan_replies(["You moron."]).n_flagged == 1


def test_an_intact_copy_loads(data_copy):
    assert len(load_demeaning_lexicon()) == 392 + 47


# --------------------------------------------------------------------------- report objects


def test_report_renders_as_text_and_html():
    report = scan_replies([BAD, GOOD, None, "You moron."], ["es", "en", "es", "es"])
    assert isinstance(report, LanguageScanReport)
    text = repr(report)
    assert text.startswith("Demeaning-language scan")
    assert "reference group: en, the lowest rate" in text
    assert "Flagged replies (first 2 of 2)" in text
    html = report._repr_html_()
    assert html.count("<table") == 2 and "hrfair-report" in html and "accent_judgement" in html
    assert "<script" not in scan_replies(["<script>alert(1)</script> you moron"])._repr_html_()


def test_to_frame_and_category_table():
    report = scan_replies([BAD, "You moron.", GOOD, "You moron."], ["es", "es", "en", "en"])
    assert report.to_frame().equals(report.by_group) and report.to_frame() is not report.by_group
    assert report.to_frame("reply").equals(report.flags)
    with pytest.raises(ValueError, match="level must be"):
        report.to_frame("row")
    table = report.category_table()
    assert table.columns.tolist() == ["accent_or_language", "ability"]
    assert table.loc["es"].tolist() == [1, 1] and table.loc["en"].tolist() == [0, 1]


def test_importing_the_module_does_not_import_sklearn_or_matplotlib():
    code = (
        "import sys\n"
        "import hrfair_helpers.text.language_scan as ls\n"
        "heavy = lambda: sorted({m.split('.')[0] for m in sys.modules} & {'sklearn', 'matplotlib', 'torch'})\n"
        "print(heavy())\n"
        "ls.scan_replies(['You moron.', 'Thanks'], ['a', 'b'])\n"
        "print(heavy())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["[]", "[]"]


def test_scanning_many_replies_is_fast():
    import time

    replies = [BAD, GOOD, "Could you repeat that, please?", None] * 2500
    start = time.perf_counter()
    report = scan_replies(replies, ["a", "b"] * 5000)
    assert report.n_flagged == 2500
    assert time.perf_counter() - start < 5  # ~0.5 s here; a flat alternation of all terms is far slower


def test_names_defined_before_the_split_still_import_from_language_scan():
    from hrfair_helpers import text
    from hrfair_helpers.text import language_scan, language_scan_report

    for name in ("LanguageScanReport", "load_demeaning_lexicon", "load_demeaning_rules", "scan_replies"):
        assert getattr(language_scan, name) is getattr(text, name)
    for name in (
        "CATEGORY_ORDER",
        "VENDORED_FILE",
        "VENDORED_SHA256",
        "HRFAIR_TERMS_FILE",
        "RULES_FILE",
        "PROVENANCE_FILE",
    ):
        assert getattr(language_scan, name) is getattr(demeaning_lexicon, name)
    assert language_scan.SMALL_GROUP == language_scan_report.SMALL_GROUP == 30


def test_rule_patterns_are_compiled_once():
    first = demeaning_lexicon._bundled_compiled_rules()
    scan_replies([BAD])
    assert demeaning_lexicon._bundled_compiled_rules() is first
    assert all(isinstance(regex, re.Pattern) and regex.flags & re.IGNORECASE for _, regex, _ in first)
