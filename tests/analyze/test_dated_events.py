"""Dated events: inline sentences with a fixed publication date (or none), entities written by the test."""

from __future__ import annotations

from typing import Any

from storyline.analyze.dated import dated_events
from storyline.analyze.dated_units import split_units
from storyline.analyze.times import find_times

FRIDAY = "2022-01-28"
TUESDAY = "2022-01-18"
NAMES = {"Lavrov": "PERSON", "Sergei Lavrov": "PERSON", "Biden": "PERSON", "Zelensky": "PERSON",
         "Blinken": "PERSON", "Kremlin": "ORG", "Russia": "GPE", "Kyiv": "GPE", "Belarus": "GPE"}


def entities(text: str) -> list[dict[str, Any]]:
    """Every occurrence of a known name, longest first, as the analysis would give them."""
    out: list[dict[str, Any]] = []
    for name in sorted(NAMES, key=len, reverse=True):
        at = text.find(name)
        while at >= 0:
            if not any(e["start"] <= at < e["end"] for e in out):
                out.append({"start": at, "end": at + len(name), "text": name, "label": NAMES[name],
                            "canonical": "Sergei Lavrov" if name == "Lavrov" else name})
            at = text.find(name, at + 1)
    return sorted(out, key=lambda e: e["start"])


def events(text: str, published: str | None) -> list[dict[str, Any]]:
    return dated_events(text, find_times(text, published), entities(text), published)


def one(text: str, published: str | None, needle: str) -> dict[str, Any]:
    hits = [e for e in events(text, published) if needle in e["text"]]
    assert len(hits) == 1, hits
    return hits[0]


def test_weekday_of_the_report_day_is_the_report_date() -> None:
    e = one("Sergei Lavrov said on Friday that talks would go on.", FRIDAY, "Lavrov")
    assert (e["date"], e["grain"], e["date_from"], e["mode"]) == ("2022-01-28", "day", "explicit", "done")
    assert e["time"]["text"] == "Friday"


def test_weekday_in_the_past() -> None:
    e = one("Biden told Zelensky on Thursday that an invasion was possible.", FRIDAY, "Biden")
    assert (e["date"], e["mode"]) == ("2022-01-27", "done")
    assert {a["name"] for a in e["actors"]} == {"Biden", "Zelensky"}


def test_weekday_in_the_future_is_planned() -> None:
    e = one("Blinken will meet Zelensky in Kyiv on Monday to discuss the crisis.", FRIDAY, "Blinken")
    assert (e["date"], e["mode"]) == ("2022-01-31", "planned")


def test_announced_meeting_is_planned_and_the_announcement_done() -> None:
    text = "The ministry announced that Blinken would fly to Kyiv and meet Zelensky on Wednesday."
    e = one(text, TUESDAY, "Blinken")
    assert (e["date"], e["mode"]) == ("2022-01-19", "planned")


def test_date_after_the_report_is_planned_without_a_future_verb() -> None:
    e = one("Zelensky said February 16 would be a day of national unity.", "2022-02-14", "Zelensky")
    assert (e["date"], e["mode"]) == ("2022-02-16", "planned")


def test_since_is_ongoing_and_a_year_stays_a_year() -> None:
    e = one("Kyiv has been at war with separatists since 2014.", TUESDAY, "Kyiv")
    assert (e["date"], e["grain"], e["mode"]) == ("2014", "year", "ongoing")


def test_quotation_continuing_a_dated_sentence_takes_its_date() -> None:
    text = "Sergei Lavrov said on Friday that talks would go on.\n\n“We don't want wars,” he said."
    found = events(text, FRIDAY)
    assert [(e["date"], e["date_from"]) for e in found] == [("2022-01-28", "explicit"), ("2022-01-28", "context")]
    assert found[1]["text"] == "“We don't want wars,” he said."


def test_undated_lead_sentence_in_the_perfect_takes_the_report_date() -> None:
    e = one("The Kremlin has said the response leaves little ground for optimism.", "2022-01-27", "Kremlin")
    assert (e["date"], e["date_from"], e["mode"]) == ("2022-01-27", "report", "done")
    assert e["time"] is None


def test_times_inside_a_quotation_are_the_speaker_s_not_the_report_s() -> None:
    found = events("“They just say that tomorrow there will be war,” Zelensky said.", FRIDAY)
    assert all(e["date"] != "2022-01-29" for e in found)


def test_vague_past_is_background_and_a_modifier_year_dates_nothing() -> None:
    assert events("In recent weeks, Russia has moved troops into Belarus.", FRIDAY) == []
    assert all(e["date"] != "1997" for e in events("Russia wants Nato back to the 1997 borders, Lavrov said.", FRIDAY))


def test_unknown_publication_date_leaves_relative_dates_undated() -> None:
    text = "Sergei Lavrov said on Friday that talks would go on. The ministers met in Geneva on January 21, 2022."
    found = events(text, None)
    assert [(e["date"], e["date_from"]) for e in found] == [("2022-01-21", "explicit")]


def test_spans_point_into_the_text() -> None:
    text = "Biden told Zelensky on Thursday that an invasion was possible. U.S. officials said Russia was ready."
    for e in events(text, FRIDAY):
        assert text[e["start"] : e["end"]] == e["text"]
        for actor in e["actors"]:
            assert text[actor["start"] : actor["end"]] == actor["text"]


def test_units_keep_a_quotation_whole_and_skip_abbreviations() -> None:
    text = "“If it depends on Russia, there will be no war. We don't want wars,” Lavrov said. U.S. Gen. Smith left."
    assert [text[s:e] for s, e in split_units(text)] == [
        "“If it depends on Russia, there will be no war. We don't want wars,” Lavrov said.", "U.S. Gen. Smith left."]
