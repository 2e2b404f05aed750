"""Charts on the story page: the vendored Vega files are served from this origin, the page carries its chart
specs as JSON blocks next to the server's SVG, loads only same-origin scripts, and the CSP has no unsafe-eval.
The stories list shows what is new since yesterday."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import httpx
import pytest

from storyline.web.render import templates
from storyline.web.static_files import STATIC, VENDORED
from storyline.web.views import figure_spec, story_row

VENDOR_FILES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js", "vega-interpreter.min.js")


class Scripts(HTMLParser):
    """Every <script> of a page: its attributes and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._open: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._open = dict(attrs)
            self.scripts.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._open = None


def _scripts(html: str) -> list[tuple[dict[str, str | None], str]]:
    parser = Scripts()
    parser.feed(html)
    return parser.scripts


def _wire_story(http: httpx.Client) -> str:
    articles = http.get("/api/articles").json()["articles"]
    wire = next(a for a in articles if a["outlet"] == "Example Wire")
    return str(http.get(f"/api/articles/{wire['id']}").json()["story_id"])


@pytest.mark.parametrize("name", [*(f"vendor/{n}" for n in VENDOR_FILES), "charts.js"])
def test_the_chart_scripts_are_served_from_this_origin(http: httpx.Client, name: str) -> None:
    response = http.get(f"/static/{name}")
    assert response.status_code == 200
    assert "javascript" in response.headers["content-type"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.content == (STATIC / name).read_bytes()


def test_the_vendored_files_carry_their_versions_and_licences() -> None:
    readme = (STATIC / "vendor" / "README.md").read_text(encoding="utf-8")
    for package, version in VENDORED.items():
        assert f"| {package} | {version} |" in readme or f"| {package} (+ vega-util) | {version}" in readme
        assert (STATIC / "vendor" / "licenses" / f"LICENSE-{package}").read_text().startswith("Copyright")
    assert 'version:"6.4.0"' in (STATIC / "vendor" / "vega.min.js").read_text() or \
        '"6.4.0"' in (STATIC / "vendor" / "vega.min.js").read_text()
    assert "expressionInterpreter" in (STATIC / "vendor" / "vega-interpreter.min.js").read_text()


def test_static_serves_nothing_outside_its_folder(http: httpx.Client) -> None:
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/vendor/", "/static/nothing.js"):
        assert http.get(path).status_code == 404, path


def test_the_policy_allows_our_scripts_only_and_no_eval(http: httpx.Client) -> None:
    story_id = _wire_story(http)
    for path in ("/", f"/stories/{story_id}", "/static/charts.js"):
        policy = http.get(path).headers["content-security-policy"]
        directives = {d.strip().split(" ", 1)[0]: d.strip() for d in policy.split(";")}
        assert directives["script-src"] == "script-src 'self'"
        assert directives["default-src"] == "default-src 'none'"
        assert "unsafe-eval" not in policy


def test_the_story_page_has_chart_specs_next_to_its_svg_and_loads_same_origin_scripts(http: httpx.Client) -> None:
    html = http.get(f"/stories/{_wire_story(http)}").text
    scripts = _scripts(html)
    specs = [(a, text) for a, text in scripts if a.get("type") == "application/json"]
    code = [a for a, _ in scripts if a.get("type") != "application/json"]
    assert specs and code
    for attrs, text in specs:
        assert "vega-spec" in (attrs.get("class") or "") and "</" not in text
        spec = json.loads(text)
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")  # an id; nothing fetched
        target = attrs["data-target"]
        assert re.search(rf'<div class="chart-box[^"]*" id="{re.escape(target)}">', html), target
    for attrs in code:  # no inline script: each has a same-origin src, and is deferred
        assert attrs.get("src", "").startswith("/static/") and "defer" in attrs, attrs
    srcs = [a["src"] for a in code]
    assert srcs[:4] == ["/static/vendor/vega.min.js", "/static/vendor/vega-lite.min.js",
                        "/static/vendor/vega-interpreter.min.js", "/static/vendor/vega-embed.min.js"]
    assert srcs[-1] == "/static/charts.js"
    # Without JavaScript the server's SVG chart is there, inside the box the Vega chart replaces.
    box = re.search(r'<div class="chart-box" id="figure-chart-1">(.*?)</div>', html, re.S)
    assert box and box.group(1).lstrip().startswith("<svg class=\"chart\"")
    figure = json.loads(next(t for a, t in specs if a["data-target"] == "figure-chart-1"))
    values = figure["data"]["values"]
    assert {v["value"] for v in values} == {100000, 130000}
    assert all(v["href"].startswith("/articles/") and "?span=" in v["href"] for v in values)
    assert all(v["source"].startswith("[") for v in values)


def test_the_conflict_cooperation_chart_cites_its_sources(http: httpx.Client) -> None:
    story_id = _wire_story(http)
    story = http.get(f"/api/stories/{story_id}").json()
    dated = [e for e in story.get("events", []) if len(e.get("date") or "") >= 10 and e["score"]]
    html = http.get(f"/stories/{story_id}").text
    if not dated:
        pytest.skip("the analysis found no day-dated events in the small corpus")
    assert "Conflict and cooperation" in html
    block = next(t for a, t in _scripts(html) if a.get("data-target") == "events-chart")
    rows = json.loads(block)["data"]["values"]
    assert len(rows) == len(dated)
    for row in rows:
        assert row["side"] == ("cooperation" if row["score"] > 0 else "conflict")
        assert row["href"].startswith("/articles/") and row["source"].startswith("[")
    assert '<table class="events-by-day">' in html  # what shows without JavaScript


def test_a_spec_cannot_close_its_script_block() -> None:
    series = {"label": "x", "conflicts": [], "points": [
        {"article_id": "a", "date": "2022-01-01", "value": 1, "kind": "count", "start": 0, "end": 5,
         "text": "</script><script>alert(1)</script>"}]}
    spec = figure_spec(series, lambda aid, start=None, end=None: {"n": 1, "href": "/articles/a", "label": "<b>"})
    out = templates.env.from_string('<script type="application/json">{{ s|tojson }}</script>').render(s=spec)
    assert out.count("</script>") == 1 and "<script>" not in out[1:] and "<b>" not in out
    assert json.loads(out.removeprefix('<script type="application/json">').removesuffix("</script>")) == spec


def test_the_stories_list_says_what_is_new_since_yesterday(http: httpx.Client) -> None:
    stories = http.get("/api/stories").json()["stories"]
    assert all(s["new_articles"] == len(s["articles"]) for s in stories)  # the test corpus came in just now
    html = http.get("/").text
    assert html.count('<span class="badge-new">new story</span>') == len(stories)
    assert "2 new articles since yesterday" in html


def test_a_story_row_counts_new_articles_and_outlets() -> None:
    record = {"id": "s1", "title": "T", "first_published": "2022-01-01", "last_published": "2022-01-03",
              "articles": [{"id": "a", "outlet": "A"}, {"id": "b", "outlet": "B"}, {"id": "c", "outlet": "C"}],
              "new_articles": 2, "new_outlets": ["C"]}
    row = story_row(record)
    assert (row["articles"], row["outlets"], row["new_articles"], row["new_outlets"], row["all_new"]) == (
        3, 3, 2, ["C"], False)
    html = templates.get_template("stories.html.j2").render(rows=[row], total=1, offset=0, page_size=50, csrf="")
    assert '<span class="badge-new">new</span>' in html
    assert "2 new articles since yesterday; first report from C" in html
    old = story_row({**record, "new_articles": 0, "new_outlets": []})
    html = templates.get_template("stories.html.j2").render(rows=[old], total=1, offset=0, page_size=50, csrf="")
    assert '<span class="badge-new">' not in html and "since yesterday" not in html
