"""File → `Document`: decode, read pages, build the stored text, attach metadata.

The first stage of the pipeline. Formats: .txt (UTF-8, UTF-8/UTF-16 with BOM, Windows-1252
fallback), .html/.htm (and .txt files that are really HTML fragments), .pdf (page by page),
.md/.markdown (markdown.py), .docx (docx.py) and moderngov meeting XML
(moderngov.py), and legacy Word .doc (word97.py; a .doc that is really a web page is read as one).
"""

import hashlib
import json
from pathlib import Path

from extract.errors import EmptyDocument, UnreadableDocument, UnsupportedFormat
from extract.read.docx import read_docx
from extract.read.html import html_to_lines, looks_like_html
from extract.read.markdown import markdown_to_lines
from extract.read.metadata import infer_metadata, platform_hosts
from extract.read.moderngov import read_moderngov
from extract.read.pdf import PageText, read_pdf_pages
from extract.read.text import build_text
from extract.read.word97 import read_word97
from schemas.records import Document, Page

FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".pdf": "pdf", ".md": "md", ".markdown": "md",
           ".docx": "docx", ".doc": "doc", ".xml": "xml"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97–2003 files
SIDECAR_FIELDS = ("council", "committee", "meeting_date", "title", "source_url")


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def format_of(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in FORMATS:
        return FORMATS[suffix]
    raise UnsupportedFormat(f"{path}: '{path.suffix or 'no extension'}' is not a format minutes reads; "
                            "give it a .txt, .html/.htm, .pdf, .md, .docx, .doc or moderngov .xml file")


def decode_text(data: bytes, path: Path) -> str:
    """Bytes of a text file → str, honouring BOMs, else UTF-8, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16: its BOM begins the same
        return data.decode("utf-32")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise UnreadableDocument(
            f"{path}: holds NUL bytes, so it is binary or UTF-16 without a byte-order mark; "
            "re-save it as UTF-8 text"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # UK council text is full of £ and curly quotes in Windows-1252; latin-1 covers its 5 holes.
        return data.decode("cp1252", errors="strict") if _is_cp1252(data) else data.decode("latin-1")


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
        return True
    except UnicodeDecodeError:
        return False


def read_pages(path: Path, fmt: str, data: bytes, ocr: bool = True) -> tuple[list[PageText], dict]:
    """→ (raw page texts with where each came from, metadata the format itself states: a markup
    title; for moderngov XML its committee and the council whose site it is)."""
    if fmt == "pdf":
        return read_pdf_pages(path, ocr=ocr), {}
    if fmt == "docx":
        return [PageText(read_docx(data, path))], {}
    if fmt == "doc" and data.startswith(OLE_MAGIC):
        return [PageText(read_word97(data, path))], {}
    if fmt == "doc" and not looks_like_html(data[:5000].decode("latin-1")):  # a web page saved as .doc is read as one
        raise UnreadableDocument(f"{path}: neither a Word 97–2003 document nor a web page saved as .doc; "
                                 "open it in a word processor and save it as .docx")
    text = decode_text(data, path)
    if fmt == "xml":
        text, stated = read_moderngov(text, path)
        return [PageText(text)], stated
    if fmt == "txt" and not looks_like_html(text):
        return [PageText(text)], {}
    hosts = platform_hosts(text)  # the links' addresses, which the text of the markup drops
    text, title = markdown_to_lines(text) if fmt == "md" else html_to_lines(text)
    return [PageText(text)], {"title": title, "hosts": hosts}


def read_sidecar(path: Path) -> dict:
    """NAME.meta.json beside a file (written by scrapers) wins over inferred metadata; {} when none.
    Its fields count as part of the document's state: a sidecar added or edited later is applied."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        sidecar = path.with_suffix(".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except OSError as exc:
        raise UnreadableDocument(f"{sidecar}: cannot be read ({exc.strerror}); make it readable or remove it") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnreadableDocument(f"{sidecar}: not valid JSON ({exc}); fix or remove the sidecar") from exc
    if not isinstance(meta, dict) or any(not isinstance(meta.get(k), str | None) for k in SIDECAR_FIELDS):
        raise UnreadableDocument(f"{sidecar}: must be a JSON object whose {', '.join(SIDECAR_FIELDS)} are strings; "
                                 "fix or remove the sidecar")
    return {k: meta[k] for k in SIDECAR_FIELDS if meta.get(k)}


def sidecar_state(fields: dict) -> str | None:
    """The sidecar fields as stored with the document, to tell whether a sidecar changed."""
    return json.dumps(fields, sort_keys=True, ensure_ascii=False) if fields else None


def load_document(path: Path, data: bytes | None = None, source_path: str | None = None,
                  ocr: bool = True, sidecar: dict | None = None) -> tuple[Document, list[Page]]:
    """A file → its Document (stored text, metadata) and, for PDFs, its pages (OCR'd where a page
    has no usable text layer, unless `ocr` is off). `sidecar` is the fields of its NAME.meta.json
    when the caller has read them (None: read it from beside `path`)."""
    fmt = format_of(path)
    if data is None:
        data = path.read_bytes()
    if not data.strip():
        raise EmptyDocument(f"{path}: the file is empty; nothing to ingest")
    doc_id = sha256_of(data)
    raw_pages, stated = read_pages(path, fmt, data, ocr)
    text, starts = build_text([page.text for page in raw_pages])
    if not text.strip():
        raise EmptyDocument(f"{path}: no text found in it (an HTML page with no body, or blank pages)")
    meta = infer_metadata(text, tuple(stated.get("hosts", ())))
    if stated.get("title") and not meta.get("title"):
        meta["title"] = stated["title"]
    # structured fields (a moderngov committee, the council of its site) beat inference from text
    meta.update({key: stated[key] for key in ("council", "committee") if stated.get(key)})
    if sidecar is None:
        sidecar = read_sidecar(path)
    meta.update(sidecar)
    document = Document(
        id=doc_id,
        source_path=source_path or str(path),
        format=fmt,
        text=text,
        pages=len(raw_pages) if fmt == "pdf" else None,
        page_starts=starts,
        metadata_source="sidecar" if sidecar else "inferred",
        sidecar=sidecar_state(sidecar),
        **meta,
    )
    pages = [
        Page(document_id=doc_id, number=i + 1, char_start=start, char_end=end, text_source=raw.source,
             ocr_confidence=raw.ocr_confidence)
        for i, (start, end, raw) in enumerate(zip(starts, starts[1:] + (len(text),), raw_pages))
    ] if fmt == "pdf" else []
    return document, pages
