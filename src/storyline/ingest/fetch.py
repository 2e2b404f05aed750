"""URLs: one bounded HTTP GET (`fetch`), then the answer read as a feed, an HTML page or plain text (`read_url`)."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx

from storyline.errors import Code, StorylineError
from storyline.ingest.decode import decode_bytes
from storyline.records import DocumentKind, IngestItem, RawDocument, SourceMeta
from storyline.settings import Settings

# httpx timeouts bound each network operation, not the whole download: a server that drips one byte just
# inside every read timeout would hold a run forever. A real page arrives well within a few timeouts.
TOTAL_TIME_FACTOR = 4
ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/*;q=0.8"

XML_TYPES = {"application/xml", "text/xml"}
HTML_TYPES = {"text/html", "application/xhtml+xml"}
TEXT_TYPES = {"text/plain"}
# Types that say nothing about the body (misconfigured servers); the body is sniffed instead.
VAGUE_TYPES = {"", "application/octet-stream", "binary/octet-stream", "application/unknown"}
# The root of an XML document, after any declaration, processing instruction, comment or doctype; enough
# bytes to get past a long comment or stylesheet header.
SNIFF_BYTES = 4096
_XML_PROLOGUE = rb"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*"
_FEED_ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?" + _XML_PROLOGUE + rb"<(?:[\w.-]+:)?(rss|feed|RDF)\b", re.I | re.S)
_XML_ROOT = re.compile(rb"\A(?:\xef\xbb\xbf)?" + _XML_PROLOGUE + rb"<([\w.:-]+)", re.I | re.S)
_HTML_START = re.compile(rb"<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
# httpx wraps httpcore's error, which wraps the socket error: a few links down is where the cause sits.
MAX_CAUSE_DEPTH = 8
# A host as httpx gives it (IDNA-encoded, IPv6 without brackets); anything else (a space, a stray %) would
# only fail later as a confusing DNS error.
_HOST = re.compile(rb"[A-Za-z0-9._:-]+")
MAX_PORT = 65535
NOT_MODIFIED = 304  # the answer to a conditional GET whose validators still hold: no body
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


@dataclass(frozen=True)
class Fetched:
    """One HTTP answer, whole. `content_type` is the media type alone, lower-cased (`text/html`)."""

    url: str
    final_url: str
    status: int
    content_type: str
    charset: str | None
    data: bytes
    headers: dict[str, str] = field(default_factory=dict)  # lower-cased names


def make_client(settings: Settings) -> httpx.Client:
    """A client with storyline's timeouts, redirect limit and user agent (share one across many fetches)."""
    return httpx.Client(
        timeout=settings.http_timeout,
        follow_redirects=True,
        max_redirects=settings.http_max_redirects,
        headers={"User-Agent": settings.user_agent, "Accept": ACCEPT},
    )


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """GET `url` within the settings' time, redirect and size limits, or raise StorylineError saying why."""
    _check_url(url)
    if client is None:
        with make_client(settings) as own:
            return _fetch(own, url, settings)
    return _fetch(client, url, settings)


def fetch_if_changed(url: str, settings: Settings, client: httpx.Client, etag: str | None = None,
                     last_modified: str | None = None) -> Fetched | None:
    """A conditional GET (If-None-Match / If-Modified-Since from the validators of the last answer): None when
    the server answers 304 Not Modified, else the answer as `fetch` gives it (same limits, same errors)."""
    _check_url(url)
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    fetched = _fetch(client, url, settings, headers)
    return None if fetched.status == NOT_MODIFIED else fetched


def read_url(url: str, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    """A URL as an input: a feed yields its entries; a page or a text file yields one document."""
    # Imported here: feed.py fetches entry pages through this module, so a module-level import is a cycle.
    from storyline.ingest import feed

    fetched = fetch(url, settings)
    if is_feed(fetched):
        yield from feed.read_feed_bytes(fetched.data, url, meta, settings, base_url=fetched.final_url)
    else:
        yield page_document(fetched, url, meta)


def page_document(fetched: Fetched, source_id: str, meta: SourceMeta) -> RawDocument:
    """A fetched HTML page or text file as a document (meta url: the final URL; set fields of `meta` win)."""
    kind = page_kind(fetched)
    declared = fetched.charset or (_meta_charset(fetched.data) if kind == "html" else None)
    body = decode_bytes(fetched.data, source_id, declared=declared)
    given = SourceMeta(url=fetched.final_url).merged(meta)
    return RawDocument(source_id=source_id, kind=kind, body=body, raw=fetched.data, meta=given,
                       name=fetched.final_url)


def is_feed(fetched: Fetched) -> bool:
    """RSS, Atom or RDF by its root element, whatever the label: servers often send feeds as text/html or
    text/plain. An HTML page never matches (its root is <html>)."""
    return _FEED_ROOT.match(fetched.data[:SNIFF_BYTES]) is not None


def page_kind(fetched: Fetched) -> DocumentKind:
    """`html` or `text`, or StorylineError UNSUPPORTED for anything else (PDF, images, non-feed XML)."""
    media = fetched.content_type
    head = fetched.data[:SNIFF_BYTES]
    if media in HTML_TYPES:
        return "html"
    if media in TEXT_TYPES:
        return "text"
    if media in VAGUE_TYPES and _HTML_START.search(head):
        return "html"
    if media in XML_TYPES or media.endswith("+xml"):
        root = _XML_ROOT.match(head)
        what = f"root <{root.group(1).decode('ascii', 'replace')}>" if root else "no root element found"
        raise StorylineError(Code.UNSUPPORTED, fetched.url, f"XML that is not an RSS/Atom feed ({what})")
    described = media or "no content type"
    raise StorylineError(Code.UNSUPPORTED, fetched.url, f"{described} is not something storyline reads "
                         "(HTML, text or a feed)")


def check_url(url: str) -> None:
    """StorylineError BAD_URL unless `url` is an http(s) URL that can be fetched (checked before any request)."""
    _check_url(url)


def _check_url(url: str) -> None:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise StorylineError(Code.BAD_URL, url, f"not a valid URL: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise StorylineError(Code.BAD_URL, url, "only http:// and https:// URLs can be fetched")
    if not parsed.host:
        raise StorylineError(Code.BAD_URL, url, "the URL has no host")
    if not _HOST.fullmatch(parsed.raw_host):
        raise StorylineError(Code.BAD_URL, url, f"{parsed.host!r} is not a valid host name")
    if parsed.port is not None and not 0 < parsed.port <= MAX_PORT:
        raise StorylineError(Code.BAD_URL, url, f"port {parsed.port} is out of range")


def _fetch(client: httpx.Client, url: str, settings: Settings, headers: dict[str, str] | None = None) -> Fetched:
    try:
        with client.stream("GET", url, headers=headers) as response:
            if headers and response.status_code == NOT_MODIFIED:
                return Fetched(url=url, final_url=str(response.url), status=NOT_MODIFIED, content_type="",
                               charset=None, data=b"", headers=dict(response.headers))
            if not response.is_success:
                phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
                raise StorylineError(Code.HTTP_STATUS, url, f"the server answered HTTP {response.status_code}{phrase}")
            data = _read_limited(response, url, settings)
            media, charset = _parse_content_type(response.headers.get("content-type", ""))
            return Fetched(url=url, final_url=str(response.url), status=response.status_code, content_type=media,
                           charset=charset, data=data, headers=dict(response.headers))
    except httpx.TooManyRedirects as exc:
        raise StorylineError(Code.FETCH_FAILED, url, f"more than {settings.http_max_redirects} redirects") from exc
    except httpx.TimeoutException as exc:
        raise StorylineError(Code.FETCH_FAILED, url, _timeout_reason(exc, settings)) from exc
    except httpx.ConnectError as exc:
        raise StorylineError(Code.FETCH_FAILED, url, _connect_reason(exc, url)) from exc
    except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
        raise StorylineError(Code.BAD_URL, url, f"cannot be fetched: {exc}") from exc
    except httpx.DecodingError as exc:
        raise StorylineError(Code.FETCH_FAILED, url, f"the body could not be decompressed: {exc}") from exc
    except httpx.HTTPError as exc:  # read/write errors, protocol errors: the connection broke
        raise StorylineError(Code.FETCH_FAILED, url, f"the connection failed: {exc or type(exc).__name__}") from exc


def _read_limited(response: httpx.Response, url: str, settings: Settings) -> bytes:
    limit = settings.max_document_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(url, f"{int(declared):,} bytes")
    deadline = time.monotonic() + settings.http_timeout * TOTAL_TIME_FACTOR
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():  # decompressed bytes, so a gzip bomb is stopped too
        size += len(chunk)
        if size > limit:
            raise _too_large(url, "the body")
        if time.monotonic() > deadline:
            raise StorylineError(Code.FETCH_FAILED, url, f"timed out: the download took over "
                                 f"{settings.http_timeout * TOTAL_TIME_FACTOR:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, what: str) -> StorylineError:
    return StorylineError(Code.TOO_LARGE, url, f"{what} is over the limit for one document")


def _parse_content_type(value: str) -> tuple[str, str | None]:
    media, *params = value.split(";")
    charset = None
    for param in params:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset" and val.strip().strip("\"'"):
            charset = val.strip().strip("\"'")
    return media.strip().lower(), charset


def _meta_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:SNIFF_BYTES])
    return found.group(1).decode("ascii") if found else None


def _timeout_reason(exc: httpx.TimeoutException, settings: Settings) -> str:
    limit = f"{settings.http_timeout:g} s"
    if isinstance(exc, httpx.ConnectTimeout):
        return f"timed out: no connection within {limit}"
    if isinstance(exc, httpx.ReadTimeout):
        return f"timed out: the server sent nothing for {limit}"
    return f"timed out after {limit}"


def _connect_reason(exc: httpx.ConnectError, url: str) -> str:
    cause: BaseException | None = exc
    for _ in range(MAX_CAUSE_DEPTH):
        if cause is None:
            break
        if isinstance(cause, socket.gaierror):
            return f"DNS lookup failed for {httpx.URL(url).host!r}: {cause.strerror or cause}"
        if isinstance(cause, ConnectionRefusedError):
            return "could not connect: connection refused"
        cause = cause.__cause__ or cause.__context__
    return f"could not connect: {exc}"
