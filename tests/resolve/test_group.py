from hudhud.model import stable_id
from hudhud.resolve.group import DocActor, group


def A(doc, local, name, kb=None, aliases=(), kind=None, country=None):
    return DocActor(doc_id=doc, id=local, name=name, kind=kind, country=country, kb_id=kb,
                    surfaces={s: 1 for s in aliases})


def _members(actors):
    return sorted(sorted(f"{m.doc_id}/{m.id}" for m in a.members) for a in actors)


def test_same_kb_id_is_one_actor_whatever_the_names():
    out = group([A("d1", "a", "Hashd al-Shaabi", kb="Q1"),
                 A("d2", "b", "Popular Mobilization Forces", kb="Q1")])
    assert len(out) == 1
    assert out[0].id == stable_id("kb", "Q1")


def test_same_name_key_is_one_actor():
    out = group([A("d1", "a", "Asa'ib Ahl al-Haq"), A("d2", "b", "ASAIB AHL AL-HAQ"),
                 A("d3", "c", "Badr Organization")])
    assert _members(out) == [["d1/a", "d2/b"], ["d3/c"]]


def test_alias_with_the_name_key_of_a_group_joins_it():
    out = group([
        A("d1", "x", "Kataib Hezbollah", kb="Q1", aliases=["Kataib Hezbollah"]),
        A("d2", "y", "Hezbollah Brigades", aliases=["Hezbollah Brigades", "Kata'ib Hezbollah"]),
        A("d3", "z", "Hezbollah Brigades", aliases=["Hezbollah Brigades"]),
    ])
    # d2 links the two names; d3 shares d2's name key, so it comes along.
    assert _members(out) == [["d1/x", "d2/y", "d3/z"]]
    assert out[0].kb_id == "Q1" and out[0].name == "Kataib Hezbollah"


def test_two_kb_ids_never_merge():
    out = group([A("d1", "a", "Hezbollah", kb="Q2"), A("d2", "b", "Hezbollah", kb="Q3")])
    assert len(out) == 2
    assert {a.kb_id for a in out} == {"Q2", "Q3"}


def test_an_alias_tying_two_kb_actors_joins_neither():
    out = group([
        A("d1", "a", "Islamic Resistance in Iraq", kb="Q10"),
        A("d2", "b", "Kataib Hezbollah", kb="Q1"),
        A("d3", "c", "the resistance", aliases=["Islamic Resistance in Iraq", "Kataib Hezbollah"]),
    ])
    assert _members(out) == [["d1/a"], ["d2/b"], ["d3/c"]]


def test_chained_aliases_cannot_join_two_kb_ids():
    out = group([
        A("d1", "a", "Alpha Front", kb="Q1"),
        A("d2", "b", "Beta Front", kb="Q2"),
        A("d3", "c", "Gamma", aliases=["Alpha Front"]),
        A("d4", "d", "Gamma", aliases=["Beta Front"]),
    ])
    kbs = [sorted({m.kb_id for m in a.members} - {None}) for a in out]
    assert all(len(k) <= 1 for k in kbs)
    assert sum(len(a.members) for a in out) == 4


def test_kb_actors_do_not_join_by_alias():
    # Only actors without a kb_id move by alias; a kb actor's identity is its kb_id.
    out = group([A("d1", "a", "Iran", kb="Q794", aliases=["Tehran"]),
                 A("d2", "b", "Tehran", aliases=["Tehran"])])
    assert len(out) == 2


def test_name_kind_country_and_alias_counts():
    out = group([
        DocActor("d1", "a", "KH", kind="militia", country="IRQ",
                 surfaces={"KH": 3, "Kataib Hezbollah": 1}),
        DocActor("d2", "b", "Kh", kind="militia", country=None, surfaces={"KH": 1}),
        DocActor("d3", "c", "K.H.", kind="group", country="IRQ", surfaces={"K.H.": 1}),
    ])
    assert len(out) == 1
    a = out[0]
    assert a.name == "KH"
    assert a.kind == "militia" and a.country == "IRQ"
    assert a.aliases == {"KH": 4, "Kataib Hezbollah": 1, "K.H.": 1}


def test_kb_name_comes_from_kb_names_or_the_documents():
    actors = [A("d1", "a", "Kataib Hezbollah", kb="Q1"), A("d2", "b", "Kataib Hezbollah", kb="Q1"),
              A("d3", "c", "Kata'ib Hizballah", kb="Q1")]
    assert group(actors)[0].name == "Kataib Hezbollah"
    assert group(actors, {"Q1": "Kata'ib Hizballah"})[0].name == "Kata'ib Hizballah"


def test_actor_without_surfaces_counts_its_name():
    out = group([A("d1", "a", "Badr Organization")])
    assert out[0].aliases == {"Badr Organization": 1}


def test_grouping_is_deterministic_and_order_free():
    actors = [A("d1", "a", "Alpha", aliases=["Alpha", "Beta"]), A("d2", "b", "Beta"),
              A("d3", "c", "Gamma", kb="Q5", aliases=["Alpha"]), A("d4", "d", "alpha")]
    first = [(a.id, a.name, _members([a])) for a in group(actors)]
    second = [(a.id, a.name, _members([a])) for a in group(list(reversed(actors)))]
    assert first == second
    assert len({a for a, _, _ in first}) == len(first)


def test_a_split_takes_a_kb_actors_alias_out_of_it():
    # The KB links "Baghdad" (by its capital) to Iraq; an analyst says the documents that
    # call it Baghdad mean someone else.
    actors = [A("d1", "b", "Baghdad", kb="country:IRQ", aliases=["Baghdad", "Iraq"]),
              A("d2", "i", "Iraq", kb="country:IRQ", aliases=["Iraq"]),
              A("d3", "b", "Baghdad", kb="country:IRQ", aliases=["Baghdad"]),
              A("d4", "g", "Baghdad", aliases=["Baghdad"])]
    assert _members(group(actors)) == [["d1/b", "d2/i", "d3/b", "d4/g"]]
    split = [("split", "kb:country:IRQ", "name:baghdad")]
    out = group(actors, {"country:IRQ": "Iraq"}, split)
    assert _members(out) == [["d1/b", "d3/b", "d4/g"], ["d2/i"]]
    iraq = next(a for a in out if a.kb_id)
    assert iraq.name == "Iraq" and iraq.id == stable_id("kb", "country:IRQ")
    assert next(a for a in out if not a.kb_id).name == "Baghdad"


def test_a_split_of_a_kb_actors_own_name_keeps_only_unlinked_namesakes_apart():
    actors = [A("d1", "k", "Kataib Hezbollah", kb="Q1"), A("d2", "k", "Kata'ib Hezbollah"),
              A("d3", "k", "Kataib Hezbollah", kb="Q1")]
    out = group(actors, {"Q1": "Kataib Hezbollah"}, [("split", "kb:Q1", "name:kataib hezbollah")])
    assert _members(out) == [["d1/k", "d3/k"], ["d2/k"]]
