"""`storyline ingest` and `storyline run` (the main job): inputs into the store."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Annotated

import typer

from storyline.cli.app import app, open_store
from storyline.cli.options import Inputs, NoClean, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err, report_failure, with_progress
from storyline.pipeline import ANALYSIS_BATCH, Known, analyze_cached, clean_inputs
from storyline.records import Article, IngestFailure, SourceMeta
from storyline.settings import Settings
from storyline.store import Store


@dataclass
class IngestReport:
    stored: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    failed: list[IngestFailure] = field(default_factory=list)

    def line(self) -> str:
        return f"{len(self.stored)} stored, {len(self.already)} already stored, {len(self.failed)} failed"


def ingest_into(store: Store, inputs: list[str], meta: SourceMeta, settings: Settings,
                analyze: bool = True) -> IngestReport:
    """Read, clean and store every input; each article in its own transaction together with its story
    assignment (the stories in the store are updated incrementally), failures reported and kept. With
    `analyze`, new articles are analysed in batches and their analyses stored (pipeline.analyze_cached);
    inputs already stored are neither cleaned nor analysed again."""
    report = IngestReport()
    pending: list[Article] = []
    for item in with_progress(clean_inputs(inputs, meta, settings, known=store.has_article), "ingesting"):
        if isinstance(item, IngestFailure):
            report.failed.append(item)
            report_failure(item)
            store.record_failure(item)
        elif isinstance(item, Known):
            report.already.append(item.article_id)
        elif store.add_article(item.doc, item.article, group=True):
            report.stored.append(item.article.id)
            pending.append(item.article)
        else:
            report.already.append(item.article.id)
        if analyze and len(pending) >= ANALYSIS_BATCH:
            analyze_cached(store, pending)
            pending.clear()
    if analyze and pending:
        analyze_cached(store, pending)
    store.save_story_index()
    return report


@app.command()
def ingest(
    ctx: typer.Context,
    inputs: Inputs = None,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    no_clean: NoClean = False,
    no_analyze: Annotated[bool, typer.Option(
        "--no-analyze", help="Store and group only; analyses are computed when first needed.")] = False,
) -> None:
    """Read articles (files, directories, URLs, feeds, exports, WARC) into the store, group them into stories
    and store their analyses."""
    if not inputs:
        raise typer.BadParameter("give at least one file, directory, URL or feed", param_hint="INPUT")
    settings = replace(Settings(), clean=not no_clean)
    with open_store(ctx) as store:
        report = ingest_into(store, inputs, given_meta(outlet, published, url), settings, analyze=not no_analyze)
    err.print(report.line())
    raise typer.Exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)
