"""Speakers: from the subject token of a cue to a canonical person or organisation.

A name resolves through the article's entities (surname and titled mentions to the full name). A pronoun
goes to the nearest earlier person of compatible gender outside quotes ('it' to the nearest organisation
or place: "the Kremlin ... it said"). A description ('the spokesman', 'the minister') goes to the nearest
earlier person whose role has that noun; an anonymous source ('officials', 'a source') keeps its words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from storyline.analyze.entities import EntityIndex, Mention
from storyline.analyze.names import ascii_fold, token_key

MALE = frozenset({"he", "him", "his"})
FEMALE = frozenset({"she", "her", "hers"})
IMPERSONAL = frozenset({"it", "its"})
# Nouns that describe a person by office; a description headed by one is resolved through the roles.
OFFICE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "secretary", "chancellor", "leader",
    "ambassador", "official", "chief", "head", "senator", "governor", "mayor", "candidate", "nominee",
    "premier", "director", "envoy", "diplomat", "general", "commander", "adviser", "advisor", "chairman",
    "congressman", "congresswoman", "representative", "prosecutor", "judge", "manager", "aide", "lawmaker",
})
# Prepositions that relate the subject to other people ('a meeting between', 'talks with'): a person named
# after one of them is not the subject.
RELATION_PREPS = frozenset({"between", "with", "among", "against", "about", "over", "after", "before", "during",
                            "from", "on"})
# Organisations and places that speak ("the Kremlin said", "Washington said").
SPEAKING_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})


# How many earlier person mentions a pronoun looks through for a subject before taking the nearest one:
# "Lavrov said he expected to meet Blinken ... 'No,' he said" is Lavrov, the subject, not Blinken.
MAX_ANTECEDENT_CANDIDATES = 3
# A subject phrase longer than this is a clause; a person named inside it is not the speaker.
MAX_SUBJECT_PHRASE = 14


def _person_in_phrase(tok: Token) -> Token:
    """'Emily Horne, the ... spokesperson' or 'U.S. Ambassador ... Linda Thomas-Greenfield' parsed with the
    description as the subject: the person named in the subject phrase speaks."""
    if tok.ent_type_ == "PERSON":
        return tok
    phrase = list(tok.subtree)
    if tok.dep_ == "appos" and tok.head.ent_type_ == "PERSON":
        return tok.head
    if len(phrase) > MAX_SUBJECT_PHRASE:
        return tok
    lo = phrase[0].i
    if tok.pos_ == "NOUN" and lo >= 2 and tok.doc[lo - 1].text == "," and tok.doc[lo - 2].ent_type_ == "PERSON":
        return tok.doc[lo - 2]  # 'Emily Horne, the ... spokesperson said' with the description as subject
    people = [t for t in phrase if ((t.ent_type_ == "PERSON" and t.ent_iob_ != "I") or
              (t.ent_type_ == "PERSON" and t.i == phrase[0].i)) and not _in_prep(t, tok)]
    if not people:
        return tok
    first = people[0]
    end = first.i
    while end + 1 < len(tok.doc) and tok.doc[end + 1].ent_iob_ == "I":
        end += 1
    return tok.doc[end]


def _in_prep(t: Token, head: Token) -> bool:
    """`t` hangs on `head` through a preposition of relation: 'the meeting between Mr Putin and Lavrov' is
    not Putin speaking. Prepositions of titles ('Ambassador to the U.N. Linda Thomas-Greenfield', 'Secretary
    of State Antony Blinken') keep the name, which the parser often hangs inside the title."""
    node = t
    while node.i != head.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in RELATION_PREPS:
            return True
        node = node.head
    return False


@dataclass
class Speaker:
    name: str | None
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "start": self.start, "end": self.end, "text": self.text}  # `asdict`, by hand


def mention_span(tok: Token) -> tuple[int, int]:
    """Character span of the speaker phrase headed by `tok` (name with its compounds; description with det)."""
    doc = tok.doc
    if tok.ent_type_:
        start = end = tok.i
        while (start > 0 and doc[start - 1].ent_iob_ == "I") or (start > 0 and doc[start].ent_iob_ == "I"):
            start -= 1
        while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
            end += 1
        return doc[start].idx, doc[end].idx + len(doc[end])
    left = [c for c in tok.lefts if c.dep_ in {"compound", "det", "amod", "poss", "nmod", "nummod", "case"}]
    start_tok = min([tok, *[c.left_edge for c in left]], key=lambda t: t.i)
    end_tok = tok
    for child in tok.rights:
        if child.dep_ == "flat" or (child.dep_ == "compound" and child.i == end_tok.i + 1):
            end_tok = child
    return start_tok.idx, end_tok.idx + len(end_tok)


class Resolver:
    """Resolves speaker tokens of one article; `quoted` are character ranges inside quotes."""

    def __init__(self, entities: EntityIndex, quoted: list[tuple[int, int]], text: str) -> None:
        self.entities = entities
        self.quoted = quoted
        self.text = text
        self.spoken: list[tuple[int, str]] = []  # (offset, person) of the speakers resolved so far

    def _outside(self, m: Mention) -> bool:
        return not any(a <= m.start < b for a, b in self.quoted)

    def speaker(self, tok: Token) -> Speaker:
        tok = _person_in_phrase(tok)
        start, end = mention_span(tok)
        text = self.text[start:end]
        name = self.name_for(tok, start, end)
        if name is not None and name in self.entities.people:
            self.spoken.append((start, name))
        return Speaker(name, start, end, text)

    def name_for(self, tok: Token, start: int, end: int) -> str | None:
        low = tok.lower_
        if low in MALE or low in FEMALE:
            gender = "m" if low in MALE else "f"
            return self._antecedent(tok, start, gender)
        if low in IMPERSONAL:
            for m in reversed(self.entities.mentions):  # 'it' is an institution or a place, not a nationality
                if m.end <= start and m.label in SPEAKING_LABELS - {"NORP"} and self._outside(m):
                    return m.canonical
            return None
        mention = self.entities.at(start, end)
        if mention is not None and mention.start <= tok.idx < mention.end:
            return mention.canonical
        if tok.pos_ == "PROPN":
            return self._surname(tok.text, start) or self.text[start:end]
        if tok.lemma_.lower() in OFFICE_NOUNS and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            for m in self.entities.persons_before(start):
                role = self.entities.role_of(m.canonical) or ""
                if tok.lemma_.lower() in ascii_fold(role) or tok.lower_ in ascii_fold(role):
                    return m.canonical
        return self.text[start:end]

    def _antecedent(self, tok: Token, start: int, gender: str) -> str | None:
        """A person named as a subject since the last speaker, else the last speaker, else the nearest person."""
        cands = [m for m in self.entities.persons_before(start)
                 if self._outside(m) and self.entities.gender_of(m.canonical) in (None, gender)]
        spoken = [(pos, name) for pos, name in self.spoken
                  if pos < start and self.entities.gender_of(name) in (None, gender)]
        last_pos, last_name = max(spoken) if spoken else (-1, None)
        for m in cands[:MAX_ANTECEDENT_CANDIDATES]:
            if m.start <= last_pos:
                break
            span = tok.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}:
                return m.canonical  # a new subject since the last speaker
        if last_name is not None:
            return last_name
        return cands[0].canonical if cands else None

    def _surname(self, word: str, pos: int) -> str | None:
        key = token_key(word)
        for m in self.entities.persons_before(pos):
            if token_key(m.canonical.split()[-1]) == key:
                return m.canonical
        return None
