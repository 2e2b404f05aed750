"""Time expressions: find them in an article and resolve them to TIMEX3 values against its publication date.

    find_times(text, published) -> list[TimeExpr]

Why our own rule-based tagger rather than spaCy's DATE entities resolved by dateparser: on TimeBank that
pairing finds the spans well (span F1 about 0.89) but gets only about 0.38 of the values right. dateparser
resolves a phrase on its own: it does not know that "Friday" in a report of Friday's events is the report's
own day, that "on Monday" before "will meet" is the coming Monday, that "the previous day" counts from the
last date the text mentioned, or that "the third quarter" and "a year ago" in a results report name
quarters; nor does it give a grain ("last week" is a week, not a day) or tell dates from durations. Here the
patterns (`times_patterns`, named and documented) find the span and say what it is; the resolvers
(`times_resolve`, `times_relative`) compute the value from the publication date, the tense of the clause
(`times_tense`: will / is due to / plans to / next... versus past-tense verbs) and the text read so far.
Explicit dates are parsed by the patterns themselves (month names, numeric forms); `dateline_date` uses
dateparser for the free-form date at the head of an article.

Span conventions follow TimeBank (TimeML): a determiner or modifier belongs to the expression ("the previous
day", "last week", "early next year"), a preposition ("on", "in", "since") and a possessive "'s" do not.
A year that modifies a noun ("the 1997 borders") is a DATE in TimeBank too; it is kept, flagged
`modifier=True`, so that event dating does not take it for the date of the sentence's event. Durations
("three weeks", "the next fortnight"), sets ("every Monday") and times of day are kept apart from dates by
`kind`. With no publication date, relative expressions keep `value=None`; absolute ones still resolve.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from storyline.analyze import times_relative as rel
from storyline.analyze import times_resolve as res
from storyline.analyze.lowercase_scan import LowerScan
from storyline.analyze.times_patterns import RULES, Rule
from storyline.analyze.times_scan import ScanPlan
from storyline.analyze.times_tense import clause_tense

# Which resolver handles each rule of `times_patterns.RULES`.
RESOLVERS: dict[str, res.Resolver] = {
    "iso": res.iso, "numeric": res.numeric, "month_day": res.month_day, "day_month": res.day_month,
    "month": res.month, "weekday": res.weekday, "deictic": res.deictic, "relative_unit": rel.relative_unit,
    "ago": rel.ago, "duration": rel.duration, "year": rel.year, "decade": rel.decade, "century": rel.century,
    "quarter": rel.quarter, "year_words": rel.year_words, "year_ago": rel.year_ago, "season": rel.season,
    "ref": rel.ref, "set": rel.set_,
}  # fmt: skip
# A dateline is looked for in this many leading characters of an article.
DATELINE_REACH = 200
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]{1,40},\s+)?(?P<date>(?:\w+,?\s+)?\w+\.?\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|\d{1,2}\s+\w+\.?\s+\d{4}(?:,\s*\d{1,2}:\d{2})?)(?:\s*\([^)]{1,40}\))?\s*(?:[-–—]|$)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class TimeExpr:
    """A time expression at text[start:end] and its TIMEX3-style value (None when it cannot be resolved).

    `kind`: date, range ("March 3-5", value "start/end"), time, duration, set. `grain`: day, week, month,
    quarter, half, season, year, decade, century, ref (PRESENT_REF / PAST_REF / FUTURE_REF), time, duration,
    set. `anchor`: what a relative value was counted from ("published", "previous" = the last date in the
    text), None for absolute expressions. `modifier`: a year naming a thing, not dating an event.
    """

    start: int
    end: int
    text: str
    value: str | None
    grain: str
    kind: str = "date"
    anchor: str | None = None
    modifier: bool = False

    def to_dict(self) -> dict[str, Any]:
        # `asdict` by hand: it deep-copies field by field, and every article has dozens of these
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value, "grain": self.grain,
                "kind": self.kind, "anchor": self.anchor, "modifier": self.modifier}


def parse_published(published: str | None) -> date | None:
    """The calendar day of an ISO 8601 date or datetime string; None when missing or unreadable."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(published.strip()[:10])
        except ValueError:
            return None


# The rules' patterns scanned over the lower-cased text (`lowercase_scan`): the resolvers get the same matches.
_SCANS = tuple(LowerScan(rule.pattern) for rule in RULES)


def _candidates(text: str) -> list[tuple[int, int, int, Rule, re.Match[str]]]:
    found = []
    plan = ScanPlan(text)  # per rule, only the parts of the text that hold the words it needs (`Rule.needs`)
    for priority, (rule, scan) in enumerate(zip(RULES, _SCANS, strict=True)):
        for lo, hi in plan.spans(rule.needs):
            for m in scan.finditer_text(text, plan.lowered, lo, hi):
                if m.end() > m.start():
                    found.append((m.start(), -(m.end() - m.start()), priority, rule, m))
    found.sort(key=lambda c: (c[0], c[1], c[2]))
    return found


def find_times(text: str, published: str | None) -> list[TimeExpr]:
    """Every time expression in `text`, in order, resolved against `published` (ISO date/datetime or None)."""
    ctx = res.Context(text=text, dct=parse_published(published),
                      tense=lambda start, end: clause_tense(text, start, end))
    out: list[TimeExpr] = []
    taken_until = 0
    for start, _, _, rule, m in _candidates(text):
        if start < taken_until:
            continue
        pieces = RESOLVERS[rule.name](m, ctx)
        if not pieces:
            continue
        taken_until = m.end()
        for p in pieces:
            out.append(TimeExpr(p.start, p.end, text[p.start : p.end], p.value, p.grain, p.kind, p.anchor,
                                p.modifier))
            _remember(ctx, p)
    return out


def _remember(ctx: res.Context, piece: res.Piece) -> None:
    """Keep the last day-grain date, the reference of "the previous day" and "two days later"."""
    if piece.grain == "day" and piece.value and piece.kind == "date" and not piece.modifier:
        with contextlib.suppress(ValueError):
            ctx.last_day = date.fromisoformat(piece.value[:10])


def dateline_date(text: str) -> str | None:
    """The ISO date of a dateline at the head of an article ("KYIV, Jan 28 (Reuters) -",
    "14 February 2022, 19:24"), or None. Parsed with dateparser; a date without a year is not trusted."""
    m = _DATELINE.search(text[:DATELINE_REACH])
    if not m or not re.search(r"\d{4}", m["date"]):
        return None
    import dateparser

    parsed = dateparser.parse(m["date"], languages=["en"], settings={"RETURN_AS_TIMEZONE_AWARE": False})
    return parsed.date().isoformat() if parsed else None
