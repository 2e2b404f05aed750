"""PLOVER events: type, mode and actor accuracy on the PLOVER gold standard records; the seeds for eyeballing.

Usage: python benchmarks/events.py [EVAL_DIR] [--errors N] [--seeds-only | --gsr-only]
(default EVAL_DIR: the `shared/eval` folder beside the repository; the seeds are in EVAL_DIR/../seeds).

1. `EVAL_DIR/events/plover-gsr.json`: each record is one sentence with its expert-coded main event. The 2016
   labels are mapped to the current 16 types (DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE,
   FIGHT->ASSAULT; DOCUMENT has no counterpart and is left out). Our main event of the sentence is the one
   of its main clause (`main`), else its first event; a sentence with none counts as wrong. Reported: type
   accuracy and macro F1 against the majority-class floor; actor and recipient country accuracy where the
   gold gives a code (an IGO code of ours counts for the gold's generic "IGO"; a sentence where we found no
   actor counts as wrong); mode accuracy where the gold gives a mode (same first word: "strike-hun" and
   "strike-gen" differ, "demo-org" matches our "demo"). Also sentences per second.
2. The five seeds (`EVAL_DIR/../seeds/*.txt` with `published` from `EVAL_DIR/seeds/gold.json`): every event
   found, then the story's merged events with their number of reports, and the daily pair series.
Reports only; always exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from storyline.analyze.events import find_events
from storyline.analyze.events_countries import IGO_CODES
from storyline.analyze.nlp import components_for, parse
from storyline.analyze.people import PEOPLE_STEPS, analyze_doc
from storyline.analyze.times import find_times
from storyline.pipeline import Cleaned, clean_inputs
from storyline.synthesize.events import merge_events, pair_series

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
LABELS_2016 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
               "DOCUMENT": None}
# Gold codes for kinds of international actor that our coder spells out (NATO, UN ... -> IGO).
GENERIC = {code: "IGO" for code in IGO_CODES} | {"NGO": "NGO"}


def _gold_type(record: dict[str, Any]) -> str | None:
    label = str(record["event"])
    return LABELS_2016.get(label, label) if label in LABELS_2016 else label


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {str(a["code"]) for a in actors if isinstance(a, dict) and a.get("code")}


def _fold(code: str | None) -> str | None:
    return GENERIC.get(code, code) if code else None


def _analyse(texts: list[str], published: list[str | None]) -> list[list[dict[str, Any]]]:
    docs = parse(texts, components_for(PEOPLE_STEPS))
    out = []
    for doc, pub in zip(docs, published, strict=True):
        people = analyze_doc(doc)
        out.append(find_events(doc, people["entities"], find_times(doc.text, pub), pub))
    return out


def _main_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    for event in events:
        if event["main"]:
            return event
    return events[0] if events else None


def gsr(eval_dir: Path, errors: int = 0) -> dict[str, float]:
    records = json.loads((eval_dir / "events" / "plover-gsr.json").read_text(encoding="utf-8"))
    records = [r for r in records if r.get("text") and _gold_type(r)]
    started = time.perf_counter()
    found = _analyse([r["text"] for r in records], [r.get("date") for r in records])
    elapsed = time.perf_counter() - started
    gold_types = [_gold_type(r) for r in records]
    pred = [(_main_event(ev) or {}).get("type") for ev in found]
    n = len(records)
    correct = sum(g == p for g, p in zip(gold_types, pred, strict=True))
    majority = Counter(gold_types).most_common(1)[0]
    labels = sorted({t for t in gold_types if t})
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold_types, pred, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold_types, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold_types, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    print(f"PLOVER GSR: {n} sentences (DOCUMENT left out), {n / elapsed:.1f} sentences/s")
    print(f"  type accuracy      {correct / n:.3f}  (majority class {majority[0]}: {majority[1] / n:.3f})")
    print(f"  type macro F1      {sum(f1s) / len(f1s):.3f}  over {len(labels)} types")
    print(f"  no event found     {sum(p is None for p in pred)}")
    figures = {"type_accuracy": correct / n, "macro_f1": sum(f1s) / len(f1s), "majority_class": majority[1] / n,
               "no_event": sum(p is None for p in pred), "sentences": n, "sentences_per_s": n / elapsed}
    for role, key in (("source", "actor_country"), ("target", "recipient_country")):
        pairs = [(_codes(r.get(role)), _fold((_main_event(ev) or {}).get(key))) for r, ev in zip(records, found,
                                                                                          strict=True)]
        pairs = [(g, p) for g, p in pairs if g]
        hit = sum(p in g for g, p in pairs)
        print(f"  {role:6} country     {hit / len(pairs):.3f}  ({hit}/{len(pairs)} records with a coded {role})")
        figures[f"{role}_country"] = hit / len(pairs)
    modes = [(str(r["mode"]), (_main_event(ev) or {}).get("mode")) for r, ev in zip(records, found, strict=True)
             if r.get("mode")]
    hit = sum(bool(p) and g.split("-")[0] == str(p).split("-")[0] for g, p in modes)
    print(f"  mode               {hit / len(modes):.3f}  ({hit}/{len(modes)} records with a mode)")
    figures["mode"] = hit / len(modes)
    confusion = Counter((g, p) for g, p in zip(gold_types, pred, strict=True) if g != p)
    print("  most common confusions (gold -> ours):",
          ", ".join(f"{g}->{p} {k}" for (g, p), k in confusion.most_common(8)))
    shown = 0
    for record, gold, p, ev in zip(records, gold_types, pred, found, strict=True):
        if gold != p and shown < errors:
            shown += 1
            main = _main_event(ev) or {}
            print(f"    [{gold} / ours {p} {main.get('actor')}->{main.get('recipient')}] {record['text'][:150]}")
    return figures


def _cleaned(path: Path) -> str:
    """The article body as storyline's cleaner leaves it (the raw file when the cleaner fails)."""
    try:
        for item in clean_inputs([str(path)]):
            if isinstance(item, Cleaned):
                return item.article.text
    except Exception as exc:  # the benchmark measures events; a cleaning bug must not hide them
        print(f"  (cleaning {path.name} failed: {exc}; raw text used)")
    return path.read_text(encoding="utf-8")


def seeds(eval_dir: Path) -> dict[str, int]:
    seed_dir = eval_dir.parent / "seeds"
    gold = json.loads((eval_dir / "seeds" / "gold.json").read_text(encoding="utf-8"))["articles"]
    paths = sorted(seed_dir.glob("*.txt"))
    texts = [_cleaned(p) for p in paths]
    published = [gold.get(p.name, {}).get("published") for p in paths]
    started = time.perf_counter()
    found = _analyse(texts, published)
    elapsed = time.perf_counter() - started
    words = sum(len(t.split()) for t in texts)
    total = sum(len(ev) for ev in found)
    print(f"\nSeeds: {len(paths)} articles, {total} events, {words / elapsed:.0f} words/s (parse included)")
    for path, events in zip(paths, found, strict=True):
        print(f"  {path.name}")
        for e in events:
            mode = f" ({e['mode']})" if e["mode"] else ""
            print(f"    {e['date']} {e['type']}{mode} [{e['status']}] {e['actor']} ({e['actor_country']}) -> "
                  f"{e['recipient']} ({e['recipient_country']}) | {e['evidence'][:90]!r}")
    merged = merge_events([(p.name, ev) for p, ev in zip(paths, found, strict=True)])
    print(f"\n  merged: {total} reports -> {len(merged)} events")
    for m in sorted(merged, key=lambda m: (-len(m["sources"]), m["date"] or "")):
        if len(m["sources"]) > 1:
            print(f"    x{len(m['sources'])} {m['date']} {m['type']} {m['actor']} -> {m['recipient']}"
                  f" | {m['evidence'][:80]!r}")
    series = pair_series(merged)
    for pair in (("RUS", "UKR"), ("RUS", "USA"), ("USA", "RUS"), ("NATO", "RUS")):
        days = series.get(pair, [])
        print(f"  series {pair[0]}->{pair[1]}: " + (", ".join(
            f"{d['date']} n={d['events']} sum={d['score_sum']:+.1f}" for d in days) or "none"))
    return {"articles": len(paths), "events": total, "merged_events": len(merged)}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=DEFAULT_EVAL_DIR, type=Path)
    ap.add_argument("--errors", type=int, default=0, help="list this many GSR misses")
    only = ap.add_mutually_exclusive_group()
    only.add_argument("--seeds-only", action="store_true")
    only.add_argument("--gsr-only", action="store_true")
    args = ap.parse_args(argv)
    if not args.seeds_only:
        gsr(args.eval_dir, args.errors)
    if not args.gsr_only:
        seeds(args.eval_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
