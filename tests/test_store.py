"""Storage: re-runs change nothing, changed files replace their rows, failures are recorded."""

import shutil

from hypothesis import given, settings
from hypothesis import strategies as st

from extract.run.batch import ingest
from extract.store import database as store
from schemas.records import Action

from .conftest import corpus_file

TABLES = ("documents", "pages", "agenda_items", "metrics", "attendees", "resolutions", "actions")


def counts(db_path):
    db = store.connect(db_path)
    return {table: db[table].count for table in TABLES}


def test_the_corpus_ingests_whole_with_the_scanned_accounts_read_by_ocr(corpus_db):
    db, summary = corpus_db
    assert summary.counts["failed"] == 0 and summary.failures == []
    assert summary.counts["new"] == db["documents"].count == 28
    assert summary.ocr_pages == 2
    ocr = db.execute("select d.source_path, p.number, p.ocr_confidence from pages p join documents d "
                     "on d.id = p.document_id where p.text_source = 'ocr' order by p.number").fetchall()
    assert [(path.rsplit("/", 1)[-1], n) for path, n, _ in ocr] == [
        ("tintern_community-council-accounts-scanned_2017-03-31.pdf", 1),
        ("tintern_community-council-accounts-scanned_2017-03-31.pdf", 2)]
    assert all(confidence > 60 for *_, confidence in ocr)


def test_rerunning_on_the_same_files_changes_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("001_3497c6eb6f7182a5.txt", "kent_corporate-parenting-panel_2024-10-29.pdf"):
        shutil.copy(corpus_file(name), src)
    db_path = tmp_path / "m.db"
    first = ingest([src], db_path)
    before = counts(db_path)
    second = ingest([src], db_path)
    assert (first.counts["new"], second.counts["unchanged"], second.counts["new"]) == (2, 2, 0)
    assert counts(db_path) == before
    runs = list(store.connect(db_path)["runs"].rows)
    assert [(r["new"], r["unchanged"], r["failed"]) for r in runs] == [(2, 0, 0), (0, 2, 0)]


def test_a_changed_file_replaces_its_old_rows(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("IMPROVING LIVES SELECT COMMISSION\nTuesday 25 July 2023\n\n"
                    "95. APOLOGIES\n\nNone.\n\n96. MINUTES\n\nAgreed.")
    db_path = tmp_path / "m.db"
    ingest([path], db_path)
    path.write_text("IMPROVING LIVES SELECT COMMISSION\nTuesday 5 September 2023\n\n"
                    "1. APOLOGIES\n\nNone.\n\n2. MINUTES\n\nAgreed.")
    run = ingest([path], db_path)
    db = store.connect(db_path)
    assert run.counts["updated"] == 1
    assert [d["meeting_date"] for d in db["documents"].rows] == ["2023-09-05"]
    assert [i["number"] for i in db["agenda_items"].rows] == ["1", "2"]


def test_the_same_bytes_under_two_paths_are_stored_once_with_both_paths(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(corpus_file("003_1366e15ca36cafc6.txt"), tmp_path / folder)
    db_path = tmp_path / "m.db"
    ingest([tmp_path / "a", tmp_path / "b"], db_path)
    db = store.connect(db_path)
    assert db["documents"].count == 1
    assert sorted(r["path"].split("/")[-2] for r in db["document_paths"].rows) == ["a", "b"]


def test_a_failing_file_keeps_what_was_stored_for_it_before(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("Rotherham minutes.\n\n1. APOLOGIES\n\nNone.\n\n2. MINUTES\n\nAgreed.")
    db_path = tmp_path / "m.db"
    ingest([path], db_path)
    path.write_bytes(b"")
    run = ingest([path], db_path)
    assert run.counts["failed"] == 1 and run.failures[0][1] == "EmptyDocument"
    assert counts(db_path)["documents"] == 1 and counts(db_path)["agenda_items"] == 2


def test_the_batch_goes_on_past_bad_files(tmp_path):
    (tmp_path / "junk.pdf").write_bytes(b"this is not a pdf at all")
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(corpus_file("003_1366e15ca36cafc6.txt"), tmp_path)
    run = ingest([tmp_path], tmp_path / "m.db")
    assert run.counts["new"] == 1 and run.counts["failed"] == 2
    assert sorted(kind for _, kind, _ in run.failures) == ["EmptyDocument", "UnreadableDocument"]


def test_a_database_from_an_earlier_version_gains_the_new_columns_and_keeps_its_rows(tmp_path):
    db_path = tmp_path / "m.db"
    shutil.copy(corpus_file("003_1366e15ca36cafc6.txt"), tmp_path / "a.txt")
    ingest([tmp_path / "a.txt"], db_path)
    old = store.connect(db_path)
    old.execute("alter table pages drop column ocr_confidence")
    old.execute("alter table pages drop column text_source")
    before = counts(db_path)
    db = store.connect(db_path)
    assert {"text_source", "ocr_confidence"} <= set(db["pages"].columns_dict)
    assert counts(db_path) == before


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 30)), max_size=30), st.integers(0, 95))
def test_the_innermost_containing_span_is_found_as_a_scan_of_every_span_would(raw, at):
    """Agenda items nest (8.1 inside 8); the bisection must agree with the plain quadratic scan."""
    spans = sorted(((s, s + length, i) for i, (s, length) in enumerate(raw)), key=lambda s: s[0])
    record = Action(document_id="d", char_start=at, char_end=at, rule_id="r", text="")
    expected = None
    for start, end, row_id in spans:
        if start <= at < end or start == at == end:
            expected = row_id
    assert store._Containing(spans).of(record) == expected
