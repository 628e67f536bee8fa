"""Indicator keys built from subjects: one key for one measure written alike in two reports, and
never one key for two measures."""

import pytest
from click.testing import CliRunner

from extract.commands.cli import main
from extract.find.metrics.indicator_keys import subject_key
from extract.run.batch import Options, ingest


@pytest.mark.parametrize("a, b", [
    ("Planning applications determined within 8 weeks", "planning applications determined within eight weeks"),
    ("The percentage of missed bin collections", "Missed bin collections"),
    ("Looked After Children placed out of area", "children in care placed out of area"),
    ("Fly-tipping incidents cleared", "fly-tipping incidents cleared during the year"),
])
def test_one_measure_worded_alike_shares_a_key(a, b):
    assert subject_key(a, "percent") == subject_key(b, "percent") is not None


@pytest.mark.parametrize("a, b", [
    ("children in care", "child care places"),            # prepositions kept: not one measure
    ("referrals to adult social care", "referrals from adult social care"),
    ("households in temporary accommodation", "care leavers in suitable accommodation"),
])
def test_two_measures_never_share_a_key(a, b):
    assert subject_key(a, "count") != subject_key(b, "count")


def test_a_percentage_and_a_count_of_one_thing_are_two_series():
    assert subject_key("missed bin collections", "percent") != subject_key("missed bin collections", "count")


@pytest.mark.parametrize("subject", ["contacts", "the figure", "Target", "during the year 2023"])
def test_a_subject_too_thin_to_name_one_measure_gets_no_key(subject):
    assert subject_key(subject, "count") is None


TWO_COUNCILS = {  # invented minutes of two councils in two years, wording the measure alike
    "northshire_2023.txt": ("NORTHSHIRE COUNCIL\nEnvironment Committee\nMinutes of the meeting held on 12 June 2023\n\n"
                            "1. Waste performance\n\nMissed bin collections per 100,000 collections were 41 in 2022/23, "
                            "against a target of 50.\n"),
    "southvale_2024.txt": ("SOUTHVALE DISTRICT COUNCIL\nEnvironment Committee\nMinutes of the meeting held on 3 July 2024\n\n"
                           "1. Waste performance\n\nMissed bin collections per 100,000 collections rose to 63 in 2023/24.\n"),
}


def test_a_measure_two_councils_report_is_one_series_found_through_minutes_indicators(tmp_path):
    for name, text in TWO_COUNCILS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = tmp_path / "m.db"
    ingest([tmp_path], db, Options(workers=1))
    runner = CliRunner()
    listed = runner.invoke(main, ["indicators", "missed bin", "--db", str(db)]).output
    key = listed.split(":", 2)[0] + ":" + listed.split(":", 2)[1].split()[0]  # "missed_bin_…:count"
    assert "2 documents" in listed.splitlines()[0] and "Northshire" in listed and "Southvale" in listed
    series = runner.invoke(main, ["series", key, "--db", str(db), "--json"]).output
    assert '"value": 41' in series and '"value": 63' in series and '"value": 50' in series
