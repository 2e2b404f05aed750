"""The store: idempotent ingest, one transaction per article, raw input kept, named migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from storyline.errors import StorylineError
from storyline.records import Article, IngestFailure, RawDocument, Removal, SourceMeta
from storyline.store import Store
from storyline.store.db import applied_migrations
from storyline.store.migrations import MIGRATIONS


def _doc(body: str = "Body text.", name: str = "a.txt") -> RawDocument:
    return RawDocument(source_id=f"/in/{name}", kind="text", body=body, raw=body.encode(), name=name,
                       meta=SourceMeta(outlet="Daily Example"))


def _article(article_id: str = "a1", text: str = "Body text.") -> Article:
    return Article(id=article_id, source_id="/in/a.txt", text=text, outlet="Daily Example",
                   published="2022-01-28", published_from="metadata",
                   removed=(Removal("Photograph: AFP", "photo-caption"),))


def test_same_article_twice_is_stored_once(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        assert store.add_article(_doc(), _article()) is True
        assert store.add_article(_doc(), _article()) is False
        assert store.count_articles() == 1


def test_article_round_trips_with_its_removals_and_raw_input(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.add_article(_doc("Raw bytes kept"), _article())
        got = store.get_article("a1")
        raw = store.get_raw("a1")
    assert got == _article()
    assert raw is not None and raw.raw == b"Raw bytes kept" and raw.meta.outlet == "Daily Example"


def test_store_uses_wal_and_records_named_migrations(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert applied_migrations(store.conn) == [name for name, _ in MIGRATIONS]
    # reopening applies nothing twice
    with Store(tmp_path / "s.sqlite") as store:
        assert applied_migrations(store.conn) == [name for name, _ in MIGRATIONS]


def test_a_failed_write_leaves_no_half_article(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.add_article(_doc(), _article("a1"))
        bad = _article("a2")
        object.__setattr__(bad, "text", None)  # NOT NULL violation inside the transaction
        with pytest.raises(sqlite3.IntegrityError):
            store.add_article(_doc(name="b.txt"), bad)
        assert store.count_articles() == 1
        assert store.get_raw("a2") is None  # the raw row of the failed article was rolled back too


def test_failures_are_recorded(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.record_failure(IngestFailure("x.txt", "E102", "the input is empty"))
        rows = store.conn.execute("SELECT source_id, code FROM ingest_failures").fetchall()
    assert [tuple(r) for r in rows] == [("x.txt", "E102")]


def test_unique_id_prefix_finds_the_article(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        store.add_article(_doc(), _article("a0123456789abcdef"))
        assert store.get_article("a0123") is not None
        assert store.get_article("zzzz") is None


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-db.sqlite"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorylineError, match="cannot open the store"):
        Store(path)
