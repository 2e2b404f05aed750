"""Stories in a real SQLite store: incremental across runs, idempotent, transactional, listed newest first."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli.app import app
from storyline.group import StoryIndex, group_articles
from storyline.records import Article, RawDocument, SourceMeta
from storyline.store import Store, stories

# A flood story over five days (each report shares names with the day before) and an unrelated concert.
FLOOD = [
    ("Heavy rain floods the Orvale valley", "Heavy rain flooded villages in the Orvale valley overnight. The river "
     "Sennet burst its banks at Brückhof and hundreds of residents were moved to the Brückhof sports hall."),
    ("Orvale dam under strain as Sennet rises", "Engineers watched the Kessel dam on the river Sennet as water "
     "kept rising after the Orvale valley floods. Residents of Brückhof stayed in the sports hall overnight."),
    ("Kessel dam spillway opened", "Operators opened the Kessel dam spillway to relieve pressure on the Sennet. "
     "Governor Marta Lindqvist visited the dam and promised emergency funds for the valley."),
    ("Lindqvist announces flood fund", "Governor Marta Lindqvist announced a 40 million flood fund and said "
     "the Kessel dam had held. Insurers began sending assessors to damaged farms."),
]
CONCERT = ("Tallis quartet opens the Meridian season", "The Tallis quartet opened the autumn season at the "
           "Meridian hall with three new works by young composers, and the audience called them back for two encores.")


def _article(k: int, title: str, body: str, day: int) -> tuple[RawDocument, Article]:
    aid = f"a{k:04d}"
    text = f"{title}\n\n{body}"
    doc = RawDocument(source_id=f"/in/{aid}.txt", kind="text", body=text, raw=text.encode(), name=f"{aid}.txt",
                      meta=SourceMeta())
    return doc, Article(id=aid, source_id=doc.source_id, text=body, title=title, outlet=f"Outlet {k % 2}",
                        published=f"2023-06-{10 + day:02d}")


def _flood() -> list[tuple[RawDocument, Article]]:
    return [_article(k, t, b, k) for k, (t, b) in enumerate(FLOOD)]


def _partition(store: Store) -> set[frozenset[str]]:
    return {frozenset(a["id"] for a in s["articles"]) for s in store.list_stories()}


def test_a_second_batch_in_a_second_run_joins_the_first_runs_story(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    items = _flood()
    with Store(db) as store:
        for doc, art in items[:2]:
            assert store.add_article(doc, art, group=True)
    with Store(db) as store:  # a new process: the index comes back from the snapshot
        for doc, art in items[2:]:
            assert store.add_article(doc, art, group=True)
        concert = _article(9, *CONCERT, 1)
        store.add_article(*concert, group=True)
        assert _partition(store) == {frozenset(a.id for _, a in items), frozenset({"a0009"})}
        assert store.count_stories() == 2
        assert len({store.story_of(a.id) for _, a in items}) == 1


def test_reingest_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    with Store(db) as store:
        for doc, art in _flood():
            store.add_article(doc, art, group=True)
        before = store.list_stories()
    with Store(db) as store:
        assert not any(store.add_article(doc, art, group=True) for doc, art in _flood())
        assert store.list_stories() == before
        assert store.conn.execute("SELECT count(*) FROM story_members").fetchone()[0] == len(FLOOD)


def test_a_killed_run_is_replayed_to_the_same_stories_as_an_uninterrupted_one(tmp_path: Path) -> None:
    items = [*_flood(), _article(9, *CONCERT, 1)]
    whole, _ = group_articles(a for _, a in items)
    expected = {frozenset(s.members) for s in whole.stories.values()}
    db = tmp_path / "s.sqlite"
    store = Store(db)
    for doc, art in items[:3]:
        store.add_article(doc, art, group=True)
    store.conn.close()  # killed: no snapshot was saved, only the per-article rows
    with Store(db) as store:
        assert store.story_index().seq == 3  # replayed from the articles table
        for doc, art in items[3:]:
            store.add_article(doc, art, group=True)
        assert _partition(store) == expected


def test_articles_stored_without_grouping_are_assigned_when_stories_are_listed(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        for doc, art in _flood():
            store.add_article(doc, art)  # e.g. stored before stories existed
        assert store.count_stories() == 0
        assert _partition(store) == {frozenset(a.id for _, a in _flood())}


def test_an_article_and_its_story_assignment_commit_together(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc, art = _flood()[0]
    with Store(tmp_path / "s.sqlite") as store:
        def broken(*args: object, **kw: object) -> None:
            raise RuntimeError("killed mid-assignment")

        monkeypatch.setattr(StoryIndex, "assign", broken)
        with pytest.raises(RuntimeError):
            store.add_article(doc, art, group=True)
        monkeypatch.undo()
        assert store.count_articles() == 0 and store.story_of(art.id) is None
        assert store.add_article(doc, art, group=True)  # the index was reloaded, not left half-updated
        assert store.story_of(art.id) is not None


def test_a_bridging_article_merges_stories_in_the_store(tmp_path: Path) -> None:
    items = _flood()
    with Store(tmp_path / "s.sqlite") as store:
        store.add_article(*items[0], group=True)
        store.add_article(*items[3], group=True)  # day 4 alone shares too little with day 1: its own story
        assert store.count_stories() == 2
        store.add_article(*items[1], group=True)
        store.add_article(*items[2], group=True)  # bridges them
        assert store.count_stories() == 1
        [story] = store.list_stories()
        assert {a["id"] for a in story["articles"]} == {a.id for _, a in items}
        rows = store.conn.execute("SELECT DISTINCT story_id FROM story_members").fetchall()
        assert [r[0] for r in rows] == [story["id"]]


def test_cli_ingest_twice_then_stories_lists_the_store_newest_first(tmp_path: Path) -> None:
    first, second = tmp_path / "monday", tmp_path / "later"
    for folder in (first, second):
        folder.mkdir()
    for k, (title, body) in enumerate(FLOOD):
        folder = first if k < 2 else second
        (folder / f"day{k}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
        (folder / f"day{k}.meta.json").write_text(json.dumps({"published": f"2023-06-{10 + k:02d}"}))
    (second / "concert.txt").write_text(f"{CONCERT[0]}\n\n{CONCERT[1]}\n", encoding="utf-8")
    (second / "concert.meta.json").write_text(json.dumps({"published": "2023-05-01"}))
    db = str(tmp_path / "db.sqlite")
    runner = CliRunner()
    for folder in (first, second, second):
        result = runner.invoke(app, ["--db", db, "ingest", str(folder)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
    listed = runner.invoke(app, ["--db", db, "stories", "--format", "json"], catch_exceptions=False)
    assert listed.exit_code == 0, listed.output
    stories = json.loads(listed.output)["stories"]
    assert [len(s["articles"]) for s in stories] == [4, 1]  # the flood (June) before the concert (May)
    assert stories[0]["last_published"] == "2023-06-13"
    assert {"id", "title", "articles", "duplicates", "timeline", "summary"} <= set(stories[0])
    table = runner.invoke(app, ["--db", db, "stories"], catch_exceptions=False)
    assert table.exit_code == 0 and ("Orvale" in table.output or "Kessel" in table.output)


def test_get_story_reads_one_story_as_the_list_shows_it(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        for doc, article in _flood():
            store.add_article(doc, article, group=True)
        [listed] = store.list_stories()
        assert store.get_story(listed["id"]) == listed
        assert store.get_story("s-no-such-story") is None


def test_stories_count_what_is_new_since_yesterday(tmp_path: Path) -> None:
    items = _flood()
    with Store(tmp_path / "s.sqlite") as store:
        for doc, art in items:
            store.add_article(doc, art, group=True)
        # Outlets alternate (a0, a2: Outlet 0; a1, a3: Outlet 1); a2 and a3 arrived on the 14th.
        stored = {"a0000": "2023-06-12T08:00:00+00:00", "a0001": "2023-06-13T07:00:00+00:00",
                  "a0002": "2023-06-14T09:30:00+00:00", "a0003": "2023-06-14T10:00:00"}  # naive = UTC
        store.conn.executemany("UPDATE articles SET ingested_at = ? WHERE id = ?",
                               [(at, aid) for aid, at in stored.items()])
        since = datetime(2023, 6, 13, 12, 0, tzinfo=UTC)
        [story] = stories.list_stories(store.conn, since=since)
        assert story["new_articles"] == 2 and story["new_outlets"] == []  # both outlets reported before
        assert stories.get_story(store.conn, story["id"], since=since) == story
        early = stories.list_stories(store.conn, since=datetime(2023, 6, 13, 0, 0, tzinfo=UTC))[0]
        assert early["new_articles"] == 3 and early["new_outlets"] == ["Outlet 1"]
        late = stories.list_stories(store.conn, since=datetime(2023, 6, 15, tzinfo=UTC))[0]
        assert late["new_articles"] == 0 and late["new_outlets"] == []
        # By default the window is the last 24 hours: these stamps are long past.
        assert store.list_stories()[0]["new_articles"] == 0
        fresh = datetime.now(UTC).isoformat(timespec="seconds")
        store.conn.execute("UPDATE articles SET ingested_at = ? WHERE id = 'a0003'", (fresh,))
        assert store.get_story(story["id"])["new_articles"] == 1  # type: ignore[index]
