"""Key themes of a realistic job description: the work, not the boilerplate."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from twoway.prep import key_themes

DATA = Path(__file__).parents[1] / "data" / "prep"
JD = (DATA / "data_engineer_jd.txt").read_text(encoding="utf-8")


def test_themes_of_a_data_engineer_description() -> None:
    themes = key_themes(JD, exclude=("Acme", "Data Engineer"))
    assert len(themes) == 8
    # Tools and names first (the posting's structure, docs/prep.md "Themes").
    assert themes[:3] == ["Python", "SQL", "Snowflake"]
    assert "Airflow" in themes and "dbt" in themes


def test_boilerplate_names_and_title_are_not_themes() -> None:
    themes = key_themes(JD, 20, exclude=("Acme", "Data Engineer"))
    joined = " | ".join(themes).lower()
    for word in (
        "equal",
        "opportunity",
        "experience",
        "years",
        "benefits",
        "salary",
        "401",
        "insurance",
        "acme",
        "logistics",
        "chicago",
        "north america",
    ):
        assert word not in joined, (word, themes)
    assert "Data Engineer" not in themes and "data" not in [t.lower() for t in themes]


def test_overlapping_phrases_are_deduplicated() -> None:
    themes = key_themes(JD, 20, exclude=("Acme", "Data Engineer"))
    # "cloud data warehouse" and "Snowflake data" would repeat "Snowflake data warehouse".
    assert sum("warehouse" in t for t in themes) == 1
    assert len({t.lower() for t in themes}) == len(themes)


def test_deterministic_and_empty_input() -> None:
    assert key_themes(JD) == key_themes(JD)
    assert key_themes("") == [] and key_themes("   \n") == [] and key_themes(JD, 0) == []


def test_importing_prep_does_not_import_yake_or_rapidfuzz() -> None:
    code = "import sys, twoway.prep; print('yake' in sys.modules, 'rapidfuzz' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
