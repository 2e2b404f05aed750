"""Docs that drift from the code fail here: the README's commands and fields are the real ones."""

from __future__ import annotations

import re
from pathlib import Path

from storyline.cli import app
from storyline.contract import article_record
from storyline.records import Article

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", README, flags=re.S)]


def test_ci_runs_the_readme_test_command() -> None:
    setup_and_run, test_command = _blocks()[:2]
    assert "storyline run" in setup_and_run and "-m venv .venv" in setup_and_run
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_the_readme_uses_exists() -> None:
    registered = {command.name or (command.callback.__name__ if command.callback else "")
                  for command in app.registered_commands}
    registered |= {group.name for group in app.registered_groups if group.name}
    used = set(re.findall(r"storyline (\w+)", "\n".join(_blocks())))
    assert used <= registered, used - registered


def test_readme_lists_every_contract_field() -> None:
    section = README.split("### The JSON contract", 1)[1].split("##", 1)[0]
    listed = set(re.findall(r"`(\w+)`", section)) - {"storyline", "analyze", "text"} | {"text"}
    fields = set(article_record(Article(id="a", source_id="s", text="t")))
    assert fields <= listed, fields - listed


def test_readme_benchmarks_exist() -> None:
    for script in re.findall(r"(benchmarks/\w+\.py)", README):
        assert (ROOT / script).is_file(), script
