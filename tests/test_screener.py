"""The shipped resume screener: integrity, allow-list, exact reproduction, and the mitigation options."""

import hashlib
import io
import zipfile

import numpy as np
import pytest

from hrfair_helpers.datasets import DataIntegrityError
from hrfair_helpers.models import screener as screener_module
from hrfair_helpers.models.screener import (
    ScreenerIntegrityError,
    canonical_skops,
    load_screener,
    screener_metadata,
)


def test_shipped_screener_loads_and_scores_texts():
    model = load_screener()
    scores = model.predict_proba(
        ["EDUCATION\nB.Sc. in Computer Science", "ACTIVITIES\nCaptain of the women's chess club."]
    )
    assert scores.shape == (2, 2)
    assert np.all((scores >= 0) & (scores <= 1))
    assert 0 < screener_metadata()["threshold"] < 1


def test_training_reproduces_the_shipped_model():
    # Byte-for-byte with the library versions the file was built with (recorded in the skops
    # schema); a newer numpy/scipy may move the solver's last bits, so otherwise the rebuilt model
    # must match the shipped one to solver precision and make the same decisions.
    import json

    import skops.io as sio

    from hrfair_helpers.datasets import make_resumes
    from hrfair_helpers.models.train_screener import DATA, build

    model, metadata = build()
    rebuilt_meta, shipped_meta = json.loads(metadata), json.loads((DATA / "resume_screener.json").read_bytes())
    if model == (DATA / "resume_screener.skops").read_bytes():
        assert rebuilt_meta == shipped_meta
        return
    # Everything but the file's hash must agree, the operating threshold included.
    assert {k: v for k, v in rebuilt_meta.items() if k != "sha256"} == {
        k: v for k, v in shipped_meta.items() if k != "sha256"
    }
    rebuilt, shipped = sio.loads(model, trusted=[]), load_screener()
    assert rebuilt[0].vocabulary_ == shipped[0].vocabulary_
    np.testing.assert_allclose(rebuilt[-1].coef_, shipped[-1].coef_, rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(rebuilt[-1].intercept_, shipped[-1].intercept_, rtol=1e-4, atol=1e-6)
    texts = make_resumes(n=6000, seed=2024)["text"]
    np.testing.assert_allclose(rebuilt.predict_proba(texts), shipped.predict_proba(texts), atol=1e-6)


def test_canonical_skops_is_independent_of_object_ids_and_time():
    import skops.io as sio
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    def fitted():
        return make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(
            ["alpha beta", "gamma delta", "alpha gamma", "beta delta"], [1, 0, 1, 0]
        )

    first, second = canonical_skops(sio.dumps(fitted())), canonical_skops(sio.dumps(fitted()))
    assert first == second
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names[0] == "schema.json" and all(n.startswith("array_") for n in names[1:])
    restored = sio.loads(first, trusted=[])
    assert restored.predict(["alpha"]).tolist() == [1]


def test_corrupted_or_missing_file_raises_a_clear_error(tmp_path, monkeypatch):
    data = screener_module._data_dir()
    good = data.joinpath("resume_screener.skops").read_bytes()
    (tmp_path / "resume_screener.skops").write_bytes(good[:-10] + b"corrupted!")
    (tmp_path / "resume_screener.json").write_text(data.joinpath("resume_screener.json").read_text())
    monkeypatch.setattr(screener_module, "_DATA_DIR", tmp_path)
    with pytest.raises(ScreenerIntegrityError, match="failed its integrity check.*train_screener") as info:
        load_screener()
    assert isinstance(info.value, DataIntegrityError)
    assert "git checkout -- hrfair_helpers/models/data/resume_screener.skops" in str(info.value)
    (tmp_path / "resume_screener.skops").unlink()
    with pytest.raises(ScreenerIntegrityError, match="could not be read"):
        load_screener()


def test_types_outside_the_allow_list_are_refused(tmp_path, monkeypatch):
    import json

    import skops.io as sio

    data = canonical_skops(sio.dumps({"f": np.sum}))  # a function: untrusted by default
    (tmp_path / "resume_screener.skops").write_bytes(data)
    meta = {"sha256": hashlib.sha256(data).hexdigest(), "threshold": 0.5}
    (tmp_path / "resume_screener.json").write_text(json.dumps(meta))
    monkeypatch.setattr(screener_module, "_DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match="allow-list"):
        load_screener()


@pytest.fixture(scope="module")
def options():
    from hrfair_helpers.mitigation.screener_options import screener_options

    return screener_options(audit_seed=1, audit_n=4000)


def test_every_option_decides_for_every_audit_resume_at_the_same_volume(options):
    from hrfair_helpers.mitigation.screener_options import DESCRIPTIONS, FLAGGED, OPTIONS

    assert list(options["decisions"]) == list(OPTIONS)
    assert set(DESCRIPTIONS) == set(OPTIONS) and set(FLAGGED) <= set(OPTIONS)
    slots = options["decisions"]["baseline"].sum()
    assert options["selection_rate"] == pytest.approx(slots / 4000)
    for name, decisions in options["decisions"].items():
        assert decisions.shape == (4000,) and set(np.unique(decisions)) <= {0, 1}, name
        # Every option fills the same interview slots (quantile ties may add one or two).
        assert abs(int(decisions.sum()) - int(slots)) <= 2, name


def test_human_review_reorders_only_the_band_near_the_cut(options):
    scores = options["scores"]
    baseline, reviewed = options["decisions"]["baseline"], options["decisions"]["human_review"]
    band = options["reviewed"]["human_review"]
    assert np.array_equal(baseline[~band], reviewed[~band])
    assert baseline[band].sum() == reviewed[band].sum()  # the band's slots are refilled, not added
    cut = np.quantile(scores, 1 - options["selection_rate"])
    assert np.all(np.abs(scores[band] - cut) <= 0.2 + 1e-12)
    qualified = options["audit"]["qualified"].to_numpy()
    assert qualified[band][reviewed[band] == 1].mean() > qualified[band][baseline[band] == 1].mean()


def test_relabeling_and_augmentation_change_what_the_model_rewards(options):
    audit = options["audit"]
    women = (audit["gender"] == "woman").to_numpy()
    men = (audit["gender"] == "man").to_numpy()
    qualified = audit["qualified"].to_numpy() == 1

    def tpr_gap(name):
        d = options["decisions"][name]
        return d[qualified & men].mean() - d[qualified & women].mean()

    assert tpr_gap("augmentation") < tpr_gap("baseline")
    assert tpr_gap("relabeling") < tpr_gap("masking") < tpr_gap("baseline")


def test_group_thresholds_equalise_selection_rates(options):
    gender = options["audit"]["gender"].astype(str).to_numpy()
    decisions = options["decisions"]["group_thresholds"]
    rates = [decisions[gender == g].mean() for g in np.unique(gender)]
    assert max(rates) - min(rates) < 0.02


def test_results_are_fresh_copies(options):
    from hrfair_helpers.mitigation.screener_options import screener_options

    options["decisions"]["baseline"][:] = 0
    options["reviewed"]["human_review"][:] = False
    again = screener_options(audit_seed=1, audit_n=4000)
    assert again["decisions"]["baseline"].sum() > 0
    assert again["reviewed"]["human_review"].sum() > 0
