"""A real server over a real store: `storyline ingest` of a small corpus written here, then uvicorn on a free
port of 127.0.0.1 in a thread, talked to over HTTP with httpx."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from typer.testing import CliRunner

import storyline.cli.serve_cmd  # noqa: F401  (registers `serve` until cli/app.py imports it)
from storyline.cli import app
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
def base_url(store_path: Path) -> Iterator[str]:
    sock = _free_socket()
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(store_path), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="session")
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=120) as client:
        yield client
