"""URLs: fetching within limits, one clear error per kind of failure, and sniffing what came back."""

from __future__ import annotations

import time
from typing import Protocol

import pytest

from storyline.errors import Code, StorylineError
from storyline.ingest import read_inputs
from storyline.ingest.fetch import fetch, read_url
from storyline.records import IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings

pytestmark = pytest.mark.network
SMALL_TIMEOUT = 0.3


class LocalServer(Protocol):  # conftest.LocalServer
    requests: list[tuple[str, str]]
    slow_seconds: float

    def url(self, path: str) -> str: ...


def _error(url: str, settings: Settings | None = None) -> StorylineError:
    with pytest.raises(StorylineError) as info:
        fetch(url, settings or Settings())
    assert info.value.source == url
    return info.value


def test_a_page_is_fetched_with_its_type_charset_and_our_user_agent(http_server: LocalServer) -> None:
    url = http_server.url("/article.html")
    got = fetch(url, Settings(user_agent="storyline-test/1"))
    assert (got.status, got.content_type, got.charset, got.final_url) == (200, "text/html", "utf-8", url)
    assert b"Local article" in got.data and got.headers["content-type"].startswith("text/html")
    assert ("/article.html", "storyline-test/1") in http_server.requests


def test_redirects_are_followed_and_the_final_url_is_the_documents_url(http_server: LocalServer) -> None:
    [doc] = read_url(http_server.url("/redirect"), SourceMeta(), Settings())
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html" and "Local article" in doc.body
    assert doc.source_id == http_server.url("/redirect")
    assert doc.meta.url == http_server.url("/article.html")


def test_a_redirect_loop_stops_at_the_limit(http_server: LocalServer) -> None:
    error = _error(http_server.url("/loop"), Settings(http_max_redirects=3))
    assert error.code is Code.FETCH_FAILED and "more than 3 redirects" in error.reason


def test_a_404_names_the_status(http_server: LocalServer) -> None:
    error = _error(http_server.url("/nowhere"))
    assert error.code is Code.HTTP_STATUS and "404" in error.reason


def test_a_slow_server_times_out(http_server: LocalServer) -> None:
    started = time.monotonic()
    error = _error(http_server.url("/slow"), Settings(http_timeout=SMALL_TIMEOUT))
    assert error.code is Code.FETCH_FAILED and "timed out" in error.reason
    assert time.monotonic() - started < http_server.slow_seconds


@pytest.mark.parametrize("path", ["/big", "/big-stream"], ids=["content-length", "streamed"])
def test_a_body_over_the_limit_is_refused(http_server: LocalServer, path: str) -> None:
    error = _error(http_server.url(path), Settings(max_document_bytes=20_000))
    assert error.code is Code.TOO_LARGE


def test_an_unreachable_host_says_the_connection_was_refused(closed_port_url: str) -> None:
    error = _error(closed_port_url)
    assert error.code is Code.FETCH_FAILED and "refused" in error.reason


@pytest.mark.parametrize("url", ["http://", "ftp://example.com/file.txt", "http://exa mple.com/",
                                 "http://example.com:99999/", "not a url"])
def test_a_bad_url_is_refused_before_any_request(url: str) -> None:
    assert _error(url).code is Code.BAD_URL


def test_a_pdf_is_unsupported(http_server: LocalServer) -> None:
    with pytest.raises(StorylineError) as info:
        list(read_url(http_server.url("/doc.pdf"), SourceMeta(), Settings()))
    assert info.value.code is Code.UNSUPPORTED and "application/pdf" in info.value.reason


def test_xml_that_is_not_a_feed_is_unsupported(http_server: LocalServer) -> None:
    with pytest.raises(StorylineError) as info:
        list(read_url(http_server.url("/sitemap.xml"), SourceMeta(), Settings()))
    assert info.value.code is Code.UNSUPPORTED and "urlset" in info.value.reason


def test_plain_text_is_a_text_document(http_server: LocalServer) -> None:
    [doc] = read_url(http_server.url("/plain.txt"), SourceMeta(outlet="Flag Outlet"), Settings())
    assert isinstance(doc, RawDocument)
    assert doc.kind == "text" and doc.body.startswith("Talks resume")
    assert doc.meta.outlet == "Flag Outlet" and doc.meta.url == http_server.url("/plain.txt")


def test_the_declared_charset_decodes_the_page(http_server: LocalServer) -> None:
    [doc] = read_url(http_server.url("/latin1.html"), SourceMeta(), Settings())
    assert isinstance(doc, RawDocument) and "Café à Genève" in doc.body


def test_a_feed_url_yields_its_entries(http_server: LocalServer) -> None:
    docs = list(read_url(http_server.url("/feed.xml"), SourceMeta(), Settings()))
    assert [d.meta.title for d in docs if isinstance(d, RawDocument)] == ["Entry 1", "Entry 2"]


def test_a_feed_served_as_html_is_still_read_as_a_feed(http_server: LocalServer) -> None:
    [doc] = read_url(http_server.url("/feed-as-html"), SourceMeta(), Settings())
    assert isinstance(doc, RawDocument) and doc.meta.outlet == "Local Wire" and "First page" in doc.body


def test_dispatcher_reads_urls_and_reports_failures_in_line(http_server: LocalServer) -> None:
    items = list(read_inputs([http_server.url("/article.html"), http_server.url("/missing"),
                              http_server.url("/plain.txt")]))
    assert [type(item).__name__ for item in items] == ["RawDocument", "IngestFailure", "RawDocument"]
    failure = items[1]
    assert isinstance(failure, IngestFailure)
    assert failure.source_id == http_server.url("/missing") and failure.code == Code.HTTP_STATUS.value
