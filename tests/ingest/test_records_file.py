"""JSON Lines, JSON and CSV/TSV exports: one document per record; a bad record is named `file:line` and the
rest is read."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.errors import Code, StorylineError
from storyline.ingest import read_inputs
from storyline.ingest.records_file import read_records
from storyline.records import IngestFailure, RawDocument, SourceMeta
from storyline.settings import Settings

TEXT = "Diplomats met again in Geneva on Monday to discuss the border crisis."
Item = RawDocument | IngestFailure


def _read(path: Path, meta: SourceMeta | None = None, **options: int) -> list[Item]:
    return list(read_records(path, meta or SourceMeta(), Settings(**options)))  # type: ignore[arg-type]


def _jsonl(tmp_path: Path, lines: list[str], name: str = "export.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _csv(tmp_path: Path, rows: list[list[str]], name: str = "export.csv", delimiter: str = ",") -> Path:
    path = tmp_path / name
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def _kinds(items: list[Item]) -> list[str]:
    return [item.kind if isinstance(item, RawDocument) else item.code for item in items]


def test_jsonl_records_become_documents_with_their_metadata(tmp_path: Path) -> None:
    line = json.dumps({"id": "wire-1", "text": TEXT, "title": "Talks", "outlet": "Wire", "published": "2022-01-28",
                       "url": "https://wire.example/1", "language": "en", "tags": ["ignored"]})
    path = _jsonl(tmp_path, [line, json.dumps({"html": f"<p>{TEXT}</p>", "source": "Aliased", "date": "2022-02-01"})])
    first, second = _read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.source_id, first.name, first.kind, first.body, first.raw) == ("wire-1", "wire-1", "text", TEXT,
                                                                               line.encode())
    assert first.meta == SourceMeta(outlet="Wire", url="https://wire.example/1", published="2022-01-28",
                                    title="Talks", language="en")
    assert (second.source_id, second.name, second.kind) == (f"{path}:2", "export.jsonl:2", "html")
    assert (second.meta.outlet, second.meta.published) == ("Aliased", "2022-02-01")


def test_flags_override_record_metadata(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps({"text": TEXT, "outlet": "Record", "title": "Kept"})])
    [doc] = _read(path, SourceMeta(outlet="Flag"))
    assert isinstance(doc, RawDocument) and (doc.meta.outlet, doc.meta.title) == ("Flag", "Kept")


def test_a_malformed_json_line_fails_alone(tmp_path: Path) -> None:
    good = json.dumps({"text": TEXT})
    path = _jsonl(tmp_path, [good, '{"text": "unterminated', "", good])
    items = _read(path)
    assert _kinds(items) == ["text", Code.BAD_JSON.value, "text"]
    assert items[1].source_id == f"{path}:2"
    assert items[2].source_id == f"{path}:4", "blank lines keep the line numbers right"


def test_a_record_without_text_is_a_bad_record(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps({"title": "No body"}), json.dumps({"text": "  "}), json.dumps({"text": TEXT})])
    items = _read(path)
    assert _kinds(items) == [Code.BAD_RECORD.value, Code.BAD_RECORD.value, "text"]
    assert isinstance(items[0], IngestFailure) and items[0].source_id == f"{path}:1" and "text" in items[0].reason


@pytest.mark.parametrize("line", ['[1, 2]', '"just a string"', '{"text": 42}', '{"text": "x", "id": [1]}',
                                  '{"text": "x", "title": {"nested": true}}'])
def test_records_of_the_wrong_shape_are_bad_records(tmp_path: Path, line: str) -> None:
    [failure] = _read(_jsonl(tmp_path, [line]))
    assert isinstance(failure, IngestFailure) and failure.code == Code.BAD_RECORD.value


def test_a_line_that_is_not_utf8_is_bad_json(tmp_path: Path) -> None:
    path = tmp_path / "export.ndjson"
    latin1 = json.dumps({"text": "Café"}, ensure_ascii=False).encode("latin-1")
    path.write_bytes(latin1 + b"\n" + json.dumps({"text": TEXT}).encode())
    assert _kinds(_read(path)) == [Code.BAD_JSON.value, "text"]


def test_an_over_long_line_is_too_large_and_the_next_is_read(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps({"text": "x" * 5000}), json.dumps({"text": TEXT})])
    items = _read(path, max_document_bytes=1000)
    assert _kinds(items) == [Code.TOO_LARGE.value, "text"] and items[1].source_id == f"{path}:2"


def test_a_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": TEXT}).encode())
    assert _kinds(_read(path)) == ["text"]


@pytest.mark.parametrize("shape", ["list", "envelope", "single"])
def test_json_files_hold_a_list_an_envelope_or_one_record(tmp_path: Path, shape: str) -> None:
    records = [{"id": 1, "text": TEXT}, {"text": TEXT, "title": "Second"}]
    value = {"list": records, "envelope": {"articles": records}, "single": records[0]}[shape]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    items = _read(path)
    assert all(isinstance(item, RawDocument) for item in items) and items[0].source_id == "1"
    assert len(items) == (1 if shape == "single" else 2)
    if shape != "single":
        assert items[1].source_id == f"{path}[1]"
        assert isinstance(items[1], RawDocument) and json.loads(items[1].raw) == records[1]


def test_json_lines_saved_as_json_are_read_line_by_line(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, [json.dumps({"text": TEXT}), "{broken", json.dumps({"text": TEXT})], name="export.json")
    assert _kinds(_read(path)) == ["text", Code.BAD_JSON.value, "text"]


def test_a_malformed_json_file_is_refused_whole(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('[{"text": "a"}, {"text": ', encoding="utf-8")
    with pytest.raises(StorylineError) as info:
        _read(path)
    assert info.value.code is Code.BAD_JSON and "line 1" in info.value.reason


def test_csv_rows_become_documents_with_large_multiline_fields(tmp_path: Path) -> None:
    big = ("A paragraph with a comma, a \"quote\" and a line break.\n\n" * 4000).strip()  # > csv's 128 kB default
    path = _csv(tmp_path, [["ID", "Title", "Text", "Outlet"], ["r1", "Talks", big, "Wire"], ["", "", TEXT, ""]])
    first, second = _read(path)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.source_id, first.body, first.meta.title, first.meta.outlet) == ("r1", big, "Talks", "Wire")
    assert second.source_id == f"{path}:{2 + big.count(chr(10)) + 1}", "named by the line the row starts on"
    assert json.loads(first.raw)["text"] == big


def test_a_malformed_csv_row_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f'id,text\n1,"{TEXT}"\n2,"a "bad" quote"\n3,{TEXT}\n4,too,many,fields\n5,"{TEXT}"\n',
                    encoding="utf-8")
    items = _read(path)
    assert _kinds(items) == ["text", Code.BAD_CSV.value, "text", Code.BAD_CSV.value, "text"]
    assert [item.source_id for item in items] == ["1", f"{path}:3", "3", f"{path}:5", "5"]


def test_a_csv_without_a_text_column_is_refused(tmp_path: Path) -> None:
    path = _csv(tmp_path, [["id", "body"], ["1", TEXT]])
    with pytest.raises(StorylineError) as info:
        _read(path)
    assert info.value.code is Code.BAD_CSV and "body" in info.value.reason


def test_tsv_and_legacy_encodings_are_read(tmp_path: Path) -> None:
    path = tmp_path / "export.tsv"
    path.write_bytes(f"id\ttext\n1\tCafé owners “met” in Genève. {TEXT}\n".encode("cp1252"))
    [doc] = _read(path)
    assert isinstance(doc, RawDocument) and doc.body.startswith("Café owners “met” in Genève.")


def test_dispatcher_reads_each_record_kind(tmp_path: Path) -> None:
    jsonl = _jsonl(tmp_path, [json.dumps({"text": TEXT}), "not json"])
    table = _csv(tmp_path, [["text"], [TEXT]])
    items = list(read_inputs([str(jsonl), str(table)]))
    assert _kinds(items) == ["text", Code.BAD_JSON.value, "text"]
    assert items[1].source_id == f"{jsonl}:2"


_body = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters='\n",\t'), min_size=1
                ).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(bodies=st.lists(_body, min_size=1, max_size=5))
def test_any_text_survives_jsonl_and_csv_exactly(tmp_path: Path, bodies: list[str]) -> None:
    path = _jsonl(tmp_path, [json.dumps({"text": body}) for body in bodies], name="prop.jsonl")
    assert [item.body for item in _read(path) if isinstance(item, RawDocument)] == bodies
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([["text"], *[[body] for body in bodies]])
    table = tmp_path / "prop.csv"
    table.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    assert [item.body for item in _read(table) if isinstance(item, RawDocument)] == bodies
