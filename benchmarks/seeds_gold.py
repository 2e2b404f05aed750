"""The five seed articles against their hand-made reference reading (`seeds/gold.json` in the eval folder).

Usage: python benchmarks/seeds_gold.py [EVAL_DIR]   (default: ../shared/eval beside the repository)

Each seed file (`EVAL_DIR/../seeds/NAME`) goes through the real pipeline (`storyline.ingest.read_inputs`, then
`storyline.clean.clean_document`), and the reference's checklists are scored item by item:
- must_remove: the string is absent from the article text;
- must_keep: the string is present in the article text;
- title: equals the reference headline (reference null -> no title at all);
- standfirst, byline: equal the reference where it gives one;
- dateline: where the reference says the date is in the text (`published_in_text` is a string), `published`
  equals the reference ISO date and the dateline itself is gone from the text.
The clean stage runs ftfy, which straightens typographic quotes (‘ ’ “ ” -> ' "); the reference strings are
exact substrings of the input, so both sides are compared with quotes folded the same way.
Reports only; always exits 0.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from storyline.clean import clean_document
from storyline.ingest import read_inputs
from storyline.records import Article, RawDocument

REPO = Path(__file__).resolve().parents[1]
DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"'})
KINDS = ("must_remove", "must_keep", "title", "standfirst", "byline", "dateline")


def fold(text: str | None) -> str | None:
    return None if text is None else " ".join(text.translate(_QUOTES).split())


@dataclass
class Score:
    held: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    misses: list[str] = field(default_factory=list)

    def check(self, kind: str, ok: bool, detail: str) -> None:
        self.total[kind] += 1
        self.held[kind] += ok
        if not ok:
            self.misses.append(f"{kind}: {detail}")

    def cell(self, kind: str) -> str:
        return f"{self.held[kind]}/{self.total[kind]}" if self.total[kind] else "-"


def clean_seed(path: Path) -> Article:
    items = list(read_inputs([str(path)]))
    docs = [item for item in items if isinstance(item, RawDocument)]
    if len(docs) != 1:
        raise SystemExit(f"{path}: expected one document, got {items!r}")
    return clean_document(docs[0])


def score_article(article: Article, gold: dict) -> Score:
    score = Score()
    text = fold(article.text) or ""
    for item in gold.get("must_remove", []):
        score.check("must_remove", fold(item) not in text, f"still in the text: {item!r}")
    for item in gold.get("must_keep", []):
        score.check("must_keep", fold(item) in text, f"missing from the text: {item!r}")
    score.check("title", fold(article.title) == fold(gold.get("title")),
                f"got {article.title!r}, want {gold.get('title')!r}")
    for kind in ("standfirst", "byline"):
        if gold.get(kind) is not None:
            got = getattr(article, kind)
            score.check(kind, fold(got) == fold(gold[kind]), f"got {got!r}, want {gold[kind]!r}")
    written = gold.get("published_in_text")
    if isinstance(written, str):
        ok = article.published == gold.get("published") and fold(written) not in text
        score.check("dateline", ok, f"published {article.published!r}, want {gold.get('published')!r} "
                                    f"from {written!r} (removed from text: {fold(written) not in text})")
    return score


def main(argv: list[str]) -> int:
    checklists(Path(argv[1]) if len(argv) > 1 else DEFAULT_EVAL_DIR)
    return 0


def checklists(eval_dir: Path) -> dict[str, int]:
    """Print the table; return items held and total per checklist (`KIND`, `KIND_total`) and in all."""
    gold_path = eval_dir / "seeds" / "gold.json"
    seeds_dir = eval_dir.parent / "seeds"
    articles = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    totals = Score()
    print(f"{'article':<28}" + "".join(f"{kind:>13}" for kind in KINDS))
    misses: list[str] = []
    for name, gold in articles.items():
        score = score_article(clean_seed(seeds_dir / name), gold)
        print(f"{name:<28}" + "".join(f"{score.cell(kind):>13}" for kind in KINDS))
        for kind in KINDS:
            totals.held[kind] += score.held[kind]
            totals.total[kind] += score.total[kind]
        misses += [f"  {name}: {miss}" for miss in score.misses]
    print()
    print(", ".join(f"{kind} {totals.cell(kind)}" for kind in KINDS))
    held, total = sum(totals.held.values()), sum(totals.total.values())
    print(f"all items {held}/{total}")
    if misses:
        print("\nitems that do not hold:")
        print("\n".join(misses))
    return {k: v for kind in KINDS for k, v in ((kind, totals.held[kind]), (f"{kind}_total", totals.total[kind]))} | {
        "held": held, "total": total}


if __name__ == "__main__":
    sys.exit(main(sys.argv))
