"""The packed tables answer as the dict and list they replace."""

from hypothesis import given
from hypothesis import strategies as st

from hudhud.kb.packed import KeyTable, LineList


@given(st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=6), max_size=40),
       st.lists(st.text(max_size=8), max_size=20))
def test_lookups_equal_the_dicts_in_any_order(table, probes):
    for pairs in (sorted(table.items()), list(table.items())[::-1]):
        packed = KeyTable(pairs)
        assert len(packed) == len(table)
        for key in [*table, *probes]:
            assert (key in packed) == (key in table)
            assert packed.get(key) == table.get(key)


def test_a_repeated_key_keeps_its_last_value():
    packed = KeyTable([("b", "1"), ("a", "2"), ("b", "3")])
    assert packed.get("b") == "3" and packed.get("a") == "2" and len(packed) == 2


@given(st.lists(st.text(max_size=10), max_size=30))
def test_a_line_list_is_the_list(lines):
    packed = LineList(lines)
    assert len(packed) == len(lines) and list(packed) == lines
    assert all(packed[i] == lines[i] and packed[-1 - i] == lines[-1 - i] for i in range(len(lines)))
