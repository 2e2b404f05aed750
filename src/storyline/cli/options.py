"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

from storyline.clean.dates import normalise_date
from storyline.records import SourceMeta

Inputs = Annotated[list[str] | None, typer.Argument(help="Files, directories, URLs or feeds.", show_default=False)]
Outlet = Annotated[str | None, typer.Option("--outlet", help="Outlet of every input (overrides metadata).")]
Published = Annotated[str | None, typer.Option("--published", help="Publication date of every input (ISO 8601).")]
Url = Annotated[str | None, typer.Option("--url", help="URL of the input (for a single article).")]
NoClean = Annotated[bool, typer.Option("--no-clean", help="Take the text exactly as given: nothing removed.")]


def given_meta(outlet: str | None, published: str | None, url: str | None) -> SourceMeta:
    if published is not None and normalise_date(published) is None:
        raise typer.BadParameter(f"{published!r} is not a date (try 2022-01-28)", param_hint="--published")
    return SourceMeta(outlet=outlet, published=published, url=url)
