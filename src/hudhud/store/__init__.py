"""store stage: the DuckDB file that holds documents, analyses and global actors."""

from hudhud.store.codec import StoredAnalysis
from hudhud.store.schema import SCHEMA_VERSION
from hudhud.store.lock import StoreBusy
from hudhud.store.store import Store

__all__ = ["SCHEMA_VERSION", "Store", "StoreBusy", "StoredAnalysis"]
