"""Stored text → sentence spans, computed once per document and shared by every stage.

Rule-based and fast (compiled regexes, no model): a sentence ends at terminal punctuation before
a capital, at a paragraph break, before a bullet or numbered line, and after a heading line.
Titles and initials ("Ms. R. Wall", "Cllr. O. Williams") do not end sentences.
"""

import re
from bisect import bisect_right
from typing import NamedTuple

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "cllr", "cllrs", "cyng", "st", "no", "nos", "e.g", "i.e", "approx", "co",
    "ltd", "vs", "ref", "para", "paras", "rev", "revd", "prof", "sr", "jr", "inc", "cf", "fig", "vol",
}
# A line ending in one of these words runs on into the next line ("proposed by Cllr\nHayward").
RUNS_ON = {"and", "or", "of", "the", "by", "to", "for", "with", "from", "in", "on", "at", "a", "an", "&", "-",
           "cllr", "cllrs", "councillor", "councillors", "mr", "mrs", "ms", "dr", "cyng"}
DOTTED_ACRONYM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# Candidate boundaries: punctuation + space + capital/digit/quote, or any line break.
BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*[ \t]+(?=[\"'“‘(]?[A-Z0-9£])|\n+")
# A line opening a unit: a bullet, a list number or letter, a label, or a minute number ("19.03.10 Correspondence",
# "14/043: Highways", "C61/24 Budget").
LINE_OPENS_UNIT = re.compile(r"- |\(?[0-9ivxIVX]{1,4}[.)]\s|\(?[a-z][.)]\s|[0-9]{1,4}\s+[A-Z]|[A-Z][A-Za-z ]{0,40}:"
                             r"|[A-Z]{0,4}[0-9]{1,4}(?:[./][0-9]{1,4}){1,3}[.:)]?\s+[A-Z]")
WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")
HEADING_CHARS = 70


class Sentence(NamedTuple):
    start: int
    end: int


def _breaks_at_newline(text: str, before_end: int, after: int) -> bool:
    line_start = text.rfind("\n", 0, before_end) + 1
    previous = text[line_start:before_end].rstrip()
    if not previous or text[before_end:after].count("\n") > 1:
        return True
    if previous.endswith((".", "!", "?", ":", ";")) or LINE_OPENS_UNIT.match(text, after):
        return True
    # A short line with no closing punctuation, before a capital, is a heading.
    last_word = previous.rsplit(None, 1)[-1].lower().rstrip(".")
    short_heading = len(previous) <= HEADING_CHARS and not previous.endswith(",") and last_word not in RUNS_ON
    # "Mrs Sarah Hudson, Mr Jeremy" + "Kite, MBE, …" is a list running on, not a heading; an item
    # heading such as "1 Welcome, Introductions and Safety Information" is.
    listing = previous.count(", ") >= 2 and not LINE_OPENS_UNIT.match(previous)
    return short_heading and not listing and text[after:after + 1].isupper()


def _breaks_after_period(text: str, end: int) -> bool:
    word = WORD_BEFORE.search(text, max(0, end - 12), end)
    if word:
        token = word.group(1).lower()
        if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()) or DOTTED_ACRONYM.fullmatch(token):
            return False
    return True


def split_sentences(text: str) -> list[Sentence]:
    """Text → non-overlapping sentence spans covering all non-blank text, trimmed of spaces."""
    spans: list[Sentence] = []
    start = 0
    for boundary in BOUNDARY.finditer(text):
        cut = boundary.start()
        if "\n" in boundary.group():
            ok = _breaks_at_newline(text, cut, boundary.end())
        else:
            ok = text[cut - 1:cut] != "." or _breaks_after_period(text, text.rfind(".", 0, cut + 1) + 1)
        if ok:
            if text[start:cut].strip():
                spans.append(Sentence(start, cut))
            start = boundary.end()
    if text[start:].strip():
        spans.append(Sentence(start, len(text.rstrip())))
    return spans


class SentenceIndex:
    """Find the sentence holding an offset, by bisection over the precomputed spans."""

    def __init__(self, text: str):
        self.text = text
        self.spans = split_sentences(text)
        self._starts = [s.start for s in self.spans]

    def at(self, offset: int) -> Sentence:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.spans[i].end:
            return self.spans[i]
        return Sentence(offset, offset)

    def sentence_text(self, offset: int) -> str:
        """The sentence holding `offset`, as stored beside a record (bounded: see `stored_context`)."""
        span = self.at(offset)
        return stored_context(self.text, span.start, span.end, offset)


MAX_STORED = 400  # characters of context stored per record: a runaway "sentence" is cut to this


def stored_context(text: str, start: int, end: int, at: int) -> str:
    """text[start:end] when it is short; else the line around `at` within it, at most MAX_STORED
    characters from a little before `at`: a table of figures or a 2 MB line with no full stop must
    not store its whole self beside each of its records, and the database stays a small multiple
    of its input."""
    if end - start <= MAX_STORED:
        return text[start:end]
    low = max(start, at - MAX_STORED // 4)
    high = min(end, low + MAX_STORED)
    line_start = text.rfind("\n", low, at)
    line_end = text.find("\n", at, high)
    low = line_start + 1 if line_start != -1 else low
    high = line_end if line_end != -1 else high
    return text[low:high]
