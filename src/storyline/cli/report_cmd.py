"""`storyline report [INPUT...] --out FILE [--format html|json]`: the stories of INPUT (or of the bundled sample
corpus) as one self-contained HTML report, or the same as JSON."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from storyline.cli.app import app
from storyline.cli.options import Inputs, Outlet, Published, Url, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err, report_failure
from storyline.errors import StorylineError
from storyline.pipeline import Cleaned, clean_inputs
from storyline.present.report import FORMATS, write_report
from storyline.records import Article
from storyline.sample import sample_corpus
from storyline.synthesize.story import DEFAULT_SENTENCES, build_stories


@app.command()
def report(
    inputs: Inputs = None,
    out_path: Annotated[Path, typer.Option("--out", "-o", help="File to write (e.g. report.html).")] = Path(
        "storyline-report.html"),
    fmt: Annotated[str, typer.Option("--format", help="html or json.", case_sensitive=False)] = "html",
    sentences: Annotated[int, typer.Option("--sentences", min=1, help="Summary length per story.")] = DEFAULT_SENTENCES,
    published: Published = None,
    outlet: Outlet = None,
    url: Url = None,
) -> None:
    """Write a report of the stories in INPUT (default: the bundled sample corpus): per story its summary with
    citations, timeline, who said what, figures, where outlets disagree, coverage, and the sources."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise typer.BadParameter(f"choose one of {', '.join(FORMATS)}", param_hint="--format")
    try:
        sources = list(inputs) if inputs else [str(sample_corpus())]
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    failed = 0
    kept: dict[str, Article] = {}

    def articles() -> Iterator[Article]:
        nonlocal failed
        for item in clean_inputs(sources, given_meta(outlet, published, url)):
            if isinstance(item, Cleaned):
                kept[item.article.id] = item.article
                yield item.article
            else:
                failed += 1
                report_failure(item)

    stories = build_stories(articles(), sentences)
    write_report(stories, kept, out_path, fmt)
    err.print(f"{len(stories)} stor{'y' if len(stories) == 1 else 'ies'} from {len(kept)} articles -> {out_path}")
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)
