#!/usr/bin/env bash
# Set up (virtual environment .venv, storyline with its test extras) and run the whole test suite.
# Works on a fresh machine with Python 3.11 and the package registries; re-running it is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest "$@"
