"""Named regular-expression building blocks and the rules of the time-expression tagger.

Each rule is a `Rule(name, pattern, kind)`: the pattern finds the span (TimeBank span conventions: a leading
determiner or modifier is part of the expression, a preposition is not), `kind` says what the span denotes
(`date`, `time`, `duration`, `set`, `ref`), and `name` picks the resolver in `times_resolve`. Named groups
carry the parts the resolver needs. Rules are tried all together; overlapping matches are settled
leftmost-longest in `times.find_times`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# -- vocabulary --------------------------------------------------------------------------------------------
MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100, "several": 3, "a few": 3, "few": 3, "a couple of": 2, "couple of": 2,
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}  # fmt: skip
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# ISO 8601 duration letters per unit (months are `M` before the `T`, hours/minutes after it).
UNITS: dict[str, str] = {
    "day": "D", "week": "W", "fortnight": "2W", "month": "M", "year": "Y", "decade": "10Y", "century": "100Y",
    "quarter": "Q", "hour": "TH", "minute": "TM", "weekend": "WE",
}  # fmt: skip


def _alt(words: list[str] | dict[str, object]) -> str:
    """Alternation of words, longest first so that `sept` wins over `sep`."""
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# Full month names, or an abbreviation with an optional dot ("Jan.", "Sept"). "May" and "March" are also
# ordinary words; the resolver only accepts a bare month name in date-like context (see `BARE_MONTH`).
MONTH_ABBREVIATIONS = ("jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec")
MONTH = rf"(?:{_alt([m for m in MONTHS if m not in MONTH_ABBREVIATIONS])}|(?:{_alt(list(MONTH_ABBREVIATIONS))})\.?)"
WEEKDAY = rf"(?:{_alt(list(WEEKDAYS))})"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
# Years in words, as broadcast transcripts write them ("nineteen ninety-six", "the year two thousand");
# parsed by `times_calendar.year_of`.
_TENS = (r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
         r"|fifty|sixty|seventy|eighty|ninety)")
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
SPELLED_YEAR = (rf"(?:(?:nineteen|eighteen)[\s-]+{_TENS}(?:[\s-]+{_ONES})?"
                rf"|two\s+thousand(?:[\s-]+(?:and[\s-]+)?(?:{_ONES}|{_TENS}))?)")
NUMBER = rf"(?:\d+|{_alt(list(NUMBER_WORDS))})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
UNIT = r"(?:day|week|fortnight|month|year|decade|centur(?:y|ie)|quarter|hour|minute)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night|overnight)"
EDGE = r"(?:early|earlier|late|later|mid|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of)"
SHIFT = (r"(?:the\s+last|last|next|this|the\s+previous|the\s+following|the\s+coming|this\s+coming|this\s+past"
         r"|the\s+past)")

# -- rules -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """`needs`: a cheap test that the pattern cannot match without (`times._candidates` skips the pattern's
    scan of the text where it fails): every group is a tuple of lower-case strings of which at least one
    must occur in the lower-cased text. It must hold for every possible match: a word the pattern requires,
    never one it only usually contains."""

    name: str
    pattern: re.Pattern[str]
    kind: str  # date | time | duration | set | ref
    needs: tuple[tuple[str, ...], ...] = ()


def _rule(name: str, pattern: str, kind: str = "date", needs: tuple[tuple[str, ...], ...] = ()) -> Rule:
    return Rule(name, re.compile(rf"(?<![\w-]){pattern}(?![\w])", re.IGNORECASE), kind, needs)


# Words a rule needs (see `Rule.needs`): every month name contains its three-letter abbreviation, every
# weekday name is listed, and so on.
_NEEDS_MONTH = (tuple(sorted({m[:3] for m in MONTHS})),)
_NEEDS_WEEKDAY = (tuple(WEEKDAYS),)
_UNIT_WORDS = ("day", "week", "fortnight", "month", "year", "decade", "centur", "quarter", "hour", "minute")


# "2022-01-28", also inside datelines.
ISO_DATE = _rule("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)", needs=(("-",),))
# US-style numeric date "1/28/2022" or "01/28/98" (TimeBank's wire copy is American).
NUMERIC_DATE = _rule("numeric", r"(?P<a>[01]?\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})", needs=(("/",),))
# "February 16", "Feb. 16, 2022", "February 16 or 17", "March 3-5", "Friday, Jan. 28".
MONTH_DAY = _rule(
    "month_day",
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<paren>\()?(?P<mon>{MONTH})(?(paren)\))\s+(?P<d>{DAY})(?!\s*(?:%|per\s*cent|,\d))"
    rf"(?:\s*(?P<conj>or|and|to|through|-|–)\s*(?P<d2>{DAY})(?!\s*(?:{MONTH}|%)))?"
    rf"(?:,?\s+(?P<y>{YEAR})|\s*,\s*(?P<y2>'\d\d))?",
    needs=_NEEDS_MONTH,
)
# "16 February (2022)", "the 16th of February".
DAY_MONTH = _rule(
    "day_month",
    rf"(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR}))?",
    needs=_NEEDS_MONTH,
)
# "February 2022", "mid-February", "early March", "the end of January", "last April", "in February".
MONTH_NAME = _rule(
    "month",
    rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:(?P<shift>last|next|this|this\s+past|this\s+coming)\s+)?"
    rf"(?P<mon>{MONTH})(?:(?:,?\s+|\s+of\s+)(?P<y>{YEAR}|{SPELLED_YEAR})|\s+(?P<yshift>this|last|next)\s+year)?",
    needs=_NEEDS_MONTH,
)
# "Friday", "on Friday", "last Friday", "Friday's talks"; with a part of day it is a time.
WEEKDAY_RULE = _rule("weekday", rf"(?:(?:early|earlier|late|later)\s+)?(?:(?P<shift>{SHIFT})\s+)?(?P<wd>{WEEKDAY})",
                     needs=_NEEDS_WEEKDAY)
# "a Friday", "an average Monday": a weekday in general, not a date.
GENERIC_WEEKDAY = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
WEEKDAY_PART = _rule("weekday", rf"(?:(?P<shift>{SHIFT})\s+)?(?P<wd>{WEEKDAY})\s+(?P<part>{PART_OF_DAY})", "time",
                     needs=_NEEDS_WEEKDAY)
# yesterday / today / tomorrow, "the day before yesterday"; "late yesterday".
DEICTIC_DAY = _rule(
    "deictic",
    r"(?:(?:early|earlier|late|later)\s+)?(?P<word>(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|today|tomorrow))"
    r"",
    needs=(("yesterday", "today", "tomorrow"),),
)
DEICTIC_PART = _rule(
    "deictic",
    rf"(?P<word>yesterday|today|tomorrow|this)\s+(?P<part>{PART_OF_DAY})|(?P<tonight>tonight|last\s+night)",
    "time",
    needs=(("morning", "afternoon", "evening", "night"),),
)
# "last week", "this month", "next year", "earlier this week", "early next year", "the end of the year",
# "the previous day", "the following month", "the year", "the weekend", "this quarter", "the current year".
RELATIVE_UNIT = _rule(
    "relative_unit",
    rf"(?:(?P<edge>{EDGE})\s+)?(?:(?P<shift>{SHIFT}|the\s+current|the\s+latest|the\s+same|the|that|current)\s+)"
    rf"(?P<unit>day|week|weekend|month|year|decade|quarter|period|fiscal\s+year)(?!-)",
    needs=(("day", "week", "month", "year", "decade", "quarter", "period"),),
)
# "a year ago", "two weeks ago", "a week or so ago", "two days later", "a year earlier", "six months before".
AGO = _rule(
    "ago",
    rf"(?:(?:nearly|almost|about|some|more\s+than|just|only)\s+)?(?P<n>{NUMBER})\s+(?P<unit>{UNIT})s?"
    r"(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|(?:before|after)(?=\s*(?:[,.;:]|$)))",
    needs=(_UNIT_WORDS, ("ago", "earlier", "later", "from", "hence", "before", "after")),
)
# "the past three years", "the next fortnight", "three weeks", "a five-year plan", "the last 24 hours".
DURATION = _rule(
    "duration",
    rf"(?:(?P<shift>the\s+(?:past|last|next|coming|previous|following|first|final)|(?:the\s+)?(?:past|last|next))\s+"
    rf"(?:(?P<n>{NUMBER}|\d+(?:\.\d+)?)[\s-]+)?|(?P<n2>{NUMBER}|\d+(?:\.\d+)?)[\s-]+)"
    rf"(?P<unit>{UNIT})s?(?:[\s-]+(?:long|old))?",
    "duration",
    needs=(_UNIT_WORDS,),
)
# "2014", "in 2014", "since 2014", "fiscal 1989", "the year 2000", "1998's".
YEAR_RULE = _rule("year", rf"(?:(?P<edge>{EDGE})[\s-]+)?(?:fiscal\s+|the\s+year\s+)?(?P<y>{YEAR})(?![.,]\d|%)",
                  needs=(("1", "2"),))  # a year starts with 1 or 2
YEAR_WORDS = _rule("year_words", rf"(?:the\s+year\s+)?(?P<y>{SPELLED_YEAR})",
                   needs=(("nineteen", "eighteen", "thousand"),))
# "the 1990s", "the mid-1980s", "the '90s", "the nineties".
DECADE = _rule("decade", r"(?:the\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?(?P<dec>1[6-9]\d0|20\d0|'\d0)'?s",
               needs=(("0s", "0's"),))
CENTURY = _rule("century", r"(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century", needs=(("century",),))
# "the third quarter", "third-quarter", "the 1988 second quarter", "next year's first quarter",
# "the fiscal first quarter", "the first half of 1990".
QUARTER = _rule(
    "quarter",
    rf"(?:(?P<rel>this|last|next)\s+year(?:'s|’s)\s+|(?:the|its|their|a)\s+)?(?:(?P<y0>{YEAR})\s+)?(?:fiscal[\s-]+)?"
    rf"(?P<ord>{_alt(list(ORDINALS))})[\s-]+(?:fiscal\s+)?(?P<unit>quarter|half)"
    rf"(?:\s+of\s+(?:(?P<y>{YEAR})|(?P<rel2>this|last|next)\s+year))?",
    needs=(("quarter", "half"),),
)
# "the year-ago quarter", "the year-earlier period", "year-ago", "last year's quarter".
YEAR_AGO = _rule(
    "year_ago",
    r"(?:(?:the|a)\s+)?(?:year-(?:ago|earlier)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?"
    r"|last\s+year(?:'s|’s)\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))",
    needs=(("year",),),
)
# "this summer", "last fall", "the winter of 1994", "the early summer".
SEASON = _rule(
    "season",
    rf"(?:(?P<shift>this\s+past|this|last|next|the)\s+)?(?:(?P<edge>early|late|mid)[\s-]+)?"
    rf"(?P<season>{_alt(SEASONS)})(?:\s+of\s+(?P<y>{YEAR}|{SPELLED_YEAR}))?",
    needs=(tuple(SEASONS),),
)
# PRESENT_REF / PAST_REF / FUTURE_REF: "now", "currently", "recently", "the past", "in coming days".
GENERAL_REF = _rule(
    "ref",
    r"(?P<present>now|right\s+now|currently|these\s+days|nowadays|at\s+present|the\s+present)"
    r"|(?P<past>(?:more\s+)?recently|the\s+past(?!\s+of\b)|recent\s+(?:days|weeks|months|years)"
    r"|past\s+years)"
    r"|(?P<future>the\s+(?:near\s+)?future(?!\s+of\b)|the\s+(?:near|short|long)\s+term|(?:the\s+)?coming\s+(?:days|weeks|months|years)"
    r"|future\s+quarters|coming\s+quarters|a\s+later\s+date)",
    "ref",
    needs=(("now", "current", "days", "present", "recent", "past", "future", "term", "coming", "later"),),
)
# "every Monday", "each year", "weekly", "annually".
SET_RULE = _rule(
    "set", rf"(?:every|each)\s+(?:(?:other|{NUMBER})\s+)?(?:{UNIT}|{WEEKDAY})s?|weekly|monthly|annually|daily", "set",
    needs=(("every", "each", "weekly", "monthly", "annually", "daily"),),
)

# On equal spans the earlier rule wins ("the third quarter" is a quarter, not a duration).
RULES: tuple[Rule, ...] = (
    ISO_DATE, NUMERIC_DATE, MONTH_DAY, DAY_MONTH, WEEKDAY_PART, DEICTIC_PART, WEEKDAY_RULE, DEICTIC_DAY,
    QUARTER, YEAR_AGO, AGO, RELATIVE_UNIT, MONTH_NAME, SEASON, DECADE, CENTURY, YEAR_RULE, GENERAL_REF,
    SET_RULE, YEAR_WORDS, DURATION,
)  # fmt: skip

# -- context cues ------------------------------------------------------------------------------------------
# A bare month name that is also a common word ("may", "march") counts only with a day, a year, a shift word
# or a time preposition; see `times.find_times`.
AMBIGUOUS_MONTHS = frozenset({"may", "march", "mar", "jan", "jun", "aug", "sep", "dec", "oct", "nov"})
MONTH_PREPOSITION = re.compile(r"(?:\b(?:in|since|until|till|by|during|before|after|from|of|to|last|next|this)\s+)$",
                               re.IGNORECASE)
# A four-digit number right after these is a count ("about 1990 troops"), not a year.
COUNT_BEFORE = re.compile(r"(?:\b(?:about|some|nearly|almost|over|more\s+than|up\s+to|at\s+least|only|around)\s+)$",
                          re.IGNORECASE)
# ... and one followed by these nouns.
COUNT_AFTER = re.compile(
    r"^\s+(?:people|persons|troops|soldiers|men|women|children|shares|votes|dollars|euros|pounds|tons|tonnes|"
    r"barrels|miles|kilometers|kilometres|metres|meters|feet|units|cases|deaths|jobs|workers|employees)\b",
    re.IGNORECASE,
)
# A year right before a noun that it modifies ("the 1997 borders", "the 2014 agreement") names a thing: it
# is a DATE in TimeBank's annotation, but it does not date the sentence's event (flag `modifier`).
YEAR_MODIFIER_AFTER = re.compile(r"^\s+(?!and\b|or\b|to\b|through\b|when\b|as\b|was\b|is\b|were\b|had\b|has\b|"
                                 r"saw\b|in\b|on\b|at\b|for\b|by\b|from\b|with\b)[a-z][a-z-]+", re.IGNORECASE)
# A year right after a capitalised word that is not a month/weekday/sentence start is part of a name
# ("Orion 1980", "Windows 95"), and so is one after these words.
NAME_BEFORE = re.compile(r"(?:\b(?:copyright|no\.|number|flight|route|model|version|room|suite|box)\s+)$",
                         re.IGNORECASE)
