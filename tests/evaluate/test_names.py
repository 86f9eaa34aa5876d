"""normalize_name and quote tokens: the FORMAT.md normalisation."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hudhud.evaluate.names import normalize_name, token_overlap, tokens


@pytest.mark.parametrize(
    "a, b",
    [
        ("P.M.F.", "PMF"),
        ("the P.M.F.", "pmf"),
        ("P. M. F.", "PMF"),
        ("Jafar al-Husseini", "Jafar Husseini"),
        ("al-Nusra Front", "Nusra Front"),
        ("Al Nusra Front", "Nusra Front"),
        ("El-Sisi", "Sisi"),
        ("Harakat al Nujaba", "Harakat Nujaba"),
        ("Asa’ib Ahl al-Haq", "Asaib Ahl al-Haq"),
        ("Asa'ib Ahl al-Haq", "Asa‘ib Ahl Haq"),
        ("Saʿid Qasim", "Said Qasim"),
        ("Qāsim Sulaymānī", "Qasim Sulaymani"),
        ("THE Islamic State", "islamic state"),
        ("Islamic  State\n", "Islamic State"),
        ("U.S.-led coalition", "US led coalition"),
        ("Hezbollah (Lebanon)", "Hezbollah Lebanon"),
    ],
)
def test_equal_after_normalisation(a, b):
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Iran", "Iraq"),
        ("Theodore Smith", "odore Smith"),  # "the" only as a whole word
        ("Alawite council", "awite council"),  # "al" only as a whole word
        ("Badr Organization", "Badr"),
    ],
)
def test_different_after_normalisation(a, b):
    assert normalize_name(a) != normalize_name(b)


def test_leading_the_only():
    assert normalize_name("Party of the Free") == "party of the free"


def test_only_articles_gives_empty():
    assert normalize_name("al-") == ""
    assert normalize_name("...") == ""


def test_tokens_ignore_case_and_punctuation():
    assert tokens("We will NOT retreat, ever!") == ["we", "will", "not", "retreat", "ever"]
    assert tokens("the region’s future") == tokens("The region's future")


def test_token_overlap_is_a_multiset_intersection():
    assert token_overlap("no no no", "no yes no") == 2
    assert token_overlap("", "anything") == 0


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalisation_is_idempotent(name):
    once = normalize_name(name)
    assert normalize_name(once) == once
