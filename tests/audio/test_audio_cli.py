"""``twoway analyze`` on recordings: same JSON as transcripts, words, options, one-line errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from twoway.audio.align import align
from twoway.formats import parse_text
from twoway.model import Turn

from .conftest import Recording, needs_diarize, run, tracks

ROOT = Path(__file__).parents[2]


def test_json_has_the_transcripts_shape(
    dissimilar: Recording, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "analyze", *tracks(dissimilar), "--me", "Alex", "--json")
    assert code == 0, err
    data = json.loads(out)  # nothing but the JSON on stdout (the progress bar is on stderr)
    code, out, _ = run(
        capsys,
        "analyze",
        str(ROOT / "examples" / "balanced_interview.vtt"),
        "--me",
        "Priya",
        "--json",
    )
    reference = json.loads(out)
    assert set(data) == set(reference)
    assert set(data["speakers"][0]) == set(reference["speakers"][0])
    assert data["format"] == "audio" and data["me"] == "Alex" and data["has_text"] is False
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(data, json.loads((ROOT / "docs" / "analysis.schema.json").read_text()))


@needs_diarize
def test_terminal_report_on_a_mono_recording(
    dissimilar: Recording, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "analyze", str(dissimilar.mono), "--me", "Speaker 2")
    assert code == 0, err
    assert "Speaker 2 (you)" in out and "questions need a transcript" in out


def test_transcript_gives_words_and_names(
    dissimilar: Recording, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A transcript with real names and rough timing: the audio's timing, the transcript's words.
    conv = __import__("twoway.audio", fromlist=["load_audio"]).load_audio(
        tracks=[("A", str(dissimilar.mics["Alex"])), ("B", str(dissimilar.mics["Dana"]))]
    )
    lines = ["WEBVTT", ""]
    for turn in conv.turns:
        name = "Alex Rivera" if turn.speaker == "A" else "Dana Lee"
        start, end = turn.start or 0.0, turn.end or 0.0
        lines += [f"{_ts(start + 0.2)} --> {_ts(end - 0.1)}", f"<v {name}>What do you think?", ""]
    vtt = tmp_path / "words.vtt"
    vtt.write_text("\n".join(lines))
    code, out, err = run(
        capsys, "analyze", *tracks(dissimilar), "--transcript", str(vtt), "--json", "--me", "Alex R"
    )
    assert code == 0, err
    data = json.loads(out)
    assert {s["name"] for s in data["speakers"]} == {"Alex Rivera", "Dana Lee"}
    assert data["has_text"] is True and data["me"] == "Alex Rivera"
    assert sum(s["questions"] for s in data["speakers"]) > 0


def _ts(seconds: float) -> str:
    minutes, sec = divmod(max(seconds, 0.0), 60)
    return f"{int(minutes):02d}:{sec:06.3f}"


def test_align_assigns_each_cue_to_the_turn_it_overlaps_most() -> None:
    audio = [Turn("Speaker 1", 0.0, 4.0), Turn("Speaker 2", 4.5, 9.0), Turn("Speaker 1", 9.5, 12.0)]
    transcript = parse_text(
        "WEBVTT\n\n00:00.000 --> 00:03.000\n<v Dana>Tell me about yourself.\n\n"
        "00:03.500 --> 00:06.000\n<v Alex>Sure.\n\n"  # 0.5 s with turn 1, 1.5 s with turn 2
        "00:06.000 --> 00:09.200\n<v Alex>I build pipelines.\n\n"
        "00:20.000 --> 00:21.000\n<v Alex>Lost words.\n"
    )
    turns, notes = align(audio, transcript)
    assert [(t.speaker, t.text) for t in turns] == [
        ("Dana", "Tell me about yourself."),
        ("Alex", "Sure. I build pipelines."),
        ("Dana", None),
    ]
    assert "Speaker names from the transcript: Speaker 1 is Dana, Speaker 2 is Alex." in notes
    assert any(n.startswith("1 transcript turn(s) fell where") for n in notes)


@pytest.mark.parametrize(
    "args,message",
    [
        (
            ["--track", "Alex"],
            "--track takes NAME=FILE, such as --track 'Alex=alex.m4a'; got 'Alex'",
        ),
        (["--track", "Alex=a.wav"], "--track needs one file per speaker: give two or more"),
        (
            ["--channels", "Alex"],
            "--channels takes one name per channel, such as Alex,Dana; got 'Alex'",
        ),
    ],
)
def test_usage_errors(
    args: list[str], message: str, dissimilar: Recording, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = [] if args[0] == "--track" else [str(dissimilar.mono)]
    code, _, err = run(capsys, "analyze", *extra, *args)
    assert (code, err) == (1, f"twoway: error: {message}\n")


def test_channel_count_must_match(
    dissimilar: Recording, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "analyze", str(dissimilar.mono), "--channels", "Alex,Dana")
    assert (code, err) == (
        1,
        f"twoway: error: {dissimilar.mono} has 1 channel(s) but --channels names 2: Alex, Dana\n",
    )


def test_audio_options_on_a_transcript(capsys: pytest.CaptureFixture[str]) -> None:
    vtt = ROOT / "examples" / "balanced_interview.vtt"
    code, _, err = run(capsys, "analyze", str(vtt), "--speakers", "3")
    assert code == 1 and "are for recordings" in err


def test_missing_extra_names_the_install(
    dissimilar: Recording, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "av", None)  # import av -> ImportError
    code, _, err = run(capsys, "analyze", *tracks(dissimilar))
    assert (code, err) == (
        1,
        "twoway: error: reading audio needs the optional package 'av': "
        "install it with: pip install 'twoway[audio]'\n",
    )


@needs_diarize
def test_missing_diarize_extra(
    dissimilar: Recording, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    # The voice encoder's weights ship in resemblyzer's wheel (torch is not needed at run time).
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "resemblyzer" else real(name, *a),
    )
    code, _, err = run(capsys, "analyze", str(dissimilar.mono))
    assert (code, err) == (
        1,
        "twoway: error: telling voices apart in one mixed track needs the optional package "
        "'resemblyzer': install it with: pip install 'twoway[diarize]'\n",
    )


def test_webrtc_fallback(dissimilar: Recording, monkeypatch: pytest.MonkeyPatch) -> None:
    from twoway.audio import load_audio

    monkeypatch.setenv("TWOWAY_VAD", "webrtc")
    conv = load_audio(
        tracks=[("Alex", str(dissimilar.mics["Alex"])), ("Dana", str(dissimilar.mics["Dana"]))]
    )
    assert "WebRTC VAD" in conv.notes[0]
    talk = {s: conv.talk_s(s) or 0.0 for s in conv.speakers}
    assert talk["Alex"] / sum(talk.values()) == pytest.approx(
        dissimilar.scene.share("Alex"), abs=0.03
    )


@needs_diarize
def test_the_example_recording(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("TWOWAY_DATA_DIR", str(tmp_path))
    example = ROOT / "examples" / "mock_interview.ogg"
    assert example.stat().st_size < 300 * 1024
    code, out, err = run(capsys, "analyze", str(example), "--me", "Speaker 1", "--json")
    assert code == 0, err
    data = json.loads(out)
    # The interviewer (Speaker 1) speaks about a third of the time in scripts/make_example_audio.py.
    share = {s["name"]: s["talk_share"] for s in data["speakers"]}
    assert 0.25 < share["Speaker 1"] < 0.40
