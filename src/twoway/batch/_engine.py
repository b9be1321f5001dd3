"""Where the files of a batch are analyzed: in-process, a local process pool, or Dask.

Every engine takes the tasks as an iterator and keeps a bounded number in flight, so a corpus of
any size costs the same memory; outcomes come back in completion order.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from twoway.batch._work import Outcome, Task, analyze_file
from twoway.errors import BatchError, MissingExtraError, UsageError

_DONE: frozenset[str] = frozenset()


def _init_worker(done_hashes: frozenset[str]) -> None:
    # Ctrl-C reaches the whole process group: the parent decides when to stop, workers finish
    # the file they hold instead of dying with a traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _DONE
    _DONE = done_hashes


def _in_worker(task: Task) -> Outcome:
    return analyze_file(task, _DONE)


def run_local(tasks: Iterable[Task], jobs: int, done_hashes: frozenset[str]) -> Iterator[Outcome]:
    """``jobs`` worker processes (``1``: in this process, no pool)."""
    if jobs == 1:
        for task in tasks:
            yield analyze_file(task, done_hashes)
        return
    # spawn, not fork: the parent runs a progress-bar thread, and forking a threaded process
    # can copy a held lock into the child.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(done_hashes,)
    )
    limit = jobs * 4
    pending: set[Future[Outcome]] = set()
    tasks_left = iter(tasks)
    try:
        for task in tasks_left:
            pending.add(pool.submit(_in_worker, task))
            if len(pending) >= limit:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from _results(finished)
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from _results(finished)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _results(finished: set[Future[Outcome]]) -> Iterator[Outcome]:
    for future in finished:
        try:
            yield future.result()
        except BrokenProcessPool as exc:
            # Out of memory, a crash in a C extension: what finished is still written.
            raise BatchError(
                f"a worker process died ({exc}); what finished is written: run the same "
                "command again to go on, with --jobs 1 to see the file that kills it"
            ) from exc


def run_dask(
    tasks: Iterable[Task],
    scheduler: str,
    done_hashes: frozenset[str],
    *,
    in_flight: int | None = None,
    on_connect: Callable[[int], None] | None = None,
) -> Iterator[Outcome]:
    """The same tasks on an existing Dask cluster; twoway must be installed on its workers."""
    try:
        import distributed
    except ImportError as exc:
        raise MissingExtraError("--engine dask", "dask", "distributed") from exc
    dist: Any = distributed  # untyped: keep mypy's strictness for the rest
    try:
        client = dist.Client(scheduler, timeout="20s")
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--scheduler {scheduler}: cannot connect ({exc})") from exc
    try:
        threads = sum(client.nthreads().values()) or 1
        if on_connect is not None:
            on_connect(threads)
        limit = in_flight or threads * 4
        # In a list: scatter() spreads a bare collection item by item (an empty one fails).
        done = client.scatter([done_hashes], broadcast=True)[0]
        queue: Any = dist.as_completed()
        tasks_left = iter(tasks)
        paths: dict[Any, str] = {}

        def submit(task: Task) -> None:
            future = client.submit(analyze_file, task, done, pure=False)
            paths[future.key] = task.path
            queue.add(future)

        for task in tasks_left:
            submit(task)
            if queue.count() >= limit:
                break
        for future in queue:
            path = paths.pop(future.key)
            try:
                outcome: Outcome = future.result()
            except Exception as exc:  # a worker died: that file fails, the batch goes on
                from twoway.batch._work import _failed

                reason = f"Dask worker failed ({type(exc).__name__}: {exc})"
                outcome = _failed(Task(path), f"{path}: {reason}", reason, None, None, None)
            future.release()
            yield outcome
            task_next = next(tasks_left, None)
            if task_next is not None:
                submit(task_next)
    finally:
        client.close()
