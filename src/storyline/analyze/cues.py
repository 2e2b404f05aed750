"""Cue words of attribution: the verbs and phrases with which news reports what someone said or holds.

Verbs are matched by lemma. `SPEECH` verbs take a quote or a reported clause; `BELIEF` verbs (think,
believe) report a stance and count only with a reported clause (never as the frame of a direct quote on
their own, where "I think" is part of the words quoted).
"""

from __future__ import annotations

from spacy.tokens import Token

SPEECH = frozenset({
    "say", "tell", "add", "state", "claim", "warn", "argue", "insist", "note", "announce", "explain",
    "report", "suggest", "acknowledge", "admit", "deny", "confirm", "write", "tweet", "post", "predict",
    "agree", "assert", "contend", "maintain", "stress", "emphasise", "emphasize", "reiterate", "promise",
    "pledge", "vow", "allege", "concede", "complain", "reveal", "disclose", "recall", "caution", "ask",
    "reply", "respond", "answer", "continue", "declare", "remark", "comment", "observe", "joke", "quip",
    "testify", "estimate", "indicate", "conclude", "charge", "accuse", "boast", "lament", "mention",
    "point", "shout", "chant", "scream", "urge", "repeat", "retort", "counter", "signal", "hint", "describe",
    "call", "proclaim", "affirm", "underline", "underscore", "highlight", "assure", "inform",
    "show", "find", "learn", "brief",
})
BELIEF = frozenset({"think", "believe", "feel", "expect", "fear", "hope", "worry", "doubt", "know", "consider"})
# Verbs that frame a direct quote only in a narrow sense: "show"/"find" are cues of polls and studies and
# "call"/"describe" of partial quotes ("called it 'extremely dangerous'"); all need a subject.
# Verbs whose object or infinitive is the attributed content ("vowed to bring back jobs", "praised the
# work", "called for a moratorium"): attitudes and speech acts that news reports as someone's position.
OBJECT = frozenset({
    "praise", "criticize", "criticise", "accuse", "defend", "cite", "question", "call", "urge", "vow", "pledge",
    "promise", "plan", "want", "advocate", "champion", "describe", "deny", "decline", "offer", "propose",
    "blame", "attack", "condemn", "support", "oppose", "demand", "seek", "highlight", "liken", "welcome",
    "reject", "dismiss", "applaud", "slam", "blast", "mock", "endorse", "favor", "favour", "recommend",
    "threaten", "warn", "tout", "hail", "announce", "predict", "suggest", "express", "voice", "refuse",
    "intend", "insist", "push", "dispute", "challenge", "acknowledge", "admit", "reveal", "estimate",
    "fear", "expect", "hope", "agree", "compare", "label", "brand", "dub", "decry", "lament", "echo",
})
REPORTED = SPEECH | BELIEF | OBJECT
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
RELATIVES = frozenset({"who", "that", "which"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})


def is_cue(tok: Token, reported: bool = False) -> bool:
    """A verb that can frame a quote (or, with `reported`, a reported clause)."""
    if tok.pos_ not in {"VERB", "AUX"} and not (tok.pos_ == "NOUN" and tok.lower_ == "says"):
        return False
    return tok.lemma_.lower() in (REPORTED if reported else SPEECH)


def subject_of(verb: Token) -> Token | None:
    """The speaker of a cue verb: its subject, else (for 'adding', 'saying', coordinated verbs) its head's."""
    for _ in range(3):
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVES and verb.dep_ == "relcl":
                    return verb.head  # 'Tester, who said ...'
                return child
        for child in verb.children:  # passive with agent: "was told by X"
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        if verb.dep_ in {"advcl", "conj", "xcomp", "dep"} and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def according_to(tok: Token) -> Token | None:
    """For 'according to X': the X token (`tok` is 'according')."""
    if tok.lower_ != "according":
        return None
    for child in tok.children:
        if child.lower_ == "to":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    nxt = tok.nbor(1) if tok.i + 2 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        return tok.doc[tok.i + 2]
    return None
