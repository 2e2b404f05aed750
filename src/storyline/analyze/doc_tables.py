"""Per-doc tables of token attributes, read once per doc with `Doc.to_array` and kept in `doc.user_data`.

Why: the rule extractors ask the same attributes of the same tokens many times over (`tok.lower_`,
`tok.dep_`, `tok.head`, `tok.children`), and each of those builds a new `Token` (spaCy keeps none) or looks
its string up in the `StringStore`. A list per attribute, indexed by token position, answers in one list
read. Every column holds exactly what the `Token` attribute of the same name returns:

    t = tables(doc)
    t.lower[i] == doc[i].lower_    t.head[i] == doc[i].head.i    t.kids[i] == [c.i for c in doc[i].children]

The columns are read from the doc on first use (the common ones in one `to_array`) and are then plain
attributes, the cheapest read Python has. The tables hold the doc by a weak reference (no cycle).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span, Token

_KEY = "storyline_tables"
# Hash -> string, shared by all docs: a hash is the hash of its string in every vocab. Open-class attributes
# (words, lemmas) make it grow with the vocabulary seen, so it is emptied past this size.
_STRINGS: dict[int, str] = {}
MAX_STRINGS = 1 << 16
_IOB = ("", "I", "O", "B")  # `Token.ent_iob_` by the ENT_IOB code
# The columns most rules read, taken from the doc together.
_COMMON = ("text", "lower", "lemma", "pos", "dep", "idx", "head", "doc_text")
_COMMON_ATTRS = [ORTH, LOWER, LEMMA, POS, DEP, IDX, HEAD, SPACY]
_SENTENCES = ("sent_start", "sent_end")


def _strings(doc: Doc, values: list[int]) -> list[str]:
    out: list[str | None] = list(map(_STRINGS.get, values))
    if None in out:  # strings not seen before: from the doc's StringStore
        if len(_STRINGS) > MAX_STRINGS:
            _STRINGS.clear()
        store = doc.vocab.strings
        for i, found in enumerate(out):
            if found is None:
                out[i] = _STRINGS[values[i]] = store[values[i]]
    return out  # type: ignore[return-value]


def _common(doc: Doc, t: Tables) -> None:
    n = len(doc)
    cols = np.asarray(doc.to_array(_COMMON_ATTRS), dtype=np.uint64).reshape(n, len(_COMMON_ATTRS))
    orth, lower, lemma, pos, dep, idx, _head, spacy = cols.T.tolist()
    t.text = _strings(doc, orth)
    t.lower = _strings(doc, lower)
    t.lemma = [s.lower() for s in _strings(doc, lemma)]
    t.pos = _strings(doc, pos)
    t.dep = _strings(doc, dep)
    t.idx = idx
    rel: list[int] = cols[:, 6].view(np.int64).tolist()  # HEAD is relative to the token, stored unsigned
    t.head = [i + r for i, r in enumerate(rel)]
    # `doc.text`, which spaCy rebuilds from Token objects at every access: the words and their spaces
    t.doc_text = "".join([w + " " if sp else w for w, sp in zip(t.text, spacy, strict=True)])


def _kids(t: Tables) -> list[list[int]]:
    table: list[list[int]] = [[] for _ in t.head]
    for i, h in enumerate(t.head):
        if h != i:
            table[h].append(i)  # ascending: the order of `Token.children`
    return table


_OTHERS: dict[str, Callable[[Doc, Tables], Any]] = {
    "tag": lambda d, t: _strings(d, d.to_array(TAG).tolist()),
    "ent_type": lambda d, t: _strings(d, d.to_array(ENT_TYPE).tolist()),
    "ent_iob": lambda d, t: [_IOB[v] for v in d.to_array(ENT_IOB).tolist()],
    "kids": lambda d, t: _kids(t),
    "is_punct": lambda d, t: d.to_array(IS_PUNCT).tolist(),
    "is_space": lambda d, t: d.to_array(IS_SPACE).tolist(),
}


class Tables:
    """The columns of one doc; each is read from the doc the first time it is asked for (`__getattr__`)."""

    text: list[str]  # tok.text
    lower: list[str]  # tok.lower_
    lemma: list[str]  # tok.lemma_.lower(): the rules compare lemmas in lower case
    pos: list[str]  # tok.pos_
    dep: list[str]  # tok.dep_
    idx: list[int]  # tok.idx
    head: list[int]  # tok.head.i (a root is its own head)
    doc_text: str  # doc.text
    tag: list[str]  # tok.tag_
    ent_type: list[str]  # tok.ent_type_
    ent_iob: list[str]  # tok.ent_iob_
    kids: list[list[int]]  # [c.i for c in tok.children]: every token whose head it is, in text order
    is_punct: list[int]  # tok.is_punct, as 0 / 1
    is_space: list[int]  # tok.is_space, as 0 / 1
    sent_start: list[int]  # start of the token's sentence (`doc.sents`)
    sent_end: list[int]  # its end

    def __init__(self, doc: Doc) -> None:
        self._doc = weakref.ref(doc)

    def __getattr__(self, name: str) -> Any:  # called only for a column not read yet
        doc = self.__dict__["_doc"]() if "_doc" in self.__dict__ else None
        if doc is None or (name not in _COMMON and name not in _OTHERS and name not in _SENTENCES):
            raise AttributeError(name)
        if name in _COMMON:
            _common(doc, self)
        elif name in _SENTENCES:
            _sentences(doc, self)
        else:
            setattr(self, name, _OTHERS[name](doc, self))
        return self.__dict__[name]


def tables(doc: Doc) -> Tables:
    """The doc's tables, made on first use."""
    found: Tables | None = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = Tables(doc)
    return found


def children(tok: Token, labels: Iterable[str]) -> list[Token]:
    """`tok`'s children whose dependency label is in `labels`, in text order (as `nlp.children_with`)."""
    doc = tok.doc
    t = tables(doc)
    dep = t.dep
    return [doc[c] for c in t.kids[tok.i] if dep[c] in labels]


def span_text(span: Span) -> str:
    """`span.text`: the doc's text from the span's first token to the end of its last (spaCy joins the span's
    Token objects)."""
    start, end = span.start, span.end
    if end <= start:
        return ""
    t = tables(span.doc)
    return t.doc_text[t.idx[start] : t.idx[end - 1] + len(t.text[end - 1])]


def sentence_bounds(tok: Token) -> tuple[int, int]:
    """(start, end) token indices of `tok`'s sentence (as `nlp.sentence_bounds`, from the SENT_START column)."""
    t = tables(tok.doc)
    return t.sent_start[tok.i], t.sent_end[tok.i]


def _sentences(doc: Doc, t: Tables) -> None:
    n = len(doc)
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
        starts = [s.start for s in doc.sents]  # spaCy's own reading (and its error without sentences)
    else:  # `Doc.sents`: a sentence starts at 0 and at every later token whose sent_start is 1
        flags: list[int] = doc.to_array(SENT_START).tolist()
        starts = [0, *(i for i in range(1, n) if flags[i] == 1)] if n else []
    ends = [*starts[1:], n]
    first, last = [0] * n, [0] * n
    for a, b in zip(starts, ends, strict=True):
        first[a:b] = [a] * (b - a)
        last[a:b] = [b] * (b - a)
    t.sent_start, t.sent_end = first, last


def doc_text(doc: Doc) -> str:
    """`doc.text`, kept with the doc's tables (as `nlp.doc_text`)."""
    return tables(doc).doc_text
