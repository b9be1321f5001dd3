"""The real-export evaluator (benchmarks/exports_eval.py): its scoring, and a quick real run."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).parents[2]


def _load(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ev = _load("exports_eval", REPO / "benchmarks" / "exports_eval.py")


def _expected(**overrides: Any) -> dict[str, Any]:
    """Two named speakers, timed: Dana 60 words and 30 s (60%), Alex 40 words and 20 s."""
    entry: dict[str, Any] = {
        "path": "tool/file.vtt",
        "tool": "tool",
        "timing": "timed",
        "duration_s": 100.0,
        "words": 100,
        "speakers": [
            {"label": "Dana", "accept": ["Dana"], "words": 60, "talk_s": 30.0, "share": 0.6},
            {"label": "0", "accept": ["Speaker 0"], "words": 40, "talk_s": 20.0, "share": 0.4},
        ],
    }
    entry.update(overrides)
    return entry


def _observed(**overrides: Any) -> Any:
    fields: dict[str, Any] = {
        "speakers": ["Dana", "Speaker 0"],
        "timing": "timed",
        "duration_s": 100.0,
        "words": 100,
        "per_speaker": {
            "Dana": {"words": 60, "talk_s": 30.0, "share": 0.6},
            "Speaker 0": {"words": 40, "talk_s": 20.0, "share": 0.4},
        },
    }
    fields.update(overrides)
    return ev.Observed(**fields)


def test_a_file_read_right_has_no_failures() -> None:
    assert ev.score(_expected(), _observed()) == []


def test_within_tolerances_still_reads_right() -> None:
    # words +4% (104 of 100; Dana 62 of 60 = +3.3%), duration +1.9%, shares off by 3.9 points.
    observed = _observed(
        words=104,
        duration_s=101.9,
        per_speaker={
            "Dana": {"words": 62, "talk_s": 31.0, "share": 0.639},
            "Speaker 0": {"words": 42, "talk_s": 17.5, "share": 0.361},
        },
    )
    assert ev.score(_expected(), observed) == []


def test_a_raw_integer_label_is_a_speakers_failure() -> None:
    observed = _observed(
        speakers=["Dana", "0"],
        per_speaker={
            "Dana": {"words": 60, "talk_s": 30.0, "share": 0.6},
            "0": {"words": 40, "talk_s": 20.0, "share": 0.4},
        },
    )
    failures = ev.score(_expected(), observed)
    assert failures[0] == (
        "speakers: missing '0' as 'Speaker 0'; unexpected '0' (expected 2, got 2)"
    )


def test_shares_off_by_more_than_four_points_fail_with_the_numbers() -> None:
    observed = _observed(
        per_speaker={
            "Dana": {"words": 60, "talk_s": 45.0, "share": 0.75},
            "Speaker 0": {"words": 40, "talk_s": 15.0, "share": 0.25},
        }
    )
    failures = ev.score(_expected(), observed)
    assert failures == [
        "share: Dana 75.0%, expected 60.0% (4 pp allowed)",
        "share: 0 25.0%, expected 40.0% (4 pp allowed)",
    ]


def test_words_and_duration_out_of_tolerance() -> None:
    failures = ev.score(_expected(), _observed(words=94, duration_s=97.5))
    assert failures == [
        "words: total 94, expected 100 (-6.0%)",
        "duration: 97.50 s, expected 100.00 s (-2.5%)",
    ]


def test_untimed_file_read_with_timing_fails() -> None:
    expected = _expected(timing="none", duration_s=None)
    failures = ev.score(expected, _observed())
    assert failures == ["timing: expected none, got timed"]


def test_unknown_speaker_is_matched_to_twoways_unknown_name() -> None:
    expected = _expected(
        speakers=[{"label": None, "accept": [], "words": 100, "talk_s": 50.0, "share": 1.0}]
    )
    observed = _observed(
        speakers=[], per_speaker={"(unknown)": {"words": 100, "talk_s": 50.0, "share": 1.0}}
    )
    assert ev.score(expected, observed) == []
    named = _observed(
        speakers=["SPEAKER_00"],
        per_speaker={"SPEAKER_00": {"words": 100, "talk_s": 50.0, "share": 1.0}},
    )
    assert ev.score(expected, named)[0] == ("speakers: unexpected 'SPEAKER_00' (expected 0, got 1)")


def test_start_only_file_counting_silence_as_talk_fails() -> None:
    expected = _expected(
        timing="starts",
        duration_s=300.0,
        last_turn_max_s=6.0,
        speakers=[
            {"label": "Dana", "accept": ["Dana"], "words": 60, "max_talk_s": 45.0},
            {"label": "0", "accept": ["Speaker 0"], "words": 40, "max_talk_s": 30.0},
        ],
    )
    observed = _observed(
        duration_s=304.0,
        per_speaker={
            "Dana": {"words": 60, "talk_s": 250.0, "share": 0.9},
            "Speaker 0": {"words": 40, "talk_s": 28.0, "share": 0.1},
        },
    )
    assert ev.score(expected, observed) == [
        "silence as talk: Dana 250.0 s of talk, at most 45.0 s from start times and words"
    ]


def test_a_reader_error_is_a_fail_with_its_message(tmp_path: Path) -> None:
    (tmp_path / "tool").mkdir()
    (tmp_path / "tool" / "file.vtt").write_text("WEBVTT\n\n00:00:05.000 --> 00:00:0x.000\nHi\n")
    result = ev.evaluate(_expected(), tmp_path)
    assert not result.ok
    assert result.reason.startswith("error: tool/file.vtt:3: bad cue timing")


def test_a_dir_set_is_scored_and_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "zoom").mkdir()
    (tmp_path / "zoom" / "call.vtt").write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nDana Lee: Tell me about yourself.\n\n"
        "2\n00:00:05.000 --> 00:00:11.000\nAlex Kim: Sure, I build data pipelines.\n"
    )
    speakers = [
        {"label": "Dana Lee", "accept": ["Dana Lee"], "words": 4, "talk_s": 3.0, "share": 1 / 3},
        {"label": "Alex Kim", "accept": ["Alex Kim"], "words": 5, "talk_s": 6.0, "share": 2 / 3},
    ]
    entry = {
        "path": "zoom/call.vtt",
        "tool": "zoom",
        "timing": "timed",
        "duration_s": 10.0,
        "words": 9,
        "speakers": speakers,
    }
    (tmp_path / "expected.json").write_text(json.dumps({"files": [entry]}))
    code = ev.main(["--data", str(tmp_path / "absent"), "--no-extra", "--dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "zoom  zoom/call.vtt  OK" in out
    assert out.rstrip().endswith("1 of 1 read right")


def test_real_exports_quickly(shared_dir: Path) -> None:
    """Two shared files through the real readers: scored without crashing the run."""
    exports = shared_dir / "exports"
    if not exports.is_dir():
        pytest.skip("no shared exports")
    entries = {e["path"]: e for e in ev.load_set(REPO / "benchmarks" / "exports" / "expected.json")}
    for rel in (
        "zoom-vtt/ethereum_pm_allwalletdevs039_transcript.vtt",
        "rttm/vbx_callhome_iaaa.rttm",
    ):
        result = ev.evaluate(entries[rel], exports)
        assert result.file == rel
        assert not result.reason.startswith("crash"), result.reason
    # The single-speaker Zoom file and the CALLHOME RTTM are read right by today's readers.
    assert ev.evaluate(entries["rttm/vbx_callhome_iaaa.rttm"], exports).ok
