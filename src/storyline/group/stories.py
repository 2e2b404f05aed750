"""Incremental story grouping: each new article joins the best existing story or starts a new one.

An article links to a story when its similarity to the story reaches LINK_THRESHOLD: the best cosine with one
of the story's few most recent articles (its exemplars, so that a story that develops day by day is followed),
times a time factor that decays with the days between the reports. Vectors are TF-IDF over words of title and
body plus name tokens as entity proxies (terms.py). An article that links to several stories merges them (it
bridges them).

Candidate stories come from an inverted index over each article's heaviest terms, with a bounded posting list
per term; a bounded number of candidates is scored, each through a bounded number of exemplars: one assignment
costs about the same at a thousand or a hundred thousand articles.

The state is plain data (state.py serialises it for the store): `docfreq`, `entries` (article id ->
story, seq, day, duplicate-of), `stories`, `vectors` (only for articles that are an exemplar or a story's
central article), `postings`, `merged_into`, and the duplicate index. `StoryIndex.assign(...)` is the one write.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from storyline.group.boilerplate import SentenceFreq
from storyline.group.duplicates import DuplicateIndex
from storyline.group.terms import DocFreq, Vector, cosine, raw_features, top_terms, weigh

# Similarity at which an article joins a story. Tuned on the similarity pairs (benchmarks/stories.py): the best
# pairwise cosine threshold there is 0.18-0.22 for this vector design; grouping with chaining prefers the upper end.
LINK_THRESHOLD = 0.2
# Time factor: full weight within GRACE_DAYS, then decay with a scale of TAU_DAYS (about three days, as in
# published news clustering) down to TIME_FLOOR. The floor keeps a strongly matching follow-up after a quiet
# spell in its story (content must then reach LINK_THRESHOLD / TIME_FLOOR = 0.33: the seeds, 18 Jan - 14 Feb,
# need 0.6; 0.5 split them), while a similar incident a month or a year later, which shares the kind of event
# but not the people and places, falls below.
GRACE_DAYS = 1.0
TAU_DAYS = 3.0
TIME_FLOOR = 0.6
# Inverted index: each article is filed under its INDEX_TERMS heaviest terms and looks up its QUERY_TERMS
# heaviest; a term keeps only its POSTING_CAP most recently active stories (a common term in a big store
# would otherwise list thousands), and at most MAX_CANDIDATES stories (most shared terms first) are scored.
# The first version scored up to 40 candidates x 32 exemplars (1,280 cosines, cost still rising at 18k
# articles); 10 x 4 = 40 cosines at most. With benchmarks/stories.py, candidates 40/16/10/8, postings 64/32/16
# and exemplars 32/6/4/3 all gave the same pair and hard-case figures; in the scale run 91-94% of the edited
# re-runs of a corpus article still find its story at 10k-28k articles, and CPU per assignment stays ~6.5 ms.
INDEX_TERMS = 24
QUERY_TERMS = 24
POSTING_CAP = 32
MAX_CANDIDATES = 10
# A story is compared through its EXEMPLARS most recent distinct articles, so that a story that develops day
# by day is followed (the five-day test), at a cost that does not grow with the story (see above).
EXEMPLARS = 4
# The story centroid (sum of member vectors, kept on its CENTROID_TERMS heaviest terms so that updating it
# costs the same however big the story grows) picks the story's central article and key entities. It is not
# a linking signal: it describes the topic more than the happening, and linking on it (weights 0.7-1.0)
# merged the Baftas into the Oscars on the hard-case set while changing nothing else.
CENTROID_TERMS = 300
# Digits of the cosine that choose the central article: float noise (~1e-16) is below them, any real
# difference in closeness above them.
CENTRAL_DIGITS = 12
# An article left with fewer distinct terms than this once boilerplate is out (a paywall page whose headline
# went with the prompt it was glued to) is too thin to judge: one shared word makes its cosine high. It
# starts its own story unless it is a copy. A headline alone has 4+ terms and can still link (a paywalled
# report whose headline survived matched its story in the similarity pairs); 5 lost that pair.
MIN_LINK_TERMS = 3
# Vectors are kept on their VECTOR_TERMS heaviest terms: the tail adds under 2% to a cosine and most memory.
VECTOR_TERMS = 150


def day_number(published: str | None) -> int | None:
    """Days since year 1 of an ISO date or datetime; None when unknown or only a month or year."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def time_factor(day_a: int | None, day_b: int | None) -> float:
    if day_a is None or day_b is None:
        return 1.0  # undated: grouped by content alone
    gap = max(0.0, abs(day_a - day_b) - GRACE_DAYS)
    return TIME_FLOOR + (1.0 - TIME_FLOOR) * math.exp(-gap / TAU_DAYS)


@dataclass
class ArticleEntry:
    id: str
    story: str
    seq: int
    day: int | None
    duplicate_of: str | None


@dataclass
class StoryState:
    id: str
    created: int
    updated: int
    members: list[str] = field(default_factory=list)
    exemplars: list[str] = field(default_factory=list)
    first_day: int | None = None
    last_day: int | None = None
    centroid: Vector = field(default_factory=dict)  # sum of member vectors, truncated; not normalised
    central: str | None = None  # the member closest to the centroid seen so far (the story's title)

    def add_day(self, day: int | None) -> None:
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)


@dataclass(frozen=True)
class Assignment:
    """What one `assign` changed: the article's story, the stories merged into it, its duplicate group."""

    article_id: str
    story: str
    seq: int
    duplicate_of: str | None
    merged: tuple[str, ...] = ()
    new: bool = True  # False when the article was already in the index


@dataclass
class StoryIndex:
    docfreq: DocFreq = field(default_factory=DocFreq)
    duplicates: DuplicateIndex = field(default_factory=DuplicateIndex)
    boilerplate: SentenceFreq = field(default_factory=SentenceFreq)
    entries: dict[str, ArticleEntry] = field(default_factory=dict)
    stories: dict[str, StoryState] = field(default_factory=dict)
    vectors: dict[str, Vector] = field(default_factory=dict)
    postings: dict[str, OrderedDict[str, None]] = field(default_factory=dict)
    merged_into: dict[str, str] = field(default_factory=dict)
    seq: int = 0

    def add(self, article_id: str, text: str, title: str | None = None, published: str | None = None) -> str:
        """File one article (in arrival order) and return the id of the story it now belongs to."""
        return self.assign(article_id, text, title, published).story

    def assign(self, article_id: str, text: str, title: str | None = None,
               published: str | None = None) -> Assignment:
        """File one article (in arrival order); returns what changed."""
        if article_id in self.entries:
            entry = self.entries[article_id]
            return Assignment(article_id, self.story_of(article_id), entry.seq, entry.duplicate_of, new=False)
        self.seq += 1
        day = day_number(published)
        split = self.boilerplate.split(text)
        copy_of = self.duplicates.add(article_id, text, split.text, same_words=split.whole)
        if copy_of is not None and copy_of in self.entries:
            story = self.resolve(self.entries[copy_of].story)
            self.entries[article_id] = ArticleEntry(article_id, story, self.seq, day, copy_of)
            self._join(self.stories[story], article_id, day, None)
            return Assignment(article_id, story, self.seq, copy_of)
        self.boilerplate.add(split.keys)
        features = raw_features(title, split.text)
        weighed = weigh(features, self.docfreq)
        ranked = top_terms(weighed, len(weighed))  # sorted once: for the truncation and both term lists
        vector = weighed if len(weighed) <= VECTOR_TERMS else {t: weighed[t] for t in ranked[:VECTOR_TERMS]}
        self.docfreq.add(features)
        linked = self._linked_stories(vector, day, ranked[:QUERY_TERMS]) if len(features) >= MIN_LINK_TERMS else []
        if not linked:
            story_id = "s" + article_id.removeprefix("a")
            self.stories[story_id] = StoryState(story_id, created=self.seq, updated=self.seq)
            linked = [story_id]
        target, merged = self._merge(linked)
        self.entries[article_id] = ArticleEntry(article_id, target.id, self.seq, day, None)
        self._join(target, article_id, day, vector)
        for term in ranked[:INDEX_TERMS]:
            posting = self.postings.setdefault(term, OrderedDict())
            posting[target.id] = None
            posting.move_to_end(target.id)
            if len(posting) > POSTING_CAP:
                posting.popitem(last=False)
        return Assignment(article_id, target.id, self.seq, None, tuple(merged))

    def resolve(self, story_id: str) -> str:
        root = story_id
        while root in self.merged_into:
            root = self.merged_into[root]
        while story_id != root:  # path compression
            parent = self.merged_into[story_id]
            self.merged_into[story_id] = root
            story_id = parent
        return root

    def story_of(self, article_id: str) -> str:
        return self.resolve(self.entries[article_id].story)

    def candidates(self, vector: Vector) -> list[str]:
        """Stories sharing the most heavy terms with `vector` (bounded; never a scan of all stories)."""
        return self._candidates(top_terms(vector, QUERY_TERMS))

    def _candidates(self, query: list[str]) -> list[str]:
        """`candidates` of the vector whose QUERY_TERMS heaviest terms are `query`."""
        hits: dict[str, int] = {}
        merged, postings = self.merged_into, self.postings
        for term in query:
            for story_id in postings.get(term, ()):
                root = self.resolve(story_id) if story_id in merged else story_id  # most stories were never merged
                hits[root] = hits.get(root, 0) + 1
        stories = self.stories
        ranked = sorted([(-n, -stories[s].updated, s) for s, n in hits.items()])  # keys are unique: no ties
        return [s for _, _, s in ranked[:MAX_CANDIDATES]]

    def similarity(self, vector: Vector, day: int | None, story_id: str) -> float:
        story = self.stories[story_id]
        best = 0.0
        for member in story.exemplars:
            best = max(best, cosine(vector, self.vectors[member]) * time_factor(day, self.entries[member].day))
        return best

    def _linked_stories(self, vector: Vector, day: int | None, query: list[str]) -> list[str]:
        scored = [(self.similarity(vector, day, s), s) for s in self._candidates(query)]
        linked = [(score, s) for score, s in scored if score >= LINK_THRESHOLD]
        return [s for _, s in sorted(linked, key=lambda x: (-x[0], self.stories[x[1]].created))]

    def _merge(self, story_ids: list[str]) -> tuple[StoryState, list[str]]:
        """Merge the linked stories into the oldest one (its id stays stable); returns it and the merged ids."""
        stories = sorted((self.stories[s] for s in story_ids), key=lambda st: st.created)
        target = stories[0]
        for other in stories[1:]:
            target.members.extend(other.members)
            kept = sorted(set(target.exemplars) | set(other.exemplars), key=lambda a: self.entries[a].seq)
            target.exemplars = kept[-EXEMPLARS:]
            _add_into(target.centroid, other.centroid)
            target.add_day(other.first_day)
            target.add_day(other.last_day)
            target.updated = max(target.updated, other.updated)
            self.merged_into[other.id] = target.id
            del self.stories[other.id]
            self._finish_centroid(target)
            for aid in {*kept, other.central} - {*target.exemplars, target.central}:
                self.vectors.pop(aid or "", None)  # an article that is neither exemplar nor central needs no vector
        return target, [s.id for s in stories[1:]]

    def _join(self, story: StoryState, article_id: str, day: int | None, vector: Vector | None) -> None:
        story.members.append(article_id)
        story.updated = self.seq
        story.add_day(day)
        if vector is None:  # a copy: its story is what it copies
            return
        self.vectors[article_id] = vector
        story.exemplars.append(article_id)
        _add_into(story.centroid, vector)
        self._finish_centroid(story)
        if len(story.exemplars) > EXEMPLARS:
            dropped = story.exemplars.pop(0)
            if dropped != story.central:
                self.vectors.pop(dropped, None)

    def _finish_centroid(self, story: StoryState) -> None:
        """Truncate the centroid; re-pick the central article among the exemplars and the old one."""
        story.centroid = _truncate(story.centroid, CENTROID_TERMS)
        pool = [a for a in dict.fromkeys([*story.exemplars, story.central]) if a is not None and a in self.vectors]
        if not pool:
            return
        old = story.central
        # Cosines rounded to CENTRAL_DIGITS: members equally close to the centroid differ only in float rounding,
        # which follows the order of the sums (the hash order of terms, which changes per process); the earlier
        # member wins such a tie, the same in every run.
        story.central = max(pool, key=lambda a: (round(cosine(self.vectors[a], story.centroid), CENTRAL_DIGITS),
                                                 -self.entries[a].seq))
        if old is not None and old != story.central and old not in story.exemplars:
            self.vectors.pop(old, None)


def _add_into(total: Vector, vector: Vector) -> None:
    # one update (new terms go in at the end in the vector's order, as with item-by-item assignment)
    total.update({term: total.get(term, 0.0) + weight for term, weight in vector.items()})


def _truncate(vector: Vector, k: int) -> Vector:
    if len(vector) <= k:
        return vector
    return {t: vector[t] for t in top_terms(vector, k)}
