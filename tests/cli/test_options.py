"""The options commands share (cli/_options.py): declared once, so the same name means the same."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
import typer.main

from twoway.cli import app, main
from twoway.cli._options import SaveOptions
from twoway.cli.analyze import report_format
from twoway.errors import UsageError
from twoway.model import Mode

EXAMPLES = Path(__file__).parents[2] / "examples"
MODE_ERROR = "twoway: error: unknown mode 'party'; choose one of: interview, networking\n"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _options(command: str) -> dict[str, Any]:
    found = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {p.opts[0]: p for p in found.params if p.param_type_name == "option"}


def test_live_repeats_analyzes_options_word_for_word() -> None:
    analyze, live = _options("analyze"), _options("live")
    shared = sorted(set(analyze) & set(live))
    assert shared == [
        "--asr", "--asr-model", "--band", "--company", "--date", "--db", "--format", "--json",
        "--me", "--mode", "--monologue-limit", "--output", "--questions-target", "--role",
        "--save", "--speakers", "--stay-in-touch-days", "--target", "--with",
    ]  # fmt: skip
    # --me is your name from the devices in live; --format also names input formats in analyze.
    for name in set(shared) - {"--me", "--format"}:
        assert _declared(analyze[name]) == _declared(live[name]), name


def _declared(option: Any) -> tuple[Any, ...]:
    return (option.opts, option.secondary_opts, option.help, option.metavar, option.type.name)


@pytest.mark.parametrize("command", ["analyze", "live", "batch", "prep"])
def test_mode_is_a_mode_with_its_values_in_the_help(command: str) -> None:
    mode = _options(command)["--mode"]
    assert mode.metavar == "[interview|networking]"
    assert mode.type.convert("networking", mode, None) is Mode.NETWORKING
    assert mode.default is Mode.INTERVIEW


def test_an_unknown_mode_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(EXAMPLES / "coffee_chat.txt")
    assert run(capsys, "analyze", example, "--mode", "party") == (1, "", MODE_ERROR)
    assert run(capsys, "live", "--input", "a.wav", "--mode", "party") == (1, "", MODE_ERROR)


def test_networking_mode_reaches_the_analysis(capsys: pytest.CaptureFixture[str]) -> None:
    example = str(EXAMPLES / "coffee_chat.txt")
    code, out, err = run(
        capsys, "analyze", example, "--me", "Jordan", "--mode", "networking", "--json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["mode"] == "networking"
    assert data["targets"]["share"] == 0.2


def test_format_still_takes_an_input_format_as_from(capsys: pytest.CaptureFixture[str]) -> None:
    # Before --from existed, --format named the reader too: that still works, and means --from.
    vtt = str(EXAMPLES / "balanced_interview.vtt")
    as_from = run(capsys, "analyze", vtt, "--from", "rttm")
    assert as_from[0] == 1 and as_from[2].startswith(f"twoway: error: {vtt}:1: no SPEAKER line")
    assert run(capsys, "analyze", vtt, "--format", "rttm") == as_from
    code, out, _ = run(capsys, "analyze", vtt, "--format", "text", "--json")
    assert code == 0 and json.loads(out)["format"] == "text"
    assert run(capsys, "analyze", vtt, "--from", "text", "--json") == (code, out, "")


@pytest.mark.parametrize(
    "fmt,as_json,expected",
    [
        (None, False, "terminal"),
        (None, True, "json"),
        ("Markdown", False, "markdown"),
        ("json", True, "json"),
    ],
)
def test_report_format(fmt: str | None, as_json: bool, expected: str) -> None:
    assert report_format(fmt, as_json) == expected


def test_report_format_refuses_two_outputs_and_unknown_ones() -> None:
    with pytest.raises(
        UsageError, match=r"^--json and --format markdown ask for different outputs$"
    ):
        report_format("markdown", True)
    with pytest.raises(
        UsageError, match=r"^--format takes one of: terminal, json, markdown; got 'pdf'$"
    ):
        report_format("pdf", False)


def test_live_and_analyze_give_the_same_format_errors(capsys: pytest.CaptureFixture[str]) -> None:
    expected = "twoway: error: --json and --format markdown ask for different outputs\n"
    example = str(EXAMPLES / "coffee_chat.txt")
    assert run(capsys, "analyze", example, "--json", "-f", "markdown")[2] == expected
    assert run(capsys, "live", "--input", "a.wav", "--json", "-f", "markdown")[2] == expected


def test_save_options_are_checked_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TWOWAY_STAY_IN_TOUCH_DAYS", raising=False)
    monkeypatch.setenv("TWOWAY_CONFIG", str(tmp_path / "config.toml"))  # none: the default 90
    none: dict[str, Any] = {
        "with_people": None,
        "company": None,
        "role": None,
        "date": None,
        "stay_in_touch_days": None,
    }
    assert SaveOptions.from_flags(save=False, **none, db=None) is None
    with pytest.raises(UsageError, match=r"^--company, --db only make sense with --save$"):
        SaveOptions.from_flags(save=False, **{**none, "company": "Acme"}, db="x.db")
    saving = SaveOptions.from_flags(
        save=True,
        with_people=["Dana"],
        company="Acme",
        role=None,
        date="2026-11-02",
        stay_in_touch_days=None,
        db="x.db",
    )
    assert saving == SaveOptions(
        with_people=("Dana",),
        company="Acme",
        date=dt.date(2026, 11, 2),
        stay_in_touch_days=90,
        db="x.db",
    )
    with pytest.raises(UsageError):
        SaveOptions.from_flags(save=True, **{**none, "date": "2026-13-45"}, db=None)
