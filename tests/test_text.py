"""hrfair_helpers.text: the lexicon, the swap, the counterfactual and masking audits, attributions."""

import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from hrfair_helpers.text import (
    CounterfactualResult,
    Lexicon,
    TermAttributionReport,
    counterfactual_gap,
    counterfactual_swap,
    load_lexicon,
    mask_terms,
    masking_audit,
    term_attributions,
)

# --------------------------------------------------------------------------- fixtures

BASES = [
    "python developer built data pipelines",
    "sql analyst shipped dashboards",
    "project manager ran budgets",
    "software engineer deployed cloud services",
    "sales lead grew customer accounts",
    "research scientist published papers",
]


@pytest.fixture(scope="module")
def toy_model():
    """TF-IDF + logistic regression trained so that "women's" lowers the score."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    texts, labels = [], []
    for base in BASES:
        for club in ("chess club", "rugby team", "debate society"):
            texts += [f"{base}; captain of the women's {club}", f"{base}; captain of the men's {club}"]
            labels += [0, 1]
        texts.append(base)
        labels.append(int("python" in base or "sql" in base or "engineer" in base))
    return make_pipeline(TfidfVectorizer(), LogisticRegression(C=10.0)).fit(texts, labels)


AUDIT_TEXTS = [
    "python developer; captain of the women's chess club",
    "sql analyst; member of the women's rugby team",
    "project manager; captain of the men's debate society",
    "software engineer deployed cloud services",
    "research scientist published papers",
    "sales lead; women's debate society treasurer",
]


class ScoreAdapter:
    """A plain scoring function wrapped with predict_proba (the documented adapter)."""

    def __init__(self, score):
        self.score = score
        self.calls = 0

    def predict_proba(self, texts):
        self.calls += 1
        p = np.array([self.score(t) for t in texts], dtype=float)
        return np.column_stack([1 - p, p])


def nonlinear_score(text):
    """Not linear in any feature: python matters only without 'women', 'men's' only with sql."""
    lower = text.lower()
    p = 0.5
    if "python" in lower and "women" not in lower:
        p += 0.3
    if "women" in lower:
        p -= 0.25
    if "men's" in lower and "women" not in lower and "sql" in lower:
        p += 0.1
    return min(max(p, 0.0), 1.0)


# --------------------------------------------------------------------------- swap


def test_swap_keeps_lower_title_and_upper_case():
    assert counterfactual_swap("she said") == "he said"
    assert counterfactual_swap("She said") == "He said"
    assert counterfactual_swap("SHE SAID") == "HE SAID"
    assert counterfactual_swap("Chairwoman of the board") == "Chairman of the board"
    assert counterfactual_swap("CHAIRWOMAN") == "CHAIRMAN"
    assert counterfactual_swap("Ms. Lee") == "Mr. Lee"
    assert counterfactual_swap("Women in Engineering") == "Men in Engineering"
    assert counterfactual_swap("WOMEN IN ENGINEERING") == "MEN IN ENGINEERING"


def test_swap_keeps_possessives():
    assert counterfactual_swap("women's chess club") == "men's chess club"
    assert counterfactual_swap("Men's rugby team") == "Women's rugby team"
    assert counterfactual_swap("the sorority's budget") == "the fraternity's budget"
    assert counterfactual_swap("girls' coding camp") == "boys' coding camp"
    assert counterfactual_swap("women\u2019s rugby") == "men\u2019s rugby"
    assert counterfactual_swap("he's ready") == "she's ready"


def test_phrases_are_matched_before_words():
    lex = load_lexicon({"girl scouts": "boy scouts", "girl": "lad"})
    assert counterfactual_swap("Girl Scouts leader, girl's team", lexicon=lex) == "Boy Scouts leader, lad's team"
    # bundled: "sorority sister" is one phrase; "women's college" is matched before "women"
    assert counterfactual_swap("Sorority sister") == "Fraternity brother"
    assert counterfactual_swap("Northfield Women's College") == "Northfield Men's College"


def test_swap_is_one_pass_and_swapping_twice_restores_the_text():
    texts = [
        "She told him about her plan and his idea.",
        "He thanked her. The award was his.",
        "Her team beat his team; she is the chairwoman, he is the spokesman.",
        "Mother of two, returned from maternity leave; Women in Tech mentor",
        "(she/her) Alumna of Northfield Women's College, sorority sister",
        "His sisters and her brothers",
    ]
    once = counterfactual_swap(texts)
    assert once[0] == "He told her about his plan and her idea."
    assert once[1] == "She thanked him. The award was hers."
    assert counterfactual_swap(once) == texts


def test_word_boundaries():
    untouched = "Menu design for Hershey; manager of human resources; Shepherd's pie; Herman; mensch"
    assert counterfactual_swap(untouched) == untouched
    assert counterfactual_swap("woman-owned business") == "man-owned business"


def test_her_rule_object_versus_determiner():
    assert counterfactual_swap("we promoted her in 2019") == "we promoted him in 2019"
    assert counterfactual_swap("we promoted her team") == "we promoted his team"
    assert counterfactual_swap("we promoted her.") == "we promoted him."
    assert counterfactual_swap("his own startup; the choice was his") == "her own startup; the choice was hers"


def test_direction_options():
    text = "She and he; women's and men's teams"
    assert counterfactual_swap(text, direction="both") == "He and she; men's and women's teams"
    assert counterfactual_swap(text, direction="to_male") == "He and he; men's and men's teams"
    assert counterfactual_swap(text, direction="to_female") == "She and she; women's and women's teams"
    with pytest.raises(ValueError, match="to_male"):
        counterfactual_swap(text, direction="male")


def test_swap_input_types():
    assert isinstance(counterfactual_swap("she"), str)
    assert counterfactual_swap(("she", "he")) == ["he", "she"]
    assert counterfactual_swap(pd.Series(["she", "he"], index=[10, 11])) == ["he", "she"]
    assert counterfactual_swap(np.array(["she"])) == ["he"]
    assert counterfactual_swap([]) == []
    with pytest.raises(TypeError, match=r"texts\[1\] is float"):
        counterfactual_swap(["she", float("nan")])
    with pytest.raises(TypeError, match=r"texts\[2\] is int"):
        counterfactual_swap(["she", "he", 3])


def test_mask_terms():
    assert mask_terms("Captain, Women's Chess Club; she led") == "Captain, [MASK] Chess Club; [MASK] led"
    assert mask_terms(["Sorority treasurer", "his fraternity's budget, as chairman."], token="") == [
        "treasurer",
        "budget, as.",
    ]
    assert mask_terms(["python developer"], token="_") == ["python developer"]


# --------------------------------------------------------------------------- lexicon


def test_bundled_lexicon_covers_the_required_pairs():
    lex = load_lexicon()
    assert isinstance(lex, Lexicon) and len(lex) >= 60
    pairs = set(map(tuple, lex.pairs[["female", "male"]].to_numpy()))
    for pair in [
        ("she", "he"),
        ("her", "his"),
        ("her", "him"),
        ("ms.", "mr."),
        ("mother", "father"),
        ("sister", "brother"),
        ("women's", "men's"),
        ("woman", "man"),
        ("women", "men"),
        ("girls", "boys"),
        ("female", "male"),
        ("sorority", "fraternity"),
        ("actress", "actor"),
        ("chairwoman", "chairman"),
        ("women in engineering", "men in engineering"),
    ]:
        assert pair in pairs, pair
    assert load_lexicon() is load_lexicon()  # loaded and compiled once
    assert lex.pattern("both") is lex.pattern("both")


def test_custom_lexicon_from_csv_dataframe_dict_and_extend(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text("female,male,kind\nqueen,king,title\nnetball,rugby,activity\n")
    from_csv = load_lexicon(path)
    assert counterfactual_swap("Netball captain, the Queen", lexicon=from_csv) == "Rugby captain, the King"
    assert counterfactual_swap("she", lexicon=str(path)) == "she"  # pronouns not in this lexicon
    frame = pd.DataFrame({"Female": ["heiress"], "Male": ["heir"]})
    assert counterfactual_swap("heir", lexicon=frame) == "heiress"
    assert counterfactual_swap("an heiress", lexicon={"heiress": "heir"}) == "an heir"
    bigger = load_lexicon().extend({"netball": "rugby"}, kind="activity")
    assert len(bigger) == len(load_lexicon()) + 1
    assert counterfactual_swap("She plays netball", lexicon=bigger) == "He plays rugby"


@pytest.mark.parametrize(
    "source, message",
    [
        ({"she": ""}, "empty male term"),
        (pd.DataFrame({"female": ["she", "she"], "male": ["he", "he"]}), "listed twice"),
        ({"actor": "host", "waitress": "actor"}, "one side only"),
        ({"she": "she"}, "with itself"),
        ([("her", "his"), ("her", "him")], "determiner"),
        (pd.DataFrame({"f": ["she"], "m": ["he"]}), "columns female and male"),
        ("/no/such/file.csv", "does not exist"),
        (42, "lexicon must be"),
        ({}, "no pairs"),
    ],
)
def test_lexicon_validation_errors(source, message):
    with pytest.raises(ValueError, match=message):
        load_lexicon(source)


def test_ambiguous_term_is_allowed_with_one_determiner_row():
    lex = load_lexicon([("her", "his", "determiner"), ("her", "him", "pronoun"), ("she", "he")])
    assert counterfactual_swap("ask her about her role", lexicon=lex) == "ask him about his role"


# --------------------------------------------------------------------------- counterfactual_gap


def test_gap_to_male_raises_scores_and_counts_flips_by_hand(toy_model):
    res = counterfactual_gap(toy_model, AUDIT_TEXTS, direction="to_male", n_boot=500)
    assert isinstance(res, CounterfactualResult)
    original = toy_model.predict_proba(AUDIT_TEXTS)[:, 1]
    swapped = toy_model.predict_proba(counterfactual_swap(AUDIT_TEXTS, direction="to_male"))[:, 1]
    np.testing.assert_allclose(res.table["original_score"], original)
    np.testing.assert_allclose(res.table["swapped_score"], swapped)
    up = int(((original < 0.5) & (swapped >= 0.5)).sum())
    down = int(((original >= 0.5) & (swapped < 0.5)).sum())
    assert (res.flips_up, res.flips_down, res.n_flipped) == (up, down, up + down)
    assert up >= 2 and down == 0
    assert res.mean_change > 0 and res.mean_change_changed > res.mean_change
    assert res.n_changed == 3  # the three texts with "women's"; "men's" is not changed to_male
    assert res.flip_rate == pytest.approx((up + down) / 6)
    assert res.flip_rate_changed == pytest.approx((up + down) / 3)
    low, high = res.mean_change_ci
    assert low <= res.mean_change <= high
    low, high = res.flip_rate_ci
    assert low <= res.flip_rate <= high
    unchanged = res.table[~res.table["text_changed"]]
    assert not unchanged["flipped"].any() and (unchanged["change"] == 0).all()


def test_gap_table_summary_and_display(toy_model):
    texts = pd.Series(AUDIT_TEXTS, index=[f"r{i}" for i in range(6)])
    res = counterfactual_gap(toy_model, texts)
    assert list(res.table.index) == list(texts.index)
    assert {"original_score", "swapped_score", "change", "flipped", "text", "swapped_text"} <= set(res.table)
    assert res.to_frame() is not res.table
    assert list(res.summary.columns) == ["estimate", "ci_low", "ci_high", "n"]
    assert res.n_changed == 4
    text = repr(res)
    assert "Counterfactual gender-swap test" in text and "flip rate (changed texts)" in text
    assert "<table" in res._repr_html_()


def test_gap_is_deterministic_with_random_state(toy_model):
    a = counterfactual_gap(toy_model, AUDIT_TEXTS * 5, random_state=3)
    b = counterfactual_gap(toy_model, AUDIT_TEXTS * 5, random_state=3)
    c = counterfactual_gap(toy_model, AUDIT_TEXTS * 5, random_state=4)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    assert a.mean_change_ci != c.mean_change_ci
    assert np.isnan(counterfactual_gap(toy_model, AUDIT_TEXTS, n_boot=0).mean_change_ci).all()


def test_gap_without_gendered_terms_reports_nothing_changed():
    model = ScoreAdapter(lambda t: 0.5)
    res = counterfactual_gap(model, ["python developer", "sql analyst"])
    assert res.n_changed == 0 and res.n_flipped == 0 and model.calls == 1
    assert np.isnan(res.flip_rate_changed)
    assert any("changed nothing" in n for n in res.notes)


def test_gap_rejects_bad_inputs(toy_model):
    with pytest.raises(ValueError, match="empty"):
        counterfactual_gap(toy_model, [])
    with pytest.raises(TypeError, match=r"texts\[1\] is NoneType"):
        counterfactual_gap(toy_model, ["she", None])
    with pytest.raises(TypeError, match="single str"):
        counterfactual_gap(toy_model, "she led")
    with pytest.raises(TypeError, match=r"predict_proba[\s\S]*class ScoreAdapter"):
        counterfactual_gap(lambda texts: [0.5] * len(texts), ["she"])
    with pytest.raises(ValueError, match=r"shape \(2,\)"):
        counterfactual_gap(type("M", (), {"predict_proba": lambda self, t: np.full(len(t), 0.5)})(), ["she", "he"])
    with pytest.raises(ValueError, match=r"shape \(2, 3\)"):
        counterfactual_gap(type("M", (), {"predict_proba": lambda self, t: np.full((len(t), 3), 0.3)})(), ["she", "he"])
    with pytest.raises(ValueError, match="outside"):
        counterfactual_gap(ScoreAdapter(lambda t: 1.5), ["she"])
    with pytest.raises(ValueError, match="threshold"):
        counterfactual_gap(toy_model, ["she"], threshold=2)
    with pytest.raises(ValueError, match="ci"):
        counterfactual_gap(toy_model, ["she"], ci=95)
    with pytest.raises(ValueError, match="n_boot"):
        counterfactual_gap(toy_model, ["she"], n_boot=-1)


def test_masking_audit_shares_the_engine(toy_model):
    res = masking_audit(toy_model, AUDIT_TEXTS, n_boot=200)
    assert res.perturbation == "mask" and res.n_changed == 4
    assert res.table.loc[0, "masked_text"] == "python developer; captain of the [MASK] chess club"
    masked = toy_model.predict_proba(mask_terms(AUDIT_TEXTS))[:, 1]
    np.testing.assert_allclose(res.table["masked_score"], masked)
    women = res.table["text"].str.contains("women's")
    assert (res.table.loc[women, "change"] > 0).all()  # removing "women's" raises the score
    assert "Masking audit" in repr(res)
    removed = masking_audit(ScoreAdapter(nonlinear_score), ["python, women's club"], token="", n_boot=0)
    assert removed.table.loc[0, "masked_text"] == "python, club" and removed.flips_up == 1


# --------------------------------------------------------------------------- term_attributions


def test_term_attributions_linear_finds_the_injected_term(toy_model):
    rep = term_attributions(toy_model, AUDIT_TEXTS, top=3)
    assert isinstance(rep, TermAttributionReport) and rep.method == "coefficients"
    assert rep.most_negative[0] == "women"
    row = rep.table.set_index("term").loc["women"]
    assert row["gender_association"] == "female" and row["direction"] == "lowers score"
    assert row["document_frequency"] == 3
    assert list(rep.table.columns) == ["term", "weight", "direction", "gender_association", "document_frequency"]
    assert rep.table["weight"].is_monotonic_increasing
    assert "men" in rep.gendered["term"].tolist()
    assert rep.gendered.set_index("term").loc["men", "gender_association"] == "male"
    without_texts = term_attributions(toy_model, top=3)
    assert "document_frequency" not in without_texts.table and without_texts.most_negative[0] == "women"
    assert "women" in repr(rep) and "<table" in rep._repr_html_()


def test_term_attributions_occlusion_for_a_nonlinear_model():
    texts = [
        "python developer, women's chess club",
        "python developer, men's chess club",
        "sql analyst, women's rugby team",
        "sql analyst, men's rugby team",
        "python engineer",
        "project manager",
    ] * 3
    rep = term_attributions(ScoreAdapter(nonlinear_score), texts, top=5)
    assert rep.method == "occlusion"
    table = rep.table.set_index("term")
    assert "women's" in rep.most_negative[:2]
    assert table.loc["women's", "gender_association"] == "female"
    assert table.loc["women's", "mean_effect"] == pytest.approx(-0.25 - 0.3 / 2)  # hand computation
    assert table.loc["python", "gender_association"] == "neutral"
    assert table.loc["women's", "document_frequency"] == 6
    chosen = term_attributions(ScoreAdapter(nonlinear_score), texts, candidates=["python", "men's"])
    assert set(chosen.table["term"]) <= {"python", "men's"}
    with pytest.raises(TypeError, match="texts"):
        term_attributions(ScoreAdapter(nonlinear_score))
    with pytest.raises(TypeError, match="coef_"):
        term_attributions(ScoreAdapter(nonlinear_score), texts, method="coefficients")
    with pytest.raises(ValueError, match="top"):
        term_attributions(ScoreAdapter(nonlinear_score), texts, top=0)


def test_plots_draw_on_fixed_axes(toy_model):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    res = counterfactual_gap(toy_model, AUDIT_TEXTS, n_boot=100)
    ax = res.plot(kind="scatter")
    assert ax.get_xlim() == (0, 1) and ax.get_ylim() == (0, 1)
    ax = res.plot()
    assert ax.get_xlim()[0] == -ax.get_xlim()[1]
    with pytest.raises(ValueError, match="kind"):
        res.plot(kind="pie")
    ax = term_attributions(toy_model, top=3).plot()
    assert len(ax.patches) == 6 and ax.get_legend() is not None
    plt.close("all")


def test_import_does_not_load_sklearn_or_matplotlib():
    code = (
        "import sys, hrfair_helpers.text as t; t.counterfactual_swap('she'); "
        "print(','.join(m for m in ('sklearn', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
