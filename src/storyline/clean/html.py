"""HTML main-content extraction: trafilatura for the body and metadata, then the noise it leaves behind.

trafilatura finds the article container well, but inside it keeps lines a reader skips: the headline repeated
above the body, "Related:" / "Don't miss" link lists, newsletter and app prompts, social follow lines, comment
sections, photo credits. We extract in precision mode (which drops most boilerplate blocks), fall back to the
default mode when precision mode clearly cut the article short, and then judge each line of the extracted tree,
where links are still visible. Every dropped line is recorded with the rule that dropped it.
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

# Removal reasons (stable names: they appear in the `removed` output and are counted by the benchmarks).
TITLE = "html_title"  # the headline repeated at the top of the body
RELATED = "html_related_links"  # links to other articles: "Related: ...", "Don't miss", headline lists
NEWSLETTER = "html_newsletter"  # newsletter / subscription prompts
PROMO = "html_promo"  # app, "click here", membership and other calls to action
SOCIAL = "html_social"  # "Follow us on Twitter", share prompts
COMMENTS = "html_comments"  # the comment section and its headings
CREDIT = "html_credit"  # photo/video credits, "Source: Agency" lines
TAXONOMY = "html_taxonomy"  # "Filed under:", "Tags:" lines
REPEATED = "html_repeated_line"  # a paragraph that already appeared above
HOVER_CARD = "html_hover_card"  # pop-up cards hidden inside links (pruned from the page before extraction)

# Precision mode drops whole blocks; when it keeps less than this share of the words the default mode keeps,
# it has cut into the article itself, not just boilerplate, and the default extraction is used instead.
# Tuned on the development pages: precision-mode losses of real text were 20-40% of the words, while its
# normal trimming of boilerplate stays under 15%; 0.7 sits between the two.
PRECISION_MIN_SHARE = 0.7
# A line whose visible text is at least this share link text is navigation, when it is also short (below).
# In-body sentences with a link or two are far below 0.5; a "Related: <headline>" line is over 0.8.
LINK_LINE_MIN_SHARE = 0.6
# ... and at most this many words: headlines and link lists are short; a linked paragraph of real prose
# (a press release quoting its whole lead as a link) is longer. A long headline is about 25 words.
LINK_LINE_MAX_WORDS = 30
# Noise lines (prompts, credits, labels) are short; a prose paragraph that merely mentions "newsletter" is
# longer. 30 words covers the longest prompt seen ("Get access to ... Use the code ...").
PROMPT_MAX_WORDS = 30
# Lines of at least this many words that repeat an earlier line are a duplicated block (a pull quote, a
# re-rendered teaser). Shorter repeats are kept: list items such as "Also at Walmart" legitimately recur.
REPEATED_MIN_WORDS = 4
# The headline is looked for among the first lines only: a later line equal to it is the article's own text.
TITLE_WINDOW_LINES = 3
# A comment-section heading only cuts the rest of the body when at least this share of the words is above it;
# near the top it is more likely a teaser ("12 comments") than the start of the comments.
COMMENTS_MIN_POSITION = 0.5

# Elements pruned from the page before extraction: inline pop-up cards (author/people hover cards, tooltips)
# whose text is rendered only on hover and would otherwise be glued into the sentence that holds the link.
_HOVER_CARD_XPATH = [
    '//*[contains(@class, "rollover-") and not(self::a)]',
    '//*[contains(@class, "tooltip") and not(self::a)]',
    '//*[contains(@class, "hovercard") or contains(@class, "popover")]',
]

_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "row", "code", "list", "table", "div"})
_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_I = re.IGNORECASE

_RELATED_LABEL = re.compile(
    r"^(related( (articles?|stories|posts|content|coverage|links))?|see (more|also)|read (more|also|next)|more"
    r"|also read|don'?t miss|must read|recommended( for you)?|you (may|might) also like|more (from|on) [^:]{1,40}"
    r"|most (popular|read)|trending( now)?|top stories|story timeline|latest news|further reading)"
    r"\s*[:.…|-]*\s*", _I)
_NEWSLETTER = re.compile(
    r"newsletter|\bsubscribe\b|\bsubscription\b|\bsign(ing)? up\b|\bin(to)? your inbox\b|thanks for signing"
    r"|\bunsubscribe\b|delivered (to|through) your", _I)
_PROMO = re.compile(
    r"\bclick here\b|\bdownload (the|our) app\b|\bget the [\w ]{1,30} app\b|\bjoin (our|us|now)\b|\bpaywall"
    r"|\bfree trial\b|^advertisement$|^sponsored( content)?$|^ad$|\bfor as little as\b|\bpromo code\b"
    r"|\bwe have a proposition for you\b|^something to consider$|\bsend us your\b|\bhave a tip\b", _I)
_SOCIAL = re.compile(
    r"^(follow|like|find|join) (us|him|her|them|@\w+|[\w ]{1,30}) on (twitter|facebook|instagram|linkedin)"
    r"|\b(follow|find) (us|him|her|them) on\b|^share (this|on)\b|^(tweet|email|print|whatsapp)$|pic\.twitter\.com",
    _I)
_COMMENTS = re.compile(
    r"^(\d+ )?(comments?|responses?|replies|thoughts?)( on .{0,200})?$|^(view|show|load|read|post|add|leave)"
    r" (all )?(a |the |your )?(comments?|reply|replies)\b|^comments are closed|^user comments$"
    r"|^tell us what you think|^join the (conversation|discussion)|^leave a (reply|comment)", _I)
_CREDIT = re.compile(
    r"^\(?(image|photo|picture|video|graphic)s?( credit)?\s*[:|/]|^\(?credit:|\bgetty images\)?$|\bphotos? ©"
    r"|^©|^\(?(ap|afp|reuters) photo\b|^source: [^.]{1,40}$", _I)
_TAXONOMY = re.compile(r"^(filed under|tags?|categories|category|topics?)\s*:", _I)


@dataclass
class _Line:
    text: str
    words: int
    link_share: float
    tag: str  # the nearest block element: p, head, item, row, quote ...


def extract_html(html: str, url: str | None = None, *, source: str = "") -> HtmlExtraction:
    """Main content and metadata of an HTML page; raises StorylineError(BAD_HTML) when it has no body."""
    source = source or url or "<html>"
    if not html or not html.strip():
        raise StorylineError(Code.BAD_HTML, source, "the page is empty")
    try:
        tree = load_html(html)
    except (ValueError, etree.LxmlError) as exc:  # pragma: no cover - load_html already guards most input
        raise StorylineError(Code.BAD_HTML, source, f"the HTML cannot be parsed ({exc})") from exc
    if tree is None:
        raise StorylineError(Code.BAD_HTML, source, "the HTML cannot be parsed")
    doc = _extract(tree, url, favor_precision=True, with_metadata=True)
    fallback = _extract(tree, url, favor_precision=False, with_metadata=False)
    body = _choose_body(doc, fallback)
    if body is None:
        body = _baseline_body(tree)
    if body is None:
        raise StorylineError(Code.BAD_HTML, source, "no article body found in the page")
    title = _meta(doc, "title")
    lines = _lines(body)
    kept, removed = _clean_lines(lines, title)
    text = "\n\n".join(line.text for line in kept)
    if not _WORD.search(text):
        raise StorylineError(Code.BAD_HTML, source, "the page holds only navigation and boilerplate, no article body")
    published = _meta(doc, "date")
    return HtmlExtraction(
        text=text,
        title=title,
        published=normalise_date(published) if published else None,
        outlet=_meta(doc, "sitename"),
        url=_meta(doc, "url") or url,
        byline=_meta(doc, "author"),
        language=_page_language(tree),
        removed=tuple(removed) + _hover_cards(tree),
    )


def _extract(tree: etree._Element, url: str | None, *, favor_precision: bool, with_metadata: bool):  # noqa: ANN202
    try:
        return trafilatura.bare_extraction(
            tree, url=url, favor_precision=favor_precision, include_comments=False, include_tables=True,
            include_links=True, with_metadata=with_metadata, prune_xpath=_HOVER_CARD_XPATH,
        )
    except Exception:  # noqa: BLE001 - trafilatura raises assorted errors on broken pages; treat as "no body"
        return None


def _meta(doc: object, name: str) -> str | None:
    value = getattr(doc, name, None) if doc is not None else None
    return value.strip() or None if isinstance(value, str) else None


def _body_words(doc: object) -> int:
    text = getattr(doc, "text", None) if doc is not None else None
    return len(_WORD.findall(text)) if isinstance(text, str) else 0


def _choose_body(precise: object, default: object) -> etree._Element | None:
    """Precision mode unless it kept too little of what the default mode found."""
    precise_words, default_words = _body_words(precise), _body_words(default)
    if precise_words and precise_words >= PRECISION_MIN_SHARE * default_words:
        return getattr(precise, "body", None)
    if default_words:
        return getattr(default, "body", None)
    return None


def _baseline_body(tree: etree._Element) -> etree._Element | None:
    """trafilatura's last resort (article/paragraph text without scoring) for pages too small to score."""
    try:
        body, text, _length = trafilatura.baseline(etree.tostring(tree, encoding="unicode"))
    except Exception:  # noqa: BLE001 - same as above
        return None
    return body if text and text.strip() else None


def _lines(body: etree._Element) -> list[_Line]:
    """The body as lines: one per block element or line break, with the share of its text inside links."""
    lines: list[_Line] = []
    parts: list[tuple[str, bool]] = []
    block = ["p"]

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(t for t, _ in parts)).strip()
        if text and not _TABLE_RULE.match(text):
            linked = sum(len(_SPACE.sub("", t)) for t, is_link in parts if is_link)
            share = linked / max(1, len(_SPACE.sub("", text)))
            lines.append(_Line(text, len(_WORD.findall(text)), min(1.0, share), block[-1]))
        parts.clear()

    def walk(el: etree._Element, in_link: bool) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        in_link = in_link or tag == "ref"
        if tag in _BLOCK_TAGS:
            flush()
            block.append(tag)
        elif tag == "lb":
            flush()
        elif tag == "cell" and parts:
            parts.append(("  ", False))
        if el.text and tag not in ("lb", "graphic"):
            parts.append((el.text, in_link))
        for child in el:
            walk(child, in_link)
        if tag in _BLOCK_TAGS:
            flush()
            block.pop()
        if el.tail:
            parts.append((el.tail, in_link and tag != "ref"))

    for child in body:
        walk(child, False)
    flush()
    return lines


def _clean_lines(lines: list[_Line], title: str | None) -> tuple[list[_Line], list[Removal]]:
    kept: list[_Line] = []
    removed: list[Removal] = []
    title_key = _key(title) if title else ""
    total_words = sum(line.words for line in lines) or 1
    words_before = 0
    seen: set[str] = set()
    in_related_list = False
    for index, line in enumerate(lines):
        reason = _line_reason(line)
        key = _key(line.text)
        if reason is None and index < TITLE_WINDOW_LINES and title_key and key == title_key:
            reason = TITLE
        if reason == COMMENTS and words_before >= COMMENTS_MIN_POSITION * total_words:
            removed.extend(Removal(rest.text, COMMENTS) for rest in lines[index:])
            break
        if reason is None and in_related_list and line.link_share >= LINK_LINE_MIN_SHARE:
            reason = RELATED
        if reason is None and line.words >= REPEATED_MIN_WORDS and key in seen:
            reason = REPEATED
        in_related_list = reason == RELATED
        words_before += line.words
        if reason is None:
            kept.append(line)
            seen.add(key)
        else:
            removed.append(Removal(line.text, reason))
    return kept, removed


def _line_reason(line: _Line) -> str | None:
    """The rule a single line breaks, judged on the line alone; None when it looks like article text."""
    text = line.text
    if line.words == 0:
        return None
    short = line.words <= PROMPT_MAX_WORDS
    if _RELATED_LABEL.fullmatch(text) or (short and _RELATED_LABEL.match(text) and line.link_share > 0):
        return RELATED
    if short and _COMMENTS.search(text):
        return COMMENTS
    if short and line.words <= LINK_LINE_MAX_WORDS and line.link_share >= LINK_LINE_MIN_SHARE and line.tag != "row":
        return RELATED
    if short and _NEWSLETTER.search(text):
        return NEWSLETTER
    if short and _SOCIAL.search(text):
        return SOCIAL
    if short and _PROMO.search(text):
        return PROMO
    if short and _CREDIT.search(text):
        return CREDIT
    if short and _TAXONOMY.match(text):
        return TAXONOMY
    return None


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def _hover_cards(tree: etree._Element) -> tuple[Removal, ...]:
    """Record the pop-up cards pruned before extraction (they never reach the body, but they were dropped)."""
    removals = []
    for xpath in _HOVER_CARD_XPATH:
        for el in tree.xpath(xpath):
            text = _SPACE.sub(" ", " ".join(el.itertext())).strip()
            if text:
                removals.append(Removal(text, HOVER_CARD))
    return tuple(removals)


def _page_language(tree: etree._Element) -> str | None:
    """The page's declared language (`<html lang>`, content-language or og:locale), as a primary subtag."""
    candidates = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    candidates += tree.xpath('//meta[translate(@http-equiv, "CONTENTLAG", "contentlag")="content-language"]/@content')
    candidates += tree.xpath('//meta[@property="og:locale"]/@content')
    for value in candidates:
        match = re.match(r"^\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*$", str(value or ""))
        if match:
            return match.group(1).lower()
    return None
