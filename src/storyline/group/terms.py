"""TF-IDF-style term vectors with an incremental document-frequency table and a background prior.

A stream starts empty: with three articles seen, in-stream document frequencies alone say nothing about
which words are rare. The prior is the general English word frequency (the `wordfreq` package, shipped
data), turned into a pseudo-document frequency; as the stream grows its own counts take over.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from operator import itemgetter, mul

from wordfreq import get_frequency_dict, word_frequency

from storyline.group.text import fold, folded_names, folded_terms, strip_datelines

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


# Words of plain a-z letters (a name may be several, one space apart): wordfreq's tokenizer gives them back
# unchanged, one token each, so their frequency can be read from its table directly (see `_plain_frequency`).
_PLAIN_WORDS = re.compile(r"[a-z]+(?: [a-z]+)*")


@lru_cache(maxsize=200_000)
def background_doc_prob(term: str) -> float:
    """Probability that a random English news article contains `term` (from general word frequency)."""
    word = term.removeprefix(NAME_PREFIX)
    freq = _plain_frequency(word) if _PLAIN_WORDS.fullmatch(word) else word_frequency(word, "en")
    return 1.0 - math.exp(-freq * WORDS_PER_DOC)


@cache
def _english_frequencies() -> dict[str, float]:
    return get_frequency_dict("en", "best")


def _plain_frequency(word: str) -> float:
    """`word_frequency(word, "en")` for plain words, without its Unicode tokenizer (60 us a word, most of the
    cost of a new term). The same arithmetic as wordfreq 3's `_word_frequency`, so the same float: tokens
    combine as 1/f = 1/f1 + 1/f2 + ..., an unknown token gives 0, the result is rounded to 3 significant
    digits. tests/group/test_speedups.py checks it against `word_frequency`."""
    table = _english_frequencies()
    one_over = 0.0
    for token in word.split(" "):
        freq = table.get(token)
        if freq is None:
            return 0.0
        one_over += 1.0 / freq
    freq = 1.0 / one_over
    return round(freq, math.floor(-math.log(freq, 10)) + 3) if freq else 0.0


@dataclass
class DocFreq:
    """Document frequencies of terms in the stream so far. Plain data: `n_docs` and `df` persist as a table."""

    n_docs: int = 0
    df: Counter[str] = field(default_factory=Counter)

    def add(self, features: dict[str, float]) -> None:
        self.n_docs += 1
        self.df.update(features.keys())

    def idf(self, term: str) -> float:
        return self.idfs((term,))[term]

    def idfs(self, terms: Iterable[str]) -> dict[str, float]:
        """The idf of each term, smoothed by the background prior (one call per article: `weigh`)."""
        docs, df, prior, log = self.n_docs + PRIOR_DOCS + 1.0, self.df.get, background_doc_prob, math.log
        return {t: log(docs / (df(t, 0) + PRIOR_DOCS * prior(t) + 1.0)) + 1.0 for t in terms}


def raw_features(title: str | None, text: str) -> dict[str, float]:
    """Weighted term counts of one article: title and lead words, body tail at lower weight, and names."""
    body_words = strip_datelines(text).split()
    lead, tail = " ".join(body_words[:LEAD_WORDS]), " ".join(body_words[LEAD_WORDS:])
    feats: dict[str, float] = {}
    get = feats.get
    for part, weight in ((title or "", TITLE_WEIGHT), (lead, 1.0), (tail, BODY_TAIL_WEIGHT)):
        if not part:
            continue
        folded = fold(part)  # once for both the words and the names
        # One update per counter: its keys are distinct, so each reads the sum of the parts before, and new
        # keys go in in the counter's order, as with item-by-item assignment.
        feats.update({term: get(term, 0.0) + weight * n for term, n in folded_terms(folded).items()})
        named = {NAME_PREFIX + name: n for name, n in folded_names(folded).items()}
        feats.update({key: get(key, 0.0) + weight * n * NAME_WEIGHT for key, n in named.items()})
    return feats


def weigh(features: dict[str, float], docfreq: DocFreq) -> Vector:
    """Sublinear tf times idf, L2-normalised."""
    idf = docfreq.idfs(features)
    vec = {t: (1.0 + math.log(c)) * idf[t] for t, c in features.items() if c >= 1.0}
    vec.update({t: c * idf[t] for t, c in features.items() if c < 1.0})
    values = vec.values()
    norm = math.sqrt(sum(map(mul, values, values)))
    return {t: v / norm for t, v in vec.items()} if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    # The set intersection runs in C (few terms are shared); map instead of a generator, same sum in the same
    # order (the order of the set, so the last bits of a score are those of the first version).
    shared = a.keys() & b.keys()
    return sum(map(mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))


def top_terms(vec: Vector, k: int) -> list[str]:
    """The k heaviest terms (ties broken by the term, for determinism)."""
    ranked = sorted(vec.items())  # by term first: the stable sort below keeps that order among equal weights
    ranked.sort(key=itemgetter(1), reverse=True)
    return [t for t, _ in ranked[:k]]
