"""The JSON contract of `storyline analyze` (DESIGN.md): one object per article, fields in a fixed order.

Add fields freely; renaming or removing one needs a bump of SCHEMA_VERSION.
"""

from __future__ import annotations

from typing import Any

from storyline.records import Article

SCHEMA_VERSION = 1
# Analysis fields filled by the analysis stages; empty lists until a stage fills them. `dated` (sentences
# reporting a happening, with their date and mode) was added after the first five, without a schema bump.
ANALYSIS_FIELDS = ("entities", "times", "quotes", "figures", "events", "dated")


def article_record(article: Article, analysis: dict[str, list[Any]] | None = None) -> dict[str, Any]:
    analysis = analysis or {}
    record: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "id": article.id,
        "source_id": article.source_id,
        "outlet": article.outlet,
        "url": article.url,
        "byline": article.byline,
        "language": article.language,
        "title": article.title,
        "title_derived": article.title_derived,
        "standfirst": article.standfirst,
        "published": article.published,
        "published_from": article.published_from,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
    }
    for name in ANALYSIS_FIELDS:
        record[name] = list(analysis.get(name, []))
    if analysis.get("analysis_errors"):
        record["analysis_errors"] = list(analysis["analysis_errors"])  # a stage failed: its field is empty
    return record
