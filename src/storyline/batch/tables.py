"""The Parquet tables of a batch run, and the rows that flow between the stages of the job.

Output, one dataset (a directory of Parquet files) per table under the output directory:
- `articles/`: one row per article: the contract fields, plus what rebuilds its RawDocument (`doc_*`, `raw`)
  so that `storyline load` can store it exactly as `storyline ingest` would;
- `entities/`, `quotes/`, `times/`, `figures/`, `events/`: one row per item, with its `article_id` and its
  position `n` in the article's list; typed columns for querying, and `item`, the item's JSON object exactly
  as the contract prints it (the source of truth, so that fields added by the analysis stages are never lost);
- `stories/`: one row per article: its story and the article it is a copy of;
- `errors/`: one row per failed input item: the item, the stage, the error code and the reason.

Fields not declared here are not dropped: Article fields go to `article_extra`, analysis fields without a
table to `analysis_extra` (both JSON objects).
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from storyline.contract import SCHEMA_VERSION
from storyline.records import Article, IngestFailure, RawDocument, Removal, SourceMeta

ARTICLES, STORIES, ERRORS = "articles", "stories", "errors"
STRING, FLOAT = pa.string(), pa.float64()

# Rows between the stages (read+clean -> analyze -> sink). An error row has `code`; an article row `article`.
STAGE_SCHEMA = pa.schema([
    ("source_id", STRING), ("stage", STRING), ("code", STRING), ("reason", STRING),
    ("article", STRING),  # JSON of Article.to_dict()
    ("doc", STRING),  # JSON of the RawDocument without `raw`
    ("raw", pa.binary()),
    ("analysis", STRING),  # JSON of the analysis fields, after the analyze stage
])

# Item tables: the contract's analysis field -> its typed columns (the whole item is in `item`).
ITEM_COLUMNS: dict[str, dict[str, pa.DataType]] = {
    "entities": {"label": STRING, "canonical": STRING},
    "times": {"value": STRING, "grain": STRING},
    "quotes": {"kind": STRING, "cue": STRING, "speaker": STRING},
    "figures": {"value": FLOAT, "unit": STRING, "subject": STRING, "qualifier": STRING},
    "events": {"date": STRING, "type": STRING, "mode": STRING, "actor": STRING, "recipient": STRING,
               "score": FLOAT},
}
ITEM_TABLES = tuple(ITEM_COLUMNS)
_ITEM_BASE = [("article_id", STRING), ("n", pa.int32()), ("start", pa.int64()), ("end", pa.int64()),
              ("text", STRING)]

_REMOVED = pa.list_(pa.struct([("text", STRING), ("reason", STRING)]))
# Article fields with a column of their own; any other Article field goes to `article_extra`.
ARTICLE_FIELDS: dict[str, pa.DataType] = {
    "id": STRING, "source_id": STRING, "outlet": STRING, "url": STRING, "byline": STRING, "language": STRING,
    "title": STRING, "title_derived": pa.bool_(), "standfirst": STRING, "published": STRING,
    "published_from": STRING, "text": STRING, "removed": _REMOVED,
}
_DOC_FIELDS: list[tuple[str, pa.DataType]] = [
    ("doc_source_id", STRING), ("doc_kind", STRING), ("doc_name", STRING), ("doc_body", STRING),
    ("doc_meta", STRING), ("raw", pa.binary()),
]

SCHEMAS: dict[str, pa.Schema] = {
    ARTICLES: pa.schema([("schema", pa.int32()), *ARTICLE_FIELDS.items(), ("article_extra", STRING),
                         ("analysis_extra", STRING), *_DOC_FIELDS]),
    **{name: pa.schema([*_ITEM_BASE, *columns.items(), ("item", STRING)]) for name, columns in ITEM_COLUMNS.items()},
    STORIES: pa.schema([("article_id", STRING), ("story_id", STRING), ("duplicate_of", STRING),
                        ("position", pa.int64())]),
    ERRORS: pa.schema([("source_id", STRING), ("stage", STRING), ("code", STRING), ("reason", STRING)]),
}
TABLES = tuple(SCHEMAS)

if TYPE_CHECKING:
    from storyline.pipeline import Cleaned


# --- stage rows ---------------------------------------------------------------------------------------------

def cleaned_row(item: Cleaned) -> dict[str, Any]:
    doc = item.doc
    doc_json = {"source_id": doc.source_id, "kind": doc.kind, "name": doc.name, "body": doc.body,
                "meta": asdict(doc.meta)}
    return {"source_id": doc.source_id, "article": _dumps(item.article.to_dict()), "doc": _dumps(doc_json),
            "raw": doc.raw}


def error_row(failure: IngestFailure, stage: str) -> dict[str, Any]:
    return {"source_id": failure.source_id, "stage": stage, "code": failure.code, "reason": failure.reason}


def stage_table(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=STAGE_SCHEMA)


def article_of(row: dict[str, Any]) -> Article:
    return article_from_dict(json.loads(row["article"]))


def article_from_dict(data: dict[str, Any]) -> Article:
    known = {f.name for f in fields(Article)}
    values = {k: v for k, v in data.items() if k in known}
    values["removed"] = tuple(Removal(**r) for r in values.get("removed") or ())
    return Article(**values)


# --- output rows --------------------------------------------------------------------------------------------

def output_rows(row: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """One stage row -> its rows in each output table."""
    if row.get("code") is not None:
        return {ERRORS: [{name: row.get(name) for name in SCHEMAS[ERRORS].names}]}
    article = json.loads(row["article"])
    analysis: dict[str, Any] = json.loads(row["analysis"] or "{}")
    doc = json.loads(row["doc"])
    extra_article = {k: v for k, v in article.items() if k not in ARTICLE_FIELDS}
    extra_analysis = {k: v for k, v in analysis.items() if k not in ITEM_COLUMNS}
    tables: dict[str, list[dict[str, Any]]] = {ARTICLES: [{
        "schema": SCHEMA_VERSION, **{k: article.get(k) for k in ARTICLE_FIELDS},
        "article_extra": _dumps(extra_article) if extra_article else None,
        "analysis_extra": _dumps(extra_analysis) if extra_analysis else None,
        "doc_source_id": doc["source_id"], "doc_kind": doc["kind"], "doc_name": doc["name"],
        "doc_body": doc["body"], "doc_meta": _dumps(doc["meta"]), "raw": row["raw"],
    }]}
    for name, columns in ITEM_COLUMNS.items():
        tables[name] = [_item_row(article["id"], n, item, columns) for n, item in enumerate(analysis.get(name, []))]
    return tables


def _item_row(article_id: str, n: int, item: dict[str, Any], columns: dict[str, pa.DataType]) -> dict[str, Any]:
    row: dict[str, Any] = {"article_id": article_id, "n": n, "start": _int(item.get("start")),
                           "end": _int(item.get("end")), "text": _str(item.get("text"))}
    for column, kind in columns.items():
        row[column] = _float(item.get(column)) if kind == FLOAT else _str(item.get(column))
    row["item"] = _dumps(item)
    return row


# --- back from the tables -----------------------------------------------------------------------------------

def article_from_row(row: dict[str, Any]) -> Article:
    data = {k: row[k] for k in ARTICLE_FIELDS}
    data.update(json.loads(row["article_extra"] or "{}"))
    return article_from_dict(data)


def document_from_row(row: dict[str, Any]) -> RawDocument:
    meta = json.loads(row["doc_meta"] or "{}")
    known = {f.name for f in fields(SourceMeta)}
    return RawDocument(source_id=row["doc_source_id"], kind=row["doc_kind"], body=row["doc_body"],
                       raw=row["raw"] or b"", meta=SourceMeta(**{k: v for k, v in meta.items() if k in known}),
                       name=row["doc_name"] or "")


def failure_from_row(row: dict[str, Any]) -> IngestFailure:
    return IngestFailure(row["source_id"], row["code"], row["reason"])


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _str(value: object) -> str | None:
    """A typed column's text: strings as they are, a named object (a speaker, an actor) by its name."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return str(value["name"])
    return _dumps(value)


def _float(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
