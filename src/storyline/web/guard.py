"""What every response shares, as a plain ASGI middleware: the body size limit on writes, the CSRF cookie
(`web.security`), and the security headers.

A plain ASGI middleware rather than FastAPI's `@app.middleware("http")`: that one re-streams every response
body after its headers, and on a small response the two writes meet TCP's delayed acknowledgement, adding
~40 ms to each request on the loopback (measured by benchmarks/web_latency.py).
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.web.security import CSRF_COOKIE, MAX_BODY_BYTES, new_csrf

# Defence in depth behind the escaping: the pages run only our own scripts and load nothing from elsewhere.
# FastAPI's own /docs and /redoc pages load Swagger UI / ReDoc from a CDN, so they are left without this policy.
CSP = ("default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
UNGUARDED = ("/docs", "/redoc")
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class Guard:
    """Refuses oversized writes, gives each browser its CSRF token, and adds the security headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] in WRITE_METHODS and (refusal := _size_refusal(headers)) is not None:
            await refusal(scope, receive, send)
            return
        cookie = cookie_parser(headers.get("cookie", "")).get(CSRF_COOKIE)
        token = cookie or new_csrf()
        scope.setdefault("state", {})["csrf"] = token  # request.state.csrf, read by render.page
        set_cookie = None if cookie else _cookie_header(token, secure=scope.get("scheme") == "https")
        guarded = not scope["path"].startswith(UNGUARDED)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["X-Content-Type-Options"] = "nosniff"
                out["Referrer-Policy"] = "no-referrer"
                if guarded:
                    out["Content-Security-Policy"] = CSP
                if set_cookie is not None:
                    out.append("set-cookie", set_cookie)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _size_refusal(headers: Headers) -> Response | None:
    length = headers.get("content-length")
    if length is None and headers.get("transfer-encoding"):
        return PlainTextResponse("send a Content-Length", status_code=411)
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
        return PlainTextResponse(f"the request is larger than {MAX_BODY_BYTES // 2**20} MB", status_code=413)
    return None


def _cookie_header(token: str, secure: bool) -> str:
    """The Set-Cookie value of the CSRF cookie, formatted by Starlette."""
    response = Response()
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure)
    return response.headers["set-cookie"]
