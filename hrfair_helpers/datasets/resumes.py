"""Seeded synthetic resumes for technical roles, with a documented, injected hiring bias.

Everything here is invented: no real person, employer, college, club or
sorority appears. The generator uses only numpy's ``default_rng(seed)``, no
global random state and no clock, so the same ``(n, seed)`` always gives the
same frame, byte for byte.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._generators import check_size_and_seed

__all__ = [
    "CAREER_GAP_PHRASE",
    "GENDERED_PHRASES",
    "GENDER_SHARES",
    "INJECTED_EFFECTS",
    "QUALIFICATION_CUT",
    "RESUME_ROLES",
    "count_gendered_terms",
    "make_resumes",
]

# ---------------------------------------------------------------------------
# Public constants
# ---------------------------------------------------------------------------

RESUME_ROLES: tuple[str, ...] = (
    "Software Engineer",
    "Data Scientist",
    "DevOps Engineer",
    "Security Analyst",
    "Data Engineer",
)

# Self-reported gender and the probability with which each row is drawn.
GENDER_SHARES: dict[str, float] = {
    "woman": 0.38,
    "man": 0.52,
    "non-binary": 0.04,
    "not disclosed": 0.06,
}

# The historical recruiters' decision, on the log-odds scale (see make_resumes):
# logit P(suggested_interview = 1) = intercept + sum(effect * column).
# true_qualification is already on a z-scale, so its effect is per standard deviation.
INJECTED_EFFECTS: dict[str, float] = {
    "intercept": -1.27,
    "true_qualification": 2.0,  # per standard deviation of the job-related score
    "n_female_terms": -0.7,  # per female-associated phrase in the text
    "n_male_terms": 0.3,  # per male-coded phrase in the text
    "career_gap": -0.6,  # a caregiving career break in the text
}

# The phrases injected into the text, matched case-insensitively as whole
# words (see count_gendered_terms). Each injected item contains exactly one.
GENDERED_PHRASES: dict[str, tuple[str, ...]] = {
    "female": ("women's", "women in engineering", "women in computing", "girls'", "sorority"),
    "male": ("men's", "fraternity", "executed", "dominated", "captured"),
}
# Flagged by the `career_gap` column; not counted in n_female_terms.
CAREER_GAP_PHRASE = "career break (caregiving)"

# The population mean and standard deviation of the raw qualification score
# (computed exactly from the sampling distributions), used to put
# true_qualification on a z-scale that does not depend on n or seed.
_RAW_MEAN = 3.96993
_RAW_SD = 1.17799
# 60th percentile of true_qualification in the population (from 20 million draws):
# about 40% of resumes are qualified.
QUALIFICATION_CUT = 0.258

_REFERENCE_YEAR = 2025  # "present" in every resume; fixed, never the clock

# ---------------------------------------------------------------------------
# Vocabulary (all names invented)
# ---------------------------------------------------------------------------

_CORE_SKILLS = {
    "Software Engineer": ("Java", "Go", "TypeScript", "REST APIs", "Unit testing", "System design"),
    "Data Scientist": ("Python", "Statistics", "scikit-learn", "SQL", "Experiment design", "PyTorch"),
    "DevOps Engineer": ("Kubernetes", "Terraform", "Docker", "CI/CD", "Linux", "AWS"),
    "Security Analyst": (
        "Threat modelling",
        "SIEM",
        "Penetration testing",
        "Incident response",
        "Network security",
        "Cryptography",
    ),
    "Data Engineer": ("Spark", "Airflow", "Kafka", "Data modelling", "Scala", "dbt"),
}
_N_CORE = 6
_OTHER_SKILLS = (
    "Git",
    "Agile",
    "Jira",
    "Technical writing",
    "Excel",
    "Bash",
    "HTML",
    "Project management",
    "Tableau",
    "Public speaking",
)
_FIELDS = {
    "Software Engineer": ("Computer Science", "Software Engineering"),
    "Data Scientist": ("Statistics", "Mathematics", "Computer Science", "Physics"),
    "DevOps Engineer": ("Computer Science", "Information Systems"),
    "Security Analyst": ("Cybersecurity", "Computer Science"),
    "Data Engineer": ("Computer Science", "Information Systems", "Mathematics"),
}
_BOOTCAMP_TOPICS = {
    "Software Engineer": "Software Development",
    "Data Scientist": "Data Science",
    "DevOps Engineer": "Cloud Operations",
    "Security Analyst": "Cybersecurity",
    "Data Engineer": "Data Engineering",
}
_UNIVERSITIES = (
    "Halverston University",
    "Redmoor Institute of Technology",
    "Osprey Valley University",
    "Corrigan Bay Polytechnic",
    "Tamsin Ridge State University",
    "Westmarch University",
)
_WOMENS_COLLEGES = (
    "Kestrel Bay Women's College",
    "Alder Ridge Women's College",
    "Wrenfield Women's College",
)
_BOOTCAMPS = ("Brightpath Code Academy", "Lantern Lane Bootcamp", "Copperleaf Tech School")
_COMPANIES = (
    "Fenwick & Marr Analytics",
    "Harbourline Logistics",
    "Corvidae Systems",
    "Tallowmere Bank",
    "Quillfeather Software",
    "Ostrander Retail Group",
    "Meridel Energy",
    "Pellucid Health",
)
_SYSTEMS = {
    "Software Engineer": ("the payments service", "the mobile app back end", "the search API"),
    "Data Scientist": ("the churn model", "the demand forecast", "the recommendation engine"),
    "DevOps Engineer": ("the deployment pipelines", "the staging cluster", "the logging stack"),
    "Security Analyst": (
        "the on-call runbooks",
        "the vulnerability scanner",
        "the access-review process",
    ),
    "Data Engineer": ("the nightly ETL jobs", "the event-streaming platform", "the data warehouse"),
}
_METRICS = {
    "Software Engineer": ("page-load time", "API latency", "crash rate"),
    "Data Scientist": ("forecast error", "model training time", "customer churn"),
    "DevOps Engineer": ("deployment time", "cloud spend", "build failures"),
    "Security Analyst": ("mean time to detect", "open critical vulnerabilities", "phishing click rate"),
    "Data Engineer": ("pipeline run time", "storage costs", "data-quality incidents"),
}
_PROJECTS = {
    "Software Engineer": (
        "an open-source command-line tool for managing configuration files",
        "a browser extension that checks colour contrast",
        "a real-time chat app with end-to-end tests",
        "a static-site generator",
        "a rate-limiting library",
    ),
    "Data Scientist": (
        "a demand-forecasting model for a public bike-share data set",
        "an A/B-test analysis toolkit",
        "a text classifier for customer-support tickets",
        "a dashboard of regional energy use",
        "a Bayesian model of football match outcomes",
    ),
    "DevOps Engineer": (
        "an infrastructure-as-code module for blue-green deployments",
        "a home-lab container cluster",
        "a log-aggregation stack for a non-profit",
        "a build template for open-source packages",
        "a cost-monitoring script for cloud accounts",
    ),
    "Security Analyst": (
        "a series of CTF write-ups",
        "a phishing-awareness training module",
        "a honeypot for SSH brute-force attempts",
        "a password-policy audit script",
        "a security review of an open-source web app",
    ),
    "Data Engineer": (
        "a streaming pipeline for public transit data",
        "a data-quality testing framework",
        "a transformation layer for an open payroll data set",
        "a Parquet conversion tool",
        "a schema-registry demo",
    ),
}
_N_PROJECT_IDEAS = 5
_DEGREES = ("Bootcamp certificate", "Bachelor's", "Master's", "PhD")
_DEGREE_PROBS = (0.12, 0.55, 0.26, 0.07)

# Experience bullets: (neutral verb, male-coded verb, rest of the sentence).
# {system}, {metric}, {pct}, {k} are filled per row. Skills are named only in SKILLS,
# so that a bag-of-words model sees each listed skill once.
_BULLETS = (
    ("Led", "Executed", " the redesign of {system}."),
    ("Achieved", "Captured", " a {pct}% reduction in {metric}."),
    ("Won", "Dominated", " the company hackathon with a working prototype."),
    ("Coordinated", "Executed", " the rollout of {system} across {k} teams."),
)

_SPORTS = ("rugby", "rowing", "basketball", "volleyball", "cricket")
_TEAM_POSTS = ("Captain", "Member", "Vice-captain")
_CLUBS = ("chess club", "debate society", "robotics club", "coding club")
_CLUB_POSTS = ("President", "Member", "Treasurer")
_AFFINITY = ("Women in Engineering", "Women in Computing")
_AFFINITY_POSTS = ("Member", "Committee member", "Events lead")
_MENTORING = ("coding workshops", "robotics camps", "maths circles")
_GREEK_NAMES = ("Linden Circle", "Vesper Hall", "Juniper House", "Ashcombe Lodge")
_GREEK_POSTS = ("Member", "Treasurer", "Events chair")
_HOBBIES = (
    "Volunteer, community food bank.",
    "Contributor to open-source projects.",
    "Organiser, local tech meetup.",
    "Member of the amateur astronomy society.",
    "Trail running and hiking.",
    "Member of the photography club.",
)

# ---------------------------------------------------------------------------
# Gender-dependent injection rates. Rows: woman, man, non-binary, not disclosed.
# These are the only places where gender enters the data apart from the label.
# ---------------------------------------------------------------------------

# P(bachelor's degree from a women's college | has a bachelor's degree or higher)
_P_WOMENS_COLLEGE = np.array([0.15, 0.0, 0.06, 0.06])
# Sports slot: none, women's team, men's team, neutral club
_P_SPORT = np.array(
    [
        [0.55, 0.30, 0.00, 0.15],
        [0.50, 0.00, 0.35, 0.15],
        [0.55, 0.10, 0.10, 0.25],
        [0.50, 0.15, 0.20, 0.15],
    ]
)
# Club slot: none, women's club, men's club, neutral club
_P_CLUB = np.array(
    [
        [0.50, 0.15, 0.00, 0.35],
        [0.55, 0.00, 0.05, 0.40],
        [0.50, 0.08, 0.02, 0.40],
        [0.50, 0.08, 0.04, 0.38],
    ]
)
# Women-in-tech society membership
_P_AFFINITY = np.array([0.22, 0.01, 0.12, 0.08])
# Mentoring slot: none, girls' workshops, youth (neutral) workshops
_P_MENTORING = np.array(
    [
        [0.77, 0.10, 0.13],
        [0.82, 0.02, 0.16],
        [0.78, 0.07, 0.15],
        [0.80, 0.05, 0.15],
    ]
)
# Greek-letter-style society: none, sorority, fraternity (names invented)
_P_GREEK = np.array(
    [
        [0.90, 0.10, 0.00],
        [0.85, 0.00, 0.15],
        [0.94, 0.03, 0.03],
        [0.90, 0.04, 0.06],
    ]
)
# Each experience bullet opens with a male-coded verb
_P_MALE_VERB = np.array([0.05, 0.20, 0.10, 0.12])
# Caregiving career break
_P_CAREER_GAP = np.array([0.16, 0.03, 0.07, 0.07])

_PHRASE_PATTERNS = {
    kind: re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\w)", re.IGNORECASE)
    for kind, phrases in GENDERED_PHRASES.items()
}


def count_gendered_terms(text: str) -> tuple[int, int]:
    """Count the female-associated and male-coded phrases of `GENDERED_PHRASES` in a text.

    Matching is case-insensitive and on whole words, so ``"men's"`` is not
    found inside ``"women's"``. The caregiving career break is not counted.

    Parameters
    ----------
    text : str

    Returns
    -------
    (int, int)
        The number of female-associated and of male-coded phrases.

    Examples
    --------
    >>> count_gendered_terms("Captain of the women's chess club. Executed the rollout.")
    (1, 1)
    """
    return len(_PHRASE_PATTERNS["female"].findall(text)), len(_PHRASE_PATTERNS["male"].findall(text))


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


def _categorical(rng: np.random.Generator, probs: np.ndarray, gender: np.ndarray) -> np.ndarray:
    """One categorical draw per row, with row-specific probabilities ``probs[gender]``."""
    cum = np.cumsum(probs, axis=1)[gender]
    u = rng.random(len(gender))
    return np.minimum((u[:, None] >= cum).sum(axis=1), probs.shape[1] - 1)


def make_resumes(n: int = 4000, seed: int = 0) -> pd.DataFrame:
    r"""Generate synthetic resumes for technical roles with a known, injected hiring bias.

    Each row is an invented applicant: a structured profile, a resume text
    written from templates, a job-related qualification score that does not
    depend on gender, and a *historical* label, ``suggested_interview``, from
    a simulated biased screening process whose effect sizes are public
    (`INJECTED_EFFECTS`). Because the true qualification is known, audits can
    separate what the label says from what it should have said.

    Parameters
    ----------
    n : int, default 4000
        Number of resumes (rows), a positive integer.
    seed : int, default 0
        Seed for ``numpy.random.default_rng``, a non-negative integer. The
        same ``(n, seed)`` always gives the same frame; rows are not a prefix
        of a larger sample with the same seed.

    Returns
    -------
    pandas.DataFrame
        One row per resume, columns in this order:

        - ``resume_id`` (str): ``"R00001"``, ``"R00002"``, ...;
        - ``role`` (category, `RESUME_ROLES`): the role applied for, uniform;
        - ``years_experience`` (int64, 0-20): years of paid work, excluding
          any career break;
        - ``degree`` (ordered category): ``"Bootcamp certificate"`` <
          ``"Bachelor's"`` < ``"Master's"`` < ``"PhD"``;
        - ``n_role_skills`` (int64, 0-6): listed skills that match the role;
        - ``n_projects`` (int64, 0-4): projects listed as evidence;
        - ``gender`` (category): self-reported, ``"woman"``, ``"man"``,
          ``"non-binary"``, ``"not disclosed"`` (`GENDER_SHARES`:
          38/52/4/6%);
        - ``true_qualification`` (float64): the latent job-related score, on
          a population z-scale (mean 0, sd 1), rounded to 3 decimals;
        - ``qualified`` (int64): 1 if ``true_qualification >
          QUALIFICATION_CUT`` (about 40% of rows);
        - ``text`` (str): the resume, with sections ``EDUCATION``,
          ``EXPERIENCE``, ``SKILLS`` and ``ACTIVITIES`` separated by blank
          lines;
        - ``n_female_terms``, ``n_male_terms`` (int64): the number of
          female-associated and male-coded phrases injected into the text
          (`GENDERED_PHRASES`; equal to `count_gendered_terms` of the text);
        - ``career_gap`` (int64): 1 if the text lists a caregiving career
          break (`CAREER_GAP_PHRASE`);
        - ``suggested_interview`` (int64): the historical label, 1 if past
          recruiters suggested an interview.

    Raises
    ------
    ValueError
        If `n` is not a positive integer or `seed` is not a non-negative
        integer (bools and None are rejected).

    See Also
    --------
    count_gendered_terms : Count the injected phrases in any text.

    Notes
    -----
    *Causal story.* The generator follows these steps; gender enters only at
    steps 3 and 4.

    1. Gender, role, years of experience, degree, the number of matching
       skills, the number of projects and an unobserved job-related factor
       are drawn independently of one another.
    2. ``true_qualification`` is a weighted sum of the matching skills
       (0.5 each), ``log(1 + years_experience)`` (0.9), the degree level
       (0.35 per step), the projects (0.3 each) and the unobserved factor
       (normal, sd 0.7), standardised with fixed population constants. It
       does not depend on gender, by construction.
    3. The resume text is written from templates that reflect these fields.
       Gendered signals are added at rates that depend on gender and on
       nothing else: female-associated phrases (women's teams and clubs, an
       invented women's college, Women in Engineering or Women in Computing
       societies, mentoring at girls' workshops, sororities with invented
       names) average about 1.0 per resume for women, 0.03 for men and about
       0.4-0.5 for the other two groups; male-coded phrases (men's teams and
       clubs, fraternities with invented names, and the verbs "executed",
       "dominated" and "captured" opening experience bullets) average about
       1.05 per resume for men, 0.12 for women and about 0.4-0.6 for the other
       two groups. Wording that can carry gender but is not one of
       `GENDERED_PHRASES` (for example "Events lead", a post offered only in
       the women-in-tech societies) is not counted, so it can act as a
       proxy.
    4. A caregiving career break (`CAREER_GAP_PHRASE`, with years) is listed
       for 16% of women, 3% of men and 7% of the other two groups. It does not
       reduce ``years_experience`` or ``true_qualification``.
    5. Past recruiters' decision: with ``z = true_qualification``,
       ``logit p = -1.27 + 2.0 z - 0.7 n_female_terms + 0.3 n_male_terms
       - 0.6 career_gap`` (the values in `INJECTED_EFFECTS`), and
       ``suggested_interview`` is a Bernoulli draw with probability ``p``.
       That is the same as suggesting an interview when the log-odds plus
       standard logistic noise exceed 0, so a logistic regression of the
       label on these four columns estimates the injected effects. The
       intercept gives about 30% suggested overall.

    So the label carries label bias: among equally qualified applicants,
    those whose resumes mention women's activities or a caregiving break were
    suggested less often, and a model trained on the text learns the gendered
    words as negative evidence. Women and men are equally qualified (about
    40% each), yet at the default size and seed 23.2% of women and 36.5% of
    men are suggested, an impact ratio of 0.64; among qualified applicants
    the rates are 46.3% and 68.2%.

    Nothing in the data describes real people: all employers, colleges,
    clubs and societies are invented, and the effect sizes are chosen for
    teaching, not estimated from any real hiring process.

    Examples
    --------
    >>> from hrfair_helpers.datasets.resumes import make_resumes
    >>> df = make_resumes(n=200, seed=1)
    >>> df.shape
    (200, 14)
    >>> df.loc[0, "resume_id"]
    'R00001'
    >>> [section.splitlines()[0] for section in df.loc[0, "text"].split("\n\n")]
    ['EDUCATION', 'EXPERIENCE', 'SKILLS', 'ACTIVITIES']
    >>> make_resumes(n=200, seed=1).equals(df)
    True

    The bias is in the label, not in the qualification:

    >>> df = make_resumes()
    >>> by_gender = df.groupby("gender", observed=True)
    >>> by_gender[["qualified", "suggested_interview"]].mean().round(3)
                   qualified  suggested_interview
    gender
    woman              0.411                0.232
    man                0.414                0.365
    non-binary         0.422                0.299
    not disclosed      0.428                0.341
    """
    check_size_and_seed(n, seed)
    n = int(n)
    rng = np.random.default_rng(int(seed))

    # -- Step 1: gender and the gender-independent profile ------------------
    gender = rng.choice(len(GENDER_SHARES), size=n, p=list(GENDER_SHARES.values()))
    role = rng.integers(0, len(RESUME_ROLES), size=n)
    years = np.clip(np.rint(rng.gamma(1.8, 3.5, size=n)), 0, 20).astype(np.int64)
    degree = rng.choice(len(_DEGREES), size=n, p=_DEGREE_PROBS)
    n_core = rng.binomial(_N_CORE, 0.5, size=n)
    core_order = rng.random((n, _N_CORE)).argsort(axis=1)
    n_other = rng.integers(1, 4, size=n)
    other_order = rng.random((n, len(_OTHER_SKILLS))).argsort(axis=1)
    n_projects = np.minimum(rng.poisson(1.4, size=n), 4)
    project_order = rng.random((n, _N_PROJECT_IDEAS)).argsort(axis=1)
    unobserved = rng.normal(0.0, 0.7, size=n)

    # -- Step 2: the job-related qualification ------------------------------
    raw = 0.5 * n_core + 0.9 * np.log1p(years) + 0.35 * degree + 0.3 * n_projects + unobserved
    true_q = np.round((raw - _RAW_MEAN) / _RAW_SD, 3)
    qualified = (true_q > QUALIFICATION_CUT).astype(np.int64)

    # -- Gender-independent choices that only shape the wording -------------
    field = rng.integers(0, 12, size=n)  # reduced modulo the role's field list
    uni = rng.integers(0, len(_UNIVERSITIES), size=(n, 2))
    womens_college_name = rng.integers(0, len(_WOMENS_COLLEGES), size=n)
    bootcamp = rng.integers(0, len(_BOOTCAMPS), size=n)
    two_jobs = (years >= 3) & (rng.random(n) < 0.65)
    split = rng.random(n)
    company1 = rng.integers(0, len(_COMPANIES), size=n)
    company2 = (company1 + rng.integers(1, len(_COMPANIES), size=n)) % len(_COMPANIES)
    bullet_start = rng.integers(0, len(_BULLETS), size=n)
    system_start = rng.integers(0, 3, size=n)
    metric = rng.integers(0, 3, size=n)
    pct = rng.integers(15, 61, size=n)
    teams = rng.integers(2, 9, size=n)
    gap_years = rng.integers(1, 4, size=n)
    sport = rng.integers(0, len(_SPORTS), size=n)
    team_post = rng.integers(0, len(_TEAM_POSTS), size=n)
    club = rng.integers(0, len(_CLUBS), size=n)
    club_post = rng.integers(0, len(_CLUB_POSTS), size=n)
    affinity = rng.integers(0, len(_AFFINITY), size=n)
    affinity_post = rng.integers(0, len(_AFFINITY_POSTS), size=n)
    mentoring = rng.integers(0, len(_MENTORING), size=n)
    greek_name = rng.integers(0, len(_GREEK_NAMES), size=n)
    greek_post = rng.integers(0, len(_GREEK_POSTS), size=n)
    hobby = np.where(rng.random(n) < 0.6, rng.integers(0, len(_HOBBIES), size=n), -1)

    # -- Steps 3 and 4: gendered signals, at gender-dependent rates ---------
    has_bachelors = degree >= 1
    womens_college = has_bachelors & (rng.random(n) < _P_WOMENS_COLLEGE[gender])
    sport_slot = _categorical(rng, _P_SPORT, gender)
    club_slot = _categorical(rng, _P_CLUB, gender)
    affinity_member = rng.random(n) < _P_AFFINITY[gender]
    mentoring_slot = _categorical(rng, _P_MENTORING, gender)
    greek_slot = _categorical(rng, _P_GREEK, gender)
    male_verb = rng.random((n, 3)) < _P_MALE_VERB[gender][:, None]
    career_gap = rng.random(n) < _P_CAREER_GAP[gender]

    # Bullets: two for the current job, one for an earlier job, none without experience.
    n_bullets = np.where(years == 0, 0, 2 + two_jobs)
    male_verb &= np.arange(3)[None, :] < n_bullets[:, None]
    # Stack before summing: `+` on two boolean arrays is a logical or, not a count.
    n_female = np.column_stack(
        [
            womens_college,
            sport_slot == 1,
            club_slot == 1,
            affinity_member,
            mentoring_slot == 1,
            greek_slot == 1,
        ]
    ).sum(axis=1, dtype=np.int64)
    n_male = np.column_stack(
        [
            sport_slot == 2,
            club_slot == 2,
            greek_slot == 2,
            male_verb,
        ]
    ).sum(axis=1, dtype=np.int64)

    # -- Step 5: the historical, biased label -------------------------------
    e = INJECTED_EFFECTS
    logit = (
        e["intercept"]
        + e["true_qualification"] * true_q
        + e["n_female_terms"] * n_female
        + e["n_male_terms"] * n_male
        + e["career_gap"] * career_gap
    )
    suggested = (rng.random(n) < 1.0 / (1.0 + np.exp(-logit))).astype(np.int64)

    # -- Text ---------------------------------------------------------------
    texts = []
    for i in range(n):
        r = RESUME_ROLES[role[i]]
        y = int(years[i])
        gap = int(gap_years[i]) if career_gap[i] else 0
        y1 = 1 + int(split[i] * (y - 1)) if two_jobs[i] else y
        start1 = _REFERENCE_YEAR - y1
        grad = _REFERENCE_YEAR - y - gap
        fields = _FIELDS[r]

        # EDUCATION
        edu = ["EDUCATION"]
        if degree[i] == 0:
            edu.append(f"Certificate in {_BOOTCAMP_TOPICS[r]}, {_BOOTCAMPS[bootcamp[i]]}, {grad}.")
        else:
            first_school = _WOMENS_COLLEGES[womens_college_name[i]] if womens_college[i] else _UNIVERSITIES[uni[i, 0]]
            f = fields[field[i] % len(fields)]
            if degree[i] == 1:
                edu.append(f"B.Sc. in {f}, {first_school}, {grad}.")
            else:
                label, length = ("M.Sc.", 2) if degree[i] == 2 else ("Ph.D.", 5)
                edu.append(f"{label} in {f}, {_UNIVERSITIES[uni[i, 1]]}, {grad}.")
                f0 = fields[(field[i] + 1) % len(fields)]
                edu.append(f"B.Sc. in {f0}, {first_school}, {grad - length}.")

        # EXPERIENCE
        exp = ["EXPERIENCE"]
        if y == 0:
            exp.append("No professional experience yet.")
        else:
            exp.append(f"{y} year{'s' if y > 1 else ''} of professional experience.")
        listed_core = [_CORE_SKILLS[r][j] for j in core_order[i, : n_core[i]]]
        bullets = []
        for b in range(n_bullets[i]):
            neutral, male, rest = _BULLETS[(bullet_start[i] + b) % len(_BULLETS)]
            bullets.append(
                "- "
                + (male if male_verb[i, b] else neutral)
                + rest.format(
                    system=_SYSTEMS[r][(system_start[i] + b) % 3],
                    metric=_METRICS[r][metric[i]],
                    pct=pct[i],
                    k=teams[i],
                )
            )
        if y > 0:
            exp.append(f"{_title(r, y)}, {_COMPANIES[company1[i]]}, {start1}–present.")
            exp.extend(bullets[:2])
        if gap:
            end = start1 if y > 0 else _REFERENCE_YEAR
            exp.append(f"Career break (caregiving), {end - gap}–{end}.")
        if two_jobs[i]:
            y2 = y - y1
            end2 = start1 - gap
            exp.append(f"{_title(r, y2, earlier=True)}, {_COMPANIES[company2[i]]}, {end2 - y2}–{end2}.")
            exp.extend(bullets[2:])
        for j in project_order[i, : n_projects[i]]:
            exp.append(f"Project: {_PROJECTS[r][j]}.")

        # SKILLS
        skills = listed_core + [_OTHER_SKILLS[j] for j in other_order[i, : n_other[i]]]
        skl = ["SKILLS", ", ".join(skills) + "."]

        # ACTIVITIES
        act = ["ACTIVITIES"]
        s = sport_slot[i]
        if s in (1, 2):
            who = "women's" if s == 1 else "men's"
            act.append(f"{_TEAM_POSTS[team_post[i]]} of the {who} {_SPORTS[sport[i]]} team.")
        elif s == 3:
            act.append(f"{_TEAM_POSTS[team_post[i]]} of the {_SPORTS[sport[i]]} club.")
        c = club_slot[i]
        if c:
            who = {1: "women's ", 2: "men's ", 3: ""}[int(c)]
            act.append(f"{_CLUB_POSTS[club_post[i]]} of the {who}{_CLUBS[club[i]]}.")
        if affinity_member[i]:
            act.append(f"{_AFFINITY_POSTS[affinity_post[i]]}, {_AFFINITY[affinity[i]]} society.")
        m = mentoring_slot[i]
        if m:
            who = "girls'" if m == 1 else "youth"
            act.append(f"Volunteer mentor at {who} {_MENTORING[mentoring[i]]}.")
        g = greek_slot[i]
        if g:
            kind = "sorority" if g == 1 else "fraternity"
            act.append(f"{_GREEK_POSTS[greek_post[i]]}, {_GREEK_NAMES[greek_name[i]]} {kind}.")
        if hobby[i] >= 0:
            act.append(_HOBBIES[hobby[i]])
        if len(act) == 1:
            act.append("None listed.")

        texts.append("\n\n".join("\n".join(part) for part in (edu, exp, skl, act)))

    width = max(5, len(str(n)))
    df = pd.DataFrame(
        {
            "resume_id": [f"R{i:0{width}d}" for i in range(1, n + 1)],
            "role": pd.Categorical.from_codes(role, categories=list(RESUME_ROLES)),
            "years_experience": years,
            "degree": pd.Categorical.from_codes(degree, categories=list(_DEGREES), ordered=True),
            "n_role_skills": n_core.astype(np.int64),
            "n_projects": n_projects.astype(np.int64),
            "gender": pd.Categorical.from_codes(gender, categories=list(GENDER_SHARES)),
            "true_qualification": true_q,
            "qualified": qualified,
            "text": texts,
            "n_female_terms": n_female,
            "n_male_terms": n_male,
            "career_gap": career_gap.astype(np.int64),
            "suggested_interview": suggested,
        }
    )
    return df


def _title(role: str, years: int, earlier: bool = False) -> str:
    """Job title for a role and years of experience (earlier jobs are junior or plain)."""
    if years < 2 or (earlier and years < 4):
        return f"Junior {role}"
    if earlier or years < 7:
        return role
    return f"Senior {role}" if years < 13 else f"Lead {role}"
