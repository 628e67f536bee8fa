"""Document → agenda items (`AgendaItem`), each spanning its heading up to the next item.

Three layouts: a moderngov single-item page; numbered minutes or report sections, possibly with
numbered sub-sections ("3.4 Assessments"); and documents with no structure, which are one item.
Rules and thresholds: rules/segment.yaml.
"""

import re
from bisect import bisect_right
from collections import Counter
from typing import NamedTuple

from extract.find.segment_rules import rules as _rules
from extract.find.sentences import stored_context
from schemas.records import AgendaItem, Document

PROSE_LINE = re.compile(r"(?m)^[^\n]*[a-z][^\n]*$")  # a line with a lower-case letter: the title block is over
LOOKAHEAD = 200  # characters read after a section heading to see what follows it


class Heading(NamedTuple):
    start: int
    number: str | None  # as printed
    title_start: int
    title: str
    rule_id: str


class Candidate(NamedTuple):
    start: int
    key: int  # the number the sequence follows
    separator: str
    title_start: int
    rest: str  # the heading line (or wrapped heading lines) after the number
    rule_id: str
    printed: str


def _is_heading_line(rest: str) -> bool:
    return len(rest) <= _rules().max_heading_chars and not rest.endswith((".", ",", ";"))


def _inline_title(rest: str, ends: re.Pattern) -> str | None:
    if (end := ends.search(rest, 1)) and end.start() <= _rules().inline_title_chars:
        return rest[: end.start()].rstrip()
    return None


def _title(rest: str) -> str:
    """The heading text, or for a heading that runs into prose, its inline title (without the
    colon or table-cell bar it may end with: "Election of Chairman:", "Finance |")."""
    rest = _rules().title_furniture.sub("", rest.rstrip()).rstrip(" :|")
    if (prose := _rules().caps_title_end.search(rest)) and rest[:prose.start()].isupper():
        return rest[:prose.start()]
    if _is_heading_line(rest):
        return rest
    if title := _inline_title(rest, _rules().inline_title_end):
        return title
    cut = rest[: _rules().inline_title_chars]
    return cut.rsplit(" ", 1)[0] if len(rest) > len(cut) else cut.rstrip(".")


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _key(label: str) -> int:
    """The number a sequence runs on: the label's digits ("135" of "135/19") or its Roman numeral."""
    if digits := re.search(r"\d+", label):
        return int(digits.group())
    values = [ROMAN[c] for c in label.upper()]
    return sum(-v if v < after else v for v, after in zip(values, values[1:] + [0]))


def _candidates(text: str, rule_id: str, pattern: re.Pattern) -> list[Candidate]:
    found = []
    for m in pattern.finditer(text):
        rest = " ".join(m.group("rest").split())
        if _rules().title_word.search(rest):
            groups = m.groupdict()
            key = _key(groups.get("key") or m.group("number"))
            found.append(Candidate(m.start(), key, groups.get("sep") or "", m.start("rest"), rest, rule_id,
                                   groups.get("printed") or m.group("number")))
    return found


class _Successors:
    """Where each (separator, number) occurs among the candidates, to find a sequence's next heading
    by bisection rather than by a scan of all that follow (linear however many candidates)."""

    def __init__(self, candidates: list[Candidate]):
        self.at: dict[tuple[str, int], list[int]] = {}
        for i, c in enumerate(candidates):
            self.at.setdefault((c.separator, c.key), []).append(i)

    def next(self, after: int, separator: str, key: int) -> int | None:
        """Index of the first candidate after index `after` numbered key+1 … key+max_step."""
        best = None
        for step in range(1, _rules().max_step + 1):
            indexes = self.at.get((separator, key + step), [])
            j = bisect_right(indexes, after)
            if j < len(indexes) and (best is None or indexes[j] < best):
                best = indexes[j]
        return best


def _sequence(candidates: list[Candidate], above: int, begin: int = 0,
              successors: _Successors | None = None) -> tuple[list[Candidate], int]:
    """The first running sequence n, n+1… (steps up to max_step, one separator style) whose
    numbers start above `above`, from index `begin` on; a table of contents is passed over.
    → (the sequence, the index of its last heading)."""
    successors = successors or _Successors(candidates)
    passed: set[int] = set()  # headings of a contents list already rejected
    for first in range(begin, len(candidates)):
        head = candidates[first]
        if head.key <= above or first in passed:
            continue
        chain, indexes = [head], [first]
        while (j := successors.next(indexes[-1], head.separator, chain[-1].key)) is not None:
            chain.append(candidates[j])
            indexes.append(j)
        if len(chain) >= 2 and not _is_contents(chain):
            return chain, indexes[-1]
        passed.update(indexes)
    return [], len(candidates)


def _is_contents(chain: list[Candidate]) -> bool:
    return sum(bool(_rules().contents_line.search(c.rest)) for c in chain) * 2 > len(chain)


def _numbered_headings(text: str) -> list[Heading]:
    """Top-level headings of the numbering scheme that explains the most headings (the earlier
    scheme on a tie), with any later sequence in it (a second meeting minuted in the same file)."""
    best = _best_scheme(text, _rules().numbered_items) or _best_scheme(text, _rules().last_resort_items)
    return [Heading(c.start, c.printed, c.title_start, _title(c.rest), c.rule_id) for c in best]


def _best_scheme(text: str, schemes: list[tuple[str, re.Pattern]]) -> list[Candidate]:
    best: list[Candidate] = []
    for rule_id, pattern in schemes:
        candidates = _candidates(text, rule_id, pattern)
        successors = _Successors(candidates)
        chain, last = _sequence(candidates, 0, 0, successors)
        headings = []
        while chain:
            headings += chain
            chain, last = _sequence(candidates, chain[-1].key, last + 1, successors)
        if len(headings) > len(best):
            best = headings
    return best


def _unnumbered_headings(text: str) -> list[Heading]:
    """Title-and-colon lines ("Police Matters:") and paragraphs opening with a title ("Road Report: The …"),
    less labels (a cue word, a title printed twice) and sentences leading into a list."""
    rules = _rules()
    rule_id, pattern, paragraph_title = rules.unnumbered
    found = [Heading(m.start(), None, m.start("rest"), m.group("rest"), rule_id) for m in pattern.finditer(text)
             if not rules.label_title.fullmatch(m.group("rest")) and not rules.prose_title.search(m.group("rest"))
             and len(m.group("rest").split()) <= rules.max_unnumbered_words
             and (m.group("inline") is None or text[max(0, m.start() - 2):m.start()] in ("\n\n", "")
                  and paragraph_title.match(m.group("rest")))]
    if len(found) >= rules.min_unnumbered:  # the house style: its standard items head theirs too
        rule_id, pattern = rules.standard_titles
        taken = {h.start for h in found}
        found = sorted(found + [Heading(m.start(), None, m.start("rest"), m.group("rest"), rule_id)
                                for m in pattern.finditer(text) if m.start() not in taken])
    printed: dict[str, int] = {}
    for heading in found:
        printed[heading.title.lower()] = printed.get(heading.title.lower(), 0) + 1
    found = [h for h in found if printed[h.title.lower()] == 1]
    return found if len(found) >= _rules().min_unnumbered else []


def _caps_headings(text: str) -> list[Heading]:
    """Lines in capitals standing as headings, after the opening title block, less labels, running
    headers (a title printed more than twice) and a second printing ("… (continued)" aside)."""
    rules = _rules()
    rule_id, pattern, max_words, max_printed, procedure, title_words = rules.caps
    prose = next((m.start() for m in PROSE_LINE.finditer(text) if len(m.group(0).split()) >= rules.prose_line_words),
                 len(text))
    matches = list(pattern.finditer(text))
    opening = [m for m in matches if m.start() < prose]
    last = opening[-1] if opening else None
    above_prose = [last] if last and last.start() > 0 and not title_words.search(last.group("rest")) else []
    found = []
    for m in above_prose + [m for m in matches if m.start() >= prose]:
        title = " ".join(m.group("rest").split())
        if (rules.title_word.search(title) and len(title.split()) <= max_words
                and (procedure.fullmatch(title) or not rules.label_title.fullmatch(title))
                and not rules.prose_title.search(title)):
            found.append(Heading(m.start(), None, m.start("rest"), title, rule_id))
    printed = Counter(h.title for h in found)
    first: dict[str, Heading] = {}
    for heading in found:
        first.setdefault(heading.title, heading)
    kept = [h for h in first.values() if printed[h.title] <= max_printed]  # first printings, in order
    return kept if len(kept) >= rules.min_unnumbered else []


def _lists_under(headings: list[Heading], text: str) -> int:
    """How many headings open a list numbered from 1 on the next line ("Planning Applications:\n1. …")."""
    return sum(bool(re.match(r"[ \t]*\n[ \t]*1[.)][ \t]", text[text.find(":", h.title_start):][1:LOOKAHEAD]))
               for h in headings)


def _top_headings(text: str) -> list[Heading]:
    """The numbered items, unless unnumbered headings explain more of the document: lines in capitals
    when they explain the most, else title-and-colon lines (also when they hold the numbers as lists)."""
    numbered = _numbered_headings(text)
    unnumbered = _unnumbered_headings(text)
    caps = _caps_headings(text)
    if len(caps) > max(len(numbered), len(unnumbered)):  # capitals headings, colon or none ("ROLL CALL:", "ADJOURNMENT")
        return caps
    if unnumbered and (len(unnumbered) > len(numbered) or _lists_under(unnumbered, text) >= 2):
        return unnumbered
    return numbered


def _sub_headings(text: str, top: list[Heading]) -> list[Heading]:
    """Numbered sections at any depth under the item or section their number extends ("3.4
    Assessments" in item 3, "8.3.1 …" in 8.3), then lettered runs ("A.", "B." …) inside each item."""
    subs: list[Heading] = []
    for rule_id, pattern in _rules().sub_items:
        before: list[Heading] = []  # the headings so far, in text order: top ones, and sections found
        pending = iter(top)
        upcoming = next(pending, None)
        for m in pattern.finditer(text):
            while upcoming and upcoming.start < m.start():
                before.append(upcoming)
                upcoming = next(pending, None)
            rest = m.group("rest").rstrip()
            if not _in_scope(before, m.group("parent")):
                continue
            after = text[m.end():m.end() + LOOKAHEAD]  # a bounded look: no copy of the rest of the text
            opens_paragraphs = re.match(re.escape(m.group("number")) + r"\.\d", after.lstrip())
            at_end = m.end() + len(after) >= len(text) and not after.strip()
            stands_alone = (after.startswith("\n\n") or at_end) and not _rules().paragraph_opener.match(rest)
            if _is_heading_line(rest) and (opens_paragraphs or stands_alone):
                subs.append(Heading(m.start(), m.group("number"), m.start("rest"), rest, rule_id))
            elif title := _inline_title(rest, _rules().sub_title_end):
                subs.append(Heading(m.start(), m.group("number"), m.start("rest"), title, rule_id))
            else:
                continue
            before.append(subs[-1])
    return subs + _lettered_headings(text, top)


def _in_scope(before: list[Heading], parent: str) -> bool:
    """Whether the headings before a section still lie inside item `parent`: the last heading
    numbered `parent` is followed only by its own sections (parent.1, parent.2.3 …)."""
    for heading in reversed(before):
        if heading.number == parent:
            return True
        if not (heading.number or "").startswith(parent + "."):
            return False
    return False


def _lettered_headings(text: str, top: list[Heading]) -> list[Heading]:
    """Runs of lettered sections inside each item, and before the first one. The letters make
    the run; a paragraph in it is a heading only with a title of its own."""
    spans = [(0, top[0].start if top else len(text))]
    spans += [(item.title_start, nxt.start if nxt else len(text)) for item, nxt in zip(top, top[1:] + [None])]
    found = []
    for rule_id, pattern, min_run in _rules().lettered_items:
        inline = min_run > 2  # a paragraph form: its title ends at a colon or dash ("Pond Lane – The hedge …")
        carried = ""  # the last letter of the run just taken: an item's letters may go on from it
        for start, end in spans:
            letters, run = "", []
            for m in pattern.finditer(text, start, end):
                rest = " ".join(m.group("rest").split())
                letter = m.group("number").upper()
                last = letters[-1] if letters else carried if carried and letter != "A" else "@"
                if not 1 <= ord(letter) - ord(last) <= _rules().max_step:
                    continue
                letters += letter
                title = _inline_title(rest, _rules().sub_title_end) if inline else rest if _is_heading_line(rest) else None
                if title and _rules().title_word.search(title):
                    run.append(Heading(m.start(), m.group("number"), m.start("rest"), title, rule_id))
            continues = bool(carried) and letters[:1] != "A"  # "G." in item XVII after "A."–"F." in XVI
            taken = (len(letters) >= min_run or continues) and (len(run) >= 2 or continues and run)
            found += run if taken else []
            carried = letters[-1] if taken else carried
    return found


def _file_number_headings(text: str) -> list[Heading]:
    """Legistar items by their file numbers, each titled on its line or by the lines above it."""
    rule_id, pattern, min_items, title_lines = _rules().file_numbers
    found = []
    for m in pattern.finditer(text):
        number = m.group("printed") or m.group("number")
        if _rules().title_word.search(m.group("rest")):
            found.append(Heading(m.start(), number, m.start("rest"), _title(m.group("rest")), rule_id))
        elif above := _title_above(text, m.start(), title_lines):
            found.append(Heading(above, number, above, " ".join(text[above:m.start()].split()), rule_id))
    return found if len(found) >= min_items else []


def _title_above(text: str, at: int, most: int) -> int | None:
    """Where a title printed above line `at` starts: the line just above, and those above it back
    to a blank line, a section heading or a line that ends a sentence (at most `most` lines)."""
    start = at
    for _ in range(most):
        prev = text.rfind("\n", 0, start - 1) + 1 if start > 0 else 0
        line = text[prev:start].strip()
        if not line or line.isupper() or (start != at and line.endswith((".", ":"))):
            break  # a blank line, a section heading ("PUBLIC HEARINGS") or the end of the text above
        start = prev
        if prev == 0:
            break
    return start if start < at and _rules().title_word.search(text[start:at]) else None


def _headings(text: str) -> list[Heading]:
    for rule_id, pattern in _rules().single_item_page:
        if m := pattern.match(text):
            return [Heading(0, None, m.start("title"), m.group("title").strip(), rule_id)]
    for rule_id, pattern in _rules().form_items:
        forms = [Heading(m.start(), m.group("number"), m.start("rest"), m.group("rest"), rule_id)
                 for m in pattern.finditer(text)]
        if len(forms) >= 2:
            return forms
    if files := _file_number_headings(text):
        return files
    top = _top_headings(text)
    return sorted(top + _sub_headings(text, top))


def segment(doc: Document) -> list[AgendaItem]:
    """Document → its agenda items in order; a document with no structure is one item."""
    text = doc.text
    headings = _headings(text)
    if not headings:
        title = (doc.title or text.strip().split("\n", 1)[0])[:200]
        headings = [Heading(0, None, 0, title, "item.whole_document")]
    items = []
    for position, (heading, nxt) in enumerate(zip(headings, headings[1:] + [None]), start=1):
        end = nxt.start if nxt else len(text)
        line_end = text.find("\n", heading.start)
        items.append(AgendaItem(
            document_id=doc.id,
            char_start=heading.start,
            char_end=end,
            page=doc.page_at(heading.start),
            sentence=stored_context(text, heading.start, line_end if line_end != -1 else len(text), heading.start),
            rule_id=heading.rule_id,
            position=position,
            number=heading.number,
            title=heading.title,
        ))
    return items


def item_at(items: list[AgendaItem], offset: int) -> AgendaItem | None:
    """The innermost item whose extent holds `offset` (items are flat and ordered)."""
    for item in reversed(items):
        if item.char_start <= offset < item.char_end:
            return item
    return None
