"""Plans: balanced over topics, tailored to the job description, deterministic, round-trip."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from twoway.errors import InputError, UsageError
from twoway.prep import Plan, build_plan
from twoway.prep.plan import SCHEMA, answered_by_posting, with_article

JD = (Path(__file__).parents[1] / "data" / "prep" / "data_engineer_jd.txt").read_text()
REQUIRED = {"them", "day_to_day", "role", "growth", "company", "next_steps"}


def test_a_plan_covers_every_required_topic_without_compensation() -> None:
    plan = build_plan("Data Engineer", "Acme", count=10)
    topics = Counter(q.topic for q in plan.questions)
    assert len(plan.questions) == 10
    assert set(topics) >= REQUIRED
    assert "compensation" not in topics
    assert all(q.source == "bank" for q in plan.questions)
    assert len({q.text for q in plan.questions}) == 10


def test_the_smallest_balanced_plan_has_one_question_per_required_topic() -> None:
    plan = build_plan("Data Engineer", "Acme", count=6)
    assert [q.topic for q in plan.questions] == [
        "them",
        "day_to_day",
        "role",
        "company",
        "growth",
        "next_steps",
    ]


def test_questions_are_ordered_by_stage() -> None:
    plan = build_plan("Data Engineer", "Acme", JD, count=12)
    order = {"opening": 0, "middle": 1, "closing": 2}
    stages = [order[q.stage] for q in plan.questions]
    assert stages == sorted(stages)
    assert plan.questions[0].stage == "opening" and plan.questions[-1].stage == "closing"


def test_job_description_adds_tailored_questions() -> None:
    plan = build_plan("Data Engineer", "Acme", JD, interviewer="Dana Lee", count=10)
    tailored = [q for q in plan.questions if q.source.startswith("job description: ")]
    assert len(tailored) == 3
    # "How does the team use X?" for a tool the posting has people work in ("pipelines in
    # Python"); duties get the theme templates, "the" before a singular count noun only (not
    # before "monitoring and alerting", a duty of its own clause: "..., set up monitoring and
    # alerting, and lead incident reviews").
    assert [q.text for q in tailored] == [
        "How does the team use Python today?",
        "The description mentions data quality: how does the team approach it today?",
        "What would you want the new person to improve about monitoring and alerting in the "
        "first few months?",
    ]
    assert all(q.stage == "middle" and "Dana" in q.why for q in tailored)
    assert {q.topic for q in plan.questions} >= REQUIRED
    assert plan.themes[:3] == ("Python", "dbt", "Kafka")


def test_tailored_count_stays_between_two_and_four() -> None:
    for count, expected in ((8, 2), (10, 3), (15, 4), (30, 4)):
        plan = build_plan("Data Engineer", "Acme", JD, count=count)
        got = sum(q.source != "bank" for q in plan.questions)
        assert got == expected, count
        assert len(plan.questions) == count


def test_a_question_the_posting_answers_is_left_out() -> None:
    # The posting says "an on-call rotation (one week in six)": asking how on-call works would
    # show you did not read it.
    tailored = build_plan("Data Engineer", "Acme", JD, count=15)
    on_call = "How does the team handle on-call and incidents?"
    assert on_call not in [q.text for q in tailored.questions]
    assert answered_by_posting(on_call, JD)
    assert not answered_by_posting(on_call, "We build data pipelines.")


@pytest.mark.parametrize(
    ("theme", "written"),
    [
        ("monthly churn review", "the monthly churn review"),
        ("A/B tests", "A/B tests"),
        ("dbt", "dbt"),
        ("lifecycle marketing", "lifecycle marketing"),
        ("qualitative research", "qualitative research"),
        ("Snowflake data warehouse", "Snowflake data warehouse"),
        ("month-end close process", "the month-end close process"),
        ("team wellness", "team wellness"),
    ],
)
def test_themes_get_an_article_only_where_english_needs_one(theme: str, written: str) -> None:
    assert with_article(theme) == written


def test_placeholders_are_filled() -> None:
    plan = build_plan("Data Engineer", "Acme", interviewer="Dana Lee", count=12)
    texts = " ".join(q.text + q.why for q in plan.questions)
    assert "{" not in texts
    assert "What brought you to Acme?" in [q.text for q in plan.questions]
    anonymous = build_plan("Data Engineer", "Acme", count=12)
    assert "Dana" not in " ".join(q.why for q in anonymous.questions)


def test_deterministic() -> None:
    a = build_plan("Data Engineer", "Acme", JD, interviewer="Dana Lee")
    b = build_plan("Data Engineer", "Acme", JD, interviewer="Dana Lee")
    assert a == b and a.to_dict() == b.to_dict()


def test_compensation_only_when_asked() -> None:
    plan = build_plan("Data Engineer", "Acme", count=8, compensation=True)
    comp = [q for q in plan.questions if q.topic == "compensation"]
    assert len(comp) == 1 and comp[0].note == "Only after they raise pay, or in a later round."
    assert {q.topic for q in plan.questions} >= REQUIRED


def test_networking_is_mostly_about_them() -> None:
    plan = build_plan("Data Scientist", "Acme", mode="networking", count=8)
    topics = Counter(q.topic for q in plan.questions)
    assert topics["them"] >= 3
    assert "Who else would you recommend I talk to?" in [q.text for q in plan.questions]
    assert "compensation" not in topics


def test_bad_arguments() -> None:
    with pytest.raises(UsageError, match="--count must be between 3 and 30; got 2"):
        build_plan("Data Engineer", "Acme", count=2)
    with pytest.raises(UsageError, match="unknown mode 'party'"):
        build_plan("Data Engineer", "Acme", mode="party")
    with pytest.raises(UsageError, match="must not be empty"):
        build_plan(" ", "Acme")


def test_json_round_trip() -> None:
    plan = build_plan("Data Engineer", "Acme", JD, interviewer="Dana Lee")
    data = plan.to_dict()
    assert data["schema"] == SCHEMA == "twoway.plan/1"
    assert set(data["questions"][0]) == {"text", "topic", "stage", "why", "source", "note"}
    assert Plan.from_dict(data, "plan.json") == plan


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "not a twoway plan: expected a JSON object"),
        (
            {"schema": "twoway.analysis/1"},
            "not a twoway plan: schema is 'twoway.analysis/1', expected 'twoway.plan/1'",
        ),
        (
            {"mode": "interview", "role": "x", "company": "y", "questions": []},
            "not a twoway plan: 'questions' must be a non-empty list",
        ),
        (
            {
                "mode": "interview",
                "role": "x",
                "company": "y",
                "questions": [{"text": "Why?", "topic": "weather", "stage": "middle"}],
            },
            "not a twoway plan: question 1: topic 'weather' is not one of them, day_to_day, "
            "company, role, growth, next_steps, compensation, self, other",
        ),
        (
            {"mode": "interview", "role": "x", "company": "y", "questions": [{"topic": "them"}]},
            "not a twoway plan: question 1: 'stage' must be a non-empty string",
        ),
    ],
)
def test_bad_plan_files_name_the_file(data: Any, message: str) -> None:
    if isinstance(data, dict) and "schema" not in data:
        data = {"schema": SCHEMA, **data}
    with pytest.raises(InputError) as info:
        Plan.from_dict(data, "plan.json")
    assert info.value.path == "plan.json"
    assert str(info.value) == f"plan.json: {message}"


def test_tailored_questions_skip_credentials_verbs_and_places() -> None:
    posting = (
        "Registered Dental Hygienist\nMaple Dental - Lansing, MI\n\nWhat you'll do\n"
        "- Contact patients about recall visits\n"
        "- Perform prophylaxis and scaling and root planing\n"
        "- Take digital radiographs and chart in Dentrix\n"
        "- Deliver oral hygiene instruction to patients and families\n\n"
        "Requirements\n- Current state RDH license\n- BLS/CPR certification\n"
        "- Local anesthesia permit\n"
    )
    plan = build_plan("Dental Hygienist", "Maple Dental", posting, interviewer="Dana Lee")
    tailored = [q.source.split(": ", 1)[1] for q in plan.questions if q.source != "bank"]
    assert len(tailored) >= 2
    for theme in tailored:
        low = theme.lower()
        assert not any(w in low for w in ("license", "certification", "permit", "lansing"))
        assert not theme.startswith(("Contact", "Perform", "Take", "Deliver"))


def test_bank_questions_the_posting_answers_are_left_out() -> None:
    posting = (
        "Inside Sales Representative\nTrueline Supply\n\nResponsibilities\n"
        "- Quote and process orders\n- Build account reorders\n- Answer inbound calls\n\n"
        "What you'll get\n- Paid, structured training: four weeks shadowing senior reps\n"
        "- You will join a team of about 12 reps and report to the Sales Manager\n"
        "- This is an in-office position\n\nHow to apply\n"
        "Our process is a phone screen, a role-play and a panel interview.\n"
    )
    for count in (10, 16, 24):
        texts = [
            q.text
            for q in build_plan("Inside Sales Rep", "Trueline", posting, count=count).questions
        ]
        assert "Is there a mentoring program or a budget for training and conferences?" not in texts
        assert "How does onboarding work for new people on the team?" not in texts
        assert "How does the team balance remote and office days?" not in texts
        assert "Who else will I meet with during the process?" not in texts
        assert not any(t.startswith("Who would I report to") for t in texts)


def test_plans_for_different_postings_vary_but_each_is_stable() -> None:
    a = build_plan("Data Engineer", "Acme", JD, interviewer="Dana Lee")
    b = build_plan(
        "Line Cook",
        "Juniper & Salt",
        "Prep lists\n- Run the flat-top\n- Keep ticket times low\n- Do line checks\n",
        interviewer="Dana Lee",
    )
    bank_a = {q.text for q in a.questions if q.source == "bank"}
    bank_b = {q.text for q in b.questions if q.source == "bank"}
    assert bank_a != bank_b
    assert build_plan("Data Engineer", "Acme", JD, interviewer="Dana Lee") == a


def test_a_development_budget_and_a_recruiter_screen_answer_bank_questions() -> None:
    budget = "Is there a mentoring program or a budget for training and conferences?"
    meet = "Who else will I meet with during the process?"
    perks = "Perks: a $1,800 yearly learning & development budget and a phone stipend."
    assert answered_by_posting(budget, perks)
    assert answered_by_posting(budget, "We give you $1,200 a year for conferences and books.")
    steps = "What happens next: recruiter screen, then a hiring manager interview."
    assert answered_by_posting(meet, steps)
    assert not answered_by_posting(meet, "You will screen incoming tickets for duplicates.")
