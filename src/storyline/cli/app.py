"""The typer application and its global options; each command lives in its own module."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.output import EXIT_SOME_FAILED, err
from storyline.errors import StorylineError
from storyline.settings import default_db_path
from storyline.store import Store

app = typer.Typer(
    name="storyline",
    help="Turn the news on developing stories, as reported by many outlets, into sourced, structured stories.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[Path | None, typer.Option("--db", envvar="STORYLINE_DB",
                                            help="SQLite store (default: a file in your data directory).")] = None,
) -> None:
    ctx.obj = {"db": db or default_db_path()}


def db_path(ctx: typer.Context) -> Path:
    return Path(ctx.find_root().obj["db"])


def open_store(ctx: typer.Context) -> Store:
    """The store named by --db, or a clear error line and exit status 1."""
    try:
        return Store(db_path(ctx))
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc


# Register the commands (imported for their side effect on `app`).
from storyline.cli import (  # noqa: E402,F401
    analyze_cmd,
    articles_cmd,
    batch_cmd,
    export_cmd,
    ingest_cmd,
    report_cmd,
    run_cmd,
    serve_cmd,
    stories_cmd,
    watch_cmd,
)
