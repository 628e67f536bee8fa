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
    lines = table.output.splitlines()
    assert table.exit_code == 0 and lines[0].startswith("== csc_re_referrals (percent): ")
    assert lines[1].split() == ["council", "period", "value", "unit", "role", "indicator", "subject", "source"]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["series", "re-referral", "--db", str(seeds_db),
                                                                 "--csv"]).output)))
    assert {"series", "council", "period", "value", "unit", "role", "indicator", "subject", "source"} == set(rows[0])
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


MIXED = ("1. Care leavers\n\nIn 2022/23 the number of care leavers was 190. In 2022/23, 92% of care leavers were in "
         "suitable accommodation. In 2023/24 the number of care leavers was 205. In 2023/24, 94% of care leavers were "
         "in suitable accommodation.\n")


def test_figures_in_different_units_are_separate_series_in_the_table_and_the_plot(tmp_path):
    from extract.commands.plot import series_figure

    (tmp_path / "a.txt").write_text(MIXED)
    db = tmp_path / "m.db"
    ingest([tmp_path / "a.txt"], db, Options(workers=1))
    found = points(db, "care leavers")
    by_series = {}
    for p in found:
        by_series.setdefault(p.series, []).append(p.value)
    assert len(by_series) >= 2 and all(len({p.unit for p in found if p.series == s}) == 1 for s in by_series)
    assert any(values == [190.0, 205.0] for values in by_series.values())  # a count series, oldest first
    fig, drawn = series_figure(found, "care leavers")
    assert drawn == len(found) and len(fig.axes) == len(by_series)
    table = CliRunner().invoke(main, ["series", "care leavers", "--db", str(db)]).output
    assert table.count("== ") == len(by_series)


def test_indicators_lists_each_key_with_its_councils_years_and_wording(seeds_db):
    runner = CliRunner()
    found = runner.invoke(main, ["indicators", "re-referral", "--db", str(seeds_db)]).output
    head = found.splitlines()[0]
    assert head.startswith("csc_re_referrals (") and "Kirklees, Rotherham" in head and "2015–2023" in head
    assert "worded: " in found.splitlines()[1]
    every = runner.invoke(main, ["indicators", "--db", str(seeds_db)]).output
    assert "csc_re_referrals" in every and every.count("worded: ") > 3
    assert "no indicator matches" in runner.invoke(main, ["indicators", "no such measure", "--db", str(seeds_db)]).output
