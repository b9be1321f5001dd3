#!/usr/bin/env bash
# Set up and run every check twoway has: install with the dev extras, lint, format check,
# type check, the test suite (network blocked), and the question-detection evaluation.
# Usage: bash scripts/check.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[dev]'

echo "== ruff"
python3 -m ruff check .
python3 -m ruff format --check .
echo "== mypy"
python3 -m mypy
echo "== pytest"
python3 -m pytest "$@"
echo "== question detection evaluation (docs/questions.md)"
python3 benchmarks/questions_eval.py
