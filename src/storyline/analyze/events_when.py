"""When an event happened, and its mode when the sentence names it (used by `events.py`).

The date is that of a time expression modifying the event's clause ("met on Friday", "Friday's call", "since
2014, when Russia annexed ..."), else the article's publication day (`date_from` says which): the nearest
date in the sentence is often another event's ("told Macron ... back to where they were in 1997").
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Span, Token

from storyline.analyze import events_lexicon as lx
from storyline.analyze.events_parse import Coded

_DAYLIKE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2})?$")


def _attached(tok: Token, anchors: set[int]) -> bool:
    """Whether `tok` modifies one of the anchor tokens (directly, through a preposition, or a possessive)."""
    if tok.i in anchors:
        return True
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i in anchors:
            return True
    return False


def sentence_mode(kind: str, sent: Span) -> str | None:
    words = lx.MODE_WORDS.get(kind)
    if not words:
        return None
    for tok in sent:
        if tok.lower_ in words:
            return words[tok.lower_]
    return "troops" if kind == "MOBILIZE" else None


def event_date(coded: Coded, sent: Span, times: list[dict[str, Any]],
          published: str | None) -> tuple[str | None, str]:
    """The date of a time expression that modifies the event's clause ("met on Friday", "Friday's call"),
    the nearest first; else the publication day."""
    trigger = coded.trigger
    anchors = {trigger.i, *(t.i for t in coded.chain)}
    outer = coded.chain[0] if coded.chain else trigger
    if outer.dep_ == "relcl":  # "since 2014, when Russia annexed Crimea": the clause dates its head
        anchors.add(outer.head.i)
    best: tuple[int, str] | None = None
    for t in times:
        value = t.get("value")
        if not value or t.get("modifier") or not _DAYLIKE.match(str(value)):
            continue
        if not (sent.start_char <= t["start"] and t["end"] <= sent.end_char):
            continue
        tok = sent.doc.char_span(t["start"], t["end"], alignment_mode="expand")
        if tok is None or not _attached(tok.root, anchors):
            continue
        distance = abs(t["start"] - trigger.idx)
        if best is None or distance < best[0]:
            best = (distance, str(value))
    if best is not None:
        return best[1], "text"
    return (published[:10] if published else None), "published"
