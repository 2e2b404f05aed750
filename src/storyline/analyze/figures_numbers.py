"""Amounts in running text, without a parse: where a number is, what it is worth, its unit and its qualifier.

    find_amounts(text) -> list[Amount]

Digits ("100,000", "1.5 million", "$6bn"), number words ("four", "twenty-three", "six billion"; read by
text2num), "a dozen", vague amounts ("dozens", "tens of thousands"), fractions ("a third", "two-thirds"),
percentages, money (symbol before or word after), measures ("80 km") and ranges ("between 80 and 100",
"80-100", "from 5 to 6 million"). Which amounts are dates, names or furniture, and what they count, is decided
with the parse in `analyze.figures`.

Why not quantulum3 (installable here, and it does find quantities): on BBC articles it takes ~225 ms per article
(our whole extractor, parse excluded, is a few ms), it reads years and day numbers as quantities, it merges
neighbouring amounts ("$6 billion and six billion dollars" became one quantity of 6,000,000,006), and it
gives no counted noun, which a news figure is all about. Number words are read with text2num, a maintained
library with a compiled core; "a hundred" and "dozen", which it rejects, are handled here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from text_to_num import text2num

from storyline.analyze import figures_lexicon as lx
from storyline.analyze.lowercase_scan import LowerScan, lowered


@dataclass(frozen=True)
class Amount:
    """text[start:end] is the amount with its qualifier, currency and unit; `value_max` is set for ranges and
    vague amounts. `kind`: count, money, percent, measure, fraction, vague. `core_start/core_end` span the
    number itself (without qualifier, currency symbol or unit)."""

    start: int
    end: int
    value: float
    kind: str = "count"
    unit: str | None = None
    value_max: float | None = None
    qualifier: str | None = None
    qualifier_text: str | None = None
    core_start: int = 0
    core_end: int = 0
    words: bool = False  # written in words ("four"), not digits
    body_start: int = 0  # the amount with currency and unit but without its qualifier ("$6 billion")
    body_end: int = 0


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation, longest first so that "seventeen" wins over "seven"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUMBER_WORD = _alternation([*lx.UNIT_WORDS, *lx.SCALE_WORDS])
# A digit run not glued to a word or to another number ("S-400", "G7", "3.8.0", "19:24", "1/2" are not amounts).
DIGITS = re.compile(r"(?<![\w.,:/@#])(?<![A-Za-z]-)(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
                    r"(?!\d|[,.:/]\d)")
# Number words start with a unit word ("six billion") or "a"/"an" before a scale ("a hundred"); a lone scale
# word ("billion") belongs to the digits before it.
WORDS = re.compile(rf"\b(?:an?\s+(?:{_alternation(lx.SCALE_WORDS)})|{_alternation(lx.UNIT_WORDS)})"
                   rf"(?:(?:\s+and\s+|[\s-]+)(?:{_NUMBER_WORD}))*\b", re.I)
VAGUE = re.compile(rf"\b(?:{_alternation(lx.VAGUE_AMOUNTS)})\b", re.I)
DOZEN = re.compile(rf"\b(?:{_alternation(lx.DOZEN_PHRASES)})\b", re.I)
FRACTION = re.compile(
    rf"\b(?:(?P<count>{_alternation(lx.FRACTION_COUNTS)})[\s-]+)?(?P<den>{_alternation(lx.DENOMINATORS)})\b", re.I)
SCALE_AFTER = re.compile(rf"^(?:\s?(?P<abbr>{_alternation(lx.SCALE_ABBREVIATIONS)})\b|\s+(?P<word>"
                         rf"{_alternation(lx.SCALE_WORDS)})\b)", re.I)
CURRENCY_BEFORE = re.compile(rf"(?:{_alternation(lx.CURRENCY_SYMBOLS)})\s?$", re.I)
CURRENCY_AFTER = re.compile(rf"^\s+(?:of\s+)?(?P<cur>{_alternation(lx.CURRENCY_WORDS)})\b", re.I)
UNIT_AFTER = re.compile(rf"^\s?(?P<unit>{_alternation(lx.MEASURE_UNITS)})(?!\w)", re.I)
_QUAL_BEFORE = {phrase: norm for norm, phrases in lx.QUALIFIERS_BEFORE.items() for phrase in phrases}
QUALIFIER_BEFORE = re.compile(rf"\b(?P<q>{_alternation(_QUAL_BEFORE)})\s+$", re.I)
_QUAL_AFTER = {phrase: norm for norm, phrases in lx.QUALIFIERS_AFTER.items() for phrase in phrases}
QUALIFIER_AFTER = re.compile(rf"^\s?(?P<q>{_alternation(_QUAL_AFTER)})\b", re.I)
# Range joiners between two amounts: "80-100", "80 to 100", "80 and 100" (after "between"), "80 or 90".
RANGE_GAP = re.compile(r"^\s*(?:-|–|—|to|and|or)\s*$", re.I)
HYPHENS = ("-", "–", "—")
# Scale abbreviations read glued to a bare number ("a 6bn deal"); "m", "k" and "b" need money around them,
# since "60m" is sixty metres and "4k" a screen.
SAFE_ABBREVIATIONS = {"bn", "mn", "mln", "tn", "trn"}
# How far back a qualifier or currency symbol may sit (characters): longer than the longest phrase.
LOOKBACK = 30


def _money_scale(text: str, start: int, end: int) -> bool:
    """Whether an amount is money, so that "m" and "k" read as million and thousand ("£3.5m", "5m euros")."""
    return bool(CURRENCY_BEFORE.search(text[max(0, start - 4):start]) or CURRENCY_AFTER.match(text[end:end + 20]))


def _words_value(phrase: str) -> float | None:
    """The value of a number-word phrase, or None; "a hundred" reads as "one hundred"."""
    words = re.sub(r"^an?\s+", "one ", phrase.lower().replace("-", " "))
    words = re.sub(r"\s+", " ", words).strip()
    try:
        return float(text2num(words, "en"))
    except ValueError:
        return None


def _digits_value(raw: str) -> float:
    return float(raw.replace(",", ""))


# The word-list patterns, scanned over the lower-cased text (`lowercase_scan`: same matches, several times faster).
_WORDS, _DOZEN, _VAGUE, _FRACTION = (LowerScan(p) for p in (WORDS, DOZEN, VAGUE, FRACTION))


def _raw_amounts(text: str) -> list[Amount]:
    """Every number-like span, overlapping allowed; `_longest` keeps one per place."""
    out: list[Amount] = []
    lower_text = lowered(text)
    for m in DIGITS.finditer(text):
        value, end = _digits_value(m.group(1)), m.end()
        scale = SCALE_AFTER.match(text[end:end + 12])
        # "1.5 million", "$6bn", "£3.5m"; an abbreviation only when glued on or after a currency symbol ("5 m"
        # is five metres).
        if scale and (scale.group("word") or _money_scale(text, m.start(), end + scale.end())
                      or (scale.group("abbr").lower() in SAFE_ABBREVIATIONS and not text[end:end + 1].isspace())):
            word = (scale.group("word") or scale.group("abbr")).lower()
            value *= lx.SCALE_WORDS.get(word) or lx.SCALE_ABBREVIATIONS[word]
            end += scale.end()
        out.append(Amount(m.start(), end, value, core_start=m.start(), core_end=m.end()))
    for m in _WORDS.finditer(text, lower_text):
        phrase = text[m.start() : m.end()]  # as written (the match may be in the lower-cased text)
        value = _words_value(phrase)
        while value is None and re.search(r"[\s-]", phrase):  # "two and three": keep the readable head
            phrase = re.split(r"(?:\s+and\s+|[\s-]+)(?=\S+$)", phrase)[0]
            value = _words_value(phrase)
        if value is not None:
            end = m.start() + len(phrase)
            out.append(Amount(m.start(), end, value, core_start=m.start(), core_end=end, words=True))
    for m in _DOZEN.finditer(text, lower_text):
        value = lx.DOZEN_PHRASES[m.group(0).lower()]
        out.append(Amount(m.start(), m.end(), value, core_start=m.start(), core_end=m.end(), words=True))
    for m in _VAGUE.finditer(text, lower_text):
        low, high = lx.VAGUE_AMOUNTS[m.group(0).lower()]
        out.append(Amount(m.start(), m.end(), low, kind="vague", value_max=high, core_start=m.start(),
                          core_end=m.end(), words=True))
    for m in _FRACTION.finditer(text, lower_text):
        count, den = m.group("count"), m.group("den").lower()
        after = text[m.end():m.end() + 4].lower()
        # "a third of", "two-thirds", "half of"; not "the third day" or "a third Briton" (ordinals).
        if count is None and not (den == "half" and after.startswith(" of")):
            continue
        if count is not None and not (after.startswith(" of") or den.endswith("s") or not re.match(r"\s+[a-z]", after)):
            continue
        value = lx.FRACTION_COUNTS.get((count or "a").lower(), 1) / lx.DENOMINATORS[den]
        out.append(Amount(m.start(), m.end(), value, kind="fraction", core_start=m.start(), core_end=m.end(),
                          words=True))
    return out


def _longest(amounts: list[Amount]) -> list[Amount]:
    """One amount per place: the longest wins, ties go to the earlier; vague and fraction beat plain words."""
    rank = {"vague": 0, "fraction": 0}
    ordered = sorted(amounts, key=lambda a: (-(a.end - a.start), rank.get(a.kind, 1), a.start))
    kept: list[Amount] = []
    for a in ordered:
        if all(a.end <= k.start or a.start >= k.end for k in kept):
            kept.append(a)
    return sorted(kept, key=lambda a: a.start)


def _with_scale_and_unit(text: str, a: Amount) -> Amount:
    """Extend an amount over what follows it (scale, currency word, unit) and what precedes it (currency)."""
    end, kind, unit = a.end, a.kind, a.unit
    start = a.start
    before = CURRENCY_BEFORE.search(text[max(0, start - 4):start])
    if before and kind in ("count", "vague"):
        kind, unit = "money", lx.CURRENCY_SYMBOLS[before.group(0).strip().lower()]
        start -= len(before.group(0))
    m = CURRENCY_AFTER.match(text[end:end + 20])
    if m and kind in ("count", "vague", "fraction"):
        kind, unit, end = "money", lx.CURRENCY_WORDS[m.group("cur").lower()], end + m.end()
    elif kind in ("count", "fraction"):
        m = UNIT_AFTER.match(text[end:end + 24])
        if m and not (m.group("unit").lower() in ("m", "b") and kind == "count"):
            unit = lx.MEASURE_UNITS[m.group("unit").lower()]
            kind, end = ("percent" if unit in ("%", "pp") else "measure"), end + m.end()
    return replace(a, start=start, end=end, kind=kind, unit=unit, body_start=start, body_end=end)


def _with_qualifier(text: str, a: Amount) -> Amount:
    before = QUALIFIER_BEFORE.search(text[max(0, a.start - LOOKBACK):a.start])
    if before:
        q = before.group("q")
        return replace(a, start=a.start - len(text[max(0, a.start - LOOKBACK):a.start]) + before.start(),
                       qualifier=_QUAL_BEFORE[q.lower()], qualifier_text=q)
    after = QUALIFIER_AFTER.match(text[a.end:a.end + 16])
    if after:
        q = after.group("q")
        return replace(a, end=a.end + after.end(), qualifier=_QUAL_AFTER[q.lower()], qualifier_text=q)
    return a


def _ranges(text: str, amounts: list[Amount]) -> list[Amount]:
    """Join "80-100", "80 to 100", "between 80 and 100", "from 5 to 6 million" into one amount with
    `value_max`. A hyphen pair whose first number is not the smaller is a score or a label ("3-1")."""
    out: list[Amount] = []
    i = 0
    while i < len(amounts):
        a = amounts[i]
        b = amounts[i + 1] if i + 1 < len(amounts) else None
        gap = text[a.end:b.start] if b else ""
        if b and a.kind in ("count", "money", "percent", "measure") and RANGE_GAP.match(gap):
            lead = re.search(r"\b(between|from)\s+$", text[max(0, a.start - 10):a.start], re.I)
            joiner = gap.strip().lower()
            low = a.value
            if a.end == a.core_end and b.end > b.core_end and b.kind in ("count", "money"):
                low *= b.value / _digits_or(text, b)  # "5 to 6 million": 5 takes the scale of 6 million
            if joiner == "and":
                ok = lead is not None and lead.group(1).lower() == "between" and low < b.value
            else:
                ok = low < b.value
            if ok:
                start = a.start - (len(lead.group(0)) if lead else 0)
                kind = b.kind if b.kind != "count" else a.kind
                out.append(replace(b, start=start, value=low, value_max=b.value, kind=kind, unit=b.unit or a.unit,
                                   qualifier="between", qualifier_text=(lead.group(1) if lead else joiner),
                                   core_start=a.core_start, words=a.words and b.words, body_start=a.body_start))
                i += 2
                continue
            if joiner in HYPHENS and not a.words and not b.words:  # "3-1", "2-2": a score or a label
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _digits_or(text: str, a: Amount) -> float:
    """The bare number of an amount before its scale ("6" of "6 million"); the value when not digits."""
    m = re.match(r"[\d,.]+", text[a.core_start:a.core_end])
    return _digits_value(m.group(0)) if m and not a.words else a.value


def find_amounts(text: str) -> list[Amount]:
    """Amounts in `text`, in order, with scale, unit, currency, qualifier and ranges applied."""
    amounts = [_with_scale_and_unit(text, a) for a in _longest(_raw_amounts(text))]
    amounts = [_with_qualifier(text, a) for a in _ranges(text, amounts)]
    return amounts
