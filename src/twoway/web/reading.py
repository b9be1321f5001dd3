"""Reading an upload the way ``twoway analyze`` reads a file, and the report around it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from markupsafe import Markup

from twoway.errors import InputError

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from twoway.analysis import Analysis
    from twoway.model import Conversation
    from twoway.report.commitments import CommitmentView
    from twoway.store import ProgressPoint
    from twoway.web.uploads import Upload

MODES = ("interview", "networking")


def is_recording(upload: Upload) -> bool:
    from twoway.audio import is_audio_file

    return is_audio_file(upload.path)


def start_reading(upload: Upload, mode: str) -> None:
    """Read a recording in a background thread: with ``asr`` it takes minutes, and the pages
    show the stage meanwhile (``upload.stage``). ``read_upload`` waits for it."""
    import threading

    done = threading.Event()

    def progress(stage: str, part: float, whole: float | None) -> None:
        stage = stage.replace(str(upload.path), upload.name)  # never the private copy's path
        upload.stage = f"{stage}: {part / whole:.0%}" if whole else stage

    def work() -> None:
        try:
            _read(upload, mode, progress)
        except Exception as exc:  # raised again by read_upload, in a request
            upload.failure = exc
        finally:
            done.set()

    upload.ready = done
    threading.Thread(target=work, name="twoway-recording", daemon=True).start()


def read_upload(upload: Upload, mode: str) -> Conversation:
    """The upload's conversation: a transcript through ``twoway.formats.load``, a recording
    through ``twoway.audio`` (sniffed by content, as the CLI does). Cached on the upload; while
    ``start_reading`` reads it, this waits, then raises what that reading raised.

    Errors name the uploaded file, not the private copy: ``interview.vtt:7: ...``.
    """
    if upload.ready is not None:
        upload.ready.wait()
        if upload.failure is not None:
            raise upload.failure
    return _read(upload, mode)


def _read(
    upload: Upload,
    mode: str,
    progress: Callable[[str, float, float | None], None] | None = None,
) -> Conversation:
    if upload.conversation is not None and upload.mode == mode:
        return upload.conversation
    try:
        if is_recording(upload):
            from twoway.audio import AudioOptions, analyze_audio

            result = analyze_audio(
                upload.path,
                speakers=AudioOptions(mode=mode).speaker_count,
                asr=upload.asr,
                progress=progress,
            )
            conversation = result.conversation
            upload.me_guess = result.matches[0].name if len(result.matches) == 1 else None
        else:
            from twoway.formats import load

            conversation = load(upload.path)
    except InputError as exc:
        raise rename(exc, str(upload.path), upload.name) from None
    conversation = replace(conversation, source=upload.name)
    upload.conversation, upload.mode = conversation, mode
    return conversation


def asr_available() -> bool:
    """Whether recordings can be transcribed here: Whisper as ``twoway[asr]`` ships it, or the
    model folder in ``TWOWAY_ASR_MODEL``. (PocketSphinx's rough words are left to the CLI.)"""
    import os

    from twoway.audio.asr import bundled_model

    return bool(os.environ.get("TWOWAY_ASR_MODEL")) or bundled_model() is not None


def rename(exc: InputError, private: str, shown: str) -> InputError:
    """The same error naming ``shown`` instead of the private file ``private``."""
    if exc.path == private:
        exc.path = shown
    if private in exc.message:
        exc.message = exc.message.replace(private, shown)
        exc.args = (exc.message, *exc.args[1:])
    return exc


def report_fragment(
    analysis: Analysis,
    conversation: Conversation,
    *,
    progress: Sequence[ProgressPoint] | None = None,
    title: str | None = None,
    date: dt.date | None = None,
    said_on: dt.date | None = None,
) -> Markup:
    """The HTML report's ``<main>`` element (``twoway.report.html``), as trusted markup, with
    the commitments made in the conversation (as ``twoway analyze`` shows them), their due
    phrases read from ``said_on`` (default: ``date``, else today)."""
    from twoway.report.html import render_html_fragment

    found = commitments(analysis, conversation, said_on or date)
    # Safe: the report's templates autoescape everything taken from the transcript.
    html = render_html_fragment(
        analysis, conversation, progress=progress, title=title, date=date, commitments=found
    )
    return Markup(html)


def commitments(
    analysis: Analysis, conversation: Conversation, said_on: dt.date | None
) -> tuple[CommitmentView, ...]:
    """The commitments of ``conversation`` for the report (``twoway.report.commitments``), with
    "me" as the analysis has it; due dates counted from ``said_on`` (``None``: today)."""
    from twoway.dates import today
    from twoway.followup import find_commitments
    from twoway.report.commitments import commitment_views

    if not conversation.has_text:
        return ()
    found = find_commitments(conversation, analysis.me)
    return commitment_views(found, analysis.me, said_on or today())


_GENERIC = re.compile(r"^(speaker|spk|spkr)[\s_-]*\w{0,3}$|^\(.*\)$", re.IGNORECASE)


def likely_me(speakers: Sequence[str], names: Sequence[str]) -> str | None:
    """The speaker to preselect on "Who are you?": the first of ``names`` (the setting, then
    who "me" was in saved conversations, most often first) that names one speaker, by the same
    name ignoring case, or one name starting the other (``Sam`` and ``Sam Patel``).

    Generic labels (``Speaker A``, ``SPEAKER_00``) say nothing about who anyone is: never
    matched.

    >>> likely_me(["Jordan Lee", "Sam Patel"], ["sam"])
    'Sam Patel'
    >>> likely_me(["Speaker A", "Speaker B"], ["Speaker A"]) is None
    True
    """

    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    candidates = [s for s in speakers if s.strip() and not _GENERIC.match(s.strip())]
    for name in names:
        wanted = key(name)
        if not wanted or _GENERIC.match(wanted):
            continue
        same = [s for s in candidates if key(s) == wanted]
        if len(same) == 1:
            return same[0]
        starts = [
            s
            for s in candidates
            if key(s).startswith(wanted + " ") or wanted.startswith(key(s) + " ")
        ]
        if len(starts) == 1:
            return starts[0]
    return None
