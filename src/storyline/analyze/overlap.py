"""Which pairs of word lists can share a given share of words: candidates for the exact (in-order) comparison.

Comparing every quote of a story with every other costs O(n²) SequenceMatcher runs: seconds for a story of
fifty articles. Prefix filtering (Chaudhuri et al., "A primitive operator for similarity joins", 2006) finds
every pair whose multiset overlap can reach the threshold without comparing the others: if x must share at
least t of its |x| words with y, then y contains at least one of x's |x| - t + 1 rarest words. The in-order
match SequenceMatcher counts never exceeds the multiset overlap, so no pair that passes it is missed.
Written here because the similarity-join libraries on PyPI (datasketch's LSH) are approximate: they may
miss a pair, which would split one quote reported by two outlets into two.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterator, Sequence


def needed(shorter: int, share: float, at_least: int = 1) -> int:
    """Words a list of `shorter` words must share with a longer one: `share` of them, and `at_least`."""
    return max(at_least, math.ceil(share * shorter - 1e-9))


def candidate_pairs(lists: Sequence[Sequence[str]], share: float, at_least: int = 1) -> Iterator[tuple[int, int]]:
    """Pairs (i, j), i < j, whose multiset overlap can reach `needed(min(len), share, at_least)`; each once.
    Lists too short to reach `at_least` words take part in no pair."""
    tokens = [_numbered(words) for words in lists]
    rarity = Counter(t for ts in tokens for t in set(ts))
    postings: dict[str, list[int]] = {}
    for i, ts in enumerate(tokens):
        for t in ts:
            postings.setdefault(t, []).append(i)
    seen: set[tuple[int, int]] = set()
    for i, ts in enumerate(tokens):
        want = needed(len(ts), share, at_least)
        if want > len(ts):
            continue
        prefix = sorted(ts, key=lambda t: (rarity[t], t))[: len(ts) - want + 1]
        for t in prefix:
            for j in postings[t]:
                # i is the shorter of the pair (or equal): a longer i is probed from the other side
                if j == i or len(tokens[j]) < len(ts) or (len(tokens[j]) == len(ts) and j < i):
                    continue
                pair = (i, j) if i < j else (j, i)
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _numbered(words: Sequence[str]) -> list[str]:
    """Repeated words made distinct ("the", "the#2"), so that set operations count a multiset."""
    count: Counter[str] = Counter()
    out = []
    for w in words:
        count[w] += 1
        out.append(w if count[w] == 1 else f"{w}#{count[w]}")
    return out
