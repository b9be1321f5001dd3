#!/usr/bin/env bash
# Set up and run every check twoway has: install with the dev extras, lint, format check,
# type check, the test suite (network blocked) with the docstrings' examples (pytest's
# testpaths and --doctest-modules in pyproject.toml), and the question-detection evaluation.
# Usage: bash scripts/check.sh [extra pytest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e '.[dev]'

# Services and system packages some tests need (PostgreSQL, test audio tools...): each script in
# scripts/setup/ installs and starts one, and may export variables for the tests.
for setup in scripts/setup/*.sh; do
    [ -e "$setup" ] || continue
    echo "== setup: $setup"
    # shellcheck source=/dev/null
    source "$setup"
done

echo "== ruff"
python3 -m ruff check .
python3 -m ruff format --check .
echo "== mypy"
python3 -m mypy
echo "== pytest (tests/ and the doctests of src/twoway/)"
python3 -m pytest "$@"
echo "== question detection evaluation (docs/questions.md)"
python3 benchmarks/questions_eval.py
