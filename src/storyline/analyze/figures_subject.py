"""What a figure counts, from the dependency parse: the counted noun with its modifiers, its owner and place.

    subject_of(doc, span) -> Subject | None

"100,000 Russian troops": "100,000" is a `nummod` of "troops", whose `amod` "Russian" is kept. "dozens of
warships", "a third of the population": the amount is itself the noun and what it counts is the object of its
"of". "8,500 troops on heightened alert": a place or state phrase right after the noun is kept whether the
parser hung it on the noun or on the verb. "the death toll rose to 30": a bare number that a verb reaches
counts the verb's subject. The owner ("Russian", "Russia's", or the subject of "Russia has moved some 100,000
troops") and the place ("near Ukraine", "on the Ukrainian border", "to Lithuania") are what
`synthesize.figures` needs to put different phrasings of one subject in one series.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from storyline.analyze import figures_lexicon as lx

# Modifiers kept left of the counted noun: adjectives, noun compounds, possessives ("Russia's").
LEFT_DEPS = {"amod", "compound", "nmod", "poss"}
# Modifiers that only point back to earlier text ("such sites", "other countries"): they say nothing about
# the subject and would split its series.
DROP_MODIFIERS = {"such", "other", "some", "more", "further", "these", "those", "the", "a", "an"}
# Prepositions whose phrase after the noun says where or in what state the counted things are, or what they
# are of: "troops near Ukraine", "on heightened alert", "rounds of talks", "sites in Kyiv".
ATTACH_PREPS = {"of", "on", "near", "in", "at", "along", "to", "towards", "toward", "across", "inside", "around",
                "from", "within", "outside", "for", "into", "between", "by"}
# Prepositions that name a place ("near Ukraine", "on the border", "to Lithuania").
PLACE_PREPS = ATTACH_PREPS - {"of", "for", "by", "between"}
# A kept prepositional phrase is cut after this many tokens: a subject is a noun phrase, not a clause.
MAX_PP_TOKENS = 6
# Entity labels that name an owner or a place: nationalities, countries, organisations (Nato), locations.
OWNER_LABELS = {"NORP", "GPE", "ORG"}
PLACE_LABELS = {"GPE", "LOC", "NORP", "FAC"}
# How a bare number reaches the verb whose subject it measures: "rose to 30", "reached 130,000", "stood at 4".
VERB_TO_NUMBER = {"dobj", "attr", "pobj", "npadvmod", "oprd"}
NOUN_POS = {"NOUN", "PROPN"}
# Verbs that give their subject a level ("the death toll rose to 30", "inflation hit 5.4%"); with other verbs
# ("she was fined $7,500") the subject is not what the number measures.
LEVEL_VERBS = {"rise", "fall", "reach", "stand", "hit", "total", "be", "climb", "drop", "increase", "decrease",
               "grow", "jump", "surge", "slump", "decline", "top", "exceed", "double", "amount", "number", "soar",
               "plunge", "slip", "edge", "ease", "swell", "shrink", "near", "pass", "remain", "stay"}
# Words a cut phrase must not end on.
DANGLING_POS = {"ADP", "CCONJ", "DET", "PART", "PUNCT", "SCONJ"}
# "movements of thousands of troops": "of" links walked up to find an owner.
MAX_OF_HOPS = 3
# What a sum of money is for: "$6 billion in aid", "£3m for repairs", "$40 of fuel".
MONEY_PREPS = ("in", "for", "of", "on")


@dataclass(frozen=True)
class Subject:
    text: str
    start: int
    end: int
    head: str  # lemma of the counted noun ("troop")
    noun_end: int  # end of the counted noun itself: a figure's own span runs to here
    owner: str | None = None  # surface text of whose they are ("Russian", "Russia", "U.S.")
    place: str | None = None  # surface text of where they are ("Ukraine", "Ukrainian", "Lithuania")


def _root(span: Span) -> Token:
    """The token of `span` whose head lies outside it (the span's syntactic root)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok
    return span[-1]


def _of_object(tok: Token, preps: tuple[str, ...] = ("of",)) -> Token | None:
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in preps:
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def counted_noun(span: Span) -> Token | None:
    """The noun `span` (an amount) counts, or None."""
    root = _root(span)
    head = root.head
    if (root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod", "npadvmod", "appos") and head.pos_ in NOUN_POS
            and head.i >= span.end and head.i - span.end <= MAX_PP_TOKENS):
        counted = head
    elif root.pos_ in NOUN_POS | {"NUM", "SYM"}:
        counted = _of_object(root)  # "dozens of warships", "a third of the population", "350 of them"
    else:
        counted = None
    if counted is not None and counted.pos_ == "PRON":
        return None
    if counted is not None and (counted.lower_ in lx.CURRENCY_WORDS or counted.lower_ in lx.MEASURE_UNITS):
        return None  # "six billion dollars", "5 %": the unit, not the subject
    # "the number of troops", "a build-up of 100,000 troops" keep their real object
    if counted is not None and counted.lemma_.lower() in lx.CONTAINER_NOUNS:
        inner = _of_object(counted)
        if inner is not None and inner.pos_ in NOUN_POS:
            counted = inner
    return counted


def _pp_tokens(prep: Token) -> list[Token]:
    """A prepositional phrase, cut at a comma, a clause or MAX_PP_TOKENS, without a dangling end ("talks
    between Russian diplomats and", "alert for deployment to")."""
    out: list[Token] = []
    for tok in prep.subtree:
        if tok.i < prep.i:
            continue
        clause = tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("amod", "compound")  # "heightened alert" stays
        if (tok.is_punct and tok.text not in ("-", "'s", "’s")) or clause or tok.dep_ == "relcl":
            break
        out.append(tok)
        if len(out) >= MAX_PP_TOKENS:
            break
    while len(out) > 1 and out[-1].pos_ in DANGLING_POS:
        out.pop()
    return out if len(out) > 1 else []


def _place_in(tokens: list[Token]) -> str | None:
    """The first place named after a place preposition inside `tokens` ("near Ukraine", "on the Ukrainian
    border"); "talks between Russian diplomats" names no place."""
    after_place_prep = False
    kept: list[Token] = []
    for tok in tokens:
        if tok.pos_ == "ADP":
            after_place_prep = tok.lower_ in PLACE_PREPS
        elif after_place_prep:
            kept.append(tok)
    return _entity(kept, PLACE_LABELS)


def _left_modifiers(noun: Token, skip: set[int]) -> list[Token]:
    kept: list[Token] = []
    for child in noun.lefts:
        if child.dep_ in LEFT_DEPS and child.i not in skip and child.lower_ not in DROP_MODIFIERS:
            kept.extend(t for t in child.subtree if t.i not in skip and t.lower_ not in DROP_MODIFIERS)
    return kept


def _right_phrase(noun: Token) -> list[Token]:
    """The first place/state/of phrase after the noun, on the noun or (adjacent) on its verb."""
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in ATTACH_PREPS:
            return _pp_tokens(child)
        if child.dep_ not in ("amod", "compound"):
            break
    verb = noun.head
    follow = noun.right_edge.i + 1
    if noun.dep_ in ("dobj", "nsubjpass", "nsubj") and follow < len(noun.doc):
        nxt = noun.doc[follow]
        if nxt.dep_ == "prep" and nxt.head == verb and nxt.lower_ in PLACE_PREPS:
            return _pp_tokens(nxt)
    return []


def _entity(tokens: list[Token], labels: set[str]) -> str | None:
    for tok in tokens:
        if tok.ent_type_ in labels:
            ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
            return ent.text if ent is not None else tok.text
    return None


def _verb_context(noun: Token) -> tuple[str | None, str | None]:
    """Owner and place from the clause: "Russia has moved some 100,000 troops towards Ukraine"."""
    # "troops it is sending to Lithuania": the place of a relative clause on the noun
    relcl_place = [t for c in noun.children if c.dep_ in ("relcl", "acl")
                   for p in c.children if p.dep_ == "prep" and p.lower_ in PLACE_PREPS for t in _pp_tokens(p)]
    verb = noun.head
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.pos_ in NOUN_POS:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or noun.dep_ not in ("dobj", "nsubjpass", "nsubj", "conj"):
        return None, _place_in(relcl_place)
    owner = None
    if noun.dep_ == "dobj":
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            owner = _entity(list(subjects[0].subtree), OWNER_LABELS)
    # "moved some 100,000 troops and armoured vehicles towards Ukraine": the phrase may hang on a conjunct
    holders = [verb, *(c for c in noun.subtree if c.dep_ == "conj" and c.pos_ in NOUN_POS)]
    preps = sorted((c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS),
                   key=lambda t: t.i)
    place_tokens = [t for c in preps for t in _pp_tokens(c)]
    return owner, _place_in(relcl_place) or _place_in(place_tokens)


def _of_owner(noun: Token) -> str | None:
    """"Russia's movements of thousands of troops": the owner of the noun an "of" chain hangs on."""
    for _ in range(MAX_OF_HOPS):
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.pos_ not in NOUN_POS:
            return None
        noun = prep.head
        owner = _entity([t for c in noun.lefts for t in c.subtree], OWNER_LABELS)
        if owner:
            return owner
    return None


def subject_of(span: Span, money: bool = False) -> Subject | None:
    """The subject of the amount `span`: its counted noun with modifiers, what money is for ("$6 billion in
    military aid"), or the subject of the verb that a bare number completes ("the death toll rose to 30");
    None when nothing is counted."""
    noun = counted_noun(span)
    if noun is None and money:
        noun = _money_purpose(span)
    if noun is None:
        noun = _verb_subject(span)
        if noun is None:
            return None
    skip = set(range(span.start, span.end))
    left = _left_modifiers(noun, skip)
    right = _right_phrase(noun)
    tokens = sorted({t.i: t for t in [*left, noun, *right]}.values(), key=lambda t: t.i)
    text = "".join(t.text_with_ws for t in tokens).strip()
    owner = _entity(left, OWNER_LABELS) or _of_owner(noun)
    place = _place_in(right)
    if owner == place and owner is not None and right and any(t.text == owner for t in right):
        owner = None
    if owner is None or place is None:
        verb_owner, verb_place = _verb_context(noun)
        owner, place = owner or verb_owner, place or verb_place
    start = min(t.idx for t in tokens)
    end = max(t.idx + len(t.text) for t in tokens)
    return Subject(text=text, start=start, end=end, head=noun.lemma_.lower(), noun_end=noun.idx + len(noun.text),
                   owner=owner, place=place)


def _money_purpose(span: Span) -> Token | None:
    """"$6 billion in aid", "six billion dollars in long-term military aid": the object of the phrase right
    after the sum, whichever word the parser hung it on."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].dep_ == "prep" and doc[span.end].lower_ in MONEY_PREPS:
        objs = [c for c in doc[span.end].children if c.dep_ == "pobj" and c.pos_ in NOUN_POS
                and c.lemma_.lower() not in lx.TIME_NOUNS]  # "$16bn in the year to March" is no purpose
        return objs[0] if objs else None
    return None


def _verb_subject(span: Span) -> Token | None:
    root = _root(span)
    word = root
    if root.dep_ == "pobj" and root.head.dep_ in ("prep", "dative"):
        word = root.head
    if (word.dep_ not in VERB_TO_NUMBER | {"prep"} or word.head.pos_ not in ("VERB", "AUX")
            or word.head.lemma_.lower() not in LEVEL_VERBS):
        return None
    subjects = [c for c in word.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
    if not subjects:
        return None
    noun = subjects[0]
    if noun.lemma_.lower() in lx.CONTAINER_NOUNS:
        inner = _of_object(noun)
        if inner is not None and inner.pos_ in NOUN_POS:
            return inner
    return noun
