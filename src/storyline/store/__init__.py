"""The store: the only package that talks SQL. Reads and writes live in their own modules."""

from __future__ import annotations

from pathlib import Path

from storyline.records import Article, IngestFailure, RawDocument
from storyline.store import reads, writes
from storyline.store.db import connect

__all__ = ["Store"]


class Store:
    """One SQLite file (WAL mode, one writer). Use as a context manager or call close()."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # writes
    def add_article(self, doc: RawDocument, article: Article) -> bool:
        return writes.add_article(self.conn, doc, article)

    def record_failure(self, failure: IngestFailure) -> None:
        writes.record_failure(self.conn, failure)

    # reads
    def has_article(self, article_id: str) -> bool:
        return reads.has_article(self.conn, article_id)

    def get_article(self, article_id: str) -> Article | None:
        return reads.get_article(self.conn, article_id)

    def list_articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        return reads.list_articles(self.conn, limit=limit, offset=offset)

    def count_articles(self) -> int:
        return reads.count_articles(self.conn)

    def get_raw(self, article_id: str) -> RawDocument | None:
        return reads.get_raw(self.conn, article_id)
