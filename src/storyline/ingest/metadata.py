"""Metadata that travels beside text files: `NAME.meta.json` sidecars and a directory's `metadata.csv/.json`."""

from __future__ import annotations

import csv
import json
from dataclasses import fields
from pathlib import Path
from typing import Any

from storyline.errors import Code, StorylineError
from storyline.records import SourceMeta

_META_FIELDS = {f.name for f in fields(SourceMeta)}
# Names that exports commonly use for our fields.
_ALIASES = {"date": "published", "pubdate": "published", "published_at": "published", "source": "outlet",
            "site": "outlet", "sitename": "outlet", "author": "byline", "lang": "language", "link": "url"}


def meta_from_mapping(data: dict[str, Any], source: str) -> SourceMeta:
    """Keep the known fields of a record (aliases folded), as strings; empty values count as not given."""
    values: dict[str, str] = {}
    for key, value in data.items():
        name = _ALIASES.get(str(key).strip().lower(), str(key).strip().lower())
        if name not in _META_FIELDS or value is None or name in values:
            continue
        if not isinstance(value, (str, int, float)):
            raise StorylineError(Code.BAD_RECORD, source,
                                 f"field {key!r} should be a string, not {type(value).__name__}")
        text = str(value).strip()
        if text:
            values[name] = text
    return SourceMeta(**values)


def sidecar_meta(path: Path) -> SourceMeta:
    """`article.txt` -> `article.meta.json` (or `article.txt.meta.json`), when present."""
    for candidate in (path.with_suffix(".meta.json"), path.with_name(path.name + ".meta.json")):
        if candidate.is_file():
            try:
                data = json.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise StorylineError(Code.BAD_METADATA, str(candidate), f"unreadable sidecar: {exc}") from exc
            if not isinstance(data, dict):
                raise StorylineError(Code.BAD_METADATA, str(candidate), "a sidecar must hold one JSON object")
            return meta_from_mapping(data, str(candidate))
    return SourceMeta()


def directory_meta(directory: Path) -> dict[str, SourceMeta]:
    """A directory's `metadata.json` (`{file name: {...}}` or a list of objects with `file`) or `metadata.csv`
    (a `file` column), keyed by file name."""
    table: dict[str, SourceMeta] = {}
    json_path, csv_path = directory / "metadata.json", directory / "metadata.csv"
    try:
        if json_path.is_file():
            data = json.loads(json_path.read_text(encoding="utf-8"))
            items = data.items() if isinstance(data, dict) else ((row.get("file"), row) for row in data)
            for name, row in items:
                if not name or not isinstance(row, dict):
                    raise StorylineError(Code.BAD_METADATA, str(json_path),
                                         "every entry needs a file name and an object")
                table[str(name)] = meta_from_mapping({k: v for k, v in row.items() if k != "file"}, str(json_path))
        elif csv_path.is_file():
            with csv_path.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle):
                    name = (row.pop("file", None) or "").strip()
                    if name:
                        table[name] = meta_from_mapping(row, str(csv_path))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, csv.Error, AttributeError) as exc:
        raise StorylineError(Code.BAD_METADATA, str(directory), f"unreadable metadata file: {exc}") from exc
    return table
