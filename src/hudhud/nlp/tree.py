"""Small questions about a dependency parse that several rules ask.

How deep a token sits decides which trigger types a sentence ("Iran said it
would retaliate": "said" at depth 0 outranks "retaliate" at depth 2), and the
clause under a trigger, cut to its sentence, is the evidence an analyst reads.
"""

from __future__ import annotations

from typing import Any

#: A parse is a tree; a malformed one (a head loop) must not hang the climb.
MAX_CLIMB = 50


def token_depth(tok: Any) -> int:
    """Arcs between the token and its sentence root (0 for the root itself)."""
    depth = 0
    while tok.head.i != tok.i and depth < MAX_CLIMB:
        tok = tok.head
        depth += 1
    return depth


def clause_span(tok: Any) -> tuple[int, int]:
    """The token's subtree cut to its sentence, as a token span [start, end)."""
    sent = tok.sent
    start = max(tok.left_edge.i, sent.start)
    end = min(tok.right_edge.i + 1, sent.end)
    return start, end
