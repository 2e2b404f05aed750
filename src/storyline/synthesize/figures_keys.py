"""Subject keys for figures: which phrasings of a counted thing are the same thing.

"Russian troops", "troops near Ukraine", "Russian troops on Ukraine's borders" and "some 100,000 troops" (in
"Russia has moved some 100,000 troops towards Ukraine") share the counted noun's lemma ("troop"); the owner
("Russian" / "Russia") and the place ("Ukraine" / "Ukrainian border") are folded to one country key, so that
a nationality adjective and its country name meet.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Demonyms and short names whose country key cannot be found by a shared stem ("French" / "France",
# "British" / "UK", "Dutch" / "Netherlands"); the rest fold by `STEM_CHARS` ("Russian" / "Russia").
COUNTRY_ALIASES = {
    "us": "us", "u.s": "us", "u.s.": "us", "usa": "us", "america": "us", "american": "us", "americans": "us",
    "united states": "us", "washington": "us", "pentagon": "us",
    "uk": "uk", "u.k": "uk", "u.k.": "uk", "britain": "uk", "british": "uk", "great britain": "uk",
    "united kingdom": "uk", "england": "uk", "english": "uk", "london": "uk",
    "france": "fran", "french": "fran", "paris": "fran",
    "netherlands": "neth", "dutch": "neth", "holland": "neth",
    "china": "chin", "chinese": "chin", "beijing": "chin",
    "poland": "pola", "polish": "pola", "warsaw": "pola",
    "kremlin": "russ", "moscow": "russ", "kyiv": "ukra", "kiev": "ukra",
    "germany": "germ", "german": "germ", "berlin": "germ",
    "nato": "nato", "eu": "eu", "european union": "eu",
    "switzerland": "swit", "swiss": "swit", "denmark": "denm", "danish": "denm", "sweden": "swed", "swedish": "swed",
    "finland": "finl", "finnish": "finl", "spain": "spai", "spanish": "spai", "turkey": "turk", "turkish": "turk",
    "israel": "isra", "israeli": "isra", "iran": "iran", "iranian": "iran", "iraq": "iraq", "iraqi": "iraq",
    "japan": "japa", "japanese": "japa", "wales": "wale", "welsh": "wale", "scotland": "scot", "scottish": "scot",
    "ireland": "irel", "irish": "irel", "greece": "gree", "greek": "gree", "belarus": "bela", "belarusian": "bela",
}
# Otherwise the first letters name the country: "Russia"/"Russian" -> "russ", "Ukraine"/"Ukrainian" -> "ukra",
# "Lithuania"/"Lithuanian" -> "lith". Four letters tell apart the countries of one story.
STEM_CHARS = 4
# Place words that are not places on their own: "the border", "the region".
GENERIC_PLACES = {"border", "borders", "frontier", "region", "area", "country", "capital"}


def country_key(name: str | None) -> str | None:
    """One key for a country, its people and its capital, or None."""
    if not name:
        return None
    words = re.sub(r"['’]s$", "", name.strip().lower())
    words = re.sub(r"^the\s+", "", words).strip(" .")
    if not words or words in GENERIC_PLACES:
        return None
    if words in COUNTRY_ALIASES or words.replace(".", "") in COUNTRY_ALIASES:
        return COUNTRY_ALIASES.get(words) or COUNTRY_ALIASES[words.replace(".", "")]
    return re.sub(r"[^a-z]", "", words)[:STEM_CHARS] or None


def subject_parts(figure: Mapping[str, Any]) -> tuple[str, str | None, str | None]:
    """(head lemma, owner key, place key) of a figure dict; the head is "" when nothing is counted."""
    head = (figure.get("subject_head") or "").lower()
    owner = country_key(figure.get("owner"))
    place = country_key(figure.get("place"))
    if place == owner:
        place = None  # "Russian troops in Russia" says no more than "Russian troops"
    return head, owner, place


def measure_group(figure: Mapping[str, Any]) -> str:
    """Figures compare only within one group: counts (exact and vague), each currency, percent, each unit."""
    kind = figure.get("kind") or "count"
    if kind in ("count", "vague"):
        return "count"
    return f"{kind}:{figure.get('unit') or ''}"
