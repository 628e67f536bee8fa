"""PDF file -> one text string per page, with page numbers and running headers/footers removed.

Measured on the 14 text PDFs of the shared corpus real/ (299 pages): pypdfium2 ~570 pages/s (0.52 s),
pdfplumber ~8.4 pages/s (35.8 s). So pypdfium2 does everything here, char positions included.

A page whose text layer is missing or garbled (a font without a ToUnicode map decodes to
'"#& "#$') is read by OCR instead (ocr.py), page by page, so a PDF with a few scanned pages keeps
its real text elsewhere; each page says where its text came from.

Drop capitals: pypdfium2 needs no fix. The "C apital Programme" splits in Kent minutes come from
pdfplumber's word-gap guess on letter-spaced bold headings; pypdfium2 gives "Capital Programme".
"""
from __future__ import annotations

import math
import pathlib
import re
import string
from collections.abc import Callable
from functools import cache
from itertools import accumulate
from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from extract.errors import EmptyDocument, EncryptedDocument, NoTextLayer, UnreadableDocument
from extract.read.ocr import ocr_page

# Header/footer rules. Only the first and last EDGE_LINES non-blank lines of a page are looked at
# (pdfium gives content-stream order, so footers often come first), peeled from the edge inwards,
# and only lines lying in the outer MARGIN of the page height (top or bottom).
EDGE_LINES = 4
MARGIN = 0.15
# A running header/footer is the same line (digits ignored) at the same height (within one
# 1/Y_STEPS step) on more than RUNNING_SHARE of the pages, and on 2 pages at least. Matching height
# as well as text keeps repeated body lines, such as Bristol's "Deadline for Escalation Panel
# referral" (8 of 16 pages, at two heights).
RUNNING_SHARE = 0.5
Y_STEPS = 100
# "3", "Page 3", "Page 3 of 17", "- 3 -", "3/17".
PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?", re.I)
# pdfium ends lines with "\r\n"; where a line ended in a hyphen between letters it drops the line
# break and writes \ufffe (older builds \x02) in place of the hyphen. Both mark a line end here.
# A lone \r between blanks ("Horsley\t\r \xa0Neighbourhood", Word's tab-spaced PDFs) is a word gap,
# not a line end.
LINE_BREAK = re.compile(r"(\r\n|(?<![\t ])\r|\r(?![ \xa0])|[\n\ufffe\x02])")  # a group: split keeps the breaks
SOFT_HYPHENS = ("\ufffe", "\x02")
# Control chars other than \t, plus invisible soft hyphens / BOMs / non-characters.
JUNK = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\ufeff\ufffe\uffff]")
WORD = re.compile(r"[^\W\d_]+")
# A garbled text layer (glyph codes read as characters) is full of symbols that neither prose nor a
# table of figures has ('"#& "#$', "+74,8.+2++8/3-"), and its letters do not form words with vowels.
# Measured on the page's non-blank characters and on its words of letters ("FY27", "Q3" are codes).
NORMAL = str.maketrans("", "", string.ascii_letters + string.digits + " \n\t\r\xa0.,;:()%£$€&'‘’“”-‐‑–—/!?[]•·")
MAX_ODD_SHARE = 0.08
MIN_WORDLIKE_SHARE = 0.45
ALPHA_WORD = re.compile(r"\b[^\W\d_]{2,}\b")
NO_VOWEL_WORD = re.compile(r"(?i)\b[b-df-hj-np-tv-xz]{2,}\b")


class PageText(NamedTuple):
    """One page's text and where it came from: the text layer, or OCR with its mean confidence."""
    text: str
    source: str = "layer"  # "layer" or "ocr"
    ocr_confidence: float | None = None


def read_pdf_pages(path: pathlib.Path, ocr: bool = True) -> list[PageText]:
    """PDF file -> one `PageText` per page, in page order; pages without a usable text layer are
    OCR'd when `ocr` is on, and a PDF with no usable text at all is `NoTextLayer` when it is off."""
    path = pathlib.Path(path)
    if path.stat().st_size == 0:
        raise EmptyDocument(f"{path}: the file is empty (0 bytes); re-download it")
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as e:
        if e.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocument(
                f"{path}: the PDF is password-protected; get an unprotected copy "
                "or remove the password (e.g. qpdf --decrypt) and ingest that") from e
        raise UnreadableDocument(_unreadable(path, e)) from e
    try:  # close pages and the document now, not at garbage collection: memory stays flat
        pages = [_read_page(pdf, i) for i in range(len(pdf))]
        if not pages:
            raise EmptyDocument(f"{path}: the PDF has no pages; re-download it")
        kept = _strip_headers_footers(pages)
        # Judged after stripping: a scan whose only text is a stamped page number is still a scan.
        unusable = [i for i, lines in enumerate(kept) if not usable_layer("\n".join(lines))]
        if len(unusable) == len(kept) and not any(_has_image(pdf, i) for i in unusable):
            _only_furniture(path, pages)  # no image anywhere: not a scan, just a header on empty pages
        if len(unusable) == len(kept) and not ocr:
            raise NoTextLayer(
                f"{path}: no usable text layer on any of its {len(pages)} pages (scanned, or a garbled "
                "font encoding); ingest without --no-ocr to read it by OCR")
        # A page whose text was garbled, or that is an image (a scan, perhaps with a stamped page
        # number), is read by OCR; a page that only held its footer is simply empty.
        scanned = [i for i in unusable if any(line.strip() for line in kept[i]) or _has_image(pdf, i)]
        read = {i: ocr_page(pdf, i) for i in scanned} if ocr else {}
    except pdfium.PdfiumError as e:
        raise UnreadableDocument(_unreadable(path, e)) from e
    finally:
        pdf.close()

    @cache  # read only if a line-end hyphen needs it: most PDFs break no word across lines
    def words() -> set[str]:
        return set(WORD.findall("\n".join(line for lines in kept for line in lines).lower()))

    out = []
    for i, lines in enumerate(kept):
        if i in read:
            out.append(PageText(read[i][0].strip(), "ocr", read[i][1]))
        else:
            text = "" if i in unusable else "\n".join(_join_hyphenated(lines, words))
            out.append(PageText(text if text.strip() else "", "layer"))
    return out


SAMPLE_CHARS = 800  # a garbled layer is garbled throughout: its opening is enough to tell, and cheap


def _only_furniture(path: pathlib.Path, pages: list) -> None:
    """A PDF with no image whose every page's text went as header, footer or page number."""
    lines = [line.strip() for page_lines, _, _ in pages for line in page_lines if re.search(r"[A-Za-z]{3}", line)]
    if lines and usable_layer("\n".join(lines)):  # words, not just page numbers (a scan may be stamped so)
        raise EmptyDocument(f"{path}: its only text is what repeats at the edge of every page ({lines[0][:60]!r}, "
                            "a running header or footer) and it has no scanned image: there is nothing to read")


def usable_layer(text: str) -> bool:
    """Whether a page's text layer reads as text: few stray symbols, and words that have vowels."""
    text = text[:SAMPLE_CHARS]
    chars = len(text) - sum(map(text.count, " \n\t\r"))
    if chars <= 0:
        return False
    rest = text.translate(NORMAL)  # what is left is rare: symbols, and letters outside ASCII
    odd = sum(not (c.isalpha() or c.isspace()) for c in rest)
    words = len(ALPHA_WORD.findall(text))
    wordlike = 1 - len(NO_VOWEL_WORD.findall(text)) / words if words else 1.0
    return odd / chars <= MAX_ODD_SHARE and wordlike >= MIN_WORDLIKE_SHARE


def _has_image(pdf: pdfium.PdfDocument, i: int) -> bool:
    page = pdf[i]
    try:
        return any(obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))
    finally:
        page.close()


def _unreadable(path: pathlib.Path, e: Exception) -> str:
    return (f"{path}: cannot be read as a PDF ({e}); it is truncated, corrupt or not a PDF; "
            "re-download it, or re-export it as PDF")


def _read_page(pdf: pdfium.PdfDocument, i: int) -> tuple:
    """Page i -> (lines, (top edge line indices, bottom ones, outermost first), their heights)."""
    page = pdf[i]
    try:
        textpage = page.get_textpage()
        try:
            parts = LINE_BREAK.split(textpage.get_text_range())  # line, break, line, … line
            raw_lines, breaks = parts[::2], parts[1::2]
            # One pass cleans every line: JUNK never matches the "\n" joining them, and no line holds one.
            lines = JUNK.sub("", "\n".join(raw_lines)).split("\n")
            lines = [line + "-" if brk in SOFT_HYPHENS else line for line, brk in zip(lines, breaks)] + lines[-1:]
            filled = [k for k, line in enumerate(lines) if line.strip()]
            top, bottom = filled[:EDGE_LINES], filled[::-1][:EDGE_LINES]
            offsets = [0, *accumulate(map(len, parts))]  # line k starts at offsets[2 * k] of the page's text
            box, rotation = (page.get_bbox(), page.get_rotation() % 360) if filled else (None, 0)
            heights = {k: _height(box, rotation, textpage, offsets[2 * k] + len(raw_lines[k]) - len(raw_lines[k].lstrip()))
                       for k in {*top, *bottom}}
        finally:
            textpage.close()
    finally:
        page.close()
    return lines, (top, bottom), heights


def _height(box: tuple, rotation: int, textpage: pdfium.PdfTextPage, text_index: int) -> float | None:
    """Height of a char as a fraction of the page (bounding `box`, /Rotate `rotation`) as displayed:
    0 = bottom edge, 1 = top edge."""
    char = pdfium_c.FPDFText_GetCharIndexFromTextIndex(textpage, text_index)
    if char < 0:
        return None
    left, bottom, right, top = textpage.get_charbox(char)
    x0, y0, x1, y1 = box
    fx = ((left + right) / 2 - x0) / ((x1 - x0) or 1)
    fy = ((bottom + top) / 2 - y0) / ((y1 - y0) or 1)
    # /Rotate turns the page clockwise for display: at 90 the page's left edge is at the top.
    return {90: 1 - fx, 180: 1 - fy, 270: fx}.get(rotation, fy)


def _key(line: str) -> str:
    """Running-line identity: digits ignored, so "Page 3" and "Page 4" match."""
    return " ".join(re.sub(r"\d+", "#", line).split()).casefold()


def _strip_headers_footers(pages: list) -> list[list[str]]:
    """Drop page numbers and running headers/footers found at the edges of each page."""
    seen: dict[tuple[str, int], set[int]] = {}
    for n, (lines, _, heights) in enumerate(pages):
        for k, y in heights.items():
            if y is not None:
                seen.setdefault((_key(lines[k]), round(y * Y_STEPS)), set()).add(n)
    need = max(2, math.floor(RUNNING_SHARE * len(pages)) + 1)

    def removable(line: str, y: float | None) -> bool:
        if y is None or MARGIN < y < 1 - MARGIN:
            return False
        if PAGE_NUMBER.fullmatch(line.strip()):
            return True
        key, step = _key(line), round(y * Y_STEPS)
        return len(set().union(*(seen.get((key, s), ()) for s in (step - 1, step, step + 1)))) >= need

    kept = []
    for lines, edges, heights in pages:
        drop: set[int] = set()
        for edge in edges:  # top lines from the top down, then bottom lines from the bottom up
            for k in edge:  # peel until the first body line
                if k not in drop and not removable(lines[k], heights[k]):
                    break
                drop.add(k)
        kept.append([line for k, line in enumerate(lines) if k not in drop])
    return kept


def _join_hyphenated(lines: list[str], words: Callable[[], set[str]]) -> list[str]:
    """Rejoin a word split by a line-end hyphen onto the first line ("manage-", "ment of" ->
    "management", "of"). Lowercase-hyphen-lowercase drops the hyphen only if the document spells
    the joined word without it elsewhere: in these Word-made minutes almost every line-end hyphen
    is a real one ("multi-agency", "decision-making"), so dropping it blindly would corrupt far
    more words than it mends. Letter-hyphen-capital is a double-barrelled name ("Barrington-",
    "King") and keeps its hyphen, so the name is stored whole."""
    out, emptied = list(lines), set()
    for i in range(len(out) - 1):
        line, nxt = out[i].rstrip(), out[i + 1].lstrip()
        if len(line) < 2 or line[-1] != "-" or not line[-2].isalpha() or not nxt[:1].isalpha():
            continue
        if line[-2].isupper() or (nxt[0].islower() and not line[-2].islower()):
            continue  # "COVID-" / "19", or an acronym: leave the line break
        head, rest = re.match(r"(\S+)\s*(.*)", nxt).groups()
        joined = WORD.findall(line[:-1])[-1] + WORD.match(head).group()
        drop = nxt[0].islower() and joined.lower() in words()
        out[i] = (line[:-1] if drop else line) + head
        out[i + 1] = rest
        if not rest:  # no blank line (a paragraph break downstream) where there was none
            emptied.add(i + 1)
    return [line for k, line in enumerate(out) if k not in emptied]
