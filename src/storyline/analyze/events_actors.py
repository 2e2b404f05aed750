"""Actor coding: the noun phrase of an event's actor or recipient -> name, country code and sector.

An actor is read off the parse: the head of the phrase and its modifiers ("Russian foreign minister Sergei
Lavrov": head "Lavrov", country from "Russian", sector from "minister"). The name is the canonical entity at
the head when there is one ("Sergei Lavrov"), else the country ("Russia" for "Moscow") or the phrase. A
person named without a country word borrows the country learnt from another mention of the same person
in the article ("Lavrov" after "Russian foreign minister Sergei Lavrov"), else from their role
("Kremlin spokesman"), else from a short table of leaders that news names bare.

Sectors use the CAMEO/POLECAT actor-type codes: GOV, MIL, COP (police), REB, OPP, LEG, JUD, CVL, LAB, JRN,
REF, BUS, MED, EDU, SPY, IGO, NGO.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from storyline.analyze.events_countries import IGO_CODES, display_name, lookup, lookup_phrase

# Words of a noun phrase that fix the actor's sector (heads or modifiers).
SECTOR_WORDS: dict[str, str] = {
    **dict.fromkeys(("president", "minister", "government", "prime", "premier", "chancellor", "king", "queen",
                     "emir", "sheikh", "ministry", "administration", "cabinet", "official", "officials",
                     "spokesman", "spokeswoman", "spokesperson", "secretary", "diplomat", "diplomats",
                     "ambassador", "envoy", "embassy", "leader", "leaders", "authorities", "authority",
                     "presidency", "office", "state", "negotiator", "negotiators", "delegation", "mayor",
                     "governor", "regime", "junta", "foreign", "kremlin", "counterpart", "side"), "GOV"),
    **dict.fromkeys(("army", "military", "troops", "soldiers", "forces", "navy", "air", "force", "defence",
                     "defense", "general", "commander", "paratroopers", "marines", "warships", "jets",
                     "warplanes", "aircraft", "helicopters", "tanks", "bulldozers", "artillery", "units",
                     "infantry", "battalion", "battalions", "peacekeepers", "militaries", "soldier", "officers",
                     "officer", "troop"), "MIL"),
    **dict.fromkeys(("police", "policemen", "gendarmes"), "COP"),
    **dict.fromkeys(("rebels", "rebel", "guerrillas", "guerillas", "insurgents", "militants", "militia",
                     "militias", "separatists", "fighters", "gunmen", "terrorists", "extremists",
                     "hackers"), "REB"),
    **dict.fromkeys(("opposition", "dissidents", "dissident"), "OPP"),
    **dict.fromkeys(("parliament", "legislators", "lawmakers", "deputies", "congress", "senate", "senator",
                     "assembly", "mps", "legislature"), "LEG"),
    **dict.fromkeys(("court", "judge", "judges", "prosecutor", "prosecutors", "tribunal"), "JUD"),
    **dict.fromkeys(("people", "citizens", "civilians", "residents", "demonstrators", "protesters",
                     "protestors", "villagers", "settlers", "crowd", "crowds", "landowners", "students",
                     "prisoners", "elders", "nationals", "population", "group", "groups", "fundamentalists",
                     "activists", "community", "communities"), "CVL"),
    **dict.fromkeys(("workers", "union", "unions", "teachers", "miners"), "LAB"),
    **dict.fromkeys(("journalist", "journalists", "newspaper", "media", "reporters"), "JRN"),
    **dict.fromkeys(("refugees", "refugee", "migrants", "asylum"), "REF"),
    **dict.fromkeys(("businessman", "company", "companies", "firm", "firms", "businesses"), "BUS"),
    **dict.fromkeys(("doctors", "medics", "hospital", "nurses"), "MED"),
    **dict.fromkeys(("intelligence", "spy", "spies"), "SPY"),
}  # fmt: skip
# Bare names of leaders who held office in the years storyline's sample covers (2020s), for mentions that
# carry no country word and no earlier mention with one. Keep short: a country word in the text wins.
LEADERS: dict[str, tuple[str, str]] = {
    "putin": ("RUS", "GOV"), "lavrov": ("RUS", "GOV"), "peskov": ("RUS", "GOV"), "shoigu": ("RUS", "MIL"),
    "biden": ("USA", "GOV"), "blinken": ("USA", "GOV"), "austin": ("USA", "MIL"), "harris": ("USA", "GOV"),
    "trump": ("USA", "GOV"), "zelensky": ("UKR", "GOV"), "zelenskiy": ("UKR", "GOV"),
    "zelenskyy": ("UKR", "GOV"), "kuleba": ("UKR", "GOV"), "macron": ("FRA", "GOV"), "scholz": ("DEU", "GOV"),
    "baerbock": ("DEU", "GOV"), "johnson": ("GBR", "GOV"), "truss": ("GBR", "GOV"), "wallace": ("GBR", "MIL"),
    "lukashenko": ("BLR", "GOV"), "erdogan": ("TUR", "GOV"), "xi": ("CHN", "GOV"), "stoltenberg": ("NATO", "GOV"),
    "guterres": ("UN", "GOV"), "von der leyen": ("EU", "GOV"), "borrell": ("EU", "GOV"),
}
# Determiners and quantities are not part of an actor's name.
_DROP_DEPS = frozenset({"det", "nummod", "quantmod", "predet", "punct", "cc", "conj", "relcl", "acl", "advmod",
                        "prep", "appos", "case"})
# Heads that count people rather than name them.
QUANTITY_HEADS = frozenset({"thousands", "hundreds", "dozens", "millions", "scores", "tens", "group", "number",
                            "crowd", "some", "many", "most", "members", "member", "majority"})
# Entity types that never act: "on Wednesday" is not a recipient.
NOT_ACTORS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i", "its", "their", "his", "her", "our", "them", "him",
                      "us", "itself", "themselves"})


@dataclass
class Actor:
    name: str
    country: str | None = None
    sector: str | None = None
    start: int = 0
    end: int = 0
    known: bool = True  # False for a bare noun phrase with neither country, sector nor entity

    @property
    def strength(self) -> int:
        """How surely this names an actor: 2 with a country, 1 with a sector or a named entity, 0 else."""
        return 2 if self.country else 1 if self.known else 0

    def fields(self, prefix: str) -> dict[str, Any]:
        return {prefix: self.name, f"{prefix}_country": self.country, f"{prefix}_sector": self.sector}


@dataclass
class ActorCoder:
    """Codes noun phrases of one article; remembers what it learnt of each canonical person."""

    entities: list[dict[str, Any]]
    people: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.entities = sorted(self.entities, key=lambda e: e["start"])
        for ent in self.entities:
            if ent.get("label") == "PERSON" and ent.get("role"):
                found = lookup_phrase(ent["role"])
                sector = _sector_of(ent["role"].lower().split())
                if found:
                    self._learn(ent["canonical"], found[0], sector or found[1] or "GOV")

    def _learn(self, canonical: str, country: str | None, sector: str | None) -> None:
        old = self.people.get(canonical, (None, None))
        self.people[canonical] = (old[0] or country, old[1] or sector)

    def entity_at(self, tok: Token) -> dict[str, Any] | None:
        start, end = tok.idx, tok.idx + len(tok.text)
        for ent in self.entities:
            if ent["start"] < end and start < ent["end"]:
                return ent
            if ent["start"] >= end:
                break
        return None

    def code(self, head: Token) -> Actor | None:
        """The actor whose phrase has `head` as its head; None when the phrase names no actor."""
        if head.lower_ in QUANTITY_HEADS or head.ent_type_ in ("CARDINAL", "QUANTITY"):
            of = [p for p in head.children if p.dep_ == "prep" and p.lower_ == "of"]
            pobj = [c for p in of for c in p.children if c.dep_ == "pobj"]
            if pobj:  # "thousands of Iraqi Kurds", "a group of refugees": the people are the actor
                head = pobj[0]
        if head.ent_type_ in NOT_ACTORS or head.pos_ not in ("NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"):
            return None
        words = [t for t in _phrase(head)]
        lower = [t.lower_ for t in words]
        ent = self.entity_at(head)
        country: str | None = None
        sector: str | None = _sector_of(lower)
        # A country word among the modifiers ("Russian", "Ukraine's"), nearest to the head first.
        for tok in sorted(words, key=lambda t: abs(t.i - head.i)) + _context(head):
            if tok.i == head.i and ent is None:
                continue
            found = lookup(self._entity_text(tok) or tok.text)
            if found:
                country, sector = found[0], sector or found[1]
                break
        name: str | None = None
        if ent is not None and ent.get("label") == "PERSON":
            name = ent["canonical"]
            known = self.people.get(name) or LEADERS.get(name.split()[-1].lower()) or LEADERS.get(name.lower())
            if country:
                self._learn(name, country, sector or "GOV")
            elif known:
                country, sector = known[0], sector or known[1]
            sector = sector or "GOV"  # a named person acting in world news is nearly always an official
        elif ent is not None or head.pos_ == "PROPN":
            text = ent["canonical"] if ent else head.text
            found = lookup(text) or lookup(ent["text"] if ent else head.text) or lookup_phrase(text)
            leader = LEADERS.get(text.split()[-1].lower()) if text.split() else None
            if found:
                country, sector = found[0], sector or found[1]
                name = display_name(country) if found[1] or text.lower() == (display_name(country) or "").lower() \
                    else text
            elif leader and country is None:  # a leader's surname the NER did not tag as a person
                name, country, sector = text, leader[0], sector or leader[1]
            else:
                name = text
        elif head.lower_ in SECTOR_WORDS or country:
            own = lookup(head.text)
            if own:  # a demonym used as a noun ("the Palestinians")
                country = own[0]
            name = _phrase_text(words)
        if name is None and country is None:
            found = lookup_phrase(_phrase_text(words))
            if found:
                country, sector = found[0], sector or found[1]
                name = _phrase_text(words)
        if name is None and head.pos_ in ("NOUN", "PROPN") and not is_pronoun(head):
            span = _phrase_text(words)
            return Actor(span, None, sector, words[0].idx, words[-1].idx + len(words[-1].text), known=bool(sector))
        if name is None:
            return None
        if country in IGO_CODES and sector is None:
            sector = "IGO"
        if country is not None and name.lower() == head.text.lower() and lookup(head.text):
            name = display_name(country) or name
        return Actor(name, country, sector, words[0].idx, words[-1].idx + len(words[-1].text))

    def _entity_text(self, tok: Token) -> str | None:
        ent = self.entity_at(tok)
        if ent is None or ent.get("label") not in {"GPE", "NORP", "ORG", "LOC", "FAC"}:
            return None
        return str(ent["text"])


def _context(head: Token) -> list[Token]:
    """Words that place an actor without naming it: an apposition ("Sheikh Hamad, Qatar's emir") and a
    place ("rebels in the Ivory Coast", "a group based in Trinidad")."""
    out: list[Token] = []
    for child in head.children:
        if child.dep_ == "appos":
            out.extend(child.subtree)
        preps = [child] if child.dep_ == "prep" else [g for g in child.children if g.dep_ == "prep"] \
            if child.dep_ == "acl" else []
        for prep in preps:
            if prep.lower_ in ("in", "from"):
                out.extend(prep.subtree)
    return out


def _sector_of(words: list[str]) -> str | None:
    for word in words:
        if word in SECTOR_WORDS:
            return SECTOR_WORDS[word]
    return None


def _phrase(head: Token) -> list[Token]:
    """The head with its name-like modifiers (compounds, adjectives, possessors), in text order."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in _DROP_DEPS]
    for child in head.children:  # "the government of Sindh province", "leaders of Romania's government"
        if child.dep_ == "prep" and child.lower_ == "of":
            stack.extend(child.children)
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in _DROP_DEPS or c.dep_ == "case")
    return sorted({t.i: t for t in keep}.values(), key=lambda t: t.i)


def _phrase_text(words: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in words).strip()
    return text.replace("’s", "'s")


def is_pronoun(tok: Token) -> bool:
    """A personal pronoun ("it", "they"); "US" in capitals is a country."""
    return tok.lower_ in PRONOUNS and (tok.pos_ == "PRON" or not tok.text.isupper())


def conjuncts(head: Token) -> list[Token]:
    """The head and the heads joined to it by "and" ("Russia and Belarus")."""
    out = [head]
    for child in head.children:
        if child.dep_ == "conj":
            out.extend(conjuncts(child))
    return out
