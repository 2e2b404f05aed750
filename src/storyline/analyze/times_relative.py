"""Resolvers for calendar units and counts: "last week", "a year ago", "two days later", "the third quarter",
"since 2014", "the 1990s", "this summer", "now", "the next fortnight" (see `times_resolve` for the rest)."""

from __future__ import annotations

import re
from datetime import date

from storyline.analyze import times_calendar as cal
from storyline.analyze.times_patterns import (
    COUNT_AFTER,
    COUNT_BEFORE,
    MONTHS,
    NAME_BEFORE,
    SEASONS,
    UNITS,
    WEEKDAYS,
    YEAR_MODIFIER_AFTER,
)
from storyline.analyze.times_resolve import _BACKWARD, _FORWARD, Context, Match, Piece, _norm, _piece

# Shift words that count from the last date mentioned rather than from the publication date.
_FROM_PREVIOUS = {"the previous", "the following", "the same", "that"}
# Determiners that make a following year a modifier of a noun ("the 1997 borders").
_MODIFIER_DETERMINER = re.compile(r"\b(?:the|a|an|its|his|her|their|our|this|that)\s+$", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z][\w.'’-]*)\s+$")
# Capitalised words that may stand before a year without making it part of a name.
_YEAR_LEFT_OK = {m.capitalize() for m in MONTHS} | {w.capitalize() for w in WEEKDAYS} | {
    "In", "Since", "By", "Until", "Before", "After", "From", "During", "Through", "Of", "The", "Fiscal", "Early",
    "Late", "Mid", "For", "And", "Or", "To", "At", "On", "Between",
}  # fmt: skip


def _grain_of(unit: str) -> str:
    return {"weekend": "week", "period": "quarter", "fiscal year": "year"}.get(unit, unit)


def relative_unit(m: Match, ctx: Context) -> list[Piece]:
    shift, unit = _norm(m["shift"]), _norm(m["unit"])
    if shift == "the latest" and unit in ("day", "week", "month", "year"):
        return []  # "the latest month": left to the duration rule
    if unit == "period" and shift not in ("the latest", "the same", "the", "that"):
        return []
    if shift == "the" and unit == "fiscal year":
        shift = "this"
    step = 1 if shift in _FORWARD else (-1 if shift in _BACKWARD else 0)
    grain = _grain_of(unit)
    if unit == "period" or (unit == "quarter" and shift in ("the", "the latest", "the same", "that")):
        topic = ctx.topic_quarter(m.start())
        if topic:
            return [_piece(m, cal.quarter_value(*topic), "quarter", anchor="previous")]
        if unit == "period":
            return []
        step = -1 if shift != "the same" else 0  # "the quarter" in a results report: the last one closed
    if shift in _FROM_PREVIOUS or (shift in ("the", "that") and unit == "day"):
        base, anchor = ctx.previous()
    else:
        base, anchor = ctx.dct, "published"
    if base is None:
        return [_piece(m, None, grain)]
    if unit == "decade":
        return [_piece(m, f"{(base.year // 10 + step):03d}", "decade", anchor=anchor)]
    if unit == "weekend":
        return [_piece(m, _weekend(base, step, m, ctx), "week", anchor=anchor)]
    d = cal.shift_date(base, step, grain)
    return [_piece(m, cal.value_at(d, grain), grain, anchor=anchor)]


def _weekend(base: date, step: int, m: Match, ctx: Context) -> str:
    if step == 0 and _norm(m["shift"]) != "this":  # "the weekend": the one just past unless said to come
        past = ctx.tense(m.start(), m.end()) != "future"
        step = -1 if past and base.weekday() < 5 else 0
    return cal.week_value(cal.shift_date(base, step, "week")) + "-WE"


def ago(m: Match, ctx: Context) -> list[Piece]:
    n, unit, direction = cal.parse_number(m["n"]), _norm(m["unit"]).rstrip("s"), _norm(m["dir"])
    unit = "century" if unit.startswith("centur") else unit
    if unit in ("hour", "minute"):
        return [_piece(m, None, "time", "time")]
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if direction in ("ago", "from now", "hence"):
        base, anchor = ctx.dct, "published"
    else:
        base, anchor = ctx.previous()
    grain = "week" if unit == "fortnight" else unit
    if base is None:
        return [_piece(m, None, grain)]
    if n is None:
        return [_piece(m, "PAST_REF" if sign < 0 else "FUTURE_REF", "ref")]
    if unit == "fortnight":
        n, unit = 2 * n, "week"
    if unit == "year" and (topic := ctx.topic_quarter(m.start())):
        return [_piece(m, cal.quarter_value(topic[0] + sign * n, topic[1]), "quarter", anchor="previous")]
    if unit in ("decade", "century"):
        d = cal.shift_date(base, sign * n * (10 if unit == "decade" else 100), "year")
        return [_piece(m, cal.value_at(d, "decade" if unit == "decade" else "year"), unit, anchor=anchor)]
    d = cal.shift_date(base, sign * n, unit)
    return [_piece(m, cal.value_at(d, unit), unit, anchor=anchor)]


def duration(m: Match, ctx: Context) -> list[Piece]:
    raw_n = m["n"] or m["n2"]
    unit = _norm(m["unit"]).rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    if raw_n is None and not m["shift"]:
        return []
    if raw_n and _norm(raw_n) in ("a", "an") and not m["shift"]:
        before = ctx.text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(?:once|twice|times|per)\s+$", before):
            return [_piece(m, f"P1{UNITS[unit].lstrip('T')}", "set", "set")]
    n = cal.parse_number(raw_n) if raw_n else 1
    code = UNITS[unit]
    count = "X" if n is None else str(n * (2 if unit == "fortnight" else 1))
    letter = code[-1]
    value = f"PT{count}{letter}" if code.startswith("T") else f"P{count}{letter}"
    return [_piece(m, value, "duration", "duration")]


def year(m: Match, ctx: Context) -> list[Piece]:
    text, start, end = ctx.text, m.start(), m.end()
    before = text[max(0, start - 30) : start]
    after = text[end : end + 40]
    if text[max(0, start - 1) : start] in ("$", "£", "€", "#"):
        return []
    if COUNT_BEFORE.search(before) or COUNT_AFTER.match(after):
        return []
    if NAME_BEFORE.search(before):
        return []
    left = _WORD_BEFORE.search(before)
    sentence_start = re.search(r"(?:^|[.!?\n]\s*)$", text[max(0, start - 3) : start]) is not None
    if left and left.group(1)[0].isupper() and left.group(1).rstrip(".") not in _YEAR_LEFT_OK and not sentence_start:
        stripped = before[: left.start()].rstrip()
        if not stripped.endswith((".", "\n")) and stripped:
            return []  # "Orion 1980", "Windows 2000": part of a name
    value = m["y"]
    modifier = bool(_MODIFIER_DETERMINER.search(before) and YEAR_MODIFIER_AFTER.match(after)) and not m["edge"]
    return [Piece(start, end, value, "year", "date", None, modifier)]


def year_words(m: Match, ctx: Context) -> list[Piece]:
    return [_piece(m, f"{cal.year_of(m['y']):04d}", "year")]


def decade(m: Match, ctx: Context) -> list[Piece]:
    digits = m["dec"].strip("'’")
    value = digits[:3] if len(digits) == 4 else str(cal.year_of(digits))[:3]
    return [_piece(m, value, "decade")]


def century(m: Match, ctx: Context) -> list[Piece]:
    return [_piece(m, f"{int(m['n']) - 1:02d}", "century")]


def quarter(m: Match, ctx: Context) -> list[Piece]:
    n, unit = cal.ordinal(m["ord"]), _norm(m["unit"])
    rel = _norm(m["rel"] or m["rel2"])
    if unit == "half" and not (rel or m["y"] or m["y0"] or "fiscal" in m.group(0).lower()):
        return []  # "the first half" of a match, not of a year
    if m["y"] or m["y0"]:
        year = int(m["y"] or m["y0"])
        anchor = None
    elif ctx.dct is None:
        return [_piece(m, None, unit)]
    else:
        year, anchor = ctx.dct.year + {"last": -1, "next": 1}.get(rel, 0), "published"
        current = cal.quarter_of(ctx.dct)[1] if unit == "quarter" else (ctx.dct.month - 1) // 6 + 1
        if not rel and n > current and ctx.tense(m.start(), m.end()) != "future":
            year -= 1  # "the fourth quarter" reported in February: last year's
    if unit == "half":
        return [_piece(m, f"{year:04d}-H{n}", "half", anchor=anchor)]
    ctx.last_quarter = (year, n, m.start())
    return [Piece(_adjective_start(m, ctx.text), m.end(), cal.quarter_value(year, n), "quarter", anchor=anchor)]


def _adjective_start(m: Match, text: str) -> int:
    """A hyphenated time adjective ("the third-quarter loss", "a year-earlier level") leaves the determiner
    to the noun phrase, as TimeBank does; "the third quarter" keeps it."""
    span = m.group(0)
    det = re.match(r"(?:the|a|its|their)\s+", span, re.IGNORECASE)
    if det and "-" in span and re.match(r"\s+[a-z]", text[m.end() : m.end() + 3]):
        return m.start() + det.end()
    return m.start()


def year_ago(m: Match, ctx: Context) -> list[Piece]:
    topic = ctx.topic_quarter(m.start())
    if topic is None and ctx.dct is not None:
        year_, q = cal.quarter_of(ctx.dct)
        topic = (year_, q - 1) if q > 1 else (year_ - 1, 4)
    if topic is None:
        return [_piece(m, None, "quarter")]
    start = _adjective_start(m, ctx.text)
    names_period = re.search(r"quarter|period", m.group(0), re.IGNORECASE)
    if not names_period and ctx.topic_quarter(m.start()) is None:
        return [Piece(start, m.end(), f"{topic[0] - 1:04d}", "year", anchor="published")]
    return [Piece(start, m.end(), cal.quarter_value(topic[0] - 1, topic[1]), "quarter", anchor="previous")]


def season(m: Match, ctx: Context) -> list[Piece]:
    code, shift = SEASONS[m["season"].lower()], _norm(m["shift"])
    if code == "FA" and m["season"].lower() == "fall" and not (shift or m["y"]):
        return []  # a bare "fall" is the verb
    if m["y"]:
        return [_piece(m, f"{cal.year_of(m['y']):04d}-{code}", "season")]
    if ctx.dct is None:
        return [_piece(m, None, "season")]
    first, last = cal.SEASON_MONTHS[code]
    year_, month_ = ctx.dct.year, ctx.dct.month
    if shift in ("last", "this past"):
        year_ = year_ if last < month_ and code != "WI" else year_ - 1
    elif shift == "next":
        year_ = year_ if first > month_ else year_ + 1
    return [_piece(m, f"{year_:04d}-{code}", "season", anchor="published")]


def ref(m: Match, ctx: Context) -> list[Piece]:
    value = "PRESENT_REF" if m["present"] else ("PAST_REF" if m["past"] else "FUTURE_REF")
    return [_piece(m, value, "ref", anchor="published")]


def set_(m: Match, ctx: Context) -> list[Piece]:
    word = _norm(m.group(0)).split()[-1].rstrip("s")
    if word in WEEKDAYS:
        return [_piece(m, f"XXXX-WXX-{WEEKDAYS[word] + 1}", "set", "set")]
    letter = {"weekly": "W", "monthly": "M", "annually": "Y", "daily": "D"}.get(word)
    if letter is None:
        unit = "century" if word.startswith("centur") else word
        letter = UNITS.get(unit, "X")[-1]
    return [_piece(m, f"P1{letter}", "set", "set")]
