"""Batch ingestion: parallel, incremental, crash-safe, concurrent, and every bad input a failure row."""

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.run import workers
from extract.run.batch import Options, ingest
from extract.store import database as store

from .conftest import CORPUS, corpus_file, snapshot

MINUTES = [Path(sys.executable).parent / "minutes"]
def varied_copies(folder: Path, count: int) -> None:
    """`count` distinct text documents (the seeds, each with its own trailing line) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted((CORPUS / "seeds").glob("*.txt"))
    for i in range(count):
        source = seeds[i % len(seeds)]
        (folder / f"{i:03d}_{source.name}").write_text(source.read_text(encoding="utf-8") + f"\n\nCopy {i}.\n")


def test_two_workers_store_the_same_rows_as_one(tmp_path):
    varied_copies(tmp_path / "in", 8)
    shutil.copy(corpus_file("kent_corporate-parenting-panel_2024-10-29.pdf"), tmp_path / "in")
    ingest([tmp_path / "in"], tmp_path / "one.db", Options(workers=1))
    ingest([tmp_path / "in"], tmp_path / "two.db", Options(workers=2))
    assert snapshot(tmp_path / "one.db") == snapshot(tmp_path / "two.db")


def _workers_of(db_path, wait: float = 5.0) -> list[int]:
    """Processes still running an ingest into `db_path` (workers are forked: they share its command line)."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and str(db_path).encode() in (entry / "cmdline").read_bytes() \
                        and b"Z" not in (entry / "stat").read_bytes().split(b")")[-1][:3]:
                    alive.append(int(entry.name))
            except OSError:
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.1)


def wait_until_stored(db_path: Path, documents: int, seconds: float = 60) -> None:
    """Until an ingest running elsewhere has committed `documents` documents (or time runs out)."""
    deadline = time.monotonic() + seconds
    stored = 0
    while time.monotonic() < deadline and stored < documents:
        time.sleep(0.05)
        try:
            stored = sqlite3.connect(db_path).execute("select count(*) from documents").fetchone()[0]
        except sqlite3.Error:
            stored = 0


def test_a_run_killed_part_way_is_finished_by_the_next_run(tmp_path):
    src = tmp_path / "in"
    varied_copies(src, 60)
    clean = tmp_path / "clean.db"
    ingest([src], clean, Options(workers=1))
    killed = tmp_path / "killed.db"
    run = subprocess.Popen([*MINUTES, "ingest", str(src), "--db", str(killed), "--workers", "1"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_until_stored(killed, 3)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert _workers_of(killed) == [], "a worker outlived the killed ingest"
    partial = snapshot(killed)
    assert 0 < len(partial["documents"]) < 60, "the kill must land part way through the batch"
    complete = snapshot(clean)
    for table, rows in partial.items():  # every stored document is complete: its rows are all there
        assert set(rows) <= set(complete[table]), table
    ingest([src], killed, Options(workers=1))
    assert snapshot(killed) == complete


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_or_ctrl_c_stops_cleanly_and_marks_the_run_interrupted(tmp_path, signum):
    src = tmp_path / "in"
    varied_copies(src, 60)
    db_path = tmp_path / "m.db"
    run = subprocess.Popen([*MINUTES, "ingest", str(src), "--db", str(db_path), "--workers", "2"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wait_until_stored(db_path, 3)
    run.send_signal(signum)
    out, err = run.communicate(timeout=60)
    assert run.returncode == 130 and "interrupted" in err and "Traceback" not in err, err
    assert _workers_of(db_path) == [], "a worker outlived the interrupted ingest"
    status, new = sqlite3.connect(db_path).execute("select status, new from runs").fetchone()
    assert status == "interrupted" and 0 < new < 60


def test_two_concurrent_ingests_both_finish_without_duplicates(tmp_path):
    src = tmp_path / "in"
    varied_copies(src, 20)
    db_path = tmp_path / "shared.db"
    runs = [subprocess.Popen([*MINUTES, "ingest", str(src), "--db", str(db_path), "--workers", "1"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [r.communicate(timeout=300) for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert not any("locked" in out + err for out, err in outputs)
    clean = tmp_path / "clean.db"
    ingest([src], clean, Options(workers=1))
    assert snapshot(db_path) == snapshot(clean)


def test_unchanged_files_are_skipped_without_being_read(tmp_path, monkeypatch):
    varied_copies(tmp_path / "in", 3)
    db_path = tmp_path / "m.db"
    ingest([tmp_path / "in"], db_path, Options(workers=1))
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))
    run = ingest([tmp_path / "in"], db_path, Options(workers=1))
    assert (run.counts["unchanged"], run.counts["new"]) == (3, 0)


def test_prune_removes_documents_whose_file_is_gone(tmp_path):
    varied_copies(tmp_path / "in", 3)
    db_path = tmp_path / "m.db"
    ingest([tmp_path / "in"], db_path, Options(workers=1))
    gone = sorted((tmp_path / "in").iterdir())[0]
    gone.unlink()
    run = ingest([tmp_path / "in"], db_path, Options(workers=1, prune=True))
    db = store.connect(db_path)
    assert run.counts["pruned"] == 1 and db["documents"].count == 2
    assert db.execute("select count(*) from agenda_items where document_id not in (select id from documents)").fetchone()[0] == 0


def failure_kinds(tmp_path, options: Options | None = None) -> dict[str, str]:
    run = ingest([tmp_path / "in"], tmp_path / "m.db", options or Options(workers=1))
    rows = store.connect(tmp_path / "m.db").execute("select path, kind, message from failures").fetchall()
    assert len(rows) == run.counts["failed"]
    assert all(path in message for path, _, message in rows), "each message names its file"
    return {Path(path).name: kind for path, kind, _ in rows}


def test_each_kind_of_bad_input_is_a_failure_row_and_the_batch_goes_on(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(corpus_file("003_1366e15ca36cafc6.txt"), src / "good.txt")
    (src / "empty.txt").write_bytes(b"")
    (src / "junk.pdf").write_bytes(os.urandom(4096))
    pdf = corpus_file("kent_cabinet_2025-01-30.pdf").read_bytes()
    (src / "truncated.pdf").write_bytes(pdf[: len(pdf) // 3])
    shutil.copy(corpus_file("tintern_community-council-accounts-scanned_2017-03-31.pdf"), src / "scanned.pdf")
    (src / "nobody.html").write_text("<html><head><title>x</title><script>a()</script></head><body></body></html>")
    (src / "cp1252.txt").write_bytes("Budget of £6,800 – agreed.".encode("cp1252"))
    (src / "utf16.txt").write_bytes("Budget of £6,800 – agreed by the Panel.".encode("utf-16"))
    (src / "huge.txt").write_bytes(b"Minutes. " * (50_000_000 // 9))  # a 50 MB text file
    (src / "loop").symlink_to(src, target_is_directory=True)  # a folder whose link loops back
    (src / "self.txt").symlink_to(src / "self.txt")  # a link to itself: links inside folders are not followed
    kinds = failure_kinds(tmp_path, Options(workers=1, ocr=False))  # --no-ocr: a scan is a failure
    assert kinds == {
        "empty.txt": "EmptyDocument", "junk.pdf": "UnreadableDocument", "truncated.pdf": "UnreadableDocument",
        "scanned.pdf": "NoTextLayer", "nobody.html": "EmptyDocument", "huge.txt": "DocumentTooLarge",
    }
    texts = [r[0] for r in store.connect(tmp_path / "m.db").execute("select text from documents")]
    assert len(texts) == 3 and any("£6,800 – agreed." in t for t in texts)


def _hang_or_crash(path, **kwargs):
    if path.name == "hang.txt":
        time.sleep(600)
    if path.name == "crash.txt":
        os._exit(3)
    return real_extract(path, **kwargs)


real_extract = workers.extract_document


def test_a_hanging_or_crashing_document_is_stopped_and_the_batch_goes_on(tmp_path, monkeypatch):
    monkeypatch.setattr(workers, "extract_document", _hang_or_crash)  # workers are forked: they see it
    src = tmp_path / "in"
    varied_copies(src, 4)
    (src / "hang.txt").write_text("Minutes of a meeting that will never be read.")
    (src / "crash.txt").write_text("Minutes of a meeting that crashes the reader.")
    start = time.monotonic()
    kinds = failure_kinds(tmp_path, Options(workers=2, timeout=2))
    assert kinds == {"hang.txt": "DocumentTimeout", "crash.txt": "ExtractorFailed"}
    assert time.monotonic() - start < 60
    assert store.connect(tmp_path / "m.db")["documents"].count == 4


def test_files_of_other_formats_are_named_in_the_summary_and_strict_makes_them_failures(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(corpus_file("003_1366e15ca36cafc6.txt"), src / "minutes.txt")
    (src / "agm.rtf").write_bytes(b"{\\rtf1\\ansi Minutes}")
    (src / "minutes.odt").write_bytes(b"PK\x03\x04 open document")
    (src / "minutes.txt.meta.json").write_text('{"council": "Rotherham"}')
    run = ingest([src], tmp_path / "m.db", Options(workers=1))
    assert run.skipped == {".rtf": 1, ".odt": 1} and run.counts["failed"] == 0
    strict = ingest([src], tmp_path / "strict.db", Options(workers=1, strict=True))
    kinds = {Path(path).name: (kind, message) for path, kind, message in strict.failures}
    assert set(kinds) == {"agm.rtf", "minutes.odt"} and {k for k, _ in kinds.values()} == {"UnsupportedFormat"}
    assert ".docx" in kinds["agm.rtf"][1]
