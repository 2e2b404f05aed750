"""Bytes to text: BOMs, UTF-8, then charset detection; binary input refused with a reason."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from storyline.errors import Code, StorylineError

# Share of control characters (other than tab/newline/CR/form feed) above which decoded "text" is binary
# junk. Real scraped text has at most a stray one per page; 1% keeps every such page.
MAX_CONTROL_SHARE = 0.01
# Well-formed multi-byte UTF-8 sequences: their presence in a file that is not valid UTF-8 as a whole means
# mixed encodings (UTF-8 with pasted cp1252 parts), which is decoded part by part rather than guessed whole.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_MIXED_ERRORS = "storyline-cp1252"


def _cp1252_for_invalid_utf8(exc: UnicodeError) -> tuple[str, int]:
    assert isinstance(exc, UnicodeDecodeError)
    return exc.object[exc.start : exc.end].decode("cp1252", errors="replace"), exc.end


codecs.register_error(_MIXED_ERRORS, _cp1252_for_invalid_utf8)
PREFERRED_LEGACY = "cp1252"
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"\x1f\x8b")


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode `data` to text or raise StorylineError naming `source` and the reason."""
    if not data.strip():
        raise StorylineError(Code.EMPTY, source, "the input is empty")
    if data.startswith(_BINARY_MAGIC):
        raise StorylineError(Code.BINARY, source, "a binary file (PDF, image, archive or executable), not text")
    text = _decode(data, declared)
    if text is None:
        raise StorylineError(Code.UNDECODABLE, source, "no text encoding fits these bytes")
    if "\x00" in text or _control_share(text) > MAX_CONTROL_SHARE:
        raise StorylineError(Code.BINARY, source, "binary content (control bytes), not text")
    if not text.strip():
        raise StorylineError(Code.EMPTY, source, "the input is empty")
    return text


def _decode(data: bytes, declared: str | None) -> str | None:
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    if b"\x00" in data[:4096] and not _looks_utf16(data):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        if _UTF8_MULTIBYTE.search(data):
            return data.decode("utf-8", errors=_MIXED_ERRORS)
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    matches = charset_normalizer.from_bytes(data[:1_000_000])
    best = matches.best()
    if best is None:
        return None
    encoding = best.encoding
    # Short Western texts often fit cp1250 and cp1252 equally well; cp1252 is by far the more common legacy
    # encoding of news pages, so it wins a tie.
    if any(m.encoding == PREFERRED_LEGACY and m.chaos <= best.chaos for m in matches):
        encoding = PREFERRED_LEGACY
    return data.decode(encoding, errors="replace")


def _looks_utf16(data: bytes) -> bool:
    head = data[:4096]
    return head.count(b"\x00") > len(head) // 3 and len(head) % 2 == 0


def _control_share(text: str) -> float:
    sample = text[:100_000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / max(1, len(sample))
