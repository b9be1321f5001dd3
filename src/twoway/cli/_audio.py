"""The command line's side of audio: ``--track``/``--channels``/``--rttm`` checked, a progress bar
on stderr, ``--me`` resolved from a voiceprint, and ``--rttm`` written."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from twoway.audio import AudioOptions
from twoway.errors import UsageError

if TYPE_CHECKING:
    from twoway.audio import ProgressFn
    from twoway.model import Conversation


def parse_options(
    tracks: Sequence[str] | None,
    channels: str | None,
    speakers: int | None,
    transcript: str | None,
    asr: bool,
    asr_model: str | None,
    mode: str,
    rttm: str | None = None,
) -> AudioOptions:
    """Check the audio options; ``--track NAME=FILE``, ``--channels A,B``, ``--rttm FILE``."""
    parsed: list[tuple[str, str]] = []
    for item in tracks or ():
        name, sep, path = item.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise UsageError(
                f"--track takes NAME=FILE, such as --track 'Alex=alex.m4a'; got {item!r}"
            )
        parsed.append((name.strip(), path.strip()))
    names = tuple(n.strip() for n in channels.split(",")) if channels else ()
    if channels and (len(names) < 2 or not all(names)):
        raise UsageError(
            f"--channels takes one name per channel, such as Alex,Dana; got {channels!r}"
        )
    if rttm is not None and not rttm.strip():
        raise UsageError("--rttm takes a file name, such as --rttm interview.rttm")
    return AudioOptions(tuple(parsed), names, speakers, transcript, asr, asr_model, mode, rttm)


@contextmanager
def progress_bar(enabled: bool = True) -> Iterator[ProgressFn | None]:
    """A rich progress bar on stderr, shown only on a terminal (never mixed into stdout)."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    tasks: dict[str, Any] = {}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:

        def update(stage: str, done: float, total: float | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def load_for_cli(
    name: str | None, options: AudioOptions, me: str | None
) -> tuple[Conversation, str | None]:
    """The recording's conversation and who "me" is (``--me``, else a voiceprint's match)."""
    from twoway.audio import analyze_audio

    with progress_bar() as progress:
        result = analyze_audio(
            name,
            tracks=options.tracks,
            channels=options.channels,
            speakers=options.speaker_count,
            transcript=options.transcript,
            asr=options.asr,
            asr_model=options.asr_model,
            progress=progress,
        )
    if me is None and len(result.matches) == 1:
        me = result.matches[0].name
    if options.rttm is not None:
        write_rttm(result.conversation, options.rttm)
    return result.conversation, me


def rttm_text(conversation: Conversation) -> str:
    """The conversation's turns as RTTM ``SPEAKER`` lines (spaces in names become ``_``).

    >>> from twoway.model import Conversation, Turn
    >>> print(rttm_text(Conversation((Turn("Speaker 1", 0.5, 2.25),), source="a/call.wav")), end="")
    SPEAKER call 1 0.500 1.750 <NA> <NA> Speaker_1 <NA> <NA>
    """
    from pathlib import PurePath

    file_id = "_".join(PurePath(conversation.source or "recording").stem.split()) or "recording"
    lines = []
    for turn in conversation.turns:
        if turn.start is None or turn.end is None:
            continue
        name = "_".join((turn.speaker or "<NA>").split())
        lines.append(
            f"SPEAKER {file_id} 1 {turn.start:.3f} {turn.end - turn.start:.3f} <NA> <NA> "
            f"{name} <NA> <NA>\n"
        )
    return "".join(lines)


def write_rttm(conversation: Conversation, path: str) -> None:
    """``--rttm FILE``: the diarization, for checking who spoke when in another tool."""
    from pathlib import Path

    from twoway.errors import InputError

    try:
        Path(path).write_text(rttm_text(conversation), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write the RTTM file ({exc.strerror or exc})", path=path) from exc
