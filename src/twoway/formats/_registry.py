"""Format names, choosing a format (content first, extension second) and running its reader.

Sniffing looks at the first 64 KiB of decoded text, in this order:

1. ``WEBVTT`` at the start -> ``vtt``;
2. ``{`` at the start -> JSON; the flavor comes from the parsed keys (``json_formats.sniff``);
3. the first non-blank, non-comment line is ``SPEAKER`` with 8+ fields and numeric start and
   duration -> ``rttm``;
4. a number line followed by a ``-->`` timing line, or a timing line first -> ``srt`` (``vtt`` if
   the file name ends in ``.vtt``: WebVTT missing its header);
5. a ``[Name] hh:mm:ss`` line among the first five lines -> ``zoom-text``;
6. a ``Name: text``, ``[hh:mm:ss]``/``(hh:mm:ss)`` or Otter ``Name  0:05`` line among the first
   30 -> ``text``;
7. otherwise the extension: ``.vtt``, ``.srt``, ``.rttm``, ``.txt``/``.text``, ``.json``;
8. otherwise ``UnknownFormatError``, listing the supported formats.

Reader modules are imported only when used, so ``import twoway.formats`` stays cheap (no
``json`` until a JSON file is read).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Protocol

from twoway.errors import UnknownFormatError, UsageError
from twoway.model import Conversation, Turn

FORMATS: tuple[str, ...] = (
    "vtt",
    "srt",
    "text",
    "zoom-text",
    "whisperx",
    "assemblyai",
    "deepgram",
    "podcast-json",
    "rttm",
)

_DESCRIPTIONS = {
    "vtt": "WebVTT captions: Zoom, Teams, Meet, YouTube",
    "srt": "SubRip subtitles: Otter, Descript, Rev, WhisperX",
    "text": "'Name: text' lines, Otter paragraphs",
    "zoom-text": "Zoom's '[Name] hh:mm:ss' text export",
    "whisperx": "WhisperX JSON",
    "assemblyai": "AssemblyAI JSON",
    "deepgram": "Deepgram JSON",
    "podcast-json": "Podcasting 2.0 JSON",
    "rttm": "diarization: who spoke when, no words",
}

_MODULES = {
    "vtt": "vtt",
    "srt": "srt",
    "text": "text",
    "zoom-text": "zoom_text",
    "rttm": "rttm",
}
JSON_FLAVORS = ("whisperx", "assemblyai", "deepgram", "podcast-json")

_ALIASES = {"webvtt": "vtt", "subrip": "srt", "txt": "text", "podcast": "podcast-json"}

_EXTENSIONS = {
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".srt": "srt",
    ".rttm": "rttm",
    ".txt": "text",
    ".text": "text",
    ".json": "json",
}


class LineReader(Protocol):
    def __call__(
        self, source: str | Iterable[str], *, path: str = ..., notes: list[str] | None = ...
    ) -> Iterator[Turn]: ...


def describe_formats() -> str:
    """The supported formats on one line, for error messages and help.

    >>> describe_formats().split(", ")[0]
    'vtt (WebVTT captions: Zoom'
    """
    return ", ".join(f"{name} ({_DESCRIPTIONS[name]})" for name in FORMATS)


def resolve_name(name: str | None) -> str | None:
    """The canonical format name for a user's ``--format`` value; ``UsageError`` if unknown."""
    if name is None:
        return None
    canonical = name.strip().lower().replace("_", "-")
    canonical = _ALIASES.get(canonical, canonical)
    if canonical not in FORMATS:
        raise UsageError(f"unknown format {name!r}: choose one of {', '.join(FORMATS)}")
    return canonical


def line_reader(name: str) -> LineReader:
    """``parse`` of a line-based format's module, imported on first use."""
    module = importlib.import_module(f"twoway.formats.{_MODULES[name]}")
    reader: LineReader = module.parse
    return reader


def is_line_format(name: str) -> bool:
    return name in _MODULES


def unknown_format(
    path: str, what: str = "not a transcript format twoway knows"
) -> UnknownFormatError:
    return UnknownFormatError(f"{what}; supported formats: {describe_formats()}", path=path)


def sniff(head: str, path: str) -> str:
    """A format name, or ``"json"`` (flavor decided after parsing); see the module docstring."""
    text = head.lstrip()
    extension = PurePath(path).suffix.lower() if path not in ("-", "<string>") else ""
    if text.startswith("WEBVTT"):
        return "vtt"
    if text.startswith("{"):
        return "json"
    lines = _first_lines(text, 30)
    if lines:
        by_content = _sniff_lines(lines, extension)
        if by_content is not None:
            return by_content
        if text.startswith("[") and text[1:].lstrip()[:1] in ("{", "[", "]", '"', ""):
            return "json"
    by_extension = _EXTENSIONS.get(extension)
    if by_extension is not None:
        return by_extension
    raise unknown_format(path)


def _first_lines(text: str, count: int) -> list[str]:
    lines: list[str] = []
    for line in text.split("\n", 200)[:200]:
        stripped = line.strip()
        if stripped:
            lines.append(stripped)
            if len(lines) == count:
                break
    return lines


def _sniff_lines(lines: list[str], extension: str) -> str | None:
    from twoway.formats import text, zoom_text  # small; only when sniffing

    first = next((line for line in lines if not line.startswith((";;", "#"))), "")
    fields = first.split()
    if len(fields) >= 8 and fields[0] == "SPEAKER" and _numbers(fields[3], fields[4]):
        return "rttm"
    if "-->" in first or (first.isdigit() and len(lines) > 1 and "-->" in lines[1]):
        return "vtt" if extension in (".vtt", ".webvtt") else "srt"
    if any(zoom_text.header(line) for line in lines[:5]):
        return "zoom-text"
    if any(text.classify(line)[0] != text.PLAIN for line in lines):
        return "text"
    return None


def _numbers(*fields: str) -> bool:
    try:
        for field in fields:
            float(field)
    except ValueError:
        return False
    return True


def conversation(
    turns: tuple[Turn, ...], *, path: str, name: str, notes: list[str]
) -> Conversation:
    """The ``Conversation``, with the general notes every reader shares appended."""
    if not turns:
        notes.append("The transcript has no turns.")
    else:
        unnamed = sum(1 for turn in turns if turn.speaker is None)
        if unnamed == len(turns):
            notes.append("The file does not say who spoke; speakers are unknown.")
        elif unnamed and name not in ("vtt", "srt", "whisperx"):  # those explain it themselves
            notes.append(f"{unnamed} of {len(turns)} turns do not say who spoke.")
        if not turns[0].has_timing:
            notes.append("No timestamps: shares are by words.")
        if not any(turn.text for turn in turns):
            notes.append(
                "No words, only who spoke when: shares are by time; questions are not counted."
            )
    return Conversation(turns, source=path, format=name, notes=tuple(notes))
