"""Resolve a matched time expression to a TIMEX3 value, against the publication date and the text so far.

One function per rule of `times_patterns`. Each gets the match and a `Context` (the publication date, the
tense function, and the last date the text mentioned, which "the previous day" and "two days later" count
from) and returns `Piece`s (usually one; "February 16 or 17" gives two), or nothing to reject the match.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.analyze import times_calendar as cal
from storyline.analyze.times_patterns import AMBIGUOUS_MONTHS, GENERIC_WEEKDAY, MONTH_PREPOSITION, WEEKDAYS

PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}
# How far back a quarter mention still sets the topic for "the quarter" and "a year ago" (characters).
QUARTER_TOPIC_REACH = 1500
_FORWARD = {"next", "the following", "the coming", "this coming"}
_BACKWARD = {"last", "the last", "the previous", "this past", "the past"}


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    value: str | None
    grain: str
    kind: str = "date"
    anchor: str | None = None  # "published", "previous" (the last date mentioned), or None (absolute)
    modifier: bool = False  # a year naming a thing ("the 1997 borders"), not dating an event


@dataclass
class Context:
    text: str
    dct: date | None
    tense: Callable[[int, int], str | None]
    last_day: date | None = None  # last day-grain date mentioned
    last_quarter: tuple[int, int, int] | None = None  # (year, quarter, offset of the mention)

    def previous(self) -> tuple[date | None, str]:
        """The date "earlier/later/the previous day" counts from: the last day mentioned, else the dct."""
        if self.last_day is not None:
            return self.last_day, "previous"
        return self.dct, "published"

    def topic_quarter(self, at: int) -> tuple[int, int] | None:
        if self.last_quarter and at - self.last_quarter[2] <= QUARTER_TOPIC_REACH:
            return self.last_quarter[0], self.last_quarter[1]
        return None


Match = re.Match[str]
Resolver = Callable[[Match, "Context"], list[Piece]]


def _norm(word: str | None) -> str:
    return " ".join(word.lower().split()) if word else ""


def _piece(m: Match, value: str | None, grain: str, kind: str = "date", anchor: str | None = None) -> Piece:
    return Piece(m.start(), m.end(), value, grain, kind, anchor)


def iso(m: Match, ctx: Context) -> list[Piece]:
    d = cal.safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
    return [_piece(m, cal.day_value(d), "day")] if d else []


def numeric(m: Match, ctx: Context) -> list[Piece]:
    a, b, year = int(m["a"]), int(m["b"]), cal.year_of(m["y"])
    month, day = (a, b) if a <= 12 else (b, a)
    d = cal.safe_date(year, month, day)
    return [_piece(m, cal.day_value(d), "day")] if d else []


def _day_in_year(
    month: int, day: int, year: str | None, ctx: Context, start: int, end: int, weekday: str | None = None
) -> tuple[date | None, str | None]:
    if year:
        return cal.safe_date(cal.year_of(year), month, day), None
    if ctx.dct is None:
        return None, None
    candidates = [d for y in (-1, 0, 1) if (d := cal.safe_date(ctx.dct.year + y, month, day))]
    if weekday and (fits := [d for d in candidates if d.weekday() == WEEKDAYS[weekday.lower()]]):
        candidates = fits  # "Saturday, April 25": the year in which April 25 is a Saturday
    return (cal.nearest(candidates, ctx.dct, ctx.tense(start, end)) if candidates else None), "published"


def month_day(m: Match, ctx: Context) -> list[Piece]:
    if not m["mon"][0].isupper():
        return []
    month, year = cal.month_number(m["mon"]), m["y"] or m["y2"]
    day = int(re.sub(r"\D", "", m["d"]))
    first, anchor = _day_in_year(month, day, year, ctx, m.start(), m.end(), m["wd"])
    if m["d2"] is None:
        return [_piece(m, first and cal.day_value(first), "day", anchor=anchor)]
    day2 = int(re.sub(r"\D", "", m["d2"]))
    second = cal.safe_date(first.year, month, day2) if first else None
    if second is None and first is not None:
        return []
    if m["conj"].lower() in ("or", "and"):  # two dates: "February 16" and "17"
        return [
            Piece(m.start(), m.end("d"), first and cal.day_value(first), "day", anchor=anchor),
            Piece(m.start("d2"), m.end("d2"), second and cal.day_value(second), "day", anchor=anchor),
        ]
    value = f"{first.isoformat()}/{second.isoformat()}" if first and second else None
    return [Piece(m.start(), m.end(), value, "day", "range", anchor)]


def day_month(m: Match, ctx: Context) -> list[Piece]:
    if not m["mon"][0].isupper():
        return []
    first, anchor = _day_in_year(cal.month_number(m["mon"]), int(re.sub(r"\D", "", m["d"])), m["y"], ctx,
                                 m.start(), m.end(), m["wd"])
    return [_piece(m, first and cal.day_value(first), "day", anchor=anchor)]


def month(m: Match, ctx: Context) -> list[Piece]:
    word = m["mon"]
    if not word[0].isupper():
        return []
    shift, number = _norm(m["shift"]), cal.month_number(word)
    if (not m["y"] and not shift and not m["edge"] and word.lower().rstrip(".") in AMBIGUOUS_MONTHS
            and not MONTH_PREPOSITION.search(ctx.text, max(0, m.start() - 12), m.start())):
        return []
    if m["y"]:
        return [_piece(m, cal.month_value(cal.year_of(m["y"]), number), "month")]
    if ctx.dct is None:
        return [_piece(m, None, "month")]
    if m["yshift"]:
        year = ctx.dct.year + {"last": -1, "next": 1}.get(_norm(m["yshift"]), 0)
        return [_piece(m, cal.month_value(year, number), "month", anchor="published")]
    this = date(ctx.dct.year, number, 1)
    here = date(ctx.dct.year, ctx.dct.month, 1)
    if shift == "last" or shift == "this past":
        year = ctx.dct.year if this < here else ctx.dct.year - 1
    elif shift in ("next", "this coming"):
        year = ctx.dct.year if this > here else ctx.dct.year + 1
    elif shift == "this" or number == ctx.dct.month:
        year = ctx.dct.year
    else:
        candidates = [date(ctx.dct.year + y, number, 1) for y in (-1, 0, 1)]
        year = cal.nearest(candidates, here, ctx.tense(m.start(), m.end()), cal.MONTH_TENSE_REACH_DAYS).year
    return [_piece(m, cal.month_value(year, number), "month", anchor="published")]


def weekday(m: Match, ctx: Context) -> list[Piece]:
    part = m.groupdict().get("part")
    kind, grain = ("time", "time") if part else ("date", "day")
    if GENERIC_WEEKDAY.search(ctx.text, max(0, m.start() - 6), m.start()):
        return []  # "on a Friday or Saturday night": any Friday, not a date
    if ctx.dct is None:
        return [_piece(m, None, grain, kind)]
    target, today = WEEKDAYS[m["wd"].lower()], ctx.dct.weekday()
    shift = _norm(m["shift"])
    back = (today - target) % 7 or 7  # days back to the last such weekday before today
    ahead = (target - today) % 7 or 7
    if shift in _BACKWARD:
        d = ctx.dct - timedelta(days=back)
    elif shift in _FORWARD:
        d = ctx.dct + timedelta(days=ahead)
    elif target == today:
        d = ctx.dct
    elif ctx.tense(m.start(), m.end()) == "future":
        d = ctx.dct + timedelta(days=ahead)
    else:
        d = ctx.dct - timedelta(days=back)
    value = cal.day_value(d) + (f"T{PARTS_OF_DAY[part.lower()]}" if part else "")
    return [_piece(m, value, grain, kind, "published")]


def deictic(m: Match, ctx: Context) -> list[Piece]:
    if m.groupdict().get("tonight"):
        word, part, offset = _norm(m["tonight"]), "NI", 0
        offset = -1 if word.startswith("last") else 0
    else:
        word, part = _norm(m["word"]), m.groupdict().get("part")
        offset = {"yesterday": -1, "today": 0, "this": 0, "tomorrow": 1}[word.split()[-1]]
        offset += -1 if "before" in word else (1 if "after" in word else 0)
        part = PARTS_OF_DAY[part.lower()] if part else None
    kind, grain = ("time", "time") if part else ("date", "day")
    if ctx.dct is None:
        return [_piece(m, None, grain, kind)]
    value = cal.day_value(ctx.dct + timedelta(days=offset)) + (f"T{part}" if part else "")
    return [_piece(m, value, grain, kind, "published")]
