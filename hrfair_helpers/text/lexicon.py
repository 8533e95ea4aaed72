"""The gendered-term lexicon: pairs of female and male terms, kept as data.

The bundled list is ``data/gendered_terms.csv`` (columns ``female,male,kind``). It was written for
resumes and HR text rather than copied from a research word list: the general lists (Lu et al.
2018's CDA pairs, Zhao et al. 2018's WinoBias ``generalized_swaps``, Garg et al. 2018 as used by
HELM's ``GenderPerturbation``) contain pairs that go wrong on resumes (``host``/``hostess`` turns
"hosted a meetup" into a gendered claim, ``alumni``/``alumnae`` changes the mixed plural,
``mrs``/``mr`` collides with ``ms``/``mr``) and miss what resumes say (``sorority``,
``alumna``, ``chairwoman``, "women in engineering", ``maternity leave``).

Rules a lexicon must follow (checked by :class:`Lexicon`, each with a message saying how to fix):

- columns ``female`` and ``male`` (``kind`` is optional and defaults to ``"word"``);
- no empty terms, no pair listed twice, no pair whose two sides are the same term;
- a term belongs to one side only (``"actor"`` cannot be both female and male);
- each term has one counterpart, with one exception for English pronouns: a term may have two
  counterparts when exactly one of its two rows has ``kind == "determiner"``. That row is used
  when the next word is a content word (``her team`` -> ``his team``), the other row otherwise
  (``told her.`` -> ``told him.``, ``her and`` -> ``him and``). The same rule sends ``his`` to
  ``her`` before a noun and to ``hers`` elsewhere (``the idea was his.`` -> ``... hers.``).

Matching is case-insensitive and whole-word: one compiled regular expression per lexicon and
mode, built as a character trie so that the longest term wins (``women in engineering`` before
``women``) and 4,000 resumes are scanned in a fraction of a second. A possessive ``'s`` (or a
bare ``'`` after a plural in ``s``) is kept: ``women's`` -> ``men's``, ``girls'`` -> ``boys'``.
"""

from __future__ import annotations

import functools
import html
import io
import os
import re
from collections.abc import Sequence
from typing import Literal, TypeAlias

import pandas as pd

from .._utils import resources

DETERMINER = "determiner"
DIRECTIONS = ("both", "to_male", "to_female")
#: A swap direction: every gendered term, the female terms only (to male) or the male terms only.
Direction: TypeAlias = Literal["both", "to_male", "to_female"]

# Words after which "her" is an object pronoun (-> "him") and "his" a standalone possessive
# (-> "hers"); before any other word they are possessive determiners ("her team" -> "his team").
FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor so yet to in on at for with from by of as about into onto over under
    after before during since until through across against among between up down out off back
    again too also very that this these those if when while because than then there here who whom
    which where how why what is was were be been being are am will would can could should may
    might must shall do does did has have had not no it its he she they them we us you i me my our
    your their his her him hers himself herself each every all both any some either neither once
    now later today yesterday tomorrow well directly personally regularly closely weekly daily
    monthly via per
    """.split()
)

_NEXT_WORD = re.compile(r"\s*([^\W\d_]+)")
_SPACES = re.compile(r"\s+")


def _key(term):
    """Normalised form used for lookups: lower case, straight apostrophes, single spaces."""
    return _SPACES.sub(" ", term.replace("\u2019", "'").strip().lower())


def _fragment(char):
    if char == " ":
        return r"\s+"
    if char == "'":
        return "['\u2019]"
    return re.escape(char)


def _trie_regex(terms):
    """One regex alternation for ``terms`` built as a trie, so the longest term matches first.

    A flat ``a|b|c`` alternation of ~170 terms is tried term by term at every position of every
    text; the trie shares prefixes and makes the scan several times faster. Optional groups are
    greedy, so a longer term is tried before any term that is its prefix.
    """
    trie = {}
    for term in terms:
        node = trie
        for char in term:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node):
        branches = [_fragment(c) + build(child) for c, child in sorted(node.items()) if c != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def _compile(terms):
    """Whole-word, case-insensitive pattern for ``terms`` with an optional possessive suffix."""
    return re.compile(
        r"(?<!\w)(?P<term>" + _trie_regex(sorted(terms)) + r")"
        r"(?P<suffix>['\u2019]s(?!\w)|(?<=[sS])['\u2019](?!\w))?(?!\w)",
        re.IGNORECASE,
    )


def _case_word(source, target):
    letters = [c for c in source if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return target.upper()
    if letters and letters[0].isupper():
        return target[:1].upper() + target[1:]
    return target


def match_case(source, target):
    """``target`` written with the capitalisation of ``source`` (lower, Title or UPPER).

    Phrases with the same number of words are matched word by word and keep the source's
    spacing, so ``Women in Engineering`` becomes ``Men in Engineering``.

    Examples
    --------
    >>> match_case("HER", "his"), match_case("Chairwoman", "chairman"), match_case("ms.", "mr.")
    ('HIS', 'Chairman', 'mr.')
    >>> match_case("Women in Engineering", "men in engineering")
    'Men in Engineering'
    """
    parts = re.split(r"(\s+)", source)
    words = parts[::2]
    target_words = target.split(" ")
    if len(words) > 1 and len(words) == len(target_words):
        parts[::2] = [_case_word(s, t) for s, t in zip(words, target_words)]
        return "".join(parts)
    return _case_word(source, target)


class Lexicon:
    """Validated pairs of female and male terms, with compiled matchers.

    Build one with :func:`load_lexicon` (the bundled list, your CSV, a DataFrame or a dict).

    Attributes
    ----------
    pairs : DataFrame
        Columns ``female``, ``male``, ``kind``, one row per pair, as validated (a copy).

    Examples
    --------
    >>> lex = load_lexicon({"actress": "actor", "waitress": "waiter"})
    >>> len(lex), lex.association("Actress"), lex.association("actor"), lex.association("chef")
    (2, 'female', 'male', 'neutral')
    >>> len(lex.extend({"heiress": "heir"}))
    3
    """

    def __init__(self, pairs: LexiconData) -> None:
        self._pairs = _validate(pairs)
        self._female = frozenset(self._pairs["female"].map(_key))
        self._male = frozenset(self._pairs["male"].map(_key))
        self._maps: dict[str, dict[str, list[tuple[str, str]]]] = {}
        self._patterns: dict[str, re.Pattern[str]] = {}
        self._replacements: dict[tuple[str, str], str] = {}

    # ------------------------------------------------------------------ public
    @property
    def pairs(self) -> pd.DataFrame:
        return self._pairs.copy()

    def to_frame(self) -> pd.DataFrame:
        """The pairs as a new DataFrame (columns ``female``, ``male``, ``kind``)."""
        return self._pairs.copy()

    @property
    def female_terms(self) -> tuple[str, ...]:
        """Female-side terms (normalised: lower case), sorted."""
        return tuple(sorted(self._female))

    @property
    def male_terms(self) -> tuple[str, ...]:
        """Male-side terms (normalised: lower case), sorted."""
        return tuple(sorted(self._male))

    def association(self, term: str) -> Literal["female", "male", "neutral"]:
        """``"female"``, ``"male"`` or ``"neutral"`` for one term (case-insensitive)."""
        key = _key(term)
        if key in self._female:
            return "female"
        if key in self._male:
            return "male"
        return "neutral"

    def extend(self, pairs: LexiconData, kind: str = "word") -> Lexicon:
        """A new lexicon with more pairs (a dict, DataFrame, CSV path or list of tuples)."""
        extra = _as_frame(pairs, default_kind=kind)
        return Lexicon(pd.concat([self._pairs, extra], ignore_index=True))

    def __len__(self):
        return len(self._pairs)

    def __repr__(self):
        kinds = self._pairs["kind"].value_counts()
        head = ", ".join(f"{f}\u2194{m}" for f, m in self._pairs[["female", "male"]].head(6).to_numpy())
        return (
            f"Lexicon: {len(self)} female\u2194male pairs ("
            + ", ".join(f"{k}: {v}" for k, v in kinds.items())
            + f")\n  {head}, ..."
        )

    def _repr_html_(self):
        return (
            f"<div class='hrfair-report'><strong>{html.escape(repr(self).splitlines()[0])}</strong>"
            + self._pairs.to_html(border=0, max_rows=20)
            + "</div>"
        )

    # ---------------------------------------------------------------- internal
    def mapping(self, direction: Direction) -> dict[str, list[tuple[str, str]]]:
        """``{source key: [(target, kind), ...]}`` for a direction (cached)."""
        if direction not in self._maps:
            rows = self._pairs.to_numpy()
            table: dict[str, list[tuple[str, str]]] = {}
            if direction in ("both", "to_male"):
                for female, male, kind in rows:
                    table.setdefault(_key(female), []).append((_key(male), kind))
            if direction in ("both", "to_female"):
                for female, male, kind in rows:
                    table.setdefault(_key(male), []).append((_key(female), kind))
            # De-duplicate: "his" may reach "her" from the determiner row only once.
            self._maps[direction] = {k: list(dict.fromkeys(v)) for k, v in table.items()}
        return self._maps[direction]

    def pattern(self, which: Direction) -> re.Pattern[str]:
        """Compiled matcher for ``which`` in ("both", "to_male", "to_female") (cached)."""
        if which not in self._patterns:
            if which == "to_male":
                terms = self._female
            elif which == "to_female":
                terms = self._male
            else:
                terms = self._female | self._male
            self._patterns[which] = _compile(terms)
        return self._patterns[which]

    def replacement(self, match: re.Match[str], direction: Direction) -> str:
        """The counterpart of one regex match, with case and possessive suffix kept."""
        found = match.group("term")
        suffix = match.group("suffix") or ""
        cached = self._replacements.get((direction, found))
        if cached is not None:
            return cached + suffix
        options = self.mapping(direction)[_key(found)]
        if len(options) == 1:
            target = options[0][0]
        else:
            target = _pick_by_context(options, match.string, match.end())
        target = match_case(found, target)
        if "\u2019" in found:
            target = target.replace("'", "\u2019")
        if len(options) == 1:  # the same spelling always gives the same counterpart
            self._replacements[(direction, found)] = target
        return target + suffix


#: What :func:`load_lexicon` (and so every ``lexicon=`` argument) accepts besides None: a CSV path, a
#: DataFrame with columns ``female,male[,kind]``, a ``{female: male}`` dict, a list of
#: ``(female, male[, kind])`` tuples, or a Lexicon.
LexiconData: TypeAlias = Lexicon | str | os.PathLike[str] | pd.DataFrame | dict[str, str] | Sequence[tuple[str, ...]]


def _pick_by_context(options, text, end):
    """The documented her/his rule: the determiner row before a content word, else the other."""
    nxt = _NEXT_WORD.match(text, end)
    before_content_word = nxt is not None and nxt.group(1).lower() not in FUNCTION_WORDS
    for target, kind in options:
        if (kind == DETERMINER) == before_content_word:
            return target
    return options[0][0]


# ---------------------------------------------------------------------- loading


def _as_frame(source, default_kind="word"):
    if isinstance(source, Lexicon):
        return source.to_frame()
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
    elif isinstance(source, dict):
        frame = pd.DataFrame({"female": list(source.keys()), "male": list(source.values())})
    elif isinstance(source, (str, os.PathLike)):
        if not os.path.exists(source):
            raise ValueError(
                f"lexicon file {os.fspath(source)!r} does not exist; pass the path of a CSV with "
                f"columns female,male,kind (or a DataFrame or a {{female: male}} dict)"
            )
        frame = _read_csv(source)
    elif isinstance(source, (list, tuple)):
        rows = [tuple(r) if isinstance(r, (list, tuple)) else (r,) for r in source]
        if any(len(r) not in (2, 3) for r in rows):
            raise ValueError("a list lexicon holds (female, male) or (female, male, kind) tuples")
        frame = pd.DataFrame(
            [(r[0], r[1], r[2] if len(r) == 3 else default_kind) for r in rows],
            columns=["female", "male", "kind"],
        )
    else:
        raise ValueError(
            f"lexicon must be None (the bundled list), a CSV path, a DataFrame with columns "
            f"female,male[,kind], a {{female: male}} dict or a Lexicon; got {type(source).__name__}"
        )
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in ("female", "male") if c not in frame.columns]
    if missing:
        raise ValueError(
            f"a lexicon needs the columns female and male (kind is optional); missing {missing}, "
            f"found {list(frame.columns)}; rename yours, e.g. df.rename(columns={{'f': 'female'}})"
        )
    if "kind" not in frame.columns:
        frame["kind"] = default_kind
    return frame[["female", "male", "kind"]]


def _validate(source):
    frame = _as_frame(source).reset_index(drop=True)
    if frame.empty:
        raise ValueError("the lexicon has no pairs; give at least one female,male pair")
    for column in ("female", "male"):
        for i, value in frame[column].items():
            if not isinstance(value, str):
                raise ValueError(
                    f"row {i}: the {column} term is {value!r} ({type(value).__name__}), not text; fill or drop that row"
                )
            if not value.strip():
                raise ValueError(f"row {i} has an empty {column} term; fill it or drop the row")
    frame["kind"] = [str(k).strip().lower() if isinstance(k, str) and k.strip() else "word" for k in frame["kind"]]
    frame["female"] = frame["female"].map(lambda s: _SPACES.sub(" ", s.strip()))
    frame["male"] = frame["male"].map(lambda s: _SPACES.sub(" ", s.strip()))

    female = frame["female"].map(_key)
    male = frame["male"].map(_key)
    same = female == male
    if same.any():
        i = int(same.idxmax())
        raise ValueError(f"row {i} pairs {frame.loc[i, 'female']!r} with itself; drop that row")
    seen = {}
    for i, pair in enumerate(zip(female, male)):
        if pair in seen:
            raise ValueError(
                f"the pair {pair[0]!r}\u2194{pair[1]!r} is listed twice (rows {seen[pair]} and {i}); drop one of them"
            )
        seen[pair] = i
    female_rows = dict(zip(female, range(len(frame))))
    for j, term in enumerate(male):
        if term in female_rows:
            raise ValueError(
                f"{term!r} is on the female side (row {female_rows[term]}) and on the male side "
                f"(row {j}); a term belongs to one side only: remove it from one of them"
            )
    for side, keys, other in (("female", female, male), ("male", male, female)):
        groups = {}
        for i, term in enumerate(keys):
            groups.setdefault(term, []).append(i)
        for term, rows in groups.items():
            if len(rows) == 1:
                continue
            kinds = [frame.loc[i, "kind"] for i in rows]
            counterparts = sorted({other.iloc[i] for i in rows})
            if len(rows) > 2 or kinds.count(DETERMINER) != 1:
                raise ValueError(
                    f"the {side} term {term!r} has {len(rows)} counterparts {counterparts} (rows "
                    f"{rows}); a term may have two only when exactly one of its rows has "
                    f"kind 'determiner' (used before a noun: her team -> his team; the other row "
                    f"is used elsewhere: told her. -> told him.); otherwise keep one row"
                )
    return frame


@functools.lru_cache(maxsize=1)
def _bundled():
    text = resources.read_text(resources.data_dir("text"), "gendered_terms.csv", package="text")
    return Lexicon(_read_csv(io.StringIO(text)))


def _read_csv(source):
    """A lexicon CSV (path or text buffer) as strings: "null" or "nan" stay terms, not NaN."""
    return pd.read_csv(source, dtype=str, keep_default_na=False, skipinitialspace=True)


def load_lexicon(path: LexiconData | None = None) -> Lexicon:
    """Load and validate a gendered-term lexicon.

    Parameters
    ----------
    path : None, str or path-like, DataFrame, dict, list of tuples or Lexicon
        ``None`` gives the bundled list (``hrfair_helpers/text/data/gendered_terms.csv``,
        82 pairs: pronouns, titles, family words, occupations, institutions such as
        sororities, and phrases such as "women in engineering"). A CSV path or DataFrame needs
        the columns ``female`` and ``male`` (``kind`` optional); a dict maps female -> male
        terms; a list holds ``(female, male[, kind])`` tuples.

    Returns
    -------
    Lexicon

    Raises
    ------
    ValueError
        When a term is empty, a pair is listed twice, a term is on both sides, or a term has
        several counterparts outside the her/his determiner rule (see the module docstring).

    Examples
    --------
    >>> lex = load_lexicon()
    >>> len(lex) >= 80, lex.association("sorority"), lex.association("fraternity")
    (True, 'female', 'male')
    >>> load_lexicon({"she": "he", "Ms.": "Mr."}).pairs
      female male  kind
    0    she   he  word
    1    Ms.  Mr.  word
    >>> load_lexicon({"she": "he", "her": "he"})
    Traceback (most recent call last):
    ...
    ValueError: the male term 'he' has 2 counterparts ['her', 'she'] ...
    """
    if path is None:
        return _bundled()
    if isinstance(path, Lexicon):
        return path
    return Lexicon(path)
