"""The story view over small articles written by the test: every section filled, every entry traced to its
articles, a wire group counted once, disagreements between outlets found."""

from __future__ import annotations

from typing import Any

from storyline.analyze.figures import find_figures
from storyline.analyze.times import find_times
from storyline.records import Article
from storyline.synthesize.coverage import date_disagreements, outlet_label
from storyline.synthesize.quotes_view import story_quotes
from storyline.synthesize.story import build_story

LEAD = ("Ruritania has massed {n} troops near the Freedonian border, officials said on {day}, as talks on a "
        "grain export agreement stalled in Istanbul.")
QUOTE = "“We will not be intimidated by these manoeuvres on our border,” {who} said."


def article(aid: str, outlet: str | None, published: str, text: str, url: str | None = None) -> Article:
    return Article(id=aid, source_id=f"{aid}.txt", text=text, outlet=outlet, published=published, url=url,
                   title=f"Title of {aid}")


def quote_of(text: str, speaker: str) -> dict[str, Any]:
    start = text.index("“") + 1
    end = text.index("”")
    return {"start": start, "end": end, "text": text[start:end], "kind": "direct", "cue": "said",
            "speaker": {"name": speaker, "start": end + 3, "end": end + 3 + len(speaker), "text": speaker}}


def analysis(a: Article, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"entities": [], "quotes": quotes, "times": [t.to_dict() for t in find_times(a.text, a.published)],
            "figures": [f.to_dict() for f in find_figures(a.text)]}


def story() -> tuple[dict[str, Any], list[Article], list[dict[str, Any]]]:
    text_a = LEAD.format(n="100,000", day="Monday") + "\n\n" + QUOTE.format(who="Freedonia's president Ana Lind")
    text_b = text_a  # a wire copy of a, re-published by another outlet
    text_c = LEAD.format(n="130,000", day="Monday") + "\n\n" + QUOTE.format(who="Freedonia's defence minister Bo Berg")
    text_d = ("Ruritania and Freedonia signed a grain export agreement in Istanbul on Friday, ending the stand-off "
              "on the border.")
    arts = [article("a", "Wire One", "2022-03-07", text_a, "https://wire.example/a"),
            article("b", "Daily Two", "2022-03-07", text_b),
            article("c", "Herald Three", "2022-03-07", text_c),
            article("d", None, "2022-03-11", text_d)]
    analyses = [analysis(arts[0], [quote_of(text_a, "Ana Lind")]), analysis(arts[1], [quote_of(text_b, "Ana Lind")]),
                analysis(arts[2], [quote_of(text_c, "Bo Berg")]), analysis(arts[3], [])]
    record = {"id": "s1", "title": "Ruritania masses troops", "duplicates": [["a", "b"]],
              "articles": [{"id": a.id, "source_id": a.source_id, "outlet": a.outlet, "published": a.published}
                           for a in arts]}
    return record, arts, analyses


def test_every_section_is_filled_and_every_entry_names_its_articles() -> None:
    record, arts, analyses = story()
    view = build_story(record, arts, analyses)
    ids = {a.id for a in arts}
    for name in ("timeline", "quotes", "figures", "coverage", "summary"):
        assert view[name], name
    for entry in view["timeline"] + view["quotes"] + view["coverage"] + view["summary"]:
        assert entry["article_ids"] and set(entry["article_ids"]) <= ids
    for series in view["figures"]:
        assert set(series["articles"]) <= ids
    assert [a["label"] for a in view["articles"]] == ["Wire One", "Daily Two", "Herald Three", "unnamed source (d.txt)"]
    assert view["articles"][1]["copy_of"] == "a"


def test_the_same_quote_from_two_outlets_is_one_entry_and_different_speakers_are_a_disagreement() -> None:
    record, arts, analyses = story()
    view = build_story(record, arts, analyses)
    lind = next(g for g in view["quotes"] if g["speaker"] == "Ana Lind")
    assert len(lind["quotes"]) == 1 and lind["quotes"][0]["article_ids"] == ["a", "b"]
    speakers = [d for d in view["disagreements"] if d["kind"] == "speaker"]
    assert speakers and {p["speaker"] for p in speakers[0]["attributions"]} == {"Ana Lind", "Bo Berg"}


def test_a_wire_group_counts_once_and_contradicting_figures_are_flagged() -> None:
    record, arts, analyses = story()
    view = build_story(record, arts, analyses)
    lind_row = next(r for r in view["coverage"] if r["kind"] == "quote" and "Ana Lind" in r["label"])
    assert lind_row["outlets"] == ["Daily Two", "Wire One"]
    assert lind_row["reports"] == 1 and lind_row["exclusive"]  # the wire and its copy are one report
    figures = [d for d in view["disagreements"] if d["kind"] == "figure"]
    assert figures and set(figures[0]["article_ids"]) >= {"c"}


def test_summary_cites_copies_of_the_wire_story() -> None:
    record, arts, analyses = story()
    view = build_story(record, arts, analyses)
    assert view["summary"][0]["article_id"] == "d"  # the latest development first
    wire = [s for s in view["summary"] if s["article_id"] == "a"]
    assert all("b" in s["article_ids"] for s in wire)


def test_quotes_by_speaker_without_disagreement_for_the_same_person() -> None:
    q1 = {"start": 0, "end": 60, "text": "we will not be intimidated by these manoeuvres on our border at all",
          "kind": "direct", "speaker": {"name": "Ana Lind"}}
    q2 = {**q1, "speaker": {"name": "Lind"}}
    speakers, disagreements = story_quotes({"x": [q1], "y": [q2]})
    assert disagreements == []
    assert len(speakers) == 2 or len(speakers[0]["quotes"]) == 1


def test_one_happening_with_two_stated_dates_is_a_date_disagreement() -> None:
    sentence = "Ruritania and Freedonia signed a grain export agreement in Istanbul, ending months of talks."
    timeline = [
        {"date": "2022-03-10", "grain": "day", "date_from": "explicit", "label": sentence,
         "sources": [{"article_id": "x", "start": 0, "end": len(sentence), "text": sentence}], "article_ids": ["x"]},
        {"date": "2022-03-11", "grain": "day", "date_from": "explicit", "label": sentence,
         "sources": [{"article_id": "y", "start": 0, "end": len(sentence), "text": sentence}], "article_ids": ["y"]},
    ]
    [d] = date_disagreements(timeline)
    assert {x["date"] for x in d["dates"]} == {"2022-03-10", "2022-03-11"}


def test_outlet_label_falls_back_to_the_site_then_the_file() -> None:
    assert outlet_label(Article(id="x", source_id="/a/b.txt", text="t", url="https://www.news.example/x")) == \
        "news.example"
    assert outlet_label(Article(id="x", source_id="/a/b.txt", text="t")) == "unnamed source (b.txt)"
