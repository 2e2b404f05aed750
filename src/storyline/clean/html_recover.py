"""Recovering what trafilatura's precision mode dropped: its output is the skeleton, and what only the default
mode found is put back when it reads as article text (whole paragraphs, fragments completed, single lines between
kept ones, embedded tweets)."""

from __future__ import annotations

from lxml import etree

from storyline.clean.html_lines import PROSE_TAGS, SENTENCE_END, SPACE, WORD, Line, shingles, text_key

# Thresholds tuned on the development pages; see benchmarks/extraction.py.
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

_TWEET_XPATH = '//blockquote[contains(@class, "twitter-tweet")]'
_PAGE_PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "li", "blockquote"})


def merge(precise: list[Line], default: list[Line]) -> list[Line]:
    """Precision-mode lines, completed and extended with the prose paragraphs only the default mode kept."""
    if not precise:
        return default
    position: dict[str, int] = {}
    for index, line in enumerate(precise):
        position.setdefault(text_key(line.text), index)
    compact = [text_key(line.text).replace(" ", "") for line in precise]
    known = shingles(" ".join(line.text for line in precise))
    replaced: dict[int, Line | None] = {}
    after: dict[int, list[Line]] = {}
    anchor = -1
    for line in default:
        key = text_key(line.text)
        if key in position:
            anchor = position[key]
            continue
        if line.link_share > RECOVER_MAX_LINK_SHARE or line.tag in ("head", "row"):
            continue
        whole = key.replace(" ", "")
        inside = [i for i, part in enumerate(compact) if len(part) >= FRAGMENT_MIN_CHARS and part in whole
                  and part != whole and i not in replaced]
        if inside and all(precise[i].tag in PROSE_TAGS for i in inside):
            replaced.update({i: None for i in inside})
            replaced[inside[0]] = line  # the full paragraph stands where its first fragment stood
            anchor = inside[-1]
        elif _is_recoverable(line, known):
            after.setdefault(anchor, []).append(line)
            known |= shingles(line.text)
    merged = list(after.get(-1, []))
    for index, line in enumerate(precise):
        chosen = replaced.get(index, line)
        if chosen is not None:
            merged.append(chosen)
        merged.extend(after.get(index, []))
    return _fill_gaps(merged, default)


def _fill_gaps(merged: list[Line], default: list[Line]) -> list[Line]:
    """Single lines precision mode dropped between two lines it kept next to each other (section headings,
    one-sentence paragraphs): inside the article, and not navigation when they carry little link text."""
    position: dict[str, int] = {}
    for index, line in enumerate(merged):
        position.setdefault(text_key(line.text), index)
    after: dict[int, Line] = {}
    for before, line, following in zip(default, default[1:], default[2:], strict=False):
        if text_key(line.text) in position or line.words < GAP_MIN_WORDS or line.link_share > RECOVER_MAX_LINK_SHARE:
            continue
        left, right = position.get(text_key(before.text)), position.get(text_key(following.text))
        if left is not None and right == left + 1 and line.tag != "row":
            after[left] = line
    return [line for index, kept in enumerate(merged) for line in (kept, after.get(index)) if line is not None]


def recover_tweets(tree: etree._Element, lines: list[Line]) -> list[Line]:
    """Embedded tweets trafilatura dropped with the social widgets around them, put back after the paragraph
    they follow in the page: articles quote them, and they carry the story's quotes."""
    tweets = tree.xpath(_TWEET_XPATH)
    if not tweets:
        return lines
    tweet_set, inside = set(tweets), {el for tweet in tweets for el in tweet.iter()}
    position: dict[str, int] = {}
    for index, line in enumerate(lines):
        position.setdefault(text_key(line.text), index)
    have = text_key(" ".join(line.text for line in lines))
    after: dict[int, list[Line]] = {}
    anchor: int | None = None
    for el in tree.iter():
        if el in tweet_set:
            parts = [SPACE.sub(" ", "".join(p.itertext())).strip() for p in el.iter("p")]
            rest = SPACE.sub(" ", "".join(el.itertext()))
            for part in parts:
                rest = rest.replace(part, "", 1)
            found = [Line(t, len(WORD.findall(t)), 0.0, "quote") for t in [*parts, rest.strip()] if WORD.search(t)]
            if anchor is not None and found and text_key(found[0].text) not in have:
                after.setdefault(anchor, []).extend(found)
        elif el not in inside and isinstance(el.tag, str) and el.tag in _PAGE_PARAGRAPHS:
            anchor = position.get(text_key("".join(el.itertext())), anchor)
    return [line for index, kept in enumerate(lines) for line in (kept, *after.get(index, []))]


def _is_recoverable(line: Line, known: set[str]) -> bool:
    if line.words < RECOVER_MIN_WORDS or not SENTENCE_END.search(line.text):
        return False
    grams = shingles(line.text)
    return len(grams & known) <= RECOVER_MAX_OVERLAP * len(grams)

