"""What every route module shares: the templates (autoescaped), `page()` to render one, and the library."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from storyline.web.data import Library

TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZE = 50
MAX_PAGE = 500

templates = Jinja2Templates(directory=str(TEMPLATES))  # autoescape on for .html templates
templates.env.autoescape = True  # and for every other name too: article content is untrusted


def library(request: Request) -> Library:
    """The app's library (store + caches), set by `create_app`."""
    return request.app.state.library  # type: ignore[no-any-return]


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render template `name`; every page gets `csrf` (the form token of `web.security`)."""
    context.setdefault("csrf", getattr(request.state, "csrf", ""))
    return templates.TemplateResponse(request, name, context, status_code=status)
