"""Filters: parsing of form fields and the query string they give back."""

from __future__ import annotations

import datetime as dt

import pytest

from hudhud.web.errors import BadRequest
from hudhud.web.filters import HOSTILE_TYPES, Filters, filters


def test_empty_fields_are_absent():
    f = filters(actor=" ", kind=["", "militia"], country=["irq", ""], relation=[""], type=[""],
                since="", until=None, layer=[])
    assert f == Filters(kind=("militia",), country=("IRQ",))


def test_query_string_round_trip():
    f = filters(actor="Kataib Hezbollah", kind=["militia"], country=[], relation=["backed_by"],
                type=["ASSAULT", "ASSAULT"], since="2020-01-01", until="2020-02-01", layer=["events"])
    assert f.type == ("ASSAULT",)
    assert f.since == dt.date(2020, 1, 1)
    assert f.query_string() == ("actor=Kataib+Hezbollah&kind=militia&relation=backed_by&type=ASSAULT"
                                "&layer=events&since=2020-01-01&until=2020-02-01")
    assert f.to_dict()["since"] == "2020-01-01"


def test_impossible_date_is_a_bad_request():
    with pytest.raises(BadRequest):
        filters(since="2021-02-30")


def test_default_event_types_and_layers():
    f = Filters()
    assert f.event_types(HOSTILE_TYPES) == HOSTILE_TYPES
    assert f.shows("events") and f.shows("affiliations")
    assert not Filters(layer=("events",)).shows("affiliations")


def test_literals_match_the_model():
    from typing import get_args

    from hudhud.model import ACTOR_KINDS, EVENT_TYPES, RELATIONS
    from hudhud.web.filters import EventType, Kind, Relation

    assert get_args(Kind) == ("",) + ACTOR_KINDS
    assert get_args(Relation) == ("",) + RELATIONS
    assert get_args(EventType) == ("",) + EVENT_TYPES
