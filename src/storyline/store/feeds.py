"""Followed feeds: their polling state (migration 0004_feeds) and the entries each has shown (0005_feed_entries).

Times are stored as ISO 8601 in UTC to the second, so that comparing the strings compares the times.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

_FEED_COLUMNS = ("url, outlet, interval_s, etag, last_modified, added_at, last_polled, last_ok, next_poll, failures,"
                 " last_error, articles_added")


@dataclass(frozen=True)
class Feed:
    """A followed feed and where its polling stands."""

    url: str
    outlet: str | None
    interval_s: int
    etag: str | None
    last_modified: str | None
    added_at: datetime
    last_polled: datetime | None
    last_ok: datetime | None
    next_poll: datetime
    failures: int  # consecutive failed polls
    last_error: str | None
    articles_added: int

    def to_dict(self) -> dict[str, object]:
        """JSON-ready (times as ISO 8601 strings)."""
        return {name: value.isoformat() if isinstance(value, datetime) else value
                for name, value in self.__dict__.items()}


@dataclass(frozen=True)
class EntryState:
    done: bool  # stored, or given up on: not read again
    attempts: int


def iso(when: datetime) -> str:
    return when.astimezone(UTC).isoformat(timespec="seconds")


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(url=row["url"], outlet=row["outlet"], interval_s=row["interval_s"], etag=row["etag"],
                last_modified=row["last_modified"], added_at=datetime.fromisoformat(row["added_at"]),
                last_polled=_time(row["last_polled"]), last_ok=_time(row["last_ok"]),
                next_poll=datetime.fromisoformat(row["next_poll"]), failures=row["failures"],
                last_error=row["last_error"], articles_added=row["articles_added"])


def add_feed(conn: sqlite3.Connection, url: str, outlet: str | None, interval_s: int, now: datetime) -> Feed:
    """Follow `url` (first poll due at once); a feed already followed keeps its state and gets the new outlet
    (when one is given) and interval."""
    conn.execute(
        "INSERT INTO feeds (url, outlet, interval_s, added_at, next_poll) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (url) DO UPDATE SET outlet = coalesce(excluded.outlet, outlet), interval_s = excluded.interval_s",
        (url, outlet, interval_s, iso(now), iso(now)),
    )
    found = get_feed(conn, url)
    assert found is not None
    return found


def get_feed(conn: sqlite3.Connection, url: str) -> Feed | None:
    row = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (url,)).fetchone()
    return _feed(row) if row else None


def list_feeds(conn: sqlite3.Connection) -> list[Feed]:
    return [_feed(row) for row in conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY added_at, url")]


def due_feeds(conn: sqlite3.Connection, now: datetime) -> list[Feed]:
    """Feeds whose next poll is at or before `now`, the longest overdue first."""
    rows = conn.execute(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE next_poll <= ? ORDER BY next_poll, url",
                        (iso(now),))
    return [_feed(row) for row in rows]


def next_poll(conn: sqlite3.Connection) -> datetime | None:
    """When the next feed is due (None when no feed is followed)."""
    return _time(conn.execute("SELECT min(next_poll) FROM feeds").fetchone()[0])


def schedule(conn: sqlite3.Connection, url: str, when: datetime) -> bool:
    """Move the next poll of `url` to `when` (False when no such feed is followed)."""
    return conn.execute("UPDATE feeds SET next_poll = ? WHERE url = ?", (iso(when), url)).rowcount > 0


def record_ok(conn: sqlite3.Connection, url: str, at: datetime, next_at: datetime, etag: str | None,
              last_modified: str | None, added: int) -> None:
    """A poll that worked (changed or not): validators for the next conditional GET, failures reset."""
    conn.execute(
        "UPDATE feeds SET last_polled = ?, last_ok = ?, next_poll = ?, etag = ?, last_modified = ?, failures = 0,"
        " last_error = NULL, articles_added = articles_added + ? WHERE url = ?",
        (iso(at), iso(at), iso(next_at), etag, last_modified, added, url),
    )


def record_failed(conn: sqlite3.Connection, url: str, at: datetime, next_at: datetime, error: str) -> None:
    """A poll that failed: one more consecutive failure, its reason, and the retry time."""
    conn.execute(
        "UPDATE feeds SET last_polled = ?, next_poll = ?, failures = failures + 1, last_error = ? WHERE url = ?",
        (iso(at), iso(next_at), error, url),
    )


def entry_states(conn: sqlite3.Connection, url: str) -> dict[str, EntryState]:
    rows = conn.execute("SELECT entry, done, attempts FROM feed_entries WHERE feed_url = ?", (url,))
    return {row["entry"]: EntryState(bool(row["done"]), row["attempts"]) for row in rows}


def record_entry(conn: sqlite3.Connection, url: str, entry: str, at: datetime, *, done: bool,
                 article_id: str | None = None, error: str | None = None) -> None:
    """One attempt at an entry: its article when it was stored (or found stored), else the error."""
    conn.execute(
        "INSERT INTO feed_entries (feed_url, entry, article_id, done, attempts, last_error, first_seen)"
        " VALUES (?, ?, ?, ?, 1, ?, ?) ON CONFLICT (feed_url, entry) DO UPDATE SET"
        " article_id = coalesce(excluded.article_id, article_id), done = excluded.done, attempts = attempts + 1,"
        " last_error = excluded.last_error",
        (url, entry, article_id, int(done), error, iso(at)),
    )


def prune_entries(conn: sqlite3.Connection, url: str, keep: set[str], seen_before: datetime) -> int:
    """Forget the entries of `url` first seen before `seen_before` that are not in `keep` (the feed's current
    entries); returns how many."""
    rows = conn.execute("SELECT entry FROM feed_entries WHERE feed_url = ? AND first_seen < ?",
                        (url, iso(seen_before))).fetchall()
    gone = [(url, row["entry"]) for row in rows if row["entry"] not in keep]
    conn.executemany("DELETE FROM feed_entries WHERE feed_url = ? AND entry = ?", gone)
    return len(gone)


def remove_feed(conn: sqlite3.Connection, url: str) -> bool:
    """Stop following `url` (its entries go with it; its articles stay). False when it was not followed."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("DELETE FROM feed_entries WHERE feed_url = ?", (url,))
        removed = conn.execute("DELETE FROM feeds WHERE url = ?", (url,)).rowcount > 0
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return removed
