"""Language identification (py3langid: its model ships inside the package, no download)."""

from __future__ import annotations

import py3langid

# Below this many letters an identification is a guess; such articles get `language: null`.
MIN_LETTERS = 20


def detect_language(text: str) -> str | None:
    sample = text[:5000]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    lang, _score = py3langid.classify(sample)
    return str(lang)
