"""`storyline stories`: group articles into stories in memory and print them (table or the JSON contract)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.table import Table

from storyline.cli.app import app
from storyline.cli.options import Inputs, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, out, report_failure
from storyline.contract import SCHEMA_VERSION
from storyline.group import story_records
from storyline.pipeline import Cleaned, clean_inputs
from storyline.records import Article

FORMATS = ("table", "json")


@app.command()
def stories(
    inputs: Inputs = None,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: table or json.", case_sensitive=False)] = "table",
) -> None:
    """Group articles into stories (duplicates and wire copies included) and print them, newest first."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    if not inputs:
        raise typer.BadParameter("give at least one file, directory, URL or feed", param_hint="INPUT")
    failed = 0

    def articles() -> Iterator[Article]:
        nonlocal failed
        for item in clean_inputs(inputs, given_meta(outlet, published, url)):
            if isinstance(item, Cleaned):
                yield item.article
            else:
                failed += 1
                report_failure(item)

    records = story_records(articles())
    if fmt == "json":
        typer.echo(json.dumps({"schema": SCHEMA_VERSION, "stories": records}, ensure_ascii=False))
    else:
        print_table(records)
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


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
