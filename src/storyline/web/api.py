"""The JSON API's reading routes, mirroring the contract: stories, a story, articles, an article."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request

from storyline.contract import SCHEMA_VERSION, article_record
from storyline.web.render import MAX_PAGE, PAGE_SIZE, library

router = APIRouter(prefix="/api")
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="How many to return.")]
Offset = Annotated[int, Query(ge=0, description="How many to skip.")]


@router.get("/stories", tags=["stories"])
def api_stories(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    """Stories (id, title, articles, duplicates, entities, dates), newest activity first."""
    records, total = library(request).story_records(limit=limit, offset=offset)
    return {"schema": SCHEMA_VERSION, "total": total, "offset": offset, "stories": records}


@router.get("/stories/{story_id}", tags=["stories"])
def api_story(request: Request, story_id: str) -> dict[str, Any]:
    """One story with its synthesis: timeline, quotes, figures, events, coverage, summary. While articles that
    joined the story are being synthesised, the last synthesis is returned and `pending_articles` counts them."""
    version = library(request).story(story_id)
    if version is None:
        raise HTTPException(404, "no such story")
    return {"schema": SCHEMA_VERSION, **version.story, "pending_articles": version.pending}


@router.get("/articles", tags=["articles"])
def api_articles(request: Request, limit: Limit = PAGE_SIZE, offset: Offset = 0) -> dict[str, Any]:
    """Stored articles, newest first, as contract records without their analysis fields filled."""
    items, total = library(request).articles(limit=limit, offset=offset)
    return {"schema": SCHEMA_VERSION, "total": total, "offset": offset,
            "articles": [article_record(a) for a in items]}


@router.get("/articles/{article_id}", tags=["articles"])
def api_article(request: Request, article_id: str) -> dict[str, Any]:
    """One article as the contract's record with its analysis, and the id of its story."""
    lib = library(request)
    found = lib.article(article_id)
    if found is None:
        raise HTTPException(404, "no such article")
    article, story_id = found
    return {**article_record(article, lib.analysis(article)), "story_id": story_id}
