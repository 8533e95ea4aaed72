"""Scan chatbot replies for demeaning language and compare the rate across candidate groups.

Scenario 4 of the casebook: a journalist says a hiring voice bot talks down to candidates with
non-native English accents. :func:`scan_replies` checks every reply against a word list (the
*lexicon*) and a set of regular expressions (the *rules*). It counts the replies it cannot scan
(None, NaN, empty strings, numbers, bytes, lists) on their own line. With a group per reply (the
candidate's first language, say) it gives each group's rate of flagged replies and a Fisher exact
test against the group with the lowest rate.

The scan is split by what each part holds:

- :mod:`hrfair_helpers.text.demeaning_lexicon`: the lexicon and the rules, kept as data in
  ``data/`` (a vendored, hash-checked subset of Surge AI's list, the project's own terms, the
  rules), their categories, and the checks on a lexicon or rule set of your own;
- ``text._matching``: the text normalisation and the term matcher;
- :mod:`hrfair_helpers.text.language_scan_report`: :class:`LanguageScanReport`, the per-group
  table and its notes;
- this module: the checks on the replies and the groups, and :func:`scan_replies`.

Checked libraries (what exists, and why the scan is built this way; the lexicons checked are
listed in :mod:`hrfair_helpers.text.demeaning_lexicon`):

- better_profanity (MIT): a fixed list of about 320 swear words plus generated leetspeak variants.
  Its ``contains_profanity`` returns one bool, with no category and no record of which word
  matched. Condescension about accent or language is not on the list.
- alt-profanity-check (a maintained fork of profanity-check): a linear SVM in scikit-learn,
  pickled with joblib and tied to one scikit-learn version, trained to separate profane from
  clean text. It gives a probability, with no category and no reason for a flag, and "Please
  try to speak proper English" has no profane word in it.
- detoxify: transformer toxicity classifiers. It needs PyTorch and transformers and downloads
  its checkpoints at run time, so it cannot run offline. Its scores are not explainable phrase
  by phrase either.
- retext-equality / alex (npm, MIT) flag insensitive wording in prose, but they are JavaScript,
  and their "condescending" list ("just", "simply", "obviously") would flag ordinary bot replies.

A lexicon and rules find only the wordings they list. Read a sample of unflagged replies from
every group, and check flagged replies for false positives: a surname that is also a slur is
flagged too.

Nothing here imports scikit-learn or matplotlib. scipy is imported only for the Fisher test.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

# The public names of demeaning_lexicon and language_scan_report were defined in this module
# before it was split, and stay importable from here.
from ._matching import _normalise
from .demeaning_lexicon import (  # noqa: F401
    _SHOW,
    CATEGORY_ORDER,
    HRFAIR_TERMS_FILE,
    PROVENANCE_FILE,
    RULES_FILE,
    VENDORED_FILE,
    VENDORED_SHA256,
    _category_rank,
    _matchers,
    load_demeaning_lexicon,
    load_demeaning_rules,
)
from .language_scan_report import SMALL_GROUP, LanguageScanReport, _group_table, _notes  # noqa: F401

if TYPE_CHECKING:
    from .._utils.typing import ListLike, StrPath

__all__ = [
    "CATEGORY_ORDER",
    "LanguageScanReport",
    "load_demeaning_lexicon",
    "load_demeaning_rules",
    "scan_replies",
]


# --------------------------------------------------------------------------- inputs


def _as_values(obj, what, hint, example):
    """A list of the entries of a 1-D list-like, and its pandas index when it has one."""
    if obj is None:
        raise ValueError(f"{what} is None: {hint}")
    if isinstance(obj, (str, bytes)):
        raise ValueError(
            f"{what} must be a list-like with one entry per reply, not a single {type(obj).__name__}: {hint}"
        )
    if isinstance(obj, pd.DataFrame):
        raise ValueError(f"{what} is a DataFrame; pass one of its columns, e.g. df[{example!r}]")
    if isinstance(obj, Mapping):
        raise ValueError(
            f"{what} is a {type(obj).__name__}; pass a list or a pandas Series (e.g. pd.Series(your_dict))"
        )
    if isinstance(obj, pd.Series):
        return obj.tolist(), obj.index
    if isinstance(obj, np.ndarray) and obj.ndim != 1:
        raise ValueError(f"{what} must be one-dimensional, got an array of shape {obj.shape}")
    try:
        return list(obj), None
    except TypeError:
        raise ValueError(
            f"{what} must be a list, tuple, numpy array or pandas Series; got {type(obj).__name__}"
        ) from None


def _is_missing(value):
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, (float, np.floating)) and np.isnan(value))
    )


def _check_groups(groups, replies, n_replies):
    """Group labels as a list (one per reply) and the group column's name; raise on bad input."""
    hint = "pass one group label per reply, in the same order (e.g. df['first_language'])"
    labels, index = _as_values(groups, "groups", hint, "first_language")
    if len(labels) != n_replies:
        raise ValueError(
            f"replies has {n_replies} entries but groups has {len(labels)}: {hint}. "
            "Check that both come from the same rows of the same table."
        )
    if isinstance(replies, pd.Series) and isinstance(groups, pd.Series) and not replies.index.equals(groups.index):
        raise ValueError(
            "replies and groups are Series with different indexes, so it is unclear which label goes with "
            "which reply; align them first (groups = groups.reindex(replies.index)) or pass groups.to_numpy()"
        )
    not_scalar = [i for i, v in enumerate(labels) if not pd.api.types.is_scalar(v) and v is not None]
    if not_scalar:
        i = not_scalar[0]
        raise ValueError(
            f"group labels must be single values such as 'Spanish' or 3; position {i} holds "
            f"{type(labels[i]).__name__} {labels[i]!r}. To combine two columns, join them into one "
            "label, e.g. df['language'] + ' / ' + df['gender']"
        )
    missing = [i for i, v in enumerate(labels) if _is_missing(v)]
    if missing:
        where = list(index[missing[:_SHOW]]) if index is not None else missing[:_SHOW]
        raise ValueError(
            f"groups has {len(missing)} missing label(s) (None/NaN), at {'index' if index is not None else 'position'} "
            f"{where}{' ...' if len(missing) > _SHOW else ''}. A reply without a group cannot be counted in any "
            "group: fill them with an explicit label (groups.fillna('unknown')) or drop those replies first."
        )
    name = groups.name if isinstance(groups, pd.Series) and isinstance(groups.name, str) and groups.name else "group"
    return labels, name


# --------------------------------------------------------------------------- the scan


def scan_replies(
    replies: ListLike,
    groups: ListLike | None = None,
    *,
    lexicon: pd.DataFrame | StrPath | Mapping[str, str] | None = None,
    rules: pd.DataFrame | StrPath | None = None,
) -> LanguageScanReport:
    """Flag demeaning language in chatbot replies and report the flag rate per candidate group.

    Every reply is matched against a lexicon of terms (whole words and phrases) and a set of
    regular-expression rules, all case-insensitive. A reply that is not a non-empty string
    (None, NaN, ``''``, a number, bytes, a list, ...) is never an error: it is marked
    ``scannable=False``, is never flagged, and is counted apart from the rates.

    Parameters
    ----------
    replies : list-like
        The bot's replies, one entry per reply (list, tuple, numpy array or pandas Series; a
        Series keeps its index in ``flags``).
    groups : list-like, optional
        The candidate's group for each reply, e.g. first language, in the same order. Missing
        labels are refused: fill them with an explicit label first.
    lexicon : DataFrame, str or path, or dict, optional
        Terms to look for: columns ``term`` and ``category`` (``source`` optional), a CSV file with
        those columns, or ``{term: category}``. Default: :func:`load_demeaning_lexicon`.
    rules : DataFrame, str or path, optional
        Regular expressions: columns ``id``, ``pattern``, ``category`` (``description``
        optional), or such a CSV file. Patterns are compiled case-insensitive and whole-word.
        Default: :func:`load_demeaning_rules`. Pass an empty frame with these columns to scan
        with the lexicon alone.

    Returns
    -------
    LanguageScanReport
        ``flags`` (one row per reply), ``by_group`` (n, scannable, not_scannable, flagged,
        rate, rate_difference, p_value per group), ``reference``, ``to_frame()``, ``notes``.

    Raises
    ------
    ValueError
        If replies is not a list-like (a single string, a DataFrame, a dict) or is empty, if
        groups has another length or a missing label, or if a custom lexicon or rule set is
        malformed. The message says what to fix.
    hrfair_helpers.datasets.DataIntegrityError
        If the vendored lexicon file was modified or is missing.

    See Also
    --------
    load_demeaning_lexicon, load_demeaning_rules : the bundled data, to inspect or extend.
    hrfair_helpers.audit.adverse_impact : the same per-group comparison for hiring decisions.

    Notes
    -----
    The rate is ``flagged / scannable`` per group. The reference group has the lowest rate
    (ties: the larger group). The p-value is two-sided, from ``scipy.stats.fisher_exact`` on the
    2x2 table (flagged, not flagged) x (group, reference), and is not corrected for
    multiple comparisons.

    Examples
    --------
    >>> from hrfair_helpers.text import scan_replies
    >>> replies = [
    ...     "Thanks, that answers the question.",
    ...     "Your accent is hard to follow. Please try to speak proper English.",
    ...     None,
    ...     "Could you repeat that, please?",
    ...     "I can't understand you. Maybe this job needs better English.",
    ... ]
    >>> groups = ["English", "Spanish", "Spanish", "English", "Spanish"]
    >>> report = scan_replies(replies, groups)
    >>> report.flags[["scannable", "flagged", "category"]]
       scannable  flagged            category
    0       True    False                None
    1       True     True  accent_or_language
    2      False    False                None
    3       True    False                None
    4       True     True  accent_or_language
    >>> report.flags.loc[4, "matches"]
    ['cannot_understand_you', 'needs_better_english']
    >>> report.by_group[["n", "scannable", "flagged", "rate"]]
             n  scannable  flagged  rate
    group
    English  2          2        0   0.0
    Spanish  3          2        2   1.0
    >>> report.reference
    'English'
    """
    values, index = _as_values(replies, "replies", "pass a list or pandas Series of the bot's replies", "reply")
    if not values:
        raise ValueError("replies is empty: there is nothing to scan")
    labels, group_name = _check_groups(groups, replies, len(values)) if groups is not None else (None, None)
    terms, compiled = _matchers(lexicon, rules)

    scannable, flagged, main, all_categories, all_matches = [], [], [], [], []
    for value in values:
        text = _normalise(value) if isinstance(value, str) else ""
        ok = bool(text.strip())
        matches, categories = _scan_text(text, terms, compiled) if ok else ([], [])
        scannable.append(ok)
        flagged.append(bool(matches))
        main.append(categories[0] if categories else None)
        all_categories.append(categories)
        all_matches.append(matches)

    columns = {"reply": pd.Series(values, dtype=object)}
    if labels is not None:
        columns["group"] = pd.Series(labels, dtype=object)
    columns.update(
        scannable=pd.Series(scannable, dtype=bool),
        flagged=pd.Series(flagged, dtype=bool),
        category=pd.Series(main, dtype=object),
        categories=pd.Series(all_categories, dtype=object),
        matches=pd.Series(all_matches, dtype=object),
    )
    flags = pd.DataFrame(columns)
    if index is not None:
        flags.index = index

    by_group, reference = _group_table(labels, scannable, flagged, group_name)
    return LanguageScanReport(
        flags=flags,
        by_group=by_group,
        reference=reference,
        group_name=group_name,
        n_terms=len(terms.categories),
        n_rules=len(compiled),
        notes=_notes(by_group, labels is not None, len(values) - sum(scannable)),
    )


def _scan_text(text, terms, rules):
    """(matches, categories) of one normalised, non-empty reply."""
    hits = terms.find(text)
    for rid, regex, category in rules:
        match = regex.search(text)
        if match:
            hits.append((match.start(), rid, category))
    hits.sort(key=lambda hit: hit[0])
    matches = list(dict.fromkeys(label for _, label, _ in hits))
    categories = sorted({category for *_, category in hits}, key=_category_rank)
    return matches, categories
