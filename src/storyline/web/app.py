"""The FastAPI application: HTML pages (Jinja2, autoescaped) and a JSON API mirroring the contract.

Each group of routes lives in its own module with an `APIRouter` (`ROUTERS`); this module only assembles
them with what every response shares (`web.guard`: security headers, the CSRF cookie, the body size limit)
and the error pages.
Every string that comes from an article is escaped by Jinja2's autoescape (`present.marks` escapes texts).
OpenAPI at `/openapi.json`, interactive docs at `/docs`.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.contract import SCHEMA_VERSION
from storyline.web import add, api, entities, feeds, pages, search, signin, static_files
from storyline.web.data import Library
from storyline.web.guard import Guard
from storyline.web.render import page

ROUTERS = (pages.router, api.router, signin.router, static_files.router, add.router, search.router, entities.router,
           feeds.router)


# How `storyline serve --workers N` hands its settings to the N server processes (uvicorn starts each one
# fresh and builds its app by calling `app_from_env`).
DB_ENV = "STORYLINE_SERVE_DB"
TOKEN_ENV = "STORYLINE_SERVE_TOKEN"


def app_from_env() -> FastAPI:
    """The app of one server process of `storyline serve --workers N` (settings from the environment)."""
    return create_app(os.environ[DB_ENV], token=os.environ.get(TOKEN_ENV) or None)


def create_app(db_path: Path | str, token: str | None = None, watch: bool = True) -> FastAPI:
    """The app over the store at `db_path` (created when missing); with `token`, writes require it; with
    `watch`, the followed feeds are polled while the server runs (`web.feeds.lifespan`)."""
    app = FastAPI(title="storyline", version=str(SCHEMA_VERSION), lifespan=feeds.lifespan,
                  description="Sourced, structured stories from the news: a JSON API mirroring the contract.")
    app.state.library = Library(db_path)
    app.state.token = token
    app.state.watch_feeds = watch

    app.add_middleware(Guard)

    @app.exception_handler(StarletteHTTPException)
    async def error_page(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html.j2", status=exc.status_code, status_code=exc.status_code,
                    detail=exc.detail if exc.status_code != 404 else "There is nothing at this address.")

    for router in ROUTERS:
        app.include_router(router)
    return app
