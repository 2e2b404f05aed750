"""Entities with canonical names and roles, per article (`extract_entities`) and per story (`fold_story`).

Per article, people are clustered by surname key (`names.token_key`): a full name opens a cluster; a
surname-only or titled mention ("Peskov", "Mr Peskov") joins the cluster of the nearest earlier full name
with that surname (else the first later one), so "Hillary Clinton" and "Bill Clinton" stay two people and
"Clinton" goes to whichever was named last. Roles come from the words news puts before a name ("Kremlin
spokesman Dmitry Peskov") or an apposition ("Dmitry Peskov, the Kremlin spokesman").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.analyze import doc_tables as dt
from storyline.analyze.given_names import name_gender
from storyline.analyze.names import (
    ALIASES,
    FEMALE_HONORIFICS,
    FOLD_CACHE,
    HONORIFICS,
    MALE_HONORIFICS,
    TITLES,
    acronym,
    ascii_fold,
    clean_name,
    given_key,
    phrase_key,
    strip_titles,
    token_key,
)

# spaCy labels that name something (times, quantities and money belong to other stages).
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
# An apposition longer than this is a clause about the person, not a role.
MAX_ROLE_TOKENS = 8
# Words that make a capitalised name an institution, not a person ('Security Council', 'Foreign Ministry').
NON_PERSON_WORDS = frozenset({
    "ministry", "council", "party", "union", "house", "office", "department", "committee", "agency",
    "bank", "court", "army", "forces", "government", "parliament", "assembly", "news", "times", "post",
    "university", "foundation", "institute", "group", "company", "corporation", "inc", "ltd", "league",
    "federation", "republic", "kingdom", "states", "nations", "organization", "organisation", "service",
    "street", "square", "river", "sea", "ocean", "city", "county", "region", "province", "state", "tensions",
})
# Lower-case office nouns that precede a name ('council chief Oleksiy Danilov').
OFFICE_WORDS = frozenset({"chief", "spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "head",
                          "leader", "official", "envoy", "ambassador", "adviser", "advisor", "aide", "counterpart"})
_TITLE_OR_OFFICE = TITLES | OFFICE_WORDS
ROLE_DEPS = frozenset({"compound", "amod", "nmod", "poss", "case", "npadvmod", "nummod"})


@dataclass
class Mention:
    start: int
    end: int
    text: str
    label: str
    canonical: str
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # `asdict` by hand (it deep-copies field by field): an article has hundreds of mentions
        data: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text, "label": self.label,
                                "canonical": self.canonical}
        if self.role is not None:
            data["role"] = self.role
        return data


@dataclass
class _Person:
    given: list[str]  # given-name keys
    last: str  # surname key
    forms: list[str] = field(default_factory=list)  # full-name spellings seen
    gender: str | None = None
    role: str | None = None
    positions: list[int] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        longest = max(len(f.split()) for f in self.forms)
        candidates = [f for f in self.forms if len(f.split()) == longest]
        return max(candidates, key=lambda f: (candidates.count(f), -candidates.index(f)))


def _gender(titles: list[str]) -> str | None:
    folded = {ascii_fold(t).strip(".") for t in titles}
    if folded & MALE_HONORIFICS:
        return "m"
    if folded & FEMALE_HONORIFICS:
        return "f"
    return None


def _compatible(person: _Person, given: list[str]) -> bool:
    """Same person if the given names agree: equal first keys, an initial, or one's names within the other's."""
    if not person.given or not given:
        return True
    a, b = person.given, given
    if a[0] == b[0] or set(a) <= set(b) or set(b) <= set(a):
        return True
    return (len(a[0]) == 1 and b[0].startswith(a[0])) or (len(b[0]) == 1 and a[0].startswith(b[0]))


class EntityIndex:
    """The entities of one article, with the lookups speaker resolution needs."""

    def __init__(self, mentions: list[Mention], people: dict[str, _Person]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.people = people

    def at(self, start: int, end: int) -> Mention | None:
        """The mention overlapping [start, end), preferring people."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        hits.sort(key=lambda m: (m.label != "PERSON", m.start))
        return hits[0] if hits else None

    def role_of(self, canonical: str) -> str | None:
        person = self.people.get(canonical)
        return person.role if person else None

    def persons_before(self, pos: int) -> list[Mention]:
        """Person mentions ending before `pos`, nearest first."""
        return [m for m in reversed(self.mentions) if m.label == "PERSON" and m.end <= pos]

    def gender_of(self, canonical: str) -> str | None:
        person = self.people.get(canonical)
        return person.gender if person else None

    def to_dicts(self) -> list[dict[str, Any]]:
        return [m.to_dict() for m in self.mentions]


def _role_before(span: Span) -> str | None:
    """Words before the name that modify it: 'Kremlin spokesman' in 'Kremlin spokesman Dmitry Peskov'."""
    doc, root = span.doc, span.root
    subtree = {t.i for t in root.subtree}
    i = span.start
    while i > dt.sentence_bounds(span[0])[0] and (i - 1) in subtree and doc[i - 1].dep_ in ROLE_DEPS:
        if doc[i - 1].ent_type_ == "PERSON":
            break
        i -= 1
    words = [t for t in doc[i : span.start] if ascii_fold(t.text).strip(".") not in HONORIFICS]
    return _role_text(words)


def _role_text(words: list[Token]) -> str | None:
    while words and words[0].dep_ in {"det", "punct"}:
        words = words[1:]
    while words and words[-1].dep_ in {"punct", "case"}:
        words = words[:-1]
    if not words or len(words) > MAX_ROLE_TOKENS:
        return None
    if not any(t.pos_ == "NOUN" or ascii_fold(t.text) in TITLES for t in words):
        return None
    doc = words[0].doc
    return doc[words[0].i : words[-1].i + 1].text


def _role_apposition(span: Span) -> str | None:
    """'Dmitry Peskov, the Kremlin spokesman' and 'the Kremlin spokesman, Dmitry Peskov'."""
    root = span.root
    for child in root.rights:
        if child.dep_ == "appos" and child.ent_type_ != "PERSON":
            return _role_text([t for t in child.subtree if t.dep_ not in {"relcl", "acl"}][:MAX_ROLE_TOKENS + 1])
    if root.dep_ == "appos" and root.head.i < span.start and root.head.pos_ == "NOUN":
        head = root.head
        return _role_text([t for t in head.subtree if t.i < span.start and t.i >= head.left_edge.i])
    return None


def _titled_names(doc: Doc, taken: set[int]) -> list[Span]:
    """'Mr Zelenskiy' and 'President Biden' when the NER missed them: an honorific + proper nouns."""
    spans = []
    t = dt.tables(doc)
    words, pos, n = t.text, t.pos, len(doc)
    for i in range(n):  # by index, from the per-doc tables: this runs over every token
        if not _honorific(words[i]) or i + 1 >= n:
            continue
        j = i + 1
        while j < n and pos[j] == "PROPN" and words[j][:1].isupper() and j not in taken:
            j += 1
        if j > i + 1:
            spans.append(Span(doc, i, j, label="PERSON"))
    return spans


@lru_cache(maxsize=FOLD_CACHE)
def _honorific(word: str) -> bool:
    """`word` is an honorific ('Mr', 'Mrs.', 'Dr'): asked of every token, over a vocabulary that repeats."""
    return ascii_fold(word).strip(".") in HONORIFICS


def _one_line(ent: Span) -> Span:
    """An entity the NER ran across a line break ('Ukraine Tensions\nOlaf Scholz') keeps its last line."""
    words = dt.tables(ent.doc).text  # (a token's trailing whitespace_ is " " or "": never a line break)
    cut = max((i for i in range(ent.start, ent.end) if "\n" in words[i]), default=None)
    if cut is None or cut + 1 >= ent.end:
        return ent
    return Span(ent.doc, cut + 1, ent.end, label=ent.label_)


def _looks_personal(ent: Span, surnames: set[str]) -> bool:
    """A two- or three-word name the NER took for an organisation or place, but which news writes as a person:
    its surname is used for a person elsewhere in the article ('Mr Scholz'), or an office precedes it
    ('security council chief Oleksiy Danilov')."""
    words = dt.span_text(ent).split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() is not False for w in words):
        return False
    if any(ascii_fold(w) in NON_PERSON_WORDS for w in words):
        return False
    prev = ent.doc[ent.start - 1] if ent.start > 0 else None
    titled = prev is not None and ascii_fold(prev.text) in _TITLE_OR_OFFICE
    return titled or token_key(words[-1]) in surnames


def _given_names(ent: Span) -> Span:
    """A person the NER found without the given name before it ('Dmitry [Peskov]'): take it in."""
    doc, start = ent.doc, ent.start
    while start > 0 and start > ent.start - 2:
        prev = doc[start - 1]
        if ascii_fold(prev.text).strip(".") in HONORIFICS and "\n" not in prev.whitespace_:
            start -= 1  # 'Mr Peskov' is the mention
            break
        if (prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.ent_type_ not in ("", "PERSON")
                or ascii_fold(prev.text).strip(".") in TITLES or "\n" in prev.whitespace_):
            break
        start -= 1
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")


def _raw_mentions(doc: Doc) -> list[Span]:
    ents = [_one_line(e) for e in doc.ents if e.label_ in NAMED_LABELS]
    ents = [_given_names(e) if e.label_ == "PERSON" else e for e in ents]
    surnames = {token_key(text.split()[-1]) for e in ents
                if e.label_ == "PERSON" and (text := dt.span_text(e)).split()}
    t = dt.tables(doc)
    words, pos = t.text, t.pos
    for i in range(1, len(doc)):
        if _honorific(words[i - 1]) and pos[i] == "PROPN":
            surnames.add(token_key(words[i]))
    ents = [Span(doc, e.start, e.end, label="PERSON") if e.label_ != "PERSON" and _looks_personal(e, surnames)
            else e for e in ents]
    relabelled = []
    for ent in ents:
        if ent.start > 0 and _honorific(words[ent.start - 1]) and ent.label_ != "PERSON":
            relabelled.append(Span(doc, ent.start - 1, ent.end, label="PERSON"))
        else:
            relabelled.append(ent)
    taken = {i for e in relabelled for i in range(e.start, e.end)}
    spans = relabelled + _titled_names(doc, taken)
    taken |= {i for e in spans for i in range(e.start, e.end)}
    known = {token_key(text.split()[-1]) for e in spans
             if e.label_ == "PERSON" and len((text := dt.span_text(e)).split()) > 1}
    for i, word in enumerate(words):  # a known surname, or a place in its old spelling, the NER missed altogether
        if i in taken or not word[:1].isupper() or pos[i] not in ("PROPN", "NOUN"):
            continue
        if pos[i] == "PROPN" and token_key(word) in known:
            spans.append(Span(doc, i, i + 1, label="PERSON"))
        elif len(word) > 3 and phrase_key(word) in ALIASES:
            spans.append(Span(doc, i, i + 1, label="ORG" if word.isupper() else "GPE"))
    return sorted(spans, key=lambda s: s.start)


def extract_entities(doc: Doc) -> EntityIndex:
    """Entities of one parsed article with per-article canonical names and roles."""
    spans = _raw_mentions(doc)
    people: dict[int, _Person] = {}
    person_list: list[_Person] = []
    # Pass 1: full names open (or join) clusters.
    for s in spans:
        if s.label_ != "PERSON":
            continue
        titles, words = strip_titles(clean_name(dt.span_text(s)).split())
        if len(words) < 2:
            continue
        given, last = [given_key(w) for w in words[:-1]], token_key(words[-1])
        match = next((p for p in person_list if p.last == last and _compatible(p, given)), None)
        if match is None:
            match = _Person(given=given, last=last)
            person_list.append(match)
        match.forms.append(" ".join(words))
        match.gender = match.gender or _gender(titles) or name_gender(words[0])
        match.positions.append(s.start_char)
        people[s.start] = match
    surnames = {p.last for p in person_list}
    mentions: list[Mention] = []
    for s in spans:
        text = dt.span_text(s)
        titles, words = strip_titles(clean_name(text).split())
        if not words:
            continue
        label = s.label_
        honorific = bool(titles) and ascii_fold(titles[0]).strip(".") in HONORIFICS
        if label != "PERSON" and (honorific or (token_key(words[-1]) in surnames and _match(words, person_list))):
            label = "PERSON"  # 'Mr Zelenskiy' or a known surname taken for a place or an organisation
        elif label == "PERSON" and not titles and s.start not in people and phrase_key(text) in ALIASES:
            label = "GPE"  # 'Kiev' taken for a person
        if label == "PERSON":
            person = people.get(s.start) or (
                _single(words[0], _gender(titles), s.start_char, person_list) if len(words) == 1
                else _match(words, person_list))
            canonical = person.canonical if person else " ".join(words)
            if person is not None and person.role is None:
                person.role = _role_before(s) or _role_apposition(s)
            mentions.append(Mention(s.start_char, s.end_char, text, label, canonical))
        else:
            mentions.append(Mention(s.start_char, s.end_char, text, label, _place_or_org(text)))
    _fold_acronyms(mentions)
    by_name = {p.canonical: p for p in person_list}
    for m in mentions:
        if m.label == "PERSON" and m.canonical in by_name:
            m.role = by_name[m.canonical].role
    return EntityIndex(mentions, by_name)


def _match(words: list[str], persons: list[_Person]) -> _Person | None:
    """The person a name belongs to: same surname key and compatible given names."""
    if len(words) == 1:
        return next((p for p in persons if p.last == token_key(words[0])), None)
    given, last = [given_key(w) for w in words[:-1]], token_key(words[-1])
    return next((p for p in persons if p.last == last and _compatible(p, given)), None)


def _single(word: str, gender: str | None, pos: int, persons: list[_Person]) -> _Person | None:
    """A one-word person mention: the nearest earlier full name with that surname, else the first later one."""
    key = token_key(word)
    cands = [p for p in persons if p.last == key and (gender is None or p.gender in (None, gender))]
    if not cands:
        cands = [p for p in persons if p.given and p.given[0] == given_key(word)]
        if len(cands) != 1:
            return None
    earlier = [p for p in cands if min(p.positions) < pos]
    if earlier:
        return max(earlier, key=lambda p: max(q for q in p.positions if q < pos))
    return min(cands, key=lambda p: min(p.positions))


def _place_or_org(text: str) -> str:
    name = clean_name(text)
    if name.lower().startswith("the "):
        name = name[4:]
    key = phrase_key(name)
    return ALIASES.get(key) or ALIASES.get("the " + key) or name


def _fold_acronyms(mentions: list[Mention]) -> None:
    """'North Atlantic Treaty Organization' and 'NATO' in one article: both take the acronym."""
    acronyms = {phrase_key(m.canonical).upper() for m in mentions if m.canonical.isupper() and len(m.canonical) > 1}
    for m in mentions:
        short = acronym(m.canonical)
        if m.label != "PERSON" and short in acronyms:
            m.canonical = short


def story_key(mention: dict[str, Any]) -> tuple[str, str]:
    """The key under which a canonical name meets its variants in other articles."""
    name = str(mention["canonical"])
    if mention.get("label") == "PERSON":
        words = name.split()
        return ("PERSON", token_key(words[-1]) + "|" + (given_key(words[0]) if len(words) > 1 else ""))
    key = phrase_key(name)
    return ("NAME", phrase_key(ALIASES.get(key, name)))


def fold_story(articles: list[list[dict[str, Any]]]) -> list[list[dict[str, Any]]]:
    """Give the same canonical name to the same entity across the articles of a story.

    Variants meet under `story_key` (surname + given-name key for people, folded phrase otherwise); a
    surname-only canonical joins a full name only when exactly one full name in the story has that surname.
    The story canonical is the spelling most articles use (ties: the longest, then the first seen).
    """
    groups: dict[tuple[str, str], list[str]] = {}
    for mentions in articles:
        for m in mentions:
            groups.setdefault(story_key(m), []).append(str(m["canonical"]))
    by_surname: dict[str, list[tuple[str, str]]] = {}
    for kind, key in groups:
        if kind == "PERSON" and not key.endswith("|"):
            by_surname.setdefault(key.split("|")[0], []).append((kind, key))
    target: dict[tuple[str, str], tuple[str, str]] = {}
    for kind, key in list(groups):
        if kind == "PERSON" and key.endswith("|") and len(by_surname.get(key[:-1], [])) == 1:
            target[(kind, key)] = by_surname[key[:-1]][0]
        elif kind == "NAME" and " " not in key and len(by_surname.get(token_key(key), [])) == 1:
            target[(kind, key)] = by_surname[token_key(key)][0]  # a surname the NER took for a place
    merged: dict[tuple[str, str], list[str]] = {}
    for k, names in groups.items():
        merged.setdefault(target.get(k, k), []).extend(names)
    best = {k: _pick(names) for k, names in merged.items()}
    out = []
    for mentions in articles:
        folded = []
        for m in mentions:
            k = story_key(m)
            folded.append({**m, "canonical": best[target.get(k, k)]})
        out.append(folded)
    return out


def _pick(names: list[str]) -> str:
    upper = [n for n in names if n.isupper()]
    if upper and all(phrase_key(n) == phrase_key(upper[0]) for n in names):
        return upper[0]
    return max(dict.fromkeys(names), key=lambda n: (len(n.split()), names.count(n), -names.index(n)))
