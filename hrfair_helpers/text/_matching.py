"""Finding lexicon terms in a reply: the text normalisation and the term matcher.

Terms and replies go through the same normalisation, so a curly apostrophe or an en dash in a
reply still matches the straight one in a term. The matcher compiles the whole lexicon into one
trie-shaped regular expression (``lexicon._trie_regex``), whole words only.
"""

import re
import unicodedata
from dataclasses import dataclass

from .lexicon import _trie_regex

_SPACES = re.compile(r"\s+")
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


def _normalise(text):
    """Unicode NFKC, straight apostrophes and hyphens: what both the terms and the replies go through."""
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE)


def _key(term):
    return _SPACES.sub(" ", _normalise(term).strip().lower())


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
