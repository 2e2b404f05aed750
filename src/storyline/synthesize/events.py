"""One event, counted once: merging event reports across articles and days, and the pair series of a story.

Event data built from news counts reports, not events: GDELT's known inflation is ten outlets reporting one
phone call as ten calls. Here reports are merged before anything is counted. Two reports are one event when
they have the same PLOVER type, the same actor, compatible recipients (equal, or one unknown), and the
same date, and their wording is alike:

- the date: both resolved from the text to the same day (one day apart allowed, for time zones and
  "late on Friday" against "on Saturday"), or one of them dated only by its article's publication day
  (it reports a past event without saying when) and the two within `PUBLISHED_WINDOW` days of each other;
- the wording: content-word overlap of the two evidence spans, or the same trigger word. Same day, type and
  actors is enough on its own when both dates come from the text (two outlets never say the same thing of
  the same actors on the same day about two different events of one type often enough to matter).

`pair_series` then gives, per (actor country -> recipient country), one point per day with the number of
merged events and their summed and mean PLOVER scores (and Goldstein), which shows escalation (falling)
or détente (rising); `trend` sums a series up in one word.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date as Date
from typing import Any

# A report dated only by its publication day may describe an event up to this many days earlier.
PUBLISHED_WINDOW = 3
# Days two text-dated reports of one event may differ by (time zones, "overnight").
TEXT_WINDOW = 1
# Share of content words two evidence spans must share to be the same event when dates alone can't tell.
MIN_OVERLAP = 0.2
# A change of mean score between the first and the second half of a series smaller than this is noise.
TREND_THRESHOLD = 1.0
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP = frozenset({"the", "a", "an", "of", "to", "in", "on", "and", "with", "for", "that", "its", "his", "her",
                   "their", "has", "have", "had", "was", "were", "is", "are", "be", "by", "at", "as", "from",
                   "said", "mr", "would", "will", "it", "they", "he", "she"})


def _day(value: str | None) -> Date | None:
    if not value or len(value) < 10:
        return None
    try:
        return Date.fromisoformat(value[:10])
    except ValueError:
        return None


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)} - _STOP


def _key(event: dict[str, Any], role: str) -> str | None:
    code = event.get(f"{role}_country")
    name = event.get(role)
    return str(code) if code else (str(name).lower() if name else None)


def _compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["type"] != b["type"] or _key(a, "actor") != _key(b, "actor"):
        return False
    ra, rb = _key(a, "recipient"), _key(b, "recipient")
    if ra and rb and ra != rb:
        return False
    da, db = _day(a.get("date")), _day(b.get("date"))
    both_text = a.get("date_from") == "text" and b.get("date_from") == "text"
    if da and db:
        window = TEXT_WINDOW if both_text else PUBLISHED_WINDOW
        if abs((da - db).days) > window:
            return False
    elif a.get("date") != b.get("date"):
        return False
    if both_text and da == db:
        return True
    wa, wb = _words(a.get("evidence", "")), _words(b.get("evidence", ""))
    overlap = len(wa & wb) / max(1, min(len(wa), len(wb)))
    return overlap >= MIN_OVERLAP or str(a.get("trigger", "")).lower() == str(b.get("trigger", "")).lower()


def merge_events(reports: Iterable[tuple[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """Merge the events of several articles (`(article id, events)` pairs) into one entry per event.

    Each merged event keeps the fields of its best-dated report (a date from the text beats the publication
    day), the union of known actor / recipient, and `sources`: every report with its article id, span and
    evidence. `reports` = number of reports merged.
    """
    flat: list[tuple[str, dict[str, Any]]] = [(aid, e) for aid, events in reports for e in events]
    flat.sort(key=lambda item: (item[1].get("date_from") != "text", item[1].get("date") or "", item[0]))
    merged: list[dict[str, Any]] = []
    for article_id, event in flat:
        source = {"article": article_id, "start": event["start"], "end": event["end"],
                  "evidence": event.get("evidence"), "date": event.get("date")}
        for entry in merged:
            if _compatible(entry, event):
                entry["sources"].append(source)
                entry["reports"] += 1
                for role in ("recipient", "actor"):
                    if entry.get(role) is None and event.get(role) is not None:
                        for suffix in ("", "_country", "_sector"):
                            entry[role + suffix] = event.get(role + suffix)
                break
        else:
            entry = {k: v for k, v in event.items() if k not in ("main", "sentence")}
            entry["sources"] = [source]
            entry["reports"] = 1
            merged.append(entry)
    for entry in merged:
        entry["articles"] = sorted({s["article"] for s in entry["sources"]})
    return merged


def pair_series(merged: Iterable[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Per (actor code, recipient code), one point per day: merged events, summed / mean PLOVER score and
    Goldstein value, and the types seen. Events without both codes or without a calendar day are left out."""
    days: dict[tuple[str, str], dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for event in merged:
        actor, recipient = event.get("actor_country"), event.get("recipient_country")
        day = _day(event.get("date"))
        if actor and recipient and day and actor != recipient:
            days[(str(actor), str(recipient))][day.isoformat()].append(event)
    series: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for pair, by_day in days.items():
        points = []
        for day_iso in sorted(by_day):
            events = by_day[day_iso]
            scores = [float(e["score"]) for e in events]
            points.append({
                "date": day_iso, "events": len(events), "score_sum": sum(scores),
                "score_mean": sum(scores) / len(scores),
                "goldstein_sum": sum(float(e.get("goldstein") or 0.0) for e in events),
                "types": dict(Counter(str(e["type"]) for e in events)),
            })
        series[pair] = points
    return series


def trend(points: list[dict[str, Any]]) -> str:
    """"escalation", "détente" or "steady": the mean score of the later half of a series against the earlier."""
    if len(points) < 2:
        return "steady"
    half = len(points) // 2
    early = sum(p["score_sum"] for p in points[:half]) / max(1, sum(p["events"] for p in points[:half]))
    late = sum(p["score_sum"] for p in points[half:]) / max(1, sum(p["events"] for p in points[half:]))
    if late - early <= -TREND_THRESHOLD:
        return "escalation"
    if late - early >= TREND_THRESHOLD:
        return "détente"
    return "steady"


def story_events(articles: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """The story's `events` block from analysed article records (`{"id", "events", ...}`): merged events
    and the series of each pair as a list of `{actor, recipient, trend, points}`."""
    merged = merge_events((str(a["id"]), list(a.get("events") or [])) for a in articles)
    series = pair_series(merged)
    return {
        "events": merged,
        "series": [{"actor": a, "recipient": r, "trend": trend(points), "points": points}
                   for (a, r), points in sorted(series.items())],
    }
