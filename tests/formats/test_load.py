"""``load``/``parse_text``: opening, encodings, sniffing, forcing a format, and the public API."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import twoway.formats
from twoway.errors import InputError, UnknownFormatError, UsageError
from twoway.formats import FORMATS, describe_formats, load, parse_text
from twoway.formats._registry import sniff
from twoway.model import Turn

DATA = Path(__file__).parents[1] / "data"

SUPPORTED = (
    "twoway reads captions (WebVTT, SRT, YouTube SBV and timedtext XML, TTML), meeting "
    "transcripts (Zoom, Teams, Google Meet, Otter, Rev: text or .docx), speech-to-text JSON "
    "(Whisper, WhisperX, OpenAI, AssemblyAI, Deepgram, Rev.ai, YouTube json3, Amazon Transcribe, "
    "Google, Azure, Speechmatics, IBM Watson, Podcasting 2.0) and research formats (Praat "
    "TextGrid, ELAN, CHAT, CTM, RTTM); see docs/formats.md"
)


def test_public_api() -> None:
    assert twoway.formats.__all__ == [
        "FORMATS",
        "TRANSCRIPT_EXTENSIONS",
        "describe_formats",
        "load",
        "parse_text",
        "resolve_name",
    ]
    known = twoway.formats.TRANSCRIPT_EXTENSIONS
    assert {".vtt", ".docx", ".textgrid", ".eaf", ".cha", ".sbv"} <= known
    expected = (
        *("vtt", "srt", "sbv", "timedtext", "ttml", "text", "zoom-text"),
        *("whisperx", "whisper", "openai", "assemblyai", "deepgram", "rev-ai", "youtube-json3"),
        *("aws-transcribe", "google-stt", "azure-speech", "speechmatics", "ibm-watson"),
        *("podcast-json", "rttm", "textgrid", "eaf", "chat", "ctm"),
    )
    assert expected == FORMATS
    described = describe_formats().split(", ")
    assert described[0] == "vtt (WebVTT captions: Zoom"
    assert all(name in describe_formats() for name in FORMATS)


def test_import_is_light() -> None:
    code = "import sys, twoway.formats; print('json' in sys.modules, 'html' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # twoway/__init__ may import other packages; the readers themselves pull in neither.
    assert out.stdout.split()[1] == "False"


def test_conversation_fields() -> None:
    conv = load(str(DATA / "vtt" / "crlf.vtt"))
    assert conv.source == str(DATA / "vtt" / "crlf.vtt")
    assert conv.format == "vtt"


def test_binary_file(in_repo: Path) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        load("tests/data/other/binary.bin")
    assert str(caught.value) == "tests/data/other/binary.bin: binary file, not a transcript"


def test_unknown_format_lists_the_supported_ones(in_repo: Path) -> None:
    with pytest.raises(UnknownFormatError) as caught:
        load("tests/data/other/notes.csv")
    assert str(caught.value) == (
        f"tests/data/other/notes.csv: not a transcript format twoway knows; {SUPPORTED}"
    )


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load(tmp_path / "nope.vtt")
    assert caught.value.message == "no such file"
    with pytest.raises(InputError) as caught:
        load(tmp_path)
    assert caught.value.message == "is a directory, not a transcript file"


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.srt"
    path.write_bytes(b"\xef\xbb\xbf \r\n\r\n")
    with pytest.raises(InputError, match="the file is empty"):
        load(path)
    with pytest.raises(InputError, match="the text is empty"):
        parse_text("\ufeff  \n")


def test_invalid_utf16(tmp_path: Path) -> None:
    path = tmp_path / "bad16.vtt"
    good = "\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nhi\n".encode("utf-16-le")
    path.write_bytes(good + "\n".encode("utf-16-le") + b"\x00\xdc")  # lone low surrogate
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.line == 6
    assert caught.value.message == "not valid UTF-16: illegal encoding"


def test_invalid_utf8_beyond_the_sniffed_head(tmp_path: Path) -> None:
    cue = "00:00:01.000 --> 00:00:02.000\nDana: hello there\n\n"
    path = tmp_path / "long.vtt"
    path.write_bytes(("WEBVTT\n\n" + cue * 5000).encode() + b"Alex: \xff\n")
    with pytest.raises(InputError) as caught:
        load(path)
    assert caught.value.line == 2 + 3 * 5000 + 1


def test_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Dana>Hi\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    conv = load("-")
    assert conv.source == "-"
    assert conv.turns == (Turn("Dana", 1.0, 2.0, "Hi"),)


def test_forced_format_and_aliases() -> None:
    text = "Dana: Hi\nAlex: Hello\n"
    assert parse_text(text, format="TXT").format == "text"
    assert parse_text("WEBVTT\n", format="webvtt").format == "vtt"
    with pytest.raises(UsageError) as caught:
        parse_text(text, format="docx")
    assert str(caught.value) == (f"unknown format 'docx': choose one of {', '.join(FORMATS)}")


def test_forced_json_flavor_reads_that_flavor() -> None:
    conv = parse_text('{"segments": [{"start": 0, "end": 1, "text": "hi"}]}', format="whisperx")
    assert conv.format == "whisperx"


@pytest.mark.parametrize(
    ("head", "path", "expected"),
    [
        ("WEBVTT\n\n", "x.txt", "vtt"),
        ('  {"segments": []}', "x.txt", "json"),
        ('[ {"a": 1} ]', "x", "json"),
        (";; comment\nSPEAKER f 1 0.5 1.0 <NA> <NA> spk0 <NA> <NA>\n", "x", "rttm"),
        ("1\n00:00:01,000 --> 00:00:02,000\nhi\n", "x", "srt"),
        ("1\n00:00:01.000 --> 00:00:02.000\nhi\n", "x.vtt", "vtt"),
        ("00:00:01,000 --> 00:00:02,000\nhi\n", "x", "srt"),
        ("[Dana Lee] 00:00:05\nHi.\n", "x", "zoom-text"),
        ("[00:00:05] Dana: Hi.\n", "x", "text"),
        ("Dana Lee  0:05\nHi.\n", "x", "text"),
        ("Title\n\nDana: Hi\n", "x", "text"),
        ("just some words\n", "notes.txt", "text"),
        ("just some words\n", "x.srt", "srt"),
        ("just some words\n", "x.rttm", "rttm"),
    ],
)
def test_sniffing(head: str, path: str, expected: str) -> None:
    assert sniff(head, path) == expected


def test_content_wins_over_extension() -> None:
    assert sniff("WEBVTT\n", "interview.srt") == "vtt"
    assert sniff("1\n00:00:01,000 --> 00:00:02,000\nhi\n", "interview.txt") == "srt"


def test_unstructured_text_without_extension_is_unknown() -> None:
    with pytest.raises(UnknownFormatError):
        parse_text("just some words\n")
