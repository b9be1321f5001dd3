"""The domain nouns on their own: ``Turn`` and ``Conversation``, their invariants and answers.

Times are drawn on a quarter-second grid, so that sums of them are exact in floating point and
talk time can be checked against an independent count: the number of quarter-second cells
some turn of the speaker covers.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.analysis import analyze
from twoway.model import Conversation, Coverage, Turn

SPEAKERS = ("Dana Lee", "Alex", "Priya", None)
WORDS = ("so", "what", "does", "the", "team", "do", "yeah", "I", "built", "pipelines", "um")
QUARTER = 0.25

speakers = st.sampled_from(SPEAKERS)
texts = st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join)


@st.composite
def timed_turns(draw: st.DrawFn, *, max_size: int = 12) -> list[Turn]:
    """Turns in any order, on a quarter-second grid, overlaps and ties included."""
    turns = []
    for _ in range(draw(st.integers(min_value=0, max_value=max_size))):
        start = draw(st.integers(min_value=0, max_value=400))
        length = draw(st.integers(min_value=0, max_value=60))
        text = draw(st.one_of(st.none(), texts))
        turns.append(Turn(draw(speakers), start * QUARTER, (start + length) * QUARTER, text))
    return turns


untimed_turns = st.lists(
    st.builds(Turn, speakers, st.none(), st.none(), st.one_of(st.none(), texts)), max_size=12
)
any_turns = st.one_of(timed_turns(), untimed_turns)


def covered_cells(turns: Sequence[Turn], speaker: str | None) -> int:
    """Quarter-second cells inside at least one of ``speaker``'s turns (the oracle)."""
    cells: set[int] = set()
    for turn in turns:
        if turn.speaker == speaker and turn.start is not None and turn.end is not None:
            cells.update(range(round(turn.start / QUARTER), round(turn.end / QUARTER)))
    return len(cells)


# Turn -------------------------------------------------------------------------------------


@given(start=st.floats(0, 1e7), length=st.floats(0, 1e4))
def test_a_timed_turn_lasts_from_start_to_end(start: float, length: float) -> None:
    turn = Turn("Dana", start, start + length)
    assert turn.has_timing
    assert turn.duration_s == (start + length) - start >= 0.0


def test_an_untimed_turn_lasts_nothing() -> None:
    turn = Turn("Dana", None, None, "Hello.")
    assert not turn.has_timing
    assert turn.duration_s == 0.0


@pytest.mark.parametrize(("start", "end"), [(1.0, None), (None, 2.0)])
def test_a_turn_has_both_times_or_neither(start: float | None, end: float | None) -> None:
    with pytest.raises(ValueError, match=r"^a turn has both start and end, or neither$"):
        Turn("Dana", start, end)


def test_a_turn_may_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match=r"^turn ends \(4\.5\) before it starts \(5\.0\)$"):
        Turn("Dana", 5.0, 4.5)


def test_a_turn_is_frozen_and_compared_by_value() -> None:
    turn = Turn("Dana", 0.0, 1.0, "Hi.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        turn.start = 2.0  # type: ignore[misc]
    assert turn == Turn("Dana", 0.0, 1.0, "Hi.")
    assert turn != Turn("Dana", 0.0, 1.0, "Hi.", end_estimated=True)


# Conversation: construction ---------------------------------------------------------------


@given(turns=timed_turns())
def test_timed_turns_are_kept_in_start_order_ties_in_source_order(turns: list[Turn]) -> None:
    conv = Conversation(tuple(turns))
    assert conv.turns == tuple(sorted(turns, key=lambda t: t.start or 0.0))
    assert sorted(conv.turns, key=id) == sorted(turns, key=id)  # the same turns, none lost


@given(turns=untimed_turns)
def test_untimed_turns_keep_the_source_order(turns: list[Turn]) -> None:
    assert Conversation(tuple(turns)).turns == tuple(turns)


def test_timing_is_all_or_nothing() -> None:
    with pytest.raises(ValueError, match=r"^either every turn has timing or none has$"):
        Conversation((Turn("Dana", 0.0, 1.0), Turn("Alex", None, None, "Hi.")))


def test_turns_and_notes_given_as_lists_become_tuples() -> None:
    conv = Conversation([Turn("Dana", None, None, "Hi.")], notes=["read with care"])  # type: ignore[arg-type]
    assert conv.turns == (Turn("Dana", None, None, "Hi."),)
    assert conv.notes == ("read with care",)


@given(turns=any_turns, kept=st.integers(min_value=0, max_value=12))
def test_with_turns_keeps_source_format_and_notes(turns: list[Turn], kept: int) -> None:
    conv = Conversation(tuple(turns), "call.vtt", "vtt", ("a note",))
    copy = conv.with_turns(conv.turns[:kept])
    assert copy.turns == conv.turns[:kept]
    assert (copy.source, copy.format, copy.notes) == ("call.vtt", "vtt", ("a note",))


# Conversation: its answers ----------------------------------------------------------------


@given(turns=any_turns)
def test_speakers_are_the_named_ones_in_order_of_first_appearance(turns: list[Turn]) -> None:
    conv = Conversation(tuple(turns))
    named = [t.speaker for t in conv.turns if t.speaker is not None]
    assert conv.speakers == tuple(dict.fromkeys(named))
    assert conv.speakers_known == (bool(turns) and len(named) == len(turns))
    for speaker in (*conv.speakers, None):
        assert conv.turns_of(speaker) == tuple(t for t in conv.turns if t.speaker == speaker)


@given(turns=any_turns)
def test_timing_and_text_are_those_of_the_turns(turns: list[Turn]) -> None:
    conv = Conversation(tuple(turns))
    timed = [t for t in turns if t.start is not None and t.end is not None]
    assert conv.has_timing == bool(timed)
    assert conv.has_text == any(t.text for t in turns)
    if timed:
        assert conv.start_s == min(t.start for t in timed)
        assert conv.end_s == max(t.end for t in timed)
        assert conv.duration_s == max(t.end for t in timed) - min(t.start for t in timed)
    else:
        assert conv.start_s is conv.end_s is conv.duration_s is None


def test_an_empty_conversation_has_no_speakers_timing_or_text() -> None:
    conv = Conversation(())
    assert conv.speakers == ()
    assert not conv.speakers_known and not conv.has_timing and not conv.has_text
    assert conv.duration_s is None and conv.talk_s("Dana") is None
    assert conv.coverages() == {}


@given(turns=timed_turns())
def test_talk_time_is_the_union_of_the_speakers_intervals(turns: list[Turn]) -> None:
    conv = Conversation(tuple(turns))
    for speaker in (*SPEAKERS, "Nobody"):
        if not turns:
            assert conv.talk_s(speaker) is None
            continue
        talk = conv.talk_s(speaker)
        assert talk == covered_cells(turns, speaker) * QUARTER
        own = [t.duration_s for t in turns if t.speaker == speaker]
        assert max(own, default=0.0) <= talk <= sum(own)
        assert talk <= (conv.duration_s or 0.0)


@given(
    intervals=st.lists(
        st.tuples(st.floats(0, 1e6), st.floats(0, 1e4)).map(lambda p: (p[0], p[0] + p[1])),
        min_size=1,
        max_size=12,
    )
)
def test_talk_time_of_any_float_times_stays_within_its_bounds(
    intervals: list[tuple[float, float]],
) -> None:
    conv = Conversation(tuple(Turn("Dana", a, b) for a, b in intervals))
    talk = conv.talk_s("Dana")
    lengths = [b - a for a, b in intervals]
    assert talk is not None
    assert max(lengths) * (1 - 1e-9) <= talk <= sum(lengths) * (1 + 1e-9) + 1e-9


@given(turns=untimed_turns)
def test_talk_time_needs_timing(turns: list[Turn]) -> None:
    conv = Conversation(tuple(turns))
    assert all(conv.talk_s(speaker) is None for speaker in SPEAKERS)
    assert conv.coverages() == {}


@given(turns=timed_turns())
def test_coverages_answer_for_every_speaker_at_once(turns: list[Turn]) -> None:
    conv = Conversation(tuple(turns))
    coverages = conv.coverages()
    assert list(coverages) == list(dict.fromkeys(t.speaker for t in conv.turns))
    for speaker, coverage in coverages.items():
        assert coverage.total == conv.talk_s(speaker)
        merged = list(coverage.intervals())
        # Disjoint, in start order, and no two touching: a union written the short way.
        assert all(a_end < b_start for (_, a_end), (b_start, _) in pairwise(merged))
        assert sum(b - a for a, b in merged) == coverage.total


@given(turns=timed_turns(), a=st.integers(0, 480), b=st.integers(0, 480))
def test_coverage_within_a_window_counts_the_cells_inside_it(
    turns: list[Turn], a: int, b: int
) -> None:
    a, b = min(a, b), max(a, b)
    conv = Conversation(tuple(turns))
    for speaker, coverage in conv.coverages().items():
        window = Conversation(
            tuple(
                Turn(t.speaker, max(t.start, a * QUARTER), min(t.end, b * QUARTER))
                for t in conv.turns
                if t.start is not None and t.end is not None
                if t.start < b * QUARTER and t.end > a * QUARTER
            )
        )
        assert (
            coverage.within(a * QUARTER, b * QUARTER)
            == covered_cells(window.turns, speaker) * QUARTER
        )


def test_a_coverage_merges_touching_intervals() -> None:
    coverage = Coverage()
    for start, end in [(0.0, 2.0), (2.0, 3.0), (2.5, 2.75), (5.0, 6.0)]:
        coverage.add(start, end)
    assert list(coverage.intervals()) == [(0.0, 3.0), (5.0, 6.0)]
    assert coverage.total == 4.0
    assert coverage.upto(-1.0) == 0.0
    assert coverage.upto(5.5) == 3.5


# The analysis reads talk time from the model -----------------------------------------------


@given(turns=any_turns)
def test_the_analysis_talk_time_is_the_conversations(turns: list[Turn]) -> None:
    conv = Conversation(tuple(turns), "call.vtt", "vtt")
    analysis = analyze(conv)
    for speaker in conv.speakers:
        assert analysis.speaker(speaker).talk_s == conv.talk_s(speaker)
    if any(t.speaker is None for t in turns):
        assert analysis.speaker("(unknown)").talk_s == conv.talk_s(None)
    shares = [s.talk_share for s in analysis.speakers]
    if conv.has_timing and any(shares):
        assert sum(s or 0.0 for s in shares) == pytest.approx(1.0)


def test_a_speaker_called_unknown_shares_the_unnamed_turns_talk_time() -> None:
    # The analysis counts turns without a speaker under "(unknown)" (docs/metrics.md): a
    # speaker the source itself calls so is the same person to it.
    conv = Conversation(
        (
            Turn(None, 0.0, 4.0, "Hello there."),
            Turn("(unknown)", 3.0, 6.0, "Hi."),
            Turn("Dana", 7.0, 9.0, "Welcome."),
        )
    )
    assert conv.talk_s(None) == 4.0 and conv.talk_s("(unknown)") == 3.0
    stats = analyze(conv).speaker("(unknown)")
    assert stats.talk_s == 6.0  # 0-6 s: the union of both
