"""Shared fixtures: a CLI runner and small article files written by the test itself."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

ARTICLE = (
    "Ministers agree to resume grain talks\n\n"
    "The foreign ministers of both countries agreed on Tuesday to resume talks on grain exports next week.\n\n"
    "Officials said the first round would take place in Istanbul, and that a deal was possible within a month.\n"
)


@pytest.fixture
def closed_port() -> str:
    """`http://127.0.0.1:PORT` where nothing listens (a port that was free a moment ago): refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture
def cli(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Run `storyline --db <tmp> ARGS...` in-process; returns the click Result."""
    runner = CliRunner()
    db = tmp_path / "store.sqlite"

    def invoke(*args: str):  # type: ignore[no-untyped-def]
        return runner.invoke(app, ["--db", str(db), *args], catch_exceptions=False)

    return invoke


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "grain.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "grain.meta.json").write_text(json.dumps({"outlet": "Example News", "published": "2022-03-01"}))
    return path
