"""Stored story syntheses: the last filled story of each story id, with what it was made from."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from storyline.store.analyses import decode, encode
from storyline.store.db import now


def get_synthesis(conn: sqlite3.Connection, story_id: str) -> tuple[str, list[str], dict[str, Any]] | None:
    """(made_from, member ids, filled story) of the story's last synthesis, or None."""
    row = conn.execute("SELECT made_from, members, result FROM syntheses WHERE story_id = ?", (story_id,)).fetchone()
    if row is None:
        return None
    return row["made_from"], json.loads(row["members"]), decode(row["result"])


def save_synthesis(conn: sqlite3.Connection, story_id: str, made_from: str, members: list[str],
                   story: dict[str, Any]) -> None:
    conn.execute("INSERT OR REPLACE INTO syntheses (story_id, made_from, members, result, made_at)"
                 " VALUES (?, ?, ?, ?, ?)", (story_id, made_from, json.dumps(members), encode(story), now()))
