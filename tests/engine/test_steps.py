"""The declared pipeline of `analyze` (hudhud.engine.steps): every step reads only
fields written before it, writes only what it declares, and changes no object that
another step owns."""

from __future__ import annotations

import json
import pickle
from importlib import resources

import pytest

from hudhud.engine.analyzer import analyze_parsed, version
from hudhud.engine.steps import GIVEN, STEPS, DocState, Step, step
from hudhud.model import Document

FIELDS = set(DocState.__dataclass_fields__)
#: Fields that are not plain data: the parse and the knowledge base are read, never rebuilt.
UNCOMPARED = {"doc", "kb"}


def order_problems(steps: tuple[Step, ...]) -> list[str]:
    known = set(GIVEN)
    problems = []
    for s in steps:
        problems += [f"{s.name} reads {f}, which no field of DocState holds" for f in s.requires if f not in FIELDS]
        problems += [f"{s.name} writes {f}, which no field of DocState holds" for f in s.assigns if f not in FIELDS]
        problems += [f"{s.name} reads {f} before any step writes it" for f in s.requires if f not in known]
        known |= set(s.assigns)
    return problems


class RecordingState(DocState):
    """A DocState that remembers which fields were written."""

    def __setattr__(self, name, value):
        self.__dict__.setdefault("written", []).append(name)
        super().__setattr__(name, value)


def snapshot(name: str, value) -> bytes:
    if name == "sentences":
        value = [(s.start, s.end) for s in value]
    return pickle.dumps(value)


def run_checked(state: DocState, steps: tuple[Step, ...]) -> list[str]:
    """Run the steps; what each writes without declaring it, and every object of an
    earlier step it changes in place (a step may replace a field it assigns, never
    alter the object it replaces)."""
    problems = []
    for s in steps:
        before = {f: (getattr(state, f), snapshot(f, getattr(state, f))) for f in FIELDS - UNCOMPARED}
        state.__dict__["written"] = []
        s(state)
        problems += [f"{s.name} wrote {f}" for f in state.__dict__["written"] if f not in s.assigns]
        problems += [f"{s.name} changed {f}" for f, (old, pickled) in before.items() if snapshot(f, old) != pickled]
    return problems


@pytest.fixture(scope="module")
def parsed_demo():
    from hudhud.nlp.pipeline import load_nlp

    path = resources.files("hudhud").joinpath("data", "demo", "articles.jsonl")
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows] + ["", "“We will not allow it,” the minister said.", "!!!"]
    nlp = load_nlp()
    return [(Document(id=str(n), text=t, published="2021-03-04"), d) for n, (t, d) in enumerate(zip(texts, nlp.pipe(texts)))]


def test_every_step_reads_fields_written_before_it():
    assert order_problems(STEPS) == []
    assert STEPS[-1].assigns == ("analysis",)


def test_a_step_read_before_its_writer_is_reported():
    late = [s for s in STEPS if s.name == "coreference"] + [s for s in STEPS if s.name == "mentions"]
    assert "coreference reads mentions before any step writes it" in order_problems(tuple(late))


def test_step_parameters_are_its_requires():
    for s in STEPS:
        assert s.requires == tuple(s.run.__code__.co_varnames[:s.run.__code__.co_argcount]), s.name
        assert s.assigns, s.name


def test_no_step_writes_or_changes_what_it_does_not_declare(parsed_demo):
    from hudhud.kb.actors import KnowledgeBase

    kb = KnowledgeBase.default()
    for document, doc in parsed_demo:
        state = RecordingState(document=document, doc=doc, kb=kb, version=version())
        assert run_checked(state, STEPS) == [], document.id
        assert state.analysis.to_dict() == analyze_parsed(document, doc, kb).to_dict()


def test_a_step_that_changes_another_steps_object_is_caught(parsed_demo):
    """The check above can fail: a step that adds to the coreference table in place (as the
    analyzer once did for "we" inside quotations) and one that writes a field it did not
    declare are both reported."""
    from hudhud.kb.actors import KnowledgeBase

    document, doc = parsed_demo[0]
    state = RecordingState(document=document, doc=doc, kb=KnowledgeBase.default(), version=version())

    @step("quote_speakers")
    def sneaky_speakers(doc, coref, quotes):
        coref.resolved[len(doc)] = "kb:someone"
        return {}

    @step("owners")
    def undeclared_write(doc, coref):
        state.actors = ["not mine"]
        return {}

    before = tuple(s for s in STEPS if s.name in {"sentences", "mentions", "quoted", "coreference", "quotes"})
    problems = run_checked(state, before + (sneaky_speakers, undeclared_write))
    assert problems == ["sneaky_speakers changed coref", "undeclared_write wrote actors"]
