"""One options object; every default lives here, with the reason beside it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

# A news article is rarely over 200 kB of HTML; 10 MB leaves room for bloated pages while refusing dumps
# (a 50 MB "article" is a mistake, and reading it would stall a batch).
MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# Feeds, JSONL/CSV exports and WARC files hold many articles: they are streamed, so only a sanity cap.
MAX_CONTAINER_BYTES = 20 * 1024 * 1024 * 1024
# Slow news sites answer within a few seconds; 15 s keeps one dead host from stalling a run.
HTTP_TIMEOUT_SECONDS = 15.0
HTTP_MAX_REDIRECTS = 5
USER_AGENT = "storyline/0.1 (+https://github.com/storyline-news/storyline)"


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("storyline")) / "storyline.sqlite"


@dataclass(frozen=True)
class Settings:
    max_document_bytes: int = MAX_DOCUMENT_BYTES
    max_container_bytes: int = MAX_CONTAINER_BYTES
    http_timeout: float = HTTP_TIMEOUT_SECONDS
    http_max_redirects: int = HTTP_MAX_REDIRECTS
    user_agent: str = USER_AGENT
    fetch_feed_pages: bool = True  # fetch an entry's page when the feed carries only a summary
    clean: bool = True  # False: take the text exactly as given (`--no-clean`)
