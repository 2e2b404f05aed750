"""Cached analyses, and what is derived from them for reading: who appears where (`mentions`) and the
full-text index rows of quotes and names (`search`). Written together, in one transaction per article."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from storyline.store.db import now, select_in
from storyline.store.search import version

Analysis = dict[str, list[Any]]
# zlib level 6: an analysis is ~15x smaller compressed, and decompressing costs ~0.1 ms.
COMPRESSION = 6


def encode(analysis: Mapping[str, Any]) -> bytes:
    return zlib.compress(json.dumps(analysis, ensure_ascii=False, separators=(",", ":")).encode(), COMPRESSION)


def decode(blob: bytes) -> Analysis:
    return json.loads(zlib.decompress(blob))  # type: ignore[no-any-return]


def get_analyses(conn: sqlite3.Connection, keys: Mapping[str, str], analyzer: str) -> dict[str, Analysis]:
    """Stored analyses by article id for `keys` (article id -> input hash), made by `analyzer` from that input."""
    rows = select_in(conn, "SELECT article_id, input_hash, result FROM analyses WHERE analyzer = ?"
                           " AND article_id IN ({in})", list(keys), analyzer)
    return {row["article_id"]: decode(row["result"]) for row in rows if keys[row["article_id"]] == row["input_hash"]}


def save_analyses(conn: sqlite3.Connection, items: Iterable[tuple[str, str, Analysis]], analyzer: str) -> None:
    """Store (article id, input hash, analysis) triples, replacing older ones and their derived rows; one
    transaction for the lot (a batch of a few dozen articles)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        stamp = now()
        for article_id, input_hash, analysis in items:
            conn.execute("INSERT OR REPLACE INTO analyses (article_id, analyzer, input_hash, result, analyzed_at)"
                         " VALUES (?, ?, ?, ?, ?)", (article_id, analyzer, input_hash, encode(analysis), stamp))
            _replace_derived(conn, article_id, analysis)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _replace_derived(conn: sqlite3.Connection, article_id: str, analysis: Analysis) -> None:
    # New search rows take ids above every id in the index, taken before the old rows go: the index's newest
    # id is the search cache's version (search.version), which must grow whenever the index changes.
    next_id = version(conn) + 1
    conn.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
    old = conn.execute("SELECT rowid FROM search_rows WHERE article_id = ?", (article_id,)).fetchall()
    conn.executemany("DELETE FROM search WHERE rowid = ?", old)
    conn.execute("DELETE FROM search_rows WHERE article_id = ?", (article_id,))
    quotes = analysis.get("quotes", [])
    names = name_rows(analysis.get("entities", []))
    conn.executemany(
        "INSERT INTO mentions (article_id, name, label, variants, mentions, quotes, first_start, first_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(article_id, name, label, json.dumps(sorted(m["variants"]), ensure_ascii=False), m["count"],
          sum(1 for q in quotes if (q.get("speaker") or {}).get("name") == name), m["start"], m["end"])
         for (name, label), m in names.items()],
    )
    rows = [*((name, " ".join(sorted(m["variants"])), "name", article_id, m["start"], m["end"])
              for (name, _), m in names.items()),
            *(((q.get("speaker") or {}).get("name") or "", q["text"], "quote", article_id, q["start"], q["end"])
              for q in quotes)]
    ids = range(next_id, next_id + len(rows))
    conn.executemany("INSERT INTO search (rowid, title, body, kind, article_id, span_start, span_end)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?)", [(i, *row) for i, row in zip(ids, rows, strict=True)])
    conn.executemany("INSERT INTO search_rows (rowid, article_id) VALUES (?, ?)", [(i, article_id) for i in ids])


def name_rows(entities: Sequence[Mapping[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (canonical name, label): surface forms, count and the first mention's span."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for e in entities:
        row = rows.setdefault((e["canonical"], e["label"]),
                              {"variants": set(), "count": 0, "start": e["start"], "end": e["end"]})
        row["variants"].add(e["text"])
        row["count"] += 1
    return rows


def index_article(conn: sqlite3.Connection, article_id: str, title: str | None, text: str) -> None:
    """The article's own full-text row (written with the article, inside its transaction)."""
    conn.execute("INSERT INTO search (title, body, kind, article_id, span_start, span_end)"
                 " VALUES (?, ?, 'article', ?, 0, ?)", (title or "", text, article_id, len(text)))


def count_analyses(conn: sqlite3.Connection, analyzer: str) -> int:
    return int(conn.execute("SELECT count(*) FROM analyses WHERE analyzer = ?", (analyzer,)).fetchone()[0])
