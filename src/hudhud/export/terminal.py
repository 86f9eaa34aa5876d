"""Text from the store or the command line, made safe to print on a terminal.

File names, document ids, actor names and evidence come from articles and from
whoever named the files, so they are data, never layout. Three things would let
them forge or restyle what the CLI prints:

- control characters: a file named "a\\nread 9, stored 9, ..." prints a fake
  summary line, and "\\x1b[2J" clears the screen; they are shown escaped
  ("a\\\\nread 9 ..."), as Python's repr shows them;
- bidirectional overrides (U+202E): "gpj.exe" shown as "exe.jpg"; shown escaped;
- rich's markup and emoji codes: "[bold]" restyles, "[/]" raises, ":smile:" and
  ":100:" turn into emoji. Consoles here have emoji off, and a value put into a
  markup string is escaped with `markup_safe`, or passed as `Text` with `cell`.
"""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text

# C0 and C1 controls and DEL (category Cc), the line and paragraph separators, and
# the bidirectional embeddings, overrides and isolates, which reorder the rest of a line.
# Marks that do not reorder (U+200E/U+200F, joiners) stay: Arabic and Persian names use them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escaped(match: re.Match[str]) -> str:
    ch = match.group(0)
    return _NAMED.get(ch) or (f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}")


def printable(value: Any) -> str:
    """`value` as one line of visible characters: "a\\nb" prints as a\\nb, not two lines."""
    return _UNPRINTABLE.sub(_escaped, "" if value is None else str(value))


def markup_safe(value: Any) -> str:
    """`printable(value)` for a rich markup string: "[bold]" prints as typed."""
    return escape(printable(value))


def cell(value: Any) -> Text:
    """A table cell that shows `value` as typed (rich reads a plain str as markup)."""
    return Text(printable(value))


def console(stderr: bool = False, **options: Any) -> Console:
    """A rich console that never turns ":smile:" into an emoji."""
    return Console(stderr=stderr, emoji=False, **options)


__all__ = ["cell", "console", "markup_safe", "printable"]
