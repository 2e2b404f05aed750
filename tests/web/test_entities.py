"""People and organisations through a real server (the most mentioned, one across stories with its quotes),
and how per-article names are taken as one entity."""

from __future__ import annotations

import re

import httpx

from storyline.web.entity_view import folded_in_stories, same_key

RAW_TAGS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<script", "<img", "<b>Outlet")


def test_api_lists_the_most_mentioned(http: httpx.Client) -> None:
    body = http.get("/api/entities").json()
    names = [e["name"] for e in body["entities"]]
    assert names[:2] == ["Vladimir Putin", "Emmanuel Macron"] and body["total"] == len(names)
    assert {e["label"] for e in body["entities"]} <= {"PERSON", "ORG"}
    putin = body["entities"][0]
    assert (putin["articles"], putin["stories"], putin["quotes"]) == (2, 1, 2)
    places = http.get("/api/entities", params={"label": "GPE"}).json()["entities"]
    assert {"Russia", "Ukraine", "Lagos"} <= {e["name"] for e in places}
    assert [e["name"] for e in http.get("/api/entities", params={"q": "puti"}).json()["entities"]] == [
        "Vladimir Putin"]
    everything = http.get("/api/entities", params={"label": "all", "limit": 1, "offset": 1}).json()
    assert len(everything["entities"]) == 1 and everything["total"] > 5


def test_api_entity_has_quotes_with_spans(http: httpx.Client) -> None:
    body = http.get("/api/entities/Vladimir Putin").json()
    assert body["labels"] == ["PERSON"] and set(body["variants"]) == {"Putin", "Vladimir Putin"}
    assert len(body["articles"]) == 2 and len(body["stories"]) == 1 and body["mentions"] == 4
    quote = next(q for q in body["quotes"] if q["text"] == "Our concerns were ignored,")
    start, end = quote["span"]
    text = http.get(f"/api/articles/{quote['article_id']}").json()["text"]
    assert text[start:end] == "Our concerns were ignored,"
    assert quote["story_id"] == body["stories"][0]["id"]
    assert http.get("/api/entities/Nobody%20Here").status_code == 404


def test_entity_page_lists_quotes_by_story(http: httpx.Client) -> None:
    page = http.get("/entities/Vladimir%20Putin")
    assert page.status_code == 200
    assert "Our concerns were ignored," in page.text and "Written as" in page.text
    story_id = http.get("/api/entities/Vladimir Putin").json()["stories"][0]["id"]
    assert f'href="/stories/{story_id}"' in page.text
    spans = re.findall(r'href="/articles/[^"?#]+\?span=(\d+)-(\d+)#span-\d+-\d+"', page.text)
    assert len(spans) >= 4, "quotes and first mentions link to their spans"
    assert http.get("/entities/Nobody").status_code == 404


def test_relayed_quotes_count_for_whom_they_relay(http: httpx.Client) -> None:
    body = http.get("/api/entities/Emmanuel Macron").json()
    [quote] = body["quotes"]
    assert quote["text"].startswith("We need a de-escalation") and quote["relayed_by"] == "his office"
    assert "relayed by his office" in http.get("/entities/Emmanuel%20Macron").text


def test_index_page_filters_and_escapes(http: httpx.Client) -> None:
    page = http.get("/entities").text
    assert 'href="/entities/Vladimir%20Putin">Vladimir Putin</a>' in page and "Lagos" not in page
    assert "Lagos" in http.get("/entities", params={"label": "GPE"}).text
    everything = http.get("/entities", params={"label": "all"}).text
    for tag in RAW_TAGS:
        assert tag not in everything
    assert http.get("/entities", params={"label": "<script>"}).status_code == 200


def test_same_key_and_story_folding() -> None:
    assert same_key("Volodymyr Zelenskiy", {"PERSON"}, [("Volodymyr Zelenskyy", "PERSON"), ("Zelenskiy", "PERSON"),
                                                        ("Olena Zelenska", "PERSON")]) == {
        ("Volodymyr Zelenskyy", "PERSON")}
    rows = [{"story_id": "s1", "article_id": "a1", "name": "Volodymyr Zelenskiy", "label": "PERSON"},
            {"story_id": "s1", "article_id": "a2", "name": "Zelenskiy", "label": "PERSON"},
            {"story_id": "s1", "article_id": "a2", "name": "Kyiv", "label": "GPE"},
            {"story_id": "s2", "article_id": "a3", "name": "Zelenskiy", "label": "PERSON"},
            {"story_id": "s2", "article_id": "a4", "name": "Volodymyr Zelenskiy", "label": "PERSON"},
            {"story_id": "s2", "article_id": "a4", "name": "Oleksandr Zelenskiy", "label": "PERSON"}]
    assert folded_in_stories("Volodymyr Zelenskiy", rows) == {
        ("s1", "Volodymyr Zelenskiy", "PERSON"), ("s1", "Zelenskiy", "PERSON"),
        ("s2", "Volodymyr Zelenskiy", "PERSON")}, "a surname joins the one full name with it, not one of two"
