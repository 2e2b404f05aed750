"""`storyline batch` (the pipeline as a Ray Data job, results as Parquet) and `storyline load` (those results
into the store). Ray is imported only when `batch` runs: the rest of the CLI works without the `batch` extra.
"""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.cli.app import app, db_path
from storyline.cli.options import Inputs, NoClean, Outlet, Published, given_meta
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, err
from storyline.errors import StorylineError
from storyline.settings import Settings
from storyline.store import Store

MISSING_EXTRA = "the batch path needs Ray and pyarrow: pip install 'storyline[batch]'"


@app.command()
def batch(
    inputs: Inputs = None,
    out: Annotated[str, typer.Option("--out", help="Output directory (local path or a URI pyarrow reads, "
                                     "e.g. s3://bucket/run).", show_default=False)] = "",
    address: Annotated[str | None, typer.Option("--address", help="Ray cluster to run on (e.g. auto, "
                                                "ray://host:10001); default: local mode on all cores.")] = None,
    cpus: Annotated[int | None, typer.Option("--cpus", help="Cores to use in local mode.", min=1)] = None,
    published: Published = None,
    outlet: Outlet = None,
    no_clean: NoClean = False,
) -> None:
    """Run the whole pipeline as a Ray Data job over sharded inputs and write Parquet tables under --out:
    articles/, entities/, quotes/, times/, figures/, events/, stories/ and errors/."""
    if not inputs:
        raise typer.BadParameter("give at least one file, directory, URI or URL", param_hint="INPUT")
    if not out:
        raise typer.BadParameter("give the output directory", param_hint="--out")
    meta = given_meta(outlet, published, None)
    try:
        from storyline.batch.job import run_batch
    except ImportError as exc:
        err.print(f"[red]error[/red] {MISSING_EXTRA} ({exc})")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    settings = Settings(clean=not no_clean)
    try:
        report = run_batch(inputs, out, address, meta=meta, settings=settings, num_cpus=cpus)
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    err.print(report.line())
    raise typer.Exit(EXIT_SOME_FAILED if report.counts.get("errors") else EXIT_OK)


@app.command()
def load(
    ctx: typer.Context,
    results: Annotated[str, typer.Argument(metavar="DIR", help="Output directory of `storyline batch`.")],
) -> None:
    """Bring the results of `storyline batch` into the store (articles, and the failed items' reasons)."""
    try:
        from storyline.batch.results import load_results
    except ImportError as exc:
        err.print(f"[red]error[/red] {MISSING_EXTRA} ({exc})")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    try:
        with Store(db_path(ctx)) as store:
            report = load_results(results, store)
    except StorylineError as exc:
        err.print(f"[red]error[/red] {exc}")
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    err.print(f"{report.line()} — store: {db_path(ctx)}")
    raise typer.Exit(EXIT_OK)
