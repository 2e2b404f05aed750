"""The analysis cache: computed once per article and analyzer, recomputed when either changes; its mentions
and full-text rows follow it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from storyline import pipeline
from storyline.records import Article, RawDocument, SourceMeta
from storyline.store import Store

TEXT = '"We will not back down," said Olaf Scholz in Berlin. Scholz met Emmanuel Macron on Monday.'


def _stored(store: Store, text: str = TEXT, article_id: str = "a1") -> Article:
    article = Article(id=article_id, source_id=f"/in/{article_id}.txt", text=text, outlet="Daily Example",
                      published="2022-02-14", published_from="metadata")
    doc = RawDocument(source_id=article.source_id, kind="text", body=text, raw=text.encode(),
                      name=f"{article_id}.txt", meta=SourceMeta())
    store.add_article(doc, article)
    return article


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The ids of every batch the real analysis is run on."""
    seen: list[list[str]] = []
    real = pipeline.analyze_articles

    def counting(articles: list[Article]) -> list[dict[str, list[Any]]]:
        seen.append([a.id for a in articles])
        return real(articles)

    monkeypatch.setattr(pipeline, "analyze_articles", counting)
    return seen


def test_second_read_comes_from_the_store_not_the_parser(tmp_path: Path, calls: list[list[str]]) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        article = _stored(store)
        first = pipeline.analyze_cached(store, [article])
    with Store(tmp_path / "s.sqlite") as store:  # a new process would see the same
        second = pipeline.analyze_cached(store, [article])
    assert calls == [["a1"]]
    assert first == second and any(q["speaker"]["name"] == "Olaf Scholz" for q in second[0]["quotes"])


def test_new_analyzer_or_new_date_recomputes(tmp_path: Path, calls: list[list[str]],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        article = _stored(store)
        pipeline.analyze_cached(store, [article])
        monkeypatch.setattr(pipeline, "analyzer_fingerprint", lambda: "upgraded")
        pipeline.analyze_cached(store, [article])
        moved = Article(**{**article.__dict__, "published": "2022-03-01"})  # "Monday" resolves elsewhere now
        times = pipeline.analyze_cached(store, [moved])[0]["times"]
    assert len(calls) == 3
    assert [t["value"] for t in times if t["text"] == "Monday"] == ["2022-02-28"]


def test_mentions_and_search_rows_follow_the_analysis(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        article = _stored(store)
        pipeline.analyze_cached(store, [article])
        pipeline.analyze_cached(store, [article])  # a second save would not duplicate rows
        rows = store.conn.execute("SELECT name, variants, mentions, quotes FROM mentions WHERE label = 'PERSON'"
                                  " ORDER BY name").fetchall()
        kinds = store.conn.execute("SELECT kind, count(*) FROM search WHERE search MATCH 'Scholz'"
                                   " GROUP BY kind ORDER BY kind").fetchall()
    assert [(r["name"], r["mentions"], r["quotes"]) for r in rows] == [("Emmanuel Macron", 1, 0),
                                                                      ("Olaf Scholz", 2, 1)]
    assert '"Scholz"' in rows[1]["variants"]
    assert [tuple(k) for k in kinds] == [("article", 1), ("name", 1), ("quote", 1)]


def test_articles_outside_the_store_are_analysed_but_not_cached(tmp_path: Path, calls: list[list[str]]) -> None:
    loose = Article(id="loose", source_id="-", text=TEXT, published="2022-02-14")
    with Store(tmp_path / "s.sqlite") as store:
        pipeline.analyze_cached(store, [loose])
        pipeline.analyze_cached(store, [loose])
        assert store.conn.execute("SELECT count(*) FROM analyses").fetchone()[0] == 0
    assert calls == [["loose"], ["loose"]]


def _quote(words: str, speaker: str) -> dict[str, Any]:
    return {"text": words, "start": 0, "end": len(words), "speaker": {"name": speaker}}


def test_a_new_analysis_replaces_only_its_own_search_rows(tmp_path: Path) -> None:
    with Store(tmp_path / "s.sqlite") as store:
        _stored(store, article_id="a1")
        _stored(store, "Talks went on in Geneva.", article_id="a2")
        store.save_analyses([("a2", "h2", {"entities": [], "quotes": [_quote("geneva stays calm", "Ann Lee")]})], "v1")
        store.save_analyses([("a1", "h1", {"entities": [], "quotes": [_quote("berlin holds firm", "Olaf Scholz")]})],
                            "v1")
        before = store.search_version()
        # a1's rows are the newest: replacing them must still move the version on (the search cache's key)
        store.save_analyses([("a1", "h1b", {"entities": [], "quotes": [_quote("paris waits", "Olaf Scholz")]})],
                            "v1")
        assert store.search_version() > before
        assert [r["article_id"] for r in store.search("berlin", kinds=("quote",))] == []
        assert [r["article_id"] for r in store.search("paris", kinds=("quote",))] == ["a1"]
        assert [r["article_id"] for r in store.search("geneva", kinds=("quote",))] == ["a2"], "a2's rows stay"
