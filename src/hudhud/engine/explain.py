"""`hudhud explain EVENT_ID`: why an event was coded the way it was.

It shows the sentence, the lexicon pattern that fired, the actors chosen and
how (from the pattern's markers), the CAMEO code with its name and Goldstein
value, and the other reports of the same real-world event.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hudhud.errors import HudhudError
from hudhud.kb import cameo

if TYPE_CHECKING:
    from hudhud.store import Store

#: What each pattern marker means, in the analyst's words.
MARKERS = {
    "verb:": "a verb of the event lexicon (data/lexicon/events.yml): source = its subject "
             "(or the 'by' agent of a passive), target = its object or a listed preposition",
    "noun:": "a noun of the event lexicon: source = its possessor, nationality or 'by'/'from' phrase, "
             "target = its listed preposition",
    "copular:": "'X is behind Y' in someone's words: the speaker accuses X",
    "modal:should": "'Y should/must ...' in someone's words: the speaker appeals to Y",
    "+ref(": "the target was taken from the earlier event the object refers back to",
    "+obj(": "the pattern needs one of the listed objects",
}


def explain_event(store: "Store", event_id: str) -> dict[str, Any]:
    con = store.connection
    cols = [d[0] for d in con.execute("SELECT * FROM events_v LIMIT 0").description]
    row = con.execute("SELECT * FROM events_v WHERE id = ?", [event_id]).fetchall()
    if not row:
        raise HudhudError(f"no event with id {event_id!r}.", hint="list events with `hudhud events --json`.",
                          code="H054")
    event = dict(zip(cols, row[0]))
    analysis = store.analysis(event["doc_id"])
    text = next(iter(con.execute("SELECT text FROM documents WHERE id = ?", [event["doc_id"]]).fetchall()))[0]
    sentence = None
    if analysis is not None and event["sentence"] is not None and event["sentence"] < len(analysis.sentences):
        start, end = analysis.sentences[event["sentence"]]
        sentence = {"start": start, "end": end, "text": text[start:end]}
    pattern = event.get("pattern") or ""
    reasons = [meaning for marker, meaning in MARKERS.items() if marker in pattern]
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    same = []
    if "event_clusters" in tables:
        same = [r[0] for r in con.execute(
            "SELECT event_id FROM event_clusters WHERE cluster_id = "
            "(SELECT cluster_id FROM event_clusters WHERE event_id = ?) AND event_id <> ? ORDER BY event_id",
            [event_id, event_id]).fetchall()]
    return {
        "event": {k: (str(v) if hasattr(v, "isoformat") else v) for k, v in event.items()},
        "sentence": sentence,
        "pattern": pattern,
        "why": reasons,
        "cameo": {"code": event["cameo"], "name": cameo.name(event["cameo"]),
                  "goldstein": cameo.goldstein(event["cameo"]), "quad": cameo.QUAD_NAMES.get(cameo.quad(event["cameo"]))},
        "same_event_in": same,
    }
