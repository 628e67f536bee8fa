"""A figure's subject and unit → an indicator key built from its words, for measures the canonical
list (rules/indicators.yaml) does not name: "Re-referrals into social care" and "the re-referral
rate to social care" in two councils' reports share "re_referral_to_social_care:percent".

The rules (rules/indicator_keys.yaml) say which words are dropped and which phrasings are one
measure; word order and prepositions are kept, so two different measures do not share a key.
"""

import re
from functools import cache, lru_cache
from typing import NamedTuple

from extract.rules import compile_pattern, load_yaml, require

RULE_FILE = "indicator_keys.yaml"
TOKEN = re.compile(r"[a-z_]+(?:['-][a-z_]+)*|\d+(?:[.,]\d+)*(?:-\d+)?")


class KeyRules(NamedTuple):
    synonyms: tuple[tuple[re.Pattern, str], ...]
    canonical: frozenset[str]  # the synonyms' forms ("children_looked_after")
    dropped: frozenset[str]
    unit_kinds: dict[str, str]
    numbers: dict[str, str]  # "eight" → "8"
    edge_words: frozenset[str]  # words a key neither opens nor ends with ("… contacts with in")
    bar_words: frozenset[str]  # the words a number that sets the measure's bar follows
    years: re.Pattern
    min_words: int
    max_words: int


@cache
def _rules() -> KeyRules:
    rules = load_yaml(RULE_FILE)
    for entry in rules["synonyms"]:
        require(RULE_FILE, entry, "id", "pattern", "as")
    return KeyRules(
        tuple((compile_pattern(RULE_FILE, e), f" {e['as']} ") for e in rules["synonyms"]),
        frozenset(e["as"] for e in rules["synonyms"] if e["as"].strip()),
        frozenset(rules["dropped_words"]), dict(rules["unit_kinds"]),
        {word: str(n) for n, word in enumerate(rules["number_words"], 1)}, frozenset(rules["edge_words"]),
        frozenset(rules["bar_words"]),
        compile_pattern(RULE_FILE, {"pattern": rules["years"]}), rules["min_words"], rules["max_words"])


def _singular(word: str) -> str:
    if "_" in word or len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") else word


@lru_cache(maxsize=4096)
def subject_key(subject: str, unit: str) -> str | None:
    """The key for a subject in a unit, or None when the subject has too few content words to tell
    one measure from another. A number that sets the measure's bar stays in it ("within 8 weeks" is
    not "within 13 weeks"); years, other figures and the words for a period alone do not."""
    rules = _rules()
    text = subject.lower().replace("’", "'")
    for pattern, canonical in rules.synonyms:
        text = pattern.sub(canonical, text)
    text = rules.years.sub(" ", text)
    words: list[str] = []
    for token in TOKEN.findall(text):
        token = rules.numbers.get(token, token.replace(",", ""))
        if token[0].isdigit() and not (words and words[-1] in rules.bar_words):
            continue  # a figure quoted in the subject ("16% increase in contacts with 12,165") is no part of it
        if token in rules.dropped and not (words and words[-1][0].isdigit()):
            continue
        words.append(token if token[0].isdigit() else _singular(token.replace("'", "").replace("-", "_")))
    words = [w for w in words if w.strip("_")]
    while words and words[-1] in rules.edge_words:
        words.pop()
    while words and words[0] in rules.edge_words:
        words.pop(0)
    words = words[:rules.max_words]
    if sum(not w[0].isdigit() for w in words) < rules.min_words and not any(w in rules.canonical for w in words):
        return None  # one plain word ("contacts") could be any service's; a synonym's form names one measure
    return f"{'_'.join(words)}:{rules.unit_kinds.get(unit, 'other')}"
