"""The actor knowledge base: built-in data, lookups, user files, validation."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from hudhud.errors import HudhudError
from hudhud.kb.actors import KBAffiliation, KBEntry, KnowledgeBase, KnowledgeBaseError
from hudhud.model import ACTOR_KINDS, RELATIONS


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---- the built-in files ------------------------------------------------------------


def test_builtin_files_load_and_are_broad(kb):
    assert len(kb) >= 300
    kinds = {e.kind for e in kb.entries()}
    assert kinds <= set(ACTOR_KINDS)
    assert {"person", "militia", "government", "military", "party", "media"} <= kinds
    assert sum(e.kind == "person" for e in kb.entries()) >= 150


def test_builtin_entries_are_well_formed(kb):
    for entry in kb.entries():
        assert entry.name.strip() and entry.id
        assert entry.country is None or len(entry.country) == 3
        for aff in entry.affiliations:
            assert aff.relation in RELATIONS
            assert aff.object in kb or aff.object.startswith("country:")
            assert aff.object != entry.id


def test_every_builtin_data_file_names_its_source_and_licence():
    folder = resources.files("hudhud").joinpath("data", "kb")
    files = [f for f in folder.iterdir() if f.name.endswith((".yml", ".txt"))]
    assert len(files) >= 10
    for f in files:
        header = "\n".join(line for line in f.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
        assert "Source" in header and "Licence" in header and "2025" in header, f.name


def test_default_is_cached():
    assert KnowledgeBase.default() is KnowledgeBase.default()


def test_surface_forms_cover_every_name(kb):
    forms = list(kb.surface_forms())
    assert len(forms) == sum(len(e.names) for e in kb.entries())
    assert ("Hezbollah Brigades", kb.get("kataib-hezbollah")) in forms


# ---- lookups -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("Kata'ib Hizbullah", "kataib-hezbollah"),
        ("Kataib Hizballah", "kataib-hezbollah"),
        ("Hezbollah Brigades", "kataib-hezbollah"),
        ("Hezbollah", "hezbollah"),
        ("Hizbullah", "hezbollah"),
        ("Party of God", "hezbollah"),
        ("al-Mohandes", "abu-mahdi-al-muhandis"),
        ("Abu Mahdi al Muhandis", "abu-mahdi-al-muhandis"),
        ("P.M.F.", "pmf"),
        ("PMF", "pmf"),
        ("PMF's", "pmf"),
        ("Popular Mobilisation Units", "pmf"),
        ("Hashd al-Sha'abi", "pmf"),
        ("Qassem Suleimani", "qasem-soleimani"),
        ("Maj. Gen. Qasem Soleimani", "qasem-soleimani"),
        ("Esmail Ghaani", "esmail-qaani"),
        ("Kurdish Regional Government", "krg"),
        ("K.R.G.", "krg"),
        ("Asa’ib Ahl al-Haq", "asaib-ahl-al-haq"),
        ("League of the Righteous", "asaib-ahl-al-haq"),
        ("Harakat al-Nujaba", "harakat-al-nujaba"),
        ("Badr Organisation", "badr-organization"),
        ("Quds Force", "irgc-quds-force"),
        ("Revolutionary Guards", "irgc"),
        ("Sepah", "irgc"),
        ("Ayatollah Ali Khamenei", "ali-khamenei"),
        ("Ali Khameni", "ali-khamenei"),
        ("Hossein Bagheri", "mohammad-bagheri"),
        ("Mohammad Hossein Bagheri", "mohammad-bagheri"),
        ("Ansarullah", "houthis"),
        ("Abu Mohammad al-Jolani", "ahmed-al-sharaa"),
        ("Daesh", "islamic-state"),
        ("Islamic State of Iraq and the Levant", "islamic-state"),
        ("IS", "islamic-state"),
        ("Al-Qaida", "al-qaeda"),
        ("Masrour Barzani", "masrour-barzani"),
        ("Massoud Barzani", "masoud-barzani"),
        ("Haidar al-Abady", "haider-al-abadi"),
        ("Iraq’s Ministry of Defence", "iraqi-ministry-of-defence"),
        ("U.S.-led coalition", "global-coalition"),
        ("Pentagon", "us-department-of-defense"),
        ("the Islamic State", "islamic-state"),
    ],
)
def test_lookup_variant_spellings(kb, surface, expected):
    assert [e.id for e in kb.lookup(surface)] == [expected]
    assert kb.match(surface).id == expected


def test_lebanese_hezbollah_is_not_kataib_hezbollah(kb):
    lebanon, iraq = kb.lookup("Hezbollah")[0], kb.lookup("Kataib Hezbollah")[0]
    assert lebanon.id == "hezbollah" and lebanon.country == "LBN"
    assert iraq.id == "kataib-hezbollah" and iraq.country == "IRQ"


@pytest.mark.parametrize("surface", ["is", "Is", "kh", "pmf", "Pmf", "sdf"])
def test_short_acronyms_are_case_sensitive(kb, surface):
    assert kb.lookup(surface) == []
    assert kb.match(surface) is None


@pytest.mark.parametrize("surface", ["Barzani", "Talabani", "Bagheri", "Hakim", "Mughniyeh", "Aoun"])
def test_ambiguous_surnames_are_not_aliases(kb, surface):
    assert kb.lookup(surface) == []


def test_declared_ambiguous_alias_finds_both_and_matches_none(kb):
    assert {e.id for e in kb.lookup("Asayish")} == {"krg-asayish", "rojava-asayish"}
    assert kb.match("Asayish") is None
    assert {e.id for e in kb.lookup("ISF")} == {"iraqi-security-forces", "lebanese-internal-security-forces"}


@pytest.mark.parametrize(
    "surface, expected",
    [
        ("Brett McGuirk", "brett-mcgurk"),
        ("Geir Pederson", "geir-pedersen"),
        ("Hans Grundburg", "hans-grundberg"),
        ("Nouri al-Malki", "nouri-al-maliki"),
        ("Hussein Nasrallah", None),  # not Hassan Nasrallah
        ("John Kirbi", "john-kirby"),
        ("Qasem Soleimani Jr", None),
        ("Weshyar Omar", None),
    ],
)
def test_fuzzy_match(kb, surface, expected):
    found = kb.match(surface)
    assert (found.id if found else None) == expected


def test_fuzzy_match_none_on_tie(tmp_path):
    path = write(
        tmp_path,
        "tie.yml",
        "- {id: a, name: Karim Hadad Kazimi, kind: person}\n"
        "- {id: b, name: Karim Hadad Kadimi, kind: person}\n",
    )
    kb = KnowledgeBase.load([path], builtin=False)
    # "Kathimi" is as close to "Kazimi" as to "Kadimi": no winner.
    assert kb.match("Karim Hadad Kathimi") is None
    assert kb.match("Karim Hadad Kazimi").id == "a"


# ---- affiliations ------------------------------------------------------------------


def test_affiliations_on_a_date(kb):
    on_2017 = {(a.relation, a.object) for a in kb.affiliations_of("abu-mahdi-al-muhandis", on="2017-09-28")}
    assert ("leads", "kataib-hezbollah") in on_2017 and ("member_of", "pmf") in on_2017
    assert kb.affiliations_of("abu-mahdi-al-muhandis", on="2021-01-01") == []
    assert len(kb.affiliations_of("abu-mahdi-al-muhandis")) >= 2
    assert kb.affiliations_of("no-such-id") == []


def test_partial_dates_overlap():
    aff = KBAffiliation("leads", "x", start="2014-09-08", end="2018-10-25")
    assert aff.valid_on("2014") and aff.valid_on("2018-10") and aff.valid_on("2016-05-01")
    assert not aff.valid_on("2013") and not aff.valid_on("2018-11") and not aff.valid_on("2014-09-07")
    assert KBAffiliation("leads", "x").valid_on("1990")


def test_who_leads_on_a_date(kb):
    leaders_2016 = {e.id for e, _ in kb.affiliated_with("iraqi-government", relation="leads", on="2016")}
    assert leaders_2016 == {"haider-al-abadi"}
    leaders_2021 = {e.id for e, _ in kb.affiliated_with("iraqi-government", relation="leads", on="2021-06")}
    assert leaders_2021 == {"mustafa-al-kadhimi"}


# ---- user files --------------------------------------------------------------------

USER_YAML = """\
# my additions
- id: kataib-hezbollah
  name: Kataib Hezbollah
  kind: militia
  country: IRQ
  aliases: [KH, Brigades of the Party of God]
  affiliations:
    - {relation: part_of, object: pmf, from: 2014}
- id: example-town-council
  name: Example Town Council
  kind: government
  country: IRQ
  aliases: [Example council]
  affiliations:
    - {relation: backed_by, object: "country:IRQ", from: 2019-03, to: 2021}
"""


def test_user_file_overrides_and_adds(tmp_path):
    kb = KnowledgeBase.load([write(tmp_path, "mine.yml", USER_YAML)])
    assert kb.match("Brigades of the Party of God").id == "kataib-hezbollah"
    assert kb.lookup("Hezbollah Brigades") == []  # the override replaced the aliases
    assert kb.match("Example council").id == "example-town-council"
    assert kb.get("example-town-council").affiliations[0].start == "2019-03"
    assert kb.match("Qasem Soleimani").id == "qasem-soleimani"  # built-ins still there
    assert kb.fingerprint() != KnowledgeBase.default().fingerprint()


def test_user_jsonl_file(tmp_path):
    lines = [
        {"id": "alpha-front", "name": "Alpha Front", "kind": "militia", "aliases": ["AF"]},
        {"id": "beta-leader", "name": "Beta Leader", "kind": "person",
         "affiliations": [{"relation": "leads", "object": "alpha-front", "from": "2020"}]},
    ]
    path = write(tmp_path, "mine.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    kb = KnowledgeBase.load([path], builtin=False)
    assert len(kb) == 2 and kb.match("AF").id == "alpha-front"
    assert kb.affiliations_of("beta-leader", on="2021")[0].object == "alpha-front"


def test_add_validates_and_rolls_back(tmp_path):
    kb = KnowledgeBase.load([write(tmp_path, "a.yml", "- {id: a, name: Alpha Front, kind: militia}\n")], builtin=False)
    kb.add(KBEntry(id="b", name="Beta Front", kind="militia", affiliations=[KBAffiliation("allied_with", "a")]))
    assert kb.match("Beta Front").id == "b"
    before = kb.fingerprint()
    with pytest.raises(KnowledgeBaseError, match="share the name"):
        kb.add(KBEntry(id="c", name="Gamma", kind="group", aliases=["Alpha Front"]))
    assert kb.get("c") is None and kb.fingerprint() == before


# ---- validation errors -------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("- {id: x, name: X, kind: warlord}\n", "unknown kind 'warlord'"),
        ("- {id: x, name: X, kind: militia, affiliations: [{relation: funds, object: y}]}\n", "unknown relation 'funds'"),
        ("- {id: x, name: X, kind: militia, affiliations: [{relation: part_of, object: nowhere}]}\n", "unknown affiliation object 'nowhere'"),
        ("- {id: x, name: X, kind: militia, affiliations: [{relation: backed_by, object: 'country:Iran'}]}\n", "unknown affiliation object"),
        ("- {id: x, name: X, kind: militia}\n- {id: x, name: Y, kind: militia}\n", "appears twice"),
        ("- {id: x, name: Alpha, kind: militia}\n- {id: y, name: Beta, kind: militia, aliases: [ALPHA]}\n", "share the name 'ALPHA / Alpha' (key 'alfa')"),
        ("- {id: x, name: X, kind: militia, aliases: [AB]}\n- {id: y, name: Y, kind: militia, aliases: [A.B.]}\n", "share the name 'A.B. / AB' (key 'AB')"),
        ("- {id: x, name: X, kind: person, affiliations: [{relation: leads, object: 'country:IRQ', from: 2020, to: 2019}]}\n", "ends (2019) before it starts"),
        ("- {id: x, name: X, kind: person, affiliations: [{relation: leads, object: 'country:IRQ', from: last year}]}\n", "bad date"),
        ("- {id: X Y, name: X, kind: person}\n", "lower-case slug"),
        ("- {id: x, kind: person}\n", "'name' is missing"),
        ("- {id: x, name: X, kind: person, country: Iraq}\n", "ISO alpha-3"),
        ("- {id: x, name: X, kind: person, colour: red}\n", "unknown field"),
        ("- {id: x, name: X, kind: person, ambiguous: [Other]}\n", "not aliases of the entry"),
        ("id: x\nname: X\n", "must be a list of entries"),
        ("- [a, b\n", "not valid YAML"),
    ],
)
def test_validation_errors_name_file_and_entry(tmp_path, text, message):
    path = write(tmp_path, "bad.yml", text)
    with pytest.raises(HudhudError) as info:
        KnowledgeBase.load([path], builtin=False)
    error = info.value
    assert isinstance(error, KnowledgeBaseError) and error.code == "H050"
    assert message in str(error)
    if "share the name" not in message:
        assert "bad.yml" in str(error)


def test_shared_alias_allowed_when_both_declare_it(tmp_path):
    text = (
        "- {id: x, name: Alpha Guards, kind: militia, aliases: [Guards], ambiguous: [Guards]}\n"
        "- {id: y, name: Beta Guards, kind: militia, aliases: [Guards], ambiguous: [Guards]}\n"
    )
    kb = KnowledgeBase.load([write(tmp_path, "ok.yml", text)], builtin=False)
    assert {e.id for e in kb.lookup("guards")} == {"x", "y"}
    one_sided = text.replace(", ambiguous: [Guards]}\n- {id: y", "}\n- {id: y", 1)
    with pytest.raises(KnowledgeBaseError, match=r"share the name 'Guards' \(key 'guards'\)"):
        KnowledgeBase.load([write(tmp_path, "one.yml", one_sided)], builtin=False)


def test_other_file_errors(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="cannot read"):
        KnowledgeBase.load([tmp_path / "missing.yml"], builtin=False)
    with pytest.raises(KnowledgeBaseError, match="unknown file type"):
        KnowledgeBase.load([write(tmp_path, "kb.csv", "id,name\n")], builtin=False)
    with pytest.raises(KnowledgeBaseError, match=r"bad.jsonl:2: not valid JSON"):
        KnowledgeBase.load([write(tmp_path, "bad.jsonl", '{"id": "a", "name": "A", "kind": "group"}\n{oops\n')], builtin=False)
    error_in_entry = write(tmp_path, "named.yml", "- {id: ok, name: A, kind: group}\n- {id: broken, name: B, kind: nope}\n")
    with pytest.raises(KnowledgeBaseError, match=r"named.yml: entry 'broken'"):
        KnowledgeBase.load([error_in_entry], builtin=False)
