"""Where the time rules' patterns need to be run: the stretches of an article that can hold a match of a rule.

Why: scanning every rule's pattern over the whole article was most of the tagger's cost, while a rule matches
in a few sentences at most. A rule's `needs` (`times_patterns.Rule`) are words every match of it contains, so
a match lies in a stretch of text that contains them; this module cuts the article at points no match can
span and keeps, per rule, the pieces that hold its needed words.

The cut points are sentence-final full stops: a "." followed by white space (or the end of the text) that
does not end a month abbreviation ("Jan."). No pattern can consume such a full stop: the patterns take a "."
only after a month abbreviation or between digits (`\\.\\d+`). Nor can a pattern tell it from the end of the
text: at a full stop every lookahead of the patterns gives what it gives at the end of the text (`(?![\\w])`,
`(?!-)`, `(?!\\d)`, `(?!\\s+of\\b)`, `(?![.,]\\d|%)` are true before both, `(?=\\s*(?:[,.;:]|$))` likewise), and
lookbehinds see the text before a piece's start (`Pattern.finditer(text, pos, endpos)` keeps it). So a scan
of the pieces, in order, finds exactly the matches of a scan of the whole text (tests/analyze hold the
patterns to this: no "." but those two).
"""

from __future__ import annotations

import bisect
import re

from storyline.analyze.lowercase_scan import lowered
from storyline.analyze.times_patterns import MONTH_ABBREVIATIONS

# A full stop that ends a sentence (in the lower-cased text; one after a month abbreviation is no cut point).
_FULL_STOP = re.compile(r"\.(?=\s|\Z)")


class ScanPlan:
    """The pieces of one text and, per set of needed words, the spans a rule's scan must cover."""

    def __init__(self, text: str) -> None:
        self.size = len(text)
        # None for a text with a character that case-insensitive matching reads otherwise than `str.lower`
        # (`lowercase_scan`): there the needed words cannot be looked for, and every rule scans it all
        self.lowered = low = lowered(text)
        starts = [0]
        if low is not None:
            starts += [at for m in _FULL_STOP.finditer(low)
                       if (at := m.start()) > 0 and not low.endswith(MONTH_ABBREVIATIONS, 0, at)]
        self.starts = starts  # piece k is text[starts[k] : starts[k + 1]] (the last runs to the end)
        self._pieces_with: dict[str, set[int]] = {}
        self._pieces_with_any: dict[tuple[str, ...], set[int]] = {}  # rules share their groups of words

    def _with(self, word: str) -> set[int]:
        """The pieces that contain `word` (a needed word has no "." and so never straddles two pieces)."""
        found = self._pieces_with.get(word)
        if found is None:
            assert self.lowered is not None
            found = set()
            at = self.lowered.find(word)
            while at >= 0:
                found.add(bisect.bisect_right(self.starts, at) - 1)
                at = self.lowered.find(word, at + 1)
            self._pieces_with[word] = found
        return found

    def _with_any(self, group: tuple[str, ...]) -> set[int]:
        found = self._pieces_with_any.get(group)
        if found is None:
            found = self._pieces_with_any[group] = set().union(*(self._with(word) for word in group))
        return found

    def spans(self, needs: tuple[tuple[str, ...], ...]) -> list[tuple[int, int]]:
        """(start, end) spans to scan for a rule with these needed words, in text order; pieces next to each
        other are joined (a cut point is no boundary for a scan, see the module docstring)."""
        if self.lowered is None or not needs:
            return [(0, self.size)]
        keep: set[int] | None = None
        for group in needs:
            have = self._with_any(group)
            keep = have if keep is None else keep & have
            if not keep:
                return []
        assert keep is not None
        out: list[tuple[int, int]] = []
        ends = [*self.starts[1:], self.size]
        for k in sorted(keep):
            if out and out[-1][1] == self.starts[k]:
                out[-1] = (out[-1][0], ends[k])
            else:
                out.append((self.starts[k], ends[k]))
        return out
