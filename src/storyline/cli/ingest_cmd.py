"""`storyline ingest` and `storyline run` (the main job): inputs into the store."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import typer

from storyline.cli.app import app, open_store
from storyline.cli.options import Inputs, NoClean, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err, report_failure, with_progress
from storyline.pipeline import clean_inputs
from storyline.records import IngestFailure, SourceMeta
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
    with open_store(ctx) as store:
        report = ingest_into(store, inputs, given_meta(outlet, published, url), settings)
    err.print(report.line())
    raise typer.Exit(EXIT_SOME_FAILED if report.failed else EXIT_OK)
