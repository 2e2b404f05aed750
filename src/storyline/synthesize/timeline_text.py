"""Word and name matching for the timeline: do two sentences report the same happening?

Content words are reduced to a light stem (possessive, plural, -ed/-ing stripped, then the first
`STEM_CHARS` letters), so that "annexed"/"annexation", "talks"/"talk", "Crimea"/"Crimean" meet. Each stem is
weighted by how rare its word is in general English (`wordfreq`, shipped data): "panic" and "Lavrov" say
much more about a sentence than "said" or "Russia". This works on a story of two articles, where a
document-frequency table would know nothing.

Actors are compared by a key: for a person, the first letters of the surname ("Zelenskiy" and "Zelensky",
"Sergei" and "Sergey Lavrov" meet); for anything else, the canonical name.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from wordfreq import zipf_frequency

# Stems are cut to this many letters: long enough to keep "president" from "presidium" apart in practice,
# short enough that "Crimea"/"Crimean" and "negotiation"/"negotiations" meet.
STEM_CHARS = 6
# Zipf frequency (log10 per billion words) above which a word carries no weight: "the" is 7.7, "said" 6.0,
# "Russia" 4.9, "panic" 4.3. Weight = ceiling - zipf, so a word of zipf 6.5+ counts for nothing.
ZIPF_CEILING = 6.5
# Unknown words (zipf 0: most surnames, transliterations) get the weight of a rare word, not an infinite one.
UNKNOWN_WEIGHT = 4.0
# A name (a capitalised word) counts at most this much: names are rare words, and uncapped
# one shared name ("Ruritania's parliament ..." / "Ruritania's navy ...") would make any two sentences about
# the same actor look alike. Who acts is weighed separately (the timeline's actor bonus).
NAME_WEIGHT_CAP = 2.0
# A surname key: its first letters, enough to match transliteration variants (Zelensky/Zelenskiy/Zelenskyy).
SURNAME_CHARS = 5
# Words that say when or how a report was made, not what happened: they must not make two reports similar.
_REPORT_WORDS = """
said says say told tell tells added adding according statement reporters report reported news conference
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week month year day days
january february march april may june july august september october november december mr mrs ms also
would could will should might must can may one two three last next this that these those there their they
them then than with from into onto about after before during while which who whom whose what when where
"""
REPORT_WORDS = frozenset(_REPORT_WORDS.split())
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SUFFIXES = ("ings", "ing", "ied", "ies", "ed", "es", "s")
MIN_STEM = 4  # a suffix is stripped only when this many letters remain


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s").removesuffix("'")
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM and not word.endswith(("ss", "us", "is")):
            word = word[: -len(suffix)]
            break
    return word[:STEM_CHARS]


@lru_cache(maxsize=100_000)
def weight(word: str) -> float:
    zipf = zipf_frequency(word.lower(), "en")
    return UNKNOWN_WEIGHT if zipf == 0 else max(0.0, ZIPF_CEILING - zipf)


def terms(text: str) -> dict[str, float]:
    """Weighted content stems of a sentence (each stem once, at the weight of its rarest word)."""
    out: dict[str, float] = {}
    for m in _WORD.finditer(text):
        word = m.group(0)
        if word.lower() in REPORT_WORDS or len(word) < 3:
            continue
        w = weight(word)
        if word[0].isupper():  # a name, or a sentence's first word (common words weigh less than the cap)
            w = min(w, NAME_WEIGHT_CAP)
        if w > 0:
            key = stem(word)
            out[key] = max(out.get(key, 0.0), w)
    return out


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(w * b[t] for t, w in a.items() if t in b)
    return dot / math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))


def actor_key(actor: Mapping[str, Any]) -> str:
    name = str(actor.get("name") or actor.get("text") or "").lower()
    if actor.get("label") == "PERSON":
        words = re.findall(r"[^\W\d_]+", name)
        return "p:" + (words[-1][:SURNAME_CHARS] if words else name)
    return "o:" + name


def actor_keys(actors: Iterable[Mapping[str, Any]], labels: frozenset[str]) -> frozenset[str]:
    return frozenset(actor_key(a) for a in actors if a.get("label") in labels)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared share of the smaller set (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
