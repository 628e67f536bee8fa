"""Document → declared interests: one `Declaration` per member and interest, the member's name as
its span; and whether the text records that none were declared. Rules: rules/declarations.yaml."""

import re
from dataclasses import dataclass
from functools import cache

from extract.find.cues import finditer_near, load_cues, lowered_text, sentences_with
from extract.find.person_keys import person_key, same_person
from extract.find.sentences import SentenceIndex
from extract.rules import compile_pattern, load_yaml
from schemas.records import Attendee, Declaration, Document

RULE_FILE = "declarations.yaml"


@dataclass(frozen=True)
class Rules:
    keywords: list[str]
    declared: re.Pattern  # a member or a list of them, then a declaring verb
    member: re.Pattern
    listed: re.Pattern  # one member of a list (titled or bare)
    list_lead: re.Pattern
    interest_after: re.Pattern
    kinds: list[tuple[str, str]]  # (words, kind), longest words first
    left_room: re.Pattern
    stayed: re.Pattern
    none: list[tuple[dict, re.Pattern]]
    chair_post: re.Pattern


@cache
def _rules() -> Rules:
    rules = load_yaml(RULE_FILE)
    one = lambda key: compile_pattern(RULE_FILE, {"p": rules[key]}, "p")  # noqa: E731 - a local shorthand
    titled, bare, joint = rules["titled"], rules["bare_name"], rules["member_joint"]
    verb = rules["declares"] + f"(?={rules['declared_interest']})"
    chain = lambda one: f"(?:{one})(?:{joint}(?:{one}))*"  # noqa: E731 - a local shorthand
    # titled members before any declaring verb; a list with a bare name only before "… an interest"
    declared = compile_pattern(RULE_FILE, {"p": f"(?P<name>{chain(titled)}){rules['declares']}|"
                                                f"(?P<bare>{chain(f'{titled}|{bare}')}){verb}"}, "p")
    member = compile_pattern(RULE_FILE, {"p": f"{titled}|{bare}(?={verb})"}, "p")
    kinds = sorted(((words, kind) for kind, all_words in rules["kinds"].items() for words in all_words),
                   key=lambda k: -len(k[0]))
    return Rules(rules["keywords"], declared, member, compile_pattern(RULE_FILE, {"p": titled + "|" + bare}, "p"),
                 one("list_lead"), one("interest_after"), kinds, one("left_room"), one("stayed"),
                 load_cues(RULE_FILE, rules["none"]), one("chair_post"))


# Where the interest's words end: the sentence, or "and" before another member or what they did.
CLAUSE_END = re.compile(r"[.;\n]|\s+and\s+(?=(?:Cllr|Councillor|Mr|Mrs|Ms|left|did|took|remained|withdrew)\b)")


def _interest(text: str, start: int, end: int, rules: Rules) -> str | None:
    """The interest as written: the words after "interest in / as / because …" to the clause's end."""
    m = rules.interest_after.search(text, start, end)
    if not m:
        return None
    stop = CLAUSE_END.search(text, m.end(), end)
    words = text[m.end():stop.start() if stop else end].strip(" ,")
    return words or None


def _kind(clause: str, rules: Rules) -> str | None:
    lowered = clause.lower()
    return next((kind for words, kind in rules.kinds if words in lowered), None)


def _left_room(clause: str, rules: Rules) -> bool | None:
    if rules.left_room.search(clause):
        return True
    return False if rules.stayed.search(clause) else None


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end == -1 else end


def _members(text: str, s: int, e: int, rules: Rules) -> list[tuple[int, int, int]]:
    """(name start, name end, clause end) per member declaring in the sentence text[s:e]; the members
    of one list before one verb share its clause ("A and B declared a personal interest")."""
    lists = []
    for m in rules.declared.finditer(text, s, e):
        group = "name" if m.group("name") is not None else "bare"
        lists.append([(n.start(), n.end()) for n in rules.listed.finditer(text, m.start(group), m.end(group))])
    if not lists and (lead := rules.list_lead.search(text, s, e)):
        e = max(e, _line_end(text, lead.end()))  # the list runs on over its line's sentences
        lists = [[(m.start(), m.end())] for m in rules.member.finditer(text, lead.end(), e)]
    lists = [names for names in lists if names]
    return [(a, b, lists[i + 1][0][0] if i + 1 < len(lists) else e)
            for i, names in enumerate(lists) for a, b in names]


def extract_declarations(doc: Document, sentences: SentenceIndex) -> tuple[list[Declaration], bool]:
    """Document → its declarations, and True when it records that none were declared."""
    text, rules = doc.text, _rules()
    lowered = lowered_text(text)
    spans = sentences.spans
    out, seen = [], {}
    for index in sorted(sentences_with(lowered, rules.keywords, [sp.start for sp in spans])):
        s, e = spans[index].start, spans[index].end
        for a, b, clause_end in _members(text, s, e, rules):
            clause = text[a:clause_end]
            interest = _interest(text, b, clause_end, rules)
            # The same interest restated later ("… declared an interest in PL/00489" again under Planning):
            # the same member, and the same interest or a reference number in common.
            said = seen.setdefault(person_key(text[a:b]), [])
            references = set(re.findall(r"\S*\d\S*", interest or ""))
            if any(interest == other or references & other_refs for other, other_refs in said):
                continue
            said.append((interest, references))
            out.append(Declaration(document_id=doc.id, char_start=a, char_end=b, page=doc.page_at(a),
                                   sentence=sentences.sentence_text(a), rule_id="declaration.sentence", name=text[a:b],
                                   interest=interest, kind=_kind(clause, rules), left_room=_left_room(text[a:e], rules)))
    none = not out and any(finditer_near(p, text, lowered, entry["keywords"]) for entry, p in rules.none)
    return out, none


def with_members(declarations: list[Declaration], attendees: list[Attendee]) -> list[Declaration]:
    """Each declaration with the listed attendee its name refers to: the one chairing for "The Chair",
    else the one person of that name; none when the list names nobody, or more than one, it could be."""
    rules = _rules()
    chairs = {a.name for a in attendees if a.is_chair}
    by_surname: dict[str, list[str]] = {}
    for attendee in attendees:
        by_surname.setdefault(person_key(attendee.name)[0], []).append(attendee.name)
    out = []
    for declaration in declarations:
        if rules.chair_post.fullmatch(declaration.name.strip()):
            named = chairs
        else:
            named = {n for n in by_surname.get(person_key(declaration.name)[0], []) if same_person(n, declaration.name)}
        out.append(declaration.model_copy(update={"member": named.pop()}) if len(named) == 1 else declaration)
    return out
