"""Shared fixtures: the seeds (committed) and the real documents of the shared corpus (MINUTES_CORPUS).

Without the shared corpus, every test that needs a real document skips with one reason that says
what to set; the seed, rule, synthetic and property tests still run.
"""

import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from extract.commands.cli import main
from extract.read.corpus import MISSING, SEEDS, copy_with_sidecar, locate, shared_root, with_sidecar
from extract.run.batch import ingest
from extract.store import database as store

ROOT = Path(__file__).resolve().parent.parent
CORPUS = SEEDS


def pytest_report_header(config):
    root = shared_root()
    return f"shared corpus: {root}" if root else f"shared corpus: absent; {MISSING}"


SNAPSHOT_TABLES = ("documents", "document_paths", "pages", *store.TRACEABLE_TABLES, "checks", "failures")
NOT_COMPARED = {"id", "ingested_at", "run_id", "failed_at"}  # row ids, times and runs differ between equal ingests
LINKED = {"agenda_item_id": "agenda_items", "resolution_id": "resolutions", "motion_id": "motions",
          "attendee_id": "attendees", "table_id": "tables"}


def snapshot(db_path: Path) -> dict[str, list[tuple]]:
    """Every table's rows without row ids, times and runs; a link to another row replaced by where that row's
    evidence is (document, char_start), so two databases holding the same records compare equal."""
    conn = sqlite3.connect(db_path)
    spans = {table: {i: (d, s) for i, d, s in conn.execute(f"select id, document_id, char_start from {table}")}
             for table in set(LINKED.values())}
    tables = {}
    for table in SNAPSHOT_TABLES:
        cursor = conn.execute(f"select * from {table}")
        names = [c[0] for c in cursor.description]
        tables[table] = sorted((tuple(spans[LINKED[k]].get(v) if k in LINKED else v
                                      for k, v in zip(names, row) if k not in NOT_COMPARED) for row in cursor), key=repr)
    return tables


def needs_shared() -> Path:
    """The shared corpus folder; skips the calling test when it is absent."""
    root = shared_root()
    if root is None:
        pytest.skip(MISSING)
    return root


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """The seeds and the shared real/ documents (with our sidecars) ingested once: (database, summary)."""
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(SEEDS, folder / "seeds")
    real = needs_shared() / "real"
    for path in sorted(real.iterdir()):
        if path.is_file() and path.name != "SOURCES.md":
            copy_with_sidecar(path, folder / "real")
    path = tmp_path_factory.mktemp("db") / "minutes.db"
    return store.connect(path), ingest([folder], path)


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory):
    """The committed seeds alone ingested once: (database, summary); needs nothing outside the repository."""
    path = tmp_path_factory.mktemp("seeds-db") / "minutes.db"
    return store.connect(path), ingest([SEEDS], path)


def stage_rows(name: str, stage, evidence: str) -> list:
    """One corpus document through load, segment and `stage`; every row's span must be its evidence."""
    from extract.find.segment import segment
    from extract.find.sentences import SentenceIndex
    from extract.read.document import load_document

    doc, _ = load_document(corpus_file(name))
    rows = stage(doc, segment(doc), SentenceIndex(doc.text))
    assert all(doc.text[r.char_start:r.char_end] == getattr(r, evidence) for r in rows)
    return rows


_STAGED = Path(tempfile.mkdtemp(prefix="minutes-staged-"))


def corpus_file(name: str) -> Path:
    """A seed or a shared document by file name (skips without the shared corpus); sidecars applied."""
    path = locate(name)
    if path is None:
        needs_shared()
        pytest.fail(f"{name} is neither a seed nor in the shared corpus at {shared_root()}")
    return with_sidecar(path, _STAGED / name)


def db_file(fixture) -> str:
    """The database file behind a `seeds_db` / `corpus_db` fixture."""
    return fixture[0].conn.execute("pragma database_list").fetchone()[2]


def run(*args):
    """The `minutes` command line, in process."""
    return CliRunner().invoke(main, [str(a) for a in args])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db_path: Path):
    """`minutes serve` on a free port for the duration: yields its base URL."""
    port = free_port()
    server = subprocess.Popen([str(Path(sys.executable).parent / "minutes"), "serve", "--db", str(db_path),
                               "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            server.kill()
            pytest.fail(f"minutes serve did not start: {server.stdout.read().decode()[-2000:]}")
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)
