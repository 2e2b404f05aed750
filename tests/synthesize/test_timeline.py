"""The story timeline over small articles written by the test (no language model needed: the analysis is
the time expressions, with no entities), and once over the bundled sample corpus."""

from __future__ import annotations

import re
from typing import Any

import pytest

from storyline.analyze.times import find_times
from storyline.records import Article
from storyline.sample import sample_corpus
from storyline.synthesize.timeline import LABEL_CHARS, story_timeline
from storyline.synthesize.timeline_published import infer_published, with_inferred_published

FRIDAY = "2022-03-04"
SATURDAY = "2022-03-05"


def article(aid: str, text: str, published: str | None) -> Article:
    return Article(id=aid, source_id=aid, text=text, published=published)


def pair(a: Article) -> tuple[Article, dict[str, Any]]:
    return a, {"times": [t.to_dict() for t in find_times(a.text, a.published)], "entities": [], "quotes": []}


def timeline(*articles: Article) -> list[dict[str, Any]]:
    return story_timeline([pair(a) for a in articles])


def on(entries: list[dict[str, Any]], date: str) -> list[dict[str, Any]]:
    return [e for e in entries if e["date"] == date]


def test_same_event_in_different_words_is_one_entry_with_both_sources() -> None:
    a = article("a", "The foreign ministers of Ruritania and Freedonia signed a grain export agreement in Istanbul "
                     "on Friday, officials said.\n\nSeparately, Freedonia's army held artillery drills near the "
                     "northern border on Thursday.", FRIDAY)
    b = article("b", "Freedonia's and Ruritania's top diplomats on Friday put their signatures to a deal reopening "
                     "grain exports, at a ceremony in Istanbul.", SATURDAY)
    entries = timeline(a, b)
    friday = on(entries, "2022-03-04")
    assert len(friday) == 1
    assert friday[0]["article_ids"] == ["a", "b"]
    assert {s["article_id"] for s in friday[0]["sources"]} == {"a", "b"}
    assert [e["date"] for e in entries] == ["2022-03-03", "2022-03-04"]  # the drills stay apart, sorted first


def test_different_happenings_on_the_same_day_stay_apart() -> None:
    a = article("a", "Ruritania's parliament approved the new budget on Friday.\n\n"
                     "Freedonia's navy held exercises in the Black Sea on Friday.", FRIDAY)
    assert len(on(timeline(a), "2022-03-04")) == 2


def test_planned_until_one_report_says_it_happened() -> None:
    before = article("a", "The ministers will sign the grain agreement in Istanbul on Friday.", "2022-03-01")
    after = article("b", "The ministers signed the grain agreement in Istanbul on Friday.", SATURDAY)
    [only_before] = on(timeline(before), "2022-03-04")
    assert only_before["planned"] is True
    [both] = on(timeline(before, after), "2022-03-04")
    assert both["planned"] is False and both["article_ids"] == ["a", "b"]


def test_month_grain_stays_a_month_and_sorts_at_its_start() -> None:
    a = article("a", "The ministers met in Istanbul on Friday.\n\nThey will meet again in Geneva next month.\n\n"
                     "Talks failed in 2014 when the first deal collapsed.", FRIDAY)
    entries = timeline(a)
    assert [(e["date"], e["grain"]) for e in entries] == [("2014", "year"), ("2022-03-04", "day"),
                                                          ("2022-04", "month")]
    assert entries[-1]["planned"] is True


def test_sources_point_into_their_article_and_labels_are_short() -> None:
    text = ("On Friday, the foreign ministers of Ruritania and Freedonia, after eleven hours of talks that went on "
            "through the night in a hotel by the Bosphorus, signed an agreement on grain exports and shipping.")
    a = article("a", text, FRIDAY)
    [entry] = timeline(a)
    assert len(entry["label"]) <= LABEL_CHARS + 1 and entry["label"].endswith("…")
    for s in entry["sources"]:
        assert a.text[s["start"] : s["end"]] == s["text"]


def test_undated_article_contributes_only_absolute_dates() -> None:
    a = article("a", "The ministers met in Istanbul on Friday. Talks began on March 1, 2022 in Geneva.", None)
    assert [e["date"] for e in timeline(a)] == ["2022-03-01"]


def test_precomputed_dated_field_is_used() -> None:
    a = article("a", "Anything.", FRIDAY)
    dated = [{"start": 0, "end": 9, "text": "Anything.", "date": "2022-03", "grain": "month",
              "date_from": "explicit", "mode": "done", "actors": [], "time": None}]
    [entry] = story_timeline([(a, {"dated": dated})])
    assert (entry["date"], entry["grain"], entry["article_ids"]) == ("2022-03", "month", ["a"])


@pytest.mark.timeout(300)
def test_sample_corpus_merges_the_reports_of_28_january() -> None:
    from storyline.pipeline import Cleaned, analyze_articles, clean_inputs

    articles = [c.article for c in clean_inputs([str(sample_corpus())]) if isinstance(c, Cleaned)]
    by_name = {a.source_id.rsplit("/", 1)[-1][:3]: a.id for a in articles}
    entries = story_timeline(list(zip(articles, analyze_articles(articles), strict=True)))
    panic = [e for e in on(entries, "2022-01-28") if any("need this panic" in s["text"] for s in e["sources"])]
    assert len(panic) == 1 and {by_name["000"], by_name["001"]} <= set(panic[0]["article_ids"])
    assert any(e["date"] == "2022-02-16" and e["planned"] for e in entries)


def test_same_person_doing_two_things_on_one_day_stays_two_entries() -> None:
    text = ("Putin met Lavrov in the Kremlin on Monday to discuss talks with the West.\n\n"
            "Putin spoke with Macron by phone on Monday about the crisis in Ukraine.")
    a = article("a", text, "2022-02-14")
    people = [{"start": m.start(), "end": m.end(), "text": m.group(0), "label": "PERSON", "canonical": m.group(0)}
              for m in re.finditer(r"Putin|Lavrov|Macron", text)]
    analysis = {"times": [t.to_dict() for t in find_times(text, a.published)], "entities": people, "quotes": []}
    entries = story_timeline([(a, analysis)])
    assert len(on(entries, "2022-02-14")) == 2
    assert all("Putin" in e["actors"] for e in entries)


def test_publication_date_is_inferred_from_the_story() -> None:
    dated = article("d", "The foreign ministers of Ruritania and Freedonia signed a grain export agreement in "
                         "Istanbul on Friday.", FRIDAY)
    undated = article("u", "Freedonia's and Ruritania's top diplomats on Friday put their signatures to a deal "
                           "reopening grain exports in Istanbul.", None)
    assert infer_published([dated, undated]) == {"u": FRIDAY}
    [same, estimated] = with_inferred_published([dated, undated])
    assert same is dated
    assert (estimated.published, estimated.published_from) == (FRIDAY, "inferred")
    assert infer_published([undated]) == {}  # nothing in the story to count from: stays unknown
