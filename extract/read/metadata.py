"""Stored text → council, committee, meeting date and title, read from what the document says.

Null when the text does not say; a wrong guess is worse than none. Rules: rules/metadata.yaml.
"""

import re
from collections import Counter
from functools import cache

from extract.read.dates import ANY_DATE, find_dates
from extract.rules import compile_pattern, load_yaml, require

RULE_FILE = "metadata.yaml"
TITLE_LINE = re.compile(r"(?mi)^\s*title:\s*(?P<title>\S[^\n]{2,200})$")


@cache
def _rules():
    rules = load_yaml(RULE_FILE)
    councils = []
    for entry in rules["councils"]:
        require(RULE_FILE, entry, "name", "aliases")
        alias = "|".join(f"(?:{a})" for a in entry["aliases"])
        # The literal words the aliases open with: a council none of them occurs in is not scanned.
        openers = tuple({re.match(r"[A-Za-z]*", a).group().lower() for a in entry["aliases"]} - {""})
        councils.append((entry["name"], compile_pattern(RULE_FILE, {**entry, "p": rf"\b(?:{alias})\b"}, "p", re.I),
                         openers))
    heading = [compile_pattern(RULE_FILE, e) for e in rules["council_heading"]]
    committees = [compile_pattern(RULE_FILE, e) for e in rules["committees"]]
    dates = [
        (e["rank"], compile_pattern(RULE_FILE, {**e, "pattern": e["pattern"].replace("{DATE}", f"(?P<date>{ANY_DATE})")}))
        for e in rules["meeting_dates"]
    ]
    not_before = compile_pattern(RULE_FILE, {"p": rules["not_meeting_date_before"]}, "p")
    return (councils, heading, committees, dates, not_before, set(rules["small_words"]), rules["opening_chars"],
            rules["mention_chars"])


def title_case(name: str, small_words: set[str]) -> str:
    """'IMPROVING LIVES SELECT COMMISSION' → 'Improving Lives Select Commission'; mixed case kept."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    words = [w.lower() if w.lower() in small_words else w.capitalize() for w in name.split()]
    return " ".join(words[:1] + words[1:]) if words else name


def infer_council(text: str) -> str | None:
    councils, heading, _, _, _, small, opening, mention_chars = _rules()
    head = text[:opening]
    for pattern in heading:
        if match := pattern.search(head):
            named = match.group(0)
            for canonical, alias, _ in councils:
                if alias.search(named):
                    return canonical
            return title_case(match.group("name"), small)
    text = text[:mention_chars]
    lowered = text.lower()
    mentions = Counter({canonical: len(alias.findall(text)) for canonical, alias, openers in councils
                        if any(word in lowered for word in openers)})
    name, count = mentions.most_common(1)[0] if mentions else (None, 0)
    return name if count else None


def infer_committee(text: str) -> str | None:
    _, _, committees, _, _, small, opening, _ = _rules()
    head = text[:opening]
    for pattern in committees:
        if match := pattern.search(head):
            return title_case(match.group("committee"), small)
    return None


def infer_meeting_date(text: str) -> str | None:
    _, _, _, dates, not_before, _, opening, _ = _rules()
    head = text[:opening]
    candidates = []
    for rank, pattern in dates:
        for match in pattern.finditer(head):
            start = match.start("date")
            if not not_before.search(head[max(0, start - 60):start]) and (found := find_dates(match.group("date"))):
                candidates.append((rank, start, found[0][2]))
    return min(candidates)[2] if candidates else None


def infer_title(text: str) -> str | None:
    if match := TITLE_LINE.search(text[:2000]):
        return match.group("title").strip()
    first = next((line.strip() for line in text.splitlines() if len(line.strip()) > 3), None)
    return first[:200] if first else None


def infer_metadata(text: str) -> dict:
    """Stored text → {council, committee, meeting_date, title}, each None where the text is silent."""
    return {
        "council": infer_council(text),
        "committee": infer_committee(text),
        "meeting_date": infer_meeting_date(text),
        "title": infer_title(text),
    }
