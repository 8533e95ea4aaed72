"""Scan chatbot replies for demeaning language and compare the rate across candidate groups.

Scenario 4 of the casebook: a journalist says a hiring voice bot talks down to candidates with
non-native English accents. :func:`scan_replies` checks every reply against a word list (the
*lexicon*) and a set of regular expressions (the *rules*). It counts the replies it cannot scan
(None, NaN, empty strings, numbers, bytes, lists) on their own line. With a group per reply (the
candidate's first language, say) it gives each group's rate of flagged replies and a Fisher exact
test against the group with the lowest rate.

Everything the scan looks for is kept as data in ``data/``, and nothing is downloaded:

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

Checked libraries and lexicons (what exists, and why the scan is built this way):

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
- HurtLex (github.com/valeriobasile/hurtlex): the best known multilingual lexicon of hurtful
  words, but its README licenses it as CC BY-NC-SA 4.0 (NonCommercial, ShareAlike). Vendoring it
  would put a non-commercial licence on a package whose code is MIT and that companies may use in
  training. Even its "conservative" English level flags everyday words ("know", "mark", "smart",
  "incompetent"), so it would need heavy curation. It is not vendored.
- Surge AI's profanity list (MIT, with severity ratings and up to three categories per entry) is
  small, permissively licensed and categorised, so a documented subset of it is vendored.
- retext-equality / alex (npm, MIT) flag insensitive wording in prose, but they are JavaScript,
  and their "condescending" list ("just", "simply", "obviously") would flag ordinary bot replies.

A lexicon and rules find only the wordings they list. Read a sample of unflagged replies from
every group, and check flagged replies for false positives: a surname that is also a slur is
flagged too.

Nothing here imports scikit-learn or matplotlib. scipy is imported only for the Fisher test.
"""

import functools
import io
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike

import numpy as np
import pandas as pd

from .._utils import render, resources, stats
from .._utils.resources import DataIntegrityError
from .lexicon import _trie_regex

__all__ = [
    "CATEGORY_ORDER",
    "LanguageScanReport",
    "load_demeaning_lexicon",
    "load_demeaning_rules",
    "scan_replies",
]

CATEGORY_ORDER = ("accent_or_language", "exclusion", "ethnic_slur", "ability", "insult", "profanity")

VENDORED_FILE = "demeaning_surge_profanity_subset.csv"
# sha256 of VENDORED_FILE with line endings normalised to LF (so that a Windows checkout with
# CRLF line endings still passes); the same value is in demeaning_LEXICON_PROVENANCE.md.
VENDORED_SHA256 = "fb5126db6b801a1f3d5561ca7adad754f767383fc4d85f74d4d090eeb8069233"
HRFAIR_TERMS_FILE = "demeaning_hrfair_terms.csv"
RULES_FILE = "demeaning_rules.csv"
PROVENANCE_FILE = "demeaning_LEXICON_PROVENANCE.md"

SMALL_GROUP = 30  # groups with fewer scannable replies get a note: their rates are unstable
_SHOW = 5  # how many offending values an error message lists, and flagged replies a report shows

# Test seam: when set to a directory, the bundled files are read from it instead of the installed
# package, so tests can tamper with a *copy* of the vendored file. Call _clear_caches() after
# changing it.
_DATA_DIR = None

_SPACES = re.compile(r"\s+")
_RULE_ID = re.compile(r"[a-z][a-z0-9_]*")
_TRANSLATE = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u02bc": "'",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
    }
)


# --------------------------------------------------------------------------- the result


@dataclass
class LanguageScanReport:
    """Result of :func:`scan_replies`: every reply's flags and the flag rate per group.

    Attributes
    ----------
    flags : DataFrame
        One row per reply, in input order (the index of a Series of replies is kept). Columns:
        ``reply`` (the reply as given), ``group`` (only when groups were given), ``scannable``
        (the reply is a non-empty string), ``flagged``, ``category`` (the main category of a
        flagged reply, else None), ``categories`` (every category that matched, main first) and
        ``matches`` (the matched lexicon terms and rule ids, in the order they occur in the reply).
    by_group : DataFrame
        One row per group (a single row ``"all"`` without groups). Columns: ``n`` (replies),
        ``scannable``, ``not_scannable``, ``flagged``, ``rate`` (flagged / scannable),
        ``rate_difference`` (rate minus the reference group's rate) and ``p_value`` (two-sided
        Fisher exact test of the group's flagged and unflagged counts against the reference
        group's; NaN for the reference group and for groups with nothing to scan).
    reference : object
        The group with the lowest rate, which every group is compared with. None without groups.
    group_name : str or None
        Name of the group column (from a named Series), ``"group"`` otherwise; None without groups.
    n_terms, n_rules : int
        Size of the lexicon and of the rule set used.
    notes : list of str
        Plain-language cautions (replies that could not be scanned, small groups, the test used,
        what a lexicon cannot see).
    """

    flags: pd.DataFrame
    by_group: pd.DataFrame
    reference: object = None
    group_name: object = None
    n_terms: int = 0
    n_rules: int = 0
    notes: list = field(default_factory=list)

    @property
    def n_replies(self):
        """Number of replies given."""
        return len(self.flags)

    @property
    def n_not_scannable(self):
        """Replies that were not a non-empty string (None, NaN, '', numbers, bytes, lists, ...)."""
        return int((~self.flags["scannable"]).sum())

    @property
    def n_flagged(self):
        """Replies with at least one match."""
        return int(self.flags["flagged"].sum())

    @property
    def flagged_rate(self):
        """Flagged replies over scannable replies, all groups together (NaN if none is scannable)."""
        scannable = int(self.flags["scannable"].sum())
        return self.n_flagged / scannable if scannable else float("nan")

    def to_frame(self, level="group"):
        """The per-group table (``level="group"``) or the per-reply flags (``level="reply"``) as a new DataFrame."""
        if level == "group":
            return self.by_group.copy()
        if level == "reply":
            return self.flags.copy()
        raise ValueError(f"level must be 'group' or 'reply', got {level!r}")

    def category_table(self):
        """Flagged replies per group (rows) and main category (columns), as counts."""
        flagged = self.flags[self.flags["flagged"]]
        rows = flagged["group"] if "group" in flagged else pd.Series("all", index=flagged.index)
        table = pd.crosstab(rows, flagged["category"]).reindex(self.by_group.index, fill_value=0)
        table.index.name = self.by_group.index.name
        table.columns.name = "category"
        ranked = sorted(table.columns, key=_category_rank)
        return table[ranked] if ranked else table

    def _facts(self):
        scannable = int(self.flags["scannable"].sum())
        rate = self.flagged_rate
        facts = {
            "replies": self.n_replies,
            "scannable": f"{scannable} ({self.n_not_scannable} not scannable, left out of the rates)",
            "flagged": f"{self.n_flagged}" + ("" if np.isnan(rate) else f" ({rate:.1%} of scannable)"),
        }
        if self.group_name is not None:
            ref = (
                "none (no group has scannable replies)"
                if self.reference is None
                else render.format_label(self.reference)
            )
            facts["reference group"] = f"{ref}, the lowest rate"
        facts["lexicon"] = f"{self.n_terms} terms and {self.n_rules} rules"
        return facts

    def _examples(self):
        flagged = self.flags[self.flags["flagged"]]
        columns = [c for c in ("reply", "group", "category", "matches") if c in flagged]
        shown = flagged[columns].head(_SHOW).copy()
        shown["reply"] = shown["reply"].map(lambda r: r if len(r) <= 70 else r[:67] + "...")
        return shown, len(flagged)

    def _repr_html_(self):
        body = render.render_html("Demeaning-language scan", self._facts(), self.by_group, self.notes)
        shown, total = self._examples()
        if total:
            body += render.render_html(f"Flagged replies (first {len(shown)} of {total})", {}, shown, [])
        return body

    def __repr__(self):
        text = render.render_text("Demeaning-language scan", self._facts(), self.by_group, self.notes)
        shown, total = self._examples()
        if total:
            text += "\n\n" + render.render_text(f"Flagged replies (first {len(shown)} of {total})", {}, shown, [])
        return text


# --------------------------------------------------------------------------- bundled data


def _data_dir():
    return resources.data_dir("text", _DATA_DIR)


def _read_vendored(directory):
    """The vendored lexicon's bytes, or DataIntegrityError when their sha256 (line endings as LF) differs."""
    return resources.read_verified(
        directory, VENDORED_FILE, VENDORED_SHA256, package="text", lf_line_endings=True,
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


def load_demeaning_lexicon():
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


def load_demeaning_rules():
    """The bundled rules as a new DataFrame (columns ``id``, ``pattern``, ``category``, ``description``).

    Patterns are Python regular expressions. :func:`scan_replies` compiles them case-insensitive
    and wraps them in ``(?<!\\w)(?:...)(?!\\w)``, so they match whole words only. To scan with
    more rules, add rows and pass the frame as ``rules=``.

    Examples
    --------
    >>> rules = load_demeaning_rules()
    >>> rules.set_index("id").loc["speak_proper_english", "category"]
    'accent_or_language'
    """
    return _bundled_rules_frame().copy()


# --------------------------------------------------------------------------- validation


def _normalise(text):
    """Unicode NFKC, straight apostrophes and hyphens: what both the terms and the replies go through."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE)


def _key(term):
    return _SPACES.sub(" ", _normalise(term).strip().lower())


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


# --------------------------------------------------------------------------- matching


@dataclass(frozen=True)
class _TermMatcher:
    regex: object  # compiled pattern, or None for an empty lexicon
    categories: dict  # normalised term -> category

    @classmethod
    def build(cls, lexicon):
        categories = dict(zip(lexicon["term"], lexicon["category"]))
        if not categories:
            return cls(None, {})
        regex = re.compile(r"(?<!\w)(?:" + _trie_regex(categories) + r")(?!\w)", re.IGNORECASE)
        return cls(regex, categories)

    def find(self, text):
        if self.regex is None:
            return []
        hits = []
        for match in self.regex.finditer(text):
            term = _key(match.group(0))
            if term in self.categories:
                hits.append((match.start(), term, self.categories[term]))
        return hits


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


def _matchers(lexicon, rules):
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


# --------------------------------------------------------------------------- the scan


def scan_replies(replies, groups=None, *, lexicon=None, rules=None):
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


def _group_table(labels, scannable, flagged, group_name):
    """The per-group counts, rates and Fisher tests against the lowest-rate group."""
    labels = ["all"] * len(scannable) if labels is None else labels
    order = list(dict.fromkeys(labels))
    try:
        order = sorted(order)
    except TypeError:  # mixed label types: keep the order of first appearance
        pass
    position = {label: i for i, label in enumerate(order)}
    codes = np.fromiter((position[label] for label in labels), dtype=np.int64, count=len(labels))
    n = np.bincount(codes, minlength=len(order))
    ok = np.bincount(codes, weights=np.asarray(scannable, dtype=float), minlength=len(order)).astype(np.int64)
    hit = np.bincount(codes, weights=np.asarray(flagged, dtype=float), minlength=len(order)).astype(np.int64)
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(ok > 0, hit / np.maximum(ok, 1), np.nan)

    reference, ref = None, None
    difference = np.full(len(order), np.nan)
    p_value = np.full(len(order), np.nan)
    if group_name is not None and (ok > 0).any():
        candidates = np.flatnonzero(ok > 0)
        # lowest rate; ties go to the larger group (its rate is the more precise), then label order
        ref = min(candidates, key=lambda i: (rate[i], -ok[i], i))
        reference = order[ref]
        difference = np.where(ok > 0, rate - rate[ref], np.nan)
        others = [i for i in candidates if i != ref]
        if others:
            p_value[others] = stats.fisher_p(hit[others], ok[others], hit[ref], ok[ref])

    table = pd.DataFrame(
        {
            "n": n.astype(np.int64),
            "scannable": ok,
            "not_scannable": (n - ok).astype(np.int64),
            "flagged": hit,
            "rate": rate,
            "rate_difference": difference,
            "p_value": p_value,
        },
        index=pd.Index(order, name=group_name or "group", dtype=object),
    )
    return table, reference


def _notes(table, grouped, not_scannable):
    notes = []
    if not_scannable:
        notes.append(
            f"{not_scannable} of {int(table['n'].sum())} replies were not text (None, NaN, empty, numbers, "
            "bytes, ...): they are counted in not_scannable, never flagged, and left out of the rates"
        )
    if grouped:
        empty = table.index[table["scannable"] == 0].tolist()
        if empty:
            notes.append(f"no scannable reply in group(s) {[render.format_label(g) for g in empty]}: no rate")
        small = table.index[(table["scannable"] > 0) & (table["scannable"] < SMALL_GROUP)].tolist()
        if small:
            notes.append(
                f"fewer than {SMALL_GROUP} scannable replies in {[render.format_label(g) for g in small]}: "
                "their rates are unstable; read those replies rather than trust the rate"
            )
        tested = int(table["p_value"].notna().sum())
        if tested:
            notes.append(
                "p_value: two-sided Fisher exact test of each group's flagged / unflagged counts against "
                "the reference group (lowest rate)" + ("; not adjusted for multiple comparisons" if tested > 1 else "")
            )
    notes.append(
        "a lexicon and rules find only the wordings they list: read a sample of unflagged replies from "
        "every group, and check flagged ones for false positives (a surname can also be a slur)"
    )
    return notes
