"""Motion rules (rules/motions.yaml) → compiled and checked once, and the counts they state."""

import re
from dataclasses import dataclass
from functools import cache

from extract.find.cues import check_keywords, load_cues
from extract.rules import compile_pattern, load_yaml

RULE_FILE = "motions.yaml"


@dataclass(frozen=True)
class Rules:
    results: list[tuple[dict, re.Pattern]]
    proposals: list[tuple[dict, re.Pattern]]
    outcomes: dict[str, str]
    wording_start: re.Pattern
    wording_lead_in: re.Pattern
    moved: re.Pattern
    moved_keywords: list[str]
    mover: re.Pattern
    seconder: re.Pattern
    seconded_later: re.Pattern
    adopted: re.Pattern
    adopted_reach: int
    procedural: re.Pattern
    amendment: re.Pattern
    window: int
    restated_within: int
    wording_below: frozenset[str]  # proposals printed over their wording ("Moved by …" lines)
    notices: frozenset[str]  # notices of motion ("I will move at the next meeting that …")
    notice_mover: re.Pattern
    moves_notice: re.Pattern
    notice_reach: int
    seconder_reach: int  # how far after a proposal with no seconder of its own "X seconded the motion" may stand


@cache
def motion_rules() -> Rules:
    rules = load_yaml(RULE_FILE)
    results = load_cues(RULE_FILE, rules["results"])
    for entry in rules["proposals"]:
        entry["pattern"] = entry["pattern"].replace("{name}", rules["name"]).replace("{agreed}", rules["agreed"])
    outcomes = {word: outcome for outcome, words in rules["outcomes"].items() for word in words}
    for key in ("seconded_later", "seconder"):
        rules[key] = rules[key].replace("{name}", rules["name"])
    moved = rules["moved"]
    one = lambda key: compile_pattern(RULE_FILE, {"p": rules[key]}, "p")  # noqa: E731 - a local shorthand
    return Rules(results, load_cues(RULE_FILE, rules["proposals"]), outcomes, one("wording_start"), one("wording_lead_in"),
                 compile_pattern(RULE_FILE, moved), check_keywords(RULE_FILE, moved), one("mover"), one("seconder"),
                 one("seconded_later"), one("adopted"), rules["adopted_reach"],
                 one("procedural"), one("amendment"), rules["window"], rules["restated_within"],
                 frozenset(e["id"] for e in rules["proposals"] if e.get("wording") == "after"),
                 frozenset(e["id"] for e in rules["proposals"] if e.get("wording") == "notice"),
                 one("notice_mover"), one("moves_notice"), rules["notice_reach"],
                 rules["seconder_reach"])


COUNT_WORDS = {"none": 0, "no": 0, "one": 1}


def stated_count(m: re.Match, group: str) -> int | None:
    value = m.groupdict().get(group)
    if not value:
        return None
    return int(value) if value.isdigit() else COUNT_WORDS[value.lower()]
