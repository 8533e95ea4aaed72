"""Questions for solutions/03_promotion_gap.ipynb (scenario 3).

The context is the case, :class:`~hrfair_helpers.cases.promotion.PromotionCase`: it rebuilds the
case from its seed (``promotion_data(seed)``: 5,000 employees to train on, a held-out workforce of
20,000 to audit), the documented model recommending the top 20%, and the memoised comparison of
:func:`~hrfair_helpers.mitigation.promotion_options.promotion_options`. Rates are recomputed with
pandas; tests check the audit engine against fairlearn and aif360.

``Grader("promotion_gap", seed=N)`` grades the candidate-specific variant of case seed ``N``
(``hrfair variant``); without ``seed`` (or with ``seed=0``) it grades the published notebook.
"""

from ...cases import PromotionCase
from ..bank import Bank, Misconception, Question
from ..compare import Labels, Number, PerGroup, Word, YesNo


def _lowest(mapping):
    return min(mapping, key=mapping.get)


def _highest(mapping):
    return max(mapping, key=mapping.get)


BANK = Bank("promotion_gap", "03 Promotion gap", PromotionCase)

BANK.add(
    Question(
        id="q01_recommendation_rate_by_gender",
        prompt="Share of each gender the model recommends for promotion on the held-out workforce.",
        expected=lambda c: c.rate("recommended"),
        compare=PerGroup(decimals=3),
        success="These are the recommendation rates the complaint is about.",
        misconceptions=(
            Misconception(
                "historical_label",
                "These are the historical promotion rates. Audit the model's "
                "recommendations (the `recommended` column).",
                lambda c: c.rate("historical_promoted"),
            ),
            Misconception(
                "percentages",
                "Give proportions between 0 and 1, not percentages.",
                lambda c: c.rate("recommended") * 100,
            ),
        ),
        hints=(
            "Use the model's recommendations, not past promotions: within each gender, what share of the held-out "
            "workforce is on the shortlist?",
            "test['recommended'] marks the top 20% the model recommends with 1: group test by gender and average it.",
            "test.groupby('gender', observed=True)['recommended'].mean()",
        ),
    )
)

BANK.add(
    Question(
        id="q02_impact_ratio",
        prompt="Women's recommendation rate divided by men's (the impact ratio).",
        expected=lambda c: c.ratio(),
        compare=Number(decimals=2),
        success="Below four-fifths (0.8): the gap the brief describes is real on this data.",
        misconceptions=(
            Misconception(
                "thirty_percent",
                "'30% lower' is the shortfall, not the ratio: a rate 30% lower is 0.70 "
                "times the other, so the impact ratio is about 0.70, not 0.30.",
                lambda c: 1 - c.ratio(),
            ),
            Misconception(
                "inverted",
                "Inverted: women's rate goes over men's (the group with the higher rate).",
                lambda c: 1 / c.ratio(),
            ),
            Misconception(
                "difference",
                "That is the difference in rates (men minus women). The impact ratio divides.",
                lambda c: float(c.rate("recommended")["man"] - c.rate("recommended")["woman"]),
            ),
        ),
        hints=(
            "'30% lower' is the brief's claim about a ratio. Which rate goes on top, and is the answer the ratio itself "
            "or how much lower it is?",
            "Take the two values of rates from Exercise 1 and divide women's by men's, on the data, not the brief.",
            "rates['woman'] / rates['man']",
        ),
        brief_figures=(0.7, 0.3, 30),
        brief_feedback="That is the brief's figure ('30% lower', a ratio of 0.70): the claim the audit checks, not its "
        "result. Compute women's recommendation rate divided by men's on the held-out workforce.",
    )
)

BANK.add(
    Question(
        id="q03_shortfall",
        prompt="The audit's shortfall: how many more women the model would have to recommend for women's rate to "
        "reach four-fifths of men's.",
        expected=lambda c: int(c.audit.table.loc["woman", "shortfall"]),
        compare=Number(decimals=0),
        success="A count of people is what decision makers remember; pair it with the p-value.",
        misconceptions=(
            Misconception(
                "count_difference",
                "That is men's count minus women's. The groups differ in size, and the "
                "shortfall is measured against four-fifths of men's rate: read it from the audit report.",
                lambda c: int(c.audit.table.loc["man", "selected"] - c.audit.table.loc["woman", "selected"]),
            ),
            Misconception(
                "parity",
                "That is how many more women would be recommended at men's full rate. The audit's "
                "shortfall is to the four-fifths line.",
                lambda c: int(
                    round(
                        c.rate("recommended")["man"] * (c.test["gender"] == "woman").sum()
                        - c.test.loc[c.test["gender"] == "woman", "recommended"].sum()
                    )
                ),
            ),
            Misconception(
                "historical",
                "That shortfall comes from the historical labels, not the model's recommendations.",
                lambda c: int(c.historical_audit.table.loc["woman", "shortfall"]),
            ),
        ),
        hints=(
            "How many more women would need a recommendation for women's rate to reach four-fifths of men's rate, not "
            "men's full rate? Count people.",
            "audit, the adverse_impact report on test['recommended'] by gender, has a shortfall column: read the woman "
            "row as a whole number.",
            "int(audit.table.loc['woman', 'shortfall'])",
        ),
    )
)

BANK.add(
    Question(
        id="q04_band_impact_ratios",
        prompt="The impact ratio (women / men) within rating bands 3, 4 and 5, as a dict {band: ratio}.",
        expected=lambda c: c.band_ratios(),
        compare=PerGroup(decimals=2),
        success="In bands 3 to 5, women rated the same as men are still recommended less often.",
        misconceptions=(
            Misconception(
                "crude",
                "You repeated the overall ratio for every band. Filter each band first.",
                lambda c: c.band_ratios(crude=True),
            ),
            Misconception(
                "inverted",
                "Inverted: divide women's rate by men's in each band.",
                lambda c: {b: 1 / r for b, r in c.band_ratios().items()},
            ),
        ),
        hints=(
            "Compare like with like: take only the employees with the same performance rating, one band at a time. "
            "Within a band, how does women's rate compare with men's?",
            "For each band 3, 4 and 5, keep the rows of test whose performance_rating is that band, average recommended "
            "by gender, and store women's rate divided by men's under the band as an integer key.",
            "for band in (3, 4, 5): in_band = test[test['performance_rating'] == band].groupby('gender', "
            "observed=True)['recommended'].mean(); band_ratios[band] = ... women's rate over men's.",
        ),
    )
)

BANK.add(
    Question(
        id="q05_ratings_explain_gap",
        prompt="Do performance ratings explain the gap in recommendations?",
        expected=lambda c: c.ratings_explain_gap(),
        compare=YesNo(),
        success="No: ratings are distributed alike, and the rating-adjusted impact ratio is as low as the crude one.",
        misconceptions=(
            Misconception(
                "yes",
                "Ratings are the same for women and men (compare the mean rating), and within each "
                "band the gap remains: the CMH test across bands is highly significant.",
                lambda c: not c.ratings_explain_gap(),
            ),
        ),
        hints=(
            "If ratings explained the gap, women and men with the same rating would be recommended at about the same "
            "rate. Is that what the bands show?",
            "Check that the rating distributions match in the crosstab, then read by_rating.cmh: compare women's "
            "rating-adjusted impact ratio with the crude one and with 0.8.",
            "Ratings explain the gap only if by_rating.cmh.loc['woman', 'adjusted_impact_ratio'] reaches 0.8: check that "
            "number and answer True or False.",
        ),
    )
)

BANK.add(
    Question(
        id="q06_strongest_proxy",
        prompt="The model input whose removal alone raises the impact ratio the most (the ablation).",
        expected=lambda c: _highest(c.ablation),
        compare=Word(),
        success="Removing this input alone closes the largest share of the gap the model reproduces: the model "
        "leans on it as a proxy for gender.",
        misconceptions=(
            Misconception(
                "importance",
                "That is the input with the largest coefficient. Importance alone does not "
                "make a proxy: removing it does not close the gap. Measure what removal does.",
                lambda c: _highest({k: abs(v) for k, v in c.coefficients.items()}),
            ),
            Misconception(
                "association",
                "That input is the most associated with gender, but the model leans on it "
                "little; association alone does not make it the carrier. Use the ablation.",
                lambda c: _highest(c.association.to_dict()),
            ),
        ),
        hints=(
            "A proxy is an input whose removal moves the outcome, not merely one associated with gender or heavily "
            "weighted. Which input, left out on its own, lifts women's impact ratio the most?",
            "The inputs table refits the model without each input and stores the change in its "
            "impact_ratio_change_when_removed column: find the input with the largest change.",
            "inputs['impact_ratio_change_when_removed'].idxmax()",
        ),
    )
)

BANK.add(
    Question(
        id="q07_label_bias_among_ready",
        prompt="In the held-out pool (test), among the truly ready (top 20% of true_readiness): women's historical "
        "promotion rate divided by men's.",
        expected=lambda c: c.ratio("historical_promoted", c.test[c.ready == 1]),
        compare=Number(decimals=2),
        success="Equally ready women were promoted less often: the labels the model learned from are biased.",
        misconceptions=(
            Misconception(
                "unconditioned",
                "That is the ratio over everyone. Compare like with like: condition on readiness first.",
                lambda c: c.ratio("historical_promoted"),
            ),
            Misconception(
                "model",
                "That is the model's ratio among the ready; the question is about the history.",
                lambda c: c.ratio("recommended", c.test[c.ready == 1]),
            ),
        ),
        hints=(
            "Compare like with like: among only the employees who are truly ready, were women promoted in the past as "
            "often as men? This is about the history, not the model.",
            "Keep the rows of test at or above the 0.8 quantile of true_readiness, average historical_promoted by "
            "gender, and divide women's rate by men's.",
            "ready = test['true_readiness'] >= test['true_readiness'].quantile(0.8); ready_rates = "
            "test[ready].groupby('gender', observed=True)['historical_promoted'].mean(); then divide ... women's rate by "
            "men's.",
        ),
    )
)

BANK.add(
    Question(
        id="q08_tenure_missed_years",
        prompt="In the held-out pool (test), among women who took leave: the mean years of time in role the HR clock "
        "does not count.",
        expected=lambda c: c.missed_years(c.test[(c.test["gender"] == "woman") & (c.test["months_on_leave"] > 0)]),
        compare=Number(decimals=1),
        success="More than a year of time in role missing from the record, and it falls mostly on women.",
        misconceptions=(
            Misconception(
                "months",
                "Give years, not months (divide by 12).",
                lambda c: 12 * c.missed_years(c.test[(c.test["gender"] == "woman") & (c.test["months_on_leave"] > 0)]),
            ),
            Misconception(
                "all_women",
                "That averages over all women, including those with no leave. Filter on months_on_leave > 0.",
                lambda c: c.missed_years(c.test[c.test["gender"] == "woman"]),
            ),
        ),
        hints=(
            "The HR clock stops during leave. For the women who took leave only, how much longer is their real time in "
            "role than the recorded one, on average, in years?",
            "Keep the rows of test for women with months_on_leave above 0, take leave_adjusted_tenure minus "
            "tenure_in_role for each, and average.",
            "took_leave = test[(test['gender'] == 'woman') & (test['months_on_leave'] > 0)]; then the mean of "
            "took_leave['leave_adjusted_tenure'] - ... with the recorded tenure.",
        ),
    )
)

BANK.add(
    Question(
        id="q09_options_meeting_criterion",
        prompt="Options that meet the agreed criterion without using gender at decision time.",
        expected=lambda c: c.options.winners,
        compare=Labels(),
        success="None: against the historical labels, no option both closes the gap and keeps the AUC.",
        misconceptions=(
            Misconception(
                "flagged",
                "correlation_remover meets the numbers, but it subtracts a gender-predicted "
                "part of every input for every decision: it uses gender at decision time.",
                lambda c: sorted(set(c.options.table.index[c.options.table["meets_criterion"]])),
            ),
            Misconception(
                "ratio_only",
                "Those meet the impact-ratio floor, but lose more AUC than the 0.01 agreed.",
                lambda c: sorted(
                    n
                    for n, r in c.options.table.iterrows()
                    if r["lowest_impact_ratio"] >= 0.9 and not r["uses_protected_attribute_at_decision"]
                ),
            ),
        ),
        hints=(
            "An option must meet both numbers of the agreed bar, the impact-ratio floor and the AUC budget, and must not "
            "read gender when it decides. It is possible that none does.",
            "In tradeoff.table an option meets the bar when lowest_impact_ratio is at least criterion.min_impact_ratio and "
            "auc_drop at most criterion.max_performance_drop; then leave out the rows whose "
            "uses_protected_attribute_at_decision is True. Answer with a list, empty if none.",
            "table = tradeoff.table; meets = (table['lowest_impact_ratio'] >= criterion.min_impact_ratio) & "
            "(table['auc_drop'] <= ...); then sorted(table.index[meets & "
            "~table['uses_protected_attribute_at_decision']]).",
        ),
    )
)

BANK.add(
    Question(
        id="q10_flagged_options",
        prompt="Options that use gender at decision time.",
        expected=lambda c: c.flagged(),
        compare=Labels(),
        success="Each uses a person's gender to decide: a threshold per gender, a mixing rate per gender, or inputs "
        "adjusted by gender.",
        misconceptions=(
            Misconception(
                "thresholds_only",
                "Not only group thresholds: correlation removal and calibrated "
                "equalized odds also need each person's gender to score them.",
                lambda c: ["threshold_optimizer"],
            ),
            Misconception(
                "training_use",
                "Reweighing and exponentiated gradient use gender in training only; the "
                "deployed model does not read it.",
                lambda c: sorted(
                    set(c.flagged()) | {"reweighing", "exponentiated_gradient_dp", "exponentiated_gradient_tpr"}
                ),
            ),
        ),
        hints=(
            "Which options need each employee's gender to score or decide: a threshold, a mixing rate or inputs adjusted "
            "by gender? Using gender only in training does not count.",
            "Read the decision point above and ask, for each method, whether scoring one employee needs that employee's "
            "gender; reweighing and exponentiated gradient use it in training only. Then check your list against the "
            "uses_protected_attribute_at_decision column of tradeoff.table.",
            "Three names: 'threshold_optimizer' and 'correlation_remover', plus the aif360 method that replaces a "
            "different share of each gender's scores, spelled as in the index of tradeoff.table.",
        ),
    )
)

BANK.add(
    Question(
        id="q11_auc_change_against_readiness",
        prompt="AUC of no_manager_records minus the baseline's, measured against true readiness.",
        expected=lambda c: float(
            c.against_readiness.table.loc["no_manager_records", "auc"]
            - c.against_readiness.table.loc["baseline", "auc"]
        ),
        compare=Number(decimals=3),
        success="Against who is actually ready, dropping the biased manager records makes the model better.",
        misconceptions=(
            Misconception(
                "historical",
                "That is the change against the historical labels, which reward "
                "reproducing the biased history. Use the readiness comparison.",
                lambda c: float(
                    c.options.table.loc["no_manager_records", "auc"] - c.options.table.loc["baseline", "auc"]
                ),
            ),
            Misconception(
                "sign",
                "Reversed sign: the question asks for the fix's AUC minus the baseline's (auc_drop "
                "is the baseline minus the option).",
                lambda c: float(
                    c.against_readiness.table.loc["baseline", "auc"]
                    - c.against_readiness.table.loc["no_manager_records", "auc"]
                ),
            ),
        ),
        hints=(
            "Measure accuracy against who is actually ready, not against past decisions: how much better or worse does "
            "the fix rank employees than today's model? The fix comes first in the subtraction.",
            "readiness_view, the comparison against the readiness label, has an auc column: take the no_manager_records "
            "row minus the baseline row.",
            "readiness_view.table.loc['no_manager_records', 'auc'] - readiness_view.table.loc[..., 'auc'] with today's "
            "model in the blank.",
        ),
    )
)

BANK.add(
    Question(
        id="q12_intersectional_ratio",
        prompt="For no_manager_records: the lowest impact ratio across gender × caregiver groups (each against the "
        "group with the highest rate).",
        expected=lambda c: c.intersectional_ratio("no_manager_records"),
        compare=Number(decimals=2),
        success="Check every intersection: a fix for women overall can leave a subgroup behind.",
        misconceptions=(
            Misconception(
                "gender_only",
                "That is the gender-only ratio. Build the combined gender × caregiver groups first.",
                lambda c: float(c.options.table.loc["no_manager_records", "lowest_impact_ratio"]),
            ),
            Misconception(
                "baseline",
                "That is the current model's ratio; the question is about the fix.",
                lambda c: c.intersectional_ratio("baseline"),
            ),
        ),
        hints=(
            "A fix can help women overall and still leave a subgroup behind. Under the fix, which gender and caregiving "
            "group fares worst against the best-off group, and by how much?",
            "Run adverse_impact on the fix's decisions, tradeoff.predictions['no_manager_records'], with the caregiving "
            "labels built above as the groups, and read the report's lowest impact ratio.",
            "adverse_impact(tradeoff.predictions['no_manager_records'], caregiving).lowest_impact_ratio",
        ),
    )
)
