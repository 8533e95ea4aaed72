"""Seeded synthetic workforce for the promotion-algorithm case, with documented, injected bias.

Everything here is invented: no real employer or employee is described. The
generator uses only numpy's ``default_rng(seed)``, no global random state and
no clock, so the same ``(n, seed, gap)`` always gives the same frame, byte for
byte.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from ._generators import check_size_and_seed

__all__ = [
    "BIASED_EFFECTS",
    "CAUSAL_GRAPH",
    "DEFAULT_GAP",
    "DEPARTMENTS",
    "GAP_DECOMPOSITION",
    "GAP_PATHWAYS",
    "GENDER_SHARES",
    "MODEL_FEATURES",
    "PROMOTION_EFFECTS",
    "PROMOTION_RATE",
    "RECOMMEND_SHARE",
    "make_promotions",
]

# ---------------------------------------------------------------------------
# Public constants
# ---------------------------------------------------------------------------

GENDER_SHARES: dict[str, float] = {"woman": 0.46, "man": 0.54}

DEPARTMENTS: tuple[str, ...] = ("Engineering", "Sales", "Operations", "Finance", "People")

# The gap at which the biased effects take the values written in
# PROMOTION_EFFECTS; for any other gap they are multiplied by gap / DEFAULT_GAP.
DEFAULT_GAP = 0.30

# Every effect in the generator, on the scale of the equation it enters (see
# make_promotions, Notes). The effects named in BIASED_EFFECTS are the bias and
# are multiplied by gap / DEFAULT_GAP; the others are job-related and fixed.
PROMOTION_EFFECTS: dict[str, float] = {
    # high_visibility_projects ~ Poisson(rate), capped at 6; log(rate) = ...
    "projects_intercept": 0.0,
    "projects_per_readiness": 0.45,  # per standard deviation of true_readiness
    "projects_woman": -0.27,  # BIASED: managers give women fewer visible projects
    # logit P(manager_nomination = 1) = ...
    "nomination_intercept": -1.4,
    "nomination_per_readiness": 1.0,  # per standard deviation of true_readiness
    "nomination_per_project": 0.25,  # visible work gets noticed
    "nomination_woman": -0.35,  # BIASED: managers nominate women less often
    # logit P(historical_promoted = 1) = c + ..., with c set so that PROMOTION_RATE are promoted
    "promotion_per_readiness": 1.3,  # the committee's own judgement of the person
    "promotion_per_project": 0.3,  # per high-visibility project
    "promotion_nomination": 1.0,  # nominated by the manager
    "promotion_per_level": -0.2,  # per level above level 1: fewer places higher up
    "promotion_per_year_of_leave": -0.6,  # BIASED: time on leave held against the candidate
    "promotion_part_time": -0.5,  # BIASED: a part-time spell read as lack of commitment
    "promotion_relocation": 0.4,  # BIASED: willingness to relocate rewarded, though no role needs it
    "promotion_woman": -0.4,  # BIASED: a direct penalty on women (label bias)
}

BIASED_EFFECTS: tuple[str, ...] = (
    "projects_woman",
    "nomination_woman",
    "promotion_per_year_of_leave",
    "promotion_part_time",
    "promotion_relocation",
    "promotion_woman",
)

# The committee promoted this share of employees (a promotion budget): the
# intercept c of the promotion equation is set so that the expected share in
# every sample is 20%, whatever the gap.
PROMOTION_RATE = 0.20

# The causal graph, one row per arrow: (cause, outcome, effect name or None,
# what the arrow means). Arrows with an effect name carry that entry of
# PROMOTION_EFFECTS. Arrows without one do not change with `gap`: facts about
# the workforce (who cares for someone, who takes leave), the HR system's
# measurement, and fixed differences between departments.
CAUSAL_GRAPH: tuple[tuple[str, str, str | None, str], ...] = (
    ("age", "level", None, "level rises with age; department and level do not depend on gender"),
    ("gender, age", "caregiver", None, "primary caregivers: about 30% of women and 16% of men, most often aged 30-45"),
    (
        "caregiver, gender",
        "months_on_leave",
        None,
        "leave in the current role: 75% of women caregivers (6-24 months), "
        "25% of men caregivers and 2% of everyone else (1-6 months)",
    ),
    (
        "months_on_leave",
        "tenure_in_role",
        None,
        "the HR system's clock stops during leave; leave_adjusted_tenure keeps running",
    ),
    (
        "caregiver, gender",
        "part_time_history",
        None,
        "a part-time spell: 40% of women caregivers, 12% of men caregivers, 4% of others",
    ),
    (
        "caregiver, age, gender",
        "relocation_willingness",
        None,
        "lower for caregivers, older employees and women (dual-career households)",
    ),
    (
        "leave_adjusted_tenure, unobserved skill",
        "true_readiness",
        None,
        "job-related only: gender, caregiving and leave play no part",
    ),
    (
        "true_readiness",
        "performance_rating",
        None,
        "readiness plus noise, cut into 1-5: the same distribution for every group",
    ),
    ("true_readiness", "high_visibility_projects", "projects_per_readiness", "log-rate, per standard deviation"),
    ("gender", "high_visibility_projects", "projects_woman", "log-rate, women"),
    ("true_readiness", "manager_nomination", "nomination_per_readiness", "log-odds, per standard deviation"),
    ("high_visibility_projects", "manager_nomination", "nomination_per_project", "log-odds, per project"),
    ("gender", "manager_nomination", "nomination_woman", "log-odds, women"),
    ("true_readiness", "historical_promoted", "promotion_per_readiness", "log-odds, per standard deviation"),
    ("high_visibility_projects", "historical_promoted", "promotion_per_project", "log-odds, per project"),
    ("manager_nomination", "historical_promoted", "promotion_nomination", "log-odds"),
    (
        "department",
        "historical_promoted",
        None,
        "log-odds offsets: Sales +0.2, Operations -0.1, People +0.1, Engineering and Finance 0",
    ),
    ("level", "historical_promoted", "promotion_per_level", "log-odds, per level"),
    ("months_on_leave", "historical_promoted", "promotion_per_year_of_leave", "log-odds, per year of leave"),
    ("part_time_history", "historical_promoted", "promotion_part_time", "log-odds"),
    ("relocation_willingness", "historical_promoted", "promotion_relocation", "log-odds"),
    ("gender", "historical_promoted", "promotion_woman", "log-odds, women: label bias"),
)

# The six pathways through which the bias reaches the historical label, and the
# biased effect each carries. Removing a pathway sets its effect to zero; removing
# the stopped clock also makes the HR clock count leave (tenure_in_role equal to
# leave_adjusted_tenure).
GAP_PATHWAYS: dict[str, str] = {
    "manager project allocation": "projects_woman",
    "manager nomination": "nomination_woman",
    "stopped tenure clock": "promotion_per_year_of_leave",
    "part-time penalty": "promotion_part_time",
    "relocation reward": "promotion_relocation",
    "direct label bias": "promotion_woman",
}

# The documented promotion model (see make_promotions, Notes): a logistic
# regression of historical_promoted on these columns, department one-hot
# encoded and every column standardised. Gender, caregiver, age,
# months_on_leave, leave_adjusted_tenure and true_readiness are left out.
MODEL_FEATURES: tuple[str, ...] = (
    "performance_rating",
    "tenure_in_role",
    "part_time_history",
    "high_visibility_projects",
    "manager_nomination",
    "relocation_willingness",
    "level",
    "department",
)
# The model recommends the top 20% of a sample by score.
RECOMMEND_SHARE = 0.20

# How much of the gap each pathway carries at the default gap: the impact ratio
# (women's rate / men's rate) of the historical label and of the documented
# model's recommendations when the data are generated with no pathway removed
# ("none"), with one pathway removed, or with all six removed ("all"). Computed
# once with 500,000 training rows (seed 101) and 500,000 evaluation rows (seed
# 102); the sampling error is about 0.005.
GAP_DECOMPOSITION: dict[str, dict[str, float]] = {
    "none": {"historical": 0.646, "model": 0.704},
    "manager project allocation": {"historical": 0.691, "model": 0.813},
    "manager nomination": {"historical": 0.675, "model": 0.784},
    "stopped tenure clock": {"historical": 0.689, "model": 0.723},
    "part-time penalty": {"historical": 0.658, "model": 0.721},
    "relocation reward": {"historical": 0.663, "model": 0.725},
    "direct label bias": {"historical": 0.806, "model": 0.712},
    "all": {"historical": 1.006, "model": 1.001},
}

# ---------------------------------------------------------------------------
# Population constants (not effects; fixed so that scales do not depend on n or seed)
# ---------------------------------------------------------------------------

_AGE_RANGE = (22, 62)  # inclusive
_DEPARTMENT_SHARES = (0.30, 0.22, 0.25, 0.12, 0.11)
# Department offsets on the promotion log-odds (departments are gender-neutral).
_DEPARTMENT_OFFSET = np.array([0.0, 0.2, -0.1, 0.0, 0.1])
# P(primary caregiver) = base + peak * exp(-((age - 38) / 11)^2), per gender (woman, man).
_CAREGIVER_BASE = np.array([0.10, 0.06])
_CAREGIVER_PEAK = np.array([0.42, 0.22])
# P(leave in the current role | caregiver), per gender; and for non-caregivers.
_P_LEAVE_CAREGIVER = np.array([0.75, 0.25])
_P_LEAVE_OTHER = 0.02
# Total leave in the current role, months (inclusive range): women caregivers; everyone else.
_LEAVE_MONTHS_WOMEN_CAREGIVERS = (6, 24)
_LEAVE_MONTHS_OTHERS = (1, 6)
# P(part-time history | caregiver), per gender; and for non-caregivers.
_P_PART_TIME_CAREGIVER = np.array([0.40, 0.12])
_P_PART_TIME_OTHER = 0.04
# logit P(willing to relocate) = 0.9 - 1.3 caregiver - 0.04 (age - 40) - 0.4 woman
_RELOCATION = (0.9, -1.3, -0.04, -0.4)
# Real time in role, years: 0.5 + Gamma(shape 2, scale 1.4), in whole months.
_TENURE_GAMMA = (2.0, 1.4)
# Mean and sd of log(1 + real years in role) in the population (8 million draws).
_LOG_TENURE_MEAN = 1.3648
_LOG_TENURE_SD = 0.4274
# true_readiness = 0.92 skill + 0.39 z(log tenure): mean 0, sd 1.
_READINESS_WEIGHTS = (0.92, 0.39)
_RATING_NOISE_SD = 0.7
# Cut points of readiness + noise: ratings 1-5 for 5/20/45/22/8% of the population.
_RATING_CUTS = np.array([-2.000, -0.823, 0.638, 1.717])
_MAX_PROJECTS = 6


# ---------------------------------------------------------------------------
# Generator
# ---------------------------------------------------------------------------


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def _budget_intercept(logit: np.ndarray) -> float:
    """The intercept c with mean(sigmoid(c + logit)) = PROMOTION_RATE, by bisection (fixed steps)."""
    lo, hi = -30.0, 30.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if _sigmoid(mid + logit).mean() < PROMOTION_RATE:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _check_args(n, seed, gap) -> None:
    check_size_and_seed(n, seed)
    if isinstance(gap, (bool, np.bool_)) or not isinstance(gap, numbers.Real):
        raise ValueError(f"gap must be a number between 0 and 0.9; got {type(gap).__name__} {gap!r}")
    if not 0.0 <= float(gap) <= 0.9:  # also rejects nan
        raise ValueError(f"gap must be between 0 and 0.9 (0 = no bias, 0.30 = the default); got {gap!r}")


def _generate(n: int, seed: int, gap: float, switched_off: frozenset = frozenset()) -> pd.DataFrame:
    """The generator behind make_promotions; `switched_off` names pathways (GAP_PATHWAYS) to remove."""
    unknown = set(switched_off) - set(GAP_PATHWAYS)
    if unknown:
        raise ValueError(f"unknown pathways {sorted(unknown)}; choose from {list(GAP_PATHWAYS)}")
    rng = np.random.default_rng(seed)
    scale = gap / DEFAULT_GAP
    zeroed = {GAP_PATHWAYS[name] for name in switched_off}
    e = {
        name: (0.0 if name in zeroed else value * scale) if name in BIASED_EFFECTS else value
        for name, value in PROMOTION_EFFECTS.items()
    }

    # -- Step 1: who works here ------------------------------------------------
    man = (rng.random(n) >= GENDER_SHARES["woman"]).astype(np.int64)  # 0 = woman, 1 = man
    woman = 1 - man
    age = rng.integers(_AGE_RANGE[0], _AGE_RANGE[1] + 1, size=n)
    department = rng.choice(len(DEPARTMENTS), size=n, p=_DEPARTMENT_SHARES)
    level = np.clip(np.floor((age - 22) / 11 + rng.normal(0.0, 0.7, size=n)), 0, 3).astype(np.int64) + 1
    peak = np.exp(-(((age - 38) / 11.0) ** 2))
    caregiver = rng.random(n) < _CAREGIVER_BASE[man] + _CAREGIVER_PEAK[man] * peak

    # -- Step 2: time in role, leave and the stopped clock -------------------------
    real_months = np.rint(12 * (0.5 + rng.gamma(*_TENURE_GAMMA, size=n))).astype(np.int64)
    p_leave = np.where(caregiver, _P_LEAVE_CAREGIVER[man], _P_LEAVE_OTHER)
    took_leave = rng.random(n) < p_leave
    long_leave = caregiver & (woman == 1)
    lo = np.where(long_leave, _LEAVE_MONTHS_WOMEN_CAREGIVERS[0], _LEAVE_MONTHS_OTHERS[0])
    hi = np.where(long_leave, _LEAVE_MONTHS_WOMEN_CAREGIVERS[1], _LEAVE_MONTHS_OTHERS[1])
    length = rng.integers(lo, hi + 1)
    # At least 3 months in the role were worked.
    leave_months = np.where(took_leave, np.clip(np.minimum(length, real_months - 3), 0, None), 0)
    recorded_months = real_months - leave_months
    if "stopped tenure clock" in switched_off:
        recorded_months = real_months  # the clock counts leave

    # -- Step 3: circumstances ---------------------------------------------------
    part_time = rng.random(n) < np.where(caregiver, _P_PART_TIME_CAREGIVER[man], _P_PART_TIME_OTHER)
    a, b, c, d = _RELOCATION
    relocation = rng.random(n) < _sigmoid(a + b * caregiver + c * (age - 40) + d * woman)

    # -- Step 4: job-related readiness and the rating --------------------------------
    skill = rng.normal(0.0, 1.0, size=n)
    z_tenure = (np.log1p(real_months / 12) - _LOG_TENURE_MEAN) / _LOG_TENURE_SD
    readiness = np.round(_READINESS_WEIGHTS[0] * skill + _READINESS_WEIGHTS[1] * z_tenure, 3)
    rating = 1 + np.searchsorted(_RATING_CUTS, readiness + rng.normal(0.0, _RATING_NOISE_SD, size=n))

    # -- Step 5: what managers do ----------------------------------------------------
    log_rate = e["projects_intercept"] + e["projects_per_readiness"] * readiness + e["projects_woman"] * woman
    projects = np.minimum(rng.poisson(np.exp(log_rate)), _MAX_PROJECTS)
    nomination = rng.random(n) < _sigmoid(
        e["nomination_intercept"]
        + e["nomination_per_readiness"] * readiness
        + e["nomination_per_project"] * projects
        + e["nomination_woman"] * woman
    )

    # -- Step 6: the promotion committee (the historical label) ----------------------
    logit = (
        _DEPARTMENT_OFFSET[department]
        + e["promotion_per_readiness"] * readiness
        + e["promotion_per_project"] * projects
        + e["promotion_nomination"] * nomination
        + e["promotion_per_level"] * (level - 1)
        + e["promotion_per_year_of_leave"] * (leave_months / 12)
        + e["promotion_part_time"] * part_time
        + e["promotion_relocation"] * relocation
        + e["promotion_woman"] * woman
    )
    promoted = rng.random(n) < _sigmoid(logit + _budget_intercept(logit))

    width = max(5, len(str(n)))
    return pd.DataFrame(
        {
            "employee_id": [f"E{i:0{width}d}" for i in range(1, n + 1)],
            "gender": pd.Categorical.from_codes(man, categories=list(GENDER_SHARES)),
            "age": age.astype(np.int64),
            "caregiver": caregiver.astype(np.int64),
            "department": pd.Categorical.from_codes(department, categories=list(DEPARTMENTS)),
            "level": level,
            "tenure_in_role": np.round(recorded_months / 12, 2),
            "months_on_leave": leave_months.astype(np.int64),
            "leave_adjusted_tenure": np.round(real_months / 12, 2),
            "part_time_history": part_time.astype(np.int64),
            "high_visibility_projects": projects.astype(np.int64),
            "manager_nomination": nomination.astype(np.int64),
            "relocation_willingness": relocation.astype(np.int64),
            "performance_rating": rating.astype(np.int64),
            "true_readiness": readiness,
            "historical_promoted": promoted.astype(np.int64),
        }
    )


def make_promotions(n: int = 5000, seed: int = 0, gap: float = DEFAULT_GAP) -> pd.DataFrame:
    r"""Generate a synthetic workforce with a known, injected bias in promotions.

    Each row is an invented employee: who they are (gender, age, caregiving),
    their job (department, level, time in role), the records a promotion model
    would see (ratings, projects, nominations, part-time history, willingness
    to relocate), a job-related readiness score that does not depend on
    gender, and a *historical* label, ``historical_promoted``, from a
    simulated promotion process whose biases are public (`PROMOTION_EFFECTS`,
    `CAUSAL_GRAPH`). Performance ratings are distributed alike for women and
    men, yet a model trained on the history recommends women at about a 30%
    lower rate: at the default gap its impact ratio is about 0.70.

    Parameters
    ----------
    n : int, default 5000
        Number of employees (rows), a positive integer.
    seed : int, default 0
        Seed for ``numpy.random.default_rng``, a non-negative integer. The
        same ``(n, seed, gap)`` always gives the same frame; rows are not a
        prefix of a larger sample with the same seed.
    gap : float, default 0.30
        Strength of the bias, between 0 and 0.9. Every effect in
        `BIASED_EFFECTS` is multiplied by ``gap / 0.30``, so 0 is an
        organisation without bias and 0.30 gives the values written in
        `PROMOTION_EFFECTS`. Nothing else changes with `gap`: the same seed
        gives the same people, ratings and readiness at every gap.

    Returns
    -------
    pandas.DataFrame
        One row per employee, columns in this order:

        - ``employee_id`` (str): ``"E00001"``, ``"E00002"``, ...;
        - ``gender`` (category): ``"woman"`` (46%) or ``"man"`` (54%), the
          protected attribute;
        - ``age`` (int64, 22-62): uniform;
        - ``caregiver`` (int64, 0/1): primary caregiver for a child or an
          adult dependant;
        - ``department`` (category, `DEPARTMENTS`);
        - ``level`` (int64, 1-4): job level, rising with age; the candidate
          would be promoted to the next level;
        - ``tenure_in_role`` (float64, years, 2 decimals): time in the
          current role as the HR system records it. The clock stops during
          leave, so it understates the time of anyone who took leave;
        - ``months_on_leave`` (int64): leave taken in the current role
          (parental or other caregiver leave for almost everyone with any);
        - ``leave_adjusted_tenure`` (float64, years, 2 decimals): time since
          starting the role, counting leave; the correct measure. Always
          ``>= tenure_in_role``, and equal to it for everyone with no leave;
        - ``part_time_history`` (int64, 0/1): worked part time at some point
          in the role;
        - ``high_visibility_projects`` (int64, 0-6): high-visibility projects
          the manager assigned in the last two years;
        - ``manager_nomination`` (int64, 0/1): nominated for promotion by the
          manager;
        - ``relocation_willingness`` (int64, 0/1): said yes to "would you
          relocate for a promotion?";
        - ``performance_rating`` (int64, 1-5): the last annual rating, about
          5/20/45/22/8% from 1 to 5 for women and men alike;
        - ``true_readiness`` (float64): the latent job-related readiness for
          the next level, on a population z-scale (mean 0, sd 1), rounded to
          3 decimals. A real company would not have it; it is the ground
          truth for audits;
        - ``historical_promoted`` (int64, 0/1): the historical label, 1 if
          the promotion committee promoted the employee (about 20%).

    Raises
    ------
    ValueError
        If `n` is not a positive integer, `seed` is not a non-negative
        integer (bools and None are rejected), or `gap` is not a number
        between 0 and 0.9.

    See Also
    --------
    hrfair_helpers.datasets.resumes.make_resumes : The resume-screening data set.

    Notes
    -----
    *Causal story.* Gender enters the data in two ways: through facts about
    the workforce that do not change with `gap` (caregiving, leave,
    part-time work, willingness to relocate), and through the organisation's
    decisions, whose bias is scaled by `gap`. The generator follows these
    steps.

    1. Gender, age, department and level are drawn. Level rises with age;
       department and level do not depend on gender. Caregiving is more
       common for women (about 30%) than for men (about 16%) and peaks
       between 30 and 45.
    2. Time in role: ``leave_adjusted_tenure`` is 0.5 years plus a Gamma
       draw (shape 2, scale 1.4 years), in whole months, for everyone. Leave is taken by
       75% of women caregivers (6-24 months in total), 25% of men caregivers
       and 2% of everyone else (1-6 months). The HR system's clock stops
       during leave: ``tenure_in_role = leave_adjusted_tenure -
       months_on_leave / 12``.
    3. Circumstances: a part-time spell (40% of women caregivers, 12% of men
       caregivers, 4% of the rest); willingness to relocate, lower for
       caregivers, for older employees and for women (dual-career
       households).
    4. ``true_readiness = 0.92 skill + 0.39 z``, where ``skill`` is an
       unobserved standard normal and ``z`` is the standardised
       ``log(1 + leave_adjusted_tenure)``: job-related, and the same for
       every group. Leave does not reduce it. ``performance_rating`` cuts
       readiness plus normal noise (sd 0.7) into 1-5, so ratings are an
       honest, noisy measure of readiness for everyone.
    5. Managers decide (biased). With ``r = true_readiness`` and ``w = 1``
       for women: ``high_visibility_projects`` is Poisson with
       ``log rate = 0.45 r - 0.27 w`` (capped at 6), and ``logit
       P(manager_nomination) = -1.4 + 1.0 r + 0.25 projects - 0.35 w``.
    6. The promotion committee decides (biased):
       ``logit P(historical_promoted) = c + department offset + 1.3 r
       + 0.3 projects + 1.0 nomination - 0.2 (level - 1)
       - 0.6 years_of_leave - 0.5 part_time + 0.4 relocation - 0.4 w``,
       with ``c`` set so that the expected share promoted is
       `PROMOTION_RATE` (20%) in every sample, and ``historical_promoted``
       is a Bernoulli draw.

    The numbers are `PROMOTION_EFFECTS` at ``gap=0.30``; the six biased ones
    (`BIASED_EFFECTS`) are multiplied by ``gap / 0.30``. At ``gap=0`` managers
    allocate projects and nominate by readiness only, and the committee looks
    at readiness, projects, nominations, level and department only, so the
    label is fair. A model can still pick up a trace of a gap through the
    stopped clock (``tenure_in_role`` understates the time that readiness
    rests on), but it is negligible: an impact ratio of about 1.00.

    *The documented model.* A logistic regression of ``historical_promoted``
    on `MODEL_FEATURES` (``department`` one-hot encoded with the first
    level dropped, every column standardised, scikit-learn defaults,
    ``max_iter=1000``), trained on ``make_promotions()`` and scored on a
    held-out sample, ``make_promotions(n=20_000, seed=1)``; it recommends the
    top `RECOMMEND_SHARE` (20%) of the held-out sample by score. It sees
    neither gender nor caregiving, but it learns the bias through the
    records the bias shaped. Its recommendation rates are 16.3% for women
    and 23.2% for men, an impact ratio of 0.705 (0.70 in the population).
    The gap is not explained by ratings: within every rating band from 3 to
    5, women are recommended less often than men. Because a held-out sample
    of 5,000 rows gives an impact ratio with a standard error of about 0.04,
    evaluate on at least 20,000 rows when the number matters.

    *Which pathway carries how much of the gap.* `GAP_DECOMPOSITION` gives
    the impact ratio of the label and of the model with one pathway removed
    at a time (computed with 500,000 rows each way):

    ==========================  ==========  =====
    removed                     historical  model
    ==========================  ==========  =====
    none                        0.65        0.70
    manager project allocation  0.69        0.81
    manager nomination          0.68        0.78
    stopped tenure clock        0.69        0.72
    part-time penalty           0.66        0.72
    relocation reward           0.66        0.73
    direct label bias           0.81        0.71
    all six                     1.01        1.00
    ==========================  ==========  =====

    Project allocation and nomination carry most of the model's gap: they
    act on records the model reads directly. The direct penalty on women is
    the largest single cause of the gap in the *historical label* (removing
    it moves the label's impact ratio from 0.65 to 0.81), but the model,
    which cannot see gender, reproduces little of it. The caregiving
    pathways (the stopped clock, the part-time penalty, the relocation
    reward) each carry about 0.02 of the model's impact ratio and bear
    hardest on women caregivers. The pathways overlap, so their shares do
    not add up.

    *Gap and impact ratio.* In the population the documented model's impact
    ratio is about 1.00, 0.88, 0.79, 0.71, 0.62, 0.52, 0.46 and 0.40 at
    gaps 0, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75 and 0.9: close to ``1 - gap`` up
    to the default, flatter beyond.

    Nothing in the data describes real people or a real employer; the effect
    sizes are chosen for teaching, not estimated from any real promotion
    process.

    Examples
    --------
    >>> from hrfair_helpers.datasets.promotions import make_promotions
    >>> df = make_promotions(n=200, seed=1)
    >>> df.shape
    (200, 16)
    >>> df.loc[0, "employee_id"]
    'E00001'
    >>> make_promotions(n=200, seed=1).equals(df)
    True

    Ratings and readiness are alike across genders; the history is not:

    >>> df = make_promotions()
    >>> by_gender = df.groupby("gender", observed=True)
    >>> by_gender[["performance_rating", "true_readiness", "historical_promoted"]].mean().round(3)
            performance_rating  true_readiness  historical_promoted
    gender
    woman                3.077          -0.033                0.152
    man                  3.103           0.017                0.256

    The documented model, trained on the history:

    >>> import numpy as np
    >>> import pandas as pd
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> def design(frame):
    ...     X = frame[list(MODEL_FEATURES)]
    ...     return pd.get_dummies(X, columns=["department"], drop_first=True, dtype=float)
    >>> model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    >>> model = model.fit(design(df), df["historical_promoted"])
    >>> held_out = make_promotions(n=20_000, seed=1)
    >>> score = model.predict_proba(design(held_out))[:, 1]
    >>> recommended = score >= np.quantile(score, 1 - RECOMMEND_SHARE)
    >>> rates = pd.Series(recommended).groupby(held_out["gender"].to_numpy()).mean()
    >>> ratio = rates["woman"] / rates["man"]
    >>> print(f"women {rates['woman']:.3f}, men {rates['man']:.3f}, impact ratio {ratio:.2f}")
    women 0.163, men 0.232, impact ratio 0.70
    """
    _check_args(n, seed, gap)
    return _generate(int(n), int(seed), float(gap))
