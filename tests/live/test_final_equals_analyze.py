"""When it stops, ``twoway live`` analyzes the whole conversation as ``twoway analyze`` does:
with ``--json``, the same JSON, byte for byte, for the same audio."""

from __future__ import annotations

from pathlib import Path

import pytest

from twoway.audio import diarize_available
from twoway.cli import main

from .conftest import MOCK_INTERVIEW


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_one_file_per_speaker(
    call_tracks: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = [f"{name}={path}" for name, path in call_tracks.items()]
    code, live_json, err = run(
        ["live", *(a for i in inputs for a in ("--input", i)), "--me", "Caller", "--json"], capsys
    )
    assert code == 0, err
    code, analyze_json, err = run(
        ["analyze", *(a for i in inputs for a in ("--track", i)), "--me", "Caller", "--json"],
        capsys,
    )
    assert code == 0, err
    assert live_json == analyze_json
    assert '"name": "Caller"' in live_json


def test_a_quiet_recording(quiet_call: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    # 30 dB down, the detector's input is levelled per 30 s chunk of the decoder: the live
    # session feeds its offline features the same chunks.
    inputs = [f"{name}={path}" for name, path in quiet_call.items()]
    args = [a for i in inputs for a in ("--input", i)]
    code, live_json, err = run(["live", *args, "--me", "Agent", "--json"], capsys)
    assert code == 0, err
    tracks = [a for i in inputs for a in ("--track", i)]
    _, analyze_json, _ = run(["analyze", *tracks, "--me", "Agent", "--json"], capsys)
    assert live_json == analyze_json


def test_paced_in_real_time_too(
    short_call: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = [f"{name}={path}" for name, path in short_call.items()]
    args = [a for i in inputs for a in ("--input", i)]
    code, live_json, err = run(["live", *args, "--realtime", "--me", "Agent", "--json"], capsys)
    assert code == 0, err
    tracks = [a for i in inputs for a in ("--track", i)]
    _, analyze_json, _ = run(["analyze", *tracks, "--me", "Agent", "--json"], capsys)
    assert live_json == analyze_json


@pytest.mark.skipif(
    not diarize_available(),
    reason="one mixed source needs twoway[diarize]",
)
def test_one_mixed_file(capsys: pytest.CaptureFixture[str]) -> None:
    args = [str(MOCK_INTERVIEW), "--me", "Speaker 2", "--json"]
    code, live_json, err = run(["live", "--input", *args], capsys)
    assert code == 0, err
    _, analyze_json, _ = run(["analyze", *args], capsys)
    assert live_json == analyze_json
