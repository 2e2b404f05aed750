"""`storyline ingest` and `storyline run` (the main job): inputs into the store."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

import typer

from storyline.cli.app import app, open_store
from storyline.cli.options import Inputs, NoClean, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err, report_failure, with_progress
from storyline.ingest_job import IngestReport, Outcome, ingest_stream
from storyline.pipeline import clean_inputs
from storyline.records import SourceMeta
from storyline.settings import Settings
from storyline.store import Store


def _report_failure(outcome: Outcome) -> None:
    if outcome.failure is not None:
        report_failure(outcome.failure)


def ingest_into(store: Store, inputs: list[str], meta: SourceMeta, settings: Settings,
                analyze: bool = True) -> IngestReport:
    """Read, clean and store every input; each article in its own transaction together with its story
    assignment (the stories in the store are updated incrementally), failures reported and kept. With
    `analyze`, new articles are analysed in batches and their analyses stored (pipeline.analyze_cached);
    inputs already stored are neither cleaned nor analysed again. (The loop: `ingest_job.ingest_stream`.)"""
    items = with_progress(clean_inputs(inputs, meta, settings, known=store.has_article), "ingesting")
    return ingest_stream(store, items, analyze, progress=_report_failure)


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
