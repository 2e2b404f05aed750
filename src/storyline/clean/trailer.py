"""The related-headline trailer: the list of other stories' headlines scrapers keep after an article.

It starts at a trailer marker ("Latest … News", "Read more") or at a byline late in the text, and everything
that follows goes when it reads like a list of headlines (short units without a full stop).
"""

from __future__ import annotations

from storyline.clean import rules
from storyline.clean.headings import MIN_SPLIT_SENTENCE_WORDS  # statements: 6+ words, as after a heading
from storyline.clean.layout import Doc, Found, Line

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


def _text(unit: list[Line]) -> str:
    return "\n".join(line.text for line in unit if line.reason is None)


def _shape(text: str) -> tuple[bool, bool]:
    """(statement, headline-like): a statement has 6+ words and ends with a stop; a headline-like unit is
    short and not a statement (headlines end without a stop, or with a question or exclamation mark)."""
    n = rules.word_count(text)
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


def cut_trailer(doc: Doc, found: Found) -> None:
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


def _mark(units: list[list[Line]], reason: str) -> None:
    for unit in units:
        for line in unit:
            line.reason = line.reason or reason
