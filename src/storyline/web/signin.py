"""Signing in with the server's token (only asked for when `storyline serve` was given one)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from storyline.web.render import page
from storyline.web.security import TOKEN_COOKIE, form_from_this_site, same_secret, token_of

router = APIRouter(include_in_schema=False)


@router.get("/signin", response_class=HTMLResponse)
def signin_page(request: Request) -> HTMLResponse:
    return page(request, "signin.html.j2", needed=bool(token_of(request)), wrong=False)


@router.post("/signin", dependencies=[Depends(form_from_this_site)])
def signin(request: Request, token: Annotated[str, Form()] = "") -> Response:
    expected = token_of(request)
    if expected and not same_secret(token, expected):
        return page(request, "signin.html.j2", status=401, needed=True, wrong=True)
    response = RedirectResponse("/", status_code=303)
    if expected:
        response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https")
    return response
