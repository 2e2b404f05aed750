"""One person or organisation across the store: which per-article names are the same entity, its quotes.

Canonical names are per article ("Zelenskiy" in one, "Volodymyr Zelenskiy" in another); stories fold them at
synthesis time (`analyze.entities.fold_story`). An entity page for `name` takes, besides the rows of `name`:

- names with the same `story_key` anywhere in the store (same surname and given-name key for a person, the
  same folded phrase otherwise: "Volodymyr Zelenskyy" for "Volodymyr Zelenskiy"), found through the
  full-text name rows of the surname, then checked by key;
- in each story where `name` appears, the names the story's own folding gives the same canonical (so a
  surname-only "Zelenskiy" joins the full name when the story holds exactly one person of that surname).

Its quotes are those of its articles' analyses whose speaker is one of the names of that article, and those
relayed for it ("…," Macron told Putin, according to his office: the office relays Macron).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.analyze.entities import fold_story, story_key

Key = tuple[str, str]  # (name, label)


def same_key(name: str, labels: Iterable[str], candidates: Iterable[Key]) -> set[Key]:
    """The candidates whose story key is that of `name` under one of its labels."""
    keys = {story_key({"canonical": name, "label": label}) for label in labels}
    return {(n, label) for n, label in candidates if story_key({"canonical": n, "label": label}) in keys}


def folded_in_stories(name: str, rows: Sequence[Mapping[str, Any]]) -> set[tuple[str, str, str]]:
    """(story_id, name, label) of the names each story folds together with `name`; `rows` are the
    (story_id, article_id, name, label) of every name in those stories (`Store.story_names`)."""
    by_story: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for row in rows:
        articles = by_story.setdefault(row["story_id"], {})
        articles.setdefault(row["article_id"], []).append({"canonical": row["name"], "label": row["label"]})
    out: set[tuple[str, str, str]] = set()
    for story_id, articles in by_story.items():
        mentions = list(articles.values())
        folded = fold_story(mentions)
        pairs = [(m, f["canonical"]) for ms, fs in zip(mentions, folded, strict=True)
                 for m, f in zip(ms, fs, strict=True)]
        targets = {canonical for m, canonical in pairs if m["canonical"] == name}
        out |= {(story_id, m["canonical"], m["label"]) for m, canonical in pairs if canonical in targets}
    return out


def keep_rows(name: str, rows: Iterable[Mapping[str, Any]], keyed: set[Key],
              folded: set[tuple[str, str, str]]) -> list[dict[str, Any]]:
    """The mentions rows that are the entity: `name` itself, a same-key name, or folded with it in a story."""
    return [dict(r) for r in rows if r["name"] == name or (r["name"], r["label"]) in keyed
            or (r["story_id"], r["name"], r["label"]) in folded]


def merge_articles(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One entry per article (a name may have two rows in one: two spellings, two labels), newest first."""
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = by_id.get(r["article_id"])
        if entry is None:
            by_id[r["article_id"]] = entry = {
                "id": r["article_id"], "title": r["title"], "outlet": r["outlet"], "published": r["published"],
                "story_id": r["story_id"], "story_title": r["story_title"], "names": [], "labels": [],
                "variants": [], "mentions": 0, "quotes": 0, "span": [r["first_start"], r["first_end"]]}
        entry["mentions"] += r["mentions"]
        entry["quotes"] += r["quotes"]
        for field, values in (("names", [r["name"]]), ("labels", [r["label"]]), ("variants", r["variants"])):
            entry[field] += [v for v in values if v not in entry[field]]
        if r["first_start"] < entry["span"][0]:
            entry["span"] = [r["first_start"], r["first_end"]]
    return sorted(by_id.values(), key=lambda a: (a["published"] or "", a["id"]), reverse=True)


def quotes_of(articles: Sequence[Mapping[str, Any]],
              analyses: Mapping[str, Mapping[str, Sequence[Mapping[str, Any]]]]) -> list[dict[str, Any]]:
    """The quotes by (or relayed for) the entity in its articles, in article then text order."""
    out = []
    for a in articles:
        names = set(a["names"])
        for q in analyses.get(a["id"], {}).get("quotes", []):
            speaker = (q.get("speaker") or {}).get("name")
            by, relayed = speaker in names, q.get("relays") in names
            if not (by or relayed):
                continue
            out.append({"article_id": a["id"], "story_id": a["story_id"], "span": [q["start"], q["end"]],
                        "text": q["text"], "kind": q.get("kind"), "cue": q.get("cue"), "speaker": speaker,
                        "relayed_by": speaker if relayed and not by else None, "outlet": a["outlet"],
                        "published": a["published"]})
    return out


def detail(name: str, rows: Sequence[Mapping[str, Any]], total_articles: int,
           analyses: Mapping[str, Mapping[str, Sequence[Mapping[str, Any]]]]) -> dict[str, Any]:
    """The entity in the API's shape: names, labels, variants, counts, articles, stories, quotes."""
    articles = merge_articles(rows)
    quotes = quotes_of(articles, analyses)
    stories: dict[str, dict[str, Any]] = {}
    for a in articles:
        if a["story_id"]:
            story = stories.setdefault(a["story_id"], {"id": a["story_id"], "title": a["story_title"],
                                                       "article_ids": [], "quotes": 0})
            story["article_ids"].append(a["id"])
    for q in quotes:
        if q["story_id"] in stories:
            stories[q["story_id"]]["quotes"] += 1
    counted = _counts([(r["label"], 1) for r in rows if r["name"] == name] or [(r["label"], 1) for r in rows])
    return {"name": name, "labels": counted,
            "names": sorted({r["name"] for r in rows} - {name}),
            "variants": _counts([(v, 1) for r in rows for v in r["variants"]]),
            "mentions": sum(a["mentions"] for a in articles), "total_articles": total_articles,
            "articles": articles, "stories": list(stories.values()), "quotes": quotes}


def _counts(items: Iterable[tuple[str, int]]) -> list[str]:
    counts: dict[str, int] = {}
    for value, n in items:
        counts[value] = counts.get(value, 0) + n
    return sorted(counts, key=lambda v: (-counts[v], v))
