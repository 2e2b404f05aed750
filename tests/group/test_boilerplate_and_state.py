"""Boilerplate kept out of grouping, renamed places folded, thin articles left alone, the index saved and restored."""

from __future__ import annotations

from storyline.group import group_articles
from storyline.group.boilerplate import SentenceFreq, is_prompt
from storyline.group.state import dump_state, load_state
from storyline.group.stories import StoryIndex
from storyline.group.text import terms
from storyline.records import Article

PAYWALL = ("You have reached the limit for free access to our journalism. Subscribers, click below to log in or "
           "register your subscription to continue receiving unlimited access. Log In Sign Up")
TEMPLATE = "Follow the Valdremo Courier on every platform you use and stay on top of the stories of the day."


def _article(aid: str, text: str) -> Article:
    return Article(id=aid, source_id=aid, text=text)


def test_reader_prompts_are_recognised_and_news_sentences_are_not() -> None:
    assert is_prompt("Registered users can read up to 3 reports. Enter your details below for immediate access.")
    assert is_prompt("Subscribers, click below to log in and continue receiving unlimited access.")
    assert not is_prompt("The port authority said grain shipments would resume next week after a long halt.")


def test_two_unrelated_stubs_behind_the_same_paywall_are_not_one_story() -> None:
    first = _article("a1", f"Council approves new tram line budget\n{PAYWALL}")
    second = _article("a2", f"Snowmobile crashes into tree near lake\n{PAYWALL}")
    index, _ = group_articles([first, second])
    assert index.story_of("a1") != index.story_of("a2")
    assert index.entries["a2"].duplicate_of is None  # not taken for a copy with a new headline either


def test_a_sentence_repeated_across_the_stream_drops_out_of_later_articles() -> None:
    freq = SentenceFreq()
    for k in range(2):  # two reports may share a sentence: that is evidence, it stays
        split = freq.split(f"Report number {k} on the harbour works and its long delays.\n{TEMPLATE}")
        assert TEMPLATE in split.text
        freq.add(split.keys)
    split = freq.split(f"A report on the city budget and the new tram line.\n{TEMPLATE}")
    assert TEMPLATE not in split.text  # the third has it from a template
    assert "city budget" in split.text


def test_renamed_places_and_spellings_meet() -> None:
    assert terms("Kiev") == terms("Kyiv")
    assert terms("Zelenskiy") == terms("Zelenskyy") == terms("Zelensky")


def test_an_index_saved_and_restored_goes_on_exactly_as_one_that_never_stopped() -> None:
    texts = [
        ("Heavy rain floods the Orvale valley", "Heavy rain flooded villages in the Orvale valley overnight. The "
         "river Sennet burst its banks at Brückhof and residents were moved to the Brückhof sports hall."),
        ("Orvale dam under strain", "Engineers watched the Kessel dam on the river Sennet as water kept rising "
         "after the Orvale valley floods. Residents of Brückhof stayed in the sports hall overnight."),
        ("Kessel dam spillway opened", "Operators opened the Kessel dam spillway to relieve pressure on the "
         "Sennet. Governor Marta Lindqvist visited the dam and promised emergency funds for the valley."),
        ("Tallis quartet opens season", "The Tallis quartet opened the autumn season at the Meridian hall with "
         "three new works by young composers, and the audience called them back for two encores."),
    ]
    articles = [Article(id=f"a{k}", source_id=f"a{k}", text=body, title=title, published=f"2023-06-1{k}")
                for k, (title, body) in enumerate(texts)]
    whole, _ = group_articles(articles)
    half, _ = group_articles(articles[:2])
    restored = load_state(dump_state(half))
    assert isinstance(restored, StoryIndex)
    assert restored.boilerplate == half.boilerplate and restored.docfreq == half.docfreq
    assert restored.stories == half.stories and restored.entries == half.entries
    resumed, _ = group_articles(articles[2:], restored)
    assert dump_state(resumed) == dump_state(whole)
