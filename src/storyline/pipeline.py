"""The stages chained for one stream of inputs: read -> clean -> analyze (grouping and synthesis: group/, synthesize/).

The CLI, the web app and the batch job all call these functions; none of them chains stages itself.
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from spacy.tokens import Doc

from storyline.analyze.dated import dated_events
from storyline.analyze.events import find_events
from storyline.analyze.figures import find_figures
from storyline.analyze.nlp import MODEL, components_for, parse
from storyline.analyze.people import PEOPLE_STEPS, analyze_doc
from storyline.analyze.times import find_times
from storyline.analyze.workers import Pending, run_chunks, submit_chunks
from storyline.clean import article_id, clean_document
from storyline.errors import Code, StorylineError
from storyline.ingest import read_inputs
from storyline.records import Article, IngestFailure, IngestItem, RawDocument, SourceMeta
from storyline.settings import Settings

if TYPE_CHECKING:
    from storyline.store import Store

log = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class Known:
    """An input whose article is already stored: not cleaned again (re-ingesting costs only the read)."""

    doc: RawDocument
    article_id: str


def clean_inputs(inputs: Iterable[str], meta: SourceMeta | None = None, settings: Settings | None = None,
                 known: Callable[[str], bool] | None = None) -> Iterator[Cleaned | IngestFailure | Known]:
    """Read and clean every input; with `known` (article id -> already stored?), stored ones come as Known."""
    settings = settings or Settings()
    return clean_items(read_inputs(inputs, meta, settings), settings, known)


def clean_items(items: Iterable[IngestItem], settings: Settings,
                known: Callable[[str], bool] | None = None) -> Iterator[Cleaned | IngestFailure | Known]:
    """`clean_inputs` for documents already read (pasted text, feed entries): failures pass through, stored
    ones come as Known, the rest cleaned."""
    for item in items:
        if isinstance(item, IngestFailure):
            yield item
        elif known is not None and known(doc_id := article_id(item)):
            yield Known(item, doc_id)
        else:
            yield clean_one(item, settings)


# Articles analysed together: spaCy's nlp.pipe amortises its per-call cost over a batch, while a batch keeps
# memory small and output flowing. 32 is the batch size of the language layer (analyze.nlp.BATCH_SIZE).
ANALYSIS_BATCH = 32
# Analysis batches started and not yet collected (`analyze_stream`, ingest_job.AnalysisQueue): two keep both
# workers busy (one batch queued behind the one being parsed) while this process prepares the next, and bound
# the articles held in memory.
ANALYSES_IN_FLIGHT = 2
T = TypeVar("T")


def analyze_articles(articles: Sequence[Article]) -> list[dict[str, list[Any]]]:
    """The analysis fields of the contract for each article (same order).

    Each stage runs on its own: a stage that fails on an odd article leaves its field empty and says so in
    `analysis_errors` (stage and cause), instead of losing the article's other fields or stopping the batch.
    A batch big enough is split over worker processes, one per core (`analyze.workers`); the results are the
    same as in process.
    """
    return run_chunks(analyze_in_process, list(articles))


def analyze_in_process(articles: Sequence[Article]) -> list[dict[str, list[Any]]]:
    """`analyze_articles` in this process (what each worker runs on its chunk)."""
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


def analyze_stream(items: Iterable[Cleaned | IngestFailure], batch: int = ANALYSIS_BATCH,
                   in_flight: int = ANALYSES_IN_FLIGHT
                   ) -> Iterator[tuple[Cleaned, dict[str, list[Any]]] | IngestFailure]:
    """Analyse a stream of cleaned articles in batches, keeping the input order (failures in their place).

    Each batch is started in the analysis workers (`analyze.workers.submit_chunks`) while the next articles
    are read and cleaned; at most `in_flight` batches are under way at once, so memory stays flat."""
    pending: list[Cleaned | IngestFailure] = []
    running: deque[tuple[list[Cleaned | IngestFailure], Pending[dict[str, list[Any]]]]] = deque()

    def start() -> None:
        nonlocal pending
        cleaned = [item.article for item in pending if isinstance(item, Cleaned)]
        # failures alone need no analysis (nor the model loaded for it)
        analyses = submit_chunks(analyze_in_process, cleaned) if cleaned else Pending(analyze_in_process, [], result=[])
        running.append((pending, analyses))
        pending = []

    def finish() -> Iterator[tuple[Cleaned, dict[str, list[Any]]] | IngestFailure]:
        done, analyses = running.popleft()
        results = iter(analyses.result())
        for item in done:
            yield item if isinstance(item, IngestFailure) else (item, next(results))

    for item in items:
        pending.append(item)
        if sum(isinstance(p, Cleaned) for p in pending) >= batch:
            start()
        while running and (len(running) > in_flight or running[0][1].done()):
            yield from finish()
    if pending:
        start()
    while running:
        yield from finish()


# -- the analysis cache -------------------------------------------------------------------------------------
# An analysis is stored with the fingerprint of the code and model that made it: a stored analysis is reused
# only when both it and the analysed input (text, publication date) are unchanged, so that re-ingesting or
# re-reading costs nothing while an upgrade of the analysis recomputes instead of serving stale results.
_ANALYSIS_CODE = ("analyze", "pipeline.py")


@lru_cache(maxsize=1)
def analyzer_fingerprint() -> str:
    """A hash of the analysis code (storyline/analyze/*.py, this module) and the spaCy model's version."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for part in _ANALYSIS_CODE:
        for path in sorted((root / part).rglob("*.py")) if (root / part).is_dir() else [root / part]:
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        digest.update(f"{MODEL}=={metadata.version(MODEL.replace('_', '-'))}".encode())
    except metadata.PackageNotFoundError:
        digest.update(MODEL.encode())
    return digest.hexdigest()[:16]


def input_hash(article: Article) -> str:
    """What the analysis of an article depends on: its text and its publication date (times resolve to it)."""
    return hashlib.sha256(f"{article.published}\n{article.text}".encode("utf-8", "surrogatepass")).hexdigest()[:16]


def analyze_cached(store: Store, articles: Sequence[Article],
                   batch: int = ANALYSIS_BATCH) -> list[dict[str, list[Any]]]:
    """`analyze_articles` through the store's cache: stored analyses are read, the others computed (in batches)
    and stored. Same order as `articles`. Articles not in the store are analysed but not cached."""
    analyzer = analyzer_fingerprint()
    keys = {a.id: input_hash(a) for a in articles}
    found = store.cached_analyses(keys, analyzer)
    missing = list({a.id: a for a in articles if a.id not in found}.values())
    for start in range(0, len(missing), batch):
        chunk = missing[start : start + batch]
        results = analyze_articles(chunk)
        found.update({a.id: r for a, r in zip(chunk, results, strict=True)})
        _cache(store, chunk, keys, found, analyzer)
    return [found[a.id] for a in articles]


def _cache(store: Store, chunk: Sequence[Article], keys: dict[str, str], found: dict[str, Any],
           analyzer: str) -> None:
    stored = [a for a in chunk if store.has_article(a.id)]
    try:
        store.save_analyses([(a.id, keys[a.id], found[a.id]) for a in stored], analyzer)
    except sqlite3.OperationalError as exc:  # a cache: a store busy past its timeout must not fail a read
        log.warning("analyses of %d articles not cached: %s", len(stored), exc)


class CachedAnalyses:
    """`analyze_cached` for one batch, started now and finished later (`start_cached`): the analyses not in the
    cache are computed by the worker processes while the caller goes on (reads, cleans and stores the next
    articles); `finish()` waits for them, stores them in the cache and returns every analysis, same order as
    the articles. In a process without the pool (small batches, threads) they are computed at once."""

    def __init__(self, store: Store, articles: Sequence[Article]) -> None:
        self.articles = list(articles)
        self._store = store
        self._analyzer = analyzer_fingerprint()
        self._keys = {a.id: input_hash(a) for a in self.articles}
        self._found = store.cached_analyses(self._keys, self._analyzer)
        self._missing = list({a.id: a for a in self.articles if a.id not in self._found}.values())
        self._pending: Pending[dict[str, list[Any]]] = submit_chunks(analyze_in_process, self._missing)
        self._results: list[dict[str, list[Any]]] | None = None

    def done(self) -> bool:
        """Whether `finish()` would not wait for the workers."""
        return self._results is not None or self._pending.done()

    def finish(self) -> list[dict[str, list[Any]]]:
        if self._results is None:
            results = self._pending.result()
            self._found.update({a.id: r for a, r in zip(self._missing, results, strict=True)})
            _cache(self._store, self._missing, self._keys, self._found, self._analyzer)
            self._results = [self._found[a.id] for a in self.articles]
        return self._results

    def cancel(self) -> None:
        """Drop the work not yet started; `finish()` is not to be called after."""
        self._pending.cancel()


def start_cached(store: Store, articles: Sequence[Article]) -> CachedAnalyses:
    """`analyze_cached(store, articles)` for one batch (up to ANALYSIS_BATCH articles), computed in the
    background: see `CachedAnalyses`."""
    return CachedAnalyses(store, articles)
