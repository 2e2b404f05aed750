"""The HTML report: self-contained (no external script, style, font or image; no URL but the articles' own),
every article-derived string escaped, every summary sentence cited with a link to its highlighted words."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from storyline.analyze.figures import find_figures
from storyline.analyze.times import find_times
from storyline.present.report import render_html, render_json, safe_url, write_report
from storyline.records import Article
from storyline.synthesize.story import build_story

EVIL = "<script>alert('x')</script>"


def _article(aid: str, outlet: str, published: str, text: str, url: str | None, title: str) -> Article:
    return Article(id=aid, source_id=f"{aid}.txt", text=text, outlet=outlet, published=published, url=url,
                   title=title)


def _analysis(a: Article) -> dict[str, Any]:
    quotes = []
    if "“" in a.text:
        start, end = a.text.index("“") + 1, a.text.index("”")
        quotes.append({"start": start, "end": end, "text": a.text[start:end], "kind": "direct", "cue": "said",
                       "speaker": {"name": f"Minister {EVIL}", "start": 0, "end": 1, "text": "M"}})
    return {"entities": [], "quotes": quotes, "times": [t.to_dict() for t in find_times(a.text, a.published)],
            "figures": [f.to_dict() for f in find_figures(a.text)]}


def stories() -> tuple[list[dict[str, Any]], dict[str, Article]]:
    arts = [
        _article("a", "Wire <One>", "2022-03-07",
                 "Ruritania has massed 100,000 troops near the border, officials said on Monday.\n\n"
                 "“We will not be intimidated by these manoeuvres on our border,” the minister said.",
                 "https://wire.example/a?x=1&y=2", f"Troops massed {EVIL}"),
        _article("b", "Herald", "2022-03-08",
                 "Ruritania has massed 130,000 troops near the border, officials said on Tuesday.\n\n"
                 "Talks on a grain agreement in Istanbul stalled as the troops arrived.", "javascript:alert(1)",
                 "Herald report"),
        _article("c", "Gazette", "2022-03-11",
                 "Ruritania and Freedonia signed a grain export agreement in Istanbul on Friday, ending the crisis.",
                 None, "Deal signed"),
    ]
    record = {"id": "s1", "title": f"Border crisis {EVIL}", "duplicates": [], "first_published": "2022-03-07",
              "last_published": "2022-03-11", "entities": ["Ruritania"],
              "articles": [{"id": a.id, "source_id": a.source_id, "outlet": a.outlet, "published": a.published}
                           for a in arts]}
    story = build_story(record, arts, [_analysis(a) for a in arts])
    return [story], {a.id: a for a in arts}


def test_the_report_is_self_contained() -> None:
    html = render_html(*stories())
    assert "<link" not in html.lower()
    assert not re.search(r"\bsrc\s*=", html, re.IGNORECASE)
    assert "@import" not in html and "url(" not in html
    urls = set(re.findall(r"https?://[^\s\"'<>]+", html))
    assert urls == {"https://wire.example/a?x=1&amp;y=2"}  # the article's own link, escaped


def test_article_strings_are_escaped_and_unsafe_links_dropped() -> None:
    html = render_html(*stories())
    assert EVIL not in html
    assert "&lt;script&gt;" in html
    assert "Wire &lt;One&gt;" in html
    assert 'href="javascript:' not in html
    assert safe_url("javascript:alert(1)") is None and safe_url("data:text/html,x") is None
    # the only script is the report's own inline one (opening the section a citation points into)
    assert html.count("<script") == 1


def test_every_summary_sentence_has_a_citation_to_a_highlighted_span() -> None:
    story_list, articles = stories()
    html = render_html(story_list, articles)
    summary = re.search(r'<ol class="summary">(.*?)</ol>', html, re.DOTALL)
    assert summary
    items = re.findall(r"<li>(.*?)</li>", summary.group(1), re.DOTALL)
    assert len(items) == len(story_list[0]["summary"]) > 0
    for item in items:
        targets = re.findall(r'class="cite" href="#([^"]+)"', item)
        assert targets, item
        for target in targets:
            assert f'<mark id="{target}">' in html


def test_all_sections_are_there_with_an_svg_chart() -> None:
    html = render_html(*stories())
    for heading in ("In brief", "Timeline", "Who said what", "Figures", "Where outlets disagree", "Coverage",
                    "Sources"):
        assert f"<h3>{heading}</h3>" in html
    assert "<svg" in html  # the troop series, 100,000 then 130,000
    assert "Different figures" in html or "130,000" in html


def test_json_format_and_writing(tmp_path: Path) -> None:
    story_list, articles = stories()
    data = json.loads(render_json(story_list))
    assert data["stories"][0]["summary"][0]["citations"]
    out = write_report(story_list, articles, tmp_path / "r" / "report.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_report_command_writes_html_and_json(tmp_path: Path, cli, article_file: Path) -> None:  # type: ignore[no-untyped-def]
    import storyline.cli.report_cmd  # noqa: F401  (registers the command until cli/app.py imports it)

    out = tmp_path / "report.html"
    result = cli("report", str(article_file), "--out", str(out))
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Example News" in html and "<h3>In brief</h3>" in html
    result = cli("report", str(article_file), "--out", str(tmp_path / "r.json"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["stories"][0]["summary"]
