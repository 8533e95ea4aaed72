"""Questions for solutions/01_adult_census_audit.ipynb (scenario 1).

The context is the case, :class:`~hrfair_helpers.cases.adult.AdultCase`: it rebuilds the case from
the seed (the same splits, the same pipeline, the same mitigation experiment), each part on first
use, so a learner notebook whose answers are all placeholders never pays for them. Label and
prediction rates are recomputed with plain pandas, independently of the audit engine.
"""

from ...cases import AdultCase
from ..bank import Bank, Misconception, Question
from ..compare import Choice, Labels, Number, PerGroup, YesNo
from . import METRIC_ALIASES

METRIC_OPTIONS = ("demographic_parity", "equal_opportunity", "equalized_odds", "predictive_parity", "accuracy")
# 3 decimals, not the 2 the notebook prints for ratios: at 2 the fnlwgt-weighted ratio (0.3597)
# and the unweighted one (0.3580) are both 0.36, so the weighting mistake could not be told apart.
LABEL_GAP = Number(decimals=3)


def _ratio(series):
    return float(series["Female"] / series["Male"])


def _spread(series):
    return float(series.max() - series.min())


def _age_bands(frame):
    from ...models import age_band

    return age_band(frame["age"]).to_numpy()


def _balanced_accuracy(y, pred):
    y = y.to_numpy()
    tpr = ((pred == 1) & (y == 1)).sum() / (y == 1).sum()
    tnr = ((pred == 0) & (y == 0)).sum() / (y == 0).sum()
    return float((tpr + tnr) / 2)


BANK = Bank("adult_audit", "01 Adult Census audit", AdultCase)

BANK.add(
    Question(
        id="q01_label_gap_ratio",
        prompt="In the training data, women's share of income_over_50k divided by men's.",
        expected=lambda c: _ratio(c.label_rate(c.train, "sex")),
        compare=LABEL_GAP,
        success="The label itself carries this gap, before any model is trained.",
        misconceptions=(
            Misconception(
                "inverted",
                "Inverted: put the group with the lower rate (women) over the reference group (men).",
                lambda c: 1 / _ratio(c.label_rate(c.train, "sex")),
            ),
            Misconception(
                "difference",
                "That is a difference of rates; the question asks for their ratio.",
                lambda c: float(c.label_rate(c.train, "sex").diff().iloc[-1]),
                # Either order of subtraction is the same mistake.
                detect=lambda got, c: LABEL_GAP.agrees(
                    abs(got), abs(float(c.label_rate(c.train, "sex").diff().iloc[-1]))
                ),
            ),
            Misconception(
                "weighted",
                "You weighted rows by fnlwgt. That estimates the 1994 population; the question asks about "
                "the rows the model is trained on, unweighted.",
                lambda c: _ratio(
                    c.train.assign(w=c.train["fnlwgt"] * c.train["income_over_50k"])
                    .groupby("sex", observed=True)["w"]
                    .sum()
                    / c.train.groupby("sex", observed=True)["fnlwgt"].sum()
                ),
            ),
        ),
        hints=(
            "First find, within each sex, the share of training rows with the high-income label; then compare "
            "women's share with men's by dividing. Count every row once: no weights.",
            "Group train by sex and average income_over_50k, unweighted, then divide the Female value by the Male "
            "value.",
            "label_rates = train.groupby('sex', observed=True)['income_over_50k'].mean(); then label_rates['Female'] "
            "/ ... with men's rate as the denominator.",
        ),
    )
)

BANK.add(
    Question(
        id="q02_base_rate_by_age_band",
        prompt="Share of income_over_50k in each age band (under 25, 25-39, 40+) of the training data.",
        expected=lambda c: c.label_rate(c.train.assign(band=_age_bands(c.train)), "band"),
        compare=PerGroup(decimals=3),
        success="Age bands differ even more than the sexes: an age-blind label is far from age-neutral.",
        misconceptions=(
            Misconception(
                "percentages",
                "These look like percentages: give proportions between 0 and 1.",
                lambda c: c.label_rate(c.train.assign(band=_age_bands(c.train)), "band") * 100,
            ),
            Misconception(
                "counts",
                "These are counts of high earners per band; divide by each band's size.",
                lambda c: (
                    c.train.assign(band=_age_bands(c.train)).groupby("band", observed=True)["income_over_50k"].sum()
                ),
            ),
        ),
        hints=(
            "Within each age band, what share of the training rows have the high-income label? A share of the band, "
            "not a count of people.",
            "train already has an age_band column: group train by it and average the 0/1 column income_over_50k.",
            "train.groupby('age_band', observed=True)['income_over_50k'].mean()",
        ),
    )
)


def _numeric_top(c):
    from ...models import ADULT_NUMERIC

    table = c.proxies
    return table[table.index.isin(ADULT_NUMERIC)].index[0]


BANK.add(
    Question(
        id="q03_top_proxy_for_sex",
        prompt="Which feature is most strongly associated with sex (highest Cramér's V)?",
        expected=lambda c: c.proxies.index[0],
        compare=Choice(
            [
                "age",
                "education_num",
                "capital_gain",
                "capital_loss",
                "hours_per_week",
                "workclass",
                "marital_status",
                "occupation",
                "relationship",
                "race",
                "native_country",
            ]
        ),
        success="Dropping sex does not drop what this feature knows about it.",
        misconceptions=(
            Misconception(
                "numeric_only",
                "That is the strongest numeric feature, but categorical features can carry more: rank every "
                "feature by Cramér's V.",
                _numeric_top,
            ),
            Misconception(
                "second",
                "Close: that is the second strongest. Sort the table by cramers_v, highest first.",
                lambda c: c.proxies.index[1],
            ),
        ),
        hints=(
            "Which other column tells you most about a person's sex? Use the association measure computed above, and "
            "consider every feature, categorical as well as numeric.",
            "sex_proxies, from proxy_strength, ranks every feature by its cramers_v with sex, strongest first: take "
            "the name of the top row of its table.",
            "sex_proxies.to_frame().index[0]",
        ),
    )
)

BANK.add(
    Question(
        id="q04_sex_predictability_auc",
        prompt="Cross-validated ROC AUC of predicting sex from every other feature (sex dropped).",
        expected=lambda c: c.sex_auc,
        compare=Number(decimals=2),  # as the finding reports it; cross-validation folds move the third
        success="A model without the sex column can still tell the sexes apart this well.",
        misconceptions=(
            Misconception(
                "majority_accuracy",
                "That is the accuracy of always guessing the larger group, not an AUC. Use "
                "attribute_predictability(...).auc.",
                lambda c: float(c.train["sex"].value_counts(normalize=True).max()),
            ),
            Misconception(
                "chance",
                "0.5 is the AUC of guessing. Fit the cross-validated model and read its AUC.",
                lambda c: 0.5,
            ),
        ),
        hints=(
            "When a model guesses sex from all the other features, how well does it rank people, compared with a "
            "coin flip at 0.5? You want the cross-validated ranking score, not an accuracy.",
            "sex_predictability, from attribute_predictability on the features without sex, stores the "
            "cross-validated ROC AUC as an attribute: read it.",
            "sex_predictability.auc",
        ),
    )
)

BANK.add(
    Question(
        id="q05_balanced_accuracy",
        prompt="Balanced accuracy of the logistic-regression baseline on the test file, threshold 0.5.",
        expected=lambda c: _balanced_accuracy(c.scored["income_over_50k"], c.scored["pred"].to_numpy()),
        compare=Number(decimals=3),
        success="Balanced accuracy averages the rates on both classes, so the class imbalance cannot flatter it.",
        misconceptions=(
            Misconception(
                "plain_accuracy",
                "That is plain accuracy. Balanced accuracy averages the true positive and true negative rates.",
                lambda c: float((c.scored["income_over_50k"] == c.scored["pred"]).mean()),
            ),
        ),
        hints=(
            "Plain accuracy looks good when most people are in one class. Average how well the model does on the "
            "high earners and on everyone else instead.",
            "Use balanced_accuracy_score, imported from sklearn above, with the true label test['income_over_50k'] "
            "first and the 0/1 decisions test['predicted'] second.",
            "balanced_accuracy_score(test['income_over_50k'], ...) with the model's 0/1 decisions at 0.5 as the "
            "second argument.",
        ),
    )
)

BANK.add(
    Question(
        id="q06_model_selection_rate_by_sex",
        prompt="Share of each sex the baseline model predicts as high earners on the test file.",
        expected=lambda c: c.pred_rate("sex"),
        compare=PerGroup(decimals=3),
        success="These are the model's selection rates, the decisions an audit examines first.",
        misconceptions=(
            Misconception(
                "used_y_true",
                "These are the label's rates (y_true). A selection rate audits the model's predictions.",
                lambda c: c.label_rate(c.test, "sex"),
            ),
            Misconception(
                "train_split",
                "These are the label rates of the training file. Audit the predictions on the test file.",
                lambda c: c.label_rate(c.train, "sex"),
            ),
        ),
        hints=(
            "This is about the model's decisions, not the label: within each sex in the test file, what share does "
            "the model predict as high earners?",
            "test['predicted'] holds the model's 0/1 decisions at threshold 0.5: group test by sex and average it.",
            "test.groupby('sex', observed=True)['predicted'].mean()",
        ),
    )
)

BANK.add(
    Question(
        id="q07_model_impact_ratio_women",
        prompt="Impact ratio of women under the baseline model's predictions on the test file.",
        expected=lambda c: _ratio(c.pred_rate("sex")),
        compare=Number(decimals=2),
        success="Compare it with the label's ratio to see whether the model narrows or widens the gap.",
        misconceptions=(
            Misconception(
                "swapped_reference",
                "Privileged and unprivileged groups are swapped: the reference is the group with the higher "
                "rate (men), so women's ratio is below 1.",
                lambda c: 1 / _ratio(c.pred_rate("sex")),
            ),
            Misconception(
                "label_ratio",
                "That is the label's impact ratio. Use the model's predictions.",
                lambda c: _ratio(c.label_rate(c.test, "sex")),
            ),
        ),
        hints=(
            "Which group is the reference, and which rate goes on top? Use the model's decisions, not the label.",
            "impact_by_sex, the adverse_impact report on predicted by sex, has an impact_ratio column: read the "
            "Female row. Dividing the two rates of Exercise 6 gives the same number.",
            "impact_by_sex.table.loc['Female', 'impact_ratio']",
        ),
    )
)

BANK.add(
    Question(
        id="q08_model_amplifies_gap",
        prompt="Does the model's impact ratio for women fall below the label's on the test file (amplification)?",
        expected=lambda c: _ratio(c.pred_rate("sex")) < _ratio(c.label_rate(c.test, "sex")),
        compare=YesNo(),
        success="A model trained to predict a biased label tends to sharpen it: prediction compresses "
        "uncertain cases towards the majority pattern.",
        misconceptions=(
            Misconception(
                "opposite",
                "Compare the two impact ratios: the smaller one shows the wider gap.",
                lambda c: not (_ratio(c.pred_rate("sex")) < _ratio(c.label_rate(c.test, "sex"))),
            ),
        ),
        hints=(
            "You need two impact ratios for women in the test file: one for the model's decisions and one for the "
            "label itself. The lower ratio shows the wider gap.",
            "Run adverse_impact on income_over_50k by sex with data=test, read women's impact_ratio, and compare it "
            "with model_impact_ratio from Exercise 7.",
            "label_impact_ratio = adverse_impact('income_over_50k', 'sex', data=test).table.loc['Female', "
            "'impact_ratio']; then bool(model_impact_ratio ... label_impact_ratio) with the right comparison.",
        ),
    )
)

BANK.add(
    Question(
        id="q09_fnr_difference_sex",
        prompt="Difference between the largest and smallest false negative rate by sex (baseline, test file).",
        expected=lambda c: _spread(1 - c.rate_among("sex", 1)),
        compare=Number(decimals=3),
        success="The false negative rate is the share of high earners the model misses: the harm of a screening tool.",
        misconceptions=(
            Misconception(
                "fpr",
                "That is the false positive rate difference (people wrongly advanced). A false negative is a "
                "high earner the model misses.",
                lambda c: _spread(c.rate_among("sex", 0)),
            ),
            Misconception(
                "selection_rate",
                "That is the selection-rate (demographic parity) difference; FNR conditions on the label being 1.",
                lambda c: _spread(c.pred_rate("sex")),
            ),
        ),
        hints=(
            "Among the people who do earn more than $50K, what share of each sex does the model miss? How far apart "
            "are those two shares?",
            "metrics_by_sex, from group_metrics on the test file, has a by_group table with an fnr column, one row "
            "per sex: take the largest value minus the smallest.",
            "metrics_by_sex.by_group['fnr'].max() - ... with the smallest value of the same column.",
        ),
    )
)


def _recommended(c):
    from ...audit.fairness_tree import recommend_metric

    return recommend_metric("qualified_screened_out").metric


BANK.add(
    Question(
        id="q10_metric_for_screening",
        prompt="The harm you fear is qualified candidates screened out. Which metric?",
        expected=_recommended,
        compare=Choice(METRIC_OPTIONS, aliases=METRIC_ALIASES),
        success="Equal opportunity compares how often each group's qualified people are advanced.",
        misconceptions=(
            Misconception(
                "accuracy",
                "Accuracy is not a fairness measure: it averages over everyone, so a model can be accurate "
                "and still miss qualified women far more often than qualified men.",
                lambda c: "accuracy",
            ),
            Misconception(
                "demographic_parity",
                "Demographic parity compares selection rates whatever people's qualification; it answers a "
                "representation question, not 'are qualified people screened out?'.",
                lambda c: "demographic_parity",
            ),
            Misconception(
                "predictive_parity",
                "Predictive parity asks whether a positive prediction is equally reliable; it conditions on "
                "being selected, not on being qualified.",
                lambda c: "predictive_parity",
            ),
        ),
        hints=(
            "The harm is qualified people being screened out. Which definition compares groups only among the "
            "qualified, on how often they are advanced?",
            "Walk the fairness tree in fairness_tree_table(): find the question about qualified people screened out, "
            "see which rate its metric compares between groups, and answer with that metric's name from the options.",
            "Qualified people screened out are false negatives, so compare true positive rates: of "
            "'equal_opportunity' and 'equalized_odds', pick the one that does not also compare false positive rates.",
        ),
    )
)

BANK.add(
    Question(
        id="q11_methods_meeting_criterion",
        prompt="Which methods meet the success criterion and are usable for US hiring (a list of method names)?",
        expected=lambda c: sorted(c.mitigation.winners),
        compare=Labels(),
        success="These are the candidates for a pilot; the rest fail the bar or the law.",
        misconceptions=(
            Misconception(
                "kept_threshold_optimizer",
                "The threshold optimizer sets different cut-offs by sex: using different cut-off scores on the "
                "basis of sex in employment tests is prohibited in the US (42 U.S.C. 2000e-2(l)). Leave it out.",
                lambda c: sorted(set(c.mitigation.winners) | {"threshold_optimizer"}),
                detect=lambda got, c: "threshold_optimizer" in got,
            ),
            Misconception(
                "included_baseline",
                "The baseline is the reference the criterion is measured against, and it misses the bar.",
                lambda c: sorted(set(c.mitigation.winners) | {"baseline"}),
                detect=lambda got, c: "baseline" in got,
            ),
        ),
        hints=(
            "Two tests: does a method meet the criterion agreed in advance, and could it lawfully be used for US "
            "hiring? A method that gives each sex its own cut-off fails the second, and the baseline is only the "
            "reference.",
            "In tradeoff.table a method meets the criterion when equal_opportunity_difference is at most "
            "criterion.max_difference and balanced_accuracy_drop at most criterion.max_performance_drop; then leave "
            "out the rows whose uses_protected_attribute_at_decision is True.",
            "table = tradeoff.table; meets = (table['equal_opportunity_difference'] <= criterion.max_difference) & "
            "(table['balanced_accuracy_drop'] <= ...); then sorted(table.index[meets & "
            "~table['uses_protected_attribute_at_decision']]).",
        ),
    )
)

BANK.add(
    Question(
        id="q12_unawareness_eo_difference",
        prompt="Equal-opportunity difference of the 'unawareness' model (sex dropped), from the trade-off table.",
        expected=lambda c: float(c.mitigation.table.loc["unawareness", "equal_opportunity_difference"]),
        compare=Number(decimals=3),
        success="Compare it with the baseline's: the proxies carry sex back in when the column is dropped.",
        misconceptions=(
            Misconception(
                "baseline_row",
                "That is the baseline's value; read the 'unawareness' row.",
                lambda c: float(c.mitigation.table.loc["baseline", "equal_opportunity_difference"]),
            ),
        ),
        hints=(
            "Find the model trained without the sex column, and read its gap in true positive rates between the "
            "sexes, not the baseline's.",
            "tradeoff.table has one row per method: read the equal_opportunity_difference column in the unawareness "
            "row.",
            "tradeoff.table.loc['unawareness', 'equal_opportunity_difference']",
        ),
    )
)


def _ratio_at(c, threshold):
    selected = c.scored.assign(pick=(c.proba >= threshold).astype(int))
    rates = selected.groupby("sex", observed=True)["pick"].mean()
    return _ratio(rates)


BANK.add(
    Question(
        id="q13_lower_threshold_fixes_it",
        prompt="Does one lower threshold for everyone (0.3) bring women's impact ratio to 0.8?",
        expected=lambda c: _ratio_at(c, 0.3) >= 0.8,
        compare=YesNo(),
        success="Moving everyone's cut-off raises both groups' rates together; the ratio hardly moves.",
        misconceptions=(
            Misconception(
                "more_selection_fixes_it",
                "Selecting more people raises both groups' rates. Compute the ratio at 0.3 and compare it with 0.8.",
                lambda c: not (_ratio_at(c, 0.3) >= 0.8),
            ),
        ),
        hints=(
            "Lowering one cut-off for everyone selects more women and more men. Does women's rate relative to men's "
            "reach four-fifths?",
            "Call threshold_table with the label, test['score'], the sex column and the single threshold 0.3; read "
            "women's impact_ratio from its table and compare it with 0.8.",
            "at_0_3 = threshold_table(test['income_over_50k'], test['score'], test['sex'], 0.3); then "
            "bool(at_0_3.table.loc['Female', 'impact_ratio'] ...) with the comparison to 0.8.",
        ),
    )
)


def _fnr_failures(c):
    from ...audit import disparity_report
    from ...models import age_band

    frame = c.scored.assign(age_band=age_band(c.scored["age"]).to_numpy())
    report = disparity_report("income_over_50k", "pred", ["sex", "age_band", "race"], data=frame, min_impact_ratio=0.8)
    return report


BANK.add(
    Question(
        id="q14_fnr_parity_failures",
        prompt="Which attributes fail false-negative-rate parity at tolerance 0.8 (a list of attribute names)?",
        expected=lambda c: sorted({a for a, m in _fnr_failures(c).failed if m == "fnr"}),
        compare=Labels(),
        success="An attribute can pass one parity test and fail another: report them side by side.",
        misconceptions=(
            Misconception(
                "selection_rate_failures",
                "You listed the attributes failing selection-rate (pprev) parity. The question asks about the "
                "false negative rate.",
                lambda c: sorted({a for a, m in _fnr_failures(c).failed if m == "pprev"}),
            ),
        ),
        hints=(
            "The summary tests several metrics for every attribute. Keep only the failing tests of the false "
            "negative rate, and name the attributes they belong to.",
            "summary.failed lists the failing (attribute, metric) pairs at tolerance 0.8: keep the pairs whose "
            "metric is 'fnr' and collect their attributes, each once.",
            "sorted({attribute for attribute, metric in summary.failed if metric == ...}) with the false negative "
            "rate's metric name.",
        ),
    )
)
