"""Story labels and records: title from the most central article, key entities, date range, the JSON shape."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from storyline.group.stories import StoryIndex
from storyline.group.terms import NAME_PREFIX, top_terms
from storyline.records import Article

KEY_ENTITIES = 6
TITLE_CHARS = 140  # a lead used as a title is cut at the first sentence end, or here
# Members looked at for a headline when the central article has none (bounded: labels cost the same at any size).
TITLE_POOL = 50
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
    return headline_of_text(article.title, article.text)


def headline_of_text(title: str | None, text: str) -> str:
    """The title, or the lead's first sentence (cut at TITLE_CHARS) when there is none."""
    if title and title.strip():
        return title.strip()
    lead = next((p.strip() for p in text.split("\n") if p.strip()), "")
    sentence = _SENTENCE.split(lead, maxsplit=1)[0]
    return sentence if len(sentence) <= TITLE_CHARS else sentence[:TITLE_CHARS].rsplit(" ", 1)[0] + "…"


def label(index: StoryIndex, story_id: str, headline_of: Callable[[str], str],
          has_title: Callable[[str], bool] | None = None) -> StoryLabel:
    """Title from the story's central article (the member closest to its centroid), key entities from the
    centroid's heaviest names, dates from the story's span. `headline_of` gives an article's headline.

    A lead sentence makes a poor story title: when the central article has no headline (`has_title`), the
    title comes from a recent exemplar, else an early member, that has one."""
    story = index.stories[story_id]
    central = story.central or story.members[0]
    if has_title is not None and not has_title(central):
        pool = [*story.exemplars, *story.members[:TITLE_POOL]]
        central = next((aid for aid in pool if has_title(aid)), central)
    names = {t: w for t, w in story.centroid.items() if t.startswith(NAME_PREFIX)}
    entities = _distinct_names([t.removeprefix(NAME_PREFIX) for t in top_terms(names, len(names))], KEY_ENTITIES)
    days = [d for d in (story.first_day, story.last_day) if d is not None]
    first, last = (date.fromordinal(min(days)).isoformat(), date.fromordinal(max(days)).isoformat()) if days \
        else (None, None)
    return StoryLabel(headline_of(central), central, tuple(entities), first, last)


def _distinct_names(ranked: list[str], limit: int) -> list[str]:
    """The first `limit` names, dropping a name that is one word of a better-ranked longer name ("putin" after
    "vladimir putin"). Whether a name is kept depends on the names kept before it only, so the scan stops
    at `limit` (it compared every name of a big story's centroid with every name kept, on each article)."""
    kept: list[str] = []
    for name in ranked:
        if len(kept) == limit:
            break
        if any(name in k.split() or k in name.split() for k in kept):
            continue
        kept.append(name)
    return [n.upper() if len(n) <= 3 else n.title() for n in kept]


@dataclass(frozen=True)
class Member:
    """One article of a story as the record lists it; `group` is the first article of its duplicate group."""

    id: str
    source_id: str
    outlet: str | None
    published: str | None
    seq: int
    group: str


def record(story_id: str, lab: StoryLabel, members: list[Member]) -> dict[str, Any]:
    """The JSON contract's story: members by date (undated last), then arrival; duplicate groups of 2+."""
    ordered = sorted(members, key=lambda m: (m.published or "9999", m.seq))
    groups: dict[str, list[str]] = {}
    for m in ordered:
        groups.setdefault(m.group, []).append(m.id)
    rec: dict[str, Any] = {
        "id": story_id,
        "title": lab.title,
        "title_from": lab.central,
        "entities": list(lab.entities),
        "first_published": lab.first,
        "last_published": lab.last,
        "articles": [{"id": m.id, "source_id": m.source_id, "outlet": m.outlet, "published": m.published}
                     for m in ordered],
        "duplicates": [g for g in groups.values() if len(g) > 1],
    }
    for name in SYNTHESIS_FIELDS:
        rec[name] = []
    rec["summary"] = []
    return rec


def story_record(index: StoryIndex, story_id: str, articles: Mapping[str, Article]) -> dict[str, Any]:
    lab = label(index, story_id, lambda aid: headline(articles[aid]), lambda aid: bool(articles[aid].title))
    members = [Member(aid, articles[aid].source_id, articles[aid].outlet, articles[aid].published,
                      index.entries[aid].seq, index.duplicates.group_of(aid))
               for aid in index.stories[story_id].members]
    return record(story_id, lab, members)


def newest_first(index: StoryIndex) -> list[str]:
    """Story ids, latest activity first (latest report date, then latest arrival)."""
    return sorted(index.stories, key=lambda s: (-(index.stories[s].last_day or 0), -index.stories[s].updated, s))
