"""Case-insensitive patterns run as case-sensitive ones over the lower-cased text, for speed.

    scan = LowerScan(re.compile(r"\\b(?:one|two|three)\\b", re.IGNORECASE))
    for m in scan.finditer(text, lowered(text)):  # m is a match in the lower-cased text, same offsets
        ...

Why: Python's regex engine skips an alternative of an alternation at its first letter only when the letter is
matched case-sensitively; with `re.IGNORECASE` it enters every alternative of a word list at every word start.
Over the lower-cased text the same word lists scan several times faster.

Why it is exact: take a pattern with `re.IGNORECASE` on throughout whose characters are lower-case ASCII or
have no case at all (checked once, in `LowerScan`; any other pattern keeps its own scan). A character of a
text matches a character of such a pattern case-insensitively exactly when its `str.lower()` is that
character, except for İ, ı and ſ (which `re.IGNORECASE` also takes for i and s); and lower-casing keeps
every character's length (except İ's), and whether it is a word character, a digit or white space. So in a
text without those three characters (see `lowered`) the case-sensitive pattern finds, in the lower-cased
text, the matches of the original pattern in the text, at the same offsets, through the same groups; only
the matched letters come in lower case. Texts with one of them are scanned with the original pattern.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from typing import Any

# İ, ı, ſ: the characters case-insensitive matching takes for an ASCII letter other than their lower case (the
# Kelvin sign K, which it takes for k, lower-cases to k).
ODD_CASE = re.compile("[\u0130\u0131\u017f]")
# A character range of a pattern is checked character by character, up to this size.
MAX_RANGE = 1024
# The texts lower-cased last, newest first: callers ask per sentence or clause of one article.
_recent: list[tuple[str, str | None]] = []
RECENT = 2


def lowered(text: str) -> str | None:
    """`text.lower()`, or None when `text` holds a character that makes it differ from case-insensitive
    matching (see the module docstring)."""
    for seen, low in list(_recent):  # (a copy: another thread may be adding one)
        if seen is text:
            return low
    low = None if ODD_CASE.search(text) else text.lower()
    _recent[:] = [(text, low), *_recent[: RECENT - 1]]
    return low


def _lower_case_only(pattern: re.Pattern[str]) -> bool:
    """Whether `pattern` is case-insensitive throughout and its letters are lower-case ASCII."""
    if not pattern.flags & re.IGNORECASE or pattern.flags & re.LOCALE:
        return False
    try:
        from re import _parser  # the stdlib's own parser: the tree the engine compiles

        return _tree_ok(_parser.parse(pattern.pattern, pattern.flags).data, _parser)
    except Exception:  # another Python's internals: keep the original scan
        return False


def _char_ok(code: int) -> bool:
    """A lower-case ASCII letter, or a character without case (matched as itself, case-insensitive or not)."""
    char = chr(code)
    return char == char.lower() if code < 128 else char == char.lower() == char.upper()


def _tree_ok(items: Any, p: Any) -> bool:
    c = p  # the constants, re-exported by the parser module
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL):
            if not _char_ok(av):
                return False
        elif op is c.IN:
            for sub, arg in av:
                if sub is c.LITERAL and not _char_ok(arg):
                    return False
                if sub is c.RANGE and not (arg[1] - arg[0] < MAX_RANGE
                                           and all(_char_ok(x) for x in range(arg[0], arg[1] + 1))):
                    return False
                if sub not in (c.LITERAL, c.RANGE, c.CATEGORY, c.NEGATE):
                    return False
        elif op is c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if (add_flags | del_flags) & (re.IGNORECASE | re.LOCALE) or not _tree_ok(sub.data, p):
                return False
        elif op is c.BRANCH:
            if not all(_tree_ok(branch.data, p) for branch in av[1]):
                return False
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            if not _tree_ok(av[2].data, p):
                return False
        elif op in (c.ASSERT, c.ASSERT_NOT):
            if not _tree_ok(av[1].data, p):
                return False
        elif op is c.ATOMIC_GROUP:
            if not _tree_ok(av.data, p):
                return False
        elif op is c.GROUPREF_EXISTS:
            if not _tree_ok(av[1].data, p) or (av[2] is not None and not _tree_ok(av[2].data, p)):
                return False
        elif op not in (c.ANY, c.AT, c.CATEGORY):
            return False  # back-references and anything else: not worth the proof
    return True


class LowerScan:
    """A case-insensitive pattern, scanned over the lower-cased text when that is exact (see the module
    docstring), else over the text itself."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.lower = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE) if _lower_case_only(pattern) \
            else None

    def finditer(self, text: str, low: str | None, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, pos, endpos)`, its matches in `low` (`lowered(text)`) when that is exact."""
        if low is None or self.lower is None:
            return self.pattern.finditer(text, pos, endpos)
        return self.lower.finditer(low, pos, endpos)

    def finditer_text(self, text: str, low: str | None, pos: int = 0,
                      endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, pos, endpos)` itself, found through `low` when that is exact: each match is
        taken again in `text` where the lower-cased scan found it (the same attempt the scan of `text` makes
        there), for callers that read the words as written."""
        if low is None or self.lower is None:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        for m in self.lower.finditer(low, pos, endpos):
            again = self.pattern.match(text, m.start(), endpos)
            assert again is not None and again.end() == m.end()  # see the module docstring
            yield again

    def search(self, text: str, low: str | None, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`pattern.search(text, pos, endpos)`, the match in `low` when that is exact."""
        if low is None or self.lower is None:
            return self.pattern.search(text, pos, endpos)
        return self.lower.search(low, pos, endpos)
