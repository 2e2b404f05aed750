"""Clean stage: RawDocument -> Article.

HTML goes through main-content extraction (clean.html, trafilatura) first; all text then goes through the
scraped-text rules (clean.text). Metadata given with the input wins over what is found in the content.
"""

from __future__ import annotations

import hashlib
import re

import ftfy

from storyline.clean.dates import normalise_date
from storyline.clean.language import detect_language
from storyline.clean.result import HtmlExtraction, TextCleaning
from storyline.records import Article, PublishedFrom, RawDocument, SourceMeta
from storyline.settings import Settings

ID_PREFIX = "a"
_FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)
# What ftfy (6.x) can change in ASCII text: HTML entities ("&amp;"), carriage returns, terminal escapes and
# the control characters it removes (all but tab, line feed, form feed and carriage return, which it turns
# into a line feed). Mojibake, ligatures, wide characters, curly quotes and NFC all need non-ASCII text.
# ASCII text without these comes back unchanged, so it is not handed to ftfy (two thirds of the BBC articles,
# and most lines of the others); tests/clean pins this against ftfy itself.
_FTFY_ASCII_WORK = re.compile(r"[&\r\x00-\x08\x0b\x0e-\x1f\x7f]")
_LINE_ENDS = re.compile(r"(?<=\n)")  # ftfy's segments: lines with their "\n"


def article_id(doc: RawDocument) -> str:
    """Stable id: the same content under the same name (file name, record id or URL) gives the same id.

    The name is part of it so that the same wire copy published by two sites stays two articles (the
    duplicate grouping later ties them together), while ingesting one file twice stores it once.
    """
    name = doc.meta.url or doc.name or doc.source_id
    digest = hashlib.sha256(f"{name}\n{doc.body}".encode("utf-8", "surrogatepass")).hexdigest()
    return f"{ID_PREFIX}{digest[:16]}"


def repair_unicode(text: str) -> str:
    """Mojibake and broken entities repaired; curly quotes kept (quote extraction reads their style)."""
    if _untouched(text):
        return text
    if "<" in text:  # a "<" turns ftfy's entity repair off for the lines after it: ftfy reads such text whole
        return ftfy.fix_text(text, _FTFY_CONFIG)
    # Otherwise ftfy fixes each line on its own (its documented unit): only the lines it may change go to it.
    return "".join(line if _untouched(line) else ftfy.fix_text(line, _FTFY_CONFIG) for line in _LINE_ENDS.split(text))


def _untouched(text: str) -> bool:
    return text.isascii() and not _FTFY_ASCII_WORK.search(text)


def clean_document(doc: RawDocument, settings: Settings | None = None) -> Article:
    settings = settings or Settings()
    extraction: HtmlExtraction | None = None
    if doc.kind == "html":
        from storyline.clean.html import extract_html

        extraction = extract_html(doc.body, doc.meta.url, source=doc.source_id)
        body = extraction.text
    else:
        body = doc.body
    if settings.clean:
        from storyline.clean.text import clean_text

        cleaning = clean_text(repair_unicode(body), find_header=extraction is None)
    else:
        cleaning = TextCleaning(text=body)
    return _article(doc, cleaning, extraction)


def _article(doc: RawDocument, cleaning: TextCleaning, extraction: HtmlExtraction | None) -> Article:
    meta = doc.meta
    found = SourceMeta()
    if extraction is not None:
        found = SourceMeta(outlet=extraction.outlet, url=extraction.url, published=extraction.published,
                           title=extraction.title, byline=extraction.byline, language=extraction.language)
    found = found.merged(SourceMeta(title=cleaning.title, byline=cleaning.byline, published=cleaning.published))
    published, published_from = _published(meta, extraction, cleaning)
    removed = (extraction.removed if extraction else ()) + cleaning.removed
    title = meta.title or found.title
    return Article(
        id=article_id(doc),
        source_id=doc.source_id,
        text=cleaning.text,
        outlet=meta.outlet or found.outlet,
        url=meta.url or found.url,
        byline=meta.byline or found.byline,
        language=meta.language or found.language or detect_language(cleaning.text),
        title=title,
        title_derived=False,
        published=published,
        published_from=published_from,
        removed=removed,
        standfirst=cleaning.standfirst,
    )


def _published(
    meta: SourceMeta, extraction: HtmlExtraction | None, cleaning: TextCleaning
) -> tuple[str | None, PublishedFrom | None]:
    for value, origin in ((meta.published, "metadata"), (extraction.published if extraction else None, "html"),
                          (cleaning.published, "text")):
        iso = normalise_date(value) if value else None
        if iso:
            return iso, origin  # type: ignore[return-value]
    return None, None
