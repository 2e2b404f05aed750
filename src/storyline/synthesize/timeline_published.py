"""Estimate the publication day of a story's undated articles from the story (`published_from: "inferred"`).

    infer_published(articles) -> {article_id: "YYYY-MM-DD"}      only articles without `published`
    with_inferred_published(articles) -> articles, the undated ones given the estimate

An undated article's relative expressions stay unresolved (`find_times(text, None)`); the story supplies
what they are relative to:
1. Shared happenings. A sentence of the undated article that names a weekday ("said on Friday") and is
   close in wording to a dated event of a dated article (same weekday) pins the day: "Friday" in the past
   tense means the report is from that Friday or up to six days after; in the future, up to six days before.
   The constraints are intersected and the earliest day is taken (news reports the day's events).
2. Otherwise the nearest article. The dated article most like this one (rarity-weighted words) gives an
   anchor day; the estimate is the day nearest that anchor whose weekday is the weekday the article names
   most often in the past tense (a report is mostly about its own day) - or no estimate when the article
   names no weekday, no dated article is like it, or two dated articles a week apart are about as like it.
The estimate is never before the latest explicit past date the article itself gives. Estimates are marked
`inferred` and never replace a date from metadata, HTML or a dateline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from storyline.analyze.dated import dated_events
from storyline.analyze.dated_units import mask_quotes
from storyline.analyze.times import TimeExpr, find_times, parse_published
from storyline.analyze.times_calendar import period
from storyline.analyze.times_tense import clause_tense
from storyline.records import Article
from storyline.synthesize.timeline_text import cosine, terms

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
# A sentence of the undated article and a dated event are one happening at this content similarity: higher
# than the timeline's merge gate, because a wrong match moves a whole article's dates.
EVENT_MATCH = 0.35
# The dated article used as an anchor must be at least this close in wording (whole text).
ANCHOR_MATCH = 0.2
# The best anchor must be this much closer than any other dated article whose anchor day is a week or more
# away; otherwise the estimate would be a coin toss between them, and no estimate is given.
ANCHOR_MARGIN = 0.05
# "Friday" in a past-tense report is at most this many days back; in the future, this many ahead.
WEEKDAY_REACH = 6
# Text around a weekday mention compared with dated events: the sentence-sized window around it.
WINDOW_CHARS = 200


def _weekday_mentions(text: str, found: list[TimeExpr]) -> list[tuple[TimeExpr, int, str | None]]:
    """Unresolved weekday expressions: (expression, weekday number, tense of its clause)."""
    masked = mask_quotes(text)
    out = []
    for t in found:
        m = _WEEKDAY.search(t.text)
        if t.value is None and t.grain == "day" and m and masked[t.start : t.end].strip():
            out.append((t, WEEKDAYS.index(m.group(1).lower()), clause_tense(masked, t.start, t.end)))
    return out


def _window(text: str, t: TimeExpr) -> str:
    lo = max(text.rfind("\n", 0, t.start), text.rfind(". ", 0, t.start), t.start - WINDOW_CHARS)
    ends = [i for i in (text.find("\n", t.end), text.find(". ", t.end)) if i >= 0]
    return text[max(0, lo) : min([*ends, t.end + WINDOW_CHARS])]


def _by_events(text: str, found: list[TimeExpr], dated: Sequence[Article]) -> date | None:
    events = [(e, parse_published(e["date"])) for a in dated
              for e in dated_events(a.text, find_times(a.text, a.published), [], a.published)
              if e["grain"] == "day"]
    lo, hi = date.min, date.max
    hit = False
    for t, weekday, tense in _weekday_mentions(text, found):
        window = terms(_window(text, t))
        for event, day in events:
            if day is None or day.weekday() != weekday or cosine(window, terms(event["text"])) < EVENT_MATCH:
                continue
            hit = True
            if tense == "future":
                lo, hi = max(lo, day - timedelta(days=WEEKDAY_REACH)), min(hi, day)
            else:
                lo, hi = max(lo, day), min(hi, day + timedelta(days=WEEKDAY_REACH))
    return lo if hit and lo <= hi else None


def _nearest_weekday(day: date, weekday: int) -> date:
    """The day with that weekday nearest `day` (within three days; a tie goes to the later one)."""
    candidates = [day + timedelta(days=k) for k in range(-3, 4)]
    return next(d for d in sorted(candidates, key=lambda d: (abs((d - day).days), d < day)) if d.weekday() == weekday)


def _by_anchor(text: str, found: list[TimeExpr], dated: Sequence[Article]) -> date | None:
    past = Counter(w for _, w, tense in _weekday_mentions(text, found) if tense != "future")
    if not past:
        return None
    weekday = past.most_common(1)[0][0]
    mine = terms(text)
    ranked = sorted(((cosine(mine, terms(a.text)), day) for a in dated if (day := parse_published(a.published))),
                    key=lambda x: -x[0])
    if not ranked or ranked[0][0] < ANCHOR_MATCH:
        return None
    guess = _nearest_weekday(ranked[0][1], weekday)
    for score, day in ranked[1:]:
        if ranked[0][0] - score < ANCHOR_MARGIN and abs((_nearest_weekday(day, weekday) - guess).days) > WEEKDAY_REACH:
            return None  # two dated articles a week or more apart are about as close: no telling which
    return guess


def _floor(text: str, found: list[TimeExpr]) -> date | None:
    """The latest explicit day the article gives in the past tense: it cannot be published before it."""
    masked = mask_quotes(text)
    days = [p[1] for t in found if t.value and t.kind == "date" and t.grain == "day" and not t.anchor
            and clause_tense(masked, t.start, t.end) == "past" and (p := period(t.value))]
    return max(days, default=None)


def infer_published(articles: Sequence[Article]) -> dict[str, str]:
    """Estimated publication day (ISO date) of each article of one story that has no `published`."""
    dated = [a for a in articles if parse_published(a.published)]
    out: dict[str, str] = {}
    if not dated:
        return out
    for article in articles:
        if parse_published(article.published):
            continue
        found = find_times(article.text, None)
        guess = _by_events(article.text, found, dated) or _by_anchor(article.text, found, dated)
        floor = _floor(article.text, found)
        if guess and floor and guess < floor:
            guess = floor
        if guess:
            out[article.id] = guess.isoformat()
    return out


def with_inferred_published(articles: Sequence[Article]) -> list[Article]:
    """The articles, those without a publication date given the story's estimate (`published_from="inferred"`)."""
    guesses = infer_published(articles)
    return [replace(a, published=guesses[a.id], published_from="inferred") if a.id in guesses else a
            for a in articles]
