"""Figures over time within a story: one series per subject, dated points, changes and conflicts."""

from __future__ import annotations

from storyline.analyze.figures import find_figures
from storyline.synthesize.figures import compatible, figure_series
from storyline.synthesize.figures_keys import country_key


def article(article_id: str, published: str, text: str) -> tuple[str, str, str, list[object]]:
    return article_id, published, text, list(find_figures(text))


def test_phrasings_of_one_subject_make_one_series_that_moves() -> None:
    # "Russian troops", "troops near Ukraine" moved by Russia, "Russian troops on Ukraine's borders" are one
    # subject; 100,000 in January becomes 130,000 in February
    pairs = [
        article("a", "2022-01-18", "More than 100,000 Russian troops have been deployed near Ukraine."),
        article("b", "2022-01-27", "Russia has moved some 100,000 troops towards Ukraine."),
        article("c", "2022-02-14", "The build-up of more than 130,000 Russian troops on Ukraine's borders went on."),
    ]
    [series] = figure_series(pairs)
    assert series.articles == ["a", "b", "c"]
    assert [p.date for p in series.points] == ["2022-01-18", "2022-01-27", "2022-02-14"]
    assert series.changes[-1]["from_value"] == 100_000 and series.changes[-1]["to_value"] == 130_000
    assert series.conflicts == []


def test_different_owners_are_different_series() -> None:
    # US troops on alert are not Russian troops
    pairs = [
        article("a", "2022-01-27", "About 100,000 Russian troops are near Ukraine."),
        article("b", "2022-01-27", "The US ordered 8,500 troops on higher alert."),
    ]
    assert len(figure_series(pairs)) == 2


def test_incompatible_figures_on_one_date_are_flagged() -> None:
    # two outlets, same day, 100,000 against 130,000 with no qualifier that could reconcile them
    pairs = [
        article("a", "2022-02-01", "Russia has massed 100,000 troops near Ukraine."),
        article("b", "2022-02-01", "Russia has massed 130,000 troops near Ukraine."),
    ]
    [series] = figure_series(pairs)
    assert len(series.conflicts) == 1
    assert {p.article_id for p in series.conflicts[0].points} == {"a", "b"}


def test_qualified_figures_that_can_both_hold_are_not_flagged() -> None:
    # "about 100,000" and "more than 100,000" can both be true
    pairs = [
        article("a", "2022-02-01", "Russia has massed about 100,000 troops near Ukraine."),
        article("b", "2022-02-01", "Russia has massed more than 100,000 troops near Ukraine."),
    ]
    [series] = figure_series(pairs)
    assert series.conflicts == []


def test_a_day_named_in_the_sentence_dates_the_figure() -> None:
    # "said Thursday" in a Friday report: the figure holds for Thursday
    pairs = [article("a", "2022-01-28", "More than 100,000 Russian troops are deployed on the Ukrainian border, "
                                        "the U.N. ambassador said Thursday.")]
    [series] = figure_series(pairs)
    assert series.points[0].date == "2022-01-27" and series.points[0].dated_by == "sentence"


def test_compatibility_of_qualifiers() -> None:
    # the intervals behind the qualifiers
    assert compatible({"value": 100_000, "qualifier": "approximate"}, {"value": 105_000, "qualifier": None})
    assert not compatible({"value": 100_000, "qualifier": "up to"}, {"value": 130_000, "qualifier": "more than"})
    assert compatible({"value": 20_000, "value_max": 99_999, "qualifier": None}, {"value": 90_000, "qualifier": None})


def test_country_keys_fold_demonyms() -> None:
    # a nationality adjective and its country meet; irregular ones come from the table
    assert country_key("Russian") == country_key("Russia")
    assert country_key("Ukrainian") == country_key("Ukraine") == country_key("Ukraine's")
    assert country_key("U.S.") == country_key("American") == "us"
    assert country_key("the border") is None
