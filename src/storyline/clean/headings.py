"""Headings in scraped text: the header at the top (headline, standfirst, dateline, byline), labelled datelines
anywhere, and headings glued to the next sentence by the scraper.

The header lines move into metadata (`Found`); a glued heading is split into its own paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.clean import rules
from storyline.clean.dates import normalise_date
from storyline.clean.layout import Doc, Found, Line

# Headlines run to 20-odd words; a first line of 25+ words is a lead sentence that lost its full stop.
MAX_HEADLINE_WORDS = 24
MAX_HEADLINE_CHARS = 200
MIN_HEADLINE_WORDS = 2
# A Title Case first line may end with a stop and still be a headline; 3 capitalised words make a pattern.
MIN_TITLE_CASE_WORDS = 3
# Metadata at the top (dateline, byline, image block) spans a few paragraphs; body starts soon after.
MAX_HEADER_PARAGRAPHS = 8
# A standfirst without a full stop is a one-line summary; fewer than 6 words is a subheading instead, and
# more than 30 a lead paragraph whose final stop was lost (lead paragraphs run 25-45 words).
MIN_STANDFIRST_WORDS = 6
MAX_UNPUNCTUATED_STANDFIRST_WORDS = 30
# A standfirst is recognised by being restated in the body right after it: most of its content words (70%)
# come back in one sentence of the next 4 paragraphs. A lead paragraph is followed by new facts instead;
# on the 2,225 BBC articles (leads restated loosely by later sentences) 60% took 13 leads, 70% none.
MAX_STANDFIRST_WORDS = 50
STANDFIRST_ECHO_SHARE = 0.7
STANDFIRST_ECHO_PARAGRAPHS = 4
MIN_ECHO_WORDS = 4
MIN_CONTENT_WORD_CHARS = 4
# Glued headings: 2-6 words (headings are short noun phrases), followed by a sentence of 6+ words.
MIN_HEADING_WORDS = 2
MAX_HEADING_WORDS = 6
MIN_SPLIT_SENTENCE_WORDS = 6
# A heading's words come back in the section it introduces: the next 2,000 characters (3-6 paragraphs).
HEADING_CONTEXT_CHARS = 2000
# "NATO member Turkey": the heading's name comes back within the first three words after the acronym.
STUTTER_WINDOW = 3

# Separators inside a header line holding a byline and a date: "By Jane Doe | Published 14 February 2022".
_META_PARTS = re.compile(r"\s+[|•·–—]\s+|\s+-\s+(?=by\b|\d|published|updated)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘]?[A-Z])")
_HEADING_TOKEN = re.compile(r"^[^\W\d_][\w'’-]*$")  # a plain word: no punctuation, no digits first
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_PRONOUNS = frozenset({"i", "he", "she", "it", "we", "they", "you"})
# 2-6 words, then a capitalised word: the shape every glued heading has (a cheap test before the real one).
_GLUE_CANDIDATE = re.compile(r"^\S+(?: \S+){1,5} [A-Z]")


def _meta_line(line: Line, found: Found) -> bool:
    """Mark a dateline or byline at the top of the text as metadata; False when the line is neither.
    A line may hold both, split by a bar or a dash: "By Jane Doe | Published 14 February 2022"."""
    parts = [(part, _date(part), rules.byline_name(part)) for part in _META_PARTS.split(line.text)]
    if not all(iso or name for _part, iso, name in parts):
        return False
    for part, iso, name in parts:
        if iso and found.dateline is None:
            found.dateline, found.published = part, iso
        found.byline = found.byline or name
    line.reason = rules.BYLINE if any(name for *_, name in parts) else rules.DATELINE
    return True


def _date(text: str) -> str | None:
    return normalise_date(rules.dateline_date(text)) if rules.is_dateline(text) else None


def _consume_meta(doc: Doc, content: list[int], pos: int, found: Found) -> int:
    """Mark the metadata lines from content paragraph `pos` on; return the position of the first content."""
    while pos < len(content) and pos < MAX_HEADER_PARAGRAPHS:
        for line in doc.kept(content[pos]):
            if not _meta_line(line, found):
                return pos
        pos += 1
    return pos


def mark_header(doc: Doc, found: Found, find_header: bool) -> None:
    """Datelines and bylines at the top; then the headline, more metadata, and the standfirst under it."""
    content = doc.content_paras()
    pos = _consume_meta(doc, content, 0, found)
    if not find_header or pos + 1 >= len(content):
        return
    head = doc.kept(content[pos])
    if len(head) == 1 and _is_headline(head[0].text):
        head[0].reason = rules.HEADLINE
        found.title = head[0].text
        content = doc.content_paras()
        pos = _consume_meta(doc, content, pos, found)
        if pos + 1 < len(content):
            _mark_standfirst(doc, content[pos], content[pos + 1:], found)


def _is_headline(text: str) -> bool:
    """Short, one line, no closing full stop or comma (a teaser's "…" is fine), or else in Title Case: a
    headline. A lead sentence ends with a stop and has lower-case words. It starts like a title: a capital,
    a digit, a quote, a currency sign, or a brand with an inner capital ("eBay sales rise …")."""
    n = rules.word_count(text)
    core = text.rstrip(rules.CLOSERS)
    first = text.split()[0] if text.split() else ""
    starts = first[:1].isupper() or first[:1].isdigit() or first[:1] in "\"'“‘«$£€¥" or first != first.lower()
    ends = core.endswith(("...", "…")) or core[-1:] not in ".,;:" or (core[-1:] == "." and _title_case(text))
    return MIN_HEADLINE_WORDS <= n <= MAX_HEADLINE_WORDS and len(text) <= MAX_HEADLINE_CHARS and starts and ends


def _title_case(text: str) -> bool:
    """Every word but the function words capitalised: "Talks Over Gas: Kremlin Was Ready to Deal."."""
    content = [w for w in rules.words(text) if w[0].isalpha() and w.lower() not in rules.FUNCTION_WORDS]
    return len(content) >= MIN_TITLE_CASE_WORDS and all(w[0].isupper() for w in content)


def _content_words(text: str) -> set[str]:
    """Lower-cased words of MIN_CONTENT_WORD_CHARS or more, function words left out."""
    return set(map(str.lower, rules.long_words(text, MIN_CONTENT_WORD_CHARS))) - rules.FUNCTION_WORDS


def _mark_standfirst(doc: Doc, para: int, following: list[int], found: Found) -> None:
    """The summary paragraph under the headline. Since a wrong call would take the lead paragraph out of the
    body, it needs evidence beyond its place: a standfirst is restated by a sentence of the body (most of
    its content words come back in one sentence of the next paragraphs), or, when it is written without a
    full stop, it sits in a page header with a dateline, a byline or a lead image next to it."""
    lines = doc.kept(para)
    if len(lines) != 1:
        return
    text = lines[0].text
    n = rules.word_count(text)
    # The echo (the costly test: every sentence of the next paragraphs) is read only when it can decide.
    if rules.ends_sentence(text):
        is_standfirst = n <= MAX_STANDFIRST_WORDS and _echoed(doc, text, following)
    else:
        structured = bool(found.dateline or found.byline) or _image_block(doc, para - 1) or _image_block(doc, para + 1)
        is_standfirst = (MIN_STANDFIRST_WORDS <= n <= MAX_UNPUNCTUATED_STANDFIRST_WORDS
                         and (structured or _echoed(doc, text, following)))
    if is_standfirst:
        lines[0].reason = rules.STANDFIRST
        found.standfirst = text


def _echoed(doc: Doc, text: str, following: list[int]) -> bool:
    """Does one sentence of the next paragraphs restate most (STANDFIRST_ECHO_SHARE) of the text's content words?"""
    own = _content_words(text)
    if len(own) < MIN_ECHO_WORDS:
        return False
    needed = STANDFIRST_ECHO_SHARE * len(own)

    def met(part: str) -> int:
        # `own` holds no function words, so the part's long words meet it exactly where its content words do.
        return len(own.intersection(map(str.lower, rules.long_words(part, MIN_CONTENT_WORD_CHARS))))

    paragraphs = [doc.kept_text(q) for q in following[:STANDFIRST_ECHO_PARAGRAPHS]]
    # A sentence's words are words of its paragraph (sentences split at spaces after a stop), so no sentence
    # meets more than the paragraphs together: one pass over them settles 9 leads in 10 (BBC corpus).
    if met("\n".join(paragraphs)) < needed:
        return False
    return any(met(sentence) >= needed for text in paragraphs for sentence in _SENTENCE_END.split(text))


def _image_block(doc: Doc, para: int) -> bool:
    """Is paragraph `para` a lead image: nothing but an image title and a caption?"""
    if not 0 <= para < len(doc.paras):
        return False
    return all(line.reason in (rules.CAPTION, rules.IMAGE_TITLE) for line in doc.paras[para])


def mark_labelled_datelines(doc: Doc, found: Found) -> None:
    for line in doc.lines:
        if line.reason is None and rules.has_date_label(line.text) and rules.is_dateline(line.text):
            _meta_line(line, found)


def heading_context(texts: list[str], i: int) -> str:
    """The text after line `i`, up to about HEADING_CONTEXT_CHARS: the section a heading would introduce."""
    taken: list[str] = []
    size = 0
    for text in texts[i + 1:]:
        if size >= HEADING_CONTEXT_CHARS:
            break
        taken.append(text)
        size += len(text)
    return " ".join(taken)


def split_glued_heading(line: str, later: str = "") -> tuple[str, str] | None:
    """`Belarus military exercises The four countries will …` -> ("Belarus military exercises", "The four …").

    Scrapers that drop line breaks glue a subheading onto the sentence after it. The split needs strong
    evidence, since an ordinary sentence must never be cut. The words before the split form a short noun
    phrase (2-6 words, starts with a capital, has a lower-case word so it is not a run of names such as
    "US President", no common finite verb, no punctuation, not ending in a function word or a possessive),
    and then either
    - the sentence opens with a capitalised opening word followed by a lower-case one ("The four countries",
      "In recent weeks", "It is") and a word of the heading comes back in the section: inside a sentence a capital
      "The" before a lower-case word does not occur, while "Danish film The Quiet Harbour …" (a title) or
      "Russian foreign minister Sergei Lavrov said" (a name) have capitals after the capital word; or
    - the heading ends with a name that comes back among the first words of a sentence opening with an
      acronym (`Warning from Turkey NATO member Turkey also warned …`): prose does not repeat a name within
      three words ("Comments from Apple CEO Tim Cook suggested Apple …" is not split).
    """
    return split_glued(line, lambda: later)


def split_glued(line: str, later: Callable[[], str]) -> tuple[str, str] | None:
    """split_glued_heading, reading the text after the line (`later`) only when a heading candidate needs it."""
    if not rules.ends_sentence(line) or not _GLUE_CANDIDATE.match(line):
        return None
    tokens = line.split(" ")
    for k in range(MIN_HEADING_WORDS, min(MAX_HEADING_WORDS, len(tokens) - MIN_SPLIT_SENTENCE_WORDS) + 1):
        head, rest = tokens[:k], tokens[k:]
        if not _heading_like(head):
            continue
        sentence = " ".join(rest)
        opener, second = rest[0], rest[1]
        if (opener in rules.SENTENCE_STARTERS and (second[:1].islower() or second[:1].isdigit())
                and _recurs(_content_words(" ".join(head)), f"{sentence} {later()}")):
            return " ".join(head), sentence
        if (_ACRONYM.match(opener) and head[-1][0].isupper()
                and _recurs({head[-1].lower()}, " ".join(rest[1:1 + STUTTER_WINDOW]))):
            return " ".join(head), sentence
    return None


def _heading_like(head: list[str]) -> bool:
    if not all(_HEADING_TOKEN.match(t) for t in head) or not head[0][0].isupper():
        return False
    lowered = [t.lower() for t in head]
    if lowered[0] in _PRONOUNS or lowered[-1] in rules.FUNCTION_WORDS or lowered[-1].endswith(("'s", "’s")):
        return False
    if not any(t[0].islower() for t in head[1:]):
        return False
    return not any(t in rules.COMMON_VERBS or (len(t) > 4 and t.endswith("ed") and t[0].islower())
                   for t in (head[0].lower(), *head[1:]))


def _recurs(head_words: set[str], text: str) -> bool:
    """Does a heading word come back (or a word sharing its first 5 letters: "troop"/"troops")?"""
    stems = {w[:5] for w in head_words}
    return any(w.lower()[:5] in stems for w in rules.long_words(text, MIN_CONTENT_WORD_CHARS))
