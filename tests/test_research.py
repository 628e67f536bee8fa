"""Researchers' and auditors' commands on the seeds database: trace, search, export."""

import csv
import io
import json
import sqlite3

from click.testing import CliRunner

from extract.commands.cli import main

from .conftest import db_file, run


def test_search_finds_the_elective_home_education_passages_in_the_seeds(seeds_db):
    result = run("search", "elective home education", "--db", db_file(seeds_db))
    assert result.exit_code == 0
    assert "000_6b752bb0918b9000.txt" in result.output and "001_3497c6eb6f7182a5.txt" in result.output
    assert "[electively] [home] [educated]" in result.output


def test_search_stays_in_step_with_new_documents(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("1. Allotments\n\nThe allotment waiting list was discussed.\n\n2. Close\n\nNone.")
    db = tmp_path / "m.db"
    run("ingest", path, "--db", db, "--workers", 1)
    assert "allotment" in run("search", "allotment waiting", "--db", db).output.lower()


SEARCHED = ("ASHWELL PARISH COUNCIL\nMinutes of the meeting held on 3 May 2024\n\nPresent: Cllr Jane Ormerod (Chair), "
            "Cllr Tom Ruddle\n\n1. Schools\n\nThe head teacher reported on the educational visits. Attendance was 94%, "
            "up from 91% last year, with 12 pupils excluded against 15.\n\n2. Footpaths\n\nCllr Ormerod walked the "
            "bridleway with the warden.\n")


def test_search_covers_the_whole_text_and_names_prefixes_and_one_hit_per_sentence(tmp_path):
    (tmp_path / "ashwell.txt").write_text(SEARCHED)
    db = tmp_path / "m.db"
    run("ingest", tmp_path / "ashwell.txt", "--db", db, "--workers", 1)
    name = run("search", "Ormerod", "--db", db).output
    assert "attendees " in name and "[Ormerod]" in name  # the name as an attendee …
    assert "text (2 passages)" in name  # … and where the text names her, with the item to trace
    assert "walked" not in name or "minutes trace agenda_items" in name
    prefix = run("search", "educat*", "--db", db).output
    assert "[educational]" in prefix
    figures = run("search", "pupils excluded", "--db", db).output
    assert figures.count("Attendance was 94%") == 1 and figures.count("[pupils] [excluded]") == 1
    (line,) = [line for line in figures.splitlines() if line.startswith("metrics ")]
    assert line.count(",") >= 2  # one hit lists every figure of the sentence


def test_trace_marks_the_figure_in_its_sentence(seeds_db):
    db, _ = seeds_db
    metric_id, quote = db.execute(
        "select m.id, m.quote from metrics m join documents d on d.id = m.document_id "
        "where d.source_path like '%001_3497c6eb6f7182a5.txt' and m.quote = '89.3%'").fetchone()
    result = run("trace", "metrics", metric_id, "--db", db_file(seeds_db))
    assert result.exit_code == 0
    assert "[[89.3%]] of families were contacted within 3 working days" in result.output
    assert "meeting 2023-07-25" in result.output and "CHILDREN'S AND YOUNG PEOPLES SERVICE" in result.output
    traced = json.loads(run("trace", "metrics", metric_id, "--db", db_file(seeds_db), "--json").output)
    assert traced["evidence"] == quote and traced["reproduces"] is True


def test_trace_says_loudly_when_the_stored_text_no_longer_reproduces_the_evidence(seeds_db, tmp_path):
    copy = tmp_path / "tampered.db"
    seeds_db[0].conn.execute(f"vacuum into '{copy}'")  # a copy that includes what is still in the WAL
    db = seeds_db[0].__class__(str(copy))
    metric_id, doc_id = db.execute("select id, document_id from metrics limit 1").fetchone()
    db.execute("update documents set text = 'x' || text where id = ?", [doc_id])
    db.conn.commit()
    result = CliRunner().invoke(main, ["trace", "metrics", str(metric_id), "--db", str(copy)])
    assert result.exit_code == 2 and "EVIDENCE MISMATCH" in result.output


def test_export_writes_every_row_as_csv_or_json(seeds_db):
    db, _ = seeds_db
    as_csv = run("export", "attendees", "--db", db_file(seeds_db), "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(as_csv)))
    assert len(rows) == db["attendees"].count and {"name", "status", "char_start"} <= set(rows[0])
    as_json = json.loads(run("export", "metrics", "--db", db_file(seeds_db), "--format", "json").stdout)
    assert len(as_json) == db["metrics"].count
    # each row stands alone: its document's council, committee, meeting date and path come with it
    figure = next(r for r in as_json if r["quote"] == "89.3%" and r["source_path"].endswith("001_3497c6eb6f7182a5.txt"))
    assert figure["council"] == "Rotherham" and figure["meeting_date"] == "2023-07-25"
    facts = list(csv.DictReader(io.StringIO(run("export", "metric_facts", "--db", db_file(seeds_db)).stdout)))
    assert len(facts) == db["metrics"].count  # the views export too


def test_export_of_an_unknown_table_names_the_tables_there_are(seeds_db):
    result = run("export", "minutes", "--db", db_file(seeds_db))
    assert result.exit_code != 0 and "choose one of" in result.output


def test_series_plot_draws_the_dated_re_referral_figures(seeds_db, tmp_path):
    png = tmp_path / "re.png"
    result = run("series", "re-referral", "--db", db_file(seeds_db), "--plot", png)
    assert result.exit_code == 0 and "2015/16" in result.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    assert "plotted" in result.stderr


def test_version_short_help_and_a_council_named_in_full(seeds_db, tmp_path):
    assert run("--version").output.startswith("minutes ")
    assert run("-h").exit_code == 0 and "Usage:" in run("-h").output and "ingest" in run("-h").output
    short = run("series", "re-referral", "--db", db_file(seeds_db), "--council", "Rotherham", "--csv").output
    full = run("series", "re-referral", "--db", db_file(seeds_db), "--council", "Rotherham Metropolitan Borough Council",
               "--csv").output
    assert full == short and short.count("\n") > 1
    missing_folder = run("series", "re-referral", "--db", db_file(seeds_db), "--plot", tmp_path / "no" / "x.png")
    assert missing_folder.exit_code == 1 and "does not exist" in missing_folder.output


def test_trace_says_not_stated_rather_than_none(tmp_path):
    (tmp_path / "a.txt").write_text("1. Finance\n\nThe balance rose to £1,200 this year.\n")
    db = tmp_path / "m.db"
    run("ingest", tmp_path / "a.txt", "--db", db, "--workers", 1)
    metric_id = sqlite3.connect(db).execute("select id from metrics").fetchone()[0]
    output = run("trace", "metrics", metric_id, "--db", db).output
    assert "None" not in output and "committee not stated" in output
