"""`storyline analyze`: the JSON contract, without a store."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.contract import ANALYSIS_FIELDS

CONTRACT_FIELDS = ["id", "source_id", "outlet", "url", "byline", "language", "title", "title_derived", "published",
                   "published_from", "text", "removed", *ANALYSIS_FIELDS]


def test_one_json_object_per_article_with_every_contract_field(cli, article_file: Path) -> None:
    result = cli("analyze", str(article_file), "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert all(name in record for name in CONTRACT_FIELDS)
    assert record["outlet"] == "Example News"  # from the sidecar NAME.meta.json
    assert record["published"] == "2022-03-01" and record["published_from"] == "metadata"
    assert record["title"] == "Ministers agree to resume grain talks"
    assert record["text"].startswith("The foreign ministers")  # the headline moved into metadata
    assert record["language"] == "en"
    assert record["source_id"] == str(article_file)


def test_flags_override_metadata(cli, article_file: Path) -> None:
    result = cli("analyze", str(article_file), "--outlet", "Flag Times", "--published", "2022-03-02")
    record = json.loads(result.stdout)
    assert (record["outlet"], record["published"]) == ("Flag Times", "2022-03-02")


def test_no_clean_keeps_the_text_exactly_as_given(cli, tmp_path: Path) -> None:
    raw = "Headline\n\n  Body with  odd   spacing.\r\nSIGN UP HERE\n"
    path = tmp_path / "raw.txt"
    path.write_bytes(raw.encode())
    record = json.loads(cli("analyze", str(path), "--no-clean").stdout)
    assert record["text"] == raw  # offsets point into the input itself
    assert record["removed"] == [] and record["title"] is None


def test_same_input_gives_the_same_id(cli, article_file: Path) -> None:
    first = json.loads(cli("analyze", str(article_file)).stdout)["id"]
    second = json.loads(cli("analyze", str(article_file)).stdout)["id"]
    assert first == second


def test_a_bad_input_is_reported_and_the_rest_goes_on(cli, article_file: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = cli("analyze", str(missing), str(article_file))
    assert result.exit_code == 1  # some inputs failed
    assert len(result.stdout.splitlines()) == 1  # the good article is still printed
    assert str(missing) in result.stderr and "E101" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_published_flag_is_a_usage_error(cli, article_file: Path) -> None:
    result = cli("analyze", str(article_file), "--published", "not a date")
    assert result.exit_code == 2
    assert "not a date" in result.stderr


def test_time_expressions_are_resolved_against_the_publication_date(cli, article_file: Path) -> None:
    record = json.loads(cli("analyze", str(article_file)).stdout)
    by_text = {t["text"]: t for t in record["times"]}
    # published 2022-03-01, a Tuesday: "on Tuesday" in a report of what happened is that same day
    assert by_text["Tuesday"]["value"] == "2022-03-01"
    start, end = by_text["Tuesday"]["start"], by_text["Tuesday"]["end"]
    assert record["text"][start:end] == "Tuesday"  # offsets point into `text`


def test_quotes_and_entities_are_filled_with_spans_into_text(cli, tmp_path: Path) -> None:
    path = tmp_path / "quote.txt"
    path.write_text("Foreign minister Sergei Lavrov spoke in Moscow on Friday.\n\n"
                    "“We don’t want wars,” Lavrov said.\n")
    record = json.loads(cli("analyze", str(path), "--published", "2022-01-28").stdout)
    [quote] = [q for q in record["quotes"] if q["kind"] == "direct"]
    assert record["text"][quote["start"]:quote["end"]].strip("“”,") == "We don’t want wars"
    assert quote["speaker"]["name"] == "Sergei Lavrov"  # the surname folded into the full name
    assert any(e["canonical"] == "Sergei Lavrov" for e in record["entities"])


def test_figures_come_with_subject_and_qualifier(cli, tmp_path: Path) -> None:
    path = tmp_path / "figures.txt"
    path.write_text("Russia has moved more than 130,000 troops towards the border, officials said on Monday.\n")
    record = json.loads(cli("analyze", str(path), "--published", "2022-02-14").stdout)
    [figure] = record["figures"]
    assert (figure["value"], figure["qualifier"]) == (130000, "more than")
    assert "troops" in figure["subject"]
    assert record["text"][figure["start"]:figure["end"]].startswith("more than 130,000")


def test_a_stage_failing_on_one_article_keeps_the_rest_and_says_so(cli, article_file: Path, monkeypatch) -> None:
    import storyline.pipeline as pipeline

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("year 0 is out of range")

    monkeypatch.setattr(pipeline, "find_figures", broken)
    result = cli("analyze", str(article_file))
    assert result.exit_code == 1
    record = json.loads(result.stdout)
    assert record["figures"] == [] and record["times"]  # the other stages still ran
    assert record["analysis_errors"] == ["figures: ValueError: year 0 is out of range"]
    assert "[E901]" in result.stderr and "Traceback" not in result.stderr
