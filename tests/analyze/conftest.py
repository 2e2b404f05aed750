"""Fixtures shared by the analysis tests: spaCy is loaded once per session, then each test analyses its text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from storyline.analyze.people import analyze_people

Analyze = Callable[[str], list[dict[str, Any]]]


@pytest.fixture(scope="session")
def quotes() -> Analyze:
    analyze_people(["Warm-up."])  # load spaCy once

    def run(text: str) -> list[dict[str, Any]]:
        return analyze_people([text])[0]["quotes"]

    return run


@pytest.fixture(scope="session")
def entities() -> Analyze:
    analyze_people(["Warm-up."])

    def run(text: str) -> list[dict[str, Any]]:
        return analyze_people([text])[0]["entities"]

    return run
