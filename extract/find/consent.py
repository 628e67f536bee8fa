"""A consent agenda's items: adopted together by one carried motion ("to approve items A-F on the
Unanimous Consent Agenda"), each item's recommended action ("For the Board of Directors to approve the
2023 Fiscal Policy") is a decision of the meeting though no motion names it. A recommendation moved
on its own (a motion follows it before the next one) is its motion's, and ends the consent agenda."""

import re
from bisect import bisect_left
from functools import cache

from extract.find.resolution_lists import Part
from extract.rules import load_yaml, require
from schemas.records import Motion

RULE_ID = "resolution.consent_item"


@cache
def _rules() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    rules = load_yaml("resolutions.yaml")["consent"]
    require("resolutions.yaml", rules, "motion", "recommended_action", "item_end")
    return (re.compile(rules["motion"]), re.compile(rules["recommended_action"], re.MULTILINE),
            re.compile(rules["item_end"], re.MULTILINE))


def consent_parts(text: str, motions: list[Motion]) -> list[Part]:
    """The recommended actions after a carried consent-agenda motion that no motion of their own takes up."""
    consent_motion, recommended, item_end = _rules()
    adopted = [m for m in motions if m.result == "carried" and consent_motion.search(m.text)]
    if not adopted:
        return []
    starts = sorted(m.char_start for m in motions)
    found = list(recommended.finditer(text, adopted[0].char_end))
    out = []
    for i, m in enumerate(found):
        following = found[i + 1].start() if i + 1 < len(found) else len(text)
        end = item_end.search(text, m.end(), following)  # bounded by the next action: linear in the text
        end = end.start() if end else following
        at = bisect_left(starts, end)
        if at < len(starts) and starts[at] < following:
            break  # moved on its own: the consent agenda's items are behind
        out.append(Part(m.start(), end, RULE_ID))
    return out
