"""Plain text and HTML files on disk, with their sidecar or directory metadata."""

from __future__ import annotations

from pathlib import Path

from storyline.errors import Code, StorylineError
from storyline.ingest.decode import decode_bytes
from storyline.ingest.metadata import directory_meta, sidecar_meta
from storyline.records import DocumentKind, RawDocument, SourceMeta
from storyline.settings import Settings

__all__ = ["directory_meta", "read_bytes_limited", "read_html_file", "read_text_file"]


def read_bytes_limited(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise StorylineError(Code.TOO_LARGE, str(path),
                             f"{size:,} bytes is over the limit of {limit:,} for one article")
    return path.read_bytes()


def _read_file(
    path: Path, kind: DocumentKind, meta: SourceMeta, settings: Settings, dir_meta: SourceMeta | None
) -> RawDocument:
    data = read_bytes_limited(path, settings.max_document_bytes)
    body = decode_bytes(data, str(path))
    if dir_meta is None:  # a single file named on its own still gets its directory's metadata file
        dir_meta = _own_directory_meta(path)
    given = (dir_meta or SourceMeta()).merged(sidecar_meta(path)).merged(meta)
    return RawDocument(source_id=str(path), kind=kind, body=body, raw=data, meta=given, name=path.name)


def read_text_file(path: Path, meta: SourceMeta, settings: Settings, dir_meta: SourceMeta | None = None) -> RawDocument:
    return _read_file(path, "text", meta, settings, dir_meta)


def read_html_file(path: Path, meta: SourceMeta, settings: Settings, dir_meta: SourceMeta | None = None) -> RawDocument:
    return _read_file(path, "html", meta, settings, dir_meta)


def _own_directory_meta(path: Path) -> SourceMeta | None:
    try:
        return directory_meta(path.parent).get(path.name)
    except StorylineError:
        return None  # a broken metadata file is reported when its directory is read, not for every file in it
