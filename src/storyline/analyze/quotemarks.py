"""Quoted segments found from the quote marks alone, robust to the unbalanced marks of scraped text.

Scanned paragraph by paragraph: a stray mark can spoil at most its own paragraph, never the article.
Styles: straight ("..."), curly (“...”), low-high („...“), guillemets («...» and »...«), single (‘...’ and
'...') where a single mark is a quote only at a word edge (an apostrophe sits between letters). A quote that
runs over several paragraphs (an opening mark per paragraph, one closing mark) is one segment chain: each
unclosed paragraph is marked `continues` when the next paragraph opens with a quote mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
ANY_OPEN = DOUBLE_OPEN + SINGLE_OPEN + "\"'"
# Characters before an opening mark / after a closing one (besides white space and the text edges).
BEFORE_OPEN = "([{—–-:/"
AFTER_CLOSE = ".,;:!?)]}—–-…"
# A quote left open at the end of a paragraph with no continuation is taken to the paragraph end only when
# the rest of the paragraph is short enough to be one quoted passage (news paragraphs are 1-3 sentences).
MAX_UNCLOSED_CHARS = 600

_PARAGRAPH = re.compile(r"[^\n]+")
_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'") + "]")


@dataclass
class Segment:
    start: int  # first character inside the marks
    end: int  # last character inside + 1
    open_at: int  # offset of the opening mark
    close_at: int | None  # offset of the closing mark (None: closed by the paragraph end)
    paragraph: int
    continues: bool = False  # an unclosed paragraph of a multi-paragraph quote
    single: bool = False


def _kind(text: str, i: int) -> str | None:
    """'open', 'close', 'either' or None for the mark at `i` (None: apostrophe or not a mark)."""
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    opens = (prev.isspace() or prev in BEFORE_OPEN or prev in ANY_OPEN) and not nxt.isspace()
    closes = (nxt.isspace() or nxt in AFTER_CLOSE or nxt in DOUBLE_CLOSE + SINGLE_CLOSE + "\"'") and not prev.isspace()
    if c in DOUBLE_OPEN:
        return "either" if c == "“" and closes and not opens else "open"
    if c in DOUBLE_CLOSE:
        return "close"
    if c == '"':
        return "open" if opens and not closes else "close" if closes and not opens else "either"
    if c in "‘'’":
        if prev.isalnum() and nxt.isalnum():
            return None  # apostrophe inside a word: don't, Peskov's
        if c in "‘'" and opens and not closes:
            return "sopen"
        if c in "’'" and closes and not opens:
            return "sclose"
        return None
    if c in SINGLE_OPEN:
        return "sopen"
    if c in SINGLE_CLOSE:
        return "sclose"
    return None


def _scan_paragraph(text: str, lo: int, hi: int, index: int) -> tuple[list[Segment], int | None, bool]:
    """Segments of one paragraph; also the opening offset of a quote still open at its end."""
    segs: list[Segment] = []
    dopen: int | None = None
    sopen: int | None = None
    broken = False  # two openings in a row: this paragraph's marks are not to be trusted across paragraphs
    width = 1  # of the pending double opening: 2 for a doubled apostrophe ('' as in some archives)
    skip = -1
    for mark in _MARK.finditer(text, lo, hi):  # the regex finds the marks: a loop in C, not per character
        i = mark.start()
        if i == skip:
            continue
        pair = text[i] == "'" and text[i + 1 : i + 2] == "'"
        if pair:  # two straight single marks stand for one double mark
            skip = i + 1
            kind = _kind(text[:i] + '"' + text[i + 2 : i + 3], i)
        else:
            kind = _kind(text, i)
        if kind is None:
            continue
        if kind in ("open", "close", "either"):
            if dopen is None and kind in ("open", "either"):
                dopen, sopen, width = i, None, 2 if pair else 1
            elif dopen is not None and kind in ("close", "either"):
                if i - dopen > width:
                    segs.append(Segment(dopen + width, i, dopen, i, index))
                dopen = None
            elif kind == "open":  # a second opening: the first one was stray
                dopen, broken = i, True
        elif dopen is None:  # single marks count only outside double quotes (inside they nest)
            if kind == "sopen" and sopen is None:
                sopen = i
            elif kind == "sclose" and sopen is not None:
                if i - sopen > 1:
                    segs.append(Segment(sopen + 1, i, sopen, i, index, single=True))
                sopen = None
    # an unclosed single mark is more often an apostrophe than a quote
    return segs, dopen, broken


def find_segments(text: str) -> list[Segment]:
    """All quoted segments of `text`, in order."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    out: list[Segment] = []
    for index, (lo, hi) in enumerate(paragraphs):
        segs, pending, broken = _scan_paragraph(text, lo, hi, index)
        out.extend(segs)
        if pending is None:
            continue
        end = hi
        while end > pending and text[end - 1].isspace():
            end -= 1
        nxt = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        continues = not broken and nxt is not None and text[nxt[0]] in ANY_OPEN
        if (continues or end - pending <= MAX_UNCLOSED_CHARS) and end - pending > 2:
            inside = pending + (2 if text[pending : pending + 2] == "''" else 1)
            out.append(Segment(inside, end, pending, None, index, continues=continues,
                               single=text[pending] in SINGLE_OPEN + "'"))
    return sorted(out, key=lambda s: s.start)
