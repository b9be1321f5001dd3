"""The live speech decision: hysteresis, and the per-track bleed rule on the past only."""

from __future__ import annotations

import pytest

from twoway.live.activity import RunningQuantile, SpeechGate


def test_running_quantile_median_and_tenth_percentile() -> None:
    q = RunningQuantile()
    for value in range(-70, -30):  # -70 ... -31 dB
        q.add(float(value))
    assert q.quantile(0.5) == pytest.approx(-51.0, abs=0.5)
    assert q.quantile(0.1) == pytest.approx(-67.0, abs=0.5)


def test_one_track_is_hysteresis_alone() -> None:
    gate = SpeechGate(1)
    probs = [0.2, 0.6, 0.4, 0.3, 0.5]
    assert [gate.step([-30.0], [p]) for p in probs] == [0, 1, 1, 0, 1]


def test_bleed_is_not_the_other_tracks_speech() -> None:
    gate = SpeechGate(2)
    # Alex speaks at -20 dB; his voice reaches Dana's microphone at -46 dB (26 dB of bleed),
    # and the detector on Dana's track fires on it.
    bits = [gate.step([-20.0, -46.0], [0.9, 0.9]) for _ in range(400)]
    assert set(bits[5:]) == {1}
    # The leak was learned from the recording: about -26 dB.
    assert gate.leak_db[1][0] == pytest.approx(-26.0, abs=0.5)


def test_both_talking_at_once_stay_an_overlap() -> None:
    gate = SpeechGate(2)
    for _ in range(200):
        gate.step([-20.0, -46.0], [0.9, 0.9])
    for _ in range(200):
        gate.step([-46.0, -20.0], [0.9, 0.9])
    assert gate.step([-21.0, -22.0], [0.9, 0.9]) == 0b11
