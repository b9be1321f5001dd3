"""Turning ``INPUTS...`` and ``--me-map`` into the list of files to analyze.

Folders are walked recursively (symbolic links to folders are followed once: a link back up the
tree is reported, not followed forever); globs are expanded (``**`` included); fsspec URLs
(``s3://bucket/prefix/``, ``gs://...``, ``file://...``) are listed through fsspec. Files whose
name starts with a dot are left out of folders, as are files with extensions that are never
transcripts (audio, video, images, archives, the batch's own outputs).
"""

from __future__ import annotations

import csv
import glob
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from twoway.errors import InputError, MissingExtraError, UsageError

# Extensions a folder walk leaves out: not transcripts (``twoway analyze`` reads audio; batch
# does not), or outputs a batch writes into the same folder.
SKIPPED_EXTENSIONS = frozenset(
    ".parquet .csv .jsonl .html .md .png .jpg .jpeg .gif .pdf .zip .gz .tar .tmp .pyc .py "
    ".mp3 .m4a .wav .ogg .flac .opus .mp4 .mov .mkv .webm .avi".split()
)


@dataclass(frozen=True, slots=True)
class MapEntry:
    me: str | None
    mode: str | None


@dataclass(slots=True)
class Expansion:
    files: list[str]
    problems: list[tuple[str, str]]  # (path, one-line reason): symlink loops, unreadable folders


def expand_inputs(inputs: list[str]) -> Expansion:
    """Every file named by ``inputs``, in a stable order, each once."""
    seen: set[str] = set()
    files: list[str] = []
    problems: list[tuple[str, str]] = []

    def add(path: str) -> None:
        key = path if "://" in path else str(Path(path).absolute())
        if key not in seen:
            seen.add(key)
            files.append(path)

    for given in inputs:
        if "://" in given:
            for url in _list_url(given):
                add(url)
        elif Path(given).is_dir():
            for path in _walk(given, problems):
                add(path)
        elif os.path.lexists(given) or not glob.has_magic(given):
            add(given)  # a missing file fails in its own row, with its reason
        else:
            # glob.glob, not Path.glob: the pattern may be absolute or start with ..
            matches = sorted(glob.glob(given, recursive=True))  # noqa: PTH207
            if not matches:
                problems.append((given, "the pattern matches no file"))
            for match in matches:
                if Path(match).is_dir():
                    for path in _walk(match, problems):
                        add(path)
                else:
                    add(match)
    return Expansion(files, problems)


def _walk(top: str, problems: list[tuple[str, str]]) -> Iterator[str]:
    """Files under ``top``, following links to folders but never into a folder twice."""
    visited: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        problems.append((str(exc.filename or top), f"cannot list: {exc.strerror or exc}"))

    for root, dirs, names in os.walk(top, followlinks=True, onerror=on_error):
        try:
            st = Path(root).stat()
        except OSError as exc:
            on_error(exc)
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in visited:
            problems.append((root, "symbolic link loop: this folder was already walked"))
            dirs[:] = []
            continue
        visited.add((st.st_dev, st.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or Path(name).suffix.lower() in SKIPPED_EXTENSIONS:
                continue
            yield str(Path(root) / name)


def _list_url(url: str) -> list[str]:
    try:
        import fsspec
    except ImportError as exc:
        raise MissingExtraError("reading URLs", "dask", "fsspec") from exc
    try:
        fs, _, paths = fsspec.get_fs_token_paths(url)
    except (ImportError, ValueError) as exc:
        raise UsageError(f"{url}: {exc}") from exc
    protocol = url.split("://", 1)[0]
    found: list[str] = []
    for path in paths:
        if fs.isdir(path):
            found.extend(p for p in sorted(fs.find(path)) if not Path(p).name.startswith("."))
        elif fs.exists(path):
            found.append(path)
    return [p if "://" in p else f"{protocol}://{p}" for p in found]


def read_me_map(path: str) -> dict[str, MapEntry]:
    """``--me-map``: a CSV with a ``path`` column, ``me`` and optionally ``mode``.

    Paths are relative to the CSV's folder, or absolute; the keys are absolute paths.
    """
    base = Path(path).resolve().parent
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:  # noqa: PTH123
            reader = csv.DictReader(handle)
            fields = [f.strip().lower() for f in reader.fieldnames or []]
            if "path" not in fields or "me" not in fields:
                raise InputError(
                    "the map needs a header with 'path' and 'me' (and optionally 'mode')",
                    path=path,
                    line=1,
                )
            reader.fieldnames = fields
            entries: dict[str, MapEntry] = {}
            for row in reader:
                lineno = reader.line_num
                where = (row.get("path") or "").strip()
                if not where:
                    raise InputError("empty path", path=path, line=lineno)
                key = where if "://" in where else str((base / where).resolve())
                me = (row.get("me") or "").strip() or None
                mode = (row.get("mode") or "").strip() or None
                if key in entries and entries[key] != MapEntry(me, mode):
                    raise InputError(f"{where} is mapped twice", path=path, line=lineno)
                entries[key] = MapEntry(me, mode)
    except FileNotFoundError as exc:
        raise InputError("no such file", path=path) from exc
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text ({exc.reason})", path=path) from exc
    except csv.Error as exc:
        raise InputError(f"not CSV: {exc}", path=path) from exc
    return entries


def map_key(path: str) -> str:
    return path if "://" in path else str(Path(path).resolve())
