import pytest

from hudhud.resolve.key import name_key

CASES = [
    ("Kataib Hezbollah", "kataib hezbollah"),
    ("Kata'ib Hezbollah", "kataib hezbollah"),
    ("Kata\u2019ib Hezbollah", "kataib hezbollah"),
    ("Kata\u02beib \u1e24izballah", "kataib hizballah"),
    ("KATAIB HEZBOLLAH", "kataib hezbollah"),
    ("U.S.", "us"),
    ("U.S", "us"),
    ("US", "us"),
    ("the U.N. Security Council", "un security council"),
    ("The Islamic State", "islamic state"),
    ("Iran's", "iran"),
    ("Al-Qaeda", "al qaeda"),
    ("Asa'ib Ahl al-Haq", "asaib ahl al haq"),
    ("St. George", "st george"),
    ("Theodore", "theodore"),  # "the" only as a whole word
    ("  Popular   Mobilization Forces ", "popular mobilization forces"),
    ("...", ""),
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize(("name", "key"), CASES)
def test_name_key(name, key):
    assert name_key(name) == key
