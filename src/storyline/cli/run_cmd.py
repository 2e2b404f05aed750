"""`storyline run`, the main job: ingest, then show the articles, the stories and a report of them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from storyline.cli.app import app, db_path, open_store
from storyline.cli.articles_cmd import articles_table
from storyline.cli.ingest_cmd import ingest_into
from storyline.cli.options import Inputs
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err, out
from storyline.errors import StorylineError
from storyline.pipeline import analyze_cached
from storyline.present.report import write_report
from storyline.records import Article, SourceMeta
from storyline.sample import sample_corpus
from storyline.settings import Settings
from storyline.synthesize.story import filled_stories

DEFAULT_REPORT = Path("storyline-report.html")


@app.command()
def run(
    ctx: typer.Context,
    inputs: Inputs = None,
    report_path: Annotated[Path, typer.Option("--report", help="Where to write the HTML report.")] = DEFAULT_REPORT,
) -> None:
    """The main job: ingest INPUT (default: the bundled sample corpus) into the store, show the articles and
    their stories, and write a self-contained HTML report of the stories."""
    try:
        sources = inputs or [str(sample_corpus())]
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    with open_store(ctx) as store:
        result = ingest_into(store, sources, SourceMeta(), Settings())
        ids = set(result.stored + result.already)
        articles = [a for a in store.list_articles() if a.id in ids]
        story_ids = {store.story_of(a.id) for a in articles} - {None}
        records = [r for r in store.list_stories() if r["id"] in story_ids]
        analyses = dict(zip([a.id for a in articles], analyze_cached(store, articles), strict=True))
    out.print(articles_table(articles, title=f"{len(articles)} articles from {', '.join(sources)}"))
    out.print(_removal_summary(articles))
    stories = filled_stories(records, articles, analyses=analyses)
    out.print(_stories_table(stories))
    write_report(stories, {a.id: a for a in articles}, report_path, "html")
    err.print(f"{result.line()} — store: {db_path(ctx)}")
    err.print(f"report: {report_path.resolve()} (open it in a browser)")
    raise typer.Exit(EXIT_SOME_FAILED if result.failed else EXIT_OK)


def _removal_summary(articles: list[Article]) -> Table:
    counts = Counter(removal.reason for article in articles for removal in article.removed)
    table = Table(title="What the cleaner removed (see `storyline show ID`)")
    table.add_column("reason")
    table.add_column("pieces", justify="right")
    for reason, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        table.add_row(reason, str(count))
    return table


def _stories_table(stories: list[dict]) -> Table:  # type: ignore[type-arg]
    table = Table(title=f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'}", show_lines=True)
    for column in ("story", "articles", "timeline", "speakers", "figures", "events", "summary (first sentence)"):
        table.add_column(column, overflow="fold")
    for story in stories:
        lead = story["summary"][0]["text"] if story["summary"] else ""
        table.add_row(escape(story["title"] or story["id"]), str(len(story["articles"])),
                      str(len(story["timeline"])), str(len(story["quotes"])), str(len(story["figures"])),
                      str(len(story.get("events", []))), escape(lead))
    return table
