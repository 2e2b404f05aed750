"""Writes. One transaction per article: a crash or a bad item never leaves half an article behind."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import asdict

from storyline import __version__
from storyline.records import Article, IngestFailure, RawDocument
from storyline.store.analyses import index_article
from storyline.store.db import now


def add_article(conn: sqlite3.Connection, doc: RawDocument, article: Article,
                then: Callable[[sqlite3.Connection], None] | None = None) -> bool:
    """Store the raw input and its article; False when the article is already stored (idempotent ingest).
    `then` runs inside the same transaction after the article rows (the story assignment commits with them)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
            conn.execute("ROLLBACK")
            return False
        stamp = now()
        conn.execute(
            "INSERT OR REPLACE INTO raw_documents (id, source_id, kind, name, body, raw, meta, received_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, doc.source_id, doc.kind, doc.name, doc.body, doc.raw,
             json.dumps(asdict(doc.meta), ensure_ascii=False), stamp),
        )
        conn.execute(
            "INSERT INTO articles (id, source_id, outlet, url, byline, language, title, title_derived, standfirst,"
            " published, published_from, text, removed, cleaned_by, ingested_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, article.source_id, article.outlet, article.url, article.byline, article.language,
             article.title, int(article.title_derived), article.standfirst, article.published,
             article.published_from, article.text,
             json.dumps([asdict(r) for r in article.removed], ensure_ascii=False), __version__, stamp),
        )
        index_article(conn, article.id, article.title, article.text)
        if then is not None:
            then(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return True


def record_failure(conn: sqlite3.Connection, failure: IngestFailure) -> None:
    conn.execute(
        "INSERT INTO ingest_failures (source_id, code, reason, at) VALUES (?, ?, ?, ?)",
        (failure.source_id, failure.code, failure.reason, now()),
    )
