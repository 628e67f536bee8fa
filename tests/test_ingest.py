"""Loading: encodings, HTML, stored-text normalisation, sidecars, and each bad-input kind."""

import json

import pytest

from extract.errors import EmptyDocument, NoTextLayer, UnreadableDocument, UnsupportedFormat
from extract.read.document import load_document
from extract.read.html import html_to_lines
from extract.read.text import build_text

from .conftest import corpus_file

UK_LINE = "Budget of £6,800 for the “new” café – agreed"


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                          ("cp1252", b"")])
def test_text_files_decode_in_every_encoding_councils_use(tmp_path, encoding, bom):
    path = tmp_path / "minutes.txt"
    path.write_bytes(bom + UK_LINE.encode(encoding))
    document, _ = load_document(path)
    assert document.text == UK_LINE


def test_bullets_and_spaces_are_normalised_when_the_text_is_built():
    text, _ = build_text(["·         Officers were   focusing\n•\tAttendance did impact"])
    assert text == "- Officers were focusing\n- Attendance did impact"


def test_a_blank_line_inside_a_sentence_is_dropped_but_paragraphs_stay():
    text, _ = build_text(["asked to receive the report and \n\naccompanying dataset.\n\n2. Background"])
    assert text == "asked to receive the report and\naccompanying dataset.\n\n2. Background"


def test_page_furniture_left_in_a_converted_document_is_not_stored():
    text, _ = build_text(["1. Minutes\nThe minutes were approved as a true record of the\nPage 1 of 3\nmeeting.\n\nPage 2 of 3"])
    assert text == "1. Minutes\nThe minutes were approved as a true record of the\nmeeting."


def test_page_starts_point_at_each_page_first_character():
    text, starts = build_text(["First page.", "", "Third page."])
    assert starts == (0, 11, 11 + 2)
    assert text[starts[2]:] == "Third page."


def test_html_drops_scripts_styles_and_navigation_and_decodes_entities():
    markup = ("<html><head><title>Minutes</title><style>p{}</style></head><body>"
              "<nav><a>Home</a></nav><ul class='dropdown-menu'><li>2019</li></ul>"
              "<h4>1. WELCOME</h4><p>Balance of &pound;13,511.78&nbsp;agreed</p><script>x()</script>"
              "<table><tr><td>Cllr A</td><td>P</td></tr></table></body></html>")
    text, title = html_to_lines(markup)
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == ["1. WELCOME", "Balance of £13,511.78\xa0agreed", "Cllr A | P"]
    assert title == "Minutes"


def test_a_txt_file_that_is_really_html_is_read_as_html():
    document, _ = load_document(corpus_file("tintern_community-council_2021-03-29.txt"))
    assert "BMM A/C £5,642.54" in document.text
    assert "<br" not in document.text and "&pound;" not in document.text


def test_markdown_front_matter_and_escapes_are_not_stored():
    document, _ = load_document(corpus_file("wretton_parish-council_2019-05-13.txt"))
    assert "2019-08-26" not in document.text  # publication date in the front matter
    assert "\n1. Election of Chairman" in document.text


def test_moderngov_fragment_keeps_its_paragraphs():
    document, _ = load_document(corpus_file("kirklees_cabinet-decision_2021-07-27.html"))
    assert "The demolition of the existing tower blocks has been approved" in document.text
    assert "This decision was authorised by the Cabinet at its meeting on Tuesday, 27 July 2021." in document.text


def test_sidecar_metadata_wins_over_inference(tmp_path):
    path = tmp_path / "minutes.txt"
    path.write_text("IMPROVING LIVES SELECT COMMISSION\nTuesday 25 July 2023\n\nRotherham minutes.")
    (tmp_path / "minutes.txt.meta.json").write_text(json.dumps(
        {"council": "Sheffield", "meeting_date": "2023-07-26", "source_url": "https://example.org/m"}))
    document, _ = load_document(path)
    assert (document.council, document.meeting_date, document.metadata_source) == ("Sheffield", "2023-07-26", "sidecar")
    assert document.committee == "Improving Lives Select Commission"  # not in the sidecar: inferred


def test_pdf_pages_are_recorded():
    document, pages = load_document(corpus_file("kent_cabinet_2025-01-30.pdf"))
    assert document.pages == 17 and len(pages) == 17
    assert "MINUTES of a meeting of the Cabinet" in document.text[pages[0].char_start:pages[0].char_end]


def test_scanned_pdf_is_a_no_text_layer_failure_without_ocr():
    with pytest.raises(NoTextLayer, match="without --no-ocr"):
        load_document(corpus_file("tintern_community-council-accounts-scanned_2017-03-31.pdf"), ocr=False)


def test_empty_file_is_an_empty_document_failure(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(EmptyDocument, match="empty.txt"):
        load_document(tmp_path / "empty.txt")


def test_html_with_no_body_text_is_an_empty_document_failure(tmp_path):
    (tmp_path / "blank.html").write_text("<html><head><script>x()</script></head><body> </body></html>")
    with pytest.raises(EmptyDocument):
        load_document(tmp_path / "blank.html")


def test_unknown_extension_is_an_unsupported_format_failure(tmp_path):
    (tmp_path / "minutes.odt").write_bytes(b"PK\x03\x04")
    with pytest.raises(UnsupportedFormat, match=r"\.odt"):
        load_document(tmp_path / "minutes.odt")


def test_a_blank_line_after_a_word_that_cannot_end_a_sentence_is_dropped():
    text, _ = build_text(["referrals rose to 12,165 in \n\n2015/16 compared to 11,790.\n\n3. Assessments"])
    assert text == "referrals rose to 12,165 in\n2015/16 compared to 11,790.\n\n3. Assessments"


def test_markdown_is_read_with_a_parser_so_emphasis_and_front_matter_are_markup_and_the_title_a_heading(tmp_path):
    path = tmp_path / "minutes.md"
    path.write_text("---\ntitle: \"March minutes\"\ndate: 2021-04-02\n---\n# Parish Council\n\n"
                    "**Present**: Cllr A Brown, Cllr B Green\n\n> [!abstract]- Absent: C White\n\n"
                    "| Payee | Amount |\n| --- | --- |\n| Zurich | £658.63 |\n\n1. Apologies\n2. Minutes\n")
    document, _ = load_document(path)
    lines = [line for line in document.text.split("\n") if line.strip()]
    assert document.format == "md" and "2021-04-02" not in document.text
    assert lines == ["March minutes", "Parish Council", "Present: Cllr A Brown, Cllr B Green", "Absent: C White",
                     "Payee | Amount", "Zurich | £658.63", "1. Apologies", "2. Minutes"]


def test_an_ordered_lists_numbers_are_stored_as_a_reader_sees_them(tmp_path):
    path = tmp_path / "minutes.html"
    path.write_text("<h1>Parish Council</h1><ol start='41'><li>Apologies<ul><li>Cllr A Brown</li></ul></li>"
                    "<li>Minutes<ol><li>Corrections</li></ol></li></ol><ol><li>Finance</li></ol>")
    lines = [line for line in load_document(path)[0].text.split("\n") if line.strip()]
    assert lines == ["Parish Council", "41. Apologies", "Cllr A Brown", "42. Minutes", "1. Corrections", "1. Finance"]


def test_emphasis_a_pdf_converter_left_unbalanced_is_not_stored(tmp_path):
    # Limerick's minutes as Markdown: "***12.**NOTICE …***" cannot be closed by CommonMark
    path = tmp_path / "minutes.md"
    path.write_text("***11.**QUESTION SUBMITTED BY COUNCILLOR A. RYAN***\n\nThe question was answered.\n\n"
                    "***12.**NOTICE OF MOTION SUBMITTED BY COUNCILLOR B. NOLAN***\n\nThe motion was agreed.\n")
    document, _ = load_document(path)
    assert "*" not in document.text and "\n12.NOTICE OF MOTION SUBMITTED BY COUNCILLOR B. NOLAN\n" in document.text


def test_docx_paragraphs_and_table_rows_come_in_document_order(tmp_path):
    import docx

    made = docx.Document()
    made.add_heading("Newtown Parish Council", level=1)
    made.add_paragraph("19.09.01 Apologies")
    table = made.add_table(rows=2, cols=2)
    for row, (payee, amount) in zip(table.rows, [("Payee", "Amount"), ("Village Hall", "£45.00")]):
        row.cells[0].text, row.cells[1].text = payee, amount
    made.add_paragraph("19.09.02 Minutes")
    path = tmp_path / "minutes.docx"
    made.save(path)
    document, _ = load_document(path)
    assert document.format == "docx"
    assert document.text.split("\n") == ["Newtown Parish Council", "19.09.01 Apologies", "Payee | Amount",
                                         "Village Hall | £45.00", "19.09.02 Minutes"]


MULTILEVEL = ('<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">'
              '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
              '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
              '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
              '</w:abstractNum>')
MULTILEVEL_NUM = ('<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">'
                  '<w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="41"/>'
                  '</w:lvlOverride></w:num>')


def test_words_automatic_numbering_is_read_as_the_numbers_word_shows(tmp_path):
    # Word draws a numbered list's numbers; they are not in the paragraphs' text (minutes numbered "41.", "41.1", "(a)")
    import docx
    from docx.oxml import parse_xml

    made = docx.Document()
    numbering = made.part.numbering_part.element
    numbering.insert(0, parse_xml(MULTILEVEL))
    numbering.append(parse_xml(MULTILEVEL_NUM))
    made.add_paragraph("Minutes of the Parish Council")
    for text, level in [("Apologies", 0), ("Minutes", 0), ("Matters arising", 1), ("Bus shelter", 2),
                        ("Footpaths", 2), ("Correspondence", 1), ("Finance", 0), ("", 0), ("Planning", 0)]:
        paragraph = made.add_paragraph(text)
        paragraph._p.get_or_add_pPr().insert(0, parse_xml(
            '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f'<w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    made.add_paragraph("Chair", style="List Bullet")
    path = tmp_path / "minutes.docx"
    made.save(path)
    lines = [line for line in load_document(path)[0].text.split("\n") if line.strip()]
    assert lines == ["Minutes of the Parish Council", "41. Apologies", "42. Minutes", "42.1 Matters arising",
                     "(a) Bus shelter", "(b) Footpaths", "42.2 Correspondence", "43. Finance", "45. Planning", "Chair"]


def test_a_word_97_file_gives_its_paragraphs_and_its_table_rows_as_lines():
    document, _ = load_document(corpus_file("tayport_community-council-agm_2019-05-06.doc"))
    lines = document.text.split("\n")
    assert document.format == "doc" and (document.council, document.meeting_date) == ("Tayport", "2019-05-06")
    assert "Apologies: Mrs H Lowe , Jamie Mc Leod" in lines
    assert "4. Floral Grant received , sponsors required for tubs etc ." in lines  # a typed number stays
    # the two-column table: a header row of one-line cells is one line; a row whose cells hold
    # paragraphs keeps them as lines, so the heading in the cell stands alone
    header = lines.index("Agenda items/Discussion | Action")
    assert lines[header + 1:header + 3] == ["Police Matters :", "PC Ewan Mc Intosh attended .and a written report "
                                            "is attached to Councillor Brett’s Report"]
    assert "Planning:" in lines and "Meeting closed at 9.22 pm" in lines
    assert not any(mark in document.text for mark in "\x07\x13\x14\x15\x01")  # Word's cell and field marks


@pytest.mark.parametrize("data, message", [
    (b"{\\rtf1\\ansi Minutes of the meeting}", "neither a Word 97"),  # an RTF file named .doc
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "not a readable Word 97"),  # a truncated Word file
])
def test_a_doc_that_word_cannot_have_written_is_unreadable_and_says_to_resave_it(tmp_path, data, message):
    path = tmp_path / "agm.doc"
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=message) as raised:
        load_document(path)
    assert "agm.doc" in str(raised.value) and ".docx" in str(raised.value)


def test_a_web_page_saved_as_doc_is_read_as_a_web_page(tmp_path):
    path = tmp_path / "minutes.doc"
    path.write_bytes(b"<html><body><p class=MsoNormal>Minutes</p><p>Present: Cllr A Brown</p><p>1. Apologies</p></body></html>")
    assert load_document(path)[0].text == "Minutes\n\nPresent: Cllr A Brown\n\n1. Apologies"


def test_a_corrupt_docx_is_an_unreadable_document(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UnreadableDocument, match="re-save it from Word"):
        load_document(path)


MODERNGOV = """<?xml version="1.0" encoding="utf-8"?>
<meeting><meetingdate>04/03/2025</meetingdate>
<agendaitems><agendaitem><agendaitemtitle>Members&amp;#39; Minutes</agendaitemtitle>
<fulldisplaynumberformat>12.</fulldisplaynumberformat>
<minutesnonemptyhtmlbody>&lt;p&gt;RESOLVED: That the minutes be approved.&lt;/p&gt;</minutesnonemptyhtmlbody>
<linkeddocuments><linkeddoc><committeetitle>Planning Committee</committeetitle></linkeddoc></linkeddocuments>
</agendaitem></agendaitems>
<attendees><attendee name="Councillor Ann Bell" roledescription="Chair" attendance="Present, as expected">
<url>https://democracy.newtown.gov.uk/mgUserInfo.aspx?UID=1</url></attendee>
<attendee name="Carl Dunn" roledescription="Officer" representing="Head of Planning" attendance="In attendance"/>
<attendee name="Councillor Eve O&amp;#39;Fox" roledescription="Committee Member" attendance="Apologies"/></attendees>
</meeting>"""


def test_a_moderngov_meeting_reads_as_minutes_with_its_committee_and_council(tmp_path):
    """moderngov escapes a title's and a name's entities twice: they read as printed."""
    path = tmp_path / "meeting.xml"
    path.write_text(MODERNGOV)
    document, _ = load_document(path)
    assert (document.format, document.council, document.committee, document.meeting_date) == (
        "xml", "Newtown", "Planning Committee", "2025-03-04")
    assert document.text.split("\n") == [
        "Planning Committee – 4 March 2025", "Present: Councillor Ann Bell (Chair)",
        "In attendance: Carl Dunn (Head of Planning)", "Apologies: Councillor Eve O'Fox", "",
        "12. Members' Minutes", "", "RESOLVED: That the minutes be approved."]


def test_an_xml_file_that_is_not_a_moderngov_meeting_is_unsupported(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel/></rss>")
    with pytest.raises(UnsupportedFormat, match="moderngov"):
        load_document(path)
