"""Hand-built documents and analyses shared by the store, resolve and export tests.

The texts are written for these tests. Evidence offsets are found with
str.index, so each Evidence slices its document text exactly.
"""

from __future__ import annotations

from hudhud.model import (
    Actor, Affiliation, Document, DocumentAnalysis, Event, Evidence, Place, Quote,
)

D1 = [
    "Kataib Hezbollah fired rockets at a US base near Erbil on Saturday.",
    "The militia, which is backed by Iran, is part of the Popular Mobilization Forces.",
    '"We will answer this attack at a time we choose," said Lloyd Austin, the US defense secretary.',
]
D2 = [
    "Iraqi officials said on Friday that Kata'ib Hezbollah had suspended its attacks on American forces.",
    "The Hezbollah Brigades, a faction of the Popular Mobilization Forces, said the pause was meant to spare the government in Baghdad.",
]
D3 = ["Traders in the old market said prices of tomatoes rose again this week."]


class Text:
    """A document text built from sentences, with an evidence finder."""

    def __init__(self, sentences: list[str]) -> None:
        self.text = " ".join(sentences)
        self.spans = []
        pos = 0
        for s in sentences:
            self.spans.append((pos, pos + len(s)))
            pos += len(s) + 1

    def ev(self, phrase: str, nth: int = 0) -> Evidence:
        start = -1
        for _ in range(nth + 1):
            start = self.text.index(phrase, start + 1)
        end = start + len(phrase)
        sentence = next(i for i, (a, b) in enumerate(self.spans) if a <= start < b)
        return Evidence(sentence=sentence, start=start, end=end, text=self.text[start:end])

    def sentence(self, i: int) -> Evidence:
        a, b = self.spans[i]
        return Evidence(sentence=i, start=a, end=b, text=self.text[a:b])


def doc1() -> tuple[Document, DocumentAnalysis]:
    t = Text(D1)
    doc = Document(id="d1", text=t.text, title="Rockets hit base near Erbil",
                   url="https://example.org/d1", published="2024-02-05", origin="test:1")
    a = DocumentAnalysis(doc_id="d1", published="2024-02-05", version="test-1",
                         sentences=list(t.spans))
    a.actors = [
        Actor(id="kataib-hezbollah", name="Kataib Hezbollah", kind="militia", country="IRQ",
              aliases=["Kataib Hezbollah", "The militia"], kb_id="Q1",
              mentions=[t.ev("Kataib Hezbollah"), t.ev("The militia")]),
        Actor(id="us", name="United States", kind="state", country="USA", aliases=["US"],
              kb_id="Q30", mentions=[t.ev("US"), t.ev("US", 1)]),
        Actor(id="iran", name="Iran", kind="state", country="IRN", aliases=["Iran"],
              kb_id="Q794", mentions=[t.ev("Iran")]),
        Actor(id="pmf", name="Popular Mobilization Forces", kind="militia", country="IRQ",
              aliases=["Popular Mobilization Forces"],
              mentions=[t.ev("Popular Mobilization Forces")]),
        Actor(id="lloyd-austin", name="Lloyd Austin", kind="person", country="USA",
              aliases=["Lloyd Austin"], mentions=[t.ev("Lloyd Austin")]),
    ]
    a.affiliations = [
        Affiliation("kataib-hezbollah", "backed_by", "iran", t.sentence(1)),
        Affiliation("kataib-hezbollah", "part_of", "pmf", t.sentence(1)),
        Affiliation("lloyd-austin", "member_of", "us", t.ev("Lloyd Austin, the US defense secretary")),
    ]
    a.events = [
        Event(source="kataib-hezbollah", type="ASSAULT", cameo="190", target="us",
              evidence=t.sentence(0), date="2024-02-03", place="Erbil", goldstein=-10.0,
              quad=4, pattern="fire rockets at"),
        Event(source="lloyd-austin", type="THREATEN", cameo="13", target="kataib-hezbollah",
              evidence=t.sentence(2), goldstein=-4.4, quad=3, pattern="answer attack"),
    ]
    a.quotes = [Quote(speaker="lloyd-austin", text="We will answer this attack at a time we choose,",
                      evidence=t.ev("We will answer this attack at a time we choose,"))]
    a.places = [Place(name="Erbil", lat=36.19, lon=44.01, country="IQ", geonameid=95446,
                      feature="P.PPLA", admin1="11", confidence=0.9, mentions=[t.ev("Erbil")])]
    return doc, a


def doc2() -> tuple[Document, DocumentAnalysis]:
    t = Text(D2)
    doc = Document(id="d2", text=t.text, title="Militia pauses attacks",
                   url="https://example.org/d2", published="2024-02-10", origin="test:2")
    a = DocumentAnalysis(doc_id="d2", published="2024-02-10", version="test-1",
                         sentences=list(t.spans))
    a.actors = [
        Actor(id="iraqi-officials", name="Iraqi officials", kind="government", country="IRQ",
              aliases=["Iraqi officials"], mentions=[t.ev("Iraqi officials")]),
        Actor(id="kataib-hezbollah", name="Kata'ib Hezbollah", kind="militia", country="IRQ",
              aliases=["Kata'ib Hezbollah", "Hezbollah Brigades"],
              mentions=[t.ev("Kata'ib Hezbollah"), t.ev("Hezbollah Brigades")]),
        Actor(id="us", name="United States", kind="state", country="USA",
              aliases=["American forces"], kb_id="Q30", mentions=[t.ev("American forces")]),
        Actor(id="pmf", name="the Popular Mobilization Forces", kind="militia", country=None,
              aliases=["Popular Mobilization Forces"],
              mentions=[t.ev("Popular Mobilization Forces")]),
        # Mentioned, but in no record: the export leaves it out.
        Actor(id="iraqi-government", name="Iraqi government", kind="government", country="IRQ",
              aliases=["government in Baghdad"], mentions=[t.ev("government in Baghdad")]),
    ]
    a.affiliations = [Affiliation("kataib-hezbollah", "part_of", "pmf", t.sentence(1))]
    a.events = [
        Event(source="kataib-hezbollah", type="CONCEDE", cameo="08", target="us",
              evidence=t.sentence(0), date="2024-02-09", reported_by="iraqi-officials",
              goldstein=5.0, quad=1, pattern="suspend attacks"),
    ]
    a.places = [Place(name="Baghdad", lat=33.34, lon=44.40, country="IQ", geonameid=98182,
                      feature="P.PPLC", mentions=[t.ev("Baghdad")])]
    return doc, a


def doc3() -> tuple[Document, DocumentAnalysis]:
    """A document in which nothing was found."""
    t = Text(D3)
    doc = Document(id="d3", text=t.text, title=None, url=None, published="2024-02-12")
    return doc, DocumentAnalysis(doc_id="d3", published="2024-02-12", version="test-1",
                                 sentences=list(t.spans))


def samples() -> list[tuple[Document, DocumentAnalysis]]:
    return [doc1(), doc2(), doc3()]



def copies(n: int) -> list[tuple[Document, DocumentAnalysis]]:
    """`n` copies of doc1 and doc2 under new ids, for paging: published dates repeat
    (ties are broken by document id), every fifth copy has none, and the events that
    carry their own date keep it, so many records share a day."""
    import dataclasses
    import datetime as dt

    out = []
    for k in range(n):
        day = None if k % 5 == 4 else (dt.date(2024, 1, 1) + dt.timedelta(days=(k * 7) % 40)).isoformat()
        for make in (doc1, doc2):
            doc, a = make()
            new_id = f"{doc.id}-{k:03d}"
            out.append((dataclasses.replace(doc, id=new_id, published=day, url=None),
                        dataclasses.replace(a, doc_id=new_id, published=day)))
    return out
