"""`storyline ingest` and `storyline run` (the main job): inputs into the store."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import typer
from rich.table import Table

from storyline.cli.app import app, db_path
from storyline.cli.articles_cmd import articles_table
from storyline.cli.options import Inputs, NoClean, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err, out, report_failure, with_progress
from storyline.errors import StorylineError
from storyline.pipeline import clean_inputs
from storyline.records import IngestFailure, SourceMeta
from storyline.sample import sample_corpus
from storyline.settings import Settings
from storyline.store import Store


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)

    def line(self) -> str:
        return f"{len(self.stored)} stored, {len(self.already)} already stored, {len(self.failed)} failed"


def ingest_into(store: Store, inputs: list[str], meta: SourceMeta, settings: Settings) -> IngestReport:
    """Read, clean and store every input; each article in its own transaction together with its story
    assignment (the stories in the store are updated incrementally), failures reported and kept."""
    report = IngestReport()
    for item in with_progress(clean_inputs(inputs, meta, settings), "ingesting"):
        if isinstance(item, IngestFailure):
            report.failed.append(item)
            report_failure(item)
            store.record_failure(item)
        elif store.add_article(item.doc, item.article, group=True):
            report.stored.append(item.article.id)
        else:
            report.already.append(item.article.id)
    store.save_story_index()
    return report


def _open_store(ctx: typer.Context) -> Store:
    try:
        return Store(db_path(ctx))
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: Inputs = None,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    no_clean: NoClean = False,
) -> None:
    """Read articles (files, directories, URLs, feeds, exports, WARC) into the store."""
    if not inputs:
        raise typer.BadParameter("give at least one file, directory, URL or feed", param_hint="INPUT")
    settings = replace(Settings(), clean=not no_clean)
    with _open_store(ctx) as store:
        report = ingest_into(store, inputs, given_meta(outlet, published, url), settings)
    err.print(report.line())
    raise typer.Exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


@app.command()
def run(ctx: typer.Context, inputs: Inputs = None) -> None:
    """The main job: ingest INPUT (default: the bundled sample corpus) and show what storyline made of it."""
    try:
        sources = inputs or [str(sample_corpus())]
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    with _open_store(ctx) as store:
        report = ingest_into(store, sources, SourceMeta(), Settings())
        ids = set(report.stored + report.already)
        articles = [a for a in store.list_articles() if a.id in ids]
    out.print(articles_table(articles, title=f"{len(articles)} articles from {', '.join(sources)}"))
    out.print(_removal_summary(articles))
    err.print(f"{report.line()} — store: {db_path(ctx)}")
    raise typer.Exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)


def _removal_summary(articles: list) -> Table:  # type: ignore[type-arg]
    counts: dict[str, int] = {}
    for article in articles:
        for removal in article.removed:
            counts[removal.reason] = counts.get(removal.reason, 0) + 1
    table = Table(title="What the cleaner removed (see `storyline show ID`)")
    table.add_column("reason")
    table.add_column("pieces", justify="right")
    for reason, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(reason, str(count))
    return table
