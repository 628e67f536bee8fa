"""Periods: UK financial years, months, ranges, "period ending …", relative phrases, reporting years."""

import pytest

from extract.find.metrics.figures import extract_metrics
from extract.find.metrics.periods import document_period, financial_year, find_periods, parse_dates, previous_of
from extract.find.segment import segment
from extract.find.sentences import SentenceIndex
from schemas.records import Document

FY_2015 = financial_year(2015)


def labels(text: str, **kw) -> list[tuple[str, str | None, str | None]]:
    return [(p.label, p.start, p.end) for p in find_periods(text, **kw)]


def test_a_uk_financial_year_runs_april_to_march():
    assert labels("improved to 92.8% in 2015/16") == [("2015/16", "2015-04-01", "2016-03-31")]
    assert labels("for the outturn 2022/2023") == [("2022/23", "2022-04-01", "2023-03-31")]
    assert labels("the 2024-25 forecast") == [("2024/25", "2024-04-01", "2025-03-31")]


def test_two_years_that_do_not_follow_each_other_are_not_a_financial_year():
    assert labels("planning reference 2022/2024") == []


def test_a_month_and_year_is_that_month():
    assert labels("at the end of March 2016") == [("March 2016", "2016-03-01", "2016-03-31")]


def test_a_range_from_april_to_march_is_a_financial_year_and_other_ranges_keep_their_months():
    assert labels("the reporting year April 2022 to March 2023") == [("2022/23", "2022-04-01", "2023-03-31")]
    assert labels("between July 2018 - September 2018") == [
        ("July 2018 to September 2018", "2018-07-01", "2018-09-30")]


def test_period_ending_gives_the_month_it_ends_in():
    assert labels("the latest data report covering period ending 30th September 2023") == [
        ("September 2023", "2023-09-01", "2023-09-30")]


def test_a_day_before_a_month_makes_a_day():
    assert labels("as of the 24th of July 2023 there was one") == [("24 July 2023", "2023-07-24", "2023-07-24")]


def test_a_bare_month_falls_inside_the_reporting_year():
    assert labels("at 27.9% for March", reference=FY_2015) == [("March 2016", "2016-03-01", "2016-03-31")]
    assert labels("a low of 83.9% in November", reference=FY_2015) == [("November 2015", "2015-11-01", "2015-11-30")]


def test_a_bare_month_just_after_a_monthly_reporting_period_is_the_next_month():
    september = find_periods("period ending 30th September 2023")[0]
    assert labels("with an increase in October to 4.8%", reference=september)[0][0] == "October 2023"


def test_may_as_a_verb_is_not_a_month():
    assert labels("a parent may choose to educate at home", reference=FY_2015) == []


def test_the_year_and_last_year_resolve_against_the_reporting_year():
    assert labels("30.9% for the entire year", reference=FY_2015)[0][0] == "2015/16"
    assert labels("compared to last year's 81.4%", reference=FY_2015)[0][0] == "2014/15"
    assert previous_of(find_periods("period ending 30th September 2023")[0]).label == "September 2022"


def test_relative_phrases_resolve_against_the_meeting_date_with_dateparser():
    (label, start, end), = labels("as of last week was at 100%", meeting_date="2023-11-20")
    assert label == "last week" and start == end and start < "2023-11-20"
    assert parse_dates("last week", "2023-11-20") == parse_dates("last week", "2023-11-20")  # cached, same answer


def test_nothing_found_is_an_empty_result_not_none():
    assert find_periods("no period named here") == []
    assert parse_dates("not a date at all", None) == ()


@pytest.mark.parametrize("text, label", [
    ("The report includes the performance outturn for the reporting year April 2022 to March 2023.", "2022/23"),
    ("Performance at the end of the 2015/16 reporting year.", "2015/16"),
    ("a presentation which covered the 2016/17 year-end performance", "2016/17"),
    ("the latest Children's Services data report covering period ending 30th September 2023", "September 2023"),
    ("Quarterly Performance Report Q3 2024/25", "Q3 2024/25"),
])
def test_a_document_states_the_period_it_reports_on(text, label):
    assert document_period(text).label == label


def test_a_document_that_states_no_period_has_none():
    assert document_period("Minutes of the parish council meeting held on 5 June 2019.") is None


def test_a_figure_with_no_period_of_its_own_takes_the_reporting_year_and_says_so():
    text = "This report covers the 2015/16 reporting year.\n\nThere were 12,165 contacts. In March 2016 there were 164."
    doc = Document(id="t", source_path="t.txt", format="txt", text=text)
    found = {m.quote: m for m in extract_metrics(doc, segment(doc), SentenceIndex(text))}
    assert (found["12,165"].period, found["12,165"].period_inferred) == ("2015/16", True)
    assert (found["164"].period, found["164"].period_inferred) == ("March 2016", False)


def test_short_years_in_table_headers_read_as_their_months():
    header = "Jan – Mar 24 Nov – Jan 25 12m to Dec 23 Quarter to Sep 24"
    read = [(p.start, p.end) for p in find_periods(header, headers=True)]
    assert read == [("2024-01-01", "2024-03-31"), ("2024-11-01", "2025-01-31"), ("2023-01-01", "2023-12-31"),
                    ("2024-07-01", "2024-09-30")]
    assert find_periods("The panel met on May 24 to agree it", headers=True) == []
    assert find_periods(header) == []  # in prose the short forms are not read: "May 24" is a day
