"""Who said what across a story: quotes by canonical speaker, one entry per quote however many outlets carry it.

    story_quotes({article_id: quotes}) -> (speakers, disagreements)

`speakers`: `[{speaker, article_ids, quotes: [entry, ...]}]`, the most widely reported speaker first. An entry:
`{text, kind, speaker, article_ids, sources: [{article_id, start, end, text, kind, cue, speaker_text}],
differences: [{article_id, changes: [{op, reference, text}]}]}` - quotes matched across articles
(`analyze.shared.match_quotes`) are one entry; `differences` lists how each outlet's wording differs from
the entry's reference wording (its longest version).

`disagreements`: the same words attributed to different people by different articles:
`[{kind: "speaker", text, attributions: [{speaker, article_id, start, end}], article_ids}]`.
Speakers are expected already folded to one canonical name per story (`analyze.people.fold_story_names`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from difflib import SequenceMatcher
from typing import Any

from storyline.analyze.overlap import candidate_pairs
from storyline.analyze.shared import MIN_OVERLAP, MIN_WORDS, match_quotes, quoted_words

UNATTRIBUTED = "Unattributed"
# Entries of one speaker: direct quotes first (the speaker's own words), then partial, then reported speech.
KIND_ORDER = {"direct": 0, "partial": 1, "indirect": 2}
# Words two quotes must share (in order) before their different speakers count as a disagreement: a
# four-word phrase ("the US and Britain") recurs in anyone's words; a sentence-long run does not.
DISAGREE_MIN_SHARED = 8


def _speaker(quote: Mapping[str, Any]) -> str | None:
    return (quote.get("speaker") or {}).get("name")


def _source(article_id: str, quote: Mapping[str, Any]) -> dict[str, Any]:
    speaker = quote.get("speaker") or {}
    return {"article_id": article_id, "start": quote["start"], "end": quote["end"], "text": quote["text"],
            "kind": quote.get("kind"), "cue": quote.get("cue"), "speaker_text": speaker.get("text")}


def _entry(members: list[tuple[str, Mapping[str, Any], list[dict[str, str]]]]) -> dict[str, Any]:
    """One quote entry from its members: (article_id, quote, differences from the reference wording)."""
    reference = max(members, key=lambda m: len(m[1]["text"]))[1]
    kinds = sorted({m[1].get("kind") or "indirect" for m in members}, key=lambda k: KIND_ORDER.get(k, 3))
    speaker = next((name for _, q, _ in members if (name := _speaker(q))), None)
    return {
        "text": reference["text"],
        "kind": kinds[0],
        "speaker": speaker,
        "article_ids": list(dict.fromkeys(aid for aid, _, _ in members)),
        "sources": [_source(aid, q) for aid, q, _ in members],
        "differences": [{"article_id": aid, "changes": diff} for aid, _, diff in members if diff],
    }


def quote_entries(quotes: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """Every quote of the story once: matched groups with all their sources, then the single reports."""
    matched = match_quotes({aid: [dict(q) for q in qs] for aid, qs in quotes.items()})
    taken: set[tuple[str, int]] = set()
    entries = []
    for group in matched:
        members = [(m["article"], quotes[m["article"]][m["index"]], m["differences"]) for m in group["members"]]
        taken.update((m["article"], m["index"]) for m in group["members"])
        entries.append(_entry(members))
    for aid, qs in quotes.items():
        for i, q in enumerate(qs):
            if (aid, i) not in taken:
                entries.append(_entry([(aid, q, [])]))
    return entries


def by_speaker(entries: list[dict[str, Any]], article_order: Sequence[str]) -> list[dict[str, Any]]:
    """Entries grouped by speaker; speakers by how many articles quote them, unattributed words last."""
    rank = {aid: k for k, aid in enumerate(article_order)}
    groups: dict[str, list[dict[str, Any]]] = {}
    for e in entries:
        groups.setdefault(e["speaker"] or UNATTRIBUTED, []).append(e)
    out: list[dict[str, Any]] = []
    for speaker, items in groups.items():
        items.sort(key=lambda e: (-len(e["article_ids"]), KIND_ORDER.get(e["kind"], 3),
                                  rank.get(e["sources"][0]["article_id"], len(rank)), e["sources"][0]["start"]))
        article_ids = sorted({a for e in items for a in e["article_ids"]}, key=lambda a: rank.get(a, len(rank)))
        out.append({"speaker": speaker, "attributed": speaker != UNATTRIBUTED, "article_ids": article_ids,
                    "quotes": items})
    out.sort(key=lambda g: (not g["attributed"], -len(g["article_ids"]), -len(g["quotes"]), g["speaker"]))
    return out


def _proper(name: str) -> bool:
    """A named person or body ("Sergei Lavrov", "the Kremlin"), not a description ("his counterpart")."""
    words = [w for w in name.split() if w.lower() != "the"]
    return bool(words) and all(w[:1].isupper() for w in words)


def _same_person(a: str, b: str) -> bool:
    """One name is part of the other ("Putin" / "Vladimir Putin"), or they share a surname."""
    wa, wb = a.lower().split(), b.lower().split()
    return set(wa) <= set(wb) or set(wb) <= set(wa) or wa[-1] == wb[-1]


def _shared(a: list[str], b: list[str]) -> int:
    """Words of `a` found in order in `b`."""
    return sum(block.size for block in SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks())


def speaker_disagreements(quotes: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """The same words (as `match_quotes` counts them) given to two different named speakers by two articles."""
    items = [(aid, q, quoted_words(dict(q))) for aid, qs in quotes.items() for q in qs if _speaker(q)]
    items = [it for it in items if len(it[2]) >= MIN_WORDS and _proper(_speaker(it[1]) or "")]
    out = []
    for x, y in sorted(candidate_pairs([it[2] for it in items], MIN_OVERLAP, DISAGREE_MIN_SHARED)):
        (aid_a, qa, wa), (aid_b, qb, wb) = items[x], items[y]
        name_a, name_b = _speaker(qa) or "", _speaker(qb) or ""
        relayed = {qa.get("relays"), qb.get("relays")} & {name_a, name_b}
        if aid_a == aid_b or relayed or _same_person(name_a, name_b):
            continue
        shared = _shared(wa, wb)
        if shared < DISAGREE_MIN_SHARED or shared < MIN_OVERLAP * min(len(wa), len(wb)):
            continue
        out.append({
            "kind": "speaker",
            "text": max(qa["text"], qb["text"], key=len),
            "attributions": [{"speaker": name_a, "article_id": aid_a, "start": qa["start"], "end": qa["end"]},
                             {"speaker": name_b, "article_id": aid_b, "start": qb["start"], "end": qb["end"]}],
            "article_ids": [aid_a, aid_b],
        })
    return out


def story_quotes(quotes: Mapping[str, Sequence[Mapping[str, Any]]],
                 article_order: Sequence[str] | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(quotes by speaker, speaker disagreements) of a story; `quotes` = {article_id: that article's quotes}."""
    order = list(article_order) if article_order is not None else list(quotes)
    return by_speaker(quote_entries(quotes), order), speaker_disagreements(quotes)
