"""Plain typed records that flow between the stages.

One object owns the text (`Article.text`); everything derived from it is a span (`start`, `end`) into that
text, so every fact can be traced back to the sentence it came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

DocumentKind = Literal["text", "html"]
PublishedFrom = Literal["metadata", "text", "html", "inferred"]


@dataclass(frozen=True)
class SourceMeta:
    """Metadata given with an input (sidecar file, record fields, feed entry, command-line flags).

    Every field is optional; `None` means "not given", never "empty".
    """

    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date or datetime as given (normalised by the cleaner)
    title: str | None = None
    byline: str | None = None
    language: str | None = None

    def merged(self, override: SourceMeta) -> SourceMeta:
        """Fields of `override` that are set win over ours."""
        return SourceMeta(**{k: (v if v is not None else getattr(self, k)) for k, v in asdict(override).items()})


@dataclass(frozen=True)
class RawDocument:
    """One article as it arrived, before cleaning.

    `body` is the decoded text or HTML page; `raw` the exact bytes of this one document (kept in the store
    so that everything can be recomputed after an upgrade).
    """

    source_id: str  # the input's own id: the record's `id`, else the file path or URL
    kind: DocumentKind
    body: str
    raw: bytes
    meta: SourceMeta = field(default_factory=SourceMeta)
    name: str = ""  # short stable name (file name, record id, URL) used for the article id


@dataclass(frozen=True)
class Removal:
    """Something the cleaner dropped from the body, and why (`reason` is a rule name from clean.rules)."""

    text: str
    reason: str


@dataclass(frozen=True)
class Article:
    """One cleaned report by one outlet. All analysis offsets point into `text`."""

    id: str
    source_id: str
    text: str
    outlet: str | None = None
    url: str | None = None
    byline: str | None = None
    language: str | None = None
    title: str | None = None
    title_derived: bool = False
    published: str | None = None
    published_from: PublishedFrom | None = None
    removed: tuple[Removal, ...] = ()
    standfirst: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["removed"] = [asdict(r) for r in self.removed]
        return data


@dataclass(frozen=True)
class IngestFailure:
    """A bad input item: which one, and why. A batch reports these and goes on."""

    source_id: str
    code: str
    reason: str

    def line(self) -> str:
        return f"{self.source_id}: [{self.code}] {self.reason}"


# What a source adapter yields for each input item.
IngestItem = RawDocument | IngestFailure
