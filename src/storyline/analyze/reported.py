"""Reported speech without quote marks, from the dependency parse.

'Lavrov said Russia does not want war' (cue with a subject and a clausal complement), 'X told reporters
that ...', 'X said in a statement that ...', inversions ('..., said Lavrov' / '..., sources said', where
the reported clause is the cue's head or its clausal child on the left), and 'according to X'.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from storyline.analyze.cues import OBJECT, according_to, is_cue, subject_of
from storyline.analyze.nlp import sentence_bounds
from storyline.analyze.quote_record import Quote
from storyline.analyze.speakers import Resolver

# An attributed object ('praised the work', 'vowed to bring back jobs') needs at least this many tokens:
# a bare pronoun ('denied it') says nothing on its own.
MIN_OBJECT_TOKENS = 2
OBJECT_DEPS = frozenset({"dobj", "xcomp"})
OBJECT_PREPS = frozenset({"for", "on", "as", "to", "against"})
# A reported clause shorter than this is an object, not a statement ('said so', 'said it was').
MIN_CLAUSE_TOKENS = 4
CLAUSE_HEAD_POS = frozenset({"VERB", "AUX"})


def _trim(doc: Doc, lo: int, hi: int) -> Span | None:
    while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > lo and (doc[hi - 1].is_punct or doc[hi - 1].is_space) and doc[hi - 1].text not in {"”", "\"", "’"}:
        hi -= 1
    span = doc[lo:hi]
    if len(span) < MIN_CLAUSE_TOKENS or not any(t.pos_ in CLAUSE_HEAD_POS for t in span):
        return None
    return span


def _clause(cue: Token, subj: Token) -> Span | None:
    """The reported clause of a cue verb."""
    doc = cue.doc
    for child in cue.children:
        if child.dep_ == "ccomp" and child.pos_ in CLAUSE_HEAD_POS:
            lo, hi = child.left_edge.i, child.right_edge.i + 1
            if lo < cue.i < hi:  # the parser hung the cue inside its clause; keep the side after it
                lo = cue.i + 1
            return _trim(doc, lo, hi)
    if cue.lemma_.lower() in OBJECT:
        for child in cue.children:
            target = child if child.dep_ in OBJECT_DEPS and child.i > cue.i else None
            if child.dep_ == "prep" and child.lower_ in OBJECT_PREPS and child.i == cue.i + 1:
                target = next((c for c in child.children if c.dep_ in {"pobj", "pcomp"}), None)
            if target is not None:
                lo, hi = target.left_edge.i, target.right_edge.i + 1
                span = doc[lo:hi]
                if len(span) >= MIN_OBJECT_TOKENS and target.pos_ != "PRON":
                    return span
    if cue.dep_ in {"parataxis", "ccomp", "advcl"} and cue.head.i < cue.i and cue.head.pos_ in CLAUSE_HEAD_POS:
        head = cue.head  # '..., sources said.' with the clause as the head
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
    taken: list[tuple[int, int]] = list(quoted)

    def free(a: int, b: int) -> bool:
        return not any(a < y and x < b for x, y in taken)

    for tok in doc:
        if tok.idx in used or not free(tok.idx, tok.idx + 1):
            continue
        src = according_to(tok)
        if src is not None:
            span, speaker_tok, cue = _according(tok, src), src, "according to"
        elif is_cue(tok, reported=True):
            subj = subject_of(tok)
            if subj is None or subj.lower_ in {"i", "we", "you"}:
                continue
            span, speaker_tok, cue = _clause(tok, subj), subj, tok.text
        else:
            continue
        if span is None or not free(span.start_char, span.end_char) or not free(speaker_tok.idx, speaker_tok.idx + 1):
            continue
        taken.append((span.start_char, span.end_char))
        out.append(Quote(span.start_char, span.end_char, span.text, "indirect", cue, resolver.speaker(speaker_tok),
                         [(span.start_char, span.end_char)], cue_start=tok.idx))
    return out
