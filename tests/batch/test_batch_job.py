"""The Ray batch path against the single-process path on the same small corpus: the same article records,
the same failures, the same story assignment; `storyline load` then shows the articles.

Ray starts once for the module (local mode, two CPUs) and the job runs once; each test reads its output.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

pytest.importorskip("ray")
pytest.importorskip("pyarrow")

import pyarrow.parquet as pq

import storyline.cli.batch_cmd  # noqa: F401  (registers `batch` and `load` until cli/app.py imports it)
from storyline.batch.job import run_batch, start_ray
from storyline.batch.results import iter_rows, read_records
from storyline.batch.stories import story_order
from storyline.cli import app
from storyline.contract import article_record
from storyline.errors import StorylineError
from storyline.group import group_articles
from storyline.pipeline import Cleaned, analyze_stream, clean_inputs
from storyline.records import IngestFailure

TEXTS = {
    "talks.txt": (
        "Ministers agree to resume grain talks\n\n"
        "The foreign ministers of Ukraine and Turkey agreed on Tuesday to resume talks on grain exports next "
        "week.\n\n\"We expect a deal within a month,\" said Mevlut Cavusoglu, the Turkish foreign minister.\n"
    ),
    "ports.txt": (
        "Black Sea ports reopen\n\n"
        "Three Ukrainian ports reopened on Monday after the grain deal signed in Istanbul last week, officials "
        "said.\n\nThe first ship left Odesa with 26,000 tonnes of maize on 1 August.\n"
    ),
    "talks-copy.txt": (  # a wire copy of talks.txt, as another outlet re-published it
        "Ministers agree to resume grain talks\n\n"
        "The foreign ministers of Ukraine and Turkey agreed on Tuesday to resume talks on grain exports next "
        "week.\n\n\"We expect a deal within a month,\" said Mevlut Cavusoglu, the Turkish foreign minister.\n\n"
        "Reporting by the Wire desk.\n"
    ),
    "prize.txt": (
        "Poet wins national book prize\n\n"
        "The award went to a debut collection, the jury said on Thursday, praising its \"quiet ambition\".\n"
    ),
}
RECORDS = [
    {"id": "wire-1", "text": "The talks in Istanbul ended on Friday without a deal, a Turkish official said. "
                             "Both sides said they would meet again next week.", "outlet": "Wire",
     "published": "2022-07-22"},
    {"id": "no-body"},
]
BAD_BYTES = b"\x00\x01\x02\x03 not text"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "talks.meta.json").write_text(json.dumps({"outlet": "Example News", "published": "2022-07-19"}))
    lines = [json.dumps(r) for r in RECORDS] + ["{not json"]
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(BAD_BYTES)
    return root


@pytest.fixture(scope="module")
def ray_session() -> Iterator[None]:
    import ray

    started = start_ray(num_cpus=2)
    yield
    if started:
        ray.shutdown()


@pytest.fixture(scope="module")
def batch_out(ray_session: None, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`storyline batch CORPUS --out DIR`, run once (in the module's Ray session)."""
    out = tmp_path_factory.mktemp("batch") / "run"
    result = CliRunner().invoke(app, ["batch", str(corpus), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 1, result.stderr  # the job finished, and some items failed
    assert "5 articles" in result.stderr and "3 errors" in result.stderr
    return out


@pytest.fixture(scope="module")
def single(corpus: Path) -> tuple[dict[str, dict[str, Any]], list[IngestFailure], list[Cleaned]]:
    records: dict[str, dict[str, Any]] = {}
    failures: list[IngestFailure] = []
    cleaned: list[Cleaned] = []
    for item in analyze_stream(clean_inputs([str(corpus)])):
        if isinstance(item, IngestFailure):
            failures.append(item)
            continue
        done, analysis = item
        cleaned.append(done)
        records[done.article.id] = json.loads(json.dumps(article_record(done.article, analysis)))
    return records, failures, cleaned


def test_articles_and_analysis_match_the_single_process_path(batch_out: Path, single: Any) -> None:
    expected, _, _ = single
    got = read_records(str(batch_out))
    assert len(expected) == 5  # four text files and one good JSONL record
    assert sorted(got) == sorted(expected)
    for article_id, record in expected.items():
        assert got[article_id] == record, article_id


def test_item_tables_have_one_row_per_item_with_its_article(batch_out: Path, single: Any) -> None:
    expected, _, _ = single
    for table in ("entities", "quotes", "times", "figures", "events"):
        rows = list(iter_rows(str(batch_out), table))
        assert len(rows) == sum(len(r[table]) for r in expected.values()), table
        for row in rows:
            item = expected[row["article_id"]][table][row["n"]]
            assert json.loads(row["item"]) == item
            assert (row["start"], row["end"]) == (item.get("start"), item.get("end"))


def test_bad_items_are_in_errors_with_their_reason(batch_out: Path, single: Any) -> None:
    _, failures, _ = single
    errors = list(iter_rows(str(batch_out), "errors"))
    assert sorted((e["source_id"], e["code"]) for e in errors) == sorted((f.source_id, f.code) for f in failures)
    assert {Path(e["source_id"]).name for e in errors} == {"bad.txt", "wire.jsonl:2", "wire.jsonl:3"}
    assert all(e["reason"] and e["stage"] == "read" for e in errors)


def test_story_assignment_matches_grouping_in_story_order(batch_out: Path, single: Any) -> None:
    _, _, cleaned = single
    index, _ = group_articles(sorted((c.article for c in cleaned), key=story_order))
    rows = pq.read_table(batch_out / "stories").to_pylist()
    assert [(r["article_id"], r["story_id"], r["duplicate_of"]) for r in sorted(rows, key=lambda r: r["position"])] \
        == [(e.id, index.story_of(e.id), e.duplicate_of) for e in index.entries.values()]
    by_name = {Path(c.article.source_id).name: c.article.id for c in cleaned}
    copies = {r["article_id"]: r["duplicate_of"] for r in rows}
    assert copies[by_name["talks-copy.txt"]] == by_name["talks.txt"] or copies[by_name["talks.txt"]] == \
        by_name["talks-copy.txt"]


def test_load_brings_the_articles_into_the_store(cli, batch_out: Path, single: Any) -> None:  # type: ignore[no-untyped-def]
    expected, _, _ = single
    first = cli("load", str(batch_out))
    again = cli("load", str(batch_out))
    assert first.exit_code == 0 and "5 stored" in first.stderr, first.stderr
    assert "0 stored, 5 already stored" in again.stderr
    listed = json.loads(cli("articles", "--format", "json").stdout)
    assert {a["id"]: a["text"] for a in listed} == {i: r["text"] for i, r in expected.items()}
    table = cli("articles")
    assert "Example News" in table.stdout and "Wire" in table.stdout


def test_a_used_output_directory_is_refused(batch_out: Path, corpus: Path) -> None:
    with pytest.raises(StorylineError, match="already holds batch results"):
        run_batch([str(corpus)], str(batch_out))
