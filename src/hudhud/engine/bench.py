"""`hudhud bench`: throughput and query latency, measured in one run on the same texts.

What it measures (see BENCHMARKS.md for figures and the machine):
- bare spaCy `nlp.pipe` of hudhud's own pipeline against hudhud's full analysis,
  batch by batch on the same texts, so both see the same machine load;
- the process pool with 1 and `workers` processes (models loaded before the clock
  starts), and each worker's peak RSS;
- the store's write rate, the end-to-end ingest rate, near-duplicate detection
  and the geoparser's resolution rate;
- query latency on stores of 1k, 10k and 100k documents (engine/bench_store.py): the
  paged actor profile (`query_p95_ms`), the full one, an event filter, the network;
- on each of those stores, an incremental ingest of 20 new articles (`ingest_20_s`:
  end to end, then stage by stage).

The corpus is the demo corpus (or `corpus`, any path `hudhud ingest` reads),
cycled under new ids up to `docs` documents. Repeated texts parse at the same
cost, but hudhud's lookup caches warm up on them: a corpus of distinct texts
gives the fairer ratio.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from hudhud.engine import bench_store, pipeline
from hudhud.model import Document, DocumentAnalysis

SIZES = (1000, 10_000, 100_000)
#: New articles the incremental ingest adds to each grown store.
INCREMENTAL_DOCS = 20


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hudhud" / "bench"


def load_documents(corpus: str | None = None, docs: int | None = None) -> list[Document]:
    """The bench corpus: `corpus` (or the demo corpus) cycled to `docs` documents."""
    from importlib import resources

    from hudhud.errors import HudhudError
    from hudhud.ingest import read_paths

    path = corpus or str(resources.files("hudhud").joinpath("data", "demo", "articles.jsonl"))
    found = [d for d in read_paths([path]) if isinstance(d, Document)]
    if not found:
        raise HudhudError(f"no readable article under {path}.", hint="give --corpus a file or "
                          "folder that `hudhud ingest` reads.", code="H083")
    n = docs or len(found)
    out = []
    for i, doc in enumerate(itertools.islice(itertools.cycle(found), n)):
        lap = i // len(found)
        out.append(doc if lap == 0 else replace(doc, id=f"{doc.id}~{lap}", url=None))
    return out


def _words(docs: list[Document]) -> int:
    return sum(len(d.text.split()) for d in docs)


def _rate(amount: float, seconds: float) -> float:
    return round(amount / seconds, 1) if seconds > 0 else 0.0


# --- worker side ------------------------------------------------------------------------

def _ready(_: int) -> int:
    time.sleep(0.2)  # long enough for every worker to take one
    return os.getpid()


def _measured(batch: list[dict]) -> tuple[Any, int, float, float]:
    """The pool task of `pipeline`, plus this worker's pid, peak RSS (MB) and the CPU
    seconds the batch took (which a busy machine stretches less than wall time)."""
    cpu = time.process_time()
    results = pipeline._worker_analyze(batch)
    return (results, os.getpid(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            time.process_time() - cpu)


def pool_rates(docs: list[Document], workers: int) -> list[dict[str, Any]]:
    """Analysis throughput of a pool of one process and of `workers`, models loaded.

    Each size gets a fresh pool, so both start with cold lookup caches: a pool that
    has seen the texts before would flatter the second measurement.
    """
    out = []
    for n in sorted({1, workers}):
        with pipeline.make_pool(n) as pool:
            pids: set[int] = set()
            while len(pids) < n:  # every worker has run its initializer: models are loaded
                pids |= set(pool.map(_ready, range(2 * n)))
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
            start, cpu = time.perf_counter(), 0.0
            rss: dict[int, float] = {}
            for _, (_, pid, peak, used) in pipeline.pool_batches(pool, docs, n, task=_measured):
                rss[pid] = max(peak, rss.get(pid, 0.0))
                cpu += used
            seconds = time.perf_counter() - start
        out.append({"workers": n, "seconds": round(seconds, 2),
                    "words_per_s": _rate(_words(docs), seconds),
                    "docs_per_s": _rate(len(docs), seconds),
                    # Below n: the workers waited for a CPU that others were using.
                    "cores_used": round(cpu / seconds, 2) if seconds else 0.0,
                    "words_per_cpu_s": _rate(_words(docs), cpu),
                    "load_avg_1min": round(load, 2) if load is not None else None,
                    "rss_mb": [round(v, 1) for v in sorted(rss.values())]})
    return out


# --- the run --------------------------------------------------------------------------

def _parse_vs_analyze(docs: list[Document]) -> tuple[dict[str, Any], list[tuple[Document, DocumentAnalysis]]]:
    from hudhud.kb.actors import KnowledgeBase
    from hudhud.nlp.pipeline import load_nlp

    nlp, kb = load_nlp(), KnowledgeBase.default()
    pipeline._analyze_batch(docs[:4], nlp, kb)  # warm-up: lazy tables and caches
    spacy_s = full_s = spacy_cpu = full_cpu = 0.0
    analysed: list[tuple[Document, DocumentAnalysis]] = []
    for batch in pipeline._batches(docs, pipeline.BATCH):
        # Batch by batch, alternating, so a noisy neighbour slows both alike.
        start, cpu = time.perf_counter(), time.process_time()
        list(nlp.pipe([d.text for d in batch], batch_size=pipeline.BATCH))
        spacy_s += time.perf_counter() - start
        spacy_cpu += time.process_time() - cpu
        start, cpu = time.perf_counter(), time.process_time()
        results = pipeline._analyze_batch(batch, nlp, kb)
        full_s += time.perf_counter() - start
        full_cpu += time.process_time() - cpu
        analysed += [(d, DocumentAnalysis.from_dict(r)) for d, (r, err) in zip(batch, results) if r]
    words = _words(docs)
    return {"spacy_words_per_s": _rate(words, spacy_s), "words_per_s": _rate(words, full_s),
            "docs_per_s": _rate(len(docs), full_s),
            "ratio_vs_spacy": round(spacy_s / full_s, 3) if full_s else 0.0,
            "ratio_vs_spacy_cpu": round(spacy_cpu / full_cpu, 3) if full_cpu else 0.0,
            "words_per_cpu_s": _rate(words, full_cpu),
            "pipeline": list(nlp.pipe_names)}, analysed


def _store_rate(analysed: list[tuple[Document, DocumentAnalysis]], db: Path) -> dict[str, Any]:
    from hudhud.store import Store

    with Store(db) as store:
        start = time.perf_counter()
        store.write_many(analysed, batch_size=200)
        seconds = time.perf_counter() - start
        rows = sum(v for k, v in store.counts().items() if k != "actors")
    return {"docs_per_s": _rate(len(analysed), seconds), "records_per_s": _rate(rows, seconds),
            "records": rows}


def _ingest_rate(docs: list[Document], folder: Path) -> dict[str, Any]:
    corpus = folder / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for d in docs:
            out.write(json.dumps(d.to_dict()) + "\n")
    start = time.perf_counter()
    summary = pipeline.ingest([str(corpus)], str(folder / "ingest.duckdb"), workers=1,
                              near_duplicates=False)
    seconds = time.perf_counter() - start
    return {"docs_per_s": _rate(summary.stored, seconds), "words_per_s": _rate(_words(docs), seconds),
            "stored": summary.stored}


def _dedup_rate(docs: list[Document]) -> dict[str, Any]:
    from hudhud.engine.dedup import Duplicate, NearDuplicates

    index = NearDuplicates()
    start = time.perf_counter()
    found = sum(isinstance(index.check(d.id, d.text), Duplicate) for d in docs)
    return {"docs_per_s": _rate(len(docs), time.perf_counter() - start), "duplicates": found}


def _geoparser_rate(analysed: list[tuple[Document, DocumentAnalysis]]) -> dict[str, Any]:
    from hudhud.kb.gazetteer import Gazetteer

    names = [p.name for _, a in analysed for p in a.places for _ in (p.mentions or [None])]
    gazetteer = Gazetteer.default()
    gazetteer.resolve("Baghdad")  # loaded before the clock starts
    start = time.perf_counter()
    resolved = sum(gazetteer.resolve(n) is not None for n in names)
    seconds = time.perf_counter() - start
    return {"mentions_per_s": _rate(len(names), seconds), "mentions": len(names),
            "distinct_names": len(set(names)), "resolved": resolved}


def machine() -> dict[str, Any]:
    """nproc, CPU model and RAM of this machine."""
    cpu = ram = None
    try:
        cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo", encoding="utf-8")
                    if line.startswith("model name")), None)
        kb = next(int(line.split()[1]) for line in open("/proc/meminfo", encoding="utf-8")
                  if line.startswith("MemTotal"))
        ram = round(kb / 1024 / 1024, 1)
    except (OSError, StopIteration, ValueError):
        pass
    # Other processes share the CPUs: a load above nproc makes every rate here lower.
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram_gb": ram, "load_avg": load}


def bench(corpus: str | None = None, docs: int | None = None, sizes: tuple[int, ...] = SIZES,
          workers: int = 2, cache_dir: str | os.PathLike[str] | None = None,
          repeats: int = 20) -> dict[str, Any]:
    """Run every measurement once; returns the figures (the keys of `hudhud bench --json`)."""
    import hudhud

    documents = load_documents(corpus, docs or 120)
    distinct = {d.id for d in load_documents(corpus)}
    result: dict[str, Any] = {"version": hudhud.__version__, "machine": machine(),
                              "docs": len(documents), "words": _words(documents)}
    # The pools first: their workers then load their own models, as in `ingest`,
    # and their RSS is not inflated by a model this process already holds.
    pools = pool_rates(documents, max(1, workers))
    result["pool"] = pools
    result["scaling_2_workers"] = (round(pools[-1]["words_per_s"] / pools[0]["words_per_s"], 3)
                                   if len(pools) > 1 and pools[0]["words_per_s"] else None)
    # The same, counting only the CPU the workers got: what the code scales to
    # when the machine's other tenants leave both cores free.
    result["scaling_2_workers_cpu"] = (
        round(result["scaling_2_workers"] * pools[0]["cores_used"] / pools[-1]["cores_used"] * 2, 3)
        if result["scaling_2_workers"] and pools[-1]["cores_used"] else None)
    result["rss_mb_per_worker"] = max(v for p in pools for v in p["rss_mb"])
    analyse, analysed = _parse_vs_analyze(documents)
    result.update(analyse)
    with tempfile.TemporaryDirectory(prefix="hudhud-bench-") as tmp:
        result["store_write"] = _store_rate(analysed, Path(tmp) / "write.duckdb")
        result["ingest"] = _ingest_rate(documents, Path(tmp))
        template = Path(tmp) / "template.duckdb"
        from hudhud.kb import canonical_names
        from hudhud.resolve import resolve
        from hudhud.store import Store

        with Store(template) as store:  # each distinct article once, resolved
            store.write_many([(d, a) for d, a in analysed if d.id in distinct])
            resolve(store, kb_names=canonical_names())
        cache = Path(cache_dir) if cache_dir else default_cache_dir()
        new = load_documents(corpus, INCREMENTAL_DOCS)
        queries = {}
        for size in sizes:
            grown = bench_store.grown_store(template, size, cache)
            queries[str(size)] = bench_store.query_latency(grown, repeats)
            step = bench_store.incremental_ingest(grown, new, Path(tmp))
            queries[str(size)]["ingest_20_s"] = step["seconds"]
            queries[str(size)]["ingest_20"] = step
    result["dedup"] = _dedup_rate(documents)
    result["geoparser"] = _geoparser_rate(analysed)
    result["queries"] = queries
    result["query_p95_ms"] = {k: v["actor_profile"]["p95"] for k, v in queries.items()}
    result["ingest_20_s"] = {k: v["ingest_20_s"] for k, v in queries.items()}
    return result


def render_bench(result: dict[str, Any], console: Any = None) -> None:
    """The figures as rich tables."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    m = result.get("machine", {})
    console.print(f"hudhud {result.get('version')} · {result['docs']} documents, {result['words']} words · "
                  f"{m.get('nproc')} CPUs ({m.get('cpu')}), {m.get('ram_gb')} GB RAM, "
                  f"load {m.get('load_avg')}", highlight=False)
    t = Table(title="throughput", title_justify="left")
    for col in ("measure", "value", "unit"):
        t.add_column(col)
    rows = [("bare spaCy nlp.pipe", result["spacy_words_per_s"], "words/s"),
            ("full analyze", result["words_per_s"], "words/s"),
            ("full analyze", result["docs_per_s"], "docs/s"),
            ("ratio to bare spaCy", result["ratio_vs_spacy"], "× (target ≥ 0.7)"),
            ("ratio to bare spaCy, CPU time", result["ratio_vs_spacy_cpu"], "×")]
    rows += [(f"pool of {p['workers']}", p["words_per_s"], f"words/s ({p['cores_used']} cores busy)")
             for p in result["pool"]]
    rows += [("scaling, 2 workers", result["scaling_2_workers"], "× (target ≥ 1.7)"),
             ("scaling, 2 workers, per core busy", result["scaling_2_workers_cpu"], "×"),
             ("peak RSS per worker", result["rss_mb_per_worker"], "MB (target ≤ 600)"),
             ("store write", result["store_write"]["records_per_s"], "records/s"),
             ("store write", result["store_write"]["docs_per_s"], "docs/s"),
             ("end-to-end ingest (1 process)", result["ingest"]["docs_per_s"], "docs/s"),
             ("near-duplicate check", result["dedup"]["docs_per_s"], "docs/s"),
             ("geoparser resolve", result["geoparser"]["mentions_per_s"], "mentions/s")]
    for name, value, unit in rows:
        t.add_row(name, str(value), unit)
    console.print(t)
    q = Table(title="query latency, ms (p50 / p95)", title_justify="left")
    q.add_column("documents")
    for col in ("actor profile, 50 per list", "same, mid-list", "full profile", "event filter",
                "network"):
        q.add_column(col)
    for size, v in result["queries"].items():
        q.add_row(size, *[f"{v[k]['p50']} / {v[k]['p95']}" for k in
                          ("actor_profile", "actor_profile_deep", "actor_profile_full",
                           "event_filter", "network")])
    console.print(q)
    i = Table(title=f"incremental ingest of {INCREMENTAL_DOCS} new articles, s", title_justify="left")
    for col in ("documents", "end to end", "analyse", "write", "resolve", "mode"):
        i.add_column(col)
    for size, v in result["queries"].items():
        stages = v["ingest_20"]["stages"]
        i.add_row(size, str(v["ingest_20_s"]),
                  *[str(stages.get(k)) for k in ("analyse", "write", "resolve", "mode")])
    console.print(i)


__all__ = ["INCREMENTAL_DOCS", "SIZES", "bench", "load_documents", "machine", "pool_rates",
           "render_bench"]
