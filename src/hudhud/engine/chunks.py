"""Long documents are analysed in bounded chunks, and the chunk analyses merged back.

The parse of a text takes memory in proportion to its length (a 1M-character text
took 3.5 GB), so no parse may hold more than `settings.CHUNK_CHARS` characters: a
longer text is cut at paragraph breaks, each chunk is parsed and analysed on its
own, and the chunk analyses are merged into one DocumentAnalysis whose offsets are
those of the whole text. Short documents go through whole, exactly as before, and
several of them share one parse batch up to the same number of characters.

A chunk ends after the last paragraph break inside the limit; in a paragraph longer
than a chunk, after its last line break, else sentence end ("... on Monday. | Then"),
else space; never inside a quotation ("said: “We will | answer”" is not cut there).
A text with none of these is cut hard at the limit.

What a chunk cannot see is the chunk before it: "he" at the start of a chunk does not
resolve to the person named at the end of the previous one, and an event told in two
chunks stays two records (the resolve step clusters events across documents anyway).
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator

from hudhud import settings
from hudhud.extract.actors import slug
from hudhud.extract.quotes import quotation_spans
from hudhud.kb.names import name_key
from hudhud.model import Actor, Document, DocumentAnalysis, Evidence, Place

#: Where a chunk may end, best first: after a paragraph break, a line break, a sentence
#: end (with its closing marks, "... he said.” Then"), or any space.
BREAKS = (
    re.compile(r"\n\s*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?。؟][\"'”’»)\]]*\s+"),
    re.compile(r"\s+"),
)

Analyze = Callable[[Document, Any], DocumentAnalysis]


@dataclass
class Piece:
    """A chunk of a document: its text from `offset` on, as a Document of the same id."""

    offset: int
    document: Document
    last: bool  # the document's last chunk


@dataclass
class Outcome:
    """A document with its analysis, or with the error that stopped it."""

    document: Document
    analysis: DocumentAnalysis | None = None
    error: Exception | None = None
    parts: list[tuple[int, DocumentAnalysis]] = field(default_factory=list, repr=False)


def cuts(text: str, size: int) -> list[int]:
    """The offsets the chunks of `text` start at (0 first), each chunk at most `size` long."""
    starts, start, quoted = [0], 0, None
    while len(text) - start > size:
        limit = start + size
        quoted = quoted or _QuotedRanges(text)  # found once, and only for a long text
        end = next((e for p in BREAKS if (e := _last_break(text, start, limit, p, quoted))), limit)
        starts.append(end)
        start = end
    return starts


def split(document: Document, size: int) -> list[Piece]:
    """The chunks of a document; a document of at most `size` characters is its own one chunk."""
    starts = cuts(document.text, max(1, size))
    if len(starts) == 1:
        return [Piece(0, document, True)]
    ends = starts[1:] + [len(document.text)]
    return [Piece(a, dataclasses.replace(document, text=document.text[a:b]), b == len(document.text))
            for a, b in zip(starts, ends)]


def analyze_all(documents: Iterable[Document], nlp: Any, analyze: Analyze, batch_size: int = 32,
                size: int | None = None) -> Iterator[Outcome]:
    """One Outcome per document, in order: each chunk parsed and analysed by `analyze`
    (document, parsed Doc) once, and the chunk analyses of a long document merged.

    A parse batch holds at most `batch_size` chunks and `size` characters, so memory
    stays bounded whatever the lengths of the documents.
    """
    size = min(size or settings.CHUNK_CHARS, nlp.max_length)
    for batch in _batches(_pieces(documents, size), batch_size, size):
        texts = [piece.document.text for _, piece in batch]
        for (outcome, piece), parsed in zip(batch, nlp.pipe(texts, batch_size=len(batch))):
            if outcome.error is None:
                try:
                    outcome.parts.append((piece.offset, analyze(piece.document, parsed)))
                except Exception as exc:  # noqa: BLE001 - the caller decides: raise, or report and go on
                    outcome.error = exc
            if piece.last:
                if outcome.error is None:
                    outcome.analysis = (outcome.parts[0][1] if len(outcome.parts) == 1
                                        else merge(outcome.document, outcome.parts))
                outcome.parts = []
                yield outcome


def _pieces(documents: Iterable[Document], size: int) -> Iterator[tuple[Outcome, Piece]]:
    for document in documents:
        outcome = Outcome(document)
        for piece in split(document, size):
            yield outcome, piece


def _batches(pieces: Iterator[tuple[Outcome, Piece]], count: int, chars: int) -> Iterator[list]:
    batch: list[tuple[Outcome, Piece]] = []
    held = 0
    for item in pieces:
        length = len(item[1].document.text)
        if batch and (len(batch) >= count or held + length > chars):
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += length
    if batch:
        yield batch


class _QuotedRanges:
    """The quotations of a text, to ask whether a cut at an offset would split one."""

    def __init__(self, text: str) -> None:
        spans = quotation_spans(text)
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def splits(self, offset: int) -> bool:
        # A cut at `offset` ends the chunk before text[offset]; the quotation (a, b) sits
        # between marks at a - 1 and b, so any cut from a to b separates its marks.
        k = bisect_right(self.starts, offset) - 1
        return k >= 0 and offset <= self.ends[k]


def _last_break(text: str, start: int, limit: int, pattern: re.Pattern, quoted: _QuotedRanges) -> int | None:
    """The end of the last match of `pattern` in text[start:limit] that splits no quotation."""
    best = None
    for m in pattern.finditer(text, start, limit):
        if m.end() > start and not quoted.splits(m.end()):
            best = m.end()
    return best


def merge(document: Document, parts: list[tuple[int, DocumentAnalysis]]) -> DocumentAnalysis:
    """One analysis of the whole document from the analyses of its chunks (offset, analysis).

    Every evidence is moved to the whole text (start, end by the chunk's offset, the
    sentence index by the sentences of the chunks before); an actor found in several
    chunks becomes one actor, and the records are pointed at it; as in one analysis,
    places of one name are one place and an affiliation told twice is one record.
    """
    merged = DocumentAnalysis(document.id, document.published, parts[0][1].version)
    movers = []
    for offset, part in parts:
        movers.append(_Mover(offset, len(merged.sentences)))
        merged.sentences += [(a + offset, b + offset) for a, b in part.sentences]
    # The actors first: an actor's id comes from its longest alias in any chunk.
    actors = _Actors()
    indices = [actors.add(part.actors, move) for (_, part), move in zip(parts, movers)]
    merged.actors = actors.finish()
    refs = [{local: merged.actors[n].id for local, n in index.items()} for index in indices]
    places: dict[str, Place] = {}
    told: set[tuple[str, str, str]] = set()
    for (_, part), move, ref in zip(parts, movers, refs):
        for a in part.affiliations:
            triple = (ref[a.subject], a.relation, ref[a.object])
            if triple not in told:  # one record per affiliation: one analysis keeps the first
                told.add(triple)
                merged.affiliations.append(dataclasses.replace(a, subject=triple[0], object=triple[2],
                                                               evidence=move(a.evidence)))
        merged.events += [dataclasses.replace(e, source=_get(ref, e.source), target=_get(ref, e.target),
                                              reported_by=_get(ref, e.reported_by), evidence=move(e.evidence))
                          for e in part.events]
        merged.quotes += [dataclasses.replace(q, speaker=_get(ref, q.speaker), evidence=move(q.evidence))
                          for q in part.quotes]
        for place in part.places:
            into = places.setdefault(place.name, dataclasses.replace(place, mentions=[]))
            into.mentions += [move(m) for m in place.mentions]
    merged.places = list(places.values())
    return merged


@dataclass(frozen=True)
class _Mover:
    """Moves a chunk's evidence to the whole text."""

    offset: int  # of the chunk's first character
    base: int  # sentences before the chunk

    def __call__(self, ev: Evidence) -> Evidence:
        return Evidence(ev.sentence + self.base, ev.start + self.offset, ev.end + self.offset, ev.text)


def _get(ref: dict[str, str], local: str | None) -> str | None:
    return None if local is None else ref.get(local)


class _Actors:
    """The actors of a document gathered from its chunks.

    Two actors of different chunks are one when they have the same KB id, or, with
    none, the same name key (hudhud.kb.names: "Qais al-Khazali" and "Qais Khazali").
    Two actors of one chunk stay two: that chunk's analysis told them apart.
    """

    def __init__(self) -> None:
        self.actors: list[Actor] = []
        self.by_key: dict[tuple[str, str], int] = {}

    def add(self, actors: list[Actor], move: _Mover) -> dict[str, int]:
        """Take one chunk's actors. RETURNS: the chunk's actor id -> index of the document's actor."""
        index: dict[str, int] = {}
        taken: set[int] = set()
        for actor in actors:
            key = ("kb", actor.kb_id) if actor.kb_id else ("name", name_key(actor.name))
            n = self.by_key.get(key)
            if n is None or n in taken:
                n = len(self.actors)
                self.actors.append(Actor("", actor.name, actor.kind, actor.country, [], actor.kb_id))
                self.by_key.setdefault(key, n)
            into = self.actors[n]
            into.aliases += [a for a in actor.aliases if a not in into.aliases]
            into.mentions += [move(m) for m in actor.mentions]
            into.kind, into.country = into.kind or actor.kind, into.country or actor.country
            taken.add(n)
            index[actor.id] = n
        return index

    def finish(self) -> list[Actor]:
        """Name each actor by its longest alias and give it a unique id, as one analysis does."""
        used: set[str] = set()
        for actor in self.actors:
            if actor.aliases:
                actor.name = max(actor.aliases, key=len)
            local = slug(actor.name)
            while local in used:
                local += "-2"
            used.add(local)
            actor.id = local
        return self.actors
