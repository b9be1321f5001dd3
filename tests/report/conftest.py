"""Fixtures: the conversations of ``report_conversations.py``, analyzed (with "me" = Alex).

``prepared`` adds a hand-built plan and suggestions, which ``twoway.prep`` fills in real runs.
"""

from __future__ import annotations

import dataclasses

import pytest
from report_conversations import (
    balanced_interview,
    monologue_interview,
    panel_interview,
    questioning_interview,
    questioning_plan,
    questioning_suggestions,
    textless_interview,
    untimed_interview,
)

from twoway.analysis import Analysis, analyze


@pytest.fixture
def monologue() -> Analysis:
    return analyze(monologue_interview(), me="alex")


@pytest.fixture
def balanced() -> Analysis:
    return analyze(balanced_interview(), me="Alex")


@pytest.fixture
def untimed() -> Analysis:
    return analyze(untimed_interview(), me="Alex")


@pytest.fixture
def textless() -> Analysis:
    return analyze(textless_interview(), me="Alex")


@pytest.fixture
def no_me() -> Analysis:
    return analyze(balanced_interview())


@pytest.fixture
def panel() -> Analysis:
    return analyze(panel_interview(), me="Alex")


@pytest.fixture
def questioning() -> Analysis:
    return analyze(questioning_interview(), me="Alex")


@pytest.fixture
def prepared(questioning: Analysis) -> Analysis:
    return dataclasses.replace(
        questioning, plan=questioning_plan(), suggestions=questioning_suggestions()
    )
