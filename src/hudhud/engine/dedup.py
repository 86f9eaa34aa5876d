"""Near-duplicate articles: MinHash LSH over word shingles (datasketch).

News travels as wire copies and re-posts: the same report under a new headline,
with a dateline added or its last paragraph cut. Analysing each copy would count
every event and quote several times, so the ingest keeps the first copy it sees
and records the others as further sources of it (store table ``doc_sources``).

The settings (shingle size, Jaccard threshold, permutations, minimum length)
are in ``data/dedup/near_duplicates.yml``. The index lives in memory for a run
and is seeded with the signatures a store (or a Parquet dataset) already keeps,
so a copy arriving a week later is caught too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from importlib import resources
from typing import Any

import numpy as np
import yaml
from datasketch import MinHash, MinHashLSH

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DedupSettings:
    """How near is a duplicate; see data/dedup/near_duplicates.yml."""

    shingle: int = 3
    threshold: float = 0.8
    num_perm: int = 128
    min_words: int = 25
    seed: int = 1

    def with_overrides(self, **changes: Any) -> "DedupSettings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@functools.lru_cache(maxsize=1)
def load_settings() -> DedupSettings:
    """The shipped settings (data/dedup/near_duplicates.yml)."""
    text = resources.files("hudhud").joinpath("data", "dedup", "near_duplicates.yml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    settings = DedupSettings(
        shingle=int(data["shingle"]), threshold=float(data["threshold"]),
        num_perm=int(data["num_perm"]), min_words=int(data["min_words"]), seed=int(data["seed"]))
    if settings.shingle < 1 or not 0.0 < settings.threshold <= 1.0 or settings.num_perm < 16:
        raise ValueError(f"bad near-duplicate settings: {settings}")
    return settings


def words(text: str) -> list[str]:
    """Casefolded word tokens: punctuation, quotes and spacing do not make a text new."""
    return _WORD.findall(text.casefold())


def shingles(text: str, size: int) -> set[str]:
    """The set of `size`-word sequences of `text` (empty when it has fewer words)."""
    tokens = words(text)
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


def signature(text: str, settings: DedupSettings | None = None) -> MinHash | None:
    """The MinHash of the text's shingles; None for a text too short to judge."""
    settings = settings or load_settings()
    tokens = words(text)
    if len(tokens) < max(settings.min_words, settings.shingle):
        return None
    size = settings.shingle
    grams = {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}
    m = MinHash(num_perm=settings.num_perm, seed=settings.seed)
    m.update_batch([g.encode("utf-8") for g in grams])
    return m


@dataclass(frozen=True)
class Duplicate:
    """`doc_id` is a near-duplicate of the earlier document `of`, at estimated Jaccard `similarity`."""

    doc_id: str
    of: str
    similarity: float


class NearDuplicates:
    """An LSH index of the documents seen so far.

    >>> index = NearDuplicates()
    >>> index.check("a", text)         # None: first seen, now indexed
    >>> index.check("b", copy_of_text) # Duplicate(doc_id="b", of="a", similarity=0.93)
    """

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or load_settings()
        self._lsh = MinHashLSH(threshold=self.settings.threshold, num_perm=self.settings.num_perm)
        self._sigs: dict[str, MinHash] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._sigs

    def add(self, doc_id: str, sig: MinHash) -> None:
        """Index `doc_id` (a second add of the same id is ignored)."""
        if doc_id in self._sigs:
            return
        self._lsh.insert(doc_id, sig)
        self._sigs[doc_id] = sig
        self._order[doc_id] = len(self._order)

    def add_hashvalues(self, rows: Iterable[tuple[str, Any]]) -> int:
        """Index stored signatures: (doc_id, hash values) pairs; returns how many were new."""
        before = len(self._sigs)
        for doc_id, values in rows:
            values = np.asarray(values, dtype=np.uint64)
            if len(values) != self.settings.num_perm:
                continue  # written with other settings: not comparable
            self.add(doc_id, MinHash(num_perm=self.settings.num_perm, seed=self.settings.seed,
                                     hashvalues=values))
        return len(self._sigs) - before

    def match(self, sig: MinHash) -> tuple[str, float] | None:
        """The indexed document most like `sig` at or above the threshold (earliest on ties)."""
        best: tuple[float, int, str] | None = None
        for other in self._lsh.query(sig):
            # LSH candidates are probable, not certain: check the estimate itself.
            sim = float(sig.jaccard(self._sigs[other]))
            if sim < self.settings.threshold:
                continue
            key = (-sim, self._order[other], other)
            if best is None or key < best:
                best = key
        return None if best is None else (best[2], -best[0])

    def check(self, doc_id: str, text: str) -> Duplicate | MinHash | None:
        """A Duplicate when `text` copies an indexed document; otherwise index it and
        return its signature (to keep), or None when the text is too short to judge."""
        sig = signature(text, self.settings)
        if sig is None:
            return None
        found = self.match(sig)
        if found is not None:
            return Duplicate(doc_id, found[0], round(found[1], 4))
        self.add(doc_id, sig)
        return sig


def hashvalues(sig: MinHash) -> list[int]:
    """A signature as plain integers, for a store column or a Parquet file."""
    return [int(v) for v in sig.hashvalues]


__all__ = ["DedupSettings", "Duplicate", "NearDuplicates", "hashvalues", "load_settings",
           "shingles", "signature", "words"]
