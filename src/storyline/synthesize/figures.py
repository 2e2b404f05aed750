"""Figures over time for one story: a series per subject, with dates and sources, and the disagreements.

    figure_series([(article_id, published, text, figures), ...]) -> list[FigureSeries]

Each figure (`analyze.figures`, as records or contract dicts) is keyed by what it counts (`figures_keys`:
counted noun lemma, owner country, place country), so "more than 100,000 Russian troops", "about 100,000
Russian troops near Ukraine" and "some 100,000 troops" that Russia moved towards Ukraine are one series. A
figure that leaves its owner or place unsaid joins the one series that says it, when there is only one.

Each point is dated by the day the sentence names ("..., the ambassador said Thursday") when it names one in
the past week, else by the article's publication date. Points on one date from different articles whose
values cannot both hold, given their qualifiers, are flagged as a conflict: "about 100,000" and "more than
100,000" can both hold; "100,000" and "130,000" cannot.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

from storyline.analyze.times import find_times, parse_published
from storyline.synthesize.figures_keys import measure_group, subject_parts

# "about", "some": the outlet rounds; we take +-10% as the room a reader grants that word.
APPROX_TOLERANCE = 0.10
# Unqualified figures in news copy are rounded too ("100,000 troops"); +-2% keeps "100,000" and "101,000"
# together and "100,000" and "130,000" apart.
ROUNDING_TOLERANCE = 0.02
# "almost 100,000": within 10% below.
ALMOST_TOLERANCE = 0.10
INFINITY = float("inf")
# A sentence's own date ("said Thursday") dates its figure when it lies up to a week before publication;
# later or much earlier dates belong to other events in the sentence.
SENTENCE_DATE_WINDOW = timedelta(days=7)
# A sentence ends at . ! ? before a capital, but not after an initialism or a title ("the U.N. Charter",
# "Mr. Putin"); a blank line ends a paragraph.
SENTENCE_END = re.compile(r"(?<![A-Z]\.[A-Z])(?<!\b[A-Z])(?<!\bM[rs])(?<!\bMrs)(?<!\bDr)(?<!\bSt)[.!?…][\"”’)]*\s+"
                          r"(?=[A-Z“\"‘])|\n\s*\n")


def interval(value: float, value_max: float | None, qualifier: str | None) -> tuple[float, float]:
    """The values a figure allows, given its qualifier."""
    if value_max is not None:
        return value * (1 - ROUNDING_TOLERANCE), value_max * (1 + ROUNDING_TOLERANCE)
    q = (qualifier or "").lower()
    if q == "approximate":
        return value * (1 - APPROX_TOLERANCE), value * (1 + APPROX_TOLERANCE)
    if q in ("more than", "at least"):
        return value * (1 - ROUNDING_TOLERANCE), INFINITY
    if q in ("up to", "fewer than"):
        return 0.0, value * (1 + ROUNDING_TOLERANCE)
    if q == "almost":
        return value * (1 - ALMOST_TOLERANCE), value * (1 + ROUNDING_TOLERANCE)
    if q == "exactly":
        return value, value
    return value * (1 - ROUNDING_TOLERANCE), value * (1 + ROUNDING_TOLERANCE)


def compatible(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two figures (dicts with value, value_max, qualifier) can both be true."""
    lo_a, hi_a = interval(a["value"], a.get("value_max"), a.get("qualifier"))
    lo_b, hi_b = interval(b["value"], b.get("value_max"), b.get("qualifier"))
    return lo_a <= hi_b and lo_b <= hi_a


@dataclass
class SeriesPoint:
    article_id: str
    date: str | None  # the day the figure holds for (YYYY-MM-DD), or None when the article is undated
    published: str | None
    value: float
    value_max: float | None
    qualifier: str | None
    text: str
    start: int
    end: int
    subject: str | None
    dated_by: str  # "sentence" (a date in the figure's sentence) or "published"
    kind: str = "count"


@dataclass
class Conflict:
    date: str | None
    points: list[SeriesPoint]
    reason: str


@dataclass
class FigureSeries:
    key: str
    label: str
    head: str
    owner: str | None
    place: str | None
    group: str  # "count", "money:USD", "percent:%", ...
    points: list[SeriesPoint] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    changes: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles(self) -> list[str]:
        return sorted({p.article_id for p in self.points})

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["articles"] = self.articles
        return data


def _as_dict(figure: Any) -> dict[str, Any]:
    return dict(figure) if isinstance(figure, Mapping) else figure.to_dict()


def _sentence(text: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for m in SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = SENTENCE_END.search(text, end)
    return left, (m.start() if m else len(text))


def _dated(text: str, published: str | None, figures: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    """(date, how) for each figure: a past day named in its sentence, else the publication day."""
    day = parse_published(published)
    if day is None:
        return [(None, "published")] * len(figures)
    days = []
    for t in find_times(text, published):
        if t.grain == "day" and t.kind == "date" and not t.modifier and t.value:
            try:
                when = date.fromisoformat(t.value[:10])
            except ValueError:
                continue
            if day - SENTENCE_DATE_WINDOW <= when <= day:
                days.append((t.start, when))
    out: list[tuple[str | None, str]] = []
    for f in figures:
        lo, hi = _sentence(text, f["start"], f["end"])
        inside = [(abs(s - f["start"]), when) for s, when in days if lo <= s < hi]
        out.append((min(inside)[1].isoformat(), "sentence") if inside else (day.isoformat(), "published"))
    return out


def _merge_unsaid(groups: dict[tuple[str, str, str | None, str | None], list[SeriesPoint]]) -> None:
    """A series without an owner joins the only series of the same noun that has one; a series with an
    owner but no place joins the only placed series of that owner whose values it fits ("some 100,000
    troops" that Russia moved goes with "about 100,000 Russian troops near Ukraine", not with "thousands of
    Russian troops in Belarus")."""
    for key in [k for k in groups if k[2] is None]:
        peers = [k for k in groups if k[2] is not None and k[:2] == key[:2] and key[3] in (None, k[3])]
        if len(peers) == 1:
            groups[peers[0]].extend(groups.pop(key))
    for key in [k for k in groups if k[3] is None and k[2] is not None]:
        peers = [k for k in groups if k[3] is not None and k[:3] == key[:3]]
        fits = [k for k in peers if all(any(compatible(asdict(p), asdict(q)) for q in groups[k]) for p in groups[key])]
        if len(fits) == 1:
            groups[fits[0]].extend(groups.pop(key))


def _conflicts(points: list[SeriesPoint]) -> list[Conflict]:
    out: list[Conflict] = []
    by_date: dict[str | None, list[SeriesPoint]] = defaultdict(list)
    for p in points:
        by_date[p.date].append(p)
    for when, same_day in by_date.items():
        for i, a in enumerate(same_day):
            for b in same_day[i + 1:]:
                if a.article_id != b.article_id and not compatible(asdict(a), asdict(b)):
                    out.append(Conflict(when, [a, b], f"'{a.text}' and '{b.text}' cannot both hold on {when}"))
    return out


def _changes(points: list[SeriesPoint]) -> list[dict[str, Any]]:
    """Date-to-date moves of the series' typical (median) value, vague amounts aside ("100,000 on
    2022-01-27 -> 130,000 on 2022-02-14")."""
    by_date: dict[str, list[float]] = defaultdict(list)
    for p in points:
        if p.date is not None and p.kind != "vague":  # "thousands" is no level to move from
            by_date[p.date].append(p.value)
    steps = [(d, statistics.median(v)) for d, v in sorted(by_date.items())]
    return [{"from_date": d0, "from_value": v0, "to_date": d1, "to_value": v1}
            for (d0, v0), (d1, v1) in itertools.pairwise(steps) if v0 != v1]


def _label(points: list[SeriesPoint], head: str) -> str:
    """The fullest phrasing among the points ("Russian troops on Ukraine's borders"), else the noun."""
    subjects = [p.subject for p in points if p.subject]
    return max(subjects, key=lambda s: (len(s.split()), -len(s)), default=head)


def figure_series(pairs: Iterable[tuple[str, str | None, str, Sequence[Any]]],
                  min_points: int = 1) -> list[FigureSeries]:
    """A series per subject across the story's articles, most reported first. `pairs`: (article_id,
    published, text, figures); figures as `Figure` records or contract dicts. Series with fewer than
    `min_points` points are left out."""
    groups: dict[tuple[str, str, str | None, str | None], list[SeriesPoint]] = defaultdict(list)
    for article_id, published, text, figures in pairs:
        dicts = [_as_dict(f) for f in figures]
        dicts = [f for f in dicts if f.get("subject_head") and f.get("kind") != "fraction"]
        for f, (when, how) in zip(dicts, _dated(text, published, dicts), strict=True):
            head, owner, place = subject_parts(f)
            groups[(measure_group(f), head, owner, place)].append(SeriesPoint(
                article_id, when, published, f["value"], f.get("value_max"), f.get("qualifier"), f["text"],
                f["start"], f["end"], f.get("subject"), how, f.get("kind") or "count"))
    _merge_unsaid(groups)
    out: list[FigureSeries] = []
    for (group, head, owner, place), points in groups.items():
        if len(points) < min_points:
            continue
        points.sort(key=lambda p: (p.date or "", p.article_id, p.start))
        key = "|".join([group, head, owner or "", place or ""])
        out.append(FigureSeries(key, _label(points, head), head, owner, place, group, points,
                                _conflicts(points), _changes(points)))
    out.sort(key=lambda s: (-len(s.articles), -len(s.points), s.key))
    return out
