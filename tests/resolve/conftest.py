from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from hudhud.store import Store

# The sample analyses live with the store tests; loaded by path so the
# folders need not be importable as packages of one another.
_spec = importlib.util.spec_from_file_location(
    "hudhud_test_samples", Path(__file__).parents[1] / "store" / "samples.py")
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)


@pytest.fixture
def docs():
    return samples.samples()


@pytest.fixture
def filled(tmp_path, docs):
    with Store(tmp_path / "test.duckdb") as s:
        for doc, analysis in docs:
            s.write(doc, analysis)
        yield s
