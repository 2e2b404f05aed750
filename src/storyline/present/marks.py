"""Article text as HTML with the cited spans marked, so that a citation can link to (and highlight) its words.

    marks = SpanMarks(prefix)
    anchor = marks.anchor(article_id, start, end)      # id of the <mark> that shows this span
    html = marks.render(article_id, text)               # escaped text with <mark id=...> elements

Spans of one article may overlap (a quote inside a timeline sentence inside a summary sentence). HTML
elements cannot overlap, so marks are laid out greedily, longest first: a span that overlaps a span already
marked is shown by that mark (its anchor is the mark's id), which covers the span's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass
class SpanMarks:
    prefix: str
    _spans: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    _layout: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    _article_keys: dict[str, str] = field(default_factory=dict)

    def _key(self, article_id: str) -> str:
        return self._article_keys.setdefault(article_id, str(len(self._article_keys) + 1))

    def add(self, article_id: str, start: int, end: int) -> None:
        """Register a span before `render`/`anchor` are called."""
        if end > start >= 0:
            self._spans.setdefault(article_id, set()).add((start, end))
            self._layout.pop(article_id, None)

    def _laid_out(self, article_id: str) -> list[tuple[int, int, str]]:
        if article_id not in self._layout:
            kept: list[tuple[int, int, str]] = []
            key = self._key(article_id)
            for start, end in sorted(self._spans.get(article_id, ()), key=lambda s: (s[0] - s[1], s[0])):
                if all(end <= s or start >= e for s, e, _ in kept):
                    kept.append((start, end, f"{self.prefix}-a{key}-{start}-{end}"))
            self._layout[article_id] = sorted(kept)
        return self._layout[article_id]

    def anchor(self, article_id: str, start: int, end: int) -> str:
        """The id of the mark that shows the span (the article's own id when the span was never added)."""
        best = None
        for s, e, mark_id in self._laid_out(article_id):
            if s <= start < e or start <= s < end:
                if s <= start and end <= e:
                    return mark_id
                best = best or mark_id
        return best or self.article_anchor(article_id)

    def article_anchor(self, article_id: str) -> str:
        return f"{self.prefix}-a{self._key(article_id)}"

    def render(self, article_id: str, text: str) -> Markup:
        """The text, escaped, with each laid-out span in a `<mark id=...>`."""
        out: list[str] = []
        pos = 0
        for start, end, mark_id in self._laid_out(article_id):
            if start < pos or end > len(text):
                continue
            out.append(str(escape(text[pos:start])))
            out.append(f"{self._open_tag(start, end, mark_id)}{escape(text[start:end])}</mark>")
            pos = end
        out.append(str(escape(text[pos:])))
        return Markup("".join(out))

    def _open_tag(self, start: int, end: int, mark_id: str) -> str:
        return f'<mark id="{escape(mark_id)}">'
