"""TalkBank CHAT transcripts (``.cha``): CHILDES, AphasiaBank, CABank, batchalign output.

::

    @UTF8
    @Begin
    @Participants:	INV Dana Investigator, PAR Alex Participant
    *INV:	so tell me about your last project ? \x1512000_14500\x15
    *PAR:	&-uh we [/] we rebuilt the pipeline . \x1514800_19250\x15
    %mor:	pro|we v|rebuild&PAST det|the n|pipeline .
    @End

What is read:

* each ``*CODE:`` main line is one turn of the speaker ``CODE`` as written (``PAR0``, ``XXG``);
  a line starting with a tab continues the line before it. Codes missing from
  ``@Participants`` are read all the same (HKCanCor's ``XXC``), with a note; the participants'
  names and roles are given in a note, since the turns carry only the codes;
* ``%`` dependent tiers (``%mor``, ``%gra``, ``%wor``...) and headers are not part of the text;
* timing comes from the media bullet ``\\x15start_end\\x15`` (milliseconds) on the main line
  (older ``%snd:"file"_start_end`` bullets too). A file without bullets is untimed. When only
  some utterances have one, each utterance without one is placed, zero seconds long, at the end
  of the utterance before it, and a note says how many;
* the text is what was said, with CHAT's markup taken out: fillers ``&-uh`` are kept as the word
  ``uh`` (twoway counts fillers); repetitions and retracings (``we [/] we``) keep every word
  said; ``[: target]`` replacements, error codes and every other ``[...]`` annotation, scope
  brackets ``< >``, events (``&=laughs``), fragments (``&+fri``), unintelligible ``xxx``/
  ``yyy``/``www``, omitted words (``0is``), pauses (``(.)``, ``(1.5)``, ``#``), word suffixes
  (``@b``, ``@s:spa``), lengthening colons and intonation marks are dropped; compounds
  (``ice+cream``, ``Santa_Claus``) become separate words; ``goin(g)`` reads as ``going``; the
  terminators ``.``, ``?``, ``!`` stay (``+...`` trailing off as ``…``, ``+/?`` as ``?``).
  An utterance left without a word (``0 .``, ``xxx .``) is not a turn.

Why not pylangacq: since 0.20 it is a wrapper around ``rustling``, a 9 MB compiled (Rust)
package, not a small pure-Python one (the last pure-Python release, 0.19.1, pulls in requests,
tabulate and dateutil); it refuses files that CHAT tools do write (a participant without an
``@ID`` line, ``ice+cream@o``: ``ValueError``); and its tokens are made for language-acquisition
research, dropping fillers and repetitions and putting ``[: target]`` forms in place of what was
said, while twoway counts fillers. The line structure of CHAT is simple; this reader streams it,
and reads the largest sample (HKCanCor ``FC-009b_v``, 15 KB) in 0.9 ms, pylangacq in 1.1 ms.
"""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from twoway.errors import FormatError
from twoway.formats._source import strip_bom
from twoway.model import Turn

NAME = "chat"

_BULLET = re.compile("\x15([^\x15]*)\x15")
# Start and end in milliseconds at the end of a bullet. A run of digits is matched only from its
# first digit and at most 15 long: a 40 KB run took 13 s when every digit could start a match,
# and int() refuses strings of over 4,300 digits (15 digits of milliseconds are 30,000 years).
_BULLET_TIMES = re.compile(r"(?<!\d)(\d{1,15})_(\d{1,15})\s*$")
_ANNOTATION = re.compile(r"\[[^\]\[]*\]")  # never scans past the next "[": linear
_PAUSE = re.compile(r"\([0-9.:]*\)|#[0-9_:.]*")
# CHAT and Conversation Analysis marks inside or between words: intonation arrows, overlap
# brackets, prosody; the satellite and tag markers read as commas; compounds (ice+cream,
# Santa_Claus) become words.
_MARKS = str.maketrans(
    {
        **dict.fromkeys("<>↑↓⇗↗→↘⇘∞≋≡∙⌈⌉⌊⌋∆∇⁎⁇°◉▁▔☺♋∲§∾↻‹›⁑⤇⤆∬≈≠ˈˌ^:~()", None),
        "‡": " , ",
        "„": " , ",
        "_": " ",
        "+": " ",
    }
)
_UNINTELLIGIBLE = frozenset(("xxx", "yyy", "www"))
# Tokens that may be markup: starting with & + 0 # ( , holding @, or xxx/yyy/www.
_SPECIAL = re.compile(r"(?<!\S)(?:[&+0#(]\S*|[^\s@]+@\S*|(?:xxx|yyy|www)(?!\S))")
# A token with no letter or digit that is not punctuation to keep (a lone "-", a quote mark).
_NOT_A_WORD = re.compile(r"(?<!\S)[^\w\s.,!?;…]+(?!\S)")
_BEFORE_PUNCTUATION = re.compile(r" ([.,!?;…])(?!\S)")  # on single-spaced text: linear
_ALNUM = re.compile(r"[^\W_]")


@dataclass
class _Utterance:
    speaker: str
    line: int
    text: str
    start_ms: int | None
    end_ms: int | None


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """The main-tier utterances of a CHAT file as turns (see the module docstring)."""
    lines = io.StringIO(strip_bom(source), newline=None) if isinstance(source, str) else source
    return _parse(iter(lines), path, notes if notes is not None else [])


def _parse(lines: Iterator[str], path: str, notes: list[str]) -> Iterator[Turn]:
    participants: dict[str, str] = {}
    utterances: list[_Utterance] = []
    for lineno, code, body in _logical_lines(lines):
        if code == "@Participants":
            participants.update(_participants(body))
        elif code.startswith("*"):
            utterances.append(_utterance(code[1:], body, lineno, path))
        elif code == "@End":
            break
    if not utterances and not participants:
        raise FormatError("no '*CODE:' utterance line and no @Participants: not CHAT", path=path)
    _note_speakers(participants, utterances, notes)
    spoken = [u for u in utterances if u.text]
    if len(spoken) < len(utterances):
        skipped = len(utterances) - len(spoken)
        notes.append(
            f"{skipped} utterance{'s' if skipped != 1 else ''} with no words (xxx, actions) "
            f"{'were' if skipped != 1 else 'was'} not read."
        )
    yield from _turns(spoken, notes)


def _logical_lines(lines: Iterator[str]) -> Iterator[tuple[int, str, str]]:
    """``(line number, code, text)`` per header, main or dependent line, continuations joined.

    The code is the part before the first colon (``@Participants``, ``*PAR``, ``%mor``) or the
    whole line for headers without one (``@Begin``, ``@End``).
    """
    pending: tuple[int, str, list[str]] | None = None
    for lineno, raw in enumerate(lines, 1):
        line = raw.rstrip("\r\n")
        if line.startswith("\t") and pending is not None:
            pending[2].append(line.strip())
            continue
        if pending is not None:
            yield pending[0], pending[1], " ".join(pending[2])
            pending = None
        if line.startswith(("@", "*", "%")):
            code, colon, body = line.partition(":")
            if not colon:
                code, body = line.strip(), ""
            pending = (lineno, code.strip(), [body.strip()])
        # Other lines (blank lines, stray text) belong to no tier.
    if pending is not None:
        yield pending[0], pending[1], " ".join(pending[2])


def _participants(body: str) -> dict[str, str]:
    """``{"XXG": "G, Adult"}`` from ``XXG G Adult , XXF F Adult``."""
    found: dict[str, str] = {}
    for entry in body.split(","):
        fields = entry.split()
        if fields:
            found[sys.intern(fields[0])] = ", ".join(
                field.replace("_", " ") for field in fields[1:]
            )
    return found


def _utterance(speaker: str, body: str, lineno: int, path: str) -> _Utterance:
    if not speaker or speaker != speaker.strip() or " " in speaker:
        raise FormatError(
            f"bad speaker code {speaker!r} in a '*CODE:' line", path=path, line=lineno
        )
    start_ms: int | None = None
    end_ms: int | None = None
    for match in _BULLET.finditer(body):
        times = _BULLET_TIMES.search(match.group(1))
        if times is None:
            continue  # a bullet that is not a media time (a picture, a link)
        start, end = int(times.group(1)), int(times.group(2))
        if end < start:
            raise FormatError(
                f"media bullet {match.group(1)!r} ends before it starts", path=path, line=lineno
            )
        start_ms = start if start_ms is None else min(start_ms, start)
        end_ms = end if end_ms is None else max(end_ms, end)
    text = clean_text(_BULLET.sub(" ", body))
    return _Utterance(sys.intern(speaker), lineno, text, start_ms, end_ms)


def clean_text(main_tier: str) -> str:
    """What was said on a CHAT main line, markup taken out (see the module docstring).

    Each step is one regex or ``translate`` pass over the line; only the tokens that carry
    markup (``&-uh``, ``+...``, ``0is``, ``(.)``, ``word@s``) reach Python code.

    >>> clean_text("&-uh I [/] I want [: wanted] the goin(g) &=laughs xxx <big dog> [//] cat")
    'uh I I want the going big dog cat'
    >>> clean_text("it's a cat@b +...")
    "it's a cat…"
    >>> clean_text("the dog+house is ice+cream , isn't it ‡ Mommy ? [+ bch]")
    "the dog house is ice cream, isn't it, Mommy?"
    """
    text = _ANNOTATION.sub(" ", main_tier)
    text = _SPECIAL.sub(_special, text)
    text = text.translate(_MARKS)
    text = _NOT_A_WORD.sub(" ", text)
    text = _BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))
    return text if _ALNUM.search(text) else ""


def _special(match: re.Match[str]) -> str:
    token = match.group()
    at = token.find("@")
    if at > 0:
        token = token[:at]  # word@s:spa, uh@fp: the word
    first = token[:1]
    if first == "+":
        return _terminator(token)
    if first == "&":
        return token[2:] if token.startswith("&-") else ""  # &-uh is said; &=laughs is not
    if token in _UNINTELLIGIBLE or _PAUSE.fullmatch(token):
        return ""
    if first == "0" and (len(token) == 1 or not token[1].isdigit()):
        return ""  # an omitted word (0is), or 0 for an utterance of actions only
    return token


def _terminator(token: str) -> str:
    """``+...`` → ``…``, ``+/?`` → ``?``; linkers that start a line (``+<``, ``++``) → ``""``."""
    if token in ('+"/.', '+".'):
        return "."
    if "?" in token:
        return "?"
    if "!" in token:
        return "!"
    if token.endswith("."):
        return "…"
    return ""


def _note_speakers(
    participants: dict[str, str], utterances: list[_Utterance], notes: list[str]
) -> None:
    described = [f"{code} ({about})" for code, about in participants.items() if about]
    if described:
        notes.append(f"Speakers are CHAT codes; @Participants: {'; '.join(described)}.")
    undeclared = sorted({u.speaker for u in utterances} - participants.keys())
    if participants and undeclared:
        notes.append(
            f"Speaker code{'s' if len(undeclared) > 1 else ''} {', '.join(undeclared)} "
            "not declared in @Participants; read as written."
        )


def _turns(utterances: list[_Utterance], notes: list[str]) -> Iterator[Turn]:
    timed = sum(1 for u in utterances if u.start_ms is not None)
    if not timed:
        for u in utterances:
            yield Turn(u.speaker, None, None, u.text)
        return
    if timed < len(utterances):
        untimed = len(utterances) - timed
        notes.append(
            f"{untimed} of {len(utterances)} utterances {'have' if untimed != 1 else 'has'} no "
            "media bullet; each was placed, zero seconds long, at the end of the utterance "
            "before it."
        )
    previous_end_ms = 0
    for u in utterances:
        if u.start_ms is None or u.end_ms is None:
            yield Turn(u.speaker, previous_end_ms / 1000, previous_end_ms / 1000, u.text)
            continue
        previous_end_ms = u.end_ms
        yield Turn(u.speaker, u.start_ms / 1000, u.end_ms / 1000, u.text)
