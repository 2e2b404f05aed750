"""Group articles: exact and near duplicates (wire copies), then stories, incrementally in arrival order.

`group_articles` is the in-memory path of `storyline stories INPUT`; the store keeps a `StoryIndex` (snapshot
plus replay, store/stories.py) and calls `StoryIndex.assign` for each article in the article's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from storyline.group.labels import newest_first, story_record
from storyline.group.stories import StoryIndex
from storyline.records import Article

__all__ = ["StoryIndex", "group_articles", "story_records"]


def group_articles(articles: Iterable[Article],
                   index: StoryIndex | None = None) -> tuple[StoryIndex, dict[str, Article]]:
    """File each article in arrival order; returns the index and the articles by id."""
    index = index or StoryIndex()
    seen: dict[str, Article] = {}
    for article in articles:
        if article.id in seen:
            continue
        seen[article.id] = article
        index.add(article.id, article.text, article.title, article.published)
    return index, seen


def story_records(articles: Iterable[Article]) -> list[dict[str, Any]]:
    """The `stories` list of the JSON contract, newest activity first."""
    index, by_id = group_articles(articles)
    return [story_record(index, sid, by_id) for sid in newest_first(index)]
