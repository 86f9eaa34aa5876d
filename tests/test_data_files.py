"""Every data file under hudhud/data names its source, its licence and its date (STYLE §5),
and every YAML file parses."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

ROOT = resources.files("hudhud").joinpath("data")
TEXT_SUFFIXES = (".yml", ".yaml", ".txt")


def _files(node=ROOT):
    for child in node.iterdir():
        if child.is_dir():
            yield from _files(child)
        elif child.name.endswith(TEXT_SUFFIXES):
            yield child


FILES = sorted(_files(), key=lambda p: str(p))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p).split("data/", 1)[-1])
def test_header_names_source_licence_and_date(path):
    readme = path.parent.joinpath("README.md")
    if readme.is_file() and path.name in readme.read_text("utf-8"):
        head = readme.read_text("utf-8").lower()  # a third-party table, attributed beside it
    else:
        head = "\n".join(path.read_text("utf-8").splitlines()[:25]).lower()
    assert "source" in head, "no source named"
    assert "licen" in head, "no licence named"
    assert re.search(r"\b(19|20)\d\d\b", head), "no date"


@pytest.mark.parametrize("path", [p for p in FILES if p.name.endswith((".yml", ".yaml"))],
                         ids=lambda p: str(p).split("data/", 1)[-1])
def test_yaml_parses(path):
    assert yaml.safe_load(path.read_text("utf-8")) is not None
