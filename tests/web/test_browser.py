"""In a real browser (Debian's chromium driven by Playwright): the pages render, and the hostile article's
`<script>` and `onerror` handlers run nothing (no dialog opens). Skipped when chromium or playwright is absent;
the test command installs chromium with apt-get (never `playwright install`)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from storyline.records import SourceMeta
from storyline.settings import Settings
from storyline.web import create_app
from storyline.web.jobs import ingest
from storyline.web.submit import pasted_document

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"]

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists() and not shutil.which("chromium"),
                                reason="chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium"),
                                     args=FLAGS, headless=True)
        yield browser
        browser.close()


def test_story_pages_run_no_script(browser: Any, http: httpx.Client, base_url: str) -> None:
    articles = http.get("/api/articles").json()["articles"]
    hostile = next(a for a in articles if a["outlet"].startswith("Hostile"))
    wire = next(a for a in articles if a["outlet"] == "Example Wire")
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for article in (hostile, wire):
        story_id = http.get(f"/api/articles/{article['id']}").json()["story_id"]
        page.goto(f"{base_url}/stories/{story_id}", wait_until="load")
        assert page.locator("h2", has_text="Timeline").is_visible()
        page.goto(f"{base_url}/articles/{article['id']}", wait_until="load")
        assert page.locator("div.text").is_visible()
    page.goto(f"{base_url}/", wait_until="load")
    assert "<script>alert(1)</script>" in page.locator("table.stories").inner_text()  # shown as text
    page.wait_for_timeout(300)
    assert dialogs == []
    page.close()


WIRE = ("French President Emmanuel Macron spoke with Russian President Vladimir Putin by phone on Friday, the "
        "Elysee said.\n\n\"We need a de-escalation,\" Macron told Putin, according to his office.\n\nRussia has "
        "massed more than 100,000 troops near the border with Ukraine, officials said on Thursday.")
UPLOAD = ("Putin and Macron discuss the Ukraine crisis by phone\n\nRussian President Vladimir Putin and French "
          "President Emmanuel Macron discussed the Ukraine crisis by phone on Friday, the Kremlin said.\n\nMacron "
          "called for a de-escalation, his office said.\n\nRussia has more than 100,000 troops near Ukraine's border.")
JOB_TIMEOUT_MS = 120_000  # the first job of a process loads the spaCy model


@pytest.fixture(scope="module")
def writable_site(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[FastAPI], str]) -> str:
    """A server over a store of its own holding one article (test_web.py counts the session store's articles)."""
    db = tmp_path_factory.mktemp("browser-add") / "store.sqlite"
    meta = SourceMeta(title="Macron and Putin talk by phone", outlet="Example Wire", published="2022-01-28")
    ingest(db, [pasted_document(WIRE, meta)], Settings())
    return serve(create_app(db))


def test_an_uploaded_article_joins_its_story(browser: Any, writable_site: str, tmp_path: Path) -> None:
    upload = tmp_path / "putin-macron.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    page = browser.new_page()
    page.goto(f"{writable_site}/", wait_until="load")
    page.get_by_role("link", name="Add articles").click()
    page.set_input_files("input[type=file][name=files]", str(upload))
    page.get_by_role("button", name="Upload and add").click()
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f]+$"))
    page.locator(".state.done").wait_for(timeout=JOB_TIMEOUT_MS)  # the page refreshes itself until the job is done
    assert [page.locator(".counts b").nth(n).inner_text() for n in range(4)] == ["1", "1", "0", "0"]
    article = page.get_by_role("link", name="Putin and Macron discuss the Ukraine crisis by phone").first
    href = article.get_attribute("href")
    page.locator("table a[href^='/stories/']").first.click()
    page.wait_for_url(re.compile(r"/stories/"))
    listed = page.locator("ol.articles > li > a")
    assert listed.count() == 2 and f"{writable_site}{href}" in [
        listed.nth(n).evaluate("a => a.href") for n in range(2)], "the story lists the uploaded article"
    page.close()


def test_story_page_draws_its_vega_charts_under_the_strict_policy(browser: Any, http: httpx.Client,
                                                                  base_url: str) -> None:
    articles = http.get("/api/articles").json()["articles"]
    wire = next(a for a in articles if a["outlet"] == "Example Wire")
    story_id = http.get(f"/api/articles/{wire['id']}").json()["story_id"]
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and not m.location.get("url", "").endswith("/favicon.ico")
            and problems.append(m.text))  # a CSP violation is reported here too
    page.on("pageerror", lambda e: problems.append(str(e)))
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(f"{base_url}/stories/{story_id}", wait_until="load")
    chart = page.locator("#figure-chart-1[data-drawn='vega'] .vega-embed svg")
    chart.wait_for(timeout=20_000)
    assert page.locator("#figure-chart-1 .mark-symbol path").count() == 2  # one dot per report
    assert page.locator("#figure-chart-1 svg.chart").count() == 0  # the server's SVG made way for it
    page.locator("#figure-chart-1 .mark-symbol path").first.hover()
    assert "Example" in page.locator("#vg-tooltip-element").inner_text(timeout=5_000)
    page.wait_for_timeout(300)
    assert problems == []
    assert requested and all(u.startswith(base_url) for u in requested), "everything comes from this origin"
    page.close()


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory, serve: Callable[[FastAPI], str]) -> str:
    """A server over a store of the bundled sample corpus (five reports on the Russia-Ukraine crisis)."""
    from storyline.ingest_job import ingest_stream  # the loop `storyline ingest` runs
    from storyline.pipeline import clean_inputs
    from storyline.sample import sample_corpus
    from storyline.store import Store

    db = tmp_path_factory.mktemp("browser-sample") / "store.sqlite"
    with Store(db) as store:
        ingest_stream(store, clean_inputs([str(sample_corpus())], SourceMeta(), Settings(), known=store.has_article))
    return serve(create_app(db, watch=False))


def test_a_reader_opens_the_sample_story_and_searches_a_name(browser: Any, sample_site: str) -> None:
    page = browser.new_page()
    page.goto(f"{sample_site}/", wait_until="load")
    with page.expect_navigation():
        page.locator("table.stories a", has_text="Ukraine").first.click()  # the sample's one story
    rows = page.locator("table.timeline tr")
    assert rows.count() > 5  # a header and the dated happenings of five reports
    assert "2014" in page.locator("table.timeline").inner_text()  # "since 2014": the annexation of Crimea
    page.locator("header input[type=search]").fill("Lavrov")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/search?q=Lavrov" in page.url
    with page.expect_navigation():
        page.locator("a", has_text="Sergei Lavrov").first.click()  # the name leads to his page
    assert page.locator("h1").inner_text() == "Sergei Lavrov"
    assert page.locator("blockquote").count() >= 1  # what he said, each quote linking to its sentence
    page.close()
