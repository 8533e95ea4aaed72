"""Tests for hrfair_helpers.datasets.resumes (seeded synthetic resumes with injected bias).

The injected phrases are counted here with regexes written independently of
the module, so a counting bug in the generator makes the tests fail.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.linear_model import LogisticRegression

from hrfair_helpers.datasets import resumes
from hrfair_helpers.datasets.resumes import (
    CAREER_GAP_PHRASE,
    GENDER_SHARES,
    GENDERED_PHRASES,
    INJECTED_EFFECTS,
    QUALIFICATION_CUT,
    RESUME_ROLES,
    count_gendered_terms,
    make_resumes,
)

COLUMNS = [
    "resume_id",
    "role",
    "years_experience",
    "degree",
    "n_role_skills",
    "n_projects",
    "gender",
    "true_qualification",
    "qualified",
    "text",
    "n_female_terms",
    "n_male_terms",
    "career_gap",
    "suggested_interview",
]
INT_COLUMNS = [
    "years_experience",
    "n_role_skills",
    "n_projects",
    "qualified",
    "n_female_terms",
    "n_male_terms",
    "career_gap",
    "suggested_interview",
]
GENDERS = ["woman", "man", "non-binary", "not disclosed"]
SECTIONS = ["EDUCATION", "EXPERIENCE", "SKILLS", "ACTIVITIES"]

# Written out by hand (not read from the module): whole words, any case.
FEMALE_RE = re.compile(r"(?<!\w)(women's|women in engineering|women in computing|girls'|sorority)(?!\w)", re.I)
MALE_RE = re.compile(r"(?<!\w)(men's|fraternity|executed|dominated|captured)(?!\w)", re.I)
GAP_RE = re.compile(r"^Career break \(caregiving\), (\d{4})–(\d{4})\.$", re.M)

# Real institutions and organisations that must never appear.
REAL_NAMES = [
    "Wellesley",
    "Smith College",
    "Barnard",
    "Bryn Mawr",
    "Mount Holyoke",
    "Spelman",
    "Vassar",
    "Radcliffe",
    "Scripps",
    "Girls Who Code",
    "Alpha Phi",
    "Kappa Kappa Gamma",
    "Delta Gamma",
    "Chi Omega",
    "Sigma Chi",
    "Harvard",
    "Stanford",
    "MIT ",
    "Oxford",
    "Cambridge",
]

# Tolerance for recovering INJECTED_EFFECTS by logistic regression at n=20,000:
# the standard errors there are about 0.03 (qualification, term counts, intercept)
# and 0.08 (career gap), so 0.25 is 3 or more standard errors for every coefficient.
EFFECT_TOLERANCE = 0.25


def _sha(df: pd.DataFrame) -> str:
    return hashlib.sha256(df.to_csv(index=False).encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def df():
    return make_resumes()


@pytest.fixture(scope="module")
def big():
    return make_resumes(n=20_000, seed=0)


def _rate_ratio(frame: pd.DataFrame, column: str = "suggested_interview") -> float:
    rates = frame.groupby("gender", observed=True)[column].mean()
    return rates["woman"] / rates["man"]


# -- determinism -------------------------------------------------------------


def test_same_arguments_same_bytes(df):
    assert _sha(make_resumes()) == _sha(df)


def test_different_seeds_differ():
    assert _sha(make_resumes(n=500, seed=0)) != _sha(make_resumes(n=500, seed=1))


def test_numpy_integer_arguments_accepted():
    assert _sha(make_resumes(n=np.int64(300), seed=np.int32(5))) == _sha(make_resumes(300, 5))


# -- shape and types -----------------------------------------------------------


def test_columns_and_dtypes(df):
    assert list(df.columns) == COLUMNS
    assert len(df) == 4000
    assert isinstance(df.index, pd.RangeIndex)
    for col in INT_COLUMNS:
        assert df[col].dtype == np.int64, col
    assert df["true_qualification"].dtype == np.float64
    assert df["resume_id"].map(type).eq(str).all()
    assert df["text"].map(type).eq(str).all()
    assert list(df["role"].cat.categories) == list(RESUME_ROLES)
    assert list(df["gender"].cat.categories) == GENDERS == list(GENDER_SHARES)
    assert df["degree"].cat.ordered
    assert list(df["degree"].cat.categories) == ["Bootcamp certificate", "Bachelor's", "Master's", "PhD"]
    assert not df.isna().any().any()


def test_ids_and_ranges(df):
    assert df["resume_id"].iloc[0] == "R00001"
    assert df["resume_id"].iloc[-1] == "R04000"
    assert df["resume_id"].is_unique
    assert df["years_experience"].between(0, 20).all()
    assert df["n_role_skills"].between(0, 6).all()
    assert df["n_projects"].between(0, 4).all()
    for col in ("qualified", "career_gap", "suggested_interview"):
        assert set(df[col].unique()) <= {0, 1}
    assert set(df["role"].unique()) == set(RESUME_ROLES)
    assert make_resumes(n=1, seed=0).shape == (1, len(COLUMNS))


def test_gender_shares(big):
    shares = big["gender"].value_counts(normalize=True)
    for gender, expected in GENDER_SHARES.items():
        assert shares[gender] == pytest.approx(expected, abs=0.015), gender
    assert list(GENDER_SHARES.values()) == [0.38, 0.52, 0.04, 0.06]


def test_roles_roughly_uniform(big):
    shares = big["role"].value_counts(normalize=True)
    assert shares.between(0.18, 0.22).all()


# -- qualification ---------------------------------------------------------------


def test_qualification_does_not_depend_on_gender(big):
    q = big["true_qualification"]
    women, men = q[big["gender"] == "woman"], q[big["gender"] == "man"]
    assert stats.ks_2samp(women, men).pvalue > 0.01
    assert abs(women.mean() - men.mean()) < 0.05 * q.std()
    for gender in ("non-binary", "not disclosed"):
        in_group = big["gender"] == gender
        assert stats.ks_2samp(q[in_group], q[~in_group]).pvalue > 0.01, gender
    qualified = big.groupby("gender", observed=True)["qualified"].mean()
    assert abs(qualified["woman"] - qualified["man"]) < 0.02


def test_qualification_scale_and_cut(big):
    q = big["true_qualification"]
    assert q.mean() == pytest.approx(0.0, abs=0.03)
    assert q.std() == pytest.approx(1.0, abs=0.03)
    assert (big["qualified"] == (q > QUALIFICATION_CUT)).all()
    assert big["qualified"].mean() == pytest.approx(0.40, abs=0.02)


def test_qualification_is_job_related(big):
    q = big["true_qualification"]
    for col in ("n_role_skills", "years_experience", "n_projects"):
        assert stats.spearmanr(q, big[col]).statistic > 0.1, col
    by_degree = big.groupby("degree", observed=True)["true_qualification"].mean()
    assert by_degree.is_monotonic_increasing


# -- the historical label -------------------------------------------------------


def test_label_rates_at_default_seed(df):
    assert df["suggested_interview"].mean() == pytest.approx(0.30, abs=0.02)
    assert 0.6 <= _rate_ratio(df) <= 0.75
    qualified = df[df["qualified"] == 1]
    assert _rate_ratio(qualified) < 0.8  # qualified women are suggested less often


def test_label_rates_at_scale(big):
    assert big["suggested_interview"].mean() == pytest.approx(0.30, abs=0.01)
    assert 0.6 <= _rate_ratio(big) <= 0.75
    qualified = big[big["qualified"] == 1]
    rates = qualified.groupby("gender", observed=True)["suggested_interview"].mean()
    assert rates["woman"] < rates["man"] - 0.1


def test_injected_effects_recovered(big):
    features = ["true_qualification", "n_female_terms", "n_male_terms", "career_gap"]
    X = big[features].to_numpy(dtype=float)
    X[:, 0] = (X[:, 0] - X[:, 0].mean()) / X[:, 0].std()
    fit = LogisticRegression(penalty=None, max_iter=1000).fit(X, big["suggested_interview"])
    estimates = dict(zip(features, fit.coef_[0]), intercept=fit.intercept_[0])
    assert set(estimates) == set(INJECTED_EFFECTS)
    for name, injected in INJECTED_EFFECTS.items():
        assert np.sign(estimates[name]) == np.sign(injected), name
        assert abs(estimates[name] - injected) <= EFFECT_TOLERANCE, (name, estimates[name])


def test_text_model_learns_the_bias(df):
    vectorizer = CountVectorizer()
    X = vectorizer.fit_transform(df["text"])
    model = LogisticRegression(solver="liblinear").fit(X, df["suggested_interview"])
    weight = dict(zip(vectorizer.get_feature_names_out(), model.coef_[0]))
    for word in ("women", "girls", "sorority", "caregiving"):
        assert weight[word] < 0, word
    for word in ("men", "fraternity"):
        assert weight[word] > 0, word


# -- the text --------------------------------------------------------------------


def test_injected_counts_match_the_text(df):
    text = df["text"]
    assert (text.map(lambda t: len(FEMALE_RE.findall(t))) == df["n_female_terms"]).all()
    assert (text.map(lambda t: len(MALE_RE.findall(t))) == df["n_male_terms"]).all()
    assert (text.map(lambda t: len(GAP_RE.findall(t))) == df["career_gap"]).all()
    head = df.head(1000)
    counted = pd.DataFrame(head["text"].map(count_gendered_terms).tolist(), index=head.index)
    assert (counted[0] == head["n_female_terms"]).all()
    assert (counted[1] == head["n_male_terms"]).all()
    assert CAREER_GAP_PHRASE.lower() == "career break (caregiving)"
    assert set(GENDERED_PHRASES) == {"female", "male"}


def test_gendered_phrases_depend_on_gender(big):
    means = big.groupby("gender", observed=True)[["n_female_terms", "n_male_terms", "career_gap"]].mean()
    assert means.loc["woman", "n_female_terms"] > 0.8
    assert means.loc["man", "n_female_terms"] < 0.1
    assert means.loc["man", "n_male_terms"] > 0.8
    assert means.loc["woman", "n_male_terms"] < 0.2
    for gender in ("non-binary", "not disclosed"):
        assert 0.2 < means.loc[gender, "n_female_terms"] < means.loc["woman", "n_female_terms"]
    assert means.loc["woman", "career_gap"] > 3 * means.loc["man", "career_gap"]
    # Within a gender, the injected phrases carry no information about qualification.
    women = big[big["gender"] == "woman"]
    assert abs(stats.spearmanr(women["n_female_terms"], women["true_qualification"]).statistic) < 0.05


def test_sections_present_in_order(big):
    for text in big["text"]:
        headers = [part.split("\n", 1)[0] for part in text.split("\n\n")]
        assert headers == SECTIONS


def test_text_reflects_the_structured_fields(df):
    for row in df.itertuples(index=False):
        edu, exp, skills, _ = row.text.split("\n\n")
        y = row.years_experience
        expected = {0: "No professional experience yet.", 1: "1 year of professional experience."}
        assert exp.splitlines()[1] == expected.get(y, f"{y} years of professional experience.")
        assert exp.count("\nProject: ") == row.n_projects
        listed = skills.splitlines()[1].rstrip(".").split(", ")
        assert len(set(listed) & set(resumes._CORE_SKILLS[row.role])) == row.n_role_skills
        marker = {
            "Bootcamp certificate": "Certificate in ",
            "Bachelor's": "B.Sc. in ",
            "Master's": "M.Sc. in ",
            "PhD": "Ph.D. in ",
        }[row.degree]
        assert edu.splitlines()[1].startswith(marker)


def test_career_gap_dates_are_consistent(big):
    for text in big.loc[big["career_gap"] == 1, "text"]:
        ((start, end),) = GAP_RE.findall(text)
        assert 1 <= int(end) - int(start) <= 3
        assert int(end) <= 2025


def test_text_reads_naturally(df):
    pronouns = re.compile(r"\b(she|her|hers|herself|he|him|his|himself)\b", re.I)
    for text in df["text"]:
        assert not pronouns.search(text)
        assert "  " not in text and "{" not in text and "\n\n\n" not in text
        for section in text.split("\n\n"):
            for line in section.splitlines():
                # Skill lists may open with a name spelled in lower case (dbt, scikit-learn).
                ok_start = line[0].isupper() or line[0].isdigit() or line.startswith("- ")
                assert ok_start or line.startswith(("dbt", "scikit-learn")), line
    lines = df["text"].str.split("\n").explode()
    body = lines[~lines.isin(SECTIONS) & (lines != "")]
    assert body.str.endswith(".").all()


def test_no_real_names(df):
    # The vocabulary lives in the module source; the texts are checked too.
    source = Path(resumes.__file__).read_text(encoding="utf-8").lower()
    texts = "\n".join(df["text"])
    lowered = texts.lower()
    for name in REAL_NAMES:
        assert name.lower() not in source, name
        assert name.lower() not in lowered, name
    greek_letters = re.compile(r"\b(Alpha|Beta|Gamma|Delta|Kappa|Sigma|Phi|Chi|Omega|Theta)\b")
    assert not greek_letters.search(texts)


# -- arguments ---------------------------------------------------------------------
