"""The curated question bank: size, valid tags, the three example questions, topic agreement."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from twoway.analysis.questions import TOPICS, topic_of
from twoway.errors import InputError
from twoway.prep import load_bank
from twoway.prep.bank import MODES, STAGES

EXAMPLES = (
    "What is a typical day here like?",
    "What have you enjoyed most about working here?",
    "Are there professional organizations you would recommend?",
)


def test_bank_has_at_least_60_questions_with_valid_tags() -> None:
    bank = load_bank()
    assert len(bank) >= 60
    for q in bank:
        assert q.topic in TOPICS and q.stage in STAGES
        assert q.modes and set(q.modes) <= set(MODES)
        assert q.text.endswith("?"), q.text
        assert q.why.endswith("."), q.why
    assert len({q.text for q in bank}) == len(bank)


def test_the_three_example_questions_are_in_the_bank_verbatim() -> None:
    texts = {q.text for q in load_bank()}
    for example in EXAMPLES:
        assert example in texts


def test_every_topic_a_plan_needs_has_questions_in_both_modes() -> None:
    bank = load_bank()
    for mode in MODES:
        topics = Counter(q.topic for q in bank if mode in q.modes)
        for topic in ("them", "day_to_day", "growth", "company", "next_steps"):
            assert topics[topic] >= 2, (mode, topic)
    assert Counter(q.topic for q in bank if "interview" in q.modes)["role"] >= 5


def test_compensation_questions_say_when_to_ask_them() -> None:
    comp = [q for q in load_bank() if q.topic == "compensation"]
    assert comp and all(q.note and "after they raise" in q.note for q in comp)
    assert all(q.stage == "closing" for q in comp)


def test_topic_of_agrees_with_the_bank_tags() -> None:
    bank = load_bank()
    disagree = [
        (q.text, q.topic, topic_of(q.text.replace("{company}", "Acme")))
        for q in bank
        if topic_of(q.text.replace("{company}", "Acme")) != q.topic
    ]
    agreement = 1 - len(disagree) / len(bank)
    # 65 of 66 at the time of writing; the one miss is "How did you end up in your current
    # role?" (topic_of knows "ended up" but not "end up").
    assert agreement >= 0.95, disagree


def test_a_users_bank_file_is_validated(tmp_path: Path) -> None:
    good = tmp_path / "bank.toml"
    good.write_text(
        '[[question]]\ntext = "What do you like about {company}?"\ntopic = "them"\n'
        'stage = "middle"\nmodes = ["interview"]\nwhy = "Because."\n',
        encoding="utf-8",
    )
    assert load_bank(good)[0].modes == ("interview",)
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[[question]]\ntext = "What?"\ntopic = "weather"\nstage = "middle"\n'
        'modes = ["interview"]\nwhy = "x"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_bank(bad)
    assert str(info.value) == (
        f"{bad}: question 1: topic 'weather' is not one of them, day_to_day, company, role, "
        "growth, next_steps, compensation, self, other"
    )
    with pytest.raises(InputError, match="no such file"):
        load_bank(tmp_path / "missing.toml")
