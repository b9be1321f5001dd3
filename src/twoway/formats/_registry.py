"""Format names, choosing a format (content first, extension second) and running its reader.

Sniffing looks at the first 64 KiB of decoded text, in this order:

1. ``WEBVTT`` at the start -> ``vtt``;
2. ``{`` at the start -> JSON; the flavor comes from the parsed keys (``json_formats.sniff``);
3. ``File type = "ooTextFile"`` with ``Object class = "TextGrid"`` -> ``textgrid``; ``<`` first
   and an ``<ANNOTATION_DOCUMENT`` element -> ``eaf``; ``@UTF8``/``@Begin``/``@Font`` first
   and an ``@Begin`` line -> ``chat``; other XML (``<`` first, after any ``<?xml ...?>``,
   comments and doctype) by its root element: ``<transcript>``/``<timedtext>`` -> ``timedtext``,
   ``<tt>`` -> ``ttml``, any other (with a declaration, doctype or comment first, or a closing
   tag in the sample) -> ``UnknownFormatError`` listing the XML formats;
4. the first non-blank, non-comment line is ``SPEAKER`` with 8+ fields and numeric start and
   duration -> ``rttm``; the first five are CTM word lines -> ``ctm`` (``ctm.looks_like``);
5. a number line followed by a ``-->`` timing line, or a timing line first -> ``srt`` (``vtt`` if
   the file name ends in ``.vtt``: WebVTT missing its header); an SBV timing line
   (``0:00:01.000,0:00:03.000``) first -> ``sbv``;
6. a ``[Name] hh:mm:ss`` line among the first five lines -> ``zoom-text``;
7. a ``Name: text``, ``[hh:mm:ss]``/``(hh:mm:ss)`` or Otter ``Name  0:05`` line among the first
   30 -> ``text``;
8. otherwise the extension: ``.vtt``, ``.srt``, ``.rttm``, ``.textgrid``, ``.eaf``, ``.cha``,
   ``.ctm``, ``.sbv``, ``.xml``/``.srv1``-``.srv3`` (timedtext), ``.ttml``/``.dfxp``,
   ``.txt``/``.text``, ``.json``;
9. otherwise ``UnknownFormatError``, listing the supported formats.

Reader modules are imported only when used, so ``import twoway.formats`` stays cheap (no
``json`` until a JSON file is read).
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Iterable, Iterator
from pathlib import PurePath
from typing import Protocol

from twoway.errors import FormatError, UnknownFormatError, UsageError
from twoway.formats._limits import check_turns
from twoway.model import Conversation, Turn

FORMATS: tuple[str, ...] = (
    "vtt",
    "srt",
    "sbv",
    "timedtext",
    "ttml",
    "text",
    "zoom-text",
    "whisperx",
    "whisper",
    "openai",
    "assemblyai",
    "deepgram",
    "rev-ai",
    "youtube-json3",
    "aws-transcribe",
    "google-stt",
    "azure-speech",
    "speechmatics",
    "ibm-watson",
    "podcast-json",
    "rttm",
    "textgrid",
    "eaf",
    "chat",
    "ctm",
)

_DESCRIPTIONS = {
    "vtt": "WebVTT captions: Zoom, Teams, Meet, YouTube",
    "srt": "SubRip subtitles: Otter, Descript, Rev, WhisperX",
    "sbv": "YouTube SubViewer captions (.sbv)",
    "timedtext": "YouTube timedtext XML captions: srv1, srv2, srv3",
    "ttml": "TTML/DFXP captions: Netflix, Microsoft Stream, Apple Podcasts",
    "text": "'Name: text' lines; Teams, Meet, Otter and Rev text and .docx",
    "zoom-text": "Zoom's '[Name] hh:mm:ss' saved captions and text export",
    "whisperx": "WhisperX JSON",
    "assemblyai": "AssemblyAI JSON",
    "deepgram": "Deepgram JSON",
    "whisper": "Whisper JSON: openai-whisper, whisper.cpp, OpenAI API",
    "openai": "OpenAI diarized_json",
    "rev-ai": "Rev.ai JSON",
    "youtube-json3": "YouTube json3 captions",
    "aws-transcribe": "Amazon Transcribe JSON, Call Analytics",
    "google-stt": "Google Cloud Speech-to-Text JSON",
    "azure-speech": "Azure AI Speech JSON: batch, fast, SDK results",
    "speechmatics": "Speechmatics JSON",
    "ibm-watson": "IBM Watson Speech to Text JSON",
    "podcast-json": "Podcasting 2.0 JSON",
    "rttm": "diarization: who spoke when, no words",
    "textgrid": "Praat TextGrid: aligners (MFA), batchalign, annotation",
    "eaf": "ELAN annotation file",
    "chat": "TalkBank CHAT (.cha): CHILDES, batchalign",
    "ctm": "CTM word timings: NIST sclite, Kaldi, NeMo",
}

_MODULES = {
    "vtt": "vtt",
    "srt": "srt",
    "sbv": "sbv",
    "timedtext": "timedtext",
    "ttml": "ttml",
    "text": "text",
    "zoom-text": "zoom_text",
    "rttm": "rttm",
    "textgrid": "textgrid",
    "eaf": "eaf",
    "chat": "chat",
    "ctm": "ctm",
}
JSON_FLAVORS = (
    "whisperx",
    "whisper",
    "openai",
    "assemblyai",
    "deepgram",
    "rev-ai",
    "youtube-json3",
    "podcast-json",
    "aws-transcribe",
    "google-stt",
    "azure-speech",
    "speechmatics",
    "ibm-watson",
)

_ALIASES = {
    "webvtt": "vtt",
    "subrip": "srt",
    "subviewer": "sbv",
    "srv1": "timedtext",
    "srv2": "timedtext",
    "srv3": "timedtext",
    "youtube-xml": "timedtext",
    "dfxp": "ttml",
    "imsc": "ttml",
    "txt": "text",
    "podcast": "podcast-json",
    "whisper-cpp": "whisper",
    "whispercpp": "whisper",
    "openai-whisper": "whisper",
    "revai": "rev-ai",
    "json3": "youtube-json3",
    "aws": "aws-transcribe",
    "amazon-transcribe": "aws-transcribe",
    "google": "google-stt",
    "azure": "azure-speech",
    "watson": "ibm-watson",
    "praat": "textgrid",
    "elan": "eaf",
    "cha": "chat",
    "talkbank": "chat",
}

_EXTENSIONS = {
    ".vtt": "vtt",
    ".webvtt": "vtt",
    ".srt": "srt",
    ".sbv": "sbv",
    ".xml": "timedtext",
    ".srv1": "timedtext",
    ".srv2": "timedtext",
    ".srv3": "timedtext",
    ".ttml": "ttml",
    ".dfxp": "ttml",
    ".rttm": "rttm",
    ".textgrid": "textgrid",
    ".eaf": "eaf",
    ".cha": "chat",
    ".ctm": "ctm",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".json": "json",
}


# File name endings of transcripts (for file pickers and upload checks): every one the readers
# know by extension, plus the Word and Markdown documents that are read by their content.
TRANSCRIPT_EXTENSIONS: frozenset[str] = frozenset(_EXTENSIONS) | {".docx"}


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


# Readers that parse XML from blocks of text, where a line can be as long as the file (minified
# XML); they bound the text of each element themselves (``_limits``).
_XML_READERS = frozenset({"timedtext", "ttml", "eaf"})


def reads_blocks(name: str) -> bool:
    """Whether ``name``'s reader takes the file in blocks (XML) rather than line by line."""
    return name in _XML_READERS


def unknown_format(
    path: str, what: str = "not a transcript format twoway knows"
) -> UnknownFormatError:
    return UnknownFormatError(f"{what}; {WHAT_TWOWAY_READS}", path=path)


# The formats by the tools people know them from, short enough for a one-line error
# (``describe_formats`` has every name; docs/formats.md has the details).
WHAT_TWOWAY_READS = (
    "twoway reads captions (WebVTT, SRT, YouTube SBV and timedtext XML, TTML), meeting "
    "transcripts (Zoom, Teams, Google Meet, Otter, Rev: text or .docx), speech-to-text JSON "
    "(Whisper, WhisperX, OpenAI, AssemblyAI, Deepgram, Rev.ai, YouTube json3, Amazon Transcribe, "
    "Google, Azure, Speechmatics, IBM Watson, Podcasting 2.0) and research formats (Praat "
    "TextGrid, ELAN, CHAT, CTM, RTTM); see docs/formats.md"
)


def sniff(head: str, path: str) -> str:
    """A format name, or ``"json"`` (flavor decided after parsing); see the module docstring."""
    text = head.lstrip()
    extension = PurePath(path).suffix.lower() if path not in ("-", "<string>") else ""
    if text.startswith("WEBVTT"):
        return "vtt"
    if text.startswith("{"):
        return "json"
    research = _sniff_research(text)
    if research is not None:
        return research
    xml_root = _xml_root(text)
    if xml_root is not None:
        if xml_root in _XML_ROOTS:
            return _XML_ROOTS[xml_root]
        # "<Dana> hi" lines (chat logs) start like XML too; XML declares itself or closes tags.
        if text.startswith(("<?", "<!")) or "</" in text:
            raise unknown_xml(path, xml_root)
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


def _sniff_research(text: str) -> str | None:
    """TextGrid, ELAN and CHAT, told by their first bytes (before any line rule can misread them:
    ``@Languages:`` and ``xmin = 0`` lines look like ``Name: text`` and prose)."""
    if text.startswith("File type") and (
        'Object class = "TextGrid' in text[:200] or '\n"TextGrid"' in text[:200]
    ):
        return "textgrid"  # the second form is the old short header: File type = "ooTextFile short"
    if text.startswith("<") and "<ANNOTATION_DOCUMENT" in text[:4096]:
        return "eaf"
    if text.startswith(("@UTF8", "@Begin", "@Font")) and "@Begin" in text[:4096]:
        return "chat"
    return None


# XML formats by the local name of the root element: for sniffing, and to list them in the error
# for any other XML.
_XML_ROOTS = {
    "transcript": "timedtext",
    "timedtext": "timedtext",
    "tt": "ttml",
    "ANNOTATION_DOCUMENT": "eaf",
}


def _xml_root(text: str) -> str | None:
    """The root element's local name when ``text`` starts as XML does (``<?xml``, comments, a
    doctype, then ``<name``); ``""`` for XML whose root is not in ``text``; else ``None``.

    A leading ``<!-- comment -->`` followed by text that is not markup (a Word document converted
    to Markdown starts so) is not XML: ``None``.

    >>> _xml_root('<?xml version="1.0"?>\\n<!-- c -->\\n<tt:tt xmlns:tt="x">'), _xml_root("<3 u")
    ('tt', None)
    >>> _xml_root("<!-- converted from notes.docx -->\\nDana  0:04\\nHello.")
    """
    pos = 0
    size = len(text)
    only_comments = True
    while text.startswith("<", pos):
        if text.startswith("<?", pos):
            close = "?>"
            only_comments = False
        elif text.startswith("<!--", pos):
            close = "-->"
        elif text.startswith("<!", pos):
            only_comments = False
            gt = text.find(">", pos)
            close = "]>" if text.find("[", pos, gt if gt >= 0 else size) >= 0 else ">"
        else:
            first = text[pos + 1 : pos + 2]
            if not (first.isalpha() or first == "_"):
                return None if pos == 0 else ""
            end = pos + 1
            while end < size and end < pos + 200 and not (text[end].isspace() or text[end] in "/>"):
                end += 1
            return text[pos + 1 : end].rpartition(":")[2]
        end = text.find(close, pos + 2)
        if end < 0:
            return ""
        pos = end + len(close)
        while pos < size and text[pos].isspace():
            pos += 1
    return None if pos == 0 or (only_comments and pos < size) else ""


def unknown_xml(path: str, root: str, line: int | None = None) -> UnknownFormatError:
    """The error for XML whose root element is no format twoway reads, listing those it reads."""
    elements: dict[str, list[str]] = {}
    for element, name in _XML_ROOTS.items():
        elements.setdefault(name, []).append(f"<{element}>")
    listing = "; ".join(
        f"{name} {', '.join(tags)} ({_DESCRIPTIONS[name]})"
        for name, tags in elements.items()
        if name in _DESCRIPTIONS
    )
    what = f"XML with root element <{root}>" if root else "XML without a root element"
    return UnknownFormatError(
        f"{what}, not a transcript format twoway knows; the XML formats twoway reads are: "
        f"{listing}",
        path=path,
        line=line,
    )


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

    first = next((line for line in lines if not line.startswith((";;", "#", "<!--"))), "")
    fields = first.split()
    if len(fields) >= 8 and fields[0] == "SPEAKER" and _numbers(fields[3], fields[4]):
        return "rttm"
    from twoway.formats import ctm  # small; only when sniffing

    if ctm.looks_like(lines):
        return "ctm"
    if "-->" in first or (first.isdigit() and len(lines) > 1 and "-->" in lines[1]):
        return "vtt" if extension in (".vtt", ".webvtt") else "srt"
    if first[:1].isdigit() and "," in first:
        from twoway.formats import sbv  # small; only for a line that could be SBV timing

        if sbv.is_timing(first):
            return "sbv"
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
    """The ``Conversation``, with the general notes every reader shares appended.

    Raises ``FormatError`` when the times are implausible for one conversation (see
    ``check_span``) or a turn is too long to analyse (``_limits.check_turns``).
    """
    check_span(turns, path)
    check_turns(turns, path)
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


# A silence longer than this between two turns is a wrong timestamp, not a pause: a far-off time
# would otherwise make every per-time structure (the balance windows, the timeline) as long as the
# span. Long files are fine as long as they are talked through (a 200 MB caption file spans weeks).
MAX_GAP_S = 7 * 24 * 3600.0
# Beyond this (about 3 years) a time is not a position in a recording at all.
MAX_TIME_S = 1e8


def check_span(turns: tuple[Turn, ...], path: str) -> None:
    """``FormatError`` naming the turn whose time is not finite, beyond ``MAX_TIME_S``, or more
    than a week after everything before it.

    >>> try:
    ...     check_span((Turn("A", 0.0, 1.0, "Hi."), Turn("B", 1e7, 1e7 + 1, "Hi.")), "x.rttm")
    ... except FormatError as exc:
    ...     print(str(exc)[:65])
    x.rttm: a turn of B starts 116 days after the turn before it: not
    """
    if not turns or turns[0].start is None:
        return
    timed = sorted(((t.start, t.end, t.speaker) for t in turns if t.start is not None), key=_first)
    reached = timed[0][0]
    for start, end, speaker in timed:
        who = speaker if speaker is not None else "an unknown speaker"
        if end is None or not all(math.isfinite(v) and abs(v) <= MAX_TIME_S for v in (start, end)):
            raise FormatError(
                f"a turn of {who} has an impossible time ({start} to {end} s): "
                "not a position in a recording",
                path=path,
            )
        if start - reached > MAX_GAP_S:
            raise FormatError(
                f"a turn of {who} starts {(start - reached) / 86400:.0f} days after the turn "
                "before it: not one conversation (a wrong timestamp?)",
                path=path,
            )
        reached = max(reached, end)


def _first(item: tuple[float, float | None, str | None]) -> float:
    return item[0]
