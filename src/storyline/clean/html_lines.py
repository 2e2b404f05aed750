"""Lines of an extracted HTML body: one per block element or line break, with the share of its text in links;
and the word keys and shingles lines are compared by."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_BLOCK_TAGS = frozenset({"p", "head", "item", "quote", "row", "code", "list", "table", "div"})
PROSE_TAGS = frozenset({"p", "head", "quote"})  # lists and tables legitimately repeat their entries
WORD = re.compile(r"\w+")
SPACE = re.compile(r"\s+")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
SENTENCE_END = re.compile(r"[.!;…]['\"’”)]*$")


@dataclass(frozen=True)
class Line:
    text: str
    words: int
    link_share: float  # share of the visible characters inside links
    tag: str  # the nearest block element: p, head, item, row, quote ...
    rend: str = ""  # heading level ("h1") for heads


def body_lines(body: object) -> list[Line]:
    """An extracted body as lines: one per block element or line break, with the share of its text in links."""
    if not isinstance(body, etree._Element):
        return []
    lines: list[Line] = []
    parts: list[tuple[str, bool]] = []
    blocks: list[etree._Element] = []

    def flush() -> None:
        text = SPACE.sub(" ", "".join(t for t, _ in parts)).strip()
        if text and not _TABLE_RULE.match(text):
            linked = sum(len(SPACE.sub("", t)) for t, is_link in parts if is_link)
            share = min(1.0, linked / max(1, len(SPACE.sub("", text))))
            block = blocks[-1] if blocks else body
            tag = block.tag if block is not body else "p"
            lines.append(Line(text, len(WORD.findall(text)), share, tag, block.get("rend", "")))
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


def text_key(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def shingles(text: str, size: int = 4) -> set[str]:
    words = WORD.findall(text.casefold())
    return {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
