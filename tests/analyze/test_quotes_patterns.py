"""Quote patterns of news, one small inline text each: what is expected, and why."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from storyline.analyze.shared import match_quotes

Analyze = Callable[[str], list[dict[str, Any]]]



def _one(found: list[dict[str, Any]], words: str) -> dict[str, Any]:
    hits = [q for q in found if words in q["text"]]
    assert hits, f"no quote with {words!r} in {[q['text'] for q in found]}"
    return hits[0]


def _speaker(q: dict[str, Any]) -> str | None:
    return (q["speaker"] or {}).get("name")


@pytest.mark.parametrize("text", [
    "“We do not want war,” Sergei Lavrov said.",  # curly double
    "\"We do not want war,\" Sergei Lavrov said.",  # straight double
    "‘We do not want war,’ Sergei Lavrov said.",  # British single
    "«We do not want war», Sergei Lavrov said.",  # guillemets
])
def test_quote_mark_styles(quotes: Analyze, text: str) -> None:
    q = _one(quotes(text), "We do not want war")
    assert q["kind"] == "direct" and _speaker(q) == "Sergei Lavrov" and q["cue"] == "said"
    assert text[q["start"]:q["end"]] == q["text"], "the span points into the text"


def test_said_inversion(quotes: Analyze) -> None:
    # 'said X' puts the speaker after the verb; it is still the subject
    q = _one(quotes("“There will be no change,” said Antony Blinken on Wednesday."), "no change")
    assert _speaker(q) == "Antony Blinken"


def test_split_quote_is_one_event(quotes: Analyze) -> None:
    # the attribution in the middle belongs to both halves: one quote of one speaker
    text = "“If it depends on Russia, there will be no war,” Sergei Lavrov said. “But we will not be ignored.”"
    found = [q for q in quotes(text) if q["kind"] != "indirect"]
    assert len(found) == 1 and _speaker(found[0]) == "Sergei Lavrov"
    assert len(found[0]["parts"]) == 2


def test_multi_paragraph_quote(quotes: Analyze) -> None:
    # an opening mark per paragraph and one closing mark: one quote over both paragraphs
    text = ("Jens Stoltenberg said: “We are ready to talk.\n\n"
            "“But we are also ready to respond if Russia chooses confrontation.”")
    q = _one(quotes(text), "ready to talk")
    assert "ready to respond" in q["text"] and _speaker(q) == "Jens Stoltenberg"


def test_colon_introduced(quotes: Analyze) -> None:
    q = _one(quotes("Olaf Scholz told the press: “There are no sensible reasons for such a deployment.”"), "sensible")
    assert q["kind"] == "direct" and _speaker(q) == "Olaf Scholz"


def test_partial_quote(quotes: Analyze) -> None:
    # a few quoted words inside the reporter's sentence are a partial quote of the sentence's speaker
    q = _one(quotes("The Kremlin said the response left “little ground for optimism” in Moscow."), "little ground")
    assert q["kind"] == "partial" and _speaker(q) == "Kremlin"


def test_reported_speech(quotes: Analyze) -> None:
    q = _one(quotes("Sergei Lavrov said Russia does not want a war with Ukraine."), "does not want")
    assert q["kind"] == "indirect" and _speaker(q) == "Sergei Lavrov"


def test_told_reporters_that(quotes: Analyze) -> None:
    q = _one(quotes("Dmitry Peskov told reporters that the talks would continue next week."), "talks would continue")
    assert q["kind"] == "indirect" and _speaker(q) == "Dmitry Peskov" and q["cue"] == "told"


def test_according_to(quotes: Analyze) -> None:
    q = _one(quotes("Russia has moved blood supplies to the border, according to Emily Horne."), "blood supplies")
    assert q["cue"] == "according to" and _speaker(q) == "Emily Horne"


def test_said_in_a_statement(quotes: Analyze) -> None:
    q = _one(quotes("The White House said in a statement that the president would travel to Europe."), "travel")
    assert _speaker(q) == "White House"


def test_pronoun_goes_to_earlier_subject(quotes: Analyze) -> None:
    # 'he' is Lavrov, the subject of the previous sentence, not Blinken, its object
    text = ("Sergei Lavrov said he expected to meet Antony Blinken soon.\n\n"
            "“I don’t see any room for compromise here,” he said.")
    q = _one(quotes(text), "room for compromise")
    assert _speaker(q) == "Sergei Lavrov" and q["speaker"]["text"] == "he"


def test_titled_mention_and_description(quotes: Analyze) -> None:
    # 'Mr Peskov' is the Dmitry Peskov named before; 'the spokesman' is the person whose role it is
    text = ("Kremlin spokesman Dmitry Peskov spoke on Friday.\n\n"
            "“There are always prospects for dialogue,” Mr Peskov said.\n\n"
            "“We will study the response,” the spokesman said.")
    found = quotes(text)
    assert _speaker(_one(found, "prospects")) == "Dmitry Peskov"
    assert _speaker(_one(found, "study the response")) == "Dmitry Peskov"


def test_capital_speaking(quotes: Analyze) -> None:
    q = _one(quotes("“The door to diplomacy remains open,” Washington said on Monday."), "door to diplomacy")
    assert _speaker(q) == "Washington"


def test_speaker_relaying_another(quotes: Analyze) -> None:
    # Horne speaks; the words she relays are Biden's
    text = ("“President Joe Biden said that there is a distinct possibility of an invasion,” "
            "Emily Horne said.")
    q = _one(quotes(text), "distinct possibility")
    assert _speaker(q) == "Emily Horne" and q.get("relays") == "Joe Biden"


def test_unbalanced_marks_do_not_stop_the_article(quotes: Analyze) -> None:
    # a stray opening mark spoils at most its own paragraph; the other quotes are still found
    text = ("The minister said “this was a \"mistake, and left.\n\n"
            "“We don’t need this panic,” Volodymyr Zelensky told reporters.\n\n"
            "Sergei Lavrov said Russia does not want war.")
    found = quotes(text)
    assert _speaker(_one(found, "need this panic")) == "Volodymyr Zelensky"
    assert _speaker(_one(found, "does not want war")) == "Sergei Lavrov"


def test_scare_quotes_and_titles_are_not_quotes(quotes: Analyze) -> None:
    # a show's title in marks with no one saying it is not a quote
    assert quotes("He appeared on “Fox and Friends” on Thursday morning.") == []


def test_same_quote_across_outlets() -> None:
    # two outlets, one quote with a changed word: one group, the difference shown
    a = [{"start": 0, "end": 40, "text": "If it depends on Russia, there will be no war", "kind": "direct",
          "cue": "said", "speaker": {"name": "Sergei Lavrov", "start": 50, "end": 55, "text": "Lavrov"}}]
    b = [{"start": 0, "end": 40, "text": "If it depends on Russia, then there will be no war", "kind": "direct",
          "cue": "said", "speaker": {"name": "Sergei Lavrov", "start": 50, "end": 55, "text": "Lavrov"}}]
    groups = match_quotes({"a": a, "b": b})
    assert len(groups) == 1 and groups[0]["articles"] == ["a", "b"]
    diffs = [d for m in groups[0]["members"] for d in m["differences"]]
    assert {"op": "delete", "reference": "then", "text": ""} in diffs
