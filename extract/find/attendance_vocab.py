"""The vocabularies of attendance (rules/attendees.yaml, rules/titles.yaml) → one checked `Vocab`:
cues, honorifics, posts, name words and the lines that end a list. Loaded once."""

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from extract.errors import InvalidRuleFile
from extract.find.cues import check_keywords
from extract.rules import RULES_DIR, compile_pattern, load_yaml, require

RULE_FILE = "attendees.yaml"
TITLE_FILE = "titles.yaml"
# A name of initials and a surname with no honorific, perhaps an honour after it: "R Belling",
# "K Dawood MBE" (a list printed one name a paragraph, under a group label such as "Councillors").
INITIALS_NAME = r"(?:[A-Z]\.?[ \t]+){1,3}[A-Z](?:[a-z]|['’][A-Z])[\w’'-]*(?:[ \t]+[A-Z]{2,4})?[ \t]*"


@dataclass(frozen=True)
class Vocab:
    list_cues: list
    sentence_cues: list
    chair_cues: list
    none_phrase: re.Pattern
    vice_presiding: re.Pattern
    chair_marker: re.Pattern
    chair_tail: re.Pattern
    chair_prefix: re.Pattern
    chair_post_surname: re.Pattern  # "Chair Buzek" before a chair cue: a surname the post names
    separator: re.Pattern  # punctuation, a conjunction, a spaced dash, or a full stop after a word
    conjunctions: frozenset
    honorific: re.Pattern  # optional qualifier + honorific at a chunk start
    name_line: re.Pattern  # a line that is one honorific-led name and perhaps a bracket: "Cllr T Crane (Chair)"
    honorific_split: re.Pattern  # where an honorific opens a new name inside a run
    qualifier_before: re.Pattern  # "County" just before a split point: "County Councillor" stays whole
    honorific_end: re.Pattern  # an honorific just before a full stop: "Cllrs." does not end a list
    councillor_words: frozenset
    plural: frozenset
    tail_stop: frozenset
    male: frozenset
    female: frozenset
    post_nominals: frozenset
    particles: frozenset
    not_name: frozenset
    title_words: frozenset
    councillor_title: re.Pattern
    organisation_title: re.Pattern
    stop_line: re.Pattern
    prose_words: int
    connectors: frozenset
    qualifiers: frozenset
    posts: dict  # post → "officer" or "member" (a member's post: the community council's Secretary)
    title_prefix: re.Pattern  # a post written before a name: "Clerk J Connelly"
    title_split: re.Pattern  # where such a post opens a new person inside a run
    group_label: re.Pattern
    group_statuses: list[dict]
    list_goes_on: re.Pattern
    group_line: re.Pattern  # the next group of a members' list past a blank line: "Aldermen C Dale, …"
    headcount_line: re.Pattern  # a count of people among the names: "Two members of the public"


class Cue(NamedTuple):
    rule_id: str
    pattern: re.Pattern
    status: str
    role: str
    extra: dict


@cache
def vocab() -> Vocab:
    rules, titles = load_yaml(RULE_FILE), load_yaml(TITLE_FILE)

    def cues(section: str, *keys: str) -> list[Cue]:
        out = []
        for entry in rules[section]:
            require(RULE_FILE, entry, "id", "pattern", *keys)
            check_keywords(RULE_FILE, entry)
            out.append(Cue(entry["id"], compile_pattern(RULE_FILE, entry), entry.get("status", "present"),
                           entry.get("role", "councillor"), entry))
        return out

    hon = rules["honorifics"]
    words = [re.escape(w) for w in sorted(hon["councillor"] + hon["courtesy"], key=len, reverse=True)]
    qualifiers = "|".join(map(re.escape, rules["honorific_qualifiers"]))
    honorific = rf"(?:(?:{qualifiers})\s+)?(?:{'|'.join(words)})(?:[’']s)?\b\.?"  # "Councilor’s T. Collopy": a plural
    joins = "|".join(map(re.escape, rules["conjunctions"]))
    posts = "|".join(re.escape(p) for p in sorted(rules["title_prefixes"], key=len, reverse=True))
    # no split inside a longer post: "City Clerk Paulsen" is not "City" and "Clerk Paulsen"
    qualified = "".join(f"(?<!\\b{re.escape(w)})" for w in sorted({p.split()[0] for p in rules["title_prefixes"]
                                                                    if len(p.split()) > 1}))
    if not isinstance(rules["title_prefixes"], dict) or set(rules["title_prefixes"].values()) - {"officer", "member"}:
        raise InvalidRuleFile(f"{RULES_DIR / RULE_FILE}: title_prefixes maps each post to officer or member")
    return Vocab(
        # a blank line inside a list parts two groups: "… and M Carey\n\nCouncillors – N Doyle"
        separator=re.compile(rf"\s*[,;:]\s*|[ \t]*\n[ \t]*\n\s*|\s+(?:{joins})\s+|\s+[–—-]\s+|\s+-(?=\s*[A-Z])"
                             rf"|(?<=[a-z]{{2}})\.\s+|(?<=\b[ap]\.m)\.\s+(?=[A-Z])"  # "… at 7 p.m. Supervisors …"
                             r"|\s*[•▪●◦]\s*|[ \t]*\n(?=[ \t]*[A-Z][\w’' ]{1,40}:)"),  # a bullet; a line break before a label
        conjunctions=frozenset(rules["conjunctions"]),
        list_cues=cues("list_cues", "status", "role"),
        sentence_cues=cues("sentence_cues", "status", "role", "side"),
        chair_cues=cues("chair_cues", "side"),
        none_phrase=re.compile(rules["none_phrases"], re.I),
        vice_presiding=re.compile(rules["vice_chair_presiding"]),
        chair_marker=re.compile(rules["chair_marker"], re.I),
        chair_tail=re.compile(rules["chair_tail"], re.I),
        chair_prefix=re.compile(rules["chair_prefix"]),
        chair_post_surname=re.compile(rules["chair_post_surname"]),
        honorific=re.compile(rf"^(?P<hon>{honorific})\s+(?=[A-Z])"),
        name_line=re.compile(rf"[ \t]*(?:(?:{honorific})\s+(?:[A-Z][\w.’'-]*\s*){{1,4}}|{INITIALS_NAME})"
                             rf"(?:\([^)\n]{{1,40}}\))?[ \t]*$"),
        honorific_split=re.compile(rf"(?<=[a-z])\s+(?={honorific}\s+[A-Z])"),
        qualifier_before=re.compile(rf"\b(?:{qualifiers})$"),
        honorific_end=re.compile(rf"\b(?:{'|'.join(words)})$"),
        councillor_words=frozenset(w.lower() for w in hon["councillor"]),
        plural=frozenset(hon["plural"]),
        tail_stop=frozenset(rules["not_surname_tail"]),
        male=frozenset(w.lower() for w in hon["male"]),
        female=frozenset(w.lower() for w in hon["female"]),
        post_nominals=frozenset(rules["post_nominals"]),
        particles=frozenset(rules["name_particles"]),
        not_name=frozenset(rules["not_name_words"]),
        title_words=frozenset(titles["head_words"] + titles["subject_words"]),
        councillor_title=re.compile(titles["councillor_titles"]),
        organisation_title=re.compile(titles["organisation_title"]),
        stop_line=re.compile(rules["list_stop_line"]),
        prose_words=rules["list_prose_words"],
        connectors=frozenset(rules["list_connectors"]),
        qualifiers=frozenset(rules["honorific_qualifiers"]),
        posts=rules["title_prefixes"],
        title_prefix=re.compile(rf"^(?P<post>{posts})\s*:?\s+(?=[A-Z])"),
        title_split=re.compile(rf"(?<=[a-z]){qualified}\s+(?=(?:{posts})\s*:?\s+[A-Z])"),
        group_label=re.compile(rules["group_label"]),
        group_statuses=rules["group_statuses"],
        list_goes_on=re.compile(rules["list_goes_on"]),
        group_line=re.compile(rules["list_group_line"]),
        headcount_line=re.compile(rules["headcount_line"]),
    )


def core_honorific(honorific: str) -> str:
    """'County Councillors' → 'Councillors', 'Council Members' stays: the honorific without its qualifier."""
    words = honorific.split()
    return " ".join(words[1:]) if len(words) > 1 and words[0] in vocab().qualifiers else honorific
