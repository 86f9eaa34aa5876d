"""The Phoenix base layer: the committed index under ``data/kb/phoenix/``, loaded
under hudhud's curated knowledge base.

The index (built by `hudhud.kb.phoenix_build`) is read once per process. Each
`KnowledgeBase` then takes a filtered view of it (`BaseLayer.view`) in which
hudhud's own data wins:

- an actor whose name the curated KB (or a user file) has is that curated actor:
  the Phoenix record is left out ("Bashar Al Assad" stays the curated entry);
- names the country table owns ("Kenya", "Kenyan", "Nairobi") stay the country
  table's: a record named like a state is left out, an alias like one is dropped;
- names on the stop lists (`stopnames.txt` here, and the gazetteer's
  `stopwords.txt`) are dropped: "Youth", "Falcon" or "Chevron" are also
  ordinary words, and "Paradise" would fire in every travel story;
- names of offices ("US President", "Foreign Minister": a title of
  lexicon/roles.yml at either end) are dropped from all but persons: the title
  rules read them together with the name that follows.

Names keep their precomputed key and tokens, so the view costs set lookups.
The agents dictionary (role nouns -> CAMEO sectors) is read by `agent_nouns`.
"""

from __future__ import annotations

import gzip
import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import yaml

from hudhud.errors import PhoenixIndexError
from hudhud.kb import countries as country_table
from hudhud.kb.entry import KBAffiliation, KBEntry
from hudhud.kb.entry import index_key
from hudhud.nlp.lexicon import load_yaml, nouns, word_set

__all__ = ["BaseLayer", "BaseName", "agent_nouns", "agent_words", "load_base", "stop_keys"]

ORIGIN = "hudhud/data/kb/phoenix/actors.tsv.gz"
_FOLDER = ("data", "kb", "phoenix")


class BaseName(NamedTuple):
    """A name of the base layer: its surface, name key and lower-cased spaCy tokens,
    and what it names: a base entry id or "country:XXX"."""

    surface: str
    key: str
    tokens: tuple[str, ...]
    target: str


class _Row(NamedTuple):
    id: str
    kind: str
    country: str | None
    cameo: str | None
    names: tuple[BaseName, ...]
    affiliations: str


@lru_cache(maxsize=1)
def _manifest() -> dict:
    """The index's manifest (checksums and counts), generated data rather than a lexicon file."""
    text = resources.files("hudhud").joinpath(*_FOLDER, "manifest.yml").read_text("utf-8")
    return yaml.safe_load(text)


def _read(name: str) -> bytes:
    path = resources.files("hudhud").joinpath(*_FOLDER, name)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PhoenixIndexError(f"{ORIGIN.rsplit('/', 1)[0]}/{name}: cannot read it ({exc.strerror})",
                                hint=PhoenixIndexError.default_hint) from exc
    expected = _manifest()["files"].get(name)
    if hashlib.sha256(data).hexdigest() != expected:
        raise PhoenixIndexError(f"{ORIGIN.rsplit('/', 1)[0]}/{name}: not the file manifest.yml names",
                                hint=PhoenixIndexError.default_hint)
    return gzip.decompress(data)


def _names(field: str, target: str) -> tuple[BaseName, ...]:
    out = []
    for item in field.split("|"):
        surface, key, spelled = item.split(";")
        out.append(BaseName(surface, key, tuple((spelled or surface.lower()).split()), target))
    return tuple(out)


@lru_cache(maxsize=1)
def _rows() -> tuple[_Row, ...]:
    text = _read("actors.tsv.gz").decode("utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            continue
        try:
            id, kind, country, cameo, names, affs = line.split("\t")
            rows.append(_Row(id, kind, country or None, cameo or None, _names(names, id), affs))
        except ValueError as exc:
            raise PhoenixIndexError(f"{ORIGIN}:{number}: not a row of six fields",
                                    hint=PhoenixIndexError.default_hint) from exc
    return tuple(rows)


def _affiliations(field: str) -> list[KBAffiliation]:
    out = []
    for item in filter(None, field.split("|")):
        relation, obj, start, end, role = item.split(";")
        out.append(KBAffiliation(relation, obj, start or None, end or None, role or None))
    return out


@lru_cache(maxsize=1)
def stop_keys() -> frozenset[str]:
    """Keys of the names the base layer never matches (both stop lists)."""
    lines: list[str] = []
    for parts in (("data", "kb", "phoenix", "stopnames.txt"), ("data", "gazetteer", "stopwords.txt")):
        text = resources.files("hudhud").joinpath(*parts).read_text("utf-8")
        lines += [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    return frozenset(index_key(ln) for ln in lines)


@lru_cache(maxsize=1)
def _titles() -> frozenset[tuple[str, ...]]:
    """Titles from lexicon/roles.yml, as tokens: ("president",), ("prime", "minister")."""
    words = word_set("lexicon/roles.yml", "head_of_state_titles") | word_set("lexicon/roles.yml", "office_titles")
    return frozenset(tuple(w.split()) for w in words)


def _is_title(name: BaseName) -> bool:
    """"US President", "President Of The United States", "Foreign Minister": an office,
    which the title rules read with the name after it, not an actor to match."""
    tokens = name.tokens
    return any(tokens[:len(t)] == t or tokens[-len(t):] == t for t in _titles())


@lru_cache(maxsize=1)
def _country_keys() -> frozenset[str]:
    forms = [f for c in country_table.countries()
             for f in (c.name, *c.aliases, *c.demonyms, *c.plurals, *c.capitals)]
    return frozenset(index_key(f) for f in forms)


@dataclass
class BaseLayer:
    """The base entries of one knowledge base and every name the text matcher may use.

    Entries are made from their rows when first asked for: a process that reads
    ten articles needs a few hundred of the 25,000.
    """

    rows: dict[str, tuple[_Row, list[BaseName]]]  # entry id -> (row, the names it keeps)
    names: list[BaseName]  # of the entries, and of states (target "country:XXX")
    _made: dict[str, KBEntry] = field(default_factory=dict)

    @classmethod
    def view(cls, taken: set[str] | frozenset[str]) -> "BaseLayer":
        """The index without the names `taken` (keys of curated names), the country
        table's names and the stop lists (see the module docstring)."""
        owned = taken | _country_keys()
        dropped = owned | stop_keys()
        rows: dict[str, tuple[_Row, list[BaseName]]] = {}
        names: list[BaseName] = []
        for row in _rows():
            if row.kind != "state" and row.names[0].key in owned:
                continue  # "it is that actor": the curated entry or the state
            kept = [n for n in row.names if n.key not in dropped
                    and (row.kind == "person" or not _is_title(n))]
            if kept:
                names += kept
                if row.kind != "state":
                    rows[row.id] = (row, kept)
        return cls(rows, names)

    def get(self, id: str) -> KBEntry | None:
        entry = self._made.get(id)
        if entry is None and id in self.rows:
            row, kept = self.rows[id]
            entry = self._made[id] = KBEntry(
                id=row.id, name=kept[0].surface, kind=row.kind, country=row.country,
                aliases=[n.surface for n in kept[1:]], affiliations=_affiliations(row.affiliations),
                cameo=row.cameo, origin=ORIGIN)
        return entry

    def kind(self, id: str) -> str | None:
        """The kind of entry `id`, without making the entry."""
        found = self.rows.get(id)
        return found[0].kind if found else None


def load_base(taken: set[str] | frozenset[str]) -> BaseLayer:
    """The base layer under a knowledge base whose own names have the keys `taken`."""
    return BaseLayer.view(taken)


@lru_cache(maxsize=1)
def agent_nouns() -> dict[str, str]:
    """Plural role nouns of the agents dictionary -> the mention class their sector
    gives (data/lexicon/sectors.yml, `nominal`): "legislators" -> "state",
    "policemen" -> "military", "guerrillas" -> "militia", "miners" -> "group".

    Only one-word nouns that hudhud's own lexicon does not place already: a noun
    in lexicon/nouns.yml or lexicon/roles.yml keeps its curated meaning
    ("officials", "fighters", "militia" for "militias"), and sectors.yml lists nouns that add no actor
    ("hospitals", "lawyers").
    """
    sectors = load_yaml("lexicon/sectors.yml")
    classes = {code: cls for cls, codes in sectors["nominal"].items() for code in codes}
    curated = set().union(*(nouns(k) for k in ("state_member_nouns", "military_nouns", "government_nouns",
                                                "unnamed_group_nouns", "person_role_nouns", "group_nouns",
                                                "instrument_nouns", "facility_nouns", "partitive_nouns")))
    curated |= {w for role in ("leader", "member", "spokesperson") for w in word_set("lexicon/roles.yml", role)}
    curated |= set(sectors["not_actors"])
    text = _read("agents.tsv.gz").decode("utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines()[1:]:
        words, number, codes = line.split("\t")
        cls = classes.get(codes[:3])
        if number == "many" and cls and " " not in words and not _singulars(words) & curated:
            out.setdefault(words, cls)
    return out


def _singulars(plural: str) -> set[str]:
    """The word and the singulars it may have: "militias" -> {"militias", "militia", ...},
    so a noun the curated lexicon has in the singular ("militia") stays curated."""
    forms = {plural, plural[:-1], plural[:-2]}
    if plural.endswith("ies"):
        forms.add(plural[:-3] + "y")
    if plural.endswith("men"):
        forms.add(plural[:-3] + "man")
    return forms


@lru_cache(maxsize=None)
def agent_words(cls: str) -> frozenset[str]:
    """The plural role nouns of one mention class ("state", "military", "militia", "group")."""
    return frozenset(w for w, c in agent_nouns().items() if c == cls)
