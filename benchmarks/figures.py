"""Figures: the seeds' checklist, the troop series, speed and a precision spot-check on BBC articles.

    .venv/bin/python benchmarks/figures.py [EVAL_DIR] [--seeds DIR] [--corpus DIR] [--sample N] [--show N]

1. seeds (`EVAL_DIR/seeds/gold.json`, list `figures`, on the cleaned seed texts): an item holds when a figure
   found in its article overlaps the item's `contains` text and has its value; its qualifier is scored apart
   (gold "about"/"some" = approximate). Then the series: every gold item of one subject in one series, on its
   `as_of` date, and no item of another subject in it.
2. speed on a sample of `CORPUS` (BBC): ms per article for the parse (the components figures need) and for
   the figure rules on top of it (with and without time spans given).
3. precision spot-check on the same sample: a random sample of figures with their subjects, for eyeballing,
   and a count of the obviously wrong (years, dates, times of day taken for figures) over all of them.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from storyline.analyze.figures import FIGURE_NEEDS, Figure, find_figures
from storyline.analyze.nlp import parse
from storyline.analyze.times import find_times
from storyline.pipeline import Cleaned, clean_inputs
from storyline.synthesize.figures import figure_series

DEFAULT_EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
# Gold qualifiers are written as the text says them; ours are normalised.
GOLD_QUALIFIERS = {"about": "approximate", "some": "approximate", "around": "approximate",
                   "more than": "more than", "over": "more than", "at least": "at least", "up to": "up to"}
SEED = 13  # the spot-check sample is the same on every run
MONTHS = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b")
OBVIOUSLY_WRONG = {
    "year": re.compile(r"^(?:19|20)\d\d$"),
    "time of day": re.compile(r"\b\d{1,2}:\d\d\b|\b\d{1,2}(?:[.:]\d\d)?\s?(?:am|pm)\b", re.I),
}
DATE_AROUND = r"\b{months}\s+{core}\b|\b{core}(?:st|nd|rd|th)?\s+{months}\b"


def _clean(path: Path) -> Cleaned:
    item = next(iter(clean_inputs([str(path)])))
    if not isinstance(item, Cleaned):
        raise SystemExit(f"{path}: {item.line()}")
    return item


def seeds(eval_dir: Path, seeds_dir: Path) -> dict[str, int]:
    gold = json.loads((eval_dir / "seeds" / "gold.json").read_text())
    items = gold["figures"]
    names = sorted({it["article"] for it in items} | set(gold["articles"]))
    texts = {n: _clean(seeds_dir / n).article.text for n in names}
    found = {n: find_figures(texts[n]) for n in names}
    print(f"== seeds: {len(items)} listed figures")
    hold = qual = 0
    where: dict[int, tuple[str, Figure]] = {}
    for k, it in enumerate(items):
        text = texts[it["article"]]
        at = text.lower().find(it["contains"].lower())
        hits = [f for f in found[it["article"]] if at >= 0 and f.start < at + len(it["contains"]) and at < f.end]
        ok = [f for f in hits if f.value == it["value"]]
        want_q = GOLD_QUALIFIERS.get(it.get("qualifier") or "", it.get("qualifier"))
        q_ok = bool(ok) and ok[0].qualifier == want_q
        hold += bool(ok)
        qual += q_ok
        if ok:
            where[k] = (it["article"], ok[0])
        got = ", ".join(f"{f.text!r}={f.value:g} q={f.qualifier} subj={f.subject!r}" for f in hits) or "nothing"
        print(f"  [{'ok' if ok else '--'}{'/q' if q_ok else '  '}] {it['contains']!r} ({it['value']:g}, "
              f"{it.get('qualifier')}) -> {got}")
    print(f"  value right: {hold}/{len(items)}; qualifier right too: {qual}/{len(items)}")
    figures = {"held": hold, "total": len(items), "qualifier": qual, "qualifier_total": len(items), "series_one": 0,
               "series_one_total": 0}
    pairs = [(n, gold["articles"][n]["published"], texts[n], found[n]) for n in names]
    series = figure_series(pairs)
    point_series = {(s_i, p.article_id, p.start): s for s_i, s in enumerate(series) for p in s.points}
    by_subject: dict[str, list[int]] = defaultdict(list)
    for k, it in enumerate(items):
        by_subject[it["subject"]].append(k)
    print("== seeds: series")
    for subject, ks in by_subject.items():
        keys, dates_ok = set(), 0
        for k in ks:
            if k not in where:
                continue
            art, fig = where[k]
            for (_, a, start), s in point_series.items():
                if a == art and start == fig.start:
                    keys.add(s.key)
                    dates_ok += any(p.start == start and p.article_id == a and p.date == items[k]["as_of"]
                                    for p in s.points)
        mixed = [s for s in series if s.key in keys
                 and any(where.get(k2, ("", None))[0] == p.article_id and where[k2][1].start == p.start
                         for p in s.points for k2 in where if items[k2]["subject"] != subject)]
        one = len(keys) == 1 and len([k for k in ks if k in where]) == len(ks)
        figures["series_one"] += one
        figures["series_one_total"] += 1
        print(f"  {subject!r}: {len(ks)} items in {len(keys)} series {sorted(keys)}; one series: {one}; "
              f"dates right {dates_ok}/{len(ks)}; other subjects mixed in: {len(mixed)}")
    for s in series:
        if len(s.points) > 1:
            print(f"  series {s.label!r} [{s.key}]: "
                  + "; ".join(f"{p.date} {p.text!r} ({p.article_id[:3]})" for p in s.points))
            for c in s.changes:
                print(f"    change {c['from_value']:g} ({c['from_date']}) -> {c['to_value']:g} ({c['to_date']})")
            for c in s.conflicts:
                print(f"    CONFLICT {c.reason}")
    return figures


def corpus(corpus_dir: Path, sample: int, show: int) -> dict[str, float]:
    paths = sorted(corpus_dir.glob("**/*.txt"))
    random.Random(SEED).shuffle(paths)
    texts = [p.read_text(errors="replace") for p in paths[:sample]]
    words = sum(len(t.split()) for t in texts)
    t0 = time.perf_counter()
    docs = list(parse(texts, FIGURE_NEEDS))
    t1 = time.perf_counter()
    spans = [find_times(t, None) for t in texts]
    t2 = time.perf_counter()
    found = [find_figures(t, d, s) for t, d, s in zip(texts, docs, spans, strict=True)]
    t3 = time.perf_counter()
    n = len(texts)
    print(f"== speed: {n} BBC articles, {words} words")
    print(f"  parse ({', '.join(sorted(FIGURE_NEEDS))}): {(t1 - t0) * 1000 / n:.1f} ms/article")
    print(f"  time spans (find_times, shared with the times field): {(t2 - t1) * 1000 / n:.1f} ms/article")
    print(f"  figure rules given parse and time spans: {(t3 - t2) * 1000 / n:.1f} ms/article")
    figures = [(i, f) for i, fs in enumerate(found) for f in fs]
    kinds: dict[str, int] = defaultdict(int)
    for _, f in figures:
        kinds[f.kind] += 1
    print(f"== precision spot-check: {len(figures)} figures ({dict(kinds)}), "
          f"{sum(f.subject is not None for _, f in figures)} with a subject")
    wrong: dict[str, list[str]] = defaultdict(list)
    for i, f in figures:
        core = re.sub(r"^\D*", "", f.text).split(" ")[0].rstrip(",.")
        window = texts[i][max(0, f.start - 12):f.end + 12]
        for name, rx in OBVIOUSLY_WRONG.items():
            if rx.search(core) if name == "year" else rx.search(window):
                wrong[name].append(f"{window!r}")
        if core and re.search(DATE_AROUND.format(months=MONTHS, core=re.escape(core)), window, re.I):
            wrong["date"].append(f"{window!r}")
    total = sum(len(v) for v in wrong.values())
    print(f"  obviously wrong (automatic): {total}/{len(figures)} "
          + ", ".join(f"{k}: {len(v)}" for k, v in wrong.items()))
    for name, items in wrong.items():
        for w in items[:5]:
            print(f"    {name}: {w}")
    print(f"  a random {show} for eyeballing:")
    for i, f in random.Random(SEED).sample(figures, min(show, len(figures))):
        ctx = texts[i][max(0, f.start - 30):f.end + 30].replace("\n", " ")
        extra = ", ".join(f"{k}={v}" for k, v in (("owner", f.owner), ("place", f.place)) if v)
        print(f"    {f.value:>12g} {f.kind:<8} q={f.qualifier or '-':<11} subj={f.subject!r} {extra}  | ...{ctx}...")
    return {"articles": n, "parse_ms": (t1 - t0) * 1000 / n, "times_ms": (t2 - t1) * 1000 / n,
            "rules_ms": (t3 - t2) * 1000 / n, "figures": len(figures), "obviously_wrong": total}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=DEFAULT_EVAL, type=Path)
    ap.add_argument("--seeds", type=Path, default=None, help="the seed articles (default EVAL_DIR/../seeds)")
    ap.add_argument("--corpus", type=Path, default=None, help="BBC corpus (default EVAL_DIR/../corpus/bbc)")
    ap.add_argument("--sample", type=int, default=200, help="BBC articles for speed and the spot-check")
    ap.add_argument("--show", type=int, default=30, help="figures printed for eyeballing")
    args = ap.parse_args(argv)
    return {"seeds": seeds(args.eval_dir, args.seeds or args.eval_dir.parent / "seeds"),
            "corpus": corpus(args.corpus or args.eval_dir.parent / "corpus" / "bbc", args.sample, args.show)}


if __name__ == "__main__":
    main()
