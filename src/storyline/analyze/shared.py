"""The same quote reported by several articles: grouped, with the wording differences between outlets.

Two quotes of different articles are one quote when their words overlap enough (`MIN_OVERLAP` of the
shorter one's words, in order: outlets cut quotes, end them at different places, translate a word
differently, or switch quote styles) and their speakers do not disagree. Groups are the connected
components of that relation; each member carries its word-level differences from the group's reference
wording (the longest version).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from storyline.analyze.names import ascii_fold
from storyline.analyze.overlap import candidate_pairs

# Share of the shorter quote's words found, in order, in the longer one for the two to be one quote:
# high enough that two statements on one topic ("no war" / "war") stay apart, low enough for a changed word.
MIN_OVERLAP = 0.75
# Quotes shorter than this are set phrases ("extremely dangerous") that many speakers use.
MIN_WORDS = 4
_WORD = re.compile(r"[\w’'-]+")


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(ascii_fold(text))]


def quoted_words(quote: dict[str, Any]) -> list[str]:
    """The quoted words only: a quote split around its attribution loses the attribution."""
    parts = quote.get("parts")
    if not parts:
        return words(quote["text"])
    base = quote["start"]
    return [w for p in parts for w in words(quote["text"][p["start"] - base : p["end"] - base])]


def _overlap(a: list[str], b: list[str]) -> float:
    if not a or not b:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / min(len(a), len(b))


def _speakers_agree(a: dict[str, Any], b: dict[str, Any]) -> bool:
    sa = (a.get("speaker") or {}).get("name")
    sb = (b.get("speaker") or {}).get("name")
    names_a = {sa, a.get("relays")} - {None}
    names_b = {sb, b.get("relays")} - {None}
    return not names_a or not names_b or bool(names_a & names_b)


def differences(reference: list[str], other: list[str]) -> list[dict[str, str]]:
    """Word-level edits that turn the reference wording into `other` (ends cut off are not differences)."""
    matcher = SequenceMatcher(None, reference, other, autojunk=False)
    ops = matcher.get_opcodes()
    out = []
    for i, (op, a0, a1, b0, b1) in enumerate(ops):
        if op == "equal" or (op == "delete" and i in (0, len(ops) - 1)):
            continue
        out.append({"op": op, "reference": " ".join(reference[a0:a1]), "text": " ".join(other[b0:b1])})
    return out


def match_quotes(articles: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Group the quotes of several articles (`{article_id: quotes}`) reported by more than one article.

    Returns groups `{text, speaker, articles, members}`; a member is `{article, index, text, differences}`
    (`index` into that article's quote list).
    """
    items = [(aid, i, q, quoted_words(q)) for aid, quotes in articles.items() for i, q in enumerate(quotes)]
    items = [it for it in items if len(it[3]) >= MIN_WORDS]
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in candidate_pairs([it[3] for it in items], MIN_OVERLAP):
        if items[x][0] == items[y][0] or not _speakers_agree(items[x][2], items[y][2]):
            continue
        if _overlap(items[x][3], items[y][3]) >= MIN_OVERLAP:
            parent[find(y)] = find(x)
    groups: dict[int, list[int]] = {}
    for x in range(len(items)):
        groups.setdefault(find(x), []).append(x)
    out = []
    for members in groups.values():
        if len({items[m][0] for m in members}) < 2:
            continue
        ref = max(members, key=lambda m: len(items[m][3]))
        speaker = next(((items[m][2].get("speaker") or {}).get("name") for m in members
                        if (items[m][2].get("speaker") or {}).get("name")), None)
        out.append({
            "text": items[ref][2]["text"],
            "speaker": speaker,
            "articles": sorted({items[m][0] for m in members}),
            "members": [{"article": items[m][0], "index": items[m][1], "text": items[m][2]["text"],
                         "differences": differences(items[ref][3], items[m][3])} for m in members],
        })
    return out
