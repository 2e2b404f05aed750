"""The quote record of the `quotes` contract field."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from storyline.analyze.speakers import Speaker


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str
    cue: str | None
    speaker: Speaker | None
    parts: list[tuple[int, int]] = field(default_factory=list)
    relays: str | None = None
    cue_start: int | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "start": self.start, "end": self.end, "text": self.text, "kind": self.kind, "cue": self.cue,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }
        if len(self.parts) > 1:
            data["parts"] = [{"start": a, "end": b} for a, b in self.parts]
        if self.relays:
            data["relays"] = self.relays
        return data
