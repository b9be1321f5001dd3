"""YouTube's timedtext XML captions (srv1, srv2, srv3), and the streaming XML reader that the
TTML reader shares.

The three layouts YouTube serves (``&fmt=srv1|srv2|srv3``; yt-dlp ``--sub-format srv3``)::

    <transcript><text start="1.2" dur="3.4">Hi &amp;#39;all</text></transcript>   srv1, seconds
    <timedtext><text t="1200" d="3400">Hi</text></timedtext>                      srv2, ms
    <timedtext format="3"><body><p t="1200" d="3400"><s>Hi</s><s t="400"> all</s></p>
    </body></timedtext>                                                          srv3, ms

* Text is the element's text (``<s>`` word spans joined as written, ``<br/>`` a space), then
  HTML entities decoded a second time (YouTube escapes twice: ``&amp;#39;``), tags that decoding
  reveals (``<font color=...>``, ``<i>``) removed, and spaces collapsed.
* An element marked as an appendage (``a="1"`` in srv3, ``append="1"`` in srv2) continues the
  caption before it: its words are added to that caption. Automatic (ASR) captions write one as
  an empty spacer between lines; it has no words and is skipped, as is any empty caption.
* A caption still on screen when the next one starts ends where the next one starts: automatic
  captions keep a finished line up while the next is spoken, which would otherwise count the
  same seconds twice. A caption without a duration ends where the next one starts (the last one
  lasts its words / 2.5 s, at least 1 s).
* Speakers are read as in other captions (``Name: text``, ``>> NAME:``; see ``_speakers``).

The XML is read as it streams in (expat), one caption element at a time, so memory stays small;
malformed XML is a ``FormatError`` at the line expat reports, and a document that declares
entities (``<!ENTITY``, the "billion laughs" attack) is refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from twoway.errors import FormatError
from twoway.formats import _limits
from twoway.formats._cues import CueSink, clean_cue_text
from twoway.formats._registry import unknown_xml
from twoway.formats._rolling import merge_word_cues
from twoway.formats._source import text_blocks
from twoway.formats._speakers import TAG_RE
from twoway.model import Turn

NAME = "timedtext"
ROOTS = frozenset({"transcript", "timedtext"})

_NUMBER_RE = re.compile(r"[ \t]*(\d{1,15}(?:\.\d{1,15})?)[ \t]*", re.ASCII)

# Ancestors of a collected element: (local name, attributes), outermost first.
Ancestors = tuple[tuple[str, dict[str, str]], ...]


@dataclass(slots=True)
class XmlNode:
    """An element as the readers need it: local name, attributes by local name, children."""

    name: str
    attrs: dict[str, str]
    line: int
    children: list[XmlNode | str] = field(default_factory=list)


class _EntityDeclared(Exception):
    pass


def xml_elements(
    source: str | Iterable[str], path: str, *, roots: frozenset[str], collect: frozenset[str]
) -> Iterator[tuple[XmlNode, Ancestors]]:
    """Each element named in ``collect`` (with its subtree) and its ancestors, in document order.

    Names are local (``tt:p`` and ``p`` are both ``p``; ``ttm:agent`` is ``agent``). The root
    element must be one of ``roots`` (else ``FormatError`` listing the XML twoway reads). Text
    outside collected elements is ignored and their subtrees are dropped once yielded.
    """
    from xml.parsers import expat  # only for XML files

    parser = expat.ParserCreate()
    parser.buffer_text = True
    ready: list[tuple[XmlNode, Ancestors]] = []
    outer: list[tuple[str, dict[str, str]]] = []
    building: list[XmlNode] = []
    text_chars = 0  # of the element being collected: bounded by _limits.MAX_TEXT_CHARS
    limit = _limits.MAX_TEXT_CHARS

    def start(name: str, raw: dict[str, str]) -> None:
        nonlocal text_chars
        local = name.rpartition(":")[2]
        attrs = {key.rpartition(":")[2]: value for key, value in raw.items()}
        if building:
            node = XmlNode(local, attrs, parser.CurrentLineNumber)
            building[-1].children.append(node)
            building.append(node)
        elif not outer and local not in roots:
            raise unknown_xml(path, local, parser.CurrentLineNumber)
        elif outer and local in collect:
            building.append(XmlNode(local, attrs, parser.CurrentLineNumber))
            text_chars = 0
        else:
            outer.append((local, attrs))

    def end(name: str) -> None:
        if building:
            node = building.pop()
            if not building:
                ready.append((node, tuple(outer)))
        elif outer:
            outer.pop()

    def text(data: str) -> None:
        nonlocal text_chars
        if building:
            building[-1].children.append(data)
            text_chars += len(data)
            if text_chars > limit:
                raise _limits.too_long(f"the text of <{building[0].name}>", path, building[0].line)

    def refuse_entities(*_: object) -> None:
        raise _EntityDeclared

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    parser.EntityDeclHandler = refuse_entities

    def feed(data: str, final: bool) -> None:
        try:
            parser.Parse(data, final)
        except expat.ExpatError as exc:
            raise FormatError(
                f"not well-formed XML: {expat.ErrorString(exc.code)} (column {exc.offset + 1})",
                path=path,
                line=exc.lineno,
            ) from None
        except _EntityDeclared:
            raise FormatError(
                "the XML declares entities (<!ENTITY ...>), which caption files never need; "
                "refused",
                path=path,
                line=parser.CurrentLineNumber,
            ) from None

    for chunk in text_blocks(source):
        feed(chunk, False)
        yield from ready
        ready.clear()
    feed("", True)
    yield from ready
    ready.clear()


def node_text(node: XmlNode, skip: frozenset[str] = frozenset()) -> str:
    """The text of ``node`` and its descendants as written; ``<br/>`` becomes a line break."""
    pieces: list[str] = []
    stack: list[XmlNode | str] = list(reversed(node.children))
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
        elif item.name == "br":
            pieces.append("\n")
        elif item.name not in skip:
            if item.attrs.get("unit") == "word":  # Apple Podcasts' TTML: one span per word
                pieces.append(" ")
            stack.extend(reversed(item.children))
    return "".join(pieces)


def _number(value: str | None, node: XmlNode, attr: str, path: str) -> float | None:
    if value is None:
        return None
    match = _NUMBER_RE.fullmatch(value)
    if match is None:
        raise FormatError(
            f"bad {attr}={value!r} on <{node.name}> (expected a number, 0 or more)",
            path=path,
            line=node.line,
        )
    number = float(match.group(1))
    if not math.isfinite(number):  # pragma: no cover - the pattern has at most 30 digits
        raise FormatError(f"bad {attr}={value!r} on <{node.name}>", path=path, line=node.line)
    return number


def _timing(node: XmlNode, path: str) -> tuple[float, float | None]:
    attrs = node.attrs
    if "t" in attrs:
        start = _number(attrs["t"], node, "t", path)
        duration = _number(attrs.get("d"), node, "d", path)
        scale = 1000.0
    elif "start" in attrs:
        start = _number(attrs["start"], node, "start", path)
        duration = _number(attrs.get("dur"), node, "dur", path)
        scale = 1.0
    else:
        raise FormatError(
            f"<{node.name}> has no start time (t= in milliseconds or start= in seconds)",
            path=path,
            line=node.line,
        )
    assert start is not None
    if duration is None:
        return round(start / scale, 6), None
    # Add before scaling: 4560 ms + 4340 ms is 8.9 s, not 8.899999999999999.
    return round(start / scale, 6), round((start + duration) / scale, 6)


def caption_text(raw: str) -> str:
    """The words of a caption as YouTube writes them: entities decoded twice, tags removed.

    >>> caption_text("it&#39;s &lt;font color=&quot;#E5E5E5&quot;&gt;fine&lt;/font&gt;\\n  ok")
    "it's fine ok"
    """
    _, text = clean_cue_text(raw, webvtt=True)
    if "<" in text:
        text = TAG_RE.sub("", text)
    return " ".join(text.split())


def _appended(attrs: dict[str, str]) -> bool:
    flag = attrs.get("a", attrs.get("append"))
    return flag is not None and flag.strip().lower() in ("1", "true")


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The captions of a YouTube timedtext file (srv1, srv2 or srv3) as turns, in file order."""
    found = notes if notes is not None else []
    return merge_word_cues(_parse(source, path, found), found)


@dataclass(slots=True)
class _Pending:
    start: float
    end: float | None
    raw: str


def _parse(source: str | Iterable[str], path: str, notes: list[str]) -> Iterator[Turn]:
    sink = CueSink(webvtt=False, rolling=False)
    pending: _Pending | None = None
    clipped = 0
    for node, _ in xml_elements(source, path, roots=ROOTS, collect=frozenset({"text", "p"})):
        start, end = _timing(node, path)
        if end is not None and end < start:  # pragma: no cover - durations are never negative
            end = start
        raw = node_text(node)
        if _appended(node.attrs):
            if pending is not None and raw.strip():
                pending.raw += raw
                if end is not None and (pending.end is None or end > pending.end):
                    pending.end = end
            continue
        if not caption_text(raw):
            continue
        if pending is not None:
            turns, was_clipped = _release(sink, pending, start)
            clipped += was_clipped
            yield from turns
        pending = _Pending(start, end, raw)
    if pending is not None:
        yield from _release(sink, pending, None)[0]
    yield from sink.finish()
    notes.extend(sink.notes())
    if clipped:
        notes.append(
            f"{clipped} captions stayed on screen after the next one started (as automatic "
            "captions do); each was ended where the next one starts."
            if clipped > 1
            else "1 caption stayed on screen after the next one started; it was ended where "
            "the next one starts."
        )


def _release(sink: CueSink, cue: _Pending, next_start: float | None) -> tuple[list[Turn], int]:
    text = caption_text(cue.raw)
    end = cue.end
    clipped = 0
    if end is None:
        words = len(text.split())
        end = next_start if next_start is not None else cue.start + max(1.0, words / 2.5)
    elif next_start is not None and cue.start <= next_start < end:
        end = next_start
        clipped = 1
    end = max(end, cue.start)
    return list(sink.cue(cue.start, end, [text])), clipped
