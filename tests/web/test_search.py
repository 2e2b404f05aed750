"""Search through a real server: results by kind with marked snippets, filters, links to the spans, and
neither FTS5 syntax nor hostile article text getting through."""

from __future__ import annotations

import re

import httpx
import pytest

RAW_TAGS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<script", "<img", "<b>Outlet")


def _search(http: httpx.Client, **params: str | int) -> dict:  # type: ignore[type-arg]
    response = http.get("/api/search", params=params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_api_finds_articles_quotes_and_names(http: httpx.Client) -> None:
    body = _search(http, q="putin")
    kinds = {r["kind"] for r in body["results"]}
    assert kinds == {"article", "quote", "name"} and body["total"] == len(body["results"])
    assert body["counts"]["article"] == 2
    quote = next(r for r in body["results"] if r["kind"] == "quote" and r["speaker"] == "Vladimir Putin")
    assert quote["story_id"] and quote["outlet"] == "Example Daily" and quote["published"] == "2022-01-31"
    for r in body["results"]:
        start, end = r["span"]
        text = http.get(f"/api/articles/{r['article_id']}").json()["text"]
        if r["kind"] == "article":
            assert text[start:end] == "Putin", "an article result points at its first matched word"
        for s, e in r["snippet_hits"]:
            assert r["snippet"][s:e].lower() == "putin"


def test_api_filters_and_pages(http: httpx.Client) -> None:
    wire = _search(http, q="putin", outlet="Example Wire")
    assert wire["results"] and {r["outlet"] for r in wire["results"]} == {"Example Wire"}
    late = _search(http, q="putin", since="2022-01-30")
    assert late["results"] and {r["published"] for r in late["results"]} == {"2022-01-31"}
    early = _search(http, q="putin", until="2022-01-28", kind="article")
    assert [r["title"] for r in early["results"]] == ["Macron and Putin talk by phone as tensions rise"]
    assert _search(http, q="putin", kind="quote")["results"] and all(
        r["kind"] == "quote" for r in _search(http, q="putin", kind="quote")["results"])
    first, second = _search(http, q="putin", limit=1), _search(http, q="putin", limit=1, offset=1)
    assert len(first["results"]) == len(second["results"]) == 1 and first["results"] != second["results"]
    assert http.get("/api/search", params={"q": "putin", "since": "28/01/2022"}).status_code == 422
    assert http.get("/api/search", params={"q": "putin", "kind": "poem"}).status_code == 422


def test_phrases_and_prefixes(http: httpx.Client) -> None:
    assert {r["article_id"] for r in _search(http, q='"de-escalation" macron')["results"]}
    assert _search(http, q='"escalation de"')["results"] == []
    assert _search(http, q="concer", kind="quote")["results"][0]["snippet"] == "Our concerns were ignored,"


@pytest.mark.parametrize("q", ['"', "*", "AND", "(", "-", 'putin AND ("', "NEAR(putin", "putin OR -x", "a:b ^c",
                               "putin*", "'", '"""', "-putin"])
def test_fts_syntax_is_just_text(http: httpx.Client, q: str) -> None:
    assert http.get("/api/search", params={"q": q}).status_code == 200
    assert http.get("/search", params={"q": q}).status_code == 200


def test_page_marks_hits_and_escapes_hostile_text(http: httpx.Client) -> None:
    page = http.get("/search", params={"q": "script"})
    assert page.status_code == 200
    for tag in RAW_TAGS:
        assert tag not in page.text
    assert '&lt;<mark class="hit">script</mark>&gt;alert(1)' in page.text
    assert "Hostile &lt;b&gt;Outlet&lt;/b&gt;" in page.text, "the outlet filter lists it, as text"


def test_page_links_to_spans_speakers_and_names(http: httpx.Client) -> None:
    page = http.get("/search", params={"q": "putin"}).text
    links = re.findall(r'href="(/articles/[^"?#]+)\?span=(\d+)-(\d+)#span-\d+-\d+"', page)
    assert links
    path, start, end = links[0]
    assert f'id="span-{start}-{end}"' in http.get(f"{path}?span={start}-{end}").text
    assert 'href="/entities/Vladimir%20Putin"' in page, "speakers and matching names link to their page"
    names = http.get("/search", params={"q": "putin", "kind": "name"}).text
    assert 'href="/entities/Vladimir%20Putin">Vladimir Putin</a>' in names


def test_page_filters_and_bad_dates(http: httpx.Client) -> None:
    wire = http.get("/search", params={"q": "putin", "outlet": "Example Wire", "kind": "article"}).text
    assert "Macron and <mark" in wire and "Example Daily ·" not in wire
    assert '<option value="Example Wire" selected>' in wire
    bad = http.get("/search", params={"q": "putin", "since": "yesterday"})
    assert bad.status_code == 200 and "since: give a day as YYYY-MM-DD" in bad.text
    empty = http.get("/search")
    assert empty.status_code == 200 and "exact phrases" in empty.text


def test_every_page_has_the_search_box(http: httpx.Client) -> None:
    assert 'action="/search"' in http.get("/").text
