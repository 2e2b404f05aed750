"""The bundled sample corpus (examples/ukraine-2022): what the main job runs on when no input is given."""

from __future__ import annotations

from pathlib import Path

from storyline.errors import Code, StorylineError

SAMPLE_NAME = "ukraine-2022"


def sample_corpus() -> Path:
    """The sample corpus of a source checkout (the README installs storyline in editable mode from it)."""
    for root in Path(__file__).resolve().parents:
        candidate = root / "examples" / SAMPLE_NAME
        if candidate.is_dir():
            return candidate
    raise StorylineError(Code.NOT_FOUND, f"examples/{SAMPLE_NAME}",
                         "the sample corpus ships with the source checkout; give INPUT files instead")
