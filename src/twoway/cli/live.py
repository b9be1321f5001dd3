"""``twoway live``: a live two-way meter during the conversation, the full analysis after."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from twoway.cli._options import (
    AsrModelOption,
    AsrOption,
    BandOption,
    ModeOption,
    MonologueLimitOption,
    QuestionsTargetOption,
    ReportFormatOption,
    ReportJsonOption,
    ReportOutputOption,
    SaveOptions,
    SpeakersOption,
    TargetOption,
    me_option,
    save_options,
)
from twoway.cli.analyze import ReportOptions, build_targets, publish, report_format
from twoway.errors import UsageError
from twoway.model import Mode

if TYPE_CHECKING:
    from rich.console import Console

    from twoway.analysis import Targets
    from twoway.live import LiveSession, Source, Words

LIVE_HELP = """Show, while you talk, your running talk share against the mode's band, how long
the current turn has run (a calm nudge at the monologue limit), turn-taking and, with --asr, the
time since your last question; when it stops (Ctrl-C, the end of the input, or --duration), the
whole conversation is analyzed as twoway analyze does (docs/live.md).

Without --input: the microphone is you and the system's output (a call) is them.

Example: twoway live --me Alex --mode networking

Example: twoway live --input "Alex=alex.wav" --input "Dana=dana.wav" --realtime --me Alex
"""

REFRESH_S = 0.1
"""The display is redrawn ten times a second: a person sees speech on the meter within about
0.1 s of the detector hearing it (benchmarks/bench_live.py)."""
THEM = "Them"


def _parse_inputs(inputs: list[str]) -> list[Source]:
    from twoway.live import Source

    sources: list[Source] = []
    for item in inputs:
        name, sep, path = item.partition("=")
        if sep and name.strip() and path.strip() and not Path(item).exists():
            sources.append(Source(name.strip(), path.strip(), path.strip()))
        elif sep and not Path(item).exists():
            raise UsageError(
                f"--input takes FILE or NAME=FILE, such as --input 'Alex=alex.wav'; got {item!r}"
            )
        else:
            sources.append(Source(None, item, item))
    if len(sources) > 1 and any(s.name is None for s in sources):
        raise UsageError("several --input options need a name each: --input 'NAME=FILE'")
    return sources


def _device_sources(me: str | None, them: str, no_loopback: bool) -> list[Source]:
    from twoway.live import Source

    mine = me or "Me"
    if no_loopback:
        return [Source(None, None, "microphone")]
    if mine.casefold() == them.casefold():
        raise UsageError(f"--me and --them must differ: both are {them!r}")
    return [Source(mine, None, "microphone"), Source(them, None, "call audio")]


def _guarded(target: Callable[[], None], errors: list[BaseException]) -> Callable[[], None]:
    def run() -> None:
        try:
            target()
        except BaseException as exc:  # handed to the main thread, which reports it
            errors.append(exc)

    return run


def run_display(
    session: LiveSession,
    feeders: list[Callable[[], None]],
    stop: threading.Event,
    *,
    title: str,
    duration_s: float | None = None,
    console: Console | None = None,
) -> None:
    """Run the feeders in threads and redraw the meter every ``REFRESH_S`` until they end,
    ``duration_s`` of audio has gone by, or Ctrl-C."""
    from rich.console import Console
    from rich.live import Live

    from twoway.live.display import render

    errors: list[BaseException] = []
    threads = [threading.Thread(target=_guarded(f, errors), daemon=True) for f in feeders]
    for thread in threads:
        thread.start()
    console = console or Console(stderr=True)
    try:
        with Live(
            render(session.view(), title=title),
            console=console,
            auto_refresh=False,
            transient=False,
        ) as live:
            while any(t.is_alive() for t in threads) and not errors:
                time.sleep(REFRESH_S)
                view = session.view()
                live.update(render(view, title=title), refresh=True)
                if duration_s is not None and view.elapsed_s >= duration_s:
                    break
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=5)
    if errors:
        raise errors[0]


@save_options
def live_command(
    inputs: Annotated[
        list[str] | None,
        typer.Option(
            "--input",
            "-i",
            metavar="FILE|NAME=FILE",
            help="Read a recording instead of devices: one FILE is one mixed source; "
            "NAME=FILE once per speaker, as analyze --track.",
        ),
    ] = None,
    realtime: Annotated[
        bool, typer.Option("--realtime", help="Play --input files at the pace of live audio.")
    ] = False,
    me: Annotated[str | None, me_option("Which speaker you are (with devices: your name).")] = None,
    mode: ModeOption = Mode.INTERVIEW,
    target: TargetOption = None,
    band: BandOption = None,
    monologue_limit: MonologueLimitOption = None,
    questions_target: QuestionsTargetOption = None,
    mic: Annotated[
        str | None,
        typer.Option("--mic", metavar="DEVICE", help="The microphone (part of its name)."),
    ] = None,
    loopback: Annotated[
        str | None,
        typer.Option(
            "--loopback", metavar="DEVICE", help="The call's audio: a monitor/loopback device."
        ),
    ] = None,
    no_loopback: Annotated[
        bool,
        typer.Option(
            "--no-loopback",
            help="In person: the microphone alone, one mixed source (voices told apart at "
            "the end; you by your voiceprint).",
        ),
    ] = False,
    them: Annotated[
        str, typer.Option("--them", help="The name of the call's side (default: Them).")
    ] = THEM,
    list_devices: Annotated[
        bool, typer.Option("--list-devices", help="List the capture devices and exit.")
    ] = False,
    duration: Annotated[
        float | None,
        typer.Option(help="Stop after this many seconds (default: at Ctrl-C or the input's end)."),
    ] = None,
    speakers: SpeakersOption = None,
    asr: AsrOption = False,
    asr_model: AsrModelOption = None,
    keep_audio: Annotated[
        Path | None,
        typer.Option(
            "--keep-audio",
            metavar="FILE",
            help="Keep the audio as a WAV, one channel per source (by default none is kept).",
        ),
    ] = None,
    as_json: ReportJsonOption = False,
    fmt: ReportFormatOption = None,
    output: ReportOutputOption = None,
    saving: SaveOptions | None = None,  # --save, --with, ... --db (save_options)
) -> None:
    if list_devices:
        _print_devices()
        return
    report = ReportOptions(report_format(fmt, as_json), output)
    targets = build_targets(mode, target, band, monologue_limit, questions_target)
    if realtime and not inputs:
        raise UsageError("--realtime paces --input files; devices are live already")
    if inputs and (mic or loopback or no_loopback):
        raise UsageError("--input reads files: --mic, --loopback and --no-loopback are for devices")
    if keep_audio is not None and not keep_audio.parent.exists():
        raise UsageError(f"--keep-audio: the folder {keep_audio.parent} does not exist")
    sources = _parse_inputs(inputs) if inputs else _device_sources(me, them, no_loopback)
    mixed = len(sources) == 1 and sources[0].name is None
    if not mixed and len(sources) == 1:
        raise UsageError("--input NAME=FILE needs one file per speaker: give two or more")
    speaker_count = speakers if speakers is not None or not mixed else _default_speakers(mode)

    from twoway.live.consent import remind_once

    remind_once(_note)
    from twoway.live import LiveSession

    engine = None
    if asr:
        from twoway.audio.asr import make_engine

        engine = make_engine(asr_model)
    session = LiveSession(
        sources,
        me=me if mixed or inputs else (me or "Me"),
        targets=targets,
        speakers=speaker_count,
        keep_audio=keep_audio,
        transcribe=engine.transcribe if engine is not None else None,
    )
    words = _words(session, sources, asr, asr_model, engine.note if engine is not None else "")
    stop = threading.Event()
    title = f"twoway live · {mode}"
    if inputs:
        _run_files(session, [s.path or "" for s in sources], realtime, stop, title, duration)
    else:
        _run_devices(session, mic, loopback, stop, title, duration)
    _finish(session, sources, me, mode, targets, report, saving, words)


def _note(text: str) -> None:
    sys.stderr.write(f"twoway: {text}\n")


def _default_speakers(mode: Mode) -> int | None:
    # As analyze: an interview is two people unless told otherwise (docs/audio.md).
    return 2 if mode == Mode.INTERVIEW else None


def _run_files(
    session: LiveSession,
    paths: list[str],
    realtime: bool,
    stop: threading.Event,
    title: str,
    duration: float | None,
) -> None:
    from twoway.live.capture import feed_files

    def feed() -> None:
        feed_files(session, paths, realtime=realtime, stop=stop, duration_s=duration)

    if realtime:
        run_display(session, [feed], stop, title=title, duration_s=duration)
        return
    with contextlib.suppress(KeyboardInterrupt):
        feed()


def _run_devices(
    session: LiveSession,
    mic: str | None,
    loopback: str | None,
    stop: threading.Event,
    title: str,
    duration: float | None,
) -> None:
    from twoway.live.capture import check_device_names, open_device

    check_device_names(mic, loopback)
    open_device("mic", mic)  # fail now, with a clear message, when there is no microphone at all
    kinds = [("mic", mic)] if session.mixed else [("mic", mic), ("loopback", loopback)]
    feeders = [
        _device_feeder(session, i, kind, wanted, stop) for i, (kind, wanted) in enumerate(kinds)
    ]
    run_display(session, feeders, stop, title=title, duration_s=duration)


def _device_feeder(
    session: LiveSession, index: int, kind: str, wanted: str | None, stop: threading.Event
) -> Callable[[], None]:
    from twoway.live.capture import feed_device

    def feed() -> None:
        feed_device(session, index, kind, wanted, stop=stop)

    return feed


def _finish(
    session: LiveSession,
    sources: list[Source],
    me: str | None,
    mode: Mode,
    targets: Targets,
    report: ReportOptions,
    saving: SaveOptions | None,
    words: Words,
) -> None:
    from twoway.analysis import analyze

    result = session.finish(words, display=_display(sources))
    who = me
    if not session.mixed and not any(s.path for s in sources):
        who = session.names[0]  # devices: the microphone is you
    if who is None and len(result.matches) == 1:
        who = result.matches[0].name
    analysis = analyze(result.conversation, me=who, mode=mode, targets=targets)
    publish([analysis], [result.conversation], report, saving, several=False)


def _display(sources: list[Source]) -> str:
    if all(s.path for s in sources):
        return " + ".join(s.path or "" for s in sources)
    return "live: " + " + ".join(s.label for s in sources)


def _words(
    session: LiveSession, sources: list[Source], asr: bool, asr_model: str | None, note: str
) -> Words:
    """Where the final analysis takes its words (``twoway.live.Words``)."""
    from twoway.live import Words

    if not asr:
        return Words()
    if session.mixed and sources[0].path:
        return Words(asr=True, asr_model=asr_model, source=sources[0].path)
    if all(s.path for s in sources):
        tracks = tuple((s.name or "", s.path or "") for s in sources)
        return Words(asr=True, asr_model=asr_model, tracks=tracks)
    kept = session.keep_audio
    if kept is not None:
        if session.mixed:
            return Words(asr=True, asr_model=asr_model, source=str(kept))
        return Words(asr=True, asr_model=asr_model, source=str(kept), channels=session.names)
    return Words(live=True, note=note)


def _print_devices() -> None:
    from twoway.live.capture import list_devices

    devices = list_devices()
    if not devices:
        typer.echo("No capture devices.")
    for device in devices:
        kind = "loopback" if device.loopback else "microphone"
        typer.echo(f"{kind:10}  {device.name}  ({device.id})")


def register(app: typer.Typer) -> None:
    app.command("live", help=LIVE_HELP)(live_command)
