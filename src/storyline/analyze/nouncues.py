"""Attributions carried by a noun: 'his claim that …', 'warnings from Washington that …', 'Trump's promise
to …', 'the Kremlin issued a statement saying …' is left to the verb.

A cue noun (`NOUN_CUES`) followed by a 'that' clause (or, for nouns of intent, a 'to' infinitive) reports
what someone holds or said. The holder is the noun's possessor ('his', 'Trump's'), else the object of
'from' / 'by' ('warnings from Washington'), else the subject of a light verb the noun is the object of
('Trump made the claim that …'). A cue noun with no holder is not an attribution the reader can use, and is
left out.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from storyline.analyze.cues import subject_of

NOUN_CUES = frozenset({
    "claim", "statement", "assertion", "argument", "warning", "promise", "pledge", "suggestion", "accusation",
    "allegation", "insistence", "belief", "view", "charge", "contention", "admission", "denial", "announcement",
    "report", "assessment", "prediction", "fear", "hope", "concern", "demand", "message", "testimony",
    "remark", "comment", "proposal", "vow", "threat", "assurance", "conclusion", "finding", "complaint",
    "position", "insinuation", "acknowledgment", "acknowledgement", "explanation", "estimate", "theory",
    "suspicion", "expectation", "forecast", "reminder", "recommendation", "plea", "request", "call", "plan",
    "decision", "determination", "intention", "offer", "refusal", "bid", "effort", "commitment", "rhetoric",
})
# Nouns of intent take their content as a 'to' infinitive ('Trump's promise to build a wall').
INTENT_NOUNS = frozenset({
    "promise", "pledge", "vow", "threat", "plan", "decision", "determination", "intention", "offer", "refusal",
    "bid", "effort", "commitment", "call", "demand", "request", "plea", "proposal",
})
# Verbs whose object noun is the holder's own statement ('made the claim', 'issued a warning').
LIGHT_VERBS = frozenset({
    "make", "issue", "give", "offer", "repeat", "reiterate", "deliver", "voice", "express", "send", "release",
    "publish", "echo", "renew", "raise", "level", "lodge", "file", "air", "post", "announce",
})
HOLDER_PREPS = frozenset({"from", "by", "of"})
HOLDER_POS = frozenset({"PROPN", "NOUN", "PRON"})


def _holder(noun: Token) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in HOLDER_PREPS and child.i < noun.i + 3:
            pobj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in HOLDER_POS), None)
            if pobj is not None and (child.lower_ != "of" or pobj.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}):
                return pobj
    if noun.dep_ in {"dobj", "attr"} and noun.head.lemma_.lower() in LIGHT_VERBS:
        return subject_of(noun.head)
    return None


def _content(noun: Token) -> tuple[int, int] | None:
    """Token range of what the noun reports: its 'that' clause (attached to it, or, as the parser often does,
    to the verb after it) or, for nouns of intent, a 'to' infinitive right after it."""
    doc = noun.doc
    after = noun.right_edge.i + 1
    for child in noun.children:
        if child.dep_ in {"acl", "ccomp", "advcl"} and child.i > noun.i:
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
                return child.left_edge.i + 1, child.right_edge.i + 1
            if noun.lemma_.lower() in INTENT_NOUNS and any(c.dep_ == "aux" and c.lower_ == "to"
                                                           for c in child.children):
                return child.left_edge.i + 1, child.right_edge.i + 1
    if after < len(doc) and doc[after].lower_ == "that" and doc[after].dep_ == "mark":
        clause = doc[after].head
        if clause.i > after:
            return after + 1, clause.right_edge.i + 1
    return None


def noun_attribution(noun: Token) -> tuple[Span, Token] | None:
    """(content, holder) for a cue noun with a clause and a holder."""
    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOUN_CUES:
        return None
    rng = _content(noun)
    if rng is None:
        return None
    holder = _holder(noun)
    if holder is None:
        return None
    return noun.doc[rng[0] : rng[1]], holder
