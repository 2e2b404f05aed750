"""`storyline watch [FEED...] [--interval SECONDS] [--outlet NAME] [--once]`: follow feeds, ingest what is new."""

from __future__ import annotations

import threading
from typing import Annotated

import typer
from rich.markup import escape

from storyline.cli.app import app, open_store
from storyline.cli.options import Outlet
from storyline.cli.output import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, err, out, report_failure
from storyline.errors import StorylineError
from storyline.ingest.watch import DEFAULT_INTERVAL_S, MAX_INTERVAL_S, MIN_INTERVAL_S, PollResult, Watcher, follow

Feeds = Annotated[list[str] | None, typer.Argument(
    help="Feed URLs (or feed files) to follow; none: the feeds the store already follows.", metavar="FEED...",
    show_default=False)]


def _print(result: PollResult) -> None:
    for failure in result.failed:  # entries that could not be read, as `storyline ingest` reports them
        report_failure(failure)
    if result.error is not None:
        err.print(f"[red]error[/red] {escape(result.line())}", markup=True, highlight=False)
    else:
        out.print(result.line(), markup=False)


@app.command()
def watch(
    ctx: typer.Context,
    feeds: Feeds = None,
    interval: Annotated[int | None, typer.Option(
        "--interval", min=MIN_INTERVAL_S, max=MAX_INTERVAL_S,
        help=f"Seconds between polls of the given feeds (default {DEFAULT_INTERVAL_S}; kept when already followed).",
        show_default=False)] = None,
    outlet: Outlet = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every watched feed once, now, and exit.")] = False,
    no_analyze: Annotated[bool, typer.Option(
        "--no-analyze", help="Store and group only; analyses are computed when first needed.")] = False,
) -> None:
    """Follow RSS/Atom feeds: poll each on its schedule (conditional GET, back-off after failures), store,
    group and analyse the new entries. One line per poll; Ctrl-C stops."""
    with open_store(ctx) as store:
        only: set[str] | None = None
        if feeds:
            only = set()
            for given in feeds:
                try:
                    feed = follow(store, given, outlet, interval, allow_files=True)
                except StorylineError as exc:
                    err.print(f"[red]error[/red] {escape(f'{exc.source}: [{exc.code.value}] {exc.reason}')}",
                              highlight=False)
                    raise typer.Exit(EXIT_USAGE) from exc
                only.add(feed.url)
        elif outlet is not None or interval is not None:
            err.print("[red]error[/red] --outlet and --interval apply to the FEEDs given with them")
            raise typer.Exit(EXIT_USAGE)
        elif not store.list_feeds():
            err.print("[red]error[/red] no feed is followed yet: give the feeds to watch (storyline watch URL...)")
            raise typer.Exit(EXIT_USAGE)
        watcher = Watcher(store, analyze=not no_analyze)
        try:
            if once:
                results = watcher.poll_all(only)
                for result in results:
                    _print(result)
                raise typer.Exit(EXIT_SOME_FAILED if any(r.error or r.failed for r in results) else EXIT_OK)
            count = len(only) if only is not None else len(store.list_feeds())
            err.print(f"storyline: watching {count} feed{'' if count == 1 else 's'} (Ctrl-C stops)")
            watcher.run(threading.Event(), _print, only)
        except KeyboardInterrupt:
            err.print("storyline: stopped")  # each article commits on its own: nothing is half stored
        finally:
            watcher.close()
