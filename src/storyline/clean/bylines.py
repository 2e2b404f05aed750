"""Bylines: "By Jane Doe and John Smith in Kyiv, Reuters" gives the name; "By the end of the week" nothing."""

from __future__ import annotations

import re

from storyline.clean.words import ends_sentence, word_count

# Bylines: "By Jane Doe and John Smith in Kyiv, Reuters" is ten words; more is a sentence.
MAX_BYLINE_WORDS = 10

_BYLINE = re.compile(r"^(?:by|par|von|por|door|di)\s+(?P<name>\S.*)$", re.IGNORECASE)
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞА-ЯІЇЄҐ][\w.'’-]*|[A-Z]\.|&|,)$")
_NAME_JOINERS = frozenset({"and", "in", "for", "of", "de", "van", "von", "der", "da", "del", "la", "le", "with",
                           "the", "und", "et", "y", "e", "i", "и", "і"})
_NOT_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
                        "february", "march", "april", "may", "june", "july", "august", "september", "october",
                        "november", "december", "christmas", "easter"})


def byline_name(line: str) -> str | None:
    """`By Press Association` -> "Press Association"; `By the end of the week` -> None."""
    match = _BYLINE.match(line.strip())
    if not match or ends_sentence(line):
        return None
    name = match.group("name").strip(" ,|-–—")
    tokens = name.replace(",", " , ").split()
    if not tokens or word_count(name) > MAX_BYLINE_WORDS or tokens[0].lower() in _NOT_NAMES:
        return None
    if tokens[0].lower() == "the":
        tokens = tokens[1:]
    if not tokens or not _NAME_TOKEN.match(tokens[0]) or tokens[0] in {"&", ","}:
        return None
    if all(_NAME_TOKEN.match(t) or t.lower() in _NAME_JOINERS for t in tokens):
        return name
    return None

