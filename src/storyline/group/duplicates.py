"""Exact and near duplicates (wire copies), found incrementally.

Exact copies share the hash of the normalised text. Near copies (new headline, trimmed ending, a byline line,
a few words changed) are found with MinHash LSH over word shingles of the body (datasketch), then checked
on the estimated *containment* of the shorter text in the longer one, so that a copy cut to half its length
still counts.

State (plain data, for the store): `hashes` (content hash -> first article id), `root` (article id -> id of the
first article of its duplicate group), `sizes` and `signatures` (article id -> shingle count, MinHash values).
The LSH index is rebuilt from `signatures` on load.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.group.text import content_hash_of_normal, normal_shingles, normalise

# Shingles of 5 words: long enough that two different reports on one event rarely share many (common phrases
# are 2-4 words), short enough that a changed word breaks only 5 of them.
SHINGLE_WORDS = 5
# 64 permutations: Jaccard estimates within about +-0.06, enough to tell a copy (>= 0.6) from a report (< 0.2),
# at half the cost of 128.
NUM_PERM = 128
# LSH recall threshold on Jaccard. A copy with its ending trimmed by half has Jaccard 0.5 with the original, so
# candidates are gathered lower than that; the containment check below makes the decision.
LSH_THRESHOLD = 0.2
# Share of the shorter text's shingles found in the longer: a wire copy keeps nearly all of what it publishes
# (0.8+ even with a few words changed and a byline added); two reports of one event share well under 0.3.
MIN_CONTAINMENT = 0.6
# Texts shorter than this many words are too short for shingles to tell a copy from a shared stock phrase;
# only exact copies are recognised for them.
MIN_WORDS = 25
SEED = 1  # MinHash permutation seed; part of the stored state's meaning
# One MinHash's permutations, made once and shared (making them per article cost 0.4 ms of ~1 ms). Shingles
# are hashed with CRC-32 (C, stable across processes, 4x faster than datasketch's default SHA-1); a 32-bit
# hash is what MinHash keeps anyway. Changing either changes the meaning of stored signatures (state.py).
_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32)


def new_minhash() -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=zlib.crc32, permutations=_TEMPLATE.permutations,
                   scheme=_TEMPLATE.scheme)


@dataclass
class DuplicateIndex:
    hashes: dict[str, str] = field(default_factory=dict)
    root: dict[str, str] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)
    signatures: dict[str, np.ndarray] = field(default_factory=dict)
    lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM))

    def add(self, article_id: str, text: str, shingle_text: str | None = None, same_words: bool = False) -> str | None:
        """Record one article; return the id of the article it copies (its group's first article), or None.
        Exact copies compare `text`; near copies compare the shingles of `shingle_text` (default `text`:
        the caller may leave a site's boilerplate out of it). `same_words`: `shingle_text` has the words of
        `text` in order (boilerplate.Split.whole), so both have one normal form, made once."""
        normal = normalise(text)
        digest = content_hash_of_normal(normal)
        original = self.hashes.get(digest)
        if original is not None:
            self.root[article_id] = self.root.get(original, original)
            return self.root[article_id]
        self.hashes[digest] = article_id
        body = text if shingle_text is None else shingle_text
        grams = normal_shingles(normal if shingle_text is None or same_words else normalise(body), SHINGLE_WORDS)
        if len(body.split()) < MIN_WORDS or not grams:
            return None
        mh = new_minhash()
        mh.update_batch(grams)  # a minimum over the shingles: their order does not matter
        best = self._best_copy(mh, len(grams))
        self.sizes[article_id] = len(grams)
        self.signatures[article_id] = mh.hashvalues
        self.lsh.insert(article_id, mh)
        if best is not None:
            self.root[article_id] = self.root.get(best, best)
            return self.root[article_id]
        return None

    def _best_copy(self, mh: MinHash, size: int) -> str | None:
        best: tuple[float, str] | None = None
        for other in self.lsh.query(mh):
            jaccard = float(np.mean(self.signatures[other] == mh.hashvalues))
            other_size = self.sizes[other]
            shared = jaccard * (size + other_size) / (1.0 + jaccard)
            containment = shared / min(size, other_size)
            if containment >= MIN_CONTAINMENT and (best is None or (containment, other) > best):
                best = (containment, other)
        return best[1] if best else None

    def group_of(self, article_id: str) -> str:
        return self.root.get(article_id, article_id)


def duplicate_groups(index: DuplicateIndex, article_ids: list[str]) -> list[list[str]]:
    """Groups of two or more of `article_ids` that copy each other, in first-seen order."""
    groups: dict[str, list[str]] = {}
    for aid in article_ids:
        groups.setdefault(index.group_of(aid), []).append(aid)
    return [members for members in groups.values() if len(members) > 1]
