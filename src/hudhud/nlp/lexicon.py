"""The lexicon: every word list, pattern table and threshold the rules read, loaded
once from data/lexicon/ and checked against data/lexicon/schema.yml.

A file whose key is misspelt ("verbz:"), whose value has the wrong kind (a table
where a word list belongs, a trigger entry with "neegated:"), or whose header does
not name its source, licence and date raises `InvalidLexicon` naming the file and
the key, when the lexicon is first read: a typo never silently matches nothing.

`lexicon()` is the checked, read-only whole; `load_yaml`, `word_set` and `nouns`
read from it. `rules_hash` is stored with every analysis: it covers these files
and the rule code (extract/, nlp/, the analysis modules of kb/ and engine/), so
a store knows which rules, code and words, produced its records.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from importlib import resources
from importlib.abc import Traversable
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from hudhud.errors import InvalidLexicon

SCHEMA = "schema.yml"
#: The rule code the analysis version hashes, besides every data file: folders and modules
#: of the package whose change can change an analysis.
RULE_CODE = ("extract", "nlp", "engine/analyzer.py", "engine/steps.py", "engine/records.py",
             "kb/actors.py", "kb/countries.py", "kb/names.py", "kb/cameo.py", "kb/place.py",
             "kb/gazetteer.py", "kb/gazetteer_context.py")
DATA_SUFFIXES = (".yml", ".yaml", ".txt", ".tsv", ".jsonl")


#: libyaml's loader when PyYAML was built with it: the lexicon parses in a tenth of the time.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class WordLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """YAML 1.1 reads "on", "off", "yes" and "no" as booleans; in word lists they are words."""


WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class LexiconFile:
    """One checked file: where its words come from, and its keys (a read-only mapping)."""

    name: str
    source: str
    licence: str
    date: str
    data: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def words(self, key: str) -> frozenset[str]:
        """One word list, lower-cased."""
        return frozenset(str(w).lower() for w in self.data.get(key, ()))


@dataclass(frozen=True)
class Lexicon:
    files: Mapping[str, LexiconFile]

    def __getitem__(self, name: str) -> LexiconFile:
        """A file by its name, with or without ".yml" ("events" or "events.yml")."""
        return self.files[name if name.endswith(".yml") else f"{name}.yml"]


def _header(name: str, text: str) -> tuple[str, str, str]:
    lines = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line.lstrip("# "))
    head = " ".join(lines)
    source = re.search(r"Source:\s*(.+?)\s*(?:Licen[cs]e:|$)", head)
    licence = re.search(r"Licen[cs]e:\s*([^.]+)", head)
    date = re.search(r"\b((?:19|20)\d\d-\d\d-\d\d)\b", head)
    for found, what in ((source, "source"), (licence, "licence"), (date, "date (YYYY-MM-DD)")):
        if found is None:
            raise InvalidLexicon(f"data/lexicon/{name}: the header names no {what}",
                                 hint="start the file with comment lines naming Source:, Licence: and the date")
    return source.group(1), licence.group(1).strip(), date.group(1)


def _scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float)) and not isinstance(value, bool)


def _check(name: str, key: str, kind: str, value: Any, schema: Mapping[str, Any]) -> None:
    where = f"data/lexicon/{name}: {key}"
    if kind == "words":
        ok = isinstance(value, list) and all(_scalar(v) for v in value)
    elif kind == "word_lists":
        ok = isinstance(value, list) and all(isinstance(v, list) and all(_scalar(w) for w in v) for v in value)
    elif kind == "table":
        ok = isinstance(value, dict)
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind == "text":
        ok = isinstance(value, str)
    elif kind == "triggers":
        ok = isinstance(value, list) and all(isinstance(v, dict) for v in value)
        allowed, required = set(schema["trigger_keys"]), set(schema["trigger_required"])
        for n, entry in enumerate(value if ok else ()):
            unknown = sorted(set(entry) - allowed)
            if unknown:
                raise InvalidLexicon(f"{where}[{n}]: unknown key {unknown[0]!r} (entry {entry.get('lemma')!r})")
            missing = sorted(required - set(entry))
            if missing:
                raise InvalidLexicon(f"{where}[{n}]: no {missing[0]!r} (entry {entry.get('lemma')!r})")
    else:
        raise InvalidLexicon(f"data/lexicon/{SCHEMA}: {name}: {key}: unknown kind {kind!r}")
    if not ok:
        raise InvalidLexicon(f"{where}: should hold {kind.replace('_', ' ')}, not {type(value).__name__} {value!r:.60}")


def _validate(name: str, data: Any, schema: Mapping[str, Any]) -> None:
    spec = schema["files"].get(name)
    if spec is None:
        raise InvalidLexicon(f"data/lexicon/{name}: a file the schema does not list",
                             hint=f"add its keys to data/lexicon/{SCHEMA}, or move it out of data/lexicon/")
    if not isinstance(data, dict):
        raise InvalidLexicon(f"data/lexicon/{name}: should hold a mapping of keys, not {type(data).__name__}")
    for key, value in data.items():
        if "any" in spec:
            if key not in spec["keys"]:
                raise InvalidLexicon(f"data/lexicon/{name}: unknown key {key!r} (one of {', '.join(spec['keys'])})")
            _check(name, key, spec["any"], value, schema)
        elif key not in spec:
            raise InvalidLexicon(f"data/lexicon/{name}: unknown key {key!r}")
        else:
            _check(name, key, spec[key], value, schema)


def read_lexicon(folder: Traversable) -> Lexicon:
    """Every file of a lexicon folder, checked against its schema.yml."""
    schema = yaml.load(folder.joinpath(SCHEMA).read_text("utf-8"), Loader=WordLoader)  # noqa: S506
    files = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yml") or path.name == SCHEMA:
            continue
        text = path.read_text("utf-8")
        source, licence, date = _header(path.name, text)
        try:
            data = yaml.load(text, Loader=WordLoader)  # noqa: S506 - a SafeLoader subclass
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark is not None else ""
            raise InvalidLexicon(f"data/lexicon/{path.name}{line}: not YAML ({getattr(exc, 'problem', exc)})") from exc
        _validate(path.name, data, schema)
        files[path.name] = LexiconFile(path.name, source, licence, date, MappingProxyType(data))
    missing = sorted(set(schema["files"]) - set(files))
    if missing:
        raise InvalidLexicon(f"data/lexicon/{missing[0]}: listed in {SCHEMA} but missing")
    return Lexicon(MappingProxyType(files))


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The package's lexicon, read and checked once per process."""
    return read_lexicon(resources.files("hudhud").joinpath("data", "lexicon"))


def load_yaml(relpath: str) -> Mapping[str, Any]:
    """A lexicon file's keys by its path under hudhud/data/ ("lexicon/events.yml")."""
    folder, _, name = relpath.partition("/")
    if folder != "lexicon":
        raise InvalidLexicon(f"data/{relpath}: not a lexicon file (data/lexicon/ holds them)")
    return lexicon()[name].data


@functools.lru_cache(maxsize=None)
def word_set(relpath: str, key: str) -> frozenset[str]:
    """One list of a lexicon file as a lower-cased set."""
    return lexicon()[relpath.partition("/")[2]].words(key)


@functools.lru_cache(maxsize=None)
def term_set(relpath: str, key: str) -> frozenset[str]:
    """One list of a lexicon file as a set, case kept (PLOVER types, CAMEO roots)."""
    return frozenset(str(w) for w in load_yaml(relpath)[key])


def nouns(key: str) -> frozenset[str]:
    return word_set("lexicon/nouns.yml", key)


def _tree(node: Traversable, suffixes: tuple[str, ...]) -> list[Traversable]:
    out = []
    for child in node.iterdir():
        if child.is_dir():
            out += _tree(child, suffixes)
        elif child.name.endswith(suffixes):
            out.append(child)
    return out


def hash_rules(package: Traversable) -> str:
    """A hash of every data file (the demo corpus aside) and of the rule code of a package folder."""
    digest = hashlib.sha1()
    files = [f for f in _tree(package.joinpath("data"), DATA_SUFFIXES) if "demo" not in str(f)]
    for part in RULE_CODE:
        node = package.joinpath(part)
        if node.is_dir():
            files += _tree(node, (".py",))
        elif node.is_file():
            files.append(node)
    root = len(str(package))
    for f in sorted(files, key=lambda p: str(p)[root:]):
        digest.update(str(f)[root:].encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]


@functools.lru_cache(maxsize=1)
def rules_hash() -> str:
    """A digest of the rule code and data, kept with every analysis: two records with the
    same digest came from the same rules, whatever release made them."""
    return hash_rules(resources.files("hudhud"))
