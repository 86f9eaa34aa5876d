"""Sentence starts the parser must respect, set before it runs.

A paragraph break always ends a sentence, and a one-word label at the head of a
paragraph ("Comment:", "Analysis:", "Update:") stands apart from the sentence it
introduces; otherwise the parser reads "Comment: Iran and its proxies have
threatened ..." as one phrase and finds no subject.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language


@Language.component("hudhud_paragraphs")
def mark_paragraphs(doc: Any) -> Any:
    paragraph_start = True
    for i, tok in enumerate(doc):
        if tok.is_space and "\n" in tok.text:
            paragraph_start = True
            continue
        if paragraph_start:
            if i > 0:
                tok.is_sent_start = True
            # "Comment: Iran ...": the label is a sentence of its own.
            if i + 2 < len(doc) and doc[i + 1].text == ":" and tok.is_alpha and tok.is_title:
                doc[i + 2].is_sent_start = True
            paragraph_start = False
    return doc
