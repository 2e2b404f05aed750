"""Speakers that are not the plain subject of 'said', and reported speech that is not speech.

One small inline text per phenomenon: what is expected, and why.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

Analyze = Callable[[str], list[dict[str, Any]]]



def _one(found: list[dict[str, Any]], words: str) -> dict[str, Any]:
    hits = [q for q in found if words in q["text"]]
    assert hits, f"no quote with {words!r} in {[q['text'] for q in found]}"
    return hits[0]


def _speaker(q: dict[str, Any]) -> str | None:
    return (q["speaker"] or {}).get("name")


def test_subject_inside_the_quote_is_not_the_speaker(quotes: Analyze) -> None:
    # the parser hangs 'One' (a word of the quote) on 'said' as a second subject; the speaker is outside
    text = "“One of the brightest members of the entire Congress,” Rep. Elijah E. Cummings (D-Md.) said Friday."
    assert _speaker(_one(quotes(text), "brightest")) == "Elijah E. Cummings"


def test_words_after_a_full_stop_are_a_new_sentence(quotes: Analyze) -> None:
    # '“… smart.” Trump was …' — the next sentence's 'said' (an architect's) does not frame the quote
    text = ("Donald Trump boasted, “That makes me smart.” Trump was defensive about an architect who said he "
            "was stiffed.")
    assert _speaker(_one(quotes(text), "makes me smart")) == "Donald Trump"


def test_name_then_cue_after_the_quote(quotes: Analyze) -> None:
    # '“…,” Tulsa police Chief Chuck Jordan said Monday': a title and a name between the quote and its cue
    text = "“We will achieve justice in this case,” Tulsa police Chief Chuck Jordan said Monday."
    assert _speaker(_one(quotes(text), "achieve justice")) == "Chuck Jordan"


def test_participle_of_a_named_person(quotes: Analyze) -> None:
    # an ad showing a person speaking: the person speaks, not the ad
    text = "The ad uses footage of Hillary Clinton asking, “Why aren’t I 50 points ahead, you might ask?”"
    assert _speaker(_one(quotes(text), "50 points ahead")) == "Hillary Clinton"


def test_opening_mark_hung_on_the_previous_sentence(quotes: Analyze) -> None:
    # 'so. “I …' — the sentence before the quote is not its frame; both parts are one direct quote
    text = ("Kevin McKinley wrote a book about saving. Harsh? He doesn't think so. “I don't judge what people "
            "choose to spend money on,” he said. “But most people wish they could go back and change it.”")
    q = _one(quotes(text), "I don't judge")
    assert q["kind"] == "direct" and _speaker(q) == "Kevin McKinley" and "most people" in q["text"]


@pytest.mark.parametrize(("text", "who"), [
    ("“Why isn’t this proof that the bank is too big to manage?” David Vitter demanded.", "David Vitter"),
    ("“We see charter schools offering parents of color hope for the future,” the letter reads.", "the letter"),
])
def test_manner_of_speaking_and_text_verbs(quotes: Analyze, text: str, who: str) -> None:
    q = next(q for q in quotes(text) if q["kind"] == "direct")
    assert _speaker(q) == who


def test_noun_cue_with_a_possessor(quotes: Analyze) -> None:
    # 'Trump's claim that …' attributes the clause to Trump, with the noun as the cue
    q = _one(quotes("Politifact checked Donald Trump’s claim that there have been thousands of shootings in "
                    "Chicago this year."), "thousands of shootings")
    assert q["kind"] == "indirect" and q["cue"] == "claim" and _speaker(q) == "Donald Trump"


def test_warnings_from_x_are_not_the_subjects_speech(quotes: Analyze) -> None:
    # 'warnings from Washington that …' are Washington's; a meeting 'suggesting otherwise' says nothing, and
    # Putin, named inside 'the meeting between Mr Putin and …', is not its speaker
    text = ("Despite warnings from Washington, London and elsewhere that Russian troops could move on Ukraine at "
            "any moment, Monday’s meeting between Mr Putin and foreign minister Sergey Lavrov suggested otherwise.")
    found = quotes(text)
    assert not any("Putin" in (_speaker(q) or "") or "Lavrov" in (_speaker(q) or "") for q in found)
    assert _speaker(_one(found, "troops could move")) == "Washington"


def test_according_to_relays_the_reported_speaker(quotes: Analyze) -> None:
    # 'A told B that “…,” according to X': X is the source, relaying A
    text = ("US president Joe Biden told Volodymyr Zelenskiy on Thursday that “there is a distinct possibility "
            "that the Russians could invade Ukraine in February,” according to spokeswoman Emily Horne.")
    q = _one(quotes(text), "distinct possibility")
    assert _speaker(q) == "Emily Horne" and q.get("relays") == "Joe Biden"


def test_parenthetical_attribution(quotes: Analyze) -> None:
    # 'The museum, Mr. Bush said, celebrated …': the attribution sits inside the clause it reports
    q = _one(quotes("George W. Bush spoke. The museum, Mr. Bush said, celebrated several of his heroes, including "
                    "Chuck Berry."), "celebrated")
    assert q["kind"] == "indirect" and _speaker(q) == "George W. Bush"


def test_clause_after_the_cue_is_the_report(quotes: Analyze) -> None:
    # 'It's unlikely; Clinton's team says she'll continue': what the team says is the second clause
    found = quotes("It’s an extremely unlikely scenario; the campaign team says she will continue her march toward "
                   "Election Day later this week.")
    q = next(q for q in found if q["cue"] == "says")
    assert "continue her march" in q["text"] and "unlikely" not in q["text"]


def test_addressee_is_not_the_content(quotes: Analyze) -> None:
    found = quotes("Barack Obama told his advisers to figure out how to cut emissions without Congress.")
    q = next(q for q in found if q["cue"] == "told")
    assert "figure out" in q["text"] and "advisers" not in q["text"]


def test_title_in_marks_is_not_a_quote(quotes: Analyze) -> None:
    # the name of a show after 'on' is not words anyone said
    found = quotes("Mike Pence said on “Fox News Sunday” that Donald Trump was only joking about the debate.")
    assert not any(q["text"].startswith("Fox News Sunday") for q in found)


def test_pronoun_gender_from_the_given_name(quotes: Analyze) -> None:
    # 'she' skips the nearer John Kirby: Emily is a woman's name
    text = "Emily Horne met John Kirby on Monday. “We are ready for any outcome of the talks,” she said."
    assert _speaker(_one(quotes(text), "ready for any outcome")) == "Emily Horne"


def test_new_speaker_in_a_continued_quote_paragraph(quotes: Analyze) -> None:
    # a paragraph left open, then a new paragraph with its own attribution: a new quote of a new speaker
    text = ("“This is a dog whistle to all Americans,” Rep. Gwen Moore said Friday. “If indeed he is not "
            "legitimate, how can you feel good about yourself.\n“I have been doing a lot of thinking about where "
            "we are as a country,” added Rep. Jim Clyburn. “These are howls.”")
    assert _speaker(_one(quotes(text), "a lot of thinking")) == "Jim Clyburn"


def test_a_date_is_not_a_speaker(quotes: Analyze) -> None:
    # a date parsed as the subject of a cue ('February 16 ... calling') never speaks
    found = quotes("Mr Zelensky declared February 16 a day of national unity, calling on the country to display "
                   "flags.")
    assert not any((q["speaker"] or {}).get("text", "").startswith("February") for q in found)
