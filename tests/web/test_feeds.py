"""The /feeds page and /api/feeds: following a feed needs the CSRF token (forms) or the client header (API);
"poll now" and the server's poller ingest a feed served on 127.0.0.1. Each test has its own store."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from storyline.web import create_app
from storyline.web.feeds import lifespan, start_feed_thread
from storyline.web.security import CLIENT_HEADER

FEED_URL = "https://wire.example/feed.xml"
TOPIC = ("Diplomats from Russia and Ukraine met again in Geneva on Monday to discuss the troops massed at the "
         "border, officials said. The talks ended without agreement, and another round is planned for next week. ")
FEED = ('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Local Wire</title>"
        + "".join(f"<item><title>Geneva talks, report {n}</title><link>https://wire.example/{n}</link>"
                  f"<content:encoded><![CDATA[<p>Report {n}. {TOPIC * 8}</p>]]></content:encoded>"
                  f"<pubDate>Mon, 31 Jan 2022 1{n}:00:00 +0000</pubDate></item>" for n in (1, 2))
        + "</channel></rss>").encode()
WAIT_S = 120  # the first poll of a test process loads the language model to analyse the new articles


class _FeedHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body = (200, FEED) if self.path == "/feed.xml" else (404, b"not found")
        self.send_response(status)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def feed_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A feed of two full-text entries at http://127.0.0.1:PORT/feed.xml."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/feed.xml"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with_no_lifespan = TestClient(create_app(tmp_path / "store.sqlite"))  # not entered: no lifespan, no poller
    yield with_no_lifespan
    with_no_lifespan.close()


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', client.get("/feeds").text)
    assert found, "the page carries the form token"
    return found.group(1)


def _feeds(client: TestClient) -> list[dict[str, Any]]:
    return client.get("/api/feeds").json()["feeds"]  # type: ignore[no-any-return]


def _wait_for(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT_S
    while not check():
        assert time.monotonic() < deadline, "the feed was not polled in time"
        time.sleep(0.05)


def test_following_through_the_form_needs_the_csrf_token(client: TestClient) -> None:
    form = {"url": FEED_URL, "outlet": "Wire <b>Example</b>", "interval": "1800"}
    assert client.post("/feeds", data=form, follow_redirects=False).status_code == 403
    assert _feeds(client) == []
    answer = client.post("/feeds", data={**form, "csrf": _csrf(client)}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/feeds"
    html = client.get("/feeds").text
    assert FEED_URL in html and "Wire &lt;b&gt;Example&lt;/b&gt;" in html and "<b>Example" not in html
    assert "every 30 minutes" in html and "waiting for its first poll" in html
    [feed] = _feeds(client)
    assert (feed["url"], feed["interval_s"], feed["failures"], feed["last_polled"]) == (FEED_URL, 1800, 0, None)


def test_a_bad_follow_form_says_why(client: TestClient) -> None:
    csrf = _csrf(client)
    answer = client.post("/feeds", data={"url": "ftp://wire.example/feed", "csrf": csrf})
    assert answer.status_code == 400 and "E303" in answer.text and 'role="alert"' in answer.text
    answer = client.post("/feeds", data={"url": FEED_URL, "interval": "often", "csrf": csrf})
    assert answer.status_code == 400 and "number of seconds" in answer.text
    assert _feeds(client) == []


def test_following_through_the_api_needs_the_client_header(client: TestClient) -> None:
    assert client.post("/api/feeds", json={"url": FEED_URL}).status_code == 403
    headers = {CLIENT_HEADER: "1"}
    created = client.post("/api/feeds", json={"url": FEED_URL, "interval": 600}, headers=headers)
    assert created.status_code == 201 and created.json()["feed"]["interval_s"] == 600
    again = client.post("/api/feeds", json={"url": FEED_URL, "outlet": "Wire"}, headers=headers)
    assert again.status_code == 200 and again.json()["feed"]["outlet"] == "Wire"
    assert again.json()["feed"]["interval_s"] == 600, "following again keeps the interval unless one is given"
    bad = client.post("/api/feeds", json={"url": "file:///etc/passwd"}, headers=headers)
    assert bad.status_code == 400 and "E303" in bad.json()["detail"]
    too_often = client.post("/api/feeds", json={"url": FEED_URL, "interval": 1}, headers=headers)
    assert too_often.status_code == 422
    assert [f["url"] for f in _feeds(client)] == [FEED_URL]


def test_stop_following(client: TestClient) -> None:
    client.post("/api/feeds", json={"url": FEED_URL}, headers={CLIENT_HEADER: "1"})
    assert client.post("/feeds/unfollow", data={"url": FEED_URL}).status_code == 403
    answer = client.post("/feeds/unfollow", data={"url": FEED_URL, "csrf": _csrf(client)}, follow_redirects=False)
    assert answer.status_code == 303 and _feeds(client) == []


def test_poll_now_ingests_the_feed(client: TestClient, feed_server: str) -> None:
    client.post("/api/feeds", json={"url": feed_server}, headers={CLIENT_HEADER: "1"})
    assert client.post("/feeds/poll", data={"url": feed_server}).status_code == 403
    answer = client.post("/feeds/poll", data={"url": feed_server, "csrf": _csrf(client)}, follow_redirects=False)
    assert answer.status_code == 303
    _wait_for(lambda: _feeds(client)[0]["last_ok"] is not None)
    [feed] = _feeds(client)
    assert feed["articles_added"] == 2 and feed["etag"] is None and feed["failures"] == 0
    assert client.get("/api/articles").json()["total"] == 2
    assert '<span class="status-ok">ok</span>' in client.get("/feeds").text


def test_the_server_poller_polls_followed_feeds_until_stopped(client: TestClient, feed_server: str) -> None:
    stop = start_feed_thread(client.app)  # type: ignore[arg-type]
    try:
        client.post("/api/feeds", json={"url": feed_server}, headers={CLIENT_HEADER: "1"})
        _wait_for(lambda: _feeds(client)[0]["articles_added"] == 2)
    finally:
        stop()
    poller = client.app.state.feed_poller  # type: ignore[attr-defined]
    assert not poller.running


@pytest.mark.parametrize("watch", [True, False])
def test_the_lifespan_runs_the_poller_unless_turned_off(tmp_path: Path, watch: bool) -> None:
    app = create_app(tmp_path / "store.sqlite")
    app.router.lifespan_context = lifespan  # as create_app would wire it: FastAPI(lifespan=feeds.lifespan)
    app.state.watch_feeds = watch
    with TestClient(app) as client:
        assert client.get("/feeds").status_code == 200
        poller = getattr(app.state, "feed_poller", None)
        assert (poller is not None and poller.running) is watch
    assert poller is None or not poller.running
