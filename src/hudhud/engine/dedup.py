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
    threshold: float = 0.7
    max_new_share: float = 0.2
    num_perm: int = 128
    min_words: int = 25
    seed: int = 1
    scheme: str = "affine32"

    @property
    def key(self) -> str:
        """What a stored signature must have been made with to be comparable."""
        return f"minhash/{self.scheme}/seed={self.seed}/perm={self.num_perm}/shingle={self.shingle}"

    def with_overrides(self, **changes: Any) -> "DedupSettings":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@functools.lru_cache(maxsize=1)
def load_settings() -> DedupSettings:
    """The shipped settings (data/dedup/near_duplicates.yml)."""
    text = resources.files("hudhud").joinpath("data", "dedup", "near_duplicates.yml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    settings = DedupSettings(
        shingle=int(data["shingle"]), threshold=float(data["threshold"]),
        max_new_share=float(data["max_new_share"]), num_perm=int(data["num_perm"]),
        min_words=int(data["min_words"]), seed=int(data["seed"]), scheme=str(data["scheme"]))
    if (settings.shingle < 1 or not 0.0 < settings.threshold <= 1.0
            or not 0.0 <= settings.max_new_share < 1.0 or settings.num_perm < 16):
        raise ValueError(f"bad near-duplicate settings: {settings}")
    return settings


def words(text: str) -> list[str]:
    """Casefolded word tokens: punctuation, quotes and spacing do not make a text new."""
    return _WORD.findall(text.casefold())


def shingles(text: str, size: int) -> set[str]:
    """The set of `size`-word sequences of `text` (empty when it has fewer words)."""
    tokens = words(text)
    return {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}


@dataclass(frozen=True)
class Fingerprint:
    """A text's MinHash and the number of distinct shingles it was made from."""

    minhash: MinHash
    shingles: int

    def hashvalues(self) -> list[int]:
        """The signature as plain integers, for a store column or a Parquet file."""
        return [int(v) for v in self.minhash.hashvalues]


def fingerprint(text: str, settings: DedupSettings | None = None) -> Fingerprint | None:
    """The text's fingerprint; None for a text too short to judge."""
    settings = settings or load_settings()
    tokens = words(text)
    if len(tokens) < max(settings.min_words, settings.shingle):
        return None
    size = settings.shingle
    grams = {" ".join(tokens[i:i + size]) for i in range(len(tokens) - size + 1)}
    m = MinHash(num_perm=settings.num_perm, seed=settings.seed, scheme=settings.scheme)
    m.update_batch([g.encode("utf-8") for g in grams])
    return Fingerprint(m, len(grams))


def new_share(jaccard: float, old: int, new: int) -> float:
    """The estimated share of the new text's shingles that the old text lacks.

    From J = |A∩B| / |A∪B| and the two set sizes: |A∩B| = J (|A| + |B|) / (1 + J).
    A copy cut short adds nothing (0.0); an update with a new paragraph adds a lot.
    """
    if new <= 0:
        return 0.0
    common = jaccard * (old + new) / (1.0 + jaccard)
    return min(1.0, max(0.0, (new - common) / new))


@dataclass(frozen=True)
class Duplicate:
    """`doc_id` is a near-duplicate of the earlier document `of`, at estimated Jaccard `similarity`."""

    doc_id: str
    of: str
    similarity: float


class NearDuplicates:
    """An LSH index of the documents seen so far.

    >>> index = NearDuplicates()
    >>> index.check("a", text)         # a Fingerprint: first seen, now indexed
    >>> index.check("b", copy_of_text) # Duplicate(doc_id="b", of="a", similarity=0.88)
    """

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or load_settings()
        self._lsh = MinHashLSH(threshold=self.settings.threshold, num_perm=self.settings.num_perm)
        self._prints: dict[str, Fingerprint] = {}
        self._order: dict[str, int] = {}

    def __len__(self) -> int:
        return len(self._prints)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._prints

    def add(self, doc_id: str, print_: Fingerprint) -> None:
        """Index `doc_id` (a second add of the same id is ignored)."""
        if doc_id in self._prints:
            return
        self._lsh.insert(doc_id, print_.minhash)
        self._prints[doc_id] = print_
        self._order[doc_id] = len(self._order)

    def replace(self, doc_id: str, print_: Fingerprint | None) -> None:
        """A corrected text of `doc_id`: its fingerprint (None: too short to judge) takes
        the old one's place, keeping its place in the order, as a re-run seeded from the
        store would have it."""
        if doc_id in self._prints:
            self._lsh.remove(doc_id)
            del self._prints[doc_id]
        if print_ is not None:
            self._lsh.insert(doc_id, print_.minhash)
            self._prints[doc_id] = print_
            self._order.setdefault(doc_id, len(self._order))

    def add_stored(self, rows: Iterable[tuple[str, int, Any]]) -> int:
        """Index stored fingerprints: (doc_id, shingle count, hash values); returns how many were new."""
        before = len(self._prints)
        s = self.settings
        dtype = MinHash(num_perm=s.num_perm, seed=s.seed, scheme=s.scheme).hashvalues.dtype
        for doc_id, count, values in rows:
            values = np.asarray(values, dtype=dtype)
            if len(values) != s.num_perm:
                continue  # written with other settings: not comparable
            m = MinHash(num_perm=s.num_perm, seed=s.seed, scheme=s.scheme, hashvalues=values)
            self.add(doc_id, Fingerprint(m, int(count)))
        return len(self._prints) - before

    def match(self, print_: Fingerprint) -> tuple[str, float] | None:
        """The indexed document this one copies: the most similar (then the earliest)
        at or above the threshold, among those to which it adds little new text."""
        best: tuple[float, int, str] | None = None
        for other in self._lsh.query(print_.minhash):
            # LSH candidates are probable, not certain: check the estimate itself.
            known = self._prints[other]
            sim = float(print_.minhash.jaccard(known.minhash))
            if sim < self.settings.threshold:
                continue
            if new_share(sim, known.shingles, print_.shingles) > self.settings.max_new_share:
                continue  # an update or a longer version: its new text is news
            key = (-sim, self._order[other], other)
            if best is None or key < best:
                best = key
        return None if best is None else (best[2], -best[0])

    def check(self, doc_id: str, text: str) -> Duplicate | Fingerprint | None:
        """A Duplicate when `text` copies an indexed document; otherwise index it and
        return its Fingerprint (to keep), or None when the text is too short to judge."""
        print_ = fingerprint(text, self.settings)
        if print_ is None:
            return None
        found = self.match(print_)
        if found is not None:
            return Duplicate(doc_id, found[0], round(found[1], 4))
        self.add(doc_id, print_)
        return print_


__all__ = ["DedupSettings", "Duplicate", "Fingerprint", "NearDuplicates", "fingerprint",
           "load_settings", "new_share", "shingles", "words"]
