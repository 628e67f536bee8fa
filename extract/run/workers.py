"""Run `extract_document` in worker processes, each document under a time limit.

A worker that exceeds the limit, or dies (a parser crash), is killed and replaced, and the
document becomes a failure: one bad file never stalls or ends the batch. Results come back to
the caller, which alone writes to the database.
"""

import ctypes
import faulthandler
import multiprocessing
import os
import resource
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import chain
from multiprocessing.connection import Connection, wait
from pathlib import Path

from extract.errors import DocumentTimeout, ExtractorFailed, MemoryLimitExceeded, MinutesError
from extract.run.pipeline import extract_document, warm_up

Task = tuple[Path, str, dict]  # (file, the path as given to ingest, its sidecar's fields)
DEFAULT_MEMORY_MB = 1536  # per worker: OCR of a scanned page peaks near 350 MB of address space


def _context():
    # fork shares the loaded rules and modules with every worker; spawn where fork is unsafe.
    return multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")


PR_SET_PDEATHSIG = 1  # Linux prctl: the signal a process gets when its parent dies


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive its ingest, even one killed with SIGKILL (it would hold the database)."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(0)


def _limit_memory(megabytes: int) -> None:
    """Cap the worker's address space: a PDF that inflates to gigabytes fails alone instead of
    taking the machine's memory (the PDF library aborts when an allocation is refused)."""
    cap = megabytes << 20
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _serve(conn: Connection, ocr: bool, parent: int, memory_mb: int) -> None:
    _die_with_parent(parent)
    _limit_memory(memory_mb)
    # Ctrl-C reaches the whole process group: the ingest stops its workers itself, in order.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    faulthandler.disable()  # a crash here is the parent's to report, as a failure of this one file
    while (task := conn.recv()) is not None:
        path, source, sidecar = task
        try:
            conn.send(("ok", extract_document(path, source_path=source, ocr=ocr, sidecar=sidecar)))
        except Exception as exc:  # noqa: BLE001 - reported as a failure of this file, not of the batch
            conn.send(("error", as_failure(path, exc, memory_mb)))


def as_failure(path: Path, exc: Exception, memory_mb: int | None) -> MinutesError:
    """The failure recorded for an exception raised extracting `path` (`memory_mb`: the worker's cap, if we set one)."""
    if isinstance(exc, MinutesError):
        return exc
    if isinstance(exc, MemoryError):
        return _over_memory(path, memory_mb)
    return ExtractorFailed(f"{path}: the pipeline failed on this file ({type(exc).__name__}: {exc}); "
                           "please report it with the file")


def _over_memory(path: Path, memory_mb: int | None) -> MemoryLimitExceeded:
    if memory_mb is None:  # a Dask worker: its memory is the cluster's to give
        return MemoryLimitExceeded(f"{path}: reading it needed more memory than its Dask worker has; if the file is "
                                   "genuine, give the workers more memory (dask worker --memory-limit)")
    return MemoryLimitExceeded(f"{path}: reading it needed more than the {memory_mb} MB a worker may use (a PDF whose "
                               "streams inflate to gigabytes does this); if the file is genuine, raise --max-worker-mb")


def timed_out(path: Path, timeout: float) -> DocumentTimeout:
    return DocumentTimeout(f"{path}: extraction took longer than {timeout:g} s and was stopped; "
                           "check the file, or raise --timeout")


def _died(task: Task, exitcode: int | None, memory_mb: int) -> MinutesError:
    """Why a worker died: SIGABRT is how the PDF library fails when the memory cap refuses it."""
    if exitcode == -signal.SIGABRT:
        return _over_memory(task[0], memory_mb)
    return ExtractorFailed(f"{task[0]}: the worker process died reading this file "
                           f"(exit code {exitcode}); please report it with the file")


class _Worker:
    def __init__(self, ctx, ocr: bool, memory_mb: int):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, ocr, os.getpid(), memory_mb), daemon=True)
        self.process.start()
        child.close()
        self.task: Task | None = None
        self.started = 0.0

    def give(self, task: Task) -> None:
        self.task, self.started = task, time.monotonic()
        self.conn.send(task)

    def stop(self, kill: bool = False) -> None:
        """Ask the worker to exit; kill it if asked to, or if it does not exit promptly."""
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                pass
            self.process.join(timeout=2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def extract_in_workers(tasks: Iterable[Task], workers: int, timeout: float, ocr: bool = True,
                       memory_mb: int = DEFAULT_MEMORY_MB) -> Iterator[tuple[Task, object]]:
    """Yield (task, Extraction or MinutesError) as documents finish, in completion order."""
    ctx = _context()
    pending = iter(tasks)
    first = next(pending, None)
    if first is None:
        return
    pending = chain([first], pending)
    if ctx.get_start_method() == "fork":
        warm_up()  # compiled rules are inherited by every worker
    pool = [_Worker(ctx, ocr, memory_mb) for _ in range(max(1, workers))]
    try:
        busy = {}
        for worker in pool:
            if (task := next(pending, None)) is not None:
                worker.give(task)
                busy[worker.conn] = worker
        while busy:
            deadline = min(w.started for w in busy.values()) + timeout
            ready = wait(list(busy), timeout=max(0.0, deadline - time.monotonic()))
            finished = [(busy.pop(conn), None) for conn in ready]
            now = time.monotonic()
            for conn, worker in list(busy.items()):
                if now - worker.started >= timeout:
                    finished.append((busy.pop(conn), timed_out(worker.task[0], timeout)))
            for worker, failure in finished:
                task = worker.task
                try:
                    result = failure or worker.conn.recv()
                except (EOFError, OSError):
                    worker.process.join(timeout=5)  # reaped, so its exit code says how it died
                    result = _died(task, worker.process.exitcode, memory_mb)
                if failure or not isinstance(result, tuple):
                    pool.remove(worker)
                    worker.stop(kill=True)
                    worker = _Worker(ctx, ocr, memory_mb)
                    pool.append(worker)
                else:
                    result = result[1]
                # The next document first: the worker reads it while the caller writes this one.
                if (following := next(pending, None)) is not None:
                    worker.give(following)
                    busy[worker.conn] = worker
                yield task, result
    finally:  # also reached when the caller stops early: no worker outlives the batch
        for worker in pool:
            worker.stop()
