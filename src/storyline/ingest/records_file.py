"""Exports with one article per record: JSON Lines, JSON and CSV/TSV (fields as in the JSON contract:
`id`, `text` or `html`, `title`, `url`, `outlet`, `published`, `language`).

JSON Lines and CSV are streamed record by record; a bad record becomes an IngestFailure naming `file:line`
and the rest is read.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

import charset_normalizer

from storyline.errors import Code, StorylineError
from storyline.ingest.metadata import meta_from_mapping
from storyline.records import DocumentKind, IngestFailure, IngestItem, RawDocument, SourceMeta
from storyline.settings import Settings

JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_DELIMITERS = {".csv": ",", ".tsv": "\t"}
# Body fields, in order of preference: HTML keeps the page's own metadata (dates, bylines) for the cleaner.
BODY_FIELDS: tuple[tuple[str, DocumentKind], ...] = (("html", "html"), ("text", "text"))
ID_FIELD = "id"
ARTICLES_KEY = "articles"  # {"articles": [...]}, the usual envelope of news API dumps
# A .json file is parsed whole (the standard library has no streaming JSON parser); past this size an
# export belongs in JSON Lines, which is streamed.
MAX_JSON_FILE_BYTES = 512 * 1024 * 1024
# Enough of a CSV file to tell UTF-8 from a legacy encoding (Excel's cp1252 exports) with confidence.
ENCODING_SAMPLE_BYTES = 64 * 1024
# Reading the rest of an over-long JSON line to skip it, a piece at a time.
SKIP_CHUNK_BYTES = 1024 * 1024
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_records(path: Path, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    size = path.stat().st_size
    if size > settings.max_container_bytes:
        raise StorylineError(Code.TOO_LARGE, str(path), f"{size:,} bytes is over the limit of "
                             f"{settings.max_container_bytes:,} for one export")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path, meta, settings)
    elif suffix == ".json":
        yield from _read_json(path, size, meta, settings)
    elif suffix in CSV_DELIMITERS:
        yield from _read_csv(path, CSV_DELIMITERS[suffix], meta, settings)
    else:
        raise StorylineError(Code.UNSUPPORTED, str(path), f"not a record file kind: {suffix!r}")


def record_item(record: object, where: str, name: str, raw: bytes, meta: SourceMeta, settings: Settings) -> IngestItem:
    """One record as a document, or an IngestFailure naming `where`. `name` stands in for a missing `id`."""
    if not isinstance(record, dict):
        return IngestFailure(where, Code.BAD_RECORD.value, f"a record must be an object, not {_json_type(record)}")
    fields = {str(key).strip().lower(): value for key, value in record.items()}
    try:
        record_id = _record_id(fields.get(ID_FIELD), where)
        body, kind = _body(fields, where)
        given = meta_from_mapping({k: v for k, v in fields.items() if k != ID_FIELD}, where)
    except StorylineError as exc:
        return IngestFailure(exc.source, exc.code.value, exc.reason)
    size = len(body.encode("utf-8", "surrogatepass"))
    if size > settings.max_document_bytes:
        return IngestFailure(where, Code.TOO_LARGE.value, f"the {kind} field holds {size:,} bytes, over the limit of "
                             f"{settings.max_document_bytes:,} for one article")
    return RawDocument(source_id=record_id or where, kind=kind, body=body, raw=raw, meta=given.merged(meta),
                       name=record_id or name)


def _read_jsonl(path: Path, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    limit = settings.max_document_bytes
    with path.open("rb") as handle:
        number = 0
        while line := handle.readline(limit + 1):
            number += 1
            where, name = f"{path}:{number}", f"{path.name}:{number}"
            if len(line) > limit and not line.endswith(b"\n"):
                _skip_line(handle)
                yield IngestFailure(where, Code.TOO_LARGE.value, f"the line is over the limit of {limit:,} bytes "
                                    "for one article")
                continue
            if number == 1:
                line = line.removeprefix(codecs.BOM_UTF8)
            line = line.strip()
            if line:
                yield _json_line_item(line, where, name, meta, settings)


def _json_line_item(line: bytes, where: str, name: str, meta: SourceMeta, settings: Settings) -> IngestItem:
    try:
        record = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return IngestFailure(where, Code.BAD_JSON.value, f"not UTF-8 at byte {exc.start + 1} (JSON Lines must "
                             "be UTF-8)")
    except json.JSONDecodeError as exc:
        return IngestFailure(where, Code.BAD_JSON.value, f"malformed JSON at column {exc.colno}: {exc.msg}")
    return record_item(record, where, name, line, meta, settings)


def _skip_line(handle: BinaryIO) -> None:
    while chunk := handle.readline(SKIP_CHUNK_BYTES):
        if chunk.endswith(b"\n"):
            return


def _read_json(path: Path, size: int, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    if size > MAX_JSON_FILE_BYTES:
        raise StorylineError(Code.TOO_LARGE, str(path), f"{size:,} bytes is too large for one JSON document "
                             f"(limit {MAX_JSON_FILE_BYTES:,}); export JSON Lines (.jsonl) instead, which is streamed")
    try:
        value = json.loads(path.read_bytes())
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and exc.lineno > 1:  # JSON Lines saved as .json: one object, then the next
            yield from _read_jsonl(path, meta, settings)
            return
        raise StorylineError(Code.BAD_JSON, str(path), f"malformed JSON at line {exc.lineno}, column {exc.colno}: "
                             f"{exc.msg}") from exc
    except UnicodeDecodeError as exc:
        raise StorylineError(Code.BAD_JSON, str(path), f"not UTF-8 at byte {exc.start + 1} (JSON must be "
                             "UTF-8)") from exc
    if isinstance(value, dict) and isinstance(value.get(ARTICLES_KEY), list):
        value = value[ARTICLES_KEY]
    if isinstance(value, dict):
        yield record_item(value, str(path), path.name, _reserialise(value), meta, settings)
    elif isinstance(value, list):
        for index, record in enumerate(value):
            yield record_item(record, f"{path}[{index}]", f"{path.name}[{index}]", _reserialise(record), meta,
                              settings)
    else:
        raise StorylineError(Code.BAD_JSON, str(path), f"expected a list of records, {{\"{ARTICLES_KEY}\": [...]}} or "
                             f"one record, not {_json_type(value)}")


def _read_csv(path: Path, delimiter: str, meta: SourceMeta, settings: Settings) -> Iterator[IngestItem]:
    _allow_fields_of(settings.max_document_bytes)
    encoding = _sniff_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        columns = _header(reader, path)
        start = reader.line_num + 1
        while True:
            where, name = f"{path}:{start}", f"{path.name}:{start}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                code = Code.TOO_LARGE if "field larger than field limit" in str(exc) else Code.BAD_CSV
                yield IngestFailure(where, code.value, f"malformed CSV: {exc}")
                start = reader.line_num + 1
                continue
            except UnicodeDecodeError as exc:
                yield IngestFailure(where, Code.BAD_CSV.value, f"not {encoding} text from here on ({exc.reason}); "
                                    "the rest of the file was not read")
                return
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                yield IngestFailure(where, Code.BAD_CSV.value, f"the row has {len(row)} fields, the header "
                                    f"{len(columns)}")
                continue
            record = dict(zip(columns, row, strict=True))
            yield record_item(record, where, name, _reserialise(record), meta, settings)


def _header(reader: Any, path: Path) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise StorylineError(Code.EMPTY, str(path), "no header row") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise StorylineError(Code.BAD_CSV, str(path), f"unreadable header row: {exc}") from exc
    columns = [cell.strip().lower() for cell in header]
    if not {field for field, _ in BODY_FIELDS} & set(columns):
        shown = ", ".join(columns[:10]) or "none"
        raise StorylineError(Code.BAD_CSV, str(path), f"no `text` or `html` column (columns: {shown})")
    return columns


def _allow_fields_of(limit: int) -> None:
    """The csv module refuses fields over 128 kB by default; articles are larger. The limit is process-wide,
    so it is only ever raised."""
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _sniff_encoding(path: Path) -> str:
    with path.open("rb") as handle:
        sample = handle.read(ENCODING_SAMPLE_BYTES)
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)  # a cut-off last character is fine
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(sample).best()
    if best is None:
        raise StorylineError(Code.UNDECODABLE, str(path), "no text encoding fits this file")
    return best.encoding


def _body(fields: Mapping[str, Any], where: str) -> tuple[str, DocumentKind]:
    for field, kind in BODY_FIELDS:
        value = fields.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise StorylineError(Code.BAD_RECORD, where, f"field {field!r} should be a string, not {_json_type(value)}")
        if value.strip():
            return value, kind  # as given: with --no-clean every offset is an offset into the input
    raise StorylineError(Code.BAD_RECORD, where, "the record has no `text` or `html` (or they are empty)")


def _record_id(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise StorylineError(Code.BAD_RECORD, where, f"field 'id' should be a string or an integer, not "
                             f"{_json_type(value)}")
    return str(value).strip() or None


def _reserialise(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8", "surrogatepass")


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "a boolean", int: "a number",
             float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)
