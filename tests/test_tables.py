"""Tables read from the text's lines: each cell a metric with its row, column, unit and role
(invented tables in the layouts council reports use), and a chart's axis read as nothing."""

from pathlib import Path

from extract.run.batch import Options, ingest
from extract.run.pipeline import extract_document
from extract.store import database as store

from .conftest import corpus_file, run

BUDGET = ("3. Budget monitoring\n\nAll figures in £m\nService\nRevenu\ne\nBudget\nRevenu\ne\nForecas\nt\nRevenu\ne\n"
          "Varianc\ne\nAdult Social Care 125.6 120.6 (5.0)\nHighways 41.2 41.5 +0.3\nLibraries 9.6 - (0.3)\n\n"
          "(20,000) (15,000) (10,000) (5,000) 0 5,000 10,000\n\nThe overspend of £1.2m was reported.\n")
SCORECARD = ("4. Performance\n\nIndicator 2022/23 2023/24 Target England\nRe-referrals within 12 months 22.1% 20.4% 20% "
             "21.4%\nChildren in care per 10,000 72 75 70 71\n")


def cells(text: str):
    extraction = extract_document(Path("report.txt"), data=text.encode())
    for m in extraction.metrics:
        assert extraction.document.text[m.char_start:m.char_end] == m.quote
    return extraction, [m for m in extraction.metrics if m.table_position]


def test_a_budget_table_gives_each_cell_its_row_column_unit_and_sign():
    extraction, found = cells(BUDGET)
    got = [(m.row_label, m.column_label, m.value, m.unit, m.role) for m in found]
    assert got == [
        ("Adult Social Care", "Budget", 125_600_000, "gbp", "target"),
        ("Adult Social Care", "Forecast", 120_600_000, "gbp", "other"),
        ("Adult Social Care", "Variance", -5_000_000, "gbp", "other"),
        ("Highways", "Budget", 41_200_000, "gbp", "target"),
        ("Highways", "Forecast", 41_500_000, "gbp", "other"),
        ("Highways", "Variance", 300_000, "gbp", "other"),
        ("Libraries", "Budget", 9_600_000, "gbp", "target"),
        ("Libraries", "Variance", -300_000, "gbp", "other"),  # "-" is an empty Forecast cell, not a figure
    ]
    assert [(t.rows, t.columns) for t in extraction.tables] == [(3, 3)]
    assert not [m for m in extraction.metrics if "000" in m.quote]  # the chart's axis is no figure
    assert [m.quote for m in extraction.metrics if not m.table_position] == ["£1.2m"]


def test_a_scorecard_reads_periods_targets_and_benchmarks_from_its_header():
    _, found = cells(SCORECARD)
    first = [(m.value, m.role, m.period) for m in found if m.row_label == "Re-referrals within 12 months"]
    assert first == [(22.1, "previous", "2022/23"), (20.4, "actual", "2023/24"), (20.0, "target", None),
                     (21.4, "national", None)]
    rates = [m for m in found if m.row_label == "Children in care per 10,000"]
    assert [m.value for m in rates] == [72, 75, 70, 71] and {m.unit for m in rates} == {"rate_per_10k"}


def test_no_table_metric_has_a_subject_without_letters():
    _, found = cells(BUDGET + SCORECARD)
    assert found and all(any(c.isalpha() for c in m.subject) for m in found)


def test_the_county_budget_report_reads_its_revenue_table_in_pounds():
    extraction = extract_document(corpus_file("kent_cabinet-finance-monitoring-report_2025-01-30.pdf"))
    education = [m for m in extraction.metrics if m.row_label == "Education & Special Educational Needs"
                 and m.table_position]
    assert [(m.value, m.unit, m.column_label) for m in education][:3] == [
        (125_600_000, "gbp", "Budget"), (120_600_000, "gbp", "Forecast"), (-5_000_000, "gbp", "Variance")]


def test_a_figure_whose_sentence_names_nothing_takes_its_line_label_or_the_line_above():
    extraction = extract_document(Path("slides.txt"), data=(
        "5. Budget\n\nWaste Facilities & Recycling Centres 38.8 40.6 +1.8\n\nCommercial rates\n€90.30\n").encode())
    subjects = {m.quote: m.subject for m in extraction.metrics}
    assert subjects["1.8"] == "Waste Facilities & Recycling Centres" and subjects["€90.30"] == "Commercial rates"


def test_a_charts_labels_a_figure_a_line_are_no_metrics_but_one_figure_under_its_label_is():
    # A bar chart's labels as a PDF text layer gives them (Limerick's and Brookline's budget charts, a
    # pie chart of West of England's): the labels, then one percentage a line, tied to no label.
    extraction = extract_document(Path("budget.txt"), data=(
        b"4. Budget\n\nChart 1: Expenditure by Division\nA - Housing\nB - Roads\nC - Parks\n"
        b"1.7%\n\n0.1%\n\n1.9%\n\nSatisfaction with parks\n85%\n"))
    assert {m.quote: m.subject for m in extraction.metrics} == {"85%": "Satisfaction with parks"}


def test_a_row_whose_label_wraps_onto_lines_above_its_figures_stays_in_its_table():
    # a county finance report's table (Kent's layout, rows invented): the wrapped row kept the caption's £m
    extraction = extract_document(Path("report.txt"), data=(
        b"Table 3: Spend by type\nAll figures in \xc2\xa3m\n2022-23 2023-24 2024-25\nSpecial Schools 137 151 163\n"
        b"Mainstream Support &\nResource Provision\n61 65 75\nPost 16 Colleges 21 24 24\nTotal Spend 219 240 262\n"))
    cells = {(m.row_label, m.column_label): (m.value, m.unit) for m in extraction.metrics if m.table_position}
    assert cells[("Mainstream Support & Resource Provision", "2024")] == (75_000_000, "gbp")
    assert cells[("Post 16 Colleges", "2022")] == (21_000_000, "gbp")


def test_trace_says_where_in_its_table_a_cell_stands(tmp_path):
    (tmp_path / "report.txt").write_text(BUDGET)
    db = tmp_path / "m.db"
    ingest([tmp_path / "report.txt"], db, Options(workers=1))
    (cell_id,) = store.connect(db).execute("select id from metrics where quote = '(5.0)'").fetchone()
    traced = run("trace", "metrics", cell_id, "--db", db).output
    assert "row 'Adult Social Care', column 'Variance'" in traced and "[[(5.0)]]" in traced
    assert run("trace", "tables", 1, "--db", db).exit_code == 0


def test_a_figure_whose_subject_is_only_a_role_word_takes_the_measure_named_above():
    extraction = extract_document(Path("kpi.txt"), data=(
        b"6. Performance\n\nCustomer satisfaction with the library service\nLatest: 85% Target: 90% Previous: 80%\n"
        b"GREEN\n"))
    assert {m.subject for m in extraction.metrics} == {"Customer satisfaction with the library service"}


FORECAST = ("Long range forecast for the City of Springfield, Illinois\nMeeting of 13 January 2026\n\n"
            "- Reserves assumed flat in the out-years\n"
            "2025 2026 2027 2028\nREVENUE\nProperty Taxes 1,200,500 1,250,000 1,300,000 1,350,000\n"
            "Local Receipts 300,000 310,000 (5,000) 320,000\nState Aid 80,250 82,000 84,000 86,000\n"
            "Number of staff 410 415 420 425\nTOTAL REVENUE 1,580,750 1,642,000 1,379,000 1,756,000\n")


def test_a_money_table_without_a_currency_sign_is_in_the_documents_dollars_and_future_years_are_projections():
    extraction, found = cells(FORECAST)
    taxes = [(m.column_label, m.value, m.unit, m.role) for m in found if m.row_label == "Property Taxes"]
    # 2025 is the last year over by the meeting (January 2026): its outturn; 2026 onwards are not over yet
    assert taxes == [("2025", 1_200_500, "usd", "actual"), ("2026", 1_250_000, "usd", "other"),
                     ("2027", 1_300_000, "usd", "other"), ("2028", 1_350_000, "usd", "other")]
    assert [m.value for m in found if m.row_label == "Local Receipts"][2] == -5000
    assert {m.unit for m in found if m.row_label == "Number of staff"} == {"count"}  # a count row stays a count
    assert not [m for m in extraction.metrics if m.quote in ("2025", "2026")]  # the header's years are no figures


def test_a_canadian_table_in_dollars_is_in_canadian_dollars_and_a_count_scorecard_is_not_money():
    text = ("City of London, Ontario\n\nBudget $000s 2024 2025\nRoads budget 1,200 1,300\nTransit budget 800 900\n\n"
            "Complaints G A R\nCustomer Services 2 1 4\nPlanning 3 0 1\n")
    _, found = cells(text)
    assert {(m.unit, m.value) for m in found if m.row_label == "Roads budget"} == {("cad", 1_200_000), ("cad", 1_300_000)}
    assert {m.unit for m in found if m.row_label == "Planning"} == {"count"}


def test_a_table_printed_one_cell_to_a_line_is_read_by_its_header_and_row_labels():
    text = ("Table 2 below shows expenditure by division.\n\nDivision\n\nDraft Budget 2024\n\nAdopted Budget 2023\n\n"
            "A - Housing & Building\n\n€67,606,276\n\n€59,374,462\n\nB - Road Transport\n\n€52,652,751\n\n"
            "€48,472,220\n\n18\n\nVariable\n\n2022\n\n2023\n\nLabour Market\n\nTotal Employment (‘000)\n\n2,547\n\n"
            "2,635\n\nUnemployment (per cent)\n\n4.5\n\n4.1\n\nThe budget was adopted.\n")
    extraction, found = cells(text)
    housing = [(m.column_label, m.value, m.unit, m.role) for m in found if m.row_label == "A - Housing & Building"]
    assert housing == [("Budget 2024", 67_606_276, "eur", "target"), ("Budget 2023", 59_374_462, "eur", "target")]
    jobs = [(m.value, m.unit, m.period) for m in found if m.row_label == "Total Employment (‘000)"]
    assert jobs == [(2_547_000, "count", "2022"), (2_635_000, "count", "2023")]  # the row's own unit
    assert {m.unit for m in found if m.row_label == "Unemployment (per cent)"} == {"percent"}
    assert not [m for m in extraction.metrics if m.quote == "18"]  # a page number between the tables


def test_a_one_column_money_table_printed_one_cell_to_a_line_gives_each_amount_its_row():
    text = ("Draft Budget 2025 for the Council, meeting of 20 November 2024\n\nThe expenditure will be financed from "
            "the following sources:\n\nSource\n\nAmount\n\n1. Property Tax\n\n€12,300,000\n\nCommercial Rates\n\n"
            "€40,150,000\n\nGrants & Subsidies\n\n€61,000,000\n\nTable 3: Income 2025\n\nThe Council met at 3 pm.\n")
    extraction, found = cells(text)
    assert [(m.row_label, m.value, m.unit) for m in found] == [
        ("1. Property Tax", 12_300_000, "eur"), ("Commercial Rates", 40_150_000, "eur"),
        ("Grants & Subsidies", 61_000_000, "eur")]
    # two lone amounts under labels are no table: a table of one column needs three rows
    _, found = cells("Balances at year end\n\nCurrent Account\n\n£1,200\n\nDeposit Account\n\n£8,000\n\nEnd.\n")
    assert found == []


def test_a_charts_axis_printed_one_tick_a_line_yields_no_figures():
    extraction, _ = cells("Chart 3: income by source\n\n€0.00\n\n€10.00\n\n€20.00\n\n€30.00\n\n€40.00\n\n"
                          "Rates were €64.2m in the year.\n")
    assert [m.quote for m in extraction.metrics] == ["€64.2m"]


def test_plain_amounts_under_the_years_of_a_money_table_are_money_too():
    text = ("Town of Elmford, Massachusetts\n\nOperating Revenue 2026 2027 2028\nProperty Tax $120,500 $125,000 $130,100\n"
            "Local Receipts $9,800 $10,100 $10,400\n\nState Assessments 2026 2027 2028\nCounty Assessments 1,111,549 "
            "1,139,338 1,167,821\nMBTA 6,441,217 6,602,247 6,767,304\n")
    _, found = cells(text)
    assert {(m.row_label, m.unit) for m in found} == {("Property Tax", "usd"), ("Local Receipts", "usd"),
                                                      ("County Assessments", "usd"), ("MBTA", "usd")}


def test_a_line_of_years_under_a_bullet_heads_the_next_table_and_finishes_no_row():
    text = ("Town of Elmford, Massachusetts\n\n- In FY27, assuming 1% increase for aid and 2.5% for Chapter 70\n"
            "2026 2027 2028\n"
            "Property Tax Revenue $120,500 $125,000 $130,100\nLocal Receipts Income $9,800 $10,100 $10,400\n")
    _, found = cells(text)
    assert [(m.row_label, m.column_label, m.value) for m in found if m.row_label.startswith("Local")] == [
        ("Local Receipts Income", "2026", 9800), ("Local Receipts Income", "2027", 10100),
        ("Local Receipts Income", "2028", 10400)]
    assert not [m for m in found if m.value >= 2026 and m.value <= 2028]


def test_a_phone_or_cheque_number_in_a_line_read_as_a_row_is_no_cell():
    text = ("9. Accounts for payment\ni) Mrs A Price, Clerk's Salary, Cheque No 2210 £420.00 £84.00\n"
            "ii) Village Hall hire, Cheque No 2211 £35.00 £7.00\n\n"
            "Press enquiries: press@example.gov.uk or telephone 020 7946 0181 0182\n")
    _, found = cells(text)
    assert found and not [m for m in found if m.quote in ("2210", "2211", "020", "7946", "0181", "0182")]
    assert {m.quote for m in found} >= {"£420.00", "£35.00"}
