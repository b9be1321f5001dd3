"""``analyze(conversation, me=..., mode=...)``: every metric, the score and the feedback at once."""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Sequence

from twoway.analysis.feedback import feedback, unknown_me_feedback
from twoway.analysis.lexicon import EMPTY_COUNTS, TextCounts, count_cjk, count_text_sums
from twoway.analysis.question_context import conversation_questions
from twoway.analysis.questioning import collect_questions, summarize
from twoway.analysis.questions import DetectedQuestion, looks_english
from twoway.analysis.result import (
    Analysis,
    Monologue,
    SpeakerStats,
    TargetsUsed,
)
from twoway.analysis.score import WORDS_PER_MINUTE_ESTIMATE, score
from twoway.analysis.targets import Mode, Targets, count_participants, parse_mode, targets_for
from twoway.analysis.timeline import (
    UNKNOWN_SPEAKER,
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
from twoway.model import Conversation


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
    mode = parse_mode(mode)
    targets = targets or targets_for(mode)
    conv = conversation
    names = _speaker_names(conv)
    me_name = resolve_speaker(me, conv.speakers) if me is not None else None
    timed = conv.has_timing
    has_text = conv.has_text

    # Per speaker: words, fillers, self and other references, summed as plain integers (one
    # TextCounts per speaker at the end, not one per segment).
    sums: dict[str, list[int]] = {}
    segment_words = array("L")  # compact: one per segment, on a long transcript millions
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
    turns = merge_turns(conv.turns, segment_words)
    # Questions are judged with the turns around them (question_context); most turns ask
    # nothing: share one empty tuple instead of keeping an empty list per turn.
    found_per_turn = conversation_questions(
        [(turn.speaker, turn.text if turn.words else "") for turn in turns]
    )
    detected: list[Sequence[DetectedQuestion]] = [f or _NO_QUESTIONS for f in found_per_turn]
    del found_per_turn
    backchannel = backchannels(turns, [any(q.counts for q in d) for d in detected], has_text)
    floor_list, floor_of = floors(turns, backchannel)
    events = interruptions(turns, backchannel) if timed else []

    coverage = coverages(conv.turns) if timed else {}
    talk = {
        name: (coverage[name].total if name in coverage else 0.0) if timed else None
        for name in names
    }
    total_talk = sum(t or 0.0 for t in talk.values())
    total_words = sum(c.words for c in counts.values())
    # Chinese or Japanese text: words are characters, so a words-per-minute pace would mean
    # nothing beside the English bands (docs/metrics.md, "Words").
    cjk_text = 2 * cjk_words >= total_words > 0

    english = _looks_english(turns)
    questions, asked = collect_questions(
        turns,
        detected,
        backchannel,
        floor_list,
        floor_of,
        me_name,
        classify=english,
        networking=mode is Mode.NETWORKING,
    )
    turn_counts: dict[str, int] = defaultdict(int)
    for turn in turns:
        turn_counts[turn.speaker] += 1
    # Reply gaps are measured between floors: a backchannel is not a reply.
    gaps = reply_gaps(floor_list) if timed else []

    monologues: list[Monologue] = []
    longest: dict[str, float] = defaultdict(float)
    longest_words: dict[str, int] = defaultdict(int)
    for floor in floor_list:
        longest_words[floor.speaker] = max(longest_words[floor.speaker], floor.words)
        if floor.duration_s is None or floor.start is None or floor.end is None:
            continue
        longest[floor.speaker] = max(longest[floor.speaker], floor.duration_s)
        if floor.duration_s > targets.monologue_s:
            monologues.append(
                Monologue(floor.speaker, floor.speaker == me_name, floor.start, floor.end)
            )

    stats: list[SpeakerStats] = []
    for name in names:
        c = counts[name]
        talk_s = talk[name]
        stats.append(
            SpeakerStats(
                name=name,
                is_me=name == me_name,
                talk_s=talk_s,
                talk_share=(talk_s / total_talk) if talk_s is not None and total_talk > 0 else None,
                words=c.words,
                word_share=(c.words / total_words) if total_words else None,
                turns=turn_counts[name],
                questions=asked.get(name, 0),
                longest_monologue_s=longest[name] if timed else None,
                monologues=sum(1 for m in monologues if m.speaker == name),
                wpm=(c.words / (talk_s / 60.0)) if talk_s and has_text and not cjk_text else None,
                fillers=c.fillers,
                fillers_per_100w=_per_100(c.fillers, c.words),
                self_refs_per_100w=_per_100(c.self_refs, c.words),
                other_refs_per_100w=_per_100(c.other_refs, c.words),
                interruptions=sum(1 for e in events if e.speaker == name),
                response_latency_s=median(g for s, g in gaps if s == name),
            )
        )

    # A panel's talk-share targets are scaled to how many took part (docs/metrics.md, "Targets").
    participants = count_participants(
        {s.name: s.share for s in stats if s.name != UNKNOWN_SPEAKER}, me_name
    )
    targets = targets.for_participants(participants)

    duration = conv.duration_s
    switches_per_min: float | None
    if timed:
        switches_per_min = switches(floor_list) / (duration / 60.0) if duration else None
    elif total_words:
        # Without timing, minutes are estimated from words (150 words a minute).
        switches_per_min = switches(floor_list) / (total_words / WORDS_PER_MINUTE_ESTIMATE)
    else:
        switches_per_min = None

    share_basis = "time" if timed else "words"
    me_stats = next((s for s in stats if s.is_me), None)
    notes = list(conv.notes)
    if not timed and has_text:
        notes.append("The transcript has no timestamps: shares are by words, not time.")
    if not has_text:
        notes.append("The source has no words: questions, pace and fillers need a transcript.")
    if cjk_text:
        notes.append(
            "Most of the text is Chinese or Japanese: each character counts as a word, and "
            "pace (words per minute) is not given."
        )
    elif not english:
        notes.append(
            "This transcript does not look English: question detection and classification are "
            "English-only, so questions and their topics may be missed or wrong."
        )
    questioning = None
    if me_stats is None:
        result_score = None
        advice = unknown_me_feedback(conv.speakers, conv.speakers_known)
    else:
        if has_text:
            questioning = summarize(questions, turns, me_stats.name)
        longest_me: float | None = me_stats.longest_monologue_s
        if not timed:
            longest_me = longest_words[me_stats.name] / WORDS_PER_MINUTE_ESTIMATE * 60.0
        result_score = score(
            share=me_stats.share,
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
            me=me_stats,
            share_basis=share_basis,
            switches_per_min=switches_per_min,
            questioning=questioning,
            participants=participants,
        )

    start, end = conv.start_s, conv.end_s
    return Analysis(
        source=conv.source,
        format=conv.format,
        mode=mode.value,
        me=me_name,
        share_basis=share_basis,
        speakers_known=conv.speakers_known,
        has_text=has_text,
        duration_s=duration,
        speakers=tuple(stats),
        questions=tuple(questions),
        monologues=tuple(monologues),
        switches_per_min=switches_per_min,
        response_latency_s=median(g for _, g in gaps),
        interruptions=tuple(events),
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
        notes=tuple(notes),
        questioning=questioning,
        turns=conv.turns,
        participants=participants,
    )
