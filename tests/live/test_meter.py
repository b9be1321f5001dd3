"""The pure meter: frames of who-speaks in, talk share, floors and switches out.

Expected numbers are worked out by hand from the frame counts (10 ms each).
"""

from __future__ import annotations

import pytest

from twoway.analysis.targets import targets_for
from twoway.live.meter import Meter

ALEX, DANA = 1, 2  # bit masks: Alex is speaker 0 (me), Dana speaker 1


def meter(mode: str = "networking") -> Meter:
    return Meter(("Alex", "Dana"), me=0, targets=targets_for(mode))


def test_share_counts_each_speakers_speech() -> None:
    m = meter()
    # Alex 2 s, 1 s silence, Dana 6 s: Alex 2 of 8 s of talk = 25%, in networking's 10-30% band.
    m.push([ALEX] * 200 + [0] * 100 + [DANA] * 600)
    view = m.view()
    assert view.talk_s == pytest.approx((2.0, 6.0))
    assert view.share == pytest.approx(0.25)
    assert view.status == "on"
    assert view.elapsed_s == pytest.approx(9.0)


def test_speech_moves_the_meter_at_its_first_frame() -> None:
    m = meter()
    m.push([0] * 100)
    assert m.view().share is None
    m.push([ALEX])
    view = m.view()
    assert view.speaking == (True, False)
    assert view.talk_s[0] == pytest.approx(0.01)


def test_a_click_shorter_than_0_2_s_is_taken_back() -> None:
    m = meter()
    m.push([ALEX] * 10 + [0] * 50)  # 0.1 s, then 0.5 s of silence: the bridge (0.4 s) closes it
    assert m.view().talk_s == (0.0, 0.0)


def test_pauses_under_0_4_s_are_bridged() -> None:
    m = meter()
    m.push([ALEX] * 100 + [0] * 30 + [ALEX] * 100 + [0] * 100)
    # 1 s + 0.3 s pause + 1 s: one stretch of 2.3 s.
    assert m.view().talk_s[0] == pytest.approx(2.3)


def test_a_backchannel_does_not_take_the_floor() -> None:
    m = meter()
    # Alex 30 s; Dana "mm-hm" for 0.5 s at 30.5 s; Alex again from 31.5 s for 10 s.
    m.push([ALEX] * 3000 + [0] * 50 + [DANA] * 50 + [0] * 50 + [ALEX] * 1000)
    view = m.view()
    assert view.holder == 0
    assert view.floor_s == pytest.approx(41.5)
    # Switches count every change of speaker, backchannels included (as docs/metrics.md).
    assert view.switches == 2


def test_the_floor_passes_when_the_other_talks_for_a_second() -> None:
    m = meter()
    m.push([ALEX] * 500 + [DANA] * 100)
    view = m.view()
    assert view.holder == 1
    assert view.floor_s == pytest.approx(1.0)
    assert view.longest_floor_s == pytest.approx((5.0, 1.0))


def test_the_floor_lapses_after_two_seconds_of_silence() -> None:
    m = meter()
    m.push([ALEX] * 300 + [0] * 199)
    assert m.view().holder == 0
    m.push([0])
    assert m.view().holder is None


def test_nudge_at_the_monologue_limit() -> None:
    m = meter("networking")  # limit 60 s
    m.push([ALEX] * 4500)
    assert m.view().nearing and not m.view().nudge  # 45 s: 75% of 60 s
    m.push([ALEX] * 1500)
    assert m.view().floor_s == pytest.approx(60.0)
    assert m.view().nudge
    m.push([0] * 50 + [DANA] * 100)
    assert not m.view().nudge


def test_the_other_persons_monologue_is_no_nudge() -> None:
    m = meter()
    m.push([DANA] * 7000)
    assert m.view().holder == 1 and not m.view().nudge


def test_timeline_keeps_the_last_minute() -> None:
    m = meter()
    m.push([ALEX] * 100 + [DANA] * 100 + [ALEX | DANA] * 100 + [0] * 50)
    assert m.view().timeline == (ALEX, DANA, ALEX | DANA, 0)
    m.push([0] * 100 * 70)
    assert len(m.view().timeline) == 61  # 60 full seconds and the one under way


def test_questions_are_the_users_only() -> None:
    m = Meter(("Alex", "Dana"), me=0, targets=targets_for("interview"), questions_on=True)
    m.push([0] * 1000)
    m.add_question(1, 2.0, "What brings you here?")
    m.add_question(0, 4.0, "How does the team share knowledge?")
    view = m.view()
    assert view.my_questions == 1
    assert view.since_question_s == pytest.approx(6.0)
    assert view.questions[-1].text == "How does the team share knowledge?"


def test_state_stays_small_over_two_hours() -> None:
    m = meter()
    pattern = [ALEX] * 500 + [0] * 50 + [DANA] * 700 + [0] * 50
    for _ in range(2 * 3600 * 100 // len(pattern)):
        m.push(pattern)
    view = m.view()
    assert len(view.timeline) <= 61
    assert view.share == pytest.approx(5 / 12, abs=1e-6)


def test_a_backchannel_in_a_pause_keeps_the_floor_alive() -> None:
    m = meter()
    # Alex 10 s; 1 s pause; Dana "mm-hm" 0.4 s; 1 s pause; Alex 5 s: 2.4 s between Alex's
    # stretches, but no silence of 2 s: one floor of 17.4 s (as docs/metrics.md's floors).
    m.push([ALEX] * 1000 + [0] * 100 + [DANA] * 40 + [0] * 100 + [ALEX] * 500)
    view = m.view()
    assert view.holder == 0
    assert view.floor_s == pytest.approx(17.4)


def test_the_core_is_pure() -> None:
    """meter.py and activity.py open no file, print nothing, read no clock (STYLE.md)."""
    import ast
    from pathlib import Path

    import twoway.live.activity
    import twoway.live.meter

    for module in (twoway.live.meter, twoway.live.activity):
        tree = ast.parse(Path(module.__file__ or "").read_text(encoding="utf-8"))
        calls = {
            node.func.id
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        assert not calls & {"open", "print", "input"}, module.__name__
        assert not imported & {"time", "os", "sys", "pathlib", "threading"}, module.__name__
