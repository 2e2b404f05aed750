"""The fast attribute_ruler / lemmatizer (`nlp_attributes`) against the model's stock components.

Most cases build a Doc with explicit tags and dependencies, so they test the rules, not the tagger's guesses;
each is run through the stock ruler and ours, which must agree on every attribute, and its expected values say
which of the model's patterns it exercises.
"""

from __future__ import annotations

from typing import Any, cast

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from storyline.analyze import nlp as nlp_module
from storyline.analyze.nlp_attributes import FastAttributeRuler, FastRuleLemmatizer, install


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(nlp_module.MODEL)


@pytest.fixture(scope="module")
def fast_ruler(stock: Language) -> FastAttributeRuler:
    return FastAttributeRuler(stock.vocab).compile_from(cast(AttributeRuler, stock.get_pipe("attribute_ruler")))


def _attrs(doc: Doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _both(
    stock: Language, fast_ruler: FastAttributeRuler, words: list[str], tags: list[str], deps: list[str] | None = None
) -> Doc:
    """Run the stock ruler and ours on copies of one hand-tagged doc; assert they agree; return ours."""
    kwargs: dict[str, Any] = {"words": words, "tags": tags}
    if deps is not None:
        kwargs.update(deps=deps, heads=[0] * len(words))
    ours = Doc(stock.vocab, **kwargs)
    theirs = Doc(stock.vocab).from_bytes(ours.to_bytes())
    stock.get_pipe("attribute_ruler")(theirs)
    fast_ruler(ours)
    assert _attrs(ours) == _attrs(theirs)
    return ours


def test_relative_that_is_a_pronoun(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    # WDT maps to DET, but the later {TAG: WDT, LOWER: that} pattern makes a relative 'that' PRON/PronType=Rel
    doc = _both(stock, fast_ruler, ["the", "dog", "that", "barked"], ["DT", "NN", "WDT", "VBD"])
    assert (doc[2].pos_, str(doc[2].morph)) == ("PRON", "PronType=Rel")
    assert str(doc[0].morph) == "Definite=Def|PronType=Art"  # {TAG: DT, LOWER: the} refines DT's empty MORPH


def test_something_tagged_noun_is_a_pronoun(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    doc = _both(stock, fast_ruler, ["Something", "happened"], ["NN", "VBD"])
    assert (doc[0].pos_, str(doc[0].morph)) == ("PRON", "Number=Sing|PronType=Ind")
    assert (doc[1].pos_, str(doc[1].morph)) == ("VERB", "Tense=Past|VerbForm=Fin")


def test_clitic_s_is_be_and_negation_is_not(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    doc = _both(stock, fast_ruler, ["It", "'s", "n't", "here"], ["PRP", "VBZ", "RB", "RB"])
    assert (doc[0].lemma_, doc[0].pos_) == ("it", "PRON")
    assert (doc[1].lemma_, doc[1].pos_) == ("be", "AUX")  # {TAG: VBZ, LOWER: IN [is, 's]} sets LEMMA too
    assert (doc[2].lemma_, doc[2].pos_, str(doc[2].morph)) == ("not", "PART", "Polarity=Neg")


def test_but_as_advmod_needs_the_parse(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    parsed = _both(stock, fast_ruler, ["but", "slowly"], ["CC", "RB"], ["advmod", "ROOT"])
    assert parsed[0].pos_ == "ADV"  # {TAG: CC, LOWER: but, DEP: advmod}
    unparsed = _both(stock, fast_ruler, ["but", "slowly"], ["CC", "RB"])
    assert unparsed[0].pos_ == "CCONJ"  # no DEP (parser off): the DEP pattern can't match, as in the Matcher


def test_two_token_lemmas(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    # patterns over two tokens, setting the first (index 0) or the second (index 1) token's lemma
    words = ["gon", "na", "let", "'s", "y'", "all", "gon"]
    doc = _both(stock, fast_ruler, words, ["VBG", "TO", "VB", "PRP", "PRP", "DT", "VBG"])
    assert [t.lemma_ for t in doc[:6]] == ["go", "to", "", "us", "you", ""]
    assert doc[6].lemma_ == ""  # a 'gon' at the end of the doc has no 'na' to match


def test_expletive_there_makes_be_a_verb(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    # {DEP: expl}, {LOWER: is}: index 1, after {TAG: VBZ, LOWER: is} made it AUX: the later pattern wins
    words, tags = ["There", "is", "a", "cat"], ["EX", "VBZ", "DT", "NN"]
    doc = _both(stock, fast_ruler, words, tags, ["expl", "ROOT", "det", "attr"])
    assert (doc[1].pos_, doc[1].lemma_) == ("VERB", "be")


def test_whitespace_tokens(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    # IS_SPACE tokens become _SP/SPACE whatever the tagger said, and get DEP 'dep' only when parsed;
    # a _SP tag on a non-space token becomes X
    words, tags = ["Hi", "\n\n", "there", "x"], ["UH", "NN", "RB", "_SP"]
    doc = _both(stock, fast_ruler, words, tags, ["ROOT", "punct", "advmod", "dep"])
    assert (doc[1].tag_, doc[1].pos_, doc[1].dep_) == ("_SP", "SPACE", "dep")
    assert doc[3].pos_ == "X"
    unparsed = _both(stock, fast_ruler, ["Hi", "\n\n", "there"], ["UH", "NN", "RB"])
    assert (unparsed[1].tag_, unparsed[1].dep_) == ("_SP", "")


def test_empty_doc(stock: Language, fast_ruler: FastAttributeRuler) -> None:
    assert len(fast_ruler(Doc(stock.vocab, words=[]))) == 0


TEXTS = [
    "I'm gonna win, we gotta go, y'all know. C'mon, let's go!",
    "Mr Blair said that the plans, which he had backed, would be dropped.  But nobody knew why.",
    "There's nothing here.\n\nShe'd have gone; he'd go. They weren't ready and didn't care.",
    "   ",
]


def test_whole_pipeline_matches_stock(stock: Language) -> None:
    ours = nlp_module.load()
    assert isinstance(ours.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(ours.get_pipe("lemmatizer"), FastRuleLemmatizer)
    assert ours.pipe_names == stock.pipe_names
    for a, b in zip(stock.pipe(TEXTS), ours.pipe(TEXTS), strict=True):
        assert [(*x, t.head.i, t.ent_type_) for x, t in zip(_attrs(a), a, strict=True)] == [
            (*x, t.head.i, t.ent_type_) for x, t in zip(_attrs(b), b, strict=True)
        ]


def test_unsupported_patterns_keep_the_stock_component() -> None:
    blank = spacy.blank("en")
    ruler = cast(AttributeRuler, blank.add_pipe("attribute_ruler"))
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})  # an operator: not a fixed-length pattern
    assert install(blank) == []
    assert blank.get_pipe("attribute_ruler") is ruler
