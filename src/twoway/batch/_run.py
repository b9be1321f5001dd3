"""A batch from start to end: check the options, list the files, skip what is done, analyze the
rest on an engine, write the rows in chunks, and count what happened."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from twoway.batch._columns import Row
from twoway.batch._inputs import MapEntry, expand_inputs, map_key, read_me_map
from twoway.batch._me import MeRule
from twoway.batch._output import AnalysesOutput, Done, Output, open_output, output_format
from twoway.batch._work import Outcome, Task
from twoway.errors import UsageError

ENGINES = ("local", "dask")


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Everything ``twoway batch`` takes (``docs/batch.md``)."""

    inputs: tuple[str, ...]
    output: str
    fmt: str | None = None
    jobs: int | None = None  # None: every core this process may use
    me: str | None = None
    me_map: str | None = None
    rule: MeRule | None = None
    mode: str = "interview"
    reader: str | None = None
    analyses: str | None = None
    engine: str = "local"
    scheduler: str | None = None
    chunk_size: int = 500  # conversations per written part
    flush_s: float = 10.0  # ...or fewer, at least this often, so a kill loses little work


@dataclass(slots=True)
class Summary:
    total: int = 0
    analyzed: int = 0
    skipped: int = 0  # already in the output (or the same content twice in this run)
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    example: dict[str, str] = field(default_factory=dict)  # reason -> first path with it
    interrupted: bool = False
    elapsed_s: float = 0.0

    @property
    def done(self) -> int:
        return self.analyzed + self.skipped + self.failed


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class Batch:
    """A checked, listed batch, ready to ``run``; nothing is analyzed before ``run``."""

    def __init__(self, config: BatchConfig) -> None:
        from twoway.analysis.targets import parse_mode

        self.config = config
        if config.engine not in ENGINES:
            raise UsageError(f"unknown --engine {config.engine!r}; choose one of: local, dask")
        if config.engine == "dask" and not config.scheduler:
            raise UsageError("--engine dask needs --scheduler tcp://HOST:8786")
        if config.me is not None and config.rule is not None:
            raise UsageError(f"--me and {config.rule.describe().split()[0]} both say who you are")
        if config.jobs is not None and config.jobs < 1:
            raise UsageError("--jobs takes 1 or more")
        parse_mode(config.mode)
        self.fmt = output_format(config.output, config.fmt)
        self.output: Output = open_output(config.output, self.fmt)
        self.output.check_writable()
        self.analyses = None
        if config.analyses is not None:
            self.analyses = AnalysesOutput(Path(config.analyses))
            folder = self.analyses.path.parent
            if not folder.is_dir():
                raise UsageError(f"{config.analyses}: the folder {folder} does not exist")
        self.me_map: dict[str, MapEntry] = read_me_map(config.me_map) if config.me_map else {}
        for entry in self.me_map.values():
            if entry.mode is not None:
                parse_mode(entry.mode)
        inputs = list(config.inputs)
        if not inputs and self.me_map:
            inputs = list(self.me_map)  # the map's files are the inputs
        if not inputs:
            raise UsageError("give INPUTS (files, folders or globs) or a --me-map to read")
        self.done: Done = self.output.recover()
        if self.analyses is not None:
            self.analyses.recover(self.done.keys)
        expansion = expand_inputs(inputs)
        self.problems = expansion.problems
        self.files: list[str] = []
        self.skipped_by_stat = 0
        for path in expansion.files:
            if self._unchanged(path):
                self.skipped_by_stat += 1
            else:
                self.files.append(path)
        self.total = len(self.files) + self.skipped_by_stat

    def _unchanged(self, path: str) -> bool:
        if "://" in path or not self.done.stats:
            return False
        try:
            st = Path(path).stat()
        except OSError:
            return False
        return (path, st.st_size, st.st_mtime_ns) in self.done.stats

    def _tasks(self) -> Iterator[Task]:
        config = self.config
        for path in self.files:
            entry = self.me_map.get(map_key(path)) if self.me_map else None
            if entry is not None:
                yield Task(
                    path,
                    mode=entry.mode or config.mode,
                    me=entry.me,
                    rule=None if entry.me else config.rule,
                    reader=config.reader,
                    want_analysis=self.analyses is not None,
                )
            elif self.me_map and config.me is None and config.rule is None:
                yield Task(path, mode=config.mode, error=f"not in --me-map {config.me_map}")
            else:
                yield Task(
                    path,
                    mode=config.mode,
                    me=config.me,
                    rule=config.rule,
                    reader=config.reader,
                    want_analysis=self.analyses is not None,
                )

    def jobs(self) -> int:
        return self.config.jobs or available_cores()

    def run(
        self,
        on_outcome: Callable[[Outcome, Summary], None] | None = None,
        on_connect: Callable[[int], None] | None = None,
    ) -> Summary:
        """Analyze every file not yet done; ``KeyboardInterrupt`` stops after writing what
        finished (``summary.interrupted``)."""
        from twoway.batch._engine import run_dask, run_local

        summary = Summary(total=self.total, skipped=self.skipped_by_stat)
        for path, reason in self.problems:
            summary.reasons[reason] += 1
            summary.example.setdefault(reason, path)
        started = time.monotonic()
        known = frozenset(self.done.hashes)
        if self.config.engine == "dask":
            assert self.config.scheduler is not None
            outcomes = run_dask(self._tasks(), self.config.scheduler, known, on_connect=on_connect)
        else:
            outcomes = run_local(self._tasks(), self.jobs(), known)
        writer = _ChunkWriter(self, summary)
        with _ctrl_c_as_a_flag() as stop:
            try:
                for outcome in outcomes:
                    writer.take(outcome)
                    if on_outcome is not None:
                        on_outcome(outcome, summary)
                    if stop.is_set():
                        break
            except KeyboardInterrupt:  # a second Ctrl-C, or Ctrl-C off the main thread
                pass
            finally:
                summary.interrupted = stop.is_set()
                close = getattr(outcomes, "close", None)
                if close is not None:
                    close()
                writer.flush()
                summary.elapsed_s = time.monotonic() - started
        return summary


@contextlib.contextmanager
def _ctrl_c_as_a_flag() -> Iterator[threading.Event]:
    """The first Ctrl-C sets a flag the batch loop checks between files, so it never lands in
    the middle of writing a chunk; a second one interrupts at once."""
    stop = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def first(signum: int, frame: object) -> None:
        stop.set()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, first)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


class _ChunkWriter:
    """Buffers rows and writes them a chunk at a time; counts outcomes into the summary."""

    def __init__(self, batch: Batch, summary: Summary) -> None:
        self.batch = batch
        self.summary = summary
        self.seen: set[str] = set(batch.done.hashes)
        self.conversations: list[Row] = []
        self.speakers: list[Row] = []
        self.last_flush = time.monotonic()

    def take(self, outcome: Outcome) -> None:
        summary = self.summary
        digest = outcome.content_hash
        if outcome.status == "skipped" or (digest is not None and digest in self.seen):
            summary.skipped += 1
            return
        if digest is not None:
            self.seen.add(digest)
        if outcome.status == "failed":
            summary.failed += 1
            reason = outcome.reason or "failed"
            summary.reasons[reason] += 1
            summary.example.setdefault(reason, outcome.path)
            row = outcome.conversation
            assert row is not None
            if self.batch.done.failed.get((outcome.path, digest)) == row["error"]:
                return  # failing the same way as last time: its row is already there
        else:
            summary.analyzed += 1
        if outcome.conversation is not None:
            self.conversations.append(outcome.conversation)
        self.speakers.extend(outcome.speakers)
        if outcome.analysis_json is not None and self.batch.analyses is not None:
            self.batch.analyses.append([outcome.analysis_json])
        config = self.batch.config
        if (
            len(self.conversations) >= config.chunk_size
            or time.monotonic() - self.last_flush >= config.flush_s
        ):
            self.flush()

    def flush(self) -> None:
        # Take the buffers first: a flush cut short is never written a second time.
        conversations, speakers = self.conversations, self.speakers
        self.conversations, self.speakers = [], []
        self.last_flush = time.monotonic()
        if conversations:
            self.batch.output.write(conversations, speakers)
