"""`storyline ingest`, `articles`, `show` and `run` against a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path


def test_ingest_twice_stores_once(cli, article_file: Path) -> None:
    first = cli("ingest", str(article_file))
    second = cli("ingest", str(article_file))
    assert first.exit_code == 0 and "1 stored" in first.stderr
    assert second.exit_code == 0 and "0 stored, 1 already stored" in second.stderr
    listed = json.loads(cli("articles", "--format", "json").stdout)
    assert len(listed) == 1


def test_show_gives_text_metadata_and_removals(cli, tmp_path: Path) -> None:
    path = tmp_path / "noisy.txt"
    path.write_text("Talks resume in Geneva\n\nDiplomats met again in Geneva on Monday to discuss the crisis.\n\n"
                    "This website uses cookies to improve your experience. Accept Read More\n")
    cli("ingest", str(path))
    [record] = json.loads(cli("articles", "--format", "json").stdout)
    shown = cli("show", record["id"])
    assert shown.exit_code == 0
    assert "Diplomats met again in Geneva" in shown.stdout
    assert "uses cookies" in shown.stdout  # listed under what was removed, with its reason
    assert "uses cookies" not in record["text"]


def test_show_unknown_id_is_a_clear_error(cli) -> None:
    result = cli("show", "nope1234")
    assert result.exit_code == 1 and "E403" in result.stderr


def test_run_without_input_ingests_the_sample_corpus_and_writes_a_report(cli, tmp_path: Path) -> None:
    report = tmp_path / "report.html"
    result = cli("run", "--report", str(report))
    assert result.exit_code == 0, result.stderr
    assert "5 stored" in result.stderr
    assert "5 articles from" in result.stdout and "LBC" in result.stdout and "Irish Times" in result.stdout
    assert "1 story" in result.stdout  # the five seeds are one developing story
    html = report.read_text(encoding="utf-8")
    assert "Kremlin ready for more talks with West over Ukraine tensions" in html
