"""Ingest many files: skip what is stored, extract the rest in workers, write each document in one
transaction, record every failure, and count the run.
"""

import codecs
import os
import signal
import stat as file_mode
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from extract.errors import DocumentTooLarge, MinutesError, NotRegularFile, UnreadableDocument
from extract.read.document import FORMATS, read_sidecar, sha256_of, sidecar_state
from extract.run.workers import DEFAULT_MEMORY_MB, extract_in_workers
from extract.store import database as store


class Interrupted(Exception):
    """SIGTERM or Ctrl-C during an ingest (raised by the signal handlers `stop_on_signals` installs)."""


def _interrupt(signum, frame):
    raise Interrupted(signal.Signals(signum).name)


def stop_on_signals() -> None:
    """Make SIGTERM and Ctrl-C stop an ingest cleanly: workers stopped, the run marked interrupted."""
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, _interrupt)


DEFAULT_TIMEOUT = 120.0  # seconds per document
SIDE_FILES = (".meta.json",)  # sidecars beside a document: metadata, not documents of their own
LINK = "(symbolic links, not followed)"  # how a link inside a folder is counted among skipped files
DEFAULT_MAX_MB = 25.0  # council minutes are never this big; a larger file is a mistake or a dump


@dataclass
class RunSummary:
    run_id: int
    counts: Counter = field(default_factory=Counter)
    formats: Counter = field(default_factory=Counter)
    ocr_pages: int = 0  # PDF pages of this run's new documents read by OCR
    skipped: Counter = field(default_factory=Counter)  # extension → files in folders of no format read
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, message)
    checks: Counter = field(default_factory=Counter)  # code → findings about this run's new documents
    not_retried: Counter = field(default_factory=Counter)  # kind → files that failed before, unchanged since
    interrupted: bool = False  # stopped by SIGTERM or Ctrl-C: what was stored stays, the rest is for a re-run


@dataclass(frozen=True)
class Options:
    workers: int = os.cpu_count() or 1
    timeout: float = DEFAULT_TIMEOUT
    max_mb: float = DEFAULT_MAX_MB
    prune: bool = False
    ocr: bool = True  # read PDF pages with no usable text layer by OCR (off: such PDFs are NoTextLayer)
    strict: bool = False  # files of other formats in a folder are failures, not just counted as skipped
    retry_failed: bool = False  # read files that failed before even when unchanged
    memory_mb: int = DEFAULT_MEMORY_MB  # address space each worker may use (a decompression bomb fails alone)
    scheduler: str | None = None  # a Dask scheduler's address, or local:N: extract there instead of in local workers


Progress = Callable[[int, int], None]  # (documents done, documents to extract)


def find_files(paths: list[Path], skipped: list[Path] | None = None) -> list[Path]:
    """Files named directly, and every supported file below named folders (links to files or
    folders inside them not followed); the other files found in those folders, links included,
    are added to `skipped`."""
    found = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):  # followlinks=False: a symlink loop cannot trap us
                dirs.sort()
                for name in sorted(files):
                    supported = Path(name).suffix.lower() in FORMATS
                    link = os.path.islink(os.path.join(root, name))  # could point anywhere: /etc/passwd
                    if supported and not link:
                        found.append(Path(root) / name)
                    elif skipped is not None and not name.endswith(SIDE_FILES):
                        skipped.append(Path(root) / name)
        else:
            found.append(path)
    return found


def shown(path: Path | str) -> str:
    """A path as text SQLite can store: a name that is not valid UTF-8 keeps its bytes as \\xNN."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def path_key(path: Path | str) -> str:
    """The absolute path a file is remembered by (symlinks not resolved), so a re-run or --prune from
    another folder means the same file."""
    return shown(os.path.abspath(path))


def on_disk(key: str) -> bool:
    """Whether a remembered path still exists (undoing `shown`'s escapes where it made them)."""
    if os.path.exists(key):
        return True
    return "\\x" in key and os.path.exists(os.fsdecode(codecs.escape_decode(key.encode("utf-8"))[0]))


def _fail(db, summary: RunSummary, source: str, sha: str | None, exc: MinutesError,
          seen: tuple[str, int, int] | None = None) -> None:
    summary.counts["failed"] += 1
    summary.failures.append((source, exc.kind, str(exc)))
    store.record_failure(db, summary.run_id, source, sha, exc.kind, str(exc), seen)


def _triage(db, path: Path, summary: RunSummary, options: Options):
    """Decide without parsing: unchanged (skip), failed (recorded), or to extract → (sidecar fields, sha,
    size, mtime)."""
    source, key = shown(path), path_key(path)
    seen = None
    try:
        sidecar = read_sidecar(path)
    except MinutesError as exc:  # not remembered as the file's failure: fixing the sidecar is enough
        _fail(db, summary, source, None, exc)
        return None
    try:
        stat = path.stat()
        seen = (key, stat.st_size, stat.st_mtime_ns)
        failed = None if options.retry_failed else store.known_failure(db, key)
        if failed and failed[:2] == seen[1:]:
            summary.not_retried[failed[2]] += 1  # it failed before and has not changed: not read again
            return None
        if not file_mode.S_ISREG(stat.st_mode):  # a FIFO would block the hash forever; a device never ends
            raise NotRegularFile(f"{path}: is not a regular file (a FIFO, device or socket); only files are read, "
                                 "so copy its contents into a file to ingest them")
        known = store.path_state(db, key)
        if known and known[1:] == (stat.st_size, stat.st_mtime_ns, sidecar_state(sidecar)):
            summary.counts["unchanged"] += 1  # same size, mtime and sidecar: not even read
            return None
        if stat.st_size > options.max_mb * 1e6:
            raise DocumentTooLarge(f"{path}: {stat.st_size / 1e6:.0f} MB is over the {options.max_mb:g} MB limit for "
                                   "one document; split it, or raise --max-mb if it really is one document")
        data = path.read_bytes()
    except MinutesError as exc:
        _fail(db, summary, source, None, exc, seen)
        return None
    except OSError as exc:
        _fail(db, summary, source, None, UnreadableDocument(
            f"{path}: cannot be read ({exc.strerror}); check that it exists and is readable"))
        return None
    sha = sha256_of(data)
    if store.known_document(db, sha, sidecar_state(sidecar)):
        store.record_path(db, key, sha, stat.st_size, stat.st_mtime_ns)
        summary.counts["unchanged"] += 1
        return None
    return sidecar, sha, stat.st_size, stat.st_mtime_ns


@contextmanager
def extractor(options: Options) -> Iterator[Callable]:
    """tasks → (task, Extraction or MinutesError) as each finishes: local worker processes, or the Dask cluster
    `options.scheduler` names (reached before any file is read, so an unreachable one fails at once)."""
    if options.scheduler is None:
        yield partial(extract_in_workers, workers=options.workers, timeout=options.timeout, ocr=options.ocr,
                      memory_mb=options.memory_mb)
        return
    from extract.run.cluster import connect, extract_on_cluster  # imported here: a local ingest never loads Dask

    with connect(options.scheduler) as client:
        yield partial(extract_on_cluster, client=client, timeout=options.timeout, ocr=options.ocr)


def ingest(paths: list[Path], db_path: Path, options: Options = Options(), progress: Progress | None = None) -> RunSummary:
    """Ingest files and folders into the database at `db_path`; the batch goes on past failures."""
    with extractor(options) as extract:
        return _ingest(paths, db_path, options, progress, extract)


def _ingest(paths: list[Path], db_path: Path, options: Options, progress: Progress | None, extract: Callable) -> RunSummary:
    db = store.connect(db_path)
    summary = RunSummary(run_id=store.start_run(db))
    to_extract = {}
    others: list[Path] = []
    found = find_files(paths, others)
    links = [p for p in others if p.is_symlink()]
    summary.skipped.update(LINK if p.is_symlink() else p.suffix.lower() or "(no extension)" for p in others)
    others = [p for p in others if p not in links]
    for path in found + (others if options.strict else []):  # --strict: each becomes an UnsupportedFormat row
        if (state := _triage(db, path, summary, options)) is not None:
            to_extract[shown(path)] = (path, path_key(path), *state)
    tasks = [(path, source, sidecar) for source, (path, _, sidecar, *_) in to_extract.items()]
    extracted = extract(tasks)
    try:
        _store_results(db, summary, extracted, to_extract, len(tasks), progress)
    except Interrupted:
        extracted.close()  # its workers are stopped before the run is marked
        summary.interrupted = True
        store.finish_run(db, summary.run_id, summary.counts, status="interrupted")
        return summary
    if options.prune:
        summary.counts["pruned"] = store.prune_missing(db, [path_key(p) for p in paths], on_disk)
    store.finish_run(db, summary.run_id, summary.counts)
    return summary


def _store_results(db, summary: RunSummary, extracted, to_extract: dict, total: int, progress: Progress | None) -> None:
    """Write each extraction as it comes back (one transaction per document), counting as it goes."""
    for done, ((_, source, _), result) in enumerate(extracted, 1):
        _, key, _, sha, size, mtime_ns = to_extract[source]
        if isinstance(result, MinutesError):
            _fail(db, summary, source, sha, result, (key, size, mtime_ns))
        else:
            replaced = store.path_state(db, key) is not None
            if store.save_extraction(db, result, key, size, mtime_ns):
                summary.counts["updated" if replaced else "new"] += 1
                summary.formats[result.document.format] += 1
                summary.ocr_pages += sum(page.text_source == "ocr" for page in result.pages)
                summary.checks.update(check.code for check in result.checks)
            else:
                summary.counts["unchanged"] += 1
        if progress:
            progress(done, total)
