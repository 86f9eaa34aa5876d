"""The name key: two surface forms with the same key name the same actor.

"Kata'ib Hizballah", "Kataib Hizballah" and "KATAIB HIZBALLAH" share a key;
so do "U.S." and "US", "the Islamic State" and "Islamic State".
"""

from __future__ import annotations

import re

from normality import normalize

# Apostrophes and ayn/hamza marks vanish inside a word: "Kata'ib", "Kataʾib".
_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u02be\u02bf\u02b9\u0060\u00b4]")
# A trailing possessive is not part of the name: "Iran's" is Iran.
_POSSESSIVE = re.compile(r"['\u2019]s$", re.IGNORECASE)
# Single letters joined by dots form an acronym: "U.S.", "U.N", "K.D.P.".
_ACRONYM = re.compile(r"(?<!\w)(?:[^\W\d_]\.)+[^\W\d_](?:\.|(?!\w))")
_LEADING_THE = re.compile(r"^the\s+")


def name_key(name: str | None) -> str:
    """The matching key of a name: casefolded, ASCII, punctuation and a leading "the" dropped."""
    if not name:
        return ""
    text = _POSSESSIVE.sub("", name.strip())
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    text = _APOSTROPHES.sub("", text)
    text = normalize(text, lowercase=True, ascii=True) or ""
    return _LEADING_THE.sub("", text.casefold()).strip()
