"""One event counted once: merging reports across outlets and days, and the pair series."""

from __future__ import annotations

from typing import Any

from storyline.analyze.events import find_events
from storyline.synthesize.events import merge_events, pair_series, story_events, trend


def report(kind: str, actor: str, recipient: str | None, date: str, evidence: str, *,
           date_from: str = "text", score: float = 2.5) -> dict[str, Any]:
    return {"start": 0, "end": len(evidence), "date": date, "type": kind, "mode": None, "actor": actor,
            "recipient": recipient, "score": score, "actor_country": actor, "recipient_country": recipient,
            "evidence": evidence, "date_from": date_from, "trigger": "call", "goldstein": 1.0}


def test_ten_outlets_reporting_one_call_give_one_event() -> None:
    # Why: the same Putin-Macron call, dated from the text by every outlet, is one event with ten sources.
    reports = [(f"outlet-{i}", [report("CONSULT", "RUS", "FRA", "2022-01-28",
                                       f"Putin told Macron in a phone call (version {i})")]) for i in range(10)]
    merged = merge_events(reports)
    assert len(merged) == 1
    assert merged[0]["reports"] == 10 and len(merged[0]["articles"]) == 10


def test_ten_outlets_through_the_analyzer() -> None:
    # Why: end to end, wordings differ but type, actors and day agree.
    texts = [
        "Russian President Vladimir Putin held a phone call with French President Emmanuel Macron on Friday.",
        "Putin and Macron spoke by phone on Friday, the Kremlin said.",
        "On Friday, Russian President Vladimir Putin had a telephone conversation with Emmanuel Macron.",
    ] * 4
    reports = [(f"a{i}", find_events(t, published="2022-01-29")) for i, t in enumerate(texts[:10])]
    calls = [e for e in merge_events(reports) if e["type"] == "CONSULT"]
    assert len(calls) == 1
    assert calls[0]["date"] == "2022-01-28" and calls[0]["reports"] == 10


def test_repeated_on_a_later_day_is_the_same_event() -> None:
    # Why: an article of the next day that mentions the call without a date is dated by its publication day;
    # within a few days and with the same wording it is the same call, not a second one.
    first = report("CONSULT", "RUS", "FRA", "2022-01-28", "Putin's phone call with Macron")
    later = report("CONSULT", "RUS", "FRA", "2022-01-30", "the phone call between Putin and Macron",
                   date_from="published")
    assert len(merge_events([("a", [first]), ("b", [later])])) == 1


def test_different_days_or_actors_stay_apart() -> None:
    # Why: two calls on two dated days, or a call with another leader, are separate events.
    monday = report("CONSULT", "USA", "UKR", "2022-02-13", "Biden spoke with Zelensky")
    later = report("CONSULT", "USA", "UKR", "2022-02-20", "Biden spoke with Zelensky")
    other = report("CONSULT", "USA", "RUS", "2022-02-13", "Biden spoke with Putin")
    assert len(merge_events([("a", [monday, later, other])])) == 3


def test_unknown_recipient_joins_the_known_one() -> None:
    # Why: "during Friday's call, Putin said ..." names no partner; it is the call another outlet names.
    full = report("CONSULT", "RUS", "FRA", "2022-01-28", "Putin's call with Macron")
    partial = report("CONSULT", "RUS", None, "2022-01-28", "during Friday's call, Putin said")
    merged = merge_events([("a", [partial]), ("b", [full])])
    assert len(merged) == 1 and merged[0]["recipient_country"] == "FRA"


def test_pair_series_per_day_and_trend() -> None:
    events = [
        report("CONSULT", "RUS", "UKR", "2022-01-10", "talks", score=2.5),
        report("MOBILIZE", "RUS", "UKR", "2022-01-20", "troops massed", score=-5.5),
        report("ASSAULT", "RUS", "UKR", "2022-01-24", "attack", score=-9.0),
        report("THREATEN", "USA", "RUS", "2022-01-20", "sanctions threatened", score=-3.5),
    ]
    series = pair_series(merge_events([("a", events)]))
    points = series[("RUS", "UKR")]
    assert [p["date"] for p in points] == ["2022-01-10", "2022-01-20", "2022-01-24"]
    assert points[1]["score_sum"] == -5.5 and points[1]["events"] == 1
    assert trend(points) == "escalation"
    assert ("USA", "RUS") in series


def test_story_events_block() -> None:
    articles = [{"id": "a", "events": [report("AID", "GBR", "UKR", "2022-01-17", "weapons sent", score=10.0)]},
                {"id": "b", "events": [report("AID", "GBR", "UKR", "2022-01-17", "Britain sends weapons",
                                              score=10.0)]}]
    block = story_events(articles)
    assert len(block["events"]) == 1 and block["events"][0]["articles"] == ["a", "b"]
    assert block["series"][0]["actor"] == "GBR" and block["series"][0]["recipient"] == "UKR"
