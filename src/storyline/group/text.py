"""Text features for grouping: normalised text, content hash, word shingles, terms and name tokens.

Everything here is a pure function of the text; nothing depends on what else has been seen.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from storyline.analyze.names import ALIASES

# Words that carry no story identity in news copy (reporting verbs, days, months, wire chatter).
# The idf prior already weights them down; listing them keeps them out of the candidate index too.
_NEWS_STOP = """said says say told according reported report reports reuters ap afp news reporter reporting
monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow week weeks day days
january february march april may june july august september october november december
year years month months time times mr mrs ms dr also just like new would could one two three
getty images photograph photo file pic copyright rights reserved"""
NEWS_STOP_WORDS = frozenset(_NEWS_STOP.split())
STOP_WORDS = frozenset(ENGLISH_STOP_WORDS) | NEWS_STOP_WORDS

_WORD = re.compile(r"[^\W\d_](?:[\w'’-]*[^\W_])?")
_SPACE = re.compile(r"\s+")
_DASHES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


_TOKEN = re.compile(r"\w+")


# A dateline ("BUFFALO, N.Y. (WIVB) —", "WASHINGTON --", "NEW YORK, Jan. 1, 2020 /PRNewswire/ --"): an
# outlet's home city, call sign or wire service opens most of its stories, so as features they tie unrelated
# local reports (or press releases) together. The place, when it matters, is in the body.
_DATELINE = re.compile(
    r"(?m)(?:^|(?<=\s))[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+)*(?:,? [A-Z][a-z]+\.?)?"
    r"(?:,? [A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)?\s*(?:\([^)]{1,40}\)|/[^/\n]{1,40}/)?"
    r"\s*(?:—|–|--|-)\s"
)


def strip_datelines(text: str) -> str:
    return _DATELINE.sub(" ", text)


def normalise(text: str) -> str:
    """Lower-cased word and number tokens joined by single spaces: what two copies of one report share
    once whitespace, quote styles, punctuation and case are set aside."""
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFKC", text).translate(_DASHES).lower()))


def content_hash(text: str) -> str:
    """Hash of the normalised text: exact copies (up to whitespace, quotes, case) share it."""
    return hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=16).hexdigest()


def words(text: str) -> list[str]:
    """Lower-cased word tokens, numbers dropped (they vary between copies and between days)."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).translate(_DASHES).lower())


def shingles(text: str, size: int) -> set[str]:
    """Word `size`-grams of the normalised text (the unit of near-duplicate detection)."""
    toks = normalise(text).split()
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)}


# Renamed places and their old spellings (Kiev / Kyiv, Burma / Myanmar): one term each, from the analysis's
# alias table (one-word names with a one-word canonical form; "US" -> "United States" and the like are left
# alone, as their words are stop words or common words here).
FOLD: dict[str, str] = {alias: canon.lower() for alias, canon in ALIASES.items()
                        if " " not in alias and " " not in canon and len(alias) > 3}


# Romanisations of the Slavic -sky ending (one sound, several spellings in the news).
_SKY_ENDINGS = ("skiy", "skyy", "skii", "skyi", "skij")
_SKY = re.compile(r"sk(?:iy|yy|ii|yi|ij)$")


@lru_cache(maxsize=500_000)
def stem(word: str) -> str:
    """A very light suffix stripper: plural and possessive forms meet their singular (Russia's, talks/talk);
    renamed places meet their current name (kiev -> kyiv)."""
    word = word.removesuffix("'s").removesuffix("'")
    word = FOLD.get(word, word)
    if len(word) > 5 and word.endswith(_SKY_ENDINGS):  # Zelenskiy / Zelenskyy / Zelenskii -> zelensky
        word = _SKY.sub("sky", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def terms(text: str) -> Counter[str]:
    """Content terms (stemmed, stop words out) with their counts."""
    return Counter(stem(w) for w in words(text) if len(w) > 2 and w not in STOP_WORDS)


_TOKEN_WITH_CASE = re.compile(r"[^\W\d_][\w'’-]*|[.!?,;:()\"]")


def names(text: str) -> Counter[str]:
    """Capitalised-name tokens as cheap entity proxies: capitalised words not at a sentence start, and runs
    of them joined into one name ("Vladimir Putin" gives `vladimir putin`, `vladimir`, `putin`).
    """
    found: Counter[str] = Counter()
    run: list[str] = []
    at_start = True

    def flush() -> None:
        if run:
            for tok in run:
                found[tok] += 1
            if len(run) > 1:
                found[" ".join(run)] += 1
            run.clear()

    for line in text.splitlines():
        at_start = True
        for tok in _TOKEN_WITH_CASE.findall(unicodedata.normalize("NFKC", line).translate(_DASHES)):
            if not tok[0].isalpha():
                flush()
                at_start = at_start or tok in ".!?:\""
                continue
            is_name = (tok[0].isupper() and not tok.isupper()) or (tok.isupper() and 1 < len(tok) <= 5)
            low = stem(tok.lower())
            if is_name and not at_start and low not in STOP_WORDS and len(low) > 1:
                run.append(low)
            else:
                flush()
            at_start = False
        flush()
    return found
