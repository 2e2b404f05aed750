"""Duplicates and stories on short texts written here (no eval or corpus text)."""

from __future__ import annotations

import json
import random

from typer.testing import CliRunner

from storyline.cli.app import app
from storyline.group import StoryIndex, group_articles, story_records
from storyline.group.duplicates import DuplicateIndex, duplicate_groups
from storyline.records import Article

WIRE = [
    "The port authority of Valdremo said on Tuesday that grain shipments through the northern terminal would "
    "resume next week after a three-month halt caused by a dispute over inspection fees.",
    "Harbour master Ilse Kornfeld told reporters that the first convoy of twelve bulk carriers was expected to "
    "leave the terminal on Monday, escorted by coastguard vessels from the Valdremo fleet.",
    "The dispute began in March when the shipping union refused to pay the new inspection fees, which it "
    "called unlawful, and blocked access to the loading cranes for several weeks.",
    "Traders welcomed the announcement and wheat futures fell by two percent in early trading on Wednesday.",
    "A spokesman for the union said its members would keep watching the deal closely in the coming months.",
]


def test_wire_copy_with_new_headline_trimmed_ending_and_byline_is_one_duplicate_group() -> None:
    original = "Grain shipments to resume at Valdremo port\n\n" + "\n\n".join(WIRE)
    copy = ("Valdremo terminal reopens for grain convoys\n\nBy Agency Staff\n\n"
            + "\n\n".join(WIRE[:3]).replace("on Tuesday", "late on Tuesday").replace("twelve", "12"))
    other = ("Ilse Kornfeld, the harbour master of Valdremo, opened a new museum of the fleet on Sunday, with "
             "old charts, ship models and a restored pilot boat on display for visitors and school groups.")
    index = DuplicateIndex()
    assert index.add("a1", original) is None
    assert index.add("a2", copy) == "a1"
    assert index.add("a3", other) is None
    assert index.add("a4", original.replace("\n\n", "\n").upper()) == "a1"  # exact copy up to case and spacing
    assert duplicate_groups(index, ["a1", "a2", "a3", "a4"]) == [["a1", "a2", "a4"]]


def _article(aid: str, text: str, published: str | None, title: str | None = None) -> Article:
    return Article(id=aid, source_id=aid, text=text, title=title, published=published)


def test_two_knife_attacks_a_month_apart_in_different_cities_are_two_stories() -> None:
    first = [
        _article("a1", "A man was stabbed outside a supermarket in Lindenfeld on Saturday evening. Police arrested "
                 "a 34-year-old suspect near the Marktplatz station and said the knife attack followed a quarrel. "
                 "The victim, Jonas Weber, is in hospital in a stable condition.", "2023-03-04",
                 "Man stabbed outside Lindenfeld supermarket"),
        _article("a2", "Lindenfeld police charged a 34-year-old man over the stabbing of Jonas Weber outside a "
                 "supermarket near Marktplatz station. Weber remains in hospital; the knife was found in a bin.",
                 "2023-03-05", "Suspect charged over Lindenfeld stabbing"),
    ]
    second = [
        _article("b1", "Two people were injured in a knife attack at a bus stop in Port Casimir on Tuesday. Police "
                 "arrested a teenager at the Harbour Road terminal; the victims, Ana Duarte and her brother Rui, "
                 "were taken to hospital.", "2023-04-04", "Two hurt in Port Casimir knife attack"),
        _article("b2", "A 17-year-old appeared in court in Port Casimir charged with wounding Ana and Rui Duarte in "
                 "the knife attack at the Harbour Road bus stop. Police said the suspect knew the victims.",
                 "2023-04-05", "Teenager in court over Port Casimir knife attack"),
    ]
    index, _ = group_articles(first + second)
    assert index.story_of("a1") == index.story_of("a2")
    assert index.story_of("b1") == index.story_of("b2")
    assert index.story_of("a1") != index.story_of("b1")


# Day by day: each report shares names with the day before; day 1 and day 5 share almost nothing.
FIVE_DAYS = [
    ("Heavy rain floods the Orvale valley", "Heavy rain flooded villages in the Orvale valley overnight. The river "
     "Sennet burst its banks at Brückhof and hundreds of residents were moved to the Brückhof sports hall."),
    ("Orvale dam under strain as Sennet rises", "Engineers watched the Kessel dam on the river Sennet as water "
     "kept rising after the Orvale valley floods. Residents of Brückhof stayed in the sports hall overnight."),
    ("Kessel dam spillway opened", "Operators opened the Kessel dam spillway to relieve pressure on the Sennet. "
     "Governor Marta Lindqvist visited the dam and promised emergency funds for the valley."),
    ("Lindqvist announces flood fund", "Governor Marta Lindqvist announced a 40 million flood fund and said "
     "the Kessel dam had held. Insurers began sending assessors to damaged farms."),
    ("Insurers count cost of floods", "Insurers said claims from farms and homeowners would pass 90 million. "
     "Assessors sent by the insurers expect payments under Lindqvist's fund to begin in autumn."),
]


def _five_day_articles() -> list[Article]:
    return [_article(f"d{k}", body, f"2023-06-{10 + k:02d}", title) for k, (title, body) in enumerate(FIVE_DAYS)]


def test_five_day_story_connected_through_the_days_between_is_one_story() -> None:
    articles = _five_day_articles()
    index, _ = group_articles(articles)
    assert len({index.story_of(a.id) for a in articles}) == 1
    alone, _ = group_articles([articles[0], articles[-1]])
    assert alone.story_of("d0") != alone.story_of("d4")  # first and last alone share too little


def _partition(index: StoryIndex, ids: list[str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for aid in ids:
        groups.setdefault(index.story_of(aid), set()).add(aid)
    return {frozenset(g) for g in groups.values()}


def test_grouping_is_deterministic_and_nearly_order_free() -> None:
    concert = _article("x1", "The Tallis quartet opened the autumn season at the Meridian hall with three new "
                       "works by young composers, and the audience called them back for two encores.", "2023-06-11")
    articles = [*_five_day_articles(), concert]
    ids = [a.id for a in articles]
    first, _ = group_articles(articles)
    again, _ = group_articles(articles)
    assert {s: st.members for s, st in first.stories.items()} == {s: st.members for s, st in again.stories.items()}
    shuffled = articles[:]
    random.Random(5).shuffle(shuffled)
    other, _ = group_articles(shuffled)
    assert _partition(first, ids) == _partition(other, ids)


def test_cli_stories_json_puts_every_article_in_exactly_one_story(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for k, (title, body) in enumerate(FIVE_DAYS):
        (tmp_path / f"day{k}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        (tmp_path / f"day{k}.meta.json").write_text(json.dumps({"published": f"2023-06-{10 + k:02d}"}))
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "db.sqlite"), "stories", str(tmp_path),
                                      "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    stories = json.loads(result.output)["stories"]
    seen = [a["id"] for s in stories for a in s["articles"]]
    assert len(seen) == len(set(seen)) == 5
    assert {"id", "title", "articles", "duplicates", "timeline", "quotes", "figures", "events", "coverage",
            "summary"} <= set(stories[0])
    table = CliRunner().invoke(app, ["--db", str(tmp_path / "db.sqlite"), "stories", str(tmp_path)])
    assert table.exit_code == 0
    assert "Orvale" in table.output or "Kessel" in table.output


def test_a_story_is_titled_by_a_headline_not_a_lead_sentence() -> None:
    # The wire report has no headline; whichever article is most central, the story's title is a headline.
    body = ("The mayor of Lyon said on Monday that the tram strike would end after drivers accepted a new pay offer "
            "from the city transport authority, ending two weeks of disruption.")
    untitled = _article("a1", body, "2022-03-07")
    titled = _article("a2", body + " Unions said they would sign the deal on Tuesday.", "2022-03-07",
                      title="Lyon tram strike ends after pay deal")
    [story] = story_records([untitled, titled])
    assert story["title"] == "Lyon tram strike ends after pay deal"
