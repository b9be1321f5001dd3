"""Encodings of transcript files: UTF-8/16/32 with and without a byte-order mark."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from twoway.audio import is_audio_file
from twoway.errors import EncodingError
from twoway.formats import load
from twoway.formats.encoding import detect, is_wide_text

VTT = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ana Ruiz>Hello there, how are you?\n\n"
    "00:00:02.500 --> 00:00:04.000\n<v Ben>Fine, thanks. Gern geschehen, ça va.\n"
)
ENCODINGS = [
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "utf-32-le",
    "utf-32-be",
]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_unicode_encoding_reads_the_same(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "call.vtt"
    path.write_bytes(VTT.encode(encoding))
    conv = load(path)
    assert [(t.speaker, t.start, t.end, t.text) for t in conv.turns] == [
        ("Ana Ruiz", 1.0, 2.0, "Hello there, how are you?"),
        ("Ben", 2.5, 4.0, "Fine, thanks. Gern geschehen, ça va."),
    ]
    assert not is_audio_file(path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-32"])
def test_the_cli_reads_a_wide_transcript_as_text(tmp_path: Path, encoding: str) -> None:
    # The UTF-16 mark FF FE is also an MPEG frame sync: it used to go to the audio decoder.
    path = tmp_path / "teams.vtt"
    path.write_bytes(VTT.encode(encoding))
    done = subprocess.run(
        [sys.executable, "-m", "twoway", "analyze", str(path), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert '"Ana Ruiz"' in done.stdout


def test_the_repository_utf16_fixture_is_text() -> None:
    fixture = Path(__file__).parents[1] / "data" / "vtt" / "utf16le_bom.vtt"
    assert is_wide_text(fixture.read_bytes()[:512])
    assert not is_audio_file(fixture)


def test_real_audio_is_still_audio() -> None:
    example = Path(__file__).parents[2] / "examples" / "mock_interview.ogg"
    assert is_audio_file(example)
    mp3_frame = b"\xff\xfb\x90\x64" + bytes(range(200))
    assert not is_wide_text(mp3_frame)


def test_latin1_is_a_clear_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes("Dana: Hi.\nAlex: Caf\xe9 au lait?\n".encode("latin-1"))
    with pytest.raises(EncodingError) as caught:
        load(path)
    assert str(caught.value) == (
        f"{path}:2: not valid UTF-8 (byte 0xe9 at column 10); save the transcript as UTF-8"
    )


def test_binary_with_scattered_nuls_is_not_wide_text() -> None:
    assert detect(bytes([0, 7, 0, 0, 9, 1, 2, 0, 0, 0, 3, 4] * 20)).label == "UTF-8"


@given(st.text(st.characters(min_codepoint=32, max_codepoint=0x2FFF), min_size=4, max_size=200))
def test_detection_round_trips_mostly_ascii_text(text: str) -> None:
    text = "WEBVTT " + text
    for encoding in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be", "utf-16", "utf-32"):
        data = text.encode(encoding)
        found = detect(data)
        if found.has_bom or found.codec != "utf-8":
            assert data.decode(found.codec).lstrip("\ufeff") == text
