"""The sentence suite (tests/data/sentences.jsonl) keeps the shape and the coverage it promises
(tests/data/sentences.md): every PLOVER type, every region, the constructions news uses,
sentences without events, and no templates.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from hudhud.evaluate.sentences import read_suite
from hudhud.model import EVENT_TYPES

SUITE = Path(__file__).parent / "sentences.jsonl"
SENTENCES = read_suite(SUITE)

REGIONS = {"africa", "latin-america", "europe", "caucasus", "middle-east", "south-asia", "east-asia",
           "central-asia", "north-america", "oceania"}
CONSTRUCTIONS = {"active", "passive", "nominal", "list", "multi-event", "reported-speech", "quote", "title",
                 "apposition", "metonym", "incident-note", "negation", "denial", "modality", "plan",
                 "hypothetical", "hope", "question", "signing", "no-source", "no-event", "near-miss"}
ACTORS = {"state", "military", "police", "ministry", "armed-group", "igo", "company", "party", "organisation",
          "unnamed"}
TOPICS = {"sport", "weather", "business", "fact", "accident", "culture"}
#: Sentences each construction must have, so that its row in `by_tag` means something.
AT_LEAST = {"passive": 25, "nominal": 25, "list": 25, "reported-speech": 40, "title": 40, "apposition": 8,
            "negation": 8, "denial": 5, "modality": 15, "hypothetical": 10, "multi-event": 40,
            "incident-note": 5, "near-miss": 25, "metonym": 15}


def test_size_and_ids():
    assert len(SENTENCES) >= 500
    assert len({s.id for s in SENTENCES}) == len(SENTENCES)


def test_every_type_has_twenty_sentences_and_sixty_have_none():
    per_type = Counter(t for s in SENTENCES for t in {e.type for e in s.events})
    assert {t: n for t, n in per_type.items() if n < 20} == {}
    assert set(per_type) == set(EVENT_TYPES)
    empty = [s for s in SENTENCES if not s.events]
    assert len(empty) >= 60
    assert all("no-event" in s.tags for s in empty)
    assert not [s.id for s in SENTENCES if s.events and "no-event" in s.tags]


def test_one_region_each_and_every_region_covered():
    regions = Counter()
    for s in SENTENCES:
        own = REGIONS.intersection(s.tags)
        assert len(own) == 1, (s.id, s.tags)
        regions.update(own)
    assert set(regions) == REGIONS
    assert min(regions.values()) >= 10, regions


def test_tags_come_from_the_documented_vocabulary():
    known = REGIONS | CONSTRUCTIONS | ACTORS | TOPICS
    assert {t for s in SENTENCES for t in s.tags} - known == set()


@pytest.mark.parametrize("tag, least", sorted(AT_LEAST.items()))
def test_each_construction_is_there_in_numbers(tag, least):
    assert sum(tag in s.tags for s in SENTENCES) >= least


def test_lists_and_multi_event_sentences_hold_several_events():
    assert not [s.id for s in SENTENCES if ("list" in s.tags or "multi-event" in s.tags) and len(s.events) < 2]


def test_news_lengths():
    lengths = [len(s.text.split()) for s in SENTENCES]
    assert not [(s.id, n) for s, n in zip(SENTENCES, lengths) if not 8 <= n <= 45]
    assert max(lengths) - min(lengths) >= 25  # short incident notes and long wire leads alike


def _frame(text: str) -> str:
    """The sentence with its capitalised words (names) and numbers left out: two sentences
    with one frame and swapped names ("Kenya condemned Somalia." / "Peru condemned Chile.")
    have the same frame."""
    return " ".join(w for w in re.findall(r"[\w'-]+", text) if w.islower())


def test_no_two_sentences_share_a_frame():
    frames = Counter(_frame(s.text) for s in SENTENCES)
    assert [f for f, n in frames.items() if n > 1] == []
    assert _frame("Kenya condemned Somalia on Monday.") == _frame("Peru condemned Chile on Monday.")
