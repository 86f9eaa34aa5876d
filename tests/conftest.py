"""Shared fixtures. The spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def analyze_text():
    """analyze_text(text, published=None) -> DocumentAnalysis, with the real pipeline."""
    from hudhud.engine.api import analyze_text as run

    return run


def actor_names(analysis, local_id):
    actor = next(a for a in analysis.actors if a.id == local_id)
    return {actor.name, *actor.aliases}


@pytest.fixture
def names_of():
    return actor_names


# The hand-made sample analyses (tests/store/samples.py), shared by the store,
# resolve and export tests; loaded by path so test folders need not be packages.
_spec = importlib.util.spec_from_file_location(
    "hudhud_test_samples", Path(__file__).parent / "store" / "samples.py")
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)


@pytest.fixture
def docs():
    return samples.samples()


@pytest.fixture
def store(tmp_path):
    from hudhud.store import Store

    with Store(tmp_path / "test.duckdb") as s:
        yield s


@pytest.fixture
def filled(store, docs):
    for doc, analysis in docs:
        store.write(doc, analysis)
    return store
