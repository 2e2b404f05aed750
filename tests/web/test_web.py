"""The web app through a real server: pages, the JSON API, 404s, and hostile article content shown as text."""

from __future__ import annotations

import re

import httpx
import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.cli.serve_cmd import is_loopback

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(1)>'  # as in conftest.HOSTILE
RAW_TAGS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<script", "<img", "<b>Outlet")


def _stories(http: httpx.Client) -> list[dict]:  # type: ignore[type-arg]
    body = http.get("/api/stories").json()
    return body["stories"]


def _story_of(http: httpx.Client, article_id: str) -> str:
    body = http.get(f"/api/articles/{article_id}").json()
    return str(body["story_id"])


def test_api_stories_and_articles(http: httpx.Client) -> None:
    body = http.get("/api/stories").json()
    assert body["total"] == len(body["stories"]) >= 2
    sources = sorted(m["source_id"] for s in body["stories"] for m in s["articles"])
    assert sources == ["daily-2", "hostile-3", "wire-1"], "every article is in exactly one story"
    together = next(s for s in body["stories"] if len(s["articles"]) == 2)
    assert {m["source_id"] for m in together["articles"]} == {"wire-1", "daily-2"}
    assert [s["last_published"] for s in body["stories"]] == ["2022-02-02", "2022-01-31"], "newest activity first"
    arts = http.get("/api/articles", params={"limit": 2}).json()
    assert arts["total"] == 3 and len(arts["articles"]) == 2
    assert {"id", "source_id", "outlet", "title", "published", "text", "removed", "quotes"} <= set(arts["articles"][0])


def test_api_article_has_its_analysis(http: httpx.Client) -> None:
    article_id = http.get("/api/articles", params={"limit": 10}).json()["articles"][0]["id"]
    record = http.get(f"/api/articles/{article_id}").json()
    assert record["id"] == article_id and record["schema"] == 1 and record["story_id"]
    for name in ("entities", "times", "quotes", "figures", "events"):
        assert isinstance(record[name], list)
    assert record["entities"], "the analysis is filled"
    for item in record["entities"] + record["quotes"] + record["figures"]:
        assert record["text"][item["start"]:item["end"]] == item["text"]


def test_api_story_is_filled(http: httpx.Client) -> None:
    story_id = _story_of(http, _wire_id(http))
    story = http.get(f"/api/stories/{story_id}").json()
    assert story["id"] == story_id
    for name in ("articles", "duplicates", "timeline", "quotes", "figures", "coverage", "summary"):
        assert name in story
    assert story["summary"] and all(s["article_ids"] for s in story["summary"])


def _wire_id(http: httpx.Client) -> str:
    articles = http.get("/api/articles", params={"limit": 10}).json()["articles"]
    return next(a["id"] for a in articles if a["outlet"] == "Example Wire")


def test_pages(http: httpx.Client) -> None:
    home = http.get("/")
    assert home.status_code == 200 and "text/html" in home.headers["content-type"]
    assert "Macron and Putin talk by phone" in home.text or "Putin" in home.text
    story_id = _story_of(http, _wire_id(http))
    story = http.get(f"/stories/{story_id}")
    assert story.status_code == 200
    for heading in ("In brief", "Timeline", "Who said what", "Figures", "Coverage", "Articles"):
        assert heading in story.text
    # every citation links to an article page at the anchor of the cited span, and that anchor exists there
    cites = re.findall(r'class="cite" href="(/articles/[^"?#]+)\?span=(\d+)-(\d+)#(span-\d+-\d+)"', story.text)
    assert cites, "the summary cites its sources"
    path, start, end, anchor = cites[0]
    assert anchor == f"span-{start}-{end}"
    article = http.get(f"{path}?span={start}-{end}")
    assert article.status_code == 200 and f'id="{anchor}"' in article.text


def test_article_page(http: httpx.Client) -> None:
    page = http.get(f"/articles/{_wire_id(http)}")
    assert page.status_code == 200
    assert 'class="k-quote"' in page.text and 'class="k-name"' in page.text and 'class="k-figure"' in page.text
    assert "Example Wire" in page.text and "What the cleaner removed" in page.text
    assert 'href="https://wire.example/talks"' in page.text


@pytest.mark.parametrize("path", ["/stories/nope", "/articles/nope", "/no/such/page"])
def test_unknown_pages_are_404_pages(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 404 and "Not found" in response.text and "text/html" in response.headers[
        "content-type"]


@pytest.mark.parametrize(("path", "what"), [("/api/stories/nope", "story"), ("/api/articles/nope", "article")])
def test_unknown_api_ids_are_404_json(http: httpx.Client, path: str, what: str) -> None:
    response = http.get(path)
    assert response.status_code == 404 and response.json() == {"detail": f"no such {what}"}


def test_openapi_lists_the_api(http: httpx.Client) -> None:
    paths = http.get("/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles", "/api/articles/{article_id}"} <= set(paths)


def test_hostile_article_is_shown_as_text(http: httpx.Client) -> None:
    record = next(a for a in http.get("/api/articles").json()["articles"] if a["outlet"].startswith("Hostile"))
    assert HOSTILE in record["title"] and HOSTILE in record["text"], "the store keeps the content as given"
    story_id = _story_of(http, record["id"])
    anchors = re.findall(r'href="(/articles/[^"]+)"', http.get(f"/stories/{story_id}").text)
    pages = ["/", f"/stories/{story_id}", f"/articles/{record['id']}", *{a.replace("&amp;", "&") for a in anchors}]
    for path in pages:
        html = http.get(path).text
        for raw in RAW_TAGS:
            assert raw not in html, f"{raw!r} unescaped in {path}"
        assert "onerror=alert(1)" not in html.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    article_html = http.get(f"/articles/{record['id']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article_html
    assert "Hostile &lt;b&gt;Outlet&lt;/b&gt;" in article_html


def test_pages_forbid_scripts(http: httpx.Client) -> None:
    headers = http.get("/").headers
    policy = [d.strip() for d in headers["content-security-policy"].split(";")]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy  # our own scripts, nothing else
    assert "unsafe-eval" not in headers["content-security-policy"]
    assert not [d for d in policy if d.startswith("script-src") and "unsafe-inline" in d]
    assert headers["x-content-type-options"] == "nosniff"


def test_serve_runs_uvicorn_on_the_loopback(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    calls: list[dict[str, object]] = []
    monkeypatch.setattr("uvicorn.run", lambda web, **kw: calls.append({"app": web, **kw}))
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.sqlite"), "serve", "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert calls and calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8765
    assert (tmp_path / "s.sqlite").exists()


def test_serve_refuses_a_public_host_without_a_token(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "s.sqlite"), "serve", "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "without --token" in result.output
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("::") and not is_loopback("example.org")
