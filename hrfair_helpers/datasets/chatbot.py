"""Seeded synthetic logs of a voice screening chatbot, for the chatbot-incident case (scenario 4).

Everything here is invented: no real candidate, vendor or employer is described. The generator uses
only numpy's ``default_rng(seed)``, no global random state and no clock, so the same ``(n, seed)``
always gives the same frame, byte for byte.

The causal chain (see :func:`make_chatbot_logs`, Notes)::

    first language ─► accent ─► speech-recognition errors (WER) ─► job-relevant answers missed ─┐
                           └──► lower recognition confidence ─► "fluency" part of the score ─────┼─► score ─► auto-reject
                                                             └─► fallback reply (demeaning lines in v2.4)
    qualification ─► what the candidate says (job-relevant answers) ──────────────────────────────┘

Qualification and what candidates say do not depend on their first language.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._generators import check_size_and_seed

__all__ = [
    "ASR_WER_BY_LANGUAGE",
    "DEMEANING_TEMPLATES",
    "FIRST_LANGUAGES",
    "FLUENCY_WEIGHT",
    "INTENTS",
    "PASS_THRESHOLD",
    "ROLE",
    "make_chatbot_logs",
    "score_answer",
    "simulate_recognition",
]

ROLE = "inventory and logistics coordinator (back office; written English for reports, no customer calls)"

# Share of candidates by self-reported first language.
FIRST_LANGUAGES: dict[str, float] = {
    "English": 0.45,
    "Spanish": 0.15,
    "Hindi": 0.12,
    "Mandarin": 0.10,
    "Arabic": 0.10,
    "Polish": 0.08,
}

# Mean word error rate of the simulated recogniser by first language. Calibrated to published
# figures, not measured: on the Edinburgh International Accents of English Corpus the best system
# tested had a WER of 19.7% on accented conversational English against 2.7% on US read speech
# (Sanabria et al., ICASSP 2023, "The Edinburgh International Accents of English Corpus"), and
# Koenecke et al. (PNAS 117(14), 2020) found five commercial recognisers averaging 0.35 for Black
# and 0.19 for white American speakers. Here the non-native groups average 0.195 (weighted by
# FIRST_LANGUAGES) and native English conversational speech 0.07; the spread between first
# languages is illustrative.
ASR_WER_BY_LANGUAGE: dict[str, float] = {
    "English": 0.07,
    "Spanish": 0.17,
    "Hindi": 0.19,
    "Mandarin": 0.24,
    "Arabic": 0.22,
    "Polish": 0.16,
}

# The screening questions' job-relevant answers ("intents") and the words that show each one.
# The bot's scorer counts an intent as answered when one of its keywords is in the transcript.
INTENTS: dict[str, tuple[str, ...]] = {
    "inventory": ("inventory", "stock"),
    "scheduling": ("schedule", "shifts", "rota"),
    "suppliers": ("supplier", "suppliers", "vendor", "vendors"),
    "spreadsheets": ("spreadsheet", "spreadsheets", "excel"),
    "safety": ("safety", "hazard", "hazards"),
    "shipping": ("shipment", "shipments", "delivery", "deliveries"),
}
_INTENT_SENTENCES: dict[str, tuple[str, ...]] = {
    "inventory": ("i ran the weekly stock count for our warehouse", "i kept the inventory records up to date"),
    "scheduling": ("i planned the shifts for a team of twelve", "i made the weekly schedule for the loading dock"),
    "suppliers": ("i called suppliers when orders were late", "i compared vendor prices every quarter"),
    "spreadsheets": ("i tracked every order in a spreadsheet", "i built an excel sheet for returns"),
    "safety": ("i led the safety checks on the forklifts", "i reported hazards to the site manager"),
    "shipping": ("i checked each shipment against the order", "i organised the deliveries for three stores"),
}
_FILLER_SENTENCES = (
    "i like working with people",
    "i am a fast learner",
    "i worked there for two years",
    "i want to grow in this company",
    "my last job was in a big store",
    "i am a reliable person",
    "i always come on time",
    "i enjoy solving problems",
)
# Words the recogniser substitutes for misrecognised ones, and inserts (hesitations, echoes).
_CONFUSIONS = (
    "the",
    "a",
    "and",
    "in",
    "it",
    "is",
    "to",
    "for",
    "on",
    "that",
    "at",
    "this",
    "with",
    "stop",
    "stuck",
    "sky",
    "shift",
    "sure",
    "she",
    "sell",
    "well",
    "fine",
    "time",
    "line",
)
_INSERTIONS = ("uh", "um", "the", "a", "and", "i")

# The bot's scorer: score = (1 - FLUENCY_WEIGHT) * share of intents answered
#                          + FLUENCY_WEIGHT * recognition confidence ("fluency").
FLUENCY_WEIGHT = 0.35
# Candidates scoring below this are rejected automatically.
PASS_THRESHOLD = 0.55
# Share of intents a candidate mentions: qualified vs not (independent of first language).
_P_INTENT = {1: 0.65, 0: 0.30}
_P_QUALIFIED = 0.5

# Bot replies. Ordinary ones by situation; the v2.4 "low-confidence fallback" added the demeaning
# lines the journalist quoted. It fires when recognition confidence is below 0.78.
_REPLIES_ADVANCE = (
    "Thanks, that answers the question. A recruiter will contact you about next steps.",
    "Great, thank you. You will hear from our team this week.",
)
_REPLIES_REJECT = (
    "Thank you for your time. We will not be moving forward with your application.",
    "Thanks for applying. Unfortunately we cannot offer you an interview.",
)
_REPLY_REPEAT = "Sorry, could you repeat that, please?"
DEMEANING_TEMPLATES: tuple[str, ...] = (
    "Your accent is hard to follow. Please try to speak proper English.",
    "I can't understand you. Maybe this job needs better English.",
    "Please speak clearly. Candidates with a strong accent rarely succeed here.",
)
_LOW_CONFIDENCE = 0.78
_P_FALLBACK_DEMEANING = 0.35  # in v2.4, share of low-confidence fallbacks that use a demeaning line
_V24_FROM_DAY = 11  # v2.4 went live on day 11 of the 28 days logged
_P_NO_REPLY = 0.01  # sessions that dropped before the bot replied (reply missing)


def score_answer(transcript, asr_confidence, *, fluency_weight=FLUENCY_WEIGHT):
    """The chatbot's answer-quality score for one transcript or many.

    ``(1 - fluency_weight) * share of INTENTS answered + fluency_weight * asr_confidence``. An
    intent is answered when one of its keywords appears as a word of the transcript. Re-scoring
    the *reference* transcript (what was actually said) shows what recognition errors cost; a
    ``fluency_weight`` of 0 removes the part of the score that measures how the recogniser coped
    with the speaker's accent rather than the answer.

    Parameters
    ----------
    transcript : str or sequence of str
    asr_confidence : float or sequence of float
        The recogniser's mean word confidence, 0-1.
    fluency_weight : float, default 0.35

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> round(score_answer("i ran the weekly stock count and planned shifts", 0.9), 4)
    0.5317
    >>> round(score_answer("i ran the weekly stock count and planned shifts", 0.9, fluency_weight=0), 4)
    0.3333
    """
    if not 0 <= fluency_weight <= 1:
        raise ValueError(f"fluency_weight must be between 0 and 1, got {fluency_weight!r}")
    single = isinstance(transcript, str)
    texts = [transcript] if single else list(transcript)
    confidence = np.atleast_1d(np.asarray(asr_confidence, dtype=float))
    if len(confidence) != len(texts):
        raise ValueError(f"{len(texts)} transcripts but {len(confidence)} confidence values")
    coverage = np.array([_coverage(t) for t in texts])
    score = (1 - fluency_weight) * coverage + fluency_weight * confidence
    return float(score[0]) if single else score


def _coverage(text):
    if not isinstance(text, str):
        raise ValueError(f"a transcript must be a string, got {type(text).__name__}")
    words = set(text.split())
    return sum(bool(words.intersection(keywords)) for keywords in INTENTS.values()) / len(INTENTS)


def _confidence(wer, noise):
    """The recogniser's mean word confidence: falls with its error rate (documented in make_chatbot_logs)."""
    return np.clip(1 - 1.2 * wer + noise, 0, 1).round(3)


def _recognise(words, wer, rng):
    """The recogniser's output: each word substituted, deleted or followed by an insertion."""
    out = []
    for word in words:
        if rng.random() < wer:
            kind = rng.random()
            if kind < 0.6:
                out.append(_CONFUSIONS[rng.integers(len(_CONFUSIONS))])
            elif kind < 0.9:
                continue  # deleted
            else:
                out.extend([word, _INSERTIONS[rng.integers(len(_INSERTIONS))]])
        else:
            out.append(word)
    return " ".join(out)


def simulate_recognition(reference_transcripts, mean_wer, seed=0):
    """Run the simulated recogniser on what candidates said, at a given mean error rate.

    The same mechanism as :func:`make_chatbot_logs` (per-session error rate from a Beta with mean
    ``mean_wer``, then word-level substitutions, deletions and insertions, and the confidence that
    follows), for what-if experiments such as a recogniser that errs on every accent as it does on
    native speech.

    Parameters
    ----------
    reference_transcripts : sequence of str
    mean_wer : float or sequence of float
        One mean error rate for everyone, or one per session.
    seed : int

    Returns
    -------
    (list of str, ndarray)
        The transcripts and the recognition confidence of each session.

    Examples
    --------
    >>> texts, confidence = simulate_recognition(["i ran the weekly stock count"], 0.0)
    >>> texts, confidence.round(2).tolist()
    (['i ran the weekly stock count'], [1.0])
    """
    check_size_and_seed(1, seed)
    texts = list(reference_transcripts)
    mean = np.broadcast_to(np.asarray(mean_wer, dtype=float), (len(texts),))
    if ((mean < 0) | (mean >= 1)).any():
        raise ValueError("mean_wer must be between 0 (inclusive) and 1")
    rng = np.random.default_rng(int(seed))
    concentration = 20.0
    wer = np.where(mean > 0, rng.beta(np.maximum(mean, 1e-9) * concentration, (1 - mean) * concentration), 0.0)
    recognised = [_recognise(t.split(), w, rng) for t, w in zip(texts, wer)]
    noise = np.where(mean > 0, rng.normal(0, 0.03, size=len(texts)), 0.0)
    confidence = _confidence(wer, noise)
    return recognised, confidence


def make_chatbot_logs(n: int = 4000, seed: int = 0) -> pd.DataFrame:
    """Generate screening-chatbot sessions with accent-dependent recognition errors.

    Each row is one invented candidate's voice screening for an inventory and logistics
    coordinator role (`ROLE`): their self-reported first language, whether they are truly
    qualified, what they said (``reference_transcript``), what the speech recogniser heard
    (``asr_transcript``), the bot's score, its last reply and the outcome.

    Parameters
    ----------
    n : int, default 4000
        Number of sessions, a positive integer.
    seed : int, default 0
        Seed for ``numpy.random.default_rng``, a non-negative integer.

    Returns
    -------
    pandas.DataFrame
        One row per session:

        - ``session_id`` (str): ``"S00001"``, ...;
        - ``day`` (int64, 1-28): the day of the logged period;
        - ``model_version`` (str): ``"2.3"`` before day 11, ``"2.4"`` from day 11;
        - ``first_language`` (category, `FIRST_LANGUAGES`): self-reported;
        - ``native_english`` (int64, 0/1): first language English;
        - ``qualified`` (int64, 0/1): meets the job's requirements (the ground truth, 50%,
          independent of first language);
        - ``reference_transcript`` (str): what the candidate said, lower case, no punctuation;
        - ``asr_transcript`` (str): what the recogniser transcribed;
        - ``asr_confidence`` (float64, 0-1): the recogniser's mean word confidence;
        - ``answer_score`` (float64): ``score_answer(asr_transcript, asr_confidence)``;
        - ``bot_reply`` (object): the bot's last reply, a string, or None when the session
          dropped before it replied (about 1%);
        - ``advanced`` (int64, 0/1): ``answer_score >= PASS_THRESHOLD`` (0.55); everyone else was
          rejected automatically.

    Notes
    -----
    *Causal chain.* (1) First language is drawn with `FIRST_LANGUAGES`; qualification is drawn
    independently (50%). (2) A candidate answers three questions with four to six sentences:
    each of the six job-relevant intents (`INTENTS`) is mentioned with probability 0.65 if
    qualified and 0.30 if not, and filler sentences make up the rest. What people say does not
    depend on their first language. (3) Each session's recogniser error rate is drawn from a Beta
    distribution with mean `ASR_WER_BY_LANGUAGE` for the first language (concentration 20); each
    word is misrecognised with that probability: substituted (60%), deleted (30%) or followed by
    an inserted word (10%). A misrecognised keyword is a missed intent. (4) Recognition confidence
    is ``1 - 1.2 * session error rate`` plus noise (sd 0.03), clipped to 0-1. (5) The score is
    `score_answer` on the *recognised* transcript; ``advanced = score >= 0.55``. (6) Replies:
    advanced candidates get a positive closing line, rejected candidates a polite rejection; when
    confidence is below 0.78 the bot's last line is a low-confidence fallback: "could you repeat
    that" in version 2.3 and, from version 2.4 (day 11), one of the `DEMEANING_TEMPLATES` in 35% of
    those sessions. About 1% of sessions have no reply.

    So the gap in outcomes comes from the recogniser and from the score's fluency term, not from
    candidates' answers: re-scoring ``reference_transcript`` with ``fluency_weight=0`` gives every
    language group the same expected pass rate among equally qualified candidates.

    Examples
    --------
    >>> logs = make_chatbot_logs(n=300, seed=1)
    >>> logs.shape
    (300, 12)
    >>> make_chatbot_logs(n=300, seed=1).equals(logs)
    True
    >>> logs = make_chatbot_logs()
    >>> logs.groupby("native_english")["advanced"].mean().round(3)
    native_english
    0    0.412
    1    0.607
    Name: advanced, dtype: float64
    """
    check_size_and_seed(n, seed)
    rng = np.random.default_rng(int(seed))
    languages = list(FIRST_LANGUAGES)
    language = rng.choice(len(languages), size=n, p=list(FIRST_LANGUAGES.values()))
    qualified = (rng.random(n) < _P_QUALIFIED).astype(np.int64)
    day = rng.integers(1, 29, size=n)
    mean_wer = np.array([ASR_WER_BY_LANGUAGE[languages[i]] for i in language])
    concentration = 20.0
    session_wer = rng.beta(mean_wer * concentration, (1 - mean_wer) * concentration)

    references, recognised = [], []
    for i in range(n):
        said = [
            s
            for intent in INTENTS
            if rng.random() < _P_INTENT[int(qualified[i])]
            for s in [_INTENT_SENTENCES[intent][rng.integers(2)]]
        ]
        fillers = max(0, int(rng.integers(4, 7)) - len(said))
        said += [_FILLER_SENTENCES[j] for j in rng.permutation(len(_FILLER_SENTENCES))[:fillers]]
        said = [said[j] for j in rng.permutation(len(said))]
        reference = " ".join(said)
        references.append(reference)
        recognised.append(_recognise(reference.split(), session_wer[i], rng))

    confidence = _confidence(session_wer, rng.normal(0, 0.03, size=n))
    score = score_answer(recognised, confidence).round(4)
    advanced = (score >= PASS_THRESHOLD).astype(np.int64)
    version = np.where(day >= _V24_FROM_DAY, "2.4", "2.3")

    replies = []
    for i in range(n):
        closing = (_REPLIES_ADVANCE if advanced[i] else _REPLIES_REJECT)[rng.integers(2)]
        fallback_draw, template = rng.random(), DEMEANING_TEMPLATES[rng.integers(len(DEMEANING_TEMPLATES))]
        if confidence[i] < _LOW_CONFIDENCE:
            demeaning = version[i] == "2.4" and fallback_draw < _P_FALLBACK_DEMEANING
            closing = template if demeaning else _REPLY_REPEAT
        replies.append(None if rng.random() < _P_NO_REPLY else closing)

    return pd.DataFrame(
        {
            "session_id": [f"S{i:0{max(5, len(str(n)))}d}" for i in range(1, n + 1)],
            "day": day.astype(np.int64),
            "model_version": version,
            "first_language": pd.Categorical.from_codes(language, categories=languages),
            "native_english": (language == 0).astype(np.int64),
            "qualified": qualified,
            "reference_transcript": references,
            "asr_transcript": recognised,
            "asr_confidence": confidence,
            "answer_score": score,
            "bot_reply": pd.Series(replies, dtype=object),
            "advanced": advanced,
        }
    )
