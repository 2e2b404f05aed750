"""`storyline articles` and `storyline show`: reading the store."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from storyline.cli.app import app, db_path, open_store
from storyline.cli.output import EXIT_SOME_FAILED, err, out
from storyline.contract import article_record
from storyline.errors import Code
from storyline.records import Article

Format = Annotated[str, typer.Option("--format", help="table/text or json.", case_sensitive=False)]


def articles_table(articles: list[Article], title: str) -> Table:
    table = Table(title=title)
    table.add_column("id", no_wrap=True, min_width=17)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet")
    table.add_column("title", ratio=1)
    table.add_column("words", justify="right")
    table.add_column("removed", justify="right")
    for a in articles:
        table.add_row(a.id, a.published or "?", escape(a.outlet or "?"), escape(a.title or "(no title)"),
                      str(len(a.text.split())), str(len(a.removed)))
    return table


@app.command()
def articles(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help="How many, newest first.")] = 50,
    fmt: Format = "table",
) -> None:
    """List the stored articles, newest first."""
    with open_store(ctx) as store:
        items = store.list_articles(limit=limit)
        total = store.count_articles()
    if fmt.lower() == "json":
        typer.echo(json.dumps([article_record(a) for a in items], ensure_ascii=False, indent=1))
        return
    out.print(articles_table(items, title=f"{min(limit, total)} of {total} articles in {db_path(ctx)}"))


@app.command()
def show(ctx: typer.Context, article_id: Annotated[str, typer.Argument(metavar="ID")], fmt: Format = "text") -> None:
    """One article: metadata, clean text, and what the cleaner removed and why."""
    with open_store(ctx) as store:
        article = store.get_article(article_id)
    if article is None:
        err.print(f"[red]error[/red] {article_id}: [{Code.NOT_IN_STORE.value}] no such article in {db_path(ctx)}",
                  markup=True)
        raise typer.Exit(EXIT_SOME_FAILED)
    if fmt.lower() == "json":
        typer.echo(json.dumps(article_record(article), ensure_ascii=False, indent=1))
        return
    for label, value in (("id", article.id), ("source", article.source_id), ("title", article.title),
                         ("standfirst", article.standfirst), ("outlet", article.outlet), ("url", article.url),
                         ("byline", article.byline), ("published", _published(article)),
                         ("language", article.language)):
        out.print(f"[bold]{label:>10}[/bold]  {escape(str(value) if value is not None else '—')}")
    out.print()
    out.print(escape(article.text))
    out.print()
    out.print(f"[bold]removed ({len(article.removed)})[/bold]")
    for removal in article.removed:
        out.print(f"  [dim]{removal.reason:>18}[/dim]  {escape(removal.text[:160])}")


def _published(article: Article) -> str | None:
    if article.published is None:
        return None
    return f"{article.published} (from {article.published_from})"
