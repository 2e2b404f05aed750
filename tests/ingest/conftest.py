"""A real HTTP server on 127.0.0.1 (random free port, one thread per request) for the URL and feed tests.

Routes: article pages, a feed whose entries carry only summaries (so their pages get fetched), redirects,
a 404, a slow page, oversized bodies (with and without Content-Length), a PDF, plain text, and XML that is
not a feed. Every request's path and User-Agent are recorded in `LocalServer.requests`. (Test modules
cannot import this file under --import-mode=importlib; they describe the server with a Protocol.)
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

# How long the slow route waits before answering: well above the tests' small timeout, short enough that its
# (daemon) handler thread is gone soon after.
SLOW_SECONDS = 1.5
BIG_BODY_BYTES = 200_000  # the oversize routes; tests set Settings(max_document_bytes=...) well below


def article_html(title: str, words: int = 220) -> str:
    body = " ".join(f"word{i % 50}" for i in range(words))
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1><p>Talks resumed in Geneva on Monday. {body}</p></article></body></html>")


def summary_feed(base: str, links: list[str]) -> str:
    items = "".join(
        f"<item><title>Entry {n}</title><link>{base}{link}</link><guid>{base}{link}</guid>"
        f"<description>A short teaser for entry {n}.</description><dc:creator>Reporter {n}</dc:creator>"
        f"<pubDate>Fri, 28 Jan 2022 1{n}:00:00 +0300</pubDate></item>"
        for n, link in enumerate(links, start=1)
    )
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>Local Wire</title><link>{base}/</link><language>en-GB</language>{items}</channel></rss>")


@dataclass
class LocalServer:
    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)  # (path, user agent)
    slow_seconds: float = SLOW_SECONDS

    def url(self, path: str) -> str:
        return f"{self.base}{path}"


Route = Callable[[str], tuple[int, dict[str, str], bytes]]


def _routes(server: LocalServer) -> dict[str, Route]:
    def page(title: str) -> Route:
        return lambda _base: (200, {"Content-Type": "text/html; charset=utf-8"}, article_html(title).encode())

    return {
        "/article.html": page("Local article"),
        "/a1.html": page("First page"),
        "/a2.html": page("Second page"),
        "/latin1.html": lambda _b: (200, {"Content-Type": "text/html; charset=iso-8859-1"},
                                    article_html("Café à Genève").replace("charset='utf-8'", "").encode("latin-1")),
        "/plain.txt": lambda _b: (200, {"Content-Type": "text/plain; charset=utf-8"},
                                  b"Talks resume\n\nDiplomats met again in Geneva on Monday.\n"),
        "/feed.xml": lambda b: (200, {"Content-Type": "application/rss+xml"},
                                summary_feed(b, ["/a1.html", "/a2.html"]).encode()),
        "/feed-as-html": lambda b: (200, {"Content-Type": "text/html"}, summary_feed(b, ["/a1.html"]).encode()),
        "/feed-with-dead-link.xml": lambda b: (200, {"Content-Type": "application/rss+xml"},
                                               summary_feed(b, ["/a1.html", "/missing", "/a2.html"]).encode()),
        "/sitemap.xml": lambda _b: (200, {"Content-Type": "application/xml"},
                                    b'<?xml version="1.0"?><urlset><url><loc>x</loc></url></urlset>'),
        "/doc.pdf": lambda _b: (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" * 10),
        "/redirect": lambda b: (302, {"Location": "/article.html"}, b""),
        "/loop": lambda b: (302, {"Location": "/loop"}, b""),
        "/big": lambda _b: (200, {"Content-Type": "text/html"}, b"<p>" + b"x" * BIG_BODY_BYTES),
    }


class _Handler(BaseHTTPRequestHandler):
    server_state: LocalServer
    routes: dict[str, Route]

    def do_GET(self) -> None:
        state = self.server_state
        state.requests.append((self.path, self.headers.get("User-Agent", "")))
        if self.path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, {"Content-Type": "text/html"}, article_html("Slow").encode())
        elif self.path == "/big-stream":  # no Content-Length: the size is only known by reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(BIG_BODY_BYTES // 10_000):
                self.wfile.write(b"x" * 10_000)
        elif self.path in self.routes:
            self._send(*self.routes[self.path](state.base))
        else:
            self._send(404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>")

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        return


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True  # the slow route's thread must not hold up shutdown

    def handle_error(self, request: object, client_address: object) -> None:
        return  # clients that hang up early (size limit, timeout) are what the tests are about


@pytest.fixture(scope="session")
def http_server() -> Iterator[LocalServer]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    state = LocalServer(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    handler = type("Handler", (_Handler,), {"server_state": state, "routes": _routes(state)})
    httpd.RequestHandlerClass = handler
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """httpx honours proxy variables; a CI proxy must not stand between the tests and 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


@pytest.fixture
def closed_port_url(closed_port: str) -> str:
    """An article URL on 127.0.0.1 where nothing listens."""
    return f"{closed_port}/article.html"
