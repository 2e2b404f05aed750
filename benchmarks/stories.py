"""Story grouping quality and speed.

    python benchmarks/stories.py [EVAL_DIR] [--corpus DIR] [--seeds DIR] [--sizes 1000,10000,100000]
                                 [--budget SECONDS] [--skip-scale | --only-scale] [--store NEW.sqlite]

- seeds: the bundled sample (examples/ukraine-2022, through the real pipeline) must be one story;
- similarity: EVAL_DIR/similarity pairs; all texts grouped at once, through the cleaner as `storyline stories`
  does; precision/recall/F1 of "same story" on pairs rated <= 1.5 (same) against >= 3 (different), beside
  plain TF-IDF cosine at its best threshold, and the Spearman correlation of storyline's pair similarity;
- hard cases: B-cubed P/R/F1 on a multi-outlet set generated at run time (benchmarks/stories_set.py);
- BBC corpus: byte-identical duplicates found; time per assignment as the store grows (light random edits),
  in memory or (--store) through a SQLite store as `storyline ingest` does.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import tempfile
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from stories_set import bcubed, build_set, seed_articles
from storyline.group import StoryIndex, group_articles
from storyline.group.terms import cosine, raw_features, weigh
from storyline.pipeline import Cleaned, clean_inputs
from storyline.records import Article, RawDocument, SourceMeta
from storyline.store import Store

REPO = Path(__file__).resolve().parents[1]
SAME, DIFFERENT = 1.5, 3.0


def seeds(seed_dir: Path) -> dict[str, int]:
    articles = seed_articles(seed_dir)
    index, _ = group_articles(articles)
    dates = ", ".join(sorted(a.published or "undated" for a in articles))
    print(f"seeds: {len(articles)} articles ({dates}) -> {len(index.stories)} story(ies)  [target 1]")
    return {"articles": len(articles), "stories": len(index.stories)}


def _pairs(eval_dir: Path) -> tuple[dict[str, str], list[tuple[str, str, float]]]:
    texts: dict[str, str] = {}
    pairs = []
    with (eval_dir / "similarity" / "semeval2022-task8-training-en.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            a, b = row["pair_id"].split("_")
            texts.setdefault(a, row["text1"].strip())
            texts.setdefault(b, row["text2"].strip())
            pairs.append((a, b, float(row["Overall"])))
    return texts, pairs


def _prf(pred: Iterable[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for guess, gold in pred:
        tp += guess and gold
        fp += guess and not gold
        fn += gold and not guess
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _best_threshold(scores: list[tuple[float, bool]]) -> tuple[float, tuple[float, float, float]]:
    best = (0.0, (0.0, 0.0, 0.0))
    for th in sorted({s for s, _ in scores}):
        prf = _prf((s >= th, gold) for s, gold in scores)
        if prf[2] > best[1][2]:
            best = (th, prf)
    return best


def _spearman(xs: list[float], ys: list[float]) -> float:
    def ranks(v: list[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        r = [0.0] * len(v)
        i = 0
        while i < len(v):
            j = i
            while j + 1 < len(v) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2
            i = j + 1
        return r
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    return cov / ((sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5)


def similarity(eval_dir: Path) -> dict[str, float]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts, pairs = _pairs(eval_dir)
    ids = sorted(texts)
    # As `storyline stories` runs: one JSON Lines input through the cleaner (a temporary file, nothing kept).
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pairs.jsonl"
        path.write_text("".join(json.dumps({"id": i, "text": texts[i]}) + "\n" for i in ids), encoding="utf-8")
        articles = [item.article for item in clean_inputs([str(path)]) if isinstance(item, Cleaned)]
    index, _ = group_articles(articles)
    story = {a.source_id: index.story_of(a.id) for a in articles}
    rated = [(a, b, o) for a, b, o in pairs if o <= SAME or o >= DIFFERENT]
    p, r, f = _prf((story[a] == story[b], o <= SAME) for a, b, o in rated)
    figures = {"precision": p, "recall": r, "f1": f}
    print(f"similarity pairs: {sum(o <= SAME for *_, o in rated)} same / {sum(o >= DIFFERENT for *_, o in rated)}"
          f" different; {len(ids)} texts -> {len(index.stories)} stories")
    print(f"  storyline stories     P {p:.3f}  R {r:.3f}  F1 {f:.3f}   [target F1 >= 0.90]")
    vec = TfidfVectorizer().fit([texts[i] for i in ids])
    matrix = vec.transform([texts[i] for i in ids])
    row = {i: k for k, i in enumerate(ids)}
    plain = [(float((matrix[row[a]] @ matrix[row[b]].T).toarray()[0, 0]), o <= SAME) for a, b, o in rated]
    th, (p, r, f) = _best_threshold(plain)
    figures["tfidf_best_f1"] = f
    print(f"  plain TF-IDF cosine   P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (best threshold {th:.3f})")
    # pair cosines of the grouping's features (boilerplate out), with the final document frequencies
    vectors = {i: weigh(raw_features(None, index.boilerplate.split(texts[i]).text), index.docfreq) for i in ids}
    ours = [(cosine(vectors[a], vectors[b]), o) for a, b, o in pairs]
    th, (p, r, f) = _best_threshold([(s, o <= SAME) for s, o in ours if o <= SAME or o >= DIFFERENT])
    print(f"  storyline pair cosine P {p:.3f}  R {r:.3f}  F1 {f:.3f}   (best threshold {th:.3f})")
    rho = _spearman([s for s, _ in ours], [-o for _, o in ours])
    print(f"  Spearman of storyline cosine with the rating (all {len(ours)} pairs): {rho:.3f}")
    return figures | {"spearman": rho}


def hard_cases(corpus: Path, seed_dir: Path) -> dict[str, float]:
    articles, gold = build_set(corpus, seed_dir)
    index, _ = group_articles(articles)
    pred = {a.id: index.story_of(a.id) for a in articles}
    p, r, f = bcubed(pred, gold)
    print(f"hard-case set: {len(articles)} articles, {len(set(gold.values()))} true stories -> "
          f"{len(index.stories)} stories; B-cubed P {p:.3f}  R {r:.3f}  F1 {f:.3f}   [target F1 >= 0.90]")
    return {"bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f}


def _corpus_articles(corpus: Path) -> list[Article]:
    paths = sorted(corpus.rglob("*.txt"))
    out = []
    for path in paths:
        title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
        out.append(Article(id="a" + hashlib.sha1(str(path).encode()).hexdigest()[:16], source_id=str(path),
                           text=body.strip(), title=title.strip()))
    return out


def bbc_duplicates(corpus: Path) -> dict[str, float]:
    by_bytes: dict[bytes, list[str]] = {}
    for path in sorted(corpus.rglob("*.txt")):
        by_bytes.setdefault(path.read_bytes(), []).append(str(path))
    expected = sum(len(v) - 1 for v in by_bytes.values())
    articles = _corpus_articles(corpus)
    start = time.perf_counter()
    index, _ = group_articles(articles)
    took = time.perf_counter() - start
    src = {a.source_id: a.id for a in articles}
    found = sum(1 for group in by_bytes.values() for p in group[1:]
                if index.duplicates.group_of(src[p]) == index.duplicates.group_of(src[group[0]]))
    near = sum(1 for a in articles if index.duplicates.group_of(a.id) != a.id) - found
    print(f"BBC corpus: {len(articles)} articles in {took:.1f} s ({1000 * took / len(articles):.2f} ms each) -> "
          f"{len(index.stories)} stories; byte-identical duplicates found {found}/{expected}; "
          f"other near copies {near}")
    return {"articles": len(articles), "seconds": took, "stories": len(index.stories), "duplicates_found": found,
            "duplicates_total": expected, "near_copies": near}


def _edit(text: str, rng: random.Random, vocab: list[str]) -> str:
    """A light random edit: replace ~12% of the words, drop a paragraph now and then, new ending."""
    paras = [p for p in text.split("\n") if p.strip()]
    if len(paras) > 3 and rng.random() < 0.5:
        del paras[rng.randrange(1, len(paras))]
    out = []
    for para in paras:
        words = para.split()
        for i in range(len(words)):
            if rng.random() < 0.12:
                words[i] = rng.choice(vocab)
        out.append(" ".join(words))
    return "\n\n".join(out)


def scale(corpus: Path, sizes: list[int], budget: float, db: Path | None = None) -> list[dict[str, float]]:
    """Time per assignment as the index grows: in memory, or through the store (`db`: article row, story rows
    and label in one transaction each, index snapshots now and then), as `storyline ingest` does.
    CPU time is the figure to compare (this machine is shared; wall time is shown beside it)."""
    base = _corpus_articles(corpus)
    rng = random.Random(7)
    vocab = sorted({w for a in base[:300] for w in a.text.split() if w.isalpha()})
    index = StoryIndex()
    store = Store(db) if db else None
    n = 0
    start = time.perf_counter()
    where = f"through the store {db}" if db else "in memory"
    print(f"scale, {where} (articles: mean CPU and wall ms per assignment over the last step; stories; "
          "share of the step taken as copies, and in the story of the corpus article they re-run):")
    window_start, window_cpu, window_n, copies, kept = start, time.process_time(), 0, 0, 0
    rows: list[dict[str, float]] = []
    for target in sizes:
        while n < target:
            src = base[n % len(base)]
            day = date.fromordinal(730000 + rng.randrange(0, 365)).isoformat()
            text = src.text if n < len(base) else _edit(src.text, rng, vocab)
            aid = f"x{n:07d}"
            if store is not None:
                doc = RawDocument(source_id=aid, kind="text", body=text, raw=b"", meta=SourceMeta(), name=aid)
                store.add_article(doc, Article(id=aid, source_id=aid, text=text, title=src.title, published=day),
                                  group=True)
                index = store.story_index()
            else:
                index.add(aid, text, src.title, day)
            copies += index.entries[aid].duplicate_of is not None
            # an edited re-run of a corpus article should find the story of its first run: candidate recall
            kept += n >= len(base) and index.story_of(aid) == index.story_of(f"x{n % len(base):07d}")
            n += 1
            window_n += 1
            if time.perf_counter() - start > budget:
                break
        now, cpu = time.perf_counter(), time.process_time()
        stories = store.count_stories() if store is not None else len(index.stories)
        print(f"  {n:>7}: {1000 * (cpu - window_cpu) / max(window_n, 1):6.2f} ms CPU "
              f"({1000 * (now - window_start) / max(window_n, 1):6.2f} wall)  {stories:>6} stories  "
              f"copies {copies / max(window_n, 1):.0%}  with their source {kept / max(window_n, 1):.0%}  "
              f"(total {now - start:.0f} s)", flush=True)
        rows.append({"articles": n, "cpu_ms": 1000 * (cpu - window_cpu) / max(window_n, 1),
                     "wall_ms": 1000 * (now - window_start) / max(window_n, 1), "stories": stories})
        window_start, window_cpu, window_n, copies, kept = now, cpu, 0, 0, 0
        if now - start > budget:
            print(f"  stopped at {n} articles: the {budget:.0f} s budget is spent")
            break
    if store is not None:
        store.close()
    return rows


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("eval_dir", nargs="?", default=REPO.parent / "shared" / "eval", type=Path)
    ap.add_argument("--corpus", default=REPO.parent / "shared" / "corpus" / "bbc", type=Path)
    ap.add_argument("--seeds", default=REPO / "examples" / "ukraine-2022", type=Path)
    ap.add_argument("--sizes", default="1000,5000,10000,20000,40000,100000")
    ap.add_argument("--budget", default=300.0, type=float, help="seconds for the scale run")
    ap.add_argument("--skip-scale", action="store_true")
    ap.add_argument("--only-scale", action="store_true")
    ap.add_argument("--store", type=Path, help="run the scale test through a store at this (new) SQLite path")
    args = ap.parse_args(argv)
    if not args.only_scale:
        seeds(args.seeds)
        similarity(args.eval_dir)
        hard_cases(args.corpus, args.seeds)
        bbc_duplicates(args.corpus)
    if not args.skip_scale:
        scale(args.corpus, [int(s) for s in args.sizes.split(",")], args.budget, args.store)


if __name__ == "__main__":
    main()
