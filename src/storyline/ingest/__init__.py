"""Source adapters: every form news arrives in becomes a stream of RawDocument (or IngestFailure).

One module per source kind; this module only dispatches. Adapters never raise for one bad item: they
yield an IngestFailure and go on, so that a batch reports every bad input and keeps the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from storyline.errors import Code, StorylineError
from storyline.ingest import feed, fetch, files, records_file, warc
from storyline.records import IngestFailure, IngestItem, SourceMeta
from storyline.settings import Settings

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
RECORD_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv"}
FEED_SUFFIXES = {".rss", ".atom", ".xml", ".rdf"}
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
# Files that describe other files, never articles themselves (skipped when walking a directory).
METADATA_NAMES = {"metadata.json", "metadata.csv", "readme", "readme.md", "readme.txt", "license", "license.txt"}


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


def read_inputs(
    inputs: Iterable[str], meta: SourceMeta | None = None, settings: Settings | None = None
) -> Iterator[IngestItem]:
    """Everything in `inputs` (files, directories, URLs, feeds), in a deterministic order."""
    meta = meta or SourceMeta()
    settings = settings or Settings()
    for value in inputs:
        try:
            if is_url(value):
                yield from fetch.read_url(value, meta, settings)
                continue
            path = Path(value)
            if path.is_dir():
                yield from _read_directory(path, meta, settings)
            elif path.exists():
                yield from read_path(path, meta, settings)
            else:
                yield IngestFailure(value, Code.NOT_FOUND.value, "no such file, directory or URL")
        except StorylineError as exc:
            yield IngestFailure(exc.source, exc.code.value, exc.reason)
        except OSError as exc:
            yield IngestFailure(value, Code.NOT_FOUND.value, f"cannot be read: {exc.strerror or exc}")


def read_path(
    path: Path, meta: SourceMeta, settings: Settings, dir_meta: SourceMeta | None = None
) -> Iterator[IngestItem]:
    """One file, by its kind. `dir_meta` comes from the directory's metadata file, flags override it."""
    name = path.name.lower()
    suffix = path.suffix.lower()
    try:
        if name.endswith(WARC_SUFFIXES):
            yield from warc.read_warc(path, meta, settings)
        elif suffix in RECORD_SUFFIXES:
            yield from records_file.read_records(path, meta, settings)
        elif suffix in FEED_SUFFIXES:
            yield from feed.read_feed_file(path, meta, settings)
        elif suffix in HTML_SUFFIXES:
            yield files.read_html_file(path, meta, settings, dir_meta)
        elif suffix in TEXT_SUFFIXES:
            yield files.read_text_file(path, meta, settings, dir_meta)
        else:
            yield IngestFailure(str(path), Code.UNSUPPORTED.value, f"unsupported file kind {suffix!r}")
    except StorylineError as exc:
        yield IngestFailure(exc.source, exc.code.value, exc.reason)


def _read_directory(directory: Path, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    try:
        table = files.directory_meta(directory)
    except StorylineError as exc:
        yield IngestFailure(exc.source, exc.code.value, exc.reason)
        table = {}
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        name = path.name.lower()
        if name in METADATA_NAMES or name.endswith(".meta.json") or name.startswith("."):
            continue
        yield from read_path(path, meta, settings, table.get(path.name))
