"""Lists of posts with each holder's name in brackets → attendees: "OFFICIALS IN ATTENDANCE: Chief
Executive (Mr. P. Daly), Director, Housing (Ms. C. Curley), Financial Accountants (Ms. I. Griffin and
Mr. P. Murnane)". A post holds commas of its own, so such a list is read bracket by bracket, not cut
at commas: each bracketed name is a person, the post before it their title."""

import re

from extract.find.attendance_names import Mention
from extract.find.attendance_vocab import vocab

MIN_BRACKETED = 3  # fewer bracketed names than this is an ordinary list with a bracket or two
BRACKET = re.compile(r"\(([^()]{3,120})\)")


def bracketed_mentions(text: str, start: int, end: int, status: str, role: str, rule_id: str,
                       block: int) -> list[Mention] | None:
    """The people of a list of posts with bracketed names, or None when text[start:end] is not one."""
    honorific = vocab().honorific
    groups = [g for g in BRACKET.finditer(text, start, end) if honorific.match(g.group(1).lstrip())]
    if len(groups) < MIN_BRACKETED:
        return None
    mentions, post_from = [], start
    for group in groups:
        post = " ".join(text[post_from:group.start()].split()).strip(" ,;:.") or None
        for part in re.finditer(r"[^()]+?(?=\s+and\s+|$)", group.group(1)):
            lead = re.match(r"\s*(?:and\s+)?", part.group())
            held = honorific.match(part.group()[lead.end():])  # the pattern is anchored at its string's start
            if not held:
                continue
            rest = part.group()[lead.end() + held.end():]  # the name, within the bracket
            name = rest.strip()
            name_start = group.start(1) + part.start() + lead.end() + held.end() + len(rest) - len(rest.lstrip())
            if name:
                mentions.append(Mention(name_start, name_start + len(name), name, status, role, rule_id, block,
                                        honorific=held.group("hon").rstrip("."), title=post, tokens=name.split()))
        post_from = group.end()
    return mentions
