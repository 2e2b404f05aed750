"""extract_html: body kept, page furniture and in-body noise dropped (and recorded), metadata read, bad pages
refused with BAD_HTML. Every page here is written by the test."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storyline.clean.html import extract_html
from storyline.clean.html_rules import COMMENTS, META_LINE, NEWSLETTER, RELATED, SOCIAL, STANDFIRST, TITLE
from storyline.clean.result import HtmlExtraction
from storyline.errors import Code, StorylineError

PARAGRAPHS = [
    "The foreign ministers of both countries agreed on Tuesday to resume talks on grain exports next week, "
    "officials said after a meeting that lasted more than four hours in the Turkish capital.",
    "Officials said the first round would take place in Istanbul, and that a deal on safe shipping corridors "
    "was possible within a month if both sides kept to the ceasefire along the coast.",
    "“We are closer than we have been at any point since the spring,” the Turkish foreign minister told "
    "reporters, adding that the United Nations would oversee the inspections of every ship.",
    "Grain prices fell by three percent on the news, traders in Chicago said, the largest daily drop since "
    "the war began, as buyers bet that millions of tonnes stuck in port would soon reach markets.",
    "The talks will resume on Monday with technical teams from both ministries and observers from the UN, "
    "and a second round of meetings between the ministers is planned for the end of the month.",
]
HEADLINE = "Ministers agree to resume grain talks"


def page(body: str, head: str = "") -> str:
    """A news page: site navigation, the article, a footer."""
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{HEADLINE} | Example News</title>
<meta property="og:title" content="{HEADLINE}">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2022-03-01T09:30:00Z">
<meta name="author" content="Jane Reporter">
<link rel="canonical" href="https://news.example.com/world/grain-talks">
{head}</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>{HEADLINE}</h1>
{body}
</article></main>
<footer><p><a href="/about">About us</a> | <a href="/privacy">Privacy policy</a> | <a href="/terms">Terms</a></p>
<p>© 2022 Example News Ltd. All rights reserved.</p></footer>
</body></html>"""


def article(*extra: str) -> str:
    paragraphs = [f"<p>{text}</p>" for text in PARAGRAPHS]
    for position, html in enumerate(extra):
        paragraphs.insert(2 + position, html)
    return "\n".join(paragraphs)


def test_body_is_kept_as_paragraphs_separated_by_one_blank_line() -> None:
    result = extract_html(page(article()), "https://news.example.com/world/grain-talks", source="grain")
    assert isinstance(result, HtmlExtraction)
    assert result.text.split("\n\n") == PARAGRAPHS
    assert "\n\n\n" not in result.text


def test_navigation_footer_and_headline_are_not_in_the_body() -> None:
    result = extract_html(page(article()))
    for furniture in ("Home", "Business", "Privacy policy", "All rights reserved", HEADLINE):
        assert furniture not in result.text
    assert any(r.reason == TITLE and r.text == HEADLINE for r in result.removed)


def test_related_links_and_prompts_inside_the_article_are_dropped_and_recorded() -> None:
    related = ('<p>Related: <a href="/world/ports-reopen">Ukraine ports reopen after months of blockade</a></p>'
               '<p><a href="/world/wheat-prices">Wheat prices hit a record high in Europe</a></p>')
    newsletter = "<p>Sign up to our Morning Briefing newsletter, delivered to your inbox every day.</p>"
    social = '<p>Follow us on <a href="https://twitter.com/example">Twitter</a> and Facebook.</p>'
    result = extract_html(page(article(related, newsletter, social)))
    assert result.text.split("\n\n") == PARAGRAPHS
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["Related: Ukraine ports reopen after months of blockade"] == RELATED
    assert "Wheat prices hit a record high" not in result.text  # trafilatura's precision mode drops this one
    assert reasons["Sign up to our Morning Briefing newsletter, delivered to your inbox every day."] == NEWSLETTER
    assert reasons["Follow us on Twitter and Facebook."] == SOCIAL


def test_standfirst_and_date_line_under_the_headline_are_dropped_and_recorded() -> None:
    header = ("<h2>Both sides say a deal on shipping corridors is possible within a month</h2>"
              "<p>Tuesday, 1 March 2022, 09:30</p>")
    result = extract_html(page(header + article()))
    assert result.text.split("\n\n") == PARAGRAPHS
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["Both sides say a deal on shipping corridors is possible within a month"] == STANDFIRST
    assert reasons["Tuesday, 1 March 2022, 09:30"] == META_LINE


def test_comment_section_at_the_end_is_cut() -> None:
    comments = ("<h3>12 comments</h3><p>Great article, thanks for writing it.</p>"
                "<p>I disagree with the minister, the deal will not hold past the summer.</p>")
    result = extract_html(page(article() + comments))
    assert result.text.split("\n\n") == PARAGRAPHS
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["12 comments"] == reasons["Great article, thanks for writing it."] == COMMENTS


def test_tables_and_lists_keep_their_text() -> None:
    extra = ("<table><tr><th>Port</th><th>Tonnes</th></tr><tr><td>Odesa</td><td>1.2 million</td></tr></table>"
             "<ul><li>Ships are inspected in Istanbul before they sail on.</li>"
             "<li>Each convoy is escorted through the corridor.</li></ul>")
    result = extract_html(page(article(extra)))
    assert "Odesa | 1.2 million" in result.text.split("\n\n")
    assert "Ships are inspected in Istanbul before they sail on." in result.text.split("\n\n")


def test_sentences_with_links_are_kept() -> None:
    linked = ('<p>The agreement follows <a href="/world/istanbul-deal">a deal signed in Istanbul in July</a>, '
              'which <a href="/world/un">the United Nations</a> said had already moved ten million tonnes.</p>')
    result = extract_html(page(article(linked)))
    assert "The agreement follows a deal signed in Istanbul in July, which the United Nations said" in result.text


def test_metadata_is_read_from_the_page() -> None:
    result = extract_html(page(article()), "https://news.example.com/world/grain-talks?utm_source=feed")
    assert result.title == HEADLINE
    assert result.published is not None and result.published.startswith("2022-03-01")
    assert result.outlet == "Example News"
    assert result.url == "https://news.example.com/world/grain-talks"
    assert result.byline == "Jane Reporter"
    assert result.language == "en"


def test_embedded_tweet_dropped_with_its_social_widget_is_put_back() -> None:
    tweet = ('<div class="social-media-embed"><blockquote class="twitter-tweet"><p lang="en">The grain corridor '
             'will save lives. We thank everyone who made it possible.</p>— Foreign Minister (@minister) '
             '<a href="https://twitter.com/minister/status/1">March 1, 2022</a></blockquote></div>')
    result = extract_html(page(article(tweet)))
    lines = result.text.split("\n\n")
    assert "The grain corridor will save lives. We thank everyone who made it possible." in lines
    assert lines.index(PARAGRAPHS[1]) < lines.index(
        "The grain corridor will save lives. We thank everyone who made it possible.") < lines.index(PARAGRAPHS[2])


def test_a_fragment_without_html_or_body_tags_is_read() -> None:
    result = extract_html("<p>Short note on the talks.</p><p>They resume on Monday.</p>", source="fragment")
    assert result.text == "Short note on the talks.\n\nThey resume on Monday."


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   \n ",
        page(""),  # navigation and footer only
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
        "<html><head><script>var x = 1;</script></head><body><script>render()</script></body></html>",
    ],
)
def test_a_page_without_a_body_is_refused_with_bad_html(html: str) -> None:
    with pytest.raises(StorylineError) as caught:
        extract_html(html, source="empty.html")
    assert caught.value.code is Code.BAD_HTML
    assert caught.value.source == "empty.html"
    assert caught.value.reason


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><article><p>Unclosed <b>bold <i>italic</p><p>Second <a href='x'>link</div></span></body>",
        "<p>Stray </td></tr> closing tags and <<< brackets >>> in text that goes on for a while.</p>",
        "<html><body>" + "<div>" * 3000 + "<p>Deeply nested text.</p>" + "</div>" * 3000 + "</body></html>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>An XML declaration in a str.</p></body></html>",
        "<html><body><p>Control \x00 characters \x0b and a lone surrogate \ud800 here.</p></body></html>",
        "<html><body><table><tr><td>cell<table><tr><td>nested</td></tr></table></td></tr></body></html>",
        "<<<>>>",
        "plain text, no markup at all",
    ],
)
def test_malformed_html_never_crashes(html: str) -> None:
    try:
        result = extract_html(html, source="bad.html")
    except StorylineError as error:
        assert error.code is Code.BAD_HTML
    else:
        assert result.text.strip()
        assert "\n\n\n" not in result.text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<a href='/x'>", "</a>", "<br>", "<h1>",
                                 "</h1>", "<ul><li>", "<table><tr><td>", "<!--", "-->", "<script>", "&amp;",
                                 "&#xD800;", "Grain talks resume.", "Related:", "Follow us on Twitter", " "]),
                max_size=40))
def test_random_tag_soup_never_crashes(pieces: list[str]) -> None:
    try:
        extract_html("".join(pieces), source="soup.html")
    except StorylineError as error:
        assert error.code is Code.BAD_HTML
