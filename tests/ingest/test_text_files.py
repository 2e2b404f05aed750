"""Text files and directories: decoding, sidecar and directory metadata, flags over metadata."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.errors import StorylineError
from storyline.ingest import read_inputs
from storyline.ingest.decode import decode_bytes
from storyline.records import IngestFailure, RawDocument, SourceMeta

BODY = "Officials met in Vienna on Monday to discuss the treaty.\n"


def _docs(*inputs: str, meta: SourceMeta | None = None) -> list[RawDocument | IngestFailure]:
    return list(read_inputs(list(inputs), meta))


def test_utf16_with_bom_is_decoded() -> None:
    assert decode_bytes(BODY.encode("utf-16"), "x") == BODY


def test_cp1252_is_decoded() -> None:
    text = "Café owners in Genève said the talks “failed” again."
    assert decode_bytes(text.encode("cp1252"), "x") == text


@pytest.mark.parametrize("data", [b"", b"   \n", b"%PDF-1.7 binary", b"\x00\x01\x02\x03" * 100])
def test_not_text_is_refused_with_the_input_named(data: bytes) -> None:
    with pytest.raises(StorylineError) as info:
        decode_bytes(data, "in.txt")
    assert info.value.source == "in.txt"


def test_sidecar_metadata_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "a.meta.json").write_text(json.dumps({"outlet": "Wire", "date": "2022-01-28", "unknown": 1}))
    [doc] = _docs(str(tmp_path / "a.txt"))
    assert isinstance(doc, RawDocument)
    assert (doc.meta.outlet, doc.meta.published) == ("Wire", "2022-01-28")  # `date` is an alias of published


def test_directory_metadata_then_sidecar_then_flags(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(BODY + name)
    (tmp_path / "metadata.csv").write_text("file,outlet,published\na.txt,Dir Outlet,2022-01-01\nb.txt,Dir B,\n")
    (tmp_path / "b.meta.json").write_text(json.dumps({"outlet": "Sidecar B"}))
    docs = _docs(str(tmp_path))
    assert [d.meta.outlet for d in docs if isinstance(d, RawDocument)] == ["Dir Outlet", "Sidecar B"]
    flagged = _docs(str(tmp_path), meta=SourceMeta(outlet="Flag"))
    assert {d.meta.outlet for d in flagged if isinstance(d, RawDocument)} == {"Flag"}


def test_metadata_and_readme_files_are_not_articles(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "metadata.json").write_text(json.dumps({"a.txt": {"outlet": "X"}}))
    (tmp_path / "README.md").write_text("# about this folder")
    assert [Path(d.source_id).name for d in _docs(str(tmp_path))] == ["a.txt"]


def test_a_broken_directory_metadata_file_is_reported_and_files_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "metadata.json").write_text("{not json")
    items = _docs(str(tmp_path))
    assert [type(i).__name__ for i in items] == ["IngestFailure", "RawDocument"]
    assert items[0].code == "E207"  # type: ignore[union-attr]


def test_a_single_file_gets_its_directory_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(BODY)
    (tmp_path / "metadata.json").write_text(json.dumps({"a.txt": {"outlet": "Dir Outlet"}}))
    [doc] = _docs(str(tmp_path / "a.txt"))
    assert isinstance(doc, RawDocument) and doc.meta.outlet == "Dir Outlet"
