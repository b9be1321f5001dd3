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
    # Tools and names lead (docs/prep.md "Themes"): each is named in a duty bullet and again
    # in the requirements, and dbt also leads a "Nice to have" bullet of its own.
    assert set(themes[:5]) == {"dbt", "Kafka", "SQL", "Snowflake", "Python"}
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


TELLER = """Part-Time Teller
Riverbend Savings

Responsibilities
~ Process deposits and withdrawals, money orders, and loan payments accurately
~ Practice careful cash handling and balancing a cash drawer at the end of every shift
~ Follow BSA/AML compliance requirements, including currency transaction reports
~ Use our core banking system (Fiserv DNA) and follow all bank policies

Requirements
~ 6 months or more of cash handling or customer service experience
~ Accuracy and attention to detail with numbers

Pay and perks
~ $19.00 per hour, based on experience
~ Paid time off and a 401(k) match
"""


def test_posting_phrases_are_noun_phrases_of_the_bullets() -> None:
    from twoway.prep._phrases import posting_phrases

    found = [(p.text, p.section, p.place) for p in posting_phrases(TELLER)]
    # The leading verb goes, evaluative words and boilerplate nouns are trimmed, a gerund keeps
    # its object, two bare nouns joined by "and" stay one theme; pay and perks give none.
    assert ("deposits and withdrawals", "duties", 0) in found
    assert ("cash handling", "duties", 0) in found
    assert ("balancing a cash drawer", "duties", 1) in found
    assert ("BSA/AML compliance", "duties", 0) in found
    assert ("Fiserv DNA", "duties", 1) in found
    assert ("customer service", "requirements", 1) in found
    assert not any("hour" in t or "401" in t or "time off" in t for t, _, _ in found)


def test_the_themes_of_a_posting_without_tools_are_its_duties() -> None:
    themes = key_themes(TELLER, 6, exclude=("Riverbend Savings", "Part-Time Teller"))
    # Scores (themes._ranked_phrases): a bullet's first phrase 3, second 2.2; a duty +0.5, a
    # requirement +0.3; an acronym or name +1; +0.5 for each repeat in the posting.
    assert themes == [
        "BSA/AML compliance",  # 3 + 0.5 + 1
        "cash handling",  # 3 + 0.5 + 0.5 (repeated in the requirements)
        "Fiserv DNA",  # 2.2 + 0.5 + 1
        "deposits and withdrawals",  # 3 + 0.5, first in the posting
        "core banking system",  # 3 + 0.5
        "Accuracy",  # 3 + 0.3
    ]


def test_tilde_bullets_under_quoted_headings_are_read_as_a_posting() -> None:
    # "~" bullets and "> " headings: the headings are not bullets, the bullets are read.
    text = (
        "Site Lead\nRidge Builders\n\n"
        "> What you'll do\n"
        "~ Review and approve Job Hazard Analyses before new work starts\n"
        "~ Provide care coordination with the owner and the architect\n"
        "~ Arrive, read the prep lists, and brief the crews\n\n"
        "> What you bring\n"
        "~ OSHA 30 certification\n"
        "~ Clear written reports\n\n"
        "> Compensation\n"
        "~ Salary: $92,000 to $110,000\n"
    )
    themes = key_themes(text, 12, exclude=("Ridge Builders", "Site Lead"))
    assert "Job Hazard Analyses" in themes  # "Job" leads the phrase: not boilerplate
    assert "care coordination" in themes  # after "Provide", "care" is a noun
    assert "Arrive" not in themes  # an unknown capitalised word leading a duty is its verb
    assert not any("Salary" in t or "92,000" in t for t in themes)
