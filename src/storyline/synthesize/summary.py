"""An extractive multi-document summary of one story, every sentence citing the articles it comes from.

    summarize([SummaryDoc(article_id, text, published), ...], max_sentences=5) -> list[dict]

1. The articles are split into sentences (with their character spans). Candidates are sentences of a
   readable length; questions, bare quotations and sentences that open on a pronoun or a connective ("He
   added ...", "But ...") lean on context the summary does not give, and are penalised.
2. Sentences are TF-IDF vectors (scikit-learn, fitted on the story itself: what is rare within the story
   tells its sentences apart). Near-identical sentences of different articles (wire copies, rewrites) are
   one candidate citing all of those articles: the *support* of a sentence is how many articles carry it.
3. The story's centroid is the mean of its articles' centroids (each article weighs the same, however long).
   A candidate's relevance is its cosine with the centroid plus small bonuses for support, for a lead
   position (news puts the news first) and for recency (a developing story is about its latest turn).
4. The summary opens on the latest development: when the story spans several days, the lead sentence (the
   first candidate) of the newest report is taken first. Then sentences are chosen by maximal marginal
   relevance: relevance minus similarity to what is already chosen, less a little for each sentence already
   taken from the same article, until `max_sentences` (or `max_words`) is reached.
5. The chosen sentences are shown latest development first: by the day the sentence was first reported
   (newest first), then by their place in the article.

Each summary sentence: `{text, article_id, start, end, published, article_ids, citations: [{article_id,
start, end, text}]}` - the sentence's own article first, then every article with a near-identical sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]

from storyline.synthesize.figures import SENTENCE_END

# Default summary length: five sentences read in under a minute and cover a story of a few days.
DEFAULT_SENTENCES = 5
# Candidate sentences: shorter ones are headlines, datelines or fragments; longer ones are run-on quotes.
MIN_WORDS = 8
MAX_WORDS = 60
# MMR trade-off: 1.0 ranks by relevance alone, 0.0 by novelty alone. 0.7 is the usual setting for news
# (Carbonell & Goldstein 1998 used 0.7-0.8); benchmarks/summary.py compares it with the baselines.
MMR_LAMBDA = 0.7
# Two sentences of different articles at this TF-IDF cosine are the same sentence (a wire copy, a light
# rewrite): measured on the sample, copies score 0.8-1.0, two sentences on one happening 0.3-0.6.
NEAR_IDENTICAL = 0.7
# Relevance bonuses, small against a centroid cosine of 0.1-0.5: carried by every article (+SUPPORT_BONUS),
# the article's first sentences (+LEAD_BONUS), the newest report (+RECENCY_BONUS, linear from the oldest).
SUPPORT_BONUS = 0.08
LEAD_BONUS = 0.06
LEAD_SENTENCES = 2
RECENCY_BONUS = 0.05
# MMR also discounts a sentence by this much for each sentence already taken from its article: a story's
# summary should hear its outlets, not retell one report.
REPEAT_PENALTY = 0.04
# A sentence that leans on context it does not give loses this much relevance.
CONTEXT_PENALTY = 0.08
_LEANING = re.compile(r"^(he|she|it|they|this|that|these|those|but|and|however|also|meanwhile|his|her|their)\b",
                      re.IGNORECASE)
_QUOTE_OPEN = tuple("\"“‘'")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class SummaryDoc:
    article_id: str
    text: str
    published: str | None = None


@dataclass
class Sentence:
    doc: int  # index into the docs
    position: int  # sentence number in its article
    start: int
    end: int
    text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of a text (paragraph breaks end sentences; whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    last = 0
    for m in [*SENTENCE_END.finditer(text), None]:
        end = m.start() + len(m.group(0).rstrip()) if m else len(text)
        start = last
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
        if m:
            last = m.end()
    return spans


def split_sentences(docs: Sequence[SummaryDoc]) -> list[Sentence]:
    out = []
    for d, doc in enumerate(docs):
        for k, (start, end) in enumerate(sentence_spans(doc.text)):
            out.append(Sentence(d, k, start, end, doc.text[start:end]))
    return out


def word_count(text: str) -> int:
    return len(_WORDS.findall(text))


def tfidf(texts: Sequence[str]) -> np.ndarray:
    """L2-normalised TF-IDF rows (sublinear tf, English stop words); all zeros when nothing is left."""
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # empty vocabulary: only stop words
        return np.zeros((len(texts), 1))
    return np.asarray(matrix.toarray())


def story_centroid(vectors: np.ndarray, docs_of: Sequence[int]) -> np.ndarray:
    """Mean of the per-article mean vectors, unit length."""
    per_doc = [vectors[[i for i, d in enumerate(docs_of) if d == doc]].mean(axis=0) for doc in sorted(set(docs_of))]
    centroid = np.mean(per_doc, axis=0) if per_doc else np.zeros(vectors.shape[1])
    norm = np.linalg.norm(centroid)
    return centroid / norm if norm else centroid


def _leans(text: str) -> bool:
    stripped = text.lstrip()
    return bool(_LEANING.match(stripped)) or stripped.startswith(_QUOTE_OPEN) or stripped.endswith("?")


def _support(vectors: np.ndarray, sentences: list[Sentence]) -> list[list[int]]:
    """For each sentence, the sentences of other articles that are near-identical to it (itself first)."""
    sims = vectors @ vectors.T
    out = []
    for i, s in enumerate(sentences):
        same: dict[int, int] = {s.doc: i}
        for j in np.argsort(-sims[i]):
            j = int(j)
            if sims[i, j] < NEAR_IDENTICAL:
                break
            same.setdefault(sentences[j].doc, j)
        out.append(list(same.values()))
    return out


def _recency(docs: Sequence[SummaryDoc]) -> list[float]:
    """0 for the oldest report, 1 for the newest (undated: 0); all 0 when the story has one date."""
    days = sorted({d.published[:10] for d in docs if d.published})
    if len(days) < 2:
        return [0.0] * len(docs)
    rank = {day: k / (len(days) - 1) for k, day in enumerate(days)}
    return [rank[d.published[:10]] if d.published else 0.0 for d in docs]


def _latest_lead(docs: Sequence[SummaryDoc], sentences: list[Sentence], allowed: Sequence[int]) -> list[int]:
    """The first candidate sentence of the newest report, when the story's reports span several days."""
    days = {d.published[:10] for d in docs if d.published}
    if len(days) < 2:
        return []
    newest = max(days)
    lead = [i for i in allowed if (docs[sentences[i].doc].published or "")[:10] == newest]
    return lead[:1]


def mmr_select(relevance: np.ndarray, similarity: np.ndarray, k: int, lam: float = MMR_LAMBDA,
               allowed: Sequence[int] | None = None, words: Sequence[int] | None = None,
               max_words: int | None = None, origin: Sequence[int] | None = None,
               repeat_penalty: float = REPEAT_PENALTY, seed: Sequence[int] = ()) -> list[int]:
    """Maximal marginal relevance: indexes of up to k items, each maximising lam*relevance - (1-lam)*max
    similarity to those already chosen (within a word budget when `max_words` is given), less
    `repeat_penalty` per item already chosen from the same origin (article) when `origin` is given. Items in
    `seed` are taken first."""
    chosen = list(seed)[:k]
    pool = [i for i in (range(len(relevance)) if allowed is None else allowed) if i not in chosen]
    used = sum(words[c] for c in chosen) if words is not None else 0
    while pool and len(chosen) < k:
        penalty = similarity[np.ix_(pool, chosen)].max(axis=1) if chosen else np.zeros(len(pool))
        scores = lam * relevance[pool] - (1 - lam) * penalty
        if origin is not None:
            taken = [origin[c] for c in chosen]
            scores = scores - repeat_penalty * np.array([taken.count(origin[i]) for i in pool])
        best = pool[int(np.argmax(scores))]
        pool.remove(best)
        if max_words is not None and words is not None and chosen and used + words[best] > max_words:
            continue
        chosen.append(best)
        used += words[best] if words is not None else 0
    return chosen


def summarize(docs: Sequence[SummaryDoc], max_sentences: int = DEFAULT_SENTENCES, *, lam: float = MMR_LAMBDA,
              max_words: int | None = None) -> list[dict[str, Any]]:
    """The story's summary sentences, latest development first, each with its citations (module docstring)."""
    sentences = split_sentences(docs)
    if not sentences or max_sentences < 1:
        return []
    vectors = tfidf([s.text for s in sentences])
    centroid = story_centroid(vectors, [s.doc for s in sentences])
    support = _support(vectors, sentences)
    recency = _recency(docs)
    lengths = [word_count(s.text) for s in sentences]
    relevance = vectors @ centroid
    for i, s in enumerate(sentences):
        relevance[i] += SUPPORT_BONUS * (len(support[i]) - 1) / max(1, len(docs) - 1)
        relevance[i] += LEAD_BONUS * (s.position < LEAD_SENTENCES) + RECENCY_BONUS * recency[s.doc]
        relevance[i] -= CONTEXT_PENALTY * _leans(s.text)
    # one candidate per set of near-identical sentences: the first of them stands for all
    copies = {j for i in range(len(sentences)) for j in support[i][1:] if j > i and i in support[j]}
    allowed = [i for i, n in enumerate(lengths) if MIN_WORDS <= n <= MAX_WORDS and i not in copies]
    if not allowed:  # a story of short items: take what there is
        allowed = list(range(len(sentences)))
    chosen = mmr_select(relevance, vectors @ vectors.T, max_sentences, lam, allowed, lengths, max_words,
                        [s.doc for s in sentences], seed=_latest_lead(docs, sentences, allowed))
    entries = sorted((_entry(sentences, docs, support[i]) for i in chosen),
                     key=lambda e: (e["article_id"], e["position"]))
    # newest first reported first, undated last (a stable sort keeps the article order within a day)
    return sorted(entries, key=lambda e: e["first_reported"] or "", reverse=True)


def _entry(sentences: list[Sentence], docs: Sequence[SummaryDoc], members: list[int]) -> dict[str, Any]:
    own = sentences[members[0]]
    doc = docs[own.doc]
    first = min((docs[sentences[m].doc].published or "9999") for m in members)
    return {
        "text": own.text,
        "article_id": doc.article_id,
        "start": own.start,
        "end": own.end,
        "published": doc.published,
        "first_reported": None if first == "9999" else first[:10],
        "position": own.position,
        "article_ids": [docs[sentences[m].doc].article_id for m in members],
        "citations": [{"article_id": docs[sentences[m].doc].article_id, "start": sentences[m].start,
                       "end": sentences[m].end, "text": sentences[m].text} for m in members],
    }

