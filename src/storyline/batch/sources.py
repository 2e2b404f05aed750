"""Input shards for the batch job: list them on the driver, read each one in a worker.

A shard is one input file (a text or HTML article, a JSONL/CSV export, a feed, a WARC file) or one URL.
Directories are walked on the driver (locally or on any filesystem pyarrow understands: `s3://`, `gs://`,
`hdfs://`, `file://` ...) and become one shard per file, in a deterministic order, skipped exactly as
`storyline.ingest` skips them. Reading a shard calls the ingest adapters themselves (`read_inputs`,
`read_path`): a remote file is copied to a local scratch directory with its metadata files, read there, and
its source ids are given back their remote address.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path, PurePosixPath

from pyarrow import fs as pafs

from storyline.errors import Code, StorylineError
from storyline.ingest import METADATA_NAMES, is_url, read_inputs, read_path
from storyline.ingest.files import directory_meta
from storyline.records import IngestFailure, IngestItem, SourceMeta
from storyline.settings import Settings

# Shard kinds.
LOCAL, REMOTE, URL, FAILED = "local", "remote", "url", "failed"
# Files that travel with an article file (read by the ingest adapters when present beside it).
DIRECTORY_META_FILES = ("metadata.json", "metadata.csv")
SIDECAR_SUFFIX = ".meta.json"
# Schemes that name the local disk: read in place, without a copy.
LOCAL_SCHEMES = ("file://",)


@dataclass(frozen=True)
class Shard:
    """One unit of reading work. `dir_meta` is the metadata of the directory it was listed from (JSON of a
    SourceMeta), as `storyline ingest DIR` applies it; `failure` is set when listing already failed."""

    uri: str
    kind: str
    dir_meta: str | None = None
    failure: str | None = None  # JSON of an IngestFailure

    def row(self) -> dict[str, str | None]:
        return asdict(self)


def list_shards(inputs: list[str]) -> Iterator[Shard]:
    """Every input as shards: a URL or a file as itself, a directory as its article files (sorted)."""
    for value in inputs:
        try:
            if is_url(value):
                yield Shard(value, URL)
            elif _is_remote(value):
                yield from _remote_shards(value)
            else:
                yield from _local_shards(Path(value.removeprefix(LOCAL_SCHEMES[0])))
        except StorylineError as exc:
            yield _failed(IngestFailure(exc.source, exc.code.value, exc.reason))
        except (OSError, ValueError) as exc:  # pyarrow reports a bad URI or an unreachable bucket this way
            yield _failed(IngestFailure(value, Code.NOT_FOUND.value, f"cannot be listed: {exc}"))


def read_shard(shard: Shard, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    """The documents of one shard, as the single-process path reads them (failures included)."""
    if shard.kind == FAILED:
        yield IngestFailure(**json.loads(shard.failure or "{}"))
    elif shard.kind == URL:
        yield from read_inputs([shard.uri], meta, settings)
    elif shard.kind == REMOTE:
        filesystem, path = pafs.FileSystem.from_uri(shard.uri)
        yield from read_remote_file(filesystem, path, shard.uri, meta, settings, _meta_of(shard.dir_meta))
    elif shard.dir_meta is None:
        yield from read_inputs([shard.uri], meta, settings)
    else:
        yield from _guard(shard.uri, read_path(Path(shard.uri), meta, settings, _meta_of(shard.dir_meta)))


def read_remote_file(filesystem: pafs.FileSystem, path: str, uri: str, meta: SourceMeta, settings: Settings,
                     dir_meta: SourceMeta | None) -> Iterator[IngestItem]:
    """Copy one remote file (with its sidecar and its directory's metadata file) to a scratch directory, read
    it with the ingest adapters, and name its items by `uri` instead of the scratch path."""
    scratch = Path(tempfile.mkdtemp(prefix="storyline-shard-"))
    try:
        local = scratch / PurePosixPath(path).name
        info = filesystem.get_file_info(path)
        if info.type != pafs.FileType.File:
            yield IngestFailure(uri, Code.NOT_FOUND.value, "no such file")
            return
        if info.size is not None and info.size > settings.max_container_bytes:
            yield IngestFailure(uri, Code.TOO_LARGE.value, f"{info.size:,} bytes is over the limit of "
                                f"{settings.max_container_bytes:,}")
            return
        _copy(filesystem, path, local)
        parent = str(PurePosixPath(path).parent)
        for name in (*DIRECTORY_META_FILES, local.stem + SIDECAR_SUFFIX, local.name + SIDECAR_SUFFIX):
            _copy_if_present(filesystem, f"{parent}/{name}", scratch / name)
        for item in _guard(uri, read_path(local, meta, settings, dir_meta)):
            yield _renamed(item, str(local), uri)
    except OSError as exc:
        yield IngestFailure(uri, Code.NOT_FOUND.value, f"cannot be read: {exc}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _guard(source: str, items: Iterator[IngestItem]) -> Iterator[IngestItem]:
    """The adapters report bad items themselves; an error that escapes them fails the rest of this shard only."""
    try:
        yield from items
    except StorylineError as exc:
        yield IngestFailure(exc.source, exc.code.value, exc.reason)
    except OSError as exc:
        yield IngestFailure(source, Code.NOT_FOUND.value, f"cannot be read: {exc.strerror or exc}")


def _renamed(item: IngestItem, local: str, uri: str) -> IngestItem:
    """Source ids name the scratch copy (`/tmp/x/a.jsonl:3`); give them the remote address (`s3://b/a.jsonl:3`)."""
    source = item.source_id.replace(local, uri, 1) if item.source_id.startswith(local) else item.source_id
    if isinstance(item, IngestFailure):
        return IngestFailure(source, item.code, item.reason)
    return replace(item, source_id=source)


def _is_remote(value: str) -> bool:
    return "://" in value and not value.startswith(LOCAL_SCHEMES)


def _skipped(name: str) -> bool:
    """Files that describe other files, and hidden files: skipped when walking a directory (as ingest does)."""
    lower = name.lower()
    return lower in METADATA_NAMES or lower.endswith(SIDECAR_SUFFIX) or lower.startswith(".")


def _local_shards(path: Path) -> Iterator[Shard]:
    if not path.is_dir():
        yield Shard(str(path), LOCAL)  # a missing file is reported by the reader, as `storyline ingest` does
        return
    table = _directory_table(path, lambda: directory_meta(path))
    for item in table.failures:
        yield _failed(item)
    for file in sorted(p for p in path.rglob("*") if p.is_file()):
        if not _skipped(file.name):
            yield Shard(str(file), LOCAL, _meta_json(table.meta.get(file.name)))


def _remote_shards(uri: str) -> Iterator[Shard]:
    filesystem, root = pafs.FileSystem.from_uri(uri)
    info = filesystem.get_file_info(root)
    if info.type == pafs.FileType.NotFound:
        yield _failed(IngestFailure(uri, Code.NOT_FOUND.value, "no such file or directory"))
        return
    if info.type != pafs.FileType.Directory:
        yield Shard(uri, REMOTE)
        return
    prefix = uri[: len(uri) - len(root)] if uri.endswith(root) else uri.split("://", 1)[0] + "://"
    table = _directory_table(uri, lambda: _remote_directory_meta(filesystem, root))
    for item in table.failures:
        yield _failed(item)
    selector = pafs.FileSelector(root, recursive=True)
    files = sorted(i.path for i in filesystem.get_file_info(selector) if i.type == pafs.FileType.File)
    for path in files:
        name = PurePosixPath(path).name
        if not _skipped(name):
            yield Shard(prefix + path, REMOTE, _meta_json(table.meta.get(name)))


def _remote_directory_meta(filesystem: pafs.FileSystem, root: str) -> dict[str, SourceMeta]:
    scratch = Path(tempfile.mkdtemp(prefix="storyline-meta-"))
    try:
        for name in DIRECTORY_META_FILES:
            _copy_if_present(filesystem, f"{root.rstrip('/')}/{name}", scratch / name)
        return directory_meta(scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


@dataclass
class _Table:
    meta: dict[str, SourceMeta]
    failures: list[IngestFailure]


def _directory_table(where: object, load: Callable[[], dict[str, SourceMeta]]) -> _Table:
    """A directory's metadata file, or the failure that names it (then the files are read without it)."""
    try:
        return _Table(load(), [])
    except StorylineError as exc:
        return _Table({}, [IngestFailure(exc.source or str(where), exc.code.value, exc.reason)])


def _copy(filesystem: pafs.FileSystem, path: str, local: Path) -> None:
    with filesystem.open_input_stream(path) as source, local.open("wb") as target:
        shutil.copyfileobj(source, target)


def _copy_if_present(filesystem: pafs.FileSystem, path: str, local: Path) -> None:
    if filesystem.get_file_info(path).type == pafs.FileType.File:
        _copy(filesystem, path, local)


def _failed(failure: IngestFailure) -> Shard:
    return Shard(failure.source_id, FAILED, failure=json.dumps(asdict(failure), ensure_ascii=False))


def _meta_json(meta: SourceMeta | None) -> str | None:
    return None if meta is None else json.dumps(asdict(meta), ensure_ascii=False)


def _meta_of(value: str | None) -> SourceMeta | None:
    return None if value is None else SourceMeta(**json.loads(value))
