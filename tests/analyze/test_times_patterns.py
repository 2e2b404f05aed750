"""Time expressions: one inline sentence per pattern, each with a fixed publication date."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.analyze.times import TimeExpr, dateline_date, find_times
from storyline.analyze.times_calendar import period

FRIDAY = "2022-01-28"  # a Friday
TUESDAY = "2022-01-18"


def only(text: str, published: str | None, phrase: str) -> TimeExpr:
    """The one expression overlapping the first occurrence of `phrase`."""
    at = text.index(phrase)
    hits = [t for t in find_times(text, published) if t.start < at + len(phrase) and at < t.end]
    assert len(hits) == 1, hits
    return hits[0]


@pytest.mark.parametrize(
    ("text", "published", "phrase", "value"),
    [
        # weekdays: a report of the day's events, the past, the future
        ("Putin said on Friday that the talks had failed.", FRIDAY, "Friday", "2022-01-28"),
        ("The ministers met on Thursday in Geneva.", FRIDAY, "Thursday", "2022-01-27"),
        ("The council will meet on Monday to discuss the crisis.", FRIDAY, "Monday", "2022-01-31"),
        ("The US has called for a meeting Monday of the Security Council.", FRIDAY, "Monday", "2022-01-31"),
        ("Blinken said he would meet Zelensky on Wednesday.", TUESDAY, "Wednesday", "2022-01-19"),
        ("Wallace told Parliament on Monday that weapons were sent.", TUESDAY, "Monday", "2022-01-17"),
        ("Friday's telephone conversation lasted an hour.", FRIDAY, "Friday", "2022-01-28"),
        # deictic days
        ("Officials said yesterday that talks would go on.", FRIDAY, "yesterday", "2022-01-27"),
        ("The summit opens tomorrow.", FRIDAY, "tomorrow", "2022-01-29"),
        # last / this / next week, month, year
        ("Talks in Geneva last week ended without a deal.", FRIDAY, "last week", "2022-W03"),
        ("Troops arrived earlier this week.", FRIDAY, "earlier this week", "2022-W04"),
        ("Exercises are planned for next month.", FRIDAY, "next month", "2022-02"),
        ("Prices rose this month.", FRIDAY, "this month", "2022-01"),
        ("Prices rose last month.", FRIDAY, "last month", "2021-12"),
        ("Growth slowed last year.", FRIDAY, "last year", "2021"),
        # months across a year boundary
        ("The drills will take place in February.", FRIDAY, "February", "2022-02"),
        ("The agreement was signed in December.", FRIDAY, "December", "2021-12"),
        ("Elections are due in January.", "2021-11-20", "January", "2022-01"),
        ("Snow fell heavily in November.", "2022-01-10", "November", "2021-11"),
        # explicit dates
        ("Russia could invade on February 16.", "2022-02-14", "February 16", "2022-02-16"),
        ("The talks ended on 14 February 2022.", None, "14 February 2022", "2022-02-14"),
        ("Russia annexed Crimea in 2014.", FRIDAY, "2014", "2014"),
        ("Fighting has gone on since 2014.", FRIDAY, "2014", "2014"),
        # counted from publication or from the last date mentioned
        ("The envoy left a week ago.", FRIDAY, "a week ago", "2022-W03"),
        ("They met on January 10. Two days later the talks collapsed.", FRIDAY, "Two days later", "2022-01-12"),
        ("They met on January 10. The previous day, troops moved.", FRIDAY, "The previous day", "2022-01-09"),
        ("Sales fell in the third quarter.", "1989-11-02", "the third quarter", "1989-Q3"),
        ("Analysts expect more cuts in coming days.", FRIDAY, "coming days", "FUTURE_REF"),
        ("Rates are high now.", FRIDAY, "now", "PRESENT_REF"),
    ],
)
def test_resolves(text: str, published: str | None, phrase: str, value: str) -> None:
    assert only(text, published, phrase).value == value


def test_two_day_alternatives_are_two_dates() -> None:
    times = find_times("An attack could come on February 16 or 17.", "2022-02-14")
    assert [(t.text, t.value) for t in times] == [("February 16", "2022-02-16"), ("17", "2022-02-17")]


def test_unknown_publication_date_leaves_relative_unresolved() -> None:
    times = {t.text: t for t in find_times("On Friday, a year after the 2014 war, talks resumed last week.", None)}
    assert times["Friday"].value is None
    assert times["last week"].value is None
    assert times["2014"].value == "2014"  # absolute ones still resolve


def test_span_leaves_out_preposition_and_possessive() -> None:
    text = "Officials spoke on Friday about Friday's call."
    assert [t.text for t in find_times(text, FRIDAY)] == ["Friday", "Friday"]


def test_year_used_as_a_name_is_flagged() -> None:
    border = only("Israel rejects a return to the 1967 borders.", FRIDAY, "1967")
    assert border.value == "1967" and border.modifier
    assert not only("Russia annexed Crimea in 2014.", FRIDAY, "2014").modifier


def test_counts_and_names_are_not_years() -> None:
    assert find_times("Some 1500 troops and four rounds of talks; Windows 2000 crashed.", FRIDAY) == []


def test_durations_are_kept_apart_from_dates() -> None:
    text = "The war lasted three years. Talks may resume in the next fortnight."
    kinds = {t.text: (t.kind, t.value) for t in find_times(text, FRIDAY)}
    assert kinds["three years"] == ("duration", "P3Y")
    assert kinds["the next fortnight"] == ("duration", "P2W")


def test_range_is_one_expression() -> None:
    (expr,) = find_times("The fair runs March 3-5.", "2022-02-20")
    assert (expr.kind, expr.value) == ("range", "2022-03-03/2022-03-05")


def test_ambiguous_month_words_need_context() -> None:
    assert find_times("Officials may march on.", FRIDAY) == []
    assert only("Talks resume in May.", FRIDAY, "May").value == "2022-05"


def test_to_dict_has_contract_fields() -> None:
    data = find_times("He spoke on Friday.", FRIDAY)[0].to_dict()
    assert {"start", "end", "text", "value", "grain"} <= data.keys()
    assert data["grain"] == "day"


def test_datetime_publication_and_dateline() -> None:
    assert only("He spoke on Monday.", "2022-02-14T19:24", "Monday").value == "2022-02-14"
    assert dateline_date("14 February 2022, 19:24\n\nThe Kremlin said...") == "2022-02-14"
    assert dateline_date("The Kremlin said on Monday...") is None


def test_generic_weekday_and_match_half_are_not_dates() -> None:
    assert find_times("Come to Norwich on a Friday night.", FRIDAY) == []
    assert find_times("He scored in the first half.", FRIDAY) == []
    assert only("Sales rose in the first half of 2021.", FRIDAY, "first half").value == "2021-H1"


def test_present_progressive_points_forward() -> None:
    assert only("Putin is meeting Macron on Monday.", FRIDAY, "Monday").value == "2022-01-31"


def test_year_zero_periods_are_not_calendar_days() -> None:
    # "the 00s" or a decade "000" has no day 1 in year 0; it must not raise (it did, on a BBC article).
    assert period("00") is None and period("000") is None
    assert period("202") == (date(2020, 1, 1), date(2029, 12, 31))


def _every_candidate(text: str) -> list[tuple[int, int, int, str, tuple[int, int], dict[str, str | None]]]:
    """`times._candidates` without the `Rule.needs` shortcut: every rule's pattern over the whole text."""
    from storyline.analyze.times_patterns import RULES

    found = [(m.start(), -(m.end() - m.start()), k, rule.name, m.span(), m.groupdict())
             for k, rule in enumerate(RULES) for m in rule.pattern.finditer(text) if m.end() > m.start()]
    return sorted(found, key=lambda c: (c[0], c[1], c[2]))


TRICKY = [
    "On Friday, Jan. 28, 2022 the talks resumed; a year ago they had failed. Next week's meeting is due.",
    "The 1990s and the mid-1980s, the '90s; the 21st century; the third quarter of 1990; year-ago figures.",
    "Last night and this morning; tonight; every Monday; weekly; annually; nineteen ninety-six; two thousand.",
    "Recently, currently, nowadays, the near future, the long term, coming weeks, a later date; 1/28/2022.",
    "THE PAST THREE YEARS, NEXT SPRING, IN MARCH 2020, THE DAY BEFORE YESTERDAY, TWO DAYS LATER.",
    "ſpring of 1999 and the 1990ſ; laſt week; three weeKs ago; İstanbul today; ıt is 2022-01-28.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_rule_needs_never_skip_a_match(text: str) -> None:
    from storyline.analyze.times import _candidates

    assert [(a, b, k, r.name, m.span(), m.groupdict()) for a, b, k, r, m in _candidates(text)] == (
        _every_candidate(text))


def test_rule_needs_hold_for_every_match() -> None:
    """Each match of a rule contains one word of each of its `needs` groups (so skipping is safe)."""
    from storyline.analyze.times_patterns import RULES

    for text in TRICKY[:5]:
        for rule in RULES:
            for m in rule.pattern.finditer(text):
                if m.end() > m.start():
                    assert all(any(w in m.group().lower() for w in group) for group in rule.needs), (rule.name, m)
