"""The story view: one story record (`group.story_records`) filled with its synthesis.

    build_story(story_record, articles, analyses) -> dict     the record with timeline, quotes, figures,
                                                              coverage, summary (and events) filled
    build_stories(articles) -> list[dict]                     analysis + grouping + build, in memory

Fields added to the contract's story (each entry carries the ids, and spans, of the articles it comes from):
- `timeline`: `synthesize.timeline.story_timeline` over the story's articles, undated ones given the story's
  estimate (`timeline_published`);
- `quotes`: who said what, by canonical speaker (`quotes_view`);
- `figures`: one series per subject (`synthesize.figures`);
- `coverage`: rows of the outlet x item matrix (`coverage.coverage_rows`); `coverage_outlets` its columns,
  `exclusive_by_outlet` how many items each outlet alone reports, `disagreements` figures, dates and speakers
  that outlets give differently;
- `summary`: extractive summary sentences with citations (`summary`);
- `events` / `event_series` when the analysis has PLOVER events;
- each entry of `articles` gains `title`, `url`, `label` (outlet, else site, else file), `published_from`
  and `copy_of` (the first article of its duplicate group, when it is a copy).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from storyline.analyze.people import fold_story_names
from storyline.group import story_records
from storyline.pipeline import Cleaned, analyze_articles, analyzer_fingerprint
from storyline.records import Article
from storyline.synthesize.coverage import outlet_label, story_coverage
from storyline.synthesize.figures import figure_series
from storyline.synthesize.quotes_view import story_quotes
from storyline.synthesize.summary import DEFAULT_SENTENCES, SummaryDoc, summarize
from storyline.synthesize.timeline import story_timeline
from storyline.synthesize.timeline_published import with_inferred_published

Analysis = Mapping[str, Any]


def _by_id(articles: Mapping[str, Article] | Sequence[Article],
           analyses: Mapping[str, Analysis] | Sequence[Analysis]) -> tuple[dict[str, Article], dict[str, Analysis]]:
    arts = dict(articles) if isinstance(articles, Mapping) else {a.id: a for a in articles}
    if isinstance(analyses, Mapping):
        return arts, dict(analyses)
    if isinstance(articles, Mapping):
        raise TypeError("analyses must be a mapping by article id when articles is one")
    return arts, {a.id: an for a, an in zip(articles, analyses, strict=True)}


def _events(members: Sequence[Article], analyses: Mapping[str, Analysis]) -> dict[str, Any] | None:
    if not any("events" in analyses[a.id] for a in members):
        return None
    from storyline.synthesize.events import story_events  # being built alongside; only when events exist

    return story_events({"id": a.id, "events": analyses[a.id].get("events") or []} for a in members)


def build_story(record: Mapping[str, Any], articles: Mapping[str, Article] | Sequence[Article],
                analyses: Mapping[str, Analysis] | Sequence[Analysis],
                summary_sentences: int = DEFAULT_SENTENCES) -> dict[str, Any]:
    """The story record with its synthesis filled in (module docstring). `articles` and `analyses` may hold
    more than the story's articles (by id, or two parallel lists); only the record's members are used."""
    arts, found = _by_id(articles, analyses)
    members = with_inferred_published([arts[m["id"]] for m in record["articles"]])
    folded = dict(zip([a.id for a in members],
                      fold_story_names([{**found[a.id], "entities": list(found[a.id].get("entities", [])),
                                         "quotes": list(found[a.id].get("quotes", []))} for a in members]),
                      strict=True))
    timeline = story_timeline([(a, folded[a.id]) for a in members])
    speakers, speaker_conflicts = story_quotes({a.id: folded[a.id]["quotes"] for a in members},
                                               [a.id for a in members])
    figures = [s.to_dict() for s in figure_series((a.id, a.published, a.text, folded[a.id].get("figures", []))
                                                  for a in members)]
    duplicates = [list(g) for g in record.get("duplicates", [])]
    coverage = story_coverage(members, duplicates, timeline, speakers, figures, speaker_conflicts)
    copy_of = {aid: group[0] for group in duplicates for aid in group[1:]}
    originals = [a for a in members if a.id not in copy_of]  # a wire copy adds nothing to the summary
    summary = summarize([SummaryDoc(a.id, a.text, a.published) for a in originals], summary_sentences)
    _cite_copies(summary, copy_of)
    by_id = {a.id: a for a in members}
    story = dict(record)
    story.update({
        "articles": [{**m, "title": by_id[m["id"]].title, "url": by_id[m["id"]].url,
                      "label": outlet_label(by_id[m["id"]]), "published": by_id[m["id"]].published,
                      "published_from": by_id[m["id"]].published_from, "copy_of": copy_of.get(m["id"])}
                     for m in record["articles"]],
        "timeline": timeline,
        "quotes": speakers,
        "figures": figures,
        "coverage": coverage["rows"],
        "coverage_outlets": coverage["columns"],
        "exclusive_by_outlet": coverage["exclusive"],
        "disagreements": coverage["disagreements"],
        "summary": summary,
    })
    events = _events(members, folded)
    if events is not None:
        story["events"] = events["events"]
        story["event_series"] = events["series"]
    return story


def _cite_copies(summary: list[dict[str, Any]], copy_of: Mapping[str, str]) -> None:
    """A sentence of a wire story is also carried by its copies: cite them too (by article id; the copy's
    span is not re-located)."""
    copies: dict[str, list[str]] = {}
    for copy, original in copy_of.items():
        copies.setdefault(original, []).append(copy)
    for sentence in summary:
        extra = [c for aid in sentence["article_ids"] for c in copies.get(aid, [])]
        sentence["article_ids"] = list(dict.fromkeys([*sentence["article_ids"], *extra]))
        sentence["copies"] = extra


@lru_cache(maxsize=1)
def synthesis_fingerprint() -> str:
    """What a story's synthesis depends on besides its members: the analysis (its fingerprint) and the
    synthesis code (synthesize/*.py, hashed); a stored synthesis made under another is stale."""
    digest = hashlib.sha256(analyzer_fingerprint().encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def synthesis_key(member_ids: Sequence[str]) -> str:
    """The key of a story's synthesis made from these members (in this order) by this code."""
    return hashlib.sha256("\n".join([synthesis_fingerprint(), *member_ids]).encode()).hexdigest()[:24]


def build_stories(articles: Iterable[Article | Cleaned],
                  summary_sentences: int = DEFAULT_SENTENCES) -> list[dict[str, Any]]:
    """Analyse, group and synthesise cleaned articles in memory: the filled `stories` list, newest first."""
    items = [a.article if isinstance(a, Cleaned) else a for a in articles]
    unique = list({a.id: a for a in items}.values())
    return filled_stories(story_records(unique), unique, summary_sentences)


def filled_stories(records: Sequence[Mapping[str, Any]], articles: Sequence[Article],
                   summary_sentences: int = DEFAULT_SENTENCES,
                   analyses: Mapping[str, Analysis] | None = None) -> list[dict[str, Any]]:
    """Stories already grouped (e.g. read from the store) filled with their synthesis; `analyses` by article
    id when they are at hand (`pipeline.analyze_cached`), computed here otherwise."""
    unique = list({a.id: a for a in articles}.values())
    if analyses is None:
        analyses = dict(zip([a.id for a in unique], analyze_articles(unique), strict=True))
    by_id = {a.id: a for a in unique}
    return [build_story(rec, by_id, analyses, summary_sentences) for rec in records]
