"""Scraped article text -> kept body, removals with reasons, and the metadata found in the text.

The text is read as paragraphs (blocks separated by blank lines; when the input has no blank line at all,
every line is a paragraph, as in trafilatura's output) made of lines; the output keeps that layout. Where a
decision needs units of text, each line is one, except in hard-wrapped paragraphs (lines broken at a fixed
width), which are one unit each. The passes, in order:

1. line rules (clean.rules): captions and credits, the image titles above them, prompts, UI strings;
2. the trailer: from a "Latest … News" / "Read more" marker, or from a byline late in the text, everything
   that follows goes when it reads like a list of headlines (short units without a full stop);
3. the header: headline, dateline, byline and standfirst at the top move into metadata;
4. labelled datelines anywhere, repeated lines, and the orphan heading of a removed block at the end;
5. headings glued to the next sentence by the scraper are split into their own paragraph.

Every decision leans towards keeping text: a rule drops a line only on positive evidence that it is noise.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from storyline.clean import rules
from storyline.clean.dates import normalise_date
from storyline.clean.result import TextCleaning
from storyline.records import Removal

# Lines of text wrapped at a fixed width are 60-80 characters; one-line captions and headlines are shorter.
MIN_WRAPPED_LINE_CHARS = 40
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
# A related-headline list: at least 40% of its paragraphs are headline-like (up to 30 words, no full stop)
# and at most 25% are statements (6+ words ending with a stop). Article bodies are mostly
# sentences with under 20% headings; the lists on the sample pages are over half headlines and about 10%
# captions written as sentences (the other captions have no stop).
LIST_HEADLINE_SHARE = 0.4
LIST_MAX_PROSE_SHARE = 0.25
LIST_ITEM_MAX_WORDS = 30
# A marker inside the article ("Don't miss", "Read more") heads a box of 2-6 links before the prose goes on;
# one line after a marker is more likely a subheading of the article.
MIN_INLINE_ITEMS = 2
MAX_INLINE_ITEMS = 6
# A byline late in the text starts the trailer only when a list (2+ items) follows it; a single line after
# a byline is more often a credit ("Additional reporting by …").
MIN_BYLINE_TAIL = 2
# The heading of a removed block at the end ("News Digests" above a sign-up button) is a few words.
MAX_ORPHAN_HEADING_WORDS = 6
# Glued headings: 2-6 words (headings are short noun phrases), followed by a sentence of 6+ words.
MIN_HEADING_WORDS = 2
MAX_HEADING_WORDS = 6
MIN_SPLIT_SENTENCE_WORDS = 6
# A heading's words come back in the section it introduces: the next 2,000 characters (3-6 paragraphs).
HEADING_CONTEXT_CHARS = 2000
# "NATO member Turkey": the heading's name comes back within the first three words after the acronym.
STUTTER_WINDOW = 3

_PROMPT_REASONS = frozenset({rules.NEWSLETTER, rules.COOKIE, rules.FEEDBACK, rules.COMMENT, rules.SHARE})
_METADATA_REASONS = frozenset({rules.HEADLINE, rules.STANDFIRST, rules.DATELINE, rules.BYLINE})
# Separators inside a header line holding a byline and a date: "By Jane Doe | Published 14 February 2022".
_META_PARTS = re.compile(r"\s+[|•·–—]\s+|\s+-\s+(?=by\b|\d|published|updated)", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’]?\s+(?=[\"'“‘]?[A-Z])")
# Credit lines at the end of an article ("Reporting by …") are never taken for an orphan heading.
_CREDIT_WORDS = re.compile(r"\b(?:reporting|editing|writing|contributed|compiled|additional)\b", re.IGNORECASE)
_HEADING_TOKEN = re.compile(r"^[^\W\d_][\w'’-]*$")  # a plain word: no punctuation, no digits first
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_PRONOUNS = frozenset({"i", "he", "she", "it", "we", "they", "you"})
# 2-6 words, then a capitalised word: the shape every glued heading has (a cheap test before the real one).
_GLUE_CANDIDATE = re.compile(r"^\S+(?: \S+){1,5} [A-Z]")


@dataclass
class _Line:
    text: str
    para: int
    reason: str | None = None
    unit_start: bool = True  # starts a unit: a line of its own, or the first line of a hard-wrapped paragraph


@dataclass
class _Found:
    title: str | None = None
    standfirst: str | None = None
    dateline: str | None = None
    published: str | None = None
    byline: str | None = None


class _Doc:
    def __init__(self, text: str) -> None:
        raw = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")]
        one_per_line = "" not in raw  # trafilatura-style text: one paragraph per line
        self.paras: list[list[_Line]] = [[]]
        for line in raw:
            if self.paras[-1] and (one_per_line or not line):  # a blank line (or every line) ends a paragraph
                self.paras.append([])
            if line:
                self.paras[-1].append(_Line(line, len(self.paras) - 1))
        if not self.paras[-1]:
            self.paras.pop()
        self.lines = [line for para in self.paras for line in para]
        for para in self.paras:
            if _hard_wrapped(para):
                for line in para[1:]:
                    line.unit_start = False

    def units(self) -> list[list[_Line]]:
        """The kept text as units: each line on its own, except hard-wrapped paragraphs, which are one unit."""
        units: list[list[_Line]] = []
        for line in self.lines:
            if line.reason is None:
                if line.unit_start or not units or units[-1][-1].para != line.para:
                    units.append([])
                units[-1].append(line)
        return units

    def kept(self, para: int) -> list[_Line]:
        return [line for line in self.paras[para] if line.reason is None]

    def kept_text(self, para: int) -> str:
        return "\n".join(line.text for line in self.kept(para))

    def content_paras(self) -> list[int]:
        return [p for p in range(len(self.paras)) if self.kept(p)]


def _hard_wrapped(para: list[_Line]) -> bool:
    """Lines broken at a fixed width (most lines long and ending mid-sentence) rather than one per paragraph."""
    inner = para[:-1]
    wrapped = sum(not rules.ends_sentence(line.text) and len(line.text) >= MIN_WRAPPED_LINE_CHARS for line in inner)
    return bool(inner) and 2 * wrapped >= len(inner)


def _text(unit: list[_Line]) -> str:
    return "\n".join(line.text for line in unit if line.reason is None)


def clean_text(text: str, *, find_header: bool = True) -> TextCleaning:
    """Clean scraped article text (already ftfy-fixed). `find_header=False` for text extracted from HTML,
    where the page's own metadata gives the headline: then no headline or standfirst is looked for."""
    doc = _Doc(text)
    found = _Found()
    _mark_line_noise(doc)
    _cut_trailer(doc, found)
    _mark_header(doc, found, find_header)
    _mark_labelled_datelines(doc, found)
    _mark_repeats(doc, found)
    _mark_orphan_headings(doc)
    body = "\n\n".join(_assemble(doc))
    removed = tuple(Removal(line.text, line.reason) for line in doc.lines if line.reason)
    return TextCleaning(text=body, removed=removed, title=found.title, standfirst=found.standfirst,
                        dateline=found.dateline, published=found.published, byline=found.byline)


def _mark_line_noise(doc: _Doc) -> None:
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


def _shape(text: str) -> tuple[bool, bool]:
    """(statement, headline-like): a statement has 6+ words and ends with a stop; a headline-like unit is
    short and not a statement (headlines end without a stop, or with a question or exclamation mark)."""
    n = len(rules.words(text))
    statement = text.rstrip().rstrip(rules.CLOSERS)[-1:] in ".…:;" and n >= MIN_SPLIT_SENTENCE_WORDS
    return statement, not statement and n <= LIST_ITEM_MAX_WORDS


def _list_like(shapes: list[tuple[bool, bool]]) -> bool:
    """Does this run of units read as a list of headlines and captions rather than article prose?"""
    if not shapes:
        return True
    statements = sum(statement for statement, _ in shapes)
    headlines = sum(headline for _, headline in shapes)
    return headlines >= LIST_HEADLINE_SHARE * len(shapes) and statements <= LIST_MAX_PROSE_SHARE * len(shapes)


def _inline_list(shapes: list[tuple[bool, bool]]) -> int:
    """How many headline-like units open `shapes` before the prose resumes: a "Don't miss" / "Read more"
    box inside the article (2-6 links). 0 when there is no such run."""
    run = 0
    while run < len(shapes) and shapes[run][1]:
        run += 1
    if MIN_INLINE_ITEMS <= run <= MAX_INLINE_ITEMS and run < len(shapes) and shapes[run][0]:
        return run
    return 0


def _cut_trailer(doc: _Doc, found: _Found) -> None:
    """Cut the related-headline list after the article, which starts at a trailer marker or a late byline.

    A marker whose tail is article prose goes alone (a "Related" link label at the top, say), with the
    short box of links under it when there is one. Works on units (lines, or hard-wrapped paragraphs), so
    that lists written one line each without blank lines are seen as lists too.
    """
    units = doc.units()
    shapes = [_shape(_text(unit)) for unit in units]
    alive = [True] * len(units)
    first_statement = next((n for n, (statement, _) in enumerate(shapes) if statement), len(units))
    for n, unit in enumerate(units):
        line = unit[0]
        if len(unit) != 1 or not alive[n]:
            continue
        marker = rules.is_trailer_marker(line.text)
        name = None if marker or n == 0 else rules.byline_name(line.text)
        if not marker and not name:
            continue
        tail = [j for j in range(n + 1, len(units)) if alive[j]]
        tail_shapes = [shapes[j] for j in tail]
        if marker and not _list_like(tail_shapes):
            run = _inline_list(tail_shapes) if first_statement < n else 0
            line.reason = rules.RELATED if run else rules.UI
            for j in tail[:run]:
                alive[j] = False
            _mark([units[j] for j in tail[:run]], rules.RELATED)
            continue
        if name and tail and (len(tail) < MIN_BYLINE_TAIL or not _list_like(tail_shapes)):
            continue
        line.reason = rules.RELATED if marker else rules.BYLINE
        found.byline = found.byline or name
        _mark([units[j] for j in tail], rules.RELATED)
        return


def _mark(units: list[list[_Line]], reason: str) -> None:
    for unit in units:
        for line in unit:
            line.reason = line.reason or reason


def _meta_line(line: _Line, found: _Found) -> bool:
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


def _consume_meta(doc: _Doc, content: list[int], pos: int, found: _Found) -> int:
    """Mark the metadata lines from content paragraph `pos` on; return the position of the first content."""
    while pos < len(content) and pos < MAX_HEADER_PARAGRAPHS:
        for line in doc.kept(content[pos]):
            if not _meta_line(line, found):
                return pos
        pos += 1
    return pos


def _mark_header(doc: _Doc, found: _Found, find_header: bool) -> None:
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
    n = len(rules.words(text))
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
    return {w.lower() for w in rules.words(text)
            if len(w) >= MIN_CONTENT_WORD_CHARS and w.lower() not in rules.FUNCTION_WORDS}


def _mark_standfirst(doc: _Doc, para: int, following: list[int], found: _Found) -> None:
    """The summary paragraph under the headline. Since a wrong call would take the lead paragraph out of the
    body, it needs evidence beyond its place: a standfirst is restated by a sentence of the body (most of
    its content words come back in one sentence of the next paragraphs), or, when it is written without a
    full stop, it sits in a page header with a dateline, a byline or a lead image next to it."""
    lines = doc.kept(para)
    if len(lines) != 1:
        return
    text = lines[0].text
    n = len(rules.words(text))
    own = _content_words(text)
    sentences = [s for q in following[:STANDFIRST_ECHO_PARAGRAPHS] for s in _SENTENCE_END.split(doc.kept_text(q))]
    echo = max((len(own & _content_words(s)) for s in sentences), default=0)
    echoed = len(own) >= MIN_ECHO_WORDS and echo >= STANDFIRST_ECHO_SHARE * len(own)
    if rules.ends_sentence(text):
        is_standfirst = n <= MAX_STANDFIRST_WORDS and echoed
    else:
        structured = bool(found.dateline or found.byline) or _image_block(doc, para - 1) or _image_block(doc, para + 1)
        is_standfirst = MIN_STANDFIRST_WORDS <= n <= MAX_UNPUNCTUATED_STANDFIRST_WORDS and (echoed or structured)
    if is_standfirst:
        lines[0].reason = rules.STANDFIRST
        found.standfirst = text


def _image_block(doc: _Doc, para: int) -> bool:
    """Is paragraph `para` a lead image: nothing but an image title and a caption?"""
    if not 0 <= para < len(doc.paras):
        return False
    return all(line.reason in (rules.CAPTION, rules.IMAGE_TITLE) for line in doc.paras[para])


def _mark_labelled_datelines(doc: _Doc, found: _Found) -> None:
    for line in doc.lines:
        if line.reason is None and rules.has_date_label(line.text) and rules.is_dateline(line.text):
            _meta_line(line, found)


def _mark_repeats(doc: _Doc, found: _Found) -> None:
    """A line repeating the one before it (or the headline) is a scraping echo: keep the first copy."""
    previous = " ".join(found.title.split()) if found.title else ""
    for line in doc.lines:
        if line.reason is not None:
            continue
        key = " ".join(line.text.split())
        if key and key == previous:
            line.reason = rules.REPEATED
        previous = key


def _mark_orphan_headings(doc: _Doc) -> None:
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
            and len(rules.words(line.text)) <= MAX_ORPHAN_HEADING_WORDS and not _CREDIT_WORDS.search(line.text)
            and not any(ch.isdigit() for ch in line.text)):
        line.reason = after[0]


def _following(texts: list[str], i: int) -> str:
    """The text after line `i`, up to about HEADING_CONTEXT_CHARS: the section a heading would introduce."""
    taken: list[str] = []
    size = 0
    for text in texts[i + 1:]:
        if size >= HEADING_CONTEXT_CHARS:
            break
        taken.append(text)
        size += len(text)
    return " ".join(taken)


def _assemble(doc: _Doc) -> list[str]:
    """Kept lines, paragraphs joined by a blank line, a glued heading split off at the start of a unit."""
    kept = [line for line in doc.lines if line.reason is None]
    texts = [line.text for line in kept]
    paragraphs: list[list[str]] = []
    for i, line in enumerate(kept):
        if not paragraphs or line.para != kept[i - 1].para:
            paragraphs.append([])
        split = None
        if i > 0 and line.unit_start:
            split = _split_glued(line.text, lambda i=i: _following(texts, i))
        if split:
            if paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(split[0])
            paragraphs.append([split[1]])
        else:
            paragraphs[-1].append(line.text)
    return ["\n".join(lines) for lines in paragraphs]


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
    return _split_glued(line, lambda: later)


def _split_glued(line: str, later: Callable[[], str]) -> tuple[str, str] | None:
    """split_glued_heading, reading the text after the line (`later`) only when a heading candidate needs it."""
    tokens = line.split(" ")
    if not rules.ends_sentence(line) or not _GLUE_CANDIDATE.match(line):
        return None
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
    return any(w.lower()[:5] in stems for w in rules.words(text) if len(w) >= MIN_CONTENT_WORD_CHARS)
