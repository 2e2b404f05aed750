"""The story timeline: the dated events of a story's articles, the same happening merged into one entry.

    story_timeline(pairs) -> list[dict]        pairs = [(article, analysis), ...] of one story

Each entry: `{date, grain, label, planned, mode, date_from, actors, sources: [{article_id, start, end, text}],
article_ids}`, sorted by date (a month- or year-grain entry sorts at the start of its period and keeps its
grain: "2022-01" is never shown as a day).

How events become entries:
1. Events are bucketed by their date value and grain: only reports of the same day (week, month...) can be
   one happening.
2. A unit dated by context ("“We don't want wars,” he said." after "Lavrov said on Friday ...") is part of
   the happening of the unit it continues; they start as one group.
3. Within a bucket, groups merge greedily, best pair first, while the best pair is similar enough: content
   similarity of the sentences (rarity-weighted stems, `timeline_text`) plus a bonus for shared people and
   organisations. Two groups are compared by their most similar pair of sentences, so that a wire copy's
   sentence finds its twin wherever it sits, provided their sentences are also alike on average (no
   chaining through a sentence that mentions another happening in passing).
An entry is `planned` when every source reports it as planned or announced: once one report says it
happened, it happened. Its label is its best sentence (an explicitly dated one most like the others),
shortened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from storyline.analyze.dated import dated_events
from storyline.analyze.times_calendar import period
from storyline.records import Article
from storyline.synthesize.timeline_text import actor_keys, cosine, overlap, terms

# Two sentences are one happening when content + ACTOR_BONUS * shared-actor share reaches MERGE_SCORE and
# the content similarity alone reaches MIN_CONTENT (sharing "Putin" is not enough: he does much in a day).
# Calibrated on the kind of pairs news produces: a wire copy and its rewrite score 0.5-0.9 in content,
# two different statements by the same person on the same day 0.05-0.2.
MERGE_SCORE = 0.42
MIN_CONTENT = 0.16
ACTOR_BONUS = 0.25
# Two groups are compared by their best pair, but their sentences must also be alike on average: one
# sentence that mentions another happening in passing ("one day after Biden warned ...") must not chain
# two happenings together.
MEAN_CONTENT = 0.1
# Actors that tell happenings apart: people and organisations ("Russia" is in every sentence of a story).
DISTINCT_ACTORS = frozenset({"PERSON", "ORG"})
# Labels are cut at a word boundary at about this many characters.
LABEL_CHARS = 140
# Rank of a date source when choosing the best sentence and an entry's date_from.
DATE_FROM_RANK = {"explicit": 0, "context": 1, "report": 2}
# Coarser grains first among entries that start on the same day ("2022-01" before "2022-01-01").
GRAIN_ORDER = {"century": 0, "decade": 1, "year": 2, "half": 3, "season": 4, "quarter": 5, "month": 6,
               "week": 7, "day": 8}  # fmt: skip


@dataclass
class Item:
    """One dated event of one article, with what the matching needs."""

    article_id: str
    order: int  # position among the story's events (article order, then text order)
    event: Mapping[str, Any]
    terms: dict[str, float]
    actors: frozenset[str]


@dataclass
class Group:
    items: list[Item] = field(default_factory=list)


def _matrices(items: list[Item]) -> tuple[np.ndarray, np.ndarray]:
    """Pairwise content similarity (cosine of weighted stems) and merge score (0 below the content gate)."""
    vocab: dict[str, int] = {}
    for it in items:
        for t in it.terms:
            vocab.setdefault(t, len(vocab))
    vectors = np.zeros((len(items), max(1, len(vocab))))
    for row, it in enumerate(items):
        for t, w in it.terms.items():
            vectors[row, vocab[t]] = w
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.where(norms == 0, 1.0, norms)
    content = unit @ unit.T
    actors = np.array([[overlap(a.actors, b.actors) for b in items] for a in items])
    score = np.where(content >= MIN_CONTENT, content + ACTOR_BONUS * actors, 0.0)
    np.fill_diagonal(score, -1.0)
    return content, score


def _merge_bucket(groups: list[Group]) -> list[Group]:
    """Greedy best-pair-first merging of the groups of one date bucket.

    Group-to-group: `best` is the best pair score, `total` the sum of pair content similarities; both are
    updated on each merge (max and sum of the two rows), as in agglomerative clustering."""
    if len(groups) < 2:
        return groups
    items = [it for g in groups for it in g.items]
    content, score = _matrices(items)
    owner = np.repeat(np.arange(len(groups)), [len(g.items) for g in groups])
    onehot = np.zeros((len(groups), len(items)))
    onehot[owner, np.arange(len(items))] = 1.0
    total = onehot @ content @ onehot.T
    starts = np.searchsorted(owner, np.arange(len(groups)))  # items are laid out group by group
    best = np.maximum.reduceat(np.maximum.reduceat(score, starts, axis=0), starts, axis=1)
    sizes = onehot.sum(axis=1)
    alive = np.ones(len(groups), dtype=bool)
    members = [[k for k in range(len(items)) if owner[k] == g] for g in range(len(groups))]
    while True:
        mean = total / np.outer(sizes, sizes)
        usable = np.where(alive[:, None] & alive[None, :] & (mean >= MEAN_CONTENT), best, -1.0)
        np.fill_diagonal(usable, -1.0)
        i, j = np.unravel_index(int(np.argmax(usable)), usable.shape)
        if usable[i, j] < MERGE_SCORE:
            break
        best[i, :] = np.maximum(best[i, :], best[j, :])
        best[:, i] = best[i, :]
        total[i, :] += total[j, :]
        total[:, i] = total[i, :]
        sizes[i] += sizes[j]
        alive[j] = False
        members[i].extend(members[j])
    return [Group([items[k] for k in members[g]]) for g in range(len(groups)) if alive[g]]


def events_of(article: Article, analysis: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The article's dated events: the analysis's `dated` field, or computed from its times and entities."""
    if "dated" in analysis:
        return list(analysis["dated"])
    return dated_events(article.text, analysis.get("times", []), analysis.get("entities", []),
                        article.published, analysis.get("quotes", []))


def _initial_groups(pairs: Sequence[tuple[Article, Mapping[str, Any]]]) -> dict[tuple[str, str], list[Group]]:
    """Date buckets of groups: one group per event, a context-dated event joined to the one it continues."""
    buckets: dict[tuple[str, str], list[Group]] = {}
    order = 0
    for article, analysis in pairs:
        previous: dict[str, Group] = {}  # date -> group, for the events of the previous unit
        current: dict[str, Group] = {}
        unit_start: int | None = None
        for event in events_of(article, analysis):
            if period(event.get("date")) is None:
                continue
            if event["start"] != unit_start:
                previous, current, unit_start = current, {}, event["start"]
            item = Item(article.id, order, event, terms(event["text"]), actor_keys(event["actors"], DISTINCT_ACTORS))
            order += 1
            group = previous.get(event["date"]) if event["date_from"] == "context" else None
            if group is not None:
                group.items.append(item)
            else:
                group = Group([item])
                buckets.setdefault((event["date"], event["grain"]), []).append(group)
            current[event["date"]] = group
    return buckets


def _label(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= LABEL_CHARS:
        return text
    cut = text[:LABEL_CHARS].rsplit(" ", 1)[0].rstrip(",;:–—-")
    return cut + "…"


def _best(items: list[Item]) -> Item:
    """The sentence that best stands for the entry: explicitly dated, its date within the label's reach, not
    a quotation, most like the others."""
    def rank(item: Item) -> tuple[int, int, int, float, int]:
        centrality = sum(cosine(item.terms, other.terms) for other in items if other is not item)
        quoted = int(item.event["text"].lstrip()[:1] in "\"“‘'")
        time = item.event.get("time")
        hidden = int(bool(time) and time["end"] - item.event["start"] > LABEL_CHARS)
        return (DATE_FROM_RANK.get(item.event["date_from"], 3), hidden, quoted, -centrality, item.order)
    return min(items, key=rank)


def _entry(group: Group) -> dict[str, Any]:
    items = sorted(group.items, key=lambda it: it.order)
    best = _best(items)
    modes = {it.event["mode"] for it in items}
    mode = "planned" if modes == {"planned"} else ("done" if "done" in modes else sorted(modes)[0])
    actors: dict[str, None] = {}
    for it in items:
        for a in it.event["actors"]:
            actors.setdefault(a["name"])
    return {
        "date": best.event["date"],
        "grain": best.event["grain"],
        "label": _label(best.event["text"]),
        "planned": mode == "planned",
        "mode": mode,
        "date_from": min((it.event["date_from"] for it in items), key=lambda d: DATE_FROM_RANK.get(d, 3)),
        "actors": list(actors),
        "sources": [{"article_id": it.article_id, "start": it.event["start"], "end": it.event["end"],
                     "text": it.event["text"]} for it in items],
        "article_ids": list(dict.fromkeys(it.article_id for it in items)),
    }


def _sort_key(entry: Mapping[str, Any]) -> tuple[date, int, int]:
    span = period(entry["date"])
    assert span is not None
    return span[0], GRAIN_ORDER.get(entry["grain"], len(GRAIN_ORDER)), -len(entry["article_ids"])


def build_timeline(pairs: Iterable[tuple[Article, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """Timeline entries of one story (see the module docstring)."""
    buckets = _initial_groups(list(pairs))
    entries = [_entry(g) for groups in buckets.values() for g in _merge_bucket(groups)]
    return sorted(entries, key=_sort_key)


def story_timeline(pairs: Iterable[tuple[Article, Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """The `timeline` list of a story record in the JSON contract (`storyline stories`)."""
    return build_timeline(pairs)
