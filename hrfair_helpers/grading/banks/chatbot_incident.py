"""Questions for solutions/04_chatbot_incident.ipynb (scenario 4).

The context is the case, :class:`~hrfair_helpers.cases.chatbot.ChatbotCase`: it rebuilds the case
from its seed (``make_chatbot_logs(seed=seed)``: 4,000 sessions), the recognition errors (jiwer,
:func:`~hrfair_helpers.audit.recognition_errors`), the reply scan
(:func:`~hrfair_helpers.text.scan_replies`) and the memoised options of
:mod:`hrfair_helpers.mitigation.chatbot_options` for the same seed.

``Grader("chatbot_incident", seed=N)`` grades the candidate-specific variant of case seed ``N``
(``hrfair variant``); without ``seed`` (or with ``seed=0``) it grades the published notebook.
"""

import pandas as pd

from ...cases import ChatbotCase
from ..bank import Bank, Misconception, Question
from ..compare import Choice, Labels, Number, PerGroup

ROOT_CAUSES = {
    "candidates": "candidates' spoken English",
    "system": "the system: the recogniser's accent-dependent errors and the fluency term in the score",
    "templates": "the demeaning reply templates",
}
ROOT_CAUSE_ALIASES = {
    "candidates": ("the candidates", "candidate", "candidates' English"),
    "system": (
        "the system",
        "speech recogniser",
        "speech recognizer",
        "recogniser",
        "recognizer",
        "ASR",
        "speech recognition",
        "fluency term",
    ),
    "templates": ("the templates", "reply templates", "demeaning templates", "demeaning replies"),
}


def _triage(c):
    from ...incident import first_24_hours

    return first_24_hours()


BANK = Bank("chatbot_incident", "04 Chatbot incident", ChatbotCase)

BANK.add(
    Question(
        id="q01_triage_first_24h",
        prompt="The ids of the actions that belong in the first 24 hours.",
        expected=_triage,
        compare=Labels(),
        success="Contain, preserve, convene, say only what you know: in that order.",
        misconceptions=(
            Misconception(
                "delete_logs",
                "Deleting the offending sessions destroys evidence (and the record of who was "
                "harmed). Preserve everything under a legal hold.",
                lambda c: sorted(_triage(c) + ["delete_offending_logs"]),
            ),
            Misconception(
                "retrain",
                "Retraining overnight is an untested change in the middle of an incident. Contain "
                "first (pause auto-rejection, switch off the fallback lines); fix once the cause is known.",
                lambda c: sorted(_triage(c) + ["retrain_tonight"]),
            ),
            Misconception(
                "no_containment",
                "Communication without containment: the bot is still rejecting people. Pause "
                "automatic rejections first.",
                lambda c: sorted(set(_triage(c)) - {"pause_auto_reject", "disable_fallback_replies"}),
            ),
        ),
        hints=(
            "Think of stopping the harm, keeping the evidence, bringing the right people together and saying only what "
            "you know. Which actions would destroy evidence, change the system untested or speak before the facts?",
            "Read each action of triage_checklist() and keep the ids, its index, of the ones that contain the harm, "
            "preserve evidence, convene the owners or agree a factual statement: five in all.",
            "['pause_auto_reject', 'disable_fallback_replies', 'preserve_evidence', 'convene_owners', ...] with the one "
            "action that agrees what to say publicly.",
        ),
    )
)

BANK.add(
    Question(
        id="q02_pass_rates_by_first_language",
        prompt="The share of sessions the bot advanced, for each first language.",
        expected=lambda c: c.rate(c.logs["advanced"], by="first_language"),
        compare=PerGroup(decimals=3),
        success="Every group whose first language is not English passes less often.",
        misconceptions=(
            Misconception(
                "percentages",
                "Give proportions between 0 and 1, not percentages.",
                lambda c: c.rate(c.logs["advanced"], by="first_language") * 100,
            ),
            Misconception(
                "qualified",
                "That is the share of qualified candidates, which is about the same everywhere. "
                "Use the bot's decisions (advanced).",
                lambda c: c.rate(c.logs["qualified"], by="first_language"),
            ),
        ),
        hints=(
            "Use the bot's decisions, not who was qualified: within each first language, what share of sessions were "
            "advanced?",
            "logs['advanced'] holds the bot's 0/1 decision per session: group logs by first_language and average it.",
            "logs.groupby('first_language', observed=True)['advanced'].mean()",
        ),
    )
)

BANK.add(
    Question(
        id="q03_impact_ratio_non_native",
        prompt="The pass rate of non-native English speakers divided by that of native speakers.",
        expected=lambda c: c.ratio(c.logs["advanced"]),
        compare=Number(decimals=2),
        success="Well below the four-fifths rule of thumb (29 CFR §1607.4(D)).",
        misconceptions=(
            Misconception(
                "inverted",
                "Inverted: the non-native rate goes over the native rate.",
                lambda c: 1 / c.ratio(c.logs["advanced"]),
            ),
            Misconception(
                "difference",
                "That is a difference of rates; the impact ratio divides.",
                lambda c: float(
                    c.rate(c.logs["advanced"])["native English"] - c.rate(c.logs["advanced"])["non-native English"]
                ),
            ),
        ),
        hints=(
            "Use the two language groups, not the first languages. Whose pass rate goes on top of the ratio?",
            "Group logs by language_group, average advanced, and divide the non-native English rate by the native "
            "English rate.",
            "group_rates = logs.groupby('language_group')['advanced'].mean(); then group_rates['non-native English'] / "
            "... with the native speakers' rate.",
        ),
    )
)

BANK.add(
    Question(
        id="q04_significantly_disadvantaged",
        prompt="In the version 2.3 sessions (days 1-10), the first-language groups whose pass rate is significantly "
        "lower than English speakers' (Fisher's exact test, p < 0.05).",
        expected=lambda c: sorted(c.audit_v23.table.index[c.audit_v23.table["p_value_fisher"] < 0.05]),
        compare=Labels(),
        success="The gap was there before the demeaning lines existed; and a lower rate is not evidence on its own.",
        misconceptions=(
            Misconception(
                "all_lower",
                "Every group you listed passes less often than English speakers, but not every "
                "difference is significant with so few sessions: check the p-values. (If you used all "
                "28 days, filter on model_version == '2.3' first.)",
                lambda c: sorted(
                    c.audit_v23.table.index[
                        c.audit_v23.table["selection_rate"] < c.audit_v23.table.loc["English", "selection_rate"]
                    ]
                ),
            ),
        ),
        hints=(
            "Look only at the sessions before version 2.4 went live, and keep the groups whose lower pass rate is "
            "unlikely to be chance, not every group that passes less often.",
            "Keep the rows of logs whose model_version is '2.3', run adverse_impact on their advanced column by "
            "first_language, and keep the groups whose p_value_fisher is below 0.05.",
            "v23 = logs[logs['model_version'] == '2.3']; before_v24 = adverse_impact(v23['advanced'], "
            "v23['first_language']); then sorted(before_v24.table.index[...]) with the p-value condition.",
        ),
    )
)

BANK.add(
    Question(
        id="q05_demeaning_reply_rate",
        prompt="The share of the bot's replies flagged as demeaning, for native and non-native English speakers.",
        expected=lambda c: c.scan.by_group["rate"],
        compare=PerGroup(decimals=3),
        success="The bot insulted non-native speakers many times more often: the journalist's evidence holds.",
        misconceptions=(
            Misconception(
                "percentages",
                "Give proportions between 0 and 1, not percentages.",
                lambda c: c.scan.by_group["rate"] * 100,
            ),
            Misconception(
                "all_replies",
                "Missing replies cannot be scanned: divide by the scannable replies, not by all sessions.",
                lambda c: c.scan.by_group["flagged"] / c.scan.by_group["n"],
            ),
            Misconception(
                "inverted_groups",
                "Check the group labels: the higher rate belongs to non-native speakers.",
                lambda c: pd.Series(c.scan.by_group["rate"].to_numpy()[::-1], index=c.scan.by_group.index),
            ),
        ),
        hints=(
            "A missing reply cannot be judged: in each language group, divide the flagged replies by the replies that "
            "could be scanned, not by all sessions.",
            "scan.flags has one row per reply with group, scannable and flagged columns: keep the scannable rows, group "
            "them by group and average flagged.",
            "scannable = scan.flags[scan.flags['scannable']]; then scannable.groupby('group')['flagged'] and the "
            "aggregation that turns True/False into a share.",
        ),
    )
)

BANK.add(
    Question(
        id="q06_wer_ratio",
        prompt="The word error rate of non-native speakers' sessions divided by native speakers' (corpus WER).",
        expected=lambda c: float(
            c.recognition.by_group.loc["non-native English", "wer"]
            / c.recognition.by_group.loc["native English", "wer"]
        ),
        compare=Number(decimals=2),  # at the 1 decimal the memo prints, the session-mean ratio is the same
        success="The recogniser makes several times more errors on accented speech.",
        misconceptions=(
            Misconception(
                "inverted",
                "Inverted: non-native WER over native WER.",
                lambda c: float(
                    c.recognition.by_group.loc["native English", "wer"]
                    / c.recognition.by_group.loc["non-native English", "wer"]
                ),
            ),
            Misconception(
                "session_mean",
                "That divides the mean of the per-session WERs. The corpus WER is all errors "
                "over all reference words in the group (the by_group 'wer' column).",
                lambda c: float(
                    c.recognition.by_group.loc["non-native English", "mean_session_wer"]
                    / c.recognition.by_group.loc["native English", "mean_session_wer"]
                ),
            ),
            Misconception(
                "accuracy",
                "That is a ratio of word accuracies (1 - WER). Compare the error rates.",
                lambda c: float(
                    (1 - c.recognition.by_group.loc["non-native English", "wer"])
                    / (1 - c.recognition.by_group.loc["native English", "wer"])
                ),
            ),
        ),
        hints=(
            "How many more word errors does the recogniser make on non-native speech? Count all errors over all the "
            "words of each group, not an average of per-session rates, and put non-native speakers on top.",
            "recognition.by_group has one row per language group, and its wer column is the corpus WER: divide the "
            "non-native English value by the native English one.",
            "wer = recognition.by_group['wer']; then wer['non-native English'] / ... with the native speakers' value.",
        ),
    )
)

BANK.add(
    Question(
        id="q07_ratio_after_rescoring",
        prompt="The impact ratio (non-native / native) when every session is re-scored from its reference transcript "
        "(same confidence, same weights, same threshold).",
        expected=lambda c: c.ratio(c.rescored()),
        compare=Number(decimals=3),
        success="Most of the gap disappears when recognition errors are removed from what is scored.",
        misconceptions=(
            Misconception(
                "original",
                "That is the ratio of the bot's own decisions: re-score the reference transcripts.",
                lambda c: c.ratio(c.logs["advanced"]),
            ),
            Misconception(
                "no_fluency",
                "You also dropped the fluency term. This step removes recognition errors only; "
                "keep fluency_weight at its default.",
                lambda c: c.ratio(c.rescored(fluency_weight=0)),
            ),
        ),
        hints=(
            "Score what candidates actually said instead of what the recogniser heard, keeping everything else as it "
            "was: confidence, weights, threshold. Then compute the same impact ratio as in Exercise 3.",
            "Call score_answer on logs['reference_transcript'] with logs['asr_confidence'], leaving fluency_weight at "
            "its default; count scores at or above PASS_THRESHOLD as passed, average by language_group, and divide "
            "non-native by native.",
            "rescored = (score_answer(logs['reference_transcript'], logs['asr_confidence']) >= "
            "PASS_THRESHOLD).astype(int); rescored_rates = "
            "pd.Series(rescored).groupby(logs['language_group'].to_numpy()).mean(); then the ratio as in Exercise 3.",
        ),
    )
)

BANK.add(
    Question(
        id="q08_gap_closed_share",
        prompt="The share of the gap to parity that re-scoring from the reference transcripts closes: "
        "(ratio after - ratio before) / (1 - ratio before).",
        expected=lambda c: c.gap_closed(),
        compare=Number(decimals=2),
        success="Removing recognition errors from what is scored closes this share. Dropping the fluency term first "
        "closes a similar share: the two causes overlap, so a share depends on the order of the steps.",
        misconceptions=(
            Misconception(
                "absolute",
                "That is the change in the ratio. Divide by the gap to parity, 1 - ratio before.",
                lambda c: c.gap_closed(shares=False),
            ),
        ),
        hints=(
            "How far from parity, a ratio of 1, was the impact ratio before re-scoring, and how much of that distance "
            "did re-scoring cover? A share of the gap, not the change in the ratio.",
            "Use impact_ratio from Exercise 3 as before and ratio_rescored from Exercise 7 as after: divide the change "
            "in the ratio by the gap to parity before.",
            "(ratio_rescored - impact_ratio) / (1 - ...) with the ratio before re-scoring.",
        ),
    )
)

BANK.add(
    Question(
        id="q09_root_cause",
        prompt="The root cause of the gap in outcomes: "
        + "; ".join(f"{k} ({v})" for k, v in ROOT_CAUSES.items())
        + ".",
        expected=lambda c: "system",
        compare=Choice(list(ROOT_CAUSES), aliases=ROOT_CAUSE_ALIASES),
        success="The system measured the recogniser's trouble with accents, not the candidates' answers.",
        misconceptions=(
            Misconception(
                "candidates",
                "What candidates said (the reference transcripts) covers the job-relevant "
                "answers equally in every group, and qualification does not depend on first language. The "
                "errors are the recogniser's.",
                lambda c: "candidates",
            ),
            Misconception(
                "templates",
                "The templates are the evidence that made the news, and they must go, but they "
                "do not decide who advances: decisions come from the score.",
                lambda c: "templates",
            ),
        ),
        hints=(
            "Did candidates in different groups say different things, or did the system hear and score them differently? "
            "Compare what was said with what was decided.",
            "Look at the re-scoring from the reference transcripts in Exercise 7 and at the job-relevant answers given "
            "by group: if scoring what was said closes most of the gap, the cause is in what the recogniser heard and "
            "how the score used it.",
            "The answers given are alike in every group, so the key is not 'candidates', and the templates decide no "
            "one's outcome, so it is not 'templates': answer with the remaining key.",
        ),
    )
)

BANK.add(
    Question(
        id="q10_options_meeting_criterion",
        prompt="The long-term options that meet the agreed criterion.",
        expected=lambda c: c.tradeoff.winners,
        compare=Labels(),
        success="Removing the templates changes no decision: the options that meet the criterion change what the "
        "recogniser hears or how answers are scored, or put a person behind the rejections.",
        misconceptions=(
            Misconception(
                "templates_only",
                "Removing the templates stops the insults but changes no decision: its row "
                "is identical to the baseline's.",
                lambda c: ["remove_templates"],
            ),
            Misconception(
                "templates_fix",
                "Removing the templates stops the insults but changes no decision: its "
                "row is identical to the baseline. It is necessary, not sufficient.",
                lambda c: sorted(c.tradeoff.winners + ["remove_templates"]),
            ),
            Misconception(
                "review_only",
                "Reviewing every rejection is containment for now, but on its own it "
                "leaves the gap above the criterion (and costs a review per rejection).",
                lambda c: sorted(c.tradeoff.winners + ["human_review"]),
            ),
        ),
        hints=(
            "An option must meet every part of the criterion agreed in advance, measured on true qualification. Does an "
            "option that changes no decision get there, or one that only reviews every rejection?",
            "Check the criterion's three numbers in tradeoff.table: equal_opportunity_difference at most "
            "criterion.max_difference, precision_drop at most criterion.max_performance_drop, lowest_impact_ratio at least "
            "criterion.min_impact_ratio; leave out any option whose uses_protected_attribute_at_decision is True.",
            "table = tradeoff.table; meets = (table['equal_opportunity_difference'] <= criterion.max_difference) & "
            "(table['precision_drop'] <= criterion.max_performance_drop) & (table['lowest_impact_ratio'] ...); then "
            "sorted(table.index[meets & ~table['uses_protected_attribute_at_decision']]).",
        ),
    )
)
