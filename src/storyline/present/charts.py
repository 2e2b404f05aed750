"""Inline SVG charts for figure series: no script, no external file; values over dates, one dot per report.

    figure_chart(series, label_of) -> Markup | None     None when the series has fewer than two dated days

The x axis is time (days), the y axis the value from zero; each report is a dot (hover: outlet and wording),
the line joins the typical (median) value of each day, and reports that contradict each other are ringed red.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from markupsafe import Markup, escape

WIDTH = 560
HEIGHT = 190
# Room for the axis labels: left for values, bottom for dates, a little at the top and right for the dots.
PAD_LEFT = 70
PAD_RIGHT = 44
PAD_TOP = 14
PAD_BOTTOM = 36
# Headroom above the largest value so that its dot and label are not cut.
HEADROOM = 1.15
DOT_RADIUS = 5
# Labels (dates below the axis, values above the dots) closer than this many pixels to the previous one are
# left out: "27 Jan 2022" is about 65 px wide at 11 px type.
LABEL_GAP = 75
LINE_COLOUR = "#3b6ea5"
CONFLICT_COLOUR = "#c0392b"


def number(value: float) -> str:
    """100000 -> "100,000"; 2.5 -> "2.5"; 6e9 -> "6 billion"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size and (value / size) == round(value / size, 1):
            return f"{value / size:g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def short_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _days(series: Mapping[str, Any]) -> list[tuple[date, Mapping[str, Any]]]:
    out = []
    for p in series["points"]:
        if p.get("date") and p.get("kind") != "vague":
            try:
                out.append((date.fromisoformat(p["date"][:10]), p))
            except ValueError:
                continue
    return out


def _spaced(days: list[date], x: Callable[[date], float]) -> list[date]:
    """The days whose labels fit: the last one always (the latest value), earlier ones when far enough."""
    kept: list[date] = []
    for day in reversed(days):
        if not kept or x(kept[-1]) - x(day) >= LABEL_GAP:
            kept.append(day)
    return kept[::-1]


def figure_chart(series: Mapping[str, Any], label_of: Callable[[str], str]) -> Markup | None:
    """An SVG chart of one series (module docstring); `label_of(article_id)` names a point's outlet."""
    points = _days(series)
    days = sorted({d for d, _ in points})
    if len(days) < 2:
        return None
    top = max(p["value_max"] or p["value"] for _, p in points) * HEADROOM or 1.0
    span = max(1, (days[-1] - days[0]).days)
    inner_w, inner_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(day: date) -> float:
        return PAD_LEFT + inner_w * (day - days[0]).days / span

    def y(value: float) -> float:
        return PAD_TOP + inner_h * (1 - value / top)

    conflicted = {(c["date"], p["article_id"], p["start"]) for c in series.get("conflicts", []) for p in c["points"]}
    parts = [f'<svg class="chart" width="{WIDTH}" height="{HEIGHT}" '
             f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(series["label"])} over time">']
    base = PAD_TOP + inner_h
    parts.append(f'<line x1="{PAD_LEFT}" y1="{base}" x2="{WIDTH - PAD_RIGHT}" y2="{base}" stroke="#999"/>')
    parts.append(f'<line x1="{PAD_LEFT}" y1="{PAD_TOP}" x2="{PAD_LEFT}" y2="{base}" stroke="#999"/>')
    for value in (0.0, top / HEADROOM / 2, top / HEADROOM):
        parts.append(f'<text x="{PAD_LEFT - 6}" y="{y(value) + 4:.1f}" text-anchor="end" class="tick">'
                     f'{escape(number(round(value)))}</text>')
    for day in _spaced(days, x):
        parts.append(f'<text x="{x(day):.1f}" y="{HEIGHT - 14}" text-anchor="middle" class="tick">'
                     f'{escape(short_date(day))}</text>')
    medians = [(d, statistics.median(p["value"] for dd, p in points if dd == d)) for d in days]
    path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in medians)
    parts.append(f'<polyline points="{path}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2"/>')
    labelled = set(_spaced([d for d, _ in medians], x))
    for d, v in medians:
        if d not in labelled:
            continue
        parts.append(f'<text x="{x(d):.1f}" y="{y(v) - 9:.1f}" text-anchor="middle" class="value">'
                     f'{escape(number(v))}</text>')
    for day, p in points:
        red = (p["date"], p["article_id"], p["start"]) in conflicted
        stroke = f' stroke="{CONFLICT_COLOUR}" stroke-width="3"' if red else ""
        tip = f'{label_of(p["article_id"])}: “{p["text"]}” ({short_date(day)})'
        parts.append(f'<circle cx="{x(day):.1f}" cy="{y(p["value"]):.1f}" r="{DOT_RADIUS}" fill="{LINE_COLOUR}" '
                     f'fill-opacity="0.6"{stroke}><title>{escape(tip)}</title></circle>')
    parts.append("</svg>")
    return Markup("".join(parts))
