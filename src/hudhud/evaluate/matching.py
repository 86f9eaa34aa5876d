"""One-to-one matching of system records to gold records within a document.

Every record kind is scored by the same greedy rule: list the candidate
(gold, system) pairs with a score, take the best-scoring pair first, ties by
order of appearance (gold first, then system), and never use a record twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from hudhud.evaluate.names import normalize_name

Pair = tuple[int, int]  # (gold index, system index)


def greedy_match(candidates: list[tuple[float, int, int]]) -> list[Pair]:
    """Pick one-to-one pairs from (score, gold index, system index), best first."""
    used_gold: set[int] = set()
    used_sys: set[int] = set()
    pairs: list[Pair] = []
    for _score, g, s in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if g in used_gold or s in used_sys:
            continue
        used_gold.add(g)
        used_sys.add(s)
        pairs.append((g, s))
    return sorted(pairs)


def match_by_key(
    gold_keys: Sequence[Hashable],
    sys_keys: Sequence[Hashable],
    score: Callable[[int, int], float] | None = None,
) -> list[Pair]:
    """Pair records with equal keys (a multiset match); `score` breaks ties within a key.

    The number of pairs per key is min(gold count, system count), which is
    what a Counter intersection counts; `score` only decides which records pair up.
    """
    sys_by_key: dict[Hashable, list[int]] = defaultdict(list)
    for s, key in enumerate(sys_keys):
        sys_by_key[key].append(s)
    candidates = [
        (score(g, s) if score else 0.0, g, s)
        for g, key in enumerate(gold_keys)
        for s in sys_by_key.get(key, ())
    ]
    return greedy_match(candidates)


def actor_names(actor: dict[str, Any]) -> set[str]:
    """The normalised names of an actor: its name and all its aliases."""
    names = [actor.get("name") or "", *(actor.get("aliases") or [])]
    return {n for n in (normalize_name(x) for x in names if isinstance(x, str)) if n}


def match_actors(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> list[Pair]:
    """Match actors by shared normalised names, greedy by how many they share."""
    gold_names = [actor_names(a) for a in gold]
    sys_names = [actor_names(a) for a in system]
    candidates = [
        (len(gn & sn), g, s)
        for g, gn in enumerate(gold_names)
        for s, sn in enumerate(sys_names)
        if gn & sn
    ]
    return greedy_match(candidates)


def actor_mapping(gold: list[dict[str, Any]], system: list[dict[str, Any]], pairs: list[Pair]) -> dict[str, str]:
    """system actor id -> gold actor id, from the matched actor pairs."""
    return {str(system[s]["id"]): str(gold[g]["id"]) for g, s in pairs}


def map_id(actor_id: Any, mapping: dict[str, str]) -> Any:
    """The gold id a system id stands for; None stays None; unmatched ids match nothing."""
    if actor_id is None:
        return None
    key = str(actor_id)
    if key in mapping:
        return mapping[key]
    # A tuple never equals a gold id (a string), so the record cannot match.
    return ("unmapped", key)
