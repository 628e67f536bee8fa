"""Declarations of interest and document kinds: tiny literal rule tests in the layouts councils use
(invented names)."""

from extract.find.declarations import extract_declarations
from extract.find.kind import document_kind
from extract.find.sentences import SentenceIndex
from schemas.records import Document


def declared(text: str):
    doc = Document(id="t", source_path="t.txt", format="txt", text=text)
    rows, none = extract_declarations(doc, SentenceIndex(text))
    assert all(text[r.char_start:r.char_end] == r.name for r in rows)
    return [(r.name, r.interest, r.kind, r.left_room) for r in rows], none


def test_a_member_declaring_a_kind_of_interest_and_leaving_the_room():
    rows, none = declared("3. Declarations of Interest\nCllr. A. Brown declared a prejudicial interest in item 7 "
                          "(owner of adjacent land) and left the room.\n")
    assert rows == [("Cllr. A. Brown", "item 7 (owner of adjacent land)", "prejudicial", True)] and not none


def test_an_interest_restated_under_its_item_is_one_declaration():
    text = ("3. Declarations\nCllr C. Dunn declared an interest in Agenda Item 7 Planning Application PL/00123 "
            "(his role as County Councillor).\n7. Planning\nCllr C. Dunn declared an interest in Planning Application "
            "PL/00123 and did not take part.\n")
    rows, _ = declared(text)
    assert len(rows) == 1 and rows[0][0] == "Cllr C. Dunn"


def test_a_list_of_declarations_after_a_lead_in():
    rows, _ = declared("The following was declared as an interest: Cllr Ann Green due to a payment to her son. "
                       "Cllr Bo White as she lives next to the hall\n")
    assert [(name, interest) for name, interest, _, _ in rows] == [
        ("Cllr Ann Green", "a payment to her son"), ("Cllr Bo White", "she lives next to the hall")]


def test_pecuniary_and_stated_none():
    rows, _ = declared("Councillor E. Fox discloses a pecuniary interest in item 13, by indicating that his "
                       "brother owns the site.\n")
    assert rows == [("Councillor E. Fox", "item 13, by indicating that his brother owns the site", "disclosable_pecuniary", None)]
    for text in ("2. Declarations of interest: None.\n", "19.03.2 Register of Interests\nNone\n",
                 "That it BE NOTED that no pecuniary interests were disclosed.\n", "No declarations were made.\n"):
        assert declared(text) == ([], True), text


def test_a_member_expressing_interest_in_a_scheme_is_not_a_declaration():
    assert declared("D Gray said residents were interested in the scheme.\n") == ([], False)


def kind_of(text: str) -> str:
    return document_kind(Document(id="t", source_path="t.txt", format="txt", text=text))


def test_document_kinds_from_the_opening():
    assert kind_of("MINUTES of the meeting of the Cabinet held on 3 May\nPresent: Cllr A Brown\n") == "minutes"
    assert kind_of("Decision details\n\nDecision Maker: Cabinet\n\nDecision status: Approved\n") == "decision_notice"
    assert kind_of("AGENDA\n\n1. Apologies\n2. Declarations of interest\n") == "agenda"
    assert kind_of("Report to Cabinet\n\nPurpose of report\n\nThis report sets out the budget.\n") == "report"
    assert kind_of("Accounting statements 2016-17\n\nBalances brought forward\n") == "other"


def test_the_kind_whose_sign_comes_first_wins():
    assert kind_of("City Council\nNotice and Agenda\n\n1. Approve the Minutes of the meeting of 12 January\n") == "agenda"
    assert kind_of("ANN SMITH’S REPORT\nPARISH COUNCIL MEETING\nMatters arising from the minutes of May\n") == "report"
    assert kind_of("Title: Year End Performance\n\n1. Recommendations\n\n1.1 The Commission is asked to note it.\n") \
        == "report"
    assert kind_of("Agenda item\n\nPerformance\n\nThe Chair welcomed the Cabinet Member to the meeting.\n") == "minutes"


def test_a_bare_name_declares_only_straight_before_the_verb_and_interest():
    rows, _ = declared("Danny Brown indicated a personal interest as a leaseholder of a council property.\n")
    assert rows == [("Danny Brown", "a leaseholder of a council property", "personal", None)]
    assert declared("Budget Report declared that interest rates rose.\n") == ([], False)
    assert declared("The Town Hall and Market Square were discussed; interest was high.\n") == ([], False)


def test_several_members_before_one_declaring_verb_each_declare():
    rows, _ = declared("5. The hall roof was agreed at a cost of £160.00 , R Moss and T Hale expressed an interest .\n")
    assert [name for name, *_ in rows] == ["R Moss", "T Hale"]
    rows, _ = declared("Cllr A Brown, Cllr C Dunn and Eve Fox declared a personal interest in item 5 as allotment "
                       "holders.\n")
    assert [(name, kind) for name, _, kind, _ in rows] == [("Cllr A Brown", "personal"), ("Cllr C Dunn", "personal"),
                                                           ("Eve Fox", "personal")]
    assert declared("Stoke Road and Mill Lane expressed concern about parking interests.\n")[0] == []


def test_us_minutes_are_known_by_the_meeting_called_to_order():
    assert kind_of("Regular Council Meeting July 9, 2023\nMayor Tierny called a Regular Meeting of the Elmwood City "
                   "Council to order at 7:00 p.m.\n") == "minutes"
    assert kind_of("NOVEMBER 13, 2023\nThe Maple Grove City Council met in Regular Session at 7:00 p.m.\n") == "minutes"


def test_a_declaration_by_the_chair_is_joined_to_the_member_chairing(tmp_path):
    from extract.run.batch import Options, ingest
    from extract.store.database import connect

    text = ("Minutes of the Audit Committee\n\nPresent: Councillor Anne Brown (Chair), Councillor Bo Grey\n\n"
            "1 DECLARATIONS OF INTEREST\nThe Chair declared a personal interest as a partner in an audit firm.\n"
            "Councillor Grey declared a personal interest as a leaseholder.\n\n2 MINUTES\nAgreed.\n")
    (tmp_path / "audit.txt").write_text(text, encoding="utf-8")
    ingest([tmp_path / "audit.txt"], tmp_path / "m.db", Options())
    rows = connect(tmp_path / "m.db").execute(
        "select d.name, d.member, a.name from declarations d left join attendees a on a.id = d.attendee_id").fetchall()
    assert rows == [("The Chair", "Anne Brown", "Anne Brown"), ("Councillor Grey", "Bo Grey", "Bo Grey")]
