"""TF-IDF-style term vectors with an incremental document-frequency table and a background prior.

A stream starts empty: with three articles seen, in-stream document frequencies alone say nothing about
which words are rare. The prior is the general English word frequency (the `wordfreq` package, shipped
data), turned into a pseudo-document frequency; as the stream grows its own counts take over.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from wordfreq import word_frequency

from storyline.group.text import names, strip_datelines, terms

# Weight of the prior, in pseudo-documents: large enough that a handful of articles cannot make "president"
# look rare, small enough that a real stream of thousands of articles dominates. On the similarity pairs
# (benchmarks/stories.py) 100..1000 give the same best pairwise F1 within 0.01; 3000+ is slightly worse.
PRIOR_DOCS = 300.0
# Average article length in words, to turn a per-word frequency into a per-document probability.
WORDS_PER_DOC = 500.0
# A headline states what the story is; its words count as much as several body mentions.
TITLE_WEIGHT = 2.0
# Name tokens (capitalised-word runs) are the cheap stand-in for entities: who and where tell stories apart.
# The name also counts as an ordinary word, so this is an extra; on the similarity pairs 0.5 beat 0 and 1.
NAME_WEIGHT = 0.5
NAME_PREFIX = "@"
# Only the lead carries the story's identity; long pieces drift into background. Words past this many
# count at BODY_TAIL_WEIGHT.
LEAD_WORDS = 400
BODY_TAIL_WEIGHT = 0.5

Vector = dict[str, float]


@lru_cache(maxsize=200_000)
def background_doc_prob(term: str) -> float:
    """Probability that a random English news article contains `term` (from general word frequency)."""
    word = term.removeprefix(NAME_PREFIX)
    freq = word_frequency(word, "en")
    return 1.0 - math.exp(-freq * WORDS_PER_DOC)


@dataclass
class DocFreq:
    """Document frequencies of terms in the stream so far. Plain data: `n_docs` and `df` persist as a table."""

    n_docs: int = 0
    df: Counter[str] = field(default_factory=Counter)

    def add(self, features: dict[str, float]) -> None:
        self.n_docs += 1
        self.df.update(features.keys())

    def idf(self, term: str) -> float:
        prior_df = PRIOR_DOCS * background_doc_prob(term)
        return math.log((self.n_docs + PRIOR_DOCS + 1.0) / (self.df.get(term, 0) + prior_df + 1.0)) + 1.0


def raw_features(title: str | None, text: str) -> dict[str, float]:
    """Weighted term counts of one article: title and lead words, body tail at lower weight, and names."""
    body_words = strip_datelines(text).split()
    lead, tail = " ".join(body_words[:LEAD_WORDS]), " ".join(body_words[LEAD_WORDS:])
    feats: dict[str, float] = {}
    for part, weight in ((title or "", TITLE_WEIGHT), (lead, 1.0), (tail, BODY_TAIL_WEIGHT)):
        for term, n in terms(part).items():
            feats[term] = feats.get(term, 0.0) + weight * n
        for name, n in names(part).items():
            key = NAME_PREFIX + name
            feats[key] = feats.get(key, 0.0) + weight * n * NAME_WEIGHT
    return feats


def weigh(features: dict[str, float], docfreq: DocFreq) -> Vector:
    """Sublinear tf times idf, L2-normalised."""
    vec = {t: (1.0 + math.log(c)) * docfreq.idf(t) for t, c in features.items() if c >= 1.0}
    vec.update({t: c * docfreq.idf(t) for t, c in features.items() if c < 1.0})
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    return sum(a[t] * b[t] for t in a.keys() & b.keys())  # the set intersection runs in C; few terms are shared


def top_terms(vec: Vector, k: int) -> list[str]:
    """The k heaviest terms (ties broken by the term, for determinism)."""
    return [t for t, _ in sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]]
