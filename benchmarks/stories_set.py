"""A multi-outlet story set built at run time (nothing copied into the repo), and B-cubed scoring.

From the BBC corpus: every article whose headline names one of STORIES is a report of that developing story
(the Yukos affair, the Parmalat collapse, ...), dated a day or two after the previous one so each story runs for
weeks; two stories of the same kind close in time (the Baftas and the Oscars; two corporate scandals); wire
copies re-published by other outlets (new headline, trimmed ending, byline line, a few words changed); and
unrelated articles scattered over the year. The seed articles are one more story.
"""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from storyline.pipeline import Cleaned, clean_inputs
from storyline.records import Article
from storyline.settings import Settings

# (gold story, pattern in the headline, first day). Same-kind pairs are close in time on purpose.
STORIES = [
    ("yukos", r"\bYukos\b", date(2004, 11, 1)),
    ("parmalat", r"\bParmalat\b", date(2004, 11, 20)),
    ("worldcom", r"\bWorldCom\b", date(2004, 12, 1)),
    ("fiat", r"\bFiat\b", date(2005, 1, 5)),
    ("glazer", r"\bGlazer\b", date(2005, 1, 10)),
    ("bafta", r"\bBafta", date(2005, 1, 20)),
    ("oscar", r"\bOscar", date(2005, 2, 5)),
    ("psp", r"\bPSP\b", date(2005, 2, 10)),
    ("id-cards", r"\bID card", date(2004, 12, 10)),
]
PER_STORY = 8
DISTRACTORS = 60
WIRE_SHARE = 0.35
OUTLETS = ["Wire Daily", "The Courier", "Metro Times", "Global Post"]


def _read(path: Path) -> tuple[str, str]:
    title, _, body = path.read_text(encoding="utf-8", errors="replace").partition("\n")
    return title.strip(), body.strip()


def _wire_copy(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """A re-publication: another headline, ending trimmed, a byline line, a few words changed."""
    words = title.split()
    new_title = " ".join(words[1:] + words[:1]) if len(words) > 2 else title + " (update)"
    paras = [p for p in body.split("\n") if p.strip()]
    keep = paras[: max(2, int(len(paras) * rng.uniform(0.5, 0.8)))]
    text = "By Staff Reporter\n\n" + "\n\n".join(keep)
    tokens = text.split(" ")
    for _ in range(3):
        i = rng.randrange(len(tokens))
        tokens[i] = tokens[i].upper() if rng.random() < 0.5 else "reportedly " + tokens[i]
    return new_title, " ".join(tokens)


def build_set(corpus: Path, seed_dir: Path, seed: int = 3) -> tuple[list[Article], dict[str, str]]:
    rng = random.Random(seed)
    paths = sorted(corpus.rglob("*.txt"))
    articles: list[Article] = []
    gold: dict[str, str] = {}
    taken: set[bytes] = set()

    def add(aid: str, title: str, text: str, day: date | None, outlet: str, story: str) -> None:
        articles.append(Article(id=aid, source_id=aid, text=text, title=title, outlet=outlet,
                                published=day.isoformat() if day else None))
        gold[aid] = story

    keyed = [(name, re.compile(pat), start) for name, pat, start in STORIES]
    for name, pattern, start in keyed:
        day = start
        hits = [p for p in paths if pattern.search(_read(p)[0])
                and not any(o.search(_read(p)[0]) for n, o, _ in keyed if n != name)]
        for k, path in enumerate(hits[:PER_STORY]):
            raw = path.read_bytes()
            if raw in taken:
                continue
            taken.add(raw)
            title, body = _read(path)
            add(f"{name}-{k}", title, body, day, "BBC", name)
            if rng.random() < WIRE_SHARE:
                wt, wb = _wire_copy(title, body, rng)
                add(f"{name}-{k}-wire", wt, wb, day + timedelta(days=rng.choice([0, 1])), rng.choice(OUTLETS), name)
            day += timedelta(days=rng.choice([1, 1, 2, 3]))
    keyed_any = re.compile("|".join(p for _, p, _ in STORIES))
    others = [p for p in paths if not keyed_any.search(p.read_text(encoding="utf-8", errors="replace"))]
    for k, path in enumerate(rng.sample(others, DISTRACTORS)):
        if path.read_bytes() in taken:
            continue
        taken.add(path.read_bytes())
        title, body = _read(path)
        add(f"other-{k}", title, body, date(2004, 6, 1) + timedelta(days=rng.randrange(365)), "BBC", f"other-{k}")
    for art in seed_articles(seed_dir):
        articles.append(art)
        gold[art.id] = "ukraine"
    return articles, gold


def seed_articles(seed_dir: Path) -> list[Article]:
    """The bundled sample through the real pipeline (raw text if the cleaner fails, so grouping is measured)."""
    items = list(clean_inputs([str(seed_dir)]))
    articles = [i.article for i in items if isinstance(i, Cleaned)]
    if len(articles) < len(items):
        print(f"  (cleaning failed for {len(items) - len(articles)} seeds; using their raw text)")
        raw = clean_inputs([str(seed_dir)], settings=replace(Settings(), clean=False))
        articles = [i.article for i in raw if isinstance(i, Cleaned)]
    return articles


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster) against the reference."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in gold:
        by_pred.setdefault(pred[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in gold) / len(gold)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in gold) / len(gold)
    return p, r, 2 * p * r / (p + r)
