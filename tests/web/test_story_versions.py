"""A story page never waits for a synthesis once the story was seen: while new members are synthesised in
the background, the last version is served, saying how many articles are on their way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from storyline.web.data import Library

BASE = ("Flood waters rose across the Severn valley on Monday as the Environment Agency issued severe flood "
        "warnings for Worcester and Shrewsbury, where hundreds of homes were evacuated overnight.")


@pytest.fixture
def add(add_text: Callable[..., None]) -> Callable[[Path, str, str, str], None]:
    """Another report of the same flood, from an outlet of its own: it joins the flood story."""
    return lambda db, article_id, extra, day: add_text(db, article_id, f"{BASE} {extra}", day, f"Outlet {article_id}")


def test_new_member_is_served_stale_then_fresh(tmp_path: Path, add: Callable[..., None]) -> None:
    db = tmp_path / "s.sqlite"
    add(db, "a1", "Residents were told to leave.", "2024-01-08")
    library = Library(db, refresh_after=0)
    story_id = library.story_records()[0][0]["id"]
    first = library.story(story_id)
    assert first is not None and first.key == ("a1",) and first.pending == 0

    add(db, "a2", "The river peaked at 5.9 metres on Tuesday.", "2024-01-09")
    assert library.story_records()[0][0]["id"] == story_id  # the second report joined the same story
    stale = library.story(story_id)
    assert stale is not None and stale.key == ("a1",) and stale.pending == 1  # served at once, not recomputed

    library.close()  # waits for the background synthesis
    fresh = library.story(story_id)
    assert fresh is not None and set(fresh.key) == {"a1", "a2"} and fresh.pending == 0
    assert {a["id"] for a in fresh.story["articles"]} == {"a1", "a2"}


def test_another_process_reuses_the_stored_synthesis(tmp_path: Path, add: Callable[..., None],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.sqlite"
    add(db, "a1", "Residents were told to leave.", "2024-01-08")
    made = Library(db)
    story_id = made.story_records()[0][0]["id"]
    first = made.story(story_id)
    assert first is not None

    def no_synthesis(*args: object, **kwargs: object) -> None:
        raise AssertionError("the stored synthesis should have been reused")

    monkeypatch.setattr("storyline.web.data.filled_stories", no_synthesis)
    other = Library(db).story(story_id)  # a second server worker: nothing in its memory yet
    assert other is not None and other.story["summary"] == first.story["summary"]

    add(db, "a2", "The river peaked at 5.9 metres on Tuesday.", "2024-01-09")
    with pytest.raises(AssertionError):  # new members: the stored synthesis no longer fits
        Library(db).story(story_id)


def test_a_growing_story_is_not_synthesised_more_often_than_allowed(tmp_path: Path, add: Callable[..., None],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "s.sqlite"
    add(db, "a1", "Residents were told to leave.", "2024-01-08")
    library = Library(db, refresh_after=3600)
    story_id = library.story_records()[0][0]["id"]
    library.story(story_id)
    started: list[str] = []
    monkeypatch.setattr(library, "_refresh", lambda sid, record: started.append(sid))
    add(db, "a2", "The river peaked at 5.9 metres on Tuesday.", "2024-01-09")
    stale = library.story(story_id)
    assert stale is not None and stale.pending == 1 and started == []  # too soon: served stale, no synthesis
