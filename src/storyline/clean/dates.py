"""Publication dates given as strings in any common form, to ISO 8601 (date, or datetime to the minute)."""

from __future__ import annotations

import re
from datetime import datetime

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Languages dateparser tries for dates written in words. Naming them matters: with languages=None dateparser
# detects the language first, which took 5-10 s on a non-date such as "14 killed 2022" (measured here);
# with this list the same call takes about 5 ms. These cover the outlets storyline has been used on.
DATE_LANGUAGES = ["en", "fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk"]


def normalise_date(value: str) -> str | None:
    """`2022-01-28` stays a date; `14 February 2022, 19:24` -> `2022-02-14T19:24`; junk -> None."""
    value = value.strip()
    if not value:
        return None
    if _ISO_DATE.match(value):
        try:
            datetime.strptime(value, "%Y-%m-%d")
        except ValueError:
            return None
        return value
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return _format(parsed, has_time="T" in value or " " in value.strip())
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, languages=DATE_LANGUAGES, settings={"PREFER_DAY_OF_MONTH": "first",
                                                                "RETURN_AS_TIMEZONE_AWARE": False,
                                                                "STRICT_PARSING": False})
    if parsed is None:
        return None
    return _format(parsed, has_time=bool(re.search(r"\d{1,2}[:.]\d{2}", value)))


def _format(moment: datetime, has_time: bool) -> str:
    if not has_time:
        return moment.strftime("%Y-%m-%d")
    text = moment.strftime("%Y-%m-%dT%H:%M")
    if moment.second:
        text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if moment.tzinfo is not None and moment.utcoffset():
        text += moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:]
    return text
