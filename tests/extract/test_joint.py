"""Acts done together: conjoined subjects of a verb said to act jointly cooperate."""

import pytest

from hudhud_event_checks import has_event, triples


@pytest.mark.parametrize("text,a,b", [
    ("Peru and Bolivia launched joint patrols along Lake Titicaca.", "Peru", "Bolivia"),
    ("Norway and Sweden worked together on the rescue of the trawler crew.", "Norway", "Sweden"),
    ("Kenya held joint drills with Tanzania near the coast.", "Kenya", "Tanzania"),
])
def test_partners_of_a_joint_act_cooperate_both_ways(analyze_text, text, a, b):
    analysis = analyze_text(text, published="2024-05-10")
    assert has_event(analysis, a, "COOPERATE", b) and has_event(analysis, b, "COOPERATE", a), triples(analysis)


@pytest.mark.parametrize("text", [
    "Kenya held joint drills on Monday.",  # no partner named
    "Peru and Bolivia each reported record harvests.",  # two subjects, nothing joint
])
def test_no_cooperation_without_a_partner_or_a_joint_act(analyze_text, text):
    analysis = analyze_text(text, published="2024-05-10")
    assert not any(e.type == "COOPERATE" for e in analysis.events), triples(analysis)
