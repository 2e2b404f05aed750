"""HTML main-content extraction quality: trafilatura alone vs storyline's extract_html vs the full clean path.

Usage: python benchmarks/extraction.py [EVAL_DIR]   (default: shared/eval beside the repository)

Scoring follows the scrapinghub article-extraction-benchmark (`evaluate.py`): both texts are tokenised with
`\\w+`, turned into shingles of 4 consecutive tokens, and matched as bags (a shingle counts once per
occurrence). Each page's true/false positive and false negative counts are normalised to sum to 1, so long
pages weigh no more than short ones; precision is the mean of the pages' precisions, recall the mean of their
recalls, and F1 the harmonic mean of those two means. An empty prediction has recall 0 (upstream leaves it out
of the precision mean, having no predicted shingles). We also print the mean of per-page F1 (empty page = 0),
which punishes a single bad page harder. Reports only; always exits 0.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
SHINGLE_SIZE = 4  # as upstream
_TOKEN = re.compile(r"\w+", re.UNICODE)

Counts = tuple[float, float, float]  # normalised true positives, false positives, false negatives


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[str]:
    tokens = _TOKEN.findall(text or "")
    # Upstream keeps one (shorter) shingle for texts of fewer than `size` tokens.
    grams = (" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(gram for gram in grams if gram)


def shingle_counts(reference: str, prediction: str) -> Counts:
    true, pred = shingles(reference), shingles(prediction)
    tp = fp = fn = 0.0
    for key in true.keys() | pred.keys():
        t, p = true.get(key, 0), pred.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics(counts: list[Counts]) -> dict[str, float]:
    """Upstream's aggregate, plus the mean of per-page F1."""
    precisions = [precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(precisions) if precisions else 0.0
    r = statistics.mean(recalls) if recalls else 0.0
    per_page = [f1(precision(*c), recall(*c)) if c[0] + c[1] > 0 else 0.0 for c in counts]
    return {"f1": f1(p, r), "precision": p, "recall": r, "page_f1": statistics.mean(per_page) if per_page else 0.0}


def load_pages(eval_dir: Path) -> list[tuple[str, str, str, str]]:
    """(id, url, html, reference body) for every page of the extraction set."""
    folder = eval_dir / "extraction"
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        # The pages are stored as UTF-8 (as upstream reads them); storyline.ingest is not used so that this
        # benchmark measures the extraction alone.
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        pages.append((page_id, truth[page_id].get("url") or "", html, truth[page_id]["articleBody"]))
    return pages


def run_trafilatura(page_id: str, url: str, html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def run_extract_html(page_id: str, url: str, html: str) -> str:
    from storyline.clean.html import extract_html
    from storyline.errors import StorylineError

    try:
        return extract_html(html, url or None, source=page_id).text
    except StorylineError:
        return ""


def run_clean_document(page_id: str, url: str, html: str) -> str:
    from storyline.clean import clean_document
    from storyline.errors import StorylineError
    from storyline.records import RawDocument, SourceMeta

    doc = RawDocument(source_id=page_id, kind="html", body=html, raw=b"", meta=SourceMeta(url=url or None),
                      name=page_id)
    try:
        return clean_document(doc).text
    except StorylineError:
        return ""


def score(name: str, run: Callable[[str, str, str], str], pages: list[tuple[str, str, str, str]]) -> dict[str, float]:
    """Print the scores of one extractor. A page it refuses (StorylineError) or crashes on scores as empty; crashes
    are counted apart, with the first one shown, so that a bug is visible without stopping the report."""
    with contextlib.suppress(Exception):  # warm-up outside the clock: first-call imports are not per-page cost
        run(*pages[0][:3])
    start = time.perf_counter()
    counts = []
    empty = 0
    crashes: list[str] = []
    for page_id, url, html, reference in pages:
        try:
            prediction = run(page_id, url, html)
        except Exception as exc:  # report, don't stop: this is a measurement
            crashes.append(f"{page_id}: {type(exc).__name__}: {exc}")
            prediction = ""
        empty += not prediction.strip()
        counts.append(shingle_counts(reference, prediction))
    seconds = time.perf_counter() - start
    m = metrics(counts)
    print(f"{name:<28} F1 {m['f1']:.4f}  P {m['precision']:.4f}  R {m['recall']:.4f}  "
          f"page-F1 {m['page_f1']:.4f}  empty {empty:>2}  crashed {len(crashes):>2}  "
          f"{len(pages) / seconds:5.1f} pages/s")
    if crashes:
        print(f"{'':<28} first crash: {crashes[0]}")
    return m | {"empty": empty, "crashed": len(crashes), "pages_per_s": len(pages) / seconds}


def figures(eval_dir: Path) -> dict[str, float]:
    """Print trafilatura's and the clean path's scores; return F1 of both and the clean path's P/R."""
    pages = load_pages(eval_dir)
    ours = score("storyline clean_document", run_clean_document, pages)
    return {"f1": ours["f1"], "precision": ours["precision"], "recall": ours["recall"],
            "trafilatura_f1": score("trafilatura (defaults)", run_trafilatura, pages)["f1"]}


def main(argv: list[str]) -> int:
    eval_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_EVAL_DIR
    pages = load_pages(eval_dir)
    print(f"{len(pages)} pages from {eval_dir / 'extraction'}; shingles of {SHINGLE_SIZE} tokens")
    score("trafilatura (defaults)", run_trafilatura, pages)
    score("storyline extract_html", run_extract_html, pages)
    try:
        import storyline.clean.text  # noqa: F401 - the text cleaner may not be written yet
    except ImportError as exc:
        print(f"{'storyline clean_document':<28} skipped: {exc}")
    else:
        score("storyline clean_document", run_clean_document, pages)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
