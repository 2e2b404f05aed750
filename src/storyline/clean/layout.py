"""Scraped text as the text passes see it: paragraphs of lines, units, and the metadata found along the way.

Paragraphs are blocks separated by blank lines; when the input has no blank line at all, every line is a
paragraph, as in trafilatura's output. Where a decision needs units of text, each line is one, except in
hard-wrapped paragraphs (lines broken at a fixed width), which are one unit each.
"""

from __future__ import annotations

from dataclasses import dataclass

from storyline.clean import rules

# Lines of text wrapped at a fixed width are 60-80 characters; one-line captions and headlines are shorter.
MIN_WRAPPED_LINE_CHARS = 40


@dataclass
class Line:
    text: str
    para: int
    reason: str | None = None
    unit_start: bool = True  # starts a unit: a line of its own, or the first line of a hard-wrapped paragraph


@dataclass
class Found:
    title: str | None = None
    standfirst: str | None = None
    dateline: str | None = None
    published: str | None = None
    byline: str | None = None


class Doc:
    def __init__(self, text: str) -> None:
        raw = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").strip().split("\n")]
        one_per_line = "" not in raw  # trafilatura-style text: one paragraph per line
        self.paras: list[list[Line]] = [[]]
        for line in raw:
            if self.paras[-1] and (one_per_line or not line):  # a blank line (or every line) ends a paragraph
                self.paras.append([])
            if line:
                self.paras[-1].append(Line(line, len(self.paras) - 1))
        if not self.paras[-1]:
            self.paras.pop()
        self.lines = [line for para in self.paras for line in para]
        for para in self.paras:
            if _hard_wrapped(para):
                for line in para[1:]:
                    line.unit_start = False

    def units(self) -> list[list[Line]]:
        """The kept text as units: each line on its own, except hard-wrapped paragraphs, which are one unit."""
        units: list[list[Line]] = []
        for line in self.lines:
            if line.reason is None:
                if line.unit_start or not units or units[-1][-1].para != line.para:
                    units.append([])
                units[-1].append(line)
        return units

    def kept(self, para: int) -> list[Line]:
        return [line for line in self.paras[para] if line.reason is None]

    def kept_text(self, para: int) -> str:
        return "\n".join(line.text for line in self.kept(para))

    def content_paras(self) -> list[int]:
        return [p for p in range(len(self.paras)) if self.kept(p)]


def _hard_wrapped(para: list[Line]) -> bool:
    """Lines broken at a fixed width (most lines long and ending mid-sentence) rather than one per paragraph."""
    inner = para[:-1]
    wrapped = sum(not rules.ends_sentence(line.text) and len(line.text) >= MIN_WRAPPED_LINE_CHARS for line in inner)
    return bool(inner) and 2 * wrapped >= len(inner)
