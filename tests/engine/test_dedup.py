"""Near-duplicates: wire copies and re-posts are stored once, with every source kept."""

from __future__ import annotations

import json

import pytest

from hudhud.engine.dedup import (
    DedupSettings, Duplicate, Fingerprint, NearDuplicates, fingerprint, load_settings, new_share,
    shingles, words,
)
from hudhud.engine.pipeline import ingest
from hudhud.store import Store, sources

ORIGINAL = (
    "Rockets struck near a military airfield outside the northern city of Tal Afar late on "
    "Tuesday, damaging two hangars and a fuel depot, according to a local police commander. "
    "No casualties were reported among the soldiers stationed at the base, he said.\n\n"
    "The commander, who asked not to be named because he was not allowed to brief reporters, "
    "said at least four projectiles were launched from farmland about ten kilometres to the "
    "south. Security forces later found a burned truck fitted with a makeshift launch rail.\n\n"
    "No group claimed the attack. A spokesman for the provincial council condemned it as "
    "\"a cowardly attempt to spread fear among farmers before the harvest\" and called on "
    "Baghdad to send more troops to the district.\n\n"
    "The airfield has been targeted three times since the spring. Officials have blamed "
    "earlier attacks on remnants of armed cells hiding in the desert between Nineveh and the "
    "Syrian border, where patrols remain thin."
)
WIRE_COPY = (
    "TAL AFAR, Iraq (Newswire) - " + ORIGINAL.replace("late on Tuesday", "late Tuesday")
    .replace("he said.", "the officer said.")
    + "\n\nReporting by a staff correspondent; editing by the night desk."
)
TRUNCATED = ORIGINAL.rsplit("\n\n", 1)[0]
OTHER_REPORT = (
    "A fuel depot burned for hours at the airfield near Tal Afar after a rocket attack on "
    "Tuesday night, residents said. Farmers in nearby villages told of loud blasts shortly "
    "before midnight and of army vehicles racing along the highway. The provincial council "
    "described the strike as \"a cowardly attempt to spread fear among farmers before the "
    "harvest\". Analysts say the cells behind such attacks exploit gaps between army and "
    "police units in the western desert, and that the harvest season brings more traffic "
    "on rural roads that the cells use to move weapons."
)
UPDATE = (
    ORIGINAL + "\n\nOn Wednesday morning the defence ministry said two suspects had been "
    "detained at a checkpoint west of the town with a second launch rail and several "
    "unused rockets in their car. A ministry statement said the men had confessed to "
    "taking part in the attack and named a third man who remains at large. The statement "
    "did not say which group the suspects belonged to. Local officials said the arrests "
    "followed a tip from a shepherd who saw the truck parked in a field on Monday evening."
)


def test_settings_come_from_the_data_file():
    s = load_settings()
    assert s.shingle >= 1 and 0 < s.threshold <= 1 and 0 <= s.max_new_share < 1
    assert s.num_perm >= 16 and s.min_words >= s.shingle
    assert f"shingle={s.shingle}" in s.key and f"perm={s.num_perm}" in s.key


def test_words_and_shingles_ignore_case_and_punctuation():
    assert words("Rockets struck, late on TUESDAY.") == ["rockets", "struck", "late", "on", "tuesday"]
    assert shingles("a b c d", 3) == {"a b c", "b c d"}
    assert shingles("a b", 3) == set()


def test_new_share_of_a_cut_copy_is_nothing_and_of_an_update_a_lot():
    assert new_share(1.0, 100, 100) == pytest.approx(0.0)
    assert new_share(0.75, 100, 75) == pytest.approx(0.0)  # B is three quarters of A
    assert new_share(2 / 3, 100, 150) == pytest.approx(1 / 3)  # B = A + 50 new
    assert new_share(0.0, 100, 80) == pytest.approx(1.0)


@pytest.mark.parametrize("copy", [WIRE_COPY, TRUNCATED], ids=["wire copy", "last paragraph cut"])
def test_copies_are_near_duplicates_of_the_first(copy):
    index = NearDuplicates()
    assert isinstance(index.check("original", ORIGINAL), Fingerprint)
    found = index.check("copy", copy)
    assert isinstance(found, Duplicate)
    assert found.of == "original" and found.doc_id == "copy"
    assert index.settings.threshold <= found.similarity <= 1.0
    assert "copy" not in index  # a copy is not indexed: later copies point at the original


@pytest.mark.parametrize("text", [OTHER_REPORT, UPDATE], ids=["other report", "update"])
def test_other_reports_and_updates_are_kept(text):
    index = NearDuplicates()
    index.check("original", ORIGINAL)
    assert isinstance(index.check("next", text), Fingerprint)
    assert len(index) == 2


def test_short_texts_are_never_judged():
    index = NearDuplicates()
    assert index.check("a", "Iran condemned the strike on Sunday.") is None
    assert index.check("b", "Iran condemned the strike on Sunday.") is None
    assert len(index) == 0


def test_the_most_similar_earlier_document_wins():
    index = NearDuplicates()
    index.check("original", ORIGINAL)
    assert isinstance(index.check("update", UPDATE), Fingerprint)
    found = index.check("cut", TRUNCATED)  # within the update too, but closer to the original
    assert isinstance(found, Duplicate) and found.of == "original"
    index.add("twin", fingerprint(ORIGINAL))  # the same text again, indexed later
    assert index.check("copy", WIRE_COPY).of == "original"


def test_stored_fingerprints_seed_a_new_index():
    first = NearDuplicates()
    kept = first.check("original", ORIGINAL)
    second = NearDuplicates()
    assert second.add_stored([("original", kept.shingles, kept.hashvalues())]) == 1
    assert second.add_stored([("short", 3, [1, 2, 3])]) == 0  # other settings: ignored
    found = second.check("copy", WIRE_COPY)
    assert isinstance(found, Duplicate) and found.of == "original"


def test_a_stricter_threshold_keeps_the_cut_copy():
    strict = NearDuplicates(load_settings().with_overrides(threshold=0.95))
    strict.check("original", ORIGINAL)
    assert isinstance(strict.check("copy", TRUNCATED), Fingerprint)
    assert isinstance(DedupSettings().with_overrides(threshold=None), DedupSettings)


def _corpus(path, items):
    path.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    return str(path)


def _article(doc_id, text, url):
    return {"id": doc_id, "text": text, "url": url, "published": "2021-05-04",
            "title": f"Report {doc_id}"}


def test_ingest_stores_copies_once_and_keeps_every_source(tmp_path):
    corpus = _corpus(tmp_path / "news.jsonl", [
        _article("a1", ORIGINAL, "https://example.org/a1"),
        _article("w1", WIRE_COPY, "https://example.net/wire/1"),
        _article("o1", OTHER_REPORT, "https://example.com/o1"),
        _article("t1", TRUNCATED, "https://example.info/t1"),
        _article("u1", UPDATE, "https://example.org/u1"),
    ])
    db = tmp_path / "s.duckdb"
    summary = ingest([corpus], str(db))
    assert (summary.stored, summary.duplicates, summary.skipped) == (3, 2, 0)
    assert summary.to_dict()["duplicates"] == 2
    with Store(db) as store:
        assert set(store.doc_ids()) == {"a1", "o1", "u1"}
        seen = sources.sources(store, "a1")
        assert [s["url"] for s in seen] == ["https://example.org/a1", "https://example.net/wire/1",
                                            "https://example.info/t1"]
        assert seen[0]["similarity"] == 1.0 and all(0.7 <= s["similarity"] <= 1 for s in seen)
        assert sources.sources(store, "w1") == []  # a copy is no document of its own

    again = ingest([corpus], str(db))
    assert (again.stored, again.duplicates, again.skipped) == (0, 0, 5)

    later = _corpus(tmp_path / "later.jsonl", [_article("w2", WIRE_COPY.replace("Newswire", "Agency"),
                                                        "https://example.net/wire/2")])
    caught = ingest([later], str(db))  # the index is rebuilt from the stored fingerprints
    assert (caught.stored, caught.duplicates) == (0, 1)
    with Store(db, read_only=True) as store:
        assert len(sources.sources(store, "a1")) == 4


def test_ingest_without_near_duplicates_stores_every_copy(tmp_path):
    corpus = _corpus(tmp_path / "news.jsonl", [_article("a1", ORIGINAL, None),
                                               _article("w1", WIRE_COPY, None)])
    summary = ingest([corpus], str(tmp_path / "s.duckdb"), near_duplicates=False)
    assert (summary.stored, summary.duplicates) == (2, 0)
