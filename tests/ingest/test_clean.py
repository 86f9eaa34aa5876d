import random

from hudhud.ingest.clean import clean_line, clean_text, furniture_lines


def test_nfc():
    assert clean_text("Mose\u0301s") == "Mos\u00e9s"


def test_line_endings_and_spaces():
    assert clean_text("  Basra  port \t closed.\r\nTrade  halted.\r") == "Basra port closed.\nTrade halted."


def test_control_characters_dropped_newline_and_tab_kept_as_space():
    assert clean_text("Hez\u00adbollah\x07 said\u200b\tno.") == "Hezbollah said no."


def test_three_newlines_become_a_paragraph_break():
    assert clean_text("One.\n\n\n\n\nTwo.\n \n\t\nThree.") == "One.\n\nTwo.\n\nThree."


def test_repeated_paragraph_dropped():
    text = "The convoy left Deir ez-Zor.\n\nIt reached the border.\n\nThe  convoy left\nDeir ez-Zor.\n\nEnd."
    assert clean_text(text) == "The convoy left Deir ez-Zor.\n\nIt reached the border.\n\nEnd."


def test_repeated_line_inside_a_paragraph_is_kept():
    assert clean_text("Yes.\nYes.") == "Yes.\nYes."


def test_furniture_lines_dropped_only_when_whole():
    text = "Share this article\n\nThe minister said he would print the report.\n\nPDF & Email\n\nprint\n\nComments are closed."
    assert clean_text(text) == "The minister said he would print the report."


def test_quotes_and_dashes_unchanged():
    text = "\u201cWe will not leave,\u201d he said \u2014 and \u2018they\u2019 agreed."
    assert clean_text(text) == text


def test_arabic_joiners_kept():
    text = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # Persian: ZWNJ is spelling
    assert clean_text(text) == text


def test_clean_line():
    assert clean_line("  Iran \n and\tIraq ") == "Iran and Iraq"
    assert clean_line("   ") is None
    assert clean_line(None) is None


def test_furniture_file_loads():
    lines = furniture_lines()
    assert "share this article" in lines
    assert not any(line.startswith("#") for line in lines)


def test_idempotent_on_random_texts():
    # A seeded fuzz (hypothesis is not a dependency of this stage).
    pieces = list("ab .\n\r\t\u00a0\u0301e\x07\u2029") + ["Print", "Share", "\n\n", " b\n"]
    rng = random.Random(7)
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        once = clean_text(text)
        assert clean_text(once) == once, repr(text)
        assert "\r" not in once and "\n\n\n" not in once
        assert once == once.strip()
