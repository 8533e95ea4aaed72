"""Questions for solutions/02_resume_screener.ipynb (scenario 2).

The context is the case, :class:`~hrfair_helpers.cases.screener.ResumeCase`: it rebuilds the audit
from the seeds (the same audit resumes, the shipped screener and the memoised mitigation options).
Rates are recomputed with pandas; counterfactual and attribution numbers come from
:mod:`hrfair_helpers.text`, which its own tests check against hand computations.
"""

from ...cases import ResumeCase
from ..bank import Bank, Misconception, Question
from ..compare import Labels, Number, PerGroup, Word, YesNo


def _ratio(rates):
    return float(rates["woman"] / rates["man"])


BANK = Bank("resume_screener", "02 Resume screener", ResumeCase)

BANK.add(
    Question(
        id="q01_selection_rate_by_gender",
        prompt="Share of each gender the screener advances on the audit resumes (at its operating threshold).",
        expected=lambda c: c.rate("selected"),
        compare=PerGroup(decimals=3),
        success="These are the screener's selection rates, the first thing a bias audit reports.",
        misconceptions=(
            Misconception(
                "historical_label",
                "These are the historical suggested_interview labels. Audit the screener's own decisions.",
                lambda c: c.rate("suggested_interview"),
            ),
            Misconception(
                "percentages", "Give proportions between 0 and 1, not percentages.", lambda c: c.rate("selected") * 100
            ),
        ),
        hints=(
            "Use the screener's own decisions, not the historical labels: within each gender, what share of the audit "
            "resumes does it advance?",
            "audit['selected'] holds the screener's 0/1 decision at its threshold: group audit by gender and average it.",
            "audit.groupby('gender', observed=True)['selected'].mean()",
        ),
    )
)

BANK.add(
    Question(
        id="q02_impact_ratio_women",
        prompt="Women's selection rate divided by men's.",
        expected=lambda c: _ratio(c.rate("selected")),
        compare=Number(decimals=2),
        success="Compare it with four-fifths, and with the historical label's ratio.",
        misconceptions=(
            Misconception(
                "inverted",
                "Inverted: women's rate goes over men's (the reference group).",
                lambda c: 1 / _ratio(c.rate("selected")),
            ),
            Misconception(
                "historical_label",
                "That is the historical label's ratio; use the screener's decisions.",
                lambda c: _ratio(c.rate("suggested_interview")),
            ),
        ),
        hints=(
            "Which gender's rate goes on top? Men are the reference group, so the ratio gives women's rate as a fraction "
            "of men's.",
            "Divide the woman value of selection_rates from Exercise 1 by the man value; impact.table shows the same "
            "number in its impact_ratio column.",
            "selection_rates['woman'] / selection_rates['man']",
        ),
    )
)

BANK.add(
    Question(
        id="q03_equal_opportunity_gap",
        prompt="Among truly qualified candidates: men's selection rate minus women's (the equal-opportunity gap).",
        expected=lambda c: float(c.qualified_rate("selected")["man"] - c.qualified_rate("selected")["woman"]),
        compare=Number(decimals=3),
        success="Qualified women are screened out this much more often than qualified men.",
        misconceptions=(
            Misconception(
                "historical_truth",
                "You measured against the historical labels as if they were the truth. They are the biased "
                "decisions the model learned from: condition on true qualification instead.",
                lambda c: float(
                    c.audit[c.audit["suggested_interview"] == 1]
                    .groupby("gender", observed=True)["selected"]
                    .mean()["man"]
                    - c.audit[c.audit["suggested_interview"] == 1]
                    .groupby("gender", observed=True)["selected"]
                    .mean()["woman"]
                ),
            ),
            Misconception(
                "selection_rate",
                "That is the gap in overall selection rates; equal opportunity looks only at qualified candidates.",
                lambda c: float(c.rate("selected")["man"] - c.rate("selected")["woman"]),
            ),
        ),
        hints=(
            "Equal opportunity looks only at candidates who are truly qualified, not at those past recruiters suggested. "
            "Among them, how much more often are men advanced than women?",
            "Keep the rows of audit whose qualified is 1, group them by gender, average selected, then subtract women's "
            "rate from men's.",
            "qualified_rates = audit[audit['qualified'] == 1].groupby('gender', observed=True)['selected'].mean(); then "
            "qualified_rates['man'] - ... with women's rate.",
        ),
    )
)

BANK.add(
    Question(
        id="q04_counterfactual_flip_rate",
        prompt="Share of ALL women's resumes whose decision flips when gendered terms are swapped to male.",
        expected=lambda c: float(c.counterfactual.flip_rate),
        compare=Number(decimals=3),
        success="Same resume, same qualifications, different words: these decisions change on gender alone.",
        misconceptions=(
            Misconception(
                "changed_only",
                "That rate is over the resumes the swap changed. The question asks over all women's resumes.",
                lambda c: float(c.counterfactual.flip_rate_changed),
            ),
            Misconception(
                "mean_change",
                "That is the mean score change, not the share of flipped decisions.",
                lambda c: float(c.counterfactual.mean_change),
            ),
        ),
        hints=(
            "Out of all women's resumes, not only those the swap changed, how many get a different decision once their "
            "gendered words are swapped to male?",
            "counterfactual, the result of counterfactual_gap on the women's texts, reports several numbers: use the "
            "flip rate over all resumes, not flip_rate_changed or mean_change.",
            "counterfactual.flip_rate",
        ),
    )
)

BANK.add(
    Question(
        id="q05_most_penalised_female_term",
        prompt="The female-associated term with the most negative weight in the screener.",
        expected=lambda c: c.gendered_term("female"),
        compare=Word(),
        success="The model learned this word as a penalty from past decisions.",
        misconceptions=(
            Misconception(
                "possessive",
                'Close: the vectorizer splits "women\'s" into the token "women" (it drops '
                "the 's), so the model's term is the bare word.",
                lambda c: c.gendered_term("female") + "'s",
            ),
            Misconception(
                "most_rewarded_male",
                "That is the male-associated term the model rewards most. The "
                "question asks for the female-associated term it penalises most.",
                lambda c: c.gendered_term("male", lowest=False),
            ),
        ),
        hints=(
            "Among the words the lexicon marks as female-associated, which one does the model push down the most? A "
            "penalty is a negative weight, and the model's tokens drop the possessive 's.",
            "attributions.gendered lists terms with gender_association and weight columns: keep the female rows, sort by "
            "weight from the most negative, and take the first term.",
            "female_terms = attributions.gendered[attributions.gendered['gender_association'] == 'female']; then "
            "female_terms.sort_values('weight')['term'] ... and take its first entry.",
        ),
    )
)

BANK.add(
    Question(
        id="q06_labels_penalised_qualified_women",
        prompt="In the historical labels, were qualified women suggested for interview less often than qualified men?",
        expected=lambda c: bool(
            c.qualified_rate("suggested_interview")["woman"] < c.qualified_rate("suggested_interview")["man"]
        ),
        compare=YesNo(),
        success="That is where the model learned it: the training labels penalised equally qualified women.",
        misconceptions=(
            Misconception(
                "opposite",
                "Compare the suggested_interview rates among qualified candidates only.",
                lambda c: (
                    not bool(
                        c.qualified_rate("suggested_interview")["woman"]
                        < c.qualified_rate("suggested_interview")["man"]
                    )
                ),
            ),
        ),
        hints=(
            "Compare like with like: among qualified candidates only, did past recruiters suggest women for interview "
            "less often than men? This is about the historical labels, not the screener.",
            "Keep the rows of audit whose qualified is 1, group by gender, average suggested_interview, and compare "
            "women's rate with men's.",
            "historical = audit[audit['qualified'] == 1].groupby('gender', observed=True)['suggested_interview'].mean(); "
            "then bool(historical['woman'] ... historical['man']) with the right comparison.",
        ),
    )
)

BANK.add(
    Question(
        id="q07_masking_flip_rate",
        prompt="Share of women's resumes whose decision flips when gendered terms are masked (removed).",
        expected=lambda c: float(c.masking.flip_rate),
        compare=Number(decimals=3),
        success="Masking at scoring time helps only as far as the lexicon reaches.",
        misconceptions=(
            Misconception(
                "swap_not_mask",
                "That is the counterfactual-swap flip rate. Masking removes terms instead of swapping them.",
                lambda c: float(c.counterfactual.flip_rate),
            ),
        ),
        hints=(
            "Masking deletes the gendered words instead of swapping them. Out of all women's resumes, how many decisions "
            "change?",
            "masking, the result of masking_audit on the women's texts, reports the share of flipped decisions as the "
            "counterfactual result does.",
            "masking.flip_rate",
        ),
    )
)

BANK.add(
    Question(
        id="q08_baseline_precision",
        prompt="Precision of the baseline screener: the share of advanced candidates who are truly qualified.",
        expected=lambda c: float(c.tradeoff.table.loc["baseline", "precision"]),
        compare=Number(decimals=3),  # at 2 decimals, accuracy (0.726) and precision (0.730) coincide
        success="The criterion protects this number: a fix may not cost more than 2 points of it.",
        misconceptions=(
            Misconception(
                "recall",
                "That is recall (the share of qualified candidates advanced). Precision "
                "divides by the candidates advanced.",
                lambda c: float(c.audit.loc[c.audit["qualified"] == 1, "selected"].mean()),
            ),
            Misconception(
                "accuracy",
                "That is accuracy over everyone; precision looks only at advanced candidates.",
                lambda c: float(c.tradeoff.table.loc["baseline", "accuracy"]),
            ),
        ),
        hints=(
            "Precision divides by the candidates the screener advances: of those, what share are truly qualified? Look "
            "at today's screener, before any fix.",
            "tradeoff.table has one row per option and a precision column: read the baseline row.",
            "tradeoff.table.loc['baseline', 'precision']",
        ),
    )
)

BANK.add(
    Question(
        id="q09_options_meeting_criterion",
        prompt="Which options meet the success criterion and are lawful for US hiring? (a list of option names)",
        expected=lambda c: sorted(c.tradeoff.winners),
        compare=Labels(),
        success="These are the options the plan can recommend.",
        misconceptions=(
            Misconception(
                "kept_group_thresholds",
                "group_thresholds sets a different cut-off by gender, prohibited "
                "for US employment tests (42 U.S.C. 2000e-2(l)). Leave it out.",
                lambda c: sorted(set(c.tradeoff.winners) | {"group_thresholds"}),
                detect=lambda got, c: "group_thresholds" in got,
            ),
            Misconception(
                "masking_enough",
                "Masking does not meet the criterion: proxies of gender survive in the text. Check its row.",
                lambda c: sorted(set(c.tradeoff.winners) | {"masking"}),
                detect=lambda got, c: "masking" in got and not c.tradeoff.table.loc["masking", "meets_criterion"],
            ),
        ),
        hints=(
            "An option must pass every part of the criterion agreed in advance and be lawful for US hiring. Which option "
            "gives each gender its own cut-off, and which ones miss the bar?",
            "Check the criterion's three numbers in tradeoff.table: equal_opportunity_difference at most "
            "criterion.max_difference, precision_drop at most criterion.max_performance_drop, lowest_impact_ratio at least "
            "criterion.min_impact_ratio; then leave out the rows whose uses_protected_attribute_at_decision is True.",
            "table = tradeoff.table; meets = (table['equal_opportunity_difference'] <= criterion.max_difference) & "
            "(table['precision_drop'] <= criterion.max_performance_drop) & (table['lowest_impact_ratio'] ...); then "
            "sorted(table.index[meets & ~table['uses_protected_attribute_at_decision']]).",
        ),
    )
)

BANK.add(
    Question(
        id="q10_flagged_options",
        prompt="Which options use gender at decision time (legally flagged)?",
        expected=lambda c: sorted(c.tradeoff.table.index[c.tradeoff.table["uses_protected_attribute_at_decision"]]),
        compare=Labels(),
        success="Using the attribute in training (a fairness constraint) is not the same as using it to decide.",
        misconceptions=(
            Misconception(
                "training_is_deciding",
                "fairness_constrained uses gender while training only; the deployed model decides without it.",
                lambda c: sorted(
                    set(c.tradeoff.table.index[c.tradeoff.table["uses_protected_attribute_at_decision"]])
                    | {"fairness_constrained"}
                ),
                detect=lambda got, c: "fairness_constrained" in got,
            ),
        ),
        hints=(
            "Which options need a candidate's gender to make each decision? Using gender only while training a model "
            "does not count.",
            "Go through the options described above and ask, for each, whether the deployed screener or process reads "
            "the applicant's gender when it decides; then check your list against the "
            "uses_protected_attribute_at_decision column of tradeoff.table.",
            "A list with one name: the option that sets a different cut-off for each gender, spelled as in the index of "
            "tradeoff.table.",
        ),
    )
)

BANK.add(
    Question(
        id="q11_reviews_needed",
        prompt="How many audit resumes does the human-review option send to a reviewer?",
        expected=lambda c: int(c.options["reviewed"]["human_review"].sum()),
        compare=Number(decimals=0),
        success="This is the reviewer workload the process change costs on the audit set.",
        misconceptions=(
            Misconception(
                "all_rejections",
                "Only rejections near the threshold are reviewed, not every rejection.",
                lambda c: int((c.audit["selected"] == 0).sum()),
            ),
        ),
        hints=(
            "The human-review option sends only some resumes to a person, those scored near the cut, not every "
            "rejection. How many does it send?",
            "options['reviewed'] holds, for each option with reviewers, a True/False mark per resume: count the marks of "
            "human_review.",
            "int(options['reviewed']['human_review'].sum())",
        ),
    )
)
