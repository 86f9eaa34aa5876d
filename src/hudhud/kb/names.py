"""Actor names: normalisation, matching keys and similarity.

Three layers, from loose to strict:

- `normalize`: the same string however it was typed (case, diacritics, curly
  apostrophes, dotted acronyms, hyphens): "P.M.F." and "PMF" give "pmf".
- `name_key`: the same *name* however it was transliterated. Arabic, Persian
  and Kurdish names reach English news in many spellings ("Qassem Suleimani",
  "Ghasem Soleimani"); the key folds them to one form by a vowel-skeleton
  rule set plus a small table (data/kb/spelling.txt) for what rules cannot
  know. The folding is tuned so that different people keep different keys:
  "Masoud Barzani" / "Masrour Barzani", "Hassan" / "Hussein".
- `same_name`: a score in [0, 1] for names whose keys still differ.

Honorifics and ranks come from data/kb/honorifics.txt.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from normality import ascii_text
from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

__all__ = ["normalize", "strip_honorifics", "name_key", "acronym", "same_name", "key_similarity"]

# Every mark that stands for an apostrophe, an ayn or a hamza in transliteration.
_APOSTROPHES = re.compile(r"[’‘`´ʿʾʼʻ′']")
# "Iraq's army" and "Iraq army" name the same thing; drop the possessive.
_POSSESSIVE = re.compile(r"'[sS]\b")
# "P.M.F.", "K.R.G." and "U.S" are acronyms: their dots go, letters stay joined.
_ACRONYM_DOTS = re.compile(r"\b(?:[A-Za-z]\.){2,}|\b(?:[A-Za-z]\.)+[A-Za-z]\b")
_NON_WORD = re.compile(r"[^a-z0-9 ]+")

# Arabic definite articles as they are transliterated: hyphenated ones are
# dropped ("al-Muhandis", "ash-Sham", "ad-Dawla", Persian "ol-Anbiya") ...
_HYPHENATED_ARTICLE = re.compile(
    r"\b(?:[AaEeUuOoIi]l|[Aa](?:sh|[dnrstz]))[-\u2010\u2011](?=\w)"
)
# ... and so are separate "al"/"el" before another word ("Al Qaeda"). Other
# forms stay when written apart, as "Ash" in "Ash Carter" is a given name.
# The folded "il", "ul" are included so that a key never holds an article
# word (keys are fixed points of name_key).
_ARTICLES = frozenset({"al", "el", "il", "ul", "ol"})
# "Abd al-Mahdi", "Abdul-Mahdi", "Abdel Mahdi", "Abdulmahdi": one key "abdulmahdi".
_ABD_WORDS = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdil"})
_ABD_PREFIX = re.compile(r"^abd(?:ul|ol|el|al|il)(\w+)$")
# "Hizb Allah", "Ansar Allah" are written both apart and joined ("Ansarullah").
_ALLAH_WORDS = frozenset({"allah", "ullah", "ollah", "illah"})

_DATA = resources.files("hudhud").joinpath("data", "kb")


def _data_lines(name: str) -> list[str]:
    text = _DATA.joinpath(name).read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def normalize(name: str) -> str:
    """Casefold, strip diacritics and punctuation, unify apostrophes, join dotted
    acronyms, turn hyphens into spaces and drop a leading "the".

    >>> normalize("The Kata’ib Hizbullah")
    'kataib hizbullah'
    >>> normalize("P.M.F.")
    'pmf'
    """
    text = unicodedata.normalize("NFKC", name)
    text = _APOSTROPHES.sub("'", text)
    text = _POSSESSIVE.sub("", text)
    text = _ACRONYM_DOTS.sub(lambda m: m.group(0).replace(".", ""), text)
    text = ascii_text(text).casefold()
    # An apostrophe inside a word marks an ayn or hamza: "Kata'ib" is "Kataib".
    text = text.replace("'", "").replace("?", "").replace("&", " and ")
    words = _NON_WORD.sub(" ", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _honorifics() -> tuple[frozenset[str], frozenset[str], int]:
    titles: set[str] = set()
    keepers: set[str] = set()
    for line in _data_lines("honorifics.txt"):
        if line.startswith("!"):
            keepers.add(normalize(line[1:]))
        else:
            titles.add(normalize(line))
    longest = max(len(t.split()) for t in titles)
    return frozenset(titles), frozenset(keepers), longest


def strip_honorifics(name: str) -> str:
    """Remove titles and ranks from the start of a name, keeping the rest as written.

    "Maj. Gen. Qasem Soleimani" gives "Qasem Soleimani"; "Grand Ayatollah Ali
    al-Sistani" gives "Ali al-Sistani". A title followed by "of" or an
    institution word stays ("President of Iraq", "General Command"), and a
    name that is only a title is returned unchanged.
    """
    titles, keepers, longest = _honorifics()
    words = name.split()
    while len(words) > 1:
        cut = 0
        for size in range(min(longest, len(words) - 1), 0, -1):
            if normalize(" ".join(words[:size])) in titles:
                cut = size
                break
        if not cut:
            break
        following = normalize(words[cut]).split()
        if not following or following[0] in keepers:
            break
        words = words[cut:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _spelling() -> tuple[tuple[re.Pattern[str], str], ...]:
    table = []
    for line in _data_lines("spelling.txt"):
        pattern, _, replacement = line.partition("=>")
        table.append((re.compile(pattern.strip()), replacement.strip()))
    return tuple(table)


def _spell(word: str) -> str:
    for pattern, replacement in _spelling():
        if pattern.search(word):
            return pattern.sub(replacement, word, count=1)
    return word


def _join_particles(words: list[str]) -> list[str]:
    """Join "abd" with the name it governs and "allah" with the word before it."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word in _ABD_WORDS and i + 1 < len(words):
            nxt = words[i + 1]
            out.append("abdullah" if nxt in _ALLAH_WORDS else "abdul" + nxt)
            i += 2
            continue
        prefixed = _ABD_PREFIX.match(word)
        if prefixed:
            word = "abdul" + _spell(prefixed.group(1))
        elif word in _ALLAH_WORDS and out:
            out[-1] += "allah"
            i += 1
            continue
        out.append("abdul" if word in _ABD_WORDS else word)
        i += 1
    return out


def _fold(word: str) -> str:
    """Transliteration folding of one word (already normalised and spelled).

    Consonants: ph→f ("Mustapha"), gh/q→k ("Ghasem", "Qasem", "Kasem";
    "Araghchi", "Araqchi"), dh→d ("Fayyadh"), w→v (Persian "Javad" is Arabic
    "Jawad"); the suffix -allah/-ullah/-ollah becomes -ullah ("Hezbollah",
    "Hizbullah", "Hizballah"); doubled letters become one ("Hassan"/"Hasan").
    Vowels: ou→u, final ei→i ("Khamenei"/"Khameni"), ei/ey/ay→ai
    ("Hussein"/"Husayn", "Soleimani"/"Sulaymani"), iy→i, final -ieh/-iah→-ia
    ("Mughniyeh"/"Mughniyah"), then e→i and o→u. The vowel *a* is never
    folded, which keeps "Hassan" apart from "Hussein" and "Masoud" from
    "Masrour".
    """
    word = word.replace("ph", "f").replace("gh", "k").replace("q", "k")
    word = word.replace("ck", "k").replace("dh", "d").replace("w", "v")
    word = re.sub(r"[aeiou]llah", "ullah", word)
    word = re.sub(r"(.)\1+", r"\1", word)  # before the vowel rules: "iyy", "ee", "oo"
    word = word.replace("ou", "u")
    word = re.sub(r"e[iy]$", "i", word)
    word = re.sub(r"[ae][iy]", "ai", word)
    word = word.replace("iy", "i")
    word = re.sub(r"i[ae]h$", "ia", word)
    word = re.sub(r"(?<=[^aeiou])y$", "i", word)  # "Talabany", "Army"
    word = word.replace("e", "i").replace("o", "u")
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The matching key of a name: two spellings of one name share it.

    strip_honorifics + drop Arabic articles + normalize + join "abd"/"allah"
    particles + spelling table + transliteration folding (see `_fold`).

    >>> name_key("Maj. Gen. Qassem Suleimani") == name_key("Qasem Soleimani")
    True
    """
    words = normalize(_HYPHENATED_ARTICLE.sub("", strip_honorifics(name))).split()
    last = len(words) - 1
    words = [w for i, w in enumerate(words) if not (w in _ARTICLES and i < last)]
    words = _join_particles([_spell(w) for w in words])
    key = " ".join(_fold(w) for w in words)
    return key or normalize(name)


# Words an acronym leaves out. "al" is kept when it starts the name (AQAP).
_ACRONYM_SKIP = frozenset({"of", "the", "and", "al", "el", "for", "in", "on", "to", "a", "an"})


def acronym(name: str) -> str | None:
    """The initials of a multi-word name: "Popular Mobilization Forces" → "PMF".

    Skips "of", "the", "and", "al" ... inside the name; "Al-Qaeda in the Arabian
    Peninsula" keeps its leading "Al" and gives "AQAP". None for one-word names.
    """
    words = [w for w in re.split(r"[\s\-–—/]+", _APOSTROPHES.sub("", name)) if w]
    if words and words[0].casefold() == "the":
        words = words[1:]
    letters = []
    for i, word in enumerate(words):
        if i > 0 and word.casefold() in _ACRONYM_SKIP:
            continue
        ascii_word = ascii_text(word)
        if ascii_word[:1].isalpha():
            letters.append(ascii_word[0].upper())
    return "".join(letters) if len(letters) >= 2 else None


def same_name(a: str, b: str) -> float:
    """Similarity of two names in [0, 1]; 1.0 when their keys are equal.

    For keys that differ, the score is the whole-key ratio, capped by the
    least similar word: a name is no better than its worst part. Real pairs
    (key words in brackets), against the default `KnowledgeBase.match`
    threshold 0.9:

    - "Mustafa al-Kadhimi" / "Mustafa al-Kazemi" [kadimi/kazimi, a d/z
      transliteration variant]: 0.93, a match;
    - "Nechirvan Barzani" / "Necirvan Barzani" [Kurdish c for ch]: 0.97, a match;
    - "Popular Mobilization Forces" / "Popular Mobilization Force": 0.96, a match;
    - "Haider al-Abadi" / "Haidar al-Abady": equal keys, 1.0;
    - "Iran government" / "Iraq government" [iran/irak]: 0.88, not a match;
    - "John Kerry" / "John Kirby" [kiri/kirbi]: 0.88, different people;
    - "Masoud Barzani" / "Masrour Barzani" [masud/masrur]: 0.83, different people;
    - "Hassan Nasrallah" / "Hussein Nasrallah" [hasan/husain]: 0.74, different;
    - "Hamad bin Khalifa" / "Hamid bin Khalifa" [hamad/hamid]: 0.83, different;
    - "Abu Hafs al-Hashimi al-Qurashi" / "Abu al-Hasan al-Hashimi al-Qurashi":
      the whole keys score 0.94 but "hafs"/"hasan" caps it at 0.66.

    One-word names and names with a different number of words score at most
    0.85: "Hamas" / "Hama" (the Syrian city), "Alawis" / "Allawi", or "Ali
    Bagheri" / "Ali Bagheri Kani" differ in one letter or one word, and only a
    knowledge-base alias should join them.
    """
    return key_similarity(name_key(a), name_key(b))


def key_similarity(ka: str, kb: str) -> float:
    """`same_name` on two keys already computed with `name_key`."""
    if not ka or not kb:
        return 0.0
    if ka == kb:
        return 1.0
    whole = fuzz.ratio(ka, kb) / 100.0
    wa, wb = ka.split(), kb.split()
    if len(wa) != len(wb) or len(wa) == 1:
        return round(min(whole, 0.85), 4)
    worst = min(_word_similarity(x, y) for x, y in zip(wa, wb))
    return round(min(whole, 0.4 + 0.6 * worst), 4)


def _sound_class(word: str) -> str:
    """A word with the consonants that transliterations swap merged, and a
    plural -s dropped: Iraqi "Kadhimi" is Persian "Kazemi", Kurdish "Necirvan"
    is "Nechirvan", Egyptian "Gamal" is "Jamal"."""
    word = word.replace("ch", "c").replace("th", "d").replace("z", "d").replace("g", "j")
    return word[:-1] if len(word) >= 6 and word.endswith("s") else word


def _word_similarity(a: str, b: str) -> float:
    """Similarity of two key words: 0.95 for a transliteration variant, else
    a Levenshtein similarity where the vowel *a* weighs double.

    The keys fold e/i and o/u together but keep *a*, so a remaining a/i or a/u
    difference is a different name, not a spelling: "Hamad"/"Hamid",
    "Hassan"/"Hussein". Writing *a* as two symbols makes changing it cost two
    edits.
    """
    if a == b:
        return 1.0
    if _sound_class(a) == _sound_class(b):
        return 0.95
    return Levenshtein.normalized_similarity(a.replace("a", "a@"), b.replace("a", "a@"))
