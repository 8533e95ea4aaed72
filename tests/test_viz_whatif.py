"""Tests for :mod:`hrfair_helpers.viz.whatif`.

Two models: ``Linear`` (score = 0.1 * projects, so every flip is known by hand) and the
documented promotion model (logistic regression on MODEL_FEATURES, department one-hot,
every column standardised) trained on ``make_promotions(n=2000, seed=0)``.
"""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.datasets.promotions import MODEL_FEATURES, make_promotions
from hrfair_helpers.viz.whatif import (
    WhatIfResult,
    counterfactual_table,
    plot_what_if,
    what_if,
    what_if_explorer,
)


class Linear:
    """score = 0.1 * projects (no feature_names_in_, so it receives every column)."""

    def predict_proba(self, X):
        s = 0.1 * X["projects"].to_numpy(dtype=float)
        return np.column_stack([1 - s, s])


PEOPLE = pd.DataFrame(
    {
        "projects": [4, 6, 2, 5],
        "fair_projects": [6, 6, 2, 3],
        "gender": pd.Categorical(["woman", "man", "woman", "man"]),
    },
    index=["E1", "E2", "E3", "E4"],
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def promo():
    from sklearn.compose import ColumnTransformer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    data = make_promotions(n=2000, seed=0)
    numeric = [c for c in MODEL_FEATURES if c != "department"]
    model = make_pipeline(
        ColumnTransformer(
            [
                ("department", OneHotEncoder(handle_unknown="ignore"), ["department"]),
                ("numeric", StandardScaler(), numeric),
            ]
        ),
        StandardScaler(with_mean=False),  # every column standardised, one-hot included
        LogisticRegression(max_iter=1000),
    )
    model.fit(data[list(MODEL_FEATURES)], data["historical_promoted"])
    return model, data


# --------------------------------------------------------------------------- #
# what_if


def test_hand_built_flip():
    res = what_if(Linear(), PEOPLE.iloc[[0]], {"projects": 6})
    assert isinstance(res, WhatIfResult)
    assert res.original_score == pytest.approx(0.4) and res.counterfactual_score == pytest.approx(0.6)
    assert (res.original_decision, res.counterfactual_decision, res.flipped) == (False, True, True)
    assert res.changes.to_dict("records") == [{"column": "projects", "original": 4, "new": 6}]
    assert res.row_label == "E1"
    frame = res.to_frame()
    assert frame.index.tolist() == ["original", "counterfactual"]
    assert frame["recommended"].tolist() == [False, True]
    assert "projects" in res._repr_html_() and "decision flipped: yes" in repr(res)


def test_threshold_is_inclusive_and_changes_it():
    assert what_if(Linear(), PEOPLE.iloc[[0]], {}, threshold=0.4).original_decision is True
    res = what_if(Linear(), PEOPLE.iloc[[0]], {"projects": 6}, threshold=0.7)
    assert not res.flipped and not res.counterfactual_decision


def test_series_row_is_accepted():
    res = what_if(Linear(), PEOPLE.iloc[1], {"projects": 3})
    assert res.original_score == pytest.approx(0.6) and res.flipped and res.row_label == "E2"


def test_unchanged_values_give_identical_scores(promo):
    model, data = promo
    row = data.iloc[[5]]
    same = {c: row[c].iloc[0] for c in ("level", "department", "tenure_in_role")}
    res = what_if(model, row, same)
    assert res.original_score == res.counterfactual_score and not res.flipped
    assert res.changes.empty and "No feature changed" in res._repr_html_()


def test_matches_predict_proba_and_notes_unused_columns(promo):
    model, data = promo
    row = data.iloc[[7]]
    res = what_if(
        model,
        row,
        {
            "manager_nomination": 1 - row["manager_nomination"].iloc[0],
            "gender": "woman" if row["gender"].iloc[0] == "man" else "man",
        },
    )
    changed = row.copy()
    changed["manager_nomination"] = 1 - changed["manager_nomination"]
    expected = model.predict_proba(changed[list(MODEL_FEATURES)])[0, 1]
    assert res.counterfactual_score == pytest.approx(expected)
    assert res.original_score == pytest.approx(model.predict_proba(row[list(MODEL_FEATURES)])[0, 1])
    assert set(res.changes["column"]) == {"manager_nomination", "gender"}
    assert any("gender" in n and "not a model input" in n for n in res.notes)


def test_group_alone_never_changes_the_documented_model(promo):
    model, data = promo
    row = data.iloc[[3]]
    other = "man" if row["gender"].iloc[0] == "woman" else "woman"
    res = what_if(model, row, {"gender": other})
    assert res.counterfactual_score == res.original_score and not res.flipped


def test_known_flip_on_the_promotion_model(promo):
    model, data = promo
    X = data[list(MODEL_FEATURES)]
    scores = model.predict_proba(X)[:, 1]
    # A non-nominated employee; the threshold midway between their score and the nominated score.
    i = int(np.flatnonzero(data["manager_nomination"].to_numpy() == 0)[0])
    row = data.iloc[[i]]
    nominated = row.copy()
    nominated["manager_nomination"] = 1
    after = model.predict_proba(nominated[list(MODEL_FEATURES)])[0, 1]
    assert after > scores[i]
    res = what_if(model, row, {"manager_nomination": 1}, threshold=(scores[i] + after) / 2)
    assert res.flipped and res.counterfactual_decision and not res.original_decision


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"changes": {"salary": 1}}, ValueError, r"unknown column.*salary.*valid columns.*projects"),
        ({"row": PEOPLE.iloc[:2]}, ValueError, "exactly one person"),
        ({"row": [1, 2]}, TypeError, "one-row DataFrame"),
        ({"model": object()}, TypeError, "predict_proba.*CalibratedClassifierCV"),
        ({"threshold": 0}, ValueError, "strictly between 0 and 1"),
        ({"threshold": 1.0}, ValueError, "strictly between 0 and 1"),
        ({"threshold": True}, ValueError, "threshold"),
        ({"changes": {"gender": "other"}}, ValueError, "categorical"),
        ({"changes": [("projects", 1)]}, TypeError, "dict"),
    ],
)
def test_what_if_bad_inputs(kwargs, error, match):
    args = {"model": Linear(), "row": PEOPLE.iloc[[0]], "changes": {"projects": 5}} | kwargs
    threshold = args.pop("threshold", 0.5)
    with pytest.raises(error, match=match):
        what_if(args["model"], args["row"], args["changes"], threshold=threshold)


# --------------------------------------------------------------------------- #
# counterfactual_table


def test_counterfactual_table_hand_built():
    t = counterfactual_table(
        Linear(), PEOPLE, "projects", {"as is": lambda d: d["projects"], "fair": lambda d: d["fair_projects"]}
    )
    assert t.shape == (4, 3)
    assert t.columns.tolist() == ["projects=as is", "projects=fair", "decision_changes"]
    assert t["projects=fair"].round(3).tolist() == [0.6, 0.6, 0.2, 0.3]
    assert t["decision_changes"].tolist() == [True, False, False, True]
    assert t.attrs["flip_share"] == 0.5 and t.index.equals(PEOPLE.index)
    scalars = counterfactual_table(Linear(), PEOPLE, "projects", [1, 9])
    assert scalars.columns.tolist() == ["projects=1", "projects=9", "decision_changes"]
    assert scalars["decision_changes"].all()


def test_counterfactual_table_matches_a_loop_of_what_if(promo):
    model, data = promo
    sample = data.iloc[:100]
    values = {"HR clock": lambda d: d["tenure_in_role"], "leave-adjusted": lambda d: d["leave_adjusted_tenure"]}
    t = counterfactual_table(model, sample, "tenure_in_role", values, threshold=0.3)
    assert t.shape == (100, 3)
    assert 0 < t.attrs["flip_share"] < 1  # some decisions change, not all
    flips = []
    for i in range(len(sample)):
        row = sample.iloc[[i]]
        res = what_if(model, row, {"tenure_in_role": row["leave_adjusted_tenure"].iloc[0]}, threshold=0.3)
        assert t["tenure_in_role=HR clock"].iloc[i] == pytest.approx(res.original_score)
        assert t["tenure_in_role=leave-adjusted"].iloc[i] == pytest.approx(res.counterfactual_score)
        flips.append(res.flipped)
    assert t["decision_changes"].tolist() == flips
    assert t.attrs["flip_share"] == pytest.approx(np.mean(flips))


def test_counterfactual_table_one_call_per_value_and_group_has_no_effect(promo):
    model, data = promo

    class Counting:
        feature_names_in_ = model.feature_names_in_
        calls = 0

        def predict_proba(self, X):
            Counting.calls += 1
            return model.predict_proba(X)

    t = counterfactual_table(Counting(), data, "gender", ["woman", "man"])
    assert Counting.calls == 2 and t.shape == (2000, 3)
    assert t.attrs["flip_share"] == 0.0
    assert np.array_equal(t["gender=woman"], t["gender=man"])


@pytest.mark.parametrize(
    "column, values, match",
    [
        ("salary", [1], "not in data"),
        ("projects", "abc", "list of values"),
        ("projects", [], "at least one"),
        ("projects", {"bad": lambda d: d["projects"].iloc[:2]}, "one value per row"),
        ("gender", ["other"], "categorical"),
    ],
)
def test_counterfactual_table_bad_inputs(column, values, match):
    with pytest.raises(ValueError, match=match):
        counterfactual_table(Linear(), PEOPLE, column, values)


# --------------------------------------------------------------------------- #
# explorer


def test_explorer_controls_update_reset_and_picker(promo):
    model, data = promo
    features = ["gender", "tenure_in_role", "high_visibility_projects", "department"]
    box = what_if_explorer(model, data, features=features, threshold=0.3, index=2)
    import ipywidgets as widgets

    assert isinstance(box, widgets.VBox)
    assert isinstance(box.controls["gender"], widgets.Dropdown)
    assert isinstance(box.controls["department"], widgets.Dropdown)
    assert isinstance(box.controls["high_visibility_projects"], widgets.IntSlider)
    slider = box.controls["tenure_in_role"]
    assert isinstance(slider, widgets.FloatSlider)
    assert (slider.min, slider.max) == (data["tenure_in_role"].min(), data["tenure_in_role"].max())
    assert box.explorer.result.changes.empty

    before = box.result_html.value
    projects = box.controls["high_visibility_projects"]
    projects.value = 6 if projects.value != 6 else 0
    res = box.explorer.result
    assert res.changes["column"].tolist() == ["high_visibility_projects"]
    assert box.result_html.value != before and "high_visibility_projects" in box.result_html.value
    assert res.counterfactual_score != res.original_score

    box.reset.click()
    assert box.explorer.result.changes.empty
    assert projects.value == data["high_visibility_projects"].iloc[2]
    assert box.result_html.value == before

    box.picker.value = 9
    res = box.explorer.result
    assert res.row_label == data.index[9] and res.changes.empty
    assert res.original_score == pytest.approx(model.predict_proba(data[list(MODEL_FEATURES)].iloc[[9]])[0, 1])
    assert box.controls["department"].value == data["department"].iloc[9]


def test_explorer_group_change_is_recorded_but_scores_stay():
    box = what_if_explorer(Linear(), PEOPLE, features=["gender", "projects"])
    box.controls["gender"].value = "man"
    res = box.explorer.result
    assert res.changes["column"].tolist() == ["gender"] and res.counterfactual_score == res.original_score


@pytest.mark.parametrize(
    "kwargs, error, match",
    [
        ({"features": ["salary"]}, ValueError, "unknown column"),
        ({"features": []}, ValueError, "at least one"),
        ({"index": 4}, ValueError, "row position"),
        ({"threshold": 1.5}, ValueError, "strictly between"),
        ({"model": object()}, TypeError, "predict_proba"),
    ],
)
def test_explorer_bad_inputs(kwargs, error, match):
    args = {"model": Linear(), "features": ["projects"]} | kwargs
    model = args.pop("model")
    with pytest.raises(error, match=match):
        what_if_explorer(model, PEOPLE, **args)


# --------------------------------------------------------------------------- #
# plot and import cost


def test_plot_what_if_result_and_table():
    res = what_if(Linear(), PEOPLE.iloc[[0]], {"projects": 6}, threshold=0.55)
    ax = plot_what_if(res)
    assert tuple(ax.get_xlim()) == (0.0, 1.0)
    assert [round(p.get_width(), 3) for p in ax.patches] == [0.4, 0.6]
    assert any(np.allclose(line.get_xdata(), 0.55) for line in ax.get_lines())
    assert "flips" in ax.get_title()
    assert res.plot() is not None

    t = counterfactual_table(Linear(), PEOPLE, "projects", [1, 9])
    _, given = plt.subplots()
    ax = plot_what_if(t, ax=given)
    assert ax is given and tuple(ax.get_xlim()) == (0.0, 1.0)
    assert [p.get_width() for p in ax.patches] == [0.0, 1.0]
    with pytest.raises(TypeError, match="WhatIfResult"):
        plot_what_if(pd.DataFrame({"a": [1]}))


def test_importing_viz_and_whatif_does_not_import_widgets_matplotlib_or_sklearn():
    code = (
        "import sys, hrfair_helpers.viz, hrfair_helpers.viz.whatif;"
        "print(','.join(m for m in ('ipywidgets', 'matplotlib', 'sklearn') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""
