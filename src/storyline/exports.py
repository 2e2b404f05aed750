"""Tabular exports: one row per merged event (a POLECAT-like layout), written as CSV or Parquet.

Every row keeps its provenance: the ids of the articles that report the event and, in `sources`, each
report's article id and character span as JSON.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from storyline.errors import Code, StorylineError
from storyline.group import story_records
from storyline.records import Article
from storyline.synthesize.events import story_events

EVENT_COLUMNS = (
    "event_id", "story_id", "event_date", "event_type", "mode", "status", "actor", "actor_country",
    "actor_sector", "recipient", "recipient_country", "recipient_sector", "plover_score", "cameo", "goldstein",
    "reports", "articles", "evidence", "sources",
)  # fmt: skip
FORMATS = ("csv", "parquet")


def event_rows(articles: Sequence[Article], analyses: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Group the articles into stories, merge each story's event reports, and lay them out one per row."""
    events_by_id = {a.id: analysis.get("events", []) for a, analysis in zip(articles, analyses, strict=True)}
    rows: list[dict[str, Any]] = []
    for story in story_records(articles):
        members = [{"id": m["id"], "events": events_by_id.get(m["id"], [])} for m in story["articles"]]
        for n, event in enumerate(story_events(members)["events"], start=1):
            rows.append(_row(f"{story['id']}-e{n}", story["id"], event))
    return rows


def _row(event_id: str, story_id: str, event: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": event_id, "story_id": story_id, "event_date": event.get("date"),
        "event_type": event.get("type"), "mode": event.get("mode"), "status": event.get("status"),
        "actor": event.get("actor"), "actor_country": event.get("actor_country"),
        "actor_sector": event.get("actor_sector"), "recipient": event.get("recipient"),
        "recipient_country": event.get("recipient_country"), "recipient_sector": event.get("recipient_sector"),
        "plover_score": event.get("score"), "cameo": event.get("cameo"), "goldstein": event.get("goldstein"),
        "reports": event.get("reports", 1), "articles": ";".join(event.get("articles", [])),
        "evidence": event.get("evidence"),
        "sources": json.dumps([{k: s.get(k) for k in ("article", "start", "end")} for s in event.get("sources", [])]),
    }  # fmt: skip


def write_rows(rows: Iterable[dict[str, Any]], path: Path, fmt: str, columns: Sequence[str] = EVENT_COLUMNS) -> int:
    """Write rows to `path` as CSV or Parquet; returns the number of rows written."""
    rows = list(rows)
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(columns))
            writer.writeheader()
            writer.writerows(rows)
    elif fmt == "parquet":
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            raise StorylineError(Code.BAD_OPTION, str(path),
                                 "Parquet needs pyarrow: pip install 'storyline[batch]'") from exc
        table = pa.Table.from_pylist(rows, schema=None) if rows else pa.table({c: [] for c in columns})
        pq.write_table(table, path)
    else:
        raise StorylineError(Code.BAD_OPTION, fmt, f"unknown format; choose one of {', '.join(FORMATS)}")
    return len(rows)
