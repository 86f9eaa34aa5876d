"""Actors: the mentions of one document grouped into one actor per referent.

Each actor keeps every surface form the document names it by (its aliases);
adjectives ("Iranian") and descriptions ("Iranian officials") point to the
actor without being names of it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from hudhud.extract.mentions import Mention
from hudhud.kb import countries as country_table
from hudhud.model import Actor, Evidence
from hudhud.nlp.lexicon import load_yaml


def slug(text: str) -> str:
    s = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    return s or "actor"


def infer_kind(name: str) -> str:
    """The kind of an actor the KB does not know, from the words of its name."""
    words = {w.lower() for w in re.findall(r"[\w']+", name)}
    for kind, cues in load_yaml("lexicon/kinds.yml").items():
        if words & {c.lower() for c in cues}:
            return kind
    return "organisation"


def build_actors(doc: Any, mentions: list[Mention], keys: set[str], sent_of_token: list[int],
                 countries: dict[str, str | None] | None = None) -> tuple[list[Actor], dict[str, str]]:
    """One Actor per key in `keys` (the actors some record uses), in order of first mention.
    `countries` gives the country of actors whose mentions do not carry one (a person the
    text places in a state's office: "Kenyan President X" serves Kenya).

    RETURNS: (actors, key -> local actor id).
    """
    by_key: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.key in keys:
            by_key[m.key].append(m)
    actors: list[Actor] = []
    ids: dict[str, str] = {}
    used_ids: set[str] = set()
    order = sorted(keys, key=lambda k: min((m.start for m in by_key.get(k, [])), default=10**9))
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    for key in order:
        ms = by_key.get(key, [])
        aliases: list[str] = []
        for m in ms:
            if m.alias and m.role in {"actor", "modifier"} and m.text not in aliases:
                aliases.append(m.text)
        name = max(aliases, key=len) if aliases else (next((m.name for m in ms if m.name), None)
                                                          or next((m.text for m in ms), None) or _name_of_key(key))
        kinds = Counter(m.kind for m in ms if m.kind)
        kind = kinds.most_common(1)[0][0] if kinds else (_kind_of_key(key) or infer_kind(name))
        if key.startswith("country:") and kinds.get("government") and not kinds.get("state"):
            kind = "government"
        country = next((m.country for m in ms if m.country), None) or (countries or {}).get(key) \
            or (key.split(":", 1)[1] if key.startswith("country:") else None)
        kb_id = next((m.kb_id for m in ms if m.kb_id), None)
        local = slug(name)
        while local in used_ids:
            local += "-2"
        used_ids.add(local)
        ids[key] = local
        mentions_ev = [
            Evidence(sent_of_token[m.start], doc[m.start].idx, doc[m.end - 1].idx + len(doc[m.end - 1]),
                     text[doc[m.start].idx: doc[m.end - 1].idx + len(doc[m.end - 1])])
            for m in ms if m.role == "actor"
        ]
        actors.append(Actor(local, name, kind, country, aliases, kb_id or _kb_of_key(key), mentions_ev))
    return actors, ids


def _name_of_key(key: str) -> str:
    if key.startswith("country:"):
        c = country_table.by_code(key.split(":", 1)[1])
        return c.name if c else key
    return key.split(":", 1)[-1]


def _kind_of_key(key: str) -> str | None:
    if key.startswith("country:"):
        return "state"
    if key.startswith("military:"):
        return "military"
    if key.startswith("person:"):
        return "person"
    if key.startswith("group:"):
        return "group"
    return None


def _kb_of_key(key: str) -> str | None:
    if key.startswith("kb:"):
        return key[3:]
    if key.startswith("country:"):
        return key
    return None
