"""Stored text → council, committee, meeting date and title, read from what the document says.

Null when the text does not say; a wrong guess is worse than none. Rules: rules/metadata.yaml.
"""

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from extract.read.dates import ANY_DATE, find_dates, writes_month_first
from extract.rules import compile_pattern, load_yaml, require

RULE_FILE = "metadata.yaml"
TITLE_LINE = re.compile(r"(?mi)^\s*title:\s*(?P<title>\S[^\n]{2,200})$")


@dataclass(frozen=True)
class Rules:
    councils: list[tuple[str, re.Pattern, tuple[str, ...]]]  # canonical name, aliases, their opening words
    heading: list[re.Pattern]
    mentions: list[re.Pattern]
    hosts: list[re.Pattern]
    preamble_words: frozenset[str]
    never_in_names: frozenset[str]
    committees: list[re.Pattern]
    committee_preamble: re.Pattern
    dates: list[tuple[int, re.Pattern]]
    not_date_before: re.Pattern
    small_words: frozenset[str]
    opening_chars: int
    mention_chars: int
    not_title_line: re.Pattern
    title_lines: int
    place_mentions: int


@cache
def _rules() -> Rules:
    rules = load_yaml(RULE_FILE)
    councils = []
    for entry in rules["councils"]:
        require(RULE_FILE, entry, "name", "aliases")
        alias = "|".join(f"(?:{a})" for a in entry["aliases"])
        # The literal words the aliases open with: a council none of them occurs in is not scanned.
        openers = tuple({re.match(r"[A-Za-z]*", a).group().lower() for a in entry["aliases"]} - {""})
        councils.append((entry["name"], compile_pattern(RULE_FILE, {**entry, "p": rf"\b(?:{alias})\b"}, "p", re.I),
                         openers))
    return Rules(
        councils=councils,
        heading=[compile_pattern(RULE_FILE, e) for e in rules["council_heading"]],
        mentions=[compile_pattern(RULE_FILE, e) for e in rules["council_mentions"]],
        hosts=[compile_pattern(RULE_FILE, e) for e in rules["council_hosts"]],
        preamble_words=frozenset(rules["not_council_words"]),
        never_in_names=frozenset(rules["not_in_council_names"]),
        committees=[compile_pattern(RULE_FILE, e) for e in rules["committees"]],
        committee_preamble=compile_pattern(RULE_FILE, {"p": rules["committee_preamble"]}, "p"),
        dates=[(e["rank"], compile_pattern(RULE_FILE, {**e, "pattern": e["pattern"].replace("{DATE}", f"(?P<date>{ANY_DATE})")}))
               for e in rules["meeting_dates"]],
        not_date_before=compile_pattern(RULE_FILE, {"p": rules["not_meeting_date_before"]}, "p"),
        small_words=frozenset(rules["small_words"]),
        opening_chars=rules["opening_chars"],
        mention_chars=rules["mention_chars"],
        not_title_line=compile_pattern(RULE_FILE, {"p": rules["not_title_line"]}, "p"),
        title_lines=rules["title_lines"],
        place_mentions=rules["place_mentions"],
    )


def title_case(name: str, small_words: set[str]) -> str:
    """'IMPROVING LIVES SELECT COMMISSION' → 'Improving Lives Select Commission'; mixed case kept."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    words = [w.lower() if w.lower() in small_words else w.capitalize() for w in name.split()]
    return " ".join(words[:1] + words[1:]) if words else name


def _council_name(raw: str) -> str | None:
    """A heading pattern's name group → the council's name: canonical, or title-cased; None when
    nothing but preamble words is left ("MINUTES OF THE SPECIAL")."""
    rules = _rules()
    words = raw.split()
    while words and words[0].lower() in rules.preamble_words:
        words.pop(0)
    if not words or any(w.lower() in rules.never_in_names for w in words):
        return None
    named = " ".join(words)
    for canonical, alias, _ in rules.councils:
        if alias.fullmatch(named):
            return canonical
    return title_case(named, rules.small_words).replace(" & ", " and ")


def infer_council(text: str, hosts: tuple[str, ...] = ()) -> str | None:
    """The council the opening names, else the one mentioned most, else the one its meeting platform's
    address names (`hosts`: those of a page's links, which its text drops)."""
    rules = _rules()
    head = text[:rules.opening_chars]
    for pattern in rules.heading:
        for match in pattern.finditer(head):
            for canonical, alias, _ in rules.councils:
                if alias.search(match.group(0)):
                    return canonical
            if name := _council_name(match.group("name")):
                return name
    text = text[:rules.mention_chars]
    lowered = text.lower()
    mentions = Counter({canonical: len(alias.findall(text)) for canonical, alias, openers in rules.councils
                        if any(word in lowered for word in openers)})
    for pattern in rules.mentions:  # a council named in full ("Gloucester City Council") outweighs a place named in passing
        for match in pattern.finditer(text):
            if name := _council_name(match.group("name")):
                mentions[name] += 2
    name, count = mentions.most_common(1)[0] if mentions else (None, 0)
    return name if count else council_of_hosts([*platform_hosts(text), *hosts], text)


PROPER_NOUNS = re.compile(r"\b[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)*\b")  # a run of capitalised words


def platform_hosts(text: str) -> list[str]:
    """The council words of meeting-platform addresses in `text` (a page's markup keeps its links'
    addresses, which its text drops): "pub-london.escribemeetings.com" → "london"."""
    return [match.group("host") for pattern in _rules().hosts for match in pattern.finditer(text)]


def council_of_hosts(hosts: list[str], text: str) -> str | None:
    """The council a platform's address names, spelt as the text spells it: host "london" and "London
    Police Service" give London; a host no proper noun of the text spells names nobody."""
    if not hosts:
        return None
    spelt = {}
    for match in PROPER_NOUNS.finditer(text[:_rules().mention_chars]):
        words = match.group().split()
        for start in range(len(words)):  # "The London Police Service" spells london, londonpolice, …
            for end in range(start + 1, min(start + 3, len(words)) + 1):
                spelt.setdefault("".join(words[start:end]).lower(), " ".join(words[start:end]))
    for host, _ in Counter(hosts).most_common():
        if name := spelt.get(host):
            return _council_name(name)
    return None


def infer_committee(text: str) -> str | None:
    rules = _rules()
    head = text[:rules.opening_chars]
    for pattern in rules.committees:
        if match := pattern.search(head):
            name = rules.committee_preamble.sub("", " ".join(match.group("committee").split()))
            return title_case(name, rules.small_words)
    return None


def infer_meeting_date(text: str) -> str | None:
    rules = _rules()
    head = text[:rules.opening_chars]
    candidates = []
    month_first = writes_month_first(text[:rules.mention_chars])
    for rank, pattern in rules.dates:
        for match in pattern.finditer(head):
            start = match.start("date")
            if rules.not_date_before.search(head[max(0, start - 60):start]):
                continue
            if found := find_dates(match.group("date"), month_first):
                candidates.append((rank, start, found[0][2]))
    return min(candidates)[2] if candidates else None


def infer_title(text: str) -> str | None:
    if match := TITLE_LINE.search(text[:2000]):
        return match.group("title").strip()
    rules = _rules()
    lines = [line.strip() for line in text[:rules.opening_chars].splitlines() if len(line.strip()) > 3]
    title = next((line for line in lines[:rules.title_lines] if not rules.not_title_line.match(line)), None)
    title = title or next(iter(lines), None)
    return title[:200] if title else None


def place_prefix(text: str, committee: str) -> tuple[str, str] | None:
    """A committee named with its place first ("Limerick Joint Policing Committee", "Horsley
    Neighbourhood Plan Working Group") → (place, the committee's own name): the leading word or two
    are a proper noun, written alone elsewhere in the text and never in lower case."""
    rules = _rules()
    words = committee.split()
    head = text[:rules.mention_chars]
    for size in (2, 1):
        if len(words) < size + 2 or not all(w[:1].isupper() for w in words[:size + 1]):
            continue
        place = " ".join(words[:size])
        alone = re.findall(rf"\b{re.escape(place)}\b(?!\s+{re.escape(words[size])})", head)
        if len(alone) >= rules.place_mentions and not re.search(rf"\b{re.escape(place.lower())}\b", head):
            return place, " ".join(words[size:])
    return None


def infer_metadata(text: str, hosts: tuple[str, ...] = ()) -> dict:
    """Stored text (and the platform hosts of its markup's links) → {council, committee, meeting_date,
    title}, each None where the text is silent. A committee named with its place first gives the council
    where nothing else names it, and is stored without it ("Joint Policing Committee")."""
    council, committee = infer_council(text, hosts), infer_committee(text)
    if committee and (prefixed := place_prefix(text, committee)):
        place, own_name = prefixed
        named = _council_name(place)
        if council is None or named == council or council.startswith(place):
            council, committee = council or named, own_name
    return {
        "council": council,
        "committee": committee,
        "meeting_date": infer_meeting_date(text),
        "title": infer_title(text),
    }
