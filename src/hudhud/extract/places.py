"""Places: the named locations a text mentions, geocoded offline.

Only mentions the sentence uses as a location count ("in Erbil", "the province
of Kirkuk", "between Baghdad and Erbil"); "Tehran said" is an actor. Broad
regions with no point of their own ("Kurdistan", "the Middle East") are left out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import Any

from hudhud.extract.mentions import Mention
from hudhud.kb import countries as country_table
from hudhud.kb import names
from hudhud.nlp.lexicon import nouns, word_set

PLACES = "lexicon/places.yml"


def feature_hint(doc: Any, m: Mention) -> str | None:
    """"Diyala province" / "the province of Kirkuk" / "the town of Mandali"."""
    window = [t.lower_ for t in doc[max(0, m.start - 3):m.start]] + [t.lower_ for t in doc[m.end:m.end + 1]]
    if any(w in word_set(PLACES, "province_words") for w in window):
        return "province"
    if any(w in word_set(PLACES, "city_words") for w in window):
        return "city"
    return None


def focus_countries(mentions: list[Mention]) -> list[str]:
    """Alpha-2 codes of the countries a document is about, most mentioned first."""
    counts: Counter[str] = Counter()
    for m in mentions:
        if m.country:
            c = country_table.by_code(m.country)
            if c is not None:
                counts[c.alpha2] += 1
    return [code for code, _ in counts.most_common(4)]


def trim_place_nouns(doc: Any, mentions: list[Mention]) -> list[Mention]:
    """The mentions, each place trimmed of its "province" or "city" noun (a trimmed copy:
    the list given is left as it was)."""
    out = []
    for m in mentions:
        if m.role == "place":
            m = replace(m)
            strip_place_noun(doc, m)
        out.append(m)
    return out


def resolve_places(doc: Any, mentions: list[Mention]) -> list[tuple[Mention, Any]]:
    """(mention, PlaceMatch) for each place mention the gazetteer resolves; the place
    mentions are those `trim_place_nouns` gives."""
    from hudhud.kb.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    focus = focus_countries(mentions)
    places = [m for m in mentions if m.role == "place"]
    places = [m for m in places if names.normalize(m.text) not in nouns("broad_regions")
              and m.text.lower() not in nouns("broad_regions")]
    # Resolved together: "Springfield, Illinois", the country and province the article is
    # about, and the other places it names all weigh in.
    spans = [(m.text, doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1])) for m in places]
    # One pin per name: "the province of Kirkuk" once and "Kirkuk" twice is the city.
    kinds: dict[str, set] = {}
    for m in places:
        kinds.setdefault(m.text, set()).add(feature_hint(doc, m))
    hints = [next(iter(kinds[m.text])) if len(kinds[m.text]) == 1 else None for m in places]
    matches = gaz.resolve_document(spans, doc.text, focus_countries=focus, hints=hints)
    # The resolver reads cues mention by mention; a name keeps the reading of a mention
    # with no cue when it has one (analysts expect the city pin for "Kirkuk").
    chosen: dict[str, Any] = {}
    plain: set[str] = set()
    for m, match in zip(places, matches):
        if match is None:
            continue
        cue = feature_hint(doc, m)
        if m.text not in chosen or (cue is None and m.text not in plain):
            chosen[m.text] = match
            if cue is None:
                plain.add(m.text)
    return [(m, chosen[m.text]) for m, match in zip(places, matches) if m.text in chosen]


def strip_place_noun(doc: Any, m: Mention) -> None:
    """"Diyala province" names Diyala; the noun is a hint, not part of the name."""
    kinds = word_set(PLACES, "province_words") | word_set(PLACES, "city_words")
    while m.end - m.start > 1 and doc[m.end - 1].lower_ in kinds:
        m.end -= 1
    while m.end - m.start > 1 and (doc[m.start].lower_ in kinds or doc[m.start].lower_ == "of"):
        m.start += 1
    m.text = doc[m.start:m.end].text
