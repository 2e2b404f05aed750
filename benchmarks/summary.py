"""Summary quality: storyline's MMR summary against a centroid and a TextRank baseline on a story set built at
run time (nothing copied into the repo).

    python benchmarks/summary.py [--corpus ../shared/corpus/bbc] [--stories 40] [--sentences 3]

The story set: the bundled sample (one story, five outlets) plus the stories `group.story_records` finds in the
BBC corpus that have at least MIN_ARTICLES distinct articles (duplicates dropped).

The metric. News puts the gist of a report in its lead, so the leads are a free reference summary written
by the journalists: each article's first paragraph (BBC: the paragraph under the headline) is held out - the
systems summarise the articles *without* their leads - and the summary is scored against the leads of the
story's articles:
- ROUGE-1 / ROUGE-2: clipped unigram / bigram overlap (lower-cased word tokens) of the summary with the leads;
  recall (share of the leads' n-grams the summary holds) and F1. Recall alone rewards long summaries, so all
  systems pick the same number of sentences.
- redundancy: mean pairwise TF-IDF cosine of the chosen sentences (lower: less repetition).
- sources: share of the story's distinct articles (min(k, n)) the summary draws on, counting the articles
  each sentence cites; a summary of one story should hear its several reports.
Figures are means over stories; the seed story is also shown alone.
"""

from __future__ import annotations

import argparse
import itertools
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from storyline.group import story_records
from storyline.pipeline import Cleaned, clean_inputs
from storyline.records import Article
from storyline.sample import sample_corpus
from storyline.synthesize.summary import (
    MAX_WORDS,
    MIN_WORDS,
    SummaryDoc,
    split_sentences,
    story_centroid,
    summarize,
    tfidf,
    word_count,
)

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "bbc"
MIN_ARTICLES = 3
DAMPING = 0.85  # TextRank's PageRank damping, as in Mihalcea & Tarau (2004)
PAGERANK_STEPS = 50
_TOKEN = re.compile(r"\w+")

Summarizer = Callable[[Sequence[SummaryDoc], int], list[dict[str, object]]]


def held_out(article: Article) -> tuple[str, str]:
    """(lead paragraph, rest of the text)."""
    paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
    if article.title and paragraphs and paragraphs[0].strip() == article.title.strip():
        paragraphs = paragraphs[1:]
    return (paragraphs[0], "\n\n".join(paragraphs[1:])) if len(paragraphs) > 1 else ("", "")


def _ranked(docs: Sequence[SummaryDoc], score: Callable[[np.ndarray, list[int]], np.ndarray],
            k: int) -> list[dict[str, object]]:
    sentences = split_sentences(docs)
    if not sentences:
        return []
    vectors = tfidf([s.text for s in sentences])
    scores = score(vectors, [s.doc for s in sentences])
    allowed = [i for i, s in enumerate(sentences) if MIN_WORDS <= word_count(s.text) <= MAX_WORDS]
    top = sorted(allowed, key=lambda i: -scores[i])[:k]
    return [{"text": sentences[i].text, "article_ids": [docs[sentences[i].doc].article_id]} for i in top]


def centroid_baseline(docs: Sequence[SummaryDoc], k: int) -> list[dict[str, object]]:
    """The k sentences closest to the story centroid (Radev et al.'s MEAD core, without redundancy removal)."""
    return _ranked(docs, lambda v, d: v @ story_centroid(v, d), k)


def textrank_baseline(docs: Sequence[SummaryDoc], k: int) -> list[dict[str, object]]:
    """The k sentences of highest PageRank over the sentence-cosine graph (TextRank)."""
    def pagerank(vectors: np.ndarray, _: list[int]) -> np.ndarray:
        sims = vectors @ vectors.T
        np.fill_diagonal(sims, 0.0)
        rows = sims.sum(axis=1, keepdims=True)
        walk = np.where(rows > 0, sims / np.where(rows == 0, 1, rows), 1.0 / len(sims))
        rank = np.full(len(sims), 1.0 / len(sims))
        for _ in range(PAGERANK_STEPS):
            rank = (1 - DAMPING) / len(sims) + DAMPING * walk.T @ rank
        return rank
    return _ranked(docs, pagerank, k)


def storyline_mmr(docs: Sequence[SummaryDoc], k: int) -> list[dict[str, object]]:
    return [dict(s) for s in summarize(docs, k)]


def _ngrams(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text.lower())
    return Counter(zip(*(tokens[i:] for i in range(n)), strict=False))


def rouge(summary: str, reference: str, n: int) -> tuple[float, float]:
    """(recall, F1) of clipped n-gram overlap."""
    s, r = _ngrams(summary, n), _ngrams(reference, n)
    overlap = sum((s & r).values())
    recall = overlap / max(1, sum(r.values()))
    precision = overlap / max(1, sum(s.values()))
    return recall, (2 * recall * precision / (recall + precision) if overlap else 0.0)


def redundancy(texts: list[str]) -> float:
    if len(texts) < 2:
        return 0.0
    v = tfidf(texts)
    return float(np.mean([v[i] @ v[j] for i, j in itertools.combinations(range(len(texts)), 2)]))


def story_set(corpus: Path, limit: int) -> list[tuple[str, list[Article]]]:
    seeds = [c.article for c in clean_inputs([str(sample_corpus())]) if isinstance(c, Cleaned)]
    out = [("seeds", seeds)]
    if corpus.is_dir():
        bbc = [c.article for c in clean_inputs([str(corpus)]) if isinstance(c, Cleaned)]
        by_id = {a.id: a for a in bbc}
        for rec in story_records(bbc):
            copies = {aid for group in rec["duplicates"] for aid in group[1:]}
            members = [by_id[a["id"]] for a in rec["articles"] if a["id"] not in copies]
            if len(members) >= MIN_ARTICLES:
                out.append((rec["title"], members))
            if len(out) > limit:
                break
    return out


def evaluate(stories: list[tuple[str, list[Article]]], k: int) -> dict[str, dict[str, list[float]]]:
    systems: dict[str, Summarizer] = {"storyline MMR": storyline_mmr, "centroid": centroid_baseline,
                                      "TextRank": textrank_baseline}
    results: dict[str, dict[str, list[float]]] = {name: {} for name in systems}
    for title, articles in stories:
        split = [(a, *held_out(a)) for a in articles]
        docs = [SummaryDoc(a.id, rest, a.published) for a, lead, rest in split if rest]
        reference = "\n".join(lead for _, lead, _ in split)
        if len(docs) < 2 or not reference.strip():
            continue
        for name, system in systems.items():
            chosen = system(docs, k)
            text = " ".join(str(s["text"]) for s in chosen)
            r1, f1 = rouge(text, reference, 1)
            r2, f2 = rouge(text, reference, 2)
            cited = {a for s in chosen for a in s["article_ids"]}  # type: ignore[attr-defined]
            row = {"R1 recall": r1, "R1 F1": f1, "R2 recall": r2, "R2 F1": f2,
                   "redundancy": redundancy([str(s["text"]) for s in chosen]),
                   "sources": len(cited) / min(k, len(docs))}
            for key, value in row.items():
                results[name].setdefault(key, []).append(value)
                if title == "seeds":
                    results[name].setdefault("seeds " + key, []).append(value)
    return results


def figures(corpus: Path = DEFAULT_CORPUS, stories: int = 40, sentences: int = 3) -> dict[str, dict[str, float]]:
    """Mean figures per system (`storyline MMR`, `centroid`, `TextRank`), printing nothing."""
    results = evaluate(story_set(corpus, stories), sentences)
    return {name: {k: statistics.mean(v) for k, v in metrics.items()} for name, metrics in results.items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--stories", type=int, default=40, help="BBC stories to use (most recent first)")
    ap.add_argument("--sentences", type=int, default=3)
    args = ap.parse_args()
    start = time.perf_counter()
    stories = story_set(args.corpus, args.stories)
    print(f"{len(stories)} stories ({sum(len(a) for _, a in stories)} articles), "
          f"built in {time.perf_counter() - start:.1f}s; {args.sentences} sentences each", file=sys.stderr)
    results = evaluate(stories, args.sentences)
    keys = ["R1 recall", "R1 F1", "R2 recall", "R2 F1", "redundancy", "sources"]
    print(f"{'system':<16}" + "".join(f"{k:>12}" for k in keys))
    for name, metrics in results.items():
        print(f"{name:<16}" + "".join(f"{statistics.mean(metrics[k]):>12.3f}" for k in keys))
    print("\nthe seed story alone:")
    for name, metrics in results.items():
        print(f"{name:<16}" + "".join(f"{statistics.mean(metrics['seeds ' + k]):>12.3f}" for k in keys))


if __name__ == "__main__":
    main()
