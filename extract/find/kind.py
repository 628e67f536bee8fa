"""Document → its kind: `minutes`, `agenda`, `report`, `decision_notice` or `other`, read from the
text's opening and its attendance record (rules/kinds.yaml): a decision notice says so; else the
kind whose sign comes first wins ("Notice and Agenda" above an item "Approve the minutes of …" is
an agenda; "Tim Brett's Report" above a mention of the minutes is a report)."""

import re
from functools import cache

from extract.find.cues import lowered_text
from extract.find.resolutions import minutes_evidence_at
from extract.rules import compile_pattern, load_yaml, require
from schemas.records import Document

RULE_FILE = "kinds.yaml"


@cache
def _rules() -> tuple[int, list[tuple[dict, re.Pattern | None]]]:
    rules = load_yaml(RULE_FILE)
    compiled = []
    for entry in rules["rules"]:
        require(RULE_FILE, entry, "id", "kind")
        compiled.append((entry, None if entry.get("attendance") else compile_pattern(RULE_FILE, entry)))
    return rules["opening"], compiled


def document_kind(doc: Document) -> str:
    opening_chars, rules = _rules()
    opening = doc.text[:opening_chars]
    signs = []
    for entry, pattern in rules:
        at = (m.start() if (m := pattern.search(opening)) else None) if pattern else \
            minutes_evidence_at(doc.text, lowered_text(doc.text))
        if at is not None and entry.get("first"):
            return entry["kind"]
        if at is not None:
            signs.append((at, entry["kind"]))
    return min(signs)[1] if signs else "other"
