"""Agenda items per document, written by reading the documents."""

import pytest

from extract.find.segment import segment
from extract.read.document import load_document

from .conftest import corpus_file


def items_of(name):
    document, _ = load_document(corpus_file(name))
    return document, segment(document)


def test_numbered_minutes_95_to_106_with_their_titles():
    _, items = items_of("001_3497c6eb6f7182a5.txt")
    assert [i.number for i in items] == [str(n) for n in range(95, 107)]
    assert items[0].title == "MINUTES OF THE PREVIOUS MEETING HELD ON"
    assert items[6].title == "CHILDREN'S AND YOUNG PEOPLES SERVICE PERFORMANCE AND YEAR END PERFORMANCE"
    assert items[-1].title == "DATE AND TIME OF THE NEXT MEETING"


def test_report_sections_and_titled_subsections_but_not_paragraphs():
    _, items = items_of("002_b4c1166e4f9707b7.txt")
    numbers = [i.number for i in items]
    assert numbers[:4] == ["1", "2", "3", "3.2"]
    assert "3.18" in numbers and numbers[-1] == "14"
    assert "3.1" not in numbers  # a paragraph introducing two tables, not a section
    assert "5.1" not in numbers  # "5.1 Not applicable" is the section's text
    assert [i.title for i in items if i.number == "3.4"] == ["Assessments"]


def test_items_tile_the_document_from_the_first_heading():
    document, items = items_of("001_3497c6eb6f7182a5.txt")
    assert all(a.char_end == b.char_start for a, b in zip(items, items[1:]))
    assert items[-1].char_end == len(document.text)
    assert document.text[items[0].char_start:].startswith("95. MINUTES OF THE PREVIOUS MEETING")


def test_moderngov_single_item_page_is_one_item_titled_by_its_heading():
    _, items = items_of("004_f16766095fe01545.txt")
    assert [i.title for i in items] == ["Performance Data (Children's Services) - verbal update on highlights"]


def test_numbered_public_statements_are_not_agenda_items():
    _, items = items_of("bristol_transport-connectivity-policy-committee_2024-09-12.pdf")
    titles = [i.title for i in items]
    assert titles[:6] == ["Welcome, Introductions and Safety Information", "Apologies for Absence and Substitutions",
                          "Declarations of Interest", "Minutes of the Previous Meeting", "Chair's Announcements",
                          "Public Forum"]
    assert "Workplace Parking Levy" in titles
    assert not any("Redgewell" in t or "Mary Rivers" in t for t in titles)


def test_two_digit_numbers_are_items_only_where_no_other_numbering_is():
    text = ("Minutes of the Transport Committee held on 3 June 2025\n1. Apologies\nNone.\n2. Public Forum\n"
            "Statements were received from:\n01 Jane Hill\n02 Omar Reid\n03 Lena Price\n04 Tom Vale\n"
            "3. Bus Services\nThe report was noted.\n")
    assert numbered(text) == [("1", "Apologies"), ("2", "Public Forum"), ("3", "Bus Services")]


def test_moderngov_printed_minutes_use_the_item_label_not_paragraph_numbers():
    _, items = items_of("kent_corporate-parenting-panel_2024-10-29.pdf")
    assert [i.title for i in items][:4] == ["Apologies and Substitutes", "Chairman’s Announcements",
                                           "Minutes of the meeting held on 30 July 2024", "Participation Team update"]
    assert len(items) == 12 and items[-1].title == "Work programme"


def test_parish_minute_numbers_with_inline_titles():
    _, items = items_of("tintern_community-council_2021-03-29.txt")
    assert [i.number for i in items] == [str(n) for n in range(3048, 3064)]
    assert items[0].title == "Police Report"


def test_minute_references_like_135_19():
    _, items = items_of("stoke-ferry_parish-council_2019-06-05.html")
    assert items[0].number == "135/19" and items[0].title.startswith("Emergency Evacuation Procedures")


def test_a_document_with_no_structure_is_one_item():
    _, items = items_of("kirklees_cabinet-decision_2021-07-27.html")
    assert len(items) == 1 and items[0].char_start == 0


def test_each_decision_recording_form_is_one_item():
    _, items = items_of("bristol_transport-connectivity-policy-committee-decision-notice_2025-05-15.pdf")
    assert len(items) == 14  # fourteen "(a) Subject:" forms, read page by page
    assert (items[0].number, items[0].title) == ("7", "Annual Business Report")
    assert items[-1].title == "2024/25 Q4 Corporate Risk Management Report"
    assert not any(i.title.startswith("Noted") for i in items)  # decision lines are not items


def numbered(text: str) -> list[tuple[str | None, str]]:
    from schemas.records import Document

    return [(i.number, i.title) for i in segment(Document(id="t", source_path="t.txt", format="txt", text=text))]


# Invented texts in the numbering schemes councils use; the scheme that explains most headings wins.

def test_parish_year_month_minute_numbers_run_on_their_last_part():
    text = ("Present: Cllrs A Bell (Chair), C Dunn\n23.04.1 Apologies\nNone\n23.04.2 Register of Interests\n"
            "None\n23.03.3 Minutes\nAgreed.\n23.4.4 Finance\nPaid £45.00 to the Village Hall.\n")
    assert numbered(text) == [("23.04.1", "Apologies"), ("23.04.2", "Register of Interests"),
                              ("23.03.3", "Minutes"), ("23.4.4", "Finance")]


def test_year_first_minute_references_run_on_the_minute_number():
    text = "22/101 Apologies\nCllr Webb.\n22/102 Declarations of interest\nNone.\n22/103 Planning\nNo objection.\n"
    assert [n for n, _ in numbered(text)] == ["22/101", "22/102", "22/103"]


def test_item_labels_and_bracketed_file_numbers_are_schemes_of_their_own():
    assert numbered("Item 1: Adoption of Minutes\nAgreed.\nItem 2: Roads Budget\nNoted.\n") == [
        ("1", "Adoption of Minutes"), ("2", "Roads Budget")]
    text = "(24-101) Public Hearing on the Budget\nHeld.\n(24-102) Recommendation to Adopt the Plan\nAdopted.\n"
    assert [n for n, _ in numbered(text)] == ["24-101", "24-102"]


def test_roman_numerals_with_the_title_on_the_next_line_and_lettered_sections_under_them():
    text = ("I.\n\nCall to Order\nThe chair opened the meeting.\nII.\n\nConsent Agenda\n"
            "A.\n\nFiscal Policy\nApproved.\nB.\n\nInvestment Policy\nApproved.\nIII.\n\nAdjournment\nClosed.\n")
    assert numbered(text) == [("I", "Call to Order"), ("II", "Consent Agenda"), ("A", "Fiscal Policy"),
                              ("B", "Investment Policy"), ("III", "Adjournment")]


def test_nested_sections_that_stand_as_blocks_are_items_at_any_depth_but_initials_are_not():
    text = ("1. Disclosures\n\nNone.\n\n2. Reports\n\nMotion made by A. Brown\n\nA.\nBrown\n\n"
            "2.1 (3.1) 5th Report of the Planning Committee\n\n2.1.1 Zoning Amendment at 12 High Street\n\n"
            "That it BE APPROVED.\n\n2.1.2 The report was received with thanks.\n\n3. Adjournment\n\nClosed.\n")
    assert numbered(text) == [("1", "Disclosures"), ("2", "Reports"), ("2.1", "5th Report of the Planning Committee"),
                              ("2.1.1", "Zoning Amendment at 12 High Street"), ("3", "Adjournment")]


def test_unnumbered_colon_headings_are_items_and_the_numbers_under_them_are_lists():
    text = ("Present: Chair: Mr A Brown, Mrs B Green\nApologies: Mr C White\n"
            "Police Matters:\n1. The constable's report is appended.\n2. Posters are available.\n"
            "Finance Report:\nTwo payments were made.\n"
            "Correspondence:\n1. The parade is on Sunday.\n2. The bus timetable is unchanged.\n3. Bins were emptied.\n"
            "Planning Applications:\n1. Extension at 4 Mill Lane No Objections\n"
            "Resolved:\nTo meet in May.\nThe clerk read the letters as follows:\n1. From the school.\n")
    assert numbered(text) == [(None, "Police Matters"), (None, "Finance Report"), (None, "Correspondence"),
                              (None, "Planning Applications")]


def test_numbered_items_win_over_colon_lines_that_lead_into_their_lists():
    text = ("1. Apologies\nNone.\n2. Public Forum\nStatements were received as follows:\n1. Ann Lee\n2. Bob Day\n"
            "3. Parking Levy\nThe Committee RESOLVED:\n1. To note the report.\n2. To consult.\n4. Risk Report\nNoted.\n")
    assert [title for _, title in numbered(text)] == ["Apologies", "Public Forum", "Parking Levy", "Risk Report"]


def test_lettered_paragraphs_with_inline_titles_are_items_but_lettered_prose_is_not():
    text = ("I. Matters Arising\na. Village Hall – The roof is repaired.\nb. Footpaths – The stile is mended.\n"
            "c. The hedge was cut back.\nd. Pond Lane – The bench is ordered.\n"
            "2. Reports\n(a) Ms Lee shared that the audit went well.\n(b) Mr Day said the bus runs late.\n"
            "(c) A member asked about the bins.\n3. Close\n")
    got = numbered(text)
    assert [t for _, t in got if _ in ("a", "b", "d")] == ["Village Hall", "Footpaths", "Pond Lane"]
    assert not [t for n, t in got if n and n.startswith("(")] and "The hedge was cut back." not in [t for _, t in got]


def test_legistar_items_by_file_number_titled_on_their_line_or_above_it():
    text = ("CONSENT CALENDAR\nAll matters listed are routine.\n1.A 24-0101 Approve the Minutes of May 2\n"
            "Recommendation: Approve as submitted.\nAward a Contract to Acme Paving for Road\nRehabilitation 2024\n"
            "1.B 24-0132\nRecommendation: Award the contract.\nPUBLIC HEARINGS\nAdopt the Budget for FY 2024/25.\n"
            "2 24-0079\nRecommendation: Adopt.\n24-0110 Tentative Council Meeting Agenda Calendar\n")
    assert numbered(text) == [("1.A", "Approve the Minutes of May 2"),
                              ("1.B", "Award a Contract to Acme Paving for Road Rehabilitation 2024"),
                              ("2", "Adopt the Budget for FY 2024/25."),
                              ("24-0110", "Tentative Council Meeting Agenda Calendar")]


def test_minute_references_with_the_agendas_own_number_and_a_web_pages_table_of_minutes():
    text = ("C101/24      1.         APOLOGIES FOR ABSENCE.\n\nNone.\n\nC102/24      2.         FINANCE\n\nPaid.\n")
    assert numbered(text) == [("C101/24", "APOLOGIES FOR ABSENCE"), ("C102/24", "FINANCE")]
    text = "1. | All members signed. |\n2. | Election of Chairman:\nCllr Dean was elected. |\n3. | Finance:\nPaid. |\n"
    assert [t for _, t in numbered(text)] == ["All members signed", "Election of Chairman", "Finance"]


def test_a_moderngov_web_pages_items_with_the_number_above_the_title():
    text = ("Items\nNo. Item\n\n1.\n\nAPOLOGIES FOR ABSENCE\n\nMinutes:\n\nNone.\n\n2.\n\nMINUTES OF THE LAST MEETING "
            "pdf icon PDF 238 KB\n\nMinutes:\n\nAgreed.\n\n3.\n\nELECTION OF CHAIRMAN\n\nMinutes:\n\nRESOLVED\n")
    assert numbered(text) == [("1", "APOLOGIES FOR ABSENCE"), ("2", "MINUTES OF THE LAST MEETING"),
                              ("3", "ELECTION OF CHAIRMAN")]


def test_us_decimal_items_with_a_bracket():
    text = "4.01) Presentation by Cub Scout Pack 388\nThe pack presented.\n4.02) Consider Approval of the Budget\nDone.\n"
    assert numbered(text) == [("4.01", "Presentation by Cub Scout Pack 388"), ("4.02", "Consider Approval of the Budget")]


def test_lettered_items_go_on_from_one_item_into_the_next():
    from schemas.records import Document

    policies = "".join(f"{letter}.\n\n{name} Policy\n\nFor the Board to adopt it.\n\n"
                       for letter, name in zip("ABCD", ("Fiscal", "Investment", "Travel", "Fleet")))
    text = ("I. Call to Order\n\nII. Consent Agenda\n\n" + policies + "III. Recommended Action\n\nE.\n\n"
            "Delegation of Authority\n\nFor the Board to approve it.\n\nF.\n\nAudit Committee Charter\n\n"
            "For the Board to adopt it.\n\nIV. Adjourn\n")
    items = segment(Document(id="t", source_path="t.txt", format="txt", text=text))
    assert [(i.number, i.title) for i in items] == [
        ("I", "Call to Order"), ("II", "Consent Agenda"), ("A", "Fiscal Policy"), ("B", "Investment Policy"),
        ("C", "Travel Policy"), ("D", "Fleet Policy"), ("III", "Recommended Action"),
        ("E", "Delegation of Authority"), ("F", "Audit Committee Charter"), ("IV", "Adjourn")]


# A town board's minutes headed in capitals, no numbers (invented, in the layout of US boards).
CAPS_MINUTES = ("MINUTES\nREGULAR MEETING OF THE TOWN BOARD\nTOWN OF PINE HOLLOW\nMarch 4, 2024\n\n"
                "Chair Olsen called the meeting to order at 7:00 p.m. with all supervisors present.\n\n"
                "PLEDGE OF ALLEGIANCE\n\nThe pledge was recited.\n\n"
                "APPROVAL OF THE AGENDA\nMotion by Berg, second by Lind, to approve the agenda. Carried.\n\n"
                "ROAD AND BRIDGE REPORT\n\nThe grader is back in service.\n\n"
                "PUBLIC COMMENT ON ITEMS NOT ON THE\nAGENDA\n\nNone.\n\n"
                "MINUTES\n\nThe minutes of February 5 were approved.\n\n"
                "ADJOURNMENT\n\nThe meeting adjourned at 8:10 p.m.\n\n"
                "PINE HOLLOW TOWN HALL\n1200 COUNTY ROAD 4\n\nMINUTES\n")


def test_headings_in_capitals_are_items_after_the_title_block():
    # The title block, a heading wrapped over two lines, an address block and a running "MINUTES"
    assert numbered(CAPS_MINUTES) == [(None, "PLEDGE OF ALLEGIANCE"), (None, "APPROVAL OF THE AGENDA"),
                                      (None, "ROAD AND BRIDGE REPORT"),
                                      (None, "PUBLIC COMMENT ON ITEMS NOT ON THE AGENDA"), (None, "ADJOURNMENT")]


def test_numbered_items_win_over_capitals_that_explain_fewer_headings():
    text = ("1. Apologies\nNone.\n2. Minutes\nAgreed.\n3. Finance\n\nCOUNCIL TAX\n\nNoted.\n\nPLAYING FIELD\n\n"
            "Noted.\n\nBUS SHELTER\n\nNoted.\n4. Planning\nNone.\n5. Close\n")
    assert [n for n, _ in numbered(text)] == ["1", "2", "3", "4", "5"]


def test_northern_irish_minute_numbers_above_their_titles():
    text = ("Agenda and minutes\n\nItems\nNo. Item\n\nC119\n\nNotice and Summons of Meeting\n\nMinutes:\n\nRead.\n\n"
            "C219\n\nMember Attendance and Apologies\n\nMinutes:\n\nRecorded.\n\nC319\n\nSuspension of Standing Orders\n\n"
            "Minutes:\n\nResolved that Standing Orders be suspended.\n")
    assert numbered(text) == [("C119", "Notice and Summons of Meeting"), ("C219", "Member Attendance and Apologies"),
                              ("C319", "Suspension of Standing Orders")]


def test_the_heading_above_the_first_prose_and_a_roll_call_are_items_in_capitals_minutes():
    text = ("CITY OF RIVERTON\nCITY COUNCIL MINUTES\nJanuary 5, 2023\n\nCALL TO ORDER\n\nMayor Lee called the meeting "
            "to order at 7:00 p.m.\n\nROLL CALL:\n\nPresent: Councilmembers Ames, Baker and Mayor Lee.\n\nAGENDA ITEMS:\n\n"
            "The budget was discussed.\n\nPUBLIC COMMENT:\n\nThere was none.\n\nADJOURNMENT\n\nThe meeting adjourned.\n")
    assert numbered(text) == [(None, "CALL TO ORDER"), (None, "ROLL CALL"), (None, "AGENDA ITEMS"),
                              (None, "PUBLIC COMMENT"), (None, "ADJOURNMENT")]



def test_title_and_colon_minutes_head_their_standard_items_without_a_colon_too():
    text = ("Tayvale Community Council\nMinutes of the meeting held on 6 November 2023\nPresent: Mr A Gray (Chair)\n"
            "Minutes of the previous meeting – 2nd October 2023: approved.\nPolice Report:\nNo incidents reported.\n"
            "Treasurer's Report:\nBalance of £1,200.\nPlanning:\nNo objections.\nA.O.C.B.\nThe hall heating was discussed.\n")
    assert [t for _, t in numbered(text)] == ["Minutes of the previous meeting", "Police Report", "Treasurer's Report",
                                             "Planning", "A.O.C.B."]


@pytest.mark.parametrize("text", [
    "Minutes\nPresent: Cllrs A Bell (Chair), C Dunn\n1.0 Apologies\n1.1 Apologies were received from Cllr Hart.\n"
    "2.0 Declarations of Interest\n2.1 None.\n3.0 Highways\n3.1 The pothole on Mill Lane was reported.\n",
    "Minutes\nCouncillors Present\nAnn Cole (AC), Fred Hill (FH).\n1.0\nApologies\n1.1\nApologies were received.\n"
    "2.0\nDeclarations of Interest\n2.1\nNone.\n3.0\nHighways\n3.1\nThe pothole on Mill Lane was reported.\n",
])
def test_whole_number_decimals_number_items_and_their_paragraphs_run_inside(text):
    assert numbered(text) == [("1", "Apologies"), ("2", "Declarations of Interest"), ("3", "Highways")]



def test_paragraphs_that_open_with_their_title_and_a_colon_are_items_but_speakers_are_not():
    text = ("Town Board Minutes for March 11, 2019\n\nPledge of Allegiance: R Dahl led the pledge.\n\n"
            "Approve Minutes of Prior Meetings: Moved by R Dahl to approve the minutes.\n\n"
            "Mr Hill: Asked about the grader.\n\nRoad Report: The grader needs a new blade.\n\n"
            "Adjournment: The meeting adjourned at 7:40 p.m.\n")
    assert [t for _, t in numbered(text)] == ["Pledge of Allegiance", "Approve Minutes of Prior Meetings", "Road Report",
                                             "Adjournment"]


@pytest.mark.parametrize("text, expected", [
    # a committee's prefix, the year and the running number
    ("Minutes of the Finance Committee held on 4 May 2023\nPresent: Councillors Ames, Baker (Chair), Cole\n"
     "FC/23/01 Apologies for absence\nCouncillor Dean.\nFC/23/02 Minutes\nRESOLVED that the minutes be approved.\n"
     "FC/23/03 Budget monitoring\nThe report was noted.\n",
     [("FC/23/01", "Apologies for absence"), ("FC/23/02", "Minutes"), ("FC/23/03", "Budget monitoring")]),
    # the year, then a two-digit running number
    ("MINUTES OF THE MEETING OF OAKLEY PARISH COUNCIL HELD ON 3 MAY 2022\nPRESENT: Cllrs A Bell (Chair)\n"
     "22/01 APOLOGIES FOR ABSENCE\nCllr Hart.\n22/02 DECLARATIONS OF INTEREST\nNone.\n22/03 HIGHWAYS\nReported.\n",
     [("22/01", "APOLOGIES FOR ABSENCE"), ("22/02", "DECLARATIONS OF INTEREST"), ("22/03", "HIGHWAYS")]),
    # items labelled "Minute" and their number
    ("Minutes of the Parish Council\nPresent: Cllr A Bell\nMinute 101 Apologies\nNone.\nMinute No. 102: Declarations\n"
     "None.\nMinute 103 Finance\nApproved.\n", [("101", "Apologies"), ("102", "Declarations"), ("103", "Finance")]),
    # a title in capitals that runs into its minute
    ("Minutes of the Council Meeting held on 15th October 2019\n53. APOLOGIES Apologies for absence were received "
     "from Councillors: Mrs A Lloyd & G Harries\n54. FINANCE It was resolved to pay the accounts.\n"
     "55. PLANNING No applications had been received.\n",
     [("53", "APOLOGIES"), ("54", "FINANCE"), ("55", "PLANNING")]),
    # the year's last two digits and the running minute
    ("Minutes of the Meeting of Oakhurst Parish Council held on 9 June 2021\nPresent: Cllr D Fairley\n"
     "21.51 ELECTION OF VICE-CHAIR\nIt was RESOLVED that Cllr Allen be elected.\n21.52 DECLARATIONS OF INTEREST\n"
     "None.\n21.53 PLAYING FIELD\nNoted.\n",
     [("21.51", "ELECTION OF VICE-CHAIR"), ("21.52", "DECLARATIONS OF INTEREST"), ("21.53", "PLAYING FIELD")]),
    # a report's numbered paragraphs ("11.10", "11.11") stay inside its sections
    ("Budget Report\n10. Background\nText.\n11. Proposals\n11.10 Fees will rise.\n11.11 Charges will rise.\n"
     "11.12 Rents will rise.\n12. Recommendations\nApprove.\n",
     [("10", "Background"), ("11", "Proposals"), ("12", "Recommendations")]),
    # decimal items with no whole number above them
    ("SHIRE OF BANKSIA\nMINUTES OF THE ORDINARY MEETING\n9.1 ROAD MAINTENANCE PROGRAM 2024/25\nThat Council adopt it.\n"
     "9.2 COMMUNITY GRANTS\nThat Council approve the grants.\n9.3 CONFIDENTIAL ITEMS\nNil.\n",
     [("9.1", "ROAD MAINTENANCE PROGRAM 2024/25"), ("9.2", "COMMUNITY GRANTS"), ("9.3", "CONFIDENTIAL ITEMS")]),
    # a fire authority's two-digit item numbers, its lettered parts inside their item
    ("Eastvale Fire and Rescue Authority\nMinutes of the meeting held on 9 May 2025\n01 Apologies for Absence\n"
     "Councillors Hart and Lowe\n02 Minutes\nAgreed.\n03 Audit Committee\n03a Minutes\nReceived.\n03b Annual Report\n"
     "Noted.\n04 Work Plan\nRESOLVED that the Work Plan be approved.\n",
     [("01", "Apologies for Absence"), ("02", "Minutes"), ("03", "Audit Committee"), ("04", "Work Plan")]),
])
def test_minute_numbers_in_more_clerks_schemes(text, expected):
    assert numbered(text) == expected
