"""`storyline stories`: the stories in the store, or INPUT grouped in memory; a table or the JSON contract."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.cli.app import app, open_store
from storyline.cli.options import Inputs, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, out, report_failure
from storyline.contract import SCHEMA_VERSION
from storyline.group import story_records
from storyline.pipeline import Cleaned, analyze_cached, clean_inputs
from storyline.records import Article
from storyline.synthesize.story import build_stories, filled_stories

FORMATS = ("table", "json")


@app.command()
def stories(
    ctx: typer.Context,
    inputs: Inputs = None,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: table or json.", case_sensitive=False)] = "table",
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many stories.")] = None,
) -> None:
    """Stories, newest activity first: those in the store (`storyline ingest` builds them), or with INPUT,
    the given articles grouped in memory (duplicates and wire copies included); the store is not touched then."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if not inputs:
        with open_store(ctx) as store:
            records = store.list_stories(limit=limit)
            if fmt == "json":  # the contract's story fields need the articles' analyses
                found = [store.get_article(m["id"]) for r in records for m in r["articles"]]
                members = [a for a in found if a is not None]
                analyses = dict(zip([a.id for a in members], analyze_cached(store, members), strict=True))
                records = filled_stories(records, members, analyses=analyses)
        _print(records, fmt)
        raise typer.Exit(EXIT_OK)
    failed = 0

    def articles() -> Iterator[Article]:
        nonlocal failed
        for item in clean_inputs(inputs, given_meta(outlet, published, url)):
            if isinstance(item, Cleaned):
                yield item.article
            else:
                failed += 1
                report_failure(item)

    if fmt == "json":
        _print(build_stories(articles())[:limit], fmt)
    else:  # the table shows labels only: no analysis needed
        _print(story_records(articles())[:limit], fmt)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


def _print(records: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "json":
        typer.echo(json.dumps({"schema": SCHEMA_VERSION, "stories": records}, ensure_ascii=False))
    else:
        print_table(records)


def print_table(records: list[dict[str, Any]]) -> None:
    table = Table(show_lines=False)
    for column in ("story", "title", "dates", "articles", "copies", "outlets", "entities"):
        table.add_column(column, overflow="fold")
    for rec in records:
        dates = " – ".join(d for d in dict.fromkeys((rec["first_published"], rec["last_published"])) if d) or "undated"
        outlets = sorted({a["outlet"] for a in rec["articles"] if a["outlet"]})
        copies = sum(len(g) - 1 for g in rec["duplicates"])
        table.add_row(rec["id"], rec["title"], dates, str(len(rec["articles"])), str(copies),
                      ", ".join(outlets), ", ".join(rec["entities"][:4]))
    out.print(table)
