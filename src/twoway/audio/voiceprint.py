"""Voiceprints: recognize "me" in a recording by voice.

``twoway voice enroll --me Alex sample.wav`` stores the mean resemblyzer embedding of the sample's
speech as ``<data dir>/voiceprints/Alex.npy`` (256 float32 numbers) with ``Alex.json`` beside it
(name, when, from which file, how much speech, which encoder). The data dir is
``platformdirs.user_data_dir("twoway")`` unless ``TWOWAY_DATA_DIR`` names another.

When a recording is analyzed, each speaker's mean embedding is compared with every voiceprint by
cosine similarity; the best pairs at or above ``MATCH_THRESHOLD`` are matched (each voiceprint to
at most one speaker, each speaker to at most one voiceprint) and the speaker takes the voiceprint's
name. A voiceprint is a summary of a voice, not a recording: it cannot be played back.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from twoway.errors import InputError, UsageError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float32]

MATCH_THRESHOLD = 0.80
"""Cosine similarity at which a speaker is taken to be a voiceprint's owner (see docs/audio.md)."""
MIN_ENROLL_SPEECH_S = 5.0
"""Less speech than this gives an unreliable voiceprint: enrollment refuses it."""
ENCODER = "resemblyzer-0.1.4-voice-encoder"
_NAME = re.compile(r"^[\w][\w .'-]{0,63}$")


def data_dir() -> Path:
    """Where twoway keeps its data: ``TWOWAY_DATA_DIR`` or the platform's user data dir."""
    override = os.environ.get("TWOWAY_DATA_DIR")
    if override:
        return Path(override)
    try:
        import platformdirs
    except ImportError:
        from twoway.errors import MissingExtraError

        raise MissingExtraError("voiceprints", "audio", "platformdirs") from None
    return Path(platformdirs.user_data_dir("twoway"))


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
