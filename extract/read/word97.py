"""Legacy Word .doc (Word 97–2003 binary) → text lines, as the .docx reader gives them: paragraphs,
and table rows with cells joined by ` | `.

Read from the file's own structures ([MS-DOC]) with olefile for the OLE container: the piece table
(which bytes hold which characters, 8-bit or UTF-16) gives the main text, and the paragraph
properties say which paragraph marks close a table row. Field codes ("PAGE", "HYPERLINK …") are
dropped and their results kept. Numbers Word draws for its automatic lists are not in the text and
are not recovered (typed numbers, "1.\\t", are). Parsed here rather than by a converter because none
ships in a registry package: antiword and LibreOffice are system programs.
"""

import io
import struct
from bisect import bisect_right
from pathlib import Path

from extract.errors import EncryptedDocument, UnreadableDocument

FIB_BASE = 32  # bytes of the FIB's fixed part before its variable-length arrays
CCP_TEXT = 3  # fibRgLw index of ccpText, the main text's length in characters
PAPX_BTE, CLX = 13, 33  # fibRgFcLcb97 pair indexes of the paragraph-property bin table and the piece table
PAGE = 512  # an FKP (formatted disk page) of paragraph properties
IN_TABLE, TABLE_ROW = 0x2416, 0x2417  # sprmPFInTable, sprmPFTtp
INNER_ROW = 0x244B  # sprmPFInnerTtp: a nested table's row mark
OPERAND_BYTES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by a sprm's spra (its top three bits); 6 is sized
CELL, PARAGRAPH = "\x07", "\r"
FIELD_BEGIN, FIELD_SEPARATOR, FIELD_END = "\x13", "\x14", "\x15"
# Characters that are Word's markup, not text: object anchors, footnote marks, soft hyphens.
DROPPED = dict.fromkeys(map(ord, "\x01\x02\x03\x04\x05\x08\x1f"), None) | {0x1E: "-", 0xA0: " ", 0x0B: "\n", 0x0C: "\n"}


def read_word97(data: bytes, path: Path) -> str:
    """The bytes of a .doc → its text, one line per paragraph or table row."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            word = ole.openstream("WordDocument").read()
            flags = _u16(word, 0x0A)
            if flags & 0x0100:
                raise EncryptedDocument(f"{path}: the Word document is password-protected; save it unprotected and retry")
            table_stream = "1Table" if flags & 0x0200 else "0Table"
            table = ole.openstream(table_stream).read()
    except (OSError, struct.error, ValueError) as exc:
        raise UnreadableDocument(f"{path}: not a readable Word 97–2003 .doc file ({exc}); re-save it as .docx") from exc
    try:
        return _lines(word, table)
    except (struct.error, IndexError, ValueError) as exc:
        raise UnreadableDocument(f"{path}: the Word document's structure is damaged ({exc}); re-save it as .docx") from exc


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from("<H", data, at)[0]


def _u32(data: bytes, at: int) -> int:
    return struct.unpack_from("<I", data, at)[0]


def _fib(word: bytes) -> tuple[int, int]:
    """→ (where the FIB's fc/lcb pairs start, the main text's length in characters)."""
    at = FIB_BASE
    at += 2 + 2 * _u16(word, at)  # fibRgW
    longs = at + 2
    at += 2 + 4 * _u16(word, at)  # fibRgLw
    return at + 2, struct.unpack_from("<i", word, longs + 4 * CCP_TEXT)[0]


def _pair(word: bytes, pairs: int, index: int) -> tuple[int, int]:
    return struct.unpack_from("<II", word, pairs + 8 * index)


def _pieces(word: bytes, table: bytes, pairs: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first character, character count, byte offset in WordDocument, 8-bit?)."""
    fc, lcb = _pair(word, pairs, CLX)
    clx, at = table[fc:fc + lcb], 0
    while clx[at] == 1:  # Prc: property modifiers, skipped
        at += 3 + _u16(clx, at + 1)
    if clx[at] != 2:
        raise ValueError("no piece table")
    size = _u32(clx, at + 1)
    plc = clx[at + 5:at + 5 + size]
    count = (size - 4) // 12
    starts = struct.unpack_from(f"<{count + 1}i", plc)
    pieces = []
    for k in range(count):
        offset = _u32(plc, 4 * (count + 1) + 8 * k + 2)
        compressed = bool(offset & 0x40000000)
        offset = (offset & 0x3FFFFFFF) // 2 if compressed else offset
        pieces.append((starts[k], starts[k + 1] - starts[k], offset, compressed))
    return pieces


def _table_marks(word: bytes, table: bytes, pairs: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Byte ranges of WordDocument whose paragraphs lie in a table, and those whose mark closes a row."""
    fc, lcb = _pair(word, pairs, PAPX_BTE)
    count = (lcb - 4) // 8
    in_table, rows = [], []
    for k in range(count):
        page = (_u32(table, fc + 4 * (count + 1) + 4 * k) & 0x3FFFFF) * PAGE
        runs = word[page + PAGE - 1]
        for r in range(runs):
            span = (_u32(word, page + 4 * r), _u32(word, page + 4 * (r + 1)))
            papx = page + 2 * word[page + 4 * (runs + 1) + 13 * r]
            sprms = _sprms(word, papx) if papx != page else {}
            if sprms.get(IN_TABLE):
                in_table.append(span)
            if sprms.get(TABLE_ROW) or sprms.get(INNER_ROW):
                rows.append(span)
    return sorted(in_table), sorted(rows)


def _sprms(word: bytes, papx: int) -> dict[int, int]:
    """A paragraph's one-byte properties (sprm → operand) from its PAPX in an FKP."""
    size = word[papx]
    start = papx + 1
    if size == 0:
        size, start = 2 * word[papx + 1], papx + 2
    else:
        size = 2 * size - 1
    found, at, end = {}, start + 2, start + size  # after the style index
    while at + 2 <= end:
        sprm = _u16(word, at)
        spra = sprm >> 13
        if spra in (0, 1):
            found[sprm] = word[at + 2]
        if spra == 6:
            at += 2 + (_u16(word, at + 2) + 1 if sprm in (0xD608, 0xC615) else word[at + 2] + 1)
        else:
            at += 2 + OPERAND_BYTES[spra]
    return found


def _characters(word: bytes, pieces, length: int) -> list[tuple[str, int]]:
    """The main text as (piece text, byte offset of its first character, bytes per character) runs."""
    runs = []
    for first, count, offset, compressed in pieces:
        count = min(count, length - first)
        if count <= 0:
            break
        raw = word[offset:offset + count * (1 if compressed else 2)]
        runs.append((raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le", "replace"),
                     offset, 1 if compressed else 2))
    return runs


def _lines(word: bytes, table: bytes) -> str:
    pairs, length = _fib(word)
    in_table, rows = _table_marks(word, table, pairs)
    lines, row, cell, paragraph = [], [], [], []
    hidden = []  # per open field: whether its code is still being read (text dropped)
    for text, offset, width in _characters(word, _pieces(word, table, pairs), length):
        for i, char in enumerate(text):
            if char == FIELD_BEGIN:
                hidden.append(True)
            elif char == FIELD_SEPARATOR and hidden:
                hidden[-1] = False
            elif char == FIELD_END and hidden:
                hidden.pop()
            elif any(hidden):
                continue
            elif char == CELL and _within(rows, offset + i * width):  # the row's own mark
                lines.extend(_row_lines(row))
                row, cell, paragraph = [], [], []
            elif char == CELL:
                row.append(cell + [_clean(paragraph)])
                cell, paragraph = [], []
            elif char == PARAGRAPH and _within(in_table, offset + i * width):
                cell.append(_clean(paragraph))  # a paragraph inside a cell
                paragraph = []
            elif char == PARAGRAPH:
                lines.append(_clean(paragraph))
                paragraph = []
            else:
                paragraph.append(char)
    if paragraph:
        lines.append(_clean(paragraph))
    return "\n".join(lines)


def _clean(characters: list[str]) -> str:
    return "".join(characters).translate(DROPPED).rstrip()


def _row_lines(cells: list[list[str]]) -> list[str]:
    """A row of one-line cells is one line, its cells joined by ` | ` (as .docx and HTML rows); a
    row whose cells hold paragraphs ("Police Matters:" over its minute, beside an Action cell) keeps
    them as lines, cell after cell, so headings inside the cells stay lines of their own."""
    cells = [[p for p in cell if p.strip()] for cell in cells]
    if all(len(cell) <= 1 for cell in cells):
        return [" | ".join(" ".join(cell[0].split()) for cell in cells if cell)]
    return [p for cell in cells for p in cell]


def _within(spans: list[tuple[int, int]], at: int) -> bool:
    k = bisect_right(spans, (at, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= at < spans[k][1]
