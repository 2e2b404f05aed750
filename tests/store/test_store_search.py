"""Search over the full-text index (articles, quotes, names) with outlet and date filters, safe from FTS5
syntax in the reader's text; and the reads of who appears where (mentions)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline import pipeline
from storyline.records import Article, RawDocument, SourceMeta
from storyline.store import Store
from storyline.store.search import match_query, segments

HOSTILE = "<script>alert(1)</script>"
ARTICLES = [
    ("a1", "Daily Example", "2022-02-14",
     '"We will not back down," said Olaf Scholz in Berlin. Scholz met Emmanuel Macron on Monday.'),
    ("a2", "Wire Example", "2022-03-01",
     'German Chancellor Olaf Scholz said talks with Russia would continue. "Negotiations are the only way,"'
     ' Scholz said.'),
    ("a3", "Daily Example", "2022-03-20T10:00:00+00:00",
     f"Emmanuel Macron said the talks in Paris had failed. {HOSTILE} \x02 [talks] \x03"),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("search") / "s.sqlite"
    with Store(path) as s:
        articles = []
        for article_id, outlet, published, text in ARTICLES:
            article = Article(id=article_id, source_id=f"/in/{article_id}.txt", text=text, outlet=outlet,
                              published=published, published_from="metadata", title=f"Report {article_id}")
            s.add_article(RawDocument(source_id=article.source_id, kind="text", body=text, raw=text.encode(),
                                      name=f"{article_id}.txt", meta=SourceMeta()), article)
            articles.append(article)
        pipeline.analyze_cached(s, articles)
        s.story_index()  # assign the stories
        yield s


def _ids(results: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return sorted({r["article_id"] for r in results})


def test_match_query_quotes_every_term() -> None:
    assert match_query('Scholz "talks with Russia" negot') == '"Scholz" "talks with Russia" "negot"*'
    assert match_query("Scholz ") == '"Scholz"', "no prefix once the word is finished"
    assert match_query('( * - " ') is None, "no word: no query"
    assert match_query("( AND -") == '"AND"', "an operator is a word like any other"
    assert match_query("AND") == '"AND"*'
    assert match_query('NEAR(a b) OR title:x') == '"NEAR(a" "b)" "OR" "title:x"*'
    assert match_query('"unclosed phrase') == '"unclosed phrase"'


def test_filters_by_outlet_and_day(store: Store) -> None:
    assert _ids(store.search("Scholz", kinds=("article",))) == ["a1", "a2"]
    assert _ids(store.search("Scholz", outlet="Wire Example")) == ["a2"]
    assert _ids(store.search("Scholz", since="2022-03-01")) == ["a2"]
    assert _ids(store.search("Scholz", until="2022-02-28")) == ["a1"]
    assert _ids(store.search("Macron", since="2022-03-20", until="2022-03-20")) == ["a3"], "a time of day is a day"
    assert store.search("Scholz", outlet="Nobody") == []
    assert store.outlets() == [("Daily Example", 2), ("Wire Example", 1)]


def test_kinds_phrases_and_prefix(store: Store) -> None:
    counts = store.search_counts("Scholz")
    assert counts["article"] == 2 and counts["quote"] >= 2 and counts["name"] == 2
    quotes = store.search("Scholz", kinds=("quote",))
    assert {r["title"] for r in quotes} == {"Olaf Scholz"} and all(r["known"] for r in quotes)
    assert _ids(store.search("negot")) == ["a2"], "the last word is a prefix"
    assert _ids(store.search('"talks with Russia"')) == ["a2"]
    assert store.search('"Russia talks"') == [], "a phrase keeps its order"
    names, total = store.search_names("scholz")
    assert total == 1 and names == [{"name": "Olaf Scholz", "labels": ["PERSON"], "articles": 2}]


def test_article_results_point_at_the_first_hit(store: Store) -> None:
    for r in store.search("Berlin Scholz", kinds=("article",)):
        start, end = r["span"]
        text = next(t for i, _, _, t in ARTICLES if i == r["article_id"])
        assert text[start:end] in ("Scholz", "Berlin")


@pytest.mark.parametrize("text", ['"', "*", "AND", "(", "-", "Scholz AND (", 'OR "', "NOT -x", "a:b ^c",
                                  "NEAR(Scholz", "'", "\x00", "Scholz*" * 200])
def test_fts_syntax_in_the_query_never_fails(store: Store, text: str) -> None:
    assert isinstance(store.search(text), list)
    assert set(store.search_counts(text)) == {"article", "quote", "name"}
    assert isinstance(store.search_names(text)[0], list)


def test_snippets_are_text_with_hits_marked_apart(store: Store) -> None:
    [hit] = store.search("Paris", kinds=("article",))
    text = "".join(t for t, _ in hit["snippet"])
    assert HOSTILE in text, "article text comes back as text, for the page to escape"
    assert [t for t, is_hit in hit["snippet"] if is_hit] == ["Paris"]
    [other] = store.search("talks", outlet="Daily Example", kinds=("article",))
    assert [t for t, is_hit in other["snippet"] if is_hit] == ["talks", "talks"], "brackets in the text are text"
    assert segments("x<b>y</b>z", "<b>", "</b>") == [("x", False), ("y", True), ("z", False)]


def test_entity_reads(store: Store) -> None:
    people = store.list_entities(["PERSON"])
    assert {(p["name"], p["articles"]) for p in people} >= {("Olaf Scholz", 2), ("Emmanuel Macron", 2)}
    assert store.count_entities(["PERSON"]) == len(people)
    assert [p["name"] for p in store.list_entities(None, "schol")] == ["Olaf Scholz"]
    assert store.list_entities(None, "%") == [], "LIKE wildcards are text"
    rows = store.entity_rows(["Olaf Scholz"])
    assert [(r["article_id"], r["outlet"]) for r in rows] == [("a2", "Wire Example"), ("a1", "Daily Example")]
    assert "Scholz" in rows[1]["variants"] and rows[1]["quotes"] == 1 and rows[0]["story_id"]
    assert ("Olaf Scholz", "PERSON") in store.names_with_word("Scholz")
    assert {r["name"] for r in store.story_names([rows[0]["story_id"]])} >= {"Olaf Scholz"}
    assert dict(store.entity_labels())["PERSON"] >= 2
