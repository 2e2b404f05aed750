"""Stories in the store: membership and story rows written with each article, the index snapshot, listing.

The story index (group.StoryIndex) lives in memory while a store is open. What survives a restart:
- `story_members` and `stories` rows, written in the article's own transaction (an article and its story
  assignment commit together, so a killed ingest leaves both or neither);
- a snapshot of the whole index (`story_index_snapshot`), saved now and then and when the store closes.
Opening the index loads the snapshot and replays, in arrival order, every article assigned after it (or
never assigned: stored before stories existed, or by a path that does not group); the replay is the same
computation in the same order, so it ends in the same state as a process that never stopped.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from storyline.group.labels import Member, StoryLabel, headline_of_text, label, record
from storyline.group.state import STATE_FORMAT, dump_state, load_state
from storyline.group.stories import Assignment, StoryIndex
from storyline.records import Article
from storyline.store.db import now
from storyline.store.reads import get_article

# The lead needed for a headline when an article has no title (labels.TITLE_CHARS plus slack).
_LEAD_CHARS = 2000
# A story's `new_articles` / `new_outlets` count what was stored in this window before now ("since yesterday").
NEW_WINDOW = timedelta(hours=24)


class StaleIndexError(RuntimeError):
    """Another writer assigned articles since this index was loaded: reload it before assigning."""


def snapshot_seq(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT seq FROM story_index_snapshot WHERE id = 1 AND format = ?", (STATE_FORMAT,)).fetchone()
    return int(row[0]) if row else 0


def save_snapshot(conn: sqlite3.Connection, index: StoryIndex) -> None:
    blob = dump_state(index)
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("INSERT OR REPLACE INTO story_index_snapshot (id, format, seq, state, saved_at)"
                     " VALUES (1, ?, ?, ?, ?)", (STATE_FORMAT, index.seq, blob, now()))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _pending(conn: sqlite3.Connection, after_seq: int) -> list[str]:
    """Ids of the articles the snapshot does not hold, in arrival order (never-assigned ones last)."""
    rows = conn.execute(
        "SELECT a.id FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
        " WHERE m.seq IS NULL OR m.seq > ? ORDER BY m.seq IS NULL, m.seq, a.rowid", (after_seq,)).fetchall()
    return [r[0] for r in rows]


def pending_count(conn: sqlite3.Connection) -> int:
    """Articles stored but not assigned to a story (cheap check before listing)."""
    row = conn.execute("SELECT count(*) FROM articles a LEFT JOIN story_members m ON m.article_id = a.id"
                       " WHERE m.article_id IS NULL").fetchone()
    return int(row[0])


def load_index(conn: sqlite3.Connection) -> StoryIndex:
    """The story index as of the last stored article: snapshot plus replay of what came after."""
    row = conn.execute("SELECT state FROM story_index_snapshot WHERE id = 1 AND format = ?",
                       (STATE_FORMAT,)).fetchone()
    index = (load_state(bytes(row[0])) if row else None) or StoryIndex()
    for article_id in _pending(conn, index.seq):
        article = get_article(conn, article_id)
        if article is None:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            write_assignment(conn, index, index.assign(article.id, article.text, article.title, article.published))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return index


def assign_in_transaction(index: StoryIndex, article: Article) -> Callable[[sqlite3.Connection], None]:
    """The step `writes.add_article` runs inside the article's transaction: assign it and write the rows."""

    def step(conn: sqlite3.Connection) -> None:
        latest = conn.execute("SELECT coalesce(max(seq), 0) FROM story_members").fetchone()[0]
        if latest > index.seq:
            raise StaleIndexError(f"the store has story assignments up to {latest}, this index {index.seq}")
        write_assignment(conn, index, index.assign(article.id, article.text, article.title, article.published))

    return step


def _has_title(conn: sqlite3.Connection, article_id: str) -> bool:
    row = conn.execute("SELECT coalesce(trim(title), '') != '' FROM articles WHERE id = ?", (article_id,)).fetchone()
    return bool(row and row[0])


def _headline(conn: sqlite3.Connection, article_id: str) -> str:
    row = conn.execute("SELECT title, substr(text, 1, ?) FROM articles WHERE id = ?",
                       (_LEAD_CHARS, article_id)).fetchone()
    return headline_of_text(row[0], row[1]) if row else article_id


def write_assignment(conn: sqlite3.Connection, index: StoryIndex, done: Assignment) -> None:
    """Membership of the article, merged stories folded in, and the story's row (label, dates, counts)."""
    conn.execute(
        "INSERT INTO story_members (article_id, story_id, seq, duplicate_of) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(article_id) DO UPDATE SET story_id = excluded.story_id, seq = excluded.seq,"
        " duplicate_of = excluded.duplicate_of",
        (done.article_id, done.story, done.seq, done.duplicate_of),
    )
    for merged in done.merged:
        conn.execute("UPDATE story_members SET story_id = ? WHERE story_id = ?", (done.story, merged))
        conn.execute("DELETE FROM stories WHERE id = ?", (merged,))
    story = index.stories[done.story]
    lab: StoryLabel = label(index, done.story, lambda aid: _headline(conn, aid), lambda aid: _has_title(conn, aid))
    conn.execute(
        "INSERT INTO stories (id, title, title_from, entities, first_published, last_published, last_day,"
        " created_seq, updated_seq, n_articles) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET title = excluded.title, title_from = excluded.title_from,"
        " entities = excluded.entities, first_published = excluded.first_published,"
        " last_published = excluded.last_published, last_day = excluded.last_day,"
        " updated_seq = excluded.updated_seq, n_articles = excluded.n_articles",
        (done.story, lab.title, lab.central, json.dumps(list(lab.entities), ensure_ascii=False), lab.first,
         lab.last, story.last_day, story.created, story.updated, len(story.members)),
    )


def story_of(conn: sqlite3.Connection, article_id: str) -> str | None:
    row = conn.execute("SELECT story_id FROM story_members WHERE article_id = ?", (article_id,)).fetchone()
    return row[0] if row else None


def count_stories(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM stories").fetchone()[0])


_STORY_COLUMNS = "id, title, title_from, entities, first_published, last_published"


def list_stories(conn: sqlite3.Connection, limit: int | None = None, offset: int = 0,
                 since: datetime | None = None) -> list[dict[str, Any]]:
    """Stories in the JSON contract's shape, newest activity first (latest report date, then latest arrival);
    `new_articles` / `new_outlets` count the articles stored since `since` (default: `NEW_WINDOW` ago)."""
    rows = conn.execute(
        f"SELECT {_STORY_COLUMNS} FROM stories"
        " ORDER BY coalesce(last_day, 0) DESC, updated_seq DESC, id LIMIT ? OFFSET ?",
        (-1 if limit is None else limit, offset)).fetchall()
    return [_story(conn, row, since) for row in rows]


def get_story(conn: sqlite3.Connection, story_id: str, since: datetime | None = None) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    return _story(conn, row, since) if row else None


def _story(conn: sqlite3.Connection, row: sqlite3.Row, since: datetime | None = None) -> dict[str, Any]:
    rows = conn.execute(
        "SELECT m.article_id, m.seq, m.duplicate_of, a.source_id, a.outlet, a.published, a.ingested_at"
        " FROM story_members m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?", (row["id"],)).fetchall()
    members = [Member(m["article_id"], m["source_id"], m["outlet"], m["published"], m["seq"],
                      m["duplicate_of"] or m["article_id"]) for m in rows]
    lab = StoryLabel(row["title"], row["title_from"], tuple(json.loads(row["entities"])),
                     row["first_published"], row["last_published"])
    return {**record(row["id"], lab, members), **_new_since(rows, since)}


def _stored_at(value: str | None) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(value) if value else None
    except ValueError:
        return None
    return stamp.replace(tzinfo=UTC) if stamp is not None and stamp.tzinfo is None else stamp


def _new_since(rows: Sequence[sqlite3.Row], since: datetime | None) -> dict[str, Any]:
    """`new_articles`: members stored at or after `since`; `new_outlets`: outlets only those new ones carry."""
    cutoff = since if since is not None else datetime.now(UTC) - NEW_WINDOW
    cutoff = cutoff.replace(tzinfo=UTC) if cutoff.tzinfo is None else cutoff
    new, old = [], []
    for m in rows:
        stamp = _stored_at(m["ingested_at"])
        (new if stamp is not None and stamp >= cutoff else old).append(m)
    known = {m["outlet"] for m in old}
    return {"new_articles": len(new), "new_outlets": sorted({m["outlet"] for m in new if m["outlet"]} - known)}
