"""The long-term fixes of the chatbot case (scenario 4), each as decisions on the logged sessions.

Every option except human review advances the same share of candidates as the bot did (the top
share by the option's score), so options are compared at equal volume. A score without the
fluency term takes only seven values (0 to 6 answers of 6), so at equal volume many sessions tie
at the cut and some of them are chosen at random (seeded): a fixed threshold would be the
alternative, at a different volume. The options:

``remove_templates``
    Delete the demeaning fallback lines. Replies change; scores and decisions do not.
``no_fluency``
    Score the recognised answer only: the recognition-confidence ("fluency") term is dropped,
    since spoken fluency is not a documented requirement of the role.
``text_channel``
    Offer an equivalent typed channel; half the non-native candidates (seeded) choose it, and
    their answers are scored as typed, with no recognition errors. Typed answers have no
    recognition confidence; they are given native speakers' mean confidence, so the option
    neither gains nor loses from the fluency term.
``gated_recogniser``
    A recogniser at the limit of the release gate: native speech as today, every other accent at
    `GATE_RATIO` times the native error rate
    (:func:`~hrfair_helpers.datasets.chatbot.simulate_recognition`). No recogniser tested on
    EdAcc came close to this; it is the target a vendor must prove on our recordings.
``gated_recogniser_no_fluency``
    The gated recogniser, scored without the fluency term.
``human_review``
    Containment: every automatic rejection goes to a trained reviewer who listens to the recording
    and advances the candidate who gave at least `REVIEW_BAR` of the six job-relevant answers,
    the bar the bot effectively applied to native speakers (0.65 x 3/6 + 0.35 x 0.92 = 0.55).
    It advances more people and costs one review per rejection.
``layered_fix``
    The gated recogniser scored without the fluency term, and the same human review of every
    rejection it makes: the long-term fix with the containment kept until monitoring is green.
"""

from functools import lru_cache

import numpy as np

DESCRIPTIONS = {
    "baseline": "the bot as deployed (v2.3/v2.4)",
    "remove_templates": "the demeaning fallback lines deleted; scoring unchanged",
    "no_fluency": "score the recognised answer only, without the fluency term",
    "text_channel": "an equivalent typed channel, chosen by half the non-native candidates",
    "gated_recogniser": "a recogniser at the release gate's limit: every accent at most 1.25 times the native WER",
    "gated_recogniser_no_fluency": "the gated recogniser, scored without the fluency term",
    "human_review": "every automatic rejection reviewed by a person who listens to the recording",
    "layered_fix": "the gated recogniser without the fluency term, and human review of its rejections",
}
OPTIONS = tuple(DESCRIPTIONS)
TEXT_CHANNEL_UPTAKE = 0.5
GATE_RATIO = 1.25  # highest group WER / native WER a release may have
REVIEW_BAR = 3 / 6  # share of the job-relevant answers a human reviewer requires


def language_group(logs):
    """``"native English"`` or ``"non-native English"`` for each session."""
    return np.where(logs["native_english"].to_numpy() == 1, "native English", "non-native English")


@lru_cache(maxsize=4)
def _options(n, seed):
    from ..datasets.chatbot import ASR_WER_BY_LANGUAGE, make_chatbot_logs, score_answer, simulate_recognition
    from .compare import top_share

    logs = make_chatbot_logs(n, seed)
    said, heard, confidence = logs["reference_transcript"], logs["asr_transcript"], logs["asr_confidence"]
    ones = np.ones(len(logs))
    share = float(logs["advanced"].mean())

    native_wer = ASR_WER_BY_LANGUAGE["English"]
    native = logs["native_english"].to_numpy() == 1
    gate_wer = np.where(native, native_wer, GATE_RATIO * native_wer)
    gated_text, gated_confidence = simulate_recognition(said, gate_wer, seed=seed + 1)
    gated_text = np.where(native, heard, gated_text).tolist()  # native speech is recognised as today
    gated_confidence = np.where(native, confidence, gated_confidence)
    typed = (logs["native_english"].to_numpy() == 0) & (
        np.random.default_rng([seed, 2]).random(len(logs)) < TEXT_CHANNEL_UPTAKE
    )
    channel_text = np.where(typed, said, heard).tolist()
    channel_confidence = np.where(typed, float(confidence[native].mean()), confidence)
    scores = {
        "no_fluency": score_answer(heard, ones, fluency_weight=0),
        "text_channel": score_answer(channel_text, channel_confidence),
        "gated_recogniser": score_answer(gated_text, gated_confidence),
        "gated_recogniser_no_fluency": score_answer(gated_text, ones, fluency_weight=0),
    }
    decisions = {"baseline": logs["advanced"].to_numpy(), "remove_templates": logs["advanced"].to_numpy()}
    decisions.update({name: top_share(score, share, random_state=seed) for name, score in scores.items()})
    rejected = logs["advanced"].to_numpy() == 0
    reviewed_pass = score_answer(said, ones, fluency_weight=0) >= REVIEW_BAR - 1e-9
    decisions["human_review"] = np.where(rejected, reviewed_pass, 1).astype(np.int8)
    layered = decisions["gated_recogniser_no_fluency"]
    decisions["layered_fix"] = np.where(layered == 1, 1, reviewed_pass).astype(np.int8)
    return {
        "decisions": {name: decisions[name] for name in OPTIONS},
        "reviews": int(rejected.sum()),
        "layered_reviews": int((layered == 0).sum()),
        "typed": int(typed.sum()),
        "share": share,
    }


def chatbot_options(n=4000, seed=0):
    """Decisions of every option on ``make_chatbot_logs(n, seed)`` (memoised).

    Returns
    -------
    dict
        ``decisions`` (option -> 0/1 array, in `OPTIONS` order), ``reviews`` (rejections a
        human reviews under ``human_review``), ``layered_reviews`` (under ``layered_fix``), ``typed`` (sessions moved to the typed channel)
        and ``share`` (the bot's pass rate, which the equal-volume options keep).

    Examples
    --------
    >>> options = chatbot_options(n=400, seed=3)
    >>> sorted(options["decisions"]) == sorted(OPTIONS)
    True
    >>> int(options["decisions"]["no_fluency"].sum()) == round(options["share"] * 400)
    True
    """
    result = _options(int(n), int(seed))
    return {**result, "decisions": {k: v.copy() for k, v in result["decisions"].items()}}
