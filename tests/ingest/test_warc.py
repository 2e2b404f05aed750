"""WARC crawl files: 200 HTML/text responses become documents; a cut or corrupt file keeps what came before
and reports BAD_WARC with the number of records read."""

from __future__ import annotations

import gzip
import io
from pathlib import Path
from typing import NamedTuple

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from storyline.errors import Code, StorylineError
from storyline.ingest import read_inputs
from storyline.ingest.warc import read_warc
from storyline.records import IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings

Item = RawDocument | IngestFailure


def _page(n: int) -> bytes:
    return f"<html><body><p>Article {n}: talks resumed in Geneva. {'More text. ' * 40}</p></body></html>".encode()


def _response(writer: WARCWriter, uri: str, body: bytes, status: str = "200 OK",
              content_type: str = "text/html; charset=utf-8", extra: list[tuple[str, str]] | None = None) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *(extra or [])], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": "2030-01-01T00:00:00Z"})
    writer.write_record(record)


class Ends(NamedTuple):
    articles: list[int]  # where each article record ends
    records: list[int]  # where every record ends: a file cut there is a whole, shorter crawl


def _write_warc(path: Path, pages: int = 3, gz: bool = True) -> Ends:
    """A crawl with `pages` article responses among records that are not articles."""
    ends = Ends([], [])
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        ends.records.append(handle.tell())
        for n in range(pages):
            get = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
            request = writer.create_warc_record(f"https://news.example/{n}", "request", payload=io.BytesIO(b""),
                                                http_headers=get)
            writer.write_record(request)
            ends.records.append(handle.tell())
            _response(writer, f"https://news.example/{n}", _page(n))
            ends.records.append(handle.tell())
            ends.articles.append(handle.tell())
    return ends


def _read(path: Path, **options: int) -> list[Item]:
    return list(read_warc(path, SourceMeta(), Settings(**options)))  # type: ignore[arg-type]


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_html_responses_become_documents(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    _write_warc(path, gz=gz)
    docs = _read(path)
    assert [doc.source_id for doc in docs] == [f"https://news.example/{n}" for n in range(3)]
    first = docs[0]
    assert isinstance(first, RawDocument)
    assert first.kind == "html" and first.body == _page(0).decode() and first.raw == _page(0)
    assert first.name == first.meta.url == "https://news.example/0"
    assert first.meta.published is None, "WARC-Date is the crawl time, not the publication date"


def test_only_ok_html_and_text_responses_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        _response(writer, "https://x.example/img.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
        _response(writer, "https://x.example/gone", _page(1), status="404 Not Found")
        _response(writer, "https://x.example/moved", b"", status="301 Moved Permanently")
        _response(writer, "https://x.example/notes.txt", b"Plain notes on the talks.\n", content_type="text/plain")
        _response(writer, "https://x.example/latin", "<p>Café à Genève</p>".encode("latin-1"),
                  content_type="text/html; charset=iso-8859-1")
        chunked = b"10\r\n<p>Chunked body \r\n6\r\nworks.\r\n0\r\n\r\n"
        _response(writer, "https://x.example/chunked", chunked, extra=[("Transfer-Encoding", "chunked")])
        _response(writer, "https://x.example/gzipped", gzip.compress(_page(2)), extra=[("Content-Encoding", "gzip")])
    docs = _read(path)
    assert [(doc.source_id, doc.kind) for doc in docs if isinstance(doc, RawDocument)] == [
        ("https://x.example/notes.txt", "text"), ("https://x.example/latin", "html"),
        ("https://x.example/chunked", "html"), ("https://x.example/gzipped", "html")]
    bodies = {doc.source_id: doc.body for doc in docs}
    assert bodies["https://x.example/latin"] == "<p>Café à Genève</p>"
    assert bodies["https://x.example/chunked"] == "<p>Chunked body works."
    assert bodies["https://x.example/gzipped"] == _page(2).decode()


def test_an_oversized_response_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "big.warc.gz"
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        _response(writer, "https://x.example/big", b"<p>" + b"x" * 50_000)
        _response(writer, "https://x.example/small", _page(1))
    big, small = _read(path, max_document_bytes=10_000)
    assert isinstance(big, IngestFailure) and big.code == Code.TOO_LARGE.value
    assert big.source_id == "https://x.example/big"
    assert isinstance(small, RawDocument)


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_a_truncated_warc_keeps_the_records_before(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    ends = _write_warc(path, gz=gz).articles
    data = path.read_bytes()
    path.write_bytes(data[: ends[1] + (ends[2] - ends[1]) // 2])  # halfway through the third article
    *docs, failure = _read(path)
    assert [doc.source_id for doc in docs] == ["https://news.example/0", "https://news.example/1"]
    assert all(isinstance(doc, RawDocument) and doc.body == _page(n).decode() for n, doc in enumerate(docs))
    assert isinstance(failure, IngestFailure) and failure.code == Code.BAD_WARC.value
    # warcinfo, 2 x (request, response), then the third request: 6 whole records
    assert failure.source_id == str(path) and "after 6 records" in failure.reason


@pytest.mark.parametrize("gz", [True, False], ids=["gzip", "plain"])
def test_no_cut_goes_unnoticed_and_no_cut_record_is_kept(tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("sweep.warc.gz" if gz else "sweep.warc")
    ends = _write_warc(path, pages=2, gz=gz)
    data = path.read_bytes()
    # Every record boundary and the bytes either side, and a sample across every part of every record.
    near = {end + delta for end in ends.records for delta in (-2, -1, 0, 1, 2)}
    cuts = sorted({*range(1, len(data), max(1, len(data) // 150)), *near} & set(range(1, len(data))))
    for cut in cuts:
        path.write_bytes(data[:cut])
        items = _read(path)
        docs = [item for item in items if isinstance(item, RawDocument)]
        failures = [item for item in items if isinstance(item, IngestFailure)]
        assert len(docs) == sum(1 for end in ends.articles if end <= cut), f"cut at {cut}"
        assert all(doc.body.endswith("</html>") for doc in docs), f"cut at {cut}"
        expected = [] if cut in ends.records else [Code.BAD_WARC.value]
        assert [f.code for f in failures] == expected, f"cut at {cut}"


def test_a_file_that_is_not_a_warc_is_bad_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("These are notes, not a crawl.\n" * 10)
    [failure] = _read(path)
    assert isinstance(failure, IngestFailure) and failure.code == Code.BAD_WARC.value
    assert "after 0 records" in failure.reason


def test_an_empty_warc_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    with pytest.raises(StorylineError) as info:
        _read(path)
    assert info.value.code is Code.EMPTY


def test_dispatcher_reads_a_warc_and_reports_a_cut_one(tmp_path: Path) -> None:
    good, cut = tmp_path / "a.warc.gz", tmp_path / "b.warc"
    _write_warc(good, pages=1)
    ends = _write_warc(cut, pages=1, gz=False)
    cut.write_bytes(cut.read_bytes()[: ends.articles[0] - 10])
    items = list(read_inputs([str(good), str(cut)]))
    assert [type(item).__name__ for item in items] == ["RawDocument", "IngestFailure"]
    assert items[1].source_id == str(cut) and items[1].code == Code.BAD_WARC.value
