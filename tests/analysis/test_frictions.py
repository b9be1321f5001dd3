"""Frictions a new user hit (issue 13), each on a realistic conversation worked out by hand.

1. Panels: the talk-share target depends on how many people took part (docs/metrics.md, "Targets").
2. Backchannels: a listener's "mm-hmm" neither ends a speech (floors) nor counts as turn-taking
   (switches per minute, the interactivity points).
3. Networking: balance dominance is judged against the mode's band, and praise is a kind of
   feedback of its own, so renderers can show it without a priority marker.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from twoway.analysis import Targets, analyze, targets_for
from twoway.analysis.result import Analysis, Score
from twoway.analysis.targets import count_participants
from twoway.analysis.timeline import balance_label
from twoway.model import Conversation, Turn

ROOT = Path(__file__).parents[2]


def points(result_score: Score) -> dict[str, float | None]:
    return {c.name: c.points for c in result_score.components}


def codes(result: Analysis) -> list[str]:
    return [f.code for f in result.feedback]


def message(result: Analysis, code: str) -> str:
    return next(f.message for f in result.feedback if f.code == code)


# -- 1. panels ------------------------------------------------------------------------------

MARIA, TOM, PRIYA, SAM, KIM = "Maria Lopez", "Tom Becker", "Priya Shah", "Sam Patel", "Kim Ng"

# A three-person panel (the case): talk Maria 20 + 25 + 25 = 70 s, Tom 18 + 20 + 18 = 56 s,
# Sam 24 + 24 + 18 + 8 = 74 s; 200 s in all, so Sam 37%, more than either interviewer (35%, 28%).
PANEL_OF_THREE = (
    Turn(
        MARIA,
        0,
        20,
        "Thanks for coming in, Sam. I lead the analytics team, and Tom is on "
        "platform. Could you walk us through your background?",
    ),
    Turn(
        SAM,
        21,
        45,
        "Sure. I started as an analyst at a logistics company, moved into "
        "analytics engineering, and for two years I have owned our dbt project.",
    ),
    Turn(
        TOM, 46, 64, "You mentioned dbt. How do you test your models before they reach production?"
    ),
    Turn(
        SAM,
        65,
        89,
        "Every model has schema tests, and the important ones have row-count "
        "and freshness checks that block the deploy when they fail.",
    ),
    Turn(
        MARIA,
        90,
        115,
        "That is close to what we do. What would you want to learn in your first six months here?",
    ),
    Turn(
        SAM,
        116,
        134,
        "Mostly the streaming side. I have only used batch pipelines so far, "
        "and I would like to own a real-time job.",
    ),
    Turn(
        TOM,
        135,
        155,
        "You would. We are moving the billing events to Kafka this year, and "
        "the new hire would pair with me on it.",
    ),
    Turn(SAM, 156, 164, "What does a typical week look like for the team?"),
    Turn(
        MARIA,
        165,
        190,
        "A planning meeting on Monday, a demo on Friday, and in between "
        "mostly focused time, with one day a week for support.",
    ),
    Turn(TOM, 191, 209, "And on-call is one week in six, shared with the platform team."),
)

# A four-person panel: Maria 15 + 20 + 15 = 50 s, Tom 14 + 30 = 44 s, Priya 18 + 20 = 38 s,
# Sam 24 + 24 + 20 = 68 s; 200 s, so Sam 34% (25%, 22%, 19% for the panel).
PANEL_OF_FOUR = (
    Turn(
        MARIA,
        0,
        15,
        "Welcome, Sam. Tom, Priya and I will each ask a few questions. Could "
        "you start with your current role?",
    ),
    Turn(
        SAM,
        16,
        40,
        "I am an analytics engineer at a logistics company: I own the dbt "
        "project and the dashboards our operations team uses every day.",
    ),
    Turn(TOM, 41, 55, "How do you decide when a model needs to be incremental?"),
    Turn(
        SAM,
        56,
        80,
        "When a full rebuild takes longer than the freshness we promised, or "
        "costs more than the warehouse budget allows for it.",
    ),
    Turn(PRIYA, 81, 99, "Tell us about a time you disagreed with a stakeholder."),
    Turn(
        SAM,
        100,
        120,
        "Our finance lead wanted a metric we could not compute reliably; I "
        "showed her the gaps and we agreed on a weekly version.",
    ),
    Turn(
        MARIA,
        121,
        141,
        "That is a good example. Our stakeholders are mostly in sales and "
        "finance, so that happens here too.",
    ),
    Turn(
        TOM,
        142,
        172,
        "On the platform side we run Airflow and Snowflake, and we are "
        "moving the billing events to a streaming pipeline this year.",
    ),
    Turn(
        PRIYA,
        173,
        193,
        "From the people side: the team is six, and we hire for curiosity "
        "more than for any particular tool.",
    ),
    Turn(MARIA, 194, 209, "We will be in touch by Friday about next steps."),
)

# One-to-one, with a recruiter who only says hello: Kim 4 s (2%), Maria 20 + 30 + 30 + 24 = 104 s,
# Sam 30 + 30 + 32 = 92 s; 200 s, Sam 46%.
ONE_TO_ONE_WITH_NOTE_TAKER = (
    Turn(KIM, 0, 4, "Hi both, I'm Kim from recruiting, just here to take notes."),
    Turn(MARIA, 5, 25, "Thanks, Kim. Sam, could you tell me about your current role?"),
    Turn(
        SAM,
        26,
        56,
        "I am an analytics engineer at a logistics company; I own the dbt "
        "project and the dashboards the operations team uses.",
    ),
    Turn(
        MARIA,
        57,
        87,
        "Great. Our team is six people, and we support sales and finance. "
        "Tell me about a time a pipeline broke in production.",
    ),
    Turn(
        SAM,
        88,
        118,
        "Last spring a vendor changed a file format overnight. I paused the "
        "loads, patched the parser and added a contract test.",
    ),
    Turn(
        MARIA,
        119,
        149,
        "That is the kind of thing that happens here too, mostly with the "
        "billing data. It is a busy quarter for us.",
    ),
    Turn(
        SAM,
        150,
        182,
        "What would success look like in the first six months? And how does "
        "the team share what it learns?",
    ),
    Turn(MARIA, 183, 207, "Owning the billing models, and we do a demo every Friday."),
)


def test_three_person_panel_is_judged_against_a_fair_share() -> None:
    result = analyze(Conversation(PANEL_OF_THREE), me="Sam")
    sam = result.speaker(SAM)
    assert sam.talk_share == pytest.approx(74 / 200)
    assert result.speaker(MARIA).talk_share == pytest.approx(70 / 200)
    assert result.speaker(TOM).talk_share == pytest.approx(56 / 200)
    assert result.participants == 3
    # The one-to-one 50% and its low end 40% times 2/3; the high end stays at half the time.
    assert (result.targets.share, result.targets.share_low, result.targets.share_high) == (
        0.3333,
        0.2667,
        0.5,
    )
    assert result.score is not None and points(result.score)["balance"] == 40.0
    assert "share_low" not in codes(result)  # was "You spoke only 37%; ... aim near 50%"
    on_target = next(f for f in result.feedback if f.code == "share_on_target")
    assert on_target.kind == "praise"
    assert on_target.message == (
        "Your share (37%) is within the 27-50% target for 3 people: a two-way conversation."
    )
    assert result.score.components[0].detail == "your share 37%; target 27-50% for 3 people"
    # Dominance is judged beyond the scaled band: 50% + 10 and 26.67% - 10.
    assert result.balance is not None
    assert result.balance.me_dominates_at == pytest.approx(0.6)
    assert result.balance.them_dominate_at == pytest.approx(0.1667)
    assert result.to_dict()["participants"] == 3


def test_four_person_panel_target_is_a_quarter() -> None:
    result = analyze(Conversation(PANEL_OF_FOUR), me="Sam")
    assert result.speaker(SAM).talk_share == pytest.approx(68 / 200)
    assert result.participants == 4
    assert (result.targets.share, result.targets.share_low, result.targets.share_high) == (
        0.25,
        0.2,
        0.5,
    )
    # 34%, more than any one of three interviewers and under half the time: on target.
    assert result.score is not None and points(result.score)["balance"] == 40.0
    assert "share_high" not in codes(result)
    # Past half the time is too much even in a panel.
    from twoway.analysis.targets import targets_for

    panel = targets_for("interview").for_participants(4)
    assert not panel.contains(0.55) and panel.contains(0.21) and not panel.contains(0.19)


def test_one_to_one_keeps_its_band_and_a_note_taker_is_no_panelist() -> None:
    result = analyze(Conversation(ONE_TO_ONE_WITH_NOTE_TAKER), me="Sam")
    assert result.speaker(KIM).talk_share == pytest.approx(4 / 200)  # under 5%
    assert result.speaker(SAM).talk_share == pytest.approx(92 / 200)
    assert result.participants == 2
    assert (result.targets.share, result.targets.share_low, result.targets.share_high) == (
        0.5,
        0.4,
        0.6,
    )
    assert message(result, "share_on_target") == (
        "Your share (46%) is within the 40-60% target: a two-way conversation."
    )
    assert result.balance is not None
    levels = (result.balance.me_dominates_at, result.balance.them_dominate_at)
    assert levels == pytest.approx((0.7, 0.3))


def test_networking_targets_scale_too() -> None:
    result = analyze(Conversation(PANEL_OF_THREE), me="Sam", mode="networking")
    # 20% (10-30%) times 2/3.
    assert (result.targets.share, result.targets.share_low, result.targets.share_high) == (
        0.1333,
        0.0667,
        0.2,
    )
    assert message(result, "share_high").startswith(
        "You spoke 37% of the time; when networking with 3 people aim near 13%:"
    )


def test_explicit_targets_are_not_scaled() -> None:
    # --target 50 (or --band) is the user's choice: kept as given, even for a panel.
    chosen = targets_for("interview").with_share(0.5)
    result = analyze(Conversation(PANEL_OF_THREE), me="Sam", targets=chosen)
    assert result.participants == 3
    assert (result.targets.share_low, result.targets.share_high) == (0.4, 0.6)
    assert "share_low" in codes(result)
    # A Targets built by hand (as a saved analysis is re-analyzed) is used as it is, too.
    fixed = Targets(share=0.3333, share_low=0.2667, share_high=0.4, monologue_s=90, questions=4)
    again = analyze(Conversation(PANEL_OF_THREE), me="Sam", targets=fixed)
    assert (again.targets.share, again.targets.share_low) == (0.3333, 0.2667)


def test_without_timing_participants_are_counted_by_words() -> None:
    untimed = Conversation(tuple(Turn(t.speaker, None, None, t.text) for t in PANEL_OF_FOUR))
    result = analyze(untimed, me="Sam")
    assert result.share_basis == "words" and result.participants == 4
    assert result.targets.share == 0.25


def test_count_participants() -> None:
    assert count_participants({"A": 0.6, "B": 0.4}) == 2
    assert count_participants({"A": 0.5, "B": 0.3, "C": 0.2}) == 3
    assert count_participants({"A": 0.55, "B": 0.41, "C": 0.04}) == 2  # C only said hello
    assert count_participants({"A": 0.55, "B": 0.41, "C": 0.04}, me="C") == 3  # "me" counts
    assert count_participants({"A": 0.5, "B": 0.5, "C": 0.05}) == 3  # 5% is enough
    assert count_participants({"A": 1.0}) == 2  # never fewer than two
    assert count_participants({}) == 2


def test_metrics_doc_targets_table_matches_the_code() -> None:
    doc = (ROOT / "docs" / "metrics.md").read_text(encoding="utf-8")
    rows = re.findall(
        r"^\| (\d) \| ([\d.]+)% \(([\d.]+)-([\d.]+)%\) \| ([\d.]+)% \(([\d.]+)-([\d.]+)%\) \|$",
        doc,
        re.MULTILINE,
    )
    assert [int(r[0]) for r in rows] == [2, 3, 4]
    for row in rows:
        for mode, cells in (("interview", row[1:4]), ("networking", row[4:7])):
            t = targets_for(mode).for_participants(int(row[0]))
            expected = (t.share, t.share_low, t.share_high)
            assert [float(c) / 100 for c in cells] == pytest.approx(expected, abs=1e-6)


# -- 2. backchannels ------------------------------------------------------------------------

DANA, ALEX = "Dana Lee", "Alex Rivera"
SPEECH_A = (
    "So the migration started because our nightly batch was taking nine hours, and the finance "
    "team needed numbers by seven in the morning. I spent the first month mapping every job and "
    "every table it touched, and it turned out a third of them were not used by anyone anymore, "
    "so we retired those first."
)
SPEECH_B = (
    "And then we moved the rest in three waves, starting with the jobs that had the clearest "
    "owners. Each wave ran in parallel with the old pipeline for two weeks, and we compared row "
    "counts and totals every morning before we switched anything off."
)


def speech_with_mm_hmm(pause_s: float) -> Conversation:
    """Alex answers for 2 min; Dana says "Mm-hmm." once, ``pause_s`` after Alex stops, and Alex
    goes on 1 s after it. Then one more question and answer."""
    bc_start = 82.0 + pause_s
    return Conversation(
        (
            Turn(DANA, 0.0, 6.0, "So tell me about the migration project you led last year."),
            Turn(ALEX, 7.0, 82.0, SPEECH_A),
            Turn(DANA, bc_start, bc_start + 0.5, "Mm-hmm."),
            Turn(ALEX, bc_start + 1.5, bc_start + 46.5, SPEECH_B),
            Turn(DANA, 130.5, 136.5, "That is a big project. How did you get the teams on board?"),
            Turn(
                ALEX,
                137.5,
                167.5,
                "Mostly by showing each team its own numbers side by side, "
                "old and new, every morning for two weeks.",
            ),
        )
    )


def test_a_mm_hmm_between_two_pauses_does_not_split_a_speech() -> None:
    # Alex stops at 82.0; "Mm-hmm." 83.0-83.5; Alex again at 84.5: 2.5 s between the two halves,
    # but never 2 s of silence. One floor, 7.0-129.5 = 122.5 s: a monologue over 90 s.
    result = analyze(speech_with_mm_hmm(pause_s=1.0), me="Alex")
    alex = result.speaker(ALEX)
    assert alex.longest_monologue_s == pytest.approx(122.5)  # was 75 s (7.0-82.0)
    assert [(m.start_s, m.end_s) for m in result.monologues] == [(7.0, 129.5)]
    assert alex.turns == 3  # turns are unchanged: the "Mm-hmm." still separates two turns
    # Floors Dana, Alex, Dana, Alex: 3 switches in 167.5 s (the turns give 5).
    assert result.switches_per_min == pytest.approx(3 / (167.5 / 60))
    assert result.score is not None
    # 15 * (1.0746 / 2) = 8.06 (was 15 * 1.791 / 2 = 13.4 with the "Mm-hmm." counted).
    assert points(result.score)["interactivity"] == 8.1
    # Dana's question is answered by the whole speech.
    first = result.questions[0]
    assert first.speaker == DANA and first.answer_s == pytest.approx(122.5)


def test_a_real_pause_still_ends_the_floor() -> None:
    # Alex stops at 82.0 and 3 s pass before Dana's "Mm-hmm." (85.0-85.5): a silence of 2 s or
    # more, so Alex's next words (86.5) start a new floor, as they would without the "Mm-hmm.".
    result = analyze(speech_with_mm_hmm(pause_s=3.0), me="Alex")
    assert result.speaker(ALEX).longest_monologue_s == pytest.approx(75.0)
    assert result.monologues == ()
    # Floors Dana, Alex, Alex, Dana, Alex: still 3 switches.
    assert result.switches_per_min == pytest.approx(3 / (167.5 / 60))


def test_monologue_example_gets_no_interactivity_from_mm_hmms() -> None:
    path = ROOT / "examples" / "monologue_interview.vtt"
    if not path.exists():
        pytest.skip("examples/ not present")
    import twoway

    result = analyze(twoway.load(path), me="Alex")
    # The turns change speaker 34 times; Dana's six backchannels inside Alex's answers ("Mm-hmm."
    # four times, "Yeah.", "Right.") made two of those each, and her last "Bye now." one: 21
    # floor changes in 876.86 s (3.068 to 879.928), 1.44 a minute, not 2.33.
    assert result.duration_s == pytest.approx(876.86)
    assert result.switches_per_min == pytest.approx(21 / (876.86 / 60))
    assert result.score is not None
    assert points(result.score)["interactivity"] == 10.8  # 15 * 1.437 / 2; was 15
    assert result.speaker(ALEX).longest_monologue_s == pytest.approx(208.0, abs=0.1)


# -- 3. networking ---------------------------------------------------------------------------

JORDAN, SAM_O = "Jordan Patel", "Sam Okafor"
JORDAN_ASKS = (
    "Thanks for making time, Sam. How did you move from teaching into data science?",
    "That's a big jump. What was the hardest part of the first year?",
    "What does a normal week look like for you now?",
    "Which of your projects are you proudest of, and why?",
    "How did your teaching background help you on that team?",
    "What would you do differently if you were starting the switch today?",
    "Which communities or meetups were worth your time back then?",
    "Interesting, I hadn't heard of that one. Who else would you suggest I talk to?",
    "This was really helpful. Would it be all right to follow up in a few weeks?",
)
SAM_SAYS = (
    "It took about two years. I started with evening courses, then a bootcamp, and I kept "
    "teaching statistics while I built a portfolio of small projects with school data.",
    "Honestly the pace. In a school you plan a semester ahead; at a startup the priorities "
    "changed every sprint, and I had to learn to ship something imperfect and improve it.",
    "Mostly modelling and a lot of meetings. I spend mornings on experiments and afternoons "
    "with the product managers, explaining what the numbers can and cannot tell them.",
    "A churn model for a subscription product. It was simple, but the team actually used it, "
    "and it changed how they planned their retention campaigns for the whole year.",
    "Explaining things. Half of the job is teaching people what a confidence interval means, "
    "and after ten years in a classroom that was the easy part for me.",
    "I would find a mentor earlier. I wasted months on courses that did not matter, when one "
    "conversation like this one would have pointed me to the right two or three.",
    "The local R users group, and a data-for-good group that matched volunteers with "
    "charities; that is where I got my first real project and my first reference.",
    "A colleague of mine made the same switch from nursing last year. I'm happy to "
    "introduce you; she remembers the hard parts better than I do now.",
    "Of course. Send me a note with what you've built by then and I'll take a look at it, "
    "and let me know how the conversation with my colleague goes.",
)


def networking_chat() -> Conversation:
    """Nine rounds of 40 s: Jordan asks for 8 s, Sam answers for 30 s. Jordan 8 of every 38 s
    spoken: 72 / 342 = 21%, on the networking target."""
    turns: list[Turn] = []
    for k, (ask, answer) in enumerate(zip(JORDAN_ASKS, SAM_SAYS, strict=True)):
        turns.append(Turn(JORDAN, 40.0 * k, 40.0 * k + 8, ask))
        turns.append(Turn(SAM_O, 40.0 * k + 9, 40.0 * k + 39, answer))
    return Conversation(tuple(turns))


def test_a_textbook_networking_chat_is_not_dominated_by_them() -> None:
    result = analyze(networking_chat(), me="Jordan", mode="networking")
    assert result.speaker(JORDAN).talk_share == pytest.approx(72 / 342)
    balance = result.balance
    assert balance is not None
    shares = [w.me_share for w in balance.windows]
    # Windows 0-150, 30-180, ..., 180-330 and 209-359; the first: Jordan 4 * 8 = 32 s, Sam
    # 3 * 30 + 21 (129-150) = 111 s.
    assert shares[0] == pytest.approx(32 / 143)
    assert all(s is not None and 0.15 < s < 0.30 for s in shares)
    # Judged as a one-to-one interview (30% and 70%), every window was "dominated by them".
    assert balance_label(shares) == ("dominated", "them")
    # Against networking's band (10-30%): dominated by me from 40%, by them only at 0%.
    assert (balance.me_dominates_at, balance.them_dominate_at) == pytest.approx((0.4, 0.0))
    assert (balance.label, balance.dominant) == ("back_and_forth", None)
    data = result.to_dict()["balance"]
    assert data["me_dominates_at"] == 0.4 and data["them_dominate_at"] == 0.0


def test_praise_is_a_kind_of_feedback() -> None:
    result = analyze(networking_chat(), me="Jordan", mode="networking")
    kinds = {f.code: f.kind for f in result.feedback}
    assert kinds["share_on_target"] == "praise"
    assert kinds["questions_on_target"] == "praise"  # 9 asked, target 6
    assert all(kind == "advice" for code, kind in kinds.items() if not code.endswith("_target"))
    assert {"code": "share_on_target", "kind": "praise"}.items() <= next(
        f for f in result.to_dict()["feedback"] if f["code"] == "share_on_target"
    ).items()
    # Advice stays advice: a one-to-one interview where Jordan spoke 21% is below 40-60%.
    interview = analyze(networking_chat(), me="Jordan")
    low = next(f for f in interview.feedback if f.code == "share_low")
    assert (low.priority, low.kind) == (1, "advice")
