"""What the cleaners return: the kept body, what went and why, and metadata found in the text or page."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyline.records import Removal


@dataclass(frozen=True)
class TextCleaning:
    """Result of cleaning scraped text (clean.text.clean_text)."""

    text: str  # kept body, paragraphs separated by one blank line
    removed: tuple[Removal, ...] = ()
    title: str | None = None  # headline found at the top of the text
    standfirst: str | None = None
    dateline: str | None = None  # the dateline as written, e.g. "14 February 2022, 19:24"
    published: str | None = None  # the dateline as ISO 8601 ("2022-02-14T19:24")
    byline: str | None = None  # "Press Association" from "By Press Association"


@dataclass(frozen=True)
class HtmlExtraction:
    """Main content and metadata of an HTML page (clean.html.extract_html)."""

    text: str  # main content as plain text, paragraphs separated by one blank line
    title: str | None = None
    published: str | None = None  # ISO 8601 date or datetime
    outlet: str | None = None  # site name
    url: str | None = None  # canonical URL
    byline: str | None = None
    language: str | None = None
    removed: tuple[Removal, ...] = field(default_factory=tuple)
