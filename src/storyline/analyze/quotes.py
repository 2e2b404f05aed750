"""Quotes: direct, partial and reported speech, each with its cue and speaker.

Direct and partial quotes start from the quote marks (`quotemarks`), then look for their frame: the words
around the quoted segment in the same sentence and paragraph, where a cue verb with a subject names the
speaker ("..., Lavrov said", "said Lavrov", "Lavrov told reporters: ..."). Segments of one quote split
around their attribution, and paragraphs of one multi-paragraph quote, are merged into one quote event
(`parts` lists the quoted pieces). A paragraph that is only a quote, with no attribution, continues the
speaker of the quote just before it. Reported speech (`reported`) comes from the dependency parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from storyline.analyze.cues import according_to, is_cue, subject_of
from storyline.analyze.entities import EntityIndex
from storyline.analyze.nlp import sentence_bounds
from storyline.analyze.quote_record import Quote
from storyline.analyze.quotemarks import Segment, find_segments
from storyline.analyze.reported import reported_speech
from storyline.analyze.speakers import Resolver, Speaker

# A quote nobody is credited with is kept only when it reads as a statement: a scare quote, a title
# ("Fox and Friends") or a nickname in marks is shorter than this many words.
MIN_UNATTRIBUTED_WORDS = 6
# An unattributed quote paragraph continues the previous quote's speaker only if that quote is at most
# this many paragraphs back (news keeps a speaker's quote paragraphs together).
MAX_CONTINUATION_GAP = 1
# How far up the parse a quoted segment looks for its cue verb (quote -> clause -> 'that' clause -> verb).
MAX_CUE_HOPS = 6
DASHES = frozenset({"―", "—", "–", "-", "--"})
_RELAY = re.compile(r"^\W*((?:[A-Z][\w.’'-]+\s){0,3}[A-Z][\w’'-]+)\s+(?:said|says|told|has said|had said)\b")


@dataclass
class _Event:
    segs: list[Segment]
    kind: str
    cue: Token | None = None
    subject: Token | None = None
    speaker: Speaker | None = None


class _Tokens:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.starts = [t.idx for t in doc]

    def at(self, char: int) -> Token:
        return self.doc[max(0, bisect.bisect_right(self.starts, char) - 1)]


def _frames(seg: Segment, prev: Segment | None, nxt: Segment | None, toks: _Tokens) -> tuple[list[Token], list[Token]]:
    """Words before the segment (same sentence, after the previous segment) and after it (to sentence end)."""
    doc = toks.doc
    open_tok = toks.at(seg.open_at)
    lo = sentence_bounds(open_tok)[0]
    if prev is not None and prev.paragraph == seg.paragraph:
        lo = max(lo, toks.at(prev.close_at if prev.close_at is not None else prev.end).i + 1)
    before = doc[open_tok.i - 1] if open_tok.i > 0 else None
    if lo == open_tok.i and before is not None and before.text == ":" and "\n" not in before.whitespace_:
        lo = sentence_bounds(before)[0]  # 'Lavrov said:' split off as its own sentence
    para_lo = toks.text.rfind("\n", 0, seg.open_at) + 1
    left = [t for t in doc[lo : open_tok.i] if t.idx >= para_lo and "\n" not in t.text]
    if seg.close_at is None:
        return left, []
    close_tok = toks.at(seg.close_at)
    if close_tok.i + 1 >= len(doc) or "\n" in close_tok.whitespace_ + doc[close_tok.i + 1].text:
        return left, []
    hi = sentence_bounds(doc[close_tok.i + 1])[1]
    if nxt is not None and nxt.paragraph == seg.paragraph:
        hi = min(hi, toks.at(nxt.open_at).i)
    right = []
    for t in doc[close_tok.i + 1 : hi]:
        if "\n" in t.text:
            break
        right.append(t)
    return left, right


def _cue_in(tokens: list[Token], quoted: list[tuple[int, int]]) -> tuple[Token, Token] | None:
    """The first cue verb with a subject outside quotes among `tokens` (or 'according to X')."""
    for t in tokens:
        src = according_to(t)
        if src is not None:
            return t, src
        if is_cue(t):
            subj = subject_of(t)
            if subj is not None and not any(a <= subj.idx < b for a, b in quoted):
                return t, subj
    return None


def _ancestor_cue(seg: Segment, toks: _Tokens, quoted: list[tuple[int, int]]) -> tuple[Token, Token] | None:
    """The cue verb governing the quoted words in the parse: 'X said “...”', '“...,” X said', 'X told
    reporters that the response leaves “little ground”', 'but added: “...”' (subject of the first verb)."""
    first, last = toks.at(seg.start), toks.at(max(seg.start, seg.end - 1))
    inside = range(first.i, last.i + 1)
    best: tuple[int, tuple[Token, Token]] | None = None
    for i in inside:
        tok = toks.doc[i]
        if tok.head.i in inside:
            continue
        node, steps = tok.head, 0
        while steps < MAX_CUE_HOPS:
            if not any(a <= node.idx < b for a, b in quoted) and is_cue(node):
                subj = subject_of(node)
                if subj is not None and not any(a <= subj.idx < b for a, b in quoted):
                    dist = min(abs(node.i - first.i), abs(node.i - last.i))
                    if best is None or dist < best[0]:
                        best = (dist, (node, subj))
                break
            if node.head is node:
                break
            node, steps = node.head, steps + 1
    return best[1] if best else None


def _dash_speaker(right: list[Token]) -> tuple[Token, Token] | None:
    """'“...” ― Pamela Padilla': a dash after the closing mark, then a name, credits the quote."""
    words = [t for t in right if not t.is_space]
    if not words:
        return None
    glued = words[0].i > 0 and words[0].doc[words[0].i - 1].text[-1:] in DASHES  # '”―' as one token
    if words[0].text in DASHES and len(words) > 1:
        name = words[1]
    elif glued:
        name = words[0]
    else:
        return None
    if name.pos_ != "PROPN" and name.ent_type_ != "PERSON":
        return None
    while name.i + 1 < len(name.doc) and name.doc[name.i + 1].pos_ == "PROPN" and name.doc[name.i + 1] in right:
        name = name.doc[name.i + 1]
    return (words[0] if not glued else words[0].doc[words[0].i - 1]), name


def _colon_speaker(left: list[Token]) -> tuple[Token, Token] | None:
    """'Pamela Padilla, 24, of Phoenix: “...”': a colon after a named person introduces their words."""
    if not left or left[-1].text != ":":
        return None
    person = next((t for t in left if t.ent_type_ == "PERSON"), None)
    return (left[-1], person) if person is not None else None


def _is_direct(left: list[Token]) -> bool:
    words = [t for t in left if not t.is_punct]
    if not words:
        return True
    last = left[-1]
    return last.text in {":", ","} or is_cue(words[-1])


def extract_quotes(doc: Doc, entities: EntityIndex) -> list[Quote]:
    """All quotes of one parsed article, in text order."""
    text = doc.text
    segs = find_segments(text)
    quoted = [(s.open_at, (s.close_at if s.close_at is not None else s.end) + 1) for s in segs]
    toks = _Tokens(doc)
    resolver = Resolver(entities, quoted, text)
    events: list[_Event] = []
    for i, seg in enumerate(segs):
        prev = segs[i - 1] if i else None
        left, right = _frames(seg, prev, segs[i + 1] if i + 1 < len(segs) else None, toks)
        last = events[-1] if events else None
        own = _ancestor_cue(seg, toks, quoted) or _cue_in(right, quoted) or _dash_speaker(right)
        if last is not None and prev is not None and prev.continues and seg.paragraph == prev.paragraph + 1:
            last.segs.append(seg)  # next paragraph of a multi-paragraph quote
            if last.cue is None and own:
                last.cue, last.subject = own
            continue
        prev_close = (prev.close_at if prev.close_at is not None else prev.end) if prev is not None else -1
        shared_gap = last is not None and prev is not None and prev.paragraph == seg.paragraph and (
            last.cue is not None and prev_close < last.cue.idx < seg.open_at
        )
        same_cue = own is not None and last is not None and last.cue is not None and own[0].i == last.cue.i
        if ((own is None and shared_gap) or same_cue) and last is not None and last.kind == "direct":
            last.segs.append(seg)  # “…,” Lavrov said. “But …”
            continue
        if own is None and not shared_gap:
            own = _cue_in(list(reversed(left)), quoted) or _colon_speaker(left)
        kind = "direct" if _is_direct(left) else "partial"
        event = _Event([seg], kind)
        if own is not None:
            event.cue, event.subject = own
        elif (kind == "direct" and last is not None and last.subject is not None and last.kind == "direct"
              and 0 <= seg.paragraph - last.segs[-1].paragraph <= MAX_CONTINUATION_GAP and not left):
            event.subject, event.speaker = last.subject, last.speaker  # a further quote paragraph, same speaker
        events.append(event)
        if event.subject is not None and event.speaker is None:
            event.speaker = resolver.speaker(event.subject)
    quotes = [q for e in events if (q := _to_quote(e, text, entities)) is not None]
    quotes += reported_speech(doc, quoted, {q.cue_start for q in quotes if q.cue_start is not None}, resolver)
    return sorted(quotes, key=lambda q: q.start)


def _to_quote(event: _Event, text: str, entities: EntityIndex) -> Quote | None:
    start, end = event.segs[0].start, event.segs[-1].end
    while end > start and text[end - 1].isspace():
        end -= 1
    words = len(text[start:end].split())
    if event.speaker is None and (event.kind == "partial" or words < MIN_UNATTRIBUTED_WORDS):
        return None  # scare quotes, titles, nicknames
    cue = event.cue.text if event.cue is not None and event.cue.lower_ != "according" else (
        "according to" if event.cue is not None else None)
    quote = Quote(start, end, text[start:end], event.kind, cue, event.speaker,
                  [(s.start, s.end) for s in event.segs], cue_start=event.cue.idx if event.cue is not None else None)
    relay = _RELAY.match(text[start:end])
    if relay:
        mention = entities.at(start + relay.start(1), start + relay.end(1))
        if mention is not None and mention.label == "PERSON":
            quote.relays = mention.canonical
    return quote
