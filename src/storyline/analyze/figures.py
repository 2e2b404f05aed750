"""Figures: quantities in an article with what they count and how they are qualified.

    find_figures(text, doc=None, times=None) -> list[Figure]
    find_figures_batch(texts) -> list[list[Figure]]

"some 100,000 troops" -> value 100000, qualifier "approximate", subject "troops"; "more than 130,000 Russian
troops on Ukraine's borders" -> subject "Russian troops on Ukraine's borders", owner "Russian", place "Ukraine";
"$6 billion" -> 6e9 USD; "dozens of warships" -> 24-199 (vague); "a third" -> 0.333 (fraction); "between 80
and 100" -> 80 with `value_max` 100.

Two steps: `figures_numbers.find_amounts` reads the amounts from the text alone (digits, number words via
text2num, money, units, qualifiers, ranges); then the parse (`figures_subject`) finds what each counts, and
the rules below drop what is not a figure: dates and times (the spans `analyze.times` finds, month names next
to a number, bare years), ages, labels ("No 10", "Ligue 1", "World War Two", "S-400"), phone numbers,
durations ("three days", which are time expressions), the pronoun "one", scores and page furniture.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from storyline.analyze import figures_lexicon as lx
from storyline.analyze.figures_numbers import Amount, find_amounts
from storyline.analyze.figures_subject import Subject, subject_of
from storyline.analyze.nlp import BATCH_SIZE, parse, parse_one

# The spaCy components figures read: the parse for the counted noun, lemmas for subject keys, NER for owners
# and places ("Russian", "Ukraine"). The same set as quotes, so one parse can serve both.
FIGURE_NEEDS = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"})
# Bare four-digit numbers in this range are years ("in 2014", "the 1997 borders") unless they count a plural
# noun right after them ("1,500 troops" is written with a comma; "1500 troops" rarely).
YEAR_RANGE = (1800, 2100)
# Prepositions and determiners before a bare year ("in 2014", "since 1991", "the 2022 elections").
YEAR_LEADS = {"in", "since", "by", "until", "till", "from", "of", "the", "to", "during", "before", "after", "early",
              "late", "mid", "spring", "summer", "autumn", "winter", "fall", "'s", "’s", "and", "or", "between"}
# Phone numbers: groups of digits split by spaces, dots or hyphens, 9 digits or more in all.
PHONE = re.compile(r"(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{1,5}){2,4}")
PHONE_MIN_DIGITS = 9
# The characters a phone number is written with, from a digit on.
PHONE_RUN = re.compile(r"\d[+()\d\s.-]*")
AGE_AFTER = re.compile(r"^[\s-]*(?:years?|months?|weeks?)[\s-]*old\b", re.I)
AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+$", re.I)
TIME_OF_DAY_AFTER = re.compile(r"^\s?(?:am|pm|a\.m\.|p\.m\.|gmt|bst|cet|utc|hrs|o'clock|h\b)", re.I)
# "a 350-strong force" counts what follows; other hyphen compounds ("three-day", "five-star", "twenty-first")
# are adjectives, ordinals or durations.
HYPHEN_COUNT_SUFFIXES = {"strong"}
# A figure's own span runs on to its counted noun when the noun is this close after the number (characters):
# "more than 130,000 Russian troops", "dozens of warships"; a far-away noun stays in `subject` only.
MAX_NOUN_GAP = 40
# The patterns of the word tests below, compiled once (they run for every amount).
_PREV_WORD = re.compile(r"([\w.'’]+)[^\w]{0,2}$")
_NEXT_WORD = re.compile(r"^[\s(]*([\w']+)")
_HYPHEN_WORD = re.compile(r"^-[A-Za-z]")
_LIST_MARK = re.compile(r"^[.)]\s")
_FOUR_DIGITS = re.compile(r"\d{4}")


@dataclass(frozen=True)
class Figure:
    """text[start:end] is the figure as written ("more than 130,000 Russian troops"). `subject` is what it
    counts with its modifiers (span `subject_start:subject_end`); `subject_head` the counted noun's lemma,
    `owner` / `place` who they belong to and where, when the sentence says. `kind`: count, money, percent,
    measure, fraction, vague. `qualifier`: approximate, more than, at least, up to, fewer than, almost,
    exactly, between (ranges: `value`..`value_max`), or None."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    subject: str | None
    qualifier: str | None
    kind: str = "count"
    value_max: float | None = None
    qualifier_text: str | None = None
    subject_start: int | None = None
    subject_end: int | None = None
    subject_head: str | None = None
    owner: str | None = None
    place: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # `asdict` by hand (it deep-copies field by field), in field order
        data: dict[str, Any] = {
            "start": self.start, "end": self.end, "text": self.text, "value": self.value, "unit": self.unit,
            "subject": self.subject, "qualifier": self.qualifier, "kind": self.kind, "value_max": self.value_max,
            "qualifier_text": self.qualifier_text, "subject_start": self.subject_start,
            "subject_end": self.subject_end, "subject_head": self.subject_head, "owner": self.owner,
            "place": self.place,
        }
        for key in ("value", "value_max"):
            if isinstance(data[key], float) and data[key].is_integer():
                data[key] = int(data[key])
        return data


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text[max(0, pos - 30):pos])
    return m.group(1).lower().rstrip(".") if m else ""


def _next_word(text: str, pos: int) -> str:
    m = _NEXT_WORD.match(text[pos:pos + 30])
    return m.group(1).lower() if m else ""


def _text_says_not_a_figure(text: str, a: Amount, phones: list[tuple[int, int]]) -> bool:
    """Rules that need only the text around the amount."""
    core = text[a.core_start:a.core_end]
    after = text[a.core_end:a.core_end + 20]
    if a.end == a.core_end and after[:1].isalpha() and not a.words:
        return True  # "5G", "1st", "3D", "4x4", "10am"
    if _HYPHEN_WORD.match(after) and a.end == a.core_end and a.kind != "fraction":
        return _next_word(text, a.core_end + 1) not in HYPHEN_COUNT_SUFFIXES
    if a.kind == "count" and a.words and a.value == 1 and core.lower() == "one":
        return True  # "one of the five", "no one", "one day": the pronoun and the article, not a count
    if AGE_AFTER.match(after) or AGE_BEFORE.search(text[max(0, a.start - 8):a.start]):
        return True
    if TIME_OF_DAY_AFTER.match(after):
        return True
    if _prev_word(text, a.start) in lx.MONTHS or _next_word(text, a.end) in lx.MONTHS:
        return True  # "February 16", "14 February"
    if _prev_word(text, a.start) in lx.LABEL_WORDS and a.kind in ("count", "measure") and not a.qualifier:
        return True
    if _next_word(text, a.end) in lx.FURNITURE_AFTER:
        return True
    if any(s <= a.core_start < e for s, e in phones):
        return True
    line_start = text.rfind("\n", 0, a.start) + 1
    return bool(not text[line_start:a.start].strip() and _LIST_MARK.match(text[a.end:a.end + 2]))


def _is_year(text: str, a: Amount, doc: Doc, span: Span) -> bool:
    core = text[a.core_start:a.core_end]
    if not (_FOUR_DIGITS.fullmatch(core) and YEAR_RANGE[0] <= a.value <= YEAR_RANGE[1] and a.kind == "count"):
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    counts_plural = nxt is not None and nxt.tag_ == "NNS" and nxt.lemma_.lower() not in lx.TIME_NOUNS
    return not counts_plural or _prev_word(text, a.start) in YEAR_LEADS


def _is_age_apposition(text: str, a: Amount, span: Span) -> bool:
    """"John Smith, 45, said": a bare number between commas right after a name is an age."""
    prev = span.doc[span.start - 2] if span.start >= 2 else None
    return (prev is not None and prev.pos_ == "PROPN" and text[:a.start].rstrip().endswith(",")
            and text[a.end:].lstrip().startswith(",") and a.kind == "count")


def _is_label(span: Span, subject: Subject | None) -> bool:
    """"Ligue 1", "World War Two", "Radio 4", "Apollo 11": a number right after a proper name that counts
    nothing, or inside a run of capitalised names ("the RBS Six Nations"), is part of the name."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    after_name = prev is not None and prev.pos_ == "PROPN" and (prev.is_title or prev.is_upper)
    # "RBS Six Nations", "Super Mario 64 DS"
    inside_name = after_name and nxt is not None and nxt.pos_ == "PROPN" and (nxt.is_title or nxt.is_upper)
    # "the 2004 Six Nations": a capitalised number word inside a sentence, before a capitalised name
    titled_word = (span[0].is_title and not span[0].is_sent_start and span[0].like_num and not span[0].is_digit
                   and nxt is not None and nxt.pos_ == "PROPN" and nxt.is_title)
    return (subject is None and after_name) or inside_name or titled_word


def _phone_spans(text: str) -> list[tuple[int, int]]:
    # PHONE takes only digits, white space and "+()-." and has no lookaround: each match lies in one run of
    # those characters, and the scan of a run alone finds the same matches. So only the runs with a digit, and
    # digits enough, are scanned (found from their first digit, then widened to the left).
    out = []
    for run in PHONE_RUN.finditer(text):
        start, end = run.start(), run.end()
        while start > 0 and (text[start - 1] in "+()-." or text[start - 1].isspace()):
            start -= 1
        if end - start < PHONE_MIN_DIGITS or sum(ch.isdigit() for ch in text[start:end]) < PHONE_MIN_DIGITS:
            continue
        out += [(m.start(), m.end()) for m in PHONE.finditer(text, start, end)
                if sum(ch.isdigit() for ch in m.group(0)) >= PHONE_MIN_DIGITS]
    return out


def _time_spans(text: str) -> list[tuple[int, int]]:
    from storyline.analyze.times import find_times  # the time tagger is only needed when no spans are given

    return [(t.start, t.end) for t in find_times(text, None)]


def find_figures(text: str, doc: Doc | None = None, times: Sequence[Any] | None = None) -> list[Figure]:
    """The figures of `text`. `doc`: its spaCy parse (made with FIGURE_NEEDS when not given); `times`: its time
    expressions (objects or dicts with start/end; found here when not given)."""
    if doc is None:
        doc = parse_one(text, FIGURE_NEEDS)
    if times is None:
        time_spans = _time_spans(text)
    else:
        time_spans = [(t["start"], t["end"]) if isinstance(t, dict) else (t.start, t.end) for t in times]
    phones = _phone_spans(text)
    out: list[Figure] = []
    for a in find_amounts(text):
        if any(s < a.core_end and a.core_start < e for s, e in time_spans):
            continue
        if _text_says_not_a_figure(text, a, phones):
            continue
        span = doc.char_span(a.body_start, a.body_end, alignment_mode="expand")
        if span is None or len(span) == 0 or _is_age_apposition(text, a, span):
            continue
        if _is_year(text, a, doc, span):
            continue
        subject = subject_of(span, money=a.kind == "money")
        if subject is not None and subject.head in lx.TIME_NOUNS and a.kind in ("count", "vague"):
            continue  # "three days", "four weeks": durations, which analyze.times reports
        if a.kind == "count" and _is_label(span, subject):
            continue
        if subject is None and a.kind == "count" and a.words:
            continue  # "the two committed": a number word standing for people already named
        end = a.end
        if subject is not None and a.end <= subject.start and subject.noun_end - a.end <= MAX_NOUN_GAP:
            end = max(end, subject.noun_end)
        out.append(Figure(
            start=a.start, end=end, text=text[a.start:end], value=a.value, unit=a.unit,
            subject=subject.text if subject else None, qualifier=a.qualifier, kind=a.kind, value_max=a.value_max,
            qualifier_text=a.qualifier_text, subject_start=subject.start if subject else None,
            subject_end=subject.end if subject else None, subject_head=subject.head if subject else None,
            owner=subject.owner if subject else None, place=subject.place if subject else None,
        ))
    return out


def find_figures_batch(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> list[list[Figure]]:
    """Figures of many texts, parsed in batches by the shared pipeline."""
    texts = list(texts)
    docs = parse(texts, FIGURE_NEEDS, batch_size=batch_size)
    return [find_figures(text, doc) for text, doc in zip(texts, docs, strict=True)]
