"""The FastAPI application: HTML pages (Jinja2, autoescaped) and a JSON API mirroring the contract.

Pages: `/` (stories, newest activity first), `/stories/{id}`, `/articles/{id}`; unknown ids get a 404 page.
API: `/api/stories`, `/api/stories/{id}`, `/api/articles`, `/api/articles/{id}`; OpenAPI at `/openapi.json`.
Every string that comes from an article is escaped by Jinja2's autoescape (`present.marks` escapes texts).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from storyline.contract import SCHEMA_VERSION, article_record
from storyline.present.report import safe_url
from storyline.web.data import Library
from storyline.web.views import WebStoryView, article_meta, article_text, parse_span, story_row

TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZE = 50
MAX_PAGE = 500

# Defence in depth behind the escaping: the pages run no script and load nothing from elsewhere. FastAPI's own
# /docs and /redoc pages load Swagger UI / ReDoc from a CDN, so they are left without this policy.
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
UNGUARDED = ("/docs", "/redoc")

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="How many to return.")]
Offset = Annotated[int, Query(ge=0, description="How many to skip.")]


def create_app(db_path: Path | str) -> FastAPI:
    """The app over the store at `db_path` (created when missing)."""
    library = Library(db_path)
    templates = Jinja2Templates(directory=str(TEMPLATES))  # autoescape on for .html templates
    templates.env.autoescape = True  # and for every other name too: article content is untrusted
    app = FastAPI(title="storyline", version=str(SCHEMA_VERSION),
                  description="Sourced, structured stories from the news: a JSON API mirroring the contract.")
    app.state.library = library

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        if not request.url.path.startswith(UNGUARDED):
            response.headers["Content-Security-Policy"] = CSP
        return response

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context, status_code=status)

    @app.exception_handler(StarletteHTTPException)
    async def not_found(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html.j2", status=exc.status_code, status_code=exc.status_code,
                    detail=exc.detail if exc.status_code != 404 else "There is nothing at this address.")

    # -- pages ---------------------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(request: Request, offset: Offset = 0) -> HTMLResponse:
        records, total = library.story_records(limit=PAGE_SIZE, offset=offset)
        return page(request, "stories.html.j2", rows=[story_row(r) for r in records], total=total,
                    offset=offset, page_size=PAGE_SIZE)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str) -> HTMLResponse:
        found = library.story(story_id)
        if found is None:
            raise HTTPException(404, "no such story")
        story, articles = found
        return page(request, "story.html.j2", v=WebStoryView(1, story, articles), story_id=story_id)

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, article_id: str, span: str | None = None) -> HTMLResponse:
        found = library.article(article_id)
        if found is None:
            raise HTTPException(404, "no such article")
        article, story_id = found
        analysis = library.analysis(article)
        text = article_text(article, analysis, parse_span(span, len(article.text)))
        return page(request, "article.html.j2", article=article, story_id=story_id, meta=article_meta(article),
                    url=safe_url(article.url), text=text,
                    counts={k: len(analysis.get(k, [])) for k in ("quotes", "figures", "times", "entities")})

    # -- JSON API ------------------------------------------------------------------------------------------
    @app.get("/api/stories", tags=["stories"])
    def api_stories(limit: Limit = PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
        """Stories (id, title, articles, duplicates, entities, dates), newest activity first."""
        records, total = library.story_records(limit=limit, offset=offset)
        return {"schema": SCHEMA_VERSION, "total": total, "offset": offset, "stories": records}

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(story_id: str) -> dict[str, Any]:
        """One story with its synthesis: timeline, quotes, figures, events, coverage, summary."""
        found = library.story(story_id)
        if found is None:
            raise HTTPException(404, "no such story")
        return {"schema": SCHEMA_VERSION, **found[0]}

    @app.get("/api/articles", tags=["articles"])
    def api_articles(limit: Limit = PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
        """Stored articles, newest first, as contract records without their analysis fields filled."""
        items, total = library.articles(limit=limit, offset=offset)
        return {"schema": SCHEMA_VERSION, "total": total, "offset": offset,
                "articles": [article_record(a) for a in items]}

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One article as the contract's record with its analysis, and the id of its story."""
        found = library.article(article_id)
        if found is None:
            raise HTTPException(404, "no such article")
        article, story_id = found
        return {**article_record(article, library.analysis(article)), "story_id": story_id}

    return app
