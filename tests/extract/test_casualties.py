"""find_casualties / casualty_counts on sentences written for these tests."""

import pytest

from hudhud.extract.casualties import CasualtyMention, casualty_counts, find_casualties, parse_count

CASES = [
    # count, then verb
    ("At least 25 fighters were killed and 55 wounded near the dam.", (25, 55)),
    ("Two civilians were injured when the mortar landed.", (None, 2)),
    ("More than 100 people were killed in the siege.", (100, None)),
    ("One person was killed.", (1, None)),
    ("Twenty-five militiamen died in the ambush.", (25, None)),
    ("A dozen guards were hurt.", (None, 12)),
    ("18 killed as bus hit by roadside bomb", (18, None)),
    ("Nine killed, 14 hurt in market blast", (9, 14)),
    ("The rocket attack left five dead and 20 injured.", (5, 20)),
    ("Some 40 villagers were reportedly killed.", (40, None)),
    ("At least 12 civilians were reported killed.", (12, None)),
    ("An estimated 3,000 people have died since the offensive began.", (3000, None)),
    ("Two hundred and fifty prisoners were executed.", (250, None)),
    ("Five soldiers lost their lives at the outpost.", (5, None)),
    ("A 19-year-old student was killed at the protest.", (1, None)),
    ("25 fighters loyal to the governor were killed.", (25, None)),
    ("Two soldiers and three civilians were killed.", (5, None)),
    ("Eleven people, including four children, were killed.", (11, None)),
    ("Of the 40 passengers, 12 were hurt.", (None, 12)),
    ("Strikes during the 2006 war killed 1,200 people.", (1200, None)),
    ("Five died and six were hurt.", (5, 6)),
    # verb, then count
    ("The car bomb exploded, killing three people and wounding 12.", (3, 12)),
    ("The raid killed 3 soldiers.", (3, None)),
    ("The drone strike killed a commander.", (1, None)),
    ("The ambush killed two, wounding at least seven.", (2, 7)),
    ("The shelling wounded 1,200 and killed 340.", (340, 1200)),
    ("The airstrike killed two soldiers and three civilians.", (5, None)),
    ("The airstrike killed two soldiers and three civilians were wounded.", (2, 3)),
    ("3 gunmen killed 12 soldiers.", (12, None)),
    # tolls and bodies
    ("Officials gave a death toll of 40.", (40, None)),
    ("The death toll from the bombing rose to 63.", (63, None)),
    ("Fatalities climbed to 9 by evening.", (9, None)),
    ("By Friday the toll stood at 31.", (31, None)),
    ("Divers recovered the bodies of 12 fishermen.", (12, None)),
    ("The killing of three protesters sparked riots.", (3, None)),
    # casualties without a number
    ("Dozens were killed in the shelling.", (None, None)),
    ("Hundreds were wounded.", (None, None)),
    ("Gunmen killed and wounded 30 worshippers.", (None, None)),
    ("30 people were killed or wounded.", (None, None)),
    # not casualties
    ("The convoy drove 100 kilometers on Sept. 25, 2017.", (None, None)),
    ("Over a hundred fighters arrived in the town.", (None, None)),
    ("No one was hurt in the blast.", (None, None)),
    ("On Sept. 25 fighters were killed.", (None, None)),
    ("The militia has 2,000 fighters in the province.", (None, None)),
    ("The strike killed the commander.", (None, None)),
    ("A suicide bomber killed himself at the gate.", (None, None)),
    ("5 people were arrested and the rest were killed.", (None, None)),
    ("Two of the wounded later died.", (None, None)),
    ("The rebels fired 30 rockets in 2017.", (None, None)),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_casualty_counts(text, expected):
    assert casualty_counts(text) == expected


def test_vague_count_is_a_mention_without_number():
    mentions = find_casualties("Dozens were killed in the shelling.")
    assert [(m.text, m.killed, m.wounded) for m in mentions] == [("Dozens were killed", None, None)]


def test_mentions_carry_offsets():
    text = "Officials said 7 police officers were killed, and the blast injured 11 bystanders."
    mentions = find_casualties(text)
    assert all(isinstance(m, CasualtyMention) and text[m.start:m.end] == m.text for m in mentions)
    assert [(m.killed, m.wounded) for m in mentions] == [(7, None), (None, 11)]
    assert mentions[0].text == "7 police officers were killed"


@pytest.mark.parametrize(
    "phrase, value",
    [
        ("25", 25), ("1,200", 1200), ("at least 25", 25), ("more than a hundred", 100),
        ("twenty-five", 25), ("a dozen", 12), ("two dozen", 24), ("three thousand", 3000),
        ("two hundred and fifty", 250), ("one", 1), ("a", 1), ("dozens", None), ("hundreds of", None),
    ],
)
def test_parse_count(phrase, value):
    assert parse_count(phrase) == value


def test_empty_text():
    assert find_casualties("") == []
    assert casualty_counts("") == (None, None)
