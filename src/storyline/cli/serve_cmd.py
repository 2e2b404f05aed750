"""`storyline serve [--host 127.0.0.1] [--port 8000]`: the web app over the store (global `--db PATH`)."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from storyline.cli.app import app, db_path
from storyline.cli.output import EXIT_SOME_FAILED, err

LOOPBACK_NAMES = frozenset({"localhost"})


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost`; false for 0.0.0.0, :: and every other address or name."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="STORYLINE_TOKEN",
                                              help="Required to listen beyond the loopback.")] = None,
) -> None:
    """Serve the web app (stories, a story, an article) and the JSON API (/api/..., docs at /docs)."""
    # Beyond the loopback anyone who reaches the port could add articles and follow feeds: require a token
    # there (web.security checks it on every write); on the loopback the CSRF checks suffice.
    if not is_loopback(host) and not token:
        err.print(f"[red]error[/red] refusing to listen on {host} (beyond the loopback) without --token")
        raise typer.Exit(EXIT_SOME_FAILED)
    import uvicorn  # imported here: the other commands need not load the web stack

    from storyline.web import create_app

    web = create_app(db_path(ctx), token=token)
    err.print(f"storyline: serving {db_path(ctx)} on http://{host}:{port}/")
    uvicorn.run(web, host=host, port=port, log_level="info")
