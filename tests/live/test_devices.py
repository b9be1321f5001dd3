"""``twoway live`` on real sound devices: PulseAudio null sinks (scripts/setup/pulseaudio.sh).

The "call" is played into the null sink ``twoway_call`` and captured from its monitor, a real
loopback device; "me" is played into ``twoway_mic`` and captured from the virtual source
``twoway_mic_in``. In CI (``CI=true``) these tests fail, not skip, without the sound server.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import pytest
from rich.console import Console

from twoway.analysis.targets import targets_for
from twoway.cli import main
from twoway.cli.live import _device_feeder, run_display
from twoway.live import LiveSession, Source

if not os.environ.get("TWOWAY_TEST_PULSE"):
    if os.environ.get("CI") == "true":
        pytest.fail("CI=true but PulseAudio is not set up (scripts/setup/pulseaudio.sh)")
    pytest.skip("PulseAudio is not set up (scripts/setup/pulseaudio.sh)", allow_module_level=True)

MIC = "twoway_mic_in"
LOOPBACK = "twoway_call.monitor"


def play_later(path: Path, sink: str, delay_s: float) -> threading.Thread:
    def play() -> None:
        time.sleep(delay_s)
        subprocess.run(["paplay", f"--device={sink}", str(path)], check=True, timeout=60)

    thread = threading.Thread(target=play, daemon=True)
    thread.start()
    return thread


def test_list_devices_shows_the_loopback(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["live", "--list-devices"]) == 0
    out = capsys.readouterr().out
    assert "loopback    Monitor of twoway_call" in out
    assert "microphone  " in out


def test_microphone_and_call_audio(
    short_call: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    players = [
        play_later(short_call["Caller"], "twoway_mic", 1.0),
        play_later(short_call["Agent"], "twoway_call", 1.0),
    ]
    args = ["live", "--mic", MIC, "--loopback", LOOPBACK, "--me", "Caller", "--them", "Agent"]
    code = main([*args, "--duration", "9", "--json"])
    out, err = capsys.readouterr()
    for player in players:
        player.join(timeout=10)
    assert code == 0, err
    result = json.loads(out)
    assert result["source"] == "live: microphone + call audio"
    talk = {s["name"]: s["talk_s"] for s in result["speakers"]}
    assert set(talk) == {"Caller", "Agent"}
    # The same six seconds read from the files: each side's talk within half a second.
    main(["analyze", *(f"--track={n}={p}" for n, p in short_call.items()), "--json"])
    offline = {s["name"]: s["talk_s"] for s in json.loads(capsys.readouterr().out)["speakers"]}
    for name in talk:
        assert abs(talk[name] - offline[name]) <= 0.5, (talk, offline)


def test_a_device_that_disappears(capsys: pytest.CaptureFixture[str]) -> None:
    module = subprocess.run(
        ["pactl", "load-module", "module-null-sink", "sink_name=twoway_gone"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip

    def unplug() -> None:
        time.sleep(2.0)
        subprocess.run(["pactl", "unload-module", module], check=True)

    threading.Thread(target=unplug, daemon=True).start()
    session = LiveSession(
        [Source("Me", None, "microphone"), Source("Them", None, "call audio")],
        me="Me",
        targets=targets_for("interview"),
    )
    stop = threading.Event()
    feeders = [
        _device_feeder(session, 0, "mic", MIC, stop),
        _device_feeder(session, 1, "loopback", "twoway_gone.monitor", stop),
    ]
    console = Console(file=io.StringIO(), force_terminal=True, width=120)
    run_display(session, feeders, stop, title="t", duration_s=6.0, console=console)
    view = session.view()
    assert view.elapsed_s >= 6.0  # the meter went on
    assert any("call audio (loopback) is not available" in n for n in view.notices)
    assert "is not available" in console.file.getvalue()  # type: ignore[attr-defined]
