"""Reads: rows back into records. Nothing here writes."""

from __future__ import annotations

import json
import sqlite3

from storyline.records import Article, RawDocument, Removal, SourceMeta

_ARTICLE_COLUMNS = ("id, source_id, outlet, url, byline, language, title, title_derived, standfirst, published,"
                    " published_from, text, removed")


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"], source_id=row["source_id"], text=row["text"], outlet=row["outlet"], url=row["url"],
        byline=row["byline"], language=row["language"], title=row["title"],
        title_derived=bool(row["title_derived"]), published=row["published"],
        published_from=row["published_from"], standfirst=row["standfirst"],
        removed=tuple(Removal(**item) for item in json.loads(row["removed"])),
    )


def get_article(conn: sqlite3.Connection, article_id: str) -> Article | None:
    row = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None and len(article_id) >= 4:  # a unique id prefix is enough, as with git hashes
        rows = conn.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? LIMIT 2",
                            (article_id.replace("%", "").replace("_", "") + "%",)).fetchall()
        row = rows[0] if len(rows) == 1 else None
    return _article(row) if row else None


def list_articles(conn: sqlite3.Connection, limit: int | None = None, offset: int = 0) -> list[Article]:
    rows = conn.execute(
        f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset),
    ).fetchall()
    return [_article(row) for row in rows]


def count_articles(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])


def get_raw(conn: sqlite3.Connection, article_id: str) -> RawDocument | None:
    row = conn.execute("SELECT source_id, kind, name, body, raw, meta FROM raw_documents WHERE id = ?",
                       (article_id,)).fetchone()
    if row is None:
        return None
    return RawDocument(source_id=row["source_id"], kind=row["kind"], body=row["body"], raw=bytes(row["raw"]),
                       meta=SourceMeta(**json.loads(row["meta"])), name=row["name"])


def has_article(conn: sqlite3.Connection, article_id: str) -> bool:
    return conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None
