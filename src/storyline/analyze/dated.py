"""Dated events: each report unit (sentence) that reports something happening, with its date, actors and mode.

    dated_events(text, times, entities, published=None, quotes=None) -> list[dict]

The date of a unit comes from, in order:
1. `explicit`: a time expression in the unit (outside quotation marks, not a year naming a thing, not a vague
   reference like "recently"), as `find_times` resolved it. "On Friday" in a report dated Friday is the
   report's own day because the resolver made it so. A unit with several dates gives one event per date; a
   date inside another date of the same unit ("on Friday ... this month") is dropped for the finer one.
2. `context`: no expression, but the unit continues the previous one (it opens with a quotation mark or a
   pronoun, or names the same person) and that one has a day-grain date:
   `“We don't want wars,” he said.` after `Lavrov said on Friday that ...`.
3. `report`: no expression, the unit is in the past or present perfect ("has signalled", "visited"), names a
   person (or, in the lead, any actor), and the article's publication date is known: news reports undated
   past events of the day (the weakest source; the timeline keeps the tag so that a view can show it so).
A unit with a vague reference ("in recent weeks", "recently") and no date is background: not dated.

`mode`: `planned` when the date lies after the publication date or the clause is future/intention ("will",
"would", "is due to", "could"), `ongoing` for continuous aspect ("is hosting", "since 2014", "continues to"),
else `done`. Every event carries the unit span (`start`, `end`, `text`) and, for explicit dates, the span of
its time expression, so that it can be traced to its source.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from itertools import islice
from typing import Any

from storyline.analyze.dated_units import Mode, first_tense, mask_quotes, split_units
from storyline.analyze.times import TimeExpr, parse_published
from storyline.analyze.times_calendar import period
from storyline.analyze.times_tense import clause_bounds, clause_tense

# Entity labels that can act in an event (people, organisations, countries and governments, nationalities).
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Labels specific enough to tie a unit to the previous one: a person ("Lavrov" ties two sentences together;
# "Russia" or "NATO" is in every other sentence of a story about them).
LINKING_LABELS = frozenset({"PERSON"})
# Kinds of time expression that can date an event (durations, sets and clock times cannot).
DATING_KINDS = frozenset({"date", "range"})
# A unit shorter than this many words is a heading or a fragment, not a report of something happening.
MIN_UNIT_WORDS = 4
# A unit that opens like this continues the previous one: a quotation or a pronoun subject.
CONTINUES = re.compile(r"(?:[\"“‘']|(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|Both)\b)")
# A report-dated unit (no date of its own) must name a person or be in the lead: the lead tells the day's
# news, while undated past tense deep in a report is as often background ("Turkey has supplied drones").
LEAD_UNITS = 4
# "Monday's meeting": a date that modifies a noun takes its mode from the verb after the noun phrase.
POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"\w+")

TimeLike = TimeExpr | Mapping[str, Any]


def _time_dict(t: TimeLike) -> dict[str, Any]:
    return t.to_dict() if isinstance(t, TimeExpr) else dict(t)


def _blank(masked: str, start: int, end: int) -> bool:
    return not masked[start:end].strip()


def _candidate_actors(entities: Sequence[Mapping[str, Any]], times: list[dict[str, Any]],
                      masked: str) -> list[Mapping[str, Any]]:
    """Entities that can act, in text order: actor labels, outside quotation marks, not a date taken for a
    name ("February 16" tagged ORG)."""
    timed = [False] * (len(masked) + 1)
    for t in times:
        timed[t["start"] : t["end"]] = [True] * (t["end"] - t["start"])
    return sorted((e for e in entities if e.get("label") in ACTOR_LABELS and not _blank(masked, e["start"], e["end"])
                   and not any(timed[e["start"] : e["end"]])), key=lambda e: e["start"])


def _actors(candidates: Sequence[Mapping[str, Any]], starts: list[int], quotes: Sequence[Mapping[str, Any]],
            start: int, end: int) -> list[dict[str, Any]]:
    """Actors of the unit [start, end): its candidate entities, and the speaker of a quotation in it."""
    seen: dict[str, dict[str, Any]] = {}
    for ent in candidates[bisect_left(starts, start) : bisect_left(starts, end)]:
        if ent["end"] > end:
            continue
        name = ent.get("canonical") or ent["text"]
        seen.setdefault(name, {"name": name, "label": ent["label"], "start": ent["start"], "end": ent["end"],
                               "text": ent["text"]})
    for q in quotes:
        speaker = q.get("speaker")
        if speaker and speaker.get("name") and q["start"] < end and start < q["end"]:
            seen.setdefault(speaker["name"], {"name": speaker["name"], "label": "PERSON",
                                              "start": speaker.get("start"), "end": speaker.get("end"),
                                              "text": speaker.get("text")})
    return list(seen.values())


def _dating(times: list[dict[str, Any]], masked: str, start: int, end: int) -> tuple[list[dict[str, Any]], bool]:
    """The expressions that date the unit [start, end), finest first kept; and whether it has a vague one."""
    inside = [t for t in times if start <= t["start"] and t["end"] <= end and not _blank(masked, t["start"], t["end"])]
    vague = any(t.get("grain") == "ref" for t in inside)
    usable = [t for t in inside if t.get("kind", "date") in DATING_KINDS and not t.get("modifier")
              and period(t.get("value")) is not None]
    kept: list[dict[str, Any]] = []
    for t in usable:
        p = period(t["value"])
        assert p is not None
        finer = [u for u in usable if u is not t and (q := period(u["value"])) and p[0] <= q[0] and q[1] <= p[1]
                 and q != p]
        if not finer and all(k["value"] != t["value"] for k in kept):
            kept.append(t)
    return kept, vague


def _expr_mode(t: dict[str, Any], masked: str, dct: Any) -> Mode:
    p = period(t["value"])
    assert p is not None
    if dct is not None and p[0] > dct:
        return "planned"
    if re.search(r"\bsince\s+$", masked[max(0, t["start"] - 8) : t["start"]], re.IGNORECASE):
        return "ongoing"
    lo, hi = clause_bounds(masked, t["start"], t["end"])
    if POSSESSIVE.match(masked, t["end"]):  # "Monday's meeting ... suggested": the verb after decides
        after = first_tense(masked, t["end"], hi)
        return "planned" if after == "planned" and (dct is None or p[1] >= dct) else after or "done"
    if clause_tense(masked, t["start"], t["end"]) == "future" and (dct is None or p[1] >= dct):
        return "planned"
    return "ongoing" if first_tense(masked, lo, hi) == "ongoing" else "done"


def _event(text: str, start: int, end: int, date: str, grain: str, date_from: str, mode: Mode,
           actors: list[dict[str, Any]], time: dict[str, Any] | None) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end], "date": date, "grain": grain,
            "date_from": date_from, "mode": mode, "actors": actors,
            "time": {"start": time["start"], "end": time["end"], "text": time["text"]} if time else None}


def _links(actors: list[dict[str, Any]], previous: list[dict[str, Any]]) -> bool:
    names = {a["name"] for a in previous if a["label"] in LINKING_LABELS}
    return any(a["name"] in names for a in actors if a["label"] in LINKING_LABELS)


def dated_events(text: str, times: Sequence[TimeLike], entities: Sequence[Mapping[str, Any]],
                 published: str | None = None,
                 quotes: Sequence[Mapping[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The dated events of one article (see the module docstring); offsets are into `text`."""
    dct = parse_published(published)
    masked = mask_quotes(text)
    found = sorted((_time_dict(t) for t in times), key=lambda t: t["start"])
    out: list[dict[str, Any]] = []
    previous: list[dict[str, Any]] = []  # events of the previous unit
    previous_actors: list[dict[str, Any]] = []
    candidates = _candidate_actors(entities, found, masked)
    starts = [e["start"] for e in candidates]
    for index, (start, end) in enumerate(split_units(text)):
        events: list[dict[str, Any]] = []
        actors = _actors(candidates, starts, quotes or (), start, end)
        # (words counted up to the minimum only)
        if len(list(islice(_WORD.finditer(text, start, end), MIN_UNIT_WORDS))) >= MIN_UNIT_WORDS:
            dating, vague = _dating(found, masked, start, end)
            for t in dating:
                events.append(_event(text, start, end, t["value"], t["grain"], "explicit",
                                     _expr_mode(t, masked, dct), actors, t))
            mode = first_tense(masked, start, end) if not dating and not vague else None
            day_before = next((e for e in previous if e["grain"] == "day"), None)
            if mode is not None and day_before is not None and (
                    CONTINUES.match(text, start) or _links(actors, previous_actors)):
                events.append(_event(text, start, end, day_before["date"], "day", "context", mode, actors, None))
            elif mode == "done" and dct is not None and actors and (
                    index < LEAD_UNITS or any(a["label"] == "PERSON" for a in actors)):
                events.append(_event(text, start, end, dct.isoformat(), "day", "report", mode, actors, None))
        out.extend(events)
        previous, previous_actors = events, actors
    return out
