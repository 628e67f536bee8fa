"""Document → agenda items (`AgendaItem`), each spanning its heading up to the next item.

Three layouts: a moderngov single-item page; numbered minutes or report sections, possibly with
numbered sub-sections ("3.4 Assessments"); and documents with no structure, which are one item.
Rules and thresholds: rules/segment.yaml.
"""

import re
from functools import cache
from typing import NamedTuple

from schemas.records import AgendaItem, Document

from .rules import compile_pattern, load_yaml

RULE_FILE = "segment.yaml"


class Heading(NamedTuple):
    start: int
    number: str | None
    title_start: int
    title: str
    rule_id: str


@cache
def _rules():
    rules = load_yaml(RULE_FILE)

    def compiled(section):
        return [(e["id"], compile_pattern(RULE_FILE, e)) for e in rules[section]]

    return (
        compiled("single_item_page"),
        compiled("numbered_items"),
        compiled("sub_items"),
        rules["max_step"],
        rules["max_heading_chars"],
        re.compile(rules["inline_title_end"]),
        rules["inline_title_chars"],
        re.compile(rules["title_word"]),
    )


def _title(rest: str) -> str:
    """The heading text, or for a heading that runs into prose, its inline title."""
    _, _, _, _, max_chars, title_end, title_chars, _ = _rules()
    rest = rest.rstrip()
    if len(rest) <= max_chars and not rest.endswith((".", ",", ";")):
        return rest
    if (end := title_end.search(rest, 1)) and end.start() <= title_chars:
        return rest[: end.start()].rstrip()
    cut = rest[:title_chars]
    return cut.rsplit(" ", 1)[0] if len(rest) > title_chars else cut.rstrip(".")


def _sequence_key(number: str) -> int:
    return int(re.search(r"\d+", number).group())


def _numbered_headings(text: str) -> list[Heading]:
    """Top-level headings of the first layout family that forms a numbered sequence."""
    _, numbered, _, _, _, _, _, title_word = _rules()
    for rule_id, pattern in numbered:
        candidates = [(m.start(), m.group("number"), m.start("rest"), " ".join(m.group("rest").split()), rule_id,
                       m.groupdict().get("printed") or m.group("number"))
                      for m in pattern.finditer(text) if title_word.search(m.group("rest"))]
        if chain := _sequence(candidates):
            return chain
    return []


def _sequence(candidates: list[tuple]) -> list[Heading]:
    """The running sequence n, n+1… (steps up to max_step), greedy from the earliest start."""
    max_step = _rules()[3]
    for first in range(len(candidates)):
        chain = [candidates[first]]
        for candidate in candidates[first + 1:]:
            step = _sequence_key(candidate[1]) - _sequence_key(chain[-1][1])
            if 1 <= step <= max_step:
                chain.append(candidate)
        if len(chain) >= 2:
            return [Heading(s, printed, ts, _title(rest), r) for s, _, ts, rest, r, printed in chain]
    return []


def _sub_headings(text: str, top: list[Heading]) -> list[Heading]:
    """'3.4 Assessments' lines inside item 3: short heading lines only, never paragraphs."""
    _, _, sub_items, _, max_chars, _, _, _ = _rules()
    subs = []
    for rule_id, pattern in sub_items:
        for m in pattern.finditer(text):
            rest = m.group("rest").rstrip()
            if len(rest) > max_chars or rest.endswith((".", ",", ";")):
                continue
            if not re.match(re.escape(m.group("number")) + r"\.\d", text[m.end():].lstrip()):
                continue
            parent = next((h for h in reversed(top) if h.start < m.start()), None)
            if parent and parent.number == m.group("parent"):
                subs.append(Heading(m.start(), m.group("number"), m.start("rest"), rest, rule_id))
    return subs


def _headings(text: str) -> list[Heading]:
    single, *_ = _rules()
    for rule_id, pattern in single:
        if m := pattern.match(text):
            return [Heading(0, None, m.start("title"), m.group("title").strip(), rule_id)]
    top = _numbered_headings(text)
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
            sentence=text[heading.start: line_end if line_end != -1 else len(text)],
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
