"""Toponym resolution on TR-News (Kamalloo & Rafiei 2018), the field's usual scores.

The corpus (GPL-3.0, not shipped: pass its path) is an XML file of news articles,
each with its text and its gold toponyms: character offsets, the phrase, and the
GeoNames id and point of the place meant (some, such as street names, have none
and are not scored for resolution).

Two evaluations (`evaluate_trnews`):

- gold mentions (resolution alone): the gold phrases and offsets go to
  `Gazetteer.resolve_document`, with the article text as context (never the gold
  ids); scored by exact GeoNames id and accuracy@161 km (100 miles) over the gold
  toponyms that have a GeoNames id;
- end to end: hudhud's own place mentions (`analyze`); a system mention matches
  a gold one when their spans overlap (each at most once); precision, recall and
  F1 over all gold toponyms, and accuracy@161 km on the matched pairs whose gold
  has a GeoNames id.

A resolution counts within 161 km when its point is within 161 km of the gold
point, or when it is the gold GeoNames id itself: hudhud's point for a division
is the mean of its towns, which for a large state can lie farther than 161 km
from GeoNames' own point for the same division.

The offsets of a few articles are shifted by some characters from the text as
distributed; each gold phrase is re-anchored to its nearest occurrence.

CLI: ``hudhud eval --gold-format trnews --gold TR-News.xml [--json]`` prints
`render_trnews(evaluate_trnews(path))` or the dict as JSON.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hudhud.errors import GoldFormatError
from hudhud.kb.gazetteer import Gazetteer, PlaceMatch, distance_km

#: The distance of accuracy@161km (100 miles), as in the literature.
KM_161 = 161.0
#: How far (in characters) a shifted gold offset is searched for its phrase.
_REANCHOR = 200


@dataclass(frozen=True)
class GoldToponym:
    """One gold toponym: its span in the text, and the GeoNames place (if any)."""

    phrase: str
    start: int
    end: int
    geonameid: int | None
    lat: float | None
    lon: float | None
    feature: str | None  # "P.PPLA", "A.ADM1"...


@dataclass(frozen=True)
class Article:
    """One TR-News article."""

    doc_id: str
    title: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def read_trnews(path: str | Path) -> list[Article]:
    """The articles of a TR-News XML file, gold offsets re-anchored on their phrases."""
    try:
        root = ET.parse(str(path)).getroot()
    except (OSError, ET.ParseError) as exc:
        raise GoldFormatError(f"cannot read TR-News file {path}: {exc}",
                              hint="pass the TR-News.xml of the Pragmatic Guide to Geoparsing") from exc
    articles: list[Article] = []
    for node in root.iter("article"):
        text = node.findtext("text") or ""
        toponyms = tuple(
            t for t in (_toponym(tp, text) for tp in node.iter("toponym")) if t is not None)
        articles.append(Article(node.get("docid") or str(len(articles)),
                                (node.findtext("title") or "").strip(), text, toponyms))
    return articles


def _toponym(node: ET.Element, text: str) -> GoldToponym | None:
    phrase = node.findtext("phrase") or ""
    try:
        given = int(node.findtext("start") or "")
    except ValueError:
        return None
    start = _reanchor(text, phrase, given)
    if start is None:
        return None
    gaz = node.find("gaztag")
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    if gaz is not None and (gaz.get("geonameid") or "").isdigit():
        geonameid = int(gaz.get("geonameid") or 0)
        lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
        feature = f"{gaz.findtext('fclass') or ''}.{gaz.findtext('fcode') or ''}"
    return GoldToponym(phrase, start, start + len(phrase), geonameid, lat, lon, feature)


def _reanchor(text: str, phrase: str, start: int) -> int | None:
    if not phrase:
        return None
    if text[start:start + len(phrase)] == phrase:
        return start
    lo = max(0, start - _REANCHOR)
    found = list(_occurrences(text, phrase, lo, start + _REANCHOR + len(phrase)))
    if not found:
        found = list(_occurrences(text, phrase, 0, len(text)))
    return min(found, key=lambda i: abs(i - start)) if found else None


def _occurrences(text: str, phrase: str, lo: int, hi: int) -> Iterator[int]:
    i = text.find(phrase, lo, hi)
    while i >= 0:
        yield i
        i = text.find(phrase, i + 1, hi)


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


def is_close(match_id: int | None, lat: float | None, lon: float | None, gold: GoldToponym) -> bool:
    """Within 161 km of the gold point, or the gold GeoNames id itself."""
    if match_id is not None and match_id == gold.geonameid:
        return True
    if lat is None or lon is None or gold.lat is None or gold.lon is None:
        return False
    return distance_km(lat, lon, gold.lat, gold.lon) <= KM_161


def resolve_gold(articles: list[Article], gaz: Gazetteer | None = None
                 ) -> list[tuple[Article, GoldToponym, PlaceMatch | None]]:
    """Each gold toponym with a GeoNames id, and what the gazetteer resolves it to."""
    gaz = gaz or Gazetteer.default()
    out: list[tuple[Article, GoldToponym, PlaceMatch | None]] = []
    for article in articles:
        mentions = [(t.phrase, t.start, t.end) for t in article.toponyms]
        matches = gaz.resolve_document(mentions, article.text)
        out.extend((article, t, m) for t, m in zip(article.toponyms, matches) if t.geonameid)
    return out


def score_gold(resolved: list[tuple[Article, GoldToponym, PlaceMatch | None]]) -> dict[str, Any]:
    """{"exact_id", "acc_161km", "n"} of gold-mention resolution."""
    n = len(resolved)
    exact = sum(1 for _, t, m in resolved if m is not None and m.place.geonameid == t.geonameid)
    close = sum(1 for _, t, m in resolved
                if m is not None and is_close(m.place.geonameid, m.place.lat, m.place.lon, t))
    return {"exact_id": _ratio(exact, n), "acc_161km": _ratio(close, n), "n": n}


def error_kinds(resolved: list[tuple[Article, GoldToponym, PlaceMatch | None]]) -> Counter[str]:
    """What went wrong, by kind: "unresolved", "gold A.ADM1 -> P (far)", ..."""
    kinds: Counter[str] = Counter()
    for _, t, m in resolved:
        if m is None:
            kinds["unresolved"] += 1
            continue
        if m.place.geonameid == t.geonameid:
            continue
        close = is_close(m.place.geonameid, m.place.lat, m.place.lon, t)
        gold_kind = (t.feature or "?").split(".")[0] if not (t.feature or "").startswith("A.") else t.feature
        kinds[f"gold {gold_kind} -> {m.place.feature} ({'near' if close else 'far'})"] += 1
    return kinds


def score_end_to_end(articles: list[Article], analyses: list[Any]) -> dict[str, Any]:
    """{"p", "r", "f1", "acc_161km", "tp", "pred", "gold", "matched_with_id"} over span overlap."""
    tp = pred = gold_n = close = with_id = 0
    for article, analysis in zip(articles, analyses):
        system = [(ev.start, ev.end, place) for place in analysis.places for ev in place.mentions]
        system.sort(key=lambda s: (s[0], s[1]))
        pred += len(system)
        gold_n += len(article.toponyms)
        used: set[int] = set()
        for t in article.toponyms:
            hit = next((k for k, (s, e, _) in enumerate(system)
                        if k not in used and s < t.end and t.start < e), None)
            if hit is None:
                continue
            used.add(hit)
            tp += 1
            if t.geonameid:
                with_id += 1
                place = system[hit][2]
                close += is_close(place.geonameid, place.lat, place.lon, t)
    p, r = _ratio(tp, pred), _ratio(tp, gold_n)
    f1 = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "acc_161km": _ratio(close, with_id),
            "tp": tp, "pred": pred, "gold": gold_n, "matched_with_id": with_id}


def analyze_articles(articles: list[Article]) -> list[Any]:
    """hudhud's analysis of each article text (spaCy; about a second an article)."""
    from hudhud.engine.analyzer import analyze_many
    from hudhud.model import Document

    documents = [Document(id=a.doc_id, text=a.text, title=a.title or None) for a in articles]
    return list(analyze_many(documents))


def evaluate_trnews(path: str | Path, end_to_end: bool = True,
                    gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The TR-News scores: {"gold_mentions": {...}, "end_to_end": {...}}.

    `end_to_end=False` skips the analyzer (a minute for the 118 articles);
    `gazetteer` (default: `Gazetteer.default()`) is the one the gold mentions go to.
    """
    articles = read_trnews(path)
    result: dict[str, Any] = {"gold_mentions": score_gold(resolve_gold(articles, gazetteer))}
    if end_to_end:
        result["end_to_end"] = score_end_to_end(articles, analyze_articles(articles))
    return result


def render_trnews(result: dict[str, Any]) -> str:
    """The scores of `evaluate_trnews` as a short text table."""
    gold = result["gold_mentions"]
    lines = ["TR-News toponym resolution",
             f"  gold mentions  exact id {gold['exact_id']:.3f}  acc@161km {gold['acc_161km']:.3f}"
             f"  n {gold['n']}"]
    e2e = result.get("end_to_end")
    if e2e:
        lines.append(f"  end to end     P {e2e['p']:.3f}  R {e2e['r']:.3f}  F1 {e2e['f1']:.3f}"
                     f"  acc@161km {e2e['acc_161km']:.3f}"
                     f"  (tp {e2e['tp']}, pred {e2e['pred']}, gold {e2e['gold']})")
    return "\n".join(lines)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0
