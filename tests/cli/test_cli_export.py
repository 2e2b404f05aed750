"""`storyline export events`: one row per merged event, with the articles that report it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

CALL_A = ("Putin and Macron discuss Ukraine\n\n"
          "Russian President Vladimir Putin spoke by phone with French President Emmanuel Macron on Friday "
          "about the crisis over Ukraine, the Kremlin said.\n")
CALL_B = ("Kremlin reports call with Paris\n\n"
          "Vladimir Putin held a telephone call with Emmanuel Macron on Friday to discuss Ukraine, "
          "officials in Moscow said.\n")


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in (("a.txt", CALL_A), ("b.txt", CALL_B)):
        (folder / name).write_text(text)
    (folder / "metadata.json").write_text(json.dumps({"a.txt": {"outlet": "A", "published": "2022-01-28"},
                                                      "b.txt": {"outlet": "B", "published": "2022-01-28"}}))
    return folder


def test_the_same_call_reported_twice_is_one_row(cli, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = cli("export", "events", str(_corpus(tmp_path)), "--out", str(out))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    calls = [r for r in rows if r["event_type"] == "CONSULT"]
    assert len(calls) == 1, rows  # merged before counting, not one per outlet
    [call] = calls
    assert call["reports"] == "2" and len(call["articles"].split(";")) == 2
    assert call["event_date"] == "2022-01-28" and call["mode"] == "phone"
    assert all({"article", "start", "end"} <= set(s) for s in json.loads(call["sources"]))


def test_parquet_has_the_same_rows(cli, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"
    assert cli("export", "events", str(_corpus(tmp_path)), "--format", "parquet", "--out", str(out)).exit_code == 0
    table = pq.read_table(out)
    assert "CONSULT" in table.column("event_type").to_pylist()


def test_from_the_store(cli, tmp_path: Path) -> None:
    cli("ingest", str(_corpus(tmp_path)))
    out = tmp_path / "events.csv"
    assert cli("export", "events", "--out", str(out)).exit_code == 0
    assert any(r["event_type"] == "CONSULT" for r in csv.DictReader(out.open(encoding="utf-8")))


def test_unknown_format_is_a_usage_error(cli, tmp_path: Path) -> None:
    assert cli("export", "events", str(_corpus(tmp_path)), "--format", "xlsx").exit_code == 2
