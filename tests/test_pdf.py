"""extract/read/pdf.py against the real PDFs of the shared corpus (real/) and a few PDFs built here byte by byte."""
from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extract.errors import EmptyDocument, EncryptedDocument, NoTextLayer, UnreadableDocument
from extract.read.corpus import shared_root
from extract.read.pdf import PAGE_NUMBER, read_pdf_pages, usable_layer

from .conftest import corpus_file, needs_shared

REAL = shared_root() / "real" if shared_root() else None
# Parametrised over the shared PDFs; without the shared corpus one placeholder case skips and says why.
TEXT_PDFS = sorted(p for p in REAL.glob("*.pdf") if "scanned" not in p.name) if REAL else [None]


def page_texts(path, ocr: bool = True) -> list[str]:
    return [page.text for page in read_pdf_pages(path, ocr=ocr)]


def real(name: str) -> Path:
    return corpus_file(name)


def nonblank(page: str) -> list[str]:
    return [line for line in page.split("\n") if line.strip()]


# --- tiny PDF writer: Helvetica text pages, optionally with a password (RC4, security handler R2)

def make_pdf(pages: list[bytes], encrypt: tuple[bytes, bytes] | None = None) -> bytes:
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in pages:
        objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % len(objs))
        kids.append(b"%d 0 R" % len(objs))
    objs[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    trailer = b""
    if encrypt:
        objs.append(encrypt[0])
        file_id = encrypt[1].hex().encode()
        trailer = b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (len(objs), file_id, file_id)
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, trailer, xref)
    return bytes(out)


def text_page(*lines: str) -> bytes:
    """A content stream drawing one text line per argument, 14pt apart."""
    shows = b" ".join(b"(%s) Tj 0 -14 Td" % line.encode() for line in lines)
    return b"BT /F1 12 Tf 72 700 Td " + shows + b" ET"


PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s, j = list(range(256)), 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    i = j = 0
    out = bytearray()
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypt_dict(user: bytes, owner: bytes, file_id: bytes = b"minutes-test-id!") -> tuple[bytes, bytes]:
    """PDF 1.4 standard security handler, revision 2 (PDF spec algorithms 3.2-3.4)."""
    perms = -4
    o = rc4(hashlib.md5((owner + PAD)[:32]).digest()[:5], (user + PAD)[:32])
    key = hashlib.md5((user + PAD)[:32] + o + perms.to_bytes(4, "little", signed=True) + file_id).digest()[:5]
    u = rc4(key, PAD)
    return (b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
            % (o.hex().encode(), u.hex().encode(), perms), file_id)


# --- real documents

def test_kent_cabinet_has_17_pages_and_is_fast():
    start = time.perf_counter()
    pages = page_texts(real("kent_cabinet_2025-01-30.pdf"))
    assert len(pages) == 17
    assert time.perf_counter() - start < 1.0  # about 0.06 s here


def test_kent_cabinet_page_numbers_gone_and_text_kept():
    pages = page_texts(real("kent_cabinet_2025-01-30.pdf"))
    # Every page started with its page number ("1", "2", ...) in pdfium's text order.
    assert [nonblank(p)[0] for p in pages[:2]] == ["KENT COUNTY COUNCIL",
                                                   "Members agreed to refer the decision to full Council. Mr Watts (General "]
    assert "84. Apologies \n(Item 1)\nApologies were received from Mrs C Bell." in pages[0]


def test_sentence_across_page_number_footer_reads_cleanly():
    # Page 3 ends "...The author Sarah Nash spoke regarding", page 4 goes on "therapeutic parenting";
    # the footer "4" sat between them in the raw text.
    pages = page_texts(real("kent_corporate-parenting-panel_2024-10-29.pdf"))
    assert len(pages) == 9
    joined = "\n\n".join(pages)
    assert re.search(r"Sarah Nash spoke regarding \n\ntherapeutic parenting", joined)
    assert all(not PAGE_NUMBER.fullmatch(nonblank(p)[0].strip()) for p in pages)


def test_bristol_running_header_removed_but_repeated_body_line_kept():
    minutes = page_texts(real("bristol_transport-connectivity-policy-committee_2024-09-12.pdf"))
    assert not any("policycommittees@bristol.gov.uk" in p for p in minutes)
    assert nonblank(minutes[1])[0] == "6 Public Forum"
    notice = page_texts(real("bristol_transport-connectivity-policy-committee-decision-notice_2025-05-15.pdf"))
    # On 8 of 16 pages near the top, but at varying heights: it is part of each form, kept.
    assert sum("Deadline for Escalation Panel referral 22 May 2025" in p for p in notice) == 8


def test_kent_finance_page_x_of_y_removed_and_near_empty_page_is_empty():
    pages = page_texts(real("kent_cabinet-finance-monitoring-report_2025-01-30.pdf"))
    assert len(pages) == 54
    assert not any(re.search(r"Page \d+ of 54", p) for p in pages)
    assert pages[44] == ""  # page 45 holds only its footer
    assert nonblank(pages[0])[0] == "Finance Monitoring Report"


def test_merton_two_line_footer_and_both_page_numbers_removed():
    pages = page_texts(real("merton_audit-committee_2009-10-22.pdf"))
    assert not any("All minutes are draft until agreed" in p for p in pages)
    assert nonblank(pages[2])[0] == "AUDIT COMMITTEE "
    assert nonblank(pages[2])[-1] == "4 AUDITED FINAL ACCOUNTS 2008/09 AND USE OF RESOURCES "
    assert nonblank(pages[7]) == ["This page is intentionally blank "]


def test_documents_without_headers_lose_nothing():
    pdf = pdfium.PdfDocument(real("kent_county-council_2025-02-13.pdf"))
    try:
        raw = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()
    pages = page_texts(real("kent_county-council_2025-02-13.pdf"))
    # pdfium's \ufffe (a hyphen that ended a line) becomes a line break again.
    assert [len(nonblank(p)) for p in pages] == [
        len([x for x in re.split("\r\n|\ufffe", r) if x.strip()]) for r in raw]


@pytest.mark.parametrize("path", TEXT_PDFS, ids=lambda p: p.name if p else "shared-corpus-absent")
def test_clean_characters_and_no_page_number_at_page_edges(path):
    if path is None:
        needs_shared()
    pages = page_texts(path)
    for page in pages:
        assert not re.search(r"[\r\x00-\x08\x0b-\x1f\x7f\ufffe\x02]", page)
        lines = nonblank(page)
        for line in lines[:1] + lines[-1:]:
            assert not PAGE_NUMBER.fullmatch(line.strip()), line


def test_pdfium_hyphen_marker_restores_the_line_break_and_keeps_real_hyphens():
    pages = page_texts(real("kent_cabinet_2025-01-30.pdf"))
    # pdfium gives "114 high\ufffequality entries, and certificates..." on one line.
    assert "There were 114 high-quality\nentries, and certificates were awarded" in pages[3]
    council = page_texts(real("kent_county-council_2025-02-13.pdf"))
    assert "Mr Paul Barrington-King,\nMr Conrad Broadley" in council[0]  # a double-barrelled name rejoined


def test_drop_capital_headings_read_whole():
    pages = page_texts(real("kent_county-council_2025-02-13.pdf"))
    assert "291. Capital Programme 2025-35" in pages[2]
    assert "288. Minutes of the meetings held on 19" in pages[1]


# --- built documents

def test_hyphenated_line_join(tmp_path):
    path = tmp_path / "hyphens.pdf"
    path.write_bytes(make_pdf([text_page(
        "Good management matters. The manage-",
        "ment of the site was reviewed by Baker-",
        "Rogers and a multi-",
        "agency team - as agreed.")]))
    assert page_texts(path) == [
        "Good management matters. The management\n"  # hyphen dropped: the document spells it so
        "of the site was reviewed by Baker-Rogers\n"  # capital after: a name, joined, hyphen kept
        "and a multi-agency\n"                        # "multiagency" never appears: hyphen kept
        "team - as agreed."]                         # a spaced dash is not a line-end hyphen


def test_single_word_continuation_leaves_no_blank_line(tmp_path):
    path = tmp_path / "hyphen-one-word.pdf"
    path.write_bytes(make_pdf([text_page("The management of the manage-", "ment", "was fine.")]))
    assert page_texts(path) == ["The management of the management\nwas fine."]


def test_rotated_pages_strip_the_same_footers(tmp_path):
    """Landscape-style pages: content drawn turned, then /Rotate turns it upright for display."""
    source = real("kent_corporate-parenting-panel_2024-10-29.pdf")
    src, dst = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    try:
        for i in range(len(src)):
            width, height = src[i].get_size()
            xobject = src.page_as_xobject(i, dst).as_pageobject()
            xobject.transform(pdfium.PdfMatrix().rotate(90, ccw=True).translate(height, 0))
            page = dst.new_page(height, width)
            page.insert_obj(xobject)
            page.gen_content()
            page.set_rotation(90)
            page.close()
        dst.save(tmp_path / "rotated.pdf")
    finally:
        src.close()
        dst.close()
    assert page_texts(tmp_path / "rotated.pdf") == page_texts(source)


def test_scanned_pdf_without_ocr_raises_no_text_layer():
    path = real("tintern_community-council-accounts-scanned_2017-03-31.pdf")
    with pytest.raises(NoTextLayer, match=r"no usable text layer on any of its 2 pages.*OCR"):
        page_texts(path, ocr=False)


def test_scanned_pages_are_read_by_ocr_and_say_so():
    pages = read_pdf_pages(real("tintern_community-council-accounts-scanned_2017-03-31.pdf"))
    assert [p.source for p in pages] == ["ocr", "ocr"]
    assert all(p.ocr_confidence > 60 for p in pages)
    # the council's name is handwritten (OCR cannot read it); the printed form is read
    assert "Accounting statements 2016-17" in pages[0].text and "Statement of balances" in pages[0].text


def test_a_garbled_text_layer_is_told_from_prose_and_from_tables_of_figures():
    assert not usable_layer('"#& "#$\n6\',8 /398+74,8.+2++8/3-.+1*43\n8. \'6).\n\'852/38.+%/11\'-+\'11')
    assert not usable_layer("!\"\n!\n#\n$\n%&\n\"\n\'()*\n+,()-.)/-00-+-11(*)23)(--")
    assert usable_layer("Minutes of the meeting of the Parish Council held on 5 March 2019")
    assert usable_layer("Budget 2023/24 | Outturn | Variance\n£12,500 | £11,900 | (£600)\nFY27 FY28 Q3 45%")


def test_scan_with_only_stamped_page_numbers_raises_no_text_layer(tmp_path):
    path = tmp_path / "stamped-scan.pdf"
    footer = b"BT /F1 10 Tf 300 30 Td (%d) Tj ET"
    path.write_bytes(make_pdf([footer % 1, footer % 2, footer % 3]))
    with pytest.raises(NoTextLayer, match="of its 3 pages"):
        page_texts(path, ocr=False)


def test_truncated_pdf_raises_unreadable(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(real("kent_cabinet_2025-01-30.pdf").read_bytes()[:2000])
    with pytest.raises(UnreadableDocument, match=r"truncated\.pdf.*re-download"):
        page_texts(path)


def test_junk_named_pdf_raises_unreadable(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"<html><body>404 Not Found</body></html>\n" * 20)
    with pytest.raises(UnreadableDocument, match="junk.pdf"):
        page_texts(path)


def test_empty_file_raises_empty_document(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(EmptyDocument, match="empty.pdf"):
        page_texts(path)


def test_password_protected_pdf_raises_encrypted(tmp_path):
    path = tmp_path / "locked.pdf"
    path.write_bytes(make_pdf([text_page("Secret minutes.")], encrypt=encrypt_dict(b"secret", b"owner")))
    unlocked = pdfium.PdfDocument(path, password="secret")  # the file itself is a valid PDF
    try:
        assert len(unlocked) == 1
    finally:
        unlocked.close()
    with pytest.raises(EncryptedDocument, match="locked.pdf.*password"):
        page_texts(path)


def test_a_tab_spaced_word_gap_is_not_a_line_break():
    first = page_texts(corpus_file("horsley_neighbourhood-plan-working-group_2014-10-19.pdf"))[0]
    lines = [" ".join(line.split()) for line in first.split("\n")]
    assert "Horsley Neighbourhood Plan Working Group Meeting" in lines
    assert "Jane Archer (JA) Alan Caudwell (AC) Robert Gegg (RG) Karel Hughes (KH)" in lines


def test_a_pdf_whose_only_text_is_a_running_header_is_empty_not_scanned(tmp_path):
    path = tmp_path / "header-only.pdf"
    header = b"BT /F1 10 Tf 72 760 Td (Minutes of the Parish Council) Tj ET"
    path.write_bytes(make_pdf([header, header, header]))
    with pytest.raises(EmptyDocument, match="only text is what repeats at the edge of every page"):
        page_texts(path, ocr=False)
