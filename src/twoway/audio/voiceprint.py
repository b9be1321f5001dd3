"""Voiceprints: recognize "me" in a recording by voice.

``twoway voice enroll --me Alex sample.wav`` stores the mean resemblyzer embedding of the sample's
speech as ``<data dir>/voiceprints/Alex.npy`` (256 float32 numbers) with ``Alex.json`` beside it
(name, when, from which file, how much speech, which encoder). The data dir is the store's
(``twoway.store.config.data_dir``: ``TWOWAY_DATA_DIR``, else the platform's user data folder).

When a recording is analyzed, each speaker's mean embedding is compared with every voiceprint by
cosine similarity; the best pairs at or above ``MATCH_THRESHOLD`` are matched (each voiceprint to
at most one speaker, each speaker to at most one voiceprint) and the speaker takes the voiceprint's
name. A voiceprint is a summary of a voice, not a recording: it cannot be played back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from twoway.errors import InputError, UsageError
from twoway.store.config import data_dir

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from twoway.audio.features import ProgressFn

    Floats = npt.NDArray[np.float32]

MATCH_THRESHOLD = 0.80
"""Cosine similarity at which a speaker is taken to be a voiceprint's owner (see docs/audio.md)."""
MIN_ENROLL_SPEECH_S = 5.0
"""Less speech than this gives an unreliable voiceprint: enrollment refuses it."""
ENCODER = "resemblyzer-0.1.4-voice-encoder"
_NAME = re.compile(r"^[\w][\w .'-]{0,63}$")


def voiceprint_dir() -> Path:
    return data_dir() / "voiceprints"


@dataclass(frozen=True)
class Voiceprint:
    name: str
    embedding: Floats
    created: str
    source: str
    speech_s: float


def _check_name(name: str) -> str:
    name = name.strip()
    if not _NAME.match(name):
        raise UsageError(
            f"a voiceprint name is letters, digits, spaces, '.', \"'\" or '-' (at most 64): "
            f"{name!r}"
        )
    return name


def save(name: str, embedding: Floats, *, source: str, speech_s: float) -> Path:
    """Store a voiceprint (replacing one of the same name); returns the ``.npy`` path."""
    import numpy as np

    name = _check_name(name)
    folder = voiceprint_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.npy"
    np.save(target, embedding.astype(np.float32))
    meta = {
        "name": name,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "source": Path(source).name,
        "speech_s": round(speech_s, 1),
        "encoder": ENCODER,
        "dimensions": int(embedding.shape[0]),
    }
    (folder / f"{name}.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return target


@dataclass(frozen=True)
class Enrolled:
    """A voiceprint just stored by ``enroll``."""

    path: Path
    """The ``.npy`` file."""
    speech_s: float
    """The speech it was made from (20 s or more gives the surest matches)."""


def enroll(
    name: str, recording: str, *, progress: ProgressFn | None = None, vad: str = "auto"
) -> Enrolled:
    """Store ``name``'s voiceprint from ``recording`` (that person speaking alone).

    The voiceprint is the mean voice embedding of the recording's speech (diarize extra).
    Raises ``InputError`` for less than ``MIN_ENROLL_SPEECH_S`` of speech.
    """
    import numpy as np

    from twoway.audio.diarize import embed_partials, level_mels, mean_embedding, require_diarize
    from twoway.audio.features import FRAME_S, analyze_file
    from twoway.audio.vad import speech_mask

    require_diarize("voiceprints")
    features = analyze_file(recording, vad, True, mono=True, progress=progress, label=recording)[0]
    mask = speech_mask(features.speech_prob, FRAME_S)
    speech_s = float(mask.sum()) * FRAME_S
    if speech_s < MIN_ENROLL_SPEECH_S:
        raise InputError(
            f"only {speech_s:.1f} s of speech; a voiceprint needs at least "
            f"{MIN_ENROLL_SPEECH_S:g} s (20 s or more is best)",
            path=recording,
        )
    assert features.mels is not None
    mels = level_mels(features.mels, features.energy_db, mask)[mask]
    partials, _ = embed_partials(mels)
    embedding = mean_embedding(partials).astype(np.float32)
    return Enrolled(save(name, embedding, source=recording, speech_s=speech_s), speech_s)


def load_all() -> list[Voiceprint]:
    """Every stored voiceprint, by name; unreadable ones are an ``InputError``."""
    import numpy as np

    folder = voiceprint_dir()
    if not folder.is_dir():
        return []
    prints: list[Voiceprint] = []
    for path in sorted(folder.glob("*.npy")):
        meta_path = path.with_suffix(".json")
        try:
            embedding = np.load(path, allow_pickle=False).astype(np.float32)
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        except (OSError, ValueError) as exc:
            raise InputError(f"unreadable voiceprint ({exc})", path=str(path)) from exc
        if embedding.shape != (256,):
            raise InputError("not a twoway voiceprint (expected 256 numbers)", path=str(path))
        prints.append(
            Voiceprint(
                name=str(meta.get("name", path.stem)),
                embedding=embedding,
                created=str(meta.get("created", "")),
                source=str(meta.get("source", "")),
                speech_s=float(meta.get("speech_s", 0.0)),
            )
        )
    return prints


def delete(name: str) -> bool:
    """Remove a voiceprint; False when there was none of that name."""
    name = _check_name(name)
    folder = voiceprint_dir()
    found = False
    for suffix in (".npy", ".json"):
        path = folder / f"{name}{suffix}"
        if path.exists():
            path.unlink()
            found = True
    return found


@dataclass(frozen=True)
class Match:
    speaker: int
    name: str
    similarity: float


def match(
    speaker_embeddings: Floats, prints: list[Voiceprint], threshold: float = MATCH_THRESHOLD
) -> tuple[list[Match], list[tuple[int, str, float]]]:
    """Pair speakers with voiceprints, best similarity first, each used once.

    Returns the matches at or above ``threshold`` and, for the notes, the best similarity each
    voiceprint reached (``(speaker, name, similarity)``) when it stayed below.
    """
    import numpy as np

    if not prints or not len(speaker_embeddings):
        return [], []
    table = speaker_embeddings @ np.stack([p.embedding for p in prints]).T
    pairs = sorted(
        ((float(table[s, v]), s, v) for s in range(table.shape[0]) for v in range(table.shape[1])),
        reverse=True,
    )
    matches: list[Match] = []
    used_speakers: set[int] = set()
    used_prints: set[int] = set()
    for similarity, s, v in pairs:
        if similarity < threshold or s in used_speakers or v in used_prints:
            continue
        matches.append(Match(s, prints[v].name, round(similarity, 2)))
        used_speakers.add(s)
        used_prints.add(v)
    misses = [
        (int(np.argmax(table[:, v])), prints[v].name, round(float(table[:, v].max()), 2))
        for v in range(len(prints))
        if v not in used_prints
    ]
    return matches, misses
