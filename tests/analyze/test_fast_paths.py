"""The extractors' shortcuts give exactly what the plain code gives: per-doc tables against Token attributes,
lower-cased scans against case-insensitive ones, piecewise time-rule scans against whole-text scans, the
hand-written `to_dict`s against `dataclasses.asdict`."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from storyline.analyze import dated_units, doc_tables, figures, figures_numbers, times, times_tense
from storyline.analyze.entities import Mention
from storyline.analyze.figures import Figure
from storyline.analyze.lowercase_scan import LowerScan, lowered
from storyline.analyze.nlp import components_for, parse
from storyline.analyze.people import PEOPLE_STEPS
from storyline.analyze.speakers import Speaker
from storyline.analyze.times import TimeExpr
from storyline.analyze.times_patterns import RULES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "ukraine-2022"
# Texts at the edges of the shortcuts: cut points next to abbreviations and decimals, odd-case letters.
TRICKY = [
    "Talks began on Jan. 5. They ended on Sept. 30, 2021. Turnout rose 2.5 percent. In 2014. Then 1998.",
    "Prices rose in mid-Dec. 2020 and fell a year ago. It lasted 3.5 years. Next week. The past.",
    "THE MEETING ON MONDAY, FEB. 14, WILL LAST TWO WEEKS. LAST YEAR'S FIRST QUARTER.",
    "Dıd they meet last Frıday? ſeveral weeks later, on İstanbul's Tuesday, the \u212aremlin said so.",
    "Call +44 (0)20 7946 0958 or 020-7946-0958. Room 12 345 678 901. (555) 123 4567.",
    "Hundreds of thousands, a dozen, two-thirds, half of them, twenty-three and a half million.",
    "",
    ".",
    "Dec.",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    articles = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    assert articles
    variants = [a.upper() for a in articles] + [a.title() for a in articles]
    odd = [a.replace("i", "\u0131", 5).replace("s", "\u017f", 5) for a in articles]
    return articles + variants + odd + TRICKY


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    articles = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    return list(parse(articles, components_for(PEOPLE_STEPS)))


def test_tables_hold_the_token_attributes(docs: list[Doc]) -> None:
    for doc in docs:
        t = doc_tables.tables(doc)
        assert t.doc_text == doc.text
        for tok in doc:
            i = tok.i
            assert (t.text[i], t.lower[i], t.lemma[i], t.pos[i], t.tag[i], t.dep[i]) == (
                tok.text, tok.lower_, tok.lemma_.lower(), tok.pos_, tok.tag_, tok.dep_)
            assert (t.ent_type[i], t.ent_iob[i], t.idx[i], t.head[i]) == (
                tok.ent_type_, tok.ent_iob_, tok.idx, tok.head.i)
            assert (t.is_punct[i], t.is_space[i]) == (tok.is_punct, tok.is_space)
            assert t.kids[i] == [c.i for c in tok.children]
            assert doc_tables.sentence_bounds(tok) == (tok.sent.start, tok.sent.end)


def test_span_text_is_the_span_text(docs: list[Doc]) -> None:
    for doc in docs:
        spans = [*doc.ents, *doc.sents, doc[0:0], doc[3:4], doc[: len(doc)]]
        for span in spans:
            assert doc_tables.span_text(span) == span.text


def test_tables_of_an_empty_and_a_blank_doc() -> None:
    nlp = spacy.blank("en")
    for text in ("", "x", " a  b "):
        doc = nlp(text)
        t = doc_tables.tables(doc)
        assert t.doc_text == doc.text
        assert t.text == [tok.text for tok in doc]
        assert t.head == [tok.head.i for tok in doc]
    with pytest.raises(AttributeError):
        _ = doc_tables.tables(nlp("x")).nonexistent


def _spans(matches: object) -> list[tuple[int, int, tuple[tuple[str, object], ...]]]:
    out = []
    for m in matches:  # type: ignore[attr-defined]
        groups = tuple(sorted((k, v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()))
        out.append((m.start(), m.end(), groups))
    return out


SCANNED = [
    *(rule.pattern for rule in RULES),
    figures_numbers.WORDS, figures_numbers.DOZEN, figures_numbers.VAGUE, figures_numbers.FRACTION,
    dated_units.PLANNED_CUES, dated_units.ONGOING_CUES, times_tense.PAST_CUES, times_tense.FUTURE_CUES,
    times_tense.CLAUSE_BREAK_AFTER,
]


@pytest.mark.parametrize("pattern", SCANNED, ids=lambda p: p.pattern[:30])
def test_lower_cased_scan_finds_the_same_matches(pattern: re.Pattern[str], texts: list[str]) -> None:
    scan = LowerScan(pattern)
    assert scan.lower is not None  # each of these is eligible: the test would otherwise prove nothing
    for text in texts:
        low = lowered(text)
        assert _spans(scan.finditer(text, low)) == _spans(pattern.finditer(text))
        assert [m.group(0) for m in scan.finditer_text(text, low)] == [m.group(0) for m in pattern.finditer(text)]


def test_lower_cased_scan_is_refused_where_it_would_differ() -> None:
    assert LowerScan(re.compile("[A-Z]x", re.IGNORECASE)).lower is None  # an upper-case letter
    assert LowerScan(re.compile("ax")).lower is None  # case-sensitive to begin with
    assert LowerScan(re.compile("a(?-i:b)", re.IGNORECASE)).lower is None  # partly case-sensitive
    assert LowerScan(re.compile("σ", re.IGNORECASE)).lower is None  # a letter with case outside ASCII
    assert lowered("İstanbul") is None and lowered("ıs") is None and lowered("ſ") is None
    assert lowered("\u212aelvin") == "kelvin"


def _whole_text_candidates(text: str) -> list[tuple[int, int, int, str]]:
    found = []
    for priority, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), priority, m.group(0)))
    return sorted(found, key=lambda c: (c[0], c[1], c[2]))


def test_time_rules_scanned_by_pieces_find_what_a_whole_text_scan_finds(texts: list[str]) -> None:
    for text in texts:
        got = [(c[0], c[1], c[2], c[4].group(0)) for c in times._candidates(text)]
        assert got == _whole_text_candidates(text)


def test_needed_words_never_hold_a_full_stop() -> None:
    # A needed word must lie inside one piece (`times_scan`): pieces are cut at full stops.
    assert all("." not in word for rule in RULES for group in rule.needs for word in group)


def test_phone_spans_match_a_whole_text_scan(texts: list[str]) -> None:
    for text in texts:
        plain = [(m.start(), m.end()) for m in figures.PHONE.finditer(text)
                 if sum(ch.isdigit() for ch in m.group(0)) >= figures.PHONE_MIN_DIGITS]
        assert figures._phone_spans(text) == plain


def test_hand_written_to_dicts_match_asdict() -> None:
    time = TimeExpr(1, 5, "2022", "2022", "year", "date", None, True)
    assert list(time.to_dict().items()) == list(dataclasses.asdict(time).items())
    speaker = Speaker("Sergei Lavrov", 3, 9, "Lavrov")
    assert list(speaker.to_dict().items()) == list(dataclasses.asdict(speaker).items())
    mention = Mention(0, 6, "Lavrov", "PERSON", "Sergei Lavrov", "foreign minister")
    assert list(mention.to_dict().items()) == list(dataclasses.asdict(mention).items())
    bare = Mention(0, 6, "Moscow", "GPE", "Moscow")
    assert bare.to_dict() == {k: v for k, v in dataclasses.asdict(bare).items() if k != "role"}
    figure = Figure(0, 4, "1,000 troops", 1000.0, None, "troops", "more than", value_max=2.5, owner="Russian")
    expected = dataclasses.asdict(figure)
    expected["value"] = 1000
    assert list(figure.to_dict().items()) == list(expected.items())
