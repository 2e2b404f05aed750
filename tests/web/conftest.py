"""A real server over a real store: `storyline ingest` of a small corpus written here, then uvicorn on a free
port of 127.0.0.1 in a thread, talked to over HTTP with httpx."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

import storyline.cli.serve_cmd  # noqa: F401  (registers `serve` until cli/app.py imports it)
from storyline.cli import app
from storyline.records import Article, RawDocument, SourceMeta
from storyline.store import Store
from storyline.web import create_app

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)>'
CORPUS = [
    {"id": "wire-1", "outlet": "Example Wire", "published": "2022-01-28", "url": "https://wire.example/talks",
     "title": "Macron and Putin talk by phone as tensions rise",
     "text": "French President Emmanuel Macron spoke with Russian President Vladimir Putin by phone on Friday, "
             "the Elysee said.\n\n\"We need a de-escalation,\" Macron told Putin, according to his office.\n\n"
             "Russia has massed more than 100,000 troops near the border with Ukraine, officials said on "
             "Thursday."},
    {"id": "daily-2", "outlet": "Example Daily", "published": "2022-01-31",
     "title": "Putin says the West ignored Russia's security concerns",
     "text": "Russian President Vladimir Putin said on Monday that the West had ignored Russia's main security "
             "demands, days after his call with Emmanuel Macron.\n\n\"Our concerns were ignored,\" Putin said.\n\n"
             "Russia now has about 130,000 troops near Ukraine, according to Western officials."},
]
HOSTILE_ARTICLE = {"id": "hostile-3", "outlet": "Hostile <b>Outlet</b>", "published": "2022-02-02",
                   "title": f"Breaking {HOSTILE}",
                   "text": f"A hostile report {HOSTILE} about grain prices in Lagos.\n\n"
                           f"\"{HOSTILE}\" the minister said on Tuesday.\n\nPrices rose by 20 percent, traders said."}


@pytest.fixture(scope="session")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in [*CORPUS, HOSTILE_ARTICLE]), encoding="utf-8")
    db = folder / "store.sqlite"
    result = CliRunner().invoke(app, ["--db", str(db), "ingest", str(corpus)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return db


def _free_socket() -> socket.socket:
    # IPPROTO_TCP given: asyncio sets TCP_NODELAY on accepted sockets only then (else ~40 ms per keep-alive reply)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[FastAPI], str]]:
    """`serve(app)`: the app under uvicorn on a free port of 127.0.0.1, in a thread; returns its base URL.
    Every server started so is stopped at the end of the session."""
    running: list[tuple[uvicorn.Server, threading.Thread, socket.socket]] = []

    def start(app: FastAPI) -> str:
        sock = _free_socket()
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        running.append((server, thread, sock))
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.02)
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, thread, sock in running:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def base_url(store_path: Path, serve: Callable[[FastAPI], str]) -> str:
    return serve(create_app(store_path))


def store_text(db: Path, article_id: str, text: str, published: str = "2024-01-08",
               outlet: str = "Daily Example") -> None:
    """One article stored and grouped into its story, as an ingest stores it (no cleaning, no analysis)."""
    article = Article(id=article_id, source_id=f"/in/{article_id}", text=text, outlet=outlet,
                      published=published, published_from="metadata")
    doc = RawDocument(source_id=article.source_id, kind="text", body=text, raw=text.encode(), name=article_id,
                      meta=SourceMeta())
    with Store(db) as store:
        store.add_article(doc, article, group=True)


@pytest.fixture
def add_text() -> Callable[..., None]:
    """`add_text(db, article_id, text, published=..., outlet=...)`: see `store_text`."""
    return store_text


@pytest.fixture(scope="session")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as client:
        yield client
