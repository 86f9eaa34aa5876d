"""Build the Phoenix base layer: the committed index under ``data/kb/phoenix/``.

Run once by a developer (`hudhud kb build-base --source DIR`), never at run time:
users have no copy of the dictionaries, so the built files are package data.
The build reads only the Phoenix files and the tokenizer rules of spaCy's blank
English pipeline, so rebuilding from the same files gives the same bytes
(`tests/kb/test_phoenix_build.py` checks it). What depends on hudhud's own,
changing data (the curated KB wins, the country table owns state names, the
stop list) is applied when the index is loaded (`hudhud.kb.phoenix`), so a
curated edit never makes the committed index stale.

What the index holds (`actors.tsv.gz`, one row per actor, see `write_rows`):

- actors of the Countries, International and MilNonState dictionaries, as
  `hudhud kb import-cameo` makes them (`cameo_import.entry_of`): kind, country,
  CAMEO code, and a person's dated roles as dated `member_of country:XXX`;
- extra names of states (`KENYA_ [KEN]` lists "Kenia"), kept only when they are
  spellings of the state's own name: the same records list cities, provinces and
  rivers ("Mombasa", "Peach State"), which are places, not the state;
- a name that two records share is ambiguous and left out of both
  ("Bashir Ahmed" in two countries); a record that keeps no name is left out.

Each name comes with its name key (what `KnowledgeBase.lookup` compares) and its
lower-cased spaCy tokens (what the text matcher compares), so loading computes
neither. `agents.tsv.gz` holds the agents dictionary (role nouns -> sector codes).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from normality import ascii_text

from hudhud.errors import PhoenixSourceError
from hudhud.kb import countries as country_table
from hudhud.kb.entry import KBEntry
from hudhud.kb.entry import index_key
from hudhud.kb.cameo_import import entry_of, is_state_record
from hudhud.kb.names import key_similarity, name_key
from hudhud.kb.phoenix_agents import read_agents
from hudhud.kb.tabari import TabariActor, phrase_names, read_actors

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
               "Phoenix.MilNonState.actors.txt")
AGENTS_FILE = "Phoenix.agents.txt"
#: A state-record name at least this close to the state's own name is a spelling
#: of it ("Tailand", "Venecuela"); "Mombasa" or "Peach State" are not.
STATE_SPELLING = 0.75
#: Separators inside a column: names and affiliations by "|", their fields by ";"
#: (neither occurs in a TABARI phrase, whose words are [\w-.'&/,:!+*]).
ITEM, FIELD = "|", ";"


def _state_country(actor: TabariActor) -> str | None:
    """`[KEN]` -> KEN; a territory coded under its state (`[GBRVGB]`) is the territory;
    a state with dated codes is the latest one's (`[USRARM 220101-910921] [ARM >910921]`)."""
    latest = max(actor.roles, key=lambda r: r.start or "", default=None)
    code = actor.codes[0] if actor.codes else latest.code if latest else ""
    chunks = [code[i:i + 3] for i in range(0, len(code), 3)]
    known = [c for c in chunks if country_table.by_code(c) is not None]
    return known[-1] if known else None


def _is_spelling(name: str, own: list[str]) -> bool:
    """"Tailand" spells Thailand, and so does "Republic Of Kenya" (a formal name ends
    "of <name>"); "South Australia" and "Andorra La Vella" are places in the state."""
    key = name_key(name)
    for other in own:
        other_key = name_key(other)
        if not other_key:
            continue
        if key == other_key or key.endswith(f" uf {other_key}") or key.endswith(f" of {other_key}"):
            return True
        if len(key.split()) == len(other_key.split()) and key[0] == other_key[0] and \
                key_similarity(key, other_key) >= STATE_SPELLING:
            return True  # the same first letter: "Henan" is no spelling of China
    return False


def state_names(actor: TabariActor, first: str | None) -> tuple[str | None, list[str]]:
    """The country of a state record and the names of it that spell the state: like
    its ISO name or the first record of the state ("KENYA_"). Later records of the
    same code are often towns coded as the state ("GAZA_ [PSE]"): their own
    primary phrase proves nothing."""
    alpha3 = _state_country(actor)
    names = list(dict.fromkeys(n for p in actor.phrases for n in phrase_names(p)))
    if alpha3 is None or not names:
        return None, []
    country = country_table.by_code(alpha3)
    own = [first or names[0], *([country.name] if country else [])]
    return alpha3, [n for n in names if _is_spelling(n, own)]


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", (ascii_text(name) or "").lower()).strip("-")[:50] or "actor"


def collect(source: Path, stats: Counter[str]) -> tuple[list[KBEntry], dict[str, list[str]]]:
    """Actor entries (ids assigned) and state names by ISO alpha-3 from the dictionaries."""
    entries: list[KBEntry] = []
    states: dict[str, list[str]] = {}
    first: dict[str, str] = {}  # alpha3 -> primary name of its first state record
    seen: dict[tuple[str, str | None], KBEntry] = {}  # (name key, code) -> entry
    for filename in ACTOR_FILES:
        path = source / filename
        if not path.is_file():
            raise PhoenixSourceError(f"{path}: missing", hint=PhoenixSourceError.default_hint)
        actors, file_stats = read_actors(path.read_text(encoding="utf-8", errors="replace"), filename)
        stats.update(file_stats)
        for actor in actors:
            if is_state_record(actor):
                code = _state_country(actor)
                alpha3, names = state_names(actor, first.get(code or ""))
                if alpha3:
                    first.setdefault(alpha3, phrase_names(actor.phrases[0])[0])
                    states.setdefault(alpha3, [])
                    states[alpha3] += [n for n in names if n not in states[alpha3]]
                continue
            entry = entry_of(actor, stats)
            if entry is None:
                continue
            twin = seen.get((index_key(entry.name), entry.cameo))
            if twin is not None:  # one actor listed twice: one entry
                twin.aliases += [n for n in entry.names if n not in twin.names]
                twin.affiliations += [a for a in entry.affiliations if a not in twin.affiliations]
                stats["merged: same name and code"] += 1
                continue
            seen[(index_key(entry.name), entry.cameo)] = entry
            entries.append(entry)
    return _without_shared_names(entries, stats), states


def _without_shared_names(entries: list[KBEntry], stats: Counter[str]) -> list[KBEntry]:
    owners: dict[str, set[int]] = {}
    for i, entry in enumerate(entries):
        for name in entry.names:
            owners.setdefault(index_key(name), set()).add(i)
    shared = {key for key, ids in owners.items() if len(ids) > 1}
    stats["names left out: shared by two records"] = len(shared)
    kept, used = [], set()
    for entry in entries:
        names = [n for n in entry.names if index_key(n) not in shared]
        if not names:
            stats["records left out: no name of their own"] += 1
            continue
        entry.name, entry.aliases = names[0], names[1:]
        base = candidate = f"phx-{_slug(entry.name)}"
        n = 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        entry.id = candidate
        kept.append(entry)
    return kept


def _name_field(name: str, tokens: Callable[[str], list[str]]) -> str:
    """"Mwai Kibaki;mwai kibaki;" — the token field is empty when the tokens are the
    lower-cased words of the name (most names), to keep the index small."""
    words = tokens(name)
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]  # "The Islamic Front": the article is outside the name in text
    spelled = " ".join(words)
    return FIELD.join([name, index_key(name), "" if spelled == name.lower() else spelled])


def write_rows(entries: list[KBEntry], states: dict[str, list[str]],
               tokens: Callable[[str], list[str]]) -> str:
    """The index as text: `id kind country cameo names affiliations`, tab-separated.

    States come first, with the id `country:XXX` and no KB entry of their own.
    """
    lines = ["# id\tkind\tcountry\tcameo\tnames (name;key;tokens|...)\t"
             "affiliations (relation;object;from;to;role|...)"]
    for alpha3 in sorted(states):
        names = ITEM.join(_name_field(n, tokens) for n in states[alpha3])
        lines.append("\t".join([f"country:{alpha3}", "state", alpha3, alpha3, names, ""]))
    for e in entries:
        names = ITEM.join(_name_field(n, tokens) for n in e.names)
        affs = ITEM.join(FIELD.join([a.relation, a.object, a.start or "", a.end or "", a.role or ""])
                         for a in e.affiliations)
        lines.append("\t".join([e.id, e.kind, e.country or "", e.cameo or "", names, affs]))
    return "\n".join(lines) + "\n"


def gzip_bytes(text: str) -> bytes:
    """Gzip with no time stamp and no file name, so the same text gives the same bytes."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as out:
        out.write(text.encode("utf-8"))
    return buffer.getvalue()


def _tokenizer() -> Callable[[str], list[str]]:
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return lambda text: [t.lower_ for t in tokenizer(text)]


def build_files(source: str | Path) -> tuple[dict[str, bytes], dict[str, Any]]:
    """The index files (name -> bytes) built from a folder with the Phoenix dictionaries."""
    folder = Path(source)
    stats: Counter[str] = Counter()
    entries, states = collect(folder, stats)
    tokens = _tokenizer()
    agents_path = folder / AGENTS_FILE
    if not agents_path.is_file():
        raise PhoenixSourceError(f"{agents_path}: missing", hint=PhoenixSourceError.default_hint)
    agents = read_agents(agents_path.read_text(encoding="utf-8", errors="replace"), tokens)
    files = {"actors.tsv.gz": gzip_bytes(write_rows(entries, states, tokens)),
             "agents.tsv.gz": gzip_bytes(agents)}
    summary = {"actors": len(entries), "states": len(states),
               "state names": sum(len(v) for v in states.values()),
               "names": sum(len(e.names) for e in entries),
               "kinds": dict(sorted(Counter(e.kind for e in entries).items())),
               "agents": agents.count("\n") - 1, **dict(sorted(stats.items()))}
    return files, summary


def manifest(files: dict[str, bytes], summary: dict[str, Any]) -> str:
    """manifest.yml: checksums (so the rules hash moves with the index) and counts."""
    lines = ["# The Phoenix base layer index: what `hudhud kb build-base` wrote.",
             "# Source and licence: see README.md beside this file (openeventdata/petrarch2",
             "# commit 676801c, MIT). Date of the source files: 2014.", "files:"]
    lines += [f"  {name}: {hashlib.sha256(data).hexdigest()}" for name, data in sorted(files.items())]
    lines.append("counts:")
    lines += [f"  {k!r}: {v}" for k, v in summary.items() if isinstance(v, int)]
    return "\n".join(lines) + "\n"


GENERATED = "# --- generated by `hudhud kb build-base --dictionary FILE`; edit above this line"


def stop_names(index_text: str, dictionary: str | Path) -> list[str]:
    """One-word names of the index that a spelling dictionary lists as lower-case
    words ("Youth", "Falcon", "Google"): ordinary English, or used as such."""
    words = {w.strip() for w in Path(dictionary).read_text("utf-8", errors="replace").splitlines()
             if w[:1].islower()}
    found = set()
    for line in index_text.splitlines()[1:]:
        if line.startswith("country:"):
            continue  # states: the country table owns their names ("China", "Turkey")
        for item in line.split("\t")[4].split(ITEM):
            surface = item.split(FIELD)[0]
            if " " not in surface and surface.lower() in words:
                found.add(surface)
    return sorted(found, key=str.lower)


def write_stop_names(path: Path, names: list[str]) -> None:
    """Replace the generated part of stopnames.txt, keeping the hand-written part above it."""
    text = path.read_text("utf-8") if path.is_file() else GENERATED + "\n"
    head = text.split(GENERATED)[0]
    path.write_text(head + GENERATED + "\n" + "".join(n + "\n" for n in names), encoding="utf-8")


def build_base(source: str | Path, out: str | Path, dictionary: str | Path | None = None) -> dict[str, Any]:
    """Write the index files and their manifest into `out`; return the counts.

    dictionary: a spelling word list (one word a line, e.g. Debian's wamerican
    /usr/share/dict/words) to regenerate the generated part of stopnames.txt.
    """
    files, summary = build_files(source)
    target = Path(out)
    target.mkdir(parents=True, exist_ok=True)
    if dictionary is not None:
        names = stop_names(gzip.decompress(files["actors.tsv.gz"]).decode("utf-8"), dictionary)
        write_stop_names(target / "stopnames.txt", names)
        summary["stop names generated"] = len(names)
    for name, data in files.items():
        (target / name).write_bytes(data)
    (target / "manifest.yml").write_text(manifest(files, summary), encoding="utf-8")
    return {"out": str(target), **summary}
