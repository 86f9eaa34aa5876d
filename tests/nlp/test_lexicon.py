"""The lexicon (hudhud.nlp.lexicon): every file checked against data/lexicon/schema.yml
when first read, a bad file named with its key, and an analysis version that moves
with the rule code as well as the words."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from hudhud.errors import InvalidLexicon
from hudhud.nlp.lexicon import hash_rules, lexicon, read_lexicon

SHIPPED = Path(str(resources.files("hudhud").joinpath("data", "lexicon")))


@pytest.fixture
def folder(tmp_path):
    copy = tmp_path / "lexicon"
    shutil.copytree(SHIPPED, copy)
    return copy


def test_the_shipped_lexicon_loads_and_names_its_sources():
    lex = lexicon()
    assert "events.yml" in lex.files and "grammar.yml" in lex.files
    for f in lex.files.values():
        assert f.source and f.licence and f.date[:2] in {"19", "20"}, f.name
    assert "ASSAULT" in lex["event_rules"]["conflictual_types"]


def test_the_lexicon_is_read_only():
    with pytest.raises(TypeError):
        lexicon()["grammar"].data["negators"] = []  # type: ignore[index]


def _fails(folder: Path, match: str) -> None:
    with pytest.raises(InvalidLexicon, match=match) as caught:
        read_lexicon(folder)
    assert caught.value.code == "H021"
    assert "\n" not in str(caught.value)  # one line


def test_an_unknown_key_is_named_with_its_file(folder):
    with open(folder / "places.yml", "a", encoding="utf-8") as fh:
        fh.write("town_wrods: [hamlet]\n")
    _fails(folder, r"data/lexicon/places.yml: unknown key 'town_wrods'")


def test_a_misspelt_trigger_flag_is_named_with_its_entry(folder):
    text = (folder / "events.yml").read_text("utf-8")
    text = text.replace("verbs:\n", "verbs:\n  - {lemma: scold, type: ACCUSE, cameo: \"111\", neegated: REJECT}\n", 1)
    (folder / "events.yml").write_text(text, "utf-8")
    _fails(folder, r"events.yml: verbs\[0\]: unknown key 'neegated' \(entry 'scold'\)")


def test_a_trigger_without_its_code_is_refused(folder):
    text = (folder / "events.yml").read_text("utf-8")
    (folder / "events.yml").write_text(text.replace("verbs:\n", "verbs:\n  - {lemma: scold, type: ACCUSE}\n", 1), "utf-8")
    _fails(folder, r"verbs\[0\]: no 'cameo'")


def test_broken_yaml_is_named_with_its_line(folder):
    text = (folder / "places.yml").read_text("utf-8")
    (folder / "places.yml").write_text(text.replace("city_words: [", "city_words: {x: ["), "utf-8")
    _fails(folder, r"data/lexicon/places.yml:\d+: not YAML")


def test_a_value_of_the_wrong_kind_is_refused(folder):
    text = (folder / "places.yml").read_text("utf-8")
    (folder / "places.yml").write_text(text.replace("city_words: [city,", "city_words: {city: 1, x:")
                                       .replace("district]", "district: 2}"), "utf-8")
    _fails(folder, r"places.yml: city_words: should hold words, not dict")


def test_a_list_where_a_number_belongs_is_refused(folder):
    text = (folder / "dates.yml").read_text("utf-8")
    (folder / "dates.yml").write_text(text.replace("future_window_days: ", "future_window_days: [days, ", 1)
                                      .replace("future_window_days: [days, 31", "future_window_days: [days, 31]", 1), "utf-8")
    _fails(folder, r"dates.yml: future_window_days: should hold number, not list")


def test_a_header_without_licence_is_refused(folder):
    lines = (folder / "places.yml").read_text("utf-8").splitlines()
    kept = [line.replace("Licence", "Terms") for line in lines]
    (folder / "places.yml").write_text("\n".join(kept) + "\n", "utf-8")
    _fails(folder, r"places.yml: the header names no licence")


def test_a_file_the_schema_does_not_list_is_refused(folder):
    (folder / "extra.yml").write_text("# Source: me. Licence: MIT. 2026-12-07.\nwords: [a]\n", "utf-8")
    _fails(folder, r"extra.yml: a file the schema does not list")


def _package(root: Path) -> Path:
    pkg = root / "hudhud"
    for sub in ("data/lexicon", "extract", "web", "kb"):
        (pkg / sub).mkdir(parents=True)
    (pkg / "data" / "lexicon" / "grammar.yml").write_text("negators: [not]\n")
    (pkg / "extract" / "rules.py").write_text("LIMIT = 3\n")
    (pkg / "kb" / "names.py").write_text("SPLIT = '-'\n")
    (pkg / "web" / "app.py").write_text("TITLE = 'hudhud'\n")
    return pkg


def test_the_analysis_version_moves_with_the_rule_code_and_the_words(tmp_path):
    pkg = _package(tmp_path)
    first = hash_rules(pkg)
    (pkg / "web" / "app.py").write_text("TITLE = 'hudhud workbench'\n")
    assert hash_rules(pkg) == first  # the workbench makes no analysis
    (pkg / "extract" / "rules.py").write_text("LIMIT = 4\n")
    second = hash_rules(pkg)
    assert second != first
    (pkg / "kb" / "names.py").write_text("SPLIT = ' '\n")
    third = hash_rules(pkg)
    assert third != second
    (pkg / "data" / "lexicon" / "grammar.yml").write_text("negators: [not, never]\n")
    assert hash_rules(pkg) != third
