"""Watching feeds: conditional GET, only new entries ingested (and their stories updated), back-off on failure.

The feed server is an httpx.MockTransport and the clock a variable: no network, no sleeping.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from storyline.errors import Code, StorylineError
from storyline.ingest.watch import (
    MAX_BACKOFF_S,
    MAX_ENTRY_ATTEMPTS,
    MIN_INTERVAL_S,
    Watcher,
    follow,
    retry_delay,
)
from storyline.pipeline import analyzer_fingerprint, input_hash
from storyline.store import Store

FEED_URL = "https://wire.example/feed.xml"
OTHER_URL = "https://daily.example/rss"
INTERVAL = 900
START = datetime(2022, 2, 1, 8, 0, tzinfo=UTC)
TOPIC = ("Diplomats from Russia and Ukraine met again in Geneva on Monday to discuss the troops massed at the "
         "border, officials said. The talks on the border crisis ended without agreement, and another round of "
         "talks in Geneva is planned for next week, the foreign ministry said. ")


def _entry(n: int, link: str | None = None, full: bool = True) -> str:
    body = f"<p>Report {n}. {TOPIC * 8}</p>" if full else ""
    encoded = f"<content:encoded><![CDATA[{body}]]></content:encoded>" if full else ""
    return (f"<item><title>Geneva talks, report {n}</title><link>{link or f'https://wire.example/{n}'}</link>"
            f"<guid>urn:wire:{n}</guid><description>A teaser for report {n}.</description>{encoded}"
            f"<pubDate>Mon, 31 Jan 2022 1{n}:00:00 +0000</pubDate></item>")


def _rss(items: list[str]) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Example Wire</title>'
            f"<link>https://wire.example/</link><language>en</language>{''.join(items)}</channel></rss>").encode()


def _page(n: int) -> bytes:
    return (f"<!DOCTYPE html><html><head><title>Page {n}</title></head><body><article><h1>Geneva talks, page {n}"
            f"</h1><p>Page {n}. {TOPIC * 6}</p></article></body></html>").encode()


class FeedServer:
    """Serves one RSS feed per URL with an ETag and a Last-Modified that change with its entries, answers
    conditional GETs with 304, and serves article pages; `fail` makes a feed URL answer an error instead."""

    def __init__(self) -> None:
        self.items: dict[str, list[str]] = {FEED_URL: [], OTHER_URL: []}
        self.fail: dict[str, str] = {}  # url -> "500", "timeout" or "garbage"
        self.requests: list[httpx.Request] = []

    def version(self, url: str) -> str:
        return f'"v{len(self.items[url])}"'

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url)
        if url in self.items:
            failure = self.fail.get(url)
            if failure == "500":
                return httpx.Response(500, text="oops")
            if failure == "timeout":
                raise httpx.ReadTimeout("timed out", request=request)
            if failure == "garbage":
                return httpx.Response(200, content=b"<html><body>not a feed <b>at all", headers={"ETag": '"g"'})
            if request.headers.get("if-none-match") == self.version(url):
                return httpx.Response(304)
            modified = (START + timedelta(hours=len(self.items[url]))).strftime("%a, %d %b %Y %H:%M:%S GMT")
            return httpx.Response(200, content=_rss(self.items[url]),
                                  headers={"Content-Type": "application/rss+xml", "ETag": self.version(url),
                                           "Last-Modified": modified})
        if request.url.path.startswith("/page"):
            return httpx.Response(200, content=_page(int(request.url.path.removeprefix("/page"))),
                                  headers={"Content-Type": "text/html; charset=utf-8"})
        return httpx.Response(404, text="not found")

    def feed_requests(self, url: str = FEED_URL) -> list[httpx.Request]:
        return [r for r in self.requests if str(r.url) == url]


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def server() -> FeedServer:
    return FeedServer()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.sqlite")


def _watcher(store: Store, server: FeedServer, clock: Clock, analyze: bool = False) -> Watcher:
    client = httpx.Client(transport=httpx.MockTransport(server.handle), follow_redirects=True)
    return Watcher(store, client=client, clock=clock, analyze=analyze)


def test_first_poll_ingests_analyses_and_keeps_the_validators(store: Store, server: FeedServer,
                                                              clock: Clock) -> None:
    server.items[FEED_URL] = [_entry(1), _entry(2)]
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    watcher = _watcher(store, server, clock, analyze=True)
    [result] = watcher.poll_due()
    assert result.status == "changed" and len(result.added) == 2 and result.failed == []
    assert result.line().startswith(f"{FEED_URL}: 2 new articles in 1 story")
    feed = store.get_feed(FEED_URL)
    assert feed is not None
    assert (feed.etag, feed.last_modified) == ('"v2"', "Tue, 01 Feb 2022 10:00:00 GMT")
    assert feed.last_ok == clock() and feed.next_poll == clock() + timedelta(seconds=INTERVAL)
    assert feed.articles_added == 2 and feed.failures == 0
    articles = [store.get_article(i) for i in result.added]
    assert all(a is not None and a.outlet == "Example Wire" for a in articles)
    cached = store.cached_analyses({a.id: input_hash(a) for a in articles if a}, analyzer_fingerprint())
    assert set(cached) == set(result.added), "new articles are analysed as `storyline ingest` does"


def test_an_unchanged_feed_costs_one_conditional_request(store: Store, server: FeedServer, clock: Clock) -> None:
    server.items[FEED_URL] = [_entry(1)]
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    watcher = _watcher(store, server, clock)
    watcher.poll_due()
    clock.advance(INTERVAL - 1)
    assert watcher.poll_due() == [], "nothing is due before the interval"
    clock.advance(1)
    [result] = watcher.poll_due()
    assert result.status == "unchanged" and result.added == [] and "unchanged" in result.line()
    second = server.feed_requests()[-1]
    assert second.headers["if-none-match"] == '"v1"'
    assert second.headers["if-modified-since"] == "Tue, 01 Feb 2022 09:00:00 GMT"
    assert len(server.requests) == 2, "a 304 fetches nothing else"
    feed = store.get_feed(FEED_URL)
    assert feed is not None and feed.last_ok == clock() and feed.articles_added == 1


def test_a_new_entry_is_the_only_one_read_and_joins_its_story(store: Store, server: FeedServer,
                                                              clock: Clock) -> None:
    # Summary-only entries: each page is fetched once; entries seen before are not fetched again.
    server.items[FEED_URL] = [_entry(1, "https://wire.example/page1", full=False),
                              _entry(2, "https://wire.example/page2", full=False)]
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    watcher = _watcher(store, server, clock)
    [first] = watcher.poll_due()
    assert len(first.added) == 2
    story = store.story_of(first.added[0])
    assert story is not None and first.stories == [story]
    server.items[FEED_URL].insert(0, _entry(3, "https://wire.example/page3", full=False))
    clock.advance(INTERVAL)
    server.requests.clear()
    [second] = watcher.poll_due()
    assert [str(r.url) for r in server.requests] == [FEED_URL, "https://wire.example/page3"]
    assert len(second.added) == 1 and second.already == 0
    assert second.stories == [story], "the new article updates the story it belongs to"
    record = store.get_story(story)
    assert record is not None and second.added[0] in {m["id"] for m in record["articles"]}
    assert store.count_articles() == 3


def test_entries_already_in_the_store_are_not_stored_again(store: Store, server: FeedServer, clock: Clock) -> None:
    server.items[FEED_URL] = [_entry(1), _entry(2)]
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    _watcher(store, server, clock).poll_due()
    follow(store, OTHER_URL, interval_s=INTERVAL, now=clock())  # a second feed carrying the same entries
    server.items[OTHER_URL] = [_entry(1), _entry(2)]
    [result] = _watcher(store, server, clock).poll_due()
    assert result.url == OTHER_URL and result.added == [] and result.already == 2
    assert store.count_articles() == 2


@pytest.mark.parametrize(("failure", "code"), [("500", Code.HTTP_STATUS), ("timeout", Code.FETCH_FAILED),
                                               ("garbage", Code.BAD_FEED)])
def test_a_failing_feed_backs_off_and_the_others_are_still_polled(store: Store, server: FeedServer, clock: Clock,
                                                                  failure: str, code: Code) -> None:
    server.items[OTHER_URL] = [_entry(1)]
    server.fail[FEED_URL] = failure
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    follow(store, OTHER_URL, interval_s=INTERVAL, now=clock())
    watcher = _watcher(store, server, clock)
    results = {r.url: r for r in watcher.poll_due()}
    assert results[OTHER_URL].status == "changed" and len(results[OTHER_URL].added) == 1
    bad = results[FEED_URL]
    assert bad.status == "failed" and bad.error is not None and bad.error.code == code
    assert bad.line().startswith(f"{FEED_URL}: [{code.value}] ")
    feed = store.get_feed(FEED_URL)
    assert feed is not None and feed.failures == 1 and feed.last_error == f"[{code.value}] {bad.error.reason}"
    assert feed.last_ok is None and feed.etag is None, "nothing of a failed answer is kept"
    delays = [feed.next_poll - clock()]
    for _ in range(8):
        clock.now = feed.next_poll
        watcher.poll_due()
        feed = store.get_feed(FEED_URL)
        assert feed is not None
        delays.append(feed.next_poll - clock())
    assert feed.failures == 9
    assert delays[:3] == [timedelta(seconds=INTERVAL * k) for k in (1, 2, 4)], "the back-off doubles"
    assert max(delays) == delays[-1] == timedelta(seconds=MAX_BACKOFF_S), "and is capped"


def test_recovery_resets_the_failures(store: Store, server: FeedServer, clock: Clock) -> None:
    server.fail[FEED_URL] = "500"
    server.items[FEED_URL] = [_entry(1)]
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    watcher = _watcher(store, server, clock)
    watcher.poll_due()
    clock.advance(INTERVAL)
    watcher.poll_due()
    del server.fail[FEED_URL]
    clock.advance(2 * INTERVAL)
    [result] = watcher.poll_due()
    assert result.status == "changed" and len(result.added) == 1
    feed = store.get_feed(FEED_URL)
    assert feed is not None and (feed.failures, feed.last_error) == (0, None)
    assert feed.next_poll == clock() + timedelta(seconds=INTERVAL)


def test_a_failing_entry_page_is_retried_then_given_up(store: Store, server: FeedServer, clock: Clock) -> None:
    server.items[FEED_URL] = [_entry(1, "https://wire.example/page1", full=False),
                              _entry(2, "https://wire.example/missing", full=False)]
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    watcher = _watcher(store, server, clock)
    for attempt in range(1, MAX_ENTRY_ATTEMPTS + 1):
        [result] = watcher.poll_due()
        assert [f.code for f in result.failed] == [Code.HTTP_STATUS.value], f"attempt {attempt}"
        feed = store.get_feed(FEED_URL)
        assert feed is not None and feed.failures == 0, "a bad entry is not a failed poll"
        if attempt < MAX_ENTRY_ATTEMPTS:
            assert feed.etag is None, "while an entry is retried the feed is read whole"
        clock.advance(INTERVAL)
    feed = store.get_feed(FEED_URL)
    assert feed is not None and feed.etag == '"v2"'
    server.requests.clear()
    [result] = watcher.poll_due()
    assert result.status == "unchanged" and len(server.requests) == 1
    assert store.count_articles() == 1


def test_retry_delay_doubles_from_the_interval_up_to_the_cap() -> None:
    assert retry_delay(1, 600) == timedelta(seconds=600)
    assert retry_delay(3, 600) == timedelta(seconds=2400)
    assert retry_delay(10_000, 600) == timedelta(seconds=MAX_BACKOFF_S)
    assert retry_delay(5, 2 * MAX_BACKOFF_S) == timedelta(seconds=2 * MAX_BACKOFF_S), "never below the interval"


def test_follow_checks_the_address_and_the_interval(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StorylineError) as bad_url:
        follow(store, "ftp://wire.example/feed")
    assert bad_url.value.code == Code.BAD_URL
    with pytest.raises(StorylineError) as too_often:
        follow(store, FEED_URL, interval_s=MIN_INTERVAL_S - 1)
    assert too_often.value.code == Code.BAD_OPTION
    with pytest.raises(StorylineError):
        follow(store, str(tmp_path / "feed.xml"), allow_files=False)
    feed = follow(store, FEED_URL, "Example Wire", 600)
    again = follow(store, FEED_URL, interval_s=1200)
    assert (again.outlet, again.interval_s, again.added_at) == ("Example Wire", 1200, feed.added_at)
    assert [f.url for f in store.list_feeds()] == [FEED_URL]


def test_a_local_feed_file_is_read_again_only_when_it_changed(store: Store, tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "wire.xml"
    path.write_bytes(_rss([_entry(1)]))
    follow(store, str(path), interval_s=INTERVAL, now=clock(), allow_files=True)
    watcher = Watcher(store, clock=clock, analyze=False)
    assert [r.status for r in watcher.poll_all()] == ["changed"]
    assert [r.status for r in watcher.poll_all()] == ["unchanged"]
    path.write_bytes(_rss([_entry(2), _entry(1)]))
    [result] = watcher.poll_all()
    assert result.status == "changed" and len(result.added) == 1 and store.count_articles() == 2


def test_run_stops_when_asked(store: Store, server: FeedServer, clock: Clock) -> None:
    server.items[FEED_URL] = [_entry(1)]
    follow(store, FEED_URL, interval_s=INTERVAL, now=clock())
    watcher = _watcher(store, server, clock)
    stop = threading.Event()
    seen = []

    def report(result: object) -> None:
        seen.append(result)
        stop.set()
        watcher.wake.set()

    watcher.run(stop, report)  # returns: the stop event is set by the first report
    assert len(seen) == 1
