from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from hudhud.store import Store

_spec = importlib.util.spec_from_file_location(
    "hudhud_test_samples", Path(__file__).with_name("samples.py"))
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)


@pytest.fixture
def docs():
    return samples.samples()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "test.duckdb") as s:
        yield s


@pytest.fixture
def filled(store, docs):
    for doc, analysis in docs:
        store.write(doc, analysis)
    return store
