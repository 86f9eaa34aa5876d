"""Paragraph breaks and paragraph labels start sentences before the parser runs."""

from __future__ import annotations

from hudhud.nlp.pipeline import load_nlp


def test_a_label_stands_apart_from_its_sentence():
    doc = load_nlp()("Analysis: Turkey and its allies have threatened new strikes against the PKK.")
    sents = [s.text for s in doc.sents]
    assert sents[0].startswith("Analysis") and sents[1].startswith("Turkey")
    verb = next(t for t in doc if t.lemma_ == "threaten")
    assert any(c.dep_ == "nsubj" and c.text == "Turkey" for c in verb.children)


def test_a_paragraph_break_ends_a_sentence_without_a_full_stop():
    doc = load_nlp()("Iran warned Israel\n\nSaudi Arabia urged calm.")
    assert [s.text.strip() for s in doc.sents] == ["Iran warned Israel", "Saudi Arabia urged calm."]
