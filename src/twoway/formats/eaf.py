"""ELAN annotation documents (``.eaf``): linguists' and sign-language corpora, pympi output.

::

    <ANNOTATION_DOCUMENT ...>
      <HEADER TIME_UNITS="milliseconds"/>
      <TIME_ORDER><TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1200"/>...</TIME_ORDER>
      <TIER TIER_ID="Dana" PARTICIPANT="Dana" LINGUISTIC_TYPE_REF="utterance">
        <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1"
            TIME_SLOT_REF2="ts2"><ANNOTATION_VALUE>Hi.</ANNOTATION_VALUE>...

An EAF file holds several tiers per person: the transcription, and tiers that depend on it
(words, morphemes, glosses, translations, comments). Only one of them is what the person said, so
the reader picks one tier per speaker:

* **the speaker of a tier** is its ``PARTICIPANT`` attribute; without one, the speaker of its
  parent tier; for a top-level tier without one, the tier name less a word that names the tier's
  kind: ``P-Spch`` → ``P``, ``tx@A`` → ``A`` (the ``type@speaker`` convention of Toolbox
  imports), ``Tolk S1`` → ``S1``. A name that is only such a word (``default``,
  ``Transcription``) is an unknown speaker; any other name is the speaker (``speaker_a``);
* **the kind of a tier** comes from the words of its name and of its linguistic type:
  translation (``translation``, ``ft``, ``Übersetzung``, ``Tolk``, ``Interpreter``...), gloss
  (``gloss``, ``GlosL``, ``morph``...), not speech at all (comments, remarks, notes, reference
  numbers like Toolbox's ``ref@A``, and pympi's floor-transfer tier ``<a>_<b>_ftos``), or
  else transcription;
* **the chosen tier** of a speaker is its transcription tier, else its translation tier, else
  its gloss tier; a top-level tier before a dependent one, then the first in the file. So
  interlinear files read their utterance tier (poio's ``P-Spch``, not ``P-Word`` or
  ``P-Trans``), and sign-language files, which transcribe no speech, read the spoken-language
  translation of what was signed (Corpus NGT's ``Tolk S1``), with a note saying so: a gloss
  tier holds sign labels (``INDEX-1``), not words.

Each annotation of the chosen tier is a turn. A symbolic dependent tier (``REF_ANNOTATION``) takes
the times of the time-aligned annotation it hangs from; its annotations under one parent are
joined into one turn. Annotations may come in any order (pympi writes them so); turns are sorted.
Unaligned time slots (no ``TIME_VALUE``) are placed evenly between their aligned neighbours in
``TIME_ORDER``. ``TIME_UNITS`` is milliseconds when absent, as ELAN assumes.

Why not pympi-ling (``pympi.Elan.Eaf``): it opens only a file path, while twoway's readers get
decoded text (standard input, the web app's uploads); it raises a bare ``Exception`` without a
position for malformed XML and ``KeyError``/``IndexError`` for a missing attribute or value; and it
warns on EAF 2.6, the version of two of the three sample files. Its parser is ElementTree with no
schema check; this reader uses the same expat parser directly, streaming, with line numbers in
its errors and XML entity declarations refused (no entity-expansion bombs). On the largest
sample (``poio_turkish.eaf``, 77 KB) it takes 1.25 ms to turns, ``pympi.Elan.Eaf`` 1.0 ms to
its dictionaries (best of 7 runs).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from twoway.errors import FormatError
from twoway.formats import _limits
from twoway.formats._source import text_blocks
from twoway.model import Turn

NAME = "eaf"

# Time units per second (NTSC: 30000/1001 frames a second). Dividing keeps 7632 ms at 7.632 s.
_UNITS_PER_S = {"milliseconds": 1000.0, "pal-frames": 25.0, "ntsc-frames": 30000 / 1001}

# Words of tier names and linguistic types. Matching is on whole words (letters only).
_SPEECH_WORDS = frozenset(
    "spch speech utterance utterances utt utts tx text transcription transcript trs orth ortho "
    "orthography words word default äußerung clause clauses sentence sentences phrase phrases "
    "segment segments ipu ipus".split()
)
_TRANSLATION_WORDS = frozenset(
    "translation translations trans ft fte tolk interpreter übersetzung traduction traducción "
    "vertaling".split()
)
_GLOSS_WORDS = frozenset("morph morphs morpheme morphemes mb ge gl ps pos".split())
_SKIP_WORDS = frozenset(
    "comment comments remark remarks note notes opmerkingen opmerking kommentar ref id ftos "
    "fto event events gesture gestures motion motions action actions activity meta context topic "
    "topics section sections phase phases".split()
)
_TRANSCRIPTION, _TRANSLATION, _GLOSS, _SKIP = 0, 1, 2, 3
_KIND_NAMES = {_TRANSLATION: "translation", _GLOSS: "gloss"}
_WORD = re.compile(r"[^\W\d_]+")
_NAME_PART = re.compile(r"\s*[-_\s]\s*")
_MAX_REF_DEPTH = 64  # dependent-tier chains are a few levels deep; a loop is an error


@dataclass
class _Annotation:
    ident: str
    line: int
    value: str
    slots: tuple[str, str] | None = None  # time-aligned
    parent: str | None = None  # symbolic: the ANNOTATION_REF


@dataclass
class _Tier:
    name: str
    participant: str
    type_ref: str
    parent: str | None
    order: int
    annotations: list[_Annotation] = field(default_factory=list)


@dataclass
class _Document:
    root: str | None = None
    time_units: str = "milliseconds"
    slots: list[tuple[str, float | None]] = field(default_factory=list)
    tiers: list[_Tier] = field(default_factory=list)


def parse(
    source: str | Iterable[str], *, path: str = "<string>", notes: list[str] | None = None
) -> Iterator[Turn]:
    """One tier per speaker of an ELAN file as turns (see the module docstring)."""
    return _parse(text_blocks(source), path, notes if notes is not None else [])


def _parse(chunks: Iterable[str], path: str, notes: list[str]) -> Iterator[Turn]:
    doc = _read(chunks, path)
    seconds = _slot_seconds(doc, path)
    tiers = {tier.name: tier for tier in doc.tiers}
    chosen = _choose_tiers(doc, tiers)
    _note_choice(doc, chosen, notes)
    aligned = {
        annotation.ident: annotation
        for tier in doc.tiers
        for annotation in tier.annotations
        if annotation.slots is not None
    }
    parents = {
        annotation.ident: annotation.parent
        for tier in doc.tiers
        for annotation in tier.annotations
        if annotation.parent is not None
    }
    turns: list[Turn] = []
    for speaker, tier, _ in chosen:
        turns.extend(_tier_turns(speaker, tier, seconds, aligned, parents, path))
    turns.sort(key=lambda turn: turn.start or 0.0)
    yield from turns


# Reading the XML -----------------------------------------------------------------------------


class _Handler:
    """expat callbacks that collect the document's header, time slots, tiers and annotations.

    Character data is collected only inside ``ANNOTATION_VALUE`` (the handler is set and unset
    there), so the white space between elements costs no Python call.
    """

    def __init__(self, parser: Any, path: str) -> None:
        self.parser = parser
        self.path = path
        self.doc = _Document()
        self.tier: _Tier | None = None
        self.annotation: _Annotation | None = None
        self.text: list[str] = []
        self.text_chars = 0
        self._starts: dict[str, Callable[[dict[str, str]], None]] = {
            "ANNOTATION_VALUE": self._value,
            "ALIGNABLE_ANNOTATION": self._alignable,
            "REF_ANNOTATION": self._ref,
            "TIME_SLOT": self._time_slot,
            "TIER": self._tier,
            "HEADER": self._header,
        }

    def error(self, message: str) -> FormatError:
        return FormatError(message, path=self.path, line=self.parser.CurrentLineNumber)

    def need(self, attrs: dict[str, str], name: str, element: str) -> str:
        value = attrs.get(name)
        if value is None:
            raise self.error(f"<{element}> without {name}")
        return value

    def start(self, element: str, attrs: dict[str, str]) -> None:
        if self.doc.root is None:
            self.doc.root = element
            if element != "ANNOTATION_DOCUMENT":
                raise self.error(
                    f"the XML root is <{element}>, not <ANNOTATION_DOCUMENT>: not an ELAN file"
                )
        handle = self._starts.get(element)
        if handle is not None:
            handle(attrs)

    def _value(self, attrs: dict[str, str]) -> None:
        self.text = []
        self.text_chars = 0
        self.parser.CharacterDataHandler = self._text

    def _text(self, data: str) -> None:
        self.text.append(data)
        self.text_chars += len(data)
        if self.text_chars > _limits.MAX_TEXT_CHARS:
            line = self.annotation.line if self.annotation is not None else None
            raise _limits.too_long("the text of an annotation", self.path, line)

    def _alignable(self, attrs: dict[str, str]) -> None:
        element = "ALIGNABLE_ANNOTATION"
        self.annotation = _Annotation(
            self.need(attrs, "ANNOTATION_ID", element),
            self.parser.CurrentLineNumber,
            "",
            slots=(
                self.need(attrs, "TIME_SLOT_REF1", element),
                self.need(attrs, "TIME_SLOT_REF2", element),
            ),
        )

    def _ref(self, attrs: dict[str, str]) -> None:
        element = "REF_ANNOTATION"
        self.annotation = _Annotation(
            self.need(attrs, "ANNOTATION_ID", element),
            self.parser.CurrentLineNumber,
            "",
            parent=self.need(attrs, "ANNOTATION_REF", element),
        )

    def _time_slot(self, attrs: dict[str, str]) -> None:
        ident = self.need(attrs, "TIME_SLOT_ID", "TIME_SLOT")
        raw = attrs.get("TIME_VALUE")
        value: float | None = None
        if raw is not None and raw.strip():
            try:
                value = float(raw)
            except ValueError:
                value = -1.0
            if not 0 <= value < math.inf:
                raise self.error(f"bad TIME_VALUE {raw!r} (expected a time, 0 or more)")
        self.doc.slots.append((ident, value))

    def _tier(self, attrs: dict[str, str]) -> None:
        self.tier = _Tier(
            self.need(attrs, "TIER_ID", "TIER"),
            attrs.get("PARTICIPANT", "").strip(),
            attrs.get("LINGUISTIC_TYPE_REF", ""),
            attrs.get("PARENT_REF"),
            len(self.doc.tiers),
        )
        self.doc.tiers.append(self.tier)

    def _header(self, attrs: dict[str, str]) -> None:
        self.doc.time_units = attrs.get("TIME_UNITS", "").strip() or "milliseconds"

    def end(self, element: str) -> None:
        if element == "ANNOTATION_VALUE":
            self.parser.CharacterDataHandler = None
            if self.annotation is not None:
                self.annotation.value = "".join(self.text)
        elif element in ("ALIGNABLE_ANNOTATION", "REF_ANNOTATION"):
            if self.annotation is not None and self.tier is not None:
                self.tier.annotations.append(self.annotation)
            self.annotation = None
        elif element == "TIER":
            self.tier = None

    def entity(self, *_: object) -> None:
        raise self.error("XML entity declarations are not allowed in an ELAN file")


def _read(chunks: Iterable[str], path: str) -> _Document:
    from xml.parsers import expat  # only when an ELAN file is read

    parser = expat.ParserCreate()
    handler = _Handler(parser, path)
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.EntityDeclHandler = handler.entity
    parser.buffer_text = True
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse("", True)
    except expat.ExpatError as exc:
        raise FormatError(
            f"not well-formed XML: {expat.ErrorString(exc.code)} (column {exc.offset + 1})",
            path=path,
            line=exc.lineno,
        ) from exc
    if handler.doc.root is None:
        raise FormatError("no XML element in the file: not an ELAN file", path=path)
    return handler.doc


# Times ---------------------------------------------------------------------------------------


def _slot_seconds(doc: _Document, path: str) -> dict[str, float]:
    """Each time slot in seconds; unaligned slots spread evenly between aligned neighbours."""
    per_s = _UNITS_PER_S.get(doc.time_units.lower())
    if per_s is None:
        raise FormatError(
            f"TIME_UNITS {doc.time_units!r}: expected milliseconds, PAL-frames or NTSC-frames",
            path=path,
        )
    values = [value for _, value in doc.slots]
    known = [index for index, value in enumerate(values) if value is not None]
    if values and not known:
        raise FormatError("no TIME_SLOT has a TIME_VALUE: the file has no timing", path=path)
    filled: list[float] = [0.0] * len(values)
    if known:  # else there are no slots at all
        for index in known:
            filled[index] = values[index] or 0.0
        for before, after in zip([-1, *known], [*known, len(values)], strict=True):
            low = filled[before] if before >= 0 else filled[after]
            high = filled[after] if after < len(values) else low
            gap = after - before
            for index in range(before + 1, after):
                filled[index] = low + (high - low) * (index - before) / gap
    return {ident: value / per_s for (ident, _), value in zip(doc.slots, filled, strict=True)}


# Choosing the tiers --------------------------------------------------------------------------


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def _kind(tier: _Tier) -> int:
    if _words(tier.name) & _SPEECH_WORDS:  # the tier's own name first: "Clause Transcript"
        return _TRANSCRIPTION  # is speech even when its linguistic type is called "Motion"
    words = _words(tier.name) | _words(tier.type_ref)
    if words & _SKIP_WORDS:
        return _SKIP
    if words & _TRANSLATION_WORDS:
        return _TRANSLATION
    if words & _GLOSS_WORDS or any(word.startswith("glos") for word in words):
        return _GLOSS
    return _TRANSCRIPTION


def _name_speaker(name: str) -> str | None:
    """The speaker a tier name gives: ``P-Spch`` → ``P``, ``tx@A`` → ``A``, ``default`` → None.

    >>> _name_speaker("P-Spch"), _name_speaker("Tolk S1"), _name_speaker("speaker_a")
    ('P', 'S1', 'speaker_a')
    """
    stripped = name.strip()
    if "@" in stripped:
        after = stripped.rsplit("@", 1)[1].strip()
        if after:
            return after
    parts = [part for part in _NAME_PART.split(stripped) if part]
    kept = [part for part in parts if not _kind_word(part.lower())]
    if len(kept) == len(parts):
        return stripped or None
    return " ".join(kept) or None


def _kind_word(word: str) -> bool:
    return (
        word in _SPEECH_WORDS
        or word in _TRANSLATION_WORDS
        or word in _GLOSS_WORDS
        or word in _SKIP_WORDS
        or word.startswith("glos")
    )


def _speaker(tier: _Tier, tiers: dict[str, _Tier]) -> tuple[str | None, int]:
    """The tier's speaker (its own PARTICIPANT or an ancestor's) and its depth below the top."""
    chain = [tier]
    while chain[-1].parent in tiers and len(chain) <= _MAX_REF_DEPTH:
        chain.append(tiers[chain[-1].parent])
    for ancestor in chain:
        if ancestor.participant:
            return ancestor.participant, len(chain) - 1
    return _name_speaker(chain[-1].name), len(chain) - 1


def _choose_tiers(doc: _Document, tiers: dict[str, _Tier]) -> list[tuple[str | None, _Tier, int]]:
    """Per speaker (in order of first tier), the tier that holds what they said, and its kind."""
    best: dict[str | None, tuple[tuple[int, int, int], _Tier, int]] = {}
    for tier in doc.tiers:
        if not any(annotation.value.strip() for annotation in tier.annotations):
            continue
        kind = _kind(tier)
        if kind == _SKIP:
            continue
        speaker, depth = _speaker(tier, tiers)
        rank = (kind, depth, tier.order)
        if speaker not in best or rank < best[speaker][0]:
            best[speaker] = (rank, tier, kind)
    return [(speaker, tier, kind) for speaker, (_, tier, kind) in best.items()]


def _note_choice(
    doc: _Document, chosen: list[tuple[str | None, _Tier, int]], notes: list[str]
) -> None:
    read = {tier.name for _, tier, _ in chosen}
    unread = [repr(tier.name) for tier in doc.tiers if tier.name not in read]
    if unread:
        shown = ", ".join(unread[:6]) + (f" and {len(unread) - 6} more" if len(unread) > 6 else "")
        notes.append(
            f"Tiers read: {', '.join(repr(tier.name) for _, tier, _ in chosen) or 'none'}; "
            f"not read: {shown} (translations, glosses, comments, a second tier of a "
            "speaker, or empty)."
        )
    for kind, what in _KIND_NAMES.items():
        of_kind = [(speaker, tier) for speaker, tier, tier_kind in chosen if tier_kind == kind]
        if of_kind:
            speakers = ", ".join(speaker or "the unknown speaker" for speaker, _ in of_kind)
            tiers = ", ".join(repr(tier.name) for _, tier in of_kind)
            notes.append(
                f"No transcription tier for {speakers}: their {what} tiers ({tiers}) "
                "were read as their words."
            )


# Turns ---------------------------------------------------------------------------------------


def _tier_turns(
    speaker: str | None,
    tier: _Tier,
    seconds: dict[str, float],
    aligned: dict[str, _Annotation],
    parents: dict[str, str],
    path: str,
) -> Iterator[Turn]:
    groups: dict[str, list[str]] = {}
    for annotation in tier.annotations:
        anchor = _anchor(annotation, aligned, parents, path)
        groups.setdefault(anchor.ident, []).append(annotation.value)
    for ident, values in groups.items():
        text = " ".join(" ".join(values).split())
        if not text:
            continue
        anchor = aligned[ident]
        assert anchor.slots is not None  # aligned annotations only
        start, end = (_slot(seconds, slot, anchor, path) for slot in anchor.slots)
        yield Turn(speaker, min(start, end), max(start, end), text)


def _anchor(
    annotation: _Annotation,
    aligned: dict[str, _Annotation],
    parents: dict[str, str],
    path: str,
) -> _Annotation:
    """The time-aligned annotation that ``annotation`` is, or hangs from."""
    current: str | None = annotation.ident
    for _ in range(_MAX_REF_DEPTH):
        if current is None:
            break
        if current in aligned:
            return aligned[current]
        current = parents.get(current)
    raise FormatError(
        f"annotation {annotation.ident!r} refers to no time-aligned annotation "
        f"(ANNOTATION_REF {annotation.parent!r})",
        path=path,
        line=annotation.line,
    )


def _slot(seconds: dict[str, float], slot: str, annotation: _Annotation, path: str) -> float:
    value = seconds.get(slot)
    if value is None:
        raise FormatError(
            f"annotation {annotation.ident!r} refers to time slot {slot!r}, "
            "which TIME_ORDER does not define",
            path=path,
            line=annotation.line,
        )
    return value
