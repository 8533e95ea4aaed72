"""The demeaning-language lexicon and rules that :func:`~hrfair_helpers.text.scan_replies` looks for.

Loading the bundled files, checking the vendored one against its sha256, validating a lexicon or
rule set of your own, and compiling the rules. Everything is kept as data in ``data/``, and
nothing is downloaded:

- ``demeaning_surge_profanity_subset.csv``: an English lexicon vendored from Surge AI's "The
  Obscenity List" (github.com/surge-ai/profanity, MIT licence). It holds the ethnic slurs, the
  insults about ability and the general insults, in plain spellings. The file is checked against
  its sha256 when it is loaded, and a modified or damaged copy raises
  :class:`hrfair_helpers.datasets.DataIntegrityError`. Source, commit, licence, the exact filter
  and the hash are in ``demeaning_LEXICON_PROVENANCE.md``.
- ``demeaning_hrfair_terms.csv``: the project's own terms, with source ``hrfair``. They cover
  what generic lists miss: comments on accent and English ("broken english", "thick accent"),
  othering ("you foreigners"), insults about ability ("moron", "retarded"), and a few common
  profanities that the vendored list files under sexual or bodily categories only.
- ``demeaning_rules.csv``: regular expressions for condescension that no word list can catch
  ("speak proper English", "I can't understand you", "your accent is hard to follow", "this job
  needs better English", "candidates with a strong accent rarely succeed here", "where are you
  really from"). Each rule has an id, a pattern, a category
  and a description. The rules are compiled once, case-insensitive and whole-word: "Englishman"
  does not satisfy an "English" rule, and "hardworking" does not contain the word "hard".

Categories, in the order used to pick a reply's main ``category``: ``accent_or_language``,
``exclusion``, ``ethnic_slur``, ``ability``, ``insult``, ``profanity``. A lexicon or rule set of
your own may use other names, and those are ranked after these.

Checked lexicons (why this one is vendored):

- HurtLex (github.com/valeriobasile/hurtlex): the best known multilingual lexicon of hurtful
  words, but its README licenses it as CC BY-NC-SA 4.0 (NonCommercial, ShareAlike). Vendoring it
  would put a non-commercial licence on a package whose code is MIT and that companies may use in
  training. Even its "conservative" English level flags everyday words ("know", "mark", "smart",
  "incompetent"), so it would need heavy curation. It is not vendored.
- Surge AI's profanity list (MIT, with severity ratings and up to three categories per entry) is
  small, permissively licensed and categorised, so a documented subset of it is vendored.
"""

from __future__ import annotations

import functools
import io
import re
from collections.abc import Mapping
from os import PathLike

import pandas as pd

from .._utils import resources
from .._utils.resources import DataIntegrityError
from ._matching import _key, _TermMatcher

__all__ = ["CATEGORY_ORDER", "load_demeaning_lexicon", "load_demeaning_rules"]

CATEGORY_ORDER = ("accent_or_language", "exclusion", "ethnic_slur", "ability", "insult", "profanity")

VENDORED_FILE = "demeaning_surge_profanity_subset.csv"
# sha256 of VENDORED_FILE with line endings normalised to LF (so that a Windows checkout with
# CRLF line endings still passes); the same value is in demeaning_LEXICON_PROVENANCE.md.
VENDORED_SHA256 = "fb5126db6b801a1f3d5561ca7adad754f767383fc4d85f74d4d090eeb8069233"
HRFAIR_TERMS_FILE = "demeaning_hrfair_terms.csv"
RULES_FILE = "demeaning_rules.csv"
PROVENANCE_FILE = "demeaning_LEXICON_PROVENANCE.md"

_SHOW = 5  # how many offending values an error message lists, and flagged replies a report shows

# Test seam: when set to a directory, the bundled files are read from it instead of the installed
# package, so tests can tamper with a *copy* of the vendored file. Call _clear_caches() after
# changing it.
_DATA_DIR = None

_RULE_ID = re.compile(r"[a-z][a-z0-9_]*")


# --------------------------------------------------------------------------- bundled data


def _data_dir():
    return resources.data_dir("text", _DATA_DIR)


def _read_vendored(directory):
    """The vendored lexicon's bytes, or DataIntegrityError when their sha256 (line endings as LF) differs."""
    return resources.read_verified(
        directory,
        VENDORED_FILE,
        VENDORED_SHA256,
        package="text",
        lf_line_endings=True,
        cause="The vendored lexicon was modified or corrupted.",
        update=f"To update it on purpose, rebuild it with the filter in {PROVENANCE_FILE} and record "
        f"the new hash there and in VENDORED_SHA256.",
    )


def _parse_csv(raw, name):
    try:
        # keep_default_na=False: a term such as "null" or "nan" stays a string.
        return pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="utf-8")
    except (ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise DataIntegrityError(
            f"Data file {name!r} is not a readable UTF-8 CSV ({exc}). {resources.repair_hint('text', name)}"
        ) from exc


@functools.lru_cache(maxsize=1)
def _bundled_lexicon_frame():
    directory = _data_dir()
    vendored = _parse_csv(_read_vendored(directory), VENDORED_FILE)
    own = _parse_csv(resources.read_bytes(directory, HRFAIR_TERMS_FILE, package="text"), HRFAIR_TERMS_FILE)
    frame = pd.concat([vendored, own], ignore_index=True).fillna("")
    return _validate_lexicon(frame, "the bundled lexicon")


@functools.lru_cache(maxsize=1)
def _bundled_rules_frame():
    raw = resources.read_bytes(_data_dir(), RULES_FILE, package="text")
    return _validate_rules(_parse_csv(raw, RULES_FILE), "the bundled rules")


@functools.lru_cache(maxsize=1)
def _bundled_term_matcher():
    return _TermMatcher.build(_bundled_lexicon_frame())


@functools.lru_cache(maxsize=1)
def _bundled_compiled_rules():
    return _compile_rules(_bundled_rules_frame())


def _clear_caches():
    """Forget the bundled lexicon and rules (after changing ``_DATA_DIR``, in tests)."""
    for cached in (_bundled_lexicon_frame, _bundled_rules_frame, _bundled_term_matcher, _bundled_compiled_rules):
        cached.cache_clear()


def load_demeaning_lexicon() -> pd.DataFrame:
    """The bundled lexicon as a new DataFrame: the vendored Surge AI subset, then the hrfair terms.

    The vendored file is checked against its sha256 first. Columns: ``term`` (lower case),
    ``category``, ``source`` (``surge-ai/profanity`` or ``hrfair``), ``upstream_categories`` and
    ``severity_rating`` (Surge AI's own annotations, empty for hrfair rows), ``note``.
    To scan with more terms, add rows and pass the frame as ``lexicon=``.

    Raises
    ------
    hrfair_helpers.datasets.DataIntegrityError
        If the vendored file is missing or does not match its recorded sha256.

    Examples
    --------
    >>> lex = load_demeaning_lexicon()
    >>> sorted(lex["source"].unique())
    ['hrfair', 'surge-ai/profanity']
    >>> lex.loc[lex["term"] == "broken english", ["category", "source"]].to_numpy().tolist()
    [['accent_or_language', 'hrfair']]
    """
    return _bundled_lexicon_frame().copy()


def load_demeaning_rules() -> pd.DataFrame:
    """The bundled rules as a new DataFrame (columns ``id``, ``pattern``, ``category``, ``description``).

    Patterns are Python regular expressions. :func:`~hrfair_helpers.text.scan_replies` compiles
    them case-insensitive and wraps them in ``(?<!\\w)(?:...)(?!\\w)``, so they match whole words
    only. To scan with more rules, add rows and pass the frame as ``rules=``.

    Examples
    --------
    >>> rules = load_demeaning_rules()
    >>> rules.set_index("id").loc["speak_proper_english", "category"]
    'accent_or_language'
    """
    return _bundled_rules_frame().copy()


# --------------------------------------------------------------------------- validation


def _category_rank(category):
    if category in CATEGORY_ORDER:
        return (0, CATEGORY_ORDER.index(category), "")
    return (1, 0, str(category))


def _as_table(value, what, columns, example):
    """A DataFrame from a DataFrame, a CSV path or a dict (the user's lexicon or rules)."""
    if isinstance(value, pd.DataFrame):
        return value.copy()
    if isinstance(value, (str, PathLike)):
        try:
            return pd.read_csv(value, dtype=str, keep_default_na=False, encoding="utf-8")
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"{what}: could not read the CSV file {str(value)!r} ({exc})") from exc
    if isinstance(value, Mapping):
        return pd.DataFrame({columns[0]: list(value.keys()), columns[1]: list(value.values())}, dtype=object)
    raise ValueError(
        f"{what} must be None (the bundled one), a DataFrame with columns {list(columns)}, a path to "
        f"such a CSV file, or a dict {example}; got {type(value).__name__}"
    )


def _require_text(frame, column, what):
    """Strip a column of strings; raise with the offending rows when one is missing or not text."""
    values = frame[column].tolist()
    bad = [i for i, v in enumerate(values) if not isinstance(v, str) or not v.strip()]
    if bad:
        shown = ", ".join(f"row {i}: {values[i]!r}" for i in bad[:_SHOW])
        raise ValueError(f"{what}: column {column!r} must hold non-empty text in every row; bad rows: {shown}")
    frame[column] = [v.strip() for v in values]


def _validate_lexicon(frame, what):
    missing = [c for c in ("term", "category") if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} needs columns 'term' and 'category' (and optionally 'source'); missing {missing}, "
            f"found {list(frame.columns)}"
        )
    frame = frame.reset_index(drop=True)
    _require_text(frame, "term", what)
    _require_text(frame, "category", what)
    if "source" not in frame.columns:
        frame["source"] = "user"
    frame["source"] = [s.strip() if isinstance(s, str) and s.strip() else "user" for s in frame["source"]]
    keys = frame["term"].map(_key)
    frame["term"] = keys
    conflicts = frame.groupby(keys)["category"].nunique()
    conflicts = conflicts[conflicts > 1]
    if len(conflicts):
        shown = "; ".join(
            f"{term!r}: {sorted(frame.loc[keys == term, 'category'].unique())}" for term in conflicts.index[:_SHOW]
        )
        raise ValueError(
            f"{what}: a term can have one category only; conflicting rows: {shown}. Keep one row per term."
        )
    return frame[~keys.duplicated()].reset_index(drop=True)


def _validate_rules(frame, what):
    missing = [c for c in ("id", "pattern", "category") if c not in frame.columns]
    if missing:
        raise ValueError(
            f"{what} needs columns 'id', 'pattern' and 'category' (and optionally 'description'); "
            f"missing {missing}, found {list(frame.columns)}"
        )
    frame = frame.reset_index(drop=True)
    for column in ("id", "pattern", "category"):
        _require_text(frame, column, what)
    bad_ids = [rid for rid in frame["id"] if not _RULE_ID.fullmatch(rid)]
    if bad_ids:
        raise ValueError(f"{what}: rule ids must be snake_case (a-z, 0-9, _), got {bad_ids[:_SHOW]}")
    duplicated = frame["id"][frame["id"].duplicated()].unique().tolist()
    if duplicated:
        raise ValueError(f"{what}: rule ids must be unique; repeated: {duplicated[:_SHOW]}")
    if "description" not in frame.columns:
        frame["description"] = ""
    frame["description"] = [d if isinstance(d, str) else "" for d in frame["description"]]
    _compile_rules(frame, what)  # raise now on a bad pattern, with the rule's id
    return frame


def _compile_rules(frame, what="the rules"):
    compiled = []
    for rid, pattern, category in frame[["id", "pattern", "category"]].itertuples(index=False):
        try:
            regex = re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.IGNORECASE)
        except re.error as exc:
            raise ValueError(f"{what}: rule {rid!r} has an invalid regular expression ({exc}): {pattern!r}") from exc
        if regex.search("") or regex.search(" "):
            raise ValueError(
                f"{what}: rule {rid!r} matches empty text or blanks alone, so it would flag every reply: {pattern!r}"
            )
        compiled.append((rid, regex, category))
    return tuple(compiled)


def _matchers(lexicon, rules):
    """The term matcher and compiled rules for a scan: the bundled ones (cached) or the user's, validated."""
    if lexicon is None:
        terms = _bundled_term_matcher()
    else:
        table = _as_table(lexicon, "lexicon", ("term", "category"), "{term: category}")
        terms = _TermMatcher.build(_validate_lexicon(table, "lexicon"))
    if rules is None:
        compiled = _bundled_compiled_rules()
    else:
        if isinstance(rules, Mapping):
            raise ValueError(
                "rules must be a DataFrame or a CSV file with columns id, pattern and category (every rule "
                "needs a category), not a dict; e.g. pd.DataFrame([{'id': 'my_rule', 'pattern': r'...', "
                "'category': 'insult'}])"
            )
        table = _as_table(rules, "rules", ("id", "pattern", "category"), "(not accepted for rules)")
        compiled = _compile_rules(_validate_rules(table, "rules"), "rules")
    if terms.regex is None and not compiled:
        raise ValueError("both the lexicon and the rules are empty: there is nothing to scan for")
    return terms, compiled
