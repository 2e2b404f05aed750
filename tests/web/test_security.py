"""Who may add articles (web.security): forms need the page's CSRF token, API writes a header no cross-site
form can send, a server with a token wants it for every write, bodies above the limit are refused unread, and
hostile pasted content is stored as given but shown escaped."""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from storyline.store import Store
from storyline.web import create_app

with warnings.catch_warnings():  # starlette asks for httpx2; the test client works with httpx as installed
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)>'
RAW_TAGS = ("<script>alert(1)", "<img src=x", "<b>Outlet")
TEXT = "Grain prices rose in Lagos on Tuesday after the port closed, traders said.\n\nMaize rose by 20 percent."
FILES = [("files", ("grain.txt", TEXT.encode(), "text/plain"))]
JOB_TIMEOUT = 120  # seconds: the first job of a process loads the spaCy model


def count(db: Path) -> int:
    with Store(db) as store:
        return store.count_articles()


def form_posts(token: str) -> list[tuple[str, dict[str, Any]]]:
    """Each form of /add with `token` as its csrf field (None: no field at all)."""
    base = {"csrf": token} if token is not None else {}
    return [("/add/text", {"data": {**base, "text": TEXT}}), ("/add/url", {"data": {**base, "url": "http://x.test/"}}),
            ("/add/files", {"data": base, "files": FILES})]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.sqlite"


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        test_client.get("/add")  # sets the CSRF cookie, as a browser that opened the page
        yield test_client


@pytest.mark.parametrize("token", [None, "", "forged-by-another-site"])
def test_forms_without_the_pages_csrf_token_are_refused(client: TestClient, db: Path, token: str) -> None:
    for path, body in form_posts(token):
        response = client.post(path, **body)
        assert response.status_code == 403, path
        assert "came from another site" in response.text
    time.sleep(0.2)  # a job wrongly started would have stored something by now
    assert count(db) == 0


def test_a_form_from_another_site_without_the_cookie_is_refused(db: Path) -> None:
    with TestClient(create_app(db)) as other:  # a cross-site POST: the browser sends no SameSite=Strict cookie
        for path, body in form_posts("some-value"):
            assert other.post(path, **body).status_code == 403
    assert count(db) == 0


def test_api_writes_need_a_header_a_form_cannot_send(client: TestClient, db: Path) -> None:
    refused = client.post("/api/articles", json={"text": TEXT})
    assert refused.status_code == 403 and "x-storyline-client" in refused.json()["detail"].lower()
    assert client.post("/api/uploads", files=FILES).status_code == 403
    assert count(db) == 0
    added = client.post("/api/articles", json={"text": TEXT}, headers={"X-Storyline-Client": "1"})
    assert added.status_code == 201 and count(db) == 1


def test_a_server_with_a_token_wants_it_for_every_write(db: Path) -> None:
    with TestClient(create_app(db, token="t")) as client:
        client.get("/add")
        for headers in ({}, {"X-Storyline-Client": "1"}, {"Authorization": "Bearer wrong"}, {"Authorization": "t"}):
            assert client.post("/api/articles", json={"text": TEXT}, headers=headers).status_code == 401, headers
            assert client.post("/api/uploads", files=FILES, headers=headers).status_code == 401, headers
        form = client.post("/add/text", data={"csrf": client.cookies["storyline_csrf"], "text": TEXT})
        assert form.status_code == 401 and "/signin" in form.text, "a valid form, but not signed in"
        assert count(db) == 0
        added = client.post("/api/articles", json={"text": TEXT}, headers={"Authorization": "Bearer t"})
        assert added.status_code == 201 and added.json()["new"] is True
        client.post("/signin", data={"csrf": client.cookies["storyline_csrf"], "token": "t"})
        signed_in = client.post("/add/text", data={"csrf": client.cookies["storyline_csrf"], "text": TEXT + " More."},
                                follow_redirects=False)
        assert signed_in.status_code == 303
        assert client.get("/add").status_code == 200, "reading stays open"


def test_a_body_above_the_limit_is_refused_unread(client: TestClient, db: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storyline.web.guard.MAX_BODY_BYTES", 1000)
    big = [("files", ("big.txt", b"x" * 2000, "text/plain"))]
    token = client.cookies["storyline_csrf"]
    assert client.post("/add/files", data={"csrf": token}, files=big).status_code == 413
    assert client.post("/api/uploads", files=big, headers={"X-Storyline-Client": "1"}).status_code == 413
    assert client.post("/api/articles", json={"text": "y" * 2000}, headers={"X-Storyline-Client": "1"}).status_code == (
        413)
    assert client.post("/add/text", data={"csrf": token, "text": TEXT}, follow_redirects=False).status_code == 303
    assert count(db) <= 1  # only the small paste, whose job may still be running


def test_a_hostile_pasted_article_is_stored_as_given_and_shown_escaped(client: TestClient) -> None:
    form = {"csrf": client.cookies["storyline_csrf"], "title": f"Breaking {HOSTILE}", "outlet": "Hostile <b>Outlet</b>",
            "text": f"A hostile report {HOSTILE} about grain prices in Lagos.\n\n\"{HOSTILE}\" the minister said.",
            "url": "https://evil.example/\"><script>alert(2)</script>"}
    job_page = client.post("/add/text", data=form, follow_redirects=False).headers["location"]
    deadline = time.monotonic() + JOB_TIMEOUT
    while not (job := client.get(f"/api{job_page}").json())["done"]:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert job["state"] == "done" and job["counts"]["stored"] == 1, job
    record = client.get(f"/api/articles/{job['stored'][0]['id']}").json()
    assert HOSTILE in record["title"] and HOSTILE in record["text"], "the store keeps the content as given"
    for path in (job_page, "/", f"/articles/{record['id']}"):
        html = client.get(path).text
        for raw in (*RAW_TAGS, "<script>alert(2)"):
            assert raw not in html, f"{raw!r} unescaped in {path}"
    html = client.get(job_page).text
    assert "Breaking &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert client.get(job_page).headers["content-security-policy"].startswith("default-src 'none'")


def test_a_refused_paste_shows_what_was_typed_escaped(client: TestClient) -> None:
    form = {"csrf": client.cookies["storyline_csrf"], "text": HOSTILE, "title": '"><script>alert(3)</script>',
            "published": "<img src=x onerror=alert(1)>"}
    response = client.post("/add/text", data=form)
    assert response.status_code == 400 and "is not a date" in response.text
    for raw in (*RAW_TAGS, "<script>alert(3)", '"><script'):
        assert raw not in response.text
    assert f"{escape(HOSTILE)}</textarea>" in response.text and 'value="&#34;&gt;&lt;script&gt;' in response.text
