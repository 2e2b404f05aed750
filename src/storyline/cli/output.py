"""Terminal output shared by the commands: failures on stderr, progress bars, exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from storyline.records import IngestFailure

T = TypeVar("T")

EXIT_OK = 0
EXIT_SOME_FAILED = 1  # the run went on, but some inputs were rejected (each got a line on stderr)
EXIT_USAGE = 2

# Piped output (files, CI, other tools) gets wide tables instead of rich's 80-column default.
PIPED_WIDTH = 200
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else PIPED_WIDTH)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def report_failure(failure: IngestFailure) -> None:
    err.print(f"[red]error[/red] {failure.line()}", markup=True, highlight=False)


def with_progress(items: Iterable[T], label: str) -> Iterator[T]:
    """A progress bar on stderr when it is a terminal; silent otherwise (pipes, tests, CI)."""
    if not err.is_terminal:
        yield from items
        return
    columns = (SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            yield item
            progress.advance(task)
