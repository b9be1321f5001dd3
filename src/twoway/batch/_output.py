"""Writing the batch's tables so that a killed run leaves valid, resumable output.

Layouts (``docs/batch.md``):

- ``parquet``: two dataset folders, ``results.parquet/`` (conversations) and
  ``results.speakers.parquet/`` (speakers), one ``part-NNNNNN-RUN.parquet`` per flushed chunk in
  each, written as a hidden temporary file and renamed into place: a reader (pandas, DuckDB,
  Polars, pyarrow) only ever sees whole files.
- ``csv``: ``results.csv`` and ``results.speakers.csv``, appended a chunk at a time.
- ``jsonl``: one ``results.jsonl``, each line with ``kind`` = ``conversation`` or ``speaker``.

Each chunk writes its speaker rows first and its conversation rows last: a conversation row is
the mark that a file is done. After a kill, ``recover`` drops what a run left half-done: temporary
parts, a torn last line, speaker rows (and ``--analyses`` lines) of files with no conversation row.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from twoway.batch._columns import (
    CONVERSATION_COLUMNS,
    SPEAKER_COLUMNS,
    Column,
    Row,
    from_text,
    to_text,
)
from twoway.errors import InputError, MissingExtraError, UsageError

OUTPUT_FORMATS = ("parquet", "csv", "jsonl")
Key = tuple[str, str | None]  # (path, content_hash)


def output_format(path: str, given: str | None) -> str:
    """``--format``, else the output's extension, else Parquet."""
    if given is not None:
        if given.lower() not in OUTPUT_FORMATS:
            names = ", ".join(OUTPUT_FORMATS)
            raise UsageError(f"unknown --format {given!r}; choose one of: {names}")
        return given.lower()
    suffix = Path(path).suffix.lower().lstrip(".")
    return {"csv": "csv", "jsonl": "jsonl", "ndjson": "jsonl"}.get(suffix, "parquet")


def sibling(path: Path, tag: str) -> Path:
    """``results.parquet`` -> ``results.speakers.parquet``."""
    return path.with_name(f"{path.stem}.{tag}{path.suffix}")


@dataclass(slots=True)
class Done:
    """What earlier runs wrote: enough to skip their files on a new run.

    Only files analyzed without error are skipped; failed ones are tried again (the map or the
    file may have been fixed), and a retry that fails the same way writes no second row.
    """

    hashes: set[str] = field(default_factory=set)
    stats: set[tuple[str, int, int]] = field(default_factory=set)  # (path, size, mtime_ns)
    keys: set[Key] = field(default_factory=set)
    failed: dict[Key, str] = field(default_factory=dict)  # (path, hash) -> its error
    rows: int = 0

    def add(self, row: Row) -> None:
        self.rows += 1
        path, digest = row["path"], row["content_hash"]
        self.keys.add((path, digest))
        if row["status"] != "ok":
            self.failed[(path, digest)] = row["error"] or ""
            return
        assert digest is not None
        self.hashes.add(digest)
        if row.get("size_bytes") is not None and row.get("mtime_ns") is not None:
            self.stats.add((path, row["size_bytes"], row["mtime_ns"]))


class Output:
    """Base of the three layouts; ``open_output`` picks one."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def check_writable(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            raise UsageError(f"{self.path}: the folder {folder} does not exist")
        if not os.access(folder, os.W_OK):
            raise UsageError(f"{self.path}: cannot write in the folder {folder}")

    def recover(self) -> Done:
        raise NotImplementedError

    def write(self, conversations: list[Row], speakers: list[Row]) -> None:
        raise NotImplementedError


def open_output(path: str, fmt: str) -> Output:
    if fmt == "parquet":
        return ParquetOutput(Path(path))
    if fmt == "csv":
        return CsvOutput(Path(path))
    return JsonlOutput(Path(path))


# -- Parquet ------------------------------------------------------------------------------------


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise MissingExtraError("Parquet output", "batch", "pyarrow") from exc
    return pyarrow


def arrow_schema(columns: tuple[Column, ...]) -> Any:
    pa = _pyarrow()
    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(name, kinds[kind]) for name, kind in columns])


class ParquetOutput(Output):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.speakers_dir = sibling(path, "speakers")
        self.run = uuid.uuid4().hex[:8]
        self.seq = 0

    def recover(self) -> Done:
        _pyarrow()
        done = Done()
        for folder in (self.path, self.speakers_dir):
            if folder.exists() and not folder.is_dir():
                raise UsageError(
                    f"{folder} is a file; Parquet output is a folder of parts (docs/batch.md)"
                )
            folder.mkdir(exist_ok=True)
            for leftover in folder.glob(".*.tmp"):
                leftover.unlink()
        parts = sorted(self.path.glob("part-*.parquet"))
        names = {p.name for p in parts}
        for orphan in self.speakers_dir.glob("part-*.parquet"):
            if orphan.name not in names:
                orphan.unlink()  # its conversations never made it: the files will be redone
        for row in read_rows(str(self.path)):
            done.add(row)
        if parts:
            self.seq = max(int(p.name.split("-")[1]) for p in parts) + 1
        return done

    def write(self, conversations: list[Row], speakers: list[Row]) -> None:
        pq = _pyarrow().parquet
        name = f"part-{self.seq:06d}-{self.run}.parquet"
        self.seq += 1
        for folder, rows, columns in (
            (self.speakers_dir, speakers, SPEAKER_COLUMNS),
            (self.path, conversations, CONVERSATION_COLUMNS),
        ):
            table = _pyarrow().Table.from_pylist(rows, schema=arrow_schema(columns))
            tmp = folder / f".{name}.tmp"
            pq.write_table(table, tmp)
            _fsync(tmp)
            tmp.replace(folder / name)
            _fsync_dir(folder)


# -- CSV ----------------------------------------------------------------------------------------


class CsvOutput(Output):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.speakers_path = sibling(path, "speakers")

    def recover(self) -> Done:
        done = Done()
        for path in (self.path, self.speakers_path):
            if path.is_dir():
                raise UsageError(f"{path} is a folder; CSV output is a file")
            _drop_torn_line(path)
        for row in read_rows(str(self.path), fmt="csv"):
            done.add(row)
        _keep_only(self.speakers_path, done.keys, _csv_key)
        return done

    def write(self, conversations: list[Row], speakers: list[Row]) -> None:
        for path, rows, columns in (
            (self.speakers_path, speakers, SPEAKER_COLUMNS),
            (self.path, conversations, CONVERSATION_COLUMNS),
        ):
            new = not path.exists() or path.stat().st_size == 0
            with path.open("a", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle, lineterminator="\n")
                if new:
                    writer.writerow([name for name, _ in columns])
                writer.writerows([to_text(row[name]) for name, _ in columns] for row in rows)
                handle.flush()
                os.fsync(handle.fileno())


def _csv_key(line: str) -> Key | None:
    cells = next(csv.reader([line]))
    if not cells or cells[0] == "path":
        return None  # the header always stays
    return cells[0], cells[1] or None


# -- JSON lines ---------------------------------------------------------------------------------


class JsonlOutput(Output):
    def recover(self) -> Done:
        if self.path.is_dir():
            raise UsageError(f"{self.path} is a folder; JSON lines output is a file")
        _drop_torn_line(self.path)
        done = Done()
        for row in read_rows(str(self.path), fmt="jsonl"):
            done.add(row)
        _keep_only(self.path, done.keys, _jsonl_speaker_key)
        return done

    def write(self, conversations: list[Row], speakers: list[Row]) -> None:
        lines = [json.dumps({"kind": "speaker", **r}, ensure_ascii=False) for r in speakers]
        lines += [
            json.dumps({"kind": "conversation", **r}, ensure_ascii=False) for r in conversations
        ]
        append_lines(self.path, lines)


def _jsonl_speaker_key(line: str) -> Key | None:
    data = json.loads(line)
    if data.get("kind") != "speaker":
        return None
    return data["path"], data["content_hash"]


def _analyses_key(line: str) -> Key | None:
    data = json.loads(line)
    return data["path"], data["content_hash"]


class AnalysesOutput:
    """``--analyses``: one line per analyzed file, ``{"path", "content_hash", "analysis"}``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def recover(self, keys: set[Key]) -> None:
        if self.path.is_dir():
            raise UsageError(f"{self.path} is a folder; --analyses writes a JSON lines file")
        _drop_torn_line(self.path)
        _keep_only(self.path, keys, _analyses_key)

    def append(self, lines: list[str]) -> None:
        append_lines(self.path, lines, sync=False)  # re-made on resume if lost


# -- shared -------------------------------------------------------------------------------------


def append_lines(path: Path, lines: list[str], *, sync: bool = True) -> None:
    if not lines:
        return
    with path.open("a", encoding="utf-8") as handle:
        handle.write("".join(line + "\n" for line in lines))
        handle.flush()
        if sync:
            os.fsync(handle.fileno())


def _drop_torn_line(path: Path) -> None:
    """Cut a last line that a kill left without its newline."""
    if not path.exists():
        return
    with path.open("r+b") as handle:
        size = handle.seek(0, os.SEEK_END)
        if size == 0:
            return
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return
        pos = size
        while pos > 0:
            step = min(64 * 1024, pos)
            handle.seek(pos - step)
            block = handle.read(step)
            cut = block.rfind(b"\n")
            if cut >= 0:
                handle.truncate(pos - step + cut + 1)
                return
            pos -= step
        handle.truncate(0)


def _keep_only(path: Path, keys: set[Key], key_of: Callable[[str], Key | None]) -> None:
    """Rewrite ``path`` (atomically) without the lines whose key is not in ``keys``.

    ``key_of(line)`` returns ``None`` for lines that always stay. Nothing is rewritten when
    every line stays, so a clean resume costs one read.
    """
    if not path.exists():
        return

    def stays(line: str) -> bool:
        key = key_of(line)
        return key is None or key in keys

    with path.open(encoding="utf-8", newline="") as handle:
        if all(stays(line) for line in handle if line.strip()):
            return
    tmp = path.with_name(f".{path.name}.tmp")
    with path.open(encoding="utf-8", newline="") as src, tmp.open("w", encoding="utf-8") as dst:
        for line in src:
            if line.strip() and stays(line):
                dst.write(line)
        dst.flush()
        os.fsync(dst.fileno())
    tmp.replace(path)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):  # not every filesystem lets a folder be synced
        _fsync(path)


def read_rows(path: str, *, fmt: str | None = None, kind: str = "conversation") -> Iterator[Row]:
    """The rows of a batch output (``kind``: ``conversation`` or ``speaker``), file by file.

    ``path`` is what ``-o`` named: a Parquet folder, a CSV file or a JSON lines file.
    """
    fmt = fmt or output_format(path, None)
    columns = CONVERSATION_COLUMNS if kind == "conversation" else SPEAKER_COLUMNS
    target = Path(path)
    if fmt == "parquet":
        pq = _pyarrow().parquet
        folder = target if kind == "conversation" else sibling(target, "speakers")
        if folder.is_file():
            parts = [folder]
        elif folder.is_dir():
            parts = sorted(folder.glob("part-*.parquet"))
        else:
            raise InputError("no such file or folder", path=str(folder))
        for part in parts:
            try:
                table = pq.read_table(part)
            except (OSError, ValueError) as exc:
                raise InputError(f"not a readable Parquet file ({exc})", path=str(part)) from exc
            yield from table.to_pylist()
    elif fmt == "csv":
        file = target if kind == "conversation" else sibling(target, "speakers")
        if not file.exists():
            return
        types = dict(columns)
        with file.open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield {k: from_text(v, types.get(k, "str")) for k, v in row.items()}
    else:
        if not target.exists():
            return
        with target.open(encoding="utf-8") as handle:
            for lineno, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"not JSON: {exc.msg}", path=path, line=lineno) from exc
                if data.pop("kind", None) == kind:
                    yield data
