"""A StoryIndex as bytes and back, for the store's snapshot (zlib-compressed JSON; signatures as raw uint32).

JSON rather than pickle: a store file may come from elsewhere, and loading it must never run code. The format
number changes whenever the layout or the meaning of the state changes; a snapshot in another format is
ignored and the store rebuilds the index from its articles (the raw input is kept for that).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter, OrderedDict
from typing import Any

import numpy as np
from datasketch import LeanMinHash

from storyline.group.boilerplate import SentenceFreq
from storyline.group.duplicates import NUM_PERM, SEED, DuplicateIndex, new_minhash
from storyline.group.stories import ArticleEntry, StoryIndex, StoryState
from storyline.group.terms import DocFreq

STATE_FORMAT = 1  # bump when the layout or meaning changes (e.g. how signatures or vectors are made)
# Level 1 compresses about as well as 6 on this data (mostly ids and floats) at a third of the time.
ZLIB_LEVEL = 1


def dump_state(index: StoryIndex) -> bytes:
    dup = index.duplicates
    sig_ids = list(dup.signatures)
    sigs = (np.stack([dup.signatures[a] for a in sig_ids]).astype(np.uint32) if sig_ids
            else np.zeros((0, NUM_PERM), np.uint32))
    state: dict[str, Any] = {
        "format": STATE_FORMAT,
        "seq": index.seq,
        "n_docs": index.docfreq.n_docs,
        "df": dict(index.docfreq.df),
        "entries": [[e.id, e.story, e.seq, e.day, e.duplicate_of] for e in index.entries.values()],
        "stories": [[s.id, s.created, s.updated, s.members, s.exemplars, s.first_day, s.last_day,
                     s.centroid, s.central] for s in index.stories.values()],
        "vectors": index.vectors,
        "postings": {t: list(p) for t, p in index.postings.items()},
        "merged_into": index.merged_into,
        "sentences": index.boilerplate.counts,
        "sentences_seen": index.boilerplate.seen,
        "dup_hashes": dup.hashes,
        "dup_root": dup.root,
        "dup_sizes": [dup.sizes[a] for a in sig_ids],
        "dup_ids": sig_ids,
        "dup_scheme": new_minhash().scheme,  # how the signatures were made
        "dup_signatures": base64.b64encode(sigs.tobytes()).decode("ascii"),
    }
    return zlib.compress(json.dumps(state, separators=(",", ":")).encode("utf-8"), ZLIB_LEVEL)


def load_state(blob: bytes) -> StoryIndex | None:
    """The index a snapshot holds; None when the snapshot is in another format (rebuild from the articles)."""
    state = json.loads(zlib.decompress(blob))
    if state.get("format") != STATE_FORMAT:
        return None
    index = StoryIndex(docfreq=DocFreq(state["n_docs"], Counter(state["df"])), seq=state["seq"])
    index.entries = {e[0]: ArticleEntry(*e) for e in state["entries"]}
    for sid, created, updated, members, exemplars, first, last, centroid, central in state["stories"]:
        story = StoryState(sid, created, updated, members, exemplars, first, last, centroid, central)
        index.stories[sid] = story
    index.vectors = state["vectors"]
    index.postings = {t: OrderedDict.fromkeys(p) for t, p in state["postings"].items()}
    index.merged_into = state["merged_into"]
    index.boilerplate = SentenceFreq(state["sentences"], state["sentences_seen"])
    dup = DuplicateIndex(hashes=state["dup_hashes"], root=state["dup_root"])
    sigs = np.frombuffer(base64.b64decode(state["dup_signatures"]), np.uint32).reshape(-1, NUM_PERM)
    for aid, size, row in zip(state["dup_ids"], state["dup_sizes"], sigs, strict=True):
        values = row.copy()
        dup.sizes[aid] = size
        dup.signatures[aid] = values
        minhash = LeanMinHash(seed=SEED, hashvalues=values, scheme=state["dup_scheme"])
        dup.lsh.insert(aid, minhash, check_duplication=False)
    index.duplicates = dup
    return index
