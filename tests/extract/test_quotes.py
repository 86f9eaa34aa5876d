"""Quote attribution on sentences written for these tests."""

from __future__ import annotations

import pytest


def speakers(analysis):
    by_id = {a.id: a for a in analysis.actors}
    return [(by_id[q.speaker].name if q.speaker else None, q.text) for q in analysis.quotes]


def test_said_after_quote(analyze_text):
    a = analyze_text("“We will answer every attack on our people,” said Hadi al-Amiri, the Badr leader.")
    (speaker, text), = speakers(a)
    assert "Amiri" in speaker and text.startswith("We will answer")


def test_speaker_before_quote_with_straight_marks(analyze_text):
    a = analyze_text('Nouri al-Maliki said: "The elections will be held on time and nobody can stop them."')
    assert speakers(a) and "Maliki" in speakers(a)[0][0]


def test_he_added_carries_the_speaker(analyze_text):
    text = ("“The strikes were a crime,” said Qais al-Khazali, who leads Asa’ib Ahl al-Haq. "
            "“Our answer will come at a time we choose,” he added.")
    a = analyze_text(text)
    assert [s for s, _ in speakers(a)] == [speakers(a)[0][0]] * 2 and "Khazali" in speakers(a)[0][0]


def test_standalone_quote_follows_previous_speaker(analyze_text):
    text = ("Mazloum Abdi accused Turkey of targeting civilians in the border towns. "
            "“They are shelling homes, schools and bakeries every night.”")
    a = analyze_text(text)
    assert speakers(a) and "Abdi" in speakers(a)[0][0]


def test_scare_quotes_and_anonymous_sources_are_not_quotes(analyze_text):
    text = ("The minister called the deal a “betrayal”. "
            "“Nobody in Baghdad was told about the plan,” a senior official told reporters.")
    assert speakers(analyze_text(text)) == []


def test_quote_offsets_slice_the_text(analyze_text):
    text = "“We will not leave Syria before the job is done,” said Vladimir Putin."
    a = analyze_text(text)
    for q in a.quotes:
        assert text[q.evidence.start:q.evidence.end] == q.text


def test_a_term_named_with_the_is_not_a_quote(analyze_text):
    text = ("Ali Larijani praised the “axis of resistance” in a speech on Monday. "
            "He called Israel a “cancer in the region.”")
    a = analyze_text(text)
    assert [q.text for q in a.quotes] == ["cancer in the region."]


@pytest.mark.parametrize("text,speaker", [
    ("Hassan Nasrallah answered the threat in a short message: “We are ready for every scenario.”", "Nasrallah"),
    ("Erdogan praised the deal on Friday, calling it “a victory for the whole region.”", "Erdogan"),
    ("Iran's foreign minister, Abbas Araghchi, said the talks were “a waste of time for everyone.”", "Araghchi"),
])
def test_more_attributions(analyze_text, text, speaker):
    a = analyze_text(text)
    assert speakers(a) and speaker in speakers(a)[0][0], speakers(a)


def test_an_unnamed_official_of_a_named_party_is_anonymous(analyze_text):
    a = analyze_text("“We will not take part in this government,” a Gorran official told reporters.")
    assert speakers(a) == []


def test_an_embedded_subject_does_not_take_over_he(analyze_text):
    text = ("Ali Larijani criticised the plan. He said Tehran would never allow Masrour Barzani to divide Iraq. "
            "“This will fail,” he added.")
    a = analyze_text(text)
    assert speakers(a) and "Larijani" in speakers(a)[0][0], speakers(a)


# -- time: the speaker search reads each sentence once, not once per quotation ----------------

def _cpu_seconds(work) -> float:
    """The smaller CPU time of two runs: the machine is shared, CPU time drifts less than wall time."""
    import time

    best = float("inf")
    for _ in range(2):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def test_speaker_search_time_grows_linearly_with_the_quotations():
    # One endless sentence of quotations with no speech verb: each quotation's speaker
    # search walked the whole sentence (and rebuilt Doc.text), so four times the text
    # took sixteen times as long (a 1M-character text of quotations: ten minutes).
    from hudhud.engine.analyzer import analyze_parsed
    from hudhud.model import Document
    from hudhud.nlp.pipeline import load_nlp

    nlp = load_nlp()
    piece = '"the convoy turned back" '
    short, long = (piece * (chars // len(piece)) for chars in (6_000, 24_000))
    parsed = {text: nlp(text) for text in (short, long)}
    seconds = {text: _cpu_seconds(lambda t=text: analyze_parsed(Document("q", t), parsed[t]))
               for text in (short, long)}
    ratio = seconds[long] / max(seconds[short], 1e-3)
    assert ratio < 6, f"4x the quotations took {ratio:.1f}x the time ({seconds[short]:.2f} s -> {seconds[long]:.2f} s)"


def test_quotation_spans_time_grows_linearly_in_one_long_paragraph():
    # With no paragraph break, every opening mark searched to the end of the text for one.
    from hudhud.extract.quotes import quotation_spans

    piece = "“a b c” "
    short, long = (piece * (chars // len(piece)) for chars in (100_000, 400_000))
    assert len(quotation_spans(long)) == len(long) // len(piece)
    ratio = _cpu_seconds(lambda: quotation_spans(long)) / max(_cpu_seconds(lambda: quotation_spans(short)), 1e-3)
    assert ratio < 6, f"4x the text took {ratio:.1f}x the time"
