"""The metrics of docs/metrics.md on a small interview worked out by hand.

The conversation (seconds):

    1 Dana  0.0-  6.0  "Thanks for joining today. What brought you to data engineering?"   10 words
    2 Alex  6.5- 36.5  "Sure. Um, I studied statistics and I have built data pipelines
                        for four years."                                                    14 words
    3 Dana 20.0- 20.5  "Mm-hmm."  (a backchannel inside Alex's answer)                       2 words
    4 Alex 37.0- 97.0  "At my last job I led the migration to a streaming platform,
                        you know, it was hard."                                             17 words
    5 Dana 96.0-100.0  "That sounds great. What does success look like for you?"           10 words
    6 Alex 100.8-110.8 "Shipping reliable data. What is a typical day here like?
                        And who would I work with most?"                                    17 words
    7 Dana 111.6-131.6 "We start with a standup, and then we pair on pipelines."            11 words

Talk: Alex 30 + 60 + 10 = 100 s; Dana 6 + 0.5 + 4 + 20 = 30.5 s; total 130.5 s.
Turns (same speaker, gap < 2 s): all seven stay apart (2 and 4 are split by Dana's "Mm-hmm"),
so Alex has 3 turns, Dana 4.
Floors (backchannel 3 left out): Dana 0.0-6.0, Alex 6.5-97.0 (90.5 s, a monologue over 90 s), Dana
96.0-100.0, Alex 100.8-110.8, Dana 111.6-131.6: 4 switches in 131.6 s (the "Mm-hmm." is not one).
Reply gaps between floors: 6.5-6.0 = 0.5 (Alex), 96.0-97.0 = -1.0 (Dana), 100.8-100.0 = 0.8 (Alex),
111.6-110.8 = 0.8 (Dana).
Interruption: Dana's turn 5 starts 1.0 s before Alex's turn 4 ends (> 0.3 s).
"""

from __future__ import annotations

import pytest

from twoway.analysis import Mode, Targets, analyze
from twoway.errors import SpeakerError, UsageError
from twoway.model import Conversation, Turn

DANA, ALEX = "Dana Lee", "Alex Rivera"

SEGMENTS = (
    Turn(DANA, 0.0, 6.0, "Thanks for joining today. What brought you to data engineering?"),
    Turn(
        ALEX,
        6.5,
        36.5,
        "Sure. Um, I studied statistics and I have built data pipelines for four years.",
    ),
    Turn(DANA, 20.0, 20.5, "Mm-hmm."),
    Turn(
        ALEX,
        37.0,
        97.0,
        "At my last job I led the migration to a streaming platform, you know, it was hard.",
    ),
    Turn(DANA, 96.0, 100.0, "That sounds great. What does success look like for you?"),
    Turn(
        ALEX,
        100.8,
        110.8,
        "Shipping reliable data. What is a typical day here like? And who would I work with most?",
    ),
    Turn(DANA, 111.6, 131.6, "We start with a standup, and then we pair on pipelines."),
)


@pytest.fixture()
def interview() -> Conversation:
    return Conversation(SEGMENTS, source="hand.vtt", format="vtt")


def test_talk_time_words_and_shares(interview: Conversation) -> None:
    result = analyze(interview, me="Alex")
    alex, dana = result.speaker(ALEX), result.speaker(DANA)
    assert result.me == ALEX and alex.is_me and not dana.is_me
    assert alex.talk_s == pytest.approx(100.0)
    assert dana.talk_s == pytest.approx(30.5)
    assert alex.talk_share == pytest.approx(100.0 / 130.5)
    assert dana.talk_share == pytest.approx(30.5 / 130.5)
    assert (alex.words, dana.words) == (48, 33)
    assert alex.word_share == pytest.approx(48 / 81)
    assert result.duration_s == pytest.approx(131.6)
    assert result.share_basis == "time"


def test_turns_switches_floors_and_monologues(interview: Conversation) -> None:
    result = analyze(interview, me="Alex")
    alex, dana = result.speaker(ALEX), result.speaker(DANA)
    assert (alex.turns, dana.turns) == (3, 4)
    assert result.switches_per_min == pytest.approx(4 / (131.6 / 60))
    assert alex.longest_monologue_s == pytest.approx(90.5)
    assert dana.longest_monologue_s == pytest.approx(20.0)
    assert [(m.speaker, m.start_s, m.end_s) for m in result.monologues] == [(ALEX, 6.5, 97.0)]
    assert alex.monologues == 1 and dana.monologues == 0


def test_latency_and_interruptions(interview: Conversation) -> None:
    result = analyze(interview, me="Alex")
    assert result.response_latency_s == pytest.approx(0.65)  # median of -1.0, 0.5, 0.8, 0.8
    assert result.speaker(ALEX).response_latency_s == pytest.approx(0.65)  # 0.5, 0.8
    assert result.speaker(DANA).response_latency_s == pytest.approx(-0.1)  # -1.0, 0.8
    [event] = result.interruptions
    assert (event.speaker, event.interrupted) == (DANA, ALEX)
    assert event.start_s == pytest.approx(96.0) and event.overlap_s == pytest.approx(1.0)
    assert result.speaker(DANA).interruptions == 1 and result.speaker(ALEX).interruptions == 0


def test_pace_fillers_and_focus(interview: Conversation) -> None:
    alex = analyze(interview, me="Alex").speaker(ALEX)
    assert alex.wpm == pytest.approx(48 / (100 / 60))
    assert alex.fillers == 2  # "Um" and "you know"
    assert alex.fillers_per_100w == pytest.approx(200 / 48)
    assert alex.self_refs_per_100w == pytest.approx(500 / 48)  # I, I, my, I, I
    assert alex.other_refs_per_100w == 0.0  # the "you" of "you know" is a filler
    dana = analyze(interview, me="Alex").speaker(DANA)
    assert dana.other_refs_per_100w == pytest.approx(400 / 33)  # you, you, We, we


def test_questions_and_answers(interview: Conversation) -> None:
    result = analyze(interview, me="Alex")
    asked = [(q.speaker, q.text, q.answer_s, q.answer_words) for q in result.questions]
    assert asked == [
        # Alex's answer is his whole floor: 6.5-97.0, across Dana's "Mm-hmm".
        (DANA, "What brought you to data engineering?", pytest.approx(90.5), 31),
        (DANA, "What does success look like for you?", pytest.approx(10.0), 17),
        (ALEX, "What is a typical day here like?", None, None),
        (ALEX, "who would I work with most?", pytest.approx(20.0), 11),
    ]
    assert result.questions[0].start_s == pytest.approx(6.0 * 26 / 63)
    assert result.speaker(ALEX).questions == 2 and result.speaker(DANA).questions == 2


def test_balance_single_window(interview: Conversation) -> None:
    balance = analyze(interview, me="Alex").balance
    assert balance is not None
    [window] = balance.windows
    assert (window.start_s, window.end_s) == (0.0, pytest.approx(131.6))
    assert window.me_share == pytest.approx(100 / 130.5)
    assert (balance.label, balance.dominant) == ("dominated", "me")


def test_score_components(interview: Conversation) -> None:
    score = analyze(interview, me="Alex").score
    assert score is not None
    points = {c.name: c.points for c in score.components}
    # balance: 40 * (1 - (0.76628 - 0.60) / 0.25) = 13.395; questions: 25 * 2/4;
    # monologues: 20 * (180 - 90.5) / 90 = 19.889; interactivity: 15 * 1.824 / 2 = 13.678 (4 floor
    # switches in 131.6 s). Total round(59.5) = 60.
    assert points == {"balance": 13.4, "questions": 12.5, "monologues": 19.9, "interactivity": 13.7}
    assert score.total == 60


def test_feedback_is_prioritized_and_cites_numbers(interview: Conversation) -> None:
    feedback = analyze(interview, me="Alex").feedback
    assert [f.code for f in feedback] == [
        "share_high",
        "few_questions",
        "nothing_about_them",
        "monologue",
        "fillers",
        "self_focus",
    ]
    assert feedback[0].message == (
        "You spoke 77% of the time; in an interview aim near 50%: "
        "take time to shine, then ask and listen."
    )
    assert "1 min 30 s" in feedback[3].message


def test_networking_mode_judges_against_twenty_percent(interview: Conversation) -> None:
    result = analyze(interview, me="Dana", mode="networking")
    assert result.mode == "networking"
    assert result.targets.share == 0.2 and result.targets.monologue_s == 60.0
    # Dana's 23% is inside 10-30%: on target (priority 3), after the 2-of-6 questions (priority 2).
    assert [f.code for f in result.feedback] == ["few_questions", "share_on_target"]


def test_configurable_targets(interview: Conversation) -> None:
    targets = Targets(share=0.7, share_low=0.65, share_high=0.8, monologue_s=120, questions=2)
    result = analyze(interview, me="Alex", targets=targets)
    assert result.score is not None
    assert {c.name: c.points for c in result.score.components}["balance"] == 40.0
    assert result.monologues == ()


def test_me_is_case_insensitive_and_prefix(interview: Conversation) -> None:
    assert analyze(interview, me="alex rivera").me == ALEX
    assert analyze(interview, me="DA").me == DANA


def test_unknown_me_lists_speakers(interview: Conversation) -> None:
    with pytest.raises(SpeakerError) as info:
        analyze(interview, me="Jordan")
    assert str(info.value) == "--me 'Jordan' is not a speaker here; speakers: Dana Lee, Alex Rivera"


def test_ambiguous_prefix_is_refused() -> None:
    conv = Conversation((Turn("Sam Lee", 0, 1, "Hi."), Turn("Sam Ortiz", 1, 2, "Hello.")))
    with pytest.raises(SpeakerError, match="matches several speakers: Sam Lee, Sam Ortiz"):
        analyze(conv, me="sam")


def test_without_me_asks_which_speaker(interview: Conversation) -> None:
    result = analyze(interview)
    assert result.me is None and result.score is None and result.balance is None
    assert [f.code for f in result.feedback] == ["pick_me"]
    assert "Dana Lee, Alex Rivera" in result.feedback[0].message


def test_unknown_mode_is_a_usage_error(interview: Conversation) -> None:
    with pytest.raises(UsageError, match="unknown mode 'podcast'; choose one of: interview"):
        analyze(interview, mode="podcast")


def test_without_timing_shares_are_by_words() -> None:
    conv = Conversation(tuple(Turn(t.speaker, None, None, t.text) for t in SEGMENTS))
    result = analyze(conv, me="Alex", mode=Mode.INTERVIEW)
    alex = result.speaker(ALEX)
    assert result.share_basis == "words"
    assert alex.talk_s is None and alex.talk_share is None and alex.wpm is None
    assert alex.word_share == pytest.approx(48 / 81)
    assert alex.longest_monologue_s is None and result.balance is None
    # Without timing consecutive turns of one speaker join; 7 segments, still 7 turns, and 5
    # floors (Alex's first two turns join across Dana's "Mm-hmm."): 4 switches.
    assert result.switches_per_min == pytest.approx(4 / (81 / 150))
    assert "no timestamps" in result.notes[-1]
    # 48 of 81 words is 59%: inside the 40-60% band by words.
    messages = [f.message for f in result.feedback]
    assert any("Your share (59%) is within the 40-60% target" in m for m in messages)


def test_without_text_timing_metrics_still_work() -> None:
    conv = Conversation(tuple(Turn(t.speaker, t.start, t.end, None) for t in SEGMENTS))
    result = analyze(conv, me="Alex")
    alex = result.speaker(ALEX)
    assert alex.talk_share == pytest.approx(100 / 130.5)
    assert alex.words == 0 and alex.word_share is None and alex.questions == 0
    assert result.questions == ()
    assert "questions, pace and fillers need a transcript" in result.notes[-1]
    assert "no_questions" not in [f.code for f in result.feedback]
    # Questions cannot be measured without words: scored out of the other 75 points.
    assert result.score is not None
    points = {c.name: c.points for c in result.score.components}
    assert points == {"balance": 13.4, "questions": None, "monologues": 19.9, "interactivity": 13.7}
    assert result.score.total == round(100 * (13.4 + 19.9 + 13.7) / 75)  # 63


def test_balance_windows_cover_the_end() -> None:
    # 200 s of alternating 10 s turns: windows at 0 and 30, then one ending at 200.
    segments = tuple(
        Turn(ALEX if i % 2 else DANA, 10.0 * i, 10.0 * i + 10.0, "Some words here.")
        for i in range(20)
    )
    balance = analyze(Conversation(segments), me="Alex").balance
    assert balance is not None
    assert [(w.start_s, w.end_s) for w in balance.windows] == [(0, 150), (30, 180), (50, 200)]
    assert balance.windows[0].me_share == pytest.approx(70 / 150)
    assert (balance.label, balance.dominant) == ("back_and_forth", None)


def test_unknown_speakers_still_analyzed() -> None:
    conv = Conversation(
        (Turn(None, 0, 5, "what does the team look like"), Turn(None, 5, 9, "It is small."))
    )
    result = analyze(conv)
    assert [s.name for s in result.speakers] == ["(unknown)"]
    assert result.speakers[0].words == 9
    assert [f.code for f in result.feedback] == ["speakers_unknown"]
    with pytest.raises(SpeakerError, match="no speaker names"):
        analyze(conv, me="Alex")


def test_empty_conversation_does_not_crash() -> None:
    result = analyze(Conversation(()))
    assert result.speakers == () and result.duration_s is None


def test_to_dict_has_the_documented_fields(interview: Conversation) -> None:
    data = analyze(interview, me="Alex").to_dict()
    assert data["schema"] == "twoway.analysis/1"
    for key in (
        "mode",
        "duration_s",
        "speakers",
        "questions",
        "monologues",
        "switches_per_min",
        "interruptions",
        "score",
        "feedback",
    ):
        assert key in data
    alex = data["speakers"][1]
    assert alex["talk_share"] == 0.7663 and alex["words"] == 48 and alex["is_me"] is True
    assert data["interruptions"] == 1
    assert data["score"]["total"] == 60


def test_me_accepts_the_label_as_the_file_writes_it() -> None:
    # AssemblyAI writes speakers "A" and "B"; twoway shows them as "Speaker A" and "Speaker B".
    from twoway.analysis.analyze import resolve_speaker

    speakers = ("Speaker A", "Speaker B")
    assert resolve_speaker("B", speakers) == "Speaker B"
    assert resolve_speaker("speaker b", speakers) == "Speaker B"
    assert resolve_speaker("0", ("Speaker 0", "Speaker 1")) == "Speaker 0"


def test_chinese_and_japanese_count_characters_and_give_no_pace() -> None:
    from twoway.analysis import analyze
    from twoway.model import Conversation, Turn

    conv = Conversation(
        (
            Turn("面接官", 0.0, 4.0, "今日はよろしくお願いします。自己紹介をお願いします。"),
            Turn("田中", 4.5, 9.0, "田中です。データ分析の仕事をしています。"),
        )
    )
    result = analyze(conv, me="田中")
    me = result.speaker("田中")
    assert me.words == len("田中ですデータ分析の仕事をしています")
    assert me.wpm is None
    assert any("Chinese or Japanese" in note for note in result.notes)
