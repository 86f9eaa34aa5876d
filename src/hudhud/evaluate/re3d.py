"""`hudhud eval --gold-format re3d DIR`: hudhud's actors and affiliations against re3d.

re3d (dstl/re3d) annotates entities and relations in defence news about Syria
and Iraq; `hudhud.evaluate.re3d_gold` reads it. Each document is analysed
as is (no cleaning, so offsets agree with the gold) and scored on:

- mentions: gold actor mentions (see re3d_gold) against the evidence spans of
  every actor's `mentions`. A pair matches when the Dice coefficient of their
  word tokens is >= 0.5 ("the Syrian Democratic Forces" = "Syrian Democratic
  Forces"; "Abu Musab al-Zarqawi" = "al-Zarqawi": 2*2/(4+2)), one to one,
  best first. `mentions_exact` asks for identical character spans. A system
  mention that matches no actor but a gold Location ("Iraq said...": re3d
  calls states Locations) is left out of precision; `ignored_as_location`
  counts them. Pronouns are gold mentions too ("We", "he"): no rule excuses
  hudhud for missing them;
- alias_links: gold IsSynonymOf pairs against the system's alias pairs: every
  pair of two surface forms of one actor ("Syrian Democratic Forces" / "SDF"),
  matched when some mention of each form matches one gold argument. Gold
  pairs are sparse (local appositions), not closed under transitivity, so
  precision is a lower bound; recall is the telling figure;
- relations: BelongsTo against part_of / member_of / spokesperson_of,
  InChargeOf against leads (subject = source, object = target), AlliesOf
  against allied_with / backed_by in either direction. A system affiliation
  matches when its subject and object actors each have a mention matching the
  gold argument spans;
- ner_only_mentions: the baseline, plain spaCy NER of the same pipeline
  without hudhud's ruler (PERSON, ORG and NORP entities), scored the same way.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table

from hudhud.evaluate.matching import greedy_match
from hudhud.evaluate.re3d_gold import (
    MIN_DICE, RELATION_MAP, SYMMETRIC, GoldDocument, Span, Tokens, read_re3d,
)
from hudhud.evaluate.seeds import prf
from hudhud.model import Document, DocumentAnalysis

BASELINE_LABELS = frozenset({"PERSON", "ORG", "NORP"})


def _match(tokens: Tokens, gold: Sequence[Span], system: Sequence[Span],
           exact: bool = False) -> list[tuple[int, int]]:
    candidates = []
    for g, gs in enumerate(gold):
        for s, ss in enumerate(system):
            score = 1.0 if gs == ss else 0.0 if exact else tokens.dice(gs, ss)
            if score >= (1.0 if exact else MIN_DICE):
                candidates.append((score, g, s))
    return greedy_match(candidates)


def _score_mentions(doc: GoldDocument, tokens: Tokens, system: list[Span],
                    counts: Counter[str], prefix: str) -> None:
    system = sorted(set(system))
    for exact, name in ((False, prefix), (True, f"{prefix}_exact")):
        pairs = _match(tokens, doc.actors, system, exact)
        matched = {s for _, s in pairs}
        places = {s for _, s in _match(tokens, doc.locations, system, exact)} - matched
        counts[f"{name}:tp"] += len(pairs)
        counts[f"{name}:pred"] += len(system) - len(places)
        counts[f"{name}:gold"] += len(doc.actors)
        counts[f"{name}:ignored"] += len(places)


def _alias_pairs(analysis: DocumentAnalysis) -> list[tuple[list[Span], list[Span]]]:
    """Per actor, every pair of its surface forms, each form with all its spans."""
    pairs = []
    for actor in analysis.actors:
        forms: dict[str, list[Span]] = {}
        for m in sorted(actor.mentions, key=lambda m: m.start):
            forms.setdefault(" ".join(m.text.lower().split()), []).append((m.start, m.end))
        spans = list(forms.values())
        pairs += [(spans[i], spans[j]) for i in range(len(spans)) for j in range(i + 1, len(spans))]
    return pairs


def _pair_score(tokens: Tokens, gold: tuple[Span, Span], system: tuple[list[Span], list[Span]],
                either_way: bool) -> float:
    """min(Dice) of the two arguments; each side takes its best-matching span."""
    def side(g: Span, spans: list[Span]) -> float:
        return max((tokens.dice(g, s) for s in spans), default=0.0)

    best = min(side(gold[0], system[0]), side(gold[1], system[1]))
    if either_way:
        best = max(best, min(side(gold[0], system[1]), side(gold[1], system[0])))
    return best if best >= MIN_DICE else 0.0


def _score_links(doc: GoldDocument, tokens: Tokens, analysis: DocumentAnalysis,
                 counts: Counter[str]) -> None:
    links = _alias_pairs(analysis)
    candidates = [(score, g, s) for g, gold in enumerate(doc.synonyms)
                  for s, pair in enumerate(links)
                  if (score := _pair_score(tokens, gold, pair, True))]
    counts["alias_links:tp"] += len(greedy_match(candidates))
    counts["alias_links:pred"] += len(links)
    counts["alias_links:gold"] += len(doc.synonyms)


def _score_relations(doc: GoldDocument, tokens: Tokens, analysis: DocumentAnalysis,
                     counts: Counter[str]) -> None:
    spans = {a.id: [(m.start, m.end) for m in a.mentions] for a in analysis.actors}
    kind_of = {rel: kind for kind, rels in RELATION_MAP.items() for rel in rels}
    system = [(kind_of[f.relation], spans.get(f.subject, []), spans.get(f.object, []))
              for f in analysis.affiliations if f.relation in kind_of]
    candidates = [(score, g, s) for g, (kind, a, b) in enumerate(doc.relations)
                  for s, (skind, sa, sb) in enumerate(system) if skind == kind
                  if (score := _pair_score(tokens, (a, b), (sa, sb), kind in SYMMETRIC))]
    pairs = greedy_match(candidates)
    for kind in RELATION_MAP:
        counts[f"relations.{kind}:tp"] += sum(doc.relations[g][0] == kind for g, _ in pairs)
        counts[f"relations.{kind}:pred"] += sum(s[0] == kind for s in system)
        counts[f"relations.{kind}:gold"] += sum(r[0] == kind for r in doc.relations)


def score_document(doc: GoldDocument, analysis: DocumentAnalysis,
                   counts: Counter[str]) -> None:
    """Add one document's counts ("mentions:tp", "relations.BelongsTo:gold"...) to `counts`."""
    tokens = Tokens(doc.text)
    _score_mentions(doc, tokens, [(m.start, m.end) for a in analysis.actors for m in a.mentions],
                    counts, "mentions")
    _score_links(doc, tokens, analysis, counts)
    _score_relations(doc, tokens, analysis, counts)


def score_baseline(doc: GoldDocument, parsed: Any, counts: Counter[str]) -> None:
    """Add the counts of plain spaCy NER (PERSON, ORG, NORP) on one parsed document."""
    spans = [(e.start_char, e.end_char) for e in parsed.ents if e.label_ in BASELINE_LABELS]
    _score_mentions(doc, Tokens(doc.text), spans, counts, "ner_only_mentions")


def _prf(counts: Counter[str], name: str) -> dict[str, Any]:
    out = prf(counts[f"{name}:tp"], counts[f"{name}:pred"], counts[f"{name}:gold"])
    if f"{name}:ignored" in counts:
        out["ignored_as_location"] = counts[f"{name}:ignored"]
    return out


def evaluate_re3d(folder: str | Path, baseline: bool = True, nlp: Any = None) -> dict[str, Any]:
    """Analyse every re3d document under `folder` and score it (see the module docstring).

    RETURNS (dict): {mentions, mentions_exact, alias_links, relations (with
    by_type), ner_only_mentions, ner_only_mentions_exact, n_documents,
    by_source (documents per folder), seconds}; each score is {p, r, f1, tp, pred, gold}.
    """
    from hudhud.engine.analyzer import analyze_many
    from hudhud.nlp.pipeline import load_nlp

    started = time.perf_counter()
    docs = read_re3d(folder)
    inputs = [Document(id=d.id, text=d.text, title=d.title) for d in docs]
    counts: Counter[str] = Counter()
    for doc, analysis in zip(docs, analyze_many(inputs, nlp=nlp)):
        score_document(doc, analysis, counts)
    if baseline:
        plain = load_nlp(with_ruler=False)
        for doc, parsed in zip(docs, plain.pipe(d.text for d in docs)):
            score_baseline(doc, parsed, counts)
    result = summarize(counts, baseline)
    result["n_documents"] = len(docs)
    result["by_source"] = dict(Counter(d.source for d in docs))
    result["seconds"] = round(time.perf_counter() - started, 1)
    return result


def summarize(counts: Counter[str], baseline: bool = True) -> dict[str, Any]:
    """The scores of `evaluate_re3d` from summed document counts."""
    relations: dict[str, Any] = {"by_type": {k: _prf(counts, f"relations.{k}")
                                             for k in RELATION_MAP}}
    relations.update(prf(*(sum(counts[f"relations.{k}:{x}"] for k in RELATION_MAP)
                           for x in ("tp", "pred", "gold"))))
    result: dict[str, Any] = {
        "mentions": _prf(counts, "mentions"),
        "mentions_exact": _prf(counts, "mentions_exact"),
        "alias_links": _prf(counts, "alias_links"),
        "relations": relations,
    }
    if baseline:
        result["ner_only_mentions"] = _prf(counts, "ner_only_mentions")
        result["ner_only_mentions_exact"] = _prf(counts, "ner_only_mentions_exact")
    return result


def render_re3d(result: dict[str, Any]) -> Table:
    """One table: P/R/F1 with counts per measure."""
    table = Table(title=f"hudhud on re3d ({result.get('n_documents', '?')} documents)")
    for column in ("measure", "P", "R", "F1", "tp", "pred", "gold"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    measures = ("mentions", "mentions_exact", "ner_only_mentions", "ner_only_mentions_exact",
                "alias_links", "relations")
    rows: list[tuple[str, Any]] = [(k, result[k]) for k in measures if k in result]
    rows += [(f"  {k}", v) for k, v in result["relations"]["by_type"].items()]
    for name, row in rows:
        table.add_row(name, *(f"{100 * row[x]:.1f}" for x in ("p", "r", "f1")),
                      *(str(row[x]) for x in ("tp", "pred", "gold")))
    return table
