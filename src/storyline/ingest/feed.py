"""RSS, Atom and RDF feeds: one document per entry, with the feed's and the entry's metadata.

Feeds are parsed from bytes with feedparser (never handed a URL, so it never fetches by itself). An entry that
carries the full article is used as is; one that carries only a teaser gets its page fetched, when allowed.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import httpx

from storyline.errors import Code, StorylineError
from storyline.ingest.fetch import Fetched, fetch, make_client, page_document
from storyline.records import DocumentKind, IngestFailure, IngestItem, RawDocument, SourceMeta
from storyline.settings import Settings

# An entry whose content runs to this many words is the article itself. Feed teasers and summaries stay
# well under 100 words, and few articles run under 150; below that, fetching the page costs one request and
# loses nothing (a short brief comes back whole).
FULL_CONTENT_MIN_WORDS = 150
# feedparser parses a whole document in memory, so a feed file gets a cap of its own, far above any real
# feed (a few MB at most) and far below the streamed-container limit.
MAX_FEED_FILE_BYTES = 512 * 1024 * 1024
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")

FeedDict = Any  # feedparser.FeedParserDict: a dict with attribute access, untyped


def read_feed_file(path: Path, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    size = path.stat().st_size
    limit = min(settings.max_container_bytes, MAX_FEED_FILE_BYTES)
    if size > limit:
        raise StorylineError(Code.TOO_LARGE, str(path), f"{size:,} bytes is over the limit of {limit:,} for a feed")
    yield from read_feed_bytes(path.read_bytes(), str(path), meta, settings)


def read_feed_bytes(data: bytes, source: str, meta: SourceMeta, settings: Settings, *,
                    base_url: str | None = None) -> Iterator[IngestItem]:
    """Every entry of the feed in `data` (`source` names it in failures; `base_url` resolves relative links)."""
    yield from read_parsed_feed(parse_feed(data, source, base_url), source, meta, settings)


def read_parsed_feed(parsed: FeedDict, source: str, meta: SourceMeta, settings: Settings, *,
                     skip: Callable[[str], bool] | None = None,
                     client: httpx.Client | None = None) -> Iterator[IngestItem]:
    """The entries of a feed `parse_feed` gave, except those whose source id (`entry_source_id`) `skip`
    accepts: those are not read at all (no page fetched). Every item's source id is its entry's. Entry pages
    are fetched with `client` when given (it stays open), else with a client of the settings opened on the
    first page."""
    base = feed_meta(parsed.feed)
    pages = _Pages(settings, client)
    try:
        for index, entry in enumerate(parsed.entries, start=1):
            if skip is None or not skip(entry_source_id(entry, index, source)):
                yield _entry_item(entry, index, source, base, meta, settings, pages)
    finally:
        pages.close()


def entry_source_id(entry: FeedDict, index: int, source: str) -> str:
    """What names the `index`-th entry (from 1) of the feed `source`: its link, else its id, else its place."""
    return _text(entry.get("link")) or _text(entry.get("id")) or f"{source}#{index}"


def entry_source_ids(parsed: FeedDict, source: str) -> list[str]:
    """The source id of every entry of a parsed feed, in order."""
    return [entry_source_id(entry, index, source) for index, entry in enumerate(parsed.entries, start=1)]


def parse_feed(data: bytes, source: str, base_url: str | None = None) -> FeedDict:
    """The parsed feed, or StorylineError BAD_FEED when `data` is not one. A feed that parses with errors but
    still yields entries is kept (feedparser's loose parser recovers most real-world breakage)."""
    headers = {"content-location": base_url} if base_url else {}
    # A BytesIO, not the bytes: feedparser tries a bytes argument as a file name first.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if parsed.entries:
        return parsed
    if parsed.get("bozo"):
        problem = parsed.get("bozo_exception")
        raise StorylineError(Code.BAD_FEED, source, f"not a readable RSS/Atom feed: {problem or 'malformed XML'}")
    if not parsed.get("version"):
        raise StorylineError(Code.BAD_FEED, source, "not an RSS/Atom feed (no channel or feed element)")
    return parsed


def feed_meta(feed: FeedDict) -> SourceMeta:
    """What a feed says about all its entries: the outlet (feed title) and the language."""
    return SourceMeta(outlet=_text(feed.get("title")), language=_primary_language(_text(feed.get("language"))))


def entry_meta(entry: FeedDict) -> SourceMeta:
    """What an entry says about itself: link, title, date, author."""
    detail = entry.get("author_detail") or {}
    return SourceMeta(url=_text(entry.get("link")), title=_text(entry.get("title")), published=entry_published(entry),
                      byline=_text(detail.get("name")) or _text(entry.get("author")))


def entry_published(entry: FeedDict) -> str | None:
    """ISO 8601, keeping the feed's own time zone when its date string can be read; else feedparser's UTC."""
    for key in ("published", "updated"):
        raw = _text(entry.get(key))
        when = _parse_date(raw) if raw else None
        if when is not None:
            return when.isoformat()
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", parsed)
    return None


def entry_content(entry: FeedDict) -> tuple[str, DocumentKind] | None:
    """The longest body the entry carries (content:encoded, Atom content, or the summary/description), and
    its kind: HTML, or text when the feed says so (Atom `type="text"`)."""
    parts = [*(entry.get("content") or []), entry.get("summary_detail") or {"value": entry.get("summary")}]
    found = [(value, _kind(part.get("type"))) for part in parts if (value := _text(part.get("value")))]
    return max(found, key=lambda pair: len(pair[0])) if found else None


def word_count(html: str) -> int:
    return len(_WORD.findall(_TAG.sub(" ", html)))


class _Pages:
    """Fetches entry pages over one shared connection pool, opened on the first page."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self._settings = settings
        self._client = client
        self._own = client is None  # a client given by the caller is the caller's to close

    def fetch(self, url: str) -> Fetched:
        if self._client is None:
            self._client = make_client(self._settings)
        return fetch(url, self._settings, client=self._client)

    def close(self) -> None:
        if self._client is not None and self._own:
            self._client.close()


def _entry_item(entry: FeedDict, index: int, source: str, base: SourceMeta, meta: SourceMeta, settings: Settings,
                pages: _Pages) -> IngestItem:
    own = base.merged(entry_meta(entry))
    link = own.url
    source_id = entry_source_id(entry, index, source)
    content = entry_content(entry)
    if content and word_count(content[0]) >= FULL_CONTENT_MIN_WORDS:
        return _content_document(content, source_id, own.merged(meta))
    if settings.fetch_feed_pages and link:
        try:
            fetched = pages.fetch(link)
            # The page's final URL (after tracking redirects) is its address; flags still win.
            return page_document(fetched, source_id, replace(own, url=fetched.final_url).merged(meta))
        except StorylineError as exc:
            return IngestFailure(source_id, exc.code.value, f"the entry's page could not be read: {exc.reason}")
    if content:  # only a teaser, and no page to fetch (or fetching is off): the teaser is all there is
        return _content_document(content, source_id, own.merged(meta))
    return IngestFailure(source_id, Code.BAD_RECORD.value, f"entry {index} of {source} has no content and no page "
                         "to fetch")


def _content_document(content: tuple[str, DocumentKind], source_id: str, meta: SourceMeta) -> RawDocument:
    body, kind = content
    return RawDocument(source_id=source_id, kind=kind, body=body, raw=body.encode("utf-8"), meta=meta,
                       name=source_id)


def _kind(media_type: object) -> DocumentKind:
    return "text" if media_type == "text/plain" else "html"


def _parse_date(raw: str) -> datetime | None:
    try:
        return parsedate_to_datetime(raw)  # RSS: RFC 822
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(raw)  # Atom: RFC 3339
    except ValueError:
        return None


def _primary_language(tag: str | None) -> str | None:
    """`en-US` -> `en`, the form language identification gives for unlabelled articles."""
    if not tag:
        return None
    primary = tag.replace("_", "-").split("-")[0].strip().lower()
    return primary or None


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return value.strip() or None
