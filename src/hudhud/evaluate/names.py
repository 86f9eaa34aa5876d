"""Name and text normalisation for scoring (FORMAT.md, "Scoring").

Two spellings of one actor must compare equal when they differ only in case,
diacritics, quote style, punctuation, dots in acronyms, a leading "the" or the
Arabic article: "the P.M.F." == "PMF", "Jafar al-Husseini" == "Jafar Husseini",
"Asa’ib Ahl al-Haq" == "Asaib Ahl Haq".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Apostrophe-like marks, including the modifier letters that transliterations
# of Arabic ʿayn and hamza use ("Saʿid", "Qurʾan"): they vanish, so that
# "Asa’ib", "Asa'ib" and "Asaib" are one name.
_APOSTROPHES = "'’‘‛`´ʼʻʽʾʿˈ′"
_APOSTROPHE_RE = re.compile(f"[{re.escape(_APOSTROPHES)}]")
# Dots vanish too, so that "P.M.F." becomes "PMF" rather than "P M F".
_DOT_RE = re.compile(r"\.")
_NON_WORD_RE = re.compile(r"[\W_]+", re.UNICODE)
_WORD_RE = re.compile(r"\w+", re.UNICODE)
# The Arabic article as its own word once hyphens have become spaces:
# "al-Husseini" -> "al husseini" -> "husseini"; "El-Sisi" -> "sisi".
_ARTICLES = frozenset({"al", "el"})


def strip_diacritics(text: str) -> str:
    """Drop combining marks after NFKD decomposition: "Şırnak" -> "Sirnak"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold(text: str) -> str:
    text = strip_diacritics(text).casefold()
    text = _APOSTROPHE_RE.sub("", text)
    return _DOT_RE.sub("", text)


def normalize_name(name: str) -> str:
    """The comparison key of an actor or place name.

    Casefold, strip diacritics, drop apostrophes and dots, turn other
    punctuation into spaces, drop a leading "the" and every "al"/"el" article
    word, join runs of single letters ("P. M. F." -> "pmf"), collapse spaces.
    """
    words = [w for w in _NON_WORD_RE.sub(" ", _fold(name)).split() if w not in _ARTICLES]
    while words and words[0] == "the":
        words = words[1:]
    joined: list[str] = []
    run = ""  # consecutive one-letter words: "p m f" is "P. M. F." with spaces
    for word in words + [""]:
        if len(word) == 1 and word.isalpha():
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        if word:
            joined.append(word)
    key = " ".join(joined)
    # Joining letters can spell an article ("E. L." -> "el"); normalise to a fixpoint so
    # that normalising a key again never changes it.
    return key if key == name else normalize_name(key)


def tokens(text: str) -> list[str]:
    """Word tokens for quote overlap: casefolded, punctuation ignored."""
    return _WORD_RE.findall(_APOSTROPHE_RE.sub("", strip_diacritics(text).casefold()))


def token_overlap(a: str, b: str) -> int:
    """Size of the multiset intersection of the word tokens of `a` and `b`."""
    return sum((Counter(tokens(a)) & Counter(tokens(b))).values())
