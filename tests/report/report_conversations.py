"""Realistic conversations for the report tests, built turn by turn so the numbers add up.

Each builder returns a ``Conversation``; ``conftest.py`` analyzes them into fixtures. Durations
are chosen so shares and scores can be worked out by hand (see the docstrings).
"""

from __future__ import annotations

from twoway.analysis.result import PlanCoverage, PlannedQuestion, Suggestion
from twoway.model import Conversation, Turn

# Plain statements, no question among them: 61 words for twoway ("on-call" counts as two).
_CAREER = (
    "I started out as a support engineer and moved into data work after two years. "
    "At my last company I led the migration of our reporting stack to a streaming pipeline. "
    "That cut the nightly batch from six hours to twenty minutes and the finance team loved it. "
    "I also mentored three junior engineers and set up our on-call rotation. "
)


def _speech(seconds: float, text: str = _CAREER) -> str:
    """Enough repetitions of ``text`` for ``seconds`` of speech at roughly 150 words a minute."""
    words_needed = seconds * 150 / 60
    reps = max(1, round(words_needed / len(text.split())))
    return (text * reps).strip()


def _timed(rows: list[tuple[str | None, float, float, str | None]], source: str) -> Conversation:
    return Conversation(tuple(Turn(*row) for row in rows), source=source, format="vtt")


def monologue_interview() -> Conversation:
    """Alex talks 246 of 320 s (76.875%), asks nothing and holds the floor for 180 s."""
    return _timed(
        [
            ("Dana", 0.0, 20.0, "Thanks for coming in, Alex. Let's start with your background."),
            ("Alex", 20.0, 200.0, _speech(180)),
            ("Dana", 200.0, 230.0, "That sounds like a big project. Why do you want this role?"),
            ("Alex", 230.0, 290.0, _speech(60)),
            ("Dana", 290.0, 310.0, "Great. Do you have any questions for me?"),
            ("Alex", 310.0, 316.0, "No, I think you covered everything."),
            ("Dana", 316.0, 320.0, "Okay, thanks for your time."),
        ],
        "monologue.vtt",
    )


BALANCED_QUESTIONS = (
    "What does a typical day look like for the team?",
    "How do you handle *on-call* for the ingest_service | the pipeline?",
    "Is the team remote or hybrid?",
    "What have you enjoyed most about working here?",
)


def balanced_interview() -> Conversation:
    """Alex talks 150 of 325 s (46%), Dana 175 s; Alex asks four questions (and one "Really?").

    Nine speaker switches in 325 s; the longest floor is 45 s.
    """
    q1, q2, q3, q4 = BALANCED_QUESTIONS
    return _timed(
        [
            ("Dana", 0.0, 30.0, "Welcome. Can you walk me through your last project?"),
            ("Alex", 30.0, 75.0, _speech(45)),
            ("Dana", 75.0, 105.0, "How did you measure whether the migration worked?"),
            ("Alex", 105.0, 150.0, _speech(40) + " " + q1),
            ("Dana", 150.0, 195.0, _speech(40, "Most mornings start with a stand-up. ")),
            ("Alex", 195.0, 200.0, "Really? " + q2),
            ("Dana", 200.0, 230.0, _speech(30, "We rotate weekly and the pager is quiet. ")),
            ("Alex", 230.0, 260.0, "That works for me. " + q3 + " " + q4),
            ("Dana", 260.0, 300.0, _speech(40, "Hybrid, two days in the office. ")),
            ("Alex", 300.0, 325.0, _speech(25)),
        ],
        "balanced.vtt",
    )


def untimed_interview() -> Conversation:
    """A plain-text transcript: no timestamps, so shares are by words.

    Dana says 9 + 5 + 6 = 20 words; Alex 2 x 61 + 14 = 136 words: 136 / 156 = 87%.
    """
    rows = [
        ("Dana", "Thanks for joining. Let's start with your last role."),
        ("Alex", _speech(60)),
        ("Dana", "What was the hardest part?"),
        ("Alex", "Getting the finance team to trust the new numbers. What does success look like?"),
        ("Dana", "Shipping the new dashboards by spring."),
    ]
    turns = tuple(Turn(speaker, None, None, text) for speaker, text in rows)
    return Conversation(turns, source="notes.txt", format="text")


def textless_interview() -> Conversation:
    """Speaker turns with timing but no words (an RTTM file): Alex 60 s, Dana 40 s."""
    return _timed(
        [
            ("Dana", 0.0, 20.0, None),
            ("Alex", 20.0, 60.0, None),
            ("Dana", 60.0, 80.0, None),
            ("Alex", 80.0, 100.0, None),
        ],
        "call.rttm",
    )


def panel_interview() -> Conversation:
    """Three interviewers and Alex, plus a caption line nobody is named for."""
    return _timed(
        [
            (
                "Priya Raman",
                0.0,
                20.0,
                "Welcome, everyone. Alex, let's start with your background.",
            ),
            ("Alex", 20.0, 80.0, _speech(60)),
            ("Marcus Oyelaran-Whitfield", 80.0, 95.0, "How do you approach code review?"),
            ("Alex", 95.0, 140.0, _speech(45) + " How does the team review code today?"),
            ("Jo", 140.0, 170.0, "We pair on anything risky. Um, you know, it works."),
            (None, 170.0, 172.0, "[crosstalk]"),
            ("Alex", 172.0, 200.0, _speech(28)),
            ("Priya Raman", 200.0, 215.0, "Thanks, Alex."),
        ],
        "panel.vtt",
    )


FOLLOW_UP_QUESTION = "How does the team use the data review with product managers?"
PAY_QUESTION = "What is the salary range for this role?"


def questioning_interview() -> Conversation:
    """Alex asks a follow-up, raises pay first, then asks about the role and about Dana.

    Alex talks 60 + 10 + 10 + 40 + 15 = 135 of 290 s (47%), Dana 155 s; ten speaker switches.
    Alex's four questions, by the rules of docs/questions.md and the cues of
    ``_question_topics.py``:

    - 1:50 "How does the team use the data review ..." open; "the team" is a day-to-day cue; it
      shares team, data, review, product and manager(s) with Dana's turn just before: a follow-up.
    - 2:45 "What is the salary range for this role?" open; "salary" (compensation, 4) beats
      "this role" (role, 2). Dana has said nothing about pay yet: compensation raised first.
    - "Is the role remote or hybrid?" choice; remote and hybrid (day to day, 3) beat "the role".
    - "What have you enjoyed most about working here?" open; "enjoyed" makes it about them.

    Dana asks three questions; Alex's answers run 60 s, 40 s and 15 s (median 40 s).
    """
    return _timed(
        [
            (
                "Dana",
                0.0,
                30.0,
                "Thanks for making time, Alex. Tell me about a time you disagreed with a teammate.",
            ),
            ("Alex", 30.0, 90.0, _speech(60)),
            (
                "Dana",
                90.0,
                110.0,
                "Good. The team runs a weekly data review with the product managers.",
            ),
            ("Alex", 110.0, 120.0, FOLLOW_UP_QUESTION),
            (
                "Dana",
                120.0,
                165.0,
                "They bring one open question each week, and we agree on the numbers together.",
            ),
            ("Alex", 165.0, 175.0, PAY_QUESTION),
            (
                "Dana",
                175.0,
                195.0,
                "The recruiter will cover compensation. Why are you interested in this team?",
            ),
            ("Alex", 195.0, 235.0, _speech(40)),
            ("Dana", 235.0, 245.0, "Do you have any other questions?"),
            (
                "Alex",
                245.0,
                260.0,
                "Yes, two. Is the role remote or hybrid? "
                "What have you enjoyed most about working here?",
            ),
            (
                "Dana",
                260.0,
                290.0,
                "Hybrid, two days a week in the office. And honestly, the people.",
            ),
        ],
        "questioning.vtt",
    )


def questioning_plan() -> PlanCoverage:
    """Seven prepared questions for ``questioning_interview``, four of them asked (built by
    hand, as ``twoway.prep`` would match them: asked wording and similarity 0-100)."""
    return PlanCoverage(
        source="acme-plan.md",
        questions=(
            PlannedQuestion("What brought you to Acme?", "them", False, None, 34.0),
            PlannedQuestion(
                "How does the team use the data review?",
                "day_to_day",
                True,
                FOLLOW_UP_QUESTION,
                88.0,
            ),
            PlannedQuestion(
                "What does success look like in the first 90 days?", "role", False, None, 41.0
            ),
            PlannedQuestion(
                "Is the role remote or hybrid?",
                "day_to_day",
                True,
                "Is the role remote or hybrid?",
                100.0,
            ),
            PlannedQuestion(
                "What have you enjoyed most about working here?",
                "them",
                True,
                "what have you enjoyed most about  working here?",
                100.0,
            ),
            PlannedQuestion("What is the salary range?", "compensation", True, PAY_QUESTION, 79.6),
            PlannedQuestion("What are the next steps?", "next_steps", False, None, 22.0),
        ),
    )


def questioning_suggestions() -> tuple[Suggestion, ...]:
    """Follow-ups on what Dana raised, worded as ``twoway.prep`` words them (built by hand)."""
    return (
        Suggestion(
            "Could you tell me more about the weekly data review, and how I would be involved?",
            "weekly data review",
            "Dana brought up weekly data review themselves; asking about it shows you listened, "
            "and it works in a thank-you note or the next round.",
        ),
        Suggestion(
            "What has been the hardest part of agreeing on the numbers for the team?",
            "numbers together",
            "Their answer on how the team decides what to trust left this open.",
        ),
        Suggestion("How do the office days work for the team?", "two days a week", ""),
    )
