"""Named rules for scraped article text: what counts as noise, as a byline or as a dateline.

Every rule here looks at one line (or one paragraph) and answers with a rule name (the `reason` recorded in
`Removal`) or None. The rules describe phenomena that recur on countless news sites (captions with agency
credits, newsletter and cookie boxes, "Read more" link labels), not the wording of one page. They were tuned
on the bundled sample articles and on made-up variants of each phenomenon, and they favour keeping text:
every pattern is anchored to a whole line and most are limited to short lines, so a sentence of article
prose that merely mentions a cookie, a newsletter or a photograph is never matched.

This module gathers them in one namespace (`rules.CAPTION`, `rules.byline_name` ...); each family lives in its
own module:
- clean.reasons: the rule names;
- clean.words: the shared word lists and word helpers;
- clean.prompts: UI strings, copyright lines, trailer markers, related links, newsletter/cookie/feedback/comment/
  share prompts;
- clean.captions: photo captions, credits and image titles;
- clean.bylines, clean.datelines: byline names and date-only lines.

The multi-line decisions (where the body starts and ends, headline and standfirst) live in clean.text and the
modules it runs (clean.trailer, clean.headings).
"""

from __future__ import annotations

from storyline.clean.bylines import MAX_BYLINE_WORDS, byline_name
from storyline.clean.captions import (
    MAX_CAPTION_WORDS,
    MAX_CREDIT_WORDS,
    MAX_IMAGE_TITLE_WORDS,
    caption_reason,
    is_image_title,
)
from storyline.clean.datelines import MAX_DATELINE_TOKENS, dateline_date, has_date_label, is_dateline
from storyline.clean.prompts import (
    MAX_COOKIE_WORDS,
    MAX_COPYRIGHT_WORDS,
    MAX_LABEL_WORDS,
    MAX_PROMPT_WORDS,
    RELATED_LINK,
    TRAILER_MARKER,
    UI_STRINGS,
    cookie_reason,
    is_trailer_marker,
    newsletter_reason,
    prompt_reason,
    ui_reason,
)
from storyline.clean.reasons import (
    BYLINE,
    CAPTION,
    COMMENT,
    COOKIE,
    DATELINE,
    FEEDBACK,
    HEADLINE,
    IMAGE_TITLE,
    NEWSLETTER,
    RELATED,
    REPEATED,
    SHARE,
    STANDFIRST,
    UI,
)
from storyline.clean.words import (
    CLOSERS,
    COMMON_VERBS,
    FUNCTION_WORDS,
    SENTENCE_STARTERS,
    ends_sentence,
    long_words,
    normal,
    word_count,
    words,
)

__all__ = [
    "BYLINE", "CAPTION", "CLOSERS", "COMMENT", "COMMON_VERBS", "COOKIE", "DATELINE", "FEEDBACK", "FUNCTION_WORDS",
    "HEADLINE", "IMAGE_TITLE", "MAX_BYLINE_WORDS", "MAX_CAPTION_WORDS", "MAX_COOKIE_WORDS", "MAX_COPYRIGHT_WORDS",
    "MAX_CREDIT_WORDS", "MAX_DATELINE_TOKENS", "MAX_IMAGE_TITLE_WORDS", "MAX_LABEL_WORDS", "MAX_PROMPT_WORDS",
    "NEWSLETTER", "RELATED", "RELATED_LINK", "REPEATED", "SENTENCE_STARTERS", "SHARE", "STANDFIRST",
    "TRAILER_MARKER", "UI", "UI_STRINGS", "byline_name", "caption_reason", "cookie_reason", "dateline_date",
    "ends_sentence", "has_date_label", "is_dateline", "is_image_title", "is_trailer_marker", "long_words",
    "newsletter_reason", "normal", "prompt_reason", "ui_reason", "word_count", "words",
]
