"""The numbers of the casebook's cases, for the model answers of the interview question bank.

A model answer (or a "strong answer" item) that states a result of a case never types it: it
holds a placeholder, ``{fact:CASE.NAME}`` or ``{fact:CASE.NAME:SPEC}``, and the number is
computed from the published case (seed 0) when the text is read. ``CASE`` is the case's id in
:mod:`hrfair_helpers.cases` (its question bank's id; :data:`CASES` lists those with facts),
``NAME`` one of the facts its function below computes, and ``SPEC`` an optional format spec:
``.2f`` for a ratio, ``.0%`` for a rate, ``,`` for a count.

Facts are computed lazily, a case at a time and only for the cases a text references, then
cached for the process: reading the question bank, looking a question up or running
:func:`~hrfair_helpers.interview.coverage` computes nothing. :func:`timings` says how long each
case took. All access to a case goes through :func:`_context`, which takes it from the case
registry (:func:`hrfair_helpers.cases.get_case`): the same object the case's question bank grades
against, and no grading code is loaded.

Numbers that are the speaker's own choices (a monitoring trigger, a pilot's length, a review
band) and published literature stay as text; ``tests/test_interview_facts.py`` keeps the list of
those and fails on any other number typed into an answer to a case question.

Examples
--------
>>> fill_facts("No number here.")
'No number here.'
>>> references("Women at {fact:promotion_gap.impact_ratio:.2f} times men's rate.")
[('promotion_gap', 'impact_ratio', '.2f')]
>>> fill_facts("{fact:promotion.ratio}")
Traceback (most recent call last):
...
ValueError: {fact:promotion.ratio}: no case 'promotion'; cases with facts: adult_audit, chatbot_incident, ...
"""

from __future__ import annotations

import functools
import re
import time
from types import MappingProxyType

import numpy as np
import pandas as pd

__all__ = ["CASES", "case_facts", "fill_facts", "references", "timings"]

#: ``{fact:CASE.NAME}`` or ``{fact:CASE.NAME:SPEC}``.
PLACEHOLDER = re.compile(r"\{fact:([a-z0-9_]+)\.([a-z0-9_]+)(?::([^{}]*))?\}")
#: Anything that starts like a placeholder, to catch the malformed ones.
_OPENING = re.compile(r"\{fact:[^{}]*\}?")

_TIMINGS: dict[str, float] = {}


def _context(case):
    """The published case (its default parameters: seed 0), from the case registry: the only
    access to a case."""
    from ..cases import get_case

    return get_case(case)


# ---------------------------------------------------------------------------------------------
# One function per case: the case's context -> {name: value}.
# ---------------------------------------------------------------------------------------------


def _adult_audit(c) -> dict:
    """Scenario 1 (:class:`~hrfair_helpers.cases.adult.AdultCase`): the label, the
    vendor's logistic model at threshold 0.5 on the test file, and the mitigation table."""
    label = c.label_rate(c.train, "sex")
    scored = c.scored
    selection = c.pred_rate("sex")
    table, criterion = c.mitigation.table, c.mitigation.criterion

    def row(method, column):
        return float(table.loc[method, column])

    return {
        "label_rate_men": float(label["Male"]),
        "label_rate_women": float(label["Female"]),
        "label_rate_ratio_men_to_women": float(label["Male"] / label["Female"]),
        "accuracy": float((scored["income_over_50k"] == scored["pred"]).mean()),
        "selection_rate_men": float(selection["Male"]),
        "selection_rate_women": float(selection["Female"]),
        "impact_ratio_women": float(selection["Female"] / selection["Male"]),
        "sex_auc": float(c.sex_auc),
        "criterion_max_eo_difference": float(criterion.max_difference),
        "criterion_max_drop_points": 100 * float(criterion.max_performance_drop),
        "mitigations_compared": len(table) - 1,
        "baseline_eo_difference": row("baseline", "equal_opportunity_difference"),
        "unawareness_eo_difference": row("unawareness", "equal_opportunity_difference"),
        "unawareness_impact_ratio": row("unawareness", "lowest_impact_ratio"),
        "exponentiated_gradient_tpr_eo_difference": row("exponentiated_gradient_tpr", "equal_opportunity_difference"),
        "exponentiated_gradient_tpr_drop_points": 100 * row("exponentiated_gradient_tpr", "balanced_accuracy_drop"),
        "exponentiated_gradient_tpr_impact_ratio": row("exponentiated_gradient_tpr", "lowest_impact_ratio"),
    }


def _resume_screener(c) -> dict:
    """Scenario 2 (:class:`~hrfair_helpers.cases.screener.ResumeCase`): the shipped
    screener on the audit resumes, the counterfactual and masking audits, its weights, the options."""
    audit, options, table = c.audit, c.options, c.tradeoff.table
    selection, qualified = c.rate("selected"), c.qualified_rate("selected")
    women = audit[(audit["gender"] == "woman") & (audit["qualified"] == 1)]
    by_break = women.groupby("career_gap")["selected"].mean()
    tfidf, classify = c.screener.named_steps["tfidf"], c.screener.named_steps["classify"]
    scores, threshold = options["scores"], options["threshold"]
    rejected = scores < threshold
    near = np.abs(scores - threshold) < 0.10  # "within 10 points of the cut-off", the answers' own band

    def row(option, column):
        return float(table.loc[option, column])

    return {
        "audit_resumes": len(audit),
        "selection_rate_men": float(selection["man"]),
        "selection_rate_women": float(selection["woman"]),
        "impact_ratio_women": float(selection["woman"] / selection["man"]),
        "qualified_rate_men": float(qualified["man"]),
        "qualified_rate_women": float(qualified["woman"]),
        "equal_opportunity_gap_points": 100 * float(qualified["man"] - qualified["woman"]),
        "counterfactual_flip_rate": float(c.counterfactual.flip_rate),
        "masking_flip_rate": float(c.masking.flip_rate),
        "most_penalised_female_term": c.gendered_term("female"),
        "caregiving_weight": float(classify.coef_[0][tfidf.vocabulary_["caregiving"]]),
        "qualified_women_with_break_rate": float(by_break[1]),
        "qualified_women_without_break_rate": float(by_break[0]),
        "options_compared": len(table) - 1,
        "masking_impact_ratio": row("masking", "lowest_impact_ratio"),
        "masking_precision_gain_points": -100 * row("masking", "precision_drop"),
        "human_review_impact_ratio": row("human_review", "lowest_impact_ratio"),
        "relabeling_and_review_impact_ratio": row("relabeling_and_review", "lowest_impact_ratio"),
        "relabeling_and_review_precision_gain_points": -100 * row("relabeling_and_review", "precision_drop"),
        "human_review_reviews": int(options["reviewed"]["human_review"].sum()),
        "resumes_within_10_points": int(near.sum()),
        "resumes_within_10_points_share": float(near.mean()),
        "rejections_within_10_points": int((near & rejected).sum()),
        "other_rejections": int((rejected & ~near).sum()),
        # the answers' own random sample of the other rejections
        "five_percent_of_other_rejections": round(0.05 * int((rejected & ~near).sum())),
    }


def _promotion_gap(c) -> dict:
    """Scenario 3 (:class:`~hrfair_helpers.cases.promotion.PromotionCase`): the model's
    top-20% shortlist on the held-out workforce, the ablation, the labels, the options."""
    from ..audit import adverse_impact, stratified_impact
    from ..mitigation.promotion_options import SHARE

    test, report = c.test, c.options
    table, readiness = report.table, c.against_readiness.table
    rates = c.rate("recommended")
    caregiving = test["gender"].astype(str) + " / " + np.where(test["caregiver"] == 1, "caregiver", "not")
    age = pd.Series(np.where(test["age"] >= 40, "40+", "under 40"), name="age")
    took_leave = test[(test["gender"] == "woman") & (test["months_on_leave"] > 0)]

    def row(option, column):
        return float(table.loc[option, column])

    def ratio_of(option, groups, group):
        return float(adverse_impact(report.predictions[option], groups).table.loc[group, "impact_ratio"])

    return {
        "shortlist_share": float(SHARE),
        "rate_men": float(rates["man"]),
        "rate_women": float(rates["woman"]),
        "impact_ratio": c.ratio(),
        "shortfall": int(c.audit.table.loc["woman", "shortfall"]),
        "rating_adjusted_impact_ratio": float(c.stratified.cmh.loc["woman", "adjusted_impact_ratio"]),
        "strongest_proxy": max(c.ablation, key=c.ablation.get),
        **{f"ablation_lift_{feature}": float(lift) for feature, lift in c.ablation.items()},
        "label_ratio_among_ready": c.ratio("historical_promoted", test[c.ready == 1]),
        "missed_years_women_on_leave": c.missed_years(took_leave),
        "women_caregivers_impact_ratio": ratio_of("baseline", caregiving, "woman / caregiver"),
        "criterion_min_impact_ratio": float(report.criterion.min_impact_ratio),
        "criterion_max_auc_drop": float(report.criterion.max_performance_drop),
        "options_compared": len(table) - 1,
        "leave_adjusted_tenure_impact_ratio": row("leave_adjusted_tenure", "lowest_impact_ratio"),
        "exponentiated_gradient_tpr_impact_ratio": row("exponentiated_gradient_tpr", "lowest_impact_ratio"),
        "exponentiated_gradient_tpr_auc_drop": row("exponentiated_gradient_tpr", "auc_drop"),
        "correlation_remover_impact_ratio": row("correlation_remover", "lowest_impact_ratio"),
        "correlation_remover_auc_drop": row("correlation_remover", "auc_drop"),
        "no_manager_records_impact_ratio": row("no_manager_records", "lowest_impact_ratio"),
        "no_manager_records_auc_drop": row("no_manager_records", "auc_drop"),
        "no_manager_records_auc_gain_against_readiness": float(
            readiness.loc["no_manager_records", "auc"] - readiness.loc["baseline", "auc"]
        ),
        "no_manager_records_caregiving_min_ratio": float(c.intersectional_ratio("no_manager_records")),
        "age_40_ratio_baseline": ratio_of("baseline", age, "40+"),
        "age_40_ratio_no_manager_records": ratio_of("no_manager_records", age, "40+"),
        "age_40_level_adjusted_ratio_no_manager_records": float(
            stratified_impact(report.predictions["no_manager_records"], age, test["level"]).cmh.loc[
                "40+", "adjusted_impact_ratio"
            ]
        ),
    }


def _chatbot_incident(c) -> dict:
    """Scenario 4 (:class:`~hrfair_helpers.cases.chatbot.ChatbotCase`): pass rates
    in the 28 days of logs, the reply scan, word error rates, the re-scoring, the options."""
    from ..audit import adverse_impact, recognition_errors
    from ..datasets.chatbot import PASS_THRESHOLD, score_answer

    logs = c.logs
    rates = c.rate(logs["advanced"])
    by_language = adverse_impact(logs["advanced"], logs["first_language"]).table["impact_ratio"]
    recognition = recognition_errors(logs["reference_transcript"], logs["asr_transcript"], logs["first_language"])
    wer = recognition.by_group["wer"]
    other_wer = wer.drop("English")
    flagged = c.scan.flags["flagged"].to_numpy()
    said = score_answer(logs["reference_transcript"], np.ones(len(logs)), fluency_weight=0) >= PASS_THRESHOLD
    table = c.tradeoff.table
    return {
        "pass_rate_native": float(rates["native English"]),
        "pass_rate_non_native": float(rates["non-native English"]),
        "impact_ratio": c.ratio(logs["advanced"]),
        "lowest_first_language": str(by_language.idxmin()),
        "lowest_first_language_ratio": float(by_language.min()),
        "wer_native": float(wer["English"]),
        "wer_other_lowest": float(other_wer.min()),
        "wer_other_highest": float(other_wer.max()),
        "flagged_replies": int(flagged.sum()),
        "flagged_replies_version": ", ".join(sorted(logs.loc[flagged, "model_version"].astype(str).unique())),
        "ratio_said_without_fluency": c.ratio(said.astype(int)),
        "layered_fix_impact_ratio": float(table.loc["layered_fix", "lowest_impact_ratio"]),
    }


def _wellbeing_analytics(c) -> dict:
    """Scenario 7 (:class:`~hrfair_helpers.cases.wellbeing.WellbeingCase`): who the burnout-risk
    score misses, why, the options against the criterion, and what may be published."""
    from ..cases.wellbeing import CRITERION, EPSILON, MIN_CELL

    by_language = c.by_group("first_language")
    options = c.options_table
    best = str(options["largest_gap"].idxmin())
    return {
        "flag_rate_ratio_women": c.flag_rate_ratio(),
        "fnr_overall": float(options.loc["as_proposed", "fnr"]),
        "fnr_english": float(by_language["english"]),
        "fnr_other_language": float(by_language["other"]),
        "response_gap": c.response_gap(),
        "missed_share_non_responders": c.missed_share(),
        "caught_as_proposed": int(options.loc["as_proposed", "caught"]),
        "largest_gap_as_proposed": float(options.loc["as_proposed", "largest_gap"]),
        "best_option_largest_gap": float(options.loc[best, "largest_gap"]),
        "criterion_max_fnr_gap": float(CRITERION.max_fnr_gap),
        "min_cell": int(MIN_CELL),
        "rows_suppressed": int(c.suppressed.n_suppressed),
        "extract_k": int(c.extract_report.k),
        "rows_lost_k5": int(c.generalised.rows_removed),
        "epsilon": float(EPSILON),
        "smallest_group": str(c.smallest_group),
        "dp_error_smallest_group": c.dp_error(),
        "decision": str(c.decision).replace("_", " "),
    }


#: The cases that have facts: case id (:data:`hrfair_helpers.cases.CASES`) -> its function.
CASES = {
    "adult_audit": _adult_audit,
    "resume_screener": _resume_screener,
    "promotion_gap": _promotion_gap,
    "chatbot_incident": _chatbot_incident,
    "wellbeing_analytics": _wellbeing_analytics,
}


def _no_case(case, where):
    return ValueError(f"{where}: no case {case!r}; cases with facts: {', '.join(sorted(CASES))}")


@functools.cache
def _computed(case):
    start = time.perf_counter()
    facts = CASES[case](_context(case))
    _TIMINGS[case] = time.perf_counter() - start
    return MappingProxyType(facts)


def case_facts(case):
    """Every fact of ``case`` (a key of :data:`CASES`) as a read-only ``{name: value}``; computed
    on first use, then cached for the process.

    Raises
    ------
    ValueError
        If ``case`` has no facts.
    """
    if case not in CASES:
        raise _no_case(case, "case_facts")
    return _computed(case)


def timings():
    """``{case: seconds}`` for the cases computed in this process so far (context and facts)."""
    return dict(_TIMINGS)


def references(text):
    """The placeholders of ``text`` as ``(case, name, spec)`` tuples, in order, without computing
    anything (``spec`` is ``""`` when there is none).

    Raises
    ------
    ValueError
        For a malformed placeholder or a case without facts.
    """
    found = []
    for opening in _OPENING.finditer(text):
        match = PLACEHOLDER.fullmatch(opening.group(0))
        if match is None:
            raise ValueError(
                f"malformed placeholder {opening.group(0)!r}: write {{fact:CASE.NAME}} or "
                "{fact:CASE.NAME:SPEC}, e.g. {fact:adult_audit.impact_ratio_women:.2f}"
            )
        case, name, spec = match.group(1), match.group(2), match.group(3) or ""
        if case not in CASES:
            raise _no_case(case, match.group(0))
        found.append((case, name, spec))
    return found


def _value(match):
    case, name, spec = match.group(1), match.group(2), match.group(3) or ""
    if case not in CASES:
        raise _no_case(case, match.group(0))
    facts = case_facts(case)
    if name not in facts:
        raise ValueError(
            f"{match.group(0)}: no fact {name!r} of case {case!r}; known facts of {case}: {', '.join(sorted(facts))}"
        )
    try:
        return format(facts[name], spec)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{match.group(0)}: format spec {spec!r} does not fit {facts[name]!r}: {error}") from None


def fill_facts(text):
    """``text`` with every ``{fact:CASE.NAME[:SPEC]}`` replaced by the case's number, formatted.

    Only the cases the text references are computed.

    Raises
    ------
    ValueError
        For a malformed placeholder, a case without facts, an unknown fact (the message lists the
        case's facts) or a format spec that does not fit the value.
    """
    references(text)  # malformed placeholders and unknown cases fail before anything is computed
    return PLACEHOLDER.sub(_value, text)
