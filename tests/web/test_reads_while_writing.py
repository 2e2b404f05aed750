"""Reads keep working while an ingest is writing: SQLite's WAL lets readers see the last commit while a
writer holds its lock, and no page needs the writer's lock to be shown."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import httpx


def test_pages_answer_while_a_writer_holds_the_lock(http: httpx.Client, store_path: Path) -> None:
    story = http.get("/api/stories").json()["stories"][0]
    article_id = story["articles"][0]["id"]
    http.get(f"/stories/{story['id']}")  # the synthesis is computed once, outside the measured reads
    holding, release = threading.Event(), threading.Event()

    def writer() -> None:  # an ingest in the middle of storing an article: the write lock is taken
        conn = sqlite3.connect(store_path, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO ingest_failures (source_id, code, reason, at) VALUES ('x', 'E101', 'r', 'now')")
        holding.set()
        release.wait(timeout=60)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert holding.wait(timeout=10)
        paths = ["/", "/api/stories", f"/stories/{story['id']}", f"/api/stories/{story['id']}",
                 f"/articles/{article_id}", f"/api/articles/{article_id}"]
        statuses = {path: http.get(path, timeout=8).status_code for path in paths}  # below the 10 s busy wait
        assert not release.is_set()  # every read was answered while the lock was still held
    finally:
        release.set()
        thread.join()
    assert statuses == dict.fromkeys(paths, 200)
