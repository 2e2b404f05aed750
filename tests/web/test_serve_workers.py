"""`storyline serve --workers N`: N processes build the same app from the environment, and of several server
processes on one store only one polls the feeds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.web.app import DB_ENV, TOKEN_ENV, app_from_env
from storyline.web.feeds import poller_lock


def test_workers_get_the_store_and_token_through_the_environment(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr("uvicorn.run", lambda target, **kw: calls.append({"target": target, **kw}))
    monkeypatch.setenv(DB_ENV, "")  # registered, so that what serve sets is undone after the test
    monkeypatch.setenv(TOKEN_ENV, "")
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.sqlite"), "serve", "--workers", "2",
                                      "--token", "secret"])
    assert result.exit_code == 0, result.output
    assert calls[0]["target"] == "storyline.web.app:app_from_env" and calls[0]["factory"] is True
    assert calls[0]["workers"] == 2
    worker_app = app_from_env()  # what each worker process builds
    assert str(worker_app.state.library.db_path) == str(tmp_path / "s.sqlite")
    assert worker_app.state.token == "secret"


def test_one_process_polls_the_feeds(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    first = poller_lock(db)
    assert first is not None
    assert poller_lock(db) is None  # a second server process on the same store does not poll
    first.close()
    again = poller_lock(db)  # the first one stopped: the right passes on
    assert again is not None
    again.close()
