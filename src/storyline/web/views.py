"""What the pages show, built on the report's helpers (`present.report`, `present.marks`, `present.charts`).

- `WebStoryView`: the report's `StoryView`, with each citation linking to the cited span on the article's
  own page (`/articles/{id}?span=START-END#span-START-END`) instead of to a text inside the same page;
- `article_text`: an article's text, escaped, with its quotes, figures, dates and names highlighted, each
  highlight an anchor `span-START-END`; a cited span (`?span=`) always gets its own highlight;
- `story_row`: one line of the stories list, with what is new since yesterday;
- `figure_spec`, `events_spec`: Vega-Lite specs of a figure series and of a story's conflict-cooperation
  scores, drawn in the browser by `static/charts.js` over the server's SVG (or table), which stays without JS.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from storyline.group.stories import day_number
from storyline.present.charts import CONFLICT_COLOUR, LINE_COLOUR, figure_chart, number
from storyline.present.marks import SpanMarks
from storyline.present.report import StoryView, date_range, safe_url, show_date
from storyline.records import Article
from storyline.web.static_files import CHART_SCRIPTS

# Highlight kinds, in the order they win when two spans of the same length overlap.
KINDS = ("cited", "quote", "figure", "time", "name")
KIND_FIELDS = {"quote": "quotes", "figure": "figures", "time": "times", "name": "entities"}
# Entity labels worth highlighting as names.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Vega-Lite specs name their schema (an identifier: nothing is fetched); charts are this tall, as wide as the page.
VEGA_LITE = "https://vega.github.io/schema/vega-lite/v6.json"
CHART_HEIGHT = 200
COOPERATION_COLOUR = "#2e7d5b"
INK = "#1d2329"
# Pairs of countries listed under the conflict-cooperation chart, most events first.
SHOWN_PAIRS = 8
Cite = Callable[..., dict[str, Any]]


def span_anchor(start: int, end: int) -> str:
    return f"span-{start}-{end}"


def article_href(article_id: str, start: int | None = None, end: int | None = None) -> str:
    base = f"/articles/{quote(article_id, safe='')}"
    if start is None or end is None:
        return base
    return f"{base}?span={start}-{end}#{span_anchor(start, end)}"


def parse_span(value: str | None, text_length: int) -> tuple[int, int] | None:
    """"12-40" -> (12, 40) when it is a span inside the text; else None."""
    if not value:
        return None
    start, _, end = value.partition("-")
    if not (start.isdigit() and end.isdigit()):
        return None
    s, e = int(start), int(end)
    return (s, e) if 0 <= s < e <= text_length else None


def _iso_day(value: str | None) -> str | None:
    """"2022-01-28T10:00" -> "2022-01-28"; None when the value is not a calendar day (a month, a year)."""
    day = day_number(value)
    return None if day is None else date.fromordinal(day).isoformat()


def _when(value: str | None) -> str:
    """An event's date as shown: a day, or a month ("2021-12") or a year ("2014") when that is all it has."""
    text = str(value or "")
    return show_date(value, {7: "month", 4: "year"}.get(len(text), "day"))


def _day_axis() -> dict[str, Any]:
    return {"field": "date", "type": "temporal", "timeUnit": "utcyearmonthdate", "title": None,
            "axis": {"format": "%-d %b %Y", "labelOverlap": True, "labelSeparation": 8, "grid": False,
                     "tickCount": {"interval": "day"}}}


def _source(cite: Cite, spans: Sequence[Mapping[str, Any]]) -> dict[str, str]:
    """The first span's source as "[n] Outlet" (plus how many more), and the link to its cited words."""
    first = spans[0]
    c = cite(first["article_id"], first.get("start"), first.get("end"))
    more = len({s["article_id"] for s in spans}) - 1
    return {"source": f"[{c['n']}] {c['label']}" + (f" and {more} more" if more > 0 else ""), "href": c["href"]}


def figure_spec(series: Mapping[str, Any], cite: Cite) -> dict[str, Any]:
    """Vega-Lite: one dot per dated report of the series (tooltip: outlet, wording, value, day; click: the
    cited words in the article), a line through each day's median, disputed reports ringed red (as the SVG)."""
    disputed = {(c["date"], p["article_id"], p["start"]) for c in series.get("conflicts", []) for p in c["points"]}
    rows = []
    for p in series["points"]:
        day = _iso_day(p.get("date"))
        if day is None or p.get("kind") == "vague":
            continue
        red = (p.get("date"), p["article_id"], p["start"]) in disputed
        rows.append({"date": day, "day": show_date(day), "value": p["value"], "shown": number(p["value"]),
                     "wording": p["text"], "disputed": red, "status": "disputed" if red else "reported",
                     **_source(cite, [p])})
    tooltip = [{"field": "day", "title": "Day"}, {"field": "shown", "title": "Value"},
               {"field": "wording", "title": "As reported"}, {"field": "source", "title": "Source"},
               {"field": "status", "title": "Status"}]
    return {
        "$schema": VEGA_LITE, "description": f"{series['label']} over time, one dot per report",
        "width": "container", "height": CHART_HEIGHT, "background": "#fcfcfd",
        "data": {"values": rows},
        "encoding": {"x": _day_axis()},
        "layer": [
            {"mark": {"type": "line", "color": LINE_COLOUR, "strokeWidth": 2},
             "encoding": {"y": {"aggregate": "median", "field": "value", "type": "quantitative"}}},
            {"mark": {"type": "point", "filled": True, "size": 110, "opacity": 0.65, "color": LINE_COLOUR,
                      "cursor": "pointer"},
             "encoding": {"y": {"field": "value", "type": "quantitative", "title": None,
                                "axis": {"format": ",~f", "tickCount": 4}},
                          "stroke": {"condition": {"test": "datum.disputed", "value": CONFLICT_COLOUR},
                                     "value": None},
                          "strokeWidth": {"value": 3}, "tooltip": tooltip, "href": {"field": "href"}}},
        ],
    }


def _event_rows(events: Sequence[Mapping[str, Any]], cite: Cite) -> list[dict[str, Any]]:
    rows = []
    for k, e in enumerate(events):
        day = _iso_day(e.get("date"))
        score = float(e.get("score") or 0.0)
        if day is None or score == 0:
            continue
        spans = [{"article_id": s["article"], "start": s.get("start"), "end": s.get("end")} for s in e["sources"]]
        who = " → ".join(str(x) for x in (e.get("actor"), e.get("recipient")) if x) or "unnamed actors"
        rows.append({"key": k, "date": day, "day": show_date(day), "score": score,
                     "goldstein": e.get("goldstein"), "side": "cooperation" if score > 0 else "conflict",
                     "type": str(e.get("type", "")).lower(), "who": who, "evidence": e.get("evidence") or "",
                     "reports": e.get("reports", len(spans)), **_source(cite, spans)})
    return rows


def events_spec(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Vega-Lite: per day, each event a bar segment of its score, cooperation up and conflict down (tooltip:
    what, who, the words, the source; click: the cited words), and a dashed line of the day's net score."""
    tooltip = [{"field": "day", "title": "Day"}, {"field": "type", "title": "Event"}, {"field": "who", "title": "Who"},
               {"field": "evidence", "title": "In the words of the report"},
               {"field": "score", "title": "Score (−10 conflict … +10 cooperation)"},
               {"field": "goldstein", "title": "Goldstein"}, {"field": "reports", "title": "Reports"},
               {"field": "source", "title": "Source"}]
    return {
        "$schema": VEGA_LITE, "description": "Conflict and cooperation between the actors, day by day",
        "width": "container", "height": CHART_HEIGHT + 40, "background": "#fcfcfd",
        "data": {"values": list(rows)},
        "encoding": {"x": _day_axis()},
        "layer": [
            {"mark": {"type": "bar", "stroke": "#fff", "strokeWidth": 0.5, "cursor": "pointer"},
             "encoding": {"y": {"field": "score", "type": "quantitative", "stack": "zero",
                                "title": "← conflict · cooperation →"},
                          "color": {"field": "side", "type": "nominal", "title": None,
                                    "scale": {"domain": ["cooperation", "conflict"],
                                              "range": [COOPERATION_COLOUR, CONFLICT_COLOUR]},
                                    "legend": {"orient": "top"}},
                          "detail": {"field": "key", "type": "nominal"},
                          "tooltip": tooltip, "href": {"field": "href"}}},
            {"mark": {"type": "rule", "color": "#999"}, "encoding": {"y": {"datum": 0}}},
            {"mark": {"type": "line", "color": INK, "strokeDash": [4, 3], "point": {"color": INK, "size": 30}},
             "encoding": {"x": {**_day_axis(), "bandPosition": 0.5},
                          "y": {"aggregate": "sum", "field": "score", "type": "quantitative"},
                          "tooltip": [{"field": "date", "type": "temporal", "timeUnit": "utcyearmonthdate",
                                       "title": "Day", "format": "%-d %b %Y"},
                                      {"aggregate": "sum", "field": "score", "type": "quantitative",
                                       "title": "Net score"}]}},
        ],
    }


# The coverage matrix on a story page: the items most outlets report, and the outlets that report most. The
# whole matrix is in the story's JSON (and the report); 60 x 12 cells keep a page of a large story readable.
MATRIX_ITEMS = 60
MATRIX_OUTLETS = 12


class WebStoryView(StoryView):
    """The report's story view; citations point at the article pages; charts also drawn by Vega-Lite."""

    scripts = CHART_SCRIPTS  # what a page with charts loads (same origin only)

    def coverage(self) -> dict[str, Any]:
        """The report's coverage, with the matrix cut to the most widely reported items and the outlets that
        report most (a story of fifty outlets would otherwise be a matrix of a megabyte); totals stay whole."""
        columns = self.story.get("coverage_outlets", [])
        rows = self.story.get("coverage", [])
        counts = {c["outlet"]: sum(1 for r in rows if c["outlet"] in r["outlets"]) for c in columns}
        top_columns = set(sorted(counts, key=lambda name: -counts[name])[:MATRIX_OUTLETS])
        top_rows = {id(r) for r in sorted(rows, key=lambda r: -len(r["outlets"]))[:MATRIX_ITEMS]}
        limited = copy.copy(self)
        limited.story = {**self.story, "coverage_outlets": [c for c in columns if c["outlet"] in top_columns],
                         "coverage": [r for r in rows if id(r) in top_rows]}
        excl = self.story.get("exclusive_by_outlet", {})
        totals = [{"outlet": c["outlet"], "count": counts[c["outlet"]], "alone": excl.get(c["outlet"], 0)}
                  for c in columns]
        return {**StoryView.coverage(limited), "totals": totals, "all_rows": len(rows), "all_columns": len(columns)}

    def cite(self, article_id: str, start: int | None = None, end: int | None = None) -> dict[str, Any]:
        return {"n": self.numbers.get(article_id, "?"), "href": article_href(article_id, start, end),
                "label": self.labels.get(article_id, "")}

    def figures(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """The report's figures; each charted one also with `chart_id` and its Vega-Lite `spec`."""
        charts, others = super().figures()
        charted = [f for f in self.story.get("figures", []) if figure_chart(f, str) is not None]
        for k, (item, series) in enumerate(zip(charts, charted, strict=True)):
            item["chart_id"] = f"figure-chart-{k + 1}"
            item["spec"] = figure_spec(series, self.cite)
        return charts, others

    def events(self) -> dict[str, Any] | None:
        """The conflict-cooperation block when the story has events: the chart's spec, the same by day as a
        table (shown without JS), the pairs of countries with their trend, every event with its citations."""
        events = self.story.get("events") or []
        if not events:
            return None
        rows = _event_rows(events, self.cite)
        days: dict[str, dict[str, Any]] = {}
        for e, row in ((events[r["key"]], r) for r in rows):
            d = days.setdefault(row["date"], {"day": row["day"], "cooperation": 0.0, "conflict": 0.0, "n": 0,
                                              "spans": []})
            d[row["side"]] += row["score"]
            d["n"] += 1
            d["spans"] += [{"article_id": s["article"], "start": s.get("start"), "end": s.get("end")}
                           for s in e["sources"]]
        by_day = [{"day": d["day"], "events": d["n"], "cooperation": number(d["cooperation"]),
                   "conflict": number(d["conflict"]), "net": number(d["cooperation"] + d["conflict"]),
                   "cites": self.cites(d["spans"])} for _, d in sorted(days.items())]
        pairs = sorted(self.story.get("event_series", []), key=lambda p: -sum(x["events"] for x in p["points"]))
        listed = [{"day": _when(e.get("date")), "type": str(e.get("type", "")).lower(),
                   "score": number(float(e.get("score") or 0.0)),
                   "who": " → ".join(str(x) for x in (e.get("actor"), e.get("recipient")) if x),
                   "evidence": e.get("evidence") or "",
                   "cites": self.cites([{"article_id": s["article"], "start": s.get("start"), "end": s.get("end")}
                                        for s in e["sources"]])}
                  for e in sorted(events, key=lambda e: str(e.get("date") or ""))]
        return {"chart_id": "events-chart", "spec": events_spec(rows) if rows else None, "days": by_day,
                "charted": len(rows), "total": len(events), "events": listed,
                "pairs": [{"who": f"{p['actor']} → {p['recipient']}", "trend": p["trend"],
                           "events": sum(x["events"] for x in p["points"])} for p in pairs[:SHOWN_PAIRS]]}

    def articles_list(self) -> list[dict[str, Any]]:
        """The story's articles with their copies folded under the first of their duplicate group."""
        rows = []
        for a in self.story["articles"]:
            article = self.articles.get(a["id"])
            rows.append({"n": self.numbers[a["id"]], "href": article_href(a["id"]), "label": self.labels[a["id"]],
                         "title": a.get("title") or (article.title if article else None) or "(no title)",
                         "published": show_date(a.get("published")), "url": safe_url(a.get("url")),
                         "inferred": a.get("published_from") == "inferred", "copy_of": a.get("copy_of"),
                         "copies": []})
        by_id = {a["id"]: row for a, row in zip(self.story["articles"], rows, strict=True)}
        top: list[dict[str, Any]] = []
        for row in rows:
            original = by_id.get(row["copy_of"]) if row["copy_of"] else None
            (original["copies"] if original is not None else top).append(row)
        return top


class KindMarks(SpanMarks):
    """`SpanMarks` whose marks carry a kind (CSS class) and a stable id `span-START-END`."""

    def __init__(self) -> None:
        super().__init__("m")
        self.kinds: dict[tuple[int, int], str] = {}

    def add_kind(self, article_id: str, start: int, end: int, kind: str) -> None:
        key = (start, end)
        if key not in self.kinds or KINDS.index(kind) < KINDS.index(self.kinds[key]):
            self.kinds[key] = kind
        self.add(article_id, start, end)

    def _open_tag(self, start: int, end: int, mark_id: str) -> str:
        kind = self.kinds.get((start, end), "name")
        return f'<mark id="{span_anchor(start, end)}" class="k-{kind}" title="{kind}">'


def _spans(analysis: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[tuple[int, int, str]]:
    spans = []
    for kind, name in KIND_FIELDS.items():
        for item in analysis.get(name, []):
            if kind == "name" and item.get("label") not in NAME_LABELS:
                continue
            spans.append((int(item["start"]), int(item["end"]), kind))
    return spans


def article_text(article: Article, analysis: Mapping[str, Sequence[Mapping[str, Any]]],
                 cited: tuple[int, int] | None = None) -> Markup:
    """The text, escaped, with the analysis spans highlighted; a `cited` span wins over those it overlaps."""
    marks = KindMarks()
    if cited is not None:
        marks.add_kind(article.id, cited[0], cited[1], "cited")
    for start, end, kind in _spans(analysis):
        if cited is None or end <= cited[0] or start >= cited[1]:
            marks.add_kind(article.id, start, end, kind)
    return marks.render(article.id, article.text)


def story_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """Title, date range, article and outlet counts of one story record (`Store.list_stories`), and what
    came in since yesterday (`new_articles`, `new_outlets`)."""
    members = record.get("articles", [])
    outlets = {m.get("outlet") for m in members if m.get("outlet")}
    new = int(record.get("new_articles") or 0)
    return {"id": record["id"], "href": f"/stories/{quote(record['id'], safe='')}",
            "title": record.get("title") or "Untitled story", "dates": date_range(record),
            "articles": len(members), "outlets": len(outlets), "entities": list(record.get("entities", []))[:6],
            "new_articles": new, "new_outlets": list(record.get("new_outlets") or []),
            "all_new": new > 0 and new == len(members)}


def article_meta(article: Article) -> list[tuple[str, str]]:
    published = show_date(article.published) if article.published else None
    if published and article.published_from:
        published += f" (from {article.published_from})"
    rows = [("Outlet", article.outlet), ("Byline", article.byline), ("Published", published),
            ("Language", article.language), ("Source", article.source_id), ("Id", article.id)]
    return [(label, value) for label, value in rows if value]


def entity_href(name: str) -> str:
    """The page of a person or organisation by its canonical name (`web.entities`)."""
    return f"/entities/{quote(name, safe='')}"
