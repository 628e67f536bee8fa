"""The list grammar of a resolved text: lines → its parts ("1) That …", "a) the report BE RECEIVED;",
"- …", "(iv) …"), sub-items kept inside their parent, and where a part written after its cue ends.
Used by resolutions.py; the line that ends a resolution block is rules/resolutions.yaml's `stop_line`."""

import re
from dataclasses import dataclass, field
from functools import cache

from extract.rules import compile_pattern, load_yaml

RULE_FILE = "resolutions.yaml"
ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12}
# A list marker at a line start: "- ", "o ", "1) ", "2a. ", "(iv) ", "(A) ", "b. ".
MARKER = re.compile(r"[ \t]*(?:(?P<bullet>[-•▪◦*o])|\(?(?P<num>\d{1,2})(?P<suffix>[a-z])?[.)]|\((?P<paren>[a-zA-Z]{1,4})\)"
                    r"|(?P<letter>[a-zA-Z]{1,4})[.)])[ \t]+(?=\S)")
SEPARATORS = re.compile(r"[ \t]*(?:[:;,.\-–—]+[ \t]*)*")
TERMINAL = (".", ";", ":", "!", "?")
THAT = re.compile(r"(?i)[ \t]*that\b")
AND_THAT = re.compile(r"(?i)[ \t]*(?:and[ \t]+)?that\b")
PAGE_NUMBER = re.compile(r"[ \t]*\d{1,3}[ \t]*")
FULL_LINE = 60  # characters: a line this long that stops mid-sentence was wrapped, not ended
BE_DONE = re.compile(r"(?i)\bbe\s+[a-z]+(?:ed|en)\b")  # "… BE ACCEPTED", "… be taken"


@dataclass
class Part:
    start: int
    end: int
    rule_id: str
    recommendation: bool = False
    subs: list = field(default_factory=list)
    sub_next: tuple | None = None  # the marker that would continue this item's sub-list after a blank line



@cache
def _stop_line() -> re.Pattern:
    return compile_pattern(RULE_FILE, {"pattern": load_yaml(RULE_FILE)["stop_line"]})


def marker_at(text: str, pos: int):
    """The list marker opening the line at `pos` → (family, value, body start), or None."""
    m = MARKER.match(text, pos)
    if not m:
        return None
    if m.group("bullet"):
        return "bullet", None, m.end()
    if m.group("num"):
        return "num", int(m.group("num")), m.end()
    token = (m.group("paren") or m.group("letter")).lower()
    if token in ROMAN and (len(token) > 1 or token in "ivx"):
        return "roman" if len(token) > 1 else "letter?", ROMAN[token] if len(token) > 1 else token, m.end()
    if len(token) == 1:
        return "alpha", ord(token) - 96, m.end()
    return None


def _family(marker, top: str | None, previous):
    """Resolve "i"/"v"/"x": a letter after h/u/w, else a roman numeral."""
    family, value, _ = marker
    if family != "letter?":
        return family, value
    letter = ord(value) - 96
    if top == "alpha" and previous == letter - 1:
        return "alpha", letter
    return "roman", ROMAN[value]


def _lines(text: str, start: int, limit: int):
    pos = start
    while pos < limit:
        end = text.find("\n", pos, limit)
        end = limit if end == -1 else end
        yield pos, end
        pos = end + 1


def _stops(text: str, start: int, end: int) -> bool:
    return bool(_stop_line().match(text, start, end))


def parse_list(text: str, start: int, limit: int, paragraphs: bool) -> list[Part]:
    """Lines from `start` → top-level items (with sub-items), until the list visibly ends.

    `paragraphs`: unmarked paragraphs are items too (a bare "Resolved:- That" above plain lines).
    """
    items: list[Part] = []
    top = previous = None
    blank = False
    breaks = 0
    last_line_end = None
    for line_start, line_end in _lines(text, start, limit):
        line = text[line_start:line_end]
        if not line.strip():
            blank = True
            continue
        if PAGE_NUMBER.fullmatch(line):
            continue  # a page break between parts, or inside one
        if _stops(text, line_start, line_end):
            break
        marker = marker_at(text, line_start)
        if marker:
            family, value = _family(marker, top, previous)
            body = marker[2]
            current = items[-1] if items else None
            capital = text[line_start:body].strip(" \t().").isupper()
            if family == "alpha" and top == "alpha" and current and current.subs and capital:
                family = "ALPHA"  # "A) …" under "i) …" under "a) …": a list of its own, not the next top item
            if top is None or top == "para" and current is None:
                top, previous = family, value
                items.append(Part(body, line_end, ""))
            elif family == top and (family == "bullet" or 0 < value - previous <= 2 or value == previous and "num" == family):
                if family == "bullet" and current and _ends_colon(text, current) and text[body].islower():
                    current.subs.append([body, line_end])
                else:
                    previous = value
                    items.append(Part(body, line_end, ""))
            elif current and (family != top and (not blank or _ends_colon(text, current) or current.sub_next == (family, value))
                              or paragraphs):
                current.subs.append([body, line_end])  # a different marker under an item: its sub-item
                current.sub_next = (family, value + 1 if isinstance(value, int) else value)
            else:
                break
            blank, breaks, last_line_end = False, 0, line_end
            continue
        current = items[-1] if items else None
        previous_line = text[text.rfind("\n", 0, last_line_end) + 1:last_line_end].rstrip() if last_line_end else ""
        # a line runs on from the one before, across a blank line too where that was a full line cut mid-sentence (a
        # PDF turned to Markdown puts a blank line under each: "… as amended by the Local\n\nGovernment Reform Act")
        wrapped = len(previous_line) >= FULL_LINE and not previous_line.endswith(TERMINAL) and not AND_THAT.match(line)
        continues = current and (not blank or wrapped) and (not previous_line.endswith(TERMINAL) or line.lstrip()[:1].islower())
        if continues and breaks == 0:
            target = current.subs[-1] if current.subs and last_line_end == current.subs[-1][1] else current
            if isinstance(target, list):
                target[1] = line_end
            else:
                target.end = line_end
            last_line_end = line_end
            continue
        # parts that open "THAT …" take only "AND THAT, …" after them (a paragraph part joins only if the first did)
        that_parts = items and AND_THAT.match(text, items[0].start)
        if paragraphs and top in (None, "para") and re.match(r"\s*[A-Z]", line) and not (that_parts and not AND_THAT.match(line)):
            top = "para"
            items.append(Part(line_start + len(line) - len(line.lstrip()), line_end, ""))
            blank, last_line_end = False, line_end
            continue
        breaks += 1  # a heading or lead-in between items ("Contractual:"), or the end of the list
        if breaks > 2 or paragraphs:
            break
    return _flatten(text, items)


def _ends_colon(text: str, part: Part) -> bool:
    return text[part.start:part.end].rstrip().endswith(":")


def _flatten(text: str, items: list[Part]) -> list[Part]:
    """Sub-items stay in their parent, unless the parent is only a heading ("2. Residents Parking")
    or a lead-in to sub-items that are decisions each ("a) the following actions be taken:" then "i) the
    bid … BE ACCEPTED;"), not the objects of its verb ("The Director provides:" then "a) a briefing")."""
    out = []
    for item in items:
        head = text[item.start:item.end].strip()
        lead_in = head.endswith(":") and all(THAT.match(text, s) or BE_DONE.search(text, s, e) for s, e in item.subs)
        if item.subs and len(head) <= 90 and (not head.endswith(TERMINAL) or lead_in):
            out += [Part(s, e, "") for s, e in item.subs]
        else:
            out.append(Part(item.start, max([item.end] + [e for _, e in item.subs]), ""))
    return out


def inline_end(text: str, start: int, limit: int) -> int:
    """One part written after its cue: to the end of its paragraph (PDF lines run on)."""
    end = text.find("\n", start, limit)
    end = limit if end == -1 else end
    for line_start, line_end in _lines(text, end + 1, limit):
        line = text[line_start:line_end]
        prior = text[start:end].rstrip()
        if (not line.strip() or marker_at(text, line_start) or _stops(text, line_start, line_end)
                or prior.endswith(TERMINAL) and not line.lstrip()[:1].islower()):
            break
        end = line_end
    return end


def list_below(text: str, line_end: int, limit: int, lookahead: int) -> int | None:
    """Where the first marked item of a list below a lead-in line starts, within `lookahead` lines;
    None when a sentence comes first (the parts are paragraphs) or no item does."""
    for s, e in list(_lines(text, line_end + 1, limit))[:lookahead]:
        if marker_at(text, s):
            return s
        if text[s:e].rstrip().endswith((".", "!", "?")):
            return None
    return None
