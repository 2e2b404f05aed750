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
    (
        "0002_stories",
        """
        -- Story grouping (group/). An article and its story row commit in the article's own transaction.
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            story_id TEXT NOT NULL,
            seq INTEGER NOT NULL,           -- arrival order in the story index
            duplicate_of TEXT               -- first article of its duplicate group (exact or near copy), or null
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        CREATE INDEX story_members_seq ON story_members(seq);
        CREATE TABLE stories (
            id TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            title_from TEXT,                -- id of the article the title comes from
            entities TEXT NOT NULL,         -- JSON list of key entity names
            first_published TEXT,
            last_published TEXT,
            last_day INTEGER,               -- ordinal of the latest report date: newest activity first
            created_seq INTEGER NOT NULL,
            updated_seq INTEGER NOT NULL,
            n_articles INTEGER NOT NULL
        );
        CREATE INDEX stories_activity ON stories(last_day, updated_seq);
        -- The story index (term statistics, postings, exemplars, MinHash signatures) as of article `seq`;
        -- articles assigned after it are replayed from the articles table when the store is opened.
        CREATE TABLE story_index_snapshot (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            format INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            state BLOB NOT NULL,
            saved_at TEXT NOT NULL
        );
        """,
    ),
]
