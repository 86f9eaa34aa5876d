"""Read-only string tables packed for memory: a worker has 600 MB for everything.

The gazetteer maps 500,000 name keys to row numbers and holds 270,000 rows. As a dict
of str to str and a list of str they cost about 150 MB; packed into strings with arrays
of end offsets about 60 MB. A key lookup is a binary search (20 comparisons); a row is a
slice.
"""

from __future__ import annotations

import io
from array import array
from bisect import bisect_left
from typing import Iterable, Iterator

__all__ = ["KeyTable", "LineList"]


class _Packer:
    """Keys and values appended in key order to two strings, with their end offsets."""

    def __init__(self) -> None:
        self.keys, self.values = io.StringIO(), io.StringIO()
        self.key_ends, self.value_ends = array("L"), array("L")
        self.last: str | None = None

    def add(self, key: str, value: str) -> bool:
        """Append a pair; False (and nothing appended) when the key is not after the last."""
        if self.last is not None and key <= self.last:
            return False
        self.last = key
        self.key_ends.append((self.key_ends[-1] if self.key_ends else 0) + len(key))
        self.value_ends.append((self.value_ends[-1] if self.value_ends else 0) + len(value))
        self.keys.write(key)
        self.values.write(value)
        return True

    def pairs(self) -> list[tuple[str, str]]:
        keys, values = self.keys.getvalue(), self.values.getvalue()
        out, k0, v0 = [], 0, 0
        for k1, v1 in zip(self.key_ends, self.value_ends):
            out.append((keys[k0:k1], values[v0:v1]))
            k0, v0 = k1, v1
        return out


class KeyTable:
    """`key in table` and `table.get(key)`, over (key, value) pairs given in any order
    (in key order, as the gazetteer index writes them, they are packed as they stream in;
    otherwise they are sorted first, the last value of a repeated key winning)."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        pairs = iter(pairs)
        packer = _Packer()
        for key, value in pairs:
            if not packer.add(key, value):
                rest = dict([*packer.pairs(), (key, value), *pairs])
                packer = _Packer()
                for k in sorted(rest):
                    packer.add(k, rest[k])
                break
        self._keys, self._values = packer.keys.getvalue(), packer.values.getvalue()
        self._key_ends, self._value_ends = packer.key_ends, packer.value_ends

    def __len__(self) -> int:
        return len(self._key_ends)

    def _key(self, i: int) -> str:
        return self._keys[self._key_ends[i - 1] if i else 0:self._key_ends[i]]

    def _find(self, key: str) -> int:
        i = bisect_left(range(len(self)), key, key=self._key)
        return i if i < len(self) and self._key(i) == key else -1

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._find(key) >= 0

    def get(self, key: str, default: str | None = None) -> str | None:
        i = self._find(key)
        if i < 0:
            return default
        return self._values[self._value_ends[i - 1] if i else 0:self._value_ends[i]]


class LineList:
    """A read-only sequence of strings (the gazetteer's rows) kept as one UTF-8 buffer:
    one joined str would take 4 bytes a character for all rows as soon as one row holds
    a character outside Latin-1 (an alternate name in Arabic script)."""

    def __init__(self, lines: Iterable[str]):
        data, ends = io.BytesIO(), array("L")
        for line in lines:
            raw = line.encode("utf-8")
            ends.append((ends[-1] if ends else 0) + len(raw))
            data.write(raw)
        self._data, self._ends = data.getvalue(), ends

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._data[self._ends[i - 1] if i else 0:self._ends[i]].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[i] for i in range(len(self)))
