"""`storyline` command line: thin wrappers that parse arguments, call a typed function, and print."""

from __future__ import annotations

from storyline.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
