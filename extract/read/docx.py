"""Word .docx → text lines in document order: paragraphs, and table rows with cells joined by ` | `.

Read with python-docx. Headings and numbered paragraphs stay lines of their own so segmentation
sees them, with the numbers Word draws for its numbered lists (docx_numbering); a table row is one
line, its cells separated as in HTML tables.
"""

import io
import zipfile
from pathlib import Path

from extract.errors import UnreadableDocument
from extract.read.docx_numbering import Numbering


def read_docx(data: bytes, path: Path) -> str:
    """The bytes of a .docx → its text, one line per paragraph or table row."""
    import docx  # python-docx; imported here so other formats do not pay for lxml
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(f"{path}: not a readable Word .docx file ({exc}); re-save it from Word") from exc
    numbering = Numbering(document)
    lines = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            label, text = numbering.label(element), Paragraph(element, document).text
            lines.append(label + text if text.strip() else text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(element, document)))
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    lines = []
    for row in table.rows:
        cells = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if not cells or cells[-1] != text:  # a merged cell repeats in every column it spans
                cells.append(text)
        lines.append(" | ".join(cells).strip(" |"))
    return lines
