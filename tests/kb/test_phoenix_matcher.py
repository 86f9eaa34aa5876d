"""The base-layer text matcher (`hudhud.nlp.ruler.BaseNameMatcher`) on blank-pipeline
Docs: which spans it takes, which it leaves to others."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Span

from hudhud.kb.phoenix import BaseName
from hudhud.nlp.ruler import BaseNameMatcher


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


def name(surface: str, target: str, nlp) -> BaseName:
    return BaseName(surface, surface.lower(), tuple(t.lower_ for t in nlp(surface)), target)


@pytest.fixture(scope="module")
def matcher(nlp):
    names = [
        name("Red Heron", "phx-red-heron", nlp),
        name("Red Heron Front", "phx-red-heron-front", nlp),
        name("RHF", "phx-red-heron-front", nlp),
        name("We Will Win", "phx-we-will-win", nlp),
        name("Odera Mwangi", "phx-odera-mwangi", nlp),
        name("Kenia", "country:KEN", nlp),
        name("Lakeside Forces of Kenya", "phx-lakeside-forces", nlp),
        name("Tomas Alvarado", "phx-tomas-a", nlp),
        name("Tomas Alvarado", "phx-tomas-b", nlp),
        name("People's Shore Movement", "phx-shore", nlp),
    ]
    kinds = {"phx-odera-mwangi": "person"}
    return BaseNameMatcher(names, kinds)


def ents(doc):
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


def test_the_longest_name_wins(nlp, matcher):
    doc = matcher(nlp("Yesterday the Red Heron Front met Odera Mwangi in Kenia."))
    assert ents(doc) == [("Red Heron Front", "ORG", "phx-red-heron-front"),
                         ("Odera Mwangi", "PERSON", "phx-odera-mwangi"),
                         ("Kenia", "GPE", "country:KEN")]


def test_a_name_must_be_written_as_one(nlp, matcher):
    assert ents(matcher(nlp("They said we will win the vote."))) == []
    assert ents(matcher(nlp("The We Will Win faction split."))) == [("We Will Win", "ORG", "phx-we-will-win")]
    assert ents(matcher(nlp("odera mwangi spoke."))) == []


def test_an_acronym_only_in_capitals(nlp, matcher):
    assert ents(matcher(nlp("The RHF denied it."))) == [("RHF", "ORG", "phx-red-heron-front")]
    assert ents(matcher(nlp("The rhf denied it."))) == []


def test_tokens_two_targets_share_match_neither(nlp, matcher):
    assert ents(matcher(nlp("Tomas Alvarado resigned."))) == []


def test_curly_apostrophes_match_straight_ones(nlp, matcher):
    doc = matcher(nlp("The People’s Shore Movement marched."))
    assert [e.ent_id_ for e in doc.ents] == ["phx-shore"]


def _preset(doc, spans):
    doc.set_ents([Span(doc, s, e, label=label, span_id=ent_id) for s, e, label, ent_id in spans],
                 default="unmodified")
    return doc


def test_a_state_name_inside_a_longer_name_gives_way(nlp, matcher):
    doc = _preset(nlp("The Lakeside Forces of Kenya attacked."), [(4, 5, "GPE", "country:KEN")])
    assert ents(matcher(doc)) == [("Lakeside Forces of Kenya", "ORG", "phx-lakeside-forces")]


def test_other_entities_are_never_overwritten(nlp, matcher):
    doc = _preset(nlp("The Red Heron Front attacked."), [(1, 3, "ORG", "curated-heron")])
    assert ents(matcher(doc)) == [("Red Heron", "ORG", "curated-heron")]


def test_tokens_it_does_not_match_stay_open_for_the_ner(nlp, matcher):
    doc = matcher(nlp("Odera Mwangi met Alice Wanjiru."))
    assert [t.ent_iob_ for t in doc] == ["B", "I", "", "", "", ""]
