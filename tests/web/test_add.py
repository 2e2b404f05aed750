"""Adding articles: the /add page's three forms (upload, paste, fetch), the job pages that show their progress,
and the API's /api/articles, /api/uploads and /api/jobs. Each test module has its own store (the session
store of conftest.py is shared by the read tests, which count its articles)."""

from __future__ import annotations

import json
import re
import tempfile
import threading
import time
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from storyline.records import SourceMeta
from storyline.settings import Settings
from storyline.store import Store
from storyline.web import create_app, jobs, submit

with warnings.catch_warnings():  # starlette asks for httpx2; the test client works with httpx as installed
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

JOB_TIMEOUT = 120  # seconds: the first job of a process loads the spaCy model
WIRE = ("French President Emmanuel Macron spoke with Russian President Vladimir Putin by phone on Friday, the "
        "Elysee said.\n\n\"We need a de-escalation,\" Macron told Putin, according to his office.\n\nRussia has "
        "massed more than 100,000 troops near the border with Ukraine, officials said on Thursday.")
POST = ("Russian President Vladimir Putin and French President Emmanuel Macron discussed the Ukraine crisis by phone "
        "on Friday, the Kremlin said.\n\nMacron called for a de-escalation, his office said.\n\nRussia has more than "
        "100,000 troops near Ukraine's border.")
GRAIN = ("Grain prices rose in Lagos on Tuesday after the port closed, traders said.\n\nThe price of a bag of maize "
         "rose by 20 percent, according to the Lagos traders' association.")
PAGE = (f"<!DOCTYPE html><html><head><title>Talks</title></head><body><article><h1>Macron and Putin talk</h1>"
        f"<p>{WIRE.replace(chr(10) * 2, '</p><p>')}</p></article></body></html>").encode()
FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title></channel></rss>'


def wait(client: TestClient, job_url: str) -> dict[str, Any]:
    """The job's record once it is done (from /api/jobs/{id})."""
    deadline = time.monotonic() + JOB_TIMEOUT
    while True:
        record: dict[str, Any] = client.get(f"/api{job_url}").json()
        if record["done"]:
            return record
        assert time.monotonic() < deadline, record
        time.sleep(0.1)


def csrf(client: TestClient) -> str:
    if not client.cookies.get("storyline_csrf"):
        client.get("/add")
    return str(client.cookies.get("storyline_csrf"))


def count(db: Path) -> int:
    with Store(db) as store:
        return store.count_articles()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("add") / "store.sqlite"
    meta = SourceMeta(title="Macron and Putin talk by phone", outlet="Example Wire", published="2022-01-28")
    jobs.ingest(path, [submit.pasted_document(WIRE, meta)], Settings())
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(db)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """A local web site with an article page, a feed and a 404, for the fetch forms."""
    pages = {"/talks.html": ("text/html; charset=utf-8", PAGE), "/feed.xml": ("application/rss+xml", FEED)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.partition("?")[0]
            kind, body = pages.get(path, ("text/plain", b"gone"))
            self.send_response(200 if path in pages else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def story_of(client: TestClient, article_id: str) -> str:
    return str(client.get(f"/api/articles/{article_id}").json()["story_id"])


def wire_id(client: TestClient) -> str:
    articles = client.get("/api/articles").json()["articles"]
    return str(next(a["id"] for a in articles if a["outlet"] == "Example Wire"))


def test_add_page_has_three_forms_with_the_csrf_token(client: TestClient) -> None:
    html = client.get("/add").text
    token = csrf(client)
    assert len(re.findall(r'<form class="add" method="post"', html)) == 3
    assert html.count(f'<input type="hidden" name="csrf" value="{token}">') == 3
    assert 'action="/add/files" enctype="multipart/form-data"' in html and 'type="file" name="files" multiple' in html
    assert 'href="/feeds"' in html and 'href="/add"' in html, "links to feeds; the top bar links here"
    assert f"Up to {submit.MAX_UPLOAD_FILES} files" in html


def test_uploaded_files_join_their_story_and_bad_ones_fail_alone(client: TestClient, db: Path, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the uploads are saved while the job runs
    records = "".join(json.dumps(r) + "\n" for r in [
        {"id": "post-2", "outlet": "Example Post", "published": "2022-01-29", "title": "Putin and Macron discuss",
         "text": POST},
        {"id": "broken", "outlet": "Example Post"}])  # no text: fails alone
    files = [("files", ("grain.txt", GRAIN.encode(), "text/plain")),
             ("files", ("export.jsonl", records.encode(), "application/json")),
             ("files", ("scan.pdf", b"%PDF-1.4", "application/pdf")),
             ("files", ("../../etc/evil.html", b"<html><body></body></html>", "text/html"))]
    before = count(db)
    response = client.post("/add/files", data={"csrf": csrf(client)}, files=files, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/jobs/")
    job = wait(client, response.headers["location"])
    assert job["state"] == "done" and job["counts"] == {"read": 5, "stored": 2, "already": 0, "failed": 3}
    assert count(db) == before + 2
    failed = {f["source_id"]: f["code"] for f in job["failed"]}
    assert failed.get("scan.pdf") == "E106" and failed.get("evil.html") == "E204", "named by upload, not temp path"
    assert any(code == "E206" for code in failed.values()), failed
    post = next(a for a in job["stored"] if a["source_id"] == "post-2")
    assert post["story_id"] == story_of(client, wire_id(client)), "the Putin-Macron report joins the wire's story"
    html = client.get(response.headers["location"]).text
    assert 'http-equiv="refresh"' not in html, "a finished job stops refreshing"
    assert f'href="/articles/{post["id"]}"' in html and f'href="/stories/{post["story_id"]}"' in html
    assert "scan.pdf" in html and "unsupported file kind" in html and "storyline-upload-" not in html
    assert not list(tmp_path.glob("storyline-upload-*")), "the saved uploads are removed"


def test_uploading_a_file_again_stores_it_once(client: TestClient) -> None:
    files = [("files", ("grain-again.txt", GRAIN.encode() + b"\nAgain.", "text/plain"))]
    first = wait(client, client.post("/add/files", data={"csrf": csrf(client)}, files=files).url.path)
    again = wait(client, client.post("/add/files", data={"csrf": csrf(client)}, files=files).url.path)
    assert first["counts"]["stored"] == 1 and again["counts"] == {"read": 1, "stored": 0, "already": 1, "failed": 0}
    assert again["already"][0]["id"] == first["stored"][0]["id"] and again["already"][0]["story_id"]


def test_a_running_job_page_refreshes_itself(client: TestClient, db: Path) -> None:
    gate = threading.Event()

    def read() -> list[Any]:
        gate.wait(timeout=JOB_TIMEOUT)
        return []

    client.get("/jobs/none")  # makes the app's registry
    registry = client.app.state.jobs  # type: ignore[attr-defined]
    job = registry.new("slow")
    jobs.run(job, db, read)
    try:
        html = client.get(f"/jobs/{job.id}").text
        assert '<meta http-equiv="refresh" content="1">' in html and "Working" in html
        assert client.get(f"/api/jobs/{job.id}").json()["state"] == "running"
    finally:
        gate.set()
    assert wait(client, f"/jobs/{job.id}")["state"] == "done"


def test_pasted_text_is_stored_with_its_metadata(client: TestClient) -> None:
    form = {"csrf": csrf(client), "text": f"{GRAIN}\n\nMaize is now scarce in Kano too.", "title": "Maize prices",
            "outlet": "Lagos Daily", "published": "2022-02-01", "url": ""}
    response = client.post("/add/text", data=form, follow_redirects=False)
    assert response.status_code == 303
    job = wait(client, response.headers["location"])
    assert job["counts"]["stored"] == 1 and job["stored"][0]["title"] == "Maize prices"
    record = client.get(f"/api/articles/{job['stored'][0]['id']}").json()
    assert (record["outlet"], record["published"], record["title"]) == ("Lagos Daily", "2022-02-01", "Maize prices")


@pytest.mark.parametrize(("fields", "message"), [
    ({"text": "   "}, "the text box is empty"),
    ({"text": GRAIN, "published": "next Blursday"}, "&#39;next Blursday&#39; is not a date"),
    ({"text": GRAIN, "url": "ftp://example.org/a"}, "must start with http:// or https://"),
])
def test_a_bad_paste_is_refused_on_the_form(client: TestClient, db: Path, fields: dict[str, str],
                                            message: str) -> None:
    before = count(db)
    response = client.post("/add/text", data={"csrf": csrf(client), **fields})
    assert response.status_code == 400 and message in response.text and 'role="alert"' in response.text
    assert "Traceback" not in response.text and count(db) == before
    if "published" in fields:
        assert 'value="next Blursday"' in response.text, "what was typed is kept"


def test_fetched_page_is_added_and_a_dead_link_fails(client: TestClient, site: str) -> None:
    response = client.post("/add/url", data={"csrf": csrf(client), "url": f"{site}/talks.html"},
                           follow_redirects=False)
    job = wait(client, response.headers["location"])
    assert job["counts"]["stored"] == 1 and job["stored"][0]["story_id"] == story_of(client, wire_id(client))
    dead = wait(client, client.post("/add/url", data={"csrf": csrf(client), "url": f"{site}/gone"}).url.path)
    assert dead["counts"] == {"read": 1, "stored": 0, "already": 0, "failed": 1}
    assert dead["failed"][0]["code"] == "E302" and "404" in dead["failed"][0]["reason"]
    refused = client.post("/add/url", data={"csrf": csrf(client), "url": "example.org/news"})
    assert refused.status_code == 400 and "starting with http://" in refused.text


def test_upload_limits_say_what_is_wrong(client: TestClient, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = count(db)
    token = csrf(client)
    empty = client.post("/add/files", data={"csrf": token}, files=[("files", ("", b"", "application/octet-stream"))])
    assert empty.status_code == 400 and "Choose at least one file" in empty.text
    monkeypatch.setattr(submit, "MAX_UPLOAD_FILES", 2)
    three = [("files", (f"a{n}.txt", GRAIN.encode(), "text/plain")) for n in range(3)]
    many = client.post("/add/files", data={"csrf": token}, files=three)
    assert many.status_code == 400 and "3 files are more than the 2 one upload may hold" in many.text
    monkeypatch.setattr(submit, "MAX_UPLOAD_FILE_BYTES", 100)
    big = client.post("/add/files", data={"csrf": token}, files=three[:1])
    assert big.status_code == 413 and "a0.txt is 0.0 MB; one file may have at most" in big.text
    api = client.post("/api/uploads", files=three[:1], headers={"X-Storyline-Client": "1"})
    assert api.status_code == 413 and "at most" in api.json()["detail"]
    assert count(db) == before


def test_api_adds_one_article_synchronously(client: TestClient, site: str) -> None:
    api = {"X-Storyline-Client": "1"}
    given = {"text": POST + "\n\nTalks will continue next week.", "title": "Macron and Putin to talk again",
             "outlet": "Example Times", "published": "2022-01-30"}
    first = client.post("/api/articles", json=given, headers=api)
    assert first.status_code == 201, first.text
    body = first.json()
    assert body["new"] is True and body["story_id"] == story_of(client, wire_id(client))
    again = client.post("/api/articles", json=given, headers=api)
    assert again.status_code == 201 and again.json() == {**body, "new": False}
    fetched = client.post("/api/articles", json={"url": f"{site}/talks.html?api", "outlet": "Talks Site"}, headers=api)
    assert fetched.status_code == 201 and fetched.json()["new"]
    assert client.get(f"/api/articles/{fetched.json()['id']}").json()["outlet"] == "Talks Site"
    for wrong, status, detail in [({"url": f"{site}/feed.xml"}, 422, "is a feed"), ({}, 422, "Give the article"),
                                  ({"text": "x", "published": "soon"}, 422, "'soon' is not a date"),
                                  ({"url": f"{site}/gone"}, 502, "HTTP 404")]:
        response = client.post("/api/articles", json=wrong, headers=api)
        assert response.status_code == status and detail in response.json()["detail"], response.text


def test_api_upload_is_a_job(client: TestClient) -> None:
    files = [("files", ("kano.txt", b"Maize prices in Kano doubled in a month, farmers said on Friday.", "text/plain"))]
    response = client.post("/api/uploads", files=files, headers={"X-Storyline-Client": "1"})
    assert response.status_code == 202
    started = response.json()
    assert started["url"] == f"/api/jobs/{started['job']}" and started["page"] == f"/jobs/{started['job']}"
    job = wait(client, started["page"])
    assert job["counts"]["stored"] == 1 and job["stored"][0]["story_id"]
    assert client.get("/api/jobs/nope").status_code == 404 and client.get("/jobs/nope").status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    assert paths["/api/articles"]["post"]["tags"] == ["add"] and "/api/jobs/{job_id}" in paths
    assert "at most" in paths["/api/uploads"]["post"]["description"].lower()


def test_a_crashing_job_keeps_what_it_stored(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"

    def read() -> Iterator[Any]:
        yield submit.pasted_document(GRAIN, SourceMeta(title="Grain"))
        raise RuntimeError("disk on fire")

    job = jobs.Registry().new("crash")
    jobs.run(job, db, read).join(timeout=JOB_TIMEOUT)
    view = job.view()
    assert view["state"] == "failed" and view["error"] == "RuntimeError: disk on fire"
    assert view["counts"]["stored"] == 1 and count(db) == 1


def test_the_registry_keeps_the_last_jobs() -> None:
    registry = jobs.Registry(size=2)
    made = [registry.new(str(n)) for n in range(3)]
    assert registry.get(made[0].id) is None and [registry.get(j.id) for j in made[1:]] == made[1:]
    assert jobs.MAX_JOBS >= 10


@pytest.mark.parametrize(("given", "saved"), [("a.txt", "a.txt"), ("../../etc/passwd", "passwd"),
                                              ("C:\\Users\\x\\news.warc.gz", "news.warc.gz"),
                                              ("<script>.html", "_script_.html"), ("..", "upload"), ("", "upload")])
def test_upload_names_cannot_leave_their_folder(given: str, saved: str) -> None:
    assert submit.safe_name(given) == saved
