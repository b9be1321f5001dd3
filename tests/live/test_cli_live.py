"""``twoway live`` on files: the terminal display, kept audio, the consent reminder, errors."""

from __future__ import annotations

import time
import wave
from pathlib import Path

import pytest

from twoway.cli import main
from twoway.live.consent import REMINDER


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def inputs(files: dict[str, Path]) -> list[str]:
    return [a for name, path in files.items() for a in ("--input", f"{name}={path}")]


def test_the_terminal_display_updates_four_times_a_second(
    short_call: dict[str, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich draws as on a terminal
    monkeypatch.setenv("COLUMNS", "110")
    started = time.monotonic()
    code, out, err = run(["live", *inputs(short_call), "--realtime", "--me", "Agent"], capsys)
    took = time.monotonic() - started
    assert code == 0, err
    assert took >= 5.5  # six seconds of audio, paced as live
    frames = err.count("Your talk share")
    assert frames >= 2 * 6, f"only {frames} redraws in {took:.1f} s"
    assert "Current turn" in err and "questions need --asr" in err
    # Then the same report as twoway analyze.
    assert "twoway report" in out and "(you)" in out


def test_consent_reminder_is_shown_once(
    short_call: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["live", *inputs(short_call), "--me", "Agent", "--json"]
    _, _, first = run(args, capsys)
    _, _, second = run(args, capsys)
    assert first == f"twoway: {REMINDER}\n"
    assert second == ""


def test_keep_audio_writes_one_channel_per_source(
    short_call: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "kept.wav"
    code, _, err = run(
        ["live", *inputs(short_call), "--me", "Agent", "--keep-audio", str(kept), "--json"], capsys
    )
    assert code == 0, err
    with wave.open(str(kept)) as audio:
        assert audio.getnchannels() == 2
        assert audio.getframerate() == 16_000
        assert audio.getnframes() == 6 * 16_000


def test_no_audio_is_kept_by_default(
    short_call: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    run(["live", *inputs(short_call), "--me", "Agent", "--json"], capsys)
    assert [p.name for p in tmp_path.iterdir()] == ["data"]  # the consent marker's folder only


USAGE_ERRORS = [
    (["--input", "Alex=a.wav"], "--input NAME=FILE needs one file per speaker: give two or more"),
    (
        ["--input", "a.wav", "--input", "b.wav"],
        "several --input options need a name each: --input 'NAME=FILE'",
    ),
    (["--realtime"], "--realtime paces --input files; devices are live already"),
    (
        ["--input", "a.wav", "--mic", "x"],
        "--input reads files: --mic, --loopback and --no-loopback are for devices",
    ),
    (["--with", "Dana"], "--with only make sense with --save"),
]


@pytest.mark.parametrize("args,message", USAGE_ERRORS)
def test_usage_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["live", *args], capsys)
    assert code == 1
    assert err == f"twoway: error: {message}\n"


def test_save_reuses_analyzes_store(
    short_call: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    code, _, err = run(
        ["live", *inputs(short_call), "--me", "Agent", "--json", "--save", "--with", "Caller",
         "--company", "Acme", "--db", db],
        capsys,
    )  # fmt: skip
    assert code == 0, err
    assert "Saved conversation #1 (" in err and "with Caller at Acme" in err


def test_live_documents_itself() -> None:
    import typer.main

    from twoway.cli import app

    command = typer.main.get_command(app).commands["live"]  # type: ignore[attr-defined]
    assert command.help and "Example: twoway live" in command.help
    for param in command.params:
        if param.param_type_name == "option":
            assert param.help, f"twoway live {param.opts[0]} has no help text"


def test_one_voice_for_all_without_a_voiceprint() -> None:
    from rich.console import Console

    from twoway.analysis.targets import targets_for
    from twoway.live.display import render
    from twoway.live.meter import Meter

    meter = Meter(("Speech",), me=None, targets=targets_for("interview"))
    meter.push([1] * 300 + [0] * 100)
    console = Console(record=True, width=140)
    console.print(render(meter.view()))
    text = console.export_text()
    assert "enroll yours to see your share live" in text
    assert "███··  0 switches; █ speech" in text  # 3 s of speech, 1 s of silence, 0 s under way
