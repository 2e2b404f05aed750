"""The stages chained for one stream of inputs: read -> clean -> analyze (grouping and synthesis: group/, synthesize/).

The CLI, the web app and the batch job all call these functions; none of them chains stages itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from spacy.tokens import Doc

from storyline.analyze.dated import dated_events
from storyline.analyze.events import find_events
from storyline.analyze.figures import find_figures
from storyline.analyze.nlp import components_for, parse
from storyline.analyze.people import PEOPLE_STEPS, analyze_doc
from storyline.analyze.times import find_times
from storyline.clean import clean_document
from storyline.errors import Code, StorylineError
from storyline.ingest import read_inputs
from storyline.records import Article, IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings


@dataclass(frozen=True)
class Cleaned:
    doc: RawDocument
    article: Article


def clean_one(doc: RawDocument, settings: Settings) -> Cleaned | IngestFailure:
    """Clean one document; a failure names the input and the reason instead of raising."""
    try:
        article = clean_document(doc, settings)
    except StorylineError as exc:
        return IngestFailure(exc.source or doc.source_id, exc.code.value, exc.reason)
    except Exception as exc:  # a bug on one odd item must not stop a batch; report it with its cause
        return IngestFailure(doc.source_id, Code.INTERNAL.value, f"cleaning failed: {type(exc).__name__}: {exc}")
    if not article.text.strip():
        return IngestFailure(doc.source_id, Code.NO_BODY.value, "nothing is left once the scraping noise is removed")
    return Cleaned(doc, article)


def clean_inputs(inputs: Iterable[str], meta: SourceMeta | None = None,
                 settings: Settings | None = None) -> Iterator[Cleaned | IngestFailure]:
    settings = settings or Settings()
    for item in read_inputs(inputs, meta, settings):
        yield item if isinstance(item, IngestFailure) else clean_one(item, settings)


# Articles analysed together: spaCy's nlp.pipe amortises its per-call cost over a batch, while a batch keeps
# memory small and output flowing. 32 is the batch size of the language layer (analyze.nlp.BATCH_SIZE).
ANALYSIS_BATCH = 32
T = TypeVar("T")


def analyze_articles(articles: Sequence[Article]) -> list[dict[str, list[Any]]]:
    """The analysis fields of the contract for each article (same order).

    Each stage runs on its own: a stage that fails on an odd article leaves its field empty and says so in
    `analysis_errors` (stage and cause), instead of losing the article's other fields or stopping the batch.
    """
    docs = parse([article.text for article in articles], components_for(PEOPLE_STEPS))  # one parse, shared
    return [_analyze_one(article, doc) for article, doc in zip(articles, docs, strict=True)]


def _analyze_one(article: Article, doc: Doc) -> dict[str, list[Any]]:
    errors: list[str] = []

    def stage(name: str, run: Callable[[], T], empty: T) -> T:
        try:
            return run()
        except Exception as exc:  # storyline's own bug on this input: reported, the rest goes on
            errors.append(f"{name}: {type(exc).__name__}: {exc}")
            return empty

    found = stage("quotes", lambda: analyze_doc(doc), {"entities": [], "quotes": []})
    times = stage("times", lambda: find_times(article.text, article.published), [])
    time_dicts = [t.to_dict() for t in times]
    result: dict[str, list[Any]] = {
        **found,
        "times": time_dicts,
        "figures": stage("figures", lambda: [f.to_dict() for f in find_figures(article.text, doc, times)], []),
        "events": stage("events", lambda: find_events(doc, found["entities"], times, article.published), []),
        "dated": stage("dated", lambda: dated_events(article.text, time_dicts, found["entities"],
                                                      article.published, found["quotes"]), []),
    }
    if errors:
        result["analysis_errors"] = errors
    return result


def analyze_stream(items: Iterable[Cleaned | IngestFailure],
                   batch: int = ANALYSIS_BATCH) -> Iterator[tuple[Cleaned, dict[str, list[Any]]] | IngestFailure]:
    """Analyse a stream of cleaned articles in batches, keeping the input order (failures in their place)."""
    pending: list[Cleaned | IngestFailure] = []

    def flush() -> Iterator[tuple[Cleaned, dict[str, list[Any]]] | IngestFailure]:
        cleaned = [item for item in pending if isinstance(item, Cleaned)]
        results = iter(analyze_articles([item.article for item in cleaned]))
        for item in pending:
            yield item if isinstance(item, IngestFailure) else (item, next(results))
        pending.clear()

    for item in items:
        pending.append(item)
        if sum(isinstance(p, Cleaned) for p in pending) >= batch:
            yield from flush()
    yield from flush()
