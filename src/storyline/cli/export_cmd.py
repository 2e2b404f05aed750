"""`storyline export events`: merged events as a table (CSV or Parquet), from INPUT or the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import app, open_store
from storyline.cli.options import Inputs
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err, report_failure
from storyline.errors import StorylineError
from storyline.exports import FORMATS, event_rows, write_rows
from storyline.pipeline import ANALYSIS_BATCH, Cleaned, analyze_articles, analyze_cached, clean_inputs
from storyline.records import Article
from storyline.store import Store

export_app = typer.Typer(help="Export what storyline found as tables.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("events")
def export_events(
    ctx: typer.Context,
    inputs: Inputs = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or parquet.", case_sensitive=False)] = "csv",
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: events.FORMAT).")] = None,
) -> None:
    """One row per merged event (PLOVER type, actors, date, scores) with the articles that report it."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    failed = 0
    articles: list[Article] = []
    analyses: list[dict[str, list[dict[str, object]]]] = []
    if inputs:
        for item in clean_inputs(inputs):
            if isinstance(item, Cleaned):
                articles.append(item.article)
            else:
                failed += 1
                report_failure(item)
        analyses = _events_only(articles)
    else:
        with open_store(ctx) as store:
            articles = store.list_articles()
            analyses = _events_only(articles, store)
    target = out or Path(f"events.{fmt}")
    try:
        count = write_rows(event_rows(articles, analyses), target, fmt)
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    err.print(f"{count} events from {len(articles)} articles written to {target}")
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _events_only(articles: list[Article], store: Store | None = None) -> list[dict[str, list[dict[str, object]]]]:
    """Analyse in batches (through the store's cache when there is one) and keep only the events, so that
    memory stays small on a large store."""
    kept: list[dict[str, list[dict[str, object]]]] = []
    for start in range(0, len(articles), ANALYSIS_BATCH):
        chunk = articles[start : start + ANALYSIS_BATCH]
        found = analyze_cached(store, chunk) if store is not None else analyze_articles(chunk)
        kept += [{"events": a["events"]} for a in found]
    return kept
