"""Feeds: one document per entry with the feed's metadata; full content used as is, teasers' pages fetched."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pytest

from storyline.errors import Code, StorylineError
from storyline.ingest import read_inputs
from storyline.ingest.feed import FULL_CONTENT_MIN_WORDS, read_feed_bytes, read_feed_file
from storyline.ingest.fetch import fetch
from storyline.records import IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings

LONG = " ".join(["Diplomats met again in Geneva on Monday to discuss the border crisis."] * 20)


class LocalServer(Protocol):  # conftest.LocalServer
    requests: list[tuple[str, str]]

    def url(self, path: str) -> str: ...


def _rss(items: str, title: str = "Example Wire") -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{title}</title><link>https://wire.example/</link><language>en-US</language>"
            f"{items}</channel></rss>")


def _item(link: str, content: str | None = None, summary: str = "A teaser.") -> str:
    encoded = f"<content:encoded><![CDATA[<p>{content}</p>]]></content:encoded>" if content else ""
    return (f"<item><title>Talks in Geneva</title><link>{link}</link><description>{summary}</description>"
            f"{encoded}<dc:creator>Jane Doe</dc:creator><pubDate>Fri, 28 Jan 2022 01:30:00 +0300</pubDate></item>")


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_full_content_is_used_without_fetching(tmp_path: Path, closed_port_url: str) -> None:
    # The link points where nothing listens: a fetch would fail, so a document proves no fetch happened.
    path = _write(tmp_path, "wire.rss", _rss(_item(closed_port_url, content=LONG)))
    [doc] = read_feed_file(path, SourceMeta(), Settings())
    assert isinstance(doc, RawDocument)
    assert doc.kind == "html" and LONG in doc.body and doc.raw == doc.body.encode()
    assert doc.source_id == doc.name == closed_port_url
    assert doc.meta == SourceMeta(outlet="Example Wire", url=closed_port_url, published="2022-01-28T01:30:00+03:00",
                                  title="Talks in Geneva", byline="Jane Doe", language="en")


def test_atom_content_and_dates_are_read(tmp_path: Path) -> None:
    atom = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title>'
            '<entry><title>Border talks</title><link href="https://atom.example/1"/><id>urn:1</id>'
            "<updated>2022-02-14T09:00:00Z</updated><author><name>A. Writer</name></author>"
            f'<content type="html">&lt;p&gt;{LONG}&lt;/p&gt;</content></entry></feed>')
    [doc] = read_feed_file(_write(tmp_path, "daily.atom", atom), SourceMeta(), Settings(fetch_feed_pages=False))
    assert isinstance(doc, RawDocument) and LONG in doc.body
    assert (doc.meta.outlet, doc.meta.title, doc.meta.byline) == ("Atom Daily", "Border talks", "A. Writer")
    assert doc.meta.published == "2022-02-14T09:00:00+00:00"


def test_atom_plain_text_content_is_a_text_document(tmp_path: Path) -> None:
    atom = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Daily</title><entry><title>T</title><id>urn:2</id>'
            f'<content type="text">{LONG}</content></entry></feed>')
    [doc] = read_feed_file(_write(tmp_path, "text.atom", atom), SourceMeta(), Settings())
    assert isinstance(doc, RawDocument) and (doc.kind, doc.body, doc.source_id) == ("text", LONG, "urn:2")


def test_flags_override_feed_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path, "wire.xml", _rss(_item("https://wire.example/1", content=LONG)))
    [doc] = read_feed_file(path, SourceMeta(outlet="Flag Outlet", published="2022-02-01"), Settings())
    assert isinstance(doc, RawDocument)
    assert (doc.meta.outlet, doc.meta.published, doc.meta.title) == ("Flag Outlet", "2022-02-01", "Talks in Geneva")


@pytest.mark.network
def test_summary_only_entries_get_their_pages_fetched(http_server: LocalServer) -> None:
    docs = list(read_feed_bytes(fetch(http_server.url("/feed.xml"), Settings()).data, "feed", SourceMeta(), Settings()))
    assert all(isinstance(doc, RawDocument) for doc in docs) and len(docs) == 2
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert first.kind == "html" and "First page" in first.body and "teaser" not in first.body
    assert first.meta.url == http_server.url("/a1.html") and first.meta.title == "Entry 1"
    assert first.meta.outlet == "Local Wire" and first.meta.byline == "Reporter 1" and first.meta.language == "en"


@pytest.mark.network
def test_a_dead_entry_link_fails_that_entry_only(http_server: LocalServer) -> None:
    data = fetch(http_server.url("/feed-with-dead-link.xml"), Settings()).data
    items = list(read_feed_bytes(data, "feed", SourceMeta(), Settings()))
    assert [type(item).__name__ for item in items] == ["RawDocument", "IngestFailure", "RawDocument"]
    failure = items[1]
    assert isinstance(failure, IngestFailure)
    assert failure.source_id == http_server.url("/missing") and failure.code == Code.HTTP_STATUS.value


def test_without_page_fetching_the_teaser_is_the_document(tmp_path: Path, closed_port_url: str) -> None:
    path = _write(tmp_path, "teasers.rss", _rss(_item(closed_port_url, summary="Only a teaser.")))
    [doc] = read_feed_file(path, SourceMeta(), Settings(fetch_feed_pages=False))
    assert isinstance(doc, RawDocument) and doc.body == "Only a teaser."


def test_short_content_is_a_teaser(tmp_path: Path, closed_port_url: str) -> None:
    short = " ".join(["word"] * (FULL_CONTENT_MIN_WORDS - 10))
    path = _write(tmp_path, "short.rss", _rss(_item(closed_port_url, content=short)))
    [failure] = read_feed_file(path, SourceMeta(), Settings())
    assert isinstance(failure, IngestFailure) and failure.code == Code.FETCH_FAILED.value


def test_an_entry_with_nothing_to_read_is_a_bad_record(tmp_path: Path) -> None:
    path = _write(tmp_path, "bare.rss", _rss("<item><title>Just a title</title></item>"))
    [failure] = read_feed_file(path, SourceMeta(), Settings())
    assert isinstance(failure, IngestFailure) and failure.code == Code.BAD_RECORD.value


@pytest.mark.parametrize("text", ["<html><body><p>Just a page</p></body></html>", "plain words, no markup", ""])
def test_a_file_that_is_not_a_feed_is_refused(tmp_path: Path, text: str) -> None:
    path = _write(tmp_path, "page.xml", text)
    with pytest.raises(StorylineError) as info:
        list(read_feed_file(path, SourceMeta(), Settings()))
    assert info.value.code is Code.BAD_FEED and info.value.source == str(path)


def test_an_empty_feed_yields_nothing(tmp_path: Path) -> None:
    assert list(read_feed_file(_write(tmp_path, "empty.rss", _rss("")), SourceMeta(), Settings())) == []


@pytest.mark.network
def test_feed_bytes_that_look_like_a_url_are_never_fetched(http_server: LocalServer) -> None:
    url = http_server.url("/feed.xml")
    before = len(http_server.requests)
    with pytest.raises(StorylineError):
        list(read_feed_bytes(url.encode(), "x", SourceMeta(), Settings()))
    assert len(http_server.requests) == before


def test_dispatcher_reads_a_feed_file_and_reports_a_bad_one(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.rss", _rss(_item("https://wire.example/1", content=LONG)))
    bad = _write(tmp_path, "bad.rss", "this is not xml")
    items = list(read_inputs([str(good), str(bad)]))
    assert [type(item).__name__ for item in items] == ["RawDocument", "IngestFailure"]
    failure = items[1]
    assert isinstance(failure, IngestFailure) and failure.source_id == str(bad)
    assert failure.code == Code.BAD_FEED.value
