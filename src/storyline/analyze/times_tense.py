"""Tense of the clause around a time expression, from verb and modal cues (no parser needed).

`clause_tense(text, start, end)` looks for the cue words nearest to the expression inside its clause and
returns "future" (will, is due to, plans to, is expected to, would, next...), "past" (past-tense and
perfect verbs, "ago"), or None when the clause gives no cue. Nearness is counted in words; a cue after the
expression counts a little farther than one before it, because in news English the verb that a date
modifies usually precedes it ("said on Friday", "will meet on Monday") and the clause after "On Friday, ..."
is the exception.
"""

from __future__ import annotations

import re
from typing import Literal

from storyline.analyze.lowercase_scan import LowerScan, lowered

Tense = Literal["past", "future"]

# How far (in words) a cue may be from the expression and still decide its tense: about one clause.
MAX_CUE_DISTANCE = 12
# A cue after the expression counts this much farther than one at the same distance before it.
AFTER_PENALTY = 1.5

FUTURE_CUES = re.compile(
    r"\b(?:will|won't|wo\s+n't|shall|would|'ll|’ll|going\s+to|gonna|due\s+to|plans?\s+to|planning\s+to|"
    r"expected\s+to|expects?\s+to|scheduled|set\s+to|intends?\s+to|aims?\s+to|hopes?\s+to|is\s+to|are\s+to|"
    r"to\s+be\s+held|upcoming|ahead\s+of|next|coming|could|may|might|must|should|seeks?\s+to|wants?\s+to|"
    r"(?:is|are)\s+(?!being\b)\w+ing|planned|call(?:s|ed|ing)?\s+for|look(?:s|ed|ing)?\s+forward\s+to|invit(?:es?|ed)\s+to|until|by\s+the\s+time|starting|from\s+(?=\w+day))\b",
    re.IGNORECASE,
)
# Irregular past forms common in news, and anything ending in -ed (filtered by NOT_PAST).
PAST_CUES = re.compile(
    r"\b(?:was|were|had|did|said|told|met|went|came|made|took|gave|saw|held|began|left|spoke|wrote|sent|won|"
    r"lost|fell|rose|got|brought|thought|found|felt|kept|led|paid|sold|bought|ran|stood|struck|hit|became|"
    r"broke|drew|grew|knew|showed|shown|spent|understood|ago|earlier|last|[a-z]+ed)\b",
    re.IGNORECASE,
)
# Words in -ed that are not past-tense verbs (or are adjectives before the expression: "the planned talks"
# are future, handled by the future cue "planned" winning ties below).
NOT_PAST = frozenset({
    "need", "speed", "seed", "feed", "bed", "red", "shed", "hundred", "united", "indeed", "proceed", "succeed",
    "exceed", "embed", "breed", "greed", "weed", "ted", "fred", "ed", "med", "bred", "sled", "wed", "shred",
    "planned", "scheduled", "expected", "proposed", "anticipated", "supposed", "related", "based", "limited",
    "alleged", "so-called", "armed", "advanced", "detailed", "concerned",
})  # fmt: skip
# Clause boundaries: sentence ends, semicolons, line breaks, and quotation marks (a quote has its own tense).
CLAUSE_BREAK = re.compile(r"[.!?;:]\s|\n|[\"“”]|\s[–—]\s")
# After the expression, a subordinate clause starts a new verb's domain too ("said Thursday that Russia could
# invade": "could" is not the tense of Thursday).
CLAUSE_BREAK_AFTER = re.compile(r"[.!?;:]\s|\n|[\"“”]|\s[–—]\s|\b(?:that|which|who|because|while|if|when)\b",
                                re.IGNORECASE)
_WORD = re.compile(r"[\w'’]+")


# The case-insensitive patterns, scanned over the lower-cased text (`lowercase_scan`: same matches, faster).
_FUTURE, _PAST, _BREAK_AFTER = LowerScan(FUTURE_CUES), LowerScan(PAST_CUES), LowerScan(CLAUSE_BREAK_AFTER)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last break before it to the first break after it."""
    left = 0
    for m in CLAUSE_BREAK.finditer(text, max(0, start - 400), start):
        left = m.end()
    m = _BREAK_AFTER.search(text, lowered(text), end, min(len(text), end + 400))
    right = m.start() if m else min(len(text), end + 400)
    return left, right


def _cues(text: str, scan: LowerScan, lo: int, hi: int, tense: Tense) -> list[tuple[int, int, Tense]]:
    out: list[tuple[int, int, Tense]] = []
    for m in scan.finditer(text, lowered(text), lo, hi):
        word = m.group(0).lower()
        if tense == "past" and word in NOT_PAST:
            continue
        out.append((m.start(), m.end(), tense))
    return out


def clause_tense(text: str, start: int, end: int) -> Tense | None:
    """The tense the clause gives the expression at [start, end), or None when it gives no cue."""
    left, right = clause_bounds(text, start, end)
    cues = _cues(text, _FUTURE, left, right, "future") + _cues(text, _PAST, left, right, "past")
    best: tuple[float, int, Tense] | None = None
    for c_start, c_end, tense in cues:
        if c_start < end and c_end > start:
            continue  # a cue word inside the expression itself ("last Friday") is the resolver's business
        if c_end <= start:
            distance: float = len(_WORD.findall(text, c_end, start))
        else:
            distance = len(_WORD.findall(text, end, c_start)) * AFTER_PENALTY
        if distance > MAX_CUE_DISTANCE:
            continue
        rank = 0 if tense == "future" else 1  # ties go to the future cue ("planned", "would")
        if best is None or (distance, rank) < (best[0], best[1]):
            best = (distance, rank, tense)
    return best[2] if best else None
