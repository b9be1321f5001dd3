"""One file of a batch: read, hash, analyze, and turn the analysis into table rows.

``analyze_file`` runs in a worker process (local pool or Dask worker) and never raises for a
bad file: every problem becomes an ``Outcome`` with ``status="failed"`` and a one-line error.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from twoway import __version__
from twoway.batch._columns import CONVERSATION_COLUMNS, Row, empty_row
from twoway.batch._me import MeRule
from twoway.errors import EncodingError, InputError, MissingExtraError, TwowayError

if TYPE_CHECKING:
    from twoway.analysis import Analysis
    from twoway.model import Conversation


@dataclass(frozen=True, slots=True)
class Task:
    """What to do with one file. ``me`` wins over ``rule``; neither: an analysis without "me"."""

    path: str
    mode: str = "interview"
    me: str | None = None
    rule: MeRule | None = None
    reader: str | None = None  # force an input format
    want_analysis: bool = False
    error: str | None = None  # known bad before any work (not in --me-map...): fail at once


@dataclass(slots=True)
class Outcome:
    status: str  # "ok" | "failed" | "skipped"
    path: str
    content_hash: str | None = None
    conversation: Row | None = None
    speakers: list[Row] = field(default_factory=list)
    analysis_json: str | None = None
    reason: str | None = None  # the error without the path, to group failures in the summary


def is_url(path: str) -> bool:
    """``s3://...``, ``gs://...``, ``file://...``: read through fsspec."""
    return "://" in path


def analyze_file(task: Task, done_hashes: frozenset[str] = frozenset()) -> Outcome:
    """Analyze ``task.path``; ``skipped`` when its content hash is in ``done_hashes``."""
    size: int | None = None
    mtime_ns: int | None = None
    content_hash: str | None = None
    try:
        if task.error is not None:
            raise InputError(task.error, path=task.path)
        if is_url(task.path):
            data = _read_url(task.path)
            size, content_hash = len(data), hashlib.sha256(data).hexdigest()
            if content_hash in done_hashes:
                return Outcome("skipped", task.path, content_hash)
            conversation = _parse_bytes(data, task.path, task.reader)
        else:
            size, mtime_ns, content_hash = _stat_and_hash(task.path)
            if content_hash in done_hashes:
                return Outcome("skipped", task.path, content_hash)
            from twoway.formats import load

            conversation = load(task.path, format=task.reader)
        analysis = _analyze(conversation, task)
    except TwowayError as exc:
        if isinstance(exc, InputError):
            return _failed(task, str(exc), exc.message, content_hash, size, mtime_ns)
        error = f"{task.path}: {exc}"  # every row's error names its file, as the CLI does
        return _failed(task, error, str(exc), content_hash, size, mtime_ns)
    except (OSError, ValueError, RecursionError) as exc:  # a reader bug must not stop the batch
        reason = f"{type(exc).__name__}: {exc}"
        return _failed(task, f"{task.path}: {reason}", reason, content_hash, size, mtime_ns)
    row = conversation_row(analysis, task.path, content_hash)
    row["size_bytes"], row["mtime_ns"] = size, mtime_ns
    analysis_json = None
    if task.want_analysis:
        analysis_json = json.dumps(
            {"path": task.path, "content_hash": content_hash, "analysis": analysis.to_dict()},
            ensure_ascii=False,
        )
    return Outcome(
        "ok",
        task.path,
        content_hash,
        row,
        speaker_rows(analysis, task.path, content_hash),
        analysis_json,
    )


def _failed(
    task: Task,
    error: str,
    reason: str,
    content_hash: str | None,
    size: int | None,
    mtime_ns: int | None,
) -> Outcome:
    row = empty_row(CONVERSATION_COLUMNS)
    row.update(
        path=task.path,
        content_hash=content_hash,
        status="failed",
        error=" ".join(error.split()),  # one line, whatever the message held
        mode=task.mode,
        me=task.me,
        size_bytes=size,
        mtime_ns=mtime_ns,
        twoway_version=__version__,
    )
    return Outcome("failed", task.path, content_hash, row, reason=" ".join(reason.split()))


def _stat_and_hash(path: str) -> tuple[int, int, str]:
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 (one open for stat and hash)
            st = os.fstat(handle.fileno())
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
    except IsADirectoryError as exc:
        raise InputError("is a directory, not a transcript file", path=path) from exc
    except FileNotFoundError as exc:
        raise InputError("no such file (removed during the batch?)", path=path) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from exc
    return st.st_size, st.st_mtime_ns, digest


def _read_url(url: str) -> bytes:
    try:
        import fsspec
    except ImportError as exc:
        raise MissingExtraError("reading URLs", "dask", "fsspec") from exc
    try:
        with fsspec.open(url, "rb") as handle:
            data: bytes = handle.read()
    except FileNotFoundError as exc:
        raise InputError("no such file", path=url) from exc
    except (OSError, ValueError, ImportError) as exc:
        raise InputError(f"cannot read: {exc}", path=url) from exc
    return data


def _parse_bytes(data: bytes, path: str, reader: str | None) -> Conversation:
    """A URL's bytes through the readers (UTF-8, or UTF-16 with its byte-order mark)."""
    from twoway.formats import parse_text

    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(f"not valid {encoding[:6].upper()}", path=path, line=line) from exc
    return parse_text(text, format=reader, path=path)


def _analyze(conversation: Conversation, task: Task) -> Analysis:
    from twoway.analysis import analyze

    me = task.me
    if me is None and task.rule is not None:
        me = task.rule.resolve(conversation.speakers)
    return analyze(conversation, me=me, mode=task.mode)


def _r(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def conversation_row(analysis: Analysis, path: str, content_hash: str | None) -> Row:
    """The conversation table's row for ``analysis`` (columns: ``docs/batch.md``)."""
    me = analysis.me_stats
    points = {c.name: c.points for c in analysis.score.components} if analysis.score else {}
    share = me.share if me is not None else None
    low, high = analysis.targets.share_low, analysis.targets.share_high
    q = analysis.questioning
    return {
        "path": path,
        "content_hash": content_hash,
        "status": "ok",
        "error": None,
        "format": analysis.format,
        "mode": analysis.mode,
        "me": analysis.me,
        "duration_s": _r(analysis.duration_s, 3),
        "speakers": len(analysis.speakers),
        "share_basis": analysis.share_basis,
        "me_talk_share": _r(me.talk_share) if me else None,
        "me_word_share": _r(me.word_share) if me else None,
        "target_low": low,
        "target_high": high,
        "on_target": None if share is None else low <= share <= high,
        "questions_asked": q.asked if q else None,
        "questions_about_them": q.about_them if q else None,
        "open_questions": q.open if q else None,
        "follow_ups": q.follow_ups if q else None,
        "their_questions": q.their_questions if q else None,
        "longest_monologue_s": _r(me.longest_monologue_s, 3) if me else None,
        "monologues": me.monologues if me else None,
        "switches_per_min": _r(analysis.switches_per_min, 3),
        "interruptions": len(analysis.interruptions),
        "me_interruptions": me.interruptions if me else None,
        "response_latency_s": _r(analysis.response_latency_s, 3),
        "balance": analysis.balance.label if analysis.balance else None,
        "score": analysis.score.total if analysis.score else None,
        "score_balance": points.get("balance"),
        "score_questions": points.get("questions"),
        "score_monologues": points.get("monologues"),
        "score_interactivity": points.get("interactivity"),
        "size_bytes": None,
        "mtime_ns": None,
        "twoway_version": __version__,
    }


def speaker_rows(analysis: Analysis, path: str, content_hash: str | None) -> list[Row]:
    return [
        {
            "path": path,
            "content_hash": content_hash,
            "speaker": s.name,
            "is_me": s.is_me,
            "talk_s": _r(s.talk_s, 3),
            "talk_share": _r(s.talk_share),
            "words": s.words,
            "word_share": _r(s.word_share),
            "turns": s.turns,
            "questions": s.questions,
            "longest_monologue_s": _r(s.longest_monologue_s, 3),
            "monologues": s.monologues,
            "wpm": _r(s.wpm, 2),
            "fillers_per_100w": _r(s.fillers_per_100w, 3),
            "interruptions": s.interruptions,
            "response_latency_s": _r(s.response_latency_s, 3),
        }
        for s in analysis.speakers
    ]
