"""Page texts → the stored document text, normalised in one pass, with each page's start offset.

Every offset in the database indexes into the string built here, so all clean-up happens now and
never afterwards: spaces collapsed, bullet glyphs turned into "- ", blank-line runs folded, and a
blank line that falls inside a sentence (a PDF line or page break) dropped so sentences stay whole.
"""

import re

BULLET = re.compile(r"^(?:[•·▪◦●■□➢➤►‣⁃∙\uf0b7\uf0a7\uf0d8\uf076\uf0fc]|o(?=\s{2,})|-(?=\s)|\*(?=\s))\s*")
# Runs of spaces, and single spaces of other kinds: a lone " " is already what it would become.
SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
MARKDOWN_ESCAPE = re.compile(r"\\([.\-*_#()\[\]])")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
# Page furniture a converted document keeps in its text ("Page 3 of 3"): a line break, not content.
PAGE_OF = re.compile(r"page \d{1,4} of \d{1,4}", re.I)
# A line ending like this has not finished its sentence.
OPEN_END = re.compile(r"[^.:;!?)\]\"'”’]$")
# A line ending in one of these words cannot end a sentence ("… was 12,165 in" / "2015/16 compared").
FUNCTION_WORD_END = re.compile(r"\b(?:a|an|the|and|or|of|in|on|at|to|for|by|with|from|than|as|is|was|were|be|"
                               r"been|are|has|have|had|per|that|which|who|this|these|their|its|our|into|over|under)$",
                               re.I)


def _normalise_spans(page: str) -> str:
    """Invisibles dropped, space runs collapsed, markdown escapes undone: none of these patterns meets a
    "\n", so a whole page is done in one pass each, as if line by line."""
    return MARKDOWN_ESCAPE.sub(r"\1", SPACES.sub(" ", INVISIBLE.sub("", page)))


def _normalise_line(line: str) -> str:
    line = line.strip()
    return BULLET.sub("- ", line) if BULLET.match(line) and len(line) > 2 else line


def continues_sentence(previous: str, line: str) -> bool:
    """A blank line between these two lines sits inside one sentence."""
    if not previous or not OPEN_END.search(previous):
        return False
    return line[:1].islower() or (bool(FUNCTION_WORD_END.search(previous)) and not line.startswith("- "))


def build_text(pages: list[str]) -> tuple[str, tuple[int, ...]]:
    """Page texts → (stored text, start offset of each page)."""
    out: list[str] = []
    length = 0
    starts: list[int] = []
    previous = ""  # last non-blank line written
    blank_pending = False
    for page in pages:
        page = FRONT_MATTER.sub("", page.replace("\r\n", "\n").replace("\r", "\n"))
        page_started = False
        blank_pending = bool(out)  # pages are separated like paragraphs
        for raw in _normalise_spans(page).split("\n"):
            line = _normalise_line(raw)
            if not line or PAGE_OF.fullmatch(line):
                blank_pending = bool(out)
                continue
            if out:
                sep = "\n\n" if blank_pending and not continues_sentence(previous, line) else "\n"
                out.append(sep)
                length += len(sep)
            if not page_started:
                starts.append(length)
                page_started = True
            out.append(line)
            length += len(line)
            previous, blank_pending = line, False
        if not page_started:  # an empty page starts (and ends) where the text stands
            starts.append(length)
    return "".join(out), tuple(starts) or (0,)
