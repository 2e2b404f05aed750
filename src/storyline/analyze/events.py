"""Who did what to whom: events coded to PLOVER from the dependency parse, one sentence at a time.

Method: rules over spaCy's dependency parse plus a lexicon of PLOVER verbs and nouns (`events_lexicon`).
We have no expert-coded training data we may ship (the PLOVER gold standard is a 161-sentence development
set, and no model can be downloaded at run time), while PLOVER's manual defines its types by their verbs and
nouns and by coding rules that are rules of syntax: a threat to do X is THREATEN whatever X is, a refusal is
REJECT, an offer of cooperation AGREE, a leaders' phone call CONSULT (phone), a country's own drills
MOBILIZE but joint ones COOPERATE, a weapons delivery AID. The parse gives the rest: the subject is the actor
(the speaker, for "it"/"they" in reported speech), the object or a "to/with/against/on" phrase the
recipient, the passive's "by" phrase the actor. `events_parse` codes a clause; `events_actors` codes the
actor phrases to a name, a country (ISO 3166 alpha-3 or an IGO code) and a sector.

    events = find_events(doc, entities, times, published)   # doc: spaCy Doc or text

Each event: the contract fields {start, end, date, type, mode, actor, recipient, score} plus status
(happened / threatened / planned), actor_country, actor_sector, recipient_country, recipient_sector, cameo,
goldstein, evidence (the verbatim text of the span), trigger, sentence (start, end of the sentence), date_from
(text / published), main (the sentence's main event).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.analyze import doc_tables as dt
from storyline.analyze import events_lexicon as lx
from storyline.analyze.doc_tables import doc_text, sentence_bounds
from storyline.analyze.events_actors import Actor, ActorCoder, conjuncts, is_pronoun
from storyline.analyze.events_parse import (
    HYPOTHETICAL_GOVERNORS,
    HYPOTHETICAL_MODIFIERS,
    Coded,
    children,
    clause_event,
    noun_cue,
    under_opinion,
)
from storyline.analyze.events_when import event_date, sentence_mode

# Prepositions that introduce a recipient, most telling first; "in" (the place) comes last: "demonstrated
# in Serbia" is aimed at Serbia when nothing better is named.
RECIPIENT_PREPS = ("to", "with", "against", "on", "at", "into", "toward", "towards", "near", "along", "from", "of",
                   "for", "over", "in")
# Place nouns whose complement is the recipient of a deployment: "at the border with Ukraine".
BORDER_NOUNS = frozenset({"border", "borders", "frontier", "boundary", "doorstep"})
# Frame verbs whose subject is the actor whatever the subject of their complement.
FRAME_ACTORS = lx.THREAT_FRAMES | lx.AGREE_FRAMES | lx.REJECT_FRAMES
# CAMEO roots for ASSAULT by its mode: armed combat is CAMEO 19 (fight), the rest 18 (assault).
FIGHT_MODES = frozenset({"heavy-weapons", "aerial", "firearms"})
_RELATIVE = frozenset({"which", "who", "that", "whom"})
# Types a noun reports as a happening on its own ("Russia's build-up", "the phone call", "the US rejection");
# a bare "Russia's demands" or "Moscow's concerns" names a position, not a dated event.
NOUN_HAPPENINGS = frozenset({"CONSULT", "ASSAULT", "MOBILIZE", "PROTEST", "COERCE", "SANCTION", "AID", "RETREAT",
                             "COOPERATE", "REJECT"})
_QUOTED = re.compile(r"“[^”]{1,2000}”|\"[^\"\n]{1,2000}\"")
# Dependencies under which a noun names a thing, not an event of its own ("the sanctions regime").
_NOUN_SKIP_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "poss"})


def find_events(doc_or_text: Doc | str, entities: list[dict[str, Any]] | None = None,
                times: list[Any] | None = None, published: str | None = None) -> list[dict[str, Any]]:
    """PLOVER events of one article (see the module docstring); offsets are into the article text."""
    doc = _as_doc(doc_or_text)
    if entities is None:
        from storyline.analyze.entities import extract_entities

        entities = extract_entities(doc).to_dicts()
    if times is None:
        from storyline.analyze.times import find_times

        times = find_times(doc_text(doc), published)
    dated = [_time_dict(t) for t in times]
    coder = ActorCoder(list(entities))
    quoted = [m.span() for m in _QUOTED.finditer(doc_text(doc))]
    out: list[dict[str, Any]] = []
    last_actor: Actor | None = None
    for sent in doc.sents:
        kept: list[tuple[list[Token], dict[str, Any]]] = []
        for coded, is_main in _sentence_events(sent):
            if any(a < coded.trigger.idx < b for a, b in quoted):
                continue  # words inside a quotation are speech; the quote stage attributes them
            for event in _build(coded, coder, sent, last_actor, dated, published, is_main):
                if _restates(coded.trigger, event, kept):
                    continue
                if event["actor"] is not None and event["actor_country"] is not None:
                    last_actor = Actor(event["actor"], event["actor_country"], event["actor_sector"])
                kept.append(([coded.trigger, *coded.chain], event))
                out.append(event)
    return out


def _restates(trigger: Token, event: dict[str, Any], kept: list[tuple[list[Token], dict[str, Any]]]) -> bool:
    """A clause under an event of the same type and actor restates it ("held a call with Macron to discuss
    Ukraine" is one CONSULT, not a second one with Ukraine): counting it would inflate the event count."""
    return any(other["type"] == event["type"] and other["actor"] == event["actor"]
               and any(head.is_ancestor(trigger) for head in heads)
               for heads, other in kept)


def _as_doc(doc_or_text: Doc | str) -> Doc:
    if isinstance(doc_or_text, Doc):
        return doc_or_text
    from storyline.analyze.nlp import components_for, parse_one
    from storyline.analyze.people import PEOPLE_STEPS

    return parse_one(doc_or_text, components_for(PEOPLE_STEPS))


def _time_dict(t: Any) -> dict[str, Any]:
    return t if isinstance(t, dict) else t.to_dict()


def _sentence_events(sent: Span) -> list[tuple[Coded, bool]]:
    """The events of one sentence: the main clause's first, then other clauses and event nouns."""
    found: list[tuple[Coded, bool]] = []
    used: set[int] = set()

    def take(coded: Coded | None, main: bool) -> None:
        if coded is None or coded.trigger.i in used:
            return
        found.append((coded, main))
        used.update(c.i for c in coded.chain)
        used.add(coded.trigger.i)

    take(clause_event(sent.root), True)
    doc = sent.doc
    t = dt.tables(doc)
    pos, dep = t.pos, t.dep
    for i in range(sent.start, sent.end):  # by index: a Token is built only for the verbs and nouns
        if i in used or pos[i] not in ("VERB", "NOUN") or dep[i] in _NOUN_SKIP_DEPS:
            continue
        tok = doc[i]
        if under_opinion(tok):
            continue
        if pos[i] == "VERB" and dep[i] not in ("amod",):
            take(clause_event(tok), not found)
        elif pos[i] == "NOUN" and _noun_event_ok(tok) and _governor(tok).i not in used:
            cue = noun_cue(tok)
            if cue is not None:
                take(Coded(cue, tok, [tok]), not found)
    return found


def _governor(tok: Token) -> Token:
    """The verb a noun hangs from through prepositions ("went to Berlin for talks" -> "went")."""
    doc = tok.doc
    t = dt.tables(doc)
    dep, head = t.dep, t.head
    up = tok.i
    while dep[up] in ("pobj", "prep", "dobj", "conj", "appos") and head[up] != up:
        up = head[up]
    return doc[up]


def _noun_event_ok(tok: Token) -> bool:
    """An event noun counts when it names its actor or is something an actor took part in, and is not a
    hypothetical ("fears of a Russian invasion", "any new attack")."""
    cue = noun_cue(tok)
    if cue is None:
        return False
    t = dt.tables(tok.doc)
    low, lem, dep, head = t.lower, t.lemma, t.dep, t.head
    mods = {low[c] for c in t.kids[tok.i] if dep[c] in ("amod", "det", "compound")}
    if mods & HYPOTHETICAL_MODIFIERS:
        return False
    up = head[tok.i]
    for _ in range(3):
        if low[up] in HYPOTHETICAL_GOVERNORS or lem[up] in HYPOTHETICAL_GOVERNORS:
            return False
        if dep[up] == "ROOT":
            break
        up = head[up]
    if cue.type not in NOUN_HAPPENINGS:
        return False
    if _noun_actor(tok) is not None:
        return True
    return cue.type == "CONSULT" and tok.dep_ == "pobj"


def _noun_actor(tok: Token) -> Token | None:
    """The actor a noun names itself: "Russia's build-up", "the US rejection", "build-up of Russian troops"."""
    from storyline.analyze.events_countries import lookup

    for child in tok.children:
        if child.dep_ == "poss" and child.ent_type_ not in ("DATE", "TIME"):
            return child
        if child.dep_ in ("compound", "amod", "nmod") and lookup(child.text):
            return child
    for prep in children(tok, "prep", "agent"):
        if prep.lower_ == "by":
            return next(iter(children(prep, "pobj")), None)
        cue = noun_cue(tok)
        if prep.lower_ == "of" and cue is not None and cue.type == "MOBILIZE":
            return next(iter(children(prep, "pobj")), None)
    return None


def _subject(head: Token) -> tuple[Token | None, Token | None, bool]:
    """(actor token, recipient token, found) from a clause head's subject / passive agent."""
    agent = next((p for p in head.children if p.dep_ == "agent"), None)
    if agent is not None:
        pobj = next(iter(children(agent, "pobj")), None)
        patient = next(iter(children(head, "nsubjpass")), None)
        return pobj, patient, True
    subj = next(iter(children(head, "nsubj", "csubj")), None)
    if subj is not None:
        if subj.lower_ in _RELATIVE and head.dep_ == "relcl":
            subj = head.head
        return subj, None, True
    patient = next(iter(children(head, "nsubjpass")), None)
    if patient is not None:
        return None, patient, True
    return None, None, False


def _actor_and_patient(coded: Coded) -> tuple[Token | None, Token | None, Token | None]:
    """(actor, passive patient, speaker) for a coded clause, walking from the trigger's clause outward."""
    if coded.trigger.pos_ == "NOUN" and coded.chain == [coded.trigger]:
        own = _noun_actor(coded.trigger)
        if own is not None:
            return own, None, None
        up = coded.trigger.head
        while up.dep_ in ("prep", "pobj", "dobj", "conj") and up.head.i != up.i:
            up = up.head
        coded = Coded(coded.cue, coded.trigger, [up])
    speaker = coded.speaker
    chain = coded.chain
    for head in chain:  # a threat, offer or refusal is made by the frame's subject ("Biden warned ... the West
        if head.lemma_.lower() in FRAME_ACTORS:  # will impose sanctions" is Biden's threat)
            actor, patient, found = _subject(head)
            if actor is not None:
                return actor, patient, speaker
    for idx in range(len(chain) - 1, -1, -1):
        head = chain[idx]
        actor, patient, found = _subject(head)
        if idx > 0 and chain[idx - 1].lemma_.lower() in lx.REPORTING:
            outer, _, _ = _subject(chain[idx - 1])
            speaker = outer or speaker
        if found:
            return actor, patient, speaker
        if idx == 0:
            accused = _accused(head)
            if accused is not None:
                return accused, None, speaker
            up = head
            while up.dep_ in ("conj", "advcl", "xcomp", "relcl", "acl", "ccomp", "pcomp", "pobj", "prep", "dobj") \
                    and up.head.i != up.i:
                up = up.head
                actor, patient, found = _subject(up)
                if found:
                    return actor, patient, speaker
    return None, None, speaker


def _accused(head: Token) -> Token | None:
    """The doer of a gerund after "for"/"of" on a verb with an object: "criticised the US for removing staff",
    "accused Moscow of preparing an attack"."""
    if head.dep_ != "pcomp" or head.head.lower_ not in ("for", "of"):
        return None
    verb = head.head.head
    return next(iter(children(verb, "dobj")), None) if verb.pos_ == "VERB" else None


def _recipient_candidates(coded: Coded) -> list[Token]:
    out: list[Token] = []
    if coded.recipient_hint is not None:
        out.append(coded.recipient_hint)
    heads = [coded.trigger, *reversed(coded.chain)]
    for head in heads:
        for dative in children(head, "dative", "iobj"):  # "sent weapons to Ukraine": "to" is the dative
            out.extend(children(dative, "pobj") if dative.pos_ == "ADP" else [dative])
        for obj in children(head, "dobj", "attr"):
            out.append(obj)
            out.extend(children(obj, "poss"))
            for prep in children(obj, "prep"):
                if prep.lower_ in RECIPIENT_PREPS[:-1]:
                    out.extend(children(prep, "pobj"))
        preps = children(head, "prep")
        for word in RECIPIENT_PREPS if coded.cue.type != "CONSULT" or coded.cue.mode == "visit" \
                else RECIPIENT_PREPS[:-1]:  # talks "in Geneva" are not talks with Switzerland
            for prep in preps:
                if prep.lower_ == word:
                    for pobj in children(prep, "pobj"):
                        out.append(pobj)
                        out.extend(children(pobj, "poss"))
                        if pobj.lower_ in BORDER_NOUNS:
                            out.extend(o for p in children(pobj, "prep") for o in children(p, "pobj"))
    for head in heads:  # "demanded that the US cancel ...", "urged Moscow to show ..."
        for comp in children(head, "ccomp", "xcomp"):
            out.extend(children(comp, "nsubj", "nsubjpass"))
    for head in heads:  # the purpose: "began a hunger strike to demand the resignation of the president"
        for purpose in children(head, "advcl", "xcomp"):
            for obj in children(purpose, "dobj"):
                out.append(obj)
                out.extend(children(obj, "poss"))
                for prep in children(obj, "prep"):
                    out.extend(children(prep, "pobj"))
            for prep in children(purpose, "prep"):
                out.extend(children(prep, "pobj"))
    return out


def _resolve(tok: Token | None, coder: ActorCoder, speaker: Token | None, last: Actor | None) -> Actor | None:
    if tok is None:
        return None
    if is_pronoun(tok):
        if speaker is not None and not is_pronoun(speaker):
            return coder.code(speaker)
        return last
    return coder.code(tok)


def _build(coded: Coded, coder: ActorCoder, sent: Span, last: Actor | None, times: list[dict[str, Any]],
           published: str | None, main: bool) -> list[dict[str, Any]]:
    """The event of one coded clause, and one more per further actor joined by "and" ("Russia and Belarus
    began exercises" is two countries mobilising)."""
    actor_tok, patient, speaker = _actor_and_patient(coded)
    first = _build_one(coded, coder, sent, last, times, published, main, actor_tok, patient, speaker)
    if first is None:
        return []
    out = [first]
    if actor_tok is not None and not is_pronoun(actor_tok) and coded.cue.type not in ("CONSULT", "AGREE",
                                                                                        "COOPERATE"):
        for other in conjuncts(actor_tok)[1:]:
            more = _build_one(coded, coder, sent, last, times, published, False, other, patient, speaker)
            if more is not None and more["actor_country"] and more["actor_country"] != first["actor_country"]:
                out.append(more)
    return out


def _paragraph(tok: Token) -> tuple[int, int]:
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    end = text.find("\n", tok.idx)
    return start, (len(text) if end < 0 else end)


def _build_one(coded: Coded, coder: ActorCoder, sent: Span, last: Actor | None, times: list[dict[str, Any]],
               published: str | None, main: bool, actor_tok: Token | None, patient: Token | None,
               speaker: Token | None) -> dict[str, Any] | None:
    para = _paragraph(coded.trigger)
    if actor_tok is not None and not para[0] <= actor_tok.idx < para[1]:
        actor_tok = None  # a headline run into the next line by the sentence splitter
    actor = _resolve(actor_tok, coder, speaker, last)
    recipient: Actor | None = None
    cands = ([patient] if patient is not None else []) + _recipient_candidates(coded)
    for cand in cands:  # the first candidate with a country, else the first that names an actor at all
        if cand is None or (actor_tok is not None and cand.i == actor_tok.i) or cand.i == coded.trigger.i \
                or not para[0] <= cand.idx < para[1] or (cand.pos_ == "NOUN" and noun_cue(cand) is not None):
            continue  # an event noun ("military drills") is what happens, not to whom
        found = _resolve(cand, coder, speaker, None)
        if found is None or (actor is not None and found.name == actor.name) or found.strength == 0:
            continue
        if recipient is None or found.strength > recipient.strength:
            recipient = found
        if recipient.strength == 2:
            break
    if recipient is None and actor_tok is not None and coded.cue.type in ("CONSULT", "AGREE", "COOPERATE",
                                                                           "SUPPORT", "REJECT"):
        for other in conjuncts(actor_tok)[1:]:  # "Biden and Zelensky agreed ..."
            recipient = coder.code(other)
            if recipient is not None:
                break
    if actor is None and recipient is None and (coded.trigger.pos_ == "NOUN" or not main):
        return None  # a main clause's event is kept without actors (its type is still news), others not
    if coded.cue.cameo == "10" and coded.recipient_hint is not None and actor is not None and \
            recipient is not None and actor.country == recipient.country:
        return None  # "Lavrov argued Moscow should hold talks": advice to one's own side, not a demand
    cue = coded.cue
    if actor is not None and actor.sector == "MIL" and cue.type == "CONSULT" and cue.mode == "visit":
        joint = any(t.lower_ in lx.JOINT_WORDS for t in sent)  # troops arriving are deployed, not visiting
        cue = lx.Cue("COOPERATE", "military") if joint else lx.Cue("MOBILIZE", "troops")
    if actor is not None and actor.sector in lx.CIVIL_SECTORS:
        if cue.type == "COERCE" and cue.mode == "restrict":  # people blocking roads protest
            cue = lx.Cue("PROTEST", "obstruct")
        elif cue.type == "ACCUSE" and coded.trigger.lemma_.lower() == "protest":
            cue = lx.Cue("PROTEST", "demo")
    mode = cue.mode or sentence_mode(cue.type, sent)
    cameo = cue.cameo or lx.PLOVER[cue.type][1]
    if cue.type == "ASSAULT" and mode in FIGHT_MODES and not cue.cameo:
        cameo = "19"
    toks = [coded.trigger, *coded.chain[-1:]]
    in_sentence = actor_tok is not None and sentence_bounds(actor_tok) == (sent.start, sent.end)
    if actor_tok is not None and in_sentence and not is_pronoun(actor_tok):
        toks.append(actor_tok)
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    if recipient is not None and sent.start_char <= recipient.start < recipient.end <= sent.end_char:
        start, end = min(start, recipient.start), max(end, recipient.end)
    if actor is not None and sent.start_char <= actor.start < actor.end <= sent.end_char and \
            actor_tok is not None and not is_pronoun(actor_tok):
        start, end = min(start, actor.start), max(end, actor.end)
    date, date_from = event_date(coded, sent, times, published)
    text = doc_text(sent.doc)
    return {
        "start": start, "end": end, "date": date, "type": cue.type, "mode": mode,
        "actor": actor.name if actor else None, "recipient": recipient.name if recipient else None,
        "score": lx.PLOVER[cue.type][0], "status": coded.status,
        "actor_country": actor.country if actor else None, "actor_sector": actor.sector if actor else None,
        "recipient_country": recipient.country if recipient else None,
        "recipient_sector": recipient.sector if recipient else None,
        "cameo": cameo, "goldstein": lx.GOLDSTEIN[cameo], "evidence": text[start:end],
        "trigger": coded.trigger.text, "sentence": [sent.start_char, sent.end_char], "date_from": date_from,
        "main": main,
    }  # fmt: skip
