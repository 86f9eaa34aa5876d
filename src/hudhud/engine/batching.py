"""Cutting a stream of documents into batches, for the process pool and the Ray actors
alike (a batch of 32 is what `nlp.pipe` and one store transaction take at a time)."""

from __future__ import annotations

from typing import Iterable, Iterator, TypeVar

Item = TypeVar("Item")


def batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of `size` items in input order; the last one may be shorter."""
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
