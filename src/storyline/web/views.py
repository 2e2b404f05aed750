"""What the pages show, built on the report's helpers (`present.report`, `present.marks`, `present.charts`).

- `WebStoryView`: the report's `StoryView`, with each citation linking to the cited span on the article's
  own page (`/articles/{id}?span=START-END#span-START-END`) instead of to a text inside the same page;
- `article_text`: an article's text, escaped, with its quotes, figures, dates and names highlighted, each
  highlight an anchor `span-START-END`; a cited span (`?span=`) always gets its own highlight;
- `story_row`: one line of the stories list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from storyline.present.marks import SpanMarks
from storyline.present.report import StoryView, date_range, safe_url, show_date
from storyline.records import Article

# Highlight kinds, in the order they win when two spans of the same length overlap.
KINDS = ("cited", "quote", "figure", "time", "name")
KIND_FIELDS = {"quote": "quotes", "figure": "figures", "time": "times", "name": "entities"}
# Entity labels worth highlighting as names.
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})


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


class WebStoryView(StoryView):
    """The report's story view; citations point at the article pages."""

    def cite(self, article_id: str, start: int | None = None, end: int | None = None) -> dict[str, Any]:
        return {"n": self.numbers.get(article_id, "?"), "href": article_href(article_id, start, end),
                "label": self.labels.get(article_id, "")}

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
    """Title, date range, article and outlet counts of one story record (`Store.list_stories`)."""
    members = record.get("articles", [])
    outlets = {m.get("outlet") for m in members if m.get("outlet")}
    return {"id": record["id"], "href": f"/stories/{quote(record['id'], safe='')}",
            "title": record.get("title") or "Untitled story", "dates": date_range(record),
            "articles": len(members), "outlets": len(outlets), "entities": list(record.get("entities", []))[:6]}


def article_meta(article: Article) -> list[tuple[str, str]]:
    published = show_date(article.published) if article.published else None
    if published and article.published_from:
        published += f" (from {article.published_from})"
    rows = [("Outlet", article.outlet), ("Byline", article.byline), ("Published", published),
            ("Language", article.language), ("Source", article.source_id), ("Id", article.id)]
    return [(label, value) for label, value in rows if value]
