"""The chatbot case: the seeded session logs, the scorer, recognition errors (jiwer), the triage
checklist and the long-term options."""

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.audit import recognition_errors
from hrfair_helpers.datasets.chatbot import (
    ASR_WER_BY_LANGUAGE,
    DEMEANING_TEMPLATES,
    FIRST_LANGUAGES,
    INTENTS,
    PASS_THRESHOLD,
    make_chatbot_logs,
    score_answer,
    simulate_recognition,
)
from hrfair_helpers.incident import TRIAGE_ACTIONS, first_24_hours, triage_checklist
from hrfair_helpers.mitigation.chatbot_options import OPTIONS, chatbot_options, language_group


@pytest.fixture(scope="module")
def logs():
    return make_chatbot_logs()


def test_columns_types_and_documented_relations(logs):
    assert list(logs.columns) == [
        "session_id",
        "day",
        "model_version",
        "first_language",
        "native_english",
        "qualified",
        "reference_transcript",
        "asr_transcript",
        "asr_confidence",
        "answer_score",
        "bot_reply",
        "advanced",
    ]
    assert list(logs["first_language"].cat.categories) == list(FIRST_LANGUAGES)
    assert logs["day"].between(1, 28).all()
    assert (logs["model_version"] == np.where(logs["day"] >= 11, "2.4", "2.3")).all()
    assert (logs["native_english"] == (logs["first_language"] == "English")).all()
    # The score is the documented scorer on the recognised transcript; the outcome its threshold.
    np.testing.assert_allclose(
        logs["answer_score"], score_answer(logs["asr_transcript"], logs["asr_confidence"]), atol=5e-5
    )
    assert (logs["advanced"] == (logs["answer_score"] >= PASS_THRESHOLD)).all()
    assert logs["bot_reply"].isna().mean() < 0.02


def test_qualification_and_what_people_say_do_not_depend_on_first_language(logs):
    from scipy.stats import chi2_contingency

    _, p, _, _ = chi2_contingency(pd.crosstab(logs["first_language"], logs["qualified"]))
    assert p > 0.01
    said = score_answer(logs["reference_transcript"], np.ones(len(logs)), fluency_weight=0)
    by_group = pd.Series(said).groupby([logs["qualified"].to_numpy(), logs["native_english"].to_numpy()]).mean()
    assert abs(by_group[(1, 0)] - by_group[(1, 1)]) < 0.02 and abs(by_group[(0, 0)] - by_group[(0, 1)]) < 0.02


def test_recognition_error_rates_follow_the_published_calibration(logs):
    report = recognition_errors(logs["reference_transcript"], logs["asr_transcript"], logs["first_language"])
    for language, target in ASR_WER_BY_LANGUAGE.items():
        assert report.by_group.loc[language, "wer"] == pytest.approx(target, abs=0.02), language
    non_native = [w for lang, w in ASR_WER_BY_LANGUAGE.items() if lang != "English"]
    shares = [FIRST_LANGUAGES[lang] for lang in ASR_WER_BY_LANGUAGE if lang != "English"]
    assert np.average(non_native, weights=shares) == pytest.approx(0.197, abs=0.005)  # EdAcc's 19.7%


def test_demeaning_templates_only_in_version_2_4_and_mostly_to_non_native_speakers(logs):
    demeaning = logs["bot_reply"].isin(DEMEANING_TEMPLATES)
    assert (logs.loc[demeaning, "model_version"] == "2.4").all()
    rates = demeaning.groupby(logs["native_english"]).mean()
    assert rates[0] > 4 * rates[1] > 0


def test_the_documented_gap_and_its_causes(logs):
    def ratio(decisions):
        rates = pd.Series(np.asarray(decisions, dtype=float)).groupby(logs["native_english"].to_numpy()).mean()
        return rates[0] / rates[1]

    deployed = ratio(logs["advanced"])
    heard_right = ratio(score_answer(logs["reference_transcript"], logs["asr_confidence"]) >= PASS_THRESHOLD)
    no_fluency = ratio(
        score_answer(logs["reference_transcript"], np.ones(len(logs)), fluency_weight=0) >= PASS_THRESHOLD
    )
    assert deployed < 0.75 < heard_right < 0.9 < no_fluency


def test_score_answer_by_hand_and_bad_input():
    text = "i ran the weekly stock count and planned the shifts"
    assert score_answer(text, 0.8, fluency_weight=0) == pytest.approx(2 / len(INTENTS))
    assert score_answer(text, 0.8, fluency_weight=0.5) == pytest.approx(0.5 * 2 / 6 + 0.5 * 0.8)
    assert score_answer("stockroom shiftless", 1.0, fluency_weight=0) == 0  # whole words only
    with pytest.raises(ValueError, match="fluency_weight"):
        score_answer(text, 0.8, fluency_weight=2)
    with pytest.raises(ValueError, match="transcripts but"):
        score_answer([text, text], [0.8])
    with pytest.raises(ValueError, match="must be a string"):
        score_answer([None], [0.8])


def test_simulated_recognition_is_seeded_and_calibrated(logs):
    said = logs["reference_transcript"].head(800)
    first = simulate_recognition(said, 0.2, seed=5)
    second = simulate_recognition(said, 0.2, seed=5)
    assert first[0] == second[0] and np.array_equal(first[1], second[1])
    report = recognition_errors(said, first[0], ["all"] * len(said))
    assert report.by_group.loc["all", "wer"] == pytest.approx(0.2, abs=0.02)
    perfect, confidence = simulate_recognition(said, 0.0)
    assert perfect == list(said) and (confidence == 1).all()
    with pytest.raises(ValueError, match="mean_wer"):
        simulate_recognition(said, 1.5)


# --------------------------------------------------------------------------- recognition_errors


def test_recognition_errors_match_jiwer_and_hand_counts():
    import jiwer

    refs = ["a b c d", "e f g", "h i"]
    hyps = ["a x c d", "e g", "h i j"]
    report = recognition_errors(refs, hyps, ["p", "p", "q"])
    assert report.sessions["wer"].tolist() == pytest.approx([0.25, 1 / 3, 0.5])
    assert report.by_group.loc["p", "wer"] == pytest.approx(jiwer.wer(refs[:2], hyps[:2]))
    assert report.by_group.loc["p", ["substitutions", "deletions", "insertions"]].tolist() == [1, 1, 0]
    assert report.by_group.loc["q", "wer_ratio"] == pytest.approx(0.5 / (2 / 7))
    assert report.max_wer_ratio == pytest.approx(0.5 / (2 / 7))
    assert "Speech recognition errors" in repr(report) and "<table" in report._repr_html_()


@pytest.mark.parametrize(
    "args, match",
    [
        ((["a"], ["a", "b"], ["g"]), "length"),
        ((["a", ""], ["a", "b"], ["g", "g"]), "empty"),
        ((["a", None], ["a", "b"], ["g", "g"]), "strings"),
        ((["a", "b"], ["a", "b"], ["g", None]), "missing"),
    ],
)
def test_recognition_errors_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        recognition_errors(*args)


# --------------------------------------------------------------------------- triage and options


def test_triage_checklist_has_reasons_and_both_kinds_of_action():
    table = triage_checklist(reveal=True)
    assert table["why"].str.len().min() > 20
    assert set(first_24_hours()) == {a.id for a in TRIAGE_ACTIONS if a.first_24_hours}
    assert 0 < len(first_24_hours()) < len(TRIAGE_ACTIONS)
    assert "first_24_hours" not in triage_checklist().columns  # the learner's view hides the answer


def test_options_keep_the_volume_and_the_templates_option_changes_nothing(logs):
    options = chatbot_options()
    decisions = options["decisions"]
    assert list(decisions) == list(OPTIONS)
    assert np.array_equal(decisions["remove_templates"], decisions["baseline"])
    volume = int(decisions["baseline"].sum())
    for name in ("no_fluency", "text_channel", "gated_recogniser", "gated_recogniser_no_fluency"):
        assert int(decisions[name].sum()) == volume, name
    # Human review only adds passes, one review per automatic rejection.
    assert (decisions["human_review"] >= decisions["baseline"]).all()
    assert (decisions["layered_fix"] >= decisions["gated_recogniser_no_fluency"]).all()
    assert options["layered_reviews"] == len(logs) - volume
    assert options["reviews"] == int((logs["advanced"] == 0).sum())
    groups = language_group(logs)
    assert set(groups) == {"native English", "non-native English"}
    decisions["baseline"][:] = 0  # a copy: the memo is untouched
    assert chatbot_options()["decisions"]["baseline"].sum() == volume
