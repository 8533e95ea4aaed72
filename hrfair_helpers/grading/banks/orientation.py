"""Questions for solutions/00_orientation.ipynb: a tour of the audit tools on UCI Adult.

The notebook audits a toy screening rule, "advance a candidate who holds a bachelor's degree or
more (``education_num >= 13``) or works 50+ hours a week", by sex. Expected answers are computed
here with plain pandas, independently of :mod:`hrfair_helpers.audit`, so a bug in the engine
cannot make the grader agree with it.
"""

import math

from ..bank import Bank, Misconception, Question
from ..compare import Choice, Number, PerGroup, YesNo
from . import METRIC_ALIASES

DISPARITY_OPTIONS = ("demographic parity", "equal opportunity", "predictive parity")
RATIO = Number(decimals=2)  # the notebook prints impact ratios to 2 decimals


def screening_rule(df):
    """The orientation notebook's toy screening rule (1 = advance)."""
    return ((df["education_num"] >= 13) | (df["hours_per_week"] >= 50)).astype(int)


def _setup():
    from ...datasets import load_adult

    df = load_adult("train")
    df["advanced"] = screening_rule(df)
    by_sex = df.groupby("sex", observed=True)
    rates = by_sex["advanced"].mean()
    positives = df[df["income_over_50k"] == 1].groupby("sex", observed=True)
    high = df[df["income_over_50k"] == 1]
    ppv = high.groupby("sex", observed=True)["advanced"].sum() / by_sex["advanced"].sum()
    return {
        "label_rate": by_sex["income_over_50k"].mean(),
        "label_count": by_sex["income_over_50k"].sum(),
        "share_of_high_earners": high["sex"].value_counts(normalize=True).sort_index(),
        "rate": rates,
        "n": by_sex.size(),
        "advanced": by_sex["advanced"].sum(),
        "tpr": positives["advanced"].mean(),
        "ppv": ppv,
    }


def _impact_ratio(ctx):
    return float(ctx["rate"]["Female"] / ctx["rate"]["Male"])


def _shortfall(ctx):
    # Smallest k with (advanced_F + k) / n_F >= 0.8 * rate_M, in exact integer arithmetic.
    need = 4 * ctx["advanced"]["Male"] * ctx["n"]["Female"] - 5 * ctx["advanced"]["Female"] * ctx["n"]["Male"]
    return max(0, -(-int(need) // int(5 * ctx["n"]["Male"])))


def _spread(series):
    return float(series.max() - series.min())


def _differences(ctx):
    return {
        "demographic parity": _spread(ctx["rate"]),
        "equal opportunity": _spread(ctx["tpr"]),
        "predictive parity": _spread(ctx["ppv"]),
    }


def _largest(ctx):
    diffs = _differences(ctx)
    return max(diffs, key=diffs.get)


def _other_option(rank):
    """The option with the given rank (0 = largest difference): a computed wrong answer."""

    def answer(ctx):
        diffs = _differences(ctx)
        return sorted(diffs, key=diffs.get, reverse=True)[rank]

    return answer


BANK = Bank("orientation", "00 Orientation: the tools on UCI Adult", _setup)

BANK.add(
    Question(
        id="q1_label_rate_by_sex",
        prompt="Share of people with income_over_50k == 1 within each sex (a Series indexed by sex).",
        expected=lambda ctx: ctx["label_rate"],
        compare=PerGroup(decimals=3),
        success="This is the label's base rate by sex: the gap the data carries before any model.",
        misconceptions=(
            Misconception(
                "percentages",
                "These look like percentages. The audit tools and the grader use proportions from 0 to 1: "
                "divide by 100.",
                lambda ctx: ctx["label_rate"] * 100,
            ),
            Misconception(
                "reversed_conditioning",
                "You computed the share of high earners who are of each sex, P(sex | >50K). The question "
                "asks, within each sex, the share who earn >50K, P(>50K | sex): group by sex, then average "
                "the label.",
                lambda ctx: ctx["share_of_high_earners"],
            ),
            Misconception(
                "counts",
                "These are counts of high earners. A rate divides by each group's size.",
                lambda ctx: ctx["label_count"],
            ),
        ),
        hints=(
            "Within each sex, what share of people earn more than $50K? Which rows make up each group, and what do "
            "you divide by?",
            "Group adult by the sex column and average the 0/1 column income_over_50k: the mean of a 0/1 column is "
            "the share of ones.",
            "adult.groupby('sex', observed=True)['income_over_50k'].mean()",
        ),
    )
)

BANK.add(
    Question(
        id="q2_impact_ratio_female",
        prompt="Impact ratio of women under the screening rule (women's selection rate / men's).",
        expected=_impact_ratio,
        compare=RATIO,
        success="Women advance at this fraction of the men's rate.",
        misconceptions=(
            Misconception(
                "inverted",
                "The ratio is inverted: divide the group's selection rate by the reference (highest) "
                "group's rate, so it is at most 1 for every group.",
                lambda ctx: 1 / _impact_ratio(ctx),
            ),
            Misconception(
                "difference",
                "This is a difference of rates. The impact ratio divides them.",
                lambda ctx: float(ctx["rate"]["Female"] - ctx["rate"]["Male"]),
                # Either order of subtraction is the same mistake.
                detect=lambda got, ctx: RATIO.agrees(abs(got), abs(float(ctx["rate"]["Female"] - ctx["rate"]["Male"]))),
            ),
            Misconception(
                "label_not_decision",
                "You used the income label, not the screening rule's decisions: the impact ratio audits "
                "who the rule advances.",
                lambda ctx: float(ctx["label_rate"]["Female"] / ctx["label_rate"]["Male"]),
            ),
        ),
        hints=(
            "An impact ratio compares women's selection rate under the rule with men's, the reference group: which "
            "rate goes on top, and should the result be above or below 1?",
            "report, the adverse_impact report built above, has one row per sex: read the impact_ratio column in the "
            "Female row, or divide women's selection_rate by men's.",
            "report.table.loc['Female', 'impact_ratio']",
        ),
    )
)

BANK.add(
    Question(
        id="q3_adverse_impact",
        prompt="Does the four-fifths rule indicate adverse impact against women? (True / False)",
        expected=lambda ctx: bool(5 * ctx["rate"]["Female"] < 4 * ctx["rate"]["Male"]),
        compare=YesNo(),
        success="The rule flags an impact ratio below 0.8; it is a rule of thumb, not a verdict.",
        misconceptions=(
            Misconception(
                "threshold_direction",
                "Compare the impact ratio with 0.8: adverse impact is indicated when the ratio is below "
                "four-fifths of the highest group's rate.",
                lambda ctx: not bool(5 * ctx["rate"]["Female"] < 4 * ctx["rate"]["Male"]),
            ),
        ),
        hints=(
            "The four-fifths rule flags a group whose impact ratio is below 0.8. Is women's ratio from the previous "
            "exercise below that line?",
            "The adverse_impact column of report.table says it for each group: read the Female row and give a plain "
            "True or False.",
            "bool(report.table.loc['Female', 'adverse_impact'])",
        ),
    )
)

BANK.add(
    Question(
        id="q4_shortfall",
        prompt="How many more women would the rule have to advance to reach four-fifths of the men's rate?",
        expected=_shortfall,
        compare=Number(decimals=0),
        success="The shortfall turns a ratio into people: candidates a remedy would have to reach.",
        misconceptions=(
            Misconception(
                "parity_not_four_fifths",
                "That is the number needed for equal rates. The four-fifths rule asks only for 80% of the "
                "highest group's rate.",
                lambda ctx: math.ceil(ctx["rate"]["Male"] * ctx["n"]["Female"] - ctx["advanced"]["Female"]),
            ),
            Misconception(
                "count_not_rate",
                "You compared counts (0.8 × men advanced − women advanced). The groups differ in size: "
                "compare rates, then convert back to people with the women's group size.",
                lambda ctx: math.ceil(0.8 * ctx["advanced"]["Male"] - ctx["advanced"]["Female"]),
            ),
        ),
        hints=(
            "How many women would have to advance for women's rate to reach four-fifths of men's rate, and how many "
            "more is that than advance now? Count people, not a rate, and round up.",
            "report.table has a shortfall column that does this count: read the Female row and give it as a whole "
            "number.",
            "int(report.table.loc['Female', 'shortfall'])",
        ),
    )
)

BANK.add(
    Question(
        id="q5_equal_opportunity_difference",
        prompt="Equal-opportunity difference of the rule by sex (largest minus smallest TPR), "
        "taking income_over_50k as the ground truth.",
        expected=lambda ctx: _spread(ctx["tpr"]),
        compare=Number(decimals=3),
        success="Among people who did earn >50K, the rule advances men and women at rates this far apart.",
        misconceptions=(
            Misconception(
                "demographic_parity",
                "That is the selection-rate (demographic parity) difference. Equal opportunity compares "
                "true positive rates: the share advanced among people whose label is 1.",
                lambda ctx: _spread(ctx["rate"]),
            ),
            Misconception(
                "signed",
                "Between-group differences are reported as largest minus smallest, so they are never negative.",
                lambda ctx: -_spread(ctx["tpr"]),
            ),
            Misconception(
                "predictive_parity",
                "That is the PPV (predictive parity) difference: the share of advanced people who earn "
                ">50K. Equal opportunity conditions on the label instead.",
                lambda ctx: _spread(ctx["ppv"]),
            ),
        ),
        hints=(
            "Look only at the people whose label is 1, the high earners: what share of each sex does the rule "
            "advance, and how far apart are those shares?",
            "metrics, from group_metrics, has a disparities table with one row per definition: read the difference "
            "column of the equal_opportunity row, the largest minus the smallest tpr in metrics.by_group.",
            "metrics.disparities.loc['equal_opportunity', 'difference']",
        ),
    )
)

BANK.add(
    Question(
        id="q6_largest_disparity",
        prompt="Which definition shows the largest between-group difference?",
        expected=_largest,
        compare=Choice(DISPARITY_OPTIONS, aliases={o: METRIC_ALIASES[o.replace(" ", "_")] for o in DISPARITY_OPTIONS}),
        success="The same rule looks fairer or less fair depending on the definition: choosing one is a "
        "decision with owners, not a default.",
        misconceptions=(
            Misconception(
                "second_largest",
                "Not the largest: compare the 'difference' column of the disparities table row by row.",
                _other_option(1),
            ),
            Misconception(
                "smallest",
                "That is the smallest difference of the three.",
                _other_option(2),
            ),
        ),
        hints=(
            "Each definition compares a different rate between the sexes. For which of the three is the gap between "
            "women and men widest?",
            "Compare the difference column of metrics.disparities in the demographic_parity, equal_opportunity and "
            "predictive_parity rows; answer with the name of the largest (spaces or underscores both work).",
            "metrics.disparities.loc[['demographic_parity', 'equal_opportunity', 'predictive_parity'], "
            "'difference'].idxmax()",
        ),
    )
)
