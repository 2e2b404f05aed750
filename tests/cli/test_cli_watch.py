"""`storyline watch`: feeds followed in the store, one line per poll, failures reported, Ctrl-C stops cleanly."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

TOPIC = ("Diplomats from Russia and Ukraine met again in Geneva on Monday to discuss the troops massed at the "
         "border, officials said. The talks ended without agreement, and another round is planned for next week. ")


def _feed(path: Path, *numbers: int) -> Path:
    items = "".join(
        f"<item><title>Geneva talks, report {n}</title><link>https://wire.example/{n}</link>"
        f"<content:encoded><![CDATA[<p>Report {n}. {TOPIC * 8}</p>]]></content:encoded>"
        f"<pubDate>Mon, 31 Jan 2022 1{n}:00:00 +0000</pubDate></item>"
        for n in numbers
    )
    path.write_text('<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
                    f"<channel><title>Example Wire</title>{items}</channel></rss>", encoding="utf-8")
    return path


@pytest.fixture
def closed_port_feed(closed_port: str) -> str:
    """A feed URL on 127.0.0.1 where nothing listens (connection refused at once)."""
    return f"{closed_port}/feed.xml"


def test_watch_once_ingests_then_finds_nothing_new(cli, tmp_path: Path) -> None:
    feed = _feed(tmp_path / "wire.xml", 1, 2)
    first = cli("watch", str(feed), "--once", "--interval", "600", "--outlet", "Wire Example")
    assert first.exit_code == 0, first.stderr
    assert f"{feed}: 2 new articles in 1 story, 0 already stored; next poll" in first.stdout
    articles = json.loads(cli("articles", "--format", "json").stdout)
    assert {a["outlet"] for a in articles} == {"Wire Example"}
    again = cli("watch", "--once")  # no FEED: the feeds the store follows
    assert again.exit_code == 0 and f"{feed}: unchanged; next poll" in again.stdout
    _feed(feed, 3, 1, 2)
    third = cli("watch", "--once")
    assert third.exit_code == 0 and f"{feed}: 1 new article in 1 story" in third.stdout


def test_a_failing_feed_is_reported_and_the_others_still_polled(cli, tmp_path: Path, closed_port_feed: str) -> None:
    feed = _feed(tmp_path / "wire.xml", 1)
    result = cli("watch", closed_port_feed, str(feed), "--once")
    assert result.exit_code == 1
    assert f"{closed_port_feed}: [E301] could not connect" in result.stderr and "next try" in result.stderr
    assert "Traceback" not in result.stderr
    assert f"{feed}: 1 new article" in result.stdout


def test_watch_without_feeds_needs_some(cli) -> None:
    result = cli("watch")
    assert result.exit_code == 2 and "no feed is followed yet" in result.stderr


def test_a_bad_feed_address_is_a_usage_error(cli) -> None:
    result = cli("watch", "ftp://wire.example/feed", "--once")
    assert result.exit_code == 2 and "[E303]" in result.stderr


def test_ctrl_c_stops_the_watcher_cleanly(tmp_path: Path) -> None:
    feed = _feed(tmp_path / "wire.xml", 1)
    db = tmp_path / "store.sqlite"
    proc = subprocess.Popen([sys.executable, "-m", "storyline", "--db", str(db), "watch", str(feed), "--no-analyze"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        line = proc.stdout.readline()  # the first poll's line: the watcher is now waiting for the next one
        assert f"{feed}: 1 new article" in line
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:  # never leave a watcher running behind a failed test
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stderr
    assert "stopped" in stderr and "Traceback" not in stderr
