"""Search answers are cached, but never stale: an article stored after a search is found by the next one."""

from __future__ import annotations

from pathlib import Path

from storyline.records import Article, RawDocument, SourceMeta
from storyline.store import Store
from storyline.web.data import Library


def _add(db: Path, article_id: str, text: str) -> None:
    article = Article(id=article_id, source_id=f"/in/{article_id}", text=text, outlet="Daily Example",
                      published="2024-01-08", published_from="metadata")
    doc = RawDocument(source_id=article.source_id, kind="text", body=text, raw=text.encode(), name=article_id,
                      meta=SourceMeta())
    with Store(db) as store:
        store.add_article(doc, article, group=True)


def test_a_new_article_is_found_by_the_next_search(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    _add(db, "a1", "The Severn burst its banks at Worcester on Monday.")
    library = Library(db)
    first, counts = library.search("Severn", None, None, None, ("article",), 20, 0)
    assert [r["article_id"] for r in first] == ["a1"] and counts["article"] == 1
    assert library.search("Severn", None, None, None, ("article",), 20, 0)[0] == first  # asked again: the same

    _add(db, "a2", "Sandbags were handed out along the Severn in Shrewsbury.")
    again, counts = library.search("Severn", None, None, None, ("article",), 20, 0)
    assert sorted(r["article_id"] for r in again) == ["a1", "a2"] and counts["article"] == 2
    assert library.outlets() == [("Daily Example", 2)]
