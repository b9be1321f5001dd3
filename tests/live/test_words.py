"""Live words: stretches of speech transcribed as they end, the user's questions on the meter.

The ASR engine is a stand-in here (the real one, Whisper, is tested in tests/audio); what is
tested is the plumbing: ring buffer, closed stretches, questions, words for the final analysis.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from twoway.analysis import analyze
from twoway.analysis.targets import targets_for
from twoway.audio.decode import iter_chunks
from twoway.live import LiveSession, Source, Words
from twoway.live.words import Ring


def test_ring_keeps_the_last_seconds() -> None:
    ring = Ring(seconds=1.0)  # 16,000 samples
    ring.write(np.arange(10_000, dtype=np.float32))
    ring.write(np.arange(10_000, 20_000, dtype=np.float32))
    assert ring.total == 20_000
    assert ring.cut(15_000, 15_003).tolist() == [15_000.0, 15_001.0, 15_002.0]
    assert ring.cut(0, 4_000).tolist() == []  # overwritten: only 4,000-20,000 is held
    assert ring.cut(3_999, 4_001).tolist() == [4_000.0]


def feed(session: LiveSession, files: list[Path]) -> None:
    streams = [iter_chunks(str(p), chunk_s=0.02, mono=True) for p in files]
    for blocks in zip(*streams, strict=False):
        for i, block in enumerate(blocks):
            session.push(i, block[0])


def test_questions_reach_the_meter_and_the_final_analysis(short_call: dict[str, Path]) -> None:
    heard: list[int] = []

    def transcribe(samples: np.ndarray) -> str:  # type: ignore[type-arg]
        heard.append(len(samples))
        return "Sure. How does the team share knowledge?"

    session = LiveSession(
        [Source(name, str(path)) for name, path in short_call.items()],
        me="Agent",
        targets=targets_for("interview"),
        transcribe=transcribe,
    )
    feed(session, list(short_call.values()))
    result = session.finish(Words(live=True, note="Words from a stand-in."))
    view = session.view()
    assert view.questions_on
    assert view.my_questions >= 1
    assert view.questions[-1].text == "How does the team share knowledge?"
    assert heard and min(heard) >= 0.5 * 16_000  # no "mm-hm" was sent
    texts = [t.text for t in result.conversation.turns if t.text]
    assert texts
    assert "Words from a stand-in. Transcribed live, one stretch of speech at a time." in (
        result.conversation.notes
    )
    analysis = analyze(result.conversation, me="Agent")
    assert analysis.has_text
    assert any(q.text == "How does the team share knowledge?" for q in analysis.questions)


def test_without_asr_the_meter_says_questions_need_it(short_call: dict[str, Path]) -> None:
    session = LiveSession(
        [Source(name, str(path)) for name, path in short_call.items()],
        me="Agent",
        targets=targets_for("interview"),
    )
    feed(session, list(short_call.values()))
    assert not session.view().questions_on
    from rich.console import Console

    from twoway.live.display import render

    console = Console(record=True, width=120)
    console.print(render(session.view()))
    assert "questions need --asr" in console.export_text()
    assert session.view().since_question_s is None
