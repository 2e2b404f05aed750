"""Who may write, and from where. Article content is untrusted, and so is every other site the user visits.

- **CSRF**: every page sets a random `storyline_csrf` cookie (SameSite=Strict, HttpOnly) once; every form
  carries the same value in a hidden `csrf` field (`{{ csrf }}` in templates), and a form POST is accepted
  only when the two match (double-submit: another site can make the browser send the cookie but cannot read
  it). API writes instead need a header that a cross-site form cannot send (`Authorization`, or
  `X-Storyline-Client`), which a browser refuses to add cross-origin without a CORS preflight we never grant.
- **Token**: when the server listens beyond the loopback it is started with a token (`storyline serve
  --token`); every write then needs it, as `Authorization: Bearer TOKEN` (API) or the `storyline_token`
  cookie set by the sign-in form at `/signin` (pages). Reads stay open.
- **Size**: a request body above MAX_BODY_BYTES is refused with 413 before it is read.

Use `Depends(form_writer)` on form routes (with a `csrf` form field) and `Depends(api_writer)` on API writes.
"""

from __future__ import annotations

import hmac
import secrets
from typing import Annotated

from fastapi import Form, HTTPException, Request

CSRF_COOKIE = "storyline_csrf"
TOKEN_COOKIE = "storyline_token"
CLIENT_HEADER = "x-storyline-client"
# Uploads: a news article is rarely above 1 MB even as saved HTML; a WARC or JSONL export of a few thousand
# articles fits in 50 MB. Larger inputs belong to `storyline ingest` or `storyline batch`, not a web form.
MAX_BODY_BYTES = 50 * 1024 * 1024


def new_csrf() -> str:
    return secrets.token_urlsafe(24)


def same_secret(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(str(a), str(b))


def token_of(request: Request) -> str | None:
    """The write token the server requires (None on the loopback without --token)."""
    return getattr(request.app.state, "token", None)


def signed_in(request: Request) -> bool:
    """May this client write? Always on a server without a token; with one, when the client shows it."""
    token = token_of(request)
    if not token:
        return True
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    by_header = scheme.lower() == "bearer" and same_secret(given.strip(), token)
    return by_header or same_secret(request.cookies.get(TOKEN_COOKIE), token)


def form_from_this_site(request: Request,
                        csrf: Annotated[str, Form(description="The page's CSRF token.")] = "") -> None:
    """Dependency of every form POST: the form's CSRF token matches the browser's cookie."""
    if not same_secret(csrf, request.cookies.get(CSRF_COOKIE)):
        raise HTTPException(403, "this form has expired or came from another site: reload the page and retry")


def form_writer(request: Request, csrf: Annotated[str, Form(description="The page's CSRF token.")] = "") -> None:
    """Dependency of form POSTs that write: a matching CSRF token, and the write token when the server has one."""
    form_from_this_site(request, csrf)
    if not signed_in(request):
        raise HTTPException(401, "sign in with the server's token first (/signin)")


def api_writer(request: Request) -> None:
    """Dependency of API writes: a header no cross-site form can send, and the token when the server has one."""
    if token_of(request):
        if not signed_in(request) or not request.headers.get("authorization"):
            raise HTTPException(401, "send the server's token as 'Authorization: Bearer TOKEN'")
    elif not (request.headers.get("authorization") or request.headers.get(CLIENT_HEADER)):
        raise HTTPException(403, f"API writes need an 'Authorization' or '{CLIENT_HEADER}: 1' header")
