"""The caption-cue state machine shared by the WebVTT and SRT readers, and ``CueSink``, which
turns finished cues into turns for every caption reader (WebVTT, SRT, SBV, timedtext, TTML).

One hand-written loop over lines, because caption files can be hundreds of megabytes and the
readers must beat general-purpose caption libraries: the only per-line work is a ``"-->" in line``
test or a ``strip``; the timing regex runs once per cue, tag and entity handling only when a
``<`` or ``&`` is present, and the ``Name:`` test is cached per distinct prefix.

Blocks without a timing line (``NOTE``, ``STYLE``, ``REGION``, stray text) are skipped as the
WebVTT parsing rules say; a timing line that does not parse, or a cue that ends before it starts,
is an error, because silently dropping speech would skew every share. A line of spaces right
under a timing line is part of the cue (YouTube's automatic captions start cues that way), as
the WebVTT rules say; elsewhere it ends the cue, as an empty line does. Speaker rules are in
``_speakers``; rolling captions and one-word cues in ``_rolling``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from itertools import chain

from twoway.display import plural
from twoway.errors import FormatError
from twoway.formats import _limits
from twoway.formats._limits import too_long
from twoway.formats._rolling import RollingCues, merge_word_cues
from twoway.formats._source import strip_bom
from twoway.formats._speakers import (
    ASS_RE,
    SRT_TAG_RE,
    TAG_RE,
    CueSpeakers,
    looks_like_name,
    split_bracket_speaker,
)
from twoway.formats._timestamps import TIMING_RE, clock_ms
from twoway.model import Turn

_SKIPPED_BLOCKS = ("NOTE", "STYLE", "REGION")

# Parser states.
_BETWEEN, _AFTER_ID, _PAYLOAD, _SKIPPING = 0, 1, 2, 3


# The shape nearly every file uses (``00:01:02.345 --> 00:01:04.000``), matched and converted
# without the general path's range checks: [0-5] already keeps minutes and seconds below 60.
_COMMON_TIMING_RE = re.compile(
    r"(\d\d+):([0-5]\d):([0-5]\d)[.,](\d{3}) --> (\d\d+):([0-5]\d):([0-5]\d)[.,](\d{3})(?:[ \t]|$)",
    re.ASCII,
)

# A voice span's name: ``<v Dana>``, ``<v.loud Dana Lee>``. The class and the name stop at the
# next ``<`` as well as at ``>``, and the name cannot start with a blank, so on a long line of
# unclosed ``<v `` the search is linear: it took 17 s on a 40 KB line when the name could run
# over other tags and trade characters with the blanks before it.
_VOICE_RE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]+([^\s<>][^<>]*)?>")

# A cue identifier that names the speaker in quotes, before a numeric participant id:
# ``12 "Dana Whitfield" (2146892032)`` (Webex).
_QUOTED_ID_RE = re.compile(r'\d+[ \t]+"([^"\r\n]{1,200})"(?:[ \t]+\(\d+\))?')


def cue_timing(line: str, path: str, lineno: int) -> tuple[float, float]:
    """Start and end seconds of a timing line; ``FormatError`` if it is malformed or backwards."""
    common = _COMMON_TIMING_RE.match(line)
    if common is not None and len(common.group(1)) <= 9 and len(common.group(5)) <= 9:
        h1, m1, s1, f1, h2, m2, s2, f2 = common.groups()
        start_ms = ((int(h1) * 60 + int(m1)) * 60 + int(s1)) * 1000 + int(f1)
        end_ms = ((int(h2) * 60 + int(m2)) * 60 + int(s2)) * 1000 + int(f2)
        if end_ms >= start_ms:
            return start_ms / 1000, end_ms / 1000
    match = TIMING_RE.match(line)
    if match is None:
        raise FormatError(
            f"bad cue timing {line.strip()!r} (expected 'hh:mm:ss.ttt --> hh:mm:ss.ttt')",
            path=path,
            line=lineno,
        )
    groups = match.groups()
    start_or_none = clock_ms(*groups[:4])
    end_or_none = clock_ms(*groups[4:])
    if start_or_none is None or end_or_none is None:
        raise FormatError(
            f"bad cue timing {line.strip()!r} (minutes and seconds must be below 60)",
            path=path,
            line=lineno,
        )
    if end_or_none < start_or_none:
        start_text, _, rest = line.partition("-->")
        raise FormatError(
            f"cue ends ({rest.split()[0]}) before it starts ({start_text.strip()})",
            path=path,
            line=lineno,
        )
    return start_or_none / 1000, end_or_none / 1000


def clean_cue_text(text: str, *, webvtt: bool = True) -> tuple[str | None, str]:
    """The voice-span speaker (if any) and the plain words of a cue payload.

    Tags are dropped, HTML entities decoded (``&amp;`` ``&lt;`` ``&gt;`` ``&nbsp;``...), a
    no-break space becomes a plain space, and the ``>>`` that broadcast captions put before a
    new speaker's ``NAME:`` is removed. SRT has no escapes, so there only its few formatting tags
    (``<i> <b> <u> <font> <v>``) are dropped and ``&`` is left alone. Each step is skipped when
    its trigger character is absent, which is the common case and keeps the readers fast.

    >>> clean_cue_text("<v.loud Dana Lee>Hi &amp; <i>welcome</i></v>")
    ('Dana Lee', 'Hi & welcome')
    >>> clean_cue_text("&gt;&gt; ALEX: Thanks.")
    (None, 'ALEX: Thanks.')
    """
    voice: str | None = None
    if "<" in text:
        if "<v" in text:
            match = _VOICE_RE.search(text)
            if match is not None and match.group(1):
                voice = sys.intern(match.group(1).strip()) or None
        text = (TAG_RE if webvtt else SRT_TAG_RE).sub("", text)
    if "{\\" in text:
        text = ASS_RE.sub("", text)
    if webvtt and "&" in text:
        text = _unescape(text)
    if "\xa0" in text:
        text = text.replace("\xa0", " ")
    text = text.strip()
    if text.startswith(">>"):
        # ">> DANA: Hi" names a new speaker; a ">>" that names nobody stays as written.
        rest = text.lstrip(">")
        if rest[:1].isspace() and ":" in rest[:66]:
            text = rest.lstrip()
    return voice, text


# A decimal character reference of 8 or more significant digits: past U+10FFFF, so U+FFFD, as
# html.unescape would make it if int() took the digits (it refuses more than 4,300: ValueError).
_LONG_DECIMAL_REF_RE = re.compile(r"&#0*([0-9]{8,});?")


def _unescape(text: str) -> str:
    """``html.unescape``, with overlong numeric references (``&#`` and 5,000 digits) as U+FFFD.

    >>> _unescape("a &amp; b &#" + "0" * 5000 + "65; &#" + "9" * 5000 + ";")
    'a & b A \ufffd'
    """
    from html import unescape  # rare; html.entities is big

    try:
        return unescape(text)
    except ValueError:
        return unescape(_LONG_DECIMAL_REF_RE.sub("\ufffd", _short_refs(text)))


def _short_refs(text: str) -> str:
    # Leading zeros count toward int()'s limit but not toward the character: &#00…065; is "A".
    return re.sub(r"&#0+(?=[0-9])", "&#", text)


def comparable_line(line: str, *, webvtt: bool = True) -> str:
    """A payload line as the viewer reads it: no tags, entities decoded, single spaces."""
    return " ".join(clean_cue_text(line, webvtt=webvtt)[1].split())


class CueSink:
    """Finished cues in, turns out: rolling captions, payload cleaning and the speaker rules.

    ``cue`` takes one cue's payload lines as written and returns the turns that are ready (the
    rolling and speaker rules may hold cues back); ``finish`` returns the rest at the end of the
    file, and ``notes`` what was assumed. Once the rolling rule has decided that a file does not
    roll, ``cue`` is rebound to the plain path, which is all a Zoom or Teams file ever costs.
    """

    def __init__(self, *, webvtt: bool, rolling: bool = True) -> None:
        self.webvtt = webvtt
        self.speakers = CueSpeakers()
        self.rolling: RollingCues | None = None
        if rolling:
            self.rolling = RollingCues(lambda line: comparable_line(line, webvtt=webvtt))
        else:
            self.cue = self._plain  # type: ignore[method-assign]

    def cue(
        self, start: float, end: float, parts: list[str], speaker: str | None = None
    ) -> Sequence[Turn]:
        """The turns one finished cue releases; ``speaker`` is one the cue names out of band."""
        if speaker is None and len(parts) > 1 and _has_dialogue(parts):
            turns: list[Turn] = []
            for piece in _dialogue_pieces(start, end, parts):
                turns.extend(self.cue(*piece))
            return turns
        assert self.rolling is not None
        released = self.rolling.feed(start, end, parts, speaker)
        if self.rolling.decided and not self.rolling.active:
            self.cue = self._plain  # type: ignore[method-assign]
        if not released:
            return ()
        turns = []
        for cue in released:
            turns.extend(self._plain(*cue))
        return turns

    def _plain(
        self, start: float, end: float, parts: list[str], speaker: str | None = None
    ) -> Sequence[Turn]:
        text = parts[0] if len(parts) == 1 else " ".join(parts)
        voice, text = clean_cue_text(text, webvtt=self.webvtt)
        if speaker is not None:
            voice = speaker
            if text.startswith(speaker) and text[len(speaker) : len(speaker) + 1] == ":":
                text = text[len(speaker) + 1 :].lstrip()
        elif voice is None and text.startswith("["):
            voice, text = split_bracket_speaker(text)
        speakers = self.speakers
        if speakers.decided:
            return (speakers.turn(start, end, text, voice),)
        return speakers.hold(start, end, text, voice) or ()

    def finish(self) -> Iterator[Turn]:
        """Turns for every cue still held at the end of the file."""
        if self.rolling is not None:
            for cue in self.rolling.finish():
                yield from self._plain(*cue)
        yield from self.speakers.finish()

    def notes(self) -> Iterator[str]:
        yield from self.speakers.notes()
        if self.rolling is not None:
            yield from self.rolling.notes()


def quoted_speaker(cue_id: str) -> str | None:
    """The name in a cue identifier such as ``12 "Dana Whitfield" (2146892032)``, else ``None``.

    >>> quoted_speaker('12 "Dana Whitfield" (2146892032)'), quoted_speaker("12")
    ('Dana Whitfield', None)
    """
    match = _QUOTED_ID_RE.fullmatch(cue_id)
    if match is None:
        return None
    name = match.group(1).strip()
    return sys.intern(name) if name else None


def parse_cues(
    lines: Iterator[str], path: str, notes: list[str], *, webvtt: bool
) -> Iterator[Turn]:
    """Turns for the cues in ``lines``; ``webvtt`` expects the ``WEBVTT`` header line.

    Files of one word per cue (whisper-timestamped) are joined into turns at pauses
    (``_rolling.merge_word_cues``).
    """
    return merge_word_cues(_parse_cues(lines, path, notes, webvtt=webvtt), notes)


def _parse_cues(
    lines: Iterator[str], path: str, notes: list[str], *, webvtt: bool
) -> Iterator[Turn]:
    sink = CueSink(webvtt=webvtt)
    lineno = 0
    state = _BETWEEN
    skipped = 0
    start = end = 0.0
    parts: list[str] = []
    cue_id = ""
    named: str | None = None  # a speaker the cue identifier names (Webex)
    cue_line = cue_chars = 0  # where the cue's timing line is, and its text so far
    limit = _limits.MAX_TEXT_CHARS
    # SRT only: a cue ended by a blank line is held until the next block shows whether that
    # blank was inside the cue (text follows that is neither a cue number nor a timing line).
    held = False
    continued = 0

    for line in lines:
        lineno += 1
        if line.strip():
            break
    else:
        return
    line = strip_bom(line)
    first_line = lineno  # the first line that is not blank
    header = timed = False
    if not webvtt:
        lines = chain((line,), lines)
        lineno -= 1
    elif line.startswith("WEBVTT") and (len(line) == 6 or line[6] in " \t\r\n"):
        state = _SKIPPING  # the header block runs to the first blank line
        header = True
    else:
        notes.append("The file has no WEBVTT header line; it was read as WebVTT anyway.")
        lines = chain((line,), lines)
        lineno -= 1

    for line in lines:
        lineno += 1
        if state == _PAYLOAD:
            stripped = line.strip()
            if not stripped:
                if parts and parts[-1] == "-":
                    continue  # Google Meet: a blank between two speakers of one cue
                if parts or not line.strip("\r\n"):
                    if webvtt:
                        yield from sink.cue(start, end, parts, named)
                    else:
                        held = True
                    state = _BETWEEN
                # else: spaces right under the timing line belong to the cue (YouTube)
            elif "-->" in stripped:  # a new cue with no blank line before it
                yield from sink.cue(start, end, parts, named)
                start, end = cue_timing(line, path, lineno)
                timed = True
                parts = []
                cue_line, cue_chars = lineno, 0
                named = None
            else:
                parts.append(stripped)
                cue_chars += len(stripped)
                if cue_chars > limit:
                    raise too_long("the cue", path, cue_line)
        elif state == _BETWEEN:
            if held:
                stripped = line.strip()
                if not stripped:
                    continue
                if "-->" not in line and not stripped.isdigit():
                    parts.append(stripped)  # speech after a blank line inside the cue
                    continued += 1
                    continue
                yield from sink.cue(start, end, parts, named)
                held = False
            if "-->" in line:
                start, end = cue_timing(line, path, lineno)
                timed = True
                parts = []
                cue_line, cue_chars = lineno, 0
                named = None
                state = _PAYLOAD
                continue
            stripped = line.strip()
            if not stripped:
                continue
            if stripped[0] in "NSR" and stripped.split(None, 1)[0] in _SKIPPED_BLOCKS:
                state = _SKIPPING
            else:
                cue_id = stripped
                state = _AFTER_ID
        elif state == _AFTER_ID:
            if "-->" in line:
                start, end = cue_timing(line, path, lineno)
                timed = True
                parts = []
                cue_line, cue_chars = lineno, 0
                # Zoom's identifiers are numbers and Teams' GUIDs: only one that ends like the
                # quoted form is worth the regex.
                named = quoted_speaker(cue_id) if cue_id[-1] in ')"' else None
                state = _PAYLOAD
            else:
                skipped += 1
                state = _BETWEEN if not line.strip() else _SKIPPING
        elif "-->" in line:  # _SKIPPING: a cue right under the header, no blank line between
            start, end = cue_timing(line, path, lineno)
            timed = True
            parts = []
            cue_line, cue_chars = lineno, 0
            named = None
            state = _PAYLOAD
        elif not line.strip():
            state = _BETWEEN

    if state == _PAYLOAD or held:
        yield from sink.cue(start, end, parts, named)
    elif state == _AFTER_ID:
        skipped += 1
    if not header and not timed:
        # Text with no header and not one "start --> end" line is some other kind of file; a
        # WebVTT file with its header and no cue is a valid, empty transcript.
        kind, example = ("WebVTT", "00:00:01.000") if webvtt else ("SubRip (SRT)", "00:00:01,000")
        raise FormatError(
            f"no cue timing line ({example} --> ...) in the file: not {kind}",
            path=path,
            line=first_line,
        )
    yield from sink.finish()
    notes.extend(sink.notes())
    if skipped:
        notes.append(f"Skipped {plural(skipped, 'block')} with no cue timing line.")
    if continued:
        notes.append(
            f"{plural(continued, 'line')} after a blank line inside a cue "
            f"{'was' if continued == 1 else 'were'} read as part of that cue."
        )


# Google Meet's WebVTT (from Drive) names the speaker on a line of its own, in parentheses, and
# puts two speakers in one cue behind a "-" line:
#
#     00:00:16.000 --> 00:00:20.000
#     (Danyel Fisher)
#     background?
#     -
#     (Dana Bettinger)
#     Safaria wise or lifewise
_PAREN_NAME_RE = re.compile(r"\(([^()<>]{1,60})\)")
_SOUNDS = frozenset(
    "laughs laughter laughing music applause inaudible crosstalk silence coughs cough sighs "
    "chuckles chuckling noise pause unintelligible".split()
)


def _paren_name(part: str) -> str | None:
    match = _PAREN_NAME_RE.fullmatch(part.strip())
    if match is None:
        return None
    name = match.group(1).strip()
    if name.lower() in _SOUNDS or not looks_like_name(name):
        return None
    return sys.intern(name)


def _has_dialogue(parts: list[str]) -> bool:
    return any(part.strip() == "-" for part in parts) or any(
        _paren_name(part) is not None for part in parts[:-1]
    )


def _dialogue_pieces(
    start: float, end: float, parts: list[str]
) -> Iterator[tuple[float, float, list[str], str | None]]:
    """A cue's speakers (a ``(Name)`` line, pieces split at ``-`` lines), each with its share of
    the cue's time by words."""
    pieces: list[tuple[str | None, list[str]]] = [(None, [])]
    for part in parts:
        if part.strip() == "-":
            pieces.append((pieces[-1][0], []))
            continue
        name = _paren_name(part)
        if name is not None:
            pieces[-1] = (name, pieces[-1][1])
        else:
            pieces[-1][1].append(part)
    pieces = [(name, lines) for name, lines in pieces if lines]
    sizes = [max(1, sum(len(line.split()) for line in lines)) for _, lines in pieces]
    total = sum(sizes)
    done = 0
    for (name, lines), size in zip(pieces, sizes, strict=True):
        at = start + (end - start) * done / total
        done += size
        stop = start + (end - start) * done / total
        yield round(at, 3), round(stop, 3), lines, name
