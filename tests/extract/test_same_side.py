"""A state does not act on itself (hand-built mentions and events: no parser needed)."""

from types import SimpleNamespace as NS

from hudhud.extract.events import drop_same_side


def _event(source, target):
    return NS(source=source, target=target, type="ASSAULT")


def _mention(key, text, kind="military", country="TUR"):
    return NS(key=key, text=text, kind=kind, country=country, role="actor")


def test_a_state_and_the_army_named_by_it_are_one_side():
    mentions = [_mention("kb:turkish-air-force", "Turkish warplanes")]
    events = [_event("country:TUR", "kb:turkish-air-force"), _event("military:TUR", "country:TUR"),
              _event("country:TUR", "country:IRQ")]
    assert [(e.source, e.target) for e in drop_same_side(events, mentions)] == [("country:TUR", "country:IRQ")]


def test_a_force_named_for_a_region_is_a_side_of_its_own():
    # the Peshmerga serve a region of Iraq: Baghdad acting on them is no self-attack
    mentions = [_mention("kb:peshmerga", "Peshmerga", country="IRQ")]
    events = [_event("country:IRQ", "kb:peshmerga"), _event("kb:peshmerga", None)]
    assert len(drop_same_side(events, mentions)) == 2


def test_people_of_one_country_still_act_on_each_other():
    mentions = [_mention("group:protesters", "Kenyan protesters", kind="group", country="KEN")]
    events = [_event("military:KEN", "group:protesters")]
    assert len(drop_same_side(events, mentions)) == 1
