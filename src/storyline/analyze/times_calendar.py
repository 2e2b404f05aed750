"""Calendar arithmetic and TIMEX3 value formatting for the time-expression resolver."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from functools import lru_cache

from storyline.analyze.times_patterns import MONTHS, NUMBER_WORDS, ORDINALS

# Seasons by the months they span (northern hemisphere, as TimeML's SP/SU/FA/WI).
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# Two-digit years ("'98", "1/28/98") below this are 20xx, the rest 19xx.
TWO_DIGIT_PIVOT = 50


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    year += (quarter - 1) // 4
    quarter = (quarter - 1) % 4 + 1
    return f"{year:04d}-Q{quarter}"


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + n
    return index // 12, index % 12 + 1


def shift_date(d: date, n: int, unit: str) -> date:
    """`d` moved by n units (day, week, month, quarter, year), clamping the day of month."""
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
    if months is None:
        return d
    year, month = add_months(d.year, d.month, n * months)
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def value_at(d: date, grain: str) -> str:
    """The TIMEX3 value of the `grain`-sized period containing `d`."""
    if grain == "day":
        return day_value(d)
    if grain == "week":
        return week_value(d)
    if grain == "month":
        return month_value(d.year, d.month)
    if grain == "quarter":
        return quarter_value(*quarter_of(d))
    if grain == "decade":
        return f"{d.year // 10:03d}"
    return f"{d.year:04d}"


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def parse_number(word: str) -> int | None:
    """ "3" -> 3, "three" -> 3, "twenty-four" -> 24, "several" -> None (unknown count)."""
    word = " ".join(word.lower().replace("-", " ").split())
    if word.replace(".", "", 1).isdigit():
        return round(float(word))
    if word in ("several", "a few", "few"):
        return None
    total = 0
    for part in word.split(" "):
        if part in NUMBER_WORDS:
            total += NUMBER_WORDS[part]
    if word in NUMBER_WORDS:
        return NUMBER_WORDS[word]
    return total or None


def ordinal(word: str) -> int:
    return ORDINALS[word.lower()]


_UNITS_WORDS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
                "sixteen seventeen eighteen nineteen")
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_WORD_VALUES = {w: i for i, w in enumerate(_UNITS_WORDS.split(" "))} | {
    w: 10 * (i + 2) for i, w in enumerate(_TENS_WORDS.split(" "))
}


def _spelled_year(text: str) -> int:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(_WORD_VALUES[w] for w in words[2:])
    return _WORD_VALUES[words[0]] * 100 + sum(_WORD_VALUES[w] for w in words[1:])


def year_of(text: str) -> int:
    """ "1998" -> 1998, "'98" -> 1998, "98" -> 1998, "05" -> 2005, "nineteen ninety-six" -> 1996."""
    if text[:1].isalpha():
        return _spelled_year(text)
    digits = text.strip("'’")
    if len(digits) == 4:
        return int(digits)
    n = int(digits)
    return 2000 + n if n < TWO_DIGIT_PIVOT else 1900 + n


# The tense of the clause picks the occurrence of a yearless date before or after publication only within
# about half a year of it; farther than that, the nearest occurrence wins ("payable Nov. 21" in a report of
# 2 November is this November even after a past-tense verb).
TENSE_REACH_DAYS = 200
# For a month name the reach is longer ("in July", said in February in the past tense, is last July), but
# not a whole year: "in February", in a report of late January, is the coming month whatever the tense.
MONTH_TENSE_REACH_DAYS = 310


def nearest(candidates: list[date], dct: date, tense: str | None, reach: int = TENSE_REACH_DAYS) -> date:
    """Past tense: the latest candidate on or before dct; future: the earliest on or after; else the nearest."""
    before = [c for c in candidates if c <= dct and (dct - c).days <= reach]
    after = [c for c in candidates if c >= dct and (c - dct).days <= reach]
    if tense == "past" and before:
        return max(before)
    if tense == "future" and after:
        return min(after)
    return min(candidates, key=lambda c: (abs((c - dct).days), c > dct))


_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2})|-Q([1-4])|-H([12])|-(SP|SU|FA|WI))?$")


@lru_cache(maxsize=1 << 12)  # event dating compares every pair of an article's values
def period(value: str | None) -> tuple[date, date] | None:
    """The first and last day of the period a TIMEX3 value names ("2022-01" -> Jan 1..31, "2022-W03",
    "2022-Q1", "2022-SU", "202" = the 2020s, "20" = the 21st century as TimeML counts it, "a/b" ranges);
    None for references (PRESENT_REF), durations and anything unreadable."""
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        a, b = period(first), period(last)
        return (a[0], b[1]) if a and b and a[0] <= b[1] else None
    value = value[:10] if len(value) > 10 and value[10] == "T" else value
    if re.fullmatch(r"\d{2,3}", value):
        if int(value) == 0:  # "the 00s" / "000": no calendar day 1 in year 0
            return None
        scale = 10 if len(value) == 3 else 100
        return date(int(value) * scale, 1, 1), date(int(value) * scale + scale - 1, 12, 31)
    m = _VALUE.match(value)
    if not m or int(m[1]) < 1:
        return None
    year = int(m[1])
    try:
        if m[3]:
            d = date(year, int(m[2]), int(m[3]))
            return d, d
        if m[2]:
            month = int(m[2])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if m[4]:
            monday = date.fromisocalendar(year, int(m[4]), 1)
            return monday, monday + timedelta(days=6)
    except ValueError:
        return None
    if m[5]:
        first_month = 3 * (int(m[5]) - 1) + 1
        return date(year, first_month, 1), shift_date(date(year, first_month, 1), 1, "quarter") - timedelta(days=1)
    if m[6]:
        return (date(year, 1, 1), date(year, 6, 30)) if m[6] == "1" else (date(year, 7, 1), date(year, 12, 31))
    if m[7]:
        lo, hi = SEASON_MONTHS[m[7]]
        end_year = year + 1 if hi < lo else year
        return date(year, lo, 1), date(end_year, hi, calendar.monthrange(end_year, hi)[1])
    return date(year, 1, 1), date(year, 12, 31)
