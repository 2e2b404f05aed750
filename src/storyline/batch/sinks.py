"""Writing the output tables: one Ray Data datasink splits each analysed row into its tables.

Each write task keeps one Parquet writer per table and appends a row group per block, so a task writes one
file per table and holds one block at a time. Every table directory ends up with at least one file (an empty
one with the table's schema when nothing was found), so that every table can be read back.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs as pafs
from ray.data.block import Block, BlockAccessor
from ray.data.datasource import Datasink, WriteResult

from storyline.batch.tables import ARTICLES, SCHEMAS, STORIES, TABLES, output_rows

# Rows the driver hands to the writer at a time (the story assignment).
WRITE_CHUNK_ROWS = 256
# Rows per Parquet row group: an article row carries its text and raw input (~10 kB), an item row ~0.5 kB;
# both give row groups of a few MB, which readers scan efficiently, held in memory until written.
ROW_GROUP_ROWS = {ARTICLES: 512}
ITEM_ROW_GROUP_ROWS = 8192
# Articles per write task: fewer, larger files than one per analyze batch (32 articles).
MIN_ROWS_PER_WRITE = 1024
PARQUET_SUFFIX = ".parquet"


@dataclass(frozen=True)
class OutputDir:
    """The output directory on its filesystem (local or any filesystem pyarrow understands)."""

    uri: str

    @classmethod
    def of(cls, where: str) -> OutputDir:
        """A URI as given; a local path made absolute (pyarrow's local filesystem wants absolute paths)."""
        return cls(where if "://" in where else os.path.abspath(where))

    def resolve(self) -> tuple[pafs.FileSystem, str]:
        if "://" in self.uri:
            filesystem, path = pafs.FileSystem.from_uri(self.uri)
            return filesystem, path.rstrip("/")
        return pafs.LocalFileSystem(), self.uri.rstrip("/")

    def table_path(self, table: str) -> str:
        return f"{self.resolve()[1]}/{table}"

    def existing_results(self) -> list[str]:
        """The tables that already hold files (a run never mixes its output with an earlier one)."""
        filesystem, root = self.resolve()
        found = []
        for table in TABLES:
            info = filesystem.get_file_info(pafs.FileSelector(f"{root}/{table}", allow_not_found=True))
            if any(i.type == pafs.FileType.File for i in info):
                found.append(table)
        return found

    def create(self) -> None:
        filesystem, root = self.resolve()
        for table in TABLES:
            filesystem.create_dir(f"{root}/{table}", recursive=True)


class TableWriter:
    """Parquet files of one write task: opened when a table gets its first rows."""

    def __init__(self, out: OutputDir, task: str) -> None:
        self.filesystem, self.root = out.resolve()
        self.task = task
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.pending: dict[str, list[dict[str, Any]]] = {}
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)

    def write(self, table: str, rows: list[dict[str, Any]]) -> None:
        pending = self.pending.setdefault(table, [])
        pending.extend(rows)
        self.counts[table] += len(rows)
        if len(pending) >= ROW_GROUP_ROWS.get(table, ITEM_ROW_GROUP_ROWS):
            self._flush(table)

    def _flush(self, table: str) -> None:
        rows = self.pending.pop(table, [])
        if not rows:
            return
        if table not in self.writers:
            path = f"{self.root}/{table}/part-{self.task}{PARQUET_SUFFIX}"
            self.writers[table] = pq.ParquetWriter(path, SCHEMAS[table], filesystem=self.filesystem)
        self.writers[table].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[table]))

    def close(self, flush: bool = True) -> dict[str, int]:
        if flush:
            for table in list(self.pending):
                self._flush(table)
        for writer in self.writers.values():
            writer.close()
        self.writers.clear()
        return self.counts


class TablesDatasink(Datasink[dict[str, int]]):
    """Analysed stage rows -> articles/, the item tables and errors/. Each task returns its row counts."""

    def __init__(self, out: OutputDir) -> None:
        self.out = out
        self.counts: dict[str, int] = dict.fromkeys(TABLES, 0)

    @property
    def min_rows_per_write(self) -> int:
        return MIN_ROWS_PER_WRITE

    def write(self, blocks: Iterable[Block], ctx: Any) -> dict[str, int]:
        writer = TableWriter(self.out, f"{ctx.task_idx:05d}-{uuid.uuid4().hex[:8]}")
        written = False
        try:
            for block in blocks:
                rows: Iterable[Any] = BlockAccessor.for_block(block).iter_rows(public_row_format=True)
                for row in rows:
                    for table, out_rows in output_rows(dict(row)).items():
                        writer.write(table, out_rows)
            written = True
        finally:
            counts = writer.close(flush=written)  # a failed task leaves no half-filled row group behind
        return counts

    def on_write_complete(self, write_result: WriteResult[dict[str, int]]) -> None:
        for counts in write_result.write_returns:
            for table, count in counts.items():
                self.counts[table] += count
        complete_tables(self.out, exclude=(STORIES,))


def complete_tables(out: OutputDir, exclude: tuple[str, ...] = ()) -> None:
    """An empty file with the schema in each table directory that has no file yet."""
    filesystem, root = out.resolve()
    for table in (t for t in TABLES if t not in exclude):
        selector = pafs.FileSelector(f"{root}/{table}", allow_not_found=True)
        if not any(i.type == pafs.FileType.File for i in filesystem.get_file_info(selector)):
            filesystem.create_dir(f"{root}/{table}", recursive=True)
            pq.write_table(SCHEMAS[table].empty_table(), f"{root}/{table}/part-empty{PARQUET_SUFFIX}",
                           filesystem=filesystem)


def write_rows(out: OutputDir, table: str, rows: Iterable[dict[str, Any]], name: str) -> int:
    """Rows written by the driver (the story assignment), a chunk at a time."""
    writer = TableWriter(out, name)
    written = False
    try:
        for chunk in _chunks(iter(rows)):
            writer.write(table, chunk)
        written = True
    finally:
        counts = writer.close(flush=written)
    return counts[table]


def _chunks(rows: Iterator[Any]) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= WRITE_CHUNK_ROWS:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
