"""Boilerplate sentences: what a site repeats around its articles, kept out of the grouping features.

Paywall and login prompts, newsletter and sharing invitations, press-release contact lines: a site prints the
same sentences around every article, so two unrelated reports from one site share them, look alike, and may
even pass for copies. The cleaner removes what it recognises; what it lets through is caught here two ways:
- in the stream: a sentence already seen in BOILER_DOCS other articles (copies of one report count once);
- by its wording: reader-facing prompts (subscribe, log in, free trial, click here, ...) and UI strings.
Counts live in a sliding window of recent articles (a site's template recurs constantly; a sentence not seen
for WINDOW_ARTICLES articles is forgotten), so memory and the stored state stay bounded as the store grows.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

# Sentences shorter than this many words ("Read more.", "He said no.") recur by chance; only longer ones count.
MIN_SENTENCE_WORDS = 5
# A sentence in this many earlier articles (copies of one report count once) is boilerplate. Two, not one:
# two reports of one event, or an outlet's follow-up repeating its background paragraph, share a sentence
# and that is evidence, not noise; a third sharing it is a template. Counting per outlet as well (one earlier
# article of the same outlet) changed nothing on the benchmarks (benchmarks/stories.py) and doubled the table;
# one earlier article would stop wire copies being found (their every sentence was seen once, in the original),
# and dropping such sentences from term vectors only (fading them to 0.25-1.0 did nothing) gained one pair.
BOILER_DOCS = 2
# Sliding window: counts of sentences unseen for this many articles are dropped (swept every SWEEP_EVERY).
# 5,000 articles hold an active site's templates many times over; the table stays near 150k entries (about
# 30 sentences an article), a few MB in the stored snapshot.
WINDOW_ARTICLES = 5000
SWEEP_EVERY = 1000

_SPLIT = re.compile(r"(?<=[.!?])\s+|\n+|\s+\|\s+")
# Reader-facing prompts: the site talking to the reader about access, accounts and sharing, not the news.
_PROMPT_PHRASES = (
    r"\b(?:subscri(?:be|ber|bers|ption)\b.{0,60}\b(?:access|log ?in|sign ?in|register|click|unlimited)"
    r"|(?:log|sign)\s?(?:in|up|out)\b.{0,60}\b(?:account|password|e-?mail|register|subscri)"
    r"|free (?:trial|access)|registered users?|click (?:here|below)|(?:unlimited|immediate) access|password"
    r"|(?:enter|fill in|provide) your (?:details|e-?mail|name)"
    r"|(?:follow|like) us on|stay in the know|for more stories|all rights reserved|request form"
    r"|e-?mail address(?:es)?|newsletter)"
)
# a line of nothing but account buttons: "Log In Sign Up", "Subscribe | Register"
_BUTTONS = (
    r"^(?:(?:log|sign) ?(?:in|up|out)|subscribe|register|or|[|/])(?:\W+(?:(?:log|sign) ?(?:in|up|out)|subscribe"
    r"|register|or|[|/]))*\W*$"
)
_PROMPT = re.compile(_PROMPT_PHRASES + "|" + _BUTTONS, re.IGNORECASE)
# Most texts hold no prompt. `SentenceFreq.split` tests a sentence only if it may match: its text holds a
# phrase (a sentence holding one makes its text hold it, as a sentence's neighbours in the text are spaces,
# like its ends non-word), or it opens like a line of buttons. The same verdicts as testing every sentence.
_PROMPT_PHRASE = re.compile(_PROMPT_PHRASES, re.IGNORECASE)
_BUTTONS_LEAD = re.compile(r"log|sign|subscribe|register|or|[|/]", re.IGNORECASE)
# And before that search (0.3 ms a text, as IGNORECASE leaves re no quick skip), a cheaper necessary
# condition: each alternative of _PROMPT_PHRASES holds, in lower case, one literal of each of its groups.
_PHRASE_LITERALS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("subscri",), ("access", "log", "sign", "register", "click", "unlimited")),
    (("log", "sign"), ("account", "password", "mail", "register", "subscri")),
    (("free trial", "free access", "registered user", "click here", "click below", "unlimited access",
      "immediate access", "password", "enter your ", "fill in your ", "provide your ", "follow us on", "like us on",
      "stay in the know", "for more stories", "all rights reserved", "request form", "mail address", "newsletter"),),
)
# The characters IGNORECASE takes for an ASCII letter that str.lower() does not turn into it (İ lowers to
# two characters); every other one lowers to the letter (tests/group/test_speedups.py checks all of Unicode).
_RE_CASE = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


def sentences(text: str) -> list[str]:
    return [s for s in (p.strip() for p in _SPLIT.split(text)) if s]


def is_prompt(sentence: str) -> bool:
    return bool(_PROMPT.search(sentence))


def may_hold_phrase(text: str) -> bool:
    """False when `text` surely holds no match of _PROMPT_PHRASES (literal tests on the lower-cased text)."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_RE_CASE)
    low = text.lower()
    return any(all(any(k in low for k in group) for group in alt) for alt in _PHRASE_LITERALS)


def _key(normal: str) -> str:
    return hashlib.blake2b(normal.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Split:
    """One article's text for grouping (duplicate shingles and term vectors) and its sentence keys to count."""

    text: str
    keys: frozenset[str]
    # Every sentence was kept: `text` has the words of the input in their order, only the spaces between
    # sentences differ (duplicates.py then reuses the input's normal form).
    whole: bool = False


@dataclass
class SentenceFreq:
    """Recent sentences with the number of (original) articles they appeared in.

    Plain data for the store: `counts` (key -> [articles, last seen at]) and `seen` (articles counted).
    """

    counts: dict[str, list[int]] = field(default_factory=dict)
    seen: int = 0

    def split(self, text: str) -> Split:
        """The text without its prompts and its sentences already seen in BOILER_DOCS other articles."""
        kept, keys = [], set()
        phrases = may_hold_phrase(text) and _PROMPT_PHRASE.search(text) is not None
        parts = sentences(text)
        for sent in parts:
            if (phrases or _BUTTONS_LEAD.match(sent)) and is_prompt(sent):
                continue
            if len(sent.split()) >= MIN_SENTENCE_WORDS:
                key = _key(" ".join(sent.lower().split()))
                keys.add(key)
                if self._count(key) >= BOILER_DOCS:
                    continue
            kept.append(sent)
        return Split("\n".join(kept), frozenset(keys), whole=len(kept) == len(parts))

    def add(self, keys: frozenset[str]) -> None:
        """Count one article's sentences (for originals only: a copy would count its source twice)."""
        self.seen += 1
        for key in keys:
            entry = self.counts.get(key)
            if entry is None:
                self.counts[key] = [1, self.seen]
            else:
                entry[0] += 1
                entry[1] = self.seen
        if self.seen % SWEEP_EVERY == 0:
            oldest = self.seen - WINDOW_ARTICLES
            self.counts = {k: v for k, v in self.counts.items() if v[1] > oldest}

    def _count(self, key: str) -> int:
        entry = self.counts.get(key)
        return entry[0] if entry else 0
