"""Coverage: which outlet reports which timeline entry, quote and figure; what one source alone reports; where
outlets disagree.

    outlet_label(article) -> str
    coverage_rows(timeline, speakers, figures, outlet_of, group_of) -> rows
    date_disagreements(timeline) / figure_disagreements(figures) -> disagreements

A row: `{kind, ref, label, date, outlets, article_ids, reports, exclusive}`. `reports` counts independent
reports: the articles of one duplicate group (a wire story and its re-publications) count once, so a story
carried only by one wire and its copies is `exclusive` however many outlets re-published it.

A disagreement: `{kind: "figure" | "date" | "speaker", text, ..., article_ids}` with the spans it rests on.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping, Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import urlparse

from storyline.records import Article
from storyline.synthesize.timeline_text import cosine, terms

# Two timeline entries on different days are one happening told with different dates when their sentences are
# this alike (content cosine of rarity-weighted stems). Stricter than the timeline's own merge gate (0.42 with
# actor bonus), because a false alarm here accuses an outlet of an error.
DATE_CONFLICT_MATCH = 0.55
# Only dates the sentences state count: a date taken from the publication day ("report") is the reporter's
# day, not a claim about when the happening took place.
STATED = frozenset({"explicit"})
# Row labels are cut at this many characters.
ROW_LABEL_CHARS = 120


def outlet_label(article: Article) -> str:
    """The outlet's name; else the web site; else the input's file name (marked as such)."""
    if article.outlet and article.outlet.strip():
        return article.outlet.strip()
    if article.url:
        host = urlparse(article.url).netloc.lower().removeprefix("www.")
        if host:
            return host
    return f"unnamed source ({PurePath(article.source_id).name or article.id})"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ROW_LABEL_CHARS else text[:ROW_LABEL_CHARS].rsplit(" ", 1)[0] + "…"


def _row(kind: str, ref: str, label: str, date: str | None, article_ids: Sequence[str],
         outlet_of: Mapping[str, str], group_of: Mapping[str, str]) -> dict[str, Any]:
    ids = list(dict.fromkeys(article_ids))
    reports = len({group_of.get(a, a) for a in ids})
    return {"kind": kind, "ref": ref, "label": _cut(label), "date": date,
            "outlets": sorted({outlet_of.get(a, a) for a in ids}), "article_ids": ids,
            "reports": reports, "exclusive": reports == 1}


def coverage_rows(timeline: Sequence[Mapping[str, Any]], speakers: Sequence[Mapping[str, Any]],
                  figures: Sequence[Mapping[str, Any]], outlet_of: Mapping[str, str],
                  group_of: Mapping[str, str]) -> list[dict[str, Any]]:
    """One row per timeline entry (`timeline:k`), quote entry (`quote:s.k`) and figure series (`figure:k`)."""
    rows = [_row("timeline", f"timeline:{k}", e["label"], e["date"], e["article_ids"], outlet_of, group_of)
            for k, e in enumerate(timeline)]
    for s, group in enumerate(speakers):
        for k, q in enumerate(group["quotes"]):
            rows.append(_row("quote", f"quote:{s}.{k}", f"{group['speaker']}: “{q['text']}”", None,
                             q["article_ids"], outlet_of, group_of))
    for k, series in enumerate(figures):
        values = ", ".join(dict.fromkeys(p["text"] for p in series["points"]))
        rows.append(_row("figure", f"figure:{k}", f"{series['label']}: {values}", None,
                         [p["article_id"] for p in series["points"]], outlet_of, group_of))
    return rows


def figure_disagreements(figures: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Incompatible figures for one subject on one date (the series' conflicts)."""
    out = []
    for series in figures:
        for c in series.get("conflicts", []):
            points = [{"article_id": p["article_id"], "start": p["start"], "end": p["end"], "text": p["text"],
                       "value": p["value"]} for p in c["points"]]
            out.append({"kind": "figure", "text": f"{series['label']} on {c['date']}", "subject": series["label"],
                        "date": c["date"], "reason": c["reason"], "points": points,
                        "article_ids": list(dict.fromkeys(p["article_id"] for p in points))})
    return out


def date_disagreements(timeline: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One happening given different stated dates by different articles: pairs of day-grain entries whose
    sentences from different articles are near-identical in content."""
    stated = [(k, e, s, terms(s["text"])) for k, e in enumerate(timeline) if e.get("grain") == "day"
              for s in e["sources"] if e.get("date_from") in STATED]
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for (ka, ea, sa, ta), (kb, eb, sb, tb) in itertools.combinations(stated, 2):
        if ka == kb or ea["date"] == eb["date"] or sa["article_id"] == sb["article_id"] or (ka, kb) in seen:
            continue
        if cosine(ta, tb) >= DATE_CONFLICT_MATCH:
            seen.add((ka, kb))
            out.append({"kind": "date", "text": ea["label"],
                        "dates": [{"date": ea["date"], "article_id": sa["article_id"], "start": sa["start"],
                                   "end": sa["end"], "entry": ka},
                                  {"date": eb["date"], "article_id": sb["article_id"], "start": sb["start"],
                                   "end": sb["end"], "entry": kb}],
                        "article_ids": [sa["article_id"], sb["article_id"]]})
    return out


def outlet_columns(articles: Sequence[Article], label: Callable[[Article], str] = outlet_label,
                   ) -> list[dict[str, Any]]:
    """The matrix's columns: one per outlet, in the order of their first article, with its article ids."""
    columns: dict[str, list[str]] = {}
    for a in articles:
        columns.setdefault(label(a), []).append(a.id)
    return [{"outlet": name, "article_ids": ids} for name, ids in columns.items()]


def story_coverage(articles: Sequence[Article], duplicates: Sequence[Sequence[str]],
                   timeline: Sequence[Mapping[str, Any]], speakers: Sequence[Mapping[str, Any]],
                   figures: Sequence[Mapping[str, Any]],
                   speaker_conflicts: Sequence[Mapping[str, Any]] = ()) -> dict[str, Any]:
    """`{columns, rows, exclusive, disagreements}` of one story (module docstring)."""
    outlet_of = {a.id: outlet_label(a) for a in articles}
    group_of = {aid: group[0] for group in duplicates for aid in group}
    rows = coverage_rows(timeline, speakers, figures, outlet_of, group_of)
    disagreements = [*figure_disagreements(figures), *date_disagreements(timeline), *speaker_conflicts]
    return {
        "columns": outlet_columns(articles),
        "rows": rows,
        "exclusive": {name: sum(1 for r in rows if r["exclusive"] and r["outlets"] == [name])
                      for name in dict.fromkeys(outlet_of.values())},
        "disagreements": disagreements,
    }
