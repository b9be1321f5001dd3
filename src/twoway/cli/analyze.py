"""``twoway analyze``: read transcripts, measure them, report."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from twoway.errors import TwowayError, UsageError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from twoway.analysis import Analysis, Targets
    from twoway.audio._cli import AudioOptions
    from twoway.model import Conversation
    from twoway.prep import Plan

OUTPUT_FORMATS = ("terminal", "json", "markdown")

ANALYZE_HELP = """Analyze one or more transcripts: talk share against the target, monologues,
turn-taking, pauses, interruptions, pace, fillers, every question asked, a two-way score and
feedback.

Example: twoway analyze interview.vtt --me "Alex" --mode interview

Example: twoway analyze interview.vtt --me Alex --save --with "Dana Lee" --company Acme
"""


def _parse_band(value: str) -> tuple[float, float]:
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*-\s*(\d+(?:\.\d+)?)\s*%?\s*", value)
    if not match:
        raise UsageError(f"--band takes LOW-HIGH in percent, such as 40-60; got {value!r}")
    return float(match.group(1)) / 100, float(match.group(2)) / 100


def build_targets(
    mode: str,
    target: float | None,
    band: str | None,
    monologue_limit: float | None,
    questions_target: int | None,
) -> Targets:
    """The mode's targets with the user's overrides (percentages in, fractions out)."""
    from dataclasses import replace

    from twoway.analysis import targets_for

    targets = targets_for(mode)
    if target is not None or band is not None:
        low, high = _parse_band(band) if band is not None else (None, None)
        share = target / 100 if target is not None else targets.share
        if target is None and low is not None and high is not None:
            share = (low + high) / 2
        targets = targets.with_share(share, low, high)
    if monologue_limit is not None:
        targets = replace(targets, monologue_s=monologue_limit)
    if questions_target is not None:
        targets = replace(targets, questions=questions_target)
    return targets


def _split_format(fmt: str | None, from_: str | None) -> tuple[str, str | None]:
    """``--format`` takes an output format or an input format name; ``--from`` an input format."""
    from twoway.formats import FORMATS

    output, reader = "terminal", from_
    if fmt is not None:
        name = fmt.lower()
        if name in OUTPUT_FORMATS:
            output = name
        elif name in FORMATS:
            if from_ is not None and from_ != name:
                raise UsageError(f"--format {fmt} and --from {from_} name different input formats")
            reader = name
        else:
            raise UsageError(
                f"unknown format {fmt!r}; output formats: {', '.join(OUTPUT_FORMATS)}; "
                f"input formats: {', '.join(FORMATS)}"
            )
    if reader is not None and reader not in FORMATS:
        raise UsageError(f"unknown input format {reader!r}; choose one of: {', '.join(FORMATS)}")
    return output, reader


def analyze_command(
    files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="FILE...",
            help="Transcript or recording files (audio/video: docs/audio.md); '-' reads stdin.",
        ),
    ] = None,
    me: Annotated[
        str | None,
        typer.Option("--me", help="Which speaker you are (ignores case; a unique prefix works)."),
    ] = None,
    mode: Annotated[
        str,
        typer.Option(help="interview (aim near 50% talk share) or networking (near 20%)."),
    ] = "interview",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format: terminal, json or markdown. An input format name "
            "(vtt, srt, text, ...) forces the reader instead.",
        ),
    ] = None,
    from_: Annotated[
        str | None,
        typer.Option(
            "--from", help="Force the input format instead of detecting it (vtt, srt...)."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the report to this file, not the terminal."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write a self-contained HTML report (several inputs: FILE-INPUT.html "
            "each, or INPUT.html in FILE when it is a folder; docs/html-report.md).",
        ),
    ] = None,
    png: Annotated[
        Path | None,
        typer.Option(
            "--png",
            metavar="DIR",
            help="Also draw timeline.png and share.png into this folder (needs twoway[charts]).",
        ),
    ] = None,
    target: Annotated[
        float | None,
        typer.Option(help="Your talk-share target in percent (default by mode: 50 or 20)."),
    ] = None,
    band: Annotated[
        str | None,
        typer.Option(help="The on-target band in percent, LOW-HIGH (default 40-60 or 10-30)."),
    ] = None,
    monologue_limit: Annotated[
        float | None,
        typer.Option(help="Seconds after which a floor is a monologue (default 90 or 60)."),
    ] = None,
    questions_target: Annotated[
        int | None, typer.Option(help="How many questions you aim to ask (default 4 or 6).")
    ] = None,
    plan: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="A question plan from 'twoway prep --format json': report which planned "
            "questions you asked.",
        ),
    ] = None,
    suggest: Annotated[
        bool,
        typer.Option(
            "--suggest",
            help="Suggest follow-up questions from what the others talked about (slower start).",
        ),
    ] = False,
    save: Annotated[
        bool,
        typer.Option(
            "--save",
            help="Keep the conversation and its analysis in your local history (docs/store.md).",
        ),
    ] = False,
    with_people: Annotated[
        list[str] | None,
        typer.Option(
            "--with", metavar="NAME", help="With --save: a person you talked to (repeatable)."
        ),
    ] = None,
    company: Annotated[
        str | None, typer.Option(help="With --save: the company the conversation was with.")
    ] = None,
    role: Annotated[str | None, typer.Option(help="With --save: the role discussed.")] = None,
    date: Annotated[
        str | None,
        typer.Option(help="With --save: when it took place, YYYY-MM-DD (default: today)."),
    ] = None,
    stay_in_touch_days: Annotated[
        int | None,
        typer.Option(
            help="With --save: days until the 'stay in touch' follow-up (default 90, or "
            "stay_in_touch_days in config.toml).",
            min=1,
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="URL",
            help="With --save: the store (default: $TWOWAY_DB, else your data folder).",
        ),
    ] = None,
    track: Annotated[
        list[str] | None,
        typer.Option(
            "--track",
            metavar="NAME=FILE",
            help="Audio: one recording per speaker, such as --track 'Alex=alex.m4a' (repeat).",
        ),
    ] = None,
    channels: Annotated[
        str | None,
        typer.Option(help="Audio: a stereo recording with one speaker per channel: NAMES,..."),
    ] = None,
    speakers: Annotated[
        int | None,
        typer.Option(help="Audio, one mixed track: how many people (default 2 in interview mode)."),
    ] = None,
    transcript: Annotated[
        str | None,
        typer.Option(help="Audio: take the words from this transcript, placed by its timestamps."),
    ] = None,
    asr: Annotated[
        bool,
        typer.Option("--asr", help="Audio: transcribe offline (Whisper tiny.en with twoway[asr])."),
    ] = False,
    asr_model: Annotated[
        str | None,
        typer.Option(help="Audio: a faster-whisper model folder for --asr (or $TWOWAY_ASR_MODEL)."),
    ] = None,
    rttm: Annotated[
        str | None,
        typer.Option(metavar="FILE", help="Audio: write who spoke when to this RTTM file."),
    ] = None,
) -> None:
    from twoway.analysis import analyze

    out_format, reader = _split_format(fmt, from_)
    save_options = _save_options(save, with_people, company, role, date, stay_in_touch_days, db)
    if as_json:
        if fmt is not None and out_format != "json" and fmt.lower() in OUTPUT_FORMATS:
            raise UsageError(f"--json and --format {fmt} ask for different outputs")
        out_format = "json"
    targets = build_targets(mode, target, band, monologue_limit, questions_target)
    prepared = _read_plan(plan) if plan is not None else None
    from twoway.audio._cli import parse_options

    audio = parse_options(track, channels, speakers, transcript, asr, asr_model, mode, rttm)
    files = list(files or ([] if audio.tracks else _no_files()))
    if audio.tracks and files:
        raise UsageError("--track gives the recordings: no FILE arguments with it")
    if files.count("-") > 1:
        raise UsageError("standard input ('-') can be read only once")

    analyses: list[Analysis] = []
    conversations: list[Conversation] = []
    failures = 0
    inputs: list[str | None] = list(files) or [None]  # [None]: the --track recordings
    for name in inputs:
        try:
            conversation, who = _load_any(name, reader, audio, me)
            if who is None and me is None:  # on a terminal, ask (cli/_ask.py); else no one
                from twoway.cli._ask import ask_me_on_a_terminal

                who = ask_me_on_a_terminal(conversation.speakers, name or conversation.source)
            analysis = analyze(conversation, me=who, mode=mode, targets=targets)
            analyses.append(_extend(analysis, conversation, prepared, plan, suggest))
            conversations.append(conversation)
        except TwowayError as exc:
            if len(inputs) == 1:
                raise
            failures += 1
            sys.stderr.write(f"twoway: error: {exc}\n")
    if analyses:
        _emit(analyses, out_format, output)
    if analyses and (html is not None or png is not None):
        from twoway.cli.report import write_outputs

        write_outputs(analyses, conversations, html=html, png=png, several=len(inputs) > 1)
    if analyses and save_options is not None:
        # Confirmations go to stderr when stdout carries the JSON or markdown report.
        _save(
            conversations,
            analyses,
            save_options,
            quiet_stdout=output is None and out_format != "terminal",
        )
    if failures:
        raise typer.Exit(code=1)


def _no_files() -> list[str]:
    raise UsageError("give a transcript or recording FILE (or --track NAME=FILE for each speaker)")


def _load_any(
    name: str | None, reader: str | None, audio: AudioOptions, me: str | None
) -> tuple[Conversation, str | None]:
    """A transcript through the readers, a recording through twoway.audio (sniffed by content)."""
    from twoway.audio import is_audio_file

    if name is None or (reader is None and is_audio_file(name)):
        from twoway.audio._cli import load_for_cli

        return load_for_cli(name, audio, me)
    if audio.given:
        raise UsageError(
            f"{name}: --track, --channels, --speakers, --transcript and --asr are for recordings"
        )
    from twoway.formats import load

    return load(name, format=reader), me


def _save_options(
    save: bool,
    with_people: list[str] | None,
    company: str | None,
    role: str | None,
    date: str | None,
    stay_in_touch_days: int | None,
    db: str | None,
) -> dict[str, Any] | None:
    """Check the --save options before any work is done (a bad --date fails fast)."""
    given = [
        flag
        for flag, value in (
            ("--with", with_people),
            ("--company", company),
            ("--role", role),
            ("--date", date),
            ("--stay-in-touch-days", stay_in_touch_days),
            ("--db", db),
        )
        if value
    ]
    if not save:
        if given:
            raise UsageError(f"{', '.join(given)} only make sense with --save")
        return None
    from twoway.dates import parse_date
    from twoway.store.config import stay_in_touch_days as interval

    return {
        "with_people": list(with_people or ()),
        "company": company,
        "role": role,
        "date": parse_date(date) if date is not None else None,
        "stay_in_touch_days": interval(stay_in_touch_days),
        "db": db,
    }


def _save(
    conversations: list[Conversation],
    analyses: list[Analysis],
    options: dict[str, Any],
    quiet_stdout: bool,
) -> None:
    from twoway.cli._store import echo
    from twoway.store import open as open_store

    settings = dict(options)
    db = settings.pop("db")
    named: list[str] = settings.pop("with_people")
    with open_store(db) as store:
        for conversation, analysis in zip(conversations, analyses, strict=True):
            people = [_with_speaker(n, conversation.speakers, analysis.me) for n in named]
            result = store.save(conversation, analysis, with_people=people, **settings)
            saved = store.conversation(result.conversation_id).summary
            verb = "Saved" if result.created else "Updated (already saved)"
            detail = f" with {', '.join(saved.people)}" if saved.people else ""
            detail += f" at {saved.company}" if saved.company else ""
            added = result.followups_added
            hint = " (twoway followups)" if added else ""
            if not saved.people:
                hint = " (name who you talked to with --with NAME for a thank-you follow-up)"
            echo(
                f"{verb} conversation #{saved.id} ({saved.source}, {saved.date}){detail}; "
                f"{added} follow-up{'s' if added != 1 else ''} added{hint}",
                err=quiet_stdout,
            )


def _with_speaker(name: str, speakers: Sequence[str], me: str | None) -> str:
    """The person ``--with NAME`` means: the other speaker it names, as ``--me`` resolves names
    (``Jordan`` -> ``Jordan Lee``, ``B`` -> ``Speaker B``), else the name as given (someone the
    transcript does not name). Two speakers starting with it is a usage error.
    """
    from twoway.analysis.analyze import resolve_speaker
    from twoway.errors import SpeakerError

    others = [s for s in speakers if s != me]
    try:
        return resolve_speaker(name, others)
    except SpeakerError:
        wanted = name.strip().casefold()
        several = [s for s in others if wanted and s.casefold().startswith(wanted)]
        if len(several) > 1:
            raise UsageError(
                f"--with {name!r} matches several speakers: {', '.join(several)}; "
                "give the full name"
            ) from None
        return name.strip()


def _read_plan(path: Path) -> Plan:
    import json

    from twoway.errors import InputError
    from twoway.prep import Plan

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(
            "no such file (make one with: twoway prep ... --format json)", path=str(path)
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(f"not JSON: {exc.msg}", path=str(path), line=exc.lineno) from exc
    return Plan.from_dict(data, str(path))


def _extend(
    analysis: Analysis,
    conversation: Conversation,
    prepared: Plan | None,
    plan_path: Path | None,
    suggest: bool,
) -> Analysis:
    """Add what needs more than the core: plan coverage and follow-up suggestions."""
    from dataclasses import replace

    if prepared is not None and plan_path is not None:
        from twoway.prep import match_plan

        analysis = replace(analysis, plan=match_plan(prepared, analysis.questions, str(plan_path)))
    if suggest:
        if analysis.me is None:
            raise UsageError("--suggest needs --me: suggestions are questions for you to ask")
        from twoway.prep import suggest_followups

        analysis = replace(analysis, suggestions=suggest_followups(conversation, analysis.me))
    return analysis


def _emit(analyses: list[Analysis], out_format: str, output: Path | None) -> None:
    if out_format == "json":
        from twoway.report.json import render_json

        _write(render_json(analyses), output)
    elif out_format == "markdown":
        from twoway.report.markdown import render_markdown

        _write("\n\n".join(render_markdown(a) for a in analyses), output)
    else:
        from rich.console import Console

        from twoway.report.terminal import render_terminal

        if output is None:
            console = Console()
            for analysis in analyses:
                render_terminal(analysis, console)
        else:
            console = Console(record=True, width=100, file=io.StringIO())
            for analysis in analyses:
                render_terminal(analysis, console)
            _write(console.export_text(), output)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    if not output.parent.exists():
        raise UsageError(f"{output}: the folder {output.parent} does not exist")
    output.write_text(text, encoding="utf-8")


def register(app: typer.Typer) -> None:
    app.command("analyze", help=ANALYZE_HELP)(analyze_command)
