"""HTML main-content extraction: trafilatura for the body and metadata, then the noise it leaves behind.

trafilatura's precision mode drops most page furniture but sometimes real paragraphs too, so its output is the
skeleton and what only the default mode found is put back when it reads as article text. Each line is then judged
on its text, its share of link text and its place; every dropped line is recorded with the rule that dropped it.

The parts: clean.html_lines (the body as lines), clean.html_recover (putting back what precision mode dropped),
clean.html_rules (the removal reasons and the line rules).
"""

from __future__ import annotations

import re

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from storyline.clean.dates import normalise_date
from storyline.clean.html_lines import SPACE, Line, body_lines
from storyline.clean.html_recover import merge, recover_tweets
from storyline.clean.html_rules import HOVER_CARD, clean_lines
from storyline.clean.result import HtmlExtraction
from storyline.errors import Code, StorylineError
from storyline.records import Removal

__all__ = ["extract_html"]

# Pruned from the page before extraction: inline pop-up cards (people hover cards, tooltips) whose text shows
# only on hover and would otherwise be glued into the sentence that holds the link.
_HOVER_CARD_XPATH = (
    '//*[(contains(@class, "rollover-") or contains(@class, "tooltip")) and not(self::a)'
    ' or contains(@class, "hovercard") or contains(@class, "popover")]'
)
_LANGUAGE_XPATH = ('//meta[translate(@http-equiv, "CONTENTLAG", "contentlag")="content-language"]/@content'
                   ' | //meta[@property="og:locale"]/@content')
_LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def extract_html(html: str, url: str | None = None, *, source: str = "") -> HtmlExtraction:
    """Main content and metadata of an HTML page; raises StorylineError(BAD_HTML) when it has no body."""
    source = source or url or "<html>"
    if not html or not html.strip():
        raise StorylineError(Code.BAD_HTML, source, "the page is empty")
    tree = _parse(html)
    if tree is None:
        raise StorylineError(Code.BAD_HTML, source, "the HTML cannot be parsed")
    doc = _extract(tree, url, favor_precision=True, with_metadata=True)
    default = _extract(tree, url, favor_precision=False, with_metadata=False)
    lines = merge(body_lines(getattr(doc, "body", None)), body_lines(getattr(default, "body", None)))
    lines = recover_tweets(tree, lines) if lines else _baseline_lines(tree)
    if not lines:
        raise StorylineError(Code.BAD_HTML, source, "no article body found in the page")
    title = _meta(doc, "title")
    kept, removed = clean_lines(lines, title, _meta(doc, "description"))
    if not any(line.words for line in kept):
        raise StorylineError(Code.BAD_HTML, source, "the page holds only navigation and boilerplate, no article body")
    published = _meta(doc, "date")
    return HtmlExtraction(
        text="\n\n".join(line.text for line in kept),
        title=title,
        published=normalise_date(published) if published else None,
        outlet=_meta(doc, "sitename"),
        url=_meta(doc, "url") or url,
        byline=_meta(doc, "author"),
        language=_page_language(tree),
        removed=tuple(removed) + _hover_cards(tree),
    )


def _parse(html: str) -> etree._Element | None:
    """The page as an lxml tree; fragments ("<p>...</p>", feed content) are parsed as the body of a page."""
    html = _XML_DECLARATION.sub("", html, count=1)
    tree = load_html(html)
    if tree is None or tree.tag != "html":
        tree = load_html(f"<html><body>{html}</body></html>")
    return tree


def _extract(tree: etree._Element, url: str | None, *, favor_precision: bool, with_metadata: bool) -> object:
    try:
        return trafilatura.bare_extraction(
            tree, url=url, favor_precision=favor_precision, include_comments=False, include_tables=True,
            include_links=True, with_metadata=with_metadata, prune_xpath=_HOVER_CARD_XPATH,
        )
    except Exception:  # trafilatura raises assorted errors on broken pages: no body from it
        return None


def _meta(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None)
    return (value.strip() or None) if isinstance(value, str) else None


def _baseline_lines(tree: etree._Element) -> list[Line]:
    """trafilatura's last resort (paragraph text without scoring), for pages too small for its scoring."""
    try:
        body, text, _length = trafilatura.baseline(etree.tostring(tree, encoding="unicode"))
    except Exception:  # as above
        return []
    return body_lines(body) if text and text.strip() else []


def _hover_cards(tree: etree._Element) -> tuple[Removal, ...]:
    """Record the pop-up cards pruned before extraction (they never reach the body, but they were dropped)."""
    texts = (SPACE.sub(" ", " ".join(el.itertext())).strip() for el in tree.xpath(_HOVER_CARD_XPATH))
    return tuple(Removal(text, HOVER_CARD) for text in dict.fromkeys(texts) if text)


def _page_language(tree: etree._Element) -> str | None:
    """The page's declared language (`<html lang>`, content-language or og:locale), as a primary subtag."""
    for value in [tree.get("lang"), *tree.xpath(_LANGUAGE_XPATH)]:
        match = _LANGUAGE_TAG.match(str(value or ""))
        if match:
            return match.group(1).lower()
    return None
