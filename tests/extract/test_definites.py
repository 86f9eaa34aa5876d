"""A bare definite group noun repeats the group named before with the same noun."""

from hudhud_event_checks import has_event, triples


def test_the_rebels_are_the_rebels_named_before(analyze_text):
    text = "ADF rebels crossed into Ituri on Monday. On Tuesday the rebels attacked a Congolese army camp."
    analysis = analyze_text(text, published="2024-05-10")
    sources = {next(a.name for a in analysis.actors if a.id == e.source) for e in analysis.events if e.type == "ASSAULT"}
    assert sources and all("ADF" in s for s in sources), triples(analysis)


def test_a_first_definite_group_is_an_actor_of_its_own(analyze_text):
    analysis = analyze_text("The protesters blocked the main road into Lima.", published="2024-05-10")
    assert any(a.name == "protesters" for a in analysis.actors), [a.name for a in analysis.actors]


def test_another_noun_is_another_group(analyze_text):
    text = "ADF rebels crossed into Ituri. The villagers fled to Bunia."
    analysis = analyze_text(text, published="2024-05-10")
    assert any(a.name == "villagers" for a in analysis.actors), [a.name for a in analysis.actors]
