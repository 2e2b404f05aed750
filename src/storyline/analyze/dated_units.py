"""Report units and their grammatical mode, for dating events without a parser.

A *unit* is a sentence, except that a quotation is never cut: `“If it depends on Russia, then there will be
no war. We don't want wars,” Lavrov said.` is one unit, because the happening it reports is the act of saying,
and the words belong with their attribution. Units never cross a line break (paragraphs are separate).

`mask_quotes` blanks out quoted words (keeping offsets), so that tense cues and time expressions inside a
quotation ("tomorrow there will be war") are not taken for the report's own.

`unit_mode` says whether a unit reports something done, ongoing, or planned/announced, from the verb cues of
its main clause (the first cue outside quotation marks: English news puts the main verb early).
"""

from __future__ import annotations

import itertools
import re
from typing import Literal

from storyline.analyze.lowercase_scan import LowerScan, lowered
from storyline.analyze.times_tense import NOT_PAST, PAST_CUES

Mode = Literal["done", "ongoing", "planned"]

# Words whose trailing period is not a sentence end: titles, initials, month and weekday abbreviations.
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm", "sen", "rep", "gov",
    "pres", "st", "jr", "sr", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "approx", "dept", "est", "fig", "mt", "ft",
})  # fmt: skip
# A sentence end: terminal punctuation, closing quotes/brackets, then space and a capital, digit or opening quote.
_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"([\w.]+)[.!?]+[\"”’')\]]*$")
_LINE = re.compile(r"[^\n]+")
_QUOTED = re.compile(r"“[^“”\n]*”|\"[^\"\n]*\"")
# Continuous aspect and persistence: "is hosting", "are evacuating", "continue to", "has been fighting", "still".
ONGOING_CUES = re.compile(
    r"\b(?:(?:is|are|am|was|were|been)\s+(?!going\s+to\b)(?!being\b)[a-z]+ing|continu(?:e|es|ed|ing)\s+to|"
    r"remains?|still|ongoing|since)\b",
    re.IGNORECASE,
)
# Future and intention, for a whole unit: narrower than `times_tense.FUTURE_CUES`, which also counts "next"
# and "is ...ing" (they tell the tense of a date, but as a unit's main verb they are not a plan).
PLANNED_CUES = re.compile(
    r"\b(?:will|won't|shall|would|'ll|’ll|going\s+to|due\s+to|plans?\s+to|planning\s+to|expected\s+to|"
    r"scheduled\s+to|set\s+to|intends?\s+to|to\s+be\s+held|could|may|might)\b",
    re.IGNORECASE,
)
def _is_abbreviation(word: str) -> bool:
    low = word.lower()
    return low in ABBREVIATIONS or "." in low or (len(word) == 1 and word.isupper())


def _quotes_balanced(line: str) -> bool:
    return line.count('"') % 2 == 0 and line.count("“") == line.count("”")


def _inside_quote(line: str, upto: int) -> bool:
    head = line[:upto]
    return head.count('"') % 2 == 1 or head.count("“") > head.count("”")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_units(text: str) -> list[tuple[int, int]]:
    """Spans of the report units of `text`, in order (see the module docstring)."""
    spans: list[tuple[int, int]] = []
    for line_m in _LINE.finditer(text):
        line, base = line_m.group(0), line_m.start()
        protect = _quotes_balanced(line)
        cuts = [0]
        for m in _END.finditer(line):
            last = _LAST_WORD.search(line, cuts[-1], m.end())
            if last and _is_abbreviation(last.group(1)):
                continue
            if protect and _inside_quote(line, m.end()):
                continue
            cuts.append(m.end())
        cuts.append(len(line))
        for a, b in itertools.pairwise(cuts):
            s, e = _strip(text, base + a, base + b)
            if e > s:
                spans.append((s, e))
    return spans


def mask_quotes(text: str) -> str:
    """`text` with every quotation's inside replaced by spaces (same length, same offsets)."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + " " * (len(m.group(0)) - 2) + m.group(0)[-1], text)


# The cues of `first_tense`, in order, scanned over the lower-cased text (`lowercase_scan`: same matches).
_TENSE_CUES: tuple[tuple[LowerScan, Mode], ...] = (
    (LowerScan(PLANNED_CUES), "planned"), (LowerScan(ONGOING_CUES), "ongoing"), (LowerScan(PAST_CUES), "done"))


def first_tense(masked: str, start: int, end: int) -> Mode | None:
    """The mode given by the first verb cue in masked[start:end] (the main clause), or None without one."""
    low = lowered(masked)
    best: tuple[int, Mode] | None = None
    for scan, mode in _TENSE_CUES:
        for m in scan.finditer(masked, low, start, end):
            if mode == "done" and m.group(0).lower() in NOT_PAST:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), mode)
            break
    return best[1] if best else None
