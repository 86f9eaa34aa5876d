"""Counting for sentence scoring: one-to-one pairs of gold and exported events, and
tallies of (true positives, predicted, gold) overall, per event type and per tag.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from hudhud.evaluate.seeds import prf

G = TypeVar("G")
P = TypeVar("P")


def bipartite_pairs(gold: Sequence[G], predicted: Sequence[P], fits: Callable[[G, P], bool]) -> list[tuple[int, int]]:
    """The largest set of (gold index, predicted index) pairs that fit, each event used once.

    A greedy pass can lose a hit when a gold event accepts several names: gold
    ["Israel", "Israeli army"] ASSAULT Hamas fits both an exported "Israel" and an
    exported "Israeli army" event; if it took the first while a second gold event
    accepting only "Israel" needed it, one hit would be lost. Augmenting paths (Kuhn's
    algorithm) find the maximum; a sentence has a handful of events, so the cost is nil.
    """
    options = [[p for p in range(len(predicted)) if fits(gold[g], predicted[p])] for g in range(len(gold))]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def claim(g: int, visited: set[int]) -> bool:
        for p in options[g]:
            if p in visited:
                continue
            visited.add(p)
            if p not in owner or claim(owner[p], visited):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        claim(g, set())
    return sorted((g, p) for p, g in owner.items())


class Tally:
    """[tp, predicted, gold] overall, per group key of each event, and per tag of each sentence.

    `key` names the event attribute that groups events: "type" (the PLOVER type)
    or "root" (the two-digit CAMEO root, read from an exported code like "1823").
    """

    def __init__(self, key: str = "type"):
        self.key = key
        self.total = [0, 0, 0]
        self.groups: dict[str, dict[str, list[int]]] = {"type": defaultdict(lambda: [0, 0, 0]),
                                                        "tag": defaultdict(lambda: [0, 0, 0])}

    def _group(self, event: Any) -> str:
        return event.type if self.key == "type" else event.cameo[:2]

    def add(self, tags: Sequence[str], gold: Sequence[Any], predicted: Sequence[Any],
            pairs: list[tuple[int, int]]) -> None:
        counts = (len(pairs), len(predicted), len(gold))
        for i, n in enumerate(counts):
            self.total[i] += n
        for g, _ in pairs:
            self.groups["type"][self._group(gold[g])][0] += 1
        for event in predicted:
            self.groups["type"][self._group(event)][1] += 1
        for event in gold:
            self.groups["type"][self._group(event)][2] += 1
        for tag in tags:
            for i, n in enumerate(counts):
                self.groups["tag"][tag][i] += n

    def overall(self) -> dict[str, Any]:
        return prf(*self.total)

    def grouped(self, name: str) -> dict[str, dict[str, Any]]:
        """{group: P/R/F1 with counts}, sorted by group name."""
        return {key: prf(*counts) for key, counts in sorted(self.groups[name].items())}
