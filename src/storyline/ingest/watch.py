"""Watching feeds: each followed feed is polled on its schedule and its new entries ingested.

- A poll is a conditional GET (the ETag and Last-Modified of the last answer go back as If-None-Match and
  If-Modified-Since): a 304 costs one request and nothing else. A local feed file is "modified" when its
  modification time or size changed.
- New entries are read, cleaned, stored with their story assignment and analysed by the same loop as
  `storyline ingest` (`ingest_job.ingest_documents`). Entries the feed showed before are not read again (the
  store remembers them per feed, `feed_entries`), so an entry whose page must be fetched is fetched once.
- A poll that fails (network, HTTP status, not a feed) is recorded with its reason and retried after an
  exponential back-off; it never stops the watcher or the other feeds. A poll that works resets the count.

Time and HTTP are injected (`clock`, `client`), so that tests need neither sleeping nor the network.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal

import httpx

from storyline.errors import Code, StorylineError
from storyline.ingest import is_url
from storyline.ingest.feed import MAX_FEED_FILE_BYTES, FeedDict, entry_source_ids, parse_feed, read_parsed_feed
from storyline.ingest.fetch import check_url, fetch_if_changed, make_client
from storyline.ingest_job import Outcome, ingest_documents
from storyline.records import IngestFailure, IngestItem, SourceMeta
from storyline.settings import Settings
from storyline.store import Store
from storyline.store.feeds import EntryState, Feed

log = logging.getLogger(__name__)

# News feeds change every few minutes to every few hours, and publishers ask readers not to poll more often
# than every 10-15 minutes (feeds are cached upstream for about that long anyway).
DEFAULT_INTERVAL_S = 15 * 60
# Polling more often than once a minute finds nothing more and is impolite; an interval over a week is a typo.
MIN_INTERVAL_S = 60
MAX_INTERVAL_S = 7 * 24 * 3600
# After a failed poll the next one waits the feed's interval, doubled for every further consecutive failure,
# up to this cap: a feed that is down for a day is still tried four times that day, and is found again within
# six hours of coming back. (A feed polled less often than the cap keeps its own interval.)
MAX_BACKOFF_S = 6 * 3600
MAX_DOUBLINGS = 20  # 2**20 intervals is far past any cap: keeps the arithmetic small
# An entry whose page cannot be read is tried again at the next polls; after this many failures in a row it
# is broken rather than busy, and trying forever would cost one request per poll.
MAX_ENTRY_ATTEMPTS = 3
# Entries are remembered while the feed still shows them, and for this long after they were first seen: a
# feed drops entries after days, rarely brings one back, and a forgotten entry costs only one page fetch.
ENTRY_MEMORY = timedelta(days=30)
# The watch loop wakes at least this often, to notice feeds followed (or "poll now" asked) meanwhile by
# another process, such as the web app next to `storyline watch`.
IDLE_CHECK_S = 30.0

Clock = Callable[[], datetime]
Status = Literal["changed", "unchanged", "failed"]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def retry_delay(failures: int, interval_s: int) -> timedelta:
    """How long to wait after `failures` (>= 1) consecutive failed polls of a feed polled every `interval_s`."""
    doubled = interval_s * 2 ** min(max(failures - 1, 0), MAX_DOUBLINGS)
    return timedelta(seconds=min(doubled, max(MAX_BACKOFF_S, interval_s)))


@dataclass
class PollResult:
    """What one poll of one feed did."""

    url: str
    status: Status
    at: datetime
    next_poll: datetime
    added: list[str] = field(default_factory=list)  # ids of the articles stored
    stories: list[str] = field(default_factory=list)  # ids of the stories they joined (new or updated)
    already: int = 0  # entries whose article was stored before
    failed: list[IngestFailure] = field(default_factory=list)  # entries that could not be read
    error: StorylineError | None = None  # why the poll failed
    failures: int = 0  # consecutive failed polls, this one included

    def line(self) -> str:
        """One line for the terminal: `FEED: ...`, or `FEED: [code] reason ...` when the poll failed."""
        when = _short(self.next_poll)
        if self.error is not None:
            return (f"{self.url}: [{self.error.code.value}] {self.error.reason} (failure {self.failures}; "
                    f"next try {when})")
        if self.status == "unchanged":
            return f"{self.url}: unchanged; next poll {when}"
        stories = len(set(self.stories))
        story_word = "story" if stories == 1 else "stories"
        failed = f", {len(self.failed)} {'entry' if len(self.failed) == 1 else 'entries'} failed" if self.failed else ""
        return (f"{self.url}: {len(self.added)} new article{'' if len(self.added) == 1 else 's'} in {stories} "
                f"{story_word}, {self.already} already stored{failed}; next poll {when}")


@dataclass(frozen=True)
class _Answer:
    """A feed document that changed since the last poll, and its validators for the next one."""

    data: bytes
    base_url: str | None
    etag: str | None
    last_modified: str | None


def follow(store: Store, url: str, outlet: str | None = None, interval_s: int | None = None, *,
           now: datetime | None = None, allow_files: bool = False) -> Feed:
    """Follow the feed at `url` (an http(s) URL; with `allow_files`, also a local file) every `interval_s`
    seconds (None: as before when already followed, else DEFAULT_INTERVAL_S), the first poll due at once; a
    feed already followed keeps its state. StorylineError when the address or the interval cannot be used."""
    url = url.strip()
    if interval_s is not None and not MIN_INTERVAL_S <= interval_s <= MAX_INTERVAL_S:
        raise StorylineError(Code.BAD_OPTION, url, f"the interval must be {MIN_INTERVAL_S} to {MAX_INTERVAL_S:,} "
                             f"seconds, not {interval_s}")
    if "://" in url:  # an address, maybe of a scheme storyline does not fetch (ftp://, file://)
        check_url(url)
    elif allow_files and url:
        path = Path(url).expanduser().resolve()
        if not path.is_file():
            raise StorylineError(Code.NOT_FOUND, url, "no such feed file (give a file, or an http(s) URL)")
        url = str(path)
    else:
        raise StorylineError(Code.BAD_URL, url, "a feed to follow needs an http:// or https:// URL")
    if interval_s is None:
        known = store.get_feed(url)
        interval_s = known.interval_s if known is not None else DEFAULT_INTERVAL_S
    return store.follow_feed(url, (outlet or "").strip() or None, interval_s, now or utc_now())


class Watcher:
    """Polls the feeds followed in `store`. Not thread-safe: one watcher per thread, each with its own store."""

    def __init__(self, store: Store, settings: Settings | None = None, *, client: httpx.Client | None = None,
                 clock: Clock = utc_now, analyze: bool = True) -> None:
        self.store = store
        self.settings = settings or Settings()
        self.clock = clock
        self.analyze = analyze
        self._client = client
        self._own_client = client is None
        self.wake = threading.Event()  # set to end the current wait of `run` at once (stop, "poll now")

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    def close(self) -> None:
        """Close the HTTP client when the watcher made it (the store is the caller's)."""
        if self._client is not None and self._own_client:
            self._client.close()
            self._client = None

    # polling -----------------------------------------------------------------------------------------------
    def poll(self, feed: Feed) -> PollResult:
        """Poll one feed now and record the outcome; never raises for the feed's own failures."""
        at = self.clock()
        try:
            answer = self._read(feed)
            if answer is None:
                next_at = at + timedelta(seconds=feed.interval_s)
                self.store.record_feed_ok(feed.url, at, next_at, feed.etag, feed.last_modified, 0)
                return PollResult(feed.url, "unchanged", at, next_at)
            parsed = parse_feed(answer.data, feed.url, answer.base_url)
            return self._ingest(feed, parsed, answer, at)
        except StorylineError as exc:
            return self._failed(feed, at, exc)
        except sqlite3.Error as exc:  # the store busy past its timeout, the disk full: this poll fails, not the rest
            return self._failed(feed, at, StorylineError(Code.STORE, feed.url, f"the store failed: {exc}"))
        except Exception as exc:  # storyline's own bug on this feed: reported, the other feeds go on
            log.exception("polling %s failed", feed.url)
            return self._failed(feed, at, StorylineError(Code.INTERNAL, feed.url, f"{type(exc).__name__}: {exc}"))

    def poll_due(self, only: Collection[str] | None = None, stop: threading.Event | None = None) -> list[PollResult]:
        """Poll every feed whose next poll is due (of `only`, when given), the longest overdue first."""
        return list(self._poll_each(self.store.due_feeds(self.clock()), only, stop))

    def poll_all(self, only: Collection[str] | None = None, stop: threading.Event | None = None) -> list[PollResult]:
        """Poll every followed feed (of `only`, when given) now, whatever its schedule."""
        return list(self._poll_each(self.store.list_feeds(), only, stop))

    def seconds_to_next(self, only: Collection[str] | None = None) -> float | None:
        """Seconds until the next feed is due (0 when one is due now; None when there is none)."""
        if only is None:
            upcoming = self.store.next_feed_poll()
        else:
            upcoming = min((f.next_poll for f in self.store.list_feeds() if f.url in only), default=None)
        return None if upcoming is None else max((upcoming - self.clock()).total_seconds(), 0.0)

    def run(self, stop: threading.Event, report: Callable[[PollResult], None],
            only: Collection[str] | None = None) -> None:
        """Poll the due feeds until `stop` is set (set `wake` too, to end a wait at once)."""
        while not stop.is_set():
            try:
                for result in self._poll_each(self.store.due_feeds(self.clock()), only, stop):
                    report(result)
                wait = self.seconds_to_next(only)
            except sqlite3.Error as exc:  # the store could not be read (locked past its timeout): try again later
                log.warning("the feeds could not be read from the store: %s", exc)
                wait = IDLE_CHECK_S
            if wait is None or wait > 0:
                self.wake.wait(IDLE_CHECK_S if wait is None else min(wait, IDLE_CHECK_S))
                self.wake.clear()

    def _poll_each(self, feeds: Iterable[Feed], only: Collection[str] | None,
                   stop: threading.Event | None) -> Iterator[PollResult]:
        for feed in feeds:
            if stop is not None and stop.is_set():
                return
            if only is None or feed.url in only:
                yield self.poll(feed)

    # one poll ----------------------------------------------------------------------------------------------
    def _read(self, feed: Feed) -> _Answer | None:
        if is_url(feed.url):
            fetched = fetch_if_changed(feed.url, self.settings, self.client, feed.etag, feed.last_modified)
            if fetched is None:
                return None
            return _Answer(fetched.data, fetched.final_url, fetched.headers.get("etag"),
                           fetched.headers.get("last-modified"))
        return _read_file(Path(feed.url), feed.last_modified, self.settings)

    def _ingest(self, feed: Feed, parsed: FeedDict, answer: _Answer, at: datetime) -> PollResult:
        states = self.store.feed_entries(feed.url)
        result = PollResult(feed.url, "changed", at, at + timedelta(seconds=feed.interval_s))
        current: list[str] = []  # the source id of the item being ingested (the loop takes one at a time)

        def items() -> Iterator[IngestItem]:
            for item in read_parsed_feed(parsed, feed.url, SourceMeta(outlet=feed.outlet), self.settings,
                                         skip=lambda key: key in states and states[key].done, client=self.client):
                current[:] = [item.source_id]
                yield item

        retry: list[str] = []  # entries that failed and will be tried again

        def progress(outcome: Outcome) -> None:
            if not self._record_entry(feed, current[0], outcome, states.get(current[0]), at, result):
                retry.append(current[0])

        ingest_documents(self.store, items(), self.settings, analyze=self.analyze, progress=progress)
        self.store.prune_feed_entries(feed.url, set(entry_source_ids(parsed, feed.url)), at - ENTRY_MEMORY)
        # While an entry is to be tried again, the next poll must read the feed whole: no validators kept.
        etag, modified = (None, None) if retry else (answer.etag, answer.last_modified)
        self.store.record_feed_ok(feed.url, at, result.next_poll, etag, modified, len(result.added))
        return result

    def _record_entry(self, feed: Feed, key: str, outcome: Outcome, before: EntryState | None, at: datetime,
                      result: PollResult) -> bool:
        """Record what became of one entry; False when it failed and is to be tried again."""
        if outcome.failure is not None:
            result.failed.append(outcome.failure)
            attempts = (before.attempts if before else 0) + 1
            done = attempts >= MAX_ENTRY_ATTEMPTS
            self.store.record_feed_entry(feed.url, key, at, done=done, error=outcome.failure.line())
            return done
        if outcome.status == "stored" and outcome.article_id:
            result.added.append(outcome.article_id)
            story = self.store.story_of(outcome.article_id)
            if story is not None and story not in result.stories:
                result.stories.append(story)
        else:
            result.already += 1
        self.store.record_feed_entry(feed.url, key, at, done=True, article_id=outcome.article_id)
        return True

    def _failed(self, feed: Feed, at: datetime, error: StorylineError) -> PollResult:
        failures = feed.failures + 1
        next_at = at + retry_delay(failures, feed.interval_s)
        self.store.record_feed_failed(feed.url, at, next_at, f"[{error.code.value}] {error.reason}")
        return PollResult(feed.url, "failed", at, next_at, error=error, failures=failures)


def _read_file(path: Path, last_stamp: str | None, settings: Settings) -> _Answer | None:
    """A local feed file, unless its modification time and size are those of the last poll."""
    try:
        stat = path.stat()
        stamp = f"{stat.st_mtime_ns}:{stat.st_size}"
        if stamp == last_stamp:
            return None
        limit = min(settings.max_container_bytes, MAX_FEED_FILE_BYTES)
        if stat.st_size > limit:
            raise StorylineError(Code.TOO_LARGE, str(path), f"{stat.st_size:,} bytes is over the limit of {limit:,}")
        return _Answer(path.read_bytes(), None, None, stamp)
    except OSError as exc:
        raise StorylineError(Code.NOT_FOUND, str(path), f"the feed file cannot be read: {exc.strerror or exc}") from exc


def _short(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")
