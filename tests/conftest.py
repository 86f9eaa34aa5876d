"""Shared fixtures. The spaCy pipeline is loaded once per test session."""

from __future__ import annotations

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
