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
    # Tools named in a duty bullet and again in the requirements rank high (docs/prep.md
    # "Themes"), and so do the duties a bullet or a clause leads with ("Own data quality",
    # "..., set up monitoring and alerting").
    assert {"dbt", "Kafka", "Python", "Airflow", "monitoring and alerting"} <= set(themes)
    assert "Snowflake" in key_themes(JD, 10, exclude=("Acme", "Data Engineer"))
    assert "data quality" in themes and "SQL" in key_themes(JD, 10, exclude=("Acme",))


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
    assert sum("warehouse" in t for t in themes) <= 1
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
    # A duty bullet's first phrase is what a reader picks most often (themes._ranked_phrases);
    # a name inside a duty ("Fiserv DNA") comes close; a requirement's first phrase later.
    assert themes[:4] == [
        "cash handling",  # a duty's first phrase, repeated in the requirements
        "BSA/AML compliance",
        "deposits and withdrawals",
        "core banking system",
    ]
    assert "Fiserv DNA" in themes


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


BUS = """BUS OPERATOR (Trainee) - Lakeside Transit
Job code: LT-OPS-9 | Apply by March 3

Lakeside Transit runs 22 routes. We train you from day one.

Your job
1. Complete a pre-trip inspection of the bus before every pull-out.
2. Collect fares and assist riders with fare cards.
3. Deploy the wheelchair ramp and secure mobility devices.
4. Keep on-time performance and announce stops.
5. Communicate with dispatch by radio and complete incident reports.

What you need
* Be at least 21 years old, with a valid driver's license
* Pass a DOT physical and a drug test
* High school diploma or GED
* Ability to obtain a Class B CDL during training

Training
Paid 8-week training program covering defensive driving and customer service.

Pay and benefits
* $24.10/hour during training
* Full medical, dental, vision
"""


def test_numbered_duties_under_your_job_lead_the_themes() -> None:
    # "Your job" is a duties heading; the numbered bullets' objects are the themes, the
    # gates every posting has (a diploma, a driver's license, a DOT physical) and the people
    # served ("riders") are not.
    themes = key_themes(BUS, 8, exclude=("Lakeside Transit", "Bus Operator (Trainee)"))
    assert themes[:2] == ["pre-trip inspection", "wheelchair ramp"]
    assert {"fare cards", "incident reports", "on-time performance"} <= set(themes)
    joined = " | ".join(themes).lower()
    for gate in ("diploma", "ged", "driver's license", "physical", "riders", "years", "pass"):
        assert gate not in joined, (gate, themes)


def test_quoted_block_of_bullets_and_quote_marked_bullets() -> None:
    quoted = (
        "Data Center Technician\nIronpeak\n\n> What you'll do\n"
        "> - Install and test fiber and copper cross connects\n"
        "> - Handle remote hands tickets: reboots and hardware swaps\n"
        "> - Maintain asset inventory in ServiceNow\n\n"
        "> What you need\n> - Working knowledge of server hardware\n"
    )
    themes = key_themes(quoted, 6, exclude=("Ironpeak", "Data Center Technician"))
    assert {"remote hands tickets", "ServiceNow", "server hardware"} <= set(themes)
    marked = (
        "Warehouse Lead\nKeel\n\nWhat you need\n> Comfort with Excel for basic reporting\n"
        "> Hands-on experience with a WMS and RF scanning\n> Forklift certification\n"
    )
    from twoway.prep._phrases import posting_phrases

    phrases = [p.text for p in posting_phrases(marked)]
    assert "Excel" in phrases and "RF scanning" in phrases  # bullets, not headings


def test_a_name_inside_a_duty_is_not_the_verb_go() -> None:
    text = (
        "Backend Engineer\nFerro\n\nWhat you'll work on\n"
        "- Design and build services in Go that handle payments\n"
        "- Evolve our PostgreSQL schema\n- Own API design for internal APIs\n"
    )
    from twoway.prep._phrases import posting_phrases

    assert "Go" in [p.text for p in posting_phrases(text)]
