"""Scraped article text -> kept body, removals with reasons, and the metadata found in the text.

The text is read as paragraphs (blocks separated by blank lines; when the input has no blank line at all,
every line is a paragraph, as in trafilatura's output) made of lines; the output keeps that layout. Where a
decision needs units of text, each line is one, except in hard-wrapped paragraphs (lines broken at a fixed
width), which are one unit each (clean.layout). The passes, in order:

1. line rules (clean.rules): captions and credits, the image titles above them, prompts, UI strings;
2. the trailer (clean.trailer): from a "Latest … News" / "Read more" marker, or from a byline late in the
   text, everything that follows goes when it reads like a list of headlines (short units without a full stop);
3. the header (clean.headings): headline, dateline, byline and standfirst at the top move into metadata;
4. labelled datelines anywhere (clean.headings), repeated lines, and the orphan heading of a removed block at
   the end;
5. headings glued to the next sentence by the scraper are split into their own paragraph (clean.headings).

Every decision leans towards keeping text: a rule drops a line only on positive evidence that it is noise.
"""

from __future__ import annotations

import itertools
import re

from storyline.clean import rules
from storyline.clean.headings import (
    heading_context,
    mark_header,
    mark_labelled_datelines,
    split_glued,
    split_glued_heading,
)
from storyline.clean.layout import Doc, Found
from storyline.clean.result import TextCleaning
from storyline.clean.trailer import cut_trailer
from storyline.records import Removal

__all__ = ["clean_text", "split_glued_heading"]

# The heading of a removed block at the end ("News Digests" above a sign-up button) is a few words.
MAX_ORPHAN_HEADING_WORDS = 6

_PROMPT_REASONS = frozenset({rules.NEWSLETTER, rules.COOKIE, rules.FEEDBACK, rules.COMMENT, rules.SHARE})
_METADATA_REASONS = frozenset({rules.HEADLINE, rules.STANDFIRST, rules.DATELINE, rules.BYLINE})
# Credit lines at the end of an article ("Reporting by …") are never taken for an orphan heading.
_CREDIT_WORDS = re.compile(r"\b(?:reporting|editing|writing|contributed|compiled|additional)\b", re.IGNORECASE)


def clean_text(text: str, *, find_header: bool = True) -> TextCleaning:
    """Clean scraped article text (already ftfy-fixed). `find_header=False` for text extracted from HTML,
    where the page's own metadata gives the headline: then no headline or standfirst is looked for."""
    doc = Doc(text)
    found = Found()
    _mark_line_noise(doc)
    cut_trailer(doc, found)
    mark_header(doc, found, find_header)
    mark_labelled_datelines(doc, found)
    _mark_repeats(doc, found)
    _mark_orphan_headings(doc)
    body = "\n\n".join(_assemble(doc))
    removed = tuple(Removal(line.text, line.reason) for line in doc.lines if line.reason)
    return TextCleaning(text=body, removed=removed, title=found.title, standfirst=found.standfirst,
                        dateline=found.dateline, published=found.published, byline=found.byline)


def _mark_line_noise(doc: Doc) -> None:
    """Captions, credits, prompts and UI strings, line by line; then the image titles above captions."""
    for line in doc.lines:
        if not rules.is_trailer_marker(line.text):  # "Read more", "Related": left for the trailer pass
            line.reason = rules.caption_reason(line.text) or rules.prompt_reason(line.text)
    for para in doc.paras:
        for above, line in itertools.pairwise(para):
            if line.reason == rules.CAPTION and above.reason is None and rules.is_image_title(above.text):
                above.reason = rules.IMAGE_TITLE
    for p in range(1, len(doc.paras)):
        first, previous = doc.paras[p][0], doc.paras[p - 1]
        if first.reason != rules.CAPTION or len(previous) != 1 or previous[0].reason is not None:
            continue
        title = previous[0].text
        caption_words = {w.lower() for w in rules.words(first.text)}
        if rules.is_image_title(title) and {w.lower() for w in rules.words(title)} <= caption_words:
            previous[0].reason = rules.IMAGE_TITLE  # "Vladimir Putin" above "Vladimir Putin (… /AP)"


def _mark_repeats(doc: Doc, found: Found) -> None:
    """A line repeating the one before it (or the headline) is a scraping echo: keep the first copy."""
    previous = " ".join(found.title.split()) if found.title else ""
    for line in doc.lines:
        if line.reason is not None:
            continue
        key = " ".join(line.text.split())
        if key and key == previous:
            line.reason = rules.REPEATED
        previous = key


def _mark_orphan_headings(doc: Doc) -> None:
    """An article never ends with a heading: a short heading-like line left just above a removed prompt at
    the end ("Our newsletters" above "Sign up to …") is that prompt's heading and goes with the same reason.
    One line only, without digits or credits, and only above prompt boxes (not above a copyright line,
    where the last lines are more likely the article's own captions or dates)."""
    units = doc.units()
    if not units or len(units[-1]) != 1:
        return
    line = units[-1][0]
    after = [other.reason for other in doc.lines[doc.lines.index(line) + 1:] if other.reason not in _METADATA_REASONS]
    if (after and after[0] in _PROMPT_REASONS and not rules.ends_sentence(line.text)
            and rules.word_count(line.text) <= MAX_ORPHAN_HEADING_WORDS and not _CREDIT_WORDS.search(line.text)
            and not any(ch.isdigit() for ch in line.text)):
        line.reason = after[0]


def _assemble(doc: Doc) -> list[str]:
    """Kept lines, paragraphs joined by a blank line, a glued heading split off at the start of a unit."""
    kept = [line for line in doc.lines if line.reason is None]
    texts = [line.text for line in kept]
    paragraphs: list[list[str]] = []
    for i, line in enumerate(kept):
        if not paragraphs or line.para != kept[i - 1].para:
            paragraphs.append([])
        split = None
        if i > 0 and line.unit_start:
            split = split_glued(line.text, lambda i=i: heading_context(texts, i))
        if split:
            if paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(split[0])
            paragraphs.append([split[1]])
        else:
            paragraphs[-1].append(line.text)
    return ["\n".join(lines) for lines in paragraphs]

