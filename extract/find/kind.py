"""Document → its kind: `minutes`, `agenda`, `report`, `decision_notice` or `other`, read from the
text's opening and its attendance record (rules/kinds.yaml)."""

import re
from functools import cache

from extract.find.resolutions import reads_as_minutes
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
    for entry, pattern in rules:
        if pattern.search(opening) if pattern else reads_as_minutes(doc.text, doc.text.lower()):
            return entry["kind"]
    return "other"
