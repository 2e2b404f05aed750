"""Reading a batch run's tables back: into the store (`storyline load`), or as contract records.

Reading streams the Parquet files a batch of rows at a time (pyarrow, no Ray needed), so loading a run of
any size holds one batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow.dataset as pads
from pyarrow import fs as pafs

from storyline.batch.sinks import OutputDir
from storyline.batch.tables import (
    ARTICLES,
    ERRORS,
    ITEM_TABLES,
    SCHEMAS,
    article_from_row,
    document_from_row,
    failure_from_row,
)
from storyline.contract import article_record
from storyline.errors import Code, StorylineError
from storyline.records import IngestFailure
from storyline.store import Store

# Rows read at a time: one batch of articles (text and raw bytes) in memory while loading.
READ_BATCH_ROWS = 256


@dataclass
class LoadReport:
    stored: int = 0
    already: int = 0
    failed: list[IngestFailure] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.stored} stored, {self.already} already stored, {len(self.failed)} failed items recorded"


def iter_rows(out_dir: str, table: str, columns: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of one table of a batch run, streamed."""
    out = OutputDir.of(out_dir)
    filesystem, _ = out.resolve()
    path = out.table_path(table)
    if filesystem.get_file_info(path).type != pafs.FileType.Directory:
        raise StorylineError(Code.NOT_FOUND, out_dir, f"no {table}/ table here: is this a `storyline batch` "
                             "output directory?")
    dataset = pads.dataset(path, filesystem=filesystem, format="parquet", schema=SCHEMAS[table])
    for batch in dataset.to_batches(columns=columns, batch_size=READ_BATCH_ROWS):
        yield from batch.to_pylist()


def load_results(out_dir: str, store: Store) -> LoadReport:
    """Articles of a batch run into the store (each in its own transaction, as `storyline ingest` stores them),
    and its failed items into the store's failure log."""
    report = LoadReport()
    for row in iter_rows(out_dir, ARTICLES):
        if store.add_article(document_from_row(row), article_from_row(row)):
            report.stored += 1
        else:
            report.already += 1
    for row in iter_rows(out_dir, ERRORS):
        failure = failure_from_row(row)
        store.record_failure(failure)
        report.failed.append(failure)
    return report


def read_records(out_dir: str) -> dict[str, dict[str, Any]]:
    """Every article of a run as its JSON contract object, by id. Holds the whole run: for tests and small
    runs, not for a crawl."""
    analyses: dict[str, dict[str, list[tuple[int, Any]]]] = {}
    for table in ITEM_TABLES:
        for row in iter_rows(out_dir, table, ["article_id", "n", "item"]):
            analyses.setdefault(row["article_id"], {}).setdefault(table, []).append((row["n"], json.loads(row["item"])))
    records: dict[str, dict[str, Any]] = {}
    for row in iter_rows(out_dir, ARTICLES):
        found = analyses.get(row["id"], {})
        analysis: dict[str, list[Any]] = {name: [item for _, item in sorted(items, key=lambda x: x[0])]
                                          for name, items in found.items()}
        analysis.update(json.loads(row["analysis_extra"] or "{}"))
        records[row["id"]] = article_record(article_from_row(row), analysis)
    return records
