"""Words of scraped text: the shared word lists and the helpers every text rule reads lines with."""

from __future__ import annotations

import re
from functools import lru_cache

# Function words: a heading never ends with one, and they carry no evidence of a topic.
_FUNCTION_WORDS_TEXT = (
    "a an the and or but nor of to in on at by for from with without into onto over under about after before "
    "as than that this these those its his her their our your my is are was were be been being has have had "
    "will would can could should may might must shall do does did not no so if then there here who whom whose "
    "which what when where while also just very more most some any all each both such only own same other "
    "he she it they we you i me him them us"
)
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS_TEXT.split())
# Finite verbs common in news sentences; a glued heading has none (headings are noun phrases).
_COMMON_VERBS_TEXT = (
    "said says say told tells tell is are was were be been has have had will would can could should may might "
    "must did does do made makes took takes gave gives went goes came comes saw sees found finds thought knew "
    "got gets left became began begins brought held holds kept led leads met meets paid ran read sent sets "
    "spoke speaks stood won wins lost built bought caught chose drew drove fell flew fought grew heard hit "
    "meant put rose sat shot showed shows sold struck taught threw understood wrote writes wants needs "
    "warns urges claims calls plans"
)
COMMON_VERBS = frozenset(_COMMON_VERBS_TEXT.split())
# Capitalised words that start sentences but rarely follow a noun without punctuation inside one.
_SENTENCE_STARTERS_TEXT = (
    "The A An In On At It He She They We This That These Those But However Meanwhile After Before When While "
    "As If Although Though His Her Their Its Our There Some Many According Since During Despite For With Under "
    "Last Earlier Later Both Each Several Most Officials Speaking Asked"
)
SENTENCE_STARTERS = frozenset(_SENTENCE_STARTERS_TEXT.split())

_WORD_CHARS = r"[\w'’-]"
_WORD = re.compile(rf"\w{_WORD_CHARS}*")
_TERMINAL = ".!?…:;"
CLOSERS = "\"'”’»)]*"
# Each line is measured by several rules (caption, prompt, UI, trailer marker, list shape): up to eight
# word counts and three `normal` forms of the same string per article, so both are remembered per string.
# A few thousand lines cover the articles of a batch in flight.
WORD_COUNT_CACHE = 4096


def words(text: str) -> list[str]:
    return _WORD.findall(text)


@lru_cache(maxsize=WORD_COUNT_CACHE)
def word_count(text: str) -> int:
    """len(words(text)), remembered per string."""
    return len(_WORD.findall(text))


@lru_cache(maxsize=16)
def _long_word_pattern(min_chars: int) -> re.Pattern[str]:
    # Every word of `words` is a whole run of word characters after its leading apostrophes or hyphens, so a
    # match of "\w then min_chars-1 more" is exactly a word of min_chars or more (the shorter ones never match).
    return re.compile(rf"\w{_WORD_CHARS}{{{min_chars - 1},}}")


def long_words(text: str, min_chars: int) -> list[str]:
    """[w for w in words(text) if len(w) >= min_chars], in one regex pass (min_chars >= 1)."""
    return _long_word_pattern(min_chars).findall(text)


def ends_sentence(text: str) -> bool:
    """True when the text ends like a sentence: `said.”` does, `… ‘critical infrastructure’` does not."""
    core = text.rstrip().rstrip(CLOSERS)
    return bool(core) and core[-1] in _TERMINAL


@lru_cache(maxsize=WORD_COUNT_CACHE)
def normal(text: str) -> str:
    """Lower case, inner whitespace collapsed, surrounding punctuation and bullets stripped (for comparing)."""
    return " ".join(text.lower().split()).strip(" .:;,!?|•·–—-»>›*#")
