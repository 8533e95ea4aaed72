"""Tests for :mod:`hrfair_helpers.privacy.dp`: differentially private counts and rates by group (diffprivlib).

Reproducibility (the same seed gives a byte-identical table), the noise (empirical mean near 0
and variance near the mechanism's theoretical variance over many seeded draws, for both
mechanisms; the margins' coverage from the exact distribution), the accounting (each count's
noise has the variance of epsilon/2), clamping and vanishing groups, the trade-off table, the
validation, that no warning reaches a notebook, and that diffprivlib is not imported with the package.
"""

import matplotlib

matplotlib.use("Agg")

import dataclasses
import math
import subprocess
import sys
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.privacy import DPRelease, PrivacyTradeoffReport, dp_group_rates, privacy_accuracy_tradeoff
from hrfair_helpers.privacy.dp import _factory, _margin, _rng, _variance


@pytest.fixture(scope="module")
def people():
    return pd.DataFrame(
        {"sex": ["F"] * 400 + ["M"] * 300 + ["X"] * 6, "hired": [1, 0, 0, 0] * 100 + [1, 0] * 150 + [1, 0, 0, 0, 0, 0]}
    )


def draws(mechanism, epsilon, size, seed):
    noise = _factory(mechanism, epsilon, _rng(seed))()
    value = 0 if mechanism == "geometric" else 0.0
    return np.array([noise.randomise(value) for _ in range(size)], dtype=float)


# ------------------------------------------------------------------ the noise


@pytest.mark.parametrize("mechanism", ["geometric", "laplace"])
@pytest.mark.parametrize("epsilon", [0.25, 1.0, 3.0])
def test_noise_has_mean_zero_and_the_theoretical_variance(mechanism, epsilon):
    x = draws(mechanism, epsilon, 10_000, seed=11)
    variance = _variance(epsilon, mechanism)
    # diffprivlib's own formula agrees with the closed form used for the margins.
    assert variance == pytest.approx(_factory(mechanism, epsilon, None)().variance(0), rel=1e-9)
    assert abs(x.mean()) < 4 * math.sqrt(variance / x.size)
    fourth = np.mean((x - x.mean()) ** 4)
    assert abs(x.var() - variance) < 4 * math.sqrt((fourth - variance**2) / x.size)


@pytest.mark.parametrize("epsilon", [0.1, 0.5, 1.0, 2.5])
@pytest.mark.parametrize("confidence", [0.9, 0.95, 0.975])
def test_geometric_margin_is_the_smallest_with_the_coverage(epsilon, confidence):
    alpha = math.exp(-epsilon)
    covered = lambda k: 1 - 2 * alpha ** (k + 1) / (1 + alpha)  # noqa: E731  P(|Z| <= k)
    pmf_sum = lambda k: sum((1 - alpha) / (1 + alpha) * alpha ** abs(j) for j in range(-k, k + 1))  # noqa: E731
    k = _margin(epsilon, confidence, "geometric")
    assert covered(k) == pytest.approx(pmf_sum(k)) and covered(k) >= confidence
    assert k == 0 or covered(k - 1) < confidence


def test_empirical_coverage_of_the_margins():
    for mechanism in ("geometric", "laplace"):
        x = draws(mechanism, 0.5, 20_000, seed=5)
        share = np.mean(np.abs(x) <= _margin(0.5, 0.95, mechanism))
        assert 0.94 < share < 0.965, (mechanism, share)


def test_each_count_spends_half_the_epsilon(people):
    errors = np.array(
        [
            dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=seed).table["noisy_n"] - [400, 300, 6]
            for seed in range(300)
        ]
    )
    big = errors[:, 0].astype(float)  # no clamping at 0 for 400 people
    assert abs(big.var() - _variance(0.5, "geometric")) < 0.2 * _variance(0.5, "geometric")
    assert abs(big.var() - _variance(1.0, "geometric")) > 0.5 * _variance(1.0, "geometric")
    # One generator shared by all counts: mechanisms seeded alike would give every group the same error.
    assert abs(np.corrcoef(errors[:, 0].astype(float), errors[:, 1].astype(float))[0, 1]) < 0.2


# ------------------------------------------------------------------ the release


def test_same_seed_same_bytes_and_another_seed_other_numbers(people):
    one = dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=42).to_frame().to_csv()
    two = dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=42).to_frame().to_csv()
    assert one.encode() == two.encode()
    other = dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=43).to_frame().to_csv()
    assert other != one
    gen = [
        dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=np.random.default_rng(3)).to_frame()
        for _ in range(2)
    ]
    pd.testing.assert_frame_equal(*gen)


def test_release_table_columns_clamping_and_flags(people):
    for seed in range(40):
        rel = dp_group_rates("hired", "sex", data=people, epsilon=0.2, random_state=seed)
        t = rel.table
        assert list(t.columns) == [
            "n",
            "selected",
            "selection_rate",
            "noisy_n",
            "noisy_selected",
            "noisy_rate",
            "rate_error",
            "margin",
            "rate_low",
            "rate_high",
            "vanished",
            "outside_0_1",
        ]
        assert (t["noisy_n"] >= 0).all() and (t["noisy_selected"] >= 0).all()
        assert t["noisy_rate"].dropna().between(0, 1).all()
        assert (t["vanished"] == (t["noisy_n"] == 0)).all() and t.loc[t["vanished"], "noisy_rate"].isna().all()
        shown = ~t["vanished"]
        above = t.loc[shown, "noisy_selected"] > t.loc[shown, "noisy_n"]
        outside = t.loc[shown, "outside_0_1"]
        # Outside [0, 1] before clamping: more selections than people, or negative selections (now 0).
        assert (outside >= above).all() and (t.loc[shown][outside & ~above]["noisy_selected"] == 0).all()
        assert (t["rate_low"] <= t["noisy_rate"].fillna(1)).all() and (
            t["rate_high"] >= t["noisy_rate"].fillna(0)
        ).all()
        assert ((t["rate_low"] >= 0) & (t["rate_high"] <= 1)).all()
        np.testing.assert_allclose(t["rate_error"], (t["noisy_rate"] - t["selection_rate"]).abs())
        assert rel.vanished == list(t.index[t["vanished"]])
    # At epsilon 0.2 the group of six vanishes in some releases.
    vanished = [
        dp_group_rates("hired", "sex", data=people, epsilon=0.2, random_state=s).table.loc["X", "vanished"]
        for s in range(40)
    ]
    assert 0 < sum(vanished) < 40


def test_rate_interval_covers_the_true_rate_at_least_as_often_as_promised(people):
    hits = []
    for seed in range(200):
        t = dp_group_rates("hired", "sex", data=people, epsilon=0.5, random_state=seed).table
        hits.append(((t["rate_low"] <= t["selection_rate"]) & (t["selection_rate"] <= t["rate_high"])).to_numpy())
    assert np.mean(hits, axis=0).min() >= 0.93


def test_without_the_truth_only_noisy_columns_are_released(people):
    rel = dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0, include_true=False)
    assert not {"n", "selected", "selection_rate", "rate_error"} & set(rel.table.columns)
    assert not any("teaching tool" in note for note in rel.notes)
    assert rel.plot().get_xlim() == (0, 1)
    plt.close("all")


def test_laplace_counts_are_real_numbers(people):
    rel = dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0, mechanism="laplace")
    assert rel.table["noisy_n"].dtype == float and (rel.table["noisy_n"] != rel.table["noisy_n"].round()).any()
    assert rel.table["margin"].iloc[0] == pytest.approx(math.log(20) / 0.5)


def test_public_categories_release_empty_groups_and_refuse_unlisted_ones(people):
    rel = dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0, categories=["F", "M", "X", "Y"])
    assert list(rel.table.index) == ["F", "M", "X", "Y"] and rel.table.loc["Y", "n"] == 0
    assert np.isnan(rel.table.loc["Y", "selection_rate"])
    assert not any("pass categories=" in note for note in rel.notes)
    with pytest.raises(ValueError, match=r"groups \['X'\] are in the data but not in categories"):
        dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0, categories=["F", "M"])
    inter = people.assign(band=["a", "b"] * 353)
    rel = dp_group_rates(
        "hired",
        ["sex", "band"],
        data=inter,
        epsilon=1.0,
        random_state=0,
        categories=[(s, b) for s in "FMX" for b in "ab"],
    )
    assert rel.table.index.names == ["sex", "band"] and len(rel.table) == 6


def test_unknown_group_count_is_released_with_noise(people):
    df = people.assign(sex=people["sex"].where(people.index % 50 != 0, "Unknown"))
    rel = dp_group_rates("hired", "sex", data=df, epsilon=1.0, random_state=0, unknown="Unknown")
    assert rel.noisy_unknown is not None and rel.noisy_unknown >= 0
    assert "unknown group (noisy)" in repr(rel)
    assert dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0).noisy_unknown is None


def test_secure_unseeded_release_runs():
    rel = dp_group_rates([1, 0, 1, 0], ["a", "a", "b", "b"], epsilon=1.0, random_state=None)
    assert rel.random_state is None and "secure" in repr(rel) and not any("seeded" in note for note in rel.notes)


def test_display_and_plot(people):
    rel = dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0)
    text, html = repr(rel), rel._repr_html_()
    assert "epsilon: 1 in total (0.5 for each count)" in text and "parallel composition" in text
    assert "diffprivlib Geometric" in html and "<table" in html
    ax = rel.plot()
    assert ax.get_xlim() == (0, 1) and [t.get_text() for t in ax.get_yticklabels()] == ["F", "M", "X"]
    plt.close("all")


# ------------------------------------------------------------------ the trade-off


def test_tradeoff_is_seeded_and_small_groups_drown(people):
    one = privacy_accuracy_tradeoff("hired", "sex", data=people, epsilons=(0.1, 1, 5), n_draws=100)
    two = privacy_accuracy_tradeoff("hired", "sex", data=people, epsilons=(0.1, 1, 5), n_draws=100)
    assert one.to_frame().to_csv().encode() == two.to_frame().to_csv().encode()
    grid = one.pivot()
    assert list(grid.columns) == [0.1, 1.0, 5.0] and list(grid.index) == ["F", "M", "X"]
    assert (grid.loc["X"] > grid.loc["F"]).all()  # the small group errs more at every epsilon
    assert grid.loc["X", 0.1] > grid.loc["X", 5.0] and grid.loc["F", 0.1] > grid.loc["F", 5.0]
    vanished = one.pivot("vanished_share")
    assert vanished.loc["X", 0.1] > 0.2 and vanished.loc["F"].max() == 0
    assert one.table["outside_share"].between(0, 1).all()
    assert "smallest group (X, n = 6)" in one.notes[0]
    assert one.plot().get_ylim() == (0, 1) and one.plot(kind="vanished_share").get_xscale() == "log"
    with pytest.raises(ValueError, match="kind must be"):
        one.plot(kind="n")
    with pytest.raises(ValueError, match="value must be a column"):
        one.pivot("group")
    plt.close("all")


def test_tradeoff_with_an_always_vanishing_group_has_no_error_to_average():
    rep = privacy_accuracy_tradeoff(
        [1] * 300 + [0], ["a"] * 300 + ["b"], epsilons=[0.01], n_draws=20, categories=["a", "b", "c"]
    )
    assert rep.table.loc[rep.table["group"] == "c", "n"].item() == 0
    assert rep.table["vanished_share"].between(0, 1).all()


# ------------------------------------------------------------------ validation, warnings, import cost


@pytest.mark.parametrize("epsilon", [0, -1, float("inf"), float("nan"), "1", True, None])
def test_epsilon_must_be_a_finite_positive_number(epsilon):
    with pytest.raises(ValueError, match="epsilon must be a"):
        dp_group_rates([1, 0], ["a", "b"], epsilon=epsilon, random_state=0)
    with pytest.raises(ValueError, match="epsilon must be a"):
        privacy_accuracy_tradeoff([1, 0], ["a", "b"], epsilons=[1, epsilon])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mechanism": "gaussian"}, "mechanism must be 'geometric'"),
        ({"confidence": 1.0}, "confidence must be"),
        ({"random_state": -1}, "random_state must be None"),
        ({"random_state": 1.5}, "random_state must be None"),
        ({"include_true": "yes"}, "include_true must be True or False"),
        ({"categories": []}, "categories must list"),
        ({"categories": ["a", "a", "b"]}, "categories repeat a group"),
    ],
)
def test_bad_arguments_say_what_to_fix(kwargs, message):
    with pytest.raises(ValueError, match=message):
        dp_group_rates([1, 0], ["a", "b"], **{"epsilon": 1.0, "random_state": 0, **kwargs})


def test_bad_tradeoff_arguments_and_bad_data():
    with pytest.raises(ValueError, match="n_draws must be a whole number >= 1"):
        privacy_accuracy_tradeoff([1, 0], ["a", "b"], n_draws=0)
    with pytest.raises(ValueError, match="epsilons must be a non-empty list"):
        privacy_accuracy_tradeoff([1, 0], ["a", "b"], epsilons=[])
    with pytest.raises(ValueError, match="binary"):
        dp_group_rates([2, 0], ["a", "b"], epsilon=1.0, random_state=0)
    with pytest.raises(ValueError, match="different lengths"):
        dp_group_rates([1, 0, 1], ["a", "b"], epsilon=1.0, random_state=0)


def test_no_warning_reaches_a_notebook(people):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0)
        dp_group_rates("hired", "sex", data=people, epsilon=1.0, random_state=0, mechanism="laplace")
        privacy_accuracy_tradeoff("hired", "sex", data=people, epsilons=(0.5,), n_draws=5)


def test_importing_the_package_does_not_import_diffprivlib_or_scikit_learn():
    code = (
        "import sys, hrfair_helpers.privacy; "
        "print(sorted(m for m in ('diffprivlib', 'sklearn', 'scipy', 'matplotlib', 'hrfair_helpers.audit') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_results_follow_the_report_protocol():
    for cls in (DPRelease, PrivacyTradeoffReport):
        fields = {f.name for f in dataclasses.fields(cls)}
        for attr in ("table", "notes", "to_frame", "_repr_html_", "plot"):
            assert attr in fields or hasattr(cls, attr), (cls, attr)


def test_the_draws_at_one_epsilon_do_not_depend_on_the_other_epsilons():
    selected = [1, 0] * 50 + [1, 1, 0] * 20 + [1, 0, 0, 0, 0]
    groups = ["F"] * 100 + ["M"] * 60 + ["X"] * 5
    alone = privacy_accuracy_tradeoff(selected, groups, epsilons=(1,), n_draws=40, random_state=3)
    listed = privacy_accuracy_tradeoff(selected, groups, epsilons=(0.5, 1, 2), n_draws=40, random_state=3)
    pd.testing.assert_series_equal(alone.pivot("mean_abs_error")[1.0], listed.pivot("mean_abs_error")[1.0])
