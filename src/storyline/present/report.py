"""The report: one self-contained HTML file (or the same as JSON) of filled stories, for a newcomer to read.

    render_html(stories, articles) -> str      stories from `synthesize.story.build_story(s)`;
                                               articles {id: Article} for the source texts
    render_json(stories) -> str
    write_report(stories, articles, path, fmt="html")

Per story: title and date range, the summary with citations, the timeline, who said what by speaker, the
figures (inline SVG charts), where outlets disagree, the coverage matrix and the sources with their text.
A citation `[n]` links to the cited words inside source n's text, highlighted (`:target`).

Self-contained: styles inline, no script source, no font, no image; the only URLs are the articles' own
(http/https only). Every article-derived string is escaped (Jinja2 autoescape; `marks` escapes the texts).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import urlparse

from jinja2 import Environment, FileSystemLoader, select_autoescape

from storyline.contract import SCHEMA_VERSION
from storyline.group.labels import headline_of_text
from storyline.present.charts import figure_chart, number, short_date
from storyline.present.marks import SpanMarks
from storyline.records import Article

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "report.html.j2"
FORMATS = ("html", "json")
# Speakers shown expanded; the rest are one click away (a story can quote dozens of people and bodies).
OPEN_SPEAKERS = 6
SAFE_SCHEMES = frozenset({"http", "https"})
MONTHS_GRAIN = {"month": "%B %Y", "year": "%Y"}


def safe_url(url: str | None) -> str | None:
    """The URL when it is a web address (never `javascript:` or `data:`), else None."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme.lower() in SAFE_SCHEMES and parsed.netloc else None


def show_date(value: str | None, grain: str | None = "day") -> str:
    """"2022-01-28" -> "28 Jan 2022"; month and year grains as such; anything else as given."""
    if not value:
        return "undated"
    try:
        if grain in MONTHS_GRAIN and len(value) >= 4:
            day = date.fromisoformat((value + "-01-01")[:10]) if len(value) < 10 else date.fromisoformat(value[:10])
            return day.strftime(MONTHS_GRAIN[grain])
        return short_date(date.fromisoformat(value[:10]))
    except ValueError:
        return value


def date_range(story: Mapping[str, Any]) -> str:
    first, last = story.get("first_published"), story.get("last_published")
    if first and last and first != last:
        return f"{show_date(first)} – {show_date(last)}"
    return show_date(first or last)


class StoryView:
    """What the template shows of one story; citations resolved to source numbers and marked spans."""

    def __init__(self, index: int, story: Mapping[str, Any], articles: Mapping[str, Article]) -> None:
        self.story = story
        self.anchor = f"story-{index}"
        self.marks = SpanMarks(f"s{index}")
        self.numbers = {a["id"]: n for n, a in enumerate(story["articles"], start=1)}
        self.labels = {a["id"]: a.get("label") or a.get("outlet") or a["source_id"] for a in story["articles"]}
        self.articles = articles
        self._register_spans()

    def _register_spans(self) -> None:
        s = self.story
        spans = [c for sent in s.get("summary", []) for c in sent["citations"]]
        spans += [src for e in s.get("timeline", []) for src in e["sources"]]
        spans += [src for g in s.get("quotes", []) for q in g["quotes"] for src in q["sources"]]
        spans += [p for f in s.get("figures", []) for p in f["points"]]
        for d in s.get("disagreements", []):
            spans += d.get("points", []) + d.get("dates", []) + d.get("attributions", [])
        for span in spans:
            self.marks.add(span["article_id"], span["start"], span["end"])

    def cite(self, article_id: str, start: int | None = None, end: int | None = None) -> dict[str, Any]:
        href = self.marks.anchor(article_id, start, end) if start is not None and end is not None \
            else self.marks.article_anchor(article_id)
        return {"n": self.numbers.get(article_id, "?"), "href": "#" + href, "label": self.labels.get(article_id, "")}

    def cites(self, spans: Sequence[Mapping[str, Any]], extra_ids: Sequence[str] = ()) -> list[dict[str, Any]]:
        """One citation per article (its first span), in source order; `extra_ids` cite whole articles."""
        seen: dict[str, dict[str, Any]] = {}
        for sp in spans:
            seen.setdefault(sp["article_id"], self.cite(sp["article_id"], sp.get("start"), sp.get("end")))
        for aid in extra_ids:
            seen.setdefault(aid, self.cite(aid))
        return sorted(seen.values(), key=lambda c: (str(c["n"]).zfill(4)))

    # -- sections -------------------------------------------------------------------------------------------
    def header(self) -> dict[str, Any]:
        s = self.story
        outlets = sorted({self.labels[a["id"]] for a in s["articles"]})
        return {"title": s.get("title") or "Untitled story", "dates": date_range(s), "articles": len(s["articles"]),
                "outlets": outlets, "entities": s.get("entities", []), "copies": sum(len(g) - 1 for g in
                                                                                     s.get("duplicates", []))}

    def summary(self) -> list[dict[str, Any]]:
        return [{"text": sent["text"], "date": show_date(sent.get("first_reported")),
                 "cites": self.cites(sent["citations"], sent.get("copies", []))}
                for sent in self.story.get("summary", [])]

    def timeline(self) -> list[dict[str, Any]]:
        return [{"date": show_date(e["date"], e.get("grain")), "label": e["label"], "planned": e.get("planned"),
                 "actors": e.get("actors", [])[:5], "cites": self.cites(e["sources"]),
                 "reports": len(e["article_ids"])} for e in self.story.get("timeline", [])]

    def speakers(self) -> list[dict[str, Any]]:
        out = []
        for k, group in enumerate(self.story.get("quotes", [])):
            quotes = []
            for q in group["quotes"]:
                diffs = [{"label": f"[{self.numbers.get(d['article_id'], '?')}] {self.labels.get(d['article_id'], '')}",
                          "changes": "; ".join(_change(c) for c in d["changes"])} for d in q.get("differences", [])]
                quotes.append({"text": q["text"], "kind": q["kind"], "cites": self.cites(q["sources"]),
                               "shared": len(q["article_ids"]) > 1, "differences": diffs})
            out.append({"speaker": group["speaker"], "open": k < OPEN_SPEAKERS, "quotes": quotes,
                        "articles": len(group["article_ids"]), "attributed": group.get("attributed", True)})
        return out

    def figures(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        charts: list[dict[str, Any]] = []
        others: list[dict[str, Any]] = []
        for f in self.story.get("figures", []):
            svg = figure_chart(f, lambda aid: self.labels.get(aid, aid))
            points = [{"text": p["text"], "date": show_date(p.get("date")), "cites": self.cites([p])}
                      for p in f["points"]]
            item = {"label": f["label"], "svg": svg, "points": points,
                    "changes": [f"{number(c['from_value'])} ({show_date(c['from_date'])}) → "
                                f"{number(c['to_value'])} ({show_date(c['to_date'])})" for c in f.get("changes", [])],
                    "conflicts": [c["reason"] for c in f.get("conflicts", [])]}
            (charts if svg is not None else others).append(item)
        return charts, others

    def disagreements(self) -> list[dict[str, Any]]:
        out = []
        for d in self.story.get("disagreements", []):
            if d["kind"] == "figure":
                parts = [(f"“{p['text']}”", p) for p in d["points"]]
                title = f"Different figures for {d['subject']} ({show_date(d.get('date'))})"
            elif d["kind"] == "date":
                parts = [(show_date(p["date"]), p) for p in d["dates"]]
                title = f"Different dates for: {d['text']}"
            else:
                parts = [(p["speaker"], p) for p in d["attributions"]]
                title = f"Different speakers for “{d['text']}”"
            out.append({"kind": d["kind"], "title": title,
                        "parts": [{"what": what, "cite": self.cite(p["article_id"], p["start"], p["end"])}
                                  for what, p in parts]})
        return out

    def coverage(self) -> dict[str, Any]:
        columns = self.story.get("coverage_outlets", [])
        names = [c["outlet"] for c in columns]
        groups: dict[str, list[dict[str, Any]]] = {"timeline": [], "figure": [], "quote": []}
        for row in self.story.get("coverage", []):
            cells = []
            for col in columns:
                ids = [a for a in row["article_ids"] if a in col["article_ids"]]
                cells.append([self.cite(a) for a in ids])
            groups.setdefault(row["kind"], []).append({"label": row["label"], "date": show_date(row.get("date")),
                                                       "cells": cells, "exclusive": row["exclusive"]})
        excl = self.story.get("exclusive_by_outlet", {})
        totals = [{"outlet": n, "count": sum(1 for r in self.story.get("coverage", []) if n in r["outlets"]),
                   "alone": excl.get(n, 0)} for n in names]
        return {"columns": names, "groups": [{"kind": k, "rows": v} for k, v in groups.items() if v],
                "totals": totals, "rows": len(self.story.get("coverage", []))}

    def sources(self) -> list[dict[str, Any]]:
        out = []
        for a in self.story["articles"]:
            article = self.articles.get(a["id"])
            text = self.marks.render(a["id"], article.text) if article is not None else None
            copy_of = a.get("copy_of")
            out.append({"n": self.numbers[a["id"]], "anchor": self.marks.article_anchor(a["id"]),
                        "label": self.labels[a["id"]], "title": _title(a, article),
                        "url": safe_url(a.get("url")), "published": show_date(a.get("published")),
                        "inferred": a.get("published_from") == "inferred", "source_id": PurePath(a["source_id"]).name,
                        "copy_of": self.numbers.get(copy_of) if copy_of else None, "text": text})
        return out


def _title(entry: Mapping[str, Any], article: Article | None) -> str:
    """The article's title; else its first sentence (marked as such), as the story's title is made."""
    if entry.get("title"):
        return str(entry["title"])
    if article is None:
        return "(no title)"
    return f"{headline_of_text(None, article.text)} (first sentence; no title given)"


def _change(change: Mapping[str, str]) -> str:
    if change["op"] == "insert":
        return f"adds “{change['text']}”"
    if change["op"] == "delete":
        return f"leaves out “{change['reference']}”"
    return f"“{change['text']}” for “{change['reference']}”"


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    return env


def render_html(stories: Sequence[Mapping[str, Any]], articles: Mapping[str, Article],
                generated: str | None = None) -> str:
    views = [StoryView(k, s, articles) for k, s in enumerate(stories, start=1)]
    template = _environment().get_template(TEMPLATE)
    return template.render(views=views, generated=generated or date.today().isoformat(),
                           n_articles=sum(len(s["articles"]) for s in stories))


def render_json(stories: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps({"schema": SCHEMA_VERSION, "stories": list(stories)}, ensure_ascii=False, indent=1)


def write_report(stories: Sequence[Mapping[str, Any]], articles: Mapping[str, Article], path: Path,
                 fmt: str = "html") -> Path:
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    text = render_html(stories, articles) if fmt == "html" else render_json(stories)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
