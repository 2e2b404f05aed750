"""Story assignment after the distributed analysis: the articles of a run filed into one StoryIndex on the
driver, in a deterministic order (publication date, then id; undated last), written to `stories/`.

Grouping is sequential by nature (each article joins the stories filed before it), so it runs on the driver,
reading `articles/` back with pyarrow. The order comes from an external sort: runs of RUN_ROWS articles
sorted in memory and spilled to a scratch directory, then merged; the driver holds one run while sorting and
one row group per run while merging, whatever the number of articles. Only the columns grouping reads are
loaded.
"""

from __future__ import annotations

import heapq
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from storyline.batch.sinks import OutputDir, write_rows
from storyline.batch.tables import ARTICLES, STORIES
from storyline.group import StoryIndex, group_articles
from storyline.records import Article

# Articles sorted in memory at a time (about 3 kB of text each: ~60 MB); more spill to sorted runs on disk.
RUN_ROWS = 20_000
# Articles handed to group_articles at a time, and rows per row group of a spilled run.
CHUNK_ROWS = 512
COLUMNS = ["id", "source_id", "title", "published", "text"]
# (column, order, where nulls go): per-key null placement needs pyarrow >= 25.
SORT_KEYS = [("published", "ascending", "at_end"), ("id", "ascending", "at_end")]


def story_order(article: Article) -> tuple[bool, str, str]:
    """The order articles are filed into stories in a batch run: by publication date, then id, undated last.
    (The single-process path files them in arrival order, which a distributed job does not have.)"""
    return (article.published is None, article.published or "", article.id)


def assign_stories(out: OutputDir) -> int:
    """Stories of the articles in `out`/articles/, filed in story_order, written to `out`/stories/."""
    index = StoryIndex()
    for chunk in articles_in_story_order(out):
        group_articles(chunk, index)  # one chunk of texts alive at a time; the index keeps what it needs
    return write_rows(out, STORIES, _assignments(index), "driver")


def _assignments(index: StoryIndex) -> Iterator[dict[str, Any]]:
    """One row per article, in filing order; stories merged later are resolved to the surviving id."""
    for entry in index.entries.values():
        yield {"article_id": entry.id, "story_id": index.story_of(entry.id), "duplicate_of": entry.duplicate_of,
               "position": entry.seq}


def articles_in_story_order(out: OutputDir) -> Iterator[list[Article]]:
    filesystem, _ = out.resolve()
    dataset = pads.dataset(out.table_path(ARTICLES), filesystem=filesystem, format="parquet")
    scratch = Path(tempfile.mkdtemp(prefix="storyline-sort-"))
    try:
        runs = _sorted_runs(dataset, scratch)
        rows = runs[0] if len(runs) == 1 else heapq.merge(*runs, key=_row_key)
        chunk: list[Article] = []
        for row in rows:
            chunk.append(Article(id=row["id"], source_id=row["source_id"], text=row["text"], title=row["title"],
                                 published=row["published"]))
            if len(chunk) >= CHUNK_ROWS:
                yield chunk
                chunk = []
        if chunk:
            yield chunk
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _sorted_runs(dataset: pads.Dataset, scratch: Path) -> list[Iterator[dict[str, Any]]]:
    """One in-memory run when everything fits in RUN_ROWS; else sorted runs spilled to `scratch`."""
    runs: list[Path] = []
    pending: list[pa.RecordBatch] = []
    size = 0
    for batch in dataset.to_batches(columns=COLUMNS, batch_size=CHUNK_ROWS):
        pending.append(batch)
        size += batch.num_rows
        if size >= RUN_ROWS:
            runs.append(_spill(_sort(pending), scratch / f"run-{len(runs):05d}.parquet"))
            pending, size = [], 0
    if not runs:
        return [_rows(_sort(pending))]
    if pending:
        runs.append(_spill(_sort(pending), scratch / f"run-{len(runs):05d}.parquet"))
    return [_rows_of_file(path) for path in runs]


def _sort(batches: list[pa.RecordBatch]) -> pa.Table:
    schema = pa.schema([(name, pa.string()) for name in COLUMNS])
    table = pa.Table.from_batches(batches, schema=schema) if batches else schema.empty_table()
    return table.sort_by(SORT_KEYS)


def _spill(table: pa.Table, path: Path) -> Path:
    pq.write_table(table, path, row_group_size=CHUNK_ROWS)
    return path


def _rows(table: pa.Table) -> Iterator[dict[str, Any]]:
    for batch in table.to_batches(max_chunksize=CHUNK_ROWS):
        yield from batch.to_pylist()


def _rows_of_file(path: Path) -> Iterator[dict[str, Any]]:
    for batch in pq.ParquetFile(path).iter_batches(batch_size=CHUNK_ROWS):
        yield from batch.to_pylist()


def _row_key(row: dict[str, Any]) -> tuple[bool, str, str]:
    published = row["published"]
    return (published is None, published or "", row["id"])
