"""Search answers are cached, but never stale: an article stored after a search is found by the next one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from storyline.web.data import Library


def test_a_new_article_is_found_by_the_next_search(tmp_path: Path, add_text: Callable[..., None]) -> None:
    db = tmp_path / "s.sqlite"
    add_text(db, "a1", "The Severn burst its banks at Worcester on Monday.")
    library = Library(db)
    first, counts = library.search("Severn", None, None, None, ("article",), 20, 0)
    assert [r["article_id"] for r in first] == ["a1"] and counts["article"] == 1
    assert library.search("Severn", None, None, None, ("article",), 20, 0)[0] == first  # asked again: the same

    add_text(db, "a2", "Sandbags were handed out along the Severn in Shrewsbury.")
    again, counts = library.search("Severn", None, None, None, ("article",), 20, 0)
    assert sorted(r["article_id"] for r in again) == ["a1", "a2"] and counts["article"] == 2
    assert library.outlets() == [("Daily Example", 2)]
