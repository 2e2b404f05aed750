"""Cue words of attribution: the verbs and phrases with which news reports what someone said or holds.

Verbs are matched by lemma. `SPEECH` verbs take a quote or a reported clause; `BELIEF` verbs (think,
believe) report a stance and count only with a reported clause (never as the frame of a direct quote on
their own, where "I think" is part of the words quoted).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from storyline.analyze.doc_tables import tables

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
    # manners of speaking and the verbs of texts ('the letter reads', '“…?” Vitter demanded', 'she yells')
    "read", "demand", "yell", "whisper", "plead", "recount", "exclaim", "wonder", "sing", "cry", "laugh",
    "murmur", "mutter", "snap", "sigh", "concur", "interject",
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
    # verbs of discussing and presenting ('mentioned the remarks', 'spoke about her ties', 'outlined a plan')
    "mention", "note", "discuss", "reference", "detail", "outline", "talk", "speak", "comment", "promote",
    "back", "invoke", "paint", "lay", "document", "argue", "recount",
    "encourage", "implore", "persuade", "convince", "tell", "ask",
})
REPORTED = SPEECH | BELIEF | OBJECT
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_DEPS = frozenset({"ccomp", "xcomp"})
RELATIVES = frozenset({"who", "that", "which"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "him", "her", "them"})


def is_cue(tok: Token, reported: bool = False) -> bool:
    """A verb that can frame a quote (or, with `reported`, a reported clause)."""
    t = tables(tok.doc)  # (asked of nearly every token: read from the doc's tables)
    pos = t.pos[tok.i]
    if pos not in {"VERB", "AUX"} and not (pos == "NOUN" and t.lower[tok.i] == "says"):
        return False
    return t.lemma[tok.i] in (REPORTED if reported else SPEECH)


def subject_of(verb: Token, skip: Callable[[Token], bool] | None = None) -> Token | None:
    """The speaker of a cue verb: its subject, else (for 'adding', 'saying', coordinated verbs) its head's.

    `skip` rejects candidate subjects: inside quote marks the parser often hangs a word of the quote on the
    cue as a second subject ('“One of the brightest ...,” Rep. Cummings said'), which is never the speaker.
    """
    doc = verb.doc
    t = tables(doc)
    dep, words = t.dep, t.text
    for _ in range(3):
        # the children by index, from the doc's tables: a Token only for a subject
        subjects = [doc[c] for c in t.kids[verb.i]
                    if dep[c] in SUBJECT_DEPS and any(ch.isalpha() for ch in words[c])]
        if skip is not None:
            subjects = [c for c in subjects if not skip(c)]
        if subjects:  # two subjects are a parse slip ('public ― Trump boasted'): the nearest is the speaker
            child = min(subjects, key=lambda c: abs(c.i - verb.i))
            if child.lower_ in RELATIVES and verb.dep_ == "relcl":
                return verb.head  # 'Tester, who said ...'
            return child
        if verb.tag_ == "VBG" and not any(dep[c] in SUBJECT_DEPS for c in t.kids[verb.i]):
            before = verb.doc[verb.i - 1] if verb.i > 0 else None
            if verb.dep_ == "acl" and verb.head.pos_ in {"PROPN", "NOUN", "PRON"}:
                return verb.head  # 'footage of Hillary Clinton asking, “…”': the participle's noun speaks
            if before is not None and before.ent_type_ == "PERSON" and before.dep_ not in SUBJECT_DEPS:
                return before  # the same, parsed as the verb's complement ('uses footage of Clinton asking')
        for child in t.kids[verb.i]:  # passive with agent: "was told by X"
            if dep[child] == "agent":
                for pobj in t.kids[child]:
                    if dep[pobj] == "pobj":
                        return doc[pobj]
        if verb.dep_ in {"advcl", "conj", "xcomp", "dep"} and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def according_to(tok: Token) -> Token | None:
    """For 'according to X': the X token (`tok` is 'according')."""
    if tables(tok.doc).lower[tok.i] != "according":
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
