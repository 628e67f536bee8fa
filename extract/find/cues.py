"""Keyword-gated regex cues: run a rule's pattern only near the words it needs.

A cue lists lower-case `keywords`; a fast substring scan finds them, and the pattern runs only in
windows around them, so a rule whose words never occur costs nothing on a long document.
"""

import re
from bisect import bisect_right
from functools import lru_cache

from extract.errors import InvalidRuleFile
from extract.rules import RULES_DIR, compile_pattern, require


@lru_cache(maxsize=1)  # every stage of a document asks for it
def lowered_text(text: str) -> str:
    """The text lower-cased, made once per document."""
    return text.lower()


def check_keywords(rule_file: str, entry: dict) -> list[str]:
    """An entry's `keywords`: lower-case single words (a line break may split a phrase), else a load error."""
    words = entry.get("keywords") or []
    if not isinstance(words, list) or not words or any(not isinstance(w, str) or w != w.lower() or w.split() != [w]
                                                       for w in words):
        raise InvalidRuleFile(f"{RULES_DIR / rule_file}:{entry.get('_line', 0)}: `keywords` must be a list of lower-case "
                              "single words; fix that entry of the rule file")
    return words


def load_cues(rule_file: str, entries: list[dict]) -> list[tuple[dict, re.Pattern]]:
    """A rule file's list of keyword-gated cues → (entry, compiled pattern), each checked on load."""
    cues = []
    for entry in entries:
        require(rule_file, entry, "id", "pattern")
        check_keywords(rule_file, entry)
        cues.append((entry, compile_pattern(rule_file, entry)))
    return cues


def finditer_near(pattern: re.Pattern, text: str, lowered: str, keywords, reach: int = 300) -> list[re.Match]:
    """`pattern.finditer`, run only in windows around the keywords (found with a fast substring scan):
    a cue whose keywords never occur costs nothing, and long documents are not scanned rule by rule."""
    if len(lowered) != len(text):  # a case change altered lengths: offsets would not line up
        return list(pattern.finditer(text))
    windows: list[list[int]] = []
    for start in sorted(i for k in keywords for i in _occurrences(lowered, k)):
        a, b = max(0, start - reach), min(len(text), start + reach)
        if windows and a <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], b)
        else:
            windows.append([a, b])
    found: dict[int, re.Match] = {}
    for a, b in windows:
        for m in pattern.finditer(text, a, b):
            found.setdefault(m.start(), m)
    return [found[k] for k in sorted(found)]


def sentences_with(lowered: str, keywords, starts: list[int]) -> dict[int, set[str]]:
    """Index of each sentence (by its start offsets) → the keywords found in it, by substring scan."""
    found: dict[int, set[str]] = {}
    for keyword in keywords:
        for i in _occurrences(lowered, keyword):
            found.setdefault(bisect_right(starts, i) - 1, set()).add(keyword)
    found.pop(-1, None)
    return found


def _occurrences(lowered: str, keyword: str):
    i = lowered.find(keyword)
    while i != -1:
        yield i
        i = lowered.find(keyword, i + 1)
