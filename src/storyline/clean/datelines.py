"""Datelines: lines that are nothing but a date, and the date part a dateline gives to normalise_date."""

from __future__ import annotations

import re

# A dateline is a date, a time and a zone, maybe a label: "First published on Mon 14 Feb 2022 19.24 GMT".
MAX_DATELINE_TOKENS = 12

# A line that is nothing but a date (with a time, a zone, a weekday and a "Published:" label at most) is
# metadata, never prose. Tokens are checked one by one, so "Election 2022" or "14 killed" never pass.
_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
           "|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_WEEKDAYS = "mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?"
_ZONES = "gmt|utc|bst|cet|cest|eet|eest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ct|msk|ist|aest|aedt|jst|kst|hkt|sgt|z"
_MONTH_TOKEN = re.compile(rf"^(?:{_MONTHS})\.?$")
# Month names (stems) of the other languages news arrives in: French, German, Spanish, Italian, Portuguese,
# Dutch, Ukrainian, Russian, Polish. Listed rather than guessed, because asking dateparser about an unknown
# word tries every language it knows and takes seconds.
_FOREIGN_MONTH_TOKEN = re.compile(
    r"^(?:janv|f[ée]vr|mars|avr|mai|juin|juil|ao[uû]t|d[ée]c|januar|februar|m[äa]rz|juni|juli|okt|dez|enero"
    r"|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio"
    r"|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|mar[çc]o|maio|junho|julho"
    r"|setembro|outubro|novembro|dezembro|januari|februari|maart|mei|augustus|oktober|січ|лют|берез|квіт|трав"
    r"|черв|лип|серп|верес|жовт|листоп|груд|январ|феврал|март|апрел|ма[йя]|июн|июл|август|сентябр|октябр"
    r"|ноябр|декабр|stycz|lut|marc|kwie|maj|czerw|lip|sierp|wrze[sś]|pa[zź]dz|listop|grud)[^\W\d]{0,7}\.?$"
)
_YEAR_TOKEN = re.compile(r"^(?:19|20)\d{2}$")
_DAY_TOKEN = re.compile(r"^\d{1,2}(?:st|nd|rd|th|\.)?$")
_FULL_DATE_TOKEN = re.compile(r"^(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d{2}"
                              r"|(?:19|20)\d{2}-\d{2}-\d{2}(?:t[\d:.]+(?:z|[+-][\d:]+)?)?)$")
_OTHER_TOKEN = re.compile(
    rf"^(?:(?:{_WEEKDAYS})\.?|\d{{1,2}}[:.h]\d{{2}}(?::\d{{2}})?(?:am|pm)?|a\.?m\.?|p\.?m\.?|{_ZONES}"
    r"|[+-]\d{2}:?\d{2}|utc[+-]\d{1,2}|at|on|the|of|published|updated|posted|modified|last|first|date|dated"
    r"|le|el|de|del|der|den|am|um|à|a|o|в|о|у|р\.?|г\.?"
    r"|[|·•/–—-])$"
)
_DATE_LABEL = re.compile(
    r"^(?:(?:first|last)\s+)?(?:published|updated|posted|modified|dated?)(?:\s+(?:on|at))?\s*:?\s*", re.IGNORECASE
)
_LABEL_COLON = re.compile(r"(?<=[^\W\d]):|:(?!\d)")  # "Published:" but not "19:24"
_DATE_SPLIT = re.compile(r"[\s,]+")
_YEAR = re.compile(r"(?:19|20)\d{2}")
_DATE_SEGMENTS = re.compile(r"\s+[|·•]\s+|\s+(?=(?:last\s+)?updated\b)", re.IGNORECASE)


def is_dateline(line: str) -> bool:
    tokens = _DATE_SPLIT.split(_LABEL_COLON.sub(" ", line.lower()).strip())
    if not tokens or len(tokens) > MAX_DATELINE_TOKENS:
        return False
    year = month = day = False
    for token in tokens:
        if _FULL_DATE_TOKEN.match(token):
            year = month = day = True
        elif _YEAR_TOKEN.match(token):
            year = True
        elif _MONTH_TOKEN.match(token) or _FOREIGN_MONTH_TOKEN.match(token):
            month = True
        elif _DAY_TOKEN.match(token):
            day = True
        elif not _OTHER_TOKEN.match(token):
            return False
    return year and month and day


def dateline_date(line: str) -> str:
    """The date part of a dateline, labels and later "Updated …" parts dropped: what normalise_date reads."""
    segments = [_DATE_LABEL.sub("", part).strip() for part in _DATE_SEGMENTS.split(line.strip())]
    return next((part for part in segments if _YEAR.search(part)), segments[0])


def has_date_label(line: str) -> bool:
    """"Published: …", "Updated …": a dateline that says it is one (trusted anywhere in the text)."""
    return _DATE_LABEL.match(line.strip()) is not None
