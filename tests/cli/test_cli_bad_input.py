"""Bad input, one kind per test: one clear line naming the input and the reason, the rest goes on,
nothing already stored is lost or duplicated."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

GOOD = "Talks resume in Geneva\n\nDiplomats met again in Geneva on Monday to discuss the border crisis in detail.\n"


def _stored(cli) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return json.loads(cli("articles", "--format", "json", "--limit", "100000").stdout)


def _ingest_with_good(cli, tmp_path: Path, bad: Path | str):  # type: ignore[no-untyped-def]
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = cli("ingest", str(bad), str(good))
    assert result.exit_code == 1, "the exit status says that some inputs failed"
    assert "Traceback" not in result.stderr
    assert len(_stored(cli)) == 1, "the good article is stored all the same"
    return result


def test_empty_file(cli, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("  \n\n ")
    result = _ingest_with_good(cli, tmp_path, bad)
    assert f"{bad}: [E102]" in result.stderr


def test_binary_file(cli, tmp_path: Path) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    result = _ingest_with_good(cli, tmp_path, bad)
    assert f"{bad}: [E103]" in result.stderr


def test_random_bytes_with_nuls(cli, tmp_path: Path) -> None:
    bad = tmp_path / "junk.txt"
    bad.write_bytes(bytes(range(256)) * 40)
    result = _ingest_with_good(cli, tmp_path, bad)
    assert str(bad) in result.stderr and ("E103" in result.stderr or "E104" in result.stderr)


def test_file_over_the_size_limit(cli, tmp_path: Path) -> None:
    bad = tmp_path / "huge.txt"
    with bad.open("wb") as handle:  # a sparse 50 MB file: no need to write the bytes
        handle.truncate(50 * 1024 * 1024)
    result = _ingest_with_good(cli, tmp_path, bad)
    assert f"{bad}: [E105]" in result.stderr


def test_legacy_encoding_is_decoded_not_rejected(cli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Le président a déclaré que les négociations reprendront à Genève la semaine prochaine, "
                     "après une réunion très tendue à Moscou.".encode("cp1252"))
    result = cli("ingest", str(path))
    assert result.exit_code == 0, result.stderr
    assert "président a déclaré" in _stored(cli)[0]["text"]


def test_mixed_encodings_in_one_file_are_decoded_part_by_part(cli, tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    utf8 = "Zelenskiy said the situation is “under control” in Kyiv, officials said on Friday.\n\n"
    cp1252 = "Le président a déclaré que les négociations reprendront à Genève.\n"
    path.write_bytes(utf8.encode("utf-8") + cp1252.encode("cp1252"))
    cli("ingest", str(path))
    text = _stored(cli)[0]["text"]
    assert "“under control”" in text and "président a déclaré" in text


def test_mojibake_is_repaired(cli, tmp_path: Path) -> None:
    path = tmp_path / "mojibake.txt"
    # UTF-8 text that was decoded as Latin-1 once upstream, then saved as UTF-8.
    text = "Le président a déclaré que les négociations reprendront à Genève la semaine prochaine.\n"
    path.write_text(text.encode("utf-8").decode("latin-1"), encoding="utf-8")
    cli("ingest", str(path))
    assert "président a déclaré" in _stored(cli)[0]["text"]  # ftfy repaired it


def test_unsupported_file_kind(cli, tmp_path: Path) -> None:
    bad = tmp_path / "slides.pptx"
    bad.write_bytes(b"PK\x03\x04whatever")
    result = _ingest_with_good(cli, tmp_path, bad)
    assert f"{bad}: [E106]" in result.stderr


def test_a_directory_of_thousands_of_files(cli, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(1500):
        (folder / f"{i:04d}.txt").write_text(f"Report {i}\n\nCouncil member {i} said the vote on budget item {i} "
                                             "would be held on Thursday after a long debate.\n")
    (folder / "0007.txt").write_bytes(b"")  # one bad file among them
    result = cli("ingest", str(folder))
    assert result.exit_code == 1
    assert result.stderr.count("[E102]") == 1
    assert "1499 stored, 0 already stored, 1 failed" in result.stderr


def test_killed_mid_ingest_leaves_a_consistent_store_that_a_rerun_completes(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    total = 400
    for i in range(total):
        (folder / f"{i:04d}.txt").write_text(f"Report {i}\n\nThe mayor said on Friday that {i} new shelters "
                                             "had opened across the capital, with more planned next month.\n")
    db = tmp_path / "store.sqlite"
    command = [sys.executable, "-m", "storyline", "--db", str(db), "ingest", str(folder)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        stored = _count(db)
        if stored >= 20:
            break
    if proc.poll() is not None:
        pytest.skip("the ingest finished before it could be killed")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < _count(db) < total
    rerun = subprocess.run(command, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == total
        assert conn.execute("SELECT count(*) FROM raw_documents").fetchone()[0] == total


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_unreachable_url(cli, tmp_path: Path) -> None:
    import socket

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/news/article-1"
    result = _ingest_with_good(cli, tmp_path, url)
    assert f"{url}: [E301]" in result.stderr
