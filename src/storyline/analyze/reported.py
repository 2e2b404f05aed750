"""Reported speech without quote marks, from the dependency parse.

'Lavrov said Russia does not want war' (cue with a subject and a clausal complement), 'X told reporters
that ...', 'X said in a statement that ...', inversions ('..., said Lavrov' / '..., sources said', where
the reported clause is the cue's head or its clausal child on the left), 'according to X', and cue nouns
('his claim that ...', `nouncues`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.analyze import doc_tables as dt
from storyline.analyze.cues import OBJECT, REPORTED, according_to, is_cue, subject_of
from storyline.analyze.doc_tables import doc_text, sentence_bounds
from storyline.analyze.nouncues import NOUN_CUES, noun_attribution
from storyline.analyze.quote_record import Quote
from storyline.analyze.speakers import Resolver

# An attributed object ('praised the work', 'vowed to bring back jobs') needs at least this many tokens:
# a bare pronoun ('denied it') says nothing on its own.
MIN_OBJECT_TOKENS = 2
OBJECT_DEPS = frozenset({"dobj", "xcomp"})
OBJECT_PREPS = frozenset({"for", "on", "as", "to", "against", "about", "of"})
# Verbs of talking whose content is only what they are about ('spoke about her ties', 'talked of reform').
TOPIC_VERBS = frozenset({"speak", "talk", "comment"})
TOPIC_PREPS = frozenset({"about", "of", "on"})
MEASURES = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"})  # 'spoke (for) about five minutes'
# Verbs whose object is the person addressed ('told reporters', 'asked the candidates'): their content is the
# infinitive or clause that follows, never the object.
ADDRESSEE = frozenset({"tell", "ask", "inform", "assure", "brief", "urge", "remind", "advise", "instruct",
                       "implore", "encourage", "persuade", "convince"})
# A reported clause shorter than this is an object, not a statement ('said so', 'said it was').
MIN_CLAUSE_TOKENS = 4
CLAUSE_HEAD_POS = frozenset({"VERB", "AUX"})


def _trim(doc: Doc, lo: int, hi: int) -> Span | None:
    t = dt.tables(doc)  # (by index, from the doc's tables)
    punct, space, words, pos = t.is_punct, t.is_space, t.text, t.pos
    while lo < hi and (punct[lo] or space[lo]):
        lo += 1
    while hi > lo and (punct[hi - 1] or space[hi - 1]) and words[hi - 1] not in {"”", "\"", "’"}:
        hi -= 1
    if hi - lo < MIN_CLAUSE_TOKENS or not any(pos[i] in CLAUSE_HEAD_POS for i in range(lo, hi)):
        return None
    return doc[lo:hi]


def _clause(cue: Token, subj: Token) -> Span | None:
    """The reported clause of a cue verb."""
    doc = cue.doc
    # the clause after the cue first: 'It's unlikely; Clinton's team says she'll continue' reports the second
    for child in sorted(cue.children, key=lambda c: (c.i < cue.i, c.i)):
        if child.dep_ == "ccomp" and child.pos_ in CLAUSE_HEAD_POS:
            if child.i < cue.i and any(c.dep_ == "mark" for c in child.children):
                continue  # 'warnings from Washington that troops could move, the meeting suggested': a 'that'
                # clause before the verb belongs to a noun ('warnings'), never to the later verb
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            if lo < cue.i < hi:  # the parser hung the cue inside its clause; keep the side after it
                lo = cue.i + 1
            return _trim(doc, lo, hi)
    if cue.lemma_.lower() in ADDRESSEE:  # 'told his advisers to figure out ...': the addressee is not the content
        for child in cue.children:
            if child.dep_ == "xcomp" and child.i > cue.i and any(c.dep_ == "aux" for c in child.children):
                return _trim(doc, child.left_edge.i, child.right_edge.i + 1)
        return None
    if cue.lemma_.lower() in OBJECT:
        for child in cue.children:
            target = child if child.dep_ in OBJECT_DEPS and child.i > cue.i else None
            if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS and child.i == cue.i + 1:
                target = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}
                               and c.ent_type_ not in MEASURES), None)
            if target is not None and cue.lemma_.lower() in TOPIC_VERBS and (
                    child.dep_ != "prep" or child.lower_ not in TOPIC_PREPS):
                target = None  # 'spoke to a gathering' names the audience, 'spoke about jobs' the content
            if target is not None:
                lo, hi = target.left_edge.i, target.right_edge.i + 1
                span = doc[lo:hi]
                if len(span) >= MIN_OBJECT_TOKENS and target.pos_ != "PRON":
                    return span
    if cue.dep_ == "parataxis" and cue.head.i > cue.i and cue.head.pos_ in CLAUSE_HEAD_POS:
        # 'The museum, Mr. Bush said, celebrated ...': the attribution sits inside the clause it reports
        return _trim(doc, cue.right_edge.i + 1, cue.head.right_edge.i + 1)
    edge = min(subj.left_edge.i, cue.i)
    set_off = edge > 0 and doc[edge - 1].text in {",", "”", "\"", "—", "–"}
    if (cue.dep_ in {"parataxis", "ccomp", "advcl"} and cue.head.i < cue.i and cue.head.pos_ in CLAUSE_HEAD_POS
            and set_off):
        # '..., sources said.' with the clause as the head; the attribution is set off by a comma (in
        # 'the call came after Trump attacked Machado' the verb is a clause of its own, not an attribution)
        head = cue.head
        stop = min(subj.left_edge.i, cue.i)
        return _trim(doc, head.left_edge.i, stop)
    return None


def _according(tok: Token, src: Token) -> Span | None:
    sent_start, sent_end = sentence_bounds(tok)
    phrase_lo, phrase_hi = tok.i, src.right_edge.i + 1
    before = (sent_start, phrase_lo)
    after = (phrase_hi, sent_end)
    lo, hi = max(before, after, key=lambda r: r[1] - r[0])
    return _trim(tok.doc, lo, hi)


def reported_speech(doc: Doc, quoted: list[tuple[int, int]], used: set[int], resolver: Resolver) -> list[Quote]:
    """Reported-speech quotes whose cue is not already the frame of a quote in marks."""
    out: list[Quote] = []
    # Characters already attributed (quotes in marks, reported clauses kept so far), one flag per character:
    # `free` is asked for every token, where a scan of the ranges taken cost more than the rest of the loop.
    taken = bytearray(len(doc_text(doc)) + 1)

    def take(a: int, b: int) -> None:
        b = min(b, len(taken))
        taken[a:b] = b"\x01" * max(0, b - a)

    def free(a: int, b: int) -> bool:
        return taken.find(1, a, b) < 0

    for a, b in quoted:
        take(a, b)

    t = dt.tables(doc)
    low, lemma, pos, idx = t.lower, t.lemma, t.pos, t.idx
    for i in range(len(doc)):
        # what each branch below needs at the least ('according'; a cue noun; a cue verb, `is_cue`), read from
        # the per-doc tables: the other tokens, most of them, never become a Token
        if not (low[i] == "according" or (pos[i] == "NOUN" and lemma[i] in NOUN_CUES) or (
                (pos[i] in ("VERB", "AUX") or (pos[i] == "NOUN" and low[i] == "says")) and lemma[i] in REPORTED)):
            continue
        if not free(idx[i], idx[i] + 1):
            continue
        tok = doc[i]
        src = according_to(tok)
        noun = noun_attribution(tok) if src is None else None
        if src is not None:
            span, speaker_tok, cue = _according(tok, src), src, "according to"
        elif noun is not None:
            (span, speaker_tok), cue = noun, tok.text
            span = _trim(doc, span.start, span.end)
        elif is_cue(tok, reported=True):
            subj = subject_of(tok)
            if subj is None or subj.lower_ in {"i", "we", "you"}:
                continue
            span, speaker_tok, cue = _clause(tok, subj), subj, tok.text
        else:
            continue
        if span is None or not free(span.start_char, span.end_char) or not free(speaker_tok.idx, speaker_tok.idx + 1):
            continue
        if speaker_tok.ent_type_ in MEASURES:
            continue  # 'February 16' parsed as the subject of 'calling': dates and numbers never speak
        take(span.start_char, span.end_char)
        out.append(Quote(span.start_char, span.end_char, span.text, "indirect", cue, resolver.speaker(speaker_tok),
                         [(span.start_char, span.end_char)], cue_start=tok.idx))
    return out
