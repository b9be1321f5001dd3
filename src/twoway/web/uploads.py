"""Uploads waiting for "who are you?": a private temporary folder, keyed by random ids.

An upload is copied to a file with a generated name (its extension kept only when it is one
twoway knows, since the readers use it as a hint); the name the browser sent is kept only as
text, to show and to save as the conversation's source, and never becomes a path. Uploads
expire after ``ttl_s`` and are deleted with the folder when the server stops.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from twoway.model import Conversation

_ID = re.compile(r"[A-Za-z0-9_-]{20,64}")
_CHUNK = 1024 * 1024


def display_name(filename: str | None, default: str = "transcript.txt") -> str:
    """The last part of a browser-sent file name, for display only.

    >>> display_name("C:\\\\Users\\\\alex\\\\interview.vtt"), display_name("../../etc/passwd")
    ('interview.vtt', 'passwd')
    """
    if not filename:
        return default
    name = PurePosixPath(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    if name in ("", ".", ".."):
        return default
    return name[:120]


def _suffix(name: str) -> str:
    from twoway.audio import AUDIO_EXTENSIONS
    from twoway.formats import TRANSCRIPT_EXTENSIONS

    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix in TRANSCRIPT_EXTENSIONS or suffix in AUDIO_EXTENSIONS else ""


@dataclass
class Upload:
    """One uploaded file; ``conversation`` caches what was read from it (per mode, for audio)."""

    id: str
    path: Path
    name: str
    created: float
    mode: str = "interview"
    conversation: Conversation | None = None
    me_guess: str | None = None
    asr: bool = False  # a recording: transcribe it offline (``twoway analyze --asr``)
    # A recording is read in the background (``reading.start_reading``): set when that is done,
    # with what went wrong, if anything, and meanwhile the stage it is at.
    ready: threading.Event | None = None
    failure: Exception | None = None
    stage: str = ""


class UploadArea:
    """The private folder (mode 0700) where uploads wait, with their expiry."""

    def __init__(
        self,
        root: Path | None = None,
        ttl_s: float = 3600.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="twoway-uploads-", dir=root))
        self.ttl_s = ttl_s
        self._clock = clock
        self._uploads: dict[str, Upload] = {}
        self._lock = threading.Lock()

    def add(self, stream: IO[bytes], filename: str | None, *, mode: str = "interview") -> Upload:
        """Copy ``stream`` into the area under a new random id."""
        self.sweep()
        upload_id = secrets.token_urlsafe(24)
        name = display_name(filename)
        path = self.folder / f"{upload_id}{_suffix(name)}"
        with path.open("xb") as out:
            shutil.copyfileobj(stream, out, _CHUNK)
        upload = Upload(upload_id, path, name, self._clock(), mode)
        with self._lock:
            self._uploads[upload_id] = upload
        return upload

    def add_text(self, text: str, *, mode: str = "interview") -> Upload:
        """A pasted transcript, kept like a file (so the same reader reads it)."""
        import io

        return self.add(io.BytesIO(text.encode("utf-8")), "pasted transcript.txt", mode=mode)

    def get(self, upload_id: str) -> Upload | None:
        """The upload, or ``None`` when the id is unknown, malformed or expired."""
        if not _ID.fullmatch(upload_id):
            return None
        self.sweep()
        with self._lock:
            return self._uploads.get(upload_id)

    def discard(self, upload_id: str) -> None:
        with self._lock:
            upload = self._uploads.pop(upload_id, None)
        if upload is not None:
            upload.path.unlink(missing_ok=True)

    def sweep(self) -> None:
        """Delete the uploads older than ``ttl_s``."""
        now = self._clock()
        with self._lock:
            old = [u for u in self._uploads.values() if now - u.created > self.ttl_s]
            for upload in old:
                del self._uploads[upload.id]
        for upload in old:
            upload.path.unlink(missing_ok=True)

    def close(self) -> None:
        with self._lock:
            self._uploads.clear()
        shutil.rmtree(self.folder, ignore_errors=True)
