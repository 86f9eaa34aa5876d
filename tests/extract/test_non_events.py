"""Questions, sport results and harm done by nature are no events."""

import pytest

from hudhud_event_checks import has_event, triples


@pytest.mark.parametrize("text", [
    "Would Ankara really close the strait to Russian warships?",
    "Will Moscow retaliate against Vilnius for the transit ban?",
    "Ghana beat Nigeria 2-1 in Accra on Sunday.",
    "Fiji crushed Samoa 41-10 in the Pacific Nations Cup.",
    "Cyclone Mona flattened villages on the coast of Madagascar.",
    "Cholera has killed 200 people in Malawi since January.",
])
def test_no_event(analyze_text, text):
    analysis = analyze_text(text, published="2024-05-10")
    assert not analysis.events, triples(analysis)


@pytest.mark.parametrize("text,source,etype", [
    ("Gunmen killed 10-15 villagers in Zamfara on Monday.", "Gunmen", "ASSAULT"),  # a toll range, no score
    ("Rwanda accused Burundi of shelling a border post, officials said.", "Rwanda", "ACCUSE"),
])
def test_near_misses_stay_events(analyze_text, text, source, etype):
    analysis = analyze_text(text, published="2024-05-10")
    names = {a.id: a.name for a in analysis.actors}
    assert any(source in names[e.source] and e.type == etype for e in analysis.events), triples(analysis)
