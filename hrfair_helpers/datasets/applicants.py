"""Seeded synthetic applicant pool for a NYC Local Law 144 bias audit, with documented, injected bias.

Everything here is invented: no real applicant, vendor or employer is described. The generator
uses only numpy's ``default_rng(seed)``, no global random state and no clock, so the same
``(n, seed)`` always gives the same frame, byte for byte. It is vectorised (no Python loop per
row), so pools of millions of rows are cheap enough for auditing at scale.

The causal story (see :func:`make_applicant_pool`, Notes)::

    qualified (job-related, independent of sex and race/ethnicity) ─────────────────┐
    sex ──────────► résumé proxies (employment gaps, ...) ─────────────┐            │
    race/ethnicity ► address proxies (zip code, commute) ──────────────┼─► score ───┴─► advanced (top 30%)
    sex × race ───► "presentation" rating of the video interview ──────┘
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._generators import check_size_and_seed

__all__ = [
    "ADVANCE_SHARE",
    "APPLICANT_EFFECTS",
    "QUALIFIED_RATE",
    "RACE_SHARES",
    "SEX_SHARES",
    "make_applicant_pool",
]

# ---------------------------------------------------------------------------
# Public constants
# ---------------------------------------------------------------------------

# Share of applicants by sex, as recorded in the voluntary self-identification form.
# "Unknown" (declined or not answered) is an unknown category under the LL144 rules.
SEX_SHARES: dict[str, float] = {"Female": 0.47, "Male": 0.47, "Unknown": 0.06}

# Share of applicants by race/ethnicity: the seven EEO-1 Component 1 categories plus "Unknown".
# Two categories are under 2% of the data on purpose, so the 6 RCNY §5-301(d) exclusion rule
# comes up in every audit of this pool (and every intersectional cell with them is under 2% too).
RACE_SHARES: dict[str, float] = {
    "Hispanic or Latino": 0.180,
    "White": 0.420,
    "Black or African American": 0.140,
    "Native Hawaiian or Other Pacific Islander": 0.005,
    "Asian": 0.125,
    "American Indian or Alaska Native": 0.008,
    "Two or More Races": 0.042,
    "Unknown": 0.080,
}

# Share of applicants who meet the job-related requirements (the ground truth), the same in
# every sex and race/ethnicity category.
QUALIFIED_RATE = 0.35

# The tool advances this share of the pool: the top 30% by score.
ADVANCE_SHARE = 0.30

# Every effect in the tool's score, in score points (0-100 scale); see make_applicant_pool, Notes.
# score = clip(intercept + qualified * score_qualified + noise + bias, 0, 100), rounded to 0.1.
# The entries marked BIASED are the injected bias: the tool never sees sex or race/ethnicity,
# but proxies in what it does see carry them; each entry is the net effect of its proxy.
APPLICANT_EFFECTS: dict[str, float] = {
    "score_intercept": 45.0,
    "score_qualified": 20.0,  # job-related: meets the requirements of the role
    "score_noise_sd": 12.0,  # standard deviation of the normal noise, the same for everyone
    "score_female": -2.0,  # BIASED: employment gaps and women's organisations on the résumé
    "score_black": -2.0,  # BIASED: zip code and commute distance learned from past hires
    "score_black_female": -5.0,  # BIASED: extra for Black women, on top of both (video "presentation")
}


def _ids(n: int) -> np.ndarray:
    """``"A000001"``, ``"A000002"``, ... as an object array of str, built without a loop per row."""
    width = max(6, len(str(n)))
    number = np.arange(1, n + 1, dtype=np.int64)
    codes = np.empty((n, width + 1), dtype=np.uint32)  # UCS-4 code points, one row per id
    codes[:, 0] = ord("A")
    for j in range(width, 0, -1):  # one pass per digit, not per row
        number, digit = np.divmod(number, 10)
        codes[:, j] = digit + ord("0")
    return codes.view(f"<U{width + 1}").ravel().astype(object)


def make_applicant_pool(n: int = 5000, seed: int = 0) -> pd.DataFrame:
    """Seeded synthetic applicant pool for one requisition family, with injected, documented bias.

    One row per applicant screened by an automated employment decision tool (AEDT) that scores
    every applicant and advances the top 30% to a recruiter. The pool is shaped for a New York
    City Local Law 144 bias audit (:func:`hrfair_helpers.audit.ll144_bias_audit`): EEO-1 sex and
    race/ethnicity categories, unknown categories, categories under 2% of the data, ties in the
    score at the median, and a bias that is larger for an intersectional category than for
    either attribute alone.

    Parameters
    ----------
    n : int, default 5000
        Number of applicants (positive).
    seed : int, default 0
        Seed of ``numpy.random.default_rng`` (non-negative). The same ``(n, seed)`` gives the same
        frame, byte for byte.

    Returns
    -------
    DataFrame
        ``n`` rows, columns:

        - ``applicant_id`` (str): ``"A000001"``, ``"A000002"``, ... (wider when ``n`` > 999 999);
        - ``sex`` (category): ``"Female"``, ``"Male"``, ``"Unknown"`` (shares in ``SEX_SHARES``);
        - ``race_ethnicity`` (category): the seven EEO-1 categories and ``"Unknown"`` (shares in
          ``RACE_SHARES``; Native Hawaiian or Other Pacific Islander and American Indian or Alaska
          Native are under 2%);
        - ``qualified`` (int64, 0/1): meets the job-related requirements; the ground truth;
        - ``score`` (float64): the tool's score, 0 to 100 with one decimal;
        - ``advanced`` (int64, 0/1): the tool advanced the applicant (top 30% by score).

    Raises
    ------
    ValueError
        If ``n`` is not a positive integer or ``seed`` is not a non-negative integer.

    See Also
    --------
    hrfair_helpers.audit.ll144_bias_audit : the bias audit this pool is made for.

    Notes
    -----
    The causal story, in the order the generator draws it (all draws are vectorised):

    1. ``sex`` and ``race_ethnicity`` are drawn independently of each other with the shares in
       ``SEX_SHARES`` and ``RACE_SHARES``.
    2. ``qualified`` is Bernoulli(``QUALIFIED_RATE``) = Bernoulli(0.35) for everyone: the job-related
       ground truth does not depend on sex or race/ethnicity, so any group difference in who is
       advanced is the tool's, not the pool's.
    3. The tool never sees sex or race/ethnicity, but what it does see carries them (the
       proxies are not columns of the frame; only their net effect is injected)::

           score = clip(45 + 20 * qualified + N(0, 12^2)
                        - 2 * [Female]                      # employment gaps, women's organisations
                        - 2 * [Black or African American]   # zip code, commute distance
                        - 5 * [Female and Black],           # "presentation" in the video interview
                        0, 100), rounded to one decimal

       with the numbers in ``APPLICANT_EFFECTS``. Black women lose 2 + 2 + 5 = 9 points, more
       than the 4 points the two main effects add up to: the intersectional penalty is larger
       than the sum. People whose sex or race/ethnicity is unknown get no penalty from that
       attribute. Rounding to one decimal makes ties common, also at the median of the full
       sample (which matters for a scoring-rate audit: a score equal to the median is not above it).
    4. ``advanced`` is 1 for the ``round(0.3 * n)`` highest scores (half rounded up). Ties at the
       cut-off are broken by a random permutation drawn from the same seeded generator, so
       exactly that many are advanced and the choice is reproducible.

    With the default effects and a large pool, about 30% of men and 25% of women are advanced
    (impact ratio about 0.83), Black applicants about 0.73 of the highest race/ethnicity rate,
    and Black women about half the rate of the highest intersectional category: the sex table
    alone sits near the four-fifths line (0.80 in the example below, about 0.83 in large pools),
    the intersectional table shows the harm.

    Examples
    --------
    >>> from hrfair_helpers.datasets import make_applicant_pool
    >>> pool = make_applicant_pool(n=5000, seed=0)
    >>> pool.shape
    (5000, 6)
    >>> list(pool.columns)
    ['applicant_id', 'sex', 'race_ethnicity', 'qualified', 'score', 'advanced']
    >>> pool.loc[0, "applicant_id"], int(pool["advanced"].sum())
    ('A000001', 1500)
    >>> pool.equals(make_applicant_pool(n=5000, seed=0))
    True
    >>> pool.equals(make_applicant_pool(n=5000, seed=1))
    False
    >>> int((pool["score"] == pool["score"].median()).sum()) > 1  # ties at the median
    True

    The NYC Local Law 144 audit of the tool's selections. In a pool of 5000 the 26 Native Hawaiian
    or Other Pacific Islander applicants happen to have the highest selection rate, so they are
    the reference of the race/ethnicity table, a reason the rules let the auditor exclude
    categories under 2% of the data (6 RCNY §5-301(d)):

    >>> from hrfair_helpers.audit import ll144_bias_audit
    >>> rep = ll144_bias_audit(pool, sex="sex", race_ethnicity="race_ethnicity", selected="advanced")
    >>> rep.unknown_count
    {'sex': 298, 'race_ethnicity': 378, 'intersectional': 657}
    >>> rep.reference["race_ethnicity"]
    'Native Hawaiian or Other Pacific Islander'
    >>> rep = ll144_bias_audit(pool, sex="sex", race_ethnicity="race_ethnicity", selected="advanced",
    ...                        exclude_small=True, justification="under 2% of the data: too few "
    ...                        "applicants for a stable selection rate")
    >>> float(rep.sex.loc["Female", "impact_ratio"].round(2))
    0.8
    >>> float(rep.race_ethnicity.loc["Black or African American", "impact_ratio"].round(2))
    0.74
    >>> rep.intersectional.loc["Female", ["n", "selected", "impact_ratio"]].round(2)
                                                 n  selected  impact_ratio
    race_ethnicity
    Hispanic or Latino                         424       119          0.78
    White                                      996       289          0.80
    Black or African American                  356        64          0.50
    Native Hawaiian or Other Pacific Islander   11         3           NaN
    Asian                                      281        71          0.70
    American Indian or Alaska Native            17         3           NaN
    Two or More Races                          112        33          0.82
    """
    check_size_and_seed(n, seed)
    n = int(n)
    rng = np.random.default_rng(seed)
    e = APPLICANT_EFFECTS

    sex_shares = np.fromiter(SEX_SHARES.values(), dtype=float)
    race_shares = np.fromiter(RACE_SHARES.values(), dtype=float)
    sex = rng.choice(len(SEX_SHARES), size=n, p=sex_shares / sex_shares.sum())
    race = rng.choice(len(RACE_SHARES), size=n, p=race_shares / race_shares.sum())
    qualified = (rng.random(n) < QUALIFIED_RATE).astype(np.int64)
    noise = rng.standard_normal(n)

    female = sex == list(SEX_SHARES).index("Female")
    black = race == list(RACE_SHARES).index("Black or African American")
    latent = e["score_intercept"] + e["score_qualified"] * qualified + e["score_noise_sd"] * noise
    latent += e["score_female"] * female + e["score_black"] * black
    latent += e["score_black_female"] * (female & black)
    tenths = np.rint(np.clip(latent, 0.0, 100.0) * 10.0).astype(np.int64)  # score in tenths of a point
    score = tenths / 10.0

    # Top ADVANCE_SHARE by score; ties broken by a seeded random permutation, so every key is
    # unique and exactly k applicants are advanced.
    k = int(np.floor(ADVANCE_SHARE * n + 0.5))
    key = tenths * n + rng.permutation(n)
    advanced = np.zeros(n, dtype=np.int64)
    if k > 0:
        advanced[key >= np.partition(key, n - k)[n - k]] = 1

    return pd.DataFrame(
        {
            "applicant_id": _ids(n),
            "sex": pd.Categorical.from_codes(sex, categories=list(SEX_SHARES)),
            "race_ethnicity": pd.Categorical.from_codes(race, categories=list(RACE_SHARES)),
            "qualified": qualified,
            "score": score,
            "advanced": advanced,
        }
    )
