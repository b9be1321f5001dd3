"""TTML and DFXP captions (``<tt>``): Netflix (IMSC), broadcasters (EBU-TT-D), Microsoft Stream,
Apple Podcasts.

::

    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata">
      <head><metadata>
        <ttm:agent xml:id="dana" type="person"><ttm:name type="full">Dana Whitfield</ttm:name>
        </ttm:agent></metadata></head>
      <body><div>
        <p begin="00:00:01.200" end="00:00:04.800" ttm:agent="dana">Thanks for<br/>coming.</p>
      </div></body>
    </tt>

* One turn per ``<p>`` with words, in file order. Its text is the text of its spans as written,
  ``<br/>`` a space, spaces collapsed; word spans (Apple Podcasts' ``podcasts:unit="word"``) are
  kept apart by a space.
* Times: ``begin`` with ``end`` or ``dur``, as clock times (``01:02:03.456``, frames
  ``01:02:03:12``, or ``m:ss.fff``) or offsets (``1.5s``, ``1500ms``, ``2m``, ``1h``, ``12f``,
  ``10010000t`` in ticks of ``ttp:tickRate``; a bare number is seconds). A ``<p>`` without
  times takes them from its spans (the first begin to the last end), else from the nearest
  ``<div>`` or ``<body>`` that has them. Times on a ``<div>`` are not added to those of its
  ``<p>``s: the files seen in practice (Apple's among them) write absolute times there.
* Speaker: the ``ttm:agent`` of the ``<p>`` (else of its first span that has one, else of the
  nearest ``<div>``/``<body>``), named by that agent's ``<ttm:name>`` in the head, or its id if
  it has none (Apple's ``SPEAKER_1``). Without agents, ``Name: text`` prefixes are read as in
  other captions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from twoway.errors import FormatError
from twoway.formats._cues import CueSink
from twoway.formats._rolling import merge_word_cues
from twoway.formats.timedtext import XmlNode, node_text, xml_elements
from twoway.model import Turn

NAME = "ttml"
ROOTS = frozenset({"tt"})

_CLOCK_RE = re.compile(
    r"(\d{1,9}):(\d{1,2}):(\d{1,2}(?:\.\d{1,9})?)(?::(\d{1,9})(?:\.(\d{1,9}))?)?", re.ASCII
)
_SHORT_CLOCK_RE = re.compile(r"(\d{1,9}):(\d{1,2}(?:\.\d{1,9})?)", re.ASCII)
_OFFSET_RE = re.compile(r"(\d{1,15}(?:\.\d{1,15})?)(h|ms|m|s|f|t)?", re.ASCII)
_METRIC_S = {"h": 3600.0, "m": 60.0, "s": 1.0, "ms": 0.001}
_NOT_TEXT = frozenset({"metadata", "desc", "title", "agent", "name", "set", "animate"})


class Rates:
    """Frame and tick rates from the ``<tt>`` element (``ttp:frameRate`` and friends)."""

    def __init__(self, attrs: dict[str, str]) -> None:
        frame_rate = _positive(attrs.get("frameRate"))
        multiplier = 1.0
        parts = attrs.get("frameRateMultiplier", "").split()
        # isdecimal and a length cap: int() refuses "²" (a digit to isdigit) and 4,300+ digits.
        if len(parts) == 2 and all(
            part.isdecimal() and len(part) <= 15 and int(part) > 0 for part in parts
        ):
            multiplier = int(parts[0]) / int(parts[1])
        self.frames = (frame_rate or 30.0) * multiplier
        self.sub_frames = _positive(attrs.get("subFrameRate")) or 1.0
        tick_rate = _positive(attrs.get("tickRate"))
        if tick_rate is None:
            tick_rate = frame_rate * self.sub_frames if frame_rate is not None else 1.0
        self.ticks = tick_rate


def _positive(value: str | None) -> float | None:
    if value is None:
        return None
    match = _OFFSET_RE.fullmatch(value.strip())
    if match is None or match.group(2) is not None:
        return None
    number = float(match.group(1))
    return number if number > 0 else None


def seconds(value: str, rates: Rates) -> float | None:
    """Seconds for a TTML time expression, or ``None`` if ``value`` is not one.

    >>> r = Rates({"tickRate": "10000000"})
    >>> seconds("00:01:02.5", r), seconds("10010000t", r), seconds("1500ms", r)
    (62.5, 1.001, 1.5)
    >>> seconds("1:05.2", r), seconds("2.5", r), seconds("1:75", r)
    (65.2, 2.5, None)
    >>> seconds("00:00:01:15", Rates({"frameRate": "30"}))
    1.5
    """
    result = _seconds(value.strip(), rates)
    # Rounded so that "00:01:02.3" gives the same float as 62.3 does.
    return None if result is None else round(result, 6)


def _seconds(text: str, rates: Rates) -> float | None:
    clock = _CLOCK_RE.fullmatch(text)
    if clock is not None:
        hours, minutes, secs, frames, sub_frames = clock.groups()
        if int(minutes) >= 60 or float(secs) >= 60:
            return None
        total = int(hours) * 3600 + int(minutes) * 60 + float(secs)
        if frames is not None:
            total += int(frames) / rates.frames
            if sub_frames is not None:
                total += int(sub_frames) / (rates.frames * rates.sub_frames)
        return total
    short = _SHORT_CLOCK_RE.fullmatch(text)
    if short is not None:
        minutes, secs = short.groups()
        return None if float(secs) >= 60 else int(minutes) * 60 + float(secs)
    offset = _OFFSET_RE.fullmatch(text)
    if offset is None:
        return None
    number, metric = float(offset.group(1)), offset.group(2)
    if metric == "f":
        return number / rates.frames
    if metric == "t":
        return number / rates.ticks
    return number * _METRIC_S.get(metric or "s", 1.0)


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The ``<p>`` captions of a TTML/DFXP file as turns, in file order."""
    found = notes if notes is not None else []
    return merge_word_cues(_parse(source, path, found), found)


def _parse(source: str | Iterable[str], path: str, notes: list[str]) -> Iterator[Turn]:
    sink = CueSink(webvtt=False, rolling=False)
    agents: dict[str, str] = {}
    rates: Rates | None = None
    for node, ancestors in xml_elements(
        source, path, roots=ROOTS, collect=frozenset({"p", "agent"})
    ):
        if rates is None:
            rates = Rates(ancestors[0][1] if ancestors else {})
        if node.name == "agent":
            _add_agent(node, agents)
            continue
        start, end = _times(node, ancestors, rates, path)
        text = " ".join(node_text(node, _NOT_TEXT).split())
        if not text:
            continue  # a blank caption clears the screen; nobody speaks
        agent = _agent(node, ancestors)
        speaker = None if agent is None else agents.get(agent, agent)
        yield from sink.cue(start, end, [text], speaker)
    yield from sink.finish()
    notes.extend(sink.notes())


def _add_agent(node: XmlNode, agents: dict[str, str]) -> None:
    agent_id = node.attrs.get("id")
    if not agent_id:
        return
    names = {
        child.attrs.get("type", ""): " ".join(node_text(child).split())
        for child in node.children
        if isinstance(child, XmlNode) and child.name == "name"
    }
    name = names.get("full") or names.get("alias") or next(iter(names.values()), "")
    agents[agent_id] = name or agent_id


def _agent(node: XmlNode, ancestors: tuple[tuple[str, dict[str, str]], ...]) -> str | None:
    value = node.attrs.get("agent")
    if value is None:
        stack: list[XmlNode | str] = list(reversed(node.children))
        while stack and value is None:
            item = stack.pop()
            if isinstance(item, XmlNode):
                value = item.attrs.get("agent")
                stack.extend(reversed(item.children))
    if value is None:
        for _, attrs in reversed(ancestors):
            if "agent" in attrs:
                value = attrs["agent"]
                break
    if value is None or not value.split():
        return None
    return value.split()[0]  # an IDREFS list: the first agent speaks


def _times(
    node: XmlNode, ancestors: tuple[tuple[str, dict[str, str]], ...], rates: Rates, path: str
) -> tuple[float, float]:
    begin = _time(node.attrs, "begin", node, rates, path)
    end = _time(node.attrs, "end", node, rates, path)
    duration = _time(node.attrs, "dur", node, rates, path)
    if begin is None:
        begin, end, duration = _span_times(node, rates, path)
    if begin is None:
        for _, attrs in reversed(ancestors):
            if "begin" in attrs:
                begin = _time(attrs, "begin", node, rates, path)
                end = _time(attrs, "end", node, rates, path)
                duration = _time(attrs, "dur", node, rates, path)
                break
    if begin is None:
        raise FormatError(
            "<p> has no begin time (on it, its spans or an enclosing <div>)",
            path=path,
            line=node.line,
        )
    if end is None:
        end = begin + duration if duration is not None else begin
    if end < begin:
        raise FormatError(
            f"<p> ends ({node.attrs.get('end', end)}) before it begins "
            f"({node.attrs.get('begin', begin)})",
            path=path,
            line=node.line,
        )
    return begin, end


def _span_times(
    node: XmlNode, rates: Rates, path: str
) -> tuple[float | None, float | None, float | None]:
    begins: list[float] = []
    ends: list[float] = []
    stack: list[XmlNode | str] = list(node.children)
    while stack:
        item = stack.pop()
        if isinstance(item, XmlNode):
            begin = _time(item.attrs, "begin", item, rates, path)
            if begin is not None:
                begins.append(begin)
                end = _time(item.attrs, "end", item, rates, path)
                duration = _time(item.attrs, "dur", item, rates, path)
                ends.append(end if end is not None else begin + (duration or 0.0))
            stack.extend(item.children)
    if not begins:
        return None, None, None
    return min(begins), max(ends), None


def _time(attrs: dict[str, str], name: str, node: XmlNode, rates: Rates, path: str) -> float | None:
    value = attrs.get(name)
    if value is None:
        return None
    result = seconds(value, rates)
    if result is None:
        raise FormatError(
            f"bad {name}={value!r} on <{node.name}> (expected a time such as 00:00:01.500, "
            "1.5s or 15000000t)",
            path=path,
            line=node.line,
        )
    return result
