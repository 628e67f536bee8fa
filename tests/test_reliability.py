"""Reliability under attack (issue 15): files that are not files, names that are not UTF-8, prune
from anywhere, and storage that stays bounded whatever the text's shape."""

import os
import sqlite3
import threading
import zlib
from pathlib import Path

import pytest

from extract.find.sentences import MAX_STORED
from extract.run.batch import Options, ingest
from extract.store import database as store

from .conftest import db_file, run

ONE = Options(workers=1)
MINUTES = "1. Allotments\n\nThe allotment waiting list was discussed.\n\n2. Close\n\nNone.\n"


def ingest_within(paths, db, seconds=60, options=ONE):
    """Ingest in a thread; fail (rather than hang the suite) if it does not finish in time."""
    done = {}
    thread = threading.Thread(target=lambda: done.setdefault("run", ingest(paths, db, options)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert "run" in done, f"ingest did not finish within {seconds} s"
    return done["run"]


def test_a_fifo_in_a_folder_is_a_failure_not_a_hang(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(MINUTES)
    os.mkfifo(folder / "b.txt")
    run = ingest_within([folder], tmp_path / "m.db")
    assert run.counts["new"] == 1 and [(Path(p).name, kind) for p, kind, _ in run.failures] == [("b.txt", "NotRegularFile")]


def test_a_device_is_not_read(tmp_path):
    run = ingest_within([Path("/dev/zero")], tmp_path / "m.db")
    assert [kind for _, kind, _ in run.failures] == ["NotRegularFile"]
    assert "not a regular file" in run.failures[0][2]


def test_a_name_that_is_not_utf8_is_stored_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plain.txt").write_text(MINUTES)
    odd = os.path.join(os.fsencode(folder), b"caf\xe9.txt")
    with open(odd, "wb") as f:
        f.write(MINUTES.replace("Allotments", "Cafe").encode())
    db = tmp_path / "m.db"
    run = ingest_within([folder], db)
    assert run.counts["new"] == 2 and not run.failures
    conn = store.connect(db)
    assert any(p.endswith("caf\\xe9.txt") for (p,) in conn.execute("select source_path from documents"))
    assert conn.execute("select finished_at is not null from runs").fetchone() == (1,)
    assert ingest_within([folder], db).counts["unchanged"] == 2
    os.remove(odd)
    assert ingest_within([folder], db, options=Options(workers=1, prune=True)).counts["pruned"] == 1


def test_prune_from_another_folder_keeps_live_documents_and_dot_prunes(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(MINUTES.replace("Allotments", name))
    db = tmp_path / "m.db"
    monkeypatch.chdir(tmp_path)
    ingest_within([Path("in")], db)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert ingest_within([folder], db, options=Options(workers=1, prune=True)).counts["pruned"] == 0
    assert store.connect(db)["documents"].count == 2
    (folder / "b.txt").unlink()
    monkeypatch.chdir(folder)
    assert ingest_within([Path(".")], db, options=Options(workers=1, prune=True)).counts["pruned"] == 1
    assert store.connect(db)["documents"].count == 1


@pytest.mark.parametrize("text", ["the rate rose to 45% and " * 2000,
                                  "\n".join(" ".join(f"{(i * 7919 + j * 104729) % 99999:,}" for j in range(10))
                                            for i in range(700))])
def test_storage_stays_a_bounded_multiple_of_the_input(tmp_path, text):
    (tmp_path / "in.txt").write_text(text)
    db = tmp_path / "m.db"
    ingest_within([tmp_path / "in.txt"], db)
    conn = store.connect(db)
    longest = max(conn.execute(f"select max(length(sentence)) from {t}").fetchone()[0] or 0
                  for t in store.TRACEABLE_TABLES if t != "agenda_items")
    assert longest <= MAX_STORED
    conn.execute("pragma wal_checkpoint(truncate)")
    size = sum(p.stat().st_size for p in tmp_path.glob("m.db*"))
    assert size < 100 * len(text.encode())  # it was thousands of times the input


def test_a_schema_left_half_made_is_completed_and_search_stays_in_step(tmp_path):
    db_path = tmp_path / "m.db"
    conn = store.connect(db_path)
    assert conn.execute("pragma user_version").fetchone()[0] == store.SCHEMA_VERSION
    conn.execute("drop trigger resolutions_ai")  # as a kill during the first run's schema creation could
    conn.execute("pragma user_version = 0")
    conn.conn.commit()
    (tmp_path / "a.txt").write_text("1. Allotments\n\nRESOLVED: That the allotment rents be frozen.\n")
    ingest([tmp_path / "a.txt"], db_path, ONE)
    conn = store.connect(db_path)
    assert conn.execute("select count(*) from sqlite_master where name = 'resolutions_ai'").fetchone() == (1,)
    from extract.store.search import search
    assert [h.table for h in search(conn, "allotment rents frozen")] == ["resolutions"]


def bomb_pdf(inflated_mb: int) -> bytes:
    """A one-page PDF whose content stream is ~1 MB of deflate that inflates to `inflated_mb` MB."""
    packer = zlib.compressobj(9)
    data = b"".join(packer.compress(b"0" * (1 << 20)) for _ in range(inflated_mb)) + packer.flush()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
               b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_decompression_bomb_fails_alone_within_the_worker_memory_cap(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.pdf").write_bytes(bomb_pdf(1024))
    (folder / "a.txt").write_text(MINUTES)
    run = ingest_within([folder], tmp_path / "m.db", 120, Options(workers=1, memory_mb=768, ocr=False))
    assert run.counts["new"] == 1
    assert [(Path(p).name, kind) for p, kind, _ in run.failures] == [("bomb.pdf", "MemoryLimitExceeded")]


@pytest.mark.parametrize("args", [["trace", "metrics", "99999999999999999999999"], ["search", "budget"],
                                  ["export", "metrics"], ["series", "budget"]])
def test_reading_commands_neither_create_a_database_nor_show_a_traceback(tmp_path, args):
    missing = tmp_path / "none.db"
    result = run(*args, "--db", missing)
    assert result.exit_code == 1 and "does not exist" in result.output and not missing.exists()
    not_sqlite = tmp_path / "passwd"
    not_sqlite.write_text("root:x:0:0:root:/root:/bin/bash\n")
    result = run(*args, "--db", not_sqlite)
    assert result.exit_code == 1 and "is not a minutes database" in result.output
    assert not_sqlite.read_text() == "root:x:0:0:root:/root:/bin/bash\n"


def test_trace_of_an_id_past_sqlites_range_says_there_is_no_such_row(seeds_db):
    result = run("trace", "metrics", "99999999999999999999999", "--db", db_file(seeds_db))
    assert result.exit_code == 1 and "has no row with id" in result.output


def test_escape_sequences_in_a_document_are_shown_not_obeyed(tmp_path):
    (tmp_path / "a.txt").write_text("1. Allotments\n\nRESOLVED: That the \x1b[2J\x1b]0;owned\x07 rents be frozen.\n")
    db = tmp_path / "m.db"
    ingest([tmp_path / "a.txt"], db, ONE)
    resolution_id = store.connect(db).execute("select id from resolutions").fetchone()[0]
    for result in (run("trace", "resolutions", resolution_id, "--db", db), run("search", "rents frozen", "--db", db)):
        assert result.exit_code == 0 and "\x1b" not in result.output and "\\x1b[2J" in result.output


def test_utf32_text_and_a_sidecar_that_is_not_an_object(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wide.txt").write_bytes(MINUTES.encode("utf-32"))
    (folder / "listed.txt").write_text(MINUTES.replace("Allotments", "Parking"))
    (folder / "listed.txt.meta.json").write_text('["council", "Rotherham"]')
    db = tmp_path / "m.db"
    run_ = ingest_within([folder], db)
    assert run_.counts["new"] == 1
    assert [(Path(p).name, kind) for p, kind, _ in run_.failures] == [("listed.txt", "UnreadableDocument")]
    assert "must be a JSON object" in run_.failures[0][2]
    (text,) = store.connect(db).execute("select text from documents").fetchone()
    assert "\x00" not in text and text.startswith("1. Allotments")


def test_a_link_inside_a_folder_is_not_followed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(MINUTES)
    secret = tmp_path / "secret.txt"
    secret.write_text("1. Secrets\n\nThe password is hunter2.\n")
    (folder / "b.txt").symlink_to(secret)
    db = tmp_path / "m.db"
    run_ = ingest_within([folder], db)
    assert run_.counts["new"] == 1 and not run_.failures and sum(run_.skipped.values()) == 1
    assert "hunter2" not in " ".join(t for (t,) in store.connect(db).execute("select text from documents"))


def test_a_failing_file_is_not_read_again_until_it_changes_or_retry_is_asked(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    broken = folder / "broken.txt"
    broken.write_text("")
    db = tmp_path / "m.db"
    assert ingest([folder], db, ONE).counts["failed"] == 1
    real_read = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read again"))
    again = ingest([folder], db, ONE)
    assert again.counts["failed"] == 0 and again.not_retried == {"EmptyDocument": 1}
    monkeypatch.setattr(Path, "read_bytes", real_read)
    assert ingest([folder], db, Options(workers=1, retry_failed=True)).counts["failed"] == 1
    broken.write_text("1. Allotments\n\nThe allotment waiting list was discussed.\n")  # fixed: it changed
    assert ingest([folder], db, ONE).counts["new"] == 1
    conn = store.connect(db)
    assert conn.execute("select count(*) from failures").fetchone() == (2,)  # the first run and the retry
    assert conn.execute("select count(*) from failed_files").fetchone() == (0,)


def test_the_evidence_view_highlights_the_span_even_when_the_document_holds_brackets(tmp_path):
    import importlib.util
    plugin_file = Path(__file__).resolve().parents[1] / "extract/commands/datasette/plugins/minutes_evidence.py"
    spec = importlib.util.spec_from_file_location("minutes_evidence", plugin_file)
    plugin = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(plugin)
    (tmp_path / "a.txt").write_text("1. Finance\n\nSee [[note 3]]. The balance rose to £1,200 this year.\n")
    db = tmp_path / "m.db"
    ingest([tmp_path / "a.txt"], db, ONE)
    conn = store.connect(db).conn
    conn.row_factory = sqlite3.Row
    row = conn.execute("select * from evidence where record_table = 'metrics' and stated = '£1,200'").fetchone()
    cell = plugin.render_cell(row, row["evidence"], "evidence", "evidence", "m", None)
    assert "<mark>£1,200</mark>" in str(cell)


def test_a_sidecar_added_edited_or_removed_after_the_first_ingest_is_applied(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(MINUTES)
    sidecar = folder / "a.txt.meta.json"
    db = tmp_path / "m.db"

    def stored():
        return store.connect(db).execute("select council, metadata_source from documents").fetchall()

    assert ingest_within([folder], db).counts["new"] == 1
    sidecar.write_text('{"council": "Ashwell"}')
    assert ingest_within([folder], db).counts["updated"] == 1 and stored() == [("Ashwell", "sidecar")]
    sidecar.write_text('{"council": "Ashwell Parish"}')
    assert ingest_within([folder], db).counts["updated"] == 1 and stored() == [("Ashwell Parish", "sidecar")]
    assert ingest_within([folder], db).counts["unchanged"] == 1
    sidecar.write_text("{not json")
    assert [kind for _, kind, _ in ingest_within([folder], db).failures] == ["UnreadableDocument"]
    assert stored() == [("Ashwell Parish", "sidecar")]  # a broken sidecar loses nothing stored
    sidecar.unlink()
    assert ingest_within([folder], db).counts["updated"] == 1 and stored()[0][1] == "inferred"
    assert store.connect(db).execute("select count(*) from agenda_items").fetchone()[0] == 2  # re-made, not doubled
