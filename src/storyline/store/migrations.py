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
    (
        "0003_analyses",
        """
        -- The analysis of each article (pipeline.analyze_articles), cached: recomputed only when the analyzer
        -- (its code fingerprint) or the analysed input (text and publication date) changed.
        CREATE TABLE analyses (
            article_id TEXT PRIMARY KEY REFERENCES articles(id),
            analyzer TEXT NOT NULL,         -- fingerprint of analysis code + model (pipeline.analyzer_fingerprint)
            input_hash TEXT NOT NULL,       -- hash of the analysed text and publication date
            result BLOB NOT NULL,           -- zlib-compressed JSON: the contract's analysis fields
            analyzed_at TEXT NOT NULL
        );
        -- Who appears where: one row per canonical name per article (person and organisation pages).
        CREATE TABLE mentions (
            article_id TEXT NOT NULL REFERENCES articles(id),
            name TEXT NOT NULL,             -- canonical name in the article
            label TEXT NOT NULL,            -- PERSON, ORG, GPE, NORP, ...
            variants TEXT NOT NULL,         -- JSON list of the surface forms in the article
            mentions INTEGER NOT NULL,
            quotes INTEGER NOT NULL,        -- quotes the article gives to this name
            first_start INTEGER NOT NULL,   -- span of the first mention
            first_end INTEGER NOT NULL,
            PRIMARY KEY (article_id, name, label)
        );
        CREATE INDEX mentions_name ON mentions(name);
        -- Full-text search over articles (title, text), quotes (speaker, words) and names (name, variants).
        CREATE VIRTUAL TABLE search USING fts5(
            title, body, kind UNINDEXED, article_id UNINDEXED, span_start UNINDEXED, span_end UNINDEXED,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        INSERT INTO search (title, body, kind, article_id, span_start, span_end)
            SELECT coalesce(title, ''), text, 'article', id, 0, length(text) FROM articles;
        """,
    ),
    (
        "0004_feeds",
        """
        -- Feeds followed by `storyline watch` and the web app: polling state, HTTP validators and back-off.
        CREATE TABLE feeds (
            url TEXT PRIMARY KEY,
            outlet TEXT,                    -- given outlet name, or null (taken from the feed)
            interval_s INTEGER NOT NULL,    -- seconds between polls when all is well
            etag TEXT,                      -- validators of the last 200 response (conditional GET)
            last_modified TEXT,
            added_at TEXT NOT NULL,
            last_polled TEXT,
            last_ok TEXT,
            next_poll TEXT NOT NULL,        -- ISO time of the next poll (back-off pushes it later)
            failures INTEGER NOT NULL DEFAULT 0,  -- consecutive failed polls
            last_error TEXT,
            articles_added INTEGER NOT NULL DEFAULT 0
        );
        """,
    ),
    (
        "0005_feed_entries",
        """
        -- The entries each followed feed has shown (by entry source id: link, else guid), so that an entry whose
        -- page must be fetched is fetched once, not at every poll. An entry is `done` once stored (or found
        -- stored) or once it failed too often; until then it is retried at the next poll.
        CREATE TABLE feed_entries (
            feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
            entry TEXT NOT NULL,
            article_id TEXT,                -- the stored article, or null while the entry fails
            done INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            first_seen TEXT NOT NULL,
            PRIMARY KEY (feed_url, entry)
        );
        """,
    ),
    (
        "0006_syntheses",
        """
        -- The last synthesis of each story (synthesize.story), shared by every process reading the store (the
        -- web app's server processes, the CLI): reused while the story's members and the code are unchanged.
        CREATE TABLE syntheses (
            story_id TEXT PRIMARY KEY,
            made_from TEXT NOT NULL,        -- hash of the member ids, the analyzer and the synthesis code
            members TEXT NOT NULL,          -- JSON list of the member ids it was made from
            result BLOB NOT NULL,           -- zlib-compressed JSON: the filled story
            made_at TEXT NOT NULL
        );
        """,
    ),
    (
        "0007_search_rows",
        """
        -- The search index's rows derived from an analysis (names, quotes), by article: the index's own
        -- article_id column is UNINDEXED, so replacing an article's rows by it scanned the whole index (a cost
        -- per saved analysis that grew with the store).
        CREATE TABLE search_rows (
            rowid INTEGER PRIMARY KEY,      -- the row's rowid in `search`
            article_id TEXT NOT NULL
        );
        CREATE INDEX search_rows_article ON search_rows(article_id);
        INSERT INTO search_rows (rowid, article_id) SELECT rowid, article_id FROM search WHERE kind != 'article';
        """,
    ),
]
