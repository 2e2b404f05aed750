"""WARC (and ARC) crawl files: every successful HTML or plain-text response is one document.

Streamed record by record with warcio, gzipped or not. warcio stops quietly at a truncated file, so the
reader checks each record's length and the file's tail itself: a cut or corrupt file yields what was read
before, then one BAD_WARC failure saying where it broke.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from storyline.errors import Code, StorylineError
from storyline.ingest.decode import decode_bytes
from storyline.records import DocumentKind, IngestFailure, IngestItem, RawDocument, SourceMeta
from storyline.settings import Settings

OK_STATUS = "200"  # redirects, errors and not-modified answers carry no article
KINDS: dict[str, DocumentKind] = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
# Payloads are read a piece at a time so that an oversized one is refused without holding all of it.
READ_CHUNK_BYTES = 1024 * 1024
ARC_SUFFIXES = (".arc", ".arc.gz")
GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = 16 + zlib.MAX_WBITS  # zlib's setting for a gzip header and trailer
# A WARC record ends with two CRLFs (an ARC record with one newline): the last bytes of a whole file.
TERMINATOR_BYTES = 4
LAST_RECORD_CUT = "the last record is cut off"
# What may follow the last record in a sound file: the blank lines that end every record. More than this
# many bytes after the last record means a record was cut off in its headers.
MAX_TRAILING_BYTES = 64


def read_warc(path: Path, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    size = path.stat().st_size
    if size > settings.max_container_bytes:
        raise StorylineError(Code.TOO_LARGE, str(path), f"{size:,} bytes is over the limit of "
                             f"{settings.max_container_bytes:,} for one crawl file")
    if size == 0:
        raise StorylineError(Code.EMPTY, str(path), "the crawl file is empty")
    with path.open("rb") as handle:
        yield from _read_stream(handle, str(path), size, meta, settings)


def _read_stream(
    handle: BinaryIO, source: str, size: int, meta: SourceMeta, settings: Settings
) -> Iterator[IngestItem]:
    """Each record's document is held back until the record is known whole: the next record starts, or the
    file ends the way a whole record ends."""
    arc = source.lower().endswith(ARC_SUFFIXES)
    # ARC records are read as WARC ones; in a WARC file warcio's ARC fallback would take any line of text
    # with enough spaces for an ARC header, so there a record in any other format means a bad file.
    records = ArchiveIterator(handle, arc2warc=arc)
    count = 0  # records read to their declared length
    last = (0, 0)  # offset and length of the last of them (compressed offsets in a gzipped file)
    pending: IngestItem | None = None
    problem: str | None = None
    while problem is None:
        try:
            record = next(records)
            if record.format != "warc":
                problem = f"record {count + 1} is not a WARC record"
                break
            payload = _read_payload(record, settings.max_document_bytes)
            records.read_to_end()  # the rest of an oversized payload; sets the record's offset and length
        except StopIteration:
            break
        except Exception as exc:  # warcio raises assorted types on bad input (even AttributeError on a cut header)
            problem = f"{type(exc).__name__}: {_first_line(exc)}"
            break
        if record.length is None:
            problem = f"record {count + 1} has no Content-Length, so it is cut off in its headers"
        elif getattr(record.raw_stream, "limit", 0) > 0:
            problem = f"record {count + 1} is cut off before its declared length"
        else:
            if pending is not None:
                yield pending
            count += 1
            last = (records.get_record_offset(), records.get_record_length())
            pending = _record_item(record, payload, meta, settings)
    if problem is None:
        problem = _tail_problem(handle, last, size, arc) if count else _no_record_problem(handle, size)
        if problem == LAST_RECORD_CUT:
            pending, count = None, count - 1
    if pending is not None:
        yield pending
    if problem is not None:
        yield _broken(source, count, problem)


def _read_payload(record: Any, limit: int) -> bytes | None:
    """The decoded payload of an HTML/text 200 response (None for every other record, or if over `limit`)."""
    if _kind(record) is None:
        return None
    stream = record.content_stream()  # without chunked transfer and content encoding
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _record_item(record: Any, payload: bytes | None, meta: SourceMeta, settings: Settings) -> IngestItem | None:
    kind = _kind(record)
    if kind is None:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if payload is None:
        return IngestFailure(uri, Code.TOO_LARGE.value, f"the response is over the limit of "
                             f"{settings.max_document_bytes:,} bytes for one article")
    declared = _charset(record.http_headers.get_header("Content-Type") or "")
    try:
        body = decode_bytes(payload, uri, declared=declared)
    except StorylineError as exc:
        return IngestFailure(exc.source, exc.code.value, exc.reason)
    # WARC-Date is when the crawler saw the page, not when it was published: left out on purpose.
    given = SourceMeta(url=uri or None).merged(meta)
    return RawDocument(source_id=uri, kind=kind, body=body, raw=payload, meta=given, name=uri)


def _kind(record: Any) -> DocumentKind | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != OK_STATUS:
        return None
    media = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return KINDS.get(media)


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip().strip("\"'"):
            return value.strip().strip("\"'")
    return None


def _tail_problem(handle: BinaryIO, last: tuple[int, int], size: int, arc: bool) -> str | None:
    """What is wrong with the end of the file, if anything. warcio ends quietly on a record cut off in its
    headers or its gzip trailer, so the last record's own ending is checked: nothing but blank lines after it,
    a whole gzip member, and the record terminator."""
    offset, length = last
    end = offset + length
    handle.seek(end)
    trailing = handle.read(MAX_TRAILING_BYTES + 1)
    if size - end > MAX_TRAILING_BYTES or trailing.strip():
        return f"the {size - end:,} bytes after the last whole record do not form a record"
    handle.seek(offset)
    gzipped = handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    # Gzipped, the terminator is inside the record's member; uncompressed, it follows the declared length.
    tail = _gzip_member_tail(handle, offset, end) if gzipped else trailing
    ending = (tail or b"").replace(b"\r\n", b"\n")
    return None if ending.endswith(b"\n" if arc else b"\n\n") else LAST_RECORD_CUT


def _no_record_problem(handle: BinaryIO, size: int) -> str | None:
    handle.seek(0)
    if size > MAX_TRAILING_BYTES or handle.read(MAX_TRAILING_BYTES + 1).strip():
        return "no whole record found"
    return None


def _gzip_member_tail(handle: BinaryIO, start: int, end: int) -> bytes | None:
    """The last bytes of the gzip member at [start, end), or None when the member is incomplete."""
    handle.seek(start)
    inflater = zlib.decompressobj(GZIP_WBITS)
    tail = b""
    remaining = end - start
    try:
        while remaining > 0 and not inflater.eof:
            chunk = handle.read(min(READ_CHUNK_BYTES, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            tail = (tail + inflater.decompress(chunk))[-TERMINATOR_BYTES:]
    except zlib.error:
        return None
    return tail if inflater.eof else None


def _broken(source: str, count: int, what: str) -> IngestFailure:
    records = "1 record" if count == 1 else f"{count:,} records"
    return IngestFailure(source, Code.BAD_WARC.value, f"truncated or corrupt after {records}: {what} (the records "
                         "before it were read)")


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else "unreadable"
