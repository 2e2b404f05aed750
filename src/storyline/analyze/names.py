"""Name normalisation: the keys under which spelling and transliteration variants of one name meet.

Outlets spell the same name differently (Zelenskiy / Zelensky / Zelenskyy, Sergei / Sergey, Kiev / Kyiv,
Nato / NATO, U.S. / US). `token_key` folds one name word so that these variants share a key, while
different names keep different keys; `ALIASES` covers the few renamings no spelling rule can reach.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Words that precede a name without being part of it: honorifics and the titles news puts before names.
HONORIFICS = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "reverend",
    "mister", "madam", "madame", "mx", "herr", "frau",
})
TITLES = frozenset({
    "president", "vice", "prime", "minister", "chancellor", "secretary", "senator", "sen", "rep",
    "representative", "governor", "gov", "mayor", "general", "gen", "lt", "col", "colonel", "admiral",
    "king", "queen", "prince", "princess", "pope", "ambassador", "judge", "justice", "chief", "commissioner",
    "foreign", "defence", "defense", "spokesman", "spokeswoman", "spokesperson", "premier", "speaker",
    "former", "deputy", "acting", "candidate", "nominee", "leader", "director", "chairman", "chair",
    "congressman", "congresswoman", "sheikh", "emir", "sultan", "retired", "sergeant", "sgt", "captain", "capt",
})
MALE_HONORIFICS = frozenset({"mr", "mister", "sir", "lord", "herr", "king", "prince"})
FEMALE_HONORIFICS = frozenset({"mrs", "ms", "miss", "dame", "lady", "madam", "madame", "frau", "queen", "princess"})

# Renamings and conventional short forms no spelling rule can fold (keys are `phrase_key` forms).
ALIASES: dict[str, str] = {
    "kiev": "Kyiv", "kharkov": "Kharkiv", "odessa": "Odesa", "lvov": "Lviv", "lugansk": "Luhansk",
    "dnipropetrovsk": "Dnipro", "kyiv": "Kyiv", "kharkiv": "Kharkiv", "odesa": "Odesa", "lviv": "Lviv",
    "luhansk": "Luhansk", "byelorussia": "Belarus", "burma": "Myanmar",
    "us": "United States", "usa": "United States", "united states of america": "United States",
    "america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "britain": "United Kingdom", "great britain": "United Kingdom",
    "un": "United Nations", "eu": "European Union", "nato": "NATO",
    "russian federation": "Russia", "the kremlin": "Kremlin", "the white house": "White House",
}
# Common English short forms of given names, so that "Joe Biden" and "Joseph Biden" meet.
NICKNAMES: dict[str, str] = {
    "joe": "joseph", "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "jim": "james",
    "mike": "michael", "tony": "anthony", "dick": "richard", "rick": "richard", "tom": "thomas",
    "dan": "daniel", "dave": "david", "ben": "benjamin", "nick": "nicholas", "chris": "christopher",
    "liz": "elizabeth", "kate": "katherine", "alex": "alexander", "ted": "edward", "ed": "edward",
    "steve": "steven", "stephen": "steven", "jon": "john", "jonathan": "john", "sasha": "alexander",
}

_NON_WORD = re.compile(r"[^\w\s-]")
_SPACES = re.compile(r"\s+")
_ACRONYM = re.compile(r"(?:[A-Z]\.){2,}|[A-Z]{2,3}")
_POSSESSIVE = re.compile(r"[’']s?$")


# Folding runs on every token of an article (honorific checks), over a vocabulary that repeats: kept per word.
FOLD_CACHE = 1 << 16


@lru_cache(maxsize=FOLD_CACHE)
def ascii_fold(text: str) -> str:
    """Lower-case, accents removed (Erdoğan -> erdogan)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=FOLD_CACHE)  # asked of every mention, and an article repeats its names
def clean_name(text: str) -> str:
    """Surface clean-up: possessive 's, surrounding punctuation, doubled spaces."""
    text = _POSSESSIVE.sub("", text.strip())
    text = text.strip(" \t\n,.;:!?\"“”‘’()[]—–-")
    return _SPACES.sub(" ", text)


@lru_cache(maxsize=FOLD_CACHE)
def token_key(word: str) -> str:
    """Fold transliteration variants of one name word to a shared key.

    Rules are those of the romanisations of Slavic and Arabic names news uses: the endings -iy / -yy / -ii /
    -y / -i / -ey / -ei are one sound (Zelenskiy, Zelenskyy, Sergei, Sergey); ks = x (Oleksiy, Alexei);
    ph = f; doubled letters single; kh = h. Short words (<= 3 letters) are kept as they are.
    """
    key = _NON_WORD.sub("", ascii_fold(word)).replace("-", "")
    if len(key) <= 3:
        return key
    key = key.replace("ks", "x").replace("ph", "f").replace("kh", "h").replace("dzh", "j")
    key = re.sub(r"(.)\1+", r"\1", key)
    key = re.sub(r"(iy|yy|ii|ey|ei|ij|y|i)$", "", key)
    return key.replace("y", "i")


def given_key(word: str) -> str:
    base = ascii_fold(word).strip(".")
    return token_key(NICKNAMES.get(base, base))


@lru_cache(maxsize=FOLD_CACHE)
def phrase_key(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form of a whole name (U.S. -> us, Nato -> nato)."""
    folded = ascii_fold(clean_name(text)).replace(".", "")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def strip_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split leading honorifics/titles from a person's name words: (titles, name)."""
    i = 0
    while i < len(words) - 1 and (ascii_fold(words[i]).strip(".") in HONORIFICS | TITLES
                                  or _ACRONYM.fullmatch(words[i])):  # 'U.N. Linda Thomas-Greenfield'
        i += 1
    return words[:i], words[i:]


@lru_cache(maxsize=FOLD_CACHE)
def acronym(text: str) -> str:
    """Initials of a multi-word name, skipping function words (North Atlantic Treaty Organization -> NATO)."""
    words = [w for w in re.split(r"[\s-]+", text) if w and w.lower() not in {"of", "the", "and", "for", "on"}]
    return "".join(w[0] for w in words).upper() if len(words) > 1 else ""
