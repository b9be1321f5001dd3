"""Pipes, FIFOs and implausible times: a clear error or a normal read, never a hang or a blow-up."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from twoway.analysis import analyze
from twoway.analysis import timeline as timeline_module
from twoway.errors import FormatError, InputError
from twoway.formats import load
from twoway.formats._source import read_stream
from twoway.model import Conversation, Turn

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash for <(...)")
def test_process_substitution_and_dev_stdin_read_like_the_file() -> None:
    example = EXAMPLES / "coffee_chat.txt"
    for command in (
        f"{sys.executable} -m twoway analyze <(cat {example}) --json",
        f"cat {example} | {sys.executable} -m twoway analyze /dev/stdin --json",
    ):
        done = subprocess.run(
            ["bash", "-c", command], capture_output=True, text=True, check=False, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert '"Jordan Patel"' in done.stdout


def test_a_fifo_with_no_writer_is_an_error_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with pytest.raises(InputError, match="nothing arrived on this pipe in 0 s"):
            read_stream(fd, str(fifo), wait_s=0.2)
    finally:
        os.close(fd)


def test_a_far_off_timestamp_is_a_format_error(tmp_path: Path) -> None:
    rttm = tmp_path / "far.rttm"
    rttm.write_text(
        "SPEAKER f 1 0.0 1.0 <NA> <NA> A <NA> <NA>\n"
        "SPEAKER f 1 999999999.0 1.0 <NA> <NA> B <NA> <NA>\n"
    )
    with pytest.raises(FormatError) as caught:
        load(rttm)
    assert str(caught.value) == (
        f"{rttm}: a turn of B has an impossible time (999999999.0 to 1000000000.0 s): "
        "not a position in a recording"
    )
    rttm.write_text(
        "SPEAKER f 1 0.0 1.0 <NA> <NA> A <NA> <NA>\n"
        "SPEAKER f 1 9999999.0 1.0 <NA> <NA> B <NA> <NA>\n"
    )
    with pytest.raises(FormatError, match="B starts 116 days after the turn before it"):
        load(rttm)


def test_balance_windows_grow_with_speech_not_with_the_span() -> None:
    # Through the API (the readers refuse such a file): two words a billion seconds apart.
    conv = Conversation((Turn("Dana", 0.0, 1.0, "Hi there."), Turn("Alex", 1e9, 1e9 + 1, "Hi?")))
    result = analyze(conv, me="Alex")
    assert result.balance is not None
    assert len(result.balance.windows) <= 20
    shares = [w.me_share for w in result.balance.windows if w.me_share is not None]
    assert shares and shares[0] == 0.0 and shares[-1] == 1.0


def test_an_ordinary_conversation_keeps_every_window() -> None:
    turns = tuple(
        Turn("Dana" if i % 2 else "Alex", i * 10.0, i * 10.0 + 9.0, "Some words here.")
        for i in range(60)
    )
    result = analyze(Conversation(turns), me="Alex")
    assert result.balance is not None
    # 0-599 s: windows of 150 s every 30 s, and one more ending with the conversation.
    starts = [w.start_s for w in result.balance.windows]
    assert starts == [30.0 * k for k in range(15)] + [449.0]


def test_a_long_merged_turn_joins_its_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2,000 caption cues of one speaker, each a question: the turn's text was rebuilt per question.
    joins = 0
    original = timeline_module.SpeechTurn.text

    def counting(self: timeline_module.SpeechTurn) -> str:
        nonlocal joins
        joins += 1
        return original.fget(self)  # type: ignore[no-any-return,misc]

    monkeypatch.setattr(timeline_module.SpeechTurn, "text", property(counting))
    cues = [Turn("Dana", i * 2.0, i * 2.0 + 1.9, "So what do you think?") for i in range(2000)]
    cues.append(Turn("Alex", 4001.0, 4003.0, "Fine."))
    result = analyze(Conversation(tuple(cues)), me="Alex")
    assert len(result.questions) == 2000
    assert joins < 20


def test_a_json_number_of_thousands_of_digits_is_a_format_error() -> None:
    from twoway.formats import parse_text

    huge = "1" * 5000
    with pytest.raises(FormatError) as caught:
        parse_text('{"segments": [{"start": ' + huge + ', "end": 2, "text": "hi"}]}')
    assert str(caught.value) == (
        "<string>: invalid JSON: a number with 5,000 digits (no transcript has one)"
    )
