"""Input shards of the batch job (no Ray needed): listing as `storyline ingest` walks a directory, and remote
files read through a pyarrow filesystem under their remote names."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("pyarrow")

from pyarrow import fs as pafs

from storyline.batch.sources import FAILED, LOCAL, URL, list_shards, read_remote_file, read_shard
from storyline.ingest import read_inputs
from storyline.records import IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings

TEXT = "Talks resume in Geneva\n\nDiplomats met again in Geneva on Monday to discuss the crisis.\n"


def _corpus(root: Path) -> Path:
    (root / "sub").mkdir()
    (root / "a.txt").write_text(TEXT)
    (root / "sub" / "b.txt").write_text(TEXT.replace("Monday", "Tuesday"))
    (root / "a.meta.json").write_text(json.dumps({"outlet": "Sidecar Times"}))
    (root / "metadata.json").write_text(json.dumps({"b.txt": {"outlet": "Directory Post"}}))
    (root / ".hidden.txt").write_text(TEXT)
    (root / "records.jsonl").write_text(json.dumps({"id": "r1", "text": TEXT}) + "\n{broken\n")
    return root


def _items(inputs: list[str]) -> list[RawDocument | IngestFailure]:
    return [item for shard in list_shards(inputs) for item in read_shard(shard, SourceMeta(), Settings())]


def test_shards_read_as_the_directory_is_read(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    shards = list(list_shards([str(root), "https://example.org/news/1", str(root / "missing.txt")]))
    assert [(Path(s.uri).name, s.kind) for s in shards if s.kind == LOCAL] == [
        ("a.txt", LOCAL), ("records.jsonl", LOCAL), ("b.txt", LOCAL), ("missing.txt", LOCAL)]
    assert [s.kind for s in shards if s.kind not in (LOCAL,)] == [URL]
    batch = _items([str(root), str(root / "missing.txt")])
    single = list(read_inputs([str(root), str(root / "missing.txt")]))
    assert sorted(map(repr, batch)) == sorted(map(repr, single))


def test_a_broken_directory_metadata_file_is_one_failure(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    (root / "metadata.json").write_text("{broken")
    shards = list(list_shards([str(root)]))
    assert [s.kind for s in shards].count(FAILED) == 1
    failures = [i for i in _items([str(root)]) if isinstance(i, IngestFailure)]
    assert any(f.code == "E207" for f in failures)


def test_a_remote_file_keeps_its_remote_name_and_metadata(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    filesystem = pafs.LocalFileSystem()
    uri = "s3://bucket/crawl/records.jsonl"
    items = list(read_remote_file(filesystem, str(root / "records.jsonl"), uri, SourceMeta(), Settings(), None))
    assert [i.source_id for i in items] == ["r1", f"{uri}:2"]
    [doc] = read_remote_file(filesystem, str(root / "a.txt"), "gs://b/a.txt", SourceMeta(), Settings(), None)
    assert isinstance(doc, RawDocument)
    assert doc.source_id == "gs://b/a.txt" and doc.meta.outlet == "Sidecar Times"
    [missing] = read_remote_file(filesystem, str(root / "nope.txt"), "s3://b/nope.txt", SourceMeta(), Settings(),
                                 None)
    assert isinstance(missing, IngestFailure) and missing.source_id == "s3://b/nope.txt"


def test_a_file_uri_is_read_in_place(tmp_path: Path) -> None:
    root = _corpus(tmp_path)
    [doc] = _items([f"file://{root / 'a.txt'}"])
    assert isinstance(doc, RawDocument) and doc.source_id == str(root / "a.txt")
