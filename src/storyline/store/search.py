"""Reads of the full-text index (`search`, FTS5): articles, quotes and names matching what a reader typed.

User text never reaches FTS5 as syntax: `match_query` turns it into quoted strings only ("exact phrases"
kept together, a prefix match on the last word), so `AND`, `(`, `*`, `-` or a stray `"` are words, not
operators. Snippets come back as segments `(text, is_hit)`, split on random markers chosen per query, so an
article cannot forge a highlight and the caller escapes the text itself.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import dataclass
from typing import Any

KINDS = ("article", "quote", "name")
# Reader input is capped: a longer query is no better, and each term costs a lookup in the index.
MAX_QUERY_CHARS = 500
MAX_TERMS = 24
PREFIX_MIN_CHARS = 3  # prefix-match the last word only from this length on: 'a*' would match half the index
SNIPPET_TOKENS = 28
# Title matters more than body: an article titled with the words, a quote by the speaker searched for.
BM25 = "bm25(search, 4.0, 1.0)"
_TERMS = re.compile(r'"([^"]*)"?|([^\s"]+)')
_WORD = re.compile(r"[^\W_]")  # a character FTS5's unicode61 tokenizer keeps (letters, digits)

Segments = list[tuple[str, bool]]


@dataclass(frozen=True)
class Filters:
    """Which articles count: by outlet (exact) and publication day (inclusive, YYYY-MM-DD)."""

    outlet: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if self.outlet:
            clauses.append("articles.outlet = ?")
            params.append(self.outlet)
        if self.since:
            clauses.append("substr(articles.published, 1, 10) >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("substr(articles.published, 1, 10) <= ?")
            params.append(self.until)
        return "".join(f" AND {c}" for c in clauses), params


def match_query(text: str) -> str | None:
    """A safe FTS5 query for free text: every word or "phrase" a quoted string, all required; None when the
    text holds no word at all. The last bare word is a prefix ('concer' finds 'concerns')."""
    text = text[:MAX_QUERY_CHARS]
    parts: list[str] = []
    last_bare = False
    for found in _TERMS.finditer(text):
        phrase, word = found.group(1), found.group(2)
        term = phrase if phrase is not None else word
        if not _WORD.search(term):
            last_bare = False
            continue
        parts.append('"' + term.replace('"', "") + '"')
        last_bare = word is not None
        if len(parts) == MAX_TERMS:
            break
    if not parts:
        return None
    if last_bare and not text[-1:].isspace() and len(parts[-1]) - 2 >= PREFIX_MIN_CHARS:
        parts[-1] += "*"
    return " ".join(parts)


def _kinds_clause(kinds: tuple[str, ...]) -> tuple[str, list[Any]]:
    wanted = [k for k in kinds if k in KINDS]
    return f" AND search.kind IN ({', '.join('?' * len(wanted))})", wanted


def search(conn: sqlite3.Connection, match: str, filters: Filters, kinds: tuple[str, ...] = KINDS,
           limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
    """Matching rows, best first: kind, article, span, title (article title, speaker or name), segments."""
    if not [k for k in kinds if k in KINDS]:
        return []
    where, params = filters.where()
    kinds_sql, kinds_params = _kinds_clause(kinds)
    open_mark, close_mark = _markers()
    rows = conn.execute(
        "SELECT search.kind, search.article_id, search.span_start, search.span_end, search.title AS hit_title,"
        " search.body AS body, snippet(search, 1, ?, ?, '…', ?) AS snip, highlight(search, 0, ?, ?) AS title_hl,"
        " articles.title AS article_title, articles.outlet, articles.published, story_members.story_id,"
        " EXISTS (SELECT 1 FROM mentions WHERE mentions.article_id = search.article_id"
        "         AND mentions.name = search.title) AS known"
        " FROM search JOIN articles ON articles.id = search.article_id"
        " LEFT JOIN story_members ON story_members.article_id = search.article_id"
        f" WHERE search MATCH ?{kinds_sql}{where} ORDER BY {BM25} LIMIT ? OFFSET ?",
        (open_mark, close_mark, SNIPPET_TOKENS, open_mark, close_mark, match, *kinds_params, *params,
         limit, offset)).fetchall()
    return [_result(row, open_mark, close_mark) for row in rows]


def count_kinds(conn: sqlite3.Connection, match: str, filters: Filters) -> dict[str, int]:
    """How many rows of each kind match."""
    where, params = filters.where()
    rows = conn.execute(
        "SELECT search.kind, count(*) FROM search JOIN articles ON articles.id = search.article_id"
        f" WHERE search MATCH ?{where} GROUP BY search.kind", (match, *params)).fetchall()
    found = {row[0]: int(row[1]) for row in rows}
    return {k: found.get(k, 0) for k in KINDS}


def search_names(conn: sqlite3.Connection, match: str, filters: Filters, limit: int = 20,
                 offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Matching names, one row per name (not per article): name, labels, articles; and how many names match."""
    where, params = filters.where()
    base = ("FROM search JOIN articles ON articles.id = search.article_id"
            f" WHERE search MATCH ? AND search.kind = 'name'{where}")
    total = conn.execute(f"SELECT count(DISTINCT search.title) {base}", (match, *params)).fetchone()[0]
    rows = conn.execute(
        f"SELECT search.title AS name, count(DISTINCT search.article_id) AS articles {base}"
        " GROUP BY search.title ORDER BY articles DESC, name LIMIT ? OFFSET ?",
        (match, *params, limit, offset)).fetchall()
    names = [row["name"] for row in rows]
    labels: dict[str, list[str]] = {}
    if names:
        for row in conn.execute(f"SELECT DISTINCT name, label FROM mentions WHERE name IN"
                                f" ({', '.join('?' * len(names))}) ORDER BY label", names):
            labels.setdefault(row["name"], []).append(row["label"])
    return [{"name": row["name"], "labels": labels.get(row["name"], []), "articles": int(row["articles"])}
            for row in rows], int(total)


def version(conn: sqlite3.Connection) -> int:
    """A number that grows whenever the search index changes (an article stored, an analysis saved): the
    newest row id of the index, whose rows are only ever added (replaced rows get new ids)."""
    row = conn.execute("SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1").fetchone()
    return int(row[0]) if row else 0


def outlets(conn: sqlite3.Connection) -> list[tuple[str, int]]:
    """Every outlet in the store with its article count, by name."""
    rows = conn.execute("SELECT outlet, count(*) FROM articles WHERE outlet IS NOT NULL AND outlet != ''"
                        " GROUP BY outlet ORDER BY outlet COLLATE NOCASE").fetchall()
    return [(row[0], int(row[1])) for row in rows]


def _markers() -> tuple[str, str]:
    """Highlight markers no article can contain: control characters around a random token."""
    token = secrets.token_hex(8)
    return f"\x02{token}\x03", f"\x03{token}\x02"


def segments(marked: str, open_mark: str, close_mark: str) -> Segments:
    """'a [b] c' -> [('a ', False), ('b', True), (' c', False)] for the markers given."""
    out: Segments = []
    for i, part in enumerate(marked.split(open_mark)):
        hit, _, rest = part.partition(close_mark) if i else ("", "", part)
        if hit:
            out.append((hit, True))
        if rest:
            out.append((rest, False))
    return out


def _first_hit(body: str, snip: Segments) -> tuple[int, int] | None:
    """The span in `body` of the snippet's first highlighted words (a snippet is a verbatim slice of it)."""
    text = "".join(t for t, _ in snip)
    lead = 0
    if text.startswith("…") and not body.startswith(text):
        text, lead = text[1:], 1
    if text.endswith("…") and text not in body:
        text = text[:-1]
    at = body.find(text)
    offset = 0
    for part, hit in snip:
        if hit:
            start = at + offset - lead
            return (start, start + len(part)) if at >= 0 and body[start:start + len(part)] == part else None
        offset += len(part)
    return None


def _result(row: sqlite3.Row, open_mark: str, close_mark: str) -> dict[str, Any]:
    snip = segments(row["snip"], open_mark, close_mark)
    kind = row["kind"]
    span: tuple[int, int] | None = (int(row["span_start"]), int(row["span_end"]))
    if kind == "article":
        span = _first_hit(row["body"], snip)
    return {"kind": kind, "article_id": row["article_id"], "story_id": row["story_id"], "span": span,
            "title": row["hit_title"] or None, "title_segments": segments(row["title_hl"], open_mark, close_mark),
            "snippet": snip, "article_title": row["article_title"], "outlet": row["outlet"],
            "published": row["published"], "known": bool(row["known"]) and kind != "article"}
