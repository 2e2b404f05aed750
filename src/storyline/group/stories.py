"""Incremental story grouping: each new article joins the best existing story or starts a new one.

An article links to a story when its similarity to one of the story's exemplar articles (its most recent
distinct members) reaches LINK_THRESHOLD; the similarity is the cosine of TF-IDF term vectors (words of title
and body, plus name tokens as entity proxies) times a time factor that decays with the days between the two
reports. An article that links to several stories merges them (it bridges them). Candidate stories come from
an inverted index over each article's heaviest (rarest, most repeated) terms, with a bounded posting list per
term, so one assignment costs the same at a hundred or a million articles.

The state is plain data, ready for the store (one table each):
- `docfreq`: `n_docs` and `df` (term -> document count);
- `entries`: article id -> ArticleEntry (story id, seq, day, duplicate-of, top-term vector);
- `stories`: story id -> StoryState (members, exemplars, first/last day, created/updated seq);
- `postings`: term -> story ids, most recent last (bounded);
- `merged_into`: story id -> the story it was merged into.
`StoryIndex.add(...)` is the one write; it returns the story id. Everything else reads.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from storyline.group.duplicates import DuplicateIndex
from storyline.group.terms import DocFreq, Vector, cosine, raw_features, top_terms, weigh

# Similarity at which an article joins a story. Tuned on the similarity pairs (benchmarks/stories.py): the best
# pairwise cosine threshold there is 0.18-0.20 for this vector design; grouping with chaining prefers the upper end.
LINK_THRESHOLD = 0.2
# Time factor: full weight within GRACE_DAYS, then decay with a scale of TAU_DAYS (about three days, as in
# published news clustering) down to TIME_FLOOR. The floor keeps a strongly matching follow-up after a quiet
# spell in its story (content must then reach LINK_THRESHOLD / TIME_FLOOR = 0.33: the seeds, 18 Jan - 14 Feb,
# need 0.6; 0.5 split them), while a similar incident a
# month or a year later, which shares the kind of event but not the people and places, falls below.
GRACE_DAYS = 1.0
TAU_DAYS = 3.0
TIME_FLOOR = 0.6
# Inverted index: each article is filed under its INDEX_TERMS heaviest terms and looks up its QUERY_TERMS
# heaviest; a term keeps only its POSTING_CAP most recently active stories (a common term in a big store
# would otherwise list thousands), and at most MAX_CANDIDATES stories (most shared terms first) are scored.
INDEX_TERMS = 24
QUERY_TERMS = 24
POSTING_CAP = 64
MAX_CANDIDATES = 40
# A story is compared through its EXEMPLARS most recent distinct articles: enough to follow a story that
# develops day by day, bounded so that a story of thousands of reports costs as little as one of ten.
EXEMPLARS = 32
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
    vector: Vector


@dataclass
class StoryState:
    id: str
    created: int
    updated: int
    members: list[str] = field(default_factory=list)
    exemplars: list[str] = field(default_factory=list)
    first_day: int | None = None
    last_day: int | None = None

    def add_day(self, day: int | None) -> None:
        if day is not None:
            self.first_day = day if self.first_day is None else min(self.first_day, day)
            self.last_day = day if self.last_day is None else max(self.last_day, day)


@dataclass
class StoryIndex:
    docfreq: DocFreq = field(default_factory=DocFreq)
    duplicates: DuplicateIndex = field(default_factory=DuplicateIndex)
    entries: dict[str, ArticleEntry] = field(default_factory=dict)
    stories: dict[str, StoryState] = field(default_factory=dict)
    postings: dict[str, OrderedDict[str, None]] = field(default_factory=dict)
    merged_into: dict[str, str] = field(default_factory=dict)
    seq: int = 0

    def add(self, article_id: str, text: str, title: str | None = None, published: str | None = None) -> str:
        """File one article (in arrival order) and return the id of the story it now belongs to."""
        if article_id in self.entries:
            return self.story_of(article_id)
        self.seq += 1
        day = day_number(published)
        copy_of = self.duplicates.add(article_id, text)
        if copy_of is not None and copy_of in self.entries:
            story = self.resolve(self.entries[copy_of].story)
            self.entries[article_id] = ArticleEntry(article_id, story, self.seq, day, copy_of, {})
            self._join(self.stories[story], article_id, day, exemplar=False)
            return story
        features = raw_features(title, text)
        vector = _truncate(weigh(features, self.docfreq), VECTOR_TERMS)
        self.docfreq.add(features)
        linked = self._linked_stories(vector, day)
        if not linked:
            story_id = "s" + article_id.removeprefix("a")
            self.stories[story_id] = StoryState(story_id, created=self.seq, updated=self.seq)
            linked = [story_id]
        target = self._merge(linked)
        self.entries[article_id] = ArticleEntry(article_id, target.id, self.seq, day, None, vector)
        self._join(target, article_id, day, exemplar=True)
        for term in top_terms(vector, INDEX_TERMS):
            posting = self.postings.setdefault(term, OrderedDict())
            posting[target.id] = None
            posting.move_to_end(target.id)
            if len(posting) > POSTING_CAP:
                posting.popitem(last=False)
        return target.id

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
        hits: dict[str, int] = {}
        for term in top_terms(vector, QUERY_TERMS):
            for story_id in self.postings.get(term, ()):
                root = self.resolve(story_id)
                hits[root] = hits.get(root, 0) + 1
        ranked = sorted(hits, key=lambda s: (-hits[s], -self.stories[s].updated, s))
        return ranked[:MAX_CANDIDATES]

    def similarity(self, vector: Vector, day: int | None, story_id: str) -> float:
        best = 0.0
        for member in self.stories[story_id].exemplars:
            entry = self.entries[member]
            best = max(best, cosine(vector, entry.vector) * time_factor(day, entry.day))
        return best

    def _linked_stories(self, vector: Vector, day: int | None) -> list[str]:
        scored = [(self.similarity(vector, day, s), s) for s in self.candidates(vector)]
        linked = [(score, s) for score, s in scored if score >= LINK_THRESHOLD]
        return [s for _, s in sorted(linked, key=lambda x: (-x[0], self.stories[x[1]].created))]

    def _merge(self, story_ids: list[str]) -> StoryState:
        """Merge the linked stories into the oldest one (its id stays stable)."""
        stories = sorted((self.stories[s] for s in story_ids), key=lambda st: st.created)
        target = stories[0]
        for other in stories[1:]:
            target.members.extend(other.members)
            target.exemplars = sorted(set(target.exemplars) | set(other.exemplars),
                                      key=lambda a: self.entries[a].seq)[-EXEMPLARS:]
            target.add_day(other.first_day)
            target.add_day(other.last_day)
            target.updated = max(target.updated, other.updated)
            self.merged_into[other.id] = target.id
            del self.stories[other.id]
        return target

    def _join(self, story: StoryState, article_id: str, day: int | None, exemplar: bool) -> None:
        story.members.append(article_id)
        story.updated = self.seq
        story.add_day(day)
        if exemplar:
            story.exemplars.append(article_id)
            if len(story.exemplars) > EXEMPLARS:
                del story.exemplars[0]


def _truncate(vector: Vector, k: int) -> Vector:
    if len(vector) <= k:
        return vector
    return {t: vector[t] for t in top_terms(vector, k)}
