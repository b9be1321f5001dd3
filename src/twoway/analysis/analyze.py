"""``analyze(conversation, me=..., mode=...)``: every metric, the score and the feedback at once."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from twoway.analysis.feedback import feedback, unknown_me_feedback
from twoway.analysis.lexicon import EMPTY_COUNTS, TextCounts, count_cjk, count_text_sums
from twoway.analysis.question_context import conversation_questions
from twoway.analysis.questioning import collect_questions, summarize
from twoway.analysis.questions import DetectedQuestion, looks_english
from twoway.analysis.result import (
    Analysis,
    Feedback,
    Interruption,
    Monologue,
    Questioning,
    Score,
    ShareBasis,
    SpeakerStats,
    TargetsUsed,
)
from twoway.analysis.score import WORDS_PER_MINUTE_ESTIMATE, score
from twoway.analysis.targets import Mode, Targets, count_participants, parse_mode, targets_for
from twoway.analysis.timeline import (
    UNKNOWN_SPEAKER,
    Floor,
    SpeechTurn,
    backchannels,
    balance,
    coverages,
    floors,
    interruptions,
    median,
    merge_turns,
    reply_gaps,
    speaker_name,
    switches,
)
from twoway.errors import SpeakerError
from twoway.model import Conversation, Coverage


def resolve_speaker(name: str, speakers: Sequence[str]) -> str:
    """The speaker ``name`` refers to: same name ignoring case, else the one it is a prefix of.

    >>> resolve_speaker("alex", ["Dana Lee", "Alex Kim"])
    'Alex Kim'
    """
    wanted = name.strip().casefold()
    exact = [s for s in speakers if s.casefold() == wanted]
    if exact:
        return exact[0]
    # The label as the file writes it: AssemblyAI's "B" is shown as "Speaker B", Deepgram's 0 as
    # "Speaker 0".
    labelled = [s for s in speakers if s.casefold().removeprefix("speaker ") == wanted]
    if len(labelled) == 1:
        return labelled[0]
    matches = [s for s in speakers if s.casefold().startswith(wanted)] if wanted else []
    if len(matches) == 1:
        return matches[0]
    listed = ", ".join(speakers) if speakers else "none (the transcript has no speaker names)"
    if matches:
        raise SpeakerError(
            f"--me {name!r} matches several speakers: {', '.join(matches)}; be more specific",
            speakers=speakers,
        )
    raise SpeakerError(
        f"--me {name!r} is not a speaker here; speakers: {listed}", speakers=speakers
    )


def _per_100(count: int, words: int) -> float | None:
    return 100.0 * count / words if words else None


def _speaker_names(conv: Conversation) -> list[str]:
    names = list(conv.speakers)
    if any(t.speaker is None for t in conv.turns):
        names.append(UNKNOWN_SPEAKER)
    return names


_NO_QUESTIONS: tuple[DetectedQuestion, ...] = ()


def _looks_english(turns: Sequence[SpeechTurn]) -> bool:
    """Judge the language on a sample of the text: the first few hundred words are enough."""
    sample: list[str] = []
    size = 0
    for turn in turns:
        if turn.text:
            sample.append(turn.text)
            size += turn.words
            if size >= 400:
                break
    return looks_english(" ".join(sample)) if sample else True


def analyze(
    conversation: Conversation,
    *,
    me: str | None = None,
    mode: Mode | str = Mode.INTERVIEW,
    targets: Targets | None = None,
) -> Analysis:
    """Measure ``conversation`` and judge it, for ``me``, against the targets of ``mode``.

    ``me`` is a speaker's name, matched ignoring case; a unique prefix works too.
    Raises ``SpeakerError`` when it matches nobody (the message lists the speakers).
    """
    conv = conversation
    mode = parse_mode(mode)
    targets = targets or targets_for(mode)
    me_name = resolve_speaker(me, conv.speakers) if me is not None else None
    names = _speaker_names(conv)
    text = _count_text(conv)
    timeline = _timeline(conv, text)
    coverage = coverages(conv)  # talk time, as Conversation.talk_s gives it
    english = _looks_english(timeline.turns)
    questions, asked = collect_questions(
        timeline.turns,
        timeline.detected,
        timeline.backchannel,
        timeline.floors,
        timeline.floor_of,
        me_name,
        classify=english,
        networking=mode is Mode.NETWORKING,
    )
    floors = _floor_lengths(timeline.floors, targets.monologue_s, me_name)
    stats = _speaker_stats(names, me_name, text, timeline, coverage, asked, floors)
    # A panel's talk-share targets are scaled to how many took part (docs/metrics.md, "Targets").
    participants = count_participants(
        {s.name: s.share for s in stats if s.name != UNKNOWN_SPEAKER}, me_name
    )
    targets = targets.for_participants(participants)
    switches_per_min = _switches_per_min(conv, timeline.floors, text.total_words)
    me_stats = next((s for s in stats if s.is_me), None)
    questioning = (
        summarize(questions, timeline.turns, me_stats.name)
        if me_stats is not None and text.has_text
        else None
    )
    result_score, advice = _judge(
        conv, mode, targets, me_stats, floors, switches_per_min, questioning, participants
    )
    start, end = conv.start_s, conv.end_s
    return Analysis(
        source=conv.source,
        format=conv.format,
        mode=mode.value,
        me=me_name,
        share_basis=_share_basis(conv),
        speakers_known=conv.speakers_known,
        has_text=text.has_text,
        duration_s=conv.duration_s,
        speakers=tuple(stats),
        questions=tuple(questions),
        monologues=tuple(floors.monologues),
        switches_per_min=switches_per_min,
        response_latency_s=median(g for _, g in timeline.gaps),
        interruptions=tuple(timeline.interruptions),
        balance=(
            balance(coverage, me_name, start, end, (targets.share_low, targets.share_high))
            if me_name is not None and start is not None and end is not None
            else None
        ),
        score=result_score,
        feedback=advice,
        targets=TargetsUsed(
            targets.share,
            targets.share_low,
            targets.share_high,
            targets.monologue_s,
            targets.questions,
        ),
        notes=_notes(conv, text, english),
        questioning=questioning,
        turns=conv.turns,
        participants=participants,
    )


@dataclass(frozen=True, slots=True)
class _Text:
    """What the words say: per speaker, per segment, and in all."""

    counts: dict[str, TextCounts]  # words, fillers, self and other references per speaker
    segment_words: array[int]  # compact: one per segment, on a long transcript millions
    total_words: int
    has_text: bool
    # Chinese or Japanese text: words are characters, so a words-per-minute pace would mean
    # nothing beside the English bands (docs/metrics.md, "Words").
    cjk: bool


def _count_text(conv: Conversation) -> _Text:
    """Count each segment's words, fillers and references, summed per speaker."""
    # Summed as plain integers: one TextCounts per speaker at the end, not one per segment.
    sums: dict[str, list[int]] = {}
    segment_words = array("L")
    cjk_words = 0
    for seg in conv.turns:
        if seg.text:
            words, fillers, self_refs, other_refs = count_text_sums(seg.text)
            if not seg.text.isascii():
                cjk_words += count_cjk(seg.text)
            segment_words.append(words)
            name = speaker_name(seg)
            total = sums.get(name)
            if total is None:
                sums[name] = [words, fillers, self_refs, other_refs]
            else:
                total[0] += words
                total[1] += fillers
                total[2] += self_refs
                total[3] += other_refs
        else:
            segment_words.append(0)
    counts: dict[str, TextCounts] = defaultdict(lambda: EMPTY_COUNTS)
    for name, total in sums.items():
        counts[name] = TextCounts(*total)
    total_words = sum(c.words for c in counts.values())
    return _Text(counts, segment_words, total_words, bool(sums), 2 * cjk_words >= total_words > 0)


@dataclass(frozen=True, slots=True)
class _Timeline:
    """Who spoke when: turns and their questions, backchannels, floors, and what timing adds."""

    turns: list[SpeechTurn]
    detected: list[Sequence[DetectedQuestion]]  # the questions found in each turn
    backchannel: list[bool]
    floors: list[Floor]
    floor_of: list[int]  # each turn's floor, -1 for a backchannel
    timed: bool
    interruptions: list[Interruption]
    gaps: list[tuple[str, float]]  # (replying speaker, reply gap)


def _timeline(conv: Conversation, text: _Text) -> _Timeline:
    turns = merge_turns(conv.turns, text.segment_words)
    detected = _detect_questions(turns)
    backchannel = backchannels(turns, [any(q.counts for q in d) for d in detected], text.has_text)
    floor_list, floor_of = floors(turns, backchannel)
    timed = conv.has_timing
    events = interruptions(turns, backchannel) if timed else []
    # Reply gaps are measured between floors: a backchannel is not a reply.
    gaps = reply_gaps(floor_list) if timed else []
    return _Timeline(turns, detected, backchannel, floor_list, floor_of, timed, events, gaps)


def _detect_questions(turns: Sequence[SpeechTurn]) -> list[Sequence[DetectedQuestion]]:
    """The questions in each turn, judged with the turns around them (question_context)."""
    found_per_turn = conversation_questions(
        [(turn.speaker, turn.text if turn.words else "") for turn in turns]
    )
    # Most turns ask nothing: share one empty tuple instead of keeping an empty list per turn.
    return [found or _NO_QUESTIONS for found in found_per_turn]


@dataclass(frozen=True, slots=True)
class _FloorLengths:
    """Each speaker's longest floor, and the floors over the monologue limit."""

    monologues: list[Monologue]
    longest_s: dict[str, float]  # timed floors only
    longest_words: dict[str, int]


def _floor_lengths(floor_list: Sequence[Floor], limit_s: float, me: str | None) -> _FloorLengths:
    monologues: list[Monologue] = []
    longest: dict[str, float] = defaultdict(float)
    longest_words: dict[str, int] = defaultdict(int)
    for floor in floor_list:
        longest_words[floor.speaker] = max(longest_words[floor.speaker], floor.words)
        if floor.duration_s is None or floor.start is None or floor.end is None:
            continue
        longest[floor.speaker] = max(longest[floor.speaker], floor.duration_s)
        if floor.duration_s > limit_s:
            monologues.append(Monologue(floor.speaker, floor.speaker == me, floor.start, floor.end))
    return _FloorLengths(monologues, longest, longest_words)


def _speaker_stats(
    names: Sequence[str],
    me: str | None,
    text: _Text,
    timeline: _Timeline,
    coverage: dict[str, Coverage],
    asked: dict[str, int],
    floors: _FloorLengths,
) -> list[SpeakerStats]:
    """One ``SpeakerStats`` per speaker, shares of the totals included."""
    timed = timeline.timed
    # Talk time is Conversation.talk_s, read from the same coverages once for every speaker.
    talk = {
        name: (coverage[name].total if name in coverage else 0.0) if timed else None
        for name in names
    }
    total_talk = sum(t or 0.0 for t in talk.values())
    turn_counts: dict[str, int] = defaultdict(int)
    for turn in timeline.turns:
        turn_counts[turn.speaker] += 1
    stats: list[SpeakerStats] = []
    for name in names:
        c = text.counts[name]
        talk_s = talk[name]
        stats.append(
            SpeakerStats(
                name=name,
                is_me=name == me,
                talk_s=talk_s,
                talk_share=(talk_s / total_talk) if talk_s is not None and total_talk > 0 else None,
                words=c.words,
                word_share=(c.words / text.total_words) if text.total_words else None,
                turns=turn_counts[name],
                questions=asked.get(name, 0),
                longest_monologue_s=floors.longest_s[name] if timed else None,
                monologues=sum(1 for m in floors.monologues if m.speaker == name),
                wpm=_wpm(c.words, talk_s, text),
                fillers=c.fillers,
                fillers_per_100w=_per_100(c.fillers, c.words),
                self_refs_per_100w=_per_100(c.self_refs, c.words),
                other_refs_per_100w=_per_100(c.other_refs, c.words),
                interruptions=sum(1 for e in timeline.interruptions if e.speaker == name),
                response_latency_s=median(g for s, g in timeline.gaps if s == name),
            )
        )
    return stats


def _wpm(words: int, talk_s: float | None, text: _Text) -> float | None:
    """Pace in words a minute: not for characters (CJK), nor without words or talk time."""
    return (words / (talk_s / 60.0)) if talk_s and text.has_text and not text.cjk else None


def _switches_per_min(
    conv: Conversation, floor_list: Sequence[Floor], total_words: int
) -> float | None:
    if conv.has_timing:
        duration = conv.duration_s
        return switches(floor_list) / (duration / 60.0) if duration else None
    if total_words:
        # Without timing, minutes are estimated from words (150 words a minute).
        return switches(floor_list) / (total_words / WORDS_PER_MINUTE_ESTIMATE)
    return None


def _share_basis(conv: Conversation) -> ShareBasis:
    return "time" if conv.has_timing else "words"


def _notes(conv: Conversation, text: _Text, english: bool) -> tuple[str, ...]:
    """The reader's notes, then what the analysis could not do with this source."""
    notes = list(conv.notes)
    if not conv.has_timing and text.has_text:
        notes.append("The transcript has no timestamps: shares are by words, not time.")
    if not text.has_text:
        notes.append("The source has no words: questions, pace and fillers need a transcript.")
    if text.cjk:
        notes.append(
            "Most of the text is Chinese or Japanese: each character counts as a word, and "
            "pace (words per minute) is not given."
        )
    elif not english:
        notes.append(
            "This transcript does not look English: question detection and classification are "
            "English-only, so questions and their topics may be missed or wrong."
        )
    return tuple(notes)


def _judge(
    conv: Conversation,
    mode: Mode,
    targets: Targets,
    me: SpeakerStats | None,
    floors: _FloorLengths,
    switches_per_min: float | None,
    questioning: Questioning | None,
    participants: int,
) -> tuple[Score | None, tuple[Feedback, ...]]:
    """The score and the feedback for "me"; without "me", advice on naming them."""
    if me is None:
        return None, unknown_me_feedback(conv.speakers, conv.speakers_known)
    timed = conv.has_timing
    longest_me = (
        me.longest_monologue_s
        if timed
        else floors.longest_words[me.name] / WORDS_PER_MINUTE_ESTIMATE * 60.0
    )
    result_score = score(
        share=me.share,
        questioning=questioning,
        longest_monologue_s=longest_me,
        switches_per_min=switches_per_min,
        targets=targets,
        monologue_estimated=not timed,
        participants=participants,
    )
    advice = feedback(
        mode=mode,
        targets=targets,
        me=me,
        share_basis=_share_basis(conv),
        switches_per_min=switches_per_min,
        questioning=questioning,
        participants=participants,
    )
    return result_score, advice
