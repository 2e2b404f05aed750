"""`storyline analyze`: one JSON object per article on stdout, no store needed."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Annotated

import typer

from storyline.cli.app import app
from storyline.cli.options import Inputs, NoClean, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, report_failure
from storyline.contract import article_record
from storyline.errors import Code
from storyline.pipeline import analyze_stream, clean_inputs
from storyline.records import IngestFailure
from storyline.settings import Settings


@app.command()
def analyze(
    inputs: Inputs = None,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
    no_clean: NoClean = False,
    fmt: Annotated[str, typer.Option("--format", help="Output format.", case_sensitive=False)] = "jsonl",
) -> None:
    """Analyze articles and print one JSON object per article (the JSON contract in DESIGN.md)."""
    if fmt.lower() != "jsonl":
        raise typer.BadParameter("only 'jsonl' is supported", param_hint="--format")
    if not inputs:
        raise typer.BadParameter("give at least one file, directory, URL or feed", param_hint="INPUT")
    settings = replace(Settings(), clean=not no_clean)
    failed = 0
    for item in analyze_stream(clean_inputs(inputs, given_meta(outlet, published, url), settings)):
        if isinstance(item, IngestFailure):
            failed += 1
            report_failure(item)
            continue
        cleaned, analysis = item
        for problem in analysis.get("analysis_errors", []):
            failed += 1
            report_failure(IngestFailure(cleaned.article.source_id, Code.INTERNAL.value, f"analysis: {problem}"))
        typer.echo(json.dumps(article_record(cleaned.article, analysis), ensure_ascii=False))
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
