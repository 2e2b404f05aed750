"""Canonical names: surnames, titles and spelling variants folded; different people kept apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storyline.analyze.people import analyze_people, fold_story_names

Analyze = Callable[[str], list[dict[str, Any]]]



def _canon(found: list[dict[str, Any]], text: str) -> set[str]:
    return {m["canonical"] for m in found if m["text"] == text}


def test_surname_and_titled_mentions_fold_into_full_name(entities: Analyze) -> None:
    found = entities("Dmitry Peskov spoke on Friday. Peskov said talks would go on. Mr Peskov added more.")
    assert _canon(found, "Peskov") == {"Dmitry Peskov"}
    assert _canon(found, "Mr Peskov") == {"Dmitry Peskov"}


def test_people_sharing_a_surname_are_not_merged(entities: Analyze) -> None:
    # two Clintons stay two people; the bare surname goes to the one named last
    found = entities("Hillary Clinton met voters in Ohio. Bill Clinton stayed in New York. Clinton spoke later.")
    assert _canon(found, "Hillary Clinton") == {"Hillary Clinton"}
    assert _canon(found, "Bill Clinton") == {"Bill Clinton"}
    assert _canon(found, "Clinton") == {"Bill Clinton"}


def test_role_from_title_before_name(entities: Analyze) -> None:
    found = entities("Kremlin spokesman Dmitry Peskov said the talks would continue.")
    person = next(m for m in found if m["canonical"] == "Dmitry Peskov")
    assert person["role"] == "Kremlin spokesman"
    assert person["label"] == "PERSON" and found[0]["text"] == "Kremlin"


def test_role_from_apposition(entities: Analyze) -> None:
    found = entities("Emily Horne, the White House spokeswoman, said the president would travel.")
    person = next(m for m in found if m["canonical"] == "Emily Horne")
    assert "spokeswoman" in person["role"]


def test_place_spelling_variants(entities: Analyze) -> None:
    found = entities("Diplomats left Kiev on Monday.") + entities("Diplomats left Kyiv on Monday.")
    assert _canon(found, "Kiev") == _canon(found, "Kyiv") == {"Kyiv"}


def test_nato_case_variants(entities: Analyze) -> None:
    found = entities("Nato said it was ready.") + entities("NATO said it was ready.")
    assert _canon(found, "Nato") == _canon(found, "NATO") == {"NATO"}


def test_transliterations_fold_across_a_story() -> None:
    texts = ["Ukrainian President Volodymyr Zelenskiy spoke. Zelenskiy said there was no panic.",
             "President Volodymyr Zelensky spoke on Friday. Zelensky was calm.",
             "Volodymyr Zelenskyy said Ukraine was ready.",
             "Foreign Minister Sergei Lavrov met reporters.",
             "Russian Foreign Minister Sergey Lavrov said Russia wanted talks."]
    results = fold_story_names(analyze_people(texts))
    names = {m["canonical"] for r in results for m in r["entities"] if m["label"] == "PERSON"}
    assert len({n for n in names if "Zelensk" in n}) == 1
    assert len({n for n in names if "Lavrov" in n}) == 1


def test_same_surname_across_a_story_not_merged() -> None:
    texts = ["Hillary Clinton spoke in Ohio.", "Bill Clinton spoke in Arkansas."]
    results = fold_story_names(analyze_people(texts))
    names = {m["canonical"] for r in results for m in r["entities"] if m["label"] == "PERSON"}
    assert names == {"Hillary Clinton", "Bill Clinton"}
