"""Figure extraction, one inline sentence per pattern, each saying what it checks."""

from __future__ import annotations

import pytest

from storyline.analyze.figures import Figure, find_figures
from storyline.analyze.figures_numbers import find_amounts


def one(text: str) -> Figure:
    found = find_figures(text)
    assert len(found) == 1, [f.text for f in found]
    return found[0]


def test_approximate_count_with_owner_from_the_clause() -> None:
    # "some" before a number is a qualifier; the owner comes from who moved the troops, the place phrase
    # right after the noun belongs to the subject even when the parser hangs it on the verb.
    f = one("Russia has moved some 100,000 troops towards Ukraine.")
    assert (f.value, f.qualifier, f.owner, f.place) == (100_000, "approximate", "Russia", "Ukraine")
    assert f.subject == "troops towards Ukraine"
    assert f.text == "some 100,000 troops"


def test_more_than_with_modifiers_and_place() -> None:
    # the counted noun keeps its adjective and the place phrase after it
    f = one("The build-up of more than 130,000 Russian troops on Ukraine's borders continued.")
    assert (f.value, f.qualifier, f.owner, f.place) == (130_000, "more than", "Russian", "Ukraine")
    assert f.subject == "Russian troops on Ukraine's borders"


def test_state_phrase_hung_on_the_verb_belongs_to_the_subject() -> None:
    # "put 8,500 troops on heightened alert": the parser hangs "on" on "put"; it still describes the troops
    f = one("The U.S. has put 8,500 troops on heightened alert.")
    assert f.value == 8500 and f.qualifier is None and f.subject == "troops on heightened alert"


def test_such_is_dropped_from_the_subject() -> None:
    # "such" only points back to earlier text
    f = one("The capital has about 4,500 such sites.")
    assert (f.value, f.qualifier, f.subject) == (4500, "approximate", "sites")


def test_number_words() -> None:
    # number words are read by text2num, hyphenated or not
    f = one("Four rounds of talks failed.")
    assert (f.value, f.subject_head) == (4, "round")
    assert one("Twenty-three people were hurt.").value == 23
    assert one("They found three hundred and forty two bodies.").value == 342


def test_vague_amount_is_a_range() -> None:
    # "dozens" is two dozen and more, below "hundreds"; what it counts is the object of "of"
    f = one("Dozens of warships sailed for training.")
    assert f.kind == "vague" and f.value == 24 and f.value_max is not None and f.subject == "warships"


def test_tens_of_thousands() -> None:
    f = one("Tens of thousands of Russian troops gathered.")
    assert (f.kind, f.value, f.subject, f.owner) == ("vague", 20_000, "Russian troops", "Russian")


@pytest.mark.parametrize("text", ["The US pledged $6 billion in aid.", "The US pledged six billion dollars in aid.",
                                  "The US pledged $6bn in aid."])
def test_money_symbol_word_or_abbreviation(text: str) -> None:
    # the currency before or after, the scale as a word or glued abbreviation; the subject is what it is for
    f = one(text)
    assert (f.kind, f.unit, f.value, f.subject) == ("money", "USD", 6e9, "aid")


def test_fraction() -> None:
    # "a third of" is a fraction; "a third Briton" would be an ordinal
    f = one("A third of the population fled.")
    assert f.kind == "fraction" and abs(f.value - 1 / 3) < 1e-9 and f.subject == "population"


def test_range_between() -> None:
    f = one("Between 80 and 100 people were injured.")
    assert (f.value, f.value_max, f.qualifier, f.subject) == (80, 100, "between", "people")


def test_range_takes_the_scale_of_its_top() -> None:
    # "5 to 6 million": the 5 is five million
    [a] = find_amounts("from 5 to 6 million")
    assert (a.value, a.value_max) == (5e6, 6e6)


def test_percent_measures_the_verb_subject() -> None:
    # a bare level that a verb reaches counts the verb's subject
    f = one("Inflation hit 5.4% last month.")
    assert (f.kind, f.unit, f.value, f.subject) == ("percent", "%", 5.4, "Inflation")


def test_qualifier_after_the_number() -> None:
    assert one("They sent 200 or more soldiers.").qualifier == "at least"


@pytest.mark.parametrize("text", [
    "Crimea, which the Kremlin annexed in 2014, was discussed.",  # a year
    "The talks were held on 28 January.",  # a date
    "The summit ended at 5pm on Friday.",  # a time of day
    "The meeting lasted three days.",  # a duration: a time expression, not a figure
    "John Smith, 45, said he was tired.",  # an age in apposition
    "The 62-year-old was arrested.",  # an age as a compound
    "Liverpool won 3-1 at home.",  # a score
    "They play in Ligue 1 this season.",  # a number inside a name
    "Russia deployed S-400 systems.",  # a model name
    "Call 020 7946 0958 for details.",  # a phone number
    "No one knows what Russia is planning.",  # the pronoun "one"
    "Page 2 of the report was missing.",  # page furniture
])
def test_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_offsets_point_into_the_text() -> None:
    text = "Officials said more than 130,000 Russian troops were massed."
    f = one(text)
    assert text[f.start:f.end] == f.text == "more than 130,000 Russian troops"
    assert f.subject_start is not None and f.subject_end is not None
    assert text[f.subject_start:f.subject_end] == f.subject


def test_contract_dict_has_the_contract_fields() -> None:
    data = one("Russia has massed some 100,000 troops.").to_dict()
    assert {"start", "end", "text", "value", "unit", "subject", "qualifier"} <= data.keys()
    assert data["value"] == 100_000 and isinstance(data["value"], int)
