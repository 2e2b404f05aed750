"""The line rules for extracted HTML: removal reasons, thresholds, pattern tables, and the pass that judges each
line on its text, its share of link text and its place (header, body, last lines), recording every dropped line
with the rule that dropped it."""

from __future__ import annotations

import re

from storyline.clean import reasons as text_reasons
from storyline.clean.html_lines import PROSE_TAGS, SENTENCE_END, WORD, Line, text_key
from storyline.records import Removal

# Removal reasons (stable names, shown in `removed`). Where the phenomenon is one clean.rules also names for
# plain text, the name is that rule's (from clean.reasons), so that a reason means one thing whichever stage
# removed the line.
TITLE = text_reasons.HEADLINE  # the headline repeated above the body
STANDFIRST = text_reasons.STANDFIRST  # the summary heading under the headline
META_LINE = text_reasons.DATELINE  # date, "updated", reading-time lines above the body
RELATED = text_reasons.RELATED  # links to other articles: "Related: ...", "Don't miss", headline lists
NEWSLETTER = text_reasons.NEWSLETTER
PROMO = "promo-prompt"  # app, membership, tip-line and other calls to action
SOCIAL = text_reasons.SHARE  # "Follow us on Twitter", share buttons
COMMENTS = "comment-section"  # the reader comments and their headings
CREDIT = "credit-line"  # photo credits, "Source: Agency", copyright lines
TAXONOMY = "taxonomy-line"  # "Filed under:", "Tags:" lines
REPEATED = text_reasons.REPEATED  # a paragraph that already appeared above
HOVER_CARD = "hover-card"  # pop-up cards hidden inside links (pruned from the page before extraction)

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

_I = re.IGNORECASE
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


def clean_lines(lines: list[Line], title: str | None, description: str | None) -> tuple[list[Line], list[Removal]]:
    """The lines kept as the body, and the dropped ones with the rule that dropped each."""
    kept: list[Line] = []
    removed: list[Removal] = []
    reasons = _header_reasons(lines, title, description)
    total_words = sum(line.words for line in lines) or 1
    words_before = 0
    seen: set[str] = set()
    after_related = False
    for index, line in enumerate(lines):
        key = text_key(line.text)
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


def _header_reasons(lines: list[Line], title: str | None, description: str | None) -> dict[int, str]:
    """Headline, standfirst and date lines above the first paragraph of prose."""
    reasons: dict[int, str] = {}
    for index, line in enumerate(lines[:HEADER_LINES]):
        if line.tag != "head" and line.words >= META_LINE_MAX_WORDS:
            break  # the prose has started
        if _is_link_headline(line):
            continue  # navigation: judged with the other lines
        is_heading = line.tag == "head" or not SENTENCE_END.search(line.text)
        if is_heading and TITLE not in reasons.values() and (
                line.rend == "h1" or _similarity(line.text, title) >= TITLE_MIN_SIMILARITY):
            reasons[index] = TITLE
        elif line.tag == "head" and line.words >= STANDFIRST_MIN_WORDS and not line.text.endswith(":") and (
                TITLE in reasons.values() or _similarity(line.text, description) >= TITLE_MIN_SIMILARITY):
            reasons[index] = STANDFIRST
        elif line.words <= META_LINE_MAX_WORDS and _is_meta_line(line.text):
            reasons[index] = META_LINE
    return reasons


def _line_reason(line: Line, *, tail: bool) -> str | None:
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


def _is_link_headline(line: Line) -> bool:
    """A short, mostly linked line that reads like a headline (no closing full stop, not a URL or a citation)."""
    return (LINK_LINE_MIN_WORDS <= line.words <= LINK_LINE_MAX_WORDS and line.link_share >= LINK_LINE_MIN_SHARE
            and line.tag != "row" and not SENTENCE_END.search(line.text) and not _URL_OR_CITATION.search(line.text))


def _is_repeatable(line: Line) -> bool:
    """Long enough a prose sentence that seeing it twice means a duplicated block."""
    return line.words >= REPEATED_MIN_WORDS and line.tag in PROSE_TAGS and bool(SENTENCE_END.search(line.text))


def _is_meta_line(text: str) -> bool:
    """"Updated 5:45 AM", "5 min read", or a line made of a date or time ("Tuesday, 19 Nov 2019, 20:13")."""
    if _META.match(text):
        return True
    words = WORD.findall(text)
    dated = sum(1 for word in words if _DATE_WORD.match(word))
    return bool(_DATE_OR_TIME.search(text)) and dated >= DATE_LINE_MIN_SHARE * len(words)


def _similarity(text: str, other: str | None) -> float:
    """Share of vocabulary the two texts have in common, the smaller of the two directions."""
    words, other_words = set(text_key(text).split()), set(text_key(other or "").split())
    common = len(words & other_words)
    return min(common / len(words), common / len(other_words)) if words and other_words else 0.0

