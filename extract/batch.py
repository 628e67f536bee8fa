"""Ingest many files: skip what is stored, extract the rest, record every failure, count the run."""

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ExtractorFailed, MinutesError, UnreadableDocument
from .ingest import FORMATS, sha256_of
from .pipeline import extract_document
from . import store


@dataclass
class RunSummary:
    run_id: int
    counts: Counter = field(default_factory=Counter)
    formats: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str, str]] = field(default_factory=list)  # (path, kind, message)


def find_files(paths: list[Path]) -> list[Path]:
    """Files named directly, and every supported file below named folders (links not followed)."""
    found = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):  # followlinks=False: a symlink loop cannot trap us
                dirs.sort()
                found.extend(Path(root) / f for f in sorted(files) if Path(f).suffix.lower() in FORMATS)
        else:
            found.append(path)
    return found


def ingest_file(db, run_id: int, path: Path, summary: RunSummary) -> None:
    source = str(path)
    sha = None
    try:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableDocument(f"{path}: cannot be read ({exc.strerror}); check it exists and is readable") from exc
        sha = sha256_of(data)
        if store.known_document(db, sha):
            store.record_path(db, source, sha)
            summary.counts["unchanged"] += 1
            return
        replaced = store.document_at(db, source)
        extraction = extract_document(path, data, source)
        store.save_extraction(db, extraction, source)
        summary.counts["updated" if replaced else "new"] += 1
        summary.formats[extraction.document.format] += 1
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        if not isinstance(exc, MinutesError):
            exc = ExtractorFailed(f"{path}: the pipeline failed on this file ({type(exc).__name__}: {exc}); "
                                  "please report it with the file")
        summary.counts["failed"] += 1
        summary.failures.append((source, exc.kind, str(exc)))
        store.record_failure(db, run_id, source, sha, exc.kind, str(exc))


def ingest(paths: list[Path], db_path: Path) -> RunSummary:
    """Ingest files and folders into the database at `db_path`; the batch goes on past failures."""
    db = store.connect(db_path)
    summary = RunSummary(run_id=store.start_run(db))
    for path in find_files(paths):
        ingest_file(db, summary.run_id, path, summary)
    store.finish_run(db, summary.run_id, {k: summary.counts[k] for k in ("new", "updated", "unchanged", "failed")})
    return summary
