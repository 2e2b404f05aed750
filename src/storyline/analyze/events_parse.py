"""Reading PLOVER cues off one clause of the dependency parse (used by `events.py`).

`clause_event(head)` codes the clause headed by `head`: a reporting verb passes to the clause it reports
("Hungary said it will support ..."); a frame verb recasts its complement ("threatened to cut off" ->
THREATEN, "refused to meet" -> REJECT, "offered to host" -> AGREE); future auxiliaries and "ready to" make a
cooperative act an AGREE and a conflictual one a THREATEN (PLOVER codes intentions by their sign); a light
verb takes its event from its object ("held talks", "imposed sanctions"); negated cooperation is a REJECT;
conjecture ("could invade") and conditions ("if it attacks") are not events.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from storyline.analyze import doc_tables as dt
from storyline.analyze import events_lexicon as lx
from storyline.analyze.events_lexicon import Cue

COOPERATIVE_KEEP = frozenset({"REQUEST", "ACCUSE", "REJECT"})  # keep their own type when announced
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_CLAUSE_COMPS = ("xcomp", "ccomp", "advcl", "pcomp", "acomp")
HYPOTHETICAL_GOVERNORS = frozenset({
    "fear", "fears", "risk", "prospect", "possibility", "threat", "threats", "warning", "warnings", "deter",
    "prevent", "avoid", "without", "before", "unless", "if", "case", "event", "avert", "plan", "plans",
    "prelude", "intention", "signs", "danger", "deny", "denial", "denials", "talk", "forestall", "chance",
    "scenario", "concerns", "concern", "accuse", "accusation", "response", "respond", "opportunity", "ability",
    "capacity", "right", "readiness", "preparedness", "determination", "option", "pretext", "demand", "demands",
    "request", "requests", "call", "calls", "proposal", "proposals", "idea", "guarantees", "wish",
})
# Verbs of opinion: what they govern is a belief about the future, not an event ("fear Moscow plans to invade").
OPINION = frozenset({"fear", "believe", "think", "suggest", "predict", "worry", "speculate", "doubt", "guess",
                     "assume", "estimate", "question", "wonder", "hope", "see", "know", "show", "signal",
                     "mean", "indicate"})
# Verbs whose "of/against doing" names an alleged or feared act, not one that happened.
ALLEGATION_VERBS = frozenset({"warn", "accuse", "suspect", "fear", "caution", "allege"})
# The frame words whose complement `clause_event` recasts (one set, not a union built per call).
_FRAMES = lx.THREAT_FRAMES | lx.REJECT_FRAMES | lx.AGREE_FRAMES | lx.INTENT_FRAMES | lx.TRANSPARENT
HYPOTHETICAL_MODIFIERS = frozenset({"possible", "potential", "imminent", "any", "future", "further",
                                    "feared", "alleged", "planned", "looming", "eventual", "new"})


@dataclass
class Coded:
    """A cue found for a clause: the trigger word, the clause heads from the outermost in, the status."""

    cue: Cue
    trigger: Token
    chain: list[Token]
    status: str = "happened"
    speaker: Token | None = None
    recipient_hint: Token | None = None
    used: set[int] = field(default_factory=set)


def children(tok: Token, *deps: str) -> list[Token]:
    return dt.children(tok, deps)


# The helpers below read the per-doc attribute tables (`doc_tables`) by token index rather than `Token`
# attributes: they run for every verb and noun of every sentence, several times over.


def noun_cue(tok: Token) -> Cue | None:
    """The NOUNS cue of a noun, trying its compound first ("hunger strike", "phone call")."""
    doc, i = tok.doc, tok.i
    t = dt.tables(doc)
    low, lem, dep, kids = t.lower, t.lemma, t.dep, t.kids
    words = [low[i], lem[i]]
    for c in kids[i]:
        if dep[c] in ("compound", "amod") and c < i:
            words = [f"{low[c]} {low[i]}", f"{low[c]} {lem[i]}", *words]
            if low[i] in lx.GENERIC_NOUNS:  # "a mediation effort", "an aid package"
                words.append(low[c])
        if dep[c] == "prep" and low[c] == "of":  # "state of siege", "show of force"
            pobjs = [p for p in kids[c] if dep[p] == "pobj"]
            words = [f"{low[i]} of {low[p]}" for p in pobjs] + words
            if low[i] in lx.GENERIC_NOUNS:  # "a series of military drills", "a wave of arrests"
                for p in pobjs:
                    inner = noun_cue(doc[p])
                    if inner is not None:
                        return inner
    for word in words:
        if word in lx.NOUNS:
            cue = lx.NOUNS[word]
            if cue.type == "MOBILIZE" and word.split()[-1] in lx.EXERCISE_NOUNS and _joint(tok):
                return Cue("COOPERATE", "military", "06")
            return cue
    return None


def _joint(tok: Token) -> bool:
    """Exercises are joint when marked so, or held with a partner ("drills with Belarus")."""
    near = [c.lower_ for c in tok.subtree] + [c.lower_ for c in tok.head.children]
    return bool(lx.JOINT_WORDS & set(near)) or any(c.lower_ == "with" for c in tok.children)


def _negated(tok: Token) -> bool:
    t = dt.tables(tok.doc)
    dep, low = t.dep, t.lower
    return any(dep[c] == "neg" or (dep[c] == "det" and low[c] == "no") for c in t.kids[tok.i])


def _auxes(tok: Token) -> set[str]:
    t = dt.tables(tok.doc)
    dep, low = t.dep, t.lower
    return {low[c] for c in t.kids[tok.i] if dep[c] in ("aux", "auxpass")}


def _object(tok: Token) -> Token | None:
    doc = tok.doc
    t = dt.tables(doc)
    dep, low, kids = t.dep, t.lower, t.kids
    mine = kids[tok.i]
    for label in ("dobj", "attr", "oprd"):
        found = next((c for c in mine if dep[c] == label), None)
        if found is not None:
            return doc[found]
    for prep in mine:  # "went on strike", "engaged in ethnic cleansing"
        if dep[prep] in ("prep", "agent") and low[prep] in ("on", "in", "into"):
            pobj = next((c for c in kids[prep] if dep[c] == "pobj"), None)
            if pobj is not None and noun_cue(doc[pobj]):
                return doc[pobj]
    return None


def verb_cue(tok: Token) -> tuple[Cue, Token] | None:
    """The cue a verb reports by itself or through its object, with the word that carries it."""
    t = dt.tables(tok.doc)
    lem, low, dep = t.lemma, t.lower, t.dep
    lemma = lem[tok.i]
    obj = _object(tok)
    obj_lemma = lem[obj.i] if obj is not None else ""
    prts = [low[c] for c in t.kids[tok.i] if dep[c] == "prt"]
    for prt in prts:
        if f"{lemma} {prt}" in lx.VERBS:
            return lx.VERBS[f"{lemma} {prt}"], tok
    if lemma == "call":
        preps = {c.lower_ for c in children(tok, "prep")}
        if preps & {"for", "on"}:
            return lx.VERBS["call for"], tok
        if obj is not None and (obj.ent_type_ in ("PERSON", "GPE", "ORG", "NORP") or obj.pos_ == "PROPN"):
            return Cue("CONSULT", "phone"), tok
    if lemma in ("speak", "talk", "chat") and (any(p.lower_ in ("with", "to") for p in children(tok, "prep")) or any(
        children(s, "conj") for s in children(tok, "nsubj")
    )):
        return Cue("CONSULT"), tok  # "spoke by phone with Macron"; the mode is read off the sentence
    if lemma == "open" and obj is not None and obj_lemma in lx.OPEN_OBJECTS:
        return lx.OPEN_OBJECTS[obj_lemma], tok
    if obj is not None and obj.lower_ in lx.TIES and lemma in lx.TIES_UP | lx.TIES_DOWN:
        return (Cue("SUPPORT", None, "05") if lemma in lx.TIES_UP else Cue("SANCTION", "relations")), tok
    if lemma in lx.WORK_STOPPAGE and obj_lemma in ("work", "tool"):
        return Cue("PROTEST", "strike-gen"), tok
    if lemma in ("withdraw", "remove", "recall", "evacuate", "pull") and obj is not None and (
        obj.lower_ in lx.RELATIONS_OBJECTS or obj_lemma in lx.RELATIONS_OBJECTS
    ):
        return Cue("SANCTION", "relations"), tok
    if lemma == "set" and obj_lemma == "fire":
        return lx.VERBS["burn"], tok
    if lemma in ("lift", "ease", "end", "relax") and obj is not None:
        return (Cue("RETREAT") if obj_lemma in lx.LIFT_MILITARY else Cue("CONCEDE")), tok
    if lemma == "strike" and obj is not None and not noun_cue(obj):
        return Cue("ASSAULT"), tok
    if lemma in ("welcome", "receive") and obj is not None and obj.ent_type_ == "PERSON":
        return Cue("CONSULT", "host"), tok
    if lemma in ("arrive", "travel", "fly", "come", "go", "head") and any(
        p.lower_ in ("in", "to") and any(o.ent_type_ in ("GPE", "LOC") for o in children(p, "pobj"))
        for p in children(tok, "prep")
    ):
        return Cue("CONSULT", "visit"), tok
    if obj is not None and lemma in lx.TRANSFER_VERBS and (lx.CARGO.get(obj.lower_) or lx.CARGO.get(obj_lemma)):
        cargo: Cue | None = lx.CARGO.get(obj.lower_) or lx.CARGO[obj_lemma]
        assert cargo is not None
        if lemma in lx.OWN_MOVES and cargo.type != "MOBILIZE":
            return Cue("MOBILIZE", "weapons"), tok
        if not (cargo.type == "MOBILIZE" and lemma not in lx.DEPLOY_VERBS):
            return cargo, tok
    if obj is not None and (lemma in lx.LIGHT_VERBS or lemma in lx.TRANSFER_VERBS or lemma in lx.VERBS):
        cue = noun_cue(obj)
        if cue is not None and (lemma in lx.LIGHT_VERBS or lemma in lx.TRANSFER_VERBS):
            return cue, obj
        if lemma in lx.TRANSFER_VERBS or (prts and f"{lemma} {prts[0]}" in lx.TRANSFER_VERBS):
            cargo = lx.CARGO.get(obj.lower_) or lx.CARGO.get(obj_lemma)
            for prep in children(obj, "prep"):  # "700 kg of medicine", "a package of weapons"
                for pobj in children(prep, "pobj"):
                    cargo = cargo or lx.CARGO.get(pobj.lower_) or lx.CARGO.get(pobj.lemma_.lower())
            if cargo is not None and cargo.type == "MOBILIZE" and lemma not in lx.DEPLOY_VERBS:
                return Cue("AID", "military"), tok  # troops contributed to a force or an ally
            if cargo is None:  # "sent personnel to Bosnia to investigate": the purpose tells
                for purpose in children(tok, "advcl", "xcomp"):
                    found = verb_cue(purpose)
                    if found is not None:
                        return found[0], tok
            if cargo is None and lemma not in lx.DELIVERY_VERBS:
                return None  # "handed Russia a document", "gave it the opportunity"
            return cargo or lx.TRANSFER_DEFAULT, tok
    if lemma in lx.VERBS and tok.pos_ in ("VERB", "AUX", "NOUN", "ADJ"):
        return lx.VERBS[lemma], tok
    return None


def _hypothetical(tok: Token) -> bool:
    """A conditional or conjectured clause: "if it attacks", "could invade", "no intention of attacking"."""
    if _auxes(tok) & lx.CONJECTURE:
        return True
    t = dt.tables(tok.doc)
    dep, low, head, kids = t.dep, t.lower, t.head, t.kids
    if any(dep[c] == "mark" and low[c] in ("if", "unless", "whether", "lest") for c in kids[tok.i]):
        return True
    subject = next((c for c in kids[tok.i] if dep[c] in ("nsubj", "nsubjpass")), None)
    if subject is not None and any(low[c] in ("any", "no") and dep[c] == "det" for c in kids[subject]):
        return True  # "any Russian incursion would be met with ..."
    base = tok.i
    while dep[base] == "conj" and head[base] != base:  # "demands that Nato bar ... and withdraw ..."
        base = head[base]
    if dep[base] in ("pcomp", "acl", "ccomp", "relcl", "advcl"):
        gov = head[base]
        if low[gov] in ("of", "about", "to", "for", "on", "against") and dep[base] == "pcomp":
            gov = head[gov]
            if t.lemma[gov] in ALLEGATION_VERBS:  # "warned Moscow of invading Ukraine"
                return True
        return low[gov] in HYPOTHETICAL_GOVERNORS and t.pos[gov] == "NOUN"
    return False


def under_opinion(tok: Token) -> bool:
    """Whether a clause is the content of an opinion or a forecast ("fear that Moscow plans to invade")."""
    t = dt.tables(tok.doc)
    dep, head, lem = t.dep, t.head, t.lemma
    i = tok.i
    while head[i] != i:
        if dep[i] in ("ccomp", "xcomp") and lem[head[i]] in OPINION:
            return True
        i = head[i]
    return False


def _complement(tok: Token) -> Token | None:
    doc = tok.doc
    t = dt.tables(doc)
    dep, kids = t.dep, t.kids
    mine = kids[tok.i]
    for label in ("xcomp", "ccomp"):
        found = next((c for c in mine if dep[c] == label), None)
        if found is not None:
            return doc[found]
    for acomp in mine:  # "is ready to talk", "is prepared to impose"
        if dep[acomp] == "acomp":
            inner = next((c for c in kids[acomp] if dep[c] == "xcomp"), None)
            if inner is not None:
                return doc[inner]
    return None


def _intent(coded: Coded, head: Token) -> Coded:
    if coded.cue.type in COOPERATIVE_KEEP:
        coded.status = "planned"
        return coded
    if coded.cue.conflict:
        return Coded(Cue("THREATEN", threat_mode(coded.cue)), coded.trigger, coded.chain, "threatened",
                     coded.speaker, coded.recipient_hint, coded.used)
    return Coded(Cue("AGREE", None, "03"), coded.trigger, coded.chain, "planned", coded.speaker,
                 coded.recipient_hint, coded.used)


def threat_mode(cue: Cue) -> str:
    """The mode of a THREATEN event: the kind of act threatened."""
    if cue.type in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if cue.type == "SANCTION":
        return cue.mode or "sanction"
    if cue.type == "THREATEN":
        return cue.mode or "unspecified"
    return cue.mode or cue.type.lower()


def clause_event(head: Token, speaker: Token | None = None, depth: int = 0) -> Coded | None:
    """Code the clause headed by `head` (see the module docstring); None when it reports no event."""
    if depth > 6 or _hypothetical(head):
        return None
    doc = head.doc
    t = dt.tables(doc)
    dep, low, pos = t.dep, t.lower, t.pos
    mine = t.kids[head.i]
    lemma = t.lemma[head.i]
    comp = _complement(head)
    negated = _negated(head)
    adj_frames = {low[c] for c in mine if dep[c] == "acomp"} & lx.INTENT_ADJECTIVES
    first_subject = next((c for c in mine if dep[c] in ("nsubj", "nsubjpass")), None)
    subject = doc[first_subject] if first_subject is not None else None
    frame = lemma if comp is not None else None
    if lemma == "rule" and any(c.lower_ == "out" for c in children(head, "prt")):
        frame = "refuse"  # "ruling out sending troops"
        comp = comp or _gerund_object(head)
    if frame in OPINION and comp is not None:
        return None
    if frame in lx.REPORTING and frame not in lx.INTENT_FRAMES | lx.THREAT_FRAMES | lx.AGREE_FRAMES \
            and comp is not None:
        inner = clause_event(comp, subject or speaker, depth + 1)
        if inner is not None:
            inner.chain.insert(0, head)
            return inner
        own = verb_cue(head)  # "insisted that ...", "declared a ceasefire"
        return Coded(own[0], own[1], [head], speaker=speaker) if own and own[0].type not in ("THREATEN",) else None
    if comp is not None and lemma in lx.TRANSPARENT | lx.LIGHT_VERBS and lemma not in lx.VERBS:
        obj = _object(head)  # "continued their hunger strike to demand ...": the object is the event
        if obj is not None and noun_cue(obj) is not None:
            comp = None
            frame = None
    if comp is not None and (frame in _FRAMES or adj_frames):
        inner = clause_event(comp, subject or speaker, depth + 1)
        if inner is None and frame in lx.THREAT_FRAMES and comp.dep_ == "ccomp":
            inner = None  # "warned that Russia could invade": a forecast, not a threat
        return _frame(head, frame or "", adj_frames, inner, negated, speaker)
    if frame in lx.REPORTING and comp is None and lemma not in lx.VERBS and lemma not in lx.LIGHT_VERBS:
        return None
    if speaker is not None and _auxes(head) & lx.OBLIGATION:  # reported "X must ..." is the speaker's demand
        return Coded(Cue("REQUEST", None, "10"), head, [head], "happened", speaker, subject)
    found = verb_cue(head) if pos[head.i] in ("VERB", "AUX") or dep[head.i] == "ROOT" else None
    if found is None:
        obj_cue = noun_cue(head) if pos[head.i] in ("NOUN", "PROPN") else None
        if obj_cue is None:
            return None
        found = (obj_cue, head)
    cue, trigger = found
    coded = Coded(cue, trigger, [head], speaker=speaker)
    if trigger is not head and any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
        negated = True  # "there will be no further negotiations"
    if negated:
        if cue.conflict or cue.type in ("REQUEST", "ACCUSE", "REJECT", "THREATEN"):
            return None
        coded = Coded(Cue("REJECT"), trigger, [head], speaker=speaker)
    if _auxes(head) & lx.FUTURE or _going_to(head):
        return _intent(coded, head)
    return coded


def _gerund_object(tok: Token) -> Token | None:
    return next((c for c in children(tok, "dobj", "xcomp", "pcomp") if c.tag_ == "VBG"), None)


def _going_to(tok: Token) -> bool:
    return dt.tables(tok.doc).dep[tok.i] == "xcomp" and tok.head.lemma_ == "go" and tok.head.tag_ == "VBG"


def _frame(head: Token, frame: str, adj_frames: set[str], inner: Coded | None, negated: bool,
           speaker: Token | None) -> Coded | None:
    """Recast the complement's event `inner` by the frame word at `head`."""
    if inner is None:
        if frame in ("threaten", "refuse", "reject", "decline", "offer", "agree", "promise", "pledge"):
            cue = lx.VERBS.get(frame) or Cue("AGREE")
            cue = cue if not negated else Cue("REJECT")
            status = "threatened" if cue.type == "THREATEN" else "happened"
            return Coded(cue, head, [head], status, speaker=speaker)
        return None
    inner.chain.insert(0, head)
    if frame in lx.THREAT_FRAMES:
        if frame == "warn" and not inner.cue.conflict and inner.cue.type != "THREATEN":
            return None
        return Coded(Cue("THREATEN", threat_mode(inner.cue)), inner.trigger, inner.chain, "threatened", speaker,
                     inner.recipient_hint, inner.used)
    if negated and inner.cue.conflict and frame not in lx.REJECT_FRAMES:
        return None  # "is not planning to deploy troops": nothing happened, nothing refused
    if frame in lx.REJECT_FRAMES or (negated and frame in lx.AGREE_FRAMES | lx.INTENT_FRAMES):
        if frame == "deny" and inner.cue.conflict:  # "denies planning an invasion"
            return Coded(Cue("REJECT"), head, inner.chain, "happened", speaker, None, inner.used)
        return Coded(Cue("REJECT"), inner.trigger, inner.chain, "happened", speaker, inner.recipient_hint, inner.used)
    if frame in lx.AGREE_FRAMES:
        if inner.cue.conflict:
            return Coded(Cue("THREATEN", threat_mode(inner.cue)), inner.trigger, inner.chain, "threatened",
                         speaker, inner.recipient_hint, inner.used)
        return Coded(Cue("AGREE", None, "03"), inner.trigger, inner.chain, "planned", speaker,
                     inner.recipient_hint, inner.used)
    if frame in lx.INTENT_FRAMES or adj_frames:
        return _intent(inner, head)
    return inner  # transparent: "tried to assassinate", "began to withdraw"
