"""Document → motions put to the meeting: wording, mover, seconder, outcome and stated counts.

A motion is found from its outcome backwards ("Motion Passed (15 to 0)", "declared the motion
PASSED", "passed 7-0", a "CARRIED" line): the outcome closes the motion recorded before it, in the
same agenda item and after the previous outcome. Its wording is the last "That …" paragraph there
(eScribe and UK/Canadian style), else the last sentence that makes the motion ("Director Williams
made the motion to approve …"). Rules: rules/motions.yaml.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from extract.find.cues import check_keywords, finditer_near, load_cues
from extract.find.segment import item_at
from extract.find.sentences import SentenceIndex
from extract.rules import compile_pattern, load_yaml
from schemas.records import AgendaItem, Document, Motion

RULE_FILE = "motions.yaml"


@dataclass(frozen=True)
class Rules:
    results: list[tuple[dict, re.Pattern]]
    outcomes: dict[str, str]
    wording_start: re.Pattern
    moved: re.Pattern
    moved_keywords: list[str]
    mover: re.Pattern
    seconder: re.Pattern
    window: int


@cache
def _rules() -> Rules:
    rules = load_yaml(RULE_FILE)
    results = load_cues(RULE_FILE, rules["results"])
    outcomes = {word: outcome for outcome, words in rules["outcomes"].items() for word in words}
    moved = rules["moved"]
    return Rules(results, outcomes, compile_pattern(RULE_FILE, {"p": rules["wording_start"]}, "p"),
                 compile_pattern(RULE_FILE, moved), check_keywords(RULE_FILE, moved),
                 compile_pattern(RULE_FILE, {"p": rules["mover"]}, "p"),
                 compile_pattern(RULE_FILE, {"p": rules["seconder"]}, "p"), rules["window"])


def _count(m: re.Match, group: str) -> int | None:
    value = m.groupdict().get(group)
    return int(value) if value else None


def _paragraph_end(text: str, start: int, limit: int) -> int:
    """The end of the paragraph opening at `start`: the next blank line, or `limit`."""
    end = text.find("\n\n", start, limit)
    return (limit if end == -1 else end) if start < limit else start


def _name(pattern: re.Pattern, text: str, start: int, end: int) -> str | None:
    found = None
    for m in pattern.finditer(text, start, end):
        found = m.group("name") or m.group("subject")
    return found.strip() if found else None


def _last_unused(moved: list[int], used: set[int], low: int, high: int) -> int | None:
    """The last moving-sentence offset in [low, high) not yet given to a motion."""
    for i in range(bisect_left(moved, high) - 1, bisect_left(moved, low) - 1, -1):
        if moved[i] not in used:
            return moved[i]
    return None


def _wording(text: str, start: int, end: int, moved: list[int], used: set[int],
             sentences: SentenceIndex) -> tuple[int, int, str] | None:
    """The motion recorded in text[start:end]: its "That …" paragraph or its moving sentence; else
    the last motion moved earlier and not yet closed (a main motion voted after its amendment)."""
    rules = _rules()
    last = next(reversed(list(rules.wording_start.finditer(text, start, end))), None)
    if last:
        begin = last.start() + len(last.group()) - len(last.group().lstrip())
        return begin, _paragraph_end(text, begin, end), "motion.that_paragraph"
    for low, high, how in ((start, end, "motion.moved_sentence"), (end - 2 * rules.window, start, "motion.moved_earlier")):
        if (at := _last_unused(moved, used, low, high)) is not None:
            used.add(at)
            sentence = sentences.at(at)
            return max(sentence.start, low if how == "motion.moved_sentence" else 0), min(sentence.end, end), how
    return None


def extract_motions(doc: Document, items: list[AgendaItem], sentences: SentenceIndex) -> list[Motion]:
    """Document → its motions in text order, each with the outcome that closed it."""
    text, rules = doc.text, _rules()
    lowered = text.lower()
    closes = sorted(((m.start(), m.end(), entry, m) for entry, pattern in rules.results
                     for m in finditer_near(pattern, text, lowered, entry["keywords"])), key=lambda c: c[:2])
    moved = [m.start() for m in finditer_near(rules.moved, text, lowered, rules.moved_keywords)]
    motions, previous_end, used = [], 0, set()
    for start, end, entry, m in closes:
        if start < previous_end:
            continue  # one outcome read by two rules
        item = item_at(items, start)
        floor = max(previous_end, item.char_start if item else 0, start - rules.window)
        previous_end = end
        found = _wording(text, floor, start, moved, used, sentences)
        if not found:
            continue
        begin, finish, how = found
        finish = begin + len(text[begin:finish].rstrip())
        motions.append(Motion(
            document_id=doc.id, char_start=begin, char_end=finish, page=doc.page_at(begin),
            sentence=sentences.sentence_text(begin), rule_id=f"{entry['id']}+{how}", position=len(motions) + 1,
            text=text[begin:finish], result=rules.outcomes.get(m.group("result").lower()),
            mover=_name(rules.mover, text, floor, start), seconder=_name(rules.seconder, text, floor, start),
            votes_for=_count(m, "for"), votes_against=_count(m, "against"),
            unanimous=bool(m.groupdict().get("unanimous")),
        ))
    return motions
