"""The reading pages: stories (`/`), a story (`/stories/{id}`), an article (`/articles/{id}`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from storyline.present.report import safe_url
from storyline.web.render import MAX_PAGE, PAGE_SIZE, library, page
from storyline.web.views import WebStoryView, article_meta, article_text, parse_span, story_row

router = APIRouter(include_in_schema=False)
Offset = Annotated[int, Query(ge=0, le=MAX_PAGE * 1000, description="How many to skip.")]


@router.get("/", response_class=HTMLResponse)
def stories_page(request: Request, offset: Offset = 0) -> HTMLResponse:
    records, total = library(request).story_records(limit=PAGE_SIZE, offset=offset)
    return page(request, "stories.html.j2", rows=[story_row(r) for r in records], total=total,
                offset=offset, page_size=PAGE_SIZE)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, story_id: str) -> HTMLResponse:
    lib = library(request)
    version = lib.story(story_id)
    if version is None:
        raise HTTPException(404, "no such story")

    def render() -> str:  # the page holds no per-visitor data (no form token): one rendering per version
        view = WebStoryView(1, version.story, version.articles)
        return bytes(page(request, "story.html.j2", v=view, story_id=story_id, pending=version.pending).body
                     ).decode()

    return HTMLResponse(lib.rendered(("story", story_id, version.key, version.pending), render))


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, span: str | None = None) -> HTMLResponse:
    lib = library(request)
    found = lib.article(article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    article, story_id = found
    analysis = lib.analysis(article)
    text = article_text(article, analysis, parse_span(span, len(article.text)))
    return page(request, "article.html.j2", article=article, story_id=story_id, meta=article_meta(article),
                url=safe_url(article.url), text=text,
                counts={k: len(analysis.get(k, [])) for k in ("quotes", "figures", "times", "entities")})
