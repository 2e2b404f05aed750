"""Reads of who appears where (`mentions`): the most mentioned names, and the rows of one name or a few.

A row of `mentions` is one canonical name in one article; these reads add the article's outlet, date and
story so that a page can group appearances by story without reading the articles themselves.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from storyline.store.db import select_in


def _label_clause(labels: Sequence[str] | None) -> tuple[str, list[Any]]:
    if not labels:
        return "", []
    return f" AND label IN ({', '.join('?' * len(labels))})", list(labels)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _filters(labels: Sequence[str] | None, text: str | None) -> tuple[str, list[Any]]:
    sql, params = _label_clause(labels)
    if text:
        sql += " AND (name LIKE ? ESCAPE '\\' OR variants LIKE ? ESCAPE '\\')"
        params += [_like(text), _like(text)]
    return sql, params


def list_entities(conn: sqlite3.Connection, labels: Sequence[str] | None = None, text: str | None = None,
                  limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """Names by the number of articles they appear in (then mentions): name, label, articles, stories,
    mentions, quotes. `labels` None means every label; `text` filters names and variants (substring)."""
    where, params = _filters(labels, text)
    rows = conn.execute(
        "SELECT name, label, count(*) AS articles, count(DISTINCT story_members.story_id) AS stories,"
        " sum(mentions) AS mentions, sum(quotes) AS quotes FROM mentions"
        " LEFT JOIN story_members ON story_members.article_id = mentions.article_id"
        f" WHERE 1{where} GROUP BY name, label ORDER BY articles DESC, mentions DESC, name LIMIT ? OFFSET ?",
        (*params, limit, offset)).fetchall()
    return [dict(row) for row in rows]


def count_entities(conn: sqlite3.Connection, labels: Sequence[str] | None = None, text: str | None = None) -> int:
    where, params = _filters(labels, text)
    sql = f"SELECT count(*) FROM (SELECT 1 FROM mentions WHERE 1{where} GROUP BY name, label)"
    return int(conn.execute(sql, params).fetchone()[0])


def labels(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every label with its number of distinct names, most first."""
    rows = conn.execute("SELECT label, count(DISTINCT name) AS n FROM mentions GROUP BY label"
                        " ORDER BY n DESC, label").fetchall()
    return [(row[0], int(row[1])) for row in rows]


def entity_rows(conn: sqlite3.Connection, names: Sequence[str]) -> list[dict[str, Any]]:
    """The mentions rows of `names` with their article's title, outlet, date and story, newest first."""
    rows = select_in(
        conn, "SELECT mentions.article_id, mentions.name, mentions.label, mentions.variants, mentions.mentions,"
        " mentions.quotes, mentions.first_start, mentions.first_end, articles.title, articles.outlet,"
        " articles.published, story_members.story_id, stories.title AS story_title FROM mentions"
        " JOIN articles ON articles.id = mentions.article_id"
        " LEFT JOIN story_members ON story_members.article_id = mentions.article_id"
        " LEFT JOIN stories ON stories.id = story_members.story_id"
        " WHERE mentions.name IN ({in})", names)
    out = [{**dict(row), "variants": json.loads(row["variants"])} for row in rows]
    out.sort(key=lambda r: (r["published"] or "", r["article_id"]), reverse=True)
    return out


def story_names(conn: sqlite3.Connection, story_ids: Sequence[str]) -> list[dict[str, Any]]:
    """(story_id, article_id, name, label) of every name in every article of the stories given."""
    rows = select_in(
        conn, "SELECT story_members.story_id, mentions.article_id, mentions.name, mentions.label FROM story_members"
        " JOIN mentions ON mentions.article_id = story_members.article_id"
        " WHERE story_members.story_id IN ({in}) ORDER BY story_members.seq, mentions.first_start", story_ids)
    return [dict(row) for row in rows]


def names_with_word(conn: sqlite3.Connection, word: str, limit: int = 200) -> list[tuple[str, str]]:
    """Distinct (name, label) whose name holds `word` as a whole word (through the full-text name rows)."""
    if not any(c.isalnum() for c in word):
        return []
    rows = conn.execute(
        "SELECT DISTINCT mentions.name, mentions.label FROM"
        " (SELECT DISTINCT title FROM search WHERE search MATCH ? AND kind = 'name' LIMIT ?) AS hits"
        " JOIN mentions ON mentions.name = hits.title",
        ('title : "' + word.replace('"', "") + '"', limit)).fetchall()
    return [(row[0], row[1]) for row in rows]
