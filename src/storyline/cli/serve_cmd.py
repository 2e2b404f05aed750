"""`storyline serve [--host 127.0.0.1] [--port 8000]`: the web app over the store (global `--db PATH`)."""

from __future__ import annotations

import ipaddress
import os
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
    workers: Annotated[int, typer.Option(min=1, max=64, help="Server processes (one per core pays when many "
                                                             "readers come at once).")] = 1,
) -> None:
    """Serve the web app (stories, a story, an article) and the JSON API (/api/..., docs at /docs)."""
    # Beyond the loopback anyone who reaches the port could add articles and follow feeds: require a token
    # there (web.security checks it on every write); on the loopback the CSRF checks suffice.
    if not is_loopback(host) and not token:
        err.print(f"[red]error[/red] refusing to listen on {host} (beyond the loopback) without --token")
        raise typer.Exit(EXIT_SOME_FAILED)
    import uvicorn  # imported here: the other commands need not load the web stack

    from storyline.store import Store
    from storyline.web.app import DB_ENV, TOKEN_ENV, create_app

    err.print(f"storyline: serving {db_path(ctx)} on http://{host}:{port}/")
    if workers == 1:
        uvicorn.run(create_app(db_path(ctx), token=token), host=host, port=port, log_level="info")
        return
    Store(db_path(ctx)).close()  # opens (and migrates) the store once, so that a bad path fails here
    os.environ[DB_ENV] = str(db_path(ctx))
    os.environ[TOKEN_ENV] = token or ""
    uvicorn.run("storyline.web.app:app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level="info")
