"""PLOVER event coding: one inline sentence per coding rule, each saying why it is coded as it is."""

from __future__ import annotations

from typing import Any

import pytest

from storyline.analyze.events import find_events
from storyline.analyze.events_countries import lookup

PUBLISHED = "2022-01-28"


def main_event(text: str) -> dict[str, Any]:
    events = find_events(text, published=PUBLISHED)
    assert events, f"no event found in {text!r}"
    return next((e for e in events if e["main"]), events[0])


# (sentence, type, mode or None when any, actor country, recipient country or None when any, why)
CASES = [
    ("Russian President Vladimir Putin spoke by phone with French President Emmanuel Macron on Friday.",
     "CONSULT", None, "RUS", "FRA", "a leaders' conversation is CONSULT"),
    ("Putin made the remarks in a phone call with French President Emmanuel Macron.",
     "CONSULT", "phone", "RUS", "FRA", "a leaders' phone call is CONSULT (phone)"),
    ("German Chancellor Olaf Scholz visited Ukraine on Monday.",
     "CONSULT", "visit", "DEU", "UKR", "going to the other side is CONSULT (visit)"),
    ("Russia has launched military drills near the border with Ukraine.",
     "MOBILIZE", "troops", "RUS", "UKR", "a country's own drills are MOBILIZE"),
    ("Russia and Belarus held joint military exercises on Tuesday.",
     "COOPERATE", "military", "RUS", None, "joint exercises are COOPERATE, not MOBILIZE"),
    ("Biden warned Russia that the West will impose crippling economic sanctions against it.",
     "THREATEN", "sanction", "USA", "RUS", "threatened sanctions are THREATEN"),
    ("The European Union imposed sanctions on Russia on Monday.",
     "SANCTION", None, "EU", "RUS", "imposed sanctions are SANCTION"),
    ("Britain is sending weapons to Ukraine.",
     "AID", "military", "GBR", "UKR", "a weapons delivery is AID"),
    ("Lavrov and Blinken agreed to meet again next week.",
     "AGREE", None, "RUS", "USA", "a future meeting agreed is AGREE"),
    ("The United States rejected Russia's demands on Wednesday.",
     "REJECT", None, "USA", "RUS", "turning down demands is REJECT"),
    ("Moscow demanded that NATO withdraw its troops from Eastern Europe.",
     "REQUEST", None, "RUS", "NATO", "a demand is REQUEST (the 2016 DEMAND)"),
    ("Ukraine accused Russia of massing troops on its border.",
     "ACCUSE", None, "UKR", "RUS", "an accusation is ACCUSE (the 2016 DISAPPROVE)"),
    ("Russian troops attacked the Ukrainian town of Kharkiv on Thursday.",
     "ASSAULT", None, "RUS", "UKR", "an armed attack is ASSAULT (the 2016 FIGHT)"),
    ("Iran threatened to cut off electricity to Azerbaijan.",
     "THREATEN", None, "IRN", "AZE", "'threatened to X' is THREATEN whatever X is"),
    ("Thousands of Iraqi Kurds demonstrated in Kirkuk on Sunday.",
     "PROTEST", "demo", "IRQ", None, "a demonstration is PROTEST (demo)"),
    ("Israeli soldiers arrested more than 100 Palestinians on Saturday.",
     "COERCE", "arrest", "ISR", "PSE", "arrests are COERCE (arrest)"),
    ("Syria withdrew its troops from Lebanon.",
     "RETREAT", None, "SYR", "LBN", "a troop withdrawal is RETREAT"),
    ("Serbia eased emergency measures in Montenegro on Wednesday.",
     "CONCEDE", None, "SRB", "MNE", "easing restrictions is CONCEDE"),
    ("The German government welcomed the American proposal.",
     "SUPPORT", None, "DEU", None, "praise or welcome of a policy is SUPPORT"),
    ("Israeli intelligence officials shared evidence with the United States.",
     "COOPERATE", None, "ISR", "USA", "sharing intelligence is COOPERATE"),
    ("Peru has granted asylum to five Panamanian army officers.",
     "AID", "asylum", "PER", "PAN", "granting asylum is AID"),
    ("Syria refused to accept more refugees from Iraq.",
     "REJECT", None, "SYR", None, "'refused to X' is REJECT"),
    ("Palestinian leaders said they would boycott all official contact with the United States.",
     "THREATEN", None, "PSE", "USA", "a conflictual act announced for the future is THREATEN"),
    ("Portugal will support Turkey's bid to join the European Community.",
     "AGREE", None, "PRT", "TUR", "a cooperative act announced for the future is AGREE"),
]


@pytest.mark.parametrize(("text", "kind", "mode", "actor", "recipient", "why"), CASES,
                         ids=[c[5] for c in CASES])
def test_coding_rules(text: str, kind: str, mode: str | None, actor: str, recipient: str | None,
                      why: str) -> None:
    event = main_event(text)
    assert event["type"] == kind, why
    if mode is not None:
        assert event["mode"] == mode, why
    assert event["actor_country"] == actor, why
    if recipient is not None:
        assert event["recipient_country"] == recipient, why


def test_event_fields_and_evidence_span() -> None:
    text = "Britain is sending weapons to Ukraine, its defence secretary said on Monday."
    event = main_event(text)
    assert {"start", "end", "date", "type", "mode", "actor", "recipient", "score", "status", "cameo",
            "goldstein", "evidence", "actor_sector", "recipient_sector"} <= set(event)
    assert text[event["start"]:event["end"]] == event["evidence"]
    assert event["score"] == 10.0 and event["cameo"] == "07" and event["goldstein"] == 7.0


def test_status_planned_and_threatened() -> None:
    # Why: a meeting agreed for later is planned; a threat is coded by what is threatened.
    assert main_event("Blinken will meet Lavrov in Geneva on Friday.")["status"] == "planned"
    assert main_event("Russia threatened to cut gas supplies to Europe.")["status"] == "threatened"
    assert main_event("Russia cut gas supplies to Europe.")["status"] == "happened"


def test_date_from_the_clause_else_publication() -> None:
    # Why: "on Thursday" dates the call (the day before publication); without a date the article's day is used.
    dated = main_event("Biden spoke with Zelensky by phone on Thursday.")
    assert dated["date"] == "2022-01-27" and dated["date_from"] == "text"
    undated = main_event("Biden spoke with Zelensky by phone.")
    assert undated["date"] == PUBLISHED and undated["date_from"] == "published"


def test_conjecture_and_conditions_are_not_events() -> None:
    # Why: "could invade" is a forecast and "if it attacks" a condition; neither happened.
    text = "Biden said that Russia could invade Ukraine. The West will respond if Russia attacks Ukraine."
    assert not [e for e in find_events(text, published=PUBLISHED) if e["type"] == "ASSAULT"]


def test_words_inside_quotes_are_left_to_the_quote_stage() -> None:
    text = "“We will never attack anyone,” Lavrov said."
    assert not [e for e in find_events(text, published=PUBLISHED) if e["type"] == "ASSAULT"]


def test_pronoun_subject_in_reported_speech_is_the_speaker() -> None:
    # Why: in "Hungary said it will support ...", "it" is Hungary.
    event = main_event("Hungary has said it will support a U.N. Security Council resolution.")
    assert event["type"] == "AGREE" and event["actor_country"] == "HUN"


def test_country_lookup_forms() -> None:
    assert lookup("the Kremlin") == ("RUS", "GOV")
    assert lookup("U.S.") == ("USA", None)
    assert lookup("us") is None  # a pronoun in lower case
    assert lookup("Nato") == ("NATO", None)
    assert lookup("Ukrainian") == ("UKR", None)


def test_a_purpose_clause_restating_the_event_is_not_a_second_event() -> None:
    # "to discuss Ukraine" says what the call was about; it is the same CONSULT, not one with Ukraine.
    events = find_events("Vladimir Putin held a telephone call with Emmanuel Macron on Friday to discuss Ukraine.",
                         published="2022-01-28")
    assert [e["type"] for e in events].count("CONSULT") == 1
