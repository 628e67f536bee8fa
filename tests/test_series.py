"""`minutes series`: one indicator across councils and years, oldest first, duplicates merged.

The database is built in tmp_path from corpus/seeds: seed 000 is the web page of minute 101, which
seed 001 prints in full, so their shared figures are one point with two sources.
"""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from extract.commands.cli import main
from extract.commands.series import find_points
from extract.run.batch import Options, ingest
from extract.store import database as store

from .conftest import CORPUS


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("series") / "seeds.db"
    ingest([CORPUS / "seeds"], path)
    return path


def points(db_path, query, **kw):
    return find_points(store.connect(db_path).conn, query, **kw)


def test_re_referral_series_runs_2015_16_to_kirklees_2023_oldest_first(seeds_db):
    found = points(seeds_db, "re-referral")
    dated = [(p.council, p.period, p.value, p.role) for p in found if p.period_start]
    assert ("Rotherham", "2015/16", 30.9, "actual") in dated
    assert ("Rotherham", "2016/17", 27.6, "actual") in dated
    assert ("Rotherham", "2022/23", 22.0, "target") in dated
    assert ("Kirklees", "September 2023", 24.0, "actual") in dated
    starts = [p.period_start for p in found if p.period_start]
    assert starts == sorted(starts)


def test_the_web_page_and_the_printed_minutes_of_one_meeting_give_one_point_with_both_sources(seeds_db):
    target, = [p for p in points(seeds_db, "re-referral") if p.role == "target"]
    assert sorted(s["document"].rsplit("/", 1)[-1][:3] for s in target.sources) == ["000", "001"]


def test_role_and_council_filters(seeds_db):
    assert {p.role for p in points(seeds_db, "csc_re_referrals", role="previous")} == {"previous"}
    assert {p.council for p in points(seeds_db, "re-referral", council="kirklees")} == {"Kirklees"}


def test_a_key_and_words_naming_it_give_the_same_series(seeds_db):
    assert points(seeds_db, "csc_re_referrals") == points(seeds_db, "re-referral")


def test_words_naming_no_indicator_search_subjects(seeds_db):
    assert points(seeds_db, "electively home educated") and points(seeds_db, "no such measure anywhere") == []


def test_cli_prints_a_table_and_parseable_csv_and_json(seeds_db):
    runner = CliRunner()
    table = runner.invoke(main, ["series", "re-referral", "--db", str(seeds_db)])
    assert table.exit_code == 0 and table.output.splitlines()[0].split() == ["council", "period", "value", "unit",
                                                                          "role", "indicator", "subject", "source"]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["series", "re-referral", "--db", str(seeds_db),
                                                                 "--csv"]).output)))
    assert {"council", "period", "value", "unit", "role", "indicator", "subject", "source"} == set(rows[0])
    assert {r["indicator"] for r in rows} == {"csc_re_referrals"}
    data = json.loads(runner.invoke(main, ["series", "re-referral", "--db", str(seeds_db), "--json",
                                           "--role", "target"]).output)
    assert [(d["value"], len(d["sources"])) for d in data] == [(22.0, 2)]


def test_cli_refuses_a_missing_database(tmp_path):
    result = CliRunner().invoke(main, ["series", "re-referral", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0 and "does not exist" in result.output


def test_a_stored_figure_is_printed_exactly_and_wildcards_are_words(tmp_path):
    (tmp_path / "a.txt").write_text("1. Finance\n\nThe precept was £16,995.84 and the reserve was £1,234,567.89.\n")
    db = tmp_path / "m.db"
    ingest([tmp_path / "a.txt"], db, Options(workers=1))
    runner = CliRunner()
    values = [r["value"] for r in csv.DictReader(io.StringIO(runner.invoke(
        main, ["series", "precept", "--db", str(db), "--csv"]).output))]
    assert "16995.84" in values
    reserve = runner.invoke(main, ["series", "reserve", "--db", str(db), "--csv"]).output
    assert "1234567.89" in reserve and "e+06" not in reserve
    for query in ("%", "_"):
        assert runner.invoke(main, ["series", query, "--db", str(db), "--csv"]).output.count("\n") <= 1
    empty = runner.invoke(main, ["series", "  ", "--db", str(db)])
    assert empty.exit_code == 1 and "empty query" in empty.output
