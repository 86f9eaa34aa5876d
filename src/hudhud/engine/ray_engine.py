"""The analysis stage on Ray: `hudhud ingest --engine ray [--address ADDRESS]`.

The same `analyze` runs in Ray actors, one per CPU asked for, each loading the
spaCy pipeline and the knowledge base once and then analysing batch after batch.
The driver reads, deduplicates and writes (to the store or a Parquet dataset),
so only documents and JSON-ready analyses cross the wire. Results come back in
the order the batches went out, so a Ray run stores the same records in the same
order as a local one.

Ray is an optional extra (``pip install 'hudhud[ray]'``). Without an address a
local Ray instance is started for the run; with one (``ray://head:10001`` or
``auto`` on a cluster node) the actors run on the cluster, whose nodes need
hudhud and the spaCy model package installed in the same versions.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

from hudhud.engine.batching import batches
from hudhud.errors import HudhudError
from hudhud.model import Document

Results = list[tuple[dict | None, str | None]]


def _ray() -> Any:
    try:
        import ray
    except ImportError as exc:
        raise HudhudError("the Ray engine needs the ray package.",
                          hint="pip install 'hudhud[ray]', or use --engine local.",
                          code="H080") from exc
    return ray


class _Analyzer:
    """One per worker: the model stays loaded between batches."""

    def __init__(self, kb_paths: tuple[str, ...]) -> None:
        from hudhud.engine import worker

        worker.worker_init(kb_paths)

    def analyze(self, batch: list[dict]) -> Results:
        from hudhud.engine import worker

        return worker.worker_analyze(batch)


def connect(address: str | None = None, num_cpus: int | None = None) -> Any:
    """Join the cluster at `address`, or start a local instance with `num_cpus` CPUs.

    Safe to call twice: a running connection is kept.
    """
    ray = _ray()
    if ray.is_initialized():
        return ray
    kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                              "configure_logging": False}
    if address:
        ray.init(address=address, **kwargs)
    else:
        ray.init(num_cpus=num_cpus, **kwargs)
    return ray


def analysed(docs: Iterable[Document], workers: int, kb_paths: tuple[str, ...],
             address: str | None = None, batch_size: int = 32,
             ) -> Iterator[tuple[list[Document], Results]]:
    """(batch, results) pairs in input order, like pipeline._analysed, from Ray actors.

    `workers` actors (each asking one CPU); 0 means one per CPU of the cluster. A
    local instance started here is stopped at the end; one the caller started is kept.
    """
    ray = _ray()
    owned = not ray.is_initialized() and not address  # a local instance for this run only
    connect(address, num_cpus=None if address else max(1, workers))
    if workers <= 0:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
    remote = ray.remote(num_cpus=1)(_Analyzer)
    actors = [remote.remote(tuple(kb_paths)) for _ in range(workers)]
    pending: deque[tuple[list[Document], Any]] = deque()
    try:
        for n, batch in enumerate(batches(docs, batch_size)):
            actor = actors[n % len(actors)]
            pending.append((batch, actor.analyze.remote([d.to_dict() for d in batch])))
            # Two batches per actor in flight: each has the next one queued,
            # and the driver's memory stays flat on big inputs.
            while len(pending) > 2 * len(actors):
                done, ref = pending.popleft()
                yield done, ray.get(ref)
        while pending:
            done, ref = pending.popleft()
            yield done, ray.get(ref)
    finally:
        for actor in actors:
            ray.kill(actor)
        if owned:
            ray.shutdown()


def shutdown() -> None:
    """Stop the local Ray instance this process started (no-op without ray)."""
    try:
        import ray
    except ImportError:
        return
    if ray.is_initialized():
        ray.shutdown()


__all__ = ["analysed", "connect", "shutdown"]
