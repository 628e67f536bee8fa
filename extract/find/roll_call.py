"""A roll-call grid flattened column by column → attendance mentions.

Legistar prints attendance as a table (Attendee Name, Title, Status, Arrived); its text comes out a
column at a time, block after block: "Julien Bouquet\nBob Broom\n\nTitle\nDirector, District G\n
Director, District F\n\nStatus\nLate\nRemote\n\nArrived\n6:59 PM …". Each run of names is paired in
order with the titles and statuses that follow it. Rules: `roll_call_grid` in rules/attendees.yaml.
"""

import re
from dataclasses import dataclass
from functools import cache

from extract.find.attendance_names import NAME_WORD, Mention
from extract.rules import compile_pattern, load_yaml

RULE_FILE = "attendees.yaml"


@dataclass(frozen=True)
class Grid:
    cue: re.Pattern
    headings: frozenset[str]
    statuses: dict[str, str]
    time: re.Pattern
    stop_line: re.Pattern
    max_chars: int


@cache
def _grid() -> Grid:
    rules = load_yaml(RULE_FILE)["roll_call_grid"]
    one = lambda key: compile_pattern(RULE_FILE, {"p": rules[key]}, "p")  # noqa: E731 - a local shorthand
    return Grid(one("cue"), frozenset(rules["column_headings"]), rules["statuses"], one("time"), one("stop_line"),
                rules["max_chars"])


BLOCK = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|\Z))+")  # consecutive lines with text
LINE = re.compile(r"[^\n]*\S[^\n]*")


def _blocks(text: str, start: int, end: int):
    """The blank-line separated blocks of text[start:end], each a list of (start, end, stripped line):
    a flattened grid's columns come out a block each."""
    for block in BLOCK.finditer(text, start, end):
        lines = []
        for m in LINE.finditer(text, block.start(), block.end()):
            lead = len(m.group()) - len(m.group().lstrip())
            lines.append((m.start() + lead, m.start() + lead + len(m.group().strip()), m.group().strip()))
        yield lines


def _is_name(line: str) -> bool:
    words = line.split()
    return 2 <= len(words) <= 4 and all(NAME_WORD.match(w) or re.fullmatch(r"[A-Z]\.", w) for w in words)


def grid_mentions(text: str, block_ids) -> tuple[list[Mention], list[tuple[int, int]]]:
    """Every attendee of every roll-call grid in the text, with the title and status the grid gives;
    and where the grids are (a status such as "Present" in a grid is not an attendance list's cue).
    A block of other lines is the titles of the names waiting for them, or else a new run of names."""
    grid, mentions, spans = _grid(), [], []
    for cue in grid.cue.finditer(text):
        names: list[tuple[int, int, str]] = []  # the run waiting for its statuses
        titles: list[str] | None = None  # its titles, once their block has come
        block, last = next(block_ids), cue.end()
        for lines in _blocks(text, cue.end(), min(len(text), cue.end() + grid.max_chars)):
            lines = [ln for ln in lines if ln[2].lower() not in grid.headings and not grid.time.match(ln[2])]
            stop = next((i for i, ln in enumerate(lines)
                         if grid.stop_line.match(ln[2]) and ln[2].lower() not in grid.statuses), None)
            lines = lines[:stop]
            others = [ln for ln in lines if ln[2].lower() not in grid.statuses]
            if others and names and titles is None:
                titles = [line for _, _, line in others]
            elif others:
                names, titles = [ln for ln in others if _is_name(ln[2])], None
            for _, _, status in (ln for ln in lines if ln[2].lower() in grid.statuses):
                if names:
                    s, e, name = names.pop(0)
                    title = titles.pop(0) if titles else None
                    mentions.append(Mention(s, e, name, grid.statuses[status.lower()], "other",
                                            "attendee.roll_call_grid", block, title=title, tokens=name.split()))
            if lines:
                last = lines[-1][1]
            if stop is not None:
                break
        spans.append((cue.start(), last))
    return mentions, spans
