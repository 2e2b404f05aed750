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


# Every dateline ends in a dash and a space: half of all texts have none, and this search (a charset, which
# re scans fast) spares them the dateline pattern's slow one.
_DASH_SPACE = re.compile(r"[—–-]\s")


def strip_datelines(text: str) -> str:
    return _DATELINE.sub(" ", text) if _DASH_SPACE.search(text) else text


def normalise(text: str) -> str:
    """Lower-cased word and number tokens joined by single spaces: what two copies of one report share
    once whitespace, quote styles, punctuation and case are set aside."""
    return " ".join(_TOKEN.findall(unicodedata.normalize("NFKC", text).translate(_DASHES).lower()))


def content_hash(text: str) -> str:
    """Hash of the normalised text: exact copies (up to whitespace, quotes, case) share it."""
    return content_hash_of_normal(normalise(text))


def content_hash_of_normal(normal: str) -> str:
    """`content_hash` of the text whose `normalise` form is `normal`."""
    return hashlib.blake2b(normal.encode("utf-8"), digest_size=16).hexdigest()


def fold(text: str) -> str:
    """NFKC with one form of quotes and dashes: the text `words`, `terms` and `names` read (raw_features folds
    each part once for both)."""
    return unicodedata.normalize("NFKC", text).translate(_DASHES)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, numbers dropped (they vary between copies and between days)."""
    return _WORD.findall(fold(text).lower())


def shingles(text: str, size: int) -> set[str]:
    """Word `size`-grams of the normalised text (the unit of near-duplicate detection)."""
    toks = normalise(text).split()
    if len(toks) < size:
        return {" ".join(toks)} if toks else set()
    return {" ".join(toks[i:i + size]) for i in range(len(toks) - size + 1)}


def normal_shingles(normal: str, size: int) -> set[bytes]:
    """`shingles` of the text whose `normalise` form is `normal`, UTF-8 encoded (what MinHash hashes). Built
    on bytes with zip and join in C: half the cost of joining strings and encoding each."""
    toks = normal.encode("utf-8").split()  # UTF-8 never puts an ASCII space inside a character
    if len(toks) < size:
        return {b" ".join(toks)} if toks else set()
    return set(map(b" ".join, zip(*(toks[i:] for i in range(size)), strict=False)))  # stops at the last full gram


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
    return folded_terms(fold(text))


def folded_terms(folded: str) -> Counter[str]:
    """`terms` of a text already folded (`fold`)."""
    return Counter(stem(w) for w in _WORD.findall(folded.lower()) if len(w) > 2 and w not in STOP_WORDS)


# A token is a word, a punctuation mark, or a line break (what str.splitlines splits on: a name never runs
# across lines, and a line starts like a sentence).
_TOKEN_WITH_CASE = re.compile(r"[^\W\d_][\w'’-]*|[.!?,;:()\"]|\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029") | {"\r\n"}
# What a token does in the name scan when it is not (part of) a name, whose role is its stemmed lower-case
# form: it ends a sentence or a line, it is other punctuation, or it is a word that cannot be in a name.
_STOP, _PAUSE, _PLAIN = 0, 1, 2


@lru_cache(maxsize=200_000)
def _name_role(tok: str) -> int | str:
    """A token's part in `names`: a pure function of the token, cached as most tokens recur (it takes 40% off
    `names`; 200k tokens, about 30 MB at most, hold a news stream's working vocabulary)."""
    if tok in _LINE_BREAKS:
        return _STOP
    if not tok[0].isalpha():
        return _STOP if tok in ".!?:\"" else _PAUSE
    is_name = (tok[0].isupper() and not tok.isupper()) or (tok.isupper() and 1 < len(tok) <= 5)
    low = stem(tok.lower())
    return low if is_name and low not in STOP_WORDS and len(low) > 1 else _PLAIN


def names(text: str) -> Counter[str]:
    """Capitalised-name tokens as cheap entity proxies: capitalised words not at a sentence start, and runs
    of them joined into one name ("Vladimir Putin" gives `vladimir putin`, `vladimir`, `putin`).
    """
    return folded_names(fold(text))


def folded_names(folded: str) -> Counter[str]:
    """`names` of a text already folded (`fold`). Folding the whole text, not line by line, gives the same
    lines: no character folds into or out of a line break, and none composes with one."""
    found: dict[str, int] = {}  # a plain dict while counting (Counter.update is Python code, and slow)
    get = found.get
    run: list[str] = []
    at_start = True
    for role in map(_name_role, _TOKEN_WITH_CASE.findall(folded)):
        if isinstance(role, str) and not at_start:
            run.append(role)
            continue
        if run:  # a name run ends: count its words and, for two or more, the whole name
            for name in run:
                found[name] = get(name, 0) + 1
            if len(run) > 1:
                whole = " ".join(run)
                found[whole] = get(whole, 0) + 1
            run = []
        if role != _PAUSE:
            at_start = role == _STOP
    for name in run:
        found[name] = get(name, 0) + 1
    if len(run) > 1:
        whole = " ".join(run)
        found[whole] = get(whole, 0) + 1
    return Counter(found)
