"""The long-term fixes of the chatbot case (scenario 4), each as decisions on the logged sessions.

Every option except human review advances the same share of candidates as the bot did (the top
share by the option's score, ties broken at random with a fixed seed), so options are compared
at equal volume. The options:

``remove_templates``
    Delete the demeaning fallback lines. Replies change; scores and decisions do not.
``no_fluency``
    Score the recognised answer only: the recognition-confidence ("fluency") term is dropped,
    since spoken fluency is not a documented requirement of the role.
``text_channel``
    Offer an equivalent typed channel; half the non-native candidates (seeded) choose it, and
    their answers are scored as typed, with no recognition errors.
``gated_recogniser``
    A recogniser that passes a release gate on accent groups: it errs on every accent as the
    current one errs on native speech (:func:`~hrfair_helpers.datasets.chatbot.simulate_recognition`
    at the English error rate).
``gated_recogniser_no_fluency``
    The gated recogniser, scored without the fluency term.
``human_review``
    Containment: every automatic rejection goes to a trained reviewer who listens to the recording
    and scores the job-relevant answers (intents) only. It advances more people and costs one
    review per rejection.
"""

from functools import lru_cache

import numpy as np

DESCRIPTIONS = {
    "baseline": "the bot as deployed (v2.3/v2.4)",
    "remove_templates": "the demeaning fallback lines deleted; scoring unchanged",
    "no_fluency": "score the recognised answer only, without the fluency term",
    "text_channel": "an equivalent typed channel, chosen by half the non-native candidates",
    "gated_recogniser": "a recogniser that errs on every accent as on native speech (release gate met)",
    "gated_recogniser_no_fluency": "the gated recogniser, scored without the fluency term",
    "human_review": "every automatic rejection reviewed by a person who listens to the recording",
}
OPTIONS = tuple(DESCRIPTIONS)
TEXT_CHANNEL_UPTAKE = 0.5


def language_group(logs):
    """``"native English"`` or ``"non-native English"`` for each session."""
    return np.where(logs["native_english"].to_numpy() == 1, "native English", "non-native English")


@lru_cache(maxsize=4)
def _options(n, seed):
    from ..datasets.chatbot import ASR_WER_BY_LANGUAGE, PASS_THRESHOLD, make_chatbot_logs, score_answer, simulate_recognition
    from .compare import top_share

    logs = make_chatbot_logs(n, seed)
    said, heard, confidence = logs["reference_transcript"], logs["asr_transcript"], logs["asr_confidence"]
    ones = np.ones(len(logs))
    share = float(logs["advanced"].mean())

    gated_text, gated_confidence = simulate_recognition(said, ASR_WER_BY_LANGUAGE["English"], seed=seed + 1)
    typed = (logs["native_english"].to_numpy() == 0) & (
        np.random.default_rng([seed, 2]).random(len(logs)) < TEXT_CHANNEL_UPTAKE
    )
    channel_text = np.where(typed, said, heard).tolist()
    channel_confidence = np.where(typed, 1.0, confidence)
    scores = {
        "no_fluency": score_answer(heard, ones, fluency_weight=0),
        "text_channel": score_answer(channel_text, channel_confidence),
        "gated_recogniser": score_answer(gated_text, gated_confidence),
        "gated_recogniser_no_fluency": score_answer(gated_text, ones, fluency_weight=0),
    }
    decisions = {"baseline": logs["advanced"].to_numpy(), "remove_templates": logs["advanced"].to_numpy()}
    decisions.update({name: top_share(score, share, seed) for name, score in scores.items()})
    rejected = logs["advanced"].to_numpy() == 0
    reviewed_pass = score_answer(said, ones, fluency_weight=0) >= PASS_THRESHOLD
    decisions["human_review"] = np.where(rejected, reviewed_pass, 1).astype(np.int8)
    return {
        "decisions": {name: decisions[name] for name in OPTIONS},
        "reviews": int(rejected.sum()),
        "typed": int(typed.sum()),
        "share": share,
    }


def chatbot_options(n=4000, seed=0):
    """Decisions of every option on ``make_chatbot_logs(n, seed)`` (memoised).

    Returns
    -------
    dict
        ``decisions`` (option -> 0/1 array, in `OPTIONS` order), ``reviews`` (rejections a
        human reviews under ``human_review``), ``typed`` (sessions moved to the typed channel)
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
