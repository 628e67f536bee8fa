"""OCR figures for `make bench`: pages/s on scanned pages, and what the garbled-layer check costs."""

import time
from pathlib import Path

import pypdfium2 as pdfium

from extract.read.ocr import ocr_page
from extract.read.pdf import _read_page, _strip_headers_footers, usable_layer


def bench_ocr(pdfs: list[Path]) -> None:
    """OCR speed on the pages of `pdfs` with no usable text layer, and the cost of finding them."""
    checked_pages, check_seconds, read_seconds, ocr_pages, ocr_seconds = 0, 0.0, 0.0, 0, 0.0
    for path in pdfs:
        start = time.perf_counter()
        pdf = pdfium.PdfDocument(path)
        pages = _strip_headers_footers([_read_page(pdf, i) for i in range(len(pdf))])
        read_seconds += time.perf_counter() - start
        start = time.perf_counter()
        unusable = [i for i, lines in enumerate(pages) if not usable_layer("\n".join(lines))]
        check_seconds += time.perf_counter() - start
        checked_pages += len(pages)
        start = time.perf_counter()
        for i in unusable:
            ocr_page(pdf, i)
        ocr_seconds += time.perf_counter() - start
        ocr_pages += len(unusable)
        pdf.close()
    print(f"== OCR: {ocr_pages} pages without a usable text layer in {len(pdfs)} PDFs")
    if ocr_pages:
        print(f"{'OCR, 1 process':<34}{ocr_seconds:7.2f} s {ocr_pages / ocr_seconds:8.2f} pages/s")
    print(f"{'garbled-layer check':<34}{check_seconds * 1000:7.1f} ms on {checked_pages} pages, "
          f"{100 * check_seconds / read_seconds:.1f}% of reading their text layers ({read_seconds:.2f} s)")
