"""HTML main-content extraction: trafilatura for the body and metadata, then the noise it leaves behind.

trafilatura's precision mode drops most page furniture but sometimes real paragraphs too, so its output is the
skeleton and what only the default mode found is put back when it reads as article text. Each line is then judged
on its text, its share of link text and its place; every dropped line is recorded with the rule that dropped it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from trafilatura.utils import load_html

from storyline.clean.dates import normalise_date
from storyline.clean.result import HtmlExtraction
from storyline.errors import Code, StorylineError
from storyline.records import Removal

# Removal reasons (stable names, shown in `removed`). Where the phenomenon is one clean.rules also names for
# plain text, the name is the same, so that a reason means one thing whichever stage removed the line.
TITLE = "headline"  # the headline repeated above the body
STANDFIRST = "standfirst"  # the summary heading under the headline
META_LINE = "dateline"  # date, "updated", reading-time lines above the body
RELATED = "related-headlines"  # links to other articles: "Related: ...", "Don't miss", headline lists
NEWSLETTER = "newsletter-prompt"
PROMO = "promo-prompt"  # app, membership, tip-line and other calls to action
SOCIAL = "share-prompt"  # "Follow us on Twitter", share buttons
COMMENTS = "comment-section"  # the reader comments and their headings
CREDIT = "credit-line"  # photo credits, "Source: Agency", copyright lines
TAXONOMY = "taxonomy-line"  # "Filed under:", "Tags:" lines
REPEATED = "repeated-line"  # a paragraph that already appeared above
HOVER_CARD = "hover-card"  # pop-up cards hidden inside links (pruned from the page before extraction)

# --- Recovering what precision mode dropped (tuned on the development pages; see benchmarks/extraction.py).
# A default-mode-only line is put back when it reads as prose: at least this many words (the wrongly dropped
# paragraphs were 29-125 words; default-only noise such as bylines and disclaimers 17 words at most) ...
RECOVER_MIN_WORDS = 25
# ... little link text (teaser blurbs are mostly links; in-body paragraphs rarely pass 0.25) ...
RECOVER_MAX_LINK_SHARE = 0.3
# ... and mostly new: when this share of its 4-word shingles is already in the text, it is the same content
# rendered twice (an article body flattened into one block alongside its structured copy).
RECOVER_MAX_OVERLAP = 0.5
# A default-only line between two lines kept next to each other, with this many words and little link text, is
# put back: on the dev pages these were section headings and one-line paragraphs (5-16 words, unlinked).
GAP_MIN_WORDS = 3
# A precision-mode line found inside a longer default-mode line is a fragment of it (text cut at a link) and is
# replaced by the full paragraph; shorter lines ("All...", "Photo") match inside anything, so need this length.
FRAGMENT_MIN_CHARS = 15

# --- Judging lines.
# Navigation: at least this share of the visible text in links ("Related: <headline>" > 0.8; prose < 0.5) ...
LINK_LINE_MIN_SHARE = 0.6
# ... in this many words (a lone linked word is as often a name as navigation; long headlines are ~25 words).
LINK_LINE_MIN_WORDS = 2
LINK_LINE_MAX_WORDS = 30
# Prompts, labels and credits are short (30 words covers those seen inside articles); in the last lines they run
# longer (membership pitches, author bios with follow-us links, up to ~70 words).
PROMPT_MAX_WORDS = 30
TAIL_PROMPT_MAX_WORDS = 80
TAIL_LINES = 3
# Header: the headline, standfirst and date lines are looked for among the first lines only, before the prose.
HEADER_LINES = 4
# A heading that shares this much of its vocabulary with the page title (both ways) is the headline; titles
# carry site names ("- IGN") and headlines small edits ("HS Roundup" / "High School Roundup").
TITLE_MIN_SIMILARITY = 0.6
# A heading right under the headline is a standfirst when at least this long (section labels are 1-3 words).
STANDFIRST_MIN_WORDS = 8
# Date / "Updated" / reading-time lines are short, and a date line is mostly numbers, short words and month or day
# names ("sexta-feira, 22 de outubro de 2010 às 20:13": 0.7; the kicker "2019 American Music Awards": 0.25).
META_LINE_MAX_WORDS = 12
DATE_LINE_MIN_SHARE = 0.6
# A prose paragraph (a sentence of at least this many words) that repeats an earlier one word for word is a
# duplicated block. Shorter repeats are kept: recipes, schedules and product lists legitimately repeat entries
# ("Eat every 2-3 hours", "See it now: Amazon"); on the dev pages every repeat (up to 17 words) was real content.
REPEATED_MIN_WORDS = 20
# A comment-section heading cuts the rest of the body only when at least this share of the words is above it;
# near the top it is more likely a teaser ("12 comments") than the start of the comments.
COMMENTS_MIN_POSITION = 0.5

# Pruned from the page before extraction: inline pop-up cards (people hover cards, tooltips) whose text shows
# only on hover and would otherwise be glued into the sentence that holds the link.
_HOVER_CARD_XPATH = (
    '//*[(contains(@class, "rollover-") or contains(@class, "tooltip")) and not(self::a)'
    ' or contains(@class, "hovercard") or contains(@class, "popover")]'
)
_LANGUAGE_XPATH = ('//meta[translate(@http-equiv, "CONTENTLAG", "contentlag")="content-language"]/@content'
                   ' | //meta[@property="og:locale"]/@content')
_LANGUAGE_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$")
_TWEET_XPATH = '//blockquote[contains(@class, "twitter-tweet")]'
_PAGE_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "li", "blockquote"})
_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "row", "code", "list", "table", "div"})
_PROSE_TAGS = frozenset({"p", "head", "quote"})  # lists and tables legitimately repeat their entries
_I = re.IGNORECASE
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_SENTENCE_END = re.compile(r"[.!;…]['\"’”)]*$")
_URL_OR_CITATION = re.compile(r"https?://|^www\.|\.(com|org|net)\b|^\[\d+\]|\bdoi\b", _I)
_RELATED_LABEL = re.compile(
    r"^(related( (articles?|stories|posts|content|coverage|links))?|see (more|also)|read (more|also|next)|more"
    r"|also read|don'?t miss|must read|recommended( for you)?|you (may|might) also like|more (from|on) [^:]{1,40}"
    r"|most (popular|read)|trending( now)?|top stories|latest news|further reading)"
    r"\b\s*[:.…|-]*\s*", _I)
# Prompts are matched in their imperative or heading forms, so that prose about newsletters, apps or comments
# ("The paper's newsletter reached a million readers") is not taken for one.
_NEWSLETTER = re.compile(
    r"\b(sign(ing)? up|subscrib\w*|register)\b.{0,80}\bnewsletters?\b|\bnewsletters?\b.{0,80}\b(sign up|subscribe)\b"
    r"|^[\w'’ &+-]{0,40} newsletters?$|\bin(to)? your inbox\b|thanks for signing up|your subscription\b"
    r"|delivered (to|through) your (inbox|letterbox|door)|^subscribe( now| today)?[.!]?$", _I)
_PROMO = re.compile(
    r"\bdownload (the|our) app\b|\bget the [\w ]{1,30} app\b|^join (us|our|now)\b|^(get|unlock) (full |unlimited )?"
    r"access\b|\bstart (your|a) free trial\b|\b(promo|coupon|discount) code\b|\buse the code\b|^advertisement$"
    r"|^sponsored( content)?$|^ad$|^if you (enjoyed|liked|value) (this|our)\b|\b(have|got) a (news )?tip\b"
    r"|\bsend us your\b", _I)
_SOCIAL = re.compile(
    r"^(follow|like|find|join) (us|him|her|them|@\w+|[\w ]{1,30}) on (twitter|facebook|instagram|linkedin)"
    r"|(^|[.!?] )(follow|find) (us|him|her|them) on\b|^share (this|on)\b|^(tweet|email|print|whatsapp)$"
    r"|click to tweet$", _I)
_COMMENTS = re.compile(
    r"^\d+ (comments?|responses?|replies|thoughts?)( on .{0,200})?$|^comments?( \(\d+\))?$"
    r"|^(view|show|load|read|post|add|leave)( all)? (a |the |your )?(comments?|reply|replies)\b"
    r"|^comments are closed|^user comments$|^tell us what you think|^join the (conversation|discussion)", _I)
_CREDIT = re.compile(
    r"^\(?(image|photo|picture|video|graphic)s?( credit)?\s*[:|/]|^\(?credit:|\bgetty images\)?$|\bphotos? ©"
    r"|^\(?(ap|afp|reuters) photo\b|^source: [^.]{1,40}$|^(copyright\b|©|\(c\) )|^all rights reserved", _I)
_TAXONOMY = re.compile(r"^(filed under|tags?|categories|category|topics?)\s*:", _I)
_DATE_OR_TIME = re.compile(r"\b(1[89]|20)\d{2}\b|\b\d{1,2}[:h]\d{2}\b")
_DATE_WORD = re.compile(r"^(\d+|\w{1,3}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"
                        r"[a-z]*)$", _I)
_META = re.compile(r"^(updated|published|posted|last (updated|modified)|first published)\b.*\d"
                   r"|^\d+ min(ute)?s? read$|^(reading time|tempo de leitura|lesezeit|temps de lecture)\b", _I)


@dataclass(frozen=True)
class _Line:
    text: str
    words: int
    link_share: float  # share of the visible characters inside links
    tag: str  # the nearest block element: p, head, item, row, quote ...
    rend: str = ""  # heading level ("h1") for heads


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
    lines = _merge(_lines(getattr(doc, "body", None)), _lines(getattr(default, "body", None)))
    lines = _recover_tweets(tree, lines) if lines else _baseline_lines(tree)
    if not lines:
        raise StorylineError(Code.BAD_HTML, source, "no article body found in the page")
    title = _meta(doc, "title")
    kept, removed = _clean_lines(lines, title, _meta(doc, "description"))
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


def _baseline_lines(tree: etree._Element) -> list[_Line]:
    """trafilatura's last resort (paragraph text without scoring), for pages too small for its scoring."""
    try:
        body, text, _length = trafilatura.baseline(etree.tostring(tree, encoding="unicode"))
    except Exception:  # as above
        return []
    return _lines(body) if text and text.strip() else []


def _lines(body: object) -> list[_Line]:
    """An extracted body as lines: one per block element or line break, with the share of its text in links."""
    if not isinstance(body, etree._Element):
        return []
    lines: list[_Line] = []
    parts: list[tuple[str, bool]] = []
    blocks: list[etree._Element] = []

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(t for t, _ in parts)).strip()
        if text and not _TABLE_RULE.match(text):
            linked = sum(len(_SPACE.sub("", t)) for t, is_link in parts if is_link)
            share = min(1.0, linked / max(1, len(_SPACE.sub("", text))))
            block = blocks[-1] if blocks else body
            tag = block.tag if block is not body else "p"
            lines.append(_Line(text, len(_WORD.findall(text)), share, tag, block.get("rend", "")))
        parts.clear()

    def walk(el: etree._Element, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        inside = in_link or tag == "ref"
        if tag in _BLOCK_TAGS or tag == "lb":
            flush()
        elif tag == "cell" and parts:
            parts.append((" | ", False))  # a table row is one line, its cells apart
        if tag in _BLOCK_TAGS:
            blocks.append(el)
        if el.text and tag not in ("lb", "graphic"):
            parts.append((el.text, inside))
        for child in el:
            walk(child, inside)
        if tag in _BLOCK_TAGS:
            flush()
            blocks.pop()
        if el.tail:
            parts.append((el.tail, in_link))

    for child in body:
        walk(child, False)
    flush()
    return lines


def _merge(precise: list[_Line], default: list[_Line]) -> list[_Line]:
    """Precision-mode lines, completed and extended with the prose paragraphs only the default mode kept."""
    if not precise:
        return default
    position: dict[str, int] = {}
    for index, line in enumerate(precise):
        position.setdefault(_key(line.text), index)
    compact = [_key(line.text).replace(" ", "") for line in precise]
    known = _shingles(" ".join(line.text for line in precise))
    replaced: dict[int, _Line | None] = {}
    after: dict[int, list[_Line]] = {}
    anchor = -1
    for line in default:
        key = _key(line.text)
        if key in position:
            anchor = position[key]
            continue
        if line.link_share > RECOVER_MAX_LINK_SHARE or line.tag in ("head", "row"):
            continue
        whole = key.replace(" ", "")
        inside = [i for i, part in enumerate(compact) if len(part) >= FRAGMENT_MIN_CHARS and part in whole
                  and part != whole and i not in replaced]
        if inside and all(precise[i].tag in _PROSE_TAGS for i in inside):
            replaced.update({i: None for i in inside})
            replaced[inside[0]] = line  # the full paragraph stands where its first fragment stood
            anchor = inside[-1]
        elif _is_recoverable(line, known):
            after.setdefault(anchor, []).append(line)
            known |= _shingles(line.text)
    merged = list(after.get(-1, []))
    for index, line in enumerate(precise):
        chosen = replaced.get(index, line)
        if chosen is not None:
            merged.append(chosen)
        merged.extend(after.get(index, []))
    return _fill_gaps(merged, default)


def _fill_gaps(merged: list[_Line], default: list[_Line]) -> list[_Line]:
    """Single lines precision mode dropped between two lines it kept next to each other (section headings,
    one-sentence paragraphs): inside the article, and not navigation when they carry little link text."""
    position: dict[str, int] = {}
    for index, line in enumerate(merged):
        position.setdefault(_key(line.text), index)
    after: dict[int, _Line] = {}
    for before, line, following in zip(default, default[1:], default[2:], strict=False):
        if _key(line.text) in position or line.words < GAP_MIN_WORDS or line.link_share > RECOVER_MAX_LINK_SHARE:
            continue
        left, right = position.get(_key(before.text)), position.get(_key(following.text))
        if left is not None and right == left + 1 and line.tag != "row":
            after[left] = line
    return [line for index, kept in enumerate(merged) for line in (kept, after.get(index)) if line is not None]


def _recover_tweets(tree: etree._Element, lines: list[_Line]) -> list[_Line]:
    """Embedded tweets trafilatura dropped with the social widgets around them, put back after the paragraph
    they follow in the page: articles quote them, and they carry the story's quotes."""
    tweets = tree.xpath(_TWEET_XPATH)
    if not tweets:
        return lines
    tweet_set, inside = set(tweets), {el for tweet in tweets for el in tweet.iter()}
    position: dict[str, int] = {}
    for index, line in enumerate(lines):
        position.setdefault(_key(line.text), index)
    have = _key(" ".join(line.text for line in lines))
    after: dict[int, list[_Line]] = {}
    anchor: int | None = None
    for el in tree.iter():
        if el in tweet_set:
            parts = [_SPACE.sub(" ", "".join(p.itertext())).strip() for p in el.iter("p")]
            rest = _SPACE.sub(" ", "".join(el.itertext()))
            for part in parts:
                rest = rest.replace(part, "", 1)
            found = [_Line(t, len(_WORD.findall(t)), 0.0, "quote") for t in [*parts, rest.strip()] if _WORD.search(t)]
            if anchor is not None and found and _key(found[0].text) not in have:
                after.setdefault(anchor, []).extend(found)
        elif el not in inside and isinstance(el.tag, str) and el.tag in _PAGE_PARAGRAPHS:
            anchor = position.get(_key("".join(el.itertext())), anchor)
    return [line for index, kept in enumerate(lines) for line in (kept, *after.get(index, []))]


def _is_recoverable(line: _Line, known: set[str]) -> bool:
    if line.words < RECOVER_MIN_WORDS or not _SENTENCE_END.search(line.text):
        return False
    grams = _shingles(line.text)
    return len(grams & known) <= RECOVER_MAX_OVERLAP * len(grams)


def _clean_lines(lines: list[_Line], title: str | None, description: str | None) -> tuple[list[_Line], list[Removal]]:
    kept: list[_Line] = []
    removed: list[Removal] = []
    reasons = _header_reasons(lines, title, description)
    total_words = sum(line.words for line in lines) or 1
    words_before = 0
    seen: set[str] = set()
    after_related = False
    for index, line in enumerate(lines):
        key = _key(line.text)
        reason = reasons.get(index) or _line_reason(line, tail=index >= len(lines) - TAIL_LINES)
        if reason == COMMENTS and words_before >= COMMENTS_MIN_POSITION * total_words:
            removed.extend(Removal(rest.text, COMMENTS) for rest in lines[index:])
            break
        if reason is None and after_related and _is_link_headline(line):
            reason = RELATED  # the rest of a "Related:" / "Don't miss" list
        if reason is None and key in seen and _is_repeatable(line):
            reason = REPEATED
        after_related = reason == RELATED
        words_before += line.words
        if reason is None:
            kept.append(line)
            seen.add(key)
        else:
            removed.append(Removal(line.text, reason))
    return kept, removed


def _header_reasons(lines: list[_Line], title: str | None, description: str | None) -> dict[int, str]:
    """Headline, standfirst and date lines above the first paragraph of prose."""
    reasons: dict[int, str] = {}
    for index, line in enumerate(lines[:HEADER_LINES]):
        if line.tag != "head" and line.words >= META_LINE_MAX_WORDS:
            break  # the prose has started
        if _is_link_headline(line):
            continue  # navigation: judged with the other lines
        is_heading = line.tag == "head" or not _SENTENCE_END.search(line.text)
        if is_heading and TITLE not in reasons.values() and (
                line.rend == "h1" or _similarity(line.text, title) >= TITLE_MIN_SIMILARITY):
            reasons[index] = TITLE
        elif line.tag == "head" and line.words >= STANDFIRST_MIN_WORDS and not line.text.endswith(":") and (
                TITLE in reasons.values() or _similarity(line.text, description) >= TITLE_MIN_SIMILARITY):
            reasons[index] = STANDFIRST
        elif line.words <= META_LINE_MAX_WORDS and _is_meta_line(line.text):
            reasons[index] = META_LINE
    return reasons


def _line_reason(line: _Line, *, tail: bool) -> str | None:
    """The rule a single line breaks, judged on the line alone; None when it looks like article text."""
    text = line.text
    limit = TAIL_PROMPT_MAX_WORDS if tail else PROMPT_MAX_WORDS
    short = line.words <= PROMPT_MAX_WORDS
    if _RELATED_LABEL.fullmatch(text) or (short and _RELATED_LABEL.match(text) and line.link_share > 0):
        return RELATED
    if short and _COMMENTS.search(text):
        return COMMENTS
    if _is_link_headline(line):
        return RELATED
    if line.words <= limit:
        for pattern, reason in ((_NEWSLETTER, NEWSLETTER), (_SOCIAL, SOCIAL), (_PROMO, PROMO)):
            if pattern.search(text):
                return reason
    if short and _CREDIT.search(text):
        return CREDIT
    if short and _TAXONOMY.match(text):
        return TAXONOMY
    if line.words <= META_LINE_MAX_WORDS and _META.match(text):
        return META_LINE
    return None


def _is_link_headline(line: _Line) -> bool:
    """A short, mostly linked line that reads like a headline (no closing full stop, not a URL or a citation)."""
    return (LINK_LINE_MIN_WORDS <= line.words <= LINK_LINE_MAX_WORDS and line.link_share >= LINK_LINE_MIN_SHARE
            and line.tag != "row" and not _SENTENCE_END.search(line.text) and not _URL_OR_CITATION.search(line.text))


def _is_repeatable(line: _Line) -> bool:
    """Long enough a prose sentence that seeing it twice means a duplicated block."""
    return line.words >= REPEATED_MIN_WORDS and line.tag in _PROSE_TAGS and bool(_SENTENCE_END.search(line.text))


def _is_meta_line(text: str) -> bool:
    """"Updated 5:45 AM", "5 min read", or a line made of a date or time ("Tuesday, 19 Nov 2019, 20:13")."""
    if _META.match(text):
        return True
    words = _WORD.findall(text)
    dated = sum(1 for word in words if _DATE_WORD.match(word))
    return bool(_DATE_OR_TIME.search(text)) and dated >= DATE_LINE_MIN_SHARE * len(words)


def _similarity(text: str, other: str | None) -> float:
    """Share of vocabulary the two texts have in common, the smaller of the two directions."""
    words, other_words = set(_key(text).split()), set(_key(other or "").split())
    common = len(words & other_words)
    return min(common / len(words), common / len(other_words)) if words and other_words else 0.0


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _shingles(text: str, size: int = 4) -> set[str]:
    words = _WORD.findall(text.casefold())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _hover_cards(tree: etree._Element) -> tuple[Removal, ...]:
    """Record the pop-up cards pruned before extraction (they never reach the body, but they were dropped)."""
    texts = (_SPACE.sub(" ", " ".join(el.itertext())).strip() for el in tree.xpath(_HOVER_CARD_XPATH))
    return tuple(Removal(text, HOVER_CARD) for text in dict.fromkeys(texts) if text)


def _page_language(tree: etree._Element) -> str | None:
    """The page's declared language (`<html lang>`, content-language or og:locale), as a primary subtag."""
    for value in [tree.get("lang"), *tree.xpath(_LANGUAGE_XPATH)]:
        match = _LANGUAGE_TAG.match(str(value or ""))
        if match:
            return match.group(1).lower()
    return None
