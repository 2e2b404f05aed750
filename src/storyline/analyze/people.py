"""Who said what, in one call: entities and quotes of each article, in the contract's shape.

    from storyline.analyze.people import analyze_people
    results = analyze_people([article.text for article in articles])
    # results[i] == {"entities": [...], "quotes": [...]} for articles[i]

The texts are parsed in batches by the shared pipeline (`nlp.parse`). One article's failure never stops
the batch: it gets empty lists and the error is logged.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc

from storyline.analyze.entities import extract_entities, fold_story
from storyline.analyze.nlp import BATCH_SIZE, components_for, parse
from storyline.analyze.quotes import extract_quotes

log = logging.getLogger(__name__)
PEOPLE_STEPS = ("entities", "quotes")


def analyze_doc(doc: Doc) -> dict[str, list[dict[str, Any]]]:
    """Entities and quotes of one parsed article (`nlp.parse(..., components_for(PEOPLE_STEPS))`)."""
    try:
        entities = extract_entities(doc)
        quotes = extract_quotes(doc, entities)
    except Exception:  # one odd article must not stop a batch
        log.exception("entity/quote analysis failed for an article of %d characters", len(doc.text))
        return {"entities": [], "quotes": []}
    return {"entities": entities.to_dicts(), "quotes": [q.to_dict() for q in quotes]}


def analyze_people(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> list[dict[str, list[dict[str, Any]]]]:
    """Per text, `{"entities": [...], "quotes": [...]}`; offsets are into the given text."""
    docs = parse(texts, components_for(PEOPLE_STEPS), batch_size=batch_size)
    return [analyze_doc(doc) for doc in docs]


def analyze_entities(text: str) -> list[dict[str, Any]]:
    return analyze_people([text])[0]["entities"]


def analyze_quotes(text: str) -> list[dict[str, Any]]:
    return analyze_people([text])[0]["quotes"]


def fold_story_names(results: list[dict[str, list[dict[str, Any]]]]) -> list[dict[str, list[dict[str, Any]]]]:
    """One canonical name per entity across the articles of a story, applied to entities and speakers."""
    folded = fold_story([r["entities"] for r in results])
    out = []
    for result, entities in zip(results, folded, strict=True):
        rename = {m["canonical"]: f["canonical"] for m, f in zip(result["entities"], entities, strict=True)}
        quotes = []
        for q in result["quotes"]:
            speaker = q.get("speaker")
            if speaker and speaker.get("name") in rename:
                q = {**q, "speaker": {**speaker, "name": rename[speaker["name"]]}}
            if q.get("relays") in rename:
                q = {**q, "relays": rename[q["relays"]]}
            quotes.append(q)
        out.append({**result, "entities": entities, "quotes": quotes})
    return out
