"""Story labels and records: title from the most central article, key entities, date range, the JSON shape."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.group.duplicates import duplicate_groups
from storyline.group.stories import StoryIndex
from storyline.group.terms import NAME_PREFIX, Vector, cosine
from storyline.records import Article

KEY_ENTITIES = 6
TITLE_CHARS = 140  # a lead used as a title is cut at the first sentence end, or here
SYNTHESIS_FIELDS = ("timeline", "quotes", "figures", "events", "coverage")  # filled by synthesize/, later
_SENTENCE = re.compile(r"(?<=[.!?])\s")


@dataclass(frozen=True)
class StoryLabel:
    title: str
    central: str  # id of the article the title comes from
    entities: tuple[str, ...]
    first: str | None  # ISO dates of the earliest and latest dated report
    last: str | None


def headline(article: Article) -> str:
    if article.title and article.title.strip():
        return article.title.strip()
    lead = next((p.strip() for p in article.text.split("\n") if p.strip()), "")
    sentence = _SENTENCE.split(lead, maxsplit=1)[0]
    return sentence if len(sentence) <= TITLE_CHARS else sentence[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def _centroid(vectors: Iterable[Vector]) -> Vector:
    total: dict[str, float] = {}
    for vec in vectors:
        for term, weight in vec.items():
            total[term] = total.get(term, 0.0) + weight
    return total


def label(index: StoryIndex, story_id: str, articles: Mapping[str, Article]) -> StoryLabel:
    story = index.stories[story_id]
    vectors = {aid: index.entries[aid].vector for aid in story.exemplars}
    centre = _centroid(vectors.values())
    central = max(story.exemplars, key=lambda aid: (cosine(vectors[aid], centre), -index.entries[aid].seq))
    names = sorted(((w, t) for t, w in centre.items() if t.startswith(NAME_PREFIX)), key=lambda x: (-x[0], x[1]))
    entities = _distinct_names([t.removeprefix(NAME_PREFIX) for _, t in names])[:KEY_ENTITIES]
    days = [d for d in (story.first_day, story.last_day) if d is not None]
    first, last = (date.fromordinal(min(days)).isoformat(), date.fromordinal(max(days)).isoformat()) if days \
        else (None, None)
    return StoryLabel(headline(articles[central]), central, tuple(entities), first, last)


def _distinct_names(ranked: list[str]) -> list[str]:
    """Drop a name that is one word of a better-ranked longer name ("putin" after "vladimir putin")."""
    kept: list[str] = []
    for name in ranked:
        if any(name in k.split() or k in name.split() for k in kept):
            continue
        kept.append(name)
    return [n.upper() if len(n) <= 3 else n.title() for n in kept]


def story_record(index: StoryIndex, story_id: str, articles: Mapping[str, Article]) -> dict[str, Any]:
    story = index.stories[story_id]
    lab = label(index, story_id, articles)
    members = sorted(story.members, key=lambda aid: (articles[aid].published or "9999", index.entries[aid].seq))
    record: dict[str, Any] = {
        "id": story_id,
        "title": lab.title,
        "title_from": lab.central,
        "entities": list(lab.entities),
        "first_published": lab.first,
        "last_published": lab.last,
        "articles": [
            {"id": aid, "source_id": articles[aid].source_id, "outlet": articles[aid].outlet,
             "published": articles[aid].published}
            for aid in members
        ],
        "duplicates": duplicate_groups(index.duplicates, members),
    }
    for name in SYNTHESIS_FIELDS:
        record[name] = []
    record["summary"] = []
    return record


def newest_first(index: StoryIndex) -> list[str]:
    """Story ids, latest activity first (latest report date, then latest arrival)."""
    return sorted(index.stories, key=lambda s: (-(index.stories[s].last_day or 0), -index.stories[s].updated, s))
