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

from storyline.analyze import doc_tables as dt
from storyline.analyze.cues import PRONOUNS, SPEECH, according_to, is_cue, subject_of
from storyline.analyze.doc_tables import doc_text, sentence_bounds
from storyline.analyze.entities import EntityIndex
from storyline.analyze.quote_record import Quote
from storyline.analyze.quotemarks import Segment, find_segments
from storyline.analyze.reported import reported_speech
from storyline.analyze.speakers import Resolver, Speaker, mention_span

# A quote nobody is credited with is kept only when it reads as a statement: a scare quote, a title
# ("Fox and Friends") or a nickname in marks is shorter than this many words.
MIN_UNATTRIBUTED_WORDS = 6
# An unattributed quote paragraph continues the previous quote's speaker only if that quote is at most
# this many paragraphs back (news keeps a speaker's quote paragraphs together).
MAX_CONTINUATION_GAP = 1
# How far up the parse a quoted segment looks for its cue verb (quote -> clause -> 'that' clause -> verb).
MAX_CUE_HOPS = 6
# A quote whose words end with a full stop ends its sentence: news writes '“…,” X said' and '“…?” X asked', so
# the words after '.”' are the next sentence, not the quote's frame.
ENDS_SENTENCE = (".", ".'", ".’")
SENTENCE_END = frozenset({".", "?", "!"})
# The words between a quote and its cue verb ('“…,” Rep. Elijah E. Cummings (D-Md.) said') are at most this
# many when they only name the speaker (a name, a title, a party, a short apposition).
MAX_SURFACE_SUBJECT = 12
# A cue read from the word order is a finite verb in the past or present ('said', 'says', 'added').
SURFACE_CUE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
# Titles of shows, books and laws are quoted in title case; speech of this length almost never is.
MAX_TITLE_WORDS = 6
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "or", "with", "for", "to", "at", "by",
                               "from", "is", "are", "be", "it"})
# Words after which a quoted title-case phrase is a name: prepositions ('on “Morning Joe”') and the kinds of
# work a title names. 'called' is left out: a name someone is called by is their words ('“Miss Piggy”').
TITLE_CONTEXT = frozenset({"on", "in", "of", "for", "at", "titled", "entitled", "book", "show", "program",
                           "programme", "film", "movie", "series", "column", "essay", "article", "song", "album",
                           "report", "forum", "act", "bill", "plan", "headline"})
# A paragraph with more than this share of capitalised words is a headline.
HEADLINE_SHARE = 0.8
_WORD = re.compile(r"[\w’'-]+")
DASHES = frozenset({"―", "—", "–", "-", "--"})
_RELAY = re.compile(r"^\W*((?:[A-Z][\w.’'-]+\s){0,3}[A-Z][\w’'-]+)\s+(?:said|says|told|has said|had said)\b")


@dataclass
class _Event:
    segs: list[Segment]
    kind: str
    cue: Token | None = None
    subject: Token | None = None
    speaker: Speaker | None = None
    relayed: Speaker | None = None  # the original speaker when the quote reaches us through another


class _Tokens:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.starts = dt.tables(doc).idx  # read only (bisect)

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
    stop = max((k for k, t in enumerate(left) if t.text in SENTENCE_END), default=-1)
    left = left[stop + 1 :]  # the parser often hangs an opening mark on the sentence before: 'so. “I …'
    if seg.close_at is None:
        return left, []
    close_tok = toks.at(seg.close_at)
    if close_tok.i + 1 >= len(doc) or "\n" in close_tok.whitespace_ + doc[close_tok.i + 1].text:
        return left, []
    after = toks.text[seg.close_at + 1 : seg.close_at + 3].lstrip()
    if toks.text[seg.start : seg.end].rstrip().endswith(ENDS_SENTENCE) and after[:1] not in DASHES:
        return left, []  # '“… smart.” Trump was defensive when …': what follows a full stop is a new sentence
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
            subj = subject_of(t, lambda s: any(a <= s.idx < b for a, b in quoted))
            if subj is not None:
                return t, subj
    return None


def _ancestor_cue(seg: Segment, toks: _Tokens, quoted: list[tuple[int, int]]) -> tuple[Token, Token] | None:
    """The cue verb governing the quoted words in the parse: 'X said “...”', '“...,” X said', 'X told
    reporters that the response leaves “little ground”', 'but added: “...”' (subject of the first verb)."""
    first, last = toks.at(seg.start), toks.at(max(seg.start, seg.end - 1))
    inside = range(first.i, last.i + 1)
    best: tuple[int, tuple[Token, Token]] | None = None
    heads = dt.tables(toks.doc).head
    for i in inside:
        if heads[i] in inside:  # (by index: a Token only where the walk up starts)
            continue
        tok = toks.doc[i]
        node, steps = tok.head, 0
        while steps < MAX_CUE_HOPS:
            if not any(a <= node.idx < b for a, b in quoted) and is_cue(node):
                subj = subject_of(node, lambda s: any(a <= s.idx < b for a, b in quoted))
                if subj is not None:
                    dist = min(abs(node.i - first.i), abs(node.i - last.i))
                    if best is None or dist < best[0]:
                        best = (dist, (node, subj))
                break
            if node.head is node:
                break
            node, steps = node.head, steps + 1
    return best[1] if best else None


def _is_title(quoted: str) -> bool:
    """A short quote in title case is the name of a show, a book or a law, not words anyone said."""
    words = _WORD.findall(quoted)
    if not 2 <= len(words) <= MAX_TITLE_WORDS:
        return False
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content) and any(
        any(c.islower() for c in w) for w in content)


def _title_context(text: str, seg: Segment) -> bool:
    """The words before the quote announce a name ('on “Fox News Sunday”', 'his book, “…”'), in a paragraph
    that is not itself a headline (headlines are in title case, quotes in them too)."""
    para_lo = text.rfind("\n", 0, seg.open_at) + 1
    para_hi = text.find("\n", seg.open_at)
    para = text[para_lo : para_hi if para_hi >= 0 else len(text)]
    outside = [w.strip("'’-") for w in _WORD.findall(para) if w.lower() not in TITLE_SMALL_WORDS]
    outside = [w for w in outside if w]
    if outside and sum(w[0].isupper() for w in outside) / len(outside) > HEADLINE_SHARE:
        return False
    before = _WORD.findall(text[para_lo : seg.open_at])
    return bool(before) and before[-1].lower() in TITLE_CONTEXT


def _according_frame(seg: Segment, toks: _Tokens, quoted: list[tuple[int, int]]) -> tuple[Token, Token] | None:
    """'according to X' after the quote in its sentence: X is the source the whole report comes from."""
    if seg.close_at is None:
        return None
    close_tok = toks.at(seg.close_at)
    hi = sentence_bounds(close_tok)[1]
    for t in toks.doc[close_tok.i + 1 : hi]:
        if "\n" in t.text:
            break
        src = according_to(t)
        if src is not None and not any(a <= src.idx < b for a, b in quoted):
            return t, src
    return None


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


def _np_head(words: list[Token]) -> Token | None:
    """The speaker in the words between a quote and its cue: the first person named, else a pronoun, else the
    last noun before an apposition ('Obama's former campaign strategist', 'the letter')."""
    for t in words:
        if t.ent_type_ == "PERSON":
            while t.i + 1 < len(t.doc) and t.doc[t.i + 1].ent_iob_ == "I" and t.doc[t.i + 1] in words:
                t = t.doc[t.i + 1]
            return t
    for t in words:
        if t.lower_ in PRONOUNS:
            return t
    head = None
    for t in words:
        if t.text in {",", "(", "—", "–"}:
            break
        if t.pos_ in {"NOUN", "PROPN"}:
            head = t
    return head


def _surface_speaker(right: list[Token]) -> tuple[Token, Token] | None:
    """'“…,” Tulsa police Chief Chuck Jordan said' and '“…,” said Alan Cole, an economist' read from the word
    order alone, when the parse of the frame has gone wrong (a subject hung inside the quote, a name tagged as
    a verb): a short run of words with no other verb, then a cue (or the cue, then the name)."""
    words = [t for t in right if not t.is_space]
    while words and words[0].is_punct:
        words = words[1:]
    if not words:
        return None
    if _surface_cue(words[0]):
        head = _np_head(words[1 : 1 + MAX_SURFACE_SUBJECT])
        return (words[0], head) if head is not None else None
    for k, t in enumerate(words[: MAX_SURFACE_SUBJECT + 1]):
        if _surface_cue(t):
            head = _np_head(words[:k])
            return (t, head) if head is not None else None
        if t.pos_ in {"VERB", "AUX"} and t.text.islower():
            return None  # another verb first: the words after the quote are a clause of their own
    return None


def _surface_cue(tok: Token) -> bool:
    return tok.text.islower() and tok.lemma_.lower() in SPEECH and tok.tag_ in SURFACE_CUE_TAGS


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
    text = doc_text(doc)
    segs = find_segments(text)
    quoted = [(s.open_at, (s.close_at if s.close_at is not None else s.end) + 1) for s in segs]
    toks = _Tokens(doc)
    resolver = Resolver(entities, quoted, text)
    events: list[_Event] = []
    for i, seg in enumerate(segs):
        prev = segs[i - 1] if i else None
        left, right = _frames(seg, prev, segs[i + 1] if i + 1 < len(segs) else None, toks)
        last = events[-1] if events else None
        own = (_ancestor_cue(seg, toks, quoted) or _cue_in(right, quoted) or _dash_speaker(right)
               or _surface_speaker(right))
        new_voice = own is not None and last is not None and last.speaker is not None and (
            resolver.name_for(own[1], *mention_span(own[1])) not in (None, last.speaker.name))
        if (last is not None and prev is not None and prev.continues and seg.paragraph == prev.paragraph + 1
                and not new_voice):  # (a paragraph with an attribution of its own to someone else is a new quote)
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
        source = _according_frame(seg, toks, quoted) if event.cue is not None else None
        if source is not None and event.cue is not None and event.cue.i != source[0].i and event.subject is not None:
            event.relayed = resolver.speaker(event.subject)  # 'A told B that “…,” according to X': X relays A
            event.cue, event.subject, event.speaker = source[0], source[1], None
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
    if _is_title(text[start:end]) and _title_context(text, event.segs[0]):
        return None  # 'on “Fox News Sunday,”', 'his book, “Make Your Kid a Millionaire,”': a name, not words said
    cue = event.cue.text if event.cue is not None and event.cue.lower_ != "according" else (
        "according to" if event.cue is not None else None)
    quote = Quote(start, end, text[start:end], event.kind, cue, event.speaker,
                  [(s.start, s.end) for s in event.segs], cue_start=event.cue.idx if event.cue is not None else None)
    if event.relayed is not None and event.relayed.name:
        quote.relays = event.relayed.name
    relay = _RELAY.match(text[start:end])
    if relay and quote.relays is None:
        mention = entities.at(start + relay.start(1), start + relay.end(1))
        if mention is not None and mention.label == "PERSON":
            quote.relays = mention.canonical
    return quote
