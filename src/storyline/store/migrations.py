"""Named schema migrations, applied in order, each once, each in its own transaction.

Never edit a migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_articles",
        """
        CREATE TABLE raw_documents (
            id TEXT PRIMARY KEY,            -- the article id the document cleans into
            source_id TEXT NOT NULL,
            kind TEXT NOT NULL,             -- 'text' or 'html'
            name TEXT NOT NULL,
            body TEXT NOT NULL,             -- decoded input
            raw BLOB NOT NULL,              -- exact input bytes, to recompute after an upgrade
            meta TEXT NOT NULL,             -- JSON: metadata given with the input
            received_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            id TEXT PRIMARY KEY REFERENCES raw_documents(id),
            source_id TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            byline TEXT,
            language TEXT,
            title TEXT,
            title_derived INTEGER NOT NULL DEFAULT 0,
            standfirst TEXT,
            published TEXT,
            published_from TEXT,
            text TEXT NOT NULL,
            removed TEXT NOT NULL,          -- JSON list of {text, reason}
            cleaned_by TEXT NOT NULL,       -- storyline version that made this row
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_outlet ON articles(outlet);
        CREATE TABLE ingest_failures (
            id INTEGER PRIMARY KEY,
            source_id TEXT NOT NULL,
            code TEXT NOT NULL,
            reason TEXT NOT NULL,
            at TEXT NOT NULL
        );
        """,
    ),
]
