"""The pattern language of the metric rule files (rules/metric_*.yaml), compiled once.

A rule is a regex with placeholders: {N} a figure, {N:label} a figure given that label (a role or
unit), {D} a plain number, {W} a number word ({n}, {d}, {w}: the same, unmarked), {NOUN} a countable
noun, {MONTH}, {YEAR}, {P} a short period phrase. Conditions: `before` (a regex the text just before
the match must end with), `after_words` (the match follows one of these words, or a list of numbers
after one), `line_start`, `document` (a regex the document must contain). A match acts on the
figures it marks, or on every figure inside it when it marks none.
The matcher (`matcher.py`) runs the compiled rules over a text.
"""

import itertools
import re
import string
from dataclasses import dataclass, field
from functools import cache

from extract.errors import InvalidRuleFile
from extract.rules import RULES_DIR, compile_pattern, load_yaml, require

FIGURES_FILE = "metric_figures.yaml"
ROLES_FILE = "metric_roles.yaml"
ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)

NUMBER = (r"(?:[£$€]\s?)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?(?:m|mn|bn|k|million|billion|thousand)\b)?"
          r"(?:\s?(?:%|per\s?cent\b|percent\b))?")
PLAIN = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
MONTH = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
         r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")
YEAR = r"(?:19|20)\d\d"
PERIOD = (r"(?:\s*\(?\s*(?:in|at|for|during|as\s+at|by)?\s*(?:the\s+)?(?:end\s+of\s+)?(?:" + YEAR
          + r"(?:\s*/\s*(?:19|20)?\d\d)?|" + MONTH + r"(?:\s+" + YEAR + r")?|last\s+year|the\s+previous\s+year)\s*\)?)?")
HEAD = re.compile(r"\{([NDW])(?::(\w+))?\}")
START = ""  # trigger meaning "the start of the text"
FIGURE_KINDS = {"N": ("plain", "unit", "word"), "D": ("plain",), "W": ("word",)}
_ids = itertools.count(1)


@dataclass(frozen=True, eq=False)  # hashed by identity: rule tuples key the caches below
class Rule:
    id: str
    regex: str  # the whole pattern; groups named g<uid>f<j> (marks) and g<uid>unit
    pattern: re.Pattern
    marks: dict = field(default_factory=dict)  # group name → label ("" when unlabelled)
    head: str | None = None  # "N", "D" or "W" when the pattern starts at a marked figure …
    head_label: str = ""
    tail: re.Pattern | None = None  # … and this is the rest, matched at the figure's end
    at_figure: bool = False  # starts at a figure though its pattern is written out in full
    before: re.Pattern | None = None
    after_words: frozenset = frozenset()
    line_start: bool = False
    document: re.Pattern | None = None
    case: bool = False  # match the original text, not the lower-cased copy
    data: dict = field(default_factory=dict)  # unit, role, carry … as written in the file
    uid: int = 0

    @property
    def anchored(self) -> bool:
        return self.head is not None or self.at_figure


def expand(pattern: str, uid: int, words: str = "", nouns: str = "", council: str = "",
           first: int = 0) -> tuple[str, dict]:
    """Replace placeholders with regex; {N}/{D}/{W} become groups g<uid>f<j> → (regex, marks)."""
    marks: dict[str, str] = {}
    words = f"(?<![\\w-])(?:{words})\\b" if words else "(?!)"

    def figure(match: re.Match) -> str:
        kind, label = match.group(1), match.group(2) or ""
        name = f"g{uid}f{first + len(marks)}"
        marks[name] = label
        return f"(?P<{name}>" + {"N": f"{NUMBER}|{words}", "D": PLAIN, "W": words}[kind] + ")"

    regex = HEAD.sub(figure, pattern).replace("(?P<unit>", f"(?P<g{uid}unit>")
    for key, value in (("n", NUMBER), ("d", PLAIN), ("w", words), ("NOUN", nouns), ("MONTH", MONTH),
                       ("YEAR", YEAR), ("P", PERIOD), ("COUNCIL", council)):
        regex = regex.replace("{" + key + "}", value)
    return regex, marks


def _top_level_bar(pattern: str) -> bool:
    depth, escaped, in_class = 0, False, False
    for ch in pattern:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
    return False


def _compile(name: str, entry: dict, words: str, nouns: str) -> Rule:
    require(name, entry, "id", "pattern")
    uid = next(_ids)
    regex, marks = expand(entry["pattern"], uid, words, nouns)
    compiled = compile_pattern(name, {**entry, "pattern": regex})  # a bad rule fails here, with its line
    head = head_label = tail = None
    if m := HEAD.match(entry["pattern"]):
        if _top_level_bar(entry["pattern"]):
            raise InvalidRuleFile(f"{RULES_DIR / name}:{entry.get('_line', 0)}: a pattern that starts with a "
                                  "figure must not have a top-level '|': write {N}(?:a|b), not {N}a|{N}b")
        head, head_label = m.group(1), m.group(2) or ""
        tail_regex, tail_marks = expand(entry["pattern"][m.end():], uid, words, nouns, first=1)
        tail = re.compile(tail_regex)
    before = None
    if "before" in entry:
        before_regex = f"(?:{expand(entry['before'], uid, words, nouns)[0]})\\Z"
        before = compile_pattern(name, {**entry, "before": before_regex}, "before")
    if not all(isinstance(w, str) for w in entry.get("after_words", [])):
        raise InvalidRuleFile(f"{RULES_DIR / name}:{entry.get('_line', 0)}: after_words must be strings; "
                              "quote words YAML reads as booleans ('no', 'on', 'yes')")
    return Rule(
        id=entry["id"], regex=regex, pattern=compiled, marks=marks, head=head, head_label=head_label or "",
        tail=tail, at_figure=entry.get("at") == "figure", before=before,
        after_words=frozenset(" ".join(w.lower().split()) for w in entry.get("after_words", [])),
        line_start=bool(entry.get("line_start")),
        document=compile_pattern(name, entry, "document") if "document" in entry else None,
        case=bool(entry.get("case")), uid=uid,
        data={k: v for k, v in entry.items() if k not in ("pattern", "before", "document", "after_words")},
    )


@dataclass(frozen=True)
class RuleSet:
    number_words: dict
    word_counts: list
    keep: list
    not_metrics: list
    row_exclusions: frozenset[str]  # not_metrics rules (`in_rows: true`) that hold in a table's rows too
    units: list
    roles: list
    local_cues: list
    currencies: dict
    future_planned: re.Pattern


@cache
def rule_set() -> RuleSet:
    figures, roles = load_yaml(FIGURES_FILE), load_yaml(ROLES_FILE)
    words = "|".join(sorted(figures["number_words"], key=len, reverse=True))
    nouns = "(?:" + "|".join(sorted(map(re.escape, figures["countable_nouns"]), key=len, reverse=True)) + ")"

    def section(data: dict, key: str, name: str) -> list[Rule]:
        return [_compile(name, entry, words, nouns) for entry in data[key]]

    timescale = _compile(FIGURES_FILE, figures["timescale"], words, nouns)
    not_metrics = section(figures, "not_metrics", FIGURES_FILE) + [timescale]
    return RuleSet(
        number_words=figures["number_words"],
        word_counts=section(figures, "word_counts", FIGURES_FILE),
        keep=section(figures, "keep", FIGURES_FILE),
        not_metrics=not_metrics,
        row_exclusions=frozenset(r.id for r in not_metrics if r.data.get("in_rows")),
        units=section(figures, "units", FIGURES_FILE),
        roles=section(roles, "roles", ROLES_FILE),
        local_cues=roles["local_cues"],
        currencies=figures["currencies"],
        future_planned=re.compile(roles["future_planned"], re.I),
    )


@cache
def last_words() -> frozenset[str]:
    """The last word of every rule's `after_words` phrase: a figure after any other word needs no lookup."""
    rules = rule_set()
    return frozenset(p.split()[-1] for section in (rules.word_counts, rules.keep, rules.not_metrics, rules.units,
                                                   rules.roles) for r in section for p in r.after_words)


@cache
def local_cue(council: str | None) -> re.Pattern:
    """Words that mark a figure as the council's own ("and Kirklees 5.6%"), for this council."""
    name = re.escape((council or "the council").translate(ASCII_LOWER))
    return re.compile("|".join(f"(?:{expand(c, 0, council=name)[0]})\\Z" for c in rule_set().local_cues))
