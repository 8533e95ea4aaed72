"""Gender-swapped and gender-masked copies of texts (counterfactual data substitution).

The swap replaces every term of the lexicon by its counterpart in one pass of one compiled
regular expression (:mod:`.lexicon`), so ``her`` -> ``his`` is never swapped back, and swapping
twice returns the original text whenever no term had two possible counterparts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, overload

import numpy as np
import pandas as pd

from .lexicon import DIRECTIONS, load_lexicon

if TYPE_CHECKING:
    from .._utils.typing import Texts
    from .lexicon import Direction, LexiconData

_RUNS_OF_BLANKS = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r"[ \t]+([,.;:!?)])")


def as_text_list(texts, name="texts", allow_empty=True):
    """``texts`` as a list of str, or a TypeError naming the first item that is not a str."""
    if isinstance(texts, str):
        raise TypeError(f"{name} must be a list of texts, got a single str; wrap it: [{name}]")
    if isinstance(texts, (pd.Series, pd.Index)):
        items = texts.tolist()
    elif isinstance(texts, np.ndarray):
        if texts.ndim != 1:
            raise TypeError(f"{name} must be 1-D (one text per item), got an array of shape {texts.shape}")
        items = texts.tolist()
    elif isinstance(texts, (list, tuple)):
        items = list(texts)
    else:
        raise TypeError(f"{name} must be a list, tuple, pandas Series or 1-D array of str, got {type(texts).__name__}")
    for i, item in enumerate(items):
        if not isinstance(item, str):
            hint = " (a missing text: fill or drop it, e.g. texts.fillna(''))" if _is_missing(item) else ""
            raise TypeError(
                f"{name}[{i}] is {type(item).__name__} {item!r:.40}, not str{hint}; every item must be a text"
            )
    if not allow_empty and not items:
        raise ValueError(f"{name} is empty; pass at least one text")
    return items


def _is_missing(value):
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _check_direction(direction):
    if direction not in DIRECTIONS:
        raise ValueError(
            f"direction must be 'both' (swap female and male terms), 'to_male' (female terms "
            f"only) or 'to_female' (male terms only); got {direction!r}"
        )


def swap_list(items, lexicon, direction):
    """Swap a list of str with a loaded lexicon (no validation; used by the audits)."""
    pattern = lexicon.pattern(direction)

    def replace(match):
        return lexicon.replacement(match, direction)

    return [pattern.sub(replace, text) for text in items]


def mask_list(items, lexicon, token):
    """Mask a list of str with a loaded lexicon (no validation; used by the audits)."""
    pattern = lexicon.pattern("both")
    out = [pattern.sub(token, text) for text in items]
    if token == "":
        # Removing a word leaves two blanks or a blank before punctuation; tidy only where changed.
        out = [
            o if o == t else _SPACE_BEFORE_PUNCT.sub(r"\1", _RUNS_OF_BLANKS.sub(" ", o)).strip()
            for o, t in zip(out, items)
        ]
    return out


@overload
def counterfactual_swap(texts: str, lexicon: LexiconData | None = ..., direction: Direction = ...) -> str: ...
@overload
def counterfactual_swap(texts: Texts, lexicon: LexiconData | None = ..., direction: Direction = ...) -> list[str]: ...
def counterfactual_swap(
    texts: str | Texts, lexicon: LexiconData | None = None, direction: Direction = "both"
) -> str | list[str]:
    """Replace gendered terms by their counterparts: she <-> he, women's <-> men's, ...

    Parameters
    ----------
    texts : str, or list, tuple, pandas Series or 1-D array of str
        One text returns one str; anything else returns a list of str, in order.
    lexicon : optional
        ``None`` for the bundled list, or anything :func:`load_lexicon` accepts (a CSV path, a
        DataFrame with columns ``female,male[,kind]``, a ``{female: male}`` dict, a Lexicon).
    direction : {"both", "to_male", "to_female"}, default "both"
        ``"both"`` swaps every gendered term (the usual counterfactual); ``"to_male"`` rewrites
        female terms only and ``"to_female"`` male terms only, so every text ends up reading as
        one gender.

    Returns
    -------
    str or list of str

    Notes
    -----
    - One pass: each term is replaced once, so "she ... he" becomes "he ... she".
    - Whole words and phrases only, case-insensitive, longest term first: "menu", "Hershey" and
      "manager" are untouched; "women in engineering" is matched before "women".
    - Capitalisation is kept (lower, Title, UPPER, word by word in phrases) and so is a
      possessive ``'s`` / ``'``.
    - ``her`` is ``his`` before a content word and ``him`` otherwise; ``his`` is ``her`` before a
      content word and ``hers`` otherwise (see :mod:`hrfair_helpers.text.lexicon`). A sentence
      such as "gave her notes" can be read both ways; check swapped texts you rely on.
    - Names ("Emily", "James") are not swapped: a counterfactual name test needs name lists
      matched to the population and is left to the auditor.

    Raises
    ------
    TypeError
        If an item is not a str (the message names its position and type).
    ValueError
        For an unknown ``direction`` or an invalid lexicon.

    Examples
    --------
    >>> counterfactual_swap("She captained the Women's Chess Club; her team won.")
    "He captained the Men's Chess Club; his team won."
    >>> counterfactual_swap(["HE thanked her.", "Menu design at Hershey"])
    ['SHE thanked him.', 'Menu design at Hershey']
    >>> counterfactual_swap("Member, Women in Engineering; he mentored girls' coding camps")
    "Member, Men in Engineering; she mentored boys' coding camps"
    >>> counterfactual_swap("she and he", direction="to_male")
    'he and he'
    """
    _check_direction(direction)
    lex = load_lexicon(lexicon)
    if isinstance(texts, str):
        return swap_list([texts], lex, direction)[0]
    return swap_list(as_text_list(texts), lex, direction)


@overload
def mask_terms(texts: str, lexicon: LexiconData | None = ..., token: str = ...) -> str: ...
@overload
def mask_terms(texts: Texts, lexicon: LexiconData | None = ..., token: str = ...) -> list[str]: ...
def mask_terms(texts: str | Texts, lexicon: LexiconData | None = None, token: str = "[MASK]") -> str | list[str]:
    """Replace every gendered term (female or male) by ``token``.

    Use it to build a training set for a model that cannot see the gendered terms, or through
    :func:`masking_audit` to measure how much the model's scores rely on them.

    Parameters
    ----------
    texts : str, or list, tuple, pandas Series or 1-D array of str
    lexicon : optional
        As in :func:`counterfactual_swap`.
    token : str, default "[MASK]"
        What each term (with its possessive ``'s``) becomes. ``""`` deletes the terms and tidies
        the blanks left behind. Note that a TF-IDF vectorizer reads ``[MASK]`` as the word
        ``mask``, the same for every gender.

    Returns
    -------
    str or list of str

    Examples
    --------
    >>> mask_terms("Captain, Women's Chess Club; she led 12 members")
    'Captain, [MASK] Chess Club; [MASK] led 12 members'
    >>> mask_terms(["Sorority treasurer", "Led his fraternity's budget"], token="")
    ['treasurer', 'Led budget']
    """
    if not isinstance(token, str):
        raise TypeError(f"token must be a str (e.g. '[MASK]' or ''), got {type(token).__name__}")
    lex = load_lexicon(lexicon)
    if isinstance(texts, str):
        return mask_list([texts], lex, token)[0]
    return mask_list(as_text_list(texts), lex, token)
