"""Significance tests of each group's 2x2 table of counts against a reference group.

Checked libraries: scipy provides Fisher's exact test (used here) and the normal distribution;
statsmodels' ``proportions_ztest`` would add a heavy dependency for a three-line formula, so
the pooled two-proportion z-test is written out and cross-checked in the tests. scipy is imported
when a test runs.
"""

import numpy as np


def two_proportion_z(selected, n, ref_selected, ref_n):
    """Pooled two-proportion z statistics and two-sided p-values of each group against the reference."""
    from scipy.stats import norm

    selected = np.asarray(selected, dtype=float)
    n = np.asarray(n, dtype=float)
    pooled = (selected + ref_selected) / (n + ref_n)
    se = np.sqrt(pooled * (1 - pooled) * (1 / n + 1 / ref_n))
    diff = selected / n - ref_selected / ref_n
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(se > 0, diff / se, 0.0)  # se == 0 only when both rates are 0 or both are 1
    return z, 2 * norm.sf(np.abs(z))


def fisher_p(selected, n, ref_selected, ref_n):
    """Two-sided Fisher exact p-values of each group's 2x2 table against the reference group."""
    from scipy.stats import fisher_exact

    return np.array(
        [
            fisher_exact([[int(s), int(k - s)], [int(ref_selected), int(ref_n - ref_selected)]])[1]
            for s, k in zip(selected, n)
        ]
    )
