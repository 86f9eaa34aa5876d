"""Loads the word lists and pattern tables in `hudhud/data/` (data, not code)."""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from typing import Any

import yaml


class WordLoader(yaml.SafeLoader):
    """YAML 1.1 reads "on", "off", "yes" and "no" as booleans; in word lists they are words."""


WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@functools.lru_cache(maxsize=None)
def load_yaml(relpath: str) -> Any:
    """A YAML file under hudhud/data/, parsed once per process."""
    text = resources.files("hudhud").joinpath("data", relpath).read_text("utf-8")
    return yaml.load(text, Loader=WordLoader)  # noqa: S506 - a SafeLoader subclass


@functools.lru_cache(maxsize=None)
def word_set(relpath: str, key: str) -> frozenset[str]:
    """One list of a YAML word file as a lower-cased set."""
    return frozenset(str(w).lower() for w in load_yaml(relpath).get(key, []))


def nouns(key: str) -> frozenset[str]:
    return word_set("lexicon/nouns.yml", key)


@functools.lru_cache(maxsize=1)
def rules_hash() -> str:
    """A hash of every data file, stored with each analysis so a store knows
    which rules produced its records."""
    digest = hashlib.sha1()
    root = resources.files("hudhud").joinpath("data")
    stack = [root]
    files = []
    while stack:
        node = stack.pop()
        for child in node.iterdir():
            if child.is_dir():
                stack.append(child)
            elif child.name.endswith((".yml", ".yaml", ".txt", ".tsv", ".jsonl")) and "demo" not in str(child):
                files.append(child)
    for f in sorted(files, key=lambda p: str(p)):
        digest.update(str(f).split("data", 1)[-1].encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:12]
