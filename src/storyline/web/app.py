"""The FastAPI application: HTML pages (Jinja2, autoescaped) and a JSON API mirroring the contract.

Each group of routes lives in its own module with an `APIRouter` (`ROUTERS`); this module only assembles
them with what every response shares: security headers, the CSRF cookie, the body size limit, error pages.
Every string that comes from an article is escaped by Jinja2's autoescape (`present.marks` escapes texts).
OpenAPI at `/openapi.json`, interactive docs at `/docs`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.contract import SCHEMA_VERSION
from storyline.web import add, api, entities, feeds, pages, search, signin, static_files
from storyline.web.data import Library
from storyline.web.render import page
from storyline.web.security import CSRF_COOKIE, MAX_BODY_BYTES, new_csrf

ROUTERS = (pages.router, api.router, signin.router, static_files.router, add.router, search.router, entities.router,
           feeds.router)

# Defence in depth behind the escaping: the pages run only our own scripts and load nothing from elsewhere.
# FastAPI's own /docs and /redoc pages load Swagger UI / ReDoc from a CDN, so they are left without this policy.
CSP = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
UNGUARDED = ("/docs", "/redoc")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def create_app(db_path: Path | str, token: str | None = None, watch: bool = True) -> FastAPI:
    """The app over the store at `db_path` (created when missing); with `token`, writes require it; with
    `watch`, the followed feeds are polled while the server runs (`web.feeds.lifespan`)."""
    app = FastAPI(title="storyline", version=str(SCHEMA_VERSION), lifespan=feeds.lifespan,
                  description="Sourced, structured stories from the news: a JSON API mirroring the contract.")
    app.state.library = Library(db_path)
    app.state.token = token
    app.state.watch_feeds = watch

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method in WRITE_METHODS:
            length = request.headers.get("content-length")
            if length is None and request.headers.get("transfer-encoding"):
                return PlainTextResponse("send a Content-Length", status_code=411)
            if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
                return PlainTextResponse(f"the request is larger than {MAX_BODY_BYTES // 2**20} MB",
                                         status_code=413)
        cookie = request.cookies.get(CSRF_COOKIE)
        request.state.csrf = cookie or new_csrf()
        response = await call_next(request)
        if not cookie:
            response.set_cookie(CSRF_COOKIE, request.state.csrf, httponly=True, samesite="strict",
                                secure=request.url.scheme == "https")
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not request.url.path.startswith(UNGUARDED):
            response.headers["Content-Security-Policy"] = CSP
        return response

    @app.exception_handler(StarletteHTTPException)
    async def error_page(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html.j2", status=exc.status_code, status_code=exc.status_code,
                    detail=exc.detail if exc.status_code != 404 else "There is nothing at this address.")

    for router in ROUTERS:
        app.include_router(router)
    return app
