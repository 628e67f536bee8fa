"""Attendees: tiny literal rule tests, then golden expectations per document written by reading it.

Development set: the seeds and corpus/real minutes whose gold is in tests/gold/. The golden rows
below were read off the documents (attendance lists, apologies, substitutes, invited officers).
"""

import pytest

from extract.find.attendees import extract_attendees
from extract.find.segment import segment
from extract.find.sentences import SentenceIndex
from schemas.records import Document

from .conftest import stage_rows


def attendees_in(text: str) -> list:
    doc = Document(id="t", source_path="t.txt", format="txt", text=text)
    return extract_attendees(doc, segment(doc), SentenceIndex(text))


def by_name(rows) -> dict:
    return {r.name: r for r in rows}


def test_present_list_gives_each_councillor_and_flags_the_chair():
    rows = attendees_in("Present:- Councillor Pitchley (in the Chair); Councillors Atkin, Z. Collingham, "
                        "Baker-Rogers and Mills.\n\nApologies for absence:- No apologies were received.\n")
    assert [r.name for r in rows] == ["Pitchley", "Atkin", "Z. Collingham", "Baker-Rogers", "Mills"]
    assert {r.status for r in rows} == {"present"} and {r.role for r in rows} == {"councillor"}
    assert [r.name for r in rows if r.is_chair] == ["Pitchley"]


def test_apologies_line_lists_each_member():
    rows = attendees_in("Apologies for absence were received from Councillors Rod Scott and Diane Neil.\n")
    assert [(r.name, r.status) for r in rows] == [("Rod Scott", "apologies"), ("Diane Neil", "apologies")]


def test_a_list_one_name_a_paragraph_under_a_group_label_gives_every_member():
    # a combined fire authority's layout: the chair, a "Councillors" label, then bare names (invented)
    rows = attendees_in("Present:\n\n \n\nP Garrow (Chair)\n\n \n\nCouncillors\n\n \n\nT Ansell (Vice-Chair)\n\n R Belling"
                        "\n\nK Dawood MBE\n\nD O'Hagan\n\n \n\n<AI1>\n\n51/24\n\nChair's Welcome\n\nThe Chair welcomed "
                        "members to the meeting.\n")
    assert [(r.name, r.role, r.status, r.is_chair) for r in rows] == [
        ("P Garrow", "councillor", "present", True), ("T Ansell", "councillor", "present", False),
        ("R Belling", "councillor", "present", False), ("K Dawood", "councillor", "present", False),
        ("D O'Hagan", "councillor", "present", False)]


def test_apologies_listed_below_their_cue_with_a_substitute_noted_for_one():
    rows = attendees_in("52/24 Apologies for Absence\n\nApologies for absence were received from:\n\nCouncillor J "
                        "Penrose, for whom Councillor W Tate was substitute;\n\nCouncillor H Ibbot.\n\n53/24 Minutes\n")
    assert [(r.name, r.status) for r in rows] == [
        ("J Penrose", "apologies"), ("W Tate", "substitute"), ("H Ibbot", "apologies")]


def test_a_moderngov_apologies_item_names_them_under_minutes_after_its_agenda_text():
    rows = attendees_in("2.\n\nApologies\n\nMembers are reminded that they may nominate a substitute.\n\nMinutes:\n\n"
                        "Cllr B Quarry and Mr S Odell.\n\n3.\n\nDeclarations of Interest\n\nMinutes:\n\nNone.\n")
    assert [(r.name, r.status) for r in rows] == [("B Quarry", "apologies"), ("S Odell", "apologies")]
    assert attendees_in("2.\n\nApologies\n\nTo receive apologies.\n\nMinutes:\n\nNone.\n") == []


def test_without_an_attendance_list_the_members_who_spoke_attended():
    rows = attendees_in("TOWN COUNCIL\n\nThe rates were discussed at length. Cr Halloran argued that the rate was too high. "
                        "Councillor B. Reid asked whether the Treasurer had the figures. Colin Stirling has asked for "
                        "a new bench, the Clerk reported.\n")
    assert [(r.name, r.status, r.role) for r in rows] == [
        ("Halloran", "present", "councillor"), ("B. Reid", "present", "councillor")]
    # with a Present list, those who spoke are already in it and nobody else is added from speech
    rows = attendees_in("Present: Cllr A Brown (Chair), Cllr C Dunn\n\nCllr E Fox said that the path was worn.\n")
    assert [r.name for r in rows] == ["A Brown", "C Dunn"]


def test_no_apologies_gives_no_rows():
    assert attendees_in("Apologies for absence:- No apologies were received.\n") == []
    assert attendees_in("3049.Apologies for absence: None.\n") == []


def test_substitute_named_in_the_present_list_is_a_substitute():
    rows = by_name(attendees_in("Members Present:-\nCouncillors: Ed Plowden (Chair), Jos Clark\n"
                                "1 Apologies\nApologies were received from Councillor Coombes. "
                                "Councillor Jos Clark attended as substitute.\n"))
    assert rows["Jos Clark"].status == "substitute"
    assert rows["Coombes"].status == "apologies"
    assert rows["Ed Plowden"].is_chair


def test_invited_officers_keep_their_titles_as_written():
    rows = attendees_in("The Chair invited to the meeting Helen Sweaton, Joint Assistant Director of Commissioning "
                        "and Performance, Nathan Heath, Assistant Director of Education and Inclusion and Monica "
                        "Green, Assistant Director of Childrens Services.\n")
    assert [(r.name, r.status, r.role, r.title) for r in rows] == [
        ("Helen Sweaton", "invited", "officer", "Joint Assistant Director of Commissioning and Performance"),
        ("Nathan Heath", "invited", "officer", "Assistant Director of Education and Inclusion"),
        ("Monica Green", "invited", "officer", "Assistant Director of Childrens Services"),
    ]


def test_bracketed_posts_in_an_in_attendance_list():
    rows = attendees_in("PRESENT: Mr R W Gough (Chairman), Mr N Baker\nIN ATTENDANCE: Dr A Ghosh (Director of Public "
                        "Health), Mrs C Head (Head of Finance Operations) and McKay (Acting Chief\nAccountant)\n"
                        "UNRESTRICTED ITEMS\n")
    assert [(r.name, r.status, r.title) for r in rows] == [
        ("R W Gough", "present", None), ("N Baker", "present", None),
        ("A Ghosh", "in_attendance", "Director of Public Health"),
        ("C Head", "in_attendance", "Head of Finance Operations"),
        ("McKay", "in_attendance", "Acting Chief Accountant"),
    ]
    assert rows[0].is_chair


def test_officers_present_list_is_in_attendance_with_posts():
    rows = attendees_in("Councillors present: Smith, Jones (Chair)\n\nOfficers present: Jane Doe, Head of Planning\n")
    assert [(r.name, r.status, r.role, r.title, r.is_chair) for r in rows] == [
        ("Smith", "present", "councillor", None, False), ("Jones", "present", "councillor", None, True),
        ("Jane Doe", "in_attendance", "officer", "Head of Planning", False)]


def test_unnamed_roles_and_the_clerk_are_not_attendees():
    rows = attendees_in("Present: Cllrs Hayward (in the chair), Hoskins, County Cllr Webb and the Clerk.\n"
                        "The Chair welcomed the Cabinet Member for Children and Young People to the meeting.\n")
    assert [r.name for r in rows] == ["Hayward", "Hoskins", "Webb"]


def test_run_on_list_without_commas_is_split_at_each_honorific():
    rows = attendees_in("Present: Cllr Jim McNeill (Vice Chair) Cllr Daphne Clements Cllr Janet Taylor Helen "
                        "Richardson (Parish Clerk)\n\nPublic: 2\n")
    assert [r.name for r in rows] == ["Jim McNeill", "Daphne Clements", "Janet Taylor", "Helen Richardson"]
    clerk = rows[-1]
    assert (clerk.role, clerk.status, clerk.title) == ("officer", "in_attendance", "Parish Clerk")


def test_chair_named_in_a_sentence_is_flagged_on_the_listed_member():
    rows = by_name(attendees_in("PRESENT\n\nCouncillors Alun Davies, Owen Williams and County Councillor Joseph "
                                "Davies.\n1. WELCOME\nCllr. O. Williams took the Chair and welcomed everyone.\n"))
    assert rows["Owen Williams"].is_chair and not rows["Alun Davies"].is_chair
    assert len(rows) == 3


def test_the_span_is_the_first_mention_of_the_name():
    text = ("Contact: Jo-Anne Sanders, Service Director\n\nMinutes:\n\nThe Panel received a verbal update, provided "
            "by Jo-Anne Sanders and Kieran Lord, Service Directors.\n")
    rows = attendees_in(text)
    assert [r.name for r in rows] == ["Jo-Anne Sanders", "Kieran Lord"]
    assert rows[0].char_start == text.index("Jo-Anne Sanders")
    assert all(text[r.char_start:r.char_end] == r.name for r in rows)


def test_public_speakers_named_in_questions_are_not_attendees():
    rows = attendees_in("Members Present:-\nCouncillors: Ed Plowden (Chair)\n1 Public Forum\n"
                        "Question 1 - Nigel Bryant - Noise Levels on Anchor Road\n")
    assert [r.name for r in rows] == ["Ed Plowden"]


# (document, name, status, is_chair) read off each document's attendance record.
GOLDEN = {
    "001_3497c6eb6f7182a5.txt": [("Pitchley", "present", True), ("Z. Collingham", "present", False),
                                 ("Bennett-Sylvester", "present", False), ("Helen Sweaton", "invited", False),
                                 ("Zulfiqar Shaffi", "invited", False), ("Abigail Henser", "invited", False)],
    "003_1366e15ca36cafc6.txt": [("R. Wall", "in_attendance", False), ("S. Wilson", "in_attendance", False)],
    "kent_cabinet_2025-01-30.pdf": [("R W Gough", "present", True), ("C Bell", "apologies", False),
                                    ("M\nGogarty", "in_attendance", False), ("L Gannon", "in_attendance", False)],
    "bristol_transport-connectivity-policy-committee_2024-09-12.pdf": [
        ("Ed Plowden", "present", True), ("Jos Clark", "substitute", False), ("Coombes", "apologies", False)],
    "merton_audit-committee_2009-10-22.pdf": [("Dave Roberts", "present", True), ("Chris Edge", "in_attendance", False),
                                              ("Sandra Lofthouse", "in_attendance", False),
                                              ("Diane Neil mills", "apologies", False)],
    "tintern_community-council_2021-03-29.txt": [("Shewell", "present", True), ("Webb", "present", False)],
    "stoke-ferry_parish-council_2019-06-05.html": [("Jim McNeill", "present", True),
                                                   ("Helen Richardson", "in_attendance", False),
                                                   ("Martin Storey", "apologies", False)],
    "manordeilo-salem_community-council-welsh_2019-10-09.pdf": [("Owen\nWilliams", "present", True),
                                                                ("Doris Jones", "apologies", False)],
}
COUNTS = {"001_3497c6eb6f7182a5.txt": 22, "003_1366e15ca36cafc6.txt": 2, "004_f16766095fe01545.txt": 2,
          "002_b4c1166e4f9707b7.txt": 0, "kent_cabinet_2025-01-30.pdf": 24, "kent_county-council_2025-02-13.pdf": 82,
          "bristol_transport-connectivity-policy-committee_2024-09-12.pdf": 10,
          "merton_audit-committee_2009-10-22.pdf": 25, "west-dereham_parish-council_2018-11-08.html": 8,
          "wretton_parish-council_2019-05-13.txt": 9, "kirklees_cabinet-decision_2021-07-27.html": 0}


def attendees_of(name: str) -> list:
    return stage_rows(name, extract_attendees, "name")


@pytest.mark.parametrize("name", sorted(COUNTS))
def test_each_document_lists_its_attendees_once(name):
    assert len(attendees_of(name)) == COUNTS[name]


def test_two_members_with_one_surname_and_initial_stay_two_people():
    rows = attendees_of("kent_county-council_2025-02-13.pdf")  # "Ms J Meade, Mr J Meade"
    assert [r.name for r in rows].count("J Meade") == 2


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_each_document_gives_the_status_and_chair_it_records(name):
    rows = by_name(attendees_of(name))
    assert [(n, rows[n].status, rows[n].is_chair) if n in rows else (n, None, None) for n, _, _ in GOLDEN[name]] \
        == GOLDEN[name]


def test_a_name_hyphenated_across_a_line_end_is_stored_whole():
    assert "Paul Barrington-King" in by_name(attendees_of("kent_county-council_2025-02-13.pdf"))


# Invented lists in the layouts councils use: an attendance block is parsed by a name grammar.

def test_an_irish_block_of_labelled_groups_with_titles_before_bracketed_names():
    rows = attendees_in("PRESENT IN THE CHAIR: Councillor A. Byrne, Mayor.\n\nMEMBERS PRESENT:\n\n"
                        "Councillors Adams, Burke (J), Burke (M), Casey, Doyle,\n\nEgan, Flynn.\n\n"
                        "GARDA NOMINATIONS:\n\nSuperintendent (Mr. D. Walsh)\n\n"
                        "OFFICIALS IN ATTENDANCE:\n\nChief Executive (Mr. P. Quinn), Accountants (Ms. I. Lee and Mr. P. Roe)\n\n"
                        "1. Minutes\n")
    got = [(r.name, r.status, r.role, r.is_chair) for r in rows]
    assert got[0] == ("A. Byrne", "present", "councillor", True)
    assert [n for n, *_ in got[1:8]] == ["Adams", "Burke", "Burke", "Casey", "Doyle", "Egan", "Flynn"]  # two Burkes
    assert ("D. Walsh", "present", "other", False) in got
    assert {(r.name, r.title) for r in rows if r.status == "in_attendance"} == {
        ("P. Quinn", "Chief Executive"), ("I. Lee", "Accountants"), ("P. Roe", "Accountants")}


def test_a_run_on_parish_list_where_the_clerk_follows_the_last_councillor():
    rows = attendees_in("Present\nCouncillors A Bell (Chair) C Dunn, E Fox and\nG Hale Clerk J Todd\n"
                        "Members of the Public - Two Members\n23.04.1 Apologies\nK Lamb, EDC\n")
    assert [(r.name, r.status, r.role, r.title) for r in rows] == [
        ("A Bell", "present", "councillor", None), ("C Dunn", "present", "councillor", None),
        ("E Fox", "present", "councillor", None), ("G Hale", "present", "councillor", None),
        ("J Todd", "in_attendance", "officer", "Clerk"), ("K Lamb", "apologies", "councillor", None)]


def test_posts_written_before_names_with_colons_label_the_name_after_them():
    rows = attendees_in("Present: Chair: Mr A Bell: Secretary: Mrs C Dunn: Vice Chair: Mr E Fox\n"
                        "In Attendance: Councillor G Hale\nApologies: Mrs K Lamb\n")
    assert [(r.name, r.status, r.title, r.is_chair) for r in rows] == [
        ("A Bell", "present", None, True), ("C Dunn", "present", "Secretary", False),
        ("E Fox", "present", "Vice Chair", False), ("G Hale", "in_attendance", None, False),
        ("K Lamb", "apologies", None, False)]


def test_a_us_roll_call_names_councilmembers():
    rows = attendees_in("ROLL CALL - Present: Councilmembers Ortiz, Park, and Mayor Quinn – 3.\nAbsent: None.\n")
    assert [(r.name, r.role) for r in rows] == [("Ortiz", "councillor"), ("Park", "councillor"), ("Quinn", "councillor")]


def test_a_us_staff_line_lists_officers_with_their_posts():
    rows = attendees_in("Present: Chair Mayor Ann Bell, Secretary Carl Dunn\n\n"
                        "Staff: Eve Fox, Financial Services Manager; Gil Hart, Administrative Technician\n\n1. MINUTES\n")
    assert [(r.name, r.status, r.role, r.title) for r in rows if r.status == "in_attendance"] == [
        ("Eve Fox", "in_attendance", "officer", "Financial Services Manager"),
        ("Gil Hart", "in_attendance", "officer", "Administrative Technician")]


GRID = ("IV.\n\nRoll Call - Determination of Quorum\nAttendee Name\nAnna Fairweather\nMarcus Oyelaran\n\nTitle\n"
        "Trustee, Ward 2\nTrustee, Ward 5\n\nStatus\nPresent\nRemote\n\nArrived\n6:02 PM\n6:00 PM\n\nPriya Lindqvist\n"
        "Tomas Erdely\n\nBoard Treasurer\nTrustee, Ward 1\n\nAbsent\nLate\n\n6:41 PM\n\n"
        "V.\n\nPublic Comment\nThere were no public comments at this meeting.\n")


def test_a_roll_call_grid_flattened_column_by_column_pairs_each_name_with_its_title_and_status():
    rows = by_name(attendees_in(GRID))
    assert list(rows) == ["Anna Fairweather", "Marcus Oyelaran", "Priya Lindqvist", "Tomas Erdely"]
    assert [(r.status, r.title) for r in rows.values()] == [
        ("present", "Trustee, Ward 2"), ("present", "Trustee, Ward 5"), ("apologies", "Board Treasurer"),
        ("present", "Trustee, Ward 1")]
    assert rows["Tomas Erdely"].role == "councillor"


def test_labelled_groups_go_on_past_a_label_without_a_colon_and_a_possessive_honorific_is_a_plural():
    text = ("IN THE CHAIR:\n\nCouncillor A. Ryan\n\nCOUNCILLORS:\n\nCouncilor’s T. Bell, S. Hart and C. Shaw\n\n"
            "COMMUNITY\n\nDr. B. Hale\n\nREPRESENTATIVES:\n\nOFFICIALS:\n\nChief Executive (Dr. P. Dunne), "
            "Staff Officer (Ms. L. Crean)\n\nAPOLOGIES:\n\nCouncillor B. Cole\n\n1. MINUTES\n\nAgreed.\n")
    rows = by_name(attendees_in(text))
    assert list(rows) == ["A. Ryan", "T. Bell", "S. Hart", "C. Shaw", "B. Hale", "P. Dunne", "L. Crean", "B. Cole"]
    assert (rows["B. Hale"].status, rows["P. Dunne"].status, rows["B. Cole"].status) == (
        "present", "in_attendance", "apologies")
    assert rows["P. Dunne"].title == "Chief Executive" and rows["T. Bell"].role == "councillor"


def test_australian_councillors_are_written_cr():
    rows = attendees_in("Present: the Mayor, Crs Marsh, Lee and Baker.\n\n1. Minutes\nConfirmed.\n")
    assert {"Marsh", "Lee", "Baker"} <= {r.name for r in rows} and by_name(rows)["Lee"].role == "councillor"


def test_one_name_a_paragraph_under_those_attending_and_a_post_after_a_name_without_a_comma():
    text = ("THOSE ATTENDING:\n\nCllr P Adams\n\nCllr R Bolton\n\nCllr T Crane (Chair)\n\nIN ATTENDANCE:\n\n"
            "Mrs J Dunn, Parish Clerk, and Mr E Frost Deputy Parish Clerk.\n\nAGENDA PART 1\n\n"
            "C101/24      1.         APOLOGIES FOR ABSENCE.\n\nCllr L Grey and Cllr M Hale (family commitment).\n")
    rows = by_name(attendees_in(text))
    assert list(rows) == ["P Adams", "R Bolton", "T Crane", "J Dunn", "E Frost", "L Grey", "M Hale"]
    assert rows["T Crane"].is_chair and (rows["E Frost"].title, rows["E Frost"].role) == ("Deputy Parish Clerk", "officer")
    assert {rows["L Grey"].status, rows["M Hale"].status} == {"apologies"}


def test_a_bracketed_council_is_whom_a_member_sits_for_and_keeps_the_run_of_councillors():
    rows = attendees_in("1. APOLOGIES\n\nApologies for absence were received from Councillors K. Evers (Northshire "
                        "County Council), L. Gorge (Southshire County Council) and W. Pole (Southshire County Council).\n")
    assert [(r.name, r.role, r.title) for r in rows] == [
        ("K. Evers", "councillor", "Northshire County Council"), ("L. Gorge", "councillor", "Southshire County Council"),
        ("W. Pole", "councillor", "Southshire County Council")]


def test_us_roll_calls_councils_present_absent_and_staff_written_post_first():
    rows = by_name(attendees_in(
        "2. ROLL CALL\nMayor Tom Wills and Councilmembers Mara Butts and Dan Rye. Also present were City Manager "
        "Carl Bogan and City Attorney Troy Gill.\n3. MINUTES\nApproved.\n"))
    assert (rows["Mara Butts"].status, rows["Mara Butts"].role) == ("present", "councillor")
    assert (rows["Carl Bogan"].status, rows["Carl Bogan"].title) == ("in_attendance", "City Manager")
    rows = by_name(attendees_in("COUNCIL PRESENT: Mayor Tierny, Councilmembers Hewett and Stine.\nABSENT: Councilmember "
                                "Jonas.\nSTAFF PRESENT: Finance Director Hahne and City Clerk Paulsen.\n"))
    assert [(n, r.status) for n, r in rows.items()] == [("Tierny", "present"), ("Hewett", "present"), ("Stine", "present"),
                                                        ("Jonas", "apologies"), ("Hahne", "in_attendance"),
                                                        ("Paulsen", "in_attendance")]
    assert rows["Paulsen"].title == "City Clerk"


def test_scottish_calling_of_the_roll_apologies_intimated_and_initialled_posts():
    rows = by_name(attendees_in(
        "1. Calling of the Roll and Apologies for Absence\n\nMr G Aden, Mr R Balf, Mrs J Barcley\n\n"
        "Apologies for absence were intimated on behalf of Mr B Allen and Mrs C Wilsen.\n\n2. Declarations\n\nNone.\n"))
    assert [(n, r.status) for n, r in rows.items()] == [("G Aden", "present"), ("R Balf", "present"),
                                                        ("J Barcley", "present"), ("B Allen", "apologies"),
                                                        ("C Wilsen", "apologies")]
    rows = by_name(attendees_in("Community Councillors present: Susan Hold (SH-Chair), Richard Jones (RJ- Secretary), "
                                "Marilyn Moor (MM).\n\n1. Welcome\n"))
    assert rows["Susan Hold"].is_chair and rows["Richard Jones"].title == "Secretary"
    assert {r.role for r in rows.values()} == {"councillor"}


def test_who_calls_a_us_meeting_to_order_presides():
    rows = by_name(attendees_in("The City Council met in Regular Session called to order by Mayor Tom Wills at "
                                "7:00 p.m.\n\nROLL CALL\nMayor Tom Wills and Councilmembers Mara Butts and Dan Rye.\n"))
    assert rows["Tom Wills"].is_chair and not rows["Mara Butts"].is_chair
    rows = by_name(attendees_in("Mayor Ezra Ash convened the meeting at 6:00 p.m.\nROLL CALL - Present: Councilmembers "
                                "Day, Knox and Mayor Ezra Ash – 3.\n"))
    assert rows["Ezra Ash"].is_chair and not rows["Day"].is_chair


def test_officials_listed_by_post_with_their_names_in_brackets():
    text = ("MEMBERS PRESENT:\n\nCouncillors Bourke, Daly, Egan, Fahy.\n\nOFFICIALS IN ATTENDANCE:\n\n"
            "Chief Executive (Mr. P. Daly), Director, Housing and\n\nCommunity (Ms. C. Carey), Director, Roads "
            "(Mr. J. Dunne), Accountants (Ms. I. Grogan and Mr. P. Moran).\n\n1. Minutes\n\nAgreed.\n")
    people = attendees_in(text)
    officials = [(p.name, p.title, p.role) for p in people if p.status == "in_attendance"]
    assert officials == [("P. Daly", "Chief Executive", "officer"), ("C. Carey", "Director, Housing and Community",
                                                                     "officer"),
                         ("J. Dunne", "Director, Roads", "officer"), ("I. Grogan", "Accountants", "officer"),
                         ("P. Moran", "Accountants", "officer")]
    assert [p.name for p in people if p.role == "councillor"] == ["Bourke", "Daly", "Egan", "Fahy"]


def test_a_run_on_list_with_each_members_initials_wrapped_onto_a_line_of_their_own():
    text = ("Minutes\nPresent:\nJane Ash (JA) Alan Bell (AB)\nApologies:\nPolly Gray (PG) Alistair Todd\n(AT)\n"
            "Karen Wynn‐-Hart\n(KW)\nBryn Hale (BH)\n\n1. Minutes\nAgreed.\n")
    assert [(p.name, p.status) for p in attendees_in(text)] == [
        ("Jane Ash", "present"), ("Alan Bell", "present"), ("Polly Gray", "apologies"), ("Alistair Todd", "apologies"),
        ("Karen Wynn‐-Hart", "apologies"), ("Bryn Hale", "apologies")]


# Invented lists in the layouts of Northern Irish councils and Australian shires.
@pytest.mark.parametrize("text, expected", [
    # the members present in groups, a blank line between them, each opened by its honorific
    ("PRESENT: Councillor A Black (Chairman)\n\nThe Right Worshipful The Mayor Councillor B Crowe\n\n"
     "Aldermen C Dale MBE, D Ennis and E Ford\n\nCouncillors F Gray and G Hale\n\n1. Apologies\n",
     [("A Black", True), ("B Crowe", False), ("C Dale", False), ("D Ennis", False), ("E Ford", False),
      ("F Gray", False), ("G Hale", False)]),
    ("Members Present : Aldermen – K Allen, L Byrne and M Carey\n\nCouncillors – N Doyle and O Egan\n\n1. Apologies\n",
     [("K Allen", False), ("L Byrne", False), ("M Carey", False), ("N Doyle", False), ("O Egan", False)]),
    # who presides, then the other members run on with no commas, written initials first
    ("Presiding: R T Quinn\n\nOther Members Present: A B Doherty C Dunne Mrs E F Gallagher G H Kearney\n\n"
     "Apology: P Q Rafferty\n\n1 Minutes\n",
     [("R T Quinn", True), ("A B Doherty", False), ("C Dunne", False), ("E F Gallagher", False),
      ("G H Kearney", False), ("P Q Rafferty", False)]),
])
def test_members_present_in_groups_presiding_and_run_on_initials(text, expected):
    rows = attendees_in(text)
    assert [(r.name, r.is_chair) for r in rows] == expected
    assert all(r.role == "councillor" for r in rows)
    assert [r.status for r in rows if r.name == "P Q Rafferty"] in ([], ["apologies"])


def test_a_shire_presidents_post_follows_the_name():
    rows = attendees_in("Present\nCr P Dalton Shire President\nCr M Ellery Deputy Shire President\nCr J Finch\n\n"
                        "Apologies\nCr K Jarvis\n\n1. Minutes\n")
    assert [(r.name, r.status, r.title) for r in rows] == [
        ("P Dalton", "present", "Shire President"), ("M Ellery", "present", "Deputy Shire President"),
        ("J Finch", "present", None), ("K Jarvis", "apologies", None)]


# Invented lists in the layouts of New Zealand councils' published minutes.
@pytest.mark.parametrize("text, expected", [
    ("Present: Her Worship the Mayor R Reese (Chairperson), Councillors L Acton and I Baker\n\n"
     "In Attendance: Chief Executive (C Hadley), Group Manager Infrastructure (A Lewis)\n\n1. Apologies\n",
     [("R Reese", "present", None), ("L Acton", "present", None), ("I Baker", "present", None),
      ("C Hadley", "in_attendance", "Chief Executive"), ("A Lewis", "in_attendance", "Group Manager Infrastructure")]),
    # "IN ATTENDANCE" alone on its line, each post written before its name
    ("IN ATTENDANCE\n\nChief Executive Steve Rowe, Group Manager Services Ian Marsh and Committee Advisor Fiona "
     "Dunn.\n\n1 Apologies\n", [("Steve Rowe", "in_attendance", "Chief Executive"),
                                ("Ian Marsh", "in_attendance", "Group Manager Services"),
                                ("Fiona Dunn", "in_attendance", "Committee Advisor")]),
])
def test_the_mayor_by_courtesy_and_officers_by_post(text, expected):
    assert [(r.name, r.status, r.title) for r in attendees_in(text)] == expected


def test_us_sentences_name_the_members_present_and_the_staff_also_present():
    rows = attendees_in("The City Council met in session on this date at 9:30 a.m. Council members present were Mayor "
                        "Carl Benton, Henry Boyd and Pat Burke. City Manager Zane, Director of Finance Hall and City "
                        "Clerk Rogers also present.\n\nFIRE\n\nDiscussed.\n")
    assert [(r.name, r.status, r.title) for r in rows] == [
        ("Carl Benton", "present", None), ("Henry Boyd", "present", None), ("Pat Burke", "present", None),
        ("Zane", "in_attendance", "City Manager"), ("Hall", "in_attendance", "Director of Finance"),
        ("Rogers", "in_attendance", "City Clerk")]


def test_attending_opens_a_list_and_council_members_is_no_council():
    from extract.read.metadata import infer_council

    rows = attendees_in("Roll Call of Council Members:\nAttending: Council Member Ford, Council Member Mann and Mayor "
                        "Mills.\n\n1. Consent Calendar\n")
    assert [r.name for r in rows] == ["Ford", "Mann", "Mills"]
    assert infer_council("Mayor Jerry Mills\nCouncil Members:\nChris Mann Jordan Bush\n") is None


def test_initials_run_together_and_remote_attendance():
    rows = attendees_in("Present: A. Brown, C. Dunn\n\nAlso Present: J.P. McGill, H.J.B. Jenner.\n\n"
                        "Remote Attendance: E. Benn, E. Hurst\n\nThe meeting is called to order at 10:02 AM.\n")
    assert [(r.name, r.status) for r in rows] == [
        ("A. Brown", "present"), ("C. Dunn", "present"), ("J.P. McGill", "in_attendance"),
        ("H.J.B. Jenner", "in_attendance"), ("E. Benn", "in_attendance"), ("E. Hurst", "in_attendance")]


def test_whoever_presented_attended_though_the_list_leaves_them_out():
    rows = attendees_in("Present: Councillors Bell, Dunn and Fox\n\n1. Advisory Committee Report\n\nThe Advisory Committee "
                        "Report was presented by Matt Appel.\n\n2. General Manager's Report\n\nPresented by Debra A. "
                        "Jones, General Manager.\n")
    assert [(r.name, r.status) for r in rows][-2:] == [("Matt Appel", "in_attendance"), ("Debra A. Jones", "in_attendance")]
    assert [r.title for r in rows if r.name == "Debra A. Jones"] == ["General Manager"]


@pytest.mark.parametrize("closing, name", [
    ("Respectfully submitted,\nLara Weiss\nCity Clerk\nThe agenda was posted.\n", "Lara Weiss"),
    ("Respectfully submitted by Jane Doe, Deputy Clerk\n", "Jane Doe"),
])
def test_the_clerk_who_submits_the_minutes_attended(closing, name):
    rows = attendees_in("Present: Councillors Bell and Dunn\n\n1. Adjournment\nThe meeting adjourned at 9:56 p.m.\n" + closing)
    assert [(r.name, r.status) for r in rows][-1] == (name, "in_attendance")


def test_a_vote_grids_row_labels_are_no_attendees():
    # a school board's minutes with a vote grid under "Present" (San Diego's layout, as OCR reads it)
    rows = attendees_in("MINUTES\nREGULAR MEETING OF THE BOARD OF EDUCATION\n\nPresent\n\nMotion\nSecond\nAyes\nNays\n"
                        "Abstain\n\nBRAUN\nLOPEZ\n\n1. CLOSED SESSION\n")
    assert not any(word in r.name for r in rows for word in ("Motion", "Ayes", "Abstain"))


def test_a_chair_written_by_post_and_surname_who_opens_the_meeting_presides():
    # a US transit board (Denver RTD's layout, names invented): the board listed with posts, then the opening
    rows = by_name(attendees_in("MINUTES OF THE BOARD\n\nPresent: Ana Ortiz, Bob Hale\n\n1. Call to Order\n\n"
                                "Chair Ortiz called the meeting to order at 5:32 p.m.\n"))
    assert rows["Ana Ortiz"].is_chair and not rows["Bob Hale"].is_chair


@pytest.mark.parametrize("text, expected", [
    # a "ROLL CALL" heading above the "Present:" line
    ("CITY COUNCIL MINUTES\n\nROLL CALL\n\nPresent: Councilmembers Ames, Baker and Mayor Lee.\n\nCONSENT CALENDAR\n",
     ["Ames", "Baker", "Lee"]),
    # "Attended by:" after a minute number, "Attendees:" over a list of bullets
    ("Minutes\n45. Attended by: Cllrs Fay Moon (Chairman), Gill Stew, Chris Ray.\n46. Apologies: Cllr Sue Oliv.\n",
     ["Fay Moon", "Gill Stew", "Chris Ray", "Sue Oliv"]),
    ("Minutes\nAttendees:\n• Mr. John Smithe (Chairperson)\n• Mrs. Emily Johns\n• Mr. Peter Thom\n\n1. Opening Remarks\n",
     ["John Smithe", "Emily Johns", "Peter Thom"]),
    # a council tier before the honorific; a line that counts the public names nobody
    ("Minutes\nPresent: Cllr P Moss (Chair), Cllr S Mill.\nIn attendance: Mrs S Rowe (Clerk) and Unitary Cllr J Davy.\n\n"
     "59. Apologies\n", ["P Moss", "S Mill", "S Rowe", "J Davy"]),
    ("Minutes\nPRESENT\nCouncillors: Nick Brown (NB), John Lewis (JL),\nMichael Hale\nParish Clerk: Helen Spur\n"
     "Parishioners: There\nwere 3 Parishioners\n1. APOLOGIES\n", ["Nick Brown", "John Lewis", "Michael Hale", "Helen Spur"]),
    # a Welsh community council: the chair on a line of its own, the list as a minute, others after "Also"
    ("CYNGOR CYMUNED PENTRE COMMUNITY COUNCIL\nChair: Councillor R Pryce\n\n52.PRESENT Councillors: R Pryce, "
     "T Aldous, Mrs K Bevan & Mrs L Watkin Also PCSO Dan Reece & three members of the public\n\n53. APOLOGIES\n",
     ["R Pryce", "T Aldous", "K Bevan", "L Watkin", "Dan Reece"]),
    # a Scottish community council's sederunt; a police officer among the apologies
    ("Glenbrae Community Council\nSederunt: Alan Muir (Chair), Kirsty Bell, Cllr Tom Hay (Ward Councillor)\n\n"
     "Apologies: Morag Kerr, PC Jim Low\n\n1. Minutes\n", ["Alan Muir", "Kirsty Bell", "Tom Hay", "Morag Kerr", "Jim Low"]),
    # an Irish council's bilingual cue, its chair by the Irish post, its officials' own list
    ("MINUTES OF MEETING OF WEST CLARE MUNICIPAL DISTRICT\n\nI LATHAIR / PRESENT:\nCouncillors J. Crowe "
     "(Cathaoirleach), M. Dillon, B. Keane.\n\nOFFICIALS:\nMr. L. Doyle, Senior Executive Officer.\n\nItem 1: Minutes\n",
     ["J. Crowe", "M. Dillon", "B. Keane", "L. Doyle"]),
    # an Australian council's attendance heading over one name a line
    ("SHIRE OF BANKSIA\nMINUTES OF THE ORDINARY MEETING OF COUNCIL HELD ON 21 MARCH 2024\n\nATTENDANCE\n"
     "Cr L Finch (Shire President)\nCr N Hart\nMr O Irwin (Chief Executive Officer)\n\nAPOLOGIES\nCr P Jones\n",
     ["L Finch", "N Hart", "O Irwin", "P Jones"]),
    # one name a paragraph, a count of the public among them
    ("Minutes\nPresent:\n\nCllr Mr D Fairley (Chair)\n\nCllr Mrs H Allen\n\nIn Attendance:\n\nTwo members of the public"
     "\n\nMr K Lamb Clerk and Responsible Financial Officer to the Council\n\nItem No Item under discussion\n",
     ["D Fairley", "H Allen", "K Lamb"]),
])
def test_attendance_in_more_councils_layouts(text, expected):
    assert [r.name for r in attendees_in(text)] == expected


def test_a_town_boards_bulleted_present_line_with_posts_after_the_names():
    rows = attendees_in("Town of Birchwood\nApril Meeting Minutes\n- Present: Lars Nyberg, Chairman, Tom Sauer & Ray Voss, "
                        "Town Supervisors, & Jean Pike, Clerk/Treasurer.\n- The meeting was called to order at 7 pm.\n")
    assert [(r.name, r.role) for r in rows] == [("Lars Nyberg", "councillor"), ("Tom Sauer", "councillor"),
                                                ("Ray Voss", "councillor"), ("Jean Pike", "officer")]


def test_members_and_officers_who_were_present_told_in_a_sentence():
    rows = attendees_in("Town Board Minutes\n\nCall to Order. Chairperson K Olsen called the meeting to order at 7:00 p.m. "
                        "Supervisors R Dahl and M Berg, and Clerk P Lund were present.\n\nPledge: done.\n")
    assert [(r.name, r.role) for r in rows] == [("K Olsen", "councillor"), ("R Dahl", "councillor"),
                                                ("M Berg", "councillor"), ("P Lund", "officer")]


def test_people_counted_or_present_elsewhere_are_no_attendees():
    rows = attendees_in("Minutes\nPresent: Cllr A Bell\n\n1. Planning\nTwo residents were present. Members of the public "
                        "were present. Police officers were present. Mr Hill was present at the site visit.\n")
    assert [r.name for r in rows] == ["A Bell"]


@pytest.mark.parametrize("text, expected", [
    ("Minutes\n\nROLL CALL (Present): Councilmen Gary Benz, Fred Hollis and Deputy Mayor Jim Rowe\n\nAbsent: Councilman "
     "Richard Zorn\n\nAPPROVAL OF MINUTES\n", [("Gary Benz", "present"), ("Fred Hollis", "present"),
                                             ("Jim Rowe", "present"), ("Richard Zorn", "apologies")]),
    ("Minutes\n\nThe meeting began. Others present included Vice Chair Dan Gard, Supervisor Vic Cole and Clerk Bett Tops.\n",
     [("Dan Gard", "present"), ("Vic Cole", "present"), ("Bett Tops", "in_attendance")]),
])
def test_us_township_roll_calls(text, expected):
    assert [(r.name, r.status) for r in attendees_in(text)] == expected
